"""Domain types shared by the store, the drafters, the library, the CLI and the TUI.

Plain dataclasses with no I/O, so every layer can use them without pulling in
SQLite, chromadb or textual.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal

Language = Literal["zh", "en"]
ResponsibilityStatus = Literal["agreed", "disputed"]
ActionStatus = Literal["open", "done", "blocked", "dropped"]
ACTION_STATUSES: tuple[str, ...] = ("open", "done", "blocked", "dropped")
OUTSTANDING: tuple[str, ...] = ("open", "blocked")
"""Statuses of an action somebody still owes: listed by ``--open``, carried over, overdue."""
CaptureKind = Literal[
    "action", "responsibility", "decision", "question", "obstacle", "lever", "note"
]


class UserError(Exception):
    """Bad input from the user: the CLI prints the message on one line and exits 2."""


@dataclass
class Participant:
    name: str
    department: str = ""
    role: str = ""
    id: int | None = None


@dataclass
class Responsibility:
    item: str
    owner: str | None
    basis: str | None = None
    status: ResponsibilityStatus = "agreed"
    id: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"item": self.item, "owner": self.owner, "basis": self.basis, "status": self.status}


@dataclass
class Action:
    action: str
    owner: str | None
    due: date | None = None
    status: ActionStatus = "open"
    id: int | None = None
    meeting_id: int | None = None
    done_at: str | None = None
    reason: str | None = None
    """Why it is blocked or was dropped."""
    order: str = ""
    """Order reference of the meeting it came from (filled when listed across meetings)."""
    meeting_title: str = ""
    meeting_language: Language = "zh"

    def to_json(self) -> dict[str, Any]:
        return {
            "action": self.action,
            "owner": self.owner,
            "due": self.due.isoformat() if self.due else None,
            "status": self.status,
        }

    def is_overdue(self, as_of: date) -> bool:
        return self.status in OUTSTANDING and self.due is not None and self.due < as_of

    def ledger_json(self, as_of: date | None = None) -> dict[str, Any]:
        """The ``actions --json`` entry: the draft keys plus where it came from."""
        data = self.to_json()
        data.update(
            id=self.id, meeting_id=self.meeting_id, order=self.order, reason=self.reason,
            meeting=self.meeting_title, done_at=self.done_at,
        )
        if as_of is not None:
            data["overdue"] = self.is_overdue(as_of)
        return data


@dataclass
class ActionEvent:
    """One change in an action's life: created, a new status or a new due date."""

    action_id: int
    at: str
    kind: Literal["created", "status", "due", "edit"]
    status: ActionStatus
    due: date | None = None
    reason: str | None = None
    meeting_id: int | None = None
    """The meeting in which the change was made, or None for the command line."""

    def to_json(self) -> dict[str, Any]:
        return {
            "at": self.at, "kind": self.kind, "status": self.status,
            "due": self.due.isoformat() if self.due else None, "reason": self.reason,
            "meeting_id": self.meeting_id,
        }


@dataclass
class Item:
    """A decision, obstacle or open question: text plus its row id."""

    text: str
    id: int | None = None
    kind: str | None = None
    """An obstacle's kind (``facilitator.obstacles.KINDS``); None for decisions and questions."""


@dataclass
class Lever:
    """What removes an obstacle (method step 4): a resource from beyond the two
    departments, who holds it, and what it solves in advance for the other side.

    A lever with an owner is also a tracked action (``action_id``), so securing the
    resource is chased like any other follow-up.
    """

    resource: str
    obstacle_id: int | None = None
    holder: str | None = None
    presolves: str | None = None
    owner: str | None = None
    due: date | None = None
    action_id: int | None = None
    id: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "obstacle_id": self.obstacle_id, "resource": self.resource,
            "holder": self.holder, "presolves": self.presolves, "owner": self.owner,
            "due": self.due.isoformat() if self.due else None, "action_id": self.action_id,
        }


@dataclass
class Note:
    text: str
    stage: str | None = None
    created_at: str | None = None
    id: int | None = None


@dataclass
class Captured:
    """One parsed quick-capture line (design.md section 6)."""

    kind: CaptureKind
    text: str
    owner: str | None = None
    due: date | None = None
    basis: str | None = None
    status: ResponsibilityStatus | None = None
    raw: str = ""
    problems: list[tuple[str, str]] = field(default_factory=list)
    """What the parser could not understand, as ``(code, the text concerned)``; the line is
    still recorded, and ``capture.describe_problem`` says in words how to write it."""
    obstacle_kind: str | None = None
    """For an obstacle: the kind written in ``障碍[…]`` or classified from the text."""
    holder: str | None = None
    """For a lever: who holds the resource."""
    presolves: str | None = None
    """For a lever: what it solves in advance for the other side."""


