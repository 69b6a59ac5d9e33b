"""Delegations at the desk: one member's badge opens the group; the group check-in goes through
each member's own rules, against a real SQLite file (and PostgreSQL)."""

from __future__ import annotations

import json

import pytest

from conftest import run_cli
from delegation_data import DELEGATION_ATTENDEES, DELEGATION_EVENT, MORNING, delegations, people  # noqa: F401
from postgres import pg_url  # noqa: F401 (fixture)


def test_import_keeps_delegation_and_language(delegations):
    from checkin.attendees import find

    assert find(delegations, "D-CH1").delegation == "ID-YOUTH"
    assert find(delegations, "D-CH1").language == "id"        # "Bahasa Indonesia" in the export
    assert find(delegations, "D-A1").language == "th"
    assert find(delegations, "D-A2").delegation == ""


def test_an_unknown_language_is_a_row_error(db, tmp_path):
    from checkin.events.file import read_event_file
    from checkin.events.service import get_event, save_event
    from checkin.imports.importer import import_attendees

    save_event(read_event_file(DELEGATION_EVENT), now=MORNING)
    bad = tmp_path / "bad.csv"
    bad.write_text("registration_id,given_name,language\nX-1,Ana,Klingon\nX-2,Ben,km\n", encoding="utf-8")
    result = import_attendees(bad, event=get_event("deleg-2025"), now=MORNING)
    assert result.created == 0
    assert [(e.row, e.column) for e in result.errors] == [(2, "language")]
    assert "en, th, vi" in result.errors[0].message


def test_any_members_badge_opens_the_delegation_in_order(delegations):
    from checkin.attendees import find, token_for
    from checkin.delegations.service import delegation_of

    group = delegation_of(token_for(find(delegations, "D-Y1")), event=delegations)
    assert group.name == "ID-YOUTH" and group.opened_by == "D-Y1"
    # the chaperone first, then the young people by name
    assert [m.registration_id for m in group.members] == ["D-CH1", "D-Y3", "D-Y2", "D-Y1"]
    needs = {m.registration_id: m.needs for m in group.members}
    assert needs == {"D-CH1": (), "D-Y1": (), "D-Y2": ("guardian_consent",), "D-Y3": ("safeguarding",)}
    assert all(m.state == "not_arrived" for m in group.members)
    assert group.present_ready == ("D-CH1", "D-Y3", "D-Y1")


def test_a_person_outside_any_delegation_is_told_so(delegations):
    from checkin.delegations.service import delegation_of
    from checkin.errors import InputError

    with pytest.raises(InputError, match="not in a delegation"):
        delegation_of("D-A2", event=delegations)


def test_group_check_in_leaves_out_whoever_fails_a_rule(delegations, people):
    from checkin.delegations.service import check_in_delegation
    from checkin.store.models import CheckIn

    group = check_in_delegation("D-CH1", event=delegations, station="Desk 1", staff=people["desk"], now=MORNING)
    outcome = {m.registration_id: m.outcome for m in group.members}
    assert outcome == {"D-CH1": "checked_in", "D-Y1": "checked_in", "D-Y2": "needs_guardian_consent",
                       "D-Y3": "needs_safeguarding"}
    assert group.checked_in == ("D-CH1", "D-Y1")       # delegation order: the badge batch's order
    assert "guardian consent" in next(m for m in group.members if m.registration_id == "D-Y2").message
    assert {c.attendee.registration_id for c in CheckIn.select()} == {"D-CH1", "D-Y1"}

    # Agus agrees to the policy at the desk; only he is named this time
    again = check_in_delegation("D-Y1", event=delegations, station="Desk 1", staff=people["desk"],
                                members=["D-Y3"], confirmed=["D-Y3"], now=MORNING)
    assert {m.registration_id: m.outcome for m in again.members if m.outcome} == {"D-Y3": "checked_in"}
    assert {m.registration_id: m.state for m in again.members} == {
        "D-CH1": "checked_in", "D-Y1": "checked_in", "D-Y2": "not_arrived", "D-Y3": "checked_in"}


def test_group_check_in_refuses_strangers_and_marshals(delegations, people):
    from checkin.delegations.service import check_in_delegation
    from checkin.errors import AccessDenied, InputError
    from checkin.store.models import CheckIn

    with pytest.raises(InputError, match="not in delegation ID-YOUTH: D-A1"):
        check_in_delegation("D-CH1", event=delegations, station="Desk 1", staff=people["desk"],
                            members=["D-Y1", "D-A1"], now=MORNING)
    with pytest.raises(AccessDenied):
        check_in_delegation("D-CH1", event=delegations, station="Door", staff=people["marshal"], now=MORNING)
    assert CheckIn.select().count() == 0


