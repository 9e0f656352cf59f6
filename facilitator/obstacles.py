"""Kinds of real obstacle (design.md section 6), declared once, and a classifier from text.

Step 3 of the method asks *what kind* of thing blocks the owner: capacity, budget,
priority, information, skill, a policy limit or an outside partner. The kind decides
which resource can remove it (an approval removes a budget obstacle, a senior
colleague's supplier removes a partner obstacle), so the kind is what matches a
meeting to past cases. A user can state it (``障碍[预算]: …``); otherwise it is guessed
from the words, and ``unknown`` is an honest answer when nothing fits.
"""

from __future__ import annotations

import re

from facilitator.textforms import fold, text_key

__all__ = ["KINDS", "LABELS", "UNKNOWN", "classify", "kind_label", "lever_target", "parse_kind"]

UNKNOWN = "unknown"
KINDS: tuple[str, ...] = ("capacity", "budget", "priority", "information", "skill", "policy", "partner", UNKNOWN)
"""Every obstacle kind, in the order the method lists them."""

LABELS: dict[str, dict[str, str]] = {
    "zh": {"capacity": "产能", "budget": "预算", "priority": "优先级", "information": "信息",
           "skill": "能力", "policy": "制度合规", "partner": "外部伙伴", UNKNOWN: "未分类"},
    "en": {"capacity": "capacity", "budget": "budget", "priority": "priority",
           "information": "information", "skill": "skill", "policy": "policy",
           "partner": "partner", UNKNOWN: "unknown"},
}  # fmt: skip

_ALIASES: dict[str, str] = {
    "技能": "skill", "技术": "skill", "制度": "policy", "合规": "policy", "政策": "policy",
    "伙伴": "partner", "外部": "partner", "供应商": "partner", "资金": "budget", "费用": "budget",
    "人手": "capacity", "compliance": "policy", "regulation": "policy", "money": "budget",
    "cost": "budget", "supplier": "partner", "info": "information", "capability": "skill",
    "其他": UNKNOWN, "未知": UNKNOWN, "待定": UNKNOWN,
}  # fmt: skip

