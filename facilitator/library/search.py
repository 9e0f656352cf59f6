"""Hybrid case search: dense vectors fused with BM25, one hit per case.

Neither half is enough alone. E5 vectors find paraphrases and cross the language line
(an English query finds a Chinese card) but blur exact terms; BM25 nails exact terms
but knows nothing of meaning or translation. The two rankings are fused with
reciprocal rank fusion, which needs no score calibration between a cosine and a BM25
score; a case that BM25 does not match at all gets no lexical vote, so lexical noise
cannot push out a good dense match (bench/retrieval.py measures the choice).

Both halves read the search tables the index writer saved (``tables.py``), memory-
mapped: the lexical half scores only the postings of the query's terms, the dense half
is one matrix-vector product over the chunk vectors (faster than asking chromadb for
enough candidates, and it lets every chunk's score be corrected, see below). A searcher
opens the tables once and answers many queries (``search --batch``); it checks that
they match the card files by their stat signature, without parsing a card. If they do
not (a card changed, the index is missing, broken or from another model), it brings the
index up to date through ``CaseIndex.update`` and says so in ``notices``; if that is
impossible (another process holds the lock, the embedding endpoint is down) it still
answers, from the older tables or from BM25 alone, with a notice.

Two corrections keep the dense half honest. multilingual-e5 scores a query higher
against any passage in its own language: the query's similarity to each language's
centroid is subtracted. And some chunks sit close to everything (hubs): CSLS-style,
each chunk's mean similarity to its nearest chunks of other cases, less its language's
mean, is subtracted too (``HUB_WEIGHT``).

This is the one ranking layer for cases. A question with more context than the words
typed (the meeting search) comes as a :class:`Query`: weighted parts, section weights,
obstacle-kind weights and a preferred language, all applied inside this one ranking. After
fusion, a case that wins for everything is divided down by how often it does
(``HUB_WINS_WEIGHT``, counted over the library's own chunks asked as queries). Whether the
answers are degraded, and why, is the typed :class:`Degraded` in ``degraded``.
"""

from __future__ import annotations

import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

from facilitator.config import Settings
from facilitator.library.cards import (
    INTRO_KEY,
    OVERVIEW,
    case_chunks,
    detect_language,
    read_sections,
    section_title,
)
from facilitator.library.embed import Embedder
from facilitator.library.glossary import translate
from facilitator.library.index import (
    COLLECTION,
    CaseIndex,
    IndexBusy,
    chunk_cards,
    resolve_folders,
    sqlite_count,
)
from facilitator.library.lexical import TermKeys, tokenize
from facilitator.library.snippet import make_snippet
from facilitator.library.tables import SearchTables
from facilitator.locations import corpus_dir
from facilitator.model import Case, Hit, UserError

if TYPE_CHECKING:
    from facilitator.library.arrays import Bools, Doubles, Floats

T = TypeVar("T")

RRF_K = 10
"""Reciprocal-rank-fusion constant; below the customary 60 because case lists are short and
the top ranks matter (bench/retrieval.py --sweep: 5-30 is a plateau on this corpus)."""

DENSE_WEIGHT = 1.0
LEXICAL_WEIGHT = 1.0
LEXICAL_FLOOR = 0.1
FULL_COVERAGE = 0.5
"""A BM25 match covering less than LEXICAL_FLOOR of the query's weight gets no vote, one
covering FULL_COVERAGE or more a full vote, linear in between. A match in a card of
another language than the query's counts only from FULL_COVERAGE up: there, a share
below that is stray words (``ship``, ``order`` in a Chinese card), not a translation."""
FUSION_CANDIDATES = 100
"""Cases taken from the top of each half into fusion; a case below this in both halves
cannot reach the first ten (its fused score is under 2/(RRF_K + 101))."""
HUB_WEIGHT = 0.75
"""How much of a chunk's hubness (above its language's mean) is taken off its similarity
(CSLS's own weighting would be 0.5: 2·cos − r_query − r_chunk, halved)."""
HUB_OWN_LANGUAGE = True
"""Take hubness off only the chunks in the query's own language. Across languages the
centroid correction already does that work, and penalising there too pushed a Chinese card
below an English hub for an English query. bench/retrieval.py --sweep, both sets (eval 12,
held-out 22): own language at 0.75 keeps eval at MRR 1.000 and lifts held-out MRR
0.846 -> 0.894 and recall@3 20 -> 22 of 22; applied to every chunk, any weight cost the
eval set a rank-1 answer."""
FIRST_PASS_KEEP = 3000
"""Rows scored exactly after the first pass: enough for the top FUSION_CANDIDATES cases many
times over (a card has about six chunks); bench/search.py prints the agreement with exact."""
QUERY_CACHE = 256
"""Query vectors kept per searcher (384 floats each: 400 KB in all)."""
SECTION_DENSE_SCALE = 0.05
"""``section_weights`` move a chunk's dense similarity by this times ln(weight)."""
OTHER_LANGUAGE = 0.9
"""A card in another language than the one asked for (``Query.language``: the meeting's) keeps
this share of its fused score: cards in the meeting's language come first unless one of the
other language is clearly better, by a tenth or more (issue 24: an English customs card came
second in a Chinese meeting about a flange supplier, 0.98 against the Chinese card's 0.96).
Many analogues cross languages (an English meeting whose way out is told in a Chinese card),
so it is a margin, not a filter. ``bench/retrieval.py --only-meetings --sweep-language``: on
the tune half of bench/meetings/heldout (24 meetings) 0.99 to 0.9 all give MRR 0.807, 0.8 gives
0.795 and 0.7 0.681; on the older bench/meetings set 0.99 to 0.9 give 0.775, 0.8 0.760: 0.9 is
the widest margin that costs nothing. Plain ``search`` is not affected (``QUERY_OTHER_LANGUAGE``)."""
TRANSLATED_FLOOR = 0.4
"""The query read through the glossary counts in a card only where it covers this share of
the translation: a few stray words (``supplier``, ``order`` for 供应商不接小单) put an
unrelated card of the other language second. bench/retrieval.py, eval and held-out queries:
0.0, 0.3, 0.4 and 0.5 give the same recall and MRR (eval 1.000, held-out MRR 0.902); from 0.4 the
English EDI card no longer comes second for that query (issue 24 point 3)."""
QUERY_OTHER_LANGUAGE = 1.0
"""The same for a plain search, against the query's own language: none, since a query typed
in one language often means a card written in the other (bench/retrieval.py's held-out
queries cross languages on purpose: even 0.97 took their recall@1 from 0.82 to 0.73)."""
HUB_WINS_WEIGHT = 0.2
"""How hard a case that wins for everything is pushed down: its fused score is divided by
1 + this × ln(wins / fair share), where wins counts how often it is the nearest other case
to the library's chunks asked as queries (``_win_counts``); at or below its share, nothing."""
WIN_TOP = 3
"""A query's wins: the cases of its top places."""
WIN_QUERIES = 1024
"""Chunks asked as queries for the win counts: all in a small library, a stable sample above."""


