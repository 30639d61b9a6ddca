"""The timeline's filter in a real browser: facets chosen by a reader end up in the address,
the address gives the same view back, back and forward step through changes, unknown values
are named, and a split timeline is filtered as a whole (from file:// too)."""
import gzip
import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from conftest import REPOSITORY, SPLIT_EVENTS, dossier_executable


def wait_for(driver, condition, seconds=15):
    return WebDriverWait(driver, seconds, poll_frequency=0.05).until(lambda d: condition(d))


def shown_titles(driver):
    return [element.text for element in driver.find_elements(By.CSS_SELECTOR, "[data-filter-results] .filter-card h3")]


def status(driver):
    return driver.find_element(By.CSS_SELECTOR, ".filter-status").text


def query(driver):
    return parse_qs(urlparse(driver.current_url).query)


def test_choosing_an_actor_and_a_type_filters_and_the_address_keeps_it(preview, browser):
    browser.get(preview.url + "timeline/")
    actor = wait_for(browser, lambda d: d.find_element(By.ID, "filter-actor"))
    actor.send_keys("Kataib Hezbollah")
    actor.send_keys(Keys.TAB)  # a change event, as choosing from the list gives
    wait_for(browser, lambda d: query(d).get("actor") == ["kataib-hezbollah"])
    # Its events, as its own page lists them.
    wait_for(browser, lambda d: status(d) == "2 of 15 events" and len(shown_titles(d)) == 2)
    by_actor = shown_titles(browser)
    assert "Kataib Hezbollah announces it is suspending attacks on US troops" in by_actor
    browser.find_element(By.CSS_SELECTOR, "label[for='filter-type-1']").click()  # Military strike
    wait_for(browser, lambda d: query(d).get("type") == ["strike"])
    both = ["US drone strike in Baghdad kills a senior Kataib Hezbollah commander"]
    wait_for(browser, lambda d: shown_titles(d) == both and status(d) == "1 of 15 events")
    # The static timeline is out of the way while a filter is on.
    assert not browser.find_element(By.CSS_SELECTOR, ".timeline").is_displayed()
    # Reloading the address gives the same view back.
    address = browser.current_url
    browser.refresh()
    wait_for(browser, lambda d: shown_titles(d) == both)
    assert browser.find_element(By.ID, "filter-type-1").is_selected()
    # Back: the actor alone; back again: everything, the filter off.
    browser.back()
    wait_for(browser, lambda d: shown_titles(d) == by_actor)
    assert not browser.find_element(By.ID, "filter-type-1").is_selected()
    browser.back()
    wait_for(browser, lambda d: d.find_element(By.CSS_SELECTOR, ".timeline").is_displayed())
    assert shown_titles(browser) == []
    browser.forward()
    wait_for(browser, lambda d: shown_titles(d) == by_actor)
    # So does the address, copied into a fresh tab.
    browser.get("about:blank")
    browser.get(address)
    wait_for(browser, lambda d: shown_titles(d) == both)


def test_the_count_is_announced_outside_the_controls_labels(preview, browser):
    browser.get(preview.url + "timeline/?q=Qaani")
    live = wait_for(browser, lambda d: d.find_element(By.CSS_SELECTOR, ".filter-status[role=status]"))
    wait_for(browser, lambda d: live.text.endswith("of 15 events"))
    words = browser.find_element(By.ID, "filter-q")
    assert words.get_attribute("value") == "Qaani"
    label = browser.find_element(By.CSS_SELECTOR, "label[for='filter-q']").text
    assert "events" not in label
    assert any("Qaani" in title for title in shown_titles(browser))
    # The year links lead to the years with results, not to the hidden timeline.
    for link in browser.find_elements(By.CSS_SELECTOR, ".year-jump a"):
        if link.is_displayed():
            assert link.get_attribute("href").split("#")[1].startswith("filter-y")
    browser.find_element(By.CSS_SELECTOR, ".filter-clear").click()
    wait_for(browser, lambda d: "?" not in d.current_url)
    assert browser.find_element(By.ID, "filter-q").get_attribute("value") == ""


def test_a_count_takes_the_form_of_its_number(preview, browser):
    # "1 event found", not "1 events": the page language's plural rules (Intl.PluralRules).
    browser.get(preview.url + "timeline/?q=unanimously")
    wait_for(browser, lambda d: status(d) == "1 of 15 events")
    wait_for(browser, lambda d: d.find_element(By.ID, "filter-chart-title").get_attribute("textContent").startswith("1 event found, by "))


