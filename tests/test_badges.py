"""Badges: every format decodes back to the token, every ASEAN script is shaped as HarfBuzz
shapes it and fits its box, the badge says what the person's data says, batches sort and split."""

import json
import subprocess

import pytest
import uharfbuzz as hb
import zxingcpp
from PIL import Image

from checkin.attendees import find, token_for
from checkin.badges import text as tx
from checkin.badges.data import badge_data
from checkin.badges.formats import FORMAT_KEYS
from checkin.badges.render import render_badges
from checkin.badges.service import badge_pdf, batch_pdf, desk_ranges
from checkin.badges.sorting import letter_ranges
from tests.conftest import EVENT_MORNING, run_cli

NAMES = {
    "thai": "สมชาย ใจดี",
    "lao": "ສົມພອນ ແກ້ວມະນີວົງ",
    "khmer": "សុខ ចាន់ធីតា",
    "myanmar": "ဒေါ်ခင်မြင့်ကြည်",
    "vietnamese": "Nguyễn Thị Phương Thảo",
    "chinese": "陈美玲",
    "latin": "Zoë Åsa Müller-Łukasiewicz",
}
LONG_NAMES = [
    "Maria Cristina Fernanda dela Cruz-Santiago de los Reyes",
    "Muhammad Aiman Hakimi bin Abdul Rahman Shahrulnizam",
    "ศุภชัยวัฒนาพงศ์ศักดิ์ศรีสุวรรณภูมิ",             # one long word: Thai writes no spaces inside names
    "ព្រះករុណាព្រះបាទសម្តេចព្រះបរមនាថនរោត្តមសីហមុនី",
    "မောင်မောင်ကျော်ဇေယျာသိန်းထွန်းဦး",
    "Nguyễn Phước Bửu Trâm Hoàng Thị Ngọc Diệp",
    "欧阳司马诸葛上官慕容长孙宇文美玲",
]


