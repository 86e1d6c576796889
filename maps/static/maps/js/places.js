/* The places a page lists on its map (maps.rendering.places_map): a JSON script inside [data-map-places] holds
 * them as rows [lat, lon, name, lines, url, link] and the zooms to use. They are drawn as clustered markers,
 * each named by its title and opening a popup with its name, its lines and a link to its page, and the map is
 * fitted to them (with room for the markers), no closer than the point zoom. Every text reaches the page
 * through textContent or setAttribute: no HTML. The map itself holds no place: one rendering serves every list. */
(function () {
  "use strict";

  function popup(row) {
    var root = document.createElement("div");
    var title = document.createElement("strong");
    title.textContent = row[2];
    root.appendChild(title);
    row[3].forEach(function (text) {
      var line = document.createElement("span");
      line.textContent = text;
      root.appendChild(document.createElement("br"));
      root.appendChild(line);
    });
    if (row[4]) {
      var link = document.createElement("a");
      link.setAttribute("href", row[4]);
      link.textContent = row[5];
      root.appendChild(document.createElement("br"));
      root.appendChild(link);
    }
    return root;
  }

  function draw(holder) {
    var element = holder.querySelector(".portal-map");
    var map = element && element.portalMap;
    var data = holder.querySelector("script[type='application/json']");
    if (!map || !data) { return; }
    var config = JSON.parse(data.textContent);
    var cluster = L.markerClusterGroup({disableClusteringAtZoom: config.uncluster_zoom, showCoverageOnHover: false});
    config.places.forEach(function (row) {
      cluster.addLayer(L.marker([row[0], row[1]], {title: row[2], alt: row[2]}).bindPopup(popup(row)));
    });
    map.addLayer(cluster);
    if (config.places.length) {
      map.fitBounds(cluster.getBounds(), {maxZoom: config.point_zoom, padding: [32, 32]});  // a marker stands above its point
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-map-places]").forEach(draw);
  });
})();
