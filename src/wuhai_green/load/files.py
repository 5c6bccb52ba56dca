"""Files in and out: bytes read safely and decoded explicitly; text written
atomically (a temporary file in the same folder, then one rename or link), never over an
existing file unless asked."""

from __future__ import annotations

import codecs
import math
import os
import stat
import tempfile
from pathlib import Path
from typing import Any

from wuhai_green.core.problems import DataError, Problem, UsageError

DEFAULT_MAX_FILE_MB = 20


def max_file_bytes() -> int:
    raw = os.environ.get("WUHAI_MAX_FILE_MB", "")
    try:
        megabytes = float(raw) if raw else DEFAULT_MAX_FILE_MB
    except ValueError:
        megabytes = DEFAULT_MAX_FILE_MB
    if not math.isfinite(megabytes) or megabytes <= 0:  # nan, inf, 1e400, 0 or below
        megabytes = DEFAULT_MAX_FILE_MB
    return int(megabytes * 1024 * 1024)


def display_name(path: Path) -> str:
    """The path as a user would type it: relative to the working folder where possible."""
    try:  # the folder resolved, not the file: a link is named by itself, not its target
        return str((path.parent.resolve() / path.name).relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):  # outside the folder, or a symlink loop
        return str(path)


def read_bytes(path: Path, name: str) -> bytes:
    def fail(key: str, /, **params: Any) -> DataError:
        return DataError([Problem(name, None, None, key, params)])

    try:
        if path.is_dir():
            raise fail("read.is_dir")
        if not path.exists():
            raise fail("read.missing") if not path.is_symlink() else fail("read.broken_link")
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):  # a FIFO or device would block or never end
            raise fail("read.not_a_file")
        limit = max_file_bytes()
        size = status.st_size
        if size > limit:
            raise fail("read.too_large", size=size, limit=limit)
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as error:  # unreadable, or a symlink loop (ELOOP)
        raise fail("read.os_error", reason=error.strerror or str(error)) from error
    if len(data) > limit:  # grew while we read it
        raise fail("read.too_large", size=len(data), limit=limit)
    return data


def decode(raw: bytes, name: str) -> tuple[str, list[Problem]]:
    """UTF-16 with a BOM, else UTF-8 (BOM or not), else GB18030 with a warning."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16"), []
        except UnicodeDecodeError as error:
            problem = Problem(name, None, None, "read.bad_utf16", {"offset": error.start})
            raise DataError([problem]) from None
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as utf8_error:
        try:
            text = raw.decode("gb18030")
        except UnicodeDecodeError:
            line, column = _byte_position(raw, utf8_error.start)
            raise DataError(
                [Problem(name, line, column, "read.undecodable", {"offset": utf8_error.start})]
            ) from None
        warning = Problem(name, None, None, "read.gb18030", severity="warning")
        return text, [warning]


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    column = offset - (before.rfind(b"\n") + 1) + 1
    return line, column


def has_content(folder: Path) -> bool:
    """Whether a folder holds anything besides a `.git` (a fresh clone of an empty
    repository is empty); a folder that does not exist holds nothing."""
    if not folder.exists():
        return False
    if not folder.is_dir():
        raise UsageError("init.not_a_folder", path=folder)
    return any(entry.name != ".git" for entry in folder.iterdir())


def write_atomically(path: Path, text: str, *, overwrite: bool = False) -> None:
    if path.is_dir():
        raise UsageError("write.is_dir", path=path)
    if not overwrite and (path.exists() or path.is_symlink()):
        raise UsageError("write.exists", path=path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.chmod(temporary, _mode_for(path))  # mkstemp makes 0600; give the file its usual mode
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        if overwrite:
            os.replace(temporary, path)
        else:
            _link_new(Path(temporary), path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _link_new(temporary: Path, path: Path) -> None:
    """Give the temporary file its name only if that name is free (a hard link fails if not)."""
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise UsageError("write.exists", path=path) from None
    except OSError:  # a file system without hard links: check, then rename
        if path.exists():
            raise UsageError("write.exists", path=path) from None
        os.replace(temporary, path)


def _mode_for(path: Path) -> int:
    """The mode of the file being replaced, or what the umask gives a new file."""
    if path.exists():
        return path.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
