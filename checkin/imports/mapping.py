"""Which of an export's headers fills which of our attendee columns.

Our own column names always match themselves (case-insensitively); a mapping adds other header
names, an agreement question that records the safeguarding agreement, constants, the rows to
skip, and how to make a registration id. A mapping file (TOML):

    preset = "google-forms"            # optional: start from a preset, override below
    [columns]                          # our column = their header
    registration_id = "Attendee #"
    family_name = ["Last Name", "Surname"]    # a list: the first non-empty; for sessions, all
    full_name = "Name"                 # one column with the whole name, split by checkin.names.split
    name_native = "Name in your own script"   # searchable; printed with the Latin name
    age = "How old are you?"           # also: ticket = "Ticket Type", status = "Registration state"
    photo_consent = "May we photograph you?"  # any column, whatever its wording
    organisation = "Company#2"         # the second header called "Company"
    sessions = ""                      # "": not in this file (stops the question patterns' guess)
    [join]                             # non-empty parts joined with "-"; a part may list spellings
    registration_id = ["Order code", ["Position ID", "Position"]]
    [agreement]                        # a yes/no answer that records the safeguarding agreement
    column = "I agree to the Child Safeguarding Policy"
    at = "Order Date"                  # or ["Order date", "Order time"]: parts read together
    policy_version = "2025-1"
    [constants]
    role = "delegate"
    [skip]                             # rows the system marks as not coming: skipped with a note
    column = "Attendee Status"
    values = ["Cancelled", "Refunded"]
    [options]
    registration_id_from_email = "GF-" # no id in the export: prefix + hash of the email
    include_pending = true             # import pending/waitlisted people, flagged (else skipped)
    dates = "day-first"                # 03/04/2025 is 3 April ("month-first": 4 March)
    guess_questions = true             # find agreement, workshops, photo consent… by header words

Headers match ignoring case, accents' composition and runs of spaces. A column named in a file
must exist in the export; a preset's columns are all optional.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from checkin.errors import InputError
from checkin.imports.headers import fold
from checkin.imports.questions import guess_columns

COLUMNS = (
    "registration_id", "given_name", "family_name", "preferred_name", "name_latin", "name_native", "name_order",
    "honorific", "organisation", "country", "role", "email", "date_of_birth", "is_minor",
    "guardian_consent", "chaperone", "photo_consent", "safeguarding_agreed_at",
    "safeguarding_policy_version", "sessions", "delegation", "language",
)
FULL_NAME = "full_name"          # a source only a mapping names: split into given and family names
# Sources read to decide something, not stored as they are: an age in years, the ticket type (or
# role, category) whose name may say "under 18", and the registration status (pending, waitlist).
AGE, TICKET, STATUS = "age", "ticket", "status"
SIGNALS = (AGE, TICKET, STATUS)
SOURCES = COLUMNS + (FULL_NAME,) + SIGNALS

Headers = str | tuple[str, ...]


@dataclass(frozen=True)
class Agreement:
    column: str                 # their yes/no question ("" in a preset: found by the question patterns)
    at: Headers | tuple[Headers, ...] = ""   # when it was answered: a header, or parts read together
                                             # (date, time), each part a header or its spellings
    policy_version: str = ""    # the version the question asked about


@dataclass(frozen=True)
class SkipRule:
    column: str
    values: tuple[str, ...]     # compared casefolded

    def skips(self, value: str) -> bool:
        return fold(value) in {fold(v) for v in self.values}


@dataclass(frozen=True)
class Mapping:
    columns: dict[str, Headers] = field(default_factory=dict)   # ours -> their header(s)
    agreement: Agreement | None = None
    constants: dict[str, str] = field(default_factory=dict)
    name: str = "columns by name"
    joins: dict[str, tuple[Headers, ...]] = field(default_factory=dict)   # ours -> parts
    skip: tuple[SkipRule, ...] = ()
    id_from_email: str = ""     # prefix of a registration id made from the email
    date_order: str = ""        # "day-first", "month-first", or "" (not stated)
    guess_questions: bool = False
    required: frozenset[str] = frozenset()   # our columns whose header must be in the file
    preset: str = ""            # the preset this mapping is or builds on
    include_pending: bool = False   # import pending/waitlisted registrations, flagged

    @property
    def day_first(self) -> bool | None:
        return {"day-first": True, "month-first": False}.get(self.date_order)

    @property
    def is_plain(self) -> bool:
        return self == Mapping()


def as_tuple(headers: Headers) -> tuple[str, ...]:
    return tuple(h for h in ((headers,) if isinstance(headers, str) else headers) if h)


def mapping_from_dict(data: dict, name: str, base: Mapping | None = None) -> Mapping:
    """A mapping file's table on top of `base` (the preset its `preset =` names, resolved by the caller)."""
    base = base or Mapping()
    columns = _headers_table(data.get("columns", {}), name, "columns", SOURCES)
    joins = _join_table(data.get("join", {}), name)
    constants = data.get("constants", {})
    if not isinstance(constants, dict):
        raise InputError(f"{name}: [constants] must be a table of our column = text")
    for ours, value in constants.items():
        if ours not in COLUMNS:
            raise InputError(f"{name}: {ours!r} is not one of our columns ({', '.join(COLUMNS)})")
        if not isinstance(value, (str, int, float, bool)):
            raise InputError(f"{name}: {ours} must be given as text")
    agreement = base.agreement
    if "agreement" in data:
        a = data["agreement"]
        # with a preset, the question may be left to the question patterns ("column" omitted)
        column = a.get("column", "" if base.preset else None) if isinstance(a, dict) else None
        if not isinstance(column, str):
            raise InputError(f"{name}: [agreement] needs column = \"their yes/no question\"")
        at = a.get("at", agreement.at if agreement else "")
        if not _is_headers(at, nested=True):
            raise InputError(f"{name}: [agreement] at must be a header or a list of headers")
        agreement = Agreement(column, at if isinstance(at, str) else tuple(p if isinstance(p, str) else tuple(p) for p in at),
                              str(a.get("policy_version", agreement.policy_version if agreement else "")))
    skip = base.skip
    if "skip" in data:
        s = data["skip"]
        if not isinstance(s, dict) or not isinstance(s.get("column"), str) or not isinstance(s.get("values"), list):
            raise InputError(f"{name}: [skip] needs column = \"their status header\" and values = [\"Cancelled\", …]")
        skip = (SkipRule(s["column"], tuple(str(v) for v in s["values"])),)
    options = data.get("options", {})
    if not isinstance(options, dict) or set(options) - {"registration_id_from_email", "dates", "guess_questions",
                                                        "include_pending"}:
        raise InputError(f"{name}: [options] takes registration_id_from_email, dates, guess_questions and "
                         "include_pending")
    unknown = set(data) - {"preset", "columns", "join", "agreement", "constants", "skip", "options"}
    if unknown:
        raise InputError(f"{name}: unknown section {sorted(unknown)[0]!r}: use columns, join, agreement, "
                         "constants, skip, options or preset")
    # what the file maps one way replaces what the preset mapped the other way
    all_columns = {k: v for k, v in base.columns.items() if k not in joins} | columns
    all_joins = {k: v for k, v in base.joins.items() if k not in columns} | joins
    return Mapping(
        columns=all_columns,
        agreement=agreement,
        constants={**base.constants, **{k: _text(v) for k, v in constants.items()}},
        name=name,
        joins=all_joins,
        skip=skip,
        id_from_email=str(options.get("registration_id_from_email", base.id_from_email)),
        date_order=_date_order(options.get("dates", base.date_order), name),
        guess_questions=bool(options.get("guess_questions", base.guess_questions)),
        required=frozenset([ours for ours, h in columns.items() if as_tuple(h)] + list(joins)),
        preset=base.preset,
        include_pending=bool(options.get("include_pending", base.include_pending)),
    )


