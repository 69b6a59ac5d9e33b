"""Bundled fonts for the window: without them Qt draws empty boxes for Thai, Khmer, Myanmar…"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QFontMetricsF, QRawFont
from PySide6.QtWidgets import QApplication

from checkin.paths import assets_dir

# Latin first (it covers Vietnamese), then each ASEAN script, then CJK.
PREFERRED = ["Noto Sans", "Noto Sans Thai", "Noto Sans Lao", "Noto Sans Khmer", "Noto Sans Myanmar",
             "WenQuanYi Zen Hei"]


def load_bundled_fonts(app: QApplication) -> list[str]:
    families: list[str] = []
    folder = assets_dir() / "fonts"
    for path in sorted(folder.glob("*.tt[fc]")) if folder.is_dir() else []:
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families += [f for f in QFontDatabase.applicationFontFamilies(font_id) if f not in families]
    chosen = [f for f in PREFERRED if f in families] + [f for f in families if f not in PREFERRED]
    if chosen:
        font = QFont(app.font())
        font.setFamilies(chosen)
        app.setFont(font)
    return chosen


_MEASURED: dict[tuple[str, str], tuple[QFontMetricsF, QRawFont]] = {}


def _metrics_of(font: QFont, family: str) -> tuple[QFontMetricsF, QRawFont]:
    key = (font.toString(), family)
    if key not in _MEASURED:   # rows are measured at every paint: measure each font once
        one = QFont(font)
        one.setFamilies([family])
        _MEASURED[key] = QFontMetricsF(one), QRawFont.fromFont(one)   # the raw font: its own glyphs, no fallback
    return _MEASURED[key]


def line_extent(font: QFont, text: str) -> tuple[float, float]:
    """(ascent, descent) a line of `text` needs in `font`: the largest of the fonts its characters
    are drawn from, in the font's own fallback order. A Myanmar stack needs far more room above and
    below than Latin (Noto Sans Myanmar: about 41 px a line at 14 pt against 26 for Noto Sans)."""
    families = font.families() or [font.family()]
    metrics = [_metrics_of(font, f) for f in families]
    ascent, descent = QFontMetricsF(font).ascent(), QFontMetricsF(font).descent()
    seen = set()
    for ch in text:
        code = ord(ch)
        if code < 0x250 or code in seen:
            continue   # Latin (with Vietnamese's marks) fits the first font
        seen.add(code)
        for m, raw in metrics:
            if raw.supportsCharacter(code):
                ascent, descent = max(ascent, m.ascent()), max(descent, m.descent())
                break
    return ascent, descent


def tallest_extent(font: QFont) -> tuple[float, float]:
    """(ascent, descent) of the tallest script `font` can draw: room for whatever may be typed."""
    metrics = [_metrics_of(font, f) for f in (font.families() or [font.family()])]
    return max(m.ascent() for m, _ in metrics), max(m.descent() for m, _ in metrics)