def test_an_address_with_unknown_values_says_so(preview, browser):
    browser.get(preview.url + "timeline/?actor=nobody-at-all&type=strike&from=2024-13")
    notice = wait_for(browser, lambda d: d.find_element(By.CSS_SELECTOR, ".filter-notice"))
    wait_for(browser, lambda d: "nobody-at-all" in notice.text)
    assert "2024-13" in notice.text
    # The known part still applies.
    wait_for(browser, lambda d: status(d) == "3 of 15 events")


def test_a_split_timeline_is_filtered_as_a_whole_from_file(split_site, browser):
    timeline = (split_site / "timeline" / "index.html").as_uri()
    browser.get(timeline + "?from=2016-11&to=2017-02&type=attack")
    wait_for(browser, lambda d: f"of {SPLIT_EVENTS} events" in status(d))
    years = [heading.text for heading in browser.find_elements(By.CSS_SELECTOR, ".filter-year")]
    assert years == ["2016", "2017"], "results from two years, one page"
    cards = browser.find_elements(By.CSS_SELECTOR, "[data-filter-results] .filter-card")
    assert cards and all(card.get_attribute("data-type") == "attack" for card in cards)
    link = cards[0].find_element(By.CSS_SELECTOR, "h3 a").get_attribute("href")
    assert Path(urlparse(link).path).is_file(), "a result links to its event's page"


def test_a_year_or_month_page_asked_for_a_filter_sends_it_to_the_timeline(split_site, browser):
    """`timeline/2016/?type=attack` showed the whole year, the filter silently dropped: the year's
    and the month's pages send the reader to the timeline's filter with the period as its dates."""
    browser.get((split_site / "timeline" / "2016" / "index.html").as_uri() + "?type=attack")
    wait_for(browser, lambda d: "/timeline/index.html" in d.current_url)
    assert query(browser) == {"type": ["attack"], "from": ["2016"], "to": ["2016"]}
    wait_for(browser, lambda d: f"of {SPLIT_EVENTS} events" in status(d))
    assert [heading.text for heading in browser.find_elements(By.CSS_SELECTOR, ".filter-year")] == ["2016"]
    cards = browser.find_elements(By.CSS_SELECTOR, "[data-filter-results] .filter-card")
    assert cards and all(card.get_attribute("data-type") == "attack" for card in cards)
    # A month's page, with dates of its own in the address: those are kept.
    browser.get((split_site / "timeline" / "2017" / "03" / "index.html").as_uri() + "?q=ceasefire")
    wait_for(browser, lambda d: "/timeline/index.html" in d.current_url)
    assert query(browser) == {"q": ["ceasefire"], "from": ["2017-03"], "to": ["2017-03"]}
    # Without a filter the page stays.
    browser.get((split_site / "timeline" / "2016" / "index.html").as_uri())
    assert browser.current_url.endswith("/timeline/2016/index.html")


def test_words_are_looked_for_in_summaries_too(split_site, browser):
    """The Words box looked in titles, places, types and actors only (`?q=drone` found 4 of the
    sample's 8 events that mention drones); it looks in summaries too, and says so."""
    import json
    events = json.loads((split_site / "data" / "events.json").read_text())["events"]
    # A word of many summaries and fewer titles: the filter finds at least every event with it
    # in its title or summary (places, types and actors' names may add some), more than titles alone.
    def has(text, word):
        return word in (text or "").lower()
    counts = {}
    for event in events:
        for word in set(re.findall(r"[a-z]{6,}", (event.get("summary") or "").lower())):
            counts[word] = counts.get(word, 0) + (0 if has(event["title"], word) else 1)
    word = max(sorted(counts), key=lambda w: counts[w])
    in_titles = sum(1 for e in events if has(e["title"], word))
    in_either = sum(1 for e in events if has(e["title"], word) or has(e.get("summary"), word))
    assert in_either > in_titles
    browser.get((split_site / "timeline" / "index.html").as_uri() + "?q=" + word)
    wait_for(browser, lambda d: re.match(r"\d+ of", status(d)))
    found = int(status(browser).split(" ", 1)[0])
    assert in_either <= found < in_either + SPLIT_EVENTS // 5, (word, in_titles, in_either, found)
    hint = browser.find_element(By.ID, "filter-q-hint")
    assert "summaries" in hint.text and browser.find_element(By.ID, "filter-q").get_attribute("aria-describedby") == "filter-q-hint"


