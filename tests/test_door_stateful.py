"""Random days at the doors: in, out, override, annul and the clock moving on.

The machine keeps its own plain model of who is in which room and of the door rules, predicts
each scan's outcome, and after every step compares the rooms with the core's occupancy: the
count equals the people inside, one room per person, never above capacity except by the
organiser overrides still inside.
"""

import atexit
import shutil
import tempfile
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from checkin.store.schema import open_database
from checkin.errors import InputError
from checkin.store.models import Presence
from conftest import EVENT_MORNING, FIXTURES

KL = ZoneInfo("Asia/Kuala_Lumpur")
PEOPLE = ["D-01", "D-02", "D-03", "D-04", "D-05", "D-06", "D-07"]
NOT_CHECKED_IN = {"D-06"}
REGISTERED = {"D-01": "R1", "D-02": "R1", "D-03": "R1", "D-06": "R1", "D-04": "R1/2"}


def kl(hh, mm=0):
    return datetime(2025, 11, 18, hh, mm, tzinfo=KL)


# run: (doors open, ends, capacity, registration only, standby from)
RUNS = {
    "P1": (kl(8, 45), kl(12), 100, False, None),
    "W1": (kl(9, 45), kl(11), 2, False, None),
    "R1": (kl(13, 45), kl(15), 2, True, kl(14, 10)),
    "R1/2": (kl(15, 45), kl(17), 2, True, None),
}
ORGANISER_NAME, MARSHAL_NAME = "Olivia Organiser", "Mona Marshal"
_template: Path | None = None


def template() -> Path:
    """The door event with its attendees checked in, built once and copied for each example."""
    global _template
    if _template is None:
        from checkin.desk.service import check_in_by_id
        from checkin.events.file import read_event_file
        from checkin.events.service import get_event, save_event
        from checkin.imports.importer import import_attendees
        from checkin.staff import StaffMember

        folder = Path(tempfile.mkdtemp(prefix="door-stateful-"))
        atexit.register(shutil.rmtree, folder, True)
        path = folder / "template.sqlite3"
        db = open_database(str(path))
        save_event(read_event_file(FIXTURES / "door-event.toml"), now=EVENT_MORNING)
        event = get_event("door-2025")
        import_attendees(FIXTURES / "door-attendees.csv", event=event, now=EVENT_MORNING)
        desk = StaffMember("Dara Desk", "desk")
        for reg in PEOPLE:
            if reg not in NOT_CHECKED_IN:
                check_in_by_id(reg, event=event, station="Desk", staff=desk, now=EVENT_MORNING)
        db.close()
        _template = path
    return _template


