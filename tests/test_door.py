"""The workshop door: every outcome, through the core and through the command line."""

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from checkin.attendees import find, token_for
from checkin.desk.service import annul_checkin, check_in_by_id
from checkin.door.service import OUTCOMES, scan, scan_by_id
from checkin.door.annul import annul_scan
from checkin.errors import AccessDenied, InputError
from checkin.events.file import read_event_file
from checkin.events.service import get_event, save_event
from checkin.imports.importer import import_attendees
from checkin.store.models import AuditEntry, DoorScan, Presence, Session, SessionOccupancy
from checkin.door.occupancy import door_runs
from checkin.door.occupancy import occupancy
from checkin.badges.reprint import reprint
from checkin.desk.tokens import make_token
from conftest import EVENT_MORNING, FIXTURES, MINI_EVENT, run_cli

DOOR_EVENT = FIXTURES / "door-event.toml"
DOOR_ATTENDEES = FIXTURES / "door-attendees.csv"
KL = ZoneInfo("Asia/Kuala_Lumpur")


def at(hh, mm=0):
    """A time on the door event's day, Kuala Lumpur wall clock."""
    return datetime(2025, 11, 18, hh, mm, tzinfo=KL)


@pytest.fixture
def door_event(db, desk_staff):
    """The door event; everyone checked in at the desk except D-06."""
    save_event(read_event_file(DOOR_EVENT), now=EVENT_MORNING)
    event = get_event("door-2025")
    assert import_attendees(DOOR_ATTENDEES, event=event, now=EVENT_MORNING).created == 7
    for reg in ("D-01", "D-02", "D-03", "D-04", "D-05", "D-07"):
        assert check_in_by_id(reg, event=event, station="Desk 1", staff=desk_staff["desk"],
                              now=EVENT_MORNING).outcome == "checked_in"
    return event


def door(event, staff, reg, run, when, direction="in", **kw):
    return scan_by_id(reg, event=event, session_run=run, direction=direction, station="Door 1", staff=staff,
                      now=when, **kw)


def counter(event, run, when):
    return occupancy(run, event=event, now=when).occupancy


def test_admits_up_to_the_smaller_capacity_then_full(door_event, desk_staff):
    marshal = desk_staff["marshal"]
    first = door(door_event, marshal, "D-01", "W1", at(10))
    assert (first.outcome, first.occupancy, first.capacity, first.seats_left) == ("admitted", 1, 2, 1)
    assert first.attendee.registration_id == "D-01" and first.message == "admitted: 1 / 2"
    assert door(door_event, marshal, "D-02", "W1", at(10, 1)).seats_left == 0
    full = door(door_event, marshal, "D-03", "W1", at(10, 2))
    assert (full.outcome, full.occupancy, full.capacity) == ("full", 2, 2)   # the room (2) beats the session (5)
    assert full.overridable and full.as_json()["overridable"] and not first.overridable
    snap = occupancy("W1", event=door_event, now=at(10, 3))
    assert (snap.occupancy, snap.capacity, snap.inside) == (2, 2, ["D-01", "D-02"])
    assert snap.room == "Small Room" and snap.is_open
    # the session's own capacity (2) beats the hall's (100)
    assert door(door_event, marshal, "D-01", "R1", at(14)).capacity == 2


def test_already_inside_exit_not_inside_and_re_entry(door_event, desk_staff):
    marshal = desk_staff["marshal"]
    assert door(door_event, marshal, "D-01", "W1", at(10)).outcome == "admitted"
    again = door(door_event, marshal, "D-01", "W1", at(10, 5))
    assert again.outcome == "already_inside" and again.occupancy == 1 and "10:00" in again.message
    out = door(door_event, marshal, "D-01", "W1", at(10, 20), "out")
    assert (out.outcome, out.occupancy, out.seats_left) == ("exited", 0, 2)
    assert door(door_event, marshal, "D-01", "W1", at(10, 21), "out").outcome == "not_inside"
    assert door(door_event, marshal, "D-02", "W1", at(10, 21), "out").outcome == "not_inside"
    back = door(door_event, marshal, "D-01", "W1", at(10, 30))
    assert back.outcome == "admitted" and back.occupancy == 1
    assert Presence.select().where(Presence.attendee == find(door_event, "D-01")).count() == 2


