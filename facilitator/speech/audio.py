"""Reading a recording into samples, with PyAV's own FFmpeg (no system ffmpeg needed).

PyAV ships FFmpeg's libraries inside its wheels, and faster-whisper already decodes
through it; so WAV, MP3, M4A, OGG, FLAC and WebM open on a machine that has none of the
codecs installed. A file that is not sound, or holds only silence, is refused here with
one line naming it, before anything is transcribed or written.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from facilitator.model import UserError
from facilitator.speech import SAMPLE_RATE

if TYPE_CHECKING:
    import numpy as np

AUDIO_SUFFIXES = frozenset({".wav", ".mp3", ".m4a", ".mp4", ".aac", ".ogg", ".oga", ".opus",
                            ".flac", ".webm", ".weba"})
"""The suffixes ``facilitator import`` takes for a recording rather than a transcript."""

QUIET = 1e-3
"""Peak amplitude below which a recording is taken for silence (about -60 dBFS)."""


def is_recording(path: Path) -> bool:
    return path.suffix.lower() in AUDIO_SUFFIXES


def decode(path: Path) -> np.ndarray:
    """The recording at ``path`` as 16 kHz mono float32 samples.

    Raises ``UserError`` for a missing file, a file that is not audio, and one without sound.
    """
    import av
    from faster_whisper.audio import decode_audio

    name = str(path)
    if not path.is_file():
        raise UserError(f"{name}: no such file" if not path.exists() else f"{name}: is a directory, not a file")
    try:
        samples = decode_audio(str(path), sampling_rate=SAMPLE_RATE)
    except (av.error.FFmpegError, IndexError, ValueError, StopIteration):  # no audio stream, not media
        raise UserError(f"{name}: not an audio recording PyAV can read "
                        "(WAV, MP3, M4A, OGG, FLAC or WebM)") from None
    except OSError as exc:
        raise UserError("{name}: cannot read ({why})", name=name, why=exc.strerror or exc) from None
    if samples.size == 0:
        raise UserError(f"{name}: not an audio recording PyAV can read (no sound in it)")
    if float(abs(samples).max()) < QUIET:
        raise UserError(f"{name}: the recording is silent ({samples.size / SAMPLE_RATE:.0f} s without sound)")
    return samples


def has_speech(samples: np.ndarray) -> bool:
    """Whether Silero's voice detector (shipped inside faster-whisper) hears any speech."""
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    return bool(get_speech_timestamps(samples, VadOptions()))
