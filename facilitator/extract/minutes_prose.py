"""Minutes written as prose, outside any list: only explicit forms count.

A labelled owner (``Action: JS``), an @mention, ``Anna to …``, ``会议要求生产部江涛明天…``,
a carried motion, a sentence opening with someone in the room and a deadline. Other prose
gives nothing here and is left to the conversation reader (:mod:`.speech`); keeping these
stricter rules apart from the list readers keeps the two standards from mixing.
"""

from __future__ import annotations

import re
from datetime import date

from facilitator.extract.minutes_chat import SELF, chat_assignment
from facilitator.extract.minutes_fields import (
    CJK,
    EN_TEAMS,
    SURNAMES,
    People,
    clean,
    find_date,
    looks_like_name,
)
from facilitator.extract.minutes_items import (
    _NOT_DECIDED,
    AGREED_THEN,
    MOTION,
    OWNER_LABEL,
    TASK_LABEL,
    VAGUE,
    Parsed,
    clause_decision,
    decision_text,
    mention_action,
    names_someone_known,
    parse_action,
    question_text,
    reported_done,
    shared_view,
)
from facilitator.extract.minutes_layout import (
    Line,
    heading_of,
    topic_label,
)
from facilitator.extract.minutes_points import _REPORTS, SETTLES
from facilitator.extract.minutes_sections import section_item
from facilitator.extract.minutes_state import State, add_action, add_item
from facilitator.model import Suggestion


def loose_item(state: State, line: Line, people: People, ref: date | None) -> bool:
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
                             line.indent, False, author=line.author)
                for sentence in before[:-1]:
                    _loose_sentence(state, Line(line.index, sentence.strip(), sentence.strip(), None, None,
                                                 line.bullet, False, line.indent, False, author=line.author), people, ref)
                state.last = add_action(state, parsed, part, people, 0.8)
                return True
    motion = MOTION.search(line.body)
    if motion and line.person is None:
        # "Motion to accept the quote: proposed by Una, seconded by Tim. Motion carried."
        add_item(state, "decision", clean(motion["m"]), line, 0.85)
        lead_in = re.sub(r"(?:after[^.;]{0,30}?discussion|following[^.;]{0,30}?)[,;]?\s*$", "", line.body[: motion.start()],
                         flags=re.I)
        rest = (lead_in + " " + line.body[motion.end():]).strip()
        if rest:
            loose_item(state, Line(line.index, line.quote, rest, line.speaker, None, line.bullet, False,
                                    line.indent, False, author=line.author), people, ref)
        state.used.add(line.index)
        return True
    sentences = [p for p in _SENTENCE.split(line.body) if p.strip()]
    if line.person is None and CJK.search(line.body):
        sentences = [part for sentence in sentences for part in _semicolon_parts(sentence)]
    if len(sentences) < 2 and line.person is None and not CJK.search(line.body) \
            and len(split := _with_owner_for_pronouns(sentences)) >= 2:
        sentences = split  # Other bits: Oksana offered …, and she'll book …: two tasks
    if len(sentences) < 2:
        if line.person is None and (down := _turned_down_zh(line.body, people)) is not None:
            add_item(state, "decision", down, line, 0.7)  # 会上席宁建议周六加班一天，岳峰认为…，没有同意
            state.used.add(line.index)
            return True
        return _loose_sentence(state, line, people, ref) or _goes_on_deciding(state, line)
    return _sentences(state, line, sentences, people, ref)


def _semicolon_parts(sentence: str) -> list[str]:
    """``郝斌周三前拿出电气图；图纸出来后由黎晓峰周五前递交供电局``: in Chinese prose a ；
    ends one arrangement and starts the next, each with its own owner and day."""
    parts = [p for p in re.split(r"(?<=[；;])", sentence) if p.strip()]
    return parts if len(parts) >= 2 and all(len(p.strip()) >= 6 for p in parts) else [sentence]


