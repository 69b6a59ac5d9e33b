"""The floor: the least a scan can cost on this machine, measured beside the real paths.

One scan at the floor is: an Ed25519 signature check, one indexed read of the person, one
insert (the check-in, or the door scan), one sha256-chained audit insert, and one fsync'd WAL
commit (synchronous=FULL), written with the sqlite3 module directly on the application's own
schema, 20,000 attendees and 200,000 audit rows. No rule is checked: it is what any correct
implementation must pay at least, so a figure divided by it says how much the rules and the
code around them cost.
Run: .venv/bin/python bench/floor.py [--attendees N] [--audit-rows N] [--scans N]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from figures import add_json_option, emit, percentile  # noqa: E402
from sqlcipher3 import dbapi2 as sqlcipher  # noqa: E402

from checkin.store.db import _raw_key, database_key  # noqa: E402


def build(folder: Path, attendees: int, audit_rows: int) -> tuple[str, list[str], object]:
    """The bench database (the same as scan_latency's): attendees imported, audit filled."""
    from scan_latency import MINI_EVENT, fill_audit, write_attendees

    from checkin.attendees import token_for
    from checkin.events.file import read_event_file
    from checkin.events.service import get_event, save_event
    from checkin.imports.importer import import_attendees
    from checkin.store.models import Attendee
    from checkin.store.schema import open_database

    path = folder / "floor.sqlite3"
    db = open_database(str(path))
    save_event(read_event_file(MINI_EVENT))
    event = get_event("mini-2025")
    write_attendees(folder / "a.csv", attendees)
    import_attendees(folder / "a.csv", event=event)
    fill_audit(audit_rows)
    people = list(Attendee.select().order_by(Attendee.id))
    tokens = [token_for(p) for p in people]
    key = bytes(event.public_key)
    db.close()
    return str(path), tokens, (key, event.code, event.id)


def floor_scans(path: str, tokens: list[str], event, scans: int, *, door: bool) -> list[float]:
    from checkin.desk.tokens import parse_token, verify_signature

    key, code, event_id = event
    # The station's own driver and key: the floor pays SQLCipher's page encryption as a scan does.
    conn = sqlcipher.connect(path, isolation_level=None)
    conn.execute(f'PRAGMA key = "{_raw_key(path, database_key(path))}"')
    conn.execute("PRAGMA journal_mode=wal")
    conn.execute("PRAGMA synchronous=full")
    # The floor is the commit alone: the WAL starts empty and no checkpoint runs inside a scan.
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA wal_autocheckpoint=0")
    if door:
        session_id = conn.execute("SELECT id FROM session WHERE event_id = ? LIMIT 1", (event_id,)).fetchone()[0]
    seq, prev = conn.execute("SELECT seq, hash FROM audit_head WHERE id = 1").fetchone()
    chosen = random.Random(3 if door else 2).sample(tokens, scans)
    timings = []
    for token in chosen:
        t0 = time.perf_counter()
        claims = parse_token(token)
        verify_signature(claims, key, code)
        conn.execute("BEGIN IMMEDIATE")
        row = conn.execute("SELECT id, registration_id, badge_serial FROM attendee WHERE id = ? AND event_id = ?",
                           (claims.attendee_id, event_id)).fetchone()
        now = datetime.now(timezone.utc).replace(tzinfo=None)
        if door:
            conn.execute("INSERT INTO door_scan (event_id, session_id, attendee_id, direction, outcome, at, station, "
                         "staff, standby, override_reason, override_by, annulled_by, annul_reason) "
                         "VALUES (?, ?, ?, 'in', 'admitted', ?, 'Door 1', 'bench', 0, '', '', '', '')",
                         (event_id, session_id, row[0], now))
        else:
            conn.execute("INSERT INTO check_in (attendee_id, at, station, staff, annulled_by, annul_reason) "
                         "VALUES (?, ?, 'Desk 1', 'bench', '', '')", (row[0], now))
        seq += 1
        detail = '{"outcome":"checked_in"}'
        digest = hashlib.sha256("\x1f".join([prev, str(seq), now.isoformat(), code, "Desk 1", "bench", "scan",
                                             row[1], detail]).encode("utf-8")).hexdigest()
        conn.execute("INSERT INTO audit_entry (seq, at, event_code, station, staff, kind, subject, detail, prev_hash, "
                     "hash) VALUES (?, ?, ?, 'Desk 1', 'bench', 'scan', ?, ?, ?, ?)",
                     (seq, now, code, row[1], detail, prev, digest))
        conn.execute("COMMIT")
        prev = digest
        timings.append((time.perf_counter() - t0) * 1000)
    # Leave the chain whole for whoever reads the file next.
    conn.execute("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", (seq, prev))
    conn.close()
    return timings


def measure(folder: Path, attendees: int, audit_rows: int, scans: int) -> dict[str, tuple[float, str]]:
    path, tokens, event = build(folder, attendees, audit_rows)
    desk = floor_scans(path, tokens, event, scans, door=False)
    door = floor_scans(path, tokens, event, scans, door=True)
    print(f"floor: {attendees:,} attendees, {audit_rows:,} audit rows, synchronous=FULL, WAL")
    print(f"{'':<8}{'n':>6}{'p50 ms':>10}{'p99 ms':>10}")
    for name, values in (("desk", desk), ("door", door)):
        print(f"{name:<8}{len(values):>6}{statistics.median(values):>10.3f}{percentile(values, 99):>10.3f}")
    scale = f"{attendees:,} attendees, {audit_rows:,} audit rows"
    return {f"floor desk scan p50 ({scale})": (statistics.median(desk), "ms"),
            f"floor desk scan p99 ({scale})": (percentile(desk, 99), "ms"),
            f"floor door admit p50 ({scale})": (statistics.median(door), "ms"),
            f"floor door admit p99 ({scale})": (percentile(door, 99), "ms")}


KEYS = {"floor_desk_p50_ms": "floor desk scan p50", "floor_desk_p99_ms": "floor desk scan p99",
        "floor_door_p50_ms": "floor door admit p50", "floor_door_p99_ms": "floor door admit p99"}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--attendees", type=int, default=20_000)
    ap.add_argument("--audit-rows", type=int, default=200_000)
    ap.add_argument("--scans", type=int, default=1_000)
    add_json_option(ap)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        figures = measure(Path(tmp), args.attendees, args.audit_rows, args.scans)
    emit(args, "floor", figures, keys={key: next(v for label, (v, _u) in figures.items() if label.startswith(prefix))
                                       for key, prefix in KEYS.items()})


if __name__ == "__main__":
    main()
