"""The organiser's back office in the core: exports opened back, staff admin, the audit log's
filters, the dashboard's figures, and the purge that leaves no person in the database file."""

import csv
import io
import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from checkin.store import audit
from checkin.organiser.dashboard import snapshot
from checkin.desk.service import annul_checkin, check_in_by_id
from checkin.door.service import scan_by_id
from checkin.errors import AccessDenied, InputError
from checkin.store.models import AnonymousCount, Attendee, AuditEntry, CheckIn, DoorScan
from checkin.organiser.purge import anonymous_counts
from checkin.organiser.purge import purge
from checkin.organiser.exports import build_report, export
from checkin.staff import authenticate, disable_staff, list_staff, reset_pin, set_active
from checkin.timeutil import utcnow
from conftest import EVENT_MORNING, cipher_connect, decrypted_bytes, run_cli

KL = ZoneInfo("Asia/Kuala_Lumpur")

# Everything personal the mini fixture holds, as it would sit in the file (UTF-8).
MINI_PERSONAL = ["Nguyễn", "Văn Đức", "Nguyen Van Duc", "duc@example.org", "สมชาย", "ใจดี", "Somchai",
                 "somchai@example.org", "Siti", "2010-03-04", "Dewi Lestari", "Youth Council", "Aung Kyaw",
                 "Myanmar Child Rights Network", "Maria Cristina", "dela Cruz", "tina@example.org", "Child Safe PH",
                 "vegetarian", "M-001", "M-002", "M-003", "M-004", "M-005"]


def at(hh, mm=0):
    return datetime(2025, 11, 18, hh, mm, tzinfo=KL)


@pytest.fixture
def day(loaded, desk_staff):
    """The mini event's day lived: three check-ins (one annulled), door scans at C1 and P1."""
    desk, org, marshal = desk_staff["desk"], desk_staff["organiser"], desk_staff["marshal"]
    for reg, when in (("M-001", at(8, 40)), ("M-003", at(8, 52)), ("M-002", at(9, 5))):
        r = check_in_by_id(reg, event=loaded, station="Desk 1", staff=desk, now=when, confirm_safeguarding=True)
        assert r.outcome == "checked_in", r.message
    r = check_in_by_id("M-005", event=loaded, station="Desk 2", staff=desk, now=at(9, 10), confirm_safeguarding=True)
    assert r.outcome == "checked_in"
    annul_checkin("M-005", event=loaded, by=org, reason="scanned the wrong badge", station="Desk 2", now=at(9, 11))

    def door(reg, run, when, direction="in"):
        return scan_by_id(reg, event=loaded, session_run=run, direction=direction, station="Door C",
                          staff=marshal, now=when)

    assert door("M-001", "P1", at(8, 45)).outcome == "admitted"
    assert door("M-001", "C1", at(13, 45)).outcome == "admitted"
    assert door("M-003", "C1", at(13, 50)).outcome == "admitted"
    assert door("M-001", "C1", at(14, 30), "out").outcome == "exited"
    assert door("M-001", "C1", at(14, 40)).outcome == "admitted"
    assert door("M-001", "C1", at(15, 0), "out").outcome == "exited"
    assert door("M-002", "C1", at(13, 55)).outcome == "wrong_run"
    return loaded


def read_csv(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")   # the BOM Excel needs to read UTF-8
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def read_xlsx(path):
    sheet = load_workbook(path).active
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], r)) for r in rows[1:]]


# -- exports -----------------------------------------------------------------------------------

def test_attendance_csv_says_who_was_in_each_run_first_in_last_out(day, desk_staff, tmp_path):
    result = export("attendance", tmp_path / "attendance.csv", event=day, by=desk_staff["organiser"])
    rows = read_csv(tmp_path / "attendance.csv")
    assert result.rows == len(rows) == 3
    c1 = {r["registration_id"]: r for r in rows if r["session_run"] == "C1"}
    assert c1["M-001"]["first_in"] == "2025-11-18 13:45:00" and c1["M-001"]["last_out"] == "2025-11-18 15:00:00"
    assert c1["M-001"]["entries"] == "2" and c1["M-001"]["registered"] == "yes"
    assert c1["M-001"]["name"] == "Nguyễn Văn Đức"
    # Still inside when exported: no last-out yet.
    assert c1["M-003"]["last_out"] == "" and c1["M-003"]["role"] == "youth"
    assert [r["registration_id"] for r in rows if r["session_run"] == "P1"] == ["M-001"]
    assert "M-002" not in c1   # refused at the door (wrong run): not attendance


