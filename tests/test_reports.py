"""Organiser reports: the whole list with each person's status, the no-shows, per-session figures
(peak occupancy, standby, refused as full), read back from real files written to a real SQLite
database; every export private (0600), audited, and safe to open in a spreadsheet."""

import csv
import io
import json
import re
import stat
import subprocess
import unicodedata
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from checkin.desk.service import annul_checkin, check_in_by_id
from checkin.door.service import scan_by_id
from checkin.errors import AccessDenied
from checkin.organiser.daily_pdf import daily_report
from checkin.organiser.exports import export
from checkin.organiser.purge import purge
from checkin.store import audit
from checkin.store.models import Attendee, AuditHead
from conftest import run_cli
from postgres import pg_url  # noqa: F401 (fixture)

KL = ZoneInfo("Asia/Kuala_Lumpur")


def at(hh, mm=0):
    return datetime(2025, 11, 18, hh, mm, tzinfo=KL)


@pytest.fixture
def lived(loaded, desk_staff):
    return live_the_day(loaded, desk_staff)


def live_the_day(loaded, desk_staff):
    """The mini event's day: four check-ins (M-004, a young person without guardian consent, never
    comes), C1 (3 seats) filled to the brim, one standby, two turned away as full, one override."""
    desk, org, marshal = desk_staff["desk"], desk_staff["organiser"], desk_staff["marshal"]
    for reg, when, station in (("M-001", at(8, 40), "Desk 1"), ("M-003", at(8, 52), "Desk 1"),
                               ("M-002", at(9, 5), "Desk 2"), ("M-005", at(9, 10), "Desk 2")):
        r = check_in_by_id(reg, event=loaded, station=station, staff=desk, now=when, confirm_safeguarding=True)
        assert r.outcome == "checked_in", r.message

    def door(reg, run, when, direction="in", **kw):
        return scan_by_id(reg, event=loaded, session_run=run, direction=direction, station="Door C",
                          staff=marshal, now=when, **kw).outcome

    assert door("M-001", "P1", at(8, 45)) == "admitted"
    assert door("M-001", "C1", at(13, 45)) == "admitted"
    assert door("M-003", "C1", at(13, 50)) == "admitted"
    assert door("M-002", "C1", at(14, 15)) == "admitted"          # standby: released at 14:10
    assert door("M-005", "C1", at(14, 20)) == "full"
    assert door("M-005", "C1", at(14, 25), override_reason="panel speaker's interpreter", override_by=org) == "admitted"
    assert door("M-001", "C1", at(14, 30), "out") == "exited"
    assert door("M-001", "C1", at(14, 40)) == "full"               # 3 inside again: no way back in
    return loaded


def read_csv(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def read_xlsx(path):
    sheet = load_workbook(path).active
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], ("" if v is None else v for v in r))) for r in rows[1:]]


def private(path):
    return stat.S_IMODE(path.stat().st_mode) == 0o600


# -- the whole list --------------------------------------------------------------------------------

