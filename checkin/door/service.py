"""The workshop door: one scan, one decision, one transaction.

Order of the checks on the way in: is the code ours and current; are the doors open; has the
person checked in at the desk (the safeguarding gate holds at every door); are they already
inside; may they have a seat in this run (registration, or a seat released to standby); is a
seat free. The last check is not a read: it is the seat counter's conditional UPDATE
(checkin/door/seats.py), and a unique index on standing presences keeps one person in one room.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

import peewee

from checkin.attendees import AttendeeView, find, view
from checkin.desk.identify import (ASSIGNED_SESSIONS, ATTENDEE_COLUMNS, ATTENDEE_FIELDS, SERIAL,
                                   attendee_from_row, identify, verified_claims)
from checkin.desk.tokens import TokenClaims
from checkin.door import offline_seats, seats
from checkin.door.decisions import DoorFacts, after_seat, decide, overridable
from checkin.errors import InputError
from checkin.events.cache import event_first_day, run_codes, session_run as session_run_of, sessions_of
from checkin.store import audit, sql
from checkin.store.db import database, is_sqlite, write_transaction
from checkin.store.models import Assignment, Attendee, DoorScan, Event, Presence, Session
from checkin.door.occupancy import doors_open_at, is_open, sweep_ended
from checkin.staff import StaffMember, require
from checkin.timeutil import local, utcnow

OUTCOMES = ("admitted", "exited", "already_inside", "not_inside", "full", "not_registered", "wrong_run",
            "not_checked_in", "closed", "invalid_token", "revoked", "unknown_attendee")
DIRECTIONS = ("in", "out")
# A write conflict on a standing presence (two doors, one person, same instant; PostgreSQL only,
# SQLite queues writers) is settled by deciding again: the next try sees the first's row.
_TRIES = 5


@dataclass(frozen=True)
class DoorResult:
    outcome: str
    message: str
    occupancy: int
    capacity: int
    seats_left: int
    session_run: str
    scan_id: int | None
    attendee: AttendeeView | None = None
    alert: bool = False
    detail: dict = field(default_factory=dict)
    # The marshal may admit this person anyway with an organiser's approval and a reason
    # (decided in the core, door/decisions.py, so the view never keeps its own list).
    overridable: bool = False

    def as_json(self) -> dict:
        return {"outcome": self.outcome, "overridable": self.overridable, "occupancy": self.occupancy, "capacity": self.capacity,
                "seats_left": self.seats_left, "message": self.message, "session_run": self.session_run,
                "scan_id": self.scan_id, "alert": self.alert,
                "attendee": self.attendee.as_json() if self.attendee else None, "detail": dict(self.detail)}


@dataclass(frozen=True)
class _Override:
    reason: str
    by: str
    # Whom the organiser approved it for: the person on the refusal card, and that refusal's scan.
    # A scan made behind the approval dialog cannot turn the override onto someone else.
    for_registration: str = ""
    refused_scan: int | None = None


@dataclass
class _Door:
    """What one scan works with, gathered once."""

    event: Event
    session: Session
    capacity: int
    direction: str
    station: str
    staff: StaffMember
    override: _Override | None
    now: datetime
    first_day: date | None        # where a person's age, and so their badge name, is measured
    offline: bool = False         # deciding on the station's replica: seats without a registration are rationed


def scan(token: str, *, event: Event, session_run: str, direction: str, station: str, staff: StaffMember,
         override_reason: str | None = None, override_by: StaffMember | None = None,
         now: datetime | None = None, offline: bool = False, override_for: str = "",
         refused_scan_id: int | None = None) -> DoorResult:
    """`override_for` / `refused_scan_id`: the person and the refused scan an override was approved
    for; if the code is someone else's, or that refusal is not theirs here, nothing is done."""
    return _scan(token, "", event=event, session_run=session_run, direction=direction, station=station,
                 staff=staff, override_reason=override_reason, override_by=override_by, now=now, offline=offline,
                 override_for=override_for, refused_scan_id=refused_scan_id)


