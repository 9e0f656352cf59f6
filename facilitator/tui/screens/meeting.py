"""The live meeting: agenda stepper, stage guide, notes, quick capture, ledgers, cases.

Two promises shape this screen. Never lose a word: a captured line is committed by
``Record.capture`` (synchronously: it is a few milliseconds) before anything on
screen changes, and on an error the text stays in the input. Never stall the room:
the similar-cases search runs in an exclusive worker after a short pause in typing
(the search itself in a daemon thread, see ``threads.py``), and its failures only
ever show as a quiet line in the panel.
"""

from __future__ import annotations

import contextlib
import math
import time
from collections import deque
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, RichLog, Static

from facilitator.model import Hit, Item, Meeting, Participant, Removed, Stage
from facilitator.playbook import WAY_OUT_STAGES
from facilitator.tui.errors import WorkerErrors, guarded, report, said
from facilitator.tui.keys import MEETING_KEYS, bindings, localized
from facilitator.tui.linebreak import wrap_text
from facilitator.tui.screens.forms import ActionForm, ParticipantForm, ResponsibilityForm
from facilitator.tui.screens.item_form import ConfirmDeleteItem, ItemForm, LeverForm
from facilitator.tui.screens.meeting_listen import Listening
from facilitator.tui.screens.meeting_record import LiveRecord
from facilitator.tui.screens.meeting_suggestions import SuggestionHandlers
from facilitator.tui.screens.tracked_forms import TrackedForms
from facilitator.tui.strings import tr
from facilitator.tui.threads import SEARCH_LOCK, in_daemon_thread
from facilitator.tui.widgets.capture_input import CaptureInput
from facilitator.tui.widgets.carried import CarriedPanel, TrackedActions
from facilitator.tui.widgets.cases import CaseList, CasesPanel, lever_line
from facilitator.tui.widgets.ledgers import ActionsTable, ItemsTable, Ledgers, ResponsibilityTable
from facilitator.tui.widgets.stage import StageGuide, missing_labels
from facilitator.tui.widgets.stepper import AgendaStepper, StageClock, fmt_duration
from facilitator.tui.widgets.wrapped import Wrapped

if TYPE_CHECKING:
    from typing import Unpack

    from facilitator.cases import Degraded
    from facilitator.record import Presence
    from facilitator.service import Service
    from facilitator.tui.widgets.widget_args import RichLogArgs

STAGE_TIME_SAVE_INTERVAL = 15.0
"""Seconds between saves of the current stage's time while the meeting runs."""


class NotesLog(RichLog):
    """The notes, wrapped by the app (``linebreak``): a RichLog keeps lines as written, so a
    new width asks the screen to write them again."""

    def __init__(self, on_width: Callable[[], None], **kwargs: Unpack[RichLogArgs]) -> None:
        super().__init__(**kwargs)
        self.on_width = on_width
        self._height = 0

    def on_resize(self, event: events.Resize) -> None:
        # the box shrinks when the acknowledgement line under it grows: if the newest note
        # was in view, it stays in view (a RichLog only follows the end when written to)
        following = self.scroll_y >= self.virtual_size.height - self._height - 1
        super().on_resize(event)  # RichLog renders deferred lines once its size is known
        self.on_width()
        self._height = self.scrollable_content_region.height
        if following:
            self.scroll_end(animate=False, immediate=True)


