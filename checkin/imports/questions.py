"""Columns found by the wording of a form's own questions ("May we photograph you?", "Date of birth")."""

from __future__ import annotations

import re

from checkin.imports.headers import fold


def _words(*alternatives: str):
    return re.compile("|".join(alternatives))


# (our column, what the folded header must contain, what it must not). The first pattern that
# claims a header keeps it, so the agreement goes before sessions ("…policy for this session").
QUESTION_PATTERNS: tuple[tuple[str, re.Pattern, re.Pattern | None], ...] = (
    ("agreement", re.compile(r"(safeguard|child protection).*(agree|polic|accept|consent|confirm)|"
                             r"(agree|accept|consent|confirm).*(safeguard|child protection)"), None),
    ("photo_consent", _words(r"photo\w*\b.*(consent|agree|allow|permission|taken|ok\b)",
                             r"(consent|agree|allow|permission|happy).*(photo|film|record)",
                             r"photographed", r"photography", r"filmed", r"filming"), _words(r"\bid\b", r"upload")),
    ("guardian_consent", re.compile(r"(guardian|parent).*consent|consent.*(guardian|parent)"), None),
    ("chaperone", _words(r"chaperone"), None),
    ("delegation", _words(r"delegation"), None),
    ("language", _words(r"preferred language", r"^language", r"language (of|for) (the )?(kiosk|communication)"),
     None),
    ("is_minor", _words(r"under 18", r"under the age of 18", r"below 18", r"younger than 18"), None),
    ("date_of_birth", _words(r"date of birth", r"birth ?date", r"birthday"), None),
    ("sessions", _words(r"workshop", r"session", r"breakout"), None),
    ("preferred_name", _words(r"preferred name", r"name on (the |your )?badge", r"badge name", r"nickname"), None),
    ("given_name", _words(r"first name", r"given name", r"forename"), None),
    ("family_name", _words(r"last name", r"family name", r"surname"), None),
    ("full_name", re.compile(r"^(your )?(full )?name\??$|^full name|^nama"), None),
    ("email", _words(r"e-?mail"), _words(r"guardian", r"parent", r"emergency", r"verified")),
    ("organisation", _words(r"organi[sz]ation", r"company", r"affiliation", r"institution", r"agency",
                            r"employer", r"ministry"),
     _words(r"invoice", r"billing", r"order ", r"type", r"categor", r"sector", r"size")),
    ("country", _words(r"country", r"nationality"), _words(r"invoice", r"billing", r"order ", r"code", r"phone")),
)


def guess_columns(headers: tuple[str, ...], claimed: set[int], skip_columns: set[str]) -> dict[str, tuple[int, ...]]:
    """Our column -> headers found by the question patterns, among headers nothing else claimed.
    Sessions may come from several columns (one per choice: `Workshops – C1 …` with Yes/No)."""
    found: dict[str, tuple[int, ...]] = {}
    taken = set(claimed)
    for i, header in enumerate(headers):
        if i in taken:
            continue
        h = fold(header)
        for ours, wanted, unwanted in QUESTION_PATTERNS:
            if not wanted.search(h) or (unwanted and unwanted.search(h)):
                continue
            # the first pattern a header matches decides; if that column is known, the header stays extra
            if ours not in skip_columns and (ours not in found or ours == "sessions"):
                found[ours] = found.get(ours, ()) + (i,)
                taken.add(i)
            break
    return found
