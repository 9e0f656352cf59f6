"""Items under a heading that says what they are (下一步 / Action items, 会议决定 /
Decisions, 遗留问题 / Open questions).

Under such a heading an item counts even when it names nobody, so the rules differ from
prose: a task list may hold a question, ``1. … 2. …`` on one line are several items, and
``张工周五前发图纸；李经理下周一前确认报价`` is two tasks. Split from :mod:`.minutes`
because the heading walk, chat lists and tables all hand their items here.
"""

from __future__ import annotations

import re
from datetime import date

from facilitator.extract.minutes_fields import (
    CJK,
    People,
    clean,
)
from facilitator.extract.minutes_items import (
    FIELD,
    Parsed,
    decision_text,
    parse_action,
    question_text,
)
from facilitator.extract.minutes_layout import (
    Line,
)
from facilitator.extract.minutes_points import SETTLES
from facilitator.extract.minutes_state import State, add_action, add_item

_OPEN_ASK = re.compile(r"^(?:who|what|whether|which|when|how|should|do|does|is|are|can|谁|是否|要不要|能否|哪)", re.I)


_TOO_SHORT = re.compile(r"[A-Za-z][\w-]*|[\u4e00-\u9fff]{1,3}")
"""A one-word line in an action list with nobody and no date: a sub-heading (``Sales``, ``其他``)."""


INLINE_NUMBER = re.compile(r"(?:^|(?<=[\s；;。，,]))(?:\d{1,2}[.、)．]|[①-⑩]|\(\d{1,2}\)|（\d{1,2}）)\s*(?!\d)")


def section_item(state: State, line: Line, body: str, people: People, ref: date | None) -> None:
    """An item under an action, decision or open-question heading; ``1. … 2. …`` written on
    one line are that many items."""
    sentences = re.split(r"(?<=[a-z0-9)]{2}[.!?])\s+(?=[A-Z@])", body) if state.section == "action" else [body]
    if len(sentences) >= 2 and all(len(p.split()) >= 3 for p in sentences):
        # Next steps: Priya is drafting the SOW. I'll book the follow-up call.: two tasks
        for piece in sentences:
            _one_section_item(state, line, piece.strip(), people, ref)
        return
    if state.section == "decision" and CJK.search(body) and not FIELD.search(body) and ((pieces := _zh_pieces(body)) != [body]):
        # （二）夜间最小流量分析。调度中心每周一上报…；信息中心配合开发自动报表…: a point named
        # by its topic, then what was decided and who does what, each read on its own
        for piece in pieces:
            _one_section_item(state, line, piece, people, ref)
        return
    numbers = list(INLINE_NUMBER.finditer(body))
    if len(numbers) >= 2 and numbers[0].start() <= 1:
        ends = [m.start() for m in numbers[1:]] + [len(body)]
        for m, end in zip(numbers, ends, strict=True):
            piece = body[m.end():end].strip()
            if piece:
                _one_section_item(state, line, piece, people, ref)
        return
    _one_section_item(state, line, body, people, ref)


def _zh_pieces(body: str) -> list[str]:
    """The sentences and ；-parts of a decisions-list point, without a short topic in front
    (``DMA分区建设。``, but not a short point that settles something: ``采用配方B。``); one
    piece when the point is one sentence."""
    pieces = [p.strip() for p in re.split(r"[。；;]", body) if len(p.strip()) >= 2]
    topic = re.fullmatch(r"(?:关于|对于|针对)[^，,]{2,30}?(?:的?(?:问题|事项|工作|情况))?", pieces[0])
    if len(pieces) >= 2 and (topic or (len(pieces[0]) <= 12 and not re.search(r"[，,]|不|改|定|由|按|负责|同意|通过", pieces[0])
                                        and not SETTLES.search(pieces[0]))):
        pieces = pieces[1:]
        if topic and len(pieces) == 1:
            return pieces  # 关于高标准农田建设项目验收。会议要求…: the point without its topic
    return pieces if len(pieces) >= 2 else [body]


def _one_section_item(state: State, line: Line, body: str, people: People, ref: date | None) -> None:
    section = state.section
    state.last = None
    if section == "action" and _OPEN_ASK.match(body) and re.search(r"[?？]\s*$", body):
        _question(state, body, line, 0.7)  # "Who follows up with legal?" in a task list
        return
    if section == "action":
        parts = _split_tasks(body, people, ref)
        if parts:
            for part in parts:
                state.last = add_action(state, part, line, people, 0.85)
            return
        group = state.group_owner if state.group_indent < 0 or line.indent > state.group_indent else None
        one = parse_action(body, people, ref, group_owner=group or line.person)
        if one is not None and one.owner is None and line.author and (lead := _I_WILL.match(one.text)):
            # From: Greta / Next steps: / I'll send them our forecast tomorrow: the writer's task
            one.owner, one.how, one.explicit, one.text = line.author, "self", True, one.text[lead.end():]
        if one is not None and (one.owner or one.due or not _TOO_SHORT.fullmatch(one.text)):
            state.last = add_action(state, one, line, people, 0.9)
        return
    if section == "question":
        _question(state, body, line, 0.85)
        return
    _decision_item(state, line, body, people, ref)


