"""Seats at a door while its station is offline, when other doors of the room may be admitting too.

A registered person of a registration-only run is always let in: that seat is theirs, whoever
else comes. Everyone else (standby, open seating) takes from this station's share, fixed at the
last sync as floor(free seats / door stations seen at the room in the last two hours), so
several offline doors together can never seat more than were free (checkin/stations/replica.py).
"""

from __future__ import annotations

from checkin.door import seats
from checkin.store.models import DoorShare


def take_seat(session_id: int, *, own_seat: bool) -> int | None:
    """The new count on the replica's counter, or None when this station's share is used up."""
    if not own_seat:
        taken = (DoorShare.update(used=DoorShare.used + 1)
                 .where((DoorShare.session == session_id) & (DoorShare.used < DoorShare.seats)).execute())
        if not taken:
            return None
    return seats.take_seat_past_capacity(session_id)
