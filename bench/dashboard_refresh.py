"""Dashboard refresh time at event scale: 20,000 attendees and 100,000 scans (desk check-ins and
door scans), SQLite file, the figures the organiser console asks for every five seconds.

Run: .venv/bin/python bench/dashboard_refresh.py [--attendees N] [--scans N] [--repeat N]
"""

from __future__ import annotations

import argparse
import csv
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checkin.organiser.dashboard import snapshot  # noqa: E402
from figures import add_json_option, emit, percentile  # noqa: E402
from checkin.store.db import write_transaction  # noqa: E402
from checkin.store.schema import open_database  # noqa: E402
from checkin.events.file import read_event_file  # noqa: E402
from checkin.events.service import find_session_run, get_event, save_event  # noqa: E402
from checkin.imports.importer import bulk_insert, import_attendees  # noqa: E402
from checkin.store.models import Attendee, CheckIn, DoorScan, Presence, SessionOccupancy  # noqa: E402

MINI_EVENT = ROOT / "tests" / "fixtures" / "mini-event.toml"
KL = ZoneInfo("Asia/Kuala_Lumpur")
NOW = datetime(2025, 11, 18, 14, 10, tzinfo=KL)      # during C1


def write_attendees(path: Path, n: int) -> None:
    rnd = random.Random(7)
    countries = ["Malaysia", "Thailand", "Viet Nam", "Indonesia", "Philippines", "Singapore", "Cambodia",
                 "Lao PDR", "Myanmar", "Brunei Darussalam", "Japan", "Australia"]
    roles = ["delegate"] * 12 + ["speaker", "media", "staff", "organiser", "youth", "youth"]
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["registration_id", "given_name", "family_name", "organisation", "country", "role",
                    "date_of_birth", "guardian_consent", "chaperone", "safeguarding_agreed_at",
                    "safeguarding_policy_version", "sessions"])
        for i in range(n):
            role = rnd.choice(roles)
            young = role == "youth"
            agreed = "2025-10-01T10:00:00+08:00" if rnd.random() < 0.85 else ""
            w.writerow([f"B-{i:06}", f"Given{i}", f"Family{i % 997}", "Organisation", rnd.choice(countries), role,
                        f"{2008 + i % 5}-0{1 + i % 9}-1{i % 9}" if young else "", "yes" if young else "",
                        "Chaperone" if young else "", agreed, "2025-1" if agreed else "",
                        rnd.choice(["C1", "C1/2", "", "", "P1"])])


def fill_scans(event, scans: int) -> tuple[int, int]:
    """Desk check-ins for 80% of the list, the rest of `scans` as door scans at P1 and C1."""
    rnd = random.Random(11)
    people = [a for (a,) in Attendee.select(Attendee.id).where(Attendee.event == event).order_by(Attendee.id).tuples()]
    morning = datetime(2025, 11, 18, 7, 45, tzinfo=KL)
    arrived = people[: int(len(people) * 0.8)]
    desk = [{"attendee": a, "at": morning + timedelta(seconds=rnd.randrange(0, 3 * 3600)), "station": "Desk 1",
             "staff": "bench"} for a in arrived]
    with write_transaction():
        bulk_insert(CheckIn, desk)
    p1, c1 = find_session_run(event, "P1"), find_session_run(event, "C1")
    door_rows, presences = [], []
    scan_id = 0
    inside_c1 = set()
    for n in range(scans - len(desk)):
        person = arrived[n % len(arrived)]
        in_p1 = n < (scans - len(desk)) * 0.7
        session, start = (p1, datetime(2025, 11, 18, 8, 45, tzinfo=KL)) if in_p1 else \
            (c1, datetime(2025, 11, 18, 13, 40, tzinfo=KL))
        at = start + timedelta(seconds=rnd.randrange(0, 1800))
        direction = "in" if n % 4 else "out"
        door_rows.append({"event": event.id, "session": session.id, "attendee": person, "direction": direction,
                          "outcome": "admitted" if direction == "in" else "exited", "at": at, "station": "Door",
                          "staff": "bench"})
        scan_id += 1
        if direction == "in":
            open_now = session is c1 and person not in inside_c1 and len(inside_c1) < 400
            if open_now:
                inside_c1.add(person)
            presences.append({"attendee": person, "session": session.id, "entered_at": at, "entry_scan": scan_id,
                              "left_at": None if open_now else at + timedelta(minutes=30),
                              "exit_reason": "" if open_now else "out"})
    with write_transaction():
        bulk_insert(DoorScan, door_rows)
        bulk_insert(Presence, presences)
        SessionOccupancy.insert(session=c1.id, occupied=len(inside_c1)).on_conflict(
            conflict_target=[SessionOccupancy.session], update={SessionOccupancy.occupied: len(inside_c1)}).execute()
    return len(desk), len(door_rows)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--attendees", type=int, default=20_000)
    ap.add_argument("--scans", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=30)
    add_json_option(ap)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(str(Path(tmp) / "bench.sqlite3"))
        save_event(read_event_file(MINI_EVENT))
        event = get_event("mini-2025")
        write_attendees(Path(tmp) / "a.csv", args.attendees)
        import_attendees(Path(tmp) / "a.csv", event=event)
        desk, door = fill_scans(event, args.scans)
        db.close()
        db.connect()        # a cold connection, as a console starting up has
        timings = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            snap = snapshot(event, NOW)
            timings.append((time.perf_counter() - t0) * 1000)
    print(f"attendees {args.attendees:,}  desk check-ins {desk:,}  door scans {door:,}  (scans {desk + door:,})")
    print(f"snapshot: checked in {snap.checked_in:,}/{snap.registered:,}, {len(snap.arrivals)} arrival buckets, "
          f"{len(snap.sessions)} open runs, young present {snap.young_present:,}, no-shows {snap.no_shows:,}")
    print(f"dashboard refresh over {args.repeat} runs: first {timings[0]:.1f} ms, p50 {statistics.median(timings):.1f} ms, "
          f"p95 {percentile(timings, 95):.1f} ms, max {max(timings):.1f} ms")
    size = f"{args.attendees:,} attendees, {desk + door:,} scans"
    emit(args, "dashboard_refresh", {f"dashboard refresh p50 ({size})": (statistics.median(timings), "ms"),
                                     f"dashboard refresh p95 ({size})": (percentile(timings, 95), "ms")})


if __name__ == "__main__":
    main()
