/* The sector picker: a text field that suggests VSIC sectors as one types (the ARIA 1.2 combobox pattern
   with a list box). Up and Down move through the suggestions, Enter chooses one, Escape closes the list.
   Without this script the field stays a plain text field: the server understands words and codes alike.
   Sector names only ever reach the page as text (textContent), never as HTML. */
(function () {
  "use strict";

  var DELAY_MS = 180;

  function init(root) {
    if (root.getAttribute("data-ready")) {
      return;
    }
    root.setAttribute("data-ready", "1");
    var input = root.querySelector("input");
    var list = root.querySelector("[role=listbox]");
    var status = root.querySelector("[data-sector-status]");
    var chosen = root.querySelector("[data-sector-chosen]");
    var url = root.getAttribute("data-suggest-url");
    if (!input || !list || !url) {
      return;
    }
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("autocomplete", "off");

    var results = [];
    var active = -1;
    var timer = null;
    var asked = null;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function open() {
      if (results.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      }
    }

    function announce(count) {
      var text = count === 0 ? root.getAttribute("data-text-none")
        : count === 1 ? root.getAttribute("data-text-one")
          : root.getAttribute("data-text-many").replace("{count}", String(count));
      status.textContent = text;
    }

    function highlight(index) {
      var options = list.querySelectorAll("[role=option]");
      for (var i = 0; i < options.length; i += 1) {
        options[i].setAttribute("aria-selected", i === index ? "true" : "false");
      }
      active = index;
      if (index >= 0 && options[index]) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({block: "nearest"});
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function choose(index) {
      var item = results[index];
      if (!item) {
        return;
      }
      input.value = item.code;
      chosen.textContent = item.label;
      asked = item.code;
      close();
      input.focus();
    }

    function render(items) {
      results = items;
      list.textContent = "";
      items.forEach(function (item, index) {
        var option = document.createElement("li");
        option.id = list.id + "-" + index;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.className = "sector-option";
        var label = document.createElement("span");
        label.className = "sector-option-label";
        label.textContent = item.label;
        var path = document.createElement("span");
        path.className = "sector-option-path";
        path.textContent = item.parents || "";
        option.appendChild(label);
        option.appendChild(path);
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
          choose(index);
        });
        list.appendChild(option);
      });
      active = -1;
      if (items.length) {
        open();
      } else {
        close();
      }
      announce(items.length);
    }

    function ask() {
      var query = input.value.trim();
      if (query === asked) {
        return;
      }
      asked = query;
      chosen.textContent = "";
      if (query.length < 2 && !/^[0-9]/.test(query)) {
        render([]);
        status.textContent = "";
        return;
      }
      fetch(url + "?q=" + encodeURIComponent(query), {headers: {Accept: "application/json"}})
        .then(function (response) { return response.ok ? response.json() : {results: []}; })
        .then(function (data) {
          if (input.value.trim() === query) {
            render(Array.isArray(data.results) ? data.results : []);
          }
        })
        .catch(close);
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(ask, DELAY_MS);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (list.hidden) {
          open();
        }
        highlight(Math.min(active + 1, results.length - 1));
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        highlight(Math.max(active - 1, 0));
      } else if (event.key === "Enter" && !list.hidden && active >= 0) {
        event.preventDefault();
        choose(active);
      } else if (event.key === "Escape" && !list.hidden) {
        event.preventDefault();
        close();
      }
    });
    input.addEventListener("blur", function () {
      window.setTimeout(close, 150);
    });
  }

  function start() {
    var pickers = document.querySelectorAll("[data-sector-picker]");
    for (var i = 0; i < pickers.length; i += 1) {
      init(pickers[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
