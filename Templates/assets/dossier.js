// Progressive enhancement only: every page is complete without JavaScript.
// On the timeline, adds a box that filters events by any text they show; on the map page,
// loads the events a place's entry does not name when asked.
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

// On the map page, each place's entry names its first events; a button loads the others from
// map/places.js (a script, so it loads from file:// too) and adds them to the entry.
(function () {
  "use strict";
  var list = document.querySelector("details[data-places-src]");
  if (!list) return;
  var root = list.getAttribute("data-root") || "";
  var loaded = null, requested = false, waiting = [];

  function fill(entry, more) {
    var events = loaded[entry.id] || [];
    var ul = entry.querySelector("ul");
    var firstLink = null;
    events.forEach(function (event) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = root + event[0];
      link.textContent = event[1];
      var date = document.createElement("span");
      date.className = "muted";
      date.textContent = event[2];
      item.appendChild(link);
      item.appendChild(document.createTextNode(" "));
      item.appendChild(date);
      ul.appendChild(item);
      firstLink = firstLink || link;
    });
    more.remove();
    if (firstLink) firstLink.focus();
  }

  function failed() {
    requested = false;
    waiting.forEach(function (pair) {
      pair[1].querySelector("button").disabled = false;
      pair[1].querySelector("[role=status]").textContent = list.getAttribute("data-show-more-failed");
    });
    waiting = [];
  }

  window.dossierMapPlaces = function (data) {
    loaded = data;
    waiting.forEach(function (pair) { fill(pair[0], pair[1]); });
    waiting = [];
  };

  list.querySelectorAll("[data-more]").forEach(function (more) {
    var entry = more.parentNode;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "map-more";
    button.textContent = list.getAttribute("data-show-more");
    var status = document.createElement("span");
    status.setAttribute("role", "status");
    more.appendChild(document.createTextNode(" "));
    more.appendChild(button);
    more.appendChild(status);
    button.addEventListener("click", function () {
      if (loaded) return fill(entry, more);
      button.disabled = true;
      waiting.push([entry, more]);
      if (requested) return;
      requested = true;
      var script = document.createElement("script");
      script.src = list.getAttribute("data-places-src");
      script.onerror = function () { script.remove(); failed(); };
      document.head.appendChild(script);
    });
  });
})();
