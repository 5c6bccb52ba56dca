"""Reading a register kept in a spreadsheet (`wuhai import`): an .xlsx workbook or a CSV
file, read safely into a `core.importing.Table`.

Workbooks are read by openpyxl in read-only mode: rows are streamed, formulas give their
cached values and are never evaluated, and with defusedxml installed (the `excel` extra
requires it) an XML entity bomb is refused. Before openpyxl sees a file, its bytes are
looked at: the size limit of every file read; an old .xls workbook and a password-protected
one (both OLE files, not zip archives) are named as such; the zip's declared sizes bound
what it may unpack (a zip bomb is refused before anything is unpacked); XML with a
document type declaration is refused. A sheet declaring more rows than the import reads is
refused before its rows are read, and reading stops at that many rows whatever the sheet
declares. CSV is UTF-8 (with or without BOM), GB18030 (Excel's CSV on a Chinese Windows) or
UTF-16 with a BOM (Excel's "Unicode text", tab-separated).
"""

from __future__ import annotations

import csv
import importlib
import importlib.util
import io
import re
import warnings
import zipfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from wuhai_green.core.importing import HEADER_ROWS, Table, Value
from wuhai_green.core.problems import DataError, Problem, UsageError
from wuhai_green.load.files import decode, display_name, max_file_bytes, read_bytes

MAX_ROWS = 100_000  # rows of a sheet the import reads (10× the benchmark's register)
MAX_COLUMNS = 256
MAX_MERGED = 10_000
UNPACKED_FACTOR = 10  # a workbook may unpack to 10× the size limit of a file read
MAX_RATIO = 200  # a member compressed more than 200:1 (and over 1 MiB) is a zip bomb
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_STREAM = "EncryptionInfo".encode("utf-16-le")
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm")
OLD_SUFFIXES = (".xls", ".et", ".xlsb")
TEXT_SUFFIXES = (".csv", ".txt", ".tsv")
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([A-Z]{1,3}\d+)(?::([A-Z]{1,3}\d+))?\"")
_DTD = (b"<!DOCTYPE", b"<!ENTITY", "<!DOCTYPE".encode("utf-16-le"), "<!ENTITY".encode("utf-16-le"))

HeadTest = Callable[[Sequence[tuple[int, Sequence[Value]]]], bool]


def read_table(path: Path, sheet: str | None = None, looks_like_register: HeadTest | None = None
               ) -> tuple[Table, list[Problem]]:
    """One sheet of a workbook (the one named, else the first visible one whose first rows
    `looks_like_register`, else the first visible one), or a CSV file; with the notes of
    reading it. Raises `DataError` for a file that cannot be read safely."""
    name = display_name(path)
    data = read_bytes(path, name)
    suffix = path.suffix.lower()
    if data.startswith(OLE_SIGNATURE):
        key = "sheet.encrypted" if ENCRYPTED_STREAM in data else "sheet.old_format"
        raise DataError([Problem(name, None, None, key)])
    if data.startswith(b"PK"):
        return _read_workbook(data, name, sheet, looks_like_register)
    if suffix in WORKBOOK_SUFFIXES:
        raise DataError([Problem(name, None, None, "sheet.corrupt",
                                 {"problem": "not a zip archive"})])
    if suffix in OLD_SUFFIXES:
        raise DataError([Problem(name, None, None, "sheet.old_format")])
    if suffix not in TEXT_SUFFIXES:
        raise DataError([Problem(name, None, None, "sheet.unknown_format", {"suffix": suffix})])
    if sheet is not None:
        raise UsageError("sheet.csv_has_no_sheets", path=name)
    return _read_csv(data, name)


# --- workbooks ----------------------------------------------------------------------------


def excel_library() -> Any:
    """openpyxl, with defusedxml beside it; a clear message when the extra is missing."""
    if importlib.util.find_spec("defusedxml") is None:  # openpyxl parses with it if present
        raise UsageError("sheet.no_excel")
    try:
        return importlib.import_module("openpyxl")
    except ImportError:
        raise UsageError("sheet.no_excel") from None


def _refuse(name: str, key: str, /, **params: Any) -> DataError:
    return DataError([Problem(name, None, None, key, params)])


