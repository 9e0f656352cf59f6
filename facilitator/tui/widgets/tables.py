"""DataTable helpers shared by the ledgers, the board and the meeting list: fill a table so
that what was just edited is drawn in full, fit its columns to the table's width, and read
the key of the row under the cursor."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.widgets import DataTable

from facilitator.tui.strings import tr

if TYPE_CHECKING:
    from textual.widgets import Static

CellT = TypeVar("CellT")
"""A DataTable's cell type: the helpers below read only keys and the cursor."""

FLEX_COLUMNS = ("col_action", "col_item", "col_text", "col_basis", "col_title", "col_meeting", "col_customer",
                "col_reason")
"""Columns of free text that give way when a table is too narrow. The short columns
(owner, status, due, id, date) are what the room checks at a glance and stay whole."""
MIN_FLEX = 6
"""A flexible column is never narrower than this many cells (3 characters of Chinese)."""
MAIN_COLUMNS = ("col_action", "col_item", "col_text", "col_title")
"""The column that says what a row is about (the action, the item); the first one present
is the table's main column, which must show at least ``MIN_MAIN`` cells."""
MIN_MAIN = 22
"""Ten characters of Chinese and the ellipsis of a cut: less and an action cannot be told from the next."""
GIVE_WAY = ("col_basis", "col_meeting", "col_order", "col_customer", "col_status")
"""Columns dropped, in this order, before the main column is cut below ``MIN_MAIN``;
what they held stays in the row shown whole under the table (and in a stacked row)."""


def cut(text: Text, width: int) -> Text:
    """``text`` cut to ``width`` cells, ending in an ellipsis when it was cut."""
    if text.cell_len <= width:
        return text
    out = text.copy()
    out.truncate(width, overflow="ellipsis")
    return out


