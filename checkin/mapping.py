"""Which of an export's headers fills which of our attendee columns.

Our own column names always match themselves (case-insensitively); a mapping file adds other
header names, an agreement question that records the safeguarding agreement, and constants.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from checkin.errors import InputError

COLUMNS = (
    "registration_id", "given_name", "family_name", "preferred_name", "name_latin", "name_order",
    "honorific", "organisation", "country", "role", "email", "date_of_birth", "is_minor",
    "guardian_consent", "chaperone", "photo_consent", "safeguarding_agreed_at",
    "safeguarding_policy_version", "sessions",
)


@dataclass(frozen=True)
class Agreement:
    column: str                 # their yes/no question
    at: str = ""                # their column holding when it was answered
    policy_version: str = ""    # the version the question asked about


@dataclass(frozen=True)
class Mapping:
    columns: dict[str, str] = field(default_factory=dict)   # ours -> their header
    agreement: Agreement | None = None
    constants: dict[str, str] = field(default_factory=dict)
    name: str = "columns by name"


def load_mapping(path: str | Path) -> Mapping:
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: no such mapping file") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{path.name}: not valid TOML ({exc})") from None
    return mapping_from_dict(data, path.name)


def mapping_from_dict(data: dict, name: str) -> Mapping:
    columns = data.get("columns", {})
    constants = data.get("constants", {})
    if not isinstance(columns, dict) or not isinstance(constants, dict):
        raise InputError(f"{name}: [columns] and [constants] must be tables of our column = text")
    for ours in list(columns) + list(constants):
        if ours not in COLUMNS:
            raise InputError(f"{name}: {ours!r} is not one of our columns ({', '.join(COLUMNS)})")
    for ours, theirs in list(columns.items()) + list(constants.items()):
        if not isinstance(theirs, str):
            raise InputError(f"{name}: {ours} must be given as text")
    agreement = None
    if "agreement" in data:
        a = data["agreement"]
        if not isinstance(a, dict) or not isinstance(a.get("column"), str):
            raise InputError(f"{name}: [agreement] needs column = \"their yes/no question\"")
        agreement = Agreement(a["column"], str(a.get("at", "")), str(a.get("policy_version", "")))
    return Mapping(dict(columns), agreement, {k: str(v) for k, v in constants.items()}, name)


def resolve_headers(headers: tuple[str, ...], mapping: Mapping) -> dict[str, int]:
    """Our column -> the index of the header that fills it. Their headers match ignoring case
    and surrounding space; our own names match themselves unless the mapping says otherwise."""
    folded = [h.strip().casefold() for h in headers]
    found: dict[str, int] = {}
    for ours in COLUMNS:
        theirs = mapping.columns.get(ours, ours).strip().casefold()
        if theirs in folded:
            found[ours] = folded.index(theirs)
        elif ours in mapping.columns:
            raise InputError(f"the mapping says {ours} comes from {mapping.columns[ours]!r}, "
                             "but the file has no such column: check the mapping against the header row")
    return found
