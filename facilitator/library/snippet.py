"""Result snippets: about 120 characters of the best section, around where the query matched.

A hit is only useful if the reader sees why it matched, so the window is placed where
the most query terms (the same bigrams and stems BM25 used) fall, and nudged back to a
sentence start when one is close. With no lexical match (a cross-language hit) the
section's opening is shown.
"""

from __future__ import annotations

import re
import unicodedata

from facilitator.library.lexical import tokenize

SNIPPET_CHARS = 120


def _terms(query: str) -> list[str]:
    return sorted(set(tokenize(query)), key=len, reverse=True)


def make_snippet(text: str, query: str, width: int = SNIPPET_CHARS) -> str:
    """About ``width`` characters of ``text`` around where the query's terms cluster."""
    flat = re.sub(r"\s+", " ", text).strip()
    if len(flat) <= width:
        return flat
    folded = unicodedata.normalize("NFKC", flat).casefold()
    if len(folded) != len(flat):
        folded = flat.casefold() if len(flat.casefold()) == len(flat) else flat
    hits: list[tuple[int, int]] = []
    for term in _terms(query):
        start = folded.find(term)
        while start != -1:
            hits.append((start, len(term)))
            start = folded.find(term, start + 1)
    best_start = 0
    if hits:
        hits.sort()
        best_count = -1
        for pos, _ in hits:
            begin = max(0, pos - width // 4)
            covered = {p for p, ln in hits if begin <= p and p + ln <= begin + width}
            if len(covered) > best_count:
                best_count, best_start = len(covered), begin
        # start at a sentence boundary when one is close before the window
        boundary = max(flat.rfind(ch, max(0, best_start - 25), best_start + 1) for ch in "。！？.!?；;")
        if boundary != -1 and best_start - boundary <= 25:
            best_start = boundary + 1
    best_start = min(best_start, max(0, len(flat) - width))
    piece = flat[best_start : best_start + width].strip()
    return ("…" if best_start > 0 else "") + piece + ("…" if best_start + width < len(flat) else "")
