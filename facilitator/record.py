"""Use case: the meeting record — meetings, capture, edits, delete and restore, undo, the
extractor's suggestions, and the rules a record keeps.

Every change a user makes to what a meeting holds comes through here, from the command
line and from every TUI panel, so each rule of the record (a meeting needs a title, a
closed meeting takes nothing, an edited row needs its text, a lever needs the resource it
brings) is decided in one place and the store only stores. Importing files and listening
live add to the record too; they sit in ``record_intake.py`` beside this file. What a
captured line does to the ledgers (an obstacle's kind, the obstacle a lever removes,
settling or re-assigning ``ITEM => OWNER``) is decided in ``record_rules.py``, which the
store asks inside its own write transaction.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from facilitator import locations
from facilitator.config import Settings
from facilitator.language import guess_language
from facilitator.model import (
    Action,
    Captured,
    Cue,
    Lever,
    Meeting,
    Participant,
    Recorded,
    Removed,
    Responsibility,
    Stage,
    Suggestion,
    UserError,
)
from facilitator.record_intake import Intake

if TYPE_CHECKING:
    from facilitator.presence import Presence as Presence
    from facilitator.speech.live import Listener as Listener
    from facilitator.speech.sources import AudioSource
    from facilitator.store import Changes, Store
    from facilitator.store.journal import Journal, Waiting
    from facilitator.suggesting import Accepted, Suggestions

__all__ = ["Record", "Watch"]

_TABLES = {"action": "actions", "responsibility": "responsibilities", "lever": "levers",
           "decision": "items", "question": "items", "obstacle": "items", "note": "notes"}
"""Where a captured kind's row lives, for undoing a capture."""


class Watch:
    """One meeting's changes made elsewhere (``Record.watch``): ``wait`` says whether what the
    screen shows may have changed. Made, used and closed in the screen's watching thread."""

    def __init__(self, changes: Changes, meetings: Callable[[], set[int]],
                 moved: Callable[[], bool] = lambda: True) -> None:
        self._changes = changes
        self._which = meetings
        self._moved: Callable[[], bool] | None = moved
        """Asked once, when listening begins: has the record moved since the screen read it?"""
        self._meetings: set[int] | None = None
        self.offline = False
        """The team's server could not be reached at the last look (the next one tries again)."""

    def wait(self, timeout: float) -> bool:
        """Block up to ``timeout`` seconds; True as soon as another writer's commit touches
        the meeting (or may have: after the server was away, or on SQLite)."""
        from facilitator.store import StoreError

        try:
            changed = self._changes.wait(timeout)
            if changed is None:
                return False
            if self._moved is not None:  # the first answer: listening began, what came before is unknown
                moved, self._moved = self._moved, None
                if changed.everything and not moved():
                    return False
            if self._meetings is None:
                self._meetings = self._which()
        except StoreError as exc:
            if exc.kind != "offline":
                raise
            self.offline = True
            return False
        self.offline = False
        if not changed.touches(self._meetings):
            return False
        self._meetings = None  # the meeting's order may have changed with it: asked again next time
        return True

    def close(self) -> None:
        self._changes.close()


