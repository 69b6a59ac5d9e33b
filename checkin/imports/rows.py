"""Checking an export's rows: each becomes an attendee record, a list of errors, or a skip note.

Nothing here writes. Rows the registration system marks as not coming (cancelled, refunded,
void, declined — the preset's `skip` rule) are skipped with a note, not imported: the export
still lists them, but a badge for a cancelled ticket is a badge for someone who is not coming.
A registration id made from the email (Google Forms keeps no id) is `GF-` and the first ten
hex digits of SHA-256 of the trimmed, lowercased address: stable across re-exports. When the
same email answers the form again, the later answer supersedes the earlier (skipped, noted).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from checkin.errors import InputError
from checkin.events.service import first_day
from checkin.imports.dates import TimeFormatError, infer_day_first, parse_export_date, parse_export_time
from checkin.imports.mapping import AGE, STATUS, TICKET, Layout, Mapping, header_label, resolve_layout
from checkin.names.person import fold as fold_person
from checkin.imports.signals import parse_age, status_flag, status_kind, ticket_age, ticket_role
from checkin.store.models import Event, Session
from checkin.names.person import fold
from checkin.names.split import customary_order, split_full_name
from checkin.imports.presets import recognise
from checkin.imports.sessionmatch import Run, SessionMatcher
from checkin.imports.tabular import Table
from checkin.languages import language_code
from checkin.timeutil import local, utcnow

ROLES = ("delegate", "speaker", "organiser", "media", "staff", "youth")
ROLE_WORDS = {"young person": "youth", "young people": "youth", "organizer": "organiser", "press": "media"}
YES = {"yes", "y", "true", "1", "agree", "agreed", "i agree", "ya", "oui", "ja", "accept", "accepted", "i accept",
       "i consent", "consent", "checked", "x", "✓", "✔", "setuju", "bersetuju", "boleh", "ya, setuju", "có", "co",
       "đồng ý", "dong y", "oo", "opo", "sige", "ใช่", "ยินยอม", "อนุญาต", "ແມ່ນ", "ຍິນຍອມ", "បាទ", "ចាស", "យល់ព្រម",
       "ဟုတ်ကဲ့", "ဟုတ်", "သဘောတူသည်", "是", "同意", "可以", "given", "granted", "signed", "received", "on file"}
NO = {"no", "n", "false", "0", "tidak", "non", "nein", "decline", "declined", "i do not agree", "disagree",
      "tidak setuju", "tak", "tidak boleh", "không", "khong", "không đồng ý", "hindi", "ayaw", "ไม่", "ไม่ใช่",
      "ไม่ยินยอม", "ไม่อนุญาต", "ບໍ່", "ບໍ່ຍິນຍອມ", "ទេ", "មិនយល់ព្រម", "မဟုတ်ပါ", "မဟုတ်", "否", "不同意", "不",
      "not given", "refused", "none", "not signed"}
YES_WORDS = ("yes", "ya", "oui", "ja", "true", "oo", "opo", "có")
NO_WORDS = ("no", "tidak", "non", "nein", "false", "hindi", "không", "tak")
_NEGATIVE = re.compile(r"\b(do not|don't|dont|not agree|disagree|decline|not consent|not give|not be)\b")
_POSITIVE = re.compile(r"\b(agree|accept|consent|i have read|happy to|allow|confirm)\w*")
TEXT_FIELDS = ("given_name", "family_name", "preferred_name", "name_latin", "name_native", "honorific",
               "organisation", "country", "email", "chaperone", "delegation")
# Stored from what the row says rather than read from one column: "" for a confirmed registration,
# otherwise its status ("pending_approval", "waitlist"…) when pending people are imported flagged.
DERIVED_FIELDS = ("registration_status",)
_ADDON = re.compile(r"^(add-?on to( position)?( id)?|addon_to|zusatzprodukt zu( position)?( id)?|parent position)$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_OPTION = re.compile(r"^(.+?)\s+[–—-]\s+(.+)$|^(.+?)\s*\[(.+)\]$")


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def as_json(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass(frozen=True)
class SkippedRow:
    row: int
    registration_id: str
    reason: str

    def as_json(self) -> dict:
        return {"row": self.row, "registration_id": self.registration_id, "reason": self.reason}


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
class CheckedTable:
    records: tuple[AttendeeRecord, ...]
    errors: tuple[RowError, ...]
    skipped: tuple[SkippedRow, ...]
    mapping: Mapping
    recognised: bool                   # the mapping is a preset chosen by the file's headers
    columns: dict[str, str]            # our column -> the header(s) it was read from
    warnings: tuple[str, ...] = ()     # what the organiser must know before trusting the list
    pending: int = 0                   # pending/waitlisted/invited rows (skipped, or imported flagged)
    minors: int = 0


def normalise_text(value: str) -> str:
    """NFC (decomposed Vietnamese stacks badly on badges), single spaces, no formula guard."""
    value = unicodedata.normalize("NFC", value).replace("\u3000", " ")
    return " ".join(value.split())


def parse_yes_no(value: str) -> bool | None:
    """Yes/no as forms write it: "Yes", "Ya", "No, please do not photograph me", "I agree…"."""
    v = " ".join(value.split()).casefold().rstrip(".!")
    if not v:
        return None
    if v in YES:
        return True
    if v in NO:
        return False
    first = re.match(r"[^\W\d_]+", v)
    first = first.group(0) if first else ""
    if first in NO_WORDS or _NEGATIVE.search(v):
        return False
    if first in YES_WORDS or _POSITIVE.search(v):
        return True
    raise ValueError(f"{value!r} is not yes or no")


def email_id(prefix: str, email: str) -> str:
    return prefix + hashlib.sha256(email.strip().casefold().encode()).hexdigest()[:10].upper()


def session_runs(event: Event) -> list[Run]:
    return [Run(s.id, s.code, s.run, s.title, local(s.starts, event.timezone).time().replace(second=0))
            for s in Session.select().where(Session.event == event)]


def check_rows(table: Table, mapping: Mapping | None, event: Event, *, now: datetime | None = None,
               include_pending: bool = False) -> CheckedTable:
    recognised = mapping is None
    mapping = mapping or recognise(table.headers) or Mapping()
    recognised = recognised and not mapping.is_plain
    include_pending = include_pending or mapping.include_pending
    layout = resolve_layout(table.headers, mapping)
    if not layout.has("registration_id") and not ("registration_id" in mapping.constants):
        if not mapping.id_from_email:
            looked = _looked_for(mapping, "registration_id")
            raise InputError(f"{table.source}: no registration_id column{looked}: add one, or map it with --mapping "
                             "(a mapping file, or a preset: eventbrite, pretix, indico, google-forms, tito, luma)")
        if "email" not in layout.columns:
            raise InputError(f"{table.source}: no email column to make registration ids from: "
                             "collect email addresses in the form, or map an id column with --mapping")
    if not (layout.has("given_name") or layout.has("family_name")
            or {"given_name", "family_name"} & set(mapping.constants)):
        looked = _looked_for(mapping, "given_name")
        raise InputError(f"{table.source}: no given_name or family_name column{looked}: "
                         "map the name columns with --mapping")
    ctx = _Context(event, mapping, layout, table.headers, SessionMatcher(session_runs(event), event.code),
                   now or utcnow())
    ctx.day_first = _date_orders(table, layout, mapping)
    ctx.event_day = _event_day(event, ctx.now)
    records: dict[str, AttendeeRecord] = {}
    errors: list[RowError] = []
    skipped: dict[int, SkippedRow] = {}
    seen: dict[str, int] = {}
    pending = 0
    name_columns = [i for c in ("given_name", "family_name", "preferred_name", "name_latin", "name_native")
                    for i in layout.columns.get(c, ())] + list(layout.full_name)
    # A row without a name is not a person, unless the mapping gives every row the same name.
    nameless_skips = not mapping.is_plain and bool(name_columns) and not {"given_name", "family_name"} & set(mapping.constants)
    # pretix lists an add-on (a lunch, a workshop seat) as a position of its own, pointing at its parent
    addon = next((i for i, h in enumerate(table.headers) if _ADDON.match(fold_words(h))), None)
    skips = [(i, _memo(rule.skips)) for i, rule in layout.skip]   # each status word folded once
    has_status = STATUS in ctx.present
    pending_kind = _memo(status_kind)
    unique_ids = mapping.id_from_email and not layout.has("registration_id")
    ctx.texts = {column: _text_column(table.rows, column, ctx) for column in ctx.text_fields + ("registration_id",)}
    for k, (cells, number) in enumerate(zip(table.rows, table.row_numbers)):
        row = _Row(cells, ctx, number, k)
        gone = next((f"{table.headers[i]} is {cells[i]!r}" for i, skips_value in skips if skips_value(cells[i])), None)
        if gone:
            skipped.setdefault(number, SkippedRow(number, row.registration_id(), f"{gone}: not imported"))
            continue
        status = row.get(STATUS) if has_status else ""
        if status and pending_kind(status) == "pending":
            pending += 1
            if not include_pending:
                skipped.setdefault(number, SkippedRow(number, row.registration_id(),
                                   f"registration is {status!r}, not confirmed: not imported "
                                   "(--include-pending imports it flagged)"))
                continue
            row.status = status_flag(status)
        if addon is not None and cells[addon].strip():
            skipped.setdefault(number, SkippedRow(number, row.registration_id(),
                               f"an add-on to position {cells[addon].strip()}, not a person: not imported"))
            continue
        if nameless_skips and not any(cells[i].strip() for i in name_columns):
            skipped.setdefault(number, SkippedRow(number, row.registration_id(),
                               "no attendee name: an add-on, or a ticket not yet assigned to anyone; not a person, "
                               "not imported"))
            continue
        record = _check_row(row, ctx)
        reg = row.registration_id()
        if reg and reg in seen and unique_ids:
            earlier = seen[reg]
            records.pop(reg, None)
            errors = [e for e in errors if e.row != earlier]
            skipped[earlier] = SkippedRow(earlier, reg, f"the same email answered again on row {number}: that answer is used")
        elif reg and reg in seen:
            row.error("registration_id", f"{reg} is also on row {seen[reg]}: registration ids must be unique")
        if reg:
            seen[reg] = number
        if row.errors:
            errors.extend(row.errors)
        elif record is not None:
            records[reg] = record
    ordered = tuple(sorted(records.values(), key=lambda r: r.row))
    minors = sum(1 for r in ordered if _minor(r, ctx.event_day))
    warnings = _warnings(layout, mapping, ordered, minors, pending, include_pending, ctx)
    return CheckedTable(ordered, tuple(errors), tuple(sorted(skipped.values(), key=lambda s: s.row)), mapping,
                        recognised, layout.describe(table.headers), tuple(warnings), pending, minors)


def _event_day(event: Event, now: datetime) -> date:
    return first_day(event) or local(now, event.timezone).date()


def _minor(record: AttendeeRecord, day: date) -> bool:
    dob = record.fields.get("date_of_birth")
    if dob is not None:
        return age_on(dob, day) < 18
    return bool(record.fields.get("is_minor"))


def age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _date_orders(table: Table, layout: Layout, mapping: Mapping) -> dict[int, bool | None]:
    """Each date column's order, from all its values: one day above 12 decides it for the whole
    column (07/19/1981 is month-first, so 04/03/1990 in the same column is April 3). A column that stays ambiguous takes the mapping's `dates =`."""
    columns = set(layout.columns.get("date_of_birth", ())) | set(layout.columns.get("safeguarding_agreed_at", ()))
    columns |= set(layout.agreement_at)
    out: dict[int, bool | None] = {}
    for i in columns:
        found = infer_day_first({row[i] for row in table.rows})   # each distinct date once: the order is all it asks
        out[i] = found if found is not None else mapping.day_first
    return out


