"""The meeting store: persistence behind one interface, SQL only (design.md section 2).

``open_store`` picks the backend: the home's SQLite file by default, or a team's
PostgreSQL server when ``database`` (``FACILITATOR_DATABASE_URL``) names one. Callers
program against ``Store`` (``base.py``) and never see which one they got.
"""

from __future__ import annotations

from pathlib import Path

from facilitator.dbfile import StoreError, check_file
from facilitator.store.base import (
    AlreadyImported,
    Changed,
    Changes,
    ImportedFile,
    LedgerRules,
    Store,
)

__all__ = ["AlreadyImported", "Changed", "Changes", "ImportedFile", "LedgerRules", "Store", "StoreError", "check_file",
           "open_store"]


def open_store(path: Path, rules: LedgerRules, url: str | None = None, author: str | None = None) -> Store:
    """The record at ``url`` (a ``postgresql://`` URL) when given, else in the SQLite file
    ``path``; what is written through it is recorded as written by ``author``."""
    if url:
        from facilitator.store.postgres import PostgresStore

        return PostgresStore(url, rules, author)
    from facilitator.store.sqlite import SqliteStore

    return SqliteStore(path, rules, author)