@dataclass(frozen=True)
class Query:
    """A question with weights, for the one ranking layer.

    A plain search is one part of weight 1. The meeting search (``meeting_query.py``)
    puts the obstacle and the context in as parts with their weights, favours sections
    (a card's real obstacle and resolution), obstacle kinds and a language, and the
    searcher ranks once: the parts' embeddings are summed by weight into one query
    vector, their BM25 shares averaged by weight, and the preferences multiply the
    fused score. A ``fallback`` text adds the places a plain search of it gives as one
    more weighted vote of that same fusion; no ranking is fused again afterwards.
    """

    parts: tuple[tuple[str, float], ...]
    section_weights: Mapping[str, float] | None = None
    """Section key (``obstacle``, ``resolution`` ...) -> factor on its chunks' match (1: neutral)."""
    kind_weights: Mapping[str, float] | None = None
    """A card's obstacle kind -> factor on its fused score (1: neutral)."""
    language: str | None = None
    """Cards in this language first (``OTHER_LANGUAGE``); None: the query's own language."""
    fallback: tuple[str, float] | None = None
    """A plain search of this text, and its weight as one more voter of the fusion: each case
    gets ``weight / (RRF_K + its place in that search)``, so a case the plain search of the
    same words puts first is not lost by the weighting (the meeting search's fallback)."""
    fallback_place: int | None = None
    """The case the plain search of ``fallback`` puts first is kept at this place or better
    (moved up, scored as the case it displaces): whatever the weights, a card that search
    finds first is not lost from the top places (None: no such guarantee)."""

    @classmethod
    def plain(cls, text: str) -> Query:
        return cls(parts=((text, 1.0),))

    @property
    def text(self) -> str:
        """The parts as one text (for snippets and the language guess), heaviest first."""
        ordered = sorted(self.parts, key=lambda p: -p[1])
        return "\n".join(dict.fromkeys(t for t, w in ordered if w > 0 and t.strip()))


MATCHED_WEIGHT = 0.001
"""What one nat of BM25 matched in a case counts for, in corrected cosine similarity, in a
text's ``Evidence``. bench/relevance_floor.py sweeps 0-0.006 on the tune meetings (24 of
bench/meetings/heldout/tune and the 10 older ones) and the queries: 0.001 leaves the fewest
under the floor (5 of 34 queries, as at 0 and 0.0005; 172 of 268 meeting lines against 176
and 182; no tune meeting loses its card at any weight)."""
RELEVANCE_FLOOR = 0.042
"""A text's best case is clearly relevant when its similarity plus ``MATCHED_WEIGHT`` times
its BM25 nats reaches this: just above the highest that the contentless notes of
``bench/data/contentless.txt`` of ``MIN_TERMS`` or more reach (0.0415; the queries' median
is 0.061, the tune meetings' best line before an obstacle is recorded 0.036-0.106). Chosen and
printed, beside both distributions, by bench/relevance_floor.py; of 14 contentless meetings
written apart (bench/data/contentless_meetings.tsv) 13 get no case."""
MIN_TERMS = 5
"""A text of fewer terms (the BM25 tokenizer's: words, Chinese character pairs) is not clear
evidence of anything, whatever its best case: ``测试``, ``test 2`` or ``can you see my screen``
lie close to a testing or a video-conference card. No query of ``queries.tsv`` or
``bench/data/heldout.tsv`` is shorter (bench/relevance_floor.py)."""
LEXICAL_ONLY_FLOOR = 8.0
"""Without vectors (search degraded to keywords), the BM25 nats alone must reach this: above
what any of those contentless notes matches (7.9 at most)."""
CLEAR_CACHE = 4096
"""Texts whose ``clearly_matches`` is kept per searcher."""


@dataclass(frozen=True)
class Evidence:
    """How clearly a text's best case matches it, in absolute terms: the fused score is a
    rank and says nothing of it (``好的`` or ``test`` have a first case too).

    ``similarity`` is the case's best chunk's cosine similarity to the text less the
    language-centroid and hub corrections (None without vectors); ``matched`` its BM25
    score in nats (the share of the text's information matched times that information)."""

    case_id: str
    similarity: float | None
    matched: float
    terms: int = MIN_TERMS
    """The text's distinct terms (a meeting's line needs ``MIN_TERMS``: ``clearly_matches``)."""

    @property
    def value(self) -> float:
        """The evidence on one scale (``similarity + MATCHED_WEIGHT * matched``); without vectors,
        the matched nats scaled so that ``LEXICAL_ONLY_FLOOR`` meets ``RELEVANCE_FLOOR``."""
        if self.similarity is None:
            return self.matched * RELEVANCE_FLOOR / LEXICAL_ONLY_FLOOR
        return self.similarity + MATCHED_WEIGHT * self.matched

    @property
    def clear(self) -> bool:
        """Whether the best case is clearly relevant (a typed query: ``钢管 生锈 清洗`` is short and clear)."""
        return self.value >= RELEVANCE_FLOOR


