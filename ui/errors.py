"""The one line a view shows for a failed job: the core's own message, else the error's type."""

from __future__ import annotations

from checkin.errors import CheckinError


class Cancelled(Exception):
    """Raised from a progress callback when the organiser pressed Cancel."""


def error_text(error: BaseException) -> str:
    if isinstance(error, Cancelled):
        return "Cancelled: nothing was saved or printed"
    return str(error) if isinstance(error, CheckinError) else f"{type(error).__name__}: {error}"
