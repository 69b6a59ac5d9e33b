"""Outcome sounds. A station with no audio device (or no QtMultimedia) stays silent, not broken."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QUrl

from checkin.paths import assets_dir
from ui.theme import look

log = logging.getLogger("checkin.window.sounds")


class Sounds(QObject):
    def __init__(self, parent: QObject | None = None, enabled: bool = True):
        super().__init__(parent)
        self.enabled = enabled
        self.played: list[str] = []   # what was asked for, so a test can hear without speakers
        self._effects = {}
        try:
            from PySide6.QtMultimedia import QSoundEffect
        except ImportError as exc:
            log.warning("no sound support in this Qt (%s): the station stays silent", type(exc).__name__)
            QSoundEffect = None
        folder = assets_dir() / "sounds"
        if QSoundEffect is not None and enabled:
            for path in folder.glob("*.wav"):
                effect = QSoundEffect(self)
                effect.setSource(QUrl.fromLocalFile(str(path)))
                self._effects[path.stem] = effect

    def play_outcome(self, outcome: str) -> None:
        # A scan held behind a dialog asks for attention; a failed print is a refusal.
        name = {"print_failed": "refused", "held": "attention"}.get(outcome) or look(outcome).sound
        self.played.append(name)
        effect = self._effects.get(name)
        if effect is not None and self.enabled:
            effect.play()