def _warnings(layout: Layout, mapping: Mapping, records, minors: int, pending: int, include_pending: bool,
              ctx: "_Context") -> list[str]:
    out = []
    has_age = any(layout.has(c) or c in mapping.constants for c in ("date_of_birth", "is_minor", AGE))
    ticket_says = any(r.fields.get("is_minor") is not None for r in records)
    if not has_age and not ticket_says:
        out.append("SAFEGUARDING: this file has no date of birth, age or under-18 column, and no ticket type that "
                   "names young people: nobody could be marked as a minor. Map the column (--mapping) or check "
                   "every young person at the desk.")
    if minors and not (layout.has("guardian_consent") or "guardian_consent" in mapping.constants):
        out.append(f"SAFEGUARDING: {minors} minor(s) but no guardian-consent column: their guardian consent is "
                   "unknown until the desk records it. Map the consent question (--mapping).")
    if not (layout.has("photo_consent") or "photo_consent" in mapping.constants):
        out.append("No photo-consent column was found: everyone is treated as NO PHOTOS. If the form asked, map "
                   "the question (photo_consent = \"…\" in a mapping file).")
    if layout.agreement is None and not (layout.has("safeguarding_agreed_at")
                                         or "safeguarding_agreed_at" in mapping.constants):
        out.append("No safeguarding-agreement column was found: nobody's agreement to the policy is on file, so "
                   "the desk will ask each person. If the form asked, map the question ([agreement] column = \"…\").")
    if pending:
        out.append(f"{pending} registration(s) are pending, waitlisted, invited or unpaid: "
                   + ("imported and flagged as not confirmed." if include_pending else
                      "not imported (--include-pending imports them flagged)."))
    return out


