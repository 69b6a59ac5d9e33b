"""Exports laid out as the registration systems write them (tests/fixtures/exports/round2): minors
from every signal, the attendees' sheet of a workbook, rows that are not people, registration
status, consent questions in plain words, date order by column, names by convention."""

import pytest

from checkin.attendees import find, view
from checkin.imports.importer import import_attendees
from checkin.imports.questions import guess_columns
from checkin.imports.signals import status_kind, ticket_age
from checkin.store.models import Attendee
from conftest import FIXTURES

ROUND2 = FIXTURES / "exports" / "round2"


def people(event):
    return {a.registration_id: a for a in Attendee.select().where(Attendee.event == event)}


def test_tito_age_and_youth_tickets_make_minors(event):
    result = import_attendees(ROUND2 / "tito-youth.csv", event=event)
    assert result.mapping == "tito" and not result.errors
    got = people(event)
    child = got["TY-1"]
    assert child.is_minor is True and child.role == "youth"
    assert got["TY-4"].is_minor is True and got["TY-4"].role == "youth"        # "Youth", no age
    assert got["TY-7"].is_minor is True                                         # "Pemuda", age 16
    assert got["TY-2"].is_minor is False and got["TY-2"].role == "delegate"
    assert view(child).is_minor and view(child).photo_consent is True and view(child).guardian_consent is True
    skipped = {s.row: s.reason for s in result.skipped}
    assert set(skipped) == {4, 7}                       # the unassigned ticket and the void one
    assert "not yet assigned" in skipped[4] and "Void Status" in skipped[7]
    assert len(result.as_json()["skipped"]) == 2


def test_an_adult_ticket_on_a_child_is_an_error(event):
    result = import_attendees(ROUND2 / "tito-conflict.csv", event=event)
    assert not result.written and [e.row for e in result.errors] == [2]
    assert result.errors[0].column == "is_minor" and "Adult delegate" in result.errors[0].message
    assert result.as_json()["error_rows"] == 1


@pytest.mark.parametrize("text,kind", [
    ("Young delegate (under 18)", "minor"), ("Youth", "youth"), ("Child", "minor"), ("Student under 18", "minor"),
    ("Pemuda", "youth"), ("เยาวชน", "youth"), ("Thanh thiếu niên", "minor"), ("Kabataan", "youth"),
    ("U18 Delegate", "minor"), ("Adult", "adult"), ("Delegate (18+)", "adult"), ("Chaperone", "adult"),
    ("Delegate", None), ("Speaker", None), ("Trẻ em", "minor"), ("យុវជន", "youth"),
])
def test_ticket_names_in_the_organisers_languages(text, kind):
    assert ticket_age(text) == kind


def test_luma_status_pending_is_skipped_with_a_count_or_flagged(event):
    result = import_attendees(ROUND2 / "luma-status.csv", event=event)
    out = result.as_json()
    assert result.created == 2 and out["pending"] == 3
    reasons = {s["row"]: s["reason"] for s in out["skipped"]}
    assert set(reasons) == {3, 4, 5, 6}
    assert "pending_approval" in reasons[3] and "declined" in reasons[6]
    assert any("--include-pending" in w for w in out["warnings"])
    again = import_attendees(ROUND2 / "luma-status.csv", event=event, include_pending=True)
    assert again.created == 3
    flagged = find(event, "gst-2")
    assert flagged.registration_status == "pending_approval" and view(flagged).pending
    assert find(event, "gst-3").registration_status == "waitlist"
    assert not view(find(event, "gst-1")).pending


def test_natural_photo_question_and_native_name_column(event):
    import_attendees(ROUND2 / "luma-status.csv", event=event)
    somchai = find(event, "gst-1")
    assert somchai.photo_consent is True and somchai.name_native == "สมชาย ใจดี"


@pytest.mark.parametrize("status,kind", [
    ("approved", "confirmed"), ("paid", "confirmed"), ("Complete", "confirmed"), ("pending_approval", "pending"),
    ("waitlist", "pending"), ("Waitlisted", "pending"), ("invited", "pending"), ("Awaiting payment", "pending"),
    ("Unpaid", "pending"), ("Pending", "pending"), ("n", "pending"),
])
def test_registration_states(status, kind):
    assert status_kind(status) == kind


