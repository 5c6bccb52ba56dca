"""Validate a located YAML tree with a pydantic model; map errors back to file:line:col."""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Callable
from typing import Any, TypeVar, Union

from pydantic import BaseModel, ValidationError

from wuhai_green.core.problems import MAX_PROBLEMS_PER_FILE, MORE_PROBLEMS, Problem
from wuhai_green.load.reading import Located
from wuhai_green.model.marks import PathKey

ModelT = TypeVar("ModelT", bound=BaseModel)


def validate(model: type[ModelT], located: Located) -> tuple[ModelT | None, list[Problem]]:
    """The model built from the file, or None and every problem pydantic found."""
    if not isinstance(located.value, dict):
        key = ("schema.not_a_mapping_list" if isinstance(located.value, list)
               else "schema.not_a_mapping_scalar")
        return None, [located.problem((), key)]
    try:
        return model.model_validate(located.value), []
    except ValidationError as error:
        details = error.errors(include_url=False)
        if len(details) > MAX_PROBLEMS_PER_FILE:
            return None, _first_of_many(model, located, details)
        problems = [_problem(model, located, detail) for detail in details]
        return None, _unique(problems)


def _first_of_many(model: type[BaseModel], located: Located, details: list[Any]
                   ) -> list[Problem]:
    """The first problems of a file in file order, as many as a file lists, and one
    counting the rest exactly (issue 11 §3): each error placed by a look-up of its mark,
    and only those listed made into problems, so that a hundred thousand bad values cost
    about what as many good ones do."""
    marks = located.marks
    placed = []
    for index, detail in enumerate(details):
        loc = detail["loc"]
        if "[key]" in loc:
            loc = tuple(part for part in loc if part != "[key]")
        mark = marks.get(loc)
        if mark is None:  # a missing field: its mapping
            mark = marks.get(loc[:-1])
        if mark is None:  # a union's tag in the path: the full way
            problem = _problem(model, located, detail)
            line, column = problem.line or 0, problem.column or 0
        else:
            line, column = mark.line, mark.column
        placed.append((line, column, index))
    placed.sort()
    seen: set[tuple[Any, ...]] = set()
    problems: list[Problem] = []
    more = 0
    for line, column, index in placed:
        detail = details[index]
        loc = detail["loc"]
        context = detail.get("ctx")
        same = (line, column, detail["type"], loc[-1] if loc else None,
                repr(context) if context else None)  # what makes two errors one problem
        if same in seen:
            continue
        seen.add(same)
        if len(problems) < MAX_PROBLEMS_PER_FILE:
            problems.append(_problem(model, located, detail))
        else:
            more += 1
    problems = _unique(problems)
    if more:
        problems.append(Problem(located.file, None, None, MORE_PROBLEMS,
                                {"count": more, "errors": more}))
    return problems


def _unique(problems: list[Problem]) -> list[Problem]:
    seen: set[tuple[Any, ...]] = set()
    kept = []
    for problem in problems:
        key = (problem.line, problem.column, problem.key, tuple(sorted(problem.params.items())))
        if key not in seen:
            seen.add(key)
            kept.append(problem)
    return kept


def _data_path(value: Any, loc: PathKey) -> PathKey:
    """The path in the data of a pydantic location: union tags (such as the `expo` of
    ('activities', 2, 'expo', 'title')) name no key in the data and are dropped."""
    path: list[str | int] = []
    for position, part in enumerate(loc):
        last = position == len(loc) - 1
        if isinstance(value, dict) and part not in value and not last:
            continue
        path.append(part)
        if isinstance(value, dict):
            value = value.get(part)
        elif isinstance(value, list) and isinstance(part, int) and part < len(value):
            value = value[part]
        else:
            value = None
    return tuple(path)


