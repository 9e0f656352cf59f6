"""Live listening in the meeting screen: one key starts and stops it.

A mixin of ``MeetingScreen`` (see ``meeting.py``). The record use case builds the listener (the
microphone, the speech engine, the meeting's recordings folder); opening it and stopping
it (which transcribes the last words) run in daemon threads, so the room's typing never
waits. Each heard cue comes back to the screen's thread, is committed under the stage
current when it arrives (the store is used from this thread only, as for typed lines),
and is shown in the "Heard" pane, which appears while listening; the extractor then reads it
in a worker, and what it understands waits in the Suggested tab. A microphone that is
missing, or an engine that will not load, is one line under the input; nothing else
changes.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVarTuple

from textual.widgets import RichLog

from facilitator.model import Cue, UserError
from facilitator.tui.errors import said
from facilitator.tui.screens.meeting_part import MeetingPart
from facilitator.tui.strings import tr

if TYPE_CHECKING:
    from facilitator.model import Stage
    from facilitator.record import Listener, Record


Ts = TypeVarTuple("Ts")


class Listening(MeetingPart):
    record: Record
    meeting_id: int
    lang: str
    _listener: Listener | None = None
    _listen_state: str = "off"
    """``off``, ``starting``, ``on`` or ``stopping``."""

    if TYPE_CHECKING:  # provided by the MeetingScreen this is mixed into
        @property
        def stage(self) -> Stage: ...

        def refresh_all(self, reload: bool = True) -> None: ...
        def _show_ack(self, text: str, style: str) -> None: ...
        def _after_suggest(self, count: int) -> None: ...

    def action_listen(self) -> None:
        if self._listen_state == "off":
            self._start_listening()
        elif self._listen_state == "on":
            self._stop_listening()

    def _from_thread(self, fn: Callable[[*Ts], object], *args: *Ts) -> None:
        with contextlib.suppress(RuntimeError):  # the app has gone: nothing left to show
            self.app.call_from_thread(fn, *args)

    def _start_listening(self) -> None:
        try:
            listener = self.record.listener(
                self.meeting_id, lambda cue: self._from_thread(self.heard_cue, cue),
                on_error=lambda line: self._from_thread(self._show_ack, line, "$warning"))
        except UserError as exc:
            self._show_ack(tr(self.lang, "listen_failed", reason=said(exc, self.lang)), "$warning")
            return
        self._listener, self._listen_state = listener, "starting"
        self._show_ack(tr(self.lang, "listen_starting"), "$text-muted")

        def start() -> None:
            try:
                listener.start()
            except UserError as exc:
                code = getattr(exc, "code", None)
                self._from_thread(self._listening_failed, tr(self.lang, f"mic_{code}") if code else
                                  tr(self.lang, "listen_failed", reason=said(exc, self.lang)))
                return
            self._from_thread(self._listening_started)

        threading.Thread(target=start, name="listen-start", daemon=True).start()

    def _listening_started(self) -> None:
        self._listen_state = "on"
        pane = self.query_one("#heard", RichLog)
        pane.border_title = tr(self.lang, "heard_on")  # stays in sight while acks come and go
        pane.display = True
        self._show_ack(tr(self.lang, "listen_on"), "$accent")

    def _listening_failed(self, line: str) -> None:
        self._listener, self._listen_state = None, "off"
        self._show_ack(line, "$warning")

    def _stop_listening(self) -> None:
        listener = self._listener
        if listener is None:  # "on" always has one
            return
        self._listen_state = "stopping"
        self.query_one("#heard", RichLog).border_title = tr(self.lang, "heard")
        self._show_ack(tr(self.lang, "listen_stopping"), "$text-muted")

        def stop() -> None:
            listener.stop()
            self._from_thread(self._listening_stopped, str(listener.recording))

        threading.Thread(target=stop, name="listen-stop", daemon=True).start()

    def _listening_stopped(self, path: str) -> None:
        self._listener, self._listen_state = None, "off"
        self._show_ack(tr(self.lang, "listen_off", path=path), "$success")

    def heard_cue(self, cue: Cue) -> None:
        """One heard line: committed under the current stage, then shown."""
        try:
            self.record.record_heard(self.meeting_id, cue, self.stage.id)
        except Exception as exc:  # noqa: BLE001 - the line stays in the pane and the recording
            self._show_ack(tr(self.lang, "capture_failed", error=said(exc, self.lang)), "$warning")
        start = cue.start or 0.0
        self.query_one("#heard", RichLog).write(f"[{int(start // 60):02d}:{int(start % 60):02d}] {cue.text}")
        self.refresh_all()
        # the extractor reads it in a worker, as it does typed free notes
        self.run_worker(lambda: self._suggest_heard(cue), thread=True, group="suggest",
                        exit_on_error=False, name="suggest-heard")

    def _suggest_heard(self, cue: Cue) -> None:
        found = self.record.suggest(self.meeting_id, [cue])
        if found:
            self._from_thread(self._after_suggest, len(found))

    def stop_listening_now(self) -> None:
        """The screen is going away: stop hearing at once (the recording is closed by its
        own thread within a moment; the words not yet transcribed stay in the recording)."""
        if self._listener is not None:
            self._listener.source.stop()
