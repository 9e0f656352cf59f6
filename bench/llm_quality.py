"""Draft quality on long meetings: planted commitments found, inventions flagged, duplicates.

Runs the drafter end to end (``Service.draft`` from a .vtt file, real HTTP through the
openai client) over the meetings of ``tests/long_meetings.py`` (Chinese and English,
about 5k to 30k tokens of talk, commitments planted at the start, middle and end), and
the offline drafter over the same files, and prints per meeting:

- recall: planted commitments in the draft with the owner and the date right;
- invented: actions and responsibilities that match no planted commitment, and how
  many of them carry a flag (owner, date or basis unverified);
- duplicates: planted commitments present more than once;
- windows and seconds per window (mean / max), and the machine load beside them.

The endpoint is the environment's (``OPENAI_BASE_URL``, ``OPENAI_API_KEY``,
``FACILITATOR_LLM_MODEL``, ``FACILITATOR_LLM_CONTEXT``, ``FACILITATOR_LLM_TIMEOUT``);
with no ``OPENAI_BASE_URL`` it is the scripted local test server, which answers each
window from what it is sent and, with ``--careless``, also invents an owner and a
basis for every commitment it finds (to measure the flagging).

    python bench/llm_quality.py [--context 4096] [--careless] [--only zh]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from facilitator.config import load_settings  # noqa: E402
from facilitator.drafting.budget import count_tokens  # noqa: E402
from facilitator.drafting.grounding import similar  # noqa: E402
from facilitator.service import Service  # noqa: E402
from tests.long_meetings import LongMeeting, bench_set  # noqa: E402
from tests.openai_server import FakeOpenAI, WindowModel  # noqa: E402

_SECONDS = re.compile(r", (\d+(?:\.\d+)?) s$")


def _owner_ok(spoken: str, given: str | None) -> bool:
    return bool(given) and (given == spoken or spoken in (given or "") or (given or "") in spoken)


def score(m: LongMeeting, draft: Any) -> dict[str, Any]:
    found = dup = 0
    matched: set[int] = set()
    for p in m.planted:
        hits = [i for i, a in enumerate(draft.actions)
                if a.due == p.due and _owner_ok(p.owner, a.owner) and similar(a.action, p.what)]
        found += bool(hits)
        dup += max(0, len(hits) - 1)
        matched.update(hits)
    flagged_texts = {e.text for e in draft.evidence if e.flags}
    invented = [a.action for i, a in enumerate(draft.actions) if i not in matched]
    invented += [r.item for r in draft.responsibilities]
    flagged = sum(1 for t in invented if t in flagged_texts)
    basis_flags = sum(1 for g in draft.gaps if g.kind == "basis_unverified")
    return {"found": found, "planted": len(m.planted), "dup": dup, "invented": len(invented),
            "flagged": flagged, "basis_flags": basis_flags}


def run_one(svc: Service, m: LongMeeting, folder: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    path = folder / f"{m.name}.vtt"
    path.write_text(m.vtt(), encoding="utf-8")
    t0 = time.perf_counter()
    offline = svc.drafts.draft(from_file=path, mode="offline")
    off = score(m, offline) | {"seconds": time.perf_counter() - t0}
    lines: list[str] = []
    t0 = time.perf_counter()
    draft = svc.drafts.draft(from_file=path, mode="llm", on_progress=lines.append)
    total = time.perf_counter() - t0
    per = [float(x[1]) for x in (_SECONDS.search(line) for line in lines) if x]
    failed = sum(1 for line in lines if "not read" in line)
    llm = score(m, draft) | {"seconds": total, "windows": len(lines) or 1, "failed": failed,
                             "per_mean": statistics.mean(per) if per else total,
                             "per_max": max(per) if per else total, "mode": draft.mode}
    return off, llm


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--context", type=int, default=int(os.environ.get("FACILITATOR_LLM_CONTEXT") or 4096))
    ap.add_argument("--careless", action="store_true", help="the scripted server also invents owners and bases")
    ap.add_argument("--only", choices=["zh", "en"], help="one language only")
    args = ap.parse_args()
    meetings = [m for m in bench_set() if args.only in (None, m.lang)]
    server = None
    env = dict(os.environ)
    if not env.get("OPENAI_BASE_URL"):
        server = FakeOpenAI().start()
        server.add_hook(WindowModel(invent=args.careless), once=False)
        env.update(OPENAI_BASE_URL=server.base_url, OPENAI_API_KEY="sk-bench", FACILITATOR_LLM_MODEL="scripted")
    env["FACILITATOR_LLM_CONTEXT"] = str(args.context)
    where = "scripted local server" if server else env["OPENAI_BASE_URL"]
    totals = {"found": 0, "planted": 0, "dup": 0, "invented": 0, "flagged": 0, "off_found": 0}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            home = Path(tmp) / "home"
            settings = load_settings(home, env)
            svc = Service(home, settings)
            print(f"endpoint: {where}, model {settings.llm_model}, context {settings.llm_context}, "
                  f"timeout {settings.llm_timeout:g} s per window")
            print(f"{'meeting':<14}{'tokens':>7}{'win':>5}  {'llm recall':<11}{'dup':>4}{'invented':>9}"
                  f"{'flagged':>8}{'s/window':>10}{'max':>7}{'total s':>9}   {'offline recall':<15}{'s':>6}")
            for m in meetings:
                talk = "\n".join(f"[{s // 60:02d}:{s % 60:02d}] {w}: {t}" for s, w, t in m.cues)
                off, llm = run_one(svc, m, Path(tmp))
                for key in ("found", "planted", "dup", "invented", "flagged"):
                    totals[key] += llm[key]
                totals["off_found"] += off["found"]
                note = "" if llm["mode"] == "llm" else f"  ({llm['mode']})"
                note += f"  {llm['failed']} window(s) not read" if llm["failed"] else ""
                print(f"{m.name:<14}{count_tokens(talk):>7}{llm['windows']:>5}  "
                      f"{llm['found']}/{llm['planted']:<9}{llm['dup']:>4}{llm['invented']:>9}{llm['flagged']:>8}"
                      f"{llm['per_mean']:>10.2f}{llm['per_max']:>7.2f}{llm['seconds']:>9.1f}   "
                      f"{off['found']}/{off['planted']:<13}{off['seconds']:>6.2f}{note}")
            svc.close()
    finally:
        if server is not None:
            server.stop()
    print(f"total: llm recall {totals['found']}/{totals['planted']}, duplicates {totals['dup']}, "
          f"invented {totals['invented']} of which flagged {totals['flagged']}; "
          f"offline recall {totals['off_found']}/{totals['planted']}")
    print(f"load average: {Path('/proc/loadavg').read_text().strip() if Path('/proc/loadavg').exists() else '?'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
