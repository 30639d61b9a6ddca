// Progressive enhancement only: every page is complete without JavaScript.
// On the timeline, adds a box that filters events by any text they show.
(function () {
  "use strict";
  var timeline = document.querySelector("[data-filterable]");
  if (!timeline) return;

  var label = document.createElement("label");
  label.className = "timeline-filter";
  label.textContent = "Filter events ";
  var input = document.createElement("input");
  input.type = "search";
  input.placeholder = "actor, place, type, word…";
  label.appendChild(input);
  var status = document.createElement("span");
  status.className = "muted";
  status.setAttribute("aria-live", "polite");
  label.appendChild(document.createTextNode(" "));
  label.appendChild(status);
  timeline.parentNode.insertBefore(label, timeline);

  var cards = Array.prototype.slice.call(timeline.querySelectorAll(".event-card"));
  var texts = cards.map(function (card) { return card.textContent.toLowerCase(); });

  input.addEventListener("input", function () {
    var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    cards.forEach(function (card, i) {
      var match = words.every(function (w) { return texts[i].indexOf(w) !== -1; });
      card.hidden = !match;
      if (match) shown++;
    });
    timeline.querySelectorAll(".timeline-month, .timeline-year").forEach(function (section) {
      section.hidden = !section.querySelector(".event-card:not([hidden])");
    });
    status.textContent = words.length ? shown + " of " + cards.length + " events" : "";
  });
})();
