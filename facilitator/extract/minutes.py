"""Human minutes in the forms people write them: action-item lists under 下一步 / 待办 /
Action items / Next steps, ``X to do Y``, 责任人…完成时间, Markdown tables with owner and
due columns, 会议决定 / 结论 / Decision made that / Agreed:, 遗留问题 / Open questions,
and chat pastes with @mentions.

Minutes are read by where a line stands before what it says: an item under 下一步 is an
action even when it names nobody, the same words in the discussion are not. So the
reader walks the lines once, keeping the section it is in (from headings such as
``## 下一步``, ``三、会议决定``, ``**Action items:**``, or an inline ``Agreed: …``; the
vocabulary is in :mod:`.minutes_layout`), and hands each item to :mod:`.minutes_items` to
read its owner, date and text (owners and dates themselves: :mod:`.minutes_fields`).
Outside such sections only explicit forms count (a labelled owner, an @mention, ``Anna to
…``, ``会议决定，…``, ``Action: JS`` after a sentence); other prose gives nothing, and the
lines not used here are left to the conversation reader. A table with owner and due
columns, a 责任人 / 完成时间 block and a chat paste are read wherever they stand.

Owners are read as the minutes name them: a department written as the owner (采购部,
Legal) stays that department even when one person of it is in the room; a person named
with their department (采购部李经理) is that participant when listed; of two owners the
first named leads. Chat exports are read as conversations of writers: a sender line
(``Sam Reid  10:05 AM``) makes the lines below that person's message, so a later message
of a task's owner dates the task, and ``我来…`` is the writer's own.

Lines the quick-capture parser understands (design.md section 6) are recorded as typed
and never suggested here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from facilitator.extract.minutes_fields import (
    CJK,
    EN_TEAMS,
    SURNAMES,
    People,
    clean,
    cut,
    find_date,
    looks_like_name,
    nfkc,
    read_date,
)
from facilitator.extract.minutes_items import (
    _NOT_DECIDED,
    FIELD,
    FIELD_ONLY,
    OWNER_LABEL,
    REPLY,
    TASK_LABEL,
    Parsed,
    clause_decision,
    decision_text,
    mention_action,
    names_someone_known,
    parse_action,
    question_text,
    shared_view,
)
from facilitator.extract.minutes_layout import (
    BULLET,
    CHAT_HEADER,
    FENCE,
    ITEM_MAX,
    ITEM_SECTIONS,
    OTHER_HEADS,
    QUOTED,
    Line,
    Section,
    columns,
    heading,
    heading_of,
    prepare,
)
from facilitator.model import Captured, Cue, Language, Participant, Suggestion
from facilitator.notesfile import participants_in


@dataclass
class _State:
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
    pending: tuple[str | None, date | None, Line] | None = None
    """Owner and due written on a line before their item (``责任人：X`` then ``事项：A``)."""
    labelled: dict[int, set[str]] = field(default_factory=dict)
    code: bool = False
    item: Suggestion | None = None
    """The last item read under the current heading (sub-points indented below it join it)."""
    item_indent: int = 0
    found: list[Suggestion] = field(default_factory=list)
    used: set[int] = field(default_factory=set)
    chat_list: tuple[str, Section] | None = None
    """Who announced a list in a chat (``翟工：今天协调会的结论同步一下👇``) and its kind."""
    head_number: int | None = None
    """The number of the numbered title that opened the section (``1. Minutes of the previous
    meeting``): the next number at the margin (``2. Capital expenditure``) closes it."""


_TITLE_NUMBER = re.compile(r"^(?P<n>\d{1,2})[.)、．]\s*(?P<t>.+)$")


def _next_title(state: _State, line: Line) -> bool:
    """``2. Capital expenditure`` after a section opened by ``1. …``: the next point of the
    page, which ends that section (a short title, not an item of the list)."""
    if state.head_number is None or line.indent or line.person is not None:
        return False
    m = _TITLE_NUMBER.match(nfkc(line.quote).strip())
    if not m or int(m["n"]) != state.head_number + 1:
        return False
    title = m["t"].strip()
    if re.search(r"[.。;；!！?？]$", title) or len(title.split()) > 8 or (CJK.search(title) and len(title) > 16):
        return False
    state.section, state.last, state.item, state.group_owner = None, None, None, None
    state.head_number = int(m["n"])
    return True


def _suggest(state: _State, captured: Captured, lines: Sequence[Line], confidence: float) -> Suggestion:
    s = Suggestion(
        captured=captured, quote="\n".join(ln.quote for ln in lines),
        cues=tuple(ln.index for ln in lines), speaker=lines[0].person, confidence=confidence,
    )
    state.found.append(s)
    state.used.update(ln.index for ln in lines)
    return s


def _action(state: _State, parsed: Parsed, line: Line, people: People, confidence: float) -> Suggestion:
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


def _item(state: _State, kind: str, text: str, line: Line, confidence: float) -> Suggestion | None:
    if kind == "decision" and _NOT_DECIDED.search(line.body):
        return None  # 午餐安排由行政视情况决定: left to be decided, not decided
    return _suggest(state, Captured(kind=kind, text=text, raw=line.quote), [line], confidence)  # type: ignore[arg-type]


_OPEN_ASK = re.compile(r"^(?:who|what|whether|which|when|how|should|do|does|is|are|can|谁|是否|要不要|能否|哪)", re.I)
_TOO_SHORT = re.compile(r"[A-Za-z][\w-]*|[\u4e00-\u9fff]{1,3}")
"""A one-word line in an action list with nobody and no date: a sub-heading (``Sales``, ``其他``)."""
_INLINE_NUMBER = re.compile(r"(?:^|(?<=[\s；;。，,]))(?:\d{1,2}[.、)．]|[①-⑩]|\(\d{1,2}\)|（\d{1,2}）)\s*(?!\d)")


def _section_item(state: _State, line: Line, body: str, people: People, ref: date | None) -> None:
    """An item under an action, decision or open-question heading; ``1. … 2. …`` written on
    one line are that many items."""
    numbers = list(_INLINE_NUMBER.finditer(body))
    if len(numbers) >= 2 and numbers[0].start() <= 1:
        ends = [m.start() for m in numbers[1:]] + [len(body)]
        for m, end in zip(numbers, ends, strict=True):
            piece = body[m.end():end].strip()
            if piece:
                _one_section_item(state, line, piece, people, ref)
        return
    _one_section_item(state, line, body, people, ref)


def _one_section_item(state: _State, line: Line, body: str, people: People, ref: date | None) -> None:
    section = state.section
    state.last = None
    if section == "action" and _OPEN_ASK.match(body) and re.search(r"[?？]\s*$", body):
        text = question_text(body, lead_required=False)  # "Who follows up with legal?" in a task list
        if text:
            _item(state, "question", text, line, 0.7)
        return
    if section == "action":
        parts = _split_tasks(body, people, ref)
        if parts:
            for part in parts:
                state.last = _action(state, part, line, people, 0.85)
            return
        group = state.group_owner if state.group_indent < 0 or line.indent > state.group_indent else None
        one = parse_action(body, people, ref, group_owner=group or line.person)
        if one is not None and one.owner is None and line.author and (lead := _I_WILL.match(one.text)):
            # From: Greta / Next steps: / I'll send them our forecast tomorrow: the writer's task
            one.owner, one.how, one.explicit, one.text = line.author, "self", True, one.text[lead.end():]
        if one is not None and (one.owner or one.due or not _TOO_SHORT.fullmatch(one.text)):
            state.last = _action(state, one, line, people, 0.9)
        return
    if section == "question":
        text = question_text(body, lead_required=False)
        if text:
            _item(state, "question", text, line, 0.85)
        return
    # decisions (or decisions and actions): an item with a marked owner is an action, unless
    # the writer called it a decision (Decision 1: … (Owner: Anna))
    called = decision_text(body, lead_required=True)
    if called:
        text = clean(FIELD.sub("", called))
        if text:
            _item(state, "decision", text, line, 0.85)
        return
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
    for i, (piece, one) in enumerate(zip(pieces, parsed, strict=True)):
        if one is not None and not one.owner:
            # 温强和业委会沟通续签意向: someone in the room leads the piece (和 is "with" here)
            name = next((n for n in people.names() if len(n) >= 2 and clean(piece).startswith(n)), None)
            if name:
                again = parse_action(clean(piece)[len(name):], people, ref)
                if again is not None:
                    again.owner, again.how, again.explicit = name, "lead", True
                    parsed[i] = again
    owned = [p for p in parsed if p is not None and p.owner and (p.explicit or p.how == "lead")]
    if len(owned) == len(pieces):
        return owned
    # most pieces name their owner: the list is of tasks, one without an owner is still one
    return [p for p in parsed if p is not None] if len(owned) >= 2 and len(owned) * 3 >= len(pieces) * 2 else []


def _loose_item(state: _State, line: Line, people: People, ref: date | None) -> bool:
    """An item in prose or under another heading: only explicit forms count. A paragraph
    is read sentence by sentence (``Oliver will write the notice by Wednesday. Lucas is
    going to …``): each sentence says its own owner and date."""
    marker = _ACTION_AFTER.search(line.body)
    if marker and line.person is None and _marked_owner(marker["o"], people):
        # "The signage will be replaced. Action: JS": the sentence before names the task
        before = [p for p in _SENTENCE.split(line.body[: marker.start()]) if p.strip()]
        if before:
            parsed = parse_action(before[-1], people, ref)
            if parsed is not None:
                parsed.owner = marker["o"]
                part = Line(line.index, line.quote, before[-1], line.speaker, None, line.bullet, False,
                             line.indent, False)
                for sentence in before[:-1]:
                    _loose_sentence(state, Line(line.index, sentence.strip(), sentence.strip(), None, None,
                                                 line.bullet, False, line.indent, False), people, ref)
                state.last = _action(state, parsed, part, people, 0.8)
                return True
    motion = _MOTION.search(line.body)
    if motion and line.person is None:
        # "Motion to accept the quote: proposed by Una, seconded by Tim. Motion carried."
        _item(state, "decision", clean(motion["m"]), line, 0.85)
        rest = (line.body[: motion.start()] + " " + line.body[motion.end():]).strip()
        if rest:
            _loose_item(state, Line(line.index, line.quote, rest, line.speaker, None, line.bullet, False,
                                    line.indent, False), people, ref)
        state.used.add(line.index)
        return True
    sentences = [p for p in _SENTENCE.split(line.body) if p.strip()]
    if len(sentences) < 2:
        return _loose_sentence(state, line, people, ref)
    found = False
    for sentence in sentences:
        part = Line(line.index, sentence.strip(), sentence.strip(), line.speaker, line.person, line.bullet,
                     False, line.indent, False)
        found = _loose_sentence(state, part, people, ref) or found
    return found


_MOTION = re.compile(
    r"(?:^|(?<=[.;]\s))(?:a\s+|the\s+)?motion\s+(?:to|that)\s+(?P<m>[^.;]+?)\s*(?:[:,;(]\s*(?:proposed|moved)[^.]*)?[.;]\s*"
    r"(?:the\s+)?motion\s+(?:was\s+)?(?:carried|passed|approved|adopted)(?:\s+unanimously)?[.!]?",
    re.I,
)
"""A motion and, after it, that it carried: the motion is what was decided."""
_ACTION_AFTER = re.compile(
    r"[\s.。;；]*[(\[（【]?\s*(?:action(?:\s+by)?|行动|跟进人?)\s*[:：\-–—]\s*(?P<o>[^()\[\]（）【】:：.。]{1,30}?)\s*[)\]）】]?"
    r"\s*[.。]?$",
    re.I,
)


def _marked_owner(owner: str, people: People) -> bool:
    owner = owner.strip()
    return bool(re.fullmatch(r"[A-Z]{2,3}(?:\s*[/,&]\s*[A-Z]{2,3})*|All|ALL|全体|各部门", owner)) or looks_like_name(
        owner, people
    ) or bool(CJK.search(owner) and people.knows(owner))


_SENTENCE = re.compile(
    r"(?<=[.!?])(?<!\b[A-Z]\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bMrs\.)(?<!\bSt\.)(?<!e\.g\.)(?<!i\.e\.)"
    r"\s+(?=[A-Z@])|(?<=[。！？])"
)
"""A sentence ends at . ! ? before a capital, not after an initial or a title (``K. Adams to …``)."""


def _loose_sentence(state: _State, line: Line, people: People, ref: date | None) -> bool:
    body = line.body
    if (_NOT_DECIDED.search(body) and re.search(r"决定|定$|decide", body, re.I)) or shared_view(body):
        state.used.add(line.index)  # 由行政视情况决定: left open, for neither reader to record
        state.last = None
        return True
    decision = decision_text(body, lead_required=True) or (clause_decision(body) if line.person is None else None)
    if decision:
        parsed = parse_action(decision, people, ref)
        if parsed is not None and parsed.owner and parsed.how in ("en", "by", "label", "mention") and (
            parsed.due is not None
            or (names_someone_known(parsed.owner, people) and not people.is_department(parsed.owner))
        ):
            # "It was agreed that Mark would call the supplier by Friday": a task, agreed
            state.last = _action(state, parsed, line, people, 0.75)
            return True
        _item(state, "decision", decision, line, 0.8)
        state.last = None
        return True
    if line.person is None and (found := _asked(state, line, people, ref)):
        return found
    question = question_text(body, lead_required=True)
    if question:
        _item(state, "question", question, line, 0.8)
        state.last = None
        return True
    if "@" in body or "＠" in body:
        parsed = mention_action(body, people, ref)
        if parsed is not None:
            writer = line.person or line.author
            if writer is not None and _SELF.search(body):
                parsed.owner = writer  # 孙磊：@陈晓 托盘的事我来对接: the writer takes it on
            state.last = _action(state, parsed, line, people, 0.8)
            return True
    has_owner_label = bool(_OWNER_LABELLED.search(body))
    if (assigned := _name_colon_task(line, people, ref)) is not None:
        state.last = _action(state, assigned, line, people, 0.75)
        return True
    if line.person is not None and not has_owner_label:
        if (assigned := _chat_assignment(line, people, ref)) is not None:
            state.last = _action(state, assigned, line, people, 0.7)
            return True
        return False  # a turn of a conversation: the conversation reader weighs who said what
    labelled_task = bool(TASK_LABEL.match(body))
    if not (has_owner_label or labelled_task or _english_assignment(body, people) or _ZH_ASSIGN.search(body)):
        return False  # prose: reading owners and dates in it would find nothing to keep
    parsed = parse_action(body, people, ref)
    if parsed is None or not parsed.owner:
        return False
    if has_owner_label or (labelled_task and parsed.explicit):
        # 责任人：… / ``AI: Bob – get a quote by Fri``: the writer marked the task and its owner
        state.last = _action(state, parsed, line, people, 0.85)
        return True
    if parsed.explicit and parsed.how in ("en", "label", "mention") and _english_assignment(body, people) and (
        parsed.how != "en" or not _EN_WILL.match(clean(body)) or parsed.due is not None
        or people.knows(parsed.owner) or re.fullmatch(EN_TEAMS, parsed.owner)
        or (line.bullet and not people.participants and re.fullmatch(r"[A-Z][a-z]+", parsed.owner))
    ):
        # "Tom will send the draft" in prose counts for someone in the room (or with a date,
        # or as a point of a list when the room is not written down); "The customer will
        # review it" does not
        state.last = _action(state, parsed, line, people, 0.75)
        return True
    if parsed.explicit and parsed.due is not None and CJK.search(body) and re.search(r"负责|牵头|跟进|落实", body):
        state.last = _action(state, parsed, line, people, 0.7)
        return True
    return False


_IMPERATIVE = re.compile(r"^[a-z][a-z-]+\s")
_MARKED_DUE = re.compile(r"(?<![a-z])(?:by|before|due|until|no later than)\s", re.I)


def _name_colon_task(line: Line, people: People, ref: date | None) -> Parsed | None:
    """``Anna: send the deck by Friday`` in English minutes: a name, an imperative and a
    date marked with by / due (the speaker label the reader split off is that name)."""
    if line.person is not None:
        name, task = line.person, line.body
    else:
        m = re.match(r"^(?P<n>[^:：]{1,30})\s*:\s+(?P<t>.+)$", line.body)
        if not m:
            return None
        name, task = m["n"], m["t"]
    if CJK.search(task) or not _IMPERATIVE.match(task) or not _MARKED_DUE.search(task):
        return None
    if not looks_like_name(name, people):
        return None
    parsed = parse_action(task, people, ref)
    if parsed is None or parsed.due is None or parsed.owner:
        return None
    parsed.owner, parsed.how, parsed.explicit = name, "en-colon", True
    return parsed


def _agenda_mark(state: _State, line: Line, people: People, ref: date | None) -> bool:
    body = line.body
    decision = decision_text(body, lead_required=True)
    if decision:
        _item(state, "decision", decision, line, 0.8)
        return True
    question = question_text(body, lead_required=True)
    if question:
        _item(state, "question", question, line, 0.75)
        return True
    marked = TASK_LABEL.match(body) or (
        re.match(r"^[@＠]\S+\s+(?:will|to|is\s+going\s+to)\s", body)
    )
    if not marked:
        return False
    parsed = parse_action(body, people, ref)
    if parsed is None:
        return False
    state.last = _action(state, parsed, line, people, 0.8)
    return True


def _answers_a_request(state: _State, line: Line, people: People, ref: date | None) -> bool:
    """张工：好的，明早发 — the person an @mention asked a few lines above says yes, maybe with
    their own date: the answer joins the request (its date wins), it is no new task."""
    if not REPLY.match(line.body):
        return False
    who = people.normalise(line.person)
    for s in reversed(state.found[-6:]):
        c = s.captured
        if c.kind != "action" or not c.owner or who not in c.owner.split("、") or line.index - s.cues[-1] > 6:
            continue
        dated = find_date(line.body, ref)
        if dated is not None:
            c.due = dated[0]
        s.quote += "\n" + line.quote
        s.cues = (*s.cues, line.index)
        state.used.add(line.index)
        return True
    return False


_ANNOUNCE = re.compile(
    r"(?P<w>结论|决定|决议|共识|纪要|待办|行动项|分工|下一步|结果|要点|小结|总结|action\s+items|decisions|next\s+steps"
    r"|outcomes|notes|recap|summary)"
    r"[^，。,.是为]{0,8}?(?:同步|如下|汇总|整理|贴|发|列|share|below|are)|(?P<w2>结论|决定|共识|待办|行动项|下一步)[:：]\s*$",
    re.I,
)


_TO_ALL = re.compile(r"各位|大家|@所有人|所有人|如下|以下|同步|👇|📝|⬇|(?<![a-z])(?:all|everyone|below|folks|team)(?![a-z])", re.I)


def _chat_list(state: _State, line: Line, people: People, ref: date | None) -> bool:
    """In a chat, ``翟工：今天协调会的结论同步一下👇`` announces a list, and that person's
    numbered messages after it (``翟工：1️⃣ 钢梁先按原图纸加工``) are its points."""
    assert line.person is not None
    bracketed = re.fullmatch(r"\s*[【\[]\s*(?P<h>[^】\]]{2,20}?)\s*[】\]]\s*", line.body)
    written = heading_of(bracketed["h"] + "：", md_heading=False) if bracketed else None
    if written is not None and written[0] in ITEM_SECTIONS and not written[1]:
        # 马丽：【会议共识】 in a chat paste: a written heading, the writer's points follow
        state.chat_list = (line.person, written[0])
        state.used.add(line.index)
        return True
    m = _ANNOUNCE.search(line.body)
    if m and len(re.sub(r"[\W_]+", "", line.body[m.end():])) <= 4 and _TO_ALL.search(line.quote):
        # …结论同步一下👇 to the group, not 结论是先发五十台 nor 会后我把纪要整理一下 (a promise)
        word = m["w"] or m["w2"]
        announced = heading_of(f"{word}：", md_heading=False)
        state.used.add(line.index)  # 刚才电话会的结果我整理一下: the paste's preface, no task
        if announced is not None and announced[0] in ITEM_SECTIONS:
            state.chat_list = (line.person, announced[0])
        return True
    if state.chat_list is None:
        return False
    person, kind = state.chat_list
    if line.person != person or not line.numbered:
        state.chat_list = None  # someone else writes, or the list is over
        return False
    if line.checked:
        state.used.add(line.index)  # ☑ @马丽 已把纪要发给客户: done already
        return True
    saved = state.section
    state.section = kind
    state.used.add(line.index)
    _section_item(state, line, line.body, people, ref)
    state.section = saved
    return True


def _dates_own_task(state: _State, line: Line, people: People, ref: date | None, writer: str | None = None) -> bool:
    """``Sam Reid 10:05`` / ``On it, will have stock levels by Thursday``: in a chat export a
    later message of a task's owner that gives a date (and says yes, or speaks of the task)
    dates that task; it is no new one."""
    writer = writer or line.author
    assert writer is not None
    dated = find_date(line.body, ref)
    if dated is None or "@" in line.body or "＠" in line.body:
        return False
    who = people.normalise(writer) or writer
    first = who.split()[0].casefold()
    words = _content_words(line.body)
    for s in reversed(state.found[-8:]):
        c = s.captured
        if c.kind != "action" or not c.owner:
            continue
        owners = [o.strip() for o in re.split(r"[、,]", c.owner)]
        if not any(o == who or o.split()[0].casefold() == first for o in owners if o):
            continue
        if not (REPLY.match(line.body) or re.match(r"(?i)on it|will do|收到|好的|没问题", line.body)
                or words & _content_words(c.text)):
            continue
        c.due = dated[0]
        s.quote += "\n" + line.quote
        s.cues = (*s.cues, line.index)
        state.used.add(line.index)
        return True
    return False


_I_WILL = re.compile(r"^(?:I(?:'ll|’ll|\s+will|\s+am\s+going\s+to)|我来|我会|我负责)\s*", re.I)
_MAIL_FROM = re.compile(r"^\s*(?:from|发件人)\s*[:：]\s*(?P<n>[^<>@\n]{2,40}?)\s*(?:<[^>]*>)?\s*$", re.I)
_SENDER = re.compile(
    rf"(?:[{SURNAMES}][\u4e00-\u9fff]{{1,3}}|[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){{0,2}})(?:\s*[(（][^()（）]{{1,10}}[)）])?"
)
_STOP = frozenset(("will", "have", "with", "this", "that", "from", "they", "them", "then", "what", "when", "also",
                   "just", "into", "your", "there", "their", "would", "should", "could", "today", "tomorrow"))


_X_TO = re.compile(r"^(?P<o>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)?)\s+to\s+[a-z]")


def _chat_assignment(line: Line, people: People, ref: date | None) -> Parsed | None:
    """``[09:03] Kim Tran: Leo to get quotes for two pallet jacks``: in a chat, a message that
    hands a task to someone else in the room in the minutes' own form (``X to …``)."""
    m = _X_TO.match(line.body)
    if not m or not people.knows(m["o"]) or re.search(r"[?？]\s*$", line.body):
        return None
    if people.normalise(m["o"]) == people.normalise(line.person):
        return None  # "Kim to …" written by Kim: the conversation reader weighs it
    parsed = parse_action(line.body, people, ref)
    return parsed if parsed is not None and parsed.owner and parsed.how == "en" else None


