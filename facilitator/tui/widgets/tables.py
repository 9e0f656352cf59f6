"""Filling a DataTable so that what was just edited is drawn in full."""

from __future__ import annotations

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
