"""Writing user-facing files so that a crash never leaves half a file behind.

Exports, drafts written with ``--out`` and follow-up messages are read by other people
and other tools; each is written to a temporary file beside its target and moved into
place in one step.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from facilitator.model import UserError

_UNSAFE = re.compile(r"[^\w\u3400-\u9fff.-]+")


def safe_name(text: str) -> str:
    """``text`` usable in a file name: letters, digits, CJK, dot and dash kept, the rest ``_``."""
    return _UNSAFE.sub("_", text).strip("_")


def write_text_atomic(path: Path, text: str) -> Path:
    """Write ``text`` (UTF-8, newlines as given) to ``path`` via a temporary file."""
    if path.is_dir():
        raise UserError(f"{path}: is a directory")
    tmp = path.with_name(path.name + ".tmp")
    try:
        tmp.write_text(text, encoding="utf-8", newline="")
        os.replace(tmp, path)
    except OSError as exc:
        raise UserError(f"{path}: cannot write ({exc.strerror})") from None
    return path
