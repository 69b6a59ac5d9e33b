"""Where is this young person now? Answers from the door scans, and every question is audited.

A person is in a room from the door's admitting scan until they scan out, enter another room, or
the session ends (the door package closes those presences). Between rooms we say since when and
where they were last seen; the focal point's list flags a young person who left a room and has
not entered another within the event's `unaccounted_minutes`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from checkin.attendees import find, is_minor, view
from checkin.door.occupancy import sweep_if_needed
from checkin.errors import InputError
from checkin.events.file import DEFAULT_UNACCOUNTED_MINUTES
from checkin.events.service import first_day
from checkin.names.person import fold
from checkin.staff import StaffMember, require
from checkin.store import audit
from checkin.store.db import write_transaction
from checkin.store.models import Attendee, CheckIn, DoorScan, Event, Presence, Room, Session
from checkin.timeutil import local, utcnow


@dataclass(frozen=True)
class LastSeen:
    station: str
    at: datetime
    what: str           # "checked in", "admitted to C1", "scanned out of C1", …

    def as_json(self, tz: str) -> dict:
        return {"station": self.station, "at": self.at.isoformat(), "at_local": f"{local(self.at, tz):%H:%M}",
                "what": self.what}


@dataclass(frozen=True)
class Whereabouts:
    registration_id: str
    name: str
    delegation: str
    chaperone: str
    is_minor: bool
    checked_in: bool
    inside: str | None          # the session run they are in, or None
    room: str | None            # its room, or the room they left last
    since: datetime | None      # entered the room, or left the last one (or checked in)
    last_seen: LastSeen | None
    status: str                 # "in_room", "between_rooms", "unaccounted", "not_checked_in"
    minutes_out: int | None     # minutes since they left a room, when between rooms
    timezone: str

    @property
    def since_label(self) -> str:
        return f"{local(self.since, self.timezone):%H:%M}" if self.since else ""

    @property
    def line(self) -> str:
        """What the focal point's list says in words."""
        if self.status == "not_checked_in":
            return "not checked in"
        if self.status == "in_room":
            return f"in {self.room} ({self.inside}) since {self.since_label}"
        if self.room:
            text = f"not seen in a room since {self.since_label} (left {self.room})"
        else:
            text = f"not seen in a room since {self.since_label} (checked in)"
        return text + (f": UNACCOUNTED FOR {self.minutes_out} MIN" if self.status == "unaccounted" else "")

    def as_json(self) -> dict:
        return {"registration_id": self.registration_id, "inside": self.inside, "room": self.room,
                "since": self.since.isoformat() if self.since else None,
                "last_seen": self.last_seen.as_json(self.timezone) if self.last_seen else None,
                "status": self.status, "name": self.name, "delegation": self.delegation,
                "chaperone": self.chaperone, "is_minor": self.is_minor, "minutes_out": self.minutes_out,
                "line": self.line}


@dataclass(frozen=True)
class YoungPeopleReport:
    at: datetime
    unaccounted_minutes: int
    delegation: str
    people: tuple[Whereabouts, ...]
    delegations: tuple[str, ...]      # every delegation with a young person, for the filter

    @property
    def unaccounted(self) -> tuple[Whereabouts, ...]:
        return tuple(p for p in self.people if p.status == "unaccounted")

    def as_json(self) -> dict:
        return {"at": self.at.isoformat(), "unaccounted_minutes": self.unaccounted_minutes,
                "delegation": self.delegation or None, "delegations": list(self.delegations),
                "unaccounted": [p.registration_id for p in self.unaccounted],
                "young_people": [p.as_json() for p in self.people]}


def unaccounted_minutes(event: Event) -> int:
    return int((event.safeguarding_settings or {}).get("unaccounted_minutes", DEFAULT_UNACCOUNTED_MINUTES))


def _what(scan: DoorScan) -> str:
    run = scan.session.run_code
    return {"admitted": f"admitted to {run}", "exited": f"scanned out of {run}"}.get(
        scan.outcome, f"{scan.outcome.replace('_', ' ')} at {run}")


