"""Organiser exports and the end-of-day summary at event scale: the whole list (CSV and XLSX), the
no-shows, the per-session figures and the daily PDF, on a SQLite file with 20,000 attendees and
100,000 scans (the dashboard bench's data); then the same after the purge, from the kept counts.

Run: .venv/bin/python bench/report_speed.py [--attendees N] [--scans N]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from dashboard_refresh import MINI_EVENT, fill_scans, write_attendees  # noqa: E402
from figures import add_json_option, emit  # noqa: E402
from checkin.events.file import read_event_file  # noqa: E402
from checkin.events.service import get_event, save_event  # noqa: E402
from checkin.imports.importer import import_attendees  # noqa: E402
from checkin.organiser.daily_pdf import daily_report  # noqa: E402
from checkin.organiser.exports import export  # noqa: E402
from checkin.organiser.purge import purge  # noqa: E402
from checkin.staff import add_staff, authenticate  # noqa: E402
from checkin.store.schema import open_database  # noqa: E402

NOW = datetime(2025, 11, 18, 18, 0, tzinfo=ZoneInfo("Asia/Kuala_Lumpur"))


def timed(fn):
    t0 = time.perf_counter()
    result = fn()
    return result, (time.perf_counter() - t0) * 1000


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--attendees", type=int, default=20_000)
    ap.add_argument("--scans", type=int, default=100_000)
    add_json_option(ap)
    args = ap.parse_args()
    figures = {}
    size = f"{args.attendees:,} attendees, {args.scans:,} scans"
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        open_database(str(out / "bench.sqlite3"))
        save_event(read_event_file(MINI_EVENT))
        event = get_event("mini-2025")
        write_attendees(out / "a.csv", args.attendees)
        import_attendees(out / "a.csv", event=event)
        fill_scans(event, args.scans)
        add_staff("Bench Organiser", "organiser", "314159", by=None)
        org = authenticate("Bench Organiser", "314159")
        for label, fn in (
                ("export attendees csv", lambda: export("attendees", out / "a.csv", event=event, by=org, now=NOW)),
                ("export attendees xlsx", lambda: export("attendees", out / "a.xlsx", event=event, by=org, now=NOW)),
                ("export noshows csv", lambda: export("noshows", out / "n.csv", event=event, by=org, now=NOW)),
                ("export sessions csv", lambda: export("sessions", out / "s.csv", event=event, by=org, now=NOW)),
                ("daily report pdf", lambda: daily_report(event, str(out / "d.pdf"), by=org, now=NOW))):
            result, ms = timed(fn)
            rows = result["pages"] if isinstance(result, dict) else result.rows
            print(f"{label:<28} {ms:8.0f} ms   ({rows:,} {'pages' if isinstance(result, dict) else 'rows'})")
            figures[f"{label} ({size})"] = (ms, "ms")
        _, ms = timed(lambda: purge(event, confirmation=event.code, by=org, now=NOW))
        print(f"{'purge (keeps the counts)':<28} {ms:8.0f} ms")
        for label, fn in (
                ("after purge: sessions csv", lambda: export("sessions", out / "s2.csv", event=event, by=org, now=NOW)),
                ("after purge: daily pdf", lambda: daily_report(event, str(out / "d2.pdf"), by=org, now=NOW))):
            _, ms = timed(fn)
            print(f"{label:<28} {ms:8.0f} ms")
            figures[f"{label} ({size})"] = (ms, "ms")
    emit(args, "report_speed", figures)


if __name__ == "__main__":
    main()
