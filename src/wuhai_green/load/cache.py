"""The cache of the validated register: a second run on unchanged files parses no YAML,
and a run after a change reads only the files that changed.

One cache file per progress folder, under `$XDG_CACHE_HOME/wuhai-green` (default
`~/.cache/wuhai-green`), `--cache-dir DIR`; `--no-cache` or `WUHAI_NO_CACHE=1` turn it
off. It holds, under the folder's key (the tool's version, its code and the cache format,
the plan file's SHA-256, the day (dates ahead of today are warnings), the working folder
and the folder as given (every message names files as typed), `WUHAI_MAX_FILE_MB`):

- the part of each report, under its name, size, mtime_ns and SHA-256: what depends on
  that file alone (its problems, records, activities, and what the rules across files read
  of it). A run after a change reads only the reports whose part is missing, then runs the
  rules across files again over all parts;
- the register, when it was clean (no error; its warnings and notes kept), under a key of
  every report's part and the names of the skipped files. Its records are those of the
  parts, with what the rules across files set on them (so the parts keep them so, and a
  part read for a register made again is given them without). A run on unchanged files
  takes the register as it is.

The format is MessagePack read by msgspec into fixed types (never pickle: decoding runs no
code): a file is `MAGIC`, the entry, then the entry's SHA-256. A truncated or edited
file fails the checksum or the typed decoding, another folder's entry (swapped in) fails
the key: each is a miss, and the reports are read from the files again. Any fault of the
cache (unreadable, unwritable, a value it cannot hold) is a miss, never an error. Beyond
`LIMIT_BYTES` in all, the entries used longest ago are removed.
"""
from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, fields, replace
from datetime import date
from decimal import Decimal
from functools import cache
from operator import attrgetter
from pathlib import Path
from typing import Any

import msgspec

from wuhai_green import __version__
from wuhai_green.core.problems import Problem, UsageError
from wuhai_green.core.register import Activity, Certificate, Register
from wuhai_green.load.files import max_file_bytes, write_atomically
from wuhai_green.model.marks import Mark, PathKey, Source
from wuhai_green.model.progress import Report

FORMAT = 2  # raised whenever the layout below changes: an older entry is then a miss
MAGIC = b"wuhai-green register cache\n"
SUFFIX = ".msgpack"
LIMIT_BYTES = 256 * 1024 * 1024  # all entries together; a 100k-certificate entry is ~40 MB


def default_folder() -> Path | None:
    """`$XDG_CACHE_HOME/wuhai-green` (an absolute XDG_CACHE_HOME only, as the XDG
    specification says), else `~/.cache/wuhai-green`; None (no cache) without a home, as
    under cron or `env -i` with a user the system does not name."""
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if xdg and Path(xdg).is_absolute():
        return Path(xdg) / "wuhai-green"
    try:
        return Path.home() / ".cache" / "wuhai-green"
    except (RuntimeError, KeyError):
        return None


@cache
def code_fingerprint() -> str:
    """The size and time of every module of this package: a register cached by other code
    (an upgrade that keeps the version number, or a checkout being worked on) is a miss."""
    package = Path(__file__).resolve().parent.parent
    found = []
    for folder, _, names in sorted(os.walk(package)):
        for name in sorted(names):
            if name.endswith((".py", ".yaml")):
                status = os.stat(os.path.join(folder, name))
                found.append(f"{os.path.relpath(os.path.join(folder, name), package)} "
                             f"{status.st_size} {status.st_mtime_ns}")
    return hashlib.sha256("\n".join(found).encode("utf-8", "surrogateescape")).hexdigest()


def disabled_by_environment() -> bool:
    """`WUHAI_NO_CACHE` set to anything but empty or 0."""
    return os.environ.get("WUHAI_NO_CACHE", "").strip() not in ("", "0")


FileId = tuple[str, int, int, str]  # a report's name, size, mtime_ns and SHA-256


