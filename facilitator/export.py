"""Export a meeting record: Markdown, JSON, CSV (actions), iCalendar (due dates), plain text.

Exports are for people and tools outside the app: a department head's inbox, a
spreadsheet, a calendar, a chat group. They are built from the stored record only.
Each format is one entry of ``FORMATS`` (name, help line, renderer); the command
line takes its ``--format`` choices from it, so a new format is that entry and its
renderer, nothing else.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, TypedDict, Unpack

from facilitator.model import Action, JsonObject, Meeting, UserError, json_of

if TYPE_CHECKING:
    from facilitator.config import Person


def meeting_json(m: Meeting) -> JsonObject:
    """The full record, with the keys of ``meetings --json`` first."""
    data = m.summary_json()
    data.update(json_of(m, ("goal", "deadline", "language", "stage", "status")))
    data.update(
        {
            "participants": [json_of(p, ("name", "department", "role")) for p in m.participants],
            "notes": [json_of(n, ("text", "stage", "created_at")) for n in m.notes],
            "responsibilities": [r.to_json() for r in m.responsibilities],
            "actions": [dict(a.to_json(), id=a.id) for a in m.actions],
            "decisions": [i.text for i in m.decisions],
            "obstacles": [i.text for i in m.obstacles],
            "obstacle_kinds": [{"text": i.text, "kind": i.kind or "unknown", "id": i.id} for i in m.obstacles],
            "levers": [lv.to_json() for lv in m.levers],
            "open_questions": [i.text for i in m.open_questions],
            "cited_cases": list(m.cited_cases),
        }
    )
    return data


def to_json(m: Meeting) -> str:
    return json.dumps(meeting_json(m), ensure_ascii=False, indent=2) + "\n"


def _of_meeting(m: Meeting) -> list[Action]:
    return [replace(a, meeting_id=m.id, meeting_title=m.title, order=m.order_ref) for a in m.actions]


def to_csv(m: Meeting) -> str:
    return actions_csv(_of_meeting(m), "en" if m.language == "en" else "zh")


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A cell starting with one of these is read as a formula by Excel, LibreOffice and Google
Sheets (OWASP "CSV injection"); ``@Li: =HYPERLINK(...)`` in the notes must stay text."""


