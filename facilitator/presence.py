"""Who else has a meeting open: one locked file per live meeting screen.

Two laptops (or two terminals) may open the same meeting. Each screen holds an
exclusive ``flock`` on its own file ``run/meeting-ID.PID-N.lock`` for as long as it is
open; another screen counts the files whose lock it cannot take. A process killed with
``kill -9`` loses its lock with it, so a stale file is recognised (its lock can be
taken) and removed, and never reported as a live screen.
"""

from __future__ import annotations

import contextlib
import fcntl
import itertools
import os
from pathlib import Path

_SEQ = itertools.count(1)


class Presence:
    """This screen's claim on a meeting; ``others`` is how many live screens share it."""

    def __init__(self, folder: Path, meeting_id: int) -> None:
        self.folder = folder
        self.meeting_id = meeting_id
        self.path = folder / f"meeting-{meeting_id}.{os.getpid()}-{next(_SEQ)}.lock"
        self._fd: int | None = None

    def claim(self) -> int:
        """Take this screen's lock and return the number of other live screens (0 when the
        folder cannot be written: presence is a courtesy, never a reason to fail)."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_CREAT | os.O_RDWR, 0o644)
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return 0
        self._fd = fd
        return self.others()

    def others(self) -> int:
        live = 0
        for path in self.folder.glob(f"meeting-{self.meeting_id}.*.lock"):
            if path == self.path:
                continue
            try:
                fd = os.open(path, os.O_RDWR)
            except OSError:
                continue
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                live += 1  # held: a screen is open there
            else:
                with contextlib.suppress(OSError):
                    path.unlink()  # nobody holds it: a screen that died
            finally:
                os.close(fd)
        return live

    def release(self) -> None:
        if self._fd is None:
            return
        with contextlib.suppress(OSError):
            self.path.unlink()
        with contextlib.suppress(OSError):
            os.close(self._fd)
        self._fd = None
