"""Desk: from the scanner's Enter to the result card painted on screen, at event scale.

20,000 attendees on a SQLite file; the real DeskView under Qt's offscreen platform; tokens typed
as key events through the app-wide scan catcher. Each figure is the time from the Enter key to
the first paint of the result card showing that scan's answer (core decision on the worker
thread, the queued result, the render, the paint).
Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/card_latency.py [--attendees N] [--scans N]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from checkin.attendees import token_for  # noqa: E402
from checkin.store.schema import open_database  # noqa: E402
from checkin.events.file import read_event_file  # noqa: E402
from checkin.events.service import get_event, save_event  # noqa: E402
from checkin.imports.importer import import_attendees  # noqa: E402
from checkin.store.models import Attendee  # noqa: E402
from checkin.staff import add_staff, authenticate  # noqa: E402
from checkin.stations.station import Station, StationSettings  # noqa: E402
from figures import add_json_option, emit, percentile  # noqa: E402
from scan_latency import MINI_EVENT, fill_audit, write_attendees  # noqa: E402
from ui.desk import DeskView, DeskViewModel  # noqa: E402
from ui.runner import JobRunner  # noqa: E402
from ui.scanner import ScanCatcher  # noqa: E402


class PaintWatch(QObject):
    """Notes when the card's first paint after `armed` has finished: a zero timer started at the
    Paint event fires once the paint (and the window's flush) is done and the loop is back."""

    def __init__(self):
        super().__init__()
        self.armed, self.painted_at, self._started = False, None, False

    def eventFilter(self, obj, event):  # noqa: N802
        if self.armed and event.type() == QEvent.Paint and not self._started:
            self._started = True
            QTimer.singleShot(0, self._done)
        return False

    def _done(self):
        self.painted_at = time.perf_counter()

    def arm(self):
        self.armed, self.painted_at, self._started = True, None, False


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--attendees", type=int, default=20_000)
    ap.add_argument("--scans", type=int, default=300)
    ap.add_argument("--audit-rows", type=int, default=200_000)
    add_json_option(ap)
    args = ap.parse_args()
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        database = open_database(str(Path(tmp) / "bench.sqlite3"), station=True)
        save_event(read_event_file(MINI_EVENT))
        event = get_event("mini-2025")
        write_attendees(Path(tmp) / "a.csv", args.attendees)
        import_attendees(Path(tmp) / "a.csv", event=event)
        fill_audit(args.audit_rows)
        add_staff("Bench", "organiser", "314159", by=None)
        staff = authenticate("Bench", "314159")
        people = random.Random(5).sample(list(Attendee.select()), args.scans)
        tokens = [token_for(p) for p in people]

        station = Station(StationSettings(station_name="Desk 1", event_code="mini-2025"), staff)
        runner = JobRunner(database)
        vm = DeskViewModel(runner, station)
        view = DeskView(vm)
        view.resize(1280, 800)
        view.show()
        QTest.qWaitForWindowExposed(view)
        catcher = ScanCatcher(app)
        catcher.scanned.connect(vm.scan)
        watch = PaintWatch()
        view.card.installEventFilter(watch)

        timings = []
        for token in tokens:
            vm.dismiss()
            app.processEvents()
            QTest.keyClicks(view.search_box, token, delay=0)
            watch.arm()
            t0 = time.perf_counter()
            QTest.keyClick(view.search_box, Qt.Key_Return)
            deadline = t0 + 5
            while watch.painted_at is None and time.perf_counter() < deadline:
                # Sleep in the event loop as the app does (a busy loop would hold the GIL the
                # database thread needs).
                app.processEvents(QEventLoop.WaitForMoreEvents)
            watch.armed = False
            if watch.painted_at is None:
                raise SystemExit("a result card was never painted: the desk view is broken")
            timings.append((watch.painted_at - t0) * 1000)
        runner.wait()

    print(f"attendees {args.attendees:,}  scans {len(timings)}  (offscreen platform)")
    print(f"Enter → result card painted: p50 {statistics.median(timings):.1f} ms  "
          f"p99 {percentile(timings, 99):.1f} ms  max {max(timings):.1f} ms")
    scale = f"{args.attendees:,} attendees, {args.audit_rows:,} audit rows, offscreen, to the end of the paint"
    emit(args, "card_latency", {f"Enter to result card painted p50 ({scale})": (statistics.median(timings), "ms"),
                                f"Enter to result card painted p99 ({scale})": (percentile(timings, 99), "ms")},
         keys={"card_p99_ms": percentile(timings, 99)})


if __name__ == "__main__":
    main()
