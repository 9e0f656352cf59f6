"""The send log: every follow-up, reminder and escalation that left the app, and what the
server answered.

It is what makes sending safe to repeat, and safe to run twice at once. A message is
identified by a hash of where it goes and what it says, and is **claimed** (a row in
``send_claims``, unique per recipient and hash) in the same transaction that records
its attempt, before it leaves: of two runs racing, the one whose claim lands first
sends and the other skips. A delivered message (``ok``) keeps its claim and is never
sent again; a failed one drops its claim and is sent on the next run. An attempt still
``pending`` on a later run was cut off after it may have reached the server (kill -9
during a robot post): it is reported as *unconfirmed* and sent again only when asked
(``--retry-unconfirmed``), or recorded as delivered (``--accept-unconfirmed``), the way
a payment API treats a request whose answer was lost. Each attempt is written with its
full text, so nothing is lost whatever happens to the network or the process.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from facilitator.model import SendRecord
from facilitator.store.rows import now_stamp

if TYPE_CHECKING:
    from facilitator.store import Store

STATUSES = ("pending", "ok", "failed")


class SendLog:
    """The ``sends`` table over a store (anything with ``transaction()`` and ``rows()``)."""

    def __init__(self, store: Store) -> None:
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

    def holder(self, recipient: str, content_hash: str) -> SendRecord | None:
        """The attempt that holds the claim on this message: delivered, or unconfirmed."""
        rows = self._store.rows(
            "SELECT sends.* FROM send_claims JOIN sends ON sends.id = send_claims.send_id"
            " WHERE send_claims.recipient = ? AND send_claims.content_hash = ?", (recipient, content_hash))
        return self._record(rows[0]) if rows else None

    def begin(
        self, *, kind: str, channel: str, recipient: str, address: str, subject: str, body: str,
        content_hash: str, action_ids: list[int],
    ) -> int | None:
        """Claim the message and record its attempt as pending, before it leaves; committed
        on return. None when another attempt holds the claim (this run must not send)."""
        with self._store.transaction() as db:
            held = db.execute("SELECT 1 FROM send_claims WHERE recipient = ? AND content_hash = ?",
                              (recipient, content_hash)).fetchone()
            if held is not None:
                return None
            cur = db.execute(
                "INSERT INTO sends(at, kind, channel, recipient, address, subject, body, content_hash, status)"
                " VALUES (?,?,?,?,?,?,?,?, 'pending')",
                (now_stamp(), kind, channel, recipient, address, subject, body, content_hash),
            )
            send_id = int(cur.lastrowid or 0)
            db.execute("INSERT INTO send_claims(recipient, content_hash, send_id, claimed_at) VALUES (?,?,?,?)",
                       (recipient, content_hash, send_id, now_stamp()))
            db.executemany(
                "INSERT OR IGNORE INTO send_actions(send_id, action_id)"
                " SELECT ?, id FROM actions WHERE id = ?",
                [(send_id, a) for a in sorted(set(action_ids))],
            )
        return send_id

    def settle(self, send_id: int, ok: bool, answer: str) -> None:
        """The server's answer: delivered keeps the claim, failed gives it up."""
        with self._store.transaction() as db:
            db.execute(
                "UPDATE sends SET status = ?, answer = ?, settled_at = ? WHERE id = ?",
                ("ok" if ok else "failed", answer, now_stamp(), send_id),
            )
            if not ok:
                db.execute("DELETE FROM send_claims WHERE send_id = ?", (send_id,))

    def settle_unconfirmed(self, send_id: int, delivered: bool) -> None:
        """Close an attempt that was cut off with no answer, as the user decided: recorded
        as delivered (the claim stays), or as failed so it may be sent again."""
        answer = ("no answer recorded; accepted as delivered (--accept-unconfirmed)" if delivered
                  else "no answer recorded; sent again (--retry-unconfirmed)")
        with self._store.transaction() as db:
            db.execute("UPDATE sends SET status = ?, answer = ?, settled_at = ? WHERE id = ? AND status = 'pending'",
                       ("ok" if delivered else "failed", answer, now_stamp(), send_id))
            if not delivered:
                db.execute("DELETE FROM send_claims WHERE send_id = ?", (send_id,))

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
