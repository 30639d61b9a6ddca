"""Fixtures for the browser tests: a copy of the sample report, `dossier serve` on it, and headless Chromium."""
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

    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="dossier-browser-"))
        shutil.copytree(REPOSITORY / "Content", self.folder / "Content")
        shutil.copytree(REPOSITORY / "Templates", self.folder / "Templates")
        self.process = subprocess.Popen(
            [str(dossier_executable()), "serve", "--port", "0"],
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
