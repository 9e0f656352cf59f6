"""Human minutes in the forms people write them: action-item lists under 下一步 / 待办 /
Action items / Next steps, ``X to do Y``, 责任人…完成时间, Markdown tables with owner and
due columns, 会议决定 / 结论 / Decision made that / Agreed:, 遗留问题 / Open questions,
and chat pastes with @mentions.

Minutes are read by where a line stands before what it says: an item under 下一步 is an
action even when it names nobody, the same words in the discussion are not. So the
reader walks the lines once, keeping the section it is in (from headings such as
``## 下一步``, ``三、会议决定``, ``**Action items:**``, or an inline ``Agreed: …``), and
hands each item to :mod:`.minutes_items` to read its owner, date and text. Outside such
sections only explicit forms count (a labelled owner, an @mention, ``Anna to …``,
``会议决定，…``); prose gives nothing, so the conversation reader gets those lines.

Lines the quick-capture parser understands (design.md section 6) are recorded as typed
and never suggested here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from facilitator.capture import parse_line
from facilitator.extract.minutes_fields import (
    CJK,
    EMOJI,
    EN_TEAMS,
    People,
    clean,
    looks_like_name,
    nfkc,
    read_date,
)
from facilitator.extract.minutes_items import (
    FIELD,
    FIELD_ONLY,
    OWNER_LABEL,
    TASK_LABEL,
    Parsed,
    decision_text,
    mention_action,
    parse_action,
    question_text,
)
from facilitator.model import Captured, Cue, Language, Participant, Suggestion
from facilitator.notesfile import participants_in

Section = str  # "action" | "decision" | "question" | "other"

_BULLET = re.compile(
    r"^(?P<md>#{1,6}\s+)?(?:>\s*)*"
    r"(?P<b>(?:[-*+•·・･▪◦●○■□◆◇▶►→]|\d{1,3}[.)、．]|\(\d{1,3}\)|（\d{1,3}）|[①-⑳]|[a-zA-Z][.)](?=\s)"
    r"|[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[)）])\s*)?"
    r"(?P<box>\[[ xX✓✔]?\]\s*|[☐☑✅⬜]\s*)?"
)
_ZH_CHAPTER = re.compile(r"^[一二三四五六七八九十]{1,3}[、.．]")

_ACTION_WORDS = re.compile(
    r"下一步|待办|行动项|行动计划|行动事项|后续工作|后续行动|后续安排|后续跟进|跟进事项|工作安排|任务分工|任务分配|分工"
    r"|会后任务|会后行动|会后跟进|落实事项|整改措施|改进措施|需跟进|需要跟进(?:的事(?:项|情)?)?|要跟进的事|待跟进|后续事项|需落实|要做的事"
    r"|分工如下|整改项|整改事项|整改要求|整改计划|整改清单|行动|action\s*items?|action\s*points?|actions|corrective\s+actions?"
    r"|next\s*steps?|to[\s-]*dos?|follow[\s-]*ups?|assignments|tasks|\bais\b",
    re.I,
)
_DECISION_WORDS = re.compile(
    r"(?:会上|会议)?(?:大家)?(?:一致)?(?:确认|明确|同意)(?:了|的事项|事项|如下)+|确认事项|形成(?:如下|以下)?(?:意见|决议|共识)"
    r"|(?:如下|以下)意见|决定|决议|结论|共识|议定|确定事项|已确定|decisions?|decided|agreed|agreements?|resolutions?|conclusions?"
    r"|consensus|outcomes?",
    re.I,
)
_QUESTION_WORDS = re.compile(
    r"遗留问题|遗留事项|待定|待确认|待解决|未决|开放问题|悬而未决|open\s*(?:questions?|issues?|items?)|unresolved"
    r"|parking\s*lot|outstanding\s*questions?|questions",
    re.I,
)
_REVIEW_WORDS = re.compile(
    r"回顾|上次|上周|前次|已完成|完成情况|进展|previous|last\s+(?:week|meeting|time)|review\s+of|done|completed|status",
    re.I,
)
_OTHER_HEADS = re.compile(
    r"^(?:会议(?:纪要|记录|内容|议题|议程|主题|时间|地点|名称|背景|概要|摘要|目的|总结)|纪要|议题|议程|背景|讨论(?:内容|事项|情况|要点)?"
    r"|主要内容|内容|其他|其它|备注|附件|总结|情况说明|问题|存在问题|现状|汇报|进展|工作汇报|项目进展|参会人员|与会人员|出席人员"
    r"|agenda|discussion|discussion\s+points|notes|minutes|meeting\s+notes|summary|background|updates?|status|attendees"
    r"|participants|present|context|overview|topics?|other\s+business|aob|any\s+other\s+business|misc(?:ellaneous)?"
    r"|announcements|roll\s*call|recap|next\s+meeting|下次会议(?:时间)?|会议时间|时间|地点|日期|主持人?|记录人?|记录员|纪要人"
    r"|host|chair|facilitator|note\s*taker|scribe|date|time|location|place|risks?|issues|blockers?|concerns|highlights"
    r"|headlines|key\s+points|takeaways|feedback|demo|q\s*&\s*a|风险|风险点|风险提示|问题与风险|亮点|要点|会议要点|其他事项|其它事项"
    r"|近期工作|本周工作|上周工作|工作进展|进展情况|项目情况|问题反馈|客户反馈|附件|补充)$",
    re.I,
)
_HEAD_MAX = 40


@dataclass
class _Line:
    index: int
    quote: str
    body: str
    """NFKC text without bullet, box, heading marks and bold."""
    speaker: str | None
    person: str | None
    """The speaker when it is a person (``张三：@张工 …``), not a label read as one (``责任人：``)."""
    bullet: bool
    md_heading: bool
    indent: int
    typed: bool
    table: list[str] | None = None
    attendees: bool = False
    checked: bool = False
    """A ticked box (``- [x]``): done already, not something owed."""


@dataclass
class _State:
    section: Section | None = None
    from_inline: bool = False
    bullets: bool = False
    group_owner: str | None = None
    last: Suggestion | None = None
    last_line: _Line | None = None
    columns: dict[str, int] | None = None
    table_kind: Section | None = None
    pending: tuple[str | None, date | None, _Line] | None = None
    """Owner and due written on a line before their item (``责任人：X`` then ``事项：A``)."""
    labelled: dict[int, set[str]] = field(default_factory=dict)
    item: Suggestion | None = None
    """The last item read under the current heading (sub-points indented below it join it)."""
    item_indent: int = 0
    found: list[Suggestion] = field(default_factory=list)
    used: set[int] = field(default_factory=set)


def _prepare(index: int, cue: Cue, ref: date | None) -> _Line:
    text = cue.text.rstrip()
    speaker = (cue.speaker or "").strip() or None
    colon = "：" if speaker and CJK.search(speaker) else ": "
    full = f"{speaker}{colon}{text.strip()}" if speaker else text
    typed = parse_line(text, ref).kind != "note" or (
        speaker is not None and parse_line(full, ref).kind != "note"
    )
    indent = len(text) - len(text.lstrip(" \t\u3000"))
    norm = nfkc(full).strip()
    norm = norm.replace("**", "").replace("__", "")
    table = None
    if norm.startswith("|") and norm.count("|") >= 2:
        cells = [clean(c) for c in norm.strip().strip("|").split("|")]
        table = cells
    m = _BULLET.match(norm)
    body = norm[m.end():] if m else norm
    body = EMOJI.sub("", body).strip()
    person = None
    if speaker is not None and table is None and not _labelish(body):
        # a chat or transcript line: the speaker is who wrote it, the text is what they wrote
        person = speaker
        inner = nfkc(text).strip().replace("**", "")
        mm = _BULLET.match(inner)
        body = EMOJI.sub("", inner[mm.end():] if mm else inner).strip()
    return _Line(
        index=index, quote=full.strip(), body=body, speaker=speaker, person=person,
        bullet=bool(m and (m["b"] or m["box"])) and not bool(m and m["b"] and _ZH_CHAPTER.match(m["b"])),
        md_heading=bool(m and m["md"]) or bool(m and m["b"] and _ZH_CHAPTER.match(m["b"])),
        indent=indent, typed=typed, table=table, attendees=bool(participants_in(full)),
        checked=bool(m and m["box"] and re.search(r"\[\s*[xX✓✔]\s*\]|☑", m["box"])),
    )


def _labelish(body: str) -> bool:
    """``责任人：张工`` / ``Agreed: …`` / ``Action item: …``: a label that the transcript
    reader took for a speaker's name."""
    return bool(
        FIELD.match(body) or _heading_of(body, md_heading=False) is not None or TASK_LABEL.match(body)
        or decision_text(body, lead_required=True) or question_text(body, lead_required=True)
    )


