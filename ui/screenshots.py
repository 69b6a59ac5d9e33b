"""`checkin app --demo --screenshot DIR`: every main view, rendered from the real demo, to PNGs.

Works on a throwaway copy of the demo database, so making pictures never touches real data.
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from checkin import scenes
from checkin.stations.opening import open_station
from checkin.stations.station import Station, StationSettings
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


def _call(runner: JobRunner, fn):
    """Run a core function on the runner's database thread and wait for its answer (the demo's
    data is set up there, never on this thread)."""
    answer = {}
    runner.submit(fn, lambda result: answer.setdefault("result", result), lambda error: answer.setdefault("error", error))
    while not answer:
        runner.wait(-1)
        QApplication.processEvents()
    if "error" in answer:
        raise answer["error"]
    return answer["result"]


def render_screenshots(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        opened = open_station(str(Path(tmp) / "screens.sqlite3"), station_name="Desk 1", demo_file=True)
        runner = JobRunner(opened.database)
        organiser = _call(runner, scenes.fresh_demo)
        station = Station(StationSettings(station_name="Desk 1", printer_queue="", event_code="aif-2025"), organiser)
        written = []

        vm = DeskViewModel(runner, station)
        view = DeskView(vm)
        window = MainWindow(runner, station, [("Desk", view)], database_label="SQLite demo.sqlite3",
                            counts=station.counts)
        window.resize(*SIZE)
        window.show()
        _settle(runner)
        written.append(_grab(window, out / "desk-idle.png"))
        tokens = _call(runner, lambda: scenes.desk_tokens(station.settings.event_code, organiser))

        def shoot(token: str, filename: str) -> None:
            vm.scan(token)
            _settle(runner)
            written.append(_grab(window, out / filename))
            vm.dismiss()

        shoot(tokens["ready"], "desk-checked-in.png")
        shoot(tokens["ready"], "desk-already-checked-in.png")
        if "needs_safeguarding" in tokens:
            vm.scan(tokens["needs_safeguarding"])
            _settle(runner)
            written.append(_grab(window, out / "desk-safeguarding.png"))
            vm.confirm_safeguarding()
            _settle(runner)
            written.append(_grab(window, out / "desk-safeguarding-confirmed.png"))
            vm.dismiss()
        if "minor_without_consent" in tokens:
            shoot(tokens["minor_without_consent"], "desk-guardian-consent.png")
        if "minor_ready" in tokens:
            shoot(tokens["minor_ready"], "desk-young-person.png")
        shoot(tokens["invalid"], "desk-invalid.png")
        shoot(tokens["unknown"], "desk-unknown.png")
        shoot(tokens["revoked"], "desk-revoked.png")
        shoot(tokens["wrong_event"], "desk-wrong-event.png")

        view.search_box.setText("nguy")
        vm.search("nguy")
        _settle(runner)
        written.append(_grab(window, out / "desk-search.png"))
        window.close()
        written += _door_screens(out, runner, station.settings.event_code, organiser)
        written += _dialogs(out, runner)
        written += _console_screens(out, runner, station.settings.event_code, organiser, Path(tmp))   # last: it purges
        runner.wait()
        opened.close()
    for path in written:
        print(path)
    return 0


def _door_screens(out: Path, runner: JobRunner, event_code: str, organiser) -> list[Path]:
    """The C1 workshop door: five minutes after the start, then after the standby release."""
    scene = _call(runner, lambda: scenes.door_scene(event_code, organiser, run="C1", station="Door C1"))
    clock = [scene.opened_at]
    station = Station(StationSettings(station_name="Door C1", event_code=event_code), organiser,
                      clock=lambda: clock[0])
    vm = DoorViewModel(runner, station)
    view = DoorView(vm)
    window = MainWindow(runner, station, [("Door", view)], database_label="SQLite demo.sqlite3")
    window.resize(*SIZE)
    window.show()
    vm.load_runs()
    _settle(runner)
    vm.choose_run(scene.run)
    _settle(runner)
    written = [_grab(window, out / "door-idle.png")]

    def shoot(token: str, filename: str) -> None:
        vm.scan(token)
        _settle(runner)
        written.append(_grab(window, out / filename))
        vm.dismiss()

    shoot(scene.admitted, "door-admitted.png")
    shoot(scene.wrong_run, "door-wrong-run.png")
    clock[0] = scene.released_at
    _call(runner, lambda: scenes.fill_room(event_code, scene, organiser, station="Door C1"))
    vm.refresh()
    _settle(runner, 0)
    shoot(scene.full, "door-full.png")
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


def _console_screens(out: Path, runner: JobRunner, event_code: str, organiser, tmp: Path) -> list[Path]:
    """The organiser console, during the C1 workshop on a morning of spread-out arrivals."""
    import csv

    from checkin.paths import assets_dir
    from ui.console.audit import AuditView, AuditViewModel
    from ui.console.badge_preview import BadgePreviewView, BadgePreviewViewModel
    from ui.console.badges import BatchView, BatchViewModel
    from ui.console.dashboard import DashboardView, DashboardViewModel
    from ui.console.exports import ExportsView, ExportsViewModel
    from ui.console.import_wizard import ImportView, ImportViewModel
    from ui.console.purge import PurgeView, PurgeViewModel
    from ui.console.staff import StaffView, StaffViewModel

    now = _call(runner, lambda: scenes.busy_morning(event_code, organiser, run="C1"))
    station = Station(StationSettings(station_name="Back office", event_code=event_code), organiser,
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

    preview = BadgePreviewViewModel(runner, station)
    window = page("Badge preview", preview, BadgePreviewView(preview), "console-badge-preview.png")
    preview.stop()
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
                  lambda: (purge.load(), purge.type_code(event_code)))
    purge.purge()
    _settle(runner, 150)
    written.append(_grab(window, out / "console-purge-done.png"))
    window.close()
    return written
