"""One written minutes item read as an action, a decision or an open question.

:mod:`.minutes` knows where an item stands (under 下一步, in a table row, after
``Agreed:``); this module reads the item's own words: the labelled fields (责任人、完成时间,
Owner, Due), an @mention, a leading owner (``Anna to …``, ``采购部李经理周五前…``,
``由品质部负责…``) or a trailing one (``（张工）``, ``— Anna``), and the date. What is
left once those are cut out is the item's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from facilitator.extract.minutes_fields import (
    CJK,
    DEPT,
    EN_NAME,
    EN_OWNERS,
    EN_TEAMS,
    SURNAMES,
    ZH_PERSON,
    People,
    clean,
    cut,
    find_date,
    looks_like_name,
    nfkc,
    read_date,
)

OWNER_LABEL = (
    r"牵头部门|牵头单位|牵头人|主责部门|责任人|负责人|责任部门|负责部门|责任单位|执行人|跟进人|承办人|经办人|落实人|对接人|主责"
    r"|action\s+owner|action\s+by|responsible\s+(?:person|party)|by\s+whom|owners?|assignees?|assigned\s+to|responsible"
    r"|who|poc|dri|(?<![\u4e00-\u9fff])(?:负责|牵头)"
)
DUE_LABEL = (
    r"完成时限|完成时间|完成日期|完成期限|计划完成时间|计划完成日期|要求完成时间|截止时间|截止日期|截至日期|截止|时间节点|期限|时限|交付时间"
    r"|due\s+date|due|deadline|target\s+date|by\s+when|eta|when|(?<![\u4e00-\u9fff])(?:时间|日期)"
)
HELPER_LABEL = (
    r"配合部门|配合单位|配合人|协助部门|协助人|协办|参与人|参与部门|支持部门|优先级|状态|提出人|cc|priority|status"
    r"|reporter|raised\s+by|labels?|component|type"
)
"""Who helps: cut from the item's text, never its owner."""
_VALUE_END = (
    r"(?=[,，;；。|)）\]】]|\s{2,}|\s+/\s+|\s+[—–-]\s+|\s*(?:" + OWNER_LABEL + "|" + DUE_LABEL + "|" + HELPER_LABEL
    + r")\s*[:：]|$)"
)
FIELD = re.compile(
    rf"[(（\[【]?\s*(?:(?P<olab>{OWNER_LABEL})|(?P<dlab>{DUE_LABEL})|(?P<xlab>{HELPER_LABEL}))\s*(?:[:：]|[\]】])\s*"
    rf"(?P<value>(?:[^,，;；。|()（）\[\]【】]|[(（][^()（）]{{1,12}}[)）])*?){_VALUE_END}\s*[)）\]】]?",
    re.I,
)
FIELD_ONLY = re.compile(rf"^(?:\s*{FIELD.pattern}\s*[,，;；。|｜/]?)+\s*$", re.I)

_MENTION = re.compile(r"[@＠](?P<name>[^\s@＠,，:：;；。!！?？、()（）]{1,24})")
_AFTER_MENTION = re.compile(
    r"^(?:will|to|shall|should|is\s+going\s+to|can\s+you|could\s+you|please|pls|you|[:：,，])\s*", re.I
)
_POLITE_TAIL = re.compile(r"[，,]?\s*(?:谢谢|多谢|辛苦了?|感谢|thanks|thank\s+you|thx)[!！。.~～]*$", re.I)
VAGUE = re.compile(
    r"有空|有时间的话|回头再|再看看|再说吧|想想办法|考虑一下吧|看情况|尽量吧|请回复|收到请|(?<![a-z])(?:maybe|perhaps|at some point"
    r"|if (?:there is|we have) time|some ?day|might|could look|would be nice|nice to have"
    r"|think\s+(?:about|over)|no\s+owner|unassigned|owner\s*(?:tbd|unknown|\?)|some(?:one|body)\s+should|should\s+probably|probably\s+should"
    r"|when\s+(?:he|she|they|i|we|you)\s+(?:has|have|gets?|finds?)\s+(?:a\s+(?:minute|moment|chance)|(?:the\s+|some\s+)?time)"
    r"|(?:(?:'ll|’ll|will)\s+|^)see\s+(?:how|if|whether|what))(?![a-z])",
    re.I,
)
"""Words that make a line a wish or a chat ritual, not a task someone owes: a maybe, a
"someone should", an item its writer marks as having no owner, a "when he has time"."""


# ---- done already: work the page reports as finished is no follow-up. Asked in three
# places, answered here: an item's own marks, a due field, a sentence of prose.
DONE = re.compile(
    r"[(（]\s*(?:已完成|已关闭|完成|done|completed|closed)\s*[)）]\s*$|^\s*(?:已完成|done)\s*[:：]"
    r"|(?:已完成|已解决|已关闭|已处理|已落实)[。.]?$|(?<![a-z])(?:done|completed|closed)[.!]?$"
    r"|(?:这项|此项|该项)(?:已)?(?:完成|关闭)|[，,]\s*已(?:经)?(?:发|交|提交|发出|寄出|上传|签|付|到位|落实|办结|办完)\s*[✔✅☑]?\s*$|(?<!未)已(?:经)?[^，,。；;前要需将待再未没]{1,16}(?:过了|好了|完了|完成|了)(?:[。.!！]|[，,][^，,。]{0,14}[。.]?)?$",
    re.I,
)
"""An item's own words say it is done: （已完成）, done., 已发出 ✅, 这项已关闭."""

_DONE_VALUE = re.compile(
    r"(?:完成时间|完成日期|截止(?:时间|日期)?|时限|期限|due|deadline)\s*[:：]\s*"
    r"(?:已完成|已办结|已落实|已解决|已关闭|done|completed|closed)\s*[。.]?\s*$",
    re.I,
)


def done_value(body: str) -> bool:
    """``完成时间：已完成``: the field that would date a task says it is done already."""
    return bool(_DONE_VALUE.search(nfkc(body).strip()))


_DONE_IN_PROSE = re.compile(r"已|了[。.]?$")


def reported_done(sentence: str) -> bool:
    """``藏品部已于上周五把初稿发给省博``: a sentence of Chinese prose that reports what was done
    (any 已, or a closing 了) rather than what is owed; prose only, as a list item's 已 may be
    part of its task (跟进已下单的货)."""
    return bool(_DONE_IN_PROSE.search(sentence))


REPLY = re.compile(
    r"^(?:收到|好的?|好嘞|ok|okay|没问题|可以|明白|行|嗯|sure|will do|got it|noted|(?:yes|yep|yeah|yup)(?![a-z]))(?![\u4e00-\u9fff]{3})",
    re.I,
)
"""The start of an answer to whoever mentioned you: the task is the writer's, not the mentioned one's."""
_MENTION_LEAD = re.compile(
    r"^(?:[^\s@＠]{1,12}[:：]\s*)?(?:请|麻烦|辛苦|劳烦|烦请|拜托|帮忙|please|pls|cc|hi|hey)?\s*[,，]?\s*[@＠]", re.I
)
_CHAT_SPEAKER = re.compile(r"^[^\s@＠:：]{1,12}[:：]\s*(?=[@＠]|请|麻烦|辛苦|烦请|拜托|please)", re.I)
_ALL = re.compile(r"^(?:所有人|全体成员|全体|大家|all|everyone|here|channel)$", re.I)
_REQUEST_LEAD = re.compile(r"^(?:请|麻烦|辛苦|劳烦|烦请|拜托|帮忙|please|pls|can you|could you)\s*", re.I)
_ACK = re.compile(
    r"^(?:收到|好的?|好嘞|ok|okay|谢谢|感谢|辛苦了?|多谢|明白|了解|可以|没问题|嗯+|哈+|thanks?|thank you|got it|noted|sure|👍|\s)*[!！。.~～]*$",
    re.I,
)
_ASKING = re.compile(r"(?:能.{0,12}吗|能否|能不能|可不可以|可以|麻烦|帮忙|请|是否能|could|can|please)", re.I)

