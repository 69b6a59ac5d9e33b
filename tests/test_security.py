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


# -- bounded inputs ---------------------------------------------------------------------------

def _one_line_refusal(out, code=2):
    assert out.returncode == code, (out.returncode, out.stderr[-500:])
    assert out.stdout == "" and out.stderr.count("\n") == 1 and "Traceback" not in out.stderr, out.stderr
    return out.stderr


def _zip_bomb(path):
    """A real workbook whose one shared string inflates to 80 MB (the file stays ~100 KB)."""
    import io
    import zipfile
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["registration_id", "given_name"])
    book.active.append(["B-1", "Bomb"])
    plain = io.BytesIO()
    book.save(plain)
    big = b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' \
          b"<si><t>" + b"A" * (80 * 1024 * 1024) + b"</t></si></sst>"
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            out.writestr(item, src.read(item))
        out.writestr("xl/sharedStrings.xml", big)
    assert path.stat().st_size < 1024 * 1024


def test_an_xlsx_zip_bomb_is_refused_before_it_inflates(tmp_path):
    import subprocess
    import sys
    from conftest import ROOT

    bomb = tmp_path / "bomb.xlsx"
    _zip_bomb(bomb)
    # VmHWM: this process's own peak (ru_maxrss would carry the parent's over exec).
    probe = ("import sys\nfrom checkin.imports.tabular import read_table\nfrom checkin.errors import InputError\n"
             "try:\n    read_table(sys.argv[1])\nexcept InputError as e:\n    print(e)\n"
             "print(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')))\n")
    done = subprocess.run([sys.executable, "-c", probe, str(bomb)], capture_output=True, text=True,
                          env={**__import__("os").environ, "PYTHONPATH": str(ROOT)}, timeout=120)
    message, peak_kb = done.stdout.splitlines()
    assert "unpacks to more than" in message and "xl/sharedStrings.xml" in message
    assert int(peak_kb) < 200 * 1024          # the 2.9 GB of the attack never happens


def test_a_bomb_through_the_command_changes_nothing(loaded, desk_staff, db_path, tmp_path):
    bomb = tmp_path / "bomb.xlsx"
    _zip_bomb(bomb)
    before = _people(db_path)
    assert "unpacks" in _one_line_refusal(run_cli("attendees", "import", str(bomb), db_path=db_path, staff=ORG))
    assert _people(db_path) == before


def test_too_many_columns_and_too_long_cells_are_refused(tmp_path):
    from checkin.errors import InputError
    from checkin.imports.tabular import read_table

    wide = tmp_path / "wide.csv"
    wide.write_text(",".join(f"c{i}" for i in range(10_000)) + "\n" + ",".join("x" for _ in range(10_000)) + "\n",
                    encoding="utf-8")
    with pytest.raises(InputError, match="more than 500 columns"):
        read_table(wide)
    long = tmp_path / "long.csv"
    long.write_text("registration_id,given_name\nL-1," + "A" * 5000 + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="row 2, column 'given_name'.*2,000 characters"):
        read_table(long)


def test_control_characters_are_taken_out_of_names_and_the_export_works(loaded, desk_staff, db_path, tmp_path):
    from checkin.imports.importer import import_attendees
    from checkin.store.models import Attendee

    bad = tmp_path / "ctl.csv"
    bad.write_text("registration_id,given_name,family_name\nC-1,Ann\x07a\x08,Lee\x1b[31m\n", encoding="utf-8")
    assert import_attendees(bad, event=loaded, by=desk_staff["organiser"]).created == 1
    person = Attendee.get(Attendee.registration_id == "C-1")
    assert (person.given_name, person.family_name) == ("Anna", "Lee[31m")
    out = run_cli("export", "checkins", "-o", str(tmp_path / "c.xlsx"), db_path=db_path, staff=ORG)
    assert out.returncode == 0, out.stderr


@pytest.mark.parametrize("change,message", [
    (("capacity = 40", "capacity = 100000000000000000000000"), "capacity"),
    (("capacity = 40", "capacity = 1e23"), "capacity"),
    (("capacity = 40", "capacity = 9223372036854775807"), "at most 100,000"),
    (("doors_open_minutes = 30", "doors_open_minutes = 9223372036854775807"), "doors_open_minutes"),
    (('policy_file = "mini-policy.md"', 'policy_file = "/etc/hostname"'), "outside the event file's folder"),
    (('policy_file = "mini-policy.md"', 'policy_file = "../../../../../etc/hostname"'), "outside"),
    (('policy_file = "mini-policy.md"', 'policy_file = "latin1-policy.md"'), "not UTF-8"),
])
def test_bad_event_files_are_one_line_refusals(loaded, desk_staff, db_path, tmp_path, change, message):
    folder = tmp_path / "ev"
    folder.mkdir()
    (folder / "mini-policy.md").write_text("Policy", encoding="utf-8")
    (folder / "latin1-policy.md").write_bytes("Politique de protection \xe9t\xe9".encode("latin-1"))
    text = MINI_EVENT.read_text(encoding="utf-8")
    assert change[0] in text
    (folder / "event.toml").write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    out = run_cli("event", "load", str(folder / "event.toml"), db_path=db_path, staff=ORG)
    assert message in _one_line_refusal(out)


