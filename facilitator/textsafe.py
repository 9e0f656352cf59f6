"""What a terminal is shown: text from files and servers, made inert.

Notes, transcripts, cards and server answers can hold terminal control sequences
(``\\x1b]0;…\\x07`` retitles the window, ``\\x1b[2J`` clears the screen, a C1 ``\\x9b``
starts one on some terminals) and right-to-left overrides that make a line read other
than it is. Every string printed by the command line passes through :func:`printable`
(the CLI wraps its own stdout and stderr in :class:`PrintableStream`, so no command can
forget), the way ``ls`` shows such names as ``?`` on a terminal. The TUI needs nothing:
its renderer drops control codes itself.

:func:`name_of` turns a file name holding bytes that are not UTF-8 (a GBK-named file
unzipped on Linux reaches Python as lone surrogates) into text that can be printed
and stored: read as GB18030 when that fits, else with U+FFFD for each bad byte.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TextIO

_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_SURROGATES = re.compile(r"[\udc80-\udcff]+")


def has_undecodable(text: str) -> bool:
    """Whether ``text`` holds bytes that were not UTF-8 (lone surrogates from the OS)."""
    return _SURROGATE.search(text) is not None


def _bytes_as_text(run: re.Match[str]) -> str:
    raw = run.group().encode("utf-8", "surrogateescape")
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return "\ufffd" * len(raw)


def name_of(text: str) -> str:
    """``text`` (a file name or an argument from the OS) as real text: each run of bytes
    that were not UTF-8 read as GB18030 when it is that, else U+FFFD per byte."""
    if not has_undecodable(text):
        return text
    return _SURROGATE.sub("\ufffd", _SURROGATES.sub(_bytes_as_text, text))


def printable(text: str) -> str:
    """``text`` without control characters (tab and newline kept) or direction overrides,
    and with undecodable bytes made text."""
    return _UNSAFE.sub("", name_of(text))


class PrintableStream:
    """A text stream that writes everything through :func:`printable`."""

    def __init__(self, inner: TextIO) -> None:
        self.inner = inner

    def write(self, text: str) -> int:
        self.inner.write(printable(text))
        return len(text)

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> object:
        return getattr(self.inner, name)
