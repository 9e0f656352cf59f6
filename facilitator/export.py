"""Export a meeting record as Markdown, JSON, CSV (actions) or iCalendar (action due dates).

Exports are for people and tools outside the app: a department head's inbox, a
spreadsheet, a calendar. They are built from the stored record only.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from facilitator.model import Action, Meeting, UserError

FORMATS = ("md", "json", "csv", "ics")


def meeting_json(m: Meeting) -> dict[str, Any]:
    """The full record, with the keys of ``meetings --json`` first."""
    data = m.summary_json()
    data.update(
        {
            "goal": m.goal,
            "deadline": m.deadline.isoformat() if m.deadline else None,
            "language": m.language,
            "stage": m.stage,
            "status": m.status,
            "participants": [
                {"name": p.name, "department": p.department, "role": p.role} for p in m.participants
            ],
            "notes": [{"text": n.text, "stage": n.stage, "created_at": n.created_at} for n in m.notes],
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
    return actions_csv(_of_meeting(m))


def actions_csv(actions: list[Action]) -> str:
    """Actions as CSV, one row each, with where they came from and why they are stuck."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(
        ["meeting_id", "meeting", "order", "action_id", "owner", "action", "due", "status", "reason"]
    )
    for a in actions:
        writer.writerow([
            a.meeting_id, a.meeting_title, a.order, a.id, a.owner or "", a.action,
            a.due.isoformat() if a.due else "", a.status, a.reason or "",
        ])
    # BOM so that Excel, which many of our users open CSV files with, reads UTF-8 Chinese
    return "\ufeff" + buf.getvalue()


def _ics_escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character (RFC 5545 3.1)."""
    out: list[str] = []
    current = ""
    size = 0
    for ch in line:
        n = len(ch.encode("utf-8"))
        limit = 75 if not out else 74  # continuation lines start with a space
        if size + n > limit:
            out.append(current)
            current, size = "", 0
        current += ch
        size += n
    out.append(current)
    return "\r\n ".join(out)


def to_ics(m: Meeting, now: datetime | None = None) -> str:
    about = " / ".join(x for x in (m.title, m.customer, m.order_ref) if x)
    return actions_ics(_of_meeting(m), now, describe=lambda a: about)


ICS_STATUS = {"open": "CONFIRMED", "blocked": "TENTATIVE", "done": "CONFIRMED", "dropped": "CANCELLED"}
ICS_MARK = {"open": "", "blocked": "[blocked] ", "done": "[done] ", "dropped": "[dropped] "}


def actions_ics(
    actions: list[Action], now: datetime | None = None, describe: Callable[[Action], str] | None = None
) -> str:
    """One all-day event per action that has a due date.

    The UID depends only on the action's id and meeting, so re-importing a newer
    export updates the calendar entry instead of adding a second one.
    """
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//facilitator//coordination meeting//EN",
        "CALSCALE:GREGORIAN",
    ]
    for a in actions:
        if not a.due:
            continue
        uid = hashlib.sha1(f"{a.meeting_id}-{a.id}".encode()).hexdigest()[:16] + "@facilitator"
        owner = f"{a.owner}: " if a.owner else ""
        end: date = a.due + timedelta(days=1)
        where = describe(a) if describe else " / ".join(x for x in (a.meeting_title, a.order) if x)
        if a.reason:
            where += f"\n{a.reason}"
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uid}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{a.due.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{end.strftime('%Y%m%d')}",
            f"SUMMARY:{_ics_escape(ICS_MARK[a.status] + owner + a.action)}",
            f"DESCRIPTION:{_ics_escape(where)}",
            f"STATUS:{ICS_STATUS[a.status]}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def export(m: Meeting, fmt: str, markdown: str | None = None) -> str:
    if fmt == "json":
        return to_json(m)
    if fmt == "csv":
        return to_csv(m)
    if fmt == "ics":
        return to_ics(m)
    if fmt == "md":
        if markdown is None:
            raise ValueError("markdown export needs the rendered draft")
        return markdown
    raise UserError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
