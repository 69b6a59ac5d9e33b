"""Which media a printer queue is asked to feed for a badge format (`lp -o media=…`).

A label printer's driver names its labels its own way: Brother's QL driver (printer-driver-ptouch)
calls the 62 mm die-cut label `62x100mm` and takes any length on the continuous roll as
`Custom.62x100mm`; DYMO's LabelWriter driver (printer-driver-dymo) calls its 62 × 103 mm badge
card label `w176h292` and refuses custom widths over 56.9 mm. So the queue's PPD decides, read
from the scheduler (`/printers/QUEUE.ppd`, which CUPS serves to any local user) or from its
file: a roll format takes a custom length where the driver allows it; otherwise the driver's own
size within a few millimetres of the badge's sheet; otherwise a custom size; and a queue whose
PPD cannot be read (a driverless printer, another system) gets the standard CUPS name.
"""

from __future__ import annotations

import http.client
import os
import re
import socket
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from reportlab.lib.units import mm

from checkin.badges.formats import get_format
from checkin.badges.printing import PrintError

# The standard names, for queues whose sizes cannot be read.
STANDARD = {"a6": "A6", "a6-fold": "A5", "cr80": "Custom.54x86mm", "4x3": "Custom.4x3in",
            "label62": "Custom.62x100mm", "a4-4up": "A4"}
ROLL = {"label62"}          # continuous roll formats: cut to length, a custom size first
WIDTH_TOLERANCE = 2 * mm    # a driver's label this close to the sheet is the sheet (across the roll)
LENGTH_TOLERANCE = 4 * mm   # (along it: a label a little longer holds the badge)

_PAGE = re.compile(r'^\*PageSize\s+([^/:\s]+)[^:]*:\s*"[^"]*PageSize\s*\[\s*([\d.]+)\s+([\d.]+)\s*\]', re.M)
_CUSTOM = re.compile(r"^\*CustomPageSize\s+True", re.M)
_PARAM = re.compile(r"^\*ParamCustomPageSize\s+(Width|Height)(?:/[^:]*)?:\s*\d+\s+points\s+([\d.]+)\s+([\d.]+)", re.M)


@dataclass(frozen=True)
class QueueSizes:
    named: tuple[tuple[str, float, float], ...]        # (PageSize name, width pt, height pt)
    custom: tuple[float, float, float, float] | None    # min/max width, min/max height in pt

    def custom_fits(self, width: float, height: float) -> bool:
        if self.custom is None:
            return False
        w0, w1, h0, h1 = self.custom
        return w0 <= width <= w1 + 0.5 and h0 <= height <= h1 + 0.5


def parse_ppd(text: str) -> QueueSizes:
    named = tuple((name, float(w), float(h)) for name, w, h in _PAGE.findall(text))
    custom = None
    if _CUSTOM.search(text):
        limits = {kind: (float(lo), float(hi)) for kind, lo, hi in _PARAM.findall(text)}
        w, h = limits.get("Width", (0.0, 1e6)), limits.get("Height", (0.0, 1e6))
        custom = (w[0], w[1], h[0], h[1])
    return QueueSizes(named, custom)


def _custom_name(width: float, height: float) -> str:
    def fmt(v: float) -> str:
        return f"{v / mm:.1f}".rstrip("0").rstrip(".")
    return f"Custom.{fmt(width)}x{fmt(height)}mm"


def choose_media(fmt: str, sizes: QueueSizes | None) -> str:
    """The media name for this format on a queue with these sizes (None: sizes unknown). A format
    the driver cannot take at all (an A6 badge on a 57 mm label printer) is refused before printing."""
    f = get_format(fmt)
    if sizes is None:
        return STANDARD[f.key]
    width, height = sorted(f.sheet)            # portrait: labels feed narrow edge first
    if f.key in ROLL and sizes.custom_fits(width, height):
        return _custom_name(width, height)
    near = sorted((abs(w - width) + abs(h - height), name) for name, w, h in sizes.named
                  if abs(w - width) <= WIDTH_TOLERANCE and abs(h - height) <= LENGTH_TOLERANCE)
    if near:
        return near[0][1]
    if sizes.custom_fits(width, height):
        return STANDARD[f.key] if STANDARD[f.key].startswith("Custom.") else _custom_name(width, height)
    if any(name == STANDARD[f.key] for name, _, _ in sizes.named):
        return STANDARD[f.key]
    widest = max([w for _, w, _ in sizes.named] + [sizes.custom[1] if sizes.custom else 0.0])
    raise PrintError(f"this printer's media are at most {widest / mm:.0f} mm wide: the {f.key} badge "
                     f"({width / mm:.0f} mm) does not fit; choose a smaller badge format (cr80 or label62) for it")


class _UnixHTTPConnection(http.client.HTTPConnection):
    def __init__(self, path: str, timeout: float):
        super().__init__("localhost", timeout=timeout)
        self._path = path

    def connect(self) -> None:
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(self.timeout)
        self.sock.connect(self._path)


def _from_scheduler(queue: str, timeout: float = 2.0) -> str | None:
    server = os.environ.get("CUPS_SERVER", "")
    if server.startswith("/"):
        conn = _UnixHTTPConnection(server, timeout)
    else:
        host, _, port = (server or "localhost").partition(":")
        conn = http.client.HTTPConnection(host, int(port or 631), timeout=timeout)
    try:
        conn.request("GET", f"/printers/{quote(queue)}.ppd")
        answer = conn.getresponse()
        body = answer.read()
        return body.decode("utf-8", "replace") if answer.status == 200 else None
    except (OSError, http.client.HTTPException, ValueError):
        return None
    finally:
        conn.close()


def _from_file(queue: str) -> str | None:
    server = os.environ.get("CUPS_SERVER", "")
    places = [Path("/etc/cups/ppd") / f"{queue}.ppd"]
    if server.startswith("/"):
        places.insert(0, Path(server).parent / "ppd" / f"{queue}.ppd")
    for place in places:
        try:
            return place.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
    return None


@lru_cache(maxsize=32)
def _queue_sizes(queue: str, server: str) -> QueueSizes | None:
    text = _from_scheduler(queue) or _from_file(queue)
    return parse_ppd(text) if text else None


def queue_sizes(queue: str) -> QueueSizes | None:
    """The sizes a queue's driver offers (read once per queue and scheduler)."""
    return _queue_sizes(queue.strip(), os.environ.get("CUPS_SERVER", ""))


def media_for(fmt: str, queue: str) -> str:
    return choose_media(fmt, queue_sizes(queue))
