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
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

__all__ = [
    "DRAFT_KEYS",
    "DRAFT_SCHEMA",
    "AnswerError",
    "LlmAction",
    "LlmAnswer",
    "LlmResponsibility",
    "extract_json",
    "parse_answer",
    "parse_due",
    "response_format",
]

DRAFT_KEYS = ("responsibilities", "actions", "decisions", "obstacles", "open_questions", "cited_cases")

_NULLABLE_STRING: dict[str, Any] = {"type": ["string", "null"]}
_STRINGS: dict[str, Any] = {"type": "array", "items": {"type": "string"}}

DRAFT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "responsibilities": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "item": {"type": "string"},
                    "owner": _NULLABLE_STRING,
                    "basis": _NULLABLE_STRING,
                    "status": {"type": "string", "enum": ["agreed", "disputed"]},
                },
                "required": ["item", "owner", "basis", "status"],
                "additionalProperties": False,
            },
        },
        "actions": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "action": {"type": "string"},
                    "owner": _NULLABLE_STRING,
                    "due": {"type": ["string", "null"], "description": "YYYY-MM-DD or null"},
                    "status": {"type": "string", "enum": ["open", "done", "dropped"]},
                },
                "required": ["action", "owner", "due", "status"],
                "additionalProperties": False,
            },
        },
        "decisions": _STRINGS,
        "obstacles": _STRINGS,
        "open_questions": _STRINGS,
        "cited_cases": _STRINGS,
    },
    "required": list(DRAFT_KEYS),
    "additionalProperties": False,
}


def response_format(mode: str) -> dict[str, Any] | None:
    """The ``response_format`` request field for a structured-output mode (None: plain text)."""
    if mode == "json_schema":
        return {"type": "json_schema",
                "json_schema": {"name": "meeting_draft", "strict": True, "schema": DRAFT_SCHEMA}}
    if mode == "json_object":
        return {"type": "json_object"}
    return None


class AnswerError(ValueError):
    """The model's text is not a draft: the message says why, in a few words."""


_NULL_WORDS = {"", "null", "none", "n/a", "na", "unknown", "tbd", "?", "待定", "未知", "无", "未定"}
_AGREED = {"agreed", "agree", "settled", "confirmed", "已确认", "确认", "已同意", "同意", "明确"}
_DISPUTED = {"disputed", "dispute", "open", "unsettled", "pending", "待定", "争议", "有争议", "未定"}
_ACTION_STATUS = {"open": "open", "todo": "open", "pending": "open", "进行中": "open", "待办": "open",
                  "done": "done", "完成": "done", "已完成": "done",
                  "dropped": "dropped", "cancelled": "dropped", "canceled": "dropped", "已取消": "dropped"}


def _text(value: Any) -> Any:
    """A string from the odd shapes models produce: ``{"text": "..."}`` or a number."""
    if isinstance(value, dict):
        for v in value.values():
            if isinstance(v, str):
                return v
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value


def _optional(value: Any) -> Any:
    value = _text(value)
    if isinstance(value, str) and value.strip().casefold() in _NULL_WORDS:
        return None
    return value.strip() if isinstance(value, str) else value


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)


class LlmResponsibility(_Model):
    item: str
    owner: str | None = None
    basis: str | None = None
    status: Literal["agreed", "disputed"] = "agreed"

    @model_validator(mode="before")
    @classmethod
    def _normalise(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        data = dict(data)
        data["owner"] = _optional(data.get("owner"))
        data["basis"] = _optional(data.get("basis"))
        status = str(data.get("status") or "").strip().casefold()
        if status in _AGREED and data["owner"]:
            data["status"] = "agreed"
        elif status in _DISPUTED or not data["owner"]:
            data["status"] = "disputed"
        else:
            data["status"] = "agreed"
        return data


class LlmAction(_Model):
    action: str
    owner: str | None = None
    due: str | None = None
    status: Literal["open", "done", "dropped"] = "open"

    @model_validator(mode="before")
    @classmethod
    def _normalise(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        data = dict(data)
        data["owner"] = _optional(data.get("owner"))
        data["due"] = _optional(data.get("due"))
        status = str(data.get("status") or "open").strip().casefold()
        data["status"] = _ACTION_STATUS.get(status, "open")
        return data


class LlmAnswer(_Model):
    responsibilities: list[LlmResponsibility] = []
    actions: list[LlmAction] = []
    decisions: list[str] = []
    obstacles: list[str] = []
    open_questions: list[str] = []
    cited_cases: list[str] = []

    @field_validator("decisions", "obstacles", "open_questions", "cited_cases", mode="before")
    @classmethod
    def _strings(cls, value: Any) -> Any:
        if value is None:
            return []
        if isinstance(value, str):
            return [value]
        if isinstance(value, list):
            return [t for t in (_text(v) for v in value) if not (isinstance(t, str) and not t.strip())]
        return value

    @field_validator("responsibilities", "actions", mode="before")
    @classmethod
    def _lists(cls, value: Any) -> Any:
        return [] if value is None else value


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


def _known(obj: Any) -> int:
    return sum(1 for k in DRAFT_KEYS if k in obj) if isinstance(obj, dict) else -1


def _unwrap(obj: Any) -> Any:
    """``{"draft": {...}}`` or ``{"summary": {...}}``: the inner object when it holds our keys."""
    if isinstance(obj, dict) and _known(obj) == 0:
        inner = [v for v in obj.values() if _known(v) > 0]
        if len(inner) == 1:
            return inner[0]
    return obj


def extract_json(text: str) -> Any:
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
    candidates: list[Any] = []
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


def parse_answer(text: str) -> LlmAnswer:
    """Validate the model's text as a draft, or raise :class:`AnswerError`."""
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
