#!/usr/bin/env python3
"""Dossier's build benchmark, side by side with Hugo and the floors.

For each scale (events, actors) it generates a deterministic synthetic report with
`dossier generate`, writes the equivalent Hugo site (hugo_site.py), and then, alternating
runs so both tools see the same machine conditions, measures:

  - Dossier clean build and Hugo clean build: median wall time, pages/s, peak memory
    (/usr/bin/time), and the ratios Dossier/Hugo;
  - the floors: `cmark` rendering every event body (one process, all bodies), and
    `cp -r` of Dossier's output tree;
  - the preview server's rebuild after a one-event edit (from `dossier serve`'s own report);
  - each tool building again into its output before, what a writer runs after every edit
    (`--no-again` skips it): Dossier writes over the site it kept from the build before, Hugo
    over its `public/`.

Builds are timed without the search index (Hugo's site has none; an older build may not know
it): `--search` adds one build with Pagefind per scale and prints what the index cost, and
`--with-search` times, alternating with the others, Dossier's default build (search included)
against Hugo followed by Pagefind over Hugo's output, as a Hugo user gets search.

Reports come in shapes (`--corpus`, comma-separated; `--grid` runs them all): `dossier` and
`neutral` (the two corpora of `dossier generate`), `independent` (#33's independent corpus,
in `dossier generate`'s knobs) and `long` (two years of long, much-cited events). The last
lines give, for each measure, the worst shape.

Also the sample report's full build. The machine is shared and noisy: read medians and ratios.

    swift build -c release
    python3 Benchmarks/run.py                          # 1,000/100 and 10,000/500
    python3 Benchmarks/run.py --scales 50000x2000 --runs 1
    python3 Benchmarks/run.py --baseline /path/to/older/dossier   # also an older build, alternating
    python3 Benchmarks/run.py --search                 # and the cost of Pagefind's index
    python3 Benchmarks/run.py --grid --with-search --scales 10000x500   # every shape, with search too
"""
import argparse
import gzip
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPOSITORY = Path(__file__).resolve().parents[1]
DOSSIER = Path(os.environ.get("DOSSIER", REPOSITORY / ".build/release/dossier"))
TEMPLATES = REPOSITORY / "Templates"


# Dossier finds no Pagefind with this: the timed builds make no search index.
WITHOUT_SEARCH = dict(os.environ, DOSSIER_PAGEFIND="")

# The shapes of report the benchmark builds: `dossier generate`'s arguments for each.
SHAPES = {
    "dossier": ["--corpus", "dossier"],
    "neutral": ["--corpus", "neutral"],
    # #33's independent corpus: six years, 150–300-word bodies, three sources an event, eight
    # topics of which one selects every event, 300-word profiles, six countries.
    "independent": ["--corpus", "dossier", "--years", "6", "--body-words", "225", "--sources", "3", "--topics", "8",
                    "--topic-of-every-event", "--actor-words", "300", "--countries", "6"],
    # Dense and long: two years, 600-word bodies with more headings, five sources an event.
    "long": ["--corpus", "dossier", "--years", "2", "--body-words", "600", "--sources", "5", "--actor-words", "150"],
}


def pagefind_executable():
    """Pagefind as Dossier finds it (`DOSSIER_PAGEFIND`, else the pagefind_bin package)."""
    if os.environ.get("DOSSIER_PAGEFIND"):
        return os.environ["DOSSIER_PAGEFIND"]
    import pagefind_bin
    return os.path.join(os.path.dirname(pagefind_bin.__file__), "pagefind")


# CPU seconds (user + system) of each timed command, by the label `timed` was given: on this
# shared machine the wall time of a build varies by up to 2x from run to run, CPU time less.
CPU = {}


