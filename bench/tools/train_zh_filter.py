"""Would a trained filter over the Chinese conversation rules' proposed actions raise their
precision on meetings the rules were never tuned on? This script answers it by
cross-validation; its answer so far is no (bench/data/extract/README.md, 2026-12-07,
branch ``zhprec``), so nothing it trains is shipped.

    python bench/tools/train_zh_filter.py [--history] [--features F] [--l2 L] [--cache FILE]

Each action ``facilitator.extract.speech`` proposes on a ``zh-meetings`` dev meeting is
labelled by the bench's own matcher (``extract_score.match``): kept when it matches a gold
action, a false positive otherwise. It is described by a few facts of how the rules found it
(an owner, the speaker's own task, a day, how many turns and speakers, the rule's
confidence, text and quote length, where in the meeting, a hedge, a done word, a question)
and by the bundled e5 model's vectors (``facilitator.library.embed``) of its words and of the
turns around it. A logistic regression is trained on all groups of meetings but one and the
held group is run end to end through the bench's scorer (quick capture, minutes rules, the
rules' other items and the actions kept), for a range of thresholds. The groups follow who
wrote the meetings: the ``w3-`` batch, the ``v4-`` batch, the ``v5-`` batch, the rest in three
groups. The ``v5-`` meetings came after the conversation rules were last changed, so their
figures ("v5-, today's rules") are today's rules on meetings they never saw.

Today's rules were tuned on every dev meeting, so on dev they propose few false positives
(49 of 304) and those are not the ones they make on new meetings (precision 0.84 on dev,
0.67 on the held-out test). ``--history`` adds what a new meeting looks like to the rules:
for each batch of dev meetings, the proposals of the extractor as it stood just before that
batch was added (``git archive`` of the parent of the commit in ``BATCHES``, run by
``zh_fresh_proposals.py``): rules that had never seen those meetings. Those proposals are
also training rows, and the held group is scored on them too ("fresh, older rules"), the
closest figure to an unseen meeting that dev can give.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path[:0] = [str(REPO), str(REPO / "bench"), str(HERE)]

from extract import _found, files_of, quick_capture, read_case  # noqa: E402
from extract_score import Found, Tally, match, ratio, same_owner, score_file, similarity  # noqa: E402

from facilitator.model import Captured, Cue, Suggestion  # noqa: E402

SET = "zh-meetings"
THRESHOLDS = [0.0] + [round(0.1 + 0.05 * k, 2) for k in range(13)]
FOLDS = 6
BATCHES = {
    # the commit that added a batch of dev meetings: its parent had never seen them
    "a2464ac": "v4-bridge-bearing v4-crane-rope v4-duty-free-cosmetics v4-gym-chain v4-museum-showcase "
               "v4-orchestra-tour v4-oxygen-concentrator v4-precast-concrete v4-satellite-antenna "
               "v4-translation-agency",
    "822505d": "w3-charging-pile w3-custom-liquor w3-fire-sprinkler w3-flower-wholesale w3-game-outsource "
               "w3-lab-reagent w3-lens-coating w3-medical-consumables w3-mining-tyre w3-offshore-cable "
               "w3-school-uniform w3-ship-repair w3-wedding-venue w3-wind-blade",
    "45f2459": "fruit-coldstore hotpot-menu pet-hospital school-exam",
    "7dce883": "bakery-franchise dental-sterilizer kindergarten-show",
    "011ae4d": "asr-device-training return-rate water-leak",
    "7eabccf": "crm-demo hotel-linen mold-repair solar-permit",
    "2310916": "asr-gearbox ceramic-tiles packaging-sample pump-spares asr-battery hvac-install seed-export",
    "933ffaa": "chem-coa cold-chain colorbox-print erp-golive steel-price",
}
CONTEXT_CHARS = 60
CONFIDENCES = (0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8)
_HEDGE = re.compile(r"可能|也许|或许|看看|再说|回头|考虑|想想|争取|尽量|试试|应该|估计|大概")
_DONE = re.compile(r"已经|刚才|刚刚|早就|了[。！!]?$")
_QUESTION = re.compile(r"[？?]|吗|要不要|是不是")


def rule_facts(cues: Sequence[Cue], s: Suggestion) -> list[float]:
    c = s.captured
    n = len(s.cues)
    owner = c.owner or ""
    conf = round(s.confidence - (0.1 if n > 1 else 0), 2)  # speech adds 0.1 for a task of several turns
    return [
        1.0 if owner and s.speaker and owner in s.speaker else 0.0,
        1.0 if owner and owner in s.quote else 0.0,
        1.0 if c.due else 0.0,
        1.0 if n == 1 else 0.0,
        1.0 if n == 2 else 0.0,
        1.0 if n >= 3 else 0.0,
        1.0 if len({cues[i].speaker for i in s.cues}) > 1 else 0.0,
        *(1.0 if abs(conf - v) < 0.01 else 0.0 for v in CONFIDENCES),
        min(len(c.text), 40) / 40,
        min(len(s.quote), 200) / 200,
        (min(s.cues) if s.cues else 0) / max(1, len(cues)),
        1.0 if _HEDGE.search(s.quote) else 0.0,
        1.0 if _DONE.search(s.quote) else 0.0,
        1.0 if _QUESTION.search(s.quote) else 0.0,
    ]


N_RULES = 7 + len(CONFIDENCES) + 6


def texts_of(cues: Sequence[Cue], s: Suggestion) -> tuple[str, str]:
    """A proposal's words (task and quote), and the turns just before and after it."""
    def clip(text: str, n: int, tail: bool = False) -> str:
        text = re.sub(r"\s+", " ", text).strip()
        return text[-n:] if tail else text[:n]

    first, last = (min(s.cues), max(s.cues)) if s.cues else (0, 0)
    around = [f"{cues[first - 1].speaker or ''}：{clip(cues[first - 1].text, CONTEXT_CHARS, True)}"] if first else []
    around.append(f"{s.speaker or ''}：{clip(s.quote, CONTEXT_CHARS // 2)}")
    if last + 1 < len(cues):
        around.append(f"{cues[last + 1].speaker or ''}：{clip(cues[last + 1].text, CONTEXT_CHARS)}")
    return clip(f"{s.captured.text}｜{s.quote}", 80), " ".join(around)


