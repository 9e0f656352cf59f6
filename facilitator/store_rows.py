"""Row writers shared by the store's transactions, and the value conversions for SQLite.

Module functions that take an open connection, so one transaction can write several
rows (an import, a captured line with its history event) and commit them together.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

from facilitator.model import Action, Captured, Responsibility

ITEM_KINDS = {"decision": "decisions", "obstacle": "obstacles", "question": "open_questions"}


def now_stamp() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def iso_or_none(value: date | None) -> str | None:
    return value.isoformat() if value else None


def date_or_none(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None



def insert_note(db: sqlite3.Connection, meeting_id: int, text: str, stage: str | None) -> int:
    cur = db.execute(
        "INSERT INTO notes(meeting_id, text, stage, created_at) VALUES (?,?,?,?)",
        (meeting_id, text, stage, now_stamp()),
    )
    return int(cur.lastrowid or 0)


def insert_responsibility(db: sqlite3.Connection, meeting_id: int, r: Responsibility) -> int:
    cur = db.execute(
        "INSERT INTO responsibilities(meeting_id, item, owner, basis, status) VALUES (?,?,?,?,?)",
        (meeting_id, r.item, r.owner, r.basis, r.status),
    )
    return int(cur.lastrowid or 0)


def insert_action(db: sqlite3.Connection, meeting_id: int, a: Action) -> int:
    now = now_stamp()
    cur = db.execute(
        "INSERT INTO actions(meeting_id, action, owner, due, status, reason, created_at)"
        " VALUES (?,?,?,?,?,?,?)",
        (meeting_id, a.action, a.owner, iso_or_none(a.due), a.status, a.reason, now),
    )
    action_id = int(cur.lastrowid or 0)
    db.execute(
        "INSERT INTO action_events(action_id, at, kind, status, due, reason, meeting_id)"
        " VALUES (?,?,'created',?,?,?,?)",
        (action_id, now, a.status, iso_or_none(a.due), a.reason, meeting_id),
    )
    return action_id


def insert_item(db: sqlite3.Connection, meeting_id: int, kind: str, text: str) -> int:
    cur = db.execute(
        "INSERT INTO items(meeting_id, kind, text, created_at) VALUES (?,?,?,?)",
        (meeting_id, kind, text, now_stamp()),
    )
    return int(cur.lastrowid or 0)


def insert_captured(db: sqlite3.Connection, meeting_id: int, c: Captured, stage: str | None) -> int:
    """One parsed quick-capture line as the structured row it names."""
    if c.kind == "action":
        return insert_action(db, meeting_id, Action(action=c.text, owner=c.owner, due=c.due))
    if c.kind == "responsibility":
        r = Responsibility(item=c.text, owner=c.owner, basis=c.basis, status=c.status or "agreed")
        return insert_responsibility(db, meeting_id, r)
    if c.kind in ITEM_KINDS:
        return insert_item(db, meeting_id, c.kind, c.text)
    return insert_note(db, meeting_id, c.raw or c.text, stage)
