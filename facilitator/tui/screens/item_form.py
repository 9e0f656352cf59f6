"""Editing and deleting an obstacle, decision or open question in place.

Like the other forms, both screens commit through the service themselves and close
only when the commit succeeded: on an error the form stays open with the text still
in it. What the user typed is shown as literal text (never markup).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Static

from facilitator.model import Item, UserError
from facilitator.tui.errors import guarded
from facilitator.tui.keys import CONFIRM_KEYS, bindings
from facilitator.tui.screens.forms import Form
from facilitator.tui.strings import tr

if TYPE_CHECKING:
    from facilitator.service import Service


class ItemForm(Form):
    """One text field; Ctrl+S saves through ``Service.update_item``."""

    def __init__(self, service: Service, lang: str, item: Item, kind: str) -> None:
        super().__init__(service, lang, tr(lang, f"form_{kind}"))
        self.item = item
        self.kind = kind

    def fields(self) -> ComposeResult:
        yield self.label("f_text")
        yield Input(self.item.text, compact=True, id="text")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def commit(self) -> Item:
        text = " ".join(self.value("text").split())
        if not text:
            raise UserError(tr(self.lang, "err_text"))
        assert self.item.id is not None
        self.service.update_item(self.item.id, text)
        return Item(text=text, id=self.item.id)


class ConfirmDeleteItem(ModalScreen[Item | None]):
    """Asks before deleting; y (or the Delete button) deletes through ``Service.delete_item``.

    Cancel has the focus, so a stray Enter never deletes anything.
    """

    KEYS = CONFIRM_KEYS
    BINDINGS = bindings(KEYS, "zh")
    DEFAULT_CLASSES = "form-screen"

    def __init__(self, service: Service, lang: str, item: Item, kind: str) -> None:
        super().__init__()
        self.service = service
        self.lang = lang
        self.item = item
        self.kind = kind

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="form") as box:
            box.border_title = tr(self.lang, "confirm_title")
            sep = "：" if self.lang == "zh" else ": "
            line = Text(f"{tr(self.lang, f'kind_{self.kind}')}{sep}", style="bold")
            line.append(self.item.text)
            yield Static(line, id="confirm-text", markup=False)
            yield Static(tr(self.lang, "confirm_hint"), id="confirm-hint", markup=False)
            with Horizontal(id="form-buttons"):
                yield Button(tr(self.lang, "delete_row"), id="delete", variant="error", compact=True)
                yield Button(tr(self.lang, "cancel"), id="cancel", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#cancel", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "delete":
            self.action_confirm()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)

    @guarded
    def action_confirm(self) -> None:
        assert self.item.id is not None
        if self.kind == "responsibility":
            self.service.delete_responsibility(self.item.id)
        else:
            self.service.delete_item(self.item.id)
        self.dismiss(self.item)