def timed(command, cwd=None, env=WITHOUT_SEARCH, label=None):
    """Wall seconds and peak resident memory (MiB) of a command (and of the children it waited
    for), via /usr/bin/time; its CPU seconds are added to CPU[label]."""
    result = subprocess.run(["/usr/bin/time", "-f", "%e %M %U %S"] + command, cwd=cwd, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    wall, kilobytes, user, system = result.stderr.strip().splitlines()[-1].split()
    if label:
        CPU.setdefault(label, []).append(float(user) + float(system))
    return float(wall), int(kilobytes) / 1024, result.stdout


TRASH = None  # set in main(): where old outputs are moved before a timed run


def move_aside(folder: Path):
    """Moves an old output out of the way instead of deleting it: on this machine's file system,
    creating files right after a large delete is up to 10x slower (freed inodes are not reused
    for about a minute), which would penalise whichever tool runs next. Deleted at the end."""
    if folder.exists():
        TRASH.mkdir(parents=True, exist_ok=True)
        folder.rename(TRASH / f"{folder.parent.name}-{folder.name}-{time.monotonic_ns()}")


def warm(*folders: Path):
    """Reads every input once, so each tool starts with the same warm page cache."""
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file():
                path.read_bytes()


def dossier_build(report: Path, binary: Path = None, templates: Path = None):
    move_aside(report / "Site")
    wall, memory, output = timed(label="baseline" if binary else "dossier", command=[str(binary or DOSSIER), "build", "--content", str(report / "Content"),
                                  "--templates", str(templates or TEMPLATES), "--output", str(report / "Site")])
    pages = int(re.search(r"Built (\d+) page", output).group(1))
    return wall, memory, pages, output_size(report / "Site")


def dossier_again(report: Path):
    """Building again over the site of the build before, as a writer does after each edit: one
    build to leave the site before beside it (Dossier writes the next site over that one, see
    README's Safety), then the timed one. Wall seconds and peak MiB."""
    command = [str(DOSSIER), "build", "--content", str(report / "Content"), "--templates", str(TEMPLATES),
               "--output", str(report / "Site")]
    timed(command)
    wall, memory, _ = timed(command, label="dossier again")
    return wall, memory


def hugo_again(site: Path):
    """Hugo building again into the `public/` of the build before (it writes over its files)."""
    wall, memory, _ = timed(["hugo", "--quiet", "-s", str(site), "-d", str(site / "public")], label="hugo again")
    return wall, memory


def search_cost(report: Path):
    """One build with Pagefind: its wall time, peak memory, the index step's time, pages indexed
    and the index's size."""
    move_aside(report / "Site")
    wall, memory, output = timed([str(DOSSIER), "build", "--timings", "--content", str(report / "Content"),
                                  "--templates", str(TEMPLATES), "--output", str(report / "Site")], env=dict(os.environ))
    step = re.search(r"search index\s+([\d.]+) ms", output)
    pages = re.search(r"indexed (\d+) page", output)
    if not step or not pages:
        raise RuntimeError("no search index was made (is Pagefind installed? scripts/setup):\n" + output)
    size = sum(path.stat().st_size for path in (report / "Site" / "pagefind").rglob("*") if path.is_file())
    return wall, memory, float(step.group(1)) / 1000, int(pages.group(1)), size


def output_size(site: Path):
    """Total bytes of a built site, its largest HTML page (path, bytes), its map page's bytes,
    and the timeline filter's index: the facets file a first filter loads, gzipped (as a host
    would send it, gzip -6), and all its files, raw."""
    total, largest, index = 0, ("", 0), 0
    for path in site.rglob("*"):
        if path.is_file():
            size = path.stat().st_size
            total += size
            if path.suffix == ".html" and size > largest[1]:
                largest = (str(path.relative_to(site)), size)
            if path.parent == site / "data" / "filter":
                index += size
    map_page = site / "map" / "index.html"
    facets = site / "data" / "filter" / "facets.js"
    facets_gzipped = len(gzip.compress(facets.read_bytes(), compresslevel=6)) if facets.exists() else 0
    return total, largest, map_page.stat().st_size if map_page.exists() else 0, facets_gzipped, index


def hugo_build(site: Path):
    for folder in ("public", "resources"):
        move_aside(site / folder)
    wall, memory, _ = timed(["hugo", "--quiet", "-s", str(site), "-d", str(site / "public")], label="hugo")
    pages = sum(1 for _ in (site / "public").rglob("*.html"))
    return wall, memory, pages


def dossier_searched_build(report: Path):
    """Dossier's default build, search index included: wall seconds and peak MiB."""
    move_aside(report / "Site")
    wall, memory, _ = timed([str(DOSSIER), "build", "--content", str(report / "Content"), "--templates", str(TEMPLATES),
                             "--output", str(report / "Site")], env=dict(os.environ), label="dossier+search")
    return wall, memory


def hugo_with_pagefind(site: Path):
    """Hugo's build, then Pagefind over its output, as a Hugo user adds search: the two wall
    times added, the larger peak memory (they run one after the other)."""
    for folder in ("public", "resources"):
        move_aside(site / folder)
    wall, memory, _ = timed(["hugo", "--quiet", "-s", str(site), "-d", str(site / "public")], label="hugo+pagefind")
    index_wall, index_memory, _ = timed([pagefind_executable(), "--site", str(site / "public"), "--silent"],
                                        label="hugo+pagefind")
    return wall + index_wall, max(memory, index_memory)


def cmark_floor(report: Path, work: Path):
    bodies = work / "bodies.md"
    with bodies.open("w") as out:
        for path in sorted((report / "Content/events").glob("*.yaml")):
            for event in yaml.safe_load(path.read_text()):
                out.write(event.get("body", "") + "\n\n")
    start = time.perf_counter()
    subprocess.run(["cmark", str(bodies)], stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def copy_floor(report: Path, work: Path):
    target = work / "copy"
    move_aside(target)
    start = time.perf_counter()
    subprocess.run(["cp", "-r", str(report / "Site"), str(target)], check=True)
    elapsed = time.perf_counter() - start
    move_aside(target)
    return elapsed


def serve_rebuild(report: Path, edits: int = 7, binary: Path = None, templates: Path = None, env=WITHOUT_SEARCH):
    """Median milliseconds of the preview server's rebuild after one event's title changes
    (from `dossier serve`'s own report), over several edits, and the median of each step.
    With search (`env` without DOSSIER_PAGEFIND), Pagefind indexes in the background meanwhile."""
    process = subprocess.Popen([str(binary or DOSSIER), "serve", "--port", "0", "--timings", "--content", str(report / "Content"),
                                "--templates", str(templates or TEMPLATES)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    events = sorted((report / "Content/events").glob("*.yaml"))[0]
    text = events.read_text()
    times, steps = [], {}
    try:
        for line in process.stdout:
            if line.startswith("Serving at"):
                break
        for edit in range(edits):
            events.write_text(text.replace("  title: \"", f"  title: \"Edited {edit} ", 1))
            for line in process.stdout:
                match = re.match(r"Rebuilt in (\d+) ms", line)
                if match:
                    times.append(int(match.group(1)))
                    # The steps' line (another thread's report may come in between).
                    line = next(process.stdout)
                    while " ms · " not in line:
                        line = next(process.stdout)
                    for step in line.strip().split(" · "):
                        name, milliseconds, _ = step.rsplit(" ", 2)
                        steps.setdefault(name, []).append(float(milliseconds))
                    break
            time.sleep(0.5)
    finally:
        events.write_text(text)
        process.terminate()
        process.wait()
    if not times:
        return None, ""
    detail = ", ".join(f"{name} {statistics.median(values):.0f}" for name, values in steps.items() if statistics.median(values) >= 1)
    return statistics.median(times), detail


def sample_build():
    times = []
    with tempfile.TemporaryDirectory() as output:
        for _ in range(7):
            result = subprocess.run([str(DOSSIER), "build", "--output", output + "/Site"], cwd=REPOSITORY, capture_output=True, text=True, check=True,
                                    env=WITHOUT_SEARCH)
            times.append(float(re.search(r"in ([\d.]+) (ms|s)", result.stdout).group(1)) * (1 if "ms" in result.stdout else 1000))
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scales", default="1000x100,10000x500")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--corpus", default="dossier",
                        help="comma-separated shapes: " + ", ".join(SHAPES) + " (see the docstring and README)")
    parser.add_argument("--grid", action="store_true", help="every shape (overrides --corpus)")
    parser.add_argument("--with-search", action="store_true",
                        help="also time, alternating, Dossier's default build (search included) against Hugo + Pagefind")
    parser.add_argument("--work", default=tempfile.gettempdir() + "/dossier-bench")
    parser.add_argument("--no-serve", action="store_true")
    parser.add_argument("--no-again", action="store_true",
                        help="skip timing each tool building again into the output of its build before")
    parser.add_argument("--search", action="store_true", help="also one build with Pagefind's index per scale, and what it cost")
    parser.add_argument("--baseline", help="another dossier binary (an older build) to run alternately, for a before/after comparison")
    parser.add_argument("--templates", help="the theme folder to build with (default: this repository's Templates/)")
    parser.add_argument("--baseline-templates", help="the baseline's own theme folder (e.g. from `git archive OLD Templates`), "
                        "when this repository's Templates/ uses fields the older build does not know")
    arguments = parser.parse_args()
    if arguments.grid:
        arguments.corpus = ",".join(SHAPES)
    unknown = [shape for shape in arguments.corpus.split(",") if shape not in SHAPES]
    if unknown:
        parser.error(f"unknown shape {', '.join(unknown)}: use {', '.join(SHAPES)}")
    worst = {}  # measure -> (ratio, shape and scale)
    work = Path(arguments.work)
    baseline_templates = Path(arguments.baseline_templates) if arguments.baseline_templates else None
    global TEMPLATES
    if arguments.templates:
        TEMPLATES = Path(arguments.templates)
    work.mkdir(parents=True, exist_ok=True)
    global TRASH
    TRASH = work / "trash"
    steps_by_scale = []
    print(f"dossier: {DOSSIER}\nhugo: {subprocess.run(['hugo', 'version'], capture_output=True, text=True).stdout.split()[1]}")
    print(f"sample report, full build: median {sample_build():.0f} ms over 7 runs\n")
    header = f"{'events':>7} {'actors':>6} | {'dossier s':>9} {'pages/s':>8} {'MiB':>6} | {'hugo s':>7} {'pages/s':>8} {'MiB':>6} | {'time ×':>6} {'mem ×':>6} | {'cmark s':>7} {'cp -r s':>7} {'÷cp':>5} | {'rebuild':>8}"
    print(header)
    print("-" * len(header))
    if len(arguments.corpus.split(",")) > 1:
        print(f"-- corpus {arguments.corpus.split(',')[0]} --")
    runs = [(corpus, scale) for corpus in arguments.corpus.split(",") for scale in arguments.scales.split(",")]
    for corpus, scale in runs:
        events, actors = (int(part) for part in scale.split("x"))
        if corpus != runs[0][0] and scale == arguments.scales.split(",")[0]:
            print(f"-- corpus {corpus} --")
        report, hugo = work / f"report-{corpus}-{events}", work / f"hugo-{corpus}-{events}"
        if not (report / "Content").exists():
            subprocess.run([str(DOSSIER), "generate"] + SHAPES[corpus] + ["--events", str(events), "--actors", str(actors), str(report)],
                           check=True, capture_output=True)
            shutil.rmtree(hugo, ignore_errors=True)
        if not hugo.exists():
            subprocess.run([sys.executable, str(Path(__file__).with_name("hugo_site.py")), str(report / "Content"), str(hugo)], check=True)
        warm(report / "Content", hugo)
        ours, theirs, before, searched, hugo_searched, ours_again, theirs_again = [], [], [], [], [], [], []
        CPU.clear()
        for _ in range(arguments.runs):
            ours.append(dossier_build(report))
            theirs.append(hugo_build(hugo))
            if not arguments.no_again:
                ours_again.append(dossier_again(report))
                theirs_again.append(hugo_again(hugo))
            if arguments.baseline:
                before.append(dossier_build(report, Path(arguments.baseline), baseline_templates))
            if arguments.with_search:
                searched.append(dossier_searched_build(report))
                hugo_searched.append(hugo_with_pagefind(hugo))
        wall = statistics.median(run[0] for run in ours)
        memory = statistics.median(run[1] for run in ours)
        pages = ours[0][2]
        hugo_wall = statistics.median(run[0] for run in theirs)
        hugo_memory = statistics.median(run[1] for run in theirs)
        hugo_pages = theirs[0][2]
        cmark = cmark_floor(report, work)
        copy = copy_floor(report, work)
        rebuild, rebuild_steps = (None, "") if arguments.no_serve else serve_rebuild(report)
        print(f"{events:>7} {actors:>6} | {wall:>9.2f} {pages / wall:>8.0f} {memory:>6.0f} | {hugo_wall:>7.2f} {hugo_pages / hugo_wall:>8.0f} {hugo_memory:>6.0f} | "
              f"{wall / hugo_wall:>6.2f} {memory / hugo_memory:>6.2f} | {cmark:>7.2f} {copy:>7.2f} {wall / copy:>5.1f} | "
              f"{(f'{rebuild:.0f} ms') if rebuild is not None else '-':>8}", flush=True)
        total, largest, map_bytes, facets_gzipped, index = ours[-1][3]
        label = f"{corpus:>7} {events:>7} events"
        cpu = {tool: statistics.median(seconds) for tool, seconds in CPU.items()}
        steps_by_scale.append(f"{label}: CPU time (user + system), median: Dossier {cpu['dossier']:.2f} s, Hugo {cpu['hugo']:.2f} s "
                              f"({cpu['dossier'] / cpu['hugo']:.2f}×)" + (f", baseline {cpu['baseline']:.2f} s (this build / baseline "
                              f"{cpu['dossier'] / cpu['baseline']:.2f})" if 'baseline' in cpu else ""))
        where = f"{corpus} at {events:,} events"
        for measure, ratio in (("time, no search", wall / hugo_wall), ("CPU, no search", cpu["dossier"] / cpu["hugo"]),
                               ("memory, no search", memory / hugo_memory)):
            if ratio > worst.get(measure, (0, ""))[0]:
                worst[measure] = (ratio, where)
        if ours_again:
            again_wall = statistics.median(run[0] for run in ours_again)
            hugo_again_wall = statistics.median(run[0] for run in theirs_again)
            again_cpu, hugo_again_cpu = statistics.median(CPU["dossier again"]), statistics.median(CPU["hugo again"])
            steps_by_scale.append(
                f"{label}: building again into the output before, median: Dossier {again_wall:.2f} s, {again_cpu:.2f} s CPU; "
                f"Hugo {hugo_again_wall:.2f} s, {hugo_again_cpu:.2f} s CPU; × time {again_wall / hugo_again_wall:.2f}, "
                f"CPU {again_cpu / hugo_again_cpu:.2f}")
            for measure, ratio in (("time, again", again_wall / hugo_again_wall), ("CPU, again", again_cpu / hugo_again_cpu)):
                if ratio > worst.get(measure, (0, ""))[0]:
                    worst[measure] = (ratio, where)
        if searched:
            ours_wall = statistics.median(run[0] for run in searched)
            ours_memory = statistics.median(run[1] for run in searched)
            theirs_wall = statistics.median(run[0] for run in hugo_searched)
            theirs_memory = statistics.median(run[1] for run in hugo_searched)
            # Hugo + Pagefind's CPU is two commands a run: summed per run.
            pairs = CPU["hugo+pagefind"]
            theirs_cpu = statistics.median(pairs[index] + pairs[index + 1] for index in range(0, len(pairs) - 1, 2))
            ours_cpu = statistics.median(CPU["dossier+search"])
            steps_by_scale.append(
                f"{label}: with search, median: Dossier {ours_wall:.2f} s, {ours_cpu:.2f} s CPU, {ours_memory:.0f} MiB; "
                f"Hugo + Pagefind {theirs_wall:.2f} s, {theirs_cpu:.2f} s CPU, {theirs_memory:.0f} MiB; "
                f"× time {ours_wall / theirs_wall:.2f}, CPU {ours_cpu / theirs_cpu:.2f}, memory {ours_memory / theirs_memory:.2f}")
            for measure, ratio in (("time, with search", ours_wall / theirs_wall), ("CPU, with search", ours_cpu / theirs_cpu),
                                   ("memory, with search", ours_memory / theirs_memory)):
                if ratio > worst.get(measure, (0, ""))[0]:
                    worst[measure] = (ratio, where)
        hugo_total = sum(path.stat().st_size for path in (hugo / "public").rglob("*") if path.is_file())
        steps_by_scale.append(f"{label}: output {total / 2**20:.1f} MiB (Hugo's {hugo_total / 2**20:.1f} MiB, {total / max(hugo_total, 1):.1f}×); largest page {largest[0]} {largest[1] / 2**20:.2f} MiB; "
                              f"map page {map_bytes / 2**10:.0f} KiB; filter index {index / 2**20:.1f} MiB, its facets {facets_gzipped / 2**10:.0f} KiB gzipped")
        if rebuild_steps:
            steps_by_scale.append(f"{label}: rebuild after a one-event edit, median {rebuild:.0f} ms ({rebuild_steps} ms)")
        if arguments.search:
            search_wall, search_memory, step, indexed, size = search_cost(report)
            steps_by_scale.append(f"{label}: with the search index {search_wall:.2f} s, {search_memory:.0f} MiB peak; "
                                  f"Pagefind {step:.2f} s for {indexed} pages ({step / indexed * 1000:.2f} ms a page), index {size / 2**20:.1f} MiB")
            if not arguments.no_serve:
                searched_rebuild, searched_steps = serve_rebuild(report, env=dict(os.environ))
                steps_by_scale.append(f"{label}: rebuild after a one-event edit while the preview's index is made in the background, "
                                      f"median {searched_rebuild:.0f} ms ({searched_steps} ms)")
        if arguments.baseline:
            base_wall = statistics.median(run[0] for run in before)
            base_memory = statistics.median(run[1] for run in before)
            base_rebuild, _ = (None, "") if arguments.no_serve else serve_rebuild(report, binary=Path(arguments.baseline), templates=baseline_templates)
            steps_by_scale.append(f"{label}: baseline {base_wall:.2f} s, {base_memory:.0f} MiB, rebuild "
                                  f"{(f'{base_rebuild:.0f} ms') if base_rebuild is not None else '-'}; this build / baseline: "
                                  f"time {wall / base_wall:.2f}, memory {memory / base_memory:.2f}, "
                                  f"output {total / before[-1][3][0]:.3f}")

    for line in steps_by_scale:
        print(line)
    if len(runs) > 1:
        print("\nWorst case, Dossier ÷ Hugo (÷ Hugo + Pagefind with search):")
        for measure, (ratio, where) in worst.items():
            print(f"  {measure:<20} {ratio:.2f}×  ({where})")
    # The old outputs go now that nothing is timed any more.
    shutil.rmtree(TRASH, ignore_errors=True)


if __name__ == "__main__":
    main()
