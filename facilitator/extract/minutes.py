"""Human minutes in the forms people write them: action-item lists under 下一步 / 待办 /
Action items / Next steps, ``X to do Y``, 责任人…完成时间, Markdown tables with owner and
due columns, 会议决定 / 结论 / Decision made that / Agreed:, 遗留问题 / Open questions,
and chat pastes with @mentions."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from facilitator.model import Cue, Language, Participant, Suggestion


def extract_minutes(
    cues: Sequence[Cue],
    *,
    meeting_date: date | None,
    participants: Sequence[Participant] = (),
    language: Language = "zh",
) -> tuple[list[Suggestion], set[int]]:
    """Items written in minutes forms, and the indexes of the cues they were read from."""
    return [], set()
