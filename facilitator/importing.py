"""Importing a transcript or notes file into a meeting, in memory that does not grow with it.

A meeting's notes are a few hundred kilobytes, but users paste whole exported chats and
recordings' transcripts too: a 50 MB file once took ten minutes and 1.4 GB. So the file
is never held whole. It is checked first (size limit, encoding, binary data, content
hash), then read once for its cues and once more inside the store's single transaction
that writes its items (and, for ``import --new``, the meeting itself): a stopped import
leaves nothing behind, and the same content is not imported into one meeting twice.

A recording (WAV, MP3, M4A, OGG, FLAC, WebM) takes the same road: it is transcribed first
(nothing is written while that runs, so Ctrl+C leaves nothing behind), and its cues are
read as a WebVTT transcript held in memory, so cues from sound and cues from a caption
file become the same notes in the same one transaction.
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from facilitator.model import Cue, Meeting, Participant, Transcript
from facilitator.textsafe import name_of

if TYPE_CHECKING:
    from facilitator.speech import Heard
    from facilitator.store import Store

Hear = Callable[[Path, "str | None", "Meeting | None"], "Heard"]
"""Transcribes a recording: (path, the meeting's language or None, the meeting or None)."""

MAX_SPEAKERS_SHOWN = 30
"""Speakers remembered for the import summary line; a huge file must not grow this."""


@dataclass
class ImportResult:
    transcript: Transcript
    meeting_id: int | None = None
    recorded: dict[str, int] = field(default_factory=dict)
    cue_count: int = 0
    speakers: set[str] = field(default_factory=set)
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
    from facilitator.notesfile import iter_captured
    from facilitator.speech.audio import is_recording
    from facilitator.store import ImportedFile

    limit = transcripts.DEFAULT_MAX_MB * 1_000_000 if max_bytes == -1 else max_bytes
    source: transcripts.SourceFile | RecordingSource
    language: str | None = None
    if hear is not None and is_recording(path):
        known = store().get_meeting(meeting_id) if store is not None and meeting_id is not None else None
        source = recording_source(path, hear(path, known.language if known else None, known))
        language = source.language
    else:
        source = transcripts.open_source(path, limit)
    warnings: list[str] = []
    kept: list[Cue] = []
    result = ImportResult(Transcript(cues=kept, warnings=warnings, format=source.format,
                                     encoding=source.encoding), language=language)
    for cue in transcripts.iter_cues(source.lines(), source.format, source.name, warnings):
        result.cue_count += 1
        cue.language = language
        if cue.speaker and len(result.speakers) < MAX_SPEAKERS_SHOWN:
            result.speakers.add(cue.speaker)
        if on_cue is None:
            kept.append(cue)
        else:
            on_cue(cue)
    if store is None:
        return result
    meeting = store().get_meeting(meeting_id) if meeting_id is not None else new_meeting(opening(source.lines()))
    people: list[Participant] = []
    captured = iter_captured(
        source.format, source.lines(),
        transcripts.iter_cues(source.lines(), source.format, source.name, []), meeting.date, people)
    result.meeting_id, result.recorded = store().import_stream(
        meeting, captured, people, ImportedFile(source.sha256, name_of(path.name), source.size), again=again)
    return result
