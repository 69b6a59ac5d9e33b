"""Bundled fonts for the window: without them Qt draws empty boxes for Thai, Khmer, Myanmar…"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
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
