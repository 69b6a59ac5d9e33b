"""Schema creation and migrations, the same on an SQLite file and on a PostgreSQL server."""

from __future__ import annotations

import pytest

from postgres import pg_url  # noqa: F401 (fixture)


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path):
    if request.param == "sqlite":
        return str(tmp_path / "old.sqlite3")
    return request.getfixturevalue("pg_url")


def _version_one_database(url):
    """What the first release made: every table but the replay ones, at version 1."""
    from checkin.store.db import database, make_database
    from checkin.store.models import ALL_MODELS, AnonymousCount, AppliedAction, AuditHead, Conflict, Meta
    from checkin.store.schema import GENESIS_HASH

    db = make_database(url)
    database.initialize(db)
    db.connect()
    db.create_tables([m for m in ALL_MODELS if m not in (AppliedAction, Conflict, AnonymousCount)])
    # columns added later (version 4): the first release had none of them
    db.execute_sql('DROP INDEX "attendee_event_id_delegation"')
    for table, column in (("attendee", "delegation"), ("attendee", "language"), ("event", "safeguarding_settings"),
                          ("attendee", "name_native"), ("attendee", "registration_status")):
        db.execute_sql(f'ALTER TABLE "{table}" DROP COLUMN "{column}"')
    # indexes the first release had and version 8 drops (covered by two-column ones)
    db.execute_sql('CREATE INDEX "door_scan_session_id" ON "door_scan" ("session_id")')
    db.execute_sql('CREATE INDEX "presence_session_id" ON "presence" ("session_id")')
    db.execute_sql('CREATE INDEX "door_scan_event_id" ON "door_scan" ("event_id")')
    db.execute_sql('DROP INDEX "presence_exit_scan_made"')
    db.execute_sql('CREATE INDEX "presence_exit_scan_id" ON "presence" ("exit_scan_id")')
    AuditHead.insert(id=1, seq=0, hash=GENESIS_HASH).execute()
    Meta.insert(key="schema_version", value="1").execute()
    db.close()


def test_an_old_database_is_migrated_once_and_reopening_changes_nothing(url):
    from checkin.store.schema import open_database
    from checkin.store.models import AppliedAction, Conflict
    from checkin.store.schema import SCHEMA_VERSION, current_version

    _version_one_database(url)
    db = open_database(url)
    assert SCHEMA_VERSION >= 4 and current_version(db) == SCHEMA_VERSION
    assert db.table_exists(AppliedAction._meta.table_name) and db.table_exists(Conflict._meta.table_name)
    # version 6: the audit append's trigger moves the chain's tip on a migrated database too
    from checkin.store import audit
    assert [audit.record("test"), audit.record("test")] == [1, 2] and audit.verify().ok
    AppliedAction.create(action_id="x" * 36, kind="scan", acted_at=_now(), applied_at=_now(), outcome="checked_in")
    # version 7: the copied tables log their changed rows; version 8: the covered indexes are gone
    from checkin.store import row_log
    from checkin.store.models import Staff
    staff = Staff.create(name="Olivia", name_key="olivia", role="organiser", pin_hash="x", created_at=_now())
    assert row_log.changed_since(db, 0).rows == {"staff": frozenset({staff.id})}
    names = {index.name for table in ("door_scan", "presence") for index in db.get_indexes(table)}
    assert {"door_scan_session_id_at", "presence_exit_scan_made"} <= names
    assert not names & {"door_scan_session_id", "presence_session_id", "door_scan_event_id", "presence_exit_scan_id"}
    db.close()
    db = open_database(url)    # a second station starting: the migration does not run again
    assert current_version(db) == SCHEMA_VERSION and AppliedAction.select().count() == 1
    db.close()


def test_attendees_of_an_old_database_gain_delegation_and_language(url):
    from checkin.events.file import read_event_file
    from checkin.events.service import get_event, save_event
    from checkin.store.models import Attendee
    from checkin.store.schema import open_database
    from conftest import MINI_EVENT

    _version_one_database(url)
    from checkin.store.db import database

    db = database.obj
    db.connect(reuse_if_open=True)
    columns = {c.name for c in db.get_columns("attendee")}
    assert "delegation" not in columns and "language" not in columns and "name_native" not in columns
    db.close()
    db = open_database(url)
    save_event(read_event_file(MINI_EVENT))
    event = get_event("mini-2025")
    now = _now()
    Attendee.create(event=event, registration_id="A-1", given_name="Ana", delegation="PH-YOUTH", language="fil",
                    created_at=now, updated_at=now)
    row = Attendee.get(Attendee.registration_id == "A-1")
    assert (row.delegation, row.language, event.safeguarding_settings["unaccounted_minutes"]) == ("PH-YOUTH", "fil", 20)
    assert (row.name_native, row.registration_status) == ("", "")
    assert {i.name for i in db.get_indexes("attendee")} >= {"attendee_event_id_delegation"}
    db.close()


def test_a_database_newer_than_the_program_is_refused(url):
    from checkin.store.schema import open_database
    from checkin.errors import InputError
    from checkin.store.models import Meta

    db = open_database(url)
    Meta.update(value="99").where(Meta.key == "schema_version").execute()
    db.close()
    with pytest.raises(InputError, match="newer than this program"):
        open_database(url)


def _now():
    from checkin.timeutil import utcnow

    return utcnow()