def _takes_on(state: _State, line: Line, people: People, ref: date | None) -> bool:
    """``季伟 09:40`` / ``旧纸箱还剩多少我来盘一下，明天下班前给数``: in a chat export, the
    sender takes a task on themselves and says by when."""
    assert line.author is not None
    body = line.body
    if not _SELF.search(body) or re.search(r"[?？]\s*$", body) or "@" in body or "＠" in body:
        return False
    dated = find_date(body, ref)
    if dated is None:
        return False
    text = clean(cut(body, dated[1]))
    text = clean(re.sub(r"我(?:来|负责|去|跟进|这边|会)|(?<![a-z])(?:I'll|I will|I can take|I'm on it)(?![a-z])", "", text,
                        flags=re.I))
    text = clean(re.sub(r"^(?:这个|那|好的?|ok)[，,]?\s*", "", text, flags=re.I))
    if len(text) < 3:
        return False
    parsed = Parsed(text=text, owner=line.author, due=dated[0], explicit=True, how="self")
    state.last = _action(state, parsed, line, people, 0.7)
    return True


def _content_words(text: str) -> set[str]:
    """Words of four letters or more, or pairs of Chinese characters: enough to tell that a
    reply speaks of a task (``price list`` in ``send the revised price list``)."""
    low = nfkc(text).casefold()
    words = {w for w in re.findall(r"[a-z]{4,}", low) if w not in _STOP}
    han = "".join(CJK.findall(low))
    return words | {han[i:i + 2] for i in range(len(han) - 1)}


