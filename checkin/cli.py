"""The command line: the same core services as the app, answers as one JSON object on stdout.

Errors are one line on stderr: exit 2 for bad input, 3 for a wrong PIN or a missing right.
"""

from __future__ import annotations

import argparse
import errno
import getpass
import json
import os
import sys
from pathlib import Path

from checkin import __version__
from checkin.attendees import find, token_for
from checkin.badges.invitations import invitations_pdf
from checkin.badges.preview import preview_for_event, preview_for_file
from checkin.badges.reprint import reprint
from checkin.badges.service import badge_pdf, batch_pdf, page_count, print_badge
from checkin.delegations.service import check_in_delegation, delegation_of
from checkin.desk import service as desk
from checkin.door.annul import annul_scan
from checkin.door.occupancy import occupancy
from checkin.door import service as door
from checkin.errors import AccessDenied, CheckinError, InputError
from checkin.desk.consent import record_consent
from checkin.events.demo import load_demo, refuse_demo_over_real_data
from checkin.events.file import read_event_file
from checkin.events.service import get_event, save_event
from checkin.imports.importer import import_attendees
from checkin.imports.presets import mapping_for
from checkin.names.search import search
from checkin.organiser.dashboard import snapshot
from checkin.organiser.exports import KINDS as EXPORT_KINDS, export, output_format
from checkin.organiser.daily_pdf import daily_report
from checkin.organiser.purge import purge
from checkin.paths import write_atomically
from checkin.staff import (ROLES, StaffMember, add_staff, authenticate, disable_staff, issue_recovery_code,
                           list_staff, require, reset_pin, unlock)
from checkin.store import audit
from checkin.stations.connection import StationDatabase
from checkin.stations.outbox import conflicts
from checkin.stations.replica import default_replica_path
from checkin.safeguarding.where import where, young_people_present
from checkin.store.audit import entries, verify
from checkin.store.anchors import write_anchor
from checkin.store.db import database, resolve_db_url, use_demo_key
from checkin.store.schema import open_database
from checkin.timeutil import parse_instant, utcnow


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse's usage block is many lines; the contract is one
        raise InputError(f"{message} (see `{self.prog} --help`)")


def _count(low: int, high: int):
    """An argparse type for a whole number in [low, high]: a huge one is refused, not overflowed."""
    def parse(text: str) -> int:
        text = text.strip()
        if not (text.isascii() and text.lstrip("-").isdigit()) or len(text) > 12 or not low <= int(text) <= high:
            raise argparse.ArgumentTypeError(f"{text[:20]!r} is not a whole number from {low} to {high:,}")
        return int(text)
    return parse