_EN_LEAD = re.compile(
    rf"^(?P<owner>{EN_TEAMS}|{EN_OWNERS})\s*(?:(?P<colon>[:\-–—])\s+|\s+(?P<verb>to|will|would|shall|should|must|needs?\s+to"
    r"|is\s+to|are\s+to|(?:is|are)\s+going\s+to|agreed\s+to|offered\s+to|volunteered\s+to|(?:has|have)\s+to"
    r"|undert(?:ook|akes)\s+to|promised\s+to|committed\s+to"
    r"|(?:was|were|is|are)\s+(?:directed|instructed|asked|requested|tasked|charged)\s+(?:to|with)"
    r"|(?:will\s+be\s+|is\s+|are\s+)(?:responsible\s+for|in\s+charge\s+of|taking\s+care\s+of)|will\s+take\s+care\s+of"
    r"|(?:is|are)(?=\s+(?:drafting|preparing|writing|sending|setting|booking|organi[sz]ing|arranging|chasing|following|handling"
    r"|updating|reviewing|fixing|checking|looking|getting|putting|sorting|coordinating|contacting|scheduling|running|doing)\b)"
    r"|takes?|owns?|follows?\s+up\s+on|follow\s+up\s+on)\s+)(?P<what>.+)$",
)
_WILL_NOT_TASK = re.compile(r"^(?:be\b(?!\s+(?:responsible|in\s+charge))|not\b|have\s+been|likely|probably|never|also\s+be)", re.I)
_EN_TRAIL = re.compile(
    rf"\s*(?:[(\[]\s*(?P<p>{EN_OWNERS}|{EN_TEAMS})\s*[)\]]|\s(?:[-–—]+|→|->)\s*(?P<d>{EN_OWNERS}|{EN_TEAMS}))\s*[.;]?$"
)
_ZH_BY = re.compile(
    r"(?:由|请)\s*(?P<owner>[^，,。；;：:\s由请]{1,14}?)\s*(?:(?:负责|牵头|跟进|落实|主导|对接|安排|来|去)"
    r"|(?=完成|提供|出具|确认|组织|协调|联系|准备|提交|整理|制定|安排|评估|跟|与|和|向|给|对|把|将|在|于|尽快|马上|立即|根据|按照|会同|结合"
    r"|建立|编制|起草|制作|搭建|开展|排查|核查|梳理|统计|汇总|通知|督促|检查|更新|采购|申请|办理|上报|报送|修订"
    r"|(?:今天|明天|后天|本周|下周|这周|月底|月末|年底|\d{1,2}月|\d{1,2}[日号]|周[一二三四五六日])))"
)
_ZH_OWNS = re.compile(r"^(?P<owner>[^，,。；;：:\s]{1,12}?)\s*(?:负责|牵头|主导|跟进)\s*")
_CELLS = re.compile(r"\t+|\s+[/|]\s+|\s{3,}")
_ZH_LEAD_VERB = re.compile(r"^\s*(?:负责|牵头|跟进|落实|主导|对接)")
_ZH_TRAIL = re.compile(
    r"\s*(?:[(（【\[]\s*(?P<p>[^()（）【】\[\]]{1,20}?)\s*(?:负责|牵头|跟进)?\s*[)）】\]]"
    r"|(?:[-–—]{1,2}|——|→|->)\s*(?P<d>[^-–—\s]{1,12}?)(?:负责|协调|牵头|跟进|落实)?)\s*[。.;；]?$"
)
_EN_PAREN_LEAD = re.compile(rf"^(?:{EN_TEAMS}|{EN_NAME})\s*\(\s*(?P<p>{EN_OWNERS})\s*\)\s*[:\-–—]?\s*")
"""``Legal (Hannah) reviews the draft``: the person in brackets after their team."""
_EN_VERB_S = re.compile(rf"^(?P<owner>{EN_OWNERS})\s+(?P<v>[a-z]{{3,}}s)\s+\S")
"""``Hannah reviews the contract``: someone in the room and a verb in the present."""
_EN_KNOWN_LEAD = re.compile(rf"^(?P<owner>{EN_OWNERS})\s+(?=[a-z])")
_NOT_VERBS = frozenset(["was", "has", "is", "does", "says", "thinks", "feels", "seems", "wants", "needs", "likes", "agrees", "believes", "mentions"])
_SPACE_LEAD = re.compile(rf"^(?P<n>(?:{DEPT}\s*)?[\u4e00-\u9fff]{{2,4}})\s+(?=[\u4e00-\u9fff])")
"""``张三 完成样机试装`` / ``采购部 孙丽 下单``: a name, a space, then the task."""
_ROLE_NAME_LEAD = re.compile(rf"^[\u4e00-\u9fff]{{2,6}}\s+(?P<n>[{SURNAMES}][\u4e00-\u9fff]{{1,2}})\s+(?=\S)")
"""``前台 范丽 下周一前把…``: a role or department, then a name of surname form, each set off by spaces."""
_SPACE_TRAIL = re.compile(r"\s+(?P<n>[\u4e00-\u9fff]{2,4})\s*[。.]?$")
"""``联系供应商 李经理``: a name after a space at the end (a participant or a titled name only)."""
TASK_LABEL = re.compile(
    r"^(?:(?:ai|ap|summary|action(?:\s+(?:item|point))?s?|todo|to\s*do|task|follow[-\s]?up|fu)(?:\s*[-#]?\d{1,3}(?:\.\d{1,3})?)?\s*(?:[(\[]\s*(?P<owner>[^()\[\]]{1,30})\s*[)\]])?"
    r"|(?:行动项?|待办(?:事项)?|任务|事项|工作内容|工作事项|具体措施|措施|跟进事项)[一二三四五六七八九十\d]*)"
    r"\s*[:：\-–—]\s*(?P<rest>.+)$",
    re.I,
)
_NOTHING = re.compile(r"^(?:无|暂无|没有|none|n/?a|tbd|-|—|…|\.\.\.|待补充|待定)$", re.I)


@dataclass
class Parsed:
    """An item's parts: text, owner as found (not yet normalised), due, and how sure."""

    text: str
    owner: str | None = None
    due: date | None = None
    explicit: bool = False
    """The owner was marked (a label, @, ``X to``, 由X负责), not guessed from a leading name."""
    how: str = ""
    """Where the owner came from: label, mention, en (``Anna to``), by (由X负责), lead, trail, group."""


def _fields(body: str, ref: date | None) -> tuple[str, str | None, date | None, bool]:
    owner: str | None = None
    due: date | None = None
    had_due_label = False
    spans: list[tuple[int, int]] = []
    for m in FIELD.finditer(body):
        value = clean(m["value"])
        if m["olab"]:
            if value and owner is None and not _NOTHING.match(value):
                owner = value
            spans.append(m.span())
        elif m["xlab"]:
            spans.append(m.span())
        else:
            had_due_label = True
            got = read_date(value, ref) if value else None
            if got is not None and due is None:
                due = got
            spans.append(m.span())
    for a, b in reversed(spans):
        body = cut(body, (a, b))
    return body, owner, due, had_due_label


def _cells(body: str, people: People, ref: date | None) -> tuple[str, str | None, date | None]:
    """``联系供应商 / 李娜 / 12.10`` or cells pasted from a spreadsheet: the task, then the
    cell that names someone and the cell that is a date."""
    cells = [clean(c) for c in _CELLS.split(body)]
    cells = [c for c in cells if c]
    if not 2 <= len(cells) <= 5:
        return body, None, None
    owner: str | None = None
    due: date | None = None
    rest: list[str] = []
    for i, c in enumerate(cells):
        if i and owner is None and _owner_like(c, people, full_names=True):
            owner = c
        elif i and due is None and (got := read_date(c, ref)) is not None and len(c) <= 16:
            due = got
        elif not _NOTHING.match(c) and not re.fullmatch(r"\d{1,3}|进行中|未开始|open|in progress", c, re.I):
            rest.append(c)
    if owner is None and due is None or not rest:
        return body, None, None
    return rest[0], owner, due


def _mention(body: str, people: People) -> tuple[str, list[str]]:
    owners: list[str] = []
    names = people.names()
    out = body
    for m in reversed(list(_MENTION.finditer(body))):
        token = m["name"]
        spaced = next((n for n in names if " " in n and body.startswith(n, m.start() + 1)), None)
        if spaced:  # @Anna Keller Send the deck: a mention of a full name with a space in it
            owners.append(spaced)
            out = out[: m.start()] + " " + out[m.start() + 1 + len(spaced):]
            continue
        name = next((n for n in names if token.startswith(n)), None)
        if name is None:
            zh = re.match(ZH_PERSON, token)
            if zh and CJK.match(token):
                name = zh.group(0)
            elif len(token) <= 6 or not CJK.search(token):
                name = token
        if name is None:
            continue
        owners.append(name)
        after = out[m.end():]
        dept = re.match(r"\s*[(（][^()（）]{1,12}[)）]", after)  # @李四(采购部)
        if dept and not token[len(name):]:
            after = after[dept.end():]
        out = out[: m.start()] + " " + token[len(name):] + after
    return clean(out), list(reversed(owners))


