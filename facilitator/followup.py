"""Use case: follow-up — the ledger of commitments across meetings (``tracking.py``) and
the messages that reach their owners through the channels (``outreach.py``).

One object answers every follow-up question the CLI and the TUI ask: what is owed and
by whom, each action's history, the closing review, an order's delivery view, the
per-owner messages, and the plans that send them once through mail or a group robot.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from facilitator import locations
from facilitator.config import Settings
from facilitator.model import Outcome, Plan, SendRecord, State
from facilitator.tracking import Tracker

if TYPE_CHECKING:
    from facilitator.store import Store

__all__ = ["Followup"]


class Followup(Tracker):
    """The tracker's ledger plus delivery, over one store and one set of settings."""

    def __init__(self, home: Path, settings: Settings, store: Callable[[], Store]) -> None:
        super().__init__(store, None if settings.database else locations.database_path(home))
        self.home = home
        self.settings = settings

    def open_counts(self) -> dict[int, int]:
        """Open actions per meeting id, for the meeting list's "open actions" column."""
        counts: dict[int, int] = {}
        for a in self.actions(open_only=True):
            if a.meeting_id is not None:
                counts[a.meeting_id] = counts.get(a.meeting_id, 0) + 1
        return counts

    def folder(self) -> Path:
        """Where the TUI writes one follow-up message per owner (``exports/followup``)."""
        return locations.followups_dir(self.home)

    # -- delivery (see outreach.py) -------------------------------------------------

    def plan_followup(self, meeting_id: int | None = None, order: str | None = None,
                      as_of: date | None = None) -> Plan:
        from facilitator import outreach

        return outreach.plan_followup(self._store, self.settings, meeting_id=meeting_id, order=order, as_of=as_of)

    def plan_reminders(self, as_of: date | None = None, within: int = 3) -> Plan:
        from facilitator import outreach

        return outreach.plan_reminders(self._store, self.settings, as_of=as_of, within=within)

    def plan_escalation(self, action_id: int, as_of: date | None = None) -> Plan:
        from facilitator import outreach

        return outreach.plan_escalation(self._store, self.settings, action_id, as_of=as_of)

    def states(self, plan: Plan) -> list[State]:
        """Per message of ``plan``: ``new``, ``already sent`` or ``retry`` (failed before)."""
        from facilitator import outreach

        return outreach.states(self._store, plan)

    def send(self, plan: Plan, unconfirmed: str = "skip") -> list[Outcome]:
        """Deliver ``plan`` through the send log (network I/O: call it off the UI thread);
        ``unconfirmed``: ``skip``, ``retry`` or ``accept`` (see ``outreach.deliver``)."""
        from facilitator import outreach

        return outreach.deliver(self._store, self.settings, plan, unconfirmed)

    def sent(self, action_id: int) -> list[SendRecord]:
        """Every delivery attempt about this action, oldest first."""
        from facilitator import outreach

        return outreach.send_log(self._store, action_id)

    def unreachable(self, plan: Plan, lang: str) -> list[str]:
        """Who the plan cannot reach and why, each in ``lang``, for the send preview."""
        from facilitator.outreach_text import note_text

        return [note_text(note, lang) for note in plan.unreachable]

    def channel_labels(self, lang: str) -> dict[str, str]:
        """Each channel's name in ``lang`` (``{"wecom": "企业微信群", ...}``), for previews and logs."""
        from facilitator import channels

        return {c.name: c.label_in(lang) for c in channels.all_channels()}
