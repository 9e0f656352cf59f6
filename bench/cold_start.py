"""Cold start of one search: a whole new Python process, prebuilt index, one query.

This is what ``facilitator search QUERY`` costs a user. Printed beside
``python -c "import chromadb"``, measured in the same run (a search reads the saved
search tables and needs chromadb only to repair the index). Median of 5 runs each.
Target: the CLI search within 1.2x the chromadb import.

Also timed: a new home's first ``facilitator index`` of the built-in cards, a whole
process, which copies the installation's ready index of them (``library/template.py``)
or, without one, takes their vectors from the shipped file (target < 3 s).

    python bench/cold_start.py [--corpus DIR] [--runs 5]
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
from facilitator.library.index import CaseIndex  # noqa: E402
from facilitator.locations import corpus_dir  # noqa: E402

QUERY = "供应商嫌订单量太小不愿意接"
RATIO = 1.2
FIRST_INDEX = 3.0


def median_run(cmd: list[str], runs: int, env: dict[str, str]) -> tuple[float, str]:
    times = []
    out = ""
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=REPO)
        times.append(time.perf_counter() - t0)
        if proc.returncode != 0:
            raise SystemExit(f"failed: {' '.join(cmd)}\n{proc.stderr}")
        out = proc.stdout
    return statistics.median(times), out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=None)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    corpus = (args.corpus or corpus_dir()).resolve()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "FACILITATOR_"))}
    env["PYTHONPATH"] = str(REPO)

    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        report = CaseIndex(home, Settings()).update([corpus], builtin=False)
        print(f"prebuilt index: {report.cards} cards, {report.chunks} chunks from {corpus}")

        floor, _ = median_run([sys.executable, "-c", "import chromadb"], args.runs, env)
        print(f"python -c 'import chromadb'            median {floor:.2f} s")

        code = (
            "import sys; from pathlib import Path;"
            "from facilitator.config import Settings;"
            "from facilitator.library.search import CaseSearcher;"
            "s = CaseSearcher(Path(sys.argv[1]), Settings());"
            "h = s.search(sys.argv[2], k=5); print(h[0].case_id if h else '-', s.notices)"
        )
        took, out = median_run([sys.executable, "-c", code, str(home), QUERY], args.runs, env)
        print(f"one search, whole process (library API) median {took:.2f} s   -> {out.strip()}")
        verdict = took

        took_cli, out = median_run([sys.executable, "-m", "facilitator", "--home", str(home), "search", QUERY,
                                    "--json"], args.runs, env)
        print(f"facilitator search (CLI)               median {took_cli:.2f} s")
        verdict = took_cli
        ratio = verdict / floor
        print(f"target <= {RATIO}x the chromadb import: {'met' if ratio <= RATIO else 'MISSED'} "
              f"({ratio:.2f}x)   load {load()}")

        firsts = []
        for n in range(3):
            new_home = Path(tmp) / f"new{n}"
            t0 = time.perf_counter()
            proc = subprocess.run([sys.executable, "-m", "facilitator", "--home", str(new_home), "index"],
                                  capture_output=True, text=True, env=env, cwd=REPO)
            firsts.append(time.perf_counter() - t0)
            if proc.returncode != 0:
                raise SystemExit(proc.stderr)
        first = statistics.median(firsts)
        how = "copied the installation's ready index" if "ready index" in proc.stderr else (
            "built it from the cards (no usable ready index in this environment: `make` builds one)")
        print(f"new home, first `facilitator index` (built-in cards)  median {first:.2f} s   -> "
              f"{proc.stdout.strip()}; {how}")
        print(f"target < {FIRST_INDEX} s: {'met' if first < FIRST_INDEX else 'MISSED'}   load {load()}")
    return 0


def load() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


if __name__ == "__main__":
    raise SystemExit(main())