def _looked_for(mapping: Mapping, ours: str) -> str:
    """For a preset that does not fit the file: which headers it looked for."""
    if not mapping.preset:
        return ""
    wanted = mapping.columns.get(ours) or tuple(p if isinstance(p, str) else p[0] for p in mapping.joins.get(ours, ()))
    names = ", ".join(repr(h) for h in ((wanted,) if isinstance(wanted, str) else wanted))
    return f" (the {mapping.preset} preset looks for {names}: is this a {mapping.preset} export?)"


@dataclass
class _Context:
    event: Event
    mapping: Mapping
    layout: Layout
    headers: tuple[str, ...]
    matcher: SessionMatcher
    now: datetime

    def __post_init__(self):
        layout, constants = self.layout, self.mapping.constants
        self.labels = [header_label(self.headers, i) for i in range(len(self.headers))]
        self.used = layout.used | {i for i, _ in layout.skip}
        # The export's other columns, kept in `extra` under their labels: found once per file.
        self.extra = [(i, self.labels[i]) for i in range(len(self.headers)) if i not in self.used and self.headers[i]]
        self.options = [_OPTION.match(h) for h in self.headers]
        self.day_first: dict[int, bool | None] = {}
        self.event_day: date | None = None
        self.is_plain = self.mapping.is_plain
        # Where each of our columns is read from, decided once per file rather than once per cell.
        self.present = frozenset(layout.columns) | frozenset(layout.joins) | frozenset(constants)
        self.getters = {column: _getter(column, layout, constants) for column in self.present}
        self.text_fields = tuple(c for c in TEXT_FIELDS if c in self.present)
        self.texts: dict[str, list[str]] = {}   # our text columns, normalised for every row (check_rows)
        # Each distinct value of a column is converted once: exports repeat countries, organisations,
        # answers and ticket types thousands of times. A value that fails is not kept, so each row
        # holding it still gets its own error.
        self.text = _memo(normalise_text)
        self.yes_no = _memo(parse_yes_no)
        self.role = _memo(_role_value)
        self.language = _memo(language_code)
        self.age = _memo(parse_age)
        self.ticket_age = _memo(ticket_age)
        self.ticket_role = _memo(ticket_role)
        tz = self.event.timezone        # not `self` in the lambda: a cycle would keep the memos alive
        self.time = _memo(lambda key: parse_export_time(key[0], tz, day_first=key[1]))
        self.split = _memo(lambda key: split_full_name(key[0], country=key[1]))
        self.order = _memo(lambda key: customary_order(*key))


