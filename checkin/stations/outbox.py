"""What a station did while offline, queued with a unique id, and replayed on the server.

Offline, a station decides with the same desk and door rules against its replica and queues
the action here in the same transaction. When the server is back, `replay` applies each
queued action there, in order, at the time it happened. The server keeps the ids it has
applied (`AppliedAction`), so a queue replayed twice, or cut off halfway, applies nothing twice.

Only actions that changed something are decided again on the server (a check-in, an entry, an
exit); a refusal is recorded in the server's audit log as it was given, never turned into an
admission afterwards. Where the server decides otherwise (the person was checked in at another
desk meanwhile, the seat was taken) the action goes to the conflicts list and the audit log.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

import peewee

from checkin.badges.reprint import record_print
from checkin.desk import service as desk
from checkin.door import service as door
from checkin.events.service import get_event
from checkin.staff import StaffMember
from checkin.store import audit
from checkin.store.db import database, write_transaction
from checkin.store.models import AppliedAction, Conflict, OutboxAction
from checkin.timeutil import utcnow

# Offline outcome -> the server outcomes that mean the same thing happened.
_AGREEING = {
    "checked_in": {"checked_in"},
    "admitted": {"admitted", "already_inside"},
    "exited": {"exited", "not_inside"},
    "printed": {"printed"},
}


@dataclass(frozen=True)
class ConflictView:
    action_id: str
    kind: str
    station: str
    staff: str
    registration_id: str
    session_run: str
    acted_at: datetime
    offline_outcome: str
    server_outcome: str
    message: str

    def as_json(self) -> dict:
        return {"action_id": self.action_id, "kind": self.kind, "station": self.station, "staff": self.staff,
                "registration_id": self.registration_id, "session_run": self.session_run,
                "acted_at": self.acted_at.isoformat(), "offline_outcome": self.offline_outcome,
                "server_outcome": self.server_outcome, "message": self.message}


@dataclass(frozen=True)
class ReplayReport:
    replayed: int          # applied now
    already_applied: int   # found in the server's applied ids: skipped
    conflicts: tuple[ConflictView, ...]

    def as_json(self) -> dict:
        return {"replayed": self.replayed, "already_applied": self.already_applied,
                "conflicts": [c.as_json() for c in self.conflicts]}


def enqueue(kind: str, payload: dict, offline_outcome: str, at: datetime) -> str:
    """Queue an action in the current (replica) database; the caller's transaction holds it."""
    action_id = str(uuid.uuid4())
    OutboxAction.create(action_id=action_id, kind=kind, payload=payload, offline_outcome=offline_outcome,
                        acted_at=at)
    return action_id


def pending(replica: peewee.Database) -> list[OutboxAction]:
    with replica.bind_ctx([OutboxAction], bind_refs=False, bind_backrefs=False):
        return list(OutboxAction.select().where(OutboxAction.replayed_at.is_null()).order_by(OutboxAction.id))


def replay(server: peewee.Database, replica: peewee.Database, *, now: datetime | None = None) -> ReplayReport:
    """Apply the replica's queued actions on the server; the models' proxy must point at `server`."""
    if database.obj is not server:
        raise RuntimeError("replay writes through the models' proxy: point it at the server first")
    now = now or utcnow()
    replayed = skipped = 0
    conflicts = []
    for action in pending(replica):
        outcome, conflict, fresh = _apply(action, now)
        replayed += fresh
        skipped += not fresh
        if conflict:
            conflicts.append(conflict)
        with replica.bind_ctx([OutboxAction], bind_refs=False, bind_backrefs=False):
            OutboxAction.update(replayed_at=now, server_outcome=outcome).where(
                OutboxAction.id == action.id).execute()
    return ReplayReport(replayed, skipped, tuple(conflicts))


