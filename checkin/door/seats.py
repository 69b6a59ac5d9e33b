"""A session run's seat counter: the one row every door of that run writes to.

Taking a seat is a single conditional `UPDATE … SET occupied = occupied + 1 WHERE … AND
occupied < capacity RETURNING occupied`: the database decides, so a read-then-write race
between doors cannot overbook (NOTES.md measured 1,565 admitted into 500 seats that way).
Callers hold a write transaction (IMMEDIATE on SQLite).
"""

from __future__ import annotations

import sqlite3

from checkin.store.db import database, is_sqlite
from checkin.store.models import Session, SessionOccupancy

# UPDATE … RETURNING arrived in SQLite 3.35; older libraries check the row count instead.
_SQLITE_RETURNING = sqlite3.sqlite_version_info >= (3, 35, 0)


def capacity_of(session: Session) -> int:
    """The smaller of the room's and the session's own capacity."""
    room = session.room.capacity
    return room if session.capacity is None else min(room, session.capacity)


def occupied(session_id: int) -> int:
    row = SessionOccupancy.select(SessionOccupancy.occupied).where(SessionOccupancy.session == session_id).first()
    return row.occupied if row else 0


def _step(session_id: int, delta: int, condition) -> int | None:
    """Apply `delta` where `condition` holds; the new count, or None if the row did not match."""
    query = SessionOccupancy.update(occupied=SessionOccupancy.occupied + delta).where(
        (SessionOccupancy.session == session_id) & condition)
    if _SQLITE_RETURNING or not is_sqlite(database.obj):
        rows = query.returning(SessionOccupancy.occupied).tuples().execute()
        return rows[0][0] if rows else None
    if query.execute() != 1:
        return None
    return occupied(session_id)


def _counter_missing(session_id: int) -> bool:
    """The counter row is made on a run's first admission; True if this call had to make it."""
    return bool(SessionOccupancy.insert(session=session_id, occupied=0).on_conflict_ignore().as_rowcount().execute())


def take_seat(session_id: int, capacity: int) -> int | None:
    """One more person inside if a seat is free: the new count, or None when full."""
    count = _step(session_id, 1, SessionOccupancy.occupied < capacity)
    if count is None:
        # No counter row yet, or full. Making the row (or, on PostgreSQL, waiting for the door that
        # is making it at this instant to commit) and asking once more tells the two apart: a door
        # that lost the race to create the row would otherwise answer "full" to an empty room.
        _counter_missing(session_id)
        count = _step(session_id, 1, SessionOccupancy.occupied < capacity)
    return count


def take_seat_past_capacity(session_id: int) -> int:
    """An organiser's override: counted like any admission, capacity or not."""
    count = _step(session_id, 1, SessionOccupancy.occupied >= 0)
    if count is None:
        _counter_missing(session_id)
        count = _step(session_id, 1, SessionOccupancy.occupied >= 0)
    return count


def free_seat(session_id: int) -> int:
    """One person fewer; never below zero."""
    count = _step(session_id, -1, SessionOccupancy.occupied > 0)
    return occupied(session_id) if count is None else count


def lock_in_order(*session_ids: int) -> None:
    """Take the counter rows' locks in one order (by id) before touching several of them.

    A person moving from room A to B while someone else moves from B to A would otherwise lock
    the two rows in opposite orders and deadlock on PostgreSQL. SQLite needs nothing: the
    IMMEDIATE transaction already holds the whole database.
    """
    if is_sqlite(database.obj):
        return
    for session_id in sorted(set(session_ids)):
        SessionOccupancy.update(occupied=SessionOccupancy.occupied).where(
            SessionOccupancy.session == session_id).execute()


def empty(session_id: int) -> None:
    SessionOccupancy.update(occupied=0).where(
        (SessionOccupancy.session == session_id) & (SessionOccupancy.occupied != 0)).execute()
