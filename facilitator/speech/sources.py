"""Where live sound comes from: the microphone, or a file played at the pace it was recorded.

Both are an :class:`AudioSource`, so the live pipeline (``live.py``) cannot tell them apart:
tests and the bench feed a real recording through exactly the code a microphone goes
through, at real-time pace, on a machine with no sound device at all.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from facilitator.model import UserError
from facilitator.speech import SAMPLE_RATE

if TYPE_CHECKING:
    import numpy as np
    import sounddevice as sd

BLOCK_SECONDS = 0.1


class MicrophoneUnavailable(UserError):
    """Listening cannot start here; ``code`` names why (``speech.microphone.PROBLEMS``, or
    ``cannot_open``) so a screen can say it in its own language."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


class AudioSource(Protocol):
    def open(self) -> None:
        """Start hearing; ``UserError`` with one line when it cannot (no PortAudio, no device)."""

    def blocks(self) -> Iterator[np.ndarray]:
        """16 kHz mono float32 blocks as they arrive; ends soon after ``stop`` (or at a file's end)."""
        ...

    def stop(self) -> None:
        """Stop hearing; blocks already heard are still handed out."""


class FileSource:
    """A recording played at ``pace`` times real time (1.0 in tests: as a microphone would)."""

    def __init__(self, path: Path, pace: float = 1.0) -> None:
        self.path = path
        self.pace = pace
        self._stopped = threading.Event()
        self._samples: np.ndarray | None = None

    def open(self) -> None:
        from facilitator.speech.audio import decode

        self._samples = decode(self.path)

    def blocks(self) -> Iterator[np.ndarray]:
        samples = self._samples
        assert samples is not None, "open() first"
        step = int(SAMPLE_RATE * BLOCK_SECONDS)
        started = time.monotonic()
        for n, first in enumerate(range(0, samples.size, step)):
            due = started + (n + 1) * BLOCK_SECONDS / self.pace
            if self._stopped.wait(max(0.0, due - time.monotonic())):
                return
            yield samples[first:first + step]

    def stop(self) -> None:
        self._stopped.set()


class MicrophoneSource:
    """The default input device through ``sounddevice`` (PortAudio)."""

    def __init__(self) -> None:
        self._queue: queue.Queue[np.ndarray] = queue.Queue()
        self._stream: sd.InputStream | None = None
        self._stopped = threading.Event()

    def open(self) -> None:
        from facilitator.speech.microphone import PROBLEMS, microphone_check

        code = microphone_check()
        if code:
            raise MicrophoneUnavailable(code, PROBLEMS[code])
        import sounddevice as sd

        def heard(data: np.ndarray, frames: int, when: object, status: object) -> None:
            self._queue.put(data[:, 0].copy())

        try:
            self._stream = sd.InputStream(samplerate=SAMPLE_RATE, channels=1, dtype="float32",
                                          blocksize=int(SAMPLE_RATE * BLOCK_SECONDS), callback=heard)
            self._stream.start()
        except Exception as exc:  # noqa: BLE001 - PortAudio's errors carry the device's reason
            raise MicrophoneUnavailable("cannot_open", f"the microphone cannot be opened ({exc}), so listening is off") from None

    def blocks(self) -> Iterator[np.ndarray]:
        while not (self._stopped.is_set() and self._queue.empty()):
            try:
                yield self._queue.get(timeout=0.2)
            except queue.Empty:
                continue

    def stop(self) -> None:
        if self._stream is not None:
            self._stream.stop()
            self._stream.close()
        self._stopped.set()