def _disk_full(exc: BaseException) -> bool:
    """A write the disk refused, anywhere in the chain (SQLite's own rollback error can hide it)."""
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
            return True
        text = str(exc).lower()
        if "disk is full" in text or "disk i/o error" in text or "no space left" in text or "file too large" in text:
            return True
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return False


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default=argparse.SUPPRESS, help="database: a path, sqlite:///PATH or postgresql://… (env CHECKIN_DB)")
    p.add_argument("--event", default=argparse.SUPPRESS, help="event code (default: the event loaded last)")
    p.add_argument("--at", default=argparse.SUPPRESS, help="the clock for this command, ISO 8601 (default: now)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="checkin", description="Forum Check-in: registration desk, badges and door control")
    parser.add_argument("--version", action="version", version=f"checkin {__version__}")
    _common(parser)
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    def command(name, help_text, func, parent=sub):
        p = parent.add_parser(name, help=help_text, description=help_text)
        _common(p)
        p.set_defaults(func=func)
        return p

    p = command("app", "the GUI (desk, door and organiser views by sign-in)", cmd_app)
    p.add_argument("--demo", action="store_true", help="open the demo event (its own database, days moved to today)")
    p.add_argument("--screenshot", metavar="DIR", help="render each main view to DIR/*.png and exit")
    p.add_argument("--station", metavar="NAME", help="this station's name, e.g. \"Desk 2\" or \"Door C1\" (a door "
                                                     "named for a room or session opens on it)")
    p.add_argument("--kiosk", action="store_true", help="a self-service kiosk: full screen, a kiosk account, "
                                                        "an organiser's PIN to leave")

    p = command("demo", "load the demo event (seed agenda + fictional attendees)", cmd_demo)
    p.add_argument("--original-dates", action="store_true", help="keep the demo's 2025 dates instead of starting today")

    ev = sub.add_parser("event", help="events").add_subparsers(dest="event_command", parser_class=_Parser, required=True)
    p = command("load", "create or update an event from its TOML file", cmd_event_load, ev)
    p.add_argument("file")
    p.add_argument("--staff")

    at = sub.add_parser("attendees", help="attendees").add_subparsers(dest="attendees_command", parser_class=_Parser,
                                                                        required=True)
    p = command("import", "import or update attendees from a CSV/XLSX export", cmd_import, at)
    p.add_argument("file")
    p.add_argument("--skip-invalid", action="store_true", help="import the good rows and report the bad ones")
    p.add_argument("--dry-run", action="store_true", help="show what would be created and updated; write nothing")
    p.add_argument("--mapping", help="a mapping file (.toml) or a preset: eventbrite, pretix, indico, google-forms, "
                                     "tito, luma (default: recognised from the headers)")
    p.add_argument("--include-pending", action="store_true",
                   help="also import pending, waitlisted, invited and unpaid registrations, flagged as not confirmed")
    p.add_argument("--staff")
    p = command("token", "print an attendee's current badge token (organiser)", cmd_token, at)
    p.add_argument("registration_id")
    p.add_argument("--staff")

    p = command("search", "find attendees by name, organisation or registration id", cmd_search)
    p.add_argument("query")
    p.add_argument("--limit", type=_count(-10**6, 10**6), default=10, help="at most this many results (default 10)")
    p.add_argument("--staff")

    p = command("scan", "check a person in at the desk from their QR token", cmd_scan)
    p.add_argument("token")
    p.add_argument("--station", required=True)
    p.add_argument("--staff")
    p.add_argument("--confirm-safeguarding", action="store_true")

    p = command("delegation", "a delegation's members and their state; --check-in checks the present ones in",
                cmd_delegation)
    p.add_argument("registration_id", metavar="REG_ID", help="any member's registration id (or badge code)")
    p.add_argument("--check-in", action="store_true", help="check in the members (each passes every rule)")
    p.add_argument("--station")
    p.add_argument("--staff")
    p.add_argument("--members", metavar="R1,R2", help="only these members (the ones present); default: all")
    p.add_argument("--confirm-safeguarding", metavar="R1,R2", default="",
                   help="members who have each just agreed to the policy at the desk (all: every member named)")

    p = command("where", "where a young person is now, from the door scans (organiser or safeguarding; audited)",
                cmd_where)
    p.add_argument("registration_id", metavar="REG_ID")
    p.add_argument("--staff")
    p.add_argument("--station", default="cli")

    p = command("young-people", "every young person present: their room, or since when not seen in one "
                                "(organiser or safeguarding; audited)", cmd_young_people)
    p.add_argument("--delegation", default="", help="only this delegation")
    p.add_argument("--staff")
    p.add_argument("--station", default="cli")

    p = command("door", "scan a badge in or out at a workshop door", cmd_door)
    p.add_argument("session_run", metavar="SESSION_RUN", help="C1 for the first run, C1/2 for the re-run")
    p.add_argument("token")
    p.add_argument("--direction", required=True, choices=["in", "out"])
    p.add_argument("--station", required=True)
    p.add_argument("--staff")
    p.add_argument("--override-reason", help="admit past capacity or registration (organiser); logged")

    p = command("occupancy", "how many are inside a session run, and who", cmd_occupancy)
    p.add_argument("session_run", metavar="SESSION_RUN")
    p.add_argument("--staff")

    p = command("door-annul", "annul a door scan made by mistake (organiser)", cmd_door_annul)
    p.add_argument("scan_id", type=_count(1, 2**62))
    p.add_argument("--staff")
    p.add_argument("--reason", required=True)
    p.add_argument("--station", default="")

    p = command("annul", "annul a check-in made by mistake (organiser)", cmd_annul)
    p.add_argument("registration_id")
    p.add_argument("--staff")
    p.add_argument("--reason", required=True)
    p.add_argument("--station", default="")

    p = command("consent", "record guardian consent, a chaperone or photo consent seen on paper (organiser)",
                cmd_consent)
    p.add_argument("registration_id")
    p.add_argument("--guardian-consent", choices=("yes", "no"))
    p.add_argument("--chaperone", metavar="NAME")
    p.add_argument("--photo-consent", choices=("yes", "no"))
    p.add_argument("--reason", required=True)
    p.add_argument("--staff")
    p.add_argument("--station", default="")

    p = command("reprint", "issue a new badge serial; the old badge is revoked (organiser)", cmd_reprint)
    p.add_argument("registration_id")
    p.add_argument("--staff")
    p.add_argument("--reason", required=True)
    p.add_argument("--station", default="")

    formats = ["a6", "a6-fold", "cr80", "4x3", "label62", "a4-4up"]
    p = command("badge", "render one attendee's badge to a PDF", cmd_badge)
    p.add_argument("registration_id")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    p.add_argument("--format", default="a6", choices=formats)
    p.add_argument("--staff")

    p = command("badges", "render every attendee's badge into one PDF (pre-printing)", cmd_badges)
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    p.add_argument("--format", default="a4-4up", choices=formats)
    p.add_argument("--sort", default="family", choices=["family", "given"])
    p.add_argument("--desk-split", type=_count(-1000, 1000), default=0, metavar="N",
                   help="split into N desk letter ranges")
    p.add_argument("--staff")

    p = command("badge-preview", "the badge design on every format for sample people (one page per format)",
                cmd_badge_preview)
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    p.add_argument("--event-file", metavar="EVENT.toml", help="preview this event file's design (nothing is saved)")

    p = command("print", "print an attendee's badge on a CUPS printer", cmd_print)
    p.add_argument("registration_id")
    p.add_argument("--printer", required=True, metavar="QUEUE")
    p.add_argument("--format", default="a6", choices=formats)
    p.add_argument("--station", default="cli")
    p.add_argument("--staff")

    p = command("invitations", "one invitation page per attendee: QR, sessions, how to arrive", cmd_invitations)
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    p.add_argument("--staff")

    st = sub.add_parser("staff", help="staff accounts").add_subparsers(dest="staff_command", parser_class=_Parser,
                                                                        required=True)
    p = command("add", "add a staff account", cmd_staff_add, st)
    p.add_argument("name")
    p.add_argument("--role", required=True, choices=list(ROLES))
    p.add_argument("--pin-stdin", action="store_true", help="read the new PIN from standard input")
    p.add_argument("--staff", help="the organiser adding the account (not needed for the first organiser)")

    p = command("conflicts", "offline actions the server decided otherwise, when replayed (organiser)",
                cmd_conflicts)
    p.add_argument("--staff")

    p = command("sync", "refresh this station's offline copy from the server, replaying its queue first",
                cmd_sync)
    p.add_argument("--station", required=True)
    p.add_argument("--replica", metavar="PATH", help="the station's copy (default: in the user-data folder)")
    p.add_argument("--staff")

    p = command("reset-pin", "give a staff member a new PIN (organiser); lifts a lock", cmd_staff_reset_pin, st)
    p.add_argument("name")
    p.add_argument("--pin-stdin", action="store_true", help="read the new PIN from standard input")
    p.add_argument("--staff", help="the organiser doing it")
    p = command("disable", "disable a staff account (organiser)", cmd_staff_disable, st)
    p.add_argument("name")
    p.add_argument("--staff", help="the organiser doing it")
    p = command("unlock", "lift a lock from wrong PINs: by another organiser, or with the recovery code",
                cmd_staff_unlock, st)
    p.add_argument("name")
    p.add_argument("--staff", help="the organiser doing it")
    p.add_argument("--recovery-code", help="the code printed when the event was set up (used once)")
    p = command("list", "the staff accounts (organiser)", cmd_staff_list, st)
    p.add_argument("--staff")

    p = command("export", "export the whole list, no-shows, per-session figures, attendance, check-ins, "
                          "safeguarding confirmations or the door log (organiser)", cmd_export)
    p.add_argument("kind", choices=list(EXPORT_KINDS))
    p.add_argument("-o", "--output", required=True, metavar="FILE.csv|FILE.xlsx")
    p.add_argument("--staff")

    rp = sub.add_parser("report", help="printed reports").add_subparsers(dest="report_command", parser_class=_Parser,
                                                                        required=True)
    p = command("daily", "the end-of-day summary for the organisers and the safeguarding focal point (PDF)",
                cmd_report_daily, rp)
    p.add_argument("--date", metavar="YYYY-MM-DD", help="the day (default: today at the event)")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    p.add_argument("--staff")

    p = command("purge", "after the event: remove personal data, keep anonymous counts (organiser)", cmd_purge)
    p.add_argument("--staff")
    p.add_argument("--confirm", metavar="EVENT_CODE", help="the event's code, typed, to confirm (asked on a terminal)")
    p.add_argument("--young-people-only", action="store_true", help="remove only young people's data (now)")

    p = command("dashboard", "the organiser dashboard's figures, once (organiser)", cmd_dashboard)
    p.add_argument("--staff")

    au = sub.add_parser("audit", help="the audit log").add_subparsers(dest="audit_command", parser_class=_Parser,
                                                                       required=True)
    command("verify", "check the audit log's hash chain", cmd_audit_verify, au)
    p = command("list", "audit entries, newest first, filtered", cmd_audit_list, au)
    p.add_argument("--person", default="", help="a registration id or staff name (part)")
    p.add_argument("--station", default="")
    p.add_argument("--kind", default="")
    p.add_argument("--by", default="", help="the staff member who acted (part)")
    p.add_argument("--since", help="ISO 8601")
    p.add_argument("--until", help="ISO 8601")
    p.add_argument("--limit", type=_count(1, 10**6), default=100)
    p.add_argument("--staff")
    return parser


# -- helpers -----------------------------------------------------------------------------------

def _open(args):
    return open_database(getattr(args, "db", None))


def _now(args):
    at = getattr(args, "at", None)
    if not at:
        return utcnow()
    tz = None
    try:
        tz = get_event(getattr(args, "event", None)).timezone
    except CheckinError:
        pass
    return parse_instant(at, tz)


def _event(args):
    return get_event(getattr(args, "event", None))


def _pin(prompt: str) -> str:
    pin = os.environ.get("CHECKIN_PIN")
    if pin:
        return pin
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    raise AccessDenied("no PIN: set CHECKIN_PIN or run the command in a terminal to be asked")


def _staff(args, station: str = ""):
    name = getattr(args, "staff", None)
    if not name:
        return None
    return authenticate(name, _pin(f"PIN for {name}: "), station=station or getattr(args, "station", "") or "cli",
                        now=_now(args))


def _signed(args, right: str, station: str = "") -> StaffMember:
    """The staff member named by --staff, signed in with their PIN, holding `right` (exit 3 if not)."""
    if not getattr(args, "staff", None):
        return require(None, right)
    return require(_staff(args, station), right)


def _logged_read(by: StaffMember, what: str, people: int, *, event_code: str = "", args=None) -> None:
    """Personal data read out of the database is audited like a change: who, what, how many."""
    audit.record("personal_data_read", event_code=event_code, station=getattr(args, "station", "") or "cli",
                 staff=by.name, subject=what, detail={"people": people})


def _emit(obj: dict) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, default=str) + "\n")


