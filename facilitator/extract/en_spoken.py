"""Actions in spoken English meetings, found by a small trained classifier.

Real English project meetings (disfluent, 4+ speakers, thousands of words) state their
follow-ups in ways no short list of patterns covers: the chair hands out the work at the
end ("Industrial Designer, you're gonna be thinking about the components concept"), a
task is offered ("I'll send the minutes round"), or named over two sentences. The rules of
:mod:`.speech` found under a third of them at a precision of about a quarter on 82 AMI
meetings, so here each sentence of a transcript is scored by a logistic regression over
hashed words and word pairs of the sentence and its neighbours, plus a few facts about the
meeting that carry over to other meetings (where in the meeting it is said, whether the
speaker is the one who talks most, whether it names another participant, "you'll" /
"I'll" / "we'll"). The weights (``data/en_spoken_actions.npz``, about 110 kB) were
trained on AMI dev meetings by ``bench/tools/train_en_actions.py``, which also reports the
figure cross-validated over meeting series (78 meetings, 5 groups of series: recall 0.45 at
precision 0.59, owner right for 0.69 of those found, at the threshold 0.30 it picked).

Consecutive chosen sentences of one speaker become one action unless they name different
people; a sentence that hands out several tasks ("The ID is going to do the look and feel,
the UID the user interface design") gives one per person it turns to. The owner is the
participant the words name, else the speaker where they say "I'll / I have to", else who
answers a "you", else no one (the team's task).

The module is used only for English transcripts with speaker labels (:func:`applies`);
minutes and Chinese keep their rules.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from facilitator.model import Captured, Cue, Participant, Suggestion

MODEL_PATH = Path(__file__).with_name("data") / "en_spoken_actions.npz"
DIM = 1 << 16
"""Hashed feature space; collisions among a few thousand used features are rare here."""

_SPLIT = re.compile(r"(?<=[.?!])\s+")
_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?")
_YOU_WILL = re.compile(r"\byou(?:'ll| will| are going to| are gonna|'re going to|'re gonna| gonna| can| could| should| need to| have to| must)\b")
_I_WILL = re.compile(r"\b(?:i'll|i will|i'm going to|i'm gonna|i am going to|i can|let me|i'll be)\b")
_WE_WILL = re.compile(r"\b(?:we'll|we will|we're going to|we're gonna|we need to|we have to|we should|everybody|everyone|each of you|all of you)\b")
_I_MUST = re.compile(r"\b(?:i have to|i've got to|i need to|i'll have to|i must)\b")
_NEXT = re.compile(r"\bnext (?:meeting|time|week)\b|\bafter (?:this|the) meeting\b|\bbefore (?:the )?next\b|\bin the meantime\b|\bbetween now and\b")
_TEAM = re.compile(r"\b(?:we|we'll|we're|everybody|everyone|each of you|all of you|you all|you guys|both of you|you two|the team|all)\b")
_ROLE_NOUNS = frozenset({"designer", "manager", "expert", "engineer", "lead", "owner", "specialist", "user", "project",
                         "the", "of", "and"})
_COMMON_SHORT = frozenset(["me", "us", "it", "in", "on", "at", "an", "as", "is", "do", "go", "so", "no", "to", "be", "we", "he", "hi", "ok", "or", "if", "of", "my", "by", "up"])


@dataclass(frozen=True)
class Unit:
    """One sentence of a cue: where it is, who said it, and its words."""

    cue: int
    speaker: str | None
    text: str


def applies(cues: Sequence[Cue], language: str) -> bool:
    """An English transcript whose lines carry speaker labels: at least 20 lines, most of
    them with a speaker (minutes and chat pastes are read by their own rules)."""
    if language != "en" or len(cues) < 20:
        return False
    with_speaker = sum(1 for c in cues if c.speaker)
    return with_speaker >= 0.8 * len(cues) and len({c.speaker for c in cues if c.speaker}) >= 2


def units_of(cues: Sequence[Cue]) -> list[Unit]:
    """Every sentence of every cue, in order."""
    out: list[Unit] = []
    for index, cue in enumerate(cues):
        for part in _SPLIT.split(cue.text.strip()):
            if part.strip(" -,."):
                out.append(Unit(index, cue.speaker, part.strip()))
    return out


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.casefold().replace("’", "'"))


class Aliases:
    """How the participants are named in speech: a whole label ("Industrial Designer",
    "Anna Keller") or one distinctive word of it ("industrial", "Anna"), not the role nouns
    every label shares ("designer", "manager") nor "user" / "project", which are also
    ordinary words."""

    def __init__(self, names: Sequence[str]) -> None:
        table: dict[str, str] = {}
        for name in names:
            words = tokens(name)
            if not words:
                continue
            table.setdefault(" ".join(words), name)
            for word in words:
                if word not in _ROLE_NOUNS and len(word) > 2:
                    table.setdefault(word, name)
            if len(words) > 1:  # Industrial Designer: ID; User Interface: UI, UID; Project Manager: PM
                initials = "".join(w[0] for w in words)
                for short in (initials, initials + "d" if words[-1] not in _ROLE_NOUNS else ""):
                    if len(short) >= 2 and short not in _COMMON_SHORT:
                        table.setdefault(short, name)
        self.table = table
        keys = sorted(table, key=len, reverse=True)
        self.pattern = re.compile(r"\b(?:" + "|".join(re.escape(k) for k in keys) + r")\b") if keys else None

    def named(self, text: str, speaker: str | None = None) -> list[str]:
        """The participants ``text`` names (not its speaker), first named first."""
        if self.pattern is None:
            return []
        out: list[str] = []
        for m in self.pattern.finditer(" ".join(tokens(text))):
            who = self.table[m.group()]
            if who != speaker and who not in out:
                out.append(who)
        return out


@dataclass(frozen=True)
class Meeting:
    """What the features need to know of the whole meeting."""

    units: list[Unit]
    cues: int
    rank: dict[str | None, int]
    aliases: Aliases


def meeting_of(cues: Sequence[Cue], participants: Sequence[Participant] = ()) -> Meeting:
    words: Counter[str | None] = Counter()
    for cue in cues:
        words[cue.speaker] += len(cue.text.split())
    rank = {who: n for n, (who, _) in enumerate(words.most_common())}
    names = [p.name for p in participants] or [c.speaker for c in cues if c.speaker]
    return Meeting(units_of(cues), len(cues), rank, Aliases(list(dict.fromkeys(names))))


def features(meeting: Meeting, i: int) -> list[str]:
    """The named features of sentence ``i``: its words and word pairs, a few words of the
    sentences around it, and facts about where and by whom it is said."""
    unit = meeting.units[i]
    toks = tokens(unit.text)
    low = " ".join(toks)
    out = ["bias"]
    out += ["w:" + t for t in toks]
    out += ["b:" + a + "_" + b for a, b in zip(toks, toks[1:], strict=False)]
    pos = min(9, int(10 * unit.cue / max(1, meeting.cues)))
    rank = min(3, meeting.rank.get(unit.speaker, 3))
    size = min(6, len(toks) // 4)
    out += [f"pos:{pos}", f"rank:{rank}", f"len:{size}", f"pos_rank:{pos}_{rank}"]
    named = meeting.aliases.named(unit.text, unit.speaker)
    flags = {
        "you": bool(_YOU_WILL.search(low)), "i": bool(_I_WILL.search(low)), "we": bool(_WE_WILL.search(low)),
        "next": bool(_NEXT.search(low)), "named": bool(named), "q": unit.text.rstrip().endswith("?"),
    }
    for name, on in flags.items():
        if on:
            out += [f"f:{name}", f"f:{name}_rank{rank}", f"f:{name}_pos{pos}"]
    if flags["named"] and flags["you"]:
        out.append("f:named_you")
    for k, tag in ((-1, "p"), (1, "n")):
        j = i + k
        if 0 <= j < len(meeting.units):
            other = meeting.units[j]
            same = "s" if other.speaker == unit.speaker else "o"
            otoks = tokens(other.text)
            out += [f"{tag}{same}:{t}" for t in otoks[:12]]
            out.append(f"{tag}{same}:len{min(6, len(otoks) // 4)}")
            if meeting.aliases.named(other.text, other.speaker):
                out.append(f"{tag}{same}:named")
    return out


def hashed(names: Sequence[str]) -> list[int]:
    """Feature names to indexes in ``DIM`` (crc32: stable across runs, unlike ``hash``)."""
    return sorted({zlib.crc32(n.encode()) % DIM for n in names})


@dataclass
class Model:
    weights: Any  # numpy array of DIM floats
    threshold: float


@lru_cache(maxsize=1)
def shipped_model() -> Model | None:
    """The weights shipped in the package, or None where they are missing."""
    if not MODEL_PATH.is_file():
        return None
    import numpy as np

    with np.load(MODEL_PATH) as data:
        return Model(data["weights"].astype("float32"), float(data["threshold"]))


def scores(meeting: Meeting, model: Model) -> list[float]:
    """Each sentence's probability of stating a follow-up task."""
    import math

    w = model.weights
    out = []
    for i in range(len(meeting.units)):
        z = float(w[hashed(features(meeting, i))].sum())
        out.append(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))))
    return out


