"""Opening a station's database: the one call the window makes before anyone signs in.

A file (SQLite) is opened as it is; a shared server (PostgreSQL) comes with this station's offline
copy, so the station keeps scanning if the server goes away. The window gets back what its job
runner connects on the database thread and builds its `Station` from it; it never sees the
database library.
"""

from __future__ import annotations

import os

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Callable

from platformdirs import user_data_dir

from checkin.events.demo import load_demo
from checkin.staff import StaffMember
from checkin.stations.connection import StationDatabase
from checkin.stations.replica import default_replica_path
from checkin.stations.station import Station, StationSettings
from checkin.store.db import CONNECTION_ERRORS, enter_passphrase, resolve_db_url, use_demo_key
from checkin.store.schema import open_database
from checkin.timeutil import utcnow


def demo_db_path() -> Path:
    return Path(user_data_dir("forum-checkin", appauthor=False)) / "demo.sqlite3"


def database_label(url: str) -> str:
    """For the status bar: the server's host, or the file's name (never a password)."""
    if url.startswith(("postgres://", "postgresql://")):
        return "PostgreSQL " + url.split("@")[-1]
    return "SQLite " + Path(url.split("///", 1)[-1]).name


def connection_lost(error: BaseException) -> bool:
    """Was this failure the database connection going away (open a fresh one next time)?"""
    return isinstance(error, CONNECTION_ERRORS)


@dataclass
class OpenedDatabase:
    url: str
    database: object                      # connected by the job runner on its database thread
    connection: StationDatabase | None    # on a shared server: the switch between server and copy

    @property
    def label(self) -> str:
        return database_label(self.url)

    def station(self, settings: StationSettings, member: StaffMember, *,
                clock: Callable[[], datetime] = utcnow) -> Station:
        """The signed-in person's station; on a server the copy is kept under the chosen name."""
        if self.connection is not None:
            self.connection.station = settings.station_name
        return Station(settings, member, clock=clock, connection=self.connection)

    def close(self) -> None:
        self.database.close()


def open_station(db_url: str | None, *, station_name: str, demo: bool = False, demo_file: bool = False,
                 passphrase: str | None = None) -> OpenedDatabase:
    """Open (and migrate) the database; `demo` loads the demo event first (into the demo file when
    no database is given); `demo_file` opens a file made for the demo (screenshots) with the demo's
    published passphrase without loading it here."""
    if demo and not db_url and not os.environ.get("CHECKIN_DB"):
        # The demo keeps its own file unless told where: --db and CHECKIN_DB are honoured as always.
        db_url = str(demo_db_path())
    url = resolve_db_url(db_url)
    if passphrase:
        enter_passphrase(passphrase)        # typed at the station's start; kept in memory only
    if (demo or demo_file) and url.startswith("sqlite:///"):
        use_demo_key(url[len("sqlite:///"):])    # the demo opens with its published passphrase
    connection = None
    if url.startswith(("postgres://", "postgresql://")):
        connection = StationDatabase(url, default_replica_path(station_name), station=station_name)
        connection.open()
        database = connection
    else:
        database = open_database(url, station=True)   # checkpoints off the scan path
    if demo:
        load_demo()
    return OpenedDatabase(url, database, connection)
