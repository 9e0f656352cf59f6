"""One writer at a time for the case index: an exclusive, non-blocking flock in ``index/``.

Two ``facilitator index`` runs (or a search that refreshes a stale index while the
user re-indexes) would otherwise interleave writes into one chromadb directory. The
second writer does not wait: it gets ``IndexBusy`` and says so. The kernel drops a
flock when its process dies, so a crashed writer never leaves the index locked.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

from facilitator.model import UserError

LOCK = ".lock"


class IndexBusy(UserError):
    """Another process holds the index lock."""

    def __init__(self) -> None:
        super().__init__("index busy: another facilitator process is updating it")



@contextlib.contextmanager
def writer_lock(directory: Path) -> Iterator[None]:
    """Exclusive, non-blocking lock on ``directory/.lock``; ``IndexBusy`` if someone holds it."""
    directory.mkdir(parents=True, exist_ok=True)
    fd = os.open(directory / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise IndexBusy() from None
            raise
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
