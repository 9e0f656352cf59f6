"""Moving a record from one store into another (``facilitator db copy --to``).

A salesperson's home joins the team's PostgreSQL store, or a team's record is taken home
to SQLite. The copy is one transaction on the target: every row lands, or none does.
Rows get the target's own ids (two people's homes merged into one store never collide)
and every link between rows follows them (a lever's obstacle and action, an event's
action, a send's claims); which row became which is kept in the target's ``copied_rows``
under the source's ``store_id``, so copying the same home again adds nothing twice.
"""

from __future__ import annotations

from typing import Any

from facilitator.store.base import Conn, LedgerRules, Store

TABLES: tuple[str, ...] = (
    "meetings", "participants", "notes", "responsibilities", "actions", "items", "cited_cases", "drafts",
    "action_events", "stage_times", "meeting_events", "responsibility_events", "levers", "imported_files",
    "suggestions", "sends", "send_actions", "send_claims",
)
"""Every table of the record, each after the tables its rows point at."""

LINK_TABLES = frozenset({"cited_cases", "stage_times", "send_actions", "send_claims"})
"""Tables without an ``id``: a row is there already when its key is (``INSERT OR IGNORE``)."""

LEDGER_OF_KIND = {"action": "actions", "responsibility": "responsibilities", "lever": "levers", "note": "notes"}
"""Which table an accepted suggestion's ``row_id`` is in (other kinds: ``items``)."""


def store_id(store: Store) -> str:
    rows = store.rows("SELECT value FROM store_meta WHERE key = 'store_id'")
    return str(rows[0][0])


def copy_store(source: Store, target: Store) -> dict[str, tuple[int, int]]:
    """Copy every row of ``source`` not yet in ``target``; ``{table: (copied, already there)}``."""
    origin = store_id(source)
    if origin == store_id(target):
        from facilitator.model import UserError

        raise UserError("the source and the target are the same store; nothing to copy")
    refs = [(t, c, p) for t, c, p, _ in source.foreign_keys()]
    data = {table: source.rows(f"SELECT * FROM {table}" + ("" if table in LINK_TABLES else " ORDER BY id"))
            for table in TABLES}
    counts: dict[str, tuple[int, int]] = {}
    table = TABLES[0]
    try:
        with target.transaction() as db:
            ids: dict[tuple[str, int], int] = {
                (str(r[0]), int(r[1])): int(r[2])
                for r in db.execute("SELECT tbl, old_id, new_id FROM copied_rows WHERE source = ?", (origin,))
            }
            for table in TABLES:
                links = [(c, p) for t, c, p in refs if t == table]
                counts[table] = _copy_table(db, origin, table, data[table], links, ids)
    except Exception as exc:  # noqa: BLE001 - a row the target refuses (sqlite3 or psycopg): nothing landed
        if type(exc).__name__ not in _REFUSALS:
            raise
        from facilitator.model import UserError

        detail = " ".join(str(exc).split())[:200]
        raise UserError(f"{target.where()}: refused a row of {table} ({detail}); nothing was copied") from None
    return counts


_REFUSALS = frozenset({"IntegrityError", "NotNullViolation", "ForeignKeyViolation", "CheckViolation",
                       "UniqueViolation", "DataError", "InvalidTextRepresentation", "NumericValueOutOfRange"})


def _copy_table(db: Conn, origin: str, table: str, rows: list[Any], links: list[tuple[str, str]],
                ids: dict[tuple[str, int], int]) -> tuple[int, int]:
    skipped = 0
    olds: list[int | None] = []
    batch: list[dict[str, Any]] = []
    for row in rows:
        names = list(row.keys())  # a row (sqlite3.Row, PgRow) iterates over its values, not its names
        values = {k: row[k] for k in names if k not in ("id", "seq")}
        old = row["id"] if "id" in names else None
        if old is not None and (table, int(old)) in ids:
            skipped += 1
            continue
        for column, parent in links:
            if values.get(column) is not None:
                values[column] = ids.get((parent, int(values[column])))
        if table == "suggestions" and values.get("row_id") is not None:
            ledger = LEDGER_OF_KIND.get(str(values["kind"]), "items")
            values["row_id"] = ids.get((ledger, int(values["row_id"])))
        olds.append(None if old is None else int(old))
        batch.append(values)
    if not batch:
        return 0, skipped
    cols = list(batch[0])
    params = [tuple(v[c] for c in cols) for v in batch]
    marks = ", ".join("?" for _ in cols)
    if table in LINK_TABLES:
        copied = 0
        for p in params:
            copied += db.execute(f"INSERT OR IGNORE INTO {table} ({', '.join(cols)}) VALUES ({marks})", p).rowcount != 0
        return copied, skipped + len(params) - copied
    insert = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({marks})"
    many = getattr(db, "insert_returning_ids", None)  # PostgreSQL: one pipelined round of inserts
    new_ids = many(insert, params) if many is not None else [int(db.execute(insert, p).lastrowid or 0) for p in params]
    done = []
    for old_id, new in zip(olds, new_ids, strict=True):
        assert old_id is not None
        ids[(table, old_id)] = new
        done.append((origin, table, old_id, new))
    db.executemany("INSERT INTO copied_rows(source, tbl, old_id, new_id) VALUES (?, ?, ?, ?)", done)
    return len(done), skipped


def copy_to(source: Store, target: str, rules: LedgerRules, author: str | None = None) -> dict[str, tuple[int, int]]:
    """Copy ``source`` into the store at ``target``: a ``postgresql://`` URL (its password from
    the environment or ``~/.pgpass``), a home folder, or an SQLite file."""
    from pathlib import Path

    from facilitator.config import url_has_password
    from facilitator.model import UserError
    from facilitator.store import open_store

    url = target if target.startswith(("postgresql://", "postgres://")) else None
    if url is not None and url_has_password(url):
        raise UserError("--to: leave the password out of the URL; set PGPASSWORD or use ~/.pgpass")
    path = Path(target).expanduser()
    if url is None and (path.is_dir() or path.suffix != ".db"):
        path = path / "meetings.db"
    with open_store(path, rules, url=url, author=author) as into:
        return copy_store(source, into)
