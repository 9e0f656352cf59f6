"""The meeting's ledgers: responsibilities, actions, obstacles/decisions/questions, people.

Short columns come first (owner, status, due) so that on an 80-column terminal the
part that matters in the room stays visible and long item texts run off to the right.
Cells are ``rich.text.Text``: a DataTable parses plain strings as markup, and these
strings are typed by users.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable, Static, TabbedContent, TabPane

from facilitator.model import Action, Item, Lever, Meeting, Responsibility
from facilitator.obstacles import UNKNOWN, kind_label
from facilitator.tui.keys import ACTIONS_KEYS, ITEMS_KEYS, RESPONSIBILITY_KEYS, bindings, localized
from facilitator.tui.strings import tr
from facilitator.tui.widgets.suggestions import SuggestionsTable, quote_text
from facilitator.tui.widgets.tables import FitColumns, cursor_key, fill, show_cut_row

if TYPE_CHECKING:
    from typing import Unpack

    from textual import events

    from facilitator.tui.widgets.widget_args import WidgetArgs


TAB_FOR_KIND = {
    "responsibility": "tab-responsibilities",
    "action": "tab-actions",
    "decision": "tab-items",
    "question": "tab-items",
    "obstacle": "tab-items",
    "lever": "tab-items",
    "people": "tab-people",
    "suggestion": "tab-suggestions",
}



class ResponsibilityTable(FitColumns, DataTable[Text]):
    """Who owns what. Enter edits the row; d deletes it (asks first)."""

    KEYS = RESPONSIBILITY_KEYS
    BINDINGS = bindings(KEYS, "zh")

    class EditRequested(Message):
        def __init__(self, responsibility: Responsibility) -> None:
            super().__init__()
            self.responsibility = responsibility

    class DeleteRequested(Message):
        def __init__(self, responsibility: Responsibility) -> None:
            super().__init__()
            self.responsibility = responsibility

    def action_delete_row(self) -> None:
        key = cursor_key(self)
        row = None if key is None else self.rows_by_key.get(key)
        if row is not None:
            self.post_message(self.DeleteRequested(row))

    def __init__(self, lang: str, **kwargs: Unpack[WidgetArgs]) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.lang = lang
        self.rows_by_key: dict[str, Responsibility] = {}
        self.tooltip = "Enter 修改所选责任 · d 删除" if lang == "zh" else "Enter edits the selected row · d deletes it"

    def on_mount(self) -> None:
        if not self.columns:
            self.show([])

    def show(self, items: list[Responsibility]) -> None:
        t = self.lang
        self.rows_by_key = {str(r.id): r for r in items}
        fill(self, t, [
            ("col_owner", [Text(r.owner) if r.owner else Text(tr(t, "nobody"), style="italic") for r in items]),
            ("col_status", [Text(tr(t, r.status), style="bold yellow" if r.status == "disputed" else "green")
                            for r in items]),
            ("col_item", [Text(r.item) for r in items]),
            ("col_basis", [Text(r.basis or "") for r in items]),
        ], list(self.rows_by_key))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        row = self.rows_by_key.get(str(event.row_key.value))
        if row is not None:
            self.post_message(self.EditRequested(row))


class ActionsTable(FitColumns, DataTable[Text]):
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

    def __init__(self, lang: str, **kwargs: Unpack[WidgetArgs]) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.lang = lang
        self.rows_by_key: dict[str, Action] = {}
        self.tooltip = "Enter 修改，x 或空格 标记完成" if lang == "zh" else "Enter edits; x or Space toggles done"

    def on_mount(self) -> None:
        if not self.columns:
            self.show([])

    def show(self, items: list[Action], today: date | None = None, deadline: date | None = None) -> None:
        t = self.lang
        self.rows_by_key = {str(a.id): a for a in items}
        marks = {"open": "☐", "done": "☑", "blocked": "⊘", "dropped": "✗"}

        def due(a: Action) -> Text:
            if not a.due:
                return Text(tr(t, "no_due"), style="italic")
            late = today is not None and a.status == "open" and a.due < today
            if deadline is not None and a.status == "open" and a.due > deadline:
                return Text(a.due.isoformat(), style="bold reverse red")  # after the customer's deadline
            return Text(a.due.isoformat(), style="bold yellow" if late else "")

        fill(self, t, [
            ("col_status", [Text(f"{marks.get(a.status, '?')} {tr(t, a.status)}",
                                 style="green" if a.status == "done" else "") for a in items]),
            ("col_owner", [Text(a.owner) if a.owner else Text(tr(t, "nobody"), style="bold yellow")
                           for a in items]),
            ("col_due", [due(a) for a in items]),
            ("col_action", [_with_quote(Text(a.action, style="strike dim" if a.status == "done" else ""), a.quote)
                            for a in items]),
        ], list(self.rows_by_key))

    def selected(self) -> Action | None:
        key = cursor_key(self)
        return None if key is None else self.rows_by_key.get(key)

    def action_toggle_done(self) -> None:
        action = self.selected()
        if action is not None:
            self.post_message(self.ToggleRequested(action))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        row = self.rows_by_key.get(str(event.row_key.value))
        if row is not None:
            self.post_message(self.EditRequested(row))


def _with_quote(text: Text, quote: str | None) -> Text:
    """An accepted suggestion's row carries the words it came from, after its text."""
    if quote:
        text.append(f"  「{quote}」", style="dim italic")
    return text