def _text_column(rows: tuple[tuple[str, ...], ...], column: str, ctx: "_Context") -> list[str]:
    """One of our text columns for every row, normalised: each distinct cell once."""
    ix = ctx.layout.columns.get(column, ())
    if column in ctx.layout.joins or len(ix) != 1:
        get = ctx.getters.get(column, lambda cells: "")
        return [ctx.text(get(cells)) for cells in rows]
    i = ix[0]
    cells = [r[i] for r in rows]
    text = {v: normalise_text(v.strip()) for v in set(cells)}
    return [text[v] for v in cells]


def _memo(convert):
    """`convert` remembered by value for one file's check (kept no longer: it holds personal data)."""
    known: dict = {}

    def call(value):
        try:
            return known[value]
        except KeyError:
            out = known[value] = convert(value)
            return out
    return call


def _getter(column: str, layout: Layout, constants: dict):
    """How one of our columns is read from a row: joined parts, the first non-empty of its
    columns, or the mapping's constant."""
    if column in layout.joins:
        parts = layout.joins[column]
        return lambda cells: "-".join(p for p in (cells[i].strip() for i in parts) if p)
    if column in layout.columns:
        ix = layout.columns[column]
        if len(ix) == 1:
            i = ix[0]
            return lambda cells: cells[i].strip()
        return lambda cells: next((v for v in (cells[i].strip() for i in ix) if v), "")
    value = constants.get(column, "")
    return lambda cells: value


