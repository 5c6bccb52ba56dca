"""The cache of the validated register: a second run on unchanged files parses no YAML.

A clean register (no error; its warnings and notes kept) is written after a cold read, one
cache file per progress folder, under `$XDG_CACHE_HOME/wuhai-green` (default
`~/.cache/wuhai-green`), `--cache-dir DIR`; `--no-cache` or `WUHAI_NO_CACHE=1` turn it
off. It is used only when its key matches: the tool's version and the cache format, the
plan file's SHA-256, the day (dates ahead of today are warnings), the working folder and
the folder as given (every message names files as typed), `WUHAI_MAX_FILE_MB`, and of every
report its name, size, mtime_ns and SHA-256, and the names of the skipped files.

The format is MessagePack read by msgspec into fixed types (never pickle: decoding runs no
code): a file is `MAGIC`, the SHA-256 of the rest, then the entry. A truncated or edited
file fails the checksum or the typed decoding, another folder's entry (swapped in) fails
the key: each is a miss, and the register is read from the files again. Any fault of the
cache (unreadable, unwritable, a value it cannot hold) is a miss, never an error. Beyond
`LIMIT_BYTES` in all, the entries used longest ago are removed.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import stat
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import msgspec

from wuhai_green import __version__
from wuhai_green.core.problems import Problem, UsageError
from wuhai_green.core.register import Activity, Certificate, Register
from wuhai_green.load.files import max_file_bytes, write_atomically

FORMAT = 1  # raised whenever the layout below changes: an older entry is then a miss
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


class _Activity(msgspec.Struct, array_like=True):
    entry: dict[str, Any]  # the entry as written (its set fields), validated again on reading
    year: int
    district: str | None
    file: str
    line: int
    host: str | None


class _Entry(msgspec.Struct, array_like=True):
    key: str
    certificates: list[Certificate]
    activities: list[_Activity]
    baseline_districts: list[str]
    files: list[str]
    reported: list[tuple[str, int]]
    warnings: list[Problem]  # a Decimal or a date among the params as an extension (below)


class _Unfit(Exception):
    """A value the cache cannot hold as its own type: the register is not cached."""


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


@cache
def _activities_adapter() -> Any:
    from pydantic import TypeAdapter

    from wuhai_green.model.progress import ActivityEntry

    return TypeAdapter(list[ActivityEntry])


@cache
def _decoder() -> msgspec.msgpack.Decoder[_Entry]:
    return msgspec.msgpack.Decoder(_Entry, ext_hook=_ext)


def _encode(key: str, register: Register) -> bytearray:
    entry = _Entry(
        key=key,
        certificates=list(register.certificates),
        activities=[_Activity(activity.entry.model_dump(mode="json", exclude_unset=True),
                              activity.year, activity.district, activity.file, activity.line,
                              activity.host) for activity in register.activities],
        baseline_districts=sorted(register.baseline_districts),
        files=list(register.files),
        reported=sorted(register.reported),
        warnings=[replace(p, params={name: _param(value) for name, value in p.params.items()})
                  for p in register.warnings],
    )
    # Encoded after room for the header, in one buffer: at 100k certificates the entry is
    # ~40 MB, and a second copy of it (header + body) would be the run's peak of memory.
    start = len(MAGIC) + 32
    data = bytearray(MAGIC) + bytes(32)
    msgspec.msgpack.Encoder(decimal_format="string").encode_into(entry, data, start)
    data[len(MAGIC):start] = hashlib.sha256(memoryview(data)[start:]).digest()
    return data


def _decode(data: bytes, key: str) -> Register | None:
    """The register of a cache file's bytes, or None when they are not an entry for `key`."""
    start = len(MAGIC) + 32
    if not data.startswith(MAGIC) or hashlib.sha256(data[start:]).digest() != data[
            len(MAGIC):start]:
        return None
    entry = _decoder().decode(data[start:])
    if entry.key != key:
        return None
    entries = _activities_adapter().validate_python([a.entry for a in entry.activities])
    activities = tuple(Activity(validated, a.year, a.district, a.file, a.line, a.host)
                       for validated, a in zip(entries, entry.activities, strict=True))
    return Register(certificates=tuple(entry.certificates), activities=activities,
                    baseline_districts=frozenset(entry.baseline_districts),
                    files=tuple(entry.files), reported=frozenset(entry.reported),
                    warnings=tuple(entry.warnings))


def _digest(path: Path) -> str:
    with path.open("rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


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
             others: list[Path], today: date) -> tuple[Path, str] | None:
        """The cache file of a register read from these files today, and its key; None
        when a file cannot be looked at, or is not one the reader reads (a FIFO, a device,
        a file beyond `WUHAI_MAX_FILE_MB`): the cold read says why."""
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
            given = [FORMAT, __version__, code_fingerprint(), self.plan_digest, today.isoformat(), where,
                     os.environ.get("WUHAI_MAX_FILE_MB", ""), files,
                     [str(path) for path in others]]
            # (a name that is not UTF-8 holds surrogates, which MessagePack refuses: no cache)
            name = hashlib.sha256(msgspec.msgpack.encode(where)).hexdigest()[:32] + SUFFIX
            key = hashlib.sha256(msgspec.msgpack.encode(given)).hexdigest()
        except (OSError, ValueError):
            return None
        return self.folder / name, key

    def read(self, path: Path, key: str) -> Register | None:
        """The register cached in `path` under `key`, or None (no entry, or not a sound one)."""
        try:
            data = path.read_bytes()
        except (OSError, ValueError):
            return None
        collecting = gc.isenabled()
        gc.disable()  # a hundred thousand records and no cycle: the collector would only rescan
        try:
            register = _decode(data, key)
        except (msgspec.DecodeError, ValueError, TypeError, ArithmeticError, RecursionError):
            return None  # a damaged entry (a date or a number that is none, a bad type)
        finally:
            if collecting:
                gc.enable()
        if register is not None:
            with contextlib.suppress(OSError):
                os.utime(path)  # used now: evicted last
        return register

    def write(self, path: Path, key: str, register: Register) -> None:
        """Keep `register` in `path` under `key` (quietly nothing when it cannot be)."""
        try:
            data = _encode(key, register)
        except (_Unfit, TypeError, ValueError, OverflowError, msgspec.EncodeError):
            return
        try:
            write_atomically(path, data, overwrite=True, make_folder=True)
        except UsageError:
            return
        self._evict(keep=path)

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
