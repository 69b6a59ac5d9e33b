"""Renders the end-of-day summary in docs/reports/: the demo event's first day lived (a morning of
arrivals, C1 filled and a late-comer turned away, an override, an annulment, a young person whose
chaperone is not on file), then `checkin report daily` through the core, then pdftoppm at 100 dpi.

Run: .venv/bin/python scripts/daily_report_sample.py [OUT_DIR]
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checkin import scenes  # noqa: E402
from checkin.desk.service import annul_checkin  # noqa: E402
from checkin.door.service import scan_by_id  # noqa: E402
from checkin.events.demo import DEMO_STAFF, load_demo  # noqa: E402
from checkin.events.service import find_session_run, get_event  # noqa: E402
from checkin.organiser.daily_pdf import daily_report  # noqa: E402
from checkin.staff import authenticate  # noqa: E402
from checkin.store.models import Attendee, CheckIn, Presence  # noqa: E402
from checkin.store.schema import open_database  # noqa: E402


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        open_database(str(Path(tmp) / "demo.sqlite3"))
        result = load_demo(shift_to_today=False)
        name, _, pin = next(s for s in DEMO_STAFF if s[1] == "organiser")
        organiser = authenticate(name, pin)
        event = get_event(result.event)
        scene = scenes.door_scene(event.code, organiser)
        scenes.busy_morning(event.code, organiser)
        scenes.fill_room(event.code, scene, organiser)
        c1 = find_session_run(event, "C1")
        inside = Presence.select(Presence.attendee)
        late = [a.registration_id for a in Attendee.select().join(CheckIn).where(
            (Attendee.event == event) & (Attendee.role != "youth") & Attendee.id.not_in(inside))
            .order_by(Attendee.id.desc()).limit(2)]
        at = c1.starts + timedelta(minutes=25)
        scan_by_id(late[0], event=event, session_run="C1", direction="in", station="Door C1", staff=organiser, now=at)
        scan_by_id(late[1], event=event, session_run="C1", direction="in", station="Door C1", staff=organiser,
                   now=at + timedelta(minutes=2), override_reason="interpreter for the young panellists",
                   override_by=organiser)
        annul_checkin(late[0], event=event, by=organiser, reason="checked in on a colleague's badge",
                      station="Desk 2", now=c1.starts + timedelta(hours=2))
        young = (Attendee.select().join(CheckIn).where((Attendee.event == event) & (Attendee.role == "youth")
                                                       & CheckIn.annulled_at.is_null())
                 .order_by(Attendee.id).first())
        Attendee.update(chaperone="").where(Attendee.id == young.id).execute()
        pdf = out / "daily.pdf"
        answer = daily_report(event, str(pdf), by=organiser, now=c1.starts + timedelta(hours=5))
        subprocess.run(["pdftoppm", "-r", "100", "-png", str(pdf), str(out / "daily")], check=True)
        pdf.unlink()
        print(answer["file"], answer["pages"], "pages")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "reports")
