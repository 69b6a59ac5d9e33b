"""What goes on one badge, read from the database in one call: a plain object the renderer
draws from alone (no database access while drawing, so batches can render anywhere)."""

from __future__ import annotations

from dataclasses import dataclass, field

from checkin.attendees import ROLE_WORDS, find, person_name, token_for, view
from checkin.badges.design import DEFAULT_DESIGN, DEFAULT_ROLE_COLOURS, BadgeDesign, design_from_settings
from checkin.badges.sorting import sort_key, sort_letter
from checkin.events.service import first_day
from checkin.store.models import Assignment, Attendee, Event, Room, Session
from checkin.names.person import cjk_joined, is_native_script
from checkin.names.romanise import display_latin
from checkin.timeutil import local

# The standard role colours (an event file's [badge.roles] may change them); the no-photos marker's.
ROLE_COLOURS = DEFAULT_ROLE_COLOURS
NO_PHOTOS_COLOUR = "#d0006f"
SHORT_TITLE = 34


@dataclass(frozen=True)
class SessionLine:
    day: str        # "Tue 18 Nov"
    time: str       # "16:00–17:30", the run this person holds
    code: str       # "C1/2"
    title: str      # short title
    room: str
    rerun: bool


@dataclass(frozen=True)
class BadgeData:
    registration_id: str
    name: str               # as on the badge: preferred name, or the young person's given name
    honorific: str
    organisation: str
    country: str
    role: str
    role_word: str
    role_colour: str
    role_text_colour: str
    youth: bool
    no_photos: bool
    token: str
    serial: int
    sessions: tuple[SessionLine, ...]
    focal_point: str
    event_name: str
    formal_name: str = ""   # the full name for letters (the badge name for young people)
    sort_family: tuple = field(default=(), compare=False)
    sort_given: tuple = field(default=(), compare=False)
    letter_family: str = "#"
    letter_given: str = "#"
    design: BadgeDesign = field(default=DEFAULT_DESIGN, compare=False)   # the event's logo, colours, fields
    name_latin: str = ""    # under a name in another script: its Latin spelling, on a smaller line




def short_title(title: str, limit: int = SHORT_TITLE) -> str:
    title = " ".join(title.split())
    if len(title) <= limit:
        return title
    cut = title[:limit - 1].rsplit(" ", 1)[0].rstrip(",;:-–")
    return cut + "…"


def session_lines(person: Attendee, tz: str) -> tuple[SessionLine, ...]:
    rows = (Session.select(Session, Room).join(Assignment).switch(Session).join(Room)
            .where(Assignment.attendee == person).order_by(Session.starts))
    out = []
    for s in rows:
        start, end = local(s.starts, tz), local(s.ends, tz)
        out.append(SessionLine(start.strftime("%a %d %b"), f"{start:%H:%M}–{end:%H:%M}", s.run_code,
                               short_title(s.title), s.room.name, s.run > 1))
    return tuple(out)


def badge_data(attendee: Attendee, *, event: Event, event_day=None) -> BadgeData:
    summary = view(attendee, event_day if event_day is not None else first_day(event))
    role = attendee.role if attendee.role in ROLE_COLOURS else "delegate"
    design = event_design(event)
    colour, text_colour = design.role_colours(role)
    name = person_name(attendee)
    return BadgeData(
        registration_id=attendee.registration_id, name=cjk_joined(summary.badge_name),
        honorific=summary.honorific, organisation=summary.organisation, country=summary.country,
        role=role, role_word=ROLE_WORDS.get(role, role.title()), role_colour=colour, role_text_colour=text_colour,
        youth=summary.is_minor, no_photos=not summary.photo_consent, token=token_for(attendee),
        serial=attendee.badge_serial, sessions=session_lines(attendee, event.timezone),
        focal_point=" ".join(event.focal_point.split()),
        event_name=design.title,
        formal_name=cjk_joined(summary.badge_name if summary.is_minor else summary.name),
        sort_family=sort_key(name, "family"), sort_given=sort_key(name, "given"),
        letter_family=sort_letter(name, "family"), letter_given=sort_letter(name, "given"), design=design,
        name_latin=latin_line(cjk_joined(summary.badge_name), attendee.name_latin or "", summary.is_minor,
                              bool(attendee.preferred_name)),
    )


def latin_line(badge_name: str, name_latin: str, minor: bool, preferred: bool) -> str:
    """The Latin spelling printed under a badge name written in another script: the file's own
    Latin name where it spells the same name (a young person's badge shows the given name only,
    so never the full Latin name), otherwise a transliteration."""
    if not is_native_script(badge_name):
        return ""
    latin = " ".join(name_latin.split())
    if latin and not is_native_script(latin) and not minor and not preferred:
        return latin
    return display_latin(badge_name)


def event_design(event: Event) -> BadgeDesign:
    """The event's badge design; read once per event row (a batch asks for it per badge)."""
    design = event.__dict__.get("_badge_design")
    if design is None:
        design = event.__dict__["_badge_design"] = design_from_settings(event.badge_settings, event.name)
    return design


def badge_data_for(registration_id: str, *, event: Event) -> BadgeData:
    return badge_data(find(event, registration_id), event=event)


def all_badge_data(event: Event) -> list[BadgeData]:
    day = first_day(event)
    return [badge_data(a, event=event, event_day=day)
            for a in Attendee.select().where(Attendee.event == event).order_by(Attendee.id)]
