"""What a chroma store holds, read without the index writer: counts, hashes, sources.

Kept apart from ``index.py`` (the writer) because the searcher and ``doctor`` read these
too: the searcher checks the embedded sqlite file's vector count with the stdlib alone
(no chromadb import before a search), ``doctor`` lists a shared server's sources.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from chromadb.api.models.Collection import Collection
    from chromadb.api.types import Where


def home_source(home: Path) -> tuple[str, str]:
    """This home's namespace on a shared server: a stable id and a label people can read.

    Derived from host name and home path, so the same home always finds (and cleans up)
    its own chunks, even after its local index folder was deleted.
    """
    import getpass
    import socket

    try:
        user = getpass.getuser()
    except Exception:
        user = "user"
    label = f"{user}@{socket.gethostname()}:{Path(home).resolve()}"
    return "home-" + hashlib.sha1(label.encode()).hexdigest()[:12], label


def sqlite_count(folder: Path, collection: str, quick_check: bool = False) -> int | None:
    """Vectors the embedded index's sqlite file holds for ``collection``; None if unreadable.

    Read with the stdlib ``sqlite3`` (no chromadb import); ``quick_check`` also runs
    sqlite's own consistency check, which reads the whole file (fine for an update, too
    slow for every search of a large library).
    """
    import sqlite3

    db = folder / "chroma.sqlite3"
    if not db.is_file():
        return None
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1.0)
        try:
            if quick_check and con.execute("PRAGMA quick_check").fetchone() != ("ok",):
                return None
            row = con.execute(
                "SELECT count(*) FROM embeddings e JOIN segments s ON e.segment_id = s.id "
                "JOIN collections c ON s.collection = c.id WHERE c.name = ?",
                (collection,),
            ).fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return None
    return int(row[0]) if row is not None else None


def stored_hashes(col: Collection, sources: list[str] | None = None) -> dict[str, str]:
    """Chunk id -> sha256 as stored in the collection (the authority on what is embedded),
    only of these sources when given (a shared server holds other homes' chunks too)."""
    out: dict[str, str] = {}
    page = 5000
    where: Where | None = None
    if sources:
        one_of: dict[Literal["$in", "$nin"], list[str | int | float | bool]] = {"$in": list(sources)}
        where = {"source": sources[0]} if len(sources) == 1 else {"source": one_of}
    offset = 0
    while True:
        got = col.get(include=["metadatas"], limit=page, offset=offset, where=where)
        for cid, meta in zip(got["ids"], got["metadatas"] or [], strict=False):
            out[cid] = str((meta or {}).get("sha256", ""))
        if len(got["ids"]) < page:
            return out
        offset += page


def server_sources(col: Collection) -> list[dict[str, Any]]:
    """What a shared collection holds, by source: id, label, cards and chunks (for ``doctor``)."""
    by: dict[str, dict[str, Any]] = {}
    page, offset = 5000, 0
    while True:
        got = col.get(include=["metadatas"], limit=page, offset=offset)
        for meta in got["metadatas"] or []:
            meta = meta or {}
            src = str(meta.get("source") or "(no source: written before namespaces)")
            entry = by.setdefault(src, {"source": src, "label": "", "cases": set(), "chunks": 0})
            entry["chunks"] += 1
            entry["cases"].add(meta.get("case_id"))
            if meta.get("source_label"):
                entry["label"] = str(meta["source_label"])
        if len(got["ids"]) < page:
            break
        offset += page
    return [{**e, "cases": len(e["cases"])} for e in sorted(by.values(), key=lambda e: e["source"])]
