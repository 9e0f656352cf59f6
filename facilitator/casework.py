"""Use case: the cases a meeting needs and the coach built on them.

One place composes the meeting search (``library/meeting_query.py``) and the coach
(``coach.py``, ``coach_llm.py``) from what they need, handed in: the store, the case
searcher and the settings. The library's cards are loaded once, from the searcher's own
folders, so the kinds and sections the ranking reads are those of the cards searched.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from typing import Any

from facilitator.coach import Coaching, coach_offline
from facilitator.config import Settings
from facilitator.library.meeting_query import MeetingHit, search_meeting
from facilitator.model import Case, UserError
from facilitator.playbook import stage_by_id
from facilitator.store import Store

__all__ = ["Casework"]

NO_ENDPOINT = "no LLM endpoint configured: set OPENAI_BASE_URL or OPENAI_API_KEY, or use --offline"


class Casework:
    def __init__(self, store: Store, searcher: Callable[[], Any], settings: Settings) -> None:
        self.store = store
        self._searcher = searcher
        self.settings = settings
        self._cards: list[Case] | None = None

    def cards(self) -> list[Case]:
        if self._cards is None:
            from facilitator.library.cards import load_cards

            self._cards = load_cards(self._searcher().folders())[0]
        return self._cards

    def search(self, meeting_id: int, stage: str | None = None, k: int = 5) -> list[MeetingHit]:
        meeting = self.store.get_meeting(meeting_id)
        if stage is not None:
            stage_by_id(stage)
        searcher = self._searcher()
        return search_meeting(lambda q, n: list(searcher.search(q, k=n)), self.cards(), meeting, stage, k)

    def _offline(self, meeting_id: int, stage: str | None) -> tuple[Any, Coaching, dict[str, Case]]:
        meeting = self.store.get_meeting(meeting_id)
        hits = self.search(meeting_id, stage, k=3)
        cards = {c.id: c for c in self.cards()}
        return meeting, coach_offline(meeting, stage, hits, cards), cards

    def coach(self, meeting_id: int, stage: str | None = None, llm: bool = False,
              on_text: Callable[[str], None] | None = None) -> Coaching:
        """Offline coaching, or (``llm``) the model's suggestions from the same cases,
        streamed to ``on_text``. Writes nothing to the record."""
        if llm and not self.settings.llm_configured:
            raise UserError(NO_ENDPOINT)
        meeting, offline, cards = self._offline(meeting_id, stage)
        if not llm:
            return offline
        from facilitator.coach_llm import coach_sync

        return coach_sync(self.settings, meeting, offline, cards, on_text)

    def coach_stream(self, meeting_id: int, stage: str | None = None) -> AsyncIterator[str | Coaching]:
        """For the TUI: the case search in a thread, then the model's text as it streams,
        then the final :class:`Coaching`."""
        from facilitator.coach_llm import coach_stream

        async def run() -> AsyncIterator[str | Coaching]:
            meeting, offline, cards = await asyncio.to_thread(self._offline, meeting_id, stage)
            async for item in coach_stream(self.settings, meeting, offline, cards):
                yield item

        return run()
