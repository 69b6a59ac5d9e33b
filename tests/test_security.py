"""The doors an attacker with a desk account tried (issue 16), each shut and held by a test.

Every command runs as a user runs it: a child process of the real `checkin` command.
"""

import json
from datetime import timedelta

import pytest

from conftest import DESK_PIN, MINI_ATTENDEES, MINI_EVENT, ORGANISER_PIN, run_cli

ORG = ("Olivia Organiser", ORGANISER_PIN)
DESK = ("Dara Desk", DESK_PIN)


def _audit_rows(db_path):
    from checkin.store.schema import open_database
    from checkin.store.models import AuditEntry

    db = open_database(str(db_path))
    try:
        return [(r.kind, r.staff, r.subject, json.loads(r.detail), r.at) for r in AuditEntry.select().order_by(AuditEntry.seq)]
    finally:
        db.close()


def _people(db_path):
    from checkin.store.schema import open_database
    from checkin.store.models import Attendee

    db = open_database(str(db_path))
    try:
        return {a.registration_id: (a.guardian_consent, a.chaperone) for a in Attendee.select()}
    finally:
        db.close()


BULK = [
    ["attendees", "token", "M-001"],
    ["search", "ana"],
    ["audit", "list"],
    ["staff", "list"],
    ["dashboard"],
    ["conflicts"],
    ["occupancy", "C1"],
    ["export", "attendance", "-o", "{tmp}/a.csv"],
    ["badges", "-o", "{tmp}/all.pdf"],
    ["badge", "M-001", "-o", "{tmp}/one.pdf"],
    ["invitations", "-o", "{tmp}/inv.pdf"],
    ["purge", "--confirm", "mini-2025"],
    ["event", "load", str(MINI_EVENT)],
    ["attendees", "import", str(MINI_ATTENDEES)],
    ["attendees", "import", str(MINI_ATTENDEES), "--dry-run"],
    ["scan", "TOKEN", "--station", "Desk 1"],
    ["door", "C1", "TOKEN", "--direction", "in", "--station", "Door C"],
]


def test_every_command_that_writes_or_reads_people_in_bulk_needs_a_sign_in(loaded, desk_staff, db_path, tmp_path):
    for args in BULK:
        args = [a.replace("{tmp}", str(tmp_path)) for a in args]
        out = run_cli(*args, db_path=db_path)
        assert out.returncode == 3, (args, out.stderr)
        assert out.stdout == "" and out.stderr.count("\n") == 1 and "--staff" in out.stderr, args
    assert not list(tmp_path.glob("*.pdf")) and not list(tmp_path.glob("*.csv"))


@pytest.mark.parametrize("args", [
    ["attendees", "token", "M-001"], ["audit", "list"], ["staff", "list"], ["dashboard"],
    ["export", "attendance", "-o", "{tmp}/a.csv"], ["badges", "-o", "{tmp}/all.pdf"],
    ["invitations", "-o", "{tmp}/inv.pdf"], ["purge", "--confirm", "mini-2025"],
    ["event", "load", str(MINI_EVENT)],
])
def test_a_desk_account_may_not(loaded, desk_staff, db_path, tmp_path, args):
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    out = run_cli(*args, db_path=db_path, staff=DESK)
    assert out.returncode == 3 and "may not" in out.stderr, out.stderr
    assert not list(tmp_path.glob("*.pdf")) and not list(tmp_path.glob("*.csv"))


def test_a_desk_account_cannot_import_a_consent(loaded, desk_staff, db_path, tmp_path):
    forged = tmp_path / "one.csv"
    forged.write_text("registration_id,given_name,family_name,date_of_birth,guardian_consent,chaperone\n"
                      "M-004,Kid,Young,2012-01-01,yes,A Stranger\n", encoding="utf-8")
    before = _people(db_path)
    for staff in (None, DESK):
        out = run_cli("attendees", "import", str(forged), db_path=db_path, staff=staff)
        assert out.returncode == 3, out.stderr
    assert _people(db_path) == before


def test_a_desk_account_cannot_resize_a_room(loaded, desk_staff, db_path, tmp_path):
    bigger = tmp_path / "event.toml"
    bigger.write_text(MINI_EVENT.read_text(encoding="utf-8").replace("capacity = ", "capacity = 5000 + 0 * "),
                      encoding="utf-8")
    out = run_cli("event", "load", str(bigger), db_path=db_path, staff=DESK)
    assert out.returncode == 3


def test_bulk_reads_are_audited_with_who_what_and_how_many(loaded, desk_staff, db_path, tmp_path):
    out = run_cli("badges", "-o", str(tmp_path / "all.pdf"), db_path=db_path, staff=ORG)
    assert out.returncode == 0, out.stderr
    out = run_cli("search", "a", "--limit", "3", db_path=db_path, staff=DESK)
    assert out.returncode == 0, out.stderr
    reads = [r for r in _audit_rows(db_path) if r[0] == "personal_data_read"]
    assert [(r[1], r[2], r[3]["people"]) for r in reads] == [
        ("Olivia Organiser", "every badge", 5), ("Dara Desk", "search", len(json.loads(out.stdout)["results"]))]


def test_only_the_first_organiser_of_an_empty_database_needs_no_sign_in(tmp_path):
    db = tmp_path / "new.sqlite3"
    out = run_cli("staff", "add", "Dara", "--role", "desk", "--pin-stdin", db_path=db, stdin="4826\n")
    assert out.returncode == 3 and "organiser" in out.stderr
    out = run_cli("staff", "add", "Olivia", "--role", "organiser", "--pin-stdin", db_path=db, stdin="314159\n")
    assert out.returncode == 0, out.stderr
    out = run_cli("staff", "add", "Mallory", "--role", "organiser", "--pin-stdin", db_path=db, stdin="271828\n")
    assert out.returncode == 3
    out = run_cli("event", "load", str(MINI_EVENT), db_path=db, staff=("Olivia", "314159"))
    answer = json.loads(out.stdout)
    assert out.returncode == 0 and len(answer["recovery_code"]) >= 24


def test_the_demo_never_loads_into_a_real_database(loaded, desk_staff, db_path):
    out = run_cli("demo", db_path=db_path)
    assert out.returncode == 3 and "new" in out.stderr
    staff = {r[2] for r in _audit_rows(db_path) if r[0] == "staff_added"}
    assert "organiser" not in staff


def test_at_cannot_space_guesses_apart_nor_lock_for_ever(loaded, desk_staff, db_path):
    from checkin.timeutil import utcnow

    started = utcnow()
    for day in range(6):
        out = run_cli("search", "ana", "--at", f"2025-11-{18 + day}T08:30:00+08:00", db_path=db_path,
                      staff=("Olivia Organiser", f"00000{day}"))
        assert out.returncode == 3
    assert "locked" in out.stderr
    out = run_cli("search", "ana", "--at", "9999-12-31T00:00:00+00:00", db_path=db_path, staff=ORG)
    assert out.returncode == 3 and "locked" in out.stderr and "min" in out.stderr or " s" in out.stderr
    rows = _audit_rows(db_path)
    # Every entry is dated by the real clock; the told time is kept beside it.
    assert all(started - timedelta(minutes=1) <= r[4] <= utcnow() + timedelta(minutes=1) for r in rows)
    assert any(r[3].get("decided_at", "").startswith("9999") for r in rows)
    from checkin.store.schema import open_database
    from checkin.store.models import Staff

    db = open_database(str(db_path))
    lock = Staff.get(Staff.name == "Olivia Organiser").locked_until
    db.close()
    assert lock - utcnow() <= timedelta(minutes=1)
