"""The answer schema and its tolerant reading."""

from __future__ import annotations

import json
from typing import Any

import pytest

from facilitator.drafting.schema import (
    DRAFT_KEYS,
    DRAFT_SCHEMA,
    AnswerError,
    extract_json,
    parse_answer,
    parse_due,
    response_format,
)
from tests.llm.conftest import DRAFT_JSON_KEYS, GOOD_ZH


def test_schema_keys_are_the_draft_json_shape() -> None:
    schema: dict[str, Any] = DRAFT_SCHEMA  # walked as the JSON it is sent as
    assert set(DRAFT_KEYS) == DRAFT_JSON_KEYS - {"mode", "gaps", "markdown"}
    assert schema["required"] == list(DRAFT_KEYS)
    item = schema["properties"]["responsibilities"]["items"]
    action = schema["properties"]["actions"]["items"]
    assert set(item["properties"]) == {"item", "owner", "basis", "status", "quote"}
    assert set(action["properties"]) == {"action", "owner", "due", "status", "quote"}
    # limits and descriptions instead of sample values a small model copies
    for key in DRAFT_KEYS:
        assert schema["properties"][key]["maxItems"] <= 8
    assert "description" in action["properties"]["due"] and "description" in item["properties"]["basis"]


def _strict_ok(node: object) -> None:
    """OpenAI strict mode: every object lists all its properties as required, no extras."""
    if isinstance(node, dict):
        if node.get("type") == "object":
            assert node["additionalProperties"] is False
            assert set(node["required"]) == set(node["properties"])
        for value in node.values():
            _strict_ok(value)
    elif isinstance(node, list):
        for value in node:
            _strict_ok(value)


def test_schema_is_valid_for_strict_mode() -> None:
    _strict_ok(DRAFT_SCHEMA)
    fmt: dict[str, Any] | None = response_format("json_schema")
    assert fmt is not None and fmt["json_schema"]["strict"] is True
    assert response_format("json_object") == {"type": "json_object"} and response_format("text") is None


GOOD = json.dumps(GOOD_ZH, ensure_ascii=False)


@pytest.mark.parametrize("text", [
    GOOD,
    f"```json\n{GOOD}\n```",
    f"好的，以下是纪要：\n```\n{GOOD}\n```\n请核对。",
    f"Here is the draft: {GOOD} Let me know.",
    f"<think>the user wants {{json}}</think>\n{GOOD}",
    json.dumps({"draft": GOOD_ZH}, ensure_ascii=False),
])
def test_json_is_found_fenced_surrounded_or_wrapped(text: str) -> None:
    answer = parse_answer(text)
    assert [a.owner for a in answer.actions] == ["吴工", "张伟", "黄主任"]
    assert answer.responsibilities[2].status == "disputed" and answer.responsibilities[2].owner is None


def test_extra_keys_and_common_spellings_are_tolerated() -> None:
    data = {
        "summary": "ignored", "mode": "llm",
        "responsibilities": [{"item": "A", "owner": "生产部", "status": "已确认", "confidence": 0.9},
                             {"item": "B", "owner": "待定", "status": "agreed"}],
        "actions": [{"action": "X", "owner": "吴工", "due": "2026/11/25", "status": "TODO", "priority": 1}],
        "decisions": [{"text": "决定一"}, "", "决定二"],
        "obstacles": "只有一个障碍",
    }
    answer = parse_answer(json.dumps(data, ensure_ascii=False))
    assert [(r.owner, r.status) for r in answer.responsibilities] == [("生产部", "agreed"), (None, "disputed")]
    assert answer.actions[0].status == "open" and parse_due(answer.actions[0].due) is not None
    assert [d.text for d in answer.decisions] == ["决定一", "决定二"]
    assert [o.text for o in answer.obstacles] == ["只有一个障碍"]
    assert answer.open_questions == [] and answer.cited_cases == []


@pytest.mark.parametrize(("text", "reason"), [
    ("", "empty"),
    ("I cannot produce JSON today.", "no JSON object"),
    ("[1, 2, 3]", "not an object"),
    ('{"answer": "hello"}', "neither responsibilities nor actions"),
    ('{"responsibilities": [{"owner": "x"}], "actions": []}', "responsibilities.0.item"),
    ('{"responsibilities": [], "actions": [{"action": "a", "status": "open"', "no JSON object"),
])
def test_unusable_answers_say_why(text: str, reason: str) -> None:
    with pytest.raises(AnswerError, match=reason.replace(".", r"\.")):
        parse_answer(text)


def test_parse_due() -> None:
    assert parse_due("2026-11-25").isoformat() == "2026-11-25"  # type: ignore[union-attr]
    assert parse_due("2026-02-30") is None and parse_due("Friday") is None and parse_due(None) is None


def test_extract_prefers_the_object_with_draft_keys() -> None:
    text = 'Options {"a": 1} and then {"responsibilities": [], "actions": []}'
    assert extract_json(text) == {"responsibilities": [], "actions": []}
