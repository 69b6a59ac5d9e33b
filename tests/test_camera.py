"""Camera frames (as QImages, since no camera exists here) decoded off the UI thread."""

import io

import pytest

import qrcode  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402

from checkin.desk.qrdecode import decode_gray  # noqa: E402
from ui.camera import FrameDecoder  # noqa: E402
from ui.runner import JobRunner  # noqa: E402

TOKEN = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567" * 3 + "ABCDEFGHIJKLMNOPQRSTUVWX"


def frame(text: str, size=(640, 480)) -> QImage:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=3, border=4)
    code.add_data(text)
    buf = io.BytesIO()
    code.make_image().save(buf, format="PNG")
    qr = QImage.fromData(buf.getvalue())
    canvas = QImage(*size, QImage.Format_RGB32)
    canvas.fill(0xFFBBBBBB)  # a grey desk around the paper
    from PySide6.QtGui import QPainter

    p = QPainter(canvas)
    p.drawImage(120, 40, qr)
    p.end()
    return canvas


def test_decode_gray_reads_a_frame():
    gray = frame(TOKEN).convertToFormat(QImage.Format_Grayscale8)
    pixels = bytes(gray.constBits())
    assert decode_gray(pixels, gray.width(), gray.height(), gray.bytesPerLine()) == TOKEN
    blank = bytes(640 * 480)
    assert decode_gray(blank, 640, 480) is None


def test_frames_become_one_scan(qtbot):
    runner = JobRunner()
    decoder = FrameDecoder(runner)
    seen = []
    decoder.scanned.connect(seen.append)
    image = frame(TOKEN)
    with qtbot.waitSignal(runner.idle, timeout=3000):
        assert decoder.offer(image)
    assert seen == [TOKEN]
    # The same code held in front of the camera: the next frame taken is decoded, and not a new scan.
    with qtbot.waitSignal(runner.idle, timeout=3000):
        qtbot.waitUntil(lambda: decoder.offer(image), timeout=3000)
    assert seen == [TOKEN]
    assert decoder._last_text == TOKEN and not decoder._busy
