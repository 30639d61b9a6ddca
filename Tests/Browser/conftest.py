"""Fixtures for the browser tests: a copy of the sample report, `dossier serve` on it, and headless Chromium."""
import functools
import http.server
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

REPOSITORY = Path(__file__).resolve().parents[2]


def dossier_executable() -> Path:
    if os.environ.get("DOSSIER"):
        return Path(os.environ["DOSSIER"])
    for build in ("debug", "release"):
        candidate = REPOSITORY / ".build" / build / "dossier"
        if candidate.exists():
            return candidate
    raise RuntimeError("build dossier first: swift build")


class Preview:
    """`dossier serve` on a copy of the sample report, in a temporary folder."""

    def __init__(self, *arguments: str):
        self.folder = Path(tempfile.mkdtemp(prefix="dossier-browser-"))
        shutil.copytree(REPOSITORY / "Content", self.folder / "Content")
        shutil.copytree(REPOSITORY / "Templates", self.folder / "Templates")
        self.process = subprocess.Popen(
            [str(dossier_executable()), "serve", "--port", "0", *arguments],
            cwd=self.folder, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        self.output = []
        self.url = None
        ready = threading.Event()

        def pump():
            for line in self.process.stdout:
                self.output.append(line.rstrip("\n"))
                match = re.search(r"Serving at (http://\S+)", line)
                if match:
                    self.url = match.group(1)
                    ready.set()

        threading.Thread(target=pump, daemon=True).start()
        if not ready.wait(60):
            self.stop()
            raise RuntimeError("dossier serve did not start:\n" + "\n".join(self.output))

    def edit(self, relative: str, old: str, new: str):
        path = self.folder / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {relative}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture
def preview():
    server = Preview()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    options = Options()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1000"):
        options.add_argument(argument)
    # Network events, for the test that no request leaves the local server.
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    service = Service(executable_path=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    driver = webdriver.Chrome(service=service, options=options)
    # A page that never finishes loading fails its test instead of holding the run.
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(30)
    yield driver
    driver.quit()


def sample_in_one_language(folder: Path, language: str) -> Path:
    """A copy of the sample report in `folder` as a report in one language: its Arabic version
    (`languages:`, site.yaml's `translations:`, the `*.ar.md` files) left out, and `language` set.
    Returns the content folder."""
    content = folder / "Content"
    shutil.copytree(REPOSITORY / "Content", content, ignore=shutil.ignore_patterns("*.ar.md"))
    site_yaml = content / "site.yaml"
    text = site_yaml.read_text(encoding="utf-8")
    marker = "\n# The report's own words in Arabic"
    assert marker in text and "\nlanguages: [en, ar]\n" in text and "\nlanguage: en\n" in text
    text = text[:text.index(marker)] + "\n"
    text = text.replace("\nlanguages: [en, ar]\n", "\n").replace("\nlanguage: en\n", f"\nlanguage: {language}\n")
    site_yaml.write_text(text, encoding="utf-8")
    # The events' Arabic words (`translations:`, with the comment that introduces them).
    for events in (content / "events").glob("*.yaml"):
        kept = re.sub(r"  # In Arabic, translated[^\n]*\n  translations:\n(    [^\n]*\n)+", "",
                      events.read_text(encoding="utf-8"))
        assert "translations:" not in kept, events
        events.write_text(kept, encoding="utf-8")
    return content


SPLIT_EVENTS = 10000


@pytest.fixture(scope="session")
def split_site():
    """A synthetic report of 10,000 events with the default `lists.per_page` (100): its timeline
    is split by year, and each year (about 1,000 events) by month. Built once for the filter's
    and the search's tests (with Pagefind's index when it is installed)."""
    folder = Path(tempfile.mkdtemp(prefix="dossier-split-"))
    dossier = str(dossier_executable())
    subprocess.run([dossier, "generate", "--events", str(SPLIT_EVENTS), "--actors", "500", str(folder)], check=True, capture_output=True, timeout=120)
    subprocess.run([dossier, "build", "--content", str(folder / "Content"), "--output", str(folder / "Site"), "--templates", str(REPOSITORY / "Templates")],
                   check=True, capture_output=True, timeout=300)
    yield folder / "Site"
    shutil.rmtree(folder, ignore_errors=True)


class StaticHost:
    """A plain file server of a built site, as any web host serves it (no Dossier involved)."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *arguments):
            pass

    def __init__(self, folder: Path):
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(StaticHost.Quiet, directory=str(folder)))
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
