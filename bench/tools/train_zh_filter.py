"""Train the filter over the Chinese conversation rules' proposed actions
(``facilitator/extract/zh_spoken.py``) on the ``zh-meetings`` dev meetings, and say how well
it does on meetings it never saw.

    python bench/tools/train_zh_filter.py [--cv] [--write] [--threshold T] [--l2 L]

Each action the rules propose on a dev meeting is labelled by the bench's own matcher
(``extract_score.match``, as ``bench/extract.py`` scores it): one that matches a gold action
is kept, any other is a false positive (among them the ones that say a gold not_action).
Only the dev folder is read, never a ``test/`` one.

``--cv`` trains on all groups of meetings but one and runs the held group end to end
through the bench's scorer (quick capture, minutes rules, the rules' other items and the
kept actions, scored by ``score_file``), for a range of thresholds: the honest estimate of
how the filter does on new meetings. The groups follow who wrote the meetings: the ``w3-``
batch, the ``v4-`` batch, and the rest in three groups. The threshold written is the
lowest one whose cross-validated precision reaches ``--target`` (0.9 by default) with the
recall it costs printed beside it, unless ``--threshold`` gives one. ``--write`` trains on
all of dev and writes ``facilitator/extract/data/zh_spoken_filter.npz``.
"""

from __future__ import annotations

import argparse
import json
import sys
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path[:0] = [str(REPO), str(REPO / "bench"), str(HERE)]

from extract import _found, files_of, quick_capture, read_case  # noqa: E402
from extract_score import Found, Tally, match, ratio, score_file, similarity  # noqa: E402

from facilitator.extract import zh_spoken  # noqa: E402
from facilitator.model import Suggestion  # noqa: E402

OUT = REPO / "facilitator" / "extract" / "data" / "zh_spoken_filter.npz"
SET = "zh-meetings"
THRESHOLDS = [0.0] + [round(0.1 + 0.05 * k, 2) for k in range(13)]
FOLDS = 5


@dataclass
class Meeting:
    """One dev meeting: its gold, what the rest of the extractor gives, and the proposed
    actions with their features and labels."""

    name: str
    gold: dict
    fixed: list[Found]
    candidates: list[Found]
    x: np.ndarray
    y: np.ndarray
    bad: np.ndarray
    """1 where an unmatched proposal says one of the gold's not_actions."""
    group: int = 0
    owner_ok: list[bool] = field(default_factory=list)


def proposals(case) -> tuple[list[Found], list[Suggestion], list[Found]]:
    """(quick capture, proposed actions, everything else) as ``extract()`` and
    ``bench/extract.py`` put them together, before the filter."""
    from facilitator.extract.minutes import chat_speakers, extract_minutes
    from facilitator.extract.speech import extract_speech

    base = quick_capture(case)
    typed = {(f.kind, i) for cues, f in base for i in cues}
    found, used = extract_minutes(case.cues, meeting_date=case.meeting_date, participants=case.participants,
                                  language=case.language)
    speech = extract_speech(chat_speakers(case.cues), meeting_date=case.meeting_date,
                            participants=case.participants, language=case.language, skip=used)
    if not zh_spoken.applies(case.cues, case.language):
        raise SystemExit(f"{case.path}: not read as a Chinese transcript with speakers")
    fresh = [s for s in speech if not any((s.captured.kind, i) in typed for i in s.cues)]
    picked = [s for s in fresh if zh_spoken.is_candidate(s)]
    rest = [_found(s.captured, s.quote) for s in found + fresh if all(s is not p for p in picked)]
    return [f for _, f in base], picked, rest


def group_of(name: str) -> int:
    if name.startswith("w3-"):
        return 0
    if name.startswith("v4-"):
        return 1
    return 2 + zlib.crc32(name.encode()) % 3


def load(cache: Path | None) -> list[Meeting]:
    stored = dict(np.load(cache)) if cache and cache.is_file() else {}
    out = []
    for path in files_of(SET, "dev"):
        case = read_case(path)
        base, picked, rest = proposals(case)
        cands = [_found(s.captured, s.quote) for s in picked]
        key = path.stem
        if key in stored and len(stored[key]) == len(picked):
            x = stored[key]
        else:
            x = zh_spoken.features(case.cues, picked) if picked else np.zeros((0, 0), np.float32)
            stored[key] = x
        gold_actions = [a["action"] for a in case.gold.get("actions") or []]
        everything = base + [f for f in rest if f.kind == "action"] + cands
        offset = len(everything) - len(cands)
        matched = {fi - offset for _, fi in match(gold_actions, everything) if fi >= offset}
        y = np.array([1.0 if i in matched else 0.0 for i in range(len(cands))], dtype=np.float32)
        nots = [str(n) for n in case.gold.get("not_actions") or []]
        bad = np.array([1.0 if i not in matched and any(similarity(n, c) >= 0.3 for n in nots) else 0.0
                        for i, c in enumerate(cands)], dtype=np.float32)
        out.append(Meeting(key, case.gold, base + rest, cands, x, y, bad, group_of(key)))
    if cache:
        np.savez(cache, **stored)
    return out


