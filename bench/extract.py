"""Offline extraction quality: what ``facilitator.extract.extract`` finds in meetings and
minutes, against what people wrote down, beside today's quick-capture-only drafter.

    python bench/extract.py [--set NAME ...] [--split dev|test|all] [-v] [--calibrate]

The sets live in ``bench/data/extract/<set>/<split>/`` (see the README there): each file
(``.txt``, ``.md``, ``.vtt``, ``.srt``) has a ``.gold.json`` beside it with the meeting
date, the participants, the actions (owner, due, action), decisions and not_actions
(vague or retracted lines, or things done in the meeting, that must not become actions).

Each file is read the way the app reads it (``sources.read_source``, the path of
``import`` and ``draft --from``): its cues, its date (the gold date, as ``--date`` gives
it), its language, and its participants: its attendee lines, or where it has none its
speaker labels (the gold participants are never handed to the extractor). Two runs on the same cues:

* ``extract``: the quick-capture items of the cues plus what ``extract()`` suggests
  (quick-capture lines are recorded as typed, so the extractor does not repeat them);
* ``baseline``: the quick-capture items only, what ``capture.parse_line`` finds in each
  cue, which is all the offline drafter understands today.

Per set: recall and precision of actions and of decisions; among matched actions, the
share with the right owner and with the right due date (scored separately); the share of
not_actions recorded as actions; and seconds per 10k tokens (o200k, the tokenizer the
drafter budgets with). Matching is one to one by word overlap (``extract_score``), at the
threshold printed in the header. ``-v`` lists every miss; ``--calibrate`` prints the
similarity figures the threshold was chosen from. Tune on ``dev``; ``test`` is held out.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from extract_score import THRESHOLD, Found, Tally, ratio, score_file, similarity  # noqa: E402

from facilitator.model import Captured, Cue, Language, Participant  # noqa: E402

DATA = REPO / "bench" / "data" / "extract"
SETS = ("zh-meetings", "zh-minutes", "en-minutes", "en-meetings")
SPLITS = ("dev", "test")
SUFFIXES = (".txt", ".md", ".vtt", ".srt")
ITEM_KINDS = ("action", "decision", "responsibility", "obstacle", "lever", "question")


class BenchError(Exception):
    """A data file the bench cannot use; reported in one line."""


@dataclass
class Case:
    """One file with its gold, read as the app reads it."""

    path: Path
    gold: dict
    text: str
    cues: list[Cue]
    meeting_date: date | None
    participants: list[Participant]
    language: Language


def files_of(set_name: str, split: str) -> list[Path]:
    folder = DATA / set_name / split
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES and p.with_suffix(".gold.json").is_file())


def speaker_people(cues: Sequence[Cue]) -> list[Participant]:
    """The speakers of ``cues`` as participants; ``王强（销售）`` gives 王强 of 销售."""
    from facilitator.notesfile import parse_participants

    people: list[Participant] = []
    for speaker in dict.fromkeys(c.speaker.strip() for c in cues if c.speaker and c.speaker.strip()):
        parsed = parse_participants(speaker)
        people.append(parsed[0] if len(parsed) == 1 else Participant(speaker))
    return people


def read_case(path: Path) -> Case:
    from facilitator.sources import read_source

    gold_path = path.with_suffix(".gold.json")
    try:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        on = date.fromisoformat(gold["date"]) if gold.get("date") else None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise BenchError(f"{gold_path}: not a gold file ({exc})") from exc
    source = read_source(path, on)
    meeting = source.meeting
    # the rule ``read_source`` applies to timed transcripts: the attendee lines if the file
    # has them, else its speakers (in minutes, "责任人：" or "Subject:" are not people)
    people = list(meeting.participants) or speaker_people(source.transcript.cues)
    return Case(path, gold, path.read_text(encoding="utf-8"), list(source.transcript.cues),
                meeting.date or on, people, meeting.language)


def _found(c: Captured, quote: str) -> Found:
    return Found(c.kind, c.text, quote, c.owner, c.due.isoformat() if c.due else None)


def quick_capture(case: Case) -> list[tuple[tuple[int, ...], Found]]:
    """What today's offline drafter understands: each cue read as a quick-capture line,
    with the index of its cue."""
    from facilitator.capture import parse_line

    out: list[tuple[tuple[int, ...], Found]] = []
    for index, cue in enumerate(case.cues):
        c = parse_line(cue.text, case.meeting_date)
        if c.kind in ITEM_KINDS:
            out.append(((index,), _found(c, cue.text)))
    return out


def extracted(case: Case) -> list[tuple[tuple[int, ...], Found]]:
    """What ``extract()`` suggests for the case's cues, with the cues each came from."""
    from facilitator.extract import extract

    suggestions = extract(case.cues, meeting_date=case.meeting_date, participants=case.participants,
                          language=case.language)
    return [(tuple(s.cues), _found(s.captured, s.quote)) for s in suggestions]


def run_both(case: Case) -> tuple[list[Found], float, list[Found], float]:
    """(extract + quick capture, its seconds, baseline, its seconds) for one case. A
    suggestion of the same kind read from a cue quick capture already took is the typed
    item again, not a second one (``extract()`` should not offer it; if it does, it is
    not counted twice)."""
    t0 = time.perf_counter()
    base = quick_capture(case)
    t1 = time.perf_counter()
    try:
        more = extracted(case)
    except Exception as exc:
        exc.add_note(f"while extracting {case.path}")
        raise
    t2 = time.perf_counter()
    typed = {(f.kind, i) for cues, f in base for i in cues}
    combined = [f for _, f in base]
    combined += [f for cues, f in more if not any((f.kind, i) in typed for i in cues)]
    return combined, t2 - t0, [f for _, f in base], t1 - t0


