"""A footer that wraps onto a second line instead of cutting its keys off.

Textual's footer is one line: the board offers sixteen keys, and at 80 columns the last
seven (delivery, messages, send, remind, escalate, close, palette) were cut off, on the
screen whose point is to act on the actions. This one lays its keys out in as many
columns as fit the width and lets the rest run onto the next line (two lines at 80
columns, one at 160). The meeting screen's compact footer wraps the same way when its
keys (the cases panel's among them) do not fit, and is Textual's own when they do.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.dom import NoScreen
from textual.widgets import Footer


def columns_that_fit(widths: list[int], room: int) -> int:
    """How many columns of a row-major grid of cells of ``widths`` fit in ``room`` cells
    (each column as wide as its widest cell); at least one."""
    for k in range(len(widths), 0, -1):
        if sum(max(widths[c::k]) for c in range(k)) <= room:
            return k
    return 1


class WrappingFooter(Footer):
    """A footer whose keys wrap onto more lines when they do not fit the width."""

    DEFAULT_CSS = """
    WrappingFooter { layout: grid; grid-columns: auto; height: auto; max-height: 3; }
    """

    def _key_widths(self) -> list[int]:
        seen: dict[str, int] = {}
        for _node, binding, _enabled, _tooltip in self.screen.active_bindings.values():
            if binding.show and binding.action not in seen:
                # key padded by one each side, the description followed by one; compact: the
                # key, a space, the description and a margin of one
                room = 2 if self.compact else 3
                seen[binding.action] = cell_len(self.app.get_key_display(binding)) + cell_len(binding.description) + room
        return list(seen.values())

    def _fit(self) -> None:
        try:
            widths = self._key_widths()
        except NoScreen:  # the board is closing: nothing to lay out
            return
        if widths and self.size.width:
            columns = columns_that_fit(widths, self.size.width)
            if self.compact:
                # all on one line: laid out as Textual's own compact footer (the meeting screen
                # looks as it did); else a grid whose columns are given their widths (under
                # ``auto`` compact keys measure themselves short and their words were cut)
                fits = columns >= len(widths)
                self.styles.layout = "horizontal" if fits else "grid"
                if not fits:
                    self.styles.grid_columns = " ".join(str(max(widths[c::columns])) for c in range(columns))
            self.styles.grid_size_columns = columns
            self.styles.height = -(-len(widths) // columns)

    async def recompose(self) -> None:
        await super().recompose()
        self._fit()

    def on_resize(self, event: events.Resize) -> None:
        self._fit()
