"""A station's offline copy refreshes only what changed on the server, and still ends up equal to it.

Each check compares every copied table of the replica with the server's, row by row, after the
refresh: a change the change log missed (an update, a delete, a cascade, a commit that finished
after a later one) would show as a difference. Runs on an SQLite server file and on PostgreSQL.
"""

from __future__ import annotations

import csv
from datetime import datetime, timedelta, timezone

import pytest

from conftest import EVENT_MORNING, MINI_ATTENDEES, MINI_EVENT, run_cli
from postgres import pg_url  # noqa: F401 (fixture)

AFTERNOON = datetime(2025, 11, 18, 6, 15, tzinfo=timezone.utc)   # 14:15 in Kuala Lumpur: C1 running


@pytest.fixture(params=["sqlite", "postgresql"])
def server_url(request, tmp_path):
    if request.param == "sqlite":
        return str(tmp_path / "server.sqlite3")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def station(server_url, tmp_path):
    """The server loaded with the mini event, and a station's connection with its first copy made."""
    from checkin.events.file import read_event_file
    from checkin.events.service import save_event
    from checkin.imports.importer import import_attendees
    from checkin.stations.connection import StationDatabase
    from checkin.staff import add_staff
    from checkin.store.db import database
    from checkin.store.schema import open_database

    db = open_database(server_url)
    save_event(read_event_file(MINI_EVENT), now=EVENT_MORNING)
    event = _event()
    import_attendees(MINI_ATTENDEES, event=event, now=EVENT_MORNING)
    add_staff("Olivia", "organiser", "314159", by=None)
    db.close()
    conn = StationDatabase(server_url, tmp_path / "replica.sqlite3", station="Door 1", clock=lambda: AFTERNOON,
                           retry_seconds=0)
    status = conn.open()
    assert not status.offline and status.synced_at is not None
    yield conn
    conn.close()
    if database.obj is not None and not database.obj.is_closed():
        database.obj.close()


def _event():
    from checkin.events.service import get_event

    return get_event("mini-2025")


def _refresh(conn):
    from checkin.stations import replica

    return replica.sync_down(conn.server, conn.replica, station="Door 1", now=AFTERNOON)


def _table(db, table: str) -> set[tuple]:
    from checkin.stations.replica import _COLUMNS, _sqlite_value

    columns = _COLUMNS[table]
    rows = set()
    for row in db.execute_sql(f'SELECT {", ".join(columns)} FROM "{table}"').fetchall():
        values = dict(zip(columns, (_sqlite_value(v) for v in row)))
        if table == "event":
            values["private_key"] = b""
        if table == "presence":
            values["entry_scan_id"] = values["exit_scan_id"] = None
        rows.add(tuple(str(values[c]) for c in columns))
    return rows


def assert_same(conn) -> None:
    """Every copied table holds exactly the server's rows, and every person a code for their badge."""
    from checkin.stations.replica import _TABLES

    for table in _TABLES:
        server, copy = _table(conn.server, table), _table(conn.replica, table)
        assert server == copy, f"{table}: only on the server {server - copy}, only in the copy {copy - server}"
    people = set(conn.replica.execute_sql("SELECT id, badge_serial FROM attendee").fetchall())
    tokens = set(conn.replica.execute_sql("SELECT attendee, serial FROM issued_token").fetchall())
    assert people <= tokens


def test_each_kind_of_change_reaches_the_copy_alone(station, tmp_path):
    from checkin.attendees import find, token_for
    from checkin.badges.reprint import reprint
    from checkin.desk import service as desk
    from checkin.desk.walkins import WalkIn, register_walk_in
    from checkin.door import service as door
    from checkin.imports.importer import import_attendees
    from checkin.staff import StaffMember, add_staff

    conn = station
    organiser = StaffMember("Olivia", "organiser")
    assert _refresh(conn).copied is False
    event = _event()
    token = token_for(find(event, "M-001"))

    assert desk.scan(token, event=event, station="Desk 1", staff=organiser, now=AFTERNOON).outcome == "checked_in"
    report = _refresh(conn)
    assert report.copied and not report.whole and report.rows == 1
    assert_same(conn)

    admitted = door.scan(token, event=event, session_run="C1", direction="in", station="Door 1", staff=organiser,
                         now=AFTERNOON)
    assert admitted.outcome == "admitted"
    assert _refresh(conn).rows == 2          # the seat counter and the presence
    assert_same(conn)
    assert door.scan(token, event=event, session_run="C1", direction="out", station="Door 1", staff=organiser,
                     now=AFTERNOON + timedelta(minutes=5)).outcome == "exited"
    _refresh(conn)
    assert_same(conn)

    walk_in = register_walk_in(WalkIn(given_name="Ana", family_name="Santos", country="Timor-Leste",
                                      reason="invited by the Ministry"), event=event, approved_by=organiser,
                               now=AFTERNOON)
    _refresh(conn)
    assert_same(conn)
    assert conn.replica.execute_sql("SELECT COUNT(*) FROM issued_token t JOIN attendee a ON a.id = t.attendee "
                                    "WHERE a.registration_id = ?", (walk_in.registration_id,)).fetchone()[0] == 1

    reprint("M-002", event=event, by=organiser, reason="lost", now=AFTERNOON)
    _refresh(conn)
    assert_same(conn)

    add_staff("Mika", "marshal", "5937", by=organiser)
    _refresh(conn)
    assert_same(conn)

    # A new export: M-003's name corrected, M-001 moved off C1 (an assignment deleted).
    rows = list(csv.DictReader(MINI_ATTENDEES.open(encoding="utf-8")))
    for row in rows:
        if row["registration_id"] == "M-003":
            row["family_name"] = "Rahma"
        if row["registration_id"] == "M-001":
            row["sessions"] = "C1/2"
    changed = tmp_path / "export.csv"
    with changed.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    import_attendees(changed, event=event, by=organiser, now=AFTERNOON)
    report = _refresh(conn)
    assert report.copied and not report.whole
    assert_same(conn)
    assert _refresh(conn).copied is False


