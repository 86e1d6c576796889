// Investment dashboard: draws the charts (vendored Chart.js) and the map of projects by zone and commune
// (vendored Leaflet) from the JSON the page embeds with json_script. Text goes in through textContent only.
(function () {
  "use strict";
  var source = document.getElementById("dashboard-data");
  if (!source) { return; }
  var data = JSON.parse(source.textContent);
  var lang = document.documentElement.lang || "en";
  var T = data.text;

  function chart(id, config) {
    var canvas = document.getElementById(id);
    if (!canvas || typeof Chart === "undefined") { return; }
    // locale: numbers on the axes are written the way the page's language writes them (1.500 in Vietnamese).
    config.options = Object.assign({ responsive: true, maintainAspectRatio: false, animation: false, locale: lang },
      config.options || {});
    canvas.chart = new Chart(canvas, config);
    window.drawChartText([canvas.chart]);
  }

  chart("chart-series", {
    type: "bar",
    data: {
      labels: data.series.labels,
      datasets: [
        { label: T.domestic, data: data.series.domestic_projects, backgroundColor: "#2e7d5b" },
        { label: T.fdi, data: data.series.fdi_projects, backgroundColor: "#1f5fa8" }
      ]
    },
    options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } }
  });
  // Long names (sectors, zones) would not fit left of the bars and get cut at the canvas edge: they are drawn on
  // at most LABEL_LINES lines as wide as LABEL_SHARE of the chart allows, the rest replaced by "…". The tooltip
  // and the tables below keep the full names.
  var LABEL_LINES = 2, LABEL_SHARE = 0.4, CHAR_PX = 6.5;

  function wrapLabel(text, width) {
    var lines = [];
    String(text).split(/\s+/).forEach(function (word) {
      var last = lines.length - 1;
      if (last >= 0 && (lines[last] + " " + word).length <= width) {
        lines[last] += " " + word;
      } else {
        lines.push(word);
      }
    });
    var cut = lines.length > LABEL_LINES;
    lines = lines.slice(0, LABEL_LINES).map(function (line, i) {
      var ends = cut && i === LABEL_LINES - 1;
      return line.length > width || (ends && line.length === width) ? line.slice(0, width - 1) + "…"
        : ends ? line + "…" : line;
    });
    return lines.length > 1 ? lines : lines[0];
  }

  function labelTick(value) {
    var width = Math.max(10, Math.floor(this.chart.width * LABEL_SHARE / CHAR_PX));
    return wrapLabel(this.getLabelForValue(value), width);
  }

  [["chart-country", data.country, "#1f5fa8"], ["chart-sector", data.sector, "#b26a00"],
   ["chart-zone", data.zone, "#2e7d5b"]].forEach(function (spec) {
    chart(spec[0], {
      type: "bar",
      data: { labels: spec[1].labels, datasets: [{ label: T.musd, data: spec[1].m_usd, backgroundColor: spec[2] }] },
      options: {
        indexAxis: "y", plugins: { legend: { display: false } },
        scales: { x: { beginAtZero: true }, y: { ticks: { autoSkip: false, callback: labelTick } } }
      }
    });
  });

  var mapBox = document.getElementById("dashboard-map");
  if (!mapBox || typeof L === "undefined") { return; }
  var map = L.map(mapBox, { scrollWheelZoom: false });
  map.attributionControl.setPrefix(false);
  var layers = { zone: L.featureGroup(), commune: L.featureGroup() };
  var maxValue = Math.max.apply(null, [1].concat(data.map.map(function (p) { return p.m_usd; })));
  data.map.forEach(function (point) {
    var popup = document.createElement("div");
    popup.className = "dashboard-popup";
    var title = document.createElement("strong");
    title.textContent = point.name;
    var line = document.createElement("span");
    line.textContent = point.projects + " " + T.projects + " · " + point.m_usd.toLocaleString(lang) + " " + T.musd;
    popup.appendChild(title);
    popup.appendChild(line);
    var marker = L.circleMarker([point.lat, point.lon], {
      radius: 6 + 24 * Math.sqrt(point.m_usd / maxValue),
      color: point.layer === "zone" ? "#1f5fa8" : "#b26a00", weight: 1, fillOpacity: 0.5
    }).bindPopup(popup);
    // Leaflet reads a string tooltip as HTML: a node with the name as its text keeps a hostile name inert.
    var tip = document.createElement("span");
    tip.textContent = point.name;
    marker.bindTooltip(tip);
    layers[point.layer].addLayer(marker);
  });
  layers.zone.addTo(map);
  layers.commune.addTo(map);
  var overlays = {};
  overlays[T.zones] = layers.zone;
  overlays[T.communes] = layers.commune;
  L.control.layers(null, overlays, { collapsed: false }).addTo(map);
  var all = L.featureGroup([layers.zone, layers.commune]);
  if (data.map.length) {
    // One place (or several at one point) has bounds of no size: without a cap Leaflet zooms in without end.
    map.fitBounds(all.getBounds().pad(0.2), { maxZoom: 13 });
  } else {
    map.setView([11.75, 106.9], 9);
  }
  mapBox.dataset.markers = String(data.map.length);
}());
