"""Forum Check-in core: events, attendees, tokens, check-in and door rules. No Qt here."""

__version__ = "0.1.0"
