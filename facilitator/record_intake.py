"""Part of the ``record`` use case: what comes into a meeting's record from outside the
keyboard — a transcript or notes file, a recording, the microphone.

Kept beside ``record.py`` (``Record`` inherits it) so the record's edits stay one short
file; the speech engine and the importer are imported inside the methods that use them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from facilitator import locations
from facilitator.config import Settings
from facilitator.language import guess_language
from facilitator.model import Cue, Meeting, Participant, Recorded, Transcript

if TYPE_CHECKING:
    from facilitator.importing import ImportResult
    from facilitator.speech import Engine, Heard
    from facilitator.speech.live import Listener as Listener
    from facilitator.speech.sources import AudioSource
    from facilitator.store import Store


class Intake:
    """Import and live listening; needs the record's home, settings, store and rules."""

    home: Path
    settings: Settings
    audio_source: Callable[[], AudioSource] | None

    @property
    def store(self) -> Store:
        raise NotImplementedError

    def open_meeting(self, meeting_id: int) -> Meeting:
        raise NotImplementedError

    def unsaved_meeting(self, title: str, customer: str = "", order: str = "", on: date | None = None,
                        deadline: date | None = None, language: str | None = None,
                        participants: list[Participant] | None = None, goal: str = "") -> Meeting:
        raise NotImplementedError

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

        def hear(recording: Path, language: str | None, meeting: Meeting | None) -> Heard:
            from facilitator.speech.recording import transcribe_file

            if language is None and new_title and guess_language(new_title + customer, "en") == "zh":
                language = "zh"  # a meeting titled in Chinese is held in Chinese: no detection

            return transcribe_file(self.speech_engine(), recording, language,
                                   hotwords=self.hotwords(meeting), progress=on_progress)

        def unsaved(opening: str) -> Meeting:
            return self.unsaved_meeting(new_title or "", customer=customer, order=order, on=on,
                                        language=guess_language(opening, self.settings.language))

        target = None if meeting_id is None and new_title is None else lambda: self.store
        return import_file(path, target, meeting_id, unsaved, again=again, max_bytes=max_bytes, on_cue=on_cue,
                           hear=hear)

    def listener(self, meeting_id: int, on_cue: Callable[[Cue], None], *,
                 on_error: Callable[[str], None] | None = None, source: AudioSource | None = None) -> Listener:
        """A ``speech.live.Listener`` for this meeting, not started: its sound goes to a new WAV
        in the meeting's recordings folder, its cues to ``on_cue`` (on the transcribing
        thread: record them with :meth:`record_heard` from the thread that owns the store).
        ``source``: an ``AudioSource``; default ``listen_source()``, the microphone."""
        import time as clock

        from facilitator.speech.live import Listener

        meeting = self.open_meeting(meeting_id)
        folder = locations.recordings_dir(self.home, meeting_id)
        path = folder / clock.strftime("%Y%m%d-%H%M%S.wav")
        n = 1
        while path.exists():
            n += 1
            path = folder / clock.strftime(f"%Y%m%d-%H%M%S-{n}.wav")
        return Listener(source if source is not None else self.listen_source(), self.speech_engine(), path,
                        on_cue, language=meeting.language, hotwords=self.hotwords(meeting), on_error=on_error)

    def listen_source(self) -> AudioSource:
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

        meeting = self.open_meeting(meeting_id)
        # what the extractor understands in it is asked for apart (``suggest``, in a worker:
        # the screen's typing must not wait for the extractor)
        return self.store.record_lines(meeting_id, [cue_captured(cue, meeting.date, self.owner_names(meeting))],
                                       stage or meeting.stage)[0]

    def owner_names(self, meeting: Meeting) -> list[str]:
        """The names a lever's ``@OWNER`` of several words may be (``@Anna Berg``) in this
        meeting: its participants, the ``[people]`` entries and the user."""
        return [p.name for p in meeting.participants] + self.settings.known_owners()

    def speech_engine(self) -> Engine:
        """The ``[speech]`` engine (``facilitator.speech.engines``)."""
        from facilitator.speech.engines import engine_for

        return engine_for(self.settings.speech)

    def hotwords(self, meeting: Meeting | None) -> str | None:
        """The meeting's names and terms for the recognizer, when ``[speech] hotwords`` is on."""
        if meeting is None or not self.settings.speech.hotwords:
            return None
        from facilitator.speech.terms import meeting_terms

        return meeting_terms(meeting) or None
