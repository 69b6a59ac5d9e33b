"""Exports from the registration systems organisers use, imported with their preset and by
recognition, and re-imported after the export changed without losing what the desk did."""

import json

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from checkin.attendees import find, token_for
from checkin.desk.service import scan
from checkin.errors import InputError
from checkin.imports.importer import import_attendees
from checkin.imports.presets import load_mapping
from checkin.store.models import Assignment, Attendee, CheckIn, SafeguardingConfirmation
from checkin.imports.presets import mapping_for, preset
from checkin.imports.rows import email_id
from conftest import EVENT_MORNING, FIXTURES, MINI_EVENT, run_cli

OLIVIA = ("Olivia", "314159")

EXPORTS = FIXTURES / "exports"


def person(event, reg):
    a = find(event, reg)
    sessions = {x.session.run_code for x in Assignment.select().where(Assignment.attendee == a)}
    agreed = {c.policy_version for c in SafeguardingConfirmation.select().where(SafeguardingConfirmation.attendee == a)}
    return {"given": a.given_name, "family": a.family_name, "order": a.name_order, "org": a.organisation,
            "sessions": sessions, "agreed": agreed, "photo": a.photo_consent, "honorific": a.honorific,
            "minor": a.is_minor}


# Per export: the preset, what some rows must become, the rows skipped as not coming.
CASES = {
    "eventbrite.csv": ("eventbrite", {
        "13220950071": dict(given="Văn Đức", family="Nguyễn", order="family-first",
                            org="Ministry of Information and Communications", sessions={"C1"}, agreed={"2025-1"},
                            photo=True),
        "13220950072": dict(given="Nur Aisyah", family="binti Abdullah", org="Child Rights Coalition Malaysia",
                            sessions={"C1/2"}, photo=False),
        "13220950074": dict(given="Aung Kyaw", family="", sessions={"P1"}, agreed=set(), photo=None),
        "13220950076": dict(sessions={"C1/2"}),
    }, {"13220950075"}),
    "eventbrite-uk-name.csv": ("eventbrite", {
        "4400110001": dict(given="Ahmad Faizal bin Mohd Yusof", family="", sessions={"C1/2"}, agreed={"2025-1"}),
        "4400110002": dict(given="Maria Cristina", family="dela Cruz", order="given-first", sessions={"C1"}),
        "4400110003": dict(given="Nguyễn Thị Mai", family="", sessions=set()),
        "4400110005": dict(given="Sokunthea", family="", sessions={"C1/2"}),
    }, {"4400110004"}),
    "pretix-en.csv": ("pretix", {
        "K7Q2X-1": dict(given="Siti Nurhaliza binti Ahmad", family="", sessions={"C1", "P1"}, photo=False,
                        org="Malaysian Communications and Multimedia Commission"),
        "K7Q2X-2": dict(given="Lim Kok Wing", family="", org="MCMC Policy Unit", sessions={"C1/2"}, photo=True),
        # a youth ticket after adults' rows: the minor is stored as one, not "not stated"
        "P9ZB4-1": dict(given="Thiri Win", sessions=set(), agreed={"2025-1"}, minor=True),
    }, {"R3VN8-1", "W2DF6-1"}),   # W2DF6: pending payment, not yet coming
    "pretix-de.csv": ("pretix", {
        "HX4PL-1": dict(given="Kanokwan", family="Srisuk", order="given-first", sessions={"C1", "P1"}, photo=True,
                        org="ECPAT International"),
        "HX4PL-2": dict(given="Minh Khoa", family="Nguyễn", order="family-first", sessions={"C1/2"}, photo=False),
        "ZT8MN-2": dict(given="ສົມພອນ", family="", sessions={"P1"}, org="Lao Youth Union"),
    }, {"ZT8MN-1"}),
    "indico.csv": ("indico", {
        "12": dict(given="美玲", family="林", order="family-first", honorific="Ms", sessions={"C1"}, agreed={"2025-1"}),
        "13": dict(given="ដារ៉ា", family="សុខ", order="family-first", sessions={"C1/2"}),
        "14": dict(given="Jose Rizal", family="Santos", honorific="Atty.", sessions={"P1", "C1"}),
        "16": dict(given="Thị Hoa", family="Bùi", order="family-first", sessions={"C1/2"}),
    }, {"15"}),
    "google-forms.csv": ("google-forms", {
        email_id("GF-", "mai.nguyen@example.vn"): dict(given="Thị Mai", family="Nguyễn", order="family-first",
                                                      sessions={"C1/2"}, photo=True),   # Vietnam: family first
        email_id("GF-", "arief@example.id"): dict(given="Arief", family="Budiman", sessions={"C1/2"}, photo=False,
                                                  agreed={"2025-1"}),
        email_id("GF-", "wong.mei@example.my"): dict(given="美玲", family="陈", order="family-first",
                                                     sessions={"P1"}, agreed=set(), photo=True),
    }, {email_id("GF-", "mai.nguyen@example.vn")}),   # the earlier of her two answers
    "tito.csv": ("tito", {
        "KQZP-1": dict(given="美玲", family="林", order="family-first", sessions={"C1"}, photo=True),
        "KQZP-2": dict(given="Tan Mei Ling", family="", sessions={"C1/2"}, photo=False),
        "KQZR-1": dict(given="Somsak", family="Wongsawat", sessions=set()),
        "KQZT-1": dict(given="Aung Kyaw Moe", family="", sessions={"P1"}),
    }, {"KQZS-1"}),
    "luma.csv": ("luma", {
        "gst-8fK2mQpL1x": dict(given="Aung Kyaw Moe", family="", sessions={"C1/2"}, org="Myanmar Computer Federation"),
        "gst-3hT7nVbR9c": dict(given="Dewi", family="Lestari", sessions={"C1"}, photo=False),
        "gst-4rE6tY8uI2": dict(given="Trần Quốc Bảo", family="", sessions={"C1/2", "P1"}),
    }, {"gst-9wQ1zXcV5b", "gst-7yU3iO5pA1"}),   # 7yU3: pending approval, not yet coming
}