@dataclass
class _Draft:
    """An item being read: what is left of its words, and the owner and date found so far."""

    body: str
    people: People
    ref: date | None
    owner: str | None = None
    due: date | None = None
    how: str = ""

    def take(self, owner: str, how: str, body: str) -> bool:
        self.owner, self.how, self.body = owner, how, body
        return True


def _by_mention(d: _Draft) -> bool:
    if "@" not in d.body and "＠" not in d.body:
        return False
    body, found = _mention(d.body, d.people)
    owners = [f for f in found if not _ALL.match(f)]
    d.body = _REQUEST_LEAD.sub("", body)
    return bool(owners) and d.take("、".join(owners), "mention", _AFTER_MENTION.sub("", d.body))


def _by_english_lead(d: _Draft) -> bool:
    m = _EN_PAREN_LEAD.match(d.body)  # Legal (Hannah) reviews …
    if m and looks_like_name(m["p"], d.people):
        return d.take(m["p"], "en", d.body[m.end():])
    m = _EN_LEAD.match(d.body)  # Anna to …, Tom will …, Ravi: …
    if not m or not looks_like_name(m["owner"], d.people):
        return False
    if m["verb"] and m["verb"].split()[0] in ("will", "would", "to") and _WILL_NOT_TASK.match(m["what"]):
        return False  # Lisa will be on vacation
    if m["verb"] == "to" and re.match(r"date\b|(?:some|a\s+large|what)\s+extent\b", m["what"], re.I):
        return False  # Spend to date is 61% of budget: no one is to do anything
    return d.take(m["owner"], "en-colon" if m["colon"] else "en", m["what"])


_THIS_ONE_IS = re.compile(
    r"[，,]\s*(?:这件事情?|这事|此事|这个事情?|该事项|该项|这项工作|这一块)\s*(?:由|请)?\s*(?P<owner>[^，,。；;\s]{2,8}?)"
    r"\s*(?:负责|牵头|跟进|来跟|来办|来做)(?=\s*[，,。；;]|\s*$)"
)
"""``逆变器的差价去和厂家谈，争取不加钱，这件事程雅负责，月底前给个结论``: the owner named after
the work, as the thing it is about."""


def _by_zh_assignment(d: _Draft) -> bool:
    after = _THIS_ONE_IS.search(d.body)
    if after and _owner_like(after["owner"], d.people, full_names=True):
        return d.take(after["owner"], "by", cut(d.body, after.span()))
    me = re.match(r"^(?:我|本人)\s*[（(]\s*(?P<n>[^()（）]{2,6}?)\s*[)）]\s*(?:负责|来|去)?", d.body)
    if me and _owner_like(me["n"], d.people, full_names=True):
        return d.take(me["n"], "by", d.body[me.end():])  # 我（夏雨桐）负责联系图片社…: the writer, named
    m = _ZH_BY.search(d.body)  # …由品质部负责… / 请张工…
    owns = bool(m) and d.body[m.end("owner"):].lstrip().startswith(("负责", "牵头", "主导", "跟进", "落实")) if m else False
    if m and _owner_like(m["owner"], d.people, full_names=owns):  # 由车明负责…: a full name too
        start = m.start("owner")
        start = start - 1 if start and d.body[start - 1] in "由请" else start
        known = [n for n in (*d.people.names(), *d.people.departments())
                 if n and m["owner"].startswith(n) and re.match(r"[按在向对把将从给跟和与于]", m["owner"][len(n):])]
        if known:  # 由总务科按政府采购流程挂网: the unit in the room, not the words after it
            name = max(known, key=len)
            return d.take(name, "by", cut(d.body, (start, m.start("owner") + len(name))))
        return d.take(m["owner"], "by", cut(d.body, (start, m.end())))
    m = _SPACE_LEAD.match(d.body)  # 张三 完成样机试装
    if m and _owner_like(m["n"], d.people, full_names=True):
        return d.take(m["n"], "lead", d.body[m.end():])
    m = _ROLE_NAME_LEAD.match(d.body)  # 前台 范丽 下周一前…: a role, a person's name, then the task
    if m:
        return d.take(m["n"], "lead", d.body[m.end():])
    m = _ZH_OWNS.match(d.body)  # 张三负责与客户沟通
    if m and _owner_like(m["owner"], d.people, full_names=True):
        return d.take(m["owner"], "by", d.body[m.end():])
    return False


def _by_trailing(d: _Draft) -> bool:
    if d.due is None:
        dated = find_date(d.body, d.ref)
        before = d.body[: dated[1][0]] if dated else ""
        opened = sum(before.count(c) for c in "(（[【") - sum(before.count(c) for c in ")）]】")
        if dated and not opened and not d.body[dated[1][1]:].strip(" .。;；,，"):
            # "… → Tom, 12/10": the date at the very end first, so the owner before it shows
            d.due, d.body = dated[0], clean(d.body[: dated[1][0]])
    m = _ZH_TRAIL.search(d.body)  # …（陈明，12/15） / …——质检部
    if m:
        inner = m["p"] or m["d"]
        dated = find_date(inner, d.ref)
        if dated and d.due is None:
            d.due = dated[0]
            inner = clean(cut(inner, dated[1]))
        if inner and _owner_like(inner, d.people, full_names=True):
            return d.take(inner, "trail", d.body[: m.start()])
        if dated and not inner:
            d.body = d.body[: m.start()]
    return False


def _by_zh_lead(d: _Draft) -> bool:
    m = re.match(r"^(?P<owner>[^:：\s]{1,12})\s*[:：]\s*(?P<what>.+)$", d.body)  # 周明：跟客户确认…
    if m and _owner_like(m["owner"], d.people, full_names=True):
        return d.take(m["owner"], "colon", m["what"])
    if not CJK.match(d.body):
        return False
    lead = d.people.zh_lead()
    m = lead.match(d.body)  # 采购部李经理周五前联系…
    if not m or not m["owner"]:
        return False
    owners, rest = [m["owner"]], d.body[m.end():]
    paren = re.match(r"^\s*[（(]\s*(?P<n>[^()（）]{1,8}?)\s*[)）]", rest)
    if paren and _owner_like(paren["n"], d.people, full_names=True):
        owners, rest = [f"{owners[0]}（{paren['n']}）"], rest[paren.end():]  # 采购部（李经理）…: the person
    boss = re.match(r"^(?:要求|安排|责成|指定|让|叫)\s*", rest)
    if boss and (m2 := lead.match(rest[boss.end():])) and m2["owner"]:
        owners, rest = [m2["owner"]], rest[boss.end():][m2.end():]  # 王总要求张工…: 张工's task
    while (co := re.match(r"^\s*(?:、|和|与|及|以及|，|,)\s*", rest)) and (m2 := lead.match(rest[co.end():])) and m2["owner"]:
        owners.append(m2["owner"])  # 张工、李经理下周一前… / 技术部和品控部…: the first named leads
        rest = rest[co.end():][m2.end():]
    if rest and re.match(r"^(?:的|们|说|认为|表示|提出|反映|提到|和|与|、)", rest):
        return False
    how = "by" if _ZH_LEAD_VERB.match(rest) else "lead"
    return d.take("、".join(owners), how, _ZH_LEAD_VERB.sub("", rest, count=1))


def _by_name_at_end(d: _Draft) -> bool:
    m = _SPACE_TRAIL.search(d.body)  # 更新报价单 王经理
    if m and (d.people.knows(m["n"]) or re.fullmatch(ZH_PERSON, m["n"])) and CJK.search(d.body[: m.start()]):
        return d.take(m["n"], "trail", d.body[: m.start()])
    m = _EN_TRAIL.search(d.body)  # Update the wiki page (Lisa) / … - Lisa
    if m and looks_like_name(m["p"] or m["d"], d.people):
        return d.take(m["p"] or m["d"], "trail", d.body[: m.start()])
    return False


def _by_known_name(d: _Draft) -> bool:
    m = _EN_VERB_S.match(d.body)  # Hannah reviews the contract
    if m and d.people.knows(m["owner"]) and m["v"].lower() not in _NOT_VERBS:
        return d.take(m["owner"], "en3", d.body[m.start("v"):])
    m = _EN_KNOWN_LEAD.match(d.body)  # Marco and Aisha pair on …
    if m and all(d.people.knows(p) for p in re.split(r"\s*(?:,|/|&|\band\b)\s*", m["owner"]) if p):
        return d.take(m["owner"], "en3", d.body[m.end():])
    return False


