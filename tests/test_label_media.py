"""Label printers: each badge format asks the queue for the media its driver calls that size.
The Brother QL (printer-driver-ptouch) and DYMO LabelWriter (printer-driver-dymo) PPDs are the
real ones their Debian packages generate; the cups-pdf queue shows the media reaching the job."""

import shutil
import subprocess

import pytest

from checkin.badges.formats import FORMAT_KEYS, FORMATS
from checkin.badges.media import choose_media, media_for, parse_ppd, queue_sizes
from checkin.badges.printing import PrintError
from checkin.badges.service import print_badge
from services import unavailable
from tests.conftest import EVENT_MORNING
from tests.cups import cups_printer  # noqa: F401  (fixture)

DRIVERS = {
    "ql-570": ("ptouch", "ptouch:0/ppd/ptouch-driver/Brother-QL-570-ptouch-ql.ppd"),
    "ql-820nwb": ("ptouch", "ptouch:0/ppd/ptouch-driver/Brother-QL-820NWB-ptouch-ql.ppd"),
    "labelwriter-450": ("dymo", "dymo:0/cups/model/lw450.ppd"),
    "labelwriter-4xl": ("dymo", "dymo:0/cups/model/lw4xl.ppd"),
}


def _ppd(model: str) -> str:
    driver, uri = DRIVERS[model]
    program = f"/usr/lib/cups/driver/{driver}"
    if not shutil.which(program):
        unavailable(f"no {program}: apt-get install printer-driver-{driver} (.ci/setup does)")
    return subprocess.run([program, "cat", uri], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("model,label62,cr80", [
    ("ql-570", "Custom.62x100mm", "Custom.54x86mm"),       # the continuous 62 mm roll, cut at 100 mm
    ("ql-820nwb", "Custom.62x100mm", "Custom.54x86mm"),
    ("labelwriter-450", "w176h292", "Custom.54x86mm"),     # 30856 badge card label; 62 mm is over its custom width
    ("labelwriter-4xl", "Custom.62x100mm", "Custom.54x86mm"),
])
def test_label_printers_get_their_drivers_media(model, label62, cr80):
    text = _ppd(model)
    sizes = parse_ppd(text)
    assert choose_media("label62", sizes) == label62 and choose_media("cr80", sizes) == cr80
    for fmt in FORMAT_KEYS:
        try:
            media = choose_media(fmt, sizes)
        except PrintError as refused:
            # Only a badge wider than every label the driver knows is refused, in one line.
            widest = max([w for _, w, _ in sizes.named] + [sizes.custom[1] if sizes.custom else 0])
            assert DRIVERS[model][0] == "dymo" and min(FORMATS[fmt].sheet) > widest, fmt
            assert "does not fit; choose a smaller badge format" in str(refused)
            continue
        # Every name asked for is one the driver lists, or a custom size within its limits.
        assert media.startswith("Custom.") and sizes.custom is not None or f"*PageSize {media}/" in text


def test_a_queue_without_a_readable_ppd_gets_the_standard_names():
    assert [choose_media(f, None) for f in FORMAT_KEYS] == ["A6", "A5", "Custom.54x86mm", "Custom.4x3in",
                                                           "Custom.62x100mm", "A4"]


@pytest.mark.parametrize("fmt,size_mm", [("cr80", (54, 86)), ("label62", (62, 100)), ("a6", (105, 148))])
def test_the_media_reaches_the_print_job(loaded, desk_staff, cups_printer, fmt, size_mm):
    assert queue_sizes(cups_printer.queue) is not None   # read from the scheduler, as a desk laptop would
    for old in cups_printer.output.glob("Badge_M-001_1*.pdf"):
        old.unlink()
    print_badge("M-001", event=loaded, queue=cups_printer.queue, fmt=fmt, station="Desk 1",
                staff=desk_staff["desk"], now=EVENT_MORNING)
    out = cups_printer.wait_for_output("Badge_M-001_1")
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    width, height = (float(v) for v in info.split("Page size:")[1].split("pts")[0].split("x"))
    # cups-pdf writes the page at the media the job asked for (A4 when none reaches it).
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == size_mm, (media_for(fmt, cups_printer.queue), info)


def test_a_brother_ql_queue_takes_the_62_mm_label_through_its_driver(loaded, desk_staff, cups_printer):
    """The QL driver's own filter chain (PDF -> raster -> rastertoptch) runs the job to the end with
    the media chosen from its PPD; the cups-pdf backend stands in for the USB printer."""
    _ppd("ql-570")
    queue = "checkin-test-ql570"
    made = subprocess.run(["lpadmin", "-p", queue, "-E", "-v", "cups-pdf:/", "-m", DRIVERS["ql-570"][1]],
                          capture_output=True, text=True)
    if made.returncode != 0:
        unavailable(f"the test scheduler cannot add a QL queue: {made.stderr.strip()}")
    try:
        assert media_for("label62", queue) == "Custom.62x100mm"
        result = print_badge("M-002", event=loaded, queue=queue, fmt="label62", station="Desk 1",
                             staff=desk_staff["desk"], now=EVENT_MORNING, wait=60)
        assert result.printed and result.job.startswith(queue + "-")
    finally:
        cups_printer.remove_queue(queue)
