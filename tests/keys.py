"""Keys as a USB scanner sends them on a real display, for the offscreen tests.

Each key carries its own timestamp a few milliseconds after the last (what `QKeyEvent.timestamp()`
gives on a real X display), and a Shift press and release comes around every capital, so the scan
catcher judges these keys exactly as it judges a real scanner's, however busy the test machine is.
tests/test_real_keys.py types real keys into a real X server.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

SCANNER_GAP_MS = 4


def _send(widget, kind, key, modifiers, text: str, at: int) -> None:
    event = QKeyEvent(kind, key, modifiers, text)
    event.setTimestamp(at)
    QApplication.sendEvent(widget, event)


def scanner_types(widget, code: str, *, suffix: Qt.Key | None = Qt.Key_Return, gap_ms: int = SCANNER_GAP_MS) -> None:
    """Type `code` into `widget` (where focus is) as a scanner would, then its suffix key (or none)."""
    at = int(time.monotonic() * 1000)
    for ch in code:
        shifted = ch.isupper()
        modifiers = Qt.ShiftModifier if shifted else Qt.NoModifier
        if shifted:
            _send(widget, QEvent.KeyPress, Qt.Key_Shift, Qt.ShiftModifier, "", at)
        key = Qt.Key(ord(ch.upper())) if ch.isalnum() else Qt.Key_unknown
        at += gap_ms
        _send(widget, QEvent.KeyPress, key, modifiers, ch, at)
        _send(widget, QEvent.KeyRelease, key, modifiers, ch, at + 1)
        if shifted:
            _send(widget, QEvent.KeyRelease, Qt.Key_Shift, Qt.NoModifier, "", at + 1)
    if suffix is not None:
        at += gap_ms
        _send(widget, QEvent.KeyPress, suffix, Qt.NoModifier, "\r" if suffix == Qt.Key_Return else "\t", at)
        _send(widget, QEvent.KeyRelease, suffix, Qt.NoModifier, "", at + 1)
