"""Staff accounts, PINs and rights. Rights are checked here, in the core, whatever the UI shows."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from checkin.store import audit
from checkin.store.db import write_transaction
from checkin.errors import AccessDenied, InputError
from checkin.store.models import Staff
from checkin.timeutil import utcnow

# safeguarding: the focal point, who may ask where a young person is; kiosk: a self-service
# station's own account, which checks in only people who need nothing but to agree to the policy.
ROLES = ("desk", "marshal", "organiser", "safeguarding", "kiosk")
RIGHTS = {
    "scan": {"desk", "organiser"},
    "confirm_safeguarding": {"desk", "organiser"},
    "door": {"desk", "marshal", "organiser"},   # a spare desk laptop may serve a workshop door
    "reprint": {"organiser"},
    "annul": {"organiser"},
    "override": {"organiser"},
    "walk_in": {"organiser"},
    "import": {"organiser"},
    "event": {"organiser"},
    "staff": {"organiser"},
    "export": {"organiser"},
    "batch_print": {"organiser"},   # every attendee's badge or invitation at once
    "console": {"organiser"},       # the organiser console: dashboard, imports, staff, exports, purge
    "purge": {"organiser"},
    "where": {"organiser", "safeguarding"},     # where a young person is now; every question is audited
    "kiosk_check_in": {"kiosk"},                # the kiosk's narrow check-in: the policy and nothing else
    "print_first_badge": {"kiosk"},             # a badge never printed yet, for someone checked in
}
MAX_WRONG_PINS = 5
LOCK_SECONDS = 60
# scrypt at n=2**14 costs ~40 ms: cheap for one sign-in, dear for guessing a 4-digit PIN offline.
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


@dataclass(frozen=True)
class StaffMember:
    name: str
    role: str

    def can(self, right: str) -> bool:
        return self.role in RIGHTS[right]


def hash_pin(pin: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode("utf-8"), salt=salt, dklen=32, **_SCRYPT)
    return f"scrypt${_SCRYPT['n']}${_SCRYPT['r']}${_SCRYPT['p']}${salt.hex()}${digest.hex()}"


def pin_matches(pin: str, stored: str) -> bool:
    try:
        _, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    candidate = hashlib.scrypt(pin.encode("utf-8"), salt=bytes.fromhex(salt), dklen=32, n=int(n), r=int(r), p=int(p))
    return hmac.compare_digest(candidate.hex(), digest)


def name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def check_pin_format(pin: str) -> None:
    if not (pin.isdigit() and 4 <= len(pin) <= 12):
        raise InputError("a PIN is 4 to 12 digits: choose another")


def require(member: StaffMember, right: str) -> None:
    if not member.can(right):
        raise AccessDenied(f"{member.name} ({member.role}) may not {right.replace('_', ' ')}: ask an organiser")


def has_organiser() -> bool:
    return Staff.select().where((Staff.role == "organiser") & Staff.active).exists()


def add_staff(name: str, role: str, pin: str, *, by: StaffMember | None, station: str = "",
              now: datetime | None = None) -> StaffMember:
    """Create an account. The first organiser may be created by anyone; after that, an organiser."""
    now = now or utcnow()
    name = " ".join(name.split())
    if not name:
        raise InputError("a staff member needs a name")
    if role not in ROLES:
        raise InputError(f"unknown role {role!r}: use one of {', '.join(ROLES)}")
    check_pin_format(pin)
    with write_transaction():
        if by is None and has_organiser():
            raise AccessDenied("adding staff needs an organiser: pass --staff NAME with that organiser's PIN")
        if by is not None:
            require(by, "staff")
        if Staff.select().where(Staff.name_key == name_key(name)).exists():
            raise InputError(f"there is already a staff member called {name!r}: choose another name")
        _create(name, role, pin, by.name if by else "", station, now)
    return StaffMember(name, role)


def ensure_demo_account(name: str, role: str, pin: str, *, now: datetime | None = None) -> bool:
    """The demo loader's own accounts, made without a signed-in organiser; False if present."""
    now = now or utcnow()
    with write_transaction():
        if Staff.select().where(Staff.name_key == name_key(name)).exists():
            return False
        _create(name, role, pin, "demo", "", now)
    return True


def _create(name: str, role: str, pin: str, by: str, station: str, now: datetime) -> None:
    Staff.create(name=name, name_key=name_key(name), role=role, pin_hash=hash_pin(pin), created_at=now)
    audit.record("staff_added", station=station, staff=by, subject=name, detail={"role": role}, at=now)