def _problem(model: type[BaseModel], located: Located, detail: Any) -> Problem:
    model_loc: PathKey = tuple(part for part in detail["loc"] if part != "[key]")
    loc = _data_path(located.value, model_loc)
    kind: str = detail["type"]
    context = dict(detail.get("ctx") or {})
    field = str(loc[-1]) if loc else ""
    if kind == "missing":
        return located.problem(loc[:-1], "schema.missing", field=field)
    if kind == "union_tag_invalid":
        return located.problem((*loc, "type"), "schema.one_of", field="type",
                               value=context.get("tag"), expected=context.get("expected_tags"))
    if kind == "union_tag_not_found":
        return located.problem(loc, "schema.missing", field=str(context.get("discriminator",
                                                                            "type")).strip("'"))
    if kind == "extra_forbidden":
        allowed = sorted(_allowed_keys(model, model_loc[:-1]))
        close = difflib.get_close_matches(field, allowed, n=1, cutoff=0.6)
        if close:
            return located.problem(loc, "schema.unknown_key_hint", at_key=True, key=field, hint=close[0])
        return located.problem(
            loc, "schema.unknown_key", at_key=True, key=field, allowed=", ".join(allowed)
        )
    if kind.startswith("wuhai_"):
        return located.problem(loc, "field." + kind.removeprefix("wuhai_"), field=field, **context)
    if kind == "literal_error":
        return located.problem(
            loc, "schema.one_of", field=field, value=detail.get("input"),
            expected=context.get("expected", ""),
        )
    if kind in ("list_type", "dict_type", "model_type", "model_attributes_type"):
        key = "schema.wrong_shape_list" if kind == "list_type" else "schema.wrong_shape_mapping"
        return located.problem(loc, key, field=field)
    return located.problem(loc, "schema.other", field=field, detail=detail.get("msg", kind))


_FORBIDDING: dict[tuple[type[BaseModel], PathKey], frozenset[str] | None] = {}


def refused_keys(model: type[BaseModel]) -> Callable[[PathKey, Any], bool]:
    """Whether `model` refuses a key in the mapping at a path of its file (a model that
    forbids extras, not naming it): for the reader, which then skips what stands under it.
    Looked up once a shape of path (list positions alike)."""

    def refused(path: PathKey, key: Any) -> bool:
        shape = tuple(0 if isinstance(part, int) else part for part in path)
        known = _FORBIDDING.get((model, shape), ())
        if known == ():
            known = _forbidding(model, shape)
            _FORBIDDING[(model, shape)] = known
        return known is not None and key not in known

    return refused


def _forbidding(model: type[BaseModel], path: PathKey) -> frozenset[str] | None:
    """The keys the model at `path` allows, if it forbids every other; else None."""
    annotation: Any = model
    for part in path:
        annotation = _step(annotation, part)
        if annotation is None:
            return None
    annotation = _strip(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel) \
            and annotation.model_config.get("extra") == "forbid":
        return frozenset(info.alias or name for name, info in annotation.model_fields.items())
    return None


def _allowed_keys(model: type[BaseModel], path: PathKey) -> set[str]:
    """The keys the model accepts at `path` (for a "did you mean" hint)."""
    annotation: Any = model
    for part in path:
        annotation = _step(annotation, part)
        if annotation is None:
            return set()
    annotation = _strip(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return {info.alias or name for name, info in annotation.model_fields.items()}
    return set()


def _strip(annotation: Any) -> Any:
    """Remove Annotated and Optional wrappers."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            options = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
            if len(options) != 1:
                return annotation
            annotation = options[0]
        else:
            return annotation


def _step(annotation: Any, part: str | int) -> Any:
    annotation = _strip(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        for name, info in annotation.model_fields.items():
            if part in (name, info.alias):
                return info.annotation
        return None
    origin = typing.get_origin(annotation)
    if origin in (Union, types.UnionType):  # a tagged union: the part is the tag
        for option in typing.get_args(annotation):
            fields = getattr(option, "model_fields", {})
            tag = fields.get("type")
            if tag is not None and part in typing.get_args(tag.annotation):
                return option
        return None
    if origin is list and isinstance(part, int):
        return typing.get_args(annotation)[0]
    if origin is dict:
        return typing.get_args(annotation)[1]
    return None