@dataclass(frozen=True)
class Degraded:
    """Why a search answers from keywords only, typed (the panel marks itself with it).

    ``reason``: ``busy`` (another process holds the index), ``no-index`` (nothing usable
    yet), ``update-failed`` (the index could not be brought up to date), ``embedding``
    (the query could not be embedded: endpoint or server down)."""

    reason: str
    message: str




def _matches(value: str, wanted: list[str]) -> bool:
    """A filter value matches a card value when equal or contained (``采购`` matches ``采购部``)."""
    v = unicodedata.normalize("NFKC", value).casefold().strip()
    return any(w and (w == v or w in v) for w in wanted)


def _norm_filter(values: list[str] | None) -> list[str]:
    return [unicodedata.normalize("NFKC", v).casefold().strip() for v in values or [] if v.strip()]


def coverage_weight(share: float) -> float:
    """The lexical vote a match covering ``share`` of the query earns (see ``LEXICAL_FLOOR``)."""
    if share >= FULL_COVERAGE:
        return 1.0
    return max(0.0, share - LEXICAL_FLOOR) / (FULL_COVERAGE - LEXICAL_FLOOR)


def fuse_rrf(dense: dict[str, float], lexical: dict[str, float], coverage: dict[str, float] | None = None) -> dict[str, float]:
    """Reciprocal rank fusion of the two case rankings, scaled so first in both is 1.0.

    Only cases BM25 actually matched get a lexical vote, and that vote is scaled by the
    share of the query the match covers (see ``LEXICAL_FLOOR``): one shared common
    word ("customer", "订单") is not evidence enough to outvote the meaning. The searcher
    does the same with ranks over the whole library (``_fuse``); this is its definition.
    """
    coverage = coverage or {}
    fused: dict[str, float] = {}
    for rank, cid in enumerate(sorted(dense, key=lambda c: -dense[c]), start=1):
        fused[cid] = fused.get(cid, 0.0) + DENSE_WEIGHT / (RRF_K + rank)
    matched = {c: s for c, s in lexical.items() if s > 0}
    for rank, cid in enumerate(sorted(matched, key=lambda c: -matched[c]), start=1):
        weight = coverage_weight(coverage.get(cid, 1.0))
        if weight <= 0:
            continue
        fused[cid] = fused.get(cid, 0.0) + LEXICAL_WEIGHT * weight / (RRF_K + rank)
    top = (DENSE_WEIGHT + LEXICAL_WEIGHT) / (RRF_K + 1)
    return {cid: score / top for cid, score in fused.items()}


