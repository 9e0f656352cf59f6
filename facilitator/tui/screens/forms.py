"""Modal forms: new meeting, add participant, edit a responsibility or an action, one-line prompts.

Each form commits through the record use case itself and closes only when the commit
succeeded; on an error it stays open with everything the user typed still in it,
and says what is wrong in one notification.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Footer, Input, Label, Select, Static, TextArea

from facilitator.model import (
    ACTION_STATUSES,
    Action,
    MissingReason,
    Participant,
    Responsibility,
    UserError,
)
from facilitator.tui.errors import guarded
from facilitator.tui.keys import DISCARD_KEYS, FORM_KEYS, bindings, localized
from facilitator.tui.strings import tr
from facilitator.tui.widgets.field import FieldInput, FieldTextArea, parse_date

if TYPE_CHECKING:
    from facilitator.record import Record

_SEPARATORS = re.compile(r"\s*[,，、/|;；\t]\s*")


def parse_participants(text: str) -> list[Participant]:
    """``姓名, 部门, 角色`` per line (any of , ， 、 / | ; or a tab between)."""
    people = []
    for line in text.splitlines():
        parts = [p.strip() for p in _SEPARATORS.split(line.strip())]
        if not parts or not parts[0]:
            continue
        parts += ["", ""]
        people.append(Participant(name=parts[0], department=parts[1], role=parts[2]))
    return people


class FormFrame(VerticalScroll):
    """The scrolling frame of a form. Not a Tab stop of its own: it scrolls to whichever
    field has the focus, and as a stop it came after Cancel, between the last field and
    the first (Tab runs top-left to bottom-right, then round again)."""

    can_focus = False


class Form(ModalScreen[Any]):
    """Shared frame: a titled scrolling column of fields, Save and Cancel."""

    KEYS = FORM_KEYS
    BINDINGS = bindings(KEYS, "zh")
    DEFAULT_CLASSES = "form-screen"

    def __init__(self, lang: str, title: str) -> None:
        super().__init__()
        self.lang = lang
        self.form_title = title

    def fields(self) -> ComposeResult:
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        with FormFrame(id="form") as box:
            box.border_title = self.form_title
            yield from self.fields()
            with Horizontal(id="form-buttons"):
                yield Button(tr(self.lang, "save"), id="save", variant="primary", compact=True)
                yield Button(tr(self.lang, "cancel"), id="cancel", compact=True)
        yield Footer()

    def label(self, key: str) -> Label:
        return Label(tr(self.lang, key), classes="field-label", markup=False)

    def on_mount(self) -> None:
        # Focus the first field, not the scrolling frame: typing starts at once.
        fields = self.query("Input, TextArea, Select, Checkbox")
        if fields:
            fields.first().focus()
        self._initial = self.snapshot()

    def snapshot(self) -> list[object]:
        """What every field holds now: Esc compares it with the form as opened."""
        values: list[object] = []
        for widget in self.query("Input, TextArea, Select, Checkbox"):
            values.append(widget.text if isinstance(widget, TextArea) else getattr(widget, "value", None))
        return values

    def changed(self) -> bool:
        return self.snapshot() != getattr(self, "_initial", [])

    def value(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", Input).value

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        """Esc or Cancel: a form with changes asks first, so a stray Esc loses nothing."""
        if not self.changed():
            self.dismiss(None)
            return
        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(localized(ConfirmDiscard, self.lang)(self.lang), answered)

    @guarded
    def action_save(self) -> None:
        self.dismiss(self.commit())

    def commit(self) -> Any:
        raise NotImplementedError


class ConfirmDiscard(ModalScreen[bool]):
    """Asked when a changed form is closed without saving: y discards, n or Esc goes back."""

    KEYS = DISCARD_KEYS
    BINDINGS = bindings(KEYS, "zh")
    DEFAULT_CLASSES = "form-screen"

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def compose(self) -> ComposeResult:
        with FormFrame(id="form") as box:
            box.border_title = tr(self.lang, "discard_title")
            yield Static(tr(self.lang, "discard_hint"), id="confirm-text", markup=False)
            with Horizontal(id="form-buttons"):
                yield Button(tr(self.lang, "discard"), id="discard", variant="error", compact=True)
                yield Button(tr(self.lang, "keep_editing"), id="back", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#back", Button).focus()  # a stray Enter keeps the form

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "discard")

    def action_discard(self) -> None:
        self.dismiss(True)

    def action_back(self) -> None:
        self.dismiss(False)


def example_date(today: date, lang: str) -> str:
    """A deadline example relative to today (two weeks on, and a weekday), written as an
    example so it cannot be taken for a value already filled in."""
    later = today + timedelta(days=14)
    return tr(lang, "date_example", iso=later.isoformat(), md=f"{later.month}月{later.day}日")


class NewMeetingForm(Form):
    """Title, customer, order, date, deadline, goal and participants of a new meeting."""

    def __init__(self, record: Record, lang: str, today: date) -> None:
        super().__init__(lang, tr(lang, "form_new_title"))
        self.record = record
        self.today = today

    def fields(self) -> ComposeResult:
        yield self.label("f_title")
        yield FieldInput(compact=True, id="title")
        yield self.label("f_customer")
        yield FieldInput(compact=True, id="customer")
        yield self.label("f_order")
        yield FieldInput(compact=True, id="order")
        yield self.label("f_date")
        yield FieldInput(self.today.isoformat(), compact=True, id="date")
        yield self.label("f_deadline")
        yield FieldInput(compact=True, id="deadline", placeholder=example_date(self.today, self.lang))
        yield self.label("f_goal")
        yield FieldInput(compact=True, id="goal")
        yield self.label("f_participants")
        yield FieldTextArea(id="participants", soft_wrap=True, show_line_numbers=False, compact=True)

    def commit(self) -> int:
        lang = self.lang
        title = self.value("title").strip()
        if not title:
            raise UserError(tr(lang, "err_title"))
        meeting = self.record.new_meeting(
            title,
            customer=self.value("customer"),
            order=self.value("order"),
            on=(on := parse_date(self.value("date"), lang)),
            deadline=parse_date(self.value("deadline"), lang, ref=on),
            goal=self.value("goal").strip(),
            participants=parse_participants(self.query_one("#participants", TextArea).text),
        )
        assert meeting.id is not None
        return meeting.id


class ParticipantForm(Form):
    def __init__(self, record: Record, lang: str, meeting_id: int) -> None:
        super().__init__(lang, tr(lang, "form_participant"))
        self.record = record
        self.meeting_id = meeting_id

    def fields(self) -> ComposeResult:
        yield self.label("f_name")
        yield FieldInput(compact=True, id="name")
        yield self.label("f_department")
        yield FieldInput(compact=True, id="department")
        yield self.label("f_role")
        yield FieldInput(compact=True, id="role")

    def commit(self) -> Participant:
        if not self.value("name").strip():
            raise UserError(tr(self.lang, "err_name"))
        p = Participant(name=self.value("name"), department=self.value("department"), role=self.value("role"))
        return self.record.add_participant(self.meeting_id, p)


class ResponsibilityForm(Form):
    def __init__(self, record: Record, lang: str, row: Responsibility) -> None:
        super().__init__(lang, tr(lang, "form_responsibility"))
        self.record = record
        self.row = row

    def fields(self) -> ComposeResult:
        yield self.label("f_item")
        yield FieldInput(self.row.item, compact=True, id="item")
        yield self.label("f_owner")
        yield FieldInput(self.row.owner or "", compact=True, id="owner")
        yield self.label("f_basis")
        yield FieldInput(self.row.basis or "", compact=True, id="basis")
        yield Checkbox(tr(self.lang, "f_disputed"), self.row.status == "disputed", id="disputed")

    def commit(self) -> Responsibility:
        disputed = self.query_one("#disputed", Checkbox).value
        r = Responsibility(item=self.value("item"), owner=self.value("owner"), basis=self.value("basis"),
                           status="disputed" if disputed else "agreed", id=self.row.id)
        return self.record.update_responsibility(r)


class ActionForm(Form):
    """Text, owner, due date, status and reason of one action.

    Blocked and dropped need a reason; without one the form says so and stays open
    with everything typed still in it. ``in_meeting`` records in the action's history
    which meeting the change was made in.
    """

    def __init__(self, record: Record, lang: str, row: Action, in_meeting: int | None = None) -> None:
        super().__init__(lang, tr(lang, "form_action"))
        self.record = record
        self.row = row
        self.in_meeting = in_meeting

    def fields(self) -> ComposeResult:
        yield self.label("f_action")
        yield FieldInput(self.row.action, compact=True, id="action")
        yield self.label("f_owner")
        yield FieldInput(self.row.owner or "", compact=True, id="owner")
        yield self.label("f_due")
        yield FieldInput(self.row.due.isoformat() if self.row.due else "", compact=True, id="due")
        yield self.label("f_status")
        yield Select([(tr(self.lang, s), s) for s in ACTION_STATUSES],
                     value=self.row.status, allow_blank=False, compact=True, id="status")
        yield self.label("f_reason")
        yield FieldInput(self.row.reason or "", compact=True, id="reason")

    def commit(self) -> Action:
        status = str(self.query_one("#status", Select).value)
        due = parse_date(self.value("due"), self.lang)
        try:
            reason = Action.reason_for(status, self.value("reason"))
        except MissingReason:
            raise UserError(tr(self.lang, "err_reason", status=tr(self.lang, status))) from None
        a = Action(action=self.value("action"), owner=self.value("owner"),
                   due=due, status=status,  # type: ignore[arg-type]
                   reason=reason, id=self.row.id)
        return self.record.update_action(a, in_meeting=self.in_meeting)


class PromptForm(Form):
    """One line of text (a reason, a date) handed to ``apply``; the form closes only
    when ``apply`` succeeded, so a refused answer stays in the box to be fixed."""

    def __init__(self, lang: str, title: str, label: str,
                 apply: Callable[[str], Any], value: str = "", context: str = "") -> None:
        super().__init__(lang, title)
        self.prompt_label = label
        self.apply = apply
        self.initial = value
        self.context = context

    def fields(self) -> ComposeResult:
        if self.context:
            yield Static(Text(self.context, style="bold"), id="prompt-context")
        yield Label(self.prompt_label, classes="field-label", markup=False)
        yield FieldInput(self.initial, compact=True, id="answer")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def commit(self) -> Any:
        return self.apply(self.value("answer"))