_FILLER = re.compile(
    r"\b(?:um+|uh+|erm+|er|mm+|hmm+|you know|i mean|i guess|i think|i suppose|sort of|kind of|basically|actually|"
    r"just|really|obviously|probably|maybe|hopefully|like|okay|ok|alright|right|yeah|so|well|and then|anyway)\b[\s,]*",
    re.I)
_MODAL = re.compile(
    r"\b(?:you(?:'ll| will| are| 're|'re)?|i(?:'ll| will|'m| am)|we(?:'ll| will|'re| are)|(?:he|she|they)(?:'ll| will| are|'re)?|"
    r"designer|expert|manager)?\s*(?:'ll|will|are going to|are gonna|gonna|going to|need to|have to|has to|should|could|can)"
    r"(?:\s+(?:be|probably|also|just|then|all|both|now))*\s+", re.I)
_HEAD_WORDS = 12


def task_text(quote: str) -> str:
    """The task in a sentence as said: fillers out, the words before its modal ("you're
    gonna be", "I'll") dropped, the rest cut to about a dozen words (the scorer, like a
    reader, wants the task, not the talk around it)."""
    text = _FILLER.sub(" ", quote)
    text = re.sub(r"\s+", " ", text).strip(" ,.-")
    modal = None
    for m in _MODAL.finditer(text):
        if len(text[m.end():].split()) >= 2:
            modal = m
            break
    if modal is not None:
        text = text[modal.end():]
    words = text.split()
    return " ".join(words[:_HEAD_WORDS]).strip(" ,.-") or quote


