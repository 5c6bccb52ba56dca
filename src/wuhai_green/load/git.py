"""git: the plan and progress files as they were at a revision (for `wuhai diff`), the
root of a repository (CI annotations name files from it), `git init` (for `wuhai init`).

git is used only through a subprocess; the files of a revision are copied into a
temporary folder and loaded like any others.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from wuhai_green.core.problems import UsageError


def _git(args: list[str], cwd: Path) -> bytes:
    try:
        result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False,
                                timeout=60)
    except FileNotFoundError:
        raise UsageError("git.missing") from None
    except subprocess.TimeoutExpired:
        raise UsageError("git.failed", command=" ".join(args), reason="timeout") from None
    if result.returncode != 0:
        reason = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError("git.failed", command="git " + " ".join(args),
                         reason=reason[-1] if reason else result.returncode)
    return result.stdout


def repository_root(start: Path) -> Path:
    folder = start if start.is_dir() else start.parent
    folder = folder.resolve() if folder.exists() else Path.cwd()
    try:
        top = _git(["rev-parse", "--show-toplevel"], folder)
    except UsageError:
        raise UsageError("git.not_a_repository", folder=folder) from None
    return Path(top.decode("utf-8").strip())


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


def export_revision(ref: str, plan_path: Path, progress_dir: Path, into: Path) -> tuple[Path, Path]:
    """Copy the plan and progress files of revision `ref` into `into`; return their paths.

    A plan outside the repository (the shipped one, say) is used as it is now.
    """
    root = repository_root(progress_dir if progress_dir.exists() else Path.cwd())
    try:
        _git(["rev-parse", "--verify", "--quiet", ref + "^{commit}"], root)
    except UsageError:
        raise UsageError("git.unknown_revision", ref=ref) from None
    progress_out = into / "progress"
    progress_out.mkdir(parents=True)
    relative = _inside(progress_dir, root)
    if relative is not None:
        listing = _git(["ls-tree", "-r", "-z", "--name-only", ref, "--", relative], root)
        for name in filter(None, listing.decode("utf-8").split("\0")):
            target = progress_out / Path(name).relative_to(relative)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(_git(["show", f"{ref}:{name}"], root))
    plan_relative = _inside(plan_path, root)
    if plan_relative is None:
        return plan_path, progress_out
    plan_out = into / "plan.yaml"
    try:
        plan_out.write_bytes(_git(["show", f"{ref}:{plan_relative}"], root))
    except UsageError:  # the plan is new since `ref`: compare with today's plan
        return plan_path, progress_out
    return plan_out, progress_out
