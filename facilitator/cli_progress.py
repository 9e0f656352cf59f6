"""A one-line progress bar with the time left, on stderr, for a recording being transcribed.

Transcribing an hour of meeting takes minutes on a laptop; the user should see that it
moves and when it will be done. The bar is drawn only on a terminal (the caller checks),
redrawn in place with a carriage return, and never touches stdout, so ``--json`` output
stays clean.
"""

from __future__ import annotations

import sys
import time


def _clock(seconds: float) -> str:
    s = max(0, int(seconds + 0.5))
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


class ProgressBar:
    WIDTH = 24

    def __init__(self, name: str) -> None:
        self.name = name
        self.started = time.monotonic()
        self.drawn = False
        self.show(0.0, 0.0)

    def show(self, done: float, total: float) -> None:
        share = min(1.0, done / total) if total > 0 else 0.0
        filled = int(share * self.WIDTH)
        elapsed = time.monotonic() - self.started
        left = f", about {_clock(elapsed * (1 - share) / share)} left" if share > 0.02 else ""
        heard = f" {_clock(done)} of {_clock(total)}" if total else " reading the recording"
        line = f"\r{self.name}: [{'#' * filled}{'.' * (self.WIDTH - filled)}] {share:4.0%}{heard}{left}"
        sys.stderr.write(line + "\033[K")
        sys.stderr.flush()
        self.drawn = True

    def close(self) -> None:
        if self.drawn:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()
