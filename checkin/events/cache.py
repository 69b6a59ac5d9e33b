"""The event as a station keeps it between scans: read once, re-read only when it changed.

Every change to an event goes through `save_event`, which writes a new stamp to Meta
(`event_stamp:CODE`). A station asks for the stamp with one small plain-SQL read per scan and
keeps the Event it read last while the stamp holds; what scans derive from the event (its first
day, its session runs with their rooms, the run codes by session id) is kept on that Event
instance, so a freshly read Event starts with nothing cached. The cache is per database: a
station switching between the server and its offline copy keeps one entry for each.
"""

from __future__ import annotations

from datetime import date

from checkin.events.service import LAST_EVENT_KEY, STAMP_PREFIX, find_session_run, first_day, get_event
from checkin.store import sql
from checkin.store.db import database
from checkin.store.models import Event, Session
from checkin.timeutil import local

_STAMP = ("SELECT e.code, (SELECT value FROM meta WHERE key = ? || e.code) FROM event e "
          f"WHERE e.code = COALESCE(?, (SELECT value FROM meta WHERE key = '{LAST_EVENT_KEY}'))")
_RUNS = "SELECT id, code, run FROM session WHERE event_id = ? ORDER BY starts, id"

# (id of the database, event code) -> (stamp, Event)
_events: dict[tuple[int, str], tuple[str | None, Event]] = {}


def current_event(code: str | None = None) -> Event:
    """The same answer as `get_event(code)`, from the station's copy while the event is unchanged."""
    row = sql.one(_STAMP, (STAMP_PREFIX, code or None))
    if row is None:
        return get_event(code)          # its error says what is missing
    key = (id(database.obj), row[0])
    held = _events.get(key)
    if held is not None and row[1] is not None and held[0] == row[1]:
        return held[1]
    event = get_event(row[0])
    _events[key] = (row[1], event)
    return event


def _kept(event: Event) -> dict:
    kept = event.__dict__.get("_kept")
    if kept is None:
        kept = event.__dict__["_kept"] = {}
    return kept


def event_first_day(event: Event) -> date | None:
    kept = _kept(event)
    if "first_day" not in kept:
        kept["first_day"] = first_day(event)
    return kept["first_day"]


def session_run(event: Event, run_code: str) -> Session:
    """`find_session_run`, kept: the run with its room."""
    runs = _kept(event).setdefault("runs", {})
    session = runs.get(run_code)
    if session is None:
        session = runs[run_code] = find_session_run(event, run_code)
    return session


def run_codes(event: Event) -> dict[int, tuple[int, str, str]]:
    """session id -> (order by start, session code, run code) for every run of the event."""
    kept = _kept(event)
    if "run_codes" not in kept:
        kept["run_codes"] = {sid: (n, code, Session(code=code, run=run).run_code)
                             for n, (sid, code, run) in enumerate(sql.all(_RUNS, (event.id,)))}
    return kept["run_codes"]


def sessions_of(event: Event, session_ids) -> tuple[str, ...]:
    """An attendee's run codes in order of start, from their assignments' session ids."""
    runs = run_codes(event)
    return tuple(runs[s][2] for s in sorted((s for s in session_ids if s in runs), key=lambda s: runs[s][0]))


def agenda_labels(event: Event, codes) -> tuple[str, ...]:
    """'Tue 14:00–15:30 · C1 · Room' for each run code: what the desk card lists so the clerk can
    tell the person where to go next (and see at a glance it is the right person)."""
    out = []
    for code in codes:
        s = session_run(event, code)
        out.append(f"{local(s.starts, event.timezone):%a %H:%M}–{local(s.ends, event.timezone):%H:%M} · {code} · "
                   f"{s.room.name}")
    return tuple(out)
