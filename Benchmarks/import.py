#!/usr/bin/env python3
"""`dossier import acled` at the size of real exports: time and peak memory.

For each size it writes a deterministic ACLED export (the 31 columns of ACLED's export tool,
with the spread of a country's data: six event types, 300 actors, five places, ten years, notes
of a sentence or two), imports it into a new report (`dossier new`), then imports the same
export again (which must change nothing) and prints, per size, the median wall time and peak
resident memory of both (/usr/bin/time), and the ratio of memory to the smallest size's: an
import that reads the export as it goes has a flat memory line.

    swift build -c release
    python3 Benchmarks/import.py                         # 10,000, 50,000, 100,000 rows, 1 run each
    python3 Benchmarks/import.py --sizes 10000 --runs 3
"""
import argparse
import hashlib
import os
import shutil
import statistics
import subprocess
import tempfile
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
DOSSIER = Path(os.environ.get("DOSSIER", REPOSITORY / ".build/release/dossier"))

COLUMNS = ("event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,"
           "actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,"
           "latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp")
TYPES = [("Battles", "Armed clash"), ("Protests", "Peaceful protest"), ("Explosions/Remote violence", "Air/drone strike"),
         ("Riots", "Mob violence"), ("Violence against civilians", "Attack"), ("Strategic developments", "Arrests")]
PLACES = [("Baghdad", "Baghdad", 33.34, 44.40), ("Basra", "Basra", 30.50, 47.80), ("Erbil", "Erbil", 36.19, 44.01),
          ("Mosul", "Ninewa", 36.34, 43.13), ("Kirkuk", "Kirkuk", 35.47, 44.39)]


def export(rows, path):
    """A deterministic ACLED export of `rows` rows."""
    with open(path, "w", encoding="utf-8") as out:
        out.write(COLUMNS + "\n")
        for row in range(rows):
            event_type, sub = TYPES[row % len(TYPES)]
            town, region, lat, lon = PLACES[row % len(PLACES)]
            day, month, year = 1 + row % 28, 1 + (row // 97) % 12, 2015 + (row * 7 // rows) % 10
            note = (f"On this day, row {row}: an event with a note of some length, as ACLED writes them, "
                    f"with commas and detail about who did what where.")
            out.write(f'IRQ{100000 + row},{year:04d}-{month:02d}-{day:02d},{year},{1 + row % 3},Political violence,{event_type},{sub},'
                      f'Group {row % 300},Group {(row + 7) % 300},{row % 8},Group {(row + 5) % 300},,3,13,,368,Middle East,Iraq,'
                      f'{region},,,{town},{lat + (row % 10) / 100:.4f},{lon:.4f},{1 + row % 3},Source {row % 5}; Other,National,'
                      f'"{note}",{row % 4},,{1700000000 + row}\n')


def timed(command, cwd):
    """Wall seconds and peak resident memory (MiB), via /usr/bin/time."""
    result = subprocess.run(["/usr/bin/time", "-f", "%e %M"] + command, cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    wall, kilobytes = result.stderr.strip().splitlines()[-1].split()
    return float(wall), int(kilobytes) / 1024, result.stdout


def digest(folder):
    """One digest of every file under `folder`, to show that importing again changed nothing."""
    total = hashlib.sha256()
    for path in sorted(Path(folder).rglob("*")):
        if path.is_file() and path.name != ".dossier-import.lock":
            total.update(str(path.relative_to(folder)).encode())
            total.update(path.read_bytes())
    return total.hexdigest()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,50000,100000", help="rows of each export, comma-separated")
    parser.add_argument("--runs", type=int, default=1, help="runs per size (medians are printed)")
    arguments = parser.parse_args()
    if not DOSSIER.exists():
        raise SystemExit(f"{DOSSIER} does not exist: run `swift build -c release` first")
    sizes = [int(size) for size in arguments.sizes.split(",")]
    rows = []
    with tempfile.TemporaryDirectory(prefix="dossier-import-bench-") as scratch:
        for size in sizes:
            csv = Path(scratch) / f"acled-{size}.csv"
            export(size, csv)
            first, again = [], []
            for run in range(arguments.runs):
                report = Path(scratch) / f"report-{size}-{run}"
                subprocess.run([str(DOSSIER), "new", str(report)], check=True, capture_output=True)
                first.append(timed([str(DOSSIER), "import", "acled", str(csv)], cwd=report))
                before = digest(report / "Content")
                again.append(timed([str(DOSSIER), "import", "acled", str(csv)], cwd=report))
                if digest(report / "Content") != before:
                    raise SystemExit(f"importing the same {size}-row export again changed the report")
                if "0 events" not in again[-1][2]:
                    raise SystemExit(f"importing again reported new events:\n{again[-1][2][-500:]}")
                shutil.rmtree(report)
            rows.append((size, csv.stat().st_size / 2**20,
                         statistics.median(t for t, _, _ in first), statistics.median(m for _, m, _ in first),
                         statistics.median(t for t, _, _ in again), statistics.median(m for _, m, _ in again)))
            csv.unlink()
    smallest = rows[0][3]
    print(f"dossier import acled ({DOSSIER}), medians of {arguments.runs} run(s)")
    print(f"{'rows':>8} {'export':>9} {'import':>9} {'memory':>10} {'× smallest':>11} {'again':>8} {'memory':>10}")
    for size, megabytes, seconds, memory, again_seconds, again_memory in rows:
        print(f"{size:>8,} {megabytes:>7.1f}MB {seconds:>8.1f}s {memory:>7.0f}MiB {memory / smallest:>10.2f}× {again_seconds:>7.1f}s {again_memory:>7.0f}MiB")


if __name__ == "__main__":
    main()