def column_widths(natural: dict[str, int], room: int | None) -> dict[str, int]:
    """Width of each column: its widest cell, unless the row would exceed ``room`` cells;
    then the flexible columns share what the fixed ones leave, the narrow ones keeping
    their natural width and the widest ones cut (never below ``MIN_FLEX``)."""
    widths = dict(natural)
    if room is None or sum(widths.values()) <= room:
        return widths
    flex = [k for k in FLEX_COLUMNS if k in widths]
    if not flex:
        return widths
    left = room - sum(w for k, w in widths.items() if k not in flex)
    pending = sorted(flex, key=lambda k: natural[k])
    while pending:
        share = max(MIN_FLEX, left // len(pending))
        key = pending.pop(0)
        widths[key] = min(natural[key], share) if pending else max(MIN_FLEX, min(natural[key], left))
        left -= widths[key]
    return widths


def _main_column(keys: list[str]) -> str | None:
    return next((k for k in MAIN_COLUMNS if k in keys), None)


def plan_columns(natural: dict[str, int], room: int | None, padding: int) -> dict[str, int] | None:
    """Widths of the columns to show, or None when the rows must stack.

    The columns fit as ``column_widths`` shares them out; when that leaves the main column
    narrower than ``MIN_MAIN`` (and than its text), the ``GIVE_WAY`` columns are dropped one
    by one; when even that is not enough, None: each row becomes two lines."""
    main = _main_column(list(natural))
    natural = dict(natural)

    def fitted() -> dict[str, int]:
        extra = padding * (len(natural) - 1)
        return column_widths(natural, None if room is None else room - extra)

    widths = fitted()
    if room is None or main is None:
        return widths
    need = min(natural[main], MIN_MAIN)
    for key in GIVE_WAY:
        if widths[main] >= need and sum(widths.values()) + padding * (len(widths) - 1) <= room:
            return widths
        if key in natural and key != main:
            natural.pop(key)
            widths = fitted()
    if widths[main] >= need and sum(widths.values()) + padding * (len(widths) - 1) <= room:
        return widths
    return None


def stacked_cells(columns: list[tuple[str, list[Text]]], labels: dict[str, str], width: int,
                  ) -> tuple[Text, list[Text], list[bool]]:
    """One column of two-line rows: the main text on the first line, the other columns on
    the second (the kept ones first, the ``GIVE_WAY`` ones after them), each cut to
    ``width``. Returns the header, the cells and whether each was cut."""
    keys = [k for k, _ in columns]
    main = _main_column(keys) or keys[-1]
    rest = [k for k in keys if k != main and k not in GIVE_WAY] + [k for k in GIVE_WAY if k in keys and k != main]
    by_key = dict(columns)
    header = Text(labels[main])
    header.append("  " + " · ".join(labels[k] for k in rest), style="dim")
    cells, was_cut = [], []
    for i, first in enumerate(by_key[main]):
        second = Text("  ").join(c for c in (by_key[k][i] for k in rest) if c.plain)
        cells.append(Text("\n").join([cut(first, width), cut(second, width)]))
        was_cut.append(first.cell_len > width or second.cell_len > width)
    return cut(header, width), cells, was_cut


def fill(table: DataTable[Text], lang: str, columns: list[tuple[str, list[Text]]], keys: list[str]) -> None:
    """Rebuild a table's columns and rows, each column sized here to its widest cell, and
    the free-text columns cut (with an ellipsis) so a row fits the table's width.

    The main column (the action, the item) keeps at least ten characters: the less
    important columns (basis, status, meeting) give way first, and when that is not
    enough each row stacks on two lines, the main text above and owner, due and the rest
    below. Auto-width columns only ever grow, and only once the table is idle: a row edited
    in a modal form was then drawn cut to the old width when the screen came back (the
    DataTable keeps that rendering in its caches). The cursor stays on its row number.
    Widths are display widths (``cell_len``: a Chinese character counts two).
    """
    table._fill_args = (lang, columns, keys)  # type: ignore[attr-defined]  # for FitColumns
    table._full_rows = {}  # type: ignore[attr-defined]
    cursor = table.cursor_row
    table.clear(columns=True)
    labels = {key: tr(lang, key) for key, _ in columns}
    natural = {key: max([cell_len(labels[key]), *(c.cell_len for c in cells)]) for key, cells in columns}
    room = None
    width = table.scrollable_content_region.width if table.is_mounted else 0
    # the width these columns fit: a table refilled in a hidden tab (no width) is fitted
    # again when its tab is shown, even at the width it had the time before
    table._fitted_width = width  # type: ignore[attr-defined]
    if width > 0:
        room = width - 2 * table.cell_padding - 1  # DataTable keeps a cell for its cursor edge
    widths = plan_columns(natural, room, 2 * table.cell_padding)
    every = columns
    if widths is None and room is not None:
        header, stacked, was_cut = stacked_cells(columns, labels, room)
        table.add_column(header, key="stacked", width=room)
        for key, cell, cell_cut, *cells in zip(keys, stacked, was_cut, *(cells for _, cells in every),
                                               strict=True):
            if cell_cut:
                table._full_rows[key] = "  ".join(c.plain for c in cells if c.plain)  # type: ignore[attr-defined]
            table.add_row(cell, key=key, height=2)
    else:
        widths = widths or natural
        columns = [(k, cells) for k, cells in columns if k in widths]
        for col_key, _ in columns:
            table.add_column(cut(Text(labels[col_key]), widths[col_key]), key=col_key, width=widths[col_key])
        for key, *cells in zip(keys, *(cells for _, cells in every), strict=True):
            if any(k not in widths or c.cell_len > widths[k] for (k, _), c in zip(every, cells, strict=True)):
                table._full_rows[key] = "  ".join(c.plain for c in cells if c.plain)  # type: ignore[attr-defined]
            table.add_row(*(cut(c, widths[k]) for (k, _), c in zip(every, cells, strict=True) if k in widths),
                          key=key)
    if keys:
        table.move_cursor(row=min(max(cursor, 0), len(keys) - 1))


class FitColumns:
    """Mixed into a DataTable filled with ``fill``: refit the columns when its width changes."""

    _fitted_width = -1

    def on_resize(self, event: events.Resize) -> None:
        table: Any = self
        args = getattr(table, "_fill_args", None)
        width = table.scrollable_content_region.width
        if args is not None and width != self._fitted_width:
            self._fitted_width = width
            fill(table, *args)


def show_cut_row(detail: Static, table: DataTable[CellT]) -> None:
    """Show the row under the cursor whole in ``detail`` (a Static under the table) while the
    table has focus and ``fill`` had to cut that row; hide ``detail`` otherwise. The ledgers
    and the carried-over panel read a cut row this way, with no tooltip to wait for."""
    text = full_row_text(table) if table.has_focus else ""
    detail.display = bool(text)
    detail.update(Text(text))


def full_row_text(table: DataTable[CellT]) -> str:
    """The whole text of the row under the cursor when ``fill`` had to cut it, else ""."""
    key = cursor_key(table)
    return "" if key is None else getattr(table, "_full_rows", {}).get(key, "")


def cursor_key(table: DataTable[CellT]) -> str | None:
    """The key of the row under the cursor, or None in an empty table."""
    if not table.row_count:
        return None
    return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
