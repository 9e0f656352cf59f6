"""How a page of minutes is laid out: which lines are headings and what section each
opens (下一步 / Action items -> actions, 会议决定 / Agreed -> decisions, 遗留问题 / Open
questions -> questions, the agenda and last meeting's actions -> nothing), list bullets and
check boxes, and which table columns hold the task, the owner and the date.

Kept apart from :mod:`.minutes` (the walk through the lines) so the vocabulary of
headings, which grows with every new template people use, lives in one place.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date

from facilitator.capture import parse_line
from facilitator.extract.minutes_fields import CJK, EMOJI, clean, nfkc
from facilitator.extract.minutes_items import (
    FIELD,
    FIELD_ONLY,
    TASK_LABEL,
    decision_text,
    question_text,
)
from facilitator.model import Cue
from facilitator.notesfile import participants_in

Section = str
"""action | decision | question | other | agenda (only explicit marks count: project notes are
often written under their agenda points) | skip (last meeting's actions: nothing counts)"""
ITEM_SECTIONS = ("action", "decision", "question")

BULLET = re.compile(
    r"^(?P<md>#{1,6}\s+)?(?:>\s*)*"
    r"(?P<b>(?:[-*+•·・･▪◦●○■□◆◇▶►→]|\d{1,3}[.)）、．]|\(\d{1,3}\)|（\d{1,3}）|[①-⑳]|[a-z][.)](?=\s)|[A-Z]\)(?=\s)|[A-Z]\.(?=\s)(?!\s+[A-Z][a-z]+(?:\s+(?:to|will|is|are|and|would|shall)\b|\s*[,&/:\-–—]))"
    r"|[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[)）]"
    r"|[一二三四五六七八九十]是(?=[\u4e00-\u9fff])|第[一二三四五六七八九十]{1,2}[，,、]|其[一二三四五六七八九十][，,、])\s*)?"
    r"(?P<box>\[[ xX✓✔]?\]\s*|[☐☑✅⬜✔☒🔲]\s*)?"
)
_ZH_CHAPTER = re.compile(r"^[一二三四五六七八九十]{1,3}[、.．]")

_ACTION_WORDS = re.compile(
    r"下一步|下步工作|下一阶段工作|下阶段工作|具体安排|任务安排|会后安排|待办|行动项|行动计划|行动事项|后续工作|后续行动|后续安排|后续跟进|跟进事项|工作安排|工作要求|具体要求|有关要求|会议要求|任务分工|任务分配|任务清单|任务列表|工作清单|分工|^后续$"
    r"|会后任务|会后行动|会后跟进|落实事项|待落实(?:事项)?|^(?:会后)?任务$|整改措施|改进措施|需跟进|需要跟进(?:的事(?:项|情)?)?|要跟进的事|待跟进|后续事项|需落实|要做的事"
    r"|(?:会后|接下来|后面)?(?:要|需要|得)(?:做|办|跟|落实)的(?:事情?|事项|工作)?|要办的(?:事情?)?|待办的(?:事情?)?"
    r"|分工如下|安排如下|工作计划|下周计划|计划安排|近期安排|plan\s+for\s+next\s+week|next\s+week'?s?\s+plan|整改项|整改事项|整改要求|整改计划|整改清单|行动|action\s*items?|action\s*points?|actions|action\s+(?:log|register|list|tracker|plan)|task\s+list|corrective\s+actions?"
    r"|next\s*steps?|to[\s-]*dos?|follow[\s-]*ups?|assignments|tasks|\bais\b",
    re.I,
)
_DECISION_WORDS = re.compile(
    r"(?:会上|会议)?(?:大家)?(?:一致)?(?:确认|明确|同意|确定|议定)(?:了|的事项|事项|如下|以下)+(?:事项|几点|内容|意见)?"
    r"|确认事项|形成(?:如下|以下)?(?:意见|决议|共识)"
    r"|达成(?:了)?(?:如下|以下)?(?:一致意见|一致|共识|意见)|达成(?:了)?(?:如下|以下)(?:几点|内容|事项)?|(?:如下|以下)意见|决定|决议|决策|结论|共识|议定|拍板|定案|确定事项|已确定|^(?:刚才|已经|都)?定(?:了|下来了?)$|^已定(?:事项)?$|^定下来的(?:事项?)?$|decisions?|decided|agreed|agreements?|resolutions?|conclusions?"
    r"|consensus|outcomes?"
    # what a meeting settles, by the verb that settles it (商定, 敲定, 表决结果, 评审意见, 审议通过),
    # not by one template's heading: the items below are read by their own form
    r"|商定|约定|敲定|定下|(?:评审|表决|讨论|会议|审议|投票|研究|处理|审查|评议|协商|会商|会谈|谈判|商谈|沟通|磋商)(?:的)?(?:结果|意见)|通过(?:的)?(?:事项|内容|议案|决议)|^(?:一致)?通过$|^(?:否决|驳回|不同意|未通过|不予(?:通过|采纳))$"
    r"|approved|approvals?|resolved|motions?(?:\s+(?:carried|passed|approved))?|what\s+we\s+(?:agreed|decided)|settled",
    re.I,
)
_QUESTION_WORDS = re.compile(
    r"遗留问题|遗留事项|待定|待确认|待解决|未决|开放问题|悬而未决|open\s*(?:questions?|issues?|items?)|unresolved"
    r"|^(?:还|暂)?(?:没|未)(?:有)?(?:定|确定|定下来|结论)的(?:事(?:情|项)?)?$|^待议(?:事项)?$"
    r"|parking\s*lot|outstanding\s*questions?|questions",
    re.I,
)
_REVIEW_WORDS = re.compile(
    r"回顾|上次|上周|前次|完成情况|previous|last\s+(?:week|meeting|time)|review\s+of|carried\s+over|from\s+last",
    re.I,
)
_AGENDA = re.compile(r"(?:会议)?(?:议程|议题|日程)(?:安排)?|agenda(?:\s+items?)?|topics?", re.I)
OTHER_HEADS = re.compile(
    r"^(?:会议(?:纪要|记录|内容|议题|议程|主题|时间|地点|名称|背景|概要|摘要|目的|总结)|纪要|议题|议程|背景|讨论(?:内容|事项|情况|要点)?"
    r"|主要内容|内容|其他|其它|备注|附件|总结|情况说明|问题|存在问题|现状|汇报|进展|工作汇报|项目进展|参会人员|与会人员|出席人员"
    r"|agenda|discussion|discussion\s+points|notes|minutes|meeting\s+notes|summary|background|updates?|status|attendees"
    r"|participants|present|context|overview|topics?|other\s+business|aob|any\s+other\s+business|misc(?:ellaneous)?"
    r"|announcements|roll\s*call|recap|next\s+meeting|下次会议(?:时间|安排)?|会议时间|时间|地点|日期|主持人?|记录人?|记录员|纪要人"
    r"|host|chair|facilitator|note\s*taker|scribe|date|time|location|place|risks?|issues|blockers?|concerns|highlights"
    r"|headlines|key\s+points|takeaways|feedback|demo|q\s*&\s*a|风险|风险点|风险提示|问题与风险|亮点|要点|会议要点|其他事项|其它事项"
    r"|近期工作|本周工作|上周工作|工作进展|进展情况|项目情况|问题反馈|客户反馈|附件|补充|抄送|分送|签发|审核|整理人?|发送"
    r"|(?:minutes|notes)\s+(?:taken|prepared|written)\s+by|taken\s+by|prepared\s+by|distribution|cc|absent|apologies"
    r"|列席|缺席|请假)$",
    re.I,
)
_HEAD_MAX = 40
ITEM_MAX = 400
QUOTED = re.compile(r"^[「『“\"].{0,30}[:：].*[」』”\"]$|^(?:回复|引用|Reply to|Quote)\s*\S{0,20}\s*[:：]", re.I)
FENCE = re.compile(r"^(?:```|~~~)")


@dataclass
class Line:
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
    numbered: bool = False
    """The message starts with a number (``翟工：1️⃣ 钢梁先按原图纸加工``): a point of a list."""
    author: str | None = None
    """Who wrote the message this line belongs to in a chat export whose sender stands on a
    line of its own (``Sam Reid  10:05 AM`` / ``陈晓 12-07 10:02``)."""


CHAT_HEADER = re.compile(
    r"^[【\[]?(?P<n>[^\d:：@#|*\[\]()（）<>【】]{1,30}?(?:\s*[(（][^()（）\d]{1,10}[)）])?)[】\]]?[\s,，]+[\[(（]?\s*(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s+|\d{1,2}[-/.]\d{1,2}\s+"
    r"|(?:昨天|今天|yesterday|today)\s+)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?\s*[\])）]?$"
)
"""The sender line of a chat export: a name and the time (and maybe the day) it was sent."""


def prepare(index: int, cue: Cue, ref: date | None, *, mail: bool = False) -> Line:
    # a .md line's heading and list marks, which the reader dropped from the text, say where it stands
    raw = f"{cue.markup}{cue.text}" if cue.markup and not cue.speaker else cue.text
    text = re.sub(r"^(\s*)(\d{1,2})\ufe0f?\u20e3\s*", r"\1\2. ", raw.rstrip())  # 1️⃣ as 1.
    speaker = (cue.speaker or "").strip() or None
    colon = "：" if speaker and CJK.search(speaker) else ": "
    full = f"{cue.markup}{speaker}{colon}{text.strip()}" if speaker else text
    # the transcript reader never takes a capture marker (决定, Decision, @…) for a speaker,
    # so the words after the speaker say whether the line was typed in the capture syntax
    typed = parse_line(text, ref).kind != "note"
    indent = len(text) - len(text.lstrip(" \t\u3000"))
    norm = nfkc(full).strip()
    norm = norm.replace("**", "").replace("__", "")
    table = None
    if (norm.startswith("|") and norm.count("|") >= 2) or (
        norm.count(" | ") >= 2 and "`" not in norm and not FIELD.search(norm.split(" | ", 1)[0])
        and not FIELD_ONLY.match(norm.split(" | ", 2)[1])
    ):  # 责任人：张工 | 完成时间：12月 is one item's fields; 15 min | Pension file | … Owner: … is a row
        # a Markdown table row, with or without the outer pipes
        cells = [clean(c) for c in norm.strip().strip("|").split("|")]
        table = cells
    m = BULLET.match(norm)
    body = norm[m.end():] if m else norm
    body = _tags_in_front(_TO_EVERYONE.sub("", EMOJI.sub("", body).strip()))
    person = None
    numbered = person_ticked = False
    if speaker is not None and table is None and not _label_speaker(speaker) and not (mail or topic_label(speaker, text)):
        # a chat or transcript line: the speaker is who wrote it, the text is what they wrote
        person = speaker
        inner = nfkc(text).strip().replace("**", "")
        mm = BULLET.match(inner)
        body = EMOJI.sub("", inner[mm.end():] if mm else inner).strip()
        numbered = bool(mm and ((mm["b"] and re.match(r"\d|[①-⑳]|[（(]\d|[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]", mm["b"])) or mm["box"]))
        person_ticked = _ticked(mm["box"] if mm else None, body)
    return Line(
        index=index, quote=full.strip(), body=body, speaker=speaker, person=person,
        bullet=bool(m and (m["b"] or m["box"])) and not bool(m and m["b"] and _ZH_CHAPTER.match(m["b"])),
        md_heading=bool(m and m["md"]) or bool(m and m["b"] and _ZH_CHAPTER.match(m["b"])),
        indent=indent, typed=typed, table=table, attendees=bool(participants_in(full)),
        checked=_ticked(m["box"] if m else None, body) or person_ticked or bool(_STRUCK.match(body)),
        numbered=numbered,
    )


_STRUCK = re.compile(r"^~~[^~]{2,}~~")
"""``- ~~钟毅：消防验收预约~~ 已约好``: an item struck through is done or dropped, no follow-up."""


_TO_EVERYONE = re.compile(r"^(?:[@＠](?:全体成员|所有人|all|everyone|channel|here)\s*)+", re.I)
"""``@全体成员 早上会议结论：`` : the mention of everyone is no owner; the heading follows."""


def _ticked(box: str | None, body: str) -> bool:
    """A ticked box (``- [x]``, ☑, ✅): done already. ✅ and ✔ also mark what was settled
    (``✅ 定了：首批 500 台 12 月 18 日出货``): before a decision they are a bullet."""
    if not box or not re.search(r"\[\s*[xX✓✔]\s*\]|[☑✅✔☒]", box):
        return False
    if re.search(r"[✅✔]", box) and (kv := heading_of(body, md_heading=False)) is not None and kv[0] != "other" and not kv[1]:
        return False  # ✅ 共识： a heading dressed up, the list follows
    return not (re.search(r"[✅✔]", box) and decision_text(body, lead_required=True))


_LEAD_TAG = re.compile(
    r"^[\[【(（]\s*(?P<t>action|ai|todo|decision|decided|agreed|行动项?|待办|决定|决议|结论|定了|已定|拍板|共识)\s*[\]】)）]\s*", re.I
)
_END_TAG = re.compile(
    r"\s*(?:[\[【(（]\s*(?P<a>action|ai|todo|decision|行动项?|待办|决定|决议|结论|定|已定|定了|拍板)\s*[\]】)）]"
    r"|\s[-–—]+\s*(?P<b>ACTION|DECISION))\s*[.。]?$",
    re.I,
)
"""A tag after an item; ``(agreed)`` is not one: ``Anna to send the plan (agreed)`` is a task
the room agreed to, not a decision."""
_TAG_WORD = {"ai": "ACTION", "todo": "ACTION", "decided": "Decision", "agreed": "Decision", "行动项": "行动", "定": "决定",
             "待办": "行动", "决议": "决定", "结论": "决定", "定了": "决定", "已定": "决定", "拍板": "决定", "共识": "决定"}


def _tags_in_front(body: str) -> str:
    """``[ACTION] Anna to …``, ``Keep weekly pickups (DECISION)``, ``【待办】…``: the tag as the
    label it means, in front (``ACTION: …``, ``Decision: …``, ``行动：…``)."""
    m = _LEAD_TAG.match(body)
    tag, rest = (m["t"], body[m.end():]) if m else (None, body)
    if tag is None:
        e = _END_TAG.search(body)
        if e is None:
            return body
        tag, rest = e["a"] or e["b"], body[: e.start()]
    word = _TAG_WORD.get(tag.lower(), tag)
    word = {"action": "ACTION", "decision": "Decision"}.get(word.lower(), word)
    colon = "：" if CJK.search(word) else ": "
    return f"{word}{colon}{rest.strip()}" if rest.strip() else body


_PARTICLES = frozenset(("van", "von", "de", "der", "den", "da", "del", "della", "di", "du", "la", "le", "bin", "al", "el", "ter"))


def topic_label(speaker: str, text: str) -> bool:
    """``Winter berths: we agreed…`` / ``Dredging: still waiting…``: what the transcript reader
    split off as a speaker is the topic of an English paragraph of minutes, not a person: a
    label of several words with a lowercase one among them, or one noun-like word before a
    sentence that starts in lowercase."""
    name = nfkc(speaker).replace("**", "").strip()
    if CJK.search(name):
        # KR1 索道冬季年检 / 冰瀑观景台改造进度: a key result or a work item, longer than any name
        bare = re.sub(r"[(（][^()（）]*[)）]", "", name).strip()
        return bool(re.fullmatch(r"[A-Za-z]{1,4}\d{1,3}\s*[\u4e00-\u9fff].*", bare)) or (
            len(bare) >= 7 and not re.search(r"\s", bare) and bool(re.fullmatch(r"[\u4e00-\u9fff]+", bare))
        )
    if not re.fullmatch(r"[A-Za-z][A-Za-z&/' -]{1,40}", name):
        return False
    words = name.split()
    if len(words) >= 2 and any(w[0].islower() and w.lower() not in _PARTICLES for w in words[1:]):
        return True
    return len(words) == 1 and bool(re.search(r"(?:ing|tion|sion|ment|ance|ence|ity|ness|ure|ship|ics)$", name)) \
        and bool(re.match(r"\s*[a-z]", text))


@functools.lru_cache(maxsize=512)
def _label_speaker(speaker: str) -> bool:
    """Whether what the transcript reader split off as a speaker is a label (责任人, Agreed,
    Action item, Decisions): asked once per speaker, a long transcript has few of them."""
    name = nfkc(speaker).replace("**", "").strip()
    if re.match(r"^(?:会议|会上|大家|经讨论|经研究|与会|各方|双方)|^(?:[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}[.、)．])", name):
        return True  # 会议要求：… / 会上明确：…: what the meeting said, not a person's message
    if re.search(r"(?:负责人|责任人|执行人|截止(?:日期|时间)?|完成时间|owner|assignee|due|deadline)\s*$", name, re.I):
        return True  # 签订租赁意向书 - 负责人: 钱坤 - 截止: 2月5日: a task and its labelled owner
    return labelish(f"{name}: xxxx")


def labelish(body: str) -> bool:
    """``责任人：张工`` / ``Agreed: …`` / ``Action item: …``: a label that the transcript
    reader took for a speaker's name."""
    return bool(
        FIELD.match(body) or heading_of(body, md_heading=False) is not None or TASK_LABEL.match(body)
        or decision_text(body, lead_required=True) or question_text(body, lead_required=True)
    )


_NOT_TOPIC = re.compile(
    r"讨论|记录|背景|情况|汇报|进展|问题|现状|反馈|发言|说明|介绍|回顾|议程|参会|出席|列席|时间|地点|纪要|会议|总结|小结|备注|附件",
)


def topic_title(line: Line, head: str) -> bool:
    """A heading that names one topic of the meeting (``一、关于值班安排``, ``议题三：赠品``,
    ``## 2. 会员体系``), not a part of the page (会议纪要, 讨论记录, 背景): what the lines under
    it settle or hand out is read point by point."""
    if not CJK.search(head) or OTHER_HEADS.match(head) or _NOT_TOPIC.search(head) or len(head) > 20:
        return False
    if re.match(r"^(?:关于|有关|针对)|^(?:议题|专题|话题|事项)[一二三四五六七八九十\d]{1,3}$", head):
        return True
    return bool(re.match(r"^(?:#+\s*)?(?:\d{1,2}[.、．)]|[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,2}[)）])",
                         nfkc(line.quote).strip()))


def heading(line: Line) -> tuple[Section, str] | None:
    """The section a heading line opens, and any item written after its colon."""
    return heading_of(line.body, md_heading=line.md_heading)


def heading_of(text: str, *, md_heading: bool) -> tuple[Section, str] | None:
    body = text.strip()
    m = re.match(r"^(?P<head>[^:：]{1,40}?)\s*(?P<colon>[:：])\s*(?P<rest>.*)$", body)
    head, rest, colon = (m["head"], m["rest"], True) if m else (body, "", False)
    head = re.sub(r"\s*[(（][^()（）]*[)）]\s*$", "", head).strip().strip("*#【】[] ")
    if len(head) > _HEAD_MAX or not head:
        return None
    if not colon and CJK.search(head) and (re.search(r"[。！!]$", head) or (len(head) > 12 and re.search(r"[，,；;]", head))):
        return None  # 一、本次报价在上次中标价基础上下浮 3%。: a numbered sentence, not a chapter
    kind = _head_kind(head)
    if kind is None and colon and not rest and re.search(r"[，,]", head):
        # 会议就…进行了讨论，形成如下意见： the last clause is the heading
        kind = _head_kind(re.split(r"[，,]", head)[-1].strip())
    if kind is None:
        if _AGENDA.fullmatch(head):
            return "agenda", ""
        if re.fullmatch(r"(?:议题|专题|话题|事项)[一二三四五六七八九十\d]{1,3}", head) and len(rest) <= 20 \
                and not re.search(r"[。；;，,]", rest):
            return "other", ""  # 议题三：赠品: the title of a topic, what was settled on it follows
        if OTHER_HEADS.match(head) or (not colon and _CAPS_TITLE.fullmatch(head)):
            return "other", ""  # 4. CHIEF'S REPORT: a title in capitals opens the next point
        if rest or not (colon or md_heading):
            return None
        if not colon and (re.search(r"[。！!]$", head) or (len(head) > 12 and re.search(r"[，,；;]|\.$", head))):
            return None  # 一、模具先返厂修复，修复期间用备用模具生产。: a numbered sentence, not a chapter
        if colon and not md_heading and len(head) > 20:
            return None
        return "other", ""
    if not rest and not (colon or md_heading or _is_only_head(head) or _short_title(body)):
        return None
    if rest and not colon:
        return None
    if kind == "decision" and rest and re.fullmatch(r"否决|驳回|不同意|未通过|不予(?:通过|采纳)|rejected|declined", head, re.I):
        rest = f"{head}：{rest}" if CJK.search(head) else f"{head}: {rest}"  # 否决：… says what was turned down
    return kind, rest


def _head_kind(head: str) -> Section | None:
    h = head.strip()
    if _AGENDA.fullmatch(h):
        return "agenda"
    if _REVIEW_WORDS.search(h):
        return "skip"
    action = _ACTION_WORDS.search(h)
    decision = _DECISION_WORDS.search(h)
    question = _QUESTION_WORDS.search(h)
    if not (action or decision or question):
        return None
    # the heading words must be most of the heading (下一步工作安排, Action items for next week),
    # not one word of a sentence (我们决定下周再谈)
    words = [mm for mm in (action, decision, question) if mm]
    covered = sum(len(mm.group(0)) for mm in words)
    # 本次会议决议如下 / 经表决形成以下决定: the words that only introduce the list do not count
    core = re.sub(r"^(?:本次|这次|此次)?(?:会议|会上)?|(?:如下|以下(?:几点|事项|内容)?)$", "", h.replace(" ", ""))
    if CJK.search(h) and covered * 3 < len(core):
        return None
    if not CJK.search(h) and len(h.split()) > 6:
        return None
    if question and not action:
        return "question"
    if action and not decision:
        return "action"
    return "decision"  # decisions, or decisions and actions: each item is read by its form


STANDUP = re.compile(
    r"^(?P<label>(?P<done>yesterday|done|completed|finished|last\s+(?:week|sprint))"
    r"|(?P<next>today|tomorrow|this\s+week|next|doing|working\s+on|plans?(?:\s+for\s+today)?)"
    r"|(?P<blocked>blockers?|blocked(?:\s+by)?|impediments?))\s*(?:[:：]|\s[-–—]\s)\s*(?P<rest>\S.*)$",
    re.I,
)
"""A line of someone's turn in a standup (``Yesterday: …`` / ``Today: …`` / ``Blockers: …``):
what they did, what they will do, what is in their way."""
SAME_AS_ABOVE = re.compile(r"\b(?:same\s+(?:item|thing|task)?\s*as\s+above|see\s+above|as\s+above|ditto)\b", re.I)
"""``(same item as above)``: the writer points back at an item already written, not a new one."""


_CAPS_TITLE = re.compile(r"(?=(?:[^a-z]*[A-Z]){3})[A-Z0-9'’&/ -]{3,}(?:\s+[A-Z0-9'’&/-]+){0,5}")
"""A title written in capitals (``TREASURER'S REPORT``, ``OLD BUSINESS``), as boards and
councils head each point of their minutes: a heading with no colon, no Markdown mark."""


def _short_title(body: str) -> bool:
    """A short line with no sentence end that ends in its heading words (``What we agreed``,
    ``3. Actions``, ``下一步工作安排``), not one that goes on after them (``Decided to keep
    weekly pickups``, ``[DECIDED] keep …``, ``决定先走老周的供应商``)."""
    if re.search(r"[.。!！?？;；,，]$", body):
        return False
    if not (len(body.split()) <= 5 if not CJK.search(body) else len(body) <= 12):
        return False
    last = None
    for words in (_ACTION_WORDS, _DECISION_WORDS, _QUESTION_WORDS):
        for m in words.finditer(body):
            last = m if last is None or m.end() > last.end() else last
    if last is None:
        return True
    after = body[last.end():].strip(" ]】)）*")
    if CJK.search(body):
        return len(after) <= 4
    return not after or (
        len(after.split()) <= 3
        and re.match(
            r"(?:for|from|of|in|at|this|next|and|&|/|\(|-|–|—|made|taken|reached|recorded|so\s+far|items?|list|log)\b",
            after, re.I,
        )
        is not None
    )


def _is_only_head(head: str) -> bool:
    """A bare line that is nothing but a heading word (a Markdown file whose # was stripped)."""
    h = re.sub(r"\s+", " ", head.strip().lower())
    return bool(re.fullmatch(
        r"(?:会议)?(?:下一步(?:工作|计划|安排|行动)*|待办(?:事项|事宜)?|行动项|行动计划|后续(?:工作|行动|安排|跟进)(?:计划|安排)?"
        r"|决定(?:事项)?|决议(?:事项)?|结论|共识|议定事项|遗留问题|待定事项|待确认事项|待办清单)"
        r"|action items?|next steps?|to ?dos?|follow[- ]?ups?|decisions?(?: made)?|agreed|open questions|open issues",
        h,
    ))


COLUMN_WORDS = {
    "owner": r"负责|责任|执行人|跟进人|承办|经办|对接人|牵头|owner|assignee|assigned|responsible|who|poc|dri|action\s+by",
    "status": r"状态|进度|完成情况|进展|是否完成|备注|status|state|progress|remarks?|^done\s*\??$|^completed?\s*\??$",
    "due": r"时间|日期|期限|时限|节点|截止|截至|^(?:计划|预计)?完成$|due|deadline|when|target|date|eta|^by$",
    "decision": r"决定|决议|结论|共识|(?:讨论|会议|处理)?结果|处理意见|decision|outcome|resolution|agreed",
    "task": r"措施|行动|待办|任务|task|action|to\s*do|next\s+step|follow",
    "task2": r"事项|工作|内容|计划|item|what",
    "task3": r"问题|description|描述|finding|subject|summary|topic|议题",
    "type": r"^(?:type|kind|类型|类别)$",
    "notes": r"^(?:notes?|comments?|details)$",
}
"""Words of a table's header cells, tried in this order (``完成情况`` is a status, not a date)."""


def columns(cells: list[str]) -> dict[str, int] | None:
    found: dict[str, int] = {}
    for i, c in enumerate(cells):
        c = clean(c).lower()
        if not c or len(c) > 24:
            continue
        for key in ("type", "notes", "owner", "status", "due", "decision", "task", "task2", "task3"):
            if key not in found and re.search(COLUMN_WORDS[key], c, re.I):
                found[key] = i
                break
    if "status" in found and re.search(r"done|complete|是否完成", clean(cells[found["status"]]), re.I):
        found["status_yes"] = found["status"]  # | Done? | Yes |: a yes there means done
    if "decision" in found and re.search(r"决定|决议|结论|共识|decision|agreed|resolution", clean(cells[found["decision"]]), re.I):
        found["decision_named"] = found["decision"]  # | 决定 |: the writer called each cell a decision
    if "decision" in found and "task" not in found:
        # | 议题 | 结论 | or | # | Decision | Owner |: a table of decisions (an owner column there
        # says who raised or owns the decision, not a task)
        topic = found.get("task3", found.get("task2"))
        kept = {k: v for k, v in found.items() if k not in ("task2", "task3")}
        return kept if topic is None else {**kept, "topic": topic}
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
