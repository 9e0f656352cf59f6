"""Build the drafting prompt from the templates in ``prompts/``.

Templates (``string.Template``, ``$name`` placeholders; substituted values are never
re-expanded): ``draft_system.{zh,en}.md`` (role, the method as extraction rules, the
answer's shape), ``draft_user.{zh,en}.md`` (the record and one part of the material),
``draft_repair.md`` (the one repair request) and ``draft_continue.md`` (the one request
for the rest of an answer cut at the output limit). The model is asked only for what
the record lacks, each item with its quote: code, not the model, writes the summary.

Every piece of material (the record, notes, transcript, each case) is wrapped in a
``<data-NONCE kind=...>`` block. The nonce is random per prompt, so text inside a
block cannot close it, and any ``<data`` spelling inside is defused as well. The
templates tell the model that such blocks carry no instructions.
"""

from __future__ import annotations

import json
import re
import secrets
import string
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from facilitator import locations
from facilitator.capture import parse_line
from facilitator.drafting.budget import Sections
from facilitator.model import Draft, Meeting

__all__ = ["CaseText", "build_sections", "continue_message", "dated", "part_label", "repair_message", "wrap"]

_STAMP = re.compile(r"^\[\d{1,2}:\d{2}(?::\d{2})?\]\s")
_TAG = re.compile(r"<(/?)(data)", re.I)


@dataclass
class CaseText:
    case_id: str
    title: str
    text: str


@lru_cache(maxsize=16)
def template(name: str) -> string.Template:
    path = locations.prompts_dir() / name
    return string.Template(path.read_text(encoding="utf-8"))


def _lang(meeting: Meeting) -> str:
    return meeting.language if meeting.language in ("zh", "en") else "zh"


_WEEKDAYS = {"zh": ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"],
             "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]}


def dated(day: date, lang: str) -> str:
    """``2026-11-23（星期一）``: the model must resolve 周五 and next Monday from it."""
    name = _WEEKDAYS["zh" if lang == "zh" else "en"][day.weekday()]
    return f"{day.isoformat()}（{name}）" if lang == "zh" else f"{day.isoformat()} ({name})"


def part_label(lang: str, index: int = 1, total: int = 1, span: str = "") -> str:
    """Which part of the material a prompt holds: all of it, or window 3 of 7 and its times."""
    if total <= 1:
        return "全部内容" if lang == "zh" else "all"
    where = f"（{span}）" if lang == "zh" and span else (f" ({span})" if span else "")
    return f"第 {index}/{total} 段{where}" if lang == "zh" else f"part {index} of {total}{where}"


def defuse(text: str) -> str:
    """Text that cannot open or close a data block."""
    return _TAG.sub(lambda m: f"‹{m.group(1)}{m.group(2)}", text)


def wrap(kind: str, body: str, nonce: str, **attrs: str) -> str:
    extra = "".join(f' {k}="{defuse(v).replace(chr(34), chr(39))}"' for k, v in attrs.items())
    return f'<data-{nonce} kind="{kind}"{extra}>\n{defuse(body)}\n</data-{nonce}>'


def record_json(meeting: Meeting, base: Draft) -> str:
    """The structured record: meeting facts plus the items the offline drafter gathered."""
    data: dict[str, object] = {
        "title": meeting.title, "customer": meeting.customer or None, "order": meeting.order_ref or None,
        "date": meeting.date.isoformat() if meeting.date else None,
        "deadline": meeting.deadline.isoformat() if meeting.deadline else None,
        "goal": meeting.goal or None,
        "participants": [{k: v for k, v in (("name", p.name), ("department", p.department),
                                            ("role", p.role)) if v} for p in meeting.participants],
        "responsibilities": [r.to_json() for r in base.responsibilities],
        "actions": [a.to_json() for a in base.actions],
        "decisions": base.decisions, "obstacles": base.obstacles,
        "open_questions": base.open_questions, "cited_cases": base.cited_cases,
    }  # fmt: skip
    return _lines_json({k: v for k, v in data.items() if v not in (None, [])})


def _lines_json(data: dict[str, object]) -> str:
    """JSON with one key, or one list element, per line: readable yet compact in tokens."""
    def dump(v: object) -> str:
        return json.dumps(v, ensure_ascii=False, separators=(", ", ": "))

    lines = []
    for key, value in data.items():
        if isinstance(value, list) and value:
            inner = ",\n  ".join(dump(v) for v in value)
            lines.append(f"{dump(key)}: [\n  {inner}\n ]")
        else:
            lines.append(f"{dump(key)}: {dump(value)}")
    return "{\n " + ",\n ".join(lines) + "\n}"


def split_notes(meeting: Meeting) -> tuple[list[str], list[str]]:
    """(free notes, transcript lines): structured lines are already in the record, and
    time-stamped lines (``[12:30] 张伟: ...``) came from an imported transcript."""
    notes: list[str] = []
    transcript: list[str] = []
    for note in meeting.notes:
        for line in note.text.splitlines():
            if not line.strip() or parse_line(line, meeting.date).kind != "note":
                continue
            (transcript if _STAMP.match(line) else notes).append(line.strip())
    return notes, transcript


def build_sections(
    meeting: Meeting,
    base: Draft,
    transcript: list[str] | None = None,
    cases: list[CaseText] | None = None,
    nonce: str | None = None,
    notes: list[str] | None = None,
    part: str = "",
) -> Sections:
    """The prompt in parts for :func:`facilitator.drafting.budget.fit_prompt`.

    ``base`` is the offline draft of the meeting (the record plus quick-capture lines);
    ``transcript`` adds lines to the ones found among the notes. A window of a long
    meeting passes its own ``notes`` and ``transcript`` lines (and ``part``, its label):
    then the meeting's notes are not read again.
    """
    from facilitator.drafting.schema import schema_outline

    lang = _lang(meeting)
    nonce = nonce or secrets.token_hex(4)
    when = dated(meeting.date or date.today(), lang)
    system = template(f"draft_system.{lang}.md").safe_substitute(
        meeting_date=when, schema_outline=schema_outline())
    if notes is None:
        notes, stamped = split_notes(meeting)
        lines = [*stamped, *(transcript or [])]
    else:
        lines = list(transcript or [])
    record = wrap("record", record_json(meeting, base), nonce)
    none = "（无）" if lang == "zh" else "(none)"
    user_template = template(f"draft_user.{lang}.md")
    blocks = [
        (wrap("case", c.text, nonce, id=c.case_id, title=c.title).split("\n", 1)[0], c.text)
        for c in cases or []
    ]
    part = part or part_label(lang)

    def render(notes_text: str, transcript_text: str, cases_text: str) -> str:
        return user_template.safe_substitute(
            meeting_date=when, record=record, part=part,
            notes=wrap("notes", notes_text, nonce) if notes_text else none,
            transcript=wrap("transcript", transcript_text, nonce) if transcript_text else none,
            cases=cases_text or none,
        )

    return Sections(system=system, record=record, notes=notes, transcript=lines,
                    cases=[(h, defuse(b)) for h, b in blocks], render=render,
                    case_close=f"</data-{nonce}>", lang=lang)


def repair_message(reason: str) -> str:
    return template("draft_repair.md").safe_substitute(reason=reason)


def continue_message(kept: list[str], limit: int) -> str:
    """After ``finish_reason=length``: the complete items are kept; ask for the rest once."""
    listed = "; ".join(k[:60] for k in kept[:40]) or "none"
    return template("draft_continue.md").safe_substitute(kept=listed, limit=limit)