def scan_by_id(registration_id: str, *, event: Event, session_run: str, direction: str, station: str,
               staff: StaffMember, override_reason: str | None = None, override_by: StaffMember | None = None,
               now: datetime | None = None, offline: bool = False) -> DoorResult:
    """The same decision for a person a marshal found by name (no token is made: offline, a station
    holds the event's public key only)."""
    return _scan("", registration_id, event=event, session_run=session_run, direction=direction,
                 station=station, staff=staff, override_reason=override_reason, override_by=override_by,
                 now=now, offline=offline)


def _scan(token: str, registration_id: str, *, event: Event, session_run: str, direction: str, station: str,
          staff: StaffMember, override_reason: str | None, override_by: StaffMember | None,
          now: datetime | None, offline: bool, override_for: str = "",
          refused_scan_id: int | None = None) -> DoorResult:
    require(staff, "door")
    if direction not in DIRECTIONS:
        raise InputError(f"unknown direction {direction!r}: use in or out")
    override = _override_of(override_reason, override_by, staff, direction)
    if override is not None:
        override = replace(override, for_registration=override_for.strip(), refused_scan=refused_scan_id)
    now = now or utcnow()
    session = session_run_of(event, session_run)
    door = _Door(event, session, seats.capacity_of(session), direction, station, staff, override, now,
                 event_first_day(event), offline)
    claims = verified_claims(token, event) if token else None
    quick = direction == "in" and not offline and override is None and not is_sqlite(database.obj)
    for attempt in range(_TRIES):
        try:
            if quick:
                # On a shared server: one lock-free read and one statement for a plain admission;
                # anything else (a refusal, a full room, a move, an override) takes the long way.
                done = _admit_in_one_statement(token, registration_id, claims, door)
                if done is not None:
                    result, person, sessions = done
                    return replace(result, attendee=view(person, door.first_day, sessions))
            with write_transaction():
                result, person, sessions = _decide(token, registration_id, claims, door)
            # Built after the commit: the card's details are for display, not for the decision,
            # and the write lock every door queues on is held no longer than the decision needs.
            return replace(result, attendee=view(person, door.first_day, sessions)) if person else result
        except (peewee.IntegrityError, peewee.OperationalError) as exc:
            if attempt == _TRIES - 1 or not _worth_retrying(exc):
                raise
    raise AssertionError("unreachable")


def _worth_retrying(exc: Exception) -> bool:
    """A unique-index clash on a standing presence, or a deadlock or serialisation failure the
    server resolved by aborting us: the whole decision is made again on what is now committed."""
    if isinstance(exc, peewee.IntegrityError):
        return True
    cause = exc.args[0] if exc.args else None
    return getattr(cause, "sqlstate", None) in ("40P01", "40001")


def _override_of(reason: str | None, by: StaffMember | None, staff: StaffMember, direction: str) -> _Override | None:
    if reason is None and by is None:
        return None
    if direction != "in":
        raise InputError("an override admits someone: it applies to --direction in only")
    reason = " ".join((reason or "").split())
    if not reason:
        raise InputError("an override needs a reason (e.g. \"speaker's assistant\"): it goes in the audit log")
    approver = by or staff
    require(approver, "override")
    return _Override(reason, approver.name)


# -- gather: one read, inside the write transaction ----------------------------------------------
_CHECKED_IN, _PRESENCE, _PRESENCE_RUN, _ENTERED, _SESSIONS = range(len(ATTENDEE_FIELDS), len(ATTENDEE_FIELDS) + 5)


def _gather_sql(where: str) -> tuple[str, str]:
    return tuple(
        f"SELECT {ATTENDEE_COLUMNS}, EXISTS (SELECT 1 FROM check_in c WHERE c.attendee_id = a.id AND c.annulled_at IS NULL), "
        f"p.id, p.session_id, p.entered_at, {sessions} "
        f"FROM attendee a LEFT JOIN presence p ON p.attendee_id = a.id AND p.left_at IS NULL WHERE {where}"
        for sessions in ASSIGNED_SESSIONS)