class Record(Intake):
    """The record of meetings over one store (opened lazily: opening creates the home)."""

    def __init__(self, home: Path, settings: Settings, store: Callable[[], Store], *,
                 audio_source: Callable[[], AudioSource] | None = None) -> None:
        self.home = home
        self.settings = settings
        self._open_store = store
        self.audio_source = audio_source
        """Makes the ``AudioSource`` live listening hears; None: the microphone."""
        self._suggestions: Suggestions | None = None
        self._journal: Journal | None = None
        self._replaying = threading.Lock()
        """One replay at a time: the screen's retry in its thread, a capture on the UI's."""

    @property
    def store(self) -> Store:
        return self._open_store()

    # -- meetings -------------------------------------------------------------------

    def remember_my_name(self, name: str) -> None:
        """``[me] name`` from the first-run question: into config.toml (its other lines
        kept) and into these settings, so what is captured from now on records it."""
        from facilitator.config import Me
        from facilitator.config_edit import save_me_name

        save_me_name(locations.config_path(self.home), name)
        self.settings.me = Me(name=" ".join(name.split()))

    def meetings(self) -> list[Meeting]:
        if not self.settings.database and not locations.database_path(self.home).exists():
            return []
        return self.store.list_meetings()

    def meeting(self, meeting_id: int) -> Meeting:
        return self.store.get_meeting(meeting_id)

    def new_meeting(self, title: str, customer: str = "", order: str = "", on: date | None = None,
                    deadline: date | None = None, language: str | None = None,
                    participants: list[Participant] | None = None, goal: str = "") -> Meeting:
        m = self.unsaved_meeting(title, customer, order, on, deadline, language, participants, goal)
        return self.store.get_meeting(self.store.create_meeting(m))

    def unsaved_meeting(self, title: str, customer: str = "", order: str = "", on: date | None = None,
                        deadline: date | None = None, language: str | None = None,
                        participants: list[Participant] | None = None, goal: str = "") -> Meeting:
        title = title.strip()
        if not title:
            raise UserError("a meeting needs a title")
        # one language per user: theirs when they chose it (config or locale), else the title's
        lang = language or (self.settings.language if self.settings.language_chosen
                            else guess_language(title + customer, self.settings.language))
        return Meeting(
            title=title, customer=customer.strip(), order_ref=order.strip(), goal=goal,
            date=on or date.today(), deadline=deadline, language=lang,  # type: ignore[arg-type]
            participants=list(participants or []),
        )

    def update_meeting(self, meeting_id: int, **fields: Any) -> None:
        self.store.update_meeting(meeting_id, **fields)

    def reopen_meeting(self, meeting_id: int) -> Meeting:
        """Undo a close: the meeting takes notes again; its history records the reopening."""
        self.store.update_meeting(meeting_id, status="open", closed_at=None)
        return self.store.get_meeting(meeting_id)

    def meeting_history(self, meeting_id: int) -> list[tuple[str, str]]:
        return self.store.meeting_history(meeting_id)

    def open_meeting(self, meeting_id: int) -> Meeting:
        """The meeting, refused when closed: its record is what the room signed off on."""
        meeting = self.store.get_meeting(meeting_id)
        if meeting.status == "closed":
            raise UserError("meeting {id} is closed; reopen it to add to it", id=meeting_id)
        return meeting

    def watch(self, meeting_id: int, shown: Meeting | None = None) -> Watch:
        """What an open meeting screen waits on, in a thread of its own: commits by other
        writers (another laptop, another terminal, the command line) to this meeting or to
        the earlier meetings whose actions it carries over. On a team's PostgreSQL these are
        pushed by the server (``LISTEN``); on the home's SQLite file a local check.

        ``shown`` is the meeting as the screen read it: once listening has begun, the record
        is compared with it, so a line committed before then is not missed and an unchanged
        record costs the screen no refresh."""

        def which() -> set[int]:
            return {meeting_id, *(int(m.id) for m in self.store.linked_meetings(meeting_id) if m.id is not None)}

        def moved() -> bool:
            return shown is None or self.store.get_meeting(meeting_id) != shown

        return Watch(self.store.changes(), which, moved)

    def claim_presence(self, meeting_id: int) -> Presence:
        """This screen's presence on a meeting; ``claim()`` says how many others are open."""
        from facilitator.presence import Presence

        return Presence(locations.presence_dir(self.home), meeting_id)

    def playbook(self) -> tuple[Stage, ...]:
        """The meeting's agenda stages, in order (``prompts/playbook.toml``)."""
        from facilitator.playbook import default_playbook

        return default_playbook()

    def save_stage_time(self, meeting_id: int, stage: str, seconds: float) -> None:
        """Persist the time spent in one agenda stage, so a restart resumes the clock."""
        self.store.save_stage_time(meeting_id, stage, max(0.0, seconds))

    # -- capture --------------------------------------------------------------------

    def parse(self, meeting: Meeting, line: str) -> Captured:
        """One typed line as this meeting reads it: relative dates from its date, and the
        names a lever's ``@OWNER`` of several words may be (``@Anna Berg``): its participants,
        the ``[people]`` entries and the user."""
        from facilitator.capture import parse_line

        return parse_line(line, meeting.date, self.owner_names(meeting))

    def capture(self, meeting_id: int, line: str, stage: str | None = None) -> tuple[Captured, int]:
        """Parse one typed line and commit it; returns only after the commit."""
        recorded = self.capture_lines(meeting_id, [line], stage)[0]
        assert recorded.captured is not None
        return recorded.captured, recorded.row_id

    def capture_lines(self, meeting_id: int, lines: list[str], stage: str | None = None) -> list[Recorded]:
        """Parse typed or pasted lines and commit them in one transaction, in order.

        Blank lines are skipped. A closed meeting takes nothing (reopen it first).
        On a team's server each batch is written at most once under its own key; while the
        server cannot be reached the lines wait in the home's journal (outcome ``journaled``)
        and are written, in the order typed, once it answers.
        """
        if self.settings.database:
            return self._capture_on_server(meeting_id, lines, stage)
        meeting = self.open_meeting(meeting_id)
        captured = [self.parse(meeting, line) for line in lines if line.strip()]
        return self.store.record_lines(meeting_id, captured, stage or meeting.stage)

    def _capture_on_server(self, meeting_id: int, lines: list[str], stage: str | None) -> list[Recorded]:
        import uuid

        from facilitator.store import StoreError

        key = uuid.uuid4().hex
        try:
            self.replay_journal()  # what waits was typed first
            meeting, people = self.store.meeting_facts(meeting_id)  # its row and people: date, stage, status
            meeting.participants = people
            if meeting.status == "closed":
                raise UserError("meeting {id} is closed; reopen it to add to it", id=meeting_id)
            captured = [self.parse(meeting, line) for line in lines if line.strip()]
            return self.store.record_batch(key, meeting_id, captured, stage or meeting.stage) or []
        except StoreError as exc:
            if exc.kind != "offline":
                raise
            from facilitator.capture import parse_line

            kept = [line for line in lines if line.strip()]
            self.journal.add(key, meeting_id, kept, stage)
            return [Recorded(row_id=0, outcome="journaled", captured=parse_line(line, None)) for line in kept]

    @property
    def journal(self) -> Journal:
        """Lines waiting for a team's server (``store/journal.py``)."""
        if self._journal is None:
            from facilitator.store.journal import Journal

            self._journal = Journal(self.home / "journal.db")
        return self._journal

    @property
    def on_team_server(self) -> bool:
        """The record is a team's server (PostgreSQL), not the home's own SQLite file."""
        return bool(self.settings.database)

    def keep_lines(self, meeting_id: int, lines: list[str], stage: str | None = None) -> int:
        """A meeting screen's typed or pasted lines on a team's server: into the home's
        journal (local, durable on return, in the order typed), never a wait on the
        network; ``write_waiting`` then writes them to the server, each batch once.
        Blank lines are skipped. Returns how many lines now wait."""
        import uuid

        kept = [line for line in lines if line.strip()]
        if kept:
            self.journal.add(uuid.uuid4().hex, meeting_id, kept, stage)
        return self.journal.lines_waiting()

    def write_waiting(self) -> list[Recorded]:
        """Write what waits in the journal to the server, oldest first, and say what each
        line became (a batch an earlier attempt already committed says nothing). A
        ``StoreError`` of kind ``offline`` when the server is away (the rest waits)."""
        written: list[Recorded] = []
        self._replay(written.extend)
        return written

    def replay_journal(self) -> int:
        """Write what waits in the journal to the server, oldest first; lines written.
        A ``StoreError`` of kind ``offline`` when the server is still away (the rest waits)."""
        return self._replay(lambda recorded: None)

    def _replay(self, took: Callable[[list[Recorded]], object]) -> int:
        if not self.settings.database:
            return 0

        def write(batch: Waiting) -> None:
            meeting, people = self.store.meeting_facts(batch.meeting_id)
            meeting.participants = people
            captured = [self.parse(meeting, line) for line in batch.lines]
            took(self.store.record_batch(batch.key, batch.meeting_id, captured, batch.stage or meeting.stage) or [])

        with self._replaying:
            return self.journal.replay(write)

    def close_journal(self) -> None:
        if self._journal is not None:
            self._journal.close()
            self._journal = None

    def lines_waiting(self) -> int:
        """How many typed lines wait for the server (0 on the home's own SQLite file)."""
        return self.journal.lines_waiting() if self.settings.database else 0

    def copy_to(self, target: str) -> dict[str, tuple[int, int]]:
        """``facilitator db copy --to TARGET``: this record into another store (``store/copy.py``),
        ``{table: (copied, already there)}``."""
        from facilitator.record_rules import RULES
        from facilitator.store.copy import copy_to

        return copy_to(self.store, target, RULES, author=self.settings.me_name or None)

    def add_note(self, meeting_id: int, text: str, stage: str | None = None) -> int:
        """A free note stored verbatim, without quick-capture parsing.

        The TUI uses it for text still in the input when the app is told to stop
        (SIGTERM, SIGHUP, quit): half-typed lines must not be lost, but must not turn
        into half-formed actions either.
        """
        if not text.strip():
            raise UserError("empty note")
        return self.store.add_note(meeting_id, text, stage)

    def add_participant(self, meeting_id: int, participant: Participant) -> Participant:
        """Add one person to a meeting (the convene stage needs them); committed on return."""
        name = participant.name.strip()
        if not name:
            raise UserError("a participant needs a name")
        if not self.store.has_meeting(meeting_id):
            raise UserError("no meeting with id {id}", id=meeting_id)
        p = Participant(name=name, department=participant.department.strip(), role=participant.role.strip())
        p.id = self.store.add_participant(meeting_id, p)
        return p

    # -- edits ----------------------------------------------------------------------

    def update_responsibility(self, r: Responsibility) -> Responsibility:
        """Save an edited responsibility row; an empty owner means nobody owns it yet."""
        if r.id is None:
            raise UserError("this responsibility has not been saved yet")
        item = r.item.strip()
        if not item:
            raise UserError("a responsibility needs an item")
        if r.status not in ("agreed", "disputed"):
            raise UserError(f"unknown responsibility status {r.status!r}")
        owner = (r.owner or "").strip() or None
        basis = (r.basis or "").strip() or None
        saved = Responsibility(item=item, owner=owner, basis=basis, status=r.status, id=r.id)
        self.store.update_responsibility(saved)
        return saved

    def update_action(self, a: Action, in_meeting: int | None = None) -> Action:
        """Save an edited action row (text, owner, due date, status, reason) and return it
        as stored; blocked and dropped need a reason."""
        from facilitator.model import ACTION_STATUSES

        if a.id is None:
            raise UserError("this action has not been saved yet")
        if not a.action.strip():
            raise UserError("an action needs a description")
        if a.status not in ACTION_STATUSES:
            raise UserError(f"unknown action status {a.status!r}")
        reason = Action.reason_for(a.status, a.reason)
        current = self.store.get_action(a.id)
        current.action = a.action.strip()
        current.owner = (a.owner or "").strip() or None
        current.due = a.due
        current.status = a.status
        current.reason = reason
        self.store.update_action(current, in_meeting=in_meeting)
        return self.store.get_action(a.id)

    def update_item(self, item_id: int, text: str) -> None:
        """Save an edited obstacle, decision or open question."""
        if not text.strip():
            raise UserError("an item needs text")
        self.store.update_item(item_id, " ".join(text.split()))

    def set_obstacle_kind(self, item_id: int, kind: str) -> str:
        """Set an obstacle's kind from an id or a label in either language (``预算``)."""
        from facilitator.obstacles import KINDS, parse_kind

        found = parse_kind(kind)
        if found is None:
            raise UserError(f"unknown obstacle kind {kind!r}; one of {', '.join(KINDS)}")
        self.store.set_obstacle_kinds({item_id: found})
        return found

    def save_lever(self, meeting_id: int, lever: Lever, in_meeting: int | None = None) -> Lever:
        """Add (no id) or save an edited lever; one with an owner is also a tracked action."""
        resource = " ".join(lever.resource.split())
        if not resource:
            raise UserError("a lever needs the resource it brings")
        saved = replace(lever, resource=resource, owner=(lever.owner or "").strip() or None,
                        holder=(lever.holder or "").strip() or None,
                        presolves=(lever.presolves or "").strip() or None)
        if saved.id is None:
            saved.id = self.store.add_lever(meeting_id, saved)
        else:
            self.store.update_lever(saved, in_meeting=in_meeting)
        return next(lv for lv in self.store.get_meeting(meeting_id).levers if lv.id == saved.id)

    def responsibility_history(self, row_id: int) -> list[Responsibility]:
        return self.store.responsibility_history(row_id)

    # -- delete, restore, undo ------------------------------------------------------

    def delete_item(self, item_id: int) -> Removed:
        """Delete an obstacle, decision or question; :meth:`restore` undoes it."""
        return self.store.delete_row("items", item_id)

    def delete_responsibility(self, row_id: int) -> Removed:
        return self.store.delete_row("responsibilities", row_id)

    def restore(self, removed: Removed) -> int:
        """Undo a delete: the row back in its place, with its history and links; its id."""
        return self.store.restore_row(removed)

    def uncapture(self, recorded: list[Recorded]) -> int:
        """Undo lines just captured (Ctrl+Z after Enter): each row they added is deleted, a
        lever with the action it made, last line first. Lines that settled or changed a row
        the meeting already held are left alone; how many rows were removed."""
        removed = 0
        for r in reversed(recorded):
            if r.captured is None or r.outcome != "added" or r.captured.kind not in _TABLES:
                continue
            gone = self.store.delete_row(_TABLES[r.captured.kind], r.row_id)
            action_id = gone.rows[0][1].get("action_id") if gone.rows and gone.table == "levers" else None
            if action_id is not None:  # the action a lever's owner made goes with it
                self.store.delete_row("actions", int(action_id))
            removed += bool(gone.rows)
        return removed

    # -- the extractor's suggestions ------------------------------------------------

    @property
    def _suggester(self) -> Suggestions:
        if self._suggestions is None:
            from facilitator.suggesting import Suggestions

            self._suggestions = Suggestions(lambda: self.store)
        return self._suggestions

    def suggest(self, meeting_id: int, cues: list[Cue]) -> list[Suggestion]:
        """Store the extractor's suggestions for new cues of a meeting (a free note typed live,
        a line heard from the microphone); returns those new to it. Cheap enough per line."""
        return self._suggester.suggest(meeting_id, cues)

    def suggest_notes(self, meeting_id: int, lines: list[str]) -> list[Suggestion]:
        """``suggest`` for free notes typed live (a ``名字：`` prefix is the speaker)."""
        return self._suggester.suggest_notes(meeting_id, lines)

    def accept_suggestion(self, suggestion_id: int, edited: Captured | None = None,
                          stage: str | None = None) -> Accepted:
        return self._suggester.accept(suggestion_id, edited, stage)

    def dismiss_suggestion(self, suggestion_id: int) -> Suggestion:
        return self._suggester.dismiss(suggestion_id)

    def undo_accept(self, accepted: Accepted) -> None:
        self._suggester.undo_accept(accepted)

    def undo_dismiss(self, suggestion_id: int) -> None:
        self._suggester.undo_dismiss(suggestion_id)
