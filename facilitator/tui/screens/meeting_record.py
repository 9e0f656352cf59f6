"""Keeping the meeting screen's record true: each typed or pasted line committed exactly
once, edits made elsewhere shown as they are committed (pushed by a team's PostgreSQL, a
local check on SQLite), and a closed meeting kept read-only.

A mixin of ``MeetingScreen`` (see ``meeting.py``), split out because it is one concern:
what the room types and what other screens and the command line change, as against the
agenda, ledgers and similar cases that the screen itself lays out.
"""

from __future__ import annotations

import contextlib
import threading
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from facilitator.capture import describe_problem
from facilitator.model import ITEM_KINDS, Captured, Meeting, Recorded
from facilitator.obstacles import kind_label
from facilitator.tui.errors import guarded, said
from facilitator.tui.screens.meeting_part import MeetingPart
from facilitator.tui.strings import tr
from facilitator.tui.threads import in_daemon_thread, start_daemon
from facilitator.tui.widgets.capture_input import CaptureInput
from facilitator.tui.widgets.ledgers import Ledgers

if TYPE_CHECKING:
    from textual.timer import Timer

    from facilitator.model import Stage
    from facilitator.record import Presence, Record
    from facilitator.tui.widgets.stepper import StageClock


RETRY_INTERVAL = 2.0
"""Seconds between tries of the team's server while typed lines wait in the journal."""
WATCH_WAIT = 0.25
"""Seconds the watching thread waits for a change before it checks whether to stop."""
RETRY_AFTER = 1.0
"""Seconds before the watching thread starts again after its store failed under it."""
WATCH_THREAD = "facilitator-record-watch"


class RecordChanged(Message):
    """Another writer committed to the meeting on screen (posted by the watching thread)."""