def csv_cell(value: object) -> str:
    """``value`` as a spreadsheet cell that cannot run: a formula start gets a leading ``'``."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


CSV_COLUMNS = {
    "en": ("meeting_id", "meeting", "order", "action_id", "owner", "action", "due", "status", "reason"),
    "zh": ("会议编号", "会议", "订单", "行动编号", "负责人", "行动", "截止", "状态", "原因"),
}
"""The header row, in the language of whoever opens the sheet: a spreadsheet is read by a
person (hence the BOM below), so its headers and statuses are words, not field names; the
JSON export is the one for scripts."""


def actions_csv(actions: list[Action], lang: str) -> str:
    """Actions as CSV, one row each, with where they came from and why they are stuck;
    headers and statuses in ``lang`` (the meeting's for a meeting, the user's for the ledger)."""
    import csv
    import io

    from facilitator.labels import term

    lang = "en" if lang == "en" else "zh"
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS[lang])
    for a in actions:
        writer.writerow([csv_cell(v) for v in (
            a.meeting_id, a.meeting_title, a.order, a.id, a.owner, a.action,
            a.due.isoformat() if a.due else "", term(lang, a.status), a.reason,
        )])
    # BOM so that Excel, which many of our users open CSV files with, reads UTF-8 Chinese
    return "\ufeff" + buf.getvalue()


class IcsOptions(TypedDict, total=False):
    """What ``to_ics`` passes on to ``actions_ics`` (see there)."""

    todo: bool
    people: Mapping[str, Person] | None
    organizer: str


def to_ics(m: Meeting, now: datetime | None = None, **options: Unpack[IcsOptions]) -> str:
    about = " / ".join(x for x in (m.title, m.customer, m.order_ref) if x)
    return actions_ics(_of_meeting(m), now, describe=lambda a: about, **options)


ICS_STATUS = {"open": "CONFIRMED", "blocked": "TENTATIVE", "done": "CONFIRMED", "dropped": "CANCELLED"}
ICS_TODO_STATUS = {"open": "NEEDS-ACTION", "blocked": "NEEDS-ACTION", "done": "COMPLETED", "dropped": "CANCELLED"}
def ics_summary(a: Action) -> str:
    """An event's title, its status mark in the action's language: ``[受阻] 黄主任: 安排对比测试``
    (an open action carries no mark: it is what a calendar is for)."""
    from facilitator.labels import term

    lang = a.meeting_language if a.meeting_language in ("zh", "en") else "zh"
    mark = f"[{term(lang, a.status)}] " if a.status != "open" else ""
    owner = f"{a.owner}: " if a.owner else ""
    return mark + owner + a.action


def ics_uid(a: Action, todo: bool = False) -> str:
    """Depends only on the action's id and meeting, so a newer export updates the entry.

    To-dos get their own UID: a calendar that imported the events must not see an
    event turn into a to-do under the same identity.
    """
    import hashlib

    base = hashlib.sha1(f"{a.meeting_id}-{a.id}".encode()).hexdigest()[:16]
    return f"{base}{'-todo' if todo else ''}@facilitator"


def actions_ics(
    actions: list[Action], now: datetime | None = None, describe: Callable[[Action], str] | None = None,
    *, todo: bool = False, people: Mapping[str, Person] | None = None, organizer: str = "",
) -> str:
    """One all-day event per action that has a due date, or with ``todo`` one to-do per
    action (``DUE``, ``STATUS``, and an alarm the day before it is due).

    ``people`` (the ``[people]`` settings) gives each owner's email as ``ATTENDEE``;
    ``organizer`` (the ``[smtp]`` from address) is the ``ORGANIZER``. Written with the
    icalendar library, which escapes and folds lines as RFC 5545 says.
    """
    from icalendar import Alarm, Calendar, Event, Todo, vCalAddress

    from facilitator.config import same_name

    emails = {same_name(name): p.email for name, p in (people or {}).items() if getattr(p, "email", "")}
    stamp = now or datetime.now(UTC)
    cal = Calendar()
    cal.add("prodid", "-//facilitator//coordination meeting//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    for a in actions:
        if not a.due and not todo:
            continue
        where = describe(a) if describe else " / ".join(x for x in (a.meeting_title, a.order) if x)
        if a.reason:
            where = f"{where}\n{a.reason}" if where else a.reason
        owner = f"{a.owner}: " if a.owner else ""
        item: Todo | Event = Todo() if todo else Event()
        item.add("uid", ics_uid(a, todo))
        item.add("dtstamp", stamp)
        if todo:
            if a.due:
                item.add("due", a.due)
            item.add("status", ICS_TODO_STATUS[a.status])
        else:
            assert a.due is not None
            item.add("dtstart", a.due)
            item.add("dtend", a.due + timedelta(days=1))
            item.add("status", ICS_STATUS[a.status])
        item.add("summary", ics_summary(a))
        item.add("description", where)
        if organizer:
            item.add("organizer", vCalAddress(f"mailto:{organizer}"))
        email = emails.get(same_name(a.owner or ""), "")
        if email:
            item.add("attendee", vCalAddress(f"mailto:{email}"), parameters={"CN": a.owner or "", "ROLE": "REQ-PARTICIPANT"})
        if todo and a.due and a.status in ("open", "blocked"):
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", owner + a.action)
            alarm.add("trigger", timedelta(days=-1), parameters={"RELATED": "END"})
            item.add_component(alarm)
        cal.add_component(item)
    return str(cal.to_ical().decode("utf-8"))


def to_markdown(m: Meeting, case_titles: dict[str, str] | None = None) -> str:
    """The summary as the drafter writes it, with every note (an export leaves nothing out);
    ``case_titles`` (card titles by id) name the cited cases."""
    from facilitator.drafting.offline import draft_offline
    from facilitator.drafting.render import render_markdown

    draft = draft_offline(m, ref_date=m.date, cited_cases=list(m.cited_cases), case_titles=case_titles)
    return render_markdown(draft, m, max_notes=None)


def to_text(m: Meeting) -> str:
    """The record as plain lines for a chat group or a mail body, where Markdown shows as
    stray symbols: no tables, no markup, one item a line, in the meeting's language."""
    from facilitator.drafting.render import LABELS
    from facilitator.labels import term

    lab = LABELS["en" if m.language == "en" else "zh"]
    colon, sep = (": ", ", ") if m.language == "en" else ("：", "，")
    head = [m.title]
    facts = [f"{lab[k]}{colon}{v}" for k, v in (
        ("date", m.date.isoformat() if m.date else ""), ("customer", m.customer), ("order", m.order_ref),
        ("deadline", m.deadline.isoformat() if m.deadline else ""), ("goal", m.goal)) if v]
    if m.participants:
        people = sep.join(f"{p.name}（{p.department}）" if p.department and m.language != "en"
                          else f"{p.name} ({p.department})" if p.department else p.name for p in m.participants)
        facts.append(f"{lab['participants']}{colon}{people}")
    lines = head + facts
    sections: list[tuple[str, list[str]]] = [
        ("responsibilities", [
            f"{r.item} -> {r.owner or lab['no_owner']}" + (f" ({r.basis})" if r.basis else "")
            + ("" if r.status == "agreed" else f" [{term(m.language, 'disputed')}]")
            for r in m.responsibilities]),
        ("actions", [
            f"{a.owner or lab['no_owner']}{colon}{a.action} ({lab['due']} {a.due.isoformat() if a.due else lab['no_due']}"
            f"{sep}{lab[a.status]})" for a in m.actions]),
        ("decisions", [i.text for i in m.decisions]),
        ("obstacles", [i.text for i in m.obstacles]),
        ("open_questions", [i.text for i in m.open_questions]),
    ]  # fmt: skip
    for key, items in sections:
        if items:
            lines += ["", lab[key]] + [f"{n}. {' '.join(text.split())}" for n, text in enumerate(items, 1)]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Format:
    """One way out for a meeting record."""

    name: str
    help: str
    render: Callable[[Meeting], str] | None
    """The text of the export; None for ``card``, which the service files into the library."""


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("md", "the summary in Markdown", to_markdown),
    Format("json", "the whole record as JSON", to_json),
    Format("csv", "the actions as CSV (opens in Excel)", to_csv),
    Format("ics", "the dated actions as calendar events", to_ics),
    Format("txt", "the record as plain text for a chat group or a mail", to_text),
    Format("card", "a case card in the home's library (cases/), indexed", None),
)}  # fmt: skip


def renderer(fmt: str) -> Callable[[Meeting], str]:
    """The renderer of the text format named ``fmt``; a UserError naming the choices otherwise."""
    entry = FORMATS.get(fmt)
    if entry is None or entry.render is None:
        names = ", ".join(n for n, f in FORMATS.items() if f.render is not None)
        raise UserError("unknown export format {fmt!r}; choose one of {names}", fmt=fmt, names=names)
    return entry.render


def export(m: Meeting, fmt: str) -> str:
    """``m`` in the format named ``fmt`` (one of ``FORMATS`` that has a renderer)."""
    return renderer(fmt)(m)
