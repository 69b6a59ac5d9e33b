"""The name model: how a person's name is shown, put on a badge, and sorted."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class PersonName:
    given_name: str = ""
    family_name: str = ""
    preferred_name: str = ""
    name_latin: str = ""
    name_order: str = "given-first"
    honorific: str = ""


def _nfc(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def full_name(p: PersonName) -> str:
    parts = [p.family_name, p.given_name] if p.name_order == "family-first" else [p.given_name, p.family_name]
    return _nfc(" ".join(x for x in parts if x))


def badge_name(p: PersonName) -> str:
    return _nfc(p.preferred_name) or full_name(p)


def youth_badge_name(p: PersonName) -> str:
    return _nfc(p.preferred_name) or _nfc(p.given_name) or _nfc(p.family_name)
