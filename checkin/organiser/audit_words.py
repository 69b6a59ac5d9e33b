"""The audit log in words: one sentence per entry, for the organiser's audit page.

`describe(kind, subject, detail)` says what happened ("checked in REG-123 (safeguarding
confirmed)"); `sentence(line, timezone)` puts the wall-clock time, station and staff in front
("10:42 Desk 2 · Dara Desk: …"). Pure functions of an entry: no database, no Qt. A kind this
module does not know still reads as words, never as JSON.
"""

from __future__ import annotations

import json

from checkin.timeutil import local


def _words(code) -> str:
    return str(code or "").replace("_", " ").replace(".", " ").strip()


def _ids(values) -> str:
    values = list(values or [])
    if not values:
        return "no one"
    shown = ", ".join(str(v) for v in values[:5])
    return shown + (f" and {len(values) - 5} more" if len(values) > 5 else "")


def _yes_no(value) -> str:
    return {True: "yes", False: "no"}.get(value, _words(value))


def _scan(subject: str, d: dict) -> str:
    outcome = d.get("outcome", "")
    who = subject or "an unknown code"
    changed = set(d.get("changed") or ())
    if outcome == "checked_in":
        return f"checked in {who}" + (" (safeguarding confirmed)" if "safeguarding" in changed else "")
    if outcome == "already_checked_in":
        return f"scanned {who}: already checked in"
    return f"scanned {who}: {_words(outcome) or 'no outcome'}"


def _door(verb: str, subject: str, d: dict) -> str:
    who = subject or "an unknown code"
    direction = {"in": "in", "out": "out"}.get(d.get("direction", ""), "")
    place = f" at session {d['session_run']}" if d.get("session_run") else ""
    outcome = d.get("outcome", "")
    seats = f" ({d['occupancy']} inside)" if d.get("occupancy") is not None else ""
    what = {"admitted": f"admitted {who}" + (f" {direction}" if direction == "out" else ""),
            "left": f"let {who} out"}.get(outcome, f"refused {who}: {_words(outcome)}" if outcome else f"scanned {who}")
    return f"{verb}{what}{place}{seats}"


def _consent(subject: str, d: dict) -> str:
    parts = []
    if "guardian_consent" in d:
        parts.append(f"guardian consent {_yes_no(d['guardian_consent'])}")
    if "chaperone_named" in d:
        parts.append("chaperone named" if d["chaperone_named"] else "chaperone removed")
    if "photo_consent" in d:
        parts.append(f"photo consent {_yes_no(d['photo_consent'])}")
    return f"recorded consent for {subject}: " + (", ".join(parts) or "no change") + _reason(d)


def _reason(d: dict) -> str:
    return f" — “{d['reason']}”" if d.get("reason") else ""


def _sign_in_refused(subject: str, d: dict) -> str:
    why = {"unknown": "no such staff member", "locked": "account locked",
           "wrong_pin": "wrong PIN" + (", now locked" if d.get("locked") else "")}.get(d.get("reason"), _words(d.get("reason")))
    return f"refused sign-in for {subject or 'someone'} ({why})"