def check_people(event, expected):
    for reg, want in expected.items():
        got = person(event, reg)
        assert {k: got[k] for k in want} == want, reg


@pytest.mark.parametrize("name", CASES)
def test_export_imports_with_its_preset(event, name):
    preset_name, expected, skipped = CASES[name]
    result = import_attendees(EXPORTS / name, event=event, mapping=preset(preset_name), now=EVENT_MORNING)
    assert result.errors == () and result.written
    assert (result.mapping, result.recognised) == (preset_name, False)
    assert {s.registration_id for s in result.skipped} == skipped
    assert not Attendee.select().where(Attendee.registration_id.in_(
        [s for s in skipped if s not in expected])).exists()
    assert result.created == Attendee.select().count() >= len(expected)
    check_people(event, expected)


@pytest.mark.parametrize("name", CASES)
def test_export_is_recognised_by_its_headers(event, name):
    preset_name, expected, _ = CASES[name]
    result = import_attendees(EXPORTS / name, event=event, now=EVENT_MORNING)
    assert (result.mapping, result.recognised, result.errors) == (preset_name, True, ())
    assert result.as_json()["mapping"] == preset_name
    check_people(event, expected)


# Per export: whom the desk checks in, and what changes in the re-export.
REEXPORTS = {
    "eventbrite.csv": ("13220950071", [("Thai Digital Agency", "Thailand Digital Economy Agency"),
                                       ('"C1 Smart tools, tough choices (14:00)",Yes\r\n', '"C1 (16:00)",Yes\r\n')],
                       {"13220950073", "13220950071"}),
    "pretix-en.csv": ("K7Q2X-2", [("MCMC Policy Unit", "MCMC Online Safety Unit")], {"K7Q2X-2"}),
    "indico.csv": ("12", [("Infocomm Media Development Authority", "IMDA"),
                          ("Complete,0,No,,VIP", "Complete,0,No,,VIP; Speaker")], {"12", "14"}),
    "google-forms.csv": (email_id("GF-", "arief@example.id"),
                         [("Kementerian Komunikasi dan Digital", "Komdigi"),
                          ('"Smart tools, tough choices — re-run 16:00"', '"Opening plenary; C1/2"')],
                         {email_id("GF-", "arief@example.id")}),
    "tito.csv": ("KQZP-1", [(",Singapore Children's Society,", ",Singapore Children's Society (SCS),")], {"KQZP-2"}),
    "luma.csv": ("gst-3hT7nVbR9c", [("Yayasan Anak Indonesia", "Yayasan Anak Nusantara"),
                                    ('"Smart tools, tough choices (2:00 PM)"', '"Smart tools, tough choices (4:00 PM)"')],
                 {"gst-3hT7nVbR9c"}),
}


