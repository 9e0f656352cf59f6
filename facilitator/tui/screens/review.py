"""The closing round (F10 in a meeting): before the room leaves, go through what is owed.

One action at a time, from ``Followup.to_review`` (what earlier meetings
carried in, then this meeting's own): x done, o still open (with a new date), b
blocked (with why), s skip, p back to the previous one. Back on an answered item,
Enter (or Ctrl+S) keeps its answer and goes on, and s passes it without erasing the
answer. Nothing is written while walking through; the last step shows every answer,
and Enter (or Ctrl+S) hands them to ``Followup.close_meeting``, which applies
them and marks the meeting closed.
Esc cancels (or, while typing a date or a reason, goes back to the question).
Keyboard only; what users typed is shown as literal text.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, Static

from facilitator.model import Action, Review, UserError
from facilitator.tui.errors import guarded
from facilitator.tui.keys import REVIEW_KEYS, bindings
from facilitator.tui.strings import tr
from facilitator.tui.widgets.field import FieldInput

if TYPE_CHECKING:
    from facilitator.followup import Followup


class ClosingReview(ModalScreen[bool]):
    """Walks through the actions still owed; dismisses True once the meeting is closed."""

    KEYS = REVIEW_KEYS
    BINDINGS = bindings(KEYS, "zh")
    DEFAULT_CLASSES = "form-screen"

    def __init__(self, followup: Followup, lang: str, meeting_id: int,
                 today: Callable[[], date] = date.today) -> None:
        super().__init__()
        self.followup = followup
        self.lang = lang
        self.meeting_id = meeting_id
        self.today = today
        self.actions: list[Action] = followup.to_review(meeting_id)
        self.answers: dict[int, Review | None] = {}
        """Index in ``actions`` -> the answer (None: skipped)."""
        self.index = 0
        self.asking: str | None = None
        """``"open"`` or ``"blocked"`` while the date or reason box is shown."""
        titles = {m.id: m.title for m in followup.linked(meeting_id)}
        self.origin = {a.id: titles.get(a.meeting_id, "") for a in self.actions}

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="form"):
            yield Static(id="review-action", markup=False)
            yield Static(id="review-hint", markup=False)
            yield Label("", id="review-ask", classes="field-label", markup=False)
            yield FieldInput(compact=True, id="review-input")  # Ctrl+U then a date, in one burst
        yield Footer()

    def on_mount(self) -> None:
        self.show_step()

    @property
    def at_summary(self) -> bool:
        return self.index >= len(self.actions)

    # -- showing --------------------------------------------------------------------------

    def show_step(self) -> None:
        t = self.lang
        box = self.query_one("#form", VerticalScroll)
        self._set_asking(None)
        if self.at_summary:
            box.border_title = tr(t, "review_summary_title")
            self.query_one("#review-action", Static).update(self.summary())
            self.query_one("#review-hint", Static).update(Content.styled(tr(t, "review_summary_hint"), "$text-muted"))
            return
        box.border_title = tr(t, "review_title", i=self.index + 1, n=len(self.actions))
        a = self.actions[self.index]
        due = a.due.isoformat() if a.due else tr(t, "no_due")
        lines = [
            Content.styled(a.action, "bold"),
            Content.assemble(
                (tr(t, "col_owner") + " ", "$text-muted"), a.owner or tr(t, "nobody"),
                ("  " + tr(t, "col_due") + " ", "$text-muted"), due,
                ("  " + tr(t, "col_status") + " ", "$text-muted"), tr(t, a.status),
            ),
        ]
        if a.reason:
            lines.append(Content.styled(tr(t, "reason_label", reason=a.reason), "italic"))
        if a.meeting_id != self.meeting_id and self.origin.get(a.id):
            lines.append(Content.assemble((tr(t, "col_meeting") + " ", "$text-muted"), self.origin[a.id]))
        if self.index in self.answers:
            lines.append(Content.styled(self.answer_text(self.answers[self.index], a), "$success"))
        self.query_one("#review-action", Static).update(Content("\n").join(lines))
        self.query_one("#review-hint", Static).update(Content.styled(tr(t, "review_hint"), "$text-muted"))

    def answer_text(self, review: Review | None, action: Action) -> str:
        t = self.lang
        if review is None:
            return tr(t, "review_ans_skip")
        if review.status == "done":
            return tr(t, "review_ans_done")
        if review.status == "blocked":
            return tr(t, "review_ans_blocked", reason=review.reason or "")
        return tr(t, "review_ans_open", due=review.due.isoformat() if review.due else tr(t, "no_due"))

    def summary(self) -> Content:
        if not self.actions:
            return Content(tr(self.lang, "review_nothing"))
        lines = []
        for i, a in enumerate(self.actions):
            review = self.answers.get(i)
            style = "$text-muted" if review is None else "$success"
            lines.append(Content.assemble((self.answer_text(review, a) + "  ", style), a.action))
        return Content("\n").join(lines)

    def _set_asking(self, kind: str | None) -> None:
        self.asking = kind
        ask = self.query_one("#review-ask", Label)
        box = self.query_one("#review-input", Input)
        ask.display = box.display = kind is not None
        if kind is None:
            if box.has_focus:
                self.set_focus(None)
            return
        a = self.actions[self.index]
        ask.update(tr(self.lang, "review_ask_due" if kind == "open" else "review_ask_reason"))
        if kind == "open":
            box.value = a.due.isoformat() if a.due else ""
        else:
            box.value = a.reason if a.status == "blocked" and a.reason else ""
        box.focus()

    # -- answering --------------------------------------------------------------------------

    def action_answer(self, kind: str) -> None:
        if self.at_summary or self.asking is not None:
            return
        a = self.actions[self.index]
        if kind in ("open", "blocked"):
            self._set_asking(kind)
            return
        if kind == "done":
            self._record(self._review(a, "done"))
        elif self.index in self.answers:  # skipping past an earlier answer keeps it
            self._advance()
        else:
            self._record(None)

    def _review(self, a: Action, status: str, due: date | None = None, reason: str | None = None) -> Review:
        assert a.id is not None
        return Review(action_id=a.id, status=status, due=due, reason=reason)

    def _record(self, review: Review | None) -> None:
        self.answers[self.index] = review
        self._advance()

    def _advance(self) -> None:
        self.index += 1
        self.show_step()
        self.refresh_bindings()

    @guarded
    def on_input_submitted(self, event: Input.Submitted) -> None:
        from facilitator.tui.widgets.field import parse_date

        event.stop()
        a = self.actions[self.index]
        text = event.value.strip()
        if self.asking == "open":
            due = parse_date(text, self.lang, ref=self.today()) if text else a.due
            self._record(self._review(a, "open", due=due))
        elif self.asking == "blocked":
            if not text:
                raise UserError(tr(self.lang, "err_reason", status=tr(self.lang, "blocked")))
            self._record(self._review(a, "blocked", due=a.due, reason=text))

    def action_back(self) -> None:
        if self.asking is None and self.index > 0:
            self.index -= 1
            self.show_step()
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter / Ctrl+S are offered on the summary, and on an item answered before
        (after ``p``), where they keep that answer and go on; not on a new item."""
        if action == "confirm":
            return self.at_summary or self.index in self.answers
        return True

    @guarded
    def action_confirm(self) -> None:
        if self.asking is not None:
            return
        if not self.at_summary:
            if self.index in self.answers:
                self._advance()
            return
        reviews: list[Review] = [r for i, r in sorted(self.answers.items()) if r is not None]
        self.followup.close_meeting(self.meeting_id, reviews)
        self.dismiss(True)

    def action_cancel(self) -> None:
        if self.asking is not None:
            self._set_asking(None)
            return
        self.dismiss(False)