def _heading(line: _Line) -> tuple[Section, str] | None:
    """The section a heading line opens, and any item written after its colon."""
    return _heading_of(line.body, md_heading=line.md_heading)


def _heading_of(text: str, *, md_heading: bool) -> tuple[Section, str] | None:
    body = text.strip()
    m = re.match(r"^(?P<head>[^:：]{1,40}?)\s*(?P<colon>[:：])\s*(?P<rest>.*)$", body)
    head, rest, colon = (m["head"], m["rest"], True) if m else (body, "", False)
    head = re.sub(r"\s*[(（][^()（）]*[)）]\s*$", "", head).strip().strip("*#【】[] ")
    if len(head) > _HEAD_MAX or not head:
        return None
    kind = _head_kind(head)
    if kind is None and colon and not rest and re.search(r"[，,]", head):
        # 会议就…进行了讨论，形成如下意见： the last clause is the heading
        kind = _head_kind(re.split(r"[，,]", head)[-1].strip())
    if kind is None:
        if _OTHER_HEADS.match(head):
            return "other", ""
        if rest or not (colon or md_heading):
            return None
        if colon and not md_heading and len(head) > 20:
            return None
        return "other", ""
    if not rest and not (colon or md_heading or _is_only_head(head) or _short_title(body)):
        return None
    if rest and not colon:
        return None
    return kind, rest


