"""An OpenAI-compatible ``/v1/audio/transcriptions`` endpoint as a speech engine.

For users who run a better recognizer than Whisper base as a server (FunASR or
whisper.cpp speak this API locally; OpenAI and others remotely). Audio goes out through
the same ``openai`` client the drafts use, as 16 kHz 16-bit WAV made in memory, in
pieces of at most ten minutes (25 MB is a common upload limit). ``verbose_json`` is asked
for, to get timed segments; a server that answers plain ``json`` gives one cue per piece.
The key comes from ``FACILITATOR_SPEECH_API_KEY`` only; a local server takes none.
"""

from __future__ import annotations

import io
import wave
from typing import TYPE_CHECKING

from facilitator.model import UserError
from facilitator.speech import SAMPLE_RATE, Engine, Heard, Progress, Segment
from facilitator.speech.chinese import to_simplified

if TYPE_CHECKING:
    import numpy as np
    from openai import OpenAI

    from facilitator.config import SpeechSettings

PIECE_SECONDS = 600
LANGUAGE_NAMES = {"english": "en", "chinese": "zh", "mandarin": "zh", "cantonese": "yue"}


def wav_bytes(audio: np.ndarray) -> bytes:
    """``audio`` (float32, -1..1) as a 16-bit mono WAV file's bytes."""
    import numpy as np

    pcm = (np.clip(audio, -1.0, 1.0) * 32767).astype("<i2").tobytes()
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(SAMPLE_RATE)
        w.writeframes(pcm)
    return out.getvalue()


class EndpointEngine:
    def __init__(self, settings: SpeechSettings) -> None:
        self.settings = settings
        self.name = f"endpoint {settings.url} (model {settings.model})"
        self._client: OpenAI | None = None

    def load(self) -> None:
        self.client()

    def client(self) -> OpenAI:
        """The endpoint's client, made on first use (openai is imported then, not before)."""
        if self._client is not None:
            return self._client
        if not self.settings.url.startswith(("http://", "https://")):
            raise UserError("[speech] url must start with http:// or https://, not {url!r}", url=self.settings.url)
        import openai

        self._client = openai.OpenAI(base_url=self.settings.url, api_key=self.settings.api_key.get_secret_value() or "none",
                                     timeout=self.settings.timeout, max_retries=1)
        return self._client

    def transcribe(self, audio: np.ndarray, language: str | None = None, *,
                   hotwords: str | None = None, progress: Progress | None = None) -> Heard:
        import openai

        client = self.client()
        step = PIECE_SECONDS * SAMPLE_RATE
        heard = Heard(language=language, duration=audio.size / SAMPLE_RATE)
        for first in range(0, max(audio.size, 1), step):
            piece = audio[first:first + step]
            offset = first / SAMPLE_RATE
            try:
                reply = client.audio.transcriptions.create(
                    model=self.settings.model, file=("audio.wav", wav_bytes(piece), "audio/wav"),
                    response_format="verbose_json", language=language or openai.omit,
                    prompt=hotwords or openai.omit)
            except openai.APIStatusError as exc:
                raise UserError("speech endpoint {url}: HTTP {code}", url=self.settings.url, code=exc.status_code) from None
            except openai.APIError as exc:
                raise UserError("speech endpoint {url}: {kind}", url=self.settings.url, kind=type(exc).__name__) from None
            said = getattr(reply, "language", None) or heard.language
            heard.language = LANGUAGE_NAMES.get(str(said).lower(), said) if said else None
            parts = getattr(reply, "segments", None) or []
            if not parts and (reply.text or "").strip():
                parts = [Segment(0.0, piece.size / SAMPLE_RATE, reply.text)]
            for part in parts:
                text = str(part.text).strip()
                if text:
                    heard.segments.append(Segment(offset + float(part.start), offset + float(part.end),
                                                  to_simplified(text)))
            if progress is not None:
                progress(min(offset + piece.size / SAMPLE_RATE, heard.duration), heard.duration)
        return heard


def probe(engine: Engine) -> str | None:
    """Why the endpoint does not answer (one short phrase), or None when it does.

    Asks for ``/models``: a server without that route (404) still answered."""
    import openai

    assert isinstance(engine, EndpointEngine), "probe is for a speech endpoint"
    client = engine.client()
    try:
        client.with_options(timeout=5.0, max_retries=0).models.list()
    except openai.APIStatusError as exc:
        return None if exc.status_code in (404, 405) else f"HTTP {exc.status_code}"
    except openai.APIError as exc:
        return f"does not answer ({type(exc).__name__})"
    return None
