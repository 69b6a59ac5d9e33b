"""The demo event as shipped: the seed agenda, sample rooms, and 400 fictional attendees."""

import csv
import json
import re
import subprocess
import sys
from collections import Counter
from datetime import date, datetime, timezone

import pytest

from checkin.events.file import read_event_file
from checkin.paths import demo_event_file
from checkin.timeutil import zone
from conftest import ROOT, run_cli

EVENT_FILE = demo_event_file()
ATTENDEES = EVENT_FILE.parent / "attendees.csv"
GENERATOR = ROOT / "scripts" / "make_demo_attendees.py"
LOADED_AT = datetime(2025, 11, 17, 2, 0, tzinfo=timezone.utc)

# The 2025 Forum's draft agenda: every session run with its local start and end.
SEED_AGENDA = {
    "P1": ("2025-11-18 08:45", "09:00"), "P2": ("2025-11-18 09:00", "10:00"), "P3": ("2025-11-18 10:00", "10:30"),
    "P4": ("2025-11-18 10:30", "11:00"), "P5": ("2025-11-18 11:00", "12:30"),
    "A1": ("2025-11-18 14:00", "15:30"), "B1": ("2025-11-18 14:00", "15:30"),
    "C1": ("2025-11-18 14:00", "15:30"), "C2": ("2025-11-18 14:00", "15:30"),
    "A2": ("2025-11-18 16:00", "17:30"), "B2": ("2025-11-18 16:00", "17:30"),
    "C1/2": ("2025-11-18 16:00", "17:30"), "C2/2": ("2025-11-18 16:00", "17:30"),
    "P6": ("2025-11-19 08:45", "10:30"),
    "A3": ("2025-11-19 11:00", "12:30"), "B3-1": ("2025-11-19 11:00", "12:30"),
    "B3-2": ("2025-11-19 11:00", "12:30"), "C3": ("2025-11-19 11:00", "12:30"),
    "A4": ("2025-11-19 13:45", "15:15"), "B4": ("2025-11-19 13:45", "15:15"), "C4": ("2025-11-19 13:45", "15:15"),
    "P7": ("2025-11-19 15:30", "16:45"), "P8": ("2025-11-19 16:45", "17:30"),
}
SCRIPTS = {"Thai": (0x0E00, 0x0E7F), "Lao": (0x0E80, 0x0EFF), "Khmer": (0x1780, 0x17FF),
           "Myanmar": (0x1000, 0x109F), "CJK": (0x4E00, 0x9FFF)}
ASEAN = {"Brunei Darussalam", "Cambodia", "Indonesia", "Lao PDR", "Malaysia", "Myanmar", "Philippines", "Singapore",
         "Thailand", "Viet Nam"}


@pytest.fixture(scope="module")
def spec():
    return read_event_file(EVENT_FILE)


@pytest.fixture(scope="module")
def rows():
    with ATTENDEES.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def scripts_in(text: str) -> set[str]:
    return {name for ch in text for name, (lo, hi) in SCRIPTS.items() if lo <= ord(ch) <= hi}


def test_event_file_holds_the_seed_agenda(spec):
    tz = zone("Asia/Kuala_Lumpur")
    assert spec.code == "aif-2025" and spec.timezone == "Asia/Kuala_Lumpur"
    assert "Hilton Sentral" in spec.venue and "Kuala Lumpur" in spec.venue
    got = {s.run_code: (s.starts.astimezone(tz).strftime("%Y-%m-%d %H:%M"), s.ends.astimezone(tz).strftime("%H:%M"))
           for s in spec.sessions}
    assert got == SEED_AGENDA
    assert {s.starts.astimezone(tz).date() for s in spec.sessions} == {date(2025, 11, 18), date(2025, 11, 19)}
    assert {s.pillar for s in spec.sessions} == {"plenary", "A", "B", "C"}
    assert all(s.pillar == s.code[0] for s in spec.sessions if s.pillar != "plenary")
    titles = {s.run_code: s.title for s in spec.sessions}
    assert titles["C1"].startswith("Smart tools, tough choices") and titles["C1/2"] == titles["C1"]
    assert titles["B3-2"].startswith("Caring for carers")


def test_c1_and_c2_are_registration_only_with_re_runs(spec):
    by_run = {s.run_code: s for s in spec.sessions}
    for code in ("C1", "C2"):
        first, rerun = by_run[code], by_run[f"{code}/2"]
        assert first.run == 1 and rerun.run == 2
        assert first.registration_required and rerun.registration_required
        assert first.standby_release_minutes and rerun.standby_release_minutes
        assert first.room == rerun.room and rerun.starts >= first.ends
    assert [s.run_code for s in spec.sessions if s.registration_required] == ["C1", "C2", "C1/2", "C2/2"]


