"""The command-line contract of DESIGN.md, run as a user runs it: a child process per command."""

import json

import pytest

from conftest import MINI_ATTENDEES, MINI_EVENT, run_cli

OLIVIA = ("Olivia", "314159")

AT = ["--at", "2025-11-18T08:30:00+08:00"]


@pytest.fixture
def cli_db(tmp_path):
    db = tmp_path / "cli.sqlite3"
    out = run_cli("staff", "add", "Olivia", "--role", "organiser", "--pin-stdin", db_path=db, stdin="314159\n")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == {"name": "Olivia", "role": "organiser"}
    out = run_cli("staff", "add", "Dara", "--role", "desk", "--pin-stdin", "--staff", "Olivia", db_path=db,
                  stdin="4826\n", pin="314159")
    assert out.returncode == 0, out.stderr
    assert run_cli("event", "load", str(MINI_EVENT), db_path=db, staff=OLIVIA).returncode == 0
    out = run_cli("attendees", "import", str(MINI_ATTENDEES), db_path=db, staff=OLIVIA)
    assert json.loads(out.stdout) == {"created": 5, "updated": 0, "unchanged": 0, "errors": []}
    return db


def token(db, reg):
    out = run_cli("attendees", "token", reg, db_path=db, staff=OLIVIA)
    assert out.returncode == 0, out.stderr
    answer = json.loads(out.stdout)
    assert answer["registration_id"] == reg
    return answer["token"]


def test_version():
    out = run_cli("--version")
    assert out.returncode == 0 and out.stdout.startswith("checkin 0.")


def test_scan_flow(cli_db):
    t = token(cli_db, "M-002")
    out = run_cli("scan", t, "--station", "Desk 1", "--staff", "Dara", *AT, db_path=cli_db, pin="4826")
    first = json.loads(out.stdout)
    assert out.returncode == 0 and first["outcome"] == "needs_safeguarding"
    assert first["attendee"]["registration_id"] == "M-002" and first["policy"]["version"] == "2025-1"
    out = run_cli("scan", t, "--station", "Desk 1", "--staff", "Dara", "--confirm-safeguarding", *AT,
                  db_path=cli_db, pin="4826")
    second = json.loads(out.stdout)
    assert second["outcome"] == "checked_in" and second["lanyard"] == "no photos"
    assert second["checked_in"]["at"] == "2025-11-18T00:30:00+00:00"
    out = run_cli("scan", t, "--station", "Desk 2", "--staff", "Dara", db_path=cli_db, pin="4826")
    assert json.loads(out.stdout)["outcome"] == "already_checked_in"
    verify = run_cli("audit", "verify", db_path=cli_db)
    assert verify.returncode == 0 and json.loads(verify.stdout)["ok"] is True


def test_wrong_pin_and_missing_right_exit_3(cli_db):
    t = token(cli_db, "M-001")
    wrong = run_cli("scan", t, "--station", "Desk 1", "--staff", "Dara", db_path=cli_db, pin="0000")
    assert wrong.returncode == 3 and wrong.stdout == ""
    assert wrong.stderr.count("\n") == 1 and "wrong PIN" in wrong.stderr
    reprint = run_cli("reprint", "M-001", "--staff", "Dara", "--reason", "lost", db_path=cli_db, pin="4826")
    assert reprint.returncode == 3 and "may not reprint" in reprint.stderr
    nopin = run_cli("scan", t, "--station", "Desk 1", "--staff", "Dara", db_path=cli_db)
    assert nopin.returncode == 3 and "CHECKIN_PIN" in nopin.stderr


def test_forged_token_is_an_answer_not_a_crash(cli_db):
    t = token(cli_db, "M-001")
    forged = t[:-2] + ("AA" if t[-2:] != "AA" else "BB")
    out = run_cli("scan", forged, "--station", "Desk 1", "--staff", "Dara", db_path=cli_db, pin="4826")
    assert out.returncode == 0 and json.loads(out.stdout)["outcome"] == "invalid_token"


