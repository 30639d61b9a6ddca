"""The sample report in its two languages, as published: English at the root, Arabic under ar/.
The Arabic pages read right to left with their sidebar on the left, the timeline filters in
Arabic, the language switcher leads to the same page in the other language and back, every
hreflang link resolves to a page that links back, nothing overflows a 390 px phone, axe-core finds
nothing, and each language's search page searches its own language."""
import shutil
import subprocess
import tempfile
import urllib.request
from pathlib import Path
from urllib.parse import urljoin

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import REPOSITORY, StaticHost, dossier_executable

PAGES = ["index.html", "timeline/index.html", "events/baghdad-drone-strike/index.html",
         "actors/kataib-hezbollah/index.html", "map/index.html", "topics/us-iraq-withdrawal-talks/index.html",
         "about/index.html"]


def wait_for(driver, condition, seconds=20):
    return WebDriverWait(driver, seconds, poll_frequency=0.05).until(lambda d: condition(d))


@pytest.fixture(scope="module")
def bilingual():
    """The sample built as `dossier build` builds it (with Pagefind), on a plain file server."""
    folder = Path(tempfile.mkdtemp(prefix="dossier-bilingual-"))
    done = subprocess.run([str(dossier_executable()), "build", "--content", str(REPOSITORY / "Content"),
                           "--templates", str(REPOSITORY / "Templates"), "--output", str(folder / "Site")],
                          check=True, capture_output=True, text=True, timeout=300)
    assert "Search: Pagefind" in done.stdout, done.stdout
    host = StaticHost(folder / "Site")
    yield host.url
    host.stop()
    shutil.rmtree(folder, ignore_errors=True)


def emulate_width(browser, width):
    """The page laid out at `width` CSS pixels, as on a phone (headless Chromium's window is
    at least 500 px wide)."""
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600})


def test_the_arabic_pages_read_right_to_left_and_fit_a_phone(bilingual, browser):
    try:
        for width in (1280, 390):
            emulate_width(browser, width)
            for page in PAGES:
                browser.get(bilingual + "ar/" + page)
                found = browser.execute_script("""
                    const main = document.querySelector('main');
                    return { dir: document.documentElement.dir, lang: document.documentElement.lang,
                             direction: getComputedStyle(main).direction,
                             overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth };
                """)
                assert found["dir"] == "rtl" and found["lang"] == "ar" and found["direction"] == "rtl", (page, found)
                assert found["overflow"] <= 0, (page, width, found)
        # The event's main column reads first, on the right; its details sit to its left.
        emulate_width(browser, 1280)
        browser.get(bilingual + "ar/events/baghdad-drone-strike/index.html")
        main = browser.find_element(By.CSS_SELECTOR, ".event-main").rect
        aside = browser.find_element(By.CSS_SELECTOR, ".event-aside").rect
        assert aside["x"] < main["x"], (aside, main)
        # The switcher sits at the line's end: on the left in Arabic, on the right in English.
        switch = browser.find_element(By.CSS_SELECTOR, ".language-switch li:last-child").rect
        assert switch["x"] < 640, switch
        browser.get(bilingual + "events/baghdad-drone-strike/index.html")
        switch = browser.find_element(By.CSS_SELECTOR, ".language-switch li:last-child").rect
        assert switch["x"] > 640, switch
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_the_switcher_leads_to_the_same_page_and_back(bilingual, browser):
    for page in PAGES:
        browser.get(bilingual + page)
        browser.find_element(By.CSS_SELECTOR, ".language-switch a[hreflang='ar']").click()
        wait_for(browser, lambda d: d.current_url == bilingual + "ar/" + page)
        assert browser.execute_script("return document.documentElement.lang") == "ar"
        current = browser.find_element(By.CSS_SELECTOR, ".language-switch [aria-current='page']")
        assert current.text == "العربية"
        browser.find_element(By.CSS_SELECTOR, ".language-switch a[hreflang='en']").click()
        wait_for(browser, lambda d: d.current_url == bilingual + page)
        assert browser.execute_script("return document.documentElement.lang") == "en"


def alternates(url):
    """The hreflang links of the page at `url`, resolved: {language: address}."""
    html = urllib.request.urlopen(url).read().decode("utf-8")
    found = {}
    for tag in html.split("<link ")[1:]:
        tag = tag.split(">")[0]
        if 'rel="alternate"' in tag and "hreflang=" in tag:
            language = tag.split('hreflang="')[1].split('"')[0]
            found[language] = urljoin(url, tag.split('href="')[1].split('"')[0])
    return found


def test_hreflang_pairs_resolve_and_point_back(bilingual):
    for page in PAGES:
        for url in (bilingual + page, bilingual + "ar/" + page):
            pairs = alternates(url)
            assert set(pairs) == {"en", "ar", "x-default"}, (url, pairs)
            assert pairs["x-default"] == pairs["en"] == bilingual + page
            assert pairs["ar"] == bilingual + "ar/" + page
            for language in ("en", "ar"):
                assert urllib.request.urlopen(pairs[language]).status == 200
                assert alternates(pairs[language]) == pairs, "each page of the pair names the same pair"


def test_the_arabic_timeline_filters_in_arabic(bilingual, browser):
    browser.get(bilingual + "ar/timeline/index.html?type=strike")
    wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "[data-filter-results] .filter-card h3"))
    status = browser.find_element(By.CSS_SELECTOR, ".filter-status").text
    cards = browser.find_elements(By.CSS_SELECTOR, "[data-filter-results] .filter-card")
    assert len(cards) == 3, status
    assert "events" not in status and "من" in status, status
    # Each card links to the Arabic event page, and its type is named in Arabic.
    link = cards[0].find_element(By.CSS_SELECTOR, "h3 a").get_attribute("href")
    assert link.startswith(bilingual + "ar/events/"), link
    assert "ضربة عسكرية" in cards[0].text


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_on_the_arabic_pages(bilingual, browser, scheme):
    from test_quality import axe_findings
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
    try:
        assert axe_findings(browser, bilingual, ["ar/" + page for page in PAGES + ["search/index.html"]]) == {}
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})


def test_each_language_searches_its_own_pages(bilingual, browser):
    browser.get(bilingual + "ar/search/index.html?q=المحادثات")
    wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "[data-search-results] > li h2 a"))
    links = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "[data-search-results] > li h2 a")]
    assert bilingual + "ar/topics/us-iraq-withdrawal-talks/index.html" in links, links
    assert all(link.startswith(bilingual + "ar/") for link in links), links
    browser.get(bilingual + "search/index.html?q=talks")
    wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "[data-search-results] > li h2 a"))
    links = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "[data-search-results] > li h2 a")]
    assert links and not any("/ar/" in link for link in links), links
