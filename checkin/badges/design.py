"""The badge design an event file asks for: logo, the event's colours, role colours, a sponsor
strip and which fields show, checked once when the event is loaded and stored with the event.

`[badge]` in the event file (every key optional; the defaults are the standard design):

    [badge]
    title = "ASEAN ICT Forum 2025"      # the event's name as badges print it
    logo = "logo.svg"                   # PNG or SVG, in the event file's folder
    sponsors = "sponsors.png"           # a strip printed on the back, above the role band
    fields = ["organisation", "country", "role", "sessions"]
    [badge.colours]
    event = "#0b3d5c"                   # the header strip behind the event's name
    event_text = "#ffffff"              # optional: white or near-black, whichever reads better
    [badge.roles]
    speaker = "#b3261e"                 # or { colour = "#b3261e", text = "#ffffff" }

Images are read when the event is loaded and kept inside the event's settings, so every
station prints the same badge without the file. Colours must reach WCAG's 4.5:1 contrast
against the text printed on them.
"""

from __future__ import annotations

import base64
import hashlib
import io
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from checkin.errors import InputError

INK = "#1a1a1a"
WHITE = "#ffffff"
MIN_CONTRAST = 4.5
MAX_IMAGE_BYTES = 4_000_000
MAX_IMAGE_PIXELS = 1100     # wide: 300 dpi across an A6 badge's 93 mm
FIELDS = ("organisation", "country", "role", "sessions")
ROLES = ("delegate", "speaker", "organiser", "media", "staff", "youth")
ROLE_ALIASES = {"young_person": "youth", "young-person": "youth", "organizer": "organiser"}
# Badge artwork colours (print, not screen): each role's band. The role's word is always printed
# on the band too, so colour is never the only sign.
DEFAULT_ROLE_COLOURS = {"delegate": ("#1f5fa8", WHITE), "speaker": ("#b3261e", WHITE),
                        "organiser": ("#1e7d4f", WHITE), "media": ("#6b3fa0", WHITE),
                        "staff": ("#37474f", WHITE), "youth": ("#f5b800", INK)}
DEFAULT_EVENT_COLOURS = ("#0b3d5c", WHITE)
_HEX = re.compile(r"^#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")
# A youth colour closer than this (RGB distance, 0-441) to another role's would blur the design.
YOUTH_DISTANCE = 90


@dataclass(frozen=True)
class Artwork:
    """An image to print: its bytes, its kind (png or svg) and a short digest to name it in a PDF."""
    kind: str
    data: bytes = field(repr=False)
    name: str = ""

    @property
    def digest(self) -> str:
        return hashlib.sha1(self.data).hexdigest()[:12]

    def as_json(self) -> dict:
        return {"kind": self.kind, "file": self.name, "data": base64.b64encode(self.data).decode("ascii")}


@dataclass(frozen=True)
class BadgeDesign:
    title: str = ""
    logo: Artwork | None = None
    sponsors: Artwork | None = None
    event_colour: str = DEFAULT_EVENT_COLOURS[0]
    event_text: str = DEFAULT_EVENT_COLOURS[1]
    roles: tuple[tuple[str, str, str], ...] = tuple((r, *c) for r, c in DEFAULT_ROLE_COLOURS.items())
    fields: frozenset[str] = frozenset(FIELDS)

    def role_colours(self, role: str) -> tuple[str, str]:
        for name, colour, text in self.roles:
            if name == role:
                return colour, text
        return DEFAULT_ROLE_COLOURS.get(role, DEFAULT_ROLE_COLOURS["delegate"])

    def shows(self, what: str) -> bool:
        return what in self.fields


DEFAULT_DESIGN = BadgeDesign()


# -- colour ----------------------------------------------------------------------------------------