# -- commands ----------------------------------------------------------------------------------

def cmd_app(args) -> int:
    # The window is handed in by whoever installed it (ui.launcher): the core never imports Qt.
    if args.run_window is None:
        raise InputError("this command line has no window: start it as `checkin app` (the installed command) "
                         "or `python -m ui app`")
    return args.run_window(args)


def cmd_demo(args) -> int:
    url = resolve_db_url(getattr(args, "db", None))
    if url.startswith("sqlite:///"):
        use_demo_key(url[len("sqlite:///"):])    # unless CHECKIN_DB_KEY names another passphrase
    _open(args)
    refuse_demo_over_real_data()
    _emit(load_demo(shift_to_today=not args.original_dates, now=_now(args)).as_json())
    return 0


def cmd_event_load(args) -> int:
    _open(args)
    by = _signed(args, "event")
    spec = read_event_file(args.file)
    answer = save_event(spec, by=by, station="cli", now=_now(args)).as_json()
    code = issue_recovery_code()
    if code:
        answer["recovery_code"] = code
        sys.stderr.write("checkin: write down this database's recovery code and keep it apart from the laptop: "
                         "it unlocks an organiser locked out by wrong PINs (`checkin staff unlock NAME "
                         "--recovery-code CODE`), once\n")
    _emit(answer)
    return 0


