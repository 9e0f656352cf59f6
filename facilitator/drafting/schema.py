"""The shape the model must answer in, and the tolerant reading of what it did answer.

The keys are those of ``draft --json`` (design.md section 4): ``responsibilities``,
``actions``, ``decisions``, ``obstacles``, ``open_questions``, ``cited_cases``. The
same shape is asked for three ways (a strict JSON schema, a JSON object, plain text),
and whatever comes back goes through :func:`parse_answer`: fenced or surrounded JSON
is found, extra keys are ignored, common spellings of the statuses are understood,
and pydantic validates the rest. Anything else raises :class:`AnswerError` with a
short reason, which becomes the repair request or the user's one-line message.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

__all__ = [
    "DRAFT_KEYS",
    "DRAFT_SCHEMA",
    "AnswerError",
    "LlmAction",
    "LlmAnswer",
    "LlmResponsibility",
    "LlmText",
    "MAX_ITEMS",
    "salvage",
    "schema_outline",
    "extract_json",
    "parse_answer",
    "parse_due",
    "response_format",
]

DRAFT_KEYS = ("responsibilities", "actions", "decisions", "obstacles", "open_questions", "cited_cases")
MAX_ITEMS = 8
"""Per list and per answer: a window of a meeting rarely holds more, and a cap stops a
small model from repeating one item until the output limit."""

Schema = dict[str, object]
"""A JSON Schema object, as the endpoint is sent it."""

_QUOTE: Schema = {
    "type": "string",
    "description": "the words of the material this item comes from, copied exactly (one sentence, "
                   "with its [mm:ss] stamp if the line has one)",
}
_OWNER: Schema = {
    "type": ["string", "null"],
    "description": "the person or department as the material names them; null when nobody was named",
}


def _list(item: Schema, what: str) -> Schema:
    return {"type": "array", "maxItems": MAX_ITEMS, "description": what, "items": item}


def _object(properties: dict[str, Schema]) -> Schema:
    """A strict-mode object: every property required, nothing else allowed."""
    return {"type": "object", "properties": properties, "required": list(properties),
            "additionalProperties": False}


_TEXT_ITEM = _object({"text": {"type": "string", "description": "the item in one short sentence"},
                      "quote": _QUOTE})

ITEM_SCHEMAS: dict[str, Schema] = {
    "responsibilities": _list(_object({
        "item": {"type": "string", "description": "the task or duty whose owner was discussed"},
        "owner": _OWNER,
        "basis": {"type": ["string", "null"],
                  "description": "the rule, contract or process the speakers gave as the reason; "
                                 "null unless said"},
        "status": {"type": "string", "enum": ["agreed", "disputed"],
                   "description": "agreed only when the owner accepted it in the material"},
        "quote": _QUOTE,
    }), "who owns which task, new in this material"),
    "actions": _list(_object({
        "action": {"type": "string", "description": "what will be done, in a few words"},
        "owner": _OWNER,
        "due": {"type": ["string", "null"],
                "description": "YYYY-MM-DD of the date said with this commitment; null if none was said"},
        "status": {"type": "string", "enum": ["open"]},
        "quote": _QUOTE,
    }), "commitments somebody made, new in this material"),
    "decisions": _list(_TEXT_ITEM, "what the meeting settled"),
    "obstacles": _list(_TEXT_ITEM, "the real reasons the order is stuck (not the stated excuses)"),
    "open_questions": _list(_TEXT_ITEM, "questions left without an answer"),
    "cited_cases": {"type": "array", "maxItems": 3, "items": {"type": "string"},
                    "description": "ids of the similar cases you drew on, or none"},
}
"""One entry per answer key; a new key (levers, say) is one more entry here."""

DRAFT_SCHEMA: Schema = {
    "type": "object",
    "properties": ITEM_SCHEMAS,
    "required": list(ITEM_SCHEMAS),
    "additionalProperties": False,
}


def response_format(mode: str) -> Schema | None:
    """The ``response_format`` request field for a structured-output mode (None: plain text)."""
    if mode == "json_schema":
        return {"type": "json_schema",
                "json_schema": {"name": "meeting_draft", "strict": True, "schema": DRAFT_SCHEMA}}
    if mode == "json_object":
        return {"type": "json_object"}
    return None


def schema_outline() -> str:
    """The answer's shape for the prompt: keys, fields and limits, and no sample values a
    small model could copy (the templates say what each field means)."""
    lines = []
    for key, spec in ITEM_SCHEMAS.items():
        item = spec["items"]
        if isinstance(item, dict) and item.get("type") == "object":
            fields = ", ".join(f'"{name}"' for name in item["properties"])
            lines.append(f'"{key}": [{{{fields}}}, ...]  (at most {spec["maxItems"]})')
        else:
            lines.append(f'"{key}": ["...", ...]  (at most {spec["maxItems"]})')
    return "{\n  " + ",\n  ".join(lines) + "\n}"


class AnswerError(ValueError):
    """The model's text is not a draft: the message says why, in a few words."""