@dataclass
class Recorded:
    """What committing one captured line did: the row it wrote or settled, and how.

    ``outcome`` is ``added``, ``settled`` (a disputed responsibility got its owner),
    ``reassigned`` (an owned one got another owner), ``updated`` (a new basis) or
    ``unchanged`` (the meeting already held exactly this)."""

    row_id: int
    outcome: str = "added"
    previous_owner: str | None = None
    captured: Captured | None = None


@dataclass
class Cue:
    """One utterance of a transcript; start/end in seconds, None for plain text."""

    speaker: str | None
    text: str
    start: float | None = None
    end: float | None = None

    def to_json(self) -> dict[str, Any]:
        return {"speaker": self.speaker, "start": self.start, "end": self.end, "text": self.text}


@dataclass
class Transcript:
    cues: list[Cue]
    warnings: list[str] = field(default_factory=list)
    format: str = "txt"
    encoding: str = "utf-8"

    def to_json(self) -> dict[str, Any]:
        return {"cues": [c.to_json() for c in self.cues], "warnings": list(self.warnings)}


@dataclass
class DraftRecord:
    """A draft saved with its meeting (markdown and the raw model text, if any)."""

    mode: str
    markdown: str
    raw: str | None = None
    created_at: str | None = None
    id: int | None = None


@dataclass
class Meeting:
    title: str
    customer: str = ""
    order_ref: str = ""
    goal: str = ""
    deadline: date | None = None
    date: date | None = None
    language: Language = "zh"
    stage: str = "convene"
    status: str = "open"
    id: int | None = None
    created_at: str | None = None
    participants: list[Participant] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    responsibilities: list[Responsibility] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    decisions: list[Item] = field(default_factory=list)
    obstacles: list[Item] = field(default_factory=list)
    levers: list[Lever] = field(default_factory=list)
    """Levers of this meeting's obstacles, each naming its obstacle by row id."""
    open_questions: list[Item] = field(default_factory=list)
    cited_cases: list[str] = field(default_factory=list)
    drafts: list[DraftRecord] = field(default_factory=list)
    carried_actions: list[Action] = field(default_factory=list)
    """Outstanding actions from earlier meetings on the same order (or customer)."""
    stage_seconds: dict[str, float] = field(default_factory=dict)
    """Time spent in each agenda stage, saved as the meeting runs."""

    def levers_of(self, obstacle: Item) -> list[Lever]:
        """The levers recorded against one obstacle, in the order they were typed."""
        return [lv for lv in self.levers if obstacle.id is not None and lv.obstacle_id == obstacle.id]

    def summary_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "date": self.date.isoformat() if self.date else None,
            "customer": self.customer,
            "order": self.order_ref,
        }


@dataclass
class Case:
    """A case card (design.md section 5)."""

    id: str
    title: str
    lang: Language = "zh"
    departments: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    source: str | None = None
    sections: dict[str, str] = field(default_factory=dict)
    path: str | None = None
    obstacle: str | None = None
    """The kind of the case's real obstacle (front matter ``obstacle:``, else classified)."""


@dataclass
class Hit:
    """One search result: one case, with its best-matching section."""

    case_id: str
    title: str
    score: float
    section: str
    snippet: str
    source: str | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Gap:
    kind: str
    message: str


@dataclass
class LeverLine:
    """One row of the draft's "real obstacles and levers" table (no lever: resource None)."""

    obstacle: str
    kind: str
    resource: str | None = None
    holder: str | None = None
    presolves: str | None = None
    owner: str | None = None
    due: date | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "obstacle": self.obstacle or None, "kind": self.kind, "resource": self.resource,
            "owner": self.owner, "due": self.due.isoformat() if self.due else None,
            "holder": self.holder, "presolves": self.presolves,
        }


@dataclass
class Draft:
    mode: Literal["offline", "llm"]
    responsibilities: list[Responsibility] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    decisions: list[str] = field(default_factory=list)
    obstacles: list[str] = field(default_factory=list)
    open_questions: list[str] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)
    cited_cases: list[str] = field(default_factory=list)
    markdown: str = ""
    warnings: list[str] = field(default_factory=list)
    levers: list[LeverLine] = field(default_factory=list)
    """Each obstacle with its levers; an obstacle without one has a row with no resource."""

    def to_json(self) -> dict[str, Any]:
        return {
            "mode": self.mode,
            "responsibilities": [r.to_json() for r in self.responsibilities],
            "actions": [a.to_json() for a in self.actions],
            "decisions": list(self.decisions),
            "obstacles": list(self.obstacles),
            "open_questions": list(self.open_questions),
            "gaps": [g.message for g in self.gaps],
            "cited_cases": list(self.cited_cases),
            "levers": [lv.to_json() for lv in self.levers if lv.resource],
            "markdown": self.markdown,
            "warnings": list(self.warnings),
        }