_NOT_DOING = re.compile(r"^(?:配合|协助|参与|说|提出|提到|反映|认为|觉得|建议|表示|汇报|介绍|担心|问|也)")


def _by_name_after_topic(d: _Draft) -> bool:
    """``入组慢的三个中心，吕建国本周五前逐个电话沟通``: what the item is about first, then the
    one in the room who does it, at the head of a later clause (not one who only helps or
    speaks: ``…，温馨配合``)."""
    if not CJK.search(d.body):
        return False
    clauses = re.split(r"(?<=[，,])", d.body)
    for i in range(1, len(clauses)):
        clause = clauses[i].lstrip()
        name = next((n for n in d.people.names() if len(n) >= 2 and CJK.search(n) and clause.startswith(n)), None)
        if name and not _NOT_DOING.match(clause[len(name):]):
            return d.take(name, "lead", "".join(clauses[:i]) + clause[len(name):] + "".join(clauses[i + 1:]))
    return False


_DASH_OWNER = re.compile(r"^(?P<t>[^—–]{2,40}?)\s*(?:——|—|–|--)\s*(?P<o>[^\s，,、—–-]{2,8})\s+(?P<rest>\S.*)$")


def _by_dash_owner(d: _Draft) -> bool:
    """``华南仓库位调整——物流部 明天起开始准备``: the task, a dash, its owner, then how."""
    if not CJK.search(d.body):
        return False
    m = _DASH_OWNER.match(d.body)
    if not m or not _owner_like(m["o"], d.people, full_names=True):
        return False
    if d.due is None and (dated := find_date(m["rest"], d.ref)) is not None:
        d.due = dated[0]  # …明天起开始准备，下周五前完成: the deadline, not the start
    return d.take(m["o"], "trail", m["t"])


_LEAD_DASH_OWNER = re.compile(r"^(?P<o>[^\s，,、—–:：-]{2,6}|[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\s*(?:——|—|–|--|-)\s+(?P<t>\S.*)$")


def _by_lead_dash_owner(d: _Draft) -> bool:
    """``安琪 — 和东京工作室确认报价`` / ``Anna – send the deck``: the owner, a dash, the task."""
    m = _LEAD_DASH_OWNER.match(d.body)
    if not m or not (d.people.knows(m["o"]) or _owner_like(m["o"], d.people, full_names=True)):
        return False
    return d.take(m["o"], "label", m["t"])


_NAME_THEN_DATE = re.compile(
    rf"^(?:店长|组长|主管|班长|队长|主任|科长|经理|老师|师傅|专员|会计|出纳|设计师|工程师)?"
    rf"(?P<owner>[小老阿][{SURNAMES}]|[{SURNAMES}][\u4e00-\u9fff]{{1,2}}?)(?=\S)"
)


def _by_name_then_date(d: _Draft) -> bool:
    """``李娜周五前出详细排期`` / ``店长小何本周五前排好新班表``: a name, at once a deadline,
    then what to do; the one shape in which an unlisted full name is surely the owner."""
    if d.due is not None:
        return False
    m = _NAME_THEN_DATE.match(d.body)
    if not m:
        return False
    rest = d.body[m.end():]
    dated = find_date(rest, d.ref)
    if dated is None or dated[1][0] != 0 or not (
        re.search(r"(?:前|内)$", rest[: dated[1][1]]) or re.match(r"(?:之?前|以前|内|之内)", rest[dated[1][1]:])
    ):
        return False
    return d.take(m["owner"], "by", rest)


_UNIT = (
    r"(?:各[\u4e00-\u9fff]{0,4}?(?:班组|组|部门|科室|班|单位|车间|项目部|网点|门店|片区|校区|分公司|部|处|科|室|区|店|队|教研组)"
    r"|(?!(?:全|内|外|局|干|细|大|底|头|顶|东|西|南|北|中|上|下|每|本|总公司)[部处科室])"
    r"(?![这那每本该此一两几])[\u4e00-\u9fff]{1,5}?(?:部|处|科|室|中心|车间|办公室|项目部|小组|工作组|组|办|站|所|分公司|公司|队|(?<![持控入参炒配散个])股))"
)
_UNIT_LEAD = re.compile(rf"^(?P<owner>{_UNIT})(?P<how>负责|牵头|主导|于|在)?")
_UNIT_VERB = re.compile(
    r"(?:要|需|应|将)?(?:每[天日周月]\S{0,2}?)?(?:上报|报送|配合|完成|提交|组织|联系|制定|编制|开展|落实|做好|排查|核查|整理|准备|出具|跟进"
    r"|协调|对接|起草|修订|梳理|统计|汇总|通知|安排|督促|检查|更换|采购|申请|办理)"
)


def _by_unit_lead(d: _Draft) -> bool:
    """``医务室负责联系区疾控中心`` / ``财务部于下周三前核算…`` / ``各组周日前把复习计划交…``: a
    unit of the organisation (any name ending in 部 / 室 / 中心 / 车间…, or 各X) that leads the
    item and is given the work by 负责 / 牵头, or at once a deadline; each X owns it when a
    date is written anywhere in the item."""
    m = _UNIT_LEAD.match(d.body)
    if not m:
        # 12月15日前各店把自查表交给我: the deadline first, then each unit it is for
        dated = find_date(d.body, d.ref)
        if dated is None or dated[1][0] != 0:
            return False
        after = re.match(r"^(?:之前|以前|前)?[，,]?\s*(?P<u>各[\u4e00-\u9fff]{0,4}?(?:班组|组|部门|科室|班|单位|车间|项目部|网点|门店|片区|校区|分公司|部|处|科|室|区|店|队))(?=把|将|要|都|各自|负责|在|于)",
                         d.body[dated[1][1]:])
        if after is None:
            return False
        d.due = d.due or dated[0]
        return d.take(after["u"], "by", d.body[dated[1][1] + after.end():])
    rest = d.body[m.end():]
    if m["how"] in ("负责", "牵头", "主导"):
        return d.take(m["owner"], "by", rest)
    if not m["how"] and _UNIT_VERB.match(rest):
        return d.take(m["owner"], "unit", rest)  # 信息中心配合开发自动报表 / 调度中心每周一上报…
    dated = find_date(rest, d.ref)
    if dated is None:
        # 12月15日前各店把自查表交给我: the deadline stood before each unit it is for
        return m["owner"].startswith("各") and d.due is not None and re.match(r"把|将|都|各自", rest) is not None \
            and d.take(m["owner"], "by", rest)
    at_once = dated[1][0] == 0 and (re.search(r"(?:前|内)$", rest[: dated[1][1]]) or re.match(r"(?:之?前|以前|内)", rest[dated[1][1]:]))
    if at_once or (m["owner"].startswith("各") and not m["how"]):
        # 各片区的破损率这周五前报给我: the owner is also what the item is about
        return d.take(m["owner"], "by", rest[1:] if rest.startswith("的") else rest)
    return False


def _by_writer(d: _Draft) -> bool:
    """``我这边下周三前把车次重新排一下`` on a page whose attendee line says who 我 is
    (庞宇（我）): the writer's own task."""
    m = re.match(r"^(?:我|本人)(?:这边|这里)?(?:来|会|负责)?\s*(?=[\u4e00-\u9fff\d])", d.body)
    return bool(m and d.people.writer) and d.take(str(d.people.writer), "lead", d.body[m.end():])  # type: ignore[union-attr]


_OWNER_FINDERS = (_by_mention, _by_english_lead, _by_writer, _by_zh_assignment, _by_trailing, _by_lead_dash_owner, _by_unit_lead,
                  _by_zh_lead, _by_dash_owner, _by_name_at_end, _by_name_then_date)
"""Where an item names its owner, most explicit first; the first that finds one wins."""


def _person_of_the_unit(d: _Draft) -> None:
    """``施工单位江海涛组织人员…``: a unit read as the owner, then someone of the room named at
    once: that person is who was given the work (the unit says where they sit)."""
    if not d.owner or d.how == "label" or not d.people.is_department(d.owner):
        return
    named = next((n for n in sorted(d.people.names(), key=len, reverse=True)
                  if len(n) >= 2 and not d.people.is_department(n) and d.body.startswith(n)), None)
    if named:
        d.owner, d.body = named, clean(d.body[len(named):])


