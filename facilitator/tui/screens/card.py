"""The case-card reader: a past case as Markdown, opened from the similar-cases panel.

Its own module so that the Markdown widget (and its parser) loads only when a card
is first opened, not before the first frame.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Markdown

from facilitator.tui.keys import MODAL_KEYS, Key, bindings


class CardScreen(ModalScreen[None]):
    """A case card rendered as Markdown; c cites it, Esc closes."""

    KEYS = (*MODAL_KEYS, Key("cite_case", "c", "cite", "cite_case"))
    BINDINGS = bindings(KEYS, "zh")
    DEFAULT_CLASSES = "modal-reader"

    def __init__(self, markdown: str, title: str, on_cite: object = None) -> None:
        super().__init__()
        self.markdown = markdown
        self.card_title = title
        self.on_cite = on_cite

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="reader") as box:
            box.border_title = Content(self.card_title)  # a card's title is user text
            yield Markdown(self.markdown, id="card", open_links=False)
        yield Footer(compact=True, show_command_palette=False)  # c and Esc, in the card's language

    def action_close(self) -> None:
        self.dismiss(None)

    def action_cite(self) -> None:
        if callable(self.on_cite):
            self.on_cite()
