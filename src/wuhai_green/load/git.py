"""git: the plan and progress files as they were at a revision (for `wuhai diff` and
`check --changed-since`), the root of a repository (CI annotations name files from it),
`git init` (for `wuhai init`).

git is used only through subprocesses, and read in one batch whatever the number of files:
`git ls-tree` lists the revision's files under the plan and the progress folder, one `git
cat-file --batch` gives all their contents. They are written into a temporary folder in the
revision's own layout (a path that was a file then and is a folder now is simply what it
was) and loaded like any others.

Every fault of git (not installed, not a repository, a repository owned by another user,
an unknown revision, an object missing from a shallow clone) is a `UsageError` with a clear
message or git's own reason: exit 2. An entry that is no regular file (a symbolic link, a
submodule) or whose name would lead out of the folder is left out with a warning. File
names are kept as bytes, so a name that is not UTF-8 (a zip made on Chinese Windows) is
written and read back as it is.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from typing import NamedTuple

from wuhai_green.core.problems import Problem, UsageError
from wuhai_green.load.files import max_file_bytes

TIMEOUT_SECONDS = 120
# English words from git (its faults are recognised by them), no prompt for a password,
# pathspecs taken literally (a folder named `data[1]` is no pattern), no lock taken.
GIT_ENVIRONMENT = {"LC_ALL": "C", "LANGUAGE": "C", "GIT_TERMINAL_PROMPT": "0",
                   "GIT_LITERAL_PATHSPECS": "1", "GIT_OPTIONAL_LOCKS": "0"}
_DUBIOUS = re.compile(r"detected dubious ownership in repository at '([^']*)'")


class Exported(NamedTuple):
    """The revision's plan and progress folder, copied out, and what was left out."""

    plan: Path
    progress: Path
    warnings: list[Problem]


class _Entry(NamedTuple):
    mode: str
    kind: str
    oid: str
    size: int | None
    name: bytes  # the path in the repository, as git stores it


def _run(args: list[str], cwd: Path, stdin: bytes | None = None
         ) -> subprocess.CompletedProcess[bytes]:
    command = "git " + " ".join(args)
    try:
        return subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True,
                              check=False, timeout=TIMEOUT_SECONDS,
                              env={**os.environ, **GIT_ENVIRONMENT})
    except FileNotFoundError:  # git is not on PATH (or the folder is gone)
        raise UsageError("git.missing") from None
    except subprocess.TimeoutExpired:
        raise UsageError("git.timeout", command=command, seconds=TIMEOUT_SECONDS) from None
    except OSError as error:  # git found but not executable, say
        raise UsageError("git.failed", command=command,
                         reason=error.strerror or str(error)) from None


def _git(args: list[str], cwd: Path, stdin: bytes | None = None) -> bytes:
    """What git printed; its refusal as a `UsageError`."""
    result = _run(args, cwd, stdin)
    if result.returncode != 0:
        raise _fault("git " + " ".join(args), cwd, result.returncode, result.stderr)
    return result.stdout


def _fault(command: str, cwd: Path, code: int, stderr: bytes) -> UsageError:
    """git's refusal as a message: the faults a user meets named plainly, any other with
    git's own first `fatal:` or `error:` line."""
    text = stderr.decode("utf-8", "replace")
    dubious = _DUBIOUS.search(text)
    if dubious:
        return UsageError("git.dubious_ownership", folder=dubious.group(1))
    if "not a git repository" in text:
        return UsageError("git.not_a_repository", folder=cwd)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    reason = next((line for line in lines if line.startswith(("fatal:", "error:"))),
                  lines[0] if lines else f"exit {code}")
    return UsageError("git.failed", command=command, reason=reason)


def repository_root(start: Path) -> Path:
    folder = start if start.is_dir() else start.parent
    folder = folder.resolve() if folder.exists() else Path.cwd()
    top = _git(["rev-parse", "--show-toplevel"], folder)
    return Path(os.fsdecode(top.rstrip(b"\r\n")))


def top_level(folder: Path) -> Path | None:
    """The root of the git repository holding `folder`; None outside one (or without git)."""
    try:
        return repository_root(folder)
    except UsageError:
        return None


def init_repository(folder: Path) -> bool:
    """`git init` in `folder` unless it is the root of a repository already; whether it ran.
    (A folder inside another repository gets its own: a data repository stands alone.)"""
    root = top_level(folder)
    if root is not None and root.resolve() == folder.resolve():
        return False
    _git(["init", "--quiet", "--initial-branch=main"], folder)
    return True


