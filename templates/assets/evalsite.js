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
   A value in the address that the filter does not offer is shown as a notice, never silently dropped.
   Without JavaScript the form stays hidden and the table is complete. */
(function () {
  "use strict";
  var form = document.querySelector("form.es-filters[data-filter-table]");
  if (!form) return;
  var rows = Array.prototype.slice.call(document.querySelectorAll("#" + form.getAttribute("data-filter-table") + " tbody tr"));
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
  var count = document.querySelector(".es-filter-count");
  var empty = document.querySelector(".es-filter-empty");
  var notices = form.querySelector(".es-filter-notices");
  var panel = form.querySelector("details.es-filter-panel");
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
    count.textContent = form.getAttribute("data-count").replace("{shown}", shown).replace("{total}", rows.length);
    empty.hidden = shown > 0;
    if (updateAddress) {
      notices.replaceChildren();
      var query = params.toString();
      history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }
  }
  function say(text, link) {
    var p = document.createElement("p");
    p.textContent = text;
    if (link) { p.append(" "); p.appendChild(link); }
    notices.appendChild(p);
  }
  /* A value the select does not offer: one of the filter's known values (a status no action has yet, an
     organisation in charge of nothing) is added and applied, so the empty result says so; anything else
     is named in a notice and left out. */
  function offer(select, wanted) {
    var known = JSON.parse(select.getAttribute("data-known") || "{}");
    if (!Object.prototype.hasOwnProperty.call(known, wanted)) {
      var label = select.closest("label").firstChild.textContent.trim();
      say(form.getAttribute("data-unknown").replace("{value}", wanted).replace("{filter}", label));
      return;
    }
    select.add(new Option(known[wanted], wanted));
    select.value = wanted;
    if (select.name === "organisation") {
      var link = document.createElement("a");
      link.href = form.getAttribute("data-organisation-page") + encodeURIComponent(wanted) + "/";
      link.textContent = form.getAttribute("data-see-page");
      say(form.getAttribute("data-no-actions").replace("{name}", known[wanted]), link);
    }
  }
  var initial = new URLSearchParams(location.search);
  selects.forEach(function (select) {
    var wanted = initial.get(select.name);
    if (wanted && Array.prototype.some.call(select.options, function (o) { return o.value === wanted; })) select.value = wanted;
    else if (wanted) offer(select, wanted);
    select.addEventListener("change", function () { apply(true); });
  });
  /* the filters stand open on wide screens; on a phone they fold unless the address chose some, so the table comes first */
  if (panel) panel.open = window.matchMedia("(min-width: 45em)").matches || selects.some(function (select) { return select.value; });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.hidden = false;
  apply(false);
})();

/* Sortable action tables: an "Order" choice above each table with more than one row (by due date, by
   status, or as in the plan); the sorted column says so (aria-sort). Without JavaScript the rows keep
   the order of the plan. */
(function () {
  "use strict";
  var STATUS_ORDER = {"not-started": 0, "ongoing": 1, "none": 2, "completed": 3, "dropped": 4};
  document.querySelectorAll("table[data-sortable]").forEach(function (table, n) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var heads = Array.prototype.slice.call(table.querySelectorAll("thead th[data-sort]"));
    var bar = document.createElement("div");
    bar.className = "es-sort";
    var label = document.createElement("label");
    var select = document.createElement("select");
    label.textContent = table.getAttribute("data-sort-label");
    label.htmlFor = select.id = "es-sort-" + n;
    var options = [["", table.getAttribute("data-sort-source")]].concat(heads.map(function (th) {
      return [th.getAttribute("data-sort"), th.textContent.trim()];
    }));
    options.forEach(function (pair) {
      var option = document.createElement("option");
      option.value = pair[0];
      option.textContent = pair[1];
      select.appendChild(option);
    });
    function key(row, by) {
      return by === "due" ? row.dataset.due : String(STATUS_ORDER[row.dataset.status]) + row.dataset.due;
    }
    select.addEventListener("change", function () {
      var by = select.value;
      var sorted = by ? rows.slice().sort(function (a, b) { return key(a, by) < key(b, by) ? -1 : key(a, by) > key(b, by) ? 1 : 0; }) : rows;
      sorted.forEach(function (row) { body.appendChild(row); });
      heads.forEach(function (th) {
        if (th.getAttribute("data-sort") === by) th.setAttribute("aria-sort", "ascending");
        else th.removeAttribute("aria-sort");
      });
    });
    bar.appendChild(label);
    bar.appendChild(select);
    table.parentNode.insertBefore(bar, table);
  });
})();

