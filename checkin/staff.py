"""Staff accounts, PINs and rights. Rights are checked here, in the core, whatever the UI shows."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from checkin.store import audit
from checkin.store.db import write_transaction
from checkin.errors import AccessDenied, InputError
from checkin.store.models import Meta, Staff
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
    "consent": {"organiser"},       # guardian consent, chaperone, photo consent recorded at the desk
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
    # Reading personal data in bulk, or a person's badge code, needs a sign-in like any change.
    "token": {"organiser"},
    "search": {"desk", "marshal", "organiser"},
    "badge": {"desk", "organiser"},
    "occupancy": {"desk", "marshal", "organiser"},
    "sync": {"desk", "marshal", "organiser"},
    "audit": {"organiser"},
    "dashboard": {"organiser"},
    "leave_kiosk": {"organiser"},               # a kiosk screen goes back to the desktop only for an organiser
}
MAX_WRONG_PINS = 5
# Each lock after five wrong PINs lasts longer than the one before, never more than a day.
# They count on the machine's real clock: `--at` (a rehearsal's clock) never moves them.
LOCK_STEPS = (60, 300, 900, 3600, 4 * 3600, 86400)
LOCK_SECONDS = LOCK_STEPS[0]
ORGANISER_PIN_DIGITS = 6
# scrypt at n=2**15, r=8 (32 MB) costs ~0.1 s per try on this machine (README, "Security"), twice
# the cost before: quick for one sign-in, while trying all million 6-digit organiser PINs
# against a copied hash takes ~28 CPU-hours, and the database itself is encrypted at rest.
_SCRYPT = {"n": 2**15, "r": 8, "p": 1}
_SCRYPT_MAXMEM = 128 * 1024 * 1024


@dataclass(frozen=True)
class StaffMember:
    name: str
    role: str

    def can(self, right: str) -> bool:
        return self.role in RIGHTS[right]


def hash_pin(pin: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode("utf-8"), salt=salt, dklen=32, maxmem=_SCRYPT_MAXMEM, **_SCRYPT)
    return f"scrypt${_SCRYPT['n']}${_SCRYPT['r']}${_SCRYPT['p']}${salt.hex()}${digest.hex()}"


def pin_matches(pin: str, stored: str) -> bool:
    try:
        _, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    try:
        candidate = hashlib.scrypt(pin.encode("utf-8"), salt=bytes.fromhex(salt), dklen=32, n=int(n), r=int(r),
                                   p=int(p), maxmem=_SCRYPT_MAXMEM)
    except (ValueError, UnicodeEncodeError):
        return False
    return hmac.compare_digest(candidate.hex(), digest)


def name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def check_pin_format(pin: str, role: str = "desk") -> None:
    """ASCII digits only (not Arabic-Indic or full-width ones), no 0000 or 1234-style runs, and
    an organiser's PIN at least six digits."""
    if not (pin.isascii() and pin.isdigit() and 4 <= len(pin) <= 12):
        raise InputError("a PIN is 4 to 12 digits 0-9: choose another")
    if role == "organiser" and len(pin) < ORGANISER_PIN_DIGITS:
        raise InputError(f"an organiser's PIN has at least {ORGANISER_PIN_DIGITS} digits: choose a longer one")
    steps = {int(b) - int(a) for a, b in zip(pin, pin[1:])}
    wrapped = {step % 10 for step in steps}
    if (len(steps) == 1 and abs(next(iter(steps))) <= 2) or wrapped in ({1}, {9}):
        raise InputError("a PIN of one repeated digit or a straight run (0000, 1234, 9876, 2468) is the first "
                         "one guessed: choose another")


def require(member: StaffMember | None, right: str) -> StaffMember:
    """The one check of a right, for the window and the command line alike. No one signed in
    (no --staff) is refused as firmly as a missing right."""
    if member is None:
        raise AccessDenied(f"{right.replace('_', ' ')} needs a staff sign-in: pass --staff NAME and that person's "
                           "PIN in CHECKIN_PIN (or type it when asked)")
    if not member.can(right):
        raise AccessDenied(f"{member.name} ({member.role}) may not {right.replace('_', ' ')}: ask an organiser")
    return member


