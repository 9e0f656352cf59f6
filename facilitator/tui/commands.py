"""Command palette (Ctrl+P): jump to a stage, search cases, draft, export, the actions board, and more.

The palette is the way in for people who forget keys: every command names what it
does in the meeting's language, and typing any other text offers a case search for
exactly that text.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from facilitator.tui.strings import tr


class FacilitatorCommands(Provider):
    """Commands of the screen the palette was opened from."""

    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        from facilitator.tui.screens.meeting import MeetingScreen

        screen: Any = self.screen
        app: Any = self.app
        lang = getattr(screen, "lang", getattr(app, "lang", "zh"))
        cmds: list[tuple[str, Callable[[], object], str]] = []
        if isinstance(screen, MeetingScreen):
            for i, stage in enumerate(screen.stages, 1):
                cmds.append((tr(lang, "cmd_stage", stage=f"{i} {stage.title(lang)}"),
                             partial(screen.move_to, stage.id), stage.goal(lang)))
            for action in ("search_cases", "draft", "export", "add_participant", "meetings"):
                cmds.append((tr(lang, action), getattr(screen, f"action_{action}"), ""))
            cmds.append((tr(lang, "go_suggestions"), screen.action_suggestions, ""))
            if screen.closed:
                cmds.append((tr(lang, "reopen_meeting"), screen.action_reopen_meeting, ""))
            else:
                cmds.append((tr(lang, "close_meeting"), app.action_close_meeting, tr(lang, "review_hint")))
            cmds.append((tr(lang, "delivery"), app.action_delivery, screen.meeting.order_ref))
            cmds.append((tr(lang, "followups"), app.action_followups, tr(lang, "followups_hint")))
            cmds.append((tr(lang, "send_followups"), app.action_send_followups, tr(lang, "send_followups_hint")))
            cmds.append((tr(lang, "send_reminders"), app.action_send_reminders,
                         tr(lang, "send_reminders_hint", days=app.REMIND_WITHIN)))
        elif hasattr(screen, "action_new_meeting"):
            cmds.append((tr(lang, "new_meeting"), screen.action_new_meeting, ""))
        if hasattr(screen, "action_group_by"):  # the actions board
            for action in ("group_by", "outstanding_only"):
                cmds.append((tr(lang, action), getattr(screen, f"action_{action}"), ""))
            cmds.append((tr(lang, "delivery"), app.action_delivery, ""))
            cmds.append((tr(lang, "followups"), app.action_followups, tr(lang, "followups_hint")))
            cmds.append((tr(lang, "send_followups"), app.action_send_followups, tr(lang, "send_followups_hint")))
            cmds.append((tr(lang, "send_reminders"), app.action_send_reminders,
                         tr(lang, "send_reminders_hint", days=app.REMIND_WITHIN)))
            if screen.stuck() is not None:
                cmds.append((tr(lang, "escalate"), screen.action_escalate, tr(lang, "escalate_hint")))
        else:
            cmds.append((tr(lang, "actions_board"), app.action_actions_board, tr(lang, "board_tooltip")))
        cmds.append((tr(lang, "help"), app.action_help, ""))
        cmds.append((tr(lang, "toggle_theme"), app.action_toggle_theme, ""))
        return cmds

    async def discover(self) -> Hits:
        for name, callback, help_text in self._commands():
            yield DiscoveryHit(Content(name), callback, help=help_text or None)

    async def search(self, query: str) -> Hits:
        from facilitator.tui.screens.meeting import MeetingScreen

        matcher = self.matcher(query)
        for name, callback, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text or None)
        screen = self.screen
        if isinstance(screen, MeetingScreen) and query.strip():
            lang = screen.lang
            yield Hit(
                0.01,
                Content(tr(lang, "cmd_search", query=query.strip())),
                partial(screen.search_for, query.strip()),
                help=tr(lang, "cmd_search_help"),
            )