def test_rooms_safeguarding_and_samples_are_marked(spec):
    text = EVENT_FILE.read_text(encoding="utf-8")
    assert "SAMPLE" in text and "fictional" in text
    rooms = {r.key: r for r in spec.rooms}
    c_rooms = {s.room for s in spec.sessions if s.pillar == "C"}
    assert c_rooms and all(30 <= rooms[k].capacity <= 40 for k in c_rooms)
    assert rooms["hall"].capacity >= 400
    assert spec.policy_version == "2025-1" and "Focal Point" in spec.focal_point
    assert "Sample summary written for Forum Check-in; the Forum's own policy governs" in spec.policy_text
    assert 250 <= len(spec.policy_text.split()) <= 420


def test_every_asean_script_and_naming_convention(rows):
    names = [r["given_name"] + " " + r["family_name"] for r in rows]
    assert set().union(*map(scripts_in, names)) == set(SCRIPTS)
    for r in rows:
        native = scripts_in(r["given_name"] + r["family_name"])
        if native:
            assert r["name_latin"] and not scripts_in(r["name_latin"]), r
    assert {r["country"] for r in rows} >= ASEAN
    assert len({r["country"] for r in rows} - ASEAN) >= 5          # internationals
    khmer = [r for r in rows if "Khmer" in scripts_in(r["given_name"])]
    assert khmer and all(r["name_order"] == "family-first" for r in khmer)
    myanmar = [r for r in rows if "Myanmar" in scripts_in(r["given_name"])]
    assert myanmar and all(not r["family_name"] for r in myanmar)
    assert {"U", "Daw"} <= {r["honorific"] for r in myanmar}
    viet = [r for r in rows if r["country"] == "Viet Nam" and r["role"] != "youth"]
    assert all(r["name_order"] == "family-first" for r in viet)
    assert any("Đ" in r["given_name"] + r["family_name"] or "đ" in r["given_name"] for r in viet)
    indo = [r for r in rows if r["country"] == "Indonesia"]
    assert any(r["given_name"] and not r["family_name"] for r in indo)
    assert any(r["family_name"] and not r["given_name"] for r in indo)
    malay = [r for r in rows if re.match(r"(bin|binti) ", r["family_name"])]
    assert {"Dato'", "Datuk", "Tan Sri", "Datin", "Haji", "Dr"} <= {r["honorific"] for r in malay}
    assert any(re.match(r"(a/l|a/p|s/o|d/o) ", r["family_name"]) for r in rows)
    chinese = [r for r in rows if scripts_in(r["given_name"]) == {"CJK"} and r["country"] in ASEAN]
    assert chinese and all(r["name_order"] == "family-first" for r in chinese)
    assert any(r["name_latin"].startswith("Tan ") for r in chinese)
    assert any("ñ" in r["given_name"] + r["family_name"] for r in rows if r["country"] == "Philippines")
    thai = [r for r in rows if "Thai" in scripts_in(r["given_name"])]
    assert sum(bool(r["preferred_name"]) for r in thai) >= 5


def test_roles_consents_and_agreements(rows):
    roles = Counter(r["role"] for r in rows)
    assert 380 <= len(rows) <= 420 and len({r["registration_id"] for r in rows}) == len(rows)
    assert all(re.fullmatch(r"AIF-\d{4}", r["registration_id"]) for r in rows)
    assert set(roles) == {"delegate", "speaker", "organiser", "media", "staff", "youth"}
    assert roles["delegate"] > len(rows) / 2 and 35 <= roles["youth"] <= 45
    not_agreed = sum(not r["safeguarding_agreed_at"] for r in rows)
    assert 0.10 <= not_agreed / len(rows) <= 0.20
    adults = [r for r in rows if r["role"] != "youth"]
    assert 0.05 <= sum(r["photo_consent"] == "no" for r in adults) / len(adults) <= 0.15
    assert all(r["email"].endswith("@example.org") for r in adults)
    assert len({r["email"] for r in adults}) == len(adults)


def test_young_people(rows):
    youth = [r for r in rows if r["role"] == "youth"]
    event_day = date(2025, 11, 18)
    for r in youth:
        if r["date_of_birth"]:
            born = date.fromisoformat(r["date_of_birth"])
            age = event_day.year - born.year - ((event_day.month, event_day.day) < (born.month, born.day))
            assert 13 <= age <= 17, r
        else:
            assert r["is_minor"] == "yes", r
    ready = [r for r in youth if r["guardian_consent"] == "yes" and r["chaperone"]]
    not_ready = [r for r in youth if r not in ready]
    assert len(ready) > 30 and 3 <= len(not_ready) <= 5
    assert any(r["guardian_consent"] != "yes" for r in not_ready) and any(not r["chaperone"] for r in not_ready)
    assert sum(r["photo_consent"] == "no" for r in youth) > len(youth) * 0.7
    adults = {r["name_latin"] or " ".join(filter(None, (r["given_name"], r["family_name"])))
              for r in rows if r["role"] != "youth"}
    assert all(r["chaperone"] in adults for r in youth if r["chaperone"])
    adult_only = {"C1", "C1/2"}
    assert not any(adult_only & set(r["sessions"].split(";")) for r in youth)


def test_generator_is_deterministic(tmp_path):
    out = tmp_path / "attendees.csv"
    subprocess.run([sys.executable, str(GENERATOR), "--out", str(out)], check=True, capture_output=True)
    assert out.read_bytes() == ATTENDEES.read_bytes()


