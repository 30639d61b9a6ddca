// Progressive enhancement only: every page is complete without JavaScript.
// - The timeline's filter: facets over the whole report, kept in the address (see README,
//   "Filtering the timeline"), from data/filter/*.js.
// - The map page: loads the events a place's entry does not name when asked (map/places.js).
// - A split timeline: old links to a year's anchor (timeline/#y2024) go to the year's page.
(function () {
  "use strict";
  // Numbers in the site's digits, as the build writes them (`digits:` in site.yaml, or the
  // language's usual ones): the page says which (`data-digits`) when they are not 0–9.
  var DIGIT_ZERO = { arab: 0x660, arabext: 0x6F0 }[document.documentElement.getAttribute("data-digits")];
  function localNumber(value) {
    var text = String(value);
    return DIGIT_ZERO ? text.replace(/[0-9]/g, function (digit) { return String.fromCharCode(DIGIT_ZERO + Number(digit)); }) : text;
  }

  // ---- Data files: scripts that call dossierData(name, value), so they load from file:// too.
  var loaded = {}, waiting = {}, requested = {};
  window.dossierData = function (name, value) {
    loaded[name] = value;
    (waiting[name] || []).forEach(function (callbacks) { callbacks[0](value); });
    delete waiting[name];
  };
  function loadData(src, name) {
    return new Promise(function (resolve, reject) {
      if (Object.prototype.hasOwnProperty.call(loaded, name)) return resolve(loaded[name]);
      (waiting[name] = waiting[name] || []).push([resolve, reject]);
      if (requested[src]) return;
      requested[src] = true;
      var script = document.createElement("script");
      script.src = src;
      script.onerror = function () {
        delete requested[src];
        script.remove();
        (waiting[name] || []).forEach(function (callbacks) { callbacks[1](new Error("could not load " + src)); });
        delete waiting[name];
      };
      document.head.appendChild(script);
    });
  }

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // ---- Drawings made here: the map page zoomed, the filter's results.
  var SVG_NS = "http://www.w3.org/2000/svg";
  function svgElement(name, attributes, text) {
    var node = document.createElementNS(SVG_NS, name);
    for (var key in attributes) node.setAttribute(key, attributes[key]);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // The report's countries named at their label points (`facets.countryPoints`), under the
  // markers of a map drawn here whose window starts at (x, y) in world units.
  function countryLabels(facets, x, y, scale, width, height) {
    var labels = svgElement("g", { "class": "map-labels" });
    (facets.countryPoints || []).forEach(function (point, index) {
      if (!point) return;
      var left = (point[0] - x) * scale, top = (point[1] - y) * scale;
      if (left > 20 && left < width - 20 && top > 12 && top < height - 8) {
        labels.appendChild(svgElement("text", { x: left, y: top, "class": "map-label-report", "text-anchor": "middle" }, facets.countries[index]));
      }
    });
    return labels;
  }

  // A group's events by type: its most frequent type's id (the marker's colour) and the words
  // "Attack 3, Strike 2", in site.yaml's order.
  function typeBreakdown(facets, events) {
    var counts = {};
    events.forEach(function (index) { counts[facets.type[index]] = (counts[facets.type[index]] || 0) + 1; });
    var kinds = Object.keys(counts).sort(function (a, b) { return a - b; });
    var dominant = kinds.slice().sort(function (a, b) { return counts[b] - counts[a] || a - b; })[0];
    return {
      type: facets.types[dominant] ? facets.types[dominant][0] : "",
      words: kinds.map(function (type) { return (facets.types[type] ? facets.types[type][1] : "") + " " + localNumber(counts[type]); }).join(", ")
    };
  }

  // A marker drawn into its link: its count on a solid disc of radius `r` (legible), and a
  // dashed halo around it when the least precise of its places is known only to a district or
  // region (`vaguest`, an index into `precisions`, the order of LocationPrecision).
  var HALO = 4;
  function drawMarker(link, group, r, vaguest, precisions) {
    if (vaguest >= 2) link.appendChild(svgElement("circle", { "class": "map-marker precision-" + precisions[vaguest], cx: group.x, cy: group.y, r: r + HALO }));
    link.appendChild(svgElement("circle", { "class": "map-marker precision-" + precisions[Math.min(Math.max(vaguest, 0), 1)], cx: group.x, cy: group.y, r: r }));
    link.appendChild(svgElement("text", { "class": "map-count", x: group.x, y: group.y + 3.5 }, localNumber(group.events.length)));
  }

  // Markers that would touch: one marker in one country, else moved apart (the rules of
  // EventMap.separate). Each marker is compared only with those in its own and the eight
  // neighbouring cells of a grid as wide as the two largest markers side by side, so thousands
  // of places take a few rounds of near-linear work, not every pair. A round that changes
  // nothing compares every touching pair, so the result has no overlap left.
  function separateMarkers(groups, radius) {
    for (var round = 0; round < 40; round++) {
      var changed = false, cells = {}, largest = 0;
      groups.sort(function (a, b) { return b.events.length - a.events.length; });
      groups.forEach(function (group, order) {
        group.order = order;
        group.gone = false;
        largest = Math.max(largest, radius(group));
      });
      var size = 2 * largest + 3;
      groups.forEach(function (group) {
        var key = Math.floor(group.x / size) + "," + Math.floor(group.y / size);
        (cells[key] = cells[key] || []).push(group);
      });
      groups.forEach(function (a) {
        if (a.gone) return;
        var column = Math.floor(a.x / size), line = Math.floor(a.y / size);
        for (var dx = -1; dx <= 1; dx++) {
          for (var dy = -1; dy <= 1; dy++) {
            var near = cells[(column + dx) + "," + (line + dy)] || [];
            for (var n = 0; n < near.length; n++) {
              var b = near[n];
              if (b.order <= a.order || b.gone) continue;
              var x = b.x - a.x, y = b.y - a.y, distance = Math.sqrt(x * x + y * y), needed = radius(a) + radius(b) + 3;
              if (distance >= needed) continue;
              changed = true;
              if (a.country === b.country) {
                var total = a.events.length + b.events.length;
                a.x = (a.x * a.events.length + b.x * b.events.length) / total;
                a.y = (a.y * a.events.length + b.y * b.events.length) / total;
                // Appended in place: copying the growing list at each merge would cost the square.
                for (var k = 0; k < b.places.length; k++) a.places.push(b.places[k]);
                for (k = 0; k < b.events.length; k++) a.events.push(b.events[k]);
                a.vague = a.vague || b.vague;
                b.gone = true;
              } else {
                var ux = distance > 0.01 ? x / distance : 1, uy = distance > 0.01 ? y / distance : 0, shift = (needed - distance) / 2 + 0.1;
                a.x -= ux * shift; a.y -= uy * shift; b.x += ux * shift; b.y += uy * shift;
              }
            }
          }
        }
      });
      groups = groups.filter(function (group) { return !group.gone; });
      if (!changed) break;
    }
    return groups;
  }

  // ---- A split timeline: timeline/#y2024 and #m2024-02 (and #2024) lead to their pages.
  (function () {
    var years = document.querySelector("[data-split-timeline]");
    if (!years || !location.hash) return;
    var id = decodeURIComponent(location.hash.slice(1));
    if (/^\d{4}$/.test(id)) id = "y" + id;
    var target = document.getElementById(id);
    var link = target && (target.matches("a") ? target : target.querySelector("a"));
    if (link && years.contains(link)) location.replace(link.href);
  })();

  // ---- The map page: a place's events beyond those its entry names.
  (function () {
    var list = document.querySelector("details[data-places-src]");
    if (!list) return;
    var root = list.getAttribute("data-root") || "";
    list.querySelectorAll("[data-more]").forEach(function (more) {
      var entry = more.parentNode;
      var button = element("button", { type: "button", "class": "map-more" }, list.getAttribute("data-show-more"));
      var status = element("span", { role: "status" });
      more.appendChild(document.createTextNode(" "));
      more.appendChild(button);
      more.appendChild(status);
      button.addEventListener("click", function () {
        button.disabled = true;
        loadData(list.getAttribute("data-places-src"), "map-places").then(function (places) {
          var ul = entry.querySelector("ul"), first = null;
          (places[entry.id] || []).forEach(function (event) {
            var item = element("li"), link = element("a", { href: root + event[0] }, event[1]);
            item.appendChild(link);
            item.appendChild(document.createTextNode(" "));
            // [link, title, date] and, for a place's events that share no place, where each was.
            item.appendChild(element("span", { "class": "muted" }, event[2] + (event[3] ? " · " + event[3] : "")));
            ul.appendChild(item);
            first = first || link;
          });
          more.remove();
          if (first) first.focus();
        }, function () {
          button.disabled = false;
          status.textContent = list.getAttribute("data-show-more-failed");
        });
      });
    });
  })();

  // ---- The map page zooms and pans: a progressive enhancement. Without a script the page's
  // own drawings stand (and each country's closer map, `map/iraq/`, is a page of its own).
  // Zoomed in, the places are grouped again for the window, from the filter's index (each
  // place's point, each event's place, type and country), by the rules of the drawings: one
  // marker in one country, moved apart across a border, none over another, a finger wide on a
  // phone. A marker leads to its events in the timeline's filter.
  (function () {
    var page = document.querySelector("[data-map-zoom]");
    var figure = page && page.querySelector(".map-figure");
    var drawings = figure ? Array.prototype.slice.call(figure.querySelectorAll("svg.map")) : [];
    if (!drawings.length) return;
    var words = JSON.parse(page.getAttribute("data-words") || "{}"), root = page.getAttribute("data-root") || "", timeline = page.getAttribute("data-timeline");
    var say = function (key, values) {
      return (words[key] || key).replace(/\{(\w+)\}/g, function (_, name) { return values && name in values ? (typeof values[name] === "number" ? localNumber(values[name]) : values[name]) : ""; });
    };
    // The drawings' window in world units (0-1000), read from the outlines under them.
    var first = drawings[0], base = first.querySelector("image.map-base"), box = first.viewBox.baseVal;
    if (!base || !box) return;
    var scale0 = parseFloat(base.getAttribute("width")) / 1000;
    var home = { x: -parseFloat(base.getAttribute("x")) / scale0, y: -parseFloat(base.getAttribute("y")) / scale0, span: box.width / scale0 };
    var RATIO = box.height / box.width, MOST = 64;
    var dragged = 0, view = null, points = null, facets = null, drawn = null, live = element("span", { "class": "map-zoom-status", role: "status" });

    var bar = element("div", { "class": "map-zoom", role: "group", "aria-label": say("map.zoom.label") });
    var zoomIn = element("button", { type: "button" }, say("map.zoom.in"));
    var zoomOut = element("button", { type: "button" }, say("map.zoom.out"));
    var reset = element("button", { type: "button" }, say("map.zoom.reset"));
    [zoomIn, zoomOut, reset].forEach(function (button) { bar.appendChild(button); });
    bar.appendChild(element("span", { "class": "muted map-zoom-hint", id: "map-zoom-hint" }, say("map.zoom.hint")));
    bar.appendChild(live);
    figure.parentNode.insertBefore(bar, figure);
    zoomOut.disabled = reset.disabled = true;

    // The events this map shows (a country's closer map: those of that country, by every name
    // they give it) that have a point.
    var located = null;
    function gather() {
      var only = JSON.parse(page.getAttribute("data-countries") || "null"), inCountry = {};
      if (only) facets.countries.forEach(function (name, index) { if (only.indexOf(name) >= 0) inCountry[index] = true; });
      located = [];
      for (var index = 0; index < facets.count; index++) {
        if (points.x[index] < 0 || (only && !inCountry[facets.country[index]])) continue;
        located.push(index);
      }
    }

    function timelineHref(parameter, value) {
      return timeline + "?" + parameter + "=" + encodeURIComponent(value);
    }

    // The types the legend shows (its boxes hide a type without a script: the zoomed drawing follows them).
    function shownTypes() {
      var shown = {};
      facets.types.forEach(function (type, index) {
        var box = page.querySelector('.map-filter input[data-map-type="' + type[0] + '"]');
        if (!box || box.checked) shown[index] = true;
      });
      return shown;
    }

    function draw() {
      var width = Math.max(260, figure.clientWidth || 640), height = Math.round(width * RATIO), scale = width / view.span;
      var svg = svgElement("svg", { "class": "map map-zoomed", viewBox: "0 0 " + width + " " + height, tabindex: "0", "aria-labelledby": "map-zoom-title", "aria-describedby": "map-zoom-hint" });
      svg.appendChild(svgElement("title", { id: "map-zoom-title" }, say("map.zoom.title", { times: Math.round(home.span / view.span) })));
      svg.appendChild(svgElement("image", { "class": "map-base", href: root + facets.outlinesPath, x: -view.x * scale, y: -view.y * scale, width: 1000 * scale, height: 1000 * scale }));
      svg.appendChild(countryLabels(facets, view.x, view.y, scale, width, height));
      // Events in the window (and a margin), grouped by country in cells of the ground (km
      // squares, a marker wide in the window's middle), then kept apart: a marker of one place
      // is named by it, else by the country all share.
      var types = shownTypes(), least = width < 560 ? 12.5 : 9, cells = {}, groups = [];
      var left = view.x * 100, top = view.y * 100, per = scale / 100, margin = 30;
      // A world unit is 40,075 km / 1000 at the equator, times cos(latitude) (Web Mercator keeps shapes).
      function latitude(worldY) { return Math.atan(Math.sinh(Math.PI * (1 - 2 * worldY / 1000))); }
      var middle = Math.cos(latitude(view.y + view.span * RATIO / 2)), unit = 40.075 * middle;
      var cellKm = 2 * least / scale * unit;
      located.forEach(function (index) {
        if (!types[facets.type[index]]) return;
        var x = (points.x[index] - left) * per, y = (points.y[index] - top) * per;
        if (x < -margin || y < -margin || x > width + margin || y > height + margin) return;
        // Kilometres east of the window's left edge (at the middle's scale) and north of the equator.
        var east = (points.x[index] / 100 - view.x) * unit, north = latitude(points.y[index] / 100) * 6371;
        var key = facets.country[index] + ":" + Math.floor(east / cellKm) + ":" + Math.floor(north / cellKm), group = cells[key];
        if (!group) {
          group = cells[key] = { places: [], seen: {}, events: [], country: facets.country[index], sumX: 0, sumY: 0, vague: false };
          groups.push(group);
        }
        // Known only to a district or region: its marker gets a dashed halo, as the legend says.
        if (points.precision[index] >= 2) group.vague = true;
        group.events.push(index);
        group.sumX += x;
        group.sumY += y;
        var place = facets.place[index];
        if (!group.seen[place]) { group.seen[place] = true; group.places.push(place); }
      });
      groups.forEach(function (group) { group.x = group.sumX / group.events.length; group.y = group.sumY / group.events.length; });
      function disc(group) { return Math.max(least, 6 + 2.4 * String(group.events.length).length); }
      function radius(group) { return disc(group) + (group.vague ? HALO : 0); }
      groups = separateMarkers(groups, radius);
      var markers = svgElement("g", { "class": "map-zoom-markers" }), shown = 0;
      groups.forEach(function (group) {
        // Drawn as precisely as its vaguest event is known (as the page's drawings are).
        var vaguest = 0, breakdown = typeBreakdown(facets, group.events);
        group.events.forEach(function (index) { vaguest = Math.max(vaguest, points.precision[index]); });
        // (Merged groups may list a place twice: one place is all of them the same.)
        var one = group.places.every(function (place) { return place === group.places[0]; }) && group.places[0] >= 0;
        var place = facets.places[group.places[0]], country = facets.countries[group.country] || "";
        var words = one ? say("map.zoom.place", { count: group.events.length, place: place, types: breakdown.words })
                        : say("map.zoom.country", { count: group.events.length, country: country, types: breakdown.words });
        var link = svgElement("a", { href: one ? timelineHref("place", place) : timelineHref("country", country), "data-type": breakdown.type });
        link.appendChild(svgElement("title", {}, words));
        drawMarker(link, group, disc(group), vaguest, points.precisions);
        markers.appendChild(link);
        shown += group.events.length;
      });
      svg.appendChild(markers);
      if (drawn) drawn.parentNode.replaceChild(svg, drawn); else figure.insertBefore(svg, figure.firstChild);
      drawn = svg;
      drawings.forEach(function (drawing) { drawing.setAttribute("hidden", ""); });
      live.textContent = say("map.zoom.shown", { times: Math.round(home.span / view.span), count: shown, kilometres: Math.max(1, Math.round(cellKm)) });
      pan(svg);
      return svg;
    }

    // Zoomed by `factor` about a point of the window (its centre unless given, in 0-1 of its size).
    function zoom(factor, at) {
      if (!facets) {
        Promise.all([loadData(page.getAttribute("data-map-zoom"), "facets"), loadData(page.getAttribute("data-map-points"), "points")]).then(function (data) {
          facets = data[0];
          points = data[1];
          gather();
          zoom(factor, at);
        }, function () { live.textContent = say("map.zoom.failed"); });
        return;
      }
      var current = view || home, span = Math.min(Math.max(current.span / factor, home.span / MOST), home.span);
      if (span >= home.span - 0.001) { back(); return; }
      var x, y, busiest = !view && !at ? busiestWindow(span) : null;
      if (busiest) {
        // The first zoom with the buttons or keys goes where most events are, not to the middle
        // of a regional map (often an empty desert).
        x = busiest[0] - span / 2;
        y = busiest[1] - span * RATIO / 2;
      } else {
        at = at || [0.5, 0.5];
        x = current.x + current.span * at[0] - span * at[0];
        y = current.y + current.span * RATIO * at[1] - span * RATIO * at[1];
      }
      view = { x: x, y: y, span: span };
      var focused = drawn && document.activeElement === drawn;
      var svg = draw();
      if (focused) svg.focus();
      zoomOut.disabled = reset.disabled = false;
      zoomIn.disabled = span <= home.span / MOST + 0.001;
    }

    // The centre (world units) of the events in the busiest window of this span: events counted
    // in cells of the window's size, and the mean point of the fullest cell's.
    function busiestWindow(span) {
      var cells = {}, best = null, types = shownTypes();
      located.forEach(function (index) {
        if (!types[facets.type[index]]) return;
        var x = points.x[index] / 100, y = points.y[index] / 100;
        var key = Math.floor(x / span) + ":" + Math.floor(y / (span * RATIO)), cell = cells[key] || (cells[key] = { count: 0, x: 0, y: 0 });
        cell.count++;
        cell.x += x;
        cell.y += y;
        if (!best || cell.count > best.count) best = cell;
      });
      return best ? [best.x / best.count, best.y / best.count] : null;
    }

    function back() {
      view = null;
      if (drawn) drawn.remove();
      drawn = null;
      drawings.forEach(function (drawing) { drawing.removeAttribute("hidden"); });
      zoomOut.disabled = reset.disabled = true;
      zoomIn.disabled = false;
      live.textContent = say("map.zoom.whole");
    }

    function move(dx, dy) {
      if (!view) return;
      view = { x: view.x + dx, y: view.y + dy, span: view.span };
      draw();
    }

    // Dragged with a pointer, moved with the arrow keys, zoomed with + and - (and a double click
    // or tap at a point).
    function pan(svg) {
      var start = null;
      svg.addEventListener("pointerdown", function (event) {
        if (event.button !== 0) return;
        start = { x: event.clientX, y: event.clientY, view: view, moved: false };
      });
      svg.addEventListener("pointermove", function (event) {
        if (!start) return;
        var dx = event.clientX - start.x, dy = event.clientY - start.y;
        if (!start.moved && Math.abs(dx) + Math.abs(dy) < 6) return;
        if (!start.moved) { start.moved = true; svg.setPointerCapture(event.pointerId); }
        var perPixel = start.view.span / svg.getBoundingClientRect().width;
        svg.querySelectorAll("image, g").forEach(function (layer) { layer.setAttribute("transform", "translate(" + dx + " " + dy + ")"); });
        start.dx = -dx * perPixel;
        start.dy = -dy * perPixel;
      });
      svg.addEventListener("pointerup", function () {
        if (start && start.moved) {
          dragged = Date.now();
          view = { x: start.view.x + start.dx, y: start.view.y + start.dy, span: start.view.span };
          draw().focus();
        }
        start = null;
      });
      svg.addEventListener("dblclick", function (event) {
        var rect = svg.getBoundingClientRect();
        event.preventDefault();
        zoom(2, [(event.clientX - rect.left) / rect.width, (event.clientY - rect.top) / rect.height]);
      });
      svg.addEventListener("keydown", function (event) {
        var step = view.span / 8, moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
        if (moves[event.key]) { event.preventDefault(); move(moves[event.key][0], moves[event.key][1]); drawn.focus(); }
        else if (event.key === "+" || event.key === "=") { event.preventDefault(); zoom(2); }
        else if (event.key === "-") { event.preventDefault(); zoom(0.5); }
        else if (event.key === "0" || event.key === "Escape") { event.preventDefault(); back(); reset.focus(); }
      });
    }

    // A drag is not a click on the marker it ended on.
    figure.addEventListener("click", function (event) { if (Date.now() - dragged < 400) event.preventDefault(); }, true);
    zoomIn.addEventListener("click", function () { zoom(2); });
    zoomOut.addEventListener("click", function () { zoom(0.5); });
    reset.addEventListener("click", back);
    page.querySelectorAll(".map-filter input").forEach(function (box) { box.addEventListener("change", function () { if (view) draw(); }); });
    var width = figure.clientWidth;
    window.addEventListener("resize", function () {
      if (view && figure.clientWidth !== width) draw();
      width = figure.clientWidth;
    });
    drawings.forEach(function (drawing) {
      drawing.addEventListener("dblclick", function (event) {
        var rect = drawing.getBoundingClientRect();
        event.preventDefault();
        zoom(2, [(event.clientX - rect.left) / rect.width, (event.clientY - rect.top) / rect.height]);
      });
    });
  })();

  // ---- A year's or month's page with a filter in its address (`timeline/2023/?type=strike`):
  // the filter is the timeline's; send the reader there, the period as its dates.
  (function () {
    var period = document.querySelector("[data-period]");
    if (!period || !location.search) return;
    var params = new URLSearchParams(location.search);
    var known = ["q", "type", "actor", "role", "from", "to", "confidence", "country", "place", "tag", "topic"];
    if (!known.some(function (name) { return params.has(name); })) return;
    if (!params.has("from")) params.set("from", period.getAttribute("data-period"));
    if (!params.has("to")) params.set("to", period.getAttribute("data-period"));
    location.replace(period.getAttribute("data-timeline-href") + "?" + params.toString());
  })();

  // ---- The timeline's filter.
  var panel = document.querySelector("[data-filter]");
  if (!panel) return;
  var root = panel.getAttribute("data-root") || "";
  var words = JSON.parse(panel.getAttribute("data-words") || "{}");
  var say = function (key, values) {
    return (words[key] || key).replace(/\{(\w+)\}/g, function (_, name) { return values && name in values ? (typeof values[name] === "number" ? localNumber(values[name]) : values[name]) : ""; });
  };
  // A count's words in the form the page language's plural rules give `count` (CLDR, as the
  // build's: "1 of 1 event", Arabic's six forms), else the text's `other` form.
  var pluralRules = window.Intl && Intl.PluralRules ? new Intl.PluralRules(document.documentElement.lang || "en") : null;
  var sayCount = function (key, count, values) {
    var form = key + "." + (pluralRules ? pluralRules.select(count) : (count === 1 ? "one" : "other"));
    return say(words[form] !== undefined ? form : key + ".other", values);
  };
  var staticParts = Array.prototype.slice.call(document.querySelectorAll("[data-filter-hides]"));
  var results = document.querySelector("[data-filter-results]");
  var template = document.getElementById("filter-result");
  var yearLinks = Array.prototype.slice.call(document.querySelectorAll(".year-jump a"));
  yearLinks.forEach(function (link) { link.setAttribute("data-href", link.getAttribute("href")); });
  var PAGE = 100;
  var facets, shown = PAGE, form, fold, active, status, notice, controls = {};

  // Facets with several values (a list in the address); the others take one value.
  var MULTI = ["type", "actor", "grade", "country", "place", "tag", "topic"];
  var PARAMETERS = { type: "type", actor: "actor", grade: "confidence", country: "country", place: "place", tag: "tag", topic: "topic" };

  function emptyState() {
    return { q: "", type: [], actor: [], role: "any", from: "", to: "", grade: [], country: [], place: [], tag: [], topic: [] };
  }

  // Values by their names in the address: ids for types, grades, actors and topics; the words
  // themselves for countries, places and tags.
  function vocabulary(facet) {
    switch (facet) {
      case "type": return facets.types.map(function (pair) { return pair[0]; });
      case "grade": return facets.confidence.map(function (pair) { return pair[0]; });
      case "actor": return facets.actors.map(function (pair) { return pair[0]; });
      case "topic": return facets.topics.map(function (pair) { return pair[0]; });
      case "country": return facets.countries;
      case "place": return facets.places;
      case "tag": return facets.tags;
    }
  }
  function label(facet, index) {
    switch (facet) {
      case "type": return facets.types[index][1];
      case "grade": return facets.confidence[index][1];
      case "actor": return facets.actors[index][1];
      case "topic": return facets.topics[index][1];
      default: return vocabulary(facet)[index];
    }
  }

  // A date in the address (2024, 2024-02, 2024-02-07) as yyyymmdd: the first or last day it covers.
  function dateNumber(text, end) {
    var match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text);
    if (!match) return null;
    var year = +match[1], month = match[2] ? +match[2] : null, day = match[3] ? +match[3] : null;
    if (month !== null && (month < 1 || month > 12)) return null;
    if (day !== null && (day < 1 || day > 31)) return null;
    if (!end) return year * 10000 + (month || 0) * 100 + (day || 0);
    return year * 10000 + (month || 12) * 100 + (day || 99);
  }

  function readAddress() {
    var params = new URLSearchParams(location.search), state = emptyState(), unknown = [];
    state.q = (params.get("q") || "").trim();
    MULTI.forEach(function (facet) {
      var names = vocabulary(facet);
      params.getAll(PARAMETERS[facet]).forEach(function (value) {
        // Several values may share a parameter, comma-separated; a value that is a name whole
        // is one ("Basra, Iraq": places name their country after a comma).
        (names.indexOf(value) !== -1 ? [value] : value.split(",")).forEach(function (part) {
          if (!part) return;
          var index = names.indexOf(part);
          if (index === -1) unknown.push(say("filter.unknown", { facet: say("filter.facet." + facet), value: part }));
          else if (state[facet].indexOf(index) === -1) state[facet].push(index);
        });
      });
    });
    var role = params.get("role");
    if (role && role !== "any") {
      if (facets.roles.indexOf(role) === -1) unknown.push(say("filter.unknown", { facet: say("filter.facet.role"), value: role }));
      else state.role = role;
    }
    ["from", "to"].forEach(function (bound) {
      var value = params.get(bound);
      if (!value) return;
      if (dateNumber(value, bound === "to") === null) unknown.push(say("filter.badDate", { facet: say("filter.facet." + bound), value: value }));
      else state[bound] = value;
    });
    return { state: state, unknown: unknown };
  }

  function address(state) {
    var params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    MULTI.forEach(function (facet) {
      var names = vocabulary(facet);
      state[facet].forEach(function (index) { params.append(PARAMETERS[facet], names[index]); });
    });
    if (state.actor.length && state.role !== "any") params.set("role", state.role);
    if (state.from) params.set("from", state.from);
    if (state.to) params.set("to", state.to);
    var query = params.toString();
    return location.pathname + (query ? "?" + query : "") + location.hash;
  }

  function isActive(state) {
    return !!(state.q || state.from || state.to || MULTI.some(function (facet) { return state[facet].length; }));
  }

  // ---- Matching: each event gets one bit per facet it fails; counts for a facet ignore its own bit.
  var BITS = { q: 1, type: 2, actor: 4, date: 8, grade: 16, country: 32, place: 64, tag: 128, topic: 256 };
  var text = null;  // per event: its words, lower-cased, once the year files are in

  function anyOf(selected, values) {
    for (var i = 0; i < values.length; i++) if (selected.indexOf(values[i]) !== -1) return true;
    return false;
  }

  function failures(state) {
    var count = facets.count, masks = new Uint16Array(count);
    var from = state.from ? dateNumber(state.from, false) : null, to = state.to ? dateNumber(state.to, true) : null;
    var roleIndex = facets.roles.indexOf(state.role), roles = facets.roles.length;
    var terms = state.q.toLowerCase().split(/\s+/).filter(Boolean);
    for (var i = 0; i < count; i++) {
      var mask = 0;
      if (state.type.length && state.type.indexOf(facets.type[i]) === -1) mask |= BITS.type;
      if (state.grade.length && state.grade.indexOf(facets.grade[i]) === -1) mask |= BITS.grade;
      if (state.country.length && state.country.indexOf(facets.country[i]) === -1) mask |= BITS.country;
      if (state.place.length && state.place.indexOf(facets.place[i]) === -1) mask |= BITS.place;
      if (state.tag.length && !anyOf(state.tag, facets.tag[i])) mask |= BITS.tag;
      if (state.topic.length && !anyOf(state.topic, facets.topic[i])) mask |= BITS.topic;
      if (state.actor.length) {
        var found = false, involved = facets.actor[i];
        for (var a = 0; a < involved.length && !found; a++) {
          var actor = Math.floor(involved[a] / roles), role = involved[a] % roles;
          found = state.actor.indexOf(actor) !== -1 && (roleIndex === -1 || role === roleIndex);
        }
        if (!found) mask |= BITS.actor;
      }
      if (from !== null || to !== null) {
        var start = facets.date[i], end = facets.end[i] || start;
        // A date known only to its month or year (00) covers all of it.
        var last = end % 100 === 0 ? end + (end % 10000 === 0 ? 1299 : 99) : end;
        if ((from !== null && last < from) || (to !== null && start > to)) mask |= BITS.date;
      }
      if (terms.length && text) {
        for (var t = 0; t < terms.length; t++) if (text[i].indexOf(terms[t]) === -1) { mask |= BITS.q; break; }
      }
      masks[i] = mask;
    }
    return masks;
  }

  function counts(masks, facet, bit) {
    var tally = new Array(vocabulary(facet).length).fill(0), column = facets[facet], roles = facets.roles.length;
    for (var i = 0; i < masks.length; i++) {
      if ((masks[i] & ~bit) !== 0) continue;
      var value = column[i];
      if (facet === "actor") {
        var seen = {};
        value.forEach(function (pair) { var actor = Math.floor(pair / roles); if (!seen[actor]) { seen[actor] = true; tally[actor]++; } });
      } else if (Array.isArray(value)) {
        value.forEach(function (index) { tally[index]++; });
      } else if (value >= 0) {
        tally[value]++;
      }
    }
    return tally;
  }

  // ---- Year files: what results show, and the words a text query looks in.
  function yearFile(year) {
    return loadData(root + facets.yearPath.replace("{year}", year[0]), "year-" + year[0]);
  }
  function yearOf(index) {
    for (var y = 0; y < facets.years.length; y++) {
      var year = facets.years[y];
      if (index >= year[1] && index < year[1] + year[2]) return year;
    }
  }
  function row(index) {
    var year = yearOf(index), rows = loaded["year-" + year[0]];
    return rows && rows[index - year[1]];
  }
  function wordsFile(year) {
    return loadData(root + facets.wordsPath.replace("{year}", year[0]), "words-" + year[0]);
  }
  // A text query looks in titles, summaries, places, types and actors' names.
  function loadAllText() {
    if (text) return Promise.resolve();
    return Promise.all(facets.years.map(yearFile).concat(facets.years.map(wordsFile))).then(function () {
      var words = new Array(facets.count), roles = facets.roles.length;
      for (var i = 0; i < facets.count; i++) {
        var event = row(i), year = yearOf(i), summary = loaded["words-" + year[0]][i - year[1]];
        var actors = facets.actor[i].map(function (pair) { return facets.actors[Math.floor(pair / roles)][1]; });
        words[i] = [event[1], summary, event[3], facets.types[facets.type[i]] ? facets.types[facets.type[i]][1] : "", actors.join(" ")].join(" ").toLowerCase();
      }
      text = words;
    });
  }

  // ---- The form.
  function build() {
    form = element("form", { "class": "filter-form", role: "search", "aria-label": say("filter.title") });
    form.addEventListener("submit", function (event) { event.preventDefault(); });

    var q = element("input", { type: "search", id: "filter-q", name: "q", autocomplete: "off", "aria-describedby": "filter-q-hint" });
    var words = field(say("filter.facet.q"), q, "filter-q");
    // Say where the words are looked for: not the whole page (the search page is for that).
    words.appendChild(element("span", { id: "filter-q-hint", "class": "filter-hint muted" }, say("filter.qHint")));
    form.appendChild(words);
    controls.q = q;
    var typing;
    q.addEventListener("input", function () {
      clearTimeout(typing);
      typing = setTimeout(function () { change(true); }, 250);
    });
    q.addEventListener("change", function () { clearTimeout(typing); change(false); });

    controls.type = checkboxes("type", facets.types.length);
    controls.grade = checkboxes("grade", facets.confidence.length);

    // Actors: chosen by name from a list, each then a chip that removes it.
    var actorBox = element("div", { "class": "filter-field filter-actors" });
    var actorInput = element("input", { type: "text", id: "filter-actor", list: "filter-actor-list", autocomplete: "off" });
    var actorList = element("datalist", { id: "filter-actor-list" });
    facets.actors.forEach(function (pair) { actorList.appendChild(element("option", { value: pair[1] })); });
    actorBox.appendChild(element("label", { "for": "filter-actor" }, say("filter.facet.actor")));
    actorBox.appendChild(actorInput);
    actorBox.appendChild(actorList);
    var role = element("select", { id: "filter-role", "aria-label": say("filter.facet.role") });
    role.appendChild(element("option", { value: "any" }, say("filter.role.any")));
    facets.roles.forEach(function (name) { role.appendChild(element("option", { value: name }, say("filter.role." + name))); });
    actorBox.appendChild(role);
    var chips = element("ul", { "class": "filter-chips", "aria-label": say("filter.chosenActors") });
    actorBox.appendChild(chips);
    form.appendChild(actorBox);
    actorInput.addEventListener("change", function () {
      var name = actorInput.value.trim().toLowerCase();
      var index = facets.actors.findIndex(function (pair) { return pair[1].toLowerCase() === name || pair[0] === name; });
      if (index === -1) return;
      actorInput.value = "";
      if (current.actor.indexOf(index) === -1) current.actor.push(index);
      change(false);
    });
    role.addEventListener("change", function () { current.role = role.value; change(false); });
    controls.actor = { input: actorInput, chips: chips, role: role };

    var dates = element("div", { "class": "filter-field filter-dates" });
    ["from", "to"].forEach(function (bound) {
      var input = element("input", { type: "text", id: "filter-" + bound, inputmode: "numeric", placeholder: "YYYY-MM", pattern: "\\d{4}(-\\d{2}(-\\d{2})?)?", autocomplete: "off" });
      var wrapper = element("span");
      wrapper.appendChild(element("label", { "for": "filter-" + bound }, say("filter.facet." + bound)));
      wrapper.appendChild(input);
      dates.appendChild(wrapper);
      input.addEventListener("change", function () {
        var value = input.value.trim();
        if (value && dateNumber(value, bound === "to") === null) { input.setAttribute("aria-invalid", "true"); return; }
        input.removeAttribute("aria-invalid");
        current[bound] = value;
        change(false);
      });
      controls[bound] = input;
    });
    form.appendChild(dates);

    ["country", "topic", "tag", "place"].forEach(function (facet) {
      if (!vocabulary(facet).length) return;
      var select = element("select", { id: "filter-" + facet });
      form.appendChild(field(say("filter.facet." + facet), select, "filter-" + facet));
      select.addEventListener("change", function () {
        current[facet] = select.value === "" ? [] : [+select.value];
        change(false);
      });
      controls[facet] = select;
    });

    var clear = element("button", { type: "button", "class": "filter-clear" }, say("filter.clear"));
    clear.addEventListener("click", function () { controls.q.value = ""; current = emptyState(); change(false); controls.q.focus(); });
    form.appendChild(clear);

    status = element("p", { "class": "filter-status", role: "status" });
    notice = element("p", { "class": "filter-notice", role: "alert" });
    // On a phone the controls fold away under their summary, even with a filter set: the
    // results come first, the filters set shown as chips that remove them (below).
    fold = element("details", { "class": "filter-fold" });
    fold.appendChild(element("summary", {}, say("filter.title")));
    fold.appendChild(form);
    fold.open = !window.matchMedia("(max-width: 40rem)").matches;
    panel.appendChild(fold);
    active = element("ul", { "class": "filter-chips filter-active", "aria-label": say("filter.active") });
    // The pages the panel offers without JavaScript stay at hand, folded below the controls.
    var links = panel.querySelector(".filter-links");
    if (links) {
      var browse = element("details", { "class": "filter-browse" });
      browse.appendChild(element("summary", {}, say("filter.browse")));
      browse.appendChild(links);
      panel.appendChild(browse);
    }
    panel.appendChild(notice);
    panel.appendChild(status);
    panel.appendChild(active);
  }

  // The filters set, each a chip that removes it; the focus stays among them (or goes to the
  // controls' summary when the last is gone).
  var chipFocus = false;
  function showActive(state) {
    var chips = [];
    if (state.q) chips.push([say("filter.facet.q"), state.q, function () { controls.q.value = ""; }]);
    MULTI.forEach(function (facet) {
      state[facet].forEach(function (index) {
        chips.push([say("filter.facet." + facet), label(facet, index), function () { current[facet].splice(current[facet].indexOf(index), 1); }]);
      });
    });
    ["from", "to"].forEach(function (bound) {
      if (state[bound]) chips.push([say("filter.facet." + bound), state[bound], function () { current[bound] = ""; }]);
    });
    active.textContent = "";
    chips.forEach(function (chip) {
      var item = element("li");
      var remove = element("button", { type: "button", "aria-label": say("filter.remove", { name: chip[0] + ": " + chip[1] }) }, chip[0] + ": " + chip[1] + " ×");
      remove.addEventListener("click", function () { chip[2](); chipFocus = true; change(false); });
      item.appendChild(remove);
      active.appendChild(item);
    });
    active.hidden = !chips.length;
    if (chipFocus) {
      chipFocus = false;
      (active.querySelector("button") || fold.querySelector("summary")).focus();
    }
  }

  function field(labelText, control, id) {
    var wrapper = element("div", { "class": "filter-field" });
    wrapper.appendChild(element("label", { "for": id }, labelText));
    wrapper.appendChild(control);
    return wrapper;
  }

  function checkboxes(facet, size) {
    var set = element("fieldset", { "class": "filter-field filter-checks" });
    set.appendChild(element("legend", {}, say("filter.facet." + facet)));
    var boxes = [];
    for (var i = 0; i < size; i++) {
      var box = element("input", { type: "checkbox", value: String(i), id: "filter-" + facet + "-" + i });
      var text = element("label", { "for": box.id });
      text.appendChild(box);
      var name = element("span", {}, " " + label(facet, i) + " ");
      if (facet === "type") name.setAttribute("data-type", vocabulary(facet)[i]);
      text.appendChild(name);
      var count = element("span", { "class": "muted" });
      text.appendChild(count);
      set.appendChild(text);
      box.addEventListener("change", function (event) {
        var index = +event.target.value, list = current[facet];
        if (event.target.checked) { if (list.indexOf(index) === -1) list.push(index); } else { list.splice(list.indexOf(index), 1); }
        change(false);
      });
      boxes.push({ box: box, count: count, label: text });
    }
    form.appendChild(set);
    return boxes;
  }

  // ---- State → controls, results and address.
  var current = emptyState();

  function change(typing) {
    current.q = controls.q.value.trim();
    shown = PAGE;
    var target = address(current);
    if (target !== location.pathname + location.search + location.hash) {
      if (typing) history.replaceState(null, "", target); else history.pushState(null, "", target);
    }
    notice.textContent = "";
    apply();
  }

  function apply() {
    var state = current;
    var ready = state.q && !text ? (status.textContent = say("filter.loading"), loadAllText()) : Promise.resolve();
    ready.then(function () {
      if (state !== current) return;
      var masks = failures(state);
      update(masks, state);
      render(masks, state);
    }, function () { status.textContent = say("filter.failed"); });
  }

  function update(masks, state) {
    showActive(state);
    if (controls.q.value.trim() !== state.q) controls.q.value = state.q;
    ["type", "grade"].forEach(function (facet) {
      var tally = counts(masks, facet, BITS[facet === "grade" ? "grade" : "type"]);
      controls[facet].forEach(function (entry, index) {
        entry.box.checked = state[facet].indexOf(index) !== -1;
        entry.count.textContent = "(" + localNumber(tally[index]) + ")";
      });
    });
    ["country", "topic", "tag", "place"].forEach(function (facet) {
      var select = controls[facet];
      if (!select) return;
      var tally = counts(masks, facet, BITS[facet]), chosen = state[facet][0];
      select.textContent = "";
      select.appendChild(element("option", { value: "" }, say("filter.any")));
      vocabulary(facet).forEach(function (_, index) {
        if (tally[index] === 0 && index !== chosen) return;
        var option = element("option", { value: String(index) }, label(facet, index) + " (" + localNumber(tally[index]) + ")");
        if (index === chosen) option.selected = true;
        select.appendChild(option);
      });
    });
    controls.actor.role.value = state.role;
    controls.actor.chips.textContent = "";
    var actorTally = counts(masks, "actor", BITS.actor);
    state.actor.forEach(function (index) {
      var chip = element("li");
      var remove = element("button", { type: "button", "aria-label": say("filter.remove", { name: label("actor", index) }) },
        label("actor", index) + " (" + actorTally[index] + ") ×");
      remove.addEventListener("click", function () {
        current.actor.splice(current.actor.indexOf(index), 1);
        change(false);
        controls.actor.input.focus();
      });
      chip.appendChild(remove);
      controls.actor.chips.appendChild(chip);
    });
    controls.from.value = state.from;
    controls.to.value = state.to;
  }

  // focusAt: after "show more", the index of the first new result, which takes the focus once
  // it is drawn (the list is drawn again when the year files it needs have loaded).
  function render(masks, state, focusAt) {
    var active = isActive(state);
    staticParts.forEach(function (part) { part.hidden = active; });
    results.hidden = !active;
    results.textContent = "";
    if (!active) {
      status.textContent = "";
      yearLinks.forEach(function (link) { link.parentNode.hidden = false; link.setAttribute("href", link.getAttribute("data-href")); });
      return;
    }
    var matches = [];
    for (var i = 0; i < masks.length; i++) if (masks[i] === 0) matches.push(i);
    status.textContent = sayCount("filter.status", facets.count, { shown: matches.length, total: facets.count });
    var years = {};
    matches.forEach(function (index) { years[Math.floor(facets.date[index] / 10000)] = true; });
    yearLinks.forEach(function (link) {
      var year = link.textContent.trim();
      link.parentNode.hidden = !years[year];
      link.setAttribute("href", "#filter-y" + year);
    });
    if (!matches.length) {
      results.appendChild(element("p", { "class": "filter-empty" }, say("filter.none")));
      return;
    }
    var chart = resultsChart(matches);
    results.appendChild(chart);
    if (chartFocus) { chartFocus = false; chart.querySelector("svg").focus(); }
    var map = resultsMap(matches);
    if (map) {
      results.appendChild(map);
      if (mapFocus) { mapFocus = false; map.querySelector("a").focus(); }
    }
    var page = matches.slice(0, shown);
    var needed = [];
    page.forEach(function (index) { var year = yearOf(index); if (needed.indexOf(year) === -1) needed.push(year); });
    Promise.all(needed.map(yearFile)).then(function () {
      if (state !== current) return;
      var list = element("div", { "class": "filter-list" }), heading = null;
      page.forEach(function (index) {
        var year = Math.floor(facets.date[index] / 10000);
        if (year !== heading) {
          heading = year;
          list.appendChild(element("h2", { "class": "filter-year", id: "filter-y" + year }, String(year)));
        }
        list.appendChild(card(index));
      });
      results.appendChild(list);
      if (focusAt !== undefined) {
        var next = results.querySelectorAll(".filter-card [data-slot=title]")[focusAt];
        if (next) next.focus();
      }
      if (matches.length > shown) {
        var more = element("button", { type: "button", "class": "filter-more" }, say("filter.more", { count: Math.min(PAGE, matches.length - shown) }));
        more.addEventListener("click", function () {
          var first = shown;
          shown += PAGE;
          render(masks, state, first);
        });
        results.appendChild(more);
      }
    }, function () { status.textContent = say("filter.failed"); });
  }

  // ---- The chart as a control: a span of its bins, dragged across or chosen with the keyboard,
  // becomes the filter's dates. Every chart of the timeline page takes part: the report's (drawn
  // at build time, for three widths) and the results' (drawn here, for the column it is in).
  var DAY = 86400000, chartFocus = false, mapFocus = false;
  function pad(number) { return (number < 10 ? "0" : "") + number; }
  function isoDay(day) { var date = new Date(day * DAY); return date.getUTCFullYear() + "-" + pad(date.getUTCMonth() + 1) + "-" + pad(date.getUTCDate()); }
  // A bin as the address writes dates: [from, to]. Weeks count days since 1970 (from a Monday),
  // months `year * 12 + month - 1`, years themselves (as `TimeBins` does).
  function binDates(axis, bin) {
    var number = axis.first + bin * (axis.unit === "week" ? 7 : 1);
    if (axis.unit === "year") return [String(number), String(number)];
    if (axis.unit === "month") { var month = Math.floor(number / 12) + "-" + pad(number % 12 + 1); return [month, month]; }
    return [isoDay(number), isoDay(number + 6)];
  }
  function binWords(axis, bin, short) {
    var lang = document.documentElement.lang || undefined, number = axis.first + bin * (axis.unit === "week" ? 7 : 1);
    if (axis.unit === "year") return String(number);
    if (axis.unit === "month") {
      return new Date(Date.UTC(Math.floor(number / 12), number % 12, 1)).toLocaleDateString(lang, { month: short ? "short" : "long", year: "numeric", timeZone: "UTC" });
    }
    return say("filter.week", { date: new Date(number * DAY).toLocaleDateString(lang, { day: "numeric", month: short ? "short" : "long", year: "numeric", timeZone: "UTC" }) });
  }
  function spanWords(axis, low, high) {
    return low === high ? binWords(axis, low) : say("filter.spanWords", { from: binWords(axis, low), to: binWords(axis, high) });
  }

  function chartControl(svg, hint) {
    var parts = (svg.getAttribute("data-axis") || "").split(" "), plot = (svg.getAttribute("data-plot") || "").split(" ").map(Number);
    var axis = { unit: parts[0], first: +parts[1], count: +parts[2] };
    if (!axis.count || plot.length !== 4) return;
    var left = plot[0], binWidth = plot[1];
    var mark = document.createElementNS(SVG_NS, "rect");
    mark.setAttribute("class", "chart-span");
    mark.setAttribute("y", plot[2]);
    mark.setAttribute("height", plot[3]);
    mark.setAttribute("width", 0);
    svg.appendChild(mark);
    var anchor = null, end = null, dragging = false;
    function show() {
      if (anchor === null) { mark.setAttribute("width", 0); return; }
      var low = Math.min(anchor, end), high = Math.max(anchor, end);
      mark.setAttribute("x", left + low * binWidth);
      mark.setAttribute("width", (high - low + 1) * binWidth);
    }
    function choose(byKeyboard) {
      var low = Math.min(anchor, end), high = Math.max(anchor, end);
      current.from = binDates(axis, low)[0];
      current.to = binDates(axis, high)[1];
      // The chart is drawn again for the results: the keyboard's focus follows it.
      chartFocus = !!byKeyboard;
      change(false);
    }
    function binAt(event) {
      var point = svg.createSVGPoint();
      point.x = event.clientX;
      point.y = event.clientY;
      var x = point.matrixTransform(svg.getScreenCTM().inverse()).x;
      return Math.max(0, Math.min(axis.count - 1, Math.floor((x - left) / binWidth)));
    }
    svg.addEventListener("pointerdown", function (event) {
      // Key events' links in the chart stay links.
      if (event.button !== 0 || event.target.closest("a")) return;
      anchor = end = binAt(event);
      dragging = true;
      svg.setPointerCapture(event.pointerId);
      show();
      event.preventDefault();
    });
    svg.addEventListener("pointermove", function (event) {
      if (!dragging) return;
      end = binAt(event);
      show();
    });
    svg.addEventListener("pointerup", function (event) {
      if (!dragging) return;
      dragging = false;
      end = binAt(event);
      choose();
    });
    svg.addEventListener("pointercancel", function () { dragging = false; anchor = end = null; show(); });
    // The keyboard: arrows move over the bins, with Shift they widen the span; Enter chooses it.
    svg.setAttribute("tabindex", "0");
    svg.setAttribute("aria-describedby", hint.id);
    var live = hint.querySelector("[aria-live]");
    svg.addEventListener("keydown", function (event) {
      var step = { ArrowLeft: -1, ArrowRight: 1, Home: -axis.count, End: axis.count }[event.key];
      if (step !== undefined) {
        var next = end === null ? (step > 0 ? 0 : axis.count - 1) : Math.max(0, Math.min(axis.count - 1, end + step));
        if (end === null || !event.shiftKey) anchor = next;
        end = next;
        show();
        live.textContent = say("filter.spanChosen", { span: spanWords(axis, Math.min(anchor, end), Math.max(anchor, end)) });
        event.preventDefault();
      } else if (event.key === "Enter" && anchor !== null) {
        choose(true);
        event.preventDefault();
      } else if (event.key === "Escape" && anchor !== null) {
        anchor = end = null;
        show();
        live.textContent = "";
      }
    });
  }

  // A chart's hint: how to use it as a control, and where the keyboard's span is announced.
  function chartHint(id) {
    var hint = element("p", { "class": "chart-hint muted", id: id }, say("filter.chartHint") + " ");
    hint.appendChild(element("span", { "aria-live": "polite" }));
    return hint;
  }

  // The results as a chart: events by the month (or year) they began, stacked by type, drawn
  // at the column's own width so that its text is 12 px; with its key and its caption.
  function resultsChart(matches) {
    var width = Math.max(260, Math.min(results.clientWidth || 640, 900)), left = 34, right = 8, top = 8, height = 120;
    var first = facets.date[matches[0]], last = facets.date[matches[matches.length - 1]];
    var monthOf = function (date) { return Math.floor(date / 10000) * 12 + Math.max(Math.floor(date / 100) % 100, 1) - 1; };
    var months = monthOf(last) - monthOf(first) + 1, limit = Math.floor((width - left - right) / 12);
    var axis = months <= limit && months <= 120
      ? { unit: "month", first: monthOf(first), count: months }
      : { unit: "year", first: Math.floor(first / 10000), count: Math.floor(last / 10000) - Math.floor(first / 10000) + 1 };
    var types = facets.types.length, bins = [], undated = 0, totals = new Array(types).fill(0);
    for (var b = 0; b < axis.count; b++) bins.push(new Array(types).fill(0));
    matches.forEach(function (index) {
      var date = facets.date[index], type = facets.type[index];
      if (type < 0) return;
      var bin;
      if (axis.unit === "month") {
        // An event known only to its year has no month to stand in.
        if (Math.floor(date / 100) % 100 === 0) { undated++; return; }
        bin = monthOf(date) - axis.first;
      } else {
        bin = Math.floor(date / 10000) - axis.first;
      }
      bins[bin][type]++;
      totals[type]++;
    });
    var most = Math.max.apply(null, bins.map(function (counts) { return counts.reduce(function (a, b) { return a + b; }, 0); }).concat([1]));
    // A tight round top: 6 for 6, 30 for 26, 150 for 123.
    var step = Math.pow(10, Math.floor(Math.log10(most))) / 2, ceiling = most <= 5 ? most : Math.ceil(most / step) * step;
    var binWidth = (width - left - right) / axis.count, base = top + height, scale = height / ceiling;
    var svg = svgElement("svg", { "class": "chart filter-chart", viewBox: "0 0 " + width + " " + (base + 22), "aria-labelledby": "filter-chart-title",
      "data-axis": axis.unit + " " + axis.first + " " + axis.count, "data-plot": left + " " + binWidth + " " + top + " " + height });
    svg.appendChild(svgElement("title", { id: "filter-chart-title" }, sayCount("filter.chartTitle", matches.length - undated, { count: matches.length - undated, unit: say("filter.unit." + axis.unit) })));
    var grid = svgElement("g", { "class": "chart-grid", "aria-hidden": "true" });
    [0, ceiling / 2, ceiling].forEach(function (value) {
      if (value !== Math.round(value)) return;
      var y = base - value * scale;
      grid.appendChild(svgElement("line", { x1: left, x2: width - right, y1: y, y2: y }));
      grid.appendChild(svgElement("text", { x: left - 4, y: y + 4 }, localNumber(value)));
    });
    svg.appendChild(grid);
    var stacked = new Array(axis.count).fill(0);
    facets.types.forEach(function (type, t) {
      if (!totals[t]) return;
      var group = svgElement("g", { "class": "chart-type", "data-type": type[0] });
      bins.forEach(function (counts, bin) {
        if (!counts[t]) return;
        stacked[bin] += counts[t];
        group.appendChild(svgElement("rect", { x: left + bin * binWidth + (binWidth > 4 ? 0.5 : 0), y: base - stacked[bin] * scale,
          width: Math.max(binWidth - (binWidth > 4 ? 1 : 0), 0.5), height: counts[t] * scale }));
      });
      svg.appendChild(group);
    });
    var hits = svgElement("g", { "class": "chart-hits" });
    bins.forEach(function (counts, bin) {
      if (!stacked[bin]) return;
      var rect = svgElement("rect", { x: left + bin * binWidth, y: top, width: binWidth, height: height, "data-count": stacked[bin] });
      rect.appendChild(svgElement("title", {}, binWords(axis, bin) + ": " + sayCount("filter.status", matches.length, { shown: stacked[bin], total: matches.length })));
      hits.appendChild(rect);
    });
    svg.appendChild(hits);
    svg.appendChild(svgElement("line", { "class": "chart-baseline", x1: left, x2: width - right, y1: base, y2: base }));
    // Labels under the axis, each from the start of its bin (a tick there): as many as fit, evenly.
    var labels = svgElement("g", { "class": "chart-axis", "aria-hidden": "true" }), widest = binWords(axis, 0, true).length * 7.2 + 10;
    var every = Math.max(1, Math.ceil(widest / binWidth));
    for (var bin = 0; bin < axis.count; bin += every) {
      var x = left + bin * binWidth;
      if (x + widest - 10 > width) break;
      labels.appendChild(svgElement("line", { x1: x, x2: x, y1: base, y2: base + 4 }));
      labels.appendChild(svgElement("text", { x: x + 1, y: base + 16 }, binWords(axis, bin, true)));
    }
    svg.appendChild(labels);
    var figure = element("figure", { "class": "chart-figure filter-chart-figure" });
    var key = element("ul", { "class": "type-key chart-key" });
    facets.types.forEach(function (type, t) {
      if (!totals[t]) return;
      var item = element("li", { "data-type": type[0] });
      item.appendChild(element("span", { "class": "swatch", "aria-hidden": "true" }));
      item.appendChild(document.createTextNode(type[1] + " "));
      item.appendChild(element("span", { "class": "muted" }, "(" + totals[t] + ")"));
      key.appendChild(item);
    });
    figure.appendChild(key);
    figure.appendChild(svg);
    var caption = say("filter.chartCaption", { unit: say("filter.unit." + axis.unit) }) + (undated ? " " + sayCount("filter.chartUndated", undated, { count: undated }) : "");
    figure.appendChild(element("figcaption", { "class": "chart-caption muted" }, caption));
    var hint = chartHint("filter-chart-hint");
    figure.appendChild(hint);
    chartControl(svg, hint);
    return figure;
  }

  // The results on a map: their places grouped (never across a country) into markers drawn at
  // the column's own size, over the site's outlines; a marker chooses its place (or country).
  var MAP_RATIO = 420 / 640;
  function resultsMap(matches) {
    var points = facets.placePoints || [], placed = [], unplaced = 0;
    matches.forEach(function (index) {
      var place = facets.place[index], point = place >= 0 ? points[place] : null;
      if (point) placed.push(index); else unplaced++;
    });
    if (!placed.length) return null;
    var width = Math.max(260, Math.min(results.clientWidth || 640, 900)), height = Math.round(width * MAP_RATIO);
    // The window: every point with padding, at least 20 degrees of longitude, in the frame's proportions.
    var minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    placed.forEach(function (index) {
      var point = points[facets.place[index]];
      minX = Math.min(minX, point[0]); maxX = Math.max(maxX, point[0]);
      minY = Math.min(minY, point[1]); maxY = Math.max(maxY, point[1]);
    });
    var least = 20 / 360 * 1000;
    var spanX = Math.max((maxX - minX) * 1.24, least), spanY = Math.max((maxY - minY) * 1.24, least * MAP_RATIO);
    if (spanX / spanY < 1 / MAP_RATIO) spanX = spanY / MAP_RATIO; else spanY = spanX * MAP_RATIO;
    spanX = Math.min(spanX, 1000); spanY = Math.min(spanY, 1000);
    var originX = Math.min(Math.max((minX + maxX) / 2 - spanX / 2, 0), 1000 - spanX);
    var originY = Math.min(Math.max((minY + maxY) / 2 - spanY / 2, 0), Math.max(1000 - spanY, 0));
    var scale = width / spanX;
    // Places first (a place is one marker), then places near each other in one country.
    var byPlace = {};
    placed.forEach(function (index) {
      var place = facets.place[index];
      (byPlace[place] = byPlace[place] || []).push(index);
    });
    var groups = Object.keys(byPlace).map(function (place) {
      var point = points[place];
      var precision = facets.placePrecision ? facets.placePrecision[place] : 0;
      return { places: [+place], events: byPlace[place], country: facets.country[byPlace[place][0]], precision: precision, vague: precision >= 2,
               x: (point[0] - originX) * scale, y: (point[1] - originY) * scale };
    });
    // On a phone a marker is a finger wide (24 px); a place where some events are known only to
    // a district or region (`placePrecision`, over all its events) has a dashed halo, as the map
    // page's legend draws them, its count on a solid disc.
    var least = width < 560 ? 12.5 : 9, anyVague = false;
    function disc(group) { return Math.max(least, 6 + 2.4 * String(group.events.length).length); }
    function radius(group) { return disc(group) + (group.vague ? HALO : 0); }
    groups = separateMarkers(groups, radius);
    var svg = svgElement("svg", { "class": "map filter-map", viewBox: "0 0 " + width + " " + height, "aria-labelledby": "filter-map-title" });
    svg.appendChild(svgElement("title", { id: "filter-map-title" }, say("filter.mapTitle", { count: placed.length })));
    svg.appendChild(svgElement("image", { "class": "map-base", href: root + facets.outlinesPath, x: -originX * scale, y: -originY * scale, width: 1000 * scale, height: 1000 * scale }));
    svg.appendChild(countryLabels(facets, originX, originY, scale, width, height));
    var markers = svgElement("g", { "class": "map-all" });
    groups.sort(function (a, b) { return a.y - b.y; }).forEach(function (group) {
      var breakdown = typeBreakdown(facets, group.events), types = breakdown.words;
      // Named only by what all its events share: their place, else their country.
      var one = group.places.length === 1, country = facets.countries[group.country];
      var words = one ? say("filter.mapPlace", { count: group.events.length, place: facets.places[group.places[0]], types: types })
                      : say("filter.mapCountry", { count: group.events.length, country: country || "", types: types });
      var next = emptyState();
      Object.keys(current).forEach(function (key) { next[key] = Array.isArray(current[key]) ? current[key].slice() : current[key]; });
      if (one) next.place = [group.places[0]];
      else if (group.country >= 0) next.country = [group.country];
      var link = svgElement("a", { href: address(next), "data-type": breakdown.type });
      link.appendChild(svgElement("title", {}, words));
      var vaguest = Math.max.apply(null, group.places.map(function (place) { return facets.placePrecision[place]; }));
      anyVague = anyVague || vaguest >= 2;
      drawMarker(link, group, disc(group), vaguest, facets.precisions);
      link.addEventListener("click", function (event) {
        event.preventDefault();
        current = next;
        mapFocus = true;
        change(false);
      });
      markers.appendChild(link);
    });
    svg.appendChild(markers);
    var figure = element("figure", { "class": "map-figure filter-map-figure" });
    figure.appendChild(svg);
    figure.appendChild(element("figcaption", { "class": "map-caption muted" },
      sayCount("filter.mapCaption", placed.length, { count: placed.length }) + (unplaced ? " " + sayCount("filter.mapUnplaced", unplaced, { count: unplaced }) : "")
        + (anyVague ? " " + say("filter.mapVague") : "")));
    return figure;
  }

  function card(index) {
    var event = row(index), node = template.content.firstElementChild.cloneNode(true);
    var type = facets.types[facets.type[index]], roles = facets.roles.length;
    node.setAttribute("data-type", type ? type[0] : "");
    var slot = function (name) { return node.querySelector("[data-slot=" + name + "]"); };
    var title = slot("title");
    title.textContent = event[1];
    title.setAttribute("href", root + facets.eventPath.replace("{id}", event[0]));
    slot("date").textContent = event[2];
    slot("type").textContent = type ? type[1] : "";
    if (slot("place")) slot("place").textContent = event[3];
    if (slot("actors")) {
      slot("actors").textContent = facets.actor[index].map(function (pair) {
        return facets.actors[Math.floor(pair / roles)][1] + " (" + say("filter.role." + facets.roles[pair % roles]) + ")";
      }).join(" · ");
    }
    return node;
  }

  function fromAddress() {
    var read = readAddress();
    current = read.state;
    notice.textContent = read.unknown.length ? read.unknown.join(" ") + " " + say("filter.ignored") : "";
    shown = PAGE;
    apply();
  }

  loadData(panel.getAttribute("data-filter-facets"), "facets").then(function (data) {
    facets = data;
    build();
    // The report's chart (each of its drawings) chooses a span too.
    var reportChart = document.querySelector(".timeline-chart .chart-figure");
    if (reportChart) {
      var hint = chartHint("timeline-chart-hint");
      reportChart.appendChild(hint);
      reportChart.querySelectorAll("svg.chart[data-axis]").forEach(function (svg) { chartControl(svg, hint); });
    }
    fromAddress();
    window.addEventListener("popstate", fromAddress);
  }, function () {
    panel.appendChild(element("p", { "class": "filter-notice" }, say("filter.failed")));
  });
})();