@dataclass(frozen=True)
class FilePart:
    """What reading one report gives, which depends on that file alone (and the plan and
    the day): the problems of reading and validating it, its records and activities, the
    problems of its own rules, and what the rules across files read of it (None when it did
    not validate)."""

    read_problems: list[Problem]
    records: list[Certificate]
    activities: list[Activity]
    problems: list[Problem]
    report: Report | None


class _Activity(msgspec.Struct, array_like=True):
    entry: dict[str, Any]  # the entry as written (its set fields), validated again on reading
    year: int
    district: str | None
    file: str
    line: int
    host: str | None


Placed = list[tuple[tuple[str | int, ...], int, int]]  # a path, its line and column


class _Report(msgspec.Struct, array_like=True):
    data: dict[str, Any]  # its set fields, validated again on reading
    file: str
    marks: Placed
    key_marks: Placed


class _Rest(msgspec.Struct, array_like=True):
    read_problems: list[Problem]  # a Decimal or a date among the params as an extension
    problems: list[Problem]
    report: _Report | None


class _Part(msgspec.Struct, array_like=True):
    file: FileId
    records: list[Certificate]  # as the register holds them, when the entry holds it
    activities: list[_Activity]
    rest: msgspec.Raw  # a `_Rest`, decoded only when the register is made again


class _Merged(msgspec.Struct, array_like=True):
    key: str  # the folder's key, every report's `FileId` and the skipped files
    baseline_districts: list[str]
    files: list[str]
    reported: list[tuple[str, int]]
    warnings: list[Problem]


class _Entry(msgspec.Struct, array_like=True):
    key: str  # the folder's: the tool, the plan, the day, where the files are named from
    parts: list[_Part | None]  # None: a part that could not be kept
    merged: _Merged | None  # the register, when it was clean


class _Unfit(Exception):
    """A value the cache cannot hold as its own type: that part is not cached."""


# What encoding a value the cache cannot hold raises, and what decoding a damaged entry
# raises (a date or a number that is none, a bad type; pydantic's ValidationError is a
# ValueError): each is a miss, never an error.
_CANNOT_ENCODE = (_Unfit, TypeError, ValueError, OverflowError, msgspec.EncodeError)
_DAMAGED = (msgspec.DecodeError, ValueError, TypeError, ArithmeticError, RecursionError)


# The params of a problem are of a few types; a Decimal and a date keep theirs (a message
# may format them as such) as MessagePack extensions.
_DECIMAL, _DATE = 1, 2
_PLAIN = (str, int, bool, type(None))


def _param(value: Any) -> Any:
    if type(value) in _PLAIN:
        return value
    if type(value) is Decimal:
        return msgspec.msgpack.Ext(_DECIMAL, str(value).encode())
    if type(value) is date:
        return msgspec.msgpack.Ext(_DATE, value.isoformat().encode())
    raise _Unfit(type(value).__name__)


def _ext(code: int, data: memoryview) -> Any:
    if code == _DECIMAL:
        return Decimal(bytes(data).decode())
    if code == _DATE:
        return date.fromisoformat(bytes(data).decode())
    raise ValueError(code)


def _encodable(problems: list[Problem] | tuple[Problem, ...]) -> list[Any]:
    return [_encodable_one(p) for p in problems]


# A problem is written as the mapping of its fields (which msgspec reads back as a Problem),
# its params made encodable: a copy made by dataclasses.replace costs ten times as much.
_PROBLEM_FIELDS = attrgetter(*(field.name for field in fields(Problem)))
_PROBLEM_NAMES = tuple(field.name for field in fields(Problem))


def _encodable_one(problem: Problem) -> dict[str, Any]:
    written = dict(zip(_PROBLEM_NAMES, _PROBLEM_FIELDS(problem), strict=True))
    written["params"] = {name: _param(value) for name, value in problem.params.items()}
    return written


