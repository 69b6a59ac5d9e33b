"""Door stations in separate processes on one SQLite file: capacity holds exactly."""

from datetime import timedelta

import pytest

from checkin.store.schema import open_database
from checkin.store.models import DoorScan, Presence, Session, SessionOccupancy
from door_race import RACE_AT, build_race_db, race

STATIONS = 8


@pytest.fixture
def race_db(tmp_path):
    path, tokens = build_race_db(tmp_path, attendees=400, capacity=30, sessions=2)
    return path, tokens


def room_state(path, code):
    db = open_database(str(path))
    try:
        session = Session.get(Session.code == code)
        counter = SessionOccupancy.get(SessionOccupancy.session == session).occupied
        inside = Presence.select().where((Presence.session == session) & Presence.left_at.is_null()).count()
        admitted = DoorScan.select().where((DoorScan.session == session) & (DoorScan.outcome == "admitted")).count()
        exited = DoorScan.select().where((DoorScan.session == session) & (DoorScan.outcome == "exited")).count()
        return counter, inside, admitted, exited
    finally:
        db.close()


def test_eight_stations_admit_exactly_the_capacity(race_db):
    path, tokens = race_db
    plans = [[("S1", t, "in") for t in tokens[n::STATIONS]] for n in range(STATIONS)]
    assert sum(map(len, plans)) == 400
    outcomes, _ = race(path, plans)
    assert outcomes == {"admitted": 30, "full": 370}
    assert room_state(path, "S1") == (30, 30, 30, 0)


def test_in_out_and_moving_between_rooms_keep_the_counts_true(race_db):
    """Half the stations guard S1, half S2 (both doors open at 10:40); 64 people are scanned in,
    out and in again at both, so they also move between the rooms while others race them."""
    path, tokens = race_db
    block = 8
    people = tokens[:block * STATIONS]
    plans = []
    for n in range(STATIONS):
        run = "S1" if n % 2 == 0 else "S2"
        nxt = (n + 1) % STATIONS
        mine = people[n * block:(n + 1) * block] + people[nxt * block:(nxt + 1) * block]
        plans.append([(run, t, d) for t in mine for d in ("in", "out", "in")])
    outcomes, _ = race(path, plans, at=RACE_AT + timedelta(minutes=30))
    assert sum(outcomes.values()) == len(people) * 2 * 3
    assert set(outcomes) <= {"admitted", "exited", "full", "not_inside", "already_inside"}
    for code in ("S1", "S2"):
        counter, inside, admitted, exited = room_state(path, code)
        assert counter == inside <= 30
    db = open_database(str(path))
    try:
        # one room at a time, whatever the interleaving
        standing = Presence.select().where(Presence.left_at.is_null())
        assert standing.count() == len({p.attendee_id for p in standing})
    finally:
        db.close()