_ASKED = re.compile(r"^(?:会议|会上|经讨论[，,]?\s*)?(?:要求|安排|责成|指定|明确由)\s*[:：]?\s*")
_SAYS = re.compile(r"^(?:[:：，,]|表示|反馈|通报|说明|报告|称|答复|回复|认为|说|提出|提到|介绍|汇报|反映|指出|建议|希望|觉得|担心|补充|强调|解释|问|回答|同意|反对)")


def _asked(state: _State, line: Line, people: People, ref: date | None) -> bool:
    """Chinese narrative minutes: ``会议要求生产部江涛明天中午前发排产计划，质检部侯敏下周一前出
    作业指导书`` (one task per clause that names its owner), or a sentence that opens with
    someone in the room and a date (``江涛明天中午前发新的排产计划``)."""
    body = clean(line.body)
    if not CJK.search(body):
        return False
    lead = _ASKED.match(body)
    if lead:
        clauses = [c for c in re.split(r"[，,；;]", body[lead.end():]) if c.strip()]
        found = [p for p in (parse_action(c, people, ref) for c in clauses)
                 if p is not None and p.owner and (p.explicit or p.how == "lead")]
        for p in found:
            state.last = _action(state, p, line, people, 0.7)
        return bool(found)
    m = people.zh_lead().match(body)
    if not m or not m["owner"] or not names_someone_known(m["owner"], people) or _SAYS.match(body[m.end():]):
        m = _FULL_NAME_DEADLINE.match(body)  # 李娜下周一前把名单报给IT部, nobody listed
        if not m or people.knows(m["owner"]):
            return False
        when = find_date(body[m.end():], ref)
        if when is None or when[1][0] > 0 or not re.search(r"前$", body[m.end():][: when[1][1]]):
            return False
    when = find_date(body[m.end():], ref)
    if when is None or when[1][0] > 2:
        return False  # the owner, then at once when: 江涛明天中午前发…
    if re.match(r"\s*[，,]?\s*(?:已经|已|都|刚)", body[m.end() + when[1][1]:]):
        return False  # 孙丽12月8日已下单: what was done, not what is owed
    parsed = parse_action(body, people, ref)
    if parsed is not None and not parsed.owner and m.re is _FULL_NAME_DEADLINE:
        parsed = parse_action(body[m.end():], people, ref)
        if parsed is not None:
            parsed.owner, parsed.how = m["owner"], "lead"
    if parsed is None or not parsed.owner or parsed.due is None:
        return False
    state.last = _action(state, parsed, line, people, 0.65)
    return True


