"""How long a station's offline copy takes to refresh from a PostgreSQL server.

The copy is redone whenever the server changed since the last one (every few seconds during a
rush), on the station's database thread, so scans wait behind it. Builds an event of N
attendees, all checked in, then times: the first copy (which also signs every badge code), a
refresh after one more scan, and a check that finds nothing changed.
Run: .venv/bin/python bench/replica_sync.py --db postgresql://postgres@127.0.0.1:PORT/postgres [--attendees N]
"""

from __future__ import annotations

import argparse
import os
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
            from checkin.door import service as door
            from checkin.stations import replica
            from checkin.stations.connection import StationDatabase
            from checkin.events.service import get_event
            from checkin.staff import StaffMember

            station = StationDatabase(url, Path(folder) / "replica.sqlite3", station="Door 1",
                                      clock=lambda: RACE_AT)
            t = time.perf_counter()
            first = station.open()
            first_s = time.perf_counter() - t
            door.scan(tokens[0], event=get_event("race-2025"), session_run="S1", direction="in", station="Door 1",
                      staff=StaffMember("Marshal", "marshal"), now=RACE_AT)
            t = time.perf_counter()
            again = replica.sync_down(station.server, station.replica, station="Door 1", now=RACE_AT)
            again_s = time.perf_counter() - t
            t = time.perf_counter()
            same = replica.sync_down(station.server, station.replica, station="Door 1", now=RACE_AT)
            same_s = time.perf_counter() - t
            station.close()
        assert first.synced_at and again.copied and not same.copied
        print(f"{args.attendees:,} attendees: first copy {first_s * 1000:.0f} ms (signs every badge code), "
              f"refresh after a change {again_s * 1000:.0f} ms ({again.rows:,} rows), "
              f"nothing changed {same_s * 1000:.1f} ms")
        scale = f"{args.attendees:,} attendees, PostgreSQL server"
        emit(args, "replica_sync", {f"offline copy, first ({scale})": (first_s * 1000, "ms"),
                                    f"offline copy, refresh after one change ({scale})": (again_s * 1000, "ms"),
                                    f"offline copy, nothing changed ({scale})": (same_s * 1000, "ms")},
             keys={"replica_one_change_ms": again_s * 1000})
    finally:
        with psycopg.connect(args.db, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
