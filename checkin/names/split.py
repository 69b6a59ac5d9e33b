"""Splitting one "Name" column into given and family names — only where that is safe.

Eventbrite's newer layout, pretix's `Attendee name`, Luma's `name` and Tito's `Ticket Full Name`
give the whole name in one cell. A wrong split is worse than none: it puts a middle name on the
badge as a family name and sorts the person under it. So the rule, in order:

1. An ideographic space (U+3000) in a name written in CJK script is the family/given separator
   CJK forms use: `林　美玲` → family 林, given 美玲, family-first.
2. Kept whole (all of it in given_name, no family name) when it cannot be split safely:
   - one word (many Indonesians and all Myanmar people have one name only);
   - Thai, Lao, Khmer, Myanmar, Chinese/Japanese/Korean script (order and boundaries vary);
   - a patronymic: bin, binti, bt, bte, binte, a/l, a/p, s/o, d/o (Malay and Indian-Malaysian
     names have no family name: "Ahmad Faizal bin Mohd Yusof" is one name);
   - a Vietnamese name: Vietnamese letters (ă â đ ê ô ơ ư, tone marks) or a common Vietnamese
     family name first or last (Nguyen, Tran, Pham…): written in either order, so unknowable;
   - a Myanmar name in Latin letters (every word a common Burmese name syllable: Aung Kyaw Moe);
   - a common Khmer, Chinese or Korean family name first (Sok, Chea; Tan, Lim, Wong; Kim): these
     are written family-first in Latin letters too ("Tan Mei Ling"), except when they are not.
3. "Family, Given" (a comma) → family and given as written.
4. Otherwise given-first: the last word is the family name, with the particles before it
   (dela Cruz, van der Berg, de los Santos) and a suffix after it (Jr., III).
A leading honorific (Dr, Prof, H.E., Dato', Datuk, Tan Sri, Haji…) is taken off into `honorific`.

When the row says the person's country, its convention decides instead of rule 2's caution:
family name first for Cambodia, Viet Nam, China (and Taiwan, Hong Kong, Macao), Korea and Japan
("Vann Vichhea" → family Vann; "Trieu Khac Duy" → family Trieu), unless the name is plainly
written the other way round (a known family name last and not first: "Duc Nguyen"); Myanmar
names are kept whole (no family name). Filipino abbreviations are particles of the family name
("Ma. Cristina Sto. Domingo" → given "Ma. Cristina", family "Sto. Domingo").

When an export gives first and last names separately but no name order, `customary_order`
says how the name is written in full: family-first for Chinese, Japanese, Korean and Khmer
script and for Vietnamese written with its own letters (Nguyễn Văn Đức); otherwise given-first
(Thai and Lao are given-first; "Michelle Nguyen" without Vietnamese letters stays as written).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

IDEOGRAPHIC_SPACE = "\u3000"

HONORIFICS = ("h.e.", "dr", "dr.", "prof", "prof.", "professor", "mr", "mr.", "mrs", "mrs.", "ms", "ms.",
              "miss", "dato'", "dato’", "dato", "datuk", "datin", "tan sri", "puan sri", "toh puan",
              "haji", "hajah", "hajjah", "hj", "hj.", "hjh", "hjh.", "atty", "atty.", "engr", "engr.")
PATRONYMIC = {"bin", "binti", "bt", "bt.", "bte", "binte", "a/l", "a/p", "s/o", "d/o", "ibni"}
PARTICLES = {"de", "del", "dela", "della", "delos", "de la", "da", "das", "do", "dos", "di", "van", "von", "der",
             "den", "ten", "ter", "la", "los", "las", "y", "st.", "st", "san", "santa", "sto.", "sto", "sta.", "sta",
             "del."}
SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
VIETNAMESE_FAMILY = {"nguyen", "tran", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang", "bui", "duong",
                     "ngo", "trinh", "dinh", "truong", "doan", "le", "ho", "do", "luong", "quach", "vuong", "trieu",
                     "lam", "cao", "ta", "lai", "chu", "tong", "thai", "khuc", "ly", "phung", "kieu", "lu",
                     "ton", "ha", "nghiem", "giang", "ung", "thach", "chau", "tang", "lieu", "doan"}
KHMER_FAMILY = {"sok", "chea", "heng", "meas", "pich", "keo", "ouk", "prak", "seng", "tep", "nhem", "chhun",
                "chhay", "phal", "sreng", "hun", "sar", "mam", "yim", "khieu", "vann", "chan", "lim", "ly", "kong",
                "chhim", "mao", "touch", "som", "nuon", "uch", "sam", "chum", "noun", "pen", "eng", "san", "thach"}
# Romanised Chinese (Hokkien, Cantonese, Hakka, Teochew, Mandarin) and Korean family names.
CHINESE_KOREAN_FAMILY = {
    "tan", "lim", "lee", "ng", "ong", "wong", "chan", "goh", "teo", "koh", "chua", "yeo", "ang", "low", "chong",
    "chen", "wang", "zhang", "liu", "li", "huang", "zhao", "wu", "zhou", "xu", "sun", "zhu", "hu", "guo", "lin",
    "luo", "liang", "song", "zheng", "xie", "han", "tang", "feng", "cheng", "yuan", "deng", "shen", "zeng", "peng",
    "cai", "jiang", "yap", "yeoh", "khoo", "cheah", "loh", "foo", "leong", "choo", "quek", "seah", "toh", "kwok",
    "kim", "park", "choi", "jung", "kang", "cho", "yoon", "jang", "lim",
}
BURMESE_SYLLABLES = {
    "aung", "kyaw", "thant", "zin", "htet", "hla", "myint", "win", "thein", "soe", "moe", "tun", "naing", "oo",
    "khin", "su", "nyein", "thiri", "zaw", "min", "phyo", "wai", "yan", "ei", "hnin", "thu", "htun", "lwin",
    "maung", "myo", "nay", "thet", "san", "sandar", "mya", "yin", "mar", "wut", "yee", "kyi", "hlaing", "htoo",
    "khaing", "thazin", "nandar", "chit", "lin", "ye", "pyae", "sone", "shwe", "thuzar", "tin", "ohn", "phyu",
    "nu", "htay", "khant", "naung", "swe", "paing", "thaw", "hein", "nyi", "myat", "htike", "ko", "ma", "daw", "u",
}
# Vietnamese-only letters: the Latin Extended Additional block (ạ ả ấ … ỹ) and ă â đ ê ô ơ ư.
_VIETNAMESE = re.compile("[\u1ea0-\u1ef9ăâđêôơưĂÂĐÊÔƠƯ]")
_KEEP_WHOLE_SCRIPTS = re.compile(
    "[\u0e00-\u0e7f"      # Thai
    "\u0e80-\u0eff"       # Lao
    "\u1780-\u17ff"       # Khmer
    "\u1000-\u109f"       # Myanmar
    "\u3040-\u30ff"       # Hiragana, Katakana
    "\u3400-\u9fff"       # CJK ideographs
    "\uac00-\ud7af]"      # Hangul
)
_CJK = re.compile("[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_FAMILY_FIRST_SCRIPTS = re.compile("[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u1780-\u17ff]")


@dataclass(frozen=True)
class SplitName:
    given_name: str
    family_name: str = ""
    name_order: str = "given-first"
    honorific: str = ""


def _ascii_fold(word: str) -> str:
    word = word.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c)).casefold()


# Countries whose names are written family name first, as people write them in forms.
FAMILY_FIRST_COUNTRIES = {"KH", "VN", "CN", "TW", "HK", "MO", "KR", "JP"}
SINGLE_NAME_COUNTRIES = {"MM"}
_COUNTRY_WORDS = {
    "cambodia": "KH", "kampuchea": "KH", "khm": "KH", "kingdom of cambodia": "KH", "កម្ពុជា": "KH",
    "vietnam": "VN", "viet nam": "VN", "vnm": "VN", "việt nam": "VN", "socialist republic of viet nam": "VN",
    "china": "CN", "chn": "CN", "prc": "CN", "people's republic of china": "CN", "中国": "CN", "中國": "CN",
    "taiwan": "TW", "twn": "TW", "hong kong": "HK", "hkg": "HK", "macao": "MO", "macau": "MO",
    "korea": "KR", "south korea": "KR", "republic of korea": "KR", "kor": "KR", "japan": "JP", "jpn": "JP",
    "myanmar": "MM", "burma": "MM", "mmr": "MM", "မြန်မာ": "MM",
}
CJK_COMPOUND_FAMILY = {"欧阳", "歐陽", "司马", "司馬", "诸葛", "諸葛", "上官", "司徒", "东方", "東方", "皇甫", "尉迟", "公孙",
                       "慕容", "长孙", "夏侯", "轩辕", "令狐", "端木", "南宫", "独孤"}


def country_code(country: str) -> str:
    """"Viet Nam", "VN", "VNM", "Việt Nam" -> "VN"; "" when unknown."""
    c = " ".join(unicodedata.normalize("NFC", country or "").split()).casefold()
    if len(c) == 2 and c.isascii():
        return c.upper()
    return _COUNTRY_WORDS.get(c, "")


def split_full_name(text: str, country: str = "") -> SplitName:
    text = unicodedata.normalize("NFC", text).strip()
    code = country_code(country)
    if code:
        by_country = _split_by_country(text, code)
        if by_country is not None:
            return by_country
    if IDEOGRAPHIC_SPACE in text and _CJK.search(text):
        family, _, given = text.partition(IDEOGRAPHIC_SPACE)
        family, given = " ".join(family.split()), " ".join(given.replace(IDEOGRAPHIC_SPACE, " ").split())
        if family and given:
            return SplitName(given, family, "family-first")
    text = " ".join(text.replace(IDEOGRAPHIC_SPACE, " ").split())
    if not text:
        return SplitName("")
    if _KEEP_WHOLE_SCRIPTS.search(text):
        return SplitName(text)
    honorific, text = _take_honorific(text)
    if "," in text:
        family, _, given = (p.strip() for p in text.partition(","))
        if family and given and not _keep_whole(given.split() + family.split()):
            return SplitName(given, family, "given-first", honorific)
        text = " ".join(p for p in (family, given) if p)   # as written, without the comma
    words = text.split()
    if len(words) < 2 or _keep_whole(words):
        return SplitName(text, "", "given-first", honorific)
    cut = len(words) - 1
    while cut > 1 and words[cut].casefold() in SUFFIXES:
        cut -= 1
    while cut > 1 and words[cut - 1].casefold() in PARTICLES:
        cut -= 1
    return SplitName(" ".join(words[:cut]), " ".join(words[cut:]), "given-first", honorific)


def _split_by_country(text: str, code: str) -> SplitName | None:
    if code in SINGLE_NAME_COUNTRIES:
        honorific, rest = _take_honorific(" ".join(text.replace(IDEOGRAPHIC_SPACE, " ").split()))
        return SplitName(rest, "", "given-first", honorific) if rest else None
    if code not in FAMILY_FIRST_COUNTRIES or "," in text or (IDEOGRAPHIC_SPACE in text and _CJK.search(text)):
        return None
    honorific, rest = _take_honorific(" ".join(text.replace(IDEOGRAPHIC_SPACE, " ").split()))
    words = rest.split()
    if len(words) == 1 and _CJK.search(rest) and code in ("CN", "TW", "HK", "MO", "KR") and 2 <= len(rest) <= 4:
        cut = 2 if rest[:2] in CJK_COMPOUND_FAMILY else 1
        return SplitName(rest[cut:], rest[:cut], "family-first", honorific)
    if len(words) < 2 or any(w.casefold() in PATRONYMIC for w in words):
        return None
    if _KEEP_WHOLE_SCRIPTS.search(rest) and not _FAMILY_FIRST_SCRIPTS.search(rest):
        return None
    known = VIETNAMESE_FAMILY | KHMER_FAMILY | CHINESE_KOREAN_FAMILY
    first, last = _ascii_fold(words[0]), _ascii_fold(words[-1])
    if last in known and first not in known and not _KEEP_WHOLE_SCRIPTS.search(rest):
        return SplitName(" ".join(words[:-1]), words[-1], "given-first", honorific)   # "Duc Nguyen"
    return SplitName(" ".join(words[1:]), words[0], "family-first", honorific)


def _take_honorific(text: str) -> tuple[str, str]:
    """Leading titles, stacked as they are written ("H.E. Ms.", "Dato' Sri", "Tan Sri Dr.")."""
    taken: list[str] = []
    while True:
        low = text.casefold()
        titles = HONORIFICS + (("sri", "seri") if taken else ())
        h = next((h for h in sorted(titles, key=len, reverse=True)
                  if low.startswith(h + " ") and len(text) > len(h) + 1), None)
        if h is None:
            return " ".join(taken), text
        taken.append(text[:len(h)])
        text = text[len(h) + 1:].strip()


def _keep_whole(words: list[str]) -> bool:
    folded = [_ascii_fold(w) for w in words]
    if any(w.casefold() in PATRONYMIC for w in words):
        return True
    if any(_VIETNAMESE.search(w) for w in words):
        return True
    if folded[0] in VIETNAMESE_FAMILY or folded[-1] in VIETNAMESE_FAMILY:
        return True
    if folded[0] in KHMER_FAMILY or folded[0] in CHINESE_KOREAN_FAMILY:
        return True
    return len(words) >= 2 and all(w in BURMESE_SYLLABLES for w in folded)


def customary_order(given: str, family: str) -> str:
    if not given or not family:
        return "given-first"
    both = f"{given} {family}"
    if _FAMILY_FIRST_SCRIPTS.search(both) or _VIETNAMESE.search(both):
        return "family-first"
    return "given-first"
