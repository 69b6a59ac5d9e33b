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

from checkin.store import audit

from checkin.door import offline_seats

from checkin.door import decisions, seats
from checkin.attendees import AttendeeView, find, view
from checkin.store.db import write_transaction
from checkin.errors import InputError
from checkin.events.service import find_session_run, first_day
from checkin.desk.identify import Identified, identify
from checkin.store.models import Assignment, Attendee, CheckIn, DoorScan, Event, Presence, Session
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
         now: datetime | None = None, offline: bool = False) -> DoorResult:
    return _scan(lambda event_: identify(token, event_), token, event=event, session_run=session_run,
                 direction=direction, station=station, staff=staff, override_reason=override_reason,
                 override_by=override_by, now=now, offline=offline)


def _scan(identified, token: str, *, event: Event, session_run: str, direction: str, station: str,
          staff: StaffMember, override_reason: str | None, override_by: StaffMember | None,
          now: datetime | None, offline: bool) -> DoorResult:
    require(staff, "door")
    if direction not in DIRECTIONS:
        raise InputError(f"unknown direction {direction!r}: use in or out")
    override = _override_of(override_reason, override_by, staff, direction)
    now = now or utcnow()
    session = find_session_run(event, session_run)
    door = _Door(event, session, seats.capacity_of(session), direction, station, staff, override, now,
                 first_day(event), offline)
    for attempt in range(_TRIES):
        try:
            with write_transaction():
                result, person = _decide(identified, token, door)
            # Built after the commit: the card's details are for display, not for the decision,
            # and the write lock every door queues on is held no longer than the decision needs.
            return replace(result, attendee=view(person, door.first_day)) if person else result
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


def scan_by_id(registration_id: str, *, event: Event, session_run: str, direction: str, station: str,
               staff: StaffMember, override_reason: str | None = None, override_by: StaffMember | None = None,
               now: datetime | None = None, offline: bool = False) -> DoorResult:
    """The same decision for a person a marshal found by name (no token is made: offline, a station
    holds the event's public key only)."""
    return _scan(lambda event_: Identified("ok", "", attendee=find(event_, registration_id)), "", event=event,
                 session_run=session_run, direction=direction, station=station, staff=staff,
                 override_reason=override_reason, override_by=override_by, now=now, offline=offline)


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


def _decide(identified, token: str, door: _Door) -> tuple[DoorResult, Attendee | None]:
    sweep_ended(door.event, door.now)
    found = identified(door.event)
    if found.outcome != "ok":
        # Another event's badge is, at this door, simply not a valid code for it.
        outcome = "invalid_token" if found.outcome == "wrong_event" else found.outcome
        return _refuse(door, outcome, found.message, found.attendee, token=token,
                       alert=outcome == "revoked")
    person = found.attendee
    if door.direction == "out":
        return _exit(door, person)
    return _enter(door, person)


def _enter(door: _Door, person: Attendee) -> tuple[DoorResult, Attendee]:
    session, event, now = door.session, door.event, door.now
    if not is_open(session, event, now):
        return _refuse(door, "closed", _closed_message(door), person)
    if not CheckIn.select().where((CheckIn.attendee == person) & CheckIn.annulled_at.is_null()).exists():
        return _refuse(door, "not_checked_in", "not checked in at the registration desk yet: send them there "
                                               "first (safeguarding policy, badge)", person)
    standing = _standing(person)
    if standing is not None and standing.session_id == session.id:
        return _refuse(door, "already_inside", f"already inside since {_hhmm(standing.entered_at, event)}: "
                                               "scan them out when they leave", person)
    standby = False
    override_used = False
    if session.registration_required and not _assigned(person, session):
        if _standby_released(session, now):
            standby = True
        elif door.override:
            override_used = True
        else:
            return _registration_refusal(door, person)
    if standing is not None:
        seats.lock_in_order(session.id, standing.session_id)
    if door.offline:
        own_seat = session.registration_required and not standby and not override_used
        count = offline_seats.take_seat(session.id, own_seat=own_seat)
    else:
        count = seats.take_seat(session.id, door.capacity)
    if count is None:
        if not door.override:
            if door.offline:
                return _refuse(door, "full", "full for this door while offline: its share of the free seats is "
                                             "used; registered people still get in", person)
            return _refuse(door, "full", f"full: {door.capacity} / {door.capacity}; an organiser can admit past "
                                         "capacity with a reason", person)
        count = seats.take_seat_past_capacity(session.id)
        override_used = True
    row = DoorScan.create(event=event, session=session, attendee=person, direction="in", outcome="admitted",
                          at=now, station=door.station, staff=door.staff.name, standby=standby,
                          override_reason=door.override.reason if override_used else "",
                          override_by=door.override.by if override_used else "")
    moved_from = None
    if standing is not None:
        # They forgot to scan out of the room they were in: entering here takes them out of it.
        left = (Presence.update(left_at=now, exit_reason="moved", exit_scan=row.id)
                .where((Presence.id == standing.id) & Presence.left_at.is_null()).execute())
        if left:
            seats.free_seat(standing.session_id)
            moved_from = Session.get_by_id(standing.session_id).run_code
    Presence.create(attendee=person, session=session, entered_at=now, entry_scan=row.id)
    detail = {"standby": standby}
    if override_used:
        detail["override"] = {"reason": door.override.reason, "by": door.override.by}
    if moved_from:
        detail["moved_from"] = moved_from
    how = " (override)" if override_used else " from standby" if standby else ""
    note = f"; taken out of {moved_from}" if moved_from else ""
    message = f"admitted{how}: {count} / {door.capacity}{note}"
    return _result(door, "admitted", message, person, row, count, detail,
                   kind="door.override" if override_used else "door.scan")