def _sentences(state: State, line: Line, sentences: list[str], people: People, ref: date | None) -> bool:
    """A paragraph read sentence by sentence: a proposal waits for the ruling after it, a
    sentence announcing results (…结果如下。) makes the rest a list, others are read alone."""
    found = False
    listed = False
    proposed: str | None = None
    turned_down: Suggestion | None = None
    for sentence in _with_owner_for_pronouns(sentences):
        part = Line(line.index, sentence.strip(), sentence.strip(), line.speaker, line.person, line.bullet,
                     False, line.indent, False, author=line.author)
        if turned_down is not None and _STATUS_QUO.match(clean(sentence)):
            # Victor moved to ban … The motion failed 2-3. Rentals remain governed by the
            # existing rules.: what stays as it was is the same decision, said the other way
            turned_down.captured.text += f"; {clean(sentence).rstrip('.')}"
            continue
        turned_down = None
        if line.person is None and proposed is not None and (ruled := _ruling(proposed, sentence)) is not None:
            made = add_item(state, "decision", ruled, part, 0.75)  # Fiona proposed … . Outcome: not approved – …
            turned_down = made if ruled.startswith("Not approved") else None
            proposed, found = None, True
            continue
        first, semicolon, tail = sentence.partition(";")
        proposed = proposed_text(first) if line.person is None else None
        if proposed is not None and semicolon and (ruled := _ruling(proposed, tail)) is not None:
            add_item(state, "decision", ruled, part, 0.75)  # Ingrid proposed …; Claire signed off on the switch
            proposed, found = None, True
            continue
        if proposed is not None:
            continue  # what was proposed: the ruling that follows says what became of it
        if listed and line.person is None:
            found = _listed_sentence(state, part, people, ref) or found
            continue
        intro = sentence.strip().rstrip("。.:：")
        if line.person is None and re.search(r"(?:如下|以下(?:几点|事项)?|as\s+follows)$", intro, re.I) \
                and (head := heading_of(intro + "：", md_heading=False)) and head[0] == "decision" and not head[1]:
            listed = True  # 今天和供应商的会谈结果如下。对方同意…。: the sentences after it are what was settled
            state.used.add(line.index)
            continue
        if line.person is None and (down := _turned_down_zh(sentence, people)) is not None:
            add_item(state, "decision", down, part, 0.7)  # 傅强建议增加一个助播，卓越认为…，没有同意
            found = True
            continue
        found = _loose_sentence(state, part, people, ref) or _goes_on_deciding(state, part) or found
    return found


_STATUS_QUO = re.compile(
    r"^(?:[\w'’-]+\s+){1,6}(?:remains?|stays?|continues?|is\s+unchanged|are\s+unchanged|(?:is|are)\s+kept)\b", re.I
)
"""A sentence that says what stays as it was (``Rentals remain governed by the existing rules``)."""


_TURNED_DOWN_ZH = re.compile(
    r"^(?:会上|会议上|讨论中|讨论时)?[，,]?(?P<who>[\u4e00-\u9fff]{2,4}?)(?:建议|提议|提出)(?P<p>[^，,。；;]{3,30})[，,](?P<why>[^。；;]*?)[，,]?\s*"
    r"(?:(?:会议|大家|与会人员)?(?:没有|没|未)(?:同意|通过|采纳)|(?:会议)?不(?:同意|予采纳)|(?:被)?否决了?|被否了?)[。.]?$"
)


def _turned_down_zh(sentence: str, people: People) -> str | None:
    """``傅强建议增加一个助播，卓越认为人手可以内部调配，没有同意``: a proposal from someone in
    the room turned down in the same sentence is decided (against), with the reason given."""
    m = _TURNED_DOWN_ZH.match(clean(sentence).strip())
    if m is None or not people.knows(m["who"]):
        return None
    why = re.sub(rf"^(?:{'|'.join(re.escape(n) for n in people.names() if n)})?(?:认为|觉得|表示|说)?", "", clean(m["why"])).strip(" ，,")
    return f"否决：{clean(m['p'])}" + (f"（{why}）" if why else "")


