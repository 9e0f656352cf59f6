"""The send preview: exactly what would go where, then Ctrl+S sends it.

It shows a plan from the ``followup`` use case (follow-ups, reminders or an escalation): for each
message the channel, the recipient, whether it was already sent, and its text as the
recipient will read it. Nothing leaves before Ctrl+S; sending runs in a daemon thread
(SMTP and HTTP can take seconds), and afterwards each message shows what the server
answered. Text typed by users is shown as ``Content``, never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from facilitator.tui.errors import WorkerErrors, guarded
from facilitator.tui.keys import SEND_KEYS, bindings
from facilitator.tui.strings import tr
from facilitator.tui.threads import in_daemon_thread
from facilitator.tui.widgets.wrapped import Wrapped

if TYPE_CHECKING:
    from textual.worker import Worker

    from facilitator.followup import Followup
    from facilitator.model import Outcome, Outgoing, Plan, SendRecord

OUTCOME_STYLE = {"sent": "bold green", "already sent": "$text-muted", "failed": "bold red",
                 "unconfirmed": "bold yellow"}
STATE_STYLE = {"new": "bold $accent", "already sent": "$text-muted", "retry": "bold yellow",
               "unconfirmed": "bold yellow"}


def where(m: Outgoing, labels: Mapping[str, str]) -> str:
    """``邮件 → 吴工 <wu@example.com>`` / ``企业微信群 (https://…/send?key=…aaaa)``; ``labels``
    name each channel in the user's language (``Outbox.channel_labels``)."""
    channel = labels.get(m.channel, m.channel)
    if m.channel == "email":
        return f"{channel} → {m.recipient} <{m.address}>"
    return f"{channel} ({m.shown_address})"


def plan_content(plan: Plan, states: Sequence[str], lang: str, labels: Mapping[str, str],
                 outcomes: list[Outcome] | None = None, unreachable: Sequence[str] = ()) -> Content:
    lines: list[Content] = []
    if unreachable:
        lines.append(Content.styled(tr(lang, "send_unreachable"), "bold yellow"))
        lines += [Content.styled(f"  {note}", "$text-muted") for note in unreachable]
        lines.append(Content(""))
    if not plan.messages:
        lines.append(Content.styled(tr(lang, "send_nothing"), "$text-muted"))
    for i, (m, state) in enumerate(zip(plan.messages, states, strict=True)):
        if outcomes is not None:
            o = outcomes[i]
            badge = Content.styled(f"[{tr(lang, f'outcome_{o.status}')}] {o.answer}", OUTCOME_STYLE[o.status])
        else:
            badge = Content.styled(f"[{tr(lang, f'state_{state}')}]", STATE_STYLE[state])
        lines.append(Content.assemble((where(m, labels), "bold"), " ", badge))
        lines.append(Content.styled(tr(lang, "send_subject", subject=m.subject), "$text-muted"))
        if m.mobiles:
            lines.append(Content.styled(tr(lang, "send_mentions", mobiles=", ".join(m.mobiles)), "$text-muted"))
        lines += [Content(f"  {line}") for line in m.body.rstrip("\n").splitlines()]
        lines.append(Content(""))
    return Content("\n").join(lines)


def log_content(records: list[SendRecord], lang: str, labels: Mapping[str, str]) -> Content:
    """The send log of one action, for the board's history box."""
    lines = [Content.styled(tr(lang, "log_title"), "bold $accent")]
    for r in records:
        who = r.recipient if r.channel == "email" else tr(lang, "to_group")
        style = {"ok": "green", "failed": "bold red", "pending": "yellow"}[r.status]
        lines.append(Content.assemble(
            (f"{r.at[:16].replace('T', ' ')}  ", "$text-muted"), f"{labels.get(r.channel, r.channel)} → {who}  ",
            (tr(lang, f"log_{r.status}"), style), (f"  {r.answer or ''}", "$text-muted"),
        ))
    return Content("\n").join(lines)


class SendPreview(WorkerErrors, ModalScreen[bool]):
    """Preview of a plan; dismissed with True when something was sent."""

    KEYS = SEND_KEYS
    BINDINGS = bindings(KEYS, "zh")

    def __init__(self, followup: Followup, plan: Plan, lang: str, title: str) -> None:
        super().__init__()
        self.followup = followup
        self.plan = plan
        self.lang = lang
        self.title_text = title
        self.outcomes: list[Outcome] | None = None
        self.sending = False

    def compose(self) -> ComposeResult:
        with Vertical(id="send-box"):
            yield Static(Content.styled(self.title_text, "bold $accent"), id="send-title")
            yield Static(tr(self.lang, "send_hint"), id="send-hint", markup=False)
            with VerticalScroll(id="send-scroll"):
                # wrapped by the app's Chinese line-break rule (``linebreak``), as the delivery view is
                yield Wrapped(id="send-body", markup=False, hang=2)
            yield Static(id="send-status", markup=False)
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.show()
        self.query_one("#send-scroll").focus()

    @guarded
    def show(self) -> None:
        states = self.followup.states(self.plan)
        self.query_one("#send-body", Wrapped).update(plan_content(
            self.plan, states, self.lang, self.followup.channel_labels(self.lang), self.outcomes,
            self.followup.unreachable(self.plan, self.lang)))

    def action_send(self) -> None:
        if self.sending or self.outcomes is not None or not self.plan.messages:
            return
        self.sending = True
        self.query_one("#send-status", Static).update(tr(self.lang, "send_sending"))
        self.run_worker(self._send(), exclusive=True, exit_on_error=False, name="send")

    async def _send(self) -> None:
        try:
            outcomes = await in_daemon_thread(self.followup.send, self.plan)
        finally:
            self.sending = False
        self.outcomes = outcomes
        self.show()
        counts: dict[str, int] = {s: sum(1 for o in outcomes if o.status == s)
                                  for s in ("sent", "already sent", "failed")}
        summary = tr(self.lang, "send_done", sent=counts["sent"], skipped=counts["already sent"],
                     failed=counts["failed"])
        if counts["failed"]:
            summary += " · " + tr(self.lang, "send_failed_note")
        self.query_one("#send-status", Static).update(summary)
        self.notify(summary, severity="warning" if counts["failed"] else "information", markup=False, timeout=8)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        super().on_worker_state_changed(event)
        if event.worker.name == "send" and event.worker.is_finished and self.outcomes is None:
            self.query_one("#send-status", Static).update("")

    def action_close(self) -> None:
        if not self.sending:
            self.dismiss(self.outcomes is not None)
