"""Sending a PDF to a CUPS queue without a dialog, and saying plainly when it did not print.

A badge counts as printed only when CUPS has finished the job: a stopped or rejecting queue is
refused before submitting, and a job that does not finish in time (a printer that is off, a
wrong address) is cancelled, so a retry cannot later print a second copy. CUPS_SERVER in the
environment picks the scheduler, as for `lp` itself.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass

from checkin.errors import InputError

SUBMIT_TIMEOUT = 30.0
_REQUEST_ID = re.compile(r"request id is (\S+)")


class PrintError(InputError):
    """The printer did not take or finish the job; the badge stays "not printed"."""


@dataclass(frozen=True)
class QueueStatus:
    name: str
    exists: bool
    enabled: bool = False
    accepting: bool = False
    message: str = ""

    @property
    def ready(self) -> bool:
        return self.exists and self.enabled and self.accepting

    def as_json(self) -> dict:
        return dict(self.__dict__, ready=self.ready)


def _tool(name: str) -> str:
    path = shutil.which(name) or next((p for p in (f"/usr/bin/{name}", f"/usr/sbin/{name}") if os.path.exists(p)), None)
    if not path:
        raise PrintError(f"no `{name}` command: install CUPS (apt-get install cups) to print badges")
    return path


def _run(args: list[str], timeout: float = SUBMIT_TIMEOUT) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(args, capture_output=True, text=True, timeout=timeout,
                              env={**os.environ, "LC_ALL": "C", "LANG": "C"})
    except subprocess.TimeoutExpired:
        raise PrintError(f"the print system did not answer within {timeout:.0f} s: is CUPS running?") from None


def _first_line(text: str) -> str:
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    return lines[0] if lines else ""


def list_queues() -> list[str]:
    """The CUPS queues this machine can print to (empty when CUPS is not running)."""
    result = _run([_tool("lpstat"), "-e"], timeout=5)
    return sorted(ln.strip() for ln in result.stdout.splitlines() if ln.strip()) if result.returncode == 0 else []


def queue_status(queue: str) -> QueueStatus:
    queue = queue.strip()
    if not queue:
        raise PrintError("no printer chosen for this station: pick one in the station settings")
    printer = _run([_tool("lpstat"), "-l", "-p", queue], timeout=5)
    if printer.returncode != 0:
        reason = _first_line(printer.stderr)
        if "scheduler is not running" in reason or "connect" in reason.lower():
            raise PrintError(f"the print system is not running ({reason}): start CUPS, then retry")
        return QueueStatus(queue, False, message=re.sub(r"^\S*lpstat: ", "", reason) or "no such printer")
    text = printer.stdout
    enabled = not re.search(rf"printer {re.escape(queue)} disabled", text)
    # The line after "printer X disabled since …" is the reason given when it was stopped.
    lines = text.splitlines()
    second = lines[1].strip() if len(lines) > 1 else ""
    message = "" if (not second or re.match(r"^[A-Z][\w ]*:", second)) else second
    accepting_out = _run([_tool("lpstat"), "-a", queue], timeout=5)
    accepting = accepting_out.returncode == 0 and "not accepting" not in accepting_out.stdout
    return QueueStatus(queue, True, enabled, accepting, message)


def _pending(queue: str, job_id: str) -> bool:
    out = _run([_tool("lpstat"), "-W", "not-completed", "-o", queue], timeout=5)
    return any(ln.split()[0] == job_id for ln in out.stdout.splitlines() if ln.strip())


def cancel(job_id: str) -> None:
    _run([_tool("cancel"), job_id], timeout=5)


def print_pdf(pdf: bytes, queue: str, *, title: str = "Badge", media: str | None = None, copies: int = 1,
              wait: float = 20.0) -> str:
    """Print and return the CUPS job id once the job has finished (with `wait` > 0), else once
    it is queued. Raises PrintError with one line saying what to do."""
    status = queue_status(queue)
    if not status.exists:
        raise PrintError(f"no printer queue {queue!r} ({status.message}): choose another printer in the station settings")
    if not status.enabled:
        note = f": {status.message}" if status.message else ""
        raise PrintError(f"printer {queue!r} is stopped{note}; restart it (cupsenable {queue}) or choose another, "
                         "then retry")
    if not status.accepting:
        raise PrintError(f"printer {queue!r} is not accepting jobs; run cupsaccept {queue} or choose another, then retry")
    safe_title = re.sub(r"[^\w .,()-]+", "_", title)[:60] or "Badge"
    with tempfile.NamedTemporaryFile(suffix=".pdf", delete=False) as handle:
        handle.write(pdf)
        path = handle.name
    try:
        args = [_tool("lp"), "-d", queue, "-t", safe_title, "-n", str(max(1, copies))]
        if media:
            args += ["-o", f"media={media}"]
        result = _run(args + [path])
    finally:
        os.unlink(path)
    match = _REQUEST_ID.search(result.stdout)
    if result.returncode != 0 or not match:
        reason = _first_line(result.stderr) or _first_line(result.stdout) or f"lp exit code {result.returncode}"
        raise PrintError(f"printer {queue!r} refused the job: {reason}")
    job_id = match.group(1)
    if wait <= 0:
        return job_id
    deadline = time.monotonic() + wait
    while _pending(queue, job_id):
        now_status = queue_status(queue)
        if not now_status.enabled or time.monotonic() > deadline:
            cancel(job_id)
            why = (f"printer {queue!r} stopped ({now_status.message or 'no reason given'})" if not now_status.enabled
                   else f"printer {queue!r} did not finish the job within {wait:.0f} s (off, out of paper, or "
                        "unreachable?)")
            raise PrintError(f"{why}; the job was cancelled: fix the printer, then retry")
        time.sleep(0.1)
    return job_id
