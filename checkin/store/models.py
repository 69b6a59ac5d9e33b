"""The stored data: one peewee model per table, bound to `checkin.store.db.database`.

Times are stored as naive UTC and handed out as aware UTC datetimes, the same on SQLite and
PostgreSQL; views convert to the event's timezone for display.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone

import peewee

from checkin.store.db import database


class UTCDateTimeField(peewee.DateTimeField):
    def db_value(self, value):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC field: attach a timezone first")
        return super().db_value(value.astimezone(timezone.utc).replace(tzinfo=None))

    def python_value(self, value):
        value = super().python_value(value)
        if isinstance(value, datetime):
            return value.replace(tzinfo=timezone.utc)
        return value


class JSONTextField(peewee.TextField):
    """JSON in a text column: portable, and extra columns keep their order."""

    def db_value(self, value):
        return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=False)

    def python_value(self, value):
        return None if value is None else json.loads(value)


class BaseModel(peewee.Model):
    class Meta:
        database = database
        legacy_table_names = False


class Meta(BaseModel):
    """Key/value facts about this database: schema version, the event loaded last."""

    key = peewee.CharField(primary_key=True, max_length=64)
    value = peewee.TextField()


# Meta keys of a purge: when the server was last purged (a station whose copy is older wipes it and
# its queue), and when each station last copied the server (the purge names those that have not).
PURGE_KEY = "purge_generation"
SYNC_KEY = "station_synced:"


class Event(BaseModel):
    code = peewee.CharField(unique=True, max_length=64)
    name = peewee.TextField()
    timezone = peewee.CharField(max_length=64)
    venue = peewee.TextField(default="")
    doors_open_minutes = peewee.IntegerField(default=30)
    policy_version = peewee.CharField(max_length=64)
    policy_text = peewee.TextField()
    focal_point = peewee.TextField(default="")
    badge_settings = JSONTextField(default=dict)
    # [safeguarding] settings beyond the policy: unaccounted_minutes, summary (language -> text)
    safeguarding_settings = JSONTextField(default=dict)
    source_path = peewee.TextField(default="")
    loaded_at = UTCDateTimeField()
    # Ed25519 key of this event's tokens; the tag (first bytes of the public key's hash) is what a
    # token names, so a station can tell "another event's badge" from "forged".
    private_key = peewee.BlobField()
    public_key = peewee.BlobField()
    key_tag = peewee.CharField(unique=True, max_length=16)


class Room(BaseModel):
    event = peewee.ForeignKeyField(Event, backref="rooms", on_delete="CASCADE")
    key = peewee.CharField(max_length=64)
    name = peewee.TextField()
    capacity = peewee.IntegerField()

    class Meta:
        indexes = ((("event", "key"), True),)


def run_code(code: str, run: int) -> str:
    """`C1` for a first run, `C1/2` for the re-run: how people and commands name a session run."""
    return code if run == 1 else f"{code}/{run}"


class Session(BaseModel):
    event = peewee.ForeignKeyField(Event, backref="sessions", on_delete="CASCADE")
    code = peewee.CharField(max_length=32)
    run = peewee.IntegerField(default=1)
    title = peewee.TextField()
    pillar = peewee.CharField(max_length=32, default="")
    starts = UTCDateTimeField()
    ends = UTCDateTimeField()
    room = peewee.ForeignKeyField(Room, backref="sessions")
    capacity = peewee.IntegerField(null=True)
    registration_required = peewee.BooleanField(default=False)
    standby_release_minutes = peewee.IntegerField(null=True)

    class Meta:
        indexes = ((("event", "code", "run"), True),)

    @property
    def run_code(self) -> str:
        return run_code(self.code, self.run)


class Attendee(BaseModel):
    event = peewee.ForeignKeyField(Event, backref="attendees", on_delete="CASCADE")
    registration_id = peewee.CharField(max_length=128)
    given_name = peewee.TextField(default="")
    family_name = peewee.TextField(default="")
    preferred_name = peewee.TextField(default="")
    name_latin = peewee.TextField(default="")
    name_native = peewee.TextField(default="")      # the name in the person's own script, if given apart
    name_order = peewee.CharField(max_length=16, default="given-first")
    honorific = peewee.TextField(default="")
    organisation = peewee.TextField(default="")
    country = peewee.TextField(default="")
    role = peewee.CharField(max_length=16, default="delegate")
    email = peewee.TextField(default="")
    date_of_birth = peewee.DateField(null=True)
    is_minor = peewee.BooleanField(null=True)        # as given; None = not stated
    guardian_consent = peewee.BooleanField(null=True)
    chaperone = peewee.TextField(default="")
    photo_consent = peewee.BooleanField(null=True)   # None = not asked, treated as "no"
    delegation = peewee.TextField(default="")        # a name or code shared by the people who travel together
    language = peewee.CharField(max_length=8, default="")   # en, th, vi, … ("" = not stated)
    registration_status = peewee.CharField(max_length=32, default="")   # "" confirmed; else e.g. "waitlist"
    extra = JSONTextField(default=dict)              # the export's other columns, kept as given
    walk_in = peewee.BooleanField(default=False)
    walk_in_approved_by = peewee.TextField(default="")
    badge_serial = peewee.IntegerField(default=1)    # the current badge; lower serials are revoked
    created_at = UTCDateTimeField()
    updated_at = UTCDateTimeField()

    class Meta:
        indexes = ((("event", "registration_id"), True), (("event", "delegation"), False))


class Assignment(BaseModel):
    """An attendee's place in a session run (their registration, or their personal agenda)."""

    attendee = peewee.ForeignKeyField(Attendee, backref="assignments", on_delete="CASCADE")
    session = peewee.ForeignKeyField(Session, backref="assignments", on_delete="CASCADE")

    class Meta:
        indexes = ((("attendee", "session"), True),)


