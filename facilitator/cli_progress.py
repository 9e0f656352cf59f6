"""A one-line progress bar with the time left, on stderr, for a recording being transcribed.

Transcribing an hour of meeting takes minutes on a laptop; the user should see that it
moves and when it will be done. The bar is drawn only on a terminal (the caller checks),
redrawn in place with a carriage return, and never touches stdout, so ``--json`` output
stays clean. The command line's stderr shows no control characters (``textsafe``), so the
bar writes its carriage return and line erase to the stream underneath, and only the file
name, which comes from outside, through ``printable``.
"""

from __future__ import annotations

import sys
import time
from typing import Any

from facilitator.cli_text import t
from facilitator.textsafe import printable


def _clock(seconds: float) -> str:
    s = max(0, int(seconds + 0.5))
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


class ProgressBar:
    WIDTH = 24

    def __init__(self, name: str) -> None:
        self.name = printable(name)
        self.out: Any = getattr(sys.stderr, "inner", sys.stderr)
        self.started = time.monotonic()
        self.drawn = False
        self.show(0.0, 0.0)

    def show(self, done: float, total: float) -> None:
        share = min(1.0, done / total) if total > 0 else 0.0
        filled = int(share * self.WIDTH)
        elapsed = time.monotonic() - self.started
        left = t(", about {left} left", left=_clock(elapsed * (1 - share) / share)) if share > 0.02 else ""
        heard = (t(" {done} of {total}", done=_clock(done), total=_clock(total)) if total
                 else t(" reading the recording"))
        line = f"\r{self.name}: [{'#' * filled}{'.' * (self.WIDTH - filled)}] {share:4.0%}{heard}{left}"
        self.out.write(line + "\033[K")
        self.out.flush()
        self.drawn = True

    def close(self) -> None:
        if self.drawn:
            self.out.write("\r\033[K")
            self.out.flush()
