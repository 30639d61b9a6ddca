"""Full-text search in a real browser, with the real Pagefind index: on `dossier serve` (index
made in the background) and on a plain file server of a built site, the query and filters kept
in the address; from file:// the page says why it cannot search and offers the timeline's
filter; and the same on the 10,000-event synthetic report."""
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import parse_qs, quote, urlparse

import pytest
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from conftest import REPOSITORY, Preview, StaticHost, dossier_executable


def wait_for(driver, condition, seconds=20):
    # A page the preview reloads meanwhile drops the elements a condition was reading.
    return WebDriverWait(driver, seconds, poll_frequency=0.05, ignored_exceptions=(StaleElementReferenceException,)).until(
        lambda d: condition(d))


def status(driver):
    return driver.find_element(By.CSS_SELECTOR, "[data-search-status]").text


def results(driver):
    return driver.find_elements(By.CSS_SELECTOR, "[data-search-results] > li")


def result_links(driver):
    return [item.find_element(By.CSS_SELECTOR, "h2 a").get_attribute("href") for item in results(driver)]


def count(driver):
    """The number of results the status line gives."""
    return int(re.match(r"(\d+) results? for", status(driver)).group(1))


def query(driver):
    return parse_qs(urlparse(driver.current_url).query)


@pytest.fixture(scope="module")
def built_sample():
    """The sample report built by `dossier build` (with Pagefind) and served by a plain file server."""
    folder = Path(tempfile.mkdtemp(prefix="dossier-search-"))
    done = subprocess.run([str(dossier_executable()), "build", "--content", str(REPOSITORY / "Content"), "--templates", str(REPOSITORY / "Templates"),
                           "--output", str(folder / "Site")], check=True, capture_output=True, text=True, timeout=300)
    assert "Search: Pagefind" in done.stdout, "Pagefind is installed by scripts/setup:\n" + done.stdout
    host = StaticHost(folder / "Site")
    yield host.url, folder / "Site"
    host.stop()
    shutil.rmtree(folder, ignore_errors=True)


def search_qaani_and_filter_by_type(browser, site):
    browser.get(site + "search/index.html?q=Qaani")
    wait_for(browser, lambda d: "results for “Qaani”" in status(d) and results(d))
    assert result_links(browser)[0].endswith("/events/qaani-visits-iraq/index.html"), "the event of his visit comes first"
    first = results(browser)[0]
    assert first.find_element(By.CSS_SELECTOR, ".badge-type").text == "Visit"
    assert first.find_element(By.CSS_SELECTOR, "[data-slot=date]").text == "29 January 2024"
    assert first.find_element(By.CSS_SELECTOR, "mark").text == "Qaani"
    everything = len(results(browser))
    # Narrow to statements: the address says so, and every result is one.
    browser.find_element(By.CSS_SELECTOR, "input[type=checkbox][value=statement]").click()
    wait_for(browser, lambda d: query(d).get("type") == ["statement"] and " of " in status(d) and results(d))
    assert query(browser)["q"] == ["Qaani"]
    shown = results(browser)
    assert shown and len(shown) < everything
    assert all(item.get_attribute("data-type") == "statement" for item in shown)
    # The address gives the same view back, and back returns to all results.
    browser.refresh()
    wait_for(browser, lambda d: results(d) and all(item.get_attribute("data-type") == "statement" for item in results(d)))
    assert browser.find_element(By.CSS_SELECTOR, "input[type=checkbox][value=statement]").is_selected()
    browser.back()
    wait_for(browser, lambda d: len(results(d)) == everything)


def test_search_on_the_preview(preview, browser):
    deadline = time.time() + 60
    while not any("Search: Pagefind" in line for line in preview.output):
        assert time.time() < deadline, "the preview made no search index:\n" + "\n".join(preview.output)
        time.sleep(0.1)
    search_qaani_and_filter_by_type(browser, preview.url)


@pytest.fixture
def unsettled_preview():
    """A preview that does not index every page again while the test runs: what it finds after
    an edit comes from the index of the pages the edit changed."""
    server = Preview("--search-settle", "3600")
    yield server
    server.stop()


def test_the_preview_search_finds_an_edit_at_once(unsettled_preview, browser):
    """After an edit the preview indexes the pages that changed and the open search page merges
    that index over the full one: the new words are found, the old ones are not, and no page
    is found twice (its version in the full index is left out, and the counts with it)."""
    preview = unsettled_preview
    deadline = time.time() + 60
    while not any("Search: Pagefind" in line for line in preview.output):
        assert time.time() < deadline, "the preview made no search index:\n" + "\n".join(preview.output)
        time.sleep(0.1)
    event = "/events/qaani-visits-iraq/index.html"
    browser.get(preview.url + "search/index.html?q=Qaani")
    wait_for(browser, lambda d: "results for “Qaani”" in status(d) and results(d))
    everything = count(browser)
    # A phrase only this event's body has (Pagefind searches a phrase in quotes as written).
    phrase = '"the visit led to a pause"'
    browser.get(preview.url + "search/index.html?q=" + quote(phrase))
    wait_for(browser, lambda d: f"1 result for “{phrase}”" in status(d) and results(d))
    assert result_links(browser)[0].endswith(event)
    preview.edit("Content/events/2024-pause.yaml", "reported that the visit led", "reported that the quetzalmark visit led")
    # The open page reloads with the rebuild, then searches again when the edit's index comes:
    # the full index's version of the page, which still has the phrase, is left out.
    wait_for(browser, lambda d: f"Nothing in this report matches “{phrase}”" in status(d), seconds=60)
    browser.get(preview.url + "search/index.html?q=quetzalmark")
    wait_for(browser, lambda d: "result for “quetzalmark”" in status(d) and results(d))
    assert [link for link in result_links(browser) if link.endswith(event)] and len(results(browser)) == 1
    # Words in both versions find the page once, and the counts are the full index's.
    browser.get(preview.url + "search/index.html?q=Qaani")
    wait_for(browser, lambda d: "results for “Qaani”" in status(d) and results(d))
    while browser.find_elements(By.CSS_SELECTOR, ".search-more"):
        browser.find_element(By.CSS_SELECTOR, ".search-more").click()
        time.sleep(0.2)
    links = result_links(browser)
    assert len(links) == len(set(links)) == everything, "each page once, as many as before the edit"
    assert f"{everything} results for “Qaani”" in status(browser)
    browser.find_element(By.CSS_SELECTOR, "input[type=checkbox][value=visit]").click()
    wait_for(browser, lambda d: f" of {everything} " in status(d) and results(d))
    assert [link for link in result_links(browser) if link.endswith(event)]


