"""The door view driven as a marshal drives it, against a real SQLite file and the real core."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from checkin.attendees import find, token_for  # noqa: E402
from checkin.store.models import DoorScan  # noqa: E402
from checkin.stations.station import Station, StationSettings  # noqa: E402
from test_door import door_event  # noqa: E402,F401  (fixture)
from ui.door import DoorView, DoorViewModel  # noqa: E402
from ui.runner import JobRunner  # noqa: E402
from keys import scanner_types  # noqa: E402
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
        scanner_types(view.runs, token)


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

    view.ask_approval = lambda action: ("Mona Marshal", "5937", "speaker's assistant")
    with qtbot.waitSignal(runner.idle, timeout=5000):
        QTest.keyClick(view, Qt.Key_F7)
    assert vm.state.result is None and "organiser" in vm.state.error.lower()   # a marshal cannot override
    view.ask_approval = lambda action: ("Olivia Organiser", "314159", "speaker's assistant")
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



def test_every_door_outcome_has_its_own_card(qtbot, door_view, desk_staff):
    from datetime import timedelta

    from checkin.badges.reprint import reprint
    from checkin.desk.tokens import make_token
    from ui.theme import LOOKS

    view, vm, runner, event = door_view
    token = token_for(find(event, "D-01"))
    seen = {}

    def shows(outcome_token):
        scan(qtbot, view, runner, outcome_token)
        r = vm.state.result
        seen[r.outcome] = view.card.title.text()
        return r.outcome

    assert shows(token) == "admitted"
    assert shows(token) == "already_inside"
    assert shows(token_for(find(event, "D-05"))) == "not_registered"     # not assigned, before standby
    assert shows(token[:-3] + ("AAA" if token[-3:] != "AAA" else "BBB")) == "invalid_token"
    assert shows(make_token(bytes(event.private_key), bytes(event.public_key), event.code, 999_999, 1)) \
        == "unknown_attendee"
    old = token_for(find(event, "D-02"))
    reprint("D-02", event=event, by=desk_staff["organiser"], reason="lost", station="Desk 1", now=TWO_PM)
    assert shows(old) == "revoked" and vm.state.result.alert
    QTest.keyClick(view, Qt.Key_F3)
    assert shows(token) == "exited"
    assert shows(token) == "not_inside"
    QTest.keyClick(view, Qt.Key_F3)
    vm.station.clock = lambda: TWO_PM + timedelta(hours=3)            # after the run's end
    assert shows(token_for(find(event, "D-03"))) == "closed"
    for outcome, title in seen.items():
        assert title == LOOKS[outcome].title, outcome
    assert len(seen) == 9
