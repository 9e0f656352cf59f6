"""How every command prints: text to stdout or atomically to ``--out``, JSON without escapes.

Shared by ``cli.py`` and ``cli_followup.py`` so that neither imports the other's
private helpers (the follow-up commands are registered by ``cli.py``, never the
other way round).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Protocol


class Subcommands(Protocol):
    """What a command's parser step needs of ``add_subparsers()``: a parser per command."""

    def add_parser(self, name: str, *, help: str) -> argparse.ArgumentParser: ...


def write_out(text: str, out: str | None, force: bool = False) -> None:
    """``text`` to the file ``out`` (atomically, as given) or to stdout with a final newline;
    an existing file is replaced only with ``force`` (``--force``)."""
    if out:
        from facilitator.files import write_text_atomic
        from facilitator.model import UserError

        if not force and Path(out).exists() and not Path(out).is_dir():
            raise UserError("{out}: already exists; add --force to replace it", out=out)
        folder = Path(out).parent
        if not folder.exists():
            # one missing level (the home's exports/ before the first export) is made;
            # a longer missing path is more likely a typo than a wish
            if not folder.parent.is_dir():
                raise UserError(f"{out}: folder {folder} does not exist")
            try:
                folder.mkdir()
            except FileExistsError:
                pass
            except OSError as exc:
                raise UserError(f"{out}: cannot make folder {folder} ({exc.strerror})") from None
        write_text_atomic(Path(out), text)
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")


def print_json(data: Any) -> None:
    """One JSON document on one line; Chinese stays readable (no ``\\u`` escapes)."""
    write_out(json.dumps(data, ensure_ascii=False), None)


def command_name(argv0: str | None = None, cwd: Path | None = None) -> str:
    """How the user types this command again in a hint: ``facilitator`` when that name on
    PATH is this program, else the path it was started by (``.venv/bin/facilitator`` after
    ``make run``, where the venv is not on PATH), relative to the working folder when inside it."""
    import os
    import shutil

    started = Path(argv0 if argv0 is not None else sys.argv[0])
    if started.name != "facilitator":
        return "facilitator"  # python -m facilitator, a test runner: the installed name
    found = shutil.which("facilitator")
    if found and Path(found).resolve() == started.resolve():
        return "facilitator"
    here = (cwd or Path.cwd()).resolve()
    full = started if started.is_absolute() else here / started
    try:
        return os.path.relpath(full, here) if full.resolve().is_relative_to(here) else str(full)
    except ValueError:
        return str(full)


def file_arg(name: str) -> Path:
    """A file named on the command line: there, and not a folder (one line and exit 2 else)."""
    from facilitator.model import UserError

    path = Path(name)
    if not path.exists():
        raise UserError("{name}: no such file", name=name)
    if path.is_dir():
        raise UserError("{name}: is a directory, not a file", name=name)
    return path
