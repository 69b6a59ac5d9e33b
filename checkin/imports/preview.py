"""What an import would do, shown before it does it: where each of our columns comes from (and
the organiser's corrections to that, savable as a mapping file), the rows that fail, and for a
re-import of an updated export, each person's fields that would change from what to what.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from checkin.errors import InputError
from checkin.imports.mapping import COLUMNS, FULL_NAME, Mapping, resolve_layout
from checkin.imports.importer import current_assignments
from checkin.store.models import Attendee, Event, Session
from checkin.imports.presets import mapping_from_data, recognise
from checkin.imports.rows import RowError, check_rows
from checkin.imports.tabular import Table

MAPPABLE = COLUMNS + (FULL_NAME,)


@dataclass(frozen=True)
class HeaderMatch:
    """Our column -> the file's header it is read from ("" = not in this file)."""

    preset: str                  # the preset recognised from the headers, "" for none
    chosen: dict[str, str]
    headers: tuple[str, ...]


@dataclass(frozen=True)
class FieldChange:
    registration_id: str
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class ImportPreview:
    rows: int
    creates: tuple[str, ...]
    updates: tuple[FieldChange, ...]
    unchanged: int
    errors: tuple[RowError, ...]
    skipped: int
    warnings: tuple[str, ...] = ()    # safeguarding and consent gaps, shown before importing
    sheet: str = ""                   # the workbook sheet read

    @property
    def updated_people(self) -> int:
        return len({c.registration_id for c in self.updates})


def match_headers(table: Table) -> HeaderMatch:
    """The automatic matching: a recognised preset's columns, or ours by name."""
    base = recognise(table.headers) or Mapping()
    layout = resolve_layout(table.headers, base)
    chosen = {ours: table.headers[ix[0]] for ours, ix in layout.columns.items() if ix}
    if layout.full_name:
        chosen[FULL_NAME] = table.headers[layout.full_name[0]]
    return HeaderMatch(base.preset, chosen, table.headers)


def mapping_of(match: HeaderMatch, chosen: dict[str, str], name: str = "edited in the import wizard") -> Mapping:
    """The preset (if any) with the organiser's choices on top; an unmapped column stays unmapped."""
    columns = {ours: header for ours, header in chosen.items() if header}
    for ours in match.chosen:
        if ours not in columns:
            columns[ours] = []          # chosen "not used": the preset must not bring it back
    data: dict = {"columns": columns}
    if match.preset:
        data["preset"] = match.preset
    return mapping_from_data(data, name)


def mapping_toml(match: HeaderMatch, chosen: dict[str, str]) -> str:
    """A mapping file for `checkin attendees import --mapping FILE` that does what the wizard did."""
    def q(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    lines = ["# Which of the export's columns each of our columns is read from."]
    if match.preset:
        lines.append(f"preset = {q(match.preset)}")
    lines += ["", "[columns]"]
    for ours in MAPPABLE:
        if chosen.get(ours):
            lines.append(f"{ours} = {q(chosen[ours])}")
        elif ours in match.chosen:
            lines.append(f"{ours} = []")
    return "\n".join(lines) + "\n"


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def preview(table: Table, mapping: Mapping | None, event: Event, *, now: datetime | None = None) -> ImportPreview:
    checked = check_rows(table, mapping, event, now=now)
    records = list(checked.records)
    ids = [r.registration_id for r in records]
    existing: dict[str, dict] = {}
    for start in range(0, len(ids), 500):
        for a in (Attendee.select().where((Attendee.event == event)
                                          & Attendee.registration_id.in_(ids[start:start + 500])).dicts()):
            existing[a["registration_id"]] = a
    runs = {s.id: s.run_code for s in Session.select().where(Session.event == event)}
    have = current_assignments([a["id"] for a in existing.values()])
    creates, changes, unchanged = [], [], 0
    for r in records:
        person = existing.get(r.registration_id)
        if person is None:
            creates.append(r.registration_id)
            continue
        mine = [FieldChange(r.registration_id, k, _text(person[k]), _text(v))
                for k, v in r.fields.items() if person[k] != v]
        if r.sessions is not None and set(r.sessions) != have.get(person["id"], set()):
            old = " ".join(sorted(runs.get(s, "?") for s in have.get(person["id"], set())))
            new = " ".join(sorted(runs.get(s, "?") for s in r.sessions))
            mine.append(FieldChange(r.registration_id, "sessions", old, new))
        if mine:
            changes += mine
        else:
            unchanged += 1
    return ImportPreview(len(table.rows), tuple(creates), tuple(changes), unchanged, tuple(checked.errors),
                         len(checked.skipped), checked.warnings, table.sheet)


def check_chosen(chosen: dict[str, str], headers: tuple[str, ...]) -> None:
    unknown = [h for h in chosen.values() if h and h not in headers]
    if unknown:
        raise InputError(f"the file has no column {unknown[0]!r}: choose one of its headers")
