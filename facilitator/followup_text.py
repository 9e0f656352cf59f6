"""Follow-up text shared by the tracker and the outbox: which actions a follow-up is
about, grouped by owner, each as one Markdown line with its date and whether it is late
or stuck.

A core module (no store, no sending): the tracker writes these lines to files, the
outbox mails them and posts them to group robots, so both read them from here.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from facilitator.drafting.render import inline
from facilitator.labels import term
from facilitator.model import Action, Language, UserError

if TYPE_CHECKING:
    from facilitator.store import Store

NO_OWNER = "—"


class Scope(NamedTuple):
    """What a follow-up is about: the actions, the language and the meeting or order."""

    actions: list[Action]
    lang: Language
    about: str
    order: str


def followup_scope(store: Store, meeting_id: int | None = None, order: str | None = None) -> Scope:
    """For a meeting: its own actions plus what earlier meetings on the order still owe
    (dropped ones left out). For an order: everything outstanding on it. The language
    is the meeting's (for an order, the latest meeting's)."""
    if meeting_id is not None:
        meeting = store.get_meeting(meeting_id)
        actions = [a for a in meeting.carried_actions + meeting.actions if a.status != "dropped"]
        return Scope(actions, meeting.language, meeting.title, meeting.order_ref)
    order = (order or "").strip()
    if not order:
        raise UserError("name a meeting or an order")
    meetings = store.meetings_for_order(order)
    if not meetings:
        raise UserError("no meeting on order {order!r}", order=order)
    latest_id = meetings[-1].id
    assert latest_id is not None  # a stored meeting has its id
    latest = store.get_meeting(latest_id)
    return Scope(list(store.list_actions(open_only=True, order=order)), latest.language, latest.title, order)


def by_owner_of(actions: list[Action]) -> dict[str, list[Action]]:
    """Actions grouped by owner (``NO_OWNER`` for unowned ones), owners sorted."""
    groups: dict[str, list[Action]] = {}
    for a in actions:
        groups.setdefault(a.owner or NO_OWNER, []).append(a)
    return dict(sorted(groups.items()))


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
    order_part = t["order"].format(order=inline(order)) if order else ""
    lines = [f"# {t['title'].format(owner=inline(owner))}", ""]
    if owner == NO_OWNER:
        lines += [t["nobody"].format(order=order_part), ""]
    else:
        lines += [t["greeting"].format(owner=inline(owner)), "",
                  t["intro"].format(about=inline(about), order=order_part), ""]
    for a in by_due(actions):
        lines.append(action_line(a, lang, about, as_of))
    return "\n".join(lines) + "\n"


def by_due(actions: list[Action]) -> list[Action]:
    """Earliest due first, undated last: the order people should work in."""
    return sorted(actions, key=lambda a: (a.due is None, a.due or date.max, a.id or 0))


def action_line(a: Action, lang: Language, about: str, as_of: date) -> str:
    """One Markdown list item: the action, its date, and whether it is late or stuck."""
    t = FOLLOWUP_TEXT[lang]
    box = "x" if a.status == "done" else " "
    parts = [t["due"].format(due=a.due.isoformat()) if a.due else t["no_due"]]
    if a.status == "done":
        parts.append(t["done"])
    elif a.status == "blocked":
        parts.append(term(lang, "blocked"))
    if a.is_overdue(as_of) and a.due is not None:
        parts.append(t["overdue"].format(days=(as_of - a.due).days))
    if a.reason and a.status == "blocked":
        parts.append(t["reason"].format(reason=inline(a.reason)))
    if a.meeting_title and a.meeting_title != about:
        parts.append(t["origin"].format(meeting=inline(a.meeting_title)))
    if lang == "en":
        return f"- [{box}] {inline(a.action)} ({'; '.join(parts)})"
    return f"- [{box}] {inline(a.action)}（{'；'.join(parts)}）"
