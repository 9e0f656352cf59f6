"""Calibrates the relevance floor of case search (``search.RELEVANCE_FLOOR``, ``MATCHED_WEIGHT``,
``LEXICAL_ONLY_FLOOR``) and prints the distributions it comes from, so the numbers are not magic.

A fused score is a rank: ``好的`` or ``test`` have a first case too, with a score like a real
question's. The floor is on a text's ``Evidence`` instead: its best case's corrected cosine
similarity plus ``MATCHED_WEIGHT`` times the BM25 nats that case matches. The meeting search
shows cases only when some line said clears it on its own (``meeting_query.says_something``).

Two distributions, from the bundled corpus built into a throwaway home:

- contentless notes, ``bench/data/contentless.txt`` (Chinese and English): the floor is set just
  above the highest of them;
- texts that mean something: the queries (``../shared/eval/queries.tsv`` and
  ``bench/data/heldout.tsv``) and every line of the tune meetings (``bench/meetings/heldout/tune``
  and the older ``bench/meetings``).

For each ``MATCHED_WEIGHT`` of a small grid it prints the floor that puts every contentless note
below it and what that floor costs: queries whose expected card (in their top 3) would be
dropped, tune meetings whose panel would go empty although their card was in the top 3, lines
of real meetings under the floor. The weight with the least cost is chosen (the least weight
among equals). Then, measured only: the test half's meetings and the contentless meetings of
``bench/data/contentless_meetings.tsv`` (lines written apart, never used to set the floor).

    python bench/relevance_floor.py [--home DIR] [--tune DIR ...] [--test DIR]
"""

from __future__ import annotations

import argparse
import math
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from retrieval import DEFAULT_QUERIES, HELDOUT, meeting_files, read_meeting, read_queries  # noqa: E402

from facilitator.config import Settings  # noqa: E402
from facilitator.library import search  # noqa: E402
from facilitator.library.index import CaseIndex  # noqa: E402
from facilitator.library.meeting_query import said_lines, search_meeting  # noqa: E402
from facilitator.locations import corpus_dir  # noqa: E402
from facilitator.model import Meeting  # noqa: E402

CONTENTLESS = REPO / "bench" / "data" / "contentless.txt"
CONTENTLESS_MEETINGS = REPO / "bench" / "data" / "contentless_meetings.tsv"
TUNE = [REPO / "bench" / "meetings" / "heldout" / "tune", REPO / "bench" / "meetings"]
TEST = REPO / "bench" / "meetings" / "heldout" / "test"
WEIGHTS = (0.0, 0.0005, 0.001, 0.0015, 0.002, 0.003, 0.004, 0.006)
STEP = 0.001
"""The floor is the highest contentless value rounded up to this (and strictly above it)."""


@dataclass
class Item:
    """A text (or a meeting: its lines) with the evidence of each, and whether its card was found."""

    name: str
    evidence: list[search.Evidence | None]
    found: bool = False
    """Its expected card in the top 3 without any floor (contentless items: False)."""
    declared: list[bool] = field(default_factory=list)
    """Per text of a meeting: recorded as an obstacle (it counts from ``MIN_TERMS`` terms)."""
    stages: list[tuple[str, Item]] = field(default_factory=list)
    """A meeting as it stood at the end of each stage."""


def value(ev: search.Evidence | None, weight: float) -> float:
    if ev is None:
        return -math.inf
    if ev.similarity is None:
        return ev.matched * search.RELEVANCE_FLOOR / search.LEXICAL_ONLY_FLOOR
    return ev.similarity + weight * ev.matched


def best(item: Item, weight: float, min_terms: int = 0) -> float:
    """The highest value among the item's texts of at least ``min_terms`` terms (a recorded
    obstacle of that many terms: infinite, see ``meeting_query.says_something``)."""
    if any(d and ev is not None and ev.terms >= min_terms for d, ev in zip(item.declared, item.evidence, strict=False)):
        return math.inf
    return max((value(ev, weight) for ev in item.evidence if ev is not None and ev.terms >= min_terms),
               default=-math.inf)


def floor_above(values: list[float], step: float = STEP) -> float:
    top = max(values)
    return round((math.floor(top / step) + 1) * step, 6)


def percentiles(values: list[float]) -> str:
    import numpy as np

    finite = [v for v in values if math.isfinite(v)]
    if not finite:
        return "-"
    p = np.percentile(finite, [0, 5, 25, 50, 75, 95, 100])
    return " ".join(f"{x:.4f}" for x in p)


