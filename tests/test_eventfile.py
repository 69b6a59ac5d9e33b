import re
from datetime import date, datetime, timezone

import pytest

from checkin.errors import InputError
from checkin.events.file import read_event_file
from conftest import FIXTURES, MINI_EVENT


def variant(tmp_path, old, new, count=1):
    """The mini event file with one edit, next to a copy of its policy file."""
    text = MINI_EVENT.read_text(encoding="utf-8")
    assert old in text
    (tmp_path / "mini-policy.md").write_text((FIXTURES / "mini-policy.md").read_text())
    path = tmp_path / "event.toml"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return path


def test_reads_sessions_with_runs_and_times():
    spec = read_event_file(MINI_EVENT)
    assert spec.code == "mini-2025"
    assert [s.run_code for s in spec.sessions] == ["P1", "C1", "C1/2"]
    c1 = spec.sessions[1]
    assert c1.registration_required and c1.capacity == 3 and c1.standby_release_minutes == 10
    assert c1.starts == datetime(2025, 11, 18, 6, 0, tzinfo=timezone.utc)
    assert spec.first_day() == date(2025, 11, 18)
    assert "alone with a child" in spec.policy_text


def test_shift_moves_the_first_day_keeping_local_times():
    spec = read_event_file(MINI_EVENT, start_on=date(2026, 3, 2))
    assert spec.first_day() == date(2026, 3, 2)
    c1 = spec.sessions[1]
    assert c1.starts.astimezone(c1.starts.tzinfo).hour == 14


@pytest.mark.parametrize("old,new,message", [
    ('room = "c-room"\ncapacity = 3\nregistration_required = true\nstandby', 'room = "d-room"\ncapacity = 3\nregistration_required = true\nstandby',
     r"C1: room 'd-room' is not among the \[\[rooms\]\] ids"),
    ('code = "C1"\nrun = 1', 'code = "C9"\nrun = 1', r"C1/2 is a re-run of C1, but C1 has no run 1"),
    ('starts = 2025-11-18T16:00:00+08:00', 'starts = 2025-11-18T15:00:00+08:00', r"C1 and C1/2 are both in room 'c-room'"),
    ('timezone = "Asia/Kuala_Lumpur"', 'timezone = "Asia/Kuala_Lumpurr"', r"unknown timezone 'Asia/Kuala_Lumpurr'"),
    ('policy_file = "mini-policy.md"', 'policy_file = "missing.md"', r"policy file 'missing.md' not found"),
    ('ends = 2025-11-18T10:00:00+08:00', 'ends = 2025-11-18T08:00:00+08:00', r"P1: ends before it starts"),
    ('capacity = 40', 'capacity = -4', r"capacity: give a whole number of at least 1"),
    ('[event]', '[event\n', r"not valid TOML"),
])
def test_clear_one_line_errors(tmp_path, old, new, message):
    with pytest.raises(InputError) as info:
        read_event_file(variant(tmp_path, old, new))
    assert re.search(message, str(info.value)), str(info.value)
    assert "\n" not in str(info.value)


def test_saving_twice_updates_in_place(event):
    from checkin.events.file import read_event_file
    from checkin.events.service import save_event
    from checkin.store.models import Session

    ids = sorted(s.id for s in Session.select())
    result = save_event(read_event_file(MINI_EVENT))
    assert not result.created
    assert sorted(s.id for s in Session.select()) == ids


def test_removing_an_assigned_session_is_refused(loaded, tmp_path):
    from checkin.events.service import save_event
    from checkin.store.models import Session

    text = MINI_EVENT.read_text()
    cut = text[: text.index('[[sessions]]\ncode = "C1"\nrun = 2')]
    (tmp_path / "mini-policy.md").write_text((FIXTURES / "mini-policy.md").read_text())
    (tmp_path / "e.toml").write_text(cut)
    with pytest.raises(InputError, match=r"C1/2 is no longer in the file but 1 attendees are assigned"):
        save_event(read_event_file(tmp_path / "e.toml"))
    assert Session.select().count() == 3