_NULL_WORDS = {"", "null", "none", "n/a", "na", "unknown", "tbd", "?", "待定", "未知", "无", "未定"}
_AGREED = {"agreed", "agree", "settled", "confirmed", "已确认", "确认", "已同意", "同意", "明确"}
_DISPUTED = {"disputed", "dispute", "open", "unsettled", "pending", "待定", "争议", "有争议", "未定"}
_ACTION_STATUS = {"open": "open", "todo": "open", "pending": "open", "进行中": "open", "待办": "open",
                  "done": "done", "完成": "done", "已完成": "done",
                  "dropped": "dropped", "cancelled": "dropped", "canceled": "dropped", "已取消": "dropped"}


def _text(value: object) -> object:
    """A string from the odd shapes models produce: ``{"text": "..."}`` or a number."""
    if isinstance(value, dict):
        for v in value.values():
            if isinstance(v, str):
                return v
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value


def _optional(value: object) -> object:
    value = _text(value)
    if isinstance(value, str) and value.strip().casefold() in _NULL_WORDS:
        return None
    return value.strip() if isinstance(value, str) else value


def _optionals(data: dict[str, object], *keys: str) -> dict[str, object]:
    """A copy of an item the model wrote, with each of ``keys`` read by :func:`_optional`."""
    fields = dict(data)
    for key in keys:
        fields[key] = _optional(fields.get(key))
    return fields


def _blank(value: object) -> bool:
    text = _text(value)
    return isinstance(text, str) and not text.strip()


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)


class LlmResponsibility(_Model):
    item: str
    owner: str | None = None
    basis: str | None = None
    status: Literal["agreed", "disputed"] = "agreed"
    quote: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _normalise(cls, data: object) -> object:
        if not isinstance(data, dict):
            return data
        fields = _optionals(data, "owner", "basis", "quote")
        status = str(fields.get("status") or "").strip().casefold()
        if status in _AGREED and fields["owner"]:
            fields["status"] = "agreed"
        elif status in _DISPUTED or not fields["owner"]:
            fields["status"] = "disputed"
        else:
            fields["status"] = "agreed"
        return fields


class LlmAction(_Model):
    action: str
    owner: str | None = None
    due: str | None = None
    status: Literal["open", "done", "dropped"] = "open"
    quote: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _normalise(cls, data: object) -> object:
        if not isinstance(data, dict):
            return data
        fields = _optionals(data, "owner", "due", "quote")
        status = str(fields.get("status") or "open").strip().casefold()
        fields["status"] = _ACTION_STATUS.get(status, "open")
        return fields


class LlmText(_Model):
    """A decision, obstacle or open question with the words it came from."""

    text: str
    quote: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _normalise(cls, data: object) -> object:
        if isinstance(data, dict):
            text = data.get("text")
            if not isinstance(text, str):
                text = _text({k: v for k, v in data.items() if k != "quote"})
            return {"text": text, "quote": _optional(data.get("quote"))}
        return {"text": _text(data)}


class LlmAnswer(_Model):
    responsibilities: list[LlmResponsibility] = []
    actions: list[LlmAction] = []
    decisions: list[LlmText] = []
    obstacles: list[LlmText] = []
    open_questions: list[LlmText] = []
    cited_cases: list[str] = []

    @field_validator("decisions", "obstacles", "open_questions", "cited_cases", mode="before")
    @classmethod
    def _strings(cls, value: object, info: ValidationInfo) -> object:
        if value is None:
            return []
        if isinstance(value, str | dict):
            value = [value]
        if isinstance(value, list):
            kept = [v for v in value if not _blank(v)]
            return [_text(v) for v in kept] if info.field_name == "cited_cases" else kept
        return value

    @field_validator("responsibilities", "actions", mode="before")
    @classmethod
    def _lists(cls, value: object) -> object:
        return [] if value is None else value

    def count(self) -> int:
        return sum(len(getattr(self, k)) for k in DRAFT_KEYS if k != "cited_cases")

    def extend(self, other: LlmAnswer) -> None:
        """Add ``other``'s items (a later window, the rest of a cut answer)."""
        for key in DRAFT_KEYS:
            getattr(self, key).extend(getattr(other, key))