def rgb(colour: str) -> tuple[int, int, int]:
    value = _HEX.match(colour.strip()).group(1)
    if len(value) == 3:
        value = "".join(ch * 2 for ch in value)
    return tuple(int(value[i:i + 2], 16) for i in (0, 2, 4))


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance."""
    def channel(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(v) for v in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def best_text(background: str) -> str:
    return WHITE if contrast(background, WHITE) >= contrast(background, INK) else INK


def _colour(value, loc: str) -> str:
    if not isinstance(value, str) or not _HEX.match(value.strip()):
        raise InputError(f"{loc}: give a colour as #rrggbb (e.g. \"#1f5fa8\")")
    return "#" + "".join(f"{v:02x}" for v in rgb(value))


def _pair(value, loc: str, default_text: str | None = None) -> tuple[str, str]:
    """A background and the text on it; the text defaults to white or near-black, whichever reads better."""
    if isinstance(value, dict):
        unknown = set(value) - {"colour", "color", "text"}
        if unknown:
            raise InputError(f"{loc}: unknown key {sorted(unknown)[0]!r} (use colour and text)")
        background = _colour(value.get("colour", value.get("color")), f"{loc} colour")
        text = _colour(value["text"], f"{loc} text") if "text" in value else best_text(background)
    else:
        background = _colour(value, loc)
        text = default_text or best_text(background)
    ratio = contrast(background, text)
    if ratio < MIN_CONTRAST:
        raise InputError(f"{loc}: text {text} on {background} has a contrast of {ratio:.1f}:1, below "
                         f"{MIN_CONTRAST}:1: choose a darker or lighter colour")
    return background, text


# -- images ----------------------------------------------------------------------------------------

def _artwork(name, base: Path, loc: str) -> Artwork:
    if not isinstance(name, str) or not name.strip():
        raise InputError(f"{loc}: give a file name (a PNG or SVG next to the event file)")
    folder = base.resolve()
    path = (folder / name.strip()).resolve()
    if not path.is_relative_to(folder):
        raise InputError(f"{loc}: {name!r} is outside the event file's folder: copy it next to the event file")
    kind = path.suffix.lower().lstrip(".")
    if kind not in ("png", "svg"):
        raise InputError(f"{loc}: {name!r} is not a PNG or SVG file: export the image as PNG or SVG")
    if not path.is_file():
        raise InputError(f"{loc}: image {name!r} not found next to the event file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{loc}: cannot read {name!r} ({exc.strerror}): check the file's permissions") from None
    if len(data) > MAX_IMAGE_BYTES:
        raise InputError(f"{loc}: {name!r} is {len(data) / 1e6:.1f} MB: make it smaller than "
                         f"{MAX_IMAGE_BYTES / 1e6:.0f} MB")
    art = Artwork(kind, data, path.name)
    problem = image_problem(art)
    if problem:
        raise InputError(f"{loc}: {name!r} {problem}: export it again as a plain {kind.upper()}")
    return _print_sized(art)


def _print_sized(art: Artwork) -> Artwork:
    """A PNG larger than the badge can use (300 dpi across an A6 face) is scaled down once here,
    so every badge PDF embeds a small image rather than re-encoding a large one."""
    if art.kind != "png":
        return art
    with Image.open(io.BytesIO(art.data)) as im:
        if im.width <= MAX_IMAGE_PIXELS:
            return art
        im.load()
        small = im.resize((MAX_IMAGE_PIXELS, max(1, round(im.height * MAX_IMAGE_PIXELS / im.width))),
                          Image.Resampling.LANCZOS)
        out = io.BytesIO()
        small.save(out, format="PNG", optimize=True)
    return Artwork("png", out.getvalue(), art.name)


def image_problem(art: Artwork) -> str:
    """Why this image cannot be printed, or "" when it can."""
    if art.kind == "png":
        try:
            with Image.open(io.BytesIO(art.data)) as im:
                if im.format != "PNG":
                    return f"is a {im.format} image, not a PNG"
                im.load()
                if im.width < 1 or im.height < 1:
                    return "is empty"
        except (UnidentifiedImageError, OSError, ValueError):
            return "is not a readable PNG image"
        return ""
    drawing = svg_drawing(art.data)
    if drawing is None or drawing.width <= 0 or drawing.height <= 0:
        return "is not a readable SVG image (or has no width and height)"
    return ""


def svg_drawing(data: bytes):
    """The SVG as a reportlab Drawing, or None."""
    # svglib pulls in lxml and CSS parsers: imported only when an event has an SVG image.
    from svglib.svglib import svg2rlg
    logging.getLogger("svglib.svglib").setLevel(logging.ERROR)
    try:
        return svg2rlg(io.BytesIO(data))
    except Exception:   # svglib raises lxml, ValueError, KeyError… on broken files
        return None


# -- the [badge] table ----------------------------------------------------------------------------

def read_badge_table(table, base: Path, where: str) -> dict:
    """Check the event file's [badge] table; returns the settings to store (images inside)."""
    loc = f"{where} [badge]"
    if table is None:
        return {}
    if not isinstance(table, dict):
        raise InputError(f"{loc}: [badge] must be a table")
    settings = dict(table)
    if "title" in settings and not isinstance(settings["title"], str):
        raise InputError(f"{loc}: title must be text")
    for key in ("logo", "sponsors"):
        if key in settings:
            settings[key] = _artwork(settings[key], base, f"{loc} {key}").as_json()
    if "fields" in settings:
        shown = settings["fields"]
        if not isinstance(shown, list) or not all(isinstance(x, str) for x in shown):
            raise InputError(f"{loc}: fields must be a list such as [\"organisation\", \"country\"]")
        unknown = [x for x in shown if x.strip().lower() not in FIELDS]
        if unknown:
            raise InputError(f"{loc}: unknown field {unknown[0]!r} (fields: {', '.join(FIELDS)})")
        settings["fields"] = [x.strip().lower() for x in shown]
    colours = settings.get("colours", settings.pop("colors", None))
    if colours is not None:
        if not isinstance(colours, dict):
            raise InputError(f"{loc}: [badge.colours] must be a table (event = \"#0b3d5c\")")
        unknown = set(colours) - {"event", "event_text"}
        if unknown:
            raise InputError(f"{loc}.colours: unknown key {sorted(unknown)[0]!r} (use event and event_text)")
        text = _colour(colours["event_text"], f"{loc}.colours event_text") if "event_text" in colours else None
        event = _pair(colours.get("event", DEFAULT_EVENT_COLOURS[0]), f"{loc}.colours event",
                      default_text=text)
        settings["colours"] = {"event": event[0], "event_text": event[1]}
    roles = settings.get("roles")
    if roles is not None:
        if not isinstance(roles, dict):
            raise InputError(f"{loc}: [badge.roles] must be a table (speaker = \"#b3261e\")")
        stored = {}
        for key, value in roles.items():
            role = ROLE_ALIASES.get(key.strip().lower(), key.strip().lower())
            if role not in ROLES:
                raise InputError(f"{loc}.roles: unknown role {key!r} (roles: {', '.join(ROLES)})")
            stored[role] = list(_pair(value, f"{loc}.roles {key}"))
        youth = stored.get("youth", DEFAULT_ROLE_COLOURS["youth"])[0]
        for role in ROLES[:-1]:
            other = stored.get(role, DEFAULT_ROLE_COLOURS[role])[0]
            if _distance(youth, other) < YOUTH_DISTANCE:
                raise InputError(f"{loc}.roles: the young person's colour {youth} is too close to the {role}'s "
                                 f"{other}: young people's badges must stand out")
        settings["roles"] = stored
    return settings


