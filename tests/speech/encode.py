"""Write a recording in another format with PyAV (no system ffmpeg): ``encode.py IN OUT``.

The output's suffix picks the container and codec (.wav PCM, .mp3, .m4a AAC, .ogg Opus,
.flac, .webm Opus). Used to make the speech fixtures and, in tests, each import format.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

CODECS = {".wav": ("wav", "pcm_s16le", 16000), ".mp3": ("mp3", "libmp3lame", 16000),
          ".m4a": ("ipod", "aac", 16000), ".ogg": ("ogg", "libopus", 48000),
          ".flac": ("flac", "flac", 16000), ".webm": ("webm", "libopus", 48000)}


def encode(source: Path, target: Path, bit_rate: int = 32_000, seconds: float | None = None) -> None:
    """``source`` re-encoded into ``target``; ``seconds``: only the first so many."""
    import av

    fmt, codec, rate = CODECS[target.suffix.lower()]
    with av.open(str(source)) as inp, av.open(str(target), "w", format=fmt) as out:
        stream: Any = out.add_stream(codec, rate=rate, layout="mono")
        if codec not in ("pcm_s16le", "flac"):
            stream.bit_rate = bit_rate
        resampler = av.AudioResampler(format=stream.format.name, layout="mono", rate=rate)
        for frame in inp.decode(audio=0):
            if seconds is not None and frame.time is not None and frame.time >= seconds:
                break
            for f in resampler.resample(frame):
                out.mux(stream.encode(f))
        for f in resampler.resample(None):
            out.mux(stream.encode(f))
        out.mux(stream.encode(None))


if __name__ == "__main__":
    encode(Path(sys.argv[1]), Path(sys.argv[2]))