class Staff(BaseModel):
    name = peewee.TextField()
    name_key = peewee.CharField(unique=True, max_length=128)  # casefolded: sign-in ignores case
    role = peewee.CharField(max_length=16)
    pin_hash = peewee.TextField()
    failed_pins = peewee.IntegerField(default=0)
    locked_until = UTCDateTimeField(null=True)
    active = peewee.BooleanField(default=True)
    created_at = UTCDateTimeField()


class CheckIn(BaseModel):
    attendee = peewee.ForeignKeyField(Attendee, backref="checkins", on_delete="CASCADE")
    at = UTCDateTimeField()
    station = peewee.TextField()
    staff = peewee.TextField()
    annulled_at = UTCDateTimeField(null=True)
    annulled_by = peewee.TextField(default="")
    annul_reason = peewee.TextField(default="")


# At most one standing check-in per attendee, enforced by the database so two desks scanning
# the same person at the same instant cannot both check them in.
CheckIn.add_index(
    CheckIn.index(CheckIn.attendee, unique=True, where=CheckIn.annulled_at.is_null(), name="checkin_one_standing")
)


class SafeguardingConfirmation(BaseModel):
    attendee = peewee.ForeignKeyField(Attendee, backref="confirmations", on_delete="CASCADE")
    policy_version = peewee.CharField(max_length=64)
    at = UTCDateTimeField()
    method = peewee.CharField(max_length=16)  # "registration" (from the import) or "desk"
    station = peewee.TextField(default="")
    staff = peewee.TextField(default="")

    class Meta:
        indexes = ((("attendee", "policy_version"), True),)


class Badge(BaseModel):
    """One row per badge serial an attendee has had; the newest is the valid one."""

    attendee = peewee.ForeignKeyField(Attendee, backref="badges", on_delete="CASCADE")
    serial = peewee.IntegerField()
    issued_at = UTCDateTimeField()
    issued_by = peewee.TextField(default="")
    station = peewee.TextField(default="")
    reason = peewee.TextField(default="")
    print_count = peewee.IntegerField(default=0)
    printed_at = UTCDateTimeField(null=True)

    class Meta:
        indexes = ((("attendee", "serial"), True),)