_SELF = re.compile(r"我来|我负责|我去|我跟进|我这边|我会|(?<![a-z])(?:I'll|I will|I can take|I'm on it)(?![a-z])", re.I)
_FULL_NAME_DEADLINE = re.compile(
    rf"^(?P<owner>[{SURNAMES}][\u4e00-\u9fff]{{1,2}}?)"
    r"(?=(?:今天|明天|后天|本周|下周|这周|月底|月末|\d|[一二三四五六七八九十]{1,3}号|周[一二三四五六日]))"
)
"""A full name and at once a deadline (李娜下周一前…): a task in prose, also when nobody is listed."""
_EN_WILL = re.compile(r"^\S.{0,40}?\s(?:will|(?:is|are)\s+going\s+to)\s", re.I)
_ASIDE = re.compile(
    r"^(?:另外|此外|补充|备注|注[:：]|附[:：]|ps\b|p\.s\.|also,|note:|besides|by the way|btw|fyi"
    r"|(?:best\s+|kind\s+|warm\s+)?regards\b|cheers\b|thanks\b|thank you\b|many thanks|br,|此致|顺祝|祝好|谢谢|感谢)",
    re.I,
)
"""A line that steps out of a list written without bullets (另外，…, Note: …)."""
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


def _table_row(state: _State, line: Line, people: People, ref: date | None) -> None:
    cells = line.table or []
    if all(re.fullmatch(r":?-{2,}:?|", c) for c in cells):
        state.used.add(line.index)
        return
    if len(cells) == 2 and (kv := heading_of(cells[0], md_heading=True)) is not None and kv[0] in ITEM_SECTIONS:
        # | **Action Items** | - [ ] send the deck - Anna<br>- [ ] book the room - Tom |
        saved = state.section
        state.section = kv[0]
        for piece in re.split(r"<br\s*/?>", cells[1], flags=re.I):
            bullet = BULLET.match(piece.strip())
            body = piece.strip()[bullet.end():] if bullet else piece.strip()
            if body and not re.fullmatch(r"\[.*\]", body):
                _section_item(state, line, body, people, ref)
        state.section = saved
        state.used.add(line.index)
        return
    header = columns(cells)
    if header is not None:
        state.columns = header
        state.table_kind = "decision" if "decision" in header and "task" not in header else "action"
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
    if "status_yes" in cols and cols["status_yes"] < len(cells) and re.fullmatch(
        r"\s*(?:yes|y|是|已|✓|✔|✅|x)\s*", cells[cols["status_yes"]], re.I
    ):
        return  # | Demo recording | Hank | 12/22 | Yes |: done already

    def cell(key: str) -> str:
        i = cols.get(key)
        return cells[i] if i is not None and i < len(cells) else ""

    kind = clean(cell("type")).casefold() if "type" in cols else ""
    if kind and re.fullmatch(r"i|info|information|note|信息|备注|说明", kind):
        return  # | I | The client asked for … |: information, no item
    if kind and re.fullmatch(r"d|decision|decided|决定|决策|决议|结论", kind):
        text = clean(cell("decision") or cell("task"))
        if text:
            _item(state, "decision", text, line, 0.85)
        return

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


