"""Decisions in minutes that no rule names, found by a small trained scorer.

The rules of :mod:`.minutes` know the words and layouts dev pages use to record a
decision (会议决定, 结论, Agreed:, Resolved, a 决定 column) and little else; every fresh
batch of pages brought new ones (表决结果, 处理意见, 会议明确, 🟢, "Going forward", "Final
call is that", a Q:/A: pair), and each time a third or more of its decisions were missed.
So every sentence the rules left as a plain note (or read as an action nobody owns by no
day) is also scored by a logistic regression over what it says and where it stands: the
multilingual E5 vector of the sentence (the model bundled for the case library,
:func:`facilitator.library.embed.e5_queries`; one batch per page), its characters (zh) or
words (en) hashed into a few hundred slots, and layout facts that carry over to pages
written by other hands (a list mark, a number, a table row, a question mark, whether the
rules made an action or a question of the line or a decision of the lines beside it, where
on the page it stands). A sentence that scores at the threshold or above becomes a
decision; a sentence under a part of the page that gives an account (讨论记录, 背景,
存在的问题, Discussion) or that says the point stays open (下次再议, no decision was taken)
never does.

The weights (``data/minutes_decisions.npz``, a few kB) were trained on the zh and en dev
minutes pages and the pages of ``tests/extract/pages`` by
``bench/tools/train_minutes_decisions.py``, which also reports the figures
cross-validated over pages end to end through the bench's scorer and picks the threshold
there. Only pages are read this way: transcripts with speaker labels on most lines keep
the conversation rules (:func:`applies`).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from facilitator.extract.minutes_fields import CJK, clean, nfkc
from facilitator.extract.minutes_items import _NOT_DECIDED, shared_view
from facilitator.extract.minutes_prose import proposed_text
from facilitator.model import Captured, Cue, Suggestion

MODEL_PATH = Path(__file__).with_name("data") / "minutes_decisions.npz"

@dataclass(frozen=True)
class Where:
    """Where a line of a page stands, as the minutes walk saw it."""

    section: str
    """The kind of section the line was read in (none, action, decision, question, other,
    agenda, skip)."""
    head: str
    """The words of the last heading above the line (or of the line, if it is one)."""
    is_heading: bool
    bullet: bool
    numbered: bool
    table: bool
    checked: bool
    indented: bool
    person: bool
    """Someone's message (a chat line) rather than the page's own words."""
    used: bool
    """The walk took the line (a heading, a list line, a field), whether or not it gave an item."""


@dataclass(frozen=True)
class Unit:
    """One sentence of a line: the thing scored."""

    cue: int
    text: str
    nth: int
    of: int


_SENTENCE_ZH = re.compile(r"(?<=[。！？；!?;])")
_SENTENCE_EN = re.compile(r"(?<=[.!?;])\s+(?=[A-Z\"“(])")
_LABEL = re.compile(r"^(?P<l>[^:：。，,]{1,12})[:：]\s*(?=\S)")
_ACCOUNT = re.compile(
    r"讨论|背景|情况|汇报|进展|回顾|发言|介绍|原因|现状|问题|经过|发生了什么"
    r"|discussion|background|context|updates?|status|report|went\s+well|go\s+well|what\s+happened|observations?",
    re.I,
)
"""A part of the page that gives an account (讨论记录, 背景, 存在的问题, Discussion, What went
well): what stands under it is what was said or seen, not what was settled."""
_Q = re.compile(r"[?？]\s*$")
_DIGIT = re.compile(r"\d")


def applies(cues: Sequence[Cue]) -> bool:
    """A page (minutes, a mail, a chat paste), not a transcript: under half its lines carry
    a speaker label."""
    lines = [c for c in cues if c.text and c.text.strip()]
    return bool(lines) and sum(1 for c in lines if c.speaker) < 0.5 * len(lines)


def sentence_text(text: str) -> str:
    """A sentence as a decision's text: without a short label before a colon (表决结果：…,
    处理意见：…, A: …) and without emoji or list marks."""
    text = clean(nfkc(text))
    m = _LABEL.match(text)
    if m and (CJK.search(m["l"]) and len(m["l"]) <= 8 or len(m["l"].split()) <= 3):
        text = text[m.end():]
    return clean(text)


def units_of(cues: Sequence[Cue], bodies: dict[int, str]) -> list[Unit]:
    """The sentences of every line the walk prepared (``bodies``: its text without marks)."""
    out: list[Unit] = []
    for index in sorted(bodies):
        body = bodies[index].strip()
        if not body:
            continue
        splitter = _SENTENCE_ZH if CJK.search(body) else _SENTENCE_EN
        parts = [p.strip() for p in splitter.split(body) if p.strip(" -,.，。")]
        for n, part in enumerate(parts):
            out.append(Unit(index, part, n, len(parts)))
    return out


def _bigrams(text: str) -> set[str]:
    t = re.sub(r"\W+", "", text.casefold())
    return {t[i:i + 2] for i in range(len(t) - 1)}


def covering(unit: Unit, found: Sequence[Suggestion]) -> list[Suggestion]:
    """The items read from the unit's line that hold its words (all of them when the line is
    one sentence)."""
    out = []
    mine = _bigrams(unit.text)
    for s in found:
        if unit.cue not in s.cues:
            continue
        theirs = _bigrams(s.captured.text)
        shared = len(mine & theirs)
        if unit.of == 1 or not mine or shared >= 0.4 * len(mine) or shared >= 0.6 * len(theirs):
            out.append(s)  # the item holds most of the sentence, or the sentence most of the item
    return out


def layout(unit: Unit, where: Where | None, found: Sequence[Suggestion], by_cue: dict[int, list[Suggestion]],
           position: float) -> list[float]:
    """The layout facts of one sentence, as numbers. The kind of section the walk was in is
    left out on purpose: with it the scorer learnt dev's headings and found fewer decisions
    on pages it had not seen (page cross-validation, ``train_minutes_decisions.py``)."""
    w = where or Where("none", "", False, False, False, False, False, False, False, False)
    kinds_here = {s.captured.kind for s in covering(unit, found)}
    kinds_line = {s.captured.kind for s in by_cue.get(unit.cue, [])}
    above = {s.captured.kind for s in by_cue.get(unit.cue - 1, [])}
    below = {s.captured.kind for s in by_cue.get(unit.cue + 1, [])}
    text = unit.text
    out = [float(x) for x in (
        w.is_heading, w.bullet, w.numbered, w.table, w.checked, w.indented, w.person,
        w.used and not kinds_line, bool(w.head),
        "action" in kinds_here, "question" in kinds_here, bool(kinds_here - {"action", "question", "decision"}),
        "decision" in kinds_line and "decision" not in kinds_here,
        "decision" in above, "decision" in below, "action" in above or "action" in below,
        unit.nth == 0, unit.of > 1, bool(_Q.search(text)), text.rstrip().endswith((":", "：")),
        bool(CJK.search(text)), bool(_DIGIT.search(text)), bool(_LABEL.match(text)),
        position < 0.15, position > 0.85,
    )]
    size = len(text) if CJK.search(text) else 3 * len(text.split())
    out += [position, min(size, 120) / 120.0]
    return out


GRAMS = 512
"""Hashed slots for the sentence's own characters and words (see :func:`grams`)."""
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


