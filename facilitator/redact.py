"""Mask secrets (the API key) in any text before it is shown, stored or exported.

A model can echo what it was sent, and an error message can quote a request, so
everything that comes back from an endpoint passes through :func:`scrub` before it
reaches the terminal, the database, a file or an export. Keys shorter than four
characters are placeholders (``EMPTY``-style values are longer but harmless) and
would mask ordinary words, so they are left alone.
"""

from __future__ import annotations

__all__ = ["MASK", "scrub"]

MASK = "***"
MIN_SECRET = 4


def scrub(text: str, *secrets: str) -> str:
    """``text`` with every secret of at least four characters replaced by ``***``."""
    for secret in secrets:
        if secret and len(secret) >= MIN_SECRET and secret in text:
            text = text.replace(secret, MASK)
    return text
