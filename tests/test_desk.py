from datetime import timedelta

import pytest

from checkin.attendees import find, token_for
from checkin.desk.service import annul_checkin, check_in_by_id, scan
from checkin.errors import AccessDenied, InputError
from checkin.store.models import AuditEntry, CheckIn, SafeguardingConfirmation
from conftest import EVENT_MORNING


SCHEDULE_C1 = "Tue 14:00–15:30 · C1 · Room C"   # 18 Nov 2025 in Kuala Lumpur


def scan_as(staff, event, reg=None, token=None, **kw):
    token = token or token_for(find(event, reg))
    return scan(token, event=event, station="Desk 1", staff=staff, now=kw.pop("now", EVENT_MORNING), **kw)


def test_welcome_checks_in_once(loaded, desk_staff):
    result = scan_as(desk_staff["desk"], loaded, "M-001")
    assert result.outcome == "checked_in"
    assert result.attendee.name == "Nguyễn Văn Đức"
    assert result.lanyard == "photos ok"
    assert result.changed == ("checkin",)
    assert result.may_reprint and result.may_annul and result.as_json()["may_reprint"]
    assert CheckIn.select().count() == 1
    # the card tells the clerk where the person goes: day, time, run and room
    assert result.attendee.sessions == ("C1",)
    assert result.attendee.schedule == (SCHEDULE_C1,)

    again = scan_as(desk_staff["desk"], loaded, "M-001", now=EVENT_MORNING + timedelta(minutes=5))
    assert again.outcome == "already_checked_in"
    assert again.checked_in.station == "Desk 1" and again.checked_in.staff == "Dara Desk"
    assert "08:30" in again.message
    assert CheckIn.select().count() == 1


def test_safeguarding_gate_then_confirmation(loaded, desk_staff):
    first = scan_as(desk_staff["desk"], loaded, "M-002")
    assert first.outcome == "needs_safeguarding"
    assert first.policy.version == "2025-1" and "alone with a child" in first.policy.summary
    assert first.lanyard is None
    assert not first.may_reprint and not first.may_annul
    assert CheckIn.select().count() == 0

    confirmed = scan_as(desk_staff["desk"], loaded, "M-002", confirm_safeguarding=True)
    assert confirmed.outcome == "checked_in"
    assert confirmed.changed == ("safeguarding", "checkin")
    assert confirmed.lanyard == "no photos"
    row = SafeguardingConfirmation.get(SafeguardingConfirmation.method == "desk")
    assert (row.policy_version, row.station, row.staff) == ("2025-1", "Desk 1", "Dara Desk")


def test_agreement_to_an_older_policy_is_not_enough(loaded, desk_staff):
    assert scan_as(desk_staff["desk"], loaded, "M-005").outcome == "needs_safeguarding"


def test_young_person_with_consent_gets_the_youth_badge_name(loaded, desk_staff):
    result = scan_as(desk_staff["desk"], loaded, "M-003")
    assert result.outcome == "checked_in"
    assert result.attendee.is_minor and result.attendee.badge_name == "Siti"
    assert result.attendee.organisation == ""
    assert result.lanyard == "no photos"  # photo consent not given: defaults to no


def test_young_person_without_guardian_consent_is_stopped(loaded, desk_staff):
    result = scan_as(desk_staff["desk"], loaded, "M-004", confirm_safeguarding=True)
    assert result.outcome == "needs_guardian_consent"
    assert "guardian consent and a named chaperone" in result.message
    assert CheckIn.select().count() == 0
    assert SafeguardingConfirmation.select().where(SafeguardingConfirmation.method == "desk").count() == 0


def test_forged_and_garbage_codes(loaded, desk_staff):
    good = token_for(find(loaded, "M-001"))
    forged = good[:100] + ("A" if good[100] != "A" else "B") + good[101:]
    assert scan_as(desk_staff["desk"], loaded, token=forged).outcome == "invalid_token"
    assert scan_as(desk_staff["desk"], loaded, token="HELLO WORLD").outcome == "invalid_token"
    assert scan_as(desk_staff["desk"], loaded, token=good[:-3]).outcome == "invalid_token"
    assert CheckIn.select().count() == 0
    refusals = AuditEntry.select().where(AuditEntry.kind == "scan").count()
    assert refusals == 3


