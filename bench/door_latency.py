"""Door decisions at event scale on one SQLite file (WAL, synchronous=FULL).

1. One station: 20,000 attendees loaded and checked in; twelve session runs replayed in order,
   each with admissions up to capacity and past it (full), repeats (already inside), exits,
   exits of people not inside and unreadable codes; between runs, the door's occupancy poll.
   Prints p50/p99 of the whole decision (identify, decide, write scan + presence + audit,
   commit) per outcome.
2. Eight station processes on the same file, all starting together: admits per second with
   free seats (8 × 100 admissions), and decisions per second racing for 30 seats (8 × 50).
Run: .venv/bin/python bench/door_latency.py [--attendees N]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from checkin.store.schema import open_database  # noqa: E402
from checkin.door.occupancy import occupancy  # noqa: E402
from checkin.door.service import scan  # noqa: E402
from checkin.events.service import get_event  # noqa: E402
from checkin.store.models import AuditEntry, DoorScan  # noqa: E402
from checkin.staff import StaffMember  # noqa: E402
from door_race import RACE_AT, build_race_db, race  # noqa: E402
from figures import add_json_option, emit, percentile  # noqa: E402

RUNS = 12
SEATS = 150
KEYS: dict[str, float] = {}


def one_station(folder: Path, attendees: int) -> dict[str, tuple[float, str]]:
    t0 = time.perf_counter()
    path, tokens = build_race_db(folder, attendees=attendees, capacity=SEATS, sessions=RUNS)
    setup_s = time.perf_counter() - t0
    db = open_database(str(path), station=True)
    event = get_event("race-2025")
    staff = StaffMember("Marshal", "marshal")
    rnd = random.Random(5)
    timings: dict[str, list[float]] = {}

    def timed(token, run, direction, now):
        t = time.perf_counter()
        result = scan(token, event=event, session_run=run, direction=direction, station="Door 1", staff=staff,
                      now=now)
        timings.setdefault(result.outcome, []).append((time.perf_counter() - t) * 1000)
        return result

    for k in range(RUNS):
        run = f"S{k + 1}"
        now = RACE_AT + timedelta(hours=k) - timedelta(minutes=5)   # 5 minutes into the run
        crowd = rnd.sample(tokens, SEATS + 50)
        # The door view asks for the run's occupancy every 5 s, which also empties rooms whose
        # run has ended; at a real door that happens in the minutes between two runs, so the
        # first admission of a run does not close the last run's presences itself.
        occupancy(run, event=event, now=now)
        for n, token in enumerate(crowd):
            timed(token, run, "in", now + timedelta(seconds=n))
        now += timedelta(minutes=10)
        for token in crowd[:40]:
            timed(token, run, "in", now)                        # already inside
        for token in crowd[40:100]:
            timed(token, run, "out", now)                       # exits
        for token in rnd.sample(tokens, 20):
            timed(token, run, "out", now)                       # mostly not inside
        for token in crowd[:20]:
            timed(token[:-4] + ("AAAA" if token[-4:] != "AAAA" else "BBBB"), run, "in", now)  # forged
    scans = DoorScan.select().count()
    audit_rows = AuditEntry.select().count()
    db.close()

    print(f"one station: {attendees:,} attendees, {RUNS} runs of {SEATS} seats, {scans:,} door scans, "
          f"{audit_rows:,} audit rows (set-up {setup_s:.1f} s)")
    print(f"{'outcome':<18}{'n':>7}{'p50 ms':>10}{'p99 ms':>10}")
    every = []
    for outcome, values in sorted(timings.items()):
        every += values
        print(f"{outcome:<18}{len(values):>7}{statistics.median(values):>10.2f}{percentile(values, 99):>10.2f}")
    print(f"{'all decisions':<18}{len(every):>7}{statistics.median(every):>10.2f}{percentile(every, 99):>10.2f}")
    scale = f"one station, {attendees:,} attendees"
    admits = timings.get("admitted", [0.0])
    KEYS.update(door_admit_p50_ms=statistics.median(admits), door_admit_p99_ms=percentile(admits, 99))
    return {f"door admit p50, admissions only ({scale})": (statistics.median(admits), "ms"),
            f"door admit p99, admissions only ({scale})": (percentile(admits, 99), "ms"),f"door decision p50, all decisions ({scale})": (statistics.median(every), "ms"),
            f"door decision p99, all decisions ({scale})": (percentile(every, 99), "ms")}


def eight_stations(folder: Path, attendees: int) -> dict[str, tuple[float, str]]:
    stations = 8
    path, tokens = build_race_db(folder, attendees=attendees, capacity=stations * 100)
    plans = [[("S1", t, "in") for t in tokens[n * 100:(n + 1) * 100]] for n in range(stations)]
    outcomes, seconds = race(path, plans)
    admits_per_s = outcomes["admitted"] / seconds
    print(f"8 stations, free seats: {outcomes['admitted']} admitted in {seconds:.2f} s = "
          f"{outcomes['admitted'] / seconds:.0f} admits/s ({dict(outcomes)})")

    race_folder = folder / "race30"
    race_folder.mkdir()
    path, tokens = build_race_db(race_folder, attendees=400, capacity=30)
    plans = [[("S1", t, "in") for t in tokens[n::stations]] for n in range(stations)]
    outcomes, seconds = race(path, plans)
    total = sum(outcomes.values())
    print(f"8 stations, 30 seats, 400 attempts: {dict(outcomes)} in {seconds:.2f} s = "
          f"{total / seconds:.0f} decisions/s")
    return {"door admits/s, 8 processes on one SQLite file, free seats": (admits_per_s, "/s"),
            "door race for 30 seats, 8 processes, 400 attempts: admitted": (outcomes["admitted"], "people"),
            "door race for 30 seats, 8 processes: decisions/s": (total / seconds, "/s")}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--attendees", type=int, default=20_000)
    add_json_option(ap)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "one").mkdir()
        (Path(tmp) / "eight").mkdir()
        figures = one_station(Path(tmp) / "one", args.attendees)
        figures |= eight_stations(Path(tmp) / "eight", args.attendees)
    emit(args, "door_latency", figures, keys=KEYS)


if __name__ == "__main__":
    main()
