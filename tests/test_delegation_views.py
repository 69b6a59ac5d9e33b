"""The delegation panel at the desk and the focal point's page, driven against a real SQLite
file with the real core; screenshots for a look (CHECKIN_SHOTS=DIR)."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from checkin.attendees import find, token_for
from checkin.desk.service import check_in_by_id
from checkin.door.service import scan_by_id
from checkin.stations.station import Station, StationSettings
from checkin.store.models import CheckIn
from delegation_data import MORNING, delegations, people  # noqa: F401
from ui.console.safeguarding import FocalPointView, FocalPointViewModel
from ui.delegation import attach_delegation
from ui.desk import DeskView, DeskViewModel
from ui.fonts import load_bundled_fonts
from ui.runner import JobRunner


def shots(tmp_path) -> Path:
    folder = Path(os.environ.get("CHECKIN_SHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class BatchPrinter:
    def __init__(self):
        self.batches = []

    def __call__(self, ids):
        self.batches.append(list(ids))
        return ids


@pytest.fixture
def desk(qtbot, qapp, delegations, people, db):  # noqa: F811
    load_bundled_fonts(qapp)
    printer = BatchPrinter()
    station = Station(StationSettings(station_name="Desk 1", event_code="deleg-2025"), people["desk"],
                      clock=lambda: MORNING)
    runner = JobRunner(db)
    vm = DeskViewModel(runner, station)
    view = DeskView(vm)
    attach_delegation(view, runner, station, print_badges=printer)
    view.resize(1200, 700)
    view.show()
    qtbot.waitExposed(view)
    yield view, vm, runner, printer
    runner.wait()
    if getattr(view, "delegation_panel", None):
        view.delegation_panel.close()
    view.close()


def test_a_members_badge_opens_the_delegation_and_the_present_go_in_together(qtbot, desk, delegations, tmp_path):  # noqa: F811,E501
    view, vm, runner, printer = desk
    with qtbot.waitSignal(runner.idle, timeout=5000):
        vm.scan(token_for(find(delegations, "D-Y2")))      # Budi: guardian consent missing
    assert vm.state.result.outcome == "needs_guardian_consent"
    assert view.delegation_button.isVisible() and "ID-YOUTH" in view.delegation_button.text()
    with qtbot.waitSignal(runner.idle, timeout=5000):
        view.delegation_button.click()
    panel = view.delegation_panel
    names = [panel.members.item(r, 2).text() for r in range(panel.members.rowCount())]
    assert names == ["Dewi Lestari", "Agus", "Budi", "Siti"]          # delegation order; youth names only
    assert panel.members.item(2, 5).text() == "guardian consent missing"
    panel.members.item(1, 1).setCheckState(Qt.Checked)             # Agus agrees to the policy now
    panel.grab().save(str(shots(tmp_path) / "desk-delegation.png"))
    with qtbot.waitSignal(runner.idle, timeout=5000):
        panel.check_in_button.click()
    qtbot.waitUntil(lambda: panel.vm.state.printed == "printed", timeout=5000)
    assert printer.batches == [["D-CH1", "D-Y3", "D-Y1"]]            # one batch, delegation order
    assert {c.attendee.registration_id for c in CheckIn.select()} == {"D-CH1", "D-Y3", "D-Y1"}
    assert "guardian consent" in panel.members.item(2, 7).text()     # Budi left out, told why
    panel.grab().save(str(shots(tmp_path) / "desk-delegation-done.png"))


def test_the_focal_points_page_flags_who_is_out_of_a_room(qtbot, qapp, delegations, people, db, tmp_path):  # noqa: F811
    load_bundled_fonts(qapp)
    for reg in ("D-CH1", "D-Y1", "D-Y4"):
        check_in_by_id(reg, event=delegations, station="Desk 1", staff=people["desk"], now=MORNING)
    for reg, direction, minutes in (("D-Y1", "in", 10), ("D-Y4", "in", 12), ("D-Y4", "out", 30)):
        scan_by_id(reg, event=delegations, session_run="P1", direction=direction, station="Door Hall",
                   staff=people["marshal"], now=MORNING + timedelta(minutes=minutes))
    station = Station(StationSettings(station_name="Focal point", event_code="deleg-2025"), people["focal"],
                      clock=lambda: MORNING + timedelta(minutes=55))
    runner = JobRunner(db)
    vm = FocalPointViewModel(runner, station)
    view = FocalPointView(vm)
    view.resize(1200, 500)
    view.show()
    with qtbot.waitSignal(runner.idle, timeout=5000):
        vm.load()
    rows = [[view.people.item(r, c).text() for c in range(3)] for r in range(view.people.rowCount())]
    assert rows == [["Vanna", "KH-YOUTH", "Sokha Chan"], ["Siti", "ID-YOUTH", "Dewi Lestari"]]
    assert "UNACCOUNTED FOR 25 MIN" in view.people.item(0, 3).text()
    assert view.people.item(0, 3).foreground().color().name().upper() == "#B3261E"
    assert "1 NOW" in view.summary.text()
    with qtbot.waitSignal(runner.idle, timeout=5000):
        view.ask.setText("D-Y1")
        view.ask.returnPressed.emit()
    assert view.answer.text().startswith("D-Y1 (Siti): in Main Hall (P1) since 08:40")
    view.grab().save(str(shots(tmp_path) / "console-young-people.png"))
    with qtbot.waitSignal(runner.idle, timeout=5000):
        view.delegation.setCurrentText("ID-YOUTH")
        view.delegation.activated.emit(1)
    assert view.people.rowCount() == 1
    runner.wait()
    view.close()


def test_the_focal_point_signs_in_to_the_young_people_page_only(qtbot, qapp, delegations, people, db):  # noqa: F811
    from ui.app import build_window
    from ui.scanner import ScanCatcher
    from ui.sounds import Sounds

    load_bundled_fonts(qapp)
    station = Station(StationSettings(station_name="Focal point", event_code="deleg-2025"), people["focal"],
                      clock=lambda: MORNING)
    runner = JobRunner(db)
    catcher = ScanCatcher(qapp)
    window = build_window(runner, station, database_url="checkin.sqlite3", sounds=Sounds(qapp, enabled=False),
                          catcher=catcher)
    try:
        assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == ["Young people"]
        runner.wait()
    finally:
        qapp.removeEventFilter(catcher)
        window.close()
