#!/usr/bin/env python3
"""Edit-to-search latency of `dossier serve` on a large synthetic report, in headless Chromium.

The preview's search page is open on a word no page has. For each of N edits: an event's title
gets that word on disk, and the page (which reloads with the rebuild, then searches again when
the preview announces the index of the pages the edit changed) is watched until it finds the
event. The latency is the time from the write to that moment. Prints the median, min and max,
the rebuilds' median (`Rebuilt in … ms`, to see that indexing does not slow them), and how many
full indexes ran meanwhile.

    swift build -c release
    DOSSIER=.build/release/dossier python3 Benchmarks/search-latency.py --events 10000 --actors 500

`--pause` is the time between edits: under `--search-settle` (10 s by default) the full index
never runs between them; above it, an edit can land while Pagefind indexes every page at a lower
priority, which is the slower case.
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "Tests" / "Browser"))
from conftest import dossier_executable  # noqa: E402  (the browser tests' own)


def manifest(url):
    with urllib.request.urlopen(url + "pagefind/preview.json") as response:
        return json.load(response)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=10000)
    parser.add_argument("--actors", type=int, default=500)
    parser.add_argument("--corpus", default="neutral")
    parser.add_argument("--edits", type=int, default=7)
    parser.add_argument("--pause", type=float, default=3, help="seconds between edits")
    parser.add_argument("--search-settle", type=float, default=None, help="passed to dossier serve")
    arguments = parser.parse_args()

    dossier = str(dossier_executable())
    folder = Path(tempfile.mkdtemp(prefix="dossier-search-latency-"))
    subprocess.run([dossier, "generate", "--events", str(arguments.events), "--actors", str(arguments.actors),
                    "--corpus", arguments.corpus, str(folder)], check=True, capture_output=True)
    command = [dossier, "serve", "--port", "0", "--timings", "--content", str(folder / "Content")]
    if arguments.search_settle is not None:
        command += ["--search-settle", str(arguments.search_settle)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output, url, indexed = [], [], threading.Event()

    def pump():
        for line in process.stdout:
            output.append((time.perf_counter(), line.rstrip("\n")))
            match = re.search(r"Serving at (http://\S+)", line)
            if match:
                url.append(match.group(1))
            if line.startswith("Search: Pagefind"):
                indexed.set()

    threading.Thread(target=pump, daemon=True).start()
    options = Options()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(argument)
    browser = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)
    browser.set_page_load_timeout(60)
    events = sorted((folder / "Content" / "events").glob("*.yaml"))[len(list((folder / "Content" / "events").glob("*.yaml"))) // 2]
    original = events.read_text(encoding="utf-8")
    event = re.search(r"- id: (\S+)", original).group(1)
    latencies, servers = [], []
    try:
        if not indexed.wait(600):
            raise SystemExit("no search index:\n" + "\n".join(line for _, line in output))
        first_index = next(line for _, line in output if line.startswith("Search: Pagefind"))
        print(first_index)
        status = lambda d: d.find_element(By.CSS_SELECTOR, "[data-search-status]").text  # noqa: E731
        for edit in range(arguments.edits):
            word = "zq" + "".join("abcdefghij"[int(digit)] for digit in f"{edit:03d}") + "marker"
            browser.get(url[0] + "search/index.html?q=" + word)
            WebDriverWait(browser, 60, poll_frequency=0.05).until(lambda d: "Nothing in this report matches" in status(d))
            written = time.perf_counter()
            events.write_text(original.replace('  title: "', f'  title: "{word.capitalize()} ', 1), encoding="utf-8")
            # The server's part: the rebuild, then the manifest of the edit's index.
            before = manifest(url[0])["generation"]
            rebuilt = indexed_at = None
            while indexed_at is None or rebuilt is None:
                if rebuilt is None:
                    rebuilt = next((at for at, line in output if at > written and line.startswith("Rebuilt in")), None)
                if indexed_at is None and manifest(url[0])["generation"] > before and rebuilt is not None:
                    indexed_at = time.perf_counter()
                time.sleep(0.02)
            WebDriverWait(browser, 120, poll_frequency=0.02).until(lambda d: d.find_elements(
                By.CSS_SELECTOR, f"[data-search-results] a[href$='/events/{event}/index.html']"))
            latencies.append(time.perf_counter() - written)
            servers.append(indexed_at - written)
            print(f"edit {edit + 1}: rebuilt after {rebuilt - written:.2f} s, its index in after {servers[-1]:.2f} s, "
                  f"found in the page after {latencies[-1]:.2f} s")
            time.sleep(arguments.pause)
    finally:
        events.write_text(original, encoding="utf-8")
        browser.quit()
        process.terminate()
        process.wait()
        shutil.rmtree(folder, ignore_errors=True)
    # `serve --timings`: what each index of an edit's pages took.
    for _, line in output:
        if line.startswith("Search: ") and "changed page" in line:
            print(line)
    rebuilds = [int(match.group(1)) for _, line in output if (match := re.match(r"Rebuilt in (\d+) ms", line))]
    print(f"{arguments.events} events ({arguments.corpus}), {len(latencies)} edits {arguments.pause:g} s apart: "
          f"edit to search result median {statistics.median(latencies):.2f} s (min {min(latencies):.2f}, max {max(latencies):.2f}), "
          f"of which the server's (rebuild and index) {statistics.median(servers):.2f} s; "
          f"rebuilds median {statistics.median(rebuilds) if rebuilds else 0:.0f} ms")


if __name__ == "__main__":
    main()
