"""Chat pastes (WeChat, DingTalk, Slack, mail threads): minutes written as messages.

A chat is read as a conversation of writers: a sender line (``Sam Reid  10:05 AM``) or a
``From:`` line says whose message the lines below are, so ``我来…`` is the writer's own, a
later message of a task's owner with a date dates that task, ``张工：好的，明早发`` answers
the @mention above it, and ``翟工：结论同步一下👇`` announces a list of points. These rules
only make sense for messages, which is why they live apart from the page reader.
"""

from __future__ import annotations

import re
from datetime import date

from facilitator.extract.minutes_fields import (
    CJK,
    SURNAMES,
    ZH_PERSON,
    People,
    clean,
    cut,
    find_date,
    nfkc,
)
from facilitator.extract.minutes_items import (
    REPLY,
    VAGUE,
    Parsed,
    mention_action,
    parse_action,
)
from facilitator.extract.minutes_layout import (
    ITEM_SECTIONS,
    Line,
    heading_of,
)
from facilitator.extract.minutes_points import plain_point
from facilitator.extract.minutes_sections import section_item
from facilitator.extract.minutes_state import State, add_action, add_item, join_line


def answers_a_request(state: State, line: Line, people: People, ref: date | None) -> bool:
    """张工：好的，明早发 — the person an @mention asked a few lines above says yes, maybe with
    their own date: the answer joins the request (its date wins), it is no new task. In a chat
    export the writer is the sender above the line."""
    writer = line.person or line.author
    if not REPLY.match(line.body) or writer is None:
        return False
    who = people.normalise(writer)
    for s in reversed(state.found[-6:]):
        c = s.captured
        if c.kind != "action" or not c.owner or who not in c.owner.split("、") or line.index - s.cues[-1] > 6:
            continue
        dated = find_date(line.body, ref)
        if dated is not None and (c.due is None or dated[0] > c.due):
            # 本周五前…补交 / 好的，明天就弄: starting sooner keeps the deadline; a later day moves it
            c.due = dated[0]
        join_line(state, s, line)
        return True
    return False


_ANNOUNCE = re.compile(
    r"(?P<w>结论|决定|决议|共识|纪要|待办|行动项|分工|下一步|结果|要点|小结|总结|action\s+items|decisions|next\s+steps"
    r"|outcomes|notes|recap|summary)"
    r"[^，。,.是为]{0,8}?(?:同步|如下|汇总|整理|贴|发|列|share|below|are)|(?P<w2>结论|决定|共识|待办|行动项|下一步)[:：]\s*$"
    r"|^(?!.*我)[^，。,.]{0,12}(?P<w3>总结|小结|结论|要点)(?:一?下)\s*[:：👇]?\s*$",
    re.I,
)


_TO_ALL = re.compile(r"各位|大家|@所有人|所有人|如下|以下|同步|👇|📝|⬇|(?<![a-z])(?:all|everyone|below|folks|team)(?![a-z])", re.I)


def chat_list_line(state: State, line: Line, people: People, ref: date | None) -> bool:
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
    if m and len(re.sub(r"[\W_]+", "", line.body[m.end():])) <= 4 and (m["w3"] or _TO_ALL.search(line.quote)):
        # …结论同步一下👇 to the group, not 结论是先发五十台 nor 会后我把纪要整理一下 (a promise);
        # 今天例会几点总结下: the chair's points follow, each read by its form (a task or what was settled)
        word = m["w"] or m["w2"] or ("结论" if m["w3"] else "")
        announced = heading_of(f"{word}：", md_heading=False)
        state.used.add(line.index)  # 刚才电话会的结果我整理一下: the paste's preface, no task
        if announced is not None and announced[0] in ITEM_SECTIONS:
            state.chat_list = (line.person, announced[0])
        return True
    if state.chat_list is None:
        # 李总：1️⃣ 双十二活动照常，主推保温杯 with nothing announced: a point of the writer's
        # list, read by what it says (settled, handed out, or neither)
        return state.chat and line.numbered and not line.checked and plain_point(state, line, people, ref)
    person, kind = state.chat_list
    if line.person != person and REPLY.match(line.body) and len(line.body) <= 12:
        return False  # 小刘：收到👌 between the points: an answer, the list goes on
    if line.person != person or not line.numbered:
        state.chat_list = None  # someone else writes, or the list is over
        return False
    if line.checked:
        state.used.add(line.index)  # ☑ @马丽 已把纪要发给客户: done already
        return True
    saved = state.section
    state.section = kind
    state.used.add(line.index)
    section_item(state, line, line.body, people, ref)
    state.section = saved
    return True


