"""Follow-up tracking: one ledger of commitments across meetings, until delivery.

A coordination meeting only helps if what people promised in it gets done, and the
next meeting on the same order starts from what is still owed. The tracker keeps
each action with its meeting of origin, its status history and a reason when it is
blocked or dropped; it carries outstanding actions into the next meeting on the same
order, reviews them when a meeting closes, and writes the follow-up message each
owner receives.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, cast

from facilitator.model import (
    ACTION_STATUSES,
    OUTSTANDING,
    Action,
    ActionEvent,
    ActionStatus,
    Delivery,
    Meeting,
    Review,
    UserError,
)

__all__ = ["Delivery", "Review", "Tracker"]

if TYPE_CHECKING:
    from facilitator.store import Store


class Tracker:
    """Follow-up use cases over one meeting store (the service builds it; TUI and CLI call it).

    It takes the store as a callable because opening the store creates the home: a
    read-only question (``actions`` on a fresh machine) asks ``database`` whether there
    is anything to read before it opens anything.
    """

    def __init__(self, store: Callable[[], Store], database: Path | None) -> None:
        self._open_store = store
        self._database = database

    @property
    def _store(self) -> Store:
        return self._open_store()

    def _has_data(self) -> bool:
        """None for a team's server: there is always a record to ask."""
        return self._database is None or self._database.exists()

    # -- the ledger -------------------------------------------------------------------

    def actions(
        self,
        open_only: bool = False,
        owner: str | None = None,
        order: str | None = None,
        overdue_on: date | None = None,
        by: str | None = None,
    ) -> list[Action]:
        """Actions across meetings; ``overdue_on`` keeps those still owed and due before it;
        ``by`` those recorded by that person (``[me] name``)."""
        if not self._has_data():
            return []
        return list(
            self._store.list_actions(open_only=open_only, owner=owner, order=order, due_before=overdue_on, by=by)
        )

    def action(self, action_id: int) -> Action:
        return self._store.get_action(action_id)

    def history(self, action_id: int) -> list[ActionEvent]:
        self._store.get_action(action_id)  # one clear error for an unknown id
        return list(self._store.action_history(action_id))

    def update(
        self,
        action_id: int,
        status: str | None = None,
        reason: str | None = None,
        due: date | None = None,
        clear_due: bool = False,
        in_meeting: int | None = None,
    ) -> Action:
        """Change an action's status and/or due date; each change lands in its history.

        Blocked and dropped need a reason: whoever reads the ledger next must know
        what to unblock or why the promise was withdrawn.
        """
        action = self._store.get_action(action_id)
        if status is not None:
            if status not in ACTION_STATUSES:
                raise UserError(f"unknown action status {status!r}; choose one of {', '.join(ACTION_STATUSES)}")
            reason = Action.reason_for(status, reason)
            action.status = cast(ActionStatus, status)  # checked against ACTION_STATUSES above
            action.reason = reason
        if due is not None or clear_due:
            action.due = due
        self._store.update_action(action, in_meeting=in_meeting)
        return self._store.get_action(action_id)

    # -- meetings on one order --------------------------------------------------------

    def linked(self, meeting_id: int) -> list[Meeting]:
        return list(self._store.linked_meetings(meeting_id))

    def carried(self, meeting_id: int) -> list[Action]:
        return list(self._store.carried_actions(meeting_id))

    def to_review(self, meeting_id: int) -> list[Action]:
        """Everything still owed that the closing round should ask about: what earlier
        meetings carried in, then this meeting's own open and blocked actions."""
        meeting = self._store.get_meeting(meeting_id)
        return [a for a in meeting.carried_actions + meeting.actions if a.status in OUTSTANDING]

    def close_meeting(self, meeting_id: int, reviews: list[Review]) -> None:
        """Apply the closing round's answers (each one committed) and mark the meeting closed."""
        for r in reviews:
            current = self._store.get_action(r.action_id)
            status_change = r.status if r.status != current.status or r.reason != current.reason else None
            due_change = r.due if r.due != current.due else None
            if status_change is None and due_change is None:
                continue
            self.update(r.action_id, status=status_change or None, reason=r.reason, due=due_change,
                        in_meeting=meeting_id)
        from datetime import datetime

        self._store.update_meeting(
            meeting_id, status="closed", closed_at=datetime.now().astimezone().isoformat(timespec="seconds")
        )

    def delivery(self, order: str) -> Delivery:
        order = order.strip()
        if not order:
            raise UserError("name an order reference")
        meetings = self._store.meetings_for_order(order) if self._has_data() else []
        if not meetings:
            raise UserError("no meeting on order {order!r}", order=order)
        full = [self._store.get_meeting(m.id) for m in meetings if m.id is not None]
        actions = self.actions(order=order)
        history = {a.id: self._store.action_history(a.id) for a in actions if a.id is not None}
        return Delivery(order=order, meetings=full, actions=actions, history=history)

    # -- follow-up messages ---------------------------------------------------------

    def followups(
        self,
        meeting_id: int | None = None,
        order: str | None = None,
        owner: str | None = None,
        as_of: date | None = None,
    ) -> dict[str, str]:
        """One Markdown message per owner: what they committed to and by when.

        For a meeting: its own actions plus what earlier meetings on the order still
        owe. For an order: everything outstanding on it. The language is the meeting's
        (for an order, the latest meeting's).
        """
        # imported here: the message text (and the drafting it reads) is not on the ledger's path
        from facilitator.followup_text import by_owner_of, followup_markdown, followup_scope

        as_of = as_of or date.today()
        actions, lang, about, order_ref = followup_scope(self._store, meeting_id, order)
        by_owner = by_owner_of(actions)
        if owner is not None:
            if owner not in by_owner:
                raise UserError("{owner} has no actions here", owner=owner)
            by_owner = {owner: by_owner[owner]}
        return {
            name: followup_markdown(name, items, lang, about, order_ref, as_of)
            for name, items in sorted(by_owner.items())
        }

    def write_followups(
        self,
        folder: Path,
        meeting_id: int | None = None,
        order: str | None = None,
        owner: str | None = None,
        as_of: date | None = None,
        replace: bool = True,
    ) -> list[Path]:
        """``followups(...)`` as one Markdown file per owner in ``folder``, ready to send.

        Names say where they come from and for whom (``followup-meeting-2-李经理.md``), so
        writing again replaces the earlier files instead of piling up copies; with
        ``replace=False`` (the command line without --force) nothing is written when one
        of them is already there.
        """
        from facilitator.files import safe_name, write_text_atomic

        messages = self.followups(meeting_id=meeting_id, order=order, owner=owner, as_of=as_of)
        if folder.exists() and not folder.is_dir():
            raise UserError(f"{folder}: is a file; give a folder")
        folder.mkdir(parents=True, exist_ok=True)
        stem = safe_name(f"meeting-{meeting_id}" if meeting_id is not None else f"order-{order}")
        targets = {folder / f"followup-{stem}-{safe_name(name) or 'unassigned'}.md": text
                   for name, text in messages.items()}
        there = [p for p in targets if p.exists()]
        if there and not replace:
            more = f" and {len(there) - 1} more" if len(there) > 1 else ""
            raise UserError(f"{there[0]}{more}: already exist; add --force to replace them")
        return [write_text_atomic(path, text) for path, text in targets.items()]

