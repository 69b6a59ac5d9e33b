"""Invitations sent before the event: one A4 page per attendee with their QR, their sessions and
how to arrive. The QR is the same token as the badge's, so the desk scans either."""

from __future__ import annotations

import io
from typing import Callable

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from checkin.badges import text as tx
from checkin.badges.data import BadgeData, all_badge_data
from checkin.badges.render import GREY, INK, draw_qr
from checkin.store.models import Event, Session
from checkin.timeutil import local

MARGIN = 18 * mm
QR_SIDE = 60 * mm


def arrival_lines(event: Event) -> list[str]:
    """How to arrive: the event file's own words ([badge] arrival = "…"), else what we know."""
    settings = event.badge_settings or {}
    given = settings.get("arrival")
    if given:
        return [str(x) for x in given] if isinstance(given, list) else [s for s in str(given).splitlines() if s.strip()]
    lines = []
    if event.venue:
        lines.append(f"Venue: {event.venue}.")
    first = Session.select().where(Session.event == event).order_by(Session.starts).first()
    if first is not None:
        opens = local(first.starts, event.timezone)
        lines.append(f"The registration desk opens before the first session ({opens:%A %d %B}, {opens:%H:%M}); "
                     "come early: every participant checks in once.")
    lines.append("Bring this page, printed or on your phone, and a photo ID. The desk scans the code and prints "
                 "your badge; wear it at all times.")
    lines.append(f"Every participant agrees to the Child Safeguarding Policy (version {event.policy_version}) "
                 "before receiving a badge.")
    return lines


def _page(c: Canvas, d: BadgeData, event: Event, arrival: list[str]) -> None:
    page_w, page_h = A4
    width = page_w - 2 * MARGIN
    y = page_h - MARGIN
    c.setFillColor(HexColor(d.role_colour))
    c.rect(0, page_h - 8 * mm, page_w, 8 * mm, stroke=0, fill=1)
    c.setFillColor(GREY)
    title = tx.fit(d.event_name, width, 40, max_size=16, shrink_to=10, bold=True)
    y = tx.draw_fitted(c, title, MARGIN, y, width) - 2 * mm
    c.setFillColor(INK)
    y = tx.draw_fitted(c, tx.fit("Your invitation", width, 20, max_size=12, shrink_to=8), MARGIN, y, width) - 6 * mm
    # Name and role beside the QR.
    draw_qr(c, d.token, page_w - MARGIN - QR_SIDE, y - QR_SIDE, QR_SIDE)
    col = width - QR_SIDE - 8 * mm
    top = y
    if d.honorific:
        c.setFillColor(GREY)
        y = tx.draw_fitted(c, tx.fit(d.honorific, col, 16, max_size=11, shrink_to=6, max_lines=1), MARGIN, y, col)
    c.setFillColor(INK)
    y = tx.draw_fitted(c, tx.fit(d.formal_name or d.name, col, 30 * mm, max_size=28, shrink_to=16, bold=True), MARGIN, y, col) - 2 * mm
    for part in (d.organisation, d.country, d.role_word):
        if part:
            y = tx.draw_fitted(c, tx.fit(part, col, 16, max_size=11, shrink_to=6, max_lines=1), MARGIN, y, col) - 1 * mm
    c.setFillColor(GREY)
    for ln in tx.wrap("Show this code at the registration desk.", col, 9, 2):
        y -= 12
        tx.draw_line(c, tx.line(ln), MARGIN, y, 9)
    y = min(y, top - QR_SIDE) - 10 * mm

    def heading(text: str, y: float) -> float:
        c.setFillColor(INK)
        ln = tx.line(text, True)
        y -= ln.ascent * 12
        tx.draw_line(c, ln, MARGIN, y, 12)
        return y - 3 * mm

    y = heading("Your sessions", y)
    size = 9.5
    if not d.sessions:
        c.setFillColor(GREY)
        y -= size * 1.4
        tx.draw_line(c, tx.line("No workshop registrations: plenary sessions are open to all."), MARGIN, y, size)
    for i, s in enumerate(d.sessions):
        if y < 95 * mm and i < len(d.sessions) - 1:
            y -= size * 1.45
            c.setFillColor(GREY)
            tx.draw_line(c, tx.line(f"+ {len(d.sessions) - i} more: see the programme"), MARGIN, y, size)
            break
        y -= size * 1.45
        c.setFillColor(INK)
        cols = ((s.day, 0), (s.time, 28 * mm), (s.code + (" re-run" if s.rerun else ""), 55 * mm),
                (s.title, 78 * mm), (s.room, 145 * mm))
        for j, (value, dx) in enumerate(cols):
            room = (cols[j + 1][1] if j + 1 < len(cols) else width) - dx - 2 * mm
            tx.draw_line(c, tx.line(tx.truncate(value, room, size, j == 2), j == 2), MARGIN + dx, y, size)
    y -= 10 * mm
    y = heading("How to arrive", y)
    c.setFillColor(INK)
    for paragraph in arrival:
        for ln in tx.wrap(paragraph, width, 10, 4):
            y -= 13
            tx.draw_line(c, tx.line(ln), MARGIN, y, 10)
        y -= 4
    if d.focal_point:
        y -= 6 * mm
        y = heading("Safeguarding", y)
        c.setFillColor(INK)
        for ln in tx.wrap(d.focal_point, width, 10, 3):
            y -= 13
            tx.draw_line(c, tx.line(ln), MARGIN, y, 10)
    c.showPage()


def render_invitations(badges: list[BadgeData], event: Event, *,
                       progress: Callable[[int, int], None] | None = None) -> bytes:
    buffer = io.BytesIO()
    arrival = arrival_lines(event)
    with tx.render_lock:
        tx.register_all()
        c = Canvas(buffer, pagesize=A4, pageCompression=1)
        c.setTitle(f"Invitations {event.code}")
        for i, d in enumerate(badges, 1):
            _page(c, d, event, arrival)
            if progress:
                progress(i, len(badges))
        if not badges:
            c.showPage()
        c.save()
    return buffer.getvalue()


def invitations_pdf(event: Event, *, sort: str = "family",
                    progress: Callable[[int, int], None] | None = None) -> tuple[bytes, int]:
    badges = all_badge_data(event)
    badges.sort(key=lambda d: (d.sort_family if sort != "given" else d.sort_given, d.registration_id))
    return render_invitations(badges, event, progress=progress), len(badges)