def features(cues: Sequence[Cue], found: Sequence[Suggestion]) -> np.ndarray:
    """Rule facts, e5 vector of the words, e5 vector of the turns around: one row each."""
    from facilitator.library.embed import E5Embedder

    pairs = [texts_of(cues, s) for s in found]
    vectors = np.asarray(E5Embedder().embed_passages([t for pair in pairs for t in pair]), dtype=np.float32)
    rules = np.asarray([rule_facts(cues, s) for s in found], dtype=np.float32)
    return np.hstack([rules, vectors[0::2], vectors[1::2]])


@dataclass
class Meeting:
    """One meeting's gold, what the rest of the extractor gives, and the proposed actions
    with their features and labels."""

    name: str
    gold: dict
    fixed: list[Found]
    candidates: list[Found]
    x: np.ndarray
    y: np.ndarray
    group: int


V5 = 5
"""The group of the ``v5-`` meetings: added after today's conversation rules were last
changed, so today's rules had never seen them (their proposals are fresh ones)."""


def group_of(stem: str) -> int:
    if stem.startswith("w3-"):
        return 0
    if stem.startswith("v4-"):
        return 1
    if stem.startswith("v5-"):
        return V5
    return 2 + zlib.crc32(stem.encode()) % 3


def labelled(name: str, gold: dict, base: list[Found], picked: list[Suggestion], rest: list[Found],
             x: np.ndarray, group: int) -> Meeting:
    cands = [_found(s.captured, s.quote) for s in picked]
    everything = base + [f for f in rest if f.kind == "action"] + cands
    offset = len(everything) - len(cands)
    matched = {fi - offset for _, fi in match([a["action"] for a in gold.get("actions") or []], everything)
               if fi >= offset}
    y = np.array([1.0 if i in matched else 0.0 for i in range(len(cands))], dtype=np.float32)
    return Meeting(name, gold, base + rest, cands, x, y, group)


