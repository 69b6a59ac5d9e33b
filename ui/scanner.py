"""Catching USB scanner bursts wherever focus is (keyboard-wedge scanners type the code).

Every key a person or a scanner types is judged here before any widget sees it. Keys with text
are held back for a moment: a burst at scanner pace is a scan and is swallowed whole (with its
Enter or Tab, or ended by a short quiet gap for scanners that send none); anything slower is a
person typing and is replayed, unchanged, to the widget it was meant for. So a scan never lands
in a search box, a list, a session picker or a dialog's field, whatever has focus.

What scanners send besides the code: a Shift press around every capital (and AltGr or Caps Lock
on some layouts) — bare modifier presses are neither a key of the code nor a person's key, so
they are let through and ignored; control characters or a symbology prefix before the code.
Timing comes from the keys' own timestamps (`QKeyEvent.timestamp()`, the X server's clock), not
from when the window got round to handling them. The decision itself is `ui/burst.py`.

A scan that completes while a dialog is open (an organiser's PIN, a file dialog) is held and
handed on when the dialog closes, so it can never change whom the dialog acts on.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from ui.burst import RULES, BurstRules, continues, is_scan, late_terminator, quiet_ms, scanned_text

_TERMINATORS = (Qt.Key_Return, Qt.Key_Enter, Qt.Key_Tab)
# Pressed alone these type nothing: a scanner's Shift around a capital must not end its burst.
MODIFIER_KEYS = frozenset({Qt.Key_Shift, Qt.Key_Control, Qt.Key_Alt, Qt.Key_AltGr, Qt.Key_Meta, Qt.Key_CapsLock,
                           Qt.Key_NumLock, Qt.Key_ScrollLock, Qt.Key_Super_L, Qt.Key_Super_R, Qt.Key_Hyper_L,
                           Qt.Key_Hyper_R, Qt.Key_Mode_switch})
# Shift (capitals), keypad digits and AltGr (a layout's level 3) still type plain text.
_TEXT_MODIFIERS = Qt.ShiftModifier | Qt.KeypadModifier | Qt.GroupSwitchModifier


def _key_time(event: QKeyEvent) -> int:
    # Real displays stamp each key with the server's time; synthetic events (tests, offscreen) carry 0.
    return event.timestamp() or int(time.monotonic() * 1000)


class ScanCatcher(QObject):
    scanned = Signal(str)
    held = Signal(str)      # a scan that waits for a dialog to close (for a sound and a word)

    def __init__(self, app: QApplication, *, rules: BurstRules = RULES):
        super().__init__(app)
        self.rules = rules
        self.enabled = True
        self._held: list[tuple[QWidget, int, Qt.KeyboardModifier, str, int]] = []
        self._pending: list[str] = []     # scans that came while a dialog was open
        self._scan_end: int | None = None
        self._seen = 0
        self._replaying = False
        self._quiet = QTimer(self)
        self._quiet.setSingleShot(True)
        self._quiet.timeout.connect(self._on_quiet)
        app.installEventFilter(self)

    # -- judging keys -----------------------------------------------------------------------------
    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt override)
        kind = event.type()
        if kind == QEvent.Hide and self._pending and isinstance(obj, QDialog):
            QTimer.singleShot(0, self._release_pending)
            return False
        if self._replaying or not self.enabled or kind != QEvent.KeyPress or not isinstance(obj, QWidget):
            return False
        focus = QApplication.focusWidget()
        popup = QApplication.activePopupWidget()   # an open drop-down list takes the keys first
        if popup is not None:
            focus = popup.focusWidget() or popup
        if obj is not focus and not (focus is None and obj.isWindow()):
            return False  # the same key on its way through parents or the window: judged once
        key = event.key()
        if key in MODIFIER_KEYS:
            return False  # a bare Shift, AltGr or Caps Lock: types nothing, ends nothing
        self._seen += 1
        at = _key_time(event)
        times = [t for *_, t in self._held]
        if key in _TERMINATORS and not event.modifiers() & ~_TEXT_MODIFIERS:
            if self._held and is_scan(times, self.rules) and continues(times, at, self.rules):
                self._finish(at)
                return True
            if not self._held and late_terminator(self._scan_end, at, self.rules):
                self._scan_end = None
                return True   # the scanner's suffix, after its code already ended on a quiet gap
            self._replay()
            return False
        text = event.text()
        if not text or text in "\r\n\t" or event.modifiers() & ~_TEXT_MODIFIERS:
            self._replay()   # arrows, function keys, shortcuts: a person's, and they break any burst
            return False
        if self._held and not continues(times, at, self.rules):
            if is_scan(times, self.rules):
                self._finish(times[-1])   # a scan without a terminator, followed at once by other keys
            else:
                self._replay()   # too slow to be a scanner: what was held was typed by a person
        self._held.append((obj, key, event.modifiers(), text, at))
        self._quiet.start(quiet_ms([t for *_, t in self._held], self.rules))
        return True

    def _on_quiet(self) -> None:
        # Keys may be queued behind a moment the window was busy: let them in before deciding.
        seen = self._seen
        QApplication.processEvents()
        if self._seen != seen or not self._held:
            return
        times = [t for *_, t in self._held]
        if is_scan(times, self.rules):
            self._finish(times[-1])
        else:
            self._replay()

    def _finish(self, end: int) -> None:
        self._quiet.stop()
        text = scanned_text([t for _, _, _, t, _ in self._held])
        self._held = []
        self._scan_end = end
        if QApplication.activeModalWidget() is not None:
            self._pending.append(text)
            self.held.emit(text)
            return
        self.scanned.emit(text)

    def _replay(self) -> None:
        self._quiet.stop()
        held, self._held = self._held, []
        self._scan_end = None
        self._replaying = True
        try:
            for target, key, modifiers, text, _ in held:
                for kind in (QEvent.KeyPress, QEvent.KeyRelease):
                    QApplication.sendEvent(target, QKeyEvent(kind, key, modifiers, text))
        finally:
            self._replaying = False

    # -- scans held behind a dialog ---------------------------------------------------------------
    def _release_pending(self) -> None:
        if QApplication.activeModalWidget() is not None:
            return  # another dialog is still open (or opened next): wait for it too
        pending, self._pending = self._pending, []
        for text in pending:
            self.scanned.emit(text)

    def drop_pending(self) -> None:
        """Forget scans held behind a dialog (sign-in: no one was at the desk yet)."""
        self._pending = []