def test_attendees_csv_has_everyone_with_their_status(lived, desk_staff, tmp_path):
    Attendee.update(delegation="VN-MIC", language="vi").where(Attendee.registration_id == "M-001").execute()
    result = export("attendees", tmp_path / "all.csv", event=lived, by=desk_staff["organiser"], now=at(18))
    rows = {r["registration_id"]: r for r in read_csv(tmp_path / "all.csv")}
    assert result.rows == result.people == 5 and set(rows) == {"M-001", "M-002", "M-003", "M-004", "M-005"}
    assert private(tmp_path / "all.csv")
    duc = rows["M-001"]
    assert (duc["name"], duc["name_latin"], duc["country"], duc["role"]) == (
        "Nguyễn Văn Đức", "Nguyen Van Duc", "Viet Nam", "delegate")
    assert (duc["checked_in_at"], duc["checked_in_station"], duc["checked_in_by"]) == (
        "2025-11-18 08:40:00", "Desk 1", "Dara Desk")
    assert (duc["sessions_assigned"], duc["sessions_entered"]) == ("C1", "P1;C1")
    assert (duc["policy_version"], duc["policy_agreed_at"], duc["policy_current"]) == (
        "2025-1", "2025-10-01 11:00:00", "yes")
    assert duc["photo_consent"] == "yes" and duc["badge_serial"] == "1" and duc["young_person"] == "no"
    assert (duc["delegation"], duc["language"], rows["M-002"]["delegation"]) == ("VN-MIC", "vi", "")
    assert (rows["M-002"]["name"], rows["M-002"]["name_latin"]) == ("สมชาย ใจดี", "Somchai Jaidee")
    assert rows["M-002"]["photo_consent"] == "no" and rows["M-002"]["sessions_entered"] == "C1"
    siti = rows["M-003"]
    assert (siti["young_person"], siti["guardian_consent"], siti["chaperone"]) == ("yes", "yes", "Dewi Lestari")
    aung = rows["M-004"]
    assert (aung["young_person"], aung["guardian_consent"], aung["checked_in_at"]) == ("yes", "no", "")
    # M-005 agreed to the older policy at registration and to the current one at the desk.
    assert rows["M-005"]["policy_version"] == "2025-1" and rows["M-005"]["policy_agreed_at"].startswith("2025-11-18")
    entry = audit.entries(kind="export")[0]
    assert (entry.staff, entry.subject) == ("Olivia Organiser", "attendees")
    assert json.loads(entry.detail)["people"] == 5


def test_attendees_xlsx_frozen_filtered_fitted_and_safe(lived, desk_staff, tmp_path):
    Attendee.update(organisation="=HYPERLINK(\"http://x\")\tLtd\r\nline\x07").where(
        Attendee.registration_id == "M-001").execute()
    Attendee.update(chaperone="@cmd").where(Attendee.registration_id == "M-003").execute()
    export("attendees", tmp_path / "all.xlsx", event=lived, by=desk_staff["organiser"], now=at(18))
    assert private(tmp_path / "all.xlsx")
    sheet = load_workbook(tmp_path / "all.xlsx").active
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:W6"
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["registration_id", "name", "name_latin"] and "delegation" in header
    widths = {header[i]: sheet.column_dimensions[c.column_letter].width for i, c in enumerate(sheet[1])}
    assert widths["organisation"] >= len("Myanmar Child Rights Network")
    assert widths["young_person"] < 20
    rows = {r["registration_id"]: r for r in read_xlsx(tmp_path / "all.xlsx")}
    assert rows["M-001"]["organisation"] == "'=HYPERLINK(\"http://x\") Ltd  line"
    assert rows["M-003"]["chaperone"] == "'@cmd"


def test_every_export_needs_an_organiser(lived, desk_staff, tmp_path):
    for kind in ("attendees", "noshows", "sessions"):
        with pytest.raises(AccessDenied):
            export(kind, tmp_path / f"{kind}.csv", event=lived, by=desk_staff["desk"])
    assert not [p for p in tmp_path.iterdir() if "csv" in p.name]


# -- no-shows and sessions ---------------------------------------------------------------------------

def test_noshows_never_arrived_and_missed_an_assigned_run(lived, desk_staff, tmp_path):
    result = export("noshows", tmp_path / "n.csv", event=lived, by=desk_staff["organiser"], now=at(18))
    rows = read_csv(tmp_path / "n.csv")
    assert [(r["registration_id"], r["no_show"], r["session_run"]) for r in rows] == [
        ("M-002", "missed an assigned session", "C1/2"), ("M-004", "never checked in", "")]
    assert rows[1]["young_person"] == "yes" and rows[0]["checked_in_at"] == "2025-11-18 09:05:00"
    assert result.people == 2
    # Before C1/2 has started, holding a place in it is not yet a no-show.
    early = export("noshows", tmp_path / "n2.csv", event=lived, by=desk_staff["organiser"], now=at(15))
    assert early.rows == 1


