"""The same rules on a shared PostgreSQL server as on the laptop's SQLite file."""

from __future__ import annotations

import json
import multiprocessing as mp

from conftest import EVENT_MORNING, MINI_ATTENDEES, MINI_EVENT, run_cli
from postgres import pg_url  # noqa: F401 (fixture)

AT = ["--at", "2025-11-18T08:30:00+08:00"]


def _cli_json(*args, url, pin=None, stdin=None):
    out = run_cli(*args, db_path=url, pin=pin, stdin=stdin)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_command_line_contract_on_postgres(pg_url):  # noqa: F811
    _cli_json("staff", "add", "Olivia", "--role", "organiser", "--pin-stdin", url=pg_url, stdin="9999\n")
    _cli_json("event", "load", str(MINI_EVENT), url=pg_url)
    assert _cli_json("attendees", "import", str(MINI_ATTENDEES), url=pg_url)["created"] == 5
    # The same file again changes nothing: re-import is by registration id on this server too.
    assert _cli_json("attendees", "import", str(MINI_ATTENDEES), url=pg_url)["unchanged"] == 5
    token = _cli_json("attendees", "token", "M-001", url=pg_url)["token"]
    scan = ["scan", token, "--station", "Desk 1", "--staff", "Olivia", *AT]
    assert _cli_json(*scan, url=pg_url, pin="9999")["outcome"] == "checked_in"
    again = _cli_json(*scan, url=pg_url, pin="9999")
    assert again["outcome"] == "already_checked_in"
    assert again["checked_in"]["station"] == "Desk 1"
    new = _cli_json("reprint", "M-001", "--staff", "Olivia", "--reason", "lost", url=pg_url, pin="9999")
    assert new["serial"] == 2
    assert _cli_json(*scan, url=pg_url, pin="9999")["outcome"] == "revoked"
    report = _cli_json("audit", "verify", url=pg_url)
    assert report["ok"] is True and report["first_bad"] is None and report["entries"] >= 5
    wrong = run_cli("scan", token, "--station", "Desk 1", "--staff", "Olivia", db_path=pg_url, pin="0000")
    assert wrong.returncode == 3 and len(wrong.stderr.strip().splitlines()) == 1


def _desk_process(url: str, tokens: list[str], barrier, results) -> None:
    from checkin.db import open_database
    from checkin.desk import scan
    from checkin.events import get_event
    from checkin.staff import authenticate

    open_database(url)
    event = get_event("mini-2025")
    staff = authenticate("Olivia", "9999")
    for token in tokens:
        barrier.wait()  # both desks scan the same badge at the same instant
        results.put((token, scan(token, event=event, station=mp.current_process().name, staff=staff,
                                 confirm_safeguarding=True, now=EVENT_MORNING).outcome))


def test_two_desks_scanning_one_person_at_once_check_in_once(pg_url):  # noqa: F811
    from checkin.attendees import find, token_for
    from checkin.audit import verify
    from checkin.db import open_database
    from checkin.eventfile import read_event_file
    from checkin.events import get_event, save_event
    from checkin.importer import import_attendees
    from checkin.models import CheckIn
    from checkin.staff import add_staff

    db = open_database(pg_url)
    save_event(read_event_file(MINI_EVENT), now=EVENT_MORNING)
    event = get_event("mini-2025")
    import_attendees(MINI_ATTENDEES, event=event, now=EVENT_MORNING)
    add_staff("Olivia", "organiser", "9999", by=None)
    adults = ["M-001", "M-002", "M-003", "M-005"]
    tokens = [token_for(find(event, reg)) for reg in adults]
    db.close()

    ctx = mp.get_context("spawn")
    barrier, results = ctx.Barrier(2), ctx.Queue()
    desks = [ctx.Process(target=_desk_process, args=(pg_url, tokens, barrier, results), name=f"Desk {i}")
             for i in (1, 2)]
    for p in desks:
        p.start()
    outcomes = [results.get(timeout=60) for _ in range(2 * len(tokens))]
    for p in desks:
        p.join(timeout=60)
        assert p.exitcode == 0
    for token in tokens:
        mine = sorted(o for t, o in outcomes if t == token)
        assert mine == ["already_checked_in", "checked_in"], mine
    open_database(pg_url)
    assert CheckIn.select().where(CheckIn.annulled_at.is_null()).count() == len(adults)
    assert verify().ok
