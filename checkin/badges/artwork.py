"""Drawing an event's images (logo, sponsor strip) on badges: each image becomes one PDF form
per document, drawn by reference on every badge, so a batch of 1,000 badges embeds it once."""

from __future__ import annotations

import io
from functools import lru_cache

from reportlab.graphics import renderPDF
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from checkin.badges.design import Artwork, svg_drawing


@lru_cache(maxsize=16)
def _decoded(kind: str, data: bytes):
    """(reportlab object, natural width, natural height)."""
    if kind == "svg":
        drawing = svg_drawing(data)
        return drawing, float(drawing.width), float(drawing.height)
    reader = ImageReader(io.BytesIO(data))
    width, height = reader.getSize()
    return reader, float(width), float(height)


def aspect(art: Artwork) -> float:
    """Width over height."""
    _, width, height = _decoded(art.kind, art.data)
    return width / height


def _form(c: Canvas, art: Artwork) -> tuple[str, float, float]:
    obj, width, height = _decoded(art.kind, art.data)
    name = f"art-{art.digest}"
    made = c.__dict__.setdefault("_badge_forms", set())
    if name not in made:
        c.beginForm(name, 0, 0, width, height)
        if art.kind == "svg":
            renderPDF.draw(obj, c, 0, 0)
        else:
            c.drawImage(obj, 0, 0, width, height, mask="auto")
        c.endForm()
        made.add(name)
    return name, width, height


def draw_artwork(c: Canvas, art: Artwork, x: float, y: float, width: float, height: float,
                 *, align: str = "centre") -> float:
    """The image scaled to fit the box, keeping its proportions; returns the width it took."""
    name, w, h = _form(c, art)
    scale = min(width / w, height / h)
    dw, dh = w * scale, h * scale
    dx = {"left": 0.0, "right": width - dw}.get(align, (width - dw) / 2)
    c.saveState()
    c.translate(x + dx, y + (height - dh) / 2)
    c.scale(scale, scale)
    c.doForm(name)
    c.restoreState()
    return dw
