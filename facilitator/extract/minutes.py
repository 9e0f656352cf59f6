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

This module is the walk itself: which reader a line goes to, and headings, lists and
责任人 / 完成时间 fields. The readers it hands lines to live beside it: items under a
heading in :mod:`.minutes_sections`, prose in :mod:`.minutes_prose`, chat messages in
:mod:`.minutes_chat`, table rows in :mod:`.minutes_tables`, attendee lines in
:mod:`.minutes_attendees`; the state they share and record into in :mod:`.minutes_state`.

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
from datetime import date

from facilitator.extract.minutes_attendees import attendees
from facilitator.extract.minutes_chat import (
    MAIL_FROM,
    SENDER,
    answers_a_request,
    approves_a_proposal,
    boss_settles,
    chat_list_line,
    dates_own_task,
    offers_for_a_need,
    takes_on,
)
from facilitator.extract.minutes_fields import (
    CJK,
    EMOJI,
    SURNAMES,
    ZH_PERSON,
    People,
    clean,
    looks_like_name,
    nfkc,
    read_date,
)
from facilitator.extract.minutes_items import (
    _NOT_DECIDED,
    FIELD,
    FIELD_ONLY,
    TASK_LABEL,
    done_value,
    parse_action,
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
    SAME_AS_ABOVE,
    STANDUP,
    Line,
    heading,
    heading_of,
    prepare,
    topic_title,
)
from facilitator.extract.minutes_points import GENERIC_HEAD, plain_point
from facilitator.extract.minutes_prose import agenda_mark, loose_item
from facilitator.extract.minutes_scorer import Where
from facilitator.extract.minutes_sections import INLINE_NUMBER, section_item
from facilitator.extract.minutes_state import State, add_action, add_item, join_line
from facilitator.extract.minutes_tables import table_row
from facilitator.model import Cue, Language, Participant, Suggestion

WRITER = re.compile(
    r"^\s*(?:提交人|汇报人|填报人|报告人|撰写人|起草人)\s*[:：]\s*(?P<n>[\u4e00-\u9fff]{2,4})\s*(?:[(（][^()（）]{1,12}[)）])?\s*$"
)
"""The one who wrote a report (a DingTalk 工作汇报's 提交人): the 我 of the page."""

_TITLE_NUMBER = re.compile(r"^(?P<n>\d{1,2})[.)、．]\s*(?P<t>.+)$")


def _next_title(state: State, line: Line) -> bool:
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


_ASIDE = re.compile(
    r"^(?:另外|此外|补充|备注|注[:：]|附[:：]|ps\b|p\.s\.|also,|note:|besides|by the way|btw|fyi"
    r"|(?:best\s+|kind\s+|warm\s+)?regards\b|cheers\b|thanks\b|thank you\b|many thanks|br,|此致|顺祝|祝好|谢谢|感谢)",
    re.I,
)
"""A line that steps out of a list written without bullets (另外，…, Note: …)."""
_MENTIONS = re.compile(r"[@＠]\S")


def _drop(state: State, item: Suggestion) -> None:
    """Take back an item read from the lines above, now known to need no follow-up."""
    state.found[:] = [s for s in state.found if s is not item]


def _owner_and_due(line: Line, ref: date | None) -> tuple[str | None, date | None]:
    """The first 责任人 and the first 完成时间 written on a line of fields."""
    owner: str | None = None
    due: date | None = None
    for m in FIELD.finditer(line.body):
        value = clean(m["value"])
        if m["olab"] and value and owner is None:
            owner = value
        elif m["dlab"] and value and due is None:
            due = read_date(value, ref)
    return owner, due


