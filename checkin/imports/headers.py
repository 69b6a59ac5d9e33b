"""How a header is compared: the same text in any case, spacing or Unicode form is the same header."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()
