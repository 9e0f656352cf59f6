"""The meeting record's queries, written once for both backends.

``SqlStore`` holds every read and write of the record as SQL in SQLite's spelling (``?``
placeholders); a backend subclass supplies the connection, the transaction and the few
things the two databases say differently (``SqliteStore``, ``PostgresStore``). Every
public write is one committed transaction that returns only after the commit, so a caller
that got a row id back can tell the user the edit is safe.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import date
from typing import Any

from facilitator.model import (
    ITEM_KINDS,
    OUTSTANDING,
    Action,
    ActionEvent,
    Captured,
    DraftRecord,
    Item,
    Lever,
    Meeting,
    Note,
    Participant,
    Recorded,
    Removed,
    Responsibility,
    Suggestion,
    UserError,
)
from facilitator.store.base import Conn, ImportedFile, LedgerRules
from facilitator.store.rows import (
    AUTHOR,
    ItemKeys,
    date_or_none,
    insert_action,
    insert_captured,
    insert_item,
    insert_lever,
    insert_meeting,
    insert_note,
    insert_responsibility,
    iso_or_none,
    now_stamp,
    responsibility_event,
    write_action,
    write_import,
)
from facilitator.store.suggestion_rows import insert_suggestions, suggestion_from_row

MEETING_FIELDS = {
    "title", "customer", "order_ref", "goal", "deadline", "date", "language", "stage", "status",
    "closed_at",
}
ACTION_COLUMNS = (
    ("actions.action", "action"), ("actions.owner", "owner"), ("actions.due", "due"),
    ("actions.status", "status"), ("actions.id", "id"), ("actions.meeting_id", "meeting_id"),
    ("actions.done_at", "done_at"), ("actions.reason", "reason"), ("meetings.order_ref", "order"),
    ("meetings.title", "meeting_title"), ("meetings.language", "meeting_language"),
    ("actions.quote", "quote"), ("actions.source", "source"), ("actions.author", "author"),
)
"""Each of ``Action``'s fields and the column it is read from, in the dataclass's order, so
``_action_row`` builds an action by position (``actions --open`` reads every owed row)."""
ACTION_SELECT = (
    f"SELECT {', '.join(column for column, _ in ACTION_COLUMNS)}"
    " FROM actions JOIN meetings ON meetings.id = actions.meeting_id"
)
OUTSTANDING_SQL = "(" + ", ".join(f"'{s}'" for s in OUTSTANDING) + ")"


_OLDEST_FIRST = " ORDER BY COALESCE(date, substr(created_at, 1, 10)), id"


class SqlStore:
    """The record's SQL over a backend's connection (see the module docstring)."""

    rules: LedgerRules
    """The record's decisions a write asks for (handed in by the composition root)."""
    author: str | None = None
    """Who writes through this store (``[me] name``): recorded with each row and change."""

    @contextmanager
    def _as_author(self) -> Iterator[None]:
        token = AUTHOR.set(self.author)
        try:
            yield
        finally:
            AUTHOR.reset(token)

    # -- what a backend supplies ----------------------------------------------------

    def _tx(self) -> AbstractContextManager[Conn]:
        """One committed transaction; returns only after COMMIT succeeded."""
        raise NotImplementedError

    def _query(self, sql: str, args: tuple[Any, ...] = ()) -> list[Any]:
        raise NotImplementedError

    def _references(self, db: Conn) -> list[tuple[str, str, str, str]]:
        """``(table, column, parent table, on delete)`` of every foreign key, read from the
        schema itself, so a new table that points at a ledger row is put back too."""
        raise NotImplementedError

    # for tables owned by other modules (the send log): a committed transaction, a locked read
    def transaction(self) -> AbstractContextManager[Conn]:
        return self._tx()

    def rows(self, sql: str, args: tuple[Any, ...] = ()) -> list[Any]:
        return self._query(sql, args)

    # -- meetings -----------------------------------------------------------------

    def create_meeting(self, m: Meeting) -> int:
        with self._tx() as db:
            return insert_meeting(db, m)

    def update_meeting(self, meeting_id: int, **fields: Any) -> None:
        unknown = set(fields) - MEETING_FIELDS
        if unknown:
            raise ValueError(f"unknown meeting fields: {sorted(unknown)}")
        values = {k: (iso_or_none(v) if isinstance(v, date) else v) for k, v in fields.items()}
        sets = ", ".join(f"{k} = ?" for k in values)
        with self._tx() as db:
            before = db.execute("SELECT status FROM meetings WHERE id = ?", (meeting_id,)).fetchone()
            cur = db.execute(
                f"UPDATE meetings SET {sets}, updated_at = ? WHERE id = ?",
                (*values.values(), now_stamp(), meeting_id),
            )
            if cur.rowcount == 0:
                raise UserError("no meeting with id {id}", id=meeting_id)
            status = values.get("status")
            if status is not None and before is not None and status != before["status"]:
                kind = "reopened" if status == "open" else status
                db.execute("INSERT INTO meeting_events(meeting_id, at, kind, author) VALUES (?,?,?,?)",
                           (meeting_id, now_stamp(), kind, AUTHOR.get()))

    def meeting_history(self, meeting_id: int) -> list[tuple[str, str]]:
        """``(at, kind)`` of each time the meeting was closed or reopened, oldest first."""
        rows = self._query("SELECT at, kind FROM meeting_events WHERE meeting_id = ? ORDER BY id", (meeting_id,))
        return [(r["at"], r["kind"]) for r in rows]

    def delete_meeting(self, meeting_id: int) -> None:
        with self._tx() as db:
            db.execute("DELETE FROM meetings WHERE id = ?", (meeting_id,))

    def list_meetings(self) -> list[Meeting]:
        rows = self._query(
            "SELECT * FROM meetings ORDER BY COALESCE(date, substr(created_at, 1, 10)) DESC, id DESC"
        )
        return [self._meeting_row(r) for r in rows]

    def _meeting_row(self, r: Any) -> Meeting:
        return Meeting(
            id=r["id"], title=r["title"], customer=r["customer"], order_ref=r["order_ref"],
            goal=r["goal"], deadline=date_or_none(r["deadline"]), date=date_or_none(r["date"]),
            language=r["language"], stage=r["stage"], status=r["status"],
            created_at=r["created_at"],
        )

    def meeting_facts(self, meeting_id: int) -> tuple[Meeting, list[Participant]]:
        """A meeting's own row and its people, without its notes and ledgers: what the
        extractor needs per line (date, language, who is there), read cheaply."""
        rows = self._query("SELECT * FROM meetings WHERE id = ?", (meeting_id,))
        if not rows:
            raise UserError("no meeting with id {id}", id=meeting_id)
        people = [
            Participant(name=r["name"], department=r["department"], role=r["role"], id=r["id"])
            for r in self._query("SELECT * FROM participants WHERE meeting_id = ? ORDER BY id", (meeting_id,))
        ]
        return self._meeting_row(rows[0]), people

    def lever_action(self, lever_id: int) -> int | None:
        rows = self._query("SELECT action_id FROM levers WHERE id = ?", (lever_id,))
        return int(rows[0][0]) if rows and rows[0][0] is not None else None

    def has_meeting(self, meeting_id: int) -> bool:
        return bool(self._query("SELECT 1 FROM meetings WHERE id = ?", (meeting_id,)))

    def get_meeting(self, meeting_id: int) -> Meeting:
        rows = self._query("SELECT * FROM meetings WHERE id = ?", (meeting_id,))
        if not rows:
            raise UserError("no meeting with id {id}", id=meeting_id)
        m = self._meeting_row(rows[0])
        q = self._query
        m.participants = [
            Participant(name=r["name"], department=r["department"], role=r["role"], id=r["id"])
            for r in q("SELECT * FROM participants WHERE meeting_id = ? ORDER BY id", (meeting_id,))
        ]
        m.notes = [
            Note(text=r["text"], stage=r["stage"], created_at=r["created_at"], id=r["id"])
            for r in q("SELECT * FROM notes WHERE meeting_id = ? ORDER BY id", (meeting_id,))
        ]
        m.responsibilities = [
            Responsibility(item=r["item"], owner=r["owner"], basis=r["basis"], status=r["status"], id=r["id"],
                           quote=r["quote"], source=r["source"])
            for r in q("SELECT * FROM responsibilities WHERE meeting_id = ? ORDER BY id", (meeting_id,))
        ]
        m.actions = [
            self._action_row(r)
            for r in q(f"{ACTION_SELECT} WHERE actions.meeting_id = ? ORDER BY actions.id", (meeting_id,))
        ]
        m.carried_actions = self.carried_actions(meeting_id)
        m.stage_seconds = {
            r["stage"]: float(r["seconds"])
            for r in q("SELECT stage, seconds FROM stage_times WHERE meeting_id = ?", (meeting_id,))
        }
        for r in q("SELECT * FROM items WHERE meeting_id = ? ORDER BY id", (meeting_id,)):
            if r["kind"] not in ITEM_KINDS:  # a kind this release does not know stays in the file
                continue
            kind = r["obstacle_kind"] if r["kind"] == "obstacle" else None
            getattr(m, ITEM_KINDS[r["kind"]]).append(Item(text=r["text"], id=r["id"], kind=kind))
        # a lever with an action has that action's owner and date (one commitment, one date),
        # also in a record written before its action was rescheduled
        m.levers = [
            Lever(resource=r["resource"], obstacle_id=r["obstacle_id"], holder=r["holder"],
                  presolves=r["presolves"], owner=r["a_owner"] if r["a_id"] is not None else r["owner"],
                  due=date_or_none(r["a_due"] if r["a_id"] is not None else r["due"]),
                  action_id=r["action_id"], id=r["id"], quote=r["quote"], source=r["source"])
            for r in q("SELECT levers.*, actions.id AS a_id, actions.owner AS a_owner, actions.due AS a_due"
                       " FROM levers LEFT JOIN actions ON actions.id = levers.action_id"
                       " WHERE levers.meeting_id = ? ORDER BY levers.id", (meeting_id,))
        ]
        m.suggestions = self.suggestions(meeting_id)
        m.cited_cases = [
            r["case_id"]
            for r in q("SELECT case_id FROM cited_cases WHERE meeting_id = ? ORDER BY rowid", (meeting_id,))
        ]
        m.drafts = [
            DraftRecord(mode=r["mode"], markdown=r["markdown"], raw=r["raw"], created_at=r["created_at"], id=r["id"])
            for r in q("SELECT * FROM drafts WHERE meeting_id = ? ORDER BY id", (meeting_id,))
        ]
        return m

    # -- record items -------------------------------------------------------------

    def add_participant(self, meeting_id: int, p: Participant) -> int:
        with self._tx() as db:
            cur = db.execute(
                "INSERT INTO participants(meeting_id, name, department, role, author) VALUES (?,?,?,?,?)",
                (meeting_id, p.name, p.department, p.role, AUTHOR.get()),
            )
            return int(cur.lastrowid or 0)

    def add_note(self, meeting_id: int, text: str, stage: str | None = None) -> int:
        with self._tx() as db:
            return insert_note(db, meeting_id, text, stage)

    def add_responsibility(self, meeting_id: int, r: Responsibility) -> int:
        with self._tx() as db:
            return insert_responsibility(db, meeting_id, r)

    def update_responsibility(self, r: Responsibility) -> None:
        with self._tx() as db:
            cur = db.execute(
                "UPDATE responsibilities SET item = ?, owner = ?, basis = ?, status = ? WHERE id = ?",
                (r.item, r.owner, r.basis, r.status, r.id),
            )
            if cur.rowcount == 0:
                raise UserError(f"no responsibility with id {r.id}")
            assert r.id is not None
            row = db.execute("SELECT meeting_id FROM responsibilities WHERE id = ?", (r.id,)).fetchone()
            responsibility_event(db, r.id, "edit", r, row["meeting_id"])

    def responsibility_history(self, row_id: int) -> list[Responsibility]:
        """Each state the responsibility has been in, oldest first (``basis`` as recorded)."""
        rows = self._query(
            "SELECT e.*, r.item FROM responsibility_events e JOIN responsibilities r"
            " ON r.id = e.responsibility_id WHERE e.responsibility_id = ? ORDER BY e.id",
            (row_id,),
        )
        return [Responsibility(item=r["item"], owner=r["owner"], basis=r["basis"], status=r["status"],
                               id=row_id) for r in rows]

    def add_action(self, meeting_id: int, a: Action) -> int:
        with self._tx() as db:
            return insert_action(db, meeting_id, a)

    def update_action(self, a: Action, in_meeting: int | None = None) -> None:
        """Save an action; a new status or due date is also written to its history.

        ``in_meeting`` is the meeting where the change was agreed (None: command line).
        """
        with self._tx() as db:
            write_action(db, a, in_meeting)

    def _action_row(self, r: Any) -> Action:
        """An ``ACTION_SELECT`` row as an ``Action``."""
        action, owner, due, *rest = r
        return Action(action, owner, date_or_none(due), *rest)

    def get_action(self, action_id: int) -> Action:
        rows = self._query(f"{ACTION_SELECT} WHERE actions.id = ?", (action_id,))
        if not rows:
            raise UserError("no action with id {id}", id=action_id)
        return self._action_row(rows[0])

    def list_actions(
        self,
        open_only: bool = False,
        owner: str | None = None,
        order: str | None = None,
        due_before: date | None = None,
        meeting_ids: list[int] | None = None,
        by: str | None = None,
    ) -> list[Action]:
        """Actions across meetings, earliest due first (undated last).

        ``open_only`` keeps what is still owed (open or blocked); ``due_before`` keeps
        those due strictly before that day, i.e. overdue on it.
        """
        sql = f"{ACTION_SELECT} WHERE 1 = 1"
        args: list[Any] = []
        if open_only or due_before:
            sql += f" AND actions.status IN {OUTSTANDING_SQL}"
        if owner:
            sql += " AND actions.owner = ?"
            args.append(owner)
        if order:
            sql += " AND meetings.order_ref = ?"
            args.append(order)
        if by:
            sql += " AND actions.author = ?"
            args.append(by)
        if due_before:
            sql += " AND actions.due IS NOT NULL AND actions.due < ?"
            args.append(due_before.isoformat())
        if meeting_ids is not None:
            sql += f" AND actions.meeting_id IN ({', '.join('?' for _ in meeting_ids) or 'NULL'})"
            args.extend(meeting_ids)
        sql += " ORDER BY actions.due IS NULL, actions.due, actions.id"
        return [self._action_row(r) for r in self._query(sql, tuple(args))]

    def action_history(self, action_id: int) -> list[ActionEvent]:
        rows = self._query("SELECT * FROM action_events WHERE action_id = ? ORDER BY id", (action_id,))
        return [
            ActionEvent(
                action_id=r["action_id"], at=r["at"], kind=r["kind"], status=r["status"],
                due=date_or_none(r["due"]), reason=r["reason"], meeting_id=r["meeting_id"], author=r["author"],
            )
            for r in rows
        ]

    # -- meetings on one order ------------------------------------------------------

    def linked_meetings(self, meeting_id: int) -> list[Meeting]:
        """Meetings about the same order (or, for a meeting without one, the same
        customer), this one included, oldest first."""
        m = self._query("SELECT order_ref, customer FROM meetings WHERE id = ?", (meeting_id,))
        if not m:
            raise UserError("no meeting with id {id}", id=meeting_id)
        order, customer = m[0]["order_ref"], m[0]["customer"]
        if order:
            rows = self._query("SELECT * FROM meetings WHERE order_ref = ?" + _OLDEST_FIRST, (order,))
        elif customer:
            rows = self._query(
                "SELECT * FROM meetings WHERE order_ref = '' AND customer = ?" + _OLDEST_FIRST, (customer,)
            )
        else:
            rows = self._query("SELECT * FROM meetings WHERE id = ?", (meeting_id,))
        return [self._meeting_row(r) for r in rows]

    def meetings_for_order(self, order: str) -> list[Meeting]:
        rows = self._query("SELECT * FROM meetings WHERE order_ref = ?" + _OLDEST_FIRST, (order,))
        return [self._meeting_row(r) for r in rows]

    def carried_actions(self, meeting_id: int) -> list[Action]:
        """What earlier meetings on the same order left outstanding (open or blocked),
        plus what was settled in this meeting."""
        linked = self.linked_meetings(meeting_id)
        earlier = []
        for m in linked:
            if m.id == meeting_id:
                break
            earlier.append(int(m.id or 0))
        if not earlier:
            return []
        # still owed, or settled in this meeting (so its summary shows what was closed)
        rows = self._query(
            f"{ACTION_SELECT} WHERE actions.meeting_id IN ({', '.join('?' for _ in earlier)})"
            f" AND (actions.status IN {OUTSTANDING_SQL} OR actions.id IN"
            " (SELECT action_id FROM action_events WHERE meeting_id = ?))"
            " ORDER BY actions.due IS NULL, actions.due, actions.id",
            (*earlier, meeting_id),
        )
        return [self._action_row(r) for r in rows]

    def save_stage_time(self, meeting_id: int, stage: str, seconds: float) -> None:
        with self._tx() as db:
            db.execute(
                "INSERT INTO stage_times(meeting_id, stage, seconds) VALUES (?,?,?)"
                " ON CONFLICT(meeting_id, stage) DO UPDATE SET seconds = excluded.seconds",
                (meeting_id, stage, seconds),
            )

    def add_item(self, meeting_id: int, kind: str, text: str) -> int:
        obstacle_kind = self.rules.obstacle_kind(text, None) if kind == "obstacle" else None
        with self._tx() as db:
            return insert_item(db, meeting_id, kind, text, obstacle_kind)

    def update_item(self, item_id: int, text: str) -> None:
        with self._tx() as db:
            cur = db.execute("UPDATE items SET text = ? WHERE id = ?", (text, item_id))
            if cur.rowcount == 0:
                raise UserError("no item with id {id}", id=item_id)

    def set_obstacle_kinds(self, kinds: dict[int, str]) -> None:
        """Store the kind of each obstacle ``{item id: kind}``, all in one transaction."""
        with self._tx() as db:
            for item_id, kind in kinds.items():
                cur = db.execute("UPDATE items SET obstacle_kind = ? WHERE id = ? AND kind = 'obstacle'",
                                 (kind, item_id))
                if cur.rowcount == 0:
                    raise UserError(f"no obstacle with id {item_id}")

    def obstacles_without_kind(self) -> list[tuple[int, str]]:
        """``(id, text)`` of obstacles stored without a kind (recorded before kinds were)."""
        rows = self._query("SELECT id, text FROM items WHERE kind = 'obstacle' AND obstacle_kind IS NULL"
                           " ORDER BY id")
        return [(int(r[0]), str(r[1])) for r in rows]

    def add_lever(self, meeting_id: int, lever: Lever) -> int:
        """Record a lever (and, when it has an owner, its tracked action) in one transaction."""
        with self._tx() as db:
            return insert_lever(db, meeting_id, lever)

    def update_lever(self, lever: Lever, in_meeting: int | None = None) -> None:
        """Save an edited lever; its action follows (created when an owner is first given)."""
        with self._tx() as db:
            row = db.execute("SELECT meeting_id FROM levers WHERE id = ?", (lever.id,)).fetchone()
            if row is None:
                raise UserError("no lever with id {id}", id=lever.id)
            if lever.action_id is not None:
                current = db.execute(f"{ACTION_SELECT} WHERE actions.id = ?", (lever.action_id,)).fetchone()
                if current is not None:
                    a = self._action_row(current)
                    a.action, a.owner, a.due = lever.resource, lever.owner, lever.due
                    write_action(db, a, in_meeting)
            elif lever.owner:
                lever.action_id = insert_action(
                    db, row["meeting_id"], Action(action=lever.resource, owner=lever.owner, due=lever.due)
                )
            db.execute(
                "UPDATE levers SET obstacle_id = ?, resource = ?, holder = ?, presolves = ?, owner = ?,"
                " due = ?, action_id = ? WHERE id = ?",
                (lever.obstacle_id, lever.resource, lever.holder, lever.presolves, lever.owner,
                 iso_or_none(lever.due), lever.action_id, lever.id),
            )

    def delete_row(self, table: str, row_id: int) -> Removed:
        """Delete one row; what is returned lets :meth:`restore_row` put it back as it was
        (same id, so the same place in its ledger, with its history and its links)."""
        if table not in {"participants", "notes", "responsibilities", "actions", "items", "drafts", "levers"}:
            raise ValueError(f"unknown table {table!r}")
        removed = Removed(table, row_id)
        with self._tx() as db:
            self._collect_removed(db, table, row_id, removed)
            db.execute(f"DELETE FROM {table} WHERE id = ?", (row_id,))
        return removed

    def _collect_removed(self, db: Conn, table: str, row_id: int, removed: Removed,
                         refs: list[tuple[str, str, str, str]] | None = None) -> None:
        refs = self._references(db) if refs is None else refs
        row = db.execute(f"SELECT * FROM {table} WHERE id = ?", (row_id,)).fetchone()
        if row is None:
            return
        removed.rows.append((table, dict(row)))
        for child, column, parent, on_delete in refs:
            if parent != table or on_delete not in ("CASCADE", "SET NULL"):
                continue
            for dependant in db.execute(f"SELECT * FROM {child} WHERE {column} = ?", (row_id,)).fetchall():
                values = dict(dependant)
                if "id" not in values:  # a link table: nothing points at its rows
                    if on_delete == "CASCADE":
                        removed.rows.append((child, values))
                elif on_delete == "CASCADE":
                    self._collect_removed(db, child, values["id"], removed, refs)
                else:
                    removed.unlinked.append((child, column, values["id"], row_id))

    def restore_row(self, removed: Removed) -> int:
        """Put a deleted row back with its id (its place in the ledger), the rows its delete
        took with it, and the links it cut. Should that id have been taken meanwhile (SQLite
        reuses the highest), the row comes back under a new one, at the end: never lost."""
        new_ids: dict[tuple[str, int], int] = {}
        with self._tx() as db:
            refs = self._references(db)
            for table, values in removed.rows:
                values = dict(values)
                for child, column, parent, _ in refs:
                    if child == table and values.get(column) is not None:
                        values[column] = new_ids.get((parent, values[column]), values[column])
                old = values.get("id")
                if old is not None and db.execute(f"SELECT 1 FROM {table} WHERE id = ?", (old,)).fetchone():
                    del values["id"]
                cols = ", ".join(values)
                cur = db.execute(f"INSERT INTO {table} ({cols}) VALUES ({', '.join('?' * len(values))})",
                                 tuple(values.values()))
                if old is not None:
                    new_ids[(table, old)] = int(cur.lastrowid or old)
            for table, column, row_id, value in removed.unlinked:
                parent = next(p for c, col, p, _ in refs if c == table and col == column)
                db.execute(f"UPDATE {table} SET {column} = ? WHERE id = ? AND {column} IS NULL",
                           (new_ids.get((parent, value), value), row_id))
        return new_ids[(removed.table, removed.row_id)]

    def add_cited_case(self, meeting_id: int, case_id: str) -> None:
        with self._tx() as db:
            db.execute(
                "INSERT OR IGNORE INTO cited_cases(meeting_id, case_id) VALUES (?, ?)",
                (meeting_id, case_id),
            )

    def add_draft(self, meeting_id: int, d: DraftRecord) -> int:
        with self._tx() as db:
            cur = db.execute(
                "INSERT INTO drafts(meeting_id, mode, markdown, raw, created_at, author) VALUES (?,?,?,?,?,?)",
                (meeting_id, d.mode, d.markdown, d.raw, now_stamp(), AUTHOR.get()),
            )
            return int(cur.lastrowid or 0)

    def record_captured(self, meeting_id: int, c: Captured, stage: str | None = None) -> Recorded:
        """Store one parsed quick-capture line as the structured item it names."""
        return self.record_lines(meeting_id, [c], stage)[0]

    def record_lines(self, meeting_id: int, captured: list[Captured], stage: str | None = None) -> list[Recorded]:
        """Several captured lines (a paste) in one transaction, in order: all land or none."""
        with self._tx() as db:
            return self._insert_lines(db, meeting_id, captured, stage)

    def _insert_lines(self, db: Conn, meeting_id: int, captured: list[Captured],
                      stage: str | None) -> list[Recorded]:
        """The captured lines written in order inside the caller's transaction."""
        if db.execute("SELECT 1 FROM meetings WHERE id = ?", (meeting_id,)).fetchone() is None:
            raise UserError("no meeting with id {id}", id=meeting_id)
        keys = ItemKeys(db, meeting_id)
        out = []
        for c in captured:
            recorded = insert_captured(db, meeting_id, c, stage, self.rules, keys)
            recorded.captured = c
            out.append(recorded)
        return out

    def record_batch(self, key: str, meeting_id: int, captured: list[Captured],
                     stage: str | None = None) -> list[Recorded] | None:
        """``record_lines`` that writes a batch at most once: ``key`` is recorded with its rows
        in one transaction, and a batch whose key is there already is skipped (None)."""
        with self._tx() as db:
            if db.execute("INSERT OR IGNORE INTO written_batches(key, at) VALUES (?, ?)", (key, now_stamp())).rowcount == 0:
                return None  # written before: its key is there
            return self._insert_lines(db, meeting_id, captured, stage)

    def import_stream(
        self,
        meeting: Meeting,
        captured: Iterable[Captured],
        people: list[Participant],
        source: ImportedFile,
        again: bool = False,
        suggestions: Iterable[Suggestion] = (),
    ) -> tuple[int, dict[str, int]]:
        """An imported file is one edit, written as it is read: a new ``meeting`` (no id) and
        all of the file land in one transaction, or nothing does (see ``write_import``).
        The extractor's ``suggestions`` are stored with it (``recorded["suggestion"]`` counts
        those new to the meeting)."""
        with self._tx() as db:
            mid, counts = write_import(db, meeting, captured, people, source, again, self.rules)
            stored = insert_suggestions(db, mid, suggestions)
            if stored:
                counts["suggestion"] = len(stored)
            return mid, counts

    # -- suggestions ------------------------------------------------------------------

    def add_suggestions(self, meeting_id: int, suggestions: Iterable[Suggestion], cue_offset: int = 0) -> list[Suggestion]:
        """Store the suggestions the meeting does not hold yet (see ``suggestion_rows``)."""
        with self._tx() as db:
            return insert_suggestions(db, meeting_id, suggestions, cue_offset)

    def suggestions(self, meeting_id: int, state: str | None = "pending") -> list[Suggestion]:
        """A meeting's suggestions in the order they were said (all states with None)."""
        sql = "SELECT * FROM suggestions WHERE meeting_id = ?"
        args: tuple[Any, ...] = (meeting_id,)
        if state is not None:
            sql += " AND state = ?"
            args += (state,)
        rows = self._query(sql + " ORDER BY cue_first IS NULL, cue_first, id", args)
        return [suggestion_from_row(r) for r in rows]

    def get_suggestion(self, suggestion_id: int) -> Suggestion:
        rows = self._query("SELECT * FROM suggestions WHERE id = ?", (suggestion_id,))
        if not rows:
            raise UserError("no suggestion with id {id}", id=suggestion_id)
        return suggestion_from_row(rows[0])

    def accept_suggestion(self, suggestion_id: int, c: Captured, stage: str | None = None) -> Recorded:
        """Record a pending suggestion as ``c`` (the item as shown, or as edited) the way a typed
        line is recorded, with its quote and source "extracted", and mark it accepted: one
        transaction."""
        with self._tx() as db:
            row = db.execute("SELECT * FROM suggestions WHERE id = ?", (suggestion_id,)).fetchone()
            if row is None:
                raise UserError("no suggestion with id {id}", id=suggestion_id)
            if row["state"] != "pending":
                raise UserError("suggestion {id} is already {state}", id=suggestion_id, state=row["state"])
            recorded = insert_captured(db, row["meeting_id"], c, stage, self.rules, quote=row["quote"] or None,
                                       source="extracted")
            recorded.captured = c
            db.execute("UPDATE suggestions SET state = 'accepted', row_id = ? WHERE id = ?",
                       (recorded.row_id, suggestion_id))
            return recorded

    def set_suggestion_state(self, suggestion_id: int, state: str, expect: str | None = None) -> None:
        """Dismiss a suggestion, or put one back to pending (an undo); ``expect`` is the state
        it must be in now, else nothing changes and ``UserError`` says why."""
        with self._tx() as db:
            row = db.execute("SELECT state FROM suggestions WHERE id = ?", (suggestion_id,)).fetchone()
            if row is None:
                raise UserError("no suggestion with id {id}", id=suggestion_id)
            if expect is not None and row["state"] != expect:
                raise UserError("suggestion {id} is already {state}", id=suggestion_id, state=row["state"])
            db.execute("UPDATE suggestions SET state = ?, row_id = CASE WHEN ? = 'accepted' THEN row_id END"
                       " WHERE id = ?", (state, state, suggestion_id))
