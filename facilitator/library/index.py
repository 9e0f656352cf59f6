"""The vector index of case-card chunks: a chromadb cache that can always be rebuilt from the cards.

The card files are the truth (design.md section 2); this module keeps a chromadb
collection in step with them, cheaply: each chunk carries a sha256 of its text, so an
update embeds only new or changed chunks and deletes the ones whose card or section
went away. Embedding is the only expensive step, so an unchanged corpus costs a file
scan and one metadata read.

Because it is a cache, nothing here may crash the app: a missing index, a corrupt
sqlite file, or one built by another embedding model or another chromadb version is
wiped and rebuilt, with a notice the caller shows. One writer at a time: updates take
an exclusive, non-blocking ``flock`` on ``index/.lock``; a second writer gets
``IndexBusy`` instead of corrupting the first one's work.

Embedded mode keeps the collection in ``index/`` (``PersistentClient``) with a JSON
manifest beside it. With ``FACILITATOR_CHROMA_URL`` set, the collection lives on that
server (``HttpClient``) and the collection's own metadata carries the same facts; the
local ``index/`` then only holds the lock and the manifest. Telemetry is always off.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from facilitator.config import Settings
from facilitator.library.cards import Chunk, case_chunks, load_cards
from facilitator.library.embed import Embedder, get_embedder
from facilitator.library.lock import LOCK, IndexBusy, writer_lock
from facilitator.locations import cases_dir, corpus_dir, index_dir
from facilitator.model import Case, UserError

__all__ = ["CaseIndex", "IndexBusy", "IndexReport", "writer_lock"]

FORMAT = 1
"""Version of the chunking scheme and manifest layout; bumping it forces a rebuild."""

MANIFEST = "manifest.json"
COLLECTION = "cases"
ADD_BATCH = 500
HNSW = {"hnsw:space": "cosine", "hnsw:construction_ef": 128, "hnsw:search_ef": 64, "hnsw:M": 16}
"""Cosine space; the search_ef keeps warm queries well under the latency budget at 100k chunks."""


@dataclass
class IndexReport:
    """What an update did. ``added``/``updated``/``removed``/``unchanged`` count chunks."""

    cards: int = 0
    chunks: int = 0
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


def chromadb_version() -> str:
    from importlib.metadata import version

    return version("chromadb")


def collection_name(settings: Settings, embedder_name: str) -> str:
    """``cases`` in the embedded index; on a shared server one collection per embedding model,
    so teammates using different backends do not keep rebuilding each other's index."""
    if not settings.chroma_url:
        return COLLECTION
    return "facilitator-cases-" + hashlib.sha1(embedder_name.encode()).hexdigest()[:10]


def resolve_folders(home: Path, settings: Settings, libraries: list[Path] | None, builtin: bool) -> list[Path]:
    """The card folders for an update: given libraries (or settings' + the home's cases/) + corpus."""
    if libraries is None:
        libraries = [Path(p) for p in settings.libraries] + [cases_dir(home)]
    folders: list[Path] = []
    for folder in [*(Path(p).expanduser() for p in libraries), *([corpus_dir()] if builtin else [])]:
        resolved = folder.resolve()
        if resolved not in folders:
            folders.append(resolved)
    return folders


def chunk_cards(cards: list[Case]) -> list[Chunk]:
    return [chunk for case in cards for chunk in case_chunks(case)]


class IndexBroken(Exception):
    """The stored index cannot be used as it is (reason in the message)."""


