"""DataTable helpers shared by the ledgers, the board and the meeting list: fill a table so
that what was just edited is drawn in full, and read the key of the row under the cursor."""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import DataTable

from facilitator.tui.strings import tr


def fill(table: DataTable[Text], lang: str, columns: list[tuple[str, list[Text]]], keys: list[str]) -> None:
    """Rebuild a table's columns and rows, each column sized here to its widest cell.

    Auto-width columns only ever grow, and only once the table is idle: a row edited
    in a modal form was then drawn cut to the old width when the screen came back (the
    DataTable keeps that rendering in its caches). The cursor stays on its row number.
    """
    cursor = table.cursor_row
    table.clear(columns=True)
    for col_key, cells in columns:
        label = tr(lang, col_key)
        table.add_column(label, key=col_key, width=max([cell_len(label), *(c.cell_len for c in cells)]))
    for key, *cells in zip(keys, *(cells for _, cells in columns), strict=True):
        table.add_row(*cells, key=key)
    if keys:
        table.move_cursor(row=min(max(cursor, 0), len(keys) - 1))


def cursor_key(table: DataTable[Any]) -> str | None:
    """The key of the row under the cursor, or None in an empty table."""
    if not table.row_count:
        return None
    return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
