"""Commitments, decisions and disputes in conversation: a transcript's turns, where one
task is often said over several turns by several people.

Rules and small word lists, no model: a 20k-token transcript reads in under a second. The
reader walks the turns once, keeping the tasks still being shaped:

* a turn is cut into clauses; each clause is a commitment ("我来", "我明天把样品要过来",
  "I'll send it"), an offer ("我可以…", "I can…", kept until someone accepts it or the
  offerer names a day), a request ("王经理你周五前…", "Tom, can you…", kept until the
  person asked agrees), an assignment ("这个交给采购部", "电气的部分得冯雪出"), a date
  said for the task in hand ("周四吧"), a hand-over ("还是你来吧") or a retraction
  ("算了，先不弄了"), a decision ("那就这么定了，…"), or nothing;
* a commitment by the same owner a turn or two later that names the same thing, or
  nothing new ("老周那边我今天下午就打电话" after "我问问老周"), joins the task in hand,
  whose date is then the last one said; "也 / 顺便 / 另外" starts a second task;
* a commitment whose words name no object ("这个我来", "I'll do that") takes it from the
  question or turn before it ("8D 报告谁来写？");
* vague words (回头再看看, maybe we could), opinions and estimates (我觉得, 大概要三天),
  things already done (已经, 刚, 查了, I've sent) and things done in the meeting itself
  (我现在就说一声, 锁库你现在就弄吧, let me share my screen) are not tasks; a day echoed
  back, turned down (够呛) or told to someone (跟客户说下周五) is no due date;
* in English meetings tasks are also given in the third person ("the Industrial Designer is
  gonna work on…", "the two of you will…": no one owner), and an anonymous speaker who
  answers to a name ("Anna, can you…" "Sure") is known by it from then on; the chair's
  closing turns, late in the meeting after "next meeting / in the meantime", are read by
  ``handout`` (each role's part of the next phase, stammers and all);
* an errand reported done in the same or next turn ("找到了", "好，发了") was done in the
  meeting; a commitment asked as a question ("客户那边我来打电话？") waits for a yes;
  speaking or showing in the room (我先讲一下, 给大家看一下), waiting (我们就等…), habits
  (每周都会) and wishes (想, 打算) are no tasks; "我们这边，呃，…争取周二前寄过去" carries
  its subject over the fillers.

Besides actions: decisions (那就这么定了 / 就按…走 / we agreed), responsibilities agreed
(a who-question answered "我来") or disputed (不归我们管), obstacles with their kind
(``obstacles.classify``) and levers (an outsider who knows a way). Each suggestion carries
the cues it was read from and their words as its quote.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date

from facilitator.capture import parse_line
from facilitator.extract.dates import SpokenDate, find_dates, first_due
from facilitator.extract.handout import PHASE, assignments
from facilitator.extract.people import Mention, People, is_form_of_address, looks_like_name
from facilitator.model import Captured, Cue, Language, Participant, Suggestion
from facilitator.obstacles import classify
from facilitator.textforms import nfkc

__all__ = ["extract_speech"]

# ----------------------------------------------------------------------------- words

_SENTENCE = re.compile(r"[^。！？!?；;…\n]+(?:[。！？!?；;…]+|$)")
_EN_SENTENCE = re.compile(r"(?:[^.!?;\n,]|,(?!\s*(?:and\s+)?(?:i|we)(?:'ll|’ll| will)\b))+(?:[.!?;]+|,|$)", re.I)
_CLAUSE_SPLIT = re.compile(r"[，,：:]|——+|(?<=[\u4e00-\u9fff])--+|(?<=[a-z]) - |(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
_CJK = re.compile(r"[\u4e00-\u9fff]")

_ZH_FILLER = re.compile(
    r"^(?:(?:[嗯呃啊哦噢唉诶欸哎额]+|那个|就是说|就是|然后|那么|那|好的|好吧|好好好|好|行吧|行|对对|对|可以|OK|ok|反正|其实|所以|这样|这样吧|要不|要不然|"
    r"说实话|的话|我看|我想想|唔|呀|吧)[，,、\s…]*)+"
)
"""Fillers and acknowledgements that open a stretch of speech, one after another ("嗯，那个，…")."""
_ZH_TAIL = re.compile(r"(?:[吧啊呀呢哈嘛哦了]|好了|就行|行吗|好吗|可以吗|没问题|能不能|可不可以|行不行|好不好|成不成|[。！？!?，,…\s~])+$")
"""What closes a turn but is no part of a task: particles, and the asking ("…发给客户能不能")."""
_EN_FILLER = re.compile(
    r"^(?:(?:um+|uh+|er+|erm|hmm+|mm+|oh|ah|so|and|but|well|okay|ok|right|yeah|yes|yep|alright|"
    r"actually|basically|like|then|now|i think|i guess|i mean|you know|of course|sure|fine|good)\b[\s,.]*)+",
    re.I,
)
_ZH_SELF = r"(?:我们这边|我这边|我们那边|我们|我|咱们|咱)"
_ZH_SELF_RE = re.compile(_ZH_SELF)
_ZH_VERBS = (
    "来|去(?!年|世)|负责|跟进|安排|联系|打电话|打个电话|问问|问一下|问|催|发|整理|准备|出|提供|确认|核实|跟|对接|落实|搞定|改|补|写|起草|"
    "报|申请|约|通知|协调|做|测|查|看一下|看下|拉|推进|沟通|汇总|更新|签|寄|送|提交|反馈|回复|回|评估|盯|处理|要|拿|"
    "拆|装|焊|搬|盘点|清点|录入|导出|导入|填|扫描|验收|交付|部署|配置|面试|收回|整改|复核|复查|上传|打印|复印|盖章|报销|付款|结算|对账|核算|统计|调研|拜访|走访|陪同|接待|回访|调试|校准|检测|取样|送检|"
    "下单|下订单|下补单|备货|备料|备|到货|打包|包装|装箱|贴|封|发货|出货|送货|寄出|安装|维修|培训|开票|开发票|订|买|找|排|调|修|换|核对|对一下|转告|转达|告知|传达|算|弄|交|给|把|带|试|跑|验|检|审|列|建|定|谈|走|申|做好|拍|通报|告诉|说明|说一声|讲|"
    "开通|堵|布置|预约|预订|报名|登记|付|锁|退|挂|抽|留|(?<![照么着样好难])办(?!公|法|事处)|提(?!一下|到|过|个|一句|一点|一个|出|议|醒|问)|看一眼"
)
_ZH_COMMIT = re.compile(
    rf"{_ZH_SELF}(?P<mid>[^，,。]{{0,14}}?)(?P<verb>{_ZH_VERBS})"
)
_ZH_OFFER = re.compile(rf"{_ZH_SELF}[^，,。]{{0,6}}?(?:可以|能|可)(?!能)")
_ZH_NOT_COMMIT = re.compile(
    r"觉得|认为|以为|建议|倾向|的意思是|的想法是|排满|没空|太忙|忙不过来|记得|知道|了解|理解|同意|熟|认识|希望|怀疑|估计|担心|猜|感觉|好像|看来|听说|是说|我说|的是|只要|"
    r"跟(?:你|您|你们|大家)(?:说|讲)|不|没|别|无法|难以|来不及|刚|已经|之前|上次|上周|昨天|以前|去年|前年|上个月|一直|正在|发现|过(?:这|那|一次|几次|好几)|在查|在弄|在做|在跟|在等|在问|在谈|在找|在联系|在催|在改|在写|在办|在排|在走|也要看|得看|"
    r"要是|如果|假如|万一|的话|谁|吗|哪|什么|怎么|为什么|多少|几|出差|出门|休假|请假|不在|开会|放假"
)
_ZH_DONE_TAIL = re.compile(r"(?:了|过了|好了|完了|掉了)[吧啊呢]?[。！!…\s]*$")
_ZH_DONE_NOW = re.compile(
    r"^(?:好|嗯|哦|行|OK|ok)?[，,\s…]*(?:我)?(?:已经)?(?:找到|发|发过去|发出去|发群里|发你|发给你|改好|弄好|搞定|查到|查好|问过|问好|问到|"
    r"打完|打过|订好|约好|办好|传好|传上去|拉好|建好|说好|通知好|转好|转过去)了(?:[，,。！!…\s]|$)"
)
"""A short report that an errand is done ("找到了", "发了", "搞定了"), said right after it was taken on."""
_ZH_DONE_BEFORE = re.compile(r"^[^，,。？?]{0,10}?(?:已经|早就|昨天就?|刚才就?|刚刚|上周就?|之前就?)[^，,。？?]{0,10}(?:了|过)(?:[，,。！!…\s]|$)")
"""A reply that the thing asked for was done before the meeting ("截图我昨天就发给他们了"):
the request falls, there is nothing left to do."""
_ZH_SELF_FIX = re.compile(r"(?:^|(?<=[，,。\s…—]))(?:哦|啊|诶|呃|哎)?(?:不行|不对|不不|算了)(?=[，,。\s…—]|$)")
"""A speaker correcting what they just said in the same turn ("我来打吧 哦不行 …"); a
transcript marks the pause before the turn-about as often with …… or —— as with a comma
("小张你去一趟……算了，还是让小李去吧")."""
_ZH_ALSO = re.compile(r"(?:还有|另外|再有|再就是)(?:一个|一件事|个事)?(?:就是)?(?P<thing>[^，,。我你您咱]{0,8})")
"""A clause that opens another item of the turn ("还有保险", "另外一件事")."""
_ZH_CORRECTION = re.compile(r"(?:哦|啊|诶|呃|哎)?(?:不对|不不|说错了|我说错了)(?:不对)?")
"""A clause that only says the words just said were wrong ("周日——不对"): the day said before is taken back."""
_ZH_SPEAK_HERE = re.compile(
    r"(?:说|讲|补充|介绍|汇报|总结|解释|演示|展示|念|读|过)(?:一下|一点|两句|几句)|(?:给|跟)(?:大家|你们|各位)(?:看|说|讲|介绍|汇报|演示)"
)
_ZH_HEDGE = re.compile(
    r"不保证|不敢保证|保证不了|说不好|说不准|没把握|(?:不敢|没法|不能|打不了)打?包票|看大家(?:的)?时间|看(?:他们|对方|客户|人家)(?:的)?(?:时间|安排)"
    r"|^[^，,。]{0,6}到时候(?![^，,。]{0,6}(?:前|之前|号|日|周|星期|礼拜))"
)
_ZH_SOFT_HEDGE = re.compile(r"[，,]\s*(?:不一定(?!是|全)|应该(?:可以|行|没问题|能)|估计(?:可以|行|能))[^，,。？?]{0,5}[。！!吧啊]*\s*$")
"""A promise with no day whose next clause doubts it will come to anything ("我问问老店店长吧，
不一定肯放人", "我问问他们，应该可以"): a try, not a task (with a day it stays a task)."""
"""Words that take a promise back in the sentence that makes it ("我尽量周五前给你，不保证啊",
"到时候我问一下"), unlike a vague word beside a firm errand ("你先发我，我再看看")."""
_ZH_TODAY_HERE = re.compile(r"今天(?:主要|先|就|想|要|来)?(?:跟大家|和大家|一起)?(?:说|讲|聊|讨论|过|商量|碰|对|议)(?:一下|一下子|下|的是)"
                            r"|今天(?:就)?(?:定了|定下来|到这|先这样|就这样|散会)")
"""The meeting's own agenda said with 今天 ("今天主要说一下…"), which is no due date."""
_ZH_LOOK_HERE = re.compile(r"(?:我们|咱们|大家)(?:先|今天|一起)?(?:看|过|对|聊)一下")
""""我们看一下这周的模具维修": the room looking at something together, now."""
_ZH_SPEAK_TO = re.compile(r"(?:跟|和|给|向|告诉|通知|转告)(?!大家|你们|各位)[\u4e00-\u9fff]{1,6}?(?:说|讲|介绍|汇报|解释|演示|展示)")
"""Speaking and showing in the room is no follow-up; telling someone outside it is."""
_ZH_NOTE = re.compile(r"^(?:我|我们)?(?:来|先)?(?:记一下|记下来|记下|记录一下|记一笔|记好了|记吧|记[。！!]*$|做记录|做纪要|记纪要)")
_ZH_NOW = re.compile(r"现在就|这就|现在马上|现在去|现在先|我现在|当场|投到?屏幕|投屏|投影上|共享(?:一下)?屏幕")
_ZH_VAGUE = re.compile(
    r"回头再|再看看|看看再说|再说吧|再说|以后再|改天|有空|有时间再|再研究|研究研究|考虑考虑|再考虑|考虑一下|再商量|再议|"
    r"看情况|找机会|等机会|有机会|到时候再|(?:年后|节后|过完年|过了年)[^，,。]{0,8}再|等等再|先放|放一放|可能|也许|或许|说不定|大概会|争取看看|想想办法|不急|不着急|试试吧|试试看|不保证|"
    r"回头(?!见)|看看(?:吧|再|能不能|有没有|行不行|怎么|情况)|考虑(?!到)|找时间|找个时间|抽空|有机会|后面再|慢慢来|研究一下|尽量吧|争取吧"
)
"""Words that leave a promise open: when (回头, 找时间, 有空), whether (看看能不能, 考虑, 可能) or
how hard (尽量吧). A commitment said with them is not recorded as an action."""
_ZH_RETRACT = re.compile(r"^[嗯呃哦啊，,\s]*(?:不用|不需要|没必要|用不着)(?!担心|着急|急|客气|谢)(?=[\u4e00-\u9fff])|算了|不用了|不用(?:我们|我|咱们|你们|你)?(?:来|去)?(?:再)?[\u4e00-\u9fff]{0,2}了|不需要(?:我们|我|你们)\S{0,3}了|先不(?:弄|做|搞|发|改|找|管)了?|取消|不做了|不弄了|不搞了|收回|不需要了|别弄了|就不(?:弄|做|发)了")
_ZH_HANDOVER = re.compile(
    r"(?:还是|要不|让|交给|换成|改成|由)(?:还是|让|由|交给)?(?P<who>[^，,。吧]{1,8}?)(?:来|去|弄|做|负责|跟|处理|看|查|问|改|写|出|吧|$)"
)
_ZH_ASSIGN = re.compile(
    r"(?:交给|让|请|麻烦|由|(?<![记觉懂获值])得|需要|要)(?P<who>[^，,。你您我]{1,8}?)(?:你|您)?(?:来|去|负责|出|跟进|跟|处理|帮忙|把|做|写|改|查|发|联系|确认|准备|提供|回复|答复|反馈|安排|通知|核实|报|给)"
)
_ZH_GIVEN = re.compile(r"(?:交给|交由|转给|分给)(?P<who>[^，,。吧了]{1,8}?)(?:吧|了|去办|处理|负责)?[。！!]*$")
_ZH_REQUEST = re.compile(r"(?:^|[^我])(?:你们|你|您)(?:这边|那边)?(?:[^，,。]{0,10}?)(?:" + _ZH_VERBS + r")")
_ZH_TO_YOU = re.compile(r"(?<![你您])(?:给|跟|和|向|告诉|通知|帮|替|陪)(?:你们|你|您)(?:这边|那边)?")
"""你 as whom something is done for or told to ("明天给你回话", "跟你们说"): not a request to them."""
_ZH_AGREE = re.compile(
    r"^(?:[嗯呃哦]*[，,\s]*)?(?:好的|好嘞|好吧|好啊|好|行吧|行啊|行|可以|没问题|没事|收到|明白|OK|ok|Ok|嗯嗯|嗯|对|放心|我来|交给我|包在我身上|能的|能|来得及)(?![不])"
)
_ZH_REFUSE = re.compile(
    r"^(?:[嗯呃]*[，,\s]*)?(?:不行|不太行|这个不行|我这边不行|做不了|没时间|恐怕不行|不是我们|不归我们|这不是)"
    r"|不保证|不敢保证|保证不了|不一定(?:行|能|来得及)"
)
_ZH_DECIDE = re.compile(
    r"(?<![搞确肯一稳规约指认否待未])(?:那就|就)?(?:这么|这样)?(?:定了|定下来|定吧|说定了|就这么办|就这样定|这么定|就这样吧|决定了?|拍板|一致同意|大家都同意|按这个来|就按这个|就这么着|结论是|最后定的是|最后定了|(?:最后|那|就|我们)?定一下[:：]|决定是|那就这么干|就照这个办|就按(?P<how>[^，,。\s]{1,8}?)(?:走|来|办|执行|做))"
)
_ZH_CHOICE = re.compile(r"(?:^|[，,。！!\s])(?:那|好|行)?[，,\s]*(?:(?P<so>那就这样|那这样|那就这么办)[，,：:\s]|那就(?!这样|这么|定|好|行|是|对|算|没|等|看))")
_ZH_SETTLED = re.compile(
    r"(?P<what>[^，,。！!？?\s]{1,12}?)就(?P<set>定(?:在|成|为)?)(?!下|好|了|吧)(?P<how>[^，,。！!？?\s了]{2,16})"
    r"|(?:^|[，,。！!\s])(?:对|那|好|行)?[，,\s]*(?P<pick>就(?:用|选|投|走|买|换|上)(?!一下|了|吧)[^，,。！!？?]{2,16}(?:[，,][^，,。！!？?]{2,20})?)"
    r"|(?P<instead>[^，,。！!？?\s]{2,12}?[走用按][^，,。！!？?\s]{1,8}[，,]\s*不(?:单独|再|另外)[\u4e00-\u9fff]{1,4}了)"
    r"|^(?:[对好行那嗯]+[，,\s]*)?(?P<hold>先不[\u4e00-\u9fff]{1,3}[，,]\s*(?:按|等)[^。！!？?]{2,24})"
)
"""A choice settled in so many words: "满载测试就定在这个周末做", "就投四千二那款", "冷柜走集采，
不单独招了", "先不推，按一月十五号准备"."""
_ZH_PUT = re.compile(r"要不要|是不是|还是.{1,12}[？?]|怎么办|怎么处理|怎么弄|怎么搞|怎么算|行不行|可不可以|好不好|[吗呢][？?]?\s*$|[？?]\s*$")
"""A question put to the room, which the next speaker may settle."""
_ZH_SETTLES = re.compile(
    r"不\S{0,4}了|先不|先别|不用|不要|就行|就好|就可以|统一|改成|改为|换成|直接|一律|都按|按.{1,8}(?:走|来|办)"
    r"|不(?:重做|单独|另外|再)|重新|清掉|上架|下架|取消|暂停|维持|保持"
)
"""Words by which an answer settles what will be done."""


def _bigrams(text: str) -> set[str]:
    han = "".join(re.findall(r"[\u4e00-\u9fff0-9]", text))
    return {han[i: i + 2] for i in range(len(han) - 1)}


_ZH_ACK = re.compile(r"^(?:[嗯呃哦啊好行对可以是没问题那]+(?:的|吧|啊)?)(?=[，,。\s]|$)[，,。\s]*|^(?:好|行|对|那|嗯)(?=[\u4e00-\u9fff])")
"""An acknowledgement that opens a turn ("行，", "好，那", "嗯我看"); what follows is the point."""
_ZH_SUMMARY_HEDGE = re.compile(
    r"觉得|考虑|想想|倾向|可能|也许|应该|估计|好像|不清楚|不知道|不确定|看看|问问|呗|麻烦|不表态|再定|待定"
    r"|(?:以后|回头|之后|后面|下次)再(?:说|议|看)|再说吧|不行|不好|没法|是不是|要不要|肯定不|还没|正在|在(?:改|弄|做|办|查)"
    r"|(?:他|她|他们|客户|对方|厂家|厂里|上面)(?:那边)?(?:说|讲)|(?P<x>[^，,。\s]{1,4})就(?P=x)"
)
"""Words of a chair's turn that leave the point open or only judge it."""
_ZH_SUMMARY_SETTLES = re.compile(
    r"就(?:按|用|选|走|定|这么|改|换|不|先|只|照|上|搞|开|做|发|放)|先[^，,]{1,12}(?:再|然后)|先不|先别|重[拍做印发写装]|先放|不再|不(?!行|好|错|够|了$)[上涨动做搞开要用换加变]|只[^，,]{0,3}[开做发用上留]|照常|继续|还是|统一|一律|改(?!天)|换成|换[^，,]{0,6}的"
    r"|取消|暂停|暂缓|维持|保持|恢复|定在|定成|上调|下调|提前|推迟|[0-9０-９]{2,}|[一两二三四五六七八九十]+(?:个|天|周|次|台|人|份|吨|号)"
    r"|可以试|试一|轮流|轮一次|一周一轮"
)
"""What makes a chair's statement settle what will be done: a choice, a change, a kept course, a figure."""
_ZH_PROPOSE = re.compile(
    r"要不(?:然|就)?(?!要)|我建议|建议|不如|干脆|我觉得(?:还是|可以|不如|干脆|就)|(?:大家)?(?:都)?同意|是不是(?:就|先|统一|可以|也)|要不要"
)
"""Words that put a course to the room for it to take or leave."""
_ZH_YES = re.compile(
    r"^(?:[嗯呃哦]*[，,\s]*)(?:我)?(?:(?:可以|行|好|同意|赞成|没问题|没意见|就这么办|就这样|对)(?:的|吧|啊|呀)?"
    r"|(?:同意|赞成)[^，,。？?]{1,8}?的(?:方案|意见|建议|想法|说法))(?:[，,。！!\s]|$)"
)
"""A turn that opens with a plain yes."""
_ZH_HOLD = re.compile(
    r"(?:先不|先别(?!说|吵|急|争)|先搁|先放|暂时不|暂不)[^，,。？?]{0,8}[，,\s]*(?:等|看)[^，,。？?]{2,16}?(?:了|完|之后|以后)?(?:再说|再看|再定|再议|再弄|再决定)"
)
"""Holding a thing until something happens ("砍树先不管，等举升车的人来现场看了再说")."""
_ZH_WHO = re.compile(rf"谁(?:能|可以|方便|愿意)?(?:{_ZH_VERBS}|有空|有时间)")
_ZH_WHEN = re.compile(r"多久|什么时候|哪天|几号|啥时候|多长时间|要多久|来得及吗")
_ZH_GENERIC_OBJECT = re.compile(
    r"^(?:这个|那个|这事|那事|这件事|这块|那块|这部分|那部分|它|他|她|他们|这些|那些|这边|那边|一下|吧|的|来|负责|弄|做|搞|处理|跟|跟进|管|出)*$"
)
_ZH_NEW_TASK = re.compile(r"^(?:顺便|另外|还有|同时|再把|也把|然后再|再)|(?:也(?:把|一起|跟|给|重新))")
_ZH_RESP = re.compile(r"(?P<item>[^，,。？?]{2,14}?)(?:是|应该是|本来就是|一直是|归|由)(?P<who>[^，,。？?]{1,6}?)(?:负责|管|的事|来负责|出|找|来)")
_ZH_OWN_IT = re.compile(r"是我们的|这个我认|我们认|我们负责|归我们|是我们负责|我们来负责|没错|对，是")
_ZH_DENY = re.compile(r"不是我们的|不归我们|不该我们|跟我们没关系|凭什么|不是我们负责")
_ZH_PROBLEM = re.compile(
    r"问题是|问题在|卡在|难点|瓶颈|麻烦的是|关键是|没法|没办法|做不了|不够|太小|太少|太高|太贵|来不及|不肯|不愿意|起订|排不上|排满|没有库存|缺"
)
_ZH_LEVER = re.compile(r"认识|有门路|有渠道|有关系|以前管过|以前做过|管过|熟悉|手上有|有资源|能帮忙|路子")

_EN_COMMIT = re.compile(
    r"(?<![a-z'])(?P<subj>i|we)\s*(?:'ll|’ll| will| shall|'m going to|’m going to| am going to| are going to|'re going to|’re going to"
    r"|'m gonna| am gonna|'re gonna| can take| will take|'d be happy to| would be happy to)\s+(?P<rest>.+)",
    re.I,
)
_EN_LETME = re.compile(r"(?<![a-z'])let me\s+(?P<rest>.+)", re.I)
_EN_OFFER = re.compile(r"(?<![a-z'])(?P<subj>i|we)\s+(?:can|could)\s+(?P<rest>.+)", re.I)
_EN_TO_DO = re.compile(r"^(?P<who>[A-Z][\w-]+(?:\s+(?:and|&)\s+[A-Z][\w-]+)?)\s+(?:to|will|is going to|should)\s+(?P<rest>[a-z].+)")
_EN_REQUEST = re.compile(
    r"(?<![a-z'])(?:can|could|will)\s+you(?:\s+(?:guys|please|maybe|also|just))*\s+(?P<rest>.+)"
    r"|(?<![a-z'])(?:are|aren't)\s+you\s+going\s+to\s+(?P<rest2>.+)"
    r"|(?<![a-z'])please\s+(?P<rest3>[a-z].+)",
    re.I,
)
_EN_AGREE = re.compile(
    r"^\W*(?:(?:um+|uh+|oh|well|so)[\s,]+)*(?:yes|yeah|yep|sure|okay|ok|alright|will do|no problem|of course|absolutely|definitely"
    r"|i can|i will|i'll|fine|right|i'm going to|mm-?hmm)\b",
    re.I,
)
_EN_REFUSE = re.compile(r"^\W*(?:no\b|nope|i can't|i cannot|not me|i won't|i don't think i can)", re.I)
_EN_IN_MEETING = re.compile(
    r"^(?:just\s+)?(?:say|tell you|show|share|talk|explain|start|go (?:on|back|ahead|through|over|to the next)|stop|repeat|"
    r"mention|read|present|summari[sz]e|answer|ask (?:you|a question)|quickly|be (?:honest|quick|brief)|give you an|"
    r"try to (?:explain|answer|summari)|switch|move on|continue|see\b|hear|see you|leave it|wrap up|skip|pass|"
    r"put it on the|write it on the|draw|open|pull up|bring up|check now|come back to|take a look now|let you|"
    r"(?:write|note|jot|take)\s+(?:that|this|it|these|those)\s+down|find (?:it|that|this) again|.*\bin the next (?:\w+\s+){0,2}minutes|"
    r"need to|have to think|think about it|see what|get back to (?:the|that|this) (?:point|slide|topic)|"
    r"do (?:an? |the )?(?:opening|introduction|intro|presentation|recap|quick|demo|round)|.*\b(?:in|on) (?:here|the (?:board|screen|whiteboard|slide))$)",
    re.I,
)
_EN_HEDGE = re.compile(r"(?<![a-z'])(?:maybe|perhaps|might|probably|possibly|somehow|sometime|someday|at some point|eventually|"
                       r"think about|consider|not|n't|never)(?![a-z'])", re.I)
_EN_NOT_COMMIT = re.compile(
    r"(?<![a-z'])(?:maybe|perhaps|might|probably|possibly|if|not|n't|never|wish|hope|i guess|somehow|sometime|someday|"
    r"at some point|eventually|think about|consider|see (?:if|what|how|whether)|try and see)(?![a-z'])|\?",
    re.I,
)
_EN_VAGUE = re.compile(r"(?<![a-z'])(?:maybe|perhaps|might|could maybe|someday|sometime|at some point|we'll see|later on)(?![a-z'])", re.I)
_EN_DONE = re.compile(r"(?<![a-z'])(?:i've|i have|we've|we have|already|just did|i did|i sent|we sent)(?![a-z'])", re.I)
_EN_RETRACT = re.compile(r"(?<![a-z'])(?:never mind|scratch that|forget (?:it|that)|no need|don't bother|cancel that|let's not)(?![a-z'])", re.I)
_EN_HANDOVER = re.compile(
    r"(?<![a-z'])(?:actually\s+)?(?:let|have)\s+(?P<who>[A-Z][\w-]+)\s+(?:do|handle|take)\b|(?P<who2>[A-Z][\w-]+)\s+(?:can|should)\s+(?:do|handle|take)\s+(?:that|it|this)",
)
_EN_DECIDE = re.compile(
    r"(?<![a-z'])(?:we(?:'ve| have)? (?:agreed|decided)|it's decided|the decision is|decision is|let's go with|we'll go with|we go with|"
    r"so we agree|we all agree|agreed(?: that)?|we're going with|settled)(?![a-z'])\s*(?:on|to|that)?\s*(?P<rest>.*)",
    re.I,
)
_EN_GENERIC_VERBS = frozenset({"do", "handle", "take care of", "take", "own", "cover", "get", "manage", "deal with"})
_EN_PRONOUN_ONLY = re.compile(
    r"^(?:(?P<verb>do|handle|take care of|take|look into|look at|check|deal with|sort out|follow up on|own|cover|get|manage)\s+)?"
    r"(?:it|that|this|those|these|them|one)?\s*(?:one|part|bit|thing)?$",
    re.I,
)
_EN_WHO = re.compile(r"(?<![a-z'])who(?:'s| is)?\s+(?:can|will|could|would|is going to|going to|wants to|should)\s+(?P<obj>[^?]+)", re.I)
_ANONYMOUS = re.compile(r"(?i)(?:person|speaker|spk|说话人|发言人)\s*_?\d+")
_EN_TASK_VERB = re.compile(
    r"^(?:go\s+and\s+|try\s+to\s+|make\s+sure\s+(?:to\s+|that\s+i\s+)?|also\s+|then\s+)?"
    r"(?:send|e-?mail|mail|forward|post|upload|put|circulate|distribute|check|double-check|verify|confirm|find|look|follow|"
    r"prepare|write|draft|update|revise|edit|finish|complete|finali[sz]e|contact|call|phone|ring|talk|speak|ask|tell|inform|"
    r"let\s+(?:\w+\s+){1,3}know|have\s+(?:a|the|an|it|that|them|something)\s+(?:\w+\s+)?(?:draft|version|proposal|plan|summary|report|ready|done|finished)|"
    r"inform|notify|fix|repair|research|investigate|explore|book|schedule|organi[sz]e|arrange|set|install|buy|order|get|bring|"
    r"review|test|run|try|work|do|make|produce|build|create|design|implement|add|remove|change|prepare|collect|gather|"
    r"compile|summari[sz]e|report|present|deliver|provide|specify|define|come|figure|sort|handle|take|deal|chase|"
    r"contact|reach|email|share|print|copy|clean|move|merge|submit|sign|pay|invoice|ship|pick|meet)\b",
    re.I,
)
_EN_LATER = re.compile(
    r"(?<![a-z'])(?:after the meeting|before the next meeting|for the next meeting|next meeting|next time|afterwards|"
    r"in the meantime|by (?:then|next)|tonight|tomorrow|this afternoon|later today|end of (?:the )?(?:day|week)|"
    r"this week|next week|offline)(?![a-z'])",
    re.I,
)
_EN_ROLE_TAIL = re.compile(
    r"^(?:\s*(?:designer|expert|manager|person|guy|over here|here|uh+|um+|,|-|also|then|too))*\s+"
    r"(?:is\s+|are\s+)?(?:gonna|going\s+to|will|'ll|should|has\s+to|have\s+to|needs?\s+to|is\s+supposed\s+to|can|(?<=is\s)to)\s+"
    r"(?P<rest>[^.?!]+)",
    re.I,
)
_EN_NOT_NAMES = frozenset(
    ["i", "we", "you", "he", "she", "it", "they", "there", "this", "that", "these", "those", "what", "how", "why", "when", "where", "who", "which", "going", "have", "has", "had", "more", "as", "so", "and", "but", "or", "if", "then", "now", "here", "also", "just", "okay", "ok", "yes", "yeah", "no", "not", "all", "some", "any", "each", "every", "one", "two", "next", "first", "last", "back", "time", "move", "let", "need", "want", "try", "remember", "note"]
)
_EN_TEAM = re.compile(
    r"(?<![a-z'])(?:the\s+two\s+of\s+you|you\s+two|both\s+of\s+you|the\s+two\s+(?:designers|of\s+them)|each\s+of\s+you|"
    r"all\s+of\s+you|everyone|everybody)(?:[^.?!]{0,40}?,)?\s+(?:are\s+)?(?:gonna|going\s+to|will|should|have\s+to|need\s+to|must)\s+"
    r"(?P<rest>[^.?!]+)",
    re.I,
)
_EN_RECEIVED = re.compile(
    r"(?i)(?:receive|get|be\s+(?:sent|given|getting|receiving))\s+(?:(?:a|an|some|the|your|more|further|specific|new|good|extra|any)\s+)*"
    r"(?:e-?mails?|messages?|mails?|instructions?|information|advice|notes?|news)\b")
"""Being sent something ("you'll get an email", "receive some specific instructions"): the
sender acts, the one who receives has nothing to do."""
_EN_WHOLE_ROOM = re.compile(r"(?i)(?<![a-z'])(?:everybody|everyone|each of you|all of you|you all|you guys|we)(?![a-z'])")
"""Words that give a task to the whole room: it has no one owner."""
_EN_HERE_NOW = re.compile(r"(?i)\bin\s+(?:a|one)\s+(?:second|sec|minute|moment|mo)\b|\bright\s+now\b")
"""Something done in the meeting itself, in a moment."""
_EN_LEVER = re.compile(r"(?<![a-z'])(?:knows (?:someone|somebody|a guy|people)|has (?:contacts|a contact|connections)|used to work (?:at|with|for)|has a friend)(?![a-z'])", re.I)
_ZH_DISPUTE = re.compile(
    r"(?P<item>[^，,。？?！!]{0,10}?)(?:不归我们管|不归我们|不是我们的事|不是我们负责|不该我们(?:管|出|负责|承担)|跟我们没关系|凭什么(?:让|要)我们)[吧啊呀]?"
)
_EN_DISPUTE = re.compile(
    r"(?P<item>[^.?!]{0,40}?)(?:is|'s)\s+not\s+(?:our|my)\s+(?:job|responsibility|call|department|problem)", re.I
)
_EN_NEED = re.compile(
    r"^(?:so\s+)?(?:we\s+(?:still\s+)?need\s+(?:someone|somebody|one\s+of\s+us)\s+to|(?:can|could|will)\s+(?:someone|somebody|anyone|anybody)|"
    r"(?:someone|somebody)\s+(?:should|needs\s+to|has\s+to|must)|who\s+(?:can|will|wants\s+to|is\s+going\s+to))\s+",
    re.I,
)
_EN_CUT_OFF = re.compile(r"\b(?:the|a|an|to|of|on|in|for|with|and|or|my|your|our|their)$", re.I)
_EN_ACTION_ITEM = re.compile(r"(?<![a-z'])action\s+item\s+(?:for|on)\s+(?P<who>me|[A-Z][\w-]+)\s*[:,-]?\s*(?P<rest>[^.?!]+)", re.I)
_EN_HAVE_DO = re.compile(r"(?<![a-z'])(?i:let's|let us)\s+(?i:have|get|ask)\s+(?P<who>[A-Z][\w-]+)\s+(?:to\s+)?(?P<rest>[a-z][^.?!]+)")
_EN_ME = re.compile(r"^\W*(?:that(?:'d| would| will)? be me|that's me|me|i can|i will|i'll take (?:it|that)|leave it (?:to|with) me)\W*$", re.I)
_EN_NEW_TASK = re.compile(r"^(?:and\s+)?(?:also|then also|plus|as well as)\b", re.I)
_EN_PROBLEM = re.compile(
    r"(?<![a-z'])(?:the problem is|the issue is|blocked|blocker|bottleneck|we can't|we cannot|can't get|can't fit|they can't|"
    r"no budget|too expensive|not enough|short of|fully booked|out of stock|no capacity|stuck|backlog|won't (?:accept|approve|take))(?![a-z'])",
    re.I,
)


# ----------------------------------------------------------------------------- tasks


_SEEK_PERSON = re.compile(r"(?:去|再|先)?(?:找|约|拜访|请教|请)(?:一下|下)?(?:[\u4e00-\u9fff](?:总|经理|主任|工|老师|师傅|处|局)|[老小][\u4e00-\u9fff])")
"""An errand that is seeking a person out ("找一下王总", "约老周"): complete as said."""


@dataclass
class _Task:
    owner: str | None
    text: str
    due: date | None
    cues: list[int]
    speaker: str | None
    state: str = "firm"
    """``firm`` (a commitment), ``offer`` or ``request`` (waiting for a yes), ``dropped``."""
    confidence: float = 0.6
    due_cue: int = -1
    due_marked: bool = False
    """Its due date was said as a deadline (周五前, 两天内)."""
    asker: str | None = None
    accepted: int = -1
    """The cue in which a request or offer was accepted (the accepter's own words that turn join it)."""
    borrowed: bool = False
    """Its object was taken from the turn before ("这个我来"): the owner's next words in the
    same turn say what it is ("稿子我重新出")."""
    handed_from: str | None = None
    """Who had it before a hand-over ("要不还是法务看吧"): their yes settles it too."""
    team: bool = False
    """Said of the whole team ("we're each gonna fill in the questionnaire"): no one owner."""
    fresh: bool = True
    """True until a later turn added to it (a due date set by a later turn overrides)."""
    extra: list[str] = field(default_factory=list)
    directive: bool = False
    """Told by the chair, not asked ("那你先锁上"): it stands unless turned down or handed on."""

    def touch(self, cue: int) -> None:
        if cue not in self.cues:
            self.cues.append(cue)


_Result = tuple[_Task | None, date | None]
"""What reading a clause leaves: the task in hand and the date the sentence has set."""


@dataclass
class _Clause:
    """One clause of a Chinese turn being read, with what the steps found out about it."""

    index: int
    speaker: str | None
    raw: str
    """As said (its question mark tells a question)."""
    text: str
    """Without the fillers in front."""
    current: _Task | None
    sentence_due: date | None
    due: date | None = None
    done: bool = False
    in_meeting: bool = False
    addressed: str | None = None
    charged: Mention | None = None
    request: bool = False
    assign: re.Match[str] | None = None
    conditional: bool = False

    def keep(self) -> _Result:
        return self.current, self.sentence_due


def _asr_pauses(text: str) -> str:
    """A speech engine's turn with no punctuation ("说话人3你来发吧你手上有名单") gets a comma
    after a closing particle followed by more words, where a writer would have put one, so
    its clauses are read apart as in a written transcript."""
    if not _CJK.search(text) or re.search(r"[，,。！？!?；;：:]", text):
        return text
    return re.sub(r"(?<=[\u4e00-\u9fff][吧啊呢嘛哈呀])(?=[\u4e00-\u9fff])", "，", text)


def _strip_span(text: str, start: int, end: int) -> str:
    return (text[:start] + text[end:]).strip()


_NO_OBJECT = re.compile(r"怎么|最好|但|说是|是不是|吗|呢|如果|的话|可以|能不能|要不要|谁|[？?]|有门路|来得及|万一|要是|多久|什么时候|让|交给|交由|麻烦|他们|他|她")
"""A clause that asks, weighs or reports: no object for a task said with a pronoun."""

_ZH_LEAD = re.compile(
    r"^(?:[，,\s]|那个|就是|也|就|先|再|可以|能|来(?!源|料|往)|会(?!议|计|场|展|员|所|签)|去(?=[^\s]{2,})|要(?!求|点)|得|负责(?=.{2,})|尽快|马上|争取|一起|回去|今天|"
    r"这边|那边|然后|肯定|一定|下午|上午|晚上|最晚|最迟|现在|这就|顺便|另外|还有|同时)+"
)


def _zh_tidy(text: str, people: People, speaker: str | None = None) -> str:
    for m in reversed(people.mentions(text)):
        after = text[m.end: m.end + 2]
        if (after.startswith(("你", "您")) or (m.start == 0 and re.match(r"[，,\s]|负责|来|去", after or "x"))
                or (m.start == 0 and speaker is not None and m.owner == speaker)):
            text = text[: m.start] + text[m.end:]
    text = re.sub(r"(?:你们|你|您)(?:这边|那边)?", "", text)
    text = re.sub(r"^(?:能不能|可不可以|能否|是不是|要不要)(?:帮忙|帮我|帮着)?", "", text)  # the asking, not the task
    text = _ZH_LEAD.sub("", text)
    text = re.sub(r"(?:……|…|\.\.\.)", "", text)
    return _ZH_TAIL.sub("", text).strip(" ，,、：:")


def _zh_task_text(clause: str, people: People, speaker: str | None) -> str:
    """A clause as a task: no fillers, no subject, no date, no trailing particles; a topic
    said first is put back as the object ("合同我回去翻" -> "翻合同", "客户那边我先回个邮件"
    -> "跟客户回个邮件")."""
    text = clause
    due = first_due(text, None)
    if due is not None:
        text = _strip_span(text, due.start, due.end)
    text = _ZH_FILLER.sub("", text.strip())
    subject = next((m for m in re.finditer(rf"{_ZH_SELF}(?:这边|那边)?", text)
                    if m.start() <= 12 and _subject_at(text[: m.start()])), None)
    if subject is None:
        return _zh_tidy(text, people)
    topic = _ZH_FILLER.sub("", text[: subject.start()]).strip(" ，,")
    rest = _zh_tidy(text[subject.end():], people, speaker)
    if not topic or re.search(r"[，,]", topic):
        return rest
    side = re.match(r"^(?P<core>.+?)(?P<side>那边|这边|那块|这块|方面)$", topic)
    if side:
        core = _zh_tidy(side["core"], people)
        if core and side["side"] in ("那块", "这块", "方面") and not people.mentions(core):
            return f"{rest}{core}"  # "数据迁移那块我来写": a matter, not a party to talk to
        return rest if not core else core + rest if rest.startswith(("跟", "给", "和", "找")) else f"跟{core}{rest}"
    topic = _zh_tidy(topic, people)
    if _ZH_GENERIC_OBJECT.match(topic):
        return rest
    if 0 < len(rest) <= 3 and not re.search(r"了|到", topic):
        return rest + topic
    return topic + rest


def _en_task_text(rest: str) -> str:
    text = rest
    due = first_due(text, None)
    if due is not None:
        text = _strip_span(text, due.start, due.end)
    text = re.sub(r"\b(\w+)(?:\s+\1\b)+", r"\1", text, flags=re.I)  # "the the"
    text = re.sub(r"(?<![a-z'])(?:um+|uh+|er+|erm|you know|like|i mean|kind of|sort of|just|also|probably|actually|basically)(?![a-z'])[,]?\s*", "", text, flags=re.I)
    text = re.sub(r"^(?:(?:i|we)\s*(?:'ll|will|'m going to|am going to)\s+)+", "", text.strip(), flags=re.I)
    text = re.sub(r",\s*(?:okay|ok|right|you see)\s*,", "", text, flags=re.I)  # "with the vendors, okay, to get…"
    text = re.split(r",?\s+(?:so\s+then|so\s+that|whatever)(?![a-z'])", text, maxsplit=1, flags=re.I)[0]
    text = re.split(r",?\s+(?:and\s+)?(?:you|we|they|he|she)\s+(?:will|'ll|should|are going to|have to|need to)\s", text, maxsplit=1,
                    flags=re.I)[0]
    text = re.sub(r"^(?:each|all|both|both of us|all of us)\s+", "", text, flags=re.I)
    text = re.sub(r"^(?:go ahead and|try to|try and|make sure to|make sure that we|be able to|go and|then)\s+", "", text.strip(), flags=re.I)
    text = re.sub(r"\s+(?:by|before|until|on|for)\s*$", "", text.strip(" ,.;:!?-"), flags=re.I)
    return text.strip(" ,.;:!?-")


def _with_object(words: str, before: str) -> str:
    """A task said with a pronoun ("look into it", "这个我来") completed by what the turn
    before was about; a verb that says something ("look into") is kept in front of it."""
    verb = _EN_PRONOUN_ONLY.match(words) if words and not _CJK.search(words) else None
    kept = verb["verb"] if verb and verb["verb"] and verb["verb"].lower() not in _EN_GENERIC_VERBS else ""
    if kept and not before.lower().startswith(kept.lower()):
        return f"{kept}: {before}"
    if _CJK.search(before):
        return _ZH_MODAL.sub("", before).strip(" ，,") or before  # "新供应商的报价还没人跟进": who should is not the task
    return before


_ZH_TOPIC_HEAD = re.compile(r"^(?P<topic>[^，,]{2,10}?)(?:这边|那边)?(?:可以|能|要|得|需要|应该|必须|还没|没人|也得|也要)")
"""A clause that opens with the thing it speaks of ("续约合同可以改", "变更单得报"): the thing."""


def _join_object(rest: str, obj: str) -> str:
    """A task with a bare verb and the thing it acts on, said in other words before: a verb
    with 一下 takes a short noun directly ("起草一下" + 续约合同 -> "起草续约合同"); anything
    longer is said after what it acts on ("展板设计稿颜色太暗了，改一版")."""
    verb = re.sub(r"(?:一下|下|一声)$", "", rest)
    if (verb != rest and 1 <= len(verb) <= 2 and len(obj) <= 8 and _ZH_VERB_RE.fullmatch(verb)
            and not _ZH_VERB_RE.match(_ZH_VERB_NOUNS.sub("物", obj)) and "，" not in obj):
        return f"{verb}{obj}"
    return f"{obj}，{rest}"


_ZH_MODAL = re.compile(r"(?:还|也)?(?:(?<![记觉懂晓值])得(?![到出了])|需要|应该|必须)(?=[\u4e00-\u9fff])|(?:一直|还|都|也)?(?:没人|有人)")


def _verb_on(verb: str, before: str) -> str:
    """A bare verb taken on after a turn that named the errand ("变更的事得报给监理" "好，我来报"):
    that turn's words are the task when they hold the verb ("变更的事报给监理"), else the verb is
    said on them ("起草：续约合同加一条免责条款")."""
    if not _CJK.search(before):
        return f"{verb}（{before}）"
    thing = _ZH_MODAL.sub("", before).strip(" ，,")
    core = re.sub(r"^(?:来|去)|(?:一下|下|一声|吧)$", "", verb) or verb
    if len(thing) < 2:
        return verb
    if core in thing:
        return thing
    return f"{core}：{thing}"


def _names_thing(words: str) -> bool:
    """Whether a clause said near a terse task can be its object: it names a thing (not a
    day, a count, the speaker, a question, a guess or a reason)."""
    said_day = first_due(words, None)
    if said_day is not None:
        words = _strip_span(words, said_day.start, said_day.end)  # "明天再," is a day, not a thing
    words = re.sub(r"[一二两三四五六七八九十百千万\d]+(?:个|天|周|次|台|人|份|吨|号|点)?", "", words)  # "三天就三天"
    return (len(_bare(re.sub(r"再|先|就|也|还", "", words))) >= 3 and not _ZH_SELF_RE.search(words) and not _NO_OBJECT.search(words)
            and not re.match(r"应该|可能|好像|估计|因为|主要是|其实|不一定|说不定", words))


def _subject_at(before: str) -> bool:
    """Whether 我 after ``before`` is who acts, not whom it is done to ("客户要我们…",
    "发我一份"); a noun ending in such a character (申请, 报告) is no verb."""
    if before.endswith(("申请", "邀请", "报告", "说明", "主要", "重要")):
        return True
    return not re.search(r"[说让叫请给跟和帮诉知问找催对向被把为要馈是发寄交递转]$", before)


_ZH_VERB_RE = re.compile(_ZH_VERBS)


_ZH_VERB_NOUNS = re.compile(r"交期|交底|报价|报告|报表|发票|订单|定金|排期|排班|调价|修改意见|换货|送检报告|验收单|出库单|送货单|发货单|签收单")
"""Nouns made of verb characters (交期, 报价, 发票): a thing named, not a verb."""


def _objectless(text: str) -> bool:
    """A Chinese task that is verbs only (打电话问, 催一下): it names nothing new to do."""
    text = _ZH_VERB_NOUNS.sub("物件", text)
    rest = _ZH_VERB_RE.sub("", re.sub(r"电话|一下|一声|今天|明天|马上|就|再|先|了|吧|过去|回来|一遍|上", "", _bare(text)))
    return len(rest) <= 1


_PLACEHOLDER = re.compile(r"[个份版遍次]|方案|东西|资料|材料|的事|事情|出去|过去|过来|回来|出来|一声|消息|结果|情况|进度|准话|回音|答复|回复|反馈|信儿")
"""Nouns that stand for a thing named elsewhere: "出个方案", "发出去", "弄完给你消息"."""


def _needs_object(text: str) -> bool:
    """A Chinese task whose words name no thing of their own once the verbs, pronouns and
    stand-in nouns are gone ("出个方案", "发出去", "弄完给你消息"): its object was said
    in another turn."""
    if re.search(r"[A-Za-z]{2,}", text):
        return False  # "重新出一份 COA": a thing named in letters
    rest = _PLACEHOLDER.sub("", re.sub(r"电话|一下|今天|明天|马上|亲自|自己|尽快|专门|一定|重新|赶紧|抓紧|就|再|先|了|吧|上", "", _bare(text)))
    rest = re.sub(r"[^\u4e00-\u9fff]", "", rest)
    rest = rest[m.end():] if (m := _ZH_VERB_RE.match(rest)) else rest  # one verb in front: 出, 发, 给
    return len(rest) <= 1


_ZH_PARTY = re.compile(r"(?:旧|新|原|老)?(?:供应商|承运商|经销商|代理商|厂家|工厂|公司|客户|货代|报关行|设计院|甲方|总包|分包|超市|医院|银行|物业)")
"""The kinds of outside party a meeting speaks of as 他们."""
_ZH_EXCUSE = re.compile(
    r"事(?:情)?(?:太|有点|比较|特别|挺)?多|(?:有点|太|比较|特别|挺)忙|忙不过来|没空|没时间|抽不开|走不开|脱不开"
    r"|有(?:别的|其他|其它|另外的?)(?:安排|事|会|活)|出差|请假|休假|不在(?:公司|厂里|家)?"
    r"|我(?:有个|有一个|有场|有)(?:现场|会|事|安排|活|场子|课|培训|饭局|约)|(?:要|得)?去外地|在外地"
)
"""An excuse said to a request ("我这周事情有点多……", "我下周二有别的安排"): no yes, no step, no due date."""
_ZH_REMIND = re.compile(r"别忘了?|不要忘了?|记得|记着|别落下")
"""A reminder of a task already given ("音响的事你别忘了"): the same task, not a new one."""
_TO_THEM = re.compile(r"(?:跟|给|让|问|催|通知|告诉)(?:他们|他|她|对方)")
"""Words to the party of a task just taken on ("我跟他们说这周内必须来"): a step of it."""


def _bare(text: str) -> str:
    """A Chinese task without its pronouns and aspect words: 约他们 -> 约."""
    return re.sub(r"他们|他|她|它|这个|那个|这事|那事|这些|那些|一下|过来|好|完|吧", "", text)


def _key_tokens(text: str) -> set[str]:
    """Content bigrams of a Chinese text and words of an English one, for telling whether
    two commitments speak of the same thing."""
    folded = nfkc(text).casefold()
    words = {w for w in re.findall(r"[a-z][a-z'-]{3,}", folded) if w not in _EN_STOP}
    cjk = re.sub(r"[^\u4e00-\u9fff]|他们|你们|我们|[他她你我]", " ", folded)  # a pronoun names no thing
    grams = {cjk[i: i + 2] for i in range(len(cjk) - 1) if " " not in cjk[i: i + 2] and not re.search(r"[的了吗呢吧啊]", cjk[i: i + 2])}
    return words | (grams - _ZH_STOP)


_EN_STOP = frozenset(["that", "this", "with", "have", "will", "going", "they", "them", "then", "what", "when", "from", "into", "about", "just", "also", "your", "their", "there", "these", "those", "some", "would", "could", "should", "send", "look", "make", "take", "sure"])
_ZH_STOP = frozenset(
    ["这个", "那个", "一下", "我们", "你们", "他们", "这边", "那边", "就是", "然后", "今天", "明天", "后天", "周一", "周二", "周三", "周四", "周五", "下周", "之前", "以前", "的话", "一个", "没有", "可以", "问题", "时候", "什么", "我来", "来吧", "一遍", "一次", "给你", "发你", "好了", "要是", "如果", "月底", "下午", "上午", "一起", "先把"]
)


# ----------------------------------------------------------------------------- reader


class _Reader:
    def __init__(self, cues: Sequence[Cue], meeting_date: date | None, people: People, language: Language,
                 skip: Collection[int]) -> None:
        self.cues = cues
        self.ref = meeting_date
        self.people = people
        self.language = language
        self.skip = skip
        self.tasks: list[_Task] = []
        self.items: list[Suggestion] = []
        self.who_question: tuple[int, str] | None = None
        self._resp_question: tuple[int, str, str] | None = None
        self._who_answered = False
        self.cue_addressee: str | None = None
        self.cue_topic = ""
        self.noting = False
        self.prev_dates: set[date] = set()
        """The dates said in the last other speaker's turn (an echo of one is no due date)."""
        self.vague: tuple[int, str | None] = (-1, None)
        """The last vague remark and its speaker: "算了" after it takes back nothing recorded."""
        self.alias: dict[str, str] = {}
        """Anonymous speaker labels (PERSON4) known by the name they answered to ("Anna, can you…" "Sure")."""
        self.last_speaker: str | None = None
        self.prev_other: str | None = None
        self.chair: set[str] = {
            label for label in {(c.speaker or "").strip() for c in cues}
            if label and re.search(r"(?:总|老板|院长|厂长|园长|校长|店长|总监|主持人?)(?:[（）()]|$)", label)}
        """Who leads the meeting: the one who opens it, and anyone labelled as the boss (张总,
        黎院长, 老板): their settled word after others spoke closes a point."""
        self.label: str | None = None
        self.opened = False
        self.last_label: str | None = None
        self.last_summary: tuple[int, Suggestion] | None = None
        """The one who opened the meeting: their settled statement after others spoke closes a point."""
        self.prev_text = ""
        self.clause_deadline = False
        """The clause being read said its day as a deadline (周三前, 两天内)."""
        self.day_first: date | None = None
        self.withdrawn: set[tuple[int, date]] = set()
        self.new_item: tuple[int, str, bool] | None = None
        """A new thing opened in the turn being read ("还有保险", "验收单他们一直没签"): its cue,
        the thing, and whether it was said as another item (还有 / 另外), so that the speaker's
        next commitment, even without a day of its own, is another task."""
        """Days a speaker took back in a turn ("周日——不对"), by the cue they were said in."""
        """A day said alone before the clauses of its sentence that say what is due then."""
        self.turn_lead = ""
        """A topic said alone earlier in the turn being read ("新的供应商报价，这个我来跟")."""
        self.turn_yes = False
        """The turn opened with a yes ("我这边没问题，…"): a dated step after it is the speaker's own."""
        self.closing = self._closing_turns()
        self.topic_before: dict[int, str] = {}
        self.said_before: dict[int, str] = {}
        """The words of the turn before each cue, whole (its object may be in any clause of it)."""
        self.asked_before: dict[int, str] = {}
        """The thing a "谁…" question just before each cue asked about (its answer is about it)."""
        self.prev_said = ""
        """The words of the turn before ("我觉得可以先发一半" before "那就先发一半": a proposal taken)."""
        """What the turn before each cue was about (its last clause with content)."""
        self._names: dict[str, str] | None = None
        """First names of role-labelled speakers, worked out when a closing turn needs them."""
        """English cues where the chair hands out the next phase (``handout``)."""

    def _closing_turns(self) -> set[int]:
        """The cues late in an English meeting from the one who turned it towards the next
        phase ("in the meantime…", "next meeting…"), theirs for the next few turns."""
        out: set[int] = set()
        n = len(self.cues)
        for index, cue in enumerate(self.cues):
            if index < 0.5 * n or _CJK.search(cue.text) or not PHASE.search(cue.text):
                continue
            theirs = [later for later in range(index, min(n, index + 25)) if self.cues[later].speaker == cue.speaker]
            out.update(theirs[:8])  # others' "mm-hmm" in between do not end the hand-out
        return out

    # -- helpers
    def _recent(self, owner: str | None, index: int, window: int = 3) -> _Task | None:
        for task in reversed(self.tasks):
            if task.state == "dropped" or task.cues[-1] < index - window:
                continue
            if owner is None or task.owner == owner:
                return task
        return None

    def _own(self, speaker: str | None, index: int, said: str = "") -> _Task | None:
        """The task a speaker may take back or hand over: their own, or one they asked for;
        one whose words the turn repeats first ("never mind the quota")."""
        words = _key_tokens(said)
        for task in reversed(self.tasks):
            if (task.state != "dropped" and task.cues[-1] >= index - 15 and words
                    and (task.owner == speaker or task.asker == speaker) and words & _key_tokens(task.text)):
                return task
        for task in reversed(self.tasks):
            if (task.state in ("offer", "request") and task.cues[-1] >= index - 2 and words
                    and words & _key_tokens(task.text)):
                return task  # "我先两种都出个小样？" "算了，小样先别出了": the offer just made, named
        for task in reversed(self.tasks):
            if task.state == "dropped" or task.cues[-1] < index - 3:
                continue
            if self.vague[1] == speaker and self.vague[0] > task.cues[-1]:
                return None  # "我回头再问问吧" … "算了，不用问了": the vague remark is what is taken back
            if task.owner == speaker or task.asker == speaker:
                return task
        return None

    def _unnamed_room(self) -> bool:
        """Whether the transcript labels its speakers 说话人1, Speaker 2 …: who is called 小王
        there is learnt only from who answers."""
        return any(_ANONYMOUS.fullmatch(name) for name in self.people.names)

    def _due(self, clause: str) -> date | None:
        """The due day a clause says: of the days in it, the last one (one said with 前 / 内
        first) that is not a day of something else: asked about, to be said, a condition."""
        if re.search(r"每(?:周|星期|礼拜|天|月)|(?:周|星期|礼拜)[一二三四五六日天][、和跟与及]?(?:周|星期|礼拜)[一二三四五六日天]", clause):
            return None  # "周二周五固定一个人跑市一院": days of a schedule, no due date
        found = [f for f in find_dates(clause, self.ref) if not self._other_day(clause, f)]
        if not found:
            return None
        marked = [f for f in found if re.search(r"前|内|by|before|end of", f.text, re.I)]
        day = (marked or found)[-1]
        if re.match(r"左右|前后|上下", clause[day.end:]):
            return None  # "争取一月五号左右": a day guessed at, no due date
        return day.due

    @staticmethod
    def _other_day(clause: str, day: SpokenDate) -> bool:
        """A day said in a clause that is not when the clause's errand is due: the day that
        will be said ("我先跟客户说下周五"), one asked about ("问他们能不能十号前做完", "问仓库周六
        能不能收货"), a condition's ("样品周三到的话", "等模具周一修好了"), or one day named as
        another ("十五号是下周二"). The next day said in the clause may still be its due day."""
        before, after = clause[: day.start], clause[day.end:]
        if re.search(r"(?:说|告诉\S{0,4}|答复|回复|承诺|报|通知\S{0,4})$", before) and not re.search(r"前|内", day.text):
            return True
        asking = r"能不能|能否|是否|可不可以|有没有|来不来得及|行不行"
        if re.search(rf"问[^，,。]{{0,14}}(?:{asking})(?:赶在|在|于|到|最晚|最迟)?$", before):
            return True  # the day inside the question, not one said after it is over
        if re.search(r"问|看看", before) and re.match(rf"[^，,。]{{0,8}}?(?:{asking})", after):
            return True  # "问仓库周六能不能收货": the asking said after the day
        if (re.match(rf"(?:看看?|问问?)?(?:{asking})", clause) and not re.search(r"你|您", clause)
                and not re.search(rf"(?:{asking})[^，,。]{{4,}}$", before)):
            return True  # "能不能十号之前给到？" said to the room
        if re.match(r"[^，,。]{1,8}?的话", after) or re.search(r"(?:如果|要是|假如|万一|等)[^，,。我]{0,8}$", before):
            return True
        day_word = r"(?:[号日]|(?:周|星期|礼拜)[一二三四五六日天]|[今明后]天)"
        return bool((re.match(r"(?:就|正好|刚好)?是(?:在)?", after) and find_dates(after, None))
                    or re.search(rf"{day_word}(?:就|正好|刚好)?是(?:在)?$", before))

    def _set_due(self, task: _Task, due: date | None, index: int, deadline: bool | None = None) -> None:
        """The last day said for a task in a later turn stands; within one turn the first,
        unless a later one is a deadline (前 / 内) after a plain day ("名单你会后再核对一遍，
        两天内给我": 会后 is when it starts, 两天内 when it is due). A plain earlier day said
        later is the first step, not a new deadline ("最好周三之前" … "我今天下午就打电话").
        ``deadline`` defaults to whether the clause being read said its day with 前 / 内."""
        if due is None:
            return
        if deadline is None:
            deadline = self.clause_deadline
        if task.due is not None and task.due_marked and not deadline and due < task.due and task.due_cue != index:
            return
        if task.due is None or task.due_cue != index or (deadline and not task.due_marked and due > task.due):
            task.due = due
            task.due_cue = index
            task.due_marked = deadline

    @staticmethod
    def _add_step(task: _Task, step: str) -> None:
        """A further step said for a task ("出报告", "告诉大家到底写没写") kept with its words,
        while the task stays short; pronouns and bare verbs add nothing."""
        step = re.sub(r"^(?:那部分|这部分|那个|这个)", "", step).strip(" ，,")
        if (re.match(r"应该是|可能是|好像|估计|因为|主要是|就是说|其实", step) or _ZH_EXCUSE.search(step)
                or re.search(r"——|--|啊不|不对", step) or (_CJK.search(step) and not _ZH_VERB_RE.search(step))):
            return  # "应该是线松了": a guess or a reason said beside the task, not a step of it
        if (len(step) < 3 or re.match(r"不过|但是|可是|只是|就是", step) or _objectless(step) or step in task.text or any(step in x for x in task.extra)
                or len(task.extra) >= 2 or len(task.text) + sum(map(len, task.extra)) + len(step) > 40):
            return
        task.extra.append(step)

    def _object_from_before(self, index: int) -> str:
        if self.turn_lead:
            return self.turn_lead  # "新的供应商报价，这个我来跟": the topic said first in the same turn
        if self.who_question and self.who_question[0] >= index - 3:
            return self.who_question[1]
        return self.prev_text

    def _same_thing(self, task: _Task, text: str, index: int | None = None) -> bool:
        if not text or _ZH_GENERIC_OBJECT.match(text) or _EN_PRONOUN_ONLY.match(text):
            return True
        if (index is not None and task.cues[-1] == index and not _CJK.search(text)
                and re.fullmatch(r"[a-z-]+(?:\s+[a-z-]+)?\s+(?:to\s+|with\s+|back\s+to\s+)?(?:them|it|him|her|that|this|everyone)", text, re.I)):
            return True  # "I'll let the customer know…, I'll write to them today"
        if (index is not None and task.cues[-1] == index and _CJK.search(text) and "把" not in text
                and set(re.findall(r"[问发改写寄打做测查约谈交给审签订]", text)) & set(re.findall(r"[问发改写寄打做测查约谈交给审签订]", task.text))):
            return True  # "这个我得问一下老板，我今天问了告诉你们": the same errand, said twice in one turn
        if _CJK.search(text) and (_objectless(text) or _needs_object(text)) and (index is None or task.cues[-1] >= index - 2):
            return True  # "我打电话问，今天就问" after "我去问王总": no new object, the same errand
        if _CJK.search(text) and len(_bare(text)) <= 2 and (index is None or task.cues[-1] >= index - 2):
            return True  # a verb with a pronoun: 约他们, 打电话给他
        return bool(_key_tokens(task.text + "".join(task.extra)) & _key_tokens(text))

    def _done_here(self, task: _Task, text: str, index: int, speaker: str | None) -> date | None:
        """The task in hand said to be done now, in the meeting: it is due today, and one the
        speaker only just took on in their turn before, with no day, is no follow-up at all
        ("他那边我发个消息" "我现在就发")."""
        if (task.cues == [index - 1, index] and task.owner == speaker and task.due is None
                and self.last_speaker == speaker and (not text or _needs_object(text) or _objectless(text))):
            task.state = "dropped"
        return self.ref

    def _commit(self, owner: str | None, text: str, due: date | None, index: int, speaker: str | None,
                *, state: str = "firm", confidence: float = 0.6, new_task: bool = False,
                in_meeting: bool = False) -> _Task | None:
        """Add a commitment, or join it to the task in hand by the same owner."""
        open_task = None if new_task else self._recent(owner, index)
        said_yes = bool(_ZH_AGREE.match(self.cues[index].text.strip())) and not re.search(
            r"也|顺便|另外|还有|同时", self.cues[index].text)
        concrete = bool(open_task is not None and open_task.borrowed and open_task.cues[-1] >= index - 2 and text
                        and _CJK.search(text) and not _needs_object(text)
                        and not re.search(r"也|顺便|另外|还有|同时", self.cues[index].text))
        if (open_task is not None and not self._same_thing(open_task, text, index) and open_task.accepted != index
                and not (open_task.borrowed and open_task.cues[-1] == index) and not concrete
                and not (said_yes and open_task.cues[-1] == index - 1 and open_task.asker not in (None, owner))):
            # kept: "我去。" … "那我周五之前把封路申请交到交警队" (the errand said in full);
            # "你先跟他们口头把车锁住。" "好，会后我就打电话锁车。" (the yes to it)
            open_task = None
        if concrete and open_task is not None and open_task.cues[-1] != index:
            open_task.text, open_task.borrowed = text, False
        if open_task is None and not new_task:
            # the same thing said again later by its owner ("邮件我现在就写" after "我先写个邮件")
            open_task = next((t for t in reversed(self.tasks) if t.owner == owner and t.state == "firm"
                              and t.cues[-1] >= index - 15 and text and not _ZH_GENERIC_OBJECT.match(text)
                              and len(_key_tokens(t.text) & _key_tokens(text)) >= 1 and (in_meeting or len(_key_tokens(t.text) & _key_tokens(text)) >= 2)), None)
        if open_task is not None:
            open_task.touch(index)
            if open_task.state in ("offer", "request") and state == "firm":
                open_task.state = "firm"
            if text and not _ZH_GENERIC_OBJECT.match(text) and not _EN_PRONOUN_ONLY.match(text):
                if len(open_task.text) < 2 or _ZH_GENERIC_OBJECT.match(open_task.text) or (
                        _CJK.search(text) and _objectless(open_task.text) and not _needs_object(text)):
                    open_task.text = text  # "你先问" then "招聘我继续挂着，月底前把人招齐": the words with a thing
                elif text not in open_task.text:
                    self._add_step(open_task, text)
            if in_meeting and due is None:
                due = self._done_here(open_task, text, index, speaker)
            self._set_due(open_task, due, index)
            open_task.confidence = max(open_task.confidence, confidence)
            return open_task
        if in_meeting:
            return None
        text, borrowed = self._with_its_object(text, index)
        if not text or len(text) < 2:
            return None
        task = _Task(owner, text, due, [index], speaker, state=state, confidence=confidence,
                     due_cue=index if due else -1, borrowed=borrowed)
        self.tasks.append(task)
        return task

    def _with_its_object(self, text: str, index: int) -> tuple[str, bool]:
        """A new task's words with the thing it acts on, when they name none (and whether
        that thing was borrowed from the turn before)."""
        if not text or _ZH_GENERIC_OBJECT.match(text) or _EN_PRONOUN_ONLY.match(text):
            before = self._object_from_before(index)
            return (_with_object(text, before), True) if before else (text, False)
        if not _CJK.search(text) or len(_bare(text)) > 2:
            return text, False
        if said := self._own_antecedent(index, text):
            return f"{said}，{text}", False  # "老周以前找过做小批量的厂，我来联系他": 他 is named in the same turn
        before = self._object_from_before(index)
        if not before or self._own_topic(index, text):
            return text, False
        if before.startswith(text) or re.fullmatch(r"(?:去|来|负责|弄|做|办|搞|管)(?:吧|一下)?", text):
            return before, True  # "我去吧" after "谁去找他签": the errand asked about
        return _verb_on(text, before), False  # 转告他 what was asked just before

    def _own_antecedent(self, index: int, text: str) -> str:
        """The clause of the same turn, before a task that acts on 他 / 她 / 它 / 他们, that
        names whom or what the pronoun stands for ("老周以前找过做小批量的厂，我来联系他")."""
        if not re.search(r"[他她它]们?$", text):
            return ""
        said = self.cues[index].text
        at = said.rfind(text[:1])
        clauses = [c for c in _CLAUSE_SPLIT.split(re.sub(r"[。！？!?；;…]", "，", said[:at])) if c.strip()] if at > 0 else []
        for clause in reversed(clauses):
            words = _zh_tidy(_ZH_FILLER.sub("", clause.strip()), self.people)
            if _names_thing(words):
                return words
        return ""

    def _own_topic(self, index: int, text: str) -> bool:
        """Whether the turn names, before a bare verb, the thing it acts on as its topic
        ("绩效表可以改，…我改一下"): that thing, not the turn before, is its object."""
        said = self.cues[index].text
        at = said.find(text[:1])
        clauses = _CLAUSE_SPLIT.split(re.sub(r"[。！？!?；;…]", "，", said[:at])) if at > 0 else []
        for clause in clauses:
            head = _ZH_TOPIC_HEAD.match(_ZH_FILLER.sub("", clause.strip()))
            if head and len(head["topic"]) >= 2 and not _ZH_SELF_RE.search(head["topic"]) and not _ZH_VERB_RE.match(
                    _ZH_VERB_NOUNS.sub("物", head["topic"])):
                return True
        return False

    # -- the walk
    def run(self) -> None:
        for index, cue in enumerate(self.cues):
            if index in self.skip or not cue.text.strip():
                continue
            if parse_line(cue.text, self.ref).kind != "note":
                continue  # a quick-capture line is recorded as typed
            speaker = self.people.speaker(cue.speaker)
            speaker = self.alias.get(speaker or "", speaker)
            if speaker != self.last_speaker:
                self.prev_other = self.last_speaker  # "你" is most often the one who spoke last
            self.label = (cue.speaker or "").strip() or None
            if not self.opened and self.label is not None:
                # "老板（包总）" is later "包总": the chair answers to each name the label gives
                self.opened = True
                self.chair |= {self.label, *(n for n in re.split(r"[（）()]", self.label) if n.strip())}
            text = _asr_pauses(cue.text.strip())
            speaker = self._answer_pending(index, speaker, text)
            self.cue_addressee = None
            self.cue_topic = ""
            self.turn_yes = bool(re.match(r"^[嗯呃哦好行，,\s]*(?:我这边|我们这边|我们|我)?(?:没问题|没事|可以|能行|好的|行)[，,]", text))
            self.noting = False
            if _CJK.search(text):
                self._read_zh(index, speaker, text)
            else:
                self._read_en(index, speaker, text)
            if speaker != self.last_speaker:
                found = find_dates(text, self.ref)
                self.prev_dates = {f.due for f in found}
            self.last_speaker = speaker
            self.last_label = self.label
            self.topic_before[index] = self.prev_text
            self.said_before[index] = self.prev_said
            if self.who_question and index - 3 <= self.who_question[0] < index:
                self.asked_before[index] = self.who_question[1]
            self.prev_said = text
            self.prev_text = self._topic(text)

    def _topic(self, text: str) -> str:
        """What a turn was about, for a later "这个我来" / "I can take that": its last clause
        with content (in English its last sentence, the need without "we need someone to")."""
        if not _CJK.search(text):
            sentences = [_EN_FILLER.sub("", x.strip()).strip() for x in re.split(r"(?<=[.?!])\s+", text)]
            sentences = [x for x in sentences if len(x.split()) >= 4]
            if sentences:
                return _en_task_text(_EN_NEED.sub("", sentences[-1]).rstrip("?"))
            return ""
        questions = [q for q in _SENTENCE.findall(text) if re.search(r"[？?]\s*$", q)]
        if questions:  # "温控模块要不要先备一个新的？万一要换。": the question is the topic
            text = questions[-1]
        clauses = [c for c in _CLAUSE_SPLIT.split(re.sub(r"[。！？!?；;…]", "，", text)) if c.strip()]
        if len(clauses) > 1:  # "先送到中心医院供应室，之前合作过": the background said after it is not the topic
            clauses = [c for c in clauses if not re.search(r"(?:之前|以前|上次|原来)[^，,]{0,6}过|过了?$", c.strip())] or clauses
            # "那得出个补充报价单，让客户签字": what it is for, said after it, is not the thing
            clauses = clauses[:1] + [c for c in clauses[1:] if not re.match(r"\s*(?:(?:好)?(?:让|以便|省得|免得|不然|否则)|我(?:要|好|得|才能))", c)]
        for clause in reversed(clauses):
            cleaned = _ZH_FILLER.sub("", clause.strip())
            cleaned = re.sub(r"谁(?:来|去|负责)?|要不要|能不能|是不是|什么时候|多久|怎么办|吗|呢|呀|啊|吧|[？?]", "", cleaned).strip()
            cleaned = re.sub(r"(?:要|能|得|可以)$", "", cleaned)  # "打样要多久？": 打样
            cleaned = re.sub(r"^(?:需要|得|要|还得|还要)有(?:个)?人(?:来|去)?", "", cleaned)  # "需要有人写个回复"
            if _CJK.search(cleaned) and len(cleaned) >= 3:
                said = _zh_task_text(cleaned, self.people, None)
                if not questions or (len(said) >= 2 and not _ZH_GENERIC_OBJECT.match(said)):
                    return said  # (in a question, "是不是你来跟？" leaves 跟: the clause before says what)
            if not _CJK.search(cleaned) and len(cleaned) >= 8:
                return _en_task_text(cleaned)
        return ""

    def _answer_pending(self, index: int, speaker: str | None, text: str) -> str | None:
        """A yes (or no) to a request or offer from the turns just before; returns the
        speaker's name (an anonymous label that answered to a name takes it)."""
        agree = _ZH_AGREE.match(text) or _EN_AGREE.match(text)
        refuse = _ZH_REFUSE.search(text) or _EN_REFUSE.match(text) or _ZH_DONE_BEFORE.search(text)
        answered: int | None = None
        for task in reversed(self.tasks[-12:]):  # only the last few can still be waiting
            if task.state not in ("offer", "request") or task.cues[-1] < index - 2:
                continue
            if answered is not None:
                # "赵磊你把施工图发给设计院，顺便问一下…" "好": the yes answers every errand of that turn
                if task.state == "request" and task.cues[0] == answered and task.owner == speaker and agree and not refuse:
                    task.state, task.accepted, task.confidence = "firm", index, 0.65
                    task.touch(index)
                continue
            if task.state == "request":
                if task.owner is None and speaker != task.asker:
                    task.owner = speaker
                if (task.owner != speaker and speaker and speaker != task.asker and task.owner
                        and task.owner not in self.people.names and _ANONYMOUS.fullmatch(speaker)
                        and (agree or (task.cues[-1] == index - 1 and is_form_of_address(task.owner) and not refuse))):
                    # (the one called 小钱 who answers the very next turn is 小钱, with a yes or
                    # with a day: "明天上午有个试验，明天下班前给你")
                    self.alias[speaker] = task.owner
                    speaker = task.owner
                if task.owner != speaker and not (agree and task.handed_from == speaker):
                    continue
                if refuse:
                    task.state = "dropped"
                elif agree:
                    task.state = "firm"
                    task.touch(index)
                    task.accepted = index
                    task.confidence = 0.65
            elif task.state == "offer" and speaker != task.speaker and agree and not refuse:
                task.state = "firm"
                task.touch(index)
                task.accepted = index
            if task.state == "offer" or not _CJK.search(text):
                break
            answered = task.cues[0]
        return speaker

    # -- Chinese
    def _read_zh(self, index: int, speaker: str | None, text: str) -> None:
        self.turn_lead = ""
        if _ZH_WHO.search(text):
            obj = re.split(_ZH_WHO, text)[0]
            # the thing asked about is the clause before 谁, or the one before a bare 这个
            parts = [p for p in re.split(r"[，,。？?…]", obj) if p.strip() and not _ZH_GENERIC_OBJECT.match(p.strip())]
            # "音响这块……后勤那边谁能看一下": the side asked ("后勤那边") is not the thing
            parts = [p for p in parts if not re.fullmatch(r"[^，,]{1,6}(?:那边|这边)", p.strip())] or parts
            obj = parts[-1] if parts else ""
            obj = re.sub(r"(?:还没|没|还不|不)(?:定|落实|确定|着落|人管)(?:下来)?$|的事$|这块$|那块$", "", obj.strip())
            obj = _zh_task_text(obj, self.people, None)
            verb = _ZH_WHO.search(text)
            tail = text[verb.end():] if verb else ""
            tail = re.sub(r"(?:一下|一下子|下)?[？?。吧呢啊]*$", "", tail).strip()
            if _ZH_GENERIC_OBJECT.match(obj):
                obj = ""
            if not obj and verb is not None and re.search(r"有空|有时间", verb.group(0)):
                obj, tail = self.prev_text, ""  # "这个……你们谁有空？": the thing the turn before asked for
            if not obj and tail:  # "啊这个 谁去找他签": the errand is the words after 谁, "他" the one just spoken of
                obj = f"{tail}（{self.prev_text}）" if self.prev_text and (len(tail) <= 2 or re.search(r"他|她", tail)) else tail
            self.who_question = (index, f"{tail}{obj}" if tail and len(tail) <= 2 and obj != tail else obj)
        self._read_decision_zh(index, speaker, text)
        self._read_responsibility_zh(index, speaker, text)
        self._read_obstacle(index, speaker, text)
        current: _Task | None = None
        fix = _ZH_SELF_FIX.search(text)
        said_first = _ZH_FILLER.sub("", text[: fix.start()].strip()) if fix is not None else ""
        if fix is not None and fix.start() > 0 and (self._self_commit(said_first) or _ZH_REQUEST.search(said_first)):
            # "我来打吧 哦不行 我这周要去外地 让小郑打吧": the offer is read first, then what takes it back
            self._read_sentences_zh(index, speaker, text[: fix.start()], None)
            text = text[fix.start():]
        taken_back = None if fix is not None and self._another_matter(index, said_first) else self._retract_zh(index, speaker, text)
        if taken_back is not None:
            text, current = text[taken_back[0]:], taken_back[1]
        self._read_sentences_zh(index, speaker, text, current)
        self._dated_by_topic(index, speaker, text)
        self._dated_by_question(index, speaker, text)
        if self._who_answered and self.who_question:
            self.who_question = (self.who_question[0] - 10, self.who_question[1])  # answered: once
            self._who_answered = False

    def _another_matter(self, index: int, said_first: str) -> bool:
        """Whether the words a turn takes back ("…算了，还是让许娜去吧") were about a matter of
        their own, named just before ("单证这块，让小柯一起做了"), that no task in hand is
        about: then no task in hand is what is taken back."""
        sentences = _SENTENCE.findall(said_first)
        topic = re.search(r"([\u4e00-\u9fff]{2,6}?)(?:这块|那块|这件事|的事)[，,]", sentences[-1]) if sentences else None
        return topic is not None and not any(
            _key_tokens(topic[1]) & _key_tokens(t.text + "".join(t.extra) + self.cues[t.cues[0]].text)
            for t in self.tasks if t.state != "dropped" and t.cues[-1] >= index - 3)

    def _read_sentences_zh(self, index: int, speaker: str | None, text: str, current: _Task | None) -> None:
        """The sentences of (part of) a Chinese turn, clause by clause; vague or hedged
        sentences are passed by."""
        sentence_due: date | None = None
        lead = said_before = ""
        for sentence in _SENTENCE.findall(text):
            dated_after = any(not _ZH_VAGUE.search(part) and self._due(part) is not None
                              for part in _CLAUSE_SPLIT.split(_ZH_VAGUE.split(sentence)[-1]))
            if (_ZH_VAGUE.search(sentence) and not _ZH_COMMIT.search(re.sub(_ZH_VAGUE, "", sentence))
                    and not _ZH_REQUEST.search(_ZH_VAGUE.split(sentence)[0])  # "你们先把数据发我，我再看看": the ask stands
                    and not (dated_after and self._recent(speaker, index, 2) is not None)):
                # ("今天可能不行，…，我尽量周四前": the doubt is about today; the day after it stands)
                self.vague = (index, speaker)
                continue
            hedged = _ZH_HEDGE.search(sentence) or (_ZH_SOFT_HEDGE.search(sentence) and first_due(sentence, self.ref) is None)
            if hedged and not (_ZH_REQUEST.search(sentence) and re.search(r"你|您", sentence)):
                self.vague = (index, speaker)  # "我尽量周五前给你，不保证啊": the promise is taken back as it is made
                continue
            clauses = [c for c in _CLAUSE_SPLIT.split(sentence) if c.strip()]
            subject = ""
            if re.search(r"[。！？!?]\s*$", said_before):
                lead = ""  # a topic said in a whole sentence before is not carried on ("…。林芳你问…")
            said_before = sentence
            self.day_first = None
            condition = demand = False
            self._another_thing(index, speaker, clauses, current)
            for n, clause in enumerate(clauses):
                day = self._due(clause)
                if (day is not None and n + 1 < len(clauses) and self._only_a_day(clause) and current is None
                        and self._recent(speaker, index, 2) is None and not self._asked_when(speaker)):
                    self.day_first = day  # "本周五之前，小李把客户名单整理出来": the day for what follows
                    continue
                bare = _ZH_FILLER.sub("", clause.strip()).strip(" ，,…")
                if _ZH_CORRECTION.fullmatch(bare):
                    self._withdraw_days(index, speaker)
                    continue
                if demand and current is not None and current.due_cue == index and day is not None and not re.search(r"我|咱|你|您", bare):
                    continue  # "我明天给他们发函，要求退换，十五号之前到": the day is what is demanded of them
                demand = demand or bool(re.match(r"(?:要求|让他们|叫他们|请他们|催他们|让对方|请对方)", bare))
                if m := _ZH_ALSO.fullmatch(bare):
                    self.new_item = (index, m["thing"], True)  # "还有保险，我今天把照片报给保险公司"
                self.turn_lead = lead
                lead = _zh_tidy(bare, self.people) if self._is_topic(bare) else ""
                if re.fullmatch(rf"{_ZH_SELF}(?:这边|那边)?", bare):
                    subject = bare  # "我们这边，呃，尽快吧，争取…寄过去": said first, meant for what follows
                    continue
                if subject and not _ZH_SELF_RE.search(bare) and re.search(_ZH_VERBS, bare) and len(bare) >= 4:
                    clause, subject = subject + bare, ""
                if condition and self._self_commit(_ZH_FILLER.sub("", clause.strip())):
                    continue  # "要是客户同意的话，我下周去一趟": on a condition someone else holds
                condition = condition or bool(re.search(r"^(?:如果|要是|假如|万一)|的话$", bare)
                                              and re.search(r"同意|答应|批|愿意|接受|认可|要的话|需要", bare))
                current, sentence_due = self._zh_clause(index, speaker, clause, current, sentence_due)

    def _another_thing(self, index: int, speaker: str | None, clauses: list[str], current: _Task | None) -> None:
        """A sentence that opens on a thing the speaker's task in hand is not about ("验收单他们
        一直没签，我月底前让他们签回来"): a commitment in it with a day of its own is another
        task, about that thing, not a new day for the one in hand."""
        mine = current if current is not None and current.owner == speaker else self._recent(speaker, index, 1)
        if len(clauses) < 2 or mine is None or mine.due_cue != index:
            return
        first = _ZH_FILLER.sub("", clauses[0].strip())
        thing = re.match(r"(?P<thing>[\u4e00-\u9fff]{2,8}?)(?:他们|他|她|一直|还没|没有|没|已经|都|也|还)", first)
        if (thing is None or self._self_commit(first) or re.search(r"你|您|[？?]|吗", first) or self._due(first)
                or self.people.mentions(thing["thing"]) or _key_tokens(thing["thing"]) & _key_tokens(mine.text + "".join(mine.extra))):
            return
        self.new_item = (index, thing["thing"], False)

    def _withdraw_days(self, index: int, speaker: str | None) -> None:
        """"我去 周日——不对 周日闭馆 下周一": the days the speaker gave their tasks earlier in
        the turn are taken back; the next day said stands, and the one taken back, said again
        as the reason, dates nothing."""
        for task in self.tasks:
            if task.owner == speaker and task.due_cue == index and task.due is not None:
                self.withdrawn.add((index, task.due))
                task.due_cue, task.due_marked = -1, False

    def _dated_by_topic(self, index: int, speaker: str | None, text: str) -> None:
        """"样品那个，我跟他们说好了，本周五之前寄到": a later sentence of the owner's that
        opens on the matter of a task they took on ("X那个", "X的事") and says a day, with no
        new task in it, dates that task."""
        if any(t.cues[0] == index for t in self.tasks):
            return
        for sentence in _SENTENCE.findall(text):
            opened = re.match(r"^[嗯呃哦好对那，,\s]*(?P<topic>[\u4e00-\u9fff]{2,6}?)(?:那个|这个|那边|的事)[，,]", sentence)
            found = first_due(sentence, None) if opened else None
            if opened is None or found is None or _ZH_VAGUE.search(sentence) or re.search(r"[？?]|吗", sentence):
                continue
            words = _key_tokens(opened["topic"])
            task = next((t for t in reversed(self.tasks) if t.owner == speaker and t.state == "firm" and index - 15 <= t.cues[-1] < index
                         and words & _key_tokens(t.text + "".join(t.extra) + self.cues[t.cues[0]].text
                                                 + self.said_before.get(t.cues[0], ""))), None)
            if task is not None:  # (a task taken on with "这个我来跟" is about the turn before it)
                self._set_due(task, self._due(sentence[found.start:]), index, deadline=True)
                task.touch(index)
                return

    def _dated_by_question(self, index: int, speaker: str | None, text: str) -> None:
        """"能不能十号之前给到？" "可以，我这边安排送检": a yes to a question that named a
        deadline takes the deadline for the errand it takes on with no day of its own."""
        asked = self.prev_said if self.last_speaker not in (None, speaker) else ""
        if not asked or not re.search(r"[？?]|吗", asked) or not (_ZH_YES.match(text) or _ZH_AGREE.match(text)):
            return
        said = first_due(asked, None)
        if said is None or not re.search(r"前|内", said.text):
            return
        due = self._due(asked)
        for task in self.tasks[-3:]:
            if task.cues[0] == index and task.owner == speaker and task.due is None and task.state == "firm":
                self._set_due(task, due, index)

    def _only_a_day(self, clause: str) -> bool:
        """A clause that says a day and nothing else ("本周五之前", "明天上午")."""
        found = first_due(clause, None)
        rest = clause if found is None else _strip_span(clause, found.start, found.end)
        return not re.sub(r"[^\u4e00-\u9fff]|最晚|最迟|之前|以前|前|那|就|吧|啊|好|嗯|对", "", _ZH_FILLER.sub("", rest.strip()))

    def _is_topic(self, clause: str) -> bool:
        """A clause that only names a thing ("新的供应商报价", "物流那边的对账"): no one acts in
        it, nothing is asked or weighed; a pronoun said after it ("这个我来跟") means it."""
        return (len(_bare(clause)) >= 3 and not _ZH_SELF_RE.search(clause) and not re.search(r"你|您", clause)
                and not _NO_OBJECT.search(clause) and not self._due(clause) and not _ZH_VAGUE.search(clause)
                and not re.search(r"[了过着]|是|有|没|不|要|得|会|在", clause) and not self.people.mentions(clause)
                and not _ZH_GENERIC_OBJECT.match(clause))

    def _retract_zh(self, index: int, speaker: str | None, text: str) -> tuple[int, _Task | None] | None:
        """A turn that takes a commitment back ("算了，先不弄了") or hands it over ("算了，还是
        你来吧"): the task in hand is dropped or gets its new owner. Returns where the rest of
        the turn starts (it may date the task handed over, "…，小陈你周三前对完", or ask for
        something else) and the task handed over; None when the turn took nothing back."""
        retract = _ZH_RETRACT.search(text)
        handover = _ZH_HANDOVER.search(text[retract.end():] if retract else text)
        if retract is None and not (handover and re.search(r"还是|换成|改成|不行|不对", text[: handover.end()])):
            return None
        if (retract is not None and handover is None and re.search(r"不用|不需要|没必要|用不着", retract.group(0))
                and self._takes_back_the_turn_before(index, speaker)):
            # "我是不是得重新去订喷涂？" "哦不对，这个不用我们做了": what the turn before asked
            # or took on is what falls, not an older task that shares a word with the reason
            before = next((t for t in reversed(self.tasks) if index - 1 in t.cues and t.state != "dropped"), None)
            if before is not None:
                before.state = "dropped"
            stop = re.compile(r"[。！？!?；;…\n]").search(text, retract.end())
            return (stop.end() if stop else len(text)), None
        task = self._own(speaker, index, text)
        if task is None and (handover or (retract and re.search(r"不用|不需要", retract.group(0)))):
            # "要不还是法务看吧", "算了，还是让小陈去吧", "这个不用我们做了": said of the task
            # just taken on by someone else
            task = self._recent(None, index, 2)
        if task is None:
            return None
        if handover:
            who_text = handover["who"]
            named = self.people.mentions(who_text)  # "让小郑打吧", "让仓库老孙下吧": the person named in it
            who = self.prev_other if re.fullmatch(r"你|您|你们", who_text) else speaker if re.fullmatch(
                r"我(?:自己)?", who_text) and retract is not None else (named[-1].owner if named else self.people.owner(who_text))
            # ("算了，还是我自己去吧": the speaker takes back the errand they were handing on)
            if who is None and looks_like_name(who_text):
                who = who_text  # "那还是冯凯去吧": someone who has not spoken yet
            if who:
                if who == speaker:
                    task.text = re.sub(r"让[^，,。]{1,6}?(?=去|来)", "", task.text)  # no longer "让小钱去拿"
                task.handed_from = task.owner
                task.owner = who
                # one in the room is asked and answers; one who is not present cannot, so the
                # meeting's word is final ("算了，还是让小陈去吧")
                task.state = "request" if who != speaker and who in self.people.names else "firm"
                task.directive = self.label in self.chair  # the chair's word stands unless turned down
                task.asker = speaker
                task.touch(index)
                return (retract.end() if retract else 0) + handover.end(), task
        if retract is not None:
            task.state = "dropped"
            stop = re.compile(r"[。！？!?；;…\n]").search(text, retract.end())
            return (stop.end() if stop else len(text)), None
        return None

    def _takes_back_the_turn_before(self, index: int, speaker: str | None) -> bool:
        """Whether a "不用…了" answers the turn just before, someone else's: a question put
        ("要不要我安排车拉回来？") or a task taken on there ("熏蒸我也去约一下吧")."""
        if self.last_speaker in (None, speaker) or not self.prev_said or any(index in t.cues for t in self.tasks):
            return False  # (a turn that took something on first takes back its own words)
        return bool(re.search(r"[？?]\s*$|要不要|是不是|需不需要|用不用", self.prev_said)
                    or any(index - 1 in t.cues and t.owner == self.last_speaker for t in self.tasks))

    def _zh_clause(self, index: int, speaker: str | None, clause: str, current: _Task | None,
                   sentence_due: date | None) -> _Result:
        """One clause of a Chinese turn, read by the first step that recognises it: an errand
        asked and answered on the spot, words that hold no task, context for later clauses
        (who is addressed, 我记一下), the speaker's own commitment, a request, a hand-over to
        someone named, or a date for the task in hand."""
        c = _Clause(index, speaker, clause, _ZH_FILLER.sub("", clause.strip()), current, sentence_due)
        for step in (self._zh_answered_here, self._zh_no_task, self._zh_context):
            if (result := step(c)) is not None:
                return result
        self._zh_done_or_here(c)
        for step in (self._zh_own_commitment, self._zh_request, self._zh_given, self._zh_assignment,
                     self._zh_dated):
            if (result := step(c)) is not None:
                return result
        return c.keep()

    def _zh_answered_here(self, c: _Clause) -> _Result | None:
        """"我问一下进度……嗯，说是周三能好": asked and answered while the meeting sat."""
        current = c.current
        if (re.match(r"(?:嗯|哦|好)?[，,\s]*(?:说是|他们说|他说|回复说|回了)", c.text) and current is not None
                and current.owner == c.speaker and current.cues == [c.index] and re.search(r"问", current.text)):
            current.state = "dropped"
            return None, c.sentence_due
        return None

    def _zh_no_task(self, c: _Clause) -> _Result | None:
        """Words reported ("说明我来写": 说明 is the thing, "告诉他们…"), nothing left, or an
        errand reported done ("找到了", "好，发了，你看一下"): the one just taken on was done."""
        if (re.match(r"(?:说明|说(?!明|话人)|告诉他们|跟他们说)(?!我|书)", c.text) or not c.text):
            return c.keep()
        c.due = self._due(c.text) or self.day_first
        if (c.index, c.due) in self.withdrawn:
            c.due = None  # the day just taken back, said again as why ("周日馆里闭馆")
        said = first_due(c.text, None) if c.due else None
        self.clause_deadline = bool(said and re.search(r"前|内", said.text))
        if _ZH_DONE_NOW.match(c.text):
            current = c.current
            task = current if current is not None and current.owner == c.speaker else self._recent(c.speaker, c.index, 2)
            if task is not None and task.owner == c.speaker and task.state != "dropped":
                task.state = "dropped"
            return None, c.sentence_due
        return None

    def _zh_context(self, c: _Clause) -> _Result | None:
        """Clauses that set the scene for the next ones: a name said alone is who "你" is
        ("赵刚，会后你把图纸发我一份"), a person named last is who "他" is, "我记一下" turns
        what follows into notes taken in the meeting, a vague remark is remembered."""
        stripped = c.text
        bare = stripped.strip("？?。！! ")
        whole = self.people.mentions(bare)
        named = (self.people.owner(bare) if len(stripped) <= 6 and whole and whole[0].start == 0
                 and whole[0].end >= len(bare) - 1 else None)  # the clause is only a name ("王磊，…"), not "王磊负责催料"
        if named and named in self.people.names and named != c.speaker:
            self.cue_addressee = named
            return c.keep()
        if named and is_form_of_address(named) and self._unnamed_room():
            # "小王，你明天能不能…": in a transcript of 说话人1, 说话人2 … the one called is
            # whoever answers, not the one who spoke last
            self.cue_addressee = named
            return c.keep()
        mentioned = self.people.mentions(stripped) if len(stripped) <= 10 else []
        if mentioned and mentioned[-1].end >= len(stripped.rstrip("，,。 ")):
            self.cue_topic = _zh_tidy(stripped, self.people)
        if _ZH_NOTE.match(stripped):
            self.noting = True
            return c.keep()
        if self.noting:
            return c.keep()
        if _ZH_VAGUE.search(stripped):
            self.vague = (c.index, c.speaker)
            return c.keep()
        return None

    @staticmethod
    def _zh_done_or_here(c: _Clause) -> None:
        """Whether the clause tells of something already done (not a follow-up) or done in
        the room itself ("我先讲一下背景", "给大家看一下照片", 现在就)."""
        stripped = c.text
        done = bool(_ZH_DONE_TAIL.search(stripped)) and not c.due and not re.search(r"好了?$|完了?$", stripped[-3:] or "")
        if done and c.current is not None and _ZH_NEW_TASK.search(stripped) and ("把" in stripped or re.search(r"一起|一并|顺便", stripped)):
            done = False  # "…，顺便把发票也开了": one more thing to do, not one done
        c.done = done
        c.in_meeting = bool(_ZH_NOW.search(stripped) or _ZH_LOOK_HERE.match(stripped))
        if c.due is None and _ZH_SPEAK_HERE.search(stripped) and not _ZH_SPEAK_TO.search(stripped):
            c.in_meeting = True
        if _ZH_TODAY_HERE.search(stripped):
            c.in_meeting = True  # "我们今天主要说一下培训的事": today is the meeting itself

    def _zh_own_commitment(self, c: _Clause) -> _Result | None:
        """The speaker's own commitment ("我明天把样品要过来"), an offer ("我可以…") or one
        asked as a question ("客户那边我来打电话？", which waits for a yes)."""
        stripped = c.text
        commit = self._self_commit(stripped)
        if not commit or c.done:
            return None
        if re.match(r"我们|咱们|咱", commit.group(0)) and re.search(r"要不|建议|不如|干脆", c.raw):
            return c.keep()  # "要不我们先小批量试产？": a course put to the room, not anyone's errand
        mine = c.current if c.current is not None and c.current.owner == c.speaker else self._recent(c.speaker, c.index, 6)
        if c.due is not None and mine is not None and mine.owner == c.speaker and mine.state == "firm" and (
                re.search(r"正好|刚好|顺路|反正", stripped)
                or re.fullmatch(r"(?:改|改到|改成|换到|推到|挪到|延到|放到)", _zh_task_text(stripped, self.people, c.speaker))):
            # "我去问吧，我明天正好去矿上" / "那我改后天": the day of the errand in hand, no new one
            mine.touch(c.index)
            self._set_due(mine, c.due, c.index)
            return mine, c.sentence_due or c.due
        if (re.fullmatch(r"(?:我)?(?:想|先|再)?问(?:一下|一句|下|个问题)", stripped.strip(" 。，,"))
                and re.search(r"[？?]|吗|呢", self.cues[c.index].text)):
            return c.keep()  # "我问一下，…要加场地费吗？": a question asked here and now
        if self.who_question and self.who_question[0] == c.index and re.match(r"我们|咱们|咱", commit.group(0)):
            return c.keep()  # "我们要带三台设备过去，工厂那边谁负责发货？": the room's plan, an owner asked for
        offer = _ZH_OFFER.search(stripped)
        state = "offer" if offer and offer.start() <= commit.start() + 6 and not c.due else "firm"
        if re.search(r"[？?]\s*$|吗[。？?]?\s*$", c.raw):
            state = "offer"
        words = _zh_task_text(stripped, self.people, c.speaker)
        new_task = bool(c.current is not None and _ZH_NEW_TASK.search(re.sub(rf"^{_ZH_SELF}", "", stripped)))
        if (thing := self._opens_another(c, mine)) is not None:
            new_task, self.new_item = True, None
            if thing and thing not in words and (_needs_object(words) or re.search(r"他们|他|她", words)):
                words = thing + words  # "验收单…，我月底前让他们签回来"
        inherit = new_task and re.search(r"顺便|一起|同时", stripped)
        task = self._commit(c.speaker, words, c.due or (c.sentence_due if inherit else None), c.index, c.speaker,
                            state=state, confidence=0.7 if c.due else 0.55, new_task=new_task,
                            in_meeting=c.in_meeting)
        sentence_due = c.sentence_due
        if task is not None and task.asker is None and self.who_question and self.who_question[0] >= c.index - 3:
            asked_by = self.people.speaker(self.cues[self.who_question[0]].speaker)
            if asked_by != c.speaker:
                task.asker = asked_by  # "你们谁有空？" "我可以做": the one who asked may still date it
        if task is not None:
            sentence_due = sentence_due or c.due
            if commit.group("verb") in ("来", "负责") and re.fullmatch(r"[吧啊了呀]*[。！!]*", stripped[commit.end("verb"):]):
                task.borrowed = True  # "排窑的事我来，我去跟窑炉那边商量": the next words say what
        return task or c.current, sentence_due

    def _opens_another(self, c: _Clause, mine: _Task | None) -> str | None:
        """The new thing the speaker's turn just opened, when their commitment in this clause
        is about it: said as another item (还有…), or with a day other than the one just
        given; None when the commitment may belong to the task in hand."""
        if self.new_item is None or self.new_item[0] != c.index or mine is None:
            return None
        _, thing, another = self.new_item
        if another or (c.due is not None and mine.due_cue == c.index and mine.due != c.due):
            return thing
        return None

    def _zh_roles(self, c: _Clause) -> None:
        """Who a clause that is not the speaker's own commitment speaks to or of: the person
        addressed, one named with a duty ("这块王磊跟一下吧", "冯雪负责电气部分"), a request
        to "你", an assignment ("交给采购部", "让小陈去"), and whether it is only conditional."""
        stripped = c.text
        charged = None
        for m in self.people.mentions(stripped):
            after = re.sub(r"^(?:这边|那边)", "", stripped[m.end:])
            day = first_due(after, None)
            if day is not None and day.start == 0:
                after = after[day.end:]  # "采购这边周三前把价格报上来"
            if m.owner != c.speaker and (
                    re.match(r"(?:你|您)?(?:负责|跟进|跟一下|盯一下|盯着|来|去|处理|看一下|把)", after)
                    or (m.start == 0 and re.match(r"(?:出|做|写|准备|安排|提供|联系|确认|报)(?![^，,。]{0,3}的)", after))):
                charged = m  # "技术部出个方案": the one named first is given it
                break
        if charged is not None and re.search(r"是[^，,]{0,10}(?:负责|来|管)[^，,]*的[吧吗呢？?]*$|应该是|本来是|一直是", stripped):
            charged = None  # "包材是采购负责找的": whose job it is, a responsibility, not a task
        c.charged = charged
        c.addressed = self.people.addressed(stripped) or (charged.owner if charged else None)
        # "明天上午给你回话": 你 is whom the speaker's errand is for, no one is asked
        c.request = bool(_ZH_REQUEST.search(_ZH_TO_YOU.sub("", stripped)))
        c.assign = _ZH_ASSIGN.search(stripped)
        c.conditional = bool(re.search(r"如果|要是|假如|万一|的话|记得|觉得|认为|说是|以为|听说|是不是(?!你|您)|有没有|对不对", stripped))

    def _zh_request(self, c: _Clause) -> _Result | None:
        """A request to the person addressed or named, or a question asking them."""
        self._zh_roles(c)
        stripped, current = c.text, c.current
        if current is not None and current.owner == c.speaker and c.request and not c.addressed:
            return c.keep()  # "…周四前给你初稿，你再跟客户对一下": a step of the speaker's own task
        if (c.addressed or c.request) and c.in_meeting:
            who = c.addressed or self.cue_addressee or self.prev_other
            done_now = self._recent(who, c.index, 2) if who else None
            if done_now is not None and done_now.state == "firm":
                done_now.state = "dropped"  # "锁库你现在就弄吧": done in the meeting, no follow-up
            return c.keep()
        told = bool(not _ZH_SELF_RE.search(stripped) and "把" in stripped and not re.search(r"说|如果|的话|要是", stripped)
                    and not (current is not None and current.cues[0] == c.index))
        """"小王，明天之内把检测报告补齐": told to the one just named, the first errand of the turn."""
        asked = ((self.cue_addressee is not None and re.search(_ZH_VERBS, stripped)
                  and (re.search(r"能|可以|行|吗|[？?]|吧", stripped) or told))
                 or (re.search(r"(?:你|您)(?:们)?(?:这边|那边)?.{0,12}(?:能|可以|来得及)", stripped) and re.search(r"吗|[？?]", c.raw)))
        if re.search(r"要不要|是不是|需不需要|用不用", stripped) and not re.search(r"你|您", stripped):
            return None  # "孙总，前两套叶片要不要先运过去？": a course put to the one who decides, not an errand for them
        if (c.addressed or c.request or asked) and not c.done and not c.in_meeting and not c.conditional:
            return self._zh_ask(c, bool(asked))
        if self._zh_one_more(c):
            c.request = True
            return self._zh_ask(c, False)
        if (current is not None and current.asker == c.speaker and current.owner not in (None, c.speaker)
                and current.cues[0] == c.index and re.match(r"(?:顺便|另外|还有|再|也)", stripped)
                and _ZH_VERB_RE.search(stripped) and not _ZH_SELF_RE.search(stripped) and not c.in_meeting):
            # "赵磊你把施工图发给设计院，顺便问一下他们审图要多久": a second errand for the same one
            words = _zh_task_text(stripped, self.people, c.speaker)
            if len(_bare(words)) >= 3:
                task = _Task(current.owner, words, c.due or current.due, [c.index], c.speaker, state=current.state,
                             confidence=0.55, due_cue=c.index, asker=c.speaker)
                task.directive = current.directive
                self.tasks.append(task)
                return task, c.sentence_due
        return None

    def _zh_one_more(self, c: _Clause) -> bool:
        """"好，顺便把餐也订了" said to the one who just took on a task: one more errand for
        them, with no 你 (it waits for their yes like any request)."""
        stripped = c.text
        return bool(self.prev_other and self.prev_other != c.speaker and self.last_speaker == self.prev_other
                    and re.match(r"(?:顺便|另外|还有|再)", stripped) and re.search(r"把|也", stripped)
                    and _ZH_VERB_RE.search(stripped) and not re.search(r"[？?]|吗|我|咱|你|您|他|她", c.raw)
                    and not _ZH_VAGUE.search(stripped) and not c.in_meeting and not c.conditional
                    and self._recent(self.prev_other, c.index, 2) is not None)

    def _zh_asked_whom(self, c: _Clause) -> str | None:
        stripped = c.text
        you = re.search(r"(?:你们|你|您)", stripped)
        after_you = [m.owner for m in self.people.mentions(stripped) if you and m.start == you.end()]
        return (c.addressed or (after_you[0] if after_you else None) or self.cue_addressee
                or (self.prev_other if self.prev_other != c.speaker else None))

    def _zh_asked_words(self, c: _Clause, who: str | None, asked: bool) -> str:
        """What someone is asked to do, without the asking ("能不能", "麻烦") or their name."""
        stripped, charged = c.text, c.charged
        words = _zh_task_text(stripped, self.people, c.speaker)
        words = re.sub(r"^(?:能不能|可不可以|能否|帮忙|帮我|麻烦)|(?:能不能|能否|可以|能)(?=[\u4e00-\u9fff])", "", words)
        lead = self.people.mentions(words)
        if lead and lead[0].start == 0 and lead[0].owner == who:
            words = words[lead[0].end:]  # "你们品质部出个整改报告": the one asked is not the task
        if c.speaker and _CJK.search(c.speaker):
            words = re.sub(r"(?<=跟|和|给|帮|找|问|发|交|替)我(?!们)", c.speaker, words)  # "你跟我一起去": with the one asking
        if self.cue_topic and re.search(r"他|她", words):
            words = re.sub(r"他们|他|她", self.cue_topic, words, count=1)  # "新来的那个小何，你也给他培训一下"
        if (asked or _needs_object(words)) and len(_bare(words)) <= 2 and self._object_from_before(c.index):
            # "你那边后天之前能到吗？" of the thing just asked about; "邱姐你出一下" of the
            # thing the turn before said was needed
            before = self._object_from_before(c.index)
            words = before if asked or before.startswith(words[:1]) else f"{words}（{before}）"
        if charged is not None and charged.owner == who:
            words = _zh_tidy(stripped[charged.end:], self.people) or words
            if re.match(r"负责", stripped[charged.end:]) and not words.startswith("负责"):
                words = "负责" + words
        return words

    def _zh_ask(self, c: _Clause, asked: bool) -> _Result:
        stripped, charged = c.text, c.charged
        who = self._zh_asked_whom(c)
        open_task = self._recent(who, c.index, 2) if who else None
        if (open_task is not None and open_task.state != "dropped" and not re.search(r"也|另外|还有|顺便", stripped)
                and not (self.turn_lead and not _key_tokens(self.turn_lead) & _key_tokens(open_task.text + "".join(open_task.extra)))):
            # (not "上衣的面料 你打个电话给染厂": a new topic said first is a new errand)
            # asked again of the one who just took it on: the same task, perhaps a step more
            open_task.touch(c.index)
            if open_task.asker is None and open_task.owner != c.speaker:
                open_task.asker = c.speaker
            self._set_due(open_task, c.due, c.index)
            if (open_task.owner != c.speaker and not _needs_object(stripped)
                    and not re.search(r"[？?]|吗|什么|多少|能不能|怎么|哪|问问|看看", c.raw)):
                self._add_step(open_task, _zh_task_text(stripped, self.people, c.speaker))  # "那你准备一下课件"
            return open_task, c.sentence_due
        words = self._zh_asked_words(c, who, asked)
        if self.turn_lead and re.search(_ZH_VERBS, stripped) and (len(_bare(words)) <= 2 or _needs_object(words)):
            # "客户那边的培训 说话人2你去一趟": the errand is the topic said before the name
            words = self.turn_lead if len(_bare(words)) <= 2 else f"{self.turn_lead}，{words}"
            words = words if re.search(_ZH_VERBS, words) else f"负责{words}"
        if re.search(_ZH_VERBS, words) and not _ZH_VAGUE.search(stripped):
            # "王磊负责催料，刘芳负责排产": the chair sharing out the work states it, asks nothing
            shared_out = (charged is not None and charged.owner == who and not re.search(r"[？?]|吗|吧", c.raw)
                          and bool(re.match(r"负责", stripped[charged.end:])))
            task = _Task(who, words, c.due, [c.index], c.speaker, state="firm" if shared_out else "request",
                         confidence=0.6, due_cue=c.index if c.due else -1, asker=c.speaker)
            task.directive = (self.label in self.chair and who is not None and who in (c.addressed, self.cue_addressee) and not re.search(r"[？?]|吗|能不能|可不可以|能否|行不行|好不好", c.raw)
                              and not re.search(r"[？?]|吗", self.cues[c.index].text))
            self.tasks.append(task)
            return task, c.sentence_due
        return c.keep()

    def _zh_given(self, c: _Clause) -> _Result | None:
        """"这个交给采购部": the thing said before is given to someone named."""
        given = _ZH_GIVEN.search(c.text)
        if not given or c.assign or c.conditional or c.done:
            return None
        who = self.people.owner(given["who"])
        if not who or who == c.speaker:
            return None
        obj = _zh_task_text(c.text[: given.start()], self.people, None)
        if not obj or _ZH_GENERIC_OBJECT.match(obj):
            obj = self._object_from_before(c.index)
        task = _Task(who, obj, c.due, [c.index], c.speaker, confidence=0.55, due_cue=c.index if c.due else -1,
                     asker=c.speaker)
        self.tasks.append(task)
        return task, c.sentence_due

    def _zh_assignment(self, c: _Clause) -> _Result | None:
        """"让小陈去…", "交给采购部吧，让他们两天内回复": a task for someone named."""
        assign, current, stripped = c.assign, c.current, c.text
        if assign is None:
            return None
        if (current is not None and current.asker == c.speaker and current.cues[-1] == c.index
                and re.match(r"他们|他|她", assign["who"])):
            # what the department just given the task is to do, and by when
            words = _zh_task_text(stripped[assign.end("who"):], self.people, None)
            if words and not _ZH_GENERIC_OBJECT.match(words):
                current.text = words if len(current.text) < 2 else f"{current.text}，{words}"
            self._set_due(current, c.due, c.index)
            return c.keep()
        if c.done or c.in_meeting or c.conditional or re.search(r"谁", stripped):
            return None
        who = self.people.owner(assign["who"])
        if not who or who == c.speaker:
            return None
        words = _zh_task_text(re.sub(r"^(?:你|您)", "", stripped[assign.end("who"):]), self.people, None)
        if len(words) <= 1 or _ZH_GENERIC_OBJECT.match(words):
            obj = _zh_task_text(stripped[: assign.start()], self.people, None)
            verb = words if len(words) == 1 and words not in "来去的吧" else ""
            words = f"{verb}{obj}" if obj else self._object_from_before(c.index)
        open_task = self._recent(who, c.index, 2)
        if open_task is not None and self._same_thing(open_task, words):
            open_task.touch(c.index)
            return open_task, c.sentence_due
        if not words or len(words) < 2:
            return None
        # one in the room is asked and answers; a department or person not in it cannot, so
        # the meeting's word is final ("这个让综合部出")
        firm = bool(re.search("交给|由", stripped)) or who not in self.people.names
        task = _Task(who, words, c.due, [c.index], c.speaker, state="firm" if firm else "request",
                     confidence=0.55, due_cue=c.index if c.due else -1, asker=c.speaker)
        self.tasks.append(task)
        return task, c.sentence_due

    def _zh_echoed(self, c: _Clause) -> bool:
        """A date that is no due date of the task in hand: echoed back ("下周四……" after
        "最快也得下周四"), agreed for the other's task, turned down (够呛), or what will be said."""
        due, stripped, current = c.due, c.text, c.current
        short = due in self.prev_dates and len(_zh_task_text(stripped, self.people, c.speaker)) <= 1
        if short and re.search(r"(?:…|？|\?)\s*$", c.raw):
            return True
        if short and any(t.owner == self.last_speaker and t.due == due and t.cues[-1] >= c.index - 1 for t in self.tasks):
            return True  # "那也行，下礼拜一": the other's date for the other's task, agreed to
        turn = self.cues[c.index].text
        at = turn.find(c.raw.strip())
        start = max(turn.rfind(x, 0, at) for x in "。！？!?；;") + 1 if at > 0 else 0
        if at > 0 and _ZH_DECIDE.search(turn[start:at]):
            return True  # "那就定了，一月一号切换": the day is what was decided, not a task's
        if (re.search(r"够呛|不行|来不及|太晚|太赶|太急|悬|不可能|没法|做不到|估计|大概|差不多|说是", stripped)
                or _ZH_EXCUSE.search(stripped) or _ZH_TODAY_HERE.search(stripped)):
            return True  # "我这周事情有点多": the day of an excuse, not of the task
        said = first_due(stripped, None)
        if said is not None and re.search(r"前|内", said.text):
            return False  # "这个你跟财务说一下，下周一之前打过去": a deadline, whatever is said
        return bool(current is not None and current.cues[-1] == c.index
                    and re.search(r"(?:说|讲|告诉|通知|答复|回复)(?:一下|一声)?(?:他们|客户|对方|大家)?$", current.text))

    def _zh_dated(self, c: _Clause) -> _Result | None:
        """A date (with perhaps a step) said for the task in hand, or a further errand of the
        speaker's ("顺便…", "另外…")."""
        due, stripped = c.due, c.text
        echoed = due is not None and self._zh_echoed(c)
        if due is not None and not echoed and re.search(r"都|一起|全部", stripped):
            asked_here = [t for t in self.tasks if t.asker == c.speaker and c.index in t.cues and t.owner != c.speaker]
            if len(asked_here) > 1:
                for given_task in asked_here:
                    self._set_due(given_task, due, c.index)  # "…，周三前都给我": every task just given
                return c.keep()
        if due is not None and not echoed and not re.search(r"客户|他们|对方|供应商", stripped[:4]):
            return self._zh_date_for_task(c)
        current = c.current
        if current is not None and current.owner == c.speaker and _ZH_NEW_TASK.search(stripped) and not c.done:
            rest = _zh_task_text(stripped, self.people, c.speaker)
            if len(rest) >= 3 and (re.search(_ZH_VERBS, rest) or re.search(r"也一起|顺便|一并", stripped)):
                carried = c.sentence_due if re.search(r"顺便|一起|同时|一并", stripped) else None
                t = self._commit(c.speaker, rest, carried, c.index, c.speaker, new_task=True)
                return t or current, c.sentence_due
        return None

    def _asked_when(self, speaker: str | None) -> bool:
        """The turn before, by someone else, asked when ("报告什么时候能出？")."""
        return bool(self.last_speaker not in (None, speaker) and _ZH_WHEN.search(self.prev_said)
                    and re.search(r"[？?]|吗", self.prev_said) and not re.search(r"你们|大家", self.prev_said))

    def _zh_dated_task(self, c: _Clause) -> _Task | None:
        """The task a date said alone belongs to: the speaker's own in hand, else the answer
        to "多久？" (the task of the one asked)."""
        current, speaker, index = c.current, c.speaker, c.index
        task = current if current is not None and current.owner == speaker else self._recent(speaker, index, 2)
        if task is not None and task is not current:
            # "…发给设计院，顺便问一下…" "好，今天就发": the day goes to the errand its verb names
            verbs = set(_ZH_VERB_RE.findall(_zh_task_text(c.text, self.people, speaker)))
            named = [t for t in self.tasks if t.owner == speaker and t.state != "dropped" and t.cues[-1] >= index - 2
                     and verbs & set(_ZH_VERB_RE.findall(t.text))]
            task = named[-1] if verbs and len(named) == 1 else task
        if task is None and self._asked_when(speaker):
            task = self._recent(speaker, index, 4)  # "打样要多久？" "明天上午出样": the offer made before the question
        if task is not None:
            return task
        task = self._recent(None, index, 2)
        if (task is not None and task.owner != speaker and task.state != "request"
                and task.asker != speaker and task.cues[-1] != index
                and not re.search(r"给我|发我|交我|告诉我|回我", c.text)):
            return None  # a date for someone else's task counts from the one who asked for it
        return task

    def _zh_date_for_task(self, c: _Clause) -> _Result | None:
        due, stripped, speaker, index = c.due, c.text, c.speaker, c.index
        task = self._zh_dated_task(c)
        asked_when = self._asked_when(speaker)
        if task is None and (self.turn_yes or asked_when) and speaker:
            rest = _zh_task_text(stripped, self.people, speaker)
            if len(rest) >= 2 and _ZH_VERB_RE.match(rest) and not _ZH_VAGUE.search(stripped) and not _ZH_EXCUSE.search(stripped):
                # "我这边没问题，周五前发货": a yes, then what the speaker will do and by when;
                # "报告什么时候能出？" "…周四吧，周四给船东发过去": the one asked answers with their day
                topic = self._topic(self.prev_said) if asked_when else ""
                if topic and not _key_tokens(rest) & _key_tokens(topic):
                    rest = f"{topic}，{rest}"  # "报告什么时候能出？" "周四给船东发过去": the report
                made = self._commit(speaker, rest, due, index, speaker, confidence=0.6)
                return made or c.current, c.sentence_due or due
        if task is None:
            return None
        rest = _zh_task_text(stripped, self.people, speaker)
        if (task.owner != speaker and task.cues[-1] != index and len(_bare(rest)) >= 4
                and not re.search(r"给我|发我|交我|告诉我|回我|你", stripped) and not self._same_thing(task, rest, index)):
            return None  # "月底再复盘一次": the chair's own words about another thing, not a date for the task just given
        new_task = bool(_ZH_NEW_TASK.search(stripped)) and len(rest) >= 3
        if (task is c.current and task.owner == speaker and task.due is not None and task.due_cue == index
                and due != task.due and len(rest) >= 4 and _ZH_VERB_RE.search(rest) and not _needs_object(rest)
                and not _key_tokens(task.text + "".join(task.extra)) & _key_tokens(rest)):
            new_task = True  # "我今天把合同发给法务，明天跟客户约时间": another errand, another day
        if new_task:
            t = self._commit(task.owner, rest, due, index, speaker, new_task=True)
            return t, c.sentence_due
        if task.state in ("request", "offer") and task.owner == speaker:
            task.state = "firm"
        task.touch(index)
        said = first_due(stripped, None)
        self._set_due(task, due, index, deadline=bool(said and re.search(r"前|内", said.text)))
        self._add_step(task, rest)  # "周四下午出报告": the step said with the day
        return task, c.sentence_due or due

    @staticmethod
    def _self_commit(clause: str) -> re.Match[str] | None:
        """The speaker's own commitment in a clause, or None: "我明天把样品要过来" is one;
        "我觉得…", "我们审过稿的", "面料是我们拿的", "客户要我们…", "如果我们…" are not."""
        commit = _ZH_COMMIT.search(clause)
        if commit is None or _ZH_EXCUSE.search(clause):
            return None
        if re.match(rf"{_ZH_SELF}(?:这边|那边)?的", clause[commit.start():]):
            return None  # "我们的缆要在那之前装上船": whose thing, not who acts
        if (re.match(r"我们|咱们|咱", commit.group(0)) and re.search(r"(?:也|都|就)?(?:得|应该|该)(?!到)", clause[commit.start():])
                and first_due(clause, None) is None):
            return None  # "那我们给花店的价也得涨啊": what the company should do, nobody's errand
        before = clause[: commit.start()]
        if re.match(r"我们|咱们|咱", commit.group(0)) and re.search(r"要不|建议|不如|干脆|是不是|要不要", clause):
            return None  # "要不我们先小批量试产？": a course put to the room, not anyone's errand
        if re.match(r"(?:我们|咱们|咱|大家)(?:俩|两个|仨)?(?:这边)?(?:就|先|再|到时)?一起", clause[commit.start():]):
            return None  # "我们一起跟他们开个会": a plan of the room, nobody's own errand
        if re.match(rf"{_ZH_SELF}(?:这边|那边)?(?:就|先|再|只能|还是|只好)?等(?![一下])", clause[commit.start():]):
            return None  # "那我们就等客户回复吧": waiting on someone else is no task of ours
        if re.match(rf"{_ZH_SELF}(?:跟|和|给)(?:你们|你|您|大家)(?:说|讲|汇报|介绍)", clause[commit.start():]):
            return None  # "我跟你说，…": a way of speaking, said in the room
        if "你" in before or "您" in before or (
                not _subject_at(before) and not re.match(rf"{_ZH_SELF}(?:来|负责)", clause[commit.start():])):
            return None  # (but "通知我来发": a topic, then who does it)
        body = clause
        head = body[: body.find(commit.group("verb"), commit.start()) + len(commit.group("verb")) + 1]
        said_due = first_due(head, None)
        if said_due is not None:
            head = head[: said_due.start] + head[said_due.end:]  # "下周二之前" is a deadline, not "之前" (before now)
        if _ZH_NOT_COMMIT.search(head[commit.start():]) or re.search(r"如果|要是|假如|万一|建议|觉得|熟|大概|大约|差不多|至少|最少|左右|一般|通常|平时|每次|总是|得要|需要\S{0,3}天|"
                                                        r"每天|每周|每个月|每月|都会|经常|向来|一向|想(?!办法)|打算|(?:全力|积极|一定|肯定)?(?:配合|支持)(?:[你您大家好到]|$|[。，,!！])", body):
            return None
        if re.search(r"(?:是|的是)[^，,]*的[啊呀吧呢嘛哦]*[。，,!！]*$|过(?!去|来)[^，,]{0,3}的|的是", body):
            return None
        after = body[commit.end("verb"):commit.end("verb") + 2]
        if after.startswith("的"):
            return None  # "我能给的最大折扣是九折": a verb made a noun describes, it promises nothing
        if after.startswith(("过", "了吗")) or (after.startswith("了") and first_due(body, None) is None):
            return None  # 我查了出库单: done already
        if re.search(r"(?:好|完|齐|妥|掉)了[啊呀吧的呢]*[。！!，,]*$", body[commit.end("verb"):]) and first_due(body, None) is None:
            return None  # "我们这边排产是排好了": finished already ("弄好了发你" goes on: a promise)
        return commit

    def _decide(self, item: Suggestion, restated: bool = True) -> None:
        """A decision said again ("那这样，机封先借…" … "那就定了，机封先借…") is one: the last
        wording stands, as the meeting settled it; so does the chair's word on a point someone
        else settled a turn or two before. ``restated=False``: the chair's points of one topic
        stay apart from each other."""
        mine = _key_tokens(item.captured.text)
        for old in [s for s in self.items if s.captured.kind == "decision"]:
            theirs = _key_tokens(old.captured.text)
            shared = len(mine & theirs)
            recent = bool(item.cues and old.cues and 0 < item.cues[0] - old.cues[-1] <= 3
                          and old.speaker != item.speaker and old.speaker not in self.chair)
            if mine and theirs and ((restated and shared >= 3 and 3 * shared >= min(len(mine), len(theirs)))
                                    or (recent and shared >= 2)):
                self.items.remove(old)  # "这次展会就不参加了" … "好，今年展会就不去了": the last word on it
        self.items.append(item)

    def _read_choice_zh(self, index: int, speaker: str | None, text: str) -> bool:
        """A choice said as one: "那就不推，按原计划上线", "那就改十七号的船，不用再等了",
        "那这样，机封先从出口单里借" (what the meeting will do, not what one person will)."""
        m = _ZH_CHOICE.search(text)
        if m is None or _ZH_VAGUE.search(text) or re.search(r"[？?]|吗", text[m.end():]):
            return False
        sentence = _SENTENCE.match(text[m.end():])
        body = (sentence.group(0) if sentence else text[m.end():]).strip(" ，,。！!")
        first = _CLAUSE_SPLIT.split(body)[0] if body else ""
        if len(body) < (3 if body.startswith("不") else 4) or _ZH_SELF_RE.match(first) or re.search(r"你|您", first) or self._self_commit(first):
            return False  # "那这样，我派一个顾问…" / "那这样，钱芳你今天就去…": a task, said as one
        echoed = bool(first.startswith("先") and _key_tokens(body) & _key_tokens(self.prev_said))
        if m["so"] is None and not echoed and not (re.match(r"不|只|统一|都|还是|[\d一二两三四五六七八九十百千]|(?:转|送|用|换|按|改|选|投|走|上|找|买|租)(?!一下)", first)
                                    or re.search(r"不用再|不再|先不|不\S{0,3}了|就按|按原", body)):
            return False  # "那就" alone needs the alternative dropped beside it
        self._decide(Suggestion(Captured(kind="decision", text=body, raw=text), quote=text,
                                cues=(index,), speaker=speaker, confidence=0.5))
        return True

    def _read_settled_zh(self, index: int, speaker: str | None, text: str) -> bool:
        """A choice settled in so many words (``_ZH_SETTLED``); not one asked or left open."""
        m = _ZH_SETTLED.search(text)
        if m is None or _ZH_VAGUE.search(text) or re.search(r"[？?]|吗|要不要|是不是", text[m.start(): m.end() + 3]):
            return False
        if m["what"] is not None:
            what = re.sub(r"^(?:那|那就|就|好|行|对)", "", _ZH_FILLER.sub("", m["what"]))
            body = f"{what}{m['set']}{m['how']}" if what and not _ZH_GENERIC_OBJECT.match(what) else f"{m['set']}{m['how']}"
        else:
            body = (m["pick"] or m["instead"] or m["hold"] or "").removeprefix("就")
        body = body.strip(" ，,。！!")
        if len(body) < 4 or self._self_commit(body):
            return False
        self._decide(Suggestion(Captured(kind="decision", text=body, raw=text), quote=text,
                                cues=(index,), speaker=speaker, confidence=0.5))
        return True

    def _read_answer_zh(self, index: int, speaker: str | None, text: str) -> bool:
        """A question put to the room ("详情页要不要重做？", "退回来的货怎么处理？") answered by
        another in words that settle it ("不重做，把首图和价格改了就行", "能卖的重新上架，不能的
        打折清掉"): the answer is what the meeting will do. Not an answer that is the speaker's
        own errand, a request to someone, a wish or another question."""
        if not self.prev_said or speaker is None or self.last_speaker == speaker:
            return False
        asked = self.prev_said
        if not _ZH_PUT.search(asked) or _ZH_WHO.search(asked) or _ZH_WHEN.search(asked):
            return False
        first = _SENTENCE.match(text)
        body = _ZH_FILLER.sub("", first.group(0) if first else text).strip(" ，,。！!")
        clauses = [c for c in _CLAUSE_SPLIT.split(body) if c.strip()]
        kept: list[str] = []
        for clause in clauses:
            bare = clause.strip()
            if re.search(r"你|您", bare) or self.people.mentions(bare) or self._self_commit(bare):
                break  # "…，邝敏你周日前弄好": the task that follows the answer
            kept.append(bare)
        answer = "，".join(kept).strip(" ，,。")
        proposal = re.search(r"(?P<a>[^，,。？?]{0,12})(?:是不是|要不要)(?P<b>[^，,。？?]{2,20})", asked)
        verb = re.sub(r"^(?:先|也|再|就|都|还|统一)", "", proposal["b"])[:2] if proposal else ""
        agreed = (re.match(r"(?:我|我们)?(?:同意|赞成|可以|行|对|好)[，,]", body)
                  or (self.label in self.chair and len(verb) == 2 and re.match(rf"{re.escape(verb)}(?:吧|啊)?[，,。！!\s]", body + "。")
                      and not re.match(r"不|没", verb)))
        """"…要不要先封存？" "封存，全部封存": the chair's yes said with the proposal's own verb."""
        if agreed and proposal:
            # "以后箱唛是不是统一用生产批号？" "我同意，…": the proposal is what was agreed
            self._decide(Suggestion(Captured(kind="decision", text=f"{proposal['a']}{proposal['b']}".strip(), raw=text),
                                    quote=f"{asked} / {text}", cues=(index,), speaker=speaker, confidence=0.45))
            return True
        picked = bool(self.label in self.chair and "还是" in asked and _key_tokens(answer) & _key_tokens(asked))
        """"医院补贴还是职工自己出？" "医院补一半，职工出一半": the chair picks between the ways asked."""
        if (len(answer) < 4 or not (picked or _ZH_SETTLES.search(answer)) or _ZH_VAGUE.search(text)
                or re.search(r"[？?]|吗|吧[？?]|是不是|要不要|我觉得|我建议|建议|提议|要不|不如|应该|好像|可能|(?:要|得)(?:问|请示)|不表态", answer)):
            return False
        self._decide(Suggestion(Captured(kind="decision", text=answer, raw=text), quote=f"{asked} / {text}",
                                cues=(index,), speaker=speaker, confidence=0.45))
        return True

    def _read_decision_zh(self, index: int, speaker: str | None, text: str) -> None:
        self._read_decision_marked_zh(index, speaker, text)
        if any(s.captured.kind == "decision" and index in s.cues for s in self.items):
            return
        if not self._read_accepted_zh(index, speaker, text) and not self._read_echo_zh(index, speaker, text):
            self._read_summary_zh(index, speaker, text)

    def _proposal_zh(self, said: str) -> str:
        """What a turn proposes to the room ("要不我们先小批量试产，没问题再大批量？", "我建议这次
        展会就不参加了", "大家都同意维持原价吧？"): the words after the proposing ones, without
        the asking; "" when it proposes nothing (or offers the speaker's own errand)."""
        for sentence in reversed(_SENTENCE.findall(said)):
            m = _ZH_PROPOSE.search(sentence)
            if m is None:
                continue
            what = re.sub(r"(?:吧|吗|呢|啊|好不好|行不行|可不可以|怎么样|如何|是吧)?[？?。！!…\s]*$", "", sentence[m.end():])
            what = re.sub(r"^(?:我们|咱们|咱|大家)(?:都)?(?:就)?", "", _ZH_FILLER.sub("", what.strip(" ，,")))
            clauses = [c for c in _CLAUSE_SPLIT.split(what) if c.strip()]
            while len(clauses) > 1 and re.search(r"太|不够|怕|因为|毕竟|反正|省得|免得|贵|便宜", clauses[-1]):
                clauses.pop()  # "…就不参加了，费用太高": the reason is not what is proposed
            what = "，".join(c.strip() for c in clauses)
            if len(_bare(what)) < 3 or _ZH_SELF_RE.match(sentence[m.end():].strip(" ，,")) and self._self_commit(sentence[m.end():]) \
                    and not re.match(r"我们|咱们|咱", sentence[m.end():].strip(" ，,")):
                continue
            if re.search(r"你|您", what) or _ZH_VAGUE.search(what) or _ZH_WHO.search(what):
                continue
            return what.strip(" ，,")
        return ""

    def _read_accepted_zh(self, index: int, speaker: str | None, text: str) -> bool:
        """A proposal put to the room and taken: the chair says yes to another's proposal
        ("要不我们先小批量试产？" "可以，先试产五百件"), or another says yes to the chair's
        ("维持原价吧？" "同意"). The chair's own words after the yes, where they settle
        something, are the decision; else the proposal is. A yes between two others decides
        nothing; the chair's word is still to come."""
        if not self.prev_said or self.last_label in (None, self.label) or self.label is None:
            return False
        yes = _ZH_YES.match(text)
        if yes is None or not (self.label in self.chair or self.last_label in self.chair):
            return False
        proposal = self._proposal_zh(self.prev_said)
        after = text[yes.end():]
        if not proposal or re.search(r"你|您", after) or any(
                self._self_commit(c) or self.people.mentions(c) for c in _CLAUSE_SPLIT.split(after)):
            return False  # "可以啊，你去问问厂家": the yes hands out the errand, a task, not a decision
        decision = proposal
        if self.label in self.chair:
            first = _SENTENCE.match(text[yes.end():])
            kept: list[str] = []
            for clause in _CLAUSE_SPLIT.split(first.group(0) if first else ""):
                bare = _ZH_FILLER.sub("", clause.strip()).strip(" ，,。！!")
                if not bare or re.search(r"你|您|我|咱|让|叫|交给|[？?]|吗", bare) or self.people.mentions(bare):
                    break
                kept.append(bare)
            rest = "，".join(kept)
            if len(_bare(rest)) >= 3 and not _ZH_SUMMARY_HEDGE.search(rest):
                decision = rest if _key_tokens(rest) & _key_tokens(proposal) else f"{proposal}，{rest}"
        self._decide(Suggestion(Captured(kind="decision", text=decision, raw=text), quote=f"{self.prev_said} / {text}",
                                cues=(index,), speaker=speaker, confidence=0.5))
        return True

    def _read_echo_zh(self, index: int, speaker: str | None, text: str) -> bool:
        """"实施费要单独报，别跟软件混在一起。" "对，实施费单独报。": a yes that says the proposal
        again in its own words takes it; the words said again are what was agreed."""
        m = re.match(r"^[嗯呃哦]*[，,\s]*(?:对|好|行|可以|同意|没问题|就这样)(?:的|吧|啊)?[，,。\s]+(?P<rest>[^。！!？?]+)", text)
        if m is None or not self.prev_said or self.last_label in (None, self.label) or _ZH_PUT.search(self.prev_said):
            return False
        kept: list[str] = []
        for clause in _CLAUSE_SPLIT.split(m["rest"]):
            bare = clause.strip(" ，,。")
            if not bare or re.search(r"你|您|我|咱", bare) or self.people.mentions(bare) or self._self_commit(bare):
                break
            kept.append(bare)
        echo = "，".join(kept)
        mine, theirs = _bigrams(echo), _bigrams(self.prev_said)
        if len(mine) < 3 or 3 * len(mine & theirs) < 2 * len(mine) or _ZH_VAGUE.search(echo) or _ZH_SUMMARY_HEDGE.search(echo):
            return False
        self.items.append(Suggestion(Captured(kind="decision", text=echo, raw=text), quote=f"{self.prev_said} / {text}",
                                     cues=(index,), speaker=speaker, confidence=0.45))
        return True

    @staticmethod
    def _held_thing(text: str, hold: re.Match[str]) -> bool:
        """Whether a hold names the thing held ("锚链这个先搁一下", "先不反馈新供应商"): a bare
        "这个先放一放" holds a topic, and "我先不说…" is the speaker's own, not the meeting's."""
        start = max(text.rfind(x, 0, hold.start()) for x in "，,。！!？?…")
        prefix = text[start + 1: hold.start()]
        if _ZH_SELF_RE.search(prefix):
            return False
        named = re.sub(r"那个|这个|这事|那事|然后|那么|就|那|这|[^\u4e00-\u9fff]", "", _ZH_FILLER.sub("", prefix))
        obj = re.split(r"[，,\s]|等|看", hold.group(0)[2:])[0]
        return len(named) >= 1 or len(obj) >= 3

    def _read_hold_zh(self, index: int, speaker: str | None, text: str) -> bool:
        """"那锚链这个先搁一下，等船东正式提了再说": the chair holding a thing until something
        happens is a choice made, not a remark left open. True when it read one."""
        hold = _ZH_HOLD.search(text)
        echoed = ""
        if hold is not None and not self._held_thing(text, hold) and hold.group(0)[:3] in self.prev_said:
            # "排烟管道……还能用两三年，这次先不换吧。" "那就先不换，等下次大修再说。": the hold
            # proposed is taken; the thing is the one the proposal began with
            first = _CLAUSE_SPLIT.split(re.sub(r"……|…", "，", self.prev_said))[0]
            echoed = _ZH_FILLER.sub("", first).strip(" ，,。")
        if (hold is not None and not re.search(r"[？?]|吗", text[hold.start():])
                and (self._held_thing(text, hold) or (len(echoed) >= 2 and not self.people.mentions(echoed)))):
            lead = [c for c in _CLAUSE_SPLIT.split(_ZH_FILLER.sub("", text[: hold.start()])) if c.strip()]
            body = (lead[-1].strip() if lead and not self.people.mentions(lead[-1]) else "") + hold.group(0)
            if echoed and not self._held_thing(text, hold):
                body = f"{echoed}，{hold.group(0)}"
            self._decide(Suggestion(Captured(kind="decision", text=body.strip(" ，,。"), raw=text), quote=text,
                                    cues=(index,), speaker=speaker, confidence=0.45))
            return True
        return False

    def _read_summary_zh(self, index: int, speaker: str | None, text: str) -> None:
        """The chair's word after others have spoken ("白班可以从新来的助理补上", "那……先从另一个
        经销商调一批，调不到再换", "毛肚不涨"): a statement in the plain declarative of what will
        be done, said by the one who leads the meeting in reply to a proposal or a question,
        settles the point without any 定了. Not a question, a view, a hedge or a deferral with
        no time, and not an errand for oneself or someone named (those are tasks)."""
        if self.label is None or self.label not in self.chair or self.last_label in (None, self.label) or not self.prev_said:
            return
        if self._read_hold_zh(index, speaker, text):
            return
        if _ZH_SUMMARY_HEDGE.search(text) or _ZH_VAGUE.search(text):
            return
        for sentence in _SENTENCE.findall(text):
            body = _ZH_ACK.sub("", _ZH_FILLER.sub("", sentence)).strip(" ，,。！!…")
            if re.search(r"定了|定下来|决定", body):
                return  # said with a decision's own words: the marked readers have read it
            if not body or re.fullmatch(r"(?:那?就|先)?这样(?:吧|了)?(?:[，,]?散会|[，,]?今天就到这(?:里|儿)?)?|散会", body):
                continue  # "行。" / "就这样，散会。": an acknowledgement or a close; what settles is elsewhere
            if re.search(r"[？?]|吗|呢$", sentence):
                return
            kept: list[str] = []
            for clause in _CLAUSE_SPLIT.split(body):
                bare = _ZH_ACK.sub("", clause.strip()).strip()
                if not bare or re.fullmatch(r"(?:那?就)?先?这样(?:吧|了)?|散会|收到了?|今天就到这(?:里|儿)?", bare):
                    continue
                named = re.sub(r"按[^，,]{1,8}?(?:说的|的意见|的方案)", "", bare)
                if re.search(r"你|您|我|咱|让|叫|交给", bare) or self.people.mentions(named) or self._self_commit(bare):
                    break  # "…，你负责": the task that follows
                kept.append(bare)
            decision = "，".join(kept).strip(" ，,。")
            if len(decision) >= 4 and _ZH_SUMMARY_SETTLES.search(decision):
                item = Suggestion(Captured(kind="decision", text=decision, raw=text), quote=text,
                                  cues=(index,), speaker=speaker, confidence=0.45)
                last = self.last_summary
                mine = _bigrams(decision)
                if last and index - last[0] <= 8 and last[1] in self.items and 2 * len(mine & _bigrams(last[1].captured.text)) >= len(mine):
                    self.items.remove(last[1])  # "换那个五层的，贵是贵一点" … "行，换五层的": the chair's last word on it stands
                self._decide(item, restated=False)  # two points of one topic ("菌汤不上" / "番茄牛腩68") stay two
                self.last_summary = (index, item)
                continue
            if kept:
                continue

    def _read_decision_marked_zh(self, index: int, speaker: str | None, text: str) -> None:
        if self._read_choice_zh(index, speaker, text) or self._read_settled_zh(index, speaker, text):
            return
        if not _ZH_DECIDE.search(text) and self._read_answer_zh(index, speaker, text):
            return
        m = _ZH_DECIDE.search(text)
        if not m or _ZH_VAGUE.search(text[m.start(): m.end() + 4]) or re.search(r"[？?]|吗", text[m.end(): m.end() + 3]):
            return
        if re.search(r"谁|还没|没有|不|没|无|未|能|需|再|等|怎么|如何|已经|早就|之前|上次", text[max(0, m.start() - 4): m.start()]):
            return  # "这个谁来决定", "还没定下来", "不一定能拍板", "得老板拍板": no decision yet
        clause_start = max(text.rfind(x, 0, m.start()) for x in "，,。！!？? ")
        if m.start() - clause_start > 1 and self._self_commit(text[clause_start + 1: m.end()]):
            return  # "我下周一之前把场地定下来": the speaker's errand, not the meeting's choice
        # what was settled is the rest of the marker's sentence ("就这么定了，先不换型号。"), or the
        # next sentence when the marker closes its own ("就这么定了。先不换型号。"); what follows
        # is the next point ("孙经理，排产计划你明天发我一份": a task), not more of the decision
        rest = [x for x in re.split(r"(?<=[。！!；;？?])", text[m.end():]) if x.strip(" ，,")]
        while rest and not rest[0].strip(" ，,。！!；;？?"):
            rest.pop(0)
        after = rest[0] if rest else ""
        parts = []
        for clause in _CLAUSE_SPLIT.split(after.strip(" ，,。！!；;")):
            clause = _ZH_FILLER.sub("", clause.strip())
            if not clause:
                continue
            if _ZH_SELF_RE.match(clause) or re.match(rf"^[^，,]{{0,8}}{_ZH_SELF}(?:今天|明天|下午|马上|先|来|去|回头)", clause):
                break
            parts.append(clause)
        decision = "，".join(parts).strip(" ，,。啊吧")
        if m["how"]:
            # "那先不加急了，就按正常走": the marker carries the decision with the clause before it
            before = [c for c in _CLAUSE_SPLIT.split(text[: m.start()]) if c.strip()]
            lead = _ZH_FILLER.sub("", before[-1].strip()).strip(" ，,。") if before else ""
            decision = "，".join(p for p in (lead, m.group(0).lstrip("那就"), decision) if p)
        if not decision:
            before_text = text[: m.start()]
            decision = _ZH_FILLER.sub("", before_text).strip(" ，,。") or self.prev_text
        if len(decision) < 3:
            return
        sealed = self.items[-1] if self.items else None
        if (sealed is not None and sealed.captured.kind == "decision" and sealed.speaker == speaker and speaker
                and sealed.cues and sealed.cues[-1] == index - 1 and not m["how"]
                and not _ZH_FILLER.sub("", text[: m.start()]).strip(" ，,。那就好行")):
            # "统一198，不搞分店价" / "就这么定了，12月10日上线": the speaker seals their own point and
            # adds its detail; one decision, not two
            sealed.captured.text = f"{sealed.captured.text}，{decision}"
            sealed.quote += "\n" + text
            sealed.cues = (*sealed.cues, index)
            return
        self._decide(Suggestion(Captured(kind="decision", text=decision, raw=text), quote=text,
                                cues=(index,), speaker=speaker, confidence=0.6))

    def _read_dispute(self, index: int, speaker: str | None, text: str) -> bool:
        """"物流不归我们管吧，一直是仓库在弄": whose job it is, contested (the record asks the
        meeting to settle it); the rest of the turn is kept as the basis."""
        m = _ZH_DISPUTE.search(text) or _EN_DISPUTE.search(text)
        if m is None:
            return False
        item = _ZH_FILLER.sub("", m["item"] or "").strip(" ，,。.")
        item = re.sub(r"^(?:that|this|it)\s*(?:is|'s)?\s*", "", item, flags=re.I)
        if not item or _ZH_GENERIC_OBJECT.match(item):
            item = self._object_from_before(index)
        if not item:
            return False
        basis = text[m.end():].strip(" ，,。.吧") or None
        self.items.append(Suggestion(
            Captured(kind="responsibility", text=item, owner=None, basis=basis, status="disputed", raw=text),
            quote=text, cues=(index,), speaker=speaker, confidence=0.45))
        return True

    def _read_responsibility_zh(self, index: int, speaker: str | None, text: str) -> None:
        if self._read_dispute(index, speaker, text):
            return
        if (self.who_question and self.who_question[0] in (index - 1, index - 2) and speaker
                and re.match(r"^(?:[嗯呃好行那，,\s]|这个|那个)*(?:我来|我们来|我负责|我们负责|我出|我写|我去|交给我)", text)):
            dept = self.people.department_of(speaker)
            item = self.who_question[1] or self.topic_before.get(self.who_question[0], "")
            item = re.sub(r"^(?:写|出|做|改|跟|弄|负责|补|发|查|交|准备|整理|联系|处理)", "", item)
            lead = (re.search(r"(?P<d>[\u4e00-\u9fff]{2,4})牵头", text)
                    or re.search(r"我们(?P<d>[\u4e00-\u9fff]{2,4}?)(?:这边|那边|部)", text))
            owner = lead["d"] if lead else (dept or speaker)
            if len(item) < 2:
                return
            self.items.append(Suggestion(
                Captured(kind="responsibility", text=item, owner=owner, status="agreed", raw=text),
                quote=text, cues=(index,), speaker=speaker, confidence=0.5))
            self._who_answered = True
            return
        m = _ZH_RESP.search(text)
        if m and re.search(r"[？?]|吧", text) and self.people.owner(m["who"]):
            self._resp_question = (index, _ZH_FILLER.sub("", m["item"]).strip(), m["who"])
            return
        pending = self._resp_question
        if pending and pending[0] == index - 1:
            _, item, who_text = pending
            owner = who_text
            mention = self.people.mentions(who_text + "部")
            if re.fullmatch(r"[\u4e00-\u9fff]{2}", who_text) and not mention:
                owner = who_text
            elif re.fullmatch(r"[\u4e00-\u9fff]{2}", who_text):
                owner = who_text + "部"
            if _ZH_DENY.search(text):
                cap = Captured(kind="responsibility", text=item, owner=None, status="disputed", raw=text)
            elif _ZH_OWN_IT.search(text) or _ZH_AGREE.match(text):
                cap = Captured(kind="responsibility", text=item, owner=owner, status="agreed", raw=text)
            else:
                return
            self._resp_question = None
            self.items.append(Suggestion(cap, quote=f"{self.cues[index - 1].text} {text}", cues=(index - 1, index),
                                         speaker=speaker, confidence=0.5))

    def _read_obstacle(self, index: int, speaker: str | None, text: str) -> None:
        """What stands in the way (said as a problem, of a kind the words tell) and what can
        remove it: someone outside the two departments who knows a way (老周…认识几家做小批量的)."""
        sentences = _SENTENCE.findall(text) if _CJK.search(text) else _EN_SENTENCE.findall(text)
        for sentence in sentences:
            if _ZH_PROBLEM.search(sentence) or _EN_PROBLEM.search(sentence):
                kind = classify(sentence)
                if kind != "unknown" and not any(
                        s.captured.kind == "obstacle" and s.captured.obstacle_kind == kind for s in self.items):
                    clause = _ZH_FILLER.sub("", sentence.strip()).strip(" ，,。.")
                    self.items.append(Suggestion(Captured(kind="obstacle", text=clause, obstacle_kind=kind, raw=text),
                                                 quote=text, cues=(index,), speaker=speaker, confidence=0.4))
        lever = _ZH_LEVER.search(text) or _EN_LEVER.search(text)
        if lever is None:
            return
        outside = [m.owner for m in self.people.mentions(text) if m.owner != speaker and m.owner not in self.people.names]
        if not outside:
            return
        holder = outside[0]
        if any(s.captured.kind == "lever" and s.captured.holder == holder for s in self.items):
            return
        resource = next((sentence for sentence in sentences if _ZH_LEVER.search(sentence) or _EN_LEVER.search(sentence)),
                        text)
        clauses = [c for c in _CLAUSE_SPLIT.split(resource) if c.strip() and not _ZH_SELF_RE.match(_ZH_FILLER.sub("", c.strip()))]
        resource = "，".join(x for x in (_ZH_FILLER.sub("", c.strip()).strip(" ，,。.") for c in clauses) if x) or resource
        resource = re.sub(r"^(?:他|她|他们)", holder, resource)
        if holder not in resource:
            resource = f"{holder}：{resource}"
        self.items.append(Suggestion(
            Captured(kind="lever", text=resource, holder=holder, owner=speaker, raw=text),
            quote=text, cues=(index,), speaker=speaker, confidence=0.35))

    # -- English
    def _read_en(self, index: int, speaker: str | None, text: str) -> None:
        dm = _EN_DECIDE.search(text)
        if dm and not re.search(r"\?", text):
            decision = _EN_FILLER.sub("", re.split(r"[.!;]\s", dm["rest"] + " ")[0].strip(" :,.")).strip(" ,.:")
            if not decision and index > 0 and index - 1 not in self.skip and not any(
                    s.captured.kind == "decision" and index - 1 in s.cues for s in self.items):
                # a bare "Agreed." settles what was said just before, unless that was read already
                before = [x for x in _EN_SENTENCE.findall(self.cues[index - 1].text) if x.strip()]
                decision = _EN_FILLER.sub("", before[-1].strip(" .!")) if before and "?" not in before[-1] else ""
            if len(decision) >= 5:
                self.items.append(Suggestion(Captured(kind="decision", text=decision, raw=text), quote=text,
                                             cues=(index,), speaker=speaker, confidence=0.5))
        self._read_obstacle(index, speaker, text)
        self._read_dispute(index, speaker, text)
        who_q = _EN_WHO.search(text)
        if who_q:
            self.who_question = (index, _en_task_text(who_q["obj"]))
        handed = index in self.closing and self._read_handout(index, speaker, text)
        current: _Task | None = None
        lead = ""
        for sentence in _EN_SENTENCE.findall(text):
            if self._retract_en(index, speaker, sentence):
                current = None
                continue
            said, lead = lead, sentence if sentence.rstrip().endswith(",") else ""
            sentence = _EN_FILLER.sub("", sentence.strip()).strip()
            if not sentence:
                continue
            current = self._en_sentence(index, speaker, sentence, current, handed=handed, lead=said)

    def _first_names(self) -> dict[str, str]:
        """First names of speakers labelled by role ("Poppy" is the Industrial Designer): the
        one who says "I'm Poppy", or who answers the turn that names Poppy. A word counts as a
        name only where it is capitalised inside a sentence somewhere in the meeting."""
        proper: set[str] = set()
        for cue in self.cues:
            proper.update(re.findall(r"(?<=[a-z,] )([A-Z][a-z]{2,})(?![a-z'])", cue.text))
        proper -= {w.capitalize() for w in _EN_NOT_NAMES} | {
            w for n in self.people.names for w in n.split()} | {"Designer", "Manager", "Expert", "Interface", "Marketing", "Industrial"}
        votes: dict[str, dict[str, int]] = {}
        for i, cue in enumerate(self.cues):
            if _CJK.search(cue.text) or not cue.speaker:
                continue
            me = self.people.speaker(cue.speaker) or ""
            for name in re.findall(r"(?i:i'm|i am|my name is|this is)\s+([A-Z][a-z]{2,})", cue.text):
                if name in proper:
                    votes.setdefault(name, {}).setdefault(me, 0)
                    votes[name][me] += 3
            nxt = self.cues[i + 1] if i + 1 < len(self.cues) else None
            other = self.people.speaker(nxt.speaker) if nxt and nxt.speaker else None
            if other and other != me:
                for name in set(re.findall(r"(?<![A-Za-z])([A-Z][a-z]{2,})(?![a-z'])", cue.text)) & proper:
                    votes.setdefault(name, {}).setdefault(other, 0)
                    votes[name][other] += 1
        out: dict[str, str] = {}
        for name, tally in votes.items():
            ranked = sorted(tally.values(), reverse=True)
            if len(ranked) == 1 or ranked[0] > ranked[1]:
                out[name] = max(tally, key=lambda k: tally[k])
        return out

    def _read_handout(self, index: int, speaker: str | None, text: str) -> bool:
        """The chair's closing turn: each piece of the next phase handed out becomes a task of
        whom it names (the team when it names "you" or "everybody"). True when it gave any."""
        found = assignments(text, self.people.names, _EN_NOT_NAMES)
        if self._names is None:
            self._names = self._first_names()
        for handout in found:
            if handout.owner and handout.owner not in self.people.names:
                handout.owner = self._names.get(handout.owner, handout.owner)
            due = self._due(handout.words)
            task = _Task(handout.owner, handout.words, due, [index], speaker, confidence=handout.confidence,
                         due_cue=index if due else -1, asker=speaker, team=handout.team)
            self.tasks.append(task)
        return bool(found)

    def _en_assigned(self, index: int, speaker: str | None, sentence: str, due: date | None) -> _Task | None:
        """"The Industrial Designer is gonna work on the look and feel": tasks given to people
        named in the third person (a participant's name or role), one per person named."""
        if "?" in sentence:
            return None
        mentions = [m for m in self.people.mentions(sentence) if m.owner in self.people.names]
        # only a name followed by will / is gonna / should starts a task; one inside a task
        # ("work on the user interface design") is part of it
        heads = [m for m in mentions if _EN_ROLE_TAIL.match(sentence[m.end:])]
        last: _Task | None = None
        for n, mention in enumerate(heads):
            if mention.owner == speaker:
                continue
            end = heads[n + 1].start if n + 1 < len(heads) else len(sentence)
            tail = _EN_ROLE_TAIL.match(sentence[mention.end:end])
            if tail is None:
                continue
            rest = re.sub(r"\s+(?:and|,)?\s*(?:the|and)?\s*$", "", tail["rest"])
            words = _en_task_text(rest)
            if (not _EN_TASK_VERB.match(words) or _EN_IN_MEETING.match(words) or _EN_VAGUE.search(rest)
                    or len(words.split()) < 2):
                continue
            last = _Task(mention.owner, words, due, [index], speaker, confidence=0.55, due_cue=index if due else -1,
                         asker=speaker)
            self.tasks.append(last)
        return last

    def _retract_en(self, index: int, speaker: str | None, text: str) -> bool:
        retract = _EN_RETRACT.search(text)
        handover = _EN_HANDOVER.search(text)
        if retract is None and handover is None:
            return False
        task = self._own(speaker, index, text)
        if task is None:
            return False
        if handover:
            who = self.people.owner(handover["who"] or handover["who2"])
            if who:
                task.owner, task.state, task.asker = who, "request", speaker
                task.touch(index)
                return True
        task.state = "dropped"
        return True

    def _en_sentence(self, index: int, speaker: str | None, sentence: str, current: _Task | None,
                     *, handed: bool = False, lead: str = "") -> _Task | None:
        """One English sentence, read by the first step that finds a task in it: one given
        in the third person or to the team, an action item said as such, "that'd be me",
        "Anna to…", a request, or the speaker's own commitment or offer."""
        due = self._due(sentence)
        if not handed:  # a closing turn's handouts were read whole
            found = self._en_assigned(index, speaker, sentence, due) or self._en_team(index, speaker, sentence, due)
            if found is not None:
                return found
        for step in (self._en_action_item, self._en_me, self._en_to_do):
            if (found := step(index, speaker, sentence, due)) is not None:
                return found
        request = _EN_REQUEST.search(sentence)
        if request:
            return self._en_request(index, speaker, sentence, due, request) or current
        return self._en_commitment(index, speaker, sentence, due, current, lead)

    def _en_team(self, index: int, speaker: str | None, sentence: str, due: date | None) -> _Task | None:
        """"The two of you will work on the prototype": the team's task, no one owner."""
        team = _EN_TEAM.search(sentence)
        if not team or "?" in sentence:
            return None
        words = _en_task_text(team["rest"])
        if not _EN_TASK_VERB.match(words) or len(words.split()) < 2 or _EN_VAGUE.search(sentence):
            return None
        task = _Task(None, words, due, [index], speaker, confidence=0.45, due_cue=index if due else -1,
                     asker=speaker, team=True)
        self.tasks.append(task)
        return task

    def _en_action_item(self, index: int, speaker: str | None, sentence: str, due: date | None) -> _Task | None:
        """"Action item for Tom: …" (assigned) or "let's have Anna check the quote" (asked)."""
        item = _EN_ACTION_ITEM.search(sentence) or _EN_HAVE_DO.search(sentence)
        if not item or "?" in sentence:
            return None
        who_said = item["who"]
        who = speaker if who_said.lower() in ("me", "myself", "i") else self.people.owner(who_said)
        words = _en_task_text(item["rest"])
        if not who or len(words.split()) < 2 or not _EN_TASK_VERB.match(words) or _EN_CUT_OFF.search(words):
            return None
        task = _Task(who, words, due, [index], speaker, state="firm" if who == speaker else "request",
                     confidence=0.6, due_cue=index if due else -1, asker=speaker)
        if who != speaker and item.re is _EN_ACTION_ITEM:
            task.state = "firm"  # written down as an action item: assigned, not asked
        self.tasks.append(task)
        return task

    def _en_me(self, index: int, speaker: str | None, sentence: str, due: date | None) -> _Task | None:
        """"That'd be me." after "who can…?": the question's task is the speaker's."""
        if _EN_ME.match(sentence) and self.who_question and self.who_question[0] >= index - 2:
            return self._commit(speaker, "", due, index, speaker, confidence=0.6)
        return None

    def _en_to_do(self, index: int, speaker: str | None, sentence: str, due: date | None) -> _Task | None:
        """"Anna to send the figures": a task written the way minutes give one."""
        to_do = _EN_TO_DO.match(sentence)
        if not to_do or sentence.endswith("?"):
            return None
        first = to_do["who"].split()[0]
        who = self.people.owner(first)
        known = who in self.people.names
        if not who or not (known or (first.lower() not in _EN_NOT_NAMES and re.match(rf"{re.escape(to_do['who'])}\s+to\s", sentence))):
            return None
        words = _en_task_text(to_do["rest"])
        if len(words) < 6 or not _EN_TASK_VERB.match(words):
            return None
        task = _Task(who, words, due, [index], speaker, confidence=0.6, due_cue=index if due else -1)
        self.tasks.append(task)
        return task

    def _en_request(self, index: int, speaker: str | None, sentence: str, due: date | None,
                    request: re.Match[str]) -> _Task | None:
        """"Tom, can you…": a task for the one addressed, waiting for their yes."""
        rest = next(g for g in request.groups() if g)
        words = _en_task_text(rest)
        who = self.people.addressed(sentence) or (self.prev_other if self.prev_other != speaker else None)
        if (_EN_IN_MEETING.match(words) or _EN_VAGUE.search(sentence) or len(words) < 2
                or not (_EN_TASK_VERB.match(words) or _EN_PRONOUN_ONLY.match(words)) or _EN_CUT_OFF.search(words)):
            return None
        open_task = self._recent(who, index, 2) if who else None
        if open_task is not None and self._same_thing(open_task, words):
            open_task.touch(index)
            self._set_due(open_task, due, index)
            return open_task
        if _EN_PRONOUN_ONLY.match(words):
            words = _with_object(words, self.prev_text) if self.prev_text else words
        task = _Task(who, words, due, [index], speaker, state="request", confidence=0.55,
                     due_cue=index if due else -1, asker=speaker)
        self.tasks.append(task)
        return task

    @staticmethod
    def _en_no_task(sentence: str, match: re.Match[str], words: str, due: date | None, lead: str) -> bool:
        """"I'll"/"let me" words that commit to nothing after the meeting: done now, in the
        room, on a condition, hedged, cut off, or no task verb at all."""
        if _EN_IN_MEETING.match(_EN_FILLER.sub("", words)) or _EN_DONE.search(sentence[: match.start() + 12]):
            return True
        if re.match(r"(?:uh+\s+|um+\s+)*just\b", match["rest"], re.I) and not _EN_LATER.search(sentence):
            return True  # "I'll just get the slides up": done now, in the meeting
        if re.search(r"(?<![a-z'])(?:if|unless|once|when)(?![a-z'])", lead + " " + sentence[: match.start()], re.I) and due is None:
            return True  # "if I get more numbers, I'll e-mail you": on a condition nobody has met
        if (_EN_NOT_COMMIT.search(sentence[max(0, match.start() - 12): match.start("rest")])
                or _EN_HEDGE.search(match["rest"][:24])):
            return True
        if len(words.split()) < 2 and not _EN_PRONOUN_ONLY.match(words):
            return True
        if not (_EN_TASK_VERB.match(words) or _EN_PRONOUN_ONLY.match(words)):
            return True  # "I'm gonna be honest", "I'll have a certain flatness": no task
        if _EN_CUT_OFF.search(words):
            return True  # cut off mid-phrase ("put the notes on the"): not a task anyone can do
        return bool(match.re is _EN_LETME and not re.match(
            r"(?:send|e-?mail|forward|follow|get back|find out|check with|circulate)", words, re.I))  # "let me check" is done now

    def _en_commitment(self, index: int, speaker: str | None, sentence: str, due: date | None,
                       current: _Task | None, lead: str) -> _Task | None:
        """"I'll send it tomorrow" / "I can look into it" (an offer); "we'll…" is the team's
        only when said for later; a date said alone dates the speaker's task in hand."""
        commit = _EN_COMMIT.search(sentence) or _EN_LETME.search(sentence)
        offer = None if commit else _EN_OFFER.search(sentence)
        match = commit or offer
        if match is None:
            recent = self._recent(speaker, index, 2) if due is not None and current is None else None
            if recent is not None:
                recent.touch(index)
                self._set_due(recent, due, index)
                return recent
            return current
        rest = re.sub(r"^do\s+is\s+(?:(?:i|we)(?:'ll|\s+will)\s+)?", "", match["rest"], flags=re.I)  # "what I'll do is I'll…"
        words = _en_task_text(rest)
        if self._en_no_task(sentence, match, words, due, lead):
            return current
        owner = speaker
        if (match.groupdict().get("subj") or "").lower() == "we":
            if due is None and not (_EN_LATER.search(sentence) or re.search(r"\b(?:each|all)\b", sentence[match.end("subj"):match.end("subj") + 25])):
                return current  # "we'll only use the first one": a plan, not somebody's task
            owner = None  # the team: nobody in particular
            confidence = 0.45
        else:
            confidence = 0.6 if due else 0.5
        state = "offer" if offer is not None else "firm"
        new_task = current is not None and bool(_EN_NEW_TASK.search(sentence))
        made = self._commit(owner, words, due, index, speaker, state=state, confidence=confidence,
                            new_task=new_task or owner is None)
        if made is not None and owner is None:
            made.team = True
        return made or current

    # -- results
    def _duplicate(self, task: _Task, kept: list[_Task]) -> bool:
        """The same task given twice to the same owner ("X should produce a working design"
        ... "X can work on the working design"): the first one stands, with both quotes."""
        mine = _key_tokens(task.text)
        for other in kept:
            theirs = _key_tokens(other.text)
            shared = len(mine & theirs)
            if (other.owner == task.owner and mine and theirs and 2 * shared >= min(len(mine), len(theirs))
                    and (shared >= 2 or min(len(mine), len(theirs)) == 1 or _CJK.search(task.text))):
                for cue in task.cues:
                    other.touch(cue)
                if task.due and not other.due:
                    other.due = task.due
                return True
        return False

    def _named(self, clauses: Sequence[str], topics: set[str]) -> str:
        """The last of ``clauses`` that names a thing, whole, or the topic one of them opens
        with ("续约合同可以改": 续约合同, added to ``topics``), which comes first."""
        whole = ""
        for clause in reversed(clauses):
            words = _zh_tidy(_ZH_FILLER.sub("", clause.strip()), self.people)
            head = _ZH_TOPIC_HEAD.match(words)
            if head and _names_thing(head["topic"]) and not _ZH_VERB_RE.match(_ZH_VERB_NOUNS.sub("物", head["topic"])):
                if _names_thing(words):
                    return _ZH_MODAL.sub("", words)  # "两台恒湿机得重新调试一遍": the whole errand
                topics.add(head["topic"])
                return head["topic"]  # the thing the turn is about, before what it says of it
            if _names_thing(words) and not whole:
                whole = words
        return whole

    def _whole_task(self, task: _Task, text: str) -> str:
        """A Chinese task said with a pronoun or a bare verb ("这个跟财务说一下", "安排一下",
        "改一版") names its object where it was said: the clause before it in the same turn
        ("那先送校准，你安排一下"), else what the turn before was about."""
        if not _CJK.search(text) or task.team:
            return text
        lead = re.match(r"^(?:这个|那个|这事|那事|这件事|这块|那块)", text)
        rest = text[lead.end():] if lead else text
        told = re.fullmatch(r"(?:跟|和|给|找|问)[^，,]{1,5}?(?:说|谈|讲|聊|沟通|商量|汇报|确认)(?:一下|一声)?", rest)
        core = re.sub(r"^(?:这个|那个|这事|那事|这件事|这块|那块)", "", task.text) if _CJK.search(task.text) else rest
        if not lead and not told and len(_bare(core)) > 3 and not _objectless(core) and not _needs_object(core):
            return text  # the task's own words name a thing (the steps after it may not)  # "跟客户说" says to whom, not what
        if not lead and not told and _SEEK_PERSON.fullmatch(_bare(core)):
            return text  # "去找一下王总": the person sought is the whole errand, not the clause before it
        first = task.cues[0]
        said = self.cues[first].text
        at = said.find(rest[:2]) if rest else -1
        if told and at >= 0:
            # "那你跟小郑说一下 尺码表齐了再打": what is to be told follows the telling
            after = [c.strip() for c in _CLAUSE_SPLIT.split(said[at + len(rest):]) if c.strip(" 。，,")]
            message = _ZH_TAIL.sub("", after[0]).strip(" 。，,") if after else ""
            if len(_bare(message)) >= 3 and not self._due(message) and not _ZH_SELF_RE.search(message):
                return f"{rest}：{message}"
        before = [c for c in _CLAUSE_SPLIT.split(re.sub(r"[。！？!?；;…]", "，", said[:at])) if c.strip()] if at > 0 else []
        topics: set[str] = set()
        obj = self._named(before, topics)
        asked = self.asked_before.get(first, "")
        if not obj and len(_bare(asked)) >= 2 and not _key_tokens(asked) & _key_tokens(text):
            obj = asked  # "音响这块谁能看一下？" "我明天上午去礼堂弄": the thing asked about
        if not obj and _names_thing(self.topic_before.get(first, "")):
            obj = self.topic_before[first]
        if not obj and not told and len(rest) >= 2:
            # "展板设计稿颜色太暗了，得改亮一点" "我改一版": the thing is named earlier in that turn
            obj = self._named([c for c in _CLAUSE_SPLIT.split(re.sub(r"[。！？!?；;…]", "，", self.said_before.get(first, ""))) if c.strip()], topics)
        if not obj or obj in text or not _CJK.search(obj):
            return text
        if not rest:
            return obj
        return _join_object(rest, obj) if obj in topics else f"{obj}，{rest}"

    def _follow_up(self, task: _Task, kept: list[_Task]) -> bool:
        """A later mention of a task its owner already has: one action, not two. A task said
        over several turns comes back as words with no object of their own ("明天弄完我就给
        你消息" after the owner took the task), as words to the task's party ("我跟他们说这周内
        必须来"), or as an answer to a remark about the task ("培训记录记得留" "记录我签字存档");
        it joins the owner's task, which keeps its object and takes the later date."""
        if not _CJK.search(task.text) or task.team:
            return False
        first = task.cues[0]
        mine = [t for t in kept if t.owner == task.owner and t.cues[-1] < first]
        if not mine or re.match(r"^[^。！？!?]{0,5}?(?:另外|还有|顺便)", self.cues[first].text):
            return False  # "嗯，另外…，这个我来安排人": one more task, not the last one again
        target: _Task | None
        last = mine[-1]
        before = (_key_tokens(self.cues[first - 1].text)
                  if first > 0 and self.cues[first - 1].speaker != self.cues[first].speaker else set())
        said = self.cues[first].text
        if task.asker not in (None, task.owner) and _ZH_REMIND.search(said):
            before = _key_tokens(said)  # "老马，音响的事你别忘了": the reminder names the task
        reminded = next((t for t in reversed(mine) if first - t.cues[-1] <= 25 and before & _key_tokens(
            t.text + "".join(t.extra) + self.cues[t.cues[0]].text + self.asked_before.get(t.cues[0], ""))), None)
        party = _TO_THEM.search(said)
        if reminded is not None and task.asker not in (None, task.owner) and _ZH_REMIND.search(said):
            target = reminded
        elif _needs_object("".join([task.text, *task.extra])):
            target = reminded or (last if first - last.cues[-1] <= 3 else None)
        elif (_TO_THEM.search(task.text) and first - last.cues[-1] <= 3 and party
              and not re.search(r"那边|这边|那家|这家", said[: party.start()]) and not _ZH_PARTY.search(said[: party.start()])):
            target = last  # "他们" is the party of the task in hand, not one named in this turn
        else:
            here = _key_tokens(task.text)
            target = next((t for t in reversed(mine) if first - t.cues[-1] <= 4 and before & here
                           and before & _key_tokens(t.text + "".join(t.extra))), None)
        if target is None:
            return False
        for cue in task.cues:
            target.touch(cue)
        if task.due and (target.due is None or task.due_cue > target.due_cue):
            target.due, target.due_cue = task.due, task.due_cue
        if not _needs_object("".join([task.text, *task.extra])):
            self._add_step(target, task.text)
        return True

    def _en_no_follow_up(self, task: _Task, text: str) -> bool:
        """English words that read as a task but leave nobody anything to do after the
        meeting: being sent something ("you'll get an email", "receive some instructions"), a
        thing done here in a moment ("look at that in a second", "I'll take this one"), a bare
        pronoun nothing before explains ("I'll make it"), a promise quoted as someone else's
        words ("everyone will say I'll buy it"), or "something to do with torches"."""
        if _CJK.search(text) or len(task.cues) > 1 or task.due is not None:
            return False
        said = self.cues[task.cues[0]].text
        if _EN_RECEIVED.match(text) or _EN_HERE_NOW.search(text) or re.match(r"(?i)do\s+with\b", text):
            return True
        if re.search(r"(?i)\bsays?,?\s+(?:that\s+)?i'?ll\b", said):
            return True
        return bool(re.fullmatch(r"(?i)[a-z]+(?:\s+[a-z]+)?\s+(?:it|this|that|them|this one|that one)", text))

    def _acknowledged_by(self, task: _Task) -> str | None:
        """Whose a task handed to an unnamed "you" is: the first one other
        than the chair who answers it with a short yes in the next turns ("…you're gonna be
        working on the look and feel" "Yep."). A task for the whole room keeps no owner."""
        first = task.cues[0]
        said = self.cues[first].text
        if (_CJK.search(said) or _EN_WHOLE_ROOM.search(said)
                or re.search(r"(?i)(?<![a-z])(?:you two|two of you|both of you|the two)(?![a-z])", said)
                or re.search(r"(?i)(?<![a-z])together(?![a-z])", task.text)):
            return None  # the room, or a pair: the annotator's order, not who said yes, decides
        if sum(1 for t in self.tasks if t.cues[0] == first) > 1:
            return None  # several things handed out in one turn: one "okay" answers none of them
        for later in range(first + 1, min(len(self.cues), first + 3)):
            cue = self.cues[later]
            who = self.people.speaker(cue.speaker)
            if who is None or who == task.asker:
                return None  # the chair spoke on: nobody took it up
            if len(cue.text.split()) <= 4 and _EN_AGREE.match(cue.text.strip()):
                return who
        return None

    def _name_party(self, task: _Task, text: str) -> str:
        """"我跟他们约时间" names whom: the party (a supplier, a factory, the customer) said
        last before the pronoun, in the same turn or the few before it."""
        pronoun = re.search(r"他们|他(?!人)|她", text)
        if pronoun is None or not _CJK.search(text):
            return text
        first = task.cues[0]
        said = self.cues[first].text
        at = said.find(text[max(0, pronoun.start() - 1): pronoun.end()])
        spans = [said[:at] if at >= 0 else ""] + [self.cues[i].text for i in range(first - 1, max(-1, first - 4), -1)]
        for span in spans:
            parties = _ZH_PARTY.findall(span)
            if parties:
                return text[: pronoun.start()] + parties[-1] + text[pronoun.end():]
        return text

    def _short(self, task: _Task, text: str) -> str:
        """A Chinese task's text as the ledger shows it: its due day is in its own column, so
        the words that said it go ("本周五前把合同签" -> "把合同签"), and a clause that only
        repeats the task's words or is a bare "弄 / 来弄 / 负责" ("…，小样做", "…，弄") goes."""
        if not _CJK.search(text):
            return text
        if task.due is not None:
            for day in reversed(find_dates(text, self.ref)):
                if day.due == task.due:
                    text = _strip_span(text, day.start, day.end)
            text = re.sub(r"^(?:之前|以前|前)(?=[\u4e00-\u9fff]{2})", "", text.strip(" ，,"))
        clauses = [c.strip() for c in re.split(r"[，,]", text) if c.strip()]
        kept: list[str] = []
        for at, clause in enumerate(clauses):
            others = "".join(clauses[:at] + clauses[at + 1:])
            bare = re.sub(r"[^\u4e00-\u9fff]|一下|来|去|吧", "", clause)
            if at and (_ZH_GENERIC_OBJECT.match(clause) or (bare and set(bare) <= set(others))):
                continue
            kept.append(clause)
        return "，".join(kept) if kept else text

    def _label_of(self, owner: str | None) -> str | None:
        """A Chinese transcript's 说话人3 who answered to "小钱" is still 说话人3 in the
        ledger: the label is who they are in it, the name only how the room called them."""
        labels = [label for label, name in self.alias.items() if name == owner and re.match(r"说话人|发言人", label)]
        return labels[0] if owner is not None and len(labels) == 1 else owner

    def _no_decision(self, item: Suggestion, kept: Sequence[_Task]) -> bool:
        """A Chinese "decision" that settles nothing for the meeting: only a day or a figure
        worked out ("那就是二十二号", "明天中午前"), a report of what someone else said or
        wants ("酒店说不加", "客户要求…重做"), a point left open ("什么都没定", "等老板定",
        "有空就弄呗"), or the yes to an errand someone just took on ("找吧，找两个" after
        "能找，就是贵点"): that one is the action, not a decision."""
        text = item.captured.text
        if not _CJK.search(text):
            return False
        if re.search(r"没定|没决定|什么都没|再碰|再议|再聊|再商量|有空|有时间再|回头再", item.captured.raw or ""):
            return True  # "可以啊，有空就弄呗": left open
        if re.search(r"不用我|我(?:去|来|自己)", text):
            return True  # "那就不用我去了": about the speaker's errand, not the meeting's choice
        if re.search(r"(?:就是|也就是)[^，,。]{0,8}(?:号|日|周[一二三四五六日天]|星期)", text):
            return True  # "年会前一周就是八号": a day worked out
        if re.search(r"[，,\s]或者|[，,\s]要么", text):
            return True  # "那就二十八号之前吊上驳船，或者等检修完再吊": two ways still open
        said = [c.strip() for c in _CLAUSE_SPLIT.split(text) if c.strip()]
        if any(self._self_commit(c) for c in said):
            return True  # "这个我来弄，…": the speaker's errand
        # "稿子是对的，印厂用了旧版", "挪不了，是特检院定的日子": why, not what will be done
        said = [c for c in said if not re.search(
            r"是[^，,。]{1,14}的(?:[\u4e00-\u9fff]{1,3})?$|^先别(?:吵|争|说|急)|^[^，,。]{1,4}不了$"
            r"|过(?!去|来|驳)[^，,。]{0,2}(?:一次|几次|了)?$|来不及|不够|肯定|^[^，,。]{1,8}是(?!不是)[^，,。]{1,10}$", c)]
        # ("供应商换过一次", "全部返工肯定来不及", "船期是二十号": what is or was so, not what will be done)
        if not said:
            return True
        rest = "，".join(said)
        for found in reversed(find_dates(rest, self.ref)):
            rest = rest[: found.start] + rest[found.end:]
        rest = re.sub(r"[\d０-９一两二三四五六七八九十百千万半]+(?:个|天|周|次|台|人|份|吨|号|点|块|箱|件|套|米)?(?![\u4e00-\u9fff])|就是|那就|就|那|是|了|吧|必须|最晚|不是|尽量|[^\u4e00-\u9fff]", "", rest)
        if len(rest) < 2:
            return True
        if re.match(r"[^，,。]{1,6}?(?<!这么|这样|那么|那样)(?:说|要求|讲|反映|表示|的意思是)(?!好|定|明)", text) or re.search(r"的话[^，,。]{0,4}就", text):
            return True
        if re.search(r"没定|没决定|什么都没|再碰|再议|再聊|再商量|有空|等[^，,。]{1,6}(?:定|回话|回复|消息|拍板)$|^最好|^希望|^争取", text):
            return True
        at = item.cues[0] if item.cues else -1
        mine = _key_tokens(text)
        return any(t.owner is not None and t.cues[0] < at and len(_bare(text)) <= 8
                   and (at in t.cues or (any(at - 2 <= i < at for i in t.cues)
                                         and len(mine & _key_tokens(t.text + "".join(t.extra))) >= 2))
                   for t in kept)

    def suggestions(self) -> list[Suggestion]:
        out = list(self.items)
        kept: list[_Task] = []
        for task in self.tasks:
            if task.state == "request" and task.directive:
                task.state = "firm"  # nobody said no to the chair
            if task.state != "firm" or not (task.owner or task.team) or self._duplicate(task, kept):
                continue
            if self._follow_up(task, kept):
                continue
            kept.append(task)
        out = [s for s in out if s.captured.kind != "decision" or not self._no_decision(s, kept)]
        for task in kept:
            text = task.text if not task.extra else "，".join([task.text, *task.extra]) if _CJK.search(task.text) else "; ".join([task.text, *task.extra])
            text = self._whole_task(task, text.strip(" ，,。"))
            if len(text) < 2 or self._en_no_follow_up(task, text):
                continue
            text = self._name_party(task, text)
            text = self._short(task, text)
            owner = task.owner or (self._acknowledged_by(task) if task.team else None)
            owner = self._label_of(owner)
            cues = tuple(sorted(task.cues))
            quote = " / ".join(self.cues[i].text.strip() for i in cues)
            captured = Captured(kind="action", text=text, owner=owner, due=task.due, raw=quote)
            out.append(Suggestion(captured, quote=quote, cues=cues, speaker=task.speaker,
                                  confidence=round(min(0.95, task.confidence + (0.1 if len(cues) > 1 else 0)), 2)))
        return out


def extract_speech(
    cues: Sequence[Cue],
    *,
    meeting_date: date | None,
    participants: Sequence[Participant] = (),
    language: Language = "zh",
    skip: Collection[int] = (),
) -> list[Suggestion]:
    """Items said in conversation; cues whose index is in ``skip`` were already read."""
    people = People(participants, (c.speaker for c in cues))
    reader = _Reader(cues, meeting_date, people, language, set(skip))
    reader.run()
    return reader.suggestions()
