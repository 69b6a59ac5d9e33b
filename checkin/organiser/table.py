"""A report as a table, and writing it out: CSV (UTF-8 with a BOM, so Excel reads the accents) or
XLSX (bold frozen header, a filter on every column, widths that fit the content).

Every cell is made safe for a spreadsheet on the way out: control characters go (a tab or a
newline in an organisation's name would split a CSV row for some readers, and XLSX refuses them
outright), and text starting like a formula gets a leading apostrophe so it stays text.
Files are written private (0600): they hold children's data.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from checkin.errors import InputError
from checkin.imports.tabular import FORMULA_STARTS
from checkin.paths import write_atomically
from checkin.timeutil import local

FORMATS = (".csv", ".xlsx")
_WIDEST = 60


@dataclass(frozen=True)
class Report:
    kind: str
    columns: tuple[str, ...]
    rows: list[tuple]
    people: int = -1          # how many identifiable people it lists (-1: one per row)

    @property
    def people_listed(self) -> int:
        return len(self.rows) if self.people < 0 else self.people


def when(value: datetime | None, tz: str) -> str:
    return local(value, tz).strftime("%Y-%m-%d %H:%M:%S") if value else ""


def yes_no(value: bool | None, unknown: str = "") -> str:
    return unknown if value is None else ("yes" if value else "no")


def safe_cell(cell):
    """Control characters out (a line break becomes a space), and a formula kept as text."""
    if not isinstance(cell, str):
        return cell
    if any(unicodedata.category(ch) == "Cc" for ch in cell):
        cell = "".join(" " if ch in "\t\r\n" else ch for ch in cell if ch in "\t\r\n"
                       or unicodedata.category(ch) != "Cc").strip()
    if cell[:1] in FORMULA_STARTS:
        return "'" + cell
    return cell


def csv_bytes(report: Report) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(report.columns)
    writer.writerows([safe_cell(c) for c in row] for row in report.rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _display_width(text: str) -> int:
    """Columns a cell takes in a spreadsheet: wide (CJK) characters count twice, marks not at all."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def xlsx_bytes(report: Report) -> bytes:
    # openpyxl is imported here: only an XLSX export needs it, and it costs start-up time.
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    # Write-only: rows stream out instead of living as cell objects (20,000 people ~4× faster),
    # so the widths are measured first and the sheet's settings made before the first row.
    rows = [[safe_cell(c) for c in row] for row in report.rows]
    widths = [_display_width(c) + 3 for c in report.columns]   # room for the filter button
    for row in rows:
        for i, c in enumerate(row):
            if c is not None:
                widths[i] = max(widths[i], _display_width(str(c)) + 1)
    book = Workbook(write_only=True)
    sheet = book.create_sheet(report.kind[:31])
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = min(_WIDEST, width + 1)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(report.columns))}{len(rows) + 1}"
    header = []
    for name in report.columns:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def output_format(path: str | Path, formats: tuple[str, ...] = FORMATS) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in formats:
        names = " or ".join(formats)
        raise InputError(f"{path}: the output must be a {names} file")
    return suffix[1:]


def write_private(path: str | Path, data: bytes) -> Path:
    """Write a whole file or nothing, readable by its owner only (0600) from the first byte: the
    temporary file is created exclusively (no symlink followed) with that mode, then renamed over
    the target; a full disk says so (checkin/paths.py)."""
    return write_atomically(path, data)