def bin_dates(axis, bin):
    """A chart bin as the filter's address writes dates (as `TimeBins` numbers them)."""
    import datetime
    unit, first = axis[0], int(axis[1])
    if unit == "year":
        return str(first + bin), str(first + bin)
    if unit == "month":
        number = first + bin
        month = f"{number // 12}-{number % 12 + 1:02d}"
        return month, month
    start = datetime.date(1970, 1, 1) + datetime.timedelta(days=first + 7 * bin)
    return start.isoformat(), (start + datetime.timedelta(days=6)).isoformat()


def results_chart_agrees(browser):
    """The results' chart: bars that add up to the results (less those it cannot place by month),
    a key, and text at its own size (drawn for its column)."""
    figure = wait_for(browser, lambda d: d.find_element(By.CSS_SELECTOR, "[data-filter-results] .filter-chart-figure"))
    shown = int(status(browser).split(" ", 1)[0])
    charted = sum(int(rect.get_attribute("data-count")) for rect in figure.find_elements(By.CSS_SELECTOR, ".chart-hits rect"))
    undated = re.search(r"(\d+) known only to their year", figure.find_element(By.TAG_NAME, "figcaption").text)
    assert charted + (int(undated.group(1)) if undated else 0) == shown
    key = sum(int(re.search(r"\((\d+)\)", item.text).group(1)) for item in figure.find_elements(By.CSS_SELECTOR, ".chart-key li"))
    assert key == charted, "its key counts what it charts"
    scale = browser.execute_script("const svg = arguments[0]; return svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;",
                                   figure.find_element(By.TAG_NAME, "svg"))
    assert 0.95 < scale < 1.05, f"drawn for its column: text at {12 * scale:.1f} px"


def test_a_span_dragged_on_the_chart_becomes_the_filters_dates(split_site, browser):
    browser.set_window_size(1280, 1000)
    browser.get((split_site / "timeline" / "index.html").as_uri())
    svg = wait_for(browser, lambda d: next(e for e in d.find_elements(By.CSS_SELECTOR, ".timeline-chart svg.chart[tabindex]") if e.is_displayed()))
    axis = svg.get_attribute("data-axis").split()
    assert int(axis[2]) > 5
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", svg)
    # The middle of bins 2 and 4, where the reader's pointer goes.
    points = browser.execute_script("""
        const svg = arguments[0], plot = svg.getAttribute('data-plot').split(' ').map(Number), matrix = svg.getScreenCTM();
        return [2, 4].map(bin => { const p = svg.createSVGPoint(); p.x = plot[0] + (bin + 0.5) * plot[1]; p.y = plot[2] + plot[3] / 2;
                                   const q = p.matrixTransform(matrix); return [Math.round(q.x), Math.round(q.y)]; });""", svg)
    from selenium.webdriver.common.actions.action_builder import ActionBuilder
    actions = ActionBuilder(browser)
    actions.pointer_action.move_to_location(*points[0]).pointer_down().move_to_location((points[0][0] + points[1][0]) // 2, points[0][1])
    actions.pointer_action.move_to_location(*points[1]).pointer_up()
    actions.perform()
    wait_for(browser, lambda d: "from" in query(d))
    assert query(browser)["from"] == [bin_dates(axis, 2)[0]] and query(browser)["to"] == [bin_dates(axis, 4)[1]]
    wait_for(browser, lambda d: f"of {SPLIT_EVENTS} events" in status(d))
    results_chart_agrees(browser)
    # The results' chart is a control too: one bin clicked narrows to it.
    chart = browser.find_element(By.CSS_SELECTOR, "[data-filter-results] svg.filter-chart")
    inner = chart.get_attribute("data-axis").split()
    hit = chart.find_element(By.CSS_SELECTOR, ".chart-hits rect")
    hit_bin = round((float(hit.get_attribute("x")) - float(chart.get_attribute("data-plot").split()[0])) / float(chart.get_attribute("data-plot").split()[1]))
    hit.click()
    wait_for(browser, lambda d: query(d).get("from") == [bin_dates(inner, hit_bin)[0]])
    assert query(browser)["to"] == [bin_dates(inner, hit_bin)[1]]
    browser.back()
    wait_for(browser, lambda d: query(d).get("from") == [bin_dates(axis, 2)[0]])


@pytest.mark.parametrize("width", [1280, 390])
def test_a_span_chosen_with_the_keyboard_becomes_the_filters_dates(split_site, browser, width):
    browser.set_window_size(width, 1000)
    try:
        browser.get((split_site / "timeline" / "index.html").as_uri())
        svg = wait_for(browser, lambda d: next(e for e in d.find_elements(By.CSS_SELECTOR, ".timeline-chart svg.chart[tabindex]") if e.is_displayed()))
        axis = svg.get_attribute("data-axis").split()
        browser.execute_script("arguments[0].focus()", svg)
        chain = webdriver.ActionChains(browser)
        chain.send_keys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT).key_down(Keys.SHIFT).send_keys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT).key_up(Keys.SHIFT).perform()
        hint = browser.find_element(By.ID, "timeline-chart-hint")
        assert svg.get_attribute("aria-describedby") == "timeline-chart-hint"
        wait_for(browser, lambda d: "Enter shows its events" in hint.text)
        webdriver.ActionChains(browser).send_keys(Keys.ENTER).perform()
        wait_for(browser, lambda d: "from" in query(d))
        assert query(browser)["from"] == [bin_dates(axis, 1)[0]] and query(browser)["to"] == [bin_dates(axis, 3)[1]]
        wait_for(browser, lambda d: f"of {SPLIT_EVENTS} events" in status(d))
        # The focus went to the results' chart, not to the page's body.
        assert browser.switch_to.active_element.get_attribute("class") == "chart filter-chart"
        results_chart_agrees(browser)
        assert browser.execute_script("return document.scrollingElement.scrollWidth <= window.innerWidth"), "nothing scrolls sideways"
    finally:
        browser.set_window_size(1280, 1000)


