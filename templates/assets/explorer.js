/* The explorer of recommendations or findings across evaluations (explorer.md.j2 draws its form).
   The choice lives in the address (?theme=16010&country=CD&follow-up=overdue&q=health), so a view is a
   link; words typed in the text field (`q`) are looked for in the titles, whatever their accents.
   It loads a small index first (per evaluation, how many items have each facet value), then the
   data of only the evaluations that can match (one small file each), and lists the matching items
   as cards. Each facet value shows how many items it would give with the other choices kept.
   Without JavaScript the form stays hidden and the pages list every item. */
(function () {
  "use strict";
  var form = document.querySelector("form.es-explorer");
  if (!form) return;
  var words = form.dataset;
  var results = document.querySelector(".es-explorer-results");
  var staticList = document.querySelector(".es-explorer-static");
  var countOut = form.querySelector(".es-explorer-count");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
  var text = form.querySelector("input[name=q]");
  var panel = form.querySelector("details.es-filter-panel");
  var chosenOut = form.querySelector(".es-filter-chosen");
  var wide = window.matchMedia("(min-width: 45em)");
  var root = new URL(words.root, location.href);
  var PAGE = 50;
  var PARALLEL = 6;
  var index = null;
  var chunks = {};  /* evaluation slug → promise of its items */
  var shown = PAGE;
  var latest = 0;

  function json(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(response.status + " " + url);
      return response.json();
    });
  }
  function chunk(slug) {
    if (!chunks[slug]) chunks[slug] = json(new URL(words.kind + "/data/" + slug + ".json", root));
    return chunks[slug];
  }
  /* Load the data of these evaluations, a few at a time; resolves to {slug: items}. */
  function load(slugs) {
    var found = {};
    var queue = slugs.slice();
    function next() {
      var slug = queue.shift();
      if (!slug) return Promise.resolve();
      return chunk(slug).then(function (data) { found[slug] = data.items; return next(); });
    }
    var workers = [];
    for (var i = 0; i < PARALLEL; i++) workers.push(next());
    return Promise.all(workers).then(function () { return found; });
  }

  function choice() {
    var chosen = {};
    selects.forEach(function (select) { if (select.value) chosen[select.name] = select.value; });
    var words_ = plain(text.value);
    if (words_) chosen.q = words_;
    return chosen;
  }
  /* Text as the search compares it: lower case, without accents, single spaces. */
  function plain(value) {
    return (value || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim();
  }
  function evaluationLevel(facet) { return index.evaluation_level.indexOf(facet) >= 0; }
  /* The evaluations that can have an item matching `chosen`: each chosen value occurs in them (any
     evaluation can hold the words looked for). */
  function candidates(chosen) {
    return index.evaluations.filter(function (ev) {
      return Object.keys(chosen).every(function (facet) {
        return facet === "q" || ((ev.c[facet] || {})[chosen[facet]] || 0) > 0;
      });
    });
  }
  function matches(item, chosen, skip) {
    return Object.keys(chosen).every(function (facet) {
      if (facet === skip) return true;
      if (facet === "q") {
        var haystack = item._text || (item._text = plain(item.label + " " + item.title));
        return chosen.q.split(" ").every(function (word) { return haystack.indexOf(word) >= 0; });
      }
      return (item.f[facet] || []).indexOf(chosen[facet]) >= 0;
    });
  }
  function without(chosen, facet) {
    var rest = {};
    Object.keys(chosen).forEach(function (f) { if (f !== facet) rest[f] = chosen[f]; });
    return rest;
  }
  function itemLevel(chosen) {
    return Object.keys(chosen).some(function (facet) { return !evaluationLevel(facet); });
  }

  /* Counts of each facet's values with the other choices kept: from the index alone when those
     choices concern whole evaluations, else from the loaded items. */
  function counts(chosen, loaded) {
    var result = {};
    index.facets.forEach(function (facet) {
      var others = without(chosen, facet);
      var tally = {};
      if (!itemLevel(others)) {
        candidates(others).forEach(function (ev) {
          var values = ev.c[facet] || {};
          Object.keys(values).forEach(function (v) { tally[v] = (tally[v] || 0) + values[v]; });
        });
      } else {
        candidates(others).forEach(function (ev) {
          (loaded[ev.s] || []).forEach(function (item) {
            if (!matches(item, others)) return;
            (item.f[facet] || []).forEach(function (v) { tally[v] = (tally[v] || 0) + 1; });
          });
        });
      }
      result[facet] = tally;
    });
    return result;
  }
  /* The evaluations whose data the counts and the list need. */
  function needed(chosen) {
    var slugs = {};
    if (itemLevel(chosen)) candidates(chosen).forEach(function (ev) { slugs[ev.s] = true; });
    Object.keys(chosen).forEach(function (facet) {
      var others = without(chosen, facet);
      if (itemLevel(others)) candidates(others).forEach(function (ev) { slugs[ev.s] = true; });
    });
    return Object.keys(slugs);
  }

  function fillOptions(tallies, chosen) {
    selects.forEach(function (select) {
      var facet = select.name;
      var labels = index.labels[facet] || {};
      var tally = tallies[facet] || {};
      var keep = select.value;
      select.replaceChildren();
      var all = document.createElement("option");
      all.value = "";
      all.textContent = select.dataset.all;
      select.appendChild(all);
      Object.keys(labels).forEach(function (value) {
        var n = tally[value] || 0;
        if (!n && value !== chosen[facet]) return;
        var option = document.createElement("option");
        option.value = value;
        option.textContent = labels[value] + " (" + n.toLocaleString(document.documentElement.lang) + ")";
        select.appendChild(option);
      });
      select.value = keep;
    });
  }

  function tag(className, text) {
    var span = document.createElement("span");
    span.className = className;
    span.textContent = text;
    return span;
  }
  function card(ev, item) {
    var li = document.createElement("li");
    li.className = "es-card";
    var head = document.createElement("p");
    head.className = "es-card-title";
    var link = document.createElement("a");
    link.href = new URL(item.url, root).href;
    var label = document.createElement("strong");
    label.textContent = item.label;
    var title = document.createElement("span");
    title.textContent = item.title;
    if (item.lang) title.lang = item.lang;
    link.append(label, words.colon + " ", title);
    head.appendChild(link);
    var source = document.createElement("p");
    source.className = "es-card-source";
    var evLink = document.createElement("a");
    evLink.href = new URL("evaluations/" + ev.s + "/", root).href;
    evLink.textContent = ev.t;
    source.appendChild(evLink);
    var year = item.f.year && item.f.year[0];
    if (year && year !== "none") source.append(" · " + year);
    var facts = document.createElement("p");
    facts.className = "es-card-facts";
    var labels = index.labels;
    if (item.f.position) {
      facts.appendChild(tag("es-position es-position--" + item.f.position[0], labels.position[item.f.position[0]]));
      if (item.actions) {
        facts.append(" ", tag("es-count", item.actions === 1 ? words.actionsOne : words.actionsOther.replace("{n}", item.actions)));
      }
      if ((item.f["follow-up"] || []).indexOf("overdue") >= 0) facts.append(" ", tag("es-follow es-follow--overdue", words.overdue));
    }
    if (item.f.type) {
      facts.appendChild(tag("es-count", labels.type[item.f.type[0]]));
      if (item.f.criterion && item.f.criterion[0] !== "none") facts.append(" ", tag("es-count", labels.criterion[item.f.criterion[0]]));
    }
    (item.f.theme || []).forEach(function (code) { if (code.length > 3) facts.append(" ", tag("es-tag", labels.theme[code] || code)); });
    var places = item.f.country || [];
    if (places.length > 3) facts.append(" ", tag("es-tag", words.countries.replace("{n}", places.length)));
    else places.forEach(function (code) { facts.append(" ", tag("es-tag", labels.country[code] || code)); });
    li.append(head, source, facts);
    if (item.chain && !new URLSearchParams(location.search).get("chain")) {
      var chainLink = document.createElement("a");
      chainLink.href = "?chain=" + encodeURIComponent(ev.s + "/" + item.id);
      chainLink.textContent = words.chainLink;
      var p = document.createElement("p");
      p.appendChild(chainLink);
      li.appendChild(p);
    }
    return li;
  }
  /* The first `shown` of `pairs` as cards; `total` items exist in all (a "more" button loads the next ones). */
  function list(pairs, heading, total) {
    var ol = document.createElement("ol");
    ol.className = "es-cards";
    pairs.slice(0, shown).forEach(function (pair) { ol.appendChild(card(pair[0], pair[1])); });
    results.replaceChildren();
    if (heading) {
      var h = document.createElement("h2");
      h.textContent = heading;
      results.appendChild(h);
    }
    if (!pairs.length) {
      var none = document.createElement("p");
      none.textContent = words.none;
      results.appendChild(none);
    }
    results.appendChild(ol);
    if (total > shown) {
      var more = document.createElement("button");
      more.type = "button";
      more.className = "md-button";
      more.textContent = words.more;
      more.addEventListener("click", function () { shown += PAGE; apply(false); });
      results.appendChild(more);
    }
  }
  function say(shownCount, total) {
    countOut.textContent = words.count.replace("{shown}", shownCount.toLocaleString(document.documentElement.lang))
      .replace("{total}", total.toLocaleString(document.documentElement.lang));
  }

  function byIndexOrder(found, wanted) {
    var pairs = [];
    index.evaluations.forEach(function (ev) {
      (found[ev.s] || []).forEach(function (item) { if (wanted(item)) pairs.push([ev, item]); });
    });
    return pairs;
  }

  /* ?chain=evaluation/recommendation: the recommendation and every one linked to it by "repeats". */
  function showChain(key, ticket) {
    var slug = key.split("/")[0];
    return chunk(slug).then(function (data) {
      var start = data.items.filter(function (item) { return slug + "/" + item.id === key; })[0];
      var members = start && start.chain ? start.chain : [key];
      return load(members.map(function (m) { return m.split("/")[0]; })).then(function (found) {
        if (ticket !== latest) return;
        var pairs = [];
        members.forEach(function (member) {
          var parts = member.split("/");
          var ev = index.evaluations.filter(function (e) { return e.s === parts[0]; })[0];
          (found[parts[0]] || []).forEach(function (item) { if (item.id === parts[1] && ev) pairs.push([ev, item]); });
        });
        say(pairs.length, pairs.length);
        list(pairs, words.chain, pairs.length);
      });
    });
  }

  function apply(updateAddress) {
    var ticket = ++latest;
    var chosen = choice();
    var params = new URLSearchParams();
    Object.keys(chosen).forEach(function (facet) { params.set(facet, facet === "q" ? text.value.trim() : chosen[facet]); });
    var picked = Object.keys(chosen).filter(function (facet) { return facet !== "q"; }).length;
    chosenOut.textContent = picked ? (picked === 1 ? words.chosenOne : words.chosenOther.replace("{n}", picked)) : "";
    var chain = new URLSearchParams(location.search).get("chain");
    if (chain && !updateAddress) params.set("chain", chain);
    if (updateAddress) {
      var query = params.toString();
      history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
      shown = PAGE;
    }
    countOut.textContent = words.loading;
    if (chain && !updateAddress) {
      fillOptions(counts({}, {}), {});
      return showChain(chain, ticket);
    }
    var total = index.evaluations.reduce(function (sum, ev) { return sum + ev.n; }, 0);
    var matching = candidates(chosen);
    var loading;
    if (itemLevel(chosen)) {
      loading = load(needed(chosen)).then(function (found) {
        return {found: found, pairs: byIndexOrder(found, function (item) { return matches(item, chosen); })};
      });
    } else {  /* whole evaluations match: load only what the first cards need */
      var slugs = [];
      var enough = 0;
      matching.forEach(function (ev) { if (enough < shown) { slugs.push(ev.s); enough += ev.n; } });
      loading = load(slugs.concat(needed(chosen))).then(function (found) {
        var pairs = byIndexOrder(found, function () { return true; });
        var count = matching.reduce(function (sum, ev) { return sum + ev.n; }, 0);
        return {found: found, pairs: pairs, count: count};
      });
    }
    return loading.then(function (done) {
      if (ticket !== latest) return;
      fillOptions(counts(chosen, done.found), chosen);
      var count = done.count === undefined ? done.pairs.length : done.count;
      say(count, total);
      list(done.pairs, null, count);
    });
  }

  json(words.index).then(function (data) {
    index = data;
    var initial = new URLSearchParams(location.search);
    if (initial.get("overdue") === "yes" && !initial.get("follow-up")) initial.set("follow-up", "overdue");  /* an older link's words */
    text.value = initial.get("q") || "";
    fillOptions(counts({}, {}), {});
    selects.forEach(function (select) {
      var wanted = initial.get(select.name);
      if (wanted && index.labels[select.name] && index.labels[select.name][wanted] !== undefined) {
        var option = document.createElement("option");
        option.value = wanted;
        select.appendChild(option);
        select.value = wanted;
      }
      select.addEventListener("change", function () { apply(true); });
    });
    var typing = null;
    text.addEventListener("input", function () {
      clearTimeout(typing);
      typing = setTimeout(function () { apply(true); }, 250);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    /* the filters stand open beside the list on wide screens; on a phone they fold, so that the list comes first */
    panel.open = wide.matches || selects.some(function (select) { return select.value; });
    form.hidden = false;
    results.hidden = false;
    staticList.hidden = true;
    return apply(false);
  }).catch(function () {
    form.hidden = false;
    countOut.textContent = words.failed;
  });
})();
