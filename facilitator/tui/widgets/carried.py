"""Tracked actions: the table the actions board and a meeting's carried-over panel share.

The next meeting on an order starts from what is still owed, so its convene stage
shows the outstanding actions of earlier meetings (``Meeting.carried_actions``) with
the same keys as the actions board: x done, b blocked (asks why), d dropped (asks
why), u new due date, o reopen, Enter edits. Every change goes through the ``followup``
use case (with ``in_meeting`` when made during a meeting, so the history says where),
then the table posts ``Changed`` and its owner reloads. A change that needs a form
(a reason, a date, the whole row) is asked for with ``FormWanted``: the screen that
holds the table opens the form (``screens/tracked_forms.py``), since a widget never
imports a screen.
Cells are ``rich.text.Text``: action texts and names are typed by users, never markup.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable, Static

from facilitator.model import OUTSTANDING, Action, MissingReason, UserError, chase_order
from facilitator.tui.errors import guarded
from facilitator.tui.keys import TRACK_KEYS, bindings, localized
from facilitator.tui.strings import tr
from facilitator.tui.widgets.field import parse_date
from facilitator.tui.widgets.tables import FitColumns, cursor_key, fill, show_cut_row

if TYPE_CHECKING:
    from typing import Unpack

    from textual import events

    from facilitator.followup import Followup
    from facilitator.tui.widgets.widget_args import WidgetArgs

MARKS = {"open": "☐", "done": "☑", "blocked": "⊘", "dropped": "✗"}
STATUS_STYLES = {"done": "green", "blocked": "bold magenta", "dropped": "dim"}


def status_cell(a: Action, lang: str) -> Text:
    return Text(f"{MARKS.get(a.status, '?')} {tr(lang, a.status)}", style=STATUS_STYLES.get(a.status, ""))


def owner_cell(a: Action, lang: str) -> Text:
    return Text(a.owner) if a.owner else Text(tr(lang, "nobody"), style="bold yellow")


def due_cell(a: Action, lang: str, today: date) -> Text:
    if a.due is None:
        return Text(tr(lang, "no_due"), style="italic")
    if a.is_overdue(today):
        days = (today - a.due).days
        return Text(f"{a.due.isoformat()} {tr(lang, 'overdue_days', days=days)}", style="bold red")
    return Text(a.due.isoformat(), style="dim" if a.status not in OUTSTANDING else "")


def short_due_cell(a: Action, lang: str, today: date) -> Text:
    """The due date without its year when it is this year's: beside the stage guide on 80
    columns the full ``2026-11-18 逾期 13 天`` pushed the status off the panel."""
    cell = due_cell(a, lang, today)
    if a.due is not None and a.due.year == today.year:
        cell = Text(cell.plain.replace(a.due.isoformat(), a.due.strftime("%m-%d"), 1), style=cell.style)
    return cell


def action_cell(a: Action, lang: str) -> Text:
    text = Text(a.action, style="strike dim" if a.status in ("done", "dropped") else "")
    if a.reason and Action.needs_reason(a.status):
        text.append(f"  {tr(lang, 'reason_label', reason=a.reason)}", style="italic magenta")
    return text


def board_order(actions: Sequence[Action], today: date, by_owner: bool = False) -> list[Action]:
    """The board's rows in the ledger's order (``model.chase_order``)."""
    return chase_order(list(actions), today, by_owner)


COLUMNS: dict[str, Callable[[Action, str, date], Text]] = {
    "col_status": lambda a, lang, today: status_cell(a, lang),
    "col_owner": lambda a, lang, today: owner_cell(a, lang),
    "col_due": due_cell,
    "col_due_short": short_due_cell,
    "col_action": lambda a, lang, today: action_cell(a, lang),
    "col_meeting": lambda a, lang, today: Text(a.meeting_title or (f"#{a.meeting_id}" if a.meeting_id else "")),
    "col_order": lambda a, lang, today: Text(a.order),
}


class TrackedActions(FitColumns, DataTable[Text]):
    """Actions with their status; the keys change them through the ``followup`` use case."""

    KEYS = TRACK_KEYS
    BINDINGS = bindings(KEYS, "zh")

    class Changed(Message):
        """An action was changed and committed: reload it."""

        def __init__(self, action_id: int) -> None:
            super().__init__()
            self.action_id = action_id

    class FormWanted(Message):
        """The user asked for a change that needs a form: ``what`` is ``edit`` (the whole
        row), ``due``, ``blocked`` or ``dropped`` (a reason). The screen opens it."""

        def __init__(self, table: TrackedActions, action: Action, what: str) -> None:
            super().__init__()
            self.table, self.action, self.what = table, action, what

    class Highlighted(Message):
        def __init__(self, action: Action | None) -> None:
            super().__init__()
            self.action = action

    def __init__(
        self,
        followup: Followup,
        lang: str,
        today: Callable[[], date],
        *,
        columns: Sequence[str] = ("col_status", "col_owner", "col_due", "col_action", "col_meeting"),
        in_meeting: int | None = None,
        **kwargs: Unpack[WidgetArgs],
    ) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.followup = followup
        self.lang = lang
        self.today = today
        self.column_keys = tuple(columns)
        self.in_meeting = in_meeting
        self.rows_by_key: dict[str, Action] = {}
        self.tooltip = tr(lang, "board_tooltip")

    def on_mount(self) -> None:
        if not self.columns:
            self.show([])

    def show(self, actions: Sequence[Action], columns: Sequence[str] | None = None, follow: bool = False) -> None:
        """Rebuild rows (in the given order). The cursor stays on the same row, so after
        marking one action the next is under it; ``follow`` keeps it on the same action
        instead (after regrouping).

        Columns are sized to their widest cell (see ``tables.fill``).
        """
        if columns is not None:
            self.column_keys = tuple(columns)
        current = self.selected()
        today = self.today()
        self.rows_by_key = {str(a.id): a for a in actions}
        fill(self, self.lang, [(c, [COLUMNS[c](a, self.lang, today) for a in actions]) for c in self.column_keys],
             list(self.rows_by_key))
        if not actions:
            return
        ids = [a.id for a in actions]
        if follow and current is not None and current.id in ids:
            self.move_cursor(row=ids.index(current.id))

    def selected(self) -> Action | None:
        key = cursor_key(self)
        return None if key is None else self.rows_by_key.get(key)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self.post_message(self.Highlighted(self.rows_by_key.get(str(event.row_key.value))))

    # -- changes --------------------------------------------------------------------------

    def _changed(self, action: Action, message: str) -> None:
        assert action.id is not None
        self.post_message(self.Changed(action.id))
        self.notify(message, markup=False)

    def set_status(self, action: Action, status: str, reason: str | None = None) -> Action:
        """Commit a status change (reason required for blocked and dropped)."""
        assert action.id is not None
        try:
            reason = Action.reason_for(status, reason)
        except MissingReason:
            raise UserError(tr(self.lang, "err_reason", status=tr(self.lang, status))) from None
        return self.followup.update(action.id, status=status, reason=reason, in_meeting=self.in_meeting)

    def set_due_date(self, action: Action, text: str) -> Action:
        assert action.id is not None
        due = parse_date(text, self.lang, ref=self.today())
        return self.followup.update(action.id, due=due, clear_due=due is None, in_meeting=self.in_meeting)

    @guarded
    def action_mark_done(self) -> None:
        action = self.selected()
        if action is not None and action.status != "done":
            self._changed(self.set_status(action, "done"), tr(self.lang, "action_done"))

    @guarded
    def action_reopen(self) -> None:
        action = self.selected()
        if action is not None and action.status != "open":
            self._changed(self.set_status(action, "open"), tr(self.lang, "action_reopened"))

    @guarded
    def action_block(self) -> None:
        self._want("blocked")

    @guarded
    def action_drop(self) -> None:
        self._want("dropped")

    @guarded
    def action_set_due(self) -> None:
        self._want("due")

    def _want(self, what: str) -> None:
        action = self.selected()
        if action is not None:
            self.post_message(self.FormWanted(self, action, what))

    def after_form(self, saved: Action | None, what: str) -> None:
        """What the screen calls with the form's result: say what changed and reload."""
        if saved is None:
            return
        if what == "due":
            due = saved.due.isoformat() if saved.due else tr(self.lang, "no_due")
            self._changed(saved, tr(self.lang, "due_changed", due=due))
        else:
            done = {"blocked": "action_blocked", "dropped": "action_dropped"}.get(what, "row_saved")
            self._changed(saved, tr(self.lang, done))

    @guarded
    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        action = self.rows_by_key.get(str(event.row_key.value))
        if action is not None:
            self.post_message(self.FormWanted(self, action, "edit"))


