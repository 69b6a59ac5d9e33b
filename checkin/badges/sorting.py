"""Batch order: by family name (a single-name person by that name), and desk letter ranges.

The batch keeps its own keys rather than the name model's: they can order by given name too, and
they file a person by the family name as written (titles and particles included), as the printed
batch always has.
"""

from __future__ import annotations

import unicodedata

from checkin.names.person import PARTICLES, PersonName

_UNDECOMPOSED = str.maketrans({"đ": "d", "Đ": "d", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "æ": "ae", "œ": "oe"})


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).translate(_UNDECOMPOSED)
                    .casefold().split())


def _is_latin(text: str) -> bool:
    return all(ord(c) < 0x0250 or not c.isalpha() for c in text)


def _latin_parts(p: PersonName) -> tuple[str, str]:
    """(family, given) in Latin letters where the name has a Latin spelling; the spelling is one
    string, so its family word is taken from the name's order."""
    family, given = p.family_name.strip(), p.given_name.strip()
    latin = " ".join(p.name_latin.split())
    if latin and not _is_latin(family + given) and _is_latin(latin):
        words = latin.split()
        if not family or len(words) < 2:
            return "", latin
        return (words[0], " ".join(words[1:])) if p.name_order == "family-first" else (words[-1], " ".join(words[:-1]))
    return family, given


def _without_particles(text: str) -> str:
    """A family name as it is filed: a leading patronymic particle is not where a person is
    looked for ("a/l Krishnan" under K, "binti Abdullah" under A for Abdullah)."""
    words = text.split()
    while len(words) > 1 and words[0].casefold().strip(".") in PARTICLES:
        words = words[1:]
    return " ".join(words)


def sort_key(p: PersonName, by: str = "family") -> tuple:
    family, given = _latin_parts(p)
    family = _without_particles(family)
    primary, rest = (family or given, given if family else "") if by == "family" else (given or family, family)
    letter = sort_letter(p, by)
    return (letter == "#", fold(primary), fold(rest))


def sort_letter(p: PersonName, by: str = "family") -> str:
    family, given = _latin_parts(p)
    family = _without_particles(family)
    primary = (family or given) if by == "family" else (given or family)
    first = fold(primary)[:1].upper()
    return first if first.isascii() and first.isalpha() else "#"


def letter_ranges(letters: list[str], desks: int) -> list[tuple[str, str, int, int]]:
    """Split a sorted list's letters into `desks` contiguous ranges of about equal size, never
    splitting one letter between two desks. Returns (first letter, last letter, start, end) per desk."""
    if not letters:
        return []
    groups: list[list] = []   # [letter, start, end)
    for i, letter in enumerate(letters):
        if groups and groups[-1][0] == letter:
            groups[-1][2] = i + 1
        else:
            groups.append([letter, i, i + 1])
    desks = max(1, min(desks, len(groups)))
    total = len(letters)
    ranges = []
    g = 0
    for d in range(desks):
        start_group = g
        target = total * (d + 1) / desks
        remaining_desks = desks - d - 1
        while g < len(groups) - remaining_desks:
            end = groups[g][2]
            g += 1
            if g >= len(groups) - remaining_desks:
                break
            nxt = groups[g][2]
            # Stop where the boundary is closest to this desk's share.
            if end >= target or abs(nxt - target) > abs(end - target):
                break
        if d == desks - 1:
            g = len(groups)
        ranges.append((groups[start_group][0], groups[g - 1][0], groups[start_group][1], groups[g - 1][2]))
    return ranges
