"""The team backend: the record on a PostgreSQL server several laptops share (issue 28).

It runs the very statements ``SqlStore`` writes for SQLite, through a thin adapter
(``dialect.py``) that spells them for PostgreSQL. What SQLite gives by construction is
made explicit here:

- writers take turns, as ``BEGIN IMMEDIATE`` makes them on SQLite, through one
  transaction-scoped advisory lock, so the read-then-write of a captured line (which
  responsibility it settles, which obstacle a lever removes) sees every earlier commit;
- every row a meeting screen shows sends a ``NOTIFY`` naming its meeting and its writer
  (migration 13's trigger, ``dialect.py``), delivered when the transaction commits: an open
  screen listens on a connection of its own (``changes``) and skips its own store's notices,
  as SQLite's ``data_version`` skips a connection's own writes;
- the connection is re-opened after the server restarted or the network blinked, and a
  failure that is the server's absence is a ``StoreError`` of kind ``offline``.

The password never comes from ``config.toml``: libpq reads ``PGPASSWORD`` or ``~/.pgpass``;
``sslmode`` and the other URL parameters pass through to it.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg import sql

from facilitator.dbfile import StoreError
from facilitator.store.base import Changed, Conn, LedgerRules
from facilitator.store.dialect import (
    CHANNEL,
    WRITER_LOCK,
    WRITER_SETTING,
    PgConn,
    pg_row,
    pg_statements,
    redacted,
)
from facilitator.store.migrations import LATEST, MIGRATIONS
from facilitator.store.records import SqlStore
from facilitator.store.rows import now_stamp

CONNECT_TIMEOUT = 5
"""Seconds to wait for the server before saying it cannot be reached."""
LIVENESS = {"keepalives": 1, "keepalives_idle": 10, "keepalives_interval": 3, "keepalives_count": 3,
            "tcp_user_timeout": 10_000}
"""How a connection notices a network that went silent (a cable out, Wi-Fi gone: packets
dropped, nothing refused): keepalive probes after 10 s idle, and at most 10 s for sent data to
go unacknowledged, so a write or a read waiting on a dead link fails in seconds and the typed
lines wait in the journal, instead of hanging until the system's own timeouts (minutes)."""


def live(url: str) -> str:
    """``url`` with ``LIVENESS`` (a value the URL sets itself is kept)."""
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    given = conninfo_to_dict(url)
    return make_conninfo(url, **{k: v for k, v in LIVENESS.items() if k not in given})

_REFERENCES = (
    "SELECT c.conrelid::regclass::text, a.attname, c.confrelid::regclass::text,"
    " CASE c.confdeltype WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' ELSE 'NO ACTION' END"
    " FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]"
    " WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace ORDER BY c.oid"
)


