// annals explorer: the only script. Without it every page still works:
// triggers link to their event cards. With it, selecting a trigger shows
// that event's card beside the text and lights up the words behind it.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function spansOf(card) {
    var out = [];
    (card.getAttribute("data-spans") || "").split(" ").forEach(function (s) {
      if (!s) return;
      var p = s.split(":"), r = p[0].split("-");
      out.push({ start: +r[0], end: +r[1], kind: p[1] || "" });
    });
    return out;
  }

  function show(events, trigger) {
    var text = document.getElementById("doctext");
    var panel = document.getElementById("evidence");
    if (!text || !panel) return;
    panel.querySelectorAll(".card.shown").forEach(function (c) { c.classList.remove("shown"); });
    text.querySelectorAll(".lit, .lit-source, .lit-target, .active").forEach(function (el) {
      el.classList.remove("lit", "lit-source", "lit-target", "active");
    });
    var hint = panel.querySelector(".hint");
    var first = null;
    events.forEach(function (i) {
      var card = panel.querySelector('.card[data-event="' + i + '"]');
      if (!card) return;
      card.classList.add("shown");
      if (!first) first = card;
      spansOf(card).forEach(function (sp) {
        text.querySelectorAll("[data-s]").forEach(function (el) {
          var s = +el.getAttribute("data-s"), e = +el.getAttribute("data-e");
          if (s >= sp.start && e <= sp.end) {
            if (sp.kind === "trigger") el.classList.add("active");
            else el.classList.add(sp.kind === "source" ? "lit-source" : sp.kind === "target" ? "lit-target" : "lit");
          }
        });
      });
    });
    if (hint) hint.hidden = !!first;
    if (first) {
      panel.scrollTop = 0;
      if (!trigger) first.scrollIntoView({ block: "nearest" });
    }
  }

  document.addEventListener("click", function (ev) {
    var a = ev.target.closest ? ev.target.closest("a.trigger, a.show") : null;
    if (!a) return;
    var list = (a.getAttribute("data-events") || "").split(" ").filter(Boolean);
    if (!list.length) return;
    ev.preventDefault();
    show(list, a.classList.contains("trigger") ? a : null);
    if (history.replaceState) history.replaceState(null, "", a.getAttribute("href"));
  });

  document.addEventListener("DOMContentLoaded", function () {
    // Opening a link to one event (…#ev-12-0) shows that event.
    var id = location.hash.slice(1);
    var card = id && document.getElementById(id);
    if (card && card.classList.contains("card")) show([card.getAttribute("data-event")], null);
  });
})();
