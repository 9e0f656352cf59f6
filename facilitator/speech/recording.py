"""A recording file to heard text, with the checks that come before any transcribing.

Shared by ``facilitator import RECORDING`` and by transcribing a meeting's own recording
again: decode with PyAV, refuse a file that is not sound, is silent or holds no speech
the voice detector can hear (Whisper invents text for silence), then transcribe.
"""

from __future__ import annotations

from pathlib import Path

from facilitator.model import UserError
from facilitator.speech import Engine, Heard, Progress
from facilitator.speech.audio import decode, has_speech


def transcribe_file(engine: Engine, path: Path, language: str | None = None, *,
                    hotwords: str | None = None, progress: Progress | None = None) -> Heard:
    """What ``engine`` hears in the recording at ``path``; ``UserError`` when there is nothing."""
    samples = decode(path)
    if not has_speech(samples):
        raise UserError(f"{path}: no speech heard in the recording")
    engine.load()
    heard = engine.transcribe(samples, language, hotwords=hotwords, progress=progress)
    if not heard.segments:
        raise UserError(f"{path}: no speech heard in the recording")
    if progress is not None:
        progress(heard.duration, heard.duration)
    return heard