class Features:
    """Feature rows kept in an .npz between runs (e5 over a few hundred texts takes a while)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.stored = dict(np.load(path)) if path and path.is_file() else {}

    def of(self, key: str, cues: Sequence[Cue], picked: list[Suggestion]) -> np.ndarray:
        if not picked:
            return np.zeros((0, 0), np.float32)
        if key not in self.stored or len(self.stored[key]) != len(picked):
            self.stored[key] = features(cues, picked)
        return self.stored[key]

    def save(self) -> None:
        if self.path:
            np.savez(self.path, **self.stored)


def today(cache: Features) -> list[Meeting]:
    """Each dev meeting with what today's extractor proposes, put together as ``extract()``
    and ``bench/extract.py`` do."""
    from facilitator.extract.minutes import chat_speakers, extract_minutes
    from facilitator.extract.speech import extract_speech

    out = []
    for path in files_of(SET, "dev"):
        case = read_case(path)
        base = quick_capture(case)
        typed = {(f.kind, i) for cues, f in base for i in cues}
        found, used = extract_minutes(case.cues, meeting_date=case.meeting_date, participants=case.participants,
                                      language=case.language)
        speech = extract_speech(chat_speakers(case.cues), meeting_date=case.meeting_date,
                                participants=case.participants, language=case.language, skip=used)
        minutes = [s for s in found if not any((s.captured.kind, i) in typed for i in s.cues)]
        fresh = [s for s in speech if not any((s.captured.kind, i) in typed for i in s.cues)]
        picked = [s for s in fresh if s.captured.kind == "action"]
        rest = [_found(s.captured, s.quote) for s in minutes + [s for s in fresh if s.captured.kind != "action"]]
        out.append(labelled(path.stem, case.gold, [f for _, f in base], picked, rest,
                            cache.of(path.stem, case.cues, picked), group_of(path.stem)))
    return out


def history(cache: Features, folder: Path) -> list[Meeting]:
    """Each batch's meetings with what the extractor proposed before it had seen them."""
    cases = {p.stem: p for p in files_of(SET, "dev")}
    out = []
    for commit, stems in BATCHES.items():
        dump = folder / f"{commit}.json"
        if not dump.is_file():
            tree = folder / commit
            tree.mkdir(parents=True, exist_ok=True)
            archive = subprocess.run(["git", "-C", str(REPO), "archive", f"{commit}^", "facilitator",
                                      "bench/extract.py", "bench/extract_score.py"], check=True, capture_output=True)
            subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
            subprocess.run([sys.executable, str(HERE / "zh_fresh_proposals.py"), str(tree), str(dump),
                            *(str(cases[s]) for s in stems.split())], check=True, cwd=tree)
        for stem, got in json.loads(dump.read_text(encoding="utf-8")).items():
            case = read_case(cases[stem])
            if got["ncues"] != len(case.cues):
                raise SystemExit(f"{commit}: {stem} read as {got['ncues']} cues, today {len(case.cues)}")
            typed = {(b["kind"], i) for b in got["base"] for i in b["cues"]}
            fresh = [f for f in got["found"] if not any((f["kind"], i) in typed for i in f["cues"])]
            picked = [Suggestion(Captured(kind="action", text=f["text"], owner=f["owner"],
                                          due=date.fromisoformat(f["due"]) if f["due"] else None),
                                 quote=f["quote"], cues=tuple(f["cues"]), speaker=f["speaker"],
                                 confidence=f["confidence"]) for f in fresh if f["kind"] == "action"]
            rest = [Found(f["kind"], f["text"], f["quote"], f["owner"], f["due"]) for f in fresh if f["kind"] != "action"]
            base = [Found(b["kind"], b["text"], b["quote"], b["owner"], b["due"]) for b in got["base"]]
            key = f"{commit}:{stem}"
            out.append(labelled(key, case.gold, base, picked, rest, cache.of(key, case.cues, picked), group_of(stem)))
    return out


