"""Importing a transcript or notes file into a meeting, in memory that does not grow with it.

A meeting's notes are a few hundred kilobytes, but users paste whole exported chats and
recordings' transcripts too: a 50 MB file once took ten minutes and 1.4 GB. So the file
is never held whole. It is checked first (size limit, encoding, binary data, content
hash), then read once for its cues and once more inside the store's single transaction
that writes its items (and, for ``import --new``, the meeting itself): a stopped import
leaves nothing behind, and the same content is not imported into one meeting twice.

Its speakers become the meeting's people (``王强（销售）`` with their department), and what
the extractor understands in its cues is stored, in the same transaction, as pending
suggestions for the facilitator to accept or dismiss. The extractor reads the cues in
chunks of ``EXTRACT_CHUNK``, so a huge file still costs bounded memory.

A recording (WAV, MP3, M4A, OGG, FLAC, WebM) takes the same road: it is transcribed first
(nothing is written while that runs, so Ctrl+C leaves nothing behind), and its cues are
read as a WebVTT transcript held in memory, so cues from sound and cues from a caption
file become the same notes in the same one transaction.
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from facilitator.model import Cue, Meeting, Suggestion, Transcript
from facilitator.textsafe import name_of

if TYPE_CHECKING:
    from facilitator.speech import Heard
    from facilitator.store import Store

Hear = Callable[[Path, "str | None", "Meeting | None"], "Heard"]
"""Transcribes a recording: (path, the meeting's language or None, the meeting or None)."""

MAX_SPEAKERS_SHOWN = 30
"""Speakers remembered for the import summary line; a huge file must not grow this."""
MAX_SPEAKERS_KEPT = 300
"""Speakers that become participants; past this a file's "speakers" are not people."""
EXTRACT_CHUNK = 4000
"""Cues the extractor reads at once (a meeting of several hours fits in one)."""
EXTRACT_MAX_CHARS = 400_000
"""Characters of cue text the extractor reads in one import: a day of meetings (a one-hour
meeting says some 60k). It reads some 20k characters a second on a busy 2-core machine, so a
50 MB paste would otherwise hold the import for many minutes; the rest is still imported
as notes, and a warning says where suggestions stopped."""


@dataclass
class ImportResult:
    transcript: Transcript
    meeting_id: int | None = None
    recorded: dict[str, int] = field(default_factory=dict)
    cue_count: int = 0
    speakers: set[str] = field(default_factory=set)
    suggestions: list[Suggestion] = field(default_factory=list)
    """What the extractor found (with a meeting: those new to it, stored as pending)."""
    language: str | None = None
    """For a recording: the language heard (or forced)."""


def opening(lines: Iterator[str], chars: int = 20_000) -> str:
    """The first ``chars`` characters of a file's lines: enough to tell its language."""
    taken: list[str] = []
    size = 0
    for line in lines:
        taken.append(line)
        size += len(line)
        if size >= chars:
            break
    return "\n".join(taken)


def _clock(seconds: float) -> str:
    ms = round(seconds * 1000)
    return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


@dataclass
class RecordingSource:
    """A transcribed recording, read like a checked WebVTT file (``transcripts.SourceFile``)."""

    path: Path
    name: str
    size: int
    sha256: str
    language: str | None
    vtt: list[str]
    encoding: str = "audio"
    format: str = "vtt"

    def lines(self) -> Iterator[str]:
        return iter(self.vtt)


def recording_source(path: Path, heard: Heard) -> RecordingSource:
    """``heard`` as WebVTT lines; the content hash is the recording's own."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    vtt = ["WEBVTT", ""]
    for seg in heard.segments:
        vtt += [f"{_clock(seg.start)} --> {_clock(max(seg.end, seg.start))}",
                html.escape(" ".join(seg.text.split()), quote=False), ""]
    return RecordingSource(path, str(path), path.stat().st_size, digest.hexdigest(), heard.language, vtt)


def import_file(
    path: Path,
    store: Callable[[], Store] | None,
    meeting_id: int | None,
    new_meeting: Callable[[str], Meeting],
    *,
    again: bool = False,
    max_bytes: int | None = -1,
    on_cue: Callable[[Cue], None] | None = None,
    hear: Hear | None = None,
) -> ImportResult:
    """Parse ``path``; with a ``store``, record it into meeting ``meeting_id`` or, when that
    is None, into the unsaved meeting ``new_meeting(opening text)`` returns.

    ``max_bytes``: -1 for ``transcripts.DEFAULT_MAX_MB``, None for no limit. The cues are
    kept in ``result.transcript.cues``, or handed to ``on_cue`` one by one so that nothing
    grows with the file. Raises ``AlreadyImported`` for content already imported into the
    meeting unless ``again``. A recording (``speech.audio.is_recording``) is transcribed by
    ``hear`` first, in the language of meeting ``meeting_id`` when there is one.
    """
    from facilitator import transcripts
    from facilitator.extract import extract
    from facilitator.notesfile import (
        add_people,
        iter_captured,
        participants_in,
        speaker_participant,
    )
    from facilitator.speech.audio import is_recording
    from facilitator.store import ImportedFile

    limit = transcripts.DEFAULT_MAX_MB * 1_000_000 if max_bytes == -1 else max_bytes
    source: transcripts.SourceFile | RecordingSource
    language: str | None = None
    if hear is not None and is_recording(path):
        target = store().get_meeting(meeting_id) if store is not None and meeting_id is not None else None
        source = recording_source(path, hear(path, target.language if target else None, target))
        language = source.language
    else:
        source = transcripts.open_source(path, limit)
    warnings: list[str] = []
    kept: list[Cue] = []
    result = ImportResult(Transcript(cues=kept, warnings=warnings, format=source.format,
                                     encoding=source.encoding), language=language)
    meeting: Meeting | None = None
    if store is not None:
        meeting = store().get_meeting(meeting_id) if meeting_id is not None else new_meeting(opening(source.lines()))
    people = list(meeting.participants) if meeting is not None else []
    known = len(people)
    plain = source.format in ("txt", "md")
    chunk: list[Cue] = []
    chunk_start = 0
    read_chars = 0

    def read_chunk() -> None:
        nonlocal chunk_start
        if meeting is not None and chunk:
            found = extract(chunk, meeting_date=meeting.date, participants=people, language=meeting.language)
            result.suggestions += [replace(s, cues=tuple(i + chunk_start for i in s.cues)) for s in found]
        chunk_start += len(chunk)
        chunk.clear()

    for cue in transcripts.iter_cues(source.lines(), source.format, source.name, warnings):
        result.cue_count += 1
        cue.language = language
        attendees = participants_in(f"{cue.speaker}: {cue.text}" if cue.speaker else cue.text) if plain else []
        if attendees:  # an attendee line is still read
            add_people(people, attendees)
        elif cue.speaker:
            if len(result.speakers) < MAX_SPEAKERS_SHOWN:
                result.speakers.add(cue.speaker)
            person = speaker_participant(cue.speaker)
            if person is not None and len(people) < MAX_SPEAKERS_KEPT:
                add_people(people, [person])
        if on_cue is None:
            kept.append(cue)
        else:
            on_cue(cue)
        if meeting is not None and read_chars < EXTRACT_MAX_CHARS:
            chunk.append(cue)
            read_chars += len(cue.text)
            if read_chars >= EXTRACT_MAX_CHARS:
                warnings.append(f"suggestions were looked for in the first {result.cue_count} cues only"
                                f" ({EXTRACT_MAX_CHARS:,} characters); the rest is imported as notes")
            if len(chunk) >= EXTRACT_CHUNK or read_chars >= EXTRACT_MAX_CHARS:
                read_chunk()
    read_chunk()
    if store is None or meeting is None:
        return result
    # the attendee lines and speakers were found in the first pass (``people``), so those
    # ``iter_captured`` meets again as it writes are not needed
    captured = iter_captured(
        source.format, source.lines(),
        transcripts.iter_cues(source.lines(), source.format, source.name, []), meeting.date, [])
    result.meeting_id, result.recorded = store().import_stream(
        meeting, captured, people[known:], ImportedFile(source.sha256, name_of(path.name), source.size),
        again=again, suggestions=result.suggestions)
    result.suggestions = store().suggestions(result.meeting_id)
    return result