_BY_TOKEN = _gather_sql("a.id = ? AND a.event_id = ?")
_BY_REGISTRATION = _gather_sql("a.event_id = ? AND a.registration_id = ?")
# -- apply ------------------------------------------------------------------------------------------
_SCAN_COLUMNS = ("INSERT INTO door_scan (event_id, session_id, attendee_id, direction, outcome, at, station, staff, "
                 "standby, override_reason, override_by, annulled_by, annul_reason) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', '')")
_INSERT_SCAN = (_SCAN_COLUMNS, _SCAN_COLUMNS + " RETURNING id")
_MOVE_OUT = ("UPDATE presence SET left_at = ?, exit_reason = 'moved', exit_scan_id = ? "
             "WHERE id = ? AND left_at IS NULL")
_ENTER = ("INSERT INTO presence (attendee_id, session_id, entered_at, entry_scan_id, exit_reason) "
          "VALUES (?, ?, ?, ?, '')")
_LEAVE = "UPDATE presence SET left_at = ?, exit_reason = 'out' WHERE id = ? AND left_at IS NULL"
_EXIT_SCAN = "UPDATE presence SET exit_scan_id = ? WHERE id = ?"
_AT = DoorScan.at


def _decide(token: str, registration_id: str, claims: TokenClaims | None,
            door: _Door) -> tuple[DoorResult, Attendee | None, tuple[str, ...] | None]:
    sweep_ended(door.event, door.now)
    event, session = door.event, door.session
    if token:
        row = sql.one(_BY_TOKEN, (claims.attendee_id, event.id)) if claims else None
        if row is None or row[SERIAL] != claims.serial:
            found = identify(token, event)     # not ours, forged, revoked, unknown: it words the refusal
            # Another event's badge is, at this door, simply not a valid code for it.
            outcome = "invalid_token" if found.outcome == "wrong_event" else found.outcome
            result, person = _refuse(door, outcome, found.message, found.attendee, token=token,
                                     alert=outcome == "revoked")
            return result, person, None
    else:
        row = sql.one(_BY_REGISTRATION, (event.id, registration_id.strip()))
        if row is None:
            find(event, registration_id)       # raises the error that says what to do
    person = attendee_from_row(row)
    if door.override is not None:
        _check_override_subject(door, person)
    facts, sessions = _facts(row, door)
    plan = decide(facts)
    if plan.outcome == "admit":
        return (*_admit(door, person, plan, row), sessions)
    if plan.outcome == "exit":
        return (*_exit(door, person, row), sessions)
    return (*_refusal(door, plan.outcome, person, row), sessions)


def _facts(row: tuple, door: _Door) -> tuple[DoorFacts, tuple[str, ...]]:
    """The decision's facts from the gathered row (and the event as the station keeps it)."""
    event, session = door.event, door.session
    runs = run_codes(event)
    assigned = {int(s) for s in row[_SESSIONS].split(",")} if row[_SESSIONS] else set()
    standing_run = row[_PRESENCE_RUN]
    code = runs[session.id][1] if session.id in runs else session.code
    return DoorFacts(
        direction=door.direction, is_open=is_open(session, event, door.now), checked_in=bool(row[_CHECKED_IN]),
        inside_here=standing_run == session.id, inside_elsewhere=standing_run not in (None, session.id),
        registration_required=session.registration_required, assigned=session.id in assigned,
        assigned_other_run=any(s != session.id and runs.get(s, (0, ""))[1] == code for s in assigned),
        standby_released=_standby_released(session, door.now), override=door.override is not None,
        offline=door.offline), sessions_of(event, assigned)


