"""Which language a piece of text is written in: the one guess the whole app makes.

A meeting's language (from its title), a notes file's, a card's and a search query's are
all decided here, so a card and the query that should find it can never be told apart by
two different rules. One CJK character weighs like a short word of Latin letters: text
is Chinese when it has CJK characters and at least a quarter as many of them as Latin
letters."""

from __future__ import annotations

import re
from collections.abc import Mapping

from facilitator.model import Language

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
"""A Chinese character: the unified ideographs, extension A and the compatibility block."""
_LATIN = re.compile(r"[A-Za-z]")


def guess_language(text: str, default: str = "zh") -> Language:
    """``zh`` or ``en``; ``default`` (``en`` unless it says ``zh``) when the text has no letters."""
    cjk = len(CJK.findall(text))
    latin = len(_LATIN.findall(text))
    if cjk and cjk * 4 >= latin:
        return "zh"
    return "en" if latin or default != "zh" else "zh"


def locale_language(env: Mapping[str, str]) -> str | None:
    """``zh`` or ``en`` from the locale variables, the first one set deciding (POSIX order);
    None for a locale in neither (``C.UTF-8``, ``POSIX``, ``de_DE``)."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "").strip().lower()
        if value:
            return "zh" if value.startswith("zh") else "en" if value.startswith("en") else None
    return None
