"""Quick-capture line syntax (design.md section 6).

During a coordination meeting nobody has time to fill in forms, so the facilitator
types short lines into the notes box (or a notes file) and some of them carry
structure: ``@吴工: 检查设备 截止 11月25日`` is an action, ``清洗工艺 => 生产部`` a
responsibility boundary, ``决定: ...`` a decision, and so on. Everything else stays a
free note, so a mistyped marker never loses text.

Parsing works on an NFKC-normalised copy of the line (full-width ``：＝＞（）`` and
ideographic spaces behave like their ASCII forms), but the texts handed back are cut
from the *original* line, so the user's own punctuation (``？``, ``，``) survives
into the summary. Owners are normalised, because they are matched against
participant names.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from facilitator.model import Captured, CaptureKind, Language
from facilitator.obstacles import classify, kind_label, parse_kind
from facilitator.textforms import nfkc

__all__ = [
    "ITEM_RULES", "ItemRule", "describe_problem", "format_captured", "parse_date_field", "parse_line",
    "parse_lines", "resolve_date",
]

# --------------------------------------------------------------------------- dates

_ZH_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_EN_WEEKDAYS = {
    "monday": 0, "mon": 0,
    "tuesday": 1, "tues": 1, "tue": 1,
    "wednesday": 2, "wed": 2,
    "thursday": 3, "thurs": 3, "thur": 3, "thu": 3,
    "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}  # fmt: skip
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH_ALT = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|sept|jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec"
)
_EN_DAY_ALT = "|".join(sorted(_EN_WEEKDAYS, key=len, reverse=True))
_RELATIVE_DAYS = {
    "今天": 0, "今日": 0, "today": 0,
    "明天": 1, "明日": 1, "tomorrow": 1,
    "后天": 2, "大后天": 3,
}  # fmt: skip

# Each form is written with named groups for resolving; the search pattern used
# inside action lines is the same text with the groups made anonymous.
_DATE_FORMS: list[tuple[str, str]] = [
    ("ymd", r"(?<!\d)(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]?"),
    ("ymd", r"(?<!\d)(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)"),
    ("md", r"(?<!\d)(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]?"),
    ("md", r"(?<![\d/.-])(?P<m>\d{1,2})[-/](?P<d>\d{1,2})(?![\d/-])"),
    (
        "mdn",
        rf"(?<![a-z])(?P<mon>{_MONTH_ALT})\.?\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)"
        r"(?:,?\s*(?P<y>\d{4})(?!\d))?",
    ),
    (
        "dmn",
        rf"(?<!\d)(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s*(?P<mon>{_MONTH_ALT})\.?(?![a-z])"
        r"(?:,?\s*(?P<y>\d{4})(?!\d))?",
    ),
    ("zhwd", r"(?P<p>下下|下|本|这|今)?\s*个?\s*(?:周|星期|礼拜)\s*(?P<wd>[一二三四五六日天1-7])"),
    ("enwd", rf"(?<![a-z])(?:(?P<p>next|this|coming)\s+)?(?P<wd>{_EN_DAY_ALT})(?![a-z])"),
    ("rel", r"(?P<rel>大后天|后天|明天|明日|今天|今日|(?<![a-z])(?:today|tomorrow)(?![a-z]))"),
]
_DATE_RES = [(kind, re.compile(pattern, re.I)) for kind, pattern in _DATE_FORMS]
DATE_PATTERN = "|".join(re.sub(r"\(\?P<\w+>", "(?:", p) for _, p in _DATE_FORMS)
"""Any date form the capture syntax accepts, without named groups (grounding reuses it)."""

_MARKER = (
    r"(?:(?<![a-z])(?:due(?:\s+(?:on|by))?|by|before|until|deadline)(?![a-z])"
    r"|截止(?:日期|时间)?|期限)"
)
_BEFORE_SUFFIX = r"(?:\s*(?:之前|以前|前))"
_DUE_MARKED = re.compile(
    rf"{_MARKER}\s*:?\s*(?:到|于|为|是)?\s*(?:{DATE_PATTERN}){_BEFORE_SUFFIX}?", re.I
)
_UNREAD_DUE = re.compile(
    r"(?:(?<![a-z])(?:due(?:\s+(?:on|by))?|deadline)(?![a-z])|截止(?:日期|时间)?|期限)\s*:?\s*\S[^,，;；。]{0,11}",
    re.I,
)
"""A due-date marker followed by words that are not a DATE form (``截止 下个月底``)."""
_DUE_SUFFIX = re.compile(rf"(?:在|于)?(?:{DATE_PATTERN}){_BEFORE_SUFFIX}", re.I)
_RESOLVE_PREFIX = re.compile(rf"^\s*(?:{_MARKER}\s*:?\s*(?:到|于|为|是)?|在|于)\s*", re.I)
_RESOLVE_SUFFIX = re.compile(rf"{_BEFORE_SUFFIX}?[\s.。,，;；!！]*$")


def _weekday_index(token: str) -> int:
    token = token.lower()
    if token.isdigit():
        return int(token) - 1
    if token in _ZH_WEEKDAYS:
        return _ZH_WEEKDAYS[token]
    return _EN_WEEKDAYS[token]


def _month_day(month: int, day: int, ref: date) -> date | None:
    """A month-day without a year: the reference year, or the next one if it would
    fall more than 60 days before the reference date."""
    try:
        candidate = date(ref.year, month, day)
    except ValueError:
        return None
    if (ref - candidate).days > 60:
        try:
            candidate = date(ref.year + 1, month, day)
        except ValueError:
            return None
    return candidate


def _weekday(prefix: str | None, weekday: int, ref: date) -> date:
    prefix = (prefix or "").lower()
    monday = ref - timedelta(days=ref.weekday())
    if prefix in ("下", "next"):
        return monday + timedelta(days=7 + weekday)
    if prefix == "下下":
        return monday + timedelta(days=14 + weekday)
    if prefix in ("本", "这", "今", "this"):
        return monday + timedelta(days=weekday)
    # bare (or "coming"): the next such day strictly after the reference date
    delta = (weekday - ref.weekday()) % 7 or 7
    return ref + timedelta(days=delta)


def resolve_date(text: str, ref: date | None) -> date | None:
    """Resolve one DATE phrase (design.md section 6) against ``ref`` (today if None).

    Accepts an optional leading marker (``by``, ``截止``) and a trailing ``前``.
    Returns None when the phrase is not a date form or names an impossible day.
    """
    ref = ref or date.today()
    phrase = nfkc(text).strip()
    phrase = _RESOLVE_PREFIX.sub("", phrase, count=1)
    phrase = _RESOLVE_SUFFIX.sub("", phrase, count=1).strip()
    for kind, regex in _DATE_RES:
        m = regex.fullmatch(phrase)
        if not m:
            continue
        if kind == "ymd":
            try:
                return date(int(m["y"]), int(m["m"]), int(m["d"]))
            except ValueError:
                return None
        if kind in ("mdn", "dmn"):
            month = _MONTHS.index(m["mon"].lower()[:3]) + 1
            if m["y"]:
                try:
                    return date(int(m["y"]), month, int(m["d"]))
                except ValueError:
                    return None
            return _month_day(month, int(m["d"]), ref)
        if kind == "md":
            return _month_day(int(m["m"]), int(m["d"]), ref)
        if kind in ("zhwd", "enwd"):
            return _weekday(m["p"], _weekday_index(m["wd"]), ref)
        return ref + timedelta(days=_RELATIVE_DAYS[m["rel"].lower()])
    # said rather than typed: 月底, 两天内, 明天之内, end of the week (a date field or a notes
    # header holds these too); quick-capture lines only ever hand the forms above to here
    from facilitator.extract.spoken import whole_spoken

    return whole_spoken(phrase, ref)


def parse_date_field(text: str, ref: date | None) -> date | None:
    """A date typed into any date field (a form, the board, a command-line option).

    Every field takes the DATE forms of quick capture, resolved against ``ref`` (today if
    None), so ``周五`` means the same in a form as in the notes box. Blank is None; text
    that is not a date raises ``ValueError`` naming it.
    """
    if not text.strip():
        return None
    resolved = resolve_date(text, ref)
    if resolved is None:
        raise ValueError(text.strip())
    return resolved


# --------------------------------------------------------------------------- lines


_MAY_CHANGE = re.compile(r"[^\x00-\x7f\u4e00-\u9fff]")


class _Line:
    """A line with its NFKC form and a map from normalised to original offsets."""

    def __init__(self, original: str) -> None:
        self.original = original
        parts: list[str] = []
        self._starts: list[int] = []
        done = 0
        # ASCII and the common CJK ideographs are their own NFKC form: copied as runs, so
        # only the rest (full-width punctuation, compatibility forms) is normalised one by
        # one (a 50 MB notes file spends its time here otherwise)
        for m in _MAY_CHANGE.finditer(original):
            index = m.start()
            if index > done:
                parts.append(original[done:index])
                self._starts.extend(range(done, index))
            normal = nfkc(m.group())
            parts.append(normal)
            self._starts.extend([index] * len(normal))
            done = index + 1
        parts.append(original[done:])
        self._starts.extend(range(done, len(original)))
        self.norm = "".join(parts)

    def _orig_index(self, pos: int) -> int:
        return self._starts[pos] if pos < len(self._starts) else len(self.original)

    def orig(self, start: int, end: int) -> str:
        """The original text behind ``norm[start:end]``."""
        return self.original[self._orig_index(start) : self._orig_index(end)]


_BULLET = re.compile(r"\s*(?:(?:[-*+•]|\d{1,3}[.)])\s+)?(?:\[[ xX]\]\s+)?")
_ACTION = re.compile(r"@\s*(?P<owner>[^:@]{0,40}?)\s*:(?P<what>.*)$", re.S)


@dataclass(frozen=True)
class ItemRule:
    """How one kind of one-line item is typed: ``WORD: text`` (or ``SHORTHAND text``)."""

    words: tuple[str, ...]
    """Marker words, matched in any case."""
    written: dict[str, str]
    """The marker written back per language (it parses to the same kind)."""
    shorthand: str | None = None
    kinded: bool = False
    """Takes a bracketed kind after the word (``障碍[预算]:``, ``Obstacle[budget]:``)."""


ITEM_RULES: dict[str, ItemRule] = {
    "decision": ItemRule(("决定", "决议", "decision"), {"zh": "决定", "en": "Decision"}, "!"),
    "question": ItemRule(("问题", "question"), {"zh": "问题", "en": "Question"}, "?"),
    "obstacle": ItemRule(("障碍", "obstacle"), {"zh": "障碍", "en": "Obstacle"}, kinded=True),
}
"""The capture rule of every kind in ``model.ITEM_KINDS``: parsing and formatting read it."""


def _prefix(rule: ItemRule) -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in rule.words)
    shorthand = f"|{re.escape(rule.shorthand)}\\s+" if rule.shorthand else ""
    kind = r"\s*(?:[\[【]\s*(?P<kind>[^\]】]{1,20}?)\s*[\]】])?" if rule.kinded else ""
    return re.compile(rf"(?:{words}){kind}\s*:\s*{shorthand}", re.I)


_PREFIXES: list[tuple[CaptureKind, re.Pattern[str]]] = [
    *((kind, _prefix(rule)) for kind, rule in ITEM_RULES.items()),  # type: ignore[misc,list-item]
    ("lever", re.compile(r"(?:资源|借力|resource|lever)\s*(?:[\[【]\s*(?P<kind>[^\]】]{1,20}?)\s*[\]】])?\s*:\s*",
                         re.I)),
]
_HOLDER = re.compile(r"[(（]\s*(?:持有人|持有|holder|held by)\s*:?\s*(?P<holder>[^()（）]*?)\s*[)）]", re.I)
_LEVER_OWNER = re.compile(r"(?<![\w.])@\s*(?P<owner>[^\s@:()（）,，;；]{1,40})")
_PRESOLVES = re.compile(
    r"(?:替对方|为对方|帮对方|先替对方|预先解决|pre-?solves?|for them)\s*:\s*", re.I
)
_BARE_DATE_END = re.compile(rf"(?:{DATE_PATTERN})[\s.。,，;；]*$", re.I)
_BASIS = re.compile(r"\(\s*(?:依据|根据|basis)\s*:?\s*(?P<basis>[^()]*?)\s*\)\s*$", re.I)
_DISPUTED = re.compile(r"\?+\s*(?P<remark>.*)|待定|未定|tbd", re.I | re.S)
_EMPTY_PARENS = re.compile(r"[(（]\s*[)）]")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([.。,，;；!！?？)）])")
_EDGE_JUNK = " \t\u3000,，;；、:："


def _clean(text: str) -> str:
    text = _EMPTY_PARENS.sub("", text)
    text = re.sub(r"[ \t\u3000]{2,}", " ", text)
    return text.strip().strip(_EDGE_JUNK).strip()


def _date_words(text: str) -> str:
    """The date words of a due phrase, without its marker (``截止 13月40日`` -> ``13月40日``)."""
    return _clean(_RESOLVE_PREFIX.sub("", nfkc(text), count=1)) or _clean(text)


def _find_due(norm: str) -> re.Match[str] | None:
    """The last date phrase in an action text: a marked one or a ``DATE前`` one."""
    matches = [*_DUE_MARKED.finditer(norm), *_DUE_SUFFIX.finditer(norm)]
    if not matches:
        return None
    return max(matches, key=lambda m: (m.end(), m.end() - m.start()))


def _parse_action(line: _Line, start: int, meeting_date: date | None) -> Captured | None:
    m = _ACTION.match(line.norm, start)
    if not m:
        return None
    owner = m["owner"].strip()
    what_start, what_end = m.start("what"), m.end("what")
    what = line.norm[what_start:what_end]
    due: date | None = None
    text = line.orig(what_start, what_end)
    phrase = _find_due(what)
    problems: list[tuple[str, str]] = []
    if phrase is not None:
        due = resolve_date(phrase.group(0), meeting_date)
        if due is None:
            problems.append(("bad_date", _date_words(line.orig(what_start + phrase.start(), what_start + phrase.end()))))
        else:
            before = _clean(line.orig(what_start, what_start + phrase.start()))
            after = _clean(line.orig(what_start + phrase.end(), what_end))
            text = " ".join(part for part in (before, after) if part)
            text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    else:
        unread = _UNREAD_DUE.search(what)
        if unread:
            problems.append(("bad_date", _date_words(line.orig(what_start + unread.start(), what_start + unread.end()))))
    text = _clean(text)
    if not owner or not text:
        return None
    return Captured(kind="action", text=text, owner=owner, due=due, raw=line.original, problems=problems)


def known_name_at(norm: str, at: int, names: Sequence[str]) -> tuple[int, str]:
    """``(end, name)`` of the known name (a participant or a ``[people]`` entry) that ``norm``
    holds at ``at``, the longest one and whole (``Anna Berg``, not the ``Anna Berg`` of ``Anna
    Bergström``), letter case aside, spelled as it is known; ``(at, "")`` when none is there.
    A name of several words can only be told from the words after it this way."""
    best, found = at, ""
    for name in names:
        key = nfkc(name).strip()
        end = at + len(key)
        if key and end > best and norm[at:end].casefold() == key.casefold() and not (
                end < len(norm) and (norm[end].isalnum() or norm[end] == "_")):
            best, found = end, name.strip()
    return best, found


def _action_problem(norm: str, names: Sequence[str] = ()) -> tuple[str, str]:
    """Why a line that starts with ``@`` is not an action (it is kept as a note)."""
    m = _ACTION.match(norm)
    if m is None:
        _, named = known_name_at(norm, 1 + len(norm[1:]) - len(norm[1:].lstrip()), names)
        if named:
            return ("action_no_colon", named)
        first = norm[1:].split(maxsplit=1)
        return ("action_no_colon", first[0] if first else "")
    if not m["owner"].strip():
        return ("action_no_owner", norm.strip())
    return ("action_no_task", m["owner"].strip())


def _parse_prefixed(line: _Line, start: int, meeting_date: date | None,
                    names: Sequence[str] = ()) -> Captured | None:
    for kind, regex in _PREFIXES:
        m = regex.match(line.norm, start)
        if not m:
            continue
        if kind == "lever":
            lever = _parse_lever(line, m.end(), meeting_date, names)
            if lever is not None and m["kind"]:
                lever.obstacle_kind = parse_kind(m["kind"])
            return lever
        text = _clean(line.orig(m.end(), len(line.norm)))
        if not text:
            return None
        captured = Captured(kind=kind, text=text, raw=line.original)
        if kind == "obstacle":
            label = m.groupdict().get("kind") or ""
            captured.obstacle_kind = parse_kind(label) if label else None
            if captured.obstacle_kind is None:
                # an unknown label is still a hint about the kind: read it with the text
                captured.obstacle_kind = classify(f"{label} {text}")
        return captured
    return None


def _without(line: _Line, start: int, spans: list[tuple[int, int]], end: int | None = None) -> str:
    """The original text of ``norm[start:end]`` with the given normalised spans cut out."""
    end = len(line.norm) if end is None else end
    parts: list[str] = []
    pos = start
    for a, b in sorted(spans):
        if b <= pos or a >= end:
            continue
        if a > pos:
            parts.append(line.orig(pos, a))
        pos = max(pos, b)
    if pos < end:
        parts.append(line.orig(pos, end))
    text = " ".join(_clean(p) for p in parts if _clean(p))
    return _SPACE_BEFORE_PUNCT.sub(r"\1", text)


def _parse_lever(line: _Line, start: int, meeting_date: date | None,
                 names: Sequence[str] = ()) -> Captured | None:
    """``资源: RESOURCE [(持有: HOLDER)] [替对方: WHAT] [@OWNER] [DATE]`` in any order
    after the resource; the date is parsed as in actions. OWNER ends at a space, unless a
    known name of several words (``names``: ``@Anna Berg``) starts there."""
    norm = line.norm
    spans: list[tuple[int, int]] = []
    holder = owner = None
    h = _HOLDER.search(norm, start)
    if h:
        holder = _clean(line.orig(h.start("holder"), h.end("holder"))) or None
        spans.append(h.span())
    o = _LEVER_OWNER.search(norm, start)
    if o:
        owner = o["owner"].strip() or None
        end, named = known_name_at(norm, o.start("owner"), names)
        if end > o.end():
            owner = named
        spans.append((o.start(), max(o.end(), end)))
    due: date | None = None
    phrase = _find_due(norm[start:])
    if phrase is not None:
        due = resolve_date(phrase.group(0), meeting_date)
        if due is not None:
            spans.append((start + phrase.start(), start + phrase.end()))
    if due is None:
        rest = "".join(" " if any(a <= i < b for a, b in spans) else ch for i, ch in enumerate(norm))
        bare = _BARE_DATE_END.search(rest, start)
        if bare is not None:
            due = resolve_date(bare.group(0), meeting_date)
            if due is not None:
                spans.append(bare.span())
    p = _PRESOLVES.search(norm, start)
    presolves = None
    resource_end = len(norm)
    if p:
        presolves = _without(line, p.end(), spans) or None
        resource_end = p.start()
    resource = _without(line, start, spans, resource_end)
    if not resource:
        return None
    return Captured(kind="lever", text=resource, owner=owner, due=due, holder=holder,
                    presolves=presolves, raw=line.original)


def _parse_responsibility(line: _Line, start: int) -> Captured | None:
    arrow = line.norm.find("=>", start)
    if arrow < 0:
        return None
    item = _clean(line.orig(start, arrow))
    rest_start = arrow + 2
    rest_end = len(line.norm)
    basis: str | None = None
    m = _BASIS.search(line.norm, rest_start)
    if m:
        basis = _clean(line.orig(m.start("basis"), m.end("basis"))) or None
        rest_end = m.start()
    raw_owner = line.norm[rest_start:rest_end]
    owner_norm = raw_owner.strip()
    at = rest_start + len(raw_owner) - len(raw_owner.lstrip())  # where owner_norm starts in norm
    if not item or not owner_norm:
        return None
    disputed = _DISPUTED.fullmatch(owner_norm)
    if disputed:
        # "ITEM => ? who pays" keeps the remark as the basis column rather than losing it,
        # in the user's own characters (``升级：总经理``, not the normalised ``升级:总经理``)
        remark = _clean(line.orig(at + disputed.start("remark"), at + disputed.end("remark"))
                        if disputed["remark"] else "")
        if remark:
            basis = f"{remark}; {basis}" if basis else remark
        return Captured(
            kind="responsibility", text=item, owner=None, basis=basis,
            status="disputed", raw=line.original,
        )  # fmt: skip
    return Captured(
        kind="responsibility", text=item, owner=_clean(line.orig(at, at + len(owner_norm))), basis=basis,
        status="agreed", raw=line.original,
    )  # fmt: skip


def parse_line(line: str, meeting_date: date | None, names: Sequence[str] = ()) -> Captured:
    """Parse one quick-capture line; anything unrecognised is a free note.

    Relative dates in actions resolve against ``meeting_date`` (today if None). ``names``
    are the people the meeting knows (participants, ``[people]``, the user): a lever's
    ``@OWNER`` of several words (``@Anna Berg``) is read whole when it is one of them.
    """
    parsed = _Line(line.rstrip("\r\n"))
    bullet = _BULLET.match(parsed.norm)
    start = bullet.end() if bullet else 0
    result: Captured | None = None
    if parsed.norm.startswith("@", start):
        result = _parse_action(parsed, start, meeting_date)
    else:
        result = _parse_prefixed(parsed, start, meeting_date, names) or _parse_responsibility(parsed, start)
    if result is None:
        result = Captured(kind="note", text=line.strip(), raw=line)
        if parsed.norm.startswith("@", start):
            result.problems.append(_action_problem(parsed.norm[start:], names))
    result.raw = line
    return result


def parse_lines(text: str, meeting_date: date | None) -> list[Captured]:
    """Parse every non-blank line of ``text``."""
    return [parse_line(line, meeting_date) for line in text.splitlines() if line.strip()]


# --------------------------------------------------------------------------- problems

_PROBLEMS: dict[str, dict[str, str]] = {
    "zh": {
        "bad_date": "没看懂日期「{detail}」，这条行动暂无截止日期。日期可写 12月5日、12-05、12/5、周五、下周一 或 2026-12-05",
        "action_no_task": "「@{detail}」后面没有要做的事，已记为笔记。写法：@{detail}：要做的事 截止 周五",
        "action_no_owner": "行动缺少负责人，已记为笔记。写法：@负责人：要做的事 截止 周五",
        "action_no_colon": "像是行动，但负责人和任务之间缺少冒号，已记为笔记。写法：@{detail}：要做的事 截止 周五",
    },
    "en": {
        "bad_date": "Could not read the date \"{detail}\"; the action has no due date yet. Dates: 12-05, 12/5, Friday, next Monday, 2026-12-05",
        "action_no_task": "Nothing to do after \"@{detail}\"; kept as a note. Write: @{detail}: what to do by Friday",
        "action_no_owner": "The action has no owner; kept as a note. Write: @owner: what to do by Friday",
        "action_no_colon": "Looks like an action, but a colon is missing between owner and task; kept as a note. Write: @{detail}: what to do by Friday",
    },
}  # fmt: skip


def describe_problem(problem: tuple[str, str], lang: Language = "zh") -> str:
    """One sentence, in the meeting's language, on what was not understood and how to write it."""
    code, detail = problem
    table = _PROBLEMS.get(lang, _PROBLEMS["zh"])
    return table.get(code, code).format(detail=detail)


