"""Work off the UI thread: database jobs on one worker thread, rendering and printing on another pool,
and the offline copy's refresh on a thread of its own, so a scan never queues behind it.

Views submit plain core functions; results come back on the UI thread through a queued signal
to a slot of the runner, which then calls the view's callbacks. Nothing touches widgets from a
worker.
"""

from __future__ import annotations

import itertools
import logging
import traceback
from datetime import datetime
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from checkin.errors import CheckinError
from checkin.stations.opening import connection_lost

log = logging.getLogger("checkin.window.runner")


class _Relay(QObject):
    finished = Signal(int, object, object)   # job id, result, error
    progress = Signal(int, int, int)         # job id, done, total


class _Job(QRunnable):
    def __init__(self, job_id: int, fn: Callable[..., Any], relay: _Relay, database, with_progress: bool):
        super().__init__()
        self.job_id, self.fn, self.relay, self.database, self.with_progress = job_id, fn, relay, database, with_progress

    def run(self) -> None:
        result = error = None
        try:
            if self.with_progress:
                call = lambda: self.fn(progress=lambda done, total: self.relay.progress.emit(self.job_id, done, total))  # noqa: E731
            else:
                call = self.fn
            if self.database is not None:
                # peewee keeps a connection per thread. The database thread keeps its connection
                # between jobs: a fresh one per scan cost a cold page cache every time.
                self.database.connect(reuse_if_open=True)
            result = call()
        except BaseException as exc:  # every failure must reach the UI thread, never vanish
            if self.database is not None and connection_lost(exc):
                self.database.close()  # a broken connection is opened afresh by the next job
            error = exc
            error.__traceback_text__ = traceback.format_exc()
            # The station log gets every failure with its traceback (a refusal's message stays out).
            what = getattr(self.fn, "__qualname__", type(self.fn).__name__)
            if isinstance(exc, CheckinError):
                log.info("job %s refused", what, exc_info=exc)
            else:
                log.error("job %s failed", what, exc_info=exc)
        self.relay.finished.emit(self.job_id, result, error)


class JobRunner(QObject):
    """Made on the UI thread. `submit` for database work, `submit_render` for PDFs and printing."""

    busy_changed = Signal(bool)
    idle = Signal()
    progress = Signal(int, int, int)
    # A background job (sync, counts, a door's occupancy) failed: (what, when, error); the status
    # bar says so until the next success.
    background_failed = Signal(str, object, object)

    def __init__(self, database=None, parent: QObject | None = None):
        super().__init__(parent)
        self.database = database
        self._db_pool = QThreadPool(self)
        self._db_pool.setMaxThreadCount(1)  # one writer: SQLite and our transactions like it that way
        self._db_pool.setExpiryTimeout(-1)  # the thread, and with it its connection, lives with the runner
        self._render_pool = QThreadPool(self)
        self._render_pool.setMaxThreadCount(2)
        self._copy_pool = QThreadPool(self)
        self._copy_pool.setMaxThreadCount(1)
        self._copy_pool.setExpiryTimeout(-1)   # keeps its own connections to the server and the copy
        self._uncounted: set[int] = set()      # background copy jobs: never "busy", never wait for
        self._relay = _Relay()
        self._relay.finished.connect(self._on_finished)   # queued: the relay lives on this thread
        self._relay.progress.connect(self.progress)
        self._callbacks: dict[int, tuple[Callable | None, Callable | None]] = {}
        self._ids = itertools.count(1)
        self.default_error_handler: Callable[[BaseException], None] | None = None

    @property
    def in_flight(self) -> int:
        return len(self._callbacks) - len(self._uncounted)

    @property
    def copying(self) -> bool:
        return bool(self._uncounted)

    def submit(self, fn: Callable[[], Any], on_ok: Callable[[Any], None] | None = None,
               on_err: Callable[[BaseException], None] | None = None, *, with_progress: bool = False) -> int:
        return self._start(self._db_pool, fn, on_ok, on_err, self.database, with_progress)

    def submit_render(self, fn: Callable[[], Any], on_ok=None, on_err=None, *, uses_database: bool = False,
                      with_progress: bool = False) -> int:
        pool = self._db_pool if uses_database else self._render_pool
        return self._start(pool, fn, on_ok, on_err, self.database if uses_database else None, with_progress)

    def submit_copy(self, fn: Callable[[], Any], on_ok=None, on_err=None) -> int:
        """The offline copy's refresh: on its own thread and connections, beside the database
        thread's scans; the window is not busy while it runs."""
        job_id = next(self._ids)
        self._callbacks[job_id] = (on_ok, on_err)
        self._uncounted.add(job_id)
        self._copy_pool.start(_Job(job_id, fn, self._relay, None, False))
        return job_id

    def _start(self, pool, fn, on_ok, on_err, database, with_progress) -> int:
        job_id = next(self._ids)
        was_idle = self.in_flight == 0
        self._callbacks[job_id] = (on_ok, on_err)
        if was_idle:
            self.busy_changed.emit(True)
        pool.start(_Job(job_id, fn, self._relay, database, with_progress))
        return job_id

    @Slot(int, object, object)
    def _on_finished(self, job_id: int, result, error) -> None:
        on_ok, on_err = self._callbacks.pop(job_id, (None, None))
        if job_id in self._uncounted:
            self._uncounted.discard(job_id)
            self._call(on_ok, on_err, result, error)
            return
        try:
            self._call(on_ok, on_err, result, error)
        finally:
            if self.in_flight == 0:
                self.busy_changed.emit(False)
                self.idle.emit()

    def _call(self, on_ok, on_err, result, error) -> None:
        if error is not None:
            handler = on_err or self.default_error_handler
            if handler is None:
                raise error
            handler(error)
        elif on_ok is not None:
            on_ok(result)

    def background_error(self, what: str) -> Callable[[BaseException], None]:
        """The error handler of a job nobody waits on: logged, and announced for the status bar,
        never dropped."""
        def failed(error: BaseException) -> None:
            log.warning("%s failed (%s)", what, type(error).__name__)
            self.background_failed.emit(what, datetime.now(), error)
        return failed

    def wait(self, msecs: int = 30000) -> bool:
        """Block until the pools are empty (on close, so no job is cut off mid-write)."""
        return (self._db_pool.waitForDone(msecs) and self._render_pool.waitForDone(msecs)
                and self._copy_pool.waitForDone(msecs))
