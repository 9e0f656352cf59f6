"""A second look at the tasks the conversation rules read in a Chinese transcript: a small
trained filter that drops the ones people did not commit to.

The rules of :mod:`.speech` find most of what a Chinese meeting commits people to, but on
meetings their authors never saw about a third of what they offer is no task: an opinion
worded like a promise, a plan left open, an errand done already. Fitting more rules to the
wording of the meetings at hand did not carry over to new ones, so this module judges each
action the rules propose from what a reader would weigh: the meaning of its words and of
the turns around it (the bundled multilingual-e5 model, :mod:`facilitator.library.embed`)
and a few facts about how the rules found it (an owner, a day, the speaker's own task,
how many turns it took, how sure the rule was, where in the meeting).

The weights (``data/zh_spoken_filter.npz``, a logistic regression) are trained on the
``zh-meetings`` dev meetings by ``bench/tools/train_zh_filter.py``, which labels each
proposed action by the bench's own matcher and reports the figures cross-validated over
groups of meetings; bench/data/extract/README.md quotes them.

Only Chinese transcripts with speaker labels are judged (:func:`applies`); minutes, chat
pastes and English keep what their readers found. Decisions and other kinds pass as found.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from facilitator.model import Cue, Suggestion

if TYPE_CHECKING:
    import numpy as np

MODEL_PATH = Path(__file__).with_name("data") / "zh_spoken_filter.npz"
CONTEXT_CHARS = 60
"""Characters of the turn before and the turn after a task given to the model: enough for
"谁去？" or "好，那就这么办", short enough to keep a long transcript quick to read."""
QUOTE_CHARS = 80

_CJK = re.compile(r"[\u4e00-\u9fff]")
_HEDGE = re.compile(r"可能|也许|或许|看看|再说|回头|考虑|想想|争取|尽量|试试|应该|估计|大概")
_DONE = re.compile(r"已经|刚才|刚刚|早就|了[。！!]?$")
_QUESTION = re.compile(r"[？?]|吗|要不要|是不是")


def applies(cues: Sequence[Cue], language: str) -> bool:
    """A Chinese transcript whose lines carry speaker labels: most lines with a speaker, two
    speakers at least (minutes and pasted chats are read by their own rules)."""
    if language != "zh" or len(cues) < 6:
        return False
    with_speaker = sum(1 for c in cues if c.speaker)
    return with_speaker >= 0.8 * len(cues) and len({c.speaker for c in cues if c.speaker}) >= 2


def is_candidate(s: Suggestion) -> bool:
    return s.captured.kind == "action"


@dataclass(frozen=True)
class Model:
    weights: np.ndarray
    """One weight per feature, the last one the bias; features are scaled by ``mean``/``scale``."""
    mean: np.ndarray
    scale: np.ndarray
    threshold: float


@lru_cache(maxsize=1)
def shipped_model() -> Model | None:
    """The weights shipped in the package, or None where they are missing."""
    if not MODEL_PATH.is_file():
        return None
    import numpy as np

    with np.load(MODEL_PATH) as data:
        return Model(data["weights"].astype(np.float32), data["mean"].astype(np.float32),
                     data["scale"].astype(np.float32), float(data["threshold"]))


def _clip(text: str, n: int, tail: bool = False) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text[-n:] if tail else text[:n]


def texts_of(cues: Sequence[Cue], s: Suggestion) -> tuple[str, str]:
    """What the model reads of a proposed task: its words (the task and the quote), and the
    turns just before and after the ones it was read from, each with its speaker."""
    first, last = (min(s.cues), max(s.cues)) if s.cues else (0, 0)
    words = _clip(f"{s.captured.text}｜{s.quote}", QUOTE_CHARS)
    before = cues[first - 1] if first > 0 else None
    after = cues[last + 1] if last + 1 < len(cues) else None
    around = []
    if before is not None:
        around.append(f"{before.speaker or ''}：{_clip(before.text, CONTEXT_CHARS, tail=True)}")
    around.append(f"{s.speaker or ''}：{_clip(s.quote, CONTEXT_CHARS // 2)}")
    if after is not None:
        around.append(f"{after.speaker or ''}：{_clip(after.text, CONTEXT_CHARS)}")
    return words, " ".join(around)


CONFIDENCES = (0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8)


def rule_features(cues: Sequence[Cue], s: Suggestion) -> list[float]:
    """The cheap facts about one proposed task (see the module docstring)."""
    c = s.captured
    n = len(s.cues)
    first = min(s.cues) if s.cues else 0
    speakers = {cues[i].speaker for i in s.cues if 0 <= i < len(cues)}
    owner = c.owner or ""
    named = bool(owner) and owner in s.quote
    conf = round(s.confidence - (0.1 if n > 1 else 0), 2)  # the rule's own figure (speech adds 0.1 for more turns)
    return [
        1.0 if owner else 0.0,
        1.0 if owner and s.speaker and owner in s.speaker else 0.0,
        1.0 if named else 0.0,
        1.0 if c.due else 0.0,
        1.0 if n == 1 else 0.0,
        1.0 if n == 2 else 0.0,
        1.0 if n >= 3 else 0.0,
        1.0 if len(speakers) > 1 else 0.0,
        *(1.0 if abs(conf - v) < 0.01 else 0.0 for v in CONFIDENCES),
        min(len(c.text), 40) / 40,
        min(len(s.quote), 200) / 200,
        first / max(1, len(cues)),
        1.0 if _HEDGE.search(s.quote) else 0.0,
        1.0 if _DONE.search(s.quote) else 0.0,
        1.0 if _QUESTION.search(s.quote) else 0.0,
    ]


def embed(texts: Sequence[str]) -> np.ndarray:
    """e5 vectors of ``texts``, in one batched pass."""
    import numpy as np

    from facilitator.library.embed import E5Embedder

    if not texts:
        return np.zeros((0, E5Embedder.dimension_value), dtype=np.float32)
    return np.asarray(E5Embedder().embed_passages(list(texts)), dtype=np.float32)


def features(cues: Sequence[Cue], found: Sequence[Suggestion]) -> np.ndarray:
    """One row per suggestion in ``found``: rule facts, then the e5 vector of its words,
    then that of the turns around it."""
    import numpy as np

    pairs = [texts_of(cues, s) for s in found]
    vectors = embed([t for pair in pairs for t in pair])
    rules = np.asarray([rule_features(cues, s) for s in found], dtype=np.float32).reshape(len(found), -1)
    return np.hstack([rules, vectors[0::2], vectors[1::2]]).astype(np.float32)


def probabilities(x: np.ndarray, model: Model) -> np.ndarray:
    import numpy as np

    z = ((x - model.mean) / model.scale) @ model.weights[:-1] + model.weights[-1]
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def judged(cues: Sequence[Cue], found: Sequence[Suggestion], model: Model | None = None) -> list[Suggestion]:
    """``found`` without the proposed actions the model does not believe (below its
    threshold); the actions kept carry its probability as their confidence. Unchanged when
    no model is shipped."""
    model = model or shipped_model()
    picked = [s for s in found if is_candidate(s)]
    if model is None or not picked:
        return list(found)
    probs = probabilities(features(cues, picked), model)
    verdict = {id(s): float(p) for s, p in zip(picked, probs, strict=True)}
    out = []
    for s in found:
        p = verdict.get(id(s))
        if p is None:
            out.append(s)
        elif p >= model.threshold:
            s.confidence = round(p, 2)
            out.append(s)
    return out