def test_on_a_phone_the_results_come_first_and_chips_remove_the_filters(split_site, browser):
    """On a phone with a filter in the address the controls were open, 1,215 px tall: the first
    result two screens down. They stay folded; the filters set are chips that remove them."""
    browser.set_window_size(390, 844)
    try:
        browser.get((split_site / "timeline" / "index.html").as_uri() + "?type=attack&from=2016")
        wait_for(browser, lambda d: f"of {SPLIT_EVENTS} events" in status(d))
        assert browser.find_element(By.CSS_SELECTOR, ".filter-fold").get_property("open") is False
        top = browser.execute_script("return document.querySelector('[data-filter-results]').getBoundingClientRect().top")
        assert top < 844, f"the results start {top:.0f} px down, below the first screen"
        chips = browser.find_elements(By.CSS_SELECTOR, ".filter-active button")
        assert [chip.text for chip in chips] == ["Type: Attack ×", "From: 2016 ×"]
        assert chips[0].get_attribute("aria-label") == "Remove Type: Attack"
        chips[0].click()
        wait_for(browser, lambda d: "type" not in query(d))
        assert query(browser) == {"from": ["2016"]}
        assert browser.switch_to.active_element.text == "From: 2016 ×", "the focus stays among the chips"
        browser.switch_to.active_element.click()
        wait_for(browser, lambda d: query(d) == {})
        assert browser.switch_to.active_element.tag_name == "summary", "the last chip gone, the focus goes to the controls"
    finally:
        browser.set_window_size(1280, 1000)


def test_showing_more_results_moves_the_focus_to_the_first_new_one(split_site, browser):
    """ "Show 100 more" is replaced by the results it shows: the focus goes to the first of them,
    not to the page's body (where it fell while the list was drawn again)."""
    browser.get((split_site / "timeline" / "index.html").as_uri() + "?type=attack")
    wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "button.filter-more"))
    before = len(browser.find_elements(By.CSS_SELECTOR, "[data-filter-results] .filter-card"))
    assert before == 100
    browser.find_element(By.CSS_SELECTOR, "button.filter-more").click()
    wait_for(browser, lambda d: len(d.find_elements(By.CSS_SELECTOR, "[data-filter-results] .filter-card")) > before)
    cards = browser.find_elements(By.CSS_SELECTOR, "[data-filter-results] .filter-card")
    wait_for(browser, lambda d: d.switch_to.active_element.get_attribute("href") == cards[before].find_element(By.CSS_SELECTOR, "h3 a").get_attribute("href"))