def _attach(state: State, line: Line, people: People, ref: date | None) -> bool:
    """A line of only 责任人：/ 完成时间：fields: it completes the item just above."""
    if not FIELD_ONLY.match(line.body):
        return False
    owner, due = _owner_and_due(line, ref)
    target = state.last
    labelled = state.labelled.get(id(target), set()) if target is not None else set()
    if target is not None and ((owner and "owner" in labelled) or (not owner and due and "due" in labelled)):
        # 责任人：X / 事项：A / 责任人：Y / 事项：B : the fields come before their item
        target = None
    elif target is None and owner and state.last_line is not None and (
        state.last_line.index not in state.used or TASK_LABEL.match(state.last_line.body)
    ):
        # 事项一：联赛章程定稿 / 责任人：屈阳 : the labelled item just above is the task
        prev = state.last_line
        if prev.table is None and not prev.typed and (heading(prev) is None or TASK_LABEL.match(prev.body)):
            parsed = parse_action(prev.body, people, ref)
            if parsed is not None:
                target = add_action(state, parsed, prev, people, 0.85)
    if target is None:
        if owner:  # 会议时间：… alone is the header; 责任人：… alone is a task's, written first
            state.pending = (owner, due, line)
            state.used.add(line.index)
            return True
        if due and state.pending is not None and state.pending[1] is None:
            # 责任人：梁大爷 / 完成时间：12月1日前 / 具体要求：…: both fields before the task
            state.pending = (state.pending[0], due, state.pending[2])
            state.used.add(line.index)
            return True
        return False
    if due is None and done_value(line.body):
        # 事项：… / 责任人：邬静 / 完成时间：已完成 : done before the minutes were written
        _drop(state, target)
        state.used.add(line.index)
        state.last = None
        return True
    c = target.captured
    if c.kind != "action":
        c.kind = "action"
    if owner and (c.owner is None or target.cues[-1] == target.cues[0]):
        c.owner = people.normalise(owner)
    if due:
        c.due = due  # a labelled date is what the writer meant, over one inside the text
    join_line(state, target, line)
    target.confidence = max(target.confidence, 0.85 if c.owner else 0.6)
    state.labelled.setdefault(id(target), set()).update(
        k for k, v in (("owner", owner), ("due", due)) if v
    )
    state.last = target
    return True


def extract_minutes(
    cues: Sequence[Cue],
    *,
    meeting_date: date | None,
    participants: Sequence[Participant] = (),
    language: Language = "zh",
    wheres: dict[int, Where] | None = None,
    bodies: dict[int, str] | None = None,
) -> tuple[list[Suggestion], set[int]]:
    """Items written in minutes forms, and the indexes of the cues they were read from.
    ``wheres`` and ``bodies``, when given, are filled with where each line stands and its
    text without marks (for :mod:`.minutes_scorer`)."""
    listed, attendee_lines = attendees(cues)
    head = ""
    people = People([*participants, *listed])
    state = State(chat=_is_chat(cues))
    author: str | None = None
    for index, cue in enumerate(cues):
        if not cue.text or not cue.text.strip():
            continue
        sender = MAIL_FROM.match(f"{cue.speaker}: {cue.text}" if cue.speaker else cue.text)
        if sender and author is None:
            author = sender["n"].strip()  # From: Greta Holm — "I'll send …" below is hers
            state.mail = True  # a mail: "Pontoon C: …" below is a topic, nobody's message
            state.used.add(index)
            continue
        writer = WRITER.match(nfkc(f"{cue.speaker}：{cue.text}" if cue.speaker else cue.text))
        if writer and author is None:
            author = writer["n"]  # 提交人：鲁佳（生产跟单） — "我：…" below is hers
            state.used.add(index)
            continue
        header = CHAT_HEADER.match(nfkc(cue.text).strip()) if cue.speaker is None else None
        if header and SENDER.fullmatch(header["n"].strip()):
            # a chat export's sender line: the lines below are their message, a new context
            author = re.sub(r"\s*[(（][^()（）]*[)）]$", "", header["n"].strip())
            state.section, state.last, state.item, state.pending = None, None, None, None
            state.used.add(index)
            continue
        line = prepare(index, cue, meeting_date, mail=state.mail)
        line.author = author if cue.speaker is None else None
        line.attendees = line.attendees or index in attendee_lines
        pending = state.pending
        was_used = index in state.used
        _read(state, line, people, meeting_date)
        if wheres is not None and bodies is not None and not line.typed:  # a typed line is recorded as typed
            head = _record_where(state, line, head, wheres, was_used)
            bodies[index] = line.body
        if pending is not None and state.pending is pending:
            state.pending = None  # the next line was no item: the fields were for nothing we read
        state.last_line = line
        state.recent = [*state.recent[-5:], line]
    _due_at_next_meeting(cues, state.found, meeting_date)
    return _once(state.found), state.used