ITEM_KIND_STYLES = {"obstacle": "bold yellow", "decision": "bold green", "question": "bold cyan",
                    "lever": "green"}


def meeting_items(meeting: Meeting) -> list[tuple[str, Item | Lever]]:
    """Each obstacle followed by its levers, then levers on no obstacle, then decisions,
    then open questions, each as ``(kind, item)``."""
    rows: list[tuple[str, Item | Lever]] = []
    for o in meeting.obstacles:
        rows.append(("obstacle", o))
        rows += [("lever", lv) for lv in meeting.levers_of(o)]
    known = {o.id for o in meeting.obstacles}
    rows += [("lever", lv) for lv in meeting.levers if lv.obstacle_id not in known]
    rows += [("decision", i) for i in meeting.decisions]
    rows += [("question", i) for i in meeting.open_questions]
    return rows


def row_key(kind: str, item: Item | Lever) -> str:
    return f"lever-{item.id}" if kind == "lever" else str(item.id)


def item_cells(kind: str, item: Item | Lever, lang: str) -> tuple[Text, Text]:
    """The kind column (an obstacle's with its kind) and the text column of one row; a
    lever's owner and date have columns of their own (``lever_owner_due``)."""
    style = ITEM_KIND_STYLES.get(kind, "")
    if isinstance(item, Lever):
        text = Text(item.resource)
        sep = "：" if lang == "zh" else ": "
        if item.holder:
            text.append(f"（{item.holder}）" if lang == "zh" else f" ({item.holder})", style="dim")
        if item.presolves:
            text.append(f"  {tr(lang, 'f_presolves')}{sep}{item.presolves}", style="dim")
        return Text(tr(lang, "kind_lever"), style=style), text
    label = tr(lang, f"kind_{kind}")
    if kind == "obstacle":
        kind_name = kind_label(item.kind, lang)
        label += f"·{kind_name}"
        return Text(label, style=style if item.kind != UNKNOWN else "yellow"), Text(item.text)
    return Text(label, style=style), Text(item.text)


