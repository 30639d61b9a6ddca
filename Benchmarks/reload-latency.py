#!/usr/bin/env python3
"""Save-to-reload latency of `dossier serve` on the sample report, in headless Chromium.

For each of N edits: write a new event title to disk, and read, in the page that reloads by
itself, when its content was ready (DOMContentLoaded, wall clock). The latency is that time
minus the time of the write. Prints the median, min and max.

    swift build -c release && DOSSIER=.build/release/dossier python3 Benchmarks/reload-latency.py [--edits 15]
"""
import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "Tests" / "Browser"))
from conftest import Preview  # noqa: E402  (the browser tests' own fixture)

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.options import Options  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

TITLE = "Iranian general Esmail Qaani visits Iraq and asks the militias to lie low"
EVENTS = "Content/events/2024-pause.yaml"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--edits", type=int, default=15)
    arguments = parser.parse_args()

    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(argument)
    browser = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    preview = Preview()
    latencies = []
    try:
        browser.get(preview.url + "timeline/")
        time.sleep(1)
        current = TITLE
        for number in range(arguments.edits):
            new = f"Qaani visit, edit {number}"
            written = time.time()
            preview.edit(EVENTS, "title: " + current, "title: " + new)
            WebDriverWait(browser, 15, poll_frequency=0.02).until(lambda d: new in d.page_source)
            ready = browser.execute_script(
                "const n = performance.getEntriesByType('navigation')[0];"
                "return (performance.timeOrigin + n.domContentLoadedEventEnd) / 1000;")
            latencies.append((ready - written) * 1000)
            current = new
            time.sleep(0.3)
    finally:
        browser.quit()
        preview.stop()
    rebuilds = [line for line in preview.output if line.startswith("Rebuilt in")]
    print(f"save-to-reload latency over {len(latencies)} edits: median {statistics.median(latencies):.0f} ms, "
          f"min {min(latencies):.0f} ms, max {max(latencies):.0f} ms")
    print(f"server rebuilds: {', '.join(line.split(':')[0].replace('Rebuilt in ', '') for line in rebuilds[:5])} …")


if __name__ == "__main__":
    main()
