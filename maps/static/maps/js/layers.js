/* Switch a map's overlay layers on and off from plain checkboxes outside the map.
 *
 * The map's script (maps.rendering.OverlayLayers) keeps its Leaflet layers on the map element as
 * `portalOverlays` (key -> layer). Each `fieldset[data-map-overlays]` lists one checkbox per layer
 * (`data-overlay-key`); the fieldset stays hidden until this script has wired it, so a page without
 * JavaScript shows no switch that does nothing. */
(function () {
  "use strict";

  function mapWithOverlays() {
    var maps = document.querySelectorAll(".portal-map");
    for (var i = 0; i < maps.length; i += 1) {
      if (maps[i].portalOverlays && maps[i].portalMap) { return maps[i]; }
    }
    return null;
  }

  function wire(fieldset) {
    var container = mapWithOverlays();
    if (!container) { return; }
    var map = container.portalMap;
    var layers = container.portalOverlays;
    fieldset.querySelectorAll("input[data-overlay-key]").forEach(function (box) {
      var layer = layers[box.getAttribute("data-overlay-key")];
      if (!layer) { box.disabled = true; return; }
      function apply() {
        if (box.checked) { map.addLayer(layer); } else { map.removeLayer(layer); }
      }
      box.addEventListener("change", apply);
      apply(); // a box the browser restored unticked on going back
    });
    fieldset.hidden = false;
  }

  function start() { document.querySelectorAll("fieldset[data-map-overlays]").forEach(wire); }

  // A map is built on DOMContentLoaded (maps.rendering.PortalMap), which fires after this deferred script runs.
  var pending = Array.prototype.some.call(document.querySelectorAll(".portal-map"), function (element) {
    return !element.portalMap;
  });
  if (document.readyState === "loading" || pending) {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
