"""The door view driven as a marshal drives it, against a real SQLite file and the real core."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from checkin.attendees import find, token_for  # noqa: E402
from checkin.models import DoorScan  # noqa: E402
from checkin.station import Station, StationSettings  # noqa: E402
from test_door import door_event  # noqa: E402,F401  (fixture)
from ui.door import DoorView, DoorViewModel  # noqa: E402
from ui.runner import JobRunner  # noqa: E402
from ui.scanner import ScanCatcher  # noqa: E402

KL = ZoneInfo("Asia/Kuala_Lumpur")
TWO_PM = datetime(2025, 11, 18, 14, 2, tzinfo=KL)


@pytest.fixture
def door_view(qtbot, qapp, door_event, desk_staff, db):  # noqa: F811
    settings = StationSettings(station_name="Door C", event_code="door-2025")
    station = Station(settings, desk_staff["marshal"], clock=lambda: TWO_PM)
    runner = JobRunner(db)
    vm = DoorViewModel(runner, station)
    view = DoorView(vm)
    view.resize(1100, 750)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow, timeout=2000)
    catcher = ScanCatcher(qapp)
    catcher.scanned.connect(vm.scan)
    with qtbot.waitSignal(runner.idle, timeout=5000):
        vm.load_runs()
    qtbot.waitUntil(lambda: runner.in_flight == 0, timeout=5000)
    yield view, vm, runner, door_event
    runner.wait()
    qapp.removeEventFilter(catcher)
    vm._reset.stop()
    view.close()
    view.deleteLater()


def scan(qtbot, view, runner, token):
    """Keys a few milliseconds apart and Enter: what a USB scanner types."""
    with qtbot.waitSignal(runner.idle, timeout=5000):
        QTest.keyClicks(view.runs, token, delay=1)
        QTest.keyClick(view.runs, Qt.Key_Return)


def test_the_run_picker_starts_on_the_run_open_now(door_view):
    view, vm, runner, event = door_view
    assert vm.state.run_code == "R1"                      # 14:02: the registration-only workshop
    assert view.runs.currentText().startswith("R1 · Tue 14:00–15:00")
    assert view.counter.text() == "0 / 2"


def test_scans_admit_until_full_then_an_organiser_overrides(qtbot, door_view):
    view, vm, runner, event = door_view
    scan(qtbot, view, runner, token_for(find(event, "D-01")))
    assert view.card.title.text() == "In" and view.counter.text() == "1 / 2"
    scan(qtbot, view, runner, token_for(find(event, "D-02")))
    assert view.counter.text() == "2 / 2" and "FULL" in view.seats.text()
    scan(qtbot, view, runner, token_for(find(event, "D-03")))
    assert vm.state.result.outcome == "full" and view.card.title.text() == "FULL"
    assert view.override_button.isVisible()
    assert DoorScan.select().where(DoorScan.outcome == "admitted").count() == 2

    view.ask_approval = lambda action: ("Mona Marshal", "5678", "speaker's assistant")
    with qtbot.waitSignal(runner.idle, timeout=5000):
        QTest.keyClick(view, Qt.Key_F7)
    assert vm.state.result is None and "organiser" in vm.state.error.lower()   # a marshal cannot override
    view.ask_approval = lambda action: ("Olivia Organiser", "9999", "speaker's assistant")
    scan(qtbot, view, runner, token_for(find(event, "D-03")))
    with qtbot.waitSignal(runner.idle, timeout=5000):
        QTest.keyClick(view, Qt.Key_F7)
    assert vm.state.result.outcome == "admitted" and view.counter.text() == "3 / 2"


def test_wrong_run_says_when_their_run_is(qtbot, door_view):
    view, vm, runner, event = door_view
    scan(qtbot, view, runner, token_for(find(event, "D-04")))
    assert view.card.title.text() == "Registered for the other run"
    assert "16:00" in view.card.detail.text()


def test_f3_turns_the_door_round_and_people_are_counted_out(qtbot, door_view):
    view, vm, runner, event = door_view
    token = token_for(find(event, "D-01"))
    scan(qtbot, view, runner, token)
    assert view.counter.text() == "1 / 2"
    QTest.keyClick(view, Qt.Key_F3)
    assert vm.state.direction == "out" and "OUT" in view.direction.text()
    scan(qtbot, view, runner, token)
    assert view.card.title.text() == "Out" and view.counter.text() == "0 / 2"
    scan(qtbot, view, runner, token)
    assert vm.state.result.outcome == "not_inside"


def test_not_checked_in_at_the_desk_is_refused(qtbot, door_view):
    view, vm, runner, event = door_view
    scan(qtbot, view, runner, token_for(find(event, "D-06")))
    assert view.card.title.text() == "Not checked in at the desk"
    assert not view.override_button.isVisible()
    assert view.counter.text() == "0 / 2"


def test_every_door_outcome_has_its_card(qtbot, door_view):
    from checkin.reprint import reprint
    from checkin.theme_words import OUTCOME_TITLES  # noqa: F401  (placeholder removed below)
