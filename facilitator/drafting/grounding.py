"""Hold the model's answer to the meeting material, in code.

The prompt asks the model to name only owners and dates found in the material; this
module checks that it did, whatever it was told by a transcript or a case card:

- The record wins. Every item of the offline draft (the structured record plus the
  quick-capture lines) is kept as recorded; the model's version of the same item is
  only allowed to fill a missing owner or date, and only with a grounded one. Items
  the model adds are kept, and every action it adds is ``open``: no status change
  ever comes from a model.
- Every owner the model names must appear in the record, the participants, the notes
  or the transcript; every due date it gives must be a date the material states
  (relative dates resolved against the meeting date). Others stay in the draft but
  are flagged: a gap, and a visible mark in the Markdown.
- Every cited case must be one that was retrieved (or cited in the meeting); others
  are dropped with a warning.
- The Markdown is rendered by ``render_markdown`` from a copy in which URLs are put in
  code spans, so nothing the model wrote becomes a link or an image.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date

from facilitator.capture import DATE_PATTERN, resolve_date
from facilitator.drafting.offline import find_gaps, obstacle_overlap
from facilitator.drafting.render import render_markdown
from facilitator.drafting.schema import LlmAnswer, parse_due
from facilitator.model import Action, Draft, Gap, Language, LeverLine, Meeting, Responsibility
from facilitator.obstacles import classify

__all__ = ["Grounded", "Material", "build_material", "ground", "render_grounded"]

_OWNER_SPLIT = re.compile(r"\s*(?:[/、,，;；&+＋]|和|与|及|\band\b)\s*", re.I)
_DATE_RE = re.compile(DATE_PATTERN, re.I)
_URL = re.compile(r"(?:[a-z][a-z0-9+.-]{1,31}://|www\.|mailto:)[^\s<>`'\"）)\]】]*"
                  r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]")
SIMILAR = 0.5
"""Two texts are the same item when each shares at least this part of its tokens with the other..."""
CONTAINED = 0.75
"""... or when one shares this part of its tokens (at least 3) with the other."""

_MESSAGES = {
    "zh": {
        "owner": "负责人「{owner}」在会议记录、参会人、笔记和转写中都找不到，请核实（模型给出）：{text}",
        "date": "截止日期 {due} 在会议材料中找不到出处，请核实（模型给出）：{text}",
        "bad_date": "模型给出的截止日期「{due}」无法识别，已留空：{text}",
        "case": "模型引用的案例「{case}」不在检索到的案例中，已删除",
        "mark_owner": "{owner}（未核实）", "mark_date": "{text}（日期未核实）",
    },
    "en": {
        "owner": 'Owner "{owner}" appears nowhere in the record, participants, notes or transcript; '
                 "check it (named by the model): {text}",
        "date": "Due date {due} is not stated in the meeting material; check it (given by the model): {text}",
        "bad_date": 'The model gave an unreadable due date "{due}", left empty: {text}',
        "case": 'The model cited case "{case}", which was not among the retrieved cases; dropped',
        "mark_owner": "{owner} (unverified)", "mark_date": "{text} (date unverified)",
    },
}  # fmt: skip


def _key(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()


def clean(text: str) -> str:
    """Model text without control characters (no terminal escapes, no NULs)."""
    return _CONTROL.sub("", text).strip()


@dataclass
class Material:
    """What the model's owners and dates are checked against."""

    spaced: str = ""
    """All material text, NFKC, case-folded, whitespace collapsed (for word matches)."""
    compact: str = ""
    """The same without whitespace (for CJK substring matches)."""
    owners: set[str] = field(default_factory=set)
    dates: set[date] = field(default_factory=set)


