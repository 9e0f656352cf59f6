"""One way for the extraction tests to say a conversation and read what was found in it:
lines of (speaker, words), every speaker a participant, the meeting on a given day; and one
way to hand the extractor a written page (``written``)."""

from __future__ import annotations

from datetime import date

from facilitator.extract import extract
from facilitator.model import Cue, Language, Participant, Suggestion
from facilitator.transcripts import parse_text

Row = tuple[str, str, str | None, date | None]
"""One item found: (kind, text, owner, due)."""


def said(lines: list[tuple[str, str]], day: date) -> list[Suggestion]:
    """What the extractor finds in ``lines`` said at a meeting on ``day``."""
    cues = [Cue(speaker, text) for speaker, text in lines]
    people = [Participant(name) for name in dict.fromkeys(s for s, _ in lines)]
    return extract(cues, meeting_date=day, participants=people)


def actions(found: list[Suggestion]) -> list[tuple[str | None, str | None, str]]:
    """The actions found, as (owner, ISO due or None, text)."""
    return [(s.captured.owner, s.captured.due.isoformat() if s.captured.due else None, s.captured.text)
            for s in found if s.captured.kind == "action"]


def texts(found: list[Suggestion], kind: str) -> list[str]:
    """The texts of the items of one kind found (``decision``, ``obstacle``, ``lever`` ...)."""
    return [s.captured.text for s in found if s.captured.kind == kind]


def decisions(found: list[Suggestion]) -> list[str]:
    return texts(found, "decision")


def written(page: str, day: date, language: Language = "zh", fmt: str = "txt", people: tuple[str, ...] = ()) -> list[Row]:
    """What the extractor finds in a written page (minutes, a mail, a chat paste) read as the
    reader of ``fmt`` files reads it, the meeting on ``day``: (kind, text, owner, due) rows."""
    found = extract(parse_text(page, fmt).cues, meeting_date=day, participants=[Participant(p) for p in people],
                    language=language)
    return [(s.captured.kind, s.captured.text, s.captured.owner, s.captured.due) for s in found]
