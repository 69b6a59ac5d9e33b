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

from checkin.badges import text as tx
from checkin.badges.data import NO_PHOTOS_COLOUR, BadgeData, ROLE_COLOURS
from checkin.badges.formats import BadgeFormat, get_format
from checkin.badges.sorting import letter_ranges
from checkin.errors import InputError

INK = HexColor("#1a1a1a")
GREY = HexColor("#5f6368")
YOUTH_TINT = HexColor("#fff6d6")
YOUTH_FRAME = HexColor(ROLE_COLOURS["youth"][0])
MIN_MODULE = 0.6 * mm   # below this a Q-level code's modules get too small to survive a worn badge

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


def draw_qr(c: Canvas, token: str, x: float, y: float, side: float) -> None:
    n, ops = _qr_ops(token, qr_level(token, side))
    module = side / n
    quiet = 2 * module  # white margin; the face around it is white or pale anyway
    c.setFillColor(white)
    c.rect(x - quiet, y - quiet, side + 2 * quiet, side + 2 * quiet, stroke=0, fill=1)
    c.saveState()
    c.transform(module, 0, 0, module, x, y)
    c.setFillColor(INK)
    c.addLiteral(ops)
    c.restoreState()


# -- parts of a face -----------------------------------------------------------------------------

def _no_photos_marker(c: Canvas, x: float, top: float, height: float, max_width: float) -> float:
    """A magenta pill with a crossed camera and the words; returns its width."""
    size = height * 0.55
    words = tx.line("NO PHOTOS", bold=True)
    width = min(max_width, height * 1.25 + words.width * size + height * 0.35)
    size = min(size, (width - height * 1.6) / words.width)
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


def _header(c: Canvas, d: BadgeData, f: BadgeFormat, x: float, top: float, width: float) -> float:
    """The top strip: the event's name, and the no-photos marker where consent was declined.
    Returns the y below it."""
    height = 7 * mm * f.base
    marker = 0.0
    if d.no_photos:
        marker = _no_photos_marker(c, x + width - min(width, 34 * mm * f.base), top, height,
                                   min(width, 34 * mm * f.base)) + 2 * mm
    size = 6.5 * f.base
    room = width - marker
    if room > 12 * mm:
        c.setFillColor(GREY)
        for i, ln in enumerate(tx.wrap(d.event_name, room, size, 2)):
            tx.draw_line(c, tx.line(ln), x, top - size * (1.05 + 1.15 * i), size)
    return top - height - 2.5 * mm * f.base


def _band(c: Canvas, d: BadgeData, f: BadgeFormat, x: float, y: float, width: float) -> float:
    """The role's colour band across the foot of the face, with the role's word; returns its top."""
    height = (15 if not f.landscape else 12) * mm * f.base
    c.setFillColor(HexColor(d.role_colour))
    c.rect(x, y, width, height, stroke=0, fill=1)
    word = d.role_word.upper()
    fitted = tx.fit(word, width - 2 * f.margin, height * 0.62, max_size=24 * f.base, shrink_to=8, bold=True,
                    max_lines=1)
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
        size = 9 * b
        parts.append((tx.fit(d.honorific, width, size * 1.5, max_size=size, shrink_to=6, max_lines=1), GREY, 1 * mm))
    org_h = 2 * 11 * b * 1.45 if d.organisation else 0.0
    country_h = 10 * b * 1.5 + 1 * mm if d.country else 0.0
    fixed = sum(p[0].height + p[2] for p in parts)
    name_h = max(8.0, height - fixed - org_h - country_h - 1.5 * mm * b)
    name = tx.fit(d.name, width, name_h, max_size=f.max_name * (1.1 if d.youth else 1), shrink_to=f.max_name * 0.62,
                  bold=True)
    parts.append((name, INK, 1.5 * mm * b))
    if d.organisation:
        parts.append((tx.fit(d.organisation, width, org_h, max_size=11 * b, shrink_to=8.5 * b), INK, 0.8 * mm))
    if d.country:
        size = 10 * b
        parts.append((tx.fit(d.country, width, size * 1.5, max_size=size, shrink_to=6, max_lines=1), GREY, 0))
    total = sum(p[0].height + p[2] for p in parts)
    y = top - max(0.0, height - total) * settle
    for fitted, colour, after in parts:
        c.setFillColor(colour)
        y = tx.draw_fitted(c, fitted, x, y, width, align="centre" if centre else "left") - after
    return y


