"""Commitments, decisions and disputes in conversation: a transcript's turns, where one
task is often said over several turns by several people."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date

from facilitator.model import Cue, Language, Participant, Suggestion


def extract_speech(
    cues: Sequence[Cue],
    *,
    meeting_date: date | None,
    participants: Sequence[Participant] = (),
    language: Language = "zh",
    skip: Collection[int] = (),
) -> list[Suggestion]:
    """Items said in conversation; cues whose index is in ``skip`` were already read."""
    return []