def test_reprint_then_old_code_is_revoked(cli_db):
    old = token(cli_db, "M-001")
    out = run_cli("reprint", "M-001", "--staff", "Olivia", "--reason", "lost", "--station", "Desk 2",
                  db_path=cli_db, pin="314159")
    answer = json.loads(out.stdout)
    assert answer["serial"] == 2 and answer["token"] == token(cli_db, "M-001")
    out = run_cli("scan", old, "--station", "Desk 1", "--staff", "Dara", db_path=cli_db, pin="4826")
    assert json.loads(out.stdout)["outcome"] == "revoked"


def test_bad_import_exits_2_and_changes_nothing(cli_db, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("registration_id,given_name,sessions\nX-1,Ana,C9\nX-2,,\n", encoding="utf-8")
    out = run_cli("attendees", "import", str(bad), db_path=cli_db, staff=OLIVIA)
    assert out.returncode == 2
    assert json.loads(out.stdout)["errors"] == [
        {"row": 2, "column": "sessions", "message": "no session run 'C9' in mini-2025 (re-runs are written C1/2)"},
        {"row": 3, "column": "given_name", "message": "no name: give a given name or a family name (one is enough)"},
    ]
    assert out.stderr.count("\n") == 1 and "--skip-invalid" in out.stderr
    assert run_cli("attendees", "token", "X-1", db_path=cli_db, staff=OLIVIA).returncode == 2


@pytest.mark.parametrize("args,message", [
    (["event", "load", "/nonexistent/event.toml"], "no such event file"),
    (["attendees", "token", "NOPE"], "no attendee 'NOPE'"),
    (["scan"], "required"),
    (["--event", "nope", "attendees", "token", "M-001"], "no event 'nope'"),
])
def test_errors_are_one_line_on_stderr(cli_db, args, message):
    out = run_cli(*args, db_path=cli_db, staff=OLIVIA)
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr.count("\n") == 1 and message in out.stderr


def test_db_from_environment(cli_db):
    out = run_cli("attendees", "token", "M-001", env_extra={"CHECKIN_DB": str(cli_db)}, staff=OLIVIA)
    assert out.returncode == 0 and json.loads(out.stdout)["registration_id"] == "M-001"


def test_consent_recorded_at_the_desk_lets_the_young_person_in(cli_db):
    t = token(cli_db, "M-004")   # a young person: guardian consent "no", no chaperone on file
    out = run_cli("scan", t, "--station", "Desk 1", "--staff", "Dara", *AT, db_path=cli_db, pin="4826")
    assert json.loads(out.stdout)["outcome"] == "needs_guardian_consent"
    args = ("consent", "M-004", "--guardian-consent", "yes", "--chaperone", "Daw Khin Mar", "--photo-consent", "no",
            "--reason", "signed form handed in at the desk")
    desk = run_cli(*args, "--staff", "Dara", db_path=cli_db, pin="4826")
    assert desk.returncode == 3 and "may not consent" in desk.stderr and desk.stdout == ""
    wrong = run_cli(*args, "--staff", "Olivia", db_path=cli_db, pin="0000")
    assert wrong.returncode == 3 and "wrong PIN" in wrong.stderr
    noreason = run_cli(*args[:-1], " ", "--staff", "Olivia", db_path=cli_db, pin="314159")
    assert noreason.returncode == 2 and "reason" in noreason.stderr
    out = run_cli(*args, "--staff", "Olivia", *AT, db_path=cli_db, pin="314159")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == {"registration_id": "M-004", "is_minor": True, "guardian_consent": True,
                                      "chaperone": "Daw Khin Mar", "photo_consent": False, "consent_complete": True}
    out = run_cli("scan", t, "--station", "Desk 1", "--staff", "Dara", "--confirm-safeguarding", *AT, db_path=cli_db,
                  pin="4826")
    assert json.loads(out.stdout)["outcome"] == "checked_in"
    audit = run_cli("audit", "list", "--kind", "consent_recorded", db_path=cli_db, staff=OLIVIA)
    entries = audit.stdout
    assert "Olivia" in entries and "signed form handed in at the desk" in entries and "M-004" in entries
