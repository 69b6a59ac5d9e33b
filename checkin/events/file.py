"""The event file (TOML): read, check, and write an event with its rooms and sessions."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from checkin.badges.design import read_badge_table
from checkin.errors import InputError
from checkin.languages import language_code
from checkin.store.models import run_code
from checkin.timeutil import parse_instant, zone

_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
MAX_EVENT_FILE_BYTES = 1024 * 1024
MAX_POLICY_FILE_BYTES = 1024 * 1024
# Sane ranges: a number outside them is a typo or an attack, never a real event.
MAX_CAPACITY = 100_000
MAX_RUN = 20
MAX_MINUTES = 24 * 60


def file_inside(folder: Path, name: str, loc: str, what: str) -> Path:
    """A file named by the event file, which must sit in the event file's folder (or below it):
    an event file cannot make a station read /etc/hostname into its policy."""
    base = folder.resolve()
    target = (base / name).resolve()
    if not target.is_relative_to(base):
        raise InputError(f"{loc}: the {what} {name!r} is outside the event file's folder: put it next to the "
                         "event file")
    return target


def read_small_text(path: Path, limit: int, loc: str, what: str) -> str:
    try:
        if path.stat().st_size > limit:
            raise InputError(f"{loc}: the {what} is larger than {limit // 1024} KB: shorten it")
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{loc}: the {what} is not UTF-8 text (byte {exc.start}): save it as UTF-8") from None
    except OSError as exc:
        raise InputError(f"{loc}: cannot read the {what}: {exc.strerror or exc}") from None


@dataclass(frozen=True)
class RoomSpec:
    key: str
    name: str
    capacity: int


@dataclass(frozen=True)
class SessionSpec:
    code: str
    run: int
    title: str
    pillar: str
    starts: datetime
    ends: datetime
    room: str
    capacity: int | None
    registration_required: bool
    standby_release_minutes: int | None

    @property
    def run_code(self) -> str:
        return run_code(self.code, self.run)


@dataclass(frozen=True)
class EventSpec:
    code: str
    name: str
    timezone: str
    venue: str
    doors_open_minutes: int
    policy_version: str
    policy_text: str
    focal_point: str
    badge_settings: dict
    rooms: tuple[RoomSpec, ...]
    sessions: tuple[SessionSpec, ...] = field(default=())
    source_path: str = ""
    # unaccounted_minutes (int) and summary (language code -> the organiser's approved text)
    safeguarding_settings: dict = field(default_factory=dict)

    def first_day(self) -> date | None:
        if not self.sessions:
            return None
        return min(s.starts for s in self.sessions).astimezone(zone(self.timezone)).date()


def read_event_file(path: str | Path, *, start_on: date | None = None) -> EventSpec:
    """Parse and check an event file. `start_on` moves every session by whole days so the
    event's first day falls on that date (the demo runs live on any day)."""
    path = Path(path)
    where = path.name
    if not path.is_file():
        raise InputError(f"{path}: no such event file")
    text = read_small_text(path, MAX_EVENT_FILE_BYTES, where, "event file")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{where}: not valid TOML ({str(exc).splitlines()[0]}): fix the file and load it again") \
            from None
    except RecursionError:
        raise InputError(f"{where}: nested too deeply to be an event file: fix the file and load it again") from None

    ev = _table(data, "event", where)
    code = _text(ev, "code", f"{where} [event]")
    if not _CODE.match(code):
        raise InputError(f"{where} [event]: code {code!r} must be letters, digits, '-', '_' or '.' (e.g. aif-2025)")
    tz = _text(ev, "timezone", f"{where} [event]")
    try:
        zone(tz)
    except InputError as exc:
        raise InputError(f"{where} [event]: {exc}") from None
    doors = _int(ev.get("doors_open_minutes", 30), f"{where} [event] doors_open_minutes", minimum=0,
                 maximum=MAX_MINUTES)

    sg = _table(data, "safeguarding", where)
    policy_version = _text(sg, "policy_version", f"{where} [safeguarding]")
    policy_name = _text(sg, "policy_file", f"{where} [safeguarding]")
    policy_path = file_inside(path.parent, policy_name, f"{where} [safeguarding]", "policy file")
    if not policy_path.is_file():
        raise InputError(f"{where} [safeguarding]: policy file {policy_name!r} not found next to the event file")
    policy_text = read_small_text(policy_path, MAX_POLICY_FILE_BYTES, f"{where} [safeguarding]", "policy file")

    rooms: dict[str, RoomSpec] = {}
    for i, r in enumerate(_array(data, "rooms", where), start=1):
        loc = f"{where} [[rooms]] #{i}"
        key = _text(r, "id", loc)
        if key in rooms:
            raise InputError(f"{loc}: room id {key!r} is given twice")
        rooms[key] = RoomSpec(key, str(r.get("name") or key), _int(r.get("capacity"), f"{loc} capacity", minimum=1,
                                                                     maximum=MAX_CAPACITY))

    sessions = [_session(s, i, where, tz, rooms) for i, s in enumerate(_array(data, "sessions", where), start=1)]
    _check_runs(sessions, where)
    _check_rooms_free(sessions, where)

    spec = EventSpec(
        code=code, name=str(ev.get("name") or code), timezone=tz, venue=str(ev.get("venue", "")),
        doors_open_minutes=doors, policy_version=policy_version, policy_text=policy_text,
        focal_point=str(sg.get("focal_point", "")), badge_settings=read_badge_table(data.get("badge"), path.parent, where),
        rooms=tuple(rooms.values()), sessions=tuple(sessions), source_path=str(path.resolve()),
        safeguarding_settings=_safeguarding_settings(sg, f"{where} [safeguarding]"),
    )
    if start_on is not None and spec.first_day() is not None:
        shift = timedelta(days=(start_on - spec.first_day()).days)
        spec = shifted(spec, shift)
    return spec


