"""The name model: how a person's name is shown, put on a badge, and sorted."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache


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


_CJK_GAP = re.compile(r"(?<=[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]) (?=[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff])")


def cjk_joined(name: str) -> str:
    """陈 美玲 -> 陈美玲: Chinese and Japanese names are written without a space between the parts."""
    return _CJK_GAP.sub("", name)


def full_name(p: PersonName) -> str:
    parts = [p.family_name, p.given_name] if p.name_order == "family-first" else [p.given_name, p.family_name]
    return cjk_joined(_nfc(" ".join(x for x in parts if x)))


def badge_name(p: PersonName) -> str:
    return _nfc(p.preferred_name) or full_name(p)


def youth_badge_name(p: PersonName) -> str:
    return _nfc(p.preferred_name) or _nfc(p.given_name) or _nfc(p.family_name)


# -- folding: what the desk types against what is on the list ------------------------------------

# Scripts whose vowel signs and tone marks are letters of the name, not decoration: stripping them
# would make different Thai, Lao, Khmer or Myanmar names equal, so these are only NFC-normalised.
_COMPLEX_SCRIPTS = ((0x0B80, 0x0BFF), (0x0E00, 0x0E7F), (0x0E80, 0x0EFF), (0x1780, 0x17FF), (0x19E0, 0x19FF),
                    (0x1000, 0x109F), (0xA9E0, 0xA9FF), (0xAA60, 0xAA7F))
# Latin letters Unicode does not decompose into a base letter and a mark.
_LATIN_LETTERS = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "ɖ": "d", "Ɖ": "d", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "ħ": "h",
                                "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ı": "i", "’": "'", "‘": "'",
                                "ʼ": "'", "`": "'"})


_COMPLEX_RUN = re.compile("[" + "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in _COMPLEX_SCRIPTS) + "]+")


def _strip_marks(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """The form names are compared in: case, diacritics and compatibility forms ignored
    (Nguyễn = nguyen, Đức = duc, ＮＧＵＹＥＮ = nguyen), Thai, Lao, Khmer and Myanmar kept intact."""
    text = unicodedata.normalize("NFC", text)
    out, at = [], 0
    for run in _COMPLEX_RUN.finditer(text):
        out.append(_strip_marks(text[at:run.start()]))
        out.append(run.group())
        at = run.end()
    out.append(_strip_marks(text[at:]))
    return " ".join("".join(out).translate(_LATIN_LETTERS).casefold().split())


# -- honorifics and particles --------------------------------------------------------------------

# Titles and connecting words that are not part of what a person is called: a search ignores
# them, and a sort never files anyone under them. Written as folded words, longest first where
# one is the start of another ("dato seri" before "dato"). Dotted and apostrophe forms fold to
# these once punctuation is dropped (H.E. -> h.e, Dato' -> dato).
HONORIFIC_PHRASES: tuple[tuple[str, ...], ...] = (
    ("tan", "sri"), ("puan", "sri"), ("toh", "puan"), ("dato", "seri"), ("dato", "sri"), ("datuk", "seri"),
    ("datuk", "sri"), ("datin", "seri"), ("datin", "sri"), ("yang", "berhormat"), ("pehin", "orang", "kaya"),
    ("h.e",), ("he.",), ("dr",), ("prof",), ("dato",), ("datuk",), ("datin",), ("haji",), ("hajjah",), ("hajah",),
    ("hj",), ("hjh",), ("u",), ("daw",), ("khun",), ("mr",), ("mrs",), ("ms",), ("miss",), ("atty",), ("engr",),
    ("pehin",), ("dayang",), ("awang",), ("pengiran",), ("sr",),
)
PARTICLES = frozenset({"bin", "binti", "binte", "bte", "bt", "a/l", "a/p", "s/o", "d/o", "ibni"})
# Spellings of one name that the desk must treat as equal, mapped to one canonical spelling.
NAME_VARIANTS = {
    "mohd": "muhammad", "muhd": "muhammad", "md": "muhammad", "mohamed": "muhammad", "mohammad": "muhammad",
    "mohammed": "muhammad", "mohamad": "muhammad", "muhamad": "muhammad", "muhammed": "muhammad",
    "mohamud": "muhammad", "muhamed": "muhammad", "abd": "abdul", "abdul": "abdul",
}


def _word(raw: str) -> str:
    """One folded word without the punctuation people type or leave out (Dato' = Dato, Dr. = Dr)."""
    return raw.strip(".,;:'\"()[]")


def name_words(text: str) -> list[str]:
    return list(_name_words(text))


@lru_cache(maxsize=65536)
def _name_words(text: str) -> tuple[str, ...]:
    """Folded words of a name with honorifics and particles taken out ("H.E. Dato' Sri Dr Ahmad
    bin Ali" -> ["ahmad", "ali"]). A name that is nothing but such words is kept as it is."""
    raw = [w for w in fold(text).replace("-", " ").split()]
    words = [_word(w) for w in raw]
    kept: list[str] = []
    i = 0
    while i < len(words):
        phrase = next((p for p in HONORIFIC_PHRASES if tuple(words[i:i + len(p)]) == p), None)
        # "H.E." and "he" differ: a dotted title goes, the Chinese family name He stays.
        if phrase == ("h.e",) and "." not in raw[i]:
            phrase = None
        if phrase == ("sr",) and "." not in raw[i] and kept:   # "Sr." as a title/suffix, not a name
            phrase = None
        if phrase is not None:
            i += len(phrase)
            continue
        if words[i] in PARTICLES:
            i += 1
            continue
        kept.append(words[i].replace(".", "").replace("'", ""))
        i += 1
    kept = [w for w in kept if w]
    return tuple(kept or [w.replace(".", "").replace("'", "") for w in words if w.replace(".", "").replace("'", "")])


def canonical(word: str) -> str:
    return NAME_VARIANTS.get(word, word)


# -- display and sorting -------------------------------------------------------------------------

_NON_LATIN = ((0x0600, 0x06FF), (0x0B80, 0x0BFF), (0x0E00, 0x0EFF), (0x1000, 0x109F), (0x1780, 0x17FF), (0x3040, 0x30FF), (0x3400, 0x9FFF),
              (0xAC00, 0xD7AF), (0xF900, 0xFAFF), (0x20000, 0x2FFFF))


def is_native_script(text: str) -> bool:
    """Written (at least partly) in Thai, Lao, Myanmar, Khmer, Chinese, Japanese or Korean."""
    return any(lo <= ord(ch) <= hi for ch in text for lo, hi in _NON_LATIN)


def display_name(p: PersonName) -> str:
    """The full name in its order, with its Latin spelling where it is written in another
    script, so any desk can read it: "สมชาย ใจดี (Somchai Jaidee)"."""
    name = full_name(p) or _nfc(p.preferred_name) or _nfc(p.name_latin)
    latin = _nfc(p.name_latin)
    if latin and latin != name and is_native_script(name) and not is_native_script(latin):
        return f"{name} ({latin})"
    return name


def _latin_parts(p: PersonName) -> tuple[str, str]:
    """(family, given) in the letters a sort uses: Latin where the name has a Latin spelling.
    A Latin spelling is one string, so its family word is taken from the name's order."""
    family, given = _nfc(p.family_name), _nfc(p.given_name)
    latin = _nfc(p.name_latin)
    if latin and is_native_script(f"{family} {given}") and not is_native_script(latin):
        words = latin.split()
        if not family or len(words) < 2:
            return "", latin
        if p.name_order == "family-first":
            return words[0], " ".join(words[1:])
        return words[-1], " ".join(words[:-1])
    return family, given


def sort_key(p: PersonName) -> tuple:
    """Badge batches sort by family name; a person with one name (or a Malay patronymic name,
    kept whole) by that name. Titles never decide the place: "U Thant" files under T. Latin
    names come first, in Latin order; names only in another script after them."""
    family, given = _latin_parts(p)
    primary_words = name_words(family) if family else name_words(given)
    rest_words = name_words(given) if family else []
    primary = " ".join(primary_words)
    letter = sort_letter(p)
    return (0 if letter.isascii() and letter.isalpha() else 1, primary, " ".join(rest_words), fold(full_name(p)))


def sort_letter(p: PersonName) -> str:
    """The letter a desk split files the person under (A–Z), or "#" for a name with no Latin
    letter to go by."""
    family, given = _latin_parts(p)
    words = name_words(family) if family else name_words(given)
    first = words[0][:1].upper() if words else ""
    return first if first.isascii() and first.isalpha() else "#"
