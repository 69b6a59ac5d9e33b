"""What each `Station` operation may do while the station works from its offline copy.

One table, read by one class decorator: every public method of `Station` has a row, and the
decorator refuses to build the class if one is missing (tests/test_offline_policy.py walks the
methods too). The kinds:

- QUEUED: decided on the copy with the same core rules and queued for the server (scans, door
  scans, a badge print): the station goes on working.
- COPY: a read, answered by the copy when the server is unreachable (a few seconds old at most).
- ONLINE: needs the server. Offline it is refused with "needs the server: …" before anything
  runs, so nothing is written to the copy (which the next sync would overwrite, losing it).
- LOCAL: the station's own state (its connection); no shared data is read or written.

Only the outermost call is checked: a QUEUED scan that reads the event inside its own decision
is not re-wrapped as a COPY read (that would switch databases under it).
"""

from __future__ import annotations

import functools
import inspect
import threading
from enum import Enum

from checkin.errors import CheckinError, InputError
from checkin.stations import log as station_log
from checkin.stations.changes import changes_of


class Offline(Enum):
    QUEUED = "queued"
    COPY = "copy"
    ONLINE = "online"
    LOCAL = "local"


QUEUED, COPY, ONLINE, LOCAL = Offline.QUEUED, Offline.COPY, Offline.ONLINE, Offline.LOCAL

# method name -> (what it may do offline, how a refusal names it)
POLICY: dict[str, tuple[Offline, str]] = {
    # the desk
    "scan": (QUEUED, "a scan"),
    "check_in": (QUEUED, "a check-in"),
    "print_badge": (QUEUED, "printing a badge"),
    "print_job": (COPY, "a badge"),
    "send_badge": (LOCAL, "sending a badge to the printer"),
    "save_badge_pdf": (LOCAL, "saving a badge as PDF"),
    "badge_printed": (QUEUED, "recording a printed badge"),
    "badge_print_failed": (ONLINE, "recording a failed print"),
    "reprint_job": (ONLINE, "a reprint"),
    "reprint_done": (ONLINE, "a reprint"),
    "search": (COPY, "a search"),
    "counts": (COPY, "the counts"),
    "event": (COPY, "the event"),
    "authorise": (COPY, "a PIN check"),
    "reprint": (ONLINE, "a reprint"),
    "annul": (ONLINE, "an annulment"),
    "record_consent": (ONLINE, "recording consent"),
    "register_walk_in": (ONLINE, "registering a walk-in"),
    # delegations: the group is read from the copy; each member's check-in is queued like any scan
    "delegation": (COPY, "a delegation"),
    "check_in_delegation": (QUEUED, "a delegation check-in"),
    "print_badges": (ONLINE, "a batch of badges"),
    # safeguarding: each question is audited on the server, so it needs the server
    "where": (ONLINE, "asking where a young person is"),
    "young_people": (ONLINE, "the young people's whereabouts"),
    # the kiosk sends people to the staffed desk while the server is away
    "kiosk_look": (ONLINE, "the kiosk"),
    "kiosk_agree": (ONLINE, "the kiosk"),
    "leave_kiosk": (COPY, "a PIN check"),
    # the door
    "door": (QUEUED, "a door scan"),
    "door_by_id": (QUEUED, "a door scan"),
    "door_runs": (COPY, "the session runs"),
    "occupancy": (COPY, "the occupancy"),
    "annul_door_scan": (ONLINE, "annulling a door scan"),
    # the connection itself
    "connection_status": (LOCAL, "the connection status"),
    "sync": (LOCAL, "a sync"),
    "refresh_copy": (LOCAL, "refreshing the offline copy"),
    "anchor": (LOCAL, "signing the audit anchor"),
    # the organiser console
    "dashboard": (COPY, "the dashboard"),
    "anonymous_counts": (COPY, "the anonymous counts"),
    "staff_list": (COPY, "the staff list"),
    "add_staff": (ONLINE, "adding a staff account"),
    "reset_pin": (ONLINE, "resetting a PIN"),
    "set_staff_active": (ONLINE, "enabling or disabling a staff account"),
    # The copy holds no audit log of the server's, only this station's own offline entries.
    "audit_entries": (ONLINE, "the audit log"),
    "audit_kinds": (ONLINE, "the audit log"),
    "audit_verify": (ONLINE, "verifying the audit log"),
    "purge_outlook": (ONLINE, "a purge"),
    "purge": (ONLINE, "a purge"),
    "export": (ONLINE, "an export"),
    "daily_report": (ONLINE, "the daily summary"),
    # Badges made offline would carry no valid code: the copy has no private key.
    "batch_badges": (ONLINE, "batch badges"),
    "invitations": (ONLINE, "invitations"),
    # Sample people only: the design reads the same from the copy.
    "badge_preview": (COPY, "the badge preview"),
    "import_table": (ONLINE, "an import"),
    "import_preview": (ONLINE, "an import"),
    "import_attendees": (ONLINE, "an import"),
}


def public_methods(cls) -> list[str]:
    """The operations a caller can reach: public functions of the class (not properties, nor fields
    such as a default clock)."""
    fields = getattr(cls, "__dataclass_fields__", {})
    return sorted(name for name, member in inspect.getmembers(cls, inspect.isfunction)
                  if not name.startswith("_") and name not in fields)


def needs_server(what: str) -> InputError:
    return InputError(f"needs the server: {what} waits until the station is back online "
                      "(scans still work offline)")


_depth = threading.local()


def offline_policy(cls):
    """Wrap every public method of `cls` (a Station) by its row in POLICY; refuse a missing row."""
    methods = public_methods(cls)
    missing = [name for name in methods if name not in POLICY]
    stale = [name for name in POLICY if name not in methods]
    if missing or stale:
        raise TypeError(f"{cls.__name__}: offline policy missing for {missing}, stale rows {stale}")
    for name in methods:
        kind, what = POLICY[name]
        setattr(cls, name, _guarded(getattr(cls, name), kind, what))
    return cls


def _guarded(method, kind: Offline, what: str):
    name = method.__name__

    @functools.wraps(method)
    def call(self, *args, **kwargs):
        if getattr(_depth, "n", 0):
            # Inside another operation (a delegation's check-ins): it chose the database already.
            result = _inner(method, self, args, kwargs)
            if kind is QUEUED:
                station_log.operation_done(name, result, offline=self.connection is not None
                                           and self.connection.offline)
            return result
        connection = self.connection
        try:
            if connection is None or kind in (QUEUED, LOCAL):
                result = _inner(method, self, args, kwargs)
            elif kind is ONLINE:
                if connection.offline:
                    raise needs_server(what)
                result = connection.online(lambda: _inner(method, self, args, kwargs), what)
            else:
                result = connection.read(lambda: _inner(method, self, args, kwargs))
        except CheckinError as exc:
            station_log.operation_refused(name, exc)
            raise
        if kind in (QUEUED, ONLINE):
            # The station log: which registration and what came of it, never who it is.
            station_log.operation_done(name, result, offline=kind is QUEUED and connection is not None
                                       and connection.offline)
            # The change notice: the window refreshes what this changed (on this, the worker's, thread).
            changes = changes_of(name, result)
            listener = getattr(self, "on_change", None)
            if changes and listener is not None:
                listener(changes, name)
        return result
    call.offline = kind
    return call


def _inner(method, self, args, kwargs):
    _depth.n = getattr(_depth, "n", 0) + 1
    try:
        return method(self, *args, **kwargs)
    finally:
        _depth.n -= 1