def test_doors_open_before_the_start_and_close_at_the_end(door_event, desk_staff):
    marshal = desk_staff["marshal"]
    early = door(door_event, marshal, "D-01", "W1", at(9, 44))
    assert early.outcome == "closed" and "doors open at 09:45" in early.message
    assert door(door_event, marshal, "D-01", "W1", at(9, 45)).outcome == "admitted"
    late = door(door_event, marshal, "D-02", "W1", at(11))
    assert late.outcome == "closed" and "ended at 11:00" in late.message
    assert late.occupancy == 0   # the end emptied the room


def test_registration_only_admits_the_assigned_run(door_event, desk_staff):
    marshal = desk_staff["marshal"]
    assert door(door_event, marshal, "D-01", "R1", at(13, 50)).outcome == "admitted"
    assert counter(door_event, "R1", at(13, 50)) == 1
    wrong = door(door_event, marshal, "D-04", "R1", at(13, 51))
    assert wrong.outcome == "wrong_run"
    assert wrong.message == "Registered for the 16:00 re-run instead (Tue 18 Nov)"
    assert wrong.detail["registered_run"] == "R1/2"
    back = door(door_event, marshal, "D-02", "R1/2", at(15, 50))
    assert back.message == "Registered for the 14:00 first run instead (Tue 18 Nov)"
    nobody = door(door_event, marshal, "D-05", "R1", at(13, 52))
    assert nobody.outcome == "not_registered" and "standby from 14:10" in nobody.message
    assert door(door_event, marshal, "D-05", "R1/2", at(15, 50)).outcome == "not_registered"
    assert door(door_event, marshal, "D-05", "P1", at(9)).outcome == "admitted"   # not registration-only


def test_standby_takes_seats_left_after_the_release(door_event, desk_staff):
    marshal = desk_staff["marshal"]
    assert door(door_event, marshal, "D-01", "R1", at(13, 55)).outcome == "admitted"
    assert door(door_event, marshal, "D-05", "R1", at(14, 9)).outcome == "not_registered"
    standby = door(door_event, marshal, "D-05", "R1", at(14, 10))
    assert standby.outcome == "admitted" and standby.detail["standby"] is True
    assert "standby" in standby.message and standby.occupancy == 2
    # the released seat is gone: a late registrant and another standby person both find it full
    assert door(door_event, marshal, "D-02", "R1", at(14, 12)).outcome == "full"
    assert door(door_event, marshal, "D-07", "R1", at(14, 12)).outcome == "full"
    assert DoorScan.get_by_id(standby.scan_id).standby
    # holding the other run does not stop a standby seat once released
    door(door_event, marshal, "D-01", "R1", at(14, 20), "out")
    assert door(door_event, marshal, "D-04", "R1", at(14, 21)).outcome == "admitted"
    # the re-run has no release: never standby
    assert door(door_event, marshal, "D-05", "R1/2", at(16, 50)).outcome == "not_registered"


def test_the_safeguarding_gate_holds_at_the_door(door_event, desk_staff):
    marshal = desk_staff["marshal"]
    refused = door(door_event, marshal, "D-06", "P1", at(9))
    assert refused.outcome == "not_checked_in" and "registration desk" in refused.message
    annul_checkin("D-07", event=door_event, by=desk_staff["organiser"], reason="wrong person", now=at(9))
    assert door(door_event, marshal, "D-07", "P1", at(9, 1)).outcome == "not_checked_in"
    assert counter(door_event, "P1", at(9, 2)) == 0


