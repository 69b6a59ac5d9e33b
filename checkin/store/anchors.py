"""Anchors: signed checkpoints of the audit chain, kept outside the database.

The chain's hashes show an edited row, but whoever holds the database can delete the newest rows
and rewind the head, or edit a row and compute the chain afresh. So every station writes, now and
then, a checkpoint (the database's id, the head's seq and hash, the time) signed with its own
Ed25519 key into its own file in the user-data folder (`anchors/STATION.jsonl`, the key beside it
in `STATION.key`, both 0600). `checkin audit verify` compares the chain with every anchor it can
read: a log that lost entries a station vouched for, or whose entry differs from what a station
signed, fails, unless every anchor file (and key) was rewritten too.

What it cannot prove: entries written after the newest anchor, and a log whose every anchor file
is gone. A purge re-chains the log on purpose; an anchor older than an `event_purged` entry then
vouches only that the purge came after it.
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from platformdirs import user_data_dir

from checkin.store.db import write_transaction
from checkin.store.models import AuditEntry, AuditHead, Meta
from checkin.timeutil import utcnow

DATABASE_ID_KEY = "database_id"
ANCHORS_ENV = "CHECKIN_ANCHORS"


def anchors_dir() -> Path:
    folder = os.environ.get(ANCHORS_ENV)
    return Path(folder) if folder else Path(user_data_dir("forum-checkin", appauthor=False)) / "anchors"


def _safe(station: str) -> str:
    name = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in station.strip())[:80]
    return name or "station"


def database_id() -> str:
    """A random id for this database (kept in it), so one station's file can anchor several."""
    row = Meta.get_or_none(Meta.key == DATABASE_ID_KEY)
    if row is not None:
        return row.value
    with write_transaction():
        Meta.insert(key=DATABASE_ID_KEY, value=secrets.token_hex(16)).on_conflict_ignore().execute()
    return Meta.get(Meta.key == DATABASE_ID_KEY).value


def _private(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(data)


def _station_key(station: str) -> Ed25519PrivateKey:
    folder = anchors_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = folder / f"{_safe(station)}.key"
    if not path.exists():
        try:
            _private(path, Ed25519PrivateKey.generate().private_bytes_raw())
        except FileExistsError:
            pass   # another process made it first
    return Ed25519PrivateKey.from_private_bytes(path.read_bytes())


def _message(db_id: str, seq: int, head: str, at: str, station: str) -> bytes:
    return "\x1f".join(("checkin-anchor-1", db_id, str(seq), head, at, station)).encode("utf-8")


def write_anchor(station: str) -> dict | None:
    """Append a signed checkpoint of the chain's head to this station's file, if it moved."""
    head = AuditHead.get_by_id(1)
    if head.seq == 0:
        return None
    db_id = database_id()
    path = anchors_dir() / f"{_safe(station)}.jsonl"
    last = _last(path, db_id)
    if last and last["seq"] == head.seq and last["head"] == head.hash:
        return None
    key = _station_key(station)
    at = utcnow().astimezone(timezone.utc).isoformat()
    entry = {"db": db_id, "seq": head.seq, "head": head.hash, "at": at, "station": station,
             "sig": key.sign(_message(db_id, head.seq, head.hash, at, station)).hex()}
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as f:
        f.write(json.dumps(entry, sort_keys=True) + "\n")
        f.flush()
        os.fsync(f.fileno())
    return entry


def _lines(path: Path) -> list[dict]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    out = []
    for line in text.splitlines():
        try:
            item = json.loads(line)
        except ValueError:
            continue
        if isinstance(item, dict):
            out.append(item)
    return out


def _last(path: Path, db_id: str) -> dict | None:
    mine = [a for a in _lines(path) if a.get("db") == db_id]
    return mine[-1] if mine else None


@dataclass(frozen=True)
class AnchorCheck:
    anchors: int
    problem: str | None        # None: every anchor agrees with the log
    seq: int | None = None     # the entry an anchor disagrees about


def check() -> AnchorCheck:
    """Compare the log with every station's anchors for this database found in the folder."""
    folder = anchors_dir()
    if not folder.is_dir():
        return AnchorCheck(0, None)
    db_id = database_id()
    purges = sorted(r.seq for r in AuditEntry.select(AuditEntry.seq).where(AuditEntry.kind == "event_purged"))
    count = 0
    for path in sorted(folder.glob("*.jsonl")):
        key_path = path.with_suffix(".key")
        try:
            public: Ed25519PublicKey = Ed25519PrivateKey.from_private_bytes(key_path.read_bytes()).public_key()
        except (OSError, ValueError):
            public = None
        for a in _lines(path):
            if a.get("db") != db_id:
                continue
            count += 1
            try:
                seq, head, at, station = int(a["seq"]), str(a["head"]), str(a["at"]), str(a["station"])
                if public is None:
                    raise InvalidSignature
                public.verify(bytes.fromhex(a["sig"]), _message(db_id, seq, head, at, station))
            except (KeyError, ValueError, TypeError, InvalidSignature):
                return AnchorCheck(count, f"an anchor in {path.name} is not signed by that station's key: the "
                                          "anchor file was altered", a.get("seq") if isinstance(a.get("seq"), int) else None)
            if any(p > seq for p in purges):
                continue   # re-chained by a purge after it, on purpose
            row = AuditEntry.get_or_none(AuditEntry.seq == seq)
            if row is None:
                return AnchorCheck(count, f"station {station} vouched for entry {seq} at {at}, but the log ends "
                                          "before it: entries were removed", seq)
            if row.hash != head:
                return AnchorCheck(count, f"entry {seq} is not the one station {station} signed at {at}: the log "
                                          "was rewritten", seq)
    return AnchorCheck(count, None)


def anchored_at(entry: dict) -> datetime:
    return datetime.fromisoformat(entry["at"])
