"""Follow-up tracking: one ledger of commitments across meetings, until delivery.

A coordination meeting only helps if what people promised in it gets done, and the
next meeting on the same order starts from what is still owed. The tracker keeps
each action with its meeting of origin, its status history and a reason when it is
blocked or dropped; it carries outstanding actions into the next meeting on the same
order, reviews them when a meeting closes, and writes the follow-up message each
owner receives.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from facilitator.drafting.render import LABELS, inline
from facilitator.model import (
    ACTION_STATUSES,
    OUTSTANDING,
    Action,
    ActionEvent,
    Language,
    Meeting,
    UserError,
)

if TYPE_CHECKING:
    from facilitator.service import Service

NO_OWNER = "—"


@dataclass
class Review:
    """What the room said about one action when the meeting closed."""

    action_id: int
    status: str
    due: date | None = None
    reason: str | None = None


@dataclass
class Delivery:
    """Where one order stands: its meetings in order, and every action with its history."""

    order: str
    meetings: list[Meeting] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    history: dict[int, list[ActionEvent]] = field(default_factory=dict)

    def outstanding(self) -> list[Action]:
        return [a for a in self.actions if a.status in OUTSTANDING]

    def to_json(self, as_of: date) -> dict[str, Any]:
        return {
            "order": self.order,
            "customer": next((m.customer for m in reversed(self.meetings) if m.customer), ""),
            "meetings": [
                dict(
                    m.summary_json(), status=m.status, stage=m.stage,
                    responsibilities=[r.to_json() for r in m.responsibilities],
                    decisions=[i.text for i in m.decisions],
                    obstacles=[i.text for i in m.obstacles],
                )
                for m in self.meetings
            ],
            "actions": [
                dict(a.ledger_json(as_of), history=[e.to_json() for e in self.history.get(a.id or 0, [])])
                for a in self.actions
            ],
            "outstanding": len(self.outstanding()),
            "overdue": sum(1 for a in self.actions if a.is_overdue(as_of)),
        }


class Tracker:
    """Follow-up use cases over the service's store (the TUI and CLI call these)."""

    def __init__(self, service: Service) -> None:
        self._service = service

    @property
    def _store(self) -> Any:
        return self._service.store

    def _has_data(self) -> bool:
        from facilitator import locations

        return locations.database_path(self._service.home).exists()

    # -- the ledger -------------------------------------------------------------------

    def actions(
        self,
        open_only: bool = False,
        owner: str | None = None,
        order: str | None = None,
        overdue_on: date | None = None,
    ) -> list[Action]:
        """Actions across meetings; ``overdue_on`` keeps those still owed and due before it."""
        if not self._has_data():
            return []
        return list(
            self._store.list_actions(open_only=open_only, owner=owner, order=order, due_before=overdue_on)
        )

    def action(self, action_id: int) -> Action:
        return self._store.get_action(action_id)  # type: ignore[no-any-return]

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
            reason = (reason or "").strip() or None
            if status in ("blocked", "dropped") and not reason:
                raise UserError(f"an action marked {status} needs a reason")
            action.status = status
            action.reason = reason
        if due is not None or clear_due:
            action.due = due
        self._store.update_action(action, in_meeting=in_meeting)
        return self._store.get_action(action_id)  # type: ignore[no-any-return]

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
            raise UserError(f"no meeting on order {order!r}")
        full = [self._store.get_meeting(m.id) for m in meetings]
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
        as_of = as_of or date.today()
        if meeting_id is not None:
            meeting = self._store.get_meeting(meeting_id)
            actions = [a for a in meeting.carried_actions + meeting.actions if a.status != "dropped"]
            lang: Language = meeting.language
            about = meeting.title
            order_ref = meeting.order_ref
        elif order:
            meetings = self.delivery(order).meetings
            actions = self.actions(open_only=True, order=order)
            lang = meetings[-1].language
            about = meetings[-1].title
            order_ref = order
        else:
            raise UserError("name a meeting or an order")
        by_owner: dict[str, list[Action]] = {}
        for a in actions:
            by_owner.setdefault(a.owner or NO_OWNER, []).append(a)
        if owner is not None:
            if owner not in by_owner:
                raise UserError(f"{owner} has no actions here")
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


FOLLOWUP_TEXT = {
    "zh": {
        "title": "跟进事项：{owner}",
        "greeting": "{owner}，您好：",
        "intro": "「{about}」之后，请跟进以下由您负责的事项{order}，按时完成；如遇阻碍请尽早告知，我们一起协调资源。",
        "order": "（订单 {order}）",
        "nobody": "以下事项尚未指定负责人，请在下次会议前确认{order}。",
        "due": "截止 {due}",
        "no_due": "截止日期未定，请回复一个日期",
        "overdue": "已逾期 {days} 天",
        "reason": "受阻原因：{reason}",
        "origin": "来自会议 {meeting}",
        "done": "已完成，谢谢",
    },
    "en": {
        "title": "Follow-up: {owner}",
        "greeting": "Hello {owner},",
        "intro": "After \"{about}\", these are the items you own{order}. Please finish each by its date; "
                 "if something blocks you, say so early and we will find the resources together.",
        "order": " (order {order})",
        "nobody": "Nobody owns these yet; please confirm an owner before the next meeting{order}.",
        "due": "due {due}",
        "no_due": "no date yet; please reply with one",
        "overdue": "overdue by {days} days",
        "reason": "blocked: {reason}",
        "origin": "from meeting {meeting}",
        "done": "done, thank you",
    },
}  # fmt: skip


def followup_markdown(
    owner: str, actions: list[Action], lang: Language, about: str, order: str, as_of: date
) -> str:
    t = FOLLOWUP_TEXT[lang]
    status_label = LABELS[lang]
    order_part = t["order"].format(order=inline(order)) if order else ""
    lines = [f"# {t['title'].format(owner=inline(owner))}", ""]
    if owner == NO_OWNER:
        lines += [t["nobody"].format(order=order_part), ""]
    else:
        lines += [t["greeting"].format(owner=inline(owner)), "",
                  t["intro"].format(about=inline(about), order=order_part), ""]
    for a in sorted(actions, key=lambda a: (a.due is None, a.due or date.max, a.id or 0)):
        box = "x" if a.status == "done" else " "
        parts = [t["due"].format(due=a.due.isoformat()) if a.due else t["no_due"]]
        if a.status == "done":
            parts.append(t["done"])
        elif a.status == "blocked":
            parts.append(status_label["blocked"])
        if a.is_overdue(as_of) and a.due is not None:
            parts.append(t["overdue"].format(days=(as_of - a.due).days))
        if a.reason and a.status == "blocked":
            parts.append(t["reason"].format(reason=inline(a.reason)))
        if a.meeting_title and a.meeting_title != about:
            parts.append(t["origin"].format(meeting=inline(a.meeting_title)))
        sep = "；" if lang == "zh" else "; "
        lines.append(f"- [{box}] {inline(a.action)} ({sep.join(parts)})" if lang == "en"
                     else f"- [{box}] {inline(a.action)}（{sep.join(parts)}）")
    return "\n".join(lines) + "\n"