_NEXT_MEETING = re.compile(r"^\W*next\s+(?:regular\s+|board\s+|committee\s+|general\s+)?meeting\s*(?:[:：\-–—]|will\s+be|is)\s*(?P<d>.+)$", re.I)
_AT_NEXT = re.compile(
    r"\b(?:at|by|for|before|to)\s+the\s+(?:next|(?P<m>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)\s+(?:regular\s+|board\s+)?meeting\b",
    re.I,
)


def _due_at_next_meeting(cues: Sequence[Cue], found: list[Suggestion], ref: date | None) -> None:
    """``report back at the December meeting`` on a page that says ``Next regular meeting:
    Monday, December 21``: the task is due that day (the month, when named, must be the
    meeting's)."""
    when: date | None = None
    for cue in cues:
        text = f"{cue.speaker}: {cue.text}" if cue.speaker else cue.text or ""
        m = _NEXT_MEETING.match(nfkc(text).strip())
        day = re.sub(r"^(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+(?=\w+\s+\d|\d)", "", m["d"].strip(), flags=re.I) if m else ""
        if m and (when := read_date(re.split(r",?\s+(?:at\s+)?\d{1,2}[:.]\d{2}|,?\s+\d{1,2}\s*[ap]\.?m", day)[0].strip(" ,."), ref)):
            break
    if when is None or (ref is not None and when <= ref):
        return
    for s in found:
        c = s.captured
        at = _AT_NEXT.search(c.text) if c.kind == "action" and c.due is None else None
        if at and (not at["m"] or when.strftime("%b").casefold() == at["m"].casefold()[:3]):
            c.due = when


def _record_where(state: State, line: Line, head: str, wheres: dict[int, Where], was_used: bool) -> str:
    """Note where ``line`` stands (its section, the heading above it, its marks); returns the
    heading in force after it."""
    after = re.split(r"[:：]", line.body, maxsplit=1)[1].strip() if re.search(r"[:：]", line.body) else ""
    is_heading = line.person is None and line.table is None and len(after) < 4 and heading(line) is not None
    if is_heading:
        head = clean(re.split(r"[:：]", line.body, maxsplit=1)[0])
    elif line.md_heading or (
        line.person is None and line.table is None and not line.bullet
        and re.fullmatch(r"[^。！？!?.，,；;:：]{2,40}", clean(line.body)) is not None
        and (len(clean(line.body)) <= 16 if CJK.search(line.body) else len(line.body.split()) <= 4)
    ):
        head, is_heading = clean(line.body), True  # 讨论记录 / Background alone on a line: a title
    wheres[line.index] = Where(
        section=state.section or "none", head=head, is_heading=is_heading, bullet=line.bullet,
        numbered=line.numbered or bool(re.match(r"^\s*(?:\d{1,2}[.)、．]|[一二三四五六七八九十]{1,3}[、.．])", line.quote)),
        table=line.table is not None, checked=line.checked, indented=line.indent > 0,
        person=line.person is not None or line.author is not None,
        used=line.index in state.used and not was_used,
    )
    return head


_CHAT_TITLE = re.compile(r"群|聊天|微信|钉钉|飞书|企微|(?<![a-z])(?:slack|wechat|dingtalk|whatsapp|teams\s+chat|chat)(?![a-z])", re.I)


def _is_chat(cues: Sequence[Cue]) -> bool:
    """A chat paste rather than a transcript or a page: its title says so (微信群 / 钉钉 /
    Slack), or its messages carry @mentions or emoji, or senders stand on lines of their own.
    Rules that read a yes or a boss's word as a decision hold for messages people typed to
    each other, not for speech, where "可以" and "不用" mean many things."""
    texts = [c.text for c in cues if c.text and c.text.strip()]
    if texts and _CHAT_TITLE.search(texts[0]):
        return True
    for cue in cues[:400]:
        text = nfkc(cue.text or "").strip()
        if re.search(r"(?:^|\s)[@＠][^\s@＠]", text) or EMOJI.search(text):
            return True
        header = CHAT_HEADER.match(text) if cue.speaker is None else None
        if header and SENDER.fullmatch(header["n"].strip()):
            return True
    return False