def _attach(state: _State, line: Line, people: People, ref: date | None) -> bool:
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
    elif target is None and owner and state.last_line is not None and state.last_line.index not in state.used:
        prev = state.last_line
        if prev.table is None and not prev.typed and heading(prev) is None:
            parsed = parse_action(prev.body, people, ref)
            if parsed is not None:
                target = _action(state, parsed, prev, people, 0.85)
    if target is None:
        if owner:  # 会议时间：… alone is the header; 责任人：… alone is a task's, written first
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


_ATTENDEE_HEAD = re.compile(
    r"^[#*\s]*(?:参会人员|参会人|参会|与会人员|出席人员|出席|参加人员|attendees|participants|present)\s*[:：]?[*\s]*$",
    re.I,
)


_ATTENDEE_LINE = re.compile(
    r"^\s*(?:who|attending|invitees|in\s+attendance|attendance|also\s+present|与会者|参会者|到会人员|列席人员?|参加|参加人|参与人?)"
    r"\s*[:：]\s*(?P<names>.+)$",
    re.I,
)
_ATTENDEES_IN_PROSE = re.compile(r"(?:^|[。；;，,]\s*)(?:出席|参会|参加|与会)(?:人员|者)?\s*[:：]\s*(?P<names>[^。；;\n]{2,120})")
"""``…召开专题会议。出席：行政部 阎芳、采购部 连杰。``: the attendees named inside a sentence."""
_NAME_LIKE = re.compile(r"[\u4e00-\u9fff]{2,4}|[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,2}")