def test_checkins_xlsx_opened_back_with_the_annulment(day, desk_staff, tmp_path):
    export("checkins", tmp_path / "c.xlsx", event=day, by=desk_staff["organiser"])
    rows = read_xlsx(tmp_path / "c.xlsx")
    assert [r["registration_id"] for r in rows] == ["M-001", "M-003", "M-002", "M-005"]
    assert rows[0]["checked_in_at"] == "2025-11-18 08:40:00" and rows[0]["station"] == "Desk 1"
    assert rows[2]["name"] == "สมชาย ใจดี (Somchai Jaidee)"
    assert rows[3]["annulled_by"] == "Olivia Organiser" and rows[3]["annul_reason"] == "scanned the wrong badge"
    assert rows[0]["annulled_at"] in (None, "")


def test_safeguarding_and_doorlog_exports(day, desk_staff, tmp_path):
    export("safeguarding", tmp_path / "s.csv", event=day, by=desk_staff["organiser"])
    rows = {r["registration_id"]: r for r in read_csv(tmp_path / "s.csv")}
    assert rows["M-003"]["young_person"] == "yes" and rows["M-003"]["method"] == "registration"
    assert rows["M-005"]["policy_version"] in ("2024-1", "2025-1")
    assert any(r["method"] == "desk" and r["station"] == "Desk 2" for r in read_csv(tmp_path / "s.csv"))
    export("doorlog", tmp_path / "d.xlsx", event=day, by=desk_staff["organiser"])
    log = read_xlsx(tmp_path / "d.xlsx")
    assert len(log) == 7
    assert [r["outcome"] for r in log if r["registration_id"] == "M-002"] == ["wrong_run"]
    assert {r["direction"] for r in log} == {"in", "out"} and log[0]["station"] == "Door C"


def test_a_formula_in_a_name_stays_text(day, desk_staff, tmp_path):
    Attendee.update(organisation="=HYPERLINK(\"http://x\")").where(Attendee.registration_id == "M-001").execute()
    export("checkins", tmp_path / "c.xlsx", event=day, by=desk_staff["organiser"])
    cell = read_xlsx(tmp_path / "c.xlsx")[0]["organisation"]
    assert cell.startswith("'=")
    assert read_csv(export("checkins", tmp_path / "c.csv", event=day, by=desk_staff["organiser"]).file
                    and tmp_path / "c.csv")[0]["organisation"].startswith("'=")


def test_export_needs_an_organiser_and_a_csv_or_xlsx(day, desk_staff, tmp_path):
    with pytest.raises(AccessDenied):
        export("checkins", tmp_path / "c.csv", event=day, by=desk_staff["desk"])
    with pytest.raises(InputError, match="csv or .xlsx"):
        export("checkins", tmp_path / "c.pdf", event=day, by=desk_staff["organiser"])
    with pytest.raises(InputError, match="unknown export"):
        build_report("people", day)
    assert not [p for p in tmp_path.iterdir() if p.suffix in (".csv", ".pdf", ".part")]


def test_cli_export_all_four(day, db_path, tmp_path):
    for kind, name in (("attendance", "a.xlsx"), ("checkins", "c.csv"), ("safeguarding", "s.xlsx"),
                       ("doorlog", "d.csv")):
        out = run_cli("export", kind, "-o", str(tmp_path / name), "--staff", "Olivia Organiser",
                      db_path=db_path, pin="314159")
        assert out.returncode == 0, out.stderr
        assert json.loads(out.stdout)["kind"] == kind and (tmp_path / name).is_file()
    refused = run_cli("export", "checkins", "-o", str(tmp_path / "x.csv"), "--staff", "Dara Desk",
                      db_path=db_path, pin="4826")
    assert refused.returncode == 3 and not (tmp_path / "x.csv").exists()


# -- staff and the audit log -----------------------------------------------------------------

def test_reset_pin_lifts_the_lock_and_disable_stops_sign_in(db, desk_staff):
    org = desk_staff["organiser"]
    for _ in range(5):
        with pytest.raises(AccessDenied):
            authenticate("Dara Desk", "0000")
    assert {a.name: a.locked for a in list_staff()}["Dara Desk"]
    reset_pin("dara desk", "4371", by=org)
    assert authenticate("Dara Desk", "4371").role == "desk"
    with pytest.raises(AccessDenied):
        reset_pin("Olivia Organiser", "1111", by=desk_staff["desk"])
    disable_staff("Dara Desk", by=org)
    with pytest.raises(AccessDenied, match="no active staff"):
        authenticate("Dara Desk", "4371")
    set_active("Dara Desk", True, by=org)
    assert authenticate("Dara Desk", "4371").name == "Dara Desk"
    with pytest.raises(InputError, match="last active organiser"):
        disable_staff("Olivia Organiser", by=org)
    with pytest.raises(InputError, match="no staff account"):
        disable_staff("Nobody", by=org)
    kinds = [e.kind for e in audit.entries(person="Dara Desk")]
    assert kinds[:4] == ["staff_enabled", "sign_in_refused", "staff_disabled", "staff_pin_reset"]
    assert audit.verify().ok


