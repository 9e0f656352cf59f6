"""Speech fixtures: the committed espeak-ng clips with their texts, and the one real engine.

The Whisper base model is loaded once per test session (``engine_for`` keeps it per
process), so every test here runs the real recognizer at the cost of one load.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator.config import SpeechSettings
from facilitator.speech import Engine
from facilitator.speech.engines import engine_for

CLIPS = Path(__file__).resolve().parents[1] / "data" / "speech"
EN = CLIPS / "en.ogg"
ZH = CLIPS / "zh.m4a"


def lines(name: str) -> list[str]:
    return (CLIPS / name).read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="session")
def engine() -> Engine:
    e = engine_for(SpeechSettings())
    e.load()
    return e