def _attendees(cues: Sequence[Cue]) -> tuple[list[Participant], set[int]]:
    """The people an attendee line names (``参会人：…``, ``Attendees: …``), also when they are
    listed on the lines below the label (one per line, ``销售部：王强`` or ``- Anna (Sales)``);
    and the indexes of those lines, which are no items."""
    from facilitator.notesfile import parse_participants

    people: list[Participant] = []
    block: set[int] = set()
    listing = False
    for index, cue in enumerate(cues[:400]):
        text = f"{cue.speaker}：{cue.text}" if cue.speaker else cue.text
        if _ATTENDEE_HEAD.match(nfkc(text)):
            listing = True
            block.add(index)
            continue
        other = _ATTENDEE_LINE.match(nfkc(text)) or (
            _ATTENDEES_IN_PROSE.search(nfkc(text)) if not participants_in(text) else None
        )
        if other:  # Who: Omar, Petra / In attendance: N. Dixon (Secretary)
            from facilitator.notesfile import parse_participants as _parse

            found = _parse(other["names"])
            if found and all(_NAME_LIKE.fullmatch(p.name) for p in found):
                people.extend(found)
                block.add(index)
                continue
        if listing:
            entry = clean(BULLET.sub("", nfkc(text).strip(), count=1))
            if entry and len(entry) <= 40 and not find_date(entry, None) and not heading_of(entry, md_heading=False):
                dept = re.fullmatch(r"(?P<d>[^:：]{1,12})[:：]\s*(?P<n>.+)", entry)
                found = (
                    [Participant(p.name, dept["d"]) for p in parse_participants(dept["n"])] if dept
                    else parse_participants(entry)
                )
                if found and all(_NAME_LIKE.fullmatch(p.name) for p in found):
                    people.extend(found)
                    block.add(index)
                    continue
            listing = False
        people.extend(participants_in(text))
    return people, block


