"""The one place the API key is masked, for every text that leaves the process.

Logs, crash lines, draft warnings, the doctor's report and the streamed model text
all pass through ``scrub`` before they are printed or written, so the rule (design.md
section 3: the key is never printed nor written) has one implementation to test.

A model can echo what it was sent, and an error message can quote a request, so
everything that comes back from an endpoint passes through it too, including a key
written with JSON ``\\uXXXX`` escapes."""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["MASK", "scrub"]

MASK = "***"
MIN_SECRET = 4
"""Shorter "keys" (a local server's placeholder such as ``x``) would mask ordinary letters."""


@lru_cache(maxsize=8)
def _spelled(secret: str) -> re.Pattern[str]:
    """The secret with any of its characters written as a JSON ``\\uXXXX`` escape, as a
    model's raw answer may hold it."""
    def one(c: str) -> str:
        code = f"{ord(c):04x}"
        return f"(?:{re.escape(c)}|\\\\u{code}|\\\\u{code.upper()})"

    return re.compile("".join(one(c) for c in secret))


def scrub(text: str, *secrets: str | None) -> str:
    """``text`` with every secret of at least four characters replaced by ``***``."""
    for secret in secrets:
        if secret and len(secret) >= MIN_SECRET:
            if secret in text:
                text = text.replace(secret, MASK)
            if "\\u" in text:
                text = _spelled(secret).sub(MASK, text)
    return text
