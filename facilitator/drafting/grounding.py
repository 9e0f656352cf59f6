"""Hold the model's answer to the meeting material, in code.

The prompt asks the model for what the record lacks and for the words each item came
from; this module checks every claim, whatever the model was told by a transcript or
a case card:

- What was typed is never changed. Every item of the offline draft (the structured
  record plus the quick-capture lines) is kept exactly as recorded. When the model
  offers an owner or a date for a typed item that lacks one, the item stays as it
  was and keeps its gap; the suggestion and its quote are shown beside the gap.
- The model's items are matched to typed ones and to each other by meaning, not by
  spelling: texts by token overlap, owners by who they are (``采购部刘经理``,
  ``刘经理`` and ``@采购部`` are one owner when the participants list puts 刘经理 in
  采购部). A match is merged, so nothing is recorded twice.
- Every item the model adds carries its quote, which must be found in the material;
  its owner must be a participant, a speaker or an owner of the record (a word that
  merely occurs somewhere, such as 供应商, is not an owner); its due date must be
  said in its quote; its basis must be stated in the material. Anything else stays
  visible but flagged, with the reason, in the gaps and the Markdown.
- Every cited case must be one that was retrieved (or cited in the meeting).
- The Markdown is rendered by ``render_markdown`` from a copy in which URLs are put in
  code spans, so nothing the model wrote becomes a link or an image.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from facilitator.capture import DATE_PATTERN, resolve_date
from facilitator.drafting.offline import find_gaps, obstacle_overlap
from facilitator.drafting.render import render_markdown
from facilitator.drafting.schema import LlmAction, LlmAnswer, LlmResponsibility, LlmText, parse_due
from facilitator.drafting.windows import stamp_of
from facilitator.model import (
    Action,
    Draft,
    Evidence,
    Gap,
    Language,
    LeverLine,
    Meeting,
    Responsibility,
)
from facilitator.obstacles import classify
from facilitator.textforms import fold, nfkc, spaced, text_key

__all__ = ["Grounded", "Material", "People", "build_material", "ground", "render_grounded", "similar"]

_OWNER_SPLIT = re.compile(r"\s*(?:[/、,，;；&+＋]|和|与|及|\band\b)\s*", re.I)
_DATE_RE = re.compile(DATE_PATTERN, re.I)
_URL = re.compile(r"(?:[a-z][a-z0-9+.-]{1,31}://|www\.|mailto:)[^\s<>`'\"）)\]】]*"
                  r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]")
_DEPT_SUFFIX = re.compile(r"(?:部门|部|科|处|组|室|中心|车间)$")
_TITLES = re.compile(r"经理|主管|主任|总监|老师|工程师|负责人|同事|团队|那边|这边|方面|的|老|小|总|工"
                     r"|\b(?:mr|ms|mrs|dr|the|team|dept|department|from|of|in)\b", re.I)
_PUNCT = " \t()（）[]【】<>《》.,，。:：;；'\"-–—·/"
SIMILAR = 0.5
"""Two texts are the same item when they share at least this part of their tokens..."""
CONTAINED = 0.66
"""... or when the shorter one's tokens (at least 2) are mostly inside the longer one."""
QUOTE_FOUND = 0.8
"""A quote not found verbatim counts as found when this share of its tokens is in one line."""