def test_entering_another_session_takes_them_out_of_the_first(door_event, desk_staff):
    marshal = desk_staff["marshal"]
    assert door(door_event, marshal, "D-01", "P1", at(9)).outcome == "admitted"
    moved = door(door_event, marshal, "D-01", "W1", at(10))
    assert moved.outcome == "admitted" and moved.detail["moved_from"] == "P1"
    assert "taken out of P1" in moved.message
    assert occupancy("P1", event=door_event, now=at(10)).inside == []
    assert occupancy("W1", event=door_event, now=at(10)).inside == ["D-01"]
    left = Presence.get((Presence.exit_reason == "moved"))
    assert left.left_at == at(10) and left.exit_scan_id == moved.scan_id
    out = door(door_event, marshal, "D-01", "P1", at(10, 1), "out")
    assert out.outcome == "not_inside" and "scanned into W1" in out.message


def test_a_session_end_empties_its_room(door_event, desk_staff):
    marshal = desk_staff["marshal"]
    for reg in ("D-01", "D-02"):
        door(door_event, marshal, reg, "W1", at(10))
    assert occupancy("W1", event=door_event, now=at(10, 59)).occupancy == 2
    ended = occupancy("W1", event=door_event, now=at(11))
    assert (ended.occupancy, ended.inside, ended.is_open) == (0, [], False)
    rows = list(Presence.select())
    assert {(r.exit_reason, r.left_at) for r in rows} == {("session_ended", at(11))}
    out = door(door_event, marshal, "D-01", "W1", at(11, 5), "out")
    assert out.outcome == "not_inside" and "emptied" in out.message
    # the same person can now enter the afternoon's sessions normally
    assert door(door_event, marshal, "D-01", "R1", at(13, 50)).outcome == "admitted"


def test_override_admits_past_capacity_with_a_reason(door_event, desk_staff):
    marshal, org = desk_staff["marshal"], desk_staff["organiser"]
    door(door_event, marshal, "D-01", "W1", at(10))
    door(door_event, marshal, "D-02", "W1", at(10))
    scans = DoorScan.select().count()
    with pytest.raises(AccessDenied):
        door(door_event, marshal, "D-03", "W1", at(10, 1), override_reason="speaker's assistant")
    with pytest.raises(InputError, match="needs a reason"):
        door(door_event, org, "D-03", "W1", at(10, 1), override_reason="  ")
    with pytest.raises(InputError, match="direction in"):
        door(door_event, org, "D-01", "W1", at(10, 1), "out", override_reason="x")
    assert DoorScan.select().count() == scans   # refusals of the request itself change nothing
    over = door(door_event, marshal, "D-03", "W1", at(10, 2), override_reason="speaker's assistant",
                override_by=org)
    assert (over.outcome, over.occupancy, over.capacity, over.seats_left) == ("admitted", 3, 2, 0)
    assert over.detail["override"] == {"reason": "speaker's assistant", "by": "Olivia Organiser"}
    row = DoorScan.get_by_id(over.scan_id)
    assert (row.override_reason, row.override_by, row.staff) == ("speaker's assistant", "Olivia Organiser",
                                                                   "Mona Marshal")
    entry = AuditEntry.select().where(AuditEntry.kind == "door.override").get()
    assert json.loads(entry.detail)["override"]["reason"] == "speaker's assistant"
    # an override also lets in someone not registered for a registration-only run
    reg = door(door_event, org, "D-05", "R1", at(13, 50), override_reason="invited by the chair")
    assert reg.outcome == "admitted" and "override" in reg.detail
    # but never past the desk's safeguarding gate
    assert door(door_event, org, "D-06", "P1", at(9), override_reason="VIP").outcome == "not_checked_in"


def test_an_override_not_needed_is_not_recorded_as_one(door_event, desk_staff):
    result = door(door_event, desk_staff["organiser"], "D-01", "W1", at(10), override_reason="just in case")
    assert result.outcome == "admitted" and "override" not in result.detail
    assert DoorScan.get_by_id(result.scan_id).override_reason == ""


