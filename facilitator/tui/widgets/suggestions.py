"""The suggestions list beside the ledger: what the extractor understood from what was said
or written, each waiting for the facilitator. ``a`` accepts (it is recorded as the typed line
would be, with its quote), ``e`` or Enter opens the ledger's own form on it first, ``x`` or
Delete dismisses it. The widget only says what was asked (messages); the meeting screen does it.

Short columns first (kind, owner, due), the text last, as in the other ledgers; the quote of
the row under the cursor is shown whole under the tabs while the list has focus.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.message import Message
from textual.widgets import DataTable

from facilitator.model import Suggestion
from facilitator.tui.keys import SUGGESTION_KEYS, bindings
from facilitator.tui.strings import tr
from facilitator.tui.widgets.tables import FitColumns, cursor_key, fill

if TYPE_CHECKING:
    from typing import Unpack

    from facilitator.tui.widgets.widget_args import WidgetArgs


KIND_STYLES = {"action": "bold", "responsibility": "cyan", "decision": "bold green", "obstacle": "bold yellow",
               "question": "bold cyan", "lever": "green"}


def kind_text(kind: str, lang: str) -> Text:
    label = tr(lang, f"kind_{kind}").lstrip("└ ").strip()
    return Text(label, style=KIND_STYLES.get(kind, ""))


def quote_text(s: Suggestion, lang: str) -> Text:
    """``王强（销售）：「老周那边我今天下午就打电话。」`` — who said it and the words, whole."""
    sep = "：" if lang == "zh" else ": "
    line = Text(f"{tr(lang, 'suggestion_quote')}{sep}", style="bold")
    if s.speaker:
        line.append(f"{s.speaker}{sep}", style="dim")
    line.append(f"「{s.quote}」" if lang == "zh" else f"\u201c{s.quote}\u201d")
    return line


class SuggestionsTable(FitColumns, DataTable[Text]):
    """Pending suggestions: a accepts, e (Enter) edits then accepts, x (Delete) dismisses."""

    KEYS = SUGGESTION_KEYS
    BINDINGS = bindings(KEYS, "zh")

    class AcceptRequested(Message):
        def __init__(self, suggestion: Suggestion) -> None:
            super().__init__()
            self.suggestion = suggestion

    class EditRequested(Message):
        def __init__(self, suggestion: Suggestion) -> None:
            super().__init__()
            self.suggestion = suggestion

    class DismissRequested(Message):
        def __init__(self, suggestion: Suggestion) -> None:
            super().__init__()
            self.suggestion = suggestion

    def __init__(self, lang: str, **kwargs: Unpack[WidgetArgs]) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.lang = lang
        self.rows_by_key: dict[str, Suggestion] = {}
        self.tooltip = tr(lang, "suggestions_tooltip")

    def on_mount(self) -> None:
        if not self.columns:
            self.show([])

    def show(self, items: list[Suggestion]) -> None:
        t = self.lang
        self.rows_by_key = {str(s.id): s for s in items}
        fill(self, t, [
            ("col_kind_short", [kind_text(s.captured.kind, t) for s in items]),
            ("col_owner", [Text(s.captured.owner or "—", style="" if s.captured.owner else "dim") for s in items]),
            ("col_due", [Text(s.captured.due.isoformat() if s.captured.due else "—",
                              style="" if s.captured.due else "dim") for s in items]),
            ("col_text", [Text(s.captured.text) for s in items]),
        ], list(self.rows_by_key))

    def selected(self) -> Suggestion | None:
        key = cursor_key(self)
        return None if key is None else self.rows_by_key.get(key)

    def action_accept_suggestion(self) -> None:
        s = self.selected()
        if s is not None:
            self.post_message(self.AcceptRequested(s))

    def action_dismiss_suggestion(self) -> None:
        s = self.selected()
        if s is not None:
            self.post_message(self.DismissRequested(s))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        s = self.rows_by_key.get(str(event.row_key.value))
        if s is not None:
            self.post_message(self.EditRequested(s))
