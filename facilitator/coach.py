"""The coach: what to ask next in this stage and, in stages 3 to 5, levers drawn from cases.

A salesperson in the chair rarely lacks the method; what they lack in the moment is the
next concrete move: the question that gets behind "no budget", the senior colleague or
approval that removes it, the part of the other side's worry to take off their hands.
Past cases hold exactly those moves. The coach reads them out of the cases matched to
this meeting (``library/meeting_query.py``), every suggestion citing its case, so the
user can open the card and judge. Nothing here writes to the record: a suggestion
enters it only when the user types or accepts it.

Offline, suggestions are sentences taken from the cases' real-obstacle, resolution and
lesson sections; with an LLM (``coach_llm.py``) the model writes them from the same
cases and any suggestion that cites no given case is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from facilitator.library.cards import title_in
from facilitator.model import Case, JsonShaped, Meeting
from facilitator.obstacles import UNKNOWN, classify
from facilitator.playbook import Stage, checks, default_playbook

if TYPE_CHECKING:
    from facilitator.library.meeting_query import MeetingHit

__all__ = ["COACHED_STAGES", "Coaching", "Suggestion", "coach_offline"]

COACHED_STAGES = ("boundaries", "obstacle", "solution")
"""Stages 3 to 5 of the agenda: where cases suggest levers."""

SuggestionKind = Literal["question", "resource", "presolve"]

_TEMPLATES = {
    "zh": {
        "question": "追问真实障碍：在「{title}」里，真正挡路的是——{text}我们这次是不是同一回事？",
        "resource": "可以调动的资源（参考「{title}」）：{text}",
        "presolve": "先替对方解决（参考「{title}」）：{text}",
    },
    "en": {
        "question": "Ask for the real obstacle: in “{title}” what really blocked was: {text} Is it the same here?",
        "resource": "A resource to mobilise (as in “{title}”): {text}",
        "presolve": "Solve it for them first (as in “{title}”): {text}",
    },
}
# a card in the other language is named by its title (in the reader's language where it has
# one) and never pasted into a sentence of this one: the reader opens it to read the move
_FOREIGN = {
    "zh": {
        "question": "追问真实障碍：{lang}案例「{title}」里真正挡路的是什么？我们这次是不是同一回事？",
        "resource": "可以调动的资源：看{lang}案例「{title}」的解决办法，调动了什么资源、由谁出面。",
        "presolve": "先替对方解决：看{lang}案例「{title}」怎样先替对方扫清顾虑。",
    },
    "en": {
        "question": "Ask for the real obstacle: what really blocked in the {lang} case “{title}”? Is it the same here?",
        "resource": "A resource to mobilise: see how the {lang} case “{title}” got out, which resource and who held it.",
        "presolve": "Solve it for them first: see how the {lang} case “{title}” cleared the other side's worry first.",
    },
}
_FOREIGN_LEVER = {"zh": "见{lang}案例「{title}」", "en": "see the {lang} case “{title}”"}
"""What accepting a foreign card's suggestion puts after ``资源：``: the card by its title, for
the user to write the resource in their words (the card's own sentence is another language)."""
_LANG_NAME = {"zh": {"en": "英文", "zh": "中文"}, "en": {"zh": "Chinese", "en": "English"}}
# a lever worth quoting names a resource beyond the two departments and who holds it
_HOLDER = re.compile(
    r"老领导|领导|高层|同事|副总|总经理|总监|经理|主管|专家|顾问|经纪|代理商|经销商|分销商|集团|兄弟|协会|"
    r"原厂|厂家|服务商|实验室|机构|客户的|"
    r"colleague|director|\bVP\b|manager|partner|consultant|broker|insurer|chamber|association|"
    r"provider|agent|distributor|lab\b|laborator", re.I)
_RESOURCE = re.compile(
    r"认识|熟悉|老朋友|关系|人脉|网络|渠道|牵线|推荐|签批|批准|出面|合作|借|"
    r"network|contacts|knew|relationship|approv|introduc|referr|programme|program|credits", re.I)
# sentences of a resolution or lesson that speak of the other side's worry or of paving the way
_PRESOLVE_WORDS = re.compile(
    r"替|先|帮|顾虑|担心|铺路|解除|兜底|承担|worr|fear|concern|for them|so that|in advance|first", re.I
)
_SENTENCE_END = re.compile(r"(?<=[。！？!?])|(?<=\.)\s+(?=[A-Z\"“(])")


@dataclass
class Suggestion(JsonShaped):
    text: str
    case_id: str | None
    kind: SuggestionKind = "resource"
    move: str = ""
    """The case's own sentence behind it (the model's text for an LLM suggestion)."""
    lever: str = ""
    """What accepting it puts after ``资源：`` when that is not ``move``: a card in another
    language is referred to by its title, never pasted into the line (issue 24)."""

    JSON_KEYS = ("text", "case_id", "kind")

    def capture_line(self, lang: str) -> str:
        """What accepting it puts in the input: a lever line to rewrite, or the question."""
        if self.kind == "question":
            return self.text
        return f"{'资源：' if lang == 'zh' else 'Resource: '}{self.lever or self.move or self.text}"


@dataclass
class Coaching(JsonShaped):
    """What the coach shows for one stage (``coach --json``)."""

    stage: str
    questions: list[str]
    """The stage's questions, then what its checks still find missing."""
    obstacles: list[tuple[str, str]]
    cases: list[MeetingHit]
    """The meeting's matched cases (``MeetingHit``), best first."""
    suggestions: list[Suggestion] = field(default_factory=list)
    mode: Literal["offline", "llm"] = "offline"
    warning: str | None = None
    """Why the LLM's suggestions are not shown (the offline ones stand in)."""

    JSON_KEYS = ("stage", "obstacles=obstacle_rows", "cases", "suggestions", "questions", "mode", "warning")

    @property
    def obstacle_rows(self) -> list[dict[str, str]]:
        return [{"text": t, "kind": k} for t, k in self.obstacles]


def _sentences(text: str) -> list[str]:
    flat = re.sub(r"\s+", " ", text).strip()
    # Chinese ends a sentence with 。！？; English with a full stop before a capital (not "2.5", "e.g. the")
    found = [s.strip() for s in _SENTENCE_END.split(flat) if len(s.strip()) > 4]
    return found or ([flat] if flat else [])


def _short(sentence: str, limit: int = 110) -> str:
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"


def _moves(case: Case) -> dict[SuggestionKind, str]:
    """The three kinds of move one case can teach, where its card has them."""
    moves: dict[SuggestionKind, str] = {}
    obstacle = _sentences(case.sections.get("obstacle", ""))
    if obstacle:
        moves["question"] = _short(obstacle[0])
    resolution = _sentences(case.sections.get("resolution", ""))
    if resolution:
        moves["resource"] = _short(_lever_sentence(resolution))
    tail = resolution[1:] + _sentences(case.sections.get("lesson", ""))
    presolve = next((s for s in tail if _PRESOLVE_WORDS.search(s)), None)
    if presolve:
        moves["presolve"] = _short(presolve)
    return moves


def _lever_sentence(sentences: list[str]) -> str:
    """The resolution's sentence that names the resource and who holds it (the senior
    colleague who knows suppliers, the executive who signs), not its opening summary
    ("the salesperson went outside the two departments"): the first with the most of
    holder and resource words, a sentence too short to say either counting for nothing."""
    def score(sentence: str) -> int:
        if len(sentence) < 14:
            return 0
        return 2 * bool(_HOLDER.search(sentence)) + bool(_RESOURCE.search(sentence))

    best = max(range(len(sentences)), key=lambda i: (score(sentences[i]), -i))
    return sentences[best]


# which moves each coached stage draws, per case in rank order (at most four in all)
_PLAN: dict[str, list[tuple[int, SuggestionKind]]] = {
    "boundaries": [(0, "question"), (1, "question")],
    "obstacle": [(0, "question"), (0, "resource"), (1, "resource"), (1, "question")],
    "solution": [(0, "resource"), (0, "presolve"), (1, "resource"), (1, "presolve")],
}


def stage_questions(stage: Stage, meeting: Meeting) -> list[str]:
    lang = meeting.language if meeting.language in ("zh", "en") else "zh"
    return [*stage.questions(lang), *(c.message for c in checks(stage, meeting))]


def coach_offline(meeting: Meeting, stage_id: str | None, cases: list[MeetingHit], cards: dict[str, Case]) -> Coaching:
    """Questions for the stage and, in stages 3 to 5, two to four suggestions taken from
    the matched cases (``cases``: hits with ``case_id``; ``cards`` their full text)."""
    stages = {s.id: s for s in default_playbook()}
    stage = stages.get(stage_id or meeting.stage) or stages[meeting.stage]
    lang = meeting.language if meeting.language in _TEMPLATES else "zh"
    coaching = Coaching(
        stage=stage.id, questions=stage_questions(stage, meeting),
        obstacles=[(o.text, o.kind or classify(o.text) or UNKNOWN) for o in meeting.obstacles],
        cases=list(cases),
    )
    if stage.id not in COACHED_STAGES:
        return coaching
    usable = [cards[h.case_id] for h in cases if h.case_id in cards]
    for rank, kind in _PLAN[stage.id]:
        if rank >= len(usable):
            continue
        case = usable[rank]
        move = _moves(case).get(kind)
        if move is None and kind == "presolve":  # a card without one: its lever instead
            kind, move = "resource", _moves(case).get("resource")
        if move is None or any(s.case_id == case.id and s.kind == kind for s in coaching.suggestions):
            continue
        lever = ""
        if case.lang != lang:
            named = {"title": title_in(case, lang), "lang": _LANG_NAME[lang][case.lang]}
            text, lever = _FOREIGN[lang][kind].format(**named), _FOREIGN_LEVER[lang].format(**named)
        else:
            text = _TEMPLATES[lang][kind].format(title=case.title, text=move)
        coaching.suggestions.append(Suggestion(text=text, case_id=case.id, kind=kind, move=move, lever=lever))
    return coaching
