/* Agency performance charts: data from the json_script element, drawn with the vendored Chart.js.
   Long agency and procedure names are broken into lines that fit a phone, and each chart grows with its rows. */
(function () {
  "use strict";
  var source = document.getElementById("performance-data");
  if (!source || typeof Chart === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var rateCanvas = document.getElementById("chart-rate");
  var countCanvas = document.getElementById("chart-counts");
  if (!rateCanvas || !countCanvas) { return; }

  // Words of a label gathered into lines of at most `width` characters (a longer word keeps its own line).
  function wrap(label, width) {
    var lines = [];
    String(label).split(/\s+/).forEach(function (word) {
      var last = lines.length - 1;
      if (last >= 0 && (lines[last] + " " + word).length <= width) { lines[last] += " " + word; } else { lines.push(word); }
    });
    return lines;
  }

  var width = Math.max(12, Math.round(rateCanvas.parentNode.clientWidth / 20));
  var labels = data.labels.map(function (label) { return wrap(label, width); });
  var lineCount = labels.reduce(function (sum, lines) { return sum + lines.length; }, 0);
  [rateCanvas, countCanvas].forEach(function (canvas) {
    canvas.parentNode.style.height = Math.max(320, 60 + lineCount * 16 + labels.length * 12) + "px";
  });
  var ticks = { autoSkip: false };
  var common = { responsive: true, maintainAspectRatio: false, animation: false };
  window.performanceCharts = [
    new Chart(rateCanvas, {
      type: "bar",
      data: { labels: labels, datasets: [{ label: data.text.rate, data: data.on_time_rate, backgroundColor: "#1d6b34" }] },
      options: Object.assign({ indexAxis: "y", scales: { x: { min: 0, max: 100 }, y: { ticks: ticks } } }, common)
    }),
    new Chart(countCanvas, {
      type: "bar",
      data: {
        labels: labels,
        datasets: [
          { label: data.text.on_time, data: data.on_time, backgroundColor: "#1d6b34" },
          { label: data.text.late, data: data.late, backgroundColor: "#8a5a00" },
          { label: data.text.overdue, data: data.overdue, backgroundColor: "#a4161a" }
        ]
      },
      options: Object.assign({ indexAxis: "y", scales: { x: { stacked: true }, y: { stacked: true, ticks: ticks } } }, common)
    })
  ];
  window.drawChartText(window.performanceCharts);
})();
