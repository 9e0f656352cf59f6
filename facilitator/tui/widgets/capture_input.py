"""The quick-capture box: every line exactly once, in order, at any typing speed.

Textual's ``Input`` submits on Enter through a key *binding*, and bindings are only
looked up once the key event has bubbled from the input to the app. By then the input
has already handled the keys that followed Enter in the same burst, so a fast typist's
next line was glued onto the line being submitted (and the prefix-based clearing that
followed repeated it). This input handles Enter itself, in its own key handler, so the
line it hands over is exactly the text in the box when that Enter arrived: the keys
after it are still waiting in the same queue.

The line is committed synchronously by the ``commit`` callback (one SQLite transaction,
a few milliseconds) before the box is cleared; if the commit fails the text stays in the
box. A paste of several lines is committed the same way, as one batch, in order.
Textual's own ``Input`` keeps only the first line of a paste and drops the rest.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.widgets import Input

from facilitator.tui.widgets.field import run_own_binding

NEWLINE_KEYS = frozenset({"enter", "ctrl+j", "ctrl+m"})
"""Enter as terminals send it (CR), and LF from a paste without bracketed-paste mode."""

Commit = Callable[[list[str]], bool]
"""Records the lines in order; True once committed, False (after telling the user) if not."""


def split_lines(text: str) -> list[str]:
    """Pasted text as lines, whatever the line ends (CRLF from Windows, CR from old Macs)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


class CaptureInput(Input):
    """An ``Input`` whose Enter and pastes go straight to ``commit``, in order."""

    def __init__(self, commit: Commit, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._commit = commit
        self.pending: list[str] = []
        """Lines of a paste whose commit failed; they go first on the next Enter."""

    # Textual calls the handler of every class in the MRO until one prevents the default,
    # so these handle only what they own and leave everything else to ``Input``'s own.

    async def _on_key(self, event: events.Key) -> None:
        if event.key in NEWLINE_KEYS:
            event.stop()
            event.prevent_default()
            self.submit_lines([self.value])
        else:
            await run_own_binding(self, event)

    def _on_paste(self, event: events.Paste) -> None:
        lines = split_lines(event.text)
        if len(lines) == 1:
            return
        event.stop()
        event.prevent_default()
        start, end = sorted(self.selection)
        lines[0] = self.value[:start] + lines[0]
        lines[-1] = lines[-1] + self.value[end:]
        self.submit_lines(lines)

    def submit_lines(self, lines: list[str]) -> bool:
        """Commit ``pending`` then ``lines`` (blank ones skipped); clear the box only after.

        On failure the last line goes back into the box and the earlier ones wait in
        ``pending``, so nothing typed or pasted is dropped.
        """
        batch = [*self.pending, *(line for line in lines if line.strip())]
        if not batch:
            return False
        if self._commit(batch):
            self.pending = []
            self.value = ""
            return True
        *self.pending, last = batch
        if self.value != last:
            self.value = last
            self.cursor_position = len(last)
        return False

    def unsent(self) -> list[str]:
        """Everything typed or pasted but not committed yet, in order."""
        return [*self.pending, *([self.value] if self.value.strip() else [])]
