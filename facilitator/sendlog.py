"""The send log: every follow-up, reminder and escalation that left the app, and what the
server answered.

It is what makes sending safe to repeat. A message is identified by a hash of where it
goes and what it says; one that was delivered (``ok``) is never sent again, one that
failed, or whose attempt was cut off (``pending``), is sent on the next run. Each
attempt is written before the message leaves, with its full text, so nothing is lost
whatever happens to the network or the process.
"""

from __future__ import annotations

from typing import Any

from facilitator.model import SendRecord
from facilitator.store_rows import now_stamp

STATUSES = ("pending", "ok", "failed")


class SendLog:
    """The ``sends`` table over a store (anything with ``transaction()`` and ``rows()``)."""

    def __init__(self, store: Any) -> None:
        self._store = store

    def delivered(self, content_hash: str) -> SendRecord | None:
        """The attempt that delivered exactly this content, if any."""
        rows = self._store.rows(
            "SELECT * FROM sends WHERE content_hash = ? AND status = 'ok' ORDER BY id LIMIT 1", (content_hash,)
        )
        return self._record(rows[0]) if rows else None

    def last_attempt(self, content_hash: str) -> SendRecord | None:
        rows = self._store.rows(
            "SELECT * FROM sends WHERE content_hash = ? ORDER BY id DESC LIMIT 1", (content_hash,)
        )
        return self._record(rows[0]) if rows else None

    def begin(
        self, *, kind: str, channel: str, recipient: str, address: str, subject: str, body: str,
        content_hash: str, action_ids: list[int],
    ) -> int:
        """Record an attempt as pending, before the message leaves; committed on return."""
        with self._store.transaction() as db:
            cur = db.execute(
                "INSERT INTO sends(at, kind, channel, recipient, address, subject, body, content_hash, status)"
                " VALUES (?,?,?,?,?,?,?,?, 'pending')",
                (now_stamp(), kind, channel, recipient, address, subject, body, content_hash),
            )
            send_id = int(cur.lastrowid or 0)
            db.executemany(
                "INSERT OR IGNORE INTO send_actions(send_id, action_id)"
                " SELECT ?, id FROM actions WHERE id = ?",
                [(send_id, a) for a in sorted(set(action_ids))],
            )
        return send_id

    def settle(self, send_id: int, ok: bool, answer: str) -> None:
        with self._store.transaction() as db:
            db.execute(
                "UPDATE sends SET status = ?, answer = ?, settled_at = ? WHERE id = ?",
                ("ok" if ok else "failed", answer, now_stamp(), send_id),
            )

    def for_action(self, action_id: int) -> list[SendRecord]:
        """Every attempt that carried this action, oldest first (the board shows them)."""
        rows = self._store.rows(
            "SELECT sends.* FROM sends JOIN send_actions ON send_actions.send_id = sends.id"
            " WHERE send_actions.action_id = ? ORDER BY sends.id",
            (action_id,),
        )
        return [self._record(r) for r in rows]

    def all(self) -> list[SendRecord]:
        return [self._record(r) for r in self._store.rows("SELECT * FROM sends ORDER BY id")]

    def _record(self, r: Any) -> SendRecord:
        ids = [int(x[0]) for x in self._store.rows(
            "SELECT action_id FROM send_actions WHERE send_id = ? ORDER BY action_id", (r["id"],))]
        return SendRecord(
            id=r["id"], at=r["at"], kind=r["kind"], channel=r["channel"], recipient=r["recipient"],
            address=r["address"], subject=r["subject"], body=r["body"], content_hash=r["content_hash"],
            status=r["status"], answer=r["answer"], settled_at=r["settled_at"], action_ids=ids,
        )