def _sessions(c: Canvas, d: BadgeData, f: BadgeFormat, x: float, top: float, width: float, bottom: float,
              *, heading: str = "My sessions", titles: bool = True, full_day: bool = False) -> None:
    """Day, time, code, short title and room per session, as many as the box holds."""
    b = f.base
    size = 7.2 * b
    lead = size * 1.28
    y = top
    c.setFillColor(GREY)
    head = tx.line(heading.upper(), bold=True)
    y -= head.ascent * size
    tx.draw_line(c, head, x, y, size * 0.95)
    y -= lead * 0.55
    if not d.sessions:
        c.setFillColor(INK)
        for ln in tx.wrap("Open sessions: see the programme", width, size, 2):
            y -= lead
            tx.draw_line(c, tx.line(ln), x, y, size)
        return
    per = 2 if titles else 1
    fits = max(0, int((y - bottom) // (lead * per + 0.8 * mm)))
    shown = d.sessions if fits >= len(d.sessions) else d.sessions[:max(0, fits - 1)]
    for s in shown:
        c.setFillColor(INK)
        y -= lead
        first = f"{s.code}  {s.day if full_day else s.day[:3]} {s.time}" + (" (re-run)" if s.rerun else "")
        tx.draw_line(c, tx.line(tx.truncate(first, width, size, True), True), x, y, size)
        if titles:
            y -= lead
            c.setFillColor(GREY)
            tx.draw_line(c, tx.line(tx.truncate(f"{s.title} · {s.room}", width, size)), x, y, size)
        y -= 0.8 * mm
    if len(shown) < len(d.sessions):
        y -= lead
        c.setFillColor(GREY)
        more = f"+ {len(d.sessions) - len(shown)} more (see back)"
        tx.draw_line(c, tx.line(tx.truncate(more, width, size)), x, y, size)


def _youth_frame(c: Canvas, f: BadgeFormat, x: float, y: float) -> None:
    c.setFillColor(YOUTH_TINT)
    c.rect(x, y, f.width, f.height, stroke=0, fill=1)
    c.setStrokeColor(YOUTH_FRAME)
    w = 2.4 * mm * f.base
    c.setLineWidth(w)
    c.rect(x + w / 2, y + w / 2, f.width - w, f.height - w, stroke=1, fill=0)


# -- faces ---------------------------------------------------------------------------------------

def draw_front(c: Canvas, d: BadgeData, f: BadgeFormat, x0: float, y0: float) -> None:
    if d.youth:
        _youth_frame(c, f, x0, y0)
    m = f.margin
    x, width = x0 + m, f.width - 2 * m
    below_header = _header(c, d, f, x, y0 + f.height - m, width)
    band_top = _band(c, d, f, x0, y0, f.width)
    gap = 3 * mm * f.base
    if f.landscape:
        qr = min(f.qr_target, below_header - band_top - 2 * gap, width * 0.42)
        qx = x + width - qr
        draw_qr(c, d.token, qx, band_top + gap, qr)
        col = width - qr - 4 * mm
        y = _name_block(c, d, f, x, below_header, col, (below_header - band_top) * 0.62, centre=False)
        _sessions(c, d, f, x, y - 1.5 * mm, col, band_top + gap, titles=False)
        return
    qr = min(f.qr_target, width)
    qr_y = band_top + gap + 2 * mm * f.base
    beside = width - qr - 4 * mm
    if beside >= 30 * mm:
        draw_qr(c, d.token, x, qr_y, qr)
        _sessions(c, d, f, x + qr + 4 * mm, qr_y + qr, beside, qr_y)
        block_bottom = qr_y + qr + gap
    else:
        # Narrow formats: the QR centred, sessions as one compact line above it (full list on the back).
        size = 6.5 * f.base
        compact = " · ".join(f"{s.code} {s.day[:3]} {s.time[:5]}" for s in d.sessions)
        line_y = qr_y + qr + 2.2 * mm
        if compact:
            c.setFillColor(INK)
            tx.draw_line(c, tx.line(tx.truncate(compact, width, size, True), True), x, line_y, size,
                         align="centre", box_width=width)
        draw_qr(c, d.token, x + (width - qr) / 2, qr_y, qr)
        block_bottom = line_y + size * 1.2 + gap
    _name_block(c, d, f, x, below_header, width, below_header - block_bottom, centre=True)


def draw_back(c: Canvas, d: BadgeData, f: BadgeFormat, x0: float, y0: float) -> None:
    if d.youth:
        _youth_frame(c, f, x0, y0)
    m = f.margin
    b = f.base
    x, width = x0 + m, f.width - 2 * m
    y = _header(c, d, f, x, y0 + f.height - m, width)
    band_top = _band(c, d, f, x0, y0, f.width)
    # The name once more, smaller: whoever reads the back still sees who this is.
    c.setFillColor(INK)
    name = tx.fit(d.name, width, 14 * mm * b, max_size=16 * b, shrink_to=10 * b, bold=True)
    y = tx.draw_fitted(c, name, x, y, width) - 2 * mm * b
    # Safeguarding focal point: a framed box above the band.
    size = 7.5 * b
    lines = tx.wrap(d.focal_point or "Ask at the registration table", width - 4 * mm, size, 3)
    box_h = (len(lines) + 1) * size * 1.3 + 3 * mm
    box_y = band_top + 2.5 * mm * b
    c.setStrokeColor(HexColor(d.role_colour))
    c.setLineWidth(1)
    c.setFillColor(white)
    c.roundRect(x, box_y, width, box_h, 2 * mm, stroke=1, fill=1)
    ty = box_y + box_h - 1.5 * mm - size
    c.setFillColor(INK)
    tx.draw_line(c, tx.line(tx.truncate("Safeguarding focal point", width - 4 * mm, size, True), True),
                 x + 2 * mm, ty, size)
    for ln in lines:
        ty -= size * 1.3
        tx.draw_line(c, tx.line(ln), x + 2 * mm, ty, size)
    # The QR again where there is room: a badge turned on its lanyard still scans at the door.
    agenda_bottom = box_y + box_h + 2 * mm
    qr = min(f.qr_target * 0.7, width * 0.45)
    if y - agenda_bottom - qr - 4 * mm >= 35 * mm * b:
        draw_qr(c, d.token, x + width - qr, agenda_bottom + 1.5 * mm, qr)
        agenda_bottom += qr + 4 * mm
    _sessions(c, d, f, x, y, width, agenda_bottom, heading="My agenda", full_day=True)


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
