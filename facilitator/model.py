"""Domain types shared by the store, the drafters, the library, the CLI and the TUI.

Plain dataclasses with no I/O, so every layer can use them without pulling in
SQLite, chromadb or textual.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date
from typing import Any, ClassVar, Literal, TypeAlias

Language = Literal["zh", "en"]
ResponsibilityStatus = Literal["agreed", "disputed"]
ActionStatus = Literal["open", "done", "blocked", "dropped"]
ItemSource = Literal["typed", "extracted"]
"""Where a ledger row came from: typed by the facilitator (quick capture, a form, a notes
file's structured line) or extracted from what people said and accepted as a suggestion
(or added by the model to an LLM draft); the summary marks the extracted ones."""
ACTION_STATUSES: tuple[str, ...] = ("open", "done", "blocked", "dropped")
OUTSTANDING: tuple[str, ...] = ("open", "blocked")
"""Statuses of an action somebody still owes: listed by ``--open``, carried over, overdue."""
ITEM_KINDS: dict[str, str] = {"obstacle": "obstacles", "decision": "decisions", "question": "open_questions"}
"""Kinds of the record's one-line items (the ``items`` table), each with the list that
holds it on ``Meeting`` and on ``Draft`` (same name); the store, the capture path, the
drafter, the labels and the TUI read this one table, in this order (the method's)."""
CaptureKind = Literal[
    "action", "responsibility", "decision", "question", "obstacle", "lever", "note"
]


JsonObject: TypeAlias = dict[str, Any]
"""A JSON object as ``json.dumps`` takes it; its values are what ``json_value`` makes
(readers index into it freely, so the values stay untyped here)."""


def json_of(obj: object, keys: Sequence[str] | None = None) -> JsonObject:
    """The JSON object of a dataclass, generated from its fields: one rule for every
    ``to_json`` of the contract (design.md section 4). ``keys`` (else the class's
    ``JSON_KEYS``, else its fields in order, less ``JSON_OMIT``) name the keys in order;
    ``"key=path"`` reads another attribute or a dotted path (``captured.kind``). A key in
    ``JSON_IF_SET`` is left out when its value is empty. Values: a date as ISO text, None
    as null, lists and tuples as lists, a nested dataclass by the same rule."""
    kind = type(obj)
    spec = keys or getattr(kind, "JSON_KEYS", ()) or tuple(
        f.name for f in fields(kind) if f.name not in getattr(kind, "JSON_OMIT", ()))  # type: ignore[arg-type]
    if_set: Sequence[str] = getattr(kind, "JSON_IF_SET", ())
    out: JsonObject = {}
    for entry in spec:
        key, _, path = entry.partition("=")
        value: object = obj
        for name in (path or key).split("."):
            value = getattr(value, name)
        if key in if_set and not value:
            continue
        out[key] = json_value(value)
    return out


def json_value(value: object) -> object:
    """One value as JSON: see ``json_of``."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [json_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): json_value(v) for k, v in value.items()}
    if isinstance(value, JsonShaped):
        return value.to_json()
    if is_dataclass(value):
        return json_of(value)
    raise TypeError(f"no JSON for {type(value).__name__}")


class JsonShaped:
    """A dataclass whose ``to_json`` is generated (``json_of``); the class says which keys
    in which order (``JSON_KEYS``) or which fields it leaves out (``JSON_OMIT``)."""

    JSON_KEYS: ClassVar[tuple[str, ...]] = ()
    JSON_OMIT: ClassVar[tuple[str, ...]] = ()
    JSON_IF_SET: ClassVar[tuple[str, ...]] = ()

    def to_json(self) -> JsonObject:
        return json_of(self)


class UserError(Exception):
    """Bad input from the user: the CLI prints the message on one line and exits 2.

    Raised as ``UserError("no meeting with id {id}", id=3)``, it keeps the English
    template and its values apart (``template``, ``values``), so the command line can say
    it in the user's language (``cli_text.t``); ``str()`` is the English line, as the
    code, the logs and the tests read it."""

    def __init__(self, message: str = "", /, **values: object) -> None:
        super().__init__(message.format(**values) if values else message)
        self.template = message
        self.values = values


class MissingReason(UserError):
    """An action marked blocked or dropped without saying why (``Action.reason_for``)."""

    def __init__(self, status: str) -> None:
        super().__init__(f"an action marked {status} needs a reason")
        self.status = status


@dataclass
class Participant:
    name: str
    department: str = ""
    role: str = ""
    id: int | None = None


@dataclass
class Responsibility(JsonShaped):
    item: str
    owner: str | None
    basis: str | None = None
    status: ResponsibilityStatus = "agreed"
    id: int | None = None
    quote: str | None = None
    """The words it came from, when it was extracted from speech or minutes."""
    source: ItemSource = "typed"

    JSON_OMIT = ("id",)


@dataclass
class Action(JsonShaped):
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
    quote: str | None = None
    """The words it came from, when it was extracted from speech or minutes."""
    source: ItemSource = "typed"
    author: str | None = None
    """Who recorded it (``[me] name``), when it was set."""

    JSON_KEYS = ("action", "owner", "due", "status", "quote", "source")
    LEDGER_KEYS: ClassVar[tuple[str, ...]] = (
        "id", "meeting_id", "order", "reason", "meeting=meeting_title", "done_at")

    def is_overdue(self, as_of: date) -> bool:
        return self.status in OUTSTANDING and self.due is not None and self.due < as_of

    @staticmethod
    def needs_reason(status: str) -> bool:
        """Blocked and dropped need a reason: whoever reads the ledger next must know what
        to unblock or why the promise was withdrawn. Other statuses keep none."""
        return status in ("blocked", "dropped")

    @staticmethod
    def reason_for(status: str, reason: str | None) -> str | None:
        """The reason to keep with ``status`` (trimmed; None when the status keeps none);
        ``MissingReason`` when it needs one and none was given."""
        reason = (reason or "").strip() or None
        if not Action.needs_reason(status):
            return None
        if reason is None:
            raise MissingReason(status)
        return reason

    def ledger_json(self, as_of: date | None = None) -> JsonObject:
        """The ``actions --json`` entry: the draft keys plus where it came from."""
        data = self.to_json()
        data.update(json_of(self, self.LEDGER_KEYS))
        if as_of is not None:
            data["overdue"] = self.is_overdue(as_of)
        return data


ChaseKey: TypeAlias = tuple[bool, bool, bool, date, int]
"""An action's place in ``chase_order``: overdue, settled, undated, due date, id."""


def chase_order(actions: list[Action], today: date, by_owner: bool = False) -> list[Action]:
    """What to chase first: overdue, then what is still owed by due date (undated last),
    then what is settled; ``by_owner`` groups by owner first (nobody last). The ledger on
    the command line and the board in the TUI list actions in this one order."""

    def key(a: Action) -> ChaseKey | tuple[tuple[bool, str], *ChaseKey]:
        base: ChaseKey = (not a.is_overdue(today), a.status not in OUTSTANDING, a.due is None, a.due or date.max, a.id or 0)
        return ((a.owner is None, a.owner or ""), *base) if by_owner else base

    return sorted(actions, key=key)


@dataclass
class ActionEvent(JsonShaped):
    """One change in an action's life: created, a new status or a new due date."""

    action_id: int
    at: str
    kind: Literal["created", "status", "due", "edit"]
    status: ActionStatus
    due: date | None = None
    reason: str | None = None
    meeting_id: int | None = None
    """The meeting in which the change was made, or None for the command line."""
    author: str | None = None
    """Who made it (``[me] name``), when it was set."""

    JSON_OMIT = ("action_id",)
    JSON_IF_SET = ("author",)


@dataclass
class Review:
    """What the room said about one action when the meeting closed."""

    action_id: int
    status: str
    due: date | None = None
    reason: str | None = None


@dataclass
class Item:
    """A decision, obstacle or open question: text plus its row id."""

    text: str
    id: int | None = None
    kind: str | None = None
    """An obstacle's kind (``facilitator.obstacles.KINDS``); None for decisions and questions."""


@dataclass
class Lever(JsonShaped):
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
    quote: str | None = None
    source: ItemSource = "typed"

    JSON_KEYS = ("id", "obstacle_id", "resource", "holder", "presolves", "owner", "due", "action_id",
                 "quote", "source")


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
    """For an obstacle: the kind written in ``障碍[…]`` or classified from the text. For a
    lever: the kind of obstacle it names (``资源[预算]: …``), None when it names none."""
    holder: str | None = None
    """For a lever: who holds the resource."""
    presolves: str | None = None
    """For a lever: what it solves in advance for the other side."""


@dataclass(frozen=True)
class Settlement:
    """What ``ITEM => OWNER`` does to the responsibility a meeting already holds for that item
    (``record_rules.settle`` decides, the store writes it): ``outcome`` as in ``Recorded``;
    ``row`` is the state to write, None when nothing changes (``unchanged``)."""

    outcome: str
    row: Responsibility | None = None


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
    obstacle_choice: str | None = None
    """For a lever: how its obstacle was chosen (``obstacles.lever_target``'s ``how``)."""


@dataclass
class Cue(JsonShaped):
    """One utterance of a transcript; start/end in seconds, None for plain text."""

    speaker: str | None
    text: str
    start: float | None = None
    end: float | None = None
    language: str | None = None
    """The language a speech engine heard (``zh``, ``en``); None for a text transcript."""
    markup: str = field(default="", compare=False)
    """The Markdown marks a ``.md`` line began with (``## ``, ``- ``, ``> ``), dropped from
    ``text`` so the record reads clean, kept for the extractor, which reads a page of
    minutes by its headings and lists; not part of the JSON shape."""

    JSON_KEYS = ("speaker", "start", "end", "text", "language")
    JSON_IF_SET = ("language",)


@dataclass
class Transcript(JsonShaped):
    cues: list[Cue]
    warnings: list[str] = field(default_factory=list)
    format: str = "txt"
    encoding: str = "utf-8"

    JSON_KEYS = ("cues", "warnings")


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
    suggestions: list[Suggestion] = field(default_factory=list)
    """Pending suggestions: items the extractor understood, offered but not yet accepted
    or dismissed (a transient meeting from ``draft --from`` holds the extractor's output)."""

    def levers_of(self, obstacle: Item) -> list[Lever]:
        """The levers recorded against one obstacle, in the order they were typed."""
        return [lv for lv in self.levers if obstacle.id is not None and lv.obstacle_id == obstacle.id]

    SUMMARY_KEYS: ClassVar[tuple[str, ...]] = ("id", "title", "date", "customer", "order=order_ref", "status")

    def summary_json(self) -> JsonObject:
        """The ``meetings --json`` entry."""
        return json_of(self, self.SUMMARY_KEYS)


@dataclass
class Delivery:
    """Where one order stands: its meetings in order, and every action with its history."""

    order: str
    meetings: list[Meeting] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    history: dict[int, list[ActionEvent]] = field(default_factory=dict)

    def outstanding(self) -> list[Action]:
        return [a for a in self.actions if a.status in OUTSTANDING]

    def to_json(self, as_of: date) -> JsonObject:
        return {
            "order": self.order,
            "customer": next((m.customer for m in reversed(self.meetings) if m.customer), ""),
            "meetings": [
                dict(
                    m.summary_json(), status=m.status, stage=m.stage,
                    responsibilities=[r.to_json() for r in m.responsibilities],
                    decisions=[i.text for i in m.decisions],
                    obstacles=[i.text for i in m.obstacles],
                )
                for m in self.meetings
            ],
            "actions": [
                dict(a.ledger_json(as_of), history=[e.to_json() for e in self.history.get(a.id or 0, [])])
                for a in self.actions
            ],
            "outstanding": len(self.outstanding()),
            "overdue": sum(1 for a in self.actions if a.is_overdue(as_of)),
        }


STAGE_REQUIREMENTS = frozenset({
    "participants", "notes", "responsibilities", "obstacles", "decisions", "actions", "dated_actions",
    "stuck_notes", "contested_escalated", "obstacle_kinds", "obstacle_levers",
})
"""What a stage of the playbook may ask the record to hold before the meeting moves on."""


@dataclass(frozen=True)
class Stage:
    """One stage of the meeting's agenda (loaded by ``playbook.py`` from ``playbook.toml``)."""

    id: str
    title_zh: str
    title_en: str
    minutes: int
    goal_zh: str
    goal_en: str
    questions_zh: tuple[str, ...]
    questions_en: tuple[str, ...]
    requires: tuple[str, ...]

    def title(self, lang: str) -> str:
        return self.title_zh if lang == "zh" else self.title_en

    def goal(self, lang: str) -> str:
        return self.goal_zh if lang == "zh" else self.goal_en

    def questions(self, lang: str) -> tuple[str, ...]:
        return self.questions_zh if lang == "zh" else self.questions_en


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
    titles: dict[str, str] = field(default_factory=dict)
    """The title in other languages (front matter ``title_zh`` / ``title_en``), so a card of
    one language is named in the other's meetings by a title its reader can read."""


@dataclass
class Hit(JsonShaped):
    """One search result: one case, with its best-matching section."""

    case_id: str
    title: str
    score: float
    section: str
    snippet: str
    source: str | None = None


@dataclass
class Restart:
    """In a streamed LLM draft: a new attempt starts, so discard the text streamed so far."""

    reason: str


@dataclass
class Progress:
    """One window of the material was read (or could not be)."""

    index: int
    total: int
    span: str
    seconds: float
    items: int = 0
    failure: str | None = None

    def line(self, lang: str = "en") -> str:
        if lang == "zh":
            head = f"第 {self.index}/{self.total} 段（{self.span}）"
            if self.failure:
                return f"{head}未能读取：{self.failure}"
            return f"{head}：找到 {self.items} 条，{self.seconds:.1f} 秒"
        head = f"window {self.index}/{self.total} ({self.span})"
        if self.failure:
            return f"{head}: not read: {self.failure}"
        return f"{head}: {self.items} item{'s' if self.items != 1 else ''} found, {self.seconds:.1f} s"


@dataclass
class Gap:
    kind: str
    message: str


@dataclass
class Evidence(JsonShaped):
    """Where an item the model added was said: its quote, located in the material, and
    why it is flagged (empty when owner, date and basis all check out)."""

    kind: str
    """The draft key the item is in: ``actions``, ``responsibilities``, ``decisions``, ..."""
    text: str
    quote: str | None = None
    at: str | None = None
    """``mm:ss`` of the transcript line the quote was found in."""
    speaker: str | None = None
    flags: list[str] = field(default_factory=list)


@dataclass
class LeverLine(JsonShaped):
    """One row of the draft's "real obstacles and levers" table (no lever: resource None)."""

    obstacle: str
    kind: str
    resource: str | None = None
    holder: str | None = None
    presolves: str | None = None
    owner: str | None = None
    due: date | None = None
    quote: str | None = None
    source: ItemSource = "typed"

    JSON_KEYS = ("obstacle=obstacle_or_none", "kind", "resource", "owner", "due", "holder", "presolves",
                 "quote", "source")

    @property
    def obstacle_or_none(self) -> str | None:
        """A row with no obstacle text says so with null in the JSON."""
        return self.obstacle or None


@dataclass
class Removed:
    """A deleted ledger row with what went with it, kept so Ctrl+Z can put it back where it
    was: the row itself, the rows its delete cascaded to (its history), and the rows that
    pointed at it and lost that link (a lever on a deleted obstacle). Opaque outside the store."""

    table: str
    row_id: int
    rows: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    """``(table, column values)`` of every row removed, the row first, then its dependants."""
    unlinked: list[tuple[str, str, int, int]] = field(default_factory=list)
    """``(table, column, row id, old value)`` of links the delete set to NULL."""


@dataclass
class Draft(JsonShaped):
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
    evidence: list[Evidence] = field(default_factory=list)
    """One entry per item the model added (an LLM draft only)."""
    levers: list[LeverLine] = field(default_factory=list)
    """Each obstacle with its levers; an obstacle without one has a row with no resource."""
    case_titles: dict[str, str] = field(default_factory=dict)
    """Card titles by case id, so the summary names a cited case as a reader knows it; the
    JSON keeps ``cited_cases`` as ids (the contract), so this is not part of ``to_json``."""
    known_owners: list[str] = field(default_factory=list)
    """Owners the user's settings know besides the meeting's people (the user, ``[people]``):
    their actions are not flagged as an unknown owner. Not part of ``to_json``."""
    extracted: list[Suggestion] = field(default_factory=list)
    """The extractor's suggestions the draft includes (pending ones of the meeting, or what
    it found in a ``--from`` file): the summary lists them with their quotes."""

    JSON_KEYS = ("mode", "responsibilities", "actions", "decisions", "obstacles", "open_questions",
                 "gaps=gap_messages", "cited_cases", "levers=levers_found", "markdown", "warnings", "evidence")

    @property
    def gap_messages(self) -> list[str]:
        return [g.message for g in self.gaps]

    @property
    def levers_found(self) -> list[LeverLine]:
        """The rows that name a resource (the JSON lists levers; the summary shows every obstacle)."""
        return [lv for lv in self.levers if lv.resource]


# -- follow-up messages: what the outbox sends and the send log keeps ----------------------

def masked_url(url: str) -> str:
    """The URL with its key or token shortened, for screens, logs and the send log."""
    from urllib import parse as _parse

    parts = _parse.urlsplit(url)
    query = [
        (k, v if k not in ("key", "access_token") or len(v) <= 4 else "…" + v[-4:])
        for k, v in _parse.parse_qsl(parts.query, keep_blank_values=True)
    ]
    path = parts.path
    if "/hook/" in path:
        head, _, token = path.rpartition("/")
        path = f"{head}/…{token[-4:]}" if len(token) > 4 else path
    return _parse.urlunsplit((parts.scheme, parts.netloc, path, "&".join(f"{k}={v}" for k, v in query), ""))



Kind = Literal["followup", "remind", "escalate"]
State = Literal["new", "already sent", "retry", "unconfirmed"]


@dataclass
class Outgoing:
    """One message to one place: a mail to a person or a post to a group robot."""

    kind: Kind
    channel: str
    """``email``, ``wecom``, ``feishu`` or ``dingtalk``."""
    recipient: str
    """A ``[people]`` name, or ``group`` for a robot."""
    address: str
    """The email address, or the robot's full URL (shown masked)."""
    subject: str
    body: str
    lang: Language
    action_ids: list[int] = field(default_factory=list)
    mobiles: list[str] = field(default_factory=list)
    style: str = "markdown"
    """``text`` for WeCom's separate mention message."""
    follows: str = ""
    """For that mention message: the hash of the digest it goes with, so a new digest
    gets its mentions again although the mention text itself is the same."""
    label: str = ""
    """The channel's name for people (``WeCom``), from its ``facilitator.channels`` entry;
    not part of the message's identity."""

    @property
    def shown_address(self) -> str:
        if self.channel == "email":
            return self.address
        return masked_url(self.address)

    @property
    def where(self) -> str:
        """``mail to 吴工 <wu@example.com>`` / ``WeCom group (https://…/send?key=…aaaa)``."""
        if self.channel == "email":
            return f"mail to {self.recipient} <{self.address}>"
        return f"{self.label or self.channel} group ({self.shown_address})"

    def content_hash(self) -> str:
        """Where it goes and what it says; the send log's identity of a message."""
        key = [self.channel, self.address, self.subject, self.body, sorted(self.mobiles), self.style]
        if self.follows:
            key.append(self.follows)
        import hashlib  # here: OpenSSL's start is not every command's

        return hashlib.sha256(json.dumps(key, ensure_ascii=False).encode("utf-8")).hexdigest()


@dataclass
class Plan:
    """What a send would do; ``unreachable`` says who cannot be reached and why."""

    kind: Kind
    lang: Language
    messages: list[Outgoing] = field(default_factory=list)
    unreachable: list[str] = field(default_factory=list)


@dataclass
class Outcome:
    message: Outgoing
    status: Literal["sent", "already sent", "failed", "unconfirmed"]
    answer: str

    def line(self) -> str:
        return f"{self.status}: {self.message.where}: {self.answer}"


@dataclass
class SendRecord(JsonShaped):
    """One delivery attempt as stored."""

    id: int
    at: str
    kind: str
    channel: str
    recipient: str
    address: str
    subject: str
    body: str
    content_hash: str
    status: str
    answer: str | None = None
    settled_at: str | None = None
    action_ids: list[int] = field(default_factory=list)

    JSON_OMIT = ("body", "settled_at")


SuggestionSource = Literal["extracted", "llm"]


@dataclass
class Suggestion(JsonShaped):
    """One item understood from what people said or wrote (a transcript, minutes, a chat
    paste), offered to the facilitator beside the ledger: never recorded silently.

    ``captured`` carries the item in the same shape a quick-capture line has (kind,
    text, owner, due, basis, status, obstacle kind, holder, presolves), so accepting a
    suggestion records it exactly as a typed line would, plus its quote. ``cues`` are
    the indexes of the cues (or lines) it was read from, first to last; ``quote`` is
    their words as said. ``confidence`` is in [0, 1]."""

    captured: Captured
    quote: str
    cues: tuple[int, ...] = ()
    speaker: str | None = None
    confidence: float = 0.5
    source: SuggestionSource = "extracted"
    id: int | None = None
    state: Literal["pending", "accepted", "dismissed"] = "pending"
    meeting_id: int | None = None
    row_id: int | None = None
    """The ledger row an accepted suggestion became."""

    JSON_KEYS = ("id", "kind=captured.kind", "text=captured.text", "owner=captured.owner", "due=captured.due",
                 "basis=captured.basis", "status=captured.status", "obstacle_kind=captured.obstacle_kind",
                 "quote", "speaker", "cues", "confidence", "source", "state")
