"""Importing a transcript or notes file into a meeting, in memory that does not grow with it.

A meeting's notes are a few hundred kilobytes, but users paste whole exported chats and
recordings' transcripts too: a 50 MB file once took ten minutes and 1.4 GB. So the file
is never held whole. It is checked first (size limit, encoding, binary data, content
hash), then read once for its cues and once more inside the store's single transaction
that writes its items (and, for ``import --new``, the meeting itself): a stopped import
leaves nothing behind, and the same content is not imported into one meeting twice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from facilitator.model import Cue, Meeting, Participant, Transcript
from facilitator.textsafe import name_of

if TYPE_CHECKING:
    from facilitator.store import Store

MAX_SPEAKERS_SHOWN = 30
"""Speakers remembered for the import summary line; a huge file must not grow this."""


@dataclass
class ImportResult:
    transcript: Transcript
    meeting_id: int | None = None
    recorded: dict[str, int] = field(default_factory=dict)
    cue_count: int = 0
    speakers: set[str] = field(default_factory=set)


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


def import_file(
    path: Path,
    store: Callable[[], Store] | None,
    meeting_id: int | None,
    new_meeting: Callable[[str], Meeting],
    *,
    again: bool = False,
    max_bytes: int | None = -1,
    on_cue: Callable[[Cue], None] | None = None,
) -> ImportResult:
    """Parse ``path``; with a ``store``, record it into meeting ``meeting_id`` or, when that
    is None, into the unsaved meeting ``new_meeting(opening text)`` returns.

    ``max_bytes``: -1 for ``transcripts.DEFAULT_MAX_MB``, None for no limit. The cues are
    kept in ``result.transcript.cues``, or handed to ``on_cue`` one by one so that nothing
    grows with the file. Raises ``AlreadyImported`` for content already imported into the
    meeting unless ``again``.
    """
    from facilitator import transcripts
    from facilitator.notesfile import iter_captured
    from facilitator.store import ImportedFile

    limit = transcripts.DEFAULT_MAX_MB * 1_000_000 if max_bytes == -1 else max_bytes
    source = transcripts.open_source(path, limit)
    warnings: list[str] = []
    kept: list[Cue] = []
    result = ImportResult(Transcript(cues=kept, warnings=warnings, format=source.format,
                                     encoding=source.encoding))
    for cue in transcripts.iter_cues(source.lines(), source.format, source.name, warnings):
        result.cue_count += 1
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
