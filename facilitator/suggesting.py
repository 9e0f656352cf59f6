"""Suggestions: what the extractor understood, offered beside the ledger (design.md section 2,
a use case).

The extractor reads what people said or wrote and proposes items; nothing it proposes is
recorded until the facilitator says so. This use case owns that rule: it stores the
extractor's proposals as pending suggestions (once each), and accepting one records it
exactly as the typed quick-capture line would be recorded (the same row writer, so a
responsibility the meeting already holds is settled or reassigned in place), with the
words it came from and ``source = "extracted"``. Dismissing hides it. Both can be undone.

``suggest`` is called per line (a free note typed in the live screen, a cue heard from the
microphone), so it is kept cheap: it reads only the meeting's date, language and people,
and it hands the extractor the few lines said just before as context, keeping only what
the new lines add.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from facilitator.model import Captured, Cue, Language, Participant, Recorded, Suggestion, UserError

if TYPE_CHECKING:
    from facilitator.store import Store

__all__ = ["CONTEXT_CUES", "Suggestions", "extract_suggestions"]

CONTEXT_CUES = 8
"""Lines said before a new one that the extractor sees with it: one task is often said over
several turns ("方案我来起草" after the turn that named the plan)."""

LEDGER_TABLES = {"action": "actions", "responsibility": "responsibilities", "lever": "levers",
                 "decision": "items", "question": "items", "obstacle": "items", "note": "notes"}


def extract_suggestions(
    cues: Sequence[Cue], meeting_date: date | None, participants: Sequence[Participant], language: Language
) -> list[Suggestion]:
    """The extractor's suggestions for ``cues`` (its one entry point, ``facilitator.extract``)."""
    from facilitator.extract import extract

    if not cues:
        return []
    return extract(cues, meeting_date=meeting_date, participants=participants, language=language)


@dataclass
class Accepted:
    """An accepted suggestion and the row it became, so the acceptance can be undone."""

    suggestion: Suggestion
    recorded: Recorded


class Suggestions:
    """The suggestions of meetings: stored once, listed, accepted, dismissed, undone."""

    def __init__(self, store: Callable[[], Store]) -> None:
        self._store = store
        self._context: dict[int, deque[Cue]] = {}

    @property
    def store(self) -> Store:
        return self._store()

    def pending(self, meeting_id: int) -> list[Suggestion]:
        return self.store.suggestions(meeting_id)

    def suggest(self, meeting_id: int, cues: Sequence[Cue]) -> list[Suggestion]:
        """Run the extractor over new ``cues`` of a meeting and store what it finds as pending
        suggestions; returns those new to the meeting. The meeting's last few lines (from
        earlier calls in this process) are given as context, and what the extractor finds
        only in them is not suggested again."""
        cues = [c for c in cues if c.text.strip()]
        if not cues:
            return []
        meeting, people = self.store.meeting_facts(meeting_id)
        context = self._context.setdefault(meeting_id, deque(maxlen=CONTEXT_CUES))
        before = list(context)
        found = extract_suggestions([*before, *cues], meeting.date, people, meeting.language)
        context.extend(cues)
        new = [s for s in found if not s.cues or max(s.cues) >= len(before)]
        shifted = [replace(s, cues=tuple(max(0, i - len(before)) for i in s.cues)) for s in new]
        if not shifted:
            return []
        return self.store.add_suggestions(meeting_id, shifted)

    def suggest_notes(self, meeting_id: int, lines: Sequence[str]) -> list[Suggestion]:
        """``suggest`` for free notes typed in the live screen: ``吴工：我周五前发报告`` is 吴工
        speaking, as in a transcript."""
        from facilitator.transcripts import split_speaker

        return self.suggest(meeting_id, [Cue(*split_speaker(line)) for line in lines if line.strip()])

    def accept(self, suggestion_id: int, edited: Captured | None = None, stage: str | None = None) -> Accepted:
        """Record a pending suggestion (as shown, or ``edited`` in the item form) into its
        meeting's ledger, exactly as the typed line would be, with its quote."""
        s = self.store.get_suggestion(suggestion_id)
        if s.meeting_id is None:
            raise UserError("no suggestion with id {id}", id=suggestion_id)
        meeting, _ = self.store.meeting_facts(s.meeting_id)
        if meeting.status == "closed":
            raise UserError("meeting {id} is closed; reopen it to add to it", id=s.meeting_id)
        c = edited or s.captured
        if not c.text.strip():
            raise UserError("a suggestion needs text")
        if c.kind == "note":
            raise UserError("a note is not a suggestion")
        recorded = self.store.accept_suggestion(suggestion_id, c, stage or meeting.stage)
        return Accepted(s, recorded)

    def dismiss(self, suggestion_id: int) -> Suggestion:
        """Hide a pending suggestion; it is not offered again, even if the file is imported again."""
        s = self.store.get_suggestion(suggestion_id)
        self.store.set_suggestion_state(suggestion_id, "dismissed", expect="pending")
        return s

    def undo_dismiss(self, suggestion_id: int) -> None:
        self.store.set_suggestion_state(suggestion_id, "pending", expect="dismissed")

    def undo_accept(self, accepted: Accepted) -> None:
        """Take back an acceptance: the row it added is deleted and the suggestion is pending
        again. An acceptance that settled a row the meeting already held is not undone here
        (that row's history keeps both states); it raises ``UserError``."""
        assert accepted.suggestion.id is not None
        if accepted.recorded.outcome != "added":
            raise UserError("this acceptance changed an existing row; edit that row instead")
        table = LEDGER_TABLES[accepted.suggestion.captured.kind if accepted.recorded.captured is None
                              else accepted.recorded.captured.kind]
        if table == "levers":  # a lever with an owner brought its tracked action along
            action_id = self.store.lever_action(accepted.recorded.row_id)
            if action_id is not None:
                self.store.delete_row("actions", action_id)
        self.store.delete_row(table, accepted.recorded.row_id)
        self.store.set_suggestion_state(accepted.suggestion.id, "pending", expect="accepted")
