"""Checks on the database file itself, made before SQLite is allowed to write to it.

Opening a damaged or foreign file with sqlite3 in read-write mode can change it; the
user's meeting record must instead be refused with a line that names the file and
says what to do, and left exactly as it was.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from facilitator.model import UserError

SQLITE_MAGIC = b"SQLite format 3\x00"


class StoreError(UserError):
    """The database file cannot be used; the message names it and says what to do."""


def check_file(path: Path) -> None:
    """Refuse, without writing, a file that is not a healthy SQLite database."""
    if not path.exists():
        return
    if path.is_dir():
        raise StoreError(f"{path}: is a directory, not a database; move it aside")
    size = path.stat().st_size
    if size == 0:
        raise StoreError(
            f"{path}: database file is empty (0 bytes); move it aside or delete it to start afresh"
        )
    with path.open("rb") as fh:
        head = fh.read(len(SQLITE_MAGIC))
    if head != SQLITE_MAGIC:
        raise StoreError(
            f"{path}: not a SQLite database; move it aside or choose another home with --home"
        )
    try:
        ro = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = ro.execute("PRAGMA quick_check").fetchone()
        finally:
            ro.close()
    except sqlite3.DatabaseError as exc:
        raise StoreError(
            f"{path}: database is corrupt ({exc}); restore a backup or move it aside"
        ) from None
    if not row or row[0] != "ok":
        detail = row[0] if row else "no answer"
        raise StoreError(
            f"{path}: database failed its integrity check ({detail}); restore a backup or move it aside"
        )