/* The language switcher keeps what the reader is looking at: the filters in the address (?status=...)
   and the place in the page (#p-110). Its links are rewritten when they are followed, and the click
   goes no further: Material's own handler would send it to a page it guesses from the sitemaps. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.md-select__link[hreflang]");
    if (!link) return;
    var target = new URL(link.getAttribute("href"), location.href);
    target.search = location.search;
    target.hash = location.hash;
    link.href = target.href;
    event.stopPropagation();
  }, true);
})();

/* Search, in Material's dialog, over this language's Pagefind index (partials/search.html says
   where it is). The index comes in parts (generator/search.py): parts.json names the main one,
   which holds Pagefind's script, and the blocks of evaluations that Pagefind merges into it. Each
   part comes in shards: the first search loads the script, its WebAssembly, each part's metadata
   and the shards of the words typed; each result shown loads its own excerpt. Arrow keys move
   between the box and the results, Escape closes, "/" opens from anywhere. */
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
      var bundle = new URL(words.bundle, location.href);
      var base = new URL(words.base, location.href).pathname;
      /* A part's folder is named after its content: its metadata may be cached under that name */
      var settings = function (name) { return {baseUrl: base, excerptLength: 24, metaCacheTag: name}; };
      engine = fetch(new URL("parts.json", bundle), {cache: "no-cache"}).then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      }).then(function (parts) {
        return import(new URL(parts.main + "/pagefind.js", bundle).href).then(function (pagefind) {
          return pagefind.options(settings(parts.main)).then(function () {
            return Promise.all(parts.parts.map(function (name) {
              return pagefind.mergeIndex(new URL(name + "/", bundle).pathname, settings(name));
            }));
          }).then(function () { return pagefind; });
        });
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
      '<p class="es-search-title"></p><p class="es-search-evaluation"></p><p class="es-search-excerpt"></p></article></a>';
    li.querySelector("a").href = best && best.url ? best.url : page.url;
    li.querySelector(".es-search-title").textContent = page.meta.title;
    var evaluation = li.querySelector(".es-search-evaluation");
    if (page.meta.evaluation) evaluation.textContent = page.meta.evaluation;
    else evaluation.remove();
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
  /* Opening and closing go through the toggle's change event, which the keyboard code below listens to. */
  function setOpen(open) {
    if (toggle.checked === open) return;
    toggle.checked = open;
    toggle.dispatchEvent(new Event("change"));
  }
  input.addEventListener("focus", function () { setOpen(true); load(); });
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
      input.blur();
      setOpen(false);
    } else if (event.key === "ArrowDown" && all.length) {
      event.preventDefault();
      all[Math.min(at + 1, all.length - 1)].focus();
    } else if (event.key === "ArrowUp" && at >= 0) {
      event.preventDefault();
      (at === 0 ? input : all[at - 1]).focus();
    }
  });
  box.addEventListener("focusout", function (event) {
    if (toggle.checked && event.relatedTarget && !box.contains(event.relatedTarget)) setOpen(false);
  });
  document.addEventListener("keydown", function (event) {
    var typing = event.target.closest && event.target.closest("input, textarea, select, [contenteditable]");
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      setOpen(true);
      input.focus();
    }
  });
})();

/* The keyboard never goes where the eye cannot follow. On narrow screens the navigation drawer and the
   search overlay are off screen until opened: while closed they are inert (no Tab stop inside them). The
   header's icons that open them are <label>s, which work without JavaScript but take no focus; with
   JavaScript each becomes a real button (aria-expanded says whether its panel is open) that moves focus
   into what it opened; Escape closes it and gives focus back. On wide screens the search field sits in
   the header and stays in the Tab order: focusing it opens the results under it, with focus in the field. */
(function () {
  "use strict";
  var narrow = window.matchMedia("(max-width: 59.984375em)");
  var drawerShown = window.matchMedia("(max-width: 76.234375em)");
  var panels = [
    {toggle: document.getElementById("__drawer"), panel: document.querySelector(".md-sidebar--primary"), when: drawerShown,
     first: ".md-nav__link, a, button"},
    {toggle: document.getElementById("__search"), panel: document.querySelector(".md-search__inner"), when: narrow,
     first: ".md-search__input"}
  ].filter(function (p) { return p.toggle && p.panel; });

  function button(p) {
    var label = document.querySelector("label.md-header__button[for='" + p.toggle.id + "']");
    if (!label) return null;
    var opener = document.createElement("button");
    opener.type = "button";
    opener.className = label.className + " es-opener es-opener-" + p.toggle.id.replace(/^_+/, "");
    opener.innerHTML = label.innerHTML;  /* the icon and its words, from our own template */
    opener.addEventListener("click", function () {
      p.toggle.checked = !p.toggle.checked;
      p.toggle.dispatchEvent(new Event("change"));
    });
    label.replaceWith(opener);
    return opener;
  }
  function update() {
    panels.forEach(function (p) {
      p.panel.inert = p.when.matches && !p.toggle.checked;
      if (p.opener) p.opener.setAttribute("aria-expanded", p.toggle.checked ? "true" : "false");
    });
  }
  panels.forEach(function (p) {
    p.opener = button(p);
    p.toggle.addEventListener("change", function () {
      update();
      if (p.toggle.checked && p.when.matches) {
        var target = p.panel.querySelector(p.first);
        if (target) setTimeout(function () { target.focus(); });
      }
    });
    p.when.addEventListener("change", update);
    p.panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && p.toggle.checked) {
        p.toggle.checked = false;
        p.toggle.dispatchEvent(new Event("change"));
        if (p.opener) p.opener.focus();
      }
    });
  });
  update();
})();

/* Folded parts (an indicator's values, a panel of filters) print unfolded: paper cannot be opened. */
(function () {
  "use strict";
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = Array.prototype.filter.call(document.querySelectorAll("details:not([open])"), function (details) {
      details.open = true;
      return true;
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (details) { details.open = false; });
    opened = [];
  });
})();