def test_people_swapping_a_unique_value_fall_back_to_a_whole_copy(station):
    from checkin.store.db import write_transaction

    conn = station
    swap = "UPDATE attendee SET registration_id = ? WHERE registration_id = ?".replace("?", conn.server.param)
    with write_transaction():
        for old, new in (("M-004", "TMP"), ("M-005", "M-004"), ("TMP", "M-005")):
            conn.server.execute_sql(swap, (new, old))
    report = _refresh(conn)
    assert report.copied and report.whole
    assert_same(conn)


def test_offline_work_replayed_makes_the_copy_again_whole(station, server_url):
    from checkin.attendees import find, token_for
    from checkin.staff import StaffMember
    from checkin.stations.station import Station, StationSettings

    conn = station
    token = token_for(find(_event(), "M-005"))
    desk = Station(StationSettings(station_name="Desk 1", event_code="mini-2025"), StaffMember("Dara", "desk"),
                   clock=lambda: AFTERNOON, connection=conn)
    conn.go_offline()
    assert desk.scan(token, confirm_safeguarding=True).outcome == "checked_in" and conn.queued == 1
    # Meanwhile an organiser reprints her badge: the server refuses the queued scan of the old one,
    # so the check-in the copy wrote for itself must not survive the refresh.
    reprinted = run_cli("reprint", "M-005", "--reason", "lost", db_path=server_url, staff=("Olivia", "314159"))
    assert reprinted.returncode == 0, reprinted.stderr
    # The copy logs only its people's changes (for its search index), never its own check-ins.
    assert conn.replica.execute_sql("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                                    "AND name LIKE 'row_change%'").fetchall() == [
        ("row_change_attendee_insert",), ("row_change_attendee_update",), ("row_change_attendee_delete",)]
    status = conn.tick()
    assert not status.offline and status.queued == 0
    assert conn.server.execute_sql("SELECT COUNT(*) FROM check_in").fetchone()[0] == 0
    assert_same(conn)


def test_a_purge_wipes_the_copy_and_it_is_made_again_whole(station):
    from checkin.organiser.purge import purge
    from checkin.staff import StaffMember

    conn = station
    purge(_event(), confirmation="mini-2025", by=StaffMember("Olivia", "organiser"), now=AFTERNOON)
    assert conn.server.execute_sql("SELECT COUNT(*) FROM row_change").fetchone()[0] == 0
    conn.tick()
    assert conn.replica.execute_sql("SELECT COUNT(*) FROM attendee").fetchone()[0] == 0
    assert_same(conn)


def test_a_commit_that_ends_after_a_later_one_is_not_skipped(pg_url, tmp_path):  # noqa: F811
    """PostgreSQL numbers changes before they commit: a transaction that began first and
    committed last must still reach the copy (a sequence-number cursor would skip it)."""
    import psycopg

    from checkin.attendees import find, token_for
    from checkin.desk import service as desk
    from checkin.events.file import read_event_file
    from checkin.events.service import save_event
    from checkin.imports.importer import import_attendees
    from checkin.stations.connection import StationDatabase
    from checkin.staff import StaffMember
    from checkin.store.schema import open_database

    db = open_database(pg_url)
    save_event(read_event_file(MINI_EVENT), now=EVENT_MORNING)
    event = _event()
    import_attendees(MINI_ATTENDEES, event=event, now=EVENT_MORNING)
    conn = StationDatabase(pg_url, tmp_path / "replica.sqlite3", station="Door 1", clock=lambda: AFTERNOON)
    conn.open()
    slow = psycopg.connect(pg_url)   # a transaction of its own, left open across a refresh
    try:
        slow.execute("UPDATE attendee SET organisation = 'Renamed Agency' WHERE registration_id = 'M-002'")
        token = token_for(find(event, "M-001"))
        desk.scan(token, event=event, station="Desk 1", staff=StaffMember("Olivia", "organiser"), now=AFTERNOON)
        assert _refresh(conn).copied
        assert conn.replica.execute_sql("SELECT COUNT(*) FROM check_in").fetchone()[0] == 1
        slow.commit()
        report = _refresh(conn)
        assert report.copied and not report.whole
        assert conn.replica.execute_sql("SELECT organisation FROM attendee WHERE registration_id = 'M-002'"
                                        ).fetchone()[0] == "Renamed Agency"
        assert_same(conn)
    finally:
        slow.close()
        conn.close()
        db.close()


def test_an_offline_search_finds_people_the_refreshes_brought(station):
    from checkin.desk.walkins import WalkIn, register_walk_in
    from checkin.staff import StaffMember
    from checkin.stations.station import Station, StationSettings

    conn = station
    desk = Station(StationSettings(station_name="Desk 1", event_code="mini-2025"), StaffMember("Dara", "desk"),
                   clock=lambda: AFTERNOON, connection=conn)
    conn.go_offline()
    assert [h.registration_id for h in desk.search("tina")] == ["M-005"]     # the copy's index is built
    assert desk.search("sokha meas") == []
    conn.tick()                                                               # back on the server
    register_walk_in(WalkIn(given_name="Sokha", family_name="Meas", reason="invited by the co-host"),
                     event=_event(), approved_by=StaffMember("Olivia", "organiser"), now=AFTERNOON)
    assert conn.refresh().synced_at is not None
    conn.go_offline()
    assert [h.name for h in desk.search("sokha meas")][:1] == ["Sokha Meas"]