def test_sessions_peak_standby_and_refused_full(lived, desk_staff, tmp_path):
    export("sessions", tmp_path / "s.xlsx", event=lived, by=desk_staff["organiser"], now=at(18))
    rows = {r["session_run"]: r for r in read_xlsx(tmp_path / "s.xlsx")}
    c1 = rows["C1"]
    assert (c1["capacity"], c1["registered"], c1["entered"], c1["peak_occupancy"]) == (3, 2, 4, 4)
    assert (c1["standby_admitted"], c1["refused_full"], c1["overrides"], c1["reached_capacity"]) == (1, 2, 1, "yes")
    assert (rows["P1"]["entered"], rows["P1"]["peak_occupancy"], rows["P1"]["reached_capacity"]) == (1, 1, "no")
    assert (rows["C1/2"]["registered"], rows["C1/2"]["entered"]) == (1, 0)
    assert json.loads(audit.entries(kind="export")[0].detail)["people"] == 0


def test_cli_exports_and_refusals(lived, db_path, tmp_path):
    for kind in ("attendees", "noshows", "sessions"):
        out = run_cli("export", kind, "-o", str(tmp_path / f"{kind}.csv"), "--staff", "Olivia Organiser",
                      "--at", "2025-11-18T18:00:00+08:00", db_path=db_path, pin="314159")
        assert out.returncode == 0, out.stderr
        answer = json.loads(out.stdout)
        assert answer["kind"] == kind and private(tmp_path / f"{kind}.csv")
    assert json.loads(out.stdout)["rows"] == 3
    refused = run_cli("export", "attendees", "-o", str(tmp_path / "x.csv"), "--staff", "Dara Desk",
                      db_path=db_path, pin="4826")
    assert refused.returncode == 3 and not (tmp_path / "x.csv").exists()
    bad = run_cli("export", "attendees", "-o", str(tmp_path / "x.pdf"), "--staff", "Olivia Organiser",
                  db_path=db_path, pin="314159")
    assert bad.returncode == 2 and "csv or .xlsx" in bad.stderr and len(bad.stderr.splitlines()) == 1


# -- the end-of-day summary --------------------------------------------------------------------------

def pdf_text(path):
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_daily_report_pdf_says_the_day_and_vouches_for_the_log(lived, desk_staff, tmp_path):
    org = desk_staff["organiser"]
    annul_checkin("M-005", event=lived, by=org, reason="checked in twice by mistake", station="Desk 2", now=at(17))
    Attendee.update(chaperone="").where(Attendee.registration_id == "M-003").execute()
    head = AuditHead.get_by_id(1)
    answer = daily_report(lived, str(tmp_path / "day.pdf"), by=org, now=at(18))
    assert private(tmp_path / "day.pdf") and answer["date"] == "2025-11-18" and answer["pages"] in (1, 2)
    assert (answer["audit_seq"], answer["audit_hash"]) == (head.seq, head.hash)
    text = unicodedata.normalize("NFKC", pdf_text(tmp_path / "day.pdf"))   # HarfBuzz makes "fi" one glyph
    flat = " ".join(text.split())
    assert "Mini Forum 2025" in text and "Tuesday 18 November 2025" in text
    assert f"entry {head.seq}" in flat and head.hash in flat and "the chain verifies" in flat
    # Young people: M-003 is present with no chaperone on file now: named, with what is missing.
    assert "1 present without complete consent" in flat and "M-003" in flat and "chaperone" in flat
    assert re.search(r"C1 Smart tools, tough choices Room C 14:00 4 ?/ ?3 2 1", flat)
    assert "panel speaker's interpreter" in flat and "checked in twice by mistake" in flat
    counts = answer["counts"]
    assert counts["arrivals_by_hour"] == [(8, 2), (9, 1)]
    assert counts["arrived_today"] == 3 and counts["checked_in_so_far"] == 3   # M-005's check-in annulled
    assert (counts["young_present"], counts["young_incomplete"], counts["annulled_checkins"]) == (1, 1, 1)
    assert counts["overrides"] == 1
    assert [e.hash for e in audit.entries() if e.seq == head.seq] == [head.hash]
    entry = audit.entries(kind="report")[0]
    assert entry.staff == "Olivia Organiser" and json.loads(entry.detail)["people"] >= 2
    # The next day, nobody new: the page says so rather than drawing an empty chart.
    quiet = daily_report(lived, str(tmp_path / "next.pdf"), by=org, day="2025-11-19", now=at(18))
    assert quiet["counts"]["arrived_today"] == 0 and quiet["counts"]["checked_in_so_far"] == 3
    assert "No arrivals this day." in pdf_text(tmp_path / "next.pdf")
    with pytest.raises(AccessDenied):
        daily_report(lived, str(tmp_path / "x.pdf"), by=desk_staff["desk"], now=at(18))
    assert not (tmp_path / "x.pdf").exists()


