"""Fixtures for every test, and the Hypothesis profiles.

Every test runs without the WUHAI_* variables and the job summary of the developer's shell
(the loaders read WUHAI_MAX_FILE_MB, the CLI the rest), and with a cache folder of its own.
Hypothesis runs the `dev` profile (a quarter of the examples) unless the environment has
CI=true, which loads `ci` (the full counts); `--hypothesis-profile` chooses one explicitly.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from tests.harness import CI_EXAMPLES, DEV_EXAMPLES, PLAN, REPO, Plan, real_plan

settings.register_profile("ci", max_examples=CI_EXAMPLES, deadline=None)
settings.register_profile("dev", max_examples=DEV_EXAMPLES, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") == "true" else "dev")


@pytest.fixture(autouse=True)
def _no_wuhai_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith("WUHAI_") or name == "GITHUB_STEP_SUMMARY":
            monkeypatch.delenv(name)


@pytest.fixture(autouse=True, scope="session")
def _cache_of_the_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """A cache folder for what module fixtures run before any test's own (a report made
    once per module): never the user's."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache-session")))
        yield


@pytest.fixture(autouse=True)
def _cache_of_the_test(tmp_path_factory: pytest.TempPathFactory,
                       monkeypatch: pytest.MonkeyPatch) -> None:
    """The register cache of every run goes to a folder of the test's own, never the user's
    (`$XDG_CACHE_HOME/wuhai-green`; child processes inherit it): every test that runs a
    command twice also runs it from the cache."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The test's own empty folder as the working folder (relative paths start there)."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def plan_path() -> Path:
    return PLAN


@pytest.fixture(scope="session")
def plan() -> Plan:
    return real_plan()