def check_archive(data: bytes, name: str) -> zipfile.ZipFile:
    """The zip of a workbook, once its declared sizes and its XML prologs are safe."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise _refuse(name, "sheet.corrupt", problem=str(error)) from None
    limit = UNPACKED_FACTOR * max_file_bytes()
    unpacked = sum(member.file_size for member in members)
    if unpacked > limit or len(members) > 10_000:
        raise _refuse(name, "sheet.zip_bomb", size=unpacked, limit=limit)
    for member in members:
        packed = max(member.compress_size, 1)
        if member.file_size > 1024 * 1024 and member.file_size / packed > MAX_RATIO:
            raise _refuse(name, "sheet.zip_bomb", size=unpacked, limit=limit)
    for member in members:
        if not member.filename.endswith((".xml", ".rels", ".vml")):
            continue
        try:
            with archive.open(member) as stream:
                head = stream.read(64 * 1024)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError) as error:
            # RuntimeError: a member encrypted with a zip password
            raise _refuse(name, "sheet.corrupt", problem=str(error)) from None
        if any(marker in head for marker in _DTD):
            raise _refuse(name, "sheet.xml_entities", member=member.filename)
    return archive


def _read_workbook(data: bytes, name: str, wanted: str | None,
                   looks_like_register: HeadTest | None) -> tuple[Table, list[Problem]]:
    openpyxl = excel_library()
    archive = check_archive(data, name)
    notes: list[Problem] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True,
                                              keep_links=False)
        except Exception as error:  # whatever the library finds wrong with the file
            raise _refuse(name, "sheet.corrupt", problem=f"{type(error).__name__}: {error}") \
                from None
        try:
            sheet = _choose_sheet(workbook, name, wanted, looks_like_register, notes)
            rows = _sheet_rows(sheet, name)
            merged = _merged_ranges(archive, getattr(sheet, "_worksheet_path", None))
            epoch_1904 = workbook.epoch.year == 1904
        except DataError:
            raise
        except Exception as error:
            raise _refuse(name, "sheet.corrupt", problem=f"{type(error).__name__}: {error}") \
                from None
        finally:
            workbook.close()
    notes += [Problem(name, None, None, "sheet.library_note", {"problem": str(warning.message)},
                      "note") for warning in caught]
    return Table(name, sheet.title, rows, merged, epoch_1904), notes


def _choose_sheet(workbook: Any, name: str, wanted: str | None,
                  looks_like_register: HeadTest | None, notes: list[Problem]) -> Any:
    sheets = list(workbook.worksheets)
    titles = [sheet.title for sheet in sheets]
    if wanted is not None:
        found = [s for s in sheets if s.title == wanted] or \
            [s for s in sheets if s.title.strip().casefold() == wanted.strip().casefold()]
        if not found:
            raise _refuse(name, "sheet.no_such_sheet", sheet=wanted, sheets="、".join(titles))
        if found[0].sheet_state != "visible":
            notes.append(Problem(name, None, None, "sheet.hidden_chosen",
                                 {"sheet": found[0].title}, "note"))
        return found[0]
    visible = [sheet for sheet in sheets if sheet.sheet_state == "visible"]
    hidden = [sheet.title for sheet in sheets if sheet.sheet_state != "visible"]
    if not visible:
        raise _refuse(name, "sheet.no_visible", sheets="、".join(titles))
    chosen = visible[0]
    if looks_like_register is not None and len(visible) > 1:
        chosen = next((sheet for sheet in visible if looks_like_register(_head(sheet))),
                      visible[0])
    if hidden:
        notes.append(Problem(name, None, None, "sheet.hidden_skipped",
                             {"sheets": "、".join(hidden)}, "note"))
    others = [sheet.title for sheet in visible if sheet is not chosen]
    if others:
        notes.append(Problem(name, None, None, "sheet.other_sheets",
                             {"sheet": chosen.title, "sheets": "、".join(others)}, "note"))
    return chosen


def _head(sheet: Any) -> list[tuple[int, Sequence[Value]]]:
    return list(_numbered(sheet.iter_rows(max_row=HEADER_ROWS, max_col=MAX_COLUMNS,
                                          values_only=True)))


def _numbered(rows: Iterator[Sequence[Value]]) -> Iterator[tuple[int, Sequence[Value]]]:
    """The rows with their numbers, cut after the widest column that holds a value so far
    (the library pads every row to MAX_COLUMNS; the tail is checked at C speed)."""
    width = 0
    for number, row in enumerate(rows, start=1):
        if row[width:].count(None) != len(row) - width:
            end = len(row)
            while end > width and row[end - 1] is None:
                end -= 1
            width = end
        yield number, tuple(row[:width])


def _sheet_rows(sheet: Any, name: str) -> list[tuple[int, Sequence[Value]]]:
    """The rows of a sheet, refused when it declares or holds more than MAX_ROWS."""
    declared = sheet.max_row
    if declared is not None and declared > MAX_ROWS:
        raise _refuse(name, "sheet.too_many_rows", sheet=sheet.title, rows=declared,
                      limit=MAX_ROWS)
    sheet.reset_dimensions()  # a dimension written too small would cut rows short
    rows = []
    for number, row in _numbered(sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)):
        if number > MAX_ROWS:
            raise _refuse(name, "sheet.too_many_rows", sheet=sheet.title, rows=f"> {MAX_ROWS}",
                          limit=MAX_ROWS)
        rows.append((number, row))
    while rows and not rows[-1][1]:
        rows.pop()
    return rows


def _merged_ranges(archive: zipfile.ZipFile, member: str | None
                   ) -> tuple[tuple[int, int, int, int], ...]:
    """The merged ranges of a sheet: its XML scanned for `<mergeCell ref=…>` (openpyxl's
    read-only mode does not give them), a chunk at a time."""
    if member is None:
        return ()
    chunk_size, overlap = 1024 * 1024, 400  # a match is far shorter than the overlap
    found: list[tuple[bytes, bytes | None]] = []
    buffer = b""
    try:
        with archive.open(member.lstrip("/")) as stream:
            while True:
                chunk = stream.read(chunk_size)
                buffer += chunk
                last = not chunk
                accepted_end = 0
                for match in _MERGE.finditer(buffer):
                    if not last and match.end() > len(buffer) - overlap + 100:
                        break  # may continue in the next chunk: taken with it
                    found.append((match.group(1), match.group(2)))
                    accepted_end = match.end()
                if last or len(found) > MAX_MERGED:
                    break
                buffer = buffer[max(accepted_end, len(buffer) - overlap):]
    except KeyError:
        return ()
    return tuple(_bounds(first.decode(), (last_ref or first).decode())
                 for first, last_ref in found[:MAX_MERGED])


def _bounds(first: str, last: str) -> tuple[int, int, int, int]:
    from wuhai_green.core.importing import column_number

    def split(ref: str) -> tuple[int, int]:
        letters = ref.rstrip("0123456789")
        return int(ref[len(letters):]), column_number(letters) or 1

    top, left = split(first)
    bottom, right = split(last)
    return top, left, bottom, right


# --- CSV ----------------------------------------------------------------------------------


def _read_csv(data: bytes, name: str) -> tuple[Table, list[Problem]]:
    text, warned = decode(data, name)
    notes = [Problem(name, None, None, "sheet.csv_gb18030", severity="note")] if warned else []
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if first_line.count("\t") > first_line.count(",") else ","
    rows: list[tuple[int, Sequence[Value]]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    number = 0  # the record's number: its row when a spreadsheet opens the file
    try:
        for number, row in enumerate(reader, start=1):
            if number > MAX_ROWS:
                raise _refuse(name, "sheet.too_many_rows", sheet=name, rows=f"> {MAX_ROWS}",
                              limit=MAX_ROWS)
            cells = [cell if cell.strip() else None for cell in row[:MAX_COLUMNS]]
            while cells and cells[-1] is None:
                cells.pop()
            rows.append((number, tuple(cells)))
    except csv.Error as error:
        raise DataError([Problem(name, number + 1, None, "sheet.csv_error",
                                 {"problem": str(error)})]) from None
    while rows and not rows[-1][1]:
        rows.pop()
    return Table(name, None, rows, all_text=True), notes