_MESSAGES = {
    "zh": {
        "owner": "负责人「{owner}」不是参会人、发言人，也不是记录中的负责方，请核实（模型给出）：{text}",
        "date": "截止日期 {due} 不在这一条的原话里，请核实（模型给出）：{text}",
        "bad_date": "模型给出的截止日期「{due}」无法识别，已留空：{text}",
        "basis": "依据「{basis}」在会议材料中找不到，请核实（模型给出）：{text}",
        "quote": "模型给出的原话在会议材料中找不到，请核实：{text}",
        "no_quote": "模型没有给出原话，无从核对：{text}",
        "suggest_due": "已记录的行动仍缺截止日期：{text}；模型从原话「{quote}」读出 {due}，核实后请自行补上",
        "suggest_owner": "已记录的行动仍缺负责人：{text}；模型认为是「{owner}」（原话「{quote}」），核实后请自行补上",
        "case": "模型引用的案例「{case}」不在检索到的案例中，已删除",
        "mark_owner": "{owner}（未核实）", "mark_date": "{text}（日期未核实）",
        "mark_basis": "{basis}（依据未核实）",
    },
    "en": {
        "owner": 'Owner "{owner}" is neither a participant, a speaker nor an owner in the record; '
                 "check it (named by the model): {text}",
        "date": "Due date {due} is not in this item's quote; check it (given by the model): {text}",
        "bad_date": 'The model gave an unreadable due date "{due}", left empty: {text}',
        "basis": 'Basis "{basis}" is stated nowhere in the meeting material; check it (given by the model): {text}',
        "quote": "The model's quote is not in the meeting material; check it: {text}",
        "no_quote": "The model gave no quote, so this cannot be checked: {text}",
        "suggest_due": 'The recorded action still has no due date: {text}; the model read {due} from "{quote}" '
                       "- check it and fill it in yourself",
        "suggest_owner": 'The recorded action still has no owner: {text}; the model named "{owner}" '
                         '(from "{quote}") - check it and fill it in yourself',
        "case": 'The model cited case "{case}", which was not among the retrieved cases; dropped',
        "mark_owner": "{owner} (unverified)", "mark_date": "{text} (date unverified)",
        "mark_basis": "{basis} (basis unverified)",
    },
}  # fmt: skip


def clean(text: str) -> str:
    """Model text without control characters (no terminal escapes, no NULs)."""
    return _CONTROL.sub("", text).strip()


class People:
    """Who can own an item: participants (a person and their department), the record's
    owners and the transcript's speakers, each with the identities it stands for."""

    def __init__(self) -> None:
        self.ids: dict[str, set[str]] = {}
        """Spaced, case-folded name -> identities (``p:`` a person, ``d:`` a department)."""

    def _add(self, name: str, ids: set[str]) -> None:
        name = spaced(name)
        if name:
            self.ids.setdefault(name, set()).update(ids)

    def add_department(self, dept: str) -> None:
        key = text_key(dept)
        if not key:
            return
        self._add(dept, {f"d:{key}"})
        stem = _DEPT_SUFFIX.sub("", key)
        if stem != key and len(stem) >= 2:
            self._add(stem, {f"d:{key}"})  # 生产 for 生产部

    def add_person(self, name: str, dept: str = "") -> None:
        ids = {f"p:{text_key(name)}"} | ({f"d:{text_key(dept)}"} if dept.strip() else set())
        self._add(name, ids)
        if dept.strip():
            self.add_department(dept)

    def add_owner(self, owner: str) -> None:
        for part in _OWNER_SPLIT.split(owner):
            if part.strip() and not self.identities(part):
                if _DEPT_SUFFIX.search(text_key(part)):
                    self.add_department(part)
                else:
                    self._add(part, {f"o:{text_key(part)}"})

    def _contains(self, haystack: str, needle: str) -> bool:
        if needle.isascii():
            return re.search(rf"(?<![a-z0-9]){re.escape(needle)}(?![a-z0-9])", haystack) is not None
        return needle.replace(" ", "") in haystack.replace(" ", "")

    def identities(self, part: str) -> set[str]:
        """Who one owner name stands for; empty when it is nobody known."""
        name = spaced(part).strip(_PUNCT)
        if len(name) < 2 and not name.isascii():
            return set(self.ids.get(name, set()))
        if not name:
            return set()
        if name in self.ids:
            return set(self.ids[name])
        found: set[str] = set()
        rest = name
        for known in sorted(self.ids, key=len, reverse=True):  # 采购部刘经理 = 采购部 + 刘经理
            if len(known.replace(" ", "")) >= 2 and self._contains(rest, known):
                found |= self.ids[known]
                rest = rest.replace(known, " ") if known.isascii() else rest.replace(" ", "").replace(
                    known.replace(" ", ""), " ")
        rest = _TITLES.sub(" ", rest).strip(_PUNCT)
        if found and not rest.strip(_PUNCT):
            return found
        found = set()
        for known, ids in self.ids.items():  # Sara for Sara Cole, 孙主管 for 孙主管 in IT 部
            if len(name.replace(" ", "")) >= 2 and self._contains(known, name):
                found |= ids
        return found

    def known(self, owner: str) -> bool:
        parts = [p for p in _OWNER_SPLIT.split(owner) if p.strip()]
        return bool(parts) and all(self.identities(p) for p in parts)

    def same(self, a: str | None, b: str | None) -> bool:
        """Could ``a`` and ``b`` be the same owner? Two different people never are; a
        person and their department are; a missing owner matches anyone."""
        if not a or not b or text_key(a) == text_key(b):
            return True
        ida = set().union(*(self.identities(p) for p in _OWNER_SPLIT.split(a) if p.strip()))
        idb = set().union(*(self.identities(p) for p in _OWNER_SPLIT.split(b) if p.strip()))
        pa, pb = {i for i in ida if i[0] != "d"}, {i for i in idb if i[0] != "d"}
        if pa and pb:
            return bool(pa & pb)
        return bool(ida & idb)


