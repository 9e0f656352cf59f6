"""The actions board (F8 from anywhere): every follow-up across meetings, until delivery.

Overdue first, then by due date; g groups by owner instead, f keeps only what is
still owed, p only one owner's actions and w only those one person wrote down (``[me]
name``, as ``actions --owner`` and ``--by`` on the command line; F1 lists both keys). The table's keys change the selected action through the ``followup`` use case
(x done, b blocked, d dropped, u new date, o reopen, Enter edits) and the board then
reloads from the service, so what is shown is always what is stored. Below the table,
the selected action's status history and every message that carried it. s previews
and sends the row's order's follow-ups, r today's reminders, and Ctrl+E, offered on
overdue or blocked rows, asks the owner's manager for a decision. "Today" is the
app's injectable ``today``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, Literal

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from facilitator.model import OUTSTANDING, Action, ActionEvent
from facilitator.tui.errors import WorkerErrors, guarded
from facilitator.tui.keys import BOARD_KEYS, TRACK_KEYS, bindings, localized
from facilitator.tui.screens.outbox import log_content
from facilitator.tui.screens.tracked_forms import TrackedForms
from facilitator.tui.strings import tr
from facilitator.tui.widgets.carried import TrackedActions, board_order
from facilitator.tui.widgets.keybar import WrappingFooter
from facilitator.tui.widgets.tables import full_row_text

if TYPE_CHECKING:
    from facilitator.followup import Followup
    from facilitator.record import Record

BY_DUE = ("col_status", "col_due", "col_owner", "col_action", "col_meeting", "col_order")
BY_OWNER = ("col_owner", "col_status", "col_due", "col_action", "col_meeting", "col_order")


def event_line(e: ActionEvent, lang: str) -> Content:
    """One history entry: when, what changed, and in which meeting."""
    parts = [tr(lang, f"ev_{e.kind}")]
    if e.kind in ("created", "status", "edit"):
        parts.append(tr(lang, e.status))
    if e.kind in ("created", "due") or e.due is not None:
        parts.append(e.due.isoformat() if e.due else tr(lang, "no_due"))
    text = " · ".join(parts)
    if e.reason:
        text += " · " + tr(lang, "reason_label", reason=e.reason)
    where = tr(lang, "ev_in_meeting", id=e.meeting_id) if e.meeting_id else ""
    gap = "" if lang == "zh" else " "  # （会议 #1） needs no space before it
    return Content.assemble((f"{e.at[:16].replace('T', ' ')}  ", "$text-muted"), text, (f"{gap}{where}", "$text-muted"))


def history_content(action: Action, events: list[ActionEvent], lang: str, whole_row: str = "") -> Content:
    """The action's history under a heading; ``whole_row`` (the row as the table had to cut
    it, every cell whole) heads it instead, so a cut row is read here without a tooltip."""
    lines = [Content.styled(tr(lang, "history_title", action=whole_row or action.action), "bold $accent")]
    lines += [event_line(e, lang) for e in events] or [Content.styled(tr(lang, "none_here"), "$text-muted")]
    return Content("\n").join(lines)


class ActionsBoard(TrackedForms, WorkerErrors, Screen[None]):
    """All actions across meetings; opened by ``FacilitatorApp.action_actions_board``."""

    KEYS = BOARD_KEYS
    HELP_KEYS = (*BOARD_KEYS, *TRACK_KEYS)
    """What the help screen lists here: the board's keys and the table's."""
    BINDINGS = bindings(KEYS, "zh")

    def __init__(self, followup: Followup, record: Record, lang: str, today: Callable[[], date] = date.today) -> None:
        super().__init__()
        self.followup = followup
        self.record = record
        """For the form that edits a whole row (``TrackedForms``)."""
        self.lang = lang
        self.today = today
        self.by_owner = False
        self.outstanding_only = False
        self.owner: str | None = None
        """Only this owner's actions (``p``); None: everyone's."""
        self.author: str | None = None
        """Only the actions this person wrote down (``w``); None: whoever wrote them."""
        self.actions: list[Action] = []

    def compose(self) -> ComposeResult:
        yield Static(id="board-title", markup=False)
        yield localized(TrackedActions, self.lang)(self.followup, self.lang, self.today, columns=BY_DUE,
                                                   id="board-table")
        yield Static(tr(self.lang, "board_empty"), id="board-empty", markup=False)
        with VerticalScroll(id="board-history-box"):
            yield Static(id="board-history", markup=False)
        yield WrappingFooter(show_command_palette=False)  # every key, on two lines at 80 columns

    def on_mount(self) -> None:
        self.reload()
        self.table.focus()

    @property
    def table(self) -> TrackedActions:
        return self.query_one("#board-table", TrackedActions)

    @guarded
    def reload(self, follow: bool = False) -> None:
        """Re-read every action from the service and show them in board order."""
        today = self.today()
        self.actions = board_order(self.followup.actions(open_only=self.outstanding_only, owner=self.owner,
                                                         by=self.author), today, by_owner=self.by_owner)
        self.table.show(self.actions, BY_OWNER if self.by_owner else BY_DUE, follow=follow)
        owed = sum(1 for a in self.actions if a.status in OUTSTANDING)
        overdue = sum(1 for a in self.actions if a.is_overdue(today))
        t = self.lang
        bits = [
            tr(t, "board_by_owner" if self.by_owner else "board_by_due"),
            tr(t, "outstanding_only" if self.outstanding_only else "board_all"),
            *([tr(t, "board_owner_is", name=self.owner)] if self.owner else []),
            *([tr(t, "board_author_is", name=self.author)] if self.author else []),
            tr(t, "board_counts", n=len(self.actions), open=owed, overdue=overdue),
            tr(t, "board_today", date=today.isoformat()),
        ]
        self.query_one("#board-title", Static).update(
            Content.assemble((tr(t, "actions_board"), "bold $accent"), ("  " + " · ".join(bits), "$text-muted"))
        )
        self.query_one("#board-empty").display = not self.actions
        self.show_history(self.table.selected())

    def show_history(self, action: Action | None) -> None:
        box = self.query_one("#board-history", Static)
        self.refresh_bindings()  # escalate is offered on overdue and blocked rows only
        if action is None or action.id is None:
            box.update("")
            return
        selected = self.table.selected()
        whole = full_row_text(self.table) if selected is not None and selected.id == action.id else ""
        history = history_content(action, self.followup.history(action.id), self.lang, whole)
        sent = self.followup.sent(action.id)
        labels = self.followup.channel_labels(self.lang)
        box.update(Content("\n\n").join([history, log_content(sent, self.lang, labels)]) if sent else history)

    @on(TrackedActions.Highlighted)
    @guarded
    def highlighted(self, event: TrackedActions.Highlighted) -> None:
        self.show_history(event.action)

    def stuck(self) -> Action | None:
        """The selected action if it is overdue today or blocked: what escalation is for."""
        # Textual asks a board being closed about its keys once more, after its table is gone
        tables = self.query("#board-table").results(TrackedActions) if self.is_mounted else iter(())
        table = next(tables, None)
        action = table.selected() if table is not None else None
        if action is None or not (action.status == "blocked" or action.is_overdue(self.today())):
            return None
        return action

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "escalate":
            return self.stuck() is not None
        return True

    @guarded
    def action_escalate(self) -> None:
        action = self.stuck()
        if action is None or action.id is None:
            self.notify(tr(self.lang, "not_escalatable"), severity="warning", markup=False)
            return
        plan = self.followup.plan_escalation(action.id, as_of=self.today())
        app: Any = self.app
        app.preview_send(plan, tr(self.lang, "send_title_escalate", action=action.action))

    @on(TrackedActions.Changed)
    def changed(self, event: TrackedActions.Changed) -> None:
        self.reload()

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self.reload()

    def selected_order(self) -> str:
        action = self.table.selected()
        return action.order if action is not None else ""

    def action_group_by(self) -> None:
        self.by_owner = not self.by_owner
        self.reload(follow=True)

    def action_outstanding_only(self) -> None:
        self.outstanding_only = not self.outstanding_only
        self.reload(follow=True)

    @guarded
    def action_filter_owner(self) -> None:
        self._pick("owner")

    @guarded
    def action_filter_author(self) -> None:
        self._pick("author")

    def _pick(self, field: Literal["owner", "author"]) -> None:
        """Offer the people the ledger names in ``field``, with how many actions each has."""
        from facilitator.tui.screens.pick import PickPerson

        counts = Counter(name for a in self.followup.actions(open_only=self.outstanding_only)
                         if (name := getattr(a, field)))
        if not counts:
            self.notify(tr(self.lang, f"no_{field}s"), markup=False)
            return
        people = dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))

        def chosen(name: str | None) -> None:
            if name is None:
                return
            setattr(self, field, name or None)
            self.reload(follow=True)

        title = tr(self.lang, f"pick_{field}_title")
        self.app.push_screen(localized(PickPerson, self.lang)(title, people, getattr(self, field), self.lang), chosen)

    def action_close(self) -> None:
        self.dismiss(None)
