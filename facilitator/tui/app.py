"""The Textual app: screens, keymap, error reporting, signals and start-up tracing.

``run_app(service, meeting_id)`` is what ``facilitator`` and ``facilitator meet`` call.
Every edit is committed before it is shown, so stopping is simple: on quit, SIGTERM
or SIGHUP the only thing that can still be unsaved is text typed into the capture
box and not yet submitted; it is stored as a plain note, then the app exits and
Textual restores the terminal.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from datetime import date
from typing import TYPE_CHECKING, Any, TypedDict, cast

from textual.app import App, SystemCommand
from textual.command import CommandPalette
from textual.screen import Screen

from facilitator.model import Plan, UserError
from facilitator.tui.commands import FacilitatorCommands
from facilitator.tui.errors import said
from facilitator.tui.keys import APP_KEYS, bindings, key_display, localized
from facilitator.tui.screens.help import HelpScreen, key_sections
from facilitator.tui.screens.meeting import MeetingScreen
from facilitator.tui.screens.meetings import MeetingListScreen
from facilitator.tui.strings import tr

if TYPE_CHECKING:
    from textual.widget import Widget

    from facilitator.service import Service

TRACE_ENV = "FACILITATOR_TUI_TRACE"
"""If set, a file where the app appends ``event wall-time`` lines (bench/tui_start.py reads it)."""

THEMES = ("textual-dark", "textual-light")
EXIT_GRACE = 3.0
"""Seconds an exit on SIGTERM / SIGHUP may take before the process is ended regardless."""


class FollowupScope(TypedDict, total=False):
    """What "the follow-ups" means on the screen at hand: a meeting, or an order."""

    meeting_id: int | None
    order: str


class FacilitatorApp(App[int]):
    """The facilitator's companion in the terminal."""

    CSS_PATH = "facilitator.tcss"
    TITLE = "facilitator"
    BINDINGS = bindings(APP_KEYS, "zh")
    COMMANDS = App.COMMANDS | {FacilitatorCommands}

    def __init__(
        self,
        service: Service,
        meeting_id: int | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        today: Callable[[], date] = date.today,
        live_search: bool = True,
        search_delay: float = 0.4,
        handle_signals: bool = False,
        ask_name: bool = False,
    ) -> None:
        super().__init__()
        self.service = service
        self.start_meeting = meeting_id
        self.clock = clock
        self.today = today
        self.live_search = live_search
        self.search_delay = search_delay
        self.handle_signals = handle_signals
        self.ask_name = ask_name
        """Ask the user's name when ``[me] name`` is not set (a real run, not a test's app)."""
        self.lang = service.settings.language
        self.errors: list[BaseException] = []
        self._trace_path = os.environ.get(TRACE_ENV) or None
        self.theme = THEMES[0]
        if service.settings.keymap:
            self.set_keymap(dict(service.settings.keymap))

    def get_default_screen(self) -> Screen[Any]:
        return localized(MeetingListScreen, self.lang)(self.service.record, self.service.followup, self.lang, self.today)

    def on_mount(self) -> None:
        if self.handle_signals:
            self._install_signal_handlers()
        if self.start_meeting is not None:
            self.open_meeting(self.start_meeting)
        if self.ask_name and self.start_meeting is None and not self.service.settings.me.name:
            from facilitator.tui.screens.me import AskName

            self.push_screen(localized(AskName, self.lang)(self.lang), self._remember_name)
        self.call_after_refresh(self.trace, "first_frame", os.getpid())

    def _remember_name(self, name: str | None) -> None:
        if not name:
            return  # asked again on the next run
        try:
            self.service.record.remember_my_name(name)
        except Exception as exc:  # noqa: BLE001 - the meeting goes on; the error is shown and logged
            self.report_error(exc, "save [me] name")
            return
        self.notify(tr(self.lang, "me_saved", name=name))

    # -- navigation ----------------------------------------------------------------------

    def open_meeting(self, meeting_id: int) -> None:
        try:
            lang = self.service.settings.ui_language(self.service.record.meeting(meeting_id).language)
        except Exception as exc:  # noqa: BLE001 - a missing meeting is a notification
            self.report_error(exc, "open meeting")
            return
        screen = localized(MeetingScreen, lang)(
            self.service, meeting_id, clock=self.clock, today=self.today,
            live_search=self.live_search, search_delay=self.search_delay,
        )
        self.push_screen(screen)

    def show_meetings(self) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def action_help(self) -> None:
        screen = self.screen
        if isinstance(screen, HelpScreen):
            return
        lang = getattr(screen, "lang", self.lang)
        sections = key_sections(screen, lang)
        capture = bool(screen.query("#capture"))  # the capture syntax where there is a capture box
        self.push_screen(localized(HelpScreen, lang)(sections, dict(self.service.settings.keymap), lang, capture))

    # -- follow-up tracking ------------------------------------------------------------

    def action_actions_board(self) -> None:
        """F8 from anywhere: every action across meetings (a screen already there is reused)."""
        from facilitator.tui.screens.board import ActionsBoard

        if isinstance(self.screen, ActionsBoard):
            return
        for screen in self.screen_stack:
            if isinstance(screen, ActionsBoard):  # under a modal: go back to it
                while self.screen is not screen:
                    self.pop_screen()
                return
        below = self.screen
        lang = getattr(below, "lang", self.lang)
        board = localized(ActionsBoard, lang)(self.service.followup, self.service.record, lang, self.today)
        self.push_screen(board, lambda _: self._refresh_screen(below))

    def _refresh_screen(self, screen: Widget) -> None:
        """The record may have changed on the board: a meeting screen below reloads it."""
        refresh = getattr(screen, "refresh_all", None)
        if refresh is not None and screen.is_mounted:
            try:
                refresh()
            except Exception as exc:  # noqa: BLE001 - a notification, never a crash
                self.report_error(exc, "refresh after board")

    def action_close_meeting(self) -> None:
        """F10 in a meeting: the closing review of what is still owed, then the meeting is closed."""
        from facilitator.tui.screens.review import ClosingReview

        screen = self.screen
        if not isinstance(screen, MeetingScreen):
            return
        try:
            review = localized(ClosingReview, screen.lang)(self.service.followup, screen.lang, screen.meeting_id,
                                                            self.today)
        except Exception as exc:  # noqa: BLE001
            self.report_error(exc, "closing review")
            return
        self.push_screen(review, lambda closed: self._after_close(screen, bool(closed)))

    def _after_close(self, screen: MeetingScreen, closed: bool) -> None:
        if closed:
            self._refresh_screen(screen)
            self.notify(tr(screen.lang, "meeting_closed"), markup=False)

    def action_delivery(self, order: str | None = None) -> None:
        """Ctrl+O: the delivery view of the current meeting's order (on the board: the selected row's)."""
        from facilitator.tui.screens.delivery import DeliveryScreen

        screen: Any = self.screen
        lang = getattr(screen, "lang", self.lang)
        if order is None:
            if isinstance(screen, MeetingScreen):
                order = screen.meeting.order_ref
            elif hasattr(screen, "selected_order"):
                order = screen.selected_order()
        try:
            if not (order or "").strip():
                raise UserError(tr(lang, "no_order"))
            delivery = self.service.followup.delivery(order or "")
        except Exception as exc:  # noqa: BLE001 - a notification, never a crash
            self.report_error(exc, "delivery view")
            return
        self.push_screen(localized(DeliveryScreen, lang)(delivery, lang, self.today()))

    def action_followups(self) -> None:
        """A follow-up message per owner into ``exports/followup``: for the meeting on screen,
        or on the board for the selected action's order."""
        from facilitator.tui.screens.board import ActionsBoard

        screen = self.screen
        lang = getattr(screen, "lang", self.lang)
        folder = self.service.followup.folder()
        scope: FollowupScope = {}
        if isinstance(screen, MeetingScreen):
            scope = {"meeting_id": screen.meeting_id}
        elif isinstance(screen, ActionsBoard) and (action := screen.table.selected()) is not None:
            scope = {"order": action.order} if action.order else {"meeting_id": action.meeting_id}
        try:
            paths = self.service.followup.write_followups(folder, as_of=self.today(), **scope) if scope else []
        except Exception as exc:  # noqa: BLE001 - a notification, never a crash
            self.report_error(exc, "follow-up messages")
            return
        if paths:
            self.notify(tr(lang, "followups_written", n=len(paths), folder=str(folder)), markup=False, timeout=8)
        else:
            self.notify(tr(lang, "followups_none"), markup=False)

    REMIND_WITHIN = 3
    """Days ahead the reminders from the TUI look (the CLI's ``remind --within`` default)."""

    def _scope(self) -> dict[str, Any]:
        """What "the follow-ups" means here: the meeting on screen, or the board row's order."""
        from facilitator.tui.screens.board import ActionsBoard

        screen = self.screen
        if isinstance(screen, MeetingScreen):
            return {"meeting_id": screen.meeting_id}
        if isinstance(screen, ActionsBoard) and (action := screen.table.selected()) is not None:
            return {"order": action.order} if action.order else {"meeting_id": action.meeting_id}
        return {}

    def preview_send(self, plan: Plan, title: str) -> None:
        """Push the send preview of ``plan``; the screen below reloads when it closes."""
        from facilitator.tui.screens.outbox import SendPreview

        below = self.screen
        lang = getattr(below, "lang", self.lang)
        self.push_screen(localized(SendPreview, lang)(self.service.followup, plan, lang, title),
                         lambda _: self._refresh_screen(below))

    def action_send_followups(self) -> None:
        """Preview, then send, the follow-ups of the meeting on screen (board: the row's order)."""
        lang = getattr(self.screen, "lang", self.lang)
        scope = self._scope()
        try:
            if not scope:
                raise UserError(tr(lang, "followups_none"))
            plan = self.service.followup.plan_followup(as_of=self.today(), **scope)
            about = (self.service.record.meeting(scope["meeting_id"]).title if "meeting_id" in scope
                     else scope["order"])
        except Exception as exc:  # noqa: BLE001 - a notification, never a crash
            self.report_error(exc, "send follow-ups")
            return
        self.preview_send(plan, tr(lang, "send_title_followup", about=about))

    def action_send_reminders(self) -> None:
        """Preview, then send, today's reminders across all meetings."""
        lang = getattr(self.screen, "lang", self.lang)
        try:
            plan = self.service.followup.plan_reminders(as_of=self.today(), within=self.REMIND_WITHIN)
        except Exception as exc:  # noqa: BLE001
            self.report_error(exc, "reminders")
            return
        self.preview_send(plan, tr(lang, "send_title_remind", date=self.today().isoformat()))

    def screen_lang(self) -> str:
        """The language on screen: the meeting's inside a meeting, else the UI language."""
        for screen in reversed(self.screen_stack):
            lang = getattr(screen, "lang", None)
            if lang:
                return str(lang)
        return str(self.lang)

    def action_help_quit(self) -> None:
        """Ctrl+C does not quit (it copies in a text box): say how to, in the screen's language
        (Textual's own note is in English)."""
        lang = self.screen_lang()
        for key, active in self.active_bindings.items():
            if active.binding.action in ("quit", "app.quit"):
                self.notify(tr(lang, "quit_hint", keys=key_display(key)), title=tr(lang, "quit_title"),
                            markup=False)
                return

    def action_command_palette(self) -> None:
        """The palette with its placeholder in the screen's language."""
        if self.use_command_palette and not CommandPalette.is_open(cast(Any, self)):
            self.push_screen(CommandPalette(placeholder=tr(self.screen_lang(), "palette_placeholder"),
                                            id="--command-palette"))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's built-in commands are English; ours say the same in the screen's language."""
        lang = getattr(screen, "lang", self.lang)
        yield SystemCommand(tr(lang, "quit"), tr(lang, "quit_help"), self.action_quit)

    def action_toggle_theme(self) -> None:
        self.theme = THEMES[1] if self.theme == THEMES[0] else THEMES[0]

    # -- errors --------------------------------------------------------------------------

    def report_error(self, exc: BaseException, context: str = "") -> None:
        """One notification per failure; details of unexpected ones go to the home's log."""
        self.errors.append(exc)
        lang = getattr(self.screen, "lang", self.lang)
        if isinstance(exc, UserError):
            self.notify(tr(lang, "error", error=said(exc, lang)), severity="warning", markup=False, timeout=8)
            return
        detail = "".join(traceback.format_exception(exc))
        log = None
        with contextlib.suppress(Exception):  # reporting must never fail
            log = self.service.doctor.log_error(f"{time.strftime('%Y-%m-%d %H:%M:%S')} {context}\n{detail}")
        message = tr(lang, "internal_error", error=f"{type(exc).__name__}: {exc}")
        if log is not None:
            message += f"\n{log}"
        self.notify(message, severity="error", markup=False, timeout=10)

    # -- stopping --------------------------------------------------------------------------

    def save_pending(self) -> None:
        """Store text still in any capture box; called before every exit."""
        for screen in self.screen_stack:
            if isinstance(screen, MeetingScreen):
                try:
                    screen.save_unsent()
                except Exception as exc:  # noqa: BLE001 - keep going: exit anyway
                    self.report_error(exc, "save unsent text")

    async def action_quit(self) -> None:
        self.save_pending()
        self.exit(0)

    def _install_signal_handlers(self) -> None:
        import asyncio

        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGHUP):
            loop.add_signal_handler(sig, self.stop_on_signal, sig)

    def stop_on_signal(self, sig: int) -> None:
        """SIGTERM / SIGHUP: keep unsent text, then leave cleanly (terminal restored).

        After a hangup the terminal is gone and Textual's shutdown can block writing to
        it, so a watchdog ends the process if the orderly exit has not happened within
        ``EXIT_GRACE`` seconds: by then everything is committed.
        """
        self.trace("signal", int(sig))
        self.save_pending()
        if self.handle_signals:
            watchdog = threading.Timer(EXIT_GRACE, self._force_exit)
            watchdog.daemon = True
            watchdog.start()
        self.exit(0)

    def _force_exit(self) -> None:
        self.trace("forced_exit")
        with contextlib.suppress(Exception):
            self.service.close()
        os._exit(0)

    # -- tracing ----------------------------------------------------------------------------

    def trace(self, event: str, value: object = "") -> None:
        """Append ``event time value`` to the trace file, when ``FACILITATOR_TUI_TRACE`` is set."""
        if not self._trace_path:
            return
        try:
            with open(self._trace_path, "a", encoding="utf-8") as fh:
                fh.write(f"{event} {time.time():.6f} {value}\n")
        except OSError:
            pass