@dataclass
class Material:
    """What the model's quotes, owners, dates and bases are checked against."""

    spaced: str = ""
    """All material text, NFKC, case-folded, whitespace collapsed (for word matches)."""
    compact: str = ""
    """The same without whitespace (for CJK substring matches)."""
    lines: list[str] = field(default_factory=list)
    """The free text (notes and transcript lines), where quotes are looked for."""
    people: People = field(default_factory=People)
    dates: set[date] = field(default_factory=set)
    on: date | None = None
    """The meeting date relative dates are resolved against."""


def build_material(meeting: Meeting, base: Draft, texts: list[str]) -> Material:
    """Material = the record (items, participants, meeting facts) plus free texts."""
    people = People()
    for p in meeting.participants:
        if p.name.strip():
            people.add_person(p.name, p.department)
        elif p.department.strip():
            people.add_department(p.department)
    for line in texts:
        speaker = stamp_of(line)[1]
        if speaker and not people.identities(speaker):
            people.add_person(speaker)
    for who in [r.owner for r in base.responsibilities] + [a.owner for a in base.actions]:
        if who:
            people.add_owner(who)
    record_texts = [meeting.title, meeting.customer, meeting.goal,
                    *(f"{p.name} {p.department} {p.role}" for p in meeting.participants),
                    *(f"{r.item} {r.owner or ''} {r.basis or ''}" for r in base.responsibilities),
                    *(f"{a.owner or ''} {a.action}" for a in base.actions),
                    *base.decisions, *base.obstacles, *base.open_questions]
    joined = "\n".join([*record_texts, *texts])
    norm = fold(joined)
    dates = {a.due for a in base.actions if a.due}
    dates.update(d for d in (meeting.date, meeting.deadline) if d)
    dates.update(_dates_in(joined, meeting.date))
    return Material(spaced=" ".join(norm.split()), compact=re.sub(r"\s+", "", norm), lines=list(texts),
                    people=people, dates=dates, on=meeting.date)


def _dates_in(text: str, on: date | None) -> set[date]:
    found = set()
    for m in _DATE_RE.finditer(nfkc(text)):
        resolved = resolve_date(m.group(0), on)
        if resolved:
            found.add(resolved)
    return found


def owner_grounded(owner: str, material: Material) -> bool:
    return material.people.known(owner)


def similar(a: str, b: str) -> bool:
    """Same item: equal, or sharing most tokens, or the shorter mostly inside the longer."""
    if text_key(a) == text_key(b):
        return True
    (ab, shared), (ba, _) = obstacle_overlap(a, b), obstacle_overlap(b, a)
    return min(ab, ba) >= SIMILAR or (shared >= 2 and max(ab, ba) >= CONTAINED)


_LEAD = re.compile(r"^\s*\[[\d:]+\]\s*(?:[^:：\[\]]{1,40}[:：])?\s*")


