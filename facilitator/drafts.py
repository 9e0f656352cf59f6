"""Use case: the meeting written up — the offline draft, the LLM draft (at once or
streamed to the TUI), keeping an edited draft, and exporting the meeting as a file.

The case search and the cited cases' titles come in as callables from the ``cases`` use
case (``service.py`` wires them), so a draft never loads the library unless a case was
cited or an index is there to search. The LLM session itself is ``drafting/session.py``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from facilitator import locations
from facilitator.config import NO_ENDPOINT, Settings
from facilitator.model import Draft, DraftRecord, Hit, Meeting, Progress, Restart, UserError

if TYPE_CHECKING:
    from facilitator.drafting.session import DraftNeeds
    from facilitator.store import Store

__all__ = ["CaseLookup", "Drafts"]


@dataclass(frozen=True)
class CaseLookup:
    """What a draft asks of the case library."""

    titles: Callable[[list[str]], dict[str, str]]
    """The titles of these cited cases' cards."""
    search: Callable[[str, int], list[Hit]]
    """The ``k`` best cases for a query."""
    has_index: Callable[[], bool]
    """Whether searching costs no index build (else a draft searches nothing)."""
    folders: Callable[[], list[Path]]
    """The card folders besides the bundled corpus."""


class Drafts:
    def __init__(self, home: Path, settings: Settings, store: Callable[[], Store], cases: CaseLookup) -> None:
        self.home = home
        self.settings = settings
        self._open_store = store
        self._cases = cases

    def notes_meeting(self, path: Path, on: date | None = None) -> Meeting:
        """A transient meeting built from a notes or transcript file (``draft --from``)."""
        from facilitator.sources import notes_meeting

        return notes_meeting(path, on)

    def draft_offline(self, meeting: Meeting, on: date | None = None) -> Draft:
        from facilitator.drafting.offline import draft_offline

        return draft_offline(meeting, ref_date=on or meeting.date, cited_cases=list(meeting.cited_cases),
                             case_titles=self._cases.titles(meeting.cited_cases),
                             known_owners=self.settings.known_owners())

    def draft(
        self,
        meeting_id: int | None = None,
        from_file: Path | None = None,
        mode: str = "offline",
        on: date | None = None,
        *,
        on_text: Callable[[str], None] | None = None,
        on_info: Callable[[str], None] | None = None,
        cases: list[Hit] | None = None,
        on_progress: Callable[[str], None] | None = None,
    ) -> Draft:
        """Draft the summary. ``mode="llm"`` streams the model's text to ``on_text``,
        details (token counts, mode, usage) to ``on_info`` and one line per window of a
        long meeting to ``on_progress``; ``cases`` replaces the case search. Any LLM
        failure gives the offline draft with a warning. Do not call it with
        ``mode="llm"`` inside a running event loop: use :meth:`draft_stream`."""
        if mode == "llm" and not self.settings.llm_configured:
            raise UserError(NO_ENDPOINT)
        if mode == "llm":
            from facilitator.drafting.session import draft_sync

            return draft_sync(self._needs(), meeting_id, from_file, on, on_text, on_info, cases, on_progress)
        if from_file is not None:
            meeting = self.notes_meeting(from_file, on)
        elif meeting_id is not None:
            meeting = self._open_store().get_meeting(meeting_id)
        else:
            raise UserError("draft needs a MEETING_ID or --from FILE")
        draft = self.draft_offline(meeting, on)
        if meeting.id is not None:
            self._open_store().add_draft(meeting.id, DraftRecord(mode=draft.mode, markdown=draft.markdown))
        return draft

    def draft_stream(
        self,
        meeting_id: int | None = None,
        from_file: Path | None = None,
        on: date | None = None,
        cases: list[Hit] | None = None,
        on_info: Callable[[str], None] | None = None,
    ) -> AsyncIterator[str | Restart | Progress | Draft]:
        """The LLM draft for the TUI, as an async generator: ``str`` chunks of the model's
        text as they arrive, a ``Restart`` when a new attempt begins (clear the text shown
        so far), a ``Progress`` per window of a long meeting, and last the final ``Draft``
        (mode ``llm``, or ``offline`` with a warning when the model failed); the draft is
        stored with the meeting. Blocking work runs in a thread; cancelling the consumer
        closes the HTTP stream. Raises UserError when no endpoint is configured (check
        ``settings.llm_configured`` first)."""
        from facilitator.drafting.session import stream_draft

        return stream_draft(self._needs(), meeting_id, from_file, on, cases, on_info)

    def _needs(self) -> DraftNeeds:
        """What the LLM draft takes: the store, settings, folders, and a case search when
        an index exists or a searcher is already loaded (else no search is made)."""
        from facilitator.drafting.session import DraftNeeds

        return DraftNeeds(
            store=self._open_store, settings=self.settings, drafts_dir=locations.drafts_dir(self.home),
            card_dirs=[locations.corpus_dir(), *self._cases.folders()],
            search=self._cases.search if self._cases.has_index() else None,
            case_titles=self._cases.titles,
        )

    def save(self, meeting_id: int, markdown: str, mode: str = "edited") -> int:
        """Keep a draft the user edited or accepted with the meeting; committed on return."""
        store = self._open_store()
        if not store.has_meeting(meeting_id):
            raise UserError("no meeting with id {id}", id=meeting_id)
        return store.add_draft(meeting_id, DraftRecord(mode=mode, markdown=markdown))

    # -- export ---------------------------------------------------------------------

    def export(self, meeting_id: int, fmt: str) -> str:
        """The meeting as text in one of ``export.FORMATS`` (``card``: see ``Cases.export_card``)."""
        from facilitator import export

        render = export.renderer(fmt)
        meeting = self._open_store().get_meeting(meeting_id)
        if fmt == "ics":  # attendees from [people], the organizer from [smtp]
            return export.to_ics(meeting, people=self.settings.people, organizer=self.settings.smtp.sender)
        if fmt == "md":  # cited cases by their cards' titles
            return export.to_markdown(meeting, case_titles=self._cases.titles(meeting.cited_cases))
        return render(meeting)

    def export_file(self, meeting_id: int, fmt: str = "md") -> Path:
        """Write ``export(meeting_id, fmt)`` to the home's ``exports/`` folder (atomically)."""
        from facilitator.files import write_text_atomic

        text = self.export(meeting_id, fmt)
        meeting = self._open_store().get_meeting(meeting_id)
        folder = locations.exports_dir(self.home)
        folder.mkdir(parents=True, exist_ok=True)
        day = meeting.date.isoformat() if meeting.date else "undated"
        return write_text_atomic(folder / f"meeting-{meeting_id}-{day}.{fmt}", text)
