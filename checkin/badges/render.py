"""Drawing badges with reportlab: one face at a time, placed on the format's sheets.

A face is drawn at an origin from `BadgeData` alone. The front carries what a door marshal and a
fellow delegate look for (name, organisation, role, QR, sessions); the back repeats the role and
the no-photos marker (badges turn on lanyards) and adds the personal agenda and the
safeguarding focal point.
"""

from __future__ import annotations

import io
from functools import lru_cache
from typing import Callable, Iterable

import qrcode
import zxingcpp
from reportlab.lib.colors import HexColor, white
from reportlab.lib.units import mm
from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas

from checkin.badges import artwork, text as tx
from checkin.badges.data import NO_PHOTOS_COLOUR, BadgeData
from checkin.badges.formats import BadgeFormat, get_format
from checkin.badges.sorting import letter_ranges
from checkin.errors import InputError

INK = HexColor("#1a1a1a")
GREY = HexColor("#5f6368")
YOUTH_TINT = HexColor("#fff6d6")
MIN_MODULE = 0.6 * mm   # below this a Q-level code's modules get too small to survive a worn badge
QUIET_MODULES = 4       # white modules around a code (ISO/IEC 18004); scanners miss codes with less
MIN_TEXT = 8.0          # no type on a badge is smaller than this, in points

Progress = Callable[[int, int], None]
# Compressed streams as binary rather than ASCII85: a quarter smaller and a tenth of the save time.
rl_config.useA85 = 0


# -- QR ------------------------------------------------------------------------------------------

@lru_cache(maxsize=4096)
def qr_matrix(token: str, level: str) -> tuple[tuple[bool, ...], ...]:
    """Dark modules, row by row. zxing-cpp's encoder (C++, ~0.6 ms) picks the mode and mask; the
    pure-Python qrcode package spends ~50 ms choosing a mask, which dominated batch rendering."""
    try:
        code = zxingcpp.create_barcode(token, zxingcpp.BarcodeFormat.QRCode, ec_level=level)
        image = memoryview(code.to_image(scale=1, add_quiet_zones=False))
        n = image.shape[0]
        data = bytes(image)
        return tuple(tuple(data[r * n + col] < 128 for col in range(n)) for r in range(n))
    except (AttributeError, TypeError):  # an older zxing-cpp without an encoder
        code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_Q if level == "Q"
                             else qrcode.constants.ERROR_CORRECT_M, border=0)
        code.add_data(token)
        code.make(fit=True)
        return tuple(tuple(row) for row in code.get_matrix())


def qr_level(token: str, side: float) -> str:
    """Q where its modules stay large enough at this size, M (fewer, larger modules) otherwise."""
    return "Q" if side / len(qr_matrix(token, "Q")) >= MIN_MODULE else "M"


@lru_cache(maxsize=4096)
def _qr_ops(token: str, level: str) -> tuple[int, str]:
    """The dark modules as one PDF path in module units (horizontal runs merged), filled once."""
    matrix = qr_matrix(token, level)
    n = len(matrix)
    ops = []
    for r, row in enumerate(matrix):
        col = 0
        while col < n:
            if row[col]:
                start = col
                while col < n and row[col]:
                    col += 1
                ops.append(f"{start} {n - 1 - r} {col - start} 1 re")
            else:
                col += 1
    ops.append("f")
    return n, "\n".join(ops)


def qr_fit(token: str, box: float) -> tuple[str, int, float]:
    """The level, module count and module size for a code that fills `box` with its quiet zone:
    Q where its modules stay large enough, M (fewer, larger modules) otherwise."""
    for level in ("Q", "M"):
        n = len(qr_matrix(token, level))
        module = box / (n + 2 * QUIET_MODULES)
        if module >= MIN_MODULE or level == "M":
            return level, n, module
    raise AssertionError