def test_annul_an_admission_and_an_exit(door_event, desk_staff):
    marshal, org = desk_staff["marshal"], desk_staff["organiser"]
    admitted = door(door_event, marshal, "D-01", "W1", at(10))
    with pytest.raises(AccessDenied):
        annul_scan(admitted.scan_id, staff=marshal, reason="wrong door", now=at(10, 1))
    with pytest.raises(InputError, match="reason"):
        annul_scan(admitted.scan_id, staff=org, reason=" ", now=at(10, 1))
    undone = annul_scan(admitted.scan_id, staff=org, reason="scanned at the wrong door", now=at(10, 1))
    assert (undone.effect, undone.occupancy, undone.registration_id) == ("taken_out", 0, "D-01")
    assert occupancy("W1", event=door_event, now=at(10, 1)).inside == []
    with pytest.raises(InputError, match="already annulled"):
        annul_scan(admitted.scan_id, staff=org, reason="again", now=at(10, 2))
    full_refusal = [door(door_event, marshal, r, "W1", at(10, 3)) for r in ("D-02", "D-03", "D-04")][-1]
    assert full_refusal.outcome == "full"
    with pytest.raises(InputError, match="refusal"):
        annul_scan(full_refusal.scan_id, staff=org, reason="x", now=at(10, 4))
    with pytest.raises(InputError, match="no door scan"):
        annul_scan(999_999, staff=org, reason="x", now=at(10, 4))

    exit_ = door(door_event, marshal, "D-02", "W1", at(10, 5), "out")
    assert exit_.occupancy == 1
    back = annul_scan(exit_.scan_id, staff=org, reason="counted out by mistake", now=at(10, 6))
    assert (back.effect, back.occupancy) == ("back_inside", 2)
    assert occupancy("W1", event=door_event, now=at(10, 6)).inside == ["D-02", "D-03"]
    # an exit whose seat has since been taken cannot be undone past capacity
    out2 = door(door_event, marshal, "D-03", "W1", at(10, 7), "out")
    door(door_event, marshal, "D-04", "W1", at(10, 8))
    with pytest.raises(InputError, match="full now"):
        annul_scan(out2.scan_id, staff=org, reason="x", now=at(10, 9))
    kinds = [e.kind for e in AuditEntry.select().where(AuditEntry.kind == "door.annul")]
    assert kinds == ["door.annul", "door.annul"]


def test_revoked_badge_raises_an_alert(door_event, desk_staff):
    old = token_for(find(door_event, "D-01"))
    reprint("D-01", event=door_event, by=desk_staff["organiser"], reason="badge lost", station="Desk 2", now=at(8))
    result = scan(old, event=door_event, session_run="P1", direction="in", station="Door 1",
                  staff=desk_staff["marshal"], now=at(9))
    assert result.outcome == "revoked" and result.alert is True and "reprinted at 08:00" in result.message
    assert result.attendee.registration_id == "D-01" and result.occupancy == 0
    alert = AuditEntry.select().where(AuditEntry.kind == "door.alert").get()
    assert alert.subject == "D-01" and json.loads(alert.detail)["outcome"] == "revoked"
    # the new badge works
    assert door(door_event, desk_staff["marshal"], "D-01", "P1", at(9, 1)).outcome == "admitted"


def test_bad_codes(door_event, desk_staff):
    def try_token(tok):
        return scan(tok, event=door_event, session_run="P1", direction="in", station="Door 1",
                    staff=desk_staff["desk"], now=at(9))

    garbage = try_token("NOT-A-TOKEN")
    assert garbage.outcome == "invalid_token" and garbage.attendee is None and not garbage.alert
    tok = token_for(find(door_event, "D-01"))
    forged = try_token(tok[:-4] + ("AAAA" if tok[-4:] != "AAAA" else "BBBB"))
    assert forged.outcome == "invalid_token"
    ghost = make_token(bytes(door_event.private_key), bytes(door_event.public_key), door_event.code, 987_654, 1)
    assert try_token(ghost).outcome == "unknown_attendee"
    save_event(read_event_file(MINI_EVENT), now=EVENT_MORNING)
    mini = get_event("mini-2025")
    import_attendees(FIXTURES / "mini-attendees.csv", event=mini, now=EVENT_MORNING)
    other = try_token(token_for(find(mini, "M-001")))
    assert other.outcome == "invalid_token" and "Mini Forum" in other.message
    assert counter(door_event, "P1", at(9)) == 0
    assert DoorScan.select().where(DoorScan.attendee.is_null()).count() == 4   # all but the other event's