def run_app(service: Service, meeting_id: int | None, farewell: Callable[[], str] | None = None) -> int:
    """Run the TUI in this terminal until the user quits; returns the exit code.

    ``farewell`` gives the line printed once the terminal is restored (read then, so it
    is true of what was done in the app).
    """
    from facilitator.tui.wide_chars import install as keep_wide_chars_whole

    off = keep_wide_chars_whole()
    if off is not None:  # the app still works; a toast may split a Chinese character
        service.doctor.log_error(f"{time.strftime('%Y-%m-%d %H:%M:%S')} wide-character patch off: {off}")
    # the name is asked on the meetings list only: opened straight on a meeting, the user
    # types notes at once, and a box over the capture line would take them as a name
    app = FacilitatorApp(service, meeting_id, handle_signals=True, ask_name=meeting_id is None)
    code = 0
    try:
        app.run()
        code = int(app.return_code or 0)
    except OSError:
        pass  # the terminal went away (SIGHUP): every edit is already committed
    app.trace("app_stopped", code)
    if farewell is not None:
        with contextlib.suppress(Exception):  # a closing line must never turn an exit into a crash
            print(farewell())
    others = [t for t in threading.enumerate() if t is not threading.current_thread() and t.is_alive()]
    if others:
        # A first case search may be building the vector index (a cache) for a minute
        # more (thread SEARCH_THREAD), and the libraries it loads start threads of their
        # own that the interpreter would join on exit. The user asked to leave and every
        # edit is committed: close the store and go now.
        service.close()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code