class LiveRecord(MeetingPart):
    """The capture box, the watch on the store, presence and the closed state."""

    record: Record
    meeting_id: int
    meeting: Meeting
    lang: str
    stage_clock: StageClock
    _recent: deque[str]
    _presence: Presence | None
    _refresh_due = False

    if TYPE_CHECKING:  # provided by the MeetingScreen this is mixed into
        @property
        def stage(self) -> Stage: ...

        def _remember(self, undo: Callable[[], object]) -> None: ...
        def refresh_all(self, reload: bool = True) -> None: ...
        def schedule_search(self) -> None: ...
        def save_stage_time(self, stage: str | None = None) -> None: ...
        def suggest_for_notes(self, lines: list[str]) -> None: ...

    @property
    def closed(self) -> bool:
        return self.meeting.status == "closed"

    def _show_closed(self, closed: bool) -> None:
        """A closed meeting is read-only: the input says so and the clock stands still."""
        box = self.query_one("#capture", CaptureInput)
        box.set_class(closed, "-closed")
        placeholder = tr(self.lang, "closed_placeholder" if closed else "capture_placeholder")
        if box.placeholder != placeholder:
            box.placeholder = placeholder
        if closed:
            self.stage_clock.pause()
        else:
            self.stage_clock.resume()

    # -- quick capture ------------------------------------------------------------------

    def capture(self, line: str) -> bool:
        """Commit one line as if typed and submitted; whatever is in the input stays there."""
        return self.commit_lines([line])

    def commit_lines(self, lines: list[str]) -> bool:
        """Commit typed or pasted lines (``CaptureInput`` calls this on Enter or a paste);
        only after the commit does anything on screen change. False leaves the text with
        the input."""
        if self.closed:
            self._show_ack(tr(self.lang, "closed_refused"), "$warning")
            return False
        try:
            recorded = self.record.capture_lines(self.meeting_id, lines, self.stage.id)
        except Exception as exc:  # noqa: BLE001 - the words stay in the input, the room is told
            self.app.notify(tr(self.lang, "capture_failed", error=said(exc, self.lang)), severity="error",
                            markup=False, timeout=8)
            return False
        if any(r.outcome == "journaled" for r in recorded):  # the team's server is away: they wait here
            self._show_ack(tr(self.lang, "ack_journaled", count=self.record.lines_waiting()), "$warning")
            self._wait_for_server()
            return True
        self._recent.extend(lines[-4:])
        self._remember(lambda: self.record.uncapture(recorded))  # Ctrl+Z takes the lines back
        self._refresh_committed()
        problems = [describe_problem(p, "en" if self.lang == "en" else "zh") for r in recorded if r.captured for p in r.captured.problems]
        if len(recorded) == 1 and recorded[0].captured is not None:
            text = self._ack(recorded[0].captured, recorded[0])
        else:
            text = tr(self.lang, "ack_lines", count=len(recorded))
        if problems:
            self._show_ack("\n".join([text, *problems]), "$warning")
        else:
            self._show_ack(text, "$success")
        kinds = [r.captured.kind for r in recorded if r.captured is not None]
        if kinds:
            self.query_one(Ledgers).reveal(kinds[-1])
        # free notes (not quick-capture lines) may say a commitment: the extractor offers it
        self.suggest_for_notes([r.captured.raw or r.captured.text for r in recorded
                                if r.captured is not None and r.captured.kind == "note"])
        self.schedule_search()
        return True

    def _refresh_committed(self) -> None:
        """Show the record after a commit. The team's server may go away between the commit
        and this read: what was committed stays so, and the screen catches up when it answers."""
        try:
            self.refresh_all()
        except Exception as exc:
            if getattr(exc, "kind", None) != "offline":
                raise

    # -- lines waiting for the team's server ------------------------------------------------

    _retrying: Timer | None = None
    _replay_running = False

    def _wait_for_server(self) -> None:
        """Lines wait in the journal: try the server every ``RETRY_INTERVAL`` seconds until
        they are written, so they land when it is back even if nobody types again."""
        if self._retrying is None:
            self._retrying = self.set_interval(RETRY_INTERVAL, self._retry_waiting)

    async def _retry_waiting(self) -> None:
        if self._replay_running:  # the last try still waits on the network
            return
        self._replay_running = True
        try:
            written = await in_daemon_thread(self.record.replay_journal)
        except Exception:  # noqa: BLE001 - still away: the lines keep waiting, the screen keeps saying so
            return
        finally:
            self._replay_running = False
        waiting = self.record.lines_waiting()
        if waiting:  # typed while this try ran: the next one takes them
            self._show_ack(tr(self.lang, "ack_journaled", count=waiting), "$warning")
            return
        if self._retrying is not None:
            self._retrying.stop()
            self._retrying = None
        self._refresh_committed()
        if written:
            self._show_ack(tr(self.lang, "ack_replayed", count=written), "$success")

    def _show_ack(self, text: str, style: str) -> None:
        ack = self.query_one("#ack", Static)
        ack.update(Content.styled(text, style))
        ack.display = True

    def _ack(self, c: Captured, recorded: Recorded | None = None) -> str:
        lang = self.lang
        if recorded is not None and recorded.outcome in ("settled", "reassigned", "updated", "unchanged"):
            return tr(lang, f"ack_resp_{recorded.outcome}", text=c.text, owner=c.owner or tr(lang, "nobody"),
                      before=recorded.previous_owner or tr(lang, "nobody"))
        if c.kind == "action":
            due = c.due.isoformat() if c.due else tr(lang, "no_due")
            ack = tr(lang, "ack_action", text=c.text, owner=c.owner or tr(lang, "nobody"), due=due)
            deadline = self.meeting.deadline
            if c.due is not None and deadline is not None and c.due > deadline:
                ack += tr(lang, "ack_after_deadline", deadline=deadline.isoformat())
            return ack
        if c.kind == "responsibility":
            return tr(lang, "ack_responsibility", text=c.text, owner=c.owner or tr(lang, "nobody"))
        if c.kind in ITEM_KINDS:
            return tr(lang, f"ack_{c.kind}", text=c.text)
        if c.kind == "lever":  # say which obstacle it went to, and why that one
            lever = next((lv for lv in self.meeting.levers if recorded and lv.id == recorded.row_id), None)
            obstacle = next((o for o in self.meeting.obstacles if lever and o.id == lever.obstacle_id), None)
            if obstacle is None:
                return tr(lang, "ack_lever_unattached", text=c.text)
            how = recorded.obstacle_choice if recorded is not None else None
            key = f"ack_lever_{how}" if how in ("named", "matched", "latest", "named_missing") else "ack_lever"
            return tr(lang, key, text=c.text, obstacle=obstacle.text, kind=kind_label(obstacle.kind, lang),
                      named=kind_label(c.obstacle_kind, lang))
        return tr(lang, "ack_note")

    def save_unsent(self) -> bool:
        """Keep text still in the input as plain notes (called when the app must stop)."""
        try:
            box = self.query_one("#capture", CaptureInput)
        except Exception:  # noqa: BLE001 - not mounted: nothing typed
            return False
        self.save_stage_time()
        unsent = box.unsent()
        if not unsent:
            return False
        for text in unsent:
            self.record.add_note(self.meeting_id, text, self.stage.id)
        box.pending = []
        box.value = ""
        return True

    # -- other screens on the same meeting ------------------------------------------------

    def start_watching(self) -> None:
        """Listen for what other writers commit to this meeting (a colleague's laptop on the
        team's server, another terminal, the command line) in a thread of its own, which
        posts ``RecordChanged``; this screen then reads the record again. Its stage is its
        own: a colleague moving on does not move it."""
        stop = self._stop_watching = threading.Event()
        record, meeting_id = self.record, self.meeting_id
        shown: Meeting | None = self.meeting

        def listen() -> None:
            nonlocal shown
            while not stop.is_set():
                try:
                    watch = record.watch(meeting_id, shown)
                    shown = None  # after a failure, whatever was missed is read again
                except Exception:  # noqa: BLE001 - the server away at the start: try again
                    stop.wait(RETRY_AFTER)
                    continue
                try:
                    while not stop.is_set():
                        if watch.wait(WATCH_WAIT) and not stop.is_set() and not self._refresh_due:
                            self._refresh_due = True  # one refresh for a burst of lines
                            self.post_message(RecordChanged())
                except Exception:  # noqa: BLE001 - a store closing under it: start again if still open
                    stop.wait(RETRY_AFTER)
                finally:
                    with contextlib.suppress(Exception):
                        watch.close()

        start_daemon(listen, WATCH_THREAD)

    def stop_watching(self) -> None:
        stop = getattr(self, "_stop_watching", None)
        if stop is not None:
            stop.set()

    def on_record_changed(self, message: RecordChanged) -> None:
        self._refresh_due = False
        try:
            self.refresh_all()
        except Exception:  # noqa: BLE001 - a busy or vanished record: the next change tries again
            return

    def _claim_presence(self) -> None:
        try:
            self._presence = self.record.claim_presence(self.meeting_id)
            others = self._presence.claim()
        except Exception:  # noqa: BLE001 - presence is a courtesy
            return
        if others:
            self.notify(tr(self.lang, "open_elsewhere", count=others), markup=False, timeout=8)

    @guarded
    def action_reopen_meeting(self) -> None:
        if not self.closed:
            self.notify(tr(self.lang, "not_closed"), markup=False)
            return
        self.record.reopen_meeting(self.meeting_id)
        self.refresh_all()
        self.notify(tr(self.lang, "meeting_reopened"), markup=False)
        self.query_one("#capture", CaptureInput).focus()

