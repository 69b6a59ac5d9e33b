"""The test printer: a cups-pdf queue on a private CUPS scheduler that .ci/run starts.

.ci/run exports CUPS_SERVER (the scheduler's socket), CHECKIN_TEST_PRINTER (the queue) and
CHECKIN_TEST_PRINTER_OUT (where cups-pdf writes what it printed). Without them the printing
tests skip and say how to get them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from services import unavailable

PPD = "/usr/share/ppd/cups-pdf/CUPS-PDF_noopt.ppd"


@dataclass(frozen=True)
class TestPrinter:
    queue: str
    output: Path

    def wait_for_output(self, prefix: str, timeout: float = 30.0) -> Path:
        """The PDF cups-pdf wrote for a job whose title starts with `prefix`, once it is whole: the
        queue has no job left to finish and the file ends with %%EOF and parses (cups-pdf writes it
        in pieces, and a half-written file used to be taken)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = sorted(self.output.glob(f"{prefix}*.pdf"))
            if found and not self.pending() and whole_pdf(found[-1]):
                return found[-1]
            time.sleep(0.1)
        raise AssertionError(f"no whole PDF starting {prefix!r} in {self.output} after {timeout:.0f} s "
                             f"(jobs not completed: {self.pending() or 'none'})")

    def pending(self) -> str:
        """The queue's jobs not yet completed, as lpstat lists them (empty when all are done)."""
        return subprocess.run(["lpstat", "-o", self.queue], capture_output=True, text=True).stdout.strip()

    def extra_queue(self, name: str, device: str, *, enabled: bool = True) -> str:
        """Another queue on the same scheduler (a stopped one, one with a dead device)."""
        subprocess.run(["lpadmin", "-p", name, "-v", device, "-P", PPD] + (["-E"] if enabled else []),
                       check=True, capture_output=True)
        subprocess.run(["cupsaccept", name], check=True, capture_output=True)
        if not enabled:
            subprocess.run(["cupsdisable", "-r", "stopped for the test", name], check=True, capture_output=True)
        return name

    def remove_queue(self, name: str) -> None:
        subprocess.run(["lpadmin", "-x", name], capture_output=True)


def whole_pdf(path: Path) -> bool:
    """Ends with the %%EOF marker and pdfinfo reads it."""
    try:
        data = path.read_bytes()
    except OSError:
        return False
    if b"%%EOF" not in data[-1024:]:
        return False
    return subprocess.run(["pdfinfo", str(path)], capture_output=True).returncode == 0


@pytest.fixture
def cups_printer() -> TestPrinter:
    queue = os.environ.get("CHECKIN_TEST_PRINTER")
    output = os.environ.get("CHECKIN_TEST_PRINTER_OUT")
    if not queue or not output:
        unavailable("no test printer: run .ci/run (it starts CUPS with a cups-pdf queue and sets "
                    "CHECKIN_TEST_PRINTER, CHECKIN_TEST_PRINTER_OUT and CUPS_SERVER)")
    if not shutil.which("lp"):
        unavailable("no `lp` command: install cups")
    state = subprocess.run(["lpstat", "-p", queue], capture_output=True, text=True)
    if state.returncode != 0:
        unavailable(f"test printer {queue!r} not reachable: {state.stderr.strip()}")
    return TestPrinter(queue, Path(output))
