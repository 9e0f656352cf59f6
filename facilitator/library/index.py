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
local ``index/`` then holds the lock, the manifest and the search tables. Telemetry is
always off.

Each update also writes the search tables (``tables.py``): the inverted BM25 index,
the chunk vectors and their hubness, memory-mapped by every search, so that a search
costs what its matches cost and never parses the cards. Vectors already known (an
unchanged chunk in the previous tables, a bundled-corpus chunk in the shipped file,
see ``shipped.py``) are not embedded again. A small change of an embedded index goes
into the tables alone, without importing chromadb; the collection, which no search
reads, catches up on the next larger update (``LAG_LIMIT``; the tables record by how
much it trails, so nothing is lost or embedded twice).

On a shared server every chunk carries a ``source`` in its metadata: ``builtin`` for
the bundled corpus (stored once for everybody) or this home's own id (from host name
and home path), and its id is prefixed with it. An update reads, adds and removes
only the chunks of its own sources, so teammates indexing different folders keep
each other's cards.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import shutil
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from facilitator.config import Settings
from facilitator.library.cards import Chunk, case_chunks, file_signature, load_cards
from facilitator.library.embed import Embedder, get_embedder
from facilitator.library.lock import LOCK, IndexBusy, writer_lock
from facilitator.library.stored import home_source, server_sources, sqlite_count, stored_hashes
from facilitator.library.tables import SearchTables
from facilitator.locations import cases_dir, corpus_dir, corpus_index_template, index_dir
from facilitator.model import Case, UserError

if TYPE_CHECKING:
    from chromadb.api import ClientAPI
    from chromadb.api.models.Collection import Collection
    from chromadb.api.types import Embedding

    from facilitator.library.arrays import Floats, Vector

__all__ = ["CaseIndex", "IndexBusy", "IndexReport", "home_source", "sqlite_count", "stored_hashes", "writer_lock"]

BUILTIN = "builtin"
"""Source of the bundled corpus's chunks (on a server: stored once, shared by every home)."""

FORMAT = 2
"""Version of the chunking scheme and manifest layout; bumping it forces a rebuild
(2: chunks carry a ``source``; the manifest no longer lists chunks, the tables do)."""

MANIFEST = "manifest.json"
INSTALLED_TEMPLATE = corpus_index_template()
COLLECTION = "cases"
ADD_BATCH = 500
LAG_LIMIT = 256
"""How many chunks the embedded chroma collection may trail the search tables by. Searches
read only the tables; importing chromadb alone costs about two seconds, which a one-card
edit should not pay. Small changes therefore go into the tables (embedded here) and are
written to the collection by the next update that changes more than this, or a rebuild."""
EDIT_IN_PLACE = 8
"""Up to this many edited card files are patched into the tables in place (``_edit_in_place``)."""
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


def is_builtin(case: Case) -> bool:
    """A card of the bundled corpus? Decided on the path as the card folders were walked (they
    are resolved before, see ``resolve_folders``): resolving 16,000 paths took seconds."""
    if case.path is None:
        return False
    return str(case.path).startswith(_corpus_prefixes())


@functools.cache
def _corpus_prefixes() -> tuple[str, ...]:
    corpus = corpus_dir()
    return tuple({str(corpus) + os.sep, str(corpus.resolve()) + os.sep})


class IndexBroken(Exception):
    """The stored index cannot be used as it is (reason in the message)."""