def locate(quote: str, lines: list[str]) -> str | None:
    """The line of the material a quote was taken from (verbatim, or nearly so)."""
    body = text_key(_LEAD.sub("", quote)).strip("「」\"'“”")
    if len(body) < 2:
        return None
    for line in lines:
        if body in text_key(line):
            return line
    best, score = None, 0.0
    for line in lines:
        share, _ = obstacle_overlap(quote, line)
        if share > score:
            best, score = line, share
    return best if score >= QUOTE_FOUND else None


def source_line(text: str, lines: list[str]) -> str | None:
    """For an item given without a quote: the line that says most of it, if one does."""
    best, score = None, 0.0
    for line in lines:
        share, shared = obstacle_overlap(text, line)
        if shared >= 2 and share > score:
            best, score = line, share
    return best if score >= SIMILAR else None


@dataclass
class Grounded:
    draft: Draft
    unverified_owners: set[str] = field(default_factory=set)
    unverified_due: set[int] = field(default_factory=set)
    """ids (``id()``) of the draft's actions whose due date is not grounded."""
    unverified_basis: set[int] = field(default_factory=set)
    """ids of the draft's responsibilities whose basis is not grounded."""
    added: int = 0
    """Items the model added to the record (0: it found nothing new)."""


class _Checker:
    """Checks one model item against the material and writes its evidence and flags."""

    def __init__(self, material: Material, msg: dict[str, str], result: Grounded, flags: list[Gap]) -> None:
        self.material, self.msg, self.result, self.flags = material, msg, result, flags

    def evidence(self, kind: str, text: str, quote: str | None) -> tuple[Evidence, str | None]:
        quote = clean(quote or "") or None
        line = locate(quote, self.material.lines) if quote else None
        if quote is None:  # a model that gives no quote: the line that says the same, if any
            quote = line = source_line(text, self.material.lines)
        if line is None and quote:  # a typed-record sentence is material too
            body = text_key(_LEAD.sub("", quote))
            if len(body) >= 4 and body in self.material.compact:
                line = quote
        at, speaker = stamp_of(line) if line else (None, None)
        shown = _LEAD.sub("", quote).strip() if quote and at is not None else quote
        ev = Evidence(kind=kind, text=text, quote=shown or quote, speaker=speaker,
                      at=f"{at // 60:02d}:{at % 60:02d}" if at is not None else None)
        if quote is None:
            self.flag(ev, "quote_missing", self.msg["no_quote"].format(text=text))
        elif line is None:
            self.flag(ev, "quote_unverified", self.msg["quote"].format(text=text))
        self.result.draft.evidence.append(ev)
        return ev, line

    def flag(self, ev: Evidence, kind: str, message: str) -> None:
        ev.flags.append(message)
        self.flags.append(Gap(kind, message))

    def owner(self, ev: Evidence, owner: str | None, text: str) -> str | None:
        owner = clean(owner or "") or None
        if owner and not owner_grounded(owner, self.material):
            self.result.unverified_owners.add(owner)
            self.flag(ev, "owner_unverified", self.msg["owner"].format(owner=owner, text=text))
        return owner

    def due_ok(self, due: date, quote: str | None, line: str | None) -> bool:
        said = _dates_in(" ".join(t for t in (quote, line) if t), self.material.on)
        return due in said

    def basis_ok(self, basis: str, quote: str | None, line: str | None) -> bool:
        if text_key(basis) in self.material.compact:
            return True
        source = " ".join(t for t in (quote, line) if t)
        share, shared = obstacle_overlap(basis, source) if source else (0.0, 0)
        return share >= CONTAINED and shared >= 2


