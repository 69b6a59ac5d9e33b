"""Opening the database a station works on: an SQLite file (the default) or a PostgreSQL server."""

from __future__ import annotations

import getpass
import hashlib
import os
import secrets
import sys
from contextlib import contextmanager
from pathlib import Path

import peewee
from platformdirs import user_data_dir
from playhouse.db_url import parse as parse_db_url

from checkin.errors import AccessDenied, CheckinError, InputError, PassphraseNeeded

# The demo's own database is encrypted like any other, under this published passphrase (README):
# it holds fictional people only, and the demo must start without a question.
DEMO_DB_KEY = "forum-checkin-demo"
KEY_ENV = "CHECKIN_DB_KEY"
# SQLCipher 4's own derivation (PBKDF2-HMAC-SHA512, 256,000 rounds, the file's 16-byte salt):
# derived once per process here and handed to SQLCipher as a raw key, so each new connection
# (one per thread) does not pay the ~0.2 s derivation again. `sqlcipher` with the passphrase
# opens the same file.
_KDF_ROUNDS = 256_000
_SQLCIPHER_HEADER = 16
_raw_keys: dict[tuple[str, bytes], str] = {}
_demo_paths: set[str] = set()
_typed_keys: dict[str, str] = {}
_entered: list[str] = []

# What a database raises when the connection, not the statement, failed (or the file is locked).
CONNECTION_ERRORS = (peewee.OperationalError, peewee.InterfaceError)

# Every model is bound to this proxy; `open_database` points it at a real database.
database = peewee.DatabaseProxy()

# WAL lets door and desk readers run while one writer commits; FULL makes an acknowledged
# check-in survive a power cut; the busy timeout queues concurrent writers instead of failing.
SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "synchronous": "full",
    "foreign_keys": 1,
    "busy_timeout": 15000,
    # A deleted row's bytes are overwritten, not left in free pages (a purge relies on it).
    "secure_delete": 1,
}


# A server on the venue LAN can vanish without a word (a cable pulled, a laptop asleep): without
# these a station would wait minutes for TCP to give up before it switched to its offline copy.
# Any of them given in the URL's query string wins.
PG_NETWORK_DEFAULTS = {
    "connect_timeout": 3,          # seconds to reach the server
    "tcp_user_timeout": 5000,      # ms a sent request may stay unacknowledged
    "keepalives": 1,
    "keepalives_idle": 5,
    "keepalives_interval": 2,
    "keepalives_count": 2,
}


def default_db_path() -> Path:
    return Path(user_data_dir("forum-checkin", appauthor=False)) / "checkin.sqlite3"


def resolve_db_url(url: str | None) -> str:
    """`--db` beats CHECKIN_DB beats the user-data file; a bare path means SQLite."""
    url = url or os.environ.get("CHECKIN_DB") or str(default_db_path())
    if "://" not in url:
        url = "sqlite:///" + str(Path(url).expanduser().resolve())
    return url


def use_demo_key(path: str | Path) -> None:
    """This file is the demo's: it opens with the demo passphrase unless CHECKIN_DB_KEY says otherwise."""
    _demo_paths.add(str(Path(path).expanduser().resolve()))


def database_key(path: str) -> str:
    """The passphrase of an SQLite database: CHECKIN_DB_KEY, the demo's, or typed on a terminal."""
    key = os.environ.get(KEY_ENV)
    if key:
        return key
    if str(Path(path).resolve()) in _demo_paths:
        return DEMO_DB_KEY
    if path in _typed_keys:
        return _typed_keys[path]
    if _entered:
        return _entered[-1]
    if sys.stdin.isatty():
        key = getpass.getpass(f"passphrase of {Path(path).name}: ")
        if key:
            _typed_keys[path] = key   # asked once per run, kept in memory only
            return key
    raise PassphraseNeeded(f"{Path(path).name} is encrypted: set {KEY_ENV} to its passphrase, or run the command "
                           "in a terminal to be asked")


def enter_passphrase(key: str) -> None:
    """The passphrase typed at the station's start (the window asks for it), kept in memory only."""
    _entered[:] = [key]


def _raw_key(path: str, passphrase: str) -> str:
    """SQLCipher's raw-key form for this file: the key it would derive itself, plus (for a new
    file) the salt to write, so every later connection skips the derivation. A passphrase given as
    a raw 256-bit key, x'64 hex digits' (automation, tests), is used as it is."""
    if len(passphrase) == 67 and passphrase.startswith("x'") and passphrase.endswith("'"):
        try:
            bytes.fromhex(passphrase[2:-1])
            return passphrase
        except ValueError:
            pass
    try:
        with open(path, "rb") as f:
            salt = f.read(_SQLCIPHER_HEADER)
    except FileNotFoundError:
        salt = b""
    new = len(salt) < _SQLCIPHER_HEADER
    if new:
        salt = secrets.token_bytes(_SQLCIPHER_HEADER)
    cached = _raw_keys.get((passphrase, salt))
    if cached is None:
        cached = hashlib.pbkdf2_hmac("sha512", passphrase.encode("utf-8"), salt, _KDF_ROUNDS, 32).hex()
        _raw_keys[(passphrase, salt)] = cached
    return f"x'{cached}{salt.hex()}'" if new else f"x'{cached}'"