def place_qr(c: Canvas, token: str, x: float, y: float, box: float) -> float:
    """The code inside a white square of side `box` that holds its 4-module quiet zone (ISO/IEC
    18004), whatever the face's colour around it; returns the code's own side."""
    level, n, module = qr_fit(token, box)
    c.setFillColor(white)
    c.rect(x, y, box, box, stroke=0, fill=1)
    _draw_modules(c, token, level, x + QUIET_MODULES * module, y + QUIET_MODULES * module, module)
    return n * module


def draw_qr(c: Canvas, token: str, x: float, y: float, side: float) -> None:
    """The code with its side given; its quiet zone (painted white) lies outside that square."""
    n, _ = _qr_ops(token, qr_level(token, side))
    module = side / n
    quiet = QUIET_MODULES * module
    c.setFillColor(white)
    c.rect(x - quiet, y - quiet, side + 2 * quiet, side + 2 * quiet, stroke=0, fill=1)
    _draw_modules(c, token, qr_level(token, side), x, y, module)


def _draw_modules(c: Canvas, token: str, level: str, x: float, y: float, module: float) -> None:
    _, ops = _qr_ops(token, level)
    c.saveState()
    c.transform(module, 0, 0, module, x, y)
    c.setFillColor(INK)
    c.addLiteral(ops)
    c.restoreState()


# -- parts of a face -----------------------------------------------------------------------------

def pt(size: float, f: BadgeFormat) -> float:
    """A type size scaled with the badge, never below the smallest size that reads on a lanyard."""
    return max(MIN_TEXT, size * f.base)


def _no_photos_marker(c: Canvas, x: float, top: float, height: float, max_width: float) -> float:
    """A magenta pill with a crossed camera and the words; returns its width."""
    size = max(MIN_TEXT, height * 0.55)
    words = tx.line("NO PHOTOS", bold=True)
    width = min(max_width, height * 1.25 + words.width * size + height * 0.35)
    y = top - height
    c.setFillColor(HexColor(NO_PHOTOS_COLOUR))
    c.roundRect(x, y, width, height, height / 2, stroke=0, fill=1)
    # The icon: a camera inside a "no" ring.
    cx, cy, r = x + height * 0.62, y + height / 2, height * 0.36
    c.setStrokeColor(white)
    c.setFillColor(white)
    c.setLineWidth(height * 0.07)
    c.roundRect(cx - r * 0.6, cy - r * 0.38, r * 1.2, r * 0.8, r * 0.12, stroke=0, fill=1)
    c.rect(cx - r * 0.22, cy + r * 0.4, r * 0.44, r * 0.16, stroke=0, fill=1)
    c.setFillColor(HexColor(NO_PHOTOS_COLOUR))
    c.circle(cx, cy + r * 0.02, r * 0.25, stroke=0, fill=1)
    c.circle(cx, cy, r, stroke=1, fill=0)
    c.line(cx - r * 0.7, cy - r * 0.7, cx + r * 0.7, cy + r * 0.7)
    c.setFillColor(white)
    tx.draw_line(c, words, x + height * 1.12, y + height / 2 - size * 0.36, size)
    return width


