"""Where is this young person now? From real door scans on a real SQLite file; every question is
audited; the focal point's list flags a young person out of a room too long."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from conftest import run_cli
from delegation_data import DELEGATION_ATTENDEES, DELEGATION_EVENT, MORNING, delegations, people  # noqa: F401
from postgres import pg_url  # noqa: F401 (fixture)


def _arrive(event, staff, *ids, at=MORNING):
    from checkin.desk.service import check_in_by_id

    for reg in ids:
        assert check_in_by_id(reg, event=event, station="Desk 1", staff=staff, now=at).outcome == "checked_in"


def _door(event, staff, reg, run, direction, minutes):
    from checkin.door.service import scan_by_id

    return scan_by_id(reg, event=event, session_run=run, direction=direction, station=f"Door {run}", staff=staff,
                      now=MORNING + timedelta(minutes=minutes)).outcome


def test_where_follows_the_door_scans(delegations, people):
    from checkin.safeguarding.where import where
    from checkin.store.models import AuditEntry

    focal = people["focal"]
    before = where("D-Y1", event=delegations, by=focal, now=MORNING)
    assert before.status == "not_checked_in" and before.inside is None and before.last_seen is None

    _arrive(delegations, people["desk"], "D-Y1")
    assert _door(delegations, people["marshal"], "D-Y1", "P1", "in", 15) == "admitted"   # 08:45
    now = where("D-Y1", event=delegations, by=focal, now=MORNING + timedelta(minutes=40))
    answer = now.as_json()
    assert answer["inside"] == "P1" and answer["room"] == "Main Hall"
    assert answer["since"] == (MORNING + timedelta(minutes=15)).isoformat()
    assert answer["last_seen"]["station"] == "Door P1" and answer["last_seen"]["what"] == "admitted to P1"

    # the plenary ends at 10:00 and empties its room: not seen in a room since 10:00
    later = where("D-Y1", event=delegations, by=focal, now=MORNING + timedelta(minutes=95))   # 10:05
    assert later.inside is None and later.room == "Main Hall" and later.status == "between_rooms"
    assert later.line == "not seen in a room since 10:00 (left Main Hall)"
    flagged = where("D-Y1", event=delegations, by=focal, now=MORNING + timedelta(minutes=111))  # 10:21
    assert flagged.status == "unaccounted" and flagged.minutes_out == 21

    asked = list(AuditEntry.select().where(AuditEntry.kind == "where_asked").order_by(AuditEntry.seq))
    assert len(asked) == 4 and {a.staff for a in asked} == {"Fatima Focal"} and asked[0].subject == "D-Y1"


def test_only_the_focal_point_and_organisers_may_ask(delegations, people):
    from checkin.errors import AccessDenied
    from checkin.safeguarding.where import where, young_people_present
    from checkin.store.models import AuditEntry

    for role in ("desk", "marshal", "kiosk"):
        with pytest.raises(AccessDenied):
            where("D-Y1", event=delegations, by=people[role], now=MORNING)
        with pytest.raises(AccessDenied):
            young_people_present(event=delegations, by=people[role], now=MORNING)
    assert where("D-Y1", event=delegations, by=people["organiser"], now=MORNING).status == "not_checked_in"
    assert AuditEntry.select().where(AuditEntry.kind == "where_asked").count() == 1


def test_focal_points_list_flags_who_left_a_room_and_entered_no_other(delegations, people):
    from checkin.safeguarding.where import young_people_present

    _arrive(delegations, people["desk"], "D-CH1", "D-Y1", "D-Y4")
    _door(delegations, people["marshal"], "D-Y1", "P1", "in", 10)
    _door(delegations, people["marshal"], "D-Y4", "P1", "in", 12)
    _door(delegations, people["marshal"], "D-Y4", "P1", "out", 30)         # 09:00 out, nowhere since
    report = young_people_present(event=delegations, by=people["focal"], now=MORNING + timedelta(minutes=55))
    assert [p.registration_id for p in report.people] == ["D-Y4", "D-Y1"]   # the chaperone is no young person
    assert report.unaccounted == (report.people[0],)
    assert report.people[0].line == "not seen in a room since 09:00 (left Main Hall): UNACCOUNTED FOR 25 MIN"
    assert report.people[1].line.startswith("in Main Hall (P1) since 08:40")
    assert report.delegations == ("ID-YOUTH", "KH-YOUTH")

    only = young_people_present(event=delegations, by=people["focal"], delegation="ID-YOUTH",
                                now=MORNING + timedelta(minutes=55))
    assert [p.registration_id for p in only.people] == ["D-Y1"] and not only.unaccounted


def test_where_on_the_command_line(tmp_path):
    db = tmp_path / "w.sqlite3"
    run_cli("staff", "add", "Olivia", "--role", "organiser", "--pin-stdin", db_path=db, stdin="314159\n")
    run_cli("staff", "add", "Fatima", "--role", "safeguarding", "--pin-stdin", "--staff", "Olivia", db_path=db,
            stdin="4371\n", pin="314159")
    run_cli("staff", "add", "Dara", "--role", "desk", "--pin-stdin", "--staff", "Olivia", db_path=db,
            stdin="4826\n", pin="314159")
    run_cli("event", "load", str(DELEGATION_EVENT), db_path=db, staff=("Olivia", "314159"))
    run_cli("attendees", "import", str(DELEGATION_ATTENDEES), db_path=db, staff=("Olivia", "314159"))
    at = ["--at", "2025-11-18T08:30:00+08:00"]
    run_cli("delegation", "D-Y1", "--check-in", "--station", "Desk 1", "--staff", "Dara", *at, db_path=db, pin="4826")
    token = json.loads(run_cli("attendees", "token", "D-Y1", db_path=db, staff=("Olivia", "314159")).stdout)["token"]
    run_cli("door", "P1", token, "--direction", "in", "--station", "Door P1", "--staff", "Dara",
            "--at", "2025-11-18T08:45:00+08:00", db_path=db, pin="4826")
    done = run_cli("where", "D-Y1", "--staff", "Fatima", "--at", "2025-11-18T09:10:00+08:00", db_path=db, pin="4371")
    answer = json.loads(done.stdout)
    assert {k: answer[k] for k in ("registration_id", "inside", "room")} == {
        "registration_id": "D-Y1", "inside": "P1", "room": "Main Hall"}
    assert answer["since"].startswith("2025-11-18T00:45") and answer["last_seen"]["station"] == "Door P1"

    refused = run_cli("where", "D-Y1", "--staff", "Dara", db_path=db, pin="4826")
    assert refused.returncode == 3 and refused.stdout == "" and refused.stderr.count("\n") == 1
    listing = run_cli("young-people", "--staff", "Fatima", "--delegation", "ID-YOUTH",
                      "--at", "2025-11-18T09:10:00+08:00", db_path=db, pin="4371")
    people_list = json.loads(listing.stdout)["young_people"]
    assert [p["registration_id"] for p in people_list] == ["D-Y1"]     # Agus has not agreed: not checked in
    audit = json.loads(run_cli("audit", "list", "--kind", "where_asked", db_path=db, staff=("Olivia", "314159")).stdout)["entries"]
    assert [(e["staff"], e["subject"]) for e in audit] == [("Fatima", "D-Y1")]


def test_where_on_postgresql(pg_url):  # noqa: F811
    from checkin.safeguarding.where import where
    from checkin.staff import add_staff, authenticate
    from checkin.store.schema import open_database
    from delegation_data import load_delegations

    db = open_database(pg_url)
    try:
        event = load_delegations()
        add_staff("Olivia", "organiser", "314159", by=None)
        org = authenticate("Olivia", "314159")
        _arrive(event, org, "D-Y1")
        assert _door(event, org, "D-Y1", "P1", "in", 15) == "admitted"
        assert where("D-Y1", event=event, by=org, now=MORNING + timedelta(minutes=20)).inside == "P1"
    finally:
        db.close()
