"""The delegation fixture: an Indonesian youth delegation with its chaperone, a Thai government
delegation of one, a Cambodian delegate and a Cambodian young person (see the CSV)."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from conftest import FIXTURES

DELEGATION_EVENT = FIXTURES / "delegation-event.toml"
DELEGATION_ATTENDEES = FIXTURES / "delegation-attendees.csv"
MORNING = datetime(2025, 11, 18, 0, 30, tzinfo=timezone.utc)   # 08:30 in Kuala Lumpur


def load_delegations(now=MORNING):
    from checkin.events.file import read_event_file
    from checkin.events.service import get_event, save_event
    from checkin.imports.importer import import_attendees

    save_event(read_event_file(DELEGATION_EVENT), now=now)
    event = get_event("deleg-2025")
    result = import_attendees(DELEGATION_ATTENDEES, event=event, now=now)
    assert result.created == 7 and not result.errors, result.as_json()
    return event


@pytest.fixture
def delegations(db):
    return load_delegations()


@pytest.fixture
def people(db):
    """One account per role, the focal point and a kiosk among them."""
    from checkin.staff import add_staff, authenticate

    add_staff("Olivia Organiser", "organiser", "314159", by=None)
    org = authenticate("Olivia Organiser", "314159")
    for name, role, pin in (("Dara Desk", "desk", "4826"), ("Mona Marshal", "marshal", "5937"),
                            ("Fatima Focal", "safeguarding", "4371"), ("Kiosk 1", "kiosk", "8153")):
        add_staff(name, role, pin, by=org)
    return {"organiser": org, "desk": authenticate("Dara Desk", "4826"),
            "marshal": authenticate("Mona Marshal", "5937"), "focal": authenticate("Fatima Focal", "4371"),
            "kiosk": authenticate("Kiosk 1", "8153")}
