"""Schema creation and forward migrations.

A new database gets every table at the current version; an older one runs the migrations from
its version up, each in its own transaction. A database newer than this program is refused
rather than guessed at.
"""

from __future__ import annotations

from typing import Callable

import peewee
from playhouse.migrate import SchemaMigrator, migrate

from checkin.store import row_log
from checkin.store.checkpoint import Checkpointer
from checkin.store.db import database, is_sqlite, make_database, write_transaction
from checkin.errors import InputError
from checkin.store.models import (ALL_MODELS, COPIED_MODELS, AnonymousCount, AppliedAction, Attendee, AuditHead, Conflict,
                                  Event, Meta)

GENESIS_HASH = "0" * 64

# version -> the step that brings a database from version-1 to it. Append only; never edit a
# released step. Version 1 is the first released schema.
def _offline_replay_tables(db: peewee.Database) -> None:
    db.create_tables([AppliedAction, Conflict], safe=True)


def _add_anonymous_counts(db: peewee.Database) -> None:
    db.create_tables([AnonymousCount], safe=True)


def _delegations_and_languages(db: peewee.Database) -> None:
    """Attendees' delegation and language, and the event's safeguarding settings (the kiosk's
    policy summaries, the focal point's unaccounted minutes)."""
    migrator = SchemaMigrator.from_database(db)
    attendee, event = Attendee._meta.table_name, Event._meta.table_name
    have = {c.name for c in db.get_columns(attendee)}
    steps = []
    if "delegation" not in have:
        steps.append(migrator.add_column(attendee, "delegation", Attendee.delegation))
    if "language" not in have:
        steps.append(migrator.add_column(attendee, "language", Attendee.language))
    if "safeguarding_settings" not in {c.name for c in db.get_columns(event)}:
        steps.append(migrator.add_column(event, "safeguarding_settings", Event.safeguarding_settings))
    migrate(*steps)
    db.execute_sql(f'CREATE INDEX IF NOT EXISTS "attendee_event_id_delegation" ON "{attendee}" ("event_id", "delegation")')


def _add_native_name_and_status(db: peewee.Database) -> None:
    """Attendees' name in their own script (searchable) and registration status (pending people
    imported flagged)."""
    migrator = SchemaMigrator.from_database(db)
    have = {c.name for c in db.get_columns(Attendee._meta.table_name)}
    steps = [migrator.add_column(Attendee._meta.table_name, name, getattr(Attendee, name))
             for name in ("name_native", "registration_status") if name not in have]
    if steps:
        migrate(*steps)


def _audit_tip_trigger(db: peewee.Database) -> None:
    """The audit append is one INSERT (checkin/store/sql.py); this trigger moves the chain's tip
    with it, forward only."""
    if is_sqlite(db):
        db.execute_sql("CREATE TRIGGER IF NOT EXISTS audit_tip AFTER INSERT ON audit_entry BEGIN "
                       "UPDATE audit_head SET seq = NEW.seq, hash = NEW.hash WHERE id = 1 AND seq < NEW.seq; END")
        return
    db.execute_sql("CREATE OR REPLACE FUNCTION checkin_audit_tip() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                   "UPDATE audit_head SET seq = NEW.seq, hash = NEW.hash WHERE id = 1 AND seq < NEW.seq; "
                   "RETURN NULL; END $$")
    db.execute_sql("DROP TRIGGER IF EXISTS audit_tip ON audit_entry")
    db.execute_sql("CREATE TRIGGER audit_tip AFTER INSERT ON audit_entry FOR EACH ROW "
                   "EXECUTE FUNCTION checkin_audit_tip()")


def _row_change_log(db: peewee.Database) -> None:
    """Every row a station's offline copy holds notes its changes, so a copy refreshes only those."""
    row_log.install(db, [model._meta.table_name for model in COPIED_MODELS])


def _lighter_door_indexes(db: peewee.Database) -> None:
    """Each index a door scan writes is a page in its commit. The session indexes are covered by
    (session, at) and (session, left_at); the event index served only reports; the exit-scan
    index needs only presences that have one (an admission's is empty)."""
    for name in ("door_scan_session_id", "presence_session_id", "door_scan_event_id", "presence_exit_scan_id"):
        db.execute_sql(f'DROP INDEX IF EXISTS "{name}"')
    db.execute_sql('CREATE INDEX IF NOT EXISTS "presence_exit_scan_made" ON "presence" ("exit_scan_id") '
                   "WHERE exit_scan_id IS NOT NULL")


MIGRATIONS: dict[int, Callable[[peewee.Database], None]] = {
    2: _offline_replay_tables,
    3: _add_anonymous_counts,
    4: _delegations_and_languages,
    5: _add_native_name_and_status,
    6: _audit_tip_trigger,
    7: _row_change_log,
    8: _lighter_door_indexes,
}
SCHEMA_VERSION = max(MIGRATIONS, default=1)

_PG_SCHEMA_LOCK = 0x436865636B696E  # any constant; serialises concurrent first starts on PostgreSQL


def current_version(db: peewee.Database) -> int | None:
    if not db.table_exists(Meta._meta.table_name):
        return None
    row = Meta.get_or_none(Meta.key == "schema_version")
    return int(row.value) if row else None


def ensure_schema(db: peewee.Database) -> int:
    with write_transaction(db):
        if not is_sqlite(db):
            db.execute_sql("SELECT pg_advisory_xact_lock(%s)", (_PG_SCHEMA_LOCK,))
        version = current_version(db)
        if version is None:
            db.create_tables(ALL_MODELS, safe=True)
            AuditHead.insert(id=1, seq=0, hash=GENESIS_HASH).on_conflict_ignore().execute()
            _audit_tip_trigger(db)
            _row_change_log(db)
            _set_version(SCHEMA_VERSION)
            return SCHEMA_VERSION
    if version > SCHEMA_VERSION:
        raise InputError(
            f"this database has schema {version}, newer than this program's {SCHEMA_VERSION}: "
            "update Forum Check-in on this station"
        )
    for step in range(version + 1, SCHEMA_VERSION + 1):
        with write_transaction(db):
            MIGRATIONS[step](db)
            _set_version(step)
    return SCHEMA_VERSION


def _set_version(version: int) -> None:
    Meta.insert(key="schema_version", value=str(version)).on_conflict(
        conflict_target=[Meta.key], update={Meta.value: str(version)}
    ).execute()


_checkpointer: Checkpointer | None = None


def open_database(url: str | None, *, station: bool = False) -> peewee.Database:
    """Connect, bind the models, and bring the schema up to date. `station`: the connection a
    station scans on (SQLite: checkpoints in the background, never inside a scan's commit;
    PostgreSQL: statement and lock timeouts)."""
    global _checkpointer
    db = make_database(url, station=station)
    database.initialize(db)
    try:
        db.connect(reuse_if_open=True)
    except peewee.OperationalError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InputError(f"cannot open the database: {first}") from exc
    ensure_schema(db)
    if station and is_sqlite(db) and db.database not in ("", ":memory:"):
        if _checkpointer is not None:
            _checkpointer.stop()
        _checkpointer = Checkpointer(lambda: make_database(url), db.database).start()
    return db
