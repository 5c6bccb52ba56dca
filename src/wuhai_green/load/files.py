"""Writing files: atomically (a temporary file in the same folder, then one rename or
link), and never over an existing file unless asked."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from wuhai_green.core.problems import UsageError


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
