"""The station log: one rotating file per station in the user-data folder, readable by its user only.

What it holds: which operation ran, on which registration id, with which outcome, online or
offline; refusals; every error a job hit, with its traceback. What it never holds: names, dates
of birth, emails, PINs, badge codes. Operations are logged by the offline-policy wrapper from the
result's registration id and outcome (never from the arguments); exception messages pass through
`scrub`, which blanks quoted text, emails, dates and long digit runs.
"""

from __future__ import annotations

import logging
import os
import re
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path

from platformdirs import user_data_dir

from checkin.errors import CheckinError

LOGGER = "checkin"
MAX_BYTES = 1_000_000
BACKUPS = 5

log = logging.getLogger(f"{LOGGER}.station")

_QUOTED = re.compile(r"""'[^'\n]*'|"[^"\n]*"|«[^»\n]*»|“[^”\n]*”""")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b")
_DIGITS = re.compile(r"\b\d{4,}\b")
_DETAIL = re.compile(r"^\s*DETAIL:.*$", re.MULTILINE)


def scrub(text: str) -> str:
    """Blank what could be personal data in an error message: quoted values, emails, dates, PINs."""
    text = _DETAIL.sub("DETAIL: …", text)
    text = _EMAIL.sub("<email>", text)
    text = _DATE.sub("<date>", text)
    text = _QUOTED.sub("'…'", text)
    return _DIGITS.sub("<digits>", text)


class _ScrubbingFormatter(logging.Formatter):
    """Tracebacks keep their frames (code, not data); the exception's own lines are scrubbed, and a
    refusal's message (which may quote what was typed, a staff name) is left out altogether."""

    def formatException(self, ei) -> str:  # noqa: N802 - logging's name
        kind, error, tb = ei
        if isinstance(error, CheckinError):
            return "".join(["Traceback (most recent call last):\n", *traceback.format_tb(tb),
                            f"{kind.__module__}.{kind.__qualname__} (message not logged)"])
        lines = super().formatException(ei).splitlines()
        return "\n".join(line if line.startswith(" ") else scrub(line) for line in lines)


def log_folder() -> Path:
    return Path(user_data_dir("forum-checkin", appauthor=False)) / "logs"


def log_path(station_name: str, folder: Path | None = None) -> Path:
    safe = "".join(c if c.isalnum() else "-" for c in station_name.casefold()).strip("-") or "station"
    return (folder or log_folder()) / f"{safe}.log"


class _PrivateRotatingHandler(RotatingFileHandler):
    """Every file it opens (the first and each rotation) is created 0600."""

    def _open(self):
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.chmod(self.baseFilename, 0o600)
        return os.fdopen(fd, self.mode, encoding=self.encoding)


def start_station_log(station_name: str, folder: Path | None = None) -> Path:
    """Send the `checkin` loggers (core and window) to this station's file; again with another
    name moves them to that station's file."""
    path = log_path(station_name, folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    os.chmod(path.parent, 0o700)
    stop_station_log()
    handler = _PrivateRotatingHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
    handler.setFormatter(_ScrubbingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._station_log = True
    root = logging.getLogger(LOGGER)
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    log.info("station log opened for %s", scrub(station_name))
    return path


def stop_station_log() -> None:
    root = logging.getLogger(LOGGER)
    for handler in list(root.handlers):
        if getattr(handler, "_station_log", False):
            root.removeHandler(handler)
            handler.close()


def operation_done(operation: str, result, offline: bool) -> None:
    """One line per operation that decides or changes something: the registration id and outcome only."""
    person = getattr(result, "attendee", None)
    reg = getattr(person, "registration_id", None) or getattr(result, "registration_id", None)
    outcome = getattr(result, "outcome", None) or "done"
    log.info("%s%s %s%s", operation, f" {reg}" if reg else "", outcome, " (offline, queued)" if offline else "")


def operation_refused(operation: str, error: BaseException) -> None:
    """A refusal: its kind only (the message may quote a name that was typed)."""
    why = "needs the server" if str(error).startswith("needs the server") else type(error).__name__
    log.info("%s refused (%s)", operation, why)