def _apply(action: OutboxAction, now: datetime) -> tuple[str, ConflictView | None, bool]:
    try:
        with write_transaction():
            done = AppliedAction.get_or_none(AppliedAction.action_id == action.action_id)
            if done is not None:
                return done.outcome, None, False
            p = action.payload
            if action.offline_outcome in _AGREEING:
                result = _decide_again(action)
                outcome, message = result.outcome, result.message
            else:
                outcome, message = action.offline_outcome, ""
                audit.record("offline_scan", event_code=p["event"], station=p["station"], staff=p["staff"],
                             subject=p.get("registration_id", ""),
                             detail={"action_id": action.action_id, "kind": action.kind, "outcome": outcome,
                                     "session_run": p.get("session_run", "")}, at=action.acted_at)
            AppliedAction.create(action_id=action.action_id, kind=action.kind, station=p["station"],
                                 acted_at=action.acted_at, applied_at=now, outcome=outcome)
            conflict = None
            if action.offline_outcome in _AGREEING and outcome not in _AGREEING[action.offline_outcome]:
                conflict = _record_conflict(action, outcome, message, now)
            return outcome, conflict, True
    except peewee.IntegrityError:
        # Another replay of the same queue applied this id a moment ago.
        done = AppliedAction.get(AppliedAction.action_id == action.action_id)
        return done.outcome, None, False


def _decide_again(action: OutboxAction):
    p = action.payload
    event = get_event(p["event"])
    staff = StaffMember(p["staff"], p["role"])
    if action.kind == "print":
        record_print(p["registration_id"], event=event, station=p["station"], staff=p["staff"], now=action.acted_at)
        return _Replayed("printed", "")
    if action.kind == "scan":
        if p.get("registration_id") and not p.get("token"):
            return desk.check_in_by_id(p["registration_id"], event=event, station=p["station"], staff=staff,
                                       confirm_safeguarding=p["confirm_safeguarding"], now=action.acted_at)
        return desk.scan(p["token"], event=event, station=p["station"], staff=staff,
                         confirm_safeguarding=p["confirm_safeguarding"], now=action.acted_at)
    override_by = StaffMember(p["override_by"], p["override_role"]) if p.get("override_by") else None
    if p.get("registration_id") and not p.get("token"):
        return door.scan_by_id(p["registration_id"], event=event, session_run=p["session_run"],
                               direction=p["direction"], station=p["station"], staff=staff, now=action.acted_at)
    return door.scan(p["token"], event=event, session_run=p["session_run"], direction=p["direction"],
                     station=p["station"], staff=staff, override_reason=p.get("override_reason"),
                     override_by=override_by, now=action.acted_at)


@dataclass(frozen=True)
class _Replayed:
    outcome: str
    message: str


def _record_conflict(action: OutboxAction, outcome: str, message: str, now: datetime) -> ConflictView:
    p = action.payload
    row = Conflict.create(action_id=action.action_id, event_code=p["event"], kind=action.kind, station=p["station"],
                          staff=p["staff"], subject=p.get("registration_id", ""),
                          session_run=p.get("session_run", ""), acted_at=action.acted_at,
                          offline_outcome=action.offline_outcome, server_outcome=outcome, message=message,
                          recorded_at=now)
    audit.record("offline_conflict", event_code=p["event"], station=p["station"], staff=p["staff"],
                 subject=row.subject, detail={"action_id": action.action_id, "kind": action.kind,
                                              "offline_outcome": action.offline_outcome, "server_outcome": outcome,
                                              "session_run": row.session_run, "message": message}, at=now)
    return _view(row)


def _view(row: Conflict) -> ConflictView:
    return ConflictView(row.action_id, row.kind, row.station, row.staff, row.subject, row.session_run,
                        row.acted_at, row.offline_outcome, row.server_outcome, row.message)


def conflicts(event_code: str | None = None) -> list[ConflictView]:
    """Every conflict the server has recorded, oldest first (of one event, if given)."""
    query = Conflict.select().order_by(Conflict.acted_at, Conflict.id)
    if event_code:
        query = query.where(Conflict.event_code == event_code)
    return [_view(row) for row in query]
