"""WAL checkpoints off the scan path for a station's SQLite file.

SQLite's automatic checkpoint runs inside whichever commit crosses 1,000 pages of WAL: a scan's
commit that happens to be that one waits for the whole database file to be written and synced
(NOTES.md: a 39 ms scan among 1 ms ones). A station's own connection turns it off
(`wal_autocheckpoint=0`, see checkin/store/db.py) and this thread checkpoints instead, on its own
connection, when the desk has been quiet for a moment, or at once if the WAL grows past a hard
bound. A PASSIVE checkpoint never waits for, nor blocks, a scan's commit; `journal_size_limit`
trims the WAL file back after a reset, so it stays bounded.
"""

from __future__ import annotations

import logging
import os
import threading
import time

import peewee

log = logging.getLogger(__name__)

QUIET_SECONDS = 0.5            # no write for this long: the desk is idle
SOFT_BYTES = 4 * 1024 * 1024   # checkpoint when idle past this much WAL
HARD_BYTES = 32 * 1024 * 1024  # checkpoint even while busy past this much
POLL_SECONDS = 0.25


class Checkpointer:
    """A daemon thread that checkpoints `path`'s WAL when the station is quiet."""

    def __init__(self, open_connection, path: str, *, quiet: float = QUIET_SECONDS, soft: int = SOFT_BYTES,
                 hard: int = HARD_BYTES, poll: float = POLL_SECONDS):
        self._open = open_connection       # () -> a new peewee database on the same file
        self.wal = path + "-wal"
        self.quiet, self.soft, self.hard, self.poll = quiet, soft, hard, poll
        self.checkpoints = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="wal-checkpoint", daemon=True)

    def start(self) -> "Checkpointer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def due(self, size: int, idle_for: float) -> bool:
        """Checkpoint now? Past the hard bound always; past the soft one when the desk is quiet."""
        return size >= self.hard or (size >= self.soft and idle_for >= self.quiet)

    def _run(self) -> None:
        db = None
        while not self._stop.wait(self.poll):
            try:
                stat = os.stat(self.wal)
            except FileNotFoundError:
                continue
            if not self.due(stat.st_size, time.time() - stat.st_mtime):
                continue
            try:
                if db is None:
                    db = self._open()
                    db.connect(reuse_if_open=True)
                db.execute_sql("PRAGMA wal_checkpoint(PASSIVE)")
                self.checkpoints += 1
            except (peewee.OperationalError, peewee.DatabaseError) as exc:
                # Busy or locked: the next quiet moment tries again; the hard bound still holds
                # because SQLite falls back to no checkpoint, never to a lost write.
                log.warning("WAL checkpoint failed: %s", type(exc).__name__)
        if db is not None and not db.is_closed():
            db.close()
