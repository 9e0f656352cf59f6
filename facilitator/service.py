"""The one facade the CLI and the TUI call: meetings, capture, import, drafts, export, search.

Keeping every use case here means the TUI never touches SQLite or chromadb itself, and
the CLI stays a thin parser. Heavy libraries are imported inside the methods that need
them so that opening the app and ``--help`` stay fast.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import AsyncIterator, Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from facilitator import locations
from facilitator.config import NO_ENDPOINT, Settings, load_settings
from facilitator.importing import ImportResult
from facilitator.language import guess_language
from facilitator.model import (
    Action,
    Captured,
    Cue,
    Draft,
    DraftRecord,
    Hit,
    Lever,
    Meeting,
    Participant,
    Progress,
    Recorded,
    Removed,
    Responsibility,
    Restart,
    Stage,
    Suggestion,
    Transcript,
    UserError,
)

if TYPE_CHECKING:
    from facilitator.casework import Casework
    from facilitator.doctor import Check
    from facilitator.drafting.session import DraftNeeds
    from facilitator.library.index import IndexReport
    from facilitator.library.search import CaseSearcher
    from facilitator.outreach import Outbox
    from facilitator.presence import Presence
    from facilitator.store import Store
    from facilitator.store.journal import Journal, Waiting
    from facilitator.suggesting import Accepted, Suggestions
    from facilitator.tracking import Tracker



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


class Service:
    def __init__(self, home: Path, settings: Settings | None = None, *,
                 audio_source: Callable[[], Any] | None = None) -> None:
        self.home = home
        self.settings = settings if settings is not None else load_settings(home)
        self.audio_source = audio_source
        """Makes the ``speech.sources.AudioSource`` live listening hears; None: the microphone."""
        self._store: Store | None = None
        self._journal: Journal | None = None
        self._searcher: CaseSearcher | None = None
        self._searcher_built = 0.0
        self._casework: Casework | None = None
        self._suggestions: Suggestions | None = None

    @classmethod
    def open(cls, home: str | Path | None = None) -> Service:
        return cls(locations.data_home(home))

    # -- store ----------------------------------------------------------------------

    @property
    def store(self) -> Store:
        if self._store is None:
            from facilitator.ledger_rules import RULES, kinds_for
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
            if store.read_only is None and (unclassified := store.obstacles_without_kind()):
                store.set_obstacle_kinds(kinds_for(unclassified))  # recorded before kinds were stored
            self._store = store
            if self.settings.database:
                with contextlib.suppress(UserError):  # the server went away again: the lines keep waiting
                    self.replay_journal()
        return self._store

    def copy_store_to(self, target: str) -> dict[str, tuple[int, int]]:
        """``facilitator db copy --to TARGET``: this record into another store (``store.copy``)."""
        from facilitator.ledger_rules import RULES
        from facilitator.store.copy import copy_to

        return copy_to(self.store, target, RULES, author=self.settings.me_name or None)

    def close(self) -> None:
        if self._journal is not None:
            self._journal.close()
        if self._store is not None:
            self._store.close()
            self._store = None

    # -- meetings -------------------------------------------------------------------

    def meetings(self) -> list[Meeting]:
        if not locations.database_path(self.home).exists():
            return []
        return self.store.list_meetings()

    def meeting(self, meeting_id: int) -> Meeting:
        return self.store.get_meeting(meeting_id)

    def new_meeting(
        self,
        title: str,
        customer: str = "",
        order: str = "",
        on: date | None = None,
        deadline: date | None = None,
        language: str | None = None,
        participants: list[Participant] | None = None,
        goal: str = "",
    ) -> Meeting:
        m = self._unsaved_meeting(title, customer, order, on, deadline, language, participants, goal)
        mid = self.store.create_meeting(m)
        return self.store.get_meeting(mid)

    def _unsaved_meeting(self, title: str, customer: str = "", order: str = "", on: date | None = None,
                         deadline: date | None = None, language: str | None = None,
                         participants: list[Participant] | None = None, goal: str = "") -> Meeting:
        title = title.strip()
        if not title:
            raise UserError("a meeting needs a title")
        # one language per user: theirs when they chose it (config or locale), else the title's
        lang = language or (self.settings.language if self.settings.language_chosen
                            else guess_language(title + customer, self.settings.language))
        return Meeting(
            title=title, customer=customer.strip(), order_ref=order.strip(), goal=goal,
            date=on or date.today(), deadline=deadline, language=lang,  # type: ignore[arg-type]
            participants=list(participants or []),
        )

    def update_meeting(self, meeting_id: int, **fields: Any) -> None:
        self.store.update_meeting(meeting_id, **fields)

    # -- capture --------------------------------------------------------------------

    def parse(self, meeting: Meeting, line: str) -> Captured:
        from facilitator.capture import parse_line

        return parse_line(line, meeting.date)

    def capture(self, meeting_id: int, line: str, stage: str | None = None) -> tuple[Captured, int]:
        """Parse one typed line and commit it; returns only after the commit."""
        recorded = self.capture_lines(meeting_id, [line], stage)[0]
        assert recorded.captured is not None
        return recorded.captured, recorded.row_id

    def capture_lines(self, meeting_id: int, lines: list[str], stage: str | None = None) -> list[Recorded]:
        """Parse typed or pasted lines and commit them in one transaction, in order.

        Blank lines are skipped. A closed meeting takes nothing (reopen it first): its
        record is what the room signed off on. On a team's server each batch is written at
        most once under its own key; while the server cannot be reached the lines wait in
        the home's journal (outcome ``journaled``) and are written, in order, once it answers.
        """
        import uuid

        from facilitator.store import StoreError

        key = uuid.uuid4().hex
        try:
            if self.settings.database:
                self.replay_journal()  # what waits was typed first
            meeting = self.store.meeting_facts(meeting_id)[0]  # its row is enough: date, stage, status
            if meeting.status == "closed":
                raise UserError("meeting {id} is closed; reopen it to add to it", id=meeting_id)
            captured = [self.parse(meeting, line) for line in lines if line.strip()]
            if not self.settings.database:
                return self.store.record_lines(meeting_id, captured, stage or meeting.stage)
            return self.store.record_batch(key, meeting_id, captured, stage or meeting.stage) or []
        except StoreError as exc:
            if exc.kind != "offline":
                raise
            from facilitator.capture import parse_line

            kept = [line for line in lines if line.strip()]
            self.journal.add(key, meeting_id, kept, stage)
            return [Recorded(row_id=0, outcome="journaled", captured=parse_line(line, None)) for line in kept]

    @property
    def journal(self) -> Journal:
        """Lines waiting for a team's server (``store.journal``)."""
        if self._journal is None:
            from facilitator.store.journal import Journal

            self._journal = Journal(self.home / "journal.db")
        return self._journal

    def replay_journal(self) -> int:
        """Write what waits in the journal to the server, oldest first; lines written."""

        def write(batch: Waiting) -> None:
            meeting = self.store.meeting_facts(batch.meeting_id)[0]
            captured = [self.parse(meeting, line) for line in batch.lines]
            self.store.record_batch(batch.key, batch.meeting_id, captured, batch.stage or meeting.stage)

        return self.journal.replay(write) if self.settings.database else 0

    def lines_waiting(self) -> int:
        """How many typed lines wait for the server (0 on the home's own SQLite file)."""
        return self.journal.lines_waiting() if self.settings.database else 0

    def reopen_meeting(self, meeting_id: int) -> Meeting:
        """Undo a close: the meeting takes notes again; its history records the reopening."""
        self.store.update_meeting(meeting_id, status="open", closed_at=None)
        return self.store.get_meeting(meeting_id)

    def meeting_history(self, meeting_id: int) -> list[tuple[str, str]]:
        return self.store.meeting_history(meeting_id)

    def record_version(self) -> int:
        """Changes whenever another process commits to the meeting store (see
        ``Store.data_version``); an open screen polls it to show other screens' edits."""
        return self.store.data_version()

    def claim_presence(self, meeting_id: int) -> Presence:
        """This screen's presence on a meeting; ``claim()`` says how many others are open."""
        from facilitator.presence import Presence

        return Presence(locations.presence_dir(self.home), meeting_id)

    def set_action_status(
        self, action_id: int, status: str, reason: str | None = None, in_meeting: int | None = None
    ) -> Action:
        return self.tracker.update(action_id, status=status, reason=reason, in_meeting=in_meeting)

    def actions(self, open_only: bool = False, owner: str | None = None) -> list[Action]:
        return self.tracker.actions(open_only=open_only, owner=owner)

    @property
    def tracker(self) -> Tracker:
        """Follow-up tracking across meetings (see ``tracking.py``)."""
        from facilitator.tracking import Tracker

        return Tracker(lambda: self.store, None if self.settings.database else locations.database_path(self.home))

    @property
    def outbox(self) -> Outbox:
        """Follow-up delivery (see ``outreach.py``): plans, the preview, sending once, the log."""
        from facilitator.outreach import Outbox

        return Outbox(self.store, self.settings)

    # -- suggestions ----------------------------------------------------------------

    @property
    def suggestions(self) -> Suggestions:
        """What the extractor understood, offered beside the ledger (see ``suggesting.py``)."""
        if self._suggestions is None:
            from facilitator.suggesting import Suggestions

            self._suggestions = Suggestions(lambda: self.store)
        return self._suggestions

    def suggest(self, meeting_id: int, cues: list[Cue]) -> list[Suggestion]:
        """Store the extractor's suggestions for new cues of a meeting (a free note typed live,
        a line heard from the microphone); returns those new to it. Cheap enough per line."""
        return self.suggestions.suggest(meeting_id, cues)

    def suggest_notes(self, meeting_id: int, lines: list[str]) -> list[Suggestion]:
        """``suggest`` for free notes typed live (a ``名字：`` prefix is the speaker)."""
        return self.suggestions.suggest_notes(meeting_id, lines)

    def accept_suggestion(self, suggestion_id: int, edited: Captured | None = None,
                          stage: str | None = None) -> Accepted:
        return self.suggestions.accept(suggestion_id, edited, stage)

    def dismiss_suggestion(self, suggestion_id: int) -> Suggestion:
        return self.suggestions.dismiss(suggestion_id)

    # -- import ---------------------------------------------------------------------

    def read_transcript(self, path: Path) -> tuple[Transcript, str]:
        from facilitator.sources import read_file

        return read_file(path)

    def import_file(
        self, path: Path, meeting_id: int | None = None, new_title: str | None = None, customer: str = "",
        order: str = "", on: date | None = None, *, again: bool = False, max_bytes: int | None = -1,
        on_cue: Callable[[Cue], None] | None = None,
        on_progress: Callable[[float, float], None] | None = None,
    ) -> ImportResult:
        """Parse a transcript or notes file, or transcribe a recording (``on_progress`` gets
        seconds done and in all), and, with a meeting, record it as one edit (streamed,
        size-limited, refused when already imported: see ``importing.py``)."""
        from facilitator.importing import import_file

        def hear(recording: Path, language: str | None, meeting: Meeting | None) -> Any:
            from facilitator.speech.recording import transcribe_file

            if language is None and new_title and guess_language(new_title + customer, "en") == "zh":
                language = "zh"  # a meeting titled in Chinese is held in Chinese: no detection

            return transcribe_file(self.speech_engine(), recording, language,
                                   hotwords=self.hotwords(meeting), progress=on_progress)

        def unsaved(opening: str) -> Meeting:
            return self._unsaved_meeting(new_title or "", customer=customer, order=order, on=on,
                                         language=guess_language(opening, self.settings.language))

        target = None if meeting_id is None and new_title is None else lambda: self.store
        return import_file(path, target, meeting_id, unsaved, again=again, max_bytes=max_bytes, on_cue=on_cue,
                           hear=hear)

    def listener(self, meeting_id: int, on_cue: Callable[[Cue], None], *,
                 on_error: Callable[[str], None] | None = None, source: Any = None) -> Any:
        """A ``speech.live.Listener`` for this meeting, not started: its sound goes to a new WAV
        in the meeting's recordings folder, its cues to ``on_cue`` (on the transcribing
        thread: record them with :meth:`record_heard` from the thread that owns the store).
        ``source``: an ``AudioSource``; default ``listen_source()``, the microphone."""
        import time as clock

        from facilitator.speech.live import Listener

        meeting = self.store.get_meeting(meeting_id)
        if meeting.status == "closed":
            raise UserError("meeting {id} is closed; reopen it to add to it", id=meeting_id)
        folder = locations.recordings_dir(self.home, meeting_id)
        path = folder / clock.strftime("%Y%m%d-%H%M%S.wav")
        n = 1
        while path.exists():
            n += 1
            path = folder / clock.strftime(f"%Y%m%d-%H%M%S-{n}.wav")
        return Listener(source if source is not None else self.listen_source(), self.speech_engine(), path,
                        on_cue, language=meeting.language, hotwords=self.hotwords(meeting), on_error=on_error)

    def listen_source(self) -> Any:
        """Where live sound comes from: ``audio_source()`` if given (a recording played at
        real-time pace in tests and benches), else the microphone."""
        if self.audio_source is not None:
            return self.audio_source()
        from facilitator.speech.sources import MicrophoneSource

        return MicrophoneSource()

    def record_heard(self, meeting_id: int, cue: Cue, stage: str | None = None) -> Recorded:
        """Commit one heard cue, filed under ``stage`` (default: the meeting's current one),
        as the import does: a note stamped with its time, or the quick-capture item it says."""
        from facilitator.notesfile import cue_captured

        meeting = self.store.get_meeting(meeting_id)
        if meeting.status == "closed":
            raise UserError("meeting {id} is closed; reopen it to add to it", id=meeting_id)
        # what the extractor understands in it is asked for apart (``suggest``, in a worker:
        # the screen's typing must not wait for the extractor)
        return self.store.record_lines(meeting_id, [cue_captured(cue, meeting.date)], stage or meeting.stage)[0]

    def speech_engine(self) -> Any:
        """The ``[speech]`` engine (``facilitator.speech.engines``), made once per process."""
        from facilitator.speech.engines import engine_for

        return engine_for(self.settings.speech)

    def hotwords(self, meeting: Meeting | None) -> str | None:
        """The meeting's names and terms for the recognizer, when ``[speech] hotwords`` is on."""
        if meeting is None or not self.settings.speech.hotwords:
            return None
        from facilitator.speech.terms import meeting_terms

        return meeting_terms(meeting) or None

    # -- drafts ---------------------------------------------------------------------

    def notes_meeting(self, path: Path, on: date | None = None) -> Meeting:
        """A transient meeting built from a notes or transcript file (``draft --from``)."""
        from facilitator.sources import notes_meeting

        return notes_meeting(path, on)

    def draft_offline(self, meeting: Meeting, on: date | None = None) -> Draft:
        from facilitator.drafting.offline import draft_offline

        return draft_offline(meeting, ref_date=on or meeting.date, cited_cases=list(meeting.cited_cases),
                             case_titles=self.case_titles(meeting.cited_cases),
                             known_owners=self.settings.known_owners())

    def case_titles(self, case_ids: list[str]) -> dict[str, str]:
        """The titles of these cases' cards (the folders searched, so a cited hit is found),
        for the summary to name them; cards are read only when a case was cited."""
        if not case_ids:
            return {}
        wanted = set(case_ids)
        return {c.id: c.title for c in self.casework.cards() if c.id in wanted and c.title}

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
        long meeting to ``on_progress``; ``cases`` replaces the case search. Any LLM failure gives the offline draft with a warning. Do not call
        it with ``mode="llm"`` inside a running event loop: use :meth:`draft_stream`."""
        if mode == "llm" and not self.settings.llm_configured:
            raise UserError(NO_ENDPOINT)
        if mode == "llm":
            from facilitator.drafting.session import draft_sync

            return draft_sync(self._draft_needs(), meeting_id, from_file, on, on_text, on_info, cases, on_progress)
        if from_file is not None:
            meeting = self.notes_meeting(from_file, on)
        elif meeting_id is not None:
            meeting = self.store.get_meeting(meeting_id)
        else:
            raise UserError("draft needs a MEETING_ID or --from FILE")
        draft = self.draft_offline(meeting, on)
        if meeting.id is not None:
            self.store.add_draft(meeting.id, DraftRecord(mode=draft.mode, markdown=draft.markdown))
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
        so far), a ``Progress`` per window of a long meeting, and last the final ``Draft`` (mode ``llm``, or ``offline`` with a warning
        when the model failed); the draft is stored with the meeting. Blocking work runs
        in a thread; cancelling the consumer closes the HTTP stream. Raises UserError
        when no endpoint is configured (check ``settings.llm_configured`` first)."""
        from facilitator.drafting.session import stream_draft

        return stream_draft(self._draft_needs(), meeting_id, from_file, on, cases, on_info)

    def _draft_needs(self) -> DraftNeeds:
        """What the LLM draft takes: the store, settings, folders, and a case search when
        an index exists or a searcher is already loaded (else no search is made)."""
        from facilitator.drafting.session import DraftNeeds

        has_index = self._searcher is not None or locations.index_dir(self.home).exists()
        return DraftNeeds(
            store=lambda: self.store, settings=self.settings, drafts_dir=locations.drafts_dir(self.home),
            card_dirs=[locations.corpus_dir(), *self.library_dirs()],
            search=(lambda query, k: self.search(query, k=k)) if has_index else None,
            case_titles=self.case_titles,
        )

    # -- export ---------------------------------------------------------------------

    def export(self, meeting_id: int, fmt: str) -> str:
        """The meeting as text in one of ``export.FORMATS`` (``card``: see :meth:`export_card`)."""
        from facilitator import export

        render = export.renderer(fmt)
        meeting = self.store.get_meeting(meeting_id)
        if fmt == "ics":  # attendees from [people], the organizer from [smtp]
            return export.to_ics(meeting, people=self.settings.people, organizer=self.settings.smtp.sender)
        if fmt == "md":  # cited cases by their cards' titles
            return export.to_markdown(meeting, case_titles=self.case_titles(meeting.cited_cases))
        return render(meeting)

    # -- case library ---------------------------------------------------------------

    def library_dirs(self, extra: list[Path] | None = None) -> list[Path]:
        """Card folders besides the bundled corpus: config, the home's cases/, and extras."""
        dirs = [Path(d).expanduser() for d in self.settings.libraries]
        dirs.append(locations.cases_dir(self.home))
        dirs += list(extra or [])
        return dirs

    def index(
        self,
        libraries: list[Path] | None = None,
        builtin: bool = True,
        rebuild: bool = False,
        progress: bool | Callable[[int, int], None] = False,
    ) -> IndexReport:
        from facilitator.library.index import CaseIndex

        for d in libraries or []:
            if not d.is_dir():
                raise UserError(f"{d}: not a folder of case cards")
        callback = _progress_bar() if progress is True else progress if callable(progress) else None
        index = CaseIndex(self.home, self.settings)
        return index.update(self.library_dirs(libraries), builtin=builtin, rebuild=rebuild, progress=callback)

    def searcher(self) -> CaseSearcher:
        """A case searcher that stays loaded: build once, ask many times (TUI panel, --batch)."""
        if self._searcher is None:
            from facilitator.library.search import CaseSearcher

            self._searcher = CaseSearcher(self.home, self.settings, libraries=self.library_dirs())
            self._searcher_built = time.monotonic()
        return self._searcher

    search_retry_seconds = 15.0
    """How long a searcher that fell back to keywords is kept before a search tries the Chroma
    server or embedding endpoint again (a local index is not: rebuilding it costs a minute)."""

    @property
    def casework(self) -> Casework:
        if self._casework is None:  # cases, coaching and levers (casework.py), cards loaded once
            from facilitator.casework import Casework

            self._casework = Casework(self.store, self.searcher, self.settings)
        return self._casework

    def search_meeting(self, meeting_id: int, stage: str | None = None, k: int = 5, typed: str = "",
                       carry: bool = False) -> list[Any]:
        """``search --meeting``, the live panel (with the line being typed, and ``carry``:
        the cases cited last time on the same order first) and the coach."""
        return self.casework.search(meeting_id, stage, k, typed, carry)

    def coach(self, meeting_id: int, stage: str | None = None, llm: bool = False, on_text: Any = None) -> Any:
        return self.casework.coach(meeting_id, stage, llm, on_text)

    def coach_stream(self, meeting_id: int, stage: str | None = None, offline: Any = None) -> AsyncIterator[Any]:
        return self.casework.coach_stream(meeting_id, stage, offline)

    def search(self, query: str, k: int = 5, departments: list[str] | None = None,
               tags: list[str] | None = None) -> list[Hit]:
        """The ``k`` best cases; see ``search_degraded`` for whether they came from keywords only."""
        external = bool(self.settings.chroma_url) or self.settings.embeddings == "openai"
        if (external and self.search_degraded()
                and time.monotonic() - self._searcher_built >= self.search_retry_seconds):
            self._searcher = None  # a new searcher reconnects; the panel's mark clears if it can
        return list(self.searcher().search(query, k=k, departments=departments, tags=tags))

    def search_degraded(self) -> str | None:
        """Why searches answer from keywords only (Chroma server unreachable, no usable index,
        embedding endpoint down: the searcher's notices, as ``search`` prints), else None."""
        degraded = getattr(self._searcher, "degraded", None)  # the searcher's typed Degraded
        return degraded.message if degraded is not None else None

    def export_card(self, meeting_id: int) -> Path:
        """Write the meeting as a card into the home's cases/ and add it to the index."""
        from facilitator.files import write_text_atomic
        from facilitator.library.cards import render_card
        from facilitator.library.from_meeting import card_from_meeting

        case = card_from_meeting(self.store.get_meeting(meeting_id))
        folder = locations.cases_dir(self.home)
        folder.mkdir(parents=True, exist_ok=True)
        path = write_text_atomic(folder / f"{case.id}.md", render_card(case))
        self.index()
        return path

    def cite_case(self, meeting_id: int, case_id: str) -> None:
        self.store.add_cited_case(meeting_id, case_id)

    # -- doctor ---------------------------------------------------------------------

    def doctor(self) -> list[Check]:
        from facilitator.doctor import run_checks

        return run_checks(self.home, self.settings, lambda: self.store)

    # -- used by the TUI ------------------------------------------------------------

    def playbook(self) -> tuple[Stage, ...]:
        """The meeting's agenda stages, in order (``prompts/playbook.toml``)."""
        from facilitator.playbook import default_playbook

        return default_playbook()

    def open_action_counts(self) -> dict[int, int]:
        """Open actions per meeting id, for the meeting list's "open actions" column."""
        counts: dict[int, int] = {}
        for a in self.actions(open_only=True):
            if a.meeting_id is not None:
                counts[a.meeting_id] = counts.get(a.meeting_id, 0) + 1
        return counts

    def add_participant(self, meeting_id: int, participant: Participant) -> Participant:
        """Add one person to a meeting (the convene stage needs them); committed on return."""
        name = participant.name.strip()
        if not name:
            raise UserError("a participant needs a name")
        if not self.store.has_meeting(meeting_id):
            raise UserError("no meeting with id {id}", id=meeting_id)
        p = Participant(name=name, department=participant.department.strip(), role=participant.role.strip())
        p.id = self.store.add_participant(meeting_id, p)
        return p

    def add_note(self, meeting_id: int, text: str, stage: str | None = None) -> int:
        """A free note stored verbatim, without quick-capture parsing.

        The TUI uses it for text still in the input when the app is told to stop
        (SIGTERM, SIGHUP, quit): half-typed lines must not be lost, but must not turn
        into half-formed actions either.
        """
        if not text.strip():
            raise UserError("empty note")
        return self.store.add_note(meeting_id, text, stage)

    def update_responsibility(self, r: Responsibility) -> Responsibility:
        """Save an edited responsibility row; an empty owner means nobody owns it yet."""
        if r.id is None:
            raise UserError("this responsibility has not been saved yet")
        item = r.item.strip()
        if not item:
            raise UserError("a responsibility needs an item")
        if r.status not in ("agreed", "disputed"):
            raise UserError(f"unknown responsibility status {r.status!r}")
        owner = (r.owner or "").strip() or None
        basis = (r.basis or "").strip() or None
        saved = Responsibility(item=item, owner=owner, basis=basis, status=r.status, id=r.id)
        self.store.update_responsibility(saved)
        return saved

    def update_action(self, a: Action, in_meeting: int | None = None) -> Action:
        """Save an edited action row (text, owner, due date, status, reason) and return it
        as stored; blocked and dropped need a reason."""
        from facilitator.model import ACTION_STATUSES

        if a.id is None:
            raise UserError("this action has not been saved yet")
        if not a.action.strip():
            raise UserError("an action needs a description")
        if a.status not in ACTION_STATUSES:
            raise UserError(f"unknown action status {a.status!r}")
        reason = Action.reason_for(a.status, a.reason)
        current = self.store.get_action(a.id)
        current.action = a.action.strip()
        current.owner = (a.owner or "").strip() or None
        current.due = a.due
        current.status = a.status
        current.reason = reason
        self.store.update_action(current, in_meeting=in_meeting)
        return self.store.get_action(a.id)

    def update_item(self, item_id: int, text: str) -> None:
        """Save an edited obstacle, decision or open question."""
        if not text.strip():
            raise UserError("an item needs text")
        self.store.update_item(item_id, " ".join(text.split()))

    def delete_item(self, item_id: int) -> Removed:
        """Delete an obstacle, decision or question; :meth:`restore` undoes it."""
        return self.store.delete_row("items", item_id)

    def delete_responsibility(self, row_id: int) -> Removed:
        return self.store.delete_row("responsibilities", row_id)

    def uncapture(self, recorded: list[Recorded]) -> int:
        """Undo lines just captured (Ctrl+Z after Enter): each row they added is deleted, a
        lever with the action it made, last line first. Lines that settled or changed a row
        the meeting already held are left alone; how many rows were removed."""
        tables = {"action": "actions", "responsibility": "responsibilities", "lever": "levers",
                  "decision": "items", "question": "items", "obstacle": "items", "note": "notes"}
        removed = 0
        for r in reversed(recorded):
            if r.captured is None or r.outcome != "added" or r.captured.kind not in tables:
                continue
            gone = self.store.delete_row(tables[r.captured.kind], r.row_id)
            action_id = gone.rows[0][1].get("action_id") if gone.rows and gone.table == "levers" else None
            if action_id is not None:  # the action a lever's owner made goes with it
                self.store.delete_row("actions", int(action_id))
            removed += bool(gone.rows)
        return removed

    def restore(self, removed: Removed) -> int:
        """Undo a delete: the row back in its place, with its history and links; its id."""
        return self.store.restore_row(removed)

    def responsibility_history(self, row_id: int) -> list[Responsibility]:
        return self.store.responsibility_history(row_id)

    def set_obstacle_kind(self, item_id: int, kind: str) -> str:
        return self.casework.set_obstacle_kind(item_id, kind)

    def save_lever(self, meeting_id: int, lever: Lever, in_meeting: int | None = None) -> Lever:
        return self.casework.save_lever(meeting_id, lever, in_meeting)

    def save_stage_time(self, meeting_id: int, stage: str, seconds: float) -> None:
        """Persist the time spent in one agenda stage, so a restart resumes the clock."""
        self.store.save_stage_time(meeting_id, stage, max(0.0, seconds))

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

    def save_draft(self, meeting_id: int, markdown: str, mode: str = "edited") -> int:
        """Keep a draft the user edited or accepted with the meeting; committed on return."""
        if not self.store.has_meeting(meeting_id):
            raise UserError("no meeting with id {id}", id=meeting_id)
        return self.store.add_draft(meeting_id, DraftRecord(mode=mode, markdown=markdown))

    def export_file(self, meeting_id: int, fmt: str = "md") -> Path:
        """Write ``export(meeting_id, fmt)`` to the home's ``exports/`` folder (atomically)."""
        from facilitator.files import write_text_atomic

        text = self.export(meeting_id, fmt)
        meeting = self.store.get_meeting(meeting_id)
        folder = locations.exports_dir(self.home)
        folder.mkdir(parents=True, exist_ok=True)
        day = meeting.date.isoformat() if meeting.date else "undated"
        return write_text_atomic(folder / f"meeting-{meeting_id}-{day}.{fmt}", text)

    def followups_dir(self) -> Path:
        """Where the TUI writes one follow-up message per owner (``exports/followup``)."""
        return locations.followups_dir(self.home)

    def log_error(self, text: str) -> Path | None:
        """Append an error report to the home's ``logs/tui.log`` with any API key masked."""
        from facilitator.files import append_log
        from facilitator.redact import scrub

        text = scrub(text, self.settings.smtp_password)
        try:
            return append_log(locations.log_path(self.home, "tui"), text, self.settings.llm_api_key)
        except OSError:
            return None
