"""Output formats: one module per format, listed once in `RENDERERS`.

A renderer module is imported only when its format is used, so `wuhai --help` loads
neither rich nor matplotlib. A new format is one module and one line here.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Literal, NamedTuple

if TYPE_CHECKING:
    from wuhai_green.show.render.base import Renderer

Kind = Literal["page", "problems", "check", "report"]


class RendererSpec(NamedTuple):
    module: str  # wuhai_green.show.render.<module> defines RENDERER
    kinds: frozenset[Kind]  # what the format can show


RENDERERS: dict[str, RendererSpec] = {
    "table": RendererSpec("to_terminal", frozenset({"page", "problems", "check"})),
    "json": RendererSpec("to_json", frozenset({"page", "problems", "check"})),
    "csv": RendererSpec("to_csv", frozenset({"page", "problems", "check"})),
    "xlsx": RendererSpec("to_xlsx", frozenset({"page", "report"})),
    "markdown": RendererSpec("to_markdown", frozenset({"page", "problems", "check", "report"})),
    "github": RendererSpec("to_github", frozenset({"problems", "check"})),
    "gitlab": RendererSpec("to_gitlab", frozenset({"problems", "check"})),
    "html": RendererSpec("to_html", frozenset({"report"})),
}


def formats_for(kind: Kind) -> list[str]:
    """The formats that can show a kind of output, in the order of `RENDERERS`."""
    return [name for name, spec in RENDERERS.items() if kind in spec.kinds]


def renderer(name: str) -> Renderer:
    module = importlib.import_module(f"wuhai_green.show.render.{RENDERERS[name].module}")
    found: Renderer = module.RENDERER
    return found
