"""Attendee import: every row is checked before anything is written, and a re-import updates
people by registration id without ever touching their check-ins, consents, badges or scans."""

from __future__ import annotations

import gc
import itertools
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable

import peewee

from checkin.store import audit, row_log, sql
from checkin.store.db import database
from checkin.store.models import JSONTextField

from checkin.store.db import write_transaction
from checkin.imports.mapping import Mapping
from checkin.store.models import Assignment, Attendee, Badge, Event, SafeguardingConfirmation
from checkin.imports.rows import (  # noqa: F401  (the importer's public names, kept where callers find them)
    DERIVED_FIELDS, NO, ROLE_WORDS, ROLES, TEXT_FIELDS, YES, AttendeeRecord, RowError, SkippedRow, check_rows,
    normalise_text, parse_yes_no,
)
from checkin.staff import StaffMember, require
from checkin.imports.tabular import Table, read_table
from checkin.timeutil import utcnow


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int
    errors: tuple[RowError, ...]
    written: bool
    created_ids: tuple[str, ...] = field(default=())
    updated_ids: tuple[str, ...] = field(default=())
    skipped: tuple[SkippedRow, ...] = field(default=())   # rows marked cancelled/void, or superseded
    mapping: str = ""            # the preset or mapping file used; "" for our own column names
    recognised: bool = False     # the preset was chosen by the file's headers
    columns: tuple[tuple[str, str], ...] = field(default=())   # our column, the header(s) it came from
    warnings: tuple[str, ...] = field(default=())   # safeguarding and consent gaps the organiser must see
    sheet: str = ""              # the workbook sheet read ("" for CSV)
    pending: int = 0             # pending/waitlisted/invited registrations (skipped, or imported flagged)
    minors: int = 0

    @property
    def error_rows(self) -> int:
        return len({e.row for e in self.errors})

    def as_json(self) -> dict:
        out = {"created": self.created, "updated": self.updated, "unchanged": self.unchanged,
               "errors": [e.as_json() for e in self.errors]}
        if self.mapping:
            out["mapping"] = self.mapping
            out["recognised"] = self.recognised
        if self.errors:
            out["error_rows"] = self.error_rows
        if self.sheet:
            out["sheet"] = self.sheet
        if self.skipped:
            out["skipped"] = [s.as_json() for s in self.skipped]
        if self.pending:
            out["pending"] = self.pending
        if self.warnings:
            out["warnings"] = list(self.warnings)
        return out

    def dry_run_json(self) -> dict:
        """What the same import would do, without doing it: ids to create and update, and where
        each of our columns would be read from."""
        return {**self.as_json(), "dry_run": True, "would_create": list(self.created_ids),
                "would_update": list(self.updated_ids), "columns": dict(self.columns)}


def check_table(table: Table, mapping: Mapping, event: Event) -> tuple[list[AttendeeRecord], list[RowError]]:
    checked = check_rows(table, mapping, event)
    return list(checked.records), list(checked.errors)


def import_attendees(path: str | Path, *, event: Event, mapping: Mapping | None = None, skip_invalid: bool = False,
                     dry_run: bool = False, by: StaffMember | None = None, station: str = "",
                     now: datetime | None = None, table: Table | None = None,
                     progress: Callable[[int, int], None] | None = None, include_pending: bool = False) -> ImportResult:
    """Check every row, then write all of them in one transaction (or nothing).

    Without a mapping, a known registration system's export is recognised by its headers (the
    result names the preset); otherwise our own column names are expected."""
    if by is not None:
        require(by, "import")
    with _cycle_collection_paused():
        return _import(path, event=event, mapping=mapping, skip_invalid=skip_invalid, dry_run=dry_run, by=by,
                       station=station, now=now, table=table, progress=progress, include_pending=include_pending)