def parse_action(body: str, people: People, ref: date | None, *, group_owner: str | None = None) -> Parsed | None:
    """The parts of an action written in ``body`` (one item's words, bullets removed): the
    labelled fields first (责任人：, Owner:, a task label's bracket), then the owner where
    people write it (:data:`_OWNER_FINDERS`), then the date left in the words."""
    body = clean(re.sub(r"^(?:会后|散会后|会议结束后)\s*[，,]?\s*", "", clean(nfkc(body))))
    aspect = re.match(r"^[\u4e00-\u9fff]{1,8}方面\s*[，,]\s*(?P<r>.{4,})$", body)
    if aspect and (inner := parse_action(aspect["r"], people, ref, group_owner=group_owner)) and inner.owner:
        return inner  # 仓储方面，司徒海要在…: the area is the topic, the one named next does it
    body = re.sub(r"^(?:最后|另外|再)?(?:提醒|强调|重申)(?:一下|一句|大家)?\s*[，,：:]\s*(?=\S{4,})", "", body)  # 最后提醒一下，…: the ask follows
    # 会议要求农田建设股牵头… / 责成办公室…: the meeting hands the work to whoever it names next
    body = re.sub(r"^(?:(?:会议|会上|本次会议)(?:要求|责成|指定|委托)|责成)\s*(?=[\u4e00-\u9fffA-Za-z])", "", body)
    body = re.sub(r"\s+(?:->|=>|→|⇒)\s+", " – ", body)  # Petra -> send the letter -> Thu
    # 十号之前…不对，是二十号之前确认…: the writer corrected themselves; the correction holds
    body = re.sub(r"[^，,。；;\s]{1,12}?(?:…+|\.{3})?\s*(?:不对|说错了|哦不)[，,]\s*(?:应该)?是?", "", body)
    body = re.sub(rf"^\[\s*({EN_OWNERS})\s*\]\s*[:\-–—]?\s*(?=[A-Za-z])", r"\1: ", body)  # [Pete] Fix the bug
    # Maria asked Tom to send the quote: Tom's task
    body = re.sub(rf"^{EN_NAME}\s+(?:asked|told|requested|instructed|reminded)\s+({EN_NAME})\s+to\s+", r"\1 to ", body)
    # Rahul said he'd thaw it tomorrow: Rahul's task
    body = re.sub(rf"^({EN_NAME})\s+(?:said|says|confirmed|promised|agreed)\s+(?:that\s+)?(?:he|she|they)(?:'d|’d|'ll|’ll|\s+would|\s+will)\s+",
                  r"\1 will ", body)
    # The committee asked Omar to get quotes / Omar was asked to …: Omar's task
    body = re.sub(
        rf"^(?:the\s+)?(?:committee|board|team|group|meeting|chair|council|panel|we)\s+(?:asked|requested|instructed|tasked|invited)"
        rf"\s+({EN_NAME})\s+(?:to|with)\s+", r"\1 to ", body, flags=re.I)
    body = re.sub(rf"^({EN_OWNERS})\s+(?:was|were)\s+(?:asked|requested|instructed|tasked)\s+(?:to|with)\s+", r"\1 to ", body)
    m = TASK_LABEL.match(body)
    label_owner = None
    if m:
        body, label_owner = clean(m["rest"]), m["owner"]
    body, owner, due, _ = _fields(body, ref)
    body = clean(body)
    m = TASK_LABEL.match(body)
    if m:  # 责任人：张三｜事项：… : the task label after the fields
        body, label_owner = clean(m["rest"]), label_owner or m["owner"]
    body, cell_owner, cell_due = _cells(body, people, ref)
    d = _Draft(body, people, ref, owner or cell_owner or label_owner, due or cell_due)
    d.how = "label" if d.owner else ""
    if d.owner is None:
        any(find(d) for find in _OWNER_FINDERS)
    _person_of_the_unit(d)
    if d.due is None:
        dated = find_date(d.body, ref)
        if dated:
            d.due, d.body = dated[0], cut(d.body, dated[1])
    if d.owner is None:
        _by_known_name(d) or _by_name_after_topic(d)
    if d.owner is None and group_owner:
        d.owner, d.how = group_owner, "group"
    text = _task_text(d.body)
    if not text or _NOTHING.match(text) or _ACK.match(text) or VAGUE.search(text) or DONE.search(text):
        return None
    explicit = d.how in ("label", "mention", "en", "en-colon", "by", "unit", "trail", "colon") or (
        d.how == "lead" and names_someone_known(d.owner or "", people)
    )
    return Parsed(text=text, owner=d.owner, due=d.due, explicit=explicit, how=d.how)


def _task_text(body: str) -> str:
    """What is left once owner and date are cut out, without the words that joined them
    (由, 负责, 前完成) and without the chat's politeness (谢谢, 能…吗？)."""
    body = re.sub(r"^(?:这边|那边)(?=[会将要来去在于把])", "", clean(body))  # 谭志远这边会…: the owner's side
    text = clean(re.sub(r"^(?:负责|由|请|需要|需|要|将|会(?![同签商员议场展计所务客谈]))\s*|^to\s+(?=[a-z])", "", clean(body)))
    text = re.sub(r"^(?:之前|以前|前)\s*[，,]?\s*", "", text)
    text = re.sub(r"\s*[，,]\s*(?:完成|前完成|之前完成)$", "", text)
    text = clean(_POLITE_TAIL.sub("", text))
    text = clean(re.sub(r"[,;\s]*(?:aiming|targeting|aim|target)(?:\s+(?:for|at))?$", "", text, flags=re.I))
    text = clean(re.sub(r"\s*[(（\[]\s*(?:agreed|confirmed|已同意|已确认|同意)\s*[)）\]]$", "", text, flags=re.I))
    if re.search(r"吗\s*[?？]$", text):
        text = clean(re.sub(r"吗\s*[?？]$", "", re.sub(r"(?:能否|能不能|可不可以|可以|能)(?=\S)", "", text, count=1)))
    return text


ZH_FULLNAME = rf"[{SURNAMES}][\u4e00-\u9fff]{{1,2}}"
"""A surname and one or two characters: a full name where only a name can stand."""


def names_someone_known(owner: str, people: People) -> bool:
    """采购部孙丽 when 孙丽 is in the room: a leading owner the minutes' writer meant."""
    return people.knows(owner) or any(
        len(n) >= 2 and n in owner for n in [*people.names(), *people.departments()] if CJK.search(n)
    )


def _owner_like(text: str, people: People, *, full_names: bool = False) -> bool:
    """Can ``text`` be who owns an item? ``full_names``: where only a name can stand
    (``周明：…``, ``（周明）``), a surname and one or two characters count too."""
    text = clean(text)
    if not text or len(text) > 30:
        return False
    if full_names and re.fullmatch(rf"(?:{DEPT})?\s*{ZH_FULLNAME}|{DEPT}\s*[(（]\s*{ZH_FULLNAME}\s*[)）]", text):
        return True
    if re.fullmatch(rf"{_UNIT}(?:\s*(?:{ZH_FULLNAME}|[\u4e00-\u9fff]{{2,3}}))?", text):
        return True  # 由教务科杭磊月底前…: a person of a unit the page names
    if people.knows(text) or re.fullmatch(rf"(?:{DEPT})?\s*(?:{ZH_PERSON})?", text) and text:
        return True
    parts = [p for p in re.split(r"\s*(?:、|,|，|/|和|及|与|&|\band\b)\s*", text) if p]
    if parts and all(people.knows(p) or re.fullmatch(rf"{DEPT}|{ZH_PERSON}", p) for p in parts):
        return True
    if not CJK.search(text):
        return looks_like_name(text, people)
    return False


def mention_action(body: str, people: People, ref: date | None) -> Parsed | None:
    """A chat line that asks someone by @mention to do something (``@张工 明天把图纸发一下👍``)."""
    norm = clean(nfkc(body))
    if not _MENTION_LEAD.match(norm):
        return None  # "…; @msmith thinks it is the cache": a name in a sentence, not a request
    norm = _CHAT_SPEAKER.sub("", norm, count=1)  # 张三：@张工 …: who wrote it is not the task
    stripped, found = _mention(norm, people)
    owners = [f for f in found if not _ALL.match(f)]
    if not owners:
        return None
    rest = clean(_REQUEST_LEAD.sub("", stripped))
    if not rest or _ACK.match(rest) or len(rest) < 3 or REPLY.match(rest):
        return None
    if re.search(r"(?:[?？]|呢)\s*$", rest) and not _ASKING.search(stripped):
        return None  # @温倩 闵行那边呢: asked for a view, not given a task
    parsed = parse_action(norm, people, ref)
    if parsed is None or not parsed.owner:
        return None
    parsed.text = clean(parsed.text.rstrip("?？ "))  # "@maria can you send the deck?": a request
    return parsed if parsed.text else None


