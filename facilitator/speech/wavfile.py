"""A WAV file written as it is recorded, so a crash loses at most about a second of sound.

Samples are appended as they arrive; about once a second the file is flushed to disk
(``fsync``) and its header's sizes are rewritten to cover everything written so far. A
``kill -9`` therefore leaves a valid WAV file holding all but the last second at most,
which any player, and ``facilitator import``, reads as it is.
"""

from __future__ import annotations

import os
import struct
from pathlib import Path
from typing import TYPE_CHECKING

from facilitator.speech import SAMPLE_RATE

if TYPE_CHECKING:
    import numpy as np

HEADER = 44


def _header(data_bytes: int) -> bytes:
    return (b"RIFF" + struct.pack("<I", 36 + data_bytes) + b"WAVE"
            + b"fmt " + struct.pack("<IHHIIHH", 16, 1, 1, SAMPLE_RATE, SAMPLE_RATE * 2, 2, 16)
            + b"data" + struct.pack("<I", data_bytes))


class WavWriter:
    def __init__(self, path: Path, sync_every: float = 1.0) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._fh = path.open("xb")  # never over an earlier recording
        self._fh.write(_header(0))
        self.data_bytes = 0
        self._unsynced = 0
        self._sync_bytes = int(sync_every * SAMPLE_RATE) * 2

    @property
    def seconds(self) -> float:
        return self.data_bytes / 2 / SAMPLE_RATE

    def write(self, samples: np.ndarray) -> None:
        import numpy as np

        pcm = (np.clip(samples, -1.0, 1.0) * 32767).astype("<i2").tobytes()
        self._fh.write(pcm)
        self.data_bytes += len(pcm)
        self._unsynced += len(pcm)
        if self._unsynced >= self._sync_bytes:
            self.sync()

    def sync(self) -> None:
        self._fh.seek(0)
        self._fh.write(_header(self.data_bytes))
        self._fh.seek(0, os.SEEK_END)
        self._fh.flush()
        os.fsync(self._fh.fileno())
        self._unsynced = 0

    def close(self) -> None:
        if not self._fh.closed:
            self.sync()
            self._fh.close()
