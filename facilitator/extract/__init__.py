"""Understanding what people say and write, offline: commitments, decisions,
responsibilities, obstacles and levers found in transcripts, human minutes and chat
pastes, each with the words it came from (design.md sections 1, 6 and 7).

The one entry point is :func:`extract`. It takes cues (a transcript's utterances, or a
notes file's lines as cues with no speaker) and returns :class:`~facilitator.model.Suggestion`
objects; the record's use case decides what to do with them (they are offered, never
recorded silently). This package is a core module: no UI, no store, no network.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from facilitator.model import Cue, Language, Participant, Suggestion

if TYPE_CHECKING:
    from facilitator.extract.minutes_scorer import Where


def extract(
    cues: Sequence[Cue],
    *,
    meeting_date: date | None,
    participants: Sequence[Participant] = (),
    language: Language = "zh",
) -> list[Suggestion]:
    """What the cues commit people to, decide, dispute or find in the way.

    ``meeting_date`` resolves relative dates (周五, 月底, next Monday); ``participants``
    are the meeting's people (speakers included) that owners are resolved against.
    Quick-capture lines (design.md section 6) are not suggested here: they are recorded
    as typed. Returns suggestions in the order they were said.

    Minutes forms (lists under 下一步 / Action items, ``X to do Y``, 责任人…完成时间,
    tables, 会议决定 / Agreed:) are read first by :mod:`.minutes`; the cues they used are
    not read again as conversation by :mod:`.speech` (a chat export's senders read to it
    as speakers). In an English transcript with speaker labels the actions come from
    :mod:`.en_spoken`'s trained classifier (the conversation rules miss most of what real
    meetings say), together with the rules' commitments said with a day."""
    from facilitator.extract import en_spoken, minutes_scorer
    from facilitator.extract.minutes import chat_speakers, extract_minutes
    from facilitator.extract.minutes_fields import EMOJI
    from facilitator.extract.speech import extract_speech

    wheres: dict[int, minutes_scorer.Where] = {}
    bodies: dict[int, str] = {}
    found, used = extract_minutes(cues, meeting_date=meeting_date, participants=participants,
                                  language=language, wheres=wheres, bodies=bodies)
    speech = extract_speech(chat_speakers(cues), meeting_date=meeting_date, participants=participants,
                            language=language, skip=used)
    if en_spoken.applies(cues, language):
        spoken = en_spoken.spoken_actions(cues, participants, skip=used, meeting_date=meeting_date)
        if spoken is not None:
            # the classifier leads; a commitment the rules read with its day ("I'll send you the
            # quotes by Wednesday") fills in where it found nothing on those lines: trained on
            # design meetings, it passes over the plain dated promises of a coordination meeting
            # (tests/extract/test_en_coordination.py); bench/extract.py's AMI dev figures are
            # those of the classifier alone, since there it chose every such line already
            taken = {c for s in spoken for c in s.cues}
            dated = [s for s in speech if s.captured.kind == "action" and s.captured.due is not None
                     and not set(s.cues) & taken]
            speech = [s for s in speech if s.captured.kind != "action"] + spoken + dated
    found += speech
    # a page's decisions written in words no rule names: the trained scorer reads the
    # sentences the rules left as notes
    found = minutes_scorer.promote(cues, found, wheres, bodies)
    found = _listed_once(found, wheres)
    for s in found:
        # a chat's 🎹 or [强] is how it was typed, not what is to be done: the quote keeps it
        s.captured.text = re.sub(r"\s{2,}", " ", EMOJI.sub("", s.captured.text)).strip() or s.captured.text
    # "审批意见：同意。" with no proposal the reader could find: a yes that says nothing of what
    found = [s for s in found if not (s.captured.kind == "decision" and _BARE_VERDICT.fullmatch(s.captured.text))]
    return sorted(found, key=lambda s: s.cues[:1] or (len(cues),))


def _listed_once(found: list[Suggestion], wheres: dict[int, Where]) -> list[Suggestion]:
    """A task said in the page's account of the talk ("Omar: I'll put the kill switch in
    today", "Nina will watch the crash rate …") and written again in its action list is one
    task: the list's, worded and dated as the writer settled it; so is a decision noted in
    the discussion ("Pricing: we'll keep prices flat") and listed under Decisions. An item
    read outside its kind's list gives way to a listed one of the same words (most content
    words shared) and, for a task, the same owner, or one named where it named none."""
    from facilitator.extract.minutes_chat import content_words

    def listed(s: Suggestion) -> bool:
        return any(wheres[c].section == s.captured.kind for c in s.cues if c in wheres)

    lists = [(s, content_words(s.captured.text)) for s in found
             if s.captured.kind in ("action", "decision") and listed(s)]
    if not lists:
        return found
    out = []
    for s in found:
        c = s.captured
        if c.kind in ("action", "decision") and not listed(s):
            words = content_words(c.text)
            if any(
                other.captured.kind == c.kind and words and theirs
                and 2 * len(words & theirs) >= 0.5 * (len(words) + len(theirs))
                and (c.kind == "decision" or c.owner is None or _same_person(c.owner, other.captured.owner))
                for other, theirs in lists
            ):
                continue
        out.append(s)
    return out


def _same_person(a: str, b: str | None) -> bool:
    """``Nina`` and ``Nina Kowalski`` name one person; so does one name written twice."""
    if b is None:
        return False
    x, y = a.casefold().split(), b.casefold().split()
    return x == y or (bool(x) and bool(y) and x[0] == y[0] and (len(x) == 1 or len(y) == 1))


_BARE_VERDICT = re.compile(
    r"\W*(?:同意|通过|批准|准予|可以|好的?|行|否决|不同意|暂缓|approved?|agreed|accepted|rejected|declined|yes|no|ok)\W*",
    re.I,
)