def test_audit_filters_by_person_station_kind_and_time(day):
    assert {e.kind for e in audit.entries(person="M-005")} >= {"scan", "checkin_annulled"}
    assert all(e.station == "Door C" for e in audit.entries(station="door c"))
    assert len(audit.entries(station="Door C")) == 7
    # The log is dated by the real clock (the replayed day's time is kept as decided_at), so
    # since/until select by when the entries were written.
    door = audit.entries(kind="door")
    assert door and audit.entries(kind="door", since=utcnow() - timedelta(hours=1), until=utcnow()) == door
    assert audit.entries(kind="door", since=utcnow() + timedelta(minutes=5)) == []
    assert all(json.loads(e.detail)["decided_at"].startswith("2025-11-18") for e in door)
    assert audit.entries(staff="Olivia", kind="annul")[0].subject == "M-005"
    assert "checkin_annulled" in audit.kinds()


def test_cli_staff_reset_pin_disable_and_audit_list(desk_staff, db_path):
    out = run_cli("staff", "reset-pin", "Mona Marshal", "--pin-stdin", "--staff", "Olivia Organiser",
                  db_path=db_path, pin="314159", stdin="2407\n")
    assert out.returncode == 0, out.stderr
    out = run_cli("staff", "disable", "Mona Marshal", "--staff", "Olivia Organiser", db_path=db_path, pin="314159")
    assert json.loads(out.stdout)["active"] is False
    out = run_cli("audit", "list", "--person", "Mona", db_path=db_path, staff=("Olivia Organiser", "314159"))
    assert [e["kind"] for e in json.loads(out.stdout)["entries"]][:2] == ["staff_disabled", "staff_pin_reset"]
    out = run_cli("staff", "disable", "Mona Marshal", "--staff", "Dara Desk", db_path=db_path, pin="4826")
    assert out.returncode == 3


# -- the dashboard -------------------------------------------------------------------------------

def test_dashboard_snapshot_during_c1(day):
    snap = snapshot(day, at(14, 10))
    assert (snap.registered, snap.checked_in, snap.not_arrived) == (5, 3, 2)
    assert dict((r, (c, t)) for r, c, t in snap.by_role) == {"delegate": (1, 2), "speaker": (1, 1), "youth": (1, 2)}
    assert snap.by_country[0][1] == 1 and {c for c, _, _ in snap.by_country} >= {"Viet Nam", "Myanmar"}
    assert [(s.session_run, s.occupancy, s.capacity) for s in snap.sessions] == [("C1", 1, 3)]
    assert (snap.young_registered, snap.young_present, snap.young_inside) == (2, 1, 1)
    # 08:40, 08:52 and 09:05 (09:10 was annulled): three buckets from 08:40 to 09:00.
    assert [(t.strftime("%H:%M"), n) for t, n in snap.arrivals] == [("08:40", 1), ("08:50", 1), ("09:00", 1)]
    # Registered for C1: M-001 and M-003 entered; registered for P1 none (it needs no registration).
    assert snap.no_shows == 0
    assert snap.safeguarding_confirmed >= 3
    later = snapshot(day, at(16, 30))   # C1/2 started: M-002 is registered there and never came
    assert later.no_shows == 1 and later.young_inside == 0


# -- the purge -----------------------------------------------------------------------------------

def _file_bytes(db_path):
    """The file and its WAL as the raw bytes on disk, and decrypted page by page (free pages too)."""
    data = db_path.read_bytes()
    for extra in (db_path.with_name(db_path.name + "-wal"), db_path.with_name(db_path.name + "-journal")):
        if extra.exists():
            data += extra.read_bytes()
    return data + decrypted_bytes(db_path)