@contextmanager
def _cycle_collection_paused():
    """An import makes a few hundred thousand small objects (cells, rows, records) that refcounting
    frees, and no reference cycles of its own; Python's cycle collector would still walk every
    live object, the rows included, several times over (a fifth of a 20,000-row import in a
    process holding much else). It is paused for the import and resumes after, as it was."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _import(path: str | Path, *, event: Event, mapping: Mapping | None, skip_invalid: bool, dry_run: bool,
            by: StaffMember | None, station: str, now: datetime | None, table: Table | None,
            progress: Callable[[int, int], None] | None, include_pending: bool) -> ImportResult:
    now = now or utcnow()
    table = table or read_table(path)
    checked = check_rows(table, mapping, event, now=now, include_pending=include_pending)
    errors = checked.errors
    about = {"skipped": _note_existing(checked.skipped, event),
             "mapping": "" if checked.mapping.is_plain else checked.mapping.name,
             "recognised": checked.recognised, "columns": tuple(checked.columns.items()),
             "warnings": checked.warnings, "sheet": table.sheet, "pending": checked.pending, "minors": checked.minors}
    if errors and not skip_invalid:
        return ImportResult(0, 0, 0, errors, written=False, **about)
    with write_transaction() as txn:
        result = _write(list(checked.records), event, now, progress)
        if dry_run:
            txn.rollback()
            return ImportResult(result.created, result.updated, result.unchanged, errors, False,
                                result.created_ids, result.updated_ids, **about)
        audit.record("attendees_imported", event_code=event.code, station=station, staff=by.name if by else "",
                     subject=Path(str(path)).name,
                     detail={"created": result.created_ids, "updated": result.updated_ids,
                             "unchanged": result.unchanged, "skipped_rows": sorted({e.row for e in errors}),
                             "not_coming": [s.as_json() for s in about["skipped"]], "mapping": about["mapping"]},
                     at=now)
    return ImportResult(result.created, result.updated, result.unchanged, errors, True,
                        result.created_ids, result.updated_ids, **about)


def _note_existing(skipped: tuple[SkippedRow, ...], event: Event) -> tuple[SkippedRow, ...]:
    """A skipped row whose person is already imported stays as they are: an organiser decides."""
    ids = [s.registration_id for s in skipped if s.registration_id]
    if not ids:
        return skipped
    known = set()
    for start in range(0, len(ids), 500):
        known |= {a for (a,) in Attendee.select(Attendee.registration_id).where(
            (Attendee.event == event) & Attendee.registration_id.in_(ids[start:start + 500])).tuples()}
    return tuple(SkippedRow(s.row, s.registration_id, s.reason + "; already on the list from an earlier import, "
                            "left as it is (an organiser decides)") if s.registration_id in known else s
                 for s in skipped)


# The attendee fields an import may set: compared as plain values, not model instances, because
# building 20,000 peewee models took longer than checking the rows.
IMPORTED_FIELDS = TEXT_FIELDS + DERIVED_FIELDS + ("name_order", "role", "date_of_birth", "is_minor", "guardian_consent",
                                                  "photo_consent", "language")


def _existing(event: Event) -> dict[str, dict]:
    """The event's people as plain values, read with one statement and converted per column."""
    fields = [Attendee.id, Attendee.registration_id, Attendee.extra] + [getattr(Attendee, f) for f in IMPORTED_FIELDS]
    rows = sql.all(f"SELECT {', '.join(f.column_name for f in fields)} FROM attendee WHERE event_id = ?", (event.id,))
    columns = [list(c) for c in zip(*rows)] if rows else [[] for _ in fields]
    for n, f in enumerate(fields):
        if not _plain(f):
            columns[n] = [f.python_value(v) for v in columns[n]]
    names = [f.name for f in fields]
    return {values[1]: dict(zip(names, values)) for values in zip(*columns)}


def _plain(f: peewee.Field) -> bool:
    """A text column reads back as the str it was given: no conversion needed."""
    return isinstance(f, (peewee.CharField, peewee.TextField)) and not isinstance(f, JSONTextField)


_EVENT_IDS = "SELECT registration_id, id FROM attendee WHERE event_id = ?"
_EVENT_LINKS = ("SELECT s.attendee_id, s.session_id FROM assignment s JOIN attendee a ON a.id = s.attendee_id "
                "WHERE a.event_id = ?")
_EVENT_AGREED = ("SELECT g.attendee_id, g.policy_version FROM safeguarding_confirmation g "
                 "JOIN attendee a ON a.id = g.attendee_id WHERE a.event_id = ?")
_LINK = "INSERT INTO assignment (attendee_id, session_id) VALUES (?, ?) ON CONFLICT DO NOTHING"
_UNLINK = "DELETE FROM assignment WHERE attendee_id = ? AND session_id = ?"


def _write(records: list[AttendeeRecord], event: Event, now: datetime, progress) -> ImportResult:
    existing = _existing(event)
    created, updated, unchanged = [], [], 0
    fresh = [r for r in records if r.registration_id not in existing]
    if fresh:
        created = [r.registration_id for r in fresh]
        with _logged(Attendee):
            bulk_insert_columns(Attendee, len(fresh), {
                "event": Same(event.id), "registration_id": created, "extra": [r.extra for r in fresh],
                "created_at": Same(now), "updated_at": Same(now), **_field_columns(fresh)})
        ids = dict(sql.all(_EVENT_IDS, (event.id,)))
        existing.update({reg: {"id": ids[reg]} for reg in created})
        with _logged(Badge):
            bulk_insert_columns(Badge, len(fresh), {"attendee": [ids[reg] for reg in created], "serial": Same(1),
                                                    "issued_at": Same(now), "issued_by": Same("registration")})
    created_set = set(created)
    current: dict[int, set[int]] = {}
    for attendee_id, session_id in sql.all(_EVENT_LINKS, (event.id,)):
        current.setdefault(attendee_id, set()).add(session_id)
    agreed = set(sql.all(_EVENT_AGREED, (event.id,)))
    new_links, dropped, new_agreements = [], [], []
    for n, r in enumerate(records, start=1):
        person = existing[r.registration_id]
        is_new = r.registration_id in created_set
        changed = False
        if not is_new:
            diff = {k: v for k, v in r.fields.items() if person[k] != v}
            if r.extra != (person["extra"] or {}):
                diff["extra"] = r.extra
            if diff:
                Attendee.update(updated_at=now, **diff).where(Attendee.id == person["id"]).execute()
                changed = True
        if r.sessions is not None:
            have = current.get(person["id"], set())
            want = set(r.sessions)
            new_links += [(person["id"], s) for s in want - have]
            dropped += [(person["id"], s) for s in have - want]
            changed = changed or (not is_new and want != have)
        if r.agreed_at is not None and (person["id"], r.agreed_version) not in agreed:
            # An agreement already on file (from an earlier import or the desk) is never replaced.
            new_agreements.append((person["id"], r.agreed_version, r.agreed_at))
            agreed.add((person["id"], r.agreed_version))
            changed = True
        if not is_new:
            if changed:
                updated.append(r.registration_id)
            else:
                unchanged += 1
        if progress and n % 200 == 0:
            progress(n, len(records))
    db = database.obj
    if new_links:
        with _logged(Assignment):
            db.cursor().executemany(sql.text(_LINK), new_links)
    if new_agreements:
        attendees, versions, times = (list(c) for c in zip(*new_agreements))
        with _logged(SafeguardingConfirmation):
            bulk_insert_columns(SafeguardingConfirmation, len(new_agreements), {
                "attendee": attendees, "policy_version": versions, "at": times, "method": Same("registration")})
    if dropped:
        db.cursor().executemany(sql.text(_UNLINK), dropped)
    if progress:
        progress(len(records), len(records))
    return ImportResult(len(created), len(updated), unchanged, (), True, tuple(created), tuple(updated))


