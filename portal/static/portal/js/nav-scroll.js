// The main menu on a phone scrolls sideways: mark the sides that hide more items (the CSS draws a fade and an
// arrow there) and bring the current page's item into view.
(function () {
  "use strict";
  document.querySelectorAll(".main-nav").forEach(function (nav) {
    var list = nav.querySelector("ul");
    if (!list) { return; }
    function update() {
      var end = list.scrollWidth - list.clientWidth;
      nav.classList.toggle("more-before", list.scrollLeft > 2);
      nav.classList.toggle("more-after", end - Math.abs(list.scrollLeft) > 2);
    }
    var current = list.querySelector("[aria-current]");
    if (current && list.scrollWidth > list.clientWidth) {
      list.scrollLeft = current.offsetLeft - list.offsetLeft - 24;
    }
    list.addEventListener("scroll", update, { passive: true });
    list.addEventListener("focusin", function (event) {
      event.target.scrollIntoView({ block: "nearest", inline: "nearest" });
    });
    window.addEventListener("resize", update);
    update();
  });
})();
