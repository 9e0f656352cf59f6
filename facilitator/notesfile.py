"""Read a plain notes file as a (transient) meeting.

Facilitators often keep meeting notes in a text editor and only later hand them to
the app (`draft --from FILE`, `import FILE`). Such a file has a loose header (title
line with the date, a participants line, maybe customer and order) followed by free
lines and quick-capture lines (design.md section 6). This module turns it into a
`Meeting` with structured items, so the drafters and exporters never need to know
whether a meeting came from the store or from a file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from facilitator.capture import parse_line, resolve_date
from facilitator.language import guess_language
from facilitator.model import (
    ITEM_KINDS,
    Action,
    Captured,
    Cue,
    Item,
    Lever,
    Meeting,
    Note,
    Participant,
    Responsibility,
    Transcript,
)
from facilitator.obstacles import lever_target
from facilitator.textforms import CJK, nfkc

__all__ = [
    "add_people", "captured_from_file", "guess_language", "iter_captured", "meeting_from_notes",
    "parse_participants", "parse_spoken", "participants_in", "speaker_participant",
]

_HEADER_LINES = 10
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)")
_HEADING = re.compile(r"^\s*(?:#{1,6}\s+|[-*+]\s+)")

_FIELD_KEYS = {
    "participants": ("参会人员", "参会人", "参会", "与会人员", "与会", "出席人员", "出席",
                     "参加人员", "参加的", "参加", "参会的", "到会的", "参与人员", "参与人", "参与", "与会者", "参会者", "到会人员", "到会", "在场",
                     "participants", "attendees", "present"),
    "customer": ("客户名称", "客户", "customer", "client"),
    "order": ("订单号", "订单", "order", "po"),
    "deadline": ("交付期限", "交期", "deadline"),
    "date": ("日期", "date"),
    "title": ("标题", "title", "会议", "meeting"),
}  # fmt: skip
"""The header fields a notes file may open with, and the words that name each: one list,
read by the pattern below and by the lookup of a matched key (参加：… is a participants
line because 参加 is listed here, nowhere else)."""

# "key: value" header lines, matched on the NFKC form, case-insensitive
_FIELD = re.compile(
    r"^\s*(?P<key>"
    + "|".join(
        r"order\s*(?:no\.?|number|#)?" if key == "order" else re.escape(key)
        for key in sorted((k for keys in _FIELD_KEYS.values() for k in keys), key=len, reverse=True)
    )
    + r")\s*:\s*(?P<value>.*)$",
    re.I,
)

_WEEKDAY_WORD = (
    r"(?:周|星期|礼拜)[一二三四五六日天]"
    r"|(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?"
)
_DATE_WORD = (
    r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?"
    r"|[０-９]{4}\s*[-/.年－／]\s*[０-９]{1,2}\s*[-/.月－／]\s*[０-９]{1,2}\s*日?"
)
_TRAILING_DATE = re.compile(
    rf"[\s,，;；|·\-–—:：]*(?:[(（\[【]?\s*(?:{_WEEKDAY_WORD})\s*[)）\]】]?[\s,，]*)?"
    rf"[(（\[【]?\s*(?:{_DATE_WORD})\s*[)）\]】]?"
    rf"(?:[\s,，]*[(（\[【]?\s*(?:{_WEEKDAY_WORD})\s*[)）\]】]?)?\s*$",
    re.I,
)
_DEPT_SUFFIX = re.compile(r"(?:部|科|处|组|室|办|中心|车间|team|dept\.?|department)$", re.I)


_EN_DEPARTMENTS = re.compile(
    r"^(?:sales|procurement|purchasing|production|manufacturing|quality(?: assurance| control)?|qa|qc"
    r"|finance|accounting|it|engineering|r&d|logistics|warehouse|hr|human resources|legal|operations"
    r"|marketing|planning|supply chain|customer service|after-sales|compliance|management)"
    r"(?:\s+(?:dept\.?|department|team))?$", re.I)


def _is_department(text: str) -> bool:
    text = text.strip()
    return bool(_DEPT_SUFFIX.search(text) or _EN_DEPARTMENTS.match(text))


def _split_person(entry: str) -> Participant | None:
    entry = entry.strip().strip(".。")
    if not entry:
        return None
    m = re.fullmatch(r"(?P<name>.+?)\s*\(\s*(?P<dept>[^()]+?)\s*\)", entry)
    if m:
        # "Zhang Wei (Sales)", but also "Procurement (Ravi)": the department is the side that reads as one
        if _is_department(m["name"]) and not _is_department(m["dept"]):
            return Participant(name=m["dept"], department=m["name"])
        return Participant(name=m["name"], department=m["dept"])
    m = re.fullmatch(r"(?P<dept>[^:]+?)\s*:\s*(?P<name>.+)", entry)
    if m:
        return Participant(name=m["name"], department=m["dept"])
    m = re.fullmatch(r"(?P<name>.+?)\s+[-–—]\s+(?P<dept>.+)", entry)
    if m:
        return Participant(name=m["name"], department=m["dept"])
    tokens = entry.split()
    if len(tokens) >= 2 and CJK.search(entry):
        # "IT 部 孙主管": the department may be written in several tokens; the longest run of
        # leading tokens that ends like a department is the department
        for cut in range(len(tokens) - 1, 0, -1):
            if _DEPT_SUFFIX.search(tokens[cut - 1]) and not _DEPT_SUFFIX.search(tokens[-1]):
                return Participant(name=" ".join(tokens[cut:]), department=" ".join(tokens[:cut]))
        # "销售 张伟": department first; "张伟 销售部" is recognised by its suffix
        if _DEPT_SUFFIX.search(tokens[-1]) and not _DEPT_SUFFIX.search(tokens[0]):
            return Participant(name=" ".join(tokens[:-1]), department=tokens[-1])
        return Participant(name=" ".join(tokens[1:]), department=tokens[0])
    return Participant(name=entry)


def parse_participants(value: str) -> list[Participant]:
    """Parse the value of a participants line: ``销售 张伟；生产部 黄主任`` or
    ``Zhang Wei (Sales), Huang (Production)``."""
    people: list[Participant] = []
    for entry in re.split(r"[;,、；，]", nfkc(value)):
        person = _split_person(entry)
        if person is not None:
            people.append(person)
    return people


def speaker_participant(label: str) -> Participant | None:
    """The person a speaker label names: ``王强（销售）`` is 王强 of 销售, ``PERSON3`` and a
    VTT voice name are themselves."""
    label = " ".join(nfkc(label).split())
    if not label or _FIELD.match(label + ": x"):
        return None  # ``客户: …``, ``Date: …``: a header field, not a person speaking
    return _split_person(label)


def add_people(people: list[Participant], more: Iterable[Participant]) -> list[Participant]:
    """``people`` with those of ``more`` it does not name yet (by name, NFKC, any case); a
    known person without a department takes the one ``more`` gives. Changes ``people``."""
    index = {nfkc(p.name).casefold(): p for p in people}
    for p in more:
        key = nfkc(p.name).casefold()
        if not key:
            continue
        known = index.get(key)
        if known is None:
            index[key] = p
            people.append(p)
        elif not known.department and p.department:
            known.department = p.department
    return people


def parse_spoken(line: str, ref: date | None, names: Sequence[str] = ()) -> Captured:
    """A notes or transcript line as quick capture, its speaker label set aside:
    ``PERSON10: Decision: one shared task`` is a decision, as the same cue in a VTT file
    is. A line that is structured as written (``资源: …``, ``决定：…``) keeps that meaning;
    a free line stays whole (speaker included) as a note. ``names`` are the people the
    file names so far, for a lever's ``@OWNER`` of several words (``parse_line``)."""
    from facilitator.transcripts import split_speaker

    c = parse_line(line, ref, names)
    if c.kind != "note":
        return c
    speaker, rest = split_speaker(line)
    if speaker is None:
        return c
    spoken = parse_line(rest, ref, names)
    return spoken if spoken.kind != "note" else c