def _distance(a: str, b: str) -> float:
    return sum((x - y) ** 2 for x, y in zip(rgb(a), rgb(b))) ** 0.5


def design_from_settings(settings: dict | None, event_name: str = "") -> BadgeDesign:
    """The design stored with an event. Settings were checked on load; anything unreadable
    (an older database, a hand edit) falls back to the standard design rather than stop a desk."""
    settings = settings if isinstance(settings, dict) else {}
    title = settings.get("title")
    design = {"title": str(title) if isinstance(title, str) and title.strip() else event_name}
    for key in ("logo", "sponsors"):
        stored = settings.get(key)
        if isinstance(stored, dict) and stored.get("kind") in ("png", "svg"):
            try:
                design[key] = Artwork(stored["kind"], base64.b64decode(stored["data"]), str(stored.get("file", "")))
            except (KeyError, ValueError, TypeError):
                pass
    colours = settings.get("colours")
    if isinstance(colours, dict):
        try:
            design["event_colour"], design["event_text"] = _pair(
                {"colour": colours["event"], "text": colours.get("event_text") or best_text(colours["event"])}, "")
        except (InputError, KeyError, AttributeError):
            pass
    roles = settings.get("roles")
    if isinstance(roles, dict):
        merged = dict(DEFAULT_ROLE_COLOURS)
        for role, pair in roles.items():
            try:
                if role in merged:
                    merged[role] = _pair({"colour": pair[0], "text": pair[1]}, "")
            except (InputError, IndexError, TypeError, AttributeError):
                pass
        design["roles"] = tuple((r, *c) for r, c in merged.items())
    shown = settings.get("fields")
    if isinstance(shown, list):
        design["fields"] = frozenset(x for x in shown if x in FIELDS)
    return BadgeDesign(**design)
