"""Long coordination meetings with planted commitments, generated deterministically.

An hour of talk is mostly discussion: status reports, stated reasons, numbers, dates
that are not commitments (the delivery deadline, last month's meeting). Somewhere in
it, said once, are the commitments the summary must not lose. ``meeting(...)`` builds
such a transcript in Chinese or English from a seed: filler turns drawn from pools of
sentences, the planted commitments put at fixed fractions of the meeting, and each
planted one known (owner as spoken, due date, what). The tests and
``bench/llm_quality.py`` use the same meetings, so a figure in the benchmark is about
the transcript a test checks.

``python -m tests.long_meetings DIR`` writes the benchmark set as .vtt files.
"""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

MEETING_DAY = date(2026, 11, 23)  # a Monday

ZH_PEOPLE = [("张伟", "销售"), ("刘经理", "采购部"), ("黄主任", "生产部"), ("郑工", "质量部"),
             ("孙主管", "IT 部"), ("陈会计", "财务部")]
EN_PEOPLE = [("Li Na", "Sales"), ("Ravi", "Procurement"), ("Tom Baker", "Production"),
             ("Mei Chen", "Quality"), ("Sara Cole", "Finance"), ("Omar", "IT")]

ZH_FILLER = [
    "这批不锈钢管的订单客户那边催得很紧，交付期限是 12 月 20 日。",
    "上个月 11 月 5 日我们已经开过一次会，当时没有结论。",
    "生产这边的排产表已经排到下个月中旬了，插单很难。",
    "采购说找不到供应商，其实是量太小，没人愿意接这种非标料。",
    "质量部的检验标准是按合同附件执行的，这个没有争议。",
    "仓库里还有一批旧料，但规格不对，不能直接用。",
    "财务那边说这笔费用没有预算科目，走不了正常流程。",
    "客户的技术要求我们之前没接触过，需要再确认一下细节。",
    "我补充一点，上次返工的费用到现在还没有说清楚由谁承担。",
    "系统里这个物料编码还没建，IT 那边说要走审批。",
    "这个问题的根子不在生产，在于前面的信息没有传到位。",
    "如果能找到愿意接小单的供应商，后面的事情都好办。",
    "我们可以先看看以前有没有类似的案例是怎么处理的。",
    "客户那边的项目经理昨天又打电话问进度了。",
    "按现在的速度，肯定赶不上原定的交付时间。",
    "包装的问题也要考虑，海运的话防潮要求比较高。",
    "这个我同意，但是需要领导拍板，我们几个定不了。",
    "报价单上的价格是三个月前的，现在原材料涨了不少。",
    "我先说一下目前的进度，样品的图纸已经确认过了。",
    "大家的意见我记一下，会后整理出来发群里。",
]
ZH_LEADS = ["好，那就这样定：", "我这边可以答应，", "没问题，", "行，记一下：", "那我们说好，"]
ZH_PLANTED = [  # (owner as spoken, month, day, what)
    ("质量部", 12, 3, "把样品寄给客户确认"),
    ("刘经理", 11, 27, "把三家供应商的报价发到群里"),
    ("黄主任", 12, 1, "给出插单后的新排产计划"),
    ("孙主管", 11, 30, "在系统里建好新的物料编码"),
    ("陈会计", 12, 4, "提交一次性费用的特批申请"),
    ("张伟", 11, 26, "向客户说明新的交付安排"),
    ("生产部", 12, 8, "完成首批钢管的试生产"),
    ("采购部", 12, 10, "和新供应商签好小批量订单"),
]

EN_FILLER = [
    "The customer keeps asking about this order; the delivery deadline is December 20.",
    "We already met on November 5 and nothing was settled then.",
    "Production is booked until the middle of next month, so squeezing this in is hard.",
    "Procurement says no supplier can be found, but really the order is too small for anyone.",
    "Quality checks follow the appendix of the contract; nobody disputes that part.",
    "There is some old stock in the warehouse, but the size is wrong.",
    "Finance says there is no budget line for this cost, so the usual process does not work.",
    "We have never worked with the customer's technical requirements before.",
    "One more thing: we still have not settled who pays for the last rework.",
    "The material code does not exist in the system yet and IT needs an approval for it.",
    "The root of this is not production; the information never reached the right people.",
    "If we find a supplier willing to take a small order, the rest becomes easy.",
    "Maybe we should look at how a similar case was handled before.",
    "The customer's project manager called again yesterday about the status.",
    "At this pace we will certainly miss the original delivery date.",
    "Packaging matters too; shipping by sea needs good protection against moisture.",
    "I agree, but management has to decide; the people in this room cannot.",
    "The prices on the quote are three months old and raw materials went up since.",
    "Let me give the current status first: the sample drawings were approved.",
    "I will note everyone's views and post a summary to the group after the meeting.",
]
EN_LEADS = ["Fine, let's settle it: ", "I can commit to that. ", "No problem. ", "Noted: ", "Agreed, so "]
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December"]
EN_PLANTED = [
    ("Mei Chen", 12, 3, "send the samples to the customer for approval"),
    ("Ravi", 11, 27, "post the quotes of three suppliers to the group"),
    ("Tom Baker", 12, 1, "share the new production schedule with the rush order"),
    ("Omar", 11, 30, "create the new material code in the system"),
    ("Sara Cole", 12, 4, "file the request for a one-off budget approval"),
    ("Li Na", 11, 26, "explain the new delivery plan to the customer"),
    ("Production", 12, 8, "finish the trial run of the first batch"),
    ("Procurement", 12, 10, "sign the small-batch order with the new supplier"),
]


