"""Row writers shared by the store's transactions, and the value conversions for its columns.

Module functions that take an open transaction (``base.Conn``, either backend), so one
transaction can write several rows (an import, a captured line with its history event)
and commit them together. Where a write depends on a decision of the record (a new
obstacle's kind, a lever's obstacle, settling ``ITEM => OWNER``), the ``LedgerRules`` the
store was given decide and these functions write the answer.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from contextvars import ContextVar
from datetime import date, datetime

from facilitator.model import (
    ITEM_KINDS,
    Action,
    Captured,
    ItemSource,
    Lever,
    Meeting,
    Participant,
    Recorded,
    Responsibility,
    UserError,
)
from facilitator.store.base import AlreadyImported, Conn, ImportedFile, LedgerRules
from facilitator.textforms import bare_key as item_key

_last_stamp: tuple[int, str] = (0, "")

AUTHOR: ContextVar[str | None] = ContextVar("AUTHOR", default=None)
"""Who is writing (``[me] name``): set by the store for the length of each transaction, and
written with every row and every change of state it records."""


def now_stamp() -> str:
    """The local time to the second, with its UTC offset; worked out once per second, as an
    import writes tens of thousands of rows within the same few seconds."""
    global _last_stamp
    second = int(time.time())
    if _last_stamp[0] != second:
        _last_stamp = (second, datetime.fromtimestamp(second).astimezone().isoformat(timespec="seconds"))
    return _last_stamp[1]


def iso_or_none(value: date | None) -> str | None:
    return value.isoformat() if value else None


def date_or_none(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None



def insert_note(db: Conn, meeting_id: int, text: str, stage: str | None) -> int:
    cur = db.execute(
        "INSERT INTO notes(meeting_id, text, stage, created_at, author) VALUES (?,?,?,?,?)",
        (meeting_id, text, stage, now_stamp(), AUTHOR.get()),
    )
    return int(cur.lastrowid or 0)


def insert_responsibility(db: Conn, meeting_id: int, r: Responsibility) -> int:
    cur = db.execute(
        "INSERT INTO responsibilities(meeting_id, item, owner, basis, status, quote, source, author)"
        " VALUES (?,?,?,?,?,?,?,?)",
        (meeting_id, r.item, r.owner, r.basis, r.status, r.quote, r.source, AUTHOR.get()),
    )
    row_id = int(cur.lastrowid or 0)
    responsibility_event(db, row_id, "created", r, meeting_id)
    return row_id


def responsibility_event(
    db: Conn, row_id: int, kind: str, r: Responsibility, meeting_id: int | None
) -> None:
    db.execute(
        "INSERT INTO responsibility_events(responsibility_id, at, kind, owner, basis, status, meeting_id, author)"
        " VALUES (?,?,?,?,?,?,?,?)",
        (row_id, now_stamp(), kind, r.owner, r.basis, r.status, meeting_id, AUTHOR.get()),
    )


class ItemKeys:
    """The meeting's responsibilities by ``item_key``, read once per transaction.

    Matching each ``ITEM => OWNER`` line against every row of the meeting made an import
    of n such lines quadratic (20k lines: 21 s holding the write lock); with this, each
    line costs one key and one look-up. Only rows written through it in the same
    transaction are added, which is all a transaction can see change. Read on first use, so a
    batch without a responsibility line does not pay for it (a round trip on a server)."""

    def __init__(self, db: Conn, meeting_id: int) -> None:
        self._db, self._meeting_id = db, meeting_id
        self._ids: dict[str, list[int]] | None = None

    @property
    def ids(self) -> dict[str, list[int]]:
        if self._ids is None:
            self._ids = {}
            for row in self._db.execute("SELECT id, item FROM responsibilities WHERE meeting_id = ? ORDER BY id",
                                        (self._meeting_id,)):
                self._ids.setdefault(item_key(row[1]), []).append(int(row[0]))
        return self._ids

    def add(self, key: str, row_id: int) -> None:
        self.ids.setdefault(key, []).append(row_id)


def settle_responsibility(db: Conn, meeting_id: int, r: Responsibility, rules: LedgerRules,
                          keys: ItemKeys | None = None) -> Recorded | None:
    """``ITEM => OWNER`` for an item the meeting already holds: write what ``rules.settle``
    decides for that row (its history keeps the earlier state) instead of adding a second
    one. None when the item is new to the meeting."""
    key = item_key(r.item)
    keys = keys if keys is not None else ItemKeys(db, meeting_id)
    ids = keys.ids.get(key, [])
    rows = db.execute(
        f"SELECT * FROM responsibilities WHERE id IN ({','.join('?' * len(ids))})"
        " ORDER BY status = 'disputed' DESC, id DESC", ids,
    ).fetchall() if ids else []
    match = rows[0] if rows else None
    if match is None:
        return None
    row_id = int(match["id"])
    held = Responsibility(item=match["item"], owner=match["owner"], basis=match["basis"],
                          status=match["status"], id=row_id)
    decided = rules.settle(held, r)
    new = decided.row
    if new is None:
        return Recorded(row_id=row_id, outcome=decided.outcome, previous_owner=match["owner"])
    db.execute(  # a quote that settled it is kept with it; the row stays typed if it was
        "UPDATE responsibilities SET owner = ?, basis = ?, status = ?, quote = COALESCE(?, quote) WHERE id = ?",
        (new.owner, new.basis, new.status, new.quote, row_id),
    )
    responsibility_event(db, row_id, decided.outcome, new, meeting_id)
    return Recorded(row_id=row_id, outcome=decided.outcome, previous_owner=match["owner"])


def insert_action(db: Conn, meeting_id: int, a: Action) -> int:
    now = now_stamp()
    cur = db.execute(
        "INSERT INTO actions(meeting_id, action, owner, due, status, reason, created_at, quote, source, author)"
        " VALUES (?,?,?,?,?,?,?,?,?,?)",
        (meeting_id, a.action, a.owner, iso_or_none(a.due), a.status, a.reason, now, a.quote, a.source,
         AUTHOR.get()),
    )
    action_id = int(cur.lastrowid or 0)
    db.execute(
        "INSERT INTO action_events(action_id, at, kind, status, due, reason, meeting_id, author)"
        " VALUES (?,?,'created',?,?,?,?,?)",
        (action_id, now, a.status, iso_or_none(a.due), a.reason, meeting_id, AUTHOR.get()),
    )
    return action_id


def write_action(db: Conn, a: Action, in_meeting: int | None) -> None:
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
    # a lever someone secures is one commitment: its owner and date are its action's
    db.execute("UPDATE levers SET owner = ?, due = ? WHERE action_id = ?", (a.owner, iso_or_none(a.due), a.id))
    if row["status"] != a.status or (a.status != "open" and row["reason"] != reason):
        kind = "status"
    elif row["due"] != iso_or_none(a.due):
        kind = "due"
    else:
        return
    db.execute(
        "INSERT INTO action_events(action_id, at, kind, status, due, reason, meeting_id, author)"
        " VALUES (?,?,?,?,?,?,?,?)",
        (a.id, now, kind, a.status, iso_or_none(a.due), reason, in_meeting, AUTHOR.get()),
    )


def insert_item(
    db: Conn, meeting_id: int, kind: str, text: str, obstacle_kind: str | None = None
) -> int:
    """One obstacle (with the kind it was given), decision or question; the kind must be one
    of ``model.ITEM_KINDS`` (the table has no CHECK of its own since "item kinds from the
    registry": this is the guard)."""
    if kind not in ITEM_KINDS:
        raise ValueError(f"unknown item kind {kind!r}")
    cur = db.execute(
        "INSERT INTO items(meeting_id, kind, text, created_at, obstacle_kind, author) VALUES (?,?,?,?,?,?)",
        (meeting_id, kind, text, now_stamp(), obstacle_kind if kind == "obstacle" else None, AUTHOR.get()),
    )
    return int(cur.lastrowid or 0)


def insert_lever(db: Conn, meeting_id: int, lv: Lever) -> int:
    """A lever row; one with an owner also gets its tracked action, in the same transaction."""
    if lv.owner and lv.action_id is None:
        lv.action_id = insert_action(db, meeting_id, Action(action=lv.resource, owner=lv.owner, due=lv.due,
                                                            quote=lv.quote, source=lv.source))
    cur = db.execute(
        "INSERT INTO levers(meeting_id, obstacle_id, resource, holder, presolves, owner, due,"
        " action_id, created_at, quote, source, author) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        (meeting_id, lv.obstacle_id, lv.resource, lv.holder, lv.presolves, lv.owner,
         iso_or_none(lv.due), lv.action_id, now_stamp(), lv.quote, lv.source, AUTHOR.get()),
    )
    return int(cur.lastrowid or 0)