def parse_due(value: str | None) -> date | None:
    """An ISO date (``2026-11-25``, also ``2026/11/25``) or None."""
    if not value:
        return None
    m = re.fullmatch(r"\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\s*", value)
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


_FENCE = re.compile(r"```[ \t]*(?:json|JSON|json5)?[ \t]*\r?\n?(.*?)```", re.S)


def _known(obj: object) -> int:
    return sum(1 for k in DRAFT_KEYS if k in obj) if isinstance(obj, dict) else -1


def _unwrap(obj: object) -> object:
    """``{"draft": {...}}`` or ``{"summary": {...}}``: the inner object when it holds our keys."""
    if isinstance(obj, dict) and _known(obj) == 0:
        inner = [v for v in obj.values() if _known(v) > 0]
        if len(inner) == 1:
            return inner[0]
    return obj


def extract_json(text: str) -> object:
    """The JSON object in ``text``: whole, fenced, or surrounded by prose.

    Among several candidates the one holding most of the draft keys wins.
    """
    text = text.strip().lstrip("\ufeff")
    if not text:
        raise AnswerError("the answer is empty")
    try:
        return _unwrap(json.loads(text))
    except ValueError:
        pass
    candidates: list[object] = []
    for m in _FENCE.finditer(text):
        try:
            candidates.append(json.loads(m.group(1)))
        except ValueError:
            continue
    decoder = json.JSONDecoder()
    for m in re.finditer(r"\{", text):
        if len(candidates) > 20:
            break
        try:
            obj, _ = decoder.raw_decode(text, m.start())
        except ValueError:
            continue
        candidates.append(obj)
    candidates = [_unwrap(c) for c in candidates if isinstance(c, dict)]
    if not candidates:
        raise AnswerError("no JSON object found in the answer")
    return max(candidates, key=_known)


def salvage(text: str) -> object:
    """The complete part of a JSON object cut off mid-way (``finish_reason=length``).

    The text is walked once; after every finished list element or member the cut is
    remembered with the brackets still open, and the longest such prefix is closed.
    Every item the model finished is kept, the half-written one is not. Returns None
    when not even one member was complete.
    """
    begin = text.find("{")
    if begin < 0:
        return None
    stack: list[str] = []
    best: tuple[int, str] | None = None
    in_string = escaped = False
    i = begin
    while i < len(text):
        ch = text[i]
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
                if stack and stack[-1] == "[":
                    best = (i + 1, "".join(reversed(stack)))
        elif ch == '"':
            in_string = True
        elif ch in "{[":
            stack.append("}" if ch == "{" else "]")
        elif ch in "}]":
            if not stack:
                break
            stack.pop()
            if not stack:
                return json.loads(text[begin:i + 1])
            best = (i + 1, "".join(reversed(stack)))
        i += 1
    if best is None:
        return None
    cut, closers = best
    try:
        return json.loads(text[begin:cut] + closers)
    except ValueError:
        return None


def parse_answer(text: str, partial: bool = False) -> LlmAnswer:
    """Validate the model's text as a draft, or raise :class:`AnswerError`.

    ``partial``: the answer was cut at the output limit; keep its complete items.
    """
    if partial:
        data = salvage(text.strip().lstrip("\ufeff"))
        if not isinstance(data, dict):
            raise AnswerError("the answer was cut off before its first complete item")
        try:
            return LlmAnswer.model_validate(_unwrap(data))
        except ValidationError:
            raise AnswerError("the answer was cut off before its first complete item") from None
    data = extract_json(text)
    if not isinstance(data, dict):
        raise AnswerError("the answer is JSON but not an object")
    if "responsibilities" not in data and "actions" not in data:
        raise AnswerError("the JSON object has neither responsibilities nor actions")
    try:
        return LlmAnswer.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        raise AnswerError(f"invalid draft JSON at {where or 'top level'}: {first.get('msg')}") from None
