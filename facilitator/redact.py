"""The one place the API key is masked, for every text that leaves the process.

Logs, crash lines, draft warnings, the doctor's report and the streamed model text
all pass through ``scrub`` (or, for a stream, :class:`StreamMasker`) before they are
printed or written, so the rule (design.md section 3: the key is never printed nor
written) has one implementation to test.

A model can echo what it was sent, and an error message can quote a request, so
everything that comes back from an endpoint passes through it too. The key is found
in every form a JSON text or a URL can carry it: as is, any of its characters as a
JSON ``\\uXXXX`` escape (either case of hex, also doubly escaped ``\\\\u``, as a JSON
string inside a JSON string has it), ``/`` as ``\\/``, and percent-encoded ``%XX``
(URL query strings). Matching is per character, so a mixture is caught too.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["MASK", "StreamMasker", "scrub"]

MASK = "***"
MIN_SECRET = 4
"""Shorter "keys" (a local server's placeholder such as ``x``) would mask ordinary letters."""
WIDEST = 7
"""The longest form one character of a key takes here: ``\\\\u0073`` (doubly escaped)."""


def _forms(c: str) -> list[str]:
    """Regular expressions for every encoding of one character."""
    code = ord(c)
    forms = [re.escape(c)]
    if code <= 0xFFFF:
        hexed = "".join(f"[{h.lower()}{h.upper()}]" if h.isalpha() else h for h in f"{code:04x}")
        forms.append(r"\\{1,2}u" + hexed)
    if c == "/":
        forms.append(r"\\{1,2}/")
    if code < 0x80:
        hexed = "".join(f"[{h.lower()}{h.upper()}]" if h.isalpha() else h for h in f"{code:02x}")
        forms.append("%" + hexed)
        if c == " ":
            forms.append(r"\+")
    return forms


@lru_cache(maxsize=8)
def _spelled(secret: str) -> re.Pattern[str]:
    """The secret with each of its characters in any of its encodings."""
    return re.compile("".join(f"(?:{'|'.join(_forms(c))})" for c in secret))


def scrub(text: str, *secrets: str | None) -> str:
    """``text`` with every secret of at least four characters replaced by ``***``."""
    for secret in secrets:
        if secret and len(secret) >= MIN_SECRET:
            if secret in text:
                text = text.replace(secret, MASK)
            if "\\" in text or "%" in text:
                text = _spelled(secret).sub(MASK, text)
    return text


class StreamMasker:
    """Masks a secret in text that arrives in pieces, without losing or repeating any.

    What has not been shown yet is kept whole; each piece, every complete match (in any
    encoding) is replaced, and all but the last ``WIDEST`` × the key's length characters
    are let out: a match that starts earlier than that would already be complete, so
    nothing let out can be the start of a key. ``finish()`` lets out the rest. Each
    character is looked at a bounded number of times, so the work is linear in the text.
    """

    def __init__(self, secret: str | None) -> None:
        self.secret = secret if secret and len(secret) >= MIN_SECRET else ""
        self.hold = WIDEST * len(self.secret)
        self.pending = ""

    def feed(self, piece: str) -> str:
        """What of the text so far can be shown now (masked)."""
        if not self.secret:
            return piece
        self.pending += piece
        cut = len(self.pending) - self.hold
        if cut <= 0:
            return ""
        shown, pos = [], 0
        for match in _spelled(self.secret).finditer(self.pending):
            if match.start() >= cut:
                break
            shown += [self.pending[pos:match.start()], MASK]
            pos = match.end()
        if pos < cut:
            shown.append(self.pending[pos:cut])
            pos = cut
        self.pending = self.pending[pos:]
        return "".join(shown)

    def finish(self) -> str:
        """The rest, masked: the stream has ended."""
        rest, self.pending = scrub(self.pending, self.secret), ""
        return rest
