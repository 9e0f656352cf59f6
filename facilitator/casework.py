"""Use case: the cases a meeting needs, the coach built on them, and the levers they inspire.

One place composes the meeting search (``library/meeting_query.py``) and the coach
(``coach.py``, ``coach_llm.py``) from what they need, handed in: the store, the case
searcher and the settings. The library's cards are loaded once, from the searcher's own
folders, so the kinds and sections the ranking reads are those of the cards searched.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from typing import TYPE_CHECKING

from facilitator.coach import Coaching, coach_offline
from facilitator.config import NO_ENDPOINT, Settings
from facilitator.library.meeting_query import MeetingHit, search_meeting
from facilitator.model import Case, Meeting, UserError
from facilitator.playbook import stage_by_id
from facilitator.store import Store

if TYPE_CHECKING:
    from facilitator.library.search import CaseSearcher

__all__ = ["Casework"]



class Casework:
    def __init__(self, store: Store, searcher: Callable[[], CaseSearcher], settings: Settings) -> None:
        self.store = store
        self._searcher = searcher
        self.settings = settings
        self._cards: list[Case] | None = None

    # -- cases ---------------------------------------------------------------------

    def cards(self) -> list[Case]:
        if self._cards is None:
            self._cards = self._searcher().cards()
        return self._cards

    def search(self, meeting_id: int, stage: str | None = None, k: int = 5, typed: str = "",
               carry: bool = False) -> list[MeetingHit]:
        """The meeting's best cases; ``carry`` (the live panel): led by the cases the last
        earlier meeting on the same order (else customer) cited, marked as such."""
        meeting = self.store.get_meeting(meeting_id)
        if stage is not None:
            stage_by_id(stage)
        searcher = self._searcher()
        searcher.ready()  # even a meeting with nothing said yet learns whether search is degraded
        found = search_meeting(lambda q, n: list(searcher.search(q, k=n)), self._cards_of, meeting, stage, k, typed,
                               clear=searcher.clearly_matches)
        earlier = self.cited_earlier(meeting) if carry else None
        if earlier is None:
            return found
        from facilitator.library.meeting_query import carried_hits

        earlier_id, ids = earlier
        led = carried_hits(self._cards_of(ids), earlier_id, meeting.language)
        shown = {h.case_id for h in led}
        return [*led, *(h for h in found if h.case_id not in shown)][:max(k, len(led))]

    def cited_earlier(self, meeting: Meeting) -> tuple[int, list[str]] | None:
        """The latest earlier meeting on this meeting's order (else, with no order, its
        customer) that cited cases, with those cases; None when there is none."""
        if not (meeting.order_ref or meeting.customer):
            return None
        for other in self.store.list_meetings():  # newest first
            if other.id is None or meeting.id is None or other.id >= meeting.id:
                continue
            same = (other.order_ref == meeting.order_ref if meeting.order_ref
                    else not other.order_ref and other.customer == meeting.customer)
            if same and (cited := self.store.get_meeting(other.id).cited_cases):
                return other.id, list(cited)
        return None

    def _cards_of(self, ids: list[str]) -> list[Case]:
        """The cards of these ids, with the sections the hits and the coach read (only
        theirs: at 100k chunks making every card took most of a first meeting search)."""
        return list(self._searcher().cards_of(ids))

    def _offline(self, meeting_id: int, stage: str | None) -> tuple[Meeting, Coaching, dict[str, Case]]:
        meeting = self.store.get_meeting(meeting_id)
        hits = self.search(meeting_id, stage, k=3)
        cards = {c.id: c for c in self._cards_of([h.case_id for h in hits])}
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

    def coach_stream(self, meeting_id: int, stage: str | None = None,
                     offline: Coaching | None = None) -> AsyncIterator[str | Coaching]:
        """For the TUI: the case search in a thread (unless ``offline`` coaching for the
        same stage is at hand), then the model's text as it streams, then the final
        :class:`Coaching`."""
        from facilitator.coach_llm import coach_stream

        async def run() -> AsyncIterator[str | Coaching]:
            if offline is None:
                meeting, base, cards = await asyncio.to_thread(self._offline, meeting_id, stage)
            else:
                meeting, base = self.store.get_meeting(meeting_id), offline
                cards = {c.id: c for c in self._cards_of([h.case_id for h in offline.cases])}
            async for item in coach_stream(self.settings, meeting, base, cards):
                yield item

        return run()
