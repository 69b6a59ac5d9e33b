"""How long a station's offline copy takes to refresh from a PostgreSQL server.

A station refreshes its copy every few seconds, on a thread of its own (scans go on beside it),
reading only the rows the server's change log names since the last refresh. Builds an event of
N attendees, all checked in, then times: the first copy (everything, and every badge code
signed), a refresh after one door scan (a seat counter and a presence), a refresh after a
walk-in (a new person whose badge code is signed), and a check that finds nothing changed.
Run: .venv/bin/python bench/replica_sync.py --db postgresql://postgres@127.0.0.1:PORT/postgres [--attendees N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

sys.path.insert(0, str(ROOT / "bench"))
from door_race import RACE_AT, build_race_db  # noqa: E402
from figures import add_json_option, emit, skip  # noqa: E402


def main() -> None:
    import psycopg

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=os.environ.get("CHECKIN_TEST_PG"), help="a PostgreSQL server's URL")
    parser.add_argument("--attendees", type=int, default=20_000)
    parser.add_argument("--changes", type=int, default=30, help="door scans, each followed by a refresh")
    add_json_option(parser)
    args = parser.parse_args()
    if not args.db:
        skip("replica_sync: give --db postgresql://… (or set CHECKIN_TEST_PG)")
    name = "checkin_bench_" + uuid.uuid4().hex[:8]
    with psycopg.connect(args.db, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = args.db.rsplit("/", 1)[0] + "/" + name
    try:
        with tempfile.TemporaryDirectory() as folder:
            url, tokens = build_race_db(Path(folder), attendees=args.attendees, capacity=100, db_url=url)
            from checkin.desk.walkins import WalkIn, register_walk_in
            from checkin.door import service as door
            from checkin.stations.connection import StationDatabase
            from checkin.events.service import get_event
            from checkin.staff import StaffMember

            station = StationDatabase(url, Path(folder) / "replica.sqlite3", station="Door 1",
                                      clock=lambda: RACE_AT)
            t = time.perf_counter()
            first = station.open()
            first_s = time.perf_counter() - t
            event, marshal = get_event("race-2025"), StaffMember("Marshal", "marshal")
            organiser = StaffMember("Olivia", "organiser")

            def refresh() -> float:
                t = time.perf_counter()
                status = station.refresh()
                assert not status.retry
                return (time.perf_counter() - t) * 1000

            one_change = []
            for token in tokens[:args.changes]:
                door.scan(token, event=event, session_run="S1", direction="in", station="Door 1", staff=marshal,
                          now=RACE_AT)
                one_change.append(refresh())
            walk_ins = []
            for n in range(5):
                register_walk_in(WalkIn(given_name=f"Guest {n}", family_name="Walk-in", reason="bench"), event=event,
                                 approved_by=organiser, now=RACE_AT)
                walk_ins.append(refresh())
            same_ms = refresh()
            copied = station.replica.execute_sql("SELECT COUNT(*) FROM presence").fetchone()[0]
            station.close()
        assert first.synced_at and copied == args.changes
        p50, worst = statistics.median(one_change), max(one_change)
        print(f"{args.attendees:,} attendees: first copy {first_s * 1000:.0f} ms (signs every badge code); "
              f"refresh after one door scan p50 {p50:.1f} ms, worst {worst:.1f} ms ({args.changes} refreshes); "
              f"after a walk-in p50 {statistics.median(walk_ins):.1f} ms; nothing changed {same_ms:.1f} ms")
        scale = f"{args.attendees:,} attendees, PostgreSQL server"
        emit(args, "replica_sync", {f"offline copy, first ({scale})": (first_s * 1000, "ms"),
                                    f"offline copy, refresh after one door scan, p50 ({scale})": (p50, "ms"),
                                    f"offline copy, refresh after one door scan, worst ({scale})": (worst, "ms"),
                                    f"offline copy, refresh after a walk-in, p50 ({scale})":
                                        (statistics.median(walk_ins), "ms"),
                                    f"offline copy, nothing changed ({scale})": (same_ms, "ms")},
             keys={"replica_one_change_ms": p50, "replica_one_change_worst_ms": worst})
    finally:
        with psycopg.connect(args.db, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
