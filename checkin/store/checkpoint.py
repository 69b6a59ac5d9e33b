"""WAL checkpoints off the scan path for a station's SQLite file.

SQLite's automatic checkpoint runs inside whichever commit crosses 1,000 pages of WAL: a scan's
commit that happens to be that one waits for the whole database file to be written and synced
(NOTES.md: a 39 ms scan among 1 ms ones). A station's own connection turns it off
(`wal_autocheckpoint=0`, see checkin/store/db.py) and this thread checkpoints instead, on its own
connection:

- when the desk has been quiet for a moment and a few megabytes wait in the WAL (or anything at
  all has waited for long), a PASSIVE checkpoint copies them back into the database file; it
  never waits for, nor blocks, a scan. Once everything is copied the next commit starts the WAL
  again from its beginning.
- while scans never pause (a rush, several desks on one file), a passive checkpoint never catches
  up with them and the WAL would grow without end; every commit then appends to a growing file,
  which costs more than overwriting one (the file's size is synced too). Past a bound it copies
  what it can passively and then RESTARTs the log: that holds the write lock for the few frames
  written meanwhile, so one scan in thousands waits a few milliseconds, and every scan after it
  writes into a WAL of bounded size that is reused, not grown.

How full the WAL is comes from its index (the `-shm` file, laid out as sqlite.org/walformat.html
describes): the file's size says nothing once the log is reused from its start.
"""

from __future__ import annotations

import logging
import os
import struct
import threading
import time
from dataclasses import dataclass

import peewee

log = logging.getLogger(__name__)

QUIET_SECONDS = 0.5      # no write for this long: the desk is idle
SOFT_FRAMES = 1024       # ~4 MB of 4 KiB pages waiting: worth a checkpoint in a quiet moment
IDLE_SECONDS = 30.0      # quiet this long: copy back whatever waits
HARD_FRAMES = 4096       # ~16 MB: restart the log even while busy
POLL_SECONDS = 0.25
# The restart waits at most this long for the write lock and for readers of the old log; on
# time-out nothing is lost. Busy scans alone hold it up now and then (it retries at the next
# poll), but it holds the write lock while it waits for a reader: after several held up in a row
# (a long export reading) the next waits a second, then twice as long, up to half a minute.
RESTART_WAIT_MS = 50
RESTART_TRIES = 4
RESTART_BACKOFF = (1.0, 30.0)

# The wal-index header: mxFrame (frames in the log) at byte 16, then, after the header's two
# 48-byte copies, the checkpoint's nBackfill (frames already copied back) at byte 96; both in
# the machine's byte order, since the file is shared memory.
_MX_FRAME, _BACKFILL, _HEADER = 16, 96, 100


@dataclass(frozen=True)
class WalState:
    frames: int       # frames in the log since it last started from its beginning
    copied: int       # of them, copied back into the database file
    idle_for: float   # seconds since the last write


def wal_state(path: str) -> WalState | None:
    """The WAL of the database at `path` as its index records it; None: no WAL in use."""
    try:
        with open(path + "-shm", "rb") as shm:
            header = shm.read(_HEADER)
        written = os.stat(path + "-wal").st_mtime
    except FileNotFoundError:
        return None
    if len(header) < _HEADER:
        return None
    (frames,) = struct.unpack_from("=I", header, _MX_FRAME)
    (copied,) = struct.unpack_from("=I", header, _BACKFILL)
    return WalState(frames, min(copied, frames), max(0.0, time.time() - written))


class Checkpointer:
    """A daemon thread that keeps `path`'s WAL copied back and bounded (see the module's text)."""

    def __init__(self, open_connection, path: str, *, quiet: float = QUIET_SECONDS, soft: int = SOFT_FRAMES,
                 idle: float = IDLE_SECONDS, hard: int = HARD_FRAMES, poll: float = POLL_SECONDS):
        self._open = open_connection       # () -> a new peewee database on the same file
        self.path = path
        self.wal = path + "-wal"
        self.quiet, self.soft, self.idle, self.hard, self.poll = quiet, soft, idle, hard, poll
        self.checkpoints = 0
        self.restarts = 0
        self.restarts_held_up = 0
        self._held_up_in_a_row = 0
        self._backoff = 0.0
        self._restart_not_before = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="wal-checkpoint", daemon=True)

    def start(self) -> "Checkpointer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def due(self, state: WalState) -> str | None:
        """Which checkpoint now: RESTART past the bound, busy or not; PASSIVE when the desk is
        quiet and enough waits to be copied (or it has been idle long and anything waits); None."""
        if state.frames >= self.hard:
            return "RESTART"
        waiting = state.frames - state.copied
        if waiting and ((waiting >= self.soft and state.idle_for >= self.quiet) or state.idle_for >= self.idle):
            return "PASSIVE"
        return None

    def _run(self) -> None:
        db = None
        while not self._stop.wait(self.poll):
            state = wal_state(self.path)
            mode = self.due(state) if state is not None else None
            if mode == "RESTART" and time.monotonic() < self._restart_not_before:
                mode = "PASSIVE" if state.frames > state.copied else None
            if mode is None:
                continue
            try:
                if db is None:
                    db = self._open()
                    db.connect(reuse_if_open=True)
                    db.execute_sql(f"PRAGMA busy_timeout = {RESTART_WAIT_MS}")
                # Passive first, so the restart holds the write lock only for what came after.
                db.execute_sql("PRAGMA wal_checkpoint(PASSIVE)")
                self.checkpoints += 1
                if mode == "RESTART":
                    self._restarted(busy=bool(db.execute_sql("PRAGMA wal_checkpoint(RESTART)").fetchone()[0]))
            except (peewee.OperationalError, peewee.DatabaseError) as exc:
                # Busy or locked: the next poll tries again; SQLite falls back to no checkpoint,
                # never to a lost write.
                log.warning("WAL checkpoint failed: %s", type(exc).__name__)
        if db is not None and not db.is_closed():
            db.close()

    def _restarted(self, *, busy: bool) -> None:
        if not busy:
            self.restarts += 1
            self._held_up_in_a_row = 0
            self._backoff = 0.0
            return
        self.restarts_held_up += 1
        self._held_up_in_a_row += 1
        if self._held_up_in_a_row < RESTART_TRIES:
            return
        first, most = RESTART_BACKOFF
        self._backoff = min(most, self._backoff * 2 if self._backoff else first)
        self._restart_not_before = time.monotonic() + self._backoff
