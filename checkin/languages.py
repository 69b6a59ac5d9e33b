"""The languages an attendee may be greeted in, by their codes (en, th, vi, …), and how an export
may spell them ("Thai", "ภาษาไทย", "th-TH")."""

from __future__ import annotations

from checkin.errors import InputError

# code -> the language's own name, as the kiosk's picker shows it
LANGUAGES: dict[str, str] = {
    "en": "English", "th": "ไทย", "vi": "Tiếng Việt", "id": "Bahasa Indonesia", "ms": "Bahasa Melayu",
    "km": "ខ្មែរ", "lo": "ລາວ", "my": "မြန်မာ", "fil": "Filipino", "zh": "中文",
}
DEFAULT = "en"
_SPELLINGS = {
    "english": "en", "thai": "th", "vietnamese": "vi", "indonesian": "id", "bahasa indonesia": "id",
    "malay": "ms", "bahasa melayu": "ms", "bahasa malaysia": "ms", "khmer": "km", "cambodian": "km",
    "lao": "lo", "laotian": "lo", "burmese": "my", "myanmar": "my", "filipino": "fil", "tagalog": "fil",
    "tl": "fil", "chinese": "zh", "mandarin": "zh", "bahasa": "id",
    **{name.casefold(): code for code, name in LANGUAGES.items()},
}


def language_code(value: str) -> str:
    """`th`, `th-TH`, `Thai` or `ไทย` -> `th`; empty stays empty (not stated)."""
    text = " ".join(value.split()).casefold()
    if not text:
        return ""
    if text in LANGUAGES:
        return text
    if text in _SPELLINGS:
        return _SPELLINGS[text]
    base = text.replace("_", "-").split("-")[0]
    if base in LANGUAGES:
        return base
    raise InputError(f"{value!r} is not a language we greet in: use one of {', '.join(LANGUAGES)}")


def text_in(texts: dict[str, str], language: str) -> tuple[str, str]:
    """The text in `language`, else in English, else the first given: (language used, text)."""
    for code in (language, DEFAULT):
        if code and texts.get(code, "").strip():
            return code, texts[code].strip()
    for code, text in texts.items():
        if text.strip():
            return code, text.strip()
    return DEFAULT, ""
