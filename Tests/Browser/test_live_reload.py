"""Live reload in a real browser: the open page follows edits on disk with no action from the test."""
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

TITLE = "Iranian general Esmail Qaani visits Iraq and asks the militias to lie low"
EVENTS = "Content/events/2024-pause.yaml"


def mark_page(browser):
    """A marker that only survives as long as the page is not reloaded."""
    browser.execute_script("window.__notReloaded = true;")


def was_reloaded(browser):
    return browser.execute_script("return window.__notReloaded !== true;")


def wait_for(browser, condition, seconds=15):
    return WebDriverWait(browser, seconds, poll_frequency=0.05).until(lambda driver: condition(driver))


def test_edit_then_break_then_fix(preview, browser):
    browser.get(preview.url + "timeline/")
    assert TITLE in browser.page_source
    wait_for(browser, lambda d: d.execute_script("return document.readyState") == "complete")
    time.sleep(0.5)  # let the page's event stream connect
    mark_page(browser)

    # 1. An edit on disk: the open page shows the new title by itself.
    preview.edit(EVENTS, "title: " + TITLE, "title: Qaani visits Baghdad airport (edited)")
    wait_for(browser, lambda d: "Qaani visits Baghdad airport (edited)" in d.page_source)
    assert was_reloaded(browser)
    mark_page(browser)

    # 2. A broken file: the overlay appears over the page, with the file and line.
    preview.edit(EVENTS, "date: 2024-01-29", "date: 2024-01-32")
    overlay = wait_for(browser, lambda d: d.find_elements(By.ID, "dossier-error-overlay"))[0]
    assert "Content/events/2024-pause.yaml:" in overlay.text
    assert "is not a real date" in overlay.text
    assert not was_reloaded(browser), "the overlay is shown without reloading the page"

    # 3. The fix: the page recovers by itself, without the overlay.
    preview.edit(EVENTS, "date: 2024-01-32", "date: 2024-01-29")
    wait_for(browser, lambda d: not d.find_elements(By.ID, "dossier-error-overlay") and "Qaani visits Baghdad airport (edited)" in d.page_source)
    assert was_reloaded(browser)


def test_a_page_opened_while_the_build_is_broken_shows_the_errors(preview, browser):
    preview.edit(EVENTS, "type: visit", "type: vist")
    wait_for(browser, lambda d: any("Build failed" in line for line in preview.output), seconds=15)
    browser.get(preview.url)
    overlay = wait_for(browser, lambda d: d.find_elements(By.ID, "dossier-error-overlay"))[0]
    assert "unknown type `vist`" in overlay.text
    assert "did you mean `visit`?" in overlay.text


def test_a_stylesheet_change_is_applied_without_a_reload(preview, browser):
    browser.get(preview.url + "timeline/")
    wait_for(browser, lambda d: d.execute_script("return document.readyState") == "complete")
    time.sleep(0.5)
    mark_page(browser)
    preview.edit("Templates/assets/style.css", "body {", "body { outline: 7px solid rgb(1, 2, 3);")
    wait_for(browser, lambda d: d.execute_script("return getComputedStyle(document.body).outlineWidth") == "7px")
    assert not was_reloaded(browser)