def _pct(value: float | None) -> str:
    return "   -" if value is None else f"{value:4.2f}"


HEADER = (f"{'set':<12} {'run':<8} {'files':>5} {'tokens':>7} | {'act':>3} {'R':>4} {'P':>4} "
          f"{'owner':>5} {'due':>4} | {'dec':>3} {'R':>4} {'P':>4} | {'vague':>5} | {'s/10k':>6} | other")


def row(set_name: str, run: str, t: Tally) -> str:
    other = " ".join(f"{k}:{n}" for k, n in sorted(t.other.items())) or "-"
    per10k = ratio(t.seconds * 10_000, t.tokens)
    return (
        f"{set_name:<12} {run:<8} {t.files:>5} {t.tokens:>7} | {t.gold_actions:>3} "
        f"{_pct(ratio(t.matched_actions, t.gold_actions))} {_pct(ratio(t.matched_actions, t.found_actions))} "
        f"{_pct(ratio(t.owner_right, t.matched_actions)):>5} {_pct(ratio(t.due_right, t.matched_actions))} | "
        f"{t.gold_decisions:>3} {_pct(ratio(t.matched_decisions, t.gold_decisions))} "
        f"{_pct(ratio(t.matched_decisions, t.found_decisions))} | "
        f"{_pct(ratio(t.not_actions_taken, t.not_actions)):>5} | "
        f"{'-' if per10k is None else f'{per10k:6.3f}':>6} | {other}"
    )


def evaluate(set_name: str, split: str, threshold: float, only: Sequence[str] = ()) -> tuple[Tally, Tally] | None:
    from facilitator.drafting.budget import count_tokens

    paths = [p for p in files_of(set_name, split) if not only or p.name.split(".")[0] in only]
    if not paths:
        return None
    ext_total, base_total = Tally(), Tally()
    for path in paths:
        case = read_case(path)
        tokens = count_tokens(case.text)
        name = f"{set_name}/{split}/{path.name}"
        combined, ext_s, base, base_s = run_both(case)
        for total, found, seconds in ((ext_total, combined, ext_s), (base_total, base, base_s)):
            t = score_file(case.gold, found, threshold, name)
            t.tokens, t.seconds = tokens, seconds
            total.add(t)
    return ext_total, base_total


def calibrate(sets: Sequence[str], splits: Sequence[str], out: Callable[[str], None]) -> None:
    """Similarity of distinct gold items of one file (must stay below the threshold) and of
    each gold action against its best single line of the file (should reach it)."""
    distinct: list[float] = []
    best_line: list[float] = []
    for set_name in sets:
        for split in splits:
            for path in files_of(set_name, split):
                case = read_case(path)
                items = ([a["action"] for a in case.gold.get("actions") or []]
                         + [str(d) for d in case.gold.get("decisions") or []]
                         + [str(n) for n in case.gold.get("not_actions") or []])
                for i, a in enumerate(items):
                    distinct += [similarity(a, Found("x", b)) for b in items[i + 1:]]
                lines = [Found("x", c.text) for c in case.cues]
                for a in case.gold.get("actions") or []:
                    best_line.append(max((similarity(a["action"], f) for f in lines), default=0.0))

    def describe(values: list[float]) -> str:
        if len(values) < 2:
            return "too few values"
        q = statistics.quantiles(values, n=20)
        return (f"n={len(values)} median={statistics.median(values):.2f} p5={q[0]:.2f} p95={q[-1]:.2f} "
                f"max={max(values):.2f} share>={THRESHOLD:.2f}: "
                f"{sum(v >= THRESHOLD for v in values) / len(values):.2f}")

    out("distinct gold items of one file: " + describe(distinct))
    out("gold action vs its best line:    " + describe(best_line))


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--set", action="append", choices=SETS, help="a set to run (repeatable; default all)")
    ap.add_argument("--split", choices=("dev", "test", "all"), default="all")
    ap.add_argument("--threshold", type=float, default=THRESHOLD, help="match threshold (default %(default)s)")
    ap.add_argument("--calibrate", action="store_true", help="print the figures the threshold was chosen from")
    ap.add_argument("--only", default="", help="comma-separated file stems to run (leave-some-out checks on dev)")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every miss of the extract run")
    args = ap.parse_args(argv)
    sets = args.set or list(SETS)
    splits = SPLITS if args.split == "all" else (args.split,)
    only = tuple(s for s in args.only.split(",") if s)
    try:
        if args.calibrate:
            calibrate(sets, splits, print)
            return 0
        print("offline extraction: extract = quick capture + extract(); baseline = quick capture only")
        print(f"match: one-to-one greedy, Dice over character bigrams (zh) / content words (en), "
              f"threshold {args.threshold:.2f}")
        print("act/dec: gold count; R/P: recall/precision; owner/due: right among matched actions; "
              "vague: not_actions recorded as actions")
        for split in splits:
            print(f"\n[{split}]")
            print(HEADER)
            for set_name in sets:
                result = evaluate(set_name, split, args.threshold, only)
                if result is None:
                    print(f"{set_name:<12} (no files)")
                    continue
                ext, base = result
                print(row(set_name, "extract", ext))
                print(row(set_name, "baseline", base))
                if args.verbose:
                    for line in ext.misses:
                        print("    " + line)
    except BenchError as exc:
        print(f"bench/extract.py: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
