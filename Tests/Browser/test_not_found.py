"""The 404 page as hosts show it: at any missing address, however deep, with the site under a
sub-path, with and without `base_url`; and the header's height on a phone."""
import functools
import http.server
import shutil
import socket
import subprocess
import tempfile
import threading
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from conftest import REPOSITORY, dossier_executable


class SubPathHost(http.server.SimpleHTTPRequestHandler):
    """A static host serving the site under /sub/ and its 404.html, with status 404, for any
    missing address (as GitHub Pages, Netlify or nginx's error_page do). It counts the HEAD
    requests it gets (the 404 page's script asks whether a folder holds a 404.html)."""

    heads = []

    def do_HEAD(self):
        SubPathHost.heads.append(self.path)
        return super().do_HEAD()

    def translate_path(self, path):
        path = path.split("?", 1)[0].split("#", 1)[0]
        if not path.startswith("/sub/"):
            return str(Path(self.directory) / "no-such-file")
        return super().translate_path("/" + path[len("/sub/"):])

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, *arguments):
        pass


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module", params=["without base_url", "with base_url"])
def hosted(request):
    folder = Path(tempfile.mkdtemp(prefix="dossier-404-"))
    port = free_port()
    command = [str(dossier_executable()), "build", "--content", str(REPOSITORY / "Content"), "--templates", str(REPOSITORY / "Templates"),
               "--output", str(folder / "Site")]
    if request.param == "with base_url":
        # Another host than the one that serves it (a staging host): the page must still find its style.
        command += ["--base-url", "https://reports.example.org/sub/"]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(SubPathHost, directory=str(folder / "Site")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{port}/sub/"
    server.shutdown()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.parametrize("missing", ["no-such-page", "events/no-such-event/", "events/no-such-event/deeper/still/",
                                     "events/a/b/c/d/e/f/g/h/i/", "no-such/a/b/c/d/e/f/g/h/i/"])
def test_the_404_page_works_at_any_depth(hosted, browser, missing):
    SubPathHost.heads.clear()
    browser.get(hosted + missing)
    # The root is found from the address: one request when it names one of the site's folders.
    assert len(SubPathHost.heads) <= (1 if missing.startswith("events/") else 11), SubPathHost.heads
    assert browser.find_element(By.TAG_NAME, "h1").text == "Page not found"
    # The stylesheet was found: the header has its double rule.
    assert browser.find_element(By.CSS_SELECTOR, ".site-header").value_of_css_property("border-bottom-style") == "double"
    home = browser.find_element(By.CSS_SELECTOR, ".site-title").get_attribute("href")
    assert home == hosted + "index.html"
    timeline = browser.find_element(By.CSS_SELECTOR, "main a.button").get_attribute("href")
    assert timeline == hosted + "timeline/index.html"
    # The skip link stays on this page.
    skip = browser.find_element(By.CSS_SELECTOR, ".skip-link").get_attribute("href")
    assert skip == hosted + missing + "#main"
    browser.find_element(By.CSS_SELECTOR, ".site-nav a[href$='timeline/index.html']").click()
    assert browser.find_element(By.TAG_NAME, "h1").text == "Timeline"


def test_the_header_keeps_its_height_from_page_to_page_on_a_phone(preview, browser):
    browser.set_window_size(390, 900)
    try:
        heights = {}
        for path in ("", "timeline/", "map/", "actors/", "topics/", "sources/", "events/baghdad-drone-strike/", "actors/kataib-hezbollah/"):
            browser.get(preview.url + path)
            heights[path] = browser.execute_script("return document.querySelector('.site-header').getBoundingClientRect().height")
        assert len(set(heights.values())) == 1, heights
    finally:
        browser.set_window_size(1280, 1000)