@pytest.mark.parametrize("name", REEXPORTS)
def test_reexport_updates_without_losing_checkins(event, desk_staff, tmp_path, name):
    who, edits, changed = REEXPORTS[name]
    first = import_attendees(EXPORTS / name, event=event, now=EVENT_MORNING)
    assert first.errors == ()
    card = scan(token_for(find(event, who)), event=event, station="Desk 1", staff=desk_staff["desk"],
                confirm_safeguarding=True, now=EVENT_MORNING)
    assert card.outcome == "checked_in"
    before = person(event, who)

    data = (EXPORTS / name).read_bytes().decode("utf-8")
    for old, new in edits:
        assert old in data, old
        data = data.replace(old, new, 1)
    v2 = tmp_path / name
    v2.write_bytes(data.encode("utf-8"))
    second = import_attendees(v2, event=event, now=EVENT_MORNING)
    assert second.errors == () and second.created == 0
    assert set(second.updated_ids) == changed
    assert second.unchanged == first.created - len(changed)

    who_now = find(event, who)
    assert CheckIn.select().where(CheckIn.attendee == who_now).count() == 1
    assert person(event, who)["agreed"] >= before["agreed"] | {"2025-1"}
    assert scan(token_for(who_now), event=event, station="Desk 2", staff=desk_staff["desk"],
                now=EVENT_MORNING).outcome == "already_checked_in"


def test_reexport_moves_session_and_keeps_agreement(event, tmp_path):
    import_attendees(EXPORTS / "luma.csv", event=event, now=EVENT_MORNING)
    data = (EXPORTS / "luma.csv").read_text(encoding="utf-8")
    v2 = tmp_path / "luma.csv"
    v2.write_text(data.replace("(2:00 PM)", "(4:00 PM)").replace(
        "Dewi Lestari,Dewi,Lestari,dewi@example.id,'+628123456789,2025-10-06T05:40:00.000Z,approved,Yayasan Anak Indonesia"
        ",\"Smart tools, tough choices (4:00 PM)\",Yes",
        "Dewi Lestari,Dewi,Lestari,dewi@example.id,'+628123456789,2025-10-06T05:40:00.000Z,approved,Yayasan Anak Indonesia"
        ",\"Smart tools, tough choices (4:00 PM)\",No"), encoding="utf-8")
    import_attendees(v2, event=event, now=EVENT_MORNING)
    dewi = person(event, "gst-3hT7nVbR9c")
    assert dewi["sessions"] == {"C1/2"}
    assert dewi["agreed"] == {"2025-1"}   # a later "No" in the export does not undo an agreement on file


def test_cancelled_after_import_is_left_and_noted(event, tmp_path):
    import_attendees(EXPORTS / "eventbrite.csv", event=event, now=EVENT_MORNING)
    data = (EXPORTS / "eventbrite.csv").read_bytes().decode("utf-8")
    v2 = tmp_path / "eventbrite.csv"
    v2.write_bytes(data.replace("Free Order,USD,0.00,0.00,0.00,0.00,Attending,Thailand",
                                "Free Order,USD,0.00,0.00,0.00,0.00,Refunded,Thailand").encode("utf-8"))
    result = import_attendees(v2, event=event, now=EVENT_MORNING)
    note = next(s for s in result.skipped if s.registration_id == "13220950073")
    assert "Refunded" in note.reason and "already on the list" in note.reason
    assert find(event, "13220950073").given_name == "Somchai"