def _locked(row, now) -> bool:
    return bool(row.locked_until and row.locked_until > now)


def authenticate(name: str, pin: str, *, station: str = "", now: datetime | None = None) -> StaffMember:
    """Sign in; five wrong PINs lock the account for a minute. A refusal is still recorded."""
    now = now or utcnow()
    with write_transaction():
        row = Staff.get_or_none(Staff.name_key == name_key(name))
        if row is None or not row.active:
            audit.record("sign_in_refused", station=station, subject=name, detail={"reason": "unknown"}, at=now)
            refusal = AccessDenied(f"no active staff account called {name!r}: check the name or ask an organiser")
        elif _locked(row, now):
            wait = int((row.locked_until - now).total_seconds()) + 1
            refusal = AccessDenied(f"{row.name} is locked after {MAX_WRONG_PINS} wrong PINs: try again in {wait} s")
        elif not pin_matches(pin, row.pin_hash):
            failed = row.failed_pins + 1
            locked = now + timedelta(seconds=LOCK_SECONDS) if failed >= MAX_WRONG_PINS else None
            Staff.update(failed_pins=0 if locked else failed, locked_until=locked).where(Staff.id == row.id).execute()
            audit.record("sign_in_refused", station=station, subject=row.name,
                         detail={"reason": "wrong_pin", "locked": bool(locked)}, at=now)
            refusal = AccessDenied(
                f"wrong PIN for {row.name}: locked for {LOCK_SECONDS} s" if locked
                else f"wrong PIN for {row.name} ({MAX_WRONG_PINS - failed} tries left before a {LOCK_SECONDS} s lock)"
            )
        else:
            if row.failed_pins or row.locked_until:
                Staff.update(failed_pins=0, locked_until=None).where(Staff.id == row.id).execute()
            return StaffMember(row.name, row.role)
    # Raised after the commit so the failed attempt counts even though the caller is refused.
    raise refusal


@dataclass(frozen=True)
class StaffAccount:
    name: str
    role: str
    active: bool
    locked: bool
    created_at: datetime

    def as_json(self) -> dict:
        return {"name": self.name, "role": self.role, "active": self.active, "locked": self.locked,
                "created_at": self.created_at.isoformat()}


def list_staff(*, now: datetime | None = None) -> list[StaffAccount]:
    now = now or utcnow()
    return [StaffAccount(r.name, r.role, r.active, _locked(r, now), r.created_at)
            for r in Staff.select().order_by(Staff.role, Staff.name_key)]


def _account(name: str) -> Staff:
    row = Staff.get_or_none(Staff.name_key == name_key(name))
    if row is None:
        raise InputError(f"no staff account called {name!r}: check the name")
    return row


def reset_pin(name: str, pin: str, *, by: StaffMember, station: str = "", now: datetime | None = None) -> StaffAccount:
    """A new PIN chosen by an organiser; it also lifts a lock from wrong PINs."""
    now = now or utcnow()
    require(by, "staff")
    check_pin_format(pin)
    with write_transaction():
        row = _account(name)
        Staff.update(pin_hash=hash_pin(pin), failed_pins=0, locked_until=None).where(Staff.id == row.id).execute()
        audit.record("staff_pin_reset", station=station, staff=by.name, subject=row.name, at=now)
    return StaffAccount(row.name, row.role, row.active, False, row.created_at)


def set_active(name: str, active: bool, *, by: StaffMember, station: str = "",
               now: datetime | None = None) -> StaffAccount:
    """Disable (or enable again) an account. The last active organiser cannot be disabled: no one
    could then manage staff, import or purge."""
    now = now or utcnow()
    require(by, "staff")
    with write_transaction():
        row = _account(name)
        if not active and row.role == "organiser" and row.active:
            others = Staff.select().where((Staff.role == "organiser") & Staff.active & (Staff.id != row.id)).count()
            if others == 0:
                raise InputError(f"{row.name} is the last active organiser: add another organiser first")
        if row.active != active:
            Staff.update(active=active).where(Staff.id == row.id).execute()
            audit.record("staff_enabled" if active else "staff_disabled", station=station, staff=by.name,
                         subject=row.name, at=now)
    return StaffAccount(row.name, row.role, active, _locked(row, now), row.created_at)


def disable_staff(name: str, *, by: StaffMember, station: str = "", now: datetime | None = None) -> StaffAccount:
    return set_active(name, False, by=by, station=station, now=now)