def build_material(meeting: Meeting, base: Draft, texts: list[str]) -> Material:
    """Material = the record (items, participants, meeting facts) plus free texts."""
    owners: set[str] = set()
    for p in meeting.participants:
        owners.update(_key(v) for v in (p.name, p.department) if v and v.strip())
    for who in [r.owner for r in base.responsibilities] + [a.owner for a in base.actions]:
        if who:
            owners.update(_key(part) for part in _OWNER_SPLIT.split(who) if part.strip())
    record_texts = [meeting.title, meeting.customer, meeting.goal,
                    *(f"{p.name} {p.department} {p.role}" for p in meeting.participants),
                    *(f"{r.item} {r.owner or ''} {r.basis or ''}" for r in base.responsibilities),
                    *(f"{a.owner or ''} {a.action}" for a in base.actions),
                    *base.decisions, *base.obstacles, *base.open_questions]
    joined = "\n".join([*record_texts, *texts])
    norm = unicodedata.normalize("NFKC", joined).casefold()
    dates = {a.due for a in base.actions if a.due}
    dates.update(d for d in (meeting.date, meeting.deadline) if d)
    for m in _DATE_RE.finditer(unicodedata.normalize("NFKC", joined)):
        resolved = resolve_date(m.group(0), meeting.date)
        if resolved:
            dates.add(resolved)
    return Material(spaced=" ".join(norm.split()), compact=re.sub(r"\s+", "", norm),
                    owners={o for o in owners if o}, dates=dates)


def owner_grounded(owner: str, material: Material) -> bool:
    parts = [p for p in _OWNER_SPLIT.split(owner) if p.strip()]
    if not parts:
        return False
    for part in parts:
        key = _key(part)
        if key in material.owners:
            continue
        if len(key) >= 2 and any(len(k) >= 2 and (key in k or k in key) for k in material.owners):
            continue
        if key.isascii():
            words = " ".join(unicodedata.normalize("NFKC", part).casefold().split())
            if re.search(rf"(?<![\w]){re.escape(words)}(?![\w])", material.spaced):
                continue
        elif key in material.compact:
            continue
        return False
    return True


def similar(a: str, b: str) -> bool:
    """Same item: equal, or sharing most tokens, or one (of 3+ tokens) inside the other."""
    if _key(a) == _key(b):
        return True
    (ab, shared), (ba, _) = obstacle_overlap(a, b), obstacle_overlap(b, a)
    return min(ab, ba) >= SIMILAR or (shared >= 3 and max(ab, ba) >= CONTAINED)


@dataclass
class Grounded:
    draft: Draft
    unverified_owners: set[str] = field(default_factory=set)
    unverified_due: set[int] = field(default_factory=set)
    """ids (``id()``) of the draft's actions whose due date is not grounded."""


def _merge_texts(into: list[str], extra: list[str]) -> None:
    for text in extra:
        text = clean(text)
        if text and not any(similar(text, t) for t in into):
            into.append(text)


