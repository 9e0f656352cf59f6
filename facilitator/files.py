"""Writing files so that a crash never leaves half a file behind, and logs never hold the key.

Exports, drafts written with ``--out``, follow-up messages, case cards, raw model text
and the index manifest are read by other people, other tools or the next run; each
is written to a temporary file beside its target and moved into place in one step.
The temporary name carries the process id, so two processes writing the same file
never write into each other's temporary file.
"""

from __future__ import annotations

import errno
import os
import re
import sys
from pathlib import Path

from facilitator.model import UserError
from facilitator.redact import scrub

_UNSAFE = re.compile(r"[^\w\u3400-\u9fff.-]+")


def safe_name(text: str) -> str:
    """``text`` usable in a file name: letters, digits, CJK, dot and dash kept, the rest ``_``."""
    return _UNSAFE.sub("_", text).strip("_")


def os_problem(exc: OSError, path: Path, doing: str = "") -> tuple[str, str] | None:
    """``(kind, one line with advice)`` when ``exc`` is the user's disk or permissions at fault.

    ``kind`` is ``full``, ``readonly`` or ``denied``; ``doing`` (``"save the change"``)
    says what could not be done. None for anything else (a bug, a missing file), which
    callers report their own way.
    """
    cannot = f", so facilitator cannot {doing}" if doing else ""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "full", f"{path}: the disk is full{cannot}; free some space and try again"
    if exc.errno == errno.EROFS:
        return "readonly", (f"{path}: the file system is read-only{cannot}; remount it writable"
                            " or choose another home with --home")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "denied", (f"{path}: permission denied{cannot}; make it writable for this user"
                          " or choose another home with --home")
    return None


def file_id(path: Path) -> tuple[int, int] | None:
    """The (device, inode) of a file, None when it is not there: tells a file from another one
    that took its name since (a writer that swapped a folder of files in)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def link_same(source: Path, target: Path, ident: tuple[int, int] | None) -> bool:
    """Hard-link ``source`` as ``target`` (a copy where the file system has no hard links) if it is
    still the file ``ident`` names; False (nothing made) if it is not. Neither file may ever be
    written in place afterwards: both names are the same bytes."""
    if ident is None or file_id(source) != ident:
        return False
    try:
        os.link(source, target)
    except OSError:
        import shutil

        shutil.copyfile(source, target)
    return True


def exchange(a: Path, b: Path) -> bool:
    """Swap two existing paths in one step (Linux ``renameat2`` with ``RENAME_EXCHANGE``): a reader
    of ``b`` finds either the old entry or the new one, never none. False (nothing done) where
    the system has no such call or the swap fails; the caller then renames in two steps."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return int(renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)) == 0


def write_atomic(path: Path, text: str) -> Path:
    """Write ``text`` (UTF-8, newlines as given) to ``path`` via a temporary file; OSError on failure."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8", newline="")
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)
        raise
    return path


def write_text_atomic(path: Path, text: str) -> Path:
    """:func:`write_atomic` for a file the user named or will open: failures are one clear line."""
    if path.is_dir():
        raise UserError("{path}: is a directory", path=path)
    try:
        return write_atomic(path, text)
    except OSError as exc:
        problem = os_problem(exc, path)
        if problem:
            raise UserError(problem[1]) from None
        raise UserError("{path}: cannot write ({why})", path=path, why=exc.strerror) from None


def append_log(path: Path, text: str, secret: str | None) -> Path:
    """Append one report to a log file (folder created), the API key masked; OSError on failure."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as fh:
        fh.write(scrub(text, secret).rstrip("\n") + "\n")
    return path
