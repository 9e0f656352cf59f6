"""Delivery view (Ctrl+O): where one order stands, from its first meeting to now.

A timeline of the order's meetings (date, title, open or closed), the responsibilities
each one settled, and every action with its status history, all from
``service.followup.delivery(order)``. Built as ``Content`` in a ``Static``: titles,
names and reasons are typed by users and are never parsed as markup.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen

from facilitator.model import OUTSTANDING
from facilitator.tui.keys import MODAL_KEYS, bindings
from facilitator.tui.screens.board import event_line
from facilitator.tui.strings import tr
from facilitator.tui.widgets.carried import MARKS
from facilitator.tui.widgets.wrapped import Wrapped

if TYPE_CHECKING:
    from facilitator.model import Delivery


def aside(text: str, lang: str) -> str:
    """A remark after an item: ``（…）`` right after it in Chinese, `` (…)`` in English."""
    return f"（{text}）" if lang == "zh" else f"  ({text})"


def delivery_content(d: Delivery, lang: str, today: date) -> Content:
    t = lang
    customer = next((m.customer for m in reversed(d.meetings) if m.customer), "")
    owed = len(d.outstanding())
    overdue = sum(1 for a in d.actions if a.is_overdue(today))
    head = [tr(t, "delivery_summary", open=owed, overdue=overdue, date=today.isoformat())]
    if customer:
        head.insert(0, tr(t, "delivery_customer", customer=customer))
    lines: list[Content] = [Content.styled(" · ".join(head), "$text-muted"), Content("")]

    lines.append(Content.styled(tr(t, "delivery_meetings"), "bold $accent"))
    for m in d.meetings:
        when = m.date.isoformat() if m.date else (m.created_at or "")[:10]
        status = tr(t, "meeting_status_closed" if m.status == "closed" else "meeting_open")
        lines.append(Content.assemble(
            (f" {when:<11}", "bold"), m.title, (f"  #{m.id} · {status}", "$text-muted"),
        ))

    lines += [Content(""), Content.styled(tr(t, "delivery_responsibilities"), "bold $accent")]
    rows = [(m, r) for m in d.meetings for r in m.responsibilities]
    for m, r in rows:
        owner = r.owner or tr(t, "nobody")
        style = "bold yellow" if r.status == "disputed" else ""
        lines.append(Content.assemble(
            " ", (owner, style or "bold"), " ← ", r.item,
            (aside(f"{tr(t, r.status)}{' · ' + r.basis if r.basis else ''} · {m.title}", t), "$text-muted"),
        ))
    if not rows:
        lines.append(Content.styled(f" {tr(t, 'none_here')}", "$text-muted"))

    lines += [Content(""), Content.styled(tr(t, "delivery_actions"), "bold $accent")]
    for a in d.actions:
        due = a.due.isoformat() if a.due else tr(t, "no_due")
        late = a.is_overdue(today)
        status_style = "bold red" if late else ("" if a.status in OUTSTANDING else "green")
        lines.append(Content.assemble(
            (f" {MARKS.get(a.status, '?')} {tr(t, a.status)}  ", status_style),
            (a.owner or tr(t, "nobody"), "bold"), f" · {due}", (f" {tr(t, 'overdue_days', days=(today - a.due).days)}"
                                                               if late and a.due else "", "bold red"),
            " · ", a.action, (aside(a.meeting_title, t) if a.meeting_title else "", "$text-muted"),
        ))
        for e in d.history.get(a.id or 0, []):
            lines.append(Content.assemble("     ", event_line(e, t)))
    if not d.actions:
        lines.append(Content.styled(f" {tr(t, 'none_here')}", "$text-muted"))
    return Content("\n").join(lines)


class DeliveryScreen(ModalScreen[None]):
    """One order's meetings, responsibilities and actions with their history; Esc closes."""

    KEYS = MODAL_KEYS
    BINDINGS = bindings(KEYS, "zh")
    DEFAULT_CLASSES = "modal-reader"

    def __init__(self, delivery: Delivery, lang: str, today: date) -> None:
        super().__init__()
        self.delivery = delivery
        self.lang = lang
        self.content = delivery_content(delivery, lang, today)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="reader") as box:
            box.border_title = Content(tr(self.lang, "delivery_title", order=self.delivery.order))
            # wrapped by the kinsoku rule: Textual broke a line at its last space, leaving
            # an action's text alone on the next line, or began a line with ）
            yield Wrapped(self.content, id="delivery-text", markup=False, hang=2)

    def action_close(self) -> None:
        self.dismiss(None)
