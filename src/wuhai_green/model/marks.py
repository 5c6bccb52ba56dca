"""Where each value of a file stands: the line and column a message points to."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

PathKey = tuple[str | int, ...]


class Mark(NamedTuple):  # a tuple: cheap to make, one per value of every file
    line: int  # 1-based
    column: int  # 1-based


@dataclass
class Source:
    """A file's name and the place of every value and every mapping key in it."""

    file: str
    marks: dict[PathKey, Mark] = field(default_factory=dict)
    key_marks: dict[PathKey, Mark] = field(default_factory=dict)

    def mark(self, path: PathKey) -> Mark:
        """The place of the value at `path`, or of its longest known prefix."""
        for end in range(len(path), -1, -1):
            found = self.marks.get(path[:end])
            if found is not None:
                return found
        return Mark(1, 1)

    def key_mark(self, path: PathKey) -> Mark:
        return self.key_marks.get(path) or self.mark(path)
