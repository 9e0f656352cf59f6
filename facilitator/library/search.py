"""Hybrid case search: dense vectors from chromadb fused with BM25, one hit per case.

Neither half is enough alone. E5 vectors find paraphrases and cross the language line
(an English query finds a Chinese card) but blur exact terms; BM25 nails exact terms
but knows nothing of meaning or translation. The two rankings are fused with
reciprocal rank fusion, which needs no score calibration between a cosine and a BM25
score; a case that BM25 does not match at all gets no lexical vote, so lexical noise
cannot push out a good dense match (bench/retrieval.py measures the choice).

A searcher is built once and answers many queries (``search --batch``): cards are
parsed and the BM25 model is built on first use, then kept. If the vector index is
missing, unreadable, built by another model, or out of step with the card files, the
searcher brings it up to date through ``CaseIndex.update`` and says so in
``notices``; if that is impossible (another process holds the lock, the embedding
endpoint is down) it still answers from BM25 alone, with a notice.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from facilitator.config import Settings
from facilitator.library.cards import INTRO_KEY, Chunk, section_title
from facilitator.library.embed import Embedder
from facilitator.library.glossary import translate
from facilitator.library.index import (
    CaseIndex,
    IndexBroken,
    IndexBusy,
    chunk_cards,
    resolve_folders,
    stored_hashes,
)
from facilitator.library.lexical import LexicalIndex, tokenize
from facilitator.library.snippet import make_snippet
from facilitator.locations import corpus_dir
from facilitator.model import Case, Hit, UserError

RRF_K = 10
"""Reciprocal-rank-fusion constant; below the customary 60 because case lists are short and
the top ranks matter (bench/retrieval.py --sweep: 5-30 is a plateau on this corpus)."""

DENSE_WEIGHT = 1.0
LEXICAL_WEIGHT = 1.0
LEXICAL_FLOOR = 0.1
FULL_COVERAGE = 0.5
"""A BM25 match covering less than LEXICAL_FLOOR of the query's weight gets no vote, one
covering FULL_COVERAGE or more a full vote, linear in between."""
DENSE_CANDIDATES = 400
"""Chunks fetched from the vector index per query (all of them for a lesson-sized library)."""

_OVERVIEW = {"zh": "概述", "en": "Overview"}
"""Shown as the section name when the best match is text before the first heading."""


@dataclass
class _Scored:
    case: Case
    dense: float | None = None
    dense_chunk: str | None = None
    lexical: float = 0.0
    lexical_chunk: str | None = None
    coverage: float = 0.0


def _matches(value: str, wanted: list[str]) -> bool:
    """A filter value matches a card value when equal or contained (``采购`` matches ``采购部``)."""
    v = unicodedata.normalize("NFKC", value).casefold().strip()
    return any(w and (w == v or w in v) for w in wanted)


def _norm_filter(values: list[str] | None) -> list[str]:
    return [unicodedata.normalize("NFKC", v).casefold().strip() for v in values or [] if v.strip()]


def fuse_rrf(dense: dict[str, float], lexical: dict[str, float], coverage: dict[str, float] | None = None) -> dict[str, float]:
    """Reciprocal rank fusion of the two case rankings, scaled so first in both is 1.0.

    Only cases BM25 actually matched get a lexical vote, and that vote is scaled by the
    share of the query the match covers (see ``LEXICAL_FLOOR``): one shared common
    word ("customer", "订单") is not evidence enough to outvote the meaning.
    """
    coverage = coverage or {}
    fused: dict[str, float] = {}
    for rank, cid in enumerate(sorted(dense, key=lambda c: -dense[c]), start=1):
        fused[cid] = fused.get(cid, 0.0) + DENSE_WEIGHT / (RRF_K + rank)
    matched = {c: s for c, s in lexical.items() if s > 0}
    for rank, cid in enumerate(sorted(matched, key=lambda c: -matched[c]), start=1):
        share = coverage.get(cid, 1.0)
        weight = 1.0 if share >= FULL_COVERAGE else max(0.0, share - LEXICAL_FLOOR) / (FULL_COVERAGE - LEXICAL_FLOOR)
        if weight <= 0:
            continue
        fused[cid] = fused.get(cid, 0.0) + LEXICAL_WEIGHT * weight / (RRF_K + rank)
    top = (DENSE_WEIGHT + LEXICAL_WEIGHT) / (RRF_K + 1)
    return {cid: score / top for cid, score in fused.items()}


class CaseSearcher:
    """Searches the case library of one home; keep one instance for many queries."""

    def __init__(
        self,
        home: Path,
        settings: Settings,
        libraries: list[Path] | None = None,
        builtin: bool = True,
        embedder: Embedder | None = None,
    ) -> None:
        self.home = Path(home)
        self.settings = settings
        self.libraries = libraries
        self.builtin = builtin
        self.index = CaseIndex(self.home, settings, embedder)
        self.notices: list[str] = []
        self.errors: list[str] = []
        self._ready = False
        self._cards: dict[str, Case] = {}
        self._chunks: list[Chunk] = []
        self._lexical: dict[str, tuple[LexicalIndex, list[int]]] = {}
        self._collection: Any = None
        self._centroids: dict[str, list[float]] = {}
        self._dense = True
        self.tokenizer: Callable[[str], list[str]] = tokenize
        self.translate = True
        """Also match the query's domain terms in the other language (glossary.py)."""
        """BM25 tokenizer; replaceable before the first search (bench/retrieval.py tries jieba)."""

    # -- setup --------------------------------------------------------------------------------

    def folders(self) -> list[Path]:
        """The card folders to search.

        The index remembers the folders of the last ``update`` (the user's last
        ``facilitator index``, perhaps with ``--library`` or ``--no-builtin``); those are
        the base, so a search never undoes an explicit index run. ``libraries`` (the
        configured folders and the home's ``cases/``) are added to them, and
        ``builtin=False`` takes the bundled corpus out. With no index yet: ``libraries``
        (default: configured + ``cases/``) plus the corpus unless ``builtin`` is False.
        """
        manifest = self.index.read_manifest() or {}
        recorded = manifest.get("folders")
        if not isinstance(recorded, list):
            return resolve_folders(self.home, self.settings, self.libraries, self.builtin)
        folders = [Path(f) for f in recorded]
        if not self.builtin and manifest.get("builtin"):
            folders = [f for f in folders if f != corpus_dir().resolve()]
        if self.libraries is not None:  # explicit folders always count, even the corpus's own
            folders += [f for f in resolve_folders(self.home, self.settings, self.libraries, False) if f not in folders]
        return folders

    def _prepare(self) -> None:
        if self._ready:
            return
        from facilitator.library.cards import load_cards

        folders = self.folders()
        cards, self.errors = load_cards(folders)
        if self.errors:
            self.notices.append(f"{len(self.errors)} card(s) skipped as malformed; `facilitator index` lists them")
        self._cards = {c.id: c for c in cards}
        self._chunks = chunk_cards(cards)
        self._chunk_by_id = {c.id: c for c in self._chunks}
        # one BM25 model per card language: in a mostly Chinese library every English word
        # is rare, so a shared idf would let "customer" or "site" decide an English query
        by_lang: dict[str, list[int]] = {}
        for i, chunk in enumerate(self._chunks):
            by_lang.setdefault(chunk.lang, []).append(i)
        self._lexical = {
            lang: (LexicalIndex([self._lexical_text(self._chunks[i]) for i in rows], tokenizer=self.tokenizer), rows)
            for lang, rows in by_lang.items()
        }
        self._ready = True
        self._open_dense(folders)

    def _lexical_text(self, chunk: Chunk) -> str:
        case = self._cards[chunk.case_id]
        return " ".join([chunk.text, *case.tags, *case.departments])

    def _open_dense(self, folders: list[Path]) -> None:
        """Open the vector index, refreshing it first if it is missing, broken or stale."""
        wanted = {c.id: c.sha256 for c in self._chunks}
        col: Any = None
        reason: str | None = None
        try:
            col = self.index.collection()
            if self.index.remote:
                current = stored_hashes(col)
            else:
                current = (self.index.read_manifest() or {}).get("chunks") or {}
            if current != wanted:
                reason = "stale"
        except IndexBroken as exc:
            reason = str(exc)
        except UserError as exc:  # server unreachable, embedding endpoint down, ...
            self.notices.append(f"{exc}; searching by keywords only")
            self._dense = False
            return
        if reason is None:
            self._use(col)
            return
        refreshed = self._refresh(folders, reason)
        if not self._dense:
            return
        if refreshed:
            try:
                col = self.index.collection()
            except (IndexBroken, UserError) as exc:
                self.notices.append(f"vector index unusable ({exc}); searching by keywords only")
                self._dense = False
                return
        elif col is None:
            self.notices.append("no usable vector index yet; searching by keywords only")
            self._dense = False
            return
        self._use(col)

    def _use(self, col: Any) -> None:
        """Keep the collection and the per-language centroids that de-bias its scores."""
        from facilitator.library.index import language_centroids

        self._collection = col
        manifest = self.index.read_manifest() or {}
        centroids = manifest.get("centroids") if not self.index.remote else None
        if not isinstance(centroids, dict):
            try:
                centroids = language_centroids(col)
            except Exception:
                centroids = {}
        self._centroids = {lang: [float(x) for x in vec] for lang, vec in centroids.items()}

    def _refresh(self, folders: list[Path], reason: str) -> bool:
        corpus = corpus_dir().resolve()
        libraries = [f for f in folders if f != corpus]
        try:
            report = self.index.update(libraries, builtin=corpus in folders)
        except IndexBusy:
            self.notices.append("index busy: another facilitator process is updating it; "
                                "results may miss recent card changes")
            return False
        except UserError as exc:
            self.notices.append(f"could not update the index ({exc}); searching by keywords only")
            self._dense = False
            return False
        self.notices.extend(report.notices)
        if reason == "stale":
            self.notices.append(
                f"index was out of step with the cards; updated it ({report.added} added, "
                f"{report.updated} updated, {report.removed} removed chunks)"
            )
        return True

    # -- search -------------------------------------------------------------------------------

    def search(
        self,
        query: str,
        k: int = 5,
        departments: list[str] | None = None,
        tags: list[str] | None = None,
        *,
        mode: str = "hybrid",
    ) -> list[Hit]:
        """The ``k`` best cases for ``query``, best first, optionally only those in these
        departments / with these tags (any of the given values matches).

        ``mode`` ``dense`` or ``lexical`` ranks by one half only (for bench/retrieval.py).
        """
        if not query or not query.strip():
            raise UserError("empty search query")
        if k < 1:
            raise UserError("-k must be at least 1")
        vector = self._start_query_embedding(query, mode)
        self._prepare()
        want_dept, want_tags = _norm_filter(departments), _norm_filter(tags)
        allowed = [
            c for c in self._cards.values()
            if (not want_dept or any(_matches(d, want_dept) for d in c.departments))
            and (not want_tags or any(_matches(t, want_tags) for t in c.tags))
        ]
        if not allowed:
            return []
        allowed_ids = {c.id for c in allowed}
        scored = {c.id: _Scored(c) for c in allowed}
        if mode != "dense":
            self._lexical_scores(query, scored)
        if mode != "lexical" and self._dense and self._collection is not None:
            self._dense_scores(vector, scored, allowed_ids)
        fused = fuse_rrf(
            {cid: s.dense for cid, s in scored.items() if s.dense is not None},
            {cid: s.lexical for cid, s in scored.items()},
            None if mode == "lexical" else {cid: s.coverage for cid, s in scored.items()},
        )
        ranked = sorted(fused, key=lambda cid: (-fused[cid], cid))[:k]
        return [self._hit(scored[cid], fused[cid], query) for cid in ranked]

    def _start_query_embedding(self, query: str, mode: str = "hybrid") -> _Future:
        """Embed the query in a thread: on a cold start it overlaps with importing chromadb."""
        if not self._dense or mode == "lexical":
            return _Future(None)
        return _Future(lambda: self.index.embedder.embed_query(query))

    def _lexical_scores(self, query: str, scored: dict[str, _Scored]) -> None:
        """BM25 per chunk, as the share of the query's weight matched (see ``LexicalIndex.bound``).

        The query is also read through the domain glossary in the other language; that
        view counts in proportion to how much of the query the glossary translated.
        """
        views = [(query, 1.0)]
        if self.translate:
            translated, share = translate(query)
            if translated:
                views.append((translated, share))
        best = [0.0] * len(self._chunks)
        for lexical, rows in self._lexical.values():
            for text, weight in views:
                bound = lexical.bound(text) or 1.0
                for i, score in zip(rows, lexical.scores(text), strict=True):
                    best[i] = max(best[i], min(1.0, score / bound) * weight)
        for chunk, share in zip(self._chunks, best, strict=True):
            entry = scored.get(chunk.case_id)
            if entry is not None and share > entry.lexical:
                entry.lexical, entry.lexical_chunk, entry.coverage = share, chunk.id, share

    def _dense_scores(self, vector: _Future, scored: dict[str, _Scored], allowed: set[str]) -> None:
        try:
            qvec = vector.result()
        except UserError as exc:
            self.notices.append(f"{exc}; searching by keywords only")
            self._dense = False
            return
        if qvec is None:
            return
        n = min(len(self._chunks), DENSE_CANDIDATES)
        if n == 0:
            return
        where = None if len(allowed) == len(self._cards) else {"case_id": {"$in": sorted(allowed)}}
        try:
            result = self._collection.query(
                query_embeddings=[qvec], n_results=n, where=where, include=["metadatas", "distances"]
            )
        except Exception as exc:
            if not self._recover(exc):
                return
            try:
                result = self._collection.query(
                    query_embeddings=[qvec], n_results=n, where=where, include=["metadatas", "distances"]
                )
            except Exception:
                self._dense = False
                return
        bias = self._language_bias(qvec)
        for cid, meta, dist in zip(result["ids"][0], result["metadatas"][0], result["distances"][0], strict=True):
            case_id = (meta or {}).get("case_id") or cid.split("#", 1)[0]
            entry = scored.get(case_id)
            if entry is None or cid not in self._chunk_by_id:
                continue
            sim = 1.0 - float(dist) - bias.get(entry.case.lang, 0.0)
            if entry.dense is None or sim > entry.dense:
                entry.dense, entry.dense_chunk = sim, cid

    def _language_bias(self, qvec: list[float]) -> dict[str, float]:
        """The query's mean similarity to each language's chunks (only matters with 2+ languages)."""
        if len(self._centroids) < 2:
            return {}
        return {lang: sum(a * b for a, b in zip(qvec, vec, strict=False)) for lang, vec in self._centroids.items()}

    def _recover(self, exc: Exception) -> bool:
        """A query failed inside chromadb (damaged segment files): rebuild once, then retry."""
        self.notices.append(f"vector index failed ({type(exc).__name__}); rebuilding it from the cards")
        corpus = corpus_dir().resolve()
        folders = self.folders()
        try:
            report = self.index.update([f for f in folders if f != corpus], builtin=corpus in folders, rebuild=True)
            self.notices.extend(report.notices)
            self._use(self.index.collection())
            return True
        except (IndexBusy, IndexBroken, UserError) as err:
            self.notices.append(f"could not rebuild the index ({err}); searching by keywords only")
            self._dense = False
            return False

    # -- presenting ---------------------------------------------------------------------------

    def _hit(self, s: _Scored, score: float, query: str) -> Hit:
        # the section whose words match the query, if the match means something; else the closest meaning
        chunk_id = s.lexical_chunk if s.coverage >= LEXICAL_FLOOR else None
        chunk_id = chunk_id or s.dense_chunk or s.lexical_chunk
        if chunk_id is None or chunk_id not in self._chunk_by_id:
            chunk_id = next(c.id for c in self._chunks if c.case_id == s.case.id)
        chunk = self._chunk_by_id[chunk_id]
        body = chunk.text.split("\n", 1)[1] if "\n" in chunk.text else chunk.text
        section = section_title(chunk.section, s.case.lang) if chunk.section != INTRO_KEY else _OVERVIEW[s.case.lang]
        return Hit(
            case_id=s.case.id,
            title=s.case.title,
            score=round(score, 4),
            section=section,
            snippet=make_snippet(body, query),
            source=s.case.source or s.case.path,
        )


class _Future:
    """A value computed in a background thread (stdlib only; concurrent.futures costs import time)."""

    def __init__(self, fn: Any) -> None:
        self._value: Any = None
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None
        if fn is not None:
            self._thread = threading.Thread(target=self._run, args=(fn,), daemon=True)
            self._thread.start()

    def _run(self, fn: Any) -> None:
        try:
            self._value = fn()
        except BaseException as exc:  # re-raised in result()
            self._error = exc

    def result(self) -> Any:
        if self._thread is not None:
            self._thread.join()
        if self._error is not None:
            raise self._error
        return self._value
