"""Fuzzing what strangers hand us: event files and spreadsheets. Whatever comes in, the answer is a
result or one line that says what to do, and a refused file changes nothing."""

import datetime as dt
import re
import shutil

import openpyxl
from hypothesis import HealthCheck, given, settings, strategies as st

from checkin.errors import InputError
from conftest import FIXTURES, MINI_EVENT

EVENT_LINES = MINI_EVENT.read_text(encoding="utf-8").splitlines()
ODD_VALUES = st.one_of(st.text(max_size=30), st.integers(-10**6, 10**6), st.booleans(),
                       st.sampled_from(['"C1"', "[]", "{}", '"Mars/Olympus"', "2025-02-30T10:00:00+08:00",
                                        "2025-11-18T16:00:00", '"no-such-room"', "-5", "1e9", '""']))


def _mutated(data) -> str:
    lines = list(EVENT_LINES)
    for _ in range(data.draw(st.integers(1, 4))):
        i = data.draw(st.integers(0, len(lines) - 1))
        action = data.draw(st.sampled_from(["drop", "value", "duplicate", "garbage"]))
        if action == "drop":
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, lines[i])
        elif action == "garbage":
            lines[i] = data.draw(st.text(max_size=40))
        elif "=" in lines[i]:
            key = lines[i].split("=", 1)[0]
            value = data.draw(ODD_VALUES)
            lines[i] = f"{key}= {value if isinstance(value, str) else repr(value).lower()}"
        if not lines:
            break
    return "\n".join(lines)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_event_file_is_read_or_refused_in_one_line(tmp_path, data):
    from checkin.events.file import read_event_file

    folder = tmp_path / "ev"
    folder.mkdir(exist_ok=True)
    shutil.copy(FIXTURES / "mini-policy.md", folder / "mini-policy.md")
    path = folder / "event.toml"
    path.write_text(_mutated(data), encoding="utf-8")
    try:
        spec = read_event_file(path)
    except InputError as exc:
        message = str(exc)
        assert message and "\n" not in message and len(message) < 400, message
    else:
        # What the reader promises of a file it accepts, and the database relies on:
        rooms = {room.key for room in spec.rooms}
        runs = [s.run_code for s in spec.sessions]
        assert re.fullmatch(r"[A-Za-z0-9._-]+", spec.code), spec.code
        assert len(runs) == len(set(runs)), runs                            # no session run twice
        for s in spec.sessions:
            assert s.ends > s.starts, s.run_code
            assert s.starts.tzinfo is not None and s.ends.tzinfo is not None, s.run_code
            assert s.room in rooms, (s.run_code, s.room)
            assert s.run == 1 or s.code in runs, s.run_code                 # a re-run has its first run
        by_room = {}
        for s in sorted(spec.sessions, key=lambda s: s.starts):
            assert s.room not in by_room or by_room[s.room].ends <= s.starts, s.run_code   # no overlap in a room
            by_room[s.room] = s


# openpyxl itself refuses control characters in cells, so a real export cannot hold them.
CELL_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), max_size=25)
CELLS = st.one_of(st.none(), CELL_TEXT, st.integers(-10**9, 10**9), st.floats(allow_nan=False),
                  st.booleans(), st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)),
                  st.sampled_from(["C1", "C1/2;A9", "yes", "no", "=1+1", "'+6012", "M-001", "  ", "\u3000"]))
HEADER = ["registration_id", "given_name", "family_name", "role", "date_of_birth", "guardian_consent",
          "photo_consent", "sessions", "safeguarding_agreed_at"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(CELLS, min_size=0, max_size=len(HEADER) + 2), min_size=1, max_size=6))
def test_any_spreadsheet_imports_whole_or_not_at_all(loaded, tmp_path, rows):
    from checkin.imports.importer import import_attendees
    from checkin.store.models import Attendee

    before = sorted(Attendee.select(Attendee.registration_id, Attendee.given_name, Attendee.updated_at).tuples())
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    path = tmp_path / "fuzz.xlsx"
    book.save(path)
    try:
        result = import_attendees(path, event=loaded)
    except InputError as exc:
        assert str(exc) and "\n" not in str(exc)
        result = None
    after = sorted(Attendee.select(Attendee.registration_id, Attendee.given_name, Attendee.updated_at).tuples())
    if result is None or result.errors:
        # Refused, or one bad row: nothing at all is written.
        assert result is None or not result.written
        assert after == before
        for error in (result.errors if result else ()):
            assert error.message and "\n" not in error.message
        return
    # Accepted: the whole file is in, each change counted, and nobody else touched.
    old = {reg: rest for reg, *rest in before}
    new = {reg: rest for reg, *rest in after}
    assert set(old) <= set(new)                                        # an import never removes anyone
    assert set(new) - set(old) == set(result.created_ids)
    assert {reg for reg in old if new[reg] != old[reg]} == set(result.updated_ids)
    assert (result.created, result.updated) == (len(result.created_ids), len(result.updated_ids))
    assert result.written or not (result.created or result.updated)