class EncryptedSqliteDatabase(peewee.SqliteDatabase):
    """An SQLite file encrypted by SQLCipher (AES-256, every page and the WAL). The key is set
    before any other statement on every connection; a wrong one fails at the first read."""

    def __init__(self, database, passphrase: str, **kwargs):
        self._passphrase = passphrase
        super().__init__(database, **kwargs)

    def _connect(self):
        from sqlcipher3 import dbapi2 as sqlcipher   # here: only an SQLite station loads the cipher

        private_file(self.database)
        conn = sqlcipher.connect(self.database, timeout=self._timeout, isolation_level=None, **self.connect_params)
        try:
            conn.execute("PRAGMA cipher_log_level = NONE")   # a wrong key is our one-line error, not its log
            conn.execute(f"PRAGMA key = \"{_raw_key(self.database, self._passphrase)}\"")
            try:
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except sqlcipher.DatabaseError:
                raise _wrong_key(self.database) from None
            self._add_conn_hooks(conn)
        except BaseException:
            conn.close()
            raise
        return conn


def _wrong_key(path: str) -> CheckinError:
    name = Path(path).name
    with open(path, "rb") as f:
        head = f.read(16)
    if head == b"SQLite format 3\x00":
        return InputError(f"{name} is an unencrypted database from an earlier version: copy its data out with that "
                          "version, or start a new database")
    return PassphraseNeeded(f"wrong passphrase for {name} (CHECKIN_DB_KEY), or not a Forum Check-in database")


def private_file(path: str | Path) -> None:
    """Make the file 0600 (created so if new) in a 0700 folder: children's data, and SQLite gives
    its -wal and -shm files the database file's own mode."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if path.parent.resolve() == default_db_path().parent.resolve() or path.parent.name == "replicas":
        os.chmod(path.parent, 0o700)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
    try:
        os.fchmod(fd, 0o600)
    finally:
        os.close(fd)


# A station's own connection (the window, the bench of its scan path): no checkpoint inside a
# scan's commit, a background thread does it when the desk is quiet (checkin/store/checkpoint.py);
# the WAL file is trimmed back to this size after each reset.
SQLITE_STATION_PRAGMAS = {"wal_autocheckpoint": 0, "journal_size_limit": 64 * 1024 * 1024}
# A station's connection to a shared server: one statement never hangs a scan for long, and a
# row lock held by a stuck client is given up on rather than waited for (ms; the URL's
# options win).
PG_STATION_OPTIONS = "-c statement_timeout=5000 -c lock_timeout=3000 -c idle_in_transaction_session_timeout=30000"


def make_database(url: str | None, *, station: bool = False) -> peewee.Database:
    url = resolve_db_url(url)
    scheme = url.split("://", 1)[0].lower()
    if scheme == "sqlite":
        path = parse_db_url(url)["database"]
        pragmas = {**SQLITE_PRAGMAS, **(SQLITE_STATION_PRAGMAS if station else {})}
        if not path or path == ":memory:":
            db = peewee.SqliteDatabase(path, pragmas=pragmas, timeout=15)
        else:
            Path(path).parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            db = EncryptedSqliteDatabase(path, database_key(path), pragmas=pragmas, timeout=15)
        # SQLite has no sha256(): the audit append (checkin/store/sql.py) calls this one.
        db.register_function(audit_chain, "checkin_chain", 3, deterministic=True)
        return db
    if scheme in ("postgres", "postgresql"):
        params = parse_db_url(url)
        name = params.pop("database")
        for key, value in PG_NETWORK_DEFAULTS.items():
            params.setdefault(key, value)
        if station:
            params.setdefault("options", PG_STATION_OPTIONS)
        # psycopg 3 is the driver we install; say so, or a machine that also has psycopg2 would use that.
        return peewee.PostgresqlDatabase(name, prefer_psycopg3=True, **params)
    raise InputError(f"unsupported database URL {url!r}: give a file path, sqlite:///PATH or postgresql://…")


def audit_chain(prev_hash: str, seq: int, tail: str) -> str:
    """An audit entry's hash: sha256 of the previous hash, its seq and its fields (`tail`), joined
    by \\x1f. checkin/store/audit.py's `digest` is the same function with the fields apart."""
    return hashlib.sha256(f"{prev_hash}\x1f{seq}\x1f{tail}".encode("utf-8")).hexdigest()


def is_sqlite(db: peewee.Database) -> bool:
    return isinstance(db, peewee.SqliteDatabase)


@contextmanager
def write_transaction(db: peewee.Database | None = None):
    """A transaction that takes the write lock at BEGIN on SQLite.

    A deferred BEGIN lets two writers both read and then fail on upgrade ("database is locked");
    IMMEDIATE makes them queue behind the busy timeout instead.
    """
    db = db or database.obj
    if is_sqlite(db) and not db.in_transaction():
        with db.atomic("IMMEDIATE") as txn:
            yield txn
    else:
        with db.atomic() as txn:
            yield txn