def _first_date(lines: list[str]) -> date | None:
    for line in lines:
        for m in _ISO_DATE.finditer(nfkc(line)):
            try:
                return date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                continue
    return _title_day(lines[0]) if lines else None


_MONTH_DAY = re.compile(r"(?<!\d)(\d{1,2})\s*月\s*(\d{1,2})\s*[日号](?!\d)")


def _title_day(title: str) -> date | None:
    """``【11月5日 惠邻超市拒收 碰头会小结】``: a title that names its day without a year names
    the last such day (minutes are written after the meeting), not today; only the title
    is read so, since a 交期：12月20日 below it is another day."""
    m = _MONTH_DAY.search(nfkc(title))
    if not m or re.match(r"\s*(?:之?前|以前|为止|截止)", nfkc(title)[m.end():]):
        return None  # 12月20日前交货协调会: a deadline in the title, not the meeting's day
    today = date.today()
    for year in (today.year, today.year - 1):
        try:
            day = date(year, int(m[1]), int(m[2]))
        except ValueError:
            return None
        if day <= today:
            # minutes are written within weeks of the meeting; a day further back is some
            # other day the title names, and a wrong year would move every date in the page
            return day if (today - day).days <= _TITLE_DAY_MAX_AGE else None
    return None


_TITLE_DAY_MAX_AGE = 92
"""Days back a yearless title day may lie (a quarter)."""