def _fit(problems: tuple[Problem, ...]) -> bool:
    """Whether `_param` takes every parameter of `problems`."""
    kept = {*_PLAIN, Decimal, date}
    return all(type(value) in kept for problem in problems for value in problem.params.values())


@cache
def _activities_adapter() -> Any:
    from pydantic import TypeAdapter

    from wuhai_green.model.progress import ActivityEntry

    return TypeAdapter(list[ActivityEntry])


@cache
def _decoder() -> msgspec.msgpack.Decoder[_Entry]:
    return msgspec.msgpack.Decoder(_Entry, ext_hook=_ext)


@cache
def _rest_decoder() -> msgspec.msgpack.Decoder[_Rest]:
    return msgspec.msgpack.Decoder(_Rest, ext_hook=_ext)


@cache
def _encoder() -> msgspec.msgpack.Encoder:
    return msgspec.msgpack.Encoder(decimal_format="string")


def _placed(marks: dict[PathKey, Mark]) -> Placed:
    return [(path, mark.line, mark.column) for path, mark in marks.items()]


def _report_of(report: Report) -> _Report:
    """The report as it can be kept; `_Unfit` unless it comes back equal."""
    kept = _Report(report.data.model_dump(mode="json", exclude_unset=True), report.file,
                   _placed(report.source.marks), _placed(report.source.key_marks))
    if _report_back(kept) != report:
        raise _Unfit("a report that does not come back equal")
    return kept


def _report_back(kept: _Report) -> Report:
    from wuhai_green.model.progress import ProgressFile

    marks = {tuple(path): Mark(line, column) for path, line, column in kept.marks}
    key_marks = {tuple(path): Mark(line, column) for path, line, column in kept.key_marks}
    return Report(ProgressFile.model_validate(kept.data), Source(kept.file, marks, key_marks))


def _activity(activity: Activity) -> _Activity:
    return _Activity(activity.entry.model_dump(mode="json", exclude_unset=True), activity.year,
                     activity.district, activity.file, activity.line, activity.host)


def _activities_back(kept: list[_Activity]) -> list[Activity]:
    entries = _activities_adapter().validate_python([a.entry for a in kept])
    return [Activity(validated, a.year, a.district, a.file, a.line, a.host)
            for validated, a in zip(entries, kept, strict=True)]


def _part(file: FileId, part: FilePart, records: list[Certificate]) -> _Part:
    rest = _Rest(_encodable(part.read_problems), _encodable(part.problems),
                 None if part.report is None else _report_of(part.report))
    return _Part(file, records, [_activity(a) for a in part.activities],
                 msgspec.Raw(_encoder().encode(rest)))


# A record's fields but its links, as a tuple
_UNLINKED_FIELDS = attrgetter(*(field.name for field in fields(Certificate) if field.name not in
                                ("renewed_on", "ended_on", "renews_baseline")))


def _unlinked(record: Certificate) -> Certificate:
    """The record as its report made it, without what the rules across files set on it
    (its links: `renewed_on`, `ended_on`, `renews_baseline`)."""
    if record.renewed_on is None and record.ended_on is None and not record.renews_baseline:
        return record
    return replace(record, renewed_on=None, ended_on=None, renews_baseline=False)


def _as_linked(parts: list[FilePart], register: Register) -> list[list[Certificate]]:
    """The records of each part as the register holds them (with their links); `_Unfit`
    unless the register is the parts' records in their order, as their reports made them
    but for their links."""
    finals = iter(register.certificates)
    linked = []
    for part in parts:
        records = []
        for record, final in zip(part.records, finals, strict=False):
            if _unlinked(record) is not record or (
                    final is not record and _UNLINKED_FIELDS(final) != _UNLINKED_FIELDS(record)):
                raise _Unfit("a record changed across files beyond its ends")
            records.append(final)
        if len(records) != len(part.records):
            raise _Unfit("records dropped across files")
        linked.append(records)
    if next(finals, None) is not None:
        raise _Unfit("records added across files")
    return linked