def load_history(folder: Path, cache: Path | None) -> list[Meeting]:
    """The proposals of older extractors on the dev meetings they had not yet seen (dumps)."""
    from datetime import date

    from facilitator.model import Captured

    stored = dict(np.load(cache)) if cache and cache.is_file() else {}
    out = []
    cases = {p.stem: p for p in files_of(SET, "dev")}
    for dump in sorted(folder.glob("*.json")):
        for stem, got in json.loads(dump.read_text(encoding="utf-8")).items():
            case = read_case(cases[stem])
            assert got["ncues"] == len(case.cues), stem
            base = [Found(b["kind"], b["text"], b["quote"], b["owner"], b["due"]) for b in got["base"]]
            typed = {(b["kind"], i) for b in got["base"] for i in b["cues"]}
            fresh = [f for f in got["found"] if not any((f["kind"], i) in typed for i in f["cues"])]
            picked = [Suggestion(Captured(kind=f["kind"], text=f["text"], owner=f["owner"],
                                          due=date.fromisoformat(f["due"]) if f["due"] else None),
                                 quote=f["quote"], cues=tuple(f["cues"]), speaker=f["speaker"],
                                 confidence=f["confidence"]) for f in fresh if f["kind"] == "action"]
            rest = [Found(f["kind"], f["text"], f["quote"], f["owner"], f["due"]) for f in fresh if f["kind"] != "action"]
            key = f"{dump.stem}:{stem}"
            if key in stored and len(stored[key]) == len(picked):
                x = stored[key]
            else:
                x = zh_spoken.features(case.cues, picked) if picked else np.zeros((0, 0), np.float32)
                stored[key] = x
            out.append(labelled(key, case.gold, base, picked, rest, x, group_of(stem)))
    if cache:
        np.savez(cache, **stored)
    return out


def labelled(name, gold, base, picked, rest, x, group) -> Meeting:
    cands = [_found(s.captured, s.quote) for s in picked]
    gold_actions = [a["action"] for a in gold.get("actions") or []]
    everything = base + [f for f in rest if f.kind == "action"] + cands
    offset = len(everything) - len(cands)
    matched = {fi - offset for _, fi in match(gold_actions, everything) if fi >= offset}
    y = np.array([1.0 if i in matched else 0.0 for i in range(len(cands))], dtype=np.float32)
    nots = [str(n) for n in gold.get("not_actions") or []]
    bad = np.array([1.0 if i not in matched and any(similarity(n, c) >= 0.3 for n in nots) else 0.0
                    for i, c in enumerate(cands)], dtype=np.float32)
    return Meeting(name, gold, base + rest, cands, x, y, bad, group)


def columns(meetings: list[Meeting], use: str) -> list[Meeting]:
    """The meetings with only the feature columns ``use`` names (rules, words, around)."""
    n_rules = len(zh_spoken.rule_features([], Suggestion(zh_spoken_dummy(), quote="")))
    dim = (meetings[0].x.shape[1] - n_rules) // 2 if meetings else 0
    spans = {"rules": range(0, n_rules), "words": range(n_rules, n_rules + dim),
             "around": range(n_rules + dim, n_rules + 2 * dim)}
    keep = [i for part in use.split("+") for i in spans[part]]
    return [Meeting(m.name, m.gold, m.fixed, m.candidates, m.x[:, keep] if len(m.x) else m.x, m.y, m.bad, m.group)
            for m in meetings]


def zh_spoken_dummy():
    from facilitator.model import Captured

    return Captured(kind="action", text="")


