"""The two kinds of refusal the core raises; the CLI maps them to exit codes 2 and 3."""


class CheckinError(Exception):
    """A refusal with one line that tells the user what to do. Nothing was changed."""

    exit_code = 2


class InputError(CheckinError):
    """Bad input: a malformed file, an unknown code, a missing value."""

    exit_code = 2


class AccessDenied(CheckinError):
    """A wrong PIN, a locked account, or a right the staff member does not have."""

    exit_code = 3


class PassphraseNeeded(AccessDenied):
    """An encrypted database, and no passphrase given (or a wrong one): the window asks for it."""
