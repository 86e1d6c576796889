/* Autocomplete for the site search box: asks /<lang>/search/autocomplete/?q=… as the user types and shows the
   titles as a listbox popup of the combobox (WAI-ARIA APG "editable combobox with list autocomplete"). Focus stays
   in the box; the arrow keys move the active option (aria-activedescendant), Enter opens it or, with none active,
   searches; Escape and Tab close the list. */
(function () {
  "use strict";
  document.querySelectorAll("form.site-search[data-autocomplete-url]").forEach(function (form) {
    var input = form.querySelector("input[name=q]");
    var list = form.querySelector("[role=listbox]");
    var status = form.querySelector("[role=status]");
    var url = form.getAttribute("data-autocomplete-url");
    var timer = null;
    var active = -1;
    var controller = null;

    function options() { return list.querySelectorAll("[role=option]"); }

    function isOpen() { return !list.hidden; }

    function clear() {
      list.hidden = true;
      list.replaceChildren();
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function close() {
      clearTimeout(timer);
      if (controller) { controller.abort(); }
      clear();
    }

    function show(suggestions, announcement) {
      clear();
      suggestions.forEach(function (item, index) {
        var option = document.createElement("li");
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.id = "site-search-option-" + index;
        option.setAttribute("data-url", item.url || (form.action + "?q=" + encodeURIComponent(item.title)));
        option.appendChild(document.createTextNode(item.title));
        if (item.type_label) {
          var kind = document.createElement("span");
          kind.className = "site-search-suggestion-type";
          kind.textContent = item.type_label;
          option.appendChild(kind);
        }
        list.appendChild(option);
      });
      list.hidden = suggestions.length === 0;
      input.setAttribute("aria-expanded", suggestions.length ? "true" : "false");
      status.textContent = announcement || "";
    }

    function fetchSuggestions() {
      var q = input.value.trim();
      if (q.length < 2) { close(); return; }
      if (controller) { controller.abort(); }
      controller = new AbortController();
      fetch(url + "?q=" + encodeURIComponent(q), {headers: {Accept: "application/json"}, signal: controller.signal})
        .then(function (response) { return response.ok ? response.json() : {suggestions: []}; })
        .then(function (data) { show(data.suggestions || [], data.announcement); })
        .catch(function (error) { if (error.name !== "AbortError") { close(); } });
    }

    function activate(index) {
      var all = options();
      active = index;
      all.forEach(function (option, i) { option.setAttribute("aria-selected", i === index ? "true" : "false"); });
      input.setAttribute("aria-activedescendant", all[index].id);
      all[index].scrollIntoView({block: "nearest"});
    }

    function move(step) {
      var count = options().length;
      if (!count) { return; }
      activate(active < 0 ? (step > 0 ? 0 : count - 1) : (active + step + count) % count);
    }

    function follow(option) { window.location.assign(option.getAttribute("data-url")); }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, 150);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (isOpen()) { move(event.key === "ArrowDown" ? 1 : -1); } else { fetchSuggestions(); }
      } else if (event.key === "Escape" && isOpen()) {
        event.preventDefault();  // the first Escape only closes; the next one clears the box (type=search)
        close();
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        follow(options()[active]);
      }
    });
    input.addEventListener("blur", close);
    list.addEventListener("mousedown", function (event) { event.preventDefault(); });  // keep focus in the box
    list.addEventListener("click", function (event) {
      var option = event.target.closest("[role=option]");
      if (option) { follow(option); }
    });
  });
})();
