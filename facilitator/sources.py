"""A file handed to ``import`` or ``draft --from``: read and decoded once, then seen as a meeting.

Both the offline and the LLM drafter start from the same transient meeting; the LLM
drafter also wants a transcript's spoken lines with their times and speakers. This
module builds both from one read of the file, so neither drafter parses it again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from facilitator.model import Cue, Meeting, Transcript

__all__ = ["FileSource", "cue_line", "notes_meeting", "read_file", "read_source"]


def read_file(path: Path) -> tuple[Transcript, str]:
    """The parsed transcript and the decoded text of ``path`` (one read from disk), within
    the import size limit (``transcripts.DEFAULT_MAX_MB``)."""
    from facilitator import transcripts

    source = transcripts.open_source(path)
    return transcripts.read_transcript(source), "\n".join(source.lines())


def cue_line(cue: Cue) -> str:
    """A spoken line as the record keeps it: ``[mm:ss] speaker: text``."""
    stamp = f"[{int(cue.start // 60):02d}:{int(cue.start % 60):02d}] " if cue.start is not None else ""
    return f"{stamp}{cue.speaker + ': ' if cue.speaker else ''}{cue.text}"


@dataclass
class FileSource:
    """What one notes or transcript file holds, for drafting."""

    meeting: Meeting
    transcript: Transcript
    spoken: list[str] = field(default_factory=list)
    """A transcript's cues that are not quick-capture lines, as ``cue_line`` gives them."""


def _notes_meeting(path: Path, transcript: Transcript, text: str, on: date | None) -> Meeting:
    from facilitator.capture import parse_line
    from facilitator.extract import extract
    from facilitator.extract.minutes_attendees import attendees
    from facilitator.importing import EXTRACT_MAX_CHARS
    from facilitator.notesfile import (
        add_people,
        meeting_from_notes,
        participants_in,
        speaker_participant,
    )

    if transcript.format not in ("txt", "md"):
        # a spoken quick-capture line keeps its marker at the start; other cues keep the speaker
        text = "\n".join(
            f"{c.speaker}: {c.text}" if c.speaker and parse_line(c.text, on).kind == "note" else c.text
            for c in transcript.cues
        )
    meeting, _ = meeting_from_notes(text, on)
    if not meeting.title:
        meeting.title = path.stem
    plain = transcript.format in ("txt", "md")
    # a page's attendee list (参会单位及人员： / - 施工单位：江海涛、施红) names people by unit;
    # its lines are not speakers, or the units would be listed as people
    listed, block = attendees(transcript.cues) if plain else ([], set())
    add_people(meeting.participants, listed)
    for index, cue in enumerate(transcript.cues):  # speakers are people too, after those an attendee line names
        if index in block:
            continue
        if cue.speaker and not (plain and participants_in(f"{cue.speaker}: {cue.text}")):
            person = speaker_participant(cue.speaker)
            if person is not None:
                add_people(meeting.participants, [person])
    # what the extractor understands is offered as suggestions, as an import into a meeting would
    read, chars = [], 0
    for cue in transcript.cues:  # the same bound as an import (a day of meetings)
        if chars >= EXTRACT_MAX_CHARS:
            break
        read.append(cue)
        chars += len(cue.text)
    meeting.suggestions = extract(read, meeting_date=meeting.date, participants=meeting.participants,
                                  language=meeting.language)
    return meeting


def notes_meeting(path: Path, on: date | None = None) -> Meeting:
    """The transient meeting of a notes or transcript file (the offline ``draft --from``)."""
    transcript, text = read_file(path)
    return _notes_meeting(path, transcript, text, on)


def read_source(path: Path, on: date | None = None) -> FileSource:
    """The transient meeting of a notes file, or of a transcript with its spoken lines."""
    from facilitator.capture import parse_line

    transcript, text = read_file(path)
    meeting = _notes_meeting(path, transcript, text, on)
    if transcript.format in ("txt", "md"):
        return FileSource(meeting, transcript)
    meeting.notes = []  # the cues, kept in ``spoken`` with their times and speakers
    meeting.title = path.stem  # a transcript has no header: its first cue is no title
    spoken = [cue_line(c) for c in transcript.cues if parse_line(c.text, meeting.date).kind == "note"]
    return FileSource(meeting, transcript, spoken)