class DoorScan(BaseModel):
    """Every scan at a workshop door, refusals included: the door's own record beside the audit log."""

    # Neither has an index of its own: each would be one more page in every door scan's commit.
    # Events are never deleted and an event's scans are read only by reports; a session's scans
    # are found by the (session, at) index below.
    event = peewee.ForeignKeyField(Event, backref="door_scans", on_delete="CASCADE", index=False)
    session = peewee.ForeignKeyField(Session, backref="door_scans", on_delete="CASCADE", index=False)
    attendee = peewee.ForeignKeyField(Attendee, backref="door_scans", null=True, on_delete="CASCADE")
    direction = peewee.CharField(max_length=8)        # "in" or "out"
    outcome = peewee.CharField(max_length=32)
    at = UTCDateTimeField()
    station = peewee.TextField(default="")
    staff = peewee.TextField(default="")
    standby = peewee.BooleanField(default=False)      # admitted to a seat released to standby
    override_reason = peewee.TextField(default="")    # set only when the override let them in
    override_by = peewee.TextField(default="")
    annulled_at = UTCDateTimeField(null=True)
    annulled_by = peewee.TextField(default="")
    annul_reason = peewee.TextField(default="")

    class Meta:
        indexes = ((("session", "at"), False),)


class SessionOccupancy(BaseModel):
    """The seat counter of one session run. Admission is a conditional UPDATE of this row, so two
    doors taking the last seat at once cannot both succeed."""

    session = peewee.ForeignKeyField(Session, backref="occupancy", unique=True, on_delete="CASCADE")
    occupied = peewee.IntegerField(default=0)


class Presence(BaseModel):
    """A person inside a session run's room, from the admitting scan until they leave."""

    attendee = peewee.ForeignKeyField(Attendee, backref="presences", on_delete="CASCADE")
    session = peewee.ForeignKeyField(Session, backref="presences", on_delete="CASCADE", index=False)  # (session, left_at)
    entered_at = UTCDateTimeField()
    entry_scan = peewee.ForeignKeyField(DoorScan, backref="entries", null=True, on_delete="CASCADE")
    left_at = UTCDateTimeField(null=True)            # None while inside
    exit_scan = peewee.ForeignKeyField(DoorScan, backref="exits", null=True, on_delete="SET NULL", index=False)
    # "out" (scanned out), "moved" (entered another session), "session_ended", "annulled"
    exit_reason = peewee.CharField(max_length=16, default="")

    class Meta:
        indexes = ((("session", "left_at"), False),)


# A person is inside one room at a time: the database refuses a second standing presence, so
# two doors admitting the same person at the same instant cannot both count them.
Presence.add_index(
    Presence.index(Presence.attendee, unique=True, where=Presence.left_at.is_null(), name="presence_one_standing")
)
# Only presences that ended with a scan out: an admission (exit scan still empty) writes no page of it.
Presence.add_index(
    Presence.index(Presence.exit_scan, where=Presence.exit_scan.is_null(False), name="presence_exit_scan_made")
)


class AuditEntry(BaseModel):
    """Append-only, hash-chained: each row's hash covers its content and the previous hash."""

    seq = peewee.IntegerField(unique=True)
    at = UTCDateTimeField()
    event_code = peewee.CharField(max_length=64, default="")
    station = peewee.TextField(default="")
    staff = peewee.TextField(default="")
    kind = peewee.CharField(max_length=64)
    subject = peewee.TextField(default="")
    detail = peewee.TextField(default="{}")  # canonical JSON, exactly as hashed
    prev_hash = peewee.CharField(max_length=64)
    hash = peewee.CharField(max_length=64)


