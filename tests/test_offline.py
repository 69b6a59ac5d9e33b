"""A station on a shared PostgreSQL server that goes away mid-run: it keeps scanning on its copy,
and when the server is back every acknowledged scan is there and conflicts are listed."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest

from conftest import EVENT_MORNING, MINI_ATTENDEES, MINI_EVENT, run_cli
from pg_server import own_pg_server  # noqa: F401 (fixture)

AFTERNOON = datetime(2025, 11, 18, 6, 15, tzinfo=timezone.utc)   # 14:15 in Kuala Lumpur: C1 running


def _load_server(url: str) -> None:
    from checkin.attendees import find
    from checkin.store.schema import open_database
    from checkin.events.file import read_event_file
    from checkin.events.service import get_event, save_event
    from checkin.imports.importer import import_attendees
    from checkin.staff import add_staff, authenticate

    db = open_database(url)
    save_event(read_event_file(MINI_EVENT), now=EVENT_MORNING)
    event = get_event("mini-2025")
    import_attendees(MINI_ATTENDEES, event=event, now=EVENT_MORNING)
    add_staff("Olivia", "organiser", "314159", by=None)
    add_staff("Dara", "desk", "4826", by=authenticate("Olivia", "314159"))
    assert find(event, "M-001")
    db.close()


def _tokens(url: str) -> dict[str, str]:
    out = {}
    for reg in ("M-001", "M-002", "M-003", "M-005"):
        got = run_cli("attendees", "token", reg, db_path=url, staff=("Olivia", "314159"))
        assert got.returncode == 0, got.stderr
        out[reg] = json.loads(got.stdout)["token"]
    return out


def _station(url, replica, name, role="desk", clock=lambda: EVENT_MORNING):
    from checkin.stations.connection import StationDatabase
    from checkin.staff import StaffMember
    from checkin.stations.station import Station, StationSettings

    connection = StationDatabase(url, replica, station=name, clock=clock, retry_seconds=0)
    connection.open()
    staff = StaffMember("Dara" if role == "desk" else "Olivia", role)
    return Station(StationSettings(station_name=name, event_code="mini-2025"), staff, clock=clock,
                   connection=connection)


@pytest.fixture
def server(own_pg_server):  # noqa: F811
    _load_server(own_pg_server.url)
    yield own_pg_server
    from checkin.store.db import database

    if database.obj is not None and not database.obj.is_closed():
        database.obj.close()


def test_scans_while_the_server_is_down_all_reach_it_and_conflicts_are_listed(server, tmp_path):
    from checkin.stations import outbox
    from checkin.store.audit import verify
    from checkin.store.models import AppliedAction, Attendee, CheckIn, OutboxAction

    tokens = _tokens(server.url)
    desk = _station(server.url, tmp_path / "desk1.sqlite3", "Desk 1")
    assert desk.connection_status().offline is False
    assert desk.scan(tokens["M-001"]).outcome == "checked_in"
    desk.sync()   # the copy now holds M-001's check-in

    server.stop()
    # The first scan after the loss finds the server gone and is answered from the copy.
    assert desk.scan(tokens["M-002"], confirm_safeguarding=True).outcome == "checked_in"
    status = desk.connection_status()
    assert status.offline and status.queued == 1 and status.label == "Offline — 1 scan queued"
    assert desk.scan(tokens["M-001"]).outcome == "already_checked_in"    # synced before the loss
    assert desk.scan(tokens["M-003"]).outcome == "checked_in"            # the conflict-to-be
    assert desk.check_in("M-005", confirm_safeguarding=True).outcome == "checked_in"   # found by name
    forged = tokens["M-001"][:-4] + ("AAAA" if not tokens["M-001"].endswith("AAAA") else "BBBB")
    assert desk.scan(forged).outcome == "invalid_token"                 # signatures checked offline
    assert desk.counts()["checked_in"] == 4
    assert desk.sync().offline is True                                  # still down: nothing lost
    assert desk.connection_status().label == "Offline — 5 scans queued"
    with pytest.raises(Exception, match="^needs the server: a reprint"):
        desk.reprint("M-001", "Olivia", "314159", "lost")

    server.start()
    # Another desk, online, checks M-003 in while this station still works from its copy.
    other = run_cli("scan", tokens["M-003"], "--station", "Desk 2", "--staff", "Olivia",
                    "--at", "2025-11-18T08:31:00+08:00", db_path=server.url, pin="314159")
    assert json.loads(other.stdout)["outcome"] == "checked_in"

    status = desk.sync()
    assert not status.offline and status.queued == 0
    assert [(c.registration_id, c.offline_outcome, c.server_outcome) for c in status.conflicts] == [
        ("M-003", "checked_in", "already_checked_in")]
    # Every acknowledged scan is on the server, each applied once.
    standing = {(c.attendee.registration_id, c.station)
                for c in CheckIn.select(CheckIn, Attendee).join(Attendee).where(CheckIn.annulled_at.is_null())}
    assert standing == {("M-001", "Desk 1"), ("M-002", "Desk 1"), ("M-003", "Desk 2"), ("M-005", "Desk 1")}
    assert AppliedAction.select().count() == 5
    assert verify().ok
    # Replaying the same queue again (a station that crashed before marking it) applies nothing twice.
    with desk.connection.replica.bind_ctx([OutboxAction]):
        OutboxAction.update(replayed_at=None).execute()
    again = outbox.replay(desk.connection.server, desk.connection.replica, now=EVENT_MORNING)
    assert (again.replayed, again.already_applied, again.conflicts) == (0, 5, ())
    assert CheckIn.select().count() == 4
    listed = run_cli("conflicts", db_path=server.url, staff=("Olivia", "314159"))
    assert listed.returncode == 0, listed.stderr
    conflicts = json.loads(listed.stdout)["conflicts"]
    assert [(c["registration_id"], c["station"], c["server_outcome"]) for c in conflicts] == [
        ("M-003", "Desk 1", "already_checked_in")]
    log = run_cli("audit", "verify", db_path=server.url)
    assert json.loads(log.stdout)["ok"] is True
    desk.connection.close()


def test_the_replica_holds_the_public_key_and_pin_hashes_but_never_the_private_key(server, tmp_path):
    from checkin.store.models import Event, Staff

    desk = _station(server.url, tmp_path / "desk1.sqlite3", "Desk 1")
    replica = desk.connection.replica
    with replica.bind_ctx([Event, Staff], bind_refs=False, bind_backrefs=False):
        event = Event.get(Event.code == "mini-2025")
        assert bytes(event.private_key) == b"" and len(bytes(event.public_key)) == 32
        assert {s.name for s in Staff.select()} == {"Olivia", "Dara"}
    server.stop()
    assert desk.sync().offline      # the regular refresh finds the server gone
    assert desk.counts()["attendees"] == 5
    # Sign-in works from the copy: the PIN hashes came with it.
    assert desk.authorise("Olivia", "314159").role == "organiser"
    desk.connection.close()


def test_an_offline_door_admits_registrants_and_only_its_share_of_standby_seats(server, tmp_path):
    from checkin.store.models import AuditEntry, Session, SessionOccupancy

    tokens = _tokens(server.url)
    for reg in ("M-001", "M-002", "M-003", "M-005"):
        run_cli("scan", tokens[reg], "--station", "Desk 1", "--staff", "Olivia", "--confirm-safeguarding",
                "--at", "2025-11-18T08:30:00+08:00", db_path=server.url, pin="314159")
    # Door 2 has been scanning at Room C: the two doors share C1's three free seats, one each.
    wrong = run_cli("door", "C1", tokens["M-002"], "--direction", "in", "--station", "Door 2", "--staff", "Olivia",
                    "--at", "2025-11-18T14:00:00+08:00", db_path=server.url, pin="314159")
    assert json.loads(wrong.stdout)["outcome"] == "wrong_run"   # holds the re-run; standby not yet released
    door = _station(server.url, tmp_path / "door1.sqlite3", "Door 1", clock=lambda: AFTERNOON)

    server.stop()
    assert door.door("C1", tokens["M-005"], "in").outcome == "admitted"        # standby: the share's one seat
    refused = door.door("C1", tokens["M-002"], "in")
    assert refused.outcome == "full" and "share" in refused.message            # the share is used
    assert door.door("C1", tokens["M-001"], "in").outcome == "admitted"        # registered: their seat
    assert door.door("C1", tokens["M-003"], "in").outcome == "admitted"
    assert door.occupancy("C1").occupancy == 3
    assert door.connection_status().queued == 4

    server.start()
    # Meanwhile Door 2, online, gives a standby seat to M-002: the room now has one seat fewer.
    other = run_cli("door", "C1", tokens["M-002"], "--direction", "in", "--station", "Door 2", "--staff", "Olivia",
                    "--at", "2025-11-18T14:16:00+08:00", db_path=server.url, pin="314159")
    assert json.loads(other.stdout)["outcome"] == "admitted"
    status = door.sync()
    assert not status.offline
    # Replayed in order: M-005 and M-001 fill the room; M-003's seat was gone, and that is listed.
    assert [(c.registration_id, c.session_run, c.server_outcome) for c in status.conflicts] == [
        ("M-003", "C1", "full")]
    c1 = Session.get((Session.code == "C1") & (Session.run == 1))
    assert SessionOccupancy.get(SessionOccupancy.session == c1).occupied == 3      # never past capacity
    assert AuditEntry.select().where(AuditEntry.kind == "offline_scan").count() == 1   # the refusal, as given
    assert AuditEntry.select().where(AuditEntry.kind == "offline_conflict").count() == 1
    door.connection.close()


def test_a_purge_and_a_new_staff_account_are_refused_while_the_server_is_down(server, tmp_path):
    """They used to succeed on the copy ("2 young people and 3 others removed") and vanish at the
    next sync; the server still had all five people and no new account."""
    from checkin.store.models import Attendee, Staff

    office = _station(server.url, tmp_path / "office.sqlite3", "Back office", role="organiser")
    server.stop()
    # The station has not noticed yet: the call finds the server gone, switches offline, refuses.
    with pytest.raises(Exception, match="^needs the server: adding a staff account"):
        office.add_staff("Eve", "desk", "2407")
    assert office.connection_status().offline
    with pytest.raises(Exception, match="^needs the server: a purge"):
        office.purge("mini-2025")
    assert office.connection_status().queued == 0
    assert office.counts()["attendees"] == 5       # the copy is untouched
    with office.connection.replica.bind_ctx([Staff], bind_refs=False, bind_backrefs=False):
        assert sorted(s.name for s in Staff.select()) == ["Dara", "Olivia"]

    server.start()
    assert office.sync().offline is False
    assert Attendee.select().count() == 5
    assert sorted(s.name for s in Staff.select()) == ["Dara", "Olivia"]
    office.connection.close()