class PostgresStore(SqlStore):
    read_only: StoreError | None = None

    def __init__(self, url: str, rules: LedgerRules, author: str | None = None) -> None:
        self.url = url
        self.rules = rules
        self.author = author
        self._lock = threading.RLock()
        self._token = f"{os.getpid()}-{uuid.uuid4().hex[:12]}"
        """Sent with this store's notices, so it does not count its own writes as news."""
        self._version = 0
        self._conn = self._connect("open the team database")
        self._ear: ServerChanges | None = None
        """What ``data_version`` counts with (opened when first asked)."""
        with self._failures("open the team database"):
            schema = self._conn.execute("SELECT current_schema()").fetchone()
        self._channel = f"{CHANNEL}_{schema[0] if schema else 'public'}"[:63]
        """One channel per schema: two records in one database do not wake each other's screens."""
        with self._lock, self._failures("open the team database"):
            self._migrate()

    # -- connections ----------------------------------------------------------------

    def where(self) -> str:
        return redacted(self.url)

    def _connect(self, doing: str) -> psycopg.Connection[Any]:
        try:
            return psycopg.connect(live(self.url), autocommit=True, row_factory=pg_row,
                                   connect_timeout=CONNECT_TIMEOUT)
        except psycopg.Error as exc:
            raise self._problem(exc, doing) from None

    def _problem(self, exc: psycopg.Error, doing: str) -> StoreError:
        detail = " ".join(str(exc).split()) or type(exc).__name__
        if isinstance(exc, psycopg.OperationalError):
            return StoreError(f"{self.where()}: cannot reach the team database to {doing.removesuffix(' the team database')}"
                              f" ({detail}); check the network and FACILITATOR_DATABASE_URL", "offline")
        return StoreError(f"{self.where()}: cannot {doing} ({detail})", "io")

    def _alive(self) -> psycopg.Connection[Any]:
        """The connection, opened again if the server restarted or the network dropped it."""
        if self._conn.closed or self._conn.broken:
            with contextlib.suppress(psycopg.Error):
                self._conn.close()
            self._conn = self._connect("reach the team database")
        return self._conn

    @contextmanager
    def _failures(self, doing: str) -> Iterator[None]:
        try:
            yield
        except (psycopg.IntegrityError, psycopg.ProgrammingError):
            raise
        except psycopg.Error as exc:
            raise self._problem(exc, doing) from None

    def close(self) -> None:
        with contextlib.suppress(psycopg.Error):
            self._conn.close()
        if self._ear is not None:
            self._ear.close()

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions ---------------------------------------------------------------

    @contextmanager
    def _tx(self) -> Iterator[Conn]:
        """One committed transaction, writers one at a time; notifies the other screens."""
        with self._lock, self._as_author(), self._failures("save the change"):
            conn = self._alive()
            with conn.transaction():
                db = PgConn(conn)
                # one round trip: the writers' turn, and the token the notices of this
                # transaction carry (``set_config(..., true)`` lasts until it ends)
                conn.execute("SELECT pg_advisory_xact_lock(%s), set_config(%s, %s, true)",
                             (WRITER_LOCK, WRITER_SETTING, self._token))
                yield db

    def _query(self, sql: str, args: tuple[Any, ...] = ()) -> list[Any]:
        """A read; once more on a new connection when the old one was cut (a server restart,
        a blink of the network): reading twice is harmless, unlike writing twice."""
        with self._lock, self._failures("read the team database"):
            try:
                return PgConn(self._alive()).execute(sql, args).fetchall()
            except psycopg.OperationalError:
                if not self._conn.broken:
                    raise
                return PgConn(self._alive()).execute(sql, args).fetchall()

    def foreign_keys(self) -> list[tuple[str, str, str, str]]:
        with self._lock, self._failures("read the team database"):
            return self._references(PgConn(self._alive()))

    def _references(self, db: Conn) -> list[tuple[str, str, str, str]]:
        return [(str(r[0]), str(r[1]), str(r[2]), str(r[3])) for r in db.execute(_REFERENCES)]

    def _migrate(self) -> None:
        conn = self._conn
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITER_LOCK,))  # two laptops opening at once
            conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations ("
                         "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
            done = {int(r[0]) for r in conn.execute("SELECT version FROM schema_migrations")}
            if done and max(done) > LATEST:
                raise StoreError(f"{self.where()}: made by a newer facilitator (schema {max(done)} > {LATEST});"
                                 " upgrade the app")
            for version, name, sql in MIGRATIONS:
                if version in done:
                    continue
                for statement in pg_statements(version, sql):
                    conn.execute(statement)
                conn.execute("INSERT INTO schema_migrations(version, name, applied_at) VALUES (%s, %s, %s)",
                             (version, name, now_stamp()))

    # -- what the app asks of any store -----------------------------------------------

    def schema_version(self) -> int:
        rows = self._query("SELECT MAX(version) FROM schema_migrations")
        return int(rows[0][0] or 0)

    def data_version(self) -> int:
        """Grows each time *another* connection commits a change to a meeting (its notices);
        this store's own writes do not count, as with SQLite's ``PRAGMA data_version``."""
        with self._lock:
            if self._ear is None:
                self._ear = self.changes()
            if self._ear.wait(0) is not None:
                self._version += 1
            return self._version

    def changes(self) -> ServerChanges:
        """Notices of other writers' commits, on a connection of their own (see ``Changes``)."""
        return ServerChanges(self.url, self._channel, self._token, self.where())

    def integrity(self) -> str:
        """PostgreSQL keeps its own pages consistent; what is checked is that the schema is
        the app's (the check doctor runs on SQLite is ``PRAGMA integrity_check``)."""
        return "ok" if self.schema_version() == LATEST else f"schema {self.schema_version()}, expected {LATEST}"

    def can_write(self) -> str | None:
        """Why this login cannot write the record (None: it can), tried in a transaction
        that is rolled back, so doctor leaves no trace."""
        with self._lock:
            conn = self._alive()
            try:
                with conn.transaction(force_rollback=True):
                    conn.execute("INSERT INTO meetings(title, created_at, updated_at) VALUES ('doctor', '', '')")
            except psycopg.Error as exc:
                return " ".join(str(exc).split())
        return None


RETRY_EVERY = 0.5
"""Seconds between attempts to listen again while the server cannot be reached."""


class ServerChanges:
    """A screen's ear on a team's record: ``LISTEN`` on a connection of its own, so waiting
    for a colleague's line costs the server nothing (no query is sent while waiting).

    Each notice names a writer and a meeting (``dialect.NOTICE_TABLES``); those of the store
    that made this ear are its own writes and are skipped. A connection the server dropped
    (a restart, a blink of the network) is opened again at the next ``wait``, which then
    answers ``everything``: notices sent while it was away are lost, so the screen reads the
    record again. TCP keepalives notice a network that went silent.
    """

    def __init__(self, url: str, channel: str, token: str, where: str) -> None:
        self._url, self._channel, self._token, self._where = url, channel, token, where
        self._conn: psycopg.Connection[Any] | None = None
        self._retry_at = 0.0

    def _offline(self, exc: psycopg.Error) -> StoreError:
        detail = " ".join(str(exc).split()) or type(exc).__name__
        return StoreError(f"{self._where}: not listening to the team database ({detail})", "offline")

    def _listen(self, deadline: float) -> None:
        now = time.monotonic()
        if now < self._retry_at:  # tried a moment ago: not a connection attempt per call
            time.sleep(max(0.0, min(deadline, self._retry_at) - now))
            raise StoreError(f"{self._where}: not listening to the team database (unreachable)", "offline")
        self._retry_at = now + RETRY_EVERY
        try:
            conn = psycopg.connect(live(self._url), autocommit=True, connect_timeout=CONNECT_TIMEOUT)
            conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(self._channel)))
        except psycopg.Error as exc:
            time.sleep(max(0.0, min(deadline, self._retry_at) - time.monotonic()))
            raise self._offline(exc) from None
        self._conn = conn

    def wait(self, timeout: float) -> Changed | None:
        deadline = time.monotonic() + timeout
        conn = self._conn
        if conn is None or conn.closed or conn.broken:
            self.close()
            self._listen(deadline)
            return Changed(everything=True)  # what was committed while not listening is unknown
        try:
            notices = list(conn.notifies(timeout=max(0.0, timeout), stop_after=1))
            if notices:  # a burst of lines: one answer for all that has arrived
                notices += conn.notifies(timeout=0)
        except psycopg.Error as exc:
            self.close()
            raise self._offline(exc) from None
        meetings: set[int] = set()
        everything = False
        for notice in notices:
            writer, _, meeting = notice.payload.partition(" ")
            if writer == self._token:
                continue
            if meeting.isdigit():
                meetings.add(int(meeting))
            else:
                everything = True
        return Changed(frozenset(meetings), everything) if meetings or everything else None

    def close(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(psycopg.Error):
                self._conn.close()
            self._conn = None