def test_session_answer_matching_nothing_is_a_row_error(event, tmp_path):
    data = (EXPORTS / "tito.csv").read_text(encoding="utf-8").replace("Opening plenary only", "Robots for kids")
    (tmp_path / "tito.csv").write_text(data, encoding="utf-8")
    result = import_attendees(tmp_path / "tito.csv", event=event)
    assert not result.written and Attendee.select().count() == 0
    assert [(e.row, e.column) for e in result.errors] == [(6, "sessions")]
    assert "Robots for kids" in result.errors[0].message


def test_unknown_time_zone_names_the_row(event, tmp_path):
    data = (EXPORTS / "google-forms.csv").read_text(encoding="utf-8").replace("9:40:11 AM ICT", "9:40:11 AM XYZ")
    (tmp_path / "gf.csv").write_text(data, encoding="utf-8")
    result = import_attendees(tmp_path / "gf.csv", event=event)
    assert [(e.row, e.column) for e in result.errors] == [(4, "safeguarding_agreed_at")]
    assert "XYZ" in result.errors[0].message


def test_google_forms_time_zones_are_read(event):
    import_attendees(EXPORTS / "google-forms.csv", event=event)
    arief = find(event, email_id("GF-", "arief@example.id"))
    at = SafeguardingConfirmation.get(SafeguardingConfirmation.attendee == arief).at
    assert at.isoformat() == "2025-10-02T07:15:02+00:00"      # 3:15:02 PM GMT+8
    nattaya = find(event, email_id("GF-", "nattaya.k@example.th"))
    assert SafeguardingConfirmation.get(SafeguardingConfirmation.attendee == nattaya).at.hour == 2   # 9:40 ICT
    assert (nattaya.is_minor, nattaya.guardian_consent, nattaya.chaperone, nattaya.preferred_name) == (
        True, True, "Kanokwan Srisuk", "Pim")


def test_formula_guard_and_duplicate_headers_are_undone(event):
    import_attendees(EXPORTS / "pretix-en.csv", event=event)
    lim = find(event, "K7Q2X-2")
    assert lim.extra["Phone number"] == "+60323456789"
    assert lim.extra["Order comment"] == "=see note"
    siti = find(event, "K7Q2X-1")
    # her own Company is empty: the invoice address's (the second "Company") fills in
    assert siti.organisation == "Malaysian Communications and Multimedia Commission"
    assert siti.extra["Invoice address name"] == "Bookings Office"


def test_mapping_file_builds_on_a_preset(event, tmp_path):
    (tmp_path / "indico.toml").write_text('''
preset = "indico"
[columns]
sessions = "Workshop#2"
organisation = "Position"
[constants]
role = "speaker"
''', encoding="utf-8")
    result = import_attendees(EXPORTS / "indico.csv", event=event, mapping=load_mapping(tmp_path / "indico.toml"))
    assert result.errors == () and (result.mapping, result.recognised) == ("indico.toml", False)
    assert person(event, "12")["sessions"] == set()            # her choice was in the first Workshop column
    assert person(event, "13")["sessions"] == {"C1/2"}
    assert find(event, "14").organisation == "Legal Officer" and find(event, "14").role == "speaker"
    assert find(event, "12").extra["Workshop"] == "C1 Smart tools, tough choices (14:00)"


def test_empty_mapping_turns_a_guess_off(event, tmp_path):
    (tmp_path / "gf.toml").write_text('preset = "google-forms"\n[columns]\nsessions = ""\n', encoding="utf-8")
    import_attendees(EXPORTS / "google-forms.csv", event=event, mapping=load_mapping(tmp_path / "gf.toml"))
    assert Assignment.select().count() == 0
    arief = find(event, email_id("GF-", "arief@example.id"))
    assert "Which workshops will you attend? (choose up to two)" in arief.extra