def grams(text: str) -> set[str]:
    """Characters and character pairs of a Chinese sentence, words and word pairs of an
    English one: the few function words that mark a rule adopted (改为, 一律, 不再, will,
    from now on) weigh here, learnt from the pages rather than listed."""
    low = nfkc(text).casefold()
    if CJK.search(low):
        chars = re.sub(r"\W+", "", low)
        return set(chars) | {chars[i:i + 2] for i in range(len(chars) - 1)}
    words = _WORD.findall(low.replace("’", "'"))
    return set(words) | {a + "_" + b for a, b in zip(words, words[1:], strict=False)}


def embed(texts: Sequence[str]) -> Any:
    """E5 vectors of ``texts`` with the ``query: `` prefix E5 was trained with for
    classification (batched; unit length), as a numpy array."""
    import numpy as np

    from facilitator.library.embed import E5Embedder, e5_queries

    if not texts:
        return np.zeros((0, E5Embedder.dimension_value), dtype=np.float32)
    return e5_queries(list(texts))


def features(units: Sequence[Unit], wheres: dict[int, Where], found: Sequence[Suggestion], lines: int,
             vectors: Any | None = None) -> Any:
    """The feature matrix of ``units``: the sentence's E5 vector, its layout facts and its
    hashed characters or words. ``vectors`` holds the sentences' vectors in the order of
    :func:`texts_to_embed` (the caller may embed once and cache); else they are embedded
    here, in one batch."""
    import numpy as np

    by_cue: dict[int, list[Suggestion]] = {}
    for s in found:
        for c in s.cues:
            by_cue.setdefault(c, []).append(s)
    texts = texts_to_embed(units)
    vecs = embed(texts) if vectors is None else vectors
    at = {t: i for i, t in enumerate(texts)}
    rows = []
    for u in units:
        hashed = np.zeros(GRAMS, dtype=np.float32)
        hashed[[zlib.crc32(g.encode()) % GRAMS for g in grams(u.text)]] = 1.0
        facts = np.asarray(layout(u, wheres.get(u.cue), found, by_cue, u.cue / max(1, lines)), dtype=np.float32)
        rows.append(np.concatenate([vecs[at[_embed_text(u.text)]], facts, hashed]))
    return np.vstack(rows) if rows else np.zeros((0, 1), dtype=np.float32)