_SAYS = {
    "scan": _scan,
    "door.scan": lambda s, d: _door("", s, d),
    "door.override": lambda s, d: _door("organiser override: ", s, d),
    "door.alert": lambda s, d: _door("ALERT: ", s, d),
    "door.annul": lambda s, d: f"annulled door scan #{d.get('scan_id', '?')} of {s or 'someone'}"
                               + (f" at session {d['session_run']}" if d.get("session_run") else "") + _reason(d),
    "safeguarding_confirmed": lambda s, d: f"confirmed safeguarding for {s}"
                                           + (f" ({_words(d['method'])})" if d.get("method") else ""),
    "checkin_annulled": lambda s, d: f"annulled the check-in of {s}" + _reason(d),
    "walk_in_registered": lambda s, d: f"registered walk-in {s}"
                                       + (f" as {_words(d['role'])}" if d.get("role") else "") + _reason(d),
    "consent_recorded": _consent,
    "kiosk_scan": lambda s, d: f"kiosk scan of {s or 'an unknown code'}: {_words(d.get('outcome')) or 'no outcome'}",
    "kiosk_check_in": lambda s, d: f"kiosk check-in of {s}: {_words(d.get('outcome')) or 'no outcome'}",
    "delegation_checkin": lambda s, d: f"checked in delegation {s}: {_ids(d.get('checked_in'))}"
                                       + (f"; left out {_ids(d.get('left_out'))}" if d.get("left_out") else ""),
    "badge_printed": lambda s, d: f"printed badge {d.get('serial', '')} for {s}".replace("  ", " ")
                                  + (f" (print {d['count']})" if d.get("count") else ""),
    "badge_reprinted": lambda s, d: f"issued new badge {d.get('serial', '')} for {s}".replace("  ", " ") + _reason(d),
    "badge_print_failed": lambda s, d: f"badge for {s} did not print"
                                       + (f" on {d['queue']}" if d.get("queue") else "")
                                       + (f": {d['error']}" if d.get("error") else ""),
    "offline_scan": lambda s, d: f"applied an offline {_words(d.get('kind')) or 'scan'} of {s or 'an unknown code'}: "
                                 f"{_words(d.get('outcome')) or 'no outcome'}",
    "offline_conflict": lambda s, d: f"offline {_words(d.get('kind')) or 'scan'} of {s or 'someone'} disagreed: "
                                     f"{_words(d.get('offline_outcome'))} offline, {_words(d.get('server_outcome'))} "
                                     f"on the server",
    "where_asked": lambda s, d: f"asked where {s} is: {_words(d.get('status')) or 'no answer'}",
    "young_people_viewed": lambda s, d: f"viewed the young people list ({d.get('count', 0)} shown"
                                        + (f", {d['unaccounted']} unaccounted" if d.get("unaccounted") else "") + ")",
    "personal_data_read": lambda s, d: f"read personal data: {_words(s) or 'a list'}"
                                       + (f" ({d['people']} people)" if d.get("people") is not None else ""),
    "export": lambda s, d: f"exported {_words(s) or 'a list'}"
                           + (f" as {str(d['format']).upper()}" if d.get("format") else "")
                           + (f" ({d['rows']} rows)" if d.get("rows") is not None else ""),
    "report": lambda s, d: f"made the {_words(s) or ''} report".replace("  ", " ")
                           + (f" for {d['day']}" if d.get("day") else "")
                           + (f" ({d['pages']} pages)" if d.get("pages") else ""),
    "attendees_imported": lambda s, d: f"imported attendees: {len(d.get('created') or [])} new, "
                                       f"{len(d.get('updated') or [])} updated",
    "event_loaded": lambda s, d: ("created" if d.get("created") else "updated") + " the event"
                                 + (f" ({d['sessions']} sessions)" if d.get("sessions") is not None else ""),
    "purge_young_people": lambda s, d: f"purged {d.get('removed', 0)} young people's records",
    "purge_attendees": lambda s, d: f"purged {d.get('removed', 0)} attendees' records",
    "event_purged": lambda s, d: f"purged the event's personal data ({d.get('scrubbed_entries', 0)} entries scrubbed)",
    "staff_added": lambda s, d: f"added staff member {s}" + (f" as {_words(d['role'])}" if d.get("role") else ""),
    "staff_enabled": lambda s, d: f"enabled staff member {s}",
    "staff_disabled": lambda s, d: f"disabled staff member {s}",
    "staff_pin_reset": lambda s, d: f"reset the PIN of {s}",
    "staff_unlocked": lambda s, d: f"unlocked {s}" + (f" ({_words(d['how'])})" if d.get("how") else ""),
    "unlock_refused": lambda s, d: f"refused to unlock {s} ({_words(d.get('reason'))})",
    "sign_in_refused": _sign_in_refused,
}

KNOWN_KINDS = frozenset(_SAYS)


def kind_label(kind: str) -> str:
    """A kind as a filter's label: "door.scan" -> "door scan"."""
    return _words(kind)


def describe(kind: str, subject: str, detail: str | dict | None) -> str:
    """What an entry says happened, in words (the detail as stored: JSON text, or a dict)."""
    if isinstance(detail, str):
        try:
            detail = json.loads(detail) if detail else {}
        except ValueError:
            detail = {}
    d = detail if isinstance(detail, dict) else {}
    say = _SAYS.get(kind)
    if say is None:
        return f"{_words(kind)} {subject}".strip()
    try:
        return say(subject, d)
    except (TypeError, ValueError, KeyError):   # an old entry with another shape: still words
        return f"{_words(kind)} {subject}".strip()


def sentence(line, timezone: str) -> str:
    """`HH:MM Station · staff: what happened` for an `AuditLine`, at the event's wall clock."""
    when = local(line.at, timezone).strftime("%H:%M")
    who = " · ".join(p for p in (line.station, line.staff) if p)
    return f"{when} {who}: {describe(line.kind, line.subject, line.detail)}" if who else \
        f"{when} {describe(line.kind, line.subject, line.detail)}"
