"""The one change the app makes to ``config.toml``: ``[me] name``, asked on first run.

The file is the user's (comments, order, tables the app does not know): the name is
written as one line in ``[me]`` (the table added at the end when there is none), every
other byte kept, and the result read back before it replaces the file, all at once, so a
failure leaves the old file as it was.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import tomllib
from pathlib import Path

from facilitator.model import UserError

_HEADER = re.compile(r"^[ \t]*\[[ \t]*me[ \t]*\][ \t\r]*(?:#.*)?$", re.MULTILINE)
_NEXT_TABLE = re.compile(r"^[ \t]*\[", re.MULTILINE)
_NAME = re.compile(r"^[ \t]*name[ \t]*=.*$", re.MULTILINE)


def with_me_name(text: str, name: str) -> str:
    """``text`` (a config.toml) with ``[me] name`` set to ``name``, nothing else changed."""
    line = f"name = {json.dumps(name, ensure_ascii=False)}"  # a TOML basic string
    header = _HEADER.search(text)
    if header is None:
        return text + ("" if not text or text.endswith("\n") else "\n") + ("\n" if text else "") + f"[me]\n{line}\n"
    start = header.end()
    following = _NEXT_TABLE.search(text, start + 1)
    end = following.start() if following else len(text)
    existing = _NAME.search(text, start, end)
    if existing is not None:
        return text[: existing.start()] + line + text[existing.end():]
    return text[:start] + "\n" + line + text[start:]


def save_me_name(path: Path, name: str) -> None:
    """Set ``[me] name`` in the config file at ``path`` (created when absent)."""
    name = " ".join(name.split())
    if not name:
        raise UserError("a name cannot be empty")
    try:
        text = path.read_bytes().decode("utf-8") if path.exists() else ""  # line ends kept as they are
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError("{path}: cannot read ({why})", path=path, why=exc) from None
    changed = with_me_name(text, name)
    try:
        read_back = tomllib.loads(changed).get("me", {}).get("name")
    except tomllib.TOMLDecodeError:
        read_back = None
    if read_back != name:
        raise UserError("{path}: cannot add [me] name here; add it by hand", path=path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=".config-", suffix=".toml", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            out.write(changed)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