_PROPOSED_EN = re.compile(
    r"^(?:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}|we|the\s+\w+)\s+(?:proposed|suggested|put\s+forward|moved(?=\s+(?:to|that)\b))\s+(?:that\s+(?:we\s+)?|to\s+(?=[a-z]))?(?P<p>[^;]{4,})$"
    r"|^(?:a\s+|the\s+)?proposal\s+(?:to|that)\s+(?P<q>[^;]{4,})$",
)
_RULING_EN = re.compile(
    r"^\s*(?:(?:outcome|decision|result|verdict)\s*[:\-–—]\s*)?(?:(?P<no>not\s+approved|rejected|declined|turned\s+down|voted\s+down)"
    r"|(?P<later>deferred|postponed|parked|on\s+hold)|(?P<yes>approved|agreed|accepted|carried))\b\s*[.,;:–—-]*\s*(?P<rest>.*)$"
    r"|^\s*(?:the\s+(?:proposal|motion|amendment)|it)\s+(?:was\s+)?(?P<no2>not\s+seconded(?:\s+and\s+fell)?|fell|lost|failed|defeated|was\s+lost|withdrawn)\b\s*[.,;:–—-]*\s*(?P<rest2>.*)$"
    r"|^\s*(?:[A-Z][\w'’-]+|the\s+\w+|everyone|all)\s+(?P<yes2>signed\s+off\s+on|approved|accepted|agreed\s+to|went\s+with)"
    r"\s+(?:the|this|that|it|his|her|their)\b",
    re.I,
)


def _without_topic(sentence: str) -> str:
    """``Other bits: Oksana offered …`` without the topic it is written under (a label that
    is a topic, not a person: ``Anna: send the deck`` keeps its owner)."""
    m = re.match(r"^(?P<t>[A-Z][A-Za-z&/' -]{1,40}?):\s+(?P<s>\S.*)$", sentence.strip())
    return m["s"] if m and topic_label(m["t"], m["s"]) else sentence.strip()


def proposed_text(sentence: str) -> str | None:
    """``Fiona proposed opening the fuel dock on Sundays``: what was proposed."""
    m = _PROPOSED_EN.match(_without_topic(clean(sentence)).rstrip("."))
    if m is None or re.search(r"(?:\s[–—-]+\s*(?:was\s+)?|\s(?:was|were|has\s+been)\s+)(?:rejected|declined|approved|accepted|deferred"
                              r"|carried|voted\s+down|turned\s+down)\b", m.group(0), re.I):
        return None  # Proposal to replace the units – rejected by the client: decided in the same breath
    return clean(m["p"] or m["q"])


def _ruling(proposed: str, sentence: str) -> str | None:
    """The decision a ruling on ``proposed`` makes: ``Outcome: not approved – not enough cover``
    turns it down, ``Claire signed off on the switch`` takes it."""
    m = _RULING_EN.match(clean(sentence).rstrip("."))
    if m is None:
        return None
    rest = clean(m["rest"] or m["rest2"] or "")
    if m["no"] or m["no2"]:
        return f"Not approved: {proposed}" + (f" ({rest})" if rest else "")
    if m["later"]:
        return f"Deferred: {proposed}" + (f" ({rest})" if rest else "")
    return proposed


_PRONOUN_TASK = re.compile(r"(?P<lead>,?\s+and\s+|;\s*)(?P<p>he|she|they)(?P<v>'ll|’ll|\s+will|\s+would|'d)\s", re.I)


_NAMED_TASK = re.compile(
    r"(?:,\s*and|;)\s+(?P<n>(?:(?:Cllr|Councillor|Dr|Mr|Mrs|Ms|Prof)\.?\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\s+"
    r"(?:will|'ll|’ll|agreed\s+to|undertook\s+to|offered\s+to|volunteered\s+to|is\s+to|to)\s+[a-z]"
)