def cmd_import(args) -> int:
    _open(args)
    by = _signed(args, "import")
    mapping = mapping_for(args.mapping)
    event = _event(args)
    result = import_attendees(args.file, event=event, mapping=mapping, skip_invalid=args.skip_invalid,
                              dry_run=args.dry_run, by=by, station="cli", now=_now(args),
                              include_pending=args.include_pending)
    if args.dry_run:
        _logged_read(by, "import dry run", result.created + result.updated + result.unchanged,
                     event_code=event.code)
    _emit(result.dry_run_json() if args.dry_run else result.as_json())
    if result.errors and not args.skip_invalid:
        done = "nothing would be imported" if args.dry_run else "nothing was imported"
        sys.stderr.write(f"checkin: {len(result.errors)} errors on {result.error_rows} rows of {Path(args.file).name}; {done}: "
                         "fix those rows or pass --skip-invalid\n")
        return 2
    return 0


def cmd_token(args) -> int:
    _open(args)
    by = _signed(args, "token")
    event = _event(args)
    person = find(event, args.registration_id)
    _logged_read(by, f"badge token of {person.registration_id}", 1, event_code=event.code)
    _emit({"registration_id": person.registration_id, "token": token_for(person)})
    return 0


def cmd_search(args) -> int:
    if args.limit < 1:
        raise InputError("--limit must be 1 or more")
    _open(args)
    by = _signed(args, "search")
    event = _event(args)
    hits = search(event, args.query, limit=args.limit)
    _logged_read(by, "search", len(hits), event_code=event.code)
    _emit({"results": [h.as_json() for h in hits]})
    return 0


