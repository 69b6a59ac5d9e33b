"""The station window as sign-in builds it: the views follow the role, scans go to the view on screen."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from checkin.attendees import find, token_for  # noqa: E402
from checkin.store.models import CheckIn, DoorScan  # noqa: E402
from checkin.staff import authenticate  # noqa: E402
from checkin.stations.station import Station, StationSettings  # noqa: E402
from test_door import door_event  # noqa: E402,F401  (fixture)
from ui.app import build_window  # noqa: E402
from ui.runner import JobRunner  # noqa: E402
from keys import scanner_types  # noqa: E402
from ui.scanner import ScanCatcher  # noqa: E402
from ui.signin import SignInDialog  # noqa: E402
from ui.sounds import Sounds  # noqa: E402

TWO_PM = datetime(2025, 11, 18, 14, 2, tzinfo=ZoneInfo("Asia/Kuala_Lumpur"))


@pytest.fixture
def station_window(qtbot, qapp, db, door_event, desk_staff):  # noqa: F811
    made = []

    def make(role: str):
        settings = StationSettings(station_name="Station 1", event_code="door-2025")
        station = Station(settings, desk_staff[role], clock=lambda: TWO_PM)
        runner = JobRunner(db)
        catcher = ScanCatcher(qapp)
        sounds = Sounds(qapp, enabled=False)
        window = build_window(runner, station, database_url="checkin.sqlite3", sounds=sounds, catcher=catcher)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=2000)   # scans are caught where the focus is
        made.append((window, runner, catcher))
        return window, runner, sounds
    yield make
    for window, runner, catcher in made:
        runner.wait()
        qapp.removeEventFilter(catcher)
        window.close()
        window.deleteLater()


def tab_titles(window):
    return [window.tabs.tabText(i) for i in range(window.tabs.count())]


def test_the_views_follow_the_role(station_window):
    assert tab_titles(station_window("marshal")[0]) == ["Door"]
    assert tab_titles(station_window("desk")[0]) == ["Desk", "Door"]
    assert tab_titles(station_window("organiser")[0])[:2] == ["Desk", "Door"]


def test_a_scan_goes_to_the_view_on_screen(qtbot, station_window, door_event):  # noqa: F811
    window, runner, sounds = station_window("desk")
    qtbot.waitUntil(lambda: runner.in_flight == 0, timeout=5000)
    desk_view, door_view = window.tabs.widget(0), window.tabs.widget(1)
    window.tabs.setCurrentWidget(door_view)
    qtbot.waitUntil(lambda: door_view.vm.state.run_code == "R1", timeout=5000)
    door_view.runs.setFocus()
    with qtbot.waitSignal(runner.idle, timeout=5000):
        scanner_types(door_view.runs, token_for(find(door_event, "D-01")))
    assert door_view.vm.state.result.outcome == "admitted"
    assert DoorScan.select().count() == 1 and desk_view.vm.state.result is None
    assert sounds.played[-1] == "welcome"
    window.tabs.setCurrentWidget(desk_view)
    before = CheckIn.select().count()
    desk_view.search_box.setFocus()
    with qtbot.waitSignal(runner.idle, timeout=5000):
        scanner_types(desk_view.search_box, token_for(find(door_event, "D-06")))
    assert desk_view.vm.state.result.outcome == "checked_in"
    assert CheckIn.select().count() == before + 1 and DoorScan.select().count() == 1


def test_sign_in_refuses_a_wrong_pin_then_signs_in_with_the_settings(qtbot, db, desk_staff):
    runner = JobRunner(db)
    dialog = SignInDialog(runner, authenticate, StationSettings(), ["BADGES"])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("Dara Desk")
    dialog.pin.setText("0000")
    with qtbot.waitSignal(runner.idle, timeout=5000):
        dialog.submit()
    assert "PIN" in dialog.error.text() and dialog.result() != SignInDialog.Accepted
    dialog.pin.setText("4826")
    dialog.station.setText("Desk 3")
    dialog.printer.setCurrentText("BADGES")
    dialog.use_camera.setChecked(True)
    with qtbot.waitSignal(dialog.signed_in, timeout=5000) as signed:
        dialog.submit()
    member, settings = signed.args
    assert member.name == "Dara Desk" and member.role == "desk"
    assert (settings.station_name, settings.printer_queue, settings.use_camera) == ("Desk 3", "BADGES", True)
    runner.wait()


def test_signing_out_asks_who_is_next_and_rebuilds_the_views(qtbot, qapp, db, door_event, desk_staff):  # noqa: F811
    """Ctrl+L: the desk clerk's window closes, the marshal signs in, and only the door is there;
    a scan then goes to the marshal's door, not to the closed desk."""
    from shiboken6 import isValid

    from ui.app import StationSession

    runner = JobRunner(db)
    catcher = ScanCatcher(qapp)
    sounds = Sounds(qapp, enabled=False)
    opened = []

    def open_window(member, chosen):
        window = build_window(runner, Station(chosen, member, clock=lambda: TWO_PM), database_url="checkin.sqlite3",
                              sounds=sounds, catcher=catcher)
        window.show()
        window.activateWindow()
        opened.append(window)
        return window

    session = StationSession(runner, StationSettings(station_name="Station 1", event_code="door-2025"), [],
                             catcher=catcher, open_window=open_window)
    try:
        dialog = session.ask()
        dialog.show()
        dialog.name.setText("Dara Desk")
        dialog.pin.setText("4826")
        with qtbot.waitSignal(dialog.signed_in, timeout=5000):
            dialog.submit()
        desk_window = session.window
        assert tab_titles(desk_window) == ["Desk", "Door"]
        assert desk_window.sign_out_action.shortcut().toString() == "Ctrl+L"
        qtbot.waitUntil(desk_window.isActiveWindow, timeout=2000)
        QTest.keyClick(desk_window, Qt.Key_L, Qt.ControlModifier)

        assert session.window is None and not desk_window.isVisible()
        dialog = session.dialog
        assert dialog.isVisible() and dialog.name.text() == "" and dialog.pin.text() == ""
        assert dialog.station.text() == "Station 1"   # the station stays what it was
        dialog.name.setText("Mona Marshal")
        dialog.pin.setText("5937")
        with qtbot.waitSignal(dialog.signed_in, timeout=5000):
            dialog.submit()
        door_window = session.window
        assert tab_titles(door_window) == ["Door"]
        assert "Mona Marshal" in door_window.windowTitle()
        qtbot.waitUntil(lambda: not isValid(desk_window), timeout=5000)   # the desk view is gone, not hidden

        door_view = door_window.tabs.widget(0)
        qtbot.waitUntil(lambda: door_view.vm.state.run_code == "R1", timeout=5000)
        qtbot.waitUntil(door_window.isActiveWindow, timeout=2000)
        before = CheckIn.select().count()
        door_view.runs.setFocus()
        with qtbot.waitSignal(runner.idle, timeout=5000):
            scanner_types(door_view.runs, token_for(find(door_event, "D-01")))
        assert door_view.vm.state.result.outcome == "admitted"
        assert DoorScan.select().count() == 1 and CheckIn.select().count() == before
    finally:
        runner.wait()
        qapp.removeEventFilter(catcher)
        for window in opened:
            if isValid(window):
                window.close()
                window.deleteLater()
        if session.dialog is not None:
            session.dialog.hide()