def test_daily_report_cli_names_in_every_script(lived, db_path, tmp_path):
    Attendee.update(chaperone="").where(Attendee.registration_id == "M-003").execute()
    Attendee.update(given_name="ဒေါ်အောင်", family_name="", name_latin="Daw Aung").where(
        Attendee.registration_id == "M-003").execute()
    out = run_cli("report", "daily", "--date", "2025-11-18", "-o", str(tmp_path / "d.pdf"), "--staff",
                  "Olivia Organiser", "--at", "2025-11-18T18:00:00+08:00", db_path=db_path, pin="314159")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["file"].endswith("d.pdf") and private(tmp_path / "d.pdf")
    fonts = subprocess.run(["pdffonts", str(tmp_path / "d.pdf")], capture_output=True, text=True).stdout
    assert "NotoSansMyanmar" in fonts or "Badge-myanmar" in fonts
    bad = run_cli("report", "daily", "--date", "18/11", "-o", str(tmp_path / "e.pdf"), "--staff",
                  "Olivia Organiser", db_path=db_path, pin="314159")
    assert bad.returncode == 2 and "YYYY-MM-DD" in bad.stderr and not (tmp_path / "e.pdf").exists()
    refused = run_cli("report", "daily", "-o", str(tmp_path / "f.pdf"), "--staff", "Dara Desk", db_path=db_path,
                      pin="4826")
    assert refused.returncode == 3 and not (tmp_path / "f.pdf").exists()


# -- after the purge ---------------------------------------------------------------------------------

def _file_bytes(db_path):
    data = db_path.read_bytes()
    for extra in (db_path.with_name(db_path.name + "-wal"), db_path.with_name(db_path.name + "-journal")):
        if extra.exists():
            data += extra.read_bytes()
    return data


def _figures_of(path):
    return [{k: v for k, v in r.items() if k in ("session_run", "capacity", "registered", "entered",
                                                  "peak_occupancy", "reached_capacity", "standby_admitted",
                                                  "refused_full", "overrides")} for r in read_csv(path)]


