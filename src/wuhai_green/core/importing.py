"""`wuhai import`: the rows of a register kept in a spreadsheet, made the entries of a
progress file. Pure: the reader (`load.spreadsheet`) hands over a `Table` of cell values
as the spreadsheet library gives them; the command writes the file and validates it.

The steps: find the header row and the column of each field (the names of the official
lists, or `--columns`); give the rows of a vertically merged cell its value; read every
value (dates as dates, as text in five layouts or as Excel serial numbers; numbers as
numbers, as text, with a unit or thousands separators), each reading that is not plain
noted at its cells and anything that cannot be read refused at its cell; check what an
importer can (a number's approval month against the issue date, an enterprise code's
division against the district, an id twice, an id already on file); keep the rows of the
year asked for, and say why the others are skipped.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from functools import cached_property, lru_cache
from typing import Any, NamedTuple

from wuhai_green.core.dates import default_expiry
from wuhai_green.core.measures import measure_of
from wuhai_green.core.problems import Problem, Severity, UsageError
from wuhai_green.core.register import normal_id
from wuhai_green.model.fields import MAX_INTEGER_DIGITS, beyond_bound
from wuhai_green.model.plan import Plan
from wuhai_green.model.progress import Report

# The fields a column can hold, and the names the official lists and the bureaus' own
# sheets give them (compared after `header_key`: NFKC, no spaces, no unit in brackets).
HEADERS: dict[str, tuple[str, ...]] = {
    "id": ("产品编号", "绿色食品编号", "证书编号", "证书号", "编号", "产品证书编号", "认证证书编号",
           "有机产品认证证书编号", "有机证书编号", "绿色食品证书编号", "登记证书编号"),
    "enterprise_code": ("企业信息码", "企业信息编码", "企业编码"),
    "holder": ("生产单位", "生产商", "获证单位", "企业名称", "获证企业", "获证主体", "证书持有人",
               "申请人", "申请单位", "生产经营单位", "单位名称"),
    "product": ("产品名称", "产品", "品名", "获证产品", "认证产品"),
    "output_tonnes": ("核准产量", "批准产量", "产量", "认证产量", "获证产量"),
    "area_mu": ("面积", "基地面积", "种植面积", "认证面积", "生产面积", "养殖面积"),
    "issued": ("颁证日期", "发证日期", "证书开始日期", "获证日期", "颁证时间", "发证时间",
               "有效期起", "有效期开始日期", "有效期起始日期", "证书有效期起"),
    "expires": ("证书截止日期", "有效期至", "有效期止", "有效期截止日期", "截止日期", "到期日期",
                "证书到期日期", "证书有效期至", "有效期结束日期"),
    "validity": ("许可期限", "证书有效期", "有效期", "有效期限", "标志使用期限"),
    "status": ("证书状态", "状态"),
    "status_date": ("状态日期", "状态变更日期", "变更日期", "撤销日期", "注销日期", "暂停日期",
                    "终止日期"),
    "type": ("证书类型", "认证类型", "认证类别", "类型", "产品类型"),
    "application": ("申报类型", "申请类型", "认证性质", "申报类别"),
    "renews": ("原证书编号", "原产品编号", "原编号", "上期证书编号", "续展前编号", "被续展证书编号"),
    "district": ("区", "所在区", "所属区", "地区", "区县", "县区", "县域", "区划", "旗县区"),
    "note": ("备注", "说明"),
}
FIELDS = tuple(HEADERS)
REQUIRED = ("id", "product", "holder")  # and an issue date: `issued` or `validity`
HEADER_ROWS = 30  # the header is looked for among the first rows of the sheet

UNITS: dict[str, dict[str, Decimal]] = {  # a unit written in a header or a cell → the field's
    "output_tonnes": {"吨": Decimal(1), "t": Decimal(1), "万吨": Decimal(10000),
                      "公斤": Decimal("0.001"), "千克": Decimal("0.001"), "kg": Decimal("0.001")},
    "area_mu": {"亩": Decimal(1), "万亩": Decimal(10000), "公顷": Decimal(15), "hm2": Decimal(15)},
}
BASE_UNIT = {"output_tonnes": "吨", "area_mu": "亩"}

STATUS_IN_FORCE = ("有效", "正常")
STATUS_ENDED = ("暂停", "撤销", "注销")
APPLICATION_NEW = ("初次", "首次", "新申报", "新申请", "初次申报", "初次认证", "新认证", "首次认证")
APPLICATION_RENEWAL = ("续展", "续展认证", "再认证", "换证", "年度确认", "确认", "续期", "复评")
TOTAL_WORDS = ("合计", "小计", "总计")
EXCEL_ERRORS = ("#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!",
                "#GETTING_DATA", "#SPILL!", "#CALC!")
ENTERPRISE_CODE = re.compile(r"GF(\d{6})(\d{2})(\d{4})")

Value = Any  # a cell as the library gives it: str, int, float, Decimal, date, datetime, bool, None


class Place(NamedTuple):
    """A cell: its row and column (1-based) and how a person names it (`2025!C5`)."""

    row: int
    column: int
    cell: str


@dataclass(frozen=True)
class Table:
    """One sheet of a workbook (or a CSV file): its rows with their numbers, as read."""

    file: str
    sheet: str | None  # None for a CSV file
    rows: Sequence[tuple[int, Sequence[Value]]]  # (row number, the cell values of the row)
    merged: tuple[tuple[int, int, int, int], ...] = ()  # first row, first column, last row, last column
    epoch_1904: bool = False  # the workbook counts serial dates from 1904
    all_text: bool = False  # CSV: every value is text, so text is no cause for a note

    @cached_property
    def _prefix(self) -> str:
        return "" if self.sheet is None else sheet_ref(self.sheet) + "!"

    def place(self, row: int, column: int) -> Place:
        return Place(row, column, f"{self._prefix}{column_letters(column)}{row}")

    def problem(self, place: Place, key: str, /, *, severity: Severity = "error",
                **params: Any) -> Problem:
        return Problem(self.file, place.row, place.column, key, params, severity, place.cell)


class OnFile(NamedTuple):
    """A record of an id in a progress file other than the one being written."""

    type: str
    issued: date
    where: str


@dataclass(frozen=True)
class ImportRequest:
    year: int
    district: str | None = None  # the Chinese name of the district of every row (--district)
    type: str | None = None  # the certificate type of rows that do not say (--type)
    columns: Mapping[str, str] = field(default_factory=dict)  # field → header or letters
    on_file: Mapping[str, tuple[OnFile, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class ImportedCertificate:
    place: Place  # the row's id cell
    fields: RowCells  # the cell of each field read
    id: str
    type: str
    district: str
    product: str | None
    holder: str | None
    output_tonnes: Decimal | None
    area_mu: Decimal | None
    issued: date
    expires: date | None  # None where it is the type's default
    renews: str | None
    note: str | None


@dataclass(frozen=True)
class ImportedEnd:
    place: Place
    fields: RowCells
    id: str
    district: str
    date: date
    reason: str


class RowCells(Mapping[str, Place]):
    """The cells of one row's fields, made when looked up (an import has 10,000 rows)."""

    def __init__(self, table: Table, row: int, columns: Mapping[str, int]) -> None:
        self.table, self.row, self.columns = table, row, columns

    def __getitem__(self, name: str) -> Place:
        return self.table.place(self.row, self.columns[name])

    def __contains__(self, name: object) -> bool:
        return name in self.columns

    def get(self, name: str, default: Place | None = None) -> Place | None:  # type: ignore[override]
        return self[name] if name in self.columns else default

    def spot(self, name: str) -> Spot:
        """(row, column) of a field's cell; the row's first cell for a field not read."""
        return self.row, self.columns.get(name) or self.columns.get("id", 1)

    def __iter__(self) -> Iterator[str]:
        return iter(self.columns)

    def __len__(self) -> int:
        return len(self.columns)


