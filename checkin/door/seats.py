"""A session run's seat counter: the one row every door of that run writes to.

Taking a seat is a single conditional `UPDATE … SET occupied = occupied + 1 WHERE … AND
occupied < capacity RETURNING occupied`: the database decides, so a read-then-write race
between doors cannot overbook (NOTES.md measured 1,565 admitted into 500 seats that way).
Callers hold a write transaction (IMMEDIATE on SQLite).
"""

from __future__ import annotations

from checkin.store import sql
from checkin.store.db import database, is_sqlite
from checkin.store.models import Session

# Plain SQL (checkin/store/sql.py): these run on every admission, often with doors queueing.
_OCCUPIED = "SELECT occupied FROM session_occupancy WHERE session_id = ?"
_TAKE = "UPDATE session_occupancy SET occupied = occupied + 1 WHERE session_id = ? AND occupied < ? RETURNING occupied"
_TAKE_ANY = "UPDATE session_occupancy SET occupied = occupied + 1 WHERE session_id = ? RETURNING occupied"
_FREE = "UPDATE session_occupancy SET occupied = occupied - 1 WHERE session_id = ? AND occupied > 0 RETURNING occupied"
_MAKE = "INSERT INTO session_occupancy (session_id, occupied) VALUES (?, 0) ON CONFLICT DO NOTHING"
_LOCK = "UPDATE session_occupancy SET occupied = occupied WHERE session_id = ?"
_EMPTY = "UPDATE session_occupancy SET occupied = 0 WHERE session_id = ? AND occupied <> 0"


def capacity_of(session: Session) -> int:
    return capacity(session.room.capacity, session.capacity)


def capacity(room: int, own: int | None) -> int:
    """The smaller of the room's and the session's own capacity."""
    return room if own is None else min(room, own)


def occupied(session_id: int) -> int:
    row = sql.one(_OCCUPIED, (session_id,))
    return row[0] if row else 0


def _step(statement: str, params: tuple) -> int | None:
    """The new count, or None if the counter row did not match."""
    rows = sql.all(statement, params)
    return rows[0][0] if rows else None


def _counter_missing(session_id: int) -> bool:
    """The counter row is made on a run's first admission; True if this call had to make it."""
    return bool(sql.rowcount(_MAKE, (session_id,)))


def take_seat(session_id: int, capacity: int) -> int | None:
    """One more person inside if a seat is free: the new count, or None when full."""
    count = _step(_TAKE, (session_id, capacity))
    if count is None:
        # No counter row yet, or full. Making the row (or, on PostgreSQL, waiting for the door that
        # is making it at this instant to commit) and asking once more tells the two apart: a door
        # that lost the race to create the row would otherwise answer "full" to an empty room.
        _counter_missing(session_id)
        count = _step(_TAKE, (session_id, capacity))
    return count


def take_seat_past_capacity(session_id: int) -> int:
    """An organiser's override: counted like any admission, capacity or not."""
    count = _step(_TAKE_ANY, (session_id,))
    if count is None:
        _counter_missing(session_id)
        count = _step(_TAKE_ANY, (session_id,))
    return count


def free_seat(session_id: int) -> int:
    """One person fewer; never below zero."""
    count = _step(_FREE, (session_id,))
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
        sql.execute(_LOCK, (session_id,))


def empty(session_id: int) -> None:
    sql.execute(_EMPTY, (session_id,))
