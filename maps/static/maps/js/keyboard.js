/* Every Leaflet map of the site usable without a mouse. Loaded after Leaflet and before any map is built.
 *
 * - A shape (SVG path) with a popup becomes a button in the tab order, named after its feature
 *   (properties.name, else the marker title or tooltip text); markers already are buttons.
 * - Enter or Space on a shape or marker opens its popup and moves focus into it (its first link, else the
 *   popup's text); Escape in the popup, or on the shape, closes it and focus returns to what opened it.
 * - A marker cluster is named by how many places it holds and the one nearest its centre, from the
 *   translated forms the page puts on the map's figure (data-map-cluster-one / -other, with %(count)s and
 *   %(place)s); the popup's close button takes data-map-close-label.
 * - A link with data-map-skip moves focus to its target (the table or list with the map's information).
 * Names reach the page only through setAttribute and textContent. A feature with properties.focus === false
 * is reached another way (its marker) and stays out of the tab order. */
(function () {
  "use strict";
  if (typeof L === "undefined" || L.Map.portalKeyboard) { return; }
  L.Map.portalKeyboard = true;

  var FOCUSABLE = "a[href], button, input, select, textarea, [tabindex]:not([tabindex='-1'])";

  function text(map, key) {
    var holder = map.getContainer().closest("[data-map-" + key + "]");
    return holder ? holder.getAttribute("data-map-" + key) : "";
  }

  function plainText(html) {
    // A parsed document that is never shown: nothing in it loads or runs.
    return new DOMParser().parseFromString(String(html), "text/html").body.textContent.trim();
  }

  function nameOf(layer) {
    var properties = layer.feature && layer.feature.properties;
    if (properties && properties.name) { return String(properties.name); }
    if (layer.options.title) { return String(layer.options.title); }
    var tooltip = layer.getTooltip && layer.getTooltip();
    var content = tooltip && tooltip.getContent();
    if (content && content.nodeType) { return content.textContent.trim(); }
    return content ? plainText(content) : "";
  }

  function elementOf(layer) { return layer && (layer._icon || layer._path); }

  function focusInto(popup) {
    var content = popup._contentNode;
    if (!content) { return; }
    var target = content.querySelector(FOCUSABLE);
    if (!target) {
      content.setAttribute("tabindex", "-1");
      target = content;
    }
    target.focus();
  }

  function onKeyDown(event) {
    var layer = this;
    var key = event.key;
    if (key === "Enter" || key === " " || key === "Spacebar") {
      event.preventDefault();  // no keypress: Leaflet would open the popup a second time
      event.stopPropagation();
      if (!layer._map) { return; }
      layer.openPopup();
      var popup = layer.getPopup();
      if (popup && popup.isOpen()) { focusInto(popup); }
    } else if (key === "Escape" && layer.isPopupOpen && layer.isPopupOpen()) {
      event.preventDefault();
      layer.closePopup();
    }
  }

  function clusterName(map, cluster) {
    var count = cluster.getChildCount();
    var centre = cluster.getLatLng();
    var nearest = null;
    var best = Infinity;
    cluster.getAllChildMarkers().forEach(function (marker) {
      var distance = centre.distanceTo(marker.getLatLng());
      if (distance < best) { best = distance; nearest = marker; }
    });
    var lang = document.documentElement.lang || "en";
    var rule = "other";
    try { rule = new Intl.PluralRules(lang).select(count); } catch (error) { rule = "other"; }
    var form = text(map, rule === "one" ? "cluster-one" : "cluster-other");
    if (!form) { return ""; }
    var place = nearest ? String(nearest.options.title || "") : "";
    return form.replace("%(count)s", function () { return count.toLocaleString(lang); })
      .replace("%(place)s", function () { return place; });
  }

  function onLayerAdd(event) {
    var map = this;
    var layer = event.layer;
    var element = elementOf(layer);
    if (!element) { return; }
    if (layer.getChildCount) {
      var name = clusterName(map, layer);
      if (name) { element.setAttribute("aria-label", name); }
      return;
    }
    if (!(layer.getPopup && layer.getPopup())) { return; }
    var properties = layer.feature && layer.feature.properties;
    if (properties && properties.focus === false) { return; }
    if (layer._path) {
      element.setAttribute("tabindex", "0");
      element.setAttribute("role", "button");
      var label = nameOf(layer);
      if (label) { element.setAttribute("aria-label", label); }
    }
    if (element.portalKeys !== layer) {
      L.DomEvent.on(element, "keydown", onKeyDown, layer);
      element.portalKeys = layer;
    }
  }

  function onPopupOpen(event) {
    var map = this;
    var popup = event.popup;
    var container = popup.getElement();
    var close = popup._closeButton;
    var label = text(map, "close-label");
    if (close && label) { close.setAttribute("aria-label", label); }
    if (container && !container.portalKeys) {
      container.portalKeys = true;
      L.DomEvent.on(container, "keydown", function (keyEvent) {
        if (keyEvent.key === "Escape") {
          keyEvent.preventDefault();
          L.DomEvent.stopPropagation(keyEvent);
          map.closePopup(popup);
        }
      });
    }
  }

  function onPopupClose(event) {
    var popup = event.popup;
    var opener = elementOf(popup._source);
    var container = popup.getElement();
    var active = document.activeElement;
    var lost = !active || active === document.body || (container && container.contains(active));
    if (lost && opener && opener.isConnected) { opener.focus(); }
  }

  L.Map.addInitHook(function () {
    this.on("layeradd", onLayerAdd, this);
    this.on("popupopen", onPopupOpen, this);
    this.on("popupclose", onPopupClose, this);
  });

  if (window.portalMapSkip) { return; }
  window.portalMapSkip = true;
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-map-skip]");
    var target = link && document.getElementById(link.getAttribute("href").slice(1));
    if (!target) { return; }
    event.preventDefault();
    if (!target.matches(FOCUSABLE) && !target.hasAttribute("tabindex")) { target.setAttribute("tabindex", "-1"); }
    target.focus();
    history.replaceState(null, "", link.getAttribute("href"));
  });
})();