class AuditHead(BaseModel):
    """The chain's tip: one row, updated with each append, so concurrent writers queue on it."""

    id = peewee.IntegerField(primary_key=True)
    seq = peewee.IntegerField(default=0)
    hash = peewee.CharField(max_length=64)


class AppliedAction(BaseModel):
    """An action a station queued while the server was unreachable, once the server has applied it.
    Replaying a queue twice finds its ids here and applies nothing twice."""

    action_id = peewee.CharField(unique=True, max_length=36)   # the uuid the station gave it
    kind = peewee.CharField(max_length=16)                      # "scan" or "door"
    station = peewee.TextField(default="")
    acted_at = UTCDateTimeField()                               # when the station did it
    applied_at = UTCDateTimeField()
    outcome = peewee.CharField(max_length=32)                   # the server's decision


class Conflict(BaseModel):
    """A queued action the server decided differently from the offline station: listed, never dropped."""

    action_id = peewee.CharField(unique=True, max_length=36)
    event_code = peewee.CharField(max_length=64, default="")
    kind = peewee.CharField(max_length=16)
    station = peewee.TextField(default="")
    staff = peewee.TextField(default="")
    subject = peewee.TextField(default="")                      # registration id
    session_run = peewee.CharField(max_length=40, default="")
    acted_at = UTCDateTimeField()
    offline_outcome = peewee.CharField(max_length=32)
    server_outcome = peewee.CharField(max_length=32)
    message = peewee.TextField(default="")
    recorded_at = UTCDateTimeField()


class AnonymousCount(BaseModel):
    """What a purge leaves of the people: counts with no person in them ("role_checked_in",
    "youth" -> 12). A later purge adds to them."""

    event = peewee.ForeignKeyField(Event, backref="anonymous_counts", on_delete="CASCADE")
    measure = peewee.CharField(max_length=64)
    key = peewee.TextField(default="")
    value = peewee.IntegerField(default=0)

    class Meta:
        indexes = ((("event", "measure", "key"), True),)


ALL_MODELS = [
    Meta, Event, Room, Session, Attendee, Assignment, Staff, CheckIn,
    SafeguardingConfirmation, Badge, DoorScan, SessionOccupancy, Presence, AuditEntry, AuditHead,
    AppliedAction, Conflict, AnonymousCount,
]


# -- a station's offline copy only ------------------------------------------------------------

class OutboxAction(BaseModel):
    """One action this station took while offline, waiting to be replayed on the server."""

    action_id = peewee.CharField(unique=True, max_length=36)
    kind = peewee.CharField(max_length=16)
    payload = JSONTextField()
    offline_outcome = peewee.CharField(max_length=32)
    acted_at = UTCDateTimeField()
    replayed_at = UTCDateTimeField(null=True)
    server_outcome = peewee.CharField(max_length=32, default="")


class DoorShare(BaseModel):
    """The seats this station may give to people without a registration while offline."""

    session = peewee.IntegerField(unique=True)   # a server session id; no foreign key: re-synced wholesale
    seats = peewee.IntegerField()
    used = peewee.IntegerField(default=0)


class ReplicaState(BaseModel):
    key = peewee.CharField(primary_key=True, max_length=64)
    value = peewee.TextField()


class IssuedToken(BaseModel):
    """Each attendee's current badge code, signed on the server: the copy holds no private key, yet
    a desk working offline still prints badges whose QR the doors accept."""

    attendee = peewee.IntegerField()
    serial = peewee.IntegerField()
    token = peewee.TextField()

    class Meta:
        indexes = ((("attendee", "serial"), True),)


REPLICA_MODELS = [OutboxAction, DoorShare, ReplicaState, IssuedToken]

# The server's tables a station's offline copy holds, parents first (inserted in this order,
# deleted in the reverse). Each logs its changed rows (checkin/store/row_log.py), so a copy
# refreshes only what changed.
COPIED_MODELS = [Event, Room, Session, Attendee, Assignment, Staff, CheckIn, SafeguardingConfirmation, Badge,
                 SessionOccupancy, Presence]