@pytest.mark.parametrize("youth_first", [False, True])
def test_the_same_counts_after_the_purge_and_no_name_left(lived, desk_staff, db_path, tmp_path, youth_first):
    org = desk_staff["organiser"]
    annul_checkin("M-005", event=lived, by=org, reason="checked in twice by mistake", station="Desk 2", now=at(17))
    Attendee.update(chaperone="").where(Attendee.registration_id == "M-003").execute()
    export("sessions", tmp_path / "s1.csv", event=lived, by=org, now=at(18))
    export("noshows", tmp_path / "n1.csv", event=lived, by=org, now=at(18))
    before = daily_report(lived, str(tmp_path / "d1.pdf"), by=org, now=at(18))["counts"]
    never = {(r["no_show"], r["session_run"], r["role"], r["country"]) for r in read_csv(tmp_path / "n1.csv")}

    if youth_first:   # young people's data goes first, during the event; the rest after it
        purge(lived, confirmation="mini-2025", by=org, youth_only=True, now=at(18, 5))
    purge(lived, confirmation="mini-2025", by=org, now=at(18, 10))
    data = _file_bytes(db_path)
    for personal in ("Nguyễn", "Somchai", "สมชาย", "Dewi Lestari", "Maria Cristina", "M-001", "M-005",
                     "checked in twice by mistake", "panel speaker's interpreter"):
        assert personal.encode("utf-8") not in data, personal

    export("sessions", tmp_path / "s2.csv", event=lived, by=org, now=at(18, 20))
    assert _figures_of(tmp_path / "s2.csv") == _figures_of(tmp_path / "s1.csv")
    export("noshows", tmp_path / "n2.csv", event=lived, by=org, now=at(18, 20))
    counted = read_csv(tmp_path / "n2.csv")
    assert "registration_id" not in counted[0]
    assert {(r["no_show"], r["session_run"], r["role"], r["country"]) for r in counted} == never
    assert sum(int(r["people"]) for r in counted) == 3   # M-004 and M-005 never (now) checked in, M-002 missed C1/2
    after = daily_report(lived, str(tmp_path / "d2.pdf"), by=org, now=at(18, 20))
    assert after["counts"] == before and after["people"] == 0
    text = unicodedata.normalize("NFKC", pdf_text(tmp_path / "d2.pdf"))
    assert "anonymous counts kept at the purge" in text and "M-00" not in text
    assert "Present without complete consent: 1 (names removed at the purge)" in " ".join(text.split())
    assert audit.verify().ok


def test_the_same_reports_on_postgres(pg_url, tmp_path):  # noqa: F811
    from checkin.events.file import read_event_file
    from checkin.events.service import get_event, save_event
    from checkin.imports.importer import import_attendees
    from checkin.staff import add_staff, authenticate
    from checkin.store.schema import open_database
    from conftest import EVENT_MORNING, MINI_ATTENDEES, MINI_EVENT

    open_database(pg_url)
    save_event(read_event_file(MINI_EVENT), now=EVENT_MORNING)
    event = get_event("mini-2025")
    assert import_attendees(MINI_ATTENDEES, event=event, now=EVENT_MORNING).created == 5
    add_staff("Olivia Organiser", "organiser", "314159", by=None)
    org = authenticate("Olivia Organiser", "314159")
    add_staff("Dara Desk", "desk", "4826", by=org)
    add_staff("Mona Marshal", "marshal", "5937", by=org)
    staff = {"organiser": org, "desk": authenticate("Dara Desk", "4826"), "marshal": authenticate("Mona Marshal", "5937")}
    live_the_day(event, staff)
    export("sessions", tmp_path / "s1.csv", event=event, by=org, now=at(18))
    c1 = next(r for r in read_csv(tmp_path / "s1.csv") if r["session_run"] == "C1")
    assert (c1["entered"], c1["peak_occupancy"], c1["standby_admitted"], c1["refused_full"]) == ("4", "4", "1", "2")
    assert export("attendees", tmp_path / "a.xlsx", event=event, by=org, now=at(18)).rows == 5
    assert export("noshows", tmp_path / "n.csv", event=event, by=org, now=at(18)).rows == 2
    before = daily_report(event, str(tmp_path / "d1.pdf"), by=org, now=at(18))["counts"]
    assert before["arrivals_by_hour"] == [(8, 2), (9, 2)]
    purge(event, confirmation="mini-2025", by=org, now=at(18, 10))
    export("sessions", tmp_path / "s2.csv", event=event, by=org, now=at(18, 20))
    assert read_csv(tmp_path / "s2.csv") == read_csv(tmp_path / "s1.csv")
    assert daily_report(event, str(tmp_path / "d2.pdf"), by=org, now=at(18, 20))["counts"] == before
