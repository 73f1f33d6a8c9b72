// Starts fetching the basemap and the data the link names while the map's
// wasm module loads; the app takes these answers instead of asking again
// (src/web/page/basemap.rs, start_fetch). The URLs must be the app's own:
// BASEMAP_URL and DATA_URL in src/web/mod.rs.
//
// Loaded `async`, so that the page is parsed (and first painted) without
// waiting for it. Should it ever run after the module has started (which
// asks for what it does not find here as it starts, in the same task as
// it sets `wasmBindings`), it fetches nothing a second time.
(function () {
  "use strict";
  if (!window.wasmBindings) {
    var early = {};
    var wanted = new URLSearchParams(location.search).get("data") || "data/nk-deployment-2024.geojson";
    try {
      // Only files served beside the map; the app says why for any other.
      if (new URL(wanted, location.href).origin === location.origin) {
        early[wanted] = fetch(wanted);
      }
    } catch (e) {
      // The app reports the address it cannot read.
    }
    // The basemap's bytes are read here too, while the module compiles; an
    // answer that is not OK is passed on as it is, for the app to tell.
    early["basemap.geojson"] = fetch("basemap.geojson").then(function (response) {
      return response.ok ? response.arrayBuffer() : response;
    });
    window.troopmapEarly = early;
  }
  // The "basemap" mark: when the picture of the land at the opening view
  // (the map's background until the app draws the land) was painted, as
  // the browser's element timing tells it. The app marks "land" when it
  // has drawn the land itself.
  try {
    new PerformanceObserver(function (list, observer) {
      list.getEntries().forEach(function (entry) {
        if (entry.identifier === "basemap" && entry.renderTime > 0) {
          performance.mark("basemap", { startTime: entry.renderTime });
          observer.disconnect();
        }
      });
    }).observe({ type: "element", buffered: true });
  } catch (e) {
    // A browser without element timing shows the picture all the same.
  }
})();
