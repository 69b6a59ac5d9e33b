"""The same rules on a shared PostgreSQL server as on the laptop's SQLite file."""

from __future__ import annotations

import json
import multiprocessing as mp

from conftest import EVENT_MORNING, MINI_ATTENDEES, MINI_EVENT, run_cli
from postgres import pg_url  # noqa: F401 (fixture)

AT = ["--at", "2025-11-18T08:30:00+08:00"]
OLIVIA = ("Olivia", "314159")


def _cli_json(*args, url, pin=None, stdin=None, staff=None):
    out = run_cli(*args, db_path=url, pin=pin, stdin=stdin, staff=staff)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_command_line_contract_on_postgres(pg_url):  # noqa: F811
    _cli_json("staff", "add", "Olivia", "--role", "organiser", "--pin-stdin", url=pg_url, stdin="314159\n")
    _cli_json("event", "load", str(MINI_EVENT), url=pg_url, staff=OLIVIA)
    assert _cli_json("attendees", "import", str(MINI_ATTENDEES), url=pg_url, staff=OLIVIA)["created"] == 5
    # The same file again changes nothing: re-import is by registration id on this server too.
    assert _cli_json("attendees", "import", str(MINI_ATTENDEES), url=pg_url, staff=OLIVIA)["unchanged"] == 5
    token = _cli_json("attendees", "token", "M-001", url=pg_url, staff=OLIVIA)["token"]
    scan = ["scan", token, "--station", "Desk 1", "--staff", "Olivia", *AT]
    assert _cli_json(*scan, url=pg_url, pin="314159")["outcome"] == "checked_in"
    again = _cli_json(*scan, url=pg_url, pin="314159")
    assert again["outcome"] == "already_checked_in"
    assert again["checked_in"]["station"] == "Desk 1"
    new = _cli_json("reprint", "M-001", "--staff", "Olivia", "--reason", "lost", url=pg_url, pin="314159")
    assert new["serial"] == 2
    assert _cli_json(*scan, url=pg_url, pin="314159")["outcome"] == "revoked"
    report = _cli_json("audit", "verify", url=pg_url)
    assert report["ok"] is True and report["first_bad"] is None and report["entries"] >= 5
    wrong = run_cli("scan", token, "--station", "Desk 1", "--staff", "Olivia", db_path=pg_url, pin="0000")
    assert wrong.returncode == 3 and len(wrong.stderr.strip().splitlines()) == 1


def _desk_process(url: str, tokens: list[str], barrier, results) -> None:
    from checkin.store.schema import open_database
    from checkin.desk.service import scan
    from checkin.events.service import get_event
    from checkin.staff import authenticate

    open_database(url)
    event = get_event("mini-2025")
    staff = authenticate("Olivia", "314159")
    for token in tokens:
        barrier.wait()  # both desks scan the same badge at the same instant
        results.put((token, scan(token, event=event, station=mp.current_process().name, staff=staff,
                                 confirm_safeguarding=True, now=EVENT_MORNING).outcome))


def test_two_desks_scanning_one_person_at_once_check_in_once(pg_url):  # noqa: F811
    from checkin.attendees import find, token_for
    from checkin.store.audit import verify
    from checkin.store.schema import open_database
    from checkin.events.file import read_event_file
    from checkin.events.service import get_event, save_event
    from checkin.imports.importer import import_attendees
    from checkin.store.models import CheckIn
    from checkin.staff import add_staff

    db = open_database(pg_url)
    save_event(read_event_file(MINI_EVENT), now=EVENT_MORNING)
    event = get_event("mini-2025")
    import_attendees(MINI_ATTENDEES, event=event, now=EVENT_MORNING)
    add_staff("Olivia", "organiser", "314159", by=None)
    adults = ["M-001", "M-002", "M-003", "M-005"]
    tokens = [token_for(find(event, reg)) for reg in adults]
    db.close()

    ctx = mp.get_context("spawn")
    barrier, results = ctx.Barrier(2), ctx.Queue()
    desks = [ctx.Process(target=_desk_process, args=(pg_url, tokens, barrier, results), name=f"Desk {i}")
             for i in (1, 2)]
    for p in desks:
        p.start()
    outcomes = [results.get(timeout=60) for _ in range(2 * len(tokens))]
    for p in desks:
        p.join(timeout=60)
        assert p.exitcode == 0
    for token in tokens:
        mine = sorted(o for t, o in outcomes if t == token)
        assert mine == ["already_checked_in", "checked_in"], mine
    open_database(pg_url)
    assert CheckIn.select().where(CheckIn.annulled_at.is_null()).count() == len(adults)
    assert verify().ok


