"""A report in Arabic or Persian mirrors: `dir="rtl"` on the document, the stylesheet in logical
properties, so the main column, its sidebar and the rules beside headings change sides; nothing
overflows on a phone. These are reports in one language, Arabic or Persian; the sample's own
Arabic version, beside its English, is test_bilingual.py's."""
import shutil
import re
import subprocess
import tempfile
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from conftest import REPOSITORY, dossier_executable, sample_in_one_language


@pytest.fixture(scope="module")
def arabic_site():
    folder = Path(tempfile.mkdtemp(prefix="dossier-rtl-"))
    sample_in_one_language(folder, "ar")
    subprocess.run(
        [str(dossier_executable()), "build", "--no-search", "--templates", str(REPOSITORY / "Templates")],
        cwd=folder, check=True, capture_output=True)
    yield folder / "Site"
    shutil.rmtree(folder, ignore_errors=True)


def layout(browser, url, width):
    browser.set_window_size(width, 1000)
    browser.get(url)
    return browser.execute_script("""
        const box = (selector) => { const e = document.querySelector(selector); return e && e.getBoundingClientRect(); };
        const main = box('.event-main'), aside = box('.event-aside'), h1 = document.querySelector('.event-page h1');
        return {
          dir: document.documentElement.getAttribute('dir'),
          direction: getComputedStyle(document.querySelector('main')).direction,
          mainLeft: main.left, asideLeft: aside.left,
          ruleSide: getComputedStyle(h1).borderRightWidth !== '0px' ? 'right' : 'left',
          overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        };
    """)


def test_an_arabic_report_mirrors_its_pages(browser, arabic_site):
    url = (arabic_site / "events" / "baghdad-drone-strike" / "index.html").as_uri()
    wide = layout(browser, url, 1280)
    assert wide["dir"] == "rtl" and wide["direction"] == "rtl"
    # The main column reads first, on the right; the details sit to its left.
    assert wide["asideLeft"] < wide["mainLeft"], wide
    assert wide["ruleSide"] == "right", wide
    assert wide["overflow"] <= 0, wide
    phone = layout(browser, url, 390)
    assert phone["overflow"] <= 0, phone
    for page in ("index.html", "timeline/index.html", "map/index.html", "actors/kataib-hezbollah/index.html",
                 "topics/us-iraq-withdrawal-talks/index.html"):
        browser.get((arabic_site / page).as_uri())
        assert browser.execute_script("return document.documentElement.dir") == "rtl", page
        assert browser.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0, page


def test_english_words_in_an_arabic_report_keep_their_full_stop_at_the_end(browser, arabic_site):
    """The sample's summaries are English: in an Arabic page each paragraph takes the direction of
    its first letter (unicode-bidi: plaintext), so the full stop ends the sentence on the right,
    not at the left of the line as the page's direction would put it."""
    browser.set_window_size(1280, 1000)
    browser.get((arabic_site / "events" / "baghdad-drone-strike" / "index.html").as_uri())
    place = browser.execute_script("""
        const lede = document.querySelector('.lede');
        const walker = document.createTreeWalker(lede, NodeFilter.SHOW_TEXT);
        let last = null;
        while (walker.nextNode()) if (walker.currentNode.textContent.trim()) last = walker.currentNode;
        const end = last.textContent.trimEnd().length;
        const stop = document.createRange(); stop.setStart(last, end - 1); stop.setEnd(last, end);
        const dot = stop.getBoundingClientRect();
        const all = document.createRange(); all.selectNodeContents(lede);
        const line = [...all.getClientRects()].filter(r => Math.abs(r.top - dot.top) < 3);
        return { text: last.textContent.trimEnd().slice(-1), dot: dot.right,
                 left: Math.min(...line.map(r => r.left)), right: Math.max(...line.map(r => r.right)) };
    """)
    assert place["text"] == ".", place
    assert place["dot"] >= place["right"] - 1, place


def test_charts_and_maps_stay_left_to_right_in_an_arabic_report(browser, arabic_site):
    """Time axes and coordinates read left to right in Arabic papers too; labels must not be cut."""
    browser.set_window_size(390, 1000)
    browser.get((arabic_site / "timeline" / "index.html").as_uri())
    directions = browser.execute_script(
        "return [...document.querySelectorAll('svg.chart, svg.map')].map(e => getComputedStyle(e).direction)")
    assert directions and set(directions) == {"ltr"}, directions
    # Every label of the phone's chart lies inside its drawing.
    outside = browser.execute_script("""
        const svg = [...document.querySelectorAll('svg.chart')].find(e => e.getBoundingClientRect().width > 0);
        const frame = svg.getBoundingClientRect();
        return [...svg.querySelectorAll('text')].filter(t => {
          const box = t.getBoundingClientRect();
          return box.width > 0 && (box.left < frame.left - 1 || box.right > frame.right + 1);
        }).map(t => t.textContent);
    """)
    assert outside == [], outside


