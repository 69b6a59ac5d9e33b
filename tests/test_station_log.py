"""The station log: registration ids and outcomes, tracebacks of failed jobs; never a name, a date
of birth, an email or a PIN; a file only its user can read."""

from __future__ import annotations

import csv
import stat

import pytest

from conftest import EVENT_MORNING, MINI_ATTENDEES


@pytest.fixture
def station_log(tmp_path):
    from checkin.stations.log import start_station_log, stop_station_log

    path = start_station_log("Desk 1", folder=tmp_path / "logs")
    yield path
    stop_station_log()


def _personal_data() -> list[str]:
    rows = list(csv.DictReader(MINI_ATTENDEES.open(encoding="utf-8")))
    found = [row[k] for row in rows for k in ("given_name", "family_name", "name_latin", "email", "date_of_birth")]
    return [value for value in found if value]


def test_a_scan_logs_its_registration_id_and_outcome_and_nothing_personal(loaded, desk_staff, station_log):
    from checkin.attendees import find, token_for
    from checkin.stations.station import Station, StationSettings

    desk = Station(StationSettings(station_name="Desk 1", event_code="mini-2025"), desk_staff["desk"],
                   clock=lambda: EVENT_MORNING)
    assert desk.scan(token_for(find(loaded, "M-001"))).outcome == "checked_in"
    assert desk.check_in("M-003").outcome == "checked_in"
    organiser = Station(desk.settings, desk_staff["organiser"], clock=lambda: EVENT_MORNING)
    with pytest.raises(Exception, match="already a staff member"):
        organiser.add_staff("Dara Desk", "desk", "4371")           # the message names her: not logged
    organiser.add_staff("Eve Extra", "desk", "2407")

    text = station_log.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert any(line.endswith("checkin.station: scan M-001 checked_in") for line in lines), text
    assert any(line.endswith("checkin.station: check_in M-003 checked_in") for line in lines), text
    assert any(line.endswith("add_staff refused (InputError)") for line in lines), text
    assert any(line.endswith("add_staff done") for line in lines), text
    personal = _personal_data() + ["Dara", "Eve", "Olivia", "4371", "2407", "4826", token_for(find(loaded, "M-001"))]
    assert [p for p in personal if p in text] == []
    assert stat.S_IMODE(station_log.stat().st_mode) == 0o600
    assert stat.S_IMODE(station_log.parent.stat().st_mode) == 0o700


def test_error_messages_are_scrubbed_of_quoted_values_emails_dates_and_digits():
    from checkin.stations.log import scrub

    line = scrub("duplicate key 'Nguyễn Văn Đức' for duc@example.org born 2011-04-02, PIN 4321")
    assert line == "duplicate key '…' for <email> born <date>, PIN <digits>"


def test_a_failing_job_is_logged_with_its_traceback_and_the_status_bar_says_so(qtbot, loaded, desk_staff,
                                                                               station_log):
    from checkin.stations.station import Station, StationSettings
    from ui.main_window import MainWindow
    from ui.runner import JobRunner

    person = "Nguyen Van Duc"

    def counts_that_break():
        raise RuntimeError(f"lost the table for {person!r}")

    station = Station(StationSettings(station_name="Desk 1", event_code="mini-2025"), desk_staff["desk"],
                      clock=lambda: EVENT_MORNING)
    runner = JobRunner()
    window = MainWindow(runner, station, [], database_label="SQLite test", counts=counts_that_break)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.status_failure.text().startswith("Counts failed at "), timeout=5000)
    runner.wait()

    text = station_log.read_text(encoding="utf-8")
    assert "ERROR checkin.window.runner: job " in text and "counts_that_break failed" in text
    assert "Traceback (most recent call last):" in text
    assert 'raise RuntimeError(f"lost the table for {person!r}")' in text   # the frame, as code
    assert "RuntimeError: lost the table for '…'" in text                    # the message, scrubbed
    assert "Nguyen" not in text
    assert "WARNING checkin.window.runner: counts failed (RuntimeError)" in text
    window.close()
