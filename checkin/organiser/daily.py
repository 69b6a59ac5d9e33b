"""The end-of-day summary for the organisers and the safeguarding focal point: what the day's
figures were, whether every young person present had consent on file, which rooms filled, what
was overridden or annulled and why, what offline stations did that the server decided otherwise,
and the audit log's head as it stood, so the signed page vouches for the log.

The figures come from `tallies` (live, or kept at the purge); the lists that name people
(young people without complete consent, reasons given for overrides and annulments) exist only
while the people do. `daily_pdf` draws it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from peewee import JOIN

from checkin.attendees import is_minor, person_name
from checkin.door.seats import capacity_of
from checkin.errors import InputError
from checkin.events.service import first_day
from checkin.names.person import display_name
from checkin.organiser import tallies
from checkin.staff import StaffMember
from checkin.store import audit
from checkin.store.models import (AuditHead, Attendee, CheckIn, Conflict, DoorScan, Event, Room,
                                  SafeguardingConfirmation, Session)
from checkin.timeutil import local, utcnow, zone


@dataclass(frozen=True)
class YoungWithoutConsent:
    registration_id: str
    name: str
    missing: str
    checked_in: str


@dataclass(frozen=True)
class FullRoom:
    session_run: str
    title: str
    room: str
    starts: str
    peak: int
    capacity: int
    refused_full: int
    standby: int


@dataclass(frozen=True)
class Exception_:
    at: str
    what: str           # "door override", "check-in annulled", "door scan annulled"
    subject: str        # the person, or the session run
    reason: str
    by: str


@dataclass(frozen=True)
class ConflictLine:
    at: str
    station: str
    kind: str
    session_run: str
    subject: str
    offline: str
    server: str


@dataclass(frozen=True)
class DailySummary:
    event_code: str
    event_name: str
    venue: str
    day: date
    printed_at: str
    printed_by: str
    focal_point: str
    registered: int
    arrived_today: int
    checked_in_so_far: int
    arrivals_by_hour: list[tuple[int, int]]
    by_country: list[tuple[str, int, int, int]]      # (country, today, so far, registered)
    by_role: list[tuple[str, int, int, int]]
    young_registered: int
    young_present: int
    young_incomplete: int
    young_without_consent: list[YoungWithoutConsent]
    full_rooms: list[FullRoom]
    overrides: int
    annulled_checkins: int
    annulled_scans: int
    exceptions: list[Exception_]
    conflicts: list[ConflictLine]
    conflict_count: int
    audit_seq: int
    audit_hash: str
    audit_ok: bool
    purged: bool
    named_people: int = field(default=0)

    def counts(self) -> dict:
        """The figures alone (no names), the same before and after a purge."""
        return {"registered": self.registered, "arrived_today": self.arrived_today,
                "checked_in_so_far": self.checked_in_so_far, "arrivals_by_hour": self.arrivals_by_hour,
                "by_country": self.by_country, "by_role": self.by_role, "young_registered": self.young_registered,
                "young_present": self.young_present, "young_incomplete": self.young_incomplete,
                "full_rooms": [(r.session_run, r.peak, r.capacity, r.refused_full, r.standby) for r in self.full_rooms],
                "overrides": self.overrides, "annulled_checkins": self.annulled_checkins,
                "annulled_scans": self.annulled_scans, "conflicts": self.conflict_count}


def _hhmm(value: datetime, tz: str) -> str:
    return local(value, tz).strftime("%H:%M")


def _between(day: date, tz: str) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time(0), zone(tz))
    return start, start + timedelta(days=1)


def summary(event: Event, day: date, *, by: StaffMember, now: datetime | None = None) -> DailySummary:
    now = now or utcnow()
    tz = event.timezone
    c = tallies.counts(event, now)
    d = day.isoformat()
    purged = tallies.was_purged(event) and not Attendee.select().where(Attendee.event == event).exists()

    hours: dict[int, int] = {}
    today: dict[str, dict[str, int]] = {"country": {}, "role": {}}
    so_far: dict[str, dict[str, int]] = {"country": {}, "role": {}}
    for (measure, key), n in c.items():
        if measure == "day_arrivals":
            k_day, hour = tallies.parts(key)
            if k_day == d:
                hours[int(hour)] = n
        elif measure in ("day_country", "day_role"):
            k_day, what = tallies.parts(key)
            kind = measure[4:]
            if k_day <= d:
                so_far[kind][what] = so_far[kind].get(what, 0) + n
            if k_day == d:
                today[kind][what] = n
    arrivals = [(h, hours.get(h, 0)) for h in range(min(hours), max(hours) + 1)] if hours else []

    def table(kind: str) -> list[tuple[str, int, int, int]]:
        names = set(so_far[kind]) | {k for (m, k) in c if m == f"{kind}_registered"}
        rows = [(n, today[kind].get(n, 0), so_far[kind].get(n, 0), c[(f"{kind}_registered", n)]) for n in names]
        return sorted(rows, key=lambda r: (-r[1], -r[2], -r[3], r[0]))

    young_present = sum(n for (m, k), n in c.items() if m == "young_arrived" and k <= d)
    young_incomplete = sum(n for (m, k), n in c.items() if m == "young_incomplete_arrived" and k <= d)

    start, end = _between(day, tz)
    full_rooms = []
    for s in (Session.select(Session, Room).join(Room).where((Session.event == event) & (Session.starts >= start)
                                                            & (Session.starts < end))
              .order_by(Session.starts, Session.code, Session.run)):
        run = s.run_code
        capacity = capacity_of(s)
        if c[("run_peak", run)] >= capacity or c[("run_refused_full", run)]:
            full_rooms.append(FullRoom(run, s.title, s.room.name, _hhmm(s.starts, tz), c[("run_peak", run)], capacity,
                                       c[("run_refused_full", run)], c[("run_standby", run)]))

    young_list = [] if purged else _young_without_consent(event, end)
    exceptions = [] if purged else _exceptions(event, start, end)
    conflicts = [ConflictLine(_hhmm(r.acted_at, tz), r.station, r.kind, r.session_run, r.subject,
                              r.offline_outcome, r.server_outcome)
                 for r in Conflict.select().where((Conflict.event_code == event.code) & (Conflict.acted_at >= start)
                                                  & (Conflict.acted_at < end)).order_by(Conflict.acted_at)]
    head = AuditHead.get_by_id(1)
    named = ({y.registration_id for y in young_list} | {e.subject.split(" ")[0] for e in exceptions if e.subject}
             | {x.subject for x in conflicts if x.subject})
    return DailySummary(
        event_code=event.code, event_name=event.name, venue=getattr(event, "venue", "") or "", day=day,
        printed_at=local(now, tz).strftime("%Y-%m-%d %H:%M"), printed_by=by.name, focal_point=event.focal_point,
        registered=c[("registered", "")], arrived_today=sum(hours.values()),
        checked_in_so_far=sum(so_far["role"].values()), arrivals_by_hour=arrivals,
        by_country=table("country"), by_role=table("role"), young_registered=c[("young_registered", "")],
        young_present=young_present, young_incomplete=young_incomplete, young_without_consent=young_list,
        full_rooms=full_rooms, overrides=c[("day_overrides", d)], annulled_checkins=c[("day_annulled_checkins", d)],
        annulled_scans=c[("day_annulled_scans", d)], exceptions=exceptions, conflicts=conflicts,
        conflict_count=c[("day_conflicts", d)], audit_seq=head.seq, audit_hash=head.hash,
        audit_ok=audit.verify().ok, purged=purged, named_people=len(named))


def _young_without_consent(event: Event, end: datetime) -> list[YoungWithoutConsent]:
    """Young people checked in before `end` without guardian consent, a chaperone or the policy:
    read from those who could be young (role, flag or a date of birth), not the whole list."""
    tz = event.timezone
    day = first_day(event)
    agreed = {i for (i,) in SafeguardingConfirmation.select(SafeguardingConfirmation.attendee).join(Attendee)
              .where((Attendee.event == event) & (SafeguardingConfirmation.policy_version == event.policy_version))
              .tuples()}
    maybe_young = (Attendee.role == "youth") | (Attendee.is_minor == True) | Attendee.date_of_birth.is_null(False)  # noqa: E712
    out = []
    for c in (CheckIn.select(CheckIn, Attendee).join(Attendee)
              .where((Attendee.event == event) & maybe_young & CheckIn.annulled_at.is_null() & (CheckIn.at < end))
              .order_by(Attendee.registration_id)):
        a = c.attendee
        if not (a.role == "youth" or is_minor(a, day)) or tallies.complete_consent(a, a.id in agreed):
            continue
        missing = [what for what, ok in (("guardian consent", bool(a.guardian_consent)),
                                         ("chaperone", bool((a.chaperone or "").strip())),
                                         (f"policy {event.policy_version}", a.id in agreed)) if not ok]
        out.append(YoungWithoutConsent(a.registration_id, display_name(person_name(a)), ", ".join(missing),
                                       local(c.at, tz).strftime("%Y-%m-%d %H:%M")))
    return out


def _exceptions(event: Event, start: datetime, end: datetime) -> list[Exception_]:
    tz = event.timezone
    rows: list[tuple[datetime, Exception_]] = []
    for d in (DoorScan.select(DoorScan, Session, Attendee).join(Session).switch(DoorScan).join(Attendee)
              .where((DoorScan.event == event) & (DoorScan.override_reason != "") & (DoorScan.at >= start)
                     & (DoorScan.at < end))):
        rows.append((d.at, Exception_(_hhmm(d.at, tz), f"door override {d.session.run_code}",
                                      f"{d.attendee.registration_id} {display_name(person_name(d.attendee))}",
                                      d.override_reason, d.override_by)))
    for d in (DoorScan.select(DoorScan, Session, Attendee).join(Session).switch(DoorScan)
              .join(Attendee, JOIN.LEFT_OUTER)
              .where((DoorScan.event == event) & DoorScan.annulled_at.between(start, end))):
        who = f"{d.attendee.registration_id} {display_name(person_name(d.attendee))}" if d.attendee_id else ""
        rows.append((d.annulled_at, Exception_(_hhmm(d.annulled_at, tz), f"door scan annulled {d.session.run_code}",
                                               who, d.annul_reason, d.annulled_by)))
    for ci in (CheckIn.select(CheckIn, Attendee).join(Attendee)
               .where((Attendee.event == event) & CheckIn.annulled_at.between(start, end))):
        rows.append((ci.annulled_at, Exception_(_hhmm(ci.annulled_at, tz), "check-in annulled",
                                                f"{ci.attendee.registration_id} "
                                                f"{display_name(person_name(ci.attendee))}",
                                                ci.annul_reason, ci.annulled_by)))
    return [e for _, e in sorted(rows, key=lambda r: r[0])]


def parse_day(text: str | None, event: Event, now: datetime) -> date:
    if not text:
        return local(now, event.timezone).date()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(f"--date {text!r}: give the day as YYYY-MM-DD, e.g. 2025-11-18") from None
