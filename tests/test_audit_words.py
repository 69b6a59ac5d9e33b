"""The audit log in words: every kind the core writes reads as a sentence, never as JSON."""

import json
import re
from datetime import datetime, timezone
from pathlib import Path

import pytest

from checkin.organiser.audit_words import KNOWN_KINDS, describe, sentence
from checkin.store.audit import AuditLine

CORE = Path(__file__).resolve().parent.parent / "checkin"


def kinds_written_by_the_core() -> set[str]:
    """Every literal kind passed to `audit.record(...)`, the door's `kind=` and the purge's `_remove`."""
    found = set()
    for path in CORE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        found |= set(re.findall(r"audit\.record\(\s*\"([a-z_.]+)\"", text))
        found |= set(re.findall(r"audit\.record\(\s*\"[a-z_.]+\" if \w+ else \"([a-z_.]+)\"", text))
        for pair in re.findall(r"kind=\"(door\.[a-z_]+)\"(?: if \w+ else \"(door\.[a-z_]+)\")?", text):
            found |= {k for k in pair if k}
        found |= set(re.findall(r"_remove\([^)]*\"(purge_[a-z_]+)\"", text))
    return found


def test_every_kind_the_core_writes_has_its_words():
    written = kinds_written_by_the_core()
    assert {"scan", "door.scan", "door.override", "door.alert", "staff_disabled", "purge_young_people"} <= written
    assert written <= KNOWN_KINDS, sorted(written - KNOWN_KINDS)