# Words that point at a kind, with a weight: 2 names the kind itself ("没有预算"),
# 1 is a circumstance that often comes with it ("供应商" alone is context, not proof).
_KEYWORDS: dict[str, dict[str, int]] = {
    "capacity": {
        "产能": 2, "排产": 2, "排不上": 2, "排满": 2, "满负荷": 2, "人手": 2, "人力不足": 2,
        "忙不过来": 2, "来不及": 1, "机台": 1, "工时": 1, "加班": 1, "产线": 1, "缺料": 1,
        "库存不足": 2, "没有库存": 2, "场地": 1, "排期": 2, "排队": 1, "占满": 2, "设备不够": 2,
        "capacity": 2, "fully booked": 2, "no slot": 2, "backlog": 2, "overtime": 1,
        "headcount": 2, "short-staffed": 2, "understaffed": 2, "no free": 1, "queue": 1,
        "bandwidth": 2, "shifts": 1, "line is full": 2, "stock": 1,
    },
    "budget": {
        "预算": 3, "经费": 2, "费用": 2, "没钱": 2, "没有钱": 2, "笔钱": 2, "出钱": 2, "花钱": 1, "资金": 2, "谁出钱": 3, "谁承担": 1, "垫付": 2,
        "报销": 1, "成本": 1, "开支": 1, "额度": 1, "付款": 1, "价格": 1, "报价": 1, "保证金": 2,
        "模具费": 2, "nre": 2, "budget": 3, "funding": 2, "cost": 1, "pay for": 2, "who pays": 3,
        "expense": 2, "money": 2, "spend": 1, "price": 1, "fee": 1, "cash": 1, "capex": 2,
    },
    "priority": {
        "优先级": 3, "优先": 1, "不重视": 2, "顾不上": 2, "排在后面": 2, "小单": 2, "量太小": 2,
        "订单太小": 2, "批量小": 2, "起订量": 2, "不愿意接": 2, "不愿接": 2, "不肯接": 2, "不划算": 2,
        "没有动力": 2, "考核": 1, "kpi": 1, "积极性": 2, "插单": 1, "大客户": 1, "不接": 1,
        "priority": 3, "deprioriti": 3, "too small": 2, "not worth": 2, "minimum order": 2,
        "moq": 2, "bigger customers": 2, "no incentive": 2, "not interested": 2, "low volume": 2,
        "small order": 2, "back of the queue": 2, "won't take": 2,
    },
    "information": {
        "信息": 2, "不知道": 2, "不清楚": 2, "没人知道": 2, "规格": 1, "图纸": 1, "需求不明确": 3,
        "资料": 1, "数据": 1, "参数": 1, "没有通知": 2, "没通知": 2, "未同步": 2, "没有传达": 2,
        "不了解": 2, "没人清楚": 2, "不明确": 2, "版本": 1, "说明": 1, "口径": 1, "确认": 1, "缺少": 1,
        "information": 2, "don't know": 2, "nobody knows": 2, "unclear": 2, "spec": 1,
        "drawing": 1, "missing data": 2, "not told": 2, "never told": 2, "unknown": 1,
        "requirements": 1, "which version": 2, "no one told": 2, "details": 1,
    },
    "skill": {
        "能力": 2, "技术": 1, "技能": 2, "没经验": 2, "没有经验": 2, "不会": 2, "没做过": 2, "没人做过": 2, "没人会": 2, "没人懂": 2, "从没做过": 2, "工艺": 1,
        "专业": 1, "人才": 2, "培训": 1, "缺少工程师": 2, "调试": 1, "不懂": 2, "懂行": 2, "选型": 1, "没效果": 2, "没有效果": 2,
        "skill": 2, "expertise": 2, "know-how": 2, "never done": 2, "experience": 1,
        "no one can": 2, "trained": 1, "did not work": 2, "didn't work": 2, "engineer who": 1, "how to": 1, "specialist": 1,
    },
    "policy": {
        "制度": 2, "合规": 3, "政策": 2, "规定": 1, "法规": 2, "不允许": 2, "资质": 2, "认证": 1,
        "许可": 2, "出口管制": 3, "海关": 1, "报关": 1, "发票": 1, "合同条款": 2, "法务": 2,
        "审计": 1, "危险品": 1, "禁止": 2, "不符合": 1, "红线": 2, "审批流程": 2, "流程要求": 2,
        "policy": 2, "compliance": 3, "regulation": 2, "not allowed": 2, "licen": 2,
        "certif": 1, "legal": 2, "audit": 1, "customs": 1, "export control": 3, "rule": 1,
        "contract clause": 2, "prohibited": 2, "permit": 2,
    },
    "partner": {
        "供应商": 1, "外部": 1, "合作伙伴": 2, "代理商": 2, "经销商": 2, "分包": 2, "外协": 2,
        "物流": 1, "承运": 1, "第三方": 1, "实验室": 1, "检测机构": 1, "厂家": 1, "原厂": 2,
        "货代": 2, "船公司": 2, "不配合": 2, "对方公司": 1,
        "supplier": 1, "vendor": 1, "partner": 2, "distributor": 2, "subcontract": 2,
        "carrier": 1, "third party": 1, "third-party": 1, "forwarder": 2, "outside lab": 1,
        "manufacturer": 1, "won't cooperate": 2,
    },
}  # fmt: skip

_TIE_ORDER = ("budget", "capacity", "policy", "skill", "information", "priority", "partner")


def parse_kind(label: str) -> str | None:
    """The kind a user wrote in ``障碍[…]`` or the ledger: an id, a label in either
    language, or a common synonym; None when it names no kind."""
    key = text_key(label)
    if not key:
        return None
    if key in KINDS:
        return key
    for labels in LABELS.values():
        for kind, text in labels.items():
            if key == text_key(text):
                return kind
    return _ALIASES.get(key)


