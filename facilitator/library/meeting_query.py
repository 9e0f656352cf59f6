"""Cases for a meeting: the meeting's own context as the query, matched by obstacle.

A salesperson calls two cases alike when the *obstacle* and the way out are alike (no
budget line, so get an approval first and hand the other side a ready path), not when
they share an industry's words. A plain search of the typed notes finds the latter:
testing-lab and customs cards for a meeting about a test report nobody will pay for.
So a meeting is searched with two views of itself, through the case searcher's public
``search()`` (whatever its internals):

- the **context**: title, goal, the stuck point (notes typed while confirming it),
  obstacles and the latest notes;
- the **obstacle**: the obstacles in their own words with their kinds' names;

and the two rankings are fused, then re-ranked by how well each card's real-obstacle
and resolution sections answer the obstacle view, and by whether the card's obstacle
is of the same kind as one of the meeting's. In the obstacle and solution stages the
obstacle view and the kind count most, and each hit shows its way out.

This module is the one place that turns a meeting into case hits: ``search --meeting``,
the live cases panel and the coach all call :func:`search_meeting`.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass

from facilitator.library.cards import INTRO_KEY, OVERVIEW, SECTION_KEYS, section_title
from facilitator.library.lexical import tokenize
from facilitator.library.snippet import make_snippet
from facilitator.model import Case, Hit, Meeting
from facilitator.obstacles import UNKNOWN, classify, kind_label
from facilitator.playbook import WAY_OUT_STAGES

__all__ = ["MeetingHit", "MeetingQuery", "build_query", "search_meeting", "WAY_OUT_STAGES"]

SearchFn = Callable[[str, int], list[Hit]]
"""``search(query, k)`` of the case searcher: hits best first."""


RRF_K = 5
"""Rank-fusion constant: small, because only the first few places of each view matter."""
QUERY_CHARS = 600
"""The context view is cut to about this many characters (E5 reads 512 tokens at most)."""
# Weights of the evidence, per phase of the meeting: (context view, obstacle view,
# section match, same kind). Early on there is no obstacle yet and the context decides;
# once obstacles are named, what blocks and what removed it decide.
WEIGHTS = {
    "early": (1.0, 0.6, 0.4, 0.5),
    "obstacle": (0.6, 1.0, 0.8, 1.0),
}


@dataclass
class MeetingHit(Hit):
    """A search hit with what the meeting needs beside it: the card's obstacle kind and
    its way out (an excerpt of its resolution, else its lesson)."""

    kind: str = UNKNOWN
    way_out: str = ""
    way_out_section: str = ""

    def to_json(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True)
class MeetingQuery:
    context: str
    obstacle: str
    kinds: tuple[str, ...]
    """Kinds of the meeting's obstacles (classified ones only), latest obstacle first."""
    stage: str


def _join(parts: Sequence[str], limit: int = QUERY_CHARS) -> str:
    out: list[str] = []
    size = 0
    for part in parts:
        part = " ".join(part.split())
        if not part or part in out:
            continue
        if size + len(part) > limit and out:
            break
        out.append(part)
        size += len(part) + 1
    return "\n".join(out)[: limit * 2]


def build_query(meeting: Meeting, stage: str | None = None, typed: str = "") -> MeetingQuery:
    """The two views of a meeting used to find its cases (see the module docstring);
    ``typed`` is the line still in the live input, which leads the context."""
    stage = stage or meeting.stage
    lang = meeting.language
    stuck = [n.text for n in meeting.notes if n.stage == "stuck"][:4]
    if not stuck:
        stuck = [n.text for n in meeting.notes if n.stage == "convene"][:2]
    recent = [n.text for n in reversed(meeting.notes[-4:])]
    obstacles = [o.text for o in reversed(meeting.obstacles)]
    kinds: list[str] = []
    for o in reversed(meeting.obstacles):
        kind = o.kind or classify(o.text)
        if kind != UNKNOWN and kind not in kinds:
            kinds.append(kind)
    context = _join([typed, meeting.title, meeting.goal, *obstacles, *stuck, *recent])
    if obstacles:
        obstacle = _join([*obstacles, " ".join(kind_label(k, lang) for k in kinds)], limit=400)
    else:  # nothing named yet: what the room said last stands in for the obstacle
        obstacle = _join([typed, *recent[:2], *stuck, meeting.title], limit=400)
    return MeetingQuery(context=context or meeting.title, obstacle=obstacle or meeting.title,
                        kinds=tuple(kinds), stage=stage)


class _SectionMatch:
    """How well a card's real-obstacle and resolution sections cover a query: a small
    tf-idf cosine over those sections only, so the words of the situation (industry,
    product) cannot carry the match."""

    def __init__(self, cards: Sequence[Case]) -> None:
        vectors: dict[str, Counter[str]] = {}
        df: Counter[str] = Counter()
        for case in cards:
            text = " ".join(case.sections.get(key, "") for key in ("obstacle", "resolution"))
            terms = Counter(tokenize(text))
            vectors[case.id] = terms
            df.update(set(terms))
        n = max(1, len(cards))
        self._idf = {t: math.log(1 + n / c) for t, c in df.items()}
        # postings of normalised weights: a query costs what its terms' cards cost, not the library
        self._postings: dict[str, list[tuple[str, float]]] = {}
        for cid, terms in vectors.items():
            norm = math.sqrt(sum((c * self._idf[t]) ** 2 for t, c in terms.items())) or 1.0
            for t, c in terms.items():
                self._postings.setdefault(t, []).append((cid, c * self._idf[t] / norm))

    def scores(self, query: str) -> dict[str, float]:
        q = Counter(tokenize(query))
        qw = {t: c * self._idf.get(t, 0.0) for t, c in q.items()}
        qnorm = math.sqrt(sum(w * w for w in qw.values())) or 1.0
        out: dict[str, float] = {}
        for t, w in qw.items():
            if w:
                for cid, dw in self._postings.get(t, ()):
                    out[cid] = out.get(cid, 0.0) + w * dw
        return {cid: dot / qnorm for cid, dot in out.items() if dot}


