"""`checkin app --demo --screenshot DIR`: every main view, rendered from the real demo, to PNGs.

Works on a throwaway copy of the demo database, so making pictures never touches real data.
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from checkin.attendees import find, token_for
from checkin.store.schema import open_database
from checkin.events.demo import DEMO_STAFF, demo_examples, load_demo
from checkin.staff import authenticate
from checkin.stations.station import Station, StationSettings
from checkin.desk.tokens import make_token
from ui.desk import DeskView, DeskViewModel
from ui.door import DoorView, DoorViewModel
from ui.main_window import MainWindow
from ui.runner import JobRunner

SIZE = (1280, 800)


def _settle(runner: JobRunner, ms: int = 50) -> None:
    loop = QEventLoop()
    if runner.in_flight:
        runner.idle.connect(loop.quit)
        QTimer.singleShot(10_000, loop.quit)
        loop.exec()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _grab(widget, path: Path) -> Path:
    QApplication.processEvents()
    widget.grab().save(str(path))
    return path


def render_screenshots(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        database = open_database(str(Path(tmp) / "screens.sqlite3"))
        load_demo()
        name, _, pin = next(s for s in DEMO_STAFF if s[1] == "organiser")
        organiser = authenticate(name, pin)
        station = Station(StationSettings(station_name="Desk 1", printer_queue="", event_code="aif-2025"), organiser)
        event = station.event()
        runner = JobRunner(database)
        written = []

        vm = DeskViewModel(runner, station)
        view = DeskView(vm)
        window = MainWindow(runner, station, [("Desk", view)], database_label="SQLite demo.sqlite3",
                            counts=station.counts)
        window.resize(*SIZE)
        window.show()
        _settle(runner)
        written.append(_grab(window, out / "desk-idle.png"))

        examples = demo_examples(event)

        def shoot(token: str, filename: str) -> None:
            vm.scan(token)
            _settle(runner)
            written.append(_grab(window, out / filename))
            vm.dismiss()

        ready = token_for(find(event, examples["adult_ready"]))
        shoot(ready, "desk-checked-in.png")
        shoot(ready, "desk-already-checked-in.png")
        if "needs_safeguarding" in examples:
            vm.scan(token_for(find(event, examples["needs_safeguarding"])))
            _settle(runner)
            written.append(_grab(window, out / "desk-safeguarding.png"))
            vm.confirm_safeguarding()
            _settle(runner)
            written.append(_grab(window, out / "desk-safeguarding-confirmed.png"))
            vm.dismiss()
        if "minor_without_consent" in examples:
            shoot(token_for(find(event, examples["minor_without_consent"])), "desk-guardian-consent.png")
        if "minor_ready" in examples:
            shoot(token_for(find(event, examples["minor_ready"])), "desk-young-person.png")
        shoot(ready[:-2] + ("AA" if ready[-2:] != "AA" else "BB"), "desk-invalid.png")
        shoot(make_token(bytes(event.private_key), bytes(event.public_key), event.code, 9_999_999, 1),
              "desk-unknown.png")
        from checkin.badges.reprint import reprint

        lost = find(event, examples["speaker_ready"])
        old = token_for(lost)
        reprint(lost.registration_id, event=event, by=organiser, reason="badge lost", station="Desk 2")
        shoot(old, "desk-revoked.png")
        shoot(make_token(bytes(event.private_key)[::-1], bytes(event.public_key)[::-1], "aif-2024", 12, 1),
              "desk-wrong-event.png")

        view.search_box.setText("nguy")
        vm.search("nguy")
        _settle(runner)
        written.append(_grab(window, out / "desk-search.png"))
        window.close()
        written += _door_screens(out, runner, event, organiser)
        written += _dialogs(out, runner)
        written += _console_screens(out, runner, event, organiser, Path(tmp))   # last: it purges the copy
        runner.wait()
        database.close()
    for path in written:
        print(path)
    return 0


def _door_screens(out: Path, runner: JobRunner, event, organiser) -> list[Path]:
    """The C1 workshop door: five minutes after the start, then after the standby release."""
    from checkin.desk.service import check_in_by_id
    from checkin.door.service import scan_by_id
    from checkin.events.service import find_session_run
    from checkin.store.models import Assignment, Attendee

    c1 = find_session_run(event, "C1")
    at = c1.starts + timedelta(minutes=5)
    clock = [at]
    registrants = [a.registration_id for a in Attendee.select().join(Assignment)
                   .where(Assignment.session == c1).order_by(Attendee.registration_id)]
    rerun = find_session_run(event, "C1/2")
    other_run = next(a.registration_id for a in Attendee.select().join(Assignment)
                     .where(Assignment.session == rerun).order_by(Attendee.registration_id))
    everyone = [a.registration_id for a in Attendee.select().where(Attendee.event == event).order_by(Attendee.id)]
    arrived = []
    for reg in registrants + everyone[:60] + [other_run]:
        if check_in_by_id(reg, event=event, station="Desk 1", staff=organiser, confirm_safeguarding=True,
                          now=at - timedelta(hours=5)).outcome in ("checked_in", "already_checked_in"):
            arrived.append(reg)
    station = Station(StationSettings(station_name="Door C1", event_code=event.code), organiser,
                      clock=lambda: clock[0])
    vm = DoorViewModel(runner, station)
    view = DoorView(vm)
    window = MainWindow(runner, station, [("Door", view)], database_label="SQLite demo.sqlite3")
    window.resize(*SIZE)
    window.show()
    vm.load_runs()
    _settle(runner)
    vm.choose_run("C1")
    _settle(runner)
    for reg in arrived[:20]:
        scan_by_id(reg, event=event, session_run="C1", direction="in", station="Door C1",
                               staff=organiser, now=at)
    vm.refresh()
    _settle(runner)
    written = [_grab(window, out / "door-idle.png")]

    def shoot(reg: str, filename: str) -> None:
        vm.scan(token_for(find(event, reg)))
        _settle(runner)
        written.append(_grab(window, out / filename))
        vm.dismiss()

    shoot(arrived[20], "door-admitted.png")
    shoot(other_run, "door-wrong-run.png")
    at = clock[0] = c1.starts + timedelta(minutes=c1.standby_release_minutes or 10, seconds=30)
    capacity = vm.state.capacity
    for reg in arrived[21:]:
        if vm.state.occupancy >= capacity:
            break
        scan_by_id(reg, event=event, session_run="C1", direction="in", station="Door C1", staff=organiser, now=at)
        vm.refresh()
        _settle(runner, 0)
    last = next(reg for reg in reversed(arrived) if reg not in registrants[:capacity] and reg != other_run)
    shoot(last, "door-full.png")
    window.close()
    return written


def _dialogs(out: Path, runner: JobRunner) -> list[Path]:
    """The sign-in and the organiser's approval and walk-in forms, as staff first meet them."""
    from checkin.staff import authenticate
    from ui.dialogs import ApprovalDialog, WalkInDialog
    from ui.signin import SignInDialog

    written = []
    signin = SignInDialog(runner, authenticate, StationSettings(station_name="Desk 2", printer_queue="BADGES"),
                          ["BADGES", "LABELS"])
    signin.name.setText("desk")
    signin.show()
    written.append(_grab(signin, out / "sign-in.png"))
    signin.close()
    approval = ApprovalDialog("reprint the badge of AIF-0042", "organiser")
    approval.show()
    written.append(_grab(approval, out / "dialog-approval.png"))
    approval.close()
    walk_in = WalkInDialog("organiser")
    walk_in.show()
    written.append(_grab(walk_in, out / "dialog-walk-in.png"))
    walk_in.close()
    return written


