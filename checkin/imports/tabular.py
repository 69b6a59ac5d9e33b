"""Reading a registration export into header + rows of text, whatever the spreadsheet did to it.

CSV in UTF-8 (with or without BOM) or UTF-16 (Excel's "Unicode text"), separated by commas,
semicolons or tabs; XLSX through openpyxl. Cells come back as stripped text; dates as ISO.
Headers are kept exactly as exported, duplicates included (pretix repeats "Company" and
"Country" for the invoice address; Indico repeats a title two fields share): the mapping tells
them apart by position, `Company#2`. A leading `'` that an exporter put before `= + - @ | %`
to stop spreadsheets running formulas is taken off again: `'+6012…` is read as `+6012…`.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from checkin.errors import InputError

MAX_FILE_BYTES = 200 * 1024 * 1024
# An XLSX is a zip: a small file can inflate to gigabytes (one shared string of 400 MB). Every
# part's uncompressed size is read from the zip's directory and checked before anything is
# inflated; zipfile never inflates a part past the size its directory states.
MAX_XLSX_PART_BYTES = 64 * 1024 * 1024
MAX_XLSX_TOTAL_BYTES = 256 * 1024 * 1024
MAX_COLUMNS = 500
MAX_ROWS = 100_000
MAX_CELL_CHARS = 2_000
# Control characters have no place in a name or an answer; some (\x00-\x1f but tab and line
# breaks) also make every later XLSX export fail. They are taken out on the way in.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def clean_cell(text: str) -> str:
    return CONTROL_CHARACTERS.sub("", text)


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]   # each padded or cut to len(headers)
    row_numbers: tuple[int, ...]        # the row as a spreadsheet shows it (header = 1)
    source: str
    sheet: str = ""                     # the workbook sheet the rows came from ("" for CSV)


def read_table(path: str | Path) -> Table:
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path} is a folder: give the exported .csv or .xlsx file") from None
    if len(data) > MAX_FILE_BYTES:
        raise InputError(f"{path.name} is larger than {MAX_FILE_BYTES // 2**20} MB: split the export")
    if data[:2] == b"PK":
        return _read_xlsx(data, path.name)
    return _read_csv(data, path.name)


def decode_text(data: bytes, name: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(f"{name}: broken UTF-16 text: export again as CSV UTF-8") from None
    elif len(data) > 1 and data[1:2] == b"\x00" and data[0:1] != b"\x00":
        try:
            return data.decode("utf-16-le")  # UTF-16 without its BOM
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"{name}: line {line} is not UTF-8 text: save the file as \"CSV UTF-8\" and import again") from None


def _read_csv(data: bytes, name: str) -> Table:
    text = decode_text(data, name)
    if "\x00" in text:
        raise InputError(f"{name}: this is not a text export (it holds binary data): export as CSV or XLSX")
    delimiter = sniff_delimiter(text)
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False))
    except csv.Error as exc:
        raise InputError(f"{name}: cannot read as CSV ({exc}): export the list again") from None
    numbered = []
    line = 1
    if len(records) > MAX_ROWS + 1:
        raise InputError(f"{name}: more than {MAX_ROWS:,} rows: split the export")
    for record in records:
        numbered.append((line, record))
        line += 1
    # One look at the whole text: a file without control characters spares each row the look.
    return _table_from_records(numbered, name, controls=CONTROL_CHARACTERS.search(text) is not None)


def sniff_delimiter(text: str) -> str:
    """The separator that splits the header row cleanly into the most columns. The header is
    parsed, not counted, because question texts in quotes hold commas ("Which workshops, if
    any?"); a split that leaves a quote inside a field cut the header in the wrong places."""
    head = text[:65536]
    best, best_score = ",", (False, 0)
    for candidate in (",", ";", "\t"):
        try:
            first = next(csv.reader(io.StringIO(head, newline=""), delimiter=candidate, strict=False), [])
        except csv.Error:
            continue
        score = (not any('"' in f for f in first), len(first))
        if score > best_score:
            best, best_score = candidate, score
    return best


def check_xlsx_parts(data: bytes, name: str) -> None:
    """Refuse a zip bomb before a byte of it is inflated."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError(f"{name}: not a readable XLSX workbook ({type(exc).__name__}): open and save it again, "
                         "or export CSV") from None
    total = 0
    for part in parts:
        total += part.file_size
        if part.file_size > MAX_XLSX_PART_BYTES or total > MAX_XLSX_TOTAL_BYTES:
            raise InputError(f"{name}: a part of this workbook ({part.filename}) unpacks to more than "
                             f"{MAX_XLSX_PART_BYTES // 2**20} MB, far more than an attendee list: export CSV instead")


def _read_xlsx(data: bytes, name: str) -> Table:
    from openpyxl import load_workbook   # here: ~0.1 s to import, and only a spreadsheet needs it

    check_xlsx_parts(data, name)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise InputError(f"{name}: not a readable XLSX workbook ({type(exc).__name__}): open and save it again, or export CSV") from None
    except Exception as exc:  # openpyxl raises assorted errors on damaged files
        raise InputError(f"{name}: not a readable XLSX workbook ({type(exc).__name__}): export CSV instead") from None
    try:
        tables = []
        for sheet in book.worksheets:
            numbered = []
            # At most one column past the limit is read: a row of 10,000 cells is refused, not parsed.
            for i, row in enumerate(sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1), start=1):
                if i > MAX_ROWS + 1:
                    raise InputError(f"{name}: more than {MAX_ROWS:,} rows in sheet {sheet.title!r}: split the export")
                numbered.append((i, [_cell_text(v) for v in row]))
            if any(any(c.strip() for c in r) for _, r in numbered):
                tables.append((sheet.title, numbered))
    except InputError:
        raise
    except Exception as exc:
        raise InputError(f"{name}: a sheet cannot be read ({type(exc).__name__}): export CSV instead") from None
    finally:
        book.close()
    if not tables:
        raise InputError(f"{name} is empty: export the attendee list with its header row")
    title, numbered = choose_sheet(tables)
    table = _table_from_records(numbered, name)
    return Table(table.headers, table.rows, table.row_numbers, table.source, title)


# Headers that say "one row per attendee": a person's own name or a ticket position. A sheet of
# orders (pretix's "Orders", with the buyer and the order total) has none of the first kind.
_PERSON_HEADERS = re.compile(r"attendee|participant|ticket (full |first |last )?name|position id|^position$|"
                             r"teilnehmer|delegate|registrant|guest")
_NAME_HEADERS = re.compile(r"^(first|last|given|family|full)[ _]?name|^name$|surname|^nama")
_ORDER_HEADERS = re.compile(r"order total|total paid|invoice|fee type|payment (date|provider)|summe|gesamt")


def sheet_score(headers: list[str]) -> int:
    """How much a header row looks like a list of attendees (one row per person)."""
    folded = [" ".join(str(h).split()).casefold() for h in headers if str(h).strip()]
    score = 4 * sum(1 for h in folded if _PERSON_HEADERS.search(h)) + 2 * sum(1 for h in folded if _NAME_HEADERS.search(h))
    score -= 3 * sum(1 for h in folded if _ORDER_HEADERS.search(h))
    return score + min(len(folded), 10) // 5


def choose_sheet(tables: list[tuple[str, list[tuple[int, list[str]]]]]) -> tuple[str, list]:
    """The sheet whose header row holds one row per attendee; the first sheet on a tie."""
    def header_of(numbered):
        return next((r for _, r in numbered if any(c.strip() for c in r)), [])
    best = max(range(len(tables)), key=lambda i: (sheet_score(header_of(tables[i][1])), -i))
    return tables[best]


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        # Excel has no date type: a date cell arrives as midnight, and pretix puts the order's
        # time in the next column
        if value.tzinfo is None and value.time() == time(0):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _table_from_records(numbered: list[tuple[int, list[str]]], name: str, controls: bool = True) -> Table:
    """`controls`: whether a cell may hold a control character (False when the caller looked)."""
    numbered = [(n, r) for n, r in numbered if "".join(r).strip()]   # rows with some text in a cell
    if not numbered:
        raise InputError(f"{name} is empty: export the attendee list with its header row")
    _, header = numbered[0]
    headers = tuple(h.strip().strip("\ufeff").strip() for h in header)
    while headers and not headers[-1]:
        headers = headers[:-1]
    if not headers:
        raise InputError(f"{name}: the first row has no column names")
    if len(headers) > MAX_COLUMNS:
        raise InputError(f"{name}: more than {MAX_COLUMNS} columns: export only the attendee columns")
    headers = tuple(clean_cell(h) for h in headers)
    width = len(headers)
    rows, numbers = [], []
    for n, record in numbered[1:]:
        # Control characters, formula guards and long cells are looked for once per row, not per
        # cell: nearly every row has none of them.
        record = record[:width]
        joined = "\n".join(record)
        if controls and CONTROL_CHARACTERS.search(joined):
            cells = [clean_cell(c).strip() for c in record]
        else:
            cells = list(map(str.strip, record))
        if "'" in joined:
            cells = [unguard(c) if c[:1] == "'" else c for c in cells]
        if len(joined) > MAX_CELL_CHARS and max(map(len, cells)) > MAX_CELL_CHARS:
            long = next(i for i, c in enumerate(cells) if len(c) > MAX_CELL_CHARS)
            raise InputError(f"{name}: row {n}, column {headers[long] or long + 1!r}: more than "
                             f"{MAX_CELL_CHARS:,} characters in one cell: fix that cell and import again")
        cells += [""] * (width - len(cells))  # rows shorter than the header are common in exports
        rows.append(tuple(cells))
        numbers.append(n)
    return Table(headers, tuple(rows), tuple(numbers), name)


FORMULA_STARTS = tuple("=+-@|%")


def unguard(cell: str) -> str:
    """Undo the `'` an exporter puts before text a spreadsheet would read as a formula."""
    if len(cell) > 1 and cell[0] == "'" and cell[1] in FORMULA_STARTS:
        return cell[1:]
    return cell
