"""The audit log: every scan, refusal and change, append-only and hash-chained.

Each entry's hash covers its own fields and the previous entry's hash, and the chain's tip is
kept in `AuditHead`; editing, deleting or appending a row by hand breaks `verify`.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timezone

from checkin.db import write_transaction
from checkin.models import AuditEntry, AuditHead
from checkin.schema import GENESIS_HASH
from checkin.timeutil import utcnow


@dataclass(frozen=True)
class AuditReport:
    entries: int
    ok: bool
    first_bad: int | None  # the seq of the first entry that does not verify

    def as_json(self) -> dict:
        return {"entries": self.entries, "ok": self.ok, "first_bad": self.first_bad}


def _digest(prev_hash: str, seq: int, at: datetime, event_code: str, station: str, staff: str,
            kind: str, subject: str, detail: str) -> str:
    fields = [prev_hash, str(seq), at.astimezone(timezone.utc).isoformat(), event_code, station, staff, kind, subject, detail]
    return hashlib.sha256("\x1f".join(fields).encode("utf-8")).hexdigest()


def record(kind: str, *, event_code: str = "", station: str = "", staff: str = "",
           subject: str = "", detail: dict | None = None, at: datetime | None = None) -> int:
    """Append one entry in the caller's transaction (or its own); returns its seq."""
    at = at or utcnow()
    text = json.dumps(detail or {}, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    with write_transaction():
        # The UPDATE takes the tip's row lock, so concurrent appenders queue here instead of
        # forking the chain; RETURNING hands back the new seq and the old hash in one step.
        seq, prev_hash = (
            AuditHead.update(seq=AuditHead.seq + 1)
            .where(AuditHead.id == 1)
            .returning(AuditHead.seq, AuditHead.hash)
            .tuples()
            .execute()
        )[0]
        digest = _digest(prev_hash, seq, at, event_code, station, staff, kind, subject, text)
        AuditEntry.create(seq=seq, at=at, event_code=event_code, station=station, staff=staff,
                          kind=kind, subject=subject, detail=text, prev_hash=prev_hash, hash=digest)
        AuditHead.update(hash=digest).where(AuditHead.id == 1).execute()
    return seq


def verify() -> AuditReport:
    head = AuditHead.get_by_id(1)
    expected_prev = GENESIS_HASH
    count = 0
    for count, row in enumerate(AuditEntry.select().order_by(AuditEntry.seq).iterator(), start=1):
        digest = _digest(row.prev_hash, row.seq, row.at, row.event_code, row.station, row.staff,
                         row.kind, row.subject, row.detail)
        if row.seq != count or row.prev_hash != expected_prev or row.hash != digest:
            return AuditReport(entries=count, ok=False, first_bad=count)
        expected_prev = row.hash
    if head.seq != count or head.hash != expected_prev:
        # The newest rows were deleted: the tip still remembers them.
        return AuditReport(entries=count, ok=False, first_bad=count + 1)
    return AuditReport(entries=count, ok=True, first_bad=None)
