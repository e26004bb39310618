/* kg site: show the claim(s) behind a highlighted span when it is focused or hovered.
   The claim cards live in the page (the side list); this copies them into one floating box.
   No network, no dependencies. */
(function () {
  "use strict";
  var tip = document.getElementById("claim-tip");
  if (!tip) { return; }
  var current = null;

  function markOf(node) {
    return node && node.nodeType === 1 && node.closest ? node.closest("[data-claim]") : null;
  }

  function cardsFor(el) {
    var seen = {}, cards = [];
    for (var n = el; n && n.nodeType === 1; n = n.parentElement) {
      var iri = n.getAttribute("data-claim");
      if (iri && !seen[iri]) {
        seen[iri] = true;
        var card = document.querySelector('[data-claim-card="' + CSS.escape(iri) + '"]');
        if (card) { cards.push(card); }
      }
    }
    return cards;
  }

  function show(el) {
    var cards = cardsFor(el);
    if (!cards.length) { return; }
    var copies = cards.map(function (card) {
      var copy = card.cloneNode(true);
      copy.removeAttribute("id");
      copy.querySelectorAll("a").forEach(function (a) { a.setAttribute("tabindex", "-1"); });
      return copy;
    });
    tip.replaceChildren.apply(tip, copies);
    tip.hidden = false;
    var r = el.getClientRects()[0] || el.getBoundingClientRect();
    var width = document.documentElement.clientWidth;
    var left = Math.max(8, Math.min(window.scrollX + r.left, window.scrollX + width - tip.offsetWidth - 8));
    tip.style.left = left + "px";
    tip.style.top = (window.scrollY + r.bottom + 8) + "px";
    current = el;
  }

  function hide() {
    tip.hidden = true;
    current = null;
  }

  document.addEventListener("focusin", function (e) {
    var m = markOf(e.target);
    if (m) { show(m); } else if (!tip.contains(e.target)) { hide(); }
  });
  document.addEventListener("mouseover", function (e) {
    var m = markOf(e.target);
    if (m && m !== current) { show(m); }
  });
  document.addEventListener("mouseout", function (e) {
    var m = markOf(e.target);
    var to = e.relatedTarget;
    if (m && !markOf(to) && !(to && tip.contains(to)) && !(document.activeElement && markOf(document.activeElement))) { hide(); }
  });
  tip.addEventListener("mouseleave", function (e) {
    if (!markOf(e.relatedTarget) && !(document.activeElement && markOf(document.activeElement))) { hide(); }
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && !tip.hidden) { hide(); }
  });
})();