def cmd_scan(args) -> int:
    _open(args)
    event = _event(args)
    staff = _signed(args, "scan")
    _emit(desk.scan(args.token, event=event, station=args.station, staff=staff,
               confirm_safeguarding=args.confirm_safeguarding, now=_now(args)).as_json())
    return 0


def _ids(text: str | None) -> list[str] | None:
    return None if text is None else [r.strip() for r in text.split(",") if r.strip()]


def cmd_delegation(args) -> int:
    _open(args)
    event = _event(args)
    if not args.check_in:
        if args.members or args.confirm_safeguarding:
            raise InputError("--members and --confirm-safeguarding go with --check-in")
        by = _signed(args, "search")
        answer = delegation_of(args.registration_id, event=event).as_json()
        _logged_read(by, f"delegation of {args.registration_id}", len(answer.get("members", [])),
                     event_code=event.code, args=args)
        _emit(answer)
        return 0
    if not args.station:
        raise InputError("--check-in needs --station and --staff")
    staff = _signed(args, "scan")
    members = _ids(args.members)
    confirmed = _ids(args.confirm_safeguarding) or []
    if confirmed == ["all"]:
        confirmed = members if members is not None else [
            m.registration_id for m in delegation_of(args.registration_id, event=event).members]
    _emit(check_in_delegation(args.registration_id, event=event, station=args.station, staff=staff,
                              members=members, confirmed=confirmed, now=_now(args)).as_json())
    return 0