# --------------------------------------------------------------------------- format

_LABELS: dict[str, dict[str, str]] = {
    "zh": {"colon": "：", "lever": "资源", "holder": "（持有：{}）", "presolves": "替对方：",
           "due": "截止", "basis": "（依据：{}）"},
    "en": {"colon": ": ", "lever": "Resource", "holder": "(holder: {})",
           "presolves": "for them: ", "due": "due", "basis": "(basis: {})"},
}  # fmt: skip


def _one_line(text: str) -> str:
    return " ".join(text.split())


def format_captured(c: Captured, lang: Language = "zh") -> str:
    """A canonical quick-capture line for ``c`` that parses back to the same item."""
    labels = _LABELS.get(lang, _LABELS["zh"])
    colon = labels["colon"]
    text = _one_line(c.text)
    if c.kind == "action":
        line = f"@{_one_line(c.owner or '?')}{colon}{text}"
        if c.due is not None:
            line += f" {labels['due']} {c.due.isoformat()}"
        return line
    if c.kind == "responsibility":
        owner = "?" if c.status == "disputed" or not c.owner else _one_line(c.owner)
        line = f"{text} => {owner}"
        if c.basis:
            line += " " + labels["basis"].format(_one_line(c.basis))
        return line
    if c.kind == "obstacle" and c.obstacle_kind:
        word = ITEM_RULES["obstacle"].written.get(lang, ITEM_RULES["obstacle"].written["zh"])
        return f"{word}[{kind_label(c.obstacle_kind, lang)}]{colon}{text}"
    if c.kind == "lever":
        line = f"{labels['lever']}{colon}{text}"
        if c.holder:
            line += " " + labels["holder"].format(_one_line(c.holder))
        if c.presolves:
            line += f" {labels['presolves']}{_one_line(c.presolves)}"
        if c.owner:
            line += f" @{_one_line(c.owner)}"
        if c.due is not None:
            line += f" {labels['due']} {c.due.isoformat()}"
        return line
    if c.kind in ITEM_RULES:
        return f"{ITEM_RULES[c.kind].written.get(lang, ITEM_RULES[c.kind].written['zh'])}{colon}{text}"
    return text