DEFAULT_UNACCOUNTED_MINUTES = 20


def _safeguarding_settings(sg: dict, loc: str) -> dict:
    minutes = _int(sg.get("unaccounted_minutes", DEFAULT_UNACCOUNTED_MINUTES), f"{loc} unaccounted_minutes",
                   minimum=1, maximum=MAX_MINUTES)
    summary = sg.get("summary", {})
    if not isinstance(summary, dict):
        raise InputError(f"{loc}: summary must be a table, one entry per language (en = \"…\", th = \"…\")")
    texts = {}
    for key, text in summary.items():
        try:
            code = language_code(key)
        except InputError as exc:
            raise InputError(f"{loc}.summary: {exc}") from None
        if not isinstance(text, str) or not text.strip():
            raise InputError(f"{loc}.summary: {key} must be the summary's text")
        texts[code] = text.strip()
    return {"unaccounted_minutes": minutes, "summary": texts}


def shifted(spec: EventSpec, shift: timedelta) -> EventSpec:
    """Every session moved by `shift` of local wall-clock time (the demo lives at any date and hour)."""
    tz = zone(spec.timezone)
    moved = []
    for s in spec.sessions:
        # Shift the local wall-clock time, so 14:00 stays 14:00 across a DST change.
        starts = (s.starts.astimezone(tz).replace(tzinfo=None) + shift).replace(tzinfo=tz)
        ends = (s.ends.astimezone(tz).replace(tzinfo=None) + shift).replace(tzinfo=tz)
        moved.append(SessionSpec(**{**s.__dict__, "starts": starts, "ends": ends}))
    return EventSpec(**{**spec.__dict__, "sessions": tuple(moved)})


def _session(s: dict, i: int, where: str, tz: str, rooms: dict[str, RoomSpec]) -> SessionSpec:
    code = _text(s, "code", f"{where} [[sessions]] #{i}")
    loc = f"{where} session {code}"
    if not _CODE.match(code) or "/" in code:
        raise InputError(f"{loc}: a session code is letters, digits and '-' (e.g. C1 or B3-1)")
    run = _int(s.get("run", 1), f"{loc} run", minimum=1, maximum=MAX_RUN)
    if run > 1:
        loc = f"{loc}/{run}"
    room = _text(s, "room", loc)
    if room not in rooms:
        raise InputError(f"{loc}: room {room!r} is not among the [[rooms]] ids ({', '.join(rooms) or 'none'})")
    starts, ends = _when(s.get("starts"), f"{loc} starts", tz), _when(s.get("ends"), f"{loc} ends", tz)
    if ends <= starts:
        raise InputError(f"{loc}: ends before it starts")
    capacity = s.get("capacity")
    standby = s.get("standby_release_minutes")
    return SessionSpec(
        code=code, run=run, title=_text(s, "title", loc), pillar=str(s.get("pillar", "")),
        starts=starts, ends=ends, room=room,
        capacity=None if capacity is None else _int(capacity, f"{loc} capacity", minimum=1, maximum=MAX_CAPACITY),
        registration_required=_bool(s.get("registration_required", False), f"{loc} registration_required"),
        standby_release_minutes=None if standby is None else _int(standby, f"{loc} standby_release_minutes", minimum=0,
                                                                      maximum=MAX_MINUTES),
    )


def _check_runs(sessions: list[SessionSpec], where: str) -> None:
    seen = {(s.code, s.run) for s in sessions}
    if len(seen) != len(sessions):
        dup = next(s for s in sessions if sum((t.code, t.run) == (s.code, s.run) for t in sessions) > 1)
        raise InputError(f"{where}: session {dup.run_code} is given twice")
    for s in sessions:
        if s.run > 1 and (s.code, 1) not in seen:
            raise InputError(f"{where}: session {s.run_code} is a re-run of {s.code}, but {s.code} has no run 1")


def _check_rooms_free(sessions: list[SessionSpec], where: str) -> None:
    by_room: dict[str, list[SessionSpec]] = {}
    for s in sessions:
        by_room.setdefault(s.room, []).append(s)
    for room, group in by_room.items():
        group.sort(key=lambda s: s.starts)
        for a, b in zip(group, group[1:]):
            if b.starts < a.ends:
                raise InputError(f"{where}: sessions {a.run_code} and {b.run_code} are both in room {room!r} at "
                                 f"{b.starts.isoformat(timespec='minutes')}: move one")


def _when(value, loc: str, tz: str) -> datetime:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=zone(tz))
        return value
    if isinstance(value, str):
        try:
            return parse_instant(value, tz)
        except InputError:
            pass
    raise InputError(f"{loc}: give a date and time such as 2025-11-18T14:00:00+08:00")


def _table(data: dict, name: str, where: str) -> dict:
    value = data.get(name)
    if not isinstance(value, dict):
        raise InputError(f"{where}: the [{name}] table is missing")
    return value


def _array(data: dict, name: str, where: str) -> list[dict]:
    value = data.get(name, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise InputError(f"{where}: [[{name}]] must be an array of tables")
    return value


def _text(table: dict, key: str, loc: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"{loc}: {key} is missing (a text value)")
    return value.strip()


def _int(value, loc: str, minimum: int, maximum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= maximum:
        raise InputError(f"{loc}: give a whole number of at least {minimum} and at most {maximum:,}")
    return value


def _bool(value, loc: str) -> bool:
    if not isinstance(value, bool):
        raise InputError(f"{loc}: give true or false")
    return value