def ground(base: Draft, answer: LlmAnswer, meeting: Meeting, material: Material,
           allowed_cases: set[str]) -> Grounded:
    """The LLM draft: the record kept, the model's additions checked, gaps computed."""
    lang: Language = meeting.language if meeting.language in _MESSAGES else "zh"
    msg = _MESSAGES[lang]
    draft = Draft(mode="llm", responsibilities=[replace(r) for r in base.responsibilities],
                  actions=[replace(a) for a in base.actions], decisions=list(base.decisions),
                  obstacles=list(base.obstacles), open_questions=list(base.open_questions),
                  cited_cases=list(base.cited_cases), levers=[replace(lv) for lv in base.levers])
    result = Grounded(draft)
    flags: list[Gap] = []

    def check_owner(owner: str | None, text: str) -> str | None:
        owner = clean(owner or "") or None
        if owner and not owner_grounded(owner, material):
            result.unverified_owners.add(owner)
            flags.append(Gap("owner_unverified", msg["owner"].format(owner=owner, text=text)))
        return owner

    for r in answer.responsibilities:
        item = clean(r.item)
        if not item or any(similar(item, mine.item) for mine in draft.responsibilities):
            continue  # the record's version wins, disputes included
        owner = check_owner(r.owner, item) if r.status == "agreed" else None
        draft.responsibilities.append(Responsibility(
            item=item, owner=owner, basis=clean(r.basis or "") or None,
            status="agreed" if owner else "disputed"))

    recorded = len(draft.actions)
    for a in answer.actions:
        text = clean(a.action)
        if not text:
            continue
        due = parse_due(a.due)
        due_ok = due is None or due in material.dates
        if a.due and due is None:
            flags.append(Gap("date_unreadable", msg["bad_date"].format(due=clean(a.due), text=text)))
        match = next((m for m in draft.actions[:recorded] if similar(text, m.action)
                      and (not m.owner or not a.owner or _key(m.owner) == _key(a.owner))), None)
        if match is not None:  # the record's action: only fill blanks, only when grounded
            if match.due is None and due is not None and due_ok:
                match.due = due
            if not match.owner and a.owner and owner_grounded(clean(a.owner), material):
                match.owner = clean(a.owner)
            continue
        if any(similar(text, m.action) and _key(m.owner or "") == _key(a.owner or "")
               for m in draft.actions[recorded:]):
            continue
        action = Action(action=text, owner=check_owner(a.owner, text), due=due, status="open")
        if due is not None and not due_ok:
            result.unverified_due.add(id(action))
            flags.append(Gap("date_unverified", msg["date"].format(due=due.isoformat(), text=text)))
        draft.actions.append(action)

    _merge_texts(draft.decisions, answer.decisions)
    _merge_texts(draft.obstacles, answer.obstacles)
    draft.levers += [LeverLine(obstacle=t, kind=classify(t)) for t in draft.obstacles[len(base.obstacles):]]
    _merge_texts(draft.open_questions, answer.open_questions)
    for case in answer.cited_cases:
        case = clean(case)
        if not case or case in draft.cited_cases:
            continue
        if case in allowed_cases:
            draft.cited_cases.append(case)
        else:
            draft.warnings.append(msg["case"].format(case=case[:80]))
    unverified = result.unverified_owners
    draft.gaps = flags + [  # the method's gaps, without repeating an owner already flagged
        g for g in find_gaps(draft, meeting)
        if not (g.kind == "action_unknown_owner" and any(o in g.message for o in unverified))
    ]
    return result


def defang(text: str) -> str:
    """URLs and e-mail addresses as code spans, so no renderer turns them into links."""
    return _URL.sub(lambda m: "`" + m.group(0).replace("`", "") + "`", text)


def render_grounded(grounded: Grounded, meeting: Meeting) -> str:
    """Markdown of the draft with unverified owners and dates marked and URLs made inert."""
    lang: Language = meeting.language if meeting.language in _MESSAGES else "zh"
    msg = _MESSAGES[lang]
    d = grounded.draft

    def owner(value: str | None) -> str | None:
        if value and value in grounded.unverified_owners:
            return msg["mark_owner"].format(owner=defang(value))
        return defang(value) if value else value

    actions = []
    for a in d.actions:
        text = defang(a.action)
        if id(a) in grounded.unverified_due:
            text = msg["mark_date"].format(text=text)
        actions.append(replace(a, action=text, owner=owner(a.owner)))
    view = replace(
        d,
        responsibilities=[replace(r, item=defang(r.item), owner=owner(r.owner),
                                  basis=defang(r.basis) if r.basis else r.basis)
                          for r in d.responsibilities],
        actions=actions,
        decisions=[defang(t) for t in d.decisions],
        obstacles=[defang(t) for t in d.obstacles],
        open_questions=[defang(t) for t in d.open_questions],
        gaps=[Gap(g.kind, defang(g.message)) for g in d.gaps],
        warnings=[defang(w) for w in d.warnings],
        cited_cases=[defang(c) for c in d.cited_cases],
        levers=[replace(lv, obstacle=defang(lv.obstacle), resource=defang(lv.resource) if lv.resource else None)
                for lv in d.levers],
    )
    return render_markdown(view, meeting)
