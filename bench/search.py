"""End-to-end search latency at library sizes far beyond the bundled corpus.

What a user waits for is ``CaseSearcher.search(q, k=10)``: embedding the query, both
halves, fusion and the hits' snippets. For each size this bench writes a synthetic
library of real-looking cards (the bundled cards, copied with their sentences mixed
between cards of the same language, so every copy has its own words), indexes it with
the project's own ``CaseIndex.update`` and times the project's own searcher in a fresh
process. Vectors come from the shipped corpus vectors, perturbed per copy (no model run
per chunk: 100k chunks build in minutes); the queries are embedded by the real E5 model.
In the same process and on the same vectors it times the bare baselines: a chromadb
top-10 query and a numpy brute-force top-10.

Printed per size: p50/p95 of the whole search for a new query (and of each half alone;
the searcher keeps the vectors of recent queries, so each timed search first drops
them, and a repeated query is timed separately), the first
search in a fresh process (tables opened, card files checked, query embedded), the
peak RSS of that process, and the machine's load average (the machine is shared).
Also printed: the meeting search of the TUI's cases panel (first in a process, then warm),
and ``facilitator index`` as a whole process with no card changed and after one edit,
beside reading every card once. Targets (``TARGETS``): 10k p95 <= 30 ms and the rest of a
search beside the query's embedding <= 10 ms; 100k p95 <= 60 ms, the rest <= 15 ms, first
search and first meeting search <= 1 s, RSS <= 500 MB, a one-card edit re-indexed <= 2 s.

With ``--baseline CHECKOUT`` (e.g. the main checkout) each size is measured with that code as
well, in the same run on the same library and index, and every figure is printed beside it.

    python bench/search.py [--sizes 1000,10000,100000] [--queries 200] [--keep DIR] [--baseline CHECKOUT]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(os.environ.get("BENCH_CODE") or Path(__file__).resolve().parents[1])
"""The checkout whose code is measured (``--baseline`` runs the measuring parts with another one)."""
sys.path.insert(0, str(REPO))

from facilitator.config import Settings  # noqa: E402
from facilitator.library import shipped  # noqa: E402
from facilitator.library.cards import load_cards, render_card  # noqa: E402
from facilitator.library.embed import get_embedder  # noqa: E402
from facilitator.library.index import CaseIndex, chunk_cards  # noqa: E402
from facilitator.locations import corpus_dir  # noqa: E402
from facilitator.model import Case  # noqa: E402

TARGETS = {10_000: {"p95": 30.0, "rest": 10.0}, 100_000: {"p95": 60.0, "rest": 15.0, "first": 1000.0, "rss": 500.0,
                                                "meeting_first": 1000.0, "one_edit": 2.0}}
"""Per size: search p95 (ms, query embedded), the rest of a search beside the embedding (p95 of
a repeated query, whose vector is kept: ms), first search and first meeting search in a fresh
process (ms), peak RSS (MB) and ``index`` after a one-card edit (s, a whole process)."""
EVAL = REPO.parent / "shared" / "eval" / "queries.tsv"
HELDOUT = REPO / "bench" / "data" / "heldout.tsv"
EXTRA_QUERIES = [
    "供应商嫌订单量太小不愿意接", "rust appears on steel parts right after washing",
    "客户要开视频会议，IT说今年没有预算", "大客户订单都很急，想给一个小订单插队",
    "who owns finding a supplier for a custom part", "和做整体系统的公司一起向客户提案",
]
_SENTENCE = re.compile(r"(?<=[。！？!?.；;])")


def loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def queries() -> list[str]:
    out = list(EXTRA_QUERIES)
    for path in (EVAL, HELDOUT):
        if path.exists():
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
                if line.strip() and not (n == 0 and line.startswith("query\t")):
                    out.append(line.split("\t")[0])
    return out


def percentiles(samples_ms: list[float]) -> tuple[float, float]:
    ordered = sorted(samples_ms)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return statistics.median(ordered), p95


def timed(fn: Callable[[int], object], n: int) -> tuple[float, float]:
    samples = []
    for i in range(n):
        t0 = time.perf_counter()
        fn(i)
        samples.append((time.perf_counter() - t0) * 1000)
    return percentiles(samples)


# -- building a synthetic library -------------------------------------------------------------


class ReplayEmbedder:
    """Passages get the real vector of the corpus chunk they were made from, perturbed; queries
    go to the real E5 model. Same name as E5, so the searcher uses the index as its own."""

    def __init__(self, base: dict[tuple[str, str], np.ndarray], noise: float = 0.25) -> None:
        self.real = get_embedder(Settings())
        self.name = self.real.name
        self.base = base
        self.noise = noise

    @property
    def dimension(self) -> int:
        return self.real.dimension

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        out = []
        for text in texts:
            head = text.split("\n", 1)[0]
            title, _, heading = head.partition(" · ")
            title = re.sub(r" [(（]\d+[)）]$", "", title)
            vec = self.base.get((title, heading))
            if vec is None:
                vec = next(v for (t, _), v in self.base.items() if t == title)
            rng = np.random.default_rng(zlib.crc32(text.encode()))
            v = vec + rng.standard_normal(vec.shape).astype(np.float32) * self.noise / np.sqrt(vec.shape[0])
            out.append((v / np.linalg.norm(v)).tolist())
        return out

    def embed_query(self, text: str) -> list[float]:
        return self.real.embed_query(text)


def corpus_vectors() -> tuple[list[Case], dict[tuple[str, str], np.ndarray]]:
    cards, _ = load_cards([corpus_dir()])
    table = shipped.load(get_embedder(Settings()).name)
    if not table:
        raise SystemExit("shipped corpus vectors missing or for another model: run `make vectors`")
    base: dict[tuple[str, str], np.ndarray] = {}
    for chunk in chunk_cards(cards):

        head = chunk.text.split("\n", 1)[0]
        title, _, heading = head.partition(" · ")
        if chunk.sha256 in table:
            base.setdefault((title, heading), table[chunk.sha256])
    return cards, base


def write_library(folder: Path, cards: list[Case], chunks_wanted: int, seed: int = 7) -> int:
    """Copies of the corpus cards, sentences mixed with other cards' same sections, until about
    ``chunks_wanted`` chunks; returns the number of cards written."""
    rng = random.Random(seed)
    per_copy = len(chunk_cards(cards))
    copies = max(1, round(chunks_wanted / per_copy))
    pools: dict[tuple[str, str], list[str]] = {}
    for case in cards:
        for key, body in case.sections.items():
            pools.setdefault((case.lang, key), []).extend(s for s in _SENTENCE.split(body) if s.strip())
    written = 0
    for n in range(copies):
        sub = folder / f"copy{n:04d}"
        sub.mkdir(parents=True)
        for case in cards:
            sections = {}
            for key, body in case.sections.items():
                own = [s for s in _SENTENCE.split(body) if s.strip()]
                if n:
                    pool = pools[(case.lang, key)]
                    own = [rng.choice(pool) if rng.random() < 0.3 else s for s in own]
                sections[key] = "".join(own)
            copy = Case(id=case.id if n == 0 else f"{case.id}-{n}", title=case.title if n == 0 else f"{case.title} ({n})",
                        lang=case.lang, departments=case.departments, tags=case.tags, source=case.source,
                        sections=sections)
            (sub / f"{copy.id}.md").write_text(render_card(copy), encoding="utf-8")
            written += 1
    return written


# -- measuring (in a fresh process per size) --------------------------------------------------


def peak_rss_mb() -> float:
    """This process's peak RSS (VmHWM; ``ru_maxrss`` would carry over the parent's from before exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def tables_have_first_pass(searcher: Any) -> bool:
    return searcher._tables is not None and searcher._tables.projected is not None


