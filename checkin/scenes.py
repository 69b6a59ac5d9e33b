"""The demo's situations the screenshots (and a guided tour) show: who to scan at the desk for each
card, a workshop door filling up, a morning of arrivals for the organiser's dashboard.

Each function writes to the database it is given the chance to (a throwaway copy of the demo,
loaded by `fresh_demo`), and returns plain values: registration ids, badge codes,
times. The window calls them through its job runner, never on its own thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from checkin.attendees import find, token_for
from checkin.badges.reprint import reprint
from checkin.desk.service import check_in_by_id
from checkin.desk.tokens import make_token
from checkin.door.seats import capacity_of
from checkin.door.service import scan_by_id
from checkin.events.demo import DEMO_STAFF, demo_examples, load_demo
from checkin.events.service import find_session_run, get_event
from checkin.staff import StaffMember, authenticate
from checkin.store.models import Assignment, Attendee, CheckIn
from checkin.timeutil import local


def fresh_demo() -> StaffMember:
    """Load the demo into this (throwaway) database; its organiser, signed in."""
    load_demo()
    name, _, pin = next(s for s in DEMO_STAFF if s[1] == "organiser")
    return authenticate(name, pin)


def desk_tokens(event_code: str, organiser: StaffMember) -> dict[str, str]:
    """A badge code per desk card, in the order they are shown: ready, needs_safeguarding,
    minor_without_consent, minor_ready (where the demo has one), invalid, unknown, revoked (a badge
    replaced by a reprint, done here), wrong_event."""
    event = get_event(event_code)
    examples = demo_examples(event)
    ready = token_for(find(event, examples["adult_ready"]))
    tokens = {"ready": ready}
    for kind in ("needs_safeguarding", "minor_without_consent", "minor_ready"):
        if kind in examples:
            tokens[kind] = token_for(find(event, examples[kind]))
    tokens["invalid"] = ready[:-2] + ("AA" if ready[-2:] != "AA" else "BB")
    tokens["unknown"] = make_token(bytes(event.private_key), bytes(event.public_key), event.code, 9_999_999, 1)
    lost = find(event, examples["speaker_ready"])
    tokens["revoked"] = token_for(lost)
    reprint(lost.registration_id, event=event, by=organiser, reason="badge lost", station="Desk 2")
    tokens["wrong_event"] = make_token(bytes(event.private_key)[::-1], bytes(event.public_key)[::-1],
                                       "aif-2024", 12, 1)
    return tokens


@dataclass(frozen=True)
class DoorScene:
    run: str
    opened_at: datetime          # five minutes after the start: twenty people inside
    released_at: datetime        # past the standby release
    admitted: str                # badge codes for the cards: a registrant admitted,
    wrong_run: str               # someone registered for the re-run,
    full: str                    # and someone turned away once the room is full
    standby: tuple[str, ...]     # registration ids who fill the room after the release


def door_scene(event_code: str, organiser: StaffMember, *, run: str = "C1", station: str = "Door C1") -> DoorScene:
    """Checks people in at the desk early that morning and lets twenty of them into the run."""
    event = get_event(event_code)
    session = find_session_run(event, run)
    at = session.starts + timedelta(minutes=5)
    registrants = [a.registration_id for a in Attendee.select().join(Assignment)
                   .where(Assignment.session == session).order_by(Attendee.registration_id)]
    rerun = find_session_run(event, f"{session.code}/2")
    other_run = next(a.registration_id for a in Attendee.select().join(Assignment)
                     .where(Assignment.session == rerun).order_by(Attendee.registration_id))
    everyone = [a.registration_id for a in Attendee.select().where(Attendee.event == event).order_by(Attendee.id)]
    arrived = []
    for reg in registrants + everyone[:60] + [other_run]:
        if check_in_by_id(reg, event=event, station="Desk 1", staff=organiser, confirm_safeguarding=True,
                          now=at - timedelta(hours=5)).outcome in ("checked_in", "already_checked_in"):
            arrived.append(reg)
    for reg in arrived[:20]:
        scan_by_id(reg, event=event, session_run=run, direction="in", station=station, staff=organiser, now=at)
    capacity = capacity_of(session)
    last = next(reg for reg in reversed(arrived) if reg not in registrants[:capacity] and reg != other_run)
    released = session.starts + timedelta(minutes=session.standby_release_minutes or 10, seconds=30)
    return DoorScene(run, at, released, token_for(find(event, arrived[20])), token_for(find(event, other_run)),
                     token_for(find(event, last)), tuple(arrived[21:]))


def fill_room(event_code: str, scene: DoorScene, organiser: StaffMember, *, station: str = "Door C1") -> int:
    """After the standby release: admit the scene's standby people until the room is full."""
    event = get_event(event_code)
    occupancy = 0
    for reg in scene.standby:
        result = scan_by_id(reg, event=event, session_run=scene.run, direction="in", station=station,
                            staff=organiser, now=scene.released_at)
        occupancy = result.occupancy
        if result.occupancy >= result.capacity:
            break
    return occupancy


def busy_morning(event_code: str, organiser: StaffMember, *, run: str = "C1") -> datetime:
    """Four in five of those not yet here arrive over the morning (slow, a rush before the opening
    plenary, stragglers); returns twelve minutes into the run, when the dashboard is looked at."""
    event = get_event(event_code)
    now = find_session_run(event, run).starts + timedelta(minutes=12)
    morning = local(now, event.timezone).replace(hour=7, minute=50, second=0, microsecond=0)
    arrived = {a for (a,) in CheckIn.select(CheckIn.attendee).tuples()}
    waiting = [a.registration_id for a in Attendee.select().where(Attendee.event == event).order_by(Attendee.id)
               if a.id not in arrived]
    for i, reg in enumerate(waiting[: int(len(waiting) * 0.8)]):
        minutes = (i * 7919) % 100 if i % 3 else 35 + (i * 31) % 30
        check_in_by_id(reg, event=event, station=f"Desk {1 + i % 3}", staff=organiser, confirm_safeguarding=True,
                       now=morning + timedelta(minutes=minutes, seconds=i % 60))
    return now
