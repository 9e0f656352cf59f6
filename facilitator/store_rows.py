"""Row writers shared by the store's transactions, and the value conversions for SQLite.

Module functions that take an open connection, so one transaction can write several
rows (an import, a captured line with its history event) and commit them together.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from datetime import date, datetime

from facilitator.model import Action, Captured, Lever, Recorded, Responsibility, UserError
from facilitator.obstacles import classify

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
    row_id = int(cur.lastrowid or 0)
    responsibility_event(db, row_id, "created", r, meeting_id)
    return row_id


def responsibility_event(
    db: sqlite3.Connection, row_id: int, kind: str, r: Responsibility, meeting_id: int | None
) -> None:
    db.execute(
        "INSERT INTO responsibility_events(responsibility_id, at, kind, owner, basis, status, meeting_id)"
        " VALUES (?,?,?,?,?,?,?)",
        (row_id, now_stamp(), kind, r.owner, r.basis, r.status, meeting_id),
    )


def item_key(text: str) -> str:
    """What two spellings of one contested item share: NFKC, case-folded, without spaces
    or punctuation (``返工费用由谁承担？`` and ``返工费用 由谁承担`` are one item)."""
    norm = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in norm if not (ch.isspace() or unicodedata.category(ch)[0] in "PS"))


def settle_responsibility(db: sqlite3.Connection, meeting_id: int, r: Responsibility) -> Recorded | None:
    """``ITEM => OWNER`` for an item the meeting already holds: settle or re-assign that row
    (its history keeps the earlier state) instead of adding a second one. None when the
    item is new to the meeting."""
    key = item_key(r.item)
    rows = db.execute(
        "SELECT * FROM responsibilities WHERE meeting_id = ? ORDER BY status = 'disputed' DESC, id DESC",
        (meeting_id,),
    ).fetchall()
    match = next((row for row in rows if item_key(row["item"]) == key), None)
    if match is None:
        return None
    row_id = int(match["id"])
    if r.status == "disputed" and (match["status"] == "disputed" or match["owner"]):
        # already recorded (disputed), or already owned: a later "=> ?" does not undo an owner
        return Recorded(row_id=row_id, outcome="unchanged", previous_owner=match["owner"])
    same = (match["owner"] or None) == (r.owner or None) and match["status"] == r.status
    if same and (r.basis is None or r.basis == match["basis"]):
        return Recorded(row_id=row_id, outcome="unchanged", previous_owner=match["owner"])
    basis = r.basis if r.basis is not None else match["basis"]
    db.execute(
        "UPDATE responsibilities SET owner = ?, basis = ?, status = ? WHERE id = ?",
        (r.owner, basis, r.status, row_id),
    )
    outcome = "settled" if match["status"] == "disputed" else ("reassigned" if not same else "updated")
    settled = Responsibility(item=match["item"], owner=r.owner, basis=basis, status=r.status, id=row_id)
    responsibility_event(db, row_id, outcome, settled, meeting_id)
    return Recorded(row_id=row_id, outcome=outcome, previous_owner=match["owner"])


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


def write_action(db: sqlite3.Connection, a: Action, in_meeting: int | None) -> None:
    """Save an action; a new status or due date is also written to its history."""
    row = db.execute("SELECT status, due, reason FROM actions WHERE id = ?", (a.id,)).fetchone()
    if row is None:
        raise UserError(f"no action with id {a.id}")
    reason = a.reason if a.status in ("blocked", "dropped") else None
    now = now_stamp()
    db.execute(
        "UPDATE actions SET action = ?, owner = ?, due = ?, status = ?, reason = ?,"
        " done_at = CASE WHEN ? = 'done' THEN COALESCE(done_at, ?) ELSE NULL END WHERE id = ?",
        (a.action, a.owner, iso_or_none(a.due), a.status, reason, a.status, now, a.id),
    )
    if row["status"] != a.status or (a.status != "open" and row["reason"] != reason):
        kind = "status"
    elif row["due"] != iso_or_none(a.due):
        kind = "due"
    else:
        return
    db.execute(
        "INSERT INTO action_events(action_id, at, kind, status, due, reason, meeting_id)"
        " VALUES (?,?,?,?,?,?,?)",
        (a.id, now, kind, a.status, iso_or_none(a.due), reason, in_meeting),
    )


def insert_item(
    db: sqlite3.Connection, meeting_id: int, kind: str, text: str, obstacle_kind: str | None = None
) -> int:
    if kind == "obstacle" and obstacle_kind is None:
        obstacle_kind = classify(text)
    cur = db.execute(
        "INSERT INTO items(meeting_id, kind, text, created_at, obstacle_kind) VALUES (?,?,?,?,?)",
        (meeting_id, kind, text, now_stamp(), obstacle_kind if kind == "obstacle" else None),
    )
    return int(cur.lastrowid or 0)


def latest_obstacle(db: sqlite3.Connection, meeting_id: int) -> int | None:
    row = db.execute(
        "SELECT id FROM items WHERE meeting_id = ? AND kind = 'obstacle' ORDER BY id DESC LIMIT 1",
        (meeting_id,),
    ).fetchone()
    return int(row[0]) if row else None


def insert_lever(db: sqlite3.Connection, meeting_id: int, lv: Lever) -> int:
    """A lever row; one with an owner also gets its tracked action, in the same transaction."""
    if lv.owner and lv.action_id is None:
        lv.action_id = insert_action(db, meeting_id, Action(action=lv.resource, owner=lv.owner, due=lv.due))
    cur = db.execute(
        "INSERT INTO levers(meeting_id, obstacle_id, resource, holder, presolves, owner, due,"
        " action_id, created_at) VALUES (?,?,?,?,?,?,?,?,?)",
        (meeting_id, lv.obstacle_id, lv.resource, lv.holder, lv.presolves, lv.owner,
         iso_or_none(lv.due), lv.action_id, now_stamp()),
    )
    return int(cur.lastrowid or 0)


def insert_captured(db: sqlite3.Connection, meeting_id: int, c: Captured, stage: str | None) -> Recorded:
    """One parsed quick-capture line as the structured row it names (a responsibility the
    meeting already holds is settled in place, see ``settle_responsibility``)."""
    if c.kind == "action":
        return Recorded(insert_action(db, meeting_id, Action(action=c.text, owner=c.owner, due=c.due)))
    if c.kind == "responsibility":
        r = Responsibility(item=c.text, owner=c.owner, basis=c.basis, status=c.status or "agreed")
        return settle_responsibility(db, meeting_id, r) or Recorded(insert_responsibility(db, meeting_id, r))
    if c.kind == "lever":
        lever = Lever(resource=c.text, obstacle_id=latest_obstacle(db, meeting_id), holder=c.holder,
                      presolves=c.presolves, owner=c.owner, due=c.due)
        return Recorded(insert_lever(db, meeting_id, lever))
    if c.kind in ITEM_KINDS:
        return Recorded(insert_item(db, meeting_id, c.kind, c.text, c.obstacle_kind))
    return Recorded(insert_note(db, meeting_id, c.raw or c.text, stage))
