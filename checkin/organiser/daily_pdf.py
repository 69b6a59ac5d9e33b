"""The end-of-day summary as an A4 PDF: one page on a quiet day, two when there is much to list.

Every word goes through the badges' text machinery (script runs, a bundled font per script,
HarfBuzz shaping), so a Thai, Khmer or Myanmar name prints as it does on the badge; the charts
are reportlab graphics with the same Latin font for their labels.
"""

from __future__ import annotations

import io
from datetime import datetime

from reportlab.graphics import renderPDF
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib.colors import HexColor, white
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from checkin.badges import text as tx
from checkin.errors import InputError
from checkin.organiser.daily import DailySummary, parse_day, summary
from checkin.organiser.table import output_format, write_private
from checkin.staff import StaffMember, require
from checkin.store import audit
from checkin.store.models import Event
from checkin.timeutil import utcnow

INK = HexColor("#1B1B1F")
GREY = HexColor("#5F6368")
LINE = HexColor("#C9CDD2")
ZEBRA = HexColor("#F3F4F6")
BAR = HexColor("#1F5FA8")
ALERT = HexColor("#B3261E")
GOOD = HexColor("#1E7B34")
MARGIN = 16 * mm
WIDTH, HEIGHT = A4
FONT = tx.font_name("latin")
FONT_BOLD = tx.font_name("latin", True)


class _Page:
    """A cursor down the page; a new page (with its footer) when the next block does not fit."""

    def __init__(self, c: Canvas, s: DailySummary):
        self.c, self.s = c, s
        self.page = 1
        self.y = HEIGHT - MARGIN

    def text(self, value: str, x: float, y: float, size: float = 9, *, bold: bool = False, width: float = 0,
             align: str = "left", colour=INK) -> None:
        value = str(value)
        if width:
            value = tx.truncate(value, width, size, bold)
        self.c.setFillColor(colour)
        tx.draw_line(self.c, tx.line(value, bold), x, y, size, align=align, box_width=width)

    def need(self, height: float) -> None:
        if self.y - height < MARGIN + 14:
            self.footer()
            self.c.showPage()
            self.page += 1
            self.y = HEIGHT - MARGIN
            self.text(f"{self.s.event_name} — daily summary {self.s.day.isoformat()} (continued)", MARGIN,
                      self.y - 9, 9, colour=GREY)
            self.y -= 22

    def footer(self) -> None:
        s = self.s
        left = f"{s.event_code} · {s.day.isoformat()} · printed {s.printed_at} by {s.printed_by}"
        if s.named_people:
            left += " · names children and adults: keep it safe, shred after filing"
        self.text(left, MARGIN, MARGIN - 4, 7, colour=GREY, width=WIDTH - 2 * MARGIN - 50)
        self.text(f"page {self.page}", WIDTH - MARGIN - 50, MARGIN - 4, 7, colour=GREY, width=50, align="right")

    def heading(self, title: str, note: str = "") -> None:
        self.need(40)
        self.y -= 16
        self.text(title, MARGIN, self.y, 11.5, bold=True)
        if note:
            self.text(note, MARGIN + tx.line(title, True).width * 11.5 + 8, self.y, 8.5, colour=GREY,
                      width=WIDTH - 2 * MARGIN - tx.line(title, True).width * 11.5 - 8)
        self.y -= 5
        self.c.setStrokeColor(LINE)
        self.c.setLineWidth(0.6)
        self.c.line(MARGIN, self.y, WIDTH - MARGIN, self.y)
        self.y -= 4

    def line_of_text(self, value: str, size: float = 9, colour=INK, bold: bool = False) -> None:
        self.need(size + 6)
        self.y -= size + 4
        self.text(value, MARGIN, self.y, size, colour=colour, bold=bold, width=WIDTH - 2 * MARGIN)

    def table(self, columns: list[tuple[str, float, str]], rows: list[tuple], *, x: float = MARGIN,
              size: float = 8.5, colour=INK, advance: bool = True) -> float:
        """Columns (title, width, align); a header, then zebra rows. Returns the height used."""
        row_h = size + 5
        top = self.y
        self.need(row_h * min(len(rows) + 1, 4))
        y = self.y - row_h + 3
        cx = x
        for title, width, align in columns:
            self.text(title, cx + 2, y, size - 0.5, bold=True, colour=GREY, width=width - 4, align=align)
            cx += width
        y -= 5
        for i, row in enumerate(rows):
            if advance and y - row_h < MARGIN + 14:
                self.y = y
                self.need(row_h * 2)
                y = self.y
            if i % 2 == 0:
                self.c.setFillColor(ZEBRA)
                self.c.rect(x, y - row_h + 3.5, sum(w for _, w, _ in columns), row_h, stroke=0, fill=1)
            y -= row_h
            cx = x
            for (title, width, align), value in zip(columns, row):
                self.text(value, cx + 2, y + 6.5, size, width=width - 4, align=align, colour=colour)
                cx += width
        used = top - y
        if advance:
            self.y = y - 2
        return used