class CaseIndex:
    """The chromadb collection for one data home (or for its configured Chroma server)."""

    def __init__(self, home: Path, settings: Settings, embedder: Embedder | None = None,
                 template: Path | None = INSTALLED_TEMPLATE) -> None:
        self.home = Path(home)
        self.settings = settings
        self.dir = index_dir(self.home)
        self._embedder = embedder
        self._client: ClientAPI | None = None
        self.template = template
        """The installation's ready index of the bundled corpus (``template.py``); None: never used."""
        self.source, self.source_label = home_source(self.home) if self.remote else ("local", str(self.home))

    def stored_id(self, chunk_id: str, builtin: bool) -> str:
        """The id a chunk has in the collection (prefixed with its source on a server)."""
        if not self.remote:
            return chunk_id
        return f"{BUILTIN if builtin else self.source}/{chunk_id}"

    def chunk_source(self, builtin: bool) -> str:
        return BUILTIN if builtin else self.source

    def tables(self) -> SearchTables | None:
        """The saved search tables of this home (None if missing or damaged)."""
        return SearchTables.load(self.dir)

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

    def client(self) -> ClientAPI:
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
                    raise UserError("cannot reach the Chroma server at {url}: {why}", url=self.settings.chroma_url,
                                    why=exc) from None
            else:
                self.dir.mkdir(parents=True, exist_ok=True)
                self._client = chromadb.PersistentClient(path=str(self.dir), settings=chroma_settings)
        return self._client

    def collection(self) -> Collection:
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
                raise UserError("Chroma server at {url} failed: {why}", url=self.settings.chroma_url, why=exc) from None
            raise IndexBroken("index is unreadable" if not _is_not_found(exc) else "no index yet") from exc
        reason = self.mismatch(meta)
        if reason:
            raise IndexBroken(reason)
        return col

    def _create(self) -> Collection:
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
            shutil.rmtree(self.dir / "search", ignore_errors=True)
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

    def close(self) -> None:
        """Let go of chromadb's handle on the files (before copying or removing them)."""
        self._forget_client()

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

    def server_sources(self) -> list[dict[str, Any]]:
        """What the (shared) collection holds, by source; empty when there is none yet."""
        try:
            col = self.collection()
        except IndexBroken:
            return []
        return server_sources(col)

    # -- the writer --------------------------------------------------------------------------

    def update(
        self,
        libraries: list[Path],
        builtin: bool = True,
        rebuild: bool = False,
        progress: Callable[[int, int], None] | None = None,
        defer: bool = True,
    ) -> IndexReport:
        """Bring the index in step with the cards in ``libraries`` (+ the bundled corpus).

        The index mirrors exactly these folders: chunks of cards not found there are
        removed. Counts in the report are chunks; ``errors`` are skipped cards. With
        ``defer`` a small change may leave the embedded chroma collection trailing the
        search tables (``LAG_LIMIT``); ``defer=False`` brings it in step.
        """
        folders = resolve_folders(self.home, self.settings, list(libraries), builtin)
        with writer_lock(self.dir):
            return self._update_locked(folders, builtin, rebuild, progress, defer)

    def _update_locked(
        self,
        folders: list[Path],
        builtin: bool,
        rebuild: bool,
        progress: Callable[[int, int], None] | None,
        defer: bool = True,
    ) -> IndexReport:
        files = file_signature(dirs=folders)  # before reading: an edit meanwhile shows next time
        if not rebuild and defer:
            unchanged = self._same_stamp(folders, files)
            if unchanged is not None:
                return unchanged
        loaded = None if rebuild else self.tables()
        if not rebuild and defer:
            same = self._same_files(folders, files, loaded)
            if same is not None:  # `make run` indexes before every start: 16k cards unread
                errors = list(same.info.get("errors") or [])
                with contextlib.suppress(OSError):  # tables saved without a stamp: the next run reads it
                    same.save_stamp(self.dir)
                return IndexReport(cards=len(same.cases), chunks=same.size, unchanged=same.size, errors=errors)
            edited = self._edit_in_place(folders, files, loaded, progress)
            if edited is not None:
                return edited
        ready = self._start_from_template(folders) if builtin and not rebuild else 0
        previous = loaded if not ready else self.tables()
        if previous is not None and previous.embedding_model != self.embedder.name:
            previous = None
        # with tables that say exactly what the collection holds, only changed card files are read
        stored = self._stored_per_tables(previous) if not rebuild else None
        unread = (previous.known_cards() if stored is not None and previous is not None and previous.has_summaries()
                  else {})
        if unread and previous is not None and previous.info.get("behind"):
            # the cards the collection trails: read, so that their text can go into it
            trailing = {cid.split("#")[0] for cid in previous.info["behind"]}
            unread = {path: known for path, known in unread.items() if known[1].id not in trailing}
        cards, errors = load_cards(folders, unread, files)
        chunks, carried = self._chunks(cards, previous, {id(case) for _, case in unread.values()})
        report = IndexReport(cards=len(cards), chunks=len(chunks), errors=errors)
        if ready:
            report.notices.append(f"no index yet at {self.where}; started it from the installation's "
                                  "ready index of the built-in cards")
        known = previous.vector_by_sha(self.dir / "search") if previous is not None else {}
        # what the chroma collection trails the tables by, and how many chunks it holds
        lag: dict[str, str] = dict(previous.info.get("behind") or {}) if previous is not None else {}
        count = previous.collection_count if previous is not None else len(chunks)
        deferred = None if rebuild or not defer else self._deferred(chunks, folders, previous, stored, report, known, progress)
        if deferred is not None:
            known, lag = deferred
            count = len(stored or {})
        elif not rebuild and not lag and self._unchanged(chunks, folders, previous):
            report.unchanged = len(chunks)
        else:
            known = self._update_collection(cards, chunks, folders, builtin, rebuild, report, known, progress,
                                            stored)
            lag, count = {}, len(chunks)
        wiped = previous is not None and not (self.dir / "search" / "rows.json").exists()  # a broken index was wiped
        if wiped or not self._tables_current(previous, chunks, files, folders, cards):
            vectors = {c.sha256: known[c.sha256] for c in chunks if c.sha256 in known}
            missing = [c for c in chunks if c.sha256 not in vectors]
            if missing:  # e.g. an index written before the tables existed: read them back
                vectors.update(self._read_vectors(missing, cards))
            tables = SearchTables.build(
                cards, chunks, vectors if all(c.sha256 in vectors for c in chunks) else None,
                previous=previous, previous_dir=self.dir / "search", files=files,
                folders=[str(f) for f in folders], embedding_model=self.embedder.name, carried=carried,
            )
            tables.info["errors"] = errors
            tables.info["generation"] = self._generation()
            tables.info["behind"], tables.info["collection_count"] = lag, count
            tables.save(self.dir)
        elif previous is not None and (previous.info.get("errors"), previous.info.get("generation"),
                                       previous.info.get("behind") or {}, previous.collection_count) != (
                errors, self._generation(), lag, count):
            # what the next unchanged run reports without reading, and the collection they mirror
            previous.info["errors"], previous.info["generation"] = errors, self._generation()
            previous.info["behind"], previous.info["collection_count"] = lag, count
            previous.save_info(self.dir)
        if ready:  # a new home: everything in it is new to it
            report.added, report.updated, report.removed, report.unchanged = len(chunks), 0, 0, 0
        return report

    def _edit_in_place(self, folders: list[Path], files: dict[str, list[int]], tables: SearchTables | None,
                       progress: Callable[[int, int], None] | None) -> IndexReport | None:
        """A few card files edited, none added or removed, each keeping its id and sections:
        only those cards are read, only their changed chunks embedded, and the tables patched
        row by row (``SearchTables.with_cards``); the collection trails them (``LAG_LIMIT``).
        At 100k chunks this is what a one-card edit costs instead of carrying every row over.
        None when the change is of another kind (the full update handles it)."""
        if tables is None or not self._tables_in_step(folders, tables):
            return None
        edits = self._edited_cards(files, tables)
        if edits is None:
            return None
        held = tables.build_rows(self.dir / "search")["sha"]
        lag: dict[str, str] = dict(tables.info.get("behind") or {})
        pending: list[Chunk] = []
        for case, chunks in edits:
            rows = tables.case_rows(case.id)
            if len(rows) != len(chunks):
                return None
            for row, chunk in zip(rows, chunks, strict=True):
                holds = lag.get(chunk.id, held[row])  # what the collection holds for this chunk
                if holds == chunk.sha256:
                    lag.pop(chunk.id, None)
                else:
                    lag[chunk.id] = holds
                if chunk.sha256 != held[row]:
                    pending.append(chunk)
        if len(lag) > LAG_LIMIT:
            return None
        report = IndexReport(cards=len(tables.cases), chunks=tables.size, updated=len(pending),
                             unchanged=tables.size - len(pending))
        vectors = self._embed_and_store(None, pending, {}, {}, {}, report, progress)
        patched = tables.with_cards(edits, vectors, files)
        if patched is None:
            return None
        patched.info["errors"], patched.info["behind"] = [], lag
        patched.save(self.dir)
        return report

    def _tables_in_step(self, folders: list[Path], tables: SearchTables) -> bool:
        """Whether ``tables`` were saved from this index's folders, model and collection as
        they are now, with nothing left over from an error: only then can they be patched."""
        if self.remote or tables.vectors is None or not tables.has_summaries():
            return False
        manifest = self.read_manifest() or {}
        names = [str(f) for f in folders]
        if (manifest.get("folders") != names or tables.folders != names or self.mismatch(manifest) is not None
                or manifest.get("generation") is None or manifest.get("generation") != tables.info.get("generation")
                or tables.embedding_model != self.embedder.name or tables.info.get("errors")):
            return False
        return sqlite_count(self.dir, str(manifest.get("collection", COLLECTION))) == tables.collection_count

    def _edited_cards(self, files: dict[str, list[int]], tables: SearchTables
                      ) -> list[tuple[Case, list[Chunk]]] | None:
        """The few card files whose stats moved, read again with their chunks, when none was
        added or removed and each keeps its id; else None."""
        before = tables.files
        if before.keys() != files.keys():
            return None
        changed = [path for path, stats in files.items() if before[path] != stats]
        if not changed or len(changed) > EDIT_IN_PLACE:
            return None
        at_path = {row.get("path"): i for i, row in enumerate(tables.info["cases"])}
        cards, errors = load_cards([], signature={path: files[path] for path in changed})
        if errors or len(cards) != len(changed):
            return None
        edits = []
        for path, case in zip(changed, cards, strict=True):
            i = at_path.get(path)
            if i is None or tables.cases[i].id != case.id:
                return None
            edits.append((case, case_chunks(case)))
        return edits

    def _start_from_template(self, folders: list[Path]) -> int:
        """A new embedded home: copy in the installation's ready index of the built-in cards.

        Only into an index folder with nothing in it yet, and only a template made from
        exactly the corpus chunks, model and chromadb version of now (``template.py``).
        The cards of the home's own folders are then added by the ordinary update.
        Returns how many chunks came from the template (0: not used).
        """
        if self.remote or self.template is None or (self.dir / "chroma.sqlite3").exists():
            return 0
        if self.dir.exists() and any(p.name != LOCK for p in self.dir.iterdir()):
            return 0
        from facilitator.library import template

        stamp = template.read_stamp(self.template)
        if stamp is None or any(stamp.get(k) != v for k, v in self.expected_meta().items()):
            return 0
        # the corpus as it is now, whole (a card of the home's own may shadow one of it: the
        # ordinary update then takes that one out again)
        corpus, _ = load_cards([corpus_dir()])
        shas = [c.sha256 for c in chunk_cards(corpus)]
        # the home's own folders in the manifest: with no cards of their own, nothing else to do
        manifest = self._manifest([str(f) for f in folders], builtin=True, chunk_count=len(shas))
        stamp = template.stamp_for(self.expected_meta(), shas)
        return len(shas) if template.install(self.template, self.dir, stamp, manifest) else 0

    def _manifest(self, folders: list[str], builtin: bool, chunk_count: int) -> dict[str, Any]:
        return {
            **self.expected_meta(),
            "collection": collection_name(self.settings, self.embedder.name),
            "where": self.where,
            "source": self.chunk_source(False),
            "folders": folders,
            "builtin": builtin,
            "updated_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "chunk_count": chunk_count,
            "generation": uuid.uuid4().hex,
        }

    def _stored_per_tables(self, previous: SearchTables | None) -> dict[str, str] | None:
        """Chunk id -> sha256 of what the embedded collection holds, read from the last tables
        instead of from chromadb (its metadata of 100k chunks takes seconds to fetch).

        Trusted only when the manifest and the tables carry the same ``generation``: the
        writer clears it in the manifest before touching the collection, writes a new one
        when done and puts that into the tables last, so an update cut short anywhere sends
        the next one to chromadb itself. The count is checked too.
        """
        if self.remote or previous is None or previous.vectors is None:
            return None
        manifest = self.read_manifest() or {}
        if manifest.get("generation") is None or manifest.get("generation") != previous.info.get("generation"):
            return None  # the collection changed after these tables were written (or is changing)
        held = previous.sha_by_chunk(self.dir / "search")
        for cid, sha in (previous.info.get("behind") or {}).items():  # what the collection still trails by
            if sha:
                held[cid] = sha
            else:
                held.pop(cid, None)
        if sqlite_count(self.dir, str(manifest.get("collection", COLLECTION))) != len(held):
            return None
        return held

    def _deferred(self, chunks: list[Chunk], folders: list[Path], previous: SearchTables | None,
                  stored: dict[str, str] | None, report: IndexReport, known: dict[str, Vector],
                  progress: Callable[[int, int], None] | None) -> tuple[dict[str, Vector], dict[str, str]] | None:
        """A small change of an embedded index, made in the tables only (``LAG_LIMIT``): new
        chunks are embedded here, chromadb is not imported. Returns the vectors (sha256 ->
        vector) and what the collection now trails the tables by (chunk id -> the sha256 it
        holds, "" for none); None when the collection must be brought in step instead."""
        if self.remote or stored is None or previous is None:
            return None
        manifest = self.read_manifest() or {}
        if manifest.get("folders") != [str(f) for f in folders] or manifest.get("generation") is None or (
                self.mismatch(manifest) is not None):
            return None
        wanted = {c.id: c.sha256 for c in chunks}
        lag = {cid: stored.get(cid, "") for cid in set(stored) | set(wanted) if stored.get(cid, "") != wanted.get(cid, "")}
        if len(lag) > LAG_LIMIT:
            return None
        before = previous.sha_by_chunk(self.dir / "search")
        pending = [c for c in chunks if before.get(c.id) != c.sha256]
        report.added = sum(1 for c in pending if c.id not in before)
        report.updated = len(pending) - report.added
        report.unchanged = len(chunks) - len(pending)
        report.removed = len(set(before) - set(wanted))
        fresh = self._embed_and_store(None, pending, {c.id: c.id for c in pending}, {}, known, report, progress)
        return {**known, **fresh}, lag

    def _chunks(self, cards: list[Case], previous: SearchTables | None,
                unread: set[int]) -> tuple[list[Chunk], dict[str, int]]:
        """The chunks of these cards; a card taken from ``previous`` unread (``unread`` holds
        their ``id()``) gets its chunks from there, and ``carried`` names their rows in it."""
        chunks: list[Chunk] = []
        carried: dict[str, int] = {}
        folder = self.dir / "search"  # once: a Path join per card cost a third of a one-card edit's chunking
        for case in cards:
            if previous is None or id(case) not in unread:
                chunks.extend(case_chunks(case))
                continue
            old = previous.known_chunks(case, folder)
            chunks.extend(old)
            carried.update(zip([c.id for c in old], previous.case_rows(case.id), strict=True))
        return chunks, carried

    def _generation(self) -> str | None:
        return (self.read_manifest() or {}).get("generation")

    def _mark_changing(self) -> None:
        """Clear the manifest's generation: from here until the new manifest, the collection
        may differ from what the tables say it holds."""
        manifest = self.read_manifest()
        if manifest is not None and manifest.get("generation") is not None:
            self._write_manifest({**manifest, "generation": None})

    def _same_stamp(self, folders: list[Path], files: dict[str, list[int]]) -> IndexReport | None:
        """``_same_files`` from the tables' stamp (``tables.STAMP``): the report of an update
        with no card file changed, decided without decoding the tables' rows; None when in doubt."""
        if self.remote:
            return None
        from facilitator.library.tables import files_digest, read_stamp

        stamp = read_stamp(self.dir)
        manifest = self.read_manifest()
        if stamp is None or manifest is None or self.mismatch(manifest) is not None or not stamp["vectors"]:
            return None
        names = [str(f) for f in folders]
        if stamp["embedding_model"] != self.embedder.name or stamp["folders"] != names or manifest.get("folders") != names:
            return None
        if stamp["errors"] is None or stamp["files"] != files_digest(files):
            return None
        if sqlite_count(self.dir, str(manifest.get("collection", COLLECTION))) != stamp["collection_count"]:
            return None
        return IndexReport(cards=stamp["cases"], chunks=stamp["size"], unchanged=stamp["size"],
                           errors=list(stamp["errors"]))

    def _same_files(self, folders: list[Path], files: dict[str, list[int]],
                    tables: SearchTables | None) -> SearchTables | None:
        """The saved tables, when no card file changed since they were built from these folders
        into this very index (decided from file stats, the manifest and a count: no card read)."""
        if self.remote:
            return None
        manifest = self.read_manifest()
        if tables is None or tables.vectors is None or manifest is None or self.mismatch(manifest) is not None:
            return None
        names = [str(f) for f in folders]
        if tables.embedding_model != self.embedder.name or tables.folders != names or manifest.get("folders") != names:
            return None
        if tables.files != files or "errors" not in tables.info:
            return None
        if sqlite_count(self.dir, str(manifest.get("collection", COLLECTION))) != tables.collection_count:
            return None
        return tables

    def _tables_current(self, previous: SearchTables | None, chunks: list[Chunk], files: dict[str, list[int]],
                        folders: list[Path], cards: list[Case]) -> bool:
        if previous is None or previous.vectors is None:
            return False
        if previous.files != files or previous.folders != [str(f) for f in folders]:
            return False
        return previous.build_rows(self.dir / "search")["sha"] == [c.sha256 for c in chunks] and (
            previous.chunk_ids == [c.id for c in chunks])

    def _update_collection(
        self,
        cards: list[Case],
        chunks: list[Chunk],
        folders: list[Path],
        builtin: bool,
        rebuild: bool,
        report: IndexReport,
        known: dict[str, Vector],
        progress: Callable[[int, int], None] | None,
        stored: dict[str, str] | None = None,
    ) -> dict[str, Vector]:
        """Bring the chroma collection in step; returns sha256 -> vector for every chunk it knows."""
        if rebuild and not self.remote:
            self._wipe()
        col: Collection | None = None
        if not rebuild or self.remote:
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
                    raise UserError("Chroma server at {url} failed: {why}", url=self.settings.chroma_url, why=exc) from None
                # e.g. a garbage sqlite file that get_collection did not trip over
                report.notices.append(f"index was unreadable ({type(exc).__name__}); rebuilt the index from the cards")
                self._wipe()
                col = self._create()

        builtin_case = {c.id: is_builtin(c) for c in cards}
        sources = [self.source] + ([BUILTIN] if builtin else [])
        # what the collection holds: as the last tables say when they can be trusted (``stored``,
        # checked before the collection was opened or wiped: recheck the count), else as it says
        existing = stored if stored is not None and not rebuild and sqlite_count(
            self.dir, collection_name(self.settings, self.embedder.name)) == len(stored) else None
        if existing is None:
            existing = stored_hashes(col, sources if self.remote else None)
        if rebuild and self.remote:  # start over in our own namespace only
            mine = [cid for cid in existing if cid.startswith(self.source + "/")]
            for start in range(0, len(mine), ADD_BATCH):
                col.delete(ids=mine[start : start + ADD_BATCH])
            existing = {cid: h for cid, h in existing.items() if cid not in set(mine)}
        stored = {c.id: self.stored_id(c.id, builtin_case[c.case_id]) for c in chunks}
        wanted = set(stored.values())
        pending = [c for c in chunks if existing.get(stored[c.id]) != c.sha256]
        report.added = sum(1 for c in pending if stored[c.id] not in existing)
        report.updated = len(pending) - report.added
        report.unchanged = len(chunks) - len(pending)
        stale = [cid for cid in existing if cid not in wanted]
        report.removed = len(stale)
        if (stale or pending) and not self.remote:
            self._mark_changing()

        for start in range(0, len(stale), ADD_BATCH):
            col.delete(ids=stale[start : start + ADD_BATCH])
        fresh = self._embed_and_store(col, pending, stored, builtin_case, known, report, progress)
        self._write_manifest(self._manifest([str(f) for f in folders], builtin, len(chunks)))
        return {**known, **fresh}

    def _unchanged(self, chunks: list[Chunk], folders: list[Path], tables: SearchTables | None) -> bool:
        """Embedded index already holds exactly these chunks? Decided without importing chromadb
        (which alone costs most of a second): the manifest must match, the saved tables must
        list exactly these chunks, and the sqlite file must pass a quick integrity check and
        hold as many vectors. Any doubt falls through to the full path, which opens chromadb
        and repairs what it finds."""
        if self.remote or tables is None:
            return False
        manifest = self.read_manifest()
        if manifest is None or self.mismatch(manifest) is not None:
            return False
        if manifest.get("folders") != [str(f) for f in folders]:
            return False
        if tables.chunk_ids != [c.id for c in chunks] or tables.build_rows(self.dir / "search")["sha"] != [
            c.sha256 for c in chunks
        ]:
            # the tables' rows are grouped by case; compare as sets when the order differs
            got = dict(zip(tables.chunk_ids, tables.build_rows(self.dir / "search")["sha"], strict=False))
            if got != {c.id: c.sha256 for c in chunks}:
                return False
        return sqlite_count(self.dir, str(manifest.get("collection", COLLECTION)), quick_check=True) == len(chunks)

    def _read_vectors(self, chunks: list[Chunk], cards: list[Case]) -> dict[str, Vector]:
        """Vectors of these chunks as the collection stores them (sha256 -> vector)."""
        builtin_case = {c.id: is_builtin(c) for c in cards}
        col = self.collection()
        out: dict[str, Vector] = {}
        ids = {self.stored_id(c.id, builtin_case[c.case_id]): c.sha256 for c in chunks}
        keys = list(ids)
        for start in range(0, len(keys), 1000):
            got = col.get(ids=keys[start : start + 1000], include=["embeddings", "metadatas"])
            embeddings = got["embeddings"]
            if embeddings is None:
                continue
            for cid, vec, meta in zip(got["ids"], embeddings, got["metadatas"] or [], strict=False):
                if str((meta or {}).get("sha256", "")) == ids.get(cid):
                    out[ids[cid]] = vec
        return out

    def _embed_and_store(
        self,
        col: Collection | None,
        pending: list[Chunk],
        stored: dict[str, str],
        builtin_case: dict[str, bool],
        known: dict[str, Vector],
        report: IndexReport,
        progress: Callable[[int, int], None] | None,
    ) -> dict[str, Vector]:
        """Embed (or take from ``known`` / the shipped file) and upsert; returns sha256 -> vector."""
        import numpy as np

        total = len(pending)
        cache = dict(known)
        shipped = self._shipped([c for c in pending if c.sha256 not in cache], report)
        cache.update(shipped)
        out: dict[str, Vector] = {}
        if progress:
            progress(0, total)
        step = 64
        for start in range(0, total, step):
            batch = pending[start : start + step]
            need = [c for c in batch if c.sha256 not in cache]
            if need:
                for c, vec in zip(need, self.embedder.embed_passages([c.text for c in need]), strict=True):
                    cache[c.sha256] = vec
            vectors = [np.asarray(cache[c.sha256], dtype=np.float32) for c in batch]
            if col is not None:
                self._upsert(col, batch, vectors, stored, builtin_case)
            out.update({c.sha256: v for c, v in zip(batch, vectors, strict=True)})
            if progress:
                progress(min(start + step, total), total)
        return out

    def _upsert(self, col: Collection, batch: list[Chunk], vectors: list[Floats], stored: dict[str, str],
                builtin_case: dict[str, bool]) -> None:
        embeddings: list[Embedding] = list(vectors)
        col.upsert(
            ids=[stored[c.id] for c in batch],
            embeddings=embeddings,
            documents=[c.text for c in batch],
            metadatas=[{"case_id": c.case_id, "section": c.section, "lang": c.lang, "sha256": c.sha256,
                        "source": self.chunk_source(builtin_case[c.case_id]),
                        **({"source_label": self.source_label} if not builtin_case[c.case_id] else {})}
                       for c in batch],
        )

    def _shipped(self, pending: list[Chunk], report: IndexReport) -> dict[str, Vector]:
        """Shipped corpus vectors for these chunks, after embedding one of them to check them."""
        if not pending:
            return {}
        from facilitator.library import shipped

        table = shipped.load(self.embedder.name)
        hits: dict[str, Vector] = {c.sha256: table[c.sha256] for c in pending if c.sha256 in table}
        if not hits:
            return {}
        import numpy as np

        probe = next(c for c in pending if c.sha256 in hits)
        fresh = np.asarray(self.embedder.embed_passages([probe.text])[0], dtype=np.float32)
        ship = hits[probe.sha256]
        cos = float(fresh @ ship / (np.linalg.norm(fresh) * np.linalg.norm(ship) or 1.0))
        if cos < shipped.SPOT_CHECK:
            report.notices.append(f"shipped corpus vectors do not match this model here (cosine {cos:.3f}); "
                                  "embedding the corpus instead")
            return {probe.sha256: fresh}
        hits[probe.sha256] = fresh
        return hits


def _is_not_found(exc: Exception) -> bool:
    text = f"{type(exc).__name__} {exc}".lower()
    return "notfound" in text or "does not exist" in text or "not found" in text
