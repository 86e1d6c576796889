/* The places a page lists on its map (maps.rendering.places_map): a JSON script inside [data-map-places] holds
 * them as rows [lat, lon, name, lines, url, link] and the zooms to use. They are drawn as clustered markers,
 * each named by its title and opening its popup (maps/js/popup.js), and the map is fitted to them (with room
 * for the markers), no closer than the point zoom. The map itself holds no place: one rendering serves every
 * list. */
(function () {
  "use strict";

  function draw(holder) {
    var element = holder.querySelector(".portal-map");
    var map = element && element.portalMap;
    var data = holder.querySelector("script[type='application/json']");
    if (!map || !data) { return; }
    var config = JSON.parse(data.textContent);
    var cluster = L.markerClusterGroup({disableClusteringAtZoom: config.uncluster_zoom, showCoverageOnHover: false});
    config.places.forEach(function (row) {
      cluster.addLayer(L.marker([row[0], row[1]], {title: row[2], alt: row[2]}).bindPopup(window.portalPopup(row.slice(2))));
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