def chat_speakers(cues: Sequence[Cue]) -> list[Cue]:
    """``cues`` with the sender of a chat export as each message's speaker (``张经理 10:08``
    above ``用80那家的``), and the sender lines emptied; other cues unchanged, indexes kept.
    The conversation reader weighs who said what, so a chat whose senders stand on lines of
    their own reads to it as the conversation it is (the chair's answer to a question settles
    the point)."""
    out: list[Cue] = []
    author: str | None = None
    for cue in cues:
        header = CHAT_HEADER.match(nfkc(cue.text).strip()) if cue.speaker is None and cue.text else None
        if header and SENDER.fullmatch(header["n"].strip()):
            author = re.sub(r"\s*[(（][^()（）]*[)）]$", "", header["n"].strip())
            out.append(Cue(None, "", cue.start, cue.end))
        elif author is not None and cue.speaker is None and cue.text.strip():
            out.append(Cue(author, cue.text, cue.start, cue.end))
        else:
            out.append(cue)
    return out


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


def _read(state: State, line: Line, people: People, ref: date | None) -> None:
    """One line of the page: what it is decides where it goes, in this order: a line to pass
    over, a table row, a 责任人 / 完成时间 line, a heading, a line of a list of items, a line
    under the agenda or last meeting's actions, and else prose (explicit forms only)."""
    if _passed_over(state, line):
        return
    if line.table is not None:
        table_row(state, line, people, ref)
        return
    state.columns = None
    if not line.body or _attach(state, line, people, ref) or _standup(state, line, people, ref):
        return
    _next_title(state, line)
    if state.pending is not None and TASK_LABEL.match(line.body):
        parsed = parse_action(line.body, people, ref)
        if parsed is not None:
            state.last = add_action(state, parsed, line, people, 0.85)
            return
    if _verdict_on_proposal(state, line, people, ref):
        return
    if _points_follow(state, line) or _heading_line(state, line, people, ref):
        return
    if state.section in ITEM_SECTIONS and _list_line(state, line, people, ref):
        return
    if _someones_line(state, line, people, ref):
        return
    if state.section == "skip":
        state.last = None  # last meeting's actions: not what this meeting agreed,
        state.used.add(line.index)  # so not for the conversation reader either
        return
    if state.section == "agenda":
        # "1. Anna to present the Q3 numbers" is a point to discuss; "AI(bob): review the PR"
        # or "Decision: quarantine the tests" written under it is what the meeting said
        state.used.add(line.index)
        if not agenda_mark(state, line, people, ref):
            state.last = None
        return
    if _named_point(state, line, people, ref) or (
        line.person is None and not line.indent and (_pointed(line) or state.topic)
        and (state.section is None or (state.section == "other" and state.head_text is not None
                                       and (state.topic or GENERIC_HEAD.match(state.head_text))))
        and plain_point(state, line, people, ref)
    ):
        return
    if not loose_item(state, line, people, ref):
        state.last = None


_TURN_NAME = re.compile(r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}")


def _standup(state: State, line: Line, people: People, ref: date | None) -> bool:
    """A standup written as each person's turn: their name alone on a line, then ``Yesterday:``
    (done, nothing owed), ``Today:`` (their task for the day), ``Blockers:`` (in their way,
    no task). Returns whether the line was such a turn's line; a name alone only starts a
    turn and is read as usual."""
    label = line.person or ""
    m = STANDUP.match(f"{label}: {line.body}" if label else clean(line.body))
    if m is not None and state.standup is not None:
        state.used.add(line.index)
        state.last = None
        rest = clean(m["rest"]).rstrip(".")
        if not m["next"] or SAME_AS_ABOVE.search(rest) or re.fullmatch(r"(?i:none|nothing|n/?a|-|—|tbd)", rest):
            return True  # what was done, what blocks them, or an item they point back to
        parsed = parse_action(rest, people, ref, group_owner=state.standup)
        if parsed is not None:
            parsed.owner = parsed.owner or state.standup
            parsed.due = parsed.due or read_date(m["label"], ref)
            state.last = add_action(state, parsed, line, people, 0.8)
        return True
    name = clean(line.body).rstrip(":：").strip()
    if line.person is None and line.table is None and _TURN_NAME.fullmatch(name) and looks_like_name(name, people):
        state.standup = name  # Lena / **Arjun** / ### Mo: a turn may follow
    elif m is None:
        state.standup = None
    return False


