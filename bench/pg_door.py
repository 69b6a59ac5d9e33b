"""Door admissions from eight station processes on one PostgreSQL server.

Eight processes (spawned, each with its own connection) start together and scan their share of
the attendees in at one session run's door, as fast as they can. Two rounds: free seats (every
scan admits) and a race for 30 seats (most scans answer "full"). Prints admits or decisions per
second (all stations, over the slowest station's wall time) and p50/p99 of one decision, the
whole of it: identify, decide, write scan + presence + audit, commit.
Run: .venv/bin/python bench/pg_door.py --db postgresql://postgres@127.0.0.1:PORT/postgres
     (a scratch database is created on that server and dropped afterwards; default: $CHECKIN_TEST_PG)
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import tempfile
import time
import uuid
from collections import Counter
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

sys.path.insert(0, str(ROOT / "bench"))
from door_race import RACE_AT, build_race_db  # noqa: E402
from figures import add_json_option, emit, percentile, skip  # noqa: E402

STATIONS = 8


def station(url: str, name: str, tokens: list[str], at_iso: str, barrier, results) -> None:
    from checkin.store.schema import open_database
    from checkin.door.service import scan
    from checkin.events.service import get_event
    from checkin.staff import StaffMember

    db = open_database(url)
    event = get_event("race-2025")
    staff = StaffMember("Marshal", "marshal")
    now = datetime.fromisoformat(at_iso)
    outcomes: Counter = Counter()
    latencies = []
    barrier.wait()
    started = time.perf_counter()
    for token in tokens:
        t = time.perf_counter()
        outcomes[scan(token, event=event, session_run="S1", direction="in", station=name, staff=staff,
                      now=now).outcome] += 1
        latencies.append((time.perf_counter() - t) * 1000)
    results.put((dict(outcomes), time.perf_counter() - started, latencies))
    db.close()


def round_of(admin: str, per_station: int, capacity: int) -> tuple[Counter, float, list[float]]:
    import psycopg

    name = "checkin_bench_" + uuid.uuid4().hex[:8]
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = admin.rsplit("/", 1)[0] + "/" + name
    try:
        with tempfile.TemporaryDirectory() as folder:
            url, tokens = build_race_db(Path(folder), attendees=STATIONS * per_station, capacity=capacity,
                                        db_url=url)
        ctx = multiprocessing.get_context("spawn")
        barrier, results = ctx.Barrier(STATIONS), ctx.Queue()
        procs = [ctx.Process(target=station, args=(url, f"Door {n + 1}", tokens[n::STATIONS], RACE_AT.isoformat(),
                                                   barrier, results)) for n in range(STATIONS)]
        for p in procs:
            p.start()
        total: Counter = Counter()
        slowest, latencies = 0.0, []
        for _ in procs:
            outcomes, seconds, lat = results.get(timeout=600)
            total.update(outcomes)
            slowest = max(slowest, seconds)
            latencies += lat
        for p in procs:
            p.join(timeout=60)
        return total, slowest, latencies
    finally:
        from checkin.store.db import database

        if database.obj is not None and not database.obj.is_closed():
            database.obj.close()
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=os.environ.get("CHECKIN_TEST_PG"), help="a PostgreSQL server's URL")
    parser.add_argument("--per-station", type=int, default=250, help="scans per station (default 250)")
    add_json_option(parser)
    args = parser.parse_args()
    if not args.db:
        skip("pg_door: give --db postgresql://… (or set CHECKIN_TEST_PG); .ci/postgres start DIR PORT makes one")
    n = args.per_station
    outcomes, wall, lat = round_of(args.db, n, capacity=STATIONS * n)
    free = (outcomes["admitted"] / wall, percentile(lat, 50), percentile(lat, 99))
    print(f"{STATIONS} stations, free seats: {dict(outcomes)} in {wall:.2f} s = "
          f"{outcomes['admitted'] / wall:,.0f} admits/s; one decision p50 {percentile(lat, 50):.1f} ms, "
          f"p99 {percentile(lat, 99):.1f} ms")
    outcomes, wall, lat = round_of(args.db, n, capacity=30)
    print(f"{STATIONS} stations racing for 30 seats: {dict(outcomes)} in {wall:.2f} s = "
          f"{sum(outcomes.values()) / wall:,.0f} decisions/s; p50 {percentile(lat, 50):.1f} ms, "
          f"p99 {percentile(lat, 99):.1f} ms")
    emit(args, "pg_door", {
        f"door admits/s, {STATIONS} processes on PostgreSQL, free seats": (free[0], "/s"),
        f"door decision p50, {STATIONS} processes on PostgreSQL": (free[1], "ms"),
        f"door decision p99, {STATIONS} processes on PostgreSQL": (free[2], "ms"),
        f"door race for 30 seats on PostgreSQL, {STATIONS} processes: admitted": (outcomes["admitted"], "people"),
    })


if __name__ == "__main__":
    main()