def _head_kind(head: str) -> Section | None:
    h = head.strip()
    if _REVIEW_WORDS.search(h):
        return "other"
    action = _ACTION_WORDS.search(h)
    decision = _DECISION_WORDS.search(h)
    question = _QUESTION_WORDS.search(h)
    if not (action or decision or question):
        return None
    # the heading words must be most of the heading (下一步工作安排, Action items for next week),
    # not one word of a sentence (我们决定下周再谈)
    words = [mm for mm in (action, decision, question) if mm]
    covered = sum(len(mm.group(0)) for mm in words)
    if CJK.search(h) and covered * 3 < len(h.replace(" ", "")):
        return None
    if not CJK.search(h) and len(h.split()) > 6:
        return None
    if question and not action:
        return "question"
    if action and not decision:
        return "action"
    return "decision"  # decisions, or decisions and actions: each item is read by its form


def _short_title(body: str) -> bool:
    """A short line with no sentence end (``What we agreed``, ``3. Actions``, ``后续安排``)."""
    if re.search(r"[.。!！?？;；,，]$", body):
        return False
    return len(body.split()) <= 5 if not CJK.search(body) else len(body) <= 12


def _is_only_head(head: str) -> bool:
    """A bare line that is nothing but a heading word (a Markdown file whose # was stripped)."""
    h = re.sub(r"\s+", " ", head.strip().lower())
    return bool(re.fullmatch(
        r"(?:会议)?(?:下一步(?:工作|计划|安排|行动)*|待办(?:事项|事宜)?|行动项|行动计划|后续(?:工作|行动|安排|跟进)(?:计划|安排)?"
        r"|决定(?:事项)?|决议(?:事项)?|结论|共识|议定事项|遗留问题|待定事项|待确认事项|待办清单)"
        r"|action items?|next steps?|to ?dos?|follow[- ]?ups?|decisions?(?: made)?|agreed|open questions|open issues",
        h,
    ))


def _suggest(state: _State, captured: Captured, lines: Sequence[_Line], confidence: float) -> Suggestion:
    s = Suggestion(
        captured=captured, quote="\n".join(ln.quote for ln in lines),
        cues=tuple(ln.index for ln in lines), speaker=lines[0].person, confidence=confidence,
    )
    state.found.append(s)
    state.used.update(ln.index for ln in lines)
    return s