def dates_own_task(state: State, line: Line, people: People, ref: date | None, writer: str | None = None) -> bool:
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
    words = content_words(line.body)
    for s in reversed(state.found[-8:]):
        c = s.captured
        if c.kind != "action" or not c.owner:
            continue
        owners = [o.strip() for o in re.split(r"[、,]", c.owner)]
        if not any(o == who or o.split()[0].casefold() == first for o in owners if o):
            continue
        if not (REPLY.match(line.body) or re.match(r"(?i)on it|will do|收到|好的|没问题", line.body)
                or words & content_words(c.text)):
            continue
        c.due = dated[0]
        join_line(state, s, line)
        return True
    return False


MAIL_FROM = re.compile(r"^\s*(?:from|发件人)\s*[:：]\s*(?P<n>[^<>@\n]{2,40}?)\s*(?:<[^>]*>)?\s*$", re.I)


SENDER = re.compile(
    rf"(?:[{SURNAMES}][\u4e00-\u9fff]{{1,3}}|[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){{0,2}})(?:\s*[(（][^()（）]{{1,10}}[)）])?"
)


_STOP = frozenset(("will", "have", "with", "this", "that", "from", "they", "them", "then", "what", "when", "also",
                   "just", "into", "your", "there", "their", "would", "should", "could", "today", "tomorrow"))


_X_TO = re.compile(r"^(?P<o>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)?)\s+to\s+[a-z]")


def chat_assignment(line: Line, people: People, ref: date | None, *, chat: bool = True) -> Parsed | None:
    """``[09:03] Kim Tran: Leo to get quotes for two pallet jacks``: in a chat, a message that
    hands a task to someone else in the room in the minutes' own form (``X to …``), or to a
    unit with a deadline (``毛总：还有，各片区的破损率这周五前报给我``)."""
    if chat and CJK.search(line.body) and not re.search(r"[?？]\s*$", line.body):
        body = re.sub(r"^(?:另外|还有|再就是|最后)[，,\s]*", "", clean(nfkc(line.body)))
        parsed = parse_action(body, people, ref)
        if parsed is not None and parsed.owner and parsed.how == "by" and parsed.due is not None \
                and re.match(r"各|[\u4e00-\u9fff]{1,5}(?:部|处|科|室|中心|车间|组)", parsed.owner):
            return parsed
    m = _X_TO.match(line.body)
    if not m or not people.knows(m["o"]) or re.search(r"[?？]\s*$", line.body):
        return None
    if people.normalise(m["o"]) == people.normalise(line.person):
        return None  # "Kim to …" written by Kim: the conversation reader weighs it
    parsed = parse_action(line.body, people, ref)
    return parsed if parsed is not None and parsed.owner and parsed.how == "en" else None


