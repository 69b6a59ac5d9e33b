"""Reading a QR code from a camera frame (grayscale pixels), for desks without a USB scanner."""

from __future__ import annotations

import zxingcpp


def decode_gray(pixels: bytes, width: int, height: int, stride: int | None = None) -> str | None:
    """The first QR code's text in an 8-bit grayscale frame, or None."""
    stride = stride or width
    if width <= 0 or height <= 0 or len(pixels) < stride * height:
        return None
    # Row padding (stride > width) is a few blank columns on the right: harmless to the decoder.
    view = memoryview(pixels)[: stride * height].cast("B", (height, stride))
    found = zxingcpp.read_barcodes(view, formats=zxingcpp.BarcodeFormat.QRCode)
    return found[0].text if found else None
