// Charts draw their words on a canvas, which does not make the browser fetch the site's fonts for them (each
// script's font comes in slices, loaded for the characters a page shows): draw with the page's own font family,
// and redraw once the slices holding the charts' characters are loaded.
(function () {
  "use strict";
  if (typeof Chart === "undefined") { return; }
  var family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.font.family = family;
  window.drawChartText = function (charts) {
    if (!document.fonts || !document.fonts.load) { return; }
    var words = [];
    charts.forEach(function (chart) {
      (chart.data.labels || []).forEach(function (label) { words.push([].concat(label).join(" ")); });
      chart.data.datasets.forEach(function (dataset) { words.push(dataset.label || ""); });
    });
    document.fonts.load("12px " + family, words.join(" ")).then(function () {
      charts.forEach(function (chart) { chart.update(); });
    });
  };
})();
