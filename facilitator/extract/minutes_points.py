"""Points of plain Chinese minutes: a numbered or bulleted list under 会议纪要 / 会议内容 /
要点 (or under no heading at all), where the writer says neither 决定 nor 下一步 and each
point is what the meeting settled, what someone was asked to do, or both
(``同意追加采购2000支，由殷楠负责联系区疾控，本周四前报计划``).

A point is read clause by clause: the clauses from the one that hands the work to someone
(由殷楠负责…, 伍晓梅安排…) on are a task with that owner; the clauses before it are a
decision when they settle something (同意…, 不再…, 改由…, 定在…, 暂不开展) and nobody is only
reporting (已到货, 张工说…). Points that report progress, views or things already done give
nothing. Apart from :mod:`.minutes_prose` because a point in such a list may be a decision
without any lead word, which prose outside a list may never be.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from facilitator.extract.minutes_fields import CJK, SURNAMES, ZH_PERSON, People, clean, nfkc
from facilitator.extract.minutes_items import (
    _DONE,
    _NOT_DECIDED,
    VAGUE,
    decision_text,
    parse_action,
)
from facilitator.extract.minutes_layout import Line
from facilitator.extract.minutes_state import State, add_action, add_item
from facilitator.model import Suggestion

GENERIC_HEAD = re.compile(
    r"^(?:会议)?(?:纪要|内容|要点|记录|结果|情况|总结|小结|摘要|主要内容|主要结论|纪要如下|内容如下|要点如下|(?:主要|具体|有关|相关)?事项|精神)(?:如下)?$"
)
"""Headings of a page of minutes that say nothing of what their points are."""

SETTLES = re.compile(
    r"(?<![确决约商])定(?=\d)|不再|改为|改由|改用|改到|改成|换成|换到|统一|暂不|暂停|暂缓|维持|保持不变|采用|选用|选定|定在|定为|定于|加开|取消|按.{1,14}执行"
    r"|从.{1,10}起|自.{1,10}起|一律|安排(?:[\d一二两三四五六七八九十几]|专人)|(?:提高|降低|降|提|调|调整|增加|减少|上调|下调|压缩|延长|缩短|放宽|收紧)(?:到|至|为)|不允许|不得|必须|只(?:做|用|给|安排|保留|留)|搬到|移到|放到|放在|推迟到|延后到|提前到|延期到|调整为"
    r"|由.{1,10}(?:承担|出资|支付|统一|分摊)|先[^，,。]{1,12}[，,]?再|恢复|继续|照常|重新|不(?:低于|高于|超过|少于|得少于)|控制在|同意|确定|决定|明确|议定|不(?:搞|做|上|带|加|开展|安排|考虑)(?:了)?(?:[，,。]|$)|优先"
)
"""Words by which a point settles what will be done."""

_TOPIC = re.compile(r"^(?P<t>[^，,。：:；;]{2,12})[：:]\s*(?P<rest>.+)$")
"""``新办公室装修：…``: a point that names its topic before a colon."""

_REPORTS = re.compile(
    r"说|提到|提出|觉得|认为(?!.{0,4}(?:应|要|暂|不))|建议|担心|反映|反馈|希望|表示|汇报|介绍|问|[？?]|正在|进展|到货|目前|现在|上周|昨天|已经|已"
)
"""Words of a point that reports or relays a view rather than settling anything."""

_HANDS = re.compile(r"^(?:由|请|让|安排)?(?P<who>[\u4e00-\u9fffA-Za-z]{2,8}?)(?:负责|牵头|跟进|安排|落实|对接|联系|组织|出|做|准备|整理|提交|发)")


def plain_point(state: State, line: Line, people: People, ref: date | None) -> bool:
    """A point of a plain list of minutes (see the module docstring); True when it gave an
    item or was plainly a report (so prose rules need not read it again)."""
    body = clean(nfkc(line.body))
    if not CJK.search(body) or len(body) < 6:
        return False
    if re.search(r"[。！？!?].", body):
        # "1. 新办公室装修：最终方案是租下隔壁半层。预算控制在80万以内。": a point named by its
        # topic, told in sentences; each sentence is read as a point of its own
        topic = _TOPIC.match(body)
        if topic is None:
            return False  # a paragraph of several sentences: prose, read sentence by sentence
        found = False
        start = len(state.found)
        for sentence in re.findall(r"[^。！？!?]+[。！？!?]?", topic["rest"]):
            if len(sentence.strip()) >= 6:
                found = plain_point(state, replace(line, body=sentence.strip()), people, ref) or found
        _one_decision(state, [s for s in state.found[start:] if s.captured.kind == "decision"])
        return found
    body = _without_task_topic(body, people)
    # 团建改到元旦后，地点另行通知: what is left open after the first clause is a detail of
    # it; 团建的事大家意见不统一，下次再议: nothing settled first, the point stays open
    first = re.split(r"[，,；;]", body, maxsplit=1)[0]
    if _DONE.search(body) or VAGUE.search(body) or _NOT_DECIDED.search(first) or _SPLIT_VIEWS.search(body) or (
        _NOT_DECIDED.search(body) and not SETTLES.search(first)
    ):
        state.used.add(line.index)
        return True
    clauses = [c for c in re.split(r"[，,；;。]", body) if c.strip()]
    split = next((i for i, c in enumerate(clauses) if _hands_work(c, people) or _named_inside(c)), None)
    settled_part = clauses[:split] if split is not None else clauses
    task_part = clauses[split:] if split is not None else []
    found = False
    if settled_part:
        text = "，".join(settled_part)
        # 疫苗余量只够一周，同意追加采购: the decision starts at its lead, after the reason
        lead = next((d for i in range(len(settled_part))
                     if (d := decision_text("，".join(settled_part[i:]), lead_required=True))), None)
        topic = re.match(r"^(?:关于|对于|针对)(?P<t>[^，,]{2,20})$", settled_part[0])
        if lead and topic and topic["t"] not in lead:
            lead = f"{topic['t']}：{lead}"  # 关于上门接种，…会议认为暂不开展: what the decision is about
        if lead or (SETTLES.search(text) and not _REPORTS.search(text)):
            add_item(state, "decision", clean(lead or text), line, 0.65)
            found = True
    if task_part:
        parsed = parse_action("，".join(task_part), people, ref)
        inside = _named_inside(task_part[0])
        if parsed is not None and not parsed.owner and inside is not None:
            # 具体名单小张排一下，下周五前发群里: the one named before the verb does it
            parsed.owner = inside["who"]
            parsed.text = clean(re.sub(r"^(?:说|表示|答应|承诺)(?:他|她)?(?:会后)?(?:会|将)?", "",
                                       clean(parsed.text.replace(inside["who"], "", 1))))
        if parsed is not None and parsed.owner:
            state.last = add_action(state, parsed, line, people, 0.7)
            found = True
    if found:
        state.used.add(line.index)
    return found


_PUT_OFF = re.compile(r"(?:方案|提议|建议|申请|请示|计划)[^，,。]{0,6}(?:暂缓|搁置|不予采纳|否决|不同意|不批准)")
"""``欧阳婧之前提的KOL礼盒方案暂缓``: a verdict on a proposal."""
def _one_decision(state: State, settled: list[Suggestion]) -> None:
    """One point, one decision: its settled sentences are said together; a proposal put off
    or turned down in the same point (…方案暂缓) is a verdict of its own."""
    for extra in settled[1:]:
        if _PUT_OFF.search(extra.captured.text) and not _PUT_OFF.search(settled[0].captured.text):
            continue
        settled[0].captured.text = f"{settled[0].captured.text}，{extra.captured.text}"
        state.found.remove(extra)


def _without_task_topic(body: str, people: People) -> str:
    """``预算：梅林这边会在周四前给出明细``: the topic before the colon names no owner; the
    point is read from the clause that hands the work out."""
    topic = _TOPIC.match(body)
    if topic and _hands_work(re.split(r"[，,；;。]", topic["rest"], maxsplit=1)[0], people):
        return str(topic["rest"])
    return body


_SPLIT_VIEWS = re.compile(r"意见不(?:统一|一致)|(?:有|存在)分歧|没(?:有)?(?:定|结论)|未(?:定|达成)")
_NAMED_INSIDE = re.compile(
    rf"^[^，,。]{{0,10}}?(?P<who>{ZH_PERSON})(?:负责|来|去|再)?"
    r"(?=排|发|做|出|写|整理|联系|准备|提交|跟进|落实|对接|统计|汇总|核对|通知|确认|催|问|约|订|买|采购|打印|检查|更新|安排)"
)


_PROMISED = re.compile(
    rf"^(?P<who>{ZH_PERSON}|[{SURNAMES}][\u4e00-\u9fff]{{1,2}}?)(?:说|表示|答应|承诺)(?:他|她)?"
    r"(?=(?:会后|回去|下来|马上|尽快|今天|明天|本周|下周|这周|月底前)?(?:会|将|来|去)?(?:跟|和|与|找|联系|去|把|给|向|核|查|问|催|协调|沟通|安排|落实|处理|整理|准备|提交|报))"
)
"""``施卫国说会后跟财务沟通``: someone named, then that they will do something."""


def _named_inside(clause: str) -> re.Match[str] | None:
    """``具体名单小张排一下``: someone named (小张 / 张工 / 李经理) just before what they are to
    do; ``施卫国说会后跟财务沟通``: someone who said they would."""
    return _NAMED_INSIDE.match(clause.strip()) or _PROMISED.match(clause.strip())


_WILL = re.compile(r"^(?:这边|那边)?(?:会|将|要)(?:在|于)?(?=[\u4e00-\u9fff\d])(?!.{0,3}(?:说|认为|觉得|建议))")


def _hands_work(clause: str, people: People) -> bool:
    """A clause that gives the work to someone: 由殷楠负责联系区疾控 / 伍晓梅安排排班 / 财务部负责…"""
    c = clause.strip()
    known = next((n for n in people.names() if len(n) >= 2 and c.startswith(n)), None)
    if known and _WILL.match(c[len(known):]):
        return True  # 谭志远这边会在下周二前给出调整后的配方: someone in the room says what they will do
    m = _HANDS.match(c)
    if m is None:
        # 由教务科杭磊月底前拿出课程安排: 由 and whoever the item's own words name
        return c.startswith("由") and (p := parse_action(c, people, None)) is not None and p.owner is not None
    who = m["who"]
    named = next((n for n in people.names() if len(n) >= 2 and c.startswith(n)), None)
    if named and re.match(r"(?:提出|说|表示|反映|认为|建议|汇报|提到|介绍|觉得|担心)", c[len(named):]):
        return False  # 鲍晨提出查勘车油卡额度不够: what they raised, not work given to them
    return bool(c.startswith("由") or people.knows(who) or people.is_department(who) or named)


__all__ = ["GENERIC_HEAD", "SETTLES", "plain_point"]
