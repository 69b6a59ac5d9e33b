"""The audit log: every scan, refusal and change, append-only and hash-chained.

Each entry's hash covers its own fields and the previous entry's hash, and the chain's tip is
kept in `AuditHead`; editing, deleting or appending a row by hand breaks `verify`.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timezone

from checkin.store import anchors, sql
from checkin.store.db import database, write_transaction
from checkin.store.models import AuditEntry, AuditHead
from checkin.store.schema import GENESIS_HASH
from checkin.timeutil import utcnow


@dataclass(frozen=True)
class AuditReport:
    entries: int
    ok: bool
    first_bad: int | None  # the seq of the first entry that does not verify
    anchors: int | None = None   # signed checkpoints compared (checkin/store/anchors.py); None: chain broken first
    problem: str = ""

    def as_json(self) -> dict:
        out = {"entries": self.entries, "ok": self.ok, "first_bad": self.first_bad}
        if self.anchors is not None:
            out["anchors"] = self.anchors
        if self.problem:
            out["problem"] = self.problem
        return out


def digest(prev_hash: str, seq: int, at: datetime, event_code: str, station: str, staff: str,
            kind: str, subject: str, detail: str) -> str:
    fields = [prev_hash, str(seq), at.astimezone(timezone.utc).isoformat(), event_code, station, staff, kind, subject, detail]
    return hashlib.sha256("\x1f".join(fields).encode("utf-8")).hexdigest()


_digest = digest   # the name older callers (tests, bench) use


def record(kind: str, *, event_code: str = "", station: str = "", staff: str = "",
           subject: str = "", detail: dict | None = None, at: datetime | None = None) -> int:
    """Append one entry in the caller's transaction (or its own); returns its seq.

    One statement: the entry takes the tip's seq and hash, its own hash is computed in the same
    statement, and a trigger moves the tip (checkin/store/sql.py, checkin/store/schema.py).

    The entry is dated by the machine's real clock, always: `at` is the time the caller decided
    for (a rehearsal's `--at`) and is kept in the detail as `decided_at` when it differs by more
    than a minute, so no command line can date the log into the past or the year 9999."""
    at, detail = dated(detail, at)
    text = detail_text(detail)
    tail = sql.SEP.join((at.astimezone(timezone.utc).isoformat(), event_code, station, staff, kind, subject, text))
    params = (_AT.db_value(at), event_code, station, staff, kind, subject, text, tail)
    if database.obj.in_transaction():
        # Inside the caller's transaction no savepoint: one statement either happens or, failing,
        # changes nothing, and the caller's transaction decides the rest.
        return sql.all(sql.AUDIT_APPEND, params)[0][0]
    with write_transaction():
        return sql.all(sql.AUDIT_APPEND, params)[0][0]


_AT = AuditEntry.at


def dated(detail: dict | None, at: datetime | None) -> tuple[datetime, dict]:
    """The entry's real time, and its detail with `decided_at` when the caller's time differs by
    more than a minute (see `record`)."""
    real = utcnow()
    detail = dict(detail or {})
    if at is not None and abs((at - real).total_seconds()) > 60:
        detail["decided_at"] = at.astimezone(timezone.utc).isoformat()
    return real, detail


def detail_text(detail: dict | None) -> str:
    """An entry's detail as stored and hashed: canonical JSON."""
    return json.dumps(detail or {}, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def head_of_tail(at: datetime, event_code: str, station: str, staff: str, kind: str, subject: str) -> str:
    """The hashed fields before the detail, each followed by the separator: for a statement that
    appends the detail itself (the PostgreSQL door admit, checkin/door/service.py)."""
    return sql.SEP.join((at.astimezone(timezone.utc).isoformat(), event_code, station, staff, kind, subject, ""))


def verify() -> AuditReport:
    head = AuditHead.get_by_id(1)
    expected_prev = GENESIS_HASH
    count = 0
    for count, row in enumerate(AuditEntry.select().order_by(AuditEntry.seq).iterator(), start=1):
        entry_hash = digest(row.prev_hash, row.seq, row.at, row.event_code, row.station, row.staff,
                         row.kind, row.subject, row.detail)
        if row.seq != count or row.prev_hash != expected_prev or row.hash != entry_hash:
            return AuditReport(entries=count, ok=False, first_bad=count)
        expected_prev = row.hash
    if head.seq != count or head.hash != expected_prev:
        # The newest rows were deleted: the tip still remembers them.
        return AuditReport(entries=count, ok=False, first_bad=count + 1)
    # A chain that holds together can still have been cut back or computed afresh: the anchors
    # other stations signed say what it held.
    anchored = anchors.check()
    if anchored.problem:
        return AuditReport(entries=count, ok=False, first_bad=anchored.seq, anchors=anchored.anchors,
                           problem=anchored.problem)
    return AuditReport(entries=count, ok=True, first_bad=None, anchors=anchored.anchors)


@dataclass(frozen=True)
class AuditLine:
    seq: int
    at: datetime
    event_code: str
    station: str
    staff: str
    kind: str
    subject: str
    detail: str
    hash: str = ""     # the chain's hash after this entry: a printed daily summary quotes the head's

    def as_json(self) -> dict:
        return {"seq": self.seq, "at": self.at.isoformat(), "event": self.event_code, "station": self.station,
                "staff": self.staff, "kind": self.kind, "subject": self.subject, "detail": self.detail,
                "hash": self.hash}


def entries(*, person: str = "", station: str = "", kind: str = "", staff: str = "",
            since: datetime | None = None, until: datetime | None = None, limit: int = 500) -> list[AuditLine]:
    """The newest entries first, filtered: `person` matches the subject (a registration id or a
    staff name), `station`, `staff` and `kind` match a part, case ignored; [since, until)."""
    query = AuditEntry.select()
    if person.strip():
        query = query.where(AuditEntry.subject.contains(person.strip()))
    if station.strip():
        query = query.where(AuditEntry.station.contains(station.strip()))
    if staff.strip():
        query = query.where(AuditEntry.staff.contains(staff.strip()))
    if kind.strip():
        query = query.where(AuditEntry.kind.contains(kind.strip()))
    if since is not None:
        query = query.where(AuditEntry.at >= since)
    if until is not None:
        query = query.where(AuditEntry.at < until)
    return [AuditLine(r.seq, r.at, r.event_code, r.station, r.staff, r.kind, r.subject, r.detail, r.hash)
            for r in query.order_by(AuditEntry.seq.desc()).limit(limit)]


def kinds() -> list[str]:
    return [k for (k,) in AuditEntry.select(AuditEntry.kind).distinct().order_by(AuditEntry.kind).tuples()]
