"""The meeting list: where ``facilitator`` with no command starts.

Recent meetings first, with their open actions counted, because the salesperson
comes back here to follow up until the customer has what was promised.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from facilitator.model import Meeting
from facilitator.tui.errors import WorkerErrors, guarded
from facilitator.tui.keys import LIST_KEYS, bindings, localized
from facilitator.tui.screens.forms import NewMeetingForm
from facilitator.tui.strings import tr
from facilitator.tui.widgets.tables import cursor_key, fill

if TYPE_CHECKING:
    from facilitator.followup import Followup
    from facilitator.record import Record


class MeetingListScreen(WorkerErrors, Screen[None]):
    """Meetings, newest first. Enter opens one; n starts a new one."""

    KEYS = LIST_KEYS
    BINDINGS = bindings(KEYS, "zh")

    def __init__(self, record: Record, followup: Followup, lang: str, today: Callable[[], date] = date.today) -> None:
        super().__init__()
        self.record = record
        self.followup = followup
        self.lang = lang
        self.today = today

    def compose(self) -> ComposeResult:
        yield Static(Content.styled(tr(self.lang, "list_title"), "bold $accent"), id="list-title")
        table: DataTable[Text] = DataTable(id="meeting-table", cursor_type="row", zebra_stripes=True)
        table.tooltip = "Enter 打开会议，n 新建" if self.lang == "zh" else "Enter opens; n starts a new meeting"
        yield table
        yield Static(tr(self.lang, "list_empty"), id="list-empty", markup=False)
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    @guarded
    def reload(self) -> None:
        table = self.query_one("#meeting-table", DataTable)
        meetings = self.record.meetings()
        open_actions = self.followup.open_counts() if meetings else {}
        counts = [open_actions.get(m.id or 0, 0) for m in meetings]

        def title(m: Meeting) -> Text:
            closed = m.status == "closed"
            return Text.assemble(m.title, ("  " + tr(self.lang, "closed_tag"), "dim") if closed else "")

        fill(table, self.lang, [
            ("col_id", [Text(str(m.id)) for m in meetings]),
            ("col_date", [Text(m.date.isoformat() if m.date else "") for m in meetings]),
            ("col_title", [title(m) for m in meetings]),
            ("col_customer", [Text(m.customer) for m in meetings]),
            ("col_order", [Text(m.order_ref) for m in meetings]),
            ("col_open_actions", [Text(str(n), style="bold yellow" if n else "dim") for n in counts]),
        ], [str(m.id) for m in meetings])
        self.query_one("#list-empty").display = not meetings
        table.display = bool(meetings)
        if meetings:
            table.focus()

    @guarded
    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.app.open_meeting(int(str(event.row_key.value)))  # type: ignore[attr-defined]

    @guarded
    def action_open_meeting(self) -> None:
        table = self.query_one("#meeting-table", DataTable)
        key = cursor_key(table)
        if key is not None:
            self.app.open_meeting(int(key))  # type: ignore[attr-defined]

    @guarded
    def action_new_meeting(self) -> None:
        form = localized(NewMeetingForm, self.lang)(self.record, self.lang, self.today())
        self.app.push_screen(form, self._created)

    @guarded
    def _created(self, meeting_id: int | None) -> None:
        if meeting_id is not None:
            self.app.open_meeting(meeting_id)  # type: ignore[attr-defined]