def _decision_item(state: State, line: Line, body: str, people: People, ref: date | None) -> None:
    """An item under a decisions heading: a decision, or the task it is when it names who
    does it by when, or both (decided, then handed out), or the question it leaves open."""
    split = task_after(body, people, ref) if CJK.search(body) and not FIELD.search(body) else None
    if split is not None and (settled := decision_text(split[0], lead_required=False)):
        # 同意开设寒假学生班，名额60人，由教务科杭磊月底前拿出课程安排: decided, then handed out
        add_item(state, "decision", settled, line, 0.8)
        state.last = add_action(state, split[1], line, people, 0.8)
        return
    # decisions (or decisions and actions): an item with a marked owner is an action, unless
    # the writer called it a decision (Decision 1: … (Owner: Anna))
    called = decision_text(body, lead_required=True)
    if called:
        decided = clean(FIELD.sub("", called))
        if decided:
            add_item(state, "decision", decided, line, 0.85)
        return
    parsed = parse_action(body, people, ref)
    follows = _FOLLOWS_THROUGH.search(clean(body))
    if parsed is not None and follows and people.knows(follows["who"]) and not people.is_department(follows["who"]):
        # …由总包负责，曹建落实: the unit answers for it, the person named after it does it
        work = re.sub(r"由[^，,。]{1,12}?(?:负责|牵头)$", "", clean(body)[: follows.start()])
        parsed.owner, parsed.how, parsed.explicit, parsed.text = follows["who"], "by", True, clean(work)
    if parsed is not None and parsed.owner and parsed.explicit and (
        parsed.due is not None or parsed.how in ("label", "mention", "en", "en-colon", "unit")
        or _RECURRING.search(parsed.text) or (parsed.how == "by" and re.match(rf"\s*{re.escape(parsed.owner)}\s*(?:负责|牵头)[\u4e00-\u9fff]{{2}}", body))
        or (parsed.how == "by" and people.knows(parsed.owner) and not people.is_department(parsed.owner)
            and not _BEARS.search(body))
    ):
        # …由畜牧站负责，每月5日前向局办公室报送…: a duty handed out with its rhythm is a task;
        # 安全环保部负责组织动火作业审批…: a unit made responsible for work is given a task;
        # 保压试验由郑海鹰组织旁站，具体时间另约: work given to someone in the room, undated
        state.last = add_action(state, parsed, line, people, 0.8)
        return
    tag = _TAG.search(body)
    if tag:  # …（结论） / …（待定）: the writer said what the item is
        body = body[: tag.start()]
        if tag["q"]:
            _question(state, body, line, 0.85)
            return
    elif _UNDECIDED.search(body):
        _question(state, body, line, 0.75)
        return
    text = decision_text(body, lead_required=False)
    if text:
        add_item(state, "decision", text, line, 0.85)


_TAG = re.compile(
    r"\s*[(（【\[]\s*(?:(?P<d>结论|决定|决议|共识|decision|decided|agreed)|(?P<q>待定|未定|待确认|open|tbd))\s*[)）】\]]\s*[。.]?$",
    re.I,
)


_FOLLOWS_THROUGH = re.compile(r"[，,]\s*(?P<who>[\u4e00-\u9fff]{2,4}?)\s*(?:具体)?(?:落实|跟进|跟踪|对接|督办|负责)\s*[。.]?$")
"""``…由总包负责，曹建落实``: after the unit made responsible, the person who sees it done."""

_BEARS = re.compile(r"由[^，,。]{1,12}?(?:承担|出资|支付|分摊|报销|买单)")
"""``运费由我方承担``: who pays is settled, not a task someone owes."""


_RECURRING = re.compile(r"(?:每|逐)(?:天|日|周|月|季度?|旬)[^，,。]{0,8}?(?:前|内)?[^，,。]{0,4}?(?:报送|上报|报|提交|汇总|通报|检查|巡查)")
"""``每月5日前向局办公室报送``: a report due again and again, the form a standing task takes."""


_UNDECIDED = re.compile(r"暂未确定|尚未确定|未定|待定|再议|下次会议(?:再)?讨论|不(?:作|予|做)讨论|(?:后|以后|时)再(?:研究|讨论)|另行研究|not\s+(?:yet\s+)?decided|tbd|to\s+be\s+decided", re.I)


def _question(state: State, body: str, line: Line, confidence: float) -> None:
    """``body`` as an open question of the list, when it reads as one."""
    text = question_text(body, lead_required=False)
    if text:
        add_item(state, "question", text, line, confidence)


def _split_tasks(body: str, people: People, ref: date | None) -> list[Parsed]:
    """``张工周五前发图纸；李经理下周一前确认报价`` (or 。): two tasks, each with its own owner."""
    # ；-parts, or the sentences of a paragraph written after 具体分工：, each its own task
    pieces = [p for p in re.split(r"\s*[;；。]\s*", body) if p.strip()]
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


_I_WILL = re.compile(r"^(?:I(?:'ll|’ll|\s+will|\s+am\s+going\s+to)|(?:me|myself)\s*(?::|\s[-–—])|我来|我会|我负责|我\s*[:：])\s*", re.I)
"""The writer's own task in a mail's list: ``I'll send …``, ``Me: circulate the report``, ``我：…``."""


def task_after(text: str, people: People, ref: date | None) -> tuple[str, Parsed] | None:
    """A point that settles something and then hands a task out with its owner and date
    (``选德邦，12月12日前签合同（采购部）``): the settled clauses and the task."""
    clauses = [c for c in re.split(r"[，,；;]", text) if c.strip()]
    for i in range(1, len(clauses)):
        parsed = parse_action("，".join(clauses[i:]), people, ref)
        if parsed is None or not parsed.owner or not parsed.explicit or parsed.due is None:
            continue
        if parsed.owner.split("、")[0] in clauses[i]:
            return "，".join(clauses[:i]), parsed  # the task starts at the clause that names who does it
    return None
