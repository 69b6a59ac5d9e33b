"""Renders the sample badges in docs/badges/: every format, and names in the region's scripts,
for a branded sample event (tests/fixtures/brand/: the made-up "Lotus Bay Forum" whose logo and
sponsor strip scripts/make_badge_brand.py draws), and the preview page of every format.

Goes through the whole path a desk uses (event file, import, database, badge data, PDF), then
pdftoppm at 100 dpi. Run: .venv/bin/python scripts/badge_samples.py [OUT_DIR]
"""

from __future__ import annotations

import csv
import subprocess
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checkin.attendees import find  # noqa: E402
from checkin.badges.data import badge_data  # noqa: E402
from checkin.badges.preview import preview_for_event  # noqa: E402
from checkin.badges.render import render_badges  # noqa: E402
from checkin.badges.service import badge_pdf  # noqa: E402
from checkin.store.schema import open_database  # noqa: E402
from checkin.events.file import read_event_file  # noqa: E402
from checkin.events.service import get_event, save_event  # noqa: E402
from checkin.imports.importer import import_attendees  # noqa: E402

NOW = datetime(2025, 11, 18, 0, 30, tzinfo=timezone.utc)
HEADER = ["registration_id", "given_name", "family_name", "preferred_name", "name_latin", "name_order", "honorific",
          "organisation", "country", "role", "date_of_birth", "guardian_consent", "chaperone", "photo_consent",
          "sessions"]
PEOPLE = [
    ["S-LAT", "Maria Cristina", "dela Cruz-Santiago", "", "", "", "Atty", "Department of Information and "
     "Communications Technology", "Philippines", "speaker", "", "", "", "no", "P1;C1/2"],
    ["S-VIE", "Văn Đức", "Nguyễn", "", "Nguyen Van Duc", "family-first", "H.E.", "Ministry of Information and "
     "Communications", "Viet Nam", "delegate", "", "", "", "yes", "P1;C1"],
    ["S-THA", "สมชาย", "ใจดี", "", "Somchai Jaidee", "", "Dr", "Thai Digital Agency", "Thailand", "delegate", "", "",
     "", "no", "C1/2"],
    ["S-LAO", "ສົມພອນ", "ແກ້ວມະນີ", "", "Somphone Keomany", "", "", "Ministry of Technology and Communications",
     "Lao PDR", "organiser", "", "", "", "yes", "P1"],
    ["S-KHM", "ចាន់ធីតា", "សុខ", "", "Sok Chanthida", "family-first", "", "Ministry of Posts and "
     "Telecommunications", "Cambodia", "media", "", "", "", "no", "P1;C1"],
    ["S-MYA", "ခင်မြင့်ကြည်", "", "", "Khin Myint Kyi", "", "Daw", "Myanmar Child Rights Network", "Myanmar", "staff",
     "", "", "", "yes", ""],
    ["S-CHN", "美玲", "陈", "", "Tan Mei Ling", "family-first", "", "Infocomm Media Development Authority",
     "Singapore", "delegate", "", "", "", "no", "P1;C1/2"],
    ["S-YTH", "Putri Ayu", "Wulandari", "Ayu", "", "", "", "Youth Council", "Indonesia", "youth", "2010-03-04", "yes",
     "Dewi Lestari", "", "C1"],
]
SHOWN = [("a6", "S-LAT"), ("a6-fold", "S-VIE"), ("cr80", "S-THA"), ("4x3", "S-KHM"), ("label62", "S-MYA"),
         ("a4-4up", "S-CHN"), ("a6", "S-THA"), ("a6", "S-KHM"), ("a6", "S-MYA"), ("a6", "S-CHN"), ("a6", "S-LAO"),
         ("a6", "S-YTH"), ("cr80", "S-YTH")]


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "badges"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        open_database(str(tmp / "samples.sqlite3"))
        save_event(read_event_file(ROOT / "tests" / "fixtures" / "brand" / "event.toml"), now=NOW)
        event = get_event("lotus-2026")
        people = tmp / "people.csv"
        with people.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(HEADER)
            writer.writerows(PEOPLE)
        result = import_attendees(people, event=event, now=NOW)
        assert not result.errors, result.errors
        for fmt, reg in SHOWN:
            stem = f"{fmt}-{reg[2:].lower()}"
            pdf = tmp / f"{stem}.pdf"
            if fmt == "a4-4up":   # a full sheet: four people, fronts then backs
                sheet = [badge_data(find(event, r), event=event) for r in ("S-CHN", "S-THA", "S-KHM", "S-YTH")]
                pdf.write_bytes(render_badges(sheet, fmt, sort=None))
                stem = "a4-4up-sheet"
            else:
                pdf.write_bytes(badge_pdf(reg, event=event, fmt=fmt))
            subprocess.run(["pdftoppm", "-r", "100", "-png", str(pdf), str(out / stem)], check=True)
            print(stem)
        # The preview's A6 and CR80 pages: every sample person side by side, fronts over backs.
        pdf = tmp / "preview.pdf"
        pdf.write_bytes(preview_for_event(event).pdf)
        for page, fmt in ((1, "a6"), (3, "cr80")):
            subprocess.run(["pdftoppm", "-r", "40", "-f", str(page), "-l", str(page), "-singlefile", "-png",
                            str(pdf), str(out / f"preview-{fmt}")], check=True)
            print(f"preview-{fmt}")


if __name__ == "__main__":
    main()