_DECISION_LEAD = re.compile(
    r"^(?:(?:讨论|商量|研究|商议)下来[，,]\s*"
    r"|(?:经|经过)?(?:会议|大家|双方|各方|与会人员|讨论|研究|协商)?(?:讨论|研究|协商)?[，,]?\s*"
    r"(?:会议|大家|双方|各方|最终|最后)?(?:还是)?(?:一致)?(?:决定|决议|议定|确定|同意|通过|达成(?:一致|共识)[:：，,]?)"
    r"(?:[一二三四五六七八九十\d]{1,2}(?=\s*[:：]))?"
    r"|(?:会议|最终|主要)?(?:结论|共识|决议|决定事项|决定)[一二三四五六七八九十\d]*\s*(?:是|为)?[:：，,]?|讨论结果\s*[:：]"
    r"|(?:已经|已)?(?:定了|定下来了?|敲定|拍板)\s*[:：，,]?"
    r"|(?:会议|会上|大家|与会人员|各方|双方)(?:一致)?明确\s*[:：，,]?|明确\s*[:：]"
    r"|(?:会议|会上|大家|与会人员|各方|双方)(?:一致)?认为\s*[:：，,]?|最终方案\s*(?:[:：]|是|为)|原则上?(?:同意|通过)了?[:：，,]?"
    r"|(?:处理|审议|会议|评审|审查|专家|审批|批复)意见\s*[:：]|(?:表决|投票|评审|审议|讨论|会议)结果\s*(?:[:：]|是|为)"
    r"|[^。：:？?]{0,24}?(?<![待未没不])(?:明确|敲定|确定|议定|商定|拍板|定|达成一致|达成共识)(?:了|下来了?)\s*[:：]"
    r"|[^。，,：:？?]{0,10}?(?<![待未没不要再])(?:拍板|拍了板|说定了|敲定了?|定下来了?)\s*[:：，,]\s*(?:就)?"
    r"|结果\s*[:：]|(?:双方|各方|大家|会议|会上)(?:一致)?(?:确认|约定|商定)\s*[:：，,]?|大家(?:都|最后|一致)?说(?=不\S{1,3}了|先|就|还是|统一)"
    r"|就.{1,20}?达成(?:一致|共识)(?:意见)?\s*[:：，,]?|达成一致意见\s*[:：，,]?)\s*",
)
_DECISION_LEAD_EN = re.compile(
    r"^(?:(?:key\s+|final\s+)?decisions?(?:\s*#?\d{1,2})?\s*[:\-–—]|(?:key\s+|final\s+)?decisions?\s+(?:was\s+|were\s+)?made(?:\s+(?:that|to|on))?\s*[:\-–—]?"
    r"|decided\s*(?:that|to|on)?\s*[:\-–—]?|motion\s+(?:carried|passed|approved)\s*[:\-–—]?|approved\s*[:\-–—]"
    r"|(?:we|it\s+was|(?:the\s+)?(?:steering\s+|parish\s+|project\s+)?(?:team|group|committee|commission|meeting|board|council|panel"
    r"|trustees|directors|members|partners)|everyone|all|both\s+(?:sides|teams|parties)"
    r"|all\s+parties)\s+(?:(?:also|then|finally|unanimously)\s+)?(?:unanimously\s+)?"
    r"(?:decided|agreed|resolved|concluded|voted(?:\s+\d+\s*[-–—]\s*\d+|\s+unanimously)?(?=\s+to\s))"
    r"(?:\s+(?:that|to|on|upon))?\s*[:\-–—]?"
    r"|agreed(?:\s+(?:that|to|on|upon))?\s*[:\-–—]?|agreement\s*[:\-–—]|consensus(?:\s+(?:was|is|reached))?(?:\s+(?:that|to|on))?\s*[:\-–—]?"
    r"|resolved(?:\s+that)?\s*[:\-–—]?|resolution\s*[:\-–—]|conclusions?\s*[:\-–—]|outcomes?\s*[:\-–—]"
    r"|(?:result|verdict|confirmed|sign-?off|final)\s*[:\-–—]|we\s+(?:signed\s+off\s+on|settled\s+on)"
    r"|\[\s*(?:decision|decided|agreed)\s*\]|【\s*(?:决定|决议|结论)\s*】)\s*",
    re.I,
)
_OPENING = re.compile(
    r"^(?:after\s+(?:some\s+|a\s+long\s+|a\s+short\s+|brief\s+|much\s+)?discussion|following\s+(?:the\s+)?discussion"
    r"|in\s+the\s+end|finally|eventually|ultimately|therefore|so|thus|overall|after\s+review"
    r"|最后|最终|讨论后|经过讨论|经讨论|会上|综上|经过协商|经协商|另外|此外|同时|还有|(?:关于|针对|对于|就)[^，,。]{1,24}[，,]"
    r"|(?-i:[A-Z][A-Za-z&/'-]*(?:\s+[A-Za-z&/'-]+){0,3}):(?=\s))[，,]?\s*",
    re.I,
)
"""Words that open the sentence before its decision lead (``After some discussion, we agreed``)."""
_MUST_COLON_ZH = re.compile(
    r"^(?:确定|同意|通过)(?!由|先|将|把|按|采用|改|暂|不再|为|于|从|自|继续|维持|增|追加|延长|取消|对|向|在)[^:：]"
)
"""同意他的看法 / 确定一下 open no decision; 同意追加预算 / 确定先上天猫 do."""
_VERDICT_ZH = re.compile(
    r"[，,]\s*(?:会议|会上|大家|与会人员)?(?:一致)?(?:不予|予以|准予)(?:采纳|通过|批准|考虑|支持|立项|受理)[。.!！]?$"
    r"|(?:被|予以|遭)否决|获(?:得)?(?:全票|一致)?通过|(?:未|没有|没)(?:获)?通过[。.]?$"
)
"""``关于增设充电桩的提议，不予采纳`` / ``扩建方案获一致通过``: the verdict closes the sentence, which is the decision."""
_DELIBERATED = re.compile(
    r"^(?:经(?:过)?(?:会议|大家|各方|双方)?(?:认真)?(?:讨论|研究|协商|商议|商量|沟通|评估|论证|审议)(?:后)?"
    r"|(?:讨论|研究|协商|商议|商量|沟通)(?:后|之后|下来))(?:[，,]\s*|(?=由|按|改|暂|先|统一|继续|维持))"
)
_NOT_SETTLING = re.compile(r"[？?]|建议|觉得|希望|担心|认为(?!.{0,4}(?:应|要|暂|不))|提出|分歧|意见不一|没有结论|未达成|仍需|还需讨论")


def _said_decided(norm: str) -> str | None:
    """What follows a lead that says the point was decided (决定 / 议定 / 确定…), or None."""
    opening = _OPENING.match(norm)
    base = norm[opening.end():] if opening and _DECISION_LEAD.match(norm[opening.end():]) else norm
    m = _DECISION_LEAD.match(base)
    if not m or not re.search(r"决|议定|确定|定了|定下|敲定|拍板|同意", m.group(0)):
        return None
    return base[m.end():]


def _deliberated(norm: str) -> str | None:
    """``经研究，春节值班由各部门轮流负责``: after the meeting weighed a point, a sentence that
    settles it (by 由 / 按 / 改 / 暂不 … : :data:`_DIRECTIVE`) is what it decided; one that
    reports a view, a wish or a disagreement is not."""
    m = _DELIBERATED.match(norm)
    if not m:
        return None
    rest = clean(norm[m.end():])
    if _DECISION_LEAD.match(rest) or len(rest) < 4 or _NOT_SETTLING.search(rest) or not _DIRECTIVE.search(rest):
        return None
    return rest