def test_an_english_report_stays_left_to_right(browser, preview):
    browser.set_window_size(1280, 1000)
    browser.get(preview.url + "/events/baghdad-drone-strike/")
    assert browser.execute_script("return document.documentElement.getAttribute('dir')") is None
    assert browser.execute_script("return getComputedStyle(document.querySelector('main')).direction") == "ltr"
    main = browser.find_element(By.CSS_SELECTOR, ".event-main").rect
    aside = browser.find_element(By.CSS_SELECTOR, ".event-aside").rect
    assert main["x"] < aside["x"]


@pytest.fixture(scope="module")
def persian_site():
    folder = Path(tempfile.mkdtemp(prefix="dossier-fa-"))
    sample_in_one_language(folder, "fa")
    subprocess.run(
        [str(dossier_executable()), "build", "--no-search", "--templates", str(REPOSITORY / "Templates")],
        cwd=folder, check=True, capture_output=True)
    yield folder / "Site"
    shutil.rmtree(folder, ignore_errors=True)


RTL_PAGES = ("index.html", "timeline/index.html", "events/baghdad-drone-strike/index.html", "map/index.html",
             "actors/index.html", "actors/kataib-hezbollah/index.html", "topics/us-iraq-withdrawal-talks/index.html",
             "sources/index.html", "downloads/index.html", "404.html")


def test_arabic_and_persian_pages_pass_axe_and_nu(browser, arabic_site, persian_site):
    """Every kind of page of the sample in Arabic and in Persian: no finding of axe-core in light
    and dark mode, none of the Nu HTML Checker; and the theme's words in them are not English."""
    import json
    from test_quality import axe_violations, VNU
    found = {}
    for name, site in (("ar", arabic_site), ("fa", persian_site)):
        for scheme in ("light", "dark"):
            browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
            try:
                for page in RTL_PAGES:
                    browser.get((site / page).as_uri())
                    violations = axe_violations(browser)
                    if violations:
                        found[f"{name} {scheme} {page}"] = violations
            finally:
                browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
    assert found == {}
    pages = [str(site / page) for site in (arabic_site, persian_site) for page in RTL_PAGES]
    run = subprocess.run(["java", "-jar", str(VNU), "--format", "json"] + pages, capture_output=True, text=True, timeout=300)
    messages = json.loads(run.stderr or "{}").get("messages", [])
    # The sample's own content is English: a page made mostly of it (a topic's essay, the
    # timeline's fifteen English titles and summaries, on some runs the home page's latest events)
    # is rightly guessed to be in a language written in Latin letters though the report says
    # Arabic or Persian: mostly English, and once (a CI run on 2026-12-08; the same commit passed
    # locally) Hausa for the Arabic map page. That guess is about the content; every other
    # message counts.
    # (That the theme's own words are translated is checked word by word in the Swift tests,
    # anArabicReportsCardsChartsAndFooterAreInArabic, and in the timeline's lede just below.)
    guessed = [m for m in messages if re.match(r"This document appears to be written in (English|Hausa)\b", m.get("message", ""))]
    assert [m for m in messages if m not in guessed] == []
    # The timeline's own words, as a reader sees them, hold no English of the theme.
    browser.get((arabic_site / "timeline" / "index.html").as_uri())
    lede = browser.find_element(By.CSS_SELECTOR, ".page-header .lede").text
    assert "oldest" not in lede and "الأقدم أولًا" in lede, lede


def test_the_filter_writes_its_counts_in_the_sites_digits(browser, persian_site):
    """A Persian report writes its numbers in Persian digits (۰–۹), the build's and the script's:
    the filter's status, its tallies and the results' chart."""
    from selenium.webdriver.support.ui import WebDriverWait
    browser.get((persian_site / "timeline" / "index.html").as_uri() + "?type=strike")
    WebDriverWait(browser, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-filter-results] .filter-card"))
    assert browser.execute_script("return document.documentElement.dataset.digits") == "arabext"
    status = browser.find_element(By.CSS_SELECTOR, ".filter-status").text
    assert "۳" in status and "۱۵" in status and not any(digit in status for digit in "0123456789"), status
    tallies = [element.text for element in browser.find_elements(By.CSS_SELECTOR, "[data-filter] fieldset label")]
    assert any("(۳)" in tally for tally in tallies), tallies
    assert not any(digit in " ".join(tallies) for digit in "0123456789"), tallies
