"""The composition root: builds the use cases from one home and its settings.

The CLI and the TUI open a :class:`Service` and ask one of its use cases — ``record``,
``cases``, ``followup``, ``drafts``, ``doctor`` — each of which owns its rules and is
the only way in. This module holds no rule of its own: it opens the meeting store
lazily (opening creates the home) and wires what the use cases take from each other.
Heavy libraries stay inside the use cases' methods, so ``--help`` and the first TUI
frame stay fast.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from facilitator import locations
from facilitator.config import Settings, load_settings
from facilitator.model import UserError

if TYPE_CHECKING:
    from facilitator.cases import Cases
    from facilitator.doctor import Doctor
    from facilitator.drafts import Drafts
    from facilitator.followup import Followup
    from facilitator.record import Record
    from facilitator.speech.sources import AudioSource
    from facilitator.store import Store


class Service:
    def __init__(self, home: Path, settings: Settings | None = None, *,
                 audio_source: Callable[[], AudioSource] | None = None) -> None:
        self.home = home
        self.settings = settings if settings is not None else load_settings(home)
        self.audio_source = audio_source
        """Makes the ``AudioSource`` live listening hears (tests, benches); None: the microphone."""
        self._store: Store | None = None

    @classmethod
    def open(cls, home: str | Path | None = None) -> Service:
        return cls(locations.data_home(home))

    @property
    def store(self) -> Store:
        """The meeting store, opened on first use (which creates the home)."""
        if self._store is None:
            from facilitator.record_rules import RULES, bring_up_to_date
            from facilitator.store import open_store

            if self.home.exists() and not self.home.is_dir():
                raise UserError(f"{self.home}: home is a file, not a directory")
            try:
                self.home.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                from facilitator.files import os_problem

                problem = os_problem(exc, self.home)
                if problem is None:
                    raise
                raise UserError(problem[1]) from None
            store = open_store(locations.database_path(self.home), RULES, url=self.settings.database or None,
                               author=self.settings.me_name or None)
            bring_up_to_date(store)  # the record's rules, for rows written before them
            self._store = store
            if self.settings.database:
                with contextlib.suppress(UserError):  # the server went away again: the lines keep waiting
                    self.record.replay_journal()
        return self._store

    def _open_store(self) -> Store:
        return self.store

    def close(self) -> None:
        if "record" in self.__dict__:  # built: it may hold the journal open
            self.record.close_journal()
        if self._store is not None:
            self._store.close()
            self._store = None

    # -- the use cases --------------------------------------------------------------

    @cached_property
    def record(self) -> Record:
        """Meetings, capture, edits, delete and restore, undo, suggestions, import, listening."""
        from facilitator.record import Record

        return Record(self.home, self.settings, self._open_store, audio_source=self.audio_source)

    @cached_property
    def cases(self) -> Cases:
        """Search, the meeting search, the coach, the index, cards, citing."""
        from facilitator.cases import Cases

        return Cases(self.home, self.settings, self._open_store)

    @cached_property
    def followup(self) -> Followup:
        """The action ledger across meetings, the review, messages and their delivery."""
        from facilitator.followup import Followup

        return Followup(self.home, self.settings, self._open_store)

    @cached_property
    def drafts(self) -> Drafts:
        """Offline and LLM drafts, keeping them, exports."""
        from facilitator.drafts import CaseLookup, Drafts

        cases = self.cases
        lookup = CaseLookup(titles=cases.case_titles, search=lambda query, k: cases.search(query, k=k).hits,
                            has_index=cases.has_index, folders=cases.library_dirs)
        return Drafts(self.home, self.settings, self._open_store, lookup)

    @cached_property
    def doctor(self) -> Doctor:
        """The machine's checks and the error log."""
        from facilitator.doctor import Doctor

        return Doctor(self.home, self.settings, self._open_store)