def _chunks(key: str, parts: list[tuple[FileId, FilePart]],
            merged: tuple[str, Register] | None) -> Iterator[bytes]:
    """The cache file, written as it is encoded, part after part: at 100k certificates the
    entry is ~40 MB, which a run would otherwise hold at once beside the register. A part
    that cannot be kept is nil. With the register, each part keeps its records as the
    register holds them; the register is kept only with every part."""
    digest = hashlib.sha256()

    def body(chunk: bytes) -> bytes:
        digest.update(chunk)
        return chunk

    encode = _encoder().encode
    linked = None
    if merged is not None:
        with contextlib.suppress(_Unfit):
            linked = _as_linked([part for _, part in parts], merged[1])
    yield MAGIC
    # an `_Entry` by hand: an array of three, the parts as an array of 32-bit length
    yield body(b"\x93" + encode(key) + b"\xdd" + len(parts).to_bytes(4, "big"))
    every = True
    for index, (file, part) in enumerate(parts):
        try:
            yield body(encode(_part(file, part, part.records if linked is None
                                    else linked[index])))
        except _CANNOT_ENCODE:
            yield body(encode(None))
            every = False
    if merged is None or linked is None or not every or not _fit(merged[1].warnings):
        yield body(encode(None))
    else:  # a `_Merged` by hand, its warnings one by one (a copy of each is made to encode it)
        register_key, register = merged
        yield body(b"\x95" + encode(register_key) + encode(sorted(register.baseline_districts))
                   + encode(list(register.files)) + encode(sorted(register.reported))
                   + b"\xdd" + len(register.warnings).to_bytes(4, "big"))
        for problem in register.warnings:
            yield body(encode(_encodable_one(problem)))
    yield digest.digest()


class Cached:
    """What a cache file holds for a run: the register (when nothing changed since it was
    cached) and the part of each report it holds."""

    def __init__(self, entry: _Entry, register_key: str) -> None:
        self._parts = {part.file: part for part in entry.parts if part is not None}
        self.register = None
        if entry.merged is not None and entry.merged.key == register_key:
            self.register = self._register(entry.parts, entry.merged)

    @staticmethod
    def _register(parts: list[_Part | None], merged: _Merged) -> Register:
        if any(part is None for part in parts):
            raise ValueError("a register without all its parts")
        kept = [part for part in parts if part is not None]
        records = [record for part in kept for record in part.records]
        activities = _activities_back([a for part in kept for a in part.activities])
        return Register(certificates=tuple(records), activities=tuple(activities),
                        baseline_districts=frozenset(merged.baseline_districts),
                        files=tuple(merged.files), reported=frozenset(merged.reported),
                        warnings=tuple(merged.warnings))

    def part(self, file: FileId) -> FilePart | None:
        """The part of the report `file` (its name, size, time and SHA-256), if held."""
        kept = self._parts.get(file)
        if kept is None:
            return None
        try:
            rest = _rest_decoder().decode(kept.rest)
            report = None if rest.report is None else _report_back(rest.report)
            activities = _activities_back(kept.activities)
        except _DAMAGED:
            return None
        records = [_unlinked(record) for record in kept.records]
        return FilePart(rest.read_problems, records, activities, rest.problems, report)


def _decode(data: bytes, key: str, register_key: str) -> Cached | None:
    """What a cache file's bytes hold for `key`, or None when they are not an entry for it."""
    body = memoryview(data)[len(MAGIC):-32]
    if not data.startswith(MAGIC) or hashlib.sha256(body).digest() != data[-32:]:
        return None
    entry = _decoder().decode(body)
    if entry.key != key:
        return None
    return Cached(entry, register_key)


