"""Mappings for the registration systems organisers use most, and recognising their exports.

Each preset names the system's fixed columns (several spellings where the system has variants:
Eventbrite's UK wording, pretix's English and German exporters). What a preset cannot know, the
form's own questions, is found by the question patterns below: a header with "safeguarding" and
"agree" is the agreement, one with "workshop" or "session" holds the session choices, and so on.
A mapping file can start from a preset (`preset = "tito"`) and override any of it.

Without `--mapping`, `recognise(headers)` picks the preset whose characteristic headers the file
has: each preset lists a handful; the one with the most present wins if at least half of its
list (and at least three headers, or its fixed first header) are there.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

from checkin.errors import InputError
from checkin.imports.headers import fold
from checkin.imports.mapping import Agreement, Mapping, SkipRule, mapping_from_dict

# Row states that mean "not coming": the rows are skipped with a note, never imported.
EVENTBRITE_GONE = ("Cancelled", "Canceled", "Refunded", "Deleted", "Transferred", "Not Attending")
PRETIX_GONE = ("canceled", "cancelled", "expired", "storniert", "abgelaufen")
INDICO_GONE = ("Withdrawn", "Rejected")
TITO_VOID = ("void", "voided", "yes", "true")
LUMA_GONE = ("declined", "rejected")

PRESETS: dict[str, Mapping] = {
    "eventbrite": Mapping(
        columns={
            "registration_id": ("Attendee #", "Attendee no.", "Attendee No"),
            "given_name": "First Name", "family_name": ("Last Name", "Surname"), "full_name": "Name",
            "email": ("Email", "Email Address"), "organisation": "Company", "honorific": "Prefix",
            "ticket": ("Ticket Type", "Ticket type"), "status": ("Attendee Status", "Order Status"),
        },
        agreement=Agreement("", at="Order Date"),
        skip=(SkipRule("Attendee Status", EVENTBRITE_GONE),),
        date_order="month-first",
    ),
    "pretix": Mapping(
        columns={
            "given_name": ("Attendee name: Given name", "Name Teilnehmer*in: Vorname", "Teilnehmername: Vorname"),
            "family_name": ("Attendee name: Family name", "Name Teilnehmer*in: Nachname", "Teilnehmername: Nachname"),
            "honorific": ("Attendee name: Title", "Name Teilnehmer*in: Titel", "Teilnehmername: Titel"),
            "full_name": ("Attendee name", "Name Teilnehmer*in", "Teilnehmername"),
            # the first Company/Country are the attendee's, the second the invoice address's
            "email": ("Attendee email", "E-Mail Teilnehmer*in", "Email", "E-Mail"),
            "organisation": ("Company", "Firma", "Company#2", "Firma#2"),
            "country": ("Country", "Land", "Country#2", "Land#2"),
            "ticket": ("Product", "Produkt", "Item"), "status": ("Status", "Order status", "Bestellstatus"),
        },
        joins={"registration_id": (("Order code", "Bestellnummer"), ("Position ID", "Position"))},
        agreement=Agreement("", at=(("Order date", "Bestelldatum"), ("Order time", "Bestelluhrzeit"))),
        skip=(SkipRule("Status", PRETIX_GONE), SkipRule("Order status", PRETIX_GONE)),
    ),
    "indico": Mapping(
        columns={
            "registration_id": "ID", "given_name": "First Name", "family_name": "Last Name", "full_name": "Name",
            "email": ("Email Address", "Email"), "organisation": ("Affiliation", "Company"), "country": "Country",
            "honorific": "Title",
            "status": ("Registration state", "State", "Status"),
            "ticket": ("Registration type", "Participant type", "Category"),
        },
        agreement=Agreement("", at="Registration date"),
        skip=(SkipRule("Registration state", INDICO_GONE),),
    ),
    "google-forms": Mapping(
        columns={"email": ("Email Address", "Email address", "Email", "Username")},
        agreement=Agreement("", at="Timestamp"),
        id_from_email="GF-",
    ),
    "tito": Mapping(
        columns={
            "registration_id": ("Ticket Reference", "Number"),
            "given_name": "Ticket First Name", "family_name": "Ticket Last Name", "full_name": "Ticket Full Name",
            "email": ("Ticket Email", "Order Email"), "organisation": ("Ticket Company Name", "Order Company Name"),
            "ticket": ("Ticket", "Release", "Ticket Release"), "status": ("Ticket State", "Order State", "State"),
        },
        agreement=Agreement("", at=(("Ticket Created Date", "Order Created Date"),)),
        skip=(SkipRule("Void Status", TITO_VOID),),
    ),
    "luma": Mapping(
        columns={
            "registration_id": "api_id", "given_name": "first_name", "family_name": "last_name", "full_name": "name",
            "email": "email", "ticket": ("ticket_name", "ticket_type"), "status": "approval_status",
        },
        agreement=Agreement("", at="created_at"),
        skip=(SkipRule("approval_status", LUMA_GONE),),
    ),
}
PRESETS = {name: replace(m, name=name, preset=name, guess_questions=True) for name, m in PRESETS.items()}


@dataclass(frozen=True)
class Signature:
    headers: tuple[tuple[str, ...], ...]   # each entry: spellings of one characteristic header
    first: tuple[str, ...] = ()            # the header the export always starts with, if any


SIGNATURES = {
    "eventbrite": Signature((("Order #", "Order no."), ("Attendee #", "Attendee no."), ("Order Date",),
                             ("Ticket Type",), ("Attendee Status",), ("Order Type",), ("Total Paid",))),
    "pretix": Signature((("Event slug", "Kurzname der Veranstaltung"), ("Order code", "Bestellnummer"),
                         ("Position ID", "Position"), ("Attendee name", "Name Teilnehmer*in", "Teilnehmername"),
                         ("Attendee email", "E-Mail Teilnehmer*in"), ("Pseudonymization ID", "Pseudonyme ID"),
                         ("Order time", "Bestelluhrzeit"), ("Sales channel", "Verkaufskanal"))),
    "indico": Signature((("ID",), ("Name",), ("Registration date",), ("Registration state",),
                         ("Checked in",), ("Check-in date",), ("Affiliation",)), first=("ID",)),
    "google-forms": Signature((("Timestamp",), ("Email Address", "Email address")), first=("Timestamp",)),
    "tito": Signature((("Number",), ("Ticket Created Date",), ("Ticket Full Name",), ("Ticket First Name",),
                       ("Ticket Email",), ("Void Status",), ("Ticket Reference",), ("Order Reference",))),
    "luma": Signature((("api_id",), ("first_name",), ("last_name",), ("created_at",), ("approval_status",),
                       ("checked_in_at",), ("ticket_name",), ("phone_number",))),
}


ALIASES = {"googleforms": "google-forms", "google": "google-forms", "lu.ma": "luma", "ti.to": "tito"}


def preset_key(name: str) -> str | None:
    key = name.strip().casefold().replace("_", "-").replace(" ", "-")
    key = ALIASES.get(key, key)
    return key if key in PRESETS else None


def preset(name: str) -> Mapping:
    key = preset_key(name)
    if key is None:
        raise InputError(f"no preset {name!r}: use one of {', '.join(PRESETS)}, or give a mapping file (.toml)")
    return PRESETS[key]


def recognise(headers: tuple[str, ...]) -> Mapping | None:
    """The preset whose export this header row looks like, or None (our own columns, or unknown)."""
    folded = {fold(h) for h in headers}
    if "registration_id" in folded:
        return None
    first = fold(headers[0]) if headers else ""
    best, best_score = None, (0.0, 0)
    for name, sig in SIGNATURES.items():
        hits = sum(1 for spellings in sig.headers if any(fold(s) in folded for s in spellings))
        starts = bool(sig.first) and first in {fold(s) for s in sig.first}
        if sig.first and not starts:
            continue
        share = hits / len(sig.headers)
        if share < 0.5 or (hits < 3 and not starts):
            continue
        if (share, hits) > best_score:
            best, best_score = name, (share, hits)
    return PRESETS[best] if best else None


def mapping_for(arg: str | None) -> Mapping | None:
    """`--mapping`: a preset name or a mapping file's path; None to recognise the export."""
    if not arg:
        return None
    if preset_key(arg):
        return preset(arg)
    path = Path(arg)
    if path.is_file():
        return load_mapping(path)
    raise InputError(f"--mapping {arg!r} is neither a preset ({', '.join(PRESETS)}) nor a mapping file: "
                     "check the name or the path")


def load_mapping(path: str | Path) -> Mapping:
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: no such mapping file") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{path.name}: not valid TOML ({exc})") from None
    return mapping_from_data(data, path.name)


def mapping_from_data(data: dict, name: str) -> Mapping:
    """A mapping file's table, on top of the preset it names (`preset = "pretix"`)."""
    base = preset(str(data["preset"])) if "preset" in data else None
    return mapping_from_dict(data, name, base)
