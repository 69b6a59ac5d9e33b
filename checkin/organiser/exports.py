"""Exports for the Forum's summary report: attendance per session run, check-ins, safeguarding
confirmations and the door log, as CSV (UTF-8 with a BOM, so Excel reads the accents) or XLSX.

Attendance comes from the door's own record (presences), not from registrations: it says who
was in the room, when they first came in and when they last left.
"""

from __future__ import annotations

import csv
import io
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
from checkin.paths import write_atomically
from checkin.staff import StaffMember, require
from checkin.imports.tabular import FORMULA_STARTS
from checkin.timeutil import local, utcnow

KINDS = ("attendance", "checkins", "safeguarding", "doorlog")
FORMATS = (".csv", ".xlsx")


@dataclass(frozen=True)
class Report:
    kind: str
    columns: tuple[str, ...]
    rows: list[tuple]


@dataclass(frozen=True)
class ExportResult:
    kind: str
    file: str
    rows: int
    format: str

    def as_json(self) -> dict:
        return {"kind": self.kind, "file": self.file, "rows": self.rows, "format": self.format}


def _when(value: datetime | None, tz: str) -> str:
    return local(value, tz).strftime("%Y-%m-%d %H:%M:%S") if value else ""


def _name(a: Attendee) -> str:
    return display_name(person_name(a))


def attendance(event: Event) -> Report:
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


def checkins(event: Event) -> Report:
    tz = event.timezone
    query = (CheckIn.select(CheckIn, Attendee).join(Attendee).where(Attendee.event == event)
             .order_by(CheckIn.at, CheckIn.id))
    rows = [(c.attendee.registration_id, _name(c.attendee), c.attendee.organisation, c.attendee.country,
             c.attendee.role, _when(c.at, tz), c.station, c.staff, _when(c.annulled_at, tz), c.annulled_by,
             c.annul_reason) for c in query]
    return Report("checkins", ("registration_id", "name", "organisation", "country", "role", "checked_in_at",
                               "station", "staff", "annulled_at", "annulled_by", "annul_reason"), rows)


def safeguarding(event: Event) -> Report:
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


def doorlog(event: Event) -> Report:
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


BUILDERS = {"attendance": attendance, "checkins": checkins, "safeguarding": safeguarding, "doorlog": doorlog}


def build_report(kind: str, event: Event) -> Report:
    if kind not in BUILDERS:
        raise InputError(f"unknown export {kind!r}: use one of {', '.join(KINDS)}")
    return BUILDERS[kind](event)


def _guard(cell):
    """A name starting with = must stay text: spreadsheets would run it as a formula."""
    if isinstance(cell, str) and cell[:1] in FORMULA_STARTS:
        return "'" + cell
    return cell


def csv_bytes(report: Report) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(report.columns)
    writer.writerows([_guard(c) for c in row] for row in report.rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def xlsx_bytes(report: Report) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook(write_only=False)
    sheet = book.active
    sheet.title = report.kind
    sheet.append(list(report.columns))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in report.rows:
        sheet.append([_guard(c) for c in row])
    sheet.freeze_panes = "A2"
    for i, name in enumerate(report.columns, start=1):
        width = max([len(name)] + [len(str(r[i - 1])) for r in report.rows[:200]])
        sheet.column_dimensions[sheet.cell(1, i).column_letter].width = min(48, width + 2)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def output_format(path: str | Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise InputError(f"{path}: the output must be a .csv or .xlsx file")
    return suffix[1:]


def export(kind: str, path: str | Path, *, event: Event, by: StaffMember, station: str = "",
           now: datetime | None = None) -> ExportResult:
    """Write one export (organiser right); the export itself is audited, not its content."""
    fmt = output_format(path)
    require(by, "export")
    report = build_report(kind, event)
    data = csv_bytes(report) if fmt == "csv" else xlsx_bytes(report)
    target = write_atomically(path, data)
    audit.record("export", event_code=event.code, station=station, staff=by.name, subject=kind,
                 detail={"rows": len(report.rows), "format": fmt, "file": target.name}, at=now or utcnow())
    return ExportResult(kind, str(target), len(report.rows), fmt)