def ground(base: Draft, answer: LlmAnswer, meeting: Meeting, material: Material,
           allowed_cases: set[str]) -> Grounded:
    """The LLM draft: the record kept as typed, the model's additions checked and merged."""
    lang: Language = meeting.language if meeting.language in _MESSAGES else "zh"
    msg = _MESSAGES[lang]
    draft = _copy_record(base)
    result = Grounded(draft)
    flags: list[Gap] = []
    check = _Checker(material, msg, result, flags)
    typed_resp, typed = len(draft.responsibilities), len(draft.actions)
    _merge_responsibilities(answer.responsibilities, draft, check)
    suggestions = _merge_actions(answer.actions, draft, check)
    for key, into in (("decisions", draft.decisions), ("obstacles", draft.obstacles),
                      ("open_questions", draft.open_questions)):
        _merge_texts(key, into, getattr(answer, key), check)
    draft.levers += [LeverLine(obstacle=t, kind=classify(t)) for t in draft.obstacles[len(base.obstacles):]]
    _merge_cases(answer.cited_cases, draft, allowed_cases, msg)
    result.added = (len(draft.responsibilities) - typed_resp + len(draft.actions) - typed
                    + len(draft.decisions) - len(base.decisions) + len(draft.obstacles) - len(base.obstacles)
                    + len(draft.open_questions) - len(base.open_questions)
                    + len(draft.cited_cases) - len(base.cited_cases) + len(suggestions))
    unverified = result.unverified_owners
    draft.gaps = flags + [  # the method's gaps, without repeating an owner already flagged
        g for g in find_gaps(draft, meeting)
        if not (g.kind == "action_unknown_owner" and any(o in g.message for o in unverified))
    ] + suggestions
    return result


def _copy_record(base: Draft) -> Draft:
    """The record as typed, copied so that the model's additions never touch ``base``."""
    return Draft(mode="llm", responsibilities=[replace(r) for r in base.responsibilities],
                 actions=[replace(a) for a in base.actions], decisions=list(base.decisions),
                 obstacles=list(base.obstacles), open_questions=list(base.open_questions),
                 cited_cases=list(base.cited_cases), levers=[replace(lv) for lv in base.levers],
                 known_owners=list(base.known_owners),
                 case_titles=dict(base.case_titles), extracted=list(base.extracted))


def _merge_responsibilities(extra: list[LlmResponsibility], draft: Draft, check: _Checker) -> None:
    """The model's new responsibilities, each with its evidence; an unstated basis is flagged."""
    msg, result = check.msg, check.result
    for r in extra:
        item = clean(r.item)
        if not item:
            continue
        mine = next((m for m in draft.responsibilities if similar(item, m.item)), None)
        if mine is not None:
            continue  # the record's version (or the first model version) wins, disputes included
        ev, line = check.evidence("responsibilities", item, r.quote)
        owner = check.owner(ev, r.owner, item) if r.status == "agreed" else None
        basis = clean(r.basis or "") or None
        # the model's additions have the shape of the offline extractor's: quote and source
        resp = Responsibility(item=item, owner=owner, basis=basis, status="agreed" if owner else "disputed",
                              quote=ev.quote, source="extracted")
        if basis and not check.basis_ok(basis, r.quote, line):
            result.unverified_basis.add(id(resp))
            check.flag(ev, "basis_unverified", msg["basis"].format(basis=basis, text=item))
        draft.responsibilities.append(resp)


def _merge_actions(extra: list[LlmAction], draft: Draft, check: _Checker) -> list[Gap]:
    """The model's new actions, checked; for a typed action, what the model heard of its
    missing owner or date comes back as a suggestion, never written into it."""
    material, people = check.material, check.material.people
    typed = len(draft.actions)
    suggestions: list[Gap] = []
    suggested: set[tuple[int, str]] = set()
    for a in extra:
        text = clean(a.action)
        if not text:
            continue
        due = parse_due(a.due)
        owner = clean(a.owner or "") or None
        quote = clean(a.quote or "")
        match = next((m for m in draft.actions if similar(text, m.action) and people.same(m.owner, owner)), None)
        if match is not None and draft.actions.index(match) < typed:  # what was typed stays as typed
            suggestions += _suggest(match, owner, due, quote, check, suggested)
        elif match is not None:  # the same commitment again, from an overlapping window
            if match.due is None and due is not None and check.due_ok(due, quote, locate(quote, material.lines)):
                match.due = due
        else:
            draft.actions.append(_new_action(a, text, owner, due, check))
    return suggestions


