"""Use case: the case library as a meeting uses it — search (by query and by a meeting's
context), the coach, the index, reading a card, a meeting written out as a card, citing.

It owns the one case searcher of the process (loaded once, asked many times: the TUI
panel, ``search --batch``) and says with every search whether the answer is whole or
degraded to keywords, and why (:class:`Found`), so no caller has to look inside the
searcher. The meeting search and the coach are composed in ``casework.py``.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from facilitator import locations
from facilitator.config import Settings
from facilitator.model import Case, Hit, UserError

if TYPE_CHECKING:
    from facilitator.casework import Casework
    from facilitator.coach import Coaching as Coaching
    from facilitator.library.index import IndexReport
    from facilitator.library.meeting_query import MeetingHit
    from facilitator.library.search import CaseSearcher
    from facilitator.library.search import Degraded as Degraded
    from facilitator.store import Store

__all__ = ["Cases", "Found"]


@dataclass(frozen=True)
class Found:
    """One search's answer: the hits, and whether they came from keywords only and why."""

    hits: list[Hit]
    degraded: Degraded | None = None
    """Set when semantic search was unavailable (the searcher's reason and message)."""
    notices: list[str] = field(default_factory=list)
    """What the searcher had to say while loading (cards skipped, index rebuilt, ...)."""


