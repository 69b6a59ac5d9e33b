"""The badge design on every format for sample people, before anyone prints 400 of them: the
longest name, a name in each ASEAN script, a young person, someone who declined photos.

The sample people are made up and their codes are not signed, so no door admits them.
"""

from __future__ import annotations

import hashlib
import io
import base64
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm

from checkin.attendees import ROLE_WORDS
from checkin.badges import text as tx
from checkin.badges.data import BadgeData, SessionLine, event_design, short_title
from checkin.badges.design import BadgeDesign, design_from_settings
from checkin.badges.formats import FORMAT_KEYS, FORMATS
from checkin.badges.render import _canvas, draw_back, draw_front
from checkin.errors import InputError
from checkin.events.file import EventSpec, read_event_file
from checkin.store.models import Event, Session
from checkin.timeutil import local

# (name, honorific, organisation, country, role, young person, no photos)
SAMPLE_PEOPLE = (
    ("Maria Cristina Fernanda dela Cruz-Santiago de los Reyes", "Atty",
     "Department of Information and Communications Technology", "Philippines", "speaker", False, False),
    ("สมชาย ใจดี", "Dr", "Thai Digital Agency", "Thailand", "delegate", False, True),
    ("ສົມພອນ ແກ້ວມະນີວົງ", "", "Ministry of Technology and Communications", "Lao PDR", "organiser", False, False),
    ("សុខ ចាន់ធីតា", "", "Ministry of Posts and Telecommunications", "Cambodia", "media", False, True),
    ("ဒေါ်ခင်မြင့်ကြည်", "", "Myanmar Child Rights Network", "Myanmar", "staff", False, False),
    ("Nguyễn Thị Phương Thảo", "H.E.", "Ministry of Information and Communications", "Viet Nam", "delegate", False,
     False),
    ("陈美玲", "", "Infocomm Media Development Authority", "Singapore", "delegate", False, False),
    ("Ayu", "", "", "Indonesia", "youth", True, True),
)
# Their Latin spellings, printed under a name in another script (as the import gives them).
SAMPLE_LATIN = {"สมชาย ใจดี": "Somchai Jaidee", "ສົມພອນ ແກ້ວມະນີວົງ": "Somphone Keomanivong",
                "សុខ ចាន់ធីតា": "Sok Chanthida", "ဒေါ်ခင်မြင့်ကြည်": "Daw Khin Myint Kyi", "陈美玲": "Tan Mei Ling"}
SAMPLE_SESSIONS = (
    SessionLine("Tue 18 Nov", "09:00–10:00", "P1", "Opening plenary", "Main Hall", False),
    SessionLine("Tue 18 Nov", "16:00–17:30", "C1/2", "Smart tools, tough choices", "Room C", True),
    SessionLine("Wed 19 Nov", "11:00–12:30", "A3", "Age assurance and platform design", "Room A", False),
)
GAP = 6 * mm


def sample_token(i: int) -> str:
    """As long as a real code (so the QR has the real number of modules), but unsigned."""
    raw = hashlib.sha512(f"sample badge {i}".encode()).digest() + bytes(11)
    return base64.b32encode(raw[:75]).decode().rstrip("=")


def sample_badges(design: BadgeDesign, *, focal_point: str = "",
                  sessions: tuple[SessionLine, ...] = SAMPLE_SESSIONS) -> list[BadgeData]:
    out = []
    for i, (name, honorific, org, country, role, youth, no_photos) in enumerate(SAMPLE_PEOPLE):
        colour, text = design.role_colours(role)
        out.append(BadgeData(
            f"SAMPLE-{i + 1}", name, honorific, org, country, role, ROLE_WORDS[role], colour, text, youth, no_photos,
            sample_token(i), 1, sessions[: 1 + i % len(sessions)] if sessions else (),
            focal_point or "Safeguarding Focal Point — ask at the registration table", design.title, name,
            design=design, name_latin=SAMPLE_LATIN.get(name, "")))
    return out


