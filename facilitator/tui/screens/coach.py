"""The coach panel: the stage's open questions and levers suggested from cases.

Opened with a key from the live meeting. It shows the offline coaching as soon as the
matched cases are in; with an LLM endpoint it then streams the model's answer and
replaces the suggestions with the model's cited ones. Nothing here writes to the
record: Enter hands the chosen suggestion back as a line for the input, where the
user edits it and decides whether to record it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from facilitator.tui.errors import WorkerErrors, said
from facilitator.tui.keys import COACH_KEYS, bindings
from facilitator.tui.strings import tr
from facilitator.tui.threads import SEARCH_LOCK, in_daemon_thread
from facilitator.tui.widgets.stage import BULLET

if TYPE_CHECKING:
    from facilitator.cases import Cases, Coaching


class CoachScreen(WorkerErrors, ModalScreen[str | None]):
    """Questions, then suggestions (each naming its case); Enter returns a capture line."""

    KEYS = COACH_KEYS
    BINDINGS = bindings(KEYS, "zh")
    DEFAULT_CLASSES = "modal-reader"

    def __init__(self, cases: Cases, meeting_id: int, stage_id: str, stage_title: str, lang: str,
                 log: Callable[[str], object] = lambda _: None) -> None:
        super().__init__()
        self.cases = cases
        self.log_error = log
        """Writes a failure to the error log (``Doctor.log_error``)."""
        self.meeting_id = meeting_id
        self.stage_id = stage_id
        self.stage_title = stage_title
        self.lang = lang
        self.coaching: Coaching | None = None
        self.streamed = ""

    def compose(self) -> ComposeResult:
        with Vertical(id="reader") as box:
            box.border_title = tr(self.lang, "coach_title", stage=self.stage_title)
            yield Static(id="coach-questions", markup=False)
            yield Static(tr(self.lang, "coach_suggestions"), id="coach-heading", markup=False)
            yield OptionList(id="coach-suggestions", markup=False)
            yield Static(tr(self.lang, "coach_working"), id="coach-status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self._coach()

    @work(exclusive=True, group="coach", exit_on_error=False, name="coach")
    async def _coach(self) -> None:
        def offline() -> Coaching:
            with SEARCH_LOCK:
                return self.cases.coach(self.meeting_id, stage=self.stage_id)

        try:
            coaching = await in_daemon_thread(offline)
        except Exception as exc:  # noqa: BLE001 - the meeting goes on; one quiet line
            self.log_error(f"coach failed: {type(exc).__name__}: {exc}")
            self._status(tr(self.lang, "coach_failed", reason=said(exc, self.lang)))
            return
        self.show(coaching)
        if not (self.cases.settings.llm_configured and coaching.suggestions):
            self._status(tr(self.lang, "coach_offline_only") if coaching.suggestions else "")
            return
        self._status(tr(self.lang, "coach_streaming"))
        async for item in self.cases.coach_stream(self.meeting_id, self.stage_id, offline=coaching):
            if isinstance(item, str):
                self.streamed += item
                self._status(tr(self.lang, "coach_streaming") + " " + self.streamed[-60:].replace("\n", " "))
            else:
                self.show(item)
                self._status(item.warning or tr(self.lang, "coach_llm_done"))

    def show(self, coaching: Coaching) -> None:
        self.coaching = coaching
        questions = [Content.styled(tr(self.lang, "coach_questions"), "bold")]
        questions += [Content(f"{BULLET}{q}") for q in coaching.questions]
        self.query_one("#coach-questions", Static).update(Content("\n").join(questions))
        options = self.query_one(OptionList)
        options.clear_options()
        for n, s in enumerate(coaching.suggestions):
            options.add_option(Option(Content.assemble(s.text, (f"  [{s.case_id}]", "$text-muted")), id=str(n)))
        if coaching.suggestions:
            options.highlighted = 0
        else:
            self._status(tr(self.lang, "coach_none"))

    def _status(self, text: str) -> None:
        status = self.query_one("#coach-status", Static)
        status.display = bool(text)
        status.update(Content(text))

    def action_accept(self) -> None:
        options = self.query_one(OptionList)
        if self.coaching is None or options.highlighted is None:
            return
        suggestions = self.coaching.suggestions
        if 0 <= options.highlighted < len(suggestions):
            self.dismiss(suggestions[options.highlighted].capture_line(self.lang))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_accept()

    def action_close(self) -> None:
        self.dismiss(None)