def has_organiser() -> bool:
    return Staff.select().where((Staff.role == "organiser") & Staff.active).exists()


def add_staff(name: str, role: str, pin: str, *, by: StaffMember | None, station: str = "",
              now: datetime | None = None) -> StaffMember:
    """Create an account. Only the very first account of an empty database, an organiser, may be
    created without a signed-in organiser; every later one needs one."""
    now = now or utcnow()
    name = " ".join(name.split())
    if not name:
        raise InputError("a staff member needs a name")
    if role not in ROLES:
        raise InputError(f"unknown role {role!r}: use one of {', '.join(ROLES)}")
    with write_transaction():
        if by is None:
            if Staff.select().exists():
                raise AccessDenied("adding staff needs an organiser: pass --staff NAME with that organiser's PIN")
            if role != "organiser":
                raise AccessDenied("the first account of a new database is an organiser: add it with --role organiser")
        else:
            require(by, "staff")
        if Staff.select().where(Staff.name_key == name_key(name)).exists():
            raise InputError(f"there is already a staff member called {name!r}: choose another name")
        check_pin_format(pin, role)
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


def _locked(row, now=None) -> bool:
    # The lock always counts on the real clock, whatever time the command was told (`--at`).
    return bool(row.locked_until and row.locked_until > utcnow())


def _lockouts_key(row) -> str:
    return f"lockouts:{row.id}"


def _lockouts(row) -> int:
    meta = Meta.get_or_none(Meta.key == _lockouts_key(row))
    try:
        return int(meta.value) if meta else 0
    except ValueError:
        return 0


def _set_lockouts(row, count: int) -> None:
    if count:
        Meta.insert(key=_lockouts_key(row), value=str(count)).on_conflict(
            conflict_target=[Meta.key], update={Meta.value: str(count)}).execute()
    else:
        Meta.delete().where(Meta.key == _lockouts_key(row)).execute()


def lock_seconds(lockouts: int) -> int:
    """How long the n-th lock in a row lasts (1 = the first): 1 min, 5, 15, 1 h, 4 h, then a day."""
    return LOCK_STEPS[min(max(lockouts, 1), len(LOCK_STEPS)) - 1]


def _wait_words(seconds: int) -> str:
    if seconds < 120:
        return f"{seconds} s"
    if seconds < 7200:
        return f"{round(seconds / 60)} min"
    return f"{seconds / 3600:.1f} h"


def authenticate(name: str, pin: str, *, station: str = "", now: datetime | None = None) -> StaffMember:
    """Sign in; five wrong PINs lock the account, each lock longer (1, 5, 15 min, 1 h, 4 h, a day).

    `now` is the time of the decision (a rehearsal's `--at`); the wrong-PIN count and the lock
    use the machine's real clock, so no command line can date guesses apart or lock an account
    for a thousand years. A refusal is still recorded."""
    now = now or utcnow()
    real = utcnow()
    with write_transaction():
        row = Staff.get_or_none(Staff.name_key == name_key(name))
        if row is None or not row.active:
            audit.record("sign_in_refused", station=station, subject=name, detail={"reason": "unknown"}, at=now)
            refusal = AccessDenied(f"no active staff account called {name!r}: check the name or ask an organiser")
        elif row.locked_until and row.locked_until > real:
            wait = int((row.locked_until - real).total_seconds()) + 1
            audit.record("sign_in_refused", station=station, subject=row.name, detail={"reason": "locked"}, at=now)
            refusal = AccessDenied(f"{row.name} is locked after {MAX_WRONG_PINS} wrong PINs: try again in "
                                   f"{_wait_words(wait)}, or ask another organiser to unlock it")
        elif not pin_matches(pin, row.pin_hash):
            failed = row.failed_pins + 1
            locked = None
            if failed >= MAX_WRONG_PINS:
                count = _lockouts(row) + 1
                _set_lockouts(row, count)
                locked = real + timedelta(seconds=lock_seconds(count))
            Staff.update(failed_pins=0 if locked else failed, locked_until=locked).where(Staff.id == row.id).execute()
            audit.record("sign_in_refused", station=station, subject=row.name,
                         detail={"reason": "wrong_pin", "locked": bool(locked)}, at=now)
            if locked:
                refusal = AccessDenied(f"wrong PIN for {row.name}: locked for "
                                       f"{_wait_words(int((locked - real).total_seconds()))}")
            else:
                refusal = AccessDenied(f"wrong PIN for {row.name} ({MAX_WRONG_PINS - failed} tries left before a lock)")
        else:
            if row.failed_pins or row.locked_until:
                Staff.update(failed_pins=0, locked_until=None).where(Staff.id == row.id).execute()
                _set_lockouts(row, 0)
            return StaffMember(row.name, row.role)
    # Raised after the commit so the failed attempt counts even though the caller is refused.
    raise refusal


