"""Files in and out: bytes read safely and decoded explicitly; text written
atomically (a temporary file in the same folder, then one rename or link), never over an
existing file unless asked, never over anything but a regular file; standard output and
error guarded against a reader that went away or a disk that is full."""

from __future__ import annotations

import codecs
import contextlib
import errno
import io
import math
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from wuhai_green.core.problems import DataError, Problem, UsageError, cannot_write

DEFAULT_MAX_FILE_MB = 20


def max_file_bytes() -> int:
    return _file_limit()[0]


def file_limit_warnings() -> list[Problem]:
    """A warning naming a `$WUHAI_MAX_FILE_MB` that is no size, ignored, and the limit used
    instead (the plan's loader gives it, once a run)."""
    ignored = _file_limit()[1]
    if ignored is None:
        return []
    shown = ignored if len(ignored) <= 40 else ignored[:40] + "…"
    return [Problem("$WUHAI_MAX_FILE_MB", None, None, "read.bad_limit",
                    {"value": shown, "limit": DEFAULT_MAX_FILE_MB}, "warning")]


def _file_limit() -> tuple[int, str | None]:
    """The limit in bytes, and the value of `$WUHAI_MAX_FILE_MB` ignored if it is no size:
    not a number, nan, inf, 1e400, 0 or below, or below one byte (1e-9). Unset or blank is
    the default, without a word."""
    raw = os.environ.get("WUHAI_MAX_FILE_MB", "")
    default = DEFAULT_MAX_FILE_MB * 1024 * 1024
    if not raw.strip():
        return default, None
    try:
        megabytes = float(raw)
    except ValueError:
        return default, raw
    if not math.isfinite(megabytes) or megabytes <= 0:
        return default, raw
    limit = int(megabytes * 1024 * 1024)
    return (limit, None) if limit > 0 else (default, raw)


def display_name(path: Path) -> str:
    """The path as a user would type it: relative to the working folder where possible."""
    try:  # the folder resolved, not the file: a link is named by itself, not its target
        return str((path.parent.resolve() / path.name).relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):  # outside the folder, or a symlink loop
        return str(path)


# What went wrong reading a file, by the OS's error number, in the reader's words; any
# other number shows the OS's own (English) words.
READ_FAULTS: dict[int, str] = {
    errno.EACCES: "read.denied",
    errno.EPERM: "read.denied",
    errno.ELOOP: "read.link_loop",
    errno.ENAMETOOLONG: "read.name_too_long",
    errno.EIO: "read.io",
}


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
        known = READ_FAULTS.get(error.errno or 0)
        if known is not None:
            raise fail(known) from error
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


def write_atomically(path: Path, text: str | bytes | bytearray | Iterable[bytes], *,
                     overwrite: bool = False, inputs: Iterable[Path] = (),
                     make_folder: bool = False) -> None:
    """Write `text` (or bytes, or chunks of bytes as they are made) to `path` through a
    temporary file in the same folder, then one rename (or, for a new file, one hard link,
    which fails if the name was taken meanwhile).

    Every writer (`-o`, `--write`, `new`, …) goes through here, so the rules hold for all:
    only a regular file (or nothing) at `path` is replaced, and only with `overwrite`; a
    device, FIFO, socket or folder never is; a symbolic link is replaced, never followed;
    none of the `inputs` (the files the run reads) is written over; a file the user may not
    write is not replaced. A fault of the OS (permission denied, no space left, a name too
    long, a missing folder) is a `UsageError` saying "cannot write FILE: reason"; the file
    that was there is kept and no temporary file is left. The folder is created only with
    `make_folder`.
    """
    try:
        if make_folder:
            path.parent.mkdir(parents=True, exist_ok=True)
        _check_target(path, overwrite, inputs)
        _write(path, text, overwrite)
    except OSError as error:
        raise cannot_write(path, error) from None


def taken(path: Path) -> bool:
    """Whether something has the name `path` (a file, a folder, a link even if broken). A
    name the system cannot look up (too long, a NUL) is left for the write to report."""
    try:
        path.lstat()
    except (OSError, ValueError):
        return False
    return True


def _check_target(path: Path, overwrite: bool, inputs: Iterable[Path]) -> None:
    status = _status(path)
    if status is not None:
        _refuse_special(path, status)
    if any(_same_file(path, status, source) for source in inputs):
        raise UsageError("write.is_input", path=path)
    if status is None:
        return
    if not overwrite:
        raise UsageError("write.exists", path=path)
    if stat.S_ISREG(status.st_mode) and not os.access(path, os.W_OK):
        # A read-only file: renaming over it would work in a writable folder, but its owner
        # made it read-only to keep it (root may write anything: access() says so).
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))


def _status(path: Path) -> os.stat_result | None:
    """What is at `path` itself (a link is not followed), or None."""
    try:
        return path.lstat()
    except FileNotFoundError:
        return None