def extract_minutes(
    cues: Sequence[Cue],
    *,
    meeting_date: date | None,
    participants: Sequence[Participant] = (),
    language: Language = "zh",
) -> tuple[list[Suggestion], set[int]]:
    """Items written in minutes forms, and the indexes of the cues they were read from."""
    listed, attendee_lines = _attendees(cues)
    people = People([*participants, *listed])
    state = _State()
    author: str | None = None
    for index, cue in enumerate(cues):
        if not cue.text or not cue.text.strip():
            continue
        sender = _MAIL_FROM.match(f"{cue.speaker}: {cue.text}" if cue.speaker else cue.text)
        if sender and author is None:
            author = sender["n"].strip()  # From: Greta Holm — "I'll send …" below is hers
            state.used.add(index)
            continue
        header = CHAT_HEADER.match(nfkc(cue.text).strip()) if cue.speaker is None else None
        if header and _SENDER.fullmatch(header["n"].strip()):
            # a chat export's sender line: the lines below are their message, a new context
            author = re.sub(r"\s*[(（][^()（）]*[)）]$", "", header["n"].strip())
            state.section, state.last, state.item, state.pending = None, None, None, None
            state.used.add(index)
            continue
        line = prepare(index, cue, meeting_date)
        line.author = author if cue.speaker is None else None
        line.attendees = line.attendees or index in attendee_lines
        pending = state.pending
        _read(state, line, people, meeting_date)
        if pending is not None and state.pending is pending:
            state.pending = None  # the next line was no item: the fields were for nothing we read
        state.last_line = line
    return _once(state.found), state.used


def _once(found: list[Suggestion]) -> list[Suggestion]:
    """Each item once: a mail that quotes the one before (``> Anna to send the deck``) or
    minutes that repeat their action list in a summary give the same item twice."""
    seen: dict[tuple[str, str, str | None], Suggestion] = {}
    out: list[Suggestion] = []
    for s in found:
        c = s.captured
        key = (c.kind, re.sub(r"\W+", "", c.text.casefold()), c.owner)
        first = seen.get(key)
        if first is None:
            seen[key] = s
            out.append(s)
        elif first.captured.due is None and c.due is not None:
            first.captured.due = c.due
    return out


def _read(state: _State, line: Line, people: People, ref: date | None) -> None:
    """One line of the page: what it is decides where it goes, in this order: a line to pass
    over, a table row, a 责任人 / 完成时间 line, a heading, a line of a list of items, a line
    under the agenda or last meeting's actions, and else prose (explicit forms only)."""
    if _passed_over(state, line):
        return
    if line.table is not None:
        _table_row(state, line, people, ref)
        return
    state.columns = None
    if not line.body or _attach(state, line, people, ref):
        return
    _next_title(state, line)
    if state.pending is not None and TASK_LABEL.match(line.body):
        parsed = parse_action(line.body, people, ref)
        if parsed is not None:
            state.last = _action(state, parsed, line, people, 0.85)
            return
    if _heading_line(state, line, people, ref):
        return
    if state.section in ITEM_SECTIONS and _list_line(state, line, people, ref):
        return
    if line.person is not None and _chat_list(state, line, people, ref):
        return
    if line.person is not None and (
        _answers_a_request(state, line, people, ref) or _dates_own_task(state, line, people, ref, line.person)
    ):
        return
    if line.author is not None and (_dates_own_task(state, line, people, ref) or _takes_on(state, line, people, ref)):
        return
    if state.section == "skip":
        state.last = None  # last meeting's actions: not what this meeting agreed,
        state.used.add(line.index)  # so not for the conversation reader either
        return
    if state.section == "agenda":
        # "1. Anna to present the Q3 numbers" is a point to discuss; "AI(bob): review the PR"
        # or "Decision: quarantine the tests" written under it is what the meeting said
        state.used.add(line.index)
        if not _agenda_mark(state, line, people, ref):
            state.last = None
        return
    if not _loose_item(state, line, people, ref):
        state.last = None