def test_generator_keeps_agendas_within_the_event_files_capacities(tmp_path):
    small = tmp_path / "event.toml"
    small.write_text(EVENT_FILE.read_text(encoding="utf-8").replace("capacity = 30", "capacity = 5"), encoding="utf-8")
    out = tmp_path / "attendees.csv"
    subprocess.run([sys.executable, str(GENERATOR), "--event", str(small), "--out", str(out)], check=True,
                   capture_output=True)
    with out.open(encoding="utf-8") as f:
        taken = Counter(s for r in csv.DictReader(f) for s in r["sessions"].split(";") if s)
    assert taken["C1"] == 5 and taken["C1/2"] == 5


def test_loads_into_a_fresh_database_within_capacity(db):
    from checkin.events.demo import load_demo
    from checkin.store.models import Assignment, Attendee, SafeguardingConfirmation, Session

    result = load_demo(shift_to_today=False, now=LOADED_AT)
    assert result.attendees.created == len(ATTENDEES.read_text(encoding="utf-8").splitlines()) - 1
    assert not result.attendees.errors and result.first_day == date(2025, 11, 18)
    assert result.staff_created == ("desk", "marshal", "organiser")
    full = free = 0
    for s in Session.select():
        capacity = min(s.room.capacity, s.capacity or s.room.capacity)
        taken = Assignment.select().where(Assignment.session == s).count()
        assert taken <= capacity, s.run_code
        if s.registration_required:
            full += taken == capacity
            free += taken < capacity
    assert full and free               # a full run and one with seats: capacity matters at the door
    runs = Counter((a, code) for a, code in Assignment.select(Assignment.attendee, Session.code).join(Session).tuples())
    assert max(runs.values()) == 1     # nobody holds both runs of one session
    with ATTENDEES.open(encoding="utf-8", newline="") as f:
        agreed = sum(bool(r["safeguarding_agreed_at"]) for r in csv.DictReader(f))
    assert SafeguardingConfirmation.select().count() == agreed
    tan = Attendee.get(Attendee.name_latin == "Tan Mei Ling")
    assert (tan.family_name, tan.given_name, tan.name_order) == ("陈", "美玲", "family-first")


def demo_kinds() -> set[str]:
    """The situations demo_examples knows, read from its source so a new one is checked too."""
    import inspect

    from checkin.events import demo

    return set(re.findall(r'kind = "(\w+)"', inspect.getsource(demo.demo_examples)))


def test_cli_demo_loads_and_every_desk_situation_has_an_example(tmp_path):
    db_path = tmp_path / "demo.sqlite3"
    out = run_cli("demo", db_path=db_path)
    assert out.returncode == 0, out.stderr
    answer = json.loads(out.stdout)
    assert answer["event"] == "aif-2025" and 380 <= answer["attendees"]["created"] <= 420
    assert answer["attendees"]["errors"] == []
    assert answer["staff_created"] == ["desk", "marshal", "organiser"]
    assert {s["role"] for s in answer["staff"]} == {"desk", "marshal", "organiser"}
    again = json.loads(run_cli("demo", db_path=db_path).stdout)
    assert again["attendees"]["created"] == 0 and again["staff_created"] == []

    from checkin.store.schema import open_database
    from checkin.events.demo import demo_examples
    from checkin.events.service import get_event

    database = open_database(str(db_path))
    try:
        found = demo_examples(get_event("aif-2025"))
    finally:
        database.close()
    kinds = demo_kinds()
    assert kinds == {"minor_without_consent", "minor_ready", "needs_safeguarding", "adult_no_photos",
                     "speaker_ready", "adult_ready"}
    assert set(found) == kinds


def test_demo_young_people_stay_young_whatever_year_it_is_tried(db):
    from checkin.attendees import is_minor
    from checkin.events.demo import load_demo
    from checkin.events.service import first_day, get_event
    from checkin.store.models import Attendee

    load_demo(now=datetime(2031, 3, 2, 1, 0, tzinfo=timezone.utc))
    event = get_event("aif-2025")
    assert first_day(event) == date(2031, 3, 2)
    youth = list(Attendee.select().where((Attendee.event == event) & (Attendee.role == "youth")))
    assert len(youth) == 40
    assert all(is_minor(a, first_day(event)) for a in youth)


@pytest.mark.parametrize("hour", [0, 3, 9, 13, 17, 21, 23])
def test_the_demo_runs_a_workshop_whatever_the_hour(db, hour):
    """README: sessions run whenever you try it. At any hour a door has a workshop with its doors open."""
    from checkin.door.occupancy import door_runs
    from checkin.events.demo import load_demo
    from checkin.events.service import get_event

    now = datetime(2031, 3, 2, hour, 7, tzinfo=timezone.utc)
    load_demo(now=now)
    running = [r for r in door_runs(get_event("aif-2025"), now) if r.is_open and r.starts <= now < r.ends]
    assert any(r.session_run == "C1" and r.registration_required for r in running)