class _Row:
    """Reads one table row through the layout, collecting its errors."""

    def __init__(self, cells: tuple[str, ...], ctx: _Context, number: int, k: int):
        self.cells, self.ctx, self.number, self.k = cells, ctx, number, k   # k: the row's place in the table
        self.errors: list[RowError] = []
        self._reg: str | None = None
        self.status = ""             # a pending registration imported flagged

    def has(self, column: str) -> bool:
        return column in self.ctx.present

    def at(self, column: str) -> int | None:
        """The index of the column's first non-empty cell in this row."""
        return next((i for i in self.ctx.layout.columns.get(column, ()) if self.cells[i].strip()), None)

    def get(self, column: str) -> str:
        getter = self.ctx.getters.get(column)
        return getter(self.cells) if getter is not None else ""

    def registration_id(self) -> str:
        if self._reg is None:
            reg = self.ctx.texts["registration_id"][self.k]
            if not reg and self.ctx.mapping.id_from_email and not self.has("registration_id"):
                email = self.ctx.text(self.get("email"))
                reg = email_id(self.ctx.mapping.id_from_email, email) if email else ""
            self._reg = reg
        return self._reg

    def error(self, column: str, message: str) -> None:
        self.errors.append(RowError(self.number, column, message))


def _check_row(row: _Row, ctx: _Context) -> AttendeeRecord | None:
    values: dict = {}
    reg = row.registration_id()
    if not reg:
        row.error("registration_id", "no email to make the registration id from" if ctx.mapping.id_from_email
                  and not row.has("registration_id") else "empty: every attendee needs a registration id")
    for column in ctx.text_fields:
        values[column] = ctx.texts[column][row.k]
    if ctx.layout.full_name and not values.get("given_name") and not values.get("family_name"):
        whole = next((v for v in (row.cells[i].strip() for i in ctx.layout.full_name) if v), "")
        split = ctx.split((whole, values.get("country", "")))
        values.update(given_name=split.given_name, family_name=split.family_name, name_order=split.name_order)
        if split.honorific and not values.get("honorific"):
            values["honorific"] = split.honorific
    elif not row.has("name_order") and not ctx.is_plain and values.get("given_name") and values.get("family_name"):
        values["name_order"] = ctx.order((values["given_name"], values["family_name"]))
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
        role = ctx.role(row.get("role"))
        if role not in ROLES:
            row.error("role", f"{row.get('role')!r} is not a role: use one of {', '.join(ROLES)}")
        values["role"] = role
    if row.has("date_of_birth"):
        values["date_of_birth"] = _date(row, "date_of_birth")
    for column in ("is_minor", "guardian_consent", "photo_consent"):
        if row.has(column):
            try:
                values[column] = ctx.yes_no(row.get(column))
            except ValueError as exc:
                row.error(column, f"{exc}: write yes or no, or leave it empty")
    if row.has("language"):
        try:
            values["language"] = ctx.language(row.get("language"))
        except InputError as exc:
            row.error("language", f"{exc}, or leave it empty")
    _young(row, ctx, values)
    if row.status or ctx.layout.has(STATUS):
        values["registration_status"] = row.status
    agreed_at, version = _agreement(row, ctx)
    sessions = _sessions(row, ctx)
    cells = row.cells
    extra = {label: cells[i] for i, label in ctx.extra if cells[i]}
    if row.errors:
        return None
    return AttendeeRecord(row.number, reg, values, sessions, agreed_at, version, extra)


