"""Warm vector-search latency at library sizes far beyond the bundled corpus.

For each size, random unit vectors of the E5 dimension are added straight to a chromadb
collection (same HNSW settings as the app's index) in a temp dir; then warm queries are
timed the way the searcher queries (``n_results`` = the searcher's candidate count) and
with a plain top-10, beside the bare E5 query-embedding time and a brute-force numpy
scan over the same vectors. Targets: p95 <= 30 ms at 10k chunks, <= 60 ms at 100k.

    python bench/search.py [--sizes 10000,100000] [--queries 200]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from facilitator.config import Settings  # noqa: E402
from facilitator.library import search as search_mod  # noqa: E402
from facilitator.library.embed import get_embedder  # noqa: E402
from facilitator.library.index import HNSW  # noqa: E402

TARGETS = {10_000: 30.0, 100_000: 60.0}
QUERY_TEXTS = [
    "供应商嫌订单量太小不愿意接", "rust appears on steel parts right after washing",
    "客户要开视频会议，IT说今年没有预算", "大客户订单都很急，想给一个小订单插队",
    "who owns finding a supplier for a custom part", "和做整体系统的公司一起向客户提案",
]


def percentiles(samples_ms: list[float]) -> tuple[float, float]:
    ordered = sorted(samples_ms)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return statistics.median(ordered), p95


def timed(fn: Callable[[], object], n: int) -> tuple[float, float]:
    samples = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    return percentiles(samples)


def unit_vectors(rng: np.random.Generator, n: int, dim: int) -> np.ndarray:
    v = rng.standard_normal((n, dim), dtype=np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    return v


def query_runner(col: Any, queries: np.ndarray, n_results: int) -> Callable[[], object]:
    it = iter(queries)
    return lambda: col.query(query_embeddings=[next(it)], n_results=n_results, include=["metadatas", "distances"])


def brute_runner(data: np.ndarray, queries: np.ndarray, n: int = 10) -> Callable[[], object]:
    it = iter(queries)

    def brute() -> object:
        scores = data @ next(it)
        top = np.argpartition(-scores, n)[:n]
        return top[np.argsort(-scores[top])]

    return brute


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,100000", help="comma-separated chunk counts")
    ap.add_argument("--queries", type=int, default=200, help="timed queries per measurement")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]

    import chromadb
    from chromadb.config import Settings as ChromaSettings

    embedder = get_embedder(Settings())
    dim = embedder.dimension
    embedder.embed_query("warm up")
    texts = iter(QUERY_TEXTS * (args.queries // len(QUERY_TEXTS) + 1))
    p50, p95 = timed(lambda: embedder.embed_query(next(texts)), args.queries)
    print(f"E5 query embedding (bare):            p50 {p50:6.1f} ms   p95 {p95:6.1f} ms")

    rng = np.random.default_rng(7)
    queries = unit_vectors(rng, args.queries, dim)
    ok = True
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            client = chromadb.PersistentClient(path=tmp, settings=ChromaSettings(anonymized_telemetry=False))
            col = client.create_collection("bench", metadata=dict(HNSW), embedding_function=None)
            data = unit_vectors(rng, size, dim)
            batch = min(5000, client.get_max_batch_size())
            t0 = time.perf_counter()
            for start in range(0, size, batch):
                part = data[start : start + batch]
                col.add(ids=[f"c{start + i}" for i in range(len(part))], embeddings=part,
                        metadatas=[{"case_id": f"case{(start + i) // 6}"} for i in range(len(part))])
            added = time.perf_counter() - t0
            print(f"\n{size:,} chunks: added in {added:.1f} s ({size / added:,.0f} chunks/s)")

            candidates = min(size, search_mod.DENSE_CANDIDATES)
            for label, n_results in ((f"chromadb top-{candidates} (as the searcher)", candidates),
                                     ("chromadb top-10", 10)):
                it = iter(np.concatenate([queries, queries]))
                for _ in range(10):  # warm caches
                    col.query(query_embeddings=[next(it)], n_results=n_results, include=["metadatas", "distances"])
                p50, p95 = timed(query_runner(col, queries, n_results), args.queries)
                target = TARGETS.get(size)
                verdict = "" if target is None or "searcher" not in label else (
                    f"   target p95 <= {target:.0f} ms: {'met' if p95 <= target else 'MISSED'}")
                if target is not None and "searcher" in label and p95 > target:
                    ok = False
                print(f"  {label:<36} p50 {p50:6.1f} ms   p95 {p95:6.1f} ms{verdict}")

            p50, p95 = timed(brute_runner(data, queries), args.queries)
            print(f"  {'numpy brute force top-10':<36} p50 {p50:6.1f} ms   p95 {p95:6.1f} ms")
            del client
    print(f"\nall latency targets {'met' if ok else 'NOT met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
