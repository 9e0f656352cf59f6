"""A Static whose text the app wraps itself, by the kinsoku rule of ``linebreak``.

Textual wraps Chinese at any character, so a line of the stage guide could begin with
``：`` and ``（ECN）`` came apart. This widget keeps the unwrapped content, wraps it to
its own width (again on every resize) and hands Textual lines that already fit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual.content import Content
from textual.widgets import Static

from facilitator.tui.linebreak import break_offsets

if TYPE_CHECKING:
    from typing import Unpack

    from textual.visual import VisualType

    from facilitator.tui.widgets.widget_args import StaticArgs


HANGING = ("・", "- ")
"""Lines starting with these (bullets) continue under the text, not under the bullet."""


def wrap_content(content: Content, width: int, hang: int = 0) -> Content:
    """``content`` with its lines broken to ``width`` cells by the kinsoku rule; with
    ``hang``, a line indented by spaces continues ``hang`` cells further in (a list whose
    entries are told apart by their indent)."""
    if width <= 0:
        return content
    out: list[Content] = []
    for line in content.split("\n"):
        plain = line.plain
        indent = next((cell_len(b) for b in HANGING if plain.startswith(b)), 0)
        if hang and not indent and plain.startswith(" ") and plain.strip():
            indent = min(len(plain) - len(plain.lstrip(" ")) + hang, width // 2)
        first = break_offsets(plain, width)
        if not first:
            out.append(line)
            continue
        head, rest = line.divide([first[0]])[:2]
        pieces = [head]
        for part in rest.divide(break_offsets(rest.plain, max(1, width - indent))):
            pieces.append(Content(" " * indent) + part if indent else part)
        out += [p.rstrip() for p in pieces[:-1]] + pieces[-1:]  # the spaces a line broke at
    return Content("\n").join(out)


class Wrapped(Static):
    """Static text wrapped by the app (see module doc); ``update`` takes Content or str."""

    def __init__(self, content: VisualType = "", *, hang: int = 0, **kwargs: Unpack[StaticArgs]) -> None:
        super().__init__(content, **kwargs)
        self._raw = content if isinstance(content, Content) else Content(str(content))
        self._wrapped_at = -1
        self.hang = hang
        """See ``wrap_content``."""

    def update(self, content: VisualType = "", *, layout: bool = True) -> None:
        self._raw = content if isinstance(content, Content) else Content(str(content))
        self._wrapped_at = -1
        self._rewrap(layout)

    def _rewrap(self, layout: bool = True) -> None:
        width = self.content_region.width if self.is_mounted else 0
        if width == self._wrapped_at:
            return
        self._wrapped_at = width
        super().update(wrap_content(self._raw, width, self.hang), layout=layout)

    def on_resize(self) -> None:
        self._rewrap()