def test_wrong_event(loaded, desk_staff, tmp_path):
    from checkin.events.file import read_event_file
    from checkin.events.service import get_event, save_event
    from conftest import FIXTURES, MINI_EVENT

    (tmp_path / "mini-policy.md").write_text((FIXTURES / "mini-policy.md").read_text())
    (tmp_path / "other.toml").write_text(MINI_EVENT.read_text().replace('"mini-2025"', '"mini-2026"'))
    save_event(read_event_file(tmp_path / "other.toml"))
    other = get_event("mini-2026")
    result = scan_as(desk_staff["desk"], other, token=token_for(find(loaded, "M-001")))
    assert result.outcome == "wrong_event"
    assert "mini-2025" in result.message


def test_unknown_attendee(loaded, desk_staff):
    from checkin.store.models import Attendee

    person = find(loaded, "M-001")
    token = token_for(person)
    Attendee.delete().where(Attendee.id == person.id).execute()
    assert scan_as(desk_staff["desk"], loaded, token=token).outcome == "unknown_attendee"


def test_reprint_revokes_the_old_badge(loaded, desk_staff):
    from checkin.badges.reprint import reprint

    old = token_for(find(loaded, "M-001"))
    later = EVENT_MORNING + timedelta(hours=2, minutes=12)
    new = reprint("M-001", event=loaded, by=desk_staff["organiser"], reason="lost", station="Desk 2", now=later)
    assert new.serial == 2 and new.token != old
    refused = scan_as(desk_staff["desk"], loaded, token=old)
    assert refused.outcome == "revoked"
    assert "reprinted at 10:42 by Desk 2" in refused.message
    assert scan_as(desk_staff["desk"], loaded, token=new.token).outcome == "checked_in"


def test_reprint_needs_organiser_and_reason(loaded, desk_staff):
    from checkin.badges.reprint import reprint

    with pytest.raises(AccessDenied):
        reprint("M-001", event=loaded, by=desk_staff["desk"], reason="lost")
    with pytest.raises(InputError):
        reprint("M-001", event=loaded, by=desk_staff["organiser"], reason="  ")
    assert find(loaded, "M-001").badge_serial == 1


def test_marshal_may_not_check_in(loaded, desk_staff):
    with pytest.raises(AccessDenied):
        scan_as(desk_staff["marshal"], loaded, "M-001")


def test_annul_then_check_in_again(loaded, desk_staff):
    scan_as(desk_staff["desk"], loaded, "M-001")
    with pytest.raises(AccessDenied):
        annul_checkin("M-001", event=loaded, by=desk_staff["desk"], reason="wrong person")
    annul_checkin("M-001", event=loaded, by=desk_staff["organiser"], reason="wrong person")
    assert scan_as(desk_staff["desk"], loaded, "M-001").outcome == "checked_in"
    assert CheckIn.select().count() == 2
    assert AuditEntry.select().where(AuditEntry.kind == "checkin_annulled").count() == 1


def test_search_result_check_in_by_id(loaded, desk_staff):
    result = check_in_by_id("M-001", event=loaded, station="Desk 1", staff=desk_staff["desk"], now=EVENT_MORNING)
    assert result.outcome == "checked_in"


def test_walk_in_needs_an_organiser_then_checks_in_like_anyone(loaded, desk_staff):
    from checkin.desk.walkins import WalkIn, register_walk_in

    w = WalkIn(given_name="Ratana", family_name="Chea", organisation="Khmer Youth Voice", country="Cambodia",
               reason="invited by the co-host ministry")
    with pytest.raises(AccessDenied):
        register_walk_in(w, event=loaded, approved_by=desk_staff["desk"])
    with pytest.raises(InputError, match="say why"):
        register_walk_in(WalkIn(given_name="X"), event=loaded, approved_by=desk_staff["organiser"])
    person = register_walk_in(w, event=loaded, approved_by=desk_staff["organiser"], station="Desk 1")
    assert person.registration_id == "WALKIN-0001" and person.walk_in
    second = register_walk_in(w, event=loaded, approved_by=desk_staff["organiser"])
    assert second.registration_id == "WALKIN-0002"
    first = check_in_by_id("WALKIN-0001", event=loaded, station="Desk 1", staff=desk_staff["desk"], now=EVENT_MORNING)
    assert first.outcome == "needs_safeguarding"
    done = check_in_by_id("WALKIN-0001", event=loaded, station="Desk 1", staff=desk_staff["desk"],
                          confirm_safeguarding=True, now=EVENT_MORNING)
    assert done.outcome == "checked_in" and done.attendee.walk_in
