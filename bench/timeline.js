// Leaflet.timeline 1.6.0 on the benchmark data (see peer.js).
/* global L, benchPeer, benchPoint */
benchPeer(function (map, data, interval) {
  var timeline = L.timeline(data, {
    getInterval: interval,
    pointToLayer: benchPoint,
  });
  timeline.addTo(map);
  return {
    step: function (time) {
      timeline.setTime(time);
    },
    count: function () {
      return timeline.getLayers().length;
    },
    exportText: function () {
      return JSON.stringify(timeline.toGeoJSON());
    },
  };
});