def _header(c: Canvas, d: BadgeData, f: BadgeFormat, x0: float, y0: float) -> float:
    """The event's strip across the top of the face: its logo on a white tile and its name, in
    its colours; below it on the right, the no-photos marker where consent was declined.
    Returns the y below them."""
    design = d.design
    b, m = f.base, f.margin
    top = y0 + f.height
    inner = max(10 * mm, 12 * mm * b)   # two lines of 8 pt at least
    strip = inner + m * 0.8
    c.setFillColor(HexColor(design.event_colour))
    c.rect(x0, top - strip, f.width, strip, stroke=0, fill=1)
    x, width = x0 + m, f.width - 2 * m
    pad = max(0.9 * mm, 1.3 * mm * b)
    box_top, box_h = top - m * 0.8 + 0 - pad * 0.2, inner - pad
    if design.logo is not None:
        tile_h = box_h
        tile_w = min(width * 0.42, tile_h * artwork.aspect(design.logo) + 2 * pad)
        c.setFillColor(white)
        c.roundRect(x, box_top - tile_h, tile_w, tile_h, pad, stroke=0, fill=1)
        artwork.draw_artwork(c, design.logo, x + pad, box_top - tile_h + pad * 0.7, tile_w - 2 * pad,
                             tile_h - 1.4 * pad)
        x += tile_w + 2 * mm * b
        width -= tile_w + 2 * mm * b
    title = tx.fit(d.event_name, width, box_h, max_size=max(MIN_TEXT, 15 * b), shrink_to=max(MIN_TEXT, 11 * b),
                   bold=True, min_size=MIN_TEXT)
    c.setFillColor(HexColor(design.event_text))
    tx.draw_fitted(c, title, x, box_top - (box_h - title.height) / 2, width,
                   align="left" if design.logo is not None else "centre")
    y = top - strip - 1.8 * mm * b
    if d.no_photos:
        height = max(5.4 * mm, 7 * mm * b)
        marker_w = min(f.width - 2 * m, max(34 * mm * b, 30 * mm))
        _no_photos_marker(c, x0 + f.width - m - marker_w, y, height, marker_w)
        y -= height + 1.5 * mm * b
    return y


def _band(c: Canvas, d: BadgeData, f: BadgeFormat, x: float, y: float, width: float) -> float:
    """The role's colour band across the foot of the face, with the role's word; returns its top.
    An event that hides roles still prints the young person's band."""
    if not (d.design.shows("role") or d.youth):
        return y + f.margin
    height = max(8 * mm, (15 if not f.landscape else 12) * mm * f.base)
    c.setFillColor(HexColor(d.role_colour))
    c.rect(x, y, width, height, stroke=0, fill=1)
    word = d.role_word.upper()
    fitted = tx.fit(word, width - 2 * f.margin, height * 0.62, max_size=24 * f.base, shrink_to=MIN_TEXT, bold=True,
                    max_lines=1, min_size=MIN_TEXT)
    c.setFillColor(HexColor(d.role_text_colour))
    baseline = y + (height - (fitted.lines[0].ascent + fitted.lines[0].descent) * fitted.size) / 2
    tx.draw_line(c, fitted.lines[0], x + f.margin, baseline, fitted.size, align="centre",
                 box_width=width - 2 * f.margin)
    return y + height


def _name_block(c: Canvas, d: BadgeData, f: BadgeFormat, x: float, top: float, width: float,
                height: float, *, centre: bool, settle: float = 0.35) -> float:
    """Honorific, name (fitted), organisation, country inside the box, placed a little above its
    middle (`settle` of the spare height goes above); returns the y below."""
    b = f.base
    parts: list[tuple[tx.Fitted, object, float]] = []   # (text, colour, space after)
    if d.honorific:
        size = pt(9, f)
        parts.append((tx.fit(d.honorific, width, size * 1.5, max_size=size, shrink_to=MIN_TEXT, max_lines=1,
                             min_size=MIN_TEXT), GREY, 1 * mm * b))
    organisation = d.organisation if d.design.shows("organisation") else ""
    country = d.country if d.design.shows("country") else ""
    org_size, country_size = pt(11, f), pt(10, f)
    name_min = 2.6 * MIN_TEXT
    org_lines = 2 if organisation else 0
    # Where the box is short (a card, a label), the country goes first, then the organisation's
    # second line, then the honorific: the name never shrinks below what reads on a lanyard.
    latin_need = max(MIN_TEXT, pt(11, f)) * 1.5 if d.name_latin else 0.0
    for _ in range(4):
        org_h = org_lines * org_size * 1.45
        country_h = country_size * 1.5 + 1 * mm if country else 0.0
        fixed = sum(p[0].height + p[2] for p in parts)
        if height - fixed - org_h - country_h - latin_need - 1.5 * mm * b >= name_min:
            break
        if country:
            country = ""
        elif org_lines == 2:
            org_lines = 1
        elif parts:
            parts = []
    # A name in another script carries its Latin spelling on a second, smaller line.
    latin_size = max(MIN_TEXT, pt(11, f))
    latin_h = latin_size * 1.5 if d.name_latin else 0.0
    name_h = max(name_min, height - fixed - org_h - country_h - latin_h - 1.5 * mm * b)
    name = tx.fit(d.name, width, name_h, max_size=f.max_name * (1.1 if d.youth else 1), shrink_to=f.max_name * 0.62,
                  bold=True, min_size=MIN_TEXT)
    if d.name_latin:
        latin_size = min(latin_size, max(MIN_TEXT, name.size * 0.55))
        parts.append((name, INK, 0.6 * mm * b))
        parts.append((tx.fit(d.name_latin, width, latin_size * 1.5, max_size=latin_size, shrink_to=MIN_TEXT,
                             max_lines=1, min_size=MIN_TEXT), INK, 1.5 * mm * b))
    else:
        parts.append((name, INK, 1.5 * mm * b))
    if organisation and org_lines:
        parts.append((tx.fit(organisation, width, org_h, max_size=org_size, shrink_to=max(MIN_TEXT, 8.5 * b),
                             max_lines=org_lines, min_size=MIN_TEXT), INK, 0.8 * mm))
    if country:
        parts.append((tx.fit(country, width, country_size * 1.5, max_size=country_size, shrink_to=MIN_TEXT,
                             max_lines=1, min_size=MIN_TEXT), GREY, 0))
    total = sum(p[0].height + p[2] for p in parts)
    y = top - max(0.0, height - total) * settle
    for fitted, colour, after in parts:
        c.setFillColor(colour)
        y = tx.draw_fitted(c, fitted, x, y, width, align="centre" if centre else "left") - after
    return y


