"""Deterministic offline drafter: no network, no model, same input -> same draft.

It is what the user gets when no LLM is configured and what they fall back to when
the LLM fails (design.md section 7), so it must never lose anything the facilitator
typed. It gathers the structured record plus any quick-capture lines still sitting in
the notes, and then does the one thing a tired facilitator forgets after the meeting:
it checks the record against the method (design.md section 1) and lists the **gaps**
- ownership still disputed, actions without an owner or a date, obstacles nobody is
acting on, stages of the method left empty.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date

from facilitator.capture import parse_lines
from facilitator.drafting.render import render_markdown
from facilitator.library.lexical import tokenize
from facilitator.model import (
    Action,
    Captured,
    Draft,
    Gap,
    ItemSource,
    Language,
    Lever,
    LeverLine,
    Meeting,
    Responsibility,
)
from facilitator.obstacles import UNKNOWN, classify
from facilitator.textforms import text_key

__all__ = [
    "GAP_KINDS",
    "OBSTACLE_OVERLAP_THRESHOLD",
    "draft_offline",
    "find_gaps",
    "obstacle_overlap",
]

# An obstacle counts as addressed by an action when at least this share of the
# obstacle's tokens (Chinese character bigrams, English word stems) occur in the action,
# or when they share at least _MIN_SHARED_TOKENS tokens.
OBSTACLE_OVERLAP_THRESHOLD = 0.2
_MIN_SHARED_TOKENS = 3

GAP_KINDS = (
    "responsibility_disputed",
    "responsibility_unowned",
    "action_no_owner",
    "action_no_due",
    "action_unknown_owner",
    "action_after_deadline",
    "obstacle_unaddressed",
    "obstacle_no_lever",
    "lever_no_owner",
    "empty_boundaries",
    "empty_obstacles",
    "empty_solution",
    "empty_assign",
)

_MESSAGES: dict[str, dict[str, str]] = {
    "zh": {
        "responsibility_disputed": "责任归属待定：「{item}」需要对照流程标准明确由哪个部门负责",
        "responsibility_unowned": "责任无人认领：「{item}」还没有负责方",
        "action_no_owner": "行动项没有负责人：{action}",
        "action_no_due": "行动项缺少截止日期：{owner} — {action}",
        "action_unknown_owner": "负责人「{owner}」既不是参会人，也不是责任边界中的部门：{action}",
        "action_after_deadline": "行动项的截止 {due} 晚于客户的交付期限 {deadline}：{owner} — {action}",
        "obstacle_unaddressed": "障碍还没有解决路径（用「资源：…」记下调动什么来消除它）：{obstacle}",
        "obstacle_no_lever": "障碍已有行动项，但还没有记下调动的资源（资源：…）：{obstacle}",
        "lever_no_owner": "资源还没有人负责去争取：{resource}",
        "empty_boundaries": "「划定责任边界」环节为空：还没有记录任何事项的归属",
        "empty_obstacles": "「找到真实障碍」环节为空：还没有找出卡住交付的真正原因",
        "empty_solution": "「主导解决方案」环节为空：还没有形成任何决定",
        "empty_assign": "「分派与跟踪」环节为空：还没有带负责人和日期的行动项",
    },
    "en": {
        "responsibility_disputed": (
            'Ownership disputed: "{item}" needs an owner agreed against the process standard'
        ),
        "responsibility_unowned": 'Nobody owns "{item}" yet',
        "action_no_owner": "Action has no owner: {action}",
        "action_no_due": "Action has no due date: {owner} — {action}",
        "action_unknown_owner": (
            'Owner "{owner}" is neither a participant nor a department in the '
            "responsibility boundaries: {action}"
        ),
        "action_after_deadline": "Action due {due}, after the customer's deadline {deadline}: {owner} — {action}",
        "obstacle_unaddressed": "Nothing removes the obstacle yet (record the lever with "
        "Resource: …): {obstacle}",
        "obstacle_no_lever": "The obstacle has an action but no lever recorded (Resource: …): {obstacle}",
        "lever_no_owner": "Nobody owns securing the resource: {resource}",
        "empty_boundaries": "Stage 'draw the responsibility boundaries' is empty: "
        "no ownership has been recorded",
        "empty_obstacles": "Stage 'find the real obstacle' is empty: "
        "the cause behind the stall has not been named",
        "empty_solution": "Stage 'lead the solution' is empty: no decision has been recorded",
        "empty_assign": "Stage 'assign and track' is empty: no action with an owner and a date",
    },
}

# Chinese function characters: bigrams containing them carry little meaning
_OWNER_SPLIT = re.compile(r"\s*(?:[/、,，;；&+＋]|和|与|及|\band\b)\s*", re.I)


# --------------------------------------------------------------------------- merging


class _Collector:
    """Accumulates items into a draft, dropping duplicates (same kind + same text).

    A later duplicate may still complete an earlier item: an owner for a disputed
    responsibility settled later in the meeting, a date for an undated action.
    """

    def __init__(self, draft: Draft) -> None:
        self.draft = draft
        self.seen: set[tuple[str, ...]] = set()
        self.responsibilities: dict[str, Responsibility] = {}
        self.actions: dict[tuple[str, str], Action] = {}
        self.kinds: dict[str, str] = {}
        """Obstacle text key -> kind."""
        self.levers: list[tuple[str | None, Lever]] = []
        """(obstacle text or None when unattached, lever), in record order."""
        self._lever_keys: set[tuple[str, str]] = set()
        self.last_obstacle: str | None = None
        """The obstacle a lever typed in free notes belongs to: the latest one before it."""

    def obstacle(self, text: str, kind: str | None) -> None:
        self.text("obstacle", text, self.draft.obstacles)
        key = text_key(text)
        if key and (key not in self.kinds or self.kinds[key] == UNKNOWN):
            self.kinds[key] = kind or classify(text)

    def lever(self, obstacle: str | None, lv: Lever) -> None:
        key = (text_key(obstacle or ""), text_key(lv.resource))
        if not key[1] or key in self._lever_keys:
            return
        self._lever_keys.add(key)
        self.levers.append((obstacle, lv))

    def _new(self, *key: str) -> bool:
        if key in self.seen:
            return False
        self.seen.add(key)
        return True

    def responsibility(self, r: Responsibility) -> None:
        key = text_key(r.item)
        if not key:
            return
        earlier = self.responsibilities.get(key)
        if earlier is None:
            self.responsibilities[key] = replace(r)
            self.draft.responsibilities.append(self.responsibilities[key])
        elif (earlier.status == "disputed" or not earlier.owner) and (
            r.status == "agreed" and r.owner
        ):
            earlier.owner, earlier.status = r.owner, "agreed"
            earlier.basis = earlier.basis or r.basis

    def action(self, a: Action) -> None:
        # the owner is part of an action's text ("@吴工: 复核" and "@郑工: 复核" differ)
        key = (text_key(a.owner or ""), text_key(a.action))
        if not key[1]:
            return
        earlier = self.actions.get(key)
        if earlier is None:
            self.actions[key] = replace(a)
            self.draft.actions.append(self.actions[key])
        elif earlier.due is None and a.due is not None:
            earlier.due = a.due

    def text(self, kind: str, text: str, into: list[str]) -> None:
        if text.strip() and self._new(kind, text_key(text)):
            into.append(text)

    def captured(self, c: Captured, quote: str | None = None, source: ItemSource = "typed",
                 lever_action: bool = True) -> None:
        if c.kind == "responsibility":
            status = c.status or ("agreed" if c.owner else "disputed")
            self.responsibility(Responsibility(c.text, c.owner, c.basis, status, quote=quote, source=source))
        elif c.kind == "action":
            self.action(Action(action=c.text, owner=c.owner, due=c.due, quote=quote, source=source))
        elif c.kind == "decision":
            self.text("decision", c.text, self.draft.decisions)
        elif c.kind == "obstacle":
            self.obstacle(c.text, c.obstacle_kind)
            self.last_obstacle = c.text
        elif c.kind == "lever":
            lv = Lever(resource=c.text, holder=c.holder, presolves=c.presolves, owner=c.owner, due=c.due,
                       quote=quote, source=source)
            self.lever(self.last_obstacle or (self.draft.obstacles[-1] if self.draft.obstacles else None), lv)
            if c.owner and lever_action:
                self.action(Action(action=c.text, owner=c.owner, due=c.due, quote=quote, source=source))
        elif c.kind == "question":
            self.text("question", c.text, self.draft.open_questions)


def _unique(values: Iterable[str]) -> list[str]:
    out: list[str] = []
    for value in values:
        if value and value not in out:
            out.append(value)
    return out


# --------------------------------------------------------------------------- gaps


def obstacle_overlap(obstacle: str, action: str) -> tuple[float, int]:
    """(share of the obstacle's tokens found in the action, number shared)."""
    mine = set(tokenize(obstacle))
    if not mine:
        return 0.0, 0
    shared = len(mine & set(tokenize(action)))
    return shared / len(mine), shared


def _addressed(obstacle: str, actions: list[Action]) -> bool:
    for a in actions:
        share, shared = obstacle_overlap(obstacle, a.action)
        if share >= OBSTACLE_OVERLAP_THRESHOLD or shared >= _MIN_SHARED_TOKENS:
            return True
    return False


def _known_owners(draft: Draft, meeting: Meeting) -> set[str]:
    known: set[str] = set()
    for p in meeting.participants:
        known.update(text_key(v) for v in (p.name, p.department) if v and v.strip())
    for r in draft.responsibilities:
        if r.owner and r.owner.strip():
            known.update(text_key(part) for part in _OWNER_SPLIT.split(r.owner) if part.strip())
    known.update(text_key(name) for name in draft.known_owners)
    return known


def _owner_known(owner: str, known: set[str]) -> bool:
    parts = [text_key(p) for p in _OWNER_SPLIT.split(owner) if p.strip()]
    if not parts:
        return False
    for part in parts:
        if part in known:
            continue
        # "生产" vs "生产部", "Zhang" vs "Zhang Wei": containment, never on one letter
        if len(part) >= 2 and any(len(k) >= 2 and (part in k or k in part) for k in known):
            continue
        return False
    return True


def find_gaps(draft: Draft, meeting: Meeting) -> list[Gap]:
    """What the record still lacks, by the method's standards, in the meeting's language."""
    lang: Language = meeting.language if meeting.language in _MESSAGES else "zh"
    messages = _MESSAGES[lang]
    found = [*_responsibility_gaps(draft), *_action_gaps(draft, meeting), *_obstacle_gaps(draft),
             *_empty_stages(draft)]
    return [Gap(kind, messages[kind].format(**values)) for kind, values in found]


_Found = tuple[str, dict[str, str]]
"""A gap before it is worded: its kind and the values its message names."""


def _responsibility_gaps(draft: Draft) -> Iterator[_Found]:
    for r in draft.responsibilities:
        if r.status == "disputed":
            yield "responsibility_disputed", {"item": r.item}
        elif not (r.owner and r.owner.strip()):
            yield "responsibility_unowned", {"item": r.item}


def _action_gaps(draft: Draft, meeting: Meeting) -> Iterator[_Found]:
    """Open actions without an owner the meeting knows, without a date, or due too late."""
    known = _known_owners(draft, meeting)
    for a in (a for a in draft.actions if a.status == "open"):
        owner = (a.owner or "").strip()
        if not owner:
            yield "action_no_owner", {"action": a.action}
        elif not _owner_known(owner, known):
            yield "action_unknown_owner", {"owner": owner, "action": a.action}
        if a.due is None:
            yield "action_no_due", {"owner": owner or "?", "action": a.action}
        elif meeting.deadline is not None and a.due > meeting.deadline:
            yield "action_after_deadline", {"due": a.due.isoformat(), "deadline": meeting.deadline.isoformat(),
                                            "owner": owner or "?", "action": a.action}


def _obstacle_gaps(draft: Draft) -> Iterator[_Found]:
    """Obstacles with no lever (and whether an action at least addresses them), levers with no owner."""
    live_actions = [a for a in draft.actions if a.status != "dropped"]
    with_lever = {text_key(row.obstacle) for row in draft.levers if row.resource and row.obstacle}
    for obstacle in draft.obstacles:
        if text_key(obstacle) in with_lever:
            continue
        kind = "obstacle_no_lever" if _addressed(obstacle, live_actions) else "obstacle_unaddressed"
        yield kind, {"obstacle": obstacle}
    for row in draft.levers:
        if row.resource and not (row.owner or "").strip():
            yield "lever_no_owner", {"resource": row.resource}


def _empty_stages(draft: Draft) -> Iterator[_Found]:
    """The stages of the method the record says nothing about."""
    for kind, items in (("empty_boundaries", draft.responsibilities), ("empty_obstacles", draft.obstacles),
                        ("empty_solution", draft.decisions), ("empty_assign", draft.actions)):
        if not items:
            yield kind, {}


def lever_lines(
    obstacles: list[str], kinds: dict[str, str], levers: list[tuple[str | None, Lever]]
) -> list[LeverLine]:
    """The "real obstacles and levers" rows: each obstacle with its levers (a row without
    a resource when it has none), then levers not attached to any obstacle."""
    rows: list[LeverLine] = []
    for text in obstacles:
        kind = kinds.get(text_key(text), UNKNOWN)
        mine = [lv for owner_text, lv in levers if owner_text is not None and text_key(owner_text) == text_key(text)]
        if not mine:
            rows.append(LeverLine(obstacle=text, kind=kind))
        for lv in mine:
            rows.append(LeverLine(obstacle=text, kind=kind, resource=lv.resource, holder=lv.holder,
                                  presolves=lv.presolves, owner=lv.owner, due=lv.due, quote=lv.quote,
                                  source=lv.source))
    known = {text_key(t) for t in obstacles}
    for owner_text, lv in levers:
        if owner_text is None or text_key(owner_text) not in known:
            rows.append(LeverLine(obstacle=owner_text or "", kind=kinds.get(text_key(owner_text or ""), UNKNOWN),
                                  resource=lv.resource, holder=lv.holder, presolves=lv.presolves,
                                  owner=lv.owner, due=lv.due, quote=lv.quote, source=lv.source))
    return rows


# --------------------------------------------------------------------------- entry


def draft_offline(
    meeting: Meeting,
    extra_text: str | None = None,
    ref_date: date | None = None,
    cited_cases: list[str] | None = None,
    case_titles: dict[str, str] | None = None,
    known_owners: list[str] | None = None,
) -> Draft:
    """Draft the meeting summary without any model.

    Structured items of ``meeting`` come first, then quick-capture lines found in its
    notes and in ``extra_text`` (relative dates resolved against ``ref_date``, else the
    meeting's date, else today); duplicates count once. ``cited_cases`` are added to
    the meeting's own; ``case_titles`` (card titles by id, from the caller's library)
    name them in the summary; ``known_owners`` (the user, the ``[people]`` directory) are
    owners as known as the participants.
    """
    ref = ref_date or meeting.date
    draft = Draft(mode="offline", known_owners=list(known_owners or []))
    collect = _Collector(draft)
    for r in meeting.responsibilities:
        collect.responsibility(r)
    for a in meeting.actions:
        collect.action(a)
    for item in meeting.decisions:
        collect.text("decision", item.text, draft.decisions)
    by_id = {}
    for item in meeting.obstacles:
        collect.obstacle(item.text, item.kind)
        if item.id is not None:
            by_id[item.id] = item.text
    for lv in meeting.levers:
        collect.lever(by_id.get(lv.obstacle_id) if lv.obstacle_id is not None else None, lv)
    for item in meeting.open_questions:
        collect.text("question", item.text, draft.open_questions)

    texts = [note.text for note in meeting.notes]
    if extra_text:
        texts.append(extra_text)
    for text in texts:
        for c in parse_lines(text, ref):
            collect.captured(c)
    # what the extractor understood and nobody has accepted or dismissed yet: included, marked
    # as extracted with its quote (a typed item with the same text comes first and wins)
    for s in meeting.suggestions:
        if s.state == "pending" and s.captured.kind != "note":
            # a suggested lever stays a lever (with its owner) until accepted: it becomes a
            # tracked action then, as a typed one does, not in a summary of suggestions
            collect.captured(s.captured, quote=s.quote or None, source="extracted", lever_action=False)
            draft.extracted.append(s)

    draft.levers = lever_lines(draft.obstacles, collect.kinds, collect.levers)

    draft.cited_cases = _unique([*meeting.cited_cases, *(cited_cases or [])])
    draft.case_titles = dict(case_titles or {})
    draft.gaps = find_gaps(draft, meeting)
    draft.markdown = render_markdown(draft, meeting)
    return draft
