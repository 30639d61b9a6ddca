// The search page (search/?q=…): Pagefind's index, read through its own API, with the query
// and the filters kept in the address, so a search can be shared and back/forward step through
// it. Loaded by the search page only. Pagefind loads its index with fetch(), which browsers
// refuse from file://: there the page says so and offers the timeline's filter instead.
(function () {
  "use strict";

  var page = document.querySelector("[data-search]");
  if (!page) return;
  var words = JSON.parse(page.getAttribute("data-words") || "{}");
  // A count's form by the page language's plural rules (CLDR, as the build's): Arabic has six.
  var pluralRules = window.Intl && Intl.PluralRules ? new Intl.PluralRules(document.documentElement.lang || "en") : null;
  function plural(key, count) {
    var form = key + "." + (pluralRules ? pluralRules.select(count) : (count === 1 ? "one" : "other"));
    return words[form] !== undefined ? form : key + ".other";
  }
  var say = function (key, values) {
    return (words[key] || key).replace(/\{(\w+)\}/g, function (_, name) { return values && name in values ? values[name] : ""; });
  };
  var root = page.getAttribute("data-root") || "";
  var typeLabels = {};
  JSON.parse(page.getAttribute("data-types") || "[]").forEach(function (pair) { typeLabels[pair[0]] = pair[1]; });
  var form = page.querySelector(".search-form");
  var input = form.querySelector("input[name=q]");
  var status = page.querySelector("[data-search-status]");
  var list = page.querySelector("[data-search-results]");
  var filterPanel = page.querySelector("[data-search-filters]");
  var template = document.getElementById("search-result");
  var FILTERS = ["type", "year", "country", "actor"];
  var PAGE = 20, SHOWN_VALUES = 8;
  var wide = window.matchMedia("(min-width: 56rem)");
  var pagefind = null, state = null, search = null, shown = 0, generation = 0;
  var pagefindURL = new URL(page.getAttribute("data-pagefind"), document.baseURI);
  // In a preview (`dossier serve`, whose live-reload script sets window.dossierPreview), the
  // index of the pages edits changed is merged over the full index, whose older versions of
  // those pages are left out by their numbers (`dossier-page`), as pagefind/preview.json says.
  var preview = window.dossierPreview ? { generation: null, stale: [] } : null;
  var PAGE_NUMBER = "dossier-page";

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function readAddress() {
    var params = new URLSearchParams(location.search), read = { q: (params.get("q") || "").trim(), filters: {} };
    FILTERS.forEach(function (name) {
      var values = params.getAll(name).filter(function (value) { return value !== ""; });
      if (values.length) read.filters[name] = values;
    });
    return read;
  }

  function address(state) {
    var params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    FILTERS.forEach(function (name) { (state.filters[name] || []).forEach(function (value) { params.append(name, value); }); });
    var query = params.toString();
    return location.pathname + (query ? "?" + query : "");
  }

  function hasFilters(state) {
    return FILTERS.some(function (name) { return (state.filters[name] || []).length > 0; });
  }

  function valueLabel(name, value) {
    return name === "type" ? typeLabels[value] || value : value;
  }

  // Pagefind's excerpt is text with <mark> around the words found: only those two are kept,
  // read from an inert template, so nothing in it can run.
  function excerptInto(node, excerpt) {
    var holder = document.createElement("template");
    holder.innerHTML = excerpt || "";
    Array.prototype.forEach.call(holder.content.childNodes, function (child) {
      if (child.nodeName === "MARK") node.appendChild(element("mark", {}, child.textContent));
      else node.appendChild(document.createTextNode(child.textContent));
    });
  }

  function resultNode(data) {
    var node = template.content.firstElementChild.cloneNode(true), meta = data.meta || {};
    var slot = function (name) { return node.querySelector("[data-slot=" + name + "]"); };
    var link = slot("title");
    link.textContent = meta.title || data.url;
    link.setAttribute("href", root + String(data.url || "").replace(/^\/+/, ""));
    var badge = slot("badge");
    if (meta.kind === "event") {
      node.setAttribute("data-type", meta.typeid || "");
      badge.textContent = meta.type || typeLabels[meta.typeid] || "";
    } else {
      badge.textContent = say("search.kind." + (meta.kind || "page"));
      badge.classList.add("badge-kind");
    }
    if (slot("date")) slot("date").textContent = meta.date || "";
    if (slot("excerpt")) excerptInto(slot("excerpt"), data.excerpt);
    return node;
  }

  // Words that are exactly a page's name, as a reader types them.
  function plain(text) { return (text || "").trim().toLowerCase().replace(/\s+/g, " "); }

  function showMore(run) {
    var first = shown === 0, next = search.results.slice(shown, shown + PAGE);
    shown += next.length;
    return Promise.all(next.map(function (result) { return result.data(); })).then(function (items) {
      if (run !== generation) return;
      // A search for an actor's or a topic's exact name shows its page first (Pagefind ranks
      // the events that name it in their titles above it).
      if (first) {
        var exact = items.findIndex(function (data) { return data.meta && data.meta.kind && data.meta.kind !== "event" && plain(data.meta.title) === plain(state.q); });
        if (exact > 0) items.unshift(items.splice(exact, 1)[0]);
      }
      var more = list.parentNode.querySelector(".search-more");
      if (more) more.remove();
      items.forEach(function (data) { list.appendChild(resultNode(data)); });
      var left = search.results.length - shown;
      if (left > 0) {
        var button = element("button", { type: "button", "class": "search-more" }, say("search.more", { count: Math.min(PAGE, left) }));
        button.addEventListener("click", function () {
          var before = list.children.length;
          showMore(run).then(function () { var link = list.children[before] && list.children[before].querySelector("a"); if (link) link.focus(); });
        });
        list.parentNode.appendChild(button);
      }
    });
  }

  function drawFilters(result) {
    filterPanel.textContent = "";
    var totals = result.totalFilters || {}, counts = result.filters || {};
    // The values the words' results have (Pagefind lists every value, most with none).
    var present = function (name) {
      return Object.keys(totals[name] || {}).filter(function (value) { return totals[name][value] > 0; });
    };
    var any = FILTERS.some(function (name) { return present(name).length > 0; });
    if (!any && !hasFilters(state)) return;
    // Folded on a phone unless a filter is chosen, so the results come first.
    var fold = element("details", { "class": "search-filters-fold" });
    fold.open = wide.matches || hasFilters(state);
    var summary = element("summary");
    summary.appendChild(element("h2", { "class": "search-filter-heading" }, say("search.filter.heading")));
    fold.appendChild(summary);
    filterPanel.appendChild(fold);
    FILTERS.forEach(function (name) {
      var chosen = state.filters[name] || [];
      var values = present(name);
      chosen.forEach(function (value) { if (values.indexOf(value) < 0) values.push(value); });
      if (!values.length) return;
      values.sort(name === "year"
        ? function (a, b) { return b.localeCompare(a); }
        : function (a, b) { return ((totals[name] || {})[b] || 0) - ((totals[name] || {})[a] || 0) || valueLabel(name, a).localeCompare(valueLabel(name, b)); });
      var group = element("fieldset", { "class": "search-filter" });
      group.appendChild(element("legend", {}, say("search.filter." + name)));
      var folded = null;
      values.forEach(function (value, index) {
        var id = "search-" + name + "-" + index;
        var box = element("input", { type: "checkbox", id: id, value: value });
        box.checked = chosen.indexOf(value) >= 0;
        box.addEventListener("change", function () {
          var next = (state.filters[name] || []).filter(function (v) { return v !== value; });
          if (box.checked) next.push(value);
          state.filters[name] = next;
          go(true);
        });
        var label = element("label", { "for": id });
        label.appendChild(box);
        label.appendChild(document.createTextNode(" " + valueLabel(name, value) + " "));
        label.appendChild(element("span", { "class": "muted" }, "(" + ((counts[name] || {})[value] || 0) + ")"));
        var line = element("div", { "class": "search-filter-value" });
        line.appendChild(label);
        if (index >= SHOWN_VALUES && !box.checked) {
          if (!folded) {
            folded = element("details", { "class": "search-filter-more" });
            folded.appendChild(element("summary", {}, say("search.filter.more", { count: values.length - SHOWN_VALUES })));
          }
          folded.appendChild(line);
        } else {
          group.appendChild(line);
        }
      });
      if (folded) group.appendChild(folded);
      fold.appendChild(group);
    });
    if (hasFilters(state)) {
      var clear = element("button", { type: "button", "class": "search-clear" }, say("search.clear"));
      clear.addEventListener("click", function () { state.filters = {}; go(true); });
      fold.appendChild(clear);
    }
  }

  function pagefindFilters(state) {
    var filters = {};
    FILTERS.forEach(function (name) { if ((state.filters[name] || []).length) filters[name] = { any: state.filters[name] }; });
    return filters;
  }

  function run() {
    var current = ++generation;
    list.textContent = "";
    var old = page.querySelector(".search-more");
    if (old) old.remove();
    input.value = state.q;
    if (!state.q && !hasFilters(state)) {
      filterPanel.textContent = "";
      status.textContent = say("search.prompt");
      return;
    }
    status.textContent = say("search.loading");
    var filters = pagefindFilters(state), stale = preview && preview.stale.length ? preview.stale : null;
    if (stale) filters[PAGE_NUMBER] = { none: stale };
    var searches = [pagefind.search(state.q || null, { filters: filters })];
    // The left-out pages the words find, to take from the counts that ignore filters.
    if (stale) {
      var only = {};
      only[PAGE_NUMBER] = { any: stale };
      searches.push(pagefind.search(state.q || null, { filters: only }));
    }
    Promise.all(searches).then(function (found) {
      var result = found[0];
      if (current !== generation || !result) return;
      if (found[1]) leaveOut(result, found[1]);
      search = result;
      shown = 0;
      drawFilters(result);
      var count = result.results.length, total = result.unfilteredResultCount;
      if (!count) {
        status.textContent = say(hasFilters(state) ? "search.noneFiltered" : "search.none", { query: state.q });
        return;
      }
      status.textContent = hasFilters(state) && total !== count
        ? say("search.filtered", { shown: count, count: total, query: state.q })
        : say(plural("search.results", count), { count: count, query: state.q });
      return showMore(current);
    }, failed);
  }

  // Takes the left-out pages (`old`, found by their numbers) from the counts Pagefind makes
  // before filters, which the filter that leaves them out does not change.
  function leaveOut(result, old) {
    result.unfilteredResultCount -= old.results.length;
    Object.keys(old.filters || {}).forEach(function (name) {
      var totals = result.totalFilters[name];
      if (!totals) return;
      Object.keys(old.filters[name]).forEach(function (value) {
        if (value in totals) totals[value] -= old.filters[name][value];
      });
    });
  }

  // A new search or filter is a step in the history; the same view is not.
  function go(push) {
    var next = address(state);
    if (next !== location.pathname + location.search) history[push ? "pushState" : "replaceState"](null, "", next);
    run();
  }

  function failed() {
    status.textContent = say("search.failed");
  }

  if (location.protocol === "file:") {
    var asked = readAddress().q;
    input.value = asked;
    // The theme's words mark code with backticks, as Markdown does: shown as code, not as marks.
    status.textContent = "";
    (say("search.fromFile") + " ").split("`").forEach(function (part, index) {
      status.appendChild(index % 2 ? element("code", {}, part) : document.createTextNode(part));
    });
    var timeline = page.getAttribute("data-timeline") + (asked ? "?q=" + encodeURIComponent(asked) : "");
    status.appendChild(element("a", { href: timeline }, say("search.fromFileLink")));
    return;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    state.q = input.value.trim();
    go(true);
  });

  state = readAddress();
  input.value = state.q;
  status.textContent = state.q || hasFilters(state) ? say("search.loading") : say("search.prompt");
  // Resolved against the page: import() alone would resolve it against this script's address.
  function load() {
    return import(pagefindURL.href).then(function (module) {
      pagefind = module;
      return pagefind.options({ excerptLength: 24 }).then(function () { return pagefind.init(); });
    }).then(function () {
      return preview ? mergePreview() : null;
    }).then(function () {
      // Searches return counts per filter value only once the filters are loaded.
      return pagefind.filters();
    });
  }

  function mergePreview() {
    return fetch(new URL("preview.json", pagefindURL).href, { cache: "no-store" }).then(function (response) {
      return response.ok ? response.json() : null;
    }).catch(function () { return null; }).then(function (manifest) {
      if (!manifest) return;
      preview.generation = manifest.generation;
      preview.stale = manifest.stale || [];
      // Pagefind would search another language's index of the changes if it had none in the page's.
      var lang = (document.documentElement.lang || "").toLowerCase(), languages = manifest.languages || [];
      if (manifest.index && (languages.indexOf(lang) >= 0 || languages.indexOf(lang.split("-")[0]) >= 0)) {
        // Its pages' addresses as the full index gives them: from the site's root (the preview's is /).
        return pagefind.mergeIndex(new URL(manifest.index, pagefindURL).pathname, { excerptLength: 24, baseUrl: "/" });
      }
    });
  }

  // Loads the index (afresh, after `reload`), then searches. In a preview, a new index is
  // loaded the same way when the live-reload stream announces it; the first comes this way
  // too when the page opened before the preview had made any.
  var loading = null;
  function start(reload) {
    loading = (reload && pagefind ? pagefind.destroy() : Promise.resolve()).then(load).then(function () {
      loading = null;
      run();
      if (preview) reloadIndex();
    }, function () {
      loading = null;
      failed();
    });
  }

  function reloadIndex() {
    var wanted = window.dossierPreview.search;
    if (!loading && wanted !== null && wanted !== preview.generation) start(true);
  }

  window.addEventListener("popstate", function () {
    state = readAddress();
    if (pagefind) run();
  });
  if (preview) window.addEventListener("dossier:search", reloadIndex);
  start(false);
})();