_DATE_TAIL = 64
"""Characters at the end of a title line the trailing-date pattern is tried on: the
longest date with its weekday and brackets is about 30. Tried on the whole line, the
pattern restarts at every character (a 30 KB first line took 176 s)."""


def _title_from(line: str) -> str:
    title = _HEADING.sub("", line).strip()
    tail = title[-_DATE_TAIL:]
    date = _TRAILING_DATE.search(tail)
    if date is not None:
        title = title[:len(title) - len(tail) + date.start()].strip()
    return title.strip(" \t\u3000-–—|·,，:：").strip()


@dataclass
class _Header:
    title: str = ""
    customer: str = ""
    order_ref: str = ""
    deadline: date | None = None
    participants: list[Participant] | None = None


def _read_fields(lines: list[str], header: _Header, header_end: int, ref: date | None) -> set[int]:
    """Fill ``header`` from ``key: value`` lines; return the indexes of lines used.

    Only a participants line counts anywhere in the file: ``客户: 要求周五交货`` in the
    body is something the customer said, not the customer's name.
    """
    used: set[int] = set()
    for index, line in enumerate(lines):
        m = _FIELD.match(_HEADING.sub("", nfkc(line)))
        if not m:
            continue
        key = re.sub(r"\s.*", "", m["key"].lower())
        value = m["value"].strip()
        field_name = next((f for f, keys in _FIELD_KEYS.items() if key in keys), "")
        if not value or not field_name:
            continue
        if field_name != "participants" and index >= header_end:
            continue
        if field_name == "participants":
            header.participants = (header.participants or []) + parse_participants(value)
        elif field_name == "customer" and not header.customer:
            header.customer = value
        elif field_name == "order" and not header.order_ref:
            header.order_ref = value
        elif field_name == "deadline" and not header.deadline:
            header.deadline = resolve_date(value, ref)
            if header.deadline is None:
                continue  # keep an unreadable deadline as a note rather than lose it
        elif field_name == "title" and not header.title:
            header.title = _title_from(value)
        elif field_name != "date":
            continue
        used.add(index)
    return used


