"""The event's badge design ([badge] in the event file) and what every format guarantees:
rasterised, every QR decodes with a 4-module white quiet zone on every background, no text is
smaller than 8 pt, the youth badge keeps its minimal content and NO PHOTOS shows on both sides."""

import io
import json
import shutil
import subprocess

import pdfplumber
import pytest
import zxingcpp
from PIL import Image

from checkin.badges.data import badge_data
from checkin.badges.design import DEFAULT_DESIGN, contrast, design_from_settings
from checkin.badges.formats import FORMAT_KEYS, FORMATS
from checkin.badges.preview import SAMPLE_PEOPLE, sample_badges
from checkin.badges.render import qr_matrix, render_badges
from checkin.attendees import find
from checkin.errors import InputError
from checkin.events.file import read_event_file
from checkin.events.service import get_event, save_event
from tests.conftest import EVENT_MORNING, FIXTURES, MINI_ATTENDEES, run_cli

BRAND = FIXTURES / "brand"
DPI = 150


@pytest.fixture(scope="module")
def brand_design():
    spec = read_event_file(BRAND / "event.toml")
    return design_from_settings(spec.badge_settings, spec.name)


def _pages(pdf: bytes, folder, dpi: int = DPI) -> list[Image.Image]:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "b.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(folder / "b.pdf"), str(folder / "p")], check=True)
    return [Image.open(p).convert("RGB") for p in sorted(folder.glob("p-*.png"))]


def _quiet_zone_dirt(page: Image.Image, result, token: str) -> int:
    """Pixels that are not white in the 4-module ring around the decoded symbol."""
    pos = result.position
    xs = [p.x for p in (pos.top_left, pos.top_right, pos.bottom_left, pos.bottom_right)]
    ys = [p.y for p in (pos.top_left, pos.top_right, pos.bottom_left, pos.bottom_right)]
    left, right, top, bottom = min(xs), max(xs), min(ys), max(ys)
    n = len(qr_matrix(token, result.ec_level))
    module = (right - left + 1) / n
    ring = 4 * module - 1.5   # pdftoppm rounds the white square's edge to a pixel
    dirt = 0
    for y in range(int(top - ring) + 1, int(bottom + ring)):
        for x in range(int(left - ring) + 1, int(right + ring)):
            inside = left - 2 <= x <= right + 2 and top - 2 <= y <= bottom + 2
            if not inside and min(page.getpixel((x, y))) < 235:
                dirt += 1
    return dirt


@pytest.mark.parametrize("fmt", FORMAT_KEYS)
@pytest.mark.parametrize("design_name", ["standard", "brand"])
def test_every_format_scans_with_its_quiet_zone_and_reads_at_8_pt(fmt, design_name, brand_design, tmp_path):
    design = DEFAULT_DESIGN if design_name == "standard" else brand_design
    people = sample_badges(design)
    pdf = render_badges(people, fmt, sort=None)
    # Type size: every glyph the badge sets in its bundled fonts (the SVG logo's own lettering, which
    # svglib sets in Helvetica, is artwork drawn at the logo's scale).
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        sizes = [ch["size"] for page in doc.pages for ch in page.chars if "Helvetica" not in ch["fontname"]]
    assert sizes and min(sizes) >= 8 - 0.01, f"{fmt}: text at {min(sizes):.1f} pt"
    tokens = {d.token for d in people}
    found: dict[str, int] = {}
    for i, page in enumerate(_pages(pdf, tmp_path / fmt)):
        for result in zxingcpp.read_barcodes(page, formats=zxingcpp.BarcodeFormat.QRCode):
            assert result.text in tokens
            found[result.text] = found.get(result.text, 0) + 1
            dirt = _quiet_zone_dirt(page, result, result.text)
            assert dirt == 0, f"{fmt} page {i + 1}: {dirt} dark pixels in the quiet zone"
    assert set(found) == tokens, f"{fmt}: {len(tokens - set(found))} badges did not scan"


