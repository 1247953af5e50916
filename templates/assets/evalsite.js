/* Printed pages show where each link goes: give every link in the text its absolute address. */
(function () {
  "use strict";
  document.querySelectorAll(".md-content a[href]:not([href^='#'])").forEach(function (link) {
    link.setAttribute("data-print-href", link.href);
  });
})();

/* Permalinks become "copy link" controls: a click copies the absolute address of the recommendation,
   action or paragraph and says so; without JavaScript (or clipboard access) the link still works. */
(function () {
  "use strict";
  function announce(link, text) {
    var note = link.parentNode.querySelector(".es-copied");
    if (!note) {
      note = document.createElement("span");
      note.className = "es-copied";
      note.setAttribute("role", "status");
      link.after(note);
    }
    note.textContent = text;
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.es-permalink");
    if (!link || !navigator.clipboard) return;
    event.preventDefault();
    var address = new URL(link.getAttribute("href"), location.href).href;
    navigator.clipboard.writeText(address).then(function () {
      announce(link, link.getAttribute("data-copied"));
    }, function () {
      location.href = address;
    });
  });
})();

/* Shareable filters: a form over a table of actions whose rows carry data-* attributes. The choice
   lives in the page address (?status=ongoing&organisation=wsm-bsd), so a filtered view is a link.
   Without JavaScript the form stays hidden and the table is complete. */
(function () {
  "use strict";
  var form = document.querySelector("form.es-filters[data-filter-table]");
  if (!form) return;
  var rows = Array.prototype.slice.call(document.querySelectorAll("#" + form.getAttribute("data-filter-table") + " tbody tr"));
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
  var attribute = {evaluation: "evaluation", organisation: "organisations", position: "position",
                   status: "status", timing: "timing", "follow-up": "followUp"};
  function matches(row, name, value) {
    var have = row.dataset[attribute[name]] || "";
    return name === "organisation" ? have.split(" ").indexOf(value) >= 0 : have === value;
  }
  function apply(updateAddress) {
    var params = new URLSearchParams();
    selects.forEach(function (select) { if (select.value) params.set(select.name, select.value); });
    var shown = 0;
    rows.forEach(function (row) {
      var keep = true;
      params.forEach(function (value, name) { if (attribute[name] && !matches(row, name, value)) keep = false; });
      row.hidden = !keep;
      if (keep) shown += 1;
    });
    form.querySelector(".es-filter-count").textContent = form.getAttribute("data-count")
      .replace("{shown}", shown).replace("{total}", rows.length);
    if (updateAddress) {
      var query = params.toString();
      history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }
  }
  var initial = new URLSearchParams(location.search);
  selects.forEach(function (select) {
    var wanted = initial.get(select.name);
    if (wanted && Array.prototype.some.call(select.options, function (o) { return o.value === wanted; })) select.value = wanted;
    select.addEventListener("change", function () { apply(true); });
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.hidden = false;
  apply(false);
})();

/* Search, in Material's dialog, over this language's Pagefind index (partials/search.html says
   where it is). The index comes in shards: the first search loads the script, its WebAssembly and
   the shards of the words typed; each result shown loads its own excerpt. Arrow keys move between
   the box and the results, Escape closes, "/" opens from anywhere. */
(function () {
  "use strict";
  var box = document.querySelector("[data-es-search]");
  var toggle = document.getElementById("__search");
  if (!box || !toggle) return;
  var input = box.querySelector("input[name=query]");
  var status = box.querySelector(".md-search-result__meta");
  var list = box.querySelector(".md-search-result__list");
  var words = box.dataset;
  var PAGE = 10;
  var engine = null;
  var latest = 0;

  function load() {
    if (!engine) {
      /* data-bundle and data-base are relative to the page (the site works under any path): resolve them here */
      engine = import(new URL(words.bundle, location.href).href).then(function (pagefind) {
        var base = new URL(words.base, location.href).pathname;
        return pagefind.options({baseUrl: base, excerptLength: 24}).then(function () { return pagefind; });
      });
    }
    return engine;
  }
  function count(n) {
    return n === 0 ? words.none : n === 1 ? words.one : words.other.replace("#", n.toLocaleString(document.documentElement.lang));
  }
  function item(page) {
    var best = (page.sub_results || [])[0];
    var li = document.createElement("li");
    li.className = "md-search-result__item";
    li.innerHTML = '<a class="md-search-result__link"><article class="md-search-result__article md-typeset">' +
      '<p class="es-search-title"></p><p class="es-search-excerpt"></p></article></a>';
    li.querySelector("a").href = best && best.url ? best.url : page.url;
    li.querySelector(".es-search-title").textContent = page.meta.title;
    li.querySelector(".es-search-excerpt").innerHTML = page.excerpt;  /* Pagefind escapes the text and adds <mark> */
    return li;
  }
  function show(results, from, ticket) {
    return Promise.all(results.slice(from, from + PAGE).map(function (r) { return r.data(); })).then(function (pages) {
      if (ticket !== latest) return;
      var old = list.querySelector(".es-search-more");
      if (old) old.remove();
      pages.forEach(function (page) { list.appendChild(item(page)); });
      if (results.length > from + PAGE) {
        var li = document.createElement("li");
        li.className = "md-search-result__item es-search-more";
        li.innerHTML = '<button type="button" class="md-button"></button>';
        li.firstChild.textContent = words.more;
        li.firstChild.addEventListener("click", function () { show(results, from + PAGE, ticket); });
        list.appendChild(li);
      }
    });
  }
  function run() {
    var query = input.value.trim();
    var ticket = ++latest;
    if (!query) {
      list.replaceChildren();
      status.textContent = words.placeholder;
      return;
    }
    load().then(function (pagefind) { return pagefind.debouncedSearch(query, {}, 150); }).then(function (search) {
      if (!search || ticket !== latest) return;
      list.replaceChildren();
      status.textContent = count(search.results.length);
      return show(search.results, 0, ticket);
    }).catch(function () { status.textContent = words.failed; });
  }
  function links() { return Array.prototype.slice.call(list.querySelectorAll("a, button")); }

  input.addEventListener("input", run);
  input.addEventListener("focus", function () { toggle.checked = true; load(); });
  toggle.addEventListener("change", function () { if (toggle.checked) input.focus(); });
  box.querySelector("form").addEventListener("submit", function (event) {
    event.preventDefault();
    var first = links()[0];
    if (first && first.href) location.href = first.href;
  });
  box.querySelector("form").addEventListener("reset", function () { setTimeout(run); input.focus(); });
  box.addEventListener("keydown", function (event) {
    var all = links();
    var at = all.indexOf(document.activeElement);
    if (event.key === "Escape") {
      toggle.checked = false;
      input.blur();
    } else if (event.key === "ArrowDown" && all.length) {
      event.preventDefault();
      all[Math.min(at + 1, all.length - 1)].focus();
    } else if (event.key === "ArrowUp" && at >= 0) {
      event.preventDefault();
      (at === 0 ? input : all[at - 1]).focus();
    }
  });
  document.addEventListener("keydown", function (event) {
    var typing = event.target.closest && event.target.closest("input, textarea, select, [contenteditable]");
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      toggle.checked = true;
      input.focus();
    }
  });
})();
