// "Search this area": once the investor moves the result map, a button on it repeats the search within
// the map's bounds (the bbox parameter, west,south,east,north); the page then offers "Search everywhere".
(function () {
  "use strict";

  function bboxOf(map) {
    var bounds = map.getBounds();
    var clamp = function (value, limit) { return Math.min(limit, Math.max(-limit, value)); };
    return [clamp(bounds.getWest(), 180), clamp(bounds.getSouth(), 90), clamp(bounds.getEast(), 180),
            clamp(bounds.getNorth(), 90)].map(function (value) { return value.toFixed(5); }).join(",");
  }

  function attach(section) {
    var element = section.querySelector(".portal-map");
    var map = element && element.portalMap;
    if (!map) {
      return;
    }
    var AreaButton = L.Control.extend({
      options: {position: "topright"},
      onAdd: function () {
        var button = L.DomUtil.create("button", "search-area-button");
        button.type = "button";
        button.hidden = true;
        button.textContent = section.getAttribute("data-search-area-label");
        L.DomEvent.disableClickPropagation(button);
        L.DomEvent.on(button, "click", function () {
          var params = new URLSearchParams(window.location.search);
          params.set("bbox", bboxOf(map));
          params.delete("page");
          window.location.assign(window.location.pathname + "?" + params.toString());
        });
        return button;
      }
    });
    var control = new AreaButton().addTo(map);
    map.on("moveend", function () { control.getContainer().hidden = false; });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-search-area-label]").forEach(attach);
  });
})();
