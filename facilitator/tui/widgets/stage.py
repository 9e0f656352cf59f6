"""The stage guide: what this stage is for, what to ask, and what is still missing.

The method is only useful if the facilitator remembers it under pressure, so the
current stage's goal and questions (from ``prompts/playbook.toml``) sit beside the
notes, and the "before moving on" check (``playbook.checks``) says in plain words
what the record still lacks. Missing items never block moving on: the room decides.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from facilitator.model import Meeting, Stage
from facilitator.playbook import checks
from facilitator.tui.strings import tr
from facilitator.tui.widgets.wrapped import Wrapped

if TYPE_CHECKING:
    from typing import Unpack

    from facilitator.tui.widgets.widget_args import WidgetArgs


BULLET = "・"
"""Wide bullet with no space after it: Textual wraps only at spaces, and a space before a
long run of Chinese would push the whole run to the next line."""


def missing_labels(stage: Stage, meeting: Meeting, lang: str) -> list[str]:
    """What the record lacks before leaving ``stage``, as sentences in the meeting's
    language, naming the items at fault (``playbook.checks``)."""
    return [c.message for c in checks(stage, meeting)]


def gist(check: str) -> str:
    """A check's message up to its example or its list (``（…``, ``：items``): a whole
    thought that fits the short screen's status line, where the full text once came out
    cut in the middle of its explanation."""
    cut = min((i for i in (check.find(c) for c in ("（", " (", "：", ": ")) if i > 0), default=len(check))
    return check[:cut].rstrip(" ，,")


class StageGuide(VerticalScroll, can_focus=False):
    """Goal, questions, the before-moving-on check and a calm overrun note.

    On a short terminal (the meeting screen's ``-short``, under 32 rows) the guide must
    never need scrolling: it shows one status line (overrun and check, cut with an
    ellipsis), the goal and the current question; the full check and the other
    questions wait for a taller screen (the check is also said when moving on).
    """

    def __init__(self, lang: str, **kwargs: Unpack[WidgetArgs]) -> None:
        super().__init__(**kwargs)
        self.lang = lang
        self._gaps: list[str] = []
        self._overrun = 0
        self.tooltip = (
            "本阶段的目标、引导问题和进入下一阶段前的检查"
            if lang == "zh"
            else "This stage's goal, questions and the check before moving on"
        )

    def compose(self) -> ComposeResult:
        # the goal and the questions right under the title (and the overrun note, a line
        # or two): a long check below them can never push them out of view
        yield Static(id="stage-title", markup=False)
        yield Static(id="stage-brief", markup=False)
        yield Wrapped(id="stage-overrun", markup=False, classes="-empty")
        yield Wrapped(id="stage-goal", markup=False)
        yield Wrapped(id="stage-questions", markup=False)
        yield Wrapped(id="stage-more", markup=False)
        yield Wrapped(id="stage-check", markup=False)

    def show(self, stage: Stage, meeting: Meeting, overrun_minutes: int = 0) -> None:
        lang = self.lang
        sep = "：" if lang == "zh" else ": "
        self.query_one("#stage-title", Static).update(Content.styled(stage.title(lang), "bold $accent"))
        self.query_one("#stage-goal", Static).update(
            Content.assemble((tr(lang, "goal") + sep, "bold"), stage.goal(lang))
        )
        # heading and first question on one line: on 24 rows the current question must show
        asked = stage.questions(lang)
        self.query_one("#stage-questions", Static).update(
            Content.assemble((tr(lang, "questions") + sep, "bold"), asked[0] if asked else ""))
        more = self.query_one("#stage-more", Static)
        more.update(Content("\n").join(Content(f"{BULLET}{q}") for q in asked[1:]))
        more.set_class(len(asked) < 2, "-empty")
        self._gaps = missing_labels(stage, meeting, lang)
        check = self.query_one("#stage-check", Static)
        if self._gaps:
            lines = [Content.styled(tr(lang, "before_moving_on"), "bold $warning")]
            lines += [Content(f"{BULLET}{g}") for g in self._gaps]
            check.update(Content("\n").join(lines))
        else:
            check.update(Content.styled(tr(lang, "ready_to_move"), "$success"))
        self._overrun = -1
        self.set_overrun(overrun_minutes)

    def set_overrun(self, minutes: int) -> None:
        if minutes == self._overrun:
            return  # called every second: only a new minute changes anything
        self._overrun = minutes
        note = self.query_one("#stage-overrun", Static)
        note.set_class(minutes <= 0, "-empty")
        if minutes > 0:
            note.update(Content.styled(tr(self.lang, "overrun", minutes=minutes), "$warning"))
        self.query_one("#stage-brief", Static).update(self.brief())

    def brief(self) -> Content:
        """The short screen's status line: minutes over (if any), then the check in brief."""
        lang = self.lang
        parts = []
        if self._overrun > 0:
            parts.append(Content.styled(tr(lang, "overrun_brief", minutes=self._overrun), "bold $warning"))
        if self._gaps:
            parts.append(Content.styled(tr(lang, "missing_brief", n=len(self._gaps), first=gist(self._gaps[0])),
                                        "$warning"))
        else:
            parts.append(Content.styled(tr(lang, "ready_to_move"), "$success"))
        return Content(" · ").join(parts)