def columns(meetings: list[Meeting], use: str) -> list[Meeting]:
    """The meetings with only the feature columns ``use`` names (rules, words, around)."""
    dim = 384
    spans = {"rules": range(N_RULES), "words": range(N_RULES, N_RULES + dim),
             "around": range(N_RULES + dim, N_RULES + 2 * dim)}
    keep = [i for part in use.split("+") for i in spans[part]]
    return [Meeting(m.name, m.gold, m.fixed, m.candidates, m.x[:, keep] if len(m.x) else m.x, m.y, m.group)
            for m in meetings]


def fit(x: np.ndarray, y: np.ndarray, l2: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """L2-regularised logistic regression on standardised columns by Newton's method:
    (weights with the bias last, column means, column scales)."""
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-6
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    w = np.zeros(z.shape[1])
    reg = np.full(z.shape[1], l2)
    reg[-1] = 0.0
    for _ in range(25):
        p = 1 / (1 + np.exp(-np.clip(z @ w, -30, 30)))
        step = np.linalg.solve((z * (p * (1 - p))[:, None]).T @ z + np.diag(reg + 1e-6), z.T @ (p - y) + reg * w)
        w -= step
        if np.abs(step).max() < 1e-6:
            break
    return w, mean, scale


def held_out(train_on: list[Meeting], judge: list[list[Meeting]], l2: float) -> list[list[np.ndarray]]:
    """Each meeting of each list in ``judge`` scored by a model trained on the meetings of
    ``train_on`` outside its group."""
    probs = [[np.zeros(0)] * len(ms) for ms in judge]
    for fold in range(FOLDS):
        train = [m for m in train_on if m.group != fold and len(m.x)]
        w, mean, scale = fit(np.vstack([m.x for m in train]), np.concatenate([m.y for m in train]), l2)
        for out, ms in zip(probs, judge, strict=True):
            for k, m in enumerate(ms):
                if m.group == fold and len(m.x):
                    out[k] = 1 / (1 + np.exp(-np.clip(((m.x - mean) / scale) @ w[:-1] + w[-1], -30, 30)))
    return probs


def auc(probs: list[np.ndarray], meetings: list[Meeting]) -> float:
    p = np.concatenate(probs)
    y = np.concatenate([m.y for m in meetings])
    pos, neg = p[y == 1], p[y == 0]
    return float((pos[:, None] > neg[None, :]).mean() + 0.5 * (pos[:, None] == neg[None, :]).mean())


def score(meetings: list[Meeting], probs: list[np.ndarray], threshold: float) -> Tally:
    total = Tally()
    for m, p in zip(meetings, probs, strict=True):
        kept = [c for c, q in zip(m.candidates, p, strict=True) if q >= threshold]
        total.add(score_file(m.gold, m.fixed + kept, name=m.name))
    return total


NEAR = 0.15
"""Below the bench's threshold, a Dice similarity at which a task of the same owner is most
likely the missed gold action said in other words (one to one, most similar first)."""


def reworded(meetings: list[Meeting]) -> tuple[int, int]:
    """(false positives, those that are the task of a missed gold action's owner at a Dice of
    ``NEAR`` or more): found right, worded too differently to match, so counted twice, as a
    false positive and as a miss. An upper bound: two tasks of one owner may share words."""
    wrong = same = 0
    for m in meetings:
        golds = m.gold.get("actions") or []
        found = [f for f in m.fixed if f.kind == "action"] + m.candidates
        pairs = match([g["action"] for g in golds], found)
        taken_g, taken_f = {gi for gi, _ in pairs}, {fi for _, fi in pairs}
        wrong += len(found) - len(taken_f)
        near = sorted(((similarity(g["action"], f), gi, fi) for gi, g in enumerate(golds) if gi not in taken_g
                       for fi, f in enumerate(found) if fi not in taken_f and same_owner(g.get("owner"), f.owner)),
                      key=lambda t: (-t[0], t[1], t[2]))
        for score_, gi, fi in near:
            if score_ < NEAR:
                break
            if gi not in taken_g and fi not in taken_f:
                taken_g.add(gi)
                taken_f.add(fi)
                same += 1
    return wrong, same


def line(label: str, t: Tally) -> str:
    def pct(v: float | None) -> str:
        return "   -" if v is None else f"{v:4.2f}"

    return (f"{label}: actions R {pct(ratio(t.matched_actions, t.gold_actions))} "
            f"P {pct(ratio(t.matched_actions, t.found_actions))} "
            f"owner {pct(ratio(t.owner_right, t.matched_actions))} due {pct(ratio(t.due_right, t.matched_actions))} "
            f"| decisions R {pct(ratio(t.matched_decisions, t.gold_decisions))} "
            f"P {pct(ratio(t.matched_decisions, t.found_decisions))} "
            f"| vague {pct(ratio(t.not_actions_taken, t.not_actions))} (found {t.found_actions})")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--history", action="store_true", help="add the older extractors' proposals (see above)")
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "zh_filter",
                    help="where the older trees and their proposals are kept (default %(default)s)")
    ap.add_argument("--l2", type=float, default=30.0, help="weight of the L2 penalty (default %(default)s)")
    ap.add_argument("--features", default="rules+words+around", help="columns to use (default %(default)s)")
    ap.add_argument("--cache", type=Path, help="an .npz to keep the feature rows in between runs")
    args = ap.parse_args()
    cache = Features(args.cache)
    now = columns(today(cache), args.features)
    then = columns(history(cache, args.work), args.features) if args.history else []
    cache.save()
    for label, ms in (("today's rules on dev", now), ("older rules, fresh", then)):
        if ms:
            y = np.concatenate([m.y for m in ms])
            print(f"{label}: {len(ms)} meetings, {len(y)} proposed actions, {int(y.sum())} match a gold action")
    for label, ms in (("dev before v5-, today's rules", [m for m in now if m.group != V5]),
                      ("v5-, today's rules", [m for m in now if m.group == V5]), ("older rules, fresh", then)):
        if ms:
            wrong, same = reworded(ms)
            print(f"{label}: of {wrong} false positives, {same} are a missed gold action's owner's task "
                  f"at Dice {NEAR}-0.30 (worded past the matcher)")
    probs_now, probs_then = held_out(now + then, [now, then], args.l2)
    print(f"cross-validated over {FOLDS} groups of meetings, features {args.features}, l2 {args.l2}: "
          f"AUC {auc(probs_now, now):.2f} on today's proposals"
          + (f", {auc(probs_then, then):.2f} on the older rules' fresh ones" if then else ""))
    v5 = [k for k, m in enumerate(now) if m.group == V5]
    if v5:
        print(f"v5- meetings (today's rules never saw them): AUC {auc([probs_now[k] for k in v5], [now[k] for k in v5]):.2f}")
    for t in THRESHOLDS:
        print(line(f"  {t:.2f} dev, today's rules  ", score(now, probs_now, t)))
        if v5:
            print(line(f"  {t:.2f} v5-, today's rules  ", score([now[k] for k in v5], [probs_now[k] for k in v5], t)))
        if then:
            print(line(f"  {t:.2f} fresh, older rules", score(then, probs_then, t)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
