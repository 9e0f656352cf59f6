"""The registry of speech engines: a ``[speech]`` setting's kind -> the engine that serves it.

A new engine is one module with a class that meets :class:`facilitator.speech.Engine`
and one line here. Engines are kept per process (a Whisper model takes ~2 s and ~600 MB
to load), so a second recording, or the live pipeline after an import, reuses the first.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from facilitator.speech import Engine

if TYPE_CHECKING:
    from facilitator.config import SpeechSettings


def _base(s: SpeechSettings) -> Engine:
    from facilitator.speech.whisper import WhisperEngine

    return WhisperEngine()


def _folder(s: SpeechSettings) -> Engine:
    from facilitator.model import UserError
    from facilitator.speech.whisper import WhisperEngine

    if not s.path:
        raise UserError("[speech] engine = \"folder\" needs path = \"a CTranslate2 Whisper model folder\"")
    return WhisperEngine(Path(s.path))


def _endpoint(s: SpeechSettings) -> Engine:
    from facilitator.model import UserError
    from facilitator.speech.endpoint import EndpointEngine

    if not s.url:
        raise UserError("[speech] engine = \"endpoint\" needs url = \"http://host:port/v1\"")
    return EndpointEngine(s)


ENGINES: dict[str, Callable[[SpeechSettings], Engine]] = {
    "whisper-base": _base,
    "folder": _folder,
    "endpoint": _endpoint,
}

_made: dict[SpeechSettings, Engine] = {}
_lock = threading.Lock()


def engine_for(settings: SpeechSettings) -> Engine:
    """The engine these settings name, made once per process (not loaded until used)."""
    with _lock:
        if settings not in _made:
            _made[settings] = ENGINES[settings.kind](settings)
        return _made[settings]