def cmd_where(args) -> int:
    _open(args)
    event = _event(args)
    _emit(where(args.registration_id, event=event, by=_signed(args, "where"), station=args.station,
                now=_now(args)).as_json())
    return 0


def cmd_young_people(args) -> int:
    _open(args)
    event = _event(args)
    _emit(young_people_present(event=event, by=_signed(args, "where"), delegation=args.delegation, station=args.station,
                               now=_now(args)).as_json())
    return 0


def cmd_door(args) -> int:
    _open(args)
    event = _event(args)
    staff = _signed(args, "door")
    # A refusal (full, closed, …) is still an answer: printed, exit 0, like the desk's scan.
    _emit(door.scan(args.token, event=event, session_run=args.session_run, direction=args.direction,
               station=args.station, staff=staff, override_reason=args.override_reason, now=_now(args)).as_json())
    return 0


def cmd_occupancy(args) -> int:
    _open(args)
    by = _signed(args, "occupancy")
    event = _event(args)
    answer = occupancy(args.session_run, event=event, now=_now(args)).as_json()
    _logged_read(by, f"who is inside {args.session_run}", len(answer.get("inside", [])), event_code=event.code)
    _emit(answer)
    return 0


def cmd_door_annul(args) -> int:
    _open(args)
    _emit(annul_scan(args.scan_id, staff=_signed(args, "annul"), reason=args.reason, station=args.station,
                     now=_now(args)).as_json())
    return 0


def cmd_annul(args) -> int:
    _open(args)
    event = _event(args)
    info = desk.annul_checkin(args.registration_id, event=event, by=_signed(args, "annul"), reason=args.reason,
                         station=args.station, now=_now(args))
    _emit({"registration_id": args.registration_id, "annulled": info.as_json()})
    return 0


def cmd_consent(args) -> int:
    _open(args)
    event = _event(args)
    yes_no = {"yes": True, "no": False, None: None}
    _emit(record_consent(args.registration_id, event=event, by=_signed(args, "consent"), reason=args.reason,
                         guardian_consent=yes_no[args.guardian_consent], chaperone=args.chaperone,
                         photo_consent=yes_no[args.photo_consent], station=args.station,
                         now=_now(args)).as_json())
    return 0


def cmd_reprint(args) -> int:
    _open(args)
    event = _event(args)
    _emit(reprint(args.registration_id, event=event, by=_signed(args, "reprint"), reason=args.reason, station=args.station,
                  now=_now(args)).as_json())
    return 0


def _write(path: str, data: bytes) -> str:
    target = Path(path)
    if target.suffix.lower() != ".pdf":
        raise InputError(f"{path}: the output must be a .pdf file")
    return str(write_atomically(target, data))


def cmd_badge(args) -> int:
    _open(args)
    by = _signed(args, "badge")
    event = _event(args)
    pdf = badge_pdf(args.registration_id, event=event, fmt=args.format)
    _logged_read(by, f"badge of {args.registration_id}", 1, event_code=event.code)
    _emit({"registration_id": args.registration_id, "file": _write(args.output, pdf), "format": args.format,
           "pages": page_count(pdf)})
    return 0


