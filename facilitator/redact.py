"""The one place the API key is masked, for every text that leaves the process.

Logs, crash lines, draft warnings, the doctor's report and the streamed model text
all pass through ``scrub`` before they are printed or written, so the rule (design.md
section 3: the key is never printed nor written) has one implementation to test.
"""

from __future__ import annotations

MASK = "***"
MIN_SECRET = 4
"""Shorter "keys" (a local server's placeholder such as ``x``) would mask ordinary letters."""


def scrub(text: str, secret: str | None) -> str:
    """``text`` with every occurrence of ``secret`` replaced by ``***``."""
    return text.replace(secret, MASK) if secret and len(secret) >= MIN_SECRET else text