_NEED = re.compile(
    r"(?:we\s+need|need|needs)\s+(?:someone|somebody|a\s+volunteer)\s+to\s+(?P<t>[^?.!]+)|(?:can\s+)?(?:someone|somebody|anyone)\s+"
    r"(?:should|could|can|to)\s+(?P<u>[^?.!]+)|who\s+(?:can|will|could)\s+(?P<v>[^?.!]+)"
    r"|需要(?:有)?人(?P<w>[^？?。！!]+)|谁(?:来|能|可以|去)(?P<x>[^？?。！!]+)",
    re.I,
)
_I_CAN_DO = re.compile(
    r"^(?:(?:ok|sure|yes|yep)[,!\s]+)?(?:i\s+can\s+(?:do|take)\s+(?:that|it|this)|i'?ll\s+(?:do|take)\s+(?:that|it|this)"
    r"|leave\s+it\s+with\s+me|on\s+it|me)\b|^(?:我来|我去|我可以|交给我|我负责)(?:吧|做|弄|跟)?(?![\u4e00-\u9fff]{4})",
    re.I,
)


def offers_for_a_need(state: State, line: Line, people: People, ref: date | None) -> bool:
    """``Ana: we need someone to update the on-call doc`` / ``Lee: I can do that, by Friday``: in
    a chat, the one who offers for what someone said needs doing owns it (with the date they
    give)."""
    writer = line.person or line.author
    if writer is None or not state.chat or not _I_CAN_DO.match(line.body):
        return False
    for prev in reversed(state.recent[-3:]):
        asker = prev.person or prev.author
        if asker is None or people.normalise(asker) == people.normalise(writer):
            continue
        need = _NEED.search(prev.body)
        if need is None:
            return False
        what = clean(next(g for g in need.groups() if g))
        dated = find_date(line.body, ref)
        task = Parsed(text=what, owner=writer, due=dated[0] if dated else None, explicit=True, how="self")
        add_action(state, task, prev, people, 0.7)
        join_line(state, state.found[-1], line)
        return True
    return False


def takes_on(state: State, line: Line, people: People, ref: date | None) -> bool:
    """``季伟 09:40`` / ``旧纸箱还剩多少我来盘一下，明天下班前给数``: in a chat export, the
    sender takes a task on themselves and says by when."""
    assert line.author is not None
    body = line.body
    if not SELF.search(body) or re.search(r"[?？]\s*$", body) or "@" in body or "＠" in body:
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
    state.last = add_action(state, parsed, line, people, 0.7)
    return True


def content_words(text: str) -> set[str]:
    """Words of four letters or more, acronyms (``FAQ``), or pairs of Chinese characters:
    enough to tell that a reply speaks of a task (``price list`` in ``send the revised price list``)."""
    low = nfkc(text).casefold()
    words = {w for w in re.findall(r"[a-z]{4,}", low) if w not in _STOP}
    words |= {w.casefold() for w in re.findall(r"(?<![A-Za-z])[A-Z]{2,6}(?![A-Za-z])", nfkc(text))}  # FAQ, NDA, SOW
    han = "".join(CJK.findall(low))
    return words | {han[i:i + 2] for i in range(len(han) - 1)}


SELF = re.compile(r"我来|我负责|我去|我跟进|我这边|我会|(?<![a-z])(?:I'll|I will|I can take|I'm on it)(?![a-z])", re.I)