# -- the recovery code: unlocks an organiser when no other organiser can ------------------------

RECOVERY_KEY = "recovery_code_sha256"


def _recovery_hash(code: str) -> str:
    return hashlib.sha256(("forum-checkin-recovery:" + "".join(code.split()).upper().replace("-", "")).encode()).hexdigest()


def issue_recovery_code(*, replace_existing: bool = False) -> str | None:
    """A new recovery code, shown once; only its hash is kept. None if one exists already."""
    with write_transaction():
        if not replace_existing and Meta.get_or_none(Meta.key == RECOVERY_KEY):
            return None
        raw = base64.b32encode(secrets.token_bytes(15)).decode()      # 120 bits, 24 characters
        code = "-".join(raw[i:i + 4] for i in range(0, 24, 4))
        Meta.insert(key=RECOVERY_KEY, value=_recovery_hash(code)).on_conflict(
            conflict_target=[Meta.key], update={Meta.value: _recovery_hash(code)}).execute()
    return code


def unlock(name: str, *, by: StaffMember | None = None, recovery_code: str | None = None, station: str = "",
           now: datetime | None = None) -> dict:
    """Lift a lock from wrong PINs: by another organiser, or with the recovery code printed when
    the event was set up (used once: a new one is printed in its place)."""
    now = now or utcnow()
    new_code = None
    with write_transaction():
        row = _account(name)
        if recovery_code is not None:
            stored = Meta.get_or_none(Meta.key == RECOVERY_KEY)
            if stored is None or not hmac.compare_digest(stored.value, _recovery_hash(recovery_code)):
                audit.record("unlock_refused", station=station, subject=row.name, detail={"reason": "recovery_code"},
                             at=now)
                refusal = AccessDenied("that recovery code is not this database's: check it on the paper it was "
                                       "printed on")
            else:
                refusal = None
                how = "recovery_code"
        else:
            require(by, "staff")
            if by.name == row.name:
                raise AccessDenied("an organiser cannot unlock their own account: ask another organiser or use the "
                                   "recovery code")
            refusal = None
            how = "organiser"
        if refusal is None:
            Staff.update(failed_pins=0, locked_until=None).where(Staff.id == row.id).execute()
            _set_lockouts(row, 0)
            audit.record("staff_unlocked", station=station, staff=by.name if by else "", subject=row.name,
                         detail={"how": how}, at=now)
    if refusal is not None:
        raise refusal
    if how == "recovery_code":
        new_code = issue_recovery_code(replace_existing=True)
    out = {"name": row.name, "unlocked": True}
    if new_code:
        out["recovery_code"] = new_code
    return out


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
    return [StaffAccount(r.name, r.role, r.active, _locked(r), r.created_at)
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
    with write_transaction():
        row = _account(name)
        check_pin_format(pin, row.role)
        Staff.update(pin_hash=hash_pin(pin), failed_pins=0, locked_until=None).where(Staff.id == row.id).execute()
        _set_lockouts(row, 0)
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
