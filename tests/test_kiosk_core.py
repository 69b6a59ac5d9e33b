"""The kiosk's narrow rights: only people who need nothing but the policy get through; the
agreement is recorded as the attendee's own; everyone else goes to the staffed desk."""

from __future__ import annotations

import pytest

from delegation_data import MORNING, delegations, people  # noqa: F401


def _token(event, reg):
    from checkin.attendees import find, token_for

    return token_for(find(event, reg))


def test_an_adult_who_needs_only_the_policy_agrees_and_is_checked_in(delegations, people):
    from checkin.desk import kiosk
    from checkin.store.models import CheckIn, SafeguardingConfirmation

    token = _token(delegations, "D-A1")
    shown = kiosk.look(token, event=delegations, station="Kiosk 1", staff=people["kiosk"], now=MORNING)
    assert shown.outcome == "agree" and shown.greeting_name == "สมศรี ใจงาม" and shown.language == "th"
    assert shown.summary_language == "th" and shown.summary.startswith("ดูแลเด็ก")
    assert CheckIn.select().count() == 0       # looking changes nothing

    done = kiosk.agree(token, event=delegations, station="Kiosk 1", staff=people["kiosk"],
                       policy_version=shown.policy_version, now=MORNING)
    assert done.outcome == "checked_in" and done.lanyard == "photos ok"
    agreement = SafeguardingConfirmation.get(SafeguardingConfirmation.method != "registration")
    assert (agreement.method, agreement.station, agreement.staff, agreement.policy_version) == (
        "kiosk", "Kiosk 1", "", "2025-1")
    assert CheckIn.get().station == "Kiosk 1"


def test_a_language_without_a_summary_falls_back_to_english(delegations, people):
    from checkin.desk import kiosk

    shown = kiosk.look(_token(delegations, "D-A2"), event=delegations, station="Kiosk 1", staff=people["kiosk"],
                       language="vi", now=MORNING)
    assert shown.language == "vi" and shown.summary_language == "en" and shown.summary.startswith("Keep children")


@pytest.mark.parametrize("reg, reason", [("D-Y1", "young_person"), ("D-Y2", "young_person")])
def test_young_people_always_go_to_the_desk(delegations, people, reg, reason):
    from checkin.desk import kiosk
    from checkin.store.models import CheckIn

    for step in (kiosk.look, lambda t, **kw: kiosk.agree(t, policy_version="2025-1", **kw)):
        answer = step(_token(delegations, reg), event=delegations, station="Kiosk 1", staff=people["kiosk"],
                      now=MORNING)
        assert (answer.outcome, answer.reason) == ("go_to_desk", reason)
        assert answer.greeting_name == ""       # a young person's name is not shown on a public screen
    assert CheckIn.select().count() == 0


def test_already_in_forged_and_other_events_go_to_the_desk(delegations, people):
    from checkin.desk import kiosk
    from checkin.desk.service import check_in_by_id

    check_in_by_id("D-CH1", event=delegations, station="Desk 1", staff=people["desk"], now=MORNING)
    look = lambda t: kiosk.look(t, event=delegations, station="Kiosk 1", staff=people["kiosk"], now=MORNING)  # noqa: E731
    assert look(_token(delegations, "D-CH1")).reason == "already_checked_in"
    assert look("NOTACODE").reason == "invalid_code"
    token = _token(delegations, "D-A1")
    assert look(token[:-3] + ("AAA" if token[-3:] != "AAA" else "BBB")).reason == "invalid_code"


def test_an_old_policy_version_on_the_screen_is_not_an_agreement(delegations, people):
    from checkin.desk import kiosk
    from checkin.store.models import CheckIn

    answer = kiosk.agree(_token(delegations, "D-A1"), event=delegations, station="Kiosk 1", staff=people["kiosk"],
                         policy_version="2024-1", now=MORNING)
    assert (answer.outcome, answer.reason) == ("go_to_desk", "policy_changed") and CheckIn.select().count() == 0


def test_the_kiosk_account_can_do_nothing_else(delegations, people):
    from checkin.badges.reprint import reprint
    from checkin.badges.service import print_badge
    from checkin.delegations.service import check_in_delegation
    from checkin.desk import kiosk
    from checkin.desk.service import annul_checkin, check_in_by_id, scan
    from checkin.errors import AccessDenied
    from checkin.safeguarding.where import where

    k = people["kiosk"]
    attempts = [
        lambda: scan(_token(delegations, "D-Y1"), event=delegations, station="Kiosk 1", staff=k),
        lambda: check_in_by_id("D-A1", event=delegations, station="Kiosk 1", staff=k),
        lambda: reprint("D-A1", event=delegations, by=k, reason="lost"),
        lambda: annul_checkin("D-A1", event=delegations, by=k, reason="oops"),
        lambda: where("D-Y1", event=delegations, by=k),
        lambda: check_in_delegation("D-CH1", event=delegations, station="Kiosk 1", staff=k),
        # a badge for someone not checked in (or printed already) is not the kiosk's to print
        lambda: print_badge("D-A2", event=delegations, queue="none", station="Kiosk 1", staff=k),
    ]
    for attempt in attempts:
        with pytest.raises(AccessDenied):
            attempt()
    with pytest.raises(AccessDenied):   # and a desk account is not a kiosk
        kiosk.look(_token(delegations, "D-A1"), event=delegations, station="Desk 1", staff=people["desk"])