_section_cache: dict[tuple[str, ...], _SectionMatch] = {}


def _sections_for(cards: Sequence[Case]) -> _SectionMatch:
    key = tuple(sorted(f"{c.id}:{hash(c.sections.get('obstacle', ''))}" for c in cards))
    if key not in _section_cache:
        _section_cache.clear()
        _section_cache[key] = _SectionMatch(cards)
    return _section_cache[key]


def _ranks(hits: list[Hit]) -> dict[str, int]:
    return {h.case_id: n for n, h in enumerate(hits, start=1)}


def _first_sentences(text: str, limit: int = 140) -> str:
    flat = re.sub(r"\s+", " ", text).strip()
    if len(flat) <= limit:
        return flat
    cut = max(flat.rfind(ch, 0, limit) for ch in "。！？.!?；;")
    return flat[: cut + 1] if cut > limit // 3 else flat[:limit].rstrip() + "…"


def search_meeting(
    search: SearchFn,
    cards: Sequence[Case],
    meeting: Meeting,
    stage: str | None = None,
    k: int = 5,
    typed: str = "",
) -> list[MeetingHit]:
    """The ``k`` cases most like this meeting's obstacle and way out, best first.

    ``search`` is the case searcher's ``search(query, k)``; ``cards`` the library's
    cards (for their kinds and sections). Both views ask the searcher for the whole
    library's ranking, so a card only one view finds can still rise.
    """
    if k < 1:
        raise ValueError("k must be at least 1")
    q = build_query(meeting, stage, typed)
    by_id = {c.id: c for c in cards}
    pool = max(k, min(len(by_id), 60)) or k
    context_hits = search(q.context, pool)
    obstacle_hits = search(q.obstacle, pool) if q.obstacle != q.context else context_hits
    w_ctx, w_obs, w_sec, w_kind = WEIGHTS["obstacle" if meeting.obstacles else "early"]
    if q.stage in WAY_OUT_STAGES and meeting.obstacles:
        w_ctx *= 0.8
    ctx_rank, obs_rank = _ranks(context_hits), _ranks(obstacle_hits)
    sections = _sections_for(list(by_id.values())).scores(q.obstacle)
    top_section = max(sections.values(), default=0.0) or 1.0
    hit_of = {h.case_id: h for h in [*context_hits, *obstacle_hits][::-1]}
    kinds = set(q.kinds)
    scored: dict[str, float] = {}
    for cid in hit_of:
        score = 0.0
        if cid in ctx_rank:
            score += w_ctx / (RRF_K + ctx_rank[cid])
        if cid in obs_rank:
            score += w_obs / (RRF_K + obs_rank[cid])
        score += w_sec * (sections.get(cid, 0.0) / top_section) / (RRF_K + 1)
        case = by_id.get(cid)
        if case is not None and case.obstacle in kinds:
            # the latest obstacle's kind counts fully, earlier ones a little less
            first = q.kinds[0] if q.kinds else None
            score += w_kind * (1.0 if case.obstacle == first else 0.6) / (RRF_K + 1)
        scored[cid] = score
    best = max(scored.values(), default=1.0) or 1.0
    ranked = sorted(scored, key=lambda c: (-scored[c], c))[:k]
    return [_meeting_hit(hit_of[cid], by_id.get(cid), scored[cid] / best, q, meeting.language)
            for cid in ranked]


def _heading_in(heading: str, card_lang: str, lang: str) -> str:
    """A card's section heading as the meeting's language names it (an English card in a
    Chinese meeting is still data, but "matched in Resolution" on a Chinese screen is not)."""
    if card_lang == lang:
        return heading
    for key in (*SECTION_KEYS, INTRO_KEY):
        if heading == (section_title(key, card_lang) if key != INTRO_KEY else OVERVIEW.get(card_lang)):
            return section_title(key, lang) if key != INTRO_KEY else OVERVIEW.get(lang, heading)
    return heading


def _meeting_hit(hit: Hit, case: Case | None, score: float, q: MeetingQuery, meeting_lang: str) -> MeetingHit:
    kind = case.obstacle if case is not None and case.obstacle else UNKNOWN
    way_out, way_section = "", ""
    section, snippet = hit.section, hit.snippet
    if case is not None:
        section = _heading_in(section, case.lang, meeting_lang)
        key = "resolution" if case.sections.get("resolution", "").strip() else "lesson"
        text = case.sections.get(key, "")
        if text.strip():
            way_out, way_section = _first_sentences(text), section_title(key, meeting_lang)
            if q.stage in WAY_OUT_STAGES:
                section, snippet = way_section, make_snippet(text, q.obstacle)
    return MeetingHit(
        case_id=hit.case_id, title=hit.title, score=round(score, 4), section=section,
        snippet=snippet, source=hit.source, kind=kind, way_out=way_out, way_out_section=way_section,
    )