def _is_headers(value, nested: bool = False) -> bool:
    if isinstance(value, str):
        return True
    return isinstance(value, (list, tuple)) and all(
        isinstance(x, str) or (nested and _is_headers(x)) for x in value)


def _date_order(value, name: str) -> str:
    if value not in ("", "day-first", "month-first"):
        raise InputError(f"{name}: [options] dates must be \"day-first\" or \"month-first\"")
    return value


def _text(value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _join_table(table, name: str) -> dict[str, tuple[Headers, ...]]:
    if not isinstance(table, dict):
        raise InputError(f"{name}: [join] must be a table of our column = [their headers]")
    out = {}
    for ours, parts in table.items():
        if ours not in COLUMNS:
            raise InputError(f"{name}: {ours!r} is not one of our columns ({', '.join(COLUMNS)})")
        if not isinstance(parts, list) or not _is_headers(parts, nested=True):
            raise InputError(f"{name}: [join] {ours} must be a list of headers, e.g. [\"Order code\", \"Position ID\"]")
        out[ours] = tuple(p if isinstance(p, str) else tuple(p) for p in parts)
    return out


def _headers_table(table, name: str, section: str, allowed) -> dict[str, Headers]:
    if not isinstance(table, dict):
        raise InputError(f"{name}: [{section}] must be a table of our column = their header")
    out: dict[str, Headers] = {}
    for ours, theirs in table.items():
        if ours not in allowed:
            raise InputError(f"{name}: {ours!r} is not one of our columns ({', '.join(allowed)})")
        if isinstance(theirs, str):
            out[ours] = theirs
        elif isinstance(theirs, list) and all(isinstance(h, str) for h in theirs):
            out[ours] = tuple(theirs)
        else:
            raise InputError(f"{name}: {ours} must be given as a header or a list of headers")
    return out


# -- finding headers ---------------------------------------------------------------------------

_NTH = re.compile(r"^(.*?)\s*#(\d+)$")


def find_header(folded: list[str], wanted: str) -> int | None:
    """The index of `wanted` among the folded headers; `Email#2` is the second header "Email"."""
    key = fold(wanted)
    if key in folded:
        return folded.index(key)
    m = _NTH.match(key)
    if m:
        base, nth = m.group(1), int(m.group(2))
        same = [i for i, h in enumerate(folded) if h == base]
        if 1 <= nth <= len(same):
            return same[nth - 1]
    return None


def header_label(headers: tuple[str, ...], index: int) -> str:
    """A header's name, with its position among equals when the name repeats (`Company#2`)."""
    name = headers[index]
    same = [i for i, h in enumerate(headers) if fold(h) == fold(name)]
    return name if same.index(index) == 0 else f"{name}#{same.index(index) + 1}"


@dataclass(frozen=True)
class Layout:
    """Where one file's columns are read from: header indexes, for our columns and the rules."""

    columns: dict[str, tuple[int, ...]]       # ours -> indexes, read in order
    joins: dict[str, tuple[int, ...]]
    full_name: tuple[int, ...]
    agreement: int | None
    agreement_at: tuple[int, ...]
    skip: tuple[tuple[int, SkipRule], ...]
    guessed: frozenset[str]                   # our columns found by the question patterns

    @property
    def used(self) -> frozenset[int]:
        out = {i for ix in self.columns.values() for i in ix} | {i for ix in self.joins.values() for i in ix}
        out |= set(self.full_name) | set(self.agreement_at)
        if self.agreement is not None:
            out.add(self.agreement)
        return frozenset(out)

    def has(self, ours: str) -> bool:
        return ours in self.columns or ours in self.joins or (ours in ("given_name", "family_name") and bool(self.full_name))

    def describe(self, headers: tuple[str, ...]) -> dict[str, str]:
        """Our column -> the header(s) it is read from, for the organiser to check: "A or B" is
        the first non-empty of them, "A + B" all of them together."""
        def names(ix, joiner):
            return joiner.join(header_label(headers, i) for i in ix)
        out = {ours: names(ix, " + " if ours == "sessions" else " or ") for ours, ix in self.columns.items()}
        out.update({ours: names(ix, " + ") for ours, ix in self.joins.items()})
        if self.full_name:
            out["full_name"] = names(self.full_name, " or ")
        if self.agreement is not None:
            out["safeguarding_agreed_at"] = header_label(headers, self.agreement) + (
                f" (at {names(self.agreement_at, ' + ')})" if self.agreement_at else "")
        return out


def resolve_layout(headers: tuple[str, ...], mapping: Mapping) -> Layout:
    folded = [fold(h) for h in headers]
    claimed: set[int] = set()

    def lookup(ours: str, theirs: Headers, required: bool) -> tuple[int, ...]:
        found = _unique(find_header(folded, h) for h in as_tuple(theirs))
        if not found and required:
            raise InputError(f"the mapping says {ours} comes from {_quote(theirs)}, "
                             "but the file has no such column: check the mapping against the header row")
        return found

    columns: dict[str, tuple[int, ...]] = {}
    for ours in SOURCES:
        if ours in mapping.columns:
            found = lookup(ours, mapping.columns[ours], ours in mapping.required)
        elif (ours in COLUMNS or ours in SIGNALS) and ours not in mapping.joins:
            found = tuple(i for i in (find_header(folded, ours),) if i is not None)
        else:
            found = ()
        if found:
            columns[ours] = found
            claimed.update(found)
    joins = {}
    for ours, parts in mapping.joins.items():
        found = tuple(ix[0] for ix in (lookup(ours, part, ours in mapping.required) for part in parts) if ix)
        if found:
            joins[ours] = found
            claimed.update(found)
    full_name = columns.pop(FULL_NAME, ())

    agreement, agreement_at = None, ()
    if mapping.agreement and mapping.agreement.column:
        agreement = find_header(folded, mapping.agreement.column)
        if agreement is None:
            raise InputError(f"the agreement question {mapping.agreement.column!r} is not a column of this file")
    if mapping.agreement and mapping.agreement.at:
        at = mapping.agreement.at
        agreement_at = _unique(next((i for i in (find_header(folded, h) for h in as_tuple(part)) if i is not None), None)
                               for part in ((at,) if isinstance(at, str) else at))
    claimed.update(agreement_at)
    if agreement is not None:
        claimed.add(agreement)

    skip = []
    for rule in mapping.skip:
        i = find_header(folded, rule.column)
        if i is not None:
            skip.append((i, rule))
            claimed.add(i)

    guessed: set[str] = set()
    if mapping.guess_questions:
        explicit = set(mapping.columns) | set(mapping.joins)
        for ours, found in guess_columns(headers, claimed, skip_columns=explicit | set(columns) | (
                {"agreement"} if agreement is not None or (mapping.agreement and mapping.agreement.column) else set())).items():
            if ours == "agreement":
                agreement = found[0]
            elif ours == FULL_NAME:
                full_name = full_name or found
            else:
                columns[ours] = found
            guessed.add(ours)
    return Layout(columns, joins, full_name, agreement, agreement_at, tuple(skip), frozenset(guessed))


def _unique(indexes) -> tuple[int, ...]:
    """Found indexes in order, once each ("Order Date" and "Order date" are one column)."""
    out: list[int] = []
    for i in indexes:
        if i is not None and i not in out:
            out.append(i)
    return tuple(out)


def _quote(theirs: Headers) -> str:
    items = as_tuple(theirs)
    return repr(items[0]) if len(items) == 1 else " or ".join(repr(h) for h in items)


def resolve_headers(headers: tuple[str, ...], mapping: Mapping) -> dict[str, int]:
    """Our column -> the index of the first header that fills it. Their headers match ignoring case
    and surrounding space; our own names match themselves unless the mapping says otherwise."""
    layout = resolve_layout(headers, mapping)
    return {ours: ix[0] for ours, ix in layout.columns.items()}
