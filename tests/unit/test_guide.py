"""The filling-in guide (docs/填报指南.md) stays true: every certificate type, activity kind
and field of the models is in it, with the Chinese words the plan accepts for each."""

from __future__ import annotations

import pytest
from pydantic import BaseModel

from tests.harness import REPO, real_plan
from wuhai_green.model.progress import (
    ACTIVITY_MODELS,
    CertificateEntry,
    EndedEntry,
    FailedBatch,
    ProgressFile,
)

GUIDE = (REPO / "docs" / "填报指南.md").read_text(encoding="utf-8")
MODELS: list[type[BaseModel]] = [ProgressFile, CertificateEntry, EndedEntry, FailedBatch,
                                 *ACTIVITY_MODELS.values()]


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_every_field_of_the_models_is_explained(model: type[BaseModel]) -> None:
    missing = [name for name in model.model_fields if f"`{name}`" not in GUIDE]
    assert missing == []


def test_every_kind_and_type_is_there_with_its_chinese_words() -> None:
    plan = real_plan()
    codes = [*plan.certificate_types, *ACTIVITY_MODELS]
    assert [code for code in codes if f"`{code}`" not in GUIDE] == []
    words = [word for word, code in plan.codes_by_word.items() if word not in GUIDE]
    assert words == []


def test_the_guide_is_linked_from_the_readmes() -> None:
    assert "docs/填报指南.md" in (REPO / "README.md").read_text(encoding="utf-8")
    progress_readme = (REPO / "data" / "progress" / "README.md").read_text(encoding="utf-8")
    assert "填报指南.md" in progress_readme