class CaseIndex:
    """The chromadb collection for one data home (or for its configured Chroma server)."""

    def __init__(self, home: Path, settings: Settings, embedder: Embedder | None = None) -> None:
        self.home = Path(home)
        self.settings = settings
        self.dir = index_dir(self.home)
        self._embedder = embedder
        self._client: Any = None

    # -- shared helpers (the searcher uses these too) -------------------------------------

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = get_embedder(self.settings)
        return self._embedder

    @property
    def remote(self) -> bool:
        return bool(self.settings.chroma_url)

    @property
    def where(self) -> str:
        return self.settings.chroma_url if self.remote else str(self.dir)

    def read_manifest(self) -> dict[str, Any] | None:
        try:
            data = json.loads((self.dir / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None

    def _write_manifest(self, data: dict[str, Any]) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        from facilitator.files import write_atomic

        write_atomic(self.dir / MANIFEST, json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True))

    def expected_meta(self) -> dict[str, Any]:
        """Collection metadata that says which vector space and format the index is in."""
        return {
            "embedding_model": self.embedder.name,
            "dimension": self.embedder.dimension,
            "chromadb": chromadb_version(),
            "format": FORMAT,
        }

    def mismatch(self, recorded: dict[str, Any]) -> str | None:
        """Why an index recorded with these facts cannot be used now, or None."""
        expected = self.expected_meta()
        if recorded.get("format") != FORMAT:
            return f"index format {recorded.get('format')} is not the current {FORMAT}"
        if recorded.get("embedding_model") != expected["embedding_model"]:
            return (f"index was built with embedding model {recorded.get('embedding_model')!r}, "
                    f"now {expected['embedding_model']!r}")
        if recorded.get("dimension") != expected["dimension"]:
            return f"index has dimension {recorded.get('dimension')}, the model gives {expected['dimension']}"
        if recorded.get("chromadb") != expected["chromadb"]:
            return f"index was written by chromadb {recorded.get('chromadb')}, now {expected['chromadb']}"
        return None

    def client(self) -> Any:
        if self._client is None:
            import chromadb
            from chromadb.config import Settings as ChromaSettings

            chroma_settings = ChromaSettings(anonymized_telemetry=False)
            if self.remote:
                url = urlparse(self.settings.chroma_url if "//" in self.settings.chroma_url
                               else "http://" + self.settings.chroma_url)
                ssl = url.scheme == "https"
                try:
                    self._client = chromadb.HttpClient(
                        host=url.hostname or "localhost", port=url.port or (443 if ssl else 8000),
                        ssl=ssl, settings=chroma_settings,
                    )
                except Exception as exc:
                    raise UserError(f"cannot reach the Chroma server at {self.settings.chroma_url}: {exc}") from None
            else:
                self.dir.mkdir(parents=True, exist_ok=True)
                self._client = chromadb.PersistentClient(path=str(self.dir), settings=chroma_settings)
        return self._client

    def collection(self) -> Any:
        """The existing, usable collection; ``IndexBroken`` if missing, mismatched or unreadable."""
        if not self.remote:
            manifest = self.read_manifest()
            if not (self.dir / "chroma.sqlite3").exists():
                raise IndexBroken("no index yet" if manifest is None else "index files are missing")
            if manifest is None:
                raise IndexBroken("index manifest is missing or unreadable")
            reason = self.mismatch(manifest)
            if reason:
                raise IndexBroken(reason)
        name = collection_name(self.settings, self.embedder.name)
        try:
            client = self.client()
            col = client.get_collection(name, embedding_function=None)
            meta = col.metadata or {}
            col.count()
        except UserError:
            raise
        except Exception as exc:
            if self.remote and not _is_not_found(exc):
                raise UserError(f"Chroma server at {self.settings.chroma_url} failed: {exc}") from None
            raise IndexBroken("index is unreadable" if not _is_not_found(exc) else "no index yet") from exc
        reason = self.mismatch(meta)
        if reason:
            raise IndexBroken(reason)
        return col

    def _create(self) -> Any:
        meta = {**HNSW, **self.expected_meta()}
        return self.client().create_collection(collection_name(self.settings, self.embedder.name),
                                               metadata=meta, embedding_function=None)

    def _wipe(self) -> None:
        """Throw the stored index away (keeping the lock file we may be holding)."""
        if self.remote:
            name = collection_name(self.settings, self.embedder.name)
            with contextlib.suppress(Exception):
                self.client().delete_collection(name)
            with contextlib.suppress(OSError):
                (self.dir / MANIFEST).unlink()
            return
        self._forget_client()
        if self.dir.exists():
            for entry in self.dir.iterdir():
                if entry.name == LOCK:
                    continue
                if entry.is_dir() and not entry.is_symlink():
                    shutil.rmtree(entry, ignore_errors=True)
                else:
                    with contextlib.suppress(OSError):
                        entry.unlink()

    def _forget_client(self) -> None:
        """Drop chromadb's process-wide cached system for this path so it reopens from disk."""
        self._client = None
        if self.remote:
            return
        with contextlib.suppress(Exception):
            from chromadb.api.shared_system_client import SharedSystemClient

            key = str(self.dir)
            system = SharedSystemClient._identifier_to_system.pop(key, None)
            SharedSystemClient._identifier_to_refcount.pop(key, None)
            if system is not None:
                system.stop()

    # -- the writer --------------------------------------------------------------------------

    def update(
        self,
        libraries: list[Path],
        builtin: bool = True,
        rebuild: bool = False,
        progress: Callable[[int, int], None] | None = None,
    ) -> IndexReport:
        """Bring the index in step with the cards in ``libraries`` (+ the bundled corpus).

        The index mirrors exactly these folders: chunks of cards not found there are
        removed. Counts in the report are chunks; ``errors`` are skipped cards.
        """
        folders = resolve_folders(self.home, self.settings, list(libraries), builtin)
        with writer_lock(self.dir):
            return self._update_locked(folders, builtin, rebuild, progress)

    def _update_locked(
        self,
        folders: list[Path],
        builtin: bool,
        rebuild: bool,
        progress: Callable[[int, int], None] | None,
    ) -> IndexReport:
        cards, errors = load_cards(folders)
        chunks = chunk_cards(cards)
        report = IndexReport(cards=len(cards), chunks=len(chunks), errors=errors)
        if not rebuild and self._unchanged(chunks, folders):
            report.unchanged = len(chunks)
            return report
        if rebuild:
            self._wipe()
        col: Any = None
        if not rebuild:
            try:
                col = self.collection()
            except IndexBroken as exc:
                reason = str(exc)
                if reason == "no index yet":
                    report.notices.append(f"no index yet at {self.where}; building it from the cards")
                else:
                    report.notices.append(f"{reason}; rebuilt the index from the cards")
                self._wipe()
        if col is None:
            try:
                col = self._create()
            except UserError:
                raise
            except Exception as exc:
                if self.remote:
                    raise UserError(f"Chroma server at {self.settings.chroma_url} failed: {exc}") from None
                # e.g. a garbage sqlite file that get_collection did not trip over
                report.notices.append(f"index was unreadable ({type(exc).__name__}); rebuilt the index from the cards")
                self._wipe()
                col = self._create()

        existing = stored_hashes(col)
        old = self.read_manifest() or {}
        wanted = {c.id: c for c in chunks}
        pending = [c for c in chunks if existing.get(c.id) != c.sha256]
        report.added = sum(1 for c in pending if c.id not in existing)
        report.updated = len(pending) - report.added
        report.unchanged = len(chunks) - len(pending)
        stale = [cid for cid in existing if cid not in wanted]
        report.removed = len(stale)

        for start in range(0, len(stale), ADD_BATCH):
            col.delete(ids=stale[start : start + ADD_BATCH])
        self._embed_and_store(col, pending, progress)
        self._write_manifest({
            "centroids": language_centroids(col) if (pending or stale or "centroids" not in old) else old["centroids"],
            **self.expected_meta(),
            "collection": collection_name(self.settings, self.embedder.name),
            "where": self.where,
            "folders": [str(f) for f in folders],
            "builtin": builtin,
            "updated_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "chunks": {c.id: c.sha256 for c in chunks},
        })
        return report

    def _unchanged(self, chunks: list[Chunk], folders: list[Path]) -> bool:
        """Embedded index already holds exactly these chunks? Decided without importing chromadb
        (which alone costs most of a second): the manifest must match, and the sqlite file must
        pass a quick integrity check and hold as many vectors as the manifest lists. Any doubt
        falls through to the full path, which opens chromadb and repairs what it finds."""
        if self.remote:
            return False
        manifest = self.read_manifest()
        if manifest is None or self.mismatch(manifest) is not None:
            return False
        if manifest.get("chunks") != {c.id: c.sha256 for c in chunks}:
            return False
        if manifest.get("folders") != [str(f) for f in folders] or "centroids" not in manifest:
            return False
        db = self.dir / "chroma.sqlite3"
        if not db.is_file():
            return False
        import sqlite3

        try:
            con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1.0)
            try:
                if con.execute("PRAGMA quick_check").fetchone() != ("ok",):
                    return False
                row = con.execute(
                    "SELECT count(*) FROM embeddings e JOIN segments s ON e.segment_id = s.id "
                    "JOIN collections c ON s.collection = c.id WHERE c.name = ?",
                    (manifest.get("collection", COLLECTION),),
                ).fetchone()
            finally:
                con.close()
        except sqlite3.Error:
            return False
        return row is not None and row[0] == len(chunks)

    def _embed_and_store(self, col: Any, pending: list[Chunk], progress: Callable[[int, int], None] | None) -> None:
        total = len(pending)
        if progress:
            progress(0, total)
        step = 64
        for start in range(0, total, step):
            batch = pending[start : start + step]
            vectors = self.embedder.embed_passages([c.text for c in batch])
            col.upsert(
                ids=[c.id for c in batch],
                embeddings=vectors,
                documents=[c.text for c in batch],
                metadatas=[{"case_id": c.case_id, "section": c.section, "lang": c.lang, "sha256": c.sha256}
                           for c in batch],
            )
            if progress:
                progress(min(start + step, total), total)