def _text(pdf: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [page.extract_text() or "" for page in doc.pages]


@pytest.mark.parametrize("fmt", FORMAT_KEYS)
def test_youth_badge_keeps_its_minimal_content_and_no_photos_on_both_sides(loaded, fmt):
    for reg, name, organisation in (("M-003", "Siti", "Youth Council"),
                                    ("M-004", "Aung Kyaw", "Myanmar Child Rights Network")):
        d = badge_data(find(loaded, reg), event=loaded)
        pages = _text(render_badges([d], fmt, sort=None))
        text = "\n".join(pages)
        assert name in text and organisation not in text and "YOUNG PERSON" in text
        # Front and back: two pages, or one folded sheet with both faces.
        assert text.count("NO PHOTOS") == 2 and all("NO PHOTOS" in p for p in pages)


def test_front_and_back_do_not_repeat_the_agenda_heading():
    d = sample_badges(DEFAULT_DESIGN)[2]
    front, back = _text(render_badges([d], "a6", sort=None))
    assert "MY SESSIONS" not in front and "MY AGENDA" not in front
    assert back.count("MY SESSIONS") == 1 and "MY AGENDA" not in back


def test_hidden_fields_do_not_print():
    design = design_from_settings({"fields": ["role"]}, "Mini Forum")
    d = sample_badges(design)[1]
    front, back = _text(render_badges([d], "a6", sort=None))
    assert d.organisation not in front and d.country not in front and "DELEGATE" in front
    assert "MY SESSIONS" not in back and "C1/2" not in front


def variant(tmp_path, edit=None, files=("logo.svg", "logo.png", "sponsors.png", "policy.md")):
    for name in files:
        shutil.copy(BRAND / name, tmp_path / name)
    text = (BRAND / "event.toml").read_text(encoding="utf-8")
    if edit:
        old, new = edit
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "event.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_brand_is_read_and_stored_with_the_event(db, tmp_path):
    spec = read_event_file(variant(tmp_path))
    save_event(spec, now=EVENT_MORNING)
    stored = get_event("lotus-2026").badge_settings
    assert stored["logo"]["kind"] == "svg" and stored["logo"]["data"]
    assert stored["sponsors"]["kind"] == "png"
    design = design_from_settings(stored, "x")
    assert design.title == "Lotus Bay Forum 2026" and design.event_colour == "#0b5563"
    assert design.role_colours("delegate") == ("#3d5a80", "#ffffff")
    assert design.role_colours("youth") == DEFAULT_DESIGN.role_colours("youth")
    # The images travel with the event: the file can go, the badge still prints its logo.
    (tmp_path / "logo.svg").unlink()
    assert design_from_settings(get_event("lotus-2026").badge_settings, "x").logo is not None


def test_logo_may_be_a_png(tmp_path):
    spec = read_event_file(variant(tmp_path, ('logo = "logo.svg"', 'logo = "logo.png"')))
    assert spec.badge_settings["logo"]["kind"] == "png"
    # Stored at print size: a 1440 px logo is scaled to 300 dpi across an A6 badge, once.
    logo = design_from_settings(spec.badge_settings).logo
    with Image.open(io.BytesIO(logo.data)) as im:
        assert im.size == (1100, 367) and Image.open(BRAND / "logo.png").width == 1440


def test_the_logo_and_event_colour_print(db, tmp_path):
    save_event(read_event_file(variant(tmp_path)), now=EVENT_MORNING)
    event = get_event("lotus-2026")
    from checkin.imports.importer import import_attendees
    assert not import_attendees(MINI_ATTENDEES, event=event, now=EVENT_MORNING).errors
    d = badge_data(find(event, "M-001"), event=event)
    front = _pages(render_badges([d], "a6", sort=None), tmp_path / "r", dpi=50)[0]
    assert front.getpixel((front.width - 5, 5)) == (0x0b, 0x55, 0x63)   # the event's colour, top right
    logo_pixels = front.crop((0, 0, front.width // 2, 30)).getcolors(10000)
    assert any(abs(r - 0xe4) < 12 and abs(g - 0x57) < 12 and abs(b - 0x2e) < 12 for _, (r, g, b) in logo_pixels)


@pytest.mark.parametrize("edit,message", [
    (('logo = "logo.svg"', 'logo = "missing.png"'), "image 'missing.png' not found next to the event file"),
    (('logo = "logo.svg"', 'logo = "../outside.png"'), "is outside the event file's folder"),
    (('logo = "logo.svg"', 'logo = "policy.md"'), "is not a PNG or SVG file"),
    (('logo = "logo.svg"', 'logo = "broken.png"'), "'broken.png' is not a readable PNG image"),
    (('logo = "logo.svg"', 'logo = "broken.svg"'), "'broken.svg' is not a readable SVG image"),
    (('delegate = "#3d5a80"', 'delegate = "#808080"'), "has a contrast of 4.4:1, below 4.5:1"),
    (('event = "#0b5563"', 'event = "#0b5563"\nevent_text = "#2a2a2a"'), "[badge].colours event: text #2a2a2a on #0b5563"),
    (('organiser = { colour = "#1e7d4f", text = "#ffffff" }', 'organiser = { colour = "#1e7d4f", text = "#a0d0a0" }'),
     "below 4.5:1"),
    (('delegate = "#3d5a80"', 'delegate = "blue"'), "give a colour as #rrggbb"),
    (('speaker = "#c0392b"', 'speaker = "#c0392b"\nyouth = "#c8402b"'), "too close to the speaker's"),
    (('delegate = "#3d5a80"', 'chairperson = "#3d5a80"'), "unknown role 'chairperson'"),
    (('fields = ["organisation", "country", "role", "sessions"]', 'fields = ["organisation", "photo"]'),
     "unknown field 'photo'"),
])
def test_bad_badge_tables_are_refused_in_one_line(tmp_path, edit, message):
    (tmp_path / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\nnot really")
    (tmp_path / "broken.svg").write_text("<svg><g></svg", encoding="utf-8")
    (tmp_path.parent / "outside.png").write_bytes((BRAND / "logo.png").read_bytes())
    with pytest.raises(InputError) as err:
        read_event_file(variant(tmp_path, edit))
    text = str(err.value)
    assert message in text and "\n" not in text and text.startswith("event.toml [badge]")


def test_contrast_matches_wcag():
    assert round(contrast("#ffffff", "#000000"), 1) == 21.0
    assert round(contrast("#777777", "#ffffff"), 2) == 4.48


def test_an_event_file_without_badge_table_keeps_the_standard_design(event):
    design = design_from_settings(event.badge_settings, event.name)
    assert design.logo is None and design.fields == DEFAULT_DESIGN.fields
    assert design.role_colours("speaker") == DEFAULT_DESIGN.role_colours("speaker")


def test_cli_badge_preview_one_page_per_format(tmp_path):
    out = tmp_path / "preview.pdf"
    done = run_cli("badge-preview", "-o", str(out), "--event-file", str(variant(tmp_path)))
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["pages"] == len(FORMAT_KEYS) and answer["people"] == len(SAMPLE_PEOPLE)
    pages = _text(out.read_bytes())
    assert len(pages) == len(FORMAT_KEYS) and all("Lotus Bay Forum" in p.replace("\n", " ") for p in pages)
    bad = run_cli("badge-preview", "-o", str(tmp_path / "x.pdf"),
                  "--event-file", str(variant(tmp_path, ('logo = "logo.svg"', 'logo = "nope.svg"'))))
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1 and not (tmp_path / "x.pdf").exists()
