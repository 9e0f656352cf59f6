"""Recordings and the microphone to cues: speech engines behind one small interface.

A meeting recording (``facilitator import meeting.m4a``) and the live meeting screen both
need the same thing: sound in, timed lines of text out. Which engine turns one into the
other is the user's choice (``[speech]`` in config.toml): the Whisper base model shipped in
two PyPI packages (the default, offline), a larger CTranslate2 model folder the user already
has, or an OpenAI-compatible ``/v1/audio/transcriptions`` endpoint. Callers hold an
:class:`Engine` and never ask which one it is; :mod:`facilitator.speech.engines` maps the
names to them.

Nothing heavy is imported here: faster-whisper, PyAV and openai load inside the engines.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import numpy as np

SAMPLE_RATE = 16_000
"""Every engine hears 16 kHz mono float32 samples, as Whisper was trained on."""


@dataclass
class Segment:
    """One stretch of speech: seconds from the start of the audio handed to the engine."""

    start: float
    end: float
    text: str


@dataclass
class Heard:
    """What an engine made of some audio: its segments and the language it heard (or was told)."""

    segments: list[Segment] = field(default_factory=list)
    language: str | None = None
    duration: float = 0.0


Progress = Callable[[float, float], None]
"""Called as segments arrive with (seconds transcribed, seconds in all)."""


class Engine(Protocol):
    """A speech-to-text engine. ``name`` is what ``doctor`` shows."""

    name: str

    def load(self) -> None:
        """Load the model (or check the endpoint's settings); raises ``UserError`` with one line."""

    def transcribe(self, audio: np.ndarray, language: str | None = None, *,
                   hotwords: str | None = None, progress: Progress | None = None) -> Heard:
        """Text of ``audio`` (16 kHz mono float32); ``language`` ``zh``/``en`` forces it."""
        ...