_APPROVAL = re.compile(
    r"^(?:(?:好|行|嗯|ok|okay)[的吧]?[，,!！\s]*)?"
    r"(?:同意|可以|行|准了|批准|没问题|就这么办|就这么定了?|就这样(?:吧|定了?)?|(?:那就|就)?按(?:你|这个|你说的)(?:说的)?(?:来|办)|照此执行|定了|就它了)"
    r"(?:吧|了|的)?(?:[，,!！。\s]*(?:就这么办|就这么定了?|就这样吧?|(?:那就|就)?按(?:你|这个|你说的)(?:说的)?(?:来|办)|定了|去办吧|办吧))?"
    r"(?:[。！!~～👍\s，,]+|$)"
    r"|^(?:(?:ok|okay|yes|yep|sure|fine)[,!.\s]+)?(?:approved|agreed|go\s+ahead|let'?s\s+do\s+(?:it|that)|do\s+it|ship\s+it"
    r"|fine\s+by\s+me|sounds\s+good,?\s+(?:let'?s\s+do\s+(?:it|that)|go\s+(?:ahead|for\s+it))|go\s+for\s+it)(?:[.!👍\s,]+|$)",
    re.I,
)
"""A reply that approves what was put to the writer (同意 / 可以，就这么办 / Approved), maybe
followed by its own words (今天开始 / @何佳 你来组织)."""
_REJECTION = re.compile(r"^(?:这个|这|那)?(?:不行|不同意|不可以|不批|没必要|不用了?)(?:吧|了)?[。！!，,\s]+")
"""A reply that turns down what was put to the writer (这个不行，总部有统一标准)."""
_ASKS_APPROVAL = re.compile(r"(?:您|你)?看(?:行不行|可以吗|怎么样|如何|可不可以)|行不行|可以吗|行吗|同意吗|批吗|怎么样[？?]?$")
"""``@钟校长 您看行不行``: the proposer asking for the yes, no task of the one asked."""
_PROPOSAL = re.compile(
    r"建议|要不要|是不是|能不能|可不可以|可否|我看|我觉得|我想|不如|方案[:：]|还是[^，,。]{1,20}吧|吧[。！!？?]?\s*$|[？?]\s*$"
    r"|(?<![a-z])(?:i\s+(?:suggest|propose)|how\s+about|what\s+if\s+we|why\s+don'?t\s+we|let'?s|shall\s+we)(?![a-z])",
    re.I,
)
_PROPOSAL_LEAD = re.compile(
    r"(?:我|我们|咱们)?(?:这边)?(?:的)?(?:建议|觉得|看|想)(?:还是|要不|最好)?|要不要|要不|是不是|能不能|可不可以|可否|不如"
    r"|^(?:i\s+(?:suggest|propose)(?:\s+that)?|how\s+about|what\s+if|why\s+don'?t|should|shall|can|could)\s+",
    re.I,
)
_BOSS = re.compile(r"(?:总|校长|院长|厂长|局长|主任|经理|老板|站长|理事长|园长|董事长|处长|部长|所长|行长|书记|老大|馆长|社长|会长|县长|镇长|乡长|村长|团长|店长|台长)$")


def approves_a_proposal(state: State, line: Line, people: People, ref: date | None) -> bool:
    """``小李：我建议这次展会只带两款新品`` / ``王总：同意``: in a chat, a yes from someone else
    to what was just proposed makes the proposal a decision (``贾文：我先说个方案：…`` /
    ``贾文：@钟校长 您看行不行`` / ``钟校长：同意。``); what the yes adds (今天开始) goes with it,
    a task it hands out (``就这么办。@何佳 你来组织``) is that person's, about the proposal. A
    no (这个不行，…) decides against it. A yes to an @mention or a task is read by
    :func:`answers_a_request` first; a proposal that is itself somebody's task is no decision."""
    writer = line.person or line.author
    if not state.chat:
        return False
    yes = _APPROVAL.match(line.body)
    no = None if yes else _REJECTION.match(line.body)
    if writer is None or not (yes or no):
        return False
    proposal = _proposal_above(state, writer, people)
    if proposal is None:
        return False
    prev, text = proposal
    rest = clean(line.body[(yes or no).end():])  # type: ignore[union-attr]
    task = mention_action(rest, people, ref) if rest and ("@" in rest or "＠" in rest) else None
    if task is not None:
        task.text = clean(re.sub(r"^(?:你|您)(?:来|去|负责)?", "", task.text)) or task.text
        if len(task.text) <= 6:
            task.text = f"{task.text}：{text}"  # @何佳 你来组织: what to organise is what was agreed
        rest = ""
    if no is not None:
        text = f"不同意：{text}" + (f"（{rest.rstrip('。.')}）" if rest else "")
    elif rest and not re.search(r"[？?]", rest) and len(rest) >= 2:
        text = f"{text}，{rest.rstrip('。.!！')}"  # 可以，就这么办，今天开始
    for s in state.found[-4:]:
        if prev.index in s.cues:
            state.found.remove(s)  # the proposal read alone before the yes came
    made = add_item(state, "decision", text, prev, 0.7)
    if made is None:
        return False
    join_line(state, made, line)
    state.bosses.add(people.normalise(writer) or writer)
    if task is not None:
        add_action(state, task, line, people, 0.75)
    return True