def _whereabouts(person: Attendee, event: Event, now: datetime, minor: bool, limit: int) -> Whereabouts:
    checkin = CheckIn.select().where((CheckIn.attendee == person) & CheckIn.annulled_at.is_null()).first()
    inside = (Presence.select(Presence, Session, Room).join(Session).join(Room)
              .where((Presence.attendee == person) & Presence.left_at.is_null()).first())
    last_presence = (Presence.select(Presence, Session, Room).join(Session).join(Room)
                     .where((Presence.attendee == person) & Presence.left_at.is_null(False)
                            & (Presence.exit_reason != "annulled"))
                     .order_by(Presence.left_at.desc(), Presence.id.desc()).first())
    scan = (DoorScan.select(DoorScan, Session).join(Session)
            .where((DoorScan.attendee == person) & DoorScan.annulled_at.is_null() & (DoorScan.at <= now))
            .order_by(DoorScan.at.desc(), DoorScan.id.desc()).first())
    seen = [LastSeen(scan.station, scan.at, _what(scan))] if scan else []
    if checkin:
        seen.append(LastSeen(checkin.station, checkin.at, "checked in"))
    last_seen = max(seen, key=lambda s: s.at) if seen else None
    minutes_out = None
    if inside is not None:
        status, run, room, since = "in_room", inside.session.run_code, inside.session.room.name, inside.entered_at
    elif checkin is None:
        status, run, room, since = "not_checked_in", None, None, None
    else:
        run = None
        if last_presence is not None and last_presence.left_at >= checkin.at:
            room, since = last_presence.session.room.name, last_presence.left_at
            minutes_out = max(0, int((now - since).total_seconds() // 60))
            status = "unaccounted" if minor and now - since >= timedelta(minutes=limit) else "between_rooms"
        else:
            room, since, status = None, checkin.at, "between_rooms"
    summary = view(person, first_day(event))
    return Whereabouts(person.registration_id, summary.badge_name, person.delegation, person.chaperone, minor,
                       checkin is not None, run, room, since, last_seen, status, minutes_out, event.timezone)


def where(registration_id: str, *, event: Event, by: StaffMember, station: str = "",
          now: datetime | None = None) -> Whereabouts:
    """Where this person is now. Needs the `where` right (organiser, safeguarding focal point);
    the audit log records who asked about whom, and when."""
    require(by, "where")
    now = now or utcnow()
    person = find(event, registration_id)
    sweep_if_needed(event, now)
    answer = _whereabouts(person, event, now, is_minor(person, first_day(event)), unaccounted_minutes(event))
    with write_transaction():
        audit.record("where_asked", event_code=event.code, station=station, staff=by.name,
                     subject=person.registration_id, detail={"status": answer.status}, at=now)
    return answer


def young_people_present(*, event: Event, by: StaffMember, delegation: str = "", station: str = "",
                         now: datetime | None = None) -> YoungPeopleReport:
    """Every young person checked in, with their room or since when they were last in one; the
    ones out of a room longer than the event allows first. Audited like `where`."""
    require(by, "where")
    now = now or utcnow()
    sweep_if_needed(event, now)
    day = first_day(event)
    limit = unaccounted_minutes(event)
    checked_in = (Attendee.select().join(CheckIn)
                  .where((Attendee.event == event) & CheckIn.annulled_at.is_null()))
    young = [p for p in checked_in if is_minor(p, day)]
    groups = tuple(sorted({p.delegation for p in young if p.delegation}, key=fold))
    wanted = delegation.strip()
    if wanted:
        if wanted not in groups and not Attendee.select().where(
                (Attendee.event == event) & (Attendee.delegation == wanted)).exists():
            raise InputError(f"no delegation {wanted!r} in {event.code}: check its name")
        young = [p for p in young if p.delegation == wanted]
    people = [_whereabouts(p, event, now, True, limit) for p in young]
    rank = {"unaccounted": 0, "between_rooms": 1, "in_room": 2}
    people.sort(key=lambda w: (rank.get(w.status, 3), -(w.minutes_out or 0), fold(w.delegation), fold(w.name)))
    with write_transaction():
        audit.record("young_people_viewed", event_code=event.code, station=station, staff=by.name,
                     subject=wanted, detail={"count": len(people), "unaccounted": sum(
                         w.status == "unaccounted" for w in people)}, at=now)
    return YoungPeopleReport(now, limit, wanted, tuple(people), groups)
