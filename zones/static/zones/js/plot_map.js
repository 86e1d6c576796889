/* A big zone's plots on its map, fetched apart from the page (zones.plot_geojson) at the zoom shown.
 *
 * The page holds the map (the zone's boundary) and, in a JSON script inside [data-zone-plot-map], where to
 * fetch the plots, the styles by status, the popup's words, the plots that fit the visitor's project and the
 * plots the table lists now. Those plots are drawn thicker; when the table is filtered, sorted or paged, the
 * map fits them ("the map follows the table"). Zooming in past the detail loaded fetches finer plots.
 * Every text reaches the page through textContent (popups, labels) or setAttribute (keyboard.js): no HTML. */
(function () {
  "use strict";

  function bucket(config, zoom) {
    return Math.max(config.min_zoom, Math.min(config.max_zoom, Math.round(zoom)));
  }

  function line(parent, label, value, suffix) {
    if (!value) { return; }
    if (parent.childNodes.length) { parent.appendChild(document.createElement("br")); }
    var span = document.createElement("span");
    span.textContent = label ? label + ": " + value + (suffix || "") : value;
    parent.appendChild(span);
  }

  function popup(config, properties, fits) {
    var root = document.createElement("div");
    var title = document.createElement("strong");
    title.textContent = config.labels.plot + " " + properties.code;
    root.appendChild(title);
    line(root, config.labels.land_use, properties.land_use_label);
    line(root, config.labels.status, properties.status_label);
    line(root, config.labels.area, properties.area);
    line(root, config.labels.price, properties.price, " USD/m²");
    if (fits) { line(root, "", config.labels.fits); }
    if (config.ask) {
      var url = new URL(config.ask, window.location.href);
      url.searchParams.set("plot", properties.code);
      var link = document.createElement("a");
      link.className = "map-ask-link";
      link.href = url.pathname + url.search;
      link.textContent = config.labels.ask;
      root.appendChild(document.createElement("br"));
      root.appendChild(link);
    }
    return root;
  }

  function draw(map, config, collection) {
    var fits = new Set(config.fits);
    var listed = new Set(config.listed);
    var listedBounds = L.latLngBounds([]);
    var layer = L.geoJSON(collection, {
      style: function (feature) {
        var status = feature.properties.status;
        var style = Object.assign({}, (fits.has(feature.id) ? config.fit_styles : config.styles)[status]
                                  || config.styles.leased);
        if (listed.has(feature.id)) {
          style.weight = Math.max(style.weight || 1, 3);
          style.className = (style.className || "") + " map-plot-listed";
        }
        return style;
      },
      onEachFeature: function (feature, featureLayer) {
        var properties = feature.properties;
        properties.name = config.labels.name.replace("%(code)s", function () { return properties.code; })
          .replace("%(status)s", function () { return properties.status_label; });
        featureLayer.bindPopup(function () { return popup(config, properties, fits.has(feature.id)); });
        if (fits.has(feature.id)) {
          var label = document.createElement("span");
          label.textContent = properties.code;
          featureLayer.bindTooltip(label, {permanent: true, direction: "center", className: "map-label"});
        }
        if (listed.has(feature.id)) { listedBounds.extend(featureLayer.getBounds()); }
      }
    });
    layer.addTo(map);
    return {layer: layer, listedBounds: listedBounds};
  }

  function start(holder) {
    var container = holder.querySelector(".portal-map");
    var source = holder.querySelector("script[type='application/json']");
    var map = container && container.portalMap;
    if (!map || !source) { return; }
    var config = JSON.parse(source.textContent);
    var loaded = null;
    var current = null;
    var pending = null;

    function load(zoom, first) {
      if (pending === zoom || (loaded !== null && zoom <= loaded)) { return; }
      pending = zoom;
      var url = new URL(config.url, window.location.href);
      url.searchParams.set("zoom", String(zoom));
      fetch(url.pathname + url.search, {headers: {Accept: "application/geo+json"}, credentials: "same-origin"})
        .then(function (response) {
          if (!response.ok) { throw new Error(String(response.status)); }
          return response.json();
        })
        .then(function (collection) {
          if (pending !== zoom) { return; }
          pending = null;
          if (loaded !== null && zoom <= loaded) { return; }
          if (current) { map.removeLayer(current); }
          var drawn = draw(map, config, collection);
          current = drawn.layer;
          loaded = zoom;
          container.setAttribute("data-plots-loaded", String(collection.features.length));
          if (first && config.follow && drawn.listedBounds.isValid()) {
            map.fitBounds(drawn.listedBounds, {maxZoom: config.max_zoom});
          }
        })
        .catch(function () {
          pending = null;
          container.setAttribute("data-plots-loaded", "error");
        });
    }

    load(bucket(config, map.getZoom()), true);
    map.on("zoomend", function () {
      // Redrawing would close the popup being read: finer plots wait for the next zoom.
      if (!container.querySelector(".leaflet-popup")) { load(bucket(config, map.getZoom()), false); }
    });
  }

  function startAll() {
    document.querySelectorAll("[data-zone-plot-map]:not([data-plots-started])").forEach(function (holder) {
      var container = holder.querySelector(".portal-map");
      if (!container || !container.portalMap) { return; }
      holder.setAttribute("data-plots-started", "");
      start(holder);
    });
  }

  // The map is built on DOMContentLoaded by a listener the page registered before this deferred script ran
  // (a deferred script runs while the document is "interactive", before that event); "load" comes later.
  if (document.readyState === "complete") {
    startAll();
  } else {
    document.addEventListener("DOMContentLoaded", startAll);
    window.addEventListener("load", startAll);
  }
})();
