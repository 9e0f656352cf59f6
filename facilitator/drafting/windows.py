"""Split the free text of a meeting (notes, then transcript) into overlapping windows.

A small model's context holds a few minutes of an hour-long meeting. Trimming the
middle loses exactly what the drafter is for (the commitment said once, half-way
through), so a long text is read in windows instead: each fits the prompt's room,
ends where a speaker stops or the conversation pauses when such a point is near the
end, and repeats the last lines of the previous window, so a commitment that spans
two turns is whole in at least one window. Nothing is left out: every line is in a
window, and the windows are in the meeting's order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from facilitator.drafting.budget import count_tokens

__all__ = ["Window", "split_windows", "stamp_of"]

_STAMP = re.compile(r"^\[(?P<m>\d{1,3}):(?P<s>\d{2})(?::(?P<x>\d{2}))?\]\s*(?:(?P<who>[^:：\[\]]{1,40})[:：])?")
_SENTENCE = re.compile(r"(?<=[。！？!?；;])|(?<=[.](?=\s))")
PAUSE = 30
"""Seconds of silence between two cues that make a good place to cut."""


def stamp_of(line: str) -> tuple[int | None, str | None]:
    """(seconds, speaker) of a ``[mm:ss] speaker: text`` line, or Nones."""
    m = _STAMP.match(line)
    if not m:
        return None, None
    if m["x"] is not None:  # [h:mm:ss]
        seconds = int(m["m"]) * 3600 + int(m["s"]) * 60 + int(m["x"])
    else:
        seconds = int(m["m"]) * 60 + int(m["s"])
    return seconds, (m["who"] or "").strip() or None


def _clock(seconds: int) -> str:
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


@dataclass
class Window:
    index: int
    """1-based."""
    total: int
    notes: list[str] = field(default_factory=list)
    transcript: list[str] = field(default_factory=list)
    first: int = 0
    """Index of the window's first line among all lines."""
    last: int = 0

    @property
    def lines(self) -> list[str]:
        return [*self.notes, *self.transcript]

    @property
    def span(self) -> str:
        """Where in the meeting: ``12:30–18:40`` for a transcript, else line numbers."""
        times = [t for t in (stamp_of(line)[0] for line in self.lines) if t is not None]
        if times:
            return f"{_clock(min(times))}–{_clock(max(times))}"
        return f"lines {self.first + 1}–{self.last + 1}"

    def label(self) -> str:
        return f"window {self.index}/{self.total} ({self.span})"


def _pieces(line: str, limit: int) -> list[str]:
    """A line over ``limit`` tokens cut at sentence ends (a pasted paragraph)."""
    if count_tokens(line) <= limit:
        return [line]
    out: list[str] = []
    current = ""
    for sentence in (s for s in _SENTENCE.split(line) if s):
        if current and count_tokens(current + sentence) > limit:
            out.append(current.strip())
            current = ""
        current += sentence
    if current.strip():
        out.append(current.strip())
    return out


def _boundary(lines: list[str], k: int) -> bool:
    """Is the gap before line ``k`` a good cut: a new speaker or a pause?"""
    (t0, who0), (t1, who1) = stamp_of(lines[k - 1]), stamp_of(lines[k])
    if who0 != who1:
        return True
    return t0 is not None and t1 is not None and t1 - t0 >= PAUSE


def split_windows(notes: list[str], transcript: list[str], size: int, overlap: int) -> list[Window]:
    """Windows of at most ``size`` tokens (a single longer sentence excepted) that
    repeat about ``overlap`` tokens of the previous one. One window when all fits."""
    size = max(size, 64)
    lines: list[str] = []
    kinds: list[bool] = []  # True: a transcript line
    for is_transcript, group in ((False, notes), (True, transcript)):
        for line in group:
            for piece in _pieces(line, size // 2):
                lines.append(piece)
                kinds.append(is_transcript)
    sizes = [count_tokens(line) + 1 for line in lines]
    spans: list[tuple[int, int]] = []
    start = 0
    while start < len(lines):
        end, used = start, 0
        while end < len(lines) and (end == start or used + sizes[end] <= size):
            used += sizes[end]
            end += 1
        if end < len(lines):
            kept = used
            for k in range(end - 1, start, -1):
                kept -= sizes[k]
                if kept < size * 3 // 4:
                    break
                if _boundary(lines, k):
                    end = k
                    break
        spans.append((start, end))
        if end >= len(lines):
            break
        nxt, back = end, 0
        while nxt - 1 > start and back + sizes[nxt - 1] <= overlap:
            nxt -= 1
            back += sizes[nxt]
        start = nxt if nxt > start else end
    windows = []
    for n, (a, b) in enumerate(spans, 1):
        w = Window(index=n, total=len(spans), first=a, last=b - 1)
        for line, is_transcript in zip(lines[a:b], kinds[a:b], strict=True):
            (w.transcript if is_transcript else w.notes).append(line)
        windows.append(w)
    return windows
