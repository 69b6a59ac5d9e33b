"""Camera scanning: frames from QtMultimedia, decoded by zxing-cpp on the render pool.

At most one frame is being decoded at a time and a few frames a second are enough; the same code
seen again within a few seconds is not a second scan.
"""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from checkin.desk.qrdecode import decode_gray

log = logging.getLogger("checkin.window.camera")

REPEAT_SECONDS = 4.0
MIN_INTERVAL = 0.2


class FrameDecoder(QObject):
    """Takes QImages (from a camera, or a test) and emits `scanned(text)` for new codes."""

    scanned = Signal(str)

    def __init__(self, runner, parent: QObject | None = None):
        super().__init__(parent)
        self.runner = runner
        self._busy = False
        self._last_frame = 0.0
        self._last_text, self._last_seen = "", 0.0

    def offer(self, image: QImage) -> bool:
        """Queue a frame unless one is being decoded or the last was a moment ago."""
        now = time.monotonic()
        if self._busy or now - self._last_frame < MIN_INTERVAL or image.isNull():
            return False
        self._last_frame = now
        gray = image.convertToFormat(QImage.Format_Grayscale8)
        pixels = bytes(gray.constBits())[: gray.bytesPerLine() * gray.height()]
        width, height, stride = gray.width(), gray.height(), gray.bytesPerLine()
        self._busy = True
        self.runner.submit_render(lambda: decode_gray(pixels, width, height, stride), self._decoded, self._failed)
        return True

    def _decoded(self, text) -> None:
        self._busy = False
        now = time.monotonic()
        if text and not (text == self._last_text and now - self._last_seen < REPEAT_SECONDS):
            self._last_text, self._last_seen = text, now
            self.scanned.emit(text)
        elif text:
            self._last_seen = now

    def _failed(self, error) -> None:
        self._busy = False
        log.warning("a camera frame could not be decoded (%s)", type(error).__name__)


def start_camera(decoder: FrameDecoder, parent: QObject):
    """Open the default camera and feed its frames to the decoder; None where no camera exists."""
    try:
        from PySide6.QtMultimedia import QCamera, QMediaCaptureSession, QMediaDevices, QVideoSink
    except ImportError as exc:
        log.warning("no camera support in this Qt (%s): scan with the USB scanner", type(exc).__name__)
        return None
    if not QMediaDevices.videoInputs():
        return None
    camera = QCamera(QMediaDevices.defaultVideoInput(), parent)
    session = QMediaCaptureSession(parent)
    sink = QVideoSink(parent)
    session.setCamera(camera)
    session.setVideoSink(sink)
    sink.videoFrameChanged.connect(lambda frame: decoder.offer(frame.toImage()))
    camera.start()
    return camera, session, sink