def _action(state: _State, parsed: Parsed, line: _Line, people: People, confidence: float) -> Suggestion:
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
    captured = Captured(kind="action", text=parsed.text, owner=owner, due=parsed.due, raw=line.quote)
    if owner is None:
        confidence = min(confidence, 0.6)
    made = _suggest(state, captured, lines, confidence)
    if labelled:
        state.labelled[id(made)] = labelled
    return made


def _item(state: _State, kind: str, text: str, line: _Line, confidence: float) -> Suggestion:
    return _suggest(state, Captured(kind=kind, text=text, raw=line.quote), [line], confidence)  # type: ignore[arg-type]


def _section_item(state: _State, line: _Line, body: str, people: People, ref: date | None) -> None:
    """An item under an action, decision or open-question heading."""
    section = state.section
    state.last = None
    if section == "action":
        parts = _split_tasks(body, people, ref)
        if parts:
            for part in parts:
                state.last = _action(state, part, line, people, 0.85)
            return
        one = parse_action(body, people, ref, group_owner=state.group_owner or line.person)
        if one is not None:
            state.last = _action(state, one, line, people, 0.9)
        return
    if section == "question":
        text = question_text(body, lead_required=False)
        if text:
            _item(state, "question", text, line, 0.85)
        return
    # decisions (or decisions and actions): an item with a marked owner is an action
    parsed = parse_action(body, people, ref)
    if parsed is not None and parsed.owner and parsed.explicit and (
        parsed.due is not None or parsed.how in ("label", "mention", "en", "en-colon")
    ):
        state.last = _action(state, parsed, line, people, 0.8)
        return
    tag = _TAG.search(body)
    if tag:  # …（结论） / …（待定）: the writer said what the item is
        body = body[: tag.start()]
        if tag["q"]:
            text = question_text(body, lead_required=False)
            if text:
                _item(state, "question", text, line, 0.85)
            return
    elif _UNDECIDED.search(body):
        text = question_text(body, lead_required=False)
        if text:
            _item(state, "question", text, line, 0.75)
        return
    text = decision_text(body, lead_required=False)
    if text:
        _item(state, "decision", text, line, 0.85)


_TAG = re.compile(
    r"\s*[(（【\[]\s*(?:(?P<d>结论|决定|决议|共识|decision|decided|agreed)|(?P<q>待定|未定|待确认|open|tbd))\s*[)）】\]]\s*[。.]?$",
    re.I,
)
_UNDECIDED = re.compile(r"暂未确定|尚未确定|未定|待定|再议|下次会议(?:再)?讨论|not\s+(?:yet\s+)?decided|tbd|to\s+be\s+decided", re.I)


def _split_tasks(body: str, people: People, ref: date | None) -> list[Parsed]:
    """``张工周五前发图纸；李经理下周一前确认报价`` : two tasks, each with its own owner."""
    pieces = [p for p in re.split(r"\s*[;；]\s*", body) if p.strip()]
    if len(pieces) < 2:
        return []
    parsed = [parse_action(p, people, ref) for p in pieces]
    owned = [p for p in parsed if p is not None and p.owner and (p.explicit or p.how == "lead")]
    return owned if len(owned) == len(pieces) else []


def _loose_item(state: _State, line: _Line, people: People, ref: date | None) -> bool:
    """An item in prose or under another heading: only explicit forms count. A paragraph
    is read sentence by sentence (``Oliver will write the notice by Wednesday. Lucas is
    going to …``): each sentence says its own owner and date."""
    sentences = [p for p in _SENTENCE.split(line.body) if p.strip()]
    if len(sentences) < 2:
        return _loose_sentence(state, line, people, ref)
    found = False
    for sentence in sentences:
        part = _Line(line.index, sentence.strip(), sentence.strip(), line.speaker, line.person, line.bullet,
                     False, line.indent, False)
        found = _loose_sentence(state, part, people, ref) or found
    return found


_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z@])|(?<=[。！？])")


