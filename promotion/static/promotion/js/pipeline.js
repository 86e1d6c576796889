/* Pipeline report charts: the figures come from the json_script element and are drawn with the vendored
   Chart.js. Names are drawn on the canvas as plain text; each chart repeats a table printed on the page. */
function drawPipelineCharts() {
  "use strict";
  var source = document.getElementById("pipeline-data");
  if (!source || typeof Chart === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var common = { responsive: true, animation: false };

  function bar(id, labels, datasets, options) {
    var canvas = document.getElementById(id);
    if (!canvas || !labels.length) { return null; }
    return new Chart(canvas, { type: "bar", data: { labels: labels, datasets: datasets },
                               options: Object.assign({}, common, options || {}) });
  }

  window.pipelineCharts = [
    bar("chart-stages", data.stages.labels, [
      { label: data.text.count, data: data.stages.count, backgroundColor: "#1d4f91", yAxisID: "y" },
      { label: data.text.expected, data: data.stages.expected, backgroundColor: "#1d6b34", yAxisID: "y1" }
    ], { scales: { y: { beginAtZero: true, position: "left" }, y1: { beginAtZero: true, position: "right", grid: { drawOnChartArea: false } } } }),
    bar("chart-conversion", data.conversion.labels, [
      { label: data.text.rate, data: data.conversion.rate, backgroundColor: "#1d6b34" }
    ], { scales: { y: { min: 0, max: 100 } } }),
    bar("chart-time", data.time.labels, [
      { label: data.text.average, data: data.time.average, backgroundColor: "#1d4f91" },
      { label: data.text.median, data: data.time.median, backgroundColor: "#8a5a00" }
    ], { scales: { y: { beginAtZero: true } } }),
    bar("chart-owners", data.owners.labels, [{ label: data.text.count, data: data.owners.count, backgroundColor: "#1d4f91" }],
        { indexAxis: "y", scales: { x: { beginAtZero: true } } }),
    bar("chart-countries", data.countries.labels, [{ label: data.text.count, data: data.countries.count, backgroundColor: "#1d4f91" }],
        { indexAxis: "y", scales: { x: { beginAtZero: true } } }),
    bar("chart-sectors", data.sectors.labels, [{ label: data.text.count, data: data.sectors.count, backgroundColor: "#1d4f91" }],
        { indexAxis: "y", scales: { x: { beginAtZero: true } } })
  ];
}

// The admin places page scripts in the head: draw once the figures are in the document.
if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", drawPipelineCharts);
} else {
  drawPipelineCharts();
}
