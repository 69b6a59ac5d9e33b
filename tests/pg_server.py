"""A PostgreSQL cluster of a test's own, which the test may stop and start again (pg_ctl)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

from services import unavailable

ROOT = Path(__file__).resolve().parent.parent
SKIP_REASON = ("no PostgreSQL for the offline tests: they stop and restart a server of their own, which needs "
               "CHECKIN_TEST_PG set (bash .ci/run does it) and PostgreSQL installed (apt-get install postgresql)")


class OwnServer:
    def __init__(self, folder: Path, port: int):
        self.folder, self.port = folder, port
        self.url = ""

    def _ctl(self, *args: str) -> str:
        out = subprocess.run(["bash", str(ROOT / ".ci" / "postgres"), *args], capture_output=True, text=True,
                             timeout=60)
        if out.returncode != 0:
            raise RuntimeError(f".ci/postgres {' '.join(args)} failed: {out.stderr.strip()}")
        return out.stdout.strip()

    def start(self) -> str:
        self.url = self._ctl("start", str(self.folder / "data"), str(self.port))
        return self.url

    def stop(self) -> None:
        self._ctl("stop", str(self.folder / "data"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def own_pg_server():
    if not os.environ.get("CHECKIN_TEST_PG"):
        unavailable(SKIP_REASON)
    folder = Path(tempfile.mkdtemp(prefix="checkin-own-pg."))
    folder.chmod(0o755)   # the postgres user must reach its data folder when the tests run as root
    server = OwnServer(folder, _free_port())
    server.start()
    try:
        yield server
    finally:
        try:
            server.stop()
        except RuntimeError:
            pass   # already stopped by the test
        shutil.rmtree(folder, ignore_errors=True)