def _session_list(c: Canvas, d: BadgeData, f: BadgeFormat, x: float, top: float, width: float, bottom: float,
                  *, heading: str = "", titles: bool = True, full_day: bool = False) -> None:
    """Per session: code, day and time in bold, then title and room (or the room alone), as
    many as the box holds."""
    size = pt(8.5, f)
    lead = size * 1.25
    y = top
    if heading:
        c.setFillColor(GREY)
        head = tx.line(heading.upper(), bold=True)
        y -= head.ascent * size
        tx.draw_line(c, head, x, y, size)
        y -= lead * 0.4
    if not d.sessions:
        c.setFillColor(INK)
        for ln in tx.wrap("Open sessions: see the programme", width, size, 2):
            y -= lead
            tx.draw_line(c, tx.line(ln), x, y, size)
        return
    gap = 0.8 * mm
    per = lead * 2 + gap
    if (y - bottom) // per >= len(d.sessions):
        shown = d.sessions
    else:   # keep one line for "+ N more"
        shown = d.sessions[:max(0, int((y - bottom - lead) // per))]
    for s in shown:
        c.setFillColor(INK)
        y -= lead
        first = f"{s.code}  {s.day if full_day else s.day[:3]} {s.time}"
        tx.draw_line(c, tx.line(tx.truncate(first, width, size, True), True), x, y, size)
        y -= lead
        c.setFillColor(GREY)
        second = (f"{s.title} · {s.room}" if titles else s.room) + (" (re-run)" if s.rerun else "")
        tx.draw_line(c, tx.line(tx.truncate(second, width, size)), x, y, size)
        y -= gap
    if len(shown) < len(d.sessions):
        y -= lead
        c.setFillColor(GREY)
        more = f"+ {len(d.sessions) - len(shown)} more" + (" (see back)" if not full_day else "")
        tx.draw_line(c, tx.line(tx.truncate(more, width, size)), x, y, size)


def _compact_sessions(c: Canvas, d: BadgeData, f: BadgeFormat, x: float, y: float, width: float,
                      align: str = "centre") -> None:
    c.setFillColor(INK)
    compact = " · ".join(f"{s.code} {s.day[:3]} {s.time[:5]}" for s in d.sessions)
    tx.draw_line(c, tx.line(tx.truncate(compact, width, MIN_TEXT, True), True), x, y, MIN_TEXT,
                 align=align, box_width=width)


def _youth_tint(c: Canvas, f: BadgeFormat, x: float, y: float) -> None:
    c.setFillColor(YOUTH_TINT)
    c.rect(x, y, f.width, f.height, stroke=0, fill=1)


def _youth_frame(c: Canvas, d: BadgeData, f: BadgeFormat, x: float, y: float) -> None:
    c.setStrokeColor(HexColor(d.design.role_colours("youth")[0]))
    w = 2.4 * mm * f.base
    c.setLineWidth(w)
    c.rect(x + w / 2, y + w / 2, f.width - w, f.height - w, stroke=1, fill=0)


# -- faces ---------------------------------------------------------------------------------------

def draw_front(c: Canvas, d: BadgeData, f: BadgeFormat, x0: float, y0: float) -> None:
    if d.youth:
        _youth_tint(c, f, x0, y0)
    m = f.margin
    x, width = x0 + m, f.width - 2 * m
    below_header = _header(c, d, f, x0, y0)
    band_top = _band(c, d, f, x0, y0, f.width)
    gap = 2 * mm * f.base
    sessions = d.design.shows("sessions")
    if f.landscape:
        box = min(f.qr_target, below_header - band_top - 2 * gap, width * 0.45)
        place_qr(c, d.token, x + width - box, band_top + gap, box)
        col = width - box - 2 * mm
        bottom = band_top + gap + (MIN_TEXT * 1.6 if sessions and d.sessions else 0)
        _name_block(c, d, f, x, below_header, col, below_header - bottom, centre=False, settle=0.2)
        if sessions and d.sessions:
            _compact_sessions(c, d, f, x, band_top + gap + 1 * mm, col, align="left")
        if d.youth:
            _youth_frame(c, d, f, x0, y0)
        return
    box = min(f.qr_target, width)
    qr_y = band_top + gap
    beside = width - box - 2 * mm
    if sessions and beside >= 30 * mm:
        place_qr(c, d.token, x, qr_y, box)
        _session_list(c, d, f, x + box + 2 * mm, qr_y + box - QUIET_MODULES * qr_fit(d.token, box)[2], beside,
                      qr_y, titles=False)
        block_bottom = qr_y + box + gap
    else:
        # Narrow formats: the QR centred, the sessions as one compact line above it (in full on the back).
        block_bottom = qr_y + box + gap
        if sessions and d.sessions:
            _compact_sessions(c, d, f, x, block_bottom, width)
            block_bottom += MIN_TEXT * 1.3 + gap
        place_qr(c, d.token, x + (width - box) / 2, qr_y, box)
    _name_block(c, d, f, x, below_header, width, below_header - block_bottom, centre=True)
    if d.youth:
        _youth_frame(c, d, f, x0, y0)


def _sponsors(c: Canvas, d: BadgeData, f: BadgeFormat, x: float, y: float, width: float) -> float:
    """The sponsor strip above the band; returns its top."""
    art = d.design.sponsors
    if art is None:
        return y
    height = min(max(8 * mm, 12 * mm * f.base), width / max(artwork.aspect(art), 0.1))
    artwork.draw_artwork(c, art, x, y + 1.5 * mm, width, height)
    return y + height + 3 * mm


def draw_back(c: Canvas, d: BadgeData, f: BadgeFormat, x0: float, y0: float) -> None:
    if d.youth:
        _youth_tint(c, f, x0, y0)
    m = f.margin
    b = f.base
    x, width = x0 + m, f.width - 2 * m
    y = _header(c, d, f, x0, y0)
    band_top = _band(c, d, f, x0, y0, f.width)
    floor = _sponsors(c, d, f, x, band_top, width)
    # The name once more, smaller: whoever reads the back still sees who this is.
    c.setFillColor(INK)
    name = tx.fit(d.name, width, max(2.6 * MIN_TEXT, 14 * mm * b), max_size=16 * b, shrink_to=max(MIN_TEXT, 10 * b),
                  bold=True, min_size=MIN_TEXT)
    y = tx.draw_fitted(c, name, x, y, width) - 2 * mm * b
    # Safeguarding focal point: a framed box above the band.
    size = pt(8, f)
    lines = tx.wrap(d.focal_point or "Ask at the registration table", width - 4 * mm, size, 3)
    box_h = (len(lines) + 1) * size * 1.3 + 2.5 * mm
    box_y = floor + 1.5 * mm * b
    c.setStrokeColor(HexColor(d.role_colour))
    c.setLineWidth(1)
    c.setFillColor(white)
    c.roundRect(x, box_y, width, box_h, 2 * mm, stroke=1, fill=1)
    ty = box_y + box_h - 1.2 * mm - size
    c.setFillColor(INK)
    tx.draw_line(c, tx.line(tx.truncate("Safeguarding focal point", width - 4 * mm, size, True), True),
                 x + 2 * mm, ty, size)
    for ln in lines:
        ty -= size * 1.3
        tx.draw_line(c, tx.line(ln), x + 2 * mm, ty, size)
    # The QR again where there is room: a badge turned on its lanyard still scans at the door.
    agenda_bottom = box_y + box_h + 1.5 * mm
    qr = min(f.qr_target * 0.8, width * 0.5)
    room = y - agenda_bottom - qr
    size = pt(8.5, f)
    agenda = (size * 1.7 + max(1, len(d.sessions)) * (size * 2.5 + 0.8 * mm)) if d.design.shows("sessions") else 0.0
    if room >= min(agenda, 30 * mm * b):   # the whole agenda above it, or at least 30 mm of it
        place_qr(c, d.token, x + width - qr, agenda_bottom, qr)
        agenda_bottom += qr + 1 * mm
    if d.design.shows("sessions"):
        _session_list(c, d, f, x, y, width, agenda_bottom, heading="My sessions", full_day=True)
    if d.youth:
        _youth_frame(c, d, f, x0, y0)


# -- sheets --------------------------------------------------------------------------------------

def _crop_marks(c: Canvas, f: BadgeFormat) -> None:
    """Cut lines for four A6 on A4: marks at the page edges on the two cuts, drawn long enough
    to show past a printer's unprintable border, with a white underlay so they read on colour."""
    page_w, page_h = f.sheet
    mid_x, mid_y = page_w / 2, page_h / 2
    length = 9 * mm
    marks = [(mid_x, 0, mid_x, length), (mid_x, page_h, mid_x, page_h - length),
             (0, mid_y, length, mid_y), (page_w, mid_y, page_w - length, mid_y)]
    for width, colour in ((2.2, white), (0.6, INK)):
        c.setLineWidth(width)
        c.setStrokeColor(colour)
        for x1, y1, x2, y2 in marks:
            c.line(x1, y1, x2, y2)


def _tile_origin(f: BadgeFormat, slot: int, back: bool) -> tuple[float, float]:
    page_w, page_h = f.sheet
    col, row = slot % 2, slot // 2
    if back:
        col = 1 - col   # long-edge duplex: the back of the left badge is printed on the right
    cell_h = page_h / 2
    return col * (page_w / 2), page_h - (row + 1) * cell_h + (cell_h - f.height) / 2


def _fold_line(c: Canvas, f: BadgeFormat) -> None:
    c.setStrokeColor(GREY)
    c.setLineWidth(0.5)
    c.setDash(3, 3)
    c.line(f.width, 0, f.width, 6 * mm)
    c.line(f.width, f.height, f.width, f.height - 6 * mm)
    c.setDash()


def _canvas(f: BadgeFormat, buffer: io.BytesIO, title: str) -> Canvas:
    c = Canvas(buffer, pagesize=f.sheet, pageCompression=1)
    c.setTitle(title)
    c.setAuthor("Forum Check-in")
    c.setCreator("Forum Check-in")
    return c


def _divider(c: Canvas, f: BadgeFormat, desk: int, first: str, last: str, count: int, event_name: str) -> None:
    page_w, page_h = f.sheet
    m = 8 * mm if page_w > 80 * mm else 4 * mm
    width = page_w - 2 * m
    c.setFillColor(INK)
    y = page_h - m
    for text, size, bold in ((f"Desk {desk}", 60, True), (f"{first} – {last}" if first != last else first, 48, True),
                             (f"{count} badge{'s' if count != 1 else ''}", 20, False), (event_name, 12, False)):
        fitted = tx.fit(text, width, size * 1.6, max_size=size * min(1.0, page_w / (148 * mm)), shrink_to=6, bold=bold)
        y = tx.draw_fitted(c, fitted, m, y, width, align="centre") - 6 * mm
    c.showPage()


def _sorted(badges: list[BadgeData], sort: str | None) -> list[BadgeData]:
    if sort in (None, "", "none"):
        return list(badges)
    if sort not in ("family", "given"):
        raise InputError(f"unknown sort {sort!r}: use family or given")
    return sorted(badges, key=lambda d: (d.sort_family if sort == "family" else d.sort_given, d.registration_id))


def _place(c: Canvas, f: BadgeFormat, batch: list[BadgeData], done: int, total: int,
           progress: Progress | None) -> int:
    """Draw one group of badges onto fresh sheets; returns the running count."""
    if f.per_sheet > 1:
        for start in range(0, len(batch), f.per_sheet):
            sheet = batch[start:start + f.per_sheet]
            for back in (False, True):
                for slot, d in enumerate(sheet):
                    ox, oy = _tile_origin(f, slot, back)
                    (draw_back if back else draw_front)(c, d, f, ox, oy)
                _crop_marks(c, f)
                c.showPage()
            for _ in sheet:
                done += 1
                if progress:
                    progress(done, total)
        return done
    for d in batch:
        if f.fold:
            draw_front(c, d, f, 0, 0)
            draw_back(c, d, f, f.width, 0)
            _fold_line(c, f)
            c.showPage()
        else:
            draw_front(c, d, f, 0, 0)
            c.showPage()
            draw_back(c, d, f, 0, 0)
            c.showPage()
        done += 1
        if progress:
            progress(done, total)
    return done


def render_badges(badges: Iterable[BadgeData], fmt: str = "a4-4up", *, sort: str | None = "family",
                  desk_split: int = 0, progress: Progress | None = None, title: str = "Badges") -> bytes:
    """All badges in one PDF. With `desk_split` N, the sorted list is cut into N letter ranges
    (a letter never spans two desks), each after a divider page. `progress(done, total)` is
    called after each badge."""
    f = get_format(fmt)
    badges = _sorted(list(badges), sort)
    if desk_split < 0:
        raise InputError("--desk-split needs a number of desks (1 or more)")
    buffer = io.BytesIO()
    with tx.render_lock:
        tx.register_all()
        c = _canvas(f, buffer, title)
        total = len(badges)
        if progress:
            progress(0, total)
        if desk_split:
            by = sort if sort in ("family", "given") else "family"
            letters = [d.letter_family if by == "family" else d.letter_given for d in badges]
            done = 0
            event_name = badges[0].event_name if badges else ""
            for desk, (first, last, start, end) in enumerate(letter_ranges(letters, desk_split), 1):
                _divider(c, f, desk, first, last, end - start, event_name)
                if f.two_sided:
                    c.showPage()   # keep fronts on front pages when printing double-sided
                done = _place(c, f, badges[start:end], done, total, progress)
        else:
            _place(c, f, badges, 0, total, progress)
        if not badges:
            c.setFont(tx.font_name("latin"), 12)
            c.drawString(20, 20, "No attendees")
            c.showPage()
        c.save()
    return buffer.getvalue()


def render_badge(data: BadgeData, fmt: str = "a6") -> bytes:
    """One badge: front and back (one folded sheet for a6-fold, one A4 sheet pair for a4-4up)."""
    return render_badges([data], fmt, sort=None, title=f"Badge {data.registration_id}")