def _embed_text(text: str) -> str:
    return clean(nfkc(text))[:300]


def texts_to_embed(units: Sequence[Unit]) -> list[str]:
    """The distinct sentences :func:`features` needs vectors for."""
    return list(dict.fromkeys(_embed_text(u.text) for u in units))


@dataclass
class Model:
    weights: Any  # numpy array, one weight per feature
    bias: float
    threshold: float
    """The score at which a Chinese sentence becomes a decision."""
    threshold_en: float
    """The same for a sentence in another language (chosen apart: the two differ in how
    much precision a lower bar costs)."""

    def scores(self, x: Any) -> Any:
        import numpy as np

        return 1 / (1 + np.exp(-np.clip(x @ self.weights + self.bias, -30, 30)))

    def bar(self, text: str) -> float:
        return self.threshold if CJK.search(text) else self.threshold_en


@lru_cache(maxsize=1)
def shipped_model() -> Model | None:
    """The weights shipped in the package, or None where they are missing."""
    if not MODEL_PATH.is_file():
        return None
    import numpy as np

    with np.load(MODEL_PATH) as data:
        return Model(data["weights"].astype("float32"), float(data["bias"]), float(data["threshold"]),
                     float(data["threshold_en"]))


def _loose_action(s: Suggestion) -> bool:
    """An action the rules read with no owner and no day: under 改进措施 or "Going forward" a
    list of rules the team adopts reads like a list of tasks to them."""
    return s.captured.kind == "action" and s.captured.owner is None and s.captured.due is None


def candidates(units: Sequence[Unit], wheres: dict[int, Where], found: Sequence[Suggestion]) -> list[int]:
    """The units the scorer may turn into decisions: sentences the rules made nothing of (or
    only an action nobody owns by no day), in a line that is no heading, no ticked box, not
    last meeting's list, of a decision's length, not left open in so many words (the
    rules' own 再议 / 待定 / no decision was taken), and not a proposal (``Hugo proposed …``,
    ``Farah moved to …``: what was put forward, whose fate the page says elsewhere)."""
    out = []
    for k, u in enumerate(units):
        w = wheres.get(u.cue)
        if w is None or w.is_heading or w.checked or w.section in ("skip", "agenda"):
            continue
        if w.section != "decision" and _ACCOUNT.search(w.head):
            continue
        size = len(u.text) if CJK.search(u.text) else 3 * len(u.text.split())
        if not 6 <= size <= 150 or _Q.search(u.text) or _NOT_DECIDED.search(u.text) or shared_view(u.text):
            continue
        if not CJK.search(u.text) and proposed_text(u.text) is not None:
            continue  # Hugo proposed a 5% increase: what was put forward, its fate is written apart
        if all(_loose_action(s) for s in covering(u, found)):
            out.append(k)
    return out


def revise(cues: Sequence[Cue], found: Sequence[Suggestion], units: Sequence[Unit], chosen: Sequence[int],
           scores: Any, model: Model) -> list[Suggestion]:
    """``found`` with the chosen units that score the model's bar or more as decisions (an
    ownerless, dateless action read from the same words gives way to the decision)."""
    out = list(found)
    for k, p in zip(chosen, scores, strict=True):
        u = units[k]
        text = sentence_text(u.text).rstrip("。.;；")
        if p < model.bar(u.text) or not text:
            continue
        gone = {id(s) for s in covering(u, out)}
        out = [s for s in out if id(s) not in gone]
        out.append(Suggestion(captured=Captured(kind="decision", text=text, raw=cues[u.cue].text),
                              quote=cues[u.cue].text, cues=(u.cue,), speaker=None,
                              confidence=round(float(min(0.8, p)), 2)))
    return out


MAX_SCORED = 200
"""The most sentences one text may hand the scorer, each an E5 pass. A page of minutes leaves
few as notes (the 105 dev minutes pages: 7.5 on average, 33 at most); a text leaving more is
a log or a notes dump, which the rules read alone rather than keep an import waiting on the
embedding (bench/import_large.py times imports of such files)."""


def promote(cues: Sequence[Cue], found: Sequence[Suggestion], wheres: dict[int, Where], bodies: dict[int, str],
            model: Model | None = None) -> list[Suggestion]:
    """``found`` with the decisions the scorer finds among the sentences the rules left as notes."""
    model = model or shipped_model()
    if model is None or not applies(cues):
        return list(found)
    units = units_of(cues, bodies)
    chosen = candidates(units, wheres, found)
    if not chosen or len(chosen) > MAX_SCORED:
        return list(found)
    picked = [units[k] for k in chosen]
    scores = model.scores(features(picked, wheres, found, len(cues)))
    return revise(cues, found, units, chosen, scores, model)


__all__ = ["Model", "Where", "applies", "promote", "shipped_model"]