def meeting_from_notes(
    text: str, date_override: date | None = None
) -> tuple[Meeting, list[Captured]]:
    """Build a transient meeting from a notes file; also return every parsed line.

    The meeting date is ``date_override``, else the first ISO date in the header (the
    free lines before the first structured one), else None. Header lines that fill a
    field (title, participants, customer, order, deadline, date) do not also become
    notes; every other free line does.
    """
    lines = [line for line in text.splitlines() if line.strip()]
    kinds = [parse_spoken(line, None).kind for line in lines]
    header_end = next((i for i, kind in enumerate(kinds) if kind != "note"), len(lines))
    header_end = min(header_end, _HEADER_LINES)
    header_lines = lines[:header_end]

    meeting_date = date_override or _first_date(header_lines)
    header = _Header()
    free_lines = [line if kind == "note" else "" for line, kind in zip(lines, kinds, strict=True)]
    used = _read_fields(free_lines, header, header_end, meeting_date)
    if not header.title and lines and kinds[0] == "note" and 0 not in used:
        header.title = _title_from(lines[0])
        if header.title:
            used.add(0)

    language = guess_language(text, "en")
    meeting = Meeting(
        title=header.title,  # "" when the file has none: the caller may name it
        customer=header.customer,
        order_ref=header.order_ref,
        date=meeting_date,
        deadline=header.deadline,
        language=language,
        participants=header.participants or [],
    )

    names = [p.name for p in meeting.participants]
    captured = [parse_spoken(line, meeting_date, names) for line in lines]
    for index, c in enumerate(captured):
        if c.kind == "responsibility":
            meeting.responsibilities.append(
                Responsibility(item=c.text, owner=c.owner, basis=c.basis,
                               status=c.status or "agreed")
            )  # fmt: skip
        elif c.kind == "action":
            meeting.actions.append(Action(action=c.text, owner=c.owner, due=c.due))
        elif c.kind == "obstacle":
            # a transient meeting has no row ids; numbering obstacles lets levers name theirs
            meeting.obstacles.append(Item(text=c.text, id=len(meeting.obstacles) + 1, kind=c.obstacle_kind))
        elif c.kind == "lever":
            target, _ = lever_target(c.text, c.obstacle_kind, [(o.id or 0, o.text, o.kind) for o in meeting.obstacles])
            meeting.levers.append(Lever(
                resource=c.text, obstacle_id=target, holder=c.holder,
                presolves=c.presolves, owner=c.owner, due=c.due,
            ))
            if c.owner:
                meeting.actions.append(Action(action=c.text, owner=c.owner, due=c.due))
        elif c.kind in ITEM_KINDS:
            getattr(meeting, ITEM_KINDS[c.kind]).append(Item(text=c.text))
        elif index not in used:
            meeting.notes.append(Note(text=c.text))
    return meeting, captured


def captured_from_file(
    transcript: Transcript, text: str, ref: date | None
) -> tuple[list[Participant], list[Captured]]:
    """What an imported file holds: a notes file is read like typed notes (header, people,
    quick-capture lines); a transcript's cues become notes stamped with time and speaker,
    unless a cue is itself a quick-capture line."""
    if transcript.format in ("txt", "md"):
        parsed, captured = meeting_from_notes(text, ref)
        return parsed.participants, captured
    names = list(dict.fromkeys(cue.speaker for cue in transcript.cues if cue.speaker))
    return [], [_cue_captured(cue, ref, names) for cue in transcript.cues]


def participants_in(line: str) -> list[Participant]:
    """The people a participants line names (``参会: 销售 张伟；生产部 黄主任``); else none."""
    m = _FIELD.match(_HEADING.sub("", nfkc(line)))
    if not m or not m["value"].strip():
        return []
    key = re.sub(r"\s.*", "", m["key"].lower())
    return parse_participants(m["value"].strip()) if key in _FIELD_KEYS["participants"] else []


def cue_captured(cue: Cue, ref: date | None, names: Sequence[str] = ()) -> Captured:
    """A cue as the record takes it: a quick-capture line if it is one, else a note stamped
    with its time and speaker (imports and live listening alike)."""
    return _cue_captured(cue, ref, names)


def _cue_captured(cue: Cue, ref: date | None, names: Sequence[str] = ()) -> Captured:
    c = parse_line(cue.text, ref, names)
    if c.kind == "note":
        stamp = f"[{int(cue.start // 60):02d}:{int(cue.start % 60):02d}] " if cue.start is not None else ""
        who = f"{cue.speaker}: " if cue.speaker else ""
        c.raw = c.text = f"{stamp}{who}{cue.text}"
    return c


def iter_captured(
    fmt: str, lines: Iterable[str], cues: Iterable[Cue], ref: date | None, people: list[Participant]
) -> Iterator[Captured]:
    """``captured_from_file`` one line at a time, for files too big to hold: a notes file's
    lines (``lines``) are read like typed notes, and the people its participants lines
    name are added to ``people`` as they are met; a transcript's ``cues`` become notes
    stamped with time and speaker unless a cue is itself a quick-capture line."""
    if fmt not in ("txt", "md"):
        for cue in cues:
            yield _cue_captured(cue, ref)
        return
    for line in lines:
        if not line.strip():
            continue
        c = parse_spoken(line, ref, [p.name for p in people])
        if c.kind == "note":
            people.extend(participants_in(line))
        yield c