def cmd_badge_preview(args) -> int:
    if args.event_file:
        preview = preview_for_file(args.event_file)
    else:
        _open(args)
        preview = preview_for_event(_event(args))
    _emit({"file": _write(args.output, preview.pdf), **preview.as_json()})
    return 0


def cmd_badges(args) -> int:
    if args.desk_split < 0:
        raise InputError("--desk-split needs a number of desks (1 or more)")
    _open(args)
    by = _signed(args, "batch_print")
    event = _event(args)
    result = batch_pdf(event, fmt=args.format, sort=args.sort, desk_split=args.desk_split)
    _logged_read(by, "every badge", result.as_json().get("badges", 0), event_code=event.code)
    _emit({"file": _write(args.output, result.pdf), **result.as_json()})
    return 0


def cmd_print(args) -> int:
    _open(args)
    event = _event(args)
    staff = _signed(args, "scan")
    _emit(print_badge(args.registration_id, event=event, queue=args.printer, fmt=args.format,
                      station=args.station, staff=staff, now=_now(args)).as_json())
    return 0


def cmd_invitations(args) -> int:
    _open(args)
    by = _signed(args, "batch_print")
    event = _event(args)
    pdf, count = invitations_pdf(event)
    _logged_read(by, "every invitation", count, event_code=event.code)
    _emit({"file": _write(args.output, pdf), "invitations": count})
    return 0


def cmd_staff_add(args) -> int:
    _open(args)
    by = _staff(args)
    if args.pin_stdin:
        pin = sys.stdin.readline().strip()
    elif sys.stdin.isatty():
        pin = getpass.getpass(f"new PIN for {args.name}: ")
        if getpass.getpass("again: ") != pin:
            raise InputError("the two PINs differ: run the command again")
    else:
        raise InputError("no PIN for the new account: pass --pin-stdin and write it to standard input")
    member = add_staff(args.name, args.role, pin, by=by, station="cli", now=_now(args))
    _emit({"name": member.name, "role": member.role})
    return 0


def cmd_conflicts(args) -> int:
    _open(args)
    by = _signed(args, "audit")
    code = getattr(args, "event", None)
    _logged_read(by, "offline conflicts", 0)
    _emit({"conflicts": [c.as_json() for c in conflicts(_event(args).code if code else None)]})
    return 0


def cmd_sync(args) -> int:
    url = resolve_db_url(getattr(args, "db", None))
    _open(args)
    by = _signed(args, "sync", args.station)
    _logged_read(by, f"offline copy for {args.station}", 0, args=args)
    connection = StationDatabase(url, args.replica or default_replica_path(args.station), station=args.station,
                                 clock=lambda: _now(args))
    try:
        status = connection.open()
    finally:
        connection.close()
    _emit(status.as_json())
    return 0


def _new_pin(args) -> str:
    if args.pin_stdin:
        return sys.stdin.readline().strip()
    if sys.stdin.isatty():
        pin = getpass.getpass(f"new PIN for {args.name}: ")
        if getpass.getpass("again: ") != pin:
            raise InputError("the two PINs differ: run the command again")
        return pin
    raise InputError("no PIN for the account: pass --pin-stdin and write it to standard input")


def cmd_staff_reset_pin(args) -> int:
    _open(args)
    by = _signed(args, "staff")
    _emit(reset_pin(args.name, _new_pin(args), by=by, station="cli", now=_now(args)).as_json())
    return 0


def cmd_staff_disable(args) -> int:
    _open(args)
    _emit(disable_staff(args.name, by=_signed(args, "staff"), station="cli", now=_now(args)).as_json())
    return 0