@pytest.mark.parametrize("kind, subject, detail, words", [
    ("scan", "REG-123", {"outcome": "checked_in", "changed": ["checkin", "safeguarding"]},
     "checked in REG-123 (safeguarding confirmed)"),
    ("scan", "REG-123", {"outcome": "checked_in", "changed": ["checkin"]}, "checked in REG-123"),
    ("scan", "REG-123", {"outcome": "already_checked_in", "changed": []}, "scanned REG-123: already checked in"),
    ("scan", "", {"outcome": "unknown_code", "changed": [], "token": "XYZ"}, "scanned an unknown code: unknown code"),
    ("scan", "M-002", {"outcome": "needs_guardian_consent"}, "scanned M-002: needs guardian consent"),
    ("door.scan", "D-01", {"outcome": "admitted", "session_run": "C1", "direction": "in", "occupancy": 12},
     "admitted D-01 at session C1 (12 inside)"),
    ("door.scan", "D-01", {"outcome": "full", "session_run": "C1", "direction": "in", "occupancy": 30},
     "refused D-01: full at session C1 (30 inside)"),
    ("door.override", "D-02", {"outcome": "admitted", "session_run": "C1", "direction": "in", "occupancy": 31},
     "organiser override: admitted D-02 at session C1 (31 inside)"),
    ("door.alert", "D-03", {"outcome": "not_checked_in", "session_run": "C1", "direction": "in"},
     "ALERT: refused D-03: not checked in at session C1"),
    ("door.annul", "D-01", {"scan_id": 7, "scan_outcome": "admitted", "session_run": "C1", "reason": "wrong person"},
     "annulled door scan #7 of D-01 at session C1 — “wrong person”"),
    ("safeguarding_confirmed", "M-001", {"policy_version": "2025-1"}, "confirmed safeguarding for M-001"),
    ("safeguarding_confirmed", "M-001", {"policy_version": "2025-1", "method": "kiosk"},
     "confirmed safeguarding for M-001 (kiosk)"),
    ("checkin_annulled", "M-005", {"reason": "scanned twice", "checked_in_at": "x"},
     "annulled the check-in of M-005 — “scanned twice”"),
    ("walk_in_registered", "W-001", {"reason": "speaker", "role": "speaker"},
     "registered walk-in W-001 as speaker — “speaker”"),
    ("consent_recorded", "M-002", {"guardian_consent": True, "chaperone_named": True, "reason": "paper form"},
     "recorded consent for M-002: guardian consent yes, chaperone named — “paper form”"),
    ("kiosk_scan", "M-001", {"outcome": "needs_safeguarding", "reason": ""}, "kiosk scan of M-001: needs safeguarding"),
    ("kiosk_check_in", "M-001", {"outcome": "checked_in", "reason": ""}, "kiosk check-in of M-001: checked in"),
    ("delegation_checkin", "Team MY", {"checked_in": ["A-1", "A-2"], "left_out": ["A-3"]},
     "checked in delegation Team MY: A-1, A-2; left out A-3"),
    ("badge_printed", "M-001", {"serial": 2, "count": 1}, "printed badge 2 for M-001 (print 1)"),
    ("badge_reprinted", "M-001", {"serial": 3, "reason": "lost"}, "issued new badge 3 for M-001 — “lost”"),
    ("badge_print_failed", "M-001", {"serial": 3, "queue": "BADGES", "error": "printer offline"},
     "badge for M-001 did not print on BADGES: printer offline"),
    ("offline_scan", "M-001", {"action_id": "a", "kind": "check_in", "outcome": "checked_in", "session_run": ""},
     "applied an offline check in of M-001: checked in"),
    ("offline_conflict", "M-001", {"kind": "door", "offline_outcome": "admitted", "server_outcome": "full"},
     "offline door of M-001 disagreed: admitted offline, full on the server"),
    ("where_asked", "M-002", {"status": "in_session"}, "asked where M-002 is: in session"),
    ("young_people_viewed", "", {"count": 4, "unaccounted": 1}, "viewed the young people list (4 shown, 1 unaccounted)"),
    ("personal_data_read", "attendees", {"people": 5}, "read personal data: attendees (5 people)"),
    ("export", "attendance", {"rows": 5, "people": 5, "format": "csv"}, "exported attendance as CSV (5 rows)"),
    ("report", "daily", {"day": "2025-11-18", "pages": 2, "people": 3}, "made the daily report for 2025-11-18 (2 pages)"),
    ("attendees_imported", "", {"created": ["A", "B"], "updated": ["C"]}, "imported attendees: 2 new, 1 updated"),
    ("event_loaded", "", {"created": True, "sessions": 4, "removed": []}, "created the event (4 sessions)"),
    ("purge_young_people", "", {"removed": 2}, "purged 2 young people's records"),
    ("purge_attendees", "", {"removed": 3}, "purged 3 attendees' records"),
    ("event_purged", "", {"previous_head": "x", "scrubbed_entries": 9}, "purged the event's personal data (9 entries scrubbed)"),
    ("staff_added", "Dara Desk", {"role": "desk"}, "added staff member Dara Desk as desk"),
    ("staff_enabled", "Dara Desk", {}, "enabled staff member Dara Desk"),
    ("staff_disabled", "Dara Desk", {}, "disabled staff member Dara Desk"),
    ("staff_pin_reset", "Dara Desk", {}, "reset the PIN of Dara Desk"),
    ("staff_unlocked", "Dara Desk", {"how": "recovery_code"}, "unlocked Dara Desk (recovery code)"),
    ("unlock_refused", "Dara Desk", {"reason": "recovery_code"}, "refused to unlock Dara Desk (recovery code)"),
    ("sign_in_refused", "Dara Desk", {"reason": "wrong_pin", "locked": True}, "refused sign-in for Dara Desk (wrong PIN, now locked)"),
    ("sign_in_refused", "Nobody", {"reason": "unknown"}, "refused sign-in for Nobody (no such staff member)"),
])
def test_an_entry_reads_as_a_sentence(kind, subject, detail, words):
    assert describe(kind, subject, json.dumps(detail)) == words


def test_every_known_kind_reads_without_json_even_with_an_empty_or_broken_detail():
    for kind in KNOWN_KINDS:
        for detail in ("", "{}", "not json", "[1, 2]"):
            said = describe(kind, "REG-9", detail)
            assert said and "{" not in said and "[" not in said and "_" not in said.replace("REG-9", ""), (kind, said)
    assert describe("something_new", "REG-9", '{"a": 1}') == "something new REG-9"


def test_the_sentence_puts_the_wall_clock_station_and_staff_first():
    line = AuditLine(seq=1, at=datetime(2025, 11, 18, 2, 42, tzinfo=timezone.utc), event_code="mini-2025",
                     station="Desk 2", staff="Dara Desk", kind="scan", subject="REG-123",
                     detail='{"changed":["checkin","safeguarding"],"outcome":"checked_in"}')
    assert sentence(line, "Asia/Kuala_Lumpur") == "10:42 Desk 2 · Dara Desk: checked in REG-123 (safeguarding confirmed)"