def _console_screens(out: Path, runner: JobRunner, event, organiser, tmp: Path) -> list[Path]:
    """The organiser console, during the C1 workshop on a morning of spread-out arrivals."""
    import csv

    from checkin.desk.service import check_in_by_id
    from checkin.events.service import find_session_run
    from checkin.store.models import Attendee, CheckIn
    from checkin.paths import assets_dir
    from checkin.timeutil import local
    from ui.console.audit import AuditView, AuditViewModel
    from ui.console.badges import BatchView, BatchViewModel
    from ui.console.dashboard import DashboardView, DashboardViewModel
    from ui.console.exports import ExportsView, ExportsViewModel
    from ui.console.import_wizard import ImportView, ImportViewModel
    from ui.console.purge import PurgeView, PurgeViewModel
    from ui.console.staff import StaffView, StaffViewModel

    c1 = find_session_run(event, "C1")
    now = c1.starts + timedelta(minutes=12)
    morning = local(now, event.timezone).replace(hour=7, minute=50, second=0, microsecond=0)
    waiting = [a.registration_id for a in Attendee.select().where(Attendee.event == event).order_by(Attendee.id)
               if not CheckIn.select().where(CheckIn.attendee == a).exists()]
    # A morning's queue: slow at first, a rush before the opening plenary, then stragglers.
    for i, reg in enumerate(waiting[: int(len(waiting) * 0.8)]):
        minutes = (i * 7919) % 100 if i % 3 else 35 + (i * 31) % 30
        check_in_by_id(reg, event=event, station=f"Desk {1 + i % 3}", staff=organiser, confirm_safeguarding=True,
                       now=morning + timedelta(minutes=minutes, seconds=i % 60))
    station = Station(StationSettings(station_name="Back office", event_code=event.code), organiser,
                      clock=lambda: now)
    written = []

    def page(title, vm, view, filename, before=None):
        window = MainWindow(runner, station, [(title, view)], database_label="SQLite demo.sqlite3")
        window.resize(*SIZE)
        window.show()
        if before:
            before()
        _settle(runner, 150)
        written.append(_grab(window, out / filename))
        return window

    dash = DashboardViewModel(runner, station)
    window = page("Dashboard", dash, DashboardView(dash), "console-dashboard.png", dash.refresh)
    window.close()

    source = assets_dir() / "events" / "aif-2025" / "attendees.csv"
    rows = list(csv.reader(source.open(encoding="utf-8")))
    rows[0][rows[0].index("email")] = "E-mail address"
    org = rows[0].index("organisation")
    for row in rows[1:4]:
        row[org] = row[org] + " (Secretariat)"
    bad = list(rows[-1])
    bad[0], bad[rows[0].index("role")] = "AIF-9999", "guest"
    updated = tmp / "registrations-updated.csv"
    with updated.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows + [bad])
    imp = ImportViewModel(runner, station)
    view = ImportView(imp)
    window = page("Import", imp, view, "console-import-columns.png", lambda: imp.open(str(updated)))
    imp.choose_column("email", "E-mail address")
    imp.check()
    _settle(runner, 150)
    written.append(_grab(window, out / "console-import-check.png"))
    window.close()

    batch = BatchViewModel(runner, station, ["Badges-Desk1", "Badges-Desk2"])
    batch.choose(desk_split=3, destination="pdf")
    batch._set(replace(batch.state, running=True, done=212, total=480, message="Rendering 212 of 480…"))
    window = page("Batch print", batch, BatchView(batch), "console-batch.png")
    window.close()

    exports = ExportsViewModel(runner, station)
    window = page("Exports", exports, ExportsView(exports), "console-exports.png",
                  lambda: exports.export(str(tmp / "aif-2025-attendance.xlsx")))
    window.close()

    staff = StaffViewModel(runner, station)
    window = page("Staff", staff, StaffView(staff), "console-staff.png", staff.load)
    window.close()

    audit = AuditViewModel(runner, station)
    view = AuditView(audit)
    window = page("Audit log", audit, view, "console-audit.png", lambda: (audit.filter(kind="door.scan"), audit.verify()))
    window.close()

    purge = PurgeViewModel(runner, station)
    view = PurgeView(purge)
    window = page("Purge", purge, view, "console-purge.png",
                  lambda: (purge.load(), purge.type_code(event.code)))
    purge.purge()
    _settle(runner, 150)
    written.append(_grab(window, out / "console-purge-done.png"))
    window.close()
    return written