_ADDRESSED = re.compile(r"\b(?:you(?:'ll|'re| will| are| gonna| could| can| should| need| have| might|'d)|(?:can|could|would|will) you|your)\b")
_GROUP_YOU = re.compile(r"\b(?:you two|you both|both of you|you all|all of you|each of you|you each|you guys|everybody|everyone|each|all)\b")


def offers(unit: Unit) -> bool:
    """Whether the sentence is its speaker's own commitment ("I'll look into that", "I have
    to write the report")."""
    low = " ".join(tokens(unit.text))
    return bool(_I_WILL.search(low) or _I_MUST.search(low))


def _says_whose(unit: Unit, meeting: Meeting) -> bool:
    low = " ".join(tokens(unit.text))
    return bool(meeting.aliases.named(unit.text, unit.speaker) or _I_WILL.search(low) or _ADDRESSED.search(low)
                or _GROUP_YOU.search(low) or _WE_WILL.search(low))


def _owner(first: int, last: int, meeting: Meeting, cues: Sequence[Cue]) -> str | None:
    """Who is to do what sentences ``first..last`` say: a participant they name (or the
    speaker's sentence just before names: "The Industrial Designer, what does that stand
    for, ID," / "is going to look at..."); the speaker for "I'll"; for "you" the one who
    answers next; no one for "we", "each of you", "you two"."""
    units = meeting.units
    speaker = units[first].speaker
    text = " ".join(u.text for u in units[first:last + 1])
    named = meeting.aliases.named(text, speaker)
    if named:
        return named[0]
    low = " ".join(tokens(text))
    if _GROUP_YOU.search(low):
        return None
    if (_I_WILL.search(low) or _I_MUST.search(low)) and not _TEAM.search(low):
        return speaker
    if first > 0 and units[first - 1].speaker == speaker:
        before = meeting.aliases.named(units[first - 1].text, speaker)
        if len(before) == 1:
            return before[0]
    if _ADDRESSED.search(low):
        for cue in cues[units[last].cue + 1: units[last].cue + 3]:
            if cue.speaker and cue.speaker != speaker:
                return cue.speaker
    return None


def _runs(meeting: Meeting, probs: Sequence[float], threshold: float) -> list[tuple[int, int]]:
    """(first, last) sentence of each task: consecutive chosen sentences of one speaker, but
    a sentence that says whose task it is starts a new one when the run already said whose
    (unless the one before broke off: "the Industrial Designer and" / "the User Interface
    Designer work together")."""
    runs: list[tuple[int, int]] = []
    for i, p in enumerate(probs):
        if p < threshold:
            continue
        unit = meeting.units[i]
        if runs and runs[-1][1] == i - 1 and meeting.units[i - 1].speaker == unit.speaker:
            first = runs[-1][0]
            if not meeting.units[i - 1].text.rstrip().endswith((".", "?", "!")) or not (_says_whose(unit, meeting)
                    and any(_says_whose(u, meeting) for u in meeting.units[first:i])):
                runs[-1] = (first, i)
                continue
        runs.append((i, i))
    return runs