class ItemsTable(FitColumns, DataTable[Text]):
    """Obstacles, decisions and open questions. Enter edits the row; d deletes it (asks first)."""

    KEYS = ITEMS_KEYS
    BINDINGS = bindings(KEYS, "zh")

    class EditRequested(Message):
        def __init__(self, item: Item, kind: str) -> None:
            super().__init__()
            self.item, self.kind = item, kind

    class DeleteRequested(Message):
        def __init__(self, item: Item, kind: str) -> None:
            super().__init__()
            self.item, self.kind = item, kind

    class LeverEditRequested(Message):
        def __init__(self, lever: Lever) -> None:
            super().__init__()
            self.lever = lever

    def __init__(self, lang: str, **kwargs: Unpack[WidgetArgs]) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.lang = lang
        self.rows_by_key: dict[str, tuple[str, Item | Lever]] = {}
        self.tooltip = tr(lang, "items_tooltip")

    def on_mount(self) -> None:
        if not self.columns:
            self.show([])

    def show(self, rows: list[tuple[str, Item | Lever]]) -> None:
        self.rows_by_key = {row_key(kind, item): (kind, item) for kind, item in rows}
        cells = [item_cells(kind, item, self.lang) for kind, item in rows]
        columns = [("col_kind", [c[0] for c in cells])]
        # a lever with an owner is a tracked action: its owner and date are short columns,
        # which stay whole where the text is cut (or stacked under it at 80 columns)
        levers = [item for _, item in rows if isinstance(item, Lever)]
        if any(lv.owner for lv in levers):
            columns.append(("col_owner", [Text(item.owner or "", style="bold")
                                          if isinstance(item, Lever) else Text("") for _, item in rows]))
        if any(lv.due for lv in levers):
            columns.append(("col_due", [Text(item.due.isoformat() if isinstance(item, Lever) and item.due else "")
                                        for _, item in rows]))
        columns.append(("col_text", [c[1] for c in cells]))
        fill(self, self.lang, columns, list(self.rows_by_key))

    def selected(self) -> tuple[str, Item | Lever] | None:
        key = cursor_key(self)
        return None if key is None else self.rows_by_key.get(key)

    def action_delete_row(self) -> None:
        row = self.selected()
        if row is not None and isinstance(row[1], Item):
            self.post_message(self.DeleteRequested(row[1], row[0]))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        row = self.rows_by_key.get(str(event.row_key.value))
        if row is None:
            return
        if isinstance(row[1], Lever):
            self.post_message(self.LeverEditRequested(row[1]))
        else:
            self.post_message(self.EditRequested(row[1], row[0]))


def people_content(meeting: Meeting, lang: str) -> Content:
    if not meeting.participants:
        return Content.styled(tr(lang, "no_people"), "$text-muted")
    lines = []
    for p in meeting.participants:
        extra = " · ".join(x for x in (p.department, p.role) if x)
        lines.append(Content.assemble((p.name, "bold"), (f"  {extra}" if extra else "", "$text-muted")))
    return Content("\n").join(lines)


TAB_LABELS = {
    "tab-responsibilities": "tab_responsibilities", "tab-actions": "tab_actions", "tab-items": "tab_items",
    "tab-people": "tab_people", "tab-suggestions": "tab_suggestions",
}
"""Each tab's label key; ``_short`` after it is the label when the strip is narrow."""
TAB_PADDING = 2
"""Columns a tab adds to its label (Textual's ``Tab { padding: 0 1 }``); one in the narrow strip."""