# PostgreSQL: the seat, the scan, the presence and the audit entry (its hash computed on the
# server) in one statement that cannot overbook: every insert hangs off the seat's conditional
# UPDATE, so a full room writes nothing and returns no row. The detail's scan id and count are
# only known inside the statement: the canonical JSON is made in Python with two markers the
# statement replaces.
_OCCUPANCY_MARK, _SCAN_MARK = -7301, -7302
_ADMIT = (
    "WITH seat AS (UPDATE session_occupancy SET occupied = occupied + 1 "
    "  WHERE session_id = ? AND occupied < ? RETURNING occupied), "
    "scan AS (INSERT INTO door_scan (event_id, session_id, attendee_id, direction, outcome, at, station, staff, "
    "  standby, override_reason, override_by, annulled_by, annul_reason) "
    "  SELECT ?, ?, ?, 'in', 'admitted', ?, ?, ?, ?, '', '', '', '' FROM seat RETURNING id), "
    "inside AS (INSERT INTO presence (attendee_id, session_id, entered_at, entry_scan_id, exit_reason) "
    "  SELECT ?, ?, ?, scan.id, '' FROM scan RETURNING id), "
    "detail AS (SELECT seat.occupied, scan.id AS scan_id, "
    f"  replace(replace(?, '\"occupancy\":{_OCCUPANCY_MARK}', '\"occupancy\":' || seat.occupied), "
    f"    '\"scan_id\":{_SCAN_MARK}', '\"scan_id\":' || scan.id) AS text FROM seat, scan), "
    "tip AS (SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE), "
    "entry AS (INSERT INTO audit_entry (seq, at, event_code, station, staff, kind, subject, detail, prev_hash, hash) "
    "  SELECT tip.seq + 1, ?, ?, ?, ?, 'door.scan', ?, detail.text, tip.hash, "
    "  encode(sha256(convert_to(tip.hash || chr(31) || (tip.seq + 1)::text || chr(31) || ? || detail.text, 'UTF8')), "
    "  'hex') FROM tip, detail, inside RETURNING seq) "
    "SELECT detail.occupied, detail.scan_id FROM detail, entry")


def _admit_in_one_statement(token: str, registration_id: str, claims: TokenClaims | None,
                            door: _Door) -> tuple[DoorResult, Attendee, tuple[str, ...]] | None:
    """A plain admission on PostgreSQL in two round trips (a read, a write); None: take the long way."""
    event, session = door.event, door.session
    if token:
        row = sql.one(_BY_TOKEN, (claims.attendee_id, event.id)) if claims else None
        if row is None or row[SERIAL] != claims.serial:
            return None
    else:
        row = sql.one(_BY_REGISTRATION, (event.id, registration_id.strip()))
        if row is None:
            return None
    facts, sessions = _facts(row, door)
    plan = decide(facts)
    if plan.outcome != "admit" or facts.inside_elsewhere:
        return None
    person = attendee_from_row(row)
    run = session.run_code
    detail = {"standby": plan.standby}
    logged_at, logged = audit.dated({"outcome": "admitted", "session_run": run, "direction": "in",
                                     "scan_id": _SCAN_MARK, "occupancy": _OCCUPANCY_MARK, **detail}, door.now)
    at = _AT.db_value(door.now)
    staff = door.staff.name
    done = sql.one(_ADMIT, (
        session.id, door.capacity,
        event.id, session.id, person.id, at, door.station, staff, plan.standby,
        person.id, session.id, at,
        audit.detail_text(logged),
        _AT.db_value(logged_at), event.code, door.station, staff, person.registration_id,
        audit.head_of_tail(logged_at, event.code, door.station, staff, "door.scan", person.registration_id)))
    if done is None:
        return None     # full, or the run's counter not made yet: the long way says which
    count, scan_id = done
    how = " from standby" if plan.standby else ""
    result = DoorResult(outcome="admitted", message=f"admitted{how}: {count} / {door.capacity}", occupancy=count,
                        capacity=door.capacity, seats_left=max(0, door.capacity - count), session_run=run,
                        scan_id=scan_id, detail=detail, overridable=False)
    return result, person, sessions


def _check_override_subject(door: _Door, person: Attendee) -> None:
    """The override acts on the person it was approved for, at this door, after their refusal."""
    wanted = door.override.for_registration
    if wanted and person.registration_id != wanted:
        raise InputError(f"this override was approved for {wanted}, but the code is {person.registration_id}'s: "
                         "nothing was done; scan the refused person's badge and ask again")
    if door.override.refused_scan is not None:
        refused = DoorScan.get_or_none(DoorScan.id == door.override.refused_scan)
        if (refused is None or refused.attendee_id != person.id or refused.session_id != door.session.id
                or not overridable(refused.outcome, refused.direction)):
            raise InputError("this override does not follow a refusal of this person at this door: nothing was "
                             "done; scan them again and override that refusal")


