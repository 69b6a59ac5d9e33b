"""Times and dates as registration systems write them, read into aware UTC datetimes.

ISO 8601 (with `Z`, an offset, or none), Eventbrite's `11/29/24 22:28`, Google Forms'
`2022/06/22 11:07:29 AM AST`, Tito's `2024-05-21 10:15:32 UTC`, `GMT+8`-style zones. A time
without a zone is read in the event's timezone. A slash date that can only be read one way is
read that way; otherwise the mapping's date order decides. Without one, a time is read
month-first (the US exporters' habit; it only dates an agreement), but a date of birth is
refused: 04/03/2010 read the wrong way changes who is a minor.
Zone abbreviations are ambiguous in general; these are the ones seen in exports for the region,
with the meaning Google and CLDR give them in English (AST is Atlantic, GMT+3 is Arabia).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone

from checkin.timeutil import zone

ZONES = {
    "UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "BST": 60, "CET": 60, "CEST": 120, "EET": 120, "EEST": 180,
    "SGT": 480, "MYT": 480, "PHT": 480, "PHST": 480, "HKT": 480, "AWST": 480, "BNT": 480, "WITA": 480,
    "ICT": 420, "WIB": 420, "WIT": 540, "MMT": 390, "JST": 540, "KST": 540, "IST": 330, "PKT": 300,
    "AEST": 600, "AEDT": 660, "NZST": 720, "NZDT": 780, "TLT": 540,
    "AST": -240, "ADT": -180, "EST": -300, "EDT": -240, "CST": -360, "CDT": -300, "MST": -420, "MDT": -360,
    "PST": -480, "PDT": -420, "HST": -600, "AKST": -540, "AKDT": -480,
}

_OFFSET = re.compile(r"^(?:GMT|UTC)?([+-])(\d{1,2})(?::?(\d{2}))?$")
_SLASH = re.compile(r"^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})$")
_CLOCK = re.compile(r"^(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:\.\d+)?)?$")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
_ISO_DAY_T = re.compile(r"^\d{4}-\d{2}-\d{2}T")


def _may_be_iso(text: str) -> bool:
    """Whether fromisoformat could read it: every ISO 8601 date starts with a four-digit year.
    (Asking first spares the exception on each of 20,000 `10/29/25 14:05`.)"""
    return text[:4].isdigit()


class TimeFormatError(ValueError):
    pass


def parse_export_time(text: str, tz: str, *, day_first: bool | None = False) -> datetime:
    try:
        return _parse_time(text, tz, day_first)
    except OverflowError:            # year 1 or 9999 pushed past the calendar by a zone
        raise TimeFormatError(f"{text!r} is out of the calendar's range") from None


def _parse_time(text: str, tz: str, day_first: bool | None) -> datetime:
    raw = " ".join(text.split())
    if not raw:
        raise TimeFormatError("empty")
    if _may_be_iso(raw):
        try:
            iso = raw[:-1] + "+00:00" if raw.endswith("Z") else raw
            value = datetime.fromisoformat(iso)
            return _aware(value, tz)
        except ValueError:
            pass
    parts = raw.split(" ")
    if _ISO_DAY_T.match(parts[0]):                             # 2025-10-01T08:00:00 UTC
        parts[0:1] = parts[0].split("T", 1)
    offset = None
    if len(parts) > 1 and (parts[-1].upper() in ZONES or _OFFSET.match(parts[-1].upper())):
        offset = _offset(parts.pop().upper())
    if len(parts) > 1 and parts[-1].upper() in ("AM", "PM"):
        meridiem = parts.pop().upper()
        if not parts[-1:] or not _CLOCK.match(parts[-1]):
            raise TimeFormatError(f"{text!r} has AM/PM but no time")
        parts[-1] = parts[-1] + meridiem
    if len(parts) == 3 and parts[-1].isalpha():
        raise TimeFormatError(f"{text!r}: unknown time zone {parts[-1]!r} (write an offset such as +08:00)")
    if not parts or len(parts) > 2:
        raise TimeFormatError(f"{text!r} is not a date and time")
    day = parse_export_date(parts[0], day_first=bool(day_first))
    clock = _clock(parts[1]) if len(parts) == 2 else time(0, 0)
    value = datetime.combine(day, clock)
    if offset is not None:
        return value.replace(tzinfo=offset).astimezone(timezone.utc)
    return _aware(value, tz)


def parse_export_date(text: str, *, day_first: bool | None = None) -> date:
    """`day_first` None: a slash date that reads both ways is refused."""
    raw = text.strip()
    if _may_be_iso(raw):
        try:
            return date.fromisoformat(raw[:10]) if _ISO_DAY.match(raw) else date.fromisoformat(raw)
        except ValueError:
            pass
    m = _SLASH.match(raw)
    if not m:
        raise TimeFormatError(f"{text!r} is not a date")
    a, b, c = m.groups()
    if len(a) == 4:                                       # 2022/06/22 (Google Forms)
        year, month, day = int(a), int(b), int(c)
    else:
        year = int(c) + (2000 if len(c) <= 2 else 0)
        first, second = int(a), int(b)
        if day_first is None and first <= 12 and second <= 12 and first != second:
            raise TimeFormatError(f"{text!r} could be day/month or month/day")
        month, day = (second, first) if first > 12 or (day_first and second <= 12) else (first, second)
    try:
        return date(year, month, day)
    except ValueError:
        raise TimeFormatError(f"{text!r} is not a date") from None


def infer_day_first(values) -> bool | None:
    """A column's date order from all its values: a first number above 12 says day-first, a second
    above 12 month-first; None when no value decides it, or the values disagree."""
    day_first = month_first = False
    for value in values:
        m = _SLASH.match(value.strip().split(" ")[0]) if value else None
        if not m or len(m.group(1)) == 4:
            continue
        first, second = int(m.group(1)), int(m.group(2))
        day_first |= first > 12 and second <= 12
        month_first |= second > 12 and first <= 12
    if day_first != month_first:
        return day_first
    return None


def _clock(text: str) -> time:
    meridiem = ""
    if text[-2:].upper() in ("AM", "PM"):
        text, meridiem = text[:-2], text[-2:].upper()
    m = _CLOCK.match(text)
    if not m:
        raise TimeFormatError(f"{text!r} is not a time of day")
    hour, minute, second = int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)
    if meridiem:
        if not 1 <= hour <= 12:
            raise TimeFormatError(f"{text}{meridiem} is not a time of day")
        hour = hour % 12 + (12 if meridiem == "PM" else 0)
    try:
        return time(hour, minute, second)
    except ValueError:
        raise TimeFormatError(f"{text!r} is not a time of day") from None


def _offset(word: str) -> timezone:
    if word in ZONES:
        return timezone(timedelta(minutes=ZONES[word]))
    sign, hours, minutes = _OFFSET.match(word).groups()
    delta = timedelta(hours=int(hours), minutes=int(minutes or 0))
    if delta >= timedelta(hours=15):
        raise TimeFormatError(f"{word} is not a time zone offset")
    return timezone(-delta if sign == "-" else delta)


def _aware(value: datetime, tz: str) -> datetime:
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone(tz))
    return value.astimezone(timezone.utc)