def test_a_deeply_nested_event_file_is_a_one_line_refusal(loaded, desk_staff, db_path, tmp_path):
    deep = tmp_path / "deep.toml"
    deep.write_text("a = " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    assert "nested too deeply" in _one_line_refusal(run_cli("event", "load", str(deep), db_path=db_path, staff=ORG))


@pytest.mark.parametrize("args", [
    ["door", "C1/999999999999999999999", "TOKEN", "--direction", "in", "--station", "Door C"],
    ["door", "C1/-1", "TOKEN", "--direction", "in", "--station", "Door C"],
    ["door-annul", "99999999999999999999999", "--reason", "x"],
    ["search", "ana", "--limit", "99999999999999999999"],
    ["badges", "-o", "{tmp}/x.pdf", "--desk-split", "99999999999999999999"],
    ["audit", "list", "--limit", "1e9"],
])
def test_huge_numbers_on_the_command_line_are_clean_refusals(loaded, desk_staff, db_path, tmp_path, args):
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    _one_line_refusal(run_cli(*args, db_path=db_path, staff=ORG))


def _limited(limit_bytes):
    import resource

    def apply():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))
    return apply


def test_a_full_disk_says_disk_full_and_changes_nothing(loaded, desk_staff, db_path, tmp_path):
    import csv
    import os
    import subprocess
    import sys
    from conftest import ROOT

    people = tmp_path / "many.csv"
    with people.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["registration_id", "given_name", "family_name", "organisation"])
        for i in range(3000):
            w.writerow([f"F-{i:05}", "Person", f"Number {i}", "A ministry with a long name " * 3])
    before = _people(db_path)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CHECKIN_PIN": ORG[1]}
    size = db_path.stat().st_size
    done = subprocess.run([sys.executable, "-m", "ui", "attendees", "import", str(people), "--staff", ORG[0],
                           "--db", str(db_path)], capture_output=True, text=True, env=env, timeout=300,
                          preexec_fn=_limited(size + 64 * 1024))
    assert done.returncode == 2 and done.stderr.startswith("checkin: disk full"), done.stderr
    assert done.stderr.count("\n") == 1
    assert _people(db_path) == before
    export = tmp_path / "out.csv"
    done = subprocess.run([sys.executable, "-m", "ui", "export", "checkins", "-o", str(export), "--staff", ORG[0],
                           "--db", str(db_path)], capture_output=True, text=True, env=env, timeout=300,
                          preexec_fn=_limited(64))
    assert done.returncode == 2 and "disk full" in done.stderr, done.stderr
    assert not export.exists() and not list(tmp_path.glob("*.part")) and not list(tmp_path.glob(".out.csv*"))


def test_an_export_never_follows_a_planted_symlink_and_is_private(loaded, desk_staff, db_path, tmp_path):
    import stat

    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    target = tmp_path / "attendance.csv"
    (tmp_path / "attendance.csv.part").symlink_to(victim)
    out = run_cli("export", "checkins", "-o", str(target), db_path=db_path, staff=ORG)
    assert out.returncode == 0, out.stderr
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")


# -- a purge that reaches every copy ------------------------------------------------------------

def _names(db_path):
    from checkin.store.schema import open_database
    from checkin.store.models import Attendee

    db = open_database(str(db_path))
    try:
        return [n for a in Attendee.select() for n in (a.given_name, a.family_name, a.email) if n and len(n) > 3]
    finally:
        db.close()


