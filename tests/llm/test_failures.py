"""Every failure of design.md section 7 ends in a valid draft or the offline one with one line.

All through the real openai client against tests/openai_server.py on a loopback port.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from facilitator import locations
from facilitator.drafting.render import inline
from facilitator.model import Draft
from tests.llm.conftest import GOOD_ZH, free_port, good_answer
from tests.openai_server import FakeOpenAI, Reply

GOOD = json.dumps(GOOD_ZH, ensure_ascii=False)
FAST_RETRY = {"retry-after-ms": "5"}


def fell_back(draft: Draft, cause: str) -> str:
    """The draft is the offline one with exactly one one-line warning naming ``cause``."""
    assert draft.mode == "offline"
    failures = [w for w in draft.warnings if w.startswith("LLM draft failed:")]
    assert len(failures) == 1, draft.warnings
    line = failures[0]
    assert "\n" not in line and cause in line, line
    assert "showing the offline draft instead" in line
    # nothing the user typed is lost: the record is all there (what the offline extractor
    # reads in the notes comes beside it, marked as extracted)
    assert [a.owner for a in draft.actions if a.source == "typed"] == ["吴工", "张伟"]
    assert "返工费用由谁承担" in draft.markdown and inline(line) in draft.markdown  # its URL made inert
    return line


def raw_files(home: Path) -> list[Path]:
    folder = locations.drafts_dir(home)
    return sorted(folder.glob("*.llm.txt")) if folder.exists() else []


CUT = '{"responsibilities": [{"item": "清洗工艺'
"""An answer cut at the output limit before its first complete item."""

CASES: list[tuple[str, list[Reply], dict[str, Any], str, str | None]] = [
    ("server error", [Reply(status=500, headers=FAST_RETRY)] * 2, {"llm_retries": 1},
     "server error (500) after 1 retries", None),
    ("rate limited", [Reply(status=429, headers=FAST_RETRY)] * 2, {"llm_retries": 1},
     "429 (rate limited) after 1 retries", None),
    ("timeout", [Reply(content=GOOD, delay=1.5)], {"llm_timeout": 0.3}, "(timeout)", None),
    # a broken stream or a blank answer is asked for once more; these fail twice
    ("stream cut", [Reply(content=GOOD, chunk_chars=10, cut_after=4)] * 2, {}, "stream cut", GOOD[:30]),
    ("stream stops", [Reply(content=GOOD[:50], end_without_done=True)] * 2, {},
     "ended before the model finished", GOOD[:50]),
    ("sse error", [Reply(content=GOOD[:40], sse_error="model overloaded, try later")] * 2, {},
     "reported an error in the middle of the answer: model overloaded", GOOD[:40]),
    ("length", [Reply(content=CUT, finish_reason="length")] * 2, {"llm_output_tokens": 900},
     "output limit (900 tokens, finish_reason=length)", CUT),
    ("blank", [Reply(content="")] * 2, {}, "the model returned an empty answer", None),
    ("refusal", [Reply(content="", refusal="I can't help with that request.")], {},
     "the model refused to draft: I can't help with that request.", "I can't help"),
    ("invalid twice", [Reply(content="当然可以！纪要如下：负责人是吴工。"), Reply(content='{"oops": true}')], {},
     "not a valid draft after one repair request", "负责人是吴工"),
]


@pytest.mark.parametrize(("name", "answers", "settings", "cause", "raw"), CASES, ids=[c[0] for c in CASES])
def test_failure_falls_back_with_one_line(server: FakeOpenAI, service_for: Any, notes_zh: Path, home: Path,
                                          name: str, answers: list[Reply], settings: dict[str, Any],
                                          cause: str, raw: str | None) -> None:
    server.add(*answers)
    draft = service_for(server, **settings).drafts.draft(from_file=notes_zh, mode="llm")
    line = fell_back(draft, cause)
    files = raw_files(home)
    if raw is None:
        assert files == [] and "raw model text" not in line
    else:
        assert len(files) == 1 and raw in files[0].read_text(encoding="utf-8")
        assert str(files[0]) in line
    assert not server.answers, "every scripted answer was used"


def test_429_then_success(server: FakeOpenAI, service_for: Any, notes_zh: Path) -> None:
    server.add(Reply(status=429, headers=FAST_RETRY), good_answer())
    draft = service_for(server, llm_retries=1).drafts.draft(from_file=notes_zh, mode="llm")
    assert draft.mode == "llm" and draft.warnings == []
    assert len(server.chats) == 2


def test_connection_refused(service_for: Any, notes_zh: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}/v1"
    fell_back(service_for(url).drafts.draft(from_file=notes_zh, mode="llm"), f"cannot connect to {url}")


def test_wrong_key_is_named_and_never_shown(server: FakeOpenAI, service_for: Any, notes_zh: Path) -> None:
    secret = "sk-wrong-0123456789abcdef"
    server.api_key = "sk-right"
    draft = service_for(server, llm_api_key=secret).drafts.draft(from_file=notes_zh, mode="llm")
    assert server.chats[0].headers["authorization"] == f"Bearer {secret}"
    line = fell_back(draft, "refused the API key (401): check OPENAI_API_KEY")
    assert secret not in json.dumps(draft.to_json(), ensure_ascii=False) and secret not in line


def test_no_key_for_a_keyed_provider_makes_no_call(service_for: Any, notes_zh: Path,
                                                   no_network: list[object]) -> None:
    svc = service_for("https://api.openai.com/v1", llm_provider="openai", llm_api_key="")
    svc.settings.llm_base_url = "https://api.openai.com/v1"
    assert svc.settings.llm_configured
    fell_back(svc.drafts.draft(from_file=notes_zh, mode="llm"), "no API key for https://api.openai.com/v1")
    assert no_network == []


@pytest.mark.parametrize("content", [f"```json\n{GOOD}\n```", f"以下是 JSON：{GOOD}（完）"])
def test_fenced_or_surrounded_json_is_a_draft(server: FakeOpenAI, service_for: Any, notes_zh: Path,
                                              content: str) -> None:
    server.add(Reply(content=content))
    draft = service_for(server).drafts.draft(from_file=notes_zh, mode="llm")
    assert draft.mode == "llm" and draft.warnings == []
    assert ("黄主任", "2026-11-27") in [(a.owner, a.due.isoformat() if a.due else None) for a in draft.actions]


def test_extra_keys_are_ignored(server: FakeOpenAI, service_for: Any, notes_zh: Path) -> None:
    data = json.loads(GOOD)
    data["confidence"] = 0.3
    data["actions"][2]["priority"] = "high"
    server.add(Reply.json_content(data))
    draft = service_for(server).drafts.draft(from_file=notes_zh, mode="llm")
    out = draft.to_json()
    assert draft.mode == "llm" and "confidence" not in out
    assert all(set(a) == {"action", "owner", "due", "status", "quote", "source"} for a in out["actions"])


def test_invalid_then_repaired(server: FakeOpenAI, service_for: Any, notes_zh: Path, home: Path) -> None:
    server.add(Reply(content='{"responsibilities": "see below"}'), good_answer())
    draft = service_for(server).drafts.draft(from_file=notes_zh, mode="llm")
    assert draft.mode == "llm"
    repair = server.chats[1].body["messages"]
    assert [m["role"] for m in repair] == ["system", "user", "assistant", "user"]
    assert repair[2]["content"] == '{"responsibilities": "see below"}'
    assert "could not be used" in repair[3]["content"] and "responsibilities" in repair[3]["content"]
    raw = raw_files(home)[0].read_text(encoding="utf-8")
    assert "attempt 1: json_schema" in raw and "attempt 2: json_schema (repair)" in raw


def test_meeting_draft_keeps_raw_in_its_record(server: FakeOpenAI, service_for: Any, notes_zh: Path,
                                               home: Path) -> None:
    svc = service_for(server)
    mid = svc.record.import_file(notes_zh, new_title="钢管生锈").meeting_id
    server.add(Reply(content=CUT, finish_reason="length"), Reply(content=CUT, finish_reason="length"),
               good_answer())
    failed = svc.drafts.draft(meeting_id=mid, mode="llm")
    fell_back(failed, "finish_reason=length")
    ok = svc.drafts.draft(meeting_id=mid, mode="llm")
    records = svc.record.meeting(mid).drafts
    assert [r.mode for r in records] == ["offline", "llm"] and records[1].raw == GOOD
    assert "attempt 1: json_schema" in (records[0].raw or "") and CUT in (records[0].raw or "")
    assert records[1].markdown == ok.markdown and raw_files(home) == []


def test_an_answer_that_adds_nothing_is_not_called_a_model_draft(server: FakeOpenAI, service_for: Any,
                                                                 notes_zh: Path) -> None:
    server.add(Reply.json_content({"responsibilities": [], "actions": [], "decisions": [], "obstacles": [],
                                   "open_questions": [], "cited_cases": []}))
    draft = service_for(server).drafts.draft(from_file=notes_zh, mode="llm")
    assert draft.mode == "offline" and "由模型生成" not in draft.markdown and "离线" in draft.markdown
    assert [w for w in draft.warnings if "found nothing to add" in w] and not any(
        w.startswith("LLM draft failed") for w in draft.warnings)


def test_one_deadline_bounds_the_draft_retries_included(server: FakeOpenAI, service_for: Any,
                                                        notes_zh: Path) -> None:
    server.add(*[Reply(status=500, delay=0.4, headers=FAST_RETRY)] * 8)
    draft = service_for(server, llm_timeout=1.0, llm_retries=7).drafts.draft(from_file=notes_zh, mode="llm")
    fell_back(draft, "(timeout)")
    assert len(server.chats) < 8  # the client would have tried 8 times; the deadline stopped it