def _proposal_above(state: State, writer: str, people: People) -> tuple[Line, str] | None:
    """The message just above by someone else that proposes something (skipping that person's
    own ``您看行不行``), and what it proposes."""
    for prev in reversed(state.recent[-4:]):
        proposer = prev.person or prev.author
        if proposer is None or people.normalise(proposer) == people.normalise(writer):
            return None
        if _ASKS_APPROVAL.search(prev.body) and len(prev.body) <= 16:
            state.used.add(prev.index)
            state.found[:] = [s for s in state.found if prev.index not in s.cues]
            continue
        if prev.checked or not _PROPOSAL.search(prev.body) or REPLY.match(prev.body) or "@" in prev.body or "＠" in prev.body:
            return None
        if any(prev.index in s.cues and s.captured.kind == "action" for s in state.found[-3:]):
            return None
        text = _proposal_text(prev.body)
        if len(text) < 4 or SELF.search(text):
            return None  # 我来做吧 / 可以 : an offer taken up is a task, read as conversation
        return prev, text
    return None


def boss_settles(state: State, line: Line, people: People, ref: date | None) -> bool:
    """``苗蕊：那英语听力的设备谁来检查？`` … ``钟校长：用区联考卷，不自己出了``: in a chat, the
    one who decides there (who said yes to a proposal, or whose name is a boss's: 钟校长, 毛总)
    answering a question or proposal of someone else in words that settle it decides it; the
    task that may follow (``@何佳 你来组织`` / ``你负责``) is read as the task it is."""
    writer = line.person or line.author
    if writer is None or not state.chat:
        return False
    who = people.normalise(writer) or writer
    if who not in state.bosses and not _BOSS.search(writer.strip()) and not _titled_boss(who, people):
        return False
    asked = [prev for prev in state.recent[-2:] if _put_to_the_room(prev, who, line, people)]
    if not asked:
        return False
    body = clean(nfkc(line.body))
    if re.search(r"[？?]|吗|呢$", body) or VAGUE.search(body) or SELF.search(body):
        return False
    kept: list[str] = []
    body = re.sub(r"^(?:对|好|行|嗯|是的|没错|ok)[的吧啊]?[，,！!\s]+", "", body, flags=re.I)  # 对，28号不变
    clauses = [c.strip() for c in re.split(r"[，,。；;！!]", body) if c.strip()]
    # 要不要现在补？ / 补，@樊晓 本周五前补满2吨: the question's own verb said back is a yes
    echo = bool(clauses) and re.fullmatch(r"[\u4e00-\u9fff]{1,2}", clauses[0]) is not None \
        and re.search(r"要不要|是不是要|需不需要|该不该|[？?]", asked[-1].body) is not None and clauses[0] in asked[-1].body
    said_back = clauses[0] if echo else ""
    if echo:
        clauses = clauses[1:]
    for c in clauses:
        if re.search(r"[@＠]|你|您|让|叫|交给", c) or any(n in c for n in people.names() if len(n) >= 2):
            break  # …，你负责 / @何佳 你来组织: the task that follows
        kept.append(c)
    text = "，".join(kept)
    settles = len(text) >= 4 and (bool(_BOSS_SETTLES.search(text)) or (echo and not re.search(r"说|觉得|认为|可能", text)))
    if not settles and not echo:
        return False
    rest = "，".join(clauses[len(kept):])
    if not settles and not re.match(r"[@＠]", rest):
        return False  # 加 alone: a yes, for the readers of answers
    if settles:
        text = f"{said_back}，{text}" if said_back else text  # 换，换成灰色的: as the boss said it
        add_item(state, "decision", text, line, 0.6)
    state.used.add(line.index)
    # …，小赵你这周内找人弄 / 。@阮静 12月11日前把…准备好: who is told, what, by when
    named = re.match(r"^(?:[@＠])?(?P<n>[^\s，,@＠你您]{1,6}?)\s*(?:你|您)(?:来|去|负责)?", rest) or re.match(
        r"^[@＠](?P<n>[^\s，,@＠你您]{1,6})\s+", rest)
    if named and (people.knows(named["n"]) or re.fullmatch(ZH_PERSON, named["n"])):
        task = parse_action(rest[named.end():], people, ref)
        if task is not None:
            task.owner, task.how, task.explicit = named["n"], "mention", True
            if len(task.text) <= 6:
                task.text = f"{task.text}：{text}"  # 找人弄: what to get done is what was just settled
            add_action(state, task, line, people, 0.65)
    return True