def test_purge_leaves_no_person_in_the_file_and_keeps_the_counts(day, desk_staff, db, db_path):
    before = _file_bytes(db_path)
    assert all(s.encode() in before for s in ("duc@example.org", "Dewi Lestari", "2010-03-04"))
    result = purge(day, confirmation="mini-2025", by=desk_staff["organiser"], now=at(18))
    assert (result.young_people, result.others, result.vacuumed) == (2, 3, True)
    data = _file_bytes(db_path)
    left = [s for s in MINI_PERSONAL if s.encode("utf-8") in data]
    assert left == []
    assert Attendee.select().count() == CheckIn.select().count() == 0
    assert DoorScan.select().count() == 0
    counts = anonymous_counts(day)
    assert counts["registered"][""] == 5 and counts["checked_in"][""] == 3
    assert counts["role_checked_in"] == {"delegate": 1, "speaker": 1, "youth": 1}
    assert counts["young_people_registered"][""] == 2 and counts["young_people_checked_in"][""] == 1
    assert counts["session_entered"] == {"C1": 2, "P1": 1}
    assert counts["country_checked_in"]["Viet Nam"] == 1
    report = audit.verify()
    assert report.ok, report
    last = AuditEntry.select().order_by(AuditEntry.seq.desc()).first()
    assert last.kind == "event_purged" and json.loads(last.detail)["previous_head"] == result.previous_audit_head
    kinds = [e.kind for e in AuditEntry.select().order_by(AuditEntry.seq)]
    assert kinds.index("purge_young_people") < kinds.index("purge_attendees") < kinds.index("event_purged")
    # The door's anonymous answers survive: kinds and outcomes, not who.
    assert json.loads(audit.entries(kind="door")[-1].detail)["outcome"] == "admitted"


def test_young_people_only_purge_keeps_the_adults(day, desk_staff, db_path):
    result = purge(day, confirmation="mini-2025", by=desk_staff["organiser"], youth_only=True, now=at(18))
    assert (result.young_people, result.others) == (2, 0)
    data = _file_bytes(db_path)
    assert b"Dewi Lestari" not in data and b"2010-03-04" not in data and b"M-003" not in data
    assert b"duc@example.org" in data
    assert sorted(r for (r,) in Attendee.select(Attendee.registration_id).tuples()) == ["M-001", "M-002", "M-005"]
    assert audit.verify().ok
    assert AnonymousCount.select().where(AnonymousCount.measure == "registered").get().value == 2


def test_purge_refuses_without_the_typed_code_or_an_organiser(day, desk_staff):
    with pytest.raises(InputError, match="type the event code"):
        purge(day, confirmation="mini", by=desk_staff["organiser"])
    with pytest.raises(AccessDenied):
        purge(day, confirmation="mini-2025", by=desk_staff["desk"])
    assert Attendee.select().count() == 5


def test_cli_purge_of_the_demo(db_path, tmp_path):
    out = run_cli("demo", "--original-dates", db_path=db_path)
    assert out.returncode == 0, out.stderr
    from checkin.events.demo import DEMO_STAFF

    org = next(s for s in DEMO_STAFF if s[1] == "organiser")
    con = cipher_connect(db_path)
    people = con.execute("SELECT given_name, family_name, email, date_of_birth FROM attendee "
                         "WHERE email != '' AND date_of_birth IS NOT NULL LIMIT 5").fetchall()
    people += con.execute("SELECT given_name, family_name, email, date_of_birth FROM attendee LIMIT 20").fetchall()
    code = con.execute("SELECT code FROM event").fetchone()[0]
    con.close()
    assert people
    wrong = run_cli("purge", "--staff", org[0], "--confirm", "nope", db_path=db_path, pin=org[2])
    assert wrong.returncode == 2 and "type the event code" in wrong.stderr
    out = run_cli("purge", "--staff", org[0], "--confirm", code, db_path=db_path, pin=org[2])
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["vacuumed"] is True
    data = _file_bytes(db_path)
    for given, family, email, dob in people:
        for text in (given, family, email, dob):
            if text and len(text) > 3:
                assert text.encode() not in data, text
    assert json.loads(run_cli("audit", "verify", db_path=db_path).stdout)["ok"] is True


def test_the_console_station_refuses_a_desk_account(loaded, desk_staff, tmp_path):
    from checkin.stations.station import Station, StationSettings

    desk = Station(StationSettings(station_name="Desk 1", event_code="mini-2025"), desk_staff["desk"])
    for attempt in (lambda: desk.batch_badges("a6", "family", 0), lambda: desk.invitations(),
                    lambda: desk.export("checkins", str(tmp_path / "c.csv")), lambda: desk.reset_pin("Dara Desk", "1111"),
                    lambda: desk.purge("mini-2025"), lambda: desk.set_staff_active("Mona Marshal", False)):
        with pytest.raises(AccessDenied):
            attempt()
    assert Attendee.select().count() == 5 and not list(tmp_path.glob("*.csv"))