@dataclass
class Planted:
    owner: str
    due: date
    what: str
    line: str
    """The cue text as spoken."""
    at: int
    """Seconds into the meeting."""


@dataclass
class LongMeeting:
    name: str
    lang: str
    cues: list[tuple[int, str, str]]
    """(seconds, speaker, text)."""
    planted: list[Planted] = field(default_factory=list)
    people: list[tuple[str, str]] = field(default_factory=list)

    def vtt(self) -> str:
        """A WebVTT export, as Tencent Meeting, Feishu or Teams write one."""
        out = ["WEBVTT", ""]
        for n, (sec, who, text) in enumerate(self.cues, 1):
            out += [str(n), f"{_ts(sec)} --> {_ts(sec + 5)}", f"<v {who}>{text}", ""]
        return "\n".join(out)

    def notes(self, typed: list[str]) -> str:
        """A notes file: header, participants, typed quick-capture lines, then the talk
        as time-stamped lines (what ``import`` makes of a transcript)."""
        if self.lang == "zh":
            head = [f"协调会：不锈钢管订单交付受阻  {MEETING_DAY.isoformat()}",
                    "参会：" + "；".join(f"{d} {n}" for n, d in self.people)]
        else:
            head = [f"Coordination meeting: stainless tube order stuck  {MEETING_DAY.isoformat()}",
                    "Participants: " + ", ".join(f"{n} ({d})" for n, d in self.people)]
        talk = [f"[{sec // 60:02d}:{sec % 60:02d}] {who}: {text}" for sec, who, text in self.cues]
        return "\n".join([*head, "", *typed, "", *talk]) + "\n"


def _ts(sec: int) -> str:
    return f"{sec // 3600:02d}:{sec % 3600 // 60:02d}:{sec % 60:02d}.000"


def meeting(lang: str = "zh", cues: int = 600, planted: int = 6, seed: int = 1) -> LongMeeting:
    """A meeting of ``cues`` turns with ``planted`` commitments spread through it
    (one near the start, one near the end, the rest in the middle)."""
    rng = random.Random(seed)
    people = ZH_PEOPLE if lang == "zh" else EN_PEOPLE
    filler = ZH_FILLER if lang == "zh" else EN_FILLER
    leads = ZH_LEADS if lang == "zh" else EN_LEADS
    pool = ZH_PLANTED if lang == "zh" else EN_PLANTED
    chosen = pool[:planted]
    spots = {max(1, int(cues * (0.05 + 0.9 * i / max(1, len(chosen) - 1)))): p for i, p in enumerate(chosen)}
    result = LongMeeting(name=f"{lang}-{cues}-s{seed}", lang=lang, cues=[], people=list(people))
    sec = 0
    for n in range(cues):
        sec += rng.randint(6, 20)
        who = rng.choice(people)[0]
        if n in spots:
            owner, month, day, what = spots[n]
            lead = rng.choice(leads)
            if lang == "zh":
                text = f"{lead}{owner} {month} 月 {day} 日之前{what}。"
            else:
                text = f"{lead}{owner} will {what} by {EN_MONTHS[month - 1]} {day}."
            result.planted.append(Planted(owner, date(2026, month, day), what, text, sec))
        else:
            text = rng.choice(filler)
            if rng.random() < 0.3:
                text += " " + rng.choice(filler)
        result.cues.append((sec, who, text))
    return result


BENCH_SET = [("zh", 160, 4, 11), ("en", 200, 4, 12), ("zh", 470, 6, 13), ("en", 560, 6, 14),
             ("zh", 880, 8, 15), ("en", 1080, 8, 16)]
"""(lang, cues, planted, seed): about 5k to 30k tokens of transcript lines each."""


def bench_set() -> list[LongMeeting]:
    return [meeting(lang, cues, planted, seed) for lang, cues, planted, seed in BENCH_SET]


if __name__ == "__main__":  # pragma: no cover - writes the set for a look
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    folder.mkdir(parents=True, exist_ok=True)
    for m in bench_set():
        (folder / f"{m.name}.vtt").write_text(m.vtt(), encoding="utf-8")
        print(folder / f"{m.name}.vtt", len(m.cues), "cues,", len(m.planted), "planted")