def _with_owner_for_pronouns(sentences: list[str]) -> list[str]:
    """``Oksana kindly offered to sort out the social, and she'll book the clubhouse``: the
    clause after ``and she'll`` is a task of the one the sentence opened with, a sentence
    of its own."""
    out: list[str] = []
    for sentence in sentences:
        sentence = _without_topic(sentence)  # Other bits: Oksana kindly offered …
        lead = re.match(r"^\s*(?P<n>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\s+(?!proposed)[a-z]", sentence)
        other = _NAMED_TASK.search(sentence) if lead else None
        if other is not None:
            # Cllr Pike will organise volunteers by 3 December, and Cllr Qureshi agreed to buy
            # bulbs: a second person's task in the same sentence is a sentence of its own
            out.append(sentence[: other.start()].strip() + ".")
            out.append(sentence[other.start("n"):].strip())
            continue
        m = _PRONOUN_TASK.search(sentence) if lead else None
        if m is None or lead is None:
            out.append(sentence)
            continue
        out.append(sentence[: m.start()].strip() + ".")
        out.append(f"{lead['n']} will {sentence[m.end():].strip()}")
    return out


def parse_action_owned(body: str, people: People, ref: date | None) -> bool:
    parsed = parse_action(body, people, ref)
    return bool(parsed is not None and parsed.owner and parsed.explicit and parsed.due is not None)


def _listed_sentence(state: State, part: Line, people: People, ref: date | None) -> bool:
    """A sentence after ``…结果如下。`` in the same paragraph: an item of that list (a task when
    it names its owner and a date, else what was settled), unless it reports, asks or wishes."""
    body = clean(part.body).strip(" 。.")
    if len(body) < 4 or re.search(r"[？?]", body) or VAGUE.search(body):
        return False
    if _REPORTS.search(body) and not decision_text(body, lead_required=True) and not parse_action_owned(body, people, ref):
        return False  # 王经理说价格还要再谈: a report between the settled points
    before = len(state.found)
    saved = state.section
    state.section = "decision"
    section_item(state, part, body, people, ref)
    state.section = saved
    if len(state.found) > before and state.found[-1].captured.kind == "decision":
        state.decided_line = part.index
    return len(state.found) > before


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
    r"(?<=[.!?])(?<!\b[A-Z]\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bMrs\.)(?<!\bSt\.)(?<!e\.g\.)(?<!i\.e\.)(?<!\bProf\.)"
    r"\s+(?=[A-Z@])|(?<=[。！？])|(?<=[a-z0-9)];)\s+(?=[A-Z][a-z'’.]+\s+(?:[A-Z][a-z]+\s+)?(?:to|will|is|are|would|should|needs?|has)\s)"
    r"|(?<=[a-z0-9)]),?\s+and\s*,?\s+(?:until\s+then|for\s+now|in\s+the\s+meantime|meanwhile)\s*,\s*(?=we\s+(?:agreed|decided))"
)
"""A sentence ends at . ! ? before a capital, not after an initial or a title (``K. Adams to …``)."""


def _loose_sentence(state: State, line: Line, people: People, ref: date | None) -> bool:
    """A line outside any section, read by the first step that finds an item in it: left
    open or decided, asked, an @mention, ``Name: task by Friday``, a chat turn giving a task,
    or a task with its owner marked or named. True when it was read."""
    if _open_or_decided(state, line, people, ref):
        return True
    if line.person is None and (found := _asked(state, line, people, ref)):
        return found
    question = question_text(line.body, lead_required=True)
    if question:
        add_item(state, "question", question, line, 0.8)
        state.last = None
        return True
    if _mentioned_task(state, line, people, ref):
        return True
    if (assigned := _name_colon_task(line, people, ref)) is not None:
        state.last = add_action(state, assigned, line, people, 0.75)
        return True
    if line.person is not None and not _OWNER_LABELLED.search(line.body):
        if (assigned := chat_assignment(line, people, ref, chat=state.chat)) is not None:
            state.last = add_action(state, assigned, line, people, 0.7)
            return True
        return False  # a turn of a conversation: the conversation reader weighs who said what
    return _owned_task(state, line, people, ref) or _after_topic(state, line, people, ref)


_TOPIC_ZH = re.compile(r"^(?P<t>[^：:，,。；;]{2,14})[：:]\s*(?P<r>\S.{3,})$")


