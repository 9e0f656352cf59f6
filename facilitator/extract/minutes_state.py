"""Where the walk through minutes stands, and how a found item is recorded in it.

The minutes reader and its helpers (sections, chat, prose, tables) all append to the same
list of suggestions and mark the same cues as used; this module holds that shared state
and the three ways an item enters it, so each reader records items alike (a 责任人 line
written before its item joins the action it belongs to; an undecided "decision" is none).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from facilitator.extract.minutes_fields import (
    People,
)
from facilitator.extract.minutes_items import (
    _NOT_DECIDED,
    Parsed,
)
from facilitator.extract.minutes_layout import (
    Line,
    Section,
)
from facilitator.model import Captured, Suggestion


@dataclass
class State:
    """Where the walk through the minutes stands: the section (and how it was opened, so a
    list written with bullets ends at the first line without one), the item last read (a
    责任人 / 完成时间 line below completes it), the table header in force, and what was found."""

    section: Section | None = None
    from_inline: bool = False
    bullets: bool = False
    group_owner: str | None = None
    group_indent: int = -1
    """A group named by a bullet holds only the points indented below it; -1: all that follow."""
    last: Suggestion | None = None
    last_line: Line | None = None
    columns: dict[str, int] | None = None
    table_kind: Section | None = None
    header_line: int = -1
    """The line of the table header in force."""
    pending: tuple[str | None, date | None, Line] | None = None
    """Owner and due written on a line before their item (``责任人：X`` then ``事项：A``)."""
    labelled: dict[int, set[str]] = field(default_factory=dict)
    code: bool = False
    decided_line: int = -2
    """The line where prose last said a decision: the settled sentences that follow it go on with it."""
    item: Suggestion | None = None
    """The last item read under the current heading (sub-points indented below it join it)."""
    item_indent: int = 0
    found: list[Suggestion] = field(default_factory=list)
    used: set[int] = field(default_factory=set)
    chat_list: tuple[str, Section] | None = None
    """Who announced a list in a chat (``翟工：今天协调会的结论同步一下👇``) and its kind."""
    head_text: str | None = None
    """The words of the plain heading in force (``会议纪要``), for lists that name no kind."""
    topic: bool = False
    """The plain heading in force names one topic (``一、关于值班安排``): its lines are points."""
    mail: bool = False
    """The page is a mail (a ``From:`` line): its ``Topic:`` labels are nobody's messages."""
    chat: bool = False
    """The page is a chat paste (see :func:`.minutes._is_chat`)."""
    recent: list[Line] = field(default_factory=list)
    """The last lines read, newest last (a yes in a chat looks back at what it answers)."""
    bosses: set[str] = field(default_factory=set)
    """Who said yes to a proposal in a chat: their word settles what they answer."""
    standup: str | None = None
    """The person whose turn of a standup is being read (a line with their name alone, then
    ``Yesterday: …`` / ``Today: …`` / ``Blockers: …``)."""
    head_number: int | None = None
    """The number of the numbered title that opened the section (``1. Minutes of the previous
    meeting``): the next number at the margin (``2. Capital expenditure``) closes it."""


def _suggest(state: State, captured: Captured, lines: Sequence[Line], confidence: float) -> Suggestion:
    s = Suggestion(
        captured=captured, quote="\n".join(ln.quote for ln in lines),
        cues=tuple(ln.index for ln in lines), speaker=lines[0].person, confidence=confidence,
    )
    state.found.append(s)
    state.used.update(ln.index for ln in lines)
    return s


def add_action(state: State, parsed: Parsed, line: Line, people: People, confidence: float) -> Suggestion:
    lines = [line]
    labelled: set[str] = set()
    if state.pending is not None:
        owner_first, due_first, field_line = state.pending
        state.pending = None
        parsed.owner = parsed.owner or owner_first
        parsed.due = parsed.due or due_first
        lines.insert(0, field_line)
        labelled = {k for k, v in (("owner", owner_first), ("due", due_first)) if v}
    owner = people.normalise(parsed.owner)
    if owner is None:
        confidence = min(confidence, 0.6)
    made = None
    for text in _errands(parsed.text):
        captured = Captured(kind="action", text=text, owner=owner, due=parsed.due, raw=line.quote)
        made = _suggest(state, captured, lines, confidence)
    assert made is not None
    if labelled:
        state.labelled[id(made)] = labelled
    return made


_ANOTHER_ERRAND = re.compile(r"[，,；;]\s*(?:并且?顺便|同时|顺便|另外)(?:还|也)?(?:要|需)?\s*(?=[\u4e00-\u9fff])")


def _errands(text: str) -> list[str]:
    """``去学校补量尺寸，同时把补充协议带过去``: two errands for the same person by the same
    day, each a task of its own (it is ticked off on its own); one text when there is one."""
    parts = [p.strip() for p in _ANOTHER_ERRAND.split(text)]
    return parts if len(parts) >= 2 and all(len(p) >= 4 for p in parts) else [text]


def add_item(state: State, kind: str, text: str, line: Line, confidence: float) -> Suggestion | None:
    if kind == "decision":
        # the line up to the decision's first clause: "青贮比例上调到40%，观察两周再定是否继续加"
        # settles the ratio; the review after it leaves nothing open
        first = re.split(r"[，,；;。]", text, maxsplit=1)[0].split("：")[-1]
        at = line.body.find(first) if first else -1
        if _NOT_DECIDED.search(line.body if at < 0 else line.body[: at + len(first)]):
            return None  # 午餐安排由行政视情况决定: left to be decided, not decided
    return _suggest(state, Captured(kind=kind, text=text, raw=line.quote), [line], confidence)  # type: ignore[arg-type]


def join_line(state: State, item: Suggestion, line: Line) -> None:
    """``line`` adds to an item already found (a reply that dates it, a wrapped line, its
    责任人 field): its words join the item's quote and its cue counts as read."""
    item.quote += "\n" + line.quote
    item.cues = (*item.cues, line.index)
    state.used.add(line.index)
