import os
import shutil
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Every SQLite database is encrypted at rest (SQLCipher); the tests' passphrase, set here at
# import so every child process (run_cli, crash children, door races) inherits it.
# A raw 256-bit key (x'…'): no key derivation in each of the suite's many child processes.
TEST_DB_KEY = "x'" + "5e" * 32 + "'"
os.environ["CHECKIN_DB_KEY"] = TEST_DB_KEY
# Stations' signed audit anchors go to a folder of the test run's own, never the user's.
import tempfile  # noqa: E402
os.environ.setdefault("CHECKIN_ANCHORS", tempfile.mkdtemp(prefix="checkin-anchors-"))

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINI_EVENT = FIXTURES / "mini-event.toml"
MINI_ATTENDEES = FIXTURES / "mini-attendees.csv"
# 18 Nov 2025, 08:30 in Kuala Lumpur: the mini event's first morning.
EVENT_MORNING = datetime(2025, 11, 18, 0, 30, tzinfo=timezone.utc)


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "checkin.sqlite3"


@pytest.fixture
def db(db_path):
    from checkin.store.schema import open_database

    database = open_database(str(db_path))
    yield database
    database.close()


@pytest.fixture
def event(db):
    from checkin.events.file import read_event_file
    from checkin.events.service import get_event, save_event

    save_event(read_event_file(MINI_EVENT), now=EVENT_MORNING)
    return get_event("mini-2025")


@pytest.fixture
def loaded(event):
    """The mini event with its five attendees imported."""
    from checkin.imports.importer import import_attendees

    result = import_attendees(MINI_ATTENDEES, event=event, now=EVENT_MORNING)
    assert result.created == 5 and not result.errors
    return event


@pytest.fixture
def desk_staff(db):
    from checkin.staff import add_staff, authenticate

    add_staff("Olivia Organiser", "organiser", "314159", by=None)
    org = authenticate("Olivia Organiser", "314159")
    add_staff("Dara Desk", "desk", "4826", by=org)
    add_staff("Mona Marshal", "marshal", "5937", by=org)
    return {"organiser": org, "desk": authenticate("dara desk", "4826"), "marshal": authenticate("Mona Marshal", "5937")}


# The PINs the fixtures' accounts use (the rules refuse 0000, 1234-style runs and short organiser PINs).
ORGANISER_PIN, DESK_PIN, MARSHAL_PIN = "314159", "4826", "5937"


def run_cli(*args, db_path=None, pin=None, stdin=None, env_extra=None, staff=None):
    """Run the real `checkin` command in a child process, as a user would. `staff=(name, pin)`
    signs the command in (`--staff NAME`, the PIN in CHECKIN_PIN)."""
    env = {k: v for k, v in os.environ.items() if k not in ("CHECKIN_PIN", "CHECKIN_DB")}
    env["PYTHONPATH"] = str(ROOT)
    if staff is not None:
        args = (*args, "--staff", staff[0])
        pin = staff[1]
    if pin is not None:
        env["CHECKIN_PIN"] = pin
    if env_extra:
        env.update(env_extra)
    cmd = [sys.executable, "-m", "ui", *args]
    if db_path is not None:
        cmd += ["--db", str(db_path)]
    return subprocess.run(cmd, capture_output=True, text=True, env=env, input=stdin, timeout=120)


def cipher_connect(path):
    """A raw connection to an encrypted station database, as `sqlite3.connect` was to a plain one."""
    from sqlcipher3 import dbapi2 as sqlcipher

    con = sqlcipher.connect(str(path))
    con.execute('PRAGMA key = "%s"' % TEST_DB_KEY)
    return con


def decrypted_bytes(path, key: str = TEST_DB_KEY) -> bytes:
    """Every page of an encrypted database file and of its WAL, decrypted, free pages included:
    what someone holding the passphrase and a copy of the files could read (a purge test greps it).

    SQLCipher 4: the file starts with a 16-byte salt; each 4096-byte page is AES-256-CBC, with its
    IV and HMAC in the last 80 bytes; the key is PBKDF2-HMAC-SHA512(passphrase, salt, 256000)."""
    import hashlib
    from pathlib import Path
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    path = Path(path)
    data = path.read_bytes()
    if not data:
        return b""
    salt = data[:16]
    if key.startswith("x'"):
        aes_key = bytes.fromhex(key[2:-1])
    else:
        aes_key = hashlib.pbkdf2_hmac("sha512", key.encode("utf-8"), salt, 256_000, 32)
    page_size, reserve = 4096, 80

    def page(raw: bytes, first: bool) -> bytes:
        body = raw[16 if first else 0:page_size - reserve]
        iv = raw[page_size - reserve:page_size - reserve + 16]
        if len(body) % 16 or len(iv) != 16:
            return b""
        d = Cipher(algorithms.AES(aes_key), modes.CBC(iv)).decryptor()
        return d.update(body) + d.finalize()

    out = [page(data[i:i + page_size], i == 0) for i in range(0, len(data), page_size)]
    wal = path.with_name(path.name + "-wal")
    if wal.exists():
        w = wal.read_bytes()
        for offset in range(32, len(w) - 24, 24 + page_size):
            number = int.from_bytes(w[offset:offset + 4], "big")
            out.append(page(w[offset + 24:offset + 24 + page_size], number == 1))
    return b"".join(out)


@pytest.fixture(autouse=True)
def _own_anchor_folder(tmp_path_factory, monkeypatch):
    """Each test's stations sign audit anchors into a folder of its own: seeded databases copied
    between tests share a database id, and one test's anchors must not vouch for another's log."""
    monkeypatch.setenv("CHECKIN_ANCHORS", str(tmp_path_factory.mktemp("anchors")))
