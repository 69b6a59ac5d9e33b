"""Attendee import: every row is checked before anything is written, and a re-import updates
people by registration id without ever touching their check-ins, consents, badges or scans."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Callable

import peewee

from checkin import audit
from checkin.db import write_transaction
from checkin.errors import InputError
from checkin.mapping import COLUMNS, Mapping, resolve_headers
from checkin.models import Assignment, Attendee, Badge, Event, SafeguardingConfirmation, Session
from checkin.staff import StaffMember, require
from checkin.tabular import Table, read_table
from checkin.timeutil import parse_instant, utcnow

ROLES = ("delegate", "speaker", "organiser", "media", "staff", "youth")
ROLE_WORDS = {"young person": "youth", "young people": "youth", "organizer": "organiser", "press": "media"}
YES = {"yes", "y", "true", "1", "agree", "agreed", "i agree", "ya", "oui", "ja"}
NO = {"no", "n", "false", "0", "tidak", "non", "nein"}
TEXT_FIELDS = ("given_name", "family_name", "preferred_name", "name_latin", "honorific", "organisation",
               "country", "email", "chaperone")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def as_json(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass(frozen=True)
class AttendeeRecord:
    """One checked row: attendee fields for the columns the file has, nothing else."""

    row: int
    registration_id: str
    fields: dict                       # column -> value, only columns present in the file
    sessions: tuple[int, ...] | None   # session ids; None when the file has no sessions column
    agreed_at: datetime | None
    agreed_version: str
    extra: dict


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int
    errors: tuple[RowError, ...]
    written: bool
    created_ids: tuple[str, ...] = field(default=())
    updated_ids: tuple[str, ...] = field(default=())

    def as_json(self) -> dict:
        return {"created": self.created, "updated": self.updated, "unchanged": self.unchanged,
                "errors": [e.as_json() for e in self.errors]}


def normalise_text(value: str) -> str:
    """NFC (decomposed Vietnamese stacks badly on badges), single spaces, no formula guard."""
    value = unicodedata.normalize("NFC", value).replace("\u3000", " ")
    return " ".join(value.split())


def parse_yes_no(value: str) -> bool | None:
    v = value.strip().casefold()
    if not v:
        return None
    if v in YES:
        return True
    if v in NO:
        return False
    raise ValueError(f"{value!r} is not yes or no")


class _Row:
    """Reads one table row through the column mapping, collecting its errors."""

    def __init__(self, cells: tuple[str, ...], index: dict[str, int], mapping: Mapping, number: int):
        self.cells, self.index, self.mapping, self.number = cells, index, mapping, number
        self.errors: list[RowError] = []

    def has(self, column: str) -> bool:
        return column in self.index or column in self.mapping.constants

    def get(self, column: str) -> str:
        if column in self.index:
            return self.cells[self.index[column]].strip()
        return self.mapping.constants.get(column, "")

    def error(self, column: str, message: str) -> None:
        self.errors.append(RowError(self.number, column, message))


def check_table(table: Table, mapping: Mapping, event: Event) -> tuple[list[AttendeeRecord], list[RowError]]:
    index = resolve_headers(table.headers, mapping)
    if "registration_id" not in index:
        raise InputError(f"{table.source}: no registration_id column: add one, or map it with --mapping")
    if "given_name" not in index and "family_name" not in index and not {"given_name", "family_name"} & set(mapping.constants):
        raise InputError(f"{table.source}: no given_name or family_name column: map the name columns with --mapping")
    agreement_col = agreement_at_col = None
    if mapping.agreement:
        folded = [h.casefold() for h in table.headers]
        if mapping.agreement.column.casefold() not in folded:
            raise InputError(f"the agreement question {mapping.agreement.column!r} is not a column of {table.source}")
        agreement_col = folded.index(mapping.agreement.column.casefold())
        if mapping.agreement.at:
            agreement_at_col = folded.index(mapping.agreement.at.casefold()) if mapping.agreement.at.casefold() in folded else None
    used = set(index.values()) | {agreement_col, agreement_at_col}
    sessions = {s.run_code.casefold(): s.id for s in Session.select().where(Session.event == event)}

    records, errors, seen = [], [], {}
    for cells, number in zip(table.rows, table.row_numbers):
        row = _Row(cells, index, mapping, number)
        record = _check_row(row, event, sessions, agreement_col, agreement_at_col, table.headers, used)
        reg = row.get("registration_id")
        if reg and reg in seen:
            row.error("registration_id", f"{reg} is also on row {seen[reg]}: registration ids must be unique")
        elif reg:
            seen[reg] = number
        if row.errors:
            errors.extend(row.errors)
        else:
            records.append(record)
    return records, errors


def _check_row(row: _Row, event: Event, sessions: dict[str, int], agreement_col, agreement_at_col,
               headers, used) -> AttendeeRecord | None:
    values: dict = {}
    reg = normalise_text(row.get("registration_id"))
    if not reg:
        row.error("registration_id", "empty: every attendee needs a registration id")
    for column in TEXT_FIELDS:
        if row.has(column):
            values[column] = normalise_text(row.get(column))
    if not values.get("given_name") and not values.get("family_name"):
        row.error("given_name", "no name: give a given name or a family name (one is enough)")
    if values.get("email") and not _EMAIL.match(values["email"]):
        row.error("email", f"{values['email']!r} is not an email address")
    if row.has("name_order"):
        order = row.get("name_order").casefold().replace("_", "-").replace(" ", "-") or "given-first"
        if order not in ("given-first", "family-first"):
            row.error("name_order", f"{row.get('name_order')!r}: write given-first or family-first")
        values["name_order"] = order
    if row.has("role"):
        role = row.get("role").casefold() or "delegate"
        role = ROLE_WORDS.get(role, role)
        if role not in ROLES:
            row.error("role", f"{row.get('role')!r} is not a role: use one of {', '.join(ROLES)}")
        values["role"] = role
    if row.has("date_of_birth"):
        values["date_of_birth"] = _date(row, "date_of_birth")
    for column in ("is_minor", "guardian_consent", "photo_consent"):
        if row.has(column):
            try:
                values[column] = parse_yes_no(row.get(column))
            except ValueError as exc:
                row.error(column, f"{exc}: write yes or no, or leave it empty")

    agreed_at, version = None, ""
    if row.get("safeguarding_agreed_at"):
        try:
            agreed_at = parse_instant(row.get("safeguarding_agreed_at"), event.timezone)
        except InputError:
            row.error("safeguarding_agreed_at", f"{row.get('safeguarding_agreed_at')!r} is not an ISO 8601 time")
        version = row.get("safeguarding_policy_version") or event.policy_version
    if agreement_col is not None:
        try:
            agreed = parse_yes_no(row.cells[agreement_col])
        except ValueError as exc:
            row.error("safeguarding_agreed_at", f"agreement answer {exc}")
            agreed = None
        if agreed:
            when = row.cells[agreement_at_col] if agreement_at_col is not None else ""
            try:
                agreed_at = parse_instant(when, event.timezone) if when else utcnow()
            except InputError:
                row.error("safeguarding_agreed_at", f"{when!r} is not a time the importer reads")
            version = row.mapping.agreement.policy_version or event.policy_version

    session_ids = None
    if row.has("sessions"):
        session_ids = []
        for part in re.split(r"[;\n]", row.get("sessions")):
            code = part.strip()
            if not code:
                continue
            sid = sessions.get(code.casefold())
            if sid is None:
                row.error("sessions", f"no session run {code!r} in {event.code} (re-runs are written C1/2)")
            elif sid not in session_ids:
                session_ids.append(sid)
        session_ids = tuple(session_ids)

    extra = {h: row.cells[i] for i, h in enumerate(headers) if i not in used and h and row.cells[i]}
    if row.errors:
        return None
    return AttendeeRecord(row.number, reg, values, session_ids, agreed_at, version, extra)


def _date(row: _Row, column: str) -> date | None:
    text = row.get(column)
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        row.error(column, f"{text!r} is not a date: write it as YYYY-MM-DD")
        return None


def import_attendees(path: str | Path, *, event: Event, mapping: Mapping | None = None, skip_invalid: bool = False,
                     dry_run: bool = False, by: StaffMember | None = None, station: str = "",
                     now: datetime | None = None, table: Table | None = None,
                     progress: Callable[[int, int], None] | None = None) -> ImportResult:
    """Check every row, then write all of them in one transaction (or nothing)."""
    if by is not None:
        require(by, "import")
    now = now or utcnow()
    table = table or read_table(path)
    records, errors = check_table(table, mapping or Mapping(), event)
    if errors and not skip_invalid:
        return ImportResult(0, 0, 0, tuple(errors), written=False)
    with write_transaction() as txn:
        result = _write(records, event, now, progress)
        if dry_run:
            txn.rollback()
            return ImportResult(result.created, result.updated, result.unchanged, tuple(errors), False,
                                result.created_ids, result.updated_ids)
        audit.record("attendees_imported", event_code=event.code, station=station, staff=by.name if by else "",
                     subject=Path(str(path)).name,
                     detail={"created": result.created_ids, "updated": result.updated_ids,
                             "unchanged": result.unchanged, "skipped_rows": [e.row for e in errors]}, at=now)
    return ImportResult(result.created, result.updated, result.unchanged, tuple(errors), True,
                        result.created_ids, result.updated_ids)


def _write(records: list[AttendeeRecord], event: Event, now: datetime, progress) -> ImportResult:
    existing = {a.registration_id: a for a in Attendee.select().where(Attendee.event == event)}
    created, updated, unchanged = [], [], 0
    fresh = [r for r in records if r.registration_id not in existing]
    bulk_insert(Attendee, [{"event": event.id, "registration_id": r.registration_id, "extra": r.extra,
                            "created_at": now, "updated_at": now, **r.fields} for r in fresh])
    if fresh:
        ids = {a.registration_id: a for a in Attendee.select().where(
            (Attendee.event == event) & Attendee.registration_id.in_([r.registration_id for r in fresh]))}
        existing.update(ids)
        bulk_insert(Badge, [{"attendee": ids[r.registration_id].id, "serial": 1, "issued_at": now,
                             "issued_by": "registration"} for r in fresh])
        created = [r.registration_id for r in fresh]
    created_set = set(created)
    current = _current_assignments([existing[r.registration_id].id for r in records])
    agreed = set(SafeguardingConfirmation.select(SafeguardingConfirmation.attendee, SafeguardingConfirmation.policy_version)
                 .join(Attendee).where(Attendee.event == event).tuples())
    new_links, dropped, new_agreements = [], [], []
    for n, r in enumerate(records, start=1):
        person = existing[r.registration_id]
        is_new = r.registration_id in created_set
        changed = False
        if not is_new:
            diff = {k: v for k, v in r.fields.items() if getattr(person, k) != v}
            if r.extra != (person.extra or {}):
                diff["extra"] = r.extra
            if diff:
                Attendee.update(updated_at=now, **diff).where(Attendee.id == person.id).execute()
                changed = True
        if r.sessions is not None:
            have = current.get(person.id, set())
            want = set(r.sessions)
            new_links += [{"attendee": person.id, "session": s} for s in want - have]
            dropped += [(person.id, s) for s in have - want]
            changed = changed or (not is_new and want != have)
        if r.agreed_at is not None and (person.id, r.agreed_version) not in agreed:
            # An agreement already on file (from an earlier import or the desk) is never replaced.
            new_agreements.append({"attendee": person.id, "policy_version": r.agreed_version,
                                   "at": r.agreed_at, "method": "registration"})
            agreed.add((person.id, r.agreed_version))
            changed = True
        if not is_new:
            if changed:
                updated.append(r.registration_id)
            else:
                unchanged += 1
        if progress and n % 200 == 0:
            progress(n, len(records))
    for start in range(0, len(new_links), 500):
        Assignment.insert_many(new_links[start:start + 500]).on_conflict_ignore().execute()
    bulk_insert(SafeguardingConfirmation, new_agreements)
    for attendee_id, session_id in dropped:
        Assignment.delete().where((Assignment.attendee == attendee_id) & (Assignment.session == session_id)).execute()
    if progress:
        progress(len(records), len(records))
    return ImportResult(len(created), len(updated), unchanged, (), True, tuple(created), tuple(updated))


def bulk_insert(model, rows: list[dict]) -> None:
    """Insert many rows with one prepared statement. peewee's insert_many renders SQL per value,
    which made a 20,000-row import spend most of its time building strings."""
    if not rows:
        return
    fields = [model._meta.fields[name] for name in rows[0]]
    for f in model._meta.sorted_fields:
        if f.name not in rows[0] and f.default is not None and not isinstance(f, peewee.AutoField):
            fields.append(f)
    db = model._meta.database
    columns = ", ".join(f'"{f.column_name}"' for f in fields)
    marks = ", ".join([db.param] * len(fields))
    sql = f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES ({marks})'

    def value(f, row):
        v = row[f.name] if f.name in row else (f.default() if callable(f.default) else f.default)
        return f.db_value(v)

    db.cursor().executemany(sql, [tuple(value(f, row) for f in fields) for row in rows])


def _current_assignments(attendee_ids: list[int]) -> dict[int, set[int]]:
    found: dict[int, set[int]] = {}
    for start in range(0, len(attendee_ids), 500):
        chunk = attendee_ids[start:start + 500]
        for a, s in Assignment.select(Assignment.attendee, Assignment.session).where(
                Assignment.attendee.in_(chunk)).tuples():
            found.setdefault(a, set()).add(s)
    return found
