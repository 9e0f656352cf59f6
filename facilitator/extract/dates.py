"""Due dates as people say them inside a sentence: 周三前, 明天之内, 今天下午, 月底, 两天内,
这周内, tomorrow, by end of the week, by next Friday.

The typed quick-capture DATE forms (``capture``) and the spoken ones (:mod:`.spoken`) are
both looked for; each is resolved against the meeting date and given back with where it
was, so the reader can cut it out of the task text. The typed forms win where both match,
so "12月9日" means here what it means in a typed line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from facilitator.capture import DATE_PATTERN, resolve_date
from facilitator.extract.spoken import SPOKEN, resolve_spoken
from facilitator.textforms import nfkc

__all__ = ["SpokenDate", "find_dates", "first_due"]

_MARKER = r"(?:在|于|到|截止(?:到)?|最晚|最迟)"
"""The words that may stand before a written date (截止 12月9日, 最晚周五): part of the phrase."""
_BEFORE = _MARKER + "?"
_WRITTEN = re.compile(rf"{_BEFORE}(?:{DATE_PATTERN})(?:之前|以前|前|之内|以内)?", re.I)


@dataclass(frozen=True)
class SpokenDate:
    start: int
    end: int
    due: date
    text: str


def _written(m: re.Match[str], ref: date) -> date | None:
    phrase = re.sub("^" + _MARKER, "", m.group(0))
    return resolve_date(re.sub(r"(?:之内|以内)$", "", phrase), ref)


_MAYBE = re.compile(
    r"[\d０-９今明后周礼拜星期月号日天底末午晚早会儿]|(?i:today|tomorrow|tonight|week|month|day|afternoon|morning|evening|"
    r"after|mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
)
"""A character or word every date form holds: most sentences have none and are passed by."""
_FORMS = [SPOKEN[0], ("written", _WRITTEN), *SPOKEN[1:]]  # 明天之内 before the bare 明天


def find_dates(text: str, ref: date | None) -> list[SpokenDate]:
    """Every date phrase said in ``text``, left to right, none overlapping (the longest wins)."""
    return list(_find_dates(text, ref or date.today()))


@lru_cache(maxsize=4096)
def _find_dates(text: str, ref: date) -> tuple[SpokenDate, ...]:
    if not _MAYBE.search(text):
        return ()
    norm = nfkc(text)
    if len(norm) != len(text):
        norm = text  # offsets must index the text as given
    found: list[SpokenDate] = []
    taken = bytearray(len(norm))  # characters already inside a date found by an earlier form
    for kind, regex in _FORMS:
        for m in regex.finditer(norm):
            if m.end() == m.start() or any(taken[m.start():m.end()]):
                continue
            due = _written(m, ref) if kind == "written" else resolve_spoken(kind, m, ref)
            if due is None:
                continue
            taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())
            found.append(SpokenDate(m.start(), m.end(), due, text[m.start(): m.end()]))
    return tuple(sorted(found, key=lambda f: f.start))


def first_due(text: str, ref: date | None) -> SpokenDate | None:
    """The date a commitment is due by: the last one said in the sentence (people give the
    day after the task: 样品到了…周三前做), preferring one marked 前 / by."""
    found = find_dates(text, ref)
    if not found:
        return None
    marked = [f for f in found if re.search(r"前|内|by|before|end of", f.text, re.I)]
    return (marked or found)[-1]
