"""The forms a table of tracked actions asks for, opened by the screen that holds it.

``TrackedActions`` (the actions board, a meeting's carried-over panel) posts
``FormWanted`` for a change that needs typing: a reason for blocked or dropped, a new
due date, or the whole row. A widget does not import screens, so the screens that hold
the table mix this in; the form commits through the table (status and due date, the
``followup`` use case) or the ``record`` use case (the whole row), then the table
reloads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from facilitator.tui.keys import localized
from facilitator.tui.screens.forms import ActionForm, PromptForm
from facilitator.tui.strings import tr
from facilitator.tui.widgets.carried import TrackedActions

if TYPE_CHECKING:
    from textual.screen import Screen

    from facilitator.record import Record

_REASON = {"blocked": ("form_block", "prompt_block"), "dropped": ("form_drop", "prompt_drop")}


class TrackedForms:
    """Mixed into a screen with ``record`` and ``lang``."""

    record: Record
    lang: str

    def on_tracked_actions_form_wanted(self, event: TrackedActions.FormWanted) -> None:
        event.stop()
        table, action, what, lang = event.table, event.action, event.what, self.lang
        if what == "edit":
            form: ActionForm | PromptForm = localized(ActionForm, lang)(self.record, lang, action,
                                                                        in_meeting=table.in_meeting)
        elif what == "due":
            form = localized(PromptForm, lang)(
                lang, tr(lang, "form_due"), tr(lang, "prompt_due"),
                lambda text: table.set_due_date(action, text),
                value=action.due.isoformat() if action.due else "", context=action.action,
            )
        else:
            title, label = _REASON[what]
            form = localized(PromptForm, lang)(
                lang, tr(lang, title), tr(lang, label),
                lambda text: table.set_status(action, what, text),
                value=action.reason or "", context=action.action,
            )
        screen: Screen[object] = self  # type: ignore[assignment]  # mixed into a Screen
        screen.app.push_screen(form, lambda saved: table.after_form(saved, what))