def _exit(door: _Door, person: Attendee) -> tuple[DoorResult, Attendee]:
    session, now = door.session, door.now
    standing = _standing(person)
    left = 0
    if standing is not None and standing.session_id == session.id:
        left = (Presence.update(left_at=now, exit_reason="out")
                .where((Presence.id == standing.id) & Presence.left_at.is_null()).execute())
    if not left:
        return _refuse(door, "not_inside", _not_inside_message(door, person, standing), person)
    count = seats.free_seat(session.id)
    row = DoorScan.create(event=door.event, session=session, attendee=person, direction="out", outcome="exited",
                          at=now, station=door.station, staff=door.staff.name)
    Presence.update(exit_scan=row.id).where(Presence.id == standing.id).execute()
    return _result(door, "exited", f"out: {count} / {door.capacity}", person, row, count, {})


def _refuse(door: _Door, outcome: str, message: str, person: Attendee | None, *, token: str = "",
            alert: bool = False, detail: dict | None = None) -> tuple[DoorResult, Attendee | None]:
    row = DoorScan.create(event=door.event, session=door.session, attendee=person, direction=door.direction,
                          outcome=outcome, at=door.now, station=door.station, staff=door.staff.name)
    detail = dict(detail or {})
    if person is None and token:
        detail["token"] = token[:16]
    return _result(door, outcome, message, person, row, seats.occupied(door.session.id), detail,
                   kind="door.alert" if alert else "door.scan", alert=alert)


def _result(door: _Door, outcome: str, message: str, person: Attendee | None, row: DoorScan, count: int,
            detail: dict, *, kind: str = "door.scan", alert: bool = False) -> tuple[DoorResult, Attendee | None]:
    run = door.session.run_code
    audit.record(kind, event_code=door.event.code, station=door.station, staff=door.staff.name,
                 subject=person.registration_id if person else "",
                 detail={"outcome": outcome, "session_run": run, "direction": door.direction, "scan_id": row.id,
                         "occupancy": count, **detail}, at=door.now)
    return DoorResult(outcome=outcome, message=message, occupancy=count, capacity=door.capacity,
                      seats_left=max(0, door.capacity - count), session_run=run, scan_id=row.id, alert=alert,
                      detail=detail, overridable=decisions.overridable(outcome, door.direction)), person


def _standing(person: Attendee) -> Presence | None:
    return Presence.select().where((Presence.attendee == person) & Presence.left_at.is_null()).first()


def _assigned(person: Attendee, session: Session) -> bool:
    return Assignment.select().where((Assignment.attendee == person) & (Assignment.session == session)).exists()


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


def _not_inside_message(door: _Door, person: Attendee, standing: Presence | None) -> str:
    run = door.session.run_code
    if standing is not None:
        where = Session.get_by_id(standing.session_id)
        return f"not inside {run}: scanned into {where.run_code} at {_hhmm(standing.entered_at, door.event)}"
    last = (Presence.select().where((Presence.attendee == person) & (Presence.session == door.session))
            .order_by(Presence.left_at.desc()).first())
    if last is not None and last.exit_reason == "session_ended":
        return f"not inside {run}: the room was emptied when it ended at {_hhmm(door.session.ends, door.event)}"
    return f"not inside {run}: nothing to count out"