@dataclass
class _Half:
    """One half's per-case scores over the whole library (``-inf``/0 where not scored)."""

    case: Floats | Doubles
    """Per case: best chunk score (dense: similarity, lexical: share of the query)."""
    rows: Floats | Doubles
    """Per row: the scores the case maxima came from (to find a case's best chunk)."""


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
        self.degraded: Degraded | None = None
        """Set when searches answer from keywords only, with the reason (see ``Degraded``)."""
        self._ready = False
        self._tables: SearchTables | None = None
        self._cards: list[Case] | None = None
        """``cards()``, made once: the tables do not change under a searcher."""
        self._texts: dict[str, str] = {}
        """Chunk texts when the cards were parsed in this process (else read back per hit)."""
        self._dense = True
        self._keys = TermKeys()
        self._filters: dict[tuple[tuple[str, ...], tuple[str, ...]], Bools] = {}
        self.tokenizer: Callable[[str], list[str]] = tokenize
        """BM25 tokenizer; replaceable before the first search (bench/retrieval.py tries jieba)."""
        self.translate = True
        """Also match the query's domain terms in the other language (glossary.py)."""
        self._query_vectors: OrderedDict[str, Floats] = OrderedDict()
        self._clear: OrderedDict[str, bool] = OrderedDict()
        """``clearly_matches`` of texts asked before (the tables do not change under a searcher)."""
        self._wins: _Future[Floats | None] | Floats | None = None
        self._no_wins = False
        """Set when the wins could not be counted (no vectors): no hub divisor."""
        """Per case, the hub divisor from ``_win_counts`` (made on the first search)."""
        self.first_pass = True
        """Large libraries: score exactly only the rows a projected first pass finds (``_dense_half``)."""

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
        self._ready = True
        folders = self.folders()
        tables = self._saved_tables(folders)
        if tables is None:
            tables = self._refresh(folders)
        self._tables = tables
        if tables.vectors is None:
            self._dense = False
        self._derive(tables)

    def ready(self) -> Degraded | None:
        """Open the tables (bringing the index up to date if needed) and say whether searches
        will be degraded: the panel shows its mark even while it has nothing to search for."""
        self._prepare()
        return self.degraded

    def cards(self) -> list[Case]:
        """The library's cards as this searcher searches them, each with the sections the
        meeting search and the coach read (``tables.SUMMARY_SECTIONS``), from the tables:
        no card file is read (at 100k chunks reading them took a quarter of a minute)."""
        self._prepare()
        if self._cards is not None:
            return self._cards
        t = self._tables
        assert t is not None
        if not t.has_summaries():  # tables written before they kept the sections: read the cards
            from facilitator.library.cards import load_cards

            self._cards = load_cards(self.folders())[0]
        else:
            summaries = t.summaries()
            self._cards = [replace(case, sections=dict(summaries.get(case.id, {}))) for case in t.cases]
        return self._cards

    def cards_of(self, ids: list[str]) -> list[Case]:
        """The cards of these ids (unknown ids left out), as ``cards()`` makes them, without
        making the whole library's: the meeting search and the coach need their hits' only."""
        self._prepare()
        if self._cards is not None:
            wanted = set(ids)
            return [c for c in self._cards if c.id in wanted]
        t = self._tables
        assert t is not None
        if not t.has_summaries():
            wanted = set(ids)
            return [c for c in self.cards() if c.id in wanted]
        summaries = t.summaries()
        return [replace(t.cases[t.case_index[cid]], sections=dict(summaries.get(cid, {})))
                for cid in dict.fromkeys(ids) if cid in t.case_index]

    def card(self, case_id: str) -> Case | None:
        """One card, whole, read from its own file (None if the library has no such case)."""
        from facilitator.library.cards import parse_card

        self._prepare()
        t = self._tables
        assert t is not None
        index = t.case_index.get(case_id)
        if index is None or not t.cases[index].path:
            return None
        path = t.cases[index].path or ""
        try:
            case = parse_card(Path(path).read_text(encoding="utf-8"), path)
        except (OSError, UnicodeDecodeError, UserError):
            return None
        return case if case.id == case_id else None

    def _saved_tables(self, folders: list[Path]) -> SearchTables | None:
        """The saved tables if they match the card files, the model and the vector index."""
        from facilitator.library.cards import file_signature

        manifest = self.index.read_manifest()
        if manifest is None or self.index.mismatch(manifest) is not None:
            return None
        # stat the card files (system calls, the GIL let go) while the tables' rows are decoded
        signature = _Future(lambda: file_signature(dirs=folders))
        tables = self.index.tables()
        if tables is None or tables.vectors is None or tables.embedding_model != self.index.embedder.name:
            return None
        if tables.folders != [str(f) for f in folders] or manifest.get("folders") != tables.folders:
            return None
        if tables.files != signature.result():
            return None
        if not self.index.remote and sqlite_count(
            self.index.dir, str(manifest.get("collection", COLLECTION))
        ) != tables.collection_count:
            return None  # the vector index itself is gone or damaged: let the update repair it
        return tables

    def _refresh(self, folders: list[Path]) -> SearchTables:
        """Bring the index up to date; on failure, search what can be searched. The cards are
        parsed here only when the index cannot be used (the update reads just the changed ones:
        parsing 16k cards first cost a fresh process seven seconds after a one-card edit)."""
        older = self.index.tables()
        corpus = corpus_dir().resolve()
        libraries = [f for f in folders if f != corpus]
        try:
            report = self.index.update(libraries, builtin=corpus in folders)
        except IndexBusy:
            self.notices.append("index busy: another facilitator process is updating it; "
                                "results may miss recent card changes")
            if older is not None and older.vectors is not None and older.embedding_model == self.index.embedder.name:
                return older
            self._degrade("no-index", "no usable vector index yet; searching by keywords only")
            return self._keywords_only(folders)
        except UserError as exc:
            self._degrade("update-failed", f"could not update the index ({exc}); searching by keywords only")
            return self._keywords_only(folders)
        self._note_errors(list(report.errors))
        self.notices.extend(report.notices)
        if older is not None and (report.added or report.updated or report.removed):
            self.notices.append(
                f"index was out of step with the cards; updated it ({report.added} added, "
                f"{report.updated} updated, {report.removed} removed chunks)"
            )
        tables = self.index.tables()
        if tables is None or tables.vectors is None:
            self._degrade("no-index", "vector index unusable; searching by keywords only")
            return self._keywords_only(folders, errors_noted=True)
        return tables

    def _note_errors(self, errors: list[str]) -> None:
        self.errors = errors
        if errors:
            self.notices.append(f"{len(errors)} card(s) skipped as malformed; `facilitator index` lists them")

    def _degrade(self, reason: str, message: str) -> None:
        """Answer from keywords only from now on, and say why (``degraded`` and ``notices``)."""
        self.degraded = Degraded(reason, message)
        self.notices.append(message)

    def _keywords_only(self, folders: list[Path], errors_noted: bool = False) -> SearchTables:
        from facilitator.library.cards import load_cards

        cards, errors = load_cards(folders)
        if not errors_noted:
            self._note_errors(errors)
        chunks = chunk_cards(cards)
        self._texts = {c.id: c.text for c in chunks}
        self._dense = False
        return SearchTables.build(cards, chunks, None, tokenizer=self.tokenizer)

    def _derive(self, t: SearchTables) -> None:
        """Per-row constants of the dense half: language code, hub correction."""
        import numpy as np

        self._wins, self._no_wins = None, False
        self._row_lang = np.asarray(t.lexical.a["row_lang"])
        self._row_case = np.asarray(t.row_case)
        self._langs = t.lexical.langs
        self._hub_adj = None
        if t.vectors is not None and t.hub is not None:
            means = np.array([t.hub_mean.get(lang, 0.0) for lang in self._langs], dtype=np.float32)
            self._hub_adj = (HUB_WEIGHT * (np.asarray(t.hub) - means[self._row_lang])).astype(np.float32)
        self._centroid_matrix = None
        if len(t.centroids) >= 2 and all(lang in t.centroids for lang in self._langs):
            self._centroid_matrix = np.vstack([t.centroids[lang] for lang in self._langs]).astype(np.float32)
        self._start_win_counts(t)

    # -- search -------------------------------------------------------------------------------

    def search(
        self,
        query: str | Query,
        k: int = 5,
        departments: list[str] | None = None,
        tags: list[str] | None = None,
        *,
        mode: str = "hybrid",
    ) -> list[Hit]:
        """The ``k`` best cases for ``query``, best first, optionally only those in these
        departments / with these tags (any of the given values matches).

        ``query`` is the words typed, or a :class:`Query` with weighted parts and
        preferences (the meeting search). ``mode`` ``dense`` or ``lexical`` ranks by one
        half only (for bench/retrieval.py).
        """
        ranked = self._rank(query, k, departments, tags, mode)
        if ranked is None:
            return []
        t, order, fused, text, dense, lexical = ranked
        return [self._hit(t, ci, fused[ci], text, dense, lexical) for ci in order]

    def _rank(self, query: str | Query, k: int, departments: list[str] | None, tags: list[str] | None,
              mode: str) -> tuple[SearchTables, list[int], dict[int, float], str, _Half | None, _Half | None] | None:
        """``search``'s ranking: the tables, the ``k`` best cases' indexes, the fused scores, the
        query's text and both halves (None: no case allowed)."""
        q = Query.plain(query) if isinstance(query, str) else query
        parts = [(text, float(w)) for text, w in q.parts if text and text.strip() and w > 0]
        if not parts:
            raise UserError("empty search query")
        if k < 1:
            raise UserError("-k must be at least 1")
        import numpy as np

        vectors = [(self._start_query_embedding(text, mode), w) for text, w in parts]
        plain = q.fallback if mode == "hybrid" and q.fallback and q.fallback[0].strip() and q.fallback[1] > 0 else None
        plain_vector = self._start_query_embedding(plain[0], mode) if plain else None
        self._prepare()
        t = self._tables
        assert t is not None
        allowed = self._allowed(t, departments, tags)
        if not allowed.any():
            return None
        weights = None
        if q.section_weights:
            per_section = np.array([float(q.section_weights.get(s, 1.0)) for s in t.sections], dtype=np.float32)
            weights = np.maximum(per_section, 1e-6)[np.asarray(t.row_section)]
        text = q.text
        lexical = self._lexical_parts(parts, t, weights) if mode != "dense" else None
        dense = self._dense_half(text, vectors, t, weights, allowed) if mode != "lexical" else None
        fused = self._fuse(t, allowed, dense, lexical, use_coverage=mode != "lexical", k=k)
        if mode == "hybrid":
            other = OTHER_LANGUAGE if q.language else QUERY_OTHER_LANGUAGE
            fused = self._prefer(t, fused, q.kind_weights, q.language or detect_language(text), other)
        plain_first = None
        if plain is not None and plain_vector is not None:
            fused, plain_first = self._plain_vote(t, allowed, fused, plain, plain_vector, k)
        order = sorted(fused, key=lambda ci: (-fused[ci], t.cases[ci].id))[:max(k, q.fallback_place or 0)]
        if q.fallback_place and plain_first is not None:
            order = _keep_place(order, fused, plain_first, q.fallback_place)
        return t, order[:k], fused, text, dense, lexical

    def evidence(self, text: str) -> Evidence | None:
        """How clearly the best case of a plain search of ``text`` matches it (``Evidence``);
        None when no case can be searched."""
        ranked = self._rank(text, 1, None, None, "hybrid")
        if ranked is None or not ranked[1]:
            return None
        t, order, _, _, dense, lexical = ranked
        ci = order[0]
        case = t.cases[ci]
        similarity = None
        if dense is not None and self._dense:
            best = float(dense.case[ci])
            similarity = best if best > -1.0 else -1.0  # outside a large library's first pass: no evidence
        matched = 0.0
        if lexical is not None and float(lexical.case[ci]) > 0 and case.lang in self._langs:
            # the text's information in the card's language: through the glossary for a card of the other
            words = text
            if case.lang != detect_language(text) and self.translate:
                words = translate(text)[0] or text
            matched = float(lexical.case[ci]) * t.lexical.information(self.tokenizer(words), case.lang, self._keys)
        return Evidence(case.id, similarity, matched, len(set(self.tokenizer(text))))

    def clearly_matches(self, text: str, declared: bool = False) -> bool:
        """Whether a line said in a meeting clearly finds a case on its own: ``MIN_TERMS`` terms
        or more and ``Evidence.clear``; kept per text, as the meeting search asks it of each line
        said, many times over a meeting. ``declared``: the room recorded the line as its
        obstacle, so it says what is stuck by where it stands; only its length is asked of it
        (a real analogue is told in another industry's words, and its similarity is often no
        higher than chatter's)."""
        if declared:
            return len(set(self.tokenizer(text))) >= MIN_TERMS
        known = self._clear.get(text)
        if known is None:
            found = self.evidence(text) if len(set(self.tokenizer(text))) >= MIN_TERMS else None
            known = found is not None and found.clear
            self._clear[text] = known
            while len(self._clear) > CLEAR_CACHE:
                self._clear.popitem(last=False)
        return known

    def _plain_vote(self, t: SearchTables, allowed: Bools, fused: dict[int, float], plain: tuple[str, float],
                    vector: _Future[Floats], k: int) -> tuple[dict[int, float], int | None]:
        """``fused`` with the plain search of ``plain``'s text voting by its places (``Query.fallback``),
        rescaled so a case first everywhere still scores 1; and that search's first case."""
        text, weight = plain
        lexical = self._lexical(text, t, None)
        dense = self._dense_half(text, [(vector, 1.0)], t, None, allowed)
        own = self._fuse(t, allowed, dense, lexical, use_coverage=True, k=k)
        own = self._prefer(t, own, None, detect_language(text), QUERY_OTHER_LANGUAGE)
        top = (DENSE_WEIGHT + LEXICAL_WEIGHT) / (RRF_K + 1)
        out = dict(fused)
        ranked = sorted(own, key=lambda c: (-own[c], t.cases[c].id))[:FUSION_CANDIDATES]
        for rank, ci in enumerate(ranked, start=1):
            out[ci] = out.get(ci, 0.0) + weight / (RRF_K + rank) / top
        scale = 1.0 + weight / (DENSE_WEIGHT + LEXICAL_WEIGHT)
        return {ci: score / scale for ci, score in out.items()}, (ranked[0] if ranked else None)

    def _prefer(self, t: SearchTables, fused: dict[int, float], kinds: Mapping[str, float] | None,
                lang: str, other: float) -> dict[int, float]:
        """The fused scores times the preferences: obstacle kind, language, and not a hub."""
        case_kind, case_lang = t.cases.field("obstacle"), t.cases.field("lang")
        wins = self._win_factor(lang)
        out: dict[int, float] = {}
        for ci, score in fused.items():
            if kinds:
                score *= float(kinds.get(case_kind[ci] or "", 1.0))
            if case_lang[ci] and case_lang[ci] != lang:
                score *= other
            if wins is not None:
                score /= float(wins[ci])
            out[ci] = score
        return out

    def _start_win_counts(self, t: SearchTables | None = None) -> None:
        """Count the wins in a thread (numpy lets the GIL go): on a cold start it overlaps
        with embedding the first query."""
        tables, centroids, hub = t or self._tables, self._centroid_matrix, self._hub_adj
        if tables is not None:
            self._wins = _Future(lambda: _win_counts(tables, centroids, hub))

    def _win_factor(self, lang: str) -> Floats | None:
        """Per case, what its fused score is divided by for winning too often among queries
        in ``lang`` (1: not a hub; None: nothing known)."""
        import numpy as np

        if self._wins is None and not self._no_wins and self._tables is not None:
            self._start_win_counts()
        if isinstance(self._wins, _Future):
            rel = self._wins.result()
            self._no_wins = rel is None
            self._wins = None if rel is None else (
                1.0 + HUB_WINS_WEIGHT * np.log(np.maximum(rel, 1.0))).astype(np.float32)
        if self._wins is None or lang not in self._langs:
            return None
        return self._wins[self._langs.index(lang)]

    def _allowed(self, t: SearchTables, departments: list[str] | None, tags: list[str] | None) -> Bools:
        import numpy as np

        want_dept, want_tags = _norm_filter(departments), _norm_filter(tags)
        key = (tuple(want_dept), tuple(want_tags))
        if key not in self._filters:
            if not want_dept and not want_tags:
                self._filters[key] = np.ones(len(t.cases), dtype=bool)
            else:
                self._filters[key] = np.array([
                    (not want_dept or any(_matches(d, want_dept) for d in depts or []))
                    and (not want_tags or any(_matches(tg, want_tags) for tg in tags_ or []))
                    for depts, tags_ in zip(t.cases.field("departments"), t.cases.field("tags"), strict=True)
                ], dtype=bool)
        return self._filters[key]

    def _start_query_embedding(self, query: str, mode: str = "hybrid") -> _Future:
        """Embed the query in a thread: on a cold start it overlaps with opening the tables.

        The model is deterministic, so the vectors of the last ``QUERY_CACHE`` queries are
        kept: the cases panel asks the same question again whenever the user comes back
        to a stage, and ``search --batch`` files repeat lines.
        """
        if not self._dense or mode == "lexical":
            return _Future(None)
        known = self._query_vectors.get(query)
        if known is not None:
            self._query_vectors.move_to_end(query)
            return _Future.now(lambda: known)
        if self._ready:  # warm: nothing to overlap with, and starting a thread costs ms on a busy machine
            return _Future.now(lambda: self._embed_query(query))
        return _Future(lambda: self._embed_query(query))

    def _embed_query(self, query: str) -> Floats:
        import numpy as np

        vector = np.asarray(self.index.embedder.embed_query(query), dtype=np.float32)
        self._query_vectors[query] = vector
        while len(self._query_vectors) > QUERY_CACHE:
            self._query_vectors.popitem(last=False)
        return vector

    def forget_queries(self) -> None:
        """Drop the kept query vectors (bench/search.py times new queries with it)."""
        self._query_vectors.clear()

    def _lexical_parts(self, parts: list[tuple[str, float]], t: SearchTables, weights: Floats | None) -> _Half:
        """``_lexical`` of each part, averaged by the parts' weights (one part: itself)."""
        import numpy as np

        if len(parts) == 1:
            return self._lexical(parts[0][0], t, weights)
        total = sum(w for _, w in parts)
        shares = np.zeros(t.size, dtype=np.float32)
        for text, w in parts:
            shares += self._lexical(text, t, weights).rows * (w / total)
        return _Half(np.maximum.reduceat(shares, t.case_start[:-1]) if t.size else shares, shares)

    def _lexical(self, query: str, t: SearchTables, weights: Floats | None) -> _Half:
        """Per row, the share of the query's information matched (``InvertedIndex.shares``).

        The query is also read through the domain glossary in the other language; that
        view counts in proportion to how much of the query the glossary translated, and only
        where it covers ``TRANSLATED_FLOOR`` of the translation. In cards of the other language the query's own words count only when they cover most
        of it (an acronym-heavy query), so stray words there earn nothing.
        """
        import numpy as np

        shares = t.lexical.shares(self.tokenizer(query), self._keys)
        qlang = detect_language(query)
        if qlang in self._langs and len(self._langs) > 1:
            other = self._row_lang != self._langs.index(qlang)
            shares = np.where(other & (shares < FULL_COVERAGE), 0.0, shares).astype(np.float32)
        if self.translate:
            translated, share = translate(query)
            if translated:
                found = t.lexical.shares(self.tokenizer(translated), self._keys)
                found = np.where(found < TRANSLATED_FLOOR, 0.0, found).astype(np.float32)
                np.maximum(shares, found * share, out=shares)
        if weights is not None:
            shares = shares * weights
        return _Half(np.maximum.reduceat(shares, t.case_start[:-1]) if t.size else shares, shares)

    def _dense_half(self, query: str, qvectors: list[tuple[_Future[Floats], float]], t: SearchTables,
                    weights: Floats | None, allowed: Bools) -> _Half | None:
        """Per row, the query's similarity, corrected (language centroid, hubness, section weight).

        In a large library a first pass over the projected vectors (``tables.FIRST_PASS_DIM``
        directions) picks the ``FIRST_PASS_KEEP`` most promising rows of the allowed cases and
        only those are scored exactly; the rest count as not found, as cases below the fusion
        candidates always did. ``first_pass = False`` scores every row exactly.
        """
        import numpy as np

        try:
            qvec = _combine([(v.result(), w) for v, w in qvectors])
        except UserError as exc:
            self._degrade("embedding", f"{exc}; searching by keywords only")
            self._dense = False
            return None
        if qvec is None or t.vectors is None or not t.size:
            return None
        # float64 from here: near-ties between cases are decided by these digits, and float32
        # sums differ in their last bits between BLAS kernels, thread counts and machines
        q = np.asarray(qvec, dtype=np.float64)
        adjust = self._row_adjust(q, weights, detect_language(query))
        vectors = np.asarray(t.vectors)
        if self.first_pass and t.projected is not None and t.size > FIRST_PASS_KEEP:
            # einsum, not ``@``: a matrix-vector product is memory-bound, and BLAS's threads
            # only wait for each other on a busy machine (10k rows: 0.6 ms alone, 5-8 ms loaded)
            rough = np.einsum("ij,j->i", np.asarray(t.projected), (np.asarray(t.basis).T @ q).astype(np.float32))
            if adjust is not None:
                rough -= adjust
            rough[~allowed[np.asarray(self._row_case)]] = -np.inf
            keep = np.argpartition(-rough, FIRST_PASS_KEEP - 1)[:FIRST_PASS_KEEP]
            keep.sort()
            sims = np.full(t.size, -np.inf, dtype=np.float64)
            sims[keep] = np.einsum("ij,j->i", vectors[keep], q) - (adjust[keep] if adjust is not None else 0.0)
        else:
            sims = np.einsum("ij,j->i", vectors, q)
            if adjust is not None:
                sims -= adjust
        return _Half(np.maximum.reduceat(sims, t.case_start[:-1]), sims)

    def _row_adjust(self, q: Doubles, weights: Floats | None, qlang: str) -> Floats | Doubles | None:
        """What is taken off each row's similarity for this query (None: nothing)."""
        import numpy as np

        adjust = None
        if self._centroid_matrix is not None:
            adjust = (self._centroid_matrix.astype(np.float64) @ q)[self._row_lang]
        if self._hub_adj is not None:
            hub = self._hub_adj
            if HUB_OWN_LANGUAGE and qlang in self._langs:
                hub = np.where(self._row_lang == self._langs.index(qlang), hub, 0.0)
            adjust = hub if adjust is None else adjust + hub
        if weights is not None:
            section = -SECTION_DENSE_SCALE * np.log(weights.astype(np.float64))
            adjust = section if adjust is None else adjust + section
        return adjust

    def _fuse(self, t: SearchTables, allowed: Bools, dense: _Half | None, lexical: _Half | None,
              use_coverage: bool, k: int) -> dict[int, float]:
        """``fuse_rrf`` over the allowed cases, reading only the top of each half."""
        import numpy as np

        n = max(k, FUSION_CANDIDATES)
        fused: dict[int, float] = {}
        if dense is not None:
            scores = np.where(allowed, dense.case, -np.inf)
            count = int(np.isfinite(scores).sum())
            top = _top(scores, min(n, count))
            for rank, ci in enumerate(top, start=1):
                fused[int(ci)] = DENSE_WEIGHT / (RRF_K + rank)
        if lexical is not None:
            scores = np.where(allowed, lexical.case, 0.0)
            matched = int((scores > 0).sum())
            top = _top(scores, min(n, matched))
            for rank, ci in enumerate(top, start=1):
                weight = coverage_weight(float(scores[ci])) if use_coverage else 1.0
                if weight > 0:
                    fused[int(ci)] = fused.get(int(ci), 0.0) + LEXICAL_WEIGHT * weight / (RRF_K + rank)
        top_score = (DENSE_WEIGHT + LEXICAL_WEIGHT) / (RRF_K + 1)
        return {ci: score / top_score for ci, score in fused.items()}

    # -- presenting ---------------------------------------------------------------------------

    def _hit(self, t: SearchTables, ci: int, score: float, query: str, dense: _Half | None,
             lexical: _Half | None) -> Hit:
        import numpy as np

        case = t.cases[ci]
        start, end = int(t.case_start[ci]), int(t.case_start[ci + 1])
        row: int | None = None
        # the section whose words match the query, if the match means something; else the closest meaning
        if lexical is not None and float(lexical.case[ci]) >= LEXICAL_FLOOR:
            row = start + int(np.argmax(lexical.rows[start:end]))
        elif dense is not None:
            row = start + int(np.argmax(dense.rows[start:end]))
        elif lexical is not None and float(lexical.case[ci]) > 0:
            row = start + int(np.argmax(lexical.rows[start:end]))
        row = row if row is not None else start
        chunk_id = t.chunk_id(row)
        section_key = t.sections[int(t.row_section[row])]
        text = self._chunk_text(case, chunk_id)
        body = text.split("\n", 1)[1] if "\n" in text else text
        section = section_title(section_key, case.lang) if section_key != INTRO_KEY else OVERVIEW[case.lang]
        return Hit(
            case_id=case.id,
            title=case.title,
            score=round(score, 4),
            section=section,
            snippet=make_snippet(body, query),
            source=case.source or case.path,
        )

    def _chunk_text(self, case: Case, chunk_id: str) -> str:
        """A chunk's text: kept from this process's parse, else read back from its card file."""
        if chunk_id in self._texts:
            return self._texts[chunk_id]
        try:
            sections = read_sections(Path(case.path or "").read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            sections = {}
        for chunk in case_chunks(replace(case, sections=sections)):
            self._texts[chunk.id] = chunk.text
        return self._texts.get(chunk_id, case.title)


def _combine(vectors: list[tuple[Floats | None, float]]) -> Floats | None:
    """The parts' query vectors summed by weight, unit length again (None if not embedded)."""
    import numpy as np

    if len(vectors) == 1 or any(v is None for v, _ in vectors):
        return vectors[0][0]
    total = np.sum([np.asarray(v, dtype=np.float64) * w for v, w in vectors], axis=0)
    norm = float(np.linalg.norm(total))
    return total / norm if norm else vectors[0][0]


def _win_counts(t: SearchTables, centroids: Floats | None = None, hub: Floats | None = None,
                top: int | None = None) -> Floats | None:
    """How often each case is among the ``top`` nearest other cases when the library's own
    chunks are asked as queries (up to ``WIN_QUERIES`` of them, a stable stride), with the
    search's own corrections: ``centroids`` (language code -> centroid rows, taken off by
    the query's similarity to the row's language) and ``hub`` (each row's hubness
    correction, taken off for queries of the row's own language).

    Returns an array (query language code, case) of wins relative to the fair share of
    the cases of the same language as that case (1: fair; -1: not in the sample, no
    evidence). Relative to its own language's cards, because cards of a language few
    cards are in win a large share of the other language's queries by being few; a hub
    is a card that wins far more than its peers. None without vectors."""
    import numpy as np

    if t.vectors is None or not t.size:
        return None
    top = top or WIN_TOP
    row_case = np.asarray(t.row_case)
    row_lang = np.asarray(t.lexical.a["row_lang"])
    n_langs = max(1, len(t.lexical.langs))
    step = max(1, t.size // WIN_QUERIES)
    rows = np.arange(0, t.size, step)[:WIN_QUERIES]
    rows = rows[np.argsort(row_lang[rows], kind="stable")]  # one block per language
    n_cases = len(t.cases)
    wins = np.zeros((n_langs, n_cases), dtype=np.float64)
    ref = np.asarray(t.vectors[rows], dtype=np.float64)  # float64: see _dense_half
    ref_case, ref_lang = row_case[rows], row_lang[rows]
    # queries and candidates are the same sample: a 100k library costs a 1024² product, not a full pass
    sims = ref @ ref.T
    if centroids is not None:
        sims -= (ref @ np.asarray(centroids, dtype=np.float64).T)[:, ref_lang]
    if hub is not None:
        hub_rows = np.asarray(hub, dtype=np.float64)[rows]
        bounds = np.flatnonzero(np.r_[True, ref_lang[1:] != ref_lang[:-1], True])
        for lo, hi in zip(bounds[:-1], bounds[1:], strict=True):
            if HUB_OWN_LANGUAGE:
                sims[lo:hi, lo:hi] -= hub_rows[lo:hi]
            else:
                sims[lo:hi] -= hub_rows
    sims[ref_case[:, None] == ref_case[None, :]] = -np.inf
    case_lang = np.full(n_cases, -1)
    case_lang[ref_case] = ref_lang
    # each query's best row per case, by columns grouped per case (the sample's cases only)
    order = np.argsort(ref_case, kind="stable")
    grouped_case = ref_case[order]
    starts = np.flatnonzero(np.r_[True, grouped_case[1:] != grouped_case[:-1]])
    per_case = np.maximum.reduceat(sims[:, order], starts, axis=1)
    cases_here = grouped_case[starts]
    kk = min(top, len(cases_here))
    if kk:  # a query's top places, every case tied with the last one included (no arbitrary pick)
        last = np.partition(per_case, per_case.shape[1] - kk, axis=1)[:, per_case.shape[1] - kk]
        qi, col = np.nonzero((per_case >= last[:, None]) & np.isfinite(per_case))
        np.add.at(wins, (ref_lang[qi], cases_here[col]), 1.0)
    out = np.full((n_langs, n_cases), -1.0)
    for ql in range(n_langs):
        for cl in range(n_langs):
            peers = case_lang == cl
            fair = wins[ql, peers].mean() if peers.any() else 0.0
            if fair > 0:
                out[ql, peers] = wins[ql, peers] / fair
    return out


def _keep_place(order: list[int], fused: dict[int, float], ci: int, place: int) -> list[int]:
    """``order`` with case ``ci`` at ``place`` (1-based) or better (``Query.fallback_place``).
    Moved up, it ties the score of the case before it, so the scores still read best first and
    a cut relative to the best (the meeting search's ``MIN_SHARE``) treats the two alike."""
    if ci in order[:place]:
        return order
    rest = [c for c in order if c != ci]
    if len(rest) < place:  # fewer cases than the place: it comes last, with its own score
        return rest + [ci] if ci in fused else order
    if place > 1:
        fused[ci] = fused[rest[place - 2]]
    else:
        fused[ci] = fused[rest[0]]
    return (rest[:place - 1] + [ci] + rest[place - 1:])[:len(order)]


def _top(scores: Floats, n: int) -> list[int]:
    """Indexes of the ``n`` highest scores, best first (ties by index)."""
    import numpy as np

    if n <= 0:
        return []
    part = np.argpartition(-scores, n - 1)[:n] if n < len(scores) else np.arange(len(scores))
    order = np.lexsort((part, -scores[part]))
    return [int(i) for i in part[order]][:n]


class _Future(Generic[T]):
    """A value computed in a background thread (stdlib only; concurrent.futures costs import time)."""

    def __init__(self, fn: Callable[[], T] | None) -> None:
        """``fn`` run in a thread; None: a future holding None (nothing to compute)."""
        self._value: list[T] = []
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None
        if fn is not None:
            self._thread = threading.Thread(target=self._run, args=(fn,), daemon=True)
            self._thread.start()

    @classmethod
    def now(cls, fn: Callable[[], T]) -> _Future[T]:
        """The value computed right here (errors still surface in ``result``)."""
        done: _Future[T] = cls(None)
        done._run(fn)
        return done

    def _run(self, fn: Callable[[], T]) -> None:
        try:
            self._value.append(fn())
        except BaseException as exc:  # re-raised in result()
            self._error = exc

    def result(self) -> T | None:
        if self._thread is not None:
            self._thread.join()
        if self._error is not None:
            raise self._error
        return self._value[0] if self._value else None
