"""The stage guide: what this stage is for, what to ask, and what is still missing.

The method is only useful if the facilitator remembers it under pressure, so the
current stage's goal and questions (from ``prompts/playbook.toml``) sit beside the
notes, and the "before moving on" check (``playbook.checks``) says in plain words
what the record still lacks. Missing items never block moving on: the room decides.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from facilitator.model import Meeting, Stage
from facilitator.playbook import checks
from facilitator.tui.strings import tr
from facilitator.tui.widgets.wrapped import Wrapped

BULLET = "・"
"""Wide bullet with no space after it: Textual wraps only at spaces, and a space before a
long run of Chinese would push the whole run to the next line."""


def missing_labels(stage: Stage, meeting: Meeting, lang: str) -> list[str]:
    """What the record lacks before leaving ``stage``, as sentences in the meeting's
    language, naming the items at fault (``playbook.checks``)."""
    return [c.message for c in checks(stage, meeting)]


class StageGuide(VerticalScroll, can_focus=False):
    """Goal, questions, the before-moving-on check and a calm overrun note."""

    def __init__(self, lang: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.lang = lang
        self.tooltip = (
            "本阶段的目标、引导问题和进入下一阶段前的检查"
            if lang == "zh"
            else "This stage's goal, questions and the check before moving on"
        )

    def compose(self) -> ComposeResult:
        # title and the check first: on a small terminal they are what must stay visible
        yield Static(id="stage-title", markup=False)
        yield Wrapped(id="stage-overrun", markup=False)
        yield Wrapped(id="stage-check", markup=False)
        yield Wrapped(id="stage-goal", markup=False)
        yield Wrapped(id="stage-questions", markup=False)

    def show(self, stage: Stage, meeting: Meeting, overrun_minutes: int = 0) -> None:
        lang = self.lang
        self.query_one("#stage-title", Static).update(Content.styled(stage.title(lang), "bold $accent"))
        self.query_one("#stage-goal", Static).update(
            Content.assemble((tr(lang, "goal") + ("：" if lang == "zh" else ": "), "bold"), stage.goal(lang))
        )
        # heading and first question on one line: on 24 rows the current question must show
        asked = stage.questions(lang)
        questions = [Content.assemble((tr(lang, "questions") + ("：" if lang == "zh" else ": "), "bold"),
                                      asked[0] if asked else "")]
        questions += [Content(f"{BULLET}{q}") for q in asked[1:]]
        self.query_one("#stage-questions", Static).update(Content("\n").join(questions))
        gaps = missing_labels(stage, meeting, lang)
        check = self.query_one("#stage-check", Static)
        if gaps:
            lines = [Content.styled(tr(lang, "before_moving_on"), "bold $warning")]
            lines += [Content(f"{BULLET}{g}") for g in gaps]
            check.update(Content("\n").join(lines))
        else:
            check.update(Content.styled(tr(lang, "ready_to_move"), "$success"))
        self.set_overrun(overrun_minutes)

    def set_overrun(self, minutes: int) -> None:
        note = self.query_one("#stage-overrun", Static)
        note.display = minutes > 0
        if minutes > 0:
            note.update(Content.styled(tr(self.lang, "overrun", minutes=minutes), "$warning"))
