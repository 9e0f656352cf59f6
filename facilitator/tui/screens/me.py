"""On first run, who is using this home: ``[me] name``, asked once.

Every capture and edit records who made it (issue 28), so the app needs the user's name
before the first line is typed. One box, the name typed and Enter, or Esc to be asked
again next time; nothing else on the screen waits for it. The screen only returns the
name: the app saves it through the service.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static

from facilitator.tui.keys import MODAL_KEYS, bindings
from facilitator.tui.strings import tr
from facilitator.tui.widgets.field import FieldInput


class AskName(ModalScreen[str | None]):
    """The user's name, or None when they chose to be asked later (Esc)."""

    KEYS = MODAL_KEYS
    BINDINGS = bindings(KEYS, "zh")
    DEFAULT_CLASSES = "form-screen"

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(id="form") as box:
            box.border_title = tr(self.lang, "me_title")
            yield Static(tr(self.lang, "me_hint"), id="confirm-hint", markup=False)  # "[me]" is a table name
            yield FieldInput(placeholder=tr(self.lang, "me_placeholder"), id="me-name", compact=True)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#me-name", Input).focus()

    @on(Input.Submitted, "#me-name")
    def submitted(self, event: Input.Submitted) -> None:
        name = " ".join(event.value.split())
        if name:
            self.dismiss(name)

    def action_close(self) -> None:
        self.dismiss(None)
