/* GIS import admin: draws the preview map (no tiles: the features alone), drives the progress bar and the
   status shown in the header, and shows on the upload form only the fields of the chosen target. */
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
    var statuses = document.querySelectorAll(".gis-status");
    function tick() {
      fetch(box.getAttribute("data-status-url"), { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.json(); })
        .then(function (state) {
          bar.value = state.progress;
          text.textContent = state.progress + "%";
          statuses.forEach(function (status) {
            status.textContent = state.status_label;
            status.setAttribute("data-status", state.status);
          });
          box.setAttribute("data-progress", String(state.progress));
          if (state.finished) {
            box.setAttribute("data-finished", state.status);
            box.querySelector(".gis-progress-summary").textContent = state.summary || "";
            box.querySelector(".gis-progress-result").hidden = false;
          } else {
            window.setTimeout(tick, 400);
          }
        });
    }
    tick();
  }

  function targetFields() {
    var form = document.querySelector(".gis-upload-form");
    var target = form && form.querySelector("select[name=target]");
    if (!target) { return; }
    var fields = form.querySelectorAll("[data-gis-targets]");
    function show() {
      fields.forEach(function (field) {
        field.hidden = field.getAttribute("data-gis-targets").split(" ").indexOf(target.value) < 0;
      });
    }
    form.querySelector(".gis-target-note").hidden = true;
    target.addEventListener("change", show);
    show();
  }

  document.addEventListener("DOMContentLoaded", function () {
    drawPreview();
    pollProgress();
    targetFields();
  });
})();
