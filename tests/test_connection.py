"""The station's switch between server and offline copy, on an SQLite server file (runs anywhere;
tests/test_offline.py does the same against a PostgreSQL server that is really stopped)."""

from __future__ import annotations

import json

from conftest import EVENT_MORNING, run_cli


def test_postgres_urls_get_network_timeouts_unless_the_url_sets_them():
    from checkin.store.db import make_database

    params = make_database("postgresql://u@db.venue.lan:5432/forum?connect_timeout=10").connect_params
    assert params["connect_timeout"] == "10" or params["connect_timeout"] == 10
    assert params["tcp_user_timeout"] == 5000 and params["keepalives_idle"] == 5


def _station(db_path, replica_path, staff):
    from checkin.stations.connection import StationDatabase
    from checkin.stations.station import Station, StationSettings

    connection = StationDatabase(str(db_path), replica_path, station="Desk 1", clock=lambda: EVENT_MORNING,
                                 retry_seconds=0)
    connection.open()
    return Station(StationSettings(station_name="Desk 1", event_code="mini-2025"), staff,
                   clock=lambda: EVENT_MORNING, connection=connection)


def test_offline_scans_are_queued_and_replayed_once_with_the_conflict_listed(loaded, desk_staff, db, db_path,
                                                                              tmp_path):
    from checkin.attendees import find, token_for
    from checkin.store.models import AppliedAction, CheckIn, Conflict

    tokens = {reg: token_for(find(loaded, reg)) for reg in ("M-001", "M-002", "M-003")}
    db.close()
    desk = _station(db_path, tmp_path / "replica.sqlite3", desk_staff["desk"])
    status = desk.connection.go_offline()
    assert status.offline and status.label == "Offline — 0 scans queued"
    assert desk.scan(tokens["M-001"]).outcome == "checked_in"
    assert desk.scan(tokens["M-001"]).outcome == "already_checked_in"   # the copy remembers its own
    assert desk.scan(tokens["M-003"]).outcome == "checked_in"
    assert desk.connection_status().queued == 3
    other = run_cli("scan", tokens["M-003"], "--station", "Desk 2", "--staff", "Olivia Organiser",
                    "--at", "2025-11-18T08:35:00+08:00", db_path=db_path, pin="314159")
    assert json.loads(other.stdout)["outcome"] == "checked_in"

    status = desk.sync()
    assert (status.offline, status.queued) == (False, 0)
    assert [(c.registration_id, c.server_outcome) for c in status.conflicts] == [("M-003", "already_checked_in")]
    assert {(c.attendee.registration_id, c.station) for c in CheckIn.select()} == {("M-001", "Desk 1"),
                                                                                   ("M-003", "Desk 2")}
    assert AppliedAction.select().count() == 3 and Conflict.select().count() == 1


def test_the_copy_is_refreshed_only_when_the_server_changed(loaded, desk_staff, db, db_path, tmp_path):
    from checkin.stations import replica
    from checkin.attendees import find, token_for
    from checkin.store.models import Attendee, CheckIn

    token = token_for(find(loaded, "M-001"))
    db.close()
    desk = _station(db_path, tmp_path / "replica.sqlite3", desk_staff["desk"])
    conn = desk.connection
    assert replica.sync_down(conn.server, conn.replica, station="Desk 1").copied is False
    assert desk.scan(token).outcome == "checked_in"          # online: the server changed
    report = replica.sync_down(conn.server, conn.replica, station="Desk 1")
    assert report.copied and not report.whole and report.rows == 1   # the new check-in, nothing else
    with conn.replica.bind_ctx([CheckIn, Attendee], bind_refs=False, bind_backrefs=False):
        assert [c.attendee.registration_id for c in CheckIn.select()] == ["M-001"]


def test_an_offline_desk_renders_badges_with_the_code_the_server_signed(loaded, desk_staff, db, db_path, tmp_path):
    import subprocess

    import zxingcpp
    from PIL import Image

    from checkin.attendees import find, token_for
    from checkin.badges.service import badge_pdf
    from checkin.events.service import get_event

    expected = token_for(find(loaded, "M-002"))
    db.close()
    desk = _station(db_path, tmp_path / "replica.sqlite3", desk_staff["desk"])
    desk.connection.go_offline()
    event = get_event("mini-2025")
    assert bytes(event.private_key) == b""            # the copy cannot sign
    pdf = tmp_path / "badge.pdf"
    pdf.write_bytes(badge_pdf("M-002", event=event, fmt="a6"))
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", str(pdf), str(tmp_path / "page")], check=True)
    found = {r.text for r in zxingcpp.read_barcodes(Image.open(tmp_path / "page.png"))}
    assert found == {expected}


def test_offline_the_server_is_tried_again_only_every_so_often(loaded, desk_staff, db, db_path, tmp_path):
    from checkin.stations.connection import StationDatabase

    db.close()
    connection = StationDatabase(str(db_path), tmp_path / "replica.sqlite3", station="Desk 1",
                                 clock=lambda: EVENT_MORNING, retry_seconds=3600)
    connection.open()
    connection.go_offline()
    assert connection.tick().offline is False    # the first try is at once
    connection.go_offline()
    assert connection.tick().offline is True     # the next waits out retry_seconds
    connection.close()


def test_a_queue_left_by_a_closed_station_is_replayed_by_checkin_sync(loaded, desk_staff, db, db_path, tmp_path):
    from checkin.attendees import find, token_for
    from checkin.store.schema import open_database
    from checkin.store.models import CheckIn

    token = token_for(find(loaded, "M-001"))
    db.close()
    replica_path = tmp_path / "replica.sqlite3"
    desk = _station(db_path, replica_path, desk_staff["desk"])
    desk.connection.go_offline()
    assert desk.scan(token).outcome == "checked_in"
    desk.connection.close()     # the laptop is shut with one scan queued

    out = run_cli("sync", "--station", "Desk 1", "--replica", str(replica_path), db_path=db_path,
                  staff=("Dara Desk", "4826"))
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) | {"synced_at": None} == {"offline": False, "queued": 0, "synced_at": None,
                                                             "conflicts": []}
    open_database(str(db_path))
    assert [c.station for c in CheckIn.select()] == ["Desk 1"]