class Ledgers(Vertical):
    """Tabs holding the record's structured parts; a new capture reveals its tab."""

    def __init__(self, lang: str, **kwargs: Unpack[WidgetArgs]) -> None:
        super().__init__(**kwargs)
        self.lang = lang
        self._pending = 0

    def on_resize(self) -> None:
        self._fit_tabs()

    def _label(self, tab: str, short: bool) -> str:
        key = TAB_LABELS[tab] + ("_count" if tab == "tab-suggestions" and self._pending else "")
        return tr(self.lang, key + "_short" if short else key, count=self._pending)

    def _fit_tabs(self) -> None:
        """Every tab's name whole in the strip: the full labels when they fit the panel's width,
        else the short ones, a column apart (an 80-column terminal with suggestions waiting).
        A strip that does not fit scrolls, and the first tab's name is then cut (issue 24)."""
        tabs = self.query_one(TabbedContent)
        shown = [tab for tab in TAB_LABELS if tabs.get_tab(tab).display]
        full = sum(cell_len(self._label(tab, False)) + TAB_PADDING for tab in shown)
        short = full > self.size.width > 0
        tabs.set_class(short, "-narrow")
        for tab in TAB_LABELS:
            tabs.get_tab(tab).label = self._label(tab, short)

    def compose(self) -> ComposeResult:
        t = self.lang
        with TabbedContent(id="ledger-tabs"):
            with TabPane(tr(t, "tab_responsibilities"), id="tab-responsibilities"):
                yield localized(ResponsibilityTable, t)(t, id="responsibilities")
            with TabPane(tr(t, "tab_actions"), id="tab-actions"):
                yield localized(ActionsTable, t)(t, id="actions")
            with TabPane(tr(t, "tab_items"), id="tab-items"):
                yield Static(tr(t, "no_items"), id="items-empty", markup=False)
                yield localized(ItemsTable, t)(t, id="items")
            with TabPane(tr(t, "tab_people"), id="tab-people"), VerticalScroll():
                yield Static(id="people", markup=False)
            with TabPane(tr(t, "tab_suggestions"), id="tab-suggestions"):
                yield localized(SuggestionsTable, t)(t, id="suggestions")
        yield Static(id="ledger-detail", markup=False)


    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail(event.data_table)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if isinstance(event.widget, DataTable):
            self._show_detail(event.widget)

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        # the blur of the tab strip can arrive after the focus of the table it led to (two
        # widgets' queues): decide by where the focus is now, not by which event came last
        focused = self.screen.focused
        if isinstance(focused, DataTable) and self in focused.ancestors:
            self._show_detail(focused)
        else:
            self.query_one("#ledger-detail", Static).display = False

    def _show_detail(self, table: DataTable[Text]) -> None:
        """A row cut to fit is shown whole on a line under the tabs while its table has focus;
        for a suggestion, its quote (who said what) is shown whole there."""
        detail = self.query_one("#ledger-detail", Static)
        quoting = isinstance(table, SuggestionsTable)
        detail.set_class(quoting, "-quote")
        if isinstance(table, SuggestionsTable):
            chosen = table.selected() if table.has_focus else None
            detail.display = chosen is not None
            if chosen is not None:
                detail.update(quote_text(chosen, self.lang))
            return
        show_cut_row(detail, table)

    def show(self, meeting: Meeting) -> None:
        self.query_one(ResponsibilityTable).show(meeting.responsibilities)
        self.query_one(ActionsTable).show(meeting.actions, meeting.date, meeting.deadline)
        rows = meeting_items(meeting)
        self.query_one(ItemsTable).show(rows)
        self.query_one("#items-empty", Static).display = not rows
        self.query_one("#people", Static).update(people_content(meeting, self.lang))
        self.show_suggestions(meeting)

    def show_suggestions(self, meeting: Meeting) -> None:
        """The pending suggestions' tab, with their number, only while any wait."""
        pending = [s for s in meeting.suggestions if s.state == "pending"]
        table = self.query_one(SuggestionsTable)
        table.show(pending)
        tabs = self.query_one(TabbedContent)
        self._pending = len(pending)
        if pending:
            tabs.show_tab("tab-suggestions")
        else:
            if tabs.active == "tab-suggestions":
                tabs.active = "tab-actions"
            tabs.hide_tab("tab-suggestions")
        self._fit_tabs()
        if table.has_focus:
            self._show_detail(table)

    def point_at_suggestions(self) -> None:
        """New suggestions arrived: scroll the tab strip so their tab is in sight, without
        switching to it. At 80 columns it sits past the strip's edge, and the note that
        announces them sends the user to it."""
        tab = self.query_one(TabbedContent).get_tab("tab-suggestions")
        if not tab.display:
            return
        strip = self.query_one("#tabs-scroll")  # Textual's tab strip: scrolls only when forced

        def scroll() -> None:
            strip.scroll_to_widget(tab, animate=False, force=True)

        self.call_after_refresh(scroll)  # after the layout that gives the shown tab its place

    def focus_suggestions(self) -> bool:
        """Show the Suggested tab and focus its table; False when none wait (no tab)."""
        tabs = self.query_one(TabbedContent)
        if not tabs.get_tab("tab-suggestions").display:
            return False
        tabs.active = "tab-suggestions"
        self.query_one(SuggestionsTable).focus()
        self.point_at_suggestions()
        return True

    def reveal(self, kind: str) -> None:
        tab = TAB_FOR_KIND.get(kind)
        if tab:
            self.query_one(TabbedContent).active = tab