CARRIED_COLUMNS = ("col_status", "col_owner", "col_due_short", "col_action", "col_meeting")
"""Status, owner and due whole (overdue items must show), then the text, cut to fit: beside
the stage guide on 80 columns there is room for little more (the panel's title says the
actions come from earlier meetings)."""


class CarriedPanel(Vertical):
    """Outstanding actions from earlier meetings on the same order, in the convene stage."""

    def __init__(self, followup: Followup, lang: str, meeting_id: int, today: Callable[[], date],
                 **kwargs: Unpack[WidgetArgs]) -> None:
        super().__init__(**kwargs)
        self.followup = followup
        self.lang = lang
        self.meeting_id = meeting_id
        self.today = today
        self.display = False

    def compose(self) -> ComposeResult:
        yield Static(id="carried-title", markup=False)
        yield localized(TrackedActions, self.lang)(
            self.followup, self.lang, self.today, in_meeting=self.meeting_id, id="carried-table",
            columns=CARRIED_COLUMNS,
        )
        yield Static(id="carried-detail", markup=False)

    # a row cut to fit beside the stage guide is shown whole under the table while it has focus
    def on_tracked_actions_highlighted(self, event: TrackedActions.Highlighted) -> None:
        show_cut_row(self.query_one("#carried-detail", Static), self.table)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        show_cut_row(self.query_one("#carried-detail", Static), self.table)

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        # decided by where the focus is now (a blur may arrive after the next focus)
        show_cut_row(self.query_one("#carried-detail", Static), self.table)

    @property
    def table(self) -> TrackedActions:
        return self.query_one(TrackedActions)

    def show(self, actions: Sequence[Action], visible: bool = True) -> None:
        """Show ``actions`` (the meeting's ``carried_actions``); hidden when there are none."""
        self.display = bool(actions) and visible
        if not actions:
            return
        owed = sum(1 for a in actions if a.status in OUTSTANDING)
        self.query_one("#carried-title", Static).update(
            Content.styled(tr(self.lang, "carried_title", open=owed), "bold $warning")
        )
        self.table.show(board_order(actions, self.today()))
        show_cut_row(self.query_one("#carried-detail", Static), self.table)