def _after_topic(state: State, line: Line, people: People, ref: date | None) -> bool:
    """``KR2 结冰路段防滑：练志强这周五之前把防滑链领到各个点位``: a task written after the topic
    it belongs to (a key result, a work item), read as if the topic were a heading."""
    m = _TOPIC_ZH.match(line.body) if line.person is None and CJK.search(line.body) else None
    if m is None or OWNER_LABEL_RE.match(m["t"]) or (len(m["t"]) <= 4 and names_someone_known(m["t"], people)):
        return False  # 周明：跟客户确认…: a name, read as the owner elsewhere
    rest = Line(line.index, line.quote, m["r"], line.speaker, None, line.bullet, False, line.indent, False, author=line.author)
    return _asked(state, rest, people, ref) or _owned_task(state, rest, people, ref)


def _open_or_decided(state: State, line: Line, people: People, ref: date | None) -> bool:
    """由行政视情况决定 (left open, for neither reader to record), a shared view, or a
    decision; "It was agreed that Mark would call the supplier by Friday" is a task, agreed."""
    body = line.body
    then = AGREED_THEN.search(body) if line.person is None and CJK.search(body) else None
    if then is not None and len(agreed := clean(body[: then.start()])) >= 4:
        # 包装箱改成五斤装，这个大家一致同意，刘春花负责找纸箱厂打样: what was agreed, then who does what
        add_item(state, "decision", agreed, line, 0.75)
        parsed = parse_action(body[then.end():], people, ref)
        if parsed is not None and parsed.owner and parsed.explicit:
            state.last = add_action(state, parsed, line, people, 0.7)
        state.used.add(line.index)
        return True
    decision = decision_text(body, lead_required=True) or (clause_decision(body) if line.person is None else None)
    if not decision:
        if (_NOT_DECIDED.search(body) and re.search(r"决定|定$|decide|意见不|分歧|settled|discussion\s+only", body, re.I)) \
                or shared_view(body) \
                or _LAST_MINUTES.match(body):
            state.used.add(line.index)  # 由行政视情况决定 / 大家一致认为成本不高: for neither reader
            state.last = None
            return True
        return False
    parsed = parse_action(decision, people, ref)
    if parsed is not None and parsed.owner and parsed.how in ("en", "by", "label", "mention") and (
        parsed.due is not None
        or (names_someone_known(parsed.owner, people) and not people.is_department(parsed.owner))
    ):
        state.last = add_action(state, parsed, line, people, 0.75)
        return True
    add_item(state, "decision", decision, line, 0.8)
    state.decided_line = line.index
    state.last = None
    return True


_LAST_MINUTES = re.compile(
    r"^(?:the\s+)?minutes\s+of\s+(?:the\s+)?(?:previous\s+|last\s+)?meeting\b[^.;]{0,60}?\b(?:agreed|approved|confirmed|signed|accepted)", re.I)
"""``The minutes of the meeting of 22 October were agreed and signed``: a formality, no decision."""


def _goes_on_deciding(state: State, line: Line) -> bool:
    """"经讨论，一致认为采用方案B。灯光按护眼标准重新设计，照度不低于500勒克斯。": a sentence
    right after a decision, in its paragraph or on the next line, that settles something in the
    same plain way (no one reporting, asking or wishing) is one more decision."""
    if line.person is not None or line.index - state.decided_line not in (0, 1):
        return False
    body = clean(line.body).strip(" 。")
    if not CJK.search(body) or len(body) < 6 or re.search(r"[？?]", body) or _REPORTS.search(body) or VAGUE.search(body):
        return False
    if not SETTLES.search(body):
        return False
    add_item(state, "decision", body, line, 0.6)
    state.decided_line = line.index
    return True


def _mentioned_task(state: State, line: Line, people: People, ref: date | None) -> bool:
    """@陈晓 … : a task for the one mentioned, or the writer's own (孙磊：@陈晓 托盘的事我来对接)."""
    body = line.body
    if "@" not in body and "＠" not in body:
        return False
    parsed = mention_action(body, people, ref)
    if parsed is None:
        return False
    writer = line.person or line.author
    if writer is not None and SELF.search(body):
        parsed.owner = writer
    state.last = add_action(state, parsed, line, people, 0.8)
    return True


