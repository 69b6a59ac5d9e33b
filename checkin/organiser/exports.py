"""Exports for the Forum's summary report: the whole list with each person's status, no-shows,
attendance per session run (who, and how full), check-ins, safeguarding confirmations and the
door log, as CSV or XLSX (see `table` for how cells are made safe and files private).

Attendance comes from the door's own record (presences), not from registrations: it says who
was in the room, when they first came in and when they last left. After a purge, the no-shows
and the per-session figures come from the anonymous counts kept (`tallies`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from peewee import JOIN

from checkin.store import audit
from checkin.attendees import is_minor, person_name
from checkin.errors import InputError
from checkin.events.service import first_day
from checkin.store.models import Assignment, Attendee, CheckIn, DoorScan, Event, Presence, Room, SafeguardingConfirmation, Session
from checkin.names.person import display_name
from checkin.organiser import people, tallies
from checkin.organiser.table import FORMATS, Report, csv_bytes, output_format, when, write_private, xlsx_bytes
from checkin.staff import StaffMember, require
from checkin.timeutil import utcnow

KINDS = ("attendees", "noshows", "sessions", "attendance", "checkins", "safeguarding", "doorlog")
__all__ = ["FORMATS", "KINDS", "Report", "build_report", "csv_bytes", "export", "output_format", "xlsx_bytes"]


@dataclass(frozen=True)
class ExportResult:
    kind: str
    file: str
    rows: int
    format: str
    people: int = 0

    def as_json(self) -> dict:
        return {"kind": self.kind, "file": self.file, "rows": self.rows, "format": self.format,
                "people": self.people}


_when = when


def _name(a: Attendee) -> str:
    return display_name(person_name(a))


def attendance(event: Event, now: datetime | None = None) -> Report:
    """One row per person per session run they entered: first in, last out, number of entries."""
    tz = event.timezone
    assigned = {(a, s) for a, s in Assignment.select(Assignment.attendee, Assignment.session)
                .join(Session).where(Session.event == event).tuples()}
    visits: dict[tuple[int, int], list] = {}
    query = (Presence.select(Presence, Session, Room, Attendee)
             .join(Session).join(Room).switch(Presence).join(Attendee)
             .where((Session.event == event) & (Presence.exit_reason != "annulled"))
             .order_by(Session.starts, Session.code, Session.run, Presence.entered_at))
    for p in query:
        key = (p.session_id, p.attendee_id)
        if key not in visits:
            visits[key] = [p.session, p.attendee, p.entered_at, p.left_at, 0, False]
        v = visits[key]
        v[4] += 1
        if p.left_at is None:
            v[5] = True       # still inside: no last-out yet
        elif v[3] is None or p.left_at > v[3]:
            v[3] = p.left_at
    rows = []
    for (session_id, attendee_id), (s, a, first_in, last_out, entries, inside) in visits.items():
        rows.append((s.run_code, s.title, s.room.name, _when(s.starts, tz), a.registration_id, _name(a),
                     a.organisation, a.country, a.role, "yes" if (attendee_id, session_id) in assigned else "no",
                     _when(first_in, tz), "" if inside else _when(last_out, tz), entries))
    return Report("attendance", ("session_run", "title", "room", "starts", "registration_id", "name",
                                 "organisation", "country", "role", "registered", "first_in", "last_out",
                                 "entries"), rows)


def checkins(event: Event, now: datetime | None = None) -> Report:
    tz = event.timezone
    query = (CheckIn.select(CheckIn, Attendee).join(Attendee).where(Attendee.event == event)
             .order_by(CheckIn.at, CheckIn.id))
    rows = [(c.attendee.registration_id, _name(c.attendee), c.attendee.organisation, c.attendee.country,
             c.attendee.role, _when(c.at, tz), c.station, c.staff, _when(c.annulled_at, tz), c.annulled_by,
             c.annul_reason) for c in query]
    return Report("checkins", ("registration_id", "name", "organisation", "country", "role", "checked_in_at",
                               "station", "staff", "annulled_at", "annulled_by", "annul_reason"), rows)


def safeguarding(event: Event, now: datetime | None = None) -> Report:
    tz = event.timezone
    day = first_day(event)
    query = (SafeguardingConfirmation.select(SafeguardingConfirmation, Attendee).join(Attendee)
             .where(Attendee.event == event).order_by(SafeguardingConfirmation.at, SafeguardingConfirmation.id))
    rows = [(c.attendee.registration_id, _name(c.attendee), c.attendee.role,
             "yes" if is_minor(c.attendee, day) else "no", c.policy_version,
             "current" if c.policy_version == event.policy_version else "older", _when(c.at, tz), c.method,
             c.station, c.staff) for c in query]
    return Report("safeguarding", ("registration_id", "name", "role", "young_person", "policy_version",
                                   "policy", "confirmed_at", "method", "station", "staff"), rows)


def doorlog(event: Event, now: datetime | None = None) -> Report:
    """Every door scan, refusals and annulled scans included."""
    tz = event.timezone
    query = (DoorScan.select(DoorScan, Session, Attendee).join(Session).switch(DoorScan)
             .join(Attendee, JOIN.LEFT_OUTER).where(DoorScan.event == event)
             .order_by(DoorScan.at, DoorScan.id))
    rows = []
    for d in query:
        a = d.attendee if d.attendee_id else None
        rows.append((d.id, _when(d.at, tz), d.session.run_code, d.direction, d.outcome,
                     a.registration_id if a else "", _name(a) if a else "", d.station, d.staff,
                     "yes" if d.standby else "no", d.override_reason, d.override_by, _when(d.annulled_at, tz),
                     d.annulled_by, d.annul_reason))
    return Report("doorlog", ("scan_id", "at", "session_run", "direction", "outcome", "registration_id", "name",
                              "station", "staff", "standby", "override_reason", "override_by", "annulled_at",
                              "annulled_by", "annul_reason"), rows)


SESSION_COLUMNS = ("session_run", "title", "room", "starts", "ends", "capacity", "registered", "entered",
                   "peak_occupancy", "reached_capacity", "standby_admitted", "refused_full", "overrides")


def sessions(event: Event, now: datetime | None = None) -> Report:
    """One row per session run: how many held a place, came in, were inside at once at most, were
    let in from standby, were turned away because it was full. Counts only: no person in it."""
    tz = event.timezone
    c = tallies.counts(event, now)
    rows = []
    for s in (Session.select(Session, Room).join(Room).where(Session.event == event)
              .order_by(Session.starts, Session.code, Session.run)):
        run = s.run_code
        capacity, peak = c[("run_capacity", run)], c[("run_peak", run)]
        rows.append((run, s.title, s.room.name, _when(s.starts, tz), _when(s.ends, tz), capacity,
                     c[("run_registered", run)], c[("run_entered", run)], peak,
                     "yes" if capacity and peak >= capacity else "no", c[("run_standby", run)],
                     c[("run_refused_full", run)], c[("run_overrides", run)]))
    return Report("sessions", SESSION_COLUMNS, rows, people=0)


ANONYMOUS_NOSHOW_COLUMNS = ("no_show", "session_run", "role", "country", "young_person", "people")


def noshows(event: Event, now: datetime | None = None) -> Report:
    """By person while the list is there; after a purge, the same no-shows counted by kind, run,
    role and country from the anonymous counts."""
    if not tallies.was_purged(event):
        return people.noshows(event, now)
    c = tallies.counts(event, now)
    rows = sorted(tuple(tallies.parts(k)) + (v,) for (m, k), v in c.items() if m == "noshow")
    return Report("noshows", ANONYMOUS_NOSHOW_COLUMNS, rows, people=0)


BUILDERS = {"attendees": people.attendees, "noshows": noshows, "sessions": sessions, "attendance": attendance,
            "checkins": checkins, "safeguarding": safeguarding, "doorlog": doorlog}


def build_report(kind: str, event: Event, now: datetime | None = None) -> Report:
    if kind not in BUILDERS:
        raise InputError(f"unknown export {kind!r}: use one of {', '.join(KINDS)}")
    return BUILDERS[kind](event, now)


def export(kind: str, path: str | Path, *, event: Event, by: StaffMember, station: str = "",
           now: datetime | None = None) -> ExportResult:
    """Write one export (organiser right); the export itself is audited (who, what, how many rows
    and people), not its content."""
    fmt = output_format(path)
    require(by, "export")
    now = now or utcnow()
    report = build_report(kind, event, now)
    data = csv_bytes(report) if fmt == "csv" else xlsx_bytes(report)
    target = write_private(path, data)
    audit.record("export", event_code=event.code, station=station, staff=by.name, subject=kind,
                 detail={"rows": len(report.rows), "people": report.people_listed, "format": fmt,
                         "file": target.name}, at=now)
    return ExportResult(kind, str(target), len(report.rows), fmt, report.people_listed)
