"""Where a line of mixed Chinese and Latin text may wrap: a small kinsoku rule.

Terminal widgets wrap Chinese anywhere (there are no spaces to wrap at), so a wrapped
line could begin with ``：`` or ``。``, a line could end on ``（``, and ``IT部`` or
``（ECN）`` came apart. The rule here, used wherever the app wraps text itself (the
notes, the stage guide, the acknowledgement line):

- a line never starts with closing punctuation (``，。：；、）」`` and the like);
- a line never ends with opening punctuation (``（「《`` ...);
- a run of Latin letters, digits and their punctuation (``ECN``, ``2026-12-05``,
  ``3.5``) is not split, nor separated from the character right after it (its unit:
  ``3天``, ``IT部``, ``10%``).

When a line holds no allowed break (a 40-cell URL in a 30-cell box) it is cut where it
is full: the rule never makes text run past the edge.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text

CLOSERS = frozenset("，。、：；！？）」』】》〉〕｝”’…‥・·〜ー々〻ぁぃぅぇぉっゃゅょ,.:;!?)]}%")
"""Never at the start of a line (``·`` included: it separates the fields of a line)."""
OPENERS = frozenset("（「『【《〈〔｛“‘([{")
"""Never at the end of a line."""


def _latin(char: str) -> bool:
    return char.isascii() and not char.isspace()


def may_break(text: str, i: int) -> bool:
    """True if a line may end after ``text[i - 1]`` and the next start at ``text[i]``."""
    before, after = text[i - 1], text[i]
    if after.isspace() or before.isspace():
        # the spaces at a break end the line before: what starts the next is the first
        # character after them (`李总 · 替对方` must not put `·` at a line's start)
        following = text[i:].lstrip(" ")[:1]
        return not (after in CLOSERS or following in CLOSERS or before in OPENERS)
    if after in CLOSERS or before in OPENERS:
        return False
    return not _latin(before)  # inside a Latin run, or between a Latin run and its unit


def break_offsets(text: str, width: int) -> list[int]:
    """Offsets in ``text`` where each wrapped line after the first begins, for lines of at
    most ``width`` cells (explicit newlines are not handled here: wrap line by line)."""
    if width <= 0:
        return []
    offsets: list[int] = []
    start, used = 0, 0
    i = 0
    while i < len(text):
        w = cell_len(text[i])
        if used + w > width and i > start:
            cut = next((b for b in range(i, start, -1) if may_break(text, b)), i)
            while cut < len(text) and text[cut] == " ":
                cut += 1  # the spaces at a break end the line before (callers trim them)
            if cut >= len(text):
                break
            offsets.append(cut)
            start = cut
            if cut > i:
                i, used = cut, 0
                continue
            used = cell_len(text[cut:i])
        used += w
        i += 1
    return offsets


def wrap_lines(text: str, width: int) -> list[str]:
    """``text`` wrapped to ``width`` cells by the rule above; newlines are kept."""
    lines: list[str] = []
    for line in text.split("\n"):
        cuts = [0, *break_offsets(line, width), len(line)]
        pieces = [line[a:b] for a, b in zip(cuts, cuts[1:], strict=False)] or [""]
        lines += [p.rstrip(" ") for p in pieces[:-1]] + pieces[-1:]
    return lines


def wrap_text(text: Text, width: int, indent: int = 0) -> list[Text]:
    """A styled ``Text`` wrapped by the rule; lines after the first are indented by
    ``indent`` cells (and have that much less room)."""
    first = break_offsets(text.plain, width)
    if not first:
        return [text]
    head, rest = text.divide([first[0]])[:2]
    lines = [head]
    rest_offsets = break_offsets(rest.plain, max(1, width - indent))
    for part in rest.divide(rest_offsets):
        lines.append(Text(" " * indent) + part)
    for line in lines[:-1]:
        line.rstrip()  # the spaces a line broke at
    return lines