_NAMED = re.compile(r"^(?P<n>[^\s：:，,。；;、]{1,12}(?:\s*[、,，/&]\s*[^\s：:，,。；;、]{1,12})*)\s*[：:]\s*\S.{3,}$")


def _named_point(state: State, line: Line, people: People, ref: date | None) -> bool:
    """``4. 殷红：联系海南的训练基地，周三前拿到报价`` in a list under no heading (minutes that
    number decisions and tasks alike): a point that opens with participants' names and a
    colon is their task, as it would be under 待办, when its words read as one."""
    if not line.bullet or line.person is not None or line.indent or state.chat or state.section not in (None, "other"):
        return False
    m = _NAMED.match(nfkc(line.body).strip())
    names = [n.strip() for n in re.split(r"[、,，/&]", m["n"])] if m else []
    departments = {d.casefold() for d in people.departments()}
    if not names or not all(
        (people.knows(n) or (not people.participants and re.fullmatch(rf"{ZH_PERSON}|[{SURNAMES}][\u4e00-\u9fff]{{1,2}}", n)))
        and n.casefold() not in departments and not people.is_department(n) for n in names
    ):
        # "Fuel: new dispenser in service" names a team's topic, not whose task it is
        return False
    parsed = parse_action(line.body, people, ref)
    if parsed is None or parsed.owner is None or (parsed.due is None and not CJK.search(line.body)):
        return False
    state.last = add_action(state, parsed, line, people, 0.8)
    return True


_LEFT_OPEN = re.compile(r"先不定|暂不定|先不(?:做)?决定|(?:还|暂时?)没定|先不急着定")


def _someones_line(state: State, line: Line, people: People, ref: date | None) -> bool:
    """A line someone wrote in a chat, or signed: a list they post, their answer to a request,
    a date for their own task, a task they take on; or a line that leaves the point open."""
    if line.person is not None and state.chat and _LEFT_OPEN.search(line.body):
        state.used.add(line.index)  # 这个我再问问老板，先不定: the point stays open, nobody owes a task
        state.last = None
        return True
    if line.person is not None and (
        chat_list_line(state, line, people, ref) or answers_a_request(state, line, people, ref)
        or dates_own_task(state, line, people, ref, line.person) or approves_a_proposal(state, line, people, ref)
        or boss_settles(state, line, people, ref) or offers_for_a_need(state, line, people, ref)
    ):
        return True
    return line.author is not None and (
        dates_own_task(state, line, people, ref) or answers_a_request(state, line, people, ref)
        or takes_on(state, line, people, ref)
        or approves_a_proposal(state, line, people, ref) or boss_settles(state, line, people, ref)
        or offers_for_a_need(state, line, people, ref)
    )


def _passed_over(state: State, line: Line) -> bool:
    """Code blocks, walls of text, typed quick-capture lines, quoted chat, attendees, ticked boxes."""
    if FENCE.match(line.body):
        state.code = not state.code
        return True
    wall = len(line.body) > ITEM_MAX and (
        line.person is not None or len(line.body) > 3 * ITEM_MAX or not re.search(r"[.!?。！？]\s*\S", line.body)
    )
    if state.code or wall or line.body.startswith("`") or line.typed:  # a paragraph of sentences is read one by one
        state.last = None  # a code block, a wall of text, or a line recorded as typed
        return True
    if QUOTED.match(line.body):
        return True  # 「张三：@李四 明天发货」: an earlier message quoted in a reply, read where it was said
    if (line.checked and state.section == "decision" and not line.person and re.match(r"^\s*[✅✔☑]", line.quote)
            and not re.search(r"[@＠]|已", line.body)):
        line.checked = False  # ✅ / ☑ 预算审批流程改为线上 under 【会议共识】/【已定】: ticked as settled, not as done
    if line.attendees or line.checked:
        state.last = None
        state.used.add(line.index)
        return True
    return False


