"""The meeting's ledgers: responsibilities, actions, obstacles/decisions/questions, people.

Short columns come first (owner, status, due) so that on an 80-column terminal the
part that matters in the room stays visible and long item texts run off to the right.
Cells are ``rich.text.Text``: a DataTable parses plain strings as markup, and these
strings are typed by users.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable, Static, TabbedContent, TabPane

from facilitator.model import Action, Meeting, Responsibility
from facilitator.tui.keys import ACTIONS_KEYS, RESPONSIBILITY_KEYS, bindings, localized
from facilitator.tui.strings import tr

TAB_FOR_KIND = {
    "responsibility": "tab-responsibilities",
    "action": "tab-actions",
    "decision": "tab-items",
    "question": "tab-items",
    "obstacle": "tab-items",
}


class ResponsibilityTable(DataTable[Text]):
    """Who owns what. Enter edits the row."""

    KEYS = RESPONSIBILITY_KEYS
    BINDINGS = bindings(KEYS, "zh")

    class EditRequested(Message):
        def __init__(self, responsibility: Responsibility) -> None:
            super().__init__()
            self.responsibility = responsibility

    def __init__(self, lang: str, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.lang = lang
        self.rows_by_key: dict[str, Responsibility] = {}
        self.tooltip = "Enter 修改所选责任" if lang == "zh" else "Enter edits the selected row"

    def on_mount(self) -> None:
        t = self.lang
        for key in ("col_owner", "col_status", "col_item", "col_basis"):
            self.add_column(tr(t, key), key=key)

    def show(self, items: list[Responsibility]) -> None:
        cursor = self.cursor_row
        self.clear()
        self.rows_by_key = {}
        for r in items:
            key = str(r.id)
            self.rows_by_key[key] = r
            status = Text(tr(self.lang, r.status), style="bold yellow" if r.status == "disputed" else "green")
            owner = Text(r.owner) if r.owner else Text(tr(self.lang, "nobody"), style="italic")
            self.add_row(owner, status, Text(r.item), Text(r.basis or ""), key=key)
        if items:
            self.move_cursor(row=min(cursor, len(items) - 1))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        row = self.rows_by_key.get(str(event.row_key.value))
        if row is not None:
            self.post_message(self.EditRequested(row))


class ActionsTable(DataTable[Text]):
    """Follow-ups. Enter edits the row; x or Space marks it done (or open again)."""

    KEYS = ACTIONS_KEYS
    BINDINGS = bindings(KEYS, "zh")

    class EditRequested(Message):
        def __init__(self, action: Action) -> None:
            super().__init__()
            self.action = action

    class ToggleRequested(Message):
        def __init__(self, action: Action) -> None:
            super().__init__()
            self.action = action

    def __init__(self, lang: str, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.lang = lang
        self.rows_by_key: dict[str, Action] = {}
        self.tooltip = "Enter 修改，x 或空格 标记完成" if lang == "zh" else "Enter edits; x or Space toggles done"

    def on_mount(self) -> None:
        for key in ("col_status", "col_owner", "col_due", "col_action"):
            self.add_column(tr(self.lang, key), key=key)

    def show(self, items: list[Action], today: date | None = None) -> None:
        cursor = self.cursor_row
        self.clear()
        self.rows_by_key = {}
        marks = {"open": "☐", "done": "☑", "dropped": "✗"}
        for a in items:
            key = str(a.id)
            self.rows_by_key[key] = a
            status = Text(f"{marks.get(a.status, '?')} {tr(self.lang, a.status)}",
                          style="green" if a.status == "done" else "")
            owner = Text(a.owner) if a.owner else Text(tr(self.lang, "nobody"), style="bold yellow")
            if a.due:
                late = today is not None and a.status == "open" and a.due < today
                due = Text(a.due.isoformat(), style="bold yellow" if late else "")
            else:
                due = Text(tr(self.lang, "no_due"), style="italic")
            what = Text(a.action, style="strike dim" if a.status == "done" else "")
            self.add_row(status, owner, due, what, key=key)
        if items:
            self.move_cursor(row=min(cursor, len(items) - 1))

    def selected(self) -> Action | None:
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        return self.rows_by_key.get(str(key.value))

    def action_toggle_done(self) -> None:
        action = self.selected()
        if action is not None:
            self.post_message(self.ToggleRequested(action))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        row = self.rows_by_key.get(str(event.row_key.value))
        if row is not None:
            self.post_message(self.EditRequested(row))


def items_content(meeting: Meeting, lang: str) -> Content:
    """Obstacles, decisions and open questions as one block of literal text."""
    lines: list[Content] = []
    for title, items in (
        ("obstacles", meeting.obstacles),
        ("decisions", meeting.decisions),
        ("open_questions", meeting.open_questions),
    ):
        lines.append(Content.styled(tr(lang, title), "bold $accent"))
        if items:
            lines += [Content(f"・{i.text}") for i in items]
        else:
            lines.append(Content.styled(f"   {tr(lang, 'none_yet')}", "$text-muted"))
    return Content("\n").join(lines)


def people_content(meeting: Meeting, lang: str) -> Content:
    if not meeting.participants:
        return Content.styled(tr(lang, "no_people"), "$text-muted")
    lines = []
    for p in meeting.participants:
        extra = " · ".join(x for x in (p.department, p.role) if x)
        lines.append(Content.assemble((p.name, "bold"), (f"  {extra}" if extra else "", "$text-muted")))
    return Content("\n").join(lines)


class Ledgers(Vertical):
    """Tabs holding the record's structured parts; a new capture reveals its tab."""

    def __init__(self, lang: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.lang = lang

    def compose(self) -> ComposeResult:
        t = self.lang
        with TabbedContent(id="ledger-tabs"):
            with TabPane(tr(t, "tab_responsibilities"), id="tab-responsibilities"):
                yield localized(ResponsibilityTable, t)(t, id="responsibilities")
            with TabPane(tr(t, "tab_actions"), id="tab-actions"):
                yield localized(ActionsTable, t)(t, id="actions")
            with TabPane(tr(t, "tab_items"), id="tab-items"), VerticalScroll():
                yield Static(id="items", markup=False)
            with TabPane(tr(t, "tab_people"), id="tab-people"), VerticalScroll():
                yield Static(id="people", markup=False)

    def show(self, meeting: Meeting) -> None:
        self.query_one(ResponsibilityTable).show(meeting.responsibilities)
        self.query_one(ActionsTable).show(meeting.actions, meeting.date)
        self.query_one("#items", Static).update(items_content(meeting, self.lang))
        self.query_one("#people", Static).update(people_content(meeting, self.lang))

    def reveal(self, kind: str) -> None:
        tab = TAB_FOR_KIND.get(kind)
        if tab:
            self.query_one(TabbedContent).active = tab