def fit(x: np.ndarray, y: np.ndarray, l2: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """L2-regularised logistic regression on standardised columns, by Newton's method:
    (weights with the bias last, column means, column scales)."""
    mean = x.mean(axis=0)
    scale = x.std(axis=0) + 1e-6
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    w = np.zeros(z.shape[1])
    reg = np.full(z.shape[1], l2)
    reg[-1] = 0.0
    for _ in range(25):
        p = 1 / (1 + np.exp(-np.clip(z @ w, -30, 30)))
        grad = z.T @ (p - y) + reg * w
        hess = (z * (p * (1 - p))[:, None]).T @ z + np.diag(reg + 1e-6)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-6:
            break
    return w.astype(np.float32), mean.astype(np.float32), scale.astype(np.float32)


def score(meetings: list[Meeting], probs: list[np.ndarray], threshold: float) -> Tally:
    total = Tally()
    for m, p in zip(meetings, probs, strict=True):
        kept = [c for c, q in zip(m.candidates, p, strict=True) if q >= threshold]
        total.add(score_file(m.gold, m.fixed + kept, name=m.name))
    return total


def held_out(train_on: list[Meeting], judge: list[list[Meeting]], l2: float) -> list[list[np.ndarray]]:
    """Each meeting of each list in ``judge`` scored by a model trained on the meetings of
    ``train_on`` outside its group."""
    probs = [[np.zeros(0)] * len(ms) for ms in judge]
    for fold in range(FOLDS):
        train = [m for m in train_on if m.group != fold and len(m.x)]
        w, mean, scale = fit(np.vstack([m.x for m in train]), np.concatenate([m.y for m in train]), l2)
        model = zh_spoken.Model(w, mean, scale, 0.5)
        for out, ms in zip(probs, judge, strict=True):
            for k, m in enumerate(ms):
                if m.group == fold and len(m.x):
                    out[k] = zh_spoken.probabilities(m.x, model)
    return probs


def line(label: str, t: Tally) -> str:
    def pct(v: float | None) -> str:
        return "   -" if v is None else f"{v:4.2f}"

    return (f"{label}: actions R {pct(ratio(t.matched_actions, t.gold_actions))} "
            f"P {pct(ratio(t.matched_actions, t.found_actions))} "
            f"owner {pct(ratio(t.owner_right, t.matched_actions))} due {pct(ratio(t.due_right, t.matched_actions))} "
            f"| decisions R {pct(ratio(t.matched_decisions, t.gold_decisions))} "
            f"P {pct(ratio(t.matched_decisions, t.found_decisions))} "
            f"| vague {pct(ratio(t.not_actions_taken, t.not_actions))} (found {t.found_actions})")


def cross_validate(current: list[Meeting], history: list[Meeting], l2: float, target: float) -> float | None:
    """Print the held-out figures on today's proposals and on the older extractors' fresh
    ones, per threshold; the threshold whose fresh precision first reaches ``target``."""
    probs_now, probs_then = held_out(current + history, [current, history], l2)
    chosen = None
    for t in THRESHOLDS:
        print(line(f"  {t:.2f} dev, today's rules ", score(current, probs_now, t)))
        if history:
            tally = score(history, probs_then, t)
            print(line(f"  {t:.2f} fresh, older rules", tally))
            p = ratio(tally.matched_actions, tally.found_actions) or 0.0
            if chosen is None and p >= target:
                chosen = t
    return chosen


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cv", action="store_true")
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--threshold", type=float)
    ap.add_argument("--l2", type=float, default=30.0, help="weight of the L2 penalty (default %(default)s)")
    ap.add_argument("--features", default="rules+words+around", help="columns to use (default %(default)s)")
    ap.add_argument("--target", type=float, default=0.9, help="cross-validated precision to reach")
    ap.add_argument("--history", type=Path, help="a folder of older extractors' proposals (dumps)")
    ap.add_argument("--cache", type=Path, help="an .npz to keep the features in between runs")
    args = ap.parse_args()
    meetings = columns(load(args.cache), args.features)
    history = columns(load_history(args.history, args.cache), args.features) if args.history else []
    y = np.concatenate([m.y for m in meetings])
    bad = np.concatenate([m.bad for m in meetings])
    print(f"{len(meetings)} dev meetings, {len(y)} proposed actions: {int(y.sum())} match a gold action, "
          f"{int(len(y) - y.sum())} do not ({int(bad.sum())} of them say a not_action)")
    threshold = args.threshold
    if args.cv:
        print(f"cross-validated over {FOLDS} groups of meetings, features {args.features}, l2 {args.l2}:")
        chosen = cross_validate(meetings, history, args.l2, args.target)
        print(f"threshold chosen: {chosen}")
        threshold = threshold if threshold is not None else chosen
    if args.write:
        if threshold is None:
            print("no threshold: give --threshold or run --cv", file=sys.stderr)
            return 2
        if args.features != "rules+words+around":
            print("the extractor reads all three kinds of columns: write with the default --features",
                  file=sys.stderr)
            return 2
        w, mean, scale = fit(np.vstack([m.x for m in meetings if len(m.x)]), y, args.l2)
        OUT.parent.mkdir(exist_ok=True)
        np.savez_compressed(OUT, weights=w, mean=mean, scale=scale, threshold=np.float32(threshold),
                            l2=np.float32(args.l2), meetings=np.array(json.dumps([m.name for m in meetings])))
        print(f"wrote {OUT} ({OUT.stat().st_size} bytes), threshold {threshold:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
