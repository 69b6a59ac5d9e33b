"""Several door stations on one SQLite file: a database to race on, and the station processes.

Shared by tests/test_door_concurrency.py and bench/door_latency.py. Each station is a separate
process (spawned, so nothing is inherited but arguments) with its own connection to the file.
"""

from __future__ import annotations

import csv
import multiprocessing
import time
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

RACE_EVENT = """
[event]
code = "race-2025"
name = "Race Forum"
timezone = "Asia/Kuala_Lumpur"
doors_open_minutes = 30
[safeguarding]
policy_version = "2025-1"
policy_file = "policy.md"
[[rooms]]
id = "room"
name = "Workshop Room"
capacity = {room_capacity}
{sessions}
"""
SESSION = """
[[sessions]]
code = "{code}"
title = "Workshop {code}"
starts = 2025-11-18T{hour:02d}:00:00+08:00
ends = 2025-11-18T{hour:02d}:50:00+08:00
room = "room"
capacity = {capacity}
"""
# Ten minutes into the first session, Kuala Lumpur time.
RACE_AT = datetime(2025, 11, 18, 2, 10, tzinfo=timezone.utc)


def build_race_db(folder: Path, *, attendees: int, capacity: int, sessions: int = 1,
                  db_url: str | None = None) -> tuple[str, list[str]]:
    """An event whose sessions S1, S2, … (one an hour from 10:00, up to 14) each seat `capacity`, and
    `attendees` people all checked in at the desk, in `db_url` (an empty database) or a new
    SQLite file in `folder`. Returns the database URL or path and the attendees' tokens."""
    from checkin.store.db import write_transaction
    from checkin.store.schema import open_database
    from checkin.events.file import read_event_file
    from checkin.events.service import get_event, save_event
    from checkin.imports.importer import import_attendees
    from checkin.store.models import Attendee, CheckIn
    from checkin.desk.tokens import make_token

    (folder / "policy.md").write_text("Never be alone with a child.\n", encoding="utf-8")
    blocks = "".join(SESSION.format(code=f"S{i + 1}", hour=10 + i, capacity=capacity) for i in range(sessions))
    (folder / "race.toml").write_text(RACE_EVENT.format(sessions=blocks, room_capacity=max(200, capacity)),
                                      encoding="utf-8")
    with (folder / "race.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["registration_id", "given_name", "family_name", "safeguarding_agreed_at",
                    "safeguarding_policy_version"])
        for i in range(attendees):
            w.writerow([f"R-{i:05}", "Guest", f"Number {i}", "2025-10-01T10:00:00+08:00", "2025-1"])
    path = db_url or str(folder / "race.sqlite3")
    db = open_database(path)
    save_event(read_event_file(folder / "race.toml"))
    event = get_event("race-2025")
    import_attendees(folder / "race.csv", event=event)
    people = list(Attendee.select().where(Attendee.event == event).order_by(Attendee.id))
    with write_transaction():
        # Desk check-ins are set-up here, not what is measured: written in bulk.
        rows = [{"attendee": p.id, "at": RACE_AT, "station": "Desk", "staff": "setup"} for p in people]
        for start in range(0, len(rows), 2000):   # PostgreSQL takes at most 65,535 parameters a statement
            CheckIn.insert_many(rows[start:start + 2000]).execute()
    key, public = bytes(event.private_key), bytes(event.public_key)
    tokens = [make_token(key, public, event.code, p.id, p.badge_serial) for p in people]
    db.close()
    return path, tokens


def station(db_path: str, name: str, plan: list[tuple[str, str, str]], at_iso: str, barrier, results) -> None:
    """One door station: waits for the others, then scans its plan of (session run, token,
    direction) as fast as it can."""
    from checkin.store.schema import open_database
    from checkin.door.service import scan
    from checkin.events.service import get_event
    from checkin.staff import StaffMember

    db = open_database(db_path)
    event = get_event("race-2025")
    staff = StaffMember("Marshal", "marshal")
    now = datetime.fromisoformat(at_iso)
    outcomes: Counter = Counter()
    barrier.wait()
    started = time.perf_counter()
    for run, token, direction in plan:
        outcomes[scan(token, event=event, session_run=run, direction=direction, station=name, staff=staff,
                      now=now).outcome] += 1
    results.put((dict(outcomes), time.perf_counter() - started))
    db.close()


def race(db_path: str | Path, plans: list[list[tuple[str, str, str]]], at: datetime = RACE_AT) -> tuple[Counter, float]:
    """Run one station process per plan, all starting together; the summed outcomes and the
    wall time of the slowest station."""
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(len(plans))
    results = ctx.Queue()
    procs = [ctx.Process(target=station, args=(str(db_path), f"Door {n + 1}", plan, at.isoformat(), barrier, results))
             for n, plan in enumerate(plans)]
    for p in procs:
        p.start()
    total: Counter = Counter()
    slowest = 0.0
    for _ in procs:
        outcomes, seconds = results.get(timeout=300)
        total.update(outcomes)
        slowest = max(slowest, seconds)
    for p in procs:
        p.join(timeout=60)
        if p.exitcode != 0:
            raise RuntimeError(f"a station process failed with exit code {p.exitcode}")
    return total, slowest
