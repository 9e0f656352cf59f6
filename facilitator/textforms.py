"""The one form text is compared in: NFKC, folded keys, and what counts as a Chinese character.

Quick capture, notes files and the offline extractor all match what people typed against
patterns and against each other's names; full-width letters, digits and colons (``：``,
``Ａｎｎａ``) must meet the ASCII forms the patterns are written in, and a name must be
found again whatever its case. Each of them once kept its own copy of these few lines;
this module is their one home, so they cannot drift apart.
"""

from __future__ import annotations

import re
import unicodedata

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
"""A Chinese character: the unified ideographs, extension A and the compatibility block."""


def nfkc(text: str) -> str:
    """``text`` in NFKC: full-width letters, digits and punctuation as their ASCII forms."""
    return unicodedata.normalize("NFKC", text)


def fold_key(text: str) -> str:
    """The key two spellings of one name share: NFKC, case-folded, without outer spaces."""
    return nfkc(text).casefold().strip()


__all__ = ["CJK", "fold_key", "nfkc"]