def _suggest(match: Action, owner: str | None, due: date | None, quote: str, check: _Checker,
             suggested: set[tuple[int, str]]) -> list[Gap]:
    """The date and the owner a typed action lacks, as suggestions, once each per action."""
    material, msg = check.material, check.msg
    out: list[Gap] = []
    line = locate(quote, material.lines) if quote else None
    if match.due is None and due is not None and check.due_ok(due, quote, line) \
            and (id(match), "due") not in suggested:
        suggested.add((id(match), "due"))
        out.append(Gap("due_suggested", msg["suggest_due"].format(
            text=match.action, quote=quote[:120], due=due.isoformat())))
    if not match.owner and owner and owner_grounded(owner, material) \
            and (id(match), "owner") not in suggested:
        suggested.add((id(match), "owner"))
        out.append(Gap("owner_suggested", msg["suggest_owner"].format(
            text=match.action, owner=owner, quote=quote[:120])))
    return out


def _new_action(a: LlmAction, text: str, owner: str | None, due: date | None, check: _Checker) -> Action:
    """A model's action the record lacks, with its evidence; an unread or unstated date is flagged."""
    msg = check.msg
    ev, line = check.evidence("actions", text, a.quote)
    action = Action(action=text, owner=check.owner(ev, owner, text), due=due, status="open",
                    quote=ev.quote, source="extracted")
    if a.due and due is None:
        check.flag(ev, "date_unreadable", msg["bad_date"].format(due=clean(a.due), text=text))
    if due is not None and not check.due_ok(due, a.quote, line):
        check.result.unverified_due.add(id(action))
        check.flag(ev, "date_unverified", msg["date"].format(due=due.isoformat(), text=text))
    return action


def _merge_cases(cases: list[str], draft: Draft, allowed_cases: set[str], msg: dict[str, str]) -> None:
    """Cases the model cites: those it was shown are kept, any other is a warning."""
    for case in cases:
        case = clean(case)
        if not case or case in draft.cited_cases:
            continue
        if case in allowed_cases:
            draft.cited_cases.append(case)
        else:
            draft.warnings.append(msg["case"].format(case=case[:80]))


def _merge_texts(kind: str, into: list[str], extra: list[LlmText], check: _Checker) -> None:
    for item in extra:
        text = clean(item.text)
        if text and not any(similar(text, t) for t in into):
            check.evidence(kind, text, item.quote)
            into.append(text)


def defang(text: str) -> str:
    """URLs and e-mail addresses as code spans, so no renderer turns them into links."""
    return _URL.sub(lambda m: "`" + m.group(0).replace("`", "") + "`", text)


def render_grounded(grounded: Grounded, meeting: Meeting) -> str:
    """Markdown of the draft with unverified owners, dates and bases marked and URLs made inert."""
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
    responsibilities = []
    for r in d.responsibilities:
        basis = defang(r.basis) if r.basis else r.basis
        if basis and id(r) in grounded.unverified_basis:
            basis = msg["mark_basis"].format(basis=basis)
        responsibilities.append(replace(r, item=defang(r.item), owner=owner(r.owner), basis=basis))
    view = replace(
        d,
        responsibilities=responsibilities,
        actions=actions,
        decisions=[defang(t) for t in d.decisions],
        obstacles=[defang(t) for t in d.obstacles],
        open_questions=[defang(t) for t in d.open_questions],
        gaps=[Gap(g.kind, defang(g.message)) for g in d.gaps],
        warnings=[defang(w) for w in d.warnings],
        cited_cases=[defang(c) for c in d.cited_cases],
        evidence=[replace(e, text=defang(e.text), quote=defang(e.quote) if e.quote else e.quote,
                          flags=[defang(f) for f in e.flags]) for e in d.evidence],
        levers=[replace(lv, obstacle=defang(lv.obstacle), resource=defang(lv.resource) if lv.resource else None)
                for lv in d.levers],
    )
    return render_markdown(view, meeting)
