"""Due dates as people say them: 周三前, 明天之内, 今天下午, 月底, 两天内, 这周内, tomorrow,
by end of the week, by next Friday.

Spoken dates are looser than the quick-capture DATE forms (``capture.resolve_date``), which
every typed line keeps; this module finds them *inside* a sentence, resolves each against the
meeting date, and gives back where it was, so the reader can cut it out of the task text. The
written forms are tried first, so "12月9日" means here what it means in a typed line.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

from facilitator.capture import DATE_PATTERN, resolve_date

__all__ = ["SpokenDate", "find_dates", "first_due"]

_CN_NUM = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
           "半": 0}
_EN_NUM = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "a": 1, "couple of": 2, "few": 3}
_WITHIN = r"(?:之内|以内|内|之前|以前|前)?"
_BEFORE = r"(?:在|于|到|截止(?:到)?|最晚|最迟)?"

_SPOKEN: list[tuple[str, re.Pattern[str]]] = [
    ("zh_rel", re.compile(r"(?P<rel>大后天|后天|明天|明日|明早|明晚|今天|今日|今晚)(?:早上|上午|中午|下午|晚上|一早|下班前)?"
                          r"(?:之内|以内|内|之前|以前|前)?")),
    ("written", re.compile(rf"{_BEFORE}(?:{DATE_PATTERN})(?:之前|以前|前|之内|以内)?", re.I)),
    ("zh_month_end", re.compile(rf"{_BEFORE}(?P<p>下个?|这个?|本)?月(?P<w>底|末){_WITHIN}")),
    ("zh_days", re.compile(r"(?P<n>[一两二三四五六七八九十\d]{1,2})(?:个)?(?P<u>天|工作日|个工作日|周|个星期|星期|礼拜|个礼拜)(?:之内|以内|内)")),
    ("zh_week", re.compile(rf"{_BEFORE}(?P<p>这|本|下)(?:个)?(?:周|星期|礼拜)(?P<w>内|之内|末|底)?(?:之前|以前|前)?(?![一二三四五六日天1-7])")),
    ("zh_dayno", re.compile(rf"{_BEFORE}(?<![\d月])(?P<d>[1-3]?\d)\s*[号日](?:之前|以前|前|之内)?")),
    ("zh_today", re.compile(r"(?:今天|今日|今晚|今儿|会后|散会后|开完会)(?:上午|下午|晚上|中午|下班前|之内|以内|内)?")),
    ("zh_today", re.compile(r"(?<![一二三四五六日天号1-7周])(?:下午|晚上|待会儿?|等会儿?|一会儿)(?:之前|前)?")),
    ("en_eod", re.compile(r"(?<![a-z])(?:by\s+)?(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?day|(?<![a-z])(?:by\s+)?tonight(?![a-z])", re.I)),
    ("en_eow", re.compile(r"(?<![a-z])(?:by\s+)?(?:the\s+)?end\s+of\s+(?P<p>the\s+|this\s+|next\s+)?week(?![a-z])", re.I)),
    ("en_eom", re.compile(r"(?<![a-z])(?:by\s+)?(?:the\s+)?end\s+of\s+(?P<p>the\s+|this\s+|next\s+)?month(?![a-z])", re.I)),
    ("en_within", re.compile(r"(?<![a-z])(?:with)?in\s+(?:the\s+next\s+)?(?P<n>\d+|one|two|three|four|five|a|a\s+couple\s+of|a\s+few)\s+(?P<u>days?|weeks?)(?![a-z])", re.I)),
    ("en_nextweek", re.compile(r"(?<![a-z])(?:by\s+)?(?P<p>next|this)\s+week(?![a-z])", re.I)),
]


@dataclass(frozen=True)
class SpokenDate:
    start: int
    end: int
    due: date
    text: str


def _number(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    if token in _CN_NUM:
        return _CN_NUM[token]
    if len(token) == 2 and token[0] == "十":
        return 10 + _CN_NUM.get(token[1], 0)
    if len(token) == 2 and token[1] == "十":
        return _CN_NUM.get(token[0], 0) * 10
    return _EN_NUM.get(re.sub(r"\s+", " ", token.lower()).removeprefix("a ").strip() or "a")


def _friday(ref: date, weeks: int = 0) -> date:
    return ref - timedelta(days=ref.weekday()) + timedelta(days=7 * weeks + 4)


def _month_end(ref: date, months: int = 0) -> date:
    year, month = ref.year + (ref.month - 1 + months) // 12, (ref.month - 1 + months) % 12 + 1
    return date(year, month, calendar.monthrange(year, month)[1])


def _resolve(kind: str, m: re.Match[str], ref: date) -> date | None:
    if kind == "zh_rel":
        return ref + timedelta(days={"大后天": 3, "后天": 2, "明天": 1, "明日": 1, "明早": 1, "明晚": 1}.get(m["rel"], 0))
    if kind == "written":
        phrase = re.sub(r"^(?:在|于|到|截止(?:到)?|最晚|最迟)", "", m.group(0))
        return resolve_date(re.sub(r"(?:之内|以内)$", "", phrase), ref)
    if kind == "zh_month_end":
        return _month_end(ref, 1 if (m["p"] or "").startswith("下") else 0)
    if kind == "zh_days":
        n = _number(m["n"])
        if n is None:
            return None
        unit = m["u"]
        if "工作日" in unit:
            day, left = ref, n
            while left:
                day += timedelta(days=1)
                left -= day.weekday() < 5
            return day
        return ref + timedelta(days=n if unit == "天" else 7 * n)
    if kind == "zh_week":
        weeks = 1 if m["p"] == "下" else 0
        return _friday(ref, weeks)
    if kind == "zh_dayno":
        day_no = int(m["d"])
        if not 1 <= day_no <= 31:
            return None
        year, month = ref.year, ref.month
        if day_no < ref.day:
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        try:
            return date(year, month, day_no)
        except ValueError:
            return None
    if kind in ("zh_today", "en_eod"):
        return ref
    if kind == "en_eow":
        return _friday(ref, 1 if (m["p"] or "").strip().lower() == "next" else 0)
    if kind == "en_eom":
        return _month_end(ref, 1 if (m["p"] or "").strip().lower() == "next" else 0)
    if kind == "en_within":
        n = _number(m["n"])
        if n is None:
            return None
        return ref + timedelta(days=n if m["u"].lower().startswith("day") else 7 * n)
    if kind == "en_nextweek":
        return _friday(ref, 1 if m["p"].lower() == "next" else 0)
    return None


def find_dates(text: str, ref: date | None) -> list[SpokenDate]:
    """Every date phrase said in ``text``, left to right, none overlapping (the longest wins)."""
    ref = ref or date.today()
    norm = unicodedata.normalize("NFKC", text)
    if len(norm) != len(text):
        norm = text  # offsets must index the text as given
    found: list[SpokenDate] = []
    for kind, regex in _SPOKEN:
        for m in regex.finditer(norm):
            if m.end() == m.start():
                continue
            due = _resolve(kind, m, ref)
            if due is None:
                continue
            if any(f.start < m.end() and m.start() < f.end for f in found):
                continue
            found.append(SpokenDate(m.start(), m.end(), due, text[m.start(): m.end()]))
    return sorted(found, key=lambda f: f.start)


def first_due(text: str, ref: date | None) -> SpokenDate | None:
    """The date a commitment is due by: the last one said in the sentence (people give the
    day after the task: 样品到了…周三前做), preferring one marked 前 / by."""
    found = find_dates(text, ref)
    if not found:
        return None
    marked = [f for f in found if re.search(r"前|内|by|before|end of", f.text, re.I)]
    return (marked or found)[-1]
