"""A fresh PostgreSQL database per test, on the server `.ci/run` starts (CHECKIN_TEST_PG)."""

from __future__ import annotations

import os
import uuid

import pytest

from services import unavailable

SKIP_REASON = ("no PostgreSQL server for the multi-station tests: set CHECKIN_TEST_PG=postgresql://… "
               "(bash .ci/run starts a throwaway one; .ci/postgres start DIR PORT does it by hand)")


@pytest.fixture
def pg_url():
    admin = os.environ.get("CHECKIN_TEST_PG")
    if not admin:
        unavailable(SKIP_REASON)
    import psycopg

    name = "checkin_" + uuid.uuid4().hex[:12]
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield admin.rsplit("/", 1)[0] + "/" + name
    from checkin.store.db import database

    if database.obj is not None and not database.obj.is_closed():
        database.obj.close()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