def test_google_forms_dates_of_birth_take_the_column_order(event):
    result = import_attendees(ROUND2 / "google-forms-dob.csv", event=event)
    assert not result.errors, result.errors
    got = {a.email: a for a in people(event).values()}
    assert got["person0@example.org"].date_of_birth.isoformat() == "1981-07-19"
    assert got["person1@example.org"].date_of_birth.isoformat() == "2010-04-03"     # month-first, like 07/19
    assert got["person1@example.org"].is_minor is True
    assert got["person1@example.org"].guardian_consent is True
    assert got["person2@example.org"].photo_consent is True and got["person0@example.org"].photo_consent is False
    assert "SAFEGUARDING" not in " ".join(result.warnings)


def test_indico_pending_states_and_guardian_warning(event):
    result = import_attendees(ROUND2 / "indico-states.csv", event=event)
    out = result.as_json()
    assert result.created == 2 and out["pending"] == 2
    assert find(event, "24").is_minor is None or find(event, "24").date_of_birth.year == 2012


def test_no_minor_signal_and_no_photo_column_warn_loudly(event, tmp_path):
    path = tmp_path / "plain-luma.csv"
    path.write_text("api_id,name,first_name,last_name,email,created_at,approval_status,ticket_name\n"
                    "gst-1,Dara Sok,Dara,Sok,dara@example.kh,2025-10-06T03:12:45Z,approved,Delegate\n", encoding="utf-8")
    out = import_attendees(path, event=event).as_json()
    assert any("SAFEGUARDING" in w and "minor" in w for w in out["warnings"])
    assert any("photo" in w.lower() for w in out["warnings"])


def test_minors_without_a_guardian_column_warn(event, tmp_path):
    path = tmp_path / "tito.csv"
    text = (ROUND2 / "tito-youth.csv").read_text(encoding="utf-8").replace("Parent/guardian permission", "Dietary needs")
    path.write_text(text, encoding="utf-8")
    result = import_attendees(path, event=event)
    assert any("guardian" in w for w in result.as_json()["warnings"]) and result.minors == 3