def test_no_page_of_a_large_report_is_over_a_megabyte_and_the_filters_index_is_small(split_site):
    """Sizes, not timings: at 10,000 events every HTML page stays under 1 MB, and the index the
    first filter loads (the facets, read before anything else) under 1 MB gzipped."""
    pages = {path: path.stat().st_size for path in split_site.rglob("*.html")}
    largest = max(pages, key=pages.get)
    assert pages[largest] < 1_000_000, f"{largest.relative_to(split_site)} is {pages[largest]:,} bytes"
    for listed in ["sources/index.html", "timeline/index.html", "topics/topic-000/index.html", "actors/actor-00000/index.html"]:
        assert (split_site / listed).is_file() and pages[split_site / listed] < 1_000_000
    assert (split_site / "sources" / "page" / "2" / "index.html").is_file(), "the sources index is in numbered pages"
    # Lists are read, not only loaded: every list page under 6,000 elements (at the old default
    # of 500 events a page, a topic of 428 events was 11,721 DOM nodes; now an actor's first page,
    # the largest, is about 5,300: 100 cards ~2,700, its chart's three drawings ~1,800, its map).
    import re as regex
    elements = {path: len(regex.findall(rb"<[a-zA-Z]", path.read_bytes())) for folder in ("timeline", "types", "countries", "topics", "actors", "sources")
                for path in (split_site / folder).rglob("index.html")}
    most = max(elements, key=elements.get)
    assert elements[most] < 6_000, f"{most.relative_to(split_site)} has {elements[most]:,} elements"
    index = split_site / "data" / "filter"
    facets = (index / "facets.js").read_bytes()
    assert len(gzip.compress(facets, 6)) < 200_000, "the facets of 10,000 events gzip to about 90 KB"
    years = sorted(index.glob("[0-9][0-9][0-9][0-9].js"))
    assert len(years) >= 10 and all(year.stat().st_size < 300_000 for year in years), "one file per year, each loaded on demand"


def test_without_javascript_every_year_type_and_country_is_a_page(split_site):
    from test_maps import chromium
    driver = chromium(javascript=False)
    try:
        timeline = (split_site / "timeline" / "index.html").as_uri()
        driver.get(timeline)
        # Nothing on the page is hidden for want of a script: the years and the panel's links.
        assert driver.find_element(By.CSS_SELECTOR, ".timeline-years").is_displayed()
        assert driver.find_element(By.CSS_SELECTOR, ".filter-links").is_displayed()
        years = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, ".timeline-year-summary h2 a")]
        assert len(years) >= 10
        months = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, ".month-counts a")]
        assert len(months) >= 100, "busy years have a page per month"
        lists = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, ".filter-links a[href*='/types/'], .filter-links a[href*='/countries/']")]
        assert any("/types/" in href for href in lists) and any("/countries/" in href for href in lists)
        for address in years + months[:3]:
            driver.get(address)
            assert driver.find_elements(By.CSS_SELECTOR, ".year-jump a[aria-current=page]")
            assert driver.find_elements(By.CSS_SELECTOR, ".event-card") or driver.find_elements(By.CSS_SELECTOR, ".month-list a")
        for address in lists:
            driver.get(address)
            assert driver.find_elements(By.CSS_SELECTOR, ".event-lines a[href*='/events/']"), address
            # A list longer than a page goes on over numbered pages, each reachable.
            for page in [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, ".list-pages a")][1:2]:
                driver.get(page)
                assert driver.find_elements(By.CSS_SELECTOR, ".event-lines a[href*='/events/']"), page
    finally:
        driver.quit()


def test_old_links_to_a_year_on_the_timeline_land_on_its_page(split_site, browser):
    browser.get((split_site / "timeline" / "index.html").as_uri() + "#y2016")
    wait_for(browser, lambda d: d.current_url.endswith("/timeline/2016/index.html"))
    browser.get((split_site / "timeline" / "index.html").as_uri() + "#2017")
    wait_for(browser, lambda d: d.current_url.endswith("/timeline/2017/index.html"))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_with_the_filter_open_and_on_year_and_month_pages(preview, split_site, browser, scheme):
    from test_quality import axe_violations
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
    try:
        found = {}
        browser.get(preview.url + "timeline/?actor=nobody&type=strike&q=drone")
        wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, ".filter-card") and "nobody" in d.find_element(By.CSS_SELECTOR, ".filter-notice").text)
        found["filtered timeline"] = axe_violations(browser)
        pages = {"split timeline": "timeline/index.html", "year": "timeline/2016/index.html", "month": "timeline/2016/03/index.html"}
        for name, path in pages.items():
            browser.get((split_site / path).as_uri())
            found[name] = axe_violations(browser)
        browser.get((split_site / "timeline" / "index.html").as_uri() + "?from=2016&to=2017&actor=actor-00001")
        wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, ".filter-card"))
        found["filtered split timeline"] = axe_violations(browser)
        assert {name: violations for name, violations in found.items() if violations} == {}
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})