def _refusal(door: _Door, outcome: str, person: Attendee, row: tuple) -> tuple[DoorResult, Attendee]:
    event = door.event
    if outcome == "closed":
        return _refuse(door, "closed", _closed_message(door), person)
    if outcome == "not_checked_in":
        return _refuse(door, "not_checked_in", "not checked in at the registration desk yet: send them there "
                                               "first (safeguarding policy, badge)", person)
    if outcome == "already_inside":
        entered = Presence.entered_at.python_value(row[_ENTERED])
        return _refuse(door, "already_inside", f"already inside since {_hhmm(entered, event)}: "
                                               "scan them out when they leave", person)
    if outcome == "not_inside":
        return _refuse(door, "not_inside", _not_inside_message(door, person, row), person)
    return _registration_refusal(door, person)


def _admit(door: _Door, person: Attendee, plan, row: tuple) -> tuple[DoorResult, Attendee]:
    session, now = door.session, door.now
    standing, standing_run = row[_PRESENCE], row[_PRESENCE_RUN]
    if standing is not None:
        seats.lock_in_order(session.id, standing_run)
    if door.offline:
        count = offline_seats.take_seat(session.id, own_seat=plan.own_seat)
    else:
        count = seats.take_seat(session.id, door.capacity)
    outcome, override_used = after_seat(plan, seat_taken=count is not None, override=door.override is not None)
    if outcome == "full":
        if door.offline:
            return _refuse(door, "full", "full for this door while offline: its share of the free seats is "
                                         "used; registered people still get in", person)
        return _refuse(door, "full", f"full: {door.capacity} / {door.capacity}; an organiser can admit past "
                                     "capacity with a reason", person)
    if count is None:
        count = seats.take_seat_past_capacity(session.id)
    at = _AT.db_value(now)
    scan_id = _insert_scan(door, person.id, "in", "admitted", at, plan.standby,
                           door.override.reason if override_used else "",
                           door.override.by if override_used else "")
    moved_from = None
    if standing is not None:
        # They forgot to scan out of the room they were in: entering here takes them out of it.
        if sql.rowcount(_MOVE_OUT, (at, scan_id, standing)):
            seats.free_seat(standing_run)
            moved_from = run_codes(door.event)[standing_run][2]
    sql.execute(_ENTER, (person.id, session.id, at, scan_id))
    detail = {"standby": plan.standby}
    if override_used:
        detail["override"] = {"reason": door.override.reason, "by": door.override.by}
    if moved_from:
        detail["moved_from"] = moved_from
    how = " (override)" if override_used else " from standby" if plan.standby else ""
    note = f"; taken out of {moved_from}" if moved_from else ""
    message = f"admitted{how}: {count} / {door.capacity}{note}"
    return _result(door, "admitted", message, person, scan_id, count, detail,
                   kind="door.override" if override_used else "door.scan")


def _exit(door: _Door, person: Attendee, row: tuple) -> tuple[DoorResult, Attendee]:
    session, now = door.session, door.now
    at = _AT.db_value(now)
    if not sql.rowcount(_LEAVE, (at, row[_PRESENCE])):
        return _refuse(door, "not_inside", _not_inside_message(door, person, row), person)
    count = seats.free_seat(session.id)
    scan_id = _insert_scan(door, person.id, "out", "exited", at, False, "", "")
    sql.execute(_EXIT_SCAN, (scan_id, row[_PRESENCE]))
    return _result(door, "exited", f"out: {count} / {door.capacity}", person, scan_id, count, {})


def _insert_scan(door: _Door, attendee_id: int | None, direction: str, outcome: str, at, standby: bool,
                 override_reason: str, override_by: str) -> int:
    cursor = sql.execute(_INSERT_SCAN, (door.event.id, door.session.id, attendee_id, direction, outcome, at,
                                        door.station, door.staff.name, standby, override_reason, override_by))
    return cursor.lastrowid if is_sqlite(database.obj) else cursor.fetchone()[0]


