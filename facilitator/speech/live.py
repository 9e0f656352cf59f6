"""Live listening: sound in, written to disk as it comes, cut at pauses, cues out.

One thread takes blocks from an :class:`~facilitator.speech.sources.AudioSource` (the
microphone, or a file at real-time pace), appends them to the meeting's WAV file and
watches the sound since the last cut with Silero's voice detector (shipped inside
faster-whisper). When an utterance is followed by a pause, it is handed to a second
thread that transcribes it, so hearing never waits for the engine and the engine never
misses sound. Each cue carries seconds from the start of the recording. ``stop`` stops
hearing, cuts whatever speech is left, and returns once every cue has been delivered.

``on_cue`` runs on the transcribing thread; a UI passes it on to its own thread.
"""

from __future__ import annotations

import bisect
import queue
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from facilitator.model import Cue, UserError
from facilitator.speech import SAMPLE_RATE, Engine
from facilitator.speech.wavfile import WavWriter

if TYPE_CHECKING:
    import numpy as np

    from facilitator.speech.sources import AudioSource

_Utterance = tuple["np.ndarray", int, int]
"""A piece of speech to transcribe: its samples, and where it starts and ends in the recording."""

PAUSE = 0.4
"""Seconds of silence that end an utterance: short enough for a cue within ~3 s of it."""
CHECK_EVERY = 0.2
"""Seconds of new sound between looks by the voice detector."""
LONGEST = 20.0
"""An utterance longer than this is cut at its last pause anyway (Whisper hears 30 s at most)."""
PAD = 0.3
"""Seconds of sound kept on each side of detected speech: less clips first and last words
("by Friday" came out "my Friday" at 0.15 s)."""
KEEP_QUIET = 0.5
"""Seconds of silence kept before the next speech, so its first syllable is not clipped."""


class Listener:
    def __init__(self, source: AudioSource, engine: Engine, recording: Path,
                 on_cue: Callable[[Cue], None], *, language: str | None = None,
                 hotwords: str | None = None, on_error: Callable[[str], None] | None = None) -> None:
        self.source = source
        self.engine = engine
        self.recording = recording
        self.on_cue = on_cue
        self.on_error = on_error
        self.language = language
        self.hotwords = hotwords
        self.latencies: list[float] = []
        """Seconds from the end of each utterance's speech reaching us to its cue being delivered."""
        self._utterances: queue.Queue[_Utterance | None] = queue.Queue()
        self._arrivals: list[tuple[int, float]] = []  # (samples heard so far, when)
        self._hearing: threading.Thread | None = None
        self._transcribing: threading.Thread | None = None
        self._writer: WavWriter | None = None

    @property
    def seconds(self) -> float:
        """Seconds of sound written to the recording so far."""
        return self._writer.seconds if self._writer is not None else 0.0

    @property
    def busy(self) -> bool:
        """Still hearing or still transcribing what was heard."""
        return any(t is not None and t.is_alive() for t in (self._hearing, self._transcribing))

    # -- control ------------------------------------------------------------------

    def start(self) -> None:
        """Open the source and the recording file; ``UserError`` (one line) when it cannot."""
        self.source.open()
        try:
            self._writer = WavWriter(self.recording)
        except OSError as exc:
            self.source.stop()
            raise UserError("{path}: cannot write the recording ({why})", path=self.recording,
                            why=exc.strerror or exc) from None
        self.engine.load()
        self._hearing = threading.Thread(target=self._hear, name="listen-hear", daemon=True)
        self._transcribing = threading.Thread(target=self._transcribe, name="listen-transcribe", daemon=True)
        self._hearing.start()
        self._transcribing.start()

    def stop(self) -> None:
        """Stop hearing, transcribe the tail, and return once every cue is out."""
        self.source.stop()
        self.wait()

    def wait(self) -> None:
        """Return once the source has ended (a file played out) and every cue is out."""
        for thread in (self._hearing, self._transcribing):
            if thread is not None:
                thread.join()

    # -- the hearing thread -------------------------------------------------------

    def _hear(self) -> None:
        import numpy as np

        assert self._writer is not None
        pending: list[np.ndarray] = []
        pending_start = 0  # sample index (in the recording) of pending[0]
        heard = 0
        since_check = 0
        try:
            for block in self.source.blocks():
                self._writer.write(block)
                heard += block.size
                self._arrivals.append((heard, time.monotonic()))
                pending.append(block)
                since_check += block.size
                if since_check >= CHECK_EVERY * SAMPLE_RATE:
                    since_check = 0
                    buf = np.concatenate(pending)
                    cut = self._cut(buf, pending_start, final=False)
                    if cut:
                        pending, pending_start = [buf[cut:]], pending_start + cut
            if pending:
                self._cut(np.concatenate(pending), pending_start, final=True)
        except Exception as exc:  # noqa: BLE001 - a device error ends listening, never the app
            if self.on_error:
                self.on_error(f"listening stopped: {exc}")
        finally:
            self._writer.close()
            self._utterances.put(None)

    def _cut(self, buf: np.ndarray, offset: int, final: bool) -> int:
        """Queue the finished speech in ``buf``; the number of samples of it now done with."""
        from faster_whisper.vad import VadOptions, get_speech_timestamps

        spans = get_speech_timestamps(buf, VadOptions(min_silence_duration_ms=int(PAUSE * 1000),
                                                      speech_pad_ms=int(PAD * 1000), min_speech_duration_ms=200))
        if not spans:
            keep = int(KEEP_QUIET * SAMPLE_RATE)
            return max(0, buf.size - keep) if buf.size > 2 * keep else 0
        quiet_tail = buf.size - spans[-1]["end"]
        if final or quiet_tail > int(0.02 * SAMPLE_RATE):  # closed: the pause was heard
            end = spans[-1]["end"]
        elif buf.size > LONGEST * SAMPLE_RATE and len(spans) > 1:
            end = spans[-2]["end"]
        elif buf.size > LONGEST * SAMPLE_RATE:
            end = buf.size
        else:
            return 0
        start = spans[0]["start"]
        self._utterances.put((buf[start:end].copy(), offset + start, offset + end))
        return end

    # -- the transcribing thread --------------------------------------------------

    def _transcribe(self) -> None:
        while (item := self._utterances.get()) is not None:
            audio, first, last = item
            try:
                heard = self.engine.transcribe(audio, self.language, hotwords=self.hotwords)
            except Exception as exc:  # noqa: BLE001 - one failed utterance must not end listening
                if self.on_error:
                    self.on_error(f"an utterance could not be transcribed: {exc}")
                continue
            at = first / SAMPLE_RATE
            for seg in heard.segments:
                self.on_cue(Cue(speaker=None, text=seg.text, start=round(at + seg.start, 2),
                                end=round(min(at + seg.end, last / SAMPLE_RATE), 2),
                                language=heard.language))
            if heard.segments:  # from the end of the speech itself, not of the padding after it
                spoken_end = max(first, last - int(PAD * SAMPLE_RATE))
                self.latencies.append(time.monotonic() - self._arrival(spoken_end))

    def _arrival(self, sample: int) -> float:
        """When the block holding recording sample ``sample`` reached us."""
        i = bisect.bisect_left(self._arrivals, (sample, 0.0))
        return self._arrivals[min(i, len(self._arrivals) - 1)][1]