MEETING = [  # a meeting as typed: stuck on a test report nobody has budget for
    ("stuck", "招标文件要求有资质实验室出具的型式试验报告，我们只有厂内试验记录"),
    ("stuck", "质量部说送检不在今年计划里，技术部说送检归质量部"),
    ("obstacle", "障碍：质量部今年没有这笔钱，送检一次要十二万"),
]


def measure_meeting_search(searcher: Any) -> dict[str, Any]:
    """The TUI's cases panel: the first meeting search in this process (the library's cards and
    their sections made ready), then warm refreshes, through the project's ``search_meeting``."""
    from facilitator.library.meeting_query import search_meeting
    from facilitator.model import Item, Meeting, Note

    meeting = Meeting(title="海外电网投标缺第三方型式试验报告", goal="周五前定下报告怎么出", language="zh",
                      notes=[Note(text, stage=stage) for stage, text in MEETING],
                      obstacles=[Item(MEETING[-1][1], id=1, kind="budget")])

    import inspect

    # the relevance floor, as the panel asks it (a --baseline checkout may have none)
    floor = {"clear": searcher.clearly_matches} if "clear" in inspect.signature(search_meeting).parameters else {}

    def once(stage: str) -> object:  # the hits' cards are asked for each time, as the cases panel's worker does
        return search_meeting(lambda q, n: list(searcher.search(q, k=n)), searcher.cards_of, meeting, stage, 5,
                              **floor)

    t0 = time.perf_counter()
    once("obstacle")
    first = (time.perf_counter() - t0) * 1000
    stages = ["obstacle", "stuck", "solution"]
    return {"meeting_first_ms": first, "meeting_warm": timed(lambda i: once(stages[i % 3]), 30)}