def cmd_staff_unlock(args) -> int:
    _open(args)
    if args.recovery_code:
        _emit(unlock(args.name, recovery_code=args.recovery_code, station="cli", now=_now(args)))
    else:
        _emit(unlock(args.name, by=_signed(args, "staff"), station="cli", now=_now(args)))
    return 0


def cmd_staff_list(args) -> int:
    _open(args)
    _signed(args, "staff")
    _emit({"staff": [a.as_json() for a in list_staff(now=_now(args))]})
    return 0


def cmd_export(args) -> int:
    output_format(args.output)
    _open(args)
    by = _signed(args, "export")
    event = _event(args)
    _emit(export(args.kind, args.output, event=event, by=by, station="cli", now=_now(args)).as_json())
    return 0


def cmd_report_daily(args) -> int:
    output_format(args.output, (".pdf",))
    _open(args)
    event = _event(args)
    _emit(daily_report(event, args.output, by=_signed(args, "export"), day=args.date, station="cli", now=_now(args)))
    return 0


def cmd_purge(args) -> int:
    _open(args)
    by = _signed(args, "purge")
    event = _event(args)
    confirmation = args.confirm
    if confirmation is None:
        if not sys.stdin.isatty():
            raise InputError(f"a purge cannot be undone: pass --confirm {event.code} to confirm")
        sys.stderr.write(f"This removes every person's data from {event.name}; only anonymous counts stay.\n")
        confirmation = input(f"Type the event code ({event.code}) to confirm: ")
    _emit(purge(event, confirmation=confirmation, by=by, youth_only=args.young_people_only, station="cli",
                now=_now(args)).as_json())
    return 0


def cmd_dashboard(args) -> int:
    _open(args)
    by = _signed(args, "dashboard")
    event = _event(args)
    _logged_read(by, "dashboard", 0, event_code=event.code)
    _emit(snapshot(event, _now(args)).as_json())
    return 0


def cmd_audit_list(args) -> int:
    _open(args)
    by = _signed(args, "audit")
    since = parse_instant(args.since) if args.since else None
    until = parse_instant(args.until) if args.until else None
    rows = entries(person=args.person, station=args.station, kind=args.kind, staff=args.by, since=since,
                   until=until, limit=args.limit)
    _logged_read(by, "audit log", len(rows))
    _emit({"entries": [r.as_json() for r in rows]})
    return 0


def cmd_audit_verify(args) -> int:
    _open(args)
    report = verify()
    _emit(report.as_json())
    return 0 if report.ok else 1


def _anchor(args) -> None:
    """After a command, this machine signs the audit chain's head into its own anchor file."""
    if args.func in (cmd_app, cmd_sync) or database.obj is None:
        return
    try:
        write_anchor(getattr(args, "station", "") or "cli")
    except Exception:  # noqa: BLE001 - an anchor is a safeguard, never the reason a done command fails
        sys.stderr.write("checkin: warning: could not write this station's audit anchor\n")


def main(argv: list[str] | None = None, *, run_window=None) -> int:
    """`run_window(args)` opens the window for `checkin app`; the core itself has none to offer."""
    try:
        args = build_parser().parse_args(argv)
        args.run_window = run_window
        if not getattr(args, "func", None):
            build_parser().print_help(sys.stderr)
            return 2
        code = args.func(args)
        _anchor(args)
        return code
    except CheckinError as exc:
        sys.stderr.write(f"checkin: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}\n")
        return exc.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("checkin: interrupted; nothing half-done was kept\n")
        return 130
    except Exception as exc:  # the one-line contract holds even for what we did not foresee
        if _disk_full(exc):
            sys.stderr.write("checkin: disk full (the disk refused a write): free some space and run the command "
                             "again; nothing was changed\n")
            return 2
        if os.environ.get("CHECKIN_DEBUG"):
            raise
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        sys.stderr.write(f"checkin: unexpected {type(exc).__name__}: {first} (set CHECKIN_DEBUG=1 for details)\n")
        return 1