_PROPOSED = re.compile(
    r"^(?:[\u4e00-\u9fffA-Za-z .]{0,12}?)(?:提议|建议|申请|提案|议案|提出|proposal|proposed|motion)(?:\s*\d{0,2})(?:\s*[(（][^()（）]{1,12}[)）])?\s*[:：]\s*(?P<p>.{4,})$", re.I
)
_VERDICT = re.compile(
    r"^(?:[\u4e00-\u9fff]{1,4}?(?=审批|审核|批复|批示|意见))?(?:审批|审核|审议|批复|领导|处理|评审|会议)?(?:意见|结论|结果|批示|决定|decision|outcome|result|verdict)\s*[:：\-–—]\s*"
    r"(?:(?P<yes>同意|通过|批准|准予|原则同意|approved|agreed|accepted|carried)|(?P<no>否决|不同意|驳回|不予采纳|不批准|rejected|declined|not\s+approved)"
    r"|(?P<later>暂缓|缓议|搁置|deferred|postponed|on\s+hold))(?P<rest>.*)$",
    re.I,
)


def _unmarked(quote: str) -> str:
    """A line as written, without its list mark (``- ``, ``3. ``)."""
    m = BULLET.match(nfkc(quote).strip())
    return nfkc(quote).strip()[m.end():] if m else nfkc(quote).strip()


_PROPOSED_TITLE = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}[.)、．]|[（(][一二三四五六七八九十\d]{1,3}[)）])?\s*"
    r"[\u4e00-\u9fffA-Za-z]{1,10}?(?:申请|提议|建议|提请)(?P<p>[^：:。]{4,})$"
)
"""``一、检验科申请购置全自动生化分析仪一台``: a point that is a proposal, its verdict below."""


def _proposal_above(state: State) -> tuple[Line, str] | None:
    """The proposal a verdict answers: the nearest of the last three lines that is one
    (``提案1（林晓）：…`` / ``甘亮提议：…`` / ``一、检验科申请购置…``, the lines between it and the
    verdict being what was said about it)."""
    for prev in reversed(state.recent[-3:]):
        for text in (clean(prev.body), clean(_unmarked(prev.quote))):
            proposed = _PROPOSED.match(text) or _PROPOSED_TITLE.match(text)
            if proposed is not None:
                return prev, clean(proposed["p"]).rstrip("。.")
        if _VERDICT.match(clean(prev.body)):
            return None  # the verdict above already answered the proposal before it
    return None


def _verdict_on_proposal(state: State, line: Line, people: People, ref: date | None) -> bool:
    """``甘亮提议：钣喷车间周六加一个班`` / ``审批意见：同意。（聂志远）``: the verdict below a
    proposal decides the proposal: agreed as proposed (with any condition after the yes),
    turned down, or put off. What follows a verdict that ends its sentence (``同意。由总务科
    挂网，12月10日前完成``) is read on its own: the tasks that carry it out."""
    # 周总审批意见：同意 reads to the transcript reader as a speaker's line: the label is no person
    labelled = line.person is not None and re.search(r"意见|结论|结果|批示|批复", line.person or "")
    m = _VERDICT.match(clean(_unmarked(line.quote) if labelled else line.body))
    if m is None or (line.person is not None and not labelled):
        return False
    above = _proposal_above(state)
    if above is None:
        return False
    prev, what = above
    said, after = m["rest"], ""
    if CJK.search(said) and (stop := re.search(r"[。；;]\s*(?=\S)", said)):
        said, after = said[: stop.start()], said[stop.end():]  # 同意。由总务科挂网…: the tasks that follow
    rest = clean(re.sub(r"[(（][^()（）]{1,12}[)）]\s*[。.]?$", "", said)).strip(" ，,。.;；")  # （聂志远）: who approved
    rest = re.sub(r"^(?:但|但是|but)\s*", "", rest)
    state.found[:] = [s for s in state.found if prev.index not in s.cues]
    made = add_item(state, "decision", _verdict_text(m, what, rest), prev, 0.8)
    if made is not None:
        join_line(state, made, line)
    state.used.update((prev.index, line.index))
    state.last = None
    if after and not re.fullmatch(r"[(（][^()（）]{1,12}[)）]\s*[。.]?", after.strip()):
        before = len(state.found)
        loose_item(state, Line(line.index, line.quote, after, None, None, False, False, line.indent, False, author=line.author),
                   people, ref)
        if len(state.found) == before and made is not None:
            # 否决。降价会影响续保礼包。: no task follows, only the reason, which goes with the verdict
            reason = clean(re.sub(r"[(（][^()（）]{1,12}[)）]\s*[。.]?$", "", after)).strip(" ，,。.;；")
            made.captured.text = _verdict_text(m, what, f"{rest}，{reason}" if rest else reason)
    return True