def test_pretix_workbook_reads_the_order_positions_sheet(event, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    orders = book.active
    orders.title = "Orders"
    orders.append(["Event slug", "Order code", "Order total", "Status", "Email", "Phone number", "Order date",
                   "Order time", "Company", "Name", "Address", "ZIP code", "City", "Country", "Payment date"])
    orders.append(["aif2025", "K7Q2X", "0.00", "paid", "b@example.my", "", "2025-10-01", "14:03:22", "MCMC",
                   "Bookings", "", "", "", "MY", ""])
    positions = book.create_sheet("Order positions")
    positions.append(["Event slug", "Order code", "Position ID", "Status", "Email", "Order date", "Order time",
                      "Product", "Variation", "Price", "Attendee name", "Attendee name: Given name",
                      "Attendee name: Family name", "Attendee email", "Company", "Country", "Date of birth",
                      "May we photograph you during the Forum?", "Add-on to position ID"])
    positions.append(["aif2025", "K7Q2X", 1, "paid", "b@example.my", "2025-10-01", "14:03:22", "Delegate pass", "",
                      0, "Siti Nurhaliza binti Ahmad", "Siti Nurhaliza", "binti Ahmad", "siti@example.my", "", "MY",
                      "1990-01-02", "Yes", ""])
    positions.append(["aif2025", "K7Q2X", 2, "paid", "b@example.my", "2025-10-01", "14:03:22", "Workshop lunch", "",
                      0, "", "", "", "", "", "", "", "", 1])
    positions.append(["aif2025", "K7Q2X", 3, "paid", "b@example.my", "2025-10-01", "14:03:22", "Gala dinner", "",
                      0, "Siti Nurhaliza binti Ahmad", "Siti Nurhaliza", "binti Ahmad", "", "", "", "", "", 1])
    positions.append(["aif2025", "K7Q2Y", 1, "pending", "c@example.sg", "2025-10-01", "14:03:22", "Delegate pass", "",
                      0, "Tan Mei Ling", "Mei Ling", "Tan", "ml@example.sg", "", "SG", "2011-05-05", "No", ""])
    book.create_sheet("Order fees").append(["Event slug", "Order code", "Fee type", "Description", "Price"])
    book.save(tmp_path / "pretix.xlsx")
    result = import_attendees(tmp_path / "pretix.xlsx", event=event)
    out = result.as_json()
    assert out["sheet"] == "Order positions" and out["mapping"] == "pretix" and not result.errors
    assert result.created == 1 and out["pending"] == 1
    assert {s["row"]: s["reason"][:9] for s in out["skipped"]} == {3: "an add-on", 4: "an add-on", 5: "registrat"}
    assert find(event, "K7Q2X-1").photo_consent is True


@pytest.mark.parametrize("header,ours", [
    ("May we photograph you during the Forum?", "photo_consent"),
    ("Can we take photos of you during the Forum?", "photo_consent"),
    ("Do you consent to being photographed/filmed?", "photo_consent"),
    ("Boleh kami ambil gambar anda semasa Forum?", "photo_consent"),
    ("Bolehkah kami memotret Anda? (izin foto)", "photo_consent"),
    ("Chúng tôi có thể chụp ảnh bạn không?", "photo_consent"),
    ("อนุญาตให้ถ่ายภาพหรือไม่", "photo_consent"),
    ("Pumapayag ka bang kuhanan ng larawan?", "photo_consent"),
    ("Parent/guardian permission", "guardian_consent"),
    ("Persetujuan ibu bapa / penjaga (wali)", "guardian_consent"),
    ("Sự đồng ý của phụ huynh", "guardian_consent"),
    ("ความยินยอมของผู้ปกครอง", "guardian_consent"),
    ("Pahintulot ng magulang", "guardian_consent"),
    ("I have read and agree to the Child Safeguarding Policy", "agreement"),
    ("How old are you?", "age"), ("Age", "age"), ("Umur", "age"),
    ("Name in your own script", "name_native"), ("Native name", "name_native"), ("Tên (tiếng Việt)", "name_native"),
    ("Parent/guardian name", None), ("Upload your photo ID", None), ("Dietary needs", None),
])
def test_questions_in_plain_words(header, ours):
    found = guess_columns(("x", header), set(), set())
    assert {k for k, v in found.items() if 1 in v} == ({ours} if ours else set())


def test_a_badge_in_another_script_prints_its_latin_name_smaller(event, tmp_path):
    import subprocess

    from checkin.badges.data import badge_data_for
    from checkin.badges.render import render_badge

    path = tmp_path / "native.csv"
    path.write_text("registration_id,given_name,family_name,name_latin,name_order,date_of_birth,photo_consent\n"
                    "T-1,สมชาย,ใจดี,Somchai Jaidee,given-first,1980-01-01,yes\n"
                    "T-2,美玲,陈,,family-first,1985-02-02,no\n"
                    "T-3,ចាន់ដារ៉ា,សុខ,Chandara Sok,family-first,2012-03-03,no\n"
                    "T-4,Dewi,Lestari,,given-first,1990-01-01,yes\n", encoding="utf-8")
    assert not import_attendees(path, event=event).errors
    assert badge_data_for("T-1", event=event).name_latin == "Somchai Jaidee"
    assert badge_data_for("T-2", event=event).name_latin == "Chen Meiling"
    child = badge_data_for("T-3", event=event)
    assert child.youth and child.name == "ចាន់ដារ៉ា" and "Sok" not in child.name_latin and child.name_latin
    assert badge_data_for("T-4", event=event).name_latin == ""
    pdf = tmp_path / "badge.pdf"
    pdf.write_bytes(render_badge(badge_data_for("T-1", event=event), "a6"))
    words = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    import re
    boxes = {m.group(5): float(m.group(4)) - float(m.group(2))
             for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]+)</word>',
                                  words)}
    assert "Somchai" in boxes and "Jaidee" in boxes
    thai = [h for w, h in boxes.items() if any("\u0e00" <= ch <= "\u0e7f" for ch in w)]
    assert thai and boxes["Somchai"] < min(thai)          # the Latin line is the smaller one