class DoorDay(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        from checkin.events.service import get_event
        from checkin.staff import StaffMember

        self.folder = Path(tempfile.mkdtemp(prefix="door-day-"))
        shutil.copy(template(), self.folder / "day.sqlite3")
        self.db = open_database(str(self.folder / "day.sqlite3"))
        self.event = get_event("door-2025")
        self.organiser = StaffMember(ORGANISER_NAME, "organiser")
        self.marshal = StaffMember(MARSHAL_NAME, "marshal")
        self.now = kl(8, 40)
        self.inside: dict[str, str | None] = {p: None for p in PEOPLE}
        self.by_override: set[str] = set()
        self.changes: list[int] = []     # scan ids of admissions and exits, for annulment
        self.entry: dict[str, int | None] = {p: None for p in PEOPLE}   # the admission they are inside by
        self.ended_by: dict[int, int | None] = {}     # exit scan id -> the admission it ended

    def teardown(self):
        self.db.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    @initialize(start=st.sampled_from([kl(8, 40), kl(9, 50), kl(10, 40), kl(13, 50), kl(14, 5), kl(15, 50)]))
    def start_at(self, start):
        self.now = start

    def is_open(self, run):
        opens, ends, *_ = RUNS[run]
        return opens <= self.now < ends

    def pick_run(self, which):
        """Mostly a run whose doors are open now (that is where the rules bite), sometimes any."""
        open_now = [r for r in sorted(RUNS) if self.is_open(r)]
        if open_now and which % 5:
            return open_now[which % len(open_now)]
        return sorted(RUNS)[which % len(RUNS)]

    # -- the model of the rules ----------------------------------------------------------------

    def people_in(self, run):
        return {p for p, r in self.inside.items() if r == run}

    def expected_in(self, person, run, override):
        opens, ends, capacity, reg_only, standby_from = RUNS[run]
        if not opens <= self.now < ends:
            return "closed"
        if person in NOT_CHECKED_IN:
            return "not_checked_in"
        if self.inside[person] == run:
            return "already_inside"
        if reg_only and REGISTERED.get(person) != run and not (standby_from and self.now >= standby_from):
            if not override:
                same_code = REGISTERED.get(person, "").split("/")[0] == run.split("/")[0]
                return "wrong_run" if same_code else "not_registered"
        if len(self.people_in(run)) >= capacity and not override:
            return "full"
        return "admitted"

    def scan(self, person, run, direction, override=False):
        from checkin.door.service import scan_by_id

        kw = {"override_reason": "organiser's decision", "override_by": self.organiser} if override else {}
        return scan_by_id(person, event=self.event, session_run=run, direction=direction, station="Door",
                          staff=self.marshal, now=self.now, **kw)

    # -- rules ---------------------------------------------------------------------------------

    @rule(person=st.sampled_from(PEOPLE), which=st.integers(min_value=0, max_value=99),
          override=st.booleans())
    def scan_in(self, person, which, override):
        self.enter(person, self.pick_run(which), override)

    @rule(person=st.sampled_from(PEOPLE), which=st.integers(min_value=0, max_value=99))
    def scan_in_registered_run(self, person, which):
        """Scans in are most of a door's work: a second rule makes them likelier."""
        run = REGISTERED.get(person)
        if run is None or not self.is_open(run):
            run = self.pick_run(which)
        self.enter(person, run, False)

    def enter(self, person, run, override):
        expected = self.expected_in(person, run, override)
        result = self.scan(person, run, "in", override)
        assert result.outcome == expected, (person, run, self.now, result.message)
        if result.outcome == "admitted":
            self.inside[person] = run
            self.entry[person] = result.scan_id
            if "override" in result.detail:
                self.by_override.add(person)
            else:
                self.by_override.discard(person)
            self.changes.append(result.scan_id)

    @rule(person=st.sampled_from(PEOPLE), which=st.integers(min_value=0, max_value=99))
    def scan_out(self, person, which):
        """Mostly someone inside, at their room's door; sometimes anyone at any door."""
        inside = sorted(p for p, r in self.inside.items() if r)
        if inside and which % 4:
            person = inside[which % len(inside)]
            run = self.inside[person]
        else:
            run = self.pick_run(which)
        result = self.scan(person, run, "out")
        assert result.outcome == ("exited" if self.inside[person] == run else "not_inside"), (person, run)
        if result.outcome == "exited":
            self.inside[person] = None
            self.by_override.discard(person)
            self.changes.append(result.scan_id)
            self.ended_by[result.scan_id] = self.entry[person]
            self.entry[person] = None

    @precondition(lambda self: self.changes)
    @rule(pick=st.integers(min_value=0, max_value=1000))
    def annul(self, pick):
        from checkin.door.annul import annul_scan
        from checkin.store.models import DoorScan

        scan_id = self.changes[pick % len(self.changes)]
        row = DoorScan.get_by_id(scan_id)
        person, run = row.attendee.registration_id, row.session.run_code
        _, ends, capacity, *_ = RUNS[run]
        # The model's answer: an admission annulled takes them out only if it is what they are inside
        # by; an exit annulled puts them back only while the run lasts, they are nowhere else, and a
        # seat is free, and a full room refuses it.
        if row.outcome == "admitted":
            expected = "taken_out" if self.entry[person] == scan_id else "none"
        elif self.now >= ends or self.inside[person] is not None:
            expected = "none"
        else:
            expected = "refused" if len(self.people_in(run)) >= capacity else "back_inside"
        try:
            result = annul_scan(scan_id, staff=self.organiser, reason="made by mistake", now=self.now)
        except InputError as exc:
            assert expected == "refused", (scan_id, row.outcome, expected, str(exc))
            assert "is full now" in str(exc) and DoorScan.get_by_id(scan_id).annulled_at is None
            return   # the exit stands; it may be annulled later, when a seat is free
        assert result.effect == expected, (scan_id, row.outcome, person, run, self.now, result.message)
        self.changes.remove(scan_id)
        if result.effect == "taken_out":
            self.inside[person] = None
            self.entry[person] = None
            self.by_override.discard(person)
        elif result.effect == "back_inside":
            self.inside[person] = run
            self.entry[person] = self.ended_by[scan_id]

    @rule(minutes=st.integers(min_value=1, max_value=30))
    def clock(self, minutes):
        self.now = min(self.now + timedelta(minutes=minutes), kl(17, 30))
        for person, run in self.inside.items():
            if run and RUNS[run][1] <= self.now:   # the session's end empties its room
                self.inside[person] = None
                self.entry[person] = None
                self.by_override.discard(person)

    # -- what must always hold -----------------------------------------------------------------

    @invariant()
    def rooms_match_the_model(self):
        from checkin.door.occupancy import occupancy

        for run, (_, _, capacity, _, _) in RUNS.items():
            snap = occupancy(run, event=self.event, now=self.now)
            people = self.people_in(run)
            assert snap.occupancy == len(snap.inside) == len(people), (run, snap, people)
            assert set(snap.inside) == people
            assert snap.capacity == capacity
            assert snap.occupancy <= capacity + len(people & self.by_override)

    @invariant()
    def one_room_per_person(self):
        standing = [p.attendee_id for p in Presence.select(Presence.attendee).where(Presence.left_at.is_null())]
        assert len(standing) == len(set(standing))


DoorDay.TestCase.settings = settings(max_examples=20, stateful_step_count=30, deadline=None,
                                     suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
TestDoorDay = DoorDay.TestCase
