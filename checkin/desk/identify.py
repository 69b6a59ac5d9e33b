"""From a scanned code to an attendee: the one place tokens are judged, for desks and doors."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from checkin.store.models import Attendee, Badge, Event
from checkin.timeutil import local_label
from checkin.desk.tokens import TokenClaims, TokenError, parse_token, verify_signature

# The attendee's columns at the head of every hot-path read (desk and door), in model order, so
# `attendee_from_row` makes the person without another query.
ATTENDEE_FIELDS = Attendee._meta.sorted_fields
ATTENDEE_COLUMNS = ", ".join(f"a.{f.column_name}" for f in ATTENDEE_FIELDS)
SERIAL = [f.name for f in ATTENDEE_FIELDS].index("badge_serial")
# A person's assigned session ids as one comma-joined column: (SQLite, PostgreSQL).
ASSIGNED_SESSIONS = ("(SELECT group_concat(session_id) FROM assignment WHERE attendee_id = a.id)",
                     "(SELECT string_agg(session_id::text, ',') FROM assignment WHERE attendee_id = a.id)")


@dataclass(frozen=True)
class Revocation:
    reprinted_at: datetime
    by: str
    station: str
    current_serial: int


@dataclass(frozen=True)
class Identified:
    outcome: str                    # "ok", "invalid_token", "wrong_event", "unknown_attendee", "revoked"
    message: str
    attendee: Attendee | None = None
    revocation: Revocation | None = None
    other_event: str = ""


def identify(token: str, event: Event) -> Identified:
    try:
        claims = parse_token(token)
    except TokenError as exc:
        return Identified("invalid_token", f"{exc}: find the person by name instead")
    if claims.key_tag != event.key_tag:
        other = Event.get_or_none(Event.key_tag == claims.key_tag)
        if other is not None:
            try:
                verify_signature(claims, bytes(other.public_key), other.code)
            except TokenError:
                return Identified("invalid_token", "this code's signature does not match: it was altered or forged")
            return Identified("wrong_event", f"this badge is for {other.name} ({other.code}), not {event.code}",
                              other_event=other.code)
        return Identified("wrong_event", f"this code is not from {event.code} (another event, or forged): "
                                         "find the person by name")
    try:
        verify_signature(claims, bytes(event.public_key), event.code)
    except TokenError as exc:
        return Identified("invalid_token", f"{exc}: find the person by name and check their ID")
    attendee = Attendee.get_or_none((Attendee.id == claims.attendee_id) & (Attendee.event == event))
    if attendee is None:
        return Identified("unknown_attendee", "this code is genuine but the person is no longer on the list: "
                                              "ask an organiser")
    if claims.serial < attendee.badge_serial:
        newer = (Badge.select().where((Badge.attendee == attendee) & (Badge.serial == claims.serial + 1)).first())
        when = newer.issued_at if newer else attendee.updated_at
        by = newer.station or newer.issued_by if newer else ""
        rev = Revocation(when, newer.issued_by if newer else "", newer.station if newer else "", attendee.badge_serial)
        return Identified("revoked", f"revoked, reprinted at {local_label(when, event.timezone)[-5:]}"
                                     f"{' by ' + by if by else ''}: keep this badge and alert an organiser",
                          attendee=attendee, revocation=rev)
    if claims.serial > attendee.badge_serial:
        return Identified("invalid_token", "this badge's serial was never issued here: alert an organiser")
    return Identified("ok", "", attendee=attendee)


def attendee_from_row(row: tuple) -> Attendee:
    """An Attendee from the first columns of a plain-SQL row (no query, no lazy load)."""
    person = Attendee(__no_default__=True)
    person.__data__ = {f.name: f.python_value(v) for f, v in zip(ATTENDEE_FIELDS, row)}
    person._dirty = set()
    return person


def verified_claims(token: str, event: Event) -> TokenClaims | None:
    """The token's claims if it is this event's and its signature holds; None sends the scan to
    `identify`, which says what is wrong with it."""
    try:
        claims = parse_token(token)
        if claims.key_tag != event.key_tag:
            return None
        verify_signature(claims, public_key(event), event.code)
    except TokenError:
        return None
    return claims


def public_key(event: Event) -> bytes:
    key = event.__dict__.get("_public_key")
    if key is None:
        key = event.__dict__["_public_key"] = bytes(event.public_key)
    return key
