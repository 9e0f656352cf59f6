"""The meeting's own names and terms, as hotwords for the recognizer.

Whisper base gets names and content words wrong most often (0.24 character error on a
real meeting clip, mostly there). faster-whisper can bias decoding toward given words;
whether that helps is measured by ``bench/speech.py`` (with and without), so it stays
off unless ``[speech] hotwords = true``.
"""

from __future__ import annotations

from facilitator.model import Meeting

MAX_CHARS = 200
"""Hotwords go into the decoder's prompt, which shares Whisper's 448-token window."""


def meeting_terms(meeting: Meeting) -> str:
    """Participants, their departments, the customer and the order, once each, space-separated."""
    seen: list[str] = []
    for word in [meeting.customer, meeting.order_ref,
                 *(p.name for p in meeting.participants), *(p.department for p in meeting.participants)]:
        word = " ".join((word or "").split())
        if word and word not in seen:
            seen.append(word)
    out = ""
    for word in seen:
        if len(out) + len(word) + 1 > MAX_CHARS:
            break
        out = f"{out} {word}".strip()
    return out