def _refuse_special(path: Path, status: os.stat_result) -> None:
    """Only a regular file or a symbolic link (replaced, not followed) may be replaced."""
    if stat.S_ISDIR(status.st_mode):
        raise UsageError("write.is_dir", path=path)
    if not (stat.S_ISREG(status.st_mode) or stat.S_ISLNK(status.st_mode)):
        raise UsageError("write.not_a_file", path=path)  # /dev/null, a FIFO, a socket


def _same_file(path: Path, status: os.stat_result | None, source: Path) -> bool:
    """Whether writing `path` would replace `source`: the same name once the folders are
    resolved, or the same file (a hard link, a name that differs only in case where the
    file system ignores case, a link followed to it by the run)."""
    if _resolved(path) == _resolved(source):
        return True
    if status is None:
        return False
    identity = (status.st_dev, status.st_ino)
    for look in (source.lstat, source.stat):
        try:
            found = look()
        except OSError:
            continue
        if (found.st_dev, found.st_ino) == identity:
            return True
    return False


def _resolved(path: Path) -> Path:
    try:  # the folder resolved, not the name: a link is itself, not its target
        return path.parent.resolve() / path.name
    except (OSError, RuntimeError):
        return path.absolute()


def _write(path: Path, text: str | bytes | bytearray | Iterable[bytes], overwrite: bool
           ) -> None:
    # A short fixed prefix: a name of 255 bytes is valid, the same name grown by a prefix
    # and a suffix would not be.
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".wuhai-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            os.chmod(temporary, _mode_for(path))  # mkstemp makes 0600: the file's usual mode
            if isinstance(text, str):
                stream.write(text.encode("utf-8"))
            elif isinstance(text, bytes | bytearray):
                stream.write(text)
            else:
                for chunk in text:  # an exception while they are made leaves nothing behind
                    stream.write(chunk)
            stream.flush()
            os.fsync(stream.fileno())
        status = _status(path)  # something else may have been put there meanwhile
        if status is not None:
            _refuse_special(path, status)
        if overwrite:
            os.replace(temporary, path)
        else:
            _link_new(Path(temporary), path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def _link_new(temporary: Path, path: Path) -> None:
    """Give the temporary file its name only if that name is free (a hard link fails if not)."""
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise UsageError("write.exists", path=path) from None
    except OSError:  # a file system without hard links: check, then rename
        if path.exists() or path.is_symlink():
            raise UsageError("write.exists", path=path) from None
        os.replace(temporary, path)


def _mode_for(path: Path) -> int:
    """The mode of the regular file being replaced, or what the umask gives a new file."""
    status = _status(path)
    if status is not None and stat.S_ISREG(status.st_mode):
        return status.st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


class GuardedStream(io.TextIOBase):
    """Standard output (or error) for the length of one command.

    A reader that went away (a broken pipe: `wuhai check | head -1`) silences the stream
    and the command ends with the exit code it would have had. Any other fault (a full disk
    behind `> file`, a closed descriptor) is a `UsageError` "cannot write NAME: reason" on
    standard output; on standard error (`quiet`) it is silent, there being nowhere left to
    say it. Once a write fails the descriptor is pointed at the null device, so the
    interpreter's last flush at exit cannot fail again.
    """

    def __init__(self, stream: TextIO | None, name: str, *, quiet: bool = False) -> None:
        super().__init__()
        self.stream = stream
        self.name_shown = name
        self.quiet = quiet
        self.broken = False

    def write(self, text: str) -> int:
        if self.broken:
            return len(text)
        if self.stream is None:  # the descriptor was closed before we started
            self._failed(OSError(errno.EBADF, os.strerror(errno.EBADF)))
            return len(text)
        try:
            self.stream.write(text)
        except OSError as error:
            self._failed(error)
        return len(text)

    def flush(self) -> None:
        if self.broken or self.stream is None:
            return
        try:
            self.stream.flush()
        except OSError as error:
            self._failed(error)

    def _failed(self, error: OSError) -> None:
        self.broken = True
        self._drain()
        if self.quiet or error.errno == errno.EPIPE:
            return
        raise cannot_write(self.name_shown, error)

    def _drain(self) -> None:
        """Point the descriptor at the null device: what is still buffered goes nowhere."""
        if self.stream is None:
            return
        with contextlib.suppress(OSError, ValueError):
            null = os.open(os.devnull, os.O_WRONLY)
            try:
                os.dup2(null, self.stream.fileno())
            finally:
                os.close(null)

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        if self.stream is None or self.broken:
            return False
        with contextlib.suppress(OSError, ValueError):
            return self.stream.isatty()
        return False

    def fileno(self) -> int:
        if self.stream is None:
            raise io.UnsupportedOperation("no descriptor")
        return self.stream.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]  # TextIOBase's is read-only too
        return getattr(self.stream, "encoding", None) or "utf-8"

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return getattr(self.stream, "errors", None)