def _spec_sessions(spec: EventSpec) -> tuple[SessionLine, ...]:
    lines = []
    for s in sorted(spec.sessions, key=lambda s: s.starts)[:3]:
        start, end = local(s.starts, spec.timezone), local(s.ends, spec.timezone)
        room = next((r.name for r in spec.rooms if r.key == s.room), s.room)
        lines.append(SessionLine(start.strftime("%a %d %b"), f"{start:%H:%M}–{end:%H:%M}", s.run_code,
                                 short_title(s.title), room, s.run > 1))
    return tuple(lines) or SAMPLE_SESSIONS


def _event_sessions(event: Event) -> tuple[SessionLine, ...]:
    lines = []
    for s in Session.select().where(Session.event == event).order_by(Session.starts).limit(3):
        start, end = local(s.starts, event.timezone), local(s.ends, event.timezone)
        lines.append(SessionLine(start.strftime("%a %d %b"), f"{start:%H:%M}–{end:%H:%M}", s.run_code,
                                 short_title(s.title), s.room.name, s.run > 1))
    return tuple(lines) or SAMPLE_SESSIONS


@dataclass(frozen=True)
class Preview:
    pdf: bytes
    formats: tuple[str, ...]     # one page each, in this order
    people: int
    event_name: str
    source: str                  # the event file read, or the event's code

    def as_json(self) -> dict:
        return {"event": self.event_name, "source": self.source, "formats": list(self.formats),
                "pages": len(self.formats), "people": self.people}


def preview_for_file(path: str | Path) -> Preview:
    """The design an event file asks for (read and checked as `event load` would, nothing saved)."""
    spec = read_event_file(path)
    design = design_from_settings(spec.badge_settings, spec.name)
    badges = sample_badges(design, focal_point=spec.focal_point, sessions=_spec_sessions(spec))
    return Preview(render_preview(badges), FORMAT_KEYS, len(badges), design.title, str(Path(path)))


def preview_for_event(event: Event) -> Preview:
    design = event_design(event)
    badges = sample_badges(design, focal_point=" ".join(event.focal_point.split()), sessions=_event_sessions(event))
    return Preview(render_preview(badges), FORMAT_KEYS, len(badges), design.title, event.code)


def render_preview(badges: list[BadgeData], formats: tuple[str, ...] = FORMAT_KEYS) -> bytes:
    """One page per format: every sample person's front in a row, their backs beneath."""
    buffer = io.BytesIO()
    with tx.render_lock:
        tx.register_all()
        c = None
        for key in formats:
            f = FORMATS[key]
            title_h = 16 * mm
            page = (GAP + len(badges) * (f.width + GAP), title_h + 2 * f.height + 3 * GAP)
            if c is None:
                c = _canvas(f, buffer, "Badge preview")
            c.setPageSize(page)
            c.setFillColor(HexColor("#1a1a1a"))
            heading = tx.line(f"{key}: {f.label}", bold=True)
            tx.draw_line(c, heading, GAP, page[1] - 10 * mm, 16)
            for i, d in enumerate(badges):
                x = GAP + i * (f.width + GAP)
                for row, draw in ((0, draw_front), (1, draw_back)):
                    y = page[1] - title_h - (row + 1) * f.height - row * GAP
                    c.setStrokeColor(HexColor("#bdbdbd"))
                    c.setLineWidth(0.5)
                    c.rect(x, y, f.width, f.height, stroke=1, fill=0)
                    draw(c, d, f, x, y)
            c.showPage()
        c.save()
    return buffer.getvalue()


def page_png(pdf: bytes, page: int, *, dpi: int = 60) -> bytes:
    """One page of a PDF as PNG bytes (pdftoppm), for a screen that shows the preview."""
    tool = shutil.which("pdftoppm")
    if not tool:
        raise InputError("no `pdftoppm` command: install poppler-utils to show badge previews")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "p.pdf"
        src.write_bytes(pdf)
        subprocess.run([tool, "-r", str(dpi), "-f", str(page), "-l", str(page), "-png", "-singlefile", str(src),
                        str(Path(tmp) / "out")], check=True, capture_output=True, timeout=60)
        return (Path(tmp) / "out.png").read_bytes()
