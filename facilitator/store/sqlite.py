"""The embedded backend: the record in one SQLite file in the home (the default).

WAL with ``synchronous=FULL``, so a write acknowledged is on disk: a kill -9 right after
cannot lose it. Opening a file that is not a healthy SQLite database stops with a
one-line error and never writes to it; on a disk that refuses writes the record opens
for reading (``read_only`` says why) and each write tries again.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from facilitator.dbfile import (
    StoreError,
    check_file,
    diagnose,
    os_error,
    read_only_connection,
    transaction,
)
from facilitator.store.base import SCHEMA, Changed, Conn, LedgerRules
from facilitator.store.records import SqlStore
from facilitator.store.rows import now_stamp


class SqliteStore(SqlStore):
    def __init__(self, path: Path, rules: LedgerRules, author: str | None = None) -> None:
        self.path = path
        self.rules = rules
        self.author = author
        self._lock = threading.RLock()
        self.read_only: StoreError | None = None
        """Why writes are refused, when the disk only let the record be opened for reading."""
        check_file(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise os_error(path.parent, exc) from None
        try:
            self._db = self._open_rw("write to the database")
        except StoreError as problem:
            if not problem.environment or not path.exists():
                raise
            self._db = self._open_ro(problem)
            self.read_only = problem

    def where(self) -> str:
        return str(self.path)

    def can_write(self) -> str | None:
        """Why writes are refused (the disk), None when they are not."""
        return str(self.read_only) if self.read_only is not None else None

    def _open_rw(self, doing: str = "open the database") -> sqlite3.Connection:
        db = None
        try:
            db = sqlite3.connect(str(self.path), isolation_level=None, check_same_thread=False, timeout=10)
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=FULL")
            db.execute("PRAGMA foreign_keys=ON")
            self._migrate(db)
            return db
        except BaseException as exc:
            if db is not None:
                with contextlib.suppress(sqlite3.Error):
                    db.close()
            if isinstance(exc, sqlite3.Error) and not isinstance(exc, sqlite3.IntegrityError):
                raise diagnose(self.path, exc, doing) from None
            raise

    def _open_ro(self, problem: StoreError) -> sqlite3.Connection:
        """Open for reading only (``export`` on a full disk); refuse if the schema is behind."""
        try:
            db = read_only_connection(self.path)
            db.row_factory = sqlite3.Row
            row = db.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
        except sqlite3.Error:
            raise problem from None
        if int(row[0] or 0) != SCHEMA:
            db.close()
            raise problem
        return db

    def close(self) -> None:
        """Closed under the lock: a screen's watching thread may be inside ``data_version``,
        and closing a connection while another thread steps a statement on it crashes the
        process (sqlite3 does not guard that); after this, a look raises ProgrammingError."""
        with self._lock, contextlib.suppress(sqlite3.Error):
            self._db.close()

    def __enter__(self) -> SqliteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _writable(self) -> None:
        """Opened read-only because the disk refused writes: try again, it may have room now."""
        if self.read_only is None:
            return
        with contextlib.suppress(sqlite3.Error):
            self._db.close()  # its exclusive lock would keep the writer out
        try:
            db = self._open_rw("save the change")
        except StoreError as problem:
            self._db = self._open_ro(problem)  # raises ``problem`` if even reading fails now
            self.read_only = problem
            raise
        self._db, self.read_only = db, None

    @contextmanager
    def _tx(self) -> Iterator[Conn]:
        """One committed transaction; returns only after COMMIT succeeded.

        A failed COMMIT (full disk) is rolled back so the connection stays usable, and
        any SQLite failure reaches the caller as a StoreError that says what to do.
        """
        with self._lock, self._as_author():
            self._writable()
            try:
                with transaction(self._db) as db:
                    yield db
            except sqlite3.Error as exc:
                if isinstance(exc, sqlite3.IntegrityError | sqlite3.ProgrammingError):
                    raise
                raise diagnose(self.path, exc, "save the change") from None

    def _migrate(self, db: sqlite3.Connection) -> None:
        db.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        done = {r[0] for r in db.execute("SELECT version FROM schema_migrations")}
        if done and max(done) > SCHEMA:
            raise StoreError(
                f"{self.path}: made by a newer facilitator (schema {max(done)} > {SCHEMA}); upgrade the app"
            )
        if done >= set(range(1, SCHEMA + 1)):
            return  # up to date: the migrations' SQL is not even loaded
        from facilitator.store.migrations import LEGACY_ALTER, MIGRATIONS, statements

        for version, name, sql in MIGRATIONS:
            if version in done:
                continue
            rebuild = version in LEGACY_ALTER  # a table others point at is rebuilt: see migrations
            if rebuild:
                db.execute("PRAGMA foreign_keys = OFF")
                db.execute("PRAGMA legacy_alter_table = ON")
            try:
                with transaction(db):
                    for statement in statements(sql):
                        db.execute(statement)
                    if rebuild and db.execute("PRAGMA foreign_key_check").fetchall():
                        raise StoreError(f"{self.path}: migration {version} would break links between rows")
                    db.execute(
                        "INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)",
                        (version, name, now_stamp()),
                    )
            finally:
                if rebuild:
                    db.execute("PRAGMA legacy_alter_table = OFF")
                    db.execute("PRAGMA foreign_keys = ON")

    def schema_version(self) -> int:
        row = self._db.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
        return int(row[0] or 0)

    def data_version(self) -> int:
        """SQLite's ``PRAGMA data_version``: it changes when *another* connection (another
        process, another screen) commits to the file, never for this connection's own
        writes, so polling it tells an open screen when to re-read the record."""
        with self._lock:
            return int(self._db.execute("PRAGMA data_version").fetchone()[0])

    def changes(self) -> LocalChanges:
        return LocalChanges(self.data_version)

    def integrity(self) -> str:
        return str(self._db.execute("PRAGMA integrity_check").fetchone()[0])

    def _query(self, sql: str, args: tuple[Any, ...] = ()) -> list[Any]:
        with self._lock:
            try:
                return list(self._db.execute(sql, args))
            except sqlite3.Error as exc:
                if isinstance(exc, sqlite3.IntegrityError | sqlite3.ProgrammingError):
                    raise
                raise diagnose(self.path, exc, "read the database") from None

    def foreign_keys(self) -> list[tuple[str, str, str, str]]:
        with self._lock:
            return self._references(self._db)

    def _references(self, db: Conn) -> list[tuple[str, str, str, str]]:
        refs = []
        for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
            for fk in db.execute(f"PRAGMA foreign_key_list({name})"):
                if fk["to"] in (None, "id"):
                    refs.append((name, fk["from"], fk["table"], fk["on_delete"].upper()))
        return refs


LOOK_EVERY = 0.05
"""Seconds between looks at ``PRAGMA data_version`` while a screen waits for changes."""


class LocalChanges:
    """Changes to a SQLite file, for a screen on the same laptop: a look at the store's
    ``data_version`` every ``LOOK_EVERY`` seconds (a counter in shared memory, no read of the
    record), which moves for other connections' commits and never for the store's own."""

    def __init__(self, version: Callable[[], int]) -> None:
        self._version = version
        self._last: int | None = None
        self._closed = threading.Event()

    def wait(self, timeout: float) -> Changed | None:
        deadline = time.monotonic() + timeout
        while not self._closed.is_set():
            now = self._version()
            if now != self._last:
                self._last = now
                return Changed(everything=True)
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            self._closed.wait(min(LOOK_EVERY, left))
        return None

    def close(self) -> None:
        self._closed.set()
