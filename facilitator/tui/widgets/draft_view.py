"""How the draft reads on a terminal: tables that do not fit become lists, and paragraphs
wrap where Chinese wraps.

Textual's Markdown widget shrinks every column of a table that is wider than the screen,
so at 80 columns each row of the draft showed ``│ 刘 … │ … │ 2026-1… │``: the action, its
owner and its date all cut. Here a table wider than the view is shown instead as a list,
one item a row: the row's longest cell first, then ``label：value`` for the others. Only
the view changes; the stored, edited and exported draft keeps its tables.

Paragraphs and list items are wrapped by the app's kinsoku rule (``linebreak``), so no
line starts with ``，`` and a case id such as ``supplier-small-order`` is not split.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual.content import Content
from textual.widgets import Markdown
from textual.widgets._markdown import MarkdownParagraph

from facilitator.tui.widgets.wrapped import wrap_content

if TYPE_CHECKING:
    from typing import Unpack

    from textual.await_complete import AwaitComplete

    from facilitator.tui.widgets.widget_args import MarkdownArgs


_SPLIT = re.compile(r"(?<!\\)\|")
_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
EMPTY_CELL = "—"
MAIN_HEADERS = frozenset({"事项", "行动", "障碍", "Item", "Action", "Obstacle"})
"""Headers of the column a row is about (``drafting.render``'s item, action and obstacle
labels; the TUI does not import the drafter, a test checks they agree); it leads the item."""
TABLE_MARGIN = 4
"""Cells a table loses to the view's own margins and scrollbar."""


def _cells(line: str) -> list[str]:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    return [c.strip() for c in _SPLIT.split(inner)]


def table_width(rows: list[list[str]]) -> int:
    """Cells a table needs to show every cell whole: its widest cell per column, plus one
    cell of padding each side and a border between columns."""
    columns = max(len(r) for r in rows)
    widest = [max(cell_len(r[i]) if i < len(r) else 0 for r in rows) for i in range(columns)]
    return sum(widest) + 3 * columns + 1


def table_as_list(header: list[str], body: list[list[str]], lang: str) -> list[str]:
    """The rows of a table as list items: the cell the row is about (the action, the
    item, the obstacle; in another table the longest cell) first, then the other cells with their column names (an empty
    cell, ``—``, is left out)."""
    sep = "：" if lang == "zh" else ": "
    joint = " · "
    lines: list[str] = []
    named = [i for i, h in enumerate(header) if h in MAIN_HEADERS]
    for row in body:
        if not row:
            continue
        main = named[0] if named and named[0] < len(row) else max(range(len(row)), key=lambda i: cell_len(row[i]))
        rest = [f"{header[i] if i < len(header) else ''}{sep}{cell}" for i, cell in enumerate(row)
                if i != main and cell and cell != EMPTY_CELL]
        lines.append(f"- {row[main]}" + (f"\\\n  {joint.join(rest)}" if rest else ""))
    return lines


def fit_tables(markdown: str, width: int, lang: str) -> str:
    """``markdown`` with each table wider than ``width`` cells written as a list."""
    if width <= 0:
        return markdown
    lines = markdown.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.lstrip().startswith("|") and i + 1 < len(lines) and _RULE.match(lines[i + 1].strip()):
            end = i + 2
            while end < len(lines) and lines[end].lstrip().startswith("|"):
                end += 1
            header = _cells(line)
            body = [_cells(row) for row in lines[i + 2:end]]
            if table_width([header, *body]) > width - TABLE_MARGIN:
                out += table_as_list(header, body, lang)
            else:
                out += lines[i:end]
            i = end
            continue
        out.append(line)
        i += 1
    return "\n".join(out)


class KinsokuParagraph(MarkdownParagraph):
    """A Markdown paragraph wrapped by the app's kinsoku rule, again on every resize."""

    _raw: Content | None = None
    _wrapped_at = -1

    def set_content(self, content: Content) -> None:
        self._content = content
        self._raw = content
        self._wrapped_at = -1
        self._rewrap()

    def _rewrap(self) -> None:
        if self._raw is None:
            return
        width = self.content_region.width if self.is_mounted else 0
        if width == self._wrapped_at:
            return
        self._wrapped_at = width
        self.update(wrap_content(self._raw, width))

    def on_resize(self) -> None:
        self._rewrap()


class DraftMarkdown(Markdown):
    """The draft's view: kinsoku paragraphs; ``show`` fits its tables to the width."""

    BLOCKS = {**Markdown.BLOCKS, "paragraph_open": KinsokuParagraph}

    def __init__(self, lang: str, **kwargs: Unpack[MarkdownArgs]) -> None:
        super().__init__(**kwargs)
        self.lang = lang
        self._text = ""
        self._shown: str | None = None

    def show(self, text: str) -> AwaitComplete | None:
        """Show ``text`` (the draft's Markdown) as it fits the current width."""
        self._text = text
        self._shown = None  # a stream may have written into the view since
        return self._refit()

    def _refit(self) -> AwaitComplete | None:
        shown = fit_tables(self._text, self.size.width, self.lang)
        if shown == self._shown:
            return None
        self._shown = shown
        return self.update(shown)

    def on_resize(self) -> None:
        if self._shown is not None:
            self._refit()
