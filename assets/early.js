// Starts fetching the basemap and the data the link names while the map's
// wasm module loads; the app takes these answers instead of asking again
// (src/web/page/basemap.rs, start_fetch). The URLs must be the app's own:
// BASEMAP_URL and DATA_URL in src/web/mod.rs.
(function () {
  "use strict";
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
})();
