"""The files of a new data repository (`wuhai init`): the CI definitions, the pre-commit
configuration, the READMEs and the progress template, from the text templates kept in the
package (`wuhai_green/data/init/`) and the plan.

A template's placeholders are `@@name` (GitHub's `${{ }}` and the shell's `$VAR` stay as
they are); every one must be filled in.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from wuhai_green.model.plan import Area
from wuhai_green.show.display import Display
from wuhai_green.show.templates import report_path, template_text

PACKAGE = "wuhai_green"  # the package name, and the distribution's with a dash
DISTRIBUTION = "wuhai-green"


class _Template(string.Template):
    delimiter = "@@"


@dataclass(frozen=True)
class Tool:
    """The wuhai-green a data repository installs: this version, from the package index or
    from a git repository at the tag `v{version}`."""

    version: str
    repository: str | None = None  # a URL, or a local path (a clone, as in the tests)

    @property
    def tag(self) -> str:
        return f"v{self.version}"

    @property
    def requirement(self) -> str:
        """What `pip install` is given."""
        if self.repository is None:
            return f"{DISTRIBUTION}=={self.version}"
        return f"{DISTRIBUTION} @ git+{pip_url(self.repository)}@{self.tag}"

    @property
    def hook_repository(self) -> str | None:
        """The `repo:` of the pre-commit configuration (a local path made absolute)."""
        if self.repository is None:
            return None
        return self.repository if is_url(self.repository) else str(Path(self.repository).resolve())


def is_url(text: str) -> bool:
    return "://" in text or (text.startswith("git@") and ":" in text)


def pip_url(repository: str) -> str:
    """A git repository as pip's `git+` wants it: scp-like `git@host:path` as ssh, a local
    path as a file URI."""
    if "://" in repository:
        return repository
    if repository.startswith("git@"):
        host, _, path = repository.partition(":")
        return f"ssh://{host}/{path}"
    return Path(repository).resolve().as_uri()


def _template(name: str) -> str:
    return (resources.files(PACKAGE) / "data" / "init" / name).read_text(encoding="utf-8")


def _filled(name: str, values: dict[str, str]) -> str:
    return _Template(_template(name)).substitute(values)


def _bilingual(name: str, show: Display, values: dict[str, str]) -> str:
    """A README in both languages, the chosen one first."""
    order = ("zh", "en") if show.lang == "zh" else ("en", "zh")
    return "\n".join(_filled(f"{name}.{lang}.md", values) for lang in order)


def reporting_year(show: Display, today_year: int) -> int:
    """The year a report is written for now: this year, kept within the plan period."""
    period = show.plan.data.period
    return min(max(today_year, period.start), period.end)


def example_district(show: Display) -> tuple[Area, str]:
    """The district the READMEs and the template take as their example, and its alias."""
    example = show.plan.districts[0]
    return example, example.aliases[0] if example.aliases else example.name


def files(show: Display, plan_text: str, tool: Tool, today_year: int) -> dict[str, str]:
    """Every file of the new repository, by its path relative to the repository's root."""
    plan, document = show.plan, show.plan.data.document
    year = reporting_year(show, today_year)
    example, alias = example_district(show)
    values = {
        "version": tool.version,
        "requirement": tool.requirement,
        "tool_repo": tool.hook_repository or "",
        "lang": show.lang,
        "city": plan.root.name,
        "city_en": plan.root.en or plan.root.name,
        "title": document.title,
        "title_en": document.title_en or document.title,
        "issuer": document.issuer,
        "issuer_en": document.issuer_en or document.issuer,
        "year": str(year),
        "alias": alias,
        "district": example.name,
        "district_en": example.en or example.name,
        "districts": show.join([f"{d.name} ({', '.join(d.aliases)})" if d.aliases else d.name
                                for d in plan.districts]),
    }
    progress = Path("data") / "progress"
    template_name = report_path(example, year, progress).name
    return {
        "README.md": _bilingual("README", show, values),
        ".gitattributes": _filled("gitattributes", values),
        ".editorconfig": _filled("editorconfig", values),
        ".pre-commit-config.yaml": _filled(
            "pre-commit-index.yaml" if tool.repository is None else "pre-commit-git.yaml", values),
        ".github/workflows/progress.yml": _filled("workflow.yml", values),
        ".gitlab-ci.yml": _filled("gitlab-ci.yml", values),
        "data/plan.yaml": plan_text,
        "data/progress/README.md": _bilingual("progress-README", show, values),
        "data/progress/_template.yaml": show.tr("init.template_head", name=template_name,
                                                year=year, alias=alias)
        + template_text(show, example, year),
    }