class MeetingScreen(Listening, LiveRecord, SuggestionHandlers, TrackedForms, WorkerErrors, Screen[None]):
    """One meeting, live. Opened by ``FacilitatorApp.open_meeting``."""

    KEYS = MEETING_KEYS
    BINDINGS = bindings(KEYS, "zh")
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]
    """Below 32 rows, while actions are carried over, the stage guide and the carried-over
    panel give way to the notes (see facilitator.tcss)."""

    class CasesFound(Message):
        def __init__(self, hits: list[Hit], query: str, seconds: float, degraded: Degraded | None = None) -> None:
            super().__init__()
            self.hits, self.query, self.seconds = hits, query, seconds
            self.degraded = degraded
            """Why these came from keywords only (``Cases.degraded``), else None."""

    class CasesUnavailable(Message):
        def __init__(self, reason: str) -> None:
            super().__init__()
            self.reason = reason

    class CardLoaded(Message):
        def __init__(self, hit: Hit, markdown: str) -> None:
            super().__init__()
            self.hit, self.markdown = hit, markdown

    def __init__(
        self,
        service: Service,
        meeting_id: int,
        *,
        clock: Callable[[], float] = time.monotonic,
        today: Callable[[], date] = date.today,
        live_search: bool = True,
        search_delay: float = 0.4,
    ) -> None:
        super().__init__()
        # the screen keeps the use cases, not the service: each panel and form it opens
        # gets the one it needs
        self.record = service.record
        self.cases = service.cases
        self.followup = service.followup
        self.drafts = service.drafts
        self.doctor = service.doctor
        self.meeting_id = meeting_id
        self.meeting: Meeting = service.record.meeting(meeting_id)
        self.lang: str = service.settings.ui_language(self.meeting.language)
        self.stages: tuple[Stage, ...] = service.record.playbook()
        ids = [s.id for s in self.stages]
        self.stage_clock = StageClock(clock, self.meeting.stage if self.meeting.stage in ids else ids[0],
                                      saved=self.meeting.stage_seconds,
                                      save=lambda stage, secs: service.record.save_stage_time(meeting_id, stage, secs))
        self._stage_time_failed = False
        self.today = today
        self.live_search = live_search
        self.search_delay = search_delay
        self._search_timer: Timer | None = None
        self._notes_shown = 0
        self._warned_overrun: set[str] = set()
        self._recent: deque[str] = deque(maxlen=4)
        self.last_query = ""
        self.search_count = 0
        self._presence: Presence | None = None
        self._undo: Callable[[], object] | None = None

    # -- layout -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="topbar"):
            yield Static(id="topbar-title", markup=False)
            yield Static(id="topbar-meta", markup=False)
            yield Static(id="topbar-clock", markup=False)
        yield AgendaStepper(self.stages, self.lang, self.stage_clock, id="stepper")
        with Horizontal(id="body"):
            with Vertical(id="left"):
                yield StageGuide(self.lang, id="stage")
                yield CarriedPanel(self.followup, self.lang, self.meeting_id, self.today, id="carried")
                notes = NotesLog(self.rewrap_notes, id="notes", wrap=True, markup=False, highlight=False,
                                 min_width=20)
                notes.border_title = tr(self.lang, "notes")
                yield notes
                yield RichLog(id="heard", wrap=True, markup=False, highlight=False, min_width=20)
                yield Wrapped(id="ack", markup=False)
                capture = CaptureInput(self.commit_lines, placeholder=tr(self.lang, "capture_placeholder"),
                                       id="capture")
                capture.tooltip = tr(self.lang, "capture_placeholder")
                yield capture
            with Vertical(id="right"):
                yield Ledgers(self.lang, id="ledgers")
                yield CasesPanel(self.lang, id="cases")
        # one line: at 80x24 a second footer line costs the ledger a row (issue 24 point 1 wins
        # over the cases panel's keys, which F1 lists)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self._recent.extend([*(o.text for o in self.meeting.obstacles[-1:]), *(n.text for n in self.meeting.notes[-3:])])
        self.refresh_all(reload=False)
        self.query_one("#capture", Input).focus()
        self.query_one(Ledgers).point_at_suggestions()  # an imported meeting's suggestions wait
        self.set_interval(1.0, self.tick)
        self.set_interval(STAGE_TIME_SAVE_INTERVAL, self._save_stage_time_aside)
        self.start_watching()  # what other screens and the command line commit shows here
        self.resume_waiting()  # lines an earlier run left waiting for the team's server
        self._claim_presence()
        if not self.live_search:
            self.query_one(CasesPanel).show_message(tr(self.lang, "cases_off"))
        else:
            self.call_after_refresh(self.search_now)  # heavy imports only after the first frame

    @property
    def stage(self) -> Stage:
        return next(s for s in self.stages if s.id == self.stage_clock.current)

    # -- showing the record -------------------------------------------------------------

    def refresh_all(self, reload: bool = True) -> None:
        """Re-read the committed record and show it; called after every edit."""
        if reload:
            self.meeting = self.record.meeting(self.meeting_id)
        m = self.meeting
        extra = [x for x in (m.customer, m.order_ref) if x]
        if m.deadline:
            extra.append(tr(self.lang, "deadline", date=m.deadline.isoformat()))
        closed = ("  " + tr(self.lang, "closed_tag"), "bold $warning") if m.status == "closed" else ""
        # the title gives way (ellipsis), never the deadline: that is what the room checks
        self.query_one("#topbar-title", Static).update(Content.assemble((m.title, "bold"), closed))
        self.query_one("#topbar-title", Static).tooltip = m.title
        self.query_one("#topbar-meta", Static).update(
            Content.styled("  " + " · ".join(extra) + "  " if extra else "  ", "$text-muted"))
        self.query_one(StageGuide).show(self.stage, m, self._overrun_minutes())
        self.query_one(Ledgers).show(m)
        carried = self.query_one(CarriedPanel)
        carried.show(m.carried_actions, visible=self.stage.id == self.stages[0].id)
        self.query_one("#left").set_class(carried.display, "-carrying")
        self._show_closed(m.status == "closed")
        self._show_notes()
        self.tick()
        self.schedule_search()  # what the meeting holds may have changed what it matches

    def _show_notes(self) -> None:
        log = self.query_one("#notes", RichLog)
        notes = self.meeting.notes
        if len(notes) < self._notes_shown:
            log.clear()
            self._notes_shown = 0
        numbers = {s.id: str(i + 1) for i, s in enumerate(self.stages)}
        width = self._notes_width = log.scrollable_content_region.width - 1  # room for a scrollbar
        for note in notes[self._notes_shown:]:
            for part in note.text.splitlines() or [""]:
                line = Text(f"{numbers.get(note.stage or '', '·')}│", style="dim")
                line.append(part)
                # wrapped here, by the kinsoku rule, under the text (not under the stage number)
                for piece in wrap_text(line, width, indent=2) if width > 2 else [line]:
                    log.write(piece)
        self._notes_shown = len(notes)

    def rewrap_notes(self) -> None:
        """The notes were wrapped for the old width: write them again for the new one."""
        log = self.query_one("#notes", RichLog)
        if log.scrollable_content_region.width - 1 != getattr(self, "_notes_width", None):
            log.clear()
            self._notes_shown = 0
            self._show_notes()

    def _overrun_minutes(self) -> int:
        over = self.stage_clock.overrun(self.stage)
        return math.ceil(over / 60) if over > 0 else 0

    @guarded
    def tick(self) -> None:
        self.query_one(AgendaStepper).refresh_steps()
        self.query_one("#topbar-clock", Static).update(
            Content(tr(self.lang, "clock", time=fmt_duration(self.stage_clock.total())))
        )
        minutes = self._overrun_minutes()
        self.query_one(StageGuide).set_overrun(minutes)
        if minutes and self.stage.id not in self._warned_overrun:
            self._warned_overrun.add(self.stage.id)
            self.notify(tr(self.lang, "overrun_toast", stage=self.stage.title(self.lang)), markup=False)

    # -- stages ---------------------------------------------------------------------------

    @guarded
    def action_next_stage(self) -> None:
        self.move_by(1)

    @guarded
    def action_prev_stage(self) -> None:
        self.move_by(-1)

    def save_stage_time(self, stage: str | None = None) -> None:
        """Save a stage's time (default: the current one's). Never raises: a failure is logged
        and shown once, and the time is tried again at the next save."""
        try:
            self.stage_clock.persist(stage)
        except Exception as exc:  # noqa: BLE001 - the clock must not stop the room, nor an exit
            self._stage_time_not_saved(exc)

    _saving_time = False

    async def _save_stage_time_aside(self) -> None:
        """The periodic save, in a thread of its own: a team's server that does not answer
        (or a write of typed lines waiting on it) must not stop the clock or the typing."""
        if self._saving_time:
            return
        self._saving_time = True
        try:
            await in_daemon_thread(self.stage_clock.persist)
        except Exception as exc:  # noqa: BLE001 - tried again at the next save
            self._stage_time_not_saved(exc)
        finally:
            self._saving_time = False

    def _stage_time_not_saved(self, exc: Exception) -> None:
        if not self._stage_time_failed:
            self._stage_time_failed = True
            with contextlib.suppress(Exception):
                report(self, exc, "save stage time")

    def on_unmount(self) -> None:
        self.stop_watching()
        self.stop_listening_now()
        self.save_stage_time()  # leaving for the meeting list, or the app is closing
        if self._presence is not None:
            self._presence.release()

    def move_by(self, step: int) -> None:
        ids = [s.id for s in self.stages]
        index = ids.index(self.stage.id) + step
        if 0 <= index < len(ids):
            self.move_to(ids[index])

    @guarded
    def move_to(self, stage_id: str) -> None:
        """Commit the new stage, then show it; moving on with gaps only earns a reminder."""
        old = self.stage
        if stage_id == old.id:
            return
        self.record.update_meeting(self.meeting_id, stage=stage_id)
        gaps = missing_labels(old, self.meeting, self.lang)
        forward = [s.id for s in self.stages].index(stage_id) > [s.id for s in self.stages].index(old.id)
        self.stage_clock.switch(stage_id)
        self.save_stage_time(old.id)
        self.refresh_all()
        if forward and gaps:
            self.notify(tr(self.lang, "moved_missing", stage=self.stage.title(self.lang), missing="；".join(gaps)),
                        markup=False, timeout=6)
        self.schedule_search()

    # -- ledgers ----------------------------------------------------------------------------

    @on(ResponsibilityTable.EditRequested)
    @guarded
    def edit_responsibility(self, event: ResponsibilityTable.EditRequested) -> None:
        before = replace(event.responsibility)
        form = localized(ResponsibilityForm, self.lang)(self.record, self.lang, event.responsibility)
        self.app.push_screen(form, lambda result: self._after_edit(
            result, lambda: self.record.update_responsibility(before)))

    @on(ResponsibilityTable.DeleteRequested)
    @guarded
    def delete_responsibility(self, event: ResponsibilityTable.DeleteRequested) -> None:
        r = event.responsibility
        shown = Item(text=f"{r.item} → {r.owner or tr(self.lang, 'nobody')}", id=r.id)
        screen = localized(ConfirmDeleteItem, self.lang)(self.record, self.lang, shown, "responsibility")
        self.app.push_screen(screen, lambda item: self._after_delete(item, screen.removed))

    @on(ActionsTable.EditRequested)
    @guarded
    def edit_action(self, event: ActionsTable.EditRequested) -> None:
        before = replace(event.action)
        self.app.push_screen(localized(ActionForm, self.lang)(self.record, self.lang, event.action,
                                                              in_meeting=self.meeting_id),
                             lambda result: self._after_edit(
                                 result, lambda: self.record.update_action(before, in_meeting=self.meeting_id)))

    @on(ActionsTable.ToggleRequested)
    @guarded
    def toggle_action(self, event: ActionsTable.ToggleRequested) -> None:
        new = "open" if event.action.status == "done" else "done"
        action_id, before = event.action.id, event.action.status
        assert action_id is not None
        self.followup.update(action_id, new, in_meeting=self.meeting_id)
        self._remember(lambda: self.followup.update(action_id, before, in_meeting=self.meeting_id))
        self.refresh_all()
        self.notify(tr(self.lang, "action_done" if new == "done" else "action_reopened"), markup=False)

    @on(ItemsTable.EditRequested)
    @guarded
    def edit_item(self, event: ItemsTable.EditRequested) -> None:
        item_id, text = event.item.id, event.item.text
        assert item_id is not None
        self.app.push_screen(localized(ItemForm, self.lang)(self.record, self.lang, event.item, event.kind),
                             lambda result: self._after_edit(result, lambda: self.record.update_item(item_id, text)))

    @on(ItemsTable.DeleteRequested)
    @guarded
    def delete_item(self, event: ItemsTable.DeleteRequested) -> None:
        screen = localized(ConfirmDeleteItem, self.lang)(self.record, self.lang, event.item, event.kind)
        self.app.push_screen(screen, lambda item: self._after_delete(item, screen.removed))

    @guarded
    def _after_delete(self, item: Item | None, removed: Removed | None) -> None:
        if item is not None:
            if removed is not None:  # undone in its place, with its history and its levers' link
                self._remember(lambda: self.record.restore(removed))
            self.refresh_all()
            self.notify(tr(self.lang, "item_deleted", text=item.text), markup=False)

    @guarded
    def _after_edit(self, result: object, undo: Callable[[], object] | None = None) -> None:
        if result is not None:
            if undo is not None:
                self._remember(undo)
            self.refresh_all()
            self.notify(tr(self.lang, "row_saved"), markup=False)

    def _remember(self, undo: Callable[[], object]) -> None:
        """The inverse of the last ledger change, for Ctrl+Z (one step: the room rarely needs more)."""
        self._undo = undo

    @guarded
    def action_undo(self) -> None:
        """Ctrl+Z: put the last ledger change (done, edit, delete) back, through the service."""
        undo, self._undo = self._undo, None
        if undo is None:
            self.notify(tr(self.lang, "nothing_to_undo"), markup=False)
            return
        undo()
        self.refresh_all()
        self.notify(tr(self.lang, "undone"), markup=False)

    @on(TrackedActions.Changed)
    @guarded
    def carried_changed(self, event: TrackedActions.Changed) -> None:
        self.refresh_all()  # a carried-over action changed (committed by the panel)

    @guarded
    def action_add_participant(self) -> None:
        form = localized(ParticipantForm, self.lang)(self.record, self.lang, self.meeting_id)
        self.app.push_screen(form, self._after_participant)

    @guarded
    def _after_participant(self, person: Participant | None) -> None:
        if person is not None:
            self.refresh_all()
            self.query_one(Ledgers).reveal("people")
            self.notify(tr(self.lang, "participant_added", name=person.name), markup=False)

    @guarded
    def action_focus_capture(self) -> None:
        self.query_one("#capture", Input).focus()

    # -- similar cases ------------------------------------------------------------------------

    @on(Input.Changed, "#capture")
    @guarded
    def on_capture_changed(self, event: Input.Changed) -> None:
        self.schedule_search()

    def schedule_search(self) -> None:
        """(Re)start the pause timer; the search runs once typing stops for ``search_delay``."""
        if not self.live_search:
            return
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(self.search_delay, self.search_now)

    def discussion_query(self) -> str:
        """What the room is on now: the line being typed, the latest notes, the stage."""
        typed = self.query_one("#capture", Input).value.strip()
        parts = [typed, *reversed(self._recent), self.stage.title(self.lang), self.stage.goal(self.lang)]
        return "\n".join(p for p in parts if p)

    def search_now(self, query: str | None = None) -> None:
        """Search for ``query`` as typed (the palette), else with the meeting's context."""
        explicit = bool(query and query.strip())
        query = (query or self.discussion_query()).strip()
        key = query if explicit else f"{query}\x00{self._context_key()}"
        if not query or (key == self.last_query and self.search_count):
            return
        self.last_query = key
        self.search_count += 1
        getattr(self.app, "trace", lambda *_: None)("search_started")
        self._search_worker(query, explicit)

    def _context_key(self) -> str:
        """What of the record the meeting search reads beyond the typed context: an accepted
        suggestion, an edited obstacle or a teammate's line changes the cases without
        changing what is typed, and must search again; an unchanged record must not."""
        m = self.meeting
        obstacles = "\x01".join(f"{o.text}\x02{o.kind or ''}" for o in m.obstacles)
        return f"{m.title}\x01{m.goal}\x01{len(m.notes)}\x01{len(m.responsibilities)}\x01{obstacles}"

    @work(exclusive=True, group="cases", exit_on_error=False, name="case search")
    async def _search_worker(self, query: str, explicit: bool = False) -> None:
        """Exclusive: a newer query cancels this one, whose late result is then dropped.

        The case search runs in a daemon thread (``in_daemon_thread``), not in the
        loop's thread pool: the first search of a home may build the vector index for a
        minute, and quitting must never wait for that.
        """
        started = time.perf_counter()
        try:
            typed = None if explicit else self.query_one("#capture", Input).value.strip()
            hits, degraded = await in_daemon_thread(self._search, query, typed)
        except ImportError as exc:
            self.post_message(self.CasesUnavailable(f"{exc.name or exc}"))
            return
        except Exception as exc:  # noqa: BLE001 - a quiet line, never a crash
            self.doctor.log_error(f"case search failed: {type(exc).__name__}: {exc}")
            self.post_message(self.CasesUnavailable(said(exc, self.lang)))
            return
        self.post_message(self.CasesFound(list(hits), query, time.perf_counter() - started, degraded))

    def _search(self, query: str, typed: str | None = "") -> tuple[list[Hit], Degraded | None]:
        """The same meeting search as ``search --meeting`` and the coach, led by the line
        being typed (``query``, the discussion, only decides whether to search again);
        ``typed`` None: the user asked for ``query`` itself (the palette). With the hits,
        why search is keyword-only just now (None when it is whole)."""
        with SEARCH_LOCK:
            if typed is None:
                found = self.cases.search(query, k=5)
                return found.hits, found.degraded
            hits: list[Hit] = list(self.cases.search_meeting(self.meeting_id, self.stage.id, k=5, typed=typed, carry=True))
            return hits, self.cases.degraded()

    @guarded
    def on_meeting_screen_cases_found(self, message: CasesFound) -> None:
        panel = self.query_one(CasesPanel)
        panel.way_out = self.stage.id in WAY_OUT_STAGES
        panel.show_hits(message.hits, set(self.meeting.cited_cases))
        panel.show_degraded(message.degraded is not None)
        getattr(self.app, "trace", lambda *_: None)("cases_shown", len(message.hits))

    @guarded
    def on_meeting_screen_cases_unavailable(self, message: CasesUnavailable) -> None:
        self.query_one(CasesPanel).show_message(tr(self.lang, "cases_unavailable", reason=message.reason))

    @guarded
    def action_search_cases(self) -> None:
        self.last_query = ""
        self.search_now()
        self.query_one(CaseList).focus()

    @guarded
    def search_for(self, query: str) -> None:
        """Search the panel for ``query`` now (the command palette's "search cases")."""
        self.last_query = ""
        self.search_now(query)
        self.query_one(CaseList).focus()

    @on(CaseList.CiteRequested)
    @guarded
    def cite(self, event: CaseList.CiteRequested) -> None:
        self.cite_hit(event.hit)

    def cite_hit(self, hit: Hit) -> None:
        self.cases.cite(self.meeting_id, hit.case_id)
        self.refresh_all()
        panel = self.query_one(CasesPanel)
        panel.show_hits(panel.case_list.hits, set(self.meeting.cited_cases), keep_place=True)
        self.notify(tr(self.lang, "case_cited", title=hit.title), markup=False)

    @on(CaseList.LeverRequested)
    @guarded
    def borrow_way_out(self, event: CaseList.LeverRequested) -> None:
        """Put the case's way out in the input as a lever line; the user rewrites it for
        this meeting and records it with Enter (nothing is saved here)."""
        self.prefill(lever_line(event.hit, self.lang), "case_lever_hint")

    def prefill(self, line: str, hint: str) -> None:
        box = self.query_one("#capture", Input)
        box.value = line
        box.cursor_position = len(line)
        box.focus()
        self.notify(tr(self.lang, hint), markup=False)

    @guarded
    def action_coach(self) -> None:
        from facilitator.tui.screens.coach import CoachScreen

        screen = localized(CoachScreen, self.lang)(self.cases, self.meeting_id, self.stage.id,
                                                   self.stage.title(self.lang), self.lang,
                                                   log=self.doctor.log_error)
        self.app.push_screen(screen, self._after_coach)

    @guarded
    def _after_coach(self, line: str | None) -> None:
        if line:
            self.prefill(line, "coach_prefilled")

    @on(ItemsTable.LeverEditRequested)
    @guarded
    def edit_lever(self, event: ItemsTable.LeverEditRequested) -> None:
        form = localized(LeverForm, self.lang)(self.record, self.lang, self.meeting, event.lever)
        self.app.push_screen(form, self._after_edit)

    @on(CaseList.OpenRequested)
    @guarded
    def open_case(self, event: CaseList.OpenRequested) -> None:
        self._card_worker(event.hit)

    @work(thread=True, group="card", exit_on_error=False, name="open case")
    def _card_worker(self, hit: Hit) -> None:
        self.post_message(self.CardLoaded(hit, self.cases.case_markdown(hit.case_id)))

    @guarded
    def on_meeting_screen_card_loaded(self, message: CardLoaded) -> None:
        from facilitator.tui.screens.card import CardScreen

        hit = message.hit
        screen = localized(CardScreen, self.lang)(message.markdown, hit.title, on_cite=lambda: self.cite_hit(hit))
        self.app.push_screen(screen)

    # -- draft, export, navigation ---------------------------------------------------------------

    @guarded
    def action_draft(self) -> None:
        from facilitator.tui.screens.draft import DraftScreen

        self.app.push_screen(localized(DraftScreen, self.lang)(self.drafts, self.meeting_id, self.lang))

    @guarded
    def action_search_notes(self) -> None:
        """``/`` (outside the capture box, where it is typed): find in the notes and items."""
        from facilitator.tui.screens.find import FindInMeeting

        self.app.push_screen(localized(FindInMeeting, self.lang)(self.meeting, self.lang))

    @guarded
    def action_export(self) -> None:
        path = self.drafts.export_file(self.meeting_id, "md")
        self.notify(tr(self.lang, "exported", path=str(path)), markup=False, timeout=8)

    @guarded
    def action_meetings(self) -> None:
        show = getattr(self.app, "show_meetings", None)
        if show is not None:
            show()
