"""The meeting list: where ``facilitator`` with no command starts.

Recent meetings first, with their open actions counted, because the salesperson
comes back here to follow up until the customer has what was promised.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from facilitator.tui.errors import WorkerErrors, guarded
from facilitator.tui.keys import LIST_KEYS, bindings, localized
from facilitator.tui.screens.forms import NewMeetingForm
from facilitator.tui.strings import tr
from facilitator.tui.widgets.tables import cursor_key

if TYPE_CHECKING:
    from facilitator.service import Service


class MeetingListScreen(WorkerErrors, Screen[None]):
    """Meetings, newest first. Enter opens one; n starts a new one."""

    KEYS = LIST_KEYS
    BINDINGS = bindings(KEYS, "zh")

    def __init__(self, service: Service, lang: str, today: Any = date.today) -> None:
        super().__init__()
        self.service = service
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
        table = self.query_one("#meeting-table", DataTable)
        for key in ("col_id", "col_date", "col_title", "col_customer", "col_order", "col_open_actions"):
            table.add_column(tr(self.lang, key), key=key)
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    @guarded
    def reload(self) -> None:
        table = self.query_one("#meeting-table", DataTable)
        table.clear()
        meetings = self.service.meetings()
        counts = self.service.open_action_counts() if meetings else {}
        for m in meetings:
            n = counts.get(m.id or 0, 0)
            table.add_row(
                Text(str(m.id)), Text(m.date.isoformat() if m.date else ""), Text(m.title),
                Text(m.customer), Text(m.order_ref),
                Text(str(n), style="bold yellow" if n else "dim"), key=str(m.id),
            )
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
        form = localized(NewMeetingForm, self.lang)(self.service, self.lang, self.today())
        self.app.push_screen(form, self._created)

    @guarded
    def _created(self, meeting_id: int | None) -> None:
        if meeting_id is not None:
            self.app.open_meeting(meeting_id)  # type: ignore[attr-defined]
