from datetime import timedelta

import pytest

from checkin.errors import AccessDenied, InputError
from checkin.store.models import AuditEntry, Staff
from checkin.staff import MAX_WRONG_PINS, add_staff, authenticate, hash_pin, pin_matches
from checkin.timeutil import utcnow


def test_pins_are_salted_scrypt_hashes():
    a, b = hash_pin("1234"), hash_pin("1234")
    assert a != b and a.startswith("scrypt$") and "1234" not in a
    assert pin_matches("1234", a) and not pin_matches("1235", a)


def test_first_organiser_then_only_organisers_add(db):
    add_staff("Olivia", "organiser", "9999", by=None)
    with pytest.raises(AccessDenied, match="needs an organiser"):
        add_staff("Mallory", "organiser", "1111", by=None)
    org = authenticate("olivia", "9999")
    desk = add_staff("Dara", "desk", "1234", by=org)
    with pytest.raises(AccessDenied):
        add_staff("Eve", "desk", "1111", by=desk)
    with pytest.raises(InputError, match="already a staff member"):
        add_staff("DARA", "desk", "4321", by=org)
    assert Staff.select().count() == 2


@pytest.mark.parametrize("pin", ["12", "abcd", "", "1234567890123"])
def test_pin_format(db, pin):
    with pytest.raises(InputError):
        add_staff("Olivia", "organiser", pin, by=None)


def test_five_wrong_pins_lock_for_a_minute(db):
    add_staff("Dara", "organiser", "1234", by=None)
    now = utcnow()
    for attempt in range(MAX_WRONG_PINS):
        with pytest.raises(AccessDenied, match="wrong PIN"):
            authenticate("Dara", "0000", now=now)
    with pytest.raises(AccessDenied, match="locked"):
        authenticate("Dara", "1234", now=now + timedelta(seconds=30))
    assert authenticate("Dara", "1234", now=now + timedelta(seconds=61)).role == "organiser"
    assert AuditEntry.select().where(AuditEntry.kind == "sign_in_refused").count() == MAX_WRONG_PINS


def test_unknown_name_is_refused(db):
    with pytest.raises(AccessDenied, match="no active staff account"):
        authenticate("Nobody", "1234")