def _owned_task(state: State, line: Line, people: People, ref: date | None) -> bool:
    """A task whose owner the writer marked (责任人：…, ``AI: Bob – get a quote by Fri``), or
    named in a way prose gives one ("Tom will send the draft", 由…负责 with a date)."""
    body = line.body
    has_owner_label = bool(_OWNER_LABELLED.search(body))
    labelled_task = bool(TASK_LABEL.match(body))
    zh_prose = line.person is None and bool(CJK.search(body)) and not VAGUE.search(body)
    if not (has_owner_label or labelled_task or _english_assignment(body, people) or _ZH_ASSIGN.search(body) or zh_prose):
        return False  # prose: reading owners and dates in it would find nothing to keep
    parsed = parse_action(body, people, ref)
    if parsed is not None and zh_prose and parsed.owner is None and line.author and _BY_ME.search(body):
        # 对业主的口径由我统一说明 in a mail: the writer takes it on
        parsed.owner, parsed.explicit, parsed.how = line.author, True, "self"
        mine = next((c for c in re.split(r"[，,；;]", parsed.text) if _BY_ME.search(c)), parsed.text)
        parsed.text = clean(_BY_ME.sub("", mine, count=1))  # the clause it is in; what others are told is no task
        state.last = add_action(state, parsed, line, people, 0.65)
        return True
    if parsed is None and line.person is None and _english_assignment(body, people) and VAGUE.search(body):
        state.used.add(line.index)  # "Eli will look into cheaper shrink wrap at some point": a wish, for no reader
        return True
    if parsed is None or not parsed.owner:
        return False
    if has_owner_label or (labelled_task and parsed.explicit):
        state.last = add_action(state, parsed, line, people, 0.85)
        return True
    if parsed.explicit and parsed.how in ("en", "label", "mention") and _english_assignment(body, people) and (
        parsed.how != "en" or not _EN_WILL.match(clean(body)) or parsed.due is not None
        or people.knows(parsed.owner) or re.fullmatch(EN_TEAMS, parsed.owner)
        or (line.bullet and not people.participants and re.fullmatch(r"[A-Z][a-z]+", parsed.owner))
    ):
        # "Tom will send the draft" in prose counts for someone in the room (or with a date,
        # or as a point of a list when the room is not written down); "The customer will
        # review it" does not
        state.last = add_action(state, parsed, line, people, 0.75)
        return True
    if parsed.explicit and parsed.due is not None and CJK.search(body) and re.search(r"负责|牵头|跟进|落实", body):
        state.last = add_action(state, parsed, line, people, 0.7)
        return True
    if (zh_prose and parsed.explicit and parsed.how in ("lead", "by") and parsed.due is not None and people.knows(parsed.owner)
            and not reported_done(body)):
        # 阿珍会去跟洗涤厂对账，下周一前给大家: someone in the room, what they will do and by when
        state.last = add_action(state, parsed, line, people, 0.65)
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


def agenda_mark(state: State, line: Line, people: People, ref: date | None) -> bool:
    body = line.body
    decision = decision_text(body, lead_required=True)
    if decision:
        add_item(state, "decision", decision, line, 0.8)
        return True
    question = question_text(body, lead_required=True)
    if question:
        add_item(state, "question", question, line, 0.75)
        return True
    marked = TASK_LABEL.match(body) or (
        re.match(r"^[@＠]\S+\s+(?:will|to|is\s+going\s+to)\s", body)
    )
    if not marked:
        return False
    parsed = parse_action(body, people, ref)
    if parsed is None:
        return False
    state.last = add_action(state, parsed, line, people, 0.8)
    return True


_ASKED = re.compile(
    r"^(?:(?:会议|会上|经讨论[，,]?\s*)?(?:要求|安排|责成|指定|明确由)|(?:最后|另外|还有|再)?[，,]?\s*(?:麻烦|烦请|劳烦|拜托))\s*[:：]?\s*"
)
"""What hands the clauses after it out: the meeting's 要求/安排…, or the writer's request
(最后麻烦牛蕾明天把签到表发我)."""


