from datetime import timedelta

import pytest

from checkin.errors import AccessDenied, InputError
from checkin.store.models import AuditEntry, Staff
from checkin.staff import (MAX_WRONG_PINS, add_staff, authenticate, check_pin_format, hash_pin, issue_recovery_code,
                           lock_seconds, pin_matches, unlock)
from checkin.timeutil import utcnow


def test_pins_are_salted_scrypt_hashes():
    a, b = hash_pin("4826"), hash_pin("4826")
    assert a != b and a.startswith("scrypt$") and "4826" not in a
    assert pin_matches("4826", a) and not pin_matches("1235", a)


def test_first_organiser_then_only_organisers_add(db):
    add_staff("Olivia", "organiser", "314159", by=None)
    with pytest.raises(AccessDenied, match="needs an organiser"):
        add_staff("Mallory", "organiser", "1111", by=None)
    org = authenticate("olivia", "314159")
    desk = add_staff("Dara", "desk", "4826", by=org)
    with pytest.raises(AccessDenied):
        add_staff("Eve", "desk", "1111", by=desk)
    with pytest.raises(InputError, match="already a staff member"):
        add_staff("DARA", "desk", "4371", by=org)
    assert Staff.select().count() == 2


@pytest.mark.parametrize("pin", ["12", "abcd", "", "1234567890123"])
def test_pin_format(db, pin):
    with pytest.raises(InputError):
        add_staff("Olivia", "organiser", pin, by=None)


def test_five_wrong_pins_lock_on_the_real_clock_and_each_lock_is_longer(db):
    add_staff("Dara", "organiser", "314159", by=None)
    now = utcnow()
    for attempt in range(MAX_WRONG_PINS):
        with pytest.raises(AccessDenied, match="wrong PIN"):
            authenticate("Dara", "000000", now=now)
    with pytest.raises(AccessDenied, match="locked"):
        authenticate("Dara", "314159", now=now + timedelta(seconds=30))
    # A command told it is an hour later (--at) is still locked: the lock counts on the real clock.
    with pytest.raises(AccessDenied, match="locked"):
        authenticate("Dara", "314159", now=now + timedelta(hours=1))
    assert AuditEntry.select().where(AuditEntry.kind == "sign_in_refused").count() == MAX_WRONG_PINS + 2
    # The minute passes (the lock's end moved into the past, as the real clock would).
    Staff.update(locked_until=utcnow() - timedelta(seconds=1)).execute()
    for attempt in range(MAX_WRONG_PINS):
        with pytest.raises(AccessDenied, match="wrong PIN"):
            authenticate("Dara", "000000", now=now)
    lock = Staff.get().locked_until - utcnow()
    assert timedelta(minutes=4) < lock <= timedelta(minutes=5)
    Staff.update(locked_until=utcnow() - timedelta(seconds=1)).execute()
    assert authenticate("Dara", "314159", now=now + timedelta(seconds=61)).role == "organiser"


def test_unknown_name_is_refused(db):
    with pytest.raises(AccessDenied, match="no active staff account"):
        authenticate("Nobody", "4826")


@pytest.mark.parametrize("pin,role", [
    ("0000", "desk"), ("1111", "desk"), ("1234", "desk"), ("9876", "desk"), ("2468", "desk"), ("8901", "desk"),
    ("١٢٣٨٥٦", "organiser"),        # Arabic-Indic digits
    ("４８２６", "desk"),             # full-width digits
    ("4826", "organiser"),          # an organiser needs six digits
    ("123456", "organiser"), ("999999", "organiser"),
])
def test_guessable_pins_are_refused(db, pin, role):
    with pytest.raises(InputError):
        check_pin_format(pin, role)


def test_the_first_account_must_be_an_organiser_of_an_empty_database(db):
    with pytest.raises(AccessDenied, match="organiser"):
        add_staff("Dara", "desk", "4826", by=None)
    add_staff("Olivia", "organiser", "314159", by=None)
    with pytest.raises(AccessDenied):
        add_staff("Mallory", "organiser", "271828", by=None)


def test_another_organiser_or_the_recovery_code_unlocks(db):
    add_staff("Olivia", "organiser", "314159", by=None)
    org = authenticate("Olivia", "314159")
    add_staff("Omar", "organiser", "271828", by=org)
    add_staff("Dara", "desk", "4826", by=org)
    code = issue_recovery_code()
    assert code and issue_recovery_code() is None           # printed once
    for _ in range(MAX_WRONG_PINS):
        with pytest.raises(AccessDenied):
            authenticate("Olivia", "000000")
    with pytest.raises(AccessDenied, match="locked"):
        authenticate("Olivia", "314159")
    with pytest.raises(AccessDenied):
        unlock("Olivia", by=authenticate("Dara", "4826"))      # a desk account may not
    unlock("Olivia", by=authenticate("Omar", "271828"))
    assert authenticate("Olivia", "314159").role == "organiser"
    for _ in range(MAX_WRONG_PINS):
        with pytest.raises(AccessDenied):
            authenticate("Olivia", "000000")
    with pytest.raises(AccessDenied, match="recovery code"):
        unlock("Olivia", recovery_code="AAAA-BBBB-CCCC-DDDD-EEEE-FFFF")
    answer = unlock("Olivia", recovery_code=code.lower())
    assert answer["unlocked"] and answer["recovery_code"] != code
    assert authenticate("Olivia", "314159").role == "organiser"
    with pytest.raises(AccessDenied):
        unlock("Olivia", recovery_code=code)                  # used once


def test_locks_never_exceed_a_day():
    assert [lock_seconds(n) for n in (1, 2, 3)] == [60, 300, 900]
    assert max(lock_seconds(n) for n in range(1, 50)) == 86400
