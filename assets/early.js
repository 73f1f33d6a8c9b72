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
  early["basemap.geojson"] = fetch("basemap.geojson");
  window.troopmapEarly = early;
})();
