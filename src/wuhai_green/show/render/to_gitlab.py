"""GitLab's Code Quality report (`artifacts: reports: codequality:`): the annotations of
`views/ci.py` as a JSON list of issues on the files of the repository; the verdict of the
check, for the job log, on stderr."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from wuhai_green.core.problems import error_count
from wuhai_green.show.render.base import CheckReport, Output, ProblemReport, Renderer
from wuhai_green.show.render.to_json import to_json
from wuhai_green.show.views import ci

# GitLab's severities: info, minor, major, critical, blocker.
SEVERITIES = {"error": "major", "warning": "minor", "notice": "info"}
SEVERITY_OF_RULE = {ci.SETBACK: "critical", ci.FAILED: "blocker"}
# Every issue needs a file: one of no file (a row of the whole city, say, with the shipped
# plan) is placed on the pipeline's own definition, which every GitLab repository has.
UNPLACED = ".gitlab-ci.yml"


def issue(annotation: ci.Annotation) -> dict[str, Any]:
    """One issue; its fingerprint names the rule, the file and the subject, not the numbers,
    so the merge request widget tells a new finding from one that persists."""
    path = annotation.file or UNPLACED
    identity = "\0".join([annotation.rule, path, annotation.subject])
    return {
        "description": annotation.message,
        "check_name": f"wuhai/{annotation.rule}",
        "fingerprint": hashlib.sha256(identity.encode("utf-8")).hexdigest()[:32],
        "severity": SEVERITY_OF_RULE.get(annotation.rule, SEVERITIES[annotation.level]),
        "location": {"path": path, "lines": {"begin": annotation.line or 1}},
    }


def report_text(annotations: list[ci.Annotation]) -> str:
    return to_json([issue(annotation) for annotation in annotations]) + "\n"


class Gitlab(Renderer):
    name = "gitlab"
    machine = True
    in_repository = True

    def problems(self, report: ProblemReport, output: Output) -> None:
        found = ci.problem_annotations(report.problems, output.lang, output.root or Path.cwd())
        if report.check:
            count = error_count(report.problems)
            found.append(ci.bad_data_annotation(count, output.lang))
            output.stderr.write(ci.sentences(ci.bad_data_verdict(count, output.lang),
                                             output.lang) + "\n")
        output.stdout.write(report_text(found))

    def check(self, report: CheckReport, output: Output) -> None:
        output.stdout.write(report_text(ci.check_annotations(report, output.root or Path.cwd())))
        output.stderr.write(ci.sentences(ci.verdict(report), output.lang) + "\n")


RENDERER = Gitlab()
