"""Editing and deleting an obstacle, decision or open question in place.

Like the other forms, both screens commit through the record use case themselves and close
only when the commit succeeded: on an error the form stays open with the text still
in it. What the user typed is shown as literal text (never markup).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Select, Static

from facilitator.capture import resolve_date
from facilitator.model import Item, Lever, Meeting, Removed, UserError
from facilitator.obstacles import KINDS, kind_label
from facilitator.tui.errors import guarded
from facilitator.tui.keys import CONFIRM_KEYS, bindings
from facilitator.tui.screens.forms import Form, FormFrame
from facilitator.tui.strings import tr
from facilitator.tui.widgets.field import FieldInput

if TYPE_CHECKING:
    from facilitator.record import Record


class ItemForm(Form):
    """One text field (and, for an obstacle, its kind); Ctrl+S saves through the record."""

    def __init__(self, record: Record, lang: str, item: Item, kind: str) -> None:
        super().__init__(lang, tr(lang, f"form_{kind}"))
        self.record = record
        self.item = item
        self.kind = kind

    def fields(self) -> ComposeResult:
        yield self.label("f_text")
        yield FieldInput(self.item.text, compact=True, id="text")
        if self.kind == "obstacle":
            yield self.label("f_obstacle_kind")
            options = [(kind_label(k, self.lang), k) for k in KINDS]
            yield Select(options, value=self.item.kind or KINDS[-1], allow_blank=False, compact=True, id="kind")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def commit(self) -> Item:
        text = " ".join(self.value("text").split())
        if not text:
            raise UserError(tr(self.lang, "err_text"))
        assert self.item.id is not None
        self.record.update_item(self.item.id, text)
        kind = self.item.kind
        if self.kind == "obstacle":
            kind = self.record.set_obstacle_kind(self.item.id, str(self.query_one("#kind", Select).value))
        return Item(text=text, id=self.item.id, kind=kind)


class LeverForm(Form):
    """A lever's resource, holder, what it solves for them, owner, due date and obstacle.
    Saved through ``Record.save_lever``: giving it an owner makes it a tracked action."""

    def __init__(self, record: Record, lang: str, meeting: Meeting, lever: Lever) -> None:
        super().__init__(lang, tr(lang, "form_lever"))
        self.record = record
        self.meeting = meeting
        self.lever = lever

    def fields(self) -> ComposeResult:
        lv = self.lever
        for key, value, field_id in (
            ("f_resource", lv.resource, "resource"), ("f_holder", lv.holder or "", "holder"),
            ("f_presolves", lv.presolves or "", "presolves"), ("f_lever_owner", lv.owner or "", "owner"),
            ("f_lever_due", lv.due.isoformat() if lv.due else "", "due"),
        ):
            yield self.label(key)
            yield FieldInput(value, compact=True, id=field_id)
        yield self.label("f_lever_obstacle")
        options = [(o.text[:60], o.id) for o in self.meeting.obstacles if o.id is not None]
        yield Select(options, value=lv.obstacle_id if lv.obstacle_id in {o[1] for o in options} else Select.BLANK,
                     prompt=tr(self.lang, "lever_no_obstacle"), compact=True, id="obstacle")

    def commit(self) -> Lever:
        resource = " ".join(self.value("resource").split())
        if not resource:
            raise UserError(tr(self.lang, "err_resource"))
        due_text = self.value("due").strip()
        due = resolve_date(due_text, self.meeting.date) if due_text else None
        if due_text and due is None:
            raise UserError(tr(self.lang, "err_lever_date", value=due_text))
        chosen = self.query_one("#obstacle", Select).value
        edited = Lever(
            resource=resource, obstacle_id=chosen if isinstance(chosen, int) else None,
            holder=self.value("holder"), presolves=self.value("presolves"), owner=self.value("owner"),
            due=due, action_id=self.lever.action_id, id=self.lever.id,
        )
        assert self.meeting.id is not None
        return self.record.save_lever(self.meeting.id, edited, in_meeting=self.meeting.id)


class ConfirmDeleteItem(ModalScreen[Item | None]):
    """Asks before deleting; y (or the Delete button) deletes through ``Record.delete_item``.

    Cancel has the focus, so a stray Enter never deletes anything.
    """

    KEYS = CONFIRM_KEYS
    BINDINGS = bindings(KEYS, "zh")
    DEFAULT_CLASSES = "form-screen"

    def __init__(self, record: Record, lang: str, item: Item, kind: str) -> None:
        super().__init__()
        self.record = record
        self.lang = lang
        self.item = item
        self.kind = kind
        self.removed: Removed | None = None
        """What the delete took, once confirmed: the meeting screen's Ctrl+Z puts it back."""

    def compose(self) -> ComposeResult:
        with FormFrame(id="form") as box:
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
            self.removed = self.record.delete_responsibility(self.item.id)
        else:
            self.removed = self.record.delete_item(self.item.id)
        self.dismiss(self.item)