def kind_label(kind: str | None, lang: str = "zh") -> str:
    """The word shown for a kind in the meeting's language."""
    labels = LABELS.get(lang, LABELS["zh"])
    return labels.get(kind or UNKNOWN, labels[UNKNOWN])


_ASCII_SET = frozenset(w for words in _KEYWORDS.values() for w in words if w.isascii() and w[:1].isalpha())
_ASCII_WORDS = re.compile(
    "(?<![a-z])(" + "|".join(sorted({re.escape(w) for words in _KEYWORDS.values() for w in words
                                     if w.isascii() and w[:1].isalpha()}, key=len, reverse=True)) + ")")
"""Every English keyword at the start of a word, in one pattern (longest first)."""


def _ascii_hits(folded: str) -> set[str]:
    """The English keywords found in ``folded``, overlapping ones too (``no slot``, ``no free``)."""
    hits: set[str] = set()
    pos = 0
    while (m := _ASCII_WORDS.search(folded, pos)) is not None:
        start = m.start()
        hits.update(w for w in _ASCII_SET if folded.startswith(w, start))
        pos = start + 1
    return hits


def scores(text: str) -> dict[str, int]:
    """Keyword weight per kind found in ``text`` (kinds with no hit are left out)."""
    folded = fold(text)
    english = _ascii_hits(folded)
    found: dict[str, int] = {}
    for kind, words in _KEYWORDS.items():
        total = sum(weight for word, weight in words.items()
                    if (word in english if word.isascii() and word[:1].isalpha() else word in folded))
        if total:
            found[kind] = total
    return found


def classify(text: str) -> str:
    """The most likely kind of the obstacle described by ``text``, or ``unknown``."""
    found = scores(text)
    if not found:
        return UNKNOWN
    best = max(found.values())
    if best < 2:
        return UNKNOWN  # only circumstantial words: better to ask than to guess
    return next(k for k in _TIE_ORDER if found.get(k) == best)


def _bigrams(text: str) -> set[str]:
    """Pairs of neighbouring characters (Chinese has no spaces to split words at) and the
    Latin words of ``text``: enough to tell which obstacle a lever talks about."""
    folded = re.sub(r"[\s\W_]+", " ", fold(text))
    pairs = {a + b for part in folded.split() if not part.isascii() for a, b in zip(part, part[1:], strict=False)}
    return pairs | {w for w in folded.split() if w.isascii() and len(w) > 2}


def lever_target(text: str, named: str | None, obstacles: list[tuple[int, str, str | None]],
                 ) -> tuple[int | None, str]:
    """Which obstacle a lever line (``资源[预算]: …``) removes, and how it was chosen.

    ``obstacles`` are ``(id, text, kind)`` in the order recorded. The rule (design.md
    section 6): the obstacle of the kind the line names (the latest of that kind); else
    the one the lever's kind and words match best; else the latest. ``how`` is ``named``,
    ``matched``, ``latest``, ``named_missing`` (the named kind has no obstacle: matched or
    latest instead) or ``none`` (no obstacle yet)."""
    if not obstacles:
        return None, "none"
    if named:
        of_kind = [o for o in obstacles if (o[2] or classify(o[1])) == named]
        if of_kind:
            return of_kind[-1][0], "named"
    kind = classify(text)
    words = _bigrams(text)
    best, best_score = None, 0
    for oid, otext, okind in obstacles:  # later ones win ties: the room is talking about them
        score = 3 * (kind != UNKNOWN and (okind or classify(otext)) == kind) + len(words & _bigrams(otext))
        if score >= best_score and score > 0:
            best, best_score = oid, score
    if best is not None and best_score >= 2:
        return best, "named_missing" if named else "matched"
    return obstacles[-1][0], "named_missing" if named else "latest"
