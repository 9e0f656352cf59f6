"""DataTable helpers shared by the ledgers, the board and the meeting list: fill a table so
that what was just edited is drawn in full, fit its columns to the table's width, and read
the key of the row under the cursor."""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.widgets import DataTable

from facilitator.tui.strings import tr

FLEX_COLUMNS = ("col_action", "col_item", "col_text", "col_basis", "col_title", "col_meeting", "col_customer",
                "col_reason")
"""Columns of free text that give way when a table is too narrow. The short columns
(owner, status, due, id, date) are what the room checks at a glance and stay whole."""
MIN_FLEX = 6
"""A flexible column is never narrower than this many cells (3 characters of Chinese)."""


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


def fill(table: DataTable[Text], lang: str, columns: list[tuple[str, list[Text]]], keys: list[str]) -> None:
    """Rebuild a table's columns and rows, each column sized here to its widest cell, and
    the free-text columns cut (with an ellipsis) so a row fits the table's width.

    Auto-width columns only ever grow, and only once the table is idle: a row edited
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
    if width > 0:
        room = width - 2 * table.cell_padding * len(columns) - 1  # DataTable keeps a cell for its cursor edge
    widths = column_widths(natural, room)
    while room is not None and sum(widths.values()) > room + 2 * table.cell_padding * (len(columns) - len(widths)):
        # still too wide with every text column at its narrowest: the last text column
        # gives up its place (its text is in the row shown whole on focus)
        flex = [k for k, _ in columns if k in FLEX_COLUMNS and k in widths]
        if len(flex) < 2:
            break
        del widths[flex[-1]]
        natural.pop(flex[-1])
        widths = column_widths(natural, room + 2 * table.cell_padding * (len(columns) - len(widths)))
    every = columns
    columns = [(k, cells) for k, cells in columns if k in widths]
    for col_key, _ in columns:
        table.add_column(cut(Text(labels[col_key]), widths[col_key]), key=col_key, width=widths[col_key])
    for key, *cells in zip(keys, *(cells for _, cells in every), strict=True):
        if any(k not in widths or c.cell_len > widths[k] for (k, _), c in zip(every, cells, strict=True)):
            table._full_rows[key] = "  ".join(c.plain for c in cells if c.plain)  # type: ignore[attr-defined]
        table.add_row(*(cut(c, widths[k]) for (k, _), c in zip(every, cells, strict=True) if k in widths), key=key)
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


def show_cut_row(detail: Any, table: DataTable[Any]) -> None:
    """Show the row under the cursor whole in ``detail`` (a Static under the table) while the
    table has focus and ``fill`` had to cut that row; hide ``detail`` otherwise. The ledgers
    and the carried-over panel read a cut row this way, with no tooltip to wait for."""
    text = full_row_text(table) if table.has_focus else ""
    detail.display = bool(text)
    detail.update(Text(text))


def full_row_text(table: DataTable[Any]) -> str:
    """The whole text of the row under the cursor when ``fill`` had to cut it, else ""."""
    key = cursor_key(table)
    return "" if key is None else getattr(table, "_full_rows", {}).get(key, "")


def cursor_key(table: DataTable[Any]) -> str | None:
    """The key of the row under the cursor, or None in an empty table."""
    if not table.row_count:
        return None
    return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