def meeting_items(service: object, searcher: search.CaseSearcher, folders: list[Path]) -> list[Item]:
    """Each meeting typed into a real store (as bench/retrieval.py does), its lines' evidence, and
    whether the meeting search without a floor has its expected card in the top 3."""
    items = []
    record, store = service.record, service.store  # type: ignore[attr-defined]
    for folder in folders:
        for path in meeting_files(folder):
            header, typed = read_meeting(path)
            m = record.new_meeting(header["title"], on=date.fromisoformat(header.get("date", "2026-11-23")),
                                   goal=header.get("goal", ""))
            try:
                stages: list[tuple[str, Item]] = []
                for n, (stage, line) in enumerate(typed):
                    record.capture(m.id, line, stage)
                    if n + 1 == len(typed) or typed[n + 1][0] != stage:
                        stages.append((stage, said(searcher, record.meeting(m.id), path.stem)))
                record.update_meeting(m.id, stage="obstacle")
                meeting = record.meeting(m.id)
                hits = search_meeting(lambda q, n: list(searcher.search(q, k=n)), searcher.cards_of, meeting, k=3)
                item = said(searcher, meeting, path.stem)
                item.found = any(h.case_id in header["expect"].split() for h in hits[:3])
                item.stages = stages
                items.append(item)
            finally:
                store.delete_meeting(m.id)
    return items