def insert_captured(
    db: Conn, meeting_id: int, c: Captured, stage: str | None, rules: LedgerRules,
    keys: ItemKeys | None = None, quote: str | None = None, source: ItemSource = "typed",
) -> Recorded:
    """One parsed quick-capture line as the structured row it names (a responsibility the
    meeting already holds is settled in place, see ``settle_responsibility``). An accepted
    suggestion comes this same way, with the words it came from (``quote``) and
    ``source="extracted"``."""
    if c.kind == "action":
        a = Action(action=c.text, owner=c.owner, due=c.due, quote=quote, source=source)
        return Recorded(insert_action(db, meeting_id, a))
    if c.kind == "responsibility":
        r = Responsibility(item=c.text, owner=c.owner, basis=c.basis, status=c.status or "agreed",
                           quote=quote, source=source)
        keys = keys if keys is not None else ItemKeys(db, meeting_id)
        settled = settle_responsibility(db, meeting_id, r, rules, keys)
        if settled is not None:
            return settled
        row_id = insert_responsibility(db, meeting_id, r)
        keys.add(item_key(r.item), row_id)
        return Recorded(row_id)
    if c.kind == "lever":
        rows = db.execute("SELECT id, text, obstacle_kind FROM items WHERE meeting_id = ? AND kind = 'obstacle'"
                          " ORDER BY id", (meeting_id,)).fetchall()
        target, how = rules.lever_target(c.text, c.obstacle_kind, [(int(r[0]), r[1], r[2]) for r in rows])
        lever = Lever(resource=c.text, obstacle_id=target, holder=c.holder,
                      presolves=c.presolves, owner=c.owner, due=c.due, quote=quote, source=source)
        return Recorded(insert_lever(db, meeting_id, lever), obstacle_choice=how)
    if c.kind in ITEM_KINDS:
        kind = rules.obstacle_kind(c.text, c.obstacle_kind) if c.kind == "obstacle" else None
        return Recorded(insert_item(db, meeting_id, c.kind, c.text, kind))
    return Recorded(insert_note(db, meeting_id, c.raw or c.text, stage))


