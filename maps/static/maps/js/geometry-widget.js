/* A map editor over a GeoJSON textarea (maps.widgets.GeometryWidget). The textarea stays the value: every
   drawing, edit, drag, cut or removal writes the editable shapes back into it, and GeoJSON pasted or read from
   a file is drawn on the map. Neighbouring shapes are a grey, read-only layer that corners snap to. */
(function () {
  "use strict";

  var EDIT_STYLE = { color: "#0b5394", weight: 3, fillOpacity: 0.25 };
  var REFERENCE_STYLE = { color: "#6b6b6b", weight: 1.5, fillOpacity: 0.08, dashArray: "4 3" };
  var DEFAULT_VIEW = { center: [16.0, 106.0], zoom: 6 };

  function polygonsOf(geojson) {
    if (!geojson) { return []; }
    if (geojson.type === "FeatureCollection") {
      return geojson.features.reduce(function (all, f) { return all.concat(polygonsOf(f)); }, []);
    }
    if (geojson.type === "Feature") { return polygonsOf(geojson.geometry); }
    if (geojson.type === "Polygon") { return [geojson.coordinates]; }
    if (geojson.type === "MultiPolygon") { return geojson.coordinates.slice(); }
    return [];
  }

  function setUp(root) {
    var textarea = document.getElementById(root.dataset.textarea);
    var mapDiv = root.querySelector(".geometry-widget__map");
    var message = root.querySelector(".geometry-widget__message");
    var fileInput = root.querySelector("input[type=file]");
    var singlePart = root.dataset.singlePart === "true";
    if (!textarea || !mapDiv || typeof L === "undefined" || !L.PM) { return; }
    mapDiv.hidden = false;
    root.querySelector(".geometry-widget__hint").hidden = false;
    root.querySelector(".geometry-widget__file").hidden = false;

    var map = L.map(mapDiv, { zoomControl: true, attributionControl: Boolean(root.dataset.tilesUrl) })
      .setView(DEFAULT_VIEW.center, DEFAULT_VIEW.zoom);
    if (root.dataset.tilesUrl) {
      L.tileLayer(root.dataset.tilesUrl, { attribution: root.dataset.tilesAttribution, maxZoom: 19 }).addTo(map);
    }
    var referenceScript = document.getElementById(root.dataset.reference);
    var reference = L.geoJSON(referenceScript ? JSON.parse(referenceScript.textContent) : null, {
      style: REFERENCE_STYLE, pmIgnore: true, snapIgnore: false, interactive: false
    }).addTo(map);
    var editable = L.featureGroup().addTo(map);

    map.pm.setGlobalOptions({ layerGroup: editable, snappable: true, snapDistance: 15, pathOptions: EDIT_STYLE,
                              allowSelfIntersection: false });
    var strings = document.getElementById(root.dataset.strings);
    if (strings) { map.pm.setLang("portal", JSON.parse(strings.textContent), "en"); }
    map.pm.addControls({
      position: "topleft", drawMarker: false, drawCircleMarker: false, drawPolyline: false, drawCircle: false,
      drawText: false, rotateMode: false, drawPolygon: true, drawRectangle: true, editMode: true, dragMode: true,
      cutPolygon: true, removalMode: true
    });

    function say(text) { message.textContent = text || ""; }

    function shapes() {
      return editable.getLayers().filter(function (layer) { return layer instanceof L.Polygon; });
    }

    function writeBack() {
      var polygons = shapes().reduce(function (all, layer) {
        return all.concat(polygonsOf(layer.toGeoJSON(15)));
      }, []);
      if (!polygons.length) {
        textarea.value = "";
      } else if (polygons.length === 1) {
        textarea.value = JSON.stringify({ type: "Polygon", coordinates: polygons[0] });
      } else {
        textarea.value = JSON.stringify({ type: "MultiPolygon", coordinates: polygons });
      }
      say(singlePart && polygons.length > 1 ? root.dataset.msgMultipart : "");
      textarea.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function watch(layer) {
      layer.on("pm:edit pm:dragend pm:markerdragend pm:vertexremoved", writeBack);
    }

    function fit() {
      var bounds = editable.getLayers().length ? editable.getBounds() : reference.getBounds();
      if (bounds.isValid()) { map.fitBounds(bounds, { padding: [20, 20], maxZoom: 18 }); }
      else { map.setView(DEFAULT_VIEW.center, DEFAULT_VIEW.zoom); }
    }

    function draw(geojson) {
      editable.clearLayers();
      polygonsOf(geojson).forEach(function (rings) {
        var layer = L.geoJSON({ type: "Polygon", coordinates: rings }, { style: EDIT_STYLE }).getLayers()[0];
        editable.addLayer(layer);
        watch(layer);
      });
    }

    function readText() {
      var text = textarea.value.trim();
      if (!text) { editable.clearLayers(); say(""); return true; }
      try {
        draw(JSON.parse(text));
        say("");
        return true;
      } catch (err) {
        say(root.dataset.msgBadText);
        return false;
      }
    }

    map.on("pm:create", function (event) {
      watch(event.layer);
      if (singlePart) {
        editable.getLayers().forEach(function (layer) { if (layer !== event.layer) { editable.removeLayer(layer); } });
      }
      writeBack();
    });
    map.on("pm:cut", function (event) {
      editable.removeLayer(event.originalLayer);
      if (event.layer) {
        editable.addLayer(event.layer);
        watch(event.layer);
      }
      writeBack();
    });
    map.on("pm:remove", writeBack);
    textarea.addEventListener("input", function () { if (readText()) { fit(); } });

    fileInput.addEventListener("change", function () {
      var file = fileInput.files[0];
      if (!file) { return; }
      if (!/\.(geo)?json$/i.test(file.name)) { say(root.dataset.msgOtherFormat); fileInput.value = ""; return; }
      var reader = new FileReader();
      reader.onload = function () {
        var data;
        try { data = JSON.parse(reader.result); } catch (err) { say(root.dataset.msgNotGeojson); return; }
        if (data.type === "FeatureCollection" && data.features.length !== 1) { say(root.dataset.msgSeveral); return; }
        if (!polygonsOf(data).length) { say(root.dataset.msgNotGeojson); return; }
        draw(data);
        writeBack();
        fit();
        say(root.dataset.msgLoaded);
      };
      reader.readAsText(file);
    });

    readText();
    // The map may start in a hidden admin tab: size and frame it whenever it becomes visible.
    var framed = false;
    new ResizeObserver(function () {
      if (!mapDiv.offsetWidth) { return; }
      map.invalidateSize();
      if (!framed) { framed = true; fit(); }
    }).observe(mapDiv);
    root.geometryMap = map;
  }

  function init() {
    document.querySelectorAll("[data-geometry-widget]").forEach(function (root) {
      if (!root.dataset.ready) { root.dataset.ready = "true"; setUp(root); }
    });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
}());
