// The peer pages of the browser benchmark (`make bench`): the same map,
// basemap and data as troopmap's page, drawn by a Leaflet time plugin.
// Each page calls `benchPeer(build)`; `build(map, data, interval)` sets
// the plugin up and returns { step(time), count(), exportText() }.
//
// Query: ?data=URL of the GeoJSON; &canvas=1 draws features with Leaflet's
// canvas renderer instead of SVG.
/* global L */
(function () {
  'use strict';
  var DAY = 86400000;
  var params = new URLSearchParams(location.search);

  // The time rule of troopmap (docs/data-format.md), which compares whole
  // UTC days: a feature is shown from the start of its start's day to the
  // end of its end's day; no start or no end leaves that side open.
  function bound(value, end) {
    if (value === undefined || value === null) {
      return end ? Infinity : -Infinity;
    }
    var text = String(value);
    // A date-time without a zone is UTC, as troopmap reads it.
    if (/T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text)) {
      text += 'Z';
    }
    var day = Math.floor(Date.parse(text) / DAY) * DAY;
    return end ? day + DAY - 1 : day;
  }

  // A feature without dates is shown on every day, as in troopmap.
  function interval(feature) {
    var p = feature.properties || {};
    return { start: bound(p.start, false), end: bound(p.end, true) };
  }

  // The bounds of the routes, where troopmap's page opens too.
  function routeBounds(data) {
    var bounds = L.latLngBounds([]);
    data.features.forEach(function (f) {
      if (f.geometry && f.geometry.type === 'LineString') {
        f.geometry.coordinates.forEach(function (c) {
          bounds.extend([c[1], c[0]]);
        });
      }
    });
    return bounds;
  }

  // A page that cannot load the data says why, as troopmap's does (its
  // #alert), for the benchmark to record.
  function fail(error) {
    var alert = document.createElement('div');
    alert.id = 'alert';
    alert.textContent = String((error && error.message) || error);
    document.body.appendChild(alert);
  }

  window.benchPeer = function (build) {
    peer(build).catch(fail);
  };

  async function peer(build) {
    var map = L.map('map', {
      minZoom: 2,
      maxZoom: 10,
      fadeAnimation: false,
      preferCanvas: params.get('canvas') === '1',
      timeDimension: build.timeDimension === true,
    }).setView([42, 130], 5);
    map.createPane('basemap').style.zIndex = 150;
    // The data is on its way while the basemap is drawn, as in troopmap.
    var pending = fetch(params.get('data')).then(function (r) {
      return r.json();
    });
    var basemap = await (await fetch('/basemap.geojson')).json();
    L.geoJSON(basemap, {
      style: { color: '#9c9488', weight: 0.8, fillColor: '#f4f1e8', fillOpacity: 1 },
      interactive: false,
      pane: 'basemap',
      renderer: L.canvas({ pane: 'basemap' }),
    }).addTo(map);
    // The moment the basemap is painted, as troopmap's page marks it.
    requestAnimationFrame(function () {
      setTimeout(function () {
        performance.mark('basemap');
      });
    });
    var data = await pending;
    var first = Infinity;
    var last = -Infinity;
    data.features.forEach(function (f) {
      // The slider's days span every start and end, as troopmap's.
      var i = interval(f);
      [i.start, i.end].forEach(function (t) {
        if (isFinite(t)) {
          first = Math.min(first, Math.floor(t / DAY) * DAY);
          last = Math.max(last, t);
        }
      });
    });
    var bounds = routeBounds(data);
    if (bounds.isValid()) {
      map.fitBounds(bounds, { maxZoom: 7, animate: false, padding: [30, 30] });
    }
    var tool = build(map, data, interval, first, last);
    // Noon of each day, as troopmap shows a day.
    var noon = function (dayIndex) {
      return first + dayIndex * DAY + DAY / 2;
    };
    tool.step(noon(0));
    window.bench = {
      step: function (dayIndex) {
        tool.step(noon(dayIndex));
      },
      count: tool.count,
      exportText: tool.exportText,
    };
    requestAnimationFrame(function () {
      setTimeout(function () {
        performance.mark('rendered');
      });
    });
  }

  window.benchPoint = function (feature, latlng) {
    return L.circleMarker(latlng, { radius: 5, weight: 2 });
  };
})();
