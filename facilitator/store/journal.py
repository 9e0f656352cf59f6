"""Typed lines that wait on the laptop while a team's server cannot be reached.

A meeting does not stop because the Wi-Fi did. When the PostgreSQL store is unreachable
(or the connection drops mid-write), the lines go into ``journal.db``, an SQLite file in
the home written with ``synchronous=FULL``: once ``add`` returns they survive a kill -9 or
a power cut. ``replay`` writes them to the server in the order they were typed, each batch
under the key it was given before its first attempt (``Store.record_batch``), so a batch
whose first attempt did reach the server is not written twice, and a batch is removed
from the journal only after the server committed it.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from facilitator.store.rows import now_stamp


@dataclass(frozen=True)
class Waiting:
    id: int
    key: str
    meeting_id: int
    lines: list[str]
    stage: str | None


class Journal:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None

    def _open(self) -> sqlite3.Connection:
        if self._db is None:
            db = sqlite3.connect(str(self.path), isolation_level=None, check_same_thread=False, timeout=10)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=FULL")
            db.execute("CREATE TABLE IF NOT EXISTS waiting (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE,"
                       " meeting_id INTEGER NOT NULL, lines TEXT NOT NULL, stage TEXT, at TEXT NOT NULL)")
            self._db = db
        return self._db

    def add(self, key: str, meeting_id: int, lines: list[str], stage: str | None) -> None:
        """Keep a batch of typed lines until the server takes it; durable on return."""
        with self._lock:
            self._open().execute("INSERT OR IGNORE INTO waiting(key, meeting_id, lines, stage, at) VALUES (?,?,?,?,?)",
                                 (key, meeting_id, json.dumps(lines, ensure_ascii=False), stage, now_stamp()))

    def waiting(self) -> list[Waiting]:
        """The batches not yet on the server, oldest first."""
        if self._db is None and not self.path.exists():
            return []
        with self._lock:
            rows = self._open().execute("SELECT id, key, meeting_id, lines, stage FROM waiting ORDER BY id").fetchall()
        return [Waiting(int(r[0]), str(r[1]), int(r[2]), list(json.loads(r[3])), r[4]) for r in rows]

    def lines_waiting(self) -> int:
        return sum(len(w.lines) for w in self.waiting())

    def done(self, batch: Waiting) -> None:
        with self._lock:
            self._open().execute("DELETE FROM waiting WHERE id = ?", (batch.id,))

    def replay(self, write: Callable[[Waiting], None]) -> int:
        """Hand each waiting batch, oldest first, to ``write`` (which commits it to the
        server); a batch leaves the journal only after ``write`` returned. Stops at the first
        failure, which reaches the caller. Returns how many lines were written."""
        written = 0
        for batch in self.waiting():
            write(batch)
            self.done(batch)
            written += len(batch.lines)
        return written

    def close(self) -> None:
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None