def stored_hashes(col: Any) -> dict[str, str]:
    """Chunk id -> sha256 as stored in the collection (the authority on what is embedded)."""
    out: dict[str, str] = {}
    total = col.count()
    page = 5000
    for offset in range(0, total, page):
        got = col.get(include=["metadatas"], limit=page, offset=offset)
        for cid, meta in zip(got["ids"], got["metadatas"] or [], strict=False):
            out[cid] = str((meta or {}).get("sha256", ""))
    return out


def language_centroids(col: Any) -> dict[str, list[float]]:
    """Mean chunk vector per card language.

    multilingual-e5 scores a query higher against any passage in the query's own
    language; subtracting ``query · centroid[lang]`` (which equals the query's mean
    similarity to that language's chunks) removes that bias, so an English query can
    rank a Chinese card first. Stored in the manifest so a search needs no extra read.
    """
    import numpy as np

    sums: dict[str, Any] = {}
    counts: dict[str, int] = {}
    total = col.count()
    page = 2000
    for offset in range(0, total, page):
        got = col.get(include=["embeddings", "metadatas"], limit=page, offset=offset)
        vectors = np.asarray(got["embeddings"], dtype=np.float64)
        for row, meta in zip(vectors, got["metadatas"] or [], strict=False):
            lang = str((meta or {}).get("lang", ""))
            sums[lang] = sums.get(lang, 0.0) + row
            counts[lang] = counts.get(lang, 0) + 1
    return {lang: (sums[lang] / counts[lang]).round(6).tolist() for lang in sums}


def _is_not_found(exc: Exception) -> bool:
    text = f"{type(exc).__name__} {exc}".lower()
    return "notfound" in text or "does not exist" in text or "not found" in text