def _passed_over(state: _State, line: Line) -> bool:
    """Code blocks, walls of text, typed quick-capture lines, quoted chat, attendees, ticked boxes."""
    if FENCE.match(line.body):
        state.code = not state.code
        return True
    if state.code or len(line.body) > ITEM_MAX or line.body.startswith("`") or line.typed:
        state.last = None  # a code block, a wall of text, or a line recorded as typed
        return True
    if QUOTED.match(line.body):
        return True  # 「张三：@李四 明天发货」: an earlier message quoted in a reply, read where it was said
    if line.attendees or line.checked:
        state.last = None
        state.used.add(line.index)
        return True
    return False


def _heading_line(state: _State, line: Line, people: People, ref: date | None) -> bool:
    """A heading opens its section (and an item written after its colon is its first item)."""
    head = heading(line) if line.person is None else None  # a spoken "next steps" opens no list
    if head is None:
        return False
    kind, rest = head
    if kind == "other" and state.section == "action" and _group(state, line, people):
        return True  # "Sales:" inside an action list: the items below are theirs
    if (
        kind == "other" and state.section in ITEM_SECTIONS and (line.bullet or line.indent)
        and not line.md_heading and not OTHER_HEADS.match(clean(line.body).rstrip(":："))
    ):
        state.used.add(line.index)  # "For the pilot:" inside a list: a sub-heading, the list goes on
        return True
    if rest and kind == "action" and TASK_LABEL.match(line.body):
        rest = line.body  # TODO(ben): … / Action item 3: …: the label may name the owner
    if rest and kind == state.section and not state.from_inline:
        # ``Agreed: …`` inside a decisions list is one more item of it
        _section_item(state, line, line.body if kind != "question" else rest, people, ref)
        return True
    if rest and line.bullet and kind in ITEM_SECTIONS:
        # "- Decision: X" / "5. Open questions: …" as one point of a list: that point only
        saved = (state.section, state.from_inline)
        state.section = kind
        _section_item(state, line, rest, people, ref)
        state.section, state.from_inline = saved
        state.bullets = True
        return True
    state.section, state.from_inline, state.bullets = kind, bool(rest), False
    state.group_owner, state.last, state.item = None, None, None
    numbered = _TITLE_NUMBER.match(nfkc(line.quote).strip()) if not line.indent else None
    state.head_number = int(numbered["n"]) if numbered else None
    if kind in ITEM_SECTIONS or kind in ("skip", "agenda"):
        state.used.add(line.index)
    after = re.split(r"[:：]", line.body, maxsplit=1)[1].strip() if kind == "other" and re.search(r"[:：]", line.body) else ""
    if after and (_NOT_DECIDED.search(after) or shared_view(after)):
        state.used.add(line.index)  # 其他：午餐安排由行政视情况决定: left open, for neither reader to record
    if rest and kind in ITEM_SECTIONS:
        bullet = BULLET.match(rest)
        if len(_INLINE_NUMBER.findall(rest)) < 2:
            rest = rest[bullet.end():] if bullet else rest
        inline = Line(line.index, line.quote, rest, line.speaker, None, False, False, line.indent, False)
        _section_item(state, inline, rest, people, ref)
    return True


def _list_line(state: _State, line: Line, people: People, ref: date | None) -> bool:
    """A line under an action, decision or question heading: an item of the list, a wrapped
    line or sub-point of the item above, an owner group, or the line that ends the list
    (then False: the line is read again as prose)."""
    continues = state.item is not None and not _MENTIONS.search(line.body) and (
        line.indent > state.item_indent
        or (not line.bullet and state.last_line is not None
            and re.search(r"[，,、；;:：]\s*$", state.last_line.body) is not None)
    )
    ends = not continues and (
        ((state.from_inline or state.bullets) and not _pointed(line) and not line.indent)
        or (not line.bullet and _ASIDE.match(line.body))
    )
    if ends:
        state.section = None
        if _ASIDE.match(line.body):
            state.last = None
            return True  # the aside or the mail's closing itself is no item either
        return False
    if continues and state.item is not None:
        # a sub-point or a wrapped line of the item above (indented, or the line above
        # stopped at a comma): its words, not another item
        state.item.quote += "\n" + line.quote
        state.item.cues = (*state.item.cues, line.index)
        state.used.add(line.index)
        return True
    state.bullets = state.bullets or _pointed(line)
    if state.section == "action" and _group(state, line, people):
        return True
    before = len(state.found)
    state.used.add(line.index)  # a line of a list of items, read as one even if it gives none
    _section_item(state, line, line.body, people, ref)
    state.item = state.found[-1] if len(state.found) > before else None
    state.item_indent = line.indent
    return True


def _pointed(line: Line) -> bool:
    """A point of a list: a bullet, or 一、… 二、… (which end a list like bullets do)."""
    return line.bullet or (line.person is None and bool(re.match(r"^\s*[一二三四五六七八九十]{1,3}[、.．]", line.quote)))


def _group(state: _State, line: Line, people: People) -> bool:
    """``Sales:`` / ``采购部：`` alone inside an action list (or the bare name of someone in
    the room, with their tasks as sub-points): the items below are theirs."""
    head = clean(line.body)
    if not head or len(head) > 20:
        return False
    if not line.body.rstrip().endswith((":", "：")) and not people.knows(head):
        return False
    if not looks_like_name(head, people) and not re.fullmatch(r"[\u4e00-\u9fff]{1,8}(?:部|组|科|中心|车间)", head):
        return False
    state.group_owner = head
    state.group_indent = line.indent if line.bullet and not line.body.rstrip().endswith((":", "：")) else -1
    state.last = None
    state.used.add(line.index)
    return True


__all__ = ["extract_minutes"]