def _logged(model):
    """The change log (stations' offline copies and the search read it) takes this block's new
    rows in one statement, not one trigger per row."""
    return row_log.inserts_logged_at_end(database.obj, model._meta.table_name)


def _field_columns(records: list[AttendeeRecord]) -> dict[str, list]:
    """The records' attendee fields column by column; a field one record lacks takes its default."""
    return _by_column(Attendee, [r.fields for r in records])


def bulk_insert(model, rows: list[dict]) -> None:
    """Insert many rows with one prepared statement. peewee's insert_many renders SQL per value,
    which made a 20,000-row import spend most of its time building strings."""
    if not rows:
        return
    bulk_insert_columns(model, len(rows), _by_column(model, rows))


def _by_column(model, rows: list[dict]) -> dict[str, list]:
    """Rows of field values turned into columns. Every column any row gives: rows differ (one
    person's ticket says "under 18", the next says nothing), and a column taken from the first
    row alone would silently drop the others' values; a row without it takes the default."""
    columns = {}
    for name in dict.fromkeys(itertools.chain.from_iterable(rows)):
        f = model._meta.fields[name]
        default = f.default() if callable(f.default) else f.default
        columns[name] = [row.get(name, default) for row in rows]
    return columns


class Same:
    """One value for every row of a column (the import's time, the event): converted once."""

    def __init__(self, value):
        self.value = value


def bulk_insert_columns(model, count: int, columns: dict[str, list | Same]) -> None:
    """Insert `count` rows given column by column: a list of one value per row, or `Same(value)`.
    Columns not given take their default. Each column is converted for the database at once: a
    text column goes as given, a value repeated down a column (a date, a yes) is converted once."""
    if not count:
        return
    fields = [model._meta.fields[name] for name in columns]
    for f in model._meta.sorted_fields:
        if f.name not in columns and f.default is not None and not isinstance(f, peewee.AutoField):
            fields.append(f)
    db = model._meta.database
    names = ", ".join(f'"{f.column_name}"' for f in fields)
    marks = ", ".join([db.param] * len(fields))
    statement = f'INSERT INTO "{model._meta.table_name}" ({names}) VALUES ({marks})'
    values = []
    for f in fields:
        given = columns.get(f.name)
        if given is None:
            given = Same(f.default() if callable(f.default) else f.default)
        if isinstance(given, Same):
            values.append(itertools.repeat(f.db_value(given.value), count))
        else:
            if len(given) != count:
                raise ValueError(f"{model.__name__}.{f.name}: {len(given)} values for {count} rows")
            values.append(_db_column(f, given))
    db.cursor().executemany(statement, zip(*values))


def _db_column(f: peewee.Field, column: list) -> list:
    """A column's values as the database takes them."""
    if _plain(f) and set(map(type, column)) == {str}:
        return column
    if isinstance(f, JSONTextField):
        return [f.db_value(v) for v in column]
    try:
        known = {v: f.db_value(v) for v in set(column)}
    except TypeError:                      # a value that cannot be a key: each converted on its own
        return [f.db_value(v) for v in column]
    return [known[v] for v in column]


def current_assignments(attendee_ids: list[int]) -> dict[int, set[int]]:
    found: dict[int, set[int]] = {}
    for start in range(0, len(attendee_ids), 500):
        chunk = attendee_ids[start:start + 500]
        for a, s in Assignment.select(Assignment.attendee, Assignment.session).where(
                Assignment.attendee.in_(chunk)).tuples():
            found.setdefault(a, set()).add(s)
    return found