def _refuse(door: _Door, outcome: str, message: str, person: Attendee | None, *, token: str = "",
            alert: bool = False, detail: dict | None = None) -> tuple[DoorResult, Attendee | None]:
    scan_id = _insert_scan(door, person.id if person else None, door.direction, outcome, _AT.db_value(door.now),
                           False, "", "")
    detail = dict(detail or {})
    if person is None and token:
        detail["token"] = token[:16]
    return _result(door, outcome, message, person, scan_id, seats.occupied(door.session.id), detail,
                   kind="door.alert" if alert else "door.scan", alert=alert)


def _result(door: _Door, outcome: str, message: str, person: Attendee | None, scan_id: int, count: int,
            detail: dict, *, kind: str = "door.scan", alert: bool = False) -> tuple[DoorResult, Attendee | None]:
    run = door.session.run_code
    audit.record(kind, event_code=door.event.code, station=door.station, staff=door.staff.name,
                 subject=person.registration_id if person else "",
                 detail={"outcome": outcome, "session_run": run, "direction": door.direction, "scan_id": scan_id,
                         "occupancy": count, **detail}, at=door.now)
    return DoorResult(outcome=outcome, message=message, occupancy=count, capacity=door.capacity,
                      seats_left=max(0, door.capacity - count), session_run=run, scan_id=scan_id, alert=alert,
                      detail=detail, overridable=overridable(outcome, door.direction)), person


def _standby_release_at(session: Session) -> datetime | None:
    minutes = session.standby_release_minutes
    return None if minutes is None else session.starts + timedelta(minutes=minutes)


def _standby_released(session: Session, now: datetime) -> bool:
    release = _standby_release_at(session)
    return release is not None and now >= release


def _hhmm(value: datetime, event: Event) -> str:
    return local(value, event.timezone).strftime("%H:%M")


def _day(value: datetime, event: Event) -> str:
    return local(value, event.timezone).strftime("%a %d %b")


def _run_name(session: Session) -> str:
    return {1: "first run", 2: "re-run"}.get(session.run, f"run {session.run}")


def _registration_refusal(door: _Door, person: Attendee) -> tuple[DoorResult, Attendee]:
    session, event = door.session, door.event
    other = (Session.select().join(Assignment)
             .where((Assignment.attendee == person) & (Session.event == event) & (Session.code == session.code)
                    & (Session.id != session.id))
             .order_by(Session.starts).first())
    if other is not None:
        message = (f"Registered for the {_hhmm(other.starts, event)} {_run_name(other)} instead "
                   f"({_day(other.starts, event)})")
        return _refuse(door, "wrong_run", message, person,
                       detail={"registered_run": other.run_code, "registered_starts": other.starts.isoformat()})
    message = f"not registered for {session.run_code}: registration only"
    release = _standby_release_at(session)
    if release is not None:
        message += f"; free seats go to standby from {_hhmm(release, event)}"
    return _refuse(door, "not_registered", message, person)


def _closed_message(door: _Door) -> str:
    session, event = door.session, door.event
    opens = doors_open_at(session, event)
    if door.now < opens:
        return (f"closed: doors open at {_hhmm(opens, event)} "
                f"({_day(session.starts, event)}), {session.run_code} starts at {_hhmm(session.starts, event)}")
    return f"closed: {session.run_code} ended at {_hhmm(session.ends, event)} ({_day(session.ends, event)})"


def _not_inside_message(door: _Door, person: Attendee, row: tuple) -> str:
    run = door.session.run_code
    if row[_PRESENCE] is not None:
        where = run_codes(door.event)[row[_PRESENCE_RUN]][2]
        entered = Presence.entered_at.python_value(row[_ENTERED])
        return f"not inside {run}: scanned into {where} at {_hhmm(entered, door.event)}"
    last = (Presence.select().where((Presence.attendee == person.id) & (Presence.session == door.session))
            .order_by(Presence.left_at.desc()).first())
    if last is not None and last.exit_reason == "session_ended":
        return f"not inside {run}: the room was emptied when it ended at {_hhmm(door.session.ends, door.event)}"
    return f"not inside {run}: nothing to count out"