def _inside(path: Path, root: Path) -> str | None:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return None


def _commit(ref: str, root: Path) -> str:
    """The commit `ref` names; an option-like ref is no revision (it would be read as an
    option of git)."""
    if not ref or ref.startswith("-"):
        raise UsageError("git.unknown_revision", ref=ref)
    args = ["rev-parse", "--verify", "--quiet", ref + "^{commit}"]
    result = _run(args, root)
    if result.returncode == 0:
        return result.stdout.decode("ascii").strip()
    if not result.stderr.strip():  # --quiet: no such revision, and no words about it
        raise UsageError("git.unknown_revision", ref=ref)
    raise _fault("git " + " ".join(args), root, result.returncode, result.stderr)


def _listing(commit: str, paths: list[str], root: Path) -> list[_Entry]:
    """Every file under `paths` at `commit`: `<mode> <type> <object> <size>\\t<path>\\0`."""
    raw = _git(["ls-tree", "-r", "-l", "-z", commit, "--", *paths], root)
    entries = []
    for record in filter(None, raw.split(b"\0")):
        meta, _, name = record.partition(b"\t")
        mode, kind, oid, size = meta.decode("ascii").split()
        entries.append(_Entry(mode, kind, oid, int(size) if size.isdigit() else None, name))
    return entries


def _contents(oids: list[str], root: Path, ref: str, names: list[bytes]) -> list[bytes]:
    """The contents of blobs, read in one `git cat-file --batch`."""
    if not oids:
        return []
    out = _git(["cat-file", "--batch"], root, stdin="".join(f"{oid}\n" for oid in oids).encode())
    found, position = [], 0
    for name in names:
        end = out.index(b"\n", position)
        header = out[position:end].split()
        if len(header) != 3 or header[1] != b"blob":  # `<oid> missing`: a shallow clone
            raise UsageError("git.object_missing", ref=ref, file=os.fsdecode(name))
        size = int(header[2])
        found.append(out[end + 1:end + 1 + size])
        position = end + 1 + size + 1
    return found


def _safe(name: bytes) -> bool:
    """A path that stays inside the folder it is written to (git itself refuses to check
    out `..`, but a crafted tree may hold one)."""
    return all(part not in (b"", b".", b"..") for part in name.split(b"/"))


def export_revision(ref: str, plan_path: Path, progress_dir: Path, into: Path) -> Exported:
    """Copy the plan and progress files of revision `ref` into `into`.

    A plan outside the repository (the shipped one, say), or one the revision does not
    have, is used as it is now.
    """
    root = repository_root(progress_dir if progress_dir.exists() else Path.cwd())
    commit = _commit(ref, root)
    tree = into / "tree"
    tree.mkdir(parents=True)
    progress_relative = _inside(progress_dir, root)
    plan_relative = _inside(plan_path, root)
    paths = sorted({path for path in (progress_relative, plan_relative) if path is not None})
    warnings: list[Problem] = []
    wanted: list[tuple[_Entry, Path]] = []
    limit = max_file_bytes()
    for entry in _listing(commit, paths, root) if paths else []:
        shown = os.fsdecode(entry.name)
        if not _safe(entry.name):
            warnings.append(Problem(shown, None, None, "git.unsafe_name", {"ref": ref}, "warning"))
            continue
        target = tree / shown
        if entry.kind != "blob" or entry.mode == "120000":
            warnings.append(Problem(shown, None, None, "git.not_a_file", {"ref": ref}, "warning"))
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if entry.size is not None and entry.size > limit:
            with target.open("wb") as handle:  # its size alone: the reader refuses it
                handle.truncate(entry.size)
            continue
        wanted.append((entry, target))
    contents = _contents([entry.oid for entry, _ in wanted], root, ref,
                         [entry.name for entry, _ in wanted])
    for (_, target), content in zip(wanted, contents, strict=True):
        target.write_bytes(content)
    progress = tree / progress_relative if progress_relative is not None else into / "progress"
    plan = tree / plan_relative if plan_relative is not None else plan_path
    if not (plan.exists() or plan.is_symlink()):
        plan = plan_path  # the plan is new since `ref`: compare with today's plan
    return Exported(plan, progress, warnings)