_RULE_FROM_NOW = re.compile(
    r"^(?:以后|今后|从今以后|即日起|自即日起)[，,]?[^。；;]{0,30}?(?:一律|不再|统一|必须|不得|改为|改由|只能)"
)
"""``以后种植手术一律通过预约系统登记``: a rule the meeting sets from now on, said without a lead."""
_AGREED_AFTER = re.compile(
    r"[，,]\s*(?:这个|这一点|这点|对此)?(?:大家|与会人员|各方|双方|全体)(?:的)?(?:意见)?(?:都|比较|很|基本|完全)?"
    r"(?:一致|同意|赞成|没有异议|无异议)[。.!！]?$"
)
AGREED_THEN = re.compile(
    r"[，,]\s*(?:这个|这一点|这点|对此)?(?:大家|与会人员|各方|双方|全体)(?:的)?(?:意见)?(?:都|比较|很|基本|完全)?"
    r"(?:一致|同意|赞成|没有异议|无异议)(?:同意|通过)?[，,]\s*(?=\S)"
)
"""``包装箱改成五斤装，这个大家一致同意，刘春花负责找纸箱厂打样``: the agreement, then a task."""
_DECISION_WHOLE = re.compile(
    r"^(?:the\s+)?(?:board|committee|steering\s+committee|council|members|meeting|client|customer|sponsor|group|panel)\s+"
    r"(?:unanimously\s+)?(?:approved|endorsed|adopted|accepted|ratified|declined|rejected|turned\s+down|deferred|voted\s+down"
    r"|signed\s+off\s+on)\s"
    r"|^(?:we(?:'ll|\s+will)?\s+|we\s+are\s+)?(?:go(?:ing)?\s+(?:ahead\s+)?with|chose|selected)\s"
    r"|^[^.;:]{3,80}?\s(?:was|were|is|has\s+been)\s+(?:(?:formally|unanimously)\s+)?(?:approved|agreed|signed\s+off|decided"
    r"|rejected|declined|turned\s+down|not\s+approved|voted\s+down|deferred|withdrawn|postponed|parked|shelved)"
    r"(?:\s+(?:by\s+(?:all|everyone|the\s+\w+)|unanimously))?(?:\s*[.!]?$|\s*[;,–—-]\s*\S|\s+(?:to|until|till|pending|in\s+favou?r)\s)"
    r"|^the\s+[a-z][^.;:,]{2,60}?\s(?:stays|remains|will\s+(?:stay|remain))\s+(?:as\s+is|unchanged|at|on|the\s+same|\d)"
    r"|^(?:a\s+|the\s+)?proposal\s+(?:to|that)\s[^.;]{3,120}?\s[–—-]+\s*(?:was\s+)?(?:rejected|declined|approved|accepted|deferred"
    r"|turned\s+down|not\s+approved)\b",
    re.I,
)
"""``The Board approved the 2027 budget``: the sentence is the decision, verb and all."""


_DECISION_HINT = re.compile(
    r"决|结论|共识|议|确定|同意|通过|定|拍板|明确|认为|讨论|研究|协商|商量|沟通|采纳|大家|讨论结果|最终方案|意见|结果|确认|达成|下来|以后|今后|即日起|decision|decided|agree|consensus"
    r"|resolv|resolution|conclu|outcome|voted|commission|motion|proposal|approved|reject|declined|turned down|deferred|voted down|withdrawn|postponed|parked|shelved|stays|remains|board|committee|council|members|meeting|result|verdict|confirmed"
    r"|sign|final|settled|go(?:ing)?\s+(?:ahead\s+)?with|chose|selected|went\s+with|\[|【",
    re.I,
)
_QUESTION_HINT = re.compile(r"遗留|待|疑问|未决|开放|悬而|open|unresolved|parking|tbd|outstanding|not|to be", re.I)


_MOVER = r"(?-i:[A-Z][\w'’.-]+)(?:\s+(?-i:[A-Z][\w'’-]+)){0,2}"
"""Who moved or seconded a motion, as minutes name them (``Koenig``, ``Director Farah``)."""
MOTION = re.compile(
    r"(?:^|(?<=[.;:,]\s))(?:(?:a\s+|the\s+)?motion\s+(?:to|that)|(?-i:[A-Z][\w'’-]+)(?:\s+(?-i:[A-Z][\w'’-]+))?\s+moved\s+(?:to|that)"
    rf"|(?:(?:a\s+|the\s+)?motion\s+(?:by|from)|moved\s+by)\s+{_MOVER}(?:\s*,?\s*(?:and\s+)?seconded\s+by\s+{_MOVER})?\s*,?\s+(?:to|that))"
    r"\s+(?P<m>[^.;()–—]+?)\s*(?:\([^()]*\)\s*)?(?:[:,;]\s*(?:proposed|moved|seconded)[^.]*)?(?:[.;]\s*|\s*[–—-]+\s*)"
    r"(?:(?:the\s+)?motion\s+(?:was\s+)?)?(?:carried|passed|approved|adopted)(?:\s+unanimously|\s+\d+\s*[–—-]\s*\d+)?[.!]?",
    re.I,
)
"""A motion and, after it, that it carried: the motion is what was decided. Boards write
the motion first (``Motion to …, seconded by …``), its mover first (``Hannah moved to …``)
or both names before it (``Motion by Koenig, seconded by Farah, to …``, ``Moved by …``)."""



def decision_text(body: str, *, lead_required: bool) -> str | None:
    """A decision's text: ``body`` without its lead (会议决定，… / Decision made that …).
    With ``lead_required`` (prose outside a decisions list) a line without such a lead is
    not a decision."""
    if (motion := MOTION.search(body)) is not None:
        return clean(motion["m"])  # Motion by Koenig, seconded by Farah, to approve … Carried 4–0
    if lead_required and not _DECISION_HINT.search(body[:140]):
        return None  # most lines of prose: no lead word at all, so no need to read further
    norm = clean(nfkc(body))
    # under a decisions heading or in a 结论 column the first clause is what was settled; a
    # later "观察两周再定是否继续加" is the review it comes with, not the point left open
    judged = norm if lead_required else re.split(r"[，,；;。]", norm, maxsplit=1)[0]
    if lead_required and (said := _said_decided(norm)) is not None:
        # 决定暂缓更换电梯，明年再议: the lead says it was decided; the review after it leaves
        # nothing open, as under a decisions heading (会议决定：…视情况决定 stays open)
        judged = re.split(r"[，,；;。]", said, maxsplit=1)[0]
    if _NOT_DECIDED.search(judged):
        return None  # …由行政视情况决定 / Minutes of the previous meeting were approved
    whole = _said_whole(norm, lead_required=lead_required)
    if whole is not None:
        return whole or None
    return _after_lead(norm, lead_required=lead_required)


def _said_whole(norm: str, *, lead_required: bool) -> str | None:
    """Decisions said without a lead in front: the sentence with its verdict (``The Board
    approved …``, ``…不予采纳``), a settled sentence after the meeting weighed it (经研究，…),
    a rule from now on, or the room's agreement said after what it agreed on. None: no such
    form; "": such a form, but no decision."""
    if _DECISION_WHOLE.match(norm) or (_VERDICT_ZH.search(norm) and len(norm) <= 60):
        return norm
    opening = _OPENING.match(norm)
    if opening and _DECISION_WHOLE.match(norm[opening.end():]):
        return clean(norm[opening.end():])  # After a long discussion the proposal was deferred to …
    if lead_required and (settled := _deliberated(norm)) is not None:
        return settled
    if _RULE_FROM_NOW.match(norm) and not re.search(r"[？?]|建议|提出|觉得|希望|是否|要不要", norm):
        return clean(re.sub(r"^(?:以后|今后|从今以后|即日起)[，,]?", "", norm))  # 以后种植手术一律…，前台不再…: a rule set from now on
    agreed_after = _AGREED_AFTER.search(norm)
    if agreed_after and not _OPENING.match(norm) and not (_DECISION_LEAD.match(norm) or _DECISION_LEAD_EN.match(norm)):
        # "周日继续休诊，这个大家意见比较一致": the room's agreement said after what it agreed on
        text = clean(norm[: agreed_after.start()])
        return text if len(text) >= 4 and not re.search(r"[？?]|建议|提出|觉得|希望", text) else ""
    return None