def measure(home: Path, n_queries: int) -> dict[str, Any]:
    from facilitator.library.search import CaseSearcher

    texts = queries()
    t0, c0 = time.perf_counter(), time.process_time()
    searcher = CaseSearcher(home, Settings())
    first_hits = searcher.search(texts[0], k=10)
    first = (time.perf_counter() - t0) * 1000
    first_cpu = time.process_time() - c0
    assert first_hits and not [n for n in searcher.notices if "keywords only" in n], searcher.notices
    for q in texts[:5]:
        searcher.search(q, k=10)
    order = [texts[i % len(texts)] for i in range(n_queries)]
    out: dict[str, Any] = {"first_ms": first, "first_cpu_s": first_cpu, "notices": searcher.notices}

    def new_query(mode: str) -> Callable[[int], object]:
        """Every timed search embeds its query: the searcher's kept query vectors are dropped first."""
        def run(i: int) -> object:
            searcher.forget_queries()
            return searcher.search(order[i], k=10, mode=mode)
        return run

    out["hybrid"] = timed(new_query("hybrid"), n_queries)
    out["lexical"] = timed(new_query("lexical"), n_queries)
    out["dense"] = timed(new_query("dense"), n_queries)
    if tables_have_first_pass(searcher):  # does the first pass of a large library change the answers?
        same = 0
        for q in texts:
            searcher.first_pass = False
            exact = {h.case_id for h in searcher.search(q, k=10)}
            searcher.first_pass = True
            same += len(exact & {h.case_id for h in searcher.search(q, k=10)})
        out["first_pass_overlap"] = same / (10 * len(texts))
    for q in texts:  # the same questions again (the cases panel coming back to a stage)
        searcher.search(q, k=10)
    out["repeat"] = timed(lambda i: searcher.search(order[i], k=10), n_queries)
    embedder = searcher.index.embedder
    out["embed"] = timed(lambda i: embedder.embed_query(order[i]), min(n_queries, 60))
    out["rss_mb"] = peak_rss_mb()
    out.update(measure_meeting_search(searcher))
    tables = searcher._tables
    assert tables is not None and tables.vectors is not None
    out["chunks"] = tables.size
    out["cards"] = len(tables.cases)

    # baselines on the same vectors, same process, after the searcher's own figures
    qvecs = np.asarray([embedder.embed_query(q) for q in texts], dtype=np.float32)
    data = np.ascontiguousarray(tables.vectors, dtype=np.float32)

    def brute(i: int) -> object:
        scores = data @ qvecs[i % len(qvecs)]
        top = np.argpartition(-scores, 10)[:10]
        return top[np.argsort(-scores[top])]

    out["numpy"] = timed(brute, n_queries)
    col = searcher.index.collection()
    for i in range(10):
        col.query(query_embeddings=[qvecs[i % len(qvecs)]], n_results=10, include=["metadatas", "distances"])
    out["chroma"] = timed(lambda i: col.query(query_embeddings=[qvecs[i % len(qvecs)]], n_results=10,
                                              include=["metadatas", "distances"]), n_queries)
    return out


