"""One declared offline policy: every Station operation says what it may do without the server, and
what needs the server is refused offline with nothing written to the copy (tests/test_offline.py
does the same against a PostgreSQL server that is really stopped)."""

from __future__ import annotations

import inspect

import pytest

from conftest import EVENT_MORNING


def test_every_public_station_method_has_a_row_in_the_offline_policy():
    from checkin.stations.policy import POLICY, Offline
    from checkin.stations.station import Station

    methods = sorted(name for name, member in inspect.getmembers(Station, inspect.isfunction)
                     if not name.startswith("_") and name not in Station.__dataclass_fields__)
    assert len(methods) >= 30
    assert [name for name in methods if name not in POLICY] == []
    assert [name for name in POLICY if name not in methods] == []
    # ... and the row is enforced: each method is the policy's wrapper, carrying its kind.
    assert {name: getattr(Station, name).offline for name in methods} == {name: POLICY[name][0] for name in methods}
    online = {name for name in methods if POLICY[name][0] is Offline.ONLINE}
    assert {"add_staff", "reset_pin", "set_staff_active", "purge", "export", "batch_badges", "invitations",
            "import_attendees", "reprint", "annul", "register_walk_in", "annul_door_scan"} <= online
    assert {name for name in methods if POLICY[name][0] is Offline.QUEUED} == {
        "scan", "check_in", "print_badge", "badge_printed", "door", "door_by_id", "check_in_delegation"}


def test_a_station_class_with_an_undeclared_method_is_refused():
    from dataclasses import dataclass

    from checkin.stations.policy import offline_policy

    with pytest.raises(TypeError, match="missing for \\['wipe_everything'\\]"):
        @offline_policy
        @dataclass
        class Careless:
            connection: object = None

            def wipe_everything(self):
                pass


def _station(db_path, replica_path, staff):
    from checkin.stations.connection import StationDatabase
    from checkin.stations.station import Station, StationSettings

    connection = StationDatabase(str(db_path), replica_path, station="Back office", clock=lambda: EVENT_MORNING,
                                 retry_seconds=0)
    connection.open()
    return Station(StationSettings(station_name="Back office", event_code="mini-2025"), staff,
                   clock=lambda: EVENT_MORNING, connection=connection)


def _people_and_staff(database):
    from checkin.store.models import Attendee, Staff

    with database.bind_ctx([Attendee, Staff], bind_refs=False, bind_backrefs=False):
        return Attendee.select().count(), sorted(s.name for s in Staff.select())


def test_offline_purge_and_new_staff_account_are_refused_and_nothing_is_lost(loaded, desk_staff, db, db_path,
                                                                              tmp_path):
    """Once, an offline purge answered "2 young people and 3 others removed" on the copy and a new
    staff account was accepted there; the next sync overwrote the copy and both were gone."""
    db.close()
    office = _station(db_path, tmp_path / "replica.sqlite3", desk_staff["organiser"])
    conn = office.connection
    before = _people_and_staff(conn.replica)
    assert before == (5, ["Dara Desk", "Mona Marshal", "Olivia Organiser"])
    conn.go_offline()

    with pytest.raises(Exception, match="^needs the server: a purge"):
        office.purge("mini-2025")
    with pytest.raises(Exception, match="^needs the server: adding a staff account"):
        office.add_staff("Eve Extra", "desk", "2407")
    assert _people_and_staff(conn.replica) == before          # nothing written to the copy
    assert conn.status().queued == 0                          # nor queued
    assert office.counts()["attendees"] == 5                  # reads still answer from the copy

    assert office.sync().offline is False                     # back online: the server has everyone
    assert _people_and_staff(conn.server) == before
    # Online, the same calls work (and so the refusal was the policy, not a broken call).
    assert office.add_staff("Eve Extra", "desk", "2407").name == "Eve Extra"
    done = office.purge("mini-2025")
    assert done.young_people + done.others == 5
    assert _people_and_staff(conn.server)[0] == 0
    conn.close()


def test_every_online_only_operation_is_refused_offline_before_it_runs(loaded, desk_staff, db, db_path, tmp_path):
    from checkin.stations.policy import POLICY, Offline
    from checkin.stations.station import Station

    db.close()
    office = _station(db_path, tmp_path / "replica.sqlite3", desk_staff["organiser"])
    office.connection.go_offline()
    refused = []
    for name, (kind, what) in sorted(POLICY.items()):
        if kind is not Offline.ONLINE:
            continue
        params = [p for p in inspect.signature(inspect.unwrap(getattr(Station, name))).parameters.values()
                  if p.name != "self" and p.default is inspect.Parameter.empty and p.kind is p.POSITIONAL_OR_KEYWORD]
        with pytest.raises(Exception) as caught:
            getattr(office, name)(*["x"] * len(params))
        assert str(caught.value).startswith(f"needs the server: {what}"), (name, caught.value)
        refused.append(name)
    assert len(refused) >= 15
    assert office.connection.status().queued == 0
    office.connection.close()


def test_no_operation_has_two_rows():
    """A dict keeps the last of two rows silently: the table's source must name each operation once."""
    import ast

    from checkin.stations import policy

    tree = ast.parse(inspect.getsource(policy))
    table = next(node.value for node in ast.walk(tree) if isinstance(node, ast.AnnAssign)
                 and getattr(node.target, "id", "") == "POLICY")
    names = [key.value for key in table.keys]
    assert len(names) == len(set(names)) == len(policy.POLICY)
