/* GIS import admin: draws the preview map (no tiles: the features alone) and drives the progress bar. */
(function () {
  "use strict";

  function label(properties) {
    var element = document.createElement("span");
    element.textContent = [properties.code, properties.name].filter(Boolean).join(" — ");
    return element;
  }

  function drawPreview() {
    var holder = document.getElementById("gis-preview-map");
    var source = document.getElementById("gis-preview-data");
    if (!holder || !source || !window.L) { return; }
    var data = JSON.parse(source.textContent);
    var map = L.map(holder, { preferCanvas: data.features.length > 500 });
    L.control.scale({ imperial: false }).addTo(map);
    var layer = L.geoJSON(data, {
      style: { color: "#b45309", weight: 1, fillOpacity: 0.3 },
      onEachFeature: function (feature, item) { item.bindTooltip(label(feature.properties || {})); }
    }).addTo(map);
    var bounds = layer.getBounds();
    if (bounds.isValid()) { map.fitBounds(bounds); } else { map.setView([11.5, 106.8], 9); }
    holder.setAttribute("data-features", String(data.features.length));
  }

  function pollProgress() {
    var box = document.querySelector(".gis-progress");
    if (!box) { return; }
    var bar = box.querySelector("progress");
    var text = box.querySelector(".gis-progress-text");
    var status = box.querySelector(".gis-progress-status");
    function tick() {
      fetch(box.getAttribute("data-status-url"), { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.json(); })
        .then(function (state) {
          bar.value = state.progress;
          text.textContent = state.progress + "%";
          status.textContent = state.status_label;
          box.setAttribute("data-progress", String(state.progress));
          if (state.finished) {
            box.setAttribute("data-finished", state.status);
            box.querySelector(".gis-progress-result").hidden = false;
          } else {
            window.setTimeout(tick, 400);
          }
        });
    }
    tick();
  }

  document.addEventListener("DOMContentLoaded", function () {
    drawPreview();
    pollProgress();
  });
})();