def compact_tables(home: Path) -> None:
    """Write the home's search tables out whole (no side files of edited rows, see
    ``tables.OVERLAY_ROWS``), so that a baseline checkout that knows no side files reads them right."""
    from facilitator.library.tables import SearchTables

    index = home / "index"
    tables = SearchTables.load(index)
    if tables is None or not any((index / "search").glob("*.patch.*")) and not len(tables.lexical.side_rows):
        return
    tables._summaries = tables.summaries()
    tables.build_rows(index / "search")  # read before the folder is replaced
    tables.lexical = tables.lexical.whole()
    tables.save(index)


def measure_index_runs(home: Path, lib: Path, env: dict[str, str], code: Path = REPO) -> dict[str, float]:
    """``facilitator index`` as a whole process: with no card changed (what `make run` does
    before every start), then after one card is edited; beside reading every card once, what
    each run used to cost at least. The card is put back afterwards (and indexed again)."""
    cmd = [sys.executable, "-m", "facilitator", "--home", str(home), "index", "--library", str(lib), "--no-builtin"]

    cpu: list[float] = []

    def run() -> float:
        """Seconds of the whole process; its CPU seconds (user + system) go into ``cpu``: on a
        shared machine the wall clock follows the load, the CPU time does not."""
        t0, before = time.perf_counter(), os.times()
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=code)
        if proc.returncode != 0:
            raise SystemExit(proc.stderr)
        after = os.times()
        cpu.append(after.children_user - before.children_user + after.children_system - before.children_system)
        return time.perf_counter() - t0

    run()  # settle (a first run after building may still write its bookkeeping)
    out = {"index_unchanged_s": run()}
    out["index_unchanged_cpu_s"] = cpu[-1]
    card = sorted(lib.rglob("*.md"))[len(list(lib.rglob("*.md"))) // 2]
    text = card.read_text(encoding="utf-8")
    try:
        card.write_text(text + "\n补充：客户又把交期提前了一周。\n", encoding="utf-8")
        out["index_one_edit_s"] = run()
        out["index_one_edit_cpu_s"] = cpu[-1]
    finally:
        card.write_text(text, encoding="utf-8")
        run()
    t0 = time.perf_counter()
    load_cards([lib])
    out["read_all_cards_s"] = time.perf_counter() - t0
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000,100000", help="comma-separated chunk counts (approximate)")
    ap.add_argument("--queries", type=int, default=200, help="timed queries per measurement")
    ap.add_argument("--keep", type=Path, default=None, help="build libraries here and reuse them next run")
    ap.add_argument("--measure", type=Path, default=None, help=argparse.SUPPRESS)
    ap.add_argument("--baseline", type=Path, default=None,
                    help="another checkout (e.g. the main one) measured in the same run, printed beside")
    args = ap.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.queries)))
        return 0

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    cards, base = corpus_vectors()
    root_tmp = None if args.keep else tempfile.TemporaryDirectory()
    root = args.keep or Path(root_tmp.name)  # type: ignore[union-attr]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "FACILITATOR_"))}
    env["PYTHONPATH"] = str(REPO)
    rows = []
    ok = True
    print(f"load average at start: {loadavg()}  ({os.cpu_count()} cores)")
    for size in sizes:
        lib, home = root / f"lib{size}", root / f"home{size}"
        build_s = None
        if not (home / "index" / "search" / "rows.json").exists():
            n_cards = write_library(lib, cards, size)
            t0 = time.perf_counter()
            report = CaseIndex(home, Settings(), embedder=ReplayEmbedder(base)).update([lib], builtin=False)
            build_s = time.perf_counter() - t0
            print(f"{size:>7,}: {n_cards:,} cards, {report.chunks:,} chunks indexed in {build_s:.0f} s "
                  f"(load {loadavg()})", flush=True)
        for code in ([args.baseline.resolve()] if args.baseline else []) + [REPO]:
            compact_tables(home)  # a baseline that knows no side files reads the tables right
            run_env = {**env, "PYTHONPATH": str(code), "BENCH_CODE": str(code)}
            proc = subprocess.run([sys.executable, __file__, "--measure", str(home), "--queries", str(args.queries)],
                                  capture_output=True, text=True, env=run_env, cwd=code)
            if proc.returncode != 0:
                print(proc.stderr, file=sys.stderr)
                return 1
            m = json.loads(proc.stdout.strip().splitlines()[-1])
            m["size"], m["load"], m["build_s"] = size, loadavg(), build_s
            m["code"] = "this checkout" if code == REPO else f"baseline {code}"
            m.update(measure_index_runs(home, lib, run_env, code))
            rows.append(m)
            target = TARGETS.get(size, {})
            misses = [name for name, value in (("p95", m["hybrid"][1]), ("rest", m["repeat"][1]),
                                               ("first", m["first_ms"]), ("rss", m["rss_mb"]),
                                               ("meeting_first", m["meeting_first_ms"]),
                                               ("one_edit", m["index_one_edit_s"]))
                      if name in target and value > target[name]]
            m["verdict"] = "—" if not target else ("met" if not misses else "MISSED " + ",".join(misses))
            ok = ok and (not misses or code != REPO)
            print(f"{m['chunks']:>7,} chunks measured with {m['code']} (load {m['load']})", flush=True)

    print("\n| chunks | code | hybrid p50 / p95 | lexical only p50 / p95 | dense only p50 / p95 | E5 query alone p50 / p95 "
          "| rest of a search (query vector kept) p50 / p95 | bare chroma top-10 p50 / p95 | numpy brute top-10 p50 / p95 | first search "
          "(CPU) | peak RSS | load | targets |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for m in rows:
        print(f"| {m['chunks']:,} | {m['code']} | {m['hybrid'][0]:.1f} / {m['hybrid'][1]:.1f} ms | {m['lexical'][0]:.1f} / "
              f"{m['lexical'][1]:.1f} ms | {m['dense'][0]:.1f} / {m['dense'][1]:.1f} ms | {m['embed'][0]:.1f} / {m['embed'][1]:.1f} ms | "
              f"{m['repeat'][0]:.1f} / {m['repeat'][1]:.1f} ms | "
              f"{m['chroma'][0]:.1f} / {m['chroma'][1]:.1f} ms | {m['numpy'][0]:.1f} / {m['numpy'][1]:.1f} ms | "
              f"{m['first_ms'] / 1000:.2f} s ({m['first_cpu_s']:.2f} s) | {m['rss_mb']:.0f} MB | {m['load']} | {m['verdict']} |")
    print("\n| chunks | code | meeting search: first in a process / warm p50 / p95 | `index`, no card changed (CPU) "
          "| `index`, one card edited (CPU) | baseline: reading every card once |")
    print("|---|---|---|---|---|---|")
    for m in rows:
        print(f"| {m['chunks']:,} | {m['code']} | {m['meeting_first_ms'] / 1000:.2f} s / {m['meeting_warm'][0]:.0f} / "
              f"{m['meeting_warm'][1]:.0f} ms | {m['index_unchanged_s']:.2f} s ({m['index_unchanged_cpu_s']:.2f} s) "
              f"| {m['index_one_edit_s']:.2f} s ({m['index_one_edit_cpu_s']:.2f} s) "
              f"| {m['read_all_cards_s']:.2f} s |")
    for m in rows:
        if "first_pass_overlap" in m:
            print(f"{m['chunks']:,} chunks: the dense first pass returns {m['first_pass_overlap']:.1%} of the "
                  "top-10 cases that exact scoring of every chunk returns")
    print(f"\nall latency targets {'met' if ok else 'NOT met'} (load average now {loadavg()})")
    if root_tmp is not None:
        root_tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