Spot = tuple[int, int]  # a cell's row and column, made a `Place` by `Table.place` when needed


@dataclass(frozen=True)
class Skipped:
    """A row not imported, and why (`reason`: a message key, with `params`)."""

    place: Place
    reason: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class ImportResult:
    table: Table
    year: int
    header_row: int | None = None
    columns: dict[str, int] = field(default_factory=dict)  # field → column (1-based)
    headers: dict[int, str] = field(default_factory=dict)  # column → its header as written
    unread: list[str] = field(default_factory=list)  # headers of the columns not read
    first_row: int | None = None
    last_row: int | None = None
    rows_read: int = 0
    certificates: list[ImportedCertificate] = field(default_factory=list)
    ended: list[ImportedEnd] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def renewals(self) -> int:
        return sum(1 for entry in self.certificates if entry.renews is not None)

    @property
    def districts(self) -> list[str]:
        """The districts of the entries, in the order they first appear."""
        found = [entry.district for entry in self.certificates]
        found += [entry.district for entry in self.ended]
        return list(dict.fromkeys(found))


# --- names of cells, headers, ids and words ------------------------------------------------


@lru_cache(maxsize=1024)
def column_letters(column: int) -> str:
    """1 → A, 26 → Z, 27 → AA."""
    letters = ""
    while column > 0:
        column, remainder = divmod(column - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def column_number(letters: str) -> int | None:
    """AA → 27; None for anything but one to three letters."""
    if not re.fullmatch(r"[A-Za-z]{1,3}", letters):
        return None
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def sheet_ref(name: str) -> str:
    """A sheet's name as a cell reference writes it: quoted where it holds anything but
    letters, digits and underscores (`'Sheet 1'!A1`, `2025!A1`)."""
    if re.fullmatch(r"\w+", name):
        return name
    return "'" + name.replace("'", "''") + "'"


def _cleaned(text: str) -> str:
    """NFKC (full-width letters, digits, brackets and spaces made plain), without format
    characters, spaces at the ends: `normal_id` without the upper case."""
    if text.isascii():
        return text.strip()
    folded = unicodedata.normalize("NFKC", text)
    return "".join(char for char in folded if unicodedata.category(char) != "Cf").strip()


def header_key(text: str) -> tuple[str, str | None]:
    """A header as compared with the known names, and the unit it gives in brackets:
    "核准产量\n（吨）" → ("核准产量", "吨"); "*产品名称" → ("产品名称", None)."""
    plain = re.sub(r"[\s*:：]+", "", _cleaned(text))
    match = re.fullmatch(r"(.+?)[(\[](.+?)[)\]]", plain)
    if match:
        return match.group(1), match.group(2)
    return plain, None


def _text(value: Value) -> str:
    """A cell as text, as a person reads it (120.0 → 120)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    return str(value).strip()


def _flat(text: str) -> str:
    """Text of one line: every run of white space (line breaks in a cell, full-width
    spaces) one space."""
    cleaned = _cleaned(text)
    return " ".join(cleaned.split()) if _SPACES.search(cleaned) else cleaned


_SPACES = re.compile(r"\s\s|[^\S ]")  # two spaces, or a space other than " "


def type_key(text: str) -> str:
    """A type as written, as `type_words` keys it: NFKC, case-folded, without spaces."""
    return re.sub(r"\s+", "", _cleaned(text).casefold())


def type_words(plan: Plan) -> dict[str, str]:
    """What a type column may say (as `type_key` gives it) → the type id: the plan's words
    for it (its Chinese name, the synonyms), the id, the English name, and the Chinese name
    with or without 农产品/产品."""
    words = {type_key(word): code for word, code in plan.codes_by_word.items()
             if code in plan.certificate_types}  # the plan's synonyms, as a report has them
    for kind in plan.certificate_types.values():
        names = {kind.id, kind.zh, kind.en}
        for suffix in ("农产品", "产品"):
            if kind.zh.endswith(suffix):
                stem = kind.zh.removesuffix(suffix)
                names |= {stem, stem + "产品", stem + "农产品"}
        for name in names:
            if name:
                words.setdefault(type_key(name), kind.id)
    return words


# --- values -------------------------------------------------------------------------------

_DATE_LAYOUTS = (
    (re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"), "dash"),
    (re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})"), "layout"),
    (re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日?"), "layout"),
    (re.compile(r"(\d{4})(\d{2})(\d{2})"), "layout"),
)
_TIME = re.compile(r"\s*(?:T|\s)\s*(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?")
_DATE_TOKEN = re.compile(r"\d{4}(?:[-/.]\d{1,2}[-/.]\d{1,2}|年\d{1,2}月\d{1,2}日?|\d{4})")
_RANGE_SEPARATORS = {"至", "到", "~", "-", "—", "–", "一", "--", "——", "－"}
_SERIAL_RANGE = (20000, 80000)  # serial dates of 1954–2119; smaller numbers are not dates


class Reading(NamedTuple):
    """A value read from a cell, and the note its reading deserves (a message key), if any."""

    value: Any
    note: str | None = None


class Refused(Exception):
    """A cell that cannot be read: a message key and its parameters."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


def _excel_error(value: Value) -> None:
    if isinstance(value, str) and value.strip().upper() in EXCEL_ERRORS:
        raise Refused("import.excel_error", value=value.strip())


def _serial_date(number: Decimal, epoch_1904: bool) -> date | None:
    if number != number.to_integral_value() or not _SERIAL_RANGE[0] <= number <= _SERIAL_RANGE[1]:
        return None
    start = date(1904, 1, 1) if epoch_1904 else date(1899, 12, 30)
    return start + timedelta(days=int(number))


def _date_of(parts: Sequence[str], text: str) -> date:
    year, month, day = parts
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        raise Refused("import.no_such_date", value=text) from None


def read_date(value: Value, *, epoch_1904: bool = False, all_text: bool = False) -> Reading:
    """A date from a date cell, a serial number, or text written YYYY-MM-DD, 2025/6/15,
    2025.6.15, 2025年6月15日 or 20250615 (a time of day, if any, must be midnight or is
    dropped with a note). Raises `Refused` for anything else."""
    _excel_error(value)
    if isinstance(value, datetime):
        note = None if value.time() == datetime.min.time() else "import.time_dropped"
        return Reading(value.date(), note)
    if isinstance(value, date):
        return Reading(value)
    if isinstance(value, bool):
        raise Refused("import.not_a_date", value=_text(value))
    if isinstance(value, (int, float, Decimal)):
        number = _decimal_of_number(value)
        serial = _serial_date(number, epoch_1904)
        if serial is not None:
            return Reading(serial, "import.serial_date")
        if number == number.to_integral_value() and len(str(int(number))) == 8:
            return Reading(_text_date(str(int(number)))[0], "import.date_layout")
        raise Refused("import.not_a_date", value=_text(value))
    text = _cleaned(str(value))
    if re.fullmatch(r"\d{5}(\.0+)?", text):
        serial = _serial_date(Decimal(text), epoch_1904)
        if serial is not None:
            return Reading(serial, "import.serial_date")
    found, layout, timed = _text_date(text)
    if timed:
        return Reading(found, "import.time_dropped")
    if layout == "dash" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return Reading(found, None if all_text else "import.text_date")
    return Reading(found, "import.date_layout")


def _text_date(text: str) -> tuple[date, str, bool]:
    """A date written as text: the date, its layout, whether a time other than midnight
    came with it."""
    for pattern, layout in _DATE_LAYOUTS:
        match = pattern.match(text)
        if match is None:
            continue
        rest = text[match.end():]
        if not rest:
            return _date_of(match.groups(), text), layout, False
        time = _TIME.fullmatch(rest)
        if time is not None:
            midnight = all(int(part or 0) == 0 for part in time.groups())
            return _date_of(match.groups(), text), layout, not midnight
    raise Refused("import.not_a_date", value=text)


def read_range(value: Value, *, epoch_1904: bool = False, all_text: bool = False
               ) -> tuple[Reading | None, Reading]:
    """A validity: two dates ("2025-06-15至2028-06-14", "2025.6.15-2028.6.14") or one (the
    end). Returns (start or None, end)."""
    _excel_error(value)
    if not isinstance(value, str):
        return None, read_date(value, epoch_1904=epoch_1904, all_text=all_text)
    text = _cleaned(value)
    tokens = list(_DATE_TOKEN.finditer(text))
    if len(tokens) == 1 and tokens[0].start() == 0 and tokens[0].end() == len(text):
        return None, read_date(text, all_text=all_text)
    if len(tokens) == 2 and tokens[0].start() == 0 and tokens[1].end() == len(text):
        between = text[tokens[0].end():tokens[1].start()].strip()
        if between in _RANGE_SEPARATORS:
            start = read_date(tokens[0].group(), all_text=True)  # a range is text anyway
            end = read_date(tokens[1].group(), all_text=True)
            note = start.note or end.note
            return Reading(start.value, note), Reading(end.value, note)
    if len(tokens) == 1 and re.fullmatch(r"\d{5}(\.0+)?", text) is None:
        raise Refused("import.not_a_date", value=text)
    return None, read_date(text, epoch_1904=epoch_1904, all_text=all_text)


def _decimal_of_number(value: int | float | Decimal) -> Decimal:
    """A number cell as a Decimal: as Excel shows it, to 15 significant digits (a binary
    float 0.1 + 0.2 is 0.3, as in the cell)."""
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise Refused("import.not_a_number", value=_text(value))
        return Decimal(format(value, ".15g"))
    return Decimal(value)


_NUMBER_TEXT = re.compile(r"([+-]?(?:\d[\d,]*)?\.?\d+)\s*([^\d\s.,+-][^\d]*)?")
_THOUSANDS = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?")


def read_number(value: Value, units: Mapping[str, Decimal], *, all_text: bool = False
                ) -> Reading:
    """A quantity from a number cell, or from text: "120", "1,200" (thousands separators),
    "120吨" or "0.012万吨" (a unit of the field, converted), full-width digits. The value
    is in the field's base unit (tonnes, mu)."""
    _excel_error(value)
    if isinstance(value, (bool, date, datetime)):
        raise Refused("import.not_a_number", value=_text(value))
    if isinstance(value, (int, float, Decimal)):
        return Reading(_within_bound(_decimal_of_number(value), _text(value)))
    text = _cleaned(str(value))
    match = _NUMBER_TEXT.fullmatch(text)
    if match is None:
        raise Refused("import.not_a_number", value=text)
    digits, unit = match.group(1), (match.group(2) or "").strip()
    note = None if all_text else "import.text_number"
    if "," in digits:
        if not _THOUSANDS.fullmatch(digits):
            raise Refused("import.bad_separators", value=text)
        digits, note = digits.replace(",", ""), "import.thousands"
    try:
        number = Decimal(digits)
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        raise Refused("import.not_a_number", value=text) from None
    if unit:
        factor = units.get(unit) or units.get(unit.casefold())
        if factor is None:
            raise Refused("import.wrong_unit", value=text, unit=unit,
                          units="、".join(units))
        number, note = tidy(_within_bound(number * factor, text)), "import.unit_in_cell"
    return Reading(_within_bound(number, text), note)


def _within_bound(number: Decimal, text: str) -> Decimal:
    """A quantity no register holds (more digits before the point than the bound of
    `model.fields` allows, in the field's unit) is refused at its cell; one with too many
    decimal places is left to the model, which names the field and the value converted."""
    if beyond_bound(number) == "too_large":
        raise Refused("import.too_large", value=text, digits=MAX_INTEGER_DIGITS)
    return number


def tidy(number: Decimal) -> Decimal:
    """A converted quantity without the zeros of the conversion: 0.012 × 10000 is 120,
    500 × 0.001 is 0.5."""
    if number == number.to_integral_value():
        return number.quantize(Decimal(1))
    return number.normalize()


# --- the import ---------------------------------------------------------------------------


@dataclass
class _Notes:
    """Notes gathered per (key, column): one note each, with how many cells and the first."""

    table: Table
    headers: dict[int, str]
    found: dict[tuple[str, int], list[Place]] = field(default_factory=lambda: defaultdict(list))
    params: dict[tuple[str, int], dict[str, Any]] = field(default_factory=dict)

    def add(self, key: str, place: Place, **params: Any) -> None:
        self.found[(key, place.column)].append(place)
        if params:
            self.params.setdefault((key, place.column), params)

    def problems(self) -> list[Problem]:
        notes = []
        for (key, column), places in self.found.items():
            shown = ", ".join(place.cell for place in places[:3])
            if len(places) > 3:
                shown += ", …"
            notes.append(self.table.problem(
                places[0], key, severity="note", header=self.headers.get(column, ""),
                count=len(places), cells=shown, **self.params.get((key, column), {})))
        return notes


class _Columns(NamedTuple):
    header_row: int
    columns: dict[str, int]
    headers: dict[int, str]
    units: dict[str, Decimal]  # field → the factor of the unit its header gives
    unread: list[str]
    problems: list[Problem]


def parse_columns(specs: Sequence[str]) -> dict[str, str]:
    """`--columns id=证号,holder=单位名称` (or several options): field → header or letters."""
    found = {}
    for spec in specs:
        for pair in re.split(r"[,;，；]", unicodedata.normalize("NFKC", spec)):
            if not pair.strip():
                continue
            name, equals, header = pair.partition("=")
            if not equals or name.strip() not in FIELDS or not header.strip():
                raise UsageError("import.bad_columns", value=pair.strip(),
                                 fields=", ".join(FIELDS))
            found[name.strip()] = header.strip()
    return found


def _known_headers() -> dict[str, str]:
    return {header_key(name)[0]: name_field for name_field, names in HEADERS.items()
            for name in names}


def has_header(rows: Sequence[tuple[int, Sequence[Value]]], columns: Mapping[str, str]) -> bool:
    """Whether one of the first rows is a header with a column of certificate numbers."""
    known = _known_headers()
    for _, row in rows[:HEADER_ROWS]:
        fields = {known.get(header_key(value)[0]) for value in row if isinstance(value, str)}
        if "id" in fields or "id" in _given_columns(row, columns):
            return True
    return False


def find_columns(table: Table, request: ImportRequest) -> _Columns | list[Problem]:
    """The header row and the column of each field; or the problems that prevent it."""
    known = _known_headers()
    best: tuple[int, int, Sequence[Value]] | None = None
    for count, (number, row) in enumerate(table.rows):
        if count >= HEADER_ROWS:
            break
        recognized = {known[key] for value in row if isinstance(value, str)
                      and (key := header_key(value)[0]) in known}
        given = _given_columns(row, request.columns)
        score = len(recognized | set(given))
        if ("id" in recognized or "id" in given) and (best is None or score > best[0]):
            best = (score, number, row)
    if best is None:
        place = table.place(table.rows[0][0] if table.rows else 1, 1)
        return [table.problem(place, "import.no_header",
                              names=" / ".join(HEADERS["id"][:3]))]
    _, header_row, row = best
    headers = {index: " ".join(_text(value).split()) for index, value in enumerate(row, start=1)
               if value is not None and _text(value)}
    columns: dict[str, int] = {}
    units: dict[str, Decimal] = {}
    problems: list[Problem] = []
    given = _given_columns(row, request.columns)
    for name_field, spec in request.columns.items():
        if name_field not in given:
            problems.append(table.problem(table.place(header_row, 1), "import.column_not_found",
                                          field=name_field, given=spec))
    for name_field, column in given.items():
        columns[name_field] = column
    for column, header in headers.items():
        field_of = known.get(header_key(header)[0])
        if field_of is None or column in columns.values() or field_of in given:
            continue  # not a known name, or --columns chose the column (or another one)
        if field_of in columns:
            problems.append(table.problem(
                table.place(header_row, column), "import.two_columns", field=field_of,
                first=table.place(header_row, columns[field_of]).cell, header=header))
            continue
        columns[field_of] = column
    for name_field, column in columns.items():
        unit = header_key(headers.get(column, ""))[1]
        if name_field in UNITS and unit is not None:
            factor = UNITS[name_field].get(unit) or UNITS[name_field].get(unit.casefold())
            if factor is None:
                problems.append(table.problem(table.place(header_row, column),
                                              "import.header_unit_unknown", header=headers[column],
                                              units="、".join(UNITS[name_field])))
            elif factor != 1:
                units[name_field] = factor
    missing = [name for name in REQUIRED if name not in columns]
    if "issued" not in columns and "validity" not in columns:
        missing.append("issued")
    for name in missing:
        problems.append(table.problem(table.place(header_row, 1), "import.missing_column",
                                      field=name, names=" / ".join(HEADERS[name][:4])))
    unread = [header for column, header in headers.items() if column not in columns.values()]
    return _Columns(header_row, columns, headers, units, unread, problems)


def _given_columns(row: Sequence[Value], given: Mapping[str, str]) -> dict[str, int]:
    """The columns that --columns names in this row: by its header, else by its letters."""
    found = {}
    keys = {header_key(_text(value))[0]: index for index, value in enumerate(row, start=1)
            if value is not None}
    for name_field, spec in given.items():
        column = keys.get(header_key(spec)[0])
        if column is None:
            column = column_number(spec.strip())
        if column is not None:
            found[name_field] = column
    return found


def import_rows(plan: Plan, table: Table, request: ImportRequest) -> ImportResult:
    """The entries of the rows of `table` for `request.year`, with every problem found."""
    result = ImportResult(table, request.year)
    located = find_columns(table, request)
    if isinstance(located, list):
        result.problems = located
        return result
    result.header_row, result.columns = located.header_row, located.columns
    result.headers, result.unread = located.headers, located.unread
    result.problems += located.problems
    if any(problem.severity == "error" for problem in located.problems):
        return result
    _RowReader(plan, table, request, located, result).read_all()
    return result


class _Row(NamedTuple):
    number: int
    values: dict[str, Value]  # field → the cell's value (None when empty)


class _RowReader:
    """Reads the data rows of one table; fills `result`."""

    def __init__(self, plan: Plan, table: Table, request: ImportRequest, located: _Columns,
                 result: ImportResult) -> None:
        self.plan, self.table, self.request, self.result = plan, table, request, result
        self.columns = located.columns
        self.units = located.units
        self.notes = _Notes(table, located.headers)
        self.types = type_words(plan)
        self.seen: dict[str, Place] = {}  # id → the cell of its first row in this sheet
        self.no_output_column = False  # reported once: a type in tonnes, no output column
        self.in_tonnes: dict[str, bool] = {}
        self.merged = self._merged_fill(located.header_row)
        for name_field, factor in located.units.items():
            self.notes.add("import.header_unit", table.place(located.header_row,
                                                             self.columns[name_field]),
                           unit=BASE_UNIT[name_field], factor=factor)

    def _merged_fill(self, header_row: int) -> dict[tuple[int, int], tuple[int, int]]:
        """Each cell of a vertically merged range below the header → its range's first cell."""
        fill = {}
        read_columns = set(self.columns.values())
        last_of_sheet = self.table.rows[-1][0] if self.table.rows else 0
        for first_row, first_col, last_row, last_col in self.table.merged:
            if first_col != last_col or first_col not in read_columns or first_row <= header_row:
                continue
            for row in range(first_row + 1, min(last_row, last_of_sheet) + 1):
                fill[(row, first_col)] = (first_row, first_col)
        return fill

    def place(self, row: int, name_field: str) -> Place:
        return self.table.place(row, self.columns.get(name_field, 1))

    def error(self, row: int, name_field: str, key: str, /, **params: Any) -> None:
        self.result.problems.append(self.table.problem(self.place(row, name_field), key,
                                                       **params))

    def read_all(self) -> None:
        result, table = self.result, self.table
        header_row = result.header_row or 0
        data = [(number, row) for number, row in table.rows if number > header_row]
        last = max((number for number, row in data if any(_filled(v) for v in row)), default=None)
        merged_values = self._merged_values(data)
        for number, row in data:
            if last is None or number > last:
                break
            width = len(row)
            values = {name_field: row[column - 1] if column <= width else None
                      for name_field, column in self.columns.items()}
            for name_field, column in self.columns.items() if self.merged else ():
                value = values[name_field]
                source = self.merged.get((number, column))
                if source is not None and not _filled(value):
                    value = merged_values.get(source)
                    if _filled(value):
                        self.notes.add("import.merged", table.place(number, column),
                                       first=table.place(*source).cell)
                values[name_field] = value
            result.rows_read += 1
            result.first_row = result.first_row or number
            result.last_row = number
            self.read_row(_Row(number, values), row)
        result.problems += self.notes.problems()

    def _merged_values(self, data: list[tuple[int, Sequence[Value]]]) -> dict[tuple[int, int], Value]:
        wanted = set(self.merged.values())
        if not wanted:
            return {}
        found = {}
        for number, row in data:
            for column in range(1, len(row) + 1):
                if (number, column) in wanted:
                    found[(number, column)] = row[column - 1]
        return found

    def read_row(self, row: _Row, cells: Sequence[Value]) -> None:
        values, number, year = row.values, row.number, self.request.year
        if not any(_filled(value) for value in values.values()):
            self.result.skipped.append(Skipped(self.table.place(number, 1), "skip.empty"))
            return
        if not _filled(values.get("id")):
            texts = [_flat(_text(value)) for value in cells if _filled(value)]
            if len(texts) == 1 or any(word in text for text in texts for word in TOTAL_WORDS):
                self.result.skipped.append(Skipped(self.table.place(number, 1), "skip.not_a_row",
                                                   {"text": texts[0][:40]}))
            else:
                self.error(number, "id", "import.no_id")
            return
        before = len(self.result.problems)
        cert_id = self.read_id(number, values["id"])
        issued, expires = self.read_dates(row)
        if issued is None:
            return
        ended = self.read_status(row)
        shapes = self.shapes_of(cert_id)
        approved = self.approval(number, cert_id, shapes)
        in_year = self._in_year(issued, expires)
        ends_in_year = ended is not None and ended[0].year == year
        if not (in_year or ends_in_year or (approved is not None and approved.year == year)):
            self.result.skipped.append(Skipped(self.place(number, "issued"), "skip.other_year",
                                               {"issued": issued, "year": year}))
            return
        kind = self.read_type(number, cert_id, values.get("type"), list(shapes))
        district = self.read_district(row)
        if approved is not None and kind is not None and kind in shapes:
            self.check_approval(number, cert_id, kind, approved, issued)
        places = RowCells(self.table, number, self.columns)
        if ended is not None and ended[0] < issued:
            self.error(number, "status_date", "import.ended_before_issued", date=ended[0],
                       issued=issued)
        if not in_year:  # an end in the year of a certificate of an earlier year
            clean = len(self.result.problems) == before and kind is not None \
                and district is not None
            if ended is not None and ends_in_year and clean and district is not None:
                self.result.ended.append(ImportedEnd(self.place(number, "id"), places, cert_id,
                                                     district, ended[0], ended[1]))
            elif clean:
                self.result.skipped.append(Skipped(self.place(number, "issued"),
                                                   "skip.other_year",
                                                   {"issued": issued, "year": year}))
            return
        if ended is not None and not ends_in_year:
            self.notes.add("import.ends_other_year", self.place(number, "status"))
            ended = None
        self.check_seen(number, cert_id)
        product = self.read_text(number, "product", values.get("product"), required=True)
        holder = self.read_text(number, "holder", values.get("holder"), required=True)
        note = self.read_text(number, "note", values.get("note"))
        output = self.read_quantity(number, "output_tonnes", values.get("output_tonnes"))
        area = self.read_quantity(number, "area_mu", values.get("area_mu"))
        renews = self.read_renews(number, cert_id, kind, issued, values)
        if kind is not None and not _filled(values.get("output_tonnes")) and self._in_tonnes(kind):
            self.output_missing(number)
        if len(self.result.problems) > before or kind is None or district is None:
            return
        if expires is not None and expires == default_expiry(
                issued, self.plan.certificate_types[kind].validity_years):
            expires = None
        self.result.certificates.append(ImportedCertificate(
            self.place(number, "id"), places, cert_id, kind, district, product, holder, output,
            area, issued, expires, renews, note))
        if ended is not None:
            self.result.ended.append(ImportedEnd(self.place(number, "id"), places, cert_id,
                                                 district, ended[0], ended[1]))

    def _in_tonnes(self, kind: str) -> bool:
        found = self.in_tonnes.get(kind)
        if found is None:
            indicator = self.plan.indicator_of(kind)
            found = indicator is not None and measure_of(self.plan, indicator).in_tonnes
            self.in_tonnes[kind] = found
        return found

    def shapes_of(self, cert_id: str) -> dict[str, re.Match[str]]:
        """The types whose number shape `cert_id` has, with the match."""
        return {kind: match for kind, (pattern, _) in self.plan.number_shapes.items()
                if (match := pattern.fullmatch(cert_id)) is not None}

    def output_missing(self, number: int) -> None:
        """An output is needed: at its cell, or once for a sheet without the column."""
        if "output_tonnes" in self.columns:
            self.error(number, "output_tonnes", "import.missing",
                       header=self.notes.headers.get(self.columns["output_tonnes"], ""))
        elif not self.no_output_column:
            self.no_output_column = True
            self.result.problems.append(self.table.problem(
                self.table.place(self.result.header_row or 1, 1), "import.missing_column",
                field="output_tonnes", names=" / ".join(HEADERS["output_tonnes"][:4])))

    def _in_year(self, issued: date, expires: date | None) -> bool:
        """A row for the year: issued in it; for the baseline year's register, also issued
        before it and in force during it."""
        year = self.request.year
        if issued.year == year:
            return True
        if year != self.plan.data.period.baseline_year or issued.year > year:
            return False
        return expires is None or expires >= date(year, 1, 1)

    # -- one field each ------------------------------------------------------------------

    def read_id(self, number: int, value: Value) -> str:
        text = _text(value)
        normal = normal_id(text)
        if normal != text:
            self.notes.add("import.id_normalized", self.place(number, "id"))
        return normal

    def read_dates(self, row: _Row) -> tuple[date | None, date | None]:
        """The issue and expiry dates, from their columns or the validity range."""
        values, number = row.values, row.number
        before = len(self.result.problems)
        start: Reading | None = None
        end: Reading | None = None
        if _filled(values.get("validity")):
            try:
                start, end = read_range(values["validity"], epoch_1904=self.table.epoch_1904,
                                        all_text=self.table.all_text)
            except Refused as refused:
                self.error(number, "validity", refused.key, **refused.params)
            self._noted(number, "validity", start)
            self._noted(number, "validity", end)
        issued = self.read_one_date(number, "issued", values.get("issued"))
        expires = self.read_one_date(number, "expires", values.get("expires"))
        issued = issued or (start.value if start is not None else None)
        expires = expires or (end.value if end is not None else None)
        if len(self.result.problems) > before:
            return None, None
        if issued is None:
            name = "issued" if "issued" in self.columns else "validity"
            self.error(number, name, "import.missing",
                       header=self.notes.headers.get(self.columns.get(name, 0), ""))
            return None, None
        if expires is not None and expires <= issued:
            self.error(number, "expires" if "expires" in self.columns else "validity",
                       "progress.expires_before", expires=expires, issued=issued)
            return None, None
        return issued, expires

    def read_one_date(self, number: int, name: str, value: Value) -> date | None:
        if not _filled(value):
            return None
        try:
            reading = read_date(value, epoch_1904=self.table.epoch_1904,
                                all_text=self.table.all_text)
        except Refused as refused:
            self.error(number, name, refused.key, **refused.params)
            return None
        self._noted(number, name, reading)
        found: date = reading.value
        return found

    def _noted(self, number: int, name: str, reading: Reading | None) -> None:
        if reading is not None and reading.note is not None:
            self.notes.add(reading.note, self.place(number, name))

    def read_status(self, row: _Row) -> tuple[date, str] | None:
        """(date, reason) where the status ends the certificate; None where it is in force."""
        value = row.values.get("status")
        if not _filled(value):
            return None
        word = _flat(_text(value))
        if any(ended in word for ended in STATUS_ENDED):
            raw_date = row.values.get("status_date")
            if not _filled(raw_date):
                self.error(row.number, "status", "import.status_needs_date", status=word,
                           names=" / ".join(HEADERS["status_date"][:3]))
                return None
            day = self.read_one_date(row.number, "status_date", raw_date)
            return None if day is None else (day, word)
        if any(word.startswith(in_force) for in_force in STATUS_IN_FORCE):
            return None
        self.error(row.number, "status", "import.unknown_status", value=word,
                   known="、".join((*STATUS_IN_FORCE, *STATUS_ENDED)))
        return None

    def read_type(self, number: int, cert_id: str, value: Value, shaped: list[str]
                  ) -> str | None:
        """The type from the type column, else --type, else the shape of the number; a
        number of another type's shape is refused."""
        given = None
        if _filled(value):
            word = type_key(_text(value))
            found = self.types.get(word) or self.types.get(word.removesuffix("认证"))
            if found is None:
                self.error(number, "type", "import.unknown_type", value=_text(value),
                           known="、".join(kind.zh for kind in self.plan.certificate_types.values()))
                return None
            given = found
        given = given or self.request.type
        if given is not None:
            if shaped and given not in shaped:
                self.error(number, "id", "import.type_conflict", id=cert_id,
                           shape=self._type_name(shaped[0]), given=self._type_name(given))
                return None
            return given
        if len(shaped) == 1:
            return shaped[0]
        self.error(number, "id", "import.type_unknown", id=cert_id)
        return None

    def _type_name(self, kind: str) -> str:
        found = self.plan.certificate_types.get(kind)
        return found.zh if found is not None else kind

    def read_district(self, row: _Row) -> str | None:
        """The district from its column, else --district, else the enterprise code; the
        enterprise code's division must be the row's district."""
        number, values = row.number, row.values
        district = None
        raw = values.get("district")
        if _filled(raw):
            text = _flat(_text(raw)).replace(" ", "")
            city = self.plan.root.name
            district = self.plan.district_name(text) or self.plan.district_name(
                text.removeprefix(city))
            if district is None:
                self.error(number, "district", "import.unknown_district", value=text,
                           known=self.plan.district_list())
                return None
            if self.request.district is not None and district != self.request.district:
                self.error(number, "district", "import.district_conflict", value=text,
                           district=self.request.district)
                return None
        district = district or self.request.district
        by_code = self.read_enterprise_code(number, values.get("enterprise_code"))
        if by_code is not None and by_code != "":
            if district is None:
                self.notes.add("import.district_from_code", self.place(number, "enterprise_code"))
                return by_code
            if by_code != district:
                self.error(number, "enterprise_code", "import.division_other",
                           value=_cleaned(_text(values["enterprise_code"])).upper(),
                           code_district=by_code, district=district)
                return None
        if district is None and not by_code:
            self.error(number, "id", "import.no_district")
        return district

    def read_enterprise_code(self, number: int, value: Value) -> str | None:
        """The district of an enterprise code's division; "" where the code names no
        district the plan has a code for (nothing to check); None without a code."""
        if not _filled(value):
            return None
        code = re.sub(r"\s+", "", _cleaned(_text(value))).upper()
        match = ENTERPRISE_CODE.fullmatch(code)
        if match is None:
            self.error(number, "enterprise_code", "import.bad_enterprise_code", value=code)
            return ""
        division = match.group(1)
        by_division = self.plan.district_by_division
        if not by_division:
            return ""
        area = by_division.get(division)
        if area is None:
            self.error(number, "enterprise_code", "import.division_unknown", value=code,
                       code=division, known="、".join(f"{code} {area.name}"
                                                      for code, area in by_division.items()))
            return ""
        return area.name

    def approval(self, number: int, cert_id: str, shapes: dict[str, re.Match[str]]
                 ) -> date | None:
        """The approval month a number carries (its `yy` and `mm`), where its shape has them."""
        for match in shapes.values():
            if "yy" not in match.re.groupindex or "mm" not in match.re.groupindex:
                continue
            month = int(match.group("mm"))
            if not 1 <= month <= 12:
                self.error(number, "id", "import.bad_approval", id=cert_id)
                return None
            return date(2000 + int(match.group("yy")), month, 1)
        return None

    def check_approval(self, number: int, cert_id: str, kind: str, approved: date,
                       issued: date) -> None:
        """Issued in the month of approval, or at most `issued_within_months` after it."""
        shape = self.plan.number_shapes.get(kind)
        if shape is None:
            return
        months = (issued.year - approved.year) * 12 + issued.month - approved.month
        within = shape[1].issued_within_months or 0
        approved_text = f"{approved.year}-{approved.month:02d}"
        issued_place = self.place(number, "issued" if "issued" in self.columns else "validity")
        if months < 0 or months > within:
            self.error(number, "id", "import.approval_mismatch", id=cert_id,
                       approved=approved_text, issued=issued, cell=issued_place.cell,
                       within=within)
        elif months > 0:
            self.notes.add("import.approval_later", self.place(number, "id"), within=within)

    def check_seen(self, number: int, cert_id: str) -> None:
        first = self.seen.get(cert_id)
        if first is not None:
            self.error(number, "id", "import.duplicate_id", id=cert_id, other=first.cell)
        else:
            self.seen[cert_id] = self.place(number, "id")

    def read_renews(self, number: int, cert_id: str, kind: str | None, issued: date,
                    values: dict[str, Value]) -> str | None:
        """The id renewed: from its column; the row's own id for a renewal of a type that
        keeps its number (said by the application column, or found on file)."""
        renews = None
        if _filled(values.get("renews")):
            renews = normal_id(_text(values["renews"]))
        renewal = None
        raw = values.get("application")
        if _filled(raw):
            word = _flat(_text(raw))
            if word in APPLICATION_RENEWAL or any(word.startswith(w) for w in ("续展", "再认证")):
                renewal = True
            elif word in APPLICATION_NEW:
                renewal = False
            else:
                self.error(number, "application", "import.unknown_application", value=word,
                           known="、".join((*APPLICATION_NEW[:3], *APPLICATION_RENEWAL[:3])))
                return None
        shape = self.plan.number_shapes.get(kind or "")
        keeps_number = shape is not None and shape[1].renewal == "same_number"
        if renewal and renews is None:
            if keeps_number:
                renews = cert_id
            else:
                self.error(number, "application", "import.renewal_needs_old", id=cert_id,
                           names=" / ".join(HEADERS["renews"][:2]))
                return None
        on_file = self.request.on_file.get(cert_id, ())
        if on_file and renews is None:
            same_day = [record for record in on_file if record.issued == issued]
            if same_day:
                self.error(number, "id", "import.on_file", id=cert_id, other=same_day[0].where)
            elif keeps_number and all(record.issued < issued for record in on_file):
                self.notes.add("import.renews_itself", self.place(number, "id"),
                               other=on_file[-1].where)
                renews = cert_id
            else:
                self.error(number, "id", "import.on_file_other", id=cert_id,
                           other=on_file[-1].where)
        return renews

    def read_text(self, number: int, name: str, value: Value, *, required: bool = False
                  ) -> str | None:
        if not _filled(value):
            if required:
                self.error(number, name, "import.missing",
                           header=self.notes.headers.get(self.columns.get(name, 0), ""))
            return None
        if isinstance(value, str) and value.strip().upper() in EXCEL_ERRORS:
            self.error(number, name, "import.excel_error", value=value.strip())
            return None
        text = _text(value)
        flat = _flat(text)
        if flat != text.strip():
            self.notes.add("import.text_cleaned", self.place(number, name))
        return flat or None

    def read_quantity(self, number: int, name: str, value: Value) -> Decimal | None:
        if not _filled(value):
            return None
        try:
            reading = read_number(value, UNITS[name], all_text=self.table.all_text)
        except Refused as refused:
            self.error(number, name, refused.key, header=self.notes.headers.get(
                self.columns.get(name, 0), ""), **refused.params)
            return None
        self._noted(number, name, reading)
        amount: Decimal = reading.value
        if reading.note != "import.unit_in_cell" and name in self.units:
            amount = tidy(amount * self.units[name])
        return amount


def _filled(value: Value) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


# --- around the import: what is on file, and problems of the written file at their cells ---


def ids_on_file(reports: Sequence[Report]) -> dict[str, tuple[OnFile, ...]]:
    """The certificate ids of the progress files (in their normal form), each with the
    type, issue date and place of its records, oldest first."""
    found: dict[str, list[OnFile]] = defaultdict(list)
    for report in reports:
        for index, entry in enumerate(report.data.certificates):
            line = report.source.mark(("certificates", index)).line
            found[normal_id(entry.id)].append(OnFile(entry.type, entry.issued,
                                                   f"{report.file}:{line}"))
    return {cert_id: tuple(sorted(records, key=lambda record: record.issued))
            for cert_id, records in found.items()}


def at_cells(problems: Sequence[Problem], file: str, places: Mapping[int, Spot], table: Table
             ) -> list[Problem]:
    """The problems of the file an import wrote (`file`), each moved to the cell its line
    came from (a line without one: the cell of the entry above it); a place of that file
    named in a message becomes its cell too. Other problems stay as they are."""
    def cell_of(line: int | None) -> Place | None:
        if line is None:
            return None
        for candidate in range(line, 0, -1):
            if candidate in places:
                return table.place(*places[candidate])
        return None

    def moved_params(params: Mapping[str, Any]) -> dict[str, Any]:
        moved = dict(params)
        for key, value in params.items():
            if isinstance(value, str) and value.startswith(file + ":"):
                line = value[len(file) + 1:].split(":", 1)[0]
                place = cell_of(int(line)) if line.isdigit() else None
                if place is not None:
                    moved[key] = f"{table.file}:{place.cell}"
        return moved

    found = []
    for problem in problems:
        place = cell_of(problem.line) if problem.file == file else None
        if problem.file == file and place is None:
            found.append(Problem(table.file, None, None, problem.key,
                                 moved_params(problem.params), problem.severity))
        elif place is not None:
            found.append(table.problem(place, problem.key, severity=problem.severity,
                                       **moved_params(problem.params)))
        else:
            found.append(Problem(problem.file, problem.line, problem.column, problem.key,
                                 moved_params(problem.params), problem.severity, problem.cell))
    return found