def _verdict_text(m: re.Match[str], what: str, rest: str) -> str:
    """The decision a verdict makes of a proposal, with what was added to the verdict."""
    if m["yes"]:
        return f"{what}，{rest}" if rest else what
    if m["no"]:
        return f"否决：{what}" + (f"（{rest}）" if rest else "")
    return f"{what}：暂缓" + (f"，{rest}" if rest else "")


_POINTS_FOLLOW = re.compile(r"(?:如下|以下(?:几件事|几点|几个方面|内容|事项)?)[^。：:]{0,12}[:：]\s*$")


def _points_follow(state: State, line: Line) -> bool:
    """``今天例会主要说了以下几件事，简单记一下：``: a sentence that says points follow, as a
    plain heading would (会议纪要 / 主要事项), without saying what they are; each line below
    is read as a point (what it settles, what it hands out)."""
    if line.person is not None or line.bullet or not CJK.search(line.body) or not _POINTS_FOLLOW.search(line.body):
        return False
    # …。经研究，会议议定如下： the last clause says what the points are, as a heading would
    last = re.split(r"[。；;，,！!]", line.body.rstrip(" :："))[-1].strip()
    said = heading_of(f"{last}：", md_heading=False) if last else None
    kind = said[0] if said is not None and said[0] in ITEM_SECTIONS and not said[1] else "other"
    state.section, state.from_inline, state.bullets = kind, False, False
    state.head_text, state.topic, state.head_number = "纪要如下", kind == "other", None
    state.group_owner, state.last, state.item = None, None, None
    state.used.add(line.index)
    return True


_DETAILS = re.compile(r"^(?:具体要求|具体内容|工作要求|具体安排|要求|内容)\s*[:：]")


def _details(state: State, line: Line, rest: str) -> bool:
    """事项三：充电棚选址 / 责任人：贺志 / 完成时间：12月15日 / 具体要求：另选两处位置…: the
    requirement under a labelled item's fields says what is to be done; it is that item."""
    item, prev = state.last, state.last_line
    if (item is None or prev is None or item.captured.kind != "action" or prev.index not in item.cues
            or "owner" not in state.labelled.get(id(item), set()) or not _DETAILS.match(line.body)):
        return False
    item.captured.text = clean(rest)
    join_line(state, item, line)
    return True