def _after_lead(norm: str, *, lead_required: bool) -> str | None:
    """What a decision's lead (会议决定，… / 最后，大家同意… / Agreed: …) introduces."""
    opening = _OPENING.match(norm)
    if opening and not (_DECISION_LEAD_EN.match(norm) or _DECISION_LEAD.match(norm)):
        rest = norm[opening.end():]
        if _DECISION_LEAD_EN.match(rest) or _DECISION_LEAD.match(rest):
            norm = rest  # "After some discussion, the team agreed …" / 最后，大家同意…
    topic = "" if (_DECISION_LEAD_EN.match(norm) or _DECISION_LEAD.match(norm)) else _topic_before_lead(norm)
    if topic:
        norm = norm[len(topic):]  # 质量问题双方约定按国标验收: the topic, then who settled it
    m = _DECISION_LEAD_EN.match(norm) or _DECISION_LEAD.match(norm)
    bare_verb = bool(m) and re.fullmatch(r"(?:一致)?(?:同意|通过|确定)[，,]?\s*", m.group(0) if m else "")
    if m and bare_verb and re.match(r"\s*[:：]", norm[m.end():]):
        m, bare_verb = re.match(rf"{re.escape(m.group(0))}\s*[:：]\s*", norm), False  # 一致通过：… is a label
    if m and bare_verb and not lead_required:
        m = None
    if m and m.end() > 0 and m.group(0).strip():
        if lead_required and _MUST_COLON_ZH.match(norm):
            return None  # 确定一下… / 同意他的看法: not a decision without 会议 or a colon
        # 同意追加预算 / 确定先上天猫: a bare verb is part of what was decided, not a lead
        text = clean(norm[m.end():])
        text = clean(norm) if bare_verb and len(text) >= 2 else text
    elif lead_required:
        return None
    else:
        text = norm
    if not text or _NOTHING.match(text) or len(text) < 2:
        return None
    if m and "认为" in m.group(0) and not _DIRECTIVE.search(text):
        return None  # 大家一致认为成本不高: a view the room shares, not what it decided
    if m and _VIEW_EN.match(text):
        return None  # "The team agreed the Q4 results were encouraging": a view, not a decision
    if topic and not CJK.search(topic):
        return f"{topic.strip().rstrip(':').strip()}: {text}"
    return f"{topic}：{text}" if topic else text


_TOPIC_LEAD = re.compile(
    r"^(?P<t>[\u4e00-\u9fffA-Za-z0-9]{2,8}?)(?=(?:双方|各方|大家|会议|会上|与会人员)(?:一致)?(?:约定|确认|商定|决定|同意|明确|议定))"
)


_TOPIC_LEAD_EN = re.compile(
    r"^(?P<t>[^.:;]{3,80}?:\s+)(?=(?:the\s+)?(?:council|committee|board|meeting|members|trustees|directors)\s+"
    r"(?:unanimously\s+)?(?:resolved|agreed|decided)\b)",
    re.I,
)


def _topic_before_lead(norm: str) -> str:
    """``质量问题`` in ``质量问题双方约定按国标验收``: a short topic written before who decided;
    ``Application 26/0871 (…): the council resolved to make no objection``: what it was about."""
    en = _TOPIC_LEAD_EN.match(norm)
    if en:
        return en["t"]
    m = _TOPIC_LEAD.match(norm)
    return m["t"] if m and _DECISION_LEAD.match(norm[m.end():]) else ""


_NOT_DECIDED = re.compile(
    r"视情况(?:而定|决定|再定)?|另行(?:决定|通知|安排)|nothing\s+(?:was\s+|has\s+been\s+)?(?:settled|decided|agreed)|discussion\s+only|no\s+decision\s+(?:was\s+)?(?:made|taken|reached)|再(?:定|决定|商量|议)|待定|意见不(?:统一|一致)|(?:存在|有)分歧|"
    r"(?:come|get)\s+back\s+to\s+(?:it|this|that)|(?:did\s*n[o']t|could\s*n[o']t|did\s+not|could\s+not)\s+reach\s+(?:a\s+)?(?:conclusion|decision|agreement)"
    r"|no\s+conclusion|(?:was|were)\s+tabled|no\s+answer\s+yet|left\s+(?:it|this|that)\s+(?:open|for\s+now|there)|"
    r"^(?:the\s+)?minutes\s+of\s+(?:the\s+)?(?:previous|last)\s+meeting|^(?:the\s+)?minutes\s+of\s+(?:the\s+)?meeting\s+(?:of|on|held)\b|上次会议纪要(?:无异议|通过|确认)",
    re.I,
)


def shared_view(body: str) -> bool:
    """``The team agreed the Q4 results were encouraging`` / ``大家一致认为成本不高``: a view
    the room shares, said with a decision's words; neither a decision nor a task."""
    norm = clean(nfkc(body))
    opening = _OPENING.match(norm)
    if opening and not (_DECISION_LEAD_EN.match(norm) or _DECISION_LEAD.match(norm)):
        norm = norm[opening.end():]
    m = _DECISION_LEAD_EN.match(norm) or _DECISION_LEAD.match(norm)
    if not m or not m.group(0).strip():
        return False
    rest = clean(norm[m.end():])
    return bool(("认为" in m.group(0) and not _DIRECTIVE.search(rest)) or _VIEW_EN.match(rest))


_VIEW_EN = re.compile(
    r"^(?:that\s+)?[^,;]{1,60}?\s(?:was|were|is|are|had\s+been|has\s+been|looked|looks|seemed|seems)\s+"
    r"(?:very\s+|quite\s+|really\s+|broadly\s+|generally\s+)?(?:good|encouraging|positive|great|fine|ok|okay|helpful"
    r"|useful|disappointing|bad|strong|weak|impressive|solid|promising|excellent|poor|reasonable|fair|on\s+track)\b",
    re.I,
)
_DIRECTIVE = re.compile(
    r"应|按|执行|采用|改|由|先|不再|继续|需|必须|统一|维持|暂缓|暂不|不开展|取消|可以|同意|放在|定为|以.{1,10}为准|为主|不安排|不做|无需|不需要|一律|只做"
)
_CLAUSE_LEAD = re.compile(
    r"[，,]\s*(?=(?:会上|会议|大家|双方|各方|最终|最后)(?:还是)?(?:一致)?(?:明确|决定|确定|同意|议定|认为)|经(?:过)?(?:讨论|研究|协商)|一致(?:同意|决定)"
    r"|(?:会议|最终|最后)?结论(?:是|为)|[^，,。]{0,8}?(?:最后|最终)(?:说)?定了|大家(?:都|最后|一致)?说(?=不\S{1,3}了|先|就|还是|统一))"
)


_KEPT_COURSE = re.compile(
    r"[，,]\s*(?:我们|我方|会议|会上|公司|大家|领导)?(?:没有|没|未|不)(?:同意|接受|采纳|答应)[^，,。]{0,12}?[，,]\s*"
    r"(?:仍|还是|维持|继续|照|按)"
)


def clause_decision(body: str) -> str | None:
    """``客户反馈阀门渗漏，会上明确先派工程师现场排查``: a decision in the sentence's last clause;
    ``关于包装，对方希望改用简易包装，我们没有同意，仍按原方案``: a proposal turned down and the
    course kept, the whole sentence (what was proposed is half of what was decided)."""
    if _KEPT_COURSE.search(body) and not re.search(r"[？?]", body):
        return clean(nfkc(body)).rstrip("。.")
    m = _CLAUSE_LEAD.search(body)
    text = decision_text(body[m.end():], lead_required=True) if m else None
    topic = re.match(r"^(?:关于|对于|针对|就)(?:是否)?(?:为)?(?P<t>[^，,。]{2,20}?)(?:的(?:事|问题|提议|建议|方案))?[，,]", body) or \
        re.match(r"^(?P<t>[^，,。]{2,8}?)的事(?:情)?", body)
    if text and topic and topic["t"] not in text:
        text = f"{topic['t']}：{text}"  # 关于是否为二楼加装新风系统，…会议同意暂缓: what was put off
    return text


_QUESTION_LEAD = re.compile(
    r"^(?:遗留问题|遗留事项|疑问|待澄清|待定事项|待定|待确认事项|待确认|待解决问题|未决问题|开放问题|悬而未决(?:的问题)?"
    r"|open\s+(?:questions?|issues?|items?)|still\s+open|unresolved|parking\s+lot|tbd|outstanding\s+questions?"
    r"|not\s+(?:yet\s+)?decided|to\s+be\s+decided)\s*[:：\-–—]\s*",
    re.I,
)


def question_text(body: str, *, lead_required: bool) -> str | None:
    """An open question's text: ``body`` without its lead (遗留问题：…, Open question: …);
    with ``lead_required`` a line without such a lead is none."""
    if lead_required and not _QUESTION_HINT.search(body[:30]):
        return None
    norm = clean(nfkc(body))
    m = _QUESTION_LEAD.match(norm)
    if m:
        text = clean(norm[m.end():])
    elif lead_required:
        return None
    else:
        text = norm
    if not text or _NOTHING.match(text):
        return None
    return text