def _loose_sentence(state: _State, line: _Line, people: People, ref: date | None) -> bool:
    body = line.body
    decision = decision_text(body, lead_required=True)
    if decision:
        _item(state, "decision", decision, line, 0.8)
        state.last = None
        return True
    question = question_text(body, lead_required=True)
    if question:
        _item(state, "question", question, line, 0.8)
        state.last = None
        return True
    if "@" in body or "＠" in body:
        parsed = mention_action(body, people, ref)
        if parsed is not None:
            state.last = _action(state, parsed, line, people, 0.8)
            return True
    has_owner_label = bool(_OWNER_LABELLED.search(body))
    if line.person is not None and not has_owner_label:
        return False  # a turn of a conversation: the conversation reader weighs who said what
    if not (has_owner_label or _english_assignment(body, people) or _ZH_ASSIGN.search(body)):
        return False  # prose: reading owners and dates in it would find nothing to keep
    parsed = parse_action(body, people, ref)
    if parsed is None or not parsed.owner:
        return False
    if has_owner_label:
        state.last = _action(state, parsed, line, people, 0.85)
        return True
    if parsed.explicit and _english_assignment(body, people) and (
        parsed.how != "en" or not _EN_WILL.match(clean(body)) or parsed.due is not None
        or people.knows(parsed.owner) or re.fullmatch(EN_TEAMS, parsed.owner)
    ):
        # "Tom will send the draft" in prose counts for someone in the room (or with a date);
        # "The customer will review it" does not
        state.last = _action(state, parsed, line, people, 0.75)
        return True
    if parsed.explicit and parsed.due is not None and CJK.search(body) and re.search(r"负责|牵头|跟进|落实", body):
        state.last = _action(state, parsed, line, people, 0.7)
        return True
    return False


_EN_WILL = re.compile(r"^\S.{0,40}?\s(?:will|(?:is|are)\s+going\s+to)\s", re.I)
_MENTIONS = re.compile(r"[@＠]\S")
_OWNER_LABELLED = re.compile(rf"(?:{OWNER_LABEL})\s*[:：\]】]", re.I)
_ZH_ASSIGN = re.compile(r"负责|牵头|跟进|落实")
_EN_ASSIGN = re.compile(
    r"^(?:action(?:\s+item)?s?|ai|todo|to\s*do|follow[-\s]?up)\b|^\S.{0,40}?\s(?:to|will|is\s+to|are\s+to|agreed\s+to"
    r"|volunteered\s+to|offered\s+to|to\s+follow\s+up|(?:is|are|will\s+be)\s+(?:responsible|in\s+charge))\s",
    re.I,
)


def _english_assignment(body: str, people: People) -> bool:
    norm = clean(body)
    if CJK.search(norm):
        return False
    return bool(_EN_ASSIGN.match(norm))


def _table_row(state: _State, line: _Line, people: People, ref: date | None) -> None:
    cells = line.table or []
    if all(re.fullmatch(r":?-{2,}:?|", c) for c in cells):
        state.used.add(line.index)
        return
    columns = _columns(cells)
    if columns is not None:
        state.columns = columns
        state.table_kind = "decision" if "decision" in columns and "task" not in columns else "action"
        state.used.add(line.index)
        return
    if state.columns is None:
        if state.section in ("action", "decision", "question"):
            state.columns = {"task": next((i for i, c in enumerate(cells) if c and not c.isdigit()), 0)}
            state.table_kind = state.section
        else:
            return
    cols = state.columns
    if "status" in cols and cols["status"] < len(cells) and re.search(
        r"已完成|完成|关闭|done|closed|completed", cells[cols["status"]], re.I
    ) and not re.search(r"未完成|not\s+done|open", cells[cols["status"]], re.I):
        return

    def cell(key: str) -> str:
        i = cols.get(key)
        return cells[i] if i is not None and i < len(cells) else ""

    if state.table_kind == "decision" or (state.table_kind == "question" and "task" in cols):
        text = clean(cell("decision") or cell("task"))
        if text and not re.fullmatch(r"[-—–/]*|无|none", text, re.I):
            _item(state, "question" if state.table_kind == "question" else "decision", text, line, 0.85)
        return
    task = cell("task")
    if not task:
        return
    parsed = parse_action(task, people, ref)
    if parsed is None:
        return
    owner_cell = clean(cell("owner"))
    if owner_cell and not re.fullmatch(r"[-—–/]*|无|待定|tbd", owner_cell, re.I):
        parsed.owner = owner_cell
    due_cell = clean(cell("due"))
    if due_cell:
        parsed.due = read_date(due_cell, ref) or parsed.due
    _action(state, parsed, line, people, 0.9)


