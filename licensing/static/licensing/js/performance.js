/* Agency performance charts: data from the json_script element, drawn with the vendored Chart.js. */
(function () {
  "use strict";
  var source = document.getElementById("performance-data");
  if (!source || typeof Chart === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var rateCanvas = document.getElementById("chart-rate");
  var countCanvas = document.getElementById("chart-counts");
  if (!rateCanvas || !countCanvas) { return; }
  var common = { responsive: true, maintainAspectRatio: false, animation: false };
  window.performanceCharts = [
    new Chart(rateCanvas, {
      type: "bar",
      data: { labels: data.labels, datasets: [{ label: data.text.rate, data: data.on_time_rate, backgroundColor: "#1d6b34" }] },
      options: Object.assign({ indexAxis: "y", scales: { x: { min: 0, max: 100 } } }, common)
    }),
    new Chart(countCanvas, {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: [
          { label: data.text.on_time, data: data.on_time, backgroundColor: "#1d6b34" },
          { label: data.text.late, data: data.late, backgroundColor: "#8a5a00" },
          { label: data.text.overdue, data: data.overdue, backgroundColor: "#a4161a" }
        ]
      },
      options: Object.assign({ indexAxis: "y", scales: { x: { stacked: true }, y: { stacked: true } } }, common)
    })
  ];
})();