def test_search_on_a_plain_host_from_the_header(built_sample, browser):
    site, _ = built_sample
    search_qaani_and_filter_by_type(browser, site)
    # The header's box on any page leads to the search, words in the address.
    browser.get(site + "actors/kataib-hezbollah/index.html")
    box = browser.find_element(By.CSS_SELECTOR, ".site-search input[name=q]")
    box.send_keys("truce", Keys.ENTER)
    wait_for(browser, lambda d: urlparse(d.current_url).path == "/search/index.html" and "results for “truce”" in status(d) and results(d))
    assert query(browser) == {"q": ["truce"]}
    assert browser.find_element(By.ID, "search-words").get_attribute("value") == "truce"


def test_an_unmatched_search_says_so(built_sample, browser):
    site, _ = built_sample
    browser.get(site + "search/index.html?q=zzyzx")
    wait_for(browser, lambda d: "Nothing in this report matches “zzyzx”" in status(d))
    assert not results(browser)


def test_from_a_file_the_page_says_why_and_offers_the_timeline(built_sample, browser):
    _, folder = built_sample
    browser.get((folder / "search" / "index.html").as_uri() + "?q=Qaani")
    wait_for(browser, lambda d: "served over HTTP" in status(d))
    # "`dossier serve`" in the theme's words is shown as code, not with its backticks.
    assert "`" not in status(browser)
    assert browser.find_element(By.CSS_SELECTOR, "[data-search-status] code").text == "dossier serve"
    link = browser.find_element(By.CSS_SELECTOR, "[data-search-status] a")
    link.click()
    wait_for(browser, lambda d: d.current_url.endswith("/timeline/index.html?q=Qaani") and "of 15 events" in d.find_element(By.CSS_SELECTOR, ".filter-status").text)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_on_the_search_page(built_sample, browser, scheme):
    from test_quality import axe_violations
    site, _ = built_sample
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
    try:
        found = {}
        browser.get(site + "search/index.html")
        wait_for(browser, lambda d: "Type words" in status(d))
        found["empty"] = axe_violations(browser)
        browser.get(site + "search/index.html?q=attack&type=strike")
        wait_for(browser, lambda d: results(d) and d.find_elements(By.CSS_SELECTOR, ".search-clear"))
        for more in browser.find_elements(By.CSS_SELECTOR, ".search-filter-more"):
            browser.execute_script("arguments[0].open = true", more)
        found["results and filters"] = axe_violations(browser)
        assert {name: violations for name, violations in found.items() if violations} == {}
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})


def test_search_across_a_large_report(split_site, browser):
    assert (split_site / "pagefind" / "pagefind.js").is_file(), "the 10,000-event build made the index"
    host = StaticHost(split_site)
    try:
        browser.get(host.url + "search/index.html?q=attack&type=attack")
        wait_for(browser, lambda d: "results for “attack”" in status(d) and results(d), seconds=30)
        assert len(results(browser)) == 20, "20 at a time"
        assert all(item.get_attribute("data-type") == "attack" for item in results(browser))
        years = [box.get_attribute("value") for box in browser.find_elements(By.CSS_SELECTOR, "input[type=checkbox][id^=search-year]")]
        assert len(years) >= 5, "results from many years"
        browser.find_element(By.CSS_SELECTOR, ".search-more").click()
        wait_for(browser, lambda d: len(results(d)) == 40)
        assert browser.switch_to.active_element == results(browser)[20].find_element(By.CSS_SELECTOR, "a")
        link = result_links(browser)[0]
        assert "/events/" in link
        browser.get(link)
        assert browser.find_element(By.CSS_SELECTOR, ".event-page .badge-type").text == "Attack"
    finally:
        host.stop()


def test_an_actors_name_finds_its_page_and_excerpts_keep_words_apart(built_sample, browser):
    """Searching an actor's exact name: their own page comes first; excerpts do not run a fact's
    name into its value ("KindState" on 06a6392: `<dt>` and `<dd>` with nothing between)."""
    import re
    site, _ = built_sample
    browser.get(site + "search/index.html?q=Kataib%20Hezbollah")
    wait_for(browser, lambda d: "results for" in status(d) and results(d))
    assert result_links(browser)[0].endswith("/actors/kataib-hezbollah/index.html"), result_links(browser)[:4]
    excerpts = [item.text for item in results(browser)]
    assert not [text for text in excerpts if re.search(r"(Kind|Country|Status|Date|Place|Also known as)[A-Z]", text)], excerpts