_COLUMN_WORDS = {
    "owner": r"负责|责任|执行人|跟进人|承办|经办|对接人|牵头|owner|assignee|assigned|responsible|who|poc|dri|action\s+by",
    "status": r"状态|进度|完成情况|进展|status|state|progress",
    "due": r"时间|日期|期限|时限|节点|截止|截至|due|deadline|when|target|date|eta|^by$",
    "decision": r"决定|决议|结论|共识|decision|outcome|resolution|agreed",
    "task": r"措施|行动|待办|任务|task|action|to\s*do|next\s+step|follow",
    "task2": r"事项|工作|内容|计划|item|what",
    "task3": r"问题|description|描述|finding|subject|summary|topic|议题",
}
"""Words of a table's header cells, tried in this order (``完成情况`` is a status, not a date)."""


def _columns(cells: list[str]) -> dict[str, int] | None:
    found: dict[str, int] = {}
    for i, c in enumerate(cells):
        c = clean(c).lower()
        if not c or len(c) > 24:
            continue
        for key in ("owner", "status", "due", "decision", "task", "task2", "task3"):
            if key not in found and re.search(_COLUMN_WORDS[key], c, re.I):
                found[key] = i
                break
    if "decision" in found and "task" not in found and "owner" not in found:
        return {k: v for k, v in found.items() if k not in ("task2", "task3")}
    # the task is the column that says what to do (整改措施), before what was found (问题描述)
    for weaker in ("task2", "task3"):
        if weaker in found:
            found.setdefault("task", found[weaker])
            del found[weaker]
    if "decision" in found and "task" not in found and "owner" not in found:
        return found
    if "task" in found and ("owner" in found or "due" in found):
        return found
    return None


def _attach(state: _State, line: _Line, people: People, ref: date | None) -> bool:
    """A line of only 责任人：/ 完成时间：fields: it completes the item just above."""
    if not FIELD_ONLY.match(line.body):
        return False
    owner: str | None = None
    due: date | None = None
    for m in FIELD.finditer(line.body):
        value = clean(m["value"])
        if m["olab"] and value and owner is None:
            owner = value
        elif m["dlab"] and value and due is None:
            due = read_date(value, ref)
    target = state.last
    labelled = state.labelled.get(id(target), set()) if target is not None else set()
    if target is not None and ((owner and "owner" in labelled) or (not owner and due and "due" in labelled)):
        # 责任人：X / 事项：A / 责任人：Y / 事项：B : the fields come before their item
        target = None
    elif target is None and state.last_line is not None and state.last_line.index not in state.used:
        prev = state.last_line
        if prev.table is None and not prev.typed and _heading(prev) is None:
            parsed = parse_action(prev.body, people, ref)
            if parsed is not None:
                target = _action(state, parsed, prev, people, 0.85)
    if target is None:
        if owner or due:
            state.pending = (owner, due, line)
            state.used.add(line.index)
            return True
        return False
    c = target.captured
    if c.kind != "action":
        c.kind = "action"
    if owner and (c.owner is None or target.cues[-1] == target.cues[0]):
        c.owner = people.normalise(owner)
    if due:
        c.due = due  # a labelled date is what the writer meant, over one inside the text
    target.quote += "\n" + line.quote
    target.cues = (*target.cues, line.index)
    target.confidence = max(target.confidence, 0.85 if c.owner else 0.6)
    state.labelled.setdefault(id(target), set()).update(
        k for k, v in (("owner", owner), ("due", due)) if v
    )
    state.used.add(line.index)
    state.last = target
    return True


def _attendees(cues: Sequence[Cue]) -> list[Participant]:
    people: list[Participant] = []
    for cue in cues[:400]:
        text = f"{cue.speaker}：{cue.text}" if cue.speaker else cue.text
        people.extend(participants_in(text))
    return people


