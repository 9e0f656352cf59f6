"""The work handed out at the end of an English meeting: "for next time, the Industrial
Designer will work on the components", "you're gonna do the user interface", "everybody's
gonna get an email with instructions".

Project meetings close with the chair giving each person their part of the next phase,
said once, fast and full of false starts ("the the Industrial Manager uh will uh will work
on the look and feel design"). Two things make those sentences readable without a model:

* where they are: after a phrase that turns the meeting towards what happens next (next
  meeting, in the meantime, individual work, in closing) late in the meeting, in the turns
  of the one who said it;
* how they are built: a subject that names someone (a role word such as "industrial",
  "interface", "marketing" followed or not by designer/expert/manager, a name, "you", "the
  two of you", "everybody", "your coach") then a modal (will, 'll, is gonna, is to, is
  supposed to, should, has to) then what they are to do. "And the marketing expert with the
  product evaluation" (the verb left out) gives its noun phrase.

A role word alone is too common ("the project will", "marketing is") to stand for a person,
so it counts only when the meeting has a participant whose name holds it. The verb phrase is
kept as said, with "be working on" read as "work on": the summaries people write afterwards
use the verb of the assignment.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

__all__ = ["PHASE", "Handout", "assignments"]

PHASE = re.compile(
    r"(?<![a-z'])(?:next (?:meeting|time|phase|session)|in the meantime|meantime|individual (?:work|actions?|tasks?)|"
    r"until then|in closing|to close|before we meet|meeting again|after (?:the|this) meeting|homework|"
    r"for (?:the )?next (?:one|meeting|time))(?![a-z'])",
    re.I,
)
"""Words that turn a meeting towards what each person does before the next one."""

_FILL = (r"(?:\s*(?:,|-|uh+|um+|er+|erm|mm|over\s+here|here|also|then|too|now|again|so|okay|the|"
         r"designers?|managers?|experts?|specialists?|des(?:i(?:g(?:n)?)?)?|man(?:a(?:g(?:e)?)?)?|exp(?:e(?:r)?)?|spec(?:i)?)"
         r"(?![a-z']))*")
_ROLE_WORD = r"industrial|industry|interface|user\s+interface|marketing|project\s+manager|technical|design"
_ROLE_NOUN = r"(?:designers?|design(?:er)?|managers?|mana|manag|experts?|specialists?|person|guy|lead|team)"
_SUBJECT = re.compile(
    r"(?<![A-Za-z'])(?P<subj>"
    rf"(?i:(?:the\s+)?(?P<role>{_ROLE_WORD})(?:\s*-?\s*{_ROLE_NOUN})?(?:\s+(?:uh+|um+)\s+{_ROLE_NOUN})*)"
    r"|(?P<abbr>I\.?D\.?|U\.?I\.?D?\.?|UX|PM|ME)"
    r"|(?i:(?P<pair>the\s+two\s+of\s+you|you\s+two|both\s+of\s+you|the\s+two\s+designers|the\s+designers|you\s+both)"
    r"|(?P<team>we(?=(?:'re|\s+are)\s+(?:gonna|going\s+to)\s+(?:each|all)\b)|everybody|everyone|each\s+of\s+you|all\s+of\s+you|you\s+all|you\s+each|we\s+each|we\s+all|"
    r"your\s+(?:personal\s+)?coach(?:es)?|the\s+coach(?:es)?)"
    r"|(?P<you>you(?:r\s+(?:job|task|homework|assignment|part))?))"
    r"|(?!(?:Designer|Manager|Expert|Specialist|Interface|Industrial|Marketing|Project|Okay|So|And|But|Well|Yeah|Yes|The|This|That|What|Then|Now|Sorry)\b)"
    r"(?P<name>[A-Z][a-z]{2,}(?:\s+and\s+[A-Z][a-z]{2,})?)"
    r")(?![A-Za-z])",
)
_MODAL = re.compile(
    rf"^{_FILL}\s*,?\s*(?:(?:is|are|'s|'re|will|'ll)\s+)?(?:(?:uh+|um+|will|'ll)\s+)*"
    r"(?P<modal>gonna|going\s+to|supposed\s+to|to|will|'ll|should|has\s+to|have\s+to|needs?\s+to|must|can|"
    r"(?P<charge>responsible\s+for|in\s+charge\s+of)|(?P<prog>(?<=is\s)|(?<=are\s)|(?<='s\s)|(?<='re\s))(?=(?!going\b)[a-z]+ing\b))\s*"
    r"(?:(?:uh+|um+|just|also|then|probably|be\s+able\s+to)\s+)*(?P<rest>[a-z][^.?!]*)",
    re.I,
)
_WITH = re.compile(rf"^{_FILL}\s*(?:with|on|:|,)\s+(?P<rest>(?:the|a|an|some|your|their)\s+[^.?!,]{{3,60}})", re.I)
_LIKE_TO = re.compile(
    r"(?<![a-z'])i(?:'d| would)\s+like\s+(?:you\s+)?to\s+(?:receive|see|have|get|hear)\s+(?:from\s+you\s+)?(?P<rest>[^.?!]+)",
    re.I,
)
_NOT_VERB = re.compile(
    r"^(?:be\s+(?!\w+ing\b)|the|a|an|this|that|it|there|more|less|very|so|in|on|at|of|for|with|from|about|as|i|we|you|he|she|they|not|never|"
    r"\w+ly\s)",
    re.I,
)
"""What follows a modal but is no verb phrase: "will be in bright colours", "is to this"."""
_NOT_TASK = re.compile(
    r"^(?:be\s+able|have\s+(?:a|an|any)\s+(?:question|idea|look\s+at\s+it)|"
    r"see|hear|know|think\s+(?:that|it|so)|say|find\s+(?:it|that)\s+(?:in|on)|get\s+(?:it|that)$|do\s+(?:it|that|this|so)$)",
    re.I,
)
_CUT = re.compile(
    r",?\s+(?:(?:and|but|so)\s+)?(?:which|because|'cause|so\s+that|so\s+this|wait\s+a\s+minute|is\s+that\s+(?:right|okay|all)|"
    r"if\s+you|okay|right|yeah|i\s+suppose|it\s+says\s+here|whatever|etcetera)(?![a-z']).*$",
    re.I,
)


class Handout:
    """One piece of work handed out: who (a participant's name, a name said, or None for the
    team or an unnamed "you") and what, with how sure the reading is."""

    __slots__ = ("owner", "words", "team", "confidence")

    def __init__(self, owner: str | None, words: str, team: bool, confidence: float) -> None:
        self.owner, self.words, self.team, self.confidence = owner, words, team, confidence

    def __repr__(self) -> str:
        return f"Handout({self.owner!r}, {self.words!r})"


def _ing_to_base(words: str) -> str:
    """"be working on" -> "work on", "be evaluating" -> "evaluate"."""
    m = re.match(r"^be\s+(?P<verb>[a-z]+)ing\b", words, re.I)
    if m is None:
        return words
    stem = m["verb"]
    if len(stem) >= 3 and stem[-1] == stem[-2] and stem[-1] not in "ls":
        stem = stem[:-1]  # getting -> get
    elif re.search(r"(?:at|iz|is|ov|iv|rv|ak|ak|uc|[^aeiou]c|dg|ur|us|in)$", stem) and not stem.endswith(("ain", "oin")):
        stem += "e"  # evaluating -> evaluate, making -> make
    return stem + words[m.end():]


def _tidy(rest: str) -> str:
    text = re.sub(r"(?<![a-z'])(?:uh+|um+|er+|erm|you know|i mean|kind of|sort of|just)(?![a-z'])[,]?\s*", "", rest, flags=re.I)
    text = re.sub(r"\b(\w+)(?:\s+\1\b)+", r"\1", text, flags=re.I)  # "will will", "the the"
    text = re.sub(r"(?<![A-Za-z'])(?![aAI](?![A-Za-z']))[A-Za-z](?![A-Za-z'])\s*", "", text)  # cut-off words: "c uh concept"
    text = _CUT.sub("", text)
    text = re.sub(r"^(?P<head>[^,]*?\w\s+\w[^,]*?),.*$", r"\g<head>", text)  # the part handed out, not the asides after it
    text = re.sub(r"\s+(?:and|the|a|to|of|with|on|in|for|from|by|at|uh|um)\s*$", "", text.strip(" ,.;:-"), flags=re.I)
    text = re.sub(r"^(?:each|all|both)\s+", "", text.strip(" ,.;:-"), flags=re.I)
    return _ing_to_base(text)


def _owner_of(m: re.Match[str], names: Sequence[str]) -> tuple[str | None, bool] | None:
    """Whom a subject names: (owner, team) or None when it names nobody in the meeting."""
    if m["pair"] or m["team"]:
        return None, True
    if m["you"]:
        return None, True
    word = (m["role"] or m["abbr"] or m["name"] or "").lower()
    word = re.sub(r"\s+", " ", word).replace(".", "")
    if m["abbr"]:
        table = {"id": "industrial", "ui": "interface", "uid": "interface", "ux": "interface", "pm": "project", "me": "marketing"}
        word = table.get(word, word)
        if m["abbr"] == "ME" or m["abbr"] == "me":
            return None
    if m["name"]:
        first = m["name"].split()[0]
        hit = next((n for n in names if n.lower() == first.lower() or n.split()[0].lower() == first.lower()), None)
        return (hit, False) if hit else (first, False)
    key = word.split()[-1] if word.startswith("user") else word.split()[0]
    if key == "design":
        return None
    hit = next((n for n in names if key in n.lower()), None)
    return (hit, False) if hit else None


_Head = tuple[re.Match[str], tuple[str | None, bool], re.Match[str] | None]
"""A subject in a closing sentence: its match, whom it names (owner, team) and its modal."""


def assignments(text: str, names: Sequence[str], not_names: Collection[str] = ()) -> list[Handout]:
    """The work a closing turn hands out, in the order said. ``names`` are the meeting's
    participants (role labels such as "Industrial Designer" in AMI-style transcripts)."""
    out: list[Handout] = []
    for sentence in re.split(r"(?<=[.?!])\s+", text):
        heads = _heads(sentence, names, not_names)
        for n in range(len(heads)):
            handout = _handout(sentence, heads, n)
            if handout is not None:
                out.append(handout)
    return out


def _modal_after(sentence: str, m: re.Match[str]) -> re.Match[str] | None:
    """The modal after a subject that hands out work ("will", "is gonna", "is to")."""
    modal = _MODAL.match(sentence[m.end():])
    if modal is not None and modal["modal"].lower() == "can" and not (m["name"] or m["role"]):
        return None  # "you can always call me": leave, not a task
    if modal is not None and modal["modal"].lower() == "to" and not re.search(r"(?:is|are|'s|'re)\s+to$", modal.group(0)[: modal.end("modal")].strip(), re.I):
        return None  # "twenty to fifty": "to" hands out work only as "is to"
    return modal


def _heads(sentence: str, names: Sequence[str], not_names: Collection[str]) -> list[_Head]:
    """The subjects of a sentence that can be handed work: with a modal, a role named, or
    a name called on ("Anna, you'll…")."""
    heads: list[_Head] = []
    for m in _SUBJECT.finditer(sentence):
        if m["name"] and m["name"].split()[0].lower() in not_names:
            continue
        who = _owner_of(m, names)
        if who is None:
            continue
        if heads and m.start() < heads[-1][0].end() + (heads[-1][2].start("rest") if heads[-1][2] else 0):
            continue  # a word of the last subject's stammer ("User Interface uh Mana uh Manager will")
        modal = _modal_after(sentence, m)
        if modal is not None or m["role"] or m["abbr"]:
            heads.append((m, who, modal))
        elif m["name"] and re.match(r"[\s,]*(?:uh+|um+)?[\s,]*you\b", sentence[m.end():], re.I):
            heads.append((m, who, None))
    return heads


def _handout(sentence: str, heads: list[_Head], n: int) -> Handout | None:
    """The work the n-th subject is handed: the words after its modal up to the next
    subject that has one, or "…would like you to…" after a role named."""
    m, (owner, team), modal = heads[n]
    if m["you"] and n and heads[n - 1][2] is None and not heads[n - 1][1][1] and re.fullmatch(
            r"[\s,:-]*(?:(?:uh+|um+|so|and)[\s,]+)*", sentence[heads[n - 1][0].end():m.start()], re.I):
        owner, team = heads[n - 1][1][0], False  # "Marketing, you need to…": the role called on
    end = len(sentence)
    for later, _who, later_modal in heads[n + 1:]:
        if later_modal is not None and (modal is None or later.start() >= m.end() + modal.start("rest")):
            end = later.start()
            break
    if modal is not None:
        rest_start = m.end() + modal.start("rest")
        words = _tidy(("be " if modal["prog"] is not None else "") + sentence[rest_start:max(end, rest_start)])
        if modal["charge"] and words and not _NOT_VERB.match(words.removeprefix("the ")):
            words = f"be {' '.join(modal['charge'].split())} {words}"  # "you're in charge of the casing"
        if len(words.split()) >= 2 and (modal["charge"] or not _NOT_VERB.match(words)) and not _NOT_TASK.match(words):
            return Handout(owner, words, team, 0.5 if team else 0.6)
        return None
    if team or not (m["role"] or m["abbr"]):
        return None
    found = _WITH.match(sentence[m.end():end]) or _LIKE_TO.search(sentence[m.end():end])
    if found is not None:
        words = _tidy(found["rest"])
        if len(words.split()) >= 2:
            return Handout(owner, words, False, 0.45)
    return None