def _digest(path: Path) -> str:
    with path.open("rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


@dataclass(frozen=True)
class Slot:
    """A cache file, the key of its folder (the tool, the plan, the day, where the files
    are named from), each report's `FileId`, and the key of the register of them all."""

    path: Path
    key: str
    files: tuple[FileId, ...]
    register_key: str


@dataclass(frozen=True)
class RegisterCache:
    """Where the entries are, and the plan they were computed with (its SHA-256)."""

    folder: Path
    plan_digest: str

    @classmethod
    def of(cls, folder: Path, plan_path: Path) -> RegisterCache | None:
        """The cache in `folder` for a run with the plan of `plan_path` (None when the
        plan cannot be read: its loader says why)."""
        try:
            return cls(folder, _digest(plan_path))
        except (OSError, ValueError):
            return None

    def slot(self, progress: Path, named_as: Path | None, paths: list[Path],
             others: list[Path], today: date) -> Slot | None:
        """The cache file of the reports `paths` read today, and its keys; None when a
        file cannot be looked at, or is not one the reader reads (a FIFO, a device, a file
        beyond `WUHAI_MAX_FILE_MB`): the cold read says why."""
        try:
            files = []
            limit = max_file_bytes()
            for path in paths:
                status = path.stat()
                if not stat.S_ISREG(status.st_mode) or status.st_size > limit:
                    return None  # a FIFO would block, a huge file is refused: read as always
                files.append((str(path), status.st_size, status.st_mtime_ns, _digest(path)))
            where = [str(Path.cwd()), str(progress), str(progress.absolute()),
                     None if named_as is None else str(named_as)]
            given = [FORMAT, __version__, code_fingerprint(), self.plan_digest,
                     today.isoformat(), where, os.environ.get("WUHAI_MAX_FILE_MB", "")]
            # (a name that is not UTF-8 holds surrogates, which MessagePack refuses: no cache)
            name = hashlib.sha256(msgspec.msgpack.encode(where)).hexdigest()[:32] + SUFFIX
            key = hashlib.sha256(msgspec.msgpack.encode(given)).hexdigest()
            register_key = hashlib.sha256(msgspec.msgpack.encode(
                [key, files, [str(path) for path in others]])).hexdigest()
        except (OSError, ValueError):
            return None
        return Slot(self.folder / name, key, tuple(files), register_key)

    def read(self, slot: Slot) -> Cached | None:
        """What the cache file of `slot` holds for it, or None (no entry, or not a sound one)."""
        try:
            data = slot.path.read_bytes()
        except (OSError, ValueError):
            return None
        collecting = gc.isenabled()
        gc.disable()  # a hundred thousand records and no cycle: the collector would only rescan
        try:
            cached = _decode(data, slot.key, slot.register_key)
        except _DAMAGED:
            return None
        finally:
            if collecting:
                gc.enable()
        if cached is not None:
            with contextlib.suppress(OSError):
                os.utime(slot.path)  # used now: evicted last
        return cached

    def write(self, slot: Slot, parts: list[FilePart], register: Register | None) -> None:
        """Keep in the cache file of `slot` the part of each report (`parts`, in the order
        of `slot.files`) and, when the reports made it without an error, `register`
        (quietly nothing when it cannot be)."""
        chunks = _chunks(slot.key, list(zip(slot.files, parts, strict=True)),
                         None if register is None else (slot.register_key, register))
        try:
            write_atomically(slot.path, chunks, overwrite=True, make_folder=True)
        except (UsageError, *_CANNOT_ENCODE):
            return
        self._evict(keep=slot.path)

    def _evict(self, keep: Path) -> None:
        """Remove the entries used longest ago while all of them exceed `LIMIT_BYTES`."""
        try:
            entries = []
            for path in self.folder.glob("*" + SUFFIX):
                status = path.stat()
                entries.append((status.st_mtime_ns, status.st_size, path))
        except OSError:
            return
        total = sum(size for _, size, _ in entries)
        for _, size, path in sorted(entries):
            if total <= LIMIT_BYTES:
                break
            if path != keep:
                with contextlib.suppress(OSError):
                    path.unlink()
                total -= size
