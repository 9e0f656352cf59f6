"""The people minutes say were there (``参会人：…``, ``Attendees:``, a list below the
label, ``出席：…`` inside a sentence).

Owners are resolved against the meeting's people, and many pages list them only in the
text; this finds them before the items are read, and marks those lines as no items.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from facilitator.extract.minutes_fields import (
    clean,
    find_date,
    nfkc,
)
from facilitator.extract.minutes_layout import (
    BULLET,
    heading_of,
)
from facilitator.model import Cue, Participant
from facilitator.notesfile import parse_participants, participants_in

_ATTENDEE_HEAD = re.compile(
    r"^[#*\s]*(?:(?:参会|与会|出席|参加|列席)(?:(?:单位|部门)(?:及|和|与|、)?)?(?:人员|人|代表)?|attendees|participants|present)"
    r"\s*[:：]?[*\s]*$",
    re.I,
)


_ATTENDEE_LINE = re.compile(
    r"^\s*(?:who|attending|invitees|in\s+attendance|attendance|also\s+present|与会者|参会者|到会人员|到会|列席人员?|参加|参加人|参与人?|参会人员?"
    r"|(?:参加|参会|到会|与会|来)的(?:人)?"
    r"|发件人|收件人|抄送人?)"
    r"\s*[:：]\s*(?P<names>.+)$",
    re.I,
)


_ATTENDEES_IN_PROSE = re.compile(r"(?:^|[。；;，,]\s*|\s)(?:出席|参会|参加|与会)(?:人员|者)?\s*(?:[(（][^()（）]{1,6}[)）])?\s*[:：]\s*(?P<names>[^。；;\n]{2,120})")
"""``…召开专题会议。出席：行政部 阎芳、采购部 连杰。`` / ``11月23日下午  参加：总经理 卓越、…``: the
attendees named inside a sentence or after the date on the line."""


_PRESENT_IN_PROSE = re.compile(
    r"(?:^|[.;!]\s+)(?:(?:those\s+)?present\s+were|attending\s+were|in\s+attendance\s+were|we\s+were\s+joined\s+by)\s+"
    r"(?P<names>[^.;\n]{2,200})",
    re.I,
)
"""``Thanks for coming. Present were me, Fiona McRae, Declan Walsh and Peter Lund.``"""


def _present_in_prose(text: str) -> list[Participant]:
    m = _PRESENT_IN_PROSE.search(text)
    if not m:
        return []
    names = re.sub(r"\s*\([^()]*\)", "", m["names"])
    found = [n.strip() for n in re.split(r"\s*,\s*|\s+and\s+", names) if n.strip()]
    return [Participant(n) for n in found if re.fullmatch(r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}", n)]


_PRESENT_FIELD = re.compile(
    r"^\s*(?:attendees|participants|present|facilitator|chair|chaired\s+by|host|note[\s-]?taker|scribe)\s*[:：]\s*(?P<names>.+)$",
    re.I,
)
"""``Present: …`` or ``Facilitator: …`` as one field of a header line that holds several, or
of a two-cell table row: the one who ran the meeting was in it too."""
_TABLE_FIELD = re.compile(r"^\s*\|?\s*(?P<k>[^|]{2,30}?)\s*\|\s*(?P<v>[^|]+?)\s*\|?\s*$")


def _fields_of(text: str) -> list[str]:
    """A header line as its fields: ``Facilitator: Sam · Present: Lena, Arjun`` is two, a
    two-cell table row ``| **Participants** | @Grace Holt @Omar Said |`` is ``Participants: …``."""
    row = _TABLE_FIELD.match(text) if text.count("|") >= 2 else None
    if row:
        return [f"{row['k'].strip('* ')}: {row['v']}"]
    parts = [p for p in re.split(r"\s+[·•]\s+", text) if p.strip()]
    return parts if len(parts) > 1 else [text]


_NAME_LIKE = re.compile(r"[\u4e00-\u9fff]{2,4}|[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,2}")


def attendees(cues: Sequence[Cue]) -> tuple[list[Participant], set[int]]:
    """The people an attendee line names (``参会人：…``, ``Attendees: …``), also when they are
    listed on the lines below the label (one per line, ``销售部：王强`` or ``- Anna (Sales)``);
    and the indexes of those lines, which are no items."""
    people: list[Participant] = []
    block: set[int] = set()
    listing = False
    for index, cue in enumerate(cues[:400]):
        text = f"{cue.speaker}：{cue.text}" if cue.speaker else cue.text
        text = re.sub(r"^\s*(?:>\s*)+", "", text)  # > 参会人：… in a quoted header block
        if _ATTENDEE_HEAD.match(nfkc(text)):
            listing = True
            block.add(index)
            continue
        fielded = False
        row = _TABLE_FIELD.match(text) if text.count("|") >= 2 else None
        for part in _fields_of(text):
            other = _ATTENDEE_LINE.match(nfkc(part)) or (_PRESENT_FIELD.match(nfkc(part)) if part != text or row else None) or (
                _ATTENDEES_IN_PROSE.search(nfkc(part)) if not participants_in(part) else None
            )
            if other:  # Who: Omar, Petra / In attendance: N. Dixon (Secretary)
                names = other["names"]
                if len(re.findall(r"[@＠]", names)) >= 2:  # @陈馆长 @展陈部 符嘉怡: one person a mention
                    names = "、".join(x.strip() for x in re.split(r"[@＠]", names) if x.strip())
                found = parse_participants(names)
                if found and all(_NAME_LIKE.fullmatch(p.name) for p in found):
                    people.extend(found)
                    block.add(index)
                    fielded = True
        if fielded:
            continue
        if listing:
            entry = clean(BULLET.sub("", nfkc(text).strip(), count=1))
            if entry and len(entry) <= 40 and not find_date(entry, None) and not heading_of(entry, md_heading=False):
                dept = re.fullmatch(r"(?P<d>[^:：]{1,12})[:：]\s*(?P<n>.+)", entry)
                found = (
                    [Participant(p.name, dept["d"]) for p in parse_participants(dept["n"])] if dept
                    else parse_participants(entry)
                )
                if found and all(_NAME_LIKE.fullmatch(p.name) for p in found):
                    people.extend(found)
                    block.add(index)
                    continue
            listing = False
        people.extend(participants_in(text) or _present_in_prose(nfkc(text)))
    return people, block