def test_file_mapping_names_a_missing_column(event, tmp_path):
    (tmp_path / "m.toml").write_text('preset = "tito"\n[columns]\ncountry = "Ticket Country"\n', encoding="utf-8")
    with pytest.raises(InputError, match="Ticket Country"):
        import_attendees(EXPORTS / "tito.csv", event=event, mapping=load_mapping(tmp_path / "m.toml"))


def test_xlsx_and_utf16_exports_import_the_same(event, tmp_path):
    import csv
    import io

    from openpyxl import Workbook

    rows = list(csv.reader(io.StringIO((EXPORTS / "indico.csv").read_text(encoding="utf-8-sig"))))
    book = Workbook()
    for r in rows:
        book.active.append(r)
    book.save(tmp_path / "indico.xlsx")
    result = import_attendees(tmp_path / "indico.xlsx", event=event)
    assert (result.mapping, result.created, result.errors) == ("indico", 4, ())
    luma = (EXPORTS / "luma.csv").read_text(encoding="utf-8").replace(",", "\t")
    (tmp_path / "luma.txt").write_bytes(luma.encode("utf-16"))
    result = import_attendees(tmp_path / "luma.txt", event=event)
    assert (result.mapping, result.created, result.errors) == ("luma", 3, ())   # one pending approval
    assert person(event, "gst-4rE6tY8uI2")["sessions"] == {"C1/2", "P1"}


def test_unrecognised_export_says_what_to_do(event, tmp_path):
    (tmp_path / "x.csv").write_text("Nama,Emel\nSiti,siti@example.my\n", encoding="utf-8")
    with pytest.raises(InputError, match="no registration_id column"):
        import_attendees(tmp_path / "x.csv", event=event)
    with pytest.raises(InputError, match="neither a preset"):
        mapping_for("eventbrite2")


def test_cli_dry_run_lists_ids_and_writes_nothing(tmp_path):
    db = tmp_path / "cli.sqlite3"
    assert run_cli("staff", "add", "Olivia", "--role", "organiser", "--pin-stdin", db_path=db,
                   stdin="314159\n").returncode == 0
    assert run_cli("event", "load", str(MINI_EVENT), db_path=db, staff=OLIVIA).returncode == 0
    out = run_cli("attendees", "import", str(EXPORTS / "eventbrite.csv"), "--dry-run", db_path=db, staff=OLIVIA)
    assert out.returncode == 0, out.stderr
    answer = json.loads(out.stdout)
    assert answer["dry_run"] is True and (answer["mapping"], answer["recognised"]) == ("eventbrite", True)
    assert answer["created"] == 5 and sorted(answer["would_create"]) == [
        "13220950071", "13220950072", "13220950073", "13220950074", "13220950076"]
    assert answer["would_update"] == []
    assert answer["skipped"][0]["registration_id"] == "13220950075"
    assert answer["columns"]["sessions"] == "Which workshop will you attend?"

    out = run_cli("attendees", "import", str(EXPORTS / "eventbrite.csv"), "--mapping", "eventbrite", db_path=db, staff=OLIVIA)
    assert json.loads(out.stdout)["created"] == 5     # the dry run wrote nothing
    changed = tmp_path / "v2.csv"
    changed.write_bytes((EXPORTS / "eventbrite.csv").read_bytes().replace(b"Thai Digital Agency", b"TDA"))
    out = run_cli("attendees", "import", str(changed), "--dry-run", "--mapping", "eventbrite", db_path=db, staff=OLIVIA)
    answer = json.loads(out.stdout)
    assert (answer["would_create"], answer["would_update"], answer["unchanged"]) == ([], ["13220950073"], 4)
    out = run_cli("attendees", "import", str(changed), "--mapping", "nosuch", db_path=db, staff=OLIVIA)
    assert out.returncode == 2 and "neither a preset" in out.stderr and out.stdout == ""


