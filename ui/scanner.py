"""Catching USB scanner bursts wherever focus is (keyboard-wedge scanners type the code).

Printable keys are held back for a moment: a burst of keys milliseconds apart is a scan and is
swallowed whole; anything slower is a person typing and is replayed, unchanged, to the widget it
was meant for. A scan ends on Enter or Tab, or on a short quiet gap for scanners that send no
terminator. The scan therefore never lands in a search box or a form field.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

# Scanners type a character every 1–15 ms; fast typists rarely go under 60 ms between keys.
BURST_GAP_MS = 35
QUIET_END_MS = 60
MIN_SCAN_LENGTH = 16
_TERMINATORS = (Qt.Key_Return, Qt.Key_Enter, Qt.Key_Tab)


class ScanCatcher(QObject):
    scanned = Signal(str)

    def __init__(self, app: QApplication, *, burst_gap_ms: int = BURST_GAP_MS, quiet_end_ms: int = QUIET_END_MS,
                 min_length: int = MIN_SCAN_LENGTH):
        super().__init__(app)
        self.burst_gap = burst_gap_ms / 1000
        self.min_length = min_length
        self.enabled = True
        self._held: list[tuple[QWidget, int, Qt.KeyboardModifier, str]] = []
        self._last = 0.0
        self._replaying = False
        self._quiet = QTimer(self)
        self._quiet.setSingleShot(True)
        self._quiet.setInterval(quiet_end_ms)
        self._quiet.timeout.connect(self._on_quiet)
        app.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt override)
        if self._replaying or not self.enabled or event.type() != QEvent.KeyPress or not isinstance(obj, QWidget):
            return False
        focus = QApplication.focusWidget()
        if obj is not focus and not (focus is None and obj.isWindow()):
            return False  # the same key on its way through parents or the window: judged once
        now = time.monotonic()
        if event.key() in _TERMINATORS:
            if self._held and len(self._held) >= self.min_length and now - self._last <= self.burst_gap * 3:
                self._finish()
                return True
            self._replay()
            return False
        text = event.text()
        plain = event.modifiers() & ~(Qt.ShiftModifier | Qt.KeypadModifier) == Qt.NoModifier
        if not text or not text.isprintable() or not plain:
            self._replay()
            return False
        if self._held and now - self._last > self.burst_gap:
            self._replay()  # too slow to be a scanner: what was held was typed by a person
        self._held.append((obj, event.key(), event.modifiers(), text))
        self._last = now
        self._quiet.start()
        return True

    def _on_quiet(self) -> None:
        if len(self._held) >= self.min_length:
            self._finish()
        else:
            self._replay()

    def _finish(self) -> None:
        self._quiet.stop()
        text = "".join(t for _, _, _, t in self._held)
        self._held = []
        self.scanned.emit(text)

    def _replay(self) -> None:
        self._quiet.stop()
        held, self._held = self._held, []
        self._replaying = True
        try:
            for target, key, modifiers, text in held:
                for kind in (QEvent.KeyPress, QEvent.KeyRelease):
                    QApplication.sendEvent(target, QKeyEvent(kind, key, modifiers, text))
        finally:
            self._replaying = False