def _n(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def _scale(top: int) -> tuple[int, int]:
    """A round axis: (maximum, step) with four or five steps of 1, 2 or 5 × 10ⁿ."""
    step = 1
    while top / step > 5:
        for factor in (2, 2.5, 2):
            step = int(step * factor)
            if top / step <= 5:
                break
    return max(4 if step == 1 else 2 * step, -(-top // step) * step), step


def _figures(p: _Page, s: DailySummary) -> None:
    boxes = [("registered", s.registered, INK), ("arrived today", s.arrived_today, INK),
             ("checked in so far", s.checked_in_so_far, INK),
             ("not arrived", max(0, s.registered - s.checked_in_so_far), INK),
             ("young people present", s.young_present, INK),
             ("consent incomplete", s.young_incomplete, ALERT if s.young_incomplete else GOOD)]
    width = (WIDTH - 2 * MARGIN) / len(boxes)
    p.need(50)
    top = p.y - 4
    for i, (label, value, colour) in enumerate(boxes):
        x = MARGIN + i * width
        p.c.setStrokeColor(LINE)
        p.c.setFillColor(white)
        p.c.roundRect(x + 2, top - 42, width - 4, 42, 4, stroke=1, fill=1)
        p.text(str(value), x + 2, top - 24, 18, bold=True, width=width - 4, align="centre", colour=colour)
        p.text(label, x + 2, top - 36, 7.5, width=width - 4, align="centre", colour=GREY)
    p.y = top - 48


def _arrivals_chart(s: DailySummary, width: float, height: float) -> Drawing:
    d = Drawing(width, height)
    hours = s.arrivals_by_hour or [(8, 0)]
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 28, 22, width - 36, height - 34
    chart.data = [[n for _, n in hours]]
    chart.categoryAxis.categoryNames = [f"{h:02d}" for h, _ in hours]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax, chart.valueAxis.valueStep = _scale(max(n for _, n in hours))
    chart.valueAxis.strokeColor = chart.categoryAxis.strokeColor = LINE
    chart.valueAxis.gridStrokeColor = LINE
    chart.valueAxis.visibleGrid = True
    chart.bars[0].fillColor = BAR
    chart.bars[0].strokeColor = None
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = 7
    chart.barLabelFormat = lambda v: str(int(v)) if v else ""
    chart.barLabels.nudge = 6
    d.add(chart)
    d.add(String(28, 4, "hour of arrival (local time)", fontName=FONT, fontSize=7, fillColor=GREY))
    return d


def _country_chart(s: DailySummary, width: float) -> Drawing:
    rows = [r for r in s.by_country if r[2]][:8]
    height = 18 + 14 * max(1, len(rows))
    d = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 80, 12, width - 100, height - 16
    chart.data = [[r[2] for r in reversed(rows)] or [0]]
    chart.categoryAxis.categoryNames = [r[0][:16] for r in reversed(rows)] or [""]
    for axis in (chart.categoryAxis, chart.valueAxis):
        axis.labels.fontName = FONT
        axis.labels.fontSize = 7
        axis.strokeColor = LINE
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax, chart.valueAxis.valueStep = _scale(max([r[2] for r in rows] or [1]))
    chart.bars[0].fillColor = BAR
    chart.bars[0].strokeColor = None
    d.add(chart)
    return d


def render(s: DailySummary) -> tuple[bytes, int]:
    """The PDF and its number of pages."""
    buffer = io.BytesIO()
    with tx.render_lock:
        tx.register_all()
        c = Canvas(buffer, pagesize=A4, pageCompression=1)
        c.setTitle(f"{s.event_name} — daily summary {s.day.isoformat()}")
        c.setAuthor("Forum Check-in")
        p = _Page(c, s)
        _draw(p, s)
        p.footer()
        c.showPage()
        c.save()
    return buffer.getvalue(), p.page


def _draw(p: _Page, s: DailySummary) -> None:
    inner = WIDTH - 2 * MARGIN
    p.y -= 14
    p.text(s.event_name, MARGIN, p.y, 15, bold=True, width=inner)
    p.y -= 16
    p.text(f"Daily summary — {s.day.strftime('%A %d %B %Y')}", MARGIN, p.y, 11.5, width=inner * 0.6)
    p.text(f"printed {s.printed_at} by {s.printed_by}", MARGIN + inner * 0.6, p.y, 8.5, colour=GREY,
           width=inner * 0.4, align="right")
    if s.purged:
        p.y -= 12
        p.text("From the anonymous counts kept at the purge: figures only, no person named.", MARGIN, p.y, 8.5,
               colour=GREY, width=inner)
    p.y -= 4
    _figures(p, s)

    # Arrivals by hour (chart) beside arrivals by role (table).
    p.heading("Arrivals", "by hour, by role and by country (today / so far / registered)")
    chart_w, chart_h = inner * 0.55, 104
    p.need(chart_h + 6)
    top = p.y
    if s.arrivals_by_hour:
        renderPDF.draw(_arrivals_chart(s, chart_w, chart_h), p.c, MARGIN, top - chart_h)
    else:
        p.text("No arrivals this day.", MARGIN, top - 20, 9, colour=GREY)
        chart_h = 30
    role_cols = [("role", 80, "left"), ("today", 42, "right"), ("so far", 42, "right"), ("of", 42, "right")]
    used = p.table(role_cols, [(r, a, b, n) for r, a, b, n in s.by_role][:8], x=MARGIN + chart_w + 12,
                   advance=False)
    p.y = top - max(chart_h, used) - 6

    countries = s.by_country[:8]
    if countries:
        p.need(30)
        top = p.y
        country_cols = [("country", 110, "left"), ("today", 42, "right"), ("so far", 42, "right"),
                        ("of", 42, "right")]
        used = p.table(country_cols, [(c, a, b, n) for c, a, b, n in countries], advance=False)
        chart = 0.0
        if any(r[2] for r in s.by_country):
            drawing = _country_chart(s, inner - 250)
            p.text("checked in so far, by country", MARGIN + 262, top - 9, 7.5, colour=GREY)
            renderPDF.draw(drawing, p.c, MARGIN + 250, top - 12 - drawing.height)
            chart = drawing.height + 12
        p.y = top - max(used, chart)
        if len(s.by_country) > 8:
            rest = s.by_country[8:]
            p.line_of_text(f"and {len(rest)} more countries: {sum(r[2] for r in rest)} checked in so far", 8,
                           GREY)

    p.heading("Young people", f"{s.young_present} present of {s.young_registered} registered")
    if s.young_present == 0:
        p.line_of_text("No young person has checked in so far.", 9, GREY)
    elif s.young_incomplete == 0:
        p.line_of_text("Every young person present has guardian consent, a named chaperone and the current "
                       "safeguarding policy on file.", 9, GOOD)
    elif s.young_without_consent:
        p.line_of_text(f"{s.young_incomplete} present without complete consent — follow up today:", 9, ALERT,
                       bold=True)
        p.table([("registration", 80, "left"), ("name", 200, "left"), ("missing", 150, "left"),
                 ("checked in", inner - 430, "left")],
                [(y.registration_id, y.name, y.missing, y.checked_in) for y in s.young_without_consent],
                colour=ALERT)
    else:
        p.line_of_text(f"Present without complete consent: {s.young_incomplete} (names removed at the purge).",
                       9, ALERT)

    p.heading("Rooms that reached capacity", "peak inside at once against the door's capacity")
    if s.full_rooms:
        p.table([("session", 44, "left"), ("title", 130, "left"), ("room", 110, "left"), ("starts", 36, "left"),
                 ("peak / seats", 58, "right"), ("refused full", 60, "right"), ("standby in", inner - 438, "right")],
                [(r.session_run, r.title, r.room, r.starts, f"{r.peak} / {r.capacity}", r.refused_full, r.standby)
                 for r in s.full_rooms])
    else:
        p.line_of_text("No room reached capacity.", 9, GREY)

    counts = (f"{_n(s.overrides, 'door override')}, {_n(s.annulled_checkins, 'check-in')} annulled, "
              f"{_n(s.annulled_scans, 'door scan')} annulled")
    p.heading("Overrides and annulments", counts)
    if s.exceptions:
        p.table([("time", 34, "left"), ("what", 104, "left"), ("who", 130, "left"), ("reason", 160, "left"),
                 ("by", inner - 428, "left")],
                [(e.at, e.what, e.subject, e.reason, e.by) for e in s.exceptions])
    elif s.purged and (s.overrides or s.annulled_checkins or s.annulled_scans):
        p.line_of_text("Reasons were removed with the personal data at the purge.", 9, GREY)
    else:
        p.line_of_text("None.", 9, GREY)

    p.heading("Conflicts from offline stations",
              f"{_n(s.conflict_count, 'action')} the server decided otherwise when replayed")
    if s.conflicts:
        p.table([("time", 36, "left"), ("station", 90, "left"), ("kind", 40, "left"), ("session", 50, "left"),
                 ("person", 90, "left"), ("offline said", 90, "left"), ("server said", inner - 396, "left")],
                [(x.at, x.station, x.kind, x.session_run, x.subject, x.offline, x.server) for x in s.conflicts])
    else:
        p.line_of_text("None.", 9, GREY)

    p.need(128)   # the log's head and the signature stay together: the signature vouches for it
    p.heading("Audit log as printed")
    state = "the chain verifies" if s.audit_ok else "THE CHAIN DOES NOT VERIFY: tell the organisers now"
    p.line_of_text(f"entry {s.audit_seq} · {state}", 9, INK if s.audit_ok else ALERT, bold=not s.audit_ok)
    p.line_of_text(f"head hash {s.audit_hash}", 8.5)
    p.line_of_text(f"Entry {s.audit_seq} must keep this hash (checkin audit list shows it); only the purge "
                   "re-chains the log, and it records the old head.", 7.5, GREY)

    p.y -= 20
    p.text("Safeguarding focal point", MARGIN, p.y, 10, bold=True)
    for i, text in enumerate(tx.wrap(s.focal_point, inner - 140, 8.5, 2)):
        p.text(text, MARGIN + 140, p.y - 10.5 * i, 8.5, colour=GREY)
    p.y -= 26
    p.c.setStrokeColor(INK)
    p.c.setLineWidth(0.6)
    for x, w, label in ((MARGIN, 190, "name"), (MARGIN + 205, 170, "signature"), (MARGIN + 390, inner - 390,
                                                                                  "date and time")):
        p.c.line(x, p.y, x + w, p.y)
        p.text(label, x, p.y - 10, 7.5, colour=GREY)
    p.y -= 14


def daily_report(event: Event, path: str, *, by: StaffMember, day: str | None = None, station: str = "",
                 now: datetime | None = None) -> dict:
    """Write the day's summary (organiser right), private, and audit it: who, which day, how many
    people it names."""
    if output_format(path, (".pdf",)) != "pdf":
        raise InputError(f"{path}: the output must be a .pdf file")
    require(by, "export")
    now = now or utcnow()
    when = parse_day(day, event, now)
    s = summary(event, when, by=by, now=now)
    pdf, pages = render(s)
    target = write_private(path, pdf)
    audit.record("report", event_code=event.code, station=station, staff=by.name, subject="daily",
                 detail={"day": when.isoformat(), "people": s.named_people, "pages": pages, "format": "pdf",
                         "file": target.name},
                 at=now)
    return {"kind": "daily", "file": str(target), "date": when.isoformat(), "pages": pages, "people": s.named_people,
            "audit_seq": s.audit_seq, "audit_hash": s.audit_hash, "counts": s.counts()}