def _cli(*args, db_path, pin=None):
    done = run_cli(*args, db_path=db_path, pin=pin)
    return done.returncode, (json.loads(done.stdout) if done.stdout.strip() else None), done.stderr


def test_command_line_contract(tmp_path):
    db = tmp_path / "c.sqlite3"
    run_cli("staff", "add", "Olivia", "--role", "organiser", "--pin-stdin", db_path=db, stdin="314159\n")
    run_cli("event", "load", str(DELEGATION_EVENT), db_path=db, staff=("Olivia", "314159"))
    run_cli("attendees", "import", str(DELEGATION_ATTENDEES), db_path=db, staff=("Olivia", "314159"))
    code, answer, _ = _cli("delegation", "D-Y2", "--staff", "Olivia", db_path=db, pin="314159")
    assert code == 0 and answer["delegation"] == "ID-YOUTH"
    first = answer["members"][0]
    assert set(first) >= {"registration_id", "name", "is_minor", "state", "needs"}
    assert first["registration_id"] == "D-CH1" and first["is_minor"] is False and first["state"] == "not_arrived"

    code, answer, err = _cli("delegation", "D-Y2", "--check-in", "--station", "Desk 1", "--staff", "Olivia",
                             "--members", "D-Y1,D-Y2", db_path=db, pin="314159")
    assert code == 0, err
    assert {m["registration_id"]: m.get("outcome") for m in answer["members"]} == {
        "D-CH1": None, "D-Y1": "checked_in", "D-Y2": "needs_guardian_consent", "D-Y3": None}
    assert answer["checked_in"] == ["D-Y1"]

    code, _, err = _cli("delegation", "D-Y2", "--check-in", "--station", "Desk 1", "--staff", "Olivia",
                        "--members", "D-A1", db_path=db, pin="314159")
    assert code == 2 and err.count("\n") == 1 and "not in delegation" in err
    code, _, err = _cli("delegation", "D-Y2", "--check-in", "--station", "Desk 1", "--staff", "Olivia",
                        db_path=db, pin="0000")
    assert code == 3


def test_group_check_in_on_postgresql(pg_url):  # noqa: F811
    from checkin.delegations.service import check_in_delegation
    from checkin.staff import add_staff, authenticate
    from checkin.store.schema import open_database
    from delegation_data import load_delegations

    db = open_database(pg_url)
    try:
        event = load_delegations()
        add_staff("Olivia", "organiser", "314159", by=None)
        group = check_in_delegation("D-CH1", event=event, station="Desk 1", staff=authenticate("Olivia", "314159"),
                                    confirmed=["D-Y3"], now=MORNING)
        assert group.checked_in == ("D-CH1", "D-Y3", "D-Y1")
    finally:
        db.close()


def test_the_demo_has_youth_delegations_with_their_chaperones_and_everyone_a_language(db):
    import csv
    from collections import defaultdict

    from checkin.languages import LANGUAGES
    from conftest import ROOT

    rows = list(csv.DictReader((ROOT / "assets" / "events" / "aif-2025" / "attendees.csv").open(encoding="utf-8")))
    groups = defaultdict(list)
    for r in rows:
        if r["delegation"]:
            groups[r["delegation"]].append(r)
    assert len(groups) == 20
    for name, members in groups.items():
        young = [r for r in members if r["role"] == "youth"]
        adults = [r for r in members if r["role"] != "youth"]
        assert young and len(adults) == 1, name
        named = adults[0]["name_latin"] or f"{adults[0]['given_name']} {adults[0]['family_name']}".strip()
        assert all(r["chaperone"] in ("", named) for r in young), name
    assert all(r["delegation"] for r in rows if r["role"] == "youth")
    assert {r["language"] for r in rows} <= set(LANGUAGES) and all(r["language"] for r in rows)


def test_a_forms_export_names_delegation_and_language_in_its_own_words(db, tmp_path):
    from checkin.events.file import read_event_file
    from checkin.events.service import get_event, save_event
    from checkin.imports.importer import import_attendees

    save_event(read_event_file(DELEGATION_EVENT), now=MORNING)
    event = get_event("deleg-2025")
    export = tmp_path / "form.csv"
    export.write_text(
        "Timestamp,Email Address,First name,Last name,Which delegation are you travelling with?,"
        "Preferred language for the kiosk\n"
        "2025/10/01 10:00:00 AM GMT+7,lan@example.org,Lan,Nguyen,VN-YOUTH-A,Tiếng Việt\n", encoding="utf-8")
    result = import_attendees(export, event=event, now=MORNING)
    assert result.created == 1, result.as_json()
    (person,) = list(event.attendees)
    assert (person.delegation, person.language) == ("VN-YOUTH-A", "vi")