def test_door_and_occupancy_commands_on_postgres(pg_url):  # noqa: F811
    _cli_json("staff", "add", "Olivia", "--role", "organiser", "--pin-stdin", url=pg_url, stdin="314159\n")
    _cli_json("event", "load", str(MINI_EVENT), url=pg_url, staff=OLIVIA)
    _cli_json("attendees", "import", str(MINI_ATTENDEES), url=pg_url, staff=OLIVIA)
    afternoon = ["--at", "2025-11-18T14:05:00+08:00"]
    token = _cli_json("attendees", "token", "M-001", url=pg_url, staff=OLIVIA)["token"]
    door = ["door", "C1", token, "--station", "Door C", "--staff", "Olivia", *afternoon]
    assert _cli_json(*door, "--direction", "in", url=pg_url, pin="314159")["outcome"] == "not_checked_in"
    _cli_json("scan", token, "--station", "Desk 1", "--staff", "Olivia", *AT, url=pg_url, pin="314159")
    entered = _cli_json(*door, "--direction", "in", url=pg_url, pin="314159")
    assert (entered["outcome"], entered["occupancy"], entered["capacity"]) == ("admitted", 1, 3)
    assert _cli_json(*door, "--direction", "in", url=pg_url, pin="314159")["outcome"] == "already_inside"
    snap = _cli_json("occupancy", "C1", *afternoon, url=pg_url, staff=OLIVIA)
    assert (snap["occupancy"], snap["capacity"], snap["inside"]) == (1, 3, ["M-001"])
    assert _cli_json(*door, "--direction", "out", url=pg_url, pin="314159")["outcome"] == "exited"
    assert _cli_json("occupancy", "C1", *afternoon, url=pg_url, staff=OLIVIA)["inside"] == []
    # Re-importing after check-in and a door scan keeps both on this server too.
    assert _cli_json("attendees", "import", str(MINI_ATTENDEES), url=pg_url, staff=OLIVIA)["unchanged"] == 5
    again = _cli_json("scan", token, "--station", "Desk 2", "--staff", "Olivia", *AT, url=pg_url, pin="314159")
    assert again["outcome"] == "already_checked_in"
    assert _cli_json("audit", "verify", url=pg_url)["ok"] is True


def test_schema_on_a_fresh_postgres_database_and_reopening(pg_url):  # noqa: F811
    from checkin.store.schema import open_database
    from checkin.store.models import ALL_MODELS, Meta
    from checkin.store.schema import SCHEMA_VERSION, current_version, ensure_schema

    db = open_database(pg_url)
    assert current_version(db) == SCHEMA_VERSION
    assert all(db.table_exists(m._meta.table_name) for m in ALL_MODELS)
    indexes = {row[0] for row in db.execute_sql("SELECT indexname FROM pg_indexes")}
    assert {"checkin_one_standing", "presence_one_standing"} <= indexes
    db.close()
    # Opening again (another station starting) creates nothing and moves no version.
    db = open_database(pg_url)
    assert ensure_schema(db) == SCHEMA_VERSION
    assert Meta.select().where(Meta.key == "schema_version").count() == 1
    db.close()


def _open_at_once(url, barrier, results):
    from checkin.store.schema import open_database
    from checkin.store.schema import current_version

    barrier.wait()
    db = open_database(url)
    results.put(current_version(db))
    db.close()


def test_stations_starting_together_on_an_empty_server_create_the_schema_once(pg_url):  # noqa: F811
    ctx = mp.get_context("spawn")
    barrier, results = ctx.Barrier(4), ctx.Queue()
    procs = [ctx.Process(target=_open_at_once, args=(pg_url, barrier, results)) for _ in range(4)]
    for p in procs:
        p.start()
    versions = [results.get(timeout=60) for _ in procs]
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0
    from checkin.store.schema import SCHEMA_VERSION

    assert versions == [SCHEMA_VERSION] * 4


def test_eight_doors_on_one_room_admit_exactly_the_capacity_on_postgres(pg_url, tmp_path):  # noqa: F811
    from door_race import build_race_db, race

    from checkin.store.schema import open_database
    from checkin.store.models import DoorScan, Presence, Session, SessionOccupancy

    url, tokens = build_race_db(tmp_path, attendees=160, capacity=30, db_url=pg_url)
    plans = [[("S1", t, "in") for t in tokens[n::8]] for n in range(8)]
    outcomes, _ = race(url, plans)
    assert outcomes == {"admitted": 30, "full": 130}
    open_database(url)
    session = Session.get(Session.code == "S1")
    assert SessionOccupancy.get(SessionOccupancy.session == session).occupied == 30
    assert Presence.select().where((Presence.session == session) & Presence.left_at.is_null()).count() == 30
    assert DoorScan.select().where((DoorScan.session == session) & (DoorScan.outcome == "admitted")).count() == 30
    # The admissions written in one statement each (the hash made on the server) chain like the rest.
    from checkin.store.audit import verify
    from checkin.store.models import AuditEntry
    report = verify()
    assert report.ok and report.entries == AuditEntry.select().count()
    assert AuditEntry.select().where(AuditEntry.detail.contains('"outcome":"admitted"')).count() == 30


def test_eight_doors_opening_an_empty_room_together_admit_everyone_on_postgres(pg_url, tmp_path):  # noqa: F811
    """The seat counter is made by the first admission: the doors that lose that race must wait
    for it, not answer "full" to an empty room."""
    from door_race import build_race_db, race

    url, tokens = build_race_db(tmp_path, attendees=64, capacity=200, db_url=pg_url)
    outcomes, _ = race(url, [[("S1", t, "in") for t in tokens[n::8]] for n in range(8)])
    assert outcomes == {"admitted": 64}
    from checkin.store.audit import verify
    from checkin.store.schema import open_database
    open_database(url)
    assert verify().ok
