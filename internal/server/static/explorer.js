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

  // triggerOf returns the trigger in the text of event i.
  function triggerOf(i) {
    var found = null;
    document.querySelectorAll("#doctext a.trigger").forEach(function (a) {
      if (!found && (a.getAttribute("data-events") || "").split(" ").indexOf(String(i)) >= 0) found = a;
    });
    return found;
  }

  // reveal brings event i's trigger to the middle of the window: its card
  // shows beside it in the panel, which stays at the top of the window.
  function reveal(i) {
    var t = triggerOf(i);
    if (!t) return;
    t.scrollIntoView({ block: "center" });
    fit(t);
  }

  // fit scrolls back up when the shown card starts above the window (the
  // panel cannot stick lower than the end of the text, so near the end it
  // rides up), as far as the trigger t stays in the window.
  function fit(t) {
    var card = document.querySelector("#evidence .card.shown");
    if (!card || !t) return;
    var c = card.getBoundingClientRect(), r = t.getBoundingClientRect();
    var up = Math.min(8 - c.top, window.innerHeight - 8 - r.bottom);
    if (up > 0) window.scrollBy(0, -up);
  }

  document.addEventListener("click", function (ev) {
    var a = ev.target.closest ? ev.target.closest("a.trigger, a.show") : null;
    if (!a) return;
    var list = (a.getAttribute("data-events") || "").split(" ").filter(Boolean);
    if (!list.length) return;
    ev.preventDefault();
    var isTrigger = a.classList.contains("trigger");
    show(list, isTrigger ? a : null);
    if (isTrigger) fit(a);
    else reveal(list[0]); // from the table below the text
    if (history.replaceState) history.replaceState(null, "", a.getAttribute("href"));
  });

  // Opening a link to one event (…#ev-12-0) shows that event and scrolls
  // its trigger into view, not the card (the browser's own jump to the
  // card would leave the trigger off-screen). The browser may jump again
  // when the page has loaded, so the trigger is brought back then.
  function openHash() {
    var id = location.hash.slice(1);
    var card = id && document.getElementById(id);
    if (!card || !card.classList.contains("card")) return false;
    var i = card.getAttribute("data-event");
    show([i], document.body);
    reveal(i);
    return true;
  }
  document.addEventListener("DOMContentLoaded", openHash);
  window.addEventListener("load", function () {
    requestAnimationFrame(function () {
      if (location.hash) openHash();
      // The page has settled (the browser tests wait for this).
      document.documentElement.setAttribute("data-settled", "");
    });
  });
  window.addEventListener("hashchange", openHash);
})();