def said(searcher: search.CaseSearcher, meeting: Meeting, name: str) -> Item:
    """A meeting's lines said (``said_lines``) with their evidence, the recorded obstacles marked."""
    lines = said_lines(meeting)
    obstacles = {o.text.strip() for o in meeting.obstacles}
    return Item(name, [searcher.evidence(t) for t in lines], declared=[t in obstacles for t in lines])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--home", type=Path, default=None, help="keep the index here between runs (default: a temp dir)")
    ap.add_argument("--tune", type=Path, action="append", default=None, metavar="DIR",
                    help="meetings to calibrate on (default: bench/meetings/heldout/tune and bench/meetings)")
    ap.add_argument("--test", type=Path, default=TEST, metavar="DIR", help="meetings only measured")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every text's evidence")
    args = ap.parse_args()

    from facilitator.service import Service

    with tempfile.TemporaryDirectory() as tmp:
        home = args.home or Path(tmp)
        report = CaseIndex(home, Settings()).update([corpus_dir()], builtin=False)
        print(f"corpus: {report.cards} cards, {report.chunks} chunks")
        service = Service(home)
        try:
            searcher = service.cases.searcher()
            queries = []
            for q, expected in read_queries(DEFAULT_QUERIES) + read_queries(HELDOUT):
                top = [h.case_id for h in searcher.search(q, k=3)]
                queries.append(Item(q, [searcher.evidence(q)], expected in top))
            nonsense = [Item(line, [searcher.evidence(line)]) for line in CONTENTLESS.read_text(encoding="utf-8").splitlines()
                        if line.strip() and not line.startswith("#")]
            tune = meeting_items(service, searcher, args.tune or TUNE)
            test = meeting_items(service, searcher, [args.test])
            check = []
            for row in CONTENTLESS_MEETINGS.read_text(encoding="utf-8").splitlines()[1:]:
                title, notes = row.split("\t")
                check.append(Item(title, [searcher.evidence(n.strip()) for n in notes.split("|")]))
        finally:
            service.close()

    lines = [Item(f"{m.name}:{n}", [ev]) for m in tune for n, ev in enumerate(m.evidence)]
    """Every line of the tune meetings on its own (a recorded obstacle too: its evidence as a line)."""
    print(f"{len(queries)} queries, {len(tune)} tune meetings ({len(lines)} lines), {len(nonsense)} contentless notes; "
          f"measured only: {len(test)} test meetings, {len(check)} contentless meetings")
    if args.verbose:
        for label, group in (("query", queries), ("contentless", nonsense), ("line", lines)):
            for it in group:
                ev = it.evidence[0]
                if ev is not None:
                    print(f"  {label:<11} sim {ev.similarity if ev.similarity is not None else float('nan'):.4f}  "
                          f"matched {ev.matched:5.1f}  {ev.case_id:<32} {it.name[:50]}")

    def terms(group: list[Item]) -> str:
        counts = sorted(ev.terms for i in group for ev in i.evidence if ev is not None)
        return f"min {counts[0]}  median {counts[len(counts) // 2]}  max {counts[-1]}"

    min_terms = min(ev.terms for i in queries for ev in i.evidence if ev is not None)
    print(f"\nterms per text: contentless notes {terms(nonsense)}; queries {terms(queries)}; tune lines {terms(lines)}")
    print(f"MIN_TERMS = {min_terms} (the fewest of any query); contentless notes that short or shorter: "
          f"{sum(1 for i in nonsense if i.evidence[0] is not None and i.evidence[0].terms < min_terms)} of {len(nonsense)}")

    print(f"\ndistributions (min p5 p25 p50 p75 p95 max) of similarity + weight x matched nats, texts of >= {min_terms} terms:")
    for w in sorted({0.0, search.MATCHED_WEIGHT}):
        print(f"  weight {w}:")
        print(f"    contentless notes          {percentiles([best(i, w, min_terms) for i in nonsense])}")
        print(f"    queries                    {percentiles([best(i, w, min_terms) for i in queries])}")
        print(f"    tune meeting lines         {percentiles([best(i, w, min_terms) for i in lines])}")
        print(f"    tune meetings, best line at the end of stage 2 (no obstacle recorded yet) "
              f"{percentiles([best(it, w, min_terms) for m in tune for st, it in m.stages if st == 'stuck'])}")
    print(f"  matched nats alone: contentless {percentiles([i.evidence[0].matched for i in nonsense if i.evidence[0]])}")
    print(f"                      queries     {percentiles([i.evidence[0].matched for i in queries if i.evidence[0]])}")

    print("\nweight   floor    queries losing their card   tune meetings losing theirs   tune lines under the floor")
    table = []
    for w in WEIGHTS:
        floor = floor_above([best(i, w, min_terms) for i in nonsense])
        q_lost = sum(1 for i in queries if i.found and best(i, w, min_terms) < floor)
        m_lost = sum(1 for i in tune if i.found and best(i, w, min_terms) < floor)
        l_under = sum(1 for i in lines if best(i, w, min_terms) < floor)
        table.append((m_lost, q_lost, l_under, w, floor))
        print(f"{w:<8} {floor:.3f}    {q_lost:>2}/{sum(i.found for i in queries):<24} "
              f"{m_lost:>2}/{sum(i.found for i in tune):<26} {l_under}/{len(lines)}")
    m_lost, q_lost, l_under, w, floor = min(table)
    lex_floor = floor_above([i.evidence[0].matched for i in nonsense if i.evidence[0] is not None], 0.1)
    chosen = (w, round(floor, 3), round(lex_floor, 1), min_terms)
    held = (search.MATCHED_WEIGHT, search.RELEVANCE_FLOOR, search.LEXICAL_ONLY_FLOOR, search.MIN_TERMS)
    print(f"\nchosen: MATCHED_WEIGHT = {w}, RELEVANCE_FLOOR = {floor:.3f}, LEXICAL_ONLY_FLOOR = {lex_floor:.1f}, "
          f"MIN_TERMS = {min_terms}  (search.py: {held}, {'the same' if chosen == held else 'DIFFERENT'})")
    for i in queries:
        if i.found and best(i, w, min_terms) < floor:
            print(f"  a query under the floor although its card is in its top 3: {i.name}  ({best(i, w, min_terms):.4f})")
    for i in tune:
        if i.found and best(i, w, min_terms) < floor:
            print(f"  a tune meeting losing its card: {i.name}  (best line {best(i, w, min_terms):.4f})")

    flagged = sum(1 for i in nonsense if best(i, w) < floor)
    print(f"search QUERY (no MIN_TERMS: a typed query may be keywords) says none clearly matches for "
          f"{flagged} of {len(nonsense)} contentless notes and {q_lost} of {sum(i.found for i in queries)} "
          f"queries whose card is in their top 3 (it keeps the hits)")

    print("\nmeasured only, at the chosen floor:")
    t_lost = sum(1 for i in test if i.found and best(i, w, min_terms) < floor)
    t_empty = sum(1 for i in test if best(i, w, min_terms) < floor)
    print(f"  test meetings losing their card: {t_lost} of {sum(i.found for i in test)} found "
          f"({t_empty} of {len(test)} with an empty panel)")
    for label, group in (("tune", tune), ("test", test)):
        cells: list[str] = []
        for stage in ("convene", "stuck", "boundaries", "obstacle"):
            at = [it for m in group for st, it in m.stages if st == stage]
            cells.append(f"{stage} {sum(1 for it in at if best(it, w, min_terms) >= floor)}/{len(at)}")
        print(f"  {label} meetings with cases shown at the end of each stage: {', '.join(cells)}")
    shown = [i.name for i in check if best(i, w, min_terms) >= floor]
    print(f"  contentless meetings still shown cases: {len(shown)} of {len(check)} {shown if shown else ''}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