_SAYS = re.compile(r"^(?:[:：，,]|表示|反馈|通报|说明|报告|称|答复|回复|认为|说|提出|提到|介绍|汇报|反映|指出|建议|希望|觉得|担心|补充|强调|解释|问|回答|同意|反对)")


def _asked(state: State, line: Line, people: People, ref: date | None) -> bool:
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
            state.last = add_action(state, p, line, people, 0.7)
        return bool(found)
    later = _named_later(body, people, ref)
    if later is not None:
        state.last = add_action(state, later, line, people, 0.65)
        return True
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
    state.last = add_action(state, parsed, line, people, 0.65)
    return True


def _named_later(body: str, people: People, ref: date | None) -> Parsed | None:
    """``接入资料由设计部牵头重新出，郝斌周三前拿出电气图``: a later clause opens with someone in
    the room and at once a day; from there on it is that person's task (what came before
    is the frame it sits in)."""
    for m in re.finditer(r"[，,]\s*", body):
        rest = body[m.end():]
        lead = people.zh_lead().match(rest)
        if not lead or not lead["owner"] or not people.knows(lead["owner"]) or _SAYS.match(rest[lead.end():]):
            continue
        when = find_date(rest[lead.end():], ref)
        if when is None or when[1][0] > 2 or re.match(r"\s*[，,]?\s*(?:已经|已|都|刚)", rest[lead.end() + when[1][1]:]):
            continue
        parsed = parse_action(rest, people, ref)
        if parsed is not None and parsed.owner and parsed.due is not None:
            return parsed
    return None


_FULL_NAME_DEADLINE = re.compile(
    rf"^(?P<owner>[{SURNAMES}][\u4e00-\u9fff]{{1,2}}?)"
    r"(?=(?:今天|明天|后天|本周|下周|这周|月底|月末|\d|[一二三四五六七八九十]{1,3}号|周[一二三四五六日]))"
)
"""A full name and at once a deadline (李娜下周一前…): a task in prose, also when nobody is listed."""


_EN_WILL = re.compile(r"^\S.{0,40}?\s(?:will|(?:is|are)\s+going\s+to)\s", re.I)


_OWNER_LABELLED = re.compile(rf"(?:{OWNER_LABEL})\s*[:：\]】]", re.I)
OWNER_LABEL_RE = re.compile(rf"^\s*(?:{OWNER_LABEL})\s*$", re.I)


_ZH_ASSIGN = re.compile(r"负责|牵头|跟进|落实")

_BY_ME = re.compile(r"由我(?![们方司])(?:来|去|负责)?(?=[\u4e00-\u9fff])")
"""``…由我统一说明``: the writer of the mail gives the work to themself."""


_EN_ASSIGN = re.compile(
    r"^(?:action(?:\s+item)?s?|ai|todo|to\s*do|follow[-\s]?up)\b|^\S.{0,40}?\s(?:to|will|is\s+to|are\s+to|agreed\s+to"
    r"|volunteered\s+to|offered\s+to|undert(?:ook|akes)\s+to|promised\s+to|committed\s+to|to\s+follow\s+up"
    r"|(?:is|are|will\s+be)\s+(?:responsible|in\s+charge)"
    r"|(?:said|says|confirmed|promised)\s+(?:that\s+)?(?:he|she|they)(?:'d|’d|'ll|’ll|\s+would|\s+will)"
    r"|(?:is|are)\s+(?:drafting|preparing|writing|sending|setting|booking|organi[sz]ing|arranging|chasing|following|handling"
    r"|updating|reviewing|fixing|checking|looking|getting|putting|sorting|coordinating|contacting|scheduling|running|doing))\s",
    re.I,
)


def _english_assignment(body: str, people: People) -> bool:
    norm = clean(body)
    if CJK.search(norm):
        return False
    return bool(_EN_ASSIGN.match(norm))