def test_cli_dry_run_reports_row_errors(tmp_path):
    db = tmp_path / "cli.sqlite3"
    assert run_cli("staff", "add", "Olivia", "--role", "organiser", "--pin-stdin", db_path=db,
                   stdin="314159\n").returncode == 0
    assert run_cli("event", "load", str(MINI_EVENT), db_path=db, staff=OLIVIA).returncode == 0
    bad = tmp_path / "tito.csv"
    bad.write_text((EXPORTS / "tito.csv").read_text(encoding="utf-8").replace("Opening plenary only", "C7"),
                   encoding="utf-8")
    out = run_cli("attendees", "import", str(bad), "--dry-run", db_path=db, staff=OLIVIA)
    assert out.returncode == 2 and "nothing would be imported" in out.stderr
    answer = json.loads(out.stdout)
    assert answer["errors"] == [{"row": 6, "column": "sessions",
                                 "message": "no session run 'C7' in mini-2025 (re-runs are written C1/2)"}]
    assert answer["would_create"] == []


def test_a_preset_that_does_not_fit_says_so(event):
    with pytest.raises(InputError, match=r"the luma preset looks for 'api_id': is this a luma export\?"):
        import_attendees(EXPORTS / "eventbrite.csv", event=event, mapping=preset("luma"))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(st.text(max_size=25), min_size=0, max_size=24), max_size=5))
def test_export_shaped_nonsense_ends_in_a_clean_answer(event, tmp_path, rows):
    import csv
    import io

    header = (EXPORTS / "eventbrite.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    path = tmp_path / "fuzz.csv"
    path.write_text(header + "\n" + buf.getvalue(), encoding="utf-8")
    before = Attendee.select().count()
    try:
        result = import_attendees(path, event=event)
    except InputError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert all(e.message and "\n" not in e.message for e in result.errors)
    if result.errors:
        assert not result.written and Attendee.select().count() == before
    else:
        assert Attendee.select().count() == before + result.created


def test_mapping_file_states_the_policy_version_the_form_asked_about(event, desk_staff, tmp_path):
    (tmp_path / "pretix.toml").write_text('''
preset = "pretix"
[agreement]                      # the question is still found by its words
policy_version = "2024-1"
at = [["Order date", "Bestelldatum"], ["Order time", "Bestelluhrzeit"]]
''', encoding="utf-8")
    result = import_attendees(EXPORTS / "pretix-de.csv", event=event, mapping=load_mapping(tmp_path / "pretix.toml"))
    assert result.errors == () and result.created == 3
    assert person(event, "HX4PL-1")["agreed"] == {"2024-1"}
    # the event's policy is 2025-1: an agreement to last year's policy is not enough at the desk
    card = scan(token_for(find(event, "HX4PL-1")), event=event, station="Desk 1", staff=desk_staff["desk"],
                now=EVENT_MORNING)
    assert card.outcome == "needs_safeguarding"


def test_pretix_xlsx_with_date_and_time_cells(event, tmp_path):
    import csv
    import io
    from datetime import date, datetime, time

    from openpyxl import Workbook

    rows = list(csv.reader(io.StringIO((EXPORTS / "pretix-en.csv").read_text(encoding="utf-8"))))
    book = Workbook()
    book.active.append(rows[0])
    for r in rows[1:]:
        r[6] = datetime.combine(date.fromisoformat(r[6]), time(0))     # a date cell
        r[7] = time.fromisoformat(r[7])                                 # a time cell
        r = [c.lstrip("'") if isinstance(c, str) else c for c in r]     # XLSX needs no formula guard
        book.active.append(r)
    book.save(tmp_path / "pretix.xlsx")
    result = import_attendees(tmp_path / "pretix.xlsx", event=event)
    assert (result.mapping, result.errors, result.created) == ("pretix", (), 3)   # one pending payment
    lim = find(event, "K7Q2X-2")
    at = SafeguardingConfirmation.get(SafeguardingConfirmation.attendee == lim).at
    assert at.isoformat() == "2025-10-01T06:03:22+00:00"     # 14:03:22 in Kuala Lumpur