def test_every_role_may_scan_at_a_door_and_bad_requests_change_nothing(door_event, desk_staff):
    for n, role in enumerate(("desk", "marshal", "organiser")):
        assert door(door_event, desk_staff[role], f"D-0{n + 1}", "P1", at(9)).outcome == "admitted"
    scans = DoorScan.select().count()
    with pytest.raises(InputError, match="no session"):
        door(door_event, desk_staff["marshal"], "D-04", "Z9", at(9))
    with pytest.raises(InputError, match="direction"):
        door(door_event, desk_staff["marshal"], "D-04", "P1", at(9), "sideways")
    assert DoorScan.select().count() == scans


def test_door_runs_put_the_open_and_next_runs_first(door_event, desk_staff):
    door(door_event, desk_staff["marshal"], "D-01", "W1", at(10))
    morning = door_runs(door_event, at(10, 5))
    assert [r.session_run for r in morning] == ["P1", "W1", "R1", "R1/2"]
    assert [r.is_open for r in morning] == [True, True, False, False]
    assert (morning[1].occupancy, morning[1].capacity, morning[1].room) == (1, 2, "Small Room")
    assert morning[1].code_run == "W1"
    afternoon = door_runs(door_event, at(14, 5))
    assert [r.session_run for r in afternoon] == ["R1", "R1/2", "W1", "P1"]
    assert afternoon[2].occupancy == 0   # W1 ended: emptied


def test_every_scan_is_a_door_record_and_an_audit_entry(door_event, desk_staff):
    before = AuditEntry.select().count()
    results = [door(door_event, desk_staff["marshal"], "D-01", "W1", at(10)),
               door(door_event, desk_staff["marshal"], "D-01", "W1", at(10, 1)),
               door(door_event, desk_staff["marshal"], "D-06", "W1", at(10, 2))]
    assert AuditEntry.select().count() == before + 3
    assert [DoorScan.get_by_id(r.scan_id).outcome for r in results] == ["admitted", "already_inside",
                                                                         "not_checked_in"]
    # Each run has its seat counter from the event's load; only W1's moved, by the one admission.
    counters = {(c.session.code, c.session.run): c.occupied for c in SessionOccupancy.select()}
    assert counters[("W1", 1)] == 1 and sum(counters.values()) == 1
    assert len(counters) == Session.select().where(Session.event == door_event).count()


def test_a_session_with_door_scans_is_not_dropped_by_a_file_edit(door_event, desk_staff, tmp_path):
    door(door_event, desk_staff["marshal"], "D-07", "W1", at(10))
    text = DOOR_EVENT.read_text(encoding="utf-8")
    cut = text.index('[[sessions]]\ncode = "W1"')
    edited = tmp_path / "door-event.toml"
    edited.write_text(text[:cut] + text[text.index("[[sessions]]", cut + 5):], encoding="utf-8")
    (tmp_path / "mini-policy.md").write_text((FIXTURES / "mini-policy.md").read_text(encoding="utf-8"),
                                              encoding="utf-8")
    with pytest.raises(InputError, match="door recorded 1 scans"):
        save_event(read_event_file(edited), now=at(12))
    assert "W1" in {r.session_run for r in door_runs(door_event, at(12))}


def test_a_door_station_scans_with_an_approved_override(door_event, desk_staff):
    from checkin.stations.station import Station, StationSettings

    clock = [at(10)]
    station = Station(StationSettings(station_name="Door W", event_code="door-2025"), desk_staff["marshal"],
                      clock=lambda: clock[0])
    assert station.door_runs()[0] == ("P1", "P1 · Tue 09:00–12:00 · Main Hall · Plenary")
    tokens = [token_for(find(door_event, r)) for r in ("D-01", "D-02", "D-03")]
    assert [station.door("W1", t, "in").outcome for t in tokens] == ["admitted", "admitted", "full"]
    with pytest.raises(AccessDenied):
        station.door("W1", tokens[2], "in", override=("Olivia Organiser", "0000", "chair's guest"))
    over = station.door("W1", tokens[2], "in", override=("Olivia Organiser", "314159", "chair's guest"))
    assert over.outcome == "admitted" and over.detail["override"]["by"] == "Olivia Organiser"
    assert DoorScan.get_by_id(over.scan_id).station == "Door W"
    assert station.occupancy("W1").occupancy == 3
    assert station.door_by_id("W1", "D-01", "out").outcome == "exited"
    assert station.annul_door_scan(over.scan_id, "Olivia Organiser", "314159", "counted twice").effect == "taken_out"
    assert station.occupancy("W1").inside == ["D-02"]