def spoken_actions(cues: Sequence[Cue], participants: Sequence[Participant] = (),
                   model: Model | None = None, skip: Collection[int] = (),
                   meeting_date: date | None = None) -> list[Suggestion] | None:
    """The follow-up tasks said in an English transcript, one per run of chosen sentences;
    None when no model is shipped. Cues in ``skip`` (read as minutes already) and
    quick-capture lines (recorded as typed) give none."""
    model = model or shipped_model()
    if model is None:
        return None
    from facilitator.capture import parse_line

    meeting = meeting_of(cues, participants)
    probs = scores(meeting, model)
    for i, unit in enumerate(meeting.units):
        if unit.cue in skip or parse_line(cues[unit.cue].text, None).kind != "note":
            probs[i] = 0.0
    return actions_of(meeting, cues, probs, model.threshold, meeting_date)


def actions_of(meeting: Meeting, cues: Sequence[Cue], probs: Sequence[float], threshold: float,
               meeting_date: date | None = None) -> list[Suggestion]:
    """One action per run of sentences scored at ``threshold`` or above, a repeat of a task
    already kept (same owner, mostly the same words) left out."""
    from facilitator.extract.dates import first_due

    out: list[Suggestion] = []
    kept: list[tuple[str | None, set[str]]] = []
    for first, last in sorted(_runs(meeting, probs, threshold), key=lambda r: -max(probs[r[0]:r[1] + 1])):
        group = meeting.units[first:last + 1]
        said = " ".join(u.text for u in group)
        parts = by_person(said, meeting.aliases, group[0].speaker)
        for quote, named in parts:
            text = task_text(quote)
            owner = named or _owner(first, last, meeting, cues)
            words = _content(text)
            if any(who == owner and _dice(words, other) >= SAME_TASK for who, other in kept):
                continue  # the same task said again (offered, then repeated in the summary)
            kept.append((owner, words))
            due = first_due(quote, meeting_date) if meeting_date else None
            captured = Captured(kind="action", text=text, owner=owner, due=due.due if due else None, raw=quote)
            cue_ids = tuple(dict.fromkeys(u.cue for u in group))
            out.append(Suggestion(captured, quote=quote, cues=cue_ids, speaker=group[0].speaker,
                                  confidence=round(max(probs[first:last + 1]), 2)))
    return sorted(out, key=lambda s: s.cues)


SAME_TASK = 0.5
_FUNCTION = frozenset([
    "a", "an", "the", "to", "of", "for", "and", "or", "in", "on", "at", "by", "with", "from", "into", "about", "as",
    "is", "are", "be", "it", "this", "that", "these", "those", "we", "you", "i", "they", "he", "she", "our", "your",
    "their", "will", "going", "gonna", "can", "could",
])


def _content(text: str) -> set[str]:
    return {t[:5] for t in tokens(text) if t not in _FUNCTION}


def _dice(a: set[str], b: set[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


_CLAUSE = re.compile(r"[,;.]\s*|\s+and\s+")


def by_person(said: str, aliases: Aliases, speaker: str | None) -> list[tuple[str, str | None]]:
    """``said`` cut where it turns to another participant ("The ID is going to do the look
    and feel, the UID the user interface, and marketing the evaluation"): each part with
    the one it names. A part with too few words of its own to be a task ("The industrial
    designer and") joins the next, so a task given to two people stays one."""
    low = said.casefold().replace("’", "'")
    if aliases.pattern is None or len(low) != len(said):  # offsets in ``low`` must be those of ``said``
        return [(said, None)]
    marks: list[tuple[int, int, str]] = []
    for m in aliases.pattern.finditer(low):
        who = aliases.table[m.group()]
        if who != speaker and not (marks and marks[-1][2] == who):
            marks.append((m.start(), m.end(), who))
    if len({who for _, _, who in marks}) < 2:
        return [(said, None)]
    cuts, owners = [0], [marks[0][2]]
    for (_, end, _), (start, _, who) in zip(marks, marks[1:], strict=False):
        if len(_content(_FILLER.sub(" ", low[end:start]))) < 2:
            continue  # "the Industrial Designer and the User Interface Designer": one task for both
        bounds = [b.end() for b in _CLAUSE.finditer(low, end, start)]
        cuts.append(bounds[-1] if bounds else start)
        owners.append(who)
    cuts.append(len(said))
    parts = [(said[a:b].strip(), owners[n]) for n, (a, b) in enumerate(zip(cuts, cuts[1:], strict=False))]
    out: list[tuple[str, str | None]] = []
    carry, carried = "", ""
    for n, (part, who) in enumerate(parts):
        text, owner = (carry + " " + part).strip(), carried if carry else who
        own_words = _content(_FILLER.sub(" ", aliases.pattern.sub(" ", text.casefold(), count=1)))
        if len(own_words) < 2 and n + 1 < len(parts):
            carry, carried = text, owner
            continue
        carry = ""
        out.append((text, owner))
    return out
