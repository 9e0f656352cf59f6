"""Checks on the database file itself, and what an SQLite failure really means for the user.

Opening a damaged or foreign file with sqlite3 in read-write mode can change it; the
user's meeting record must instead be refused with a line that names the file and
says what to do, and left exactly as it was.

SQLite reports a full disk, a read-only mount, a missing permission and a damaged
file in overlapping ways (a full disk often shows as "disk I/O error" when the shared
memory file cannot grow). Advice to move the database aside on a full disk would make
a user throw away a healthy record, so every failure is looked at again here: the
error code first, then a real write next to the file, and the word "corrupt" (with the
advice to restore or move the file) only once ``PRAGMA integrity_check`` has failed.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from facilitator.files import os_problem
from facilitator.model import UserError

SQLITE_MAGIC = b"SQLite format 3\x00"

# primary result codes (the low byte of sqlite_errorcode)
_PERM, _BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 3, 5, 6, 8, 10, 11, 13, 14, 26
_PROBE_BYTES = 8192
"""Written (and removed) next to the database to see whether the disk takes a write."""


class StoreError(UserError):
    """The database file cannot be used; the message names it and says what to do.

    ``kind`` is what went wrong: ``full``, ``denied``, ``readonly``, ``locked``,
    ``corrupt``, ``io`` or ``file`` (not a database at all, empty, a directory, newer).
    """

    def __init__(self, message: str, kind: str = "file") -> None:
        super().__init__(message)
        self.kind = kind

    @property
    def environment(self) -> bool:
        """The disk or the permissions are at fault, not the file: reading may still work."""
        return self.kind in ("full", "denied", "readonly")


def _code(exc: sqlite3.Error) -> int:
    return int(getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF


def probe_write(directory: Path, target: Path | None = None) -> OSError | None:
    """Try a real write in ``directory`` (and opening ``target`` for writing); the error, if any.

    A check of mode bits is not enough: root ignores them, while a full disk, a
    read-only mount or an immutable file stop root too.
    """
    probe = directory / f".facilitator-probe-{os.getpid()}"
    try:
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(fd, b"\0" * _PROBE_BYTES)
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        return exc
    finally:
        with contextlib.suppress(OSError):
            probe.unlink()
    if target is not None and target.exists():
        try:
            os.close(os.open(target, os.O_WRONLY))
        except OSError as exc:
            return exc
    return None


def _environment(path: Path, what: str) -> StoreError | None:
    """The disk, mount or permissions that stop ``what`` on ``path``, if any."""
    directory = path.parent
    while not directory.exists() and directory != directory.parent:
        directory = directory.parent
    exc = probe_write(directory, path)
    if exc is None:
        return None
    problem = os_problem(exc, path if exc.filename == str(path) else directory, what)
    if problem is None:
        return None
    kind, message = problem
    return StoreError(message + (" (the meeting record is unharmed)" if kind == "full" else ""), kind)


def integrity_problem(path: Path) -> str | None:
    """What ``PRAGMA integrity_check`` says is wrong with ``path`` (None: nothing)."""
    try:
        db = read_only_connection(path)
        try:
            rows = [r[0] for r in db.execute("PRAGMA integrity_check(5)")]
        finally:
            db.close()
    except sqlite3.DatabaseError as exc:
        if _code(exc) in (_CORRUPT, _NOTADB):
            return str(exc)
        raise
    return None if rows == ["ok"] else "; ".join(str(r) for r in rows) or "no answer"


def diagnose(path: Path, exc: sqlite3.Error, doing: str = "open the database") -> StoreError:
    """The one-line error (with advice) for ``exc`` raised while trying to ``doing``."""
    code = _code(exc)
    if code in (_BUSY, _LOCKED):
        return StoreError(
            f"{path}: locked by another program (another facilitator, a backup or sync tool);"
            " close it and try again", "locked")
    if code == _FULL:
        return StoreError(
            f"{path.parent}: the disk is full, so facilitator cannot {doing};"
            " free some space and try again (the meeting record is unharmed)", "full")
    if code in (_CORRUPT, _NOTADB):
        try:
            detail = integrity_problem(path)
        except sqlite3.Error as again:
            found = _environment(path, doing)
            return found or StoreError(f"{path}: cannot read the database ({again}); check the disk and try again", "io")
        if detail is not None:
            return corrupt(path, detail)
    found = _environment(path, doing) if code in (_PERM, _READONLY, _IOERR, _CANTOPEN, _CORRUPT, _NOTADB, 0) else None
    if found is not None:
        return found
    if code in (_PERM, _READONLY):
        return StoreError(f"{path}: cannot {doing}: the database is read-only ({exc});"
                          " check its permissions or choose another home with --home", "denied")
    return StoreError(f"{path}: cannot {doing} ({exc}); check the disk and try again", "io")


def corrupt(path: Path, detail: str) -> StoreError:
    return StoreError(
        f"{path}: database failed its integrity check ({detail}); restore a backup or move it aside",
        "corrupt")


def read_only_connection(path: Path) -> sqlite3.Connection:
    """A connection that reads ``path`` when the disk refuses to take any write next to it.

    In WAL mode a reader normally needs the ``-shm`` file, which cannot be created or
    grown on a full or read-only disk. With exclusive locking SQLite keeps that index in
    memory instead; ``query_only`` makes sure this connection never writes. A file whose
    WAL is empty can, last, be read as immutable: then nothing beside it matters.
    """
    wal = Path(f"{path}-wal")
    attempts = [(f"file:{path}?mode=ro", True), (f"file:{path}", True)]
    if not wal.exists() or wal.stat().st_size == 0:
        attempts.append((f"file:{path}?mode=ro&immutable=1", False))
    error: sqlite3.Error | None = None
    for uri, exclusive in attempts:
        db = sqlite3.connect(uri, uri=True, check_same_thread=False, timeout=10)
        try:
            if exclusive:
                db.execute("PRAGMA locking_mode=EXCLUSIVE")
            db.execute("PRAGMA query_only=ON")
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return db
        except sqlite3.Error as exc:
            db.close()
            if _code(exc) in (_CORRUPT, _NOTADB, _BUSY, _LOCKED):
                raise
            error = exc
    assert error is not None
    raise error


def check_file(path: Path) -> None:
    """Refuse, without writing, a file that is not a healthy SQLite database."""
    if not path.exists():
        return
    if path.is_dir():
        raise StoreError(f"{path}: is a directory, not a database; move it aside")
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        problem = os_problem(exc, path)
        raise StoreError(problem[1] if problem else f"{path}: cannot read ({exc.strerror})",
                         problem[0] if problem else "io") from None
    if size == 0:
        raise StoreError(
            f"{path}: database file is empty (0 bytes); move it aside or delete it to start afresh"
        )
    if head != SQLITE_MAGIC:
        raise StoreError(
            f"{path}: not a SQLite database; move it aside or choose another home with --home"
        )
    try:
        ro = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
        try:
            row = ro.execute("PRAGMA quick_check").fetchone()
        finally:
            ro.close()
    except sqlite3.DatabaseError as exc:
        if _code(exc) not in (_IOERR, _CANTOPEN, _READONLY):
            raise diagnose(path, exc, "read the database") from None
        try:  # the disk refused the shared-memory file: look again without one
            ro = read_only_connection(path)
            try:
                row = ro.execute("PRAGMA quick_check").fetchone()
            finally:
                ro.close()
        except sqlite3.DatabaseError as again:
            raise diagnose(path, again, "read the database") from None
    if not row or row[0] != "ok":
        try:
            detail = integrity_problem(path)  # the full check decides, not the quick one
        except sqlite3.DatabaseError as exc:
            raise diagnose(path, exc, "read the database") from None
        if detail is not None:
            raise corrupt(path, detail)


def os_error(path: Path, exc: OSError) -> Exception:
    problem = os_problem(exc, path)
    return StoreError(problem[1], problem[0]) if problem else exc


@contextlib.contextmanager
def transaction(db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT; on any failure, COMMIT included, roll back."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                db.execute("ROLLBACK")
        raise


__all__ = ["StoreError", "os_error", "transaction", "check_file", "corrupt", "diagnose", "probe_write", "read_only_connection"]