def extract_minutes(
    cues: Sequence[Cue],
    *,
    meeting_date: date | None,
    participants: Sequence[Participant] = (),
    language: Language = "zh",
) -> tuple[list[Suggestion], set[int]]:
    """Items written in minutes forms, and the indexes of the cues they were read from."""
    people = People([*participants, *_attendees(cues)])
    state = _State()
    for index, cue in enumerate(cues):
        if not cue.text or not cue.text.strip():
            continue
        line = _prepare(index, cue, meeting_date)
        pending = state.pending
        _read(state, line, people, meeting_date)
        if pending is not None and state.pending is pending:
            state.pending = None  # the next line was no item: the fields were for nothing we read
        state.last_line = line
    return state.found, state.used


def _read(state: _State, line: _Line, people: People, ref: date | None) -> None:
    if line.typed:
        state.last = None
        return
    if line.attendees or line.checked:
        state.last = None
        state.used.add(line.index)
        return
    if line.table is not None:
        _table_row(state, line, people, ref)
        return
    state.columns = None
    if not line.body:
        return
    if _attach(state, line, people, ref):
        return
    if state.pending is not None and TASK_LABEL.match(line.body):
        parsed = parse_action(line.body, people, ref)
        if parsed is not None:
            state.last = _action(state, parsed, line, people, 0.85)
            return
    head = _heading(line)
    if head is not None and not (state.section == "action" and head[0] == "other" and _group(state, line, people)):
        kind, rest = head
        if rest and kind == "action" and TASK_LABEL.match(line.body):
            rest = line.body  # TODO(ben): … / Action item 3: …: the label may name the owner
        if rest and kind == state.section and not state.from_inline:
            # ``Agreed: …`` inside a decisions list is one more item of it
            _section_item(state, line, line.body if kind != "question" else rest, people, ref)
            return
        state.section, state.from_inline, state.bullets = kind, bool(rest), False
        state.group_owner, state.last, state.item = None, None, None
        if kind != "other":
            state.used.add(line.index)
        if rest and kind != "other":
            bullet = _BULLET.match(rest)
            rest = rest[bullet.end():] if bullet else rest
            inline = _Line(line.index, line.quote, rest, line.speaker, None, False, False, line.indent, False)
            _section_item(state, inline, rest, people, ref)
        return
    if state.section in ("action", "decision", "question"):
        ends = (state.from_inline or state.bullets) and not line.bullet and not line.indent
        if ends:
            state.section = None
        elif state.item is not None and line.indent > state.item_indent and not _MENTIONS.search(line.body):
            # a sub-point or a wrapped line of the item above: its words, not another item
            state.item.quote += "\n" + line.quote
            state.item.cues = (*state.item.cues, line.index)
            state.used.add(line.index)
            return
        else:
            state.bullets = state.bullets or line.bullet
            before = len(state.found)
            _section_item(state, line, line.body, people, ref)
            state.item = state.found[-1] if len(state.found) > before else None
            state.item_indent = line.indent
            return
    if not _loose_item(state, line, people, ref):
        state.last = None


def _group(state: _State, line: _Line, people: People) -> bool:
    """``Sales:`` / ``采购部：`` alone inside an action list: the items below are theirs."""
    head = clean(line.body)
    if not line.body.rstrip().endswith((":", "：")) or not head or len(head) > 20:
        return False
    if not looks_like_name(head, people) and not re.fullmatch(r"[\u4e00-\u9fff]{1,8}(?:部|组|科|中心|车间)", head):
        return False
    state.group_owner = head
    state.last = None
    state.used.add(line.index)
    return True


__all__ = ["extract_minutes"]


def _debug(text: str, on: date | None = None) -> list[tuple[str, str, str | None, date | None]]:
    """The items of a minutes text as (kind, text, owner, due): for a quick look while tuning."""
    cues = [Cue(None, ln) for ln in text.splitlines() if ln.strip()]
    found, _ = extract_minutes(cues, meeting_date=on, participants=[])
    return [(s.captured.kind, s.captured.text, s.captured.owner, s.captured.due) for s in found]