def _titled_boss(who: str, people: People) -> bool:
    """``参会：站长 宋国栋、…``: the attendee list gives the writer a boss's title."""
    return any(p.name == who and p.department and _BOSS.search(p.department.strip()) for p in people.participants)


def _put_to_the_room(prev: Line, who: str, line: Line, people: People) -> bool:
    """``prev`` is someone else's question or proposal, a line or two above ``line``."""
    asker = prev.person or prev.author
    lead = re.match(r"^(?P<n>[\u4e00-\u9fff]{2,4}?)(?:提出|建议|提议)", prev.body) if asker is None else None
    if lead is not None and people.knows(lead["n"]):
        # - 易小楠提出开幕周做三场亲子活动 / - 陈馆长：先做两场: a point of the page proposes
        asker = lead["n"]
        return (people.normalise(asker) or asker) != who and line.index - prev.index <= 3
    if asker is None or (people.normalise(asker) or asker) == who or line.index - prev.index > 3:
        return False
    return bool(_PROPOSAL.search(prev.body) or re.search(r"谁|怎么|还是|要不要|[？?]", prev.body))


_BOSS_SETTLES = re.compile(
    r"^(?:那|就|那就)?(?:用|选|走|按|换|改|定|先|都|统一|全部|一律|照|继续|维持|保持)|^(?:那|就|那就)(?:在|放)"
    r"|不[\u4e00-\u9fff]{1,3}了|(?<![要会能])不(?:涨|办|做|要|搞|用|换|去|开|发|招|买|批|变|动|改|出|加|减|上)"
    r"|暂不|暂停|取消|不变|照旧|照常|为准"
)
"""Words by which a boss's answer settles a point (用区联考卷 / 补课不办了 / 28号不变)."""


def _proposal_text(body: str) -> str:
    """What a chat message proposes: without whom it addresses, the words that propose
    (我建议 / 要不要 / 我看还是) and the 吧 or question mark that leave it open."""
    text = clean(nfkc(body))
    said = re.search(r"(?:方案|建议|想法|提议)(?:是|为|如下)?[:：]\s*", text)
    if said and len(text) - said.end() >= 4:
        text = text[said.end():]  # 各位，期末考试安排我先说个方案：1月13日至15日考三天…
    text = re.sub(r"^(?:老板|领导|各位|大家|另外|还有|[\u4e00-\u9fff]{1,2}(?:总|经理|主任|工|老师))[，,\s]+", "", text)
    text = _PROPOSAL_LEAD.sub("", text, count=1)
    text = re.sub(r"(?:吧|呢|吗|啊)(?=[，,。！!？?~～\s]|$)", "", text)
    text = re.sub(r"^(?:(?:hi|hey|so|ok|okay)\b[,\s]*)?(?:let'?s\s+|we\s+(?:should\s+|could\s+)?)", "", text, flags=re.I)
    return clean(text.strip(" ，,。！!？?~～"))