def _young(row: _Row, ctx: _Context, values: dict) -> None:
    """Whether the person is under 18, from every signal the row has: a date of birth, an age, an
    under-18 answer, a ticket type or category. Signals that disagree are an error for the
    organiser to settle, never a guess: a child must not come in as an adult."""
    day = ctx.event_day
    said: list[tuple[str, bool]] = []          # (where it was said, minor?)
    dob = values.get("date_of_birth")
    if dob is not None:
        said.append((f"date of birth {dob.isoformat()} (age {age_on(dob, day)})", age_on(dob, day) < 18))
    age = None
    if row.has(AGE) and row.get(AGE):
        try:
            age = ctx.age(row.get(AGE))
        except ValueError as exc:
            row.error("age", f"{exc}: write the age in years, or leave it empty")
        if age is not None:
            said.append((f"age {age}", age < 18))
            if dob is not None and abs(age_on(dob, day) - age) > 1:
                row.error("age", f"age {age} but the date of birth {dob.isoformat()} gives {age_on(dob, day)}: "
                                 "correct one of them")
    if values.get("is_minor") is not None:
        said.append(("under-18 answer " + ("yes" if values["is_minor"] else "no"), values["is_minor"]))
    ticket = (row.get(TICKET) if row.has(TICKET) else "") or (row.get("role") if "role" in ctx.layout.columns else "")
    kind = ctx.ticket_age(ticket) if ticket else None
    facts = [m for _, m in said]
    if len(set(facts)) > 1:
        row.error("is_minor", "the row disagrees with itself about the person's age: "
                  + ", ".join(w for w, _ in said) + ": correct it before importing (a minor must not come in as an adult)")
        return
    minor = facts[0] if facts else None
    if kind is not None:
        if minor is True and kind == "adult":
            row.error("is_minor", f"{said[0][0]} is under 18 but the ticket is {ticket!r}, an adult's: "
                                  "correct the ticket or the age before importing")
            return
        if minor is False and kind == "minor":
            row.error("is_minor", f"{said[0][0]} is 18 or over but the ticket is {ticket!r}, for under-18s: "
                                  "correct the ticket or the age before importing")
            return
        if minor is None:
            minor = kind != "adult"
    if minor is None:
        return
    values["is_minor"] = minor
    role_given = "role" in ctx.layout.columns and values.get("role", "delegate") != "delegate"
    if minor and not role_given:
        values["role"] = "youth"
    elif not minor and not role_given and ticket and ctx.ticket_role(ticket):
        values["role"] = ctx.ticket_role(ticket)