def _png_pages(pdf: bytes, tmp_path, dpi: int = 150) -> list[Image.Image]:
    src = tmp_path / "b.pdf"
    src.write_bytes(pdf)
    for old in tmp_path.glob("page-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(src), str(tmp_path / "page")], check=True)
    return [Image.open(p).convert("RGB") for p in sorted(tmp_path.glob("page-*.png"))]


def _decode(image: Image.Image) -> set[str]:
    return {r.text for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.QRCode}


@pytest.mark.parametrize("fmt", FORMAT_KEYS)
def test_every_format_decodes_to_the_token(loaded, tmp_path, fmt):
    token = token_for(find(loaded, "M-002"))
    pages = _png_pages(badge_pdf("M-002", event=loaded, fmt=fmt), tmp_path)
    assert pages, fmt
    assert _decode(pages[0]) == {token}


def test_a6_qr_is_at_least_25_mm(loaded, tmp_path):
    page = _png_pages(badge_pdf("M-001", event=loaded, fmt="a6"), tmp_path, dpi=100)[0]
    [result] = zxingcpp.read_barcodes(page)
    xs = [p.x for p in (result.position.top_left, result.position.top_right)]
    assert (max(xs) - min(xs)) / 100 * 25.4 >= 25


def _harfbuzz_glyphs(text: str, script: str) -> list[int]:
    path = tx.assets_dir() / "fonts" / tx.FONT_FILES[script][0]
    font = hb.Font(hb.Face(hb.Blob.from_file_path(str(path))))
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    hb.shape(font, buf, {"kern": True, "liga": True})
    return [info.codepoint for info in buf.glyph_infos]


@pytest.mark.parametrize("script", sorted(NAMES))
def test_names_are_shaped_as_harfbuzz_shapes_them(script):
    name = NAMES[script]
    font_script = {"vietnamese": "latin", "chinese": "cjk"}.get(script, script)
    runs = tx.script_runs(name)
    assert [s for s, _ in runs] == [font_script]
    assert tx.glyph_ids(tx.line(name)) == _harfbuzz_glyphs(name, font_script)


def test_shaping_changes_what_a_plain_character_map_would_draw():
    # Myanmar's ေ is typed after its consonant and drawn before it; a plain map keeps typed order.
    name = NAMES["myanmar"]
    cmap = tx.font(tx.font_name("myanmar")).face.charToGlyph
    assert tx.glyph_ids(tx.line(name)) != [cmap[ord(c)] for c in name]


def test_decomposed_vietnamese_is_normalised_before_shaping():
    import unicodedata

    decomposed = unicodedata.normalize("NFD", NAMES["vietnamese"])
    assert tx.glyph_ids(tx.line(decomposed)) == _harfbuzz_glyphs(NAMES["vietnamese"], "latin")


def test_mixed_scripts_get_a_font_per_run():
    # Noto Sans Thai has no brackets: the "(" goes with the Chinese run, whose font has one.
    assert tx.script_runs("Dr สมชาย (陈) Lee") == [("latin", "Dr "), ("thai", "สมชาย "), ("cjk", "(陈) "),
                                                  ("latin", "Lee")]
    # A bracket or comma after a Myanmar, Thai or Lao name never prints as a missing glyph.
    for name in ("ဒေါ်အောင် (Daw Aung)", "สมชาย, ใจดี", "(สมชาย)", "ສົມພອນ - Vongsa"):
        for script, text in tx.script_runs(name):
            assert all(tx._covers(script, ch) for ch in text), (name, script, text)


@pytest.mark.parametrize("name", LONG_NAMES + list(NAMES.values()))
def test_names_fit_their_box(name):
    width, height = 260.0, 90.0
    fitted = tx.fit(name, width, height, max_size=34, shrink_to=21, bold=True)
    assert fitted.width <= width + 1e-6
    assert fitted.height <= height + 1e-6
    assert "".join(fitted.texts).replace(" ", "") == tx.clean(name).replace(" ", "")


def test_long_name_breaks_at_a_space_before_shrinking_far():
    fitted = tx.fit(LONG_NAMES[0], 260, 90, max_size=34, shrink_to=21, bold=True)
    assert len(fitted.lines) == 2 and fitted.size > 14


def test_drawn_names_leave_no_ink_outside_their_box(tmp_path):
    """Rasterised: marks above and below (Thai, Myanmar, Khmer) stay inside the box too."""
    from reportlab.pdfgen.canvas import Canvas

    box = (20, 20, 260, 60)   # x, y, width, height in points
    path = tmp_path / "names.pdf"
    c = Canvas(str(path), pagesize=(300, 100))
    names = LONG_NAMES + list(NAMES.values())
    for name in names:
        fitted = tx.fit(name, box[2], box[3], max_size=40, shrink_to=24, bold=True)
        tx.draw_fitted(c, fitted, box[0], box[1] + box[3], box[2])
        c.showPage()
    c.save()
    pages = _png_pages(path.read_bytes(), tmp_path, dpi=144)
    assert len(pages) == len(names)
    scale = 2  # 144 dpi
    for name, page in zip(names, pages):
        x0, y0 = box[0] * scale, (100 - box[1] - box[3]) * scale
        x1, y1 = (box[0] + box[2]) * scale, (100 - box[1]) * scale
        outside = [(x, y) for y in range(page.height) for x in range(0, page.width, 2)
                   if not (x0 - 2 <= x <= x1 + 2 and y0 - 2 <= y <= y1 + 2) and sum(page.getpixel((x, y))) < 600]
        assert not outside, f"{name}: ink outside its box at {outside[:3]}"
        inside = page.crop((x0, y0, x1, y1)).convert("L")
        assert inside.getextrema()[0] < 100, f"{name}: nothing drawn"


def test_badge_data_follows_the_attendee(loaded):
    thai = badge_data(find(loaded, "M-002"), event=loaded)
    assert thai.name == "Chai" and thai.honorific == "Dr" and thai.role_word == "Speaker"
    assert thai.no_photos and not thai.youth
    [rerun] = thai.sessions
    assert (rerun.code, rerun.time, rerun.rerun, rerun.room) == ("C1/2", "16:00–17:30", True, "Room C")
    assert thai.focal_point == "Focal point: ask at the registration table"
    youth = badge_data(find(loaded, "M-003"), event=loaded)
    assert youth.youth and youth.name == "Siti" and youth.organisation == "" and youth.no_photos
    minor_with_family = badge_data(find(loaded, "M-004"), event=loaded)
    assert minor_with_family.youth and minor_with_family.honorific == "" and minor_with_family.role_word == "Young Person"
    assert not badge_data(find(loaded, "M-001"), event=loaded).no_photos


def _magenta(image: Image.Image) -> int:
    raw = image.tobytes()
    return sum(1 for i in range(0, len(raw), 3) if raw[i] > 180 and raw[i + 1] < 60 and 70 < raw[i + 2] < 150)


def test_no_photos_marker_on_both_sides_only_when_declined(loaded, tmp_path):
    front, back = _png_pages(badge_pdf("M-002", event=loaded, fmt="a6"), tmp_path, dpi=50)
    assert _magenta(front) > 50 and _magenta(back) > 50
    front, back = _png_pages(badge_pdf("M-001", event=loaded, fmt="a6"), tmp_path, dpi=50)
    assert _magenta(front) == 0 and _magenta(back) == 0


def test_youth_badge_has_its_own_design(loaded, tmp_path):
    youth = _png_pages(badge_pdf("M-003", event=loaded, fmt="a6"), tmp_path, dpi=30)[0]
    adult = _png_pages(badge_pdf("M-001", event=loaded, fmt="a6"), tmp_path, dpi=30)[0]
    assert youth.getpixel((youth.width // 2, 60)) != (255, 255, 255)   # tinted face
    assert adult.getpixel((adult.width // 2, 60)) == (255, 255, 255)


def test_batch_sorts_by_family_name_and_splits_by_desk(loaded):
    from checkin.badges.data import all_badge_data

    badges = all_badge_data(loaded)
    order = [d.registration_id for d in sorted(badges, key=lambda d: d.sort_family)]
    # Aung Kyaw (one name), dela Cruz, Jaidee (Thai, by its Latin spelling), Nguyễn (family-first), Siti.
    assert order == ["M-004", "M-005", "M-002", "M-001", "M-003"]
    desks = desk_ranges(badges, "family", 2)
    assert [(d.first, d.last, d.badges) for d in desks] == [("A", "J", 3), ("N", "S", 2)]
    seen = []
    result = batch_pdf(loaded, fmt="a4-4up", desk_split=2, progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, 5) and seen[-1] == (5, 5)
    # Per desk: a divider and a blank back, then one sheet's front and back.
    assert result.pages == 8 and result.badges == 5


def test_letter_ranges_never_split_a_letter():
    letters = list("AAAABBCDDDDDEEFGGGGHHHH")
    ranges = letter_ranges(letters, 3)
    assert len(ranges) == 3 and ranges[0][2] == 0 and ranges[-1][3] == len(letters)
    for (_, _, _, end), (_, _, start, _) in zip(ranges, ranges[1:]):
        assert end == start and letters[end - 1] != letters[start]
    assert letter_ranges(list("AAA"), 4) == [("A", "A", 0, 3)]


def test_every_format_renders_a_batch(loaded):
    from checkin.badges.data import all_badge_data

    badges = all_badge_data(loaded)
    for fmt in FORMAT_KEYS:
        assert render_badges(badges, fmt).startswith(b"%PDF")


def test_reprint_revokes_the_old_badge(loaded, desk_staff, tmp_path):
    from checkin.desk.service import scan
    from checkin.badges.reprint import reprint

    old = token_for(find(loaded, "M-001"))
    result = reprint("M-001", event=loaded, by=desk_staff["organiser"], reason="badge lost", station="Desk 2",
                     now=EVENT_MORNING)
    assert scan(old, event=loaded, station="Desk 1", staff=desk_staff["desk"], now=EVENT_MORNING).outcome == "revoked"
    page = _png_pages(badge_pdf("M-001", event=loaded, fmt="a6"), tmp_path)[0]
    assert _decode(page) == {result.token} != {old}


def test_cli_badge_badges_and_invitations(loaded, desk_staff, db_path, tmp_path):
    out = run_cli("badge", "M-002", "-o", str(tmp_path / "one.pdf"), "--format", "cr80", db_path=db_path, staff=("Dara Desk", "4826"))
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["pages"] == 2 and (tmp_path / "one.pdf").read_bytes().startswith(b"%PDF")
    out = run_cli("badges", "-o", str(tmp_path / "all.pdf"), "--desk-split", "2", db_path=db_path, staff=("Olivia Organiser", "314159"))
    assert out.returncode == 0, out.stderr
    answer = json.loads(out.stdout)
    assert answer["badges"] == 5 and [d["badges"] for d in answer["desks"]] == [3, 2]
    out = run_cli("invitations", "-o", str(tmp_path / "inv.pdf"), db_path=db_path, staff=("Olivia Organiser", "314159"))
    assert out.returncode == 0 and json.loads(out.stdout)["invitations"] == 5
    invitation = _png_pages((tmp_path / "inv.pdf").read_bytes(), tmp_path, dpi=100)
    assert len(invitation) == 5 and all(len(_decode(p)) == 1 for p in invitation)
    bad = run_cli("badge", "NOPE", "-o", str(tmp_path / "x.pdf"), db_path=db_path, staff=("Olivia Organiser", "314159"))
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1 and not (tmp_path / "x.pdf").exists()


def test_chinese_names_are_written_without_a_space(loaded):
    from checkin.badges.data import cjk_joined

    assert cjk_joined("陈 美玲") == "陈美玲"
    assert cjk_joined("Tan 美玲") == "Tan 美玲"


def test_back_carries_the_qr_too_where_there_is_room(loaded, tmp_path):
    token = token_for(find(loaded, "M-005"))
    back = _png_pages(badge_pdf("M-005", event=loaded, fmt="a6"), tmp_path)[1]
    assert _decode(back) == {token}