def insert_meeting(db: Conn, m: Meeting) -> int:
    now = now_stamp()
    cur = db.execute(
        "INSERT INTO meetings(title, customer, order_ref, goal, deadline, date, language,"
        " stage, status, created_at, updated_at, author) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        (m.title, m.customer, m.order_ref, m.goal, iso_or_none(m.deadline), iso_or_none(m.date),
         m.language, m.stage, m.status, now, now, AUTHOR.get()),
    )
    mid = int(cur.lastrowid or 0)
    for p in m.participants:
        db.execute(
            "INSERT INTO participants(meeting_id, name, department, role, author) VALUES (?,?,?,?,?)",
            (mid, p.name, p.department, p.role, AUTHOR.get()),
        )
    return mid


def write_import(
    db: Conn,
    meeting: Meeting,
    captured: Iterable[Captured],
    people: list[Participant],
    source: ImportedFile,
    again: bool,
    rules: LedgerRules,
) -> tuple[int, dict[str, int]]:
    """The rows of one imported file, inside the caller's transaction. ``people`` fills while
    ``captured`` is consumed (participants lines); those not yet in the meeting are added at
    the end. Content already imported into this meeting raises ``AlreadyImported`` unless ``again``."""
    counts: dict[str, int] = {}
    if meeting.id is None:
        mid = insert_meeting(db, meeting)
    else:
        mid = meeting.id
        if not again:
            refuse_reimport(db, mid, source)
    keys = ItemKeys(db, mid)
    for c in captured:
        insert_captured(db, mid, c, meeting.stage, rules, keys)
        counts[c.kind] = counts.get(c.kind, 0) + 1
    known = {r[0] for r in db.execute("SELECT name FROM participants WHERE meeting_id = ?", (mid,))}
    for p in people:
        if p.name in known:
            continue
        known.add(p.name)
        db.execute(
            "INSERT INTO participants(meeting_id, name, department, role, author) VALUES (?,?,?,?,?)",
            (mid, p.name, p.department, p.role, AUTHOR.get()),
        )
        counts["participant"] = counts.get("participant", 0) + 1
    db.execute(
        "INSERT INTO imported_files(meeting_id, sha256, name, size, imported_at) VALUES (?,?,?,?,?)",
        (mid, source.sha256, source.name, source.size, now_stamp()),
    )
    return mid, counts


def refuse_reimport(db: Conn, meeting_id: int, source: ImportedFile) -> None:
    row = db.execute(
        "SELECT name, imported_at FROM imported_files WHERE meeting_id = ? AND sha256 = ?"
        " ORDER BY id DESC LIMIT 1",
        (meeting_id, source.sha256),
    ).fetchone()
    if row is not None:
        when = str(row[1])[:16].replace("T", " ")
        if row[0] == source.name:
            raise AlreadyImported("{name}: already imported into meeting {id} on {when};"
                                  " add --again to import it a second time", name=source.name, id=meeting_id, when=when)
        raise AlreadyImported("{name}: already imported into meeting {id} on {when} (as {earlier});"
                              " add --again to import it a second time",
                              name=source.name, id=meeting_id, when=when, earlier=row[0])
