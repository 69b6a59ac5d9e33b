"""Which database a station works on now: the shared server, or its own offline copy.

`StationDatabase` starts on the server and keeps the replica in sync: `refresh()` every few
seconds on a thread of its own (plain SQL on its own connections, so scans on the database
thread never wait behind it), or `tick()` on the database thread. When a call finds the server
unreachable it points the models at the replica and answers from there, queuing what it does; a
later `tick()` that reaches the server again replays the queue, refreshes the copy and moves
back. Every switch re-initialises the models' proxy, so switching runs on the one thread that
does the station's database work.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable, TypeVar

from checkin.errors import InputError
from checkin.names import search
from checkin.stations import outbox, replica as replicas
from checkin.stations.policy import needs_server
from checkin.store.db import CONNECTION_ERRORS, database, make_database, write_transaction
from checkin.store.schema import ensure_schema
from checkin.timeutil import utcnow


T = TypeVar("T")
# Offline, the server is tried again at most this often: a server that vanished from the LAN costs
# a connect timeout per try, and scans wait behind it on the station's one database thread.
RETRY_SECONDS = 15
_LOST = CONNECTION_ERRORS


@dataclass(frozen=True)
class ConnectionStatus:
    offline: bool
    queued: int                       # offline actions not yet on the server
    synced_at: datetime | None        # when the replica last matched the server
    conflicts: tuple = field(default=())   # found by the replay this status comes from
    retry: bool = False               # `refresh` could not reach the server: the database thread's `tick` should

    @property
    def label(self) -> str:
        if self.offline:
            return f"Offline — {self.queued} scan{'s' if self.queued != 1 else ''} queued"
        return "Online"

    def as_json(self) -> dict:
        return {"offline": self.offline, "queued": self.queued,
                "synced_at": self.synced_at.isoformat() if self.synced_at else None,
                "conflicts": [c.as_json() for c in self.conflicts]}


class StationDatabase:
    """The server and this station's replica; `perform` and `read` run core calls on whichever is up."""

    def __init__(self, server_url: str, replica_path: str | Path, *, station: str,
                 clock: Callable[[], datetime] = utcnow, retry_seconds: float = RETRY_SECONDS):
        self.server = make_database(server_url, station=True)   # statement and lock timeouts
        self.replica = replicas.open_replica(replica_path)
        self.station = station
        self.clock = clock
        self.offline = False
        self.retry_seconds = retry_seconds
        self._last_try = float("-inf")
        self._last_probe = float("-inf")
        # Kept in memory so a status bar can read them on its own thread without a query.
        self.queued = replicas.queued(self.replica)
        self.synced_at = replicas.synced_at(self.replica)
        # One copy at a time: the refresh thread's and the database thread's (after a replay).
        self._copying = threading.Lock()

    # -- the one connection the runner keeps ------------------------------------------------------
    def connect(self, reuse_if_open: bool = True) -> None:
        if self.offline:
            self.replica.connect(reuse_if_open=True)
        # Online, the server connection is opened by the call itself, where a failure switches over.

    def close(self) -> None:
        for db in (self.server, self.replica):
            if not db.is_closed():
                db.close()

    # -- switching ---------------------------------------------------------------------------------
    def open(self) -> ConnectionStatus:
        """Start on the server if it answers, else on the replica (if it was ever synced)."""
        if self._reach_server():
            # A queue left by a station that was closed while offline is replayed before anything else.
            return self._come_back()
        self._go_offline()
        return self.status()

    def _reach_server(self) -> bool:
        try:
            if not self.server.is_closed():
                self.server.close()
            self.server.connect()
            previous = database.obj
            database.initialize(self.server)
            try:
                ensure_schema(self.server)
            finally:
                database.initialize(previous)
            return True
        except _LOST:
            self._drop_server()
            return False

    def _drop_server(self) -> None:
        try:
            self.server.close()
        except Exception:  # noqa: BLE001 - a dead connection may fail to close; it is gone either way
            pass

    def _go_offline(self) -> None:
        self._drop_server()
        if not replicas.has_copy(self.replica):
            raise InputError("the server is unreachable and this station has no offline copy yet: "
                             "check the network cable or the server")
        self.replica.connect(reuse_if_open=True)
        database.initialize(self.replica)
        self.offline = True

    def _sync(self):
        with self._copying:
            return self._copy()

    def _copy(self):
        self._wipe_if_purged()
        report = replicas.sync_down(self.server, self.replica, station=self.station, now=self.clock())
        if report.copied:
            replicas.note_synced(self.server, self.station, utcnow())
        self.synced_at = report.synced_at
        return report

    def refresh(self) -> ConnectionStatus:
        """Online, bring the copy up to the server, on any thread: it reads the server and writes
        the copy on that thread's own connections and never switches the models. It says `retry`
        when the database thread should `tick()`: online, the server stopped answering (switch
        to the copy); offline, the server answers again (replay the queue and switch back). The
        offline probe runs here, at most every `retry_seconds`, so a server gone from the LAN
        costs this thread its connect timeout, never the scans."""
        if self.offline:
            if time.monotonic() - self._last_probe < self.retry_seconds:
                return self.status()
            self._last_probe = time.monotonic()
            return self.status(retry=self._probe())
        if not self._copying.acquire(blocking=False):
            return self.status()    # the database thread is making the copy this moment
        try:
            self._copy()
        except _LOST:
            self._drop_server()     # this thread's connection; the next refresh opens a new one
            return self.status(retry=True)
        finally:
            self._copying.release()
        return self.status()

    def _wipe_if_purged(self) -> bool:
        """The server was purged since this copy was made: the copy and its queue (registration
        ids, badge codes, who entered when) are wiped, never replayed."""
        if not replicas.purged_since_copy(self.server, self.replica):
            return False
        replicas.wipe(self.replica)
        search.invalidate()   # its people are gone from the copy, and its change log starts again
        self.queued, self.synced_at = 0, None
        return True

    def go_offline(self) -> ConnectionStatus:
        """Work from the copy now (a flaky network the staff would rather not wait on)."""
        self._go_offline()
        return self.status()

    def tick(self) -> ConnectionStatus:
        """Every few seconds: online, refresh the copy; offline, try the server and replay."""
        if not self.offline:
            try:
                self._sync()
            except _LOST:
                self._go_offline()
            return self.status()
        if time.monotonic() - self._last_try < self.retry_seconds:
            return self.status()
        self._last_try = time.monotonic()
        if not self._reach_server():
            return self.status()
        return self._come_back()

    def _come_back(self) -> ConnectionStatus:
        """The server answers: replay the queue, refresh the copy, work on the server again."""
        database.initialize(self.server)
        found = ()
        try:
            self._wipe_if_purged()
            report = outbox.replay(self.server, self.replica, now=self.clock())
            found = report.conflicts
            self.queued = replicas.queued(self.replica)
            self.offline = False
            self._sync()
        except _LOST:
            self.queued = replicas.queued(self.replica)
            self._go_offline()   # lost again mid-replay: what was applied is marked; the rest waits
        return self.status(found)

    def status(self, conflicts=(), *, retry: bool = False) -> ConnectionStatus:
        """From memory: cheap enough for a status bar to ask after every job."""
        return ConnectionStatus(self.offline, self.queued, self.synced_at, tuple(conflicts), retry)

    # -- calls -----------------------------------------------------------------------------------
    def read(self, call: Callable[[], T]) -> T:
        if not self.offline:
            try:
                return call()
            except _LOST:
                if self._server_answers():
                    raise
                self._go_offline()
        return call()

    def online(self, call: Callable[[], T], what: str) -> T:
        """An operation that needs the server (`stations.policy` ONLINE): never run on the copy. A
        server lost mid-way switches the station offline and refuses; its transaction is rolled back."""
        if self.offline:
            raise needs_server(what)
        try:
            return call()
        except _LOST as exc:
            if self._server_answers():
                raise
            self._go_offline()
            raise needs_server(what) from exc

    def perform(self, kind: str, payload: dict, at: datetime, call: Callable[[bool], T], *,
                retry_offline: bool = True) -> T:
        """A scan: on the server; or, offline, on the replica with the action queued. `call(offline)`
        makes the decision with the core rules and returns a result with `outcome` (and `attendee`).
        A call the server dropped is made again on the replica unless `retry_offline` is False."""
        if not self.offline:
            try:
                return call(False)
            except _LOST:
                if self._server_answers():
                    raise
                self._go_offline()
                if not retry_offline:
                    raise
        with write_transaction():
            result = call(True)
            person = getattr(result, "attendee", None)
            queued = dict(payload, registration_id=person.registration_id if person else
                          payload.get("registration_id", ""))
            outbox.enqueue(kind, queued, result.outcome, at)
        self.queued += 1
        return result

    def _probe(self) -> bool:
        """Does the server answer this thread's own connection?"""
        try:
            if self.server.is_closed():
                self.server.connect()
            self.server.execute_sql("SELECT 1")
            return True
        except _LOST:
            self._drop_server()
            return False

    def _server_answers(self) -> bool:
        """After an error: was it the connection (switch over) or the statement (raise it)?"""
        self._drop_server()
        try:
            self.server.connect()
            self.server.execute_sql("SELECT 1")
            return True
        except _LOST:
            return False
