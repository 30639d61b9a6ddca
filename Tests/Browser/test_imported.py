"""A report imported from a TimelineJS timeline, as a new user makes it (`dossier new`, then
`dossier import timelinejs`, then `dossier build`), read in Chromium: the event pages with media
(a picture of the site, media elsewhere linked), the era's topic, checked by axe-core and the Nu
HTML Checker; no script of the timeline's runs."""
import json
import pathlib
import shutil
import subprocess
import tempfile

import pytest

from conftest import dossier_executable, REPOSITORY, StaticHost
from test_quality import axe_findings, VNU

FIXTURE = REPOSITORY / "Tests" / "Fixtures" / "import" / "timelinejs-iraq.json"
PAGES = ["events/qaani-visit/", "events/three-us-troops-killed-in-a-drone-attack-in-jordan/",
         "events/soleimani-muhandis-killed/", "topics/era-attacks-on-us-forces/", ""]


def run(arguments, cwd):
    return subprocess.run([str(dossier_executable())] + arguments, cwd=cwd, check=True, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def imported():
    folder = pathlib.Path(tempfile.mkdtemp(prefix="dossier-imported-"))
    run(["new", "report"], folder)
    report = folder / "report"
    # The picture one slide shows, kept in the site (a 64×36 PNG made for the fixture).
    media = report / "Content" / "static" / "media"
    media.mkdir(parents=True)
    shutil.copy(REPOSITORY / "Tests" / "Fixtures" / "import" / "qaani-visit.png", media / "qaani-visit.png")
    imported = run(["import", "timelinejs", str(FIXTURE)], report)
    assert "Imported 8 events" in imported.stdout
    run(["build", "--no-search"], report)
    host = StaticHost(report / "Site")
    yield report, host
    host.stop()
    shutil.rmtree(folder, ignore_errors=True)


def test_the_picture_shows_and_media_elsewhere_is_a_link(imported, browser):
    report, host = imported
    browser.get(host.url + "events/qaani-visit/")
    image = browser.find_element("css selector", ".event-media img")
    assert image.get_attribute("alt") == "A map of Iraq with Baghdad marked"
    # Loaded from the site itself, at its natural size.
    assert browser.execute_script("return arguments[0].complete && arguments[0].naturalWidth", image) == 64
    browser.get(host.url + "events/three-us-troops-killed-in-a-drone-attack-in-jordan/")
    assert browser.find_elements("css selector", ".event-media img") == []
    link = browser.find_element("css selector", ".event-media a")
    assert link.text == "View the media on www.reuters.com"
    assert link.get_attribute("href") == "https://www.reuters.com/world/middle-east/"


def test_no_script_of_the_timeline_runs(imported, browser):
    report, host = imported
    browser.get(host.url + "events/soleimani-muhandis-killed/")
    # The fixture's scripts would have opened an alert or written "injected".
    assert browser.execute_script("return document.body.innerText.includes('injected')") is False
    text = browser.find_element("css selector", ".prose").text
    assert "the US refused to leave" in text
    assert browser.find_elements("css selector", ".prose a") == []


def test_axe_finds_nothing(imported, browser):
    report, host = imported
    assert axe_findings(browser, host.url, PAGES) == {}


def test_the_nu_html_checker_finds_nothing(imported):
    report, host = imported
    checked = subprocess.run(["java", "-jar", str(VNU), "--skip-non-html", "--format", "json", str(report / "Site")],
                             capture_output=True, text=True, timeout=300)
    messages = json.loads(checked.stderr or "{}").get("messages", [])
    assert [f"{m['url'].split('/Site/')[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages] == []
