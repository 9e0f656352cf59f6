"""The generated ``to_json`` (``model.json_of``) on the shapes the golden home does not
reach: a cue a speech engine heard, an LLM draft's evidence, a send-log record, and the
rules themselves (order, renames, dotted paths, empty keys left out, dates, refusals)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date

import pytest

from facilitator.model import (
    Cue,
    Draft,
    Evidence,
    Gap,
    JsonShaped,
    LeverLine,
    SendRecord,
    json_of,
    json_value,
)


def test_a_heard_cue_carries_its_language_and_a_typed_one_does_not() -> None:
    heard = Cue("张伟", "法兰到了", start=1.5, end=3.0, language="zh")
    typed = Cue(None, "决定: 先询价")
    assert json.dumps(heard.to_json(), ensure_ascii=False) == (
        '{"speaker": "张伟", "start": 1.5, "end": 3.0, "text": "法兰到了", "language": "zh"}')
    assert typed.to_json() == {"speaker": None, "start": None, "end": None, "text": "决定: 先询价"}


def test_evidence_and_send_record_keep_their_keys_in_order() -> None:
    ev = Evidence("actions", "询价", quote="我来询价", at="00:17", speaker="Li Na", flags=["owner"])
    assert list(ev.to_json().items()) == [("kind", "actions"), ("text", "询价"), ("quote", "我来询价"),
                                          ("at", "00:17"), ("speaker", "Li Na"), ("flags", ["owner"])]
    rec = SendRecord(7, "2025-03-12T09:00:00+08:00", "followup", "email", "吴工", "wu@example.com", "跟进",
                     "body is not in the JSON", "abc", "sent", answer="250 ok", settled_at="later",
                     action_ids=[2, 3])
    assert rec.to_json() == {"id": 7, "at": "2025-03-12T09:00:00+08:00", "kind": "followup", "channel": "email",
                             "recipient": "吴工", "address": "wu@example.com", "subject": "跟进",
                             "content_hash": "abc", "status": "sent", "answer": "250 ok", "action_ids": [2, 3]}
    assert list(rec.to_json()) == ["id", "at", "kind", "channel", "recipient", "address", "subject",
                                   "content_hash", "status", "answer", "action_ids"]


def test_a_draft_lists_gap_messages_and_only_levers_with_a_resource() -> None:
    draft = Draft("llm", gaps=[Gap("owner", "nobody owns it")],
                  levers=[LeverLine("", "budget"), LeverLine("没有预算", "budget", resource="客户分摊",
                                                            due=date(2025, 3, 7))])
    data = draft.to_json()
    assert data["gaps"] == ["nobody owns it"]
    assert data["levers"] == [{"obstacle": "没有预算", "kind": "budget", "resource": "客户分摊", "owner": None,
                               "due": "2025-03-07", "holder": None, "presolves": None, "quote": None,
                               "source": "typed"}]
    assert LeverLine("", "unknown").to_json()["obstacle"] is None  # no text: null, not ""


@dataclass
class _Inner:
    day: date
    tags: tuple[str, ...] = ("a",)


@dataclass
class _Outer(JsonShaped):
    name: str
    inner: _Inner
    hidden: str = "x"
    items: list[_Inner] = field(default_factory=list)

    JSON_KEYS = ("name", "when=inner.day", "inner", "items")


def test_the_rules_of_the_generated_json() -> None:
    outer = _Outer("会", _Inner(date(2025, 3, 3)), items=[_Inner(date(2025, 3, 4), ("b", "c"))])
    assert outer.to_json() == {"name": "会", "when": "2025-03-03", "inner": {"day": "2025-03-03", "tags": ["a"]},
                               "items": [{"day": "2025-03-04", "tags": ["b", "c"]}]}
    assert json_of(outer, ("hidden",)) == {"hidden": "x"}
    with pytest.raises(TypeError, match="no JSON for set"):
        json_value({1, 2})
