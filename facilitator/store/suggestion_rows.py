"""Suggestion rows of the meeting store (migration 8, "suggestions and quotes").

What the extractor understood waits in ``suggestions`` until the facilitator accepts,
edits or dismisses it. These functions take an open connection, so an import writes its
suggestions in the same transaction as its notes, and accepting one writes the ledger row
and the suggestion's new state together.

A suggestion is stored once per meeting: the same item (kind, text, owner) from the same
words is skipped, whatever its state, so importing a file again (``--again``) or hearing a
line twice does not offer it twice, and a dismissed one does not come back.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from facilitator.model import Captured, Suggestion
from facilitator.store.base import Conn
from facilitator.store.rows import date_or_none, iso_or_none, item_key, now_stamp

__all__ = ["insert_suggestions", "suggestion_from_row"]


def _identity(kind: str, text: str, owner: str | None, quote: str) -> tuple[str, str, str, str]:
    return kind, item_key(text), item_key(owner or ""), item_key(quote)


def insert_suggestions(
    db: Conn, meeting_id: int, suggestions: Iterable[Suggestion], cue_offset: int = 0
) -> list[Suggestion]:
    """Store the suggestions the meeting does not hold yet; returns those stored, with ids.
    ``cue_offset`` is added to their cue indexes (a chunk of a long transcript, a live line)."""
    seen = {
        _identity(r["kind"], r["text"], r["owner"], r["quote"])
        for r in db.execute("SELECT kind, text, owner, quote FROM suggestions WHERE meeting_id = ?", (meeting_id,))
    }
    stored: list[Suggestion] = []
    now = now_stamp()
    for s in suggestions:
        c = s.captured
        key = _identity(c.kind, c.text, c.owner, s.quote)
        if key in seen or not c.text.strip():
            continue
        seen.add(key)
        cues = tuple(i + cue_offset for i in s.cues)
        cur = db.execute(
            "INSERT INTO suggestions(meeting_id, kind, text, owner, due, basis, status, obstacle_kind, holder,"
            " presolves, quote, cue_first, cue_last, speaker, confidence, source, state, created_at)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,'pending',?)",
            (meeting_id, c.kind, c.text, c.owner, iso_or_none(c.due), c.basis, c.status, c.obstacle_kind,
             c.holder, c.presolves, s.quote, cues[0] if cues else None, cues[-1] if cues else None,
             s.speaker, float(s.confidence), s.source, now),
        )
        stored.append(Suggestion(captured=c, quote=s.quote, cues=cues, speaker=s.speaker,
                                 confidence=s.confidence, source=s.source, id=int(cur.lastrowid or 0),
                                 meeting_id=meeting_id))
    return stored


def suggestion_from_row(r: Any) -> Suggestion:
    c = Captured(kind=r["kind"], text=r["text"], owner=r["owner"], due=date_or_none(r["due"]),
                 basis=r["basis"], status=r["status"], raw=r["text"], obstacle_kind=r["obstacle_kind"],
                 holder=r["holder"], presolves=r["presolves"])
    first, last = r["cue_first"], r["cue_last"]
    cues = () if first is None else tuple(range(int(first), int(last if last is not None else first) + 1))
    return Suggestion(captured=c, quote=r["quote"], cues=cues, speaker=r["speaker"],
                      confidence=float(r["confidence"]), source=r["source"], id=r["id"], state=r["state"],
                      meeting_id=r["meeting_id"], row_id=r["row_id"])