def _progress_bar() -> Callable[[int, int], None]:
    """A plain stderr progress bar for long indexing in a terminal."""
    import sys

    def show(done: int, total: int) -> None:
        width = 30
        filled = int(width * done / total) if total else width
        sys.stderr.write(f"\rindexing [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return show


class Cases:
    """Cases over one home's library folders and one meeting store."""

    retry_seconds = 15.0
    """How long a searcher that fell back to keywords is kept before a search tries the Chroma
    server or embedding endpoint again (a local index is not: rebuilding it costs a minute)."""

    def __init__(self, home: Path, settings: Settings, store: Callable[[], Store]) -> None:
        self.home = home
        self.settings = settings
        self._open_store = store
        self._searcher: CaseSearcher | None = None
        self._searcher_built = 0.0
        self._casework: Casework | None = None

    @property
    def _work(self) -> Casework:
        if self._casework is None:  # the meeting search and the coach, cards loaded once
            from facilitator.casework import Casework

            self._casework = Casework(self._open_store(), self.searcher, self.settings)
        return self._casework

    def library_dirs(self, extra: list[Path] | None = None) -> list[Path]:
        """Card folders besides the bundled corpus: config, the home's cases/, and extras."""
        dirs = [Path(d).expanduser() for d in self.settings.libraries]
        dirs.append(locations.cases_dir(self.home))
        dirs += list(extra or [])
        return dirs

    # -- search ---------------------------------------------------------------------

    def searcher(self) -> CaseSearcher:
        """The case searcher that stays loaded: built once, asked many times."""
        if self._searcher is None:
            from facilitator.library.search import CaseSearcher

            self._searcher = CaseSearcher(self.home, self.settings, libraries=self.library_dirs())
            self._searcher_built = time.monotonic()
        return self._searcher

    def has_index(self) -> bool:
        """Whether a search can answer without building an index first."""
        return self._searcher is not None or locations.index_dir(self.home).exists()

    def degraded(self) -> Degraded | None:
        """Why searches answer from keywords only just now (None when whole, or not loaded)."""
        return self._searcher.degraded if self._searcher is not None else None

    def search(self, query: str, k: int = 5, departments: list[str] | None = None,
               tags: list[str] | None = None) -> Found:
        """The ``k`` best cases for ``query``; a searcher degraded to keywords because a
        server or endpoint was down is rebuilt (so it reconnects) after ``retry_seconds``."""
        external = bool(self.settings.chroma_url) or self.settings.embeddings == "openai"
        if (external and self.degraded() is not None
                and time.monotonic() - self._searcher_built >= self.retry_seconds):
            self._searcher = None
        searcher = self.searcher()
        hits = list(searcher.search(query, k=k, departments=departments, tags=tags))
        return Found(hits, searcher.degraded, list(searcher.notices))

    def search_meeting(self, meeting_id: int, stage: str | None = None, k: int = 5, typed: str = "",
                       carry: bool = False) -> list[MeetingHit]:
        """``search --meeting``, the live panel (with the line being typed, and ``carry``:
        the cases cited last time on the same order first) and the coach."""
        return self._work.search(meeting_id, stage, k, typed, carry)

    def clearly_matches(self, query: str) -> bool:
        """Whether the query's best case clearly matches it (``search.Evidence``), or is only
        the nearest: ``search QUERY`` says so, and keeps the hits (the user asked)."""
        evidence = self.searcher().evidence(query)
        return evidence is None or evidence.clear

    def notices(self) -> list[str]:
        """What the loaded searcher had to say (none before the first search)."""
        return list(self._searcher.notices) if self._searcher is not None else []

    # -- the coach ------------------------------------------------------------------

    def coach(self, meeting_id: int, stage: str | None = None, llm: bool = False,
              on_text: Callable[[str], None] | None = None) -> Coaching:
        return self._work.coach(meeting_id, stage, llm, on_text)

    def coach_stream(self, meeting_id: int, stage: str | None = None,
                     offline: Coaching | None = None) -> AsyncIterator[str | Coaching]:
        return self._work.coach_stream(meeting_id, stage, offline)

    # -- cards and the index --------------------------------------------------------

    def index(self, libraries: list[Path] | None = None, builtin: bool = True, rebuild: bool = False,
              progress: bool | Callable[[int, int], None] = False) -> IndexReport:
        from facilitator.library.index import CaseIndex

        for d in libraries or []:
            if not d.is_dir():
                raise UserError(f"{d}: not a folder of case cards")
        callback = _progress_bar() if progress is True else progress if callable(progress) else None
        index = CaseIndex(self.home, self.settings)
        return index.update(self.library_dirs(libraries), builtin=builtin, rebuild=rebuild, progress=callback)

    def cards(self) -> list[Case]:
        """The library's cards as the searcher reads them (loaded once)."""
        return self._work.cards()

    def cards_of(self, case_ids: list[str]) -> list[Case]:
        """The cards of these cases (front matter and the sections the meeting search reads),
        without making the whole library's: a search's hits name theirs in the user's language."""
        return list(self.searcher().cards_of(case_ids))

    def case_titles(self, case_ids: list[str]) -> dict[str, str]:
        """The titles of these cases' cards (the folders searched, so a cited hit is found),
        for a summary to name them; cards are read only when a case was cited."""
        if not case_ids:
            return {}
        wanted = set(case_ids)
        return {c.id: c.title for c in self.cards() if c.id in wanted and c.title}

    def case_markdown(self, case_id: str) -> str:
        """A case card as Markdown for reading in the TUI (title, departments, tags, sections)."""
        from facilitator.library.cards import card_markdown, load_cards

        case = self.searcher().card(case_id)  # its own file, found through the index
        if case is None:  # not indexed (yet): look through the folders
            cards, _ = load_cards([locations.corpus_dir(), *self.library_dirs()])
            case = next((c for c in cards if c.id == case_id), None)
        if case is None:
            raise UserError("no case {case_id!r} in the library", case_id=case_id)
        return card_markdown(case)

    def export_card(self, meeting_id: int) -> Path:
        """Write the meeting as a card into the home's cases/ and add it to the index."""
        from facilitator.files import write_text_atomic
        from facilitator.library.cards import render_card
        from facilitator.library.from_meeting import card_from_meeting

        case = card_from_meeting(self._open_store().get_meeting(meeting_id))
        folder = locations.cases_dir(self.home)
        folder.mkdir(parents=True, exist_ok=True)
        path = write_text_atomic(folder / f"{case.id}.md", render_card(case))
        self.index()
        return path

    def cite(self, meeting_id: int, case_id: str) -> None:
        """Record that the meeting cited this case (its summary and card name it)."""
        self._open_store().add_cited_case(meeting_id, case_id)
