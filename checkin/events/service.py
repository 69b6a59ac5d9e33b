"""Events in the database: saving a checked event file, and finding the event a command means."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from checkin.store import audit, sql
from checkin.store.db import write_transaction
from checkin.errors import InputError
from checkin.events.file import EventSpec
from checkin.store.models import Assignment, DoorScan, Event, Meta, Room, Session
from checkin.staff import StaffMember, require
from checkin.timeutil import utcnow, zone
from checkin.desk.tokens import key_tag, new_keypair

LAST_EVENT_KEY = "last_event"
# Meta key prefix of an event's change stamp: a new random value on every save, so a station's
# cached copy of the event (checkin/events/cache.py) knows it is stale.
STAMP_PREFIX = "event_stamp:"


@dataclass(frozen=True)
class EventLoadResult:
    code: str
    created: bool
    rooms: int
    sessions: int
    removed_sessions: tuple[str, ...]

    def as_json(self) -> dict:
        return {"event": self.code, "created": self.created, "rooms": self.rooms,
                "sessions": self.sessions, "removed_sessions": list(self.removed_sessions)}


def save_event(spec: EventSpec, *, by: StaffMember | None = None, station: str = "",
               now: datetime | None = None) -> EventLoadResult:
    """Create or update the event. Sessions and rooms match by code+run and id; one that left
    the file is removed only if nobody is assigned to it, so a file edit cannot lose a registration."""
    now = now or utcnow()
    if by is not None:
        require(by, "event")
    with write_transaction():
        event = Event.get_or_none(Event.code == spec.code)
        created = event is None
        fields = dict(name=spec.name, timezone=spec.timezone, venue=spec.venue,
                      doors_open_minutes=spec.doors_open_minutes, policy_version=spec.policy_version,
                      policy_text=spec.policy_text, focal_point=spec.focal_point,
                      badge_settings=spec.badge_settings,
                      safeguarding_settings=spec.safeguarding_settings, source_path=spec.source_path, loaded_at=now)
        if created:
            private, public = new_keypair()
            event = Event.create(code=spec.code, private_key=private, public_key=public,
                                 key_tag=key_tag(public), **fields)
        else:
            Event.update(**fields).where(Event.id == event.id).execute()

        rooms = {r.key: r for r in Room.select().where(Room.event == event)}
        for r in spec.rooms:
            if r.key in rooms:
                Room.update(name=r.name, capacity=r.capacity).where(Room.id == rooms[r.key].id).execute()
            else:
                rooms[r.key] = Room.create(event=event, key=r.key, name=r.name, capacity=r.capacity)

        existing = {(s.code, s.run): s for s in Session.select().where(Session.event == event)}
        wanted = {(s.code, s.run) for s in spec.sessions}
        removed = []
        for key, row in existing.items():
            if key in wanted:
                continue
            taken = Assignment.select().where(Assignment.session == row).count()
            if taken:
                raise InputError(f"session {row.run_code} is no longer in the file but {taken} attendees are "
                                 "assigned to it: keep it in the file, or move them first")
            scanned = DoorScan.select().where(DoorScan.session == row).count()
            if scanned:
                raise InputError(f"session {row.run_code} is no longer in the file but its door recorded {scanned} "
                                 "scans: keep it in the file so its attendance is not lost")
            row.delete_instance(recursive=True)
            removed.append(row.run_code)
        for s in spec.sessions:
            values = dict(title=s.title, pillar=s.pillar, starts=s.starts, ends=s.ends, room=rooms[s.room],
                          capacity=s.capacity, registration_required=s.registration_required,
                          standby_release_minutes=s.standby_release_minutes)
            if (s.code, s.run) in existing:
                Session.update(**values).where(Session.id == existing[(s.code, s.run)].id).execute()
            else:
                Session.create(event=event, code=s.code, run=s.run, **values)
        for key, row in rooms.items():
            if key not in {r.key for r in spec.rooms} and not Session.select().where(Session.room == row).exists():
                row.delete_instance()
        # Every run's seat counter from the start: a run's first admission then takes its seat in
        # one statement like every other, instead of making the row first.
        sql.execute(_COUNTERS, (event.id,))

        remember_event(spec.code)
        stamp = uuid.uuid4().hex
        Meta.insert(key=STAMP_PREFIX + spec.code, value=stamp).on_conflict(
            conflict_target=[Meta.key], update={Meta.value: stamp}).execute()
        audit.record("event_loaded", event_code=spec.code, station=station, staff=by.name if by else "",
                     detail={"created": created, "sessions": len(spec.sessions), "removed": removed,
                             "policy_version": spec.policy_version}, at=now)
    return EventLoadResult(spec.code, created, len(spec.rooms), len(spec.sessions), tuple(removed))


_COUNTERS = ("INSERT INTO session_occupancy (session_id, occupied) SELECT id, 0 FROM session WHERE event_id = ? "
             "ON CONFLICT DO NOTHING")


def remember_event(code: str) -> None:
    Meta.insert(key=LAST_EVENT_KEY, value=code).on_conflict(
        conflict_target=[Meta.key], update={Meta.value: code}).execute()


def get_event(code: str | None = None) -> Event:
    """The event a command means: the one named, else the one loaded last."""
    if code is None:
        row = Meta.get_or_none(Meta.key == LAST_EVENT_KEY)
        if row is None:
            raise InputError("no event loaded yet: run `checkin event load EVENT.toml` or `checkin demo`")
        code = row.value
    event = Event.get_or_none(Event.code == code)
    if event is None:
        known = ", ".join(e.code for e in Event.select(Event.code)) or "none"
        raise InputError(f"no event {code!r} in this database (known: {known})")
    return event


def first_day(event: Event) -> date | None:
    """The event's first day, where age on arrival is measured."""
    first = Session.select(Session.starts).where(Session.event == event).order_by(Session.starts).first()
    return first.starts.astimezone(zone(event.timezone)).date() if first else None


def find_session_run(event: Event, run_code: str) -> Session:
    """`C1` is the first run, `C1/2` the re-run."""
    code, _, run = run_code.strip().partition("/")
    if len(run_code) > 80 or (run and not (run.isascii() and run.isdigit() and len(run) <= 3)):
        raise InputError(f"{run_code[:40]!r} is not a session run: write C1 or C1/2")
    run_no = int(run) if run else 1
    # The room comes along: every door scan and occupancy read needs its capacity.
    row = (Session.select(Session, Room).join(Room)
           .where((Session.event == event) & (Session.code == code) & (Session.run == run_no)).first())
    if row is None:
        raise InputError(f"no session {run_code!r} in {event.code}: check the code (re-runs are written C1/2)")
    return row
