// Leaflet.TimeDimension 1.1.1 on the benchmark data (see peer.js). Its
// GeoJSON layer knows instants and per-vertex times, not start/end
// intervals: the layer is extended, as its documentation suggests for
// other data, to show a feature while the time is within its interval.
/* global L, benchPeer, benchPoint */
var DAY = 86400000;
function build(map, data, interval, first, last) {
  // The slider's days: every day of the data, at noon.
  var times = [];
  for (var t = first + DAY / 2; t <= last; t += DAY) {
    times.push(t);
  }
  map.timeDimension.setAvailableTimes(times, 'replace');
  var Interval = L.TimeDimension.Layer.GeoJson.extend({
    _getFeatureTimes: function (feature) {
      if (!feature.featureTimes) {
        var i = interval(feature);
        feature.featureTimes = [i.start, i.end];
      }
      return feature.featureTimes;
    },
    _getFeatureBetweenDates: function (feature, minTime, maxTime) {
      var times = this._getFeatureTimes(feature);
      return times[0] <= maxTime && maxTime <= times[1] ? feature : null;
    },
  });
  var base = L.geoJson(data, { pointToLayer: benchPoint });
  var layer = new Interval(base, {});
  layer.addTo(map);
  return {
    step: function (time) {
      map.timeDimension.setCurrentTime(time);
    },
    // The layer on the map now (after a day with nothing to show, the
    // plugin takes it off the map but keeps it).
    count: function () {
      var shown = layer._currentLayer && map.hasLayer(layer._currentLayer);
      return shown ? layer._currentLayer.getLayers().length : 0;
    },
    exportText: function () {
      var shown = layer._currentLayer && map.hasLayer(layer._currentLayer);
      return JSON.stringify(
        shown ? layer._currentLayer.toGeoJSON() : { type: 'FeatureCollection', features: [] }
      );
    },
  };
}
build.timeDimension = true;
benchPeer(build);
