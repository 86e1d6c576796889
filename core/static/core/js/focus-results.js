// After a search or a filter reloads the page, focus goes to the results summary ([data-focus-results], with
// tabindex="-1"): a screen reader reads the count, and the first result is the next stop for the Tab key.
(function () {
  "use strict";
  var summary = document.querySelector("[data-focus-results]");
  if (summary && (document.activeElement === document.body || document.activeElement === null)) {
    summary.focus();
  }
})();
