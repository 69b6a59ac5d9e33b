"""Printing through a real CUPS queue: the PDF comes out, the print is counted; a stopped queue
or a dead printer raises PrintError and the badge stays "not printed"."""

import json
import os

import pytest
import zxingcpp
from PIL import Image

from checkin.attendees import find, token_for
from checkin.badges.service import print_badge
from checkin.store.models import AuditEntry, Badge
from checkin.badges.printing import PrintError, print_pdf, queue_status
from tests.conftest import EVENT_MORNING, run_cli
from tests.cups import cups_printer  # noqa: F401  (fixture)


def _prints(event, reg: str) -> int:
    person = find(event, reg)
    row = Badge.get_or_none((Badge.attendee == person) & (Badge.serial == person.badge_serial))
    return row.print_count if row else 0


def test_badge_prints_into_the_queue_and_is_counted(loaded, desk_staff, cups_printer, tmp_path):
    for old in cups_printer.output.glob("Badge_M-002_1*.pdf"):
        old.unlink()   # an earlier run's output must not pass for this one's
    result = print_badge("M-002", event=loaded, queue=cups_printer.queue, fmt="a6", station="Desk 1",
                         staff=desk_staff["desk"], now=EVENT_MORNING)
    assert result.printed and result.job.startswith(cups_printer.queue + "-") and result.print_count == 1
    assert _prints(loaded, "M-002") == 1
    out = cups_printer.wait_for_output("Badge_M-002_1")
    page = tmp_path / "printed"
    os.system(f"pdftoppm -r 150 -f 1 -l 1 -png {out} {page}")
    image = Image.open(next(tmp_path.glob("printed*.png")))
    assert {r.text for r in zxingcpp.read_barcodes(image)} == {token_for(find(loaded, "M-002"))}


def test_stopped_queue_refuses_and_the_badge_stays_unprinted(loaded, desk_staff, cups_printer):
    queue = cups_printer.extra_queue("checkin-test-stopped", "cups-pdf:/", enabled=False)
    try:
        assert not queue_status(queue).enabled
        with pytest.raises(PrintError, match="stopped"):
            print_badge("M-001", event=loaded, queue=queue, fmt="a6", station="Desk 1", staff=desk_staff["desk"],
                        now=EVENT_MORNING)
    finally:
        cups_printer.remove_queue(queue)
    assert _prints(loaded, "M-001") == 0
    assert AuditEntry.select().where(AuditEntry.kind == "badge_print_failed").count() == 1


def test_dead_printer_job_is_cancelled_not_counted(loaded, desk_staff, cups_printer):
    # Nothing listens on port 9: CUPS keeps the job pending; we give up, cancel it, and say so.
    queue = cups_printer.extra_queue("checkin-test-dead", "socket://127.0.0.1:9")
    try:
        with pytest.raises(PrintError, match="did not finish"):
            print_badge("M-001", event=loaded, queue=queue, fmt="a6", station="Desk 1", staff=desk_staff["desk"],
                        now=EVENT_MORNING, wait=1.5)
    finally:
        cups_printer.remove_queue(queue)
    assert _prints(loaded, "M-001") == 0


def test_unknown_queue_is_a_clear_error(cups_printer):
    with pytest.raises(PrintError, match="no printer queue 'no-such-printer'"):
        print_pdf(b"%PDF-1.4", "no-such-printer", title="x")


def test_cli_print(loaded, db_path, desk_staff, cups_printer):
    out = run_cli("print", "M-005", "--printer", cups_printer.queue, "--format", "cr80", "--station", "Desk 2",
                  "--staff", "Dara Desk", db_path=db_path, pin="4826")
    assert out.returncode == 0, out.stderr
    answer = json.loads(out.stdout)
    assert answer["printed"] is True and answer["registration_id"] == "M-005" and answer["job"]
    bad = run_cli("print", "M-005", "--printer", "no-such-printer", "--staff", "Dara Desk", db_path=db_path,
                  pin="4826")
    assert bad.returncode == 2 and "no printer queue" in bad.stderr and len(bad.stderr.strip().splitlines()) == 1
    assert _prints(loaded, "M-005") == 1


def test_station_prints_with_its_own_printer(loaded, desk_staff, cups_printer):
    from checkin.stations.station import Station, StationSettings

    station = Station(StationSettings(station_name="Desk 3", printer_queue=cups_printer.queue, badge_format="cr80",
                                      event_code=loaded.code), desk_staff["desk"], clock=lambda: EVENT_MORNING)
    assert station.print_badge("M-001").print_count == 1
