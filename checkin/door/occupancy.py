"""Who is inside which session run, when its doors are open, and the room emptying at its end.

A session's end empties its room lazily: every door scan and every occupancy read first closes
the presences of runs that ended at or before `now`, as of their end time. The result depends
only on the clock given, so replaying a day with `--at` gives the same counts as living it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from checkin.door import seats
from checkin.door.decisions import doors_open
from checkin.store import sql
from checkin.store.db import write_transaction
from checkin.events.cache import session_run as session_run_of
from checkin.store.models import Attendee, Event, Presence, Room, Session, SessionOccupancy
from checkin.timeutil import utcnow


@dataclass(frozen=True)
class OccupancySnapshot:
    session_run: str
    title: str
    room: str
    starts: datetime
    ends: datetime
    is_open: bool
    occupancy: int
    capacity: int
    inside: list[str]          # registration ids, in order of entry

    @property
    def seats_left(self) -> int:
        return max(0, self.capacity - self.occupancy)

    def as_json(self) -> dict:
        return {"occupancy": self.occupancy, "capacity": self.capacity, "inside": list(self.inside),
                "seats_left": self.seats_left, "session_run": self.session_run, "title": self.title,
                "room": self.room, "starts": self.starts.isoformat(), "ends": self.ends.isoformat(),
                "is_open": self.is_open}


@dataclass(frozen=True)
class DoorRun:
    """One line of a door station's run picker."""

    session_run: str
    title: str
    room: str
    starts: datetime
    ends: datetime
    capacity: int
    occupancy: int
    is_open: bool
    registration_required: bool

    @property
    def code_run(self) -> str:
        return self.session_run

    def as_json(self) -> dict:
        return {"session_run": self.session_run, "title": self.title, "room": self.room,
                "starts": self.starts.isoformat(), "ends": self.ends.isoformat(), "capacity": self.capacity,
                "occupancy": self.occupancy, "is_open": self.is_open,
                "registration_required": self.registration_required}


def doors_open_at(session: Session, event: Event) -> datetime:
    return session.starts - timedelta(minutes=event.doors_open_minutes)


def is_open(session: Session, event: Event, now: datetime) -> bool:
    """Entries are accepted from `doors_open_minutes` before the start until the end."""
    return doors_open(session.starts, session.ends, event.doors_open_minutes, now)


# Asked on every door scan, so plain SQL (checkin/store/sql.py); the answer is nearly always none.
_ENDED = ("SELECT DISTINCT s.id, s.ends FROM session s JOIN presence p ON p.session_id = s.id "
          "WHERE s.event_id = ? AND s.ends <= ? AND p.left_at IS NULL ORDER BY s.id")


def _ended_with_people_inside(event: Event, now: datetime) -> list[Session]:
    return [Session(id=sid, ends=Session.ends.python_value(ends))
            for sid, ends in sql.all(_ENDED, (event.id, Session.ends.db_value(now)))]


def sweep_ended(event: Event, now: datetime) -> int:
    """Empty the rooms of runs that have ended; call inside the caller's write transaction.
    Returns how many presences it closed."""
    closed = 0
    ended = _ended_with_people_inside(event, now)
    seats.lock_in_order(*(s.id for s in ended))
    for session in ended:
        closed += (Presence.update(left_at=session.ends, exit_reason="session_ended")
                   .where((Presence.session == session.id) & Presence.left_at.is_null()).execute())
        seats.empty(session.id)
    return closed


def sweep_if_needed(event: Event, now: datetime) -> None:
    """For readers: take the write lock only when some room really needs emptying."""
    if _ended_with_people_inside(event, now):
        with write_transaction():
            sweep_ended(event, now)


def inside(session_id: int) -> list[str]:
    rows = (Attendee.select(Attendee.registration_id).join(Presence)
            .where((Presence.session == session_id) & Presence.left_at.is_null())
            .order_by(Presence.entered_at, Presence.id).tuples())
    return [r[0] for r in rows]


def snapshot(session: Session, event: Event, now: datetime) -> OccupancySnapshot:
    return OccupancySnapshot(
        session_run=session.run_code, title=session.title, room=session.room.name, starts=session.starts,
        ends=session.ends, is_open=is_open(session, event, now), occupancy=seats.occupied(session.id),
        capacity=seats.capacity_of(session), inside=inside(session.id))


def occupancy(session_run: str, *, event: Event, now: datetime | None = None) -> OccupancySnapshot:
    now = now or utcnow()
    # The run kept on the event, as the door's scans read it: the door view's poll finds it for them.
    session = session_run_of(event, session_run)
    sweep_if_needed(event, now)
    return snapshot(session, event, now)


def door_runs(event: Event, now: datetime | None = None) -> list[DoorRun]:
    """The event's runs for a door's picker: open now first, then coming up, then the ended ones
    (latest first)."""
    now = now or utcnow()
    sweep_if_needed(event, now)
    sessions = list(Session.select(Session, Room).join(Room).where(Session.event == event))
    counts = dict(SessionOccupancy.select(SessionOccupancy.session, SessionOccupancy.occupied)
                  .where(SessionOccupancy.session.in_([s.id for s in sessions])).tuples())

    def order(s: Session):
        if is_open(s, event, now):
            return (0, s.starts.timestamp(), s.code, s.run)
        if s.ends > now:
            return (1, s.starts.timestamp(), s.code, s.run)
        return (2, -s.starts.timestamp(), s.code, s.run)

    return [DoorRun(session_run=s.run_code, title=s.title, room=s.room.name, starts=s.starts, ends=s.ends,
                    capacity=seats.capacity_of(s), occupancy=counts.get(s.id, 0), is_open=is_open(s, event, now),
                    registration_required=s.registration_required)
            for s in sorted(sessions, key=order)]


_GENERIC_WORDS = {"door", "doors", "desk", "station", "room", "entrance", "exit", "in", "out", "the", "of"}


def for_station(station_name: str, runs: list[DoorRun]) -> list[DoorRun]:
    """The runs a door named for a session or room serves come first ("Door C1" → C1's runs,
    "Door Melati" → the runs in Meeting Room Melati), open ones first as before; the rest follow."""
    words = {w for w in re.split(r"[\s\-·:,]+", station_name.casefold()) if w and w not in _GENERIC_WORDS}
    if not words:
        return list(runs)

    def serves(run: DoorRun) -> bool:
        code = run.session_run.casefold()
        room_words = set(re.split(r"[\s()\-·:,]+", run.room.casefold()))
        return code in words or code.split("/")[0] in words or any(len(w) >= 3 and w in room_words for w in words)
    return sorted(runs, key=lambda r: not serves(r))
