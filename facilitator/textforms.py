"""The one form text is compared in: NFKC, the folded forms and keys built on it.

Quick capture, notes files, the offline extractor, the drafts and the record's contested
items all match what people typed against patterns and against each other's words;
full-width letters, digits and colons (``：``, ``Ａｎｎａ``) must meet the ASCII forms the
patterns are written in, and a name or an item must be found again whatever its case or
spacing. Each of them once kept its own copy of these few lines; this module is their one
home, so they cannot drift apart. What counts as a Chinese character is decided with the
language guess (``facilitator.language``) and only re-exported here.
"""

from __future__ import annotations

import re
import unicodedata

from facilitator.language import CJK

_SPACE = re.compile(r"\s+")


def nfkc(text: str) -> str:
    """``text`` in NFKC: full-width letters, digits and punctuation as their ASCII forms."""
    return unicodedata.normalize("NFKC", text)


def fold(text: str) -> str:
    """``text`` in NFKC and case-folded: the form every key below starts from."""
    return nfkc(text).casefold()


def fold_key(text: str) -> str:
    """The key two spellings of one name share: NFKC, case-folded, without outer spaces."""
    return fold(text).strip()


def text_key(text: str) -> str:
    """The key two spellings of one phrase share: NFKC, case-folded, with no white space
    anywhere (``返工 费用`` and ``返工费用``, ``Ａｃｍｅ  Ltd`` and ``acmeltd`` are one key)."""
    return _SPACE.sub("", fold(text))


def spaced(text: str) -> str:
    """:func:`fold` with each run of white space as one space and none at either end: for
    matching whole words."""
    return " ".join(fold(text).split())


def bare_key(text: str) -> str:
    """:func:`text_key` without punctuation and symbols either (``返工费用由谁承担？`` and
    ``返工费用 由谁承担`` are one key): how a contested item is recognised again."""
    return "".join(ch for ch in text_key(text) if unicodedata.category(ch)[0] not in "PS")


__all__ = ["CJK", "bare_key", "fold", "fold_key", "nfkc", "spaced", "text_key"]
