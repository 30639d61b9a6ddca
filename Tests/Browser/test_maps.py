"""The maps in a real browser: markers lead to their events, the legend filters types without
JavaScript, the map reads without JavaScript, and nothing is requested from another host."""
import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlparse

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.support.ui import WebDriverWait

from conftest import dossier_executable


def wait_for(driver, condition, seconds=15):
    return WebDriverWait(driver, seconds, poll_frequency=0.05).until(lambda d: condition(d))


def chromium(javascript=True):
    options = Options()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1000"):
        options.add_argument(argument)
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    service = Service(executable_path=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(30)
    return driver


@pytest.fixture
def no_script_browser():
    driver = chromium(javascript=False)
    yield driver
    driver.quit()


def test_clicking_a_marker_opens_its_event(preview, browser):
    browser.get(preview.url + "map/")
    marker = browser.find_element(By.CSS_SELECTOR, 'svg.map a[href*="baghdad-drone-strike"] .map-marker')
    marker.click()
    wait_for(browser, lambda d: "/events/baghdad-drone-strike/" in d.current_url)
    assert "US drone strike in Baghdad" in browser.find_element(By.TAG_NAME, "h1").text


def test_the_legend_hides_and_shows_a_type(preview, browser):
    """Every place is one marker; hiding a type shows the other types alone, and brings it all back."""
    browser.get(preview.url + "map/")
    places = browser.find_element(By.CSS_SELECTOR, "svg.map .map-all")
    layer = browser.find_element(By.CSS_SELECTOR, 'svg.map .map-layer[data-type="strike"]')
    other = browser.find_element(By.CSS_SELECTOR, 'svg.map .map-layer[data-type="attack"]')
    box = browser.find_element(By.CSS_SELECTOR, 'input[data-map-type="strike"]')
    assert places.value_of_css_property("display") != "none" and layer.value_of_css_property("display") == "none"
    box.click()
    wait_for(browser, lambda d: places.value_of_css_property("display") == "none")
    assert layer.value_of_css_property("display") == "none"
    assert other.value_of_css_property("display") != "none", "the other types stay"
    box.click()
    wait_for(browser, lambda d: places.value_of_css_property("display") != "none")
    assert other.value_of_css_property("display") == "none"


def test_maps_read_and_filter_without_javascript(preview, no_script_browser):
    driver = no_script_browser
    driver.get(preview.url + "map/")
    assert driver.execute_script is not None
    markers = [marker for marker in driver.find_elements(By.CSS_SELECTOR, "svg.map .map-marker") if marker.is_displayed()]
    assert len(markers) == 2
    # The outlines under the markers are an image the browser loaded.
    base = driver.find_element(By.CSS_SELECTOR, "svg.map image.map-base")
    assert base.size["width"] > 0
    box = driver.find_element(By.CSS_SELECTOR, 'input[data-map-type="attack"]')
    box.click()
    layer = driver.find_element(By.CSS_SELECTOR, 'svg.map .map-layer[data-type="attack"]')
    assert layer.value_of_css_property("display") == "none"
    driver.get(preview.url + "events/baghdad-drone-strike/")
    assert driver.find_element(By.CSS_SELECTOR, "svg.map-small .map-marker").is_displayed()
    driver.get(preview.url)
    assert driver.find_element(By.CSS_SELECTOR, "svg#home-map").is_displayed()


def test_no_request_leaves_the_local_server(preview, browser):
    origin = urlparse(preview.url).netloc
    # Leave earlier tests' pages first: a live-reload stream of a preview that has stopped
    # retries its own old address, which is no request of these pages.
    browser.get("about:blank")
    browser.get_log("performance")  # drop what earlier tests logged
    for path in ("", "map/", "events/baghdad-drone-strike/", "events/qaani-visits-iraq/", "actors/kataib-hezbollah/", "topics/the-pause-in-attacks/"):
        browser.get(preview.url + path)
        wait_for(browser, lambda d: d.execute_script("return document.readyState") == "complete")
    requested = []
    for entry in browser.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            requested.append(message["params"]["request"]["url"])
    assert any(url.endswith("/map/world.svg") for url in requested), "the outlines were loaded"
    elsewhere = [url for url in requested if urlparse(url).scheme not in ("data", "blob") and urlparse(url).netloc != origin]
    assert elsewhere == []


@pytest.fixture(scope="module")
def crowded_site():
    """A built synthetic report of 3,000 events in several neighbouring countries, whose map
    groups more events at a place than its list names."""
    folder = Path(tempfile.mkdtemp(prefix="dossier-crowded-"))
    dossier = str(dossier_executable())
    templates = str(Path(__file__).resolve().parents[2] / "Templates")
    subprocess.run([dossier, "generate", "--events", "3000", "--actors", "60", str(folder)], check=True, capture_output=True, timeout=120)
    subprocess.run([dossier, "build", "--content", str(folder / "Content"), "--output", str(folder / "Site"), "--templates", templates],
                   check=True, capture_output=True, timeout=300)
    yield folder / "Site"
    shutil.rmtree(folder, ignore_errors=True)


def test_a_place_loads_the_events_its_entry_does_not_name(crowded_site, browser):
    # Opened from file://, where a page may load a script but not fetch a file.
    browser.get((crowded_site / "map" / "index.html").as_uri())
    browser.find_element(By.CSS_SELECTOR, "details.map-places > summary").click()
    entry = browser.find_element(By.CSS_SELECTOR, "details.map-places li[id]:has(> [data-more])")
    more = int(re.search(r"and (\d+) more events", entry.find_element(By.CSS_SELECTOR, "[data-more]").text).group(1))
    named = len(entry.find_elements(By.CSS_SELECTOR, "ul > li"))
    entry.find_element(By.CSS_SELECTOR, "button.map-more").click()
    wait_for(browser, lambda d: len(entry.find_elements(By.CSS_SELECTOR, "ul > li")) == named + more)
    assert entry.find_elements(By.CSS_SELECTOR, "[data-more]") == [], "the button and its count are gone"
    links = [a.get_attribute("href") for a in entry.find_elements(By.CSS_SELECTOR, "ul > li > a")]
    assert len(set(links)) == named + more, "each event once"
    assert all(Path(urlparse(link).path).is_file() for link in links), "every loaded link leads to a page of the site"
    # The focus moved to the first event loaded, for keyboard and screen reader users.
    assert browser.switch_to.active_element.get_attribute("href") == links[named]
    browser.get(links[-1])
    assert browser.find_element(By.TAG_NAME, "h1").text


@pytest.mark.parametrize("page", ["map", "map/iraq"])
def test_every_place_names_only_what_all_its_events_share(crowded_site, browser, page):
    """Each entry of the map's list of places, with every event it holds (those loaded on demand
    too), is named by what all its events share, as `data/events.json` has them: one place, else
    several places in one region or one country; no entry holds two countries. On the map of
    every event and on a country's closer map."""
    events = {event["id"]: event.get("location") or {} for event in json.loads((crowded_site / "data" / "events.json").read_text())["events"]}
    browser.get((crowded_site / page / "index.html").as_uri())
    browser.find_element(By.CSS_SELECTOR, "details.map-places > summary").click()
    for button in browser.find_elements(By.CSS_SELECTOR, "details.map-places button.map-more"):
        entry = button.find_element(By.XPATH, "ancestor::li[@id][1]")
        button.click()
        wait_for(browser, lambda d: entry.find_elements(By.CSS_SELECTOR, "[data-more]") == [])
    # Every entry: the places of the page's map, and the areas of the phone's (several of its
    # places, each listed inside: their events are the area's).
    entries = browser.find_elements(By.CSS_SELECTOR, "details.map-places li[id]")
    assert len(entries) > 20
    checked = 0
    for entry in entries:
        label = browser.execute_script("return arguments[0].firstChild.textContent", entry).strip()
        # A place of several types ends with them: "…: Attack 5, Strike 4".
        label = re.sub(r": [^:]+? \d+(?:, [^:,]+? \d+)*$", "", label)
        ids = [Path(urlparse(a.get_attribute("href")).path).parent.name for a in entry.find_elements(By.CSS_SELECTOR, "ul > li > a")]
        places = [events[i] for i in ids]
        assert len({p.get("country") for p in places}) == 1, f"{label}: {places}"
        formatted = [", ".join(part for part in (p.get("name"), p.get("region"), p.get("country")) if part) for p in places]
        # The entry's own events (an area's: its places of one event).
        own = entry.find_elements(By.CSS_SELECTOR, ":scope > ul > li:not([id])")
        shown = [li.text for li in own]
        own_places = [", ".join(part for part in (events[i].get("name"), events[i].get("region"), events[i].get("country")) if part)
                      for i in (Path(urlparse(li.find_element(By.TAG_NAME, "a").get_attribute("href")).path).parent.name for li in own)]
        if " at several places in " in label:
            named = label.split(" at several places in ", 1)[1]
            assert all(named in (p.get("country"), ", ".join(x for x in (p.get("region"), p.get("country")) if x)) for p in places), label
            assert len(set(formatted)) > 1, f"{label}: they share a place the entry should name"
            # Each event says where it is.
            assert all(text.endswith(" · " + place) for text, place in zip(shown, own_places)), shown[:3]
        else:
            # "3 events (Attack) at Baghdad, Iraq (…)", or for several types "12 events at Baghdad, Iraq (…): Attack 5, …"
            named = re.match(r"\d+ events (?:\(.+?\) )?at (.+?) \(", label).group(1)
            assert set(formatted) == {named}, f"{label}: {set(formatted)}"
        checked += len(ids)
    assert checked > 500
    if page != "map":
        assert all(events[i].get("country") == "Iraq" for i in ids_on(browser)), "a country's map holds its events only"


def ids_on(browser):
    """The events a map page links to: its markers of one event and its list of places."""
    links = browser.find_elements(By.CSS_SELECTOR, "details.map-places li > a[href*='events/'], svg.map a[href*='events/']")
    # An SVG link's `href` property is an SVGAnimatedString: read the attribute.
    return [Path(urlparse(a.get_dom_attribute("href")).path).parent.name for a in links]


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("page", ["map", "map/iraq"])
def test_no_place_covers_another(crowded_site, browser, width, page):
    """One marker per place, whatever its types (a ring of their shares), and none over another
    as the reader sees the map page at 1280 px, and on a phone (its own drawing: fewer places,
    each a tap target of 24 px or more); on the map of every event and a country's closer map."""
    browser.set_window_size(width, 1000)
    try:
        browser.get((crowded_site / page / "index.html").as_uri())
        boxes = browser.execute_script("""
            const shown = [...document.querySelectorAll('svg.map')].filter(svg => svg.getBoundingClientRect().width > 0);
            if (shown.length !== 1) return shown.length;
            return [...shown[0].querySelectorAll('.map-all a')].map(a => {
              const rects = [...a.querySelectorAll('.map-marker, .map-ring')].map(e => e.getBoundingClientRect()), whole = a.getBoundingClientRect();
              return [Math.min(...rects.map(r => r.left)), Math.min(...rects.map(r => r.top)), Math.max(...rects.map(r => r.right)), Math.max(...rects.map(r => r.bottom)),
                      a.getAttribute('href'), Math.min(whole.width, whole.height), shown[0].getAttribute('class')];
            });""")
    finally:
        browser.set_window_size(1280, 1000)
    assert isinstance(boxes, list), f"{boxes} maps shown at {width} px, not one"
    assert len(boxes) > 5
    assert ("map-phone" in boxes[0][6]) == (width < 600), boxes[0][6]
    overlapping = [(a[4], b[4]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                   if a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5]
    # Bounding boxes of round markers may touch at their corners while the discs do not: compare discs.
    def disc(box):
        return ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2, max(box[2] - box[0], box[3] - box[1]) / 2)
    covered = [(a[4], b[4]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
               if ((disc(a)[0] - disc(b)[0]) ** 2 + (disc(a)[1] - disc(b)[1]) ** 2) ** 0.5 < disc(a)[2] + disc(b)[2] - 0.5]
    assert covered == [], f"{len(covered)} pairs overlap, e.g. {covered[:3]} ({len(overlapping)} bounding boxes)"
    rings = browser.find_elements(By.CSS_SELECTOR, "svg.map .map-all .map-ring")
    assert rings, "places of several types are ringed by their shares"
    if width < 600:
        small = [(box[4], round(box[5], 1)) for box in boxes if box[5] < 24]
        assert small == [], f"tap targets under 24 px: {small[:5]}"


def test_the_map_page_leads_to_closer_maps_that_pass_axe_and_nu(crowded_site, browser):
    """Countries whose events are at several places get a closer map (`map/iraq/`): linked from
    the map page, at least as many places as the map of every event draws there, and no finding
    of axe-core (light and dark) or the Nu HTML Checker."""
    from test_quality import axe_violations, VNU
    browser.get((crowded_site / "map" / "index.html").as_uri())
    closer = {a.text: a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, ".closer-maps a")}
    assert "Iraq" in closer and len(closer) >= 2, closer
    def iraq_places():
        return browser.execute_script("""
            const svg = [...document.querySelectorAll('svg.map')].find(s => s.getBoundingClientRect().width > 0);
            return [...svg.querySelectorAll('.map-all a title')].filter(t => t.textContent.includes('Iraq')).length;""")
    on_world = iraq_places()
    browser.get(closer["Iraq"])
    assert browser.find_element(By.TAG_NAME, "h1").text == "Map: Iraq"
    assert iraq_places() > on_world
    found = {}
    for scheme in ("light", "dark"):
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
        try:
            browser.get(closer["Iraq"])
            found[scheme] = axe_violations(browser)
        finally:
            browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
    assert found == {"light": [], "dark": []}
    pages = [str(crowded_site / "map" / "index.html"), str(crowded_site / "map" / "iraq" / "index.html"), str(crowded_site / "countries" / "iraq" / "index.html")]
    run = subprocess.run(["java", "-jar", str(VNU), "--format", "json"] + pages, capture_output=True, text=True, timeout=300)
    assert json.loads(run.stderr or "{}").get("messages", []) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_counts_read_on_their_markers(crowded_site, browser, scheme):
    """A place's count is written in the page's colour on its type's colour: 4.5:1 in both modes
    (white on the lighter type colours of the dark mode was not)."""
    from test_quality import contrast
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
    try:
        browser.get((crowded_site / "map" / "index.html").as_uri())
        pairs = browser.execute_script("""
            return [...document.querySelectorAll('svg.map .map-all a')].filter(a => a.querySelector('.map-count')).map(a =>
              [getComputedStyle(a.querySelector('.map-count')).fill, getComputedStyle(a.querySelector('.map-marker')).fill]);""")
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
    assert len(pairs) > 10
    low = [(text, fill, round(contrast(text, fill), 2)) for text, fill in pairs if contrast(text, fill) < 4.5]
    assert low == [], f"{scheme}: {low[:3]}"


def zoomed_markers(browser):
    """The zoomed drawing's markers as the reader sees them: title, count, centre and radius (px)."""
    return browser.execute_script("""
        return [...document.querySelectorAll('svg.map-zoomed .map-zoom-markers a')].map(a => {
          const r = a.querySelector('.map-marker').getBoundingClientRect();
          return [a.querySelector('title').textContent, +a.querySelector('.map-count').textContent,
                  r.left + r.width / 2, r.top + r.height / 2, r.width / 2, a.getAttribute('href')];
        });""")


@pytest.mark.parametrize("width", [1280, 390])
def test_the_map_page_zooms_and_regroups_its_markers(crowded_site, browser, width):
    """Zoom in with the buttons (or the keyboard, on the map): the page's drawings give way to one
    drawn for the window from `data/filter/points.js`, its markers regrouped (more of them, none
    over another, a finger wide on a phone), each named by the place all its events share or
    else their country, leading to the timeline's filter; arrow keys move it, 0 goes back."""
    browser.set_window_size(width, 1000)
    try:
        browser.get((crowded_site / "map" / "index.html").as_uri())
        static = browser.execute_script("""
            const svg = [...document.querySelectorAll('.map-figure svg.map')].find(s => s.getBoundingClientRect().width > 0);
            return svg.querySelectorAll('.map-all a').length;""")
        buttons = {b.text: b for b in browser.find_elements(By.CSS_SELECTOR, ".map-zoom button")}
        assert set(buttons) == {"Zoom in", "Zoom out", "Whole map"} and not buttons["Zoom out"].is_enabled()
        buttons["Zoom in"].click()
        wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "svg.map-zoomed"))
        status = browser.find_element(By.CSS_SELECTOR, ".map-zoom-status").text
        in_view = int(re.search(r"Zoomed in 2 times: (\d+) events in view", status).group(1))
        assert browser.execute_script("return [...document.querySelectorAll('.map-figure svg.map:not(.map-zoomed)')].every(s => s.getBoundingClientRect().width === 0)")
        markers = zoomed_markers(browser)
        assert len(markers) > static / 2 and sum(m[1] for m in markers) == in_view > 100
        overlapping = [(a[0], b[0]) for i, a in enumerate(markers) for b in markers[i + 1:]
                       if ((a[2] - b[2]) ** 2 + (a[3] - b[3]) ** 2) ** 0.5 < a[4] + b[4] - 0.5]
        assert overlapping == []
        if width < 600:
            assert min(m[4] for m in markers) * 2 >= 24, "a finger wide on a phone"
        # Named by what all its events share: a place leads to the place, else the country.
        for title, count, _, _, _, href in markers:
            query = parse_qs(urlparse(href).query)
            if title.startswith("Several places in "):
                assert list(query) == ["country"] and title.startswith("Several places in " + query["country"][0] + ":")
            else:
                assert list(query) == ["place"] and title.startswith(query["place"][0] + ": " + str(count) + " here")
        assert browser.execute_script("return document.scrollingElement.scrollWidth <= window.innerWidth")
        # Zoomed in again, then moved with the keyboard, then back to the page's own drawings.
        buttons["Zoom in"].click()
        wait_for(browser, lambda d: "Zoomed in 4 times" in d.find_element(By.CSS_SELECTOR, ".map-zoom-status").text)
        svg = browser.find_element(By.CSS_SELECTOR, "svg.map-zoomed")
        svg.send_keys(Keys.ARROW_RIGHT)
        moved = browser.find_element(By.CSS_SELECTOR, "svg.map-zoomed")
        assert browser.switch_to.active_element == moved, "the keyboard stays on the map"
        base = lambda: browser.execute_script("return document.querySelector('svg.map-zoomed image').getAttribute('x')")
        before = base()
        moved.send_keys(Keys.ARROW_RIGHT)
        assert float(base()) < float(before), "the map moved right: its outlines left"
        if width > 600:
            # Dragged 120 px to the right: the outlines follow the pointer, the page stays.
            page, before = browser.current_url, float(base())
            drawing = browser.find_element(By.CSS_SELECTOR, "svg.map-zoomed")
            ActionChains(browser).move_to_element_with_offset(drawing, -200, 0).click_and_hold().move_by_offset(60, 0).move_by_offset(60, 0).release().perform()
            wait_for(browser, lambda d: abs(float(base()) - before - 120) < 2)
            assert browser.current_url == page, "a drag that ends on a marker does not follow it"
        browser.switch_to.active_element.send_keys("0")
        wait_for(browser, lambda d: not d.find_elements(By.CSS_SELECTOR, "svg.map-zoomed"))
        assert "whole map" in browser.find_element(By.CSS_SELECTOR, ".map-zoom-status").text.lower()
    finally:
        browser.set_window_size(1280, 1000)


def test_a_zoomed_country_map_shows_its_country_only_and_passes_axe(crowded_site, browser):
    """A closer map zooms over its own country's events only; its zoomed state has no axe findings
    and a marker leads to the timeline filtered to it."""
    from test_quality import axe_violations
    browser.get((crowded_site / "map" / "iraq" / "index.html").as_uri())
    browser.find_element(By.CSS_SELECTOR, ".map-zoom button").click()
    wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "svg.map-zoomed .map-zoom-markers a"))
    markers = zoomed_markers(browser)
    assert markers and all(m[0].startswith("Several places in Iraq") or ", Iraq: " in m[0] for m in markers), [m[0] for m in markers[:5]]
    assert axe_violations(browser) == []
    title, count, _, _, _, href = next(m for m in markers if not m[0].startswith("Several"))
    browser.get(urljoin(browser.current_url, href))
    wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, ".filter-card"))
    place = parse_qs(urlparse(href).query)["place"][0]
    assert all(card.text and place.split(",")[0] in card.text for card in browser.find_elements(By.CSS_SELECTOR, ".filter-card")[:10])
