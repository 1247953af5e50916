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