# -- the command line ----------------------------------------------------------------------------

def test_cli_gives_every_outcome(door_event, desk_staff, db_path):
    reprint("D-07", event=door_event, by=desk_staff["organiser"], reason="badge lost", now=at(8))

    def cli(run, reg_or_token, direction, when, pin="5937", staff="Mona Marshal", extra=()):
        tok = reg_or_token if len(reg_or_token) > 8 else token_for(find(door_event, reg_or_token))
        out = run_cli("door", run, tok, "--direction", direction, "--station", "Door 1", "--staff", staff,
                      "--at", when, *extra, db_path=db_path, pin=pin)
        assert out.returncode == 0, out.stderr
        return json.loads(out.stdout)

    revoked_token = make_token(bytes(door_event.private_key), bytes(door_event.public_key), door_event.code,
                               find(door_event, "D-07").id, 1)
    seen = {}
    steps = [
        ("W1", "D-01", "in", "2025-11-18T09:30:00", "closed"),
        ("W1", "D-01", "in", "2025-11-18T10:00:00", "admitted"),
        ("W1", "D-01", "in", "2025-11-18T10:01:00", "already_inside"),
        ("W1", "D-02", "in", "2025-11-18T10:02:00", "admitted"),
        ("W1", "D-03", "in", "2025-11-18T10:03:00", "full"),
        ("W1", "D-02", "out", "2025-11-18T10:04:00", "exited"),
        ("W1", "D-02", "out", "2025-11-18T10:05:00", "not_inside"),
        ("W1", "D-06", "in", "2025-11-18T10:06:00", "not_checked_in"),
        ("occupancy", "W1", "", "2025-11-18T10:10:00", None),
        ("R1", "D-05", "in", "2025-11-18T13:50:00", "not_registered"),
        ("R1", "D-04", "in", "2025-11-18T13:51:00", "wrong_run"),
        ("R1", "NOT-A-REAL-TOKEN", "in", "2025-11-18T13:52:00", "invalid_token"),
        ("R1", revoked_token, "in", "2025-11-18T13:53:00", "revoked"),
        ("R1", make_token(bytes(door_event.private_key), bytes(door_event.public_key), door_event.code, 987_654, 1),
         "in", "2025-11-18T13:54:00", "unknown_attendee"),
    ]
    for run, who, direction, when, expected in steps:
        if run == "occupancy":   # the morning room, asked for in the middle of the day's replay
            occ = run_cli("occupancy", who, "--at", when, db_path=db_path, staff=("Mona Marshal", "5937"))
            assert occ.returncode == 0, occ.stderr
            assert {k: v for k, v in json.loads(occ.stdout).items() if k in ("occupancy", "capacity", "inside")} \
                == {"occupancy": 1, "capacity": 2, "inside": ["D-01"]}
            continue
        answer = cli(run, who, direction, when)
        assert answer["outcome"] == expected, (run, who, answer)
        assert {"outcome", "occupancy", "capacity"} <= set(answer)
        seen[expected] = answer
    assert set(seen) == set(OUTCOMES)
    assert seen["full"]["occupancy"] == 2 and seen["full"]["capacity"] == 2
    assert seen["wrong_run"]["message"] == "Registered for the 16:00 re-run instead (Tue 18 Nov)"
    assert seen["revoked"]["alert"] is True

    ended = json.loads(run_cli("occupancy", "W1", "--at", "2025-11-18T11:00:00", db_path=db_path,
                                staff=("Mona Marshal", "5937")).stdout)
    assert (ended["occupancy"], ended["inside"]) == (0, [])

    over = cli("R1", "D-05", "in", "2025-11-18T13:55:00", pin="314159", staff="Olivia Organiser",
               extra=("--override-reason", "invited by the chair"))
    assert over["outcome"] == "admitted" and over["detail"]["override"]["reason"] == "invited by the chair"
    refused = run_cli("door", "R1", token_for(find(door_event, "D-03")), "--direction", "in", "--station", "Door 1",
                      "--staff", "Mona Marshal", "--override-reason", "x", "--at", "2025-11-18T13:56:00",
                      db_path=db_path, pin="5937")
    assert refused.returncode == 3 and refused.stdout == "" and "may not override" in refused.stderr

    annul = run_cli("door-annul", str(over["scan_id"]), "--staff", "Olivia Organiser", "--reason", "wrong person",
                    "--at", "2025-11-18T13:57:00", db_path=db_path, pin="314159")
    assert annul.returncode == 0, annul.stderr
    assert json.loads(annul.stdout)["effect"] == "taken_out"
    denied = run_cli("door-annul", str(seen["admitted"]["scan_id"]), "--staff", "Mona Marshal", "--reason", "x",
                     db_path=db_path, pin="5937")
    assert denied.returncode == 3 and denied.stdout == ""
    bad = run_cli("door", "R1", "X" * 20, "--direction", "sideways", "--station", "D", "--staff", "Mona Marshal",
                  db_path=db_path, pin="5937")
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1
    verify = run_cli("audit", "verify", db_path=db_path)
    assert json.loads(verify.stdout)["ok"] is True


