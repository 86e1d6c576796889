// Polls the import job's JSON status, moves the progress bar, reloads the report when the job finishes.
(function () {
  "use strict";
  var box = document.querySelector(".projects-import-progress");
  if (!box) { return; }
  var bar = box.querySelector("progress");
  var text = box.querySelector("[data-progress-text]");
  function poll() {
    fetch(box.dataset.statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        bar.value = state.percent;
        text.textContent = state.percent + "% (" + state.processed + " / " + state.total + ")";
        if (state.finished) { window.location.reload(); } else { window.setTimeout(poll, 1000); }
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  poll();
}());