def test_the_desk_card_shows_a_pending_registration(event):
    from types import SimpleNamespace

    from ui.desk import _detail_lines

    import_attendees(ROUND2 / "luma-status.csv", event=event, include_pending=True)
    card = _detail_lines(SimpleNamespace(outcome="checked_in", message="Checked in", attendee=view(find(event, "gst-3"))))
    assert "not confirmed: waitlist" in card
    assert "not confirmed" not in _detail_lines(SimpleNamespace(outcome="checked_in", message="Checked in", attendee=view(find(event, "gst-1"))))


def test_a_date_of_birth_that_contradicts_the_under_18_answer_is_an_error(event, tmp_path):
    path = tmp_path / "form.csv"
    path.write_text("Timestamp,Email Address,Full name,Date of birth,Are you under 18?,May we photograph you?\n"
                    "2025/06/22 11:07:29 AM AST,a@example.org,Ana Reyes,03/25/2012,No,Yes\n"
                    "2025/06/22 11:08:29 AM AST,b@example.org,Ben Cruz,03/04/1990,No,Yes\n", encoding="utf-8")
    result = import_attendees(path, event=event)
    assert [(e.row, e.column) for e in result.errors] == [(2, "is_minor")]
    assert any("agreement" in w for w in result.warnings)


def test_eventbrite_youth_ticket_without_an_age_is_a_minor(event, tmp_path):
    path = tmp_path / "eventbrite.csv"
    path.write_text("\ufeffOrder #,Order Date,First Name,Last Name,Email,Quantity,Ticket Type,Attendee #,Order Type,"
                    "Total Paid,Attendee Status,Country,Parent/guardian consent,Do you consent to being photographed?\n"
                    "1001,10/29/25 22:28,Putu,Ayu,ayu@example.id,1,Youth delegate (under 18),2001,Free Order,0,"
                    "Attending,Indonesia,Yes,Yes\n"
                    "1002,10/29/25 22:29,Budi,Santoso,budi@example.id,1,Delegate,2002,Free Order,0,Attending,Indonesia,,No\n",
                    encoding="utf-8")
    result = import_attendees(path, event=event)
    assert result.mapping == "eventbrite" and not result.errors
    young, adult = find(event, "2001"), find(event, "2002")
    assert (young.is_minor, young.role, young.guardian_consent, young.photo_consent) == (True, "youth", True, True)
    assert adult.is_minor is None and adult.role == "delegate" and adult.photo_consent is False


def test_cli_import_says_which_sheet_and_includes_pending_when_asked(db_path):
    import json

    from conftest import run_cli

    org = ("Olivia Organiser", "314159")
    assert run_cli("staff", "add", org[0], "--role", "organiser", "--pin-stdin", db_path=db_path,
                   stdin=org[1] + "\n").returncode == 0
    assert run_cli("event", "load", str(FIXTURES / "mini-event.toml"), db_path=db_path, staff=org).returncode == 0
    out = run_cli("attendees", "import", str(ROUND2 / "luma-status.csv"), "--dry-run", db_path=db_path, staff=org)
    assert out.returncode == 0, out.stderr
    answer = json.loads(out.stdout)
    assert answer["pending"] == 3 and len(answer["would_create"]) == 2 and answer["warnings"]
    out = run_cli("attendees", "import", str(ROUND2 / "luma-status.csv"), "--include-pending", db_path=db_path, staff=org)
    answer = json.loads(out.stdout)
    assert answer["created"] == 5 and not any(s["row"] in (3, 4, 5) for s in answer.get("skipped", []))
    bad = run_cli("attendees", "import", str(ROUND2 / "tito-conflict.csv"), db_path=db_path, staff=org)
    assert bad.returncode == 2 and "on 1 rows" in bad.stderr
