"""One change notice: each Station operation says what it changed, and the window refreshes from
that notice instead of polling (one slow poll remains, for other stations)."""

from __future__ import annotations

from conftest import EVENT_MORNING


def test_operations_report_what_they_changed_and_refusals_and_reads_report_nothing(loaded, desk_staff):
    from checkin.attendees import find, token_for
    from checkin.stations.changes import Changes
    from checkin.stations.station import Station, StationSettings

    heard = []
    desk = Station(StationSettings(station_name="Desk 1", event_code="mini-2025"), desk_staff["organiser"],
                   clock=lambda: EVENT_MORNING, on_change=lambda changes, by: heard.append((changes, by)))
    token = token_for(find(loaded, "M-001"))
    assert desk.scan(token).outcome == "checked_in"
    assert heard == [(Changes(checkins=True), "scan")]
    assert desk.scan(token).outcome == "already_checked_in"     # nothing changed: no notice
    desk.search("nguyen")
    desk.counts()
    assert len(heard) == 1
    out = desk.check_in("M-005", confirm_safeguarding=True)     # agreed to this year's policy, then in
    assert out.outcome == "checked_in"
    assert heard[-1] == (Changes(checkins=True, attendees=True), "check_in")
    desk.add_staff("Eve Extra", "desk", "4071")
    assert heard[-1] == (Changes(staff=True), "add_staff")


def test_every_declared_change_names_a_station_operation():
    from checkin.stations.changes import MAY_CHANGE, Changes
    from checkin.stations.policy import POLICY

    assert set(MAY_CHANGE) <= set(POLICY)
    assert Changes(rooms=True) | Changes(staff=True) == Changes(rooms=True, staff=True)
    assert not Changes() and Changes.everything().event


def test_the_window_counts_a_check_in_from_its_notice_not_a_timer(qtbot, loaded, desk_staff, db):
    from checkin.attendees import find, token_for
    from checkin.stations.station import Station, StationSettings
    from ui.desk import DeskView, DeskViewModel
    from ui.main_window import OTHERS_SECONDS, MainWindow
    from ui.runner import JobRunner

    station = Station(StationSettings(station_name="Desk 1", event_code="mini-2025"), desk_staff["desk"],
                      clock=lambda: EVENT_MORNING)
    runner = JobRunner(db)
    vm = DeskViewModel(runner, station)
    window = MainWindow(runner, station, [("Desk", DeskView(vm))], database_label="SQLite test",
                        counts=station.counts)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.status_counts.text() == "Checked in: 0 / 5", timeout=5000)
    heard = []
    window.changed.connect(lambda changes, by: heard.append(by))
    with qtbot.waitSignal(runner.idle, timeout=5000):
        vm.scan(token_for(find(loaded, "M-001")))
    # Well inside the slow poll's interval: only the notice can have refreshed the count.
    qtbot.waitUntil(lambda: window.status_counts.text() == "Checked in: 1 / 5", timeout=3000)
    assert OTHERS_SECONDS * 1000 > 3000 and heard == ["scan"]
    runner.wait()
    window.close()
    assert station.on_change is None      # a closed window is told nothing more