def _heading_line(state: State, line: Line, people: People, ref: date | None) -> bool:
    """A heading opens its section (and an item written after its colon is its first item)."""
    head = heading(line) if line.person is None else None  # a spoken "next steps" opens no list
    if head is None:
        return False
    kind, rest = head
    if kind == "action" and rest and _details(state, line, rest):
        return True
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
        section_item(state, line, line.body if kind != "question" else rest, people, ref)
        return True
    if rest and line.bullet and kind in ITEM_SECTIONS:
        # "- Decision: X" / "5. Open questions: …" as one point of a list: that point only
        saved = (state.section, state.from_inline)
        state.section = kind
        section_item(state, line, rest, people, ref)
        state.section, state.from_inline = saved
        state.bullets = True
        return True
    label = clean(re.split(r"[:：]", line.body, maxsplit=1)[0])
    if kind == "other" and _HEADER_FIELD.fullmatch(label) and re.search(r"[:：]\s*\S", line.body):
        # 日期：2026年12月3日 / Date: 3 Dec: a field of the page's header, no section of points
        state.section, state.head_text, state.topic, state.last, state.item = None, None, False, None, None
        state.used.add(line.index)
        return True
    state.section, state.from_inline, state.bullets = kind, bool(rest), False
    state.head_text = label if kind == "other" else None
    state.topic = state.head_text is not None and topic_title(line, state.head_text)
    state.group_owner, state.last, state.item = None, None, None
    numbered = _TITLE_NUMBER.match(nfkc(line.quote).strip()) if not line.indent else None
    state.head_number = int(numbered["n"]) if numbered else None
    if kind in ITEM_SECTIONS or kind in ("skip", "agenda"):
        state.used.add(line.index)
    after = re.split(r"[:：]", line.body, maxsplit=1)[1].strip() if kind == "other" and re.search(r"[:：]", line.body) else ""
    if after and (_NOT_DECIDED.search(after) or shared_view(after)):
        state.used.add(line.index)  # 其他：午餐安排由行政视情况决定: left open, for neither reader to record
    if rest and kind == "decision" and not CJK.search(rest) and not line.bullet:
        # Agreed: the tree goes up on 5 December. Cllr Pike will organise volunteers…: the lead
        # holds for its own sentence; the sentences after it are read as they stand
        first, *more = re.split(r"(?<=[a-z0-9)]{2}[.!?])\s+(?=[A-Z])", rest, maxsplit=1)
        if more:
            inline = Line(line.index, line.quote, first, line.speaker, None, False, False, line.indent, False, author=line.author)
            section_item(state, inline, first, people, ref)
            state.section, state.from_inline = None, False
            loose_item(state, Line(line.index, line.quote, more[0], line.speaker, None, False, False, line.indent, False, author=line.author),
                       people, ref)
            return True
    if rest and kind in ITEM_SECTIONS:
        bullet = BULLET.match(rest)
        if len(INLINE_NUMBER.findall(rest)) < 2:
            rest = rest[bullet.end():] if bullet else rest
        inline = Line(line.index, line.quote, rest, line.speaker, None, False, False, line.indent, False, author=line.author)
        section_item(state, inline, rest, people, ref)
    return True


_HEADER_FIELD = re.compile(
    r"(?:会议)?(?:日期|时间|地点|主题|名称|主持人?|记录人?|记录|纪要人|整理人?|发件人|收件人|抄送人?|发送时间)"
    r"|date|time|venue|location|place|subject|from|to|cc|chair(?:ed\s+by)?|minutes\s+by|recorder|note[\s-]?taker",
    re.I,
)
"""Fields of a page's header (``日期：…``, ``Subject: …``): a value, not a section of points."""


def _list_line(state: State, line: Line, people: People, ref: date | None) -> bool:
    """A line under an action, decision or question heading: an item of the list, a wrapped
    line or sub-point of the item above, an owner group, or the line that ends the list
    (then False: the line is read again as prose)."""
    continues = state.item is not None and not _MENTIONS.search(line.body) and (
        line.indent > state.item_indent
        or (not _pointed(line) and state.last_line is not None
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
        join_line(state, state.item, line)
        return True
    state.bullets = state.bullets or _pointed(line)
    if state.section == "action" and _group(state, line, people):
        return True
    before = len(state.found)
    state.used.add(line.index)  # a line of a list of items, read as one even if it gives none
    section_item(state, line, line.body, people, ref)
    state.item = state.found[-1] if len(state.found) > before else None
    state.item_indent = line.indent
    return True


def _pointed(line: Line) -> bool:
    """A point of a list: a bullet, or 一、… 二、… (which end a list like bullets do)."""
    return line.bullet or (line.person is None and bool(
        re.match(r"^\s*(?:[一二三四五六七八九十]{1,3}[、.．]|(?:[一二三四五六七八九十]是|第[一二三四五六七八九十]{1,2}[，,、]|其[一二三四五六七八九十][，,、]))", line.quote)
    ))  # 一、… / 一是… / 第二，…: points of a list written in words


def _group(state: State, line: Line, people: People) -> bool:
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


__all__ = ["chat_speakers", "extract_minutes"]
