"""Result snippets: about 120 characters of the best section, around where the query matched.

A hit is only useful if the reader sees why it matched, so the window is placed where
the most query terms (the same bigrams and stems BM25 used) fall, and nudged back to a
sentence start when one is close. With no lexical match (a cross-language hit) the
section's opening is shown.
"""

from __future__ import annotations

import re
import unicodedata

from facilitator.library.glossary import translate
from facilitator.library.lexical import tokenize

SNIPPET_CHARS = 120


def _terms(query: str) -> list[str]:
    """The query's BM25 terms, plus its glossary translation (so an English query's snippet
    of a Chinese card still lands on the matching words)."""
    translated, _ = translate(query)
    return sorted(set(tokenize(query)) | set(tokenize(translated)), key=len, reverse=True)


def _word_edge(flat: str, pos: int, forward: bool) -> int:
    """Move a cut off the middle of a Latin word (at most 15 characters); CJK cuts anywhere."""
    if not (0 < pos < len(flat)) or not (flat[pos - 1].isascii() and flat[pos - 1].isalnum()
                                          and flat[pos].isascii() and flat[pos].isalnum()):
        return pos
    space = flat.find(" ", pos, pos + 15) if forward else flat.rfind(" ", max(0, pos - 15), pos)
    return pos if space == -1 else (space + 1 if forward else space)


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
    best_start = _word_edge(flat, min(best_start, max(0, len(flat) - width)), forward=True)
    end = _word_edge(flat, min(len(flat), best_start + width), forward=False)
    piece = flat[best_start:end].strip()
    return ("…" if best_start > 0 else "") + piece + ("…" if end < len(flat) else "")
