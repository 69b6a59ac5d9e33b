"""WAL checkpoints off the scan path for a station's SQLite file.

SQLite's automatic checkpoint runs inside whichever commit crosses 1,000 pages of WAL: a scan's
commit that happens to be that one waits for the whole database file to be written and synced
(NOTES.md: a 39 ms scan among 1 ms ones). A station's own connection turns it off
(`wal_autocheckpoint=0`, see checkin/store/db.py) and this thread checkpoints instead, on its own
connection:

- whenever the WAL was written since it last looked (at most every quarter second), a PASSIVE
  checkpoint copies what it holds back into the database file; it never waits for, nor blocks,
  a scan. Once everything is copied the next commit starts the log again from its beginning.
- while scans never pause (a rush, several desks on one file), a passive checkpoint never catches
  up with them, the log is never started again and would grow without end, and every commit
  would append to a growing file, which costs more than overwriting one (the file's size is
  synced too). Past a bound it RESTARTs the log after the passive copy: that holds the write lock
  only for the frames written meanwhile, so one scan in hundreds waits a few milliseconds, and
  every scan after it writes into a log of bounded size that is reused, not grown.

How many frames the log holds is what the passive checkpoint answers. (The WAL's index, the
`-shm` file, is not read directly: closing any file descriptor of it would drop SQLite's POSIX
locks on it in this process.)
"""

from __future__ import annotations

import logging
import os
import threading

import peewee

log = logging.getLogger(__name__)

HARD_FRAMES = 4096       # ~16 MB of 4 KiB pages: restart the log even while busy
POLL_SECONDS = 0.25
# The restart holds the write lock while it waits for readers of the old log, so it is tried only
# when the passive copy got everything (no reader is still on an older snapshot, such as a long
# export), and waits at most this long for a reader that starts in between. Busy scans holding
# the write lock can make it give up too: nothing is lost, the next poll tries again.
RESTART_WAIT_MS = 50


class Checkpointer:
    """A daemon thread that keeps `path`'s WAL copied back and bounded (see the module's text)."""

    def __init__(self, open_connection, path: str, *, hard: int = HARD_FRAMES, poll: float = POLL_SECONDS):
        self._open = open_connection       # () -> a new peewee database on the same file
        self.wal = path + "-wal"
        self.hard, self.poll = hard, poll
        self.checkpoints = 0
        self.restarts = 0
        self.restarts_deferred = 0     # past the bound, but a reader was still on the old log
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="wal-checkpoint", daemon=True)

    def start(self) -> "Checkpointer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def restart_due(self, frames: int, copied: int) -> bool:
        """Restart the log now? Past the bound, once the passive copy got all of it: frames it could
        not copy belong to a reader's older snapshot, and the restart would hold every scan while
        it waited for that reader."""
        return frames >= self.hard and copied >= frames

    def _run(self) -> None:
        db = None
        seen = None
        while not self._stop.wait(self.poll):
            try:
                stat = os.stat(self.wal)
            except FileNotFoundError:
                continue
            written = (stat.st_mtime_ns, stat.st_size)
            if written == seen:
                continue          # nothing written since the last checkpoint
            seen = written
            try:
                if db is None:
                    db = self._open()
                    db.connect(reuse_if_open=True)
                    db.execute_sql(f"PRAGMA busy_timeout = {RESTART_WAIT_MS}")
                _busy, frames, copied = db.execute_sql("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
                self.checkpoints += 1
                if self.restart_due(frames, copied):
                    busy = db.execute_sql("PRAGMA wal_checkpoint(RESTART)").fetchone()[0]
                    self.restarts += 0 if busy else 1
                elif frames >= self.hard:
                    self.restarts_deferred += 1
            except (peewee.OperationalError, peewee.DatabaseError) as exc:
                # Busy or locked: the next poll tries again; SQLite falls back to no checkpoint,
                # never to a lost write.
                log.warning("WAL checkpoint failed: %s", type(exc).__name__)
                seen = None
        if db is not None and not db.is_closed():
            db.close()
