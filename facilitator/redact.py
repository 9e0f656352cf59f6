"""Mask secrets (the API key) in any text before it is shown, stored or exported.

A model can echo what it was sent, and an error message can quote a request, so
everything that comes back from an endpoint passes through :func:`scrub` before it
reaches the terminal, the database, a file or an export. Keys shorter than four
characters are placeholders (``EMPTY``-style values are longer but harmless) and
would mask ordinary words, so they are left alone.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["MASK", "scrub"]

MASK = "***"
MIN_SECRET = 4


@lru_cache(maxsize=8)
def _spelled(secret: str) -> re.Pattern[str]:
    """The secret with any of its characters written as a JSON ``\\uXXXX`` escape, as a
    model's raw answer may hold it."""
    def one(c: str) -> str:
        code = f"{ord(c):04x}"
        return f"(?:{re.escape(c)}|\\\\u{code}|\\\\u{code.upper()})"

    return re.compile("".join(one(c) for c in secret))


def scrub(text: str, *secrets: str) -> str:
    """``text`` with every secret of at least four characters replaced by ``***``."""
    for secret in secrets:
        if secret and len(secret) >= MIN_SECRET:
            if secret in text:
                text = text.replace(secret, MASK)
            if "\\u" in text:
                text = _spelled(secret).sub(MASK, text)
    return text
