"""Instants and the event's wall clock. The core keeps aware UTC datetimes; `--at` and the
event file give local times, read in the event's timezone when they carry no offset."""

from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from checkin.errors import InputError


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise InputError(f"unknown timezone {name!r}: use an IANA name such as Asia/Kuala_Lumpur") from exc


def parse_instant(text: str, tz: str | None = None) -> datetime:
    """An ISO 8601 time; without an offset it is read in `tz` (the event's timezone)."""
    raw = text.strip()
    try:
        value = datetime.fromisoformat(raw.replace("Z", "+00:00") if raw.endswith("Z") else raw)
    except ValueError as exc:
        raise InputError(f"not an ISO 8601 time: {text!r} (write e.g. 2025-11-18T14:05:00+08:00)") from exc
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone(tz) if tz else timezone.utc)
    return value.astimezone(timezone.utc)


def local(value: datetime, tz: str) -> datetime:
    return value.astimezone(zone(tz))


def local_label(value: datetime, tz: str) -> str:
    """"Tue 18 Nov 10:42" in the event's timezone, for messages at the desk."""
    return local(value, tz).strftime("%a %d %b %H:%M")