def test_a_purge_waits_for_no_reader_and_leaves_no_name_in_the_file_or_wal(loaded, desk_staff, db, db_path):
    from conftest import cipher_connect, decrypted_bytes
    from checkin.organiser.purge import purge
    from checkin.store.models import Attendee

    names = _names(db_path)
    assert names and all(n.encode() in decrypted_bytes(db_path) for n in names[:3])
    reader = cipher_connect(db_path)
    reader.execute("PRAGMA busy_timeout = 100")
    reader.execute("BEGIN")
    reader.execute("SELECT given_name FROM attendee").fetchall()     # a window in the middle of a read
    db.execute_sql("PRAGMA busy_timeout = 200")                        # the test need not wait 15 s
    with pytest.raises(Exception, match="another window or command is reading"):
        purge(loaded, confirmation="mini-2025", by=desk_staff["organiser"])
    assert Attendee.select().count() == 5                              # nothing removed
    reader.execute("COMMIT")
    reader.close()
    result = purge(loaded, confirmation="mini-2025", by=desk_staff["organiser"])
    assert result.vacuumed is True
    data = db_path.read_bytes() + decrypted_bytes(db_path)
    assert [n for n in names if n.encode() in data] == []
    pragma = db.execute_sql("PRAGMA secure_delete").fetchone()[0]
    assert pragma == 1


def test_a_station_that_syncs_after_a_purge_wipes_its_copy_and_queue(loaded, desk_staff, db, db_path, tmp_path):
    from conftest import cipher_connect
    from checkin.attendees import find, token_for
    from checkin.organiser.purge import purge
    from checkin.stations.connection import StationDatabase
    from checkin.stations.station import Station, StationSettings
    from checkin.store.models import Conflict
    from checkin.store.schema import open_database

    token = token_for(find(loaded, "M-001"))
    db.close()
    replica_path = tmp_path / "replica.sqlite3"
    connection = StationDatabase(str(db_path), replica_path, station="Desk 9", clock=lambda: EVENT_MORNING_,
                                 retry_seconds=0)
    connection.open()
    desk = Station(StationSettings(station_name="Desk 9", event_code="mini-2025"), desk_staff["desk"],
                   clock=lambda: EVENT_MORNING_, connection=connection)
    connection.go_offline()
    assert desk.scan(token).outcome == "checked_in"                  # queued on the copy
    connection.close()

    open_database(str(db_path))
    answer = purge(loaded, confirmation="mini-2025", by=desk_staff["organiser"]).as_json()
    assert answer["stations_not_synced"] == ["Desk 9"] and "Desk 9" in answer["copies"]

    again = StationDatabase(str(db_path), replica_path, station="Desk 9", clock=lambda: EVENT_MORNING_,
                            retry_seconds=0)
    status = again.open()
    again.close()
    assert status.queued == 0 and Conflict.select().count() == 0     # the queue was wiped, not replayed
    con = cipher_connect(replica_path)
    assert con.execute("SELECT count(*) FROM attendee").fetchone()[0] == 0
    from checkin.store.models import OutboxAction

    assert con.execute(f"SELECT count(*) FROM {OutboxAction._meta.table_name}").fetchone()[0] == 0
    con.close()


from conftest import EVENT_MORNING as EVENT_MORNING_  # noqa: E402


# -- anchors outside the database ---------------------------------------------------------------

def test_a_truncated_or_rechained_log_fails_against_the_stations_anchors(loaded, desk_staff, db, tmp_path,
                                                                        monkeypatch):
    import stat
    from checkin.store import audit
    from checkin.store.anchors import anchors_dir, write_anchor
    from checkin.store.models import AuditEntry, AuditHead
    from checkin.store.schema import GENESIS_HASH

    monkeypatch.setenv("CHECKIN_ANCHORS", str(tmp_path / "anchors"))
    for i in range(3):
        audit.record("note", station="Desk 1", subject=f"n{i}")
    assert write_anchor("Desk 1")["seq"] == AuditHead.get_by_id(1).seq
    for path in anchors_dir().iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    report = audit.verify()
    assert report.ok and report.anchors == 1

    # Rewound: the last two rows deleted and the head moved back, a chain that holds together.
    last = AuditHead.get_by_id(1).seq
    rows = list(AuditEntry.select().where(AuditEntry.seq > last - 2).order_by(AuditEntry.seq).dicts())
    AuditEntry.delete().where(AuditEntry.seq > last - 2).execute()
    tip = AuditEntry.get(AuditEntry.seq == last - 2)
    AuditHead.update(seq=last - 2, hash=tip.hash).execute()
    report = audit.verify()
    assert not report.ok and "entries were removed" in report.problem and report.first_bad == last
    for row in rows:
        AuditEntry.insert(row).execute()
    AuditHead.update(seq=last, hash=rows[-1]["hash"]).execute()
    assert audit.verify().ok

    # Re-chained: one entry edited and every hash after it computed afresh.
    first = AuditEntry.select().order_by(AuditEntry.seq).first()
    AuditEntry.update(subject="someone else").where(AuditEntry.id == first.id).execute()
    prev = GENESIS_HASH
    for row in AuditEntry.select().order_by(AuditEntry.seq):
        h = audit.digest(prev, row.seq, row.at, row.event_code, row.station, row.staff, row.kind, row.subject,
                         row.detail)
        AuditEntry.update(prev_hash=prev, hash=h).where(AuditEntry.id == row.id).execute()
        prev = h
    AuditHead.update(hash=prev).execute()
    report = audit.verify()
    assert not report.ok and "rewritten" in report.problem

    # An anchor file edited by hand (without the station's key) is itself caught.
    anchor_file = next(anchors_dir().glob("*.jsonl"))
    anchor_file.write_text(anchor_file.read_text().replace('"seq": ', '"seq": 1', 1), encoding="utf-8")
    assert "altered" in audit.verify().problem