def test_a_door_named_for_a_session_or_room_lists_its_runs_first():
    from checkin.door.occupancy import DoorRun, for_station

    def run(code, room, is_open):
        return DoorRun(code, "t", room, datetime(2025, 1, 1), datetime(2025, 1, 1), 30, 0, is_open, True)
    runs = [run("P1", "Sentral Ballroom (plenary)", True), run("C2", "Meeting Room Kenanga (Pillar C lab 2)", True),
            run("C1", "Meeting Room Melati (Pillar C lab 1)", False), run("C1/2", "Meeting Room Melati", True)]
    assert [r.session_run for r in for_station("Door C1", runs)][:2] == ["C1", "C1/2"]
    assert [r.session_run for r in for_station("Kenanga door", runs)][0] == "C2"
    assert [r.session_run for r in for_station("Desk 1", runs)] == ["P1", "C2", "C1", "C1/2"]


def test_an_override_acts_only_on_the_person_and_refusal_it_was_approved_for(door_event, desk_staff):
    marshal, org = desk_staff["marshal"], desk_staff["organiser"]
    door(door_event, marshal, "D-01", "W1", at(10))
    door(door_event, marshal, "D-02", "W1", at(10))
    refused = door(door_event, marshal, "D-03", "W1", at(10, 1))
    assert refused.outcome == "full" and refused.overridable
    other = door(door_event, marshal, "D-04", "W1", at(10, 1))
    admitted = DoorScan.select().where(DoorScan.outcome == "admitted").count()
    event = door_event

    def override(token_of, **kw):
        return scan(token_for(find(event, token_of)), event=event, session_run="W1", direction="in", station="Door 1",
                    staff=marshal, override_reason="speaker's assistant", override_by=org, now=at(10, 2), **kw)
    # a scan behind the dialog: D-04's code with an override approved for D-03
    with pytest.raises(InputError, match="approved for D-03"):
        override("D-04", override_for="D-03", refused_scan_id=refused.scan_id)
    with pytest.raises(InputError, match="does not follow a refusal"):
        override("D-04", override_for="D-04", refused_scan_id=refused.scan_id)   # D-03's refusal, not D-04's
    assert DoorScan.select().where(DoorScan.outcome == "admitted").count() == admitted   # nothing done
    over = override("D-03", override_for="D-03", refused_scan_id=refused.scan_id)
    assert over.outcome == "admitted" and over.attendee.registration_id == "D-03"
    assert other.outcome == "full"
