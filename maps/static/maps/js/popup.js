/* The popup of a place on a map, built from its parts [name, lines, url, link] (maps.rendering.popup_parts): the
 * name in bold, each line below it and a link to its page. Every text reaches the page through textContent or
 * setAttribute: no HTML. Used by the overview maps (maps.rendering.PopupTable) and maps/js/places.js. */
window.portalPopup = function (parts) {
  "use strict";
  var root = document.createElement("div");
  var title = document.createElement("strong");
  title.textContent = parts[0];
  root.appendChild(title);
  parts[1].forEach(function (text) {
    var line = document.createElement("span");
    line.textContent = text;
    root.appendChild(document.createElement("br"));
    root.appendChild(line);
  });
  if (parts[2]) {
    var link = document.createElement("a");
    link.setAttribute("href", parts[2]);
    link.textContent = parts[3];
    root.appendChild(document.createElement("br"));
    root.appendChild(link);
  }
  return root;
};