def test_the_command_line_anchors_and_audit_verify_reports_them(loaded, desk_staff, db_path, tmp_path):
    anchors = tmp_path / "anchors"
    env = {"CHECKIN_ANCHORS": str(anchors)}
    out = run_cli("search", "ana", db_path=db_path, staff=DESK, env_extra=env)
    assert out.returncode == 0, out.stderr
    assert list(anchors.glob("*.jsonl"))
    verify = json.loads(run_cli("audit", "verify", db_path=db_path, env_extra=env).stdout)
    assert verify["ok"] is True and verify["anchors"] >= 1


# -- encrypted at rest --------------------------------------------------------------------------

def test_the_database_is_encrypted_private_and_a_wrong_passphrase_is_one_line(tmp_path):
    import stat

    db = tmp_path / "data" / "station.sqlite3"
    key = {"CHECKIN_DB_KEY": "correct horse battery staple"}
    out = run_cli("staff", "add", "Olivia", "--role", "organiser", "--pin-stdin", db_path=db, stdin="314159\n",
                  env_extra=key)
    assert out.returncode == 0, out.stderr
    data = db.read_bytes()
    assert not data.startswith(b"SQLite format 3") and b"Olivia" not in data
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    out = run_cli("staff", "list", db_path=db, staff=("Olivia", "314159"), env_extra=key)
    assert out.returncode == 0 and json.loads(out.stdout)["staff"][0]["name"] == "Olivia"
    wrong = run_cli("staff", "list", db_path=db, staff=("Olivia", "314159"),
                    env_extra={"CHECKIN_DB_KEY": "wrong horse"})
    assert "wrong passphrase" in _one_line_refusal(wrong, code=3)
    none = run_cli("staff", "list", db_path=db, staff=("Olivia", "314159"), env_extra={"CHECKIN_DB_KEY": ""})
    assert "CHECKIN_DB_KEY" in _one_line_refusal(none, code=3)


def test_the_demo_opens_with_its_published_passphrase(tmp_path):
    from checkin.store.db import DEMO_DB_KEY

    db = tmp_path / "demo.sqlite3"
    out = run_cli("demo", db_path=db, env_extra={"CHECKIN_DB_KEY": ""})
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["recovery_code"]
    out = run_cli("staff", "list", db_path=db, staff=("organiser", "314159"), env_extra={"CHECKIN_DB_KEY": DEMO_DB_KEY})
    assert out.returncode == 0, out.stderr


from postgres import pg_url  # noqa: E402,F401 (fixture)


def test_a_purge_on_postgresql_rewrites_the_tables_and_forgets_their_statistics(pg_url):  # noqa: F811
    from checkin.events.file import read_event_file
    from checkin.events.service import get_event, save_event
    from checkin.imports.importer import import_attendees
    from checkin.organiser.purge import purge
    from checkin.staff import add_staff, authenticate
    from checkin.store.schema import open_database

    db = open_database(pg_url)
    try:
        save_event(read_event_file(MINI_EVENT))
        event = get_event("mini-2025")
        import_attendees(MINI_ATTENDEES, event=event)
        db.execute_sql('ANALYZE "attendee"')
        stats = "SELECT count(*) FROM pg_statistic WHERE starelid = 'attendee'::regclass"
        assert db.execute_sql(stats).fetchone()[0] > 0           # sample names sit in pg_statistic
        add_staff("Olivia", "organiser", "314159", by=None)
        answer = purge(event, confirmation="mini-2025", by=authenticate("Olivia", "314159")).as_json()
        assert answer["vacuumed"] is True and "write-ahead log" in answer["copies"]
        assert db.execute_sql(stats).fetchone()[0] == 0
    finally:
        db.close()
