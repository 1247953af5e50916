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
