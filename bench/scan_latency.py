"""Desk scan latency at event scale: 20,000 attendees, 200,000 audit rows, SQLite file.

Prints p50/p99 of the whole scan through the station's path (Station.scan: the event as the
station keeps it, verify token, decide, write check-in + audit, commit with synchronous=FULL,
the card's data) for fresh check-ins, duplicates and forged codes; the station's connection
checkpoints in the background, as the window's does.
Run: .venv/bin/python bench/scan_latency.py [--attendees N] [--audit-rows N] [--scans N]
"""

from __future__ import annotations

import argparse
import csv
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checkin.store import audit  # noqa: E402
from checkin.attendees import token_for  # noqa: E402
from checkin.store.db import write_transaction  # noqa: E402
from checkin.store.schema import open_database  # noqa: E402
from checkin.stations.station import Station, StationSettings  # noqa: E402
from checkin.events.file import read_event_file  # noqa: E402
from checkin.events.service import get_event, save_event  # noqa: E402
from checkin.imports.importer import import_attendees  # noqa: E402
from checkin.store.models import Attendee, AuditEntry, AuditHead  # noqa: E402
from checkin.staff import add_staff, authenticate  # noqa: E402
from checkin.timeutil import utcnow  # noqa: E402
from figures import add_json_option, emit, percentile  # noqa: E402

MINI_EVENT = ROOT / "tests" / "fixtures" / "mini-event.toml"


def write_attendees(path: Path, n: int) -> None:
    rnd = random.Random(7)
    given = ["Văn Đức", "Siti", "Aung", "Somchai", "Maria", "Wei Ming", "Dewi", "Sok", "Nur", "Joseph"]
    family = ["Nguyễn", "binti Ahmad", "", "Jaidee", "dela Cruz", "Tan", "Lestari", "Dara", "Rahman", "Lim"]
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["registration_id", "given_name", "family_name", "organisation", "country", "role",
                    "photo_consent", "safeguarding_agreed_at", "safeguarding_policy_version"])
        for i in range(n):
            agreed = "2025-10-01T10:00:00+08:00" if rnd.random() < 0.85 else ""
            w.writerow([f"B-{i:06}", rnd.choice(given), rnd.choice(family), "Organisation", "Malaysia",
                        "delegate", rnd.choice(["yes", "no"]), agreed, "2025-1" if agreed else ""])


def fill_audit(rows: int) -> None:
    """Append `rows` genuine chained entries quickly (one transaction, batched inserts)."""
    head = AuditHead.get_by_id(1)
    seq, prev = head.seq, head.hash
    now = utcnow()
    batch = []
    with write_transaction():
        for i in range(rows):
            seq += 1
            at = now - timedelta(seconds=rows - i)
            detail = '{"outcome":"checked_in"}'
            digest = audit._digest(prev, seq, at, "mini-2025", "Desk 1", "bench", "scan", f"B-{i:06}", detail)
            batch.append(dict(seq=seq, at=at, event_code="mini-2025", station="Desk 1", staff="bench", kind="scan",
                              subject=f"B-{i:06}", detail=detail, prev_hash=prev, hash=digest))
            prev = digest
            if len(batch) == 2000:
                AuditEntry.insert_many(batch).execute()
                batch = []
        if batch:
            AuditEntry.insert_many(batch).execute()
        AuditHead.update(seq=seq, hash=prev).where(AuditHead.id == 1).execute()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--attendees", type=int, default=20_000)
    ap.add_argument("--audit-rows", type=int, default=200_000)
    ap.add_argument("--scans", type=int, default=1_000)
    add_json_option(ap)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        open_database(str(Path(tmp) / "bench.sqlite3"), station=True)
        save_event(read_event_file(MINI_EVENT))
        event = get_event("mini-2025")
        write_attendees(Path(tmp) / "a.csv", args.attendees)
        t0 = time.perf_counter()
        import_attendees(Path(tmp) / "a.csv", event=event)
        import_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        fill_audit(args.audit_rows)
        fill_s = time.perf_counter() - t0
        add_staff("Bench", "organiser", "314159", by=None)
        staff = authenticate("Bench", "314159")
        station = Station(StationSettings(station_name="Desk 1", event_code="mini-2025"), staff)

        people = list(Attendee.select().order_by(Attendee.id))
        rnd = random.Random(11)
        chosen = rnd.sample(people, args.scans)
        tokens = [token_for(p) for p in chosen]
        timings: dict[str, list[float]] = {}
        for tok in tokens + tokens[: args.scans // 4]:  # a quarter scanned twice: duplicates
            t0 = time.perf_counter()
            result = station.scan(tok, confirm_safeguarding=True)
            timings.setdefault(result.outcome, []).append((time.perf_counter() - t0) * 1000)
        for tok in tokens[:200]:
            forged = tok[:-4] + ("AAAA" if tok[-4:] != "AAAA" else "BBBB")
            t0 = time.perf_counter()
            result = station.scan(forged)
            timings.setdefault(result.outcome, []).append((time.perf_counter() - t0) * 1000)
        audit_count = AuditEntry.select().count()

    print(f"attendees {args.attendees:,}  audit rows {audit_count:,}  (import {import_s:.2f} s, audit fill {fill_s:.1f} s)")
    print(f"{'outcome':<22}{'n':>6}{'p50 ms':>10}{'p99 ms':>10}")
    every = []
    for outcome, values in sorted(timings.items()):
        every += values
        print(f"{outcome:<22}{len(values):>6}{statistics.median(values):>10.2f}{percentile(values, 99):>10.2f}")
    print(f"{'all scans':<22}{len(every):>6}{statistics.median(every):>10.2f}{percentile(every, 99):>10.2f}")
    scale = f"{args.attendees:,} attendees, {audit_count:,} audit rows"
    fresh = timings.get("checked_in", [0.0])
    emit(args, "scan_latency", {f"desk scan p50, all scans ({scale})": (statistics.median(every), "ms"),
                                f"desk scan p99, all scans ({scale})": (percentile(every, 99), "ms"),
                                f"desk scan p50, fresh check-ins, station path ({scale})": (statistics.median(fresh), "ms"),
                                f"desk scan p99, fresh check-ins, station path ({scale})": (percentile(fresh, 99), "ms")},
         keys={"desk_scan_fresh_p50_ms": statistics.median(fresh), "desk_scan_fresh_p99_ms": percentile(fresh, 99)})


if __name__ == "__main__":
    main()