@pytest.mark.parametrize("width", [1280, 390])
def test_the_results_are_mapped_and_a_marker_chooses_its_place(split_site, browser, width):
    """The filtered view maps its results (from `data/filter/facets.js`, no server): markers
    that add up to the results with a place, none over another, a finger wide on a phone; a
    marker of one place filters to it."""
    browser.set_window_size(width, 1000)
    try:
        browser.get((split_site / "timeline" / "index.html").as_uri() + "?type=attack&from=2016&to=2017")
        wait_for(browser, lambda d: f"of {SPLIT_EVENTS} events" in status(d))
        shown = int(status(browser).split(" ", 1)[0])
        figure = wait_for(browser, lambda d: d.find_element(By.CSS_SELECTOR, "[data-filter-results] .filter-map-figure"))
        markers = browser.execute_script("""
            return [...arguments[0].querySelectorAll('svg.filter-map a')].map(a => {
              const r = a.querySelector('.map-marker').getBoundingClientRect();
              return [a.querySelector('title').textContent, +a.querySelector('.map-count').textContent, r.left + r.width / 2, r.top + r.height / 2, r.width / 2];
            });""", figure)
        assert len(markers) > 3
        caption = figure.find_element(By.TAG_NAME, "figcaption").text
        placed = int(re.match(r"(\d+) of the events found", caption).group(1))
        unplaced = re.search(r"(\d+) have none", caption)
        assert sum(m[1] for m in markers) == placed and placed + (int(unplaced.group(1)) if unplaced else 0) == shown
        overlapping = [(a[0], b[0]) for i, a in enumerate(markers) for b in markers[i + 1:]
                       if ((a[2] - b[2]) ** 2 + (a[3] - b[3]) ** 2) ** 0.5 < a[4] + b[4] - 0.5]
        assert overlapping == []
        if width < 600:
            assert min(m[4] for m in markers) * 2 >= 24, "a finger wide on a phone"
        assert browser.execute_script("return document.scrollingElement.scrollWidth <= window.innerWidth")
        # A dashed halo where, and only where, some of the place's events are known only to a
        # district or region (data/events.json).
        vague = {}
        for event in json.loads((split_site / "data" / "events.json").read_text())["events"]:
            location = event.get("location") or {}
            name = ", ".join(part for part in (location.get("name"), location.get("region"), location.get("country")) if part)
            vague[name] = vague.get(name, False) or location.get("precision") in ("district", "region")
        halos = browser.execute_script("""
            return [...arguments[0].querySelectorAll('svg.filter-map a')].map(a => [a.querySelector('title').textContent,
              !!a.querySelector('.map-marker.precision-region, .map-marker.precision-district')]);""", figure)
        by_place = [(title.split(": ", 1)[0], halo) for title, halo in halos if not title.startswith("Several places")]
        # (At 390 px the report's hundreds of sites may all join into their countries' markers.)
        assert by_place or width < 600
        assert all(vague[place] == halo for place, halo in by_place), by_place[:5]
        assert any(halo for _, halo in halos) == ("dashed ring" in caption)
        # A marker of one place: its events alone (else one of a country: that country's).
        title, count = next(((m[0], m[1]) for m in markers if not m[0].startswith("Several places")), (markers[0][0], markers[0][1]))
        several = title.startswith("Several places in ")
        place = title.split(": ", 1)[0].removeprefix("Several places in ")
        link = next(a for a in figure.find_elements(By.CSS_SELECTOR, "svg.filter-map a")
                    if browser.execute_script("return arguments[0].querySelector('title').textContent", a) == title)
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
        link.click()
        wait_for(browser, lambda d: query(d).get("country" if several else "place") == [place])
        if not several:
            wait_for(browser, lambda d: status(d).startswith(f"{count} of"))
        shown = status(browser).split(" of ")[0]
        # The address holds it: a place's name has a comma ("Town, Country"), read back whole.
        browser.refresh()
        wait_for(browser, lambda d: status(d).startswith(f"{shown} of"))
        assert "has no" not in browser.find_element(By.CSS_SELECTOR, ".filter-notice").text
    finally:
        browser.set_window_size(1280, 1000)