def _role_value(text: str) -> str:
    """The role a role cell names (not checked: the caller tells a role from a wrong word)."""
    role = text.casefold() or "delegate"
    role = ROLE_WORDS.get(role, role)
    return role if role in ROLES else _role_from_words(role)


def _role_from_words(text: str) -> str:
    """A role written the organisers' way: "Young delegate (under 18)", "Panelist", "Peserta"."""
    if ticket_age(text) in ("minor", "youth"):
        return "youth"
    if ticket_role(text):
        return ticket_role(text)
    if re.search(r"delegate|participant|attendee|peserta|dai bieu|delegado|ผู้เข้าร่วม|observer", fold_words(text)):
        return "delegate"
    return text


def fold_words(text: str) -> str:
    return fold(text)


def _agreement(row: _Row, ctx: _Context) -> tuple[datetime | None, str]:
    event, layout = ctx.event, ctx.layout
    agreed_at, version = None, ""
    if row.get("safeguarding_agreed_at"):
        agreed_at = _time(row, "safeguarding_agreed_at", row.get("safeguarding_agreed_at"),
                          ctx.day_first.get(row.at("safeguarding_agreed_at")))
        version = row.get("safeguarding_policy_version") or event.policy_version
    if layout.agreement is not None:
        answer = row.cells[layout.agreement]
        try:
            agreed = ctx.yes_no(answer)
        except ValueError as exc:
            row.error("safeguarding_agreed_at", f"agreement answer {exc}")
            agreed = None
        if agreed:
            when = " ".join(c for c in (row.cells[i].strip() for i in layout.agreement_at) if c)
            first = layout.agreement_at[0] if layout.agreement_at else None
            agreed_at = _time(row, "safeguarding_agreed_at", when, ctx.day_first.get(first)) if when else ctx.now
            version = (ctx.mapping.agreement.policy_version if ctx.mapping.agreement else "") or event.policy_version
    return agreed_at, version


def _time(row: _Row, column: str, text: str, day_first: bool | None = None) -> datetime | None:
    try:
        return row.ctx.time((text, day_first if day_first is not None else row.ctx.mapping.day_first))
    except (TimeFormatError, InputError) as exc:
        row.error(column, f"{exc}: write the time like 2025-11-18T14:05:00+08:00")
        return None


def _sessions(row: _Row, ctx: _Context) -> tuple[int, ...] | None:
    if "sessions" in ctx.layout.columns:
        answers = []
        for i in ctx.layout.columns["sessions"]:
            cell = row.cells[i].strip()
            option = ctx.options[i]
            if option and cell:
                try:
                    chosen = ctx.yes_no(cell)
                except ValueError:
                    chosen = None
                if chosen is not None:     # one column per choice: "Workshops – C1 …" answered Yes/No
                    if chosen:
                        answers.append(option.group(2) or option.group(4))
                    continue
            if cell:
                answers.append(cell)
    elif "sessions" in ctx.mapping.constants:
        answers = [ctx.mapping.constants["sessions"]]
    else:
        return None
    ids: list[int] = []
    for answer in answers:
        found, problems = ctx.matcher.match(answer)
        for p in problems:
            row.error("sessions", p)
        ids += [s for s in found if s not in ids]
    return tuple(ids)


def _date(row: _Row, column: str) -> date | None:
    text = row.get(column)
    if not text:
        return None
    try:
        i = row.at(column)
        return parse_export_date(text, day_first=row.ctx.day_first.get(i, row.ctx.mapping.day_first))
    except TimeFormatError as exc:
        row.error(column, f"{exc}: write it as YYYY-MM-DD")
        return None
