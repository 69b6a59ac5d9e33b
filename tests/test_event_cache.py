"""The event a station keeps between scans: re-read only when it changed, from any process."""

from __future__ import annotations

from dataclasses import replace

from checkin.events.cache import current_event, event_first_day, session_run
from checkin.events.file import read_event_file
from checkin.events.service import save_event
from checkin.store import sql
from conftest import EVENT_MORNING, MINI_EVENT


def test_the_event_is_kept_until_it_is_saved_again(loaded):
    first = current_event("mini-2025")
    assert current_event("mini-2025") is first and current_event(None) is first   # no re-read
    day = event_first_day(first)
    run = session_run(first, "C1")
    assert session_run(first, "C1") is run
    spec = read_event_file(MINI_EVENT)
    save_event(replace(spec, policy_version="2026-1"), now=EVENT_MORNING)   # same time: the stamp still moves
    again = current_event("mini-2025")
    assert again is not first and again.policy_version == "2026-1"
    assert event_first_day(again) == day and session_run(again, "C1") is not run


def test_a_change_written_by_another_program_is_seen(loaded):
    first = current_event("mini-2025")
    # Another station's save_event changes the stamp in the shared database.
    sql.execute("UPDATE meta SET value = 'elsewhere' WHERE key = 'event_stamp:mini-2025'")
    assert current_event("mini-2025") is not first
