"""Score the minutes pages of tests/extract/pages the way bench/extract.py scores a set."""
from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "bench"))
import extract as bench  # noqa: E402
from extract_score import THRESHOLD, Tally, score_file  # noqa: E402

for lang in sys.argv[1:] or ["zh", "en"]:
    total = Tally()
    folder = REPO / "tests" / "extract" / "pages" / lang
    for path in sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".md")):
        case = bench.read_case(path)
        combined = bench.run_both(case)[0]
        t = score_file(case.gold, combined, THRESHOLD, f"{lang}/{path.name}")
        total.add(t)
    print(bench.row(f"pages-{lang}", "extract", total))
    for m in total.misses:
        print("   ", m)
