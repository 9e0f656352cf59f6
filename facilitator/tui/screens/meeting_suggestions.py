"""The meeting screen's side of suggestions: accept, edit, dismiss, and the free notes typed
live handed to the extractor.

A mixin of ``MeetingScreen`` (see ``meeting.py``). Every change goes through the record use case's
suggestions use case, which records an accepted suggestion exactly as the typed line would
be; Ctrl+Z takes the last one back. Editing uses the ledger's own form on the row the
suggestion became: cancelling the form puts the suggestion back in the list.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from facilitator.model import Item, Meeting, Recorded, Suggestion
from facilitator.tui.errors import guarded
from facilitator.tui.keys import bound_key, localized
from facilitator.tui.screens.forms import ActionForm, Form, ResponsibilityForm
from facilitator.tui.screens.item_form import ItemForm, LeverForm
from facilitator.tui.screens.meeting_part import MeetingPart
from facilitator.tui.strings import tr
from facilitator.tui.widgets.ledgers import Ledgers
from facilitator.tui.widgets.suggestions import SuggestionsTable

if TYPE_CHECKING:
    from facilitator.model import Stage
    from facilitator.record import Record


class SuggestionHandlers(MeetingPart):
    """Accept (a), edit (e) and dismiss (x) a suggestion; offer suggestions for typed notes."""

    record: Record
    meeting_id: int
    meeting: Meeting
    lang: str

    if TYPE_CHECKING:  # provided by the MeetingScreen this is mixed into
        @property
        def stage(self) -> Stage: ...

        def refresh_all(self, reload: bool = True) -> None: ...
        def _remember(self, undo: Callable[[], object]) -> None: ...

    @guarded
    def on_suggestions_table_accept_requested(self, message: SuggestionsTable.AcceptRequested) -> None:
        accepted = self.record.accept_suggestion(self._suggestion_id(message.suggestion), stage=self.stage.id)
        if accepted.recorded.outcome == "added":
            self._remember(lambda: self.record.undo_accept(accepted))
        self.refresh_all()
        self.notify(tr(self.lang, "suggestion_accepted", text=message.suggestion.captured.text), markup=False)

    @guarded
    def on_suggestions_table_dismiss_requested(self, message: SuggestionsTable.DismissRequested) -> None:
        sid = self._suggestion_id(message.suggestion)
        self.record.dismiss_suggestion(sid)
        self._remember(lambda: self.record.undo_dismiss(sid))
        self.refresh_all()
        self.notify(tr(self.lang, "suggestion_dismissed", text=message.suggestion.captured.text), markup=False)

    @guarded
    def on_suggestions_table_edit_requested(self, message: SuggestionsTable.EditRequested) -> None:
        """Accepted first, then the ledger's own form on the row it became."""
        accepted = self.record.accept_suggestion(self._suggestion_id(message.suggestion), stage=self.stage.id)
        self.refresh_all()
        form = self._form_for(message.suggestion, accepted.recorded)
        if form is None:
            return

        def done(result: object) -> None:
            if result is None and accepted.recorded.outcome == "added":
                self.record.undo_accept(accepted)  # cancelled: it waits again
            elif accepted.recorded.outcome == "added":
                self._remember(lambda: self.record.undo_accept(accepted))
            self.refresh_all()
            if result is not None:
                self.notify(tr(self.lang, "suggestion_accepted", text=message.suggestion.captured.text),
                            markup=False)

        self.app.push_screen(form, done)

    def _form_for(self, s: Suggestion, recorded: Recorded) -> Form | None:
        kind, row_id, m = s.captured.kind, recorded.row_id, self.meeting
        if kind == "action":
            action = next((a for a in m.actions if a.id == row_id), None)
            return None if action is None else localized(ActionForm, self.lang)(
                self.record, self.lang, action, in_meeting=self.meeting_id)
        if kind == "responsibility":
            row = next((r for r in m.responsibilities if r.id == row_id), None)
            return None if row is None else localized(ResponsibilityForm, self.lang)(self.record, self.lang, row)
        if kind == "lever":
            lever = next((lv for lv in m.levers if lv.id == row_id), None)
            return None if lever is None else localized(LeverForm, self.lang)(self.record, self.lang, m, lever)
        items = {"decision": m.decisions, "question": m.open_questions, "obstacle": m.obstacles}.get(kind, [])
        item: Item | None = next((i for i in items if i.id == row_id), None)
        return None if item is None else localized(ItemForm, self.lang)(self.record, self.lang, item, kind)

    @staticmethod
    def _suggestion_id(s: Suggestion) -> int:
        assert s.id is not None
        return s.id

    # -- free notes typed live ---------------------------------------------------------------

    def suggest_for_notes(self, lines: list[str]) -> None:
        """Free notes just typed (not quick-capture lines) go to the extractor in a worker;
        what it finds shows in the Suggested tab."""
        lines = [line for line in lines if line.strip()]
        if lines:
            self.run_worker(lambda: self._suggest(lines), thread=True, group="suggest", exit_on_error=False,
                            name="suggest")

    def _suggest(self, lines: list[str]) -> None:
        found = self.record.suggest_notes(self.meeting_id, lines)
        if found:
            self.app.call_from_thread(self._after_suggest, len(found))

    @guarded
    def _after_suggest(self, count: int) -> None:
        self.refresh_all()
        self.query_one(Ledgers).show_suggestions(self.meeting)
        self.query_one(Ledgers).point_at_suggestions()
        self.notify(tr(self.lang, "suggestion_found", count=count, keys=bound_key(self, "suggestions", "ctrl+y")),
                    markup=False)

    @guarded
    def action_suggestions(self) -> None:
        """Ctrl+Y: to the Suggested tab, its table focused (Esc goes back to the capture box)."""
        if not self.query_one(Ledgers).focus_suggestions():
            self.notify(tr(self.lang, "no_pending_suggestions"), markup=False)
