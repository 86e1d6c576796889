/* Autocomplete for the site search box: asks /<lang>/search/autocomplete/?q=… as the user types. */
(function () {
  "use strict";
  document.querySelectorAll("form.site-search[data-autocomplete-url]").forEach(function (form) {
    var input = form.querySelector("input[name=q]");
    var list = form.querySelector("[role=listbox]");
    var url = form.getAttribute("data-autocomplete-url");
    var timer = null;
    var active = -1;
    var controller = null;

    function close() {
      list.hidden = true;
      list.replaceChildren();
      input.setAttribute("aria-expanded", "false");
      active = -1;
    }

    function show(suggestions) {
      list.replaceChildren();
      suggestions.forEach(function (item, index) {
        var li = document.createElement("li");
        li.setAttribute("role", "option");
        li.id = "site-search-option-" + index;
        var link = document.createElement("a");
        link.href = item.url || (form.action + "?q=" + encodeURIComponent(item.title));
        link.textContent = item.title;
        if (item.type_label) {
          var kind = document.createElement("span");
          kind.className = "site-search-suggestion-type";
          kind.textContent = item.type_label;
          link.appendChild(kind);
        }
        li.appendChild(link);
        list.appendChild(li);
      });
      list.hidden = suggestions.length === 0;
      input.setAttribute("aria-expanded", suggestions.length ? "true" : "false");
    }

    function fetchSuggestions() {
      var q = input.value.trim();
      if (q.length < 2) { close(); return; }
      if (controller) { controller.abort(); }
      controller = new AbortController();
      fetch(url + "?q=" + encodeURIComponent(q), {headers: {Accept: "application/json"}, signal: controller.signal})
        .then(function (response) { return response.ok ? response.json() : {suggestions: []}; })
        .then(function (data) { show(data.suggestions || []); })
        .catch(function (error) { if (error.name !== "AbortError") { close(); } });
    }

    function move(step) {
      var options = list.querySelectorAll("[role=option]");
      if (!options.length) { return; }
      active = (active + step + options.length) % options.length;
      options.forEach(function (option, index) { option.setAttribute("aria-selected", index === active ? "true" : "false"); });
      input.setAttribute("aria-activedescendant", options[active].id);
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, 150);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") { event.preventDefault(); move(1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); move(-1); }
      else if (event.key === "Escape") { close(); }
      else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        list.querySelectorAll("[role=option] a")[active].click();
      }
    });
    document.addEventListener("click", function (event) { if (!form.contains(event.target)) { close(); } });
  });
})();
