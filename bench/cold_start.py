"""Cold start: from launching the process to a signed-in desk window that takes scans.

The child does what `checkin app` does after sign-in (fonts, database, runner, sounds, scan
catcher, window shown) on a demo database made beforehand, then says READY; the parent times
process launch → READY. Each run is a fresh interpreter.
Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/cold_start.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from figures import add_json_option, emit  # noqa: E402

CHILD = r"""
import sys
from PySide6.QtWidgets import QApplication
from PySide6.QtTest import QTest
app = QApplication([])
from checkin.store.schema import open_database
from checkin.staff import authenticate
from checkin.stations.station import Station, StationSettings
from ui.app import build_window
from ui.fonts import load_bundled_fonts
from ui.runner import JobRunner
from ui.scanner import ScanCatcher
from ui.sounds import Sounds
load_bundled_fonts(app)
database = open_database(sys.argv[1])
runner = JobRunner(database)
station = Station(StationSettings(station_name="Desk 1", event_code="aif-2025"), authenticate("desk", "4826"))
window = build_window(runner, station, database_url=sys.argv[1], sounds=Sounds(app), catcher=ScanCatcher(app))
window.show()
QTest.qWaitForWindowExposed(window)
print("READY", flush=True)
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    add_json_option(ap)
    args = ap.parse_args()
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"), "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "demo.sqlite3")
        subprocess.run([sys.executable, "-m", "checkin", "--db", db, "demo"], check=True, capture_output=True,
                       env=env)
        times = []
        for run in range(args.runs):
            t0 = time.perf_counter()
            child = subprocess.Popen([sys.executable, "-c", CHILD, db], stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, text=True, env=env)
            for line in child.stdout:
                if line.startswith("READY"):
                    times.append(time.perf_counter() - t0)
                    break
            child.kill()
            child.wait()
            if len(times) < run + 1:
                raise SystemExit("the station never became ready")
    print(f"cold start to scan-ready (demo, 400 attendees): median {statistics.median(times):.2f} s, "
          f"max {max(times):.2f} s over {len(times)} runs")
    emit(args, "cold_start", {"cold start to a scan-ready desk window, median (demo, 400 attendees)":
                              (statistics.median(times), "s")})


if __name__ == "__main__":
    main()
