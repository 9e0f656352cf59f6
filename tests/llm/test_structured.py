"""json_schema first, then json_object, then plain text; what a server refused is remembered."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from facilitator.drafting.providers import PROFILES, guess_provider, resolve_endpoint
from tests.llm.conftest import GOOD_ZH, fast_settings, good_answer
from tests.openai_server import FakeOpenAI, Reply

GOOD = json.dumps(GOOD_ZH, ensure_ascii=False)


def test_json_schema_is_asked_first(server: FakeOpenAI, service_for: Any, notes_zh: Path) -> None:
    server.add(good_answer())
    assert service_for(server).drafts.draft(from_file=notes_zh, mode="llm").mode == "llm"
    body = server.chats[0].body
    assert body["response_format"]["type"] == "json_schema"
    assert body["response_format"]["json_schema"]["strict"] is True
    assert body["stream"] is True and body["model"] == "test-model"
    assert body["max_tokens"] == 1500 and body["temperature"] == 0.2
    assert "JSON" in server.chats[0].text()  # json_object servers insist on the word


def test_without_json_schema_support_json_object_is_used(server: FakeOpenAI, service_for: Any,
                                                         notes_zh: Path) -> None:
    server.json_schema = False
    server.add(good_answer(), good_answer())
    svc = service_for(server)
    assert svc.drafts.draft(from_file=notes_zh, mode="llm").mode == "llm"
    assert [c.response_format for c in server.chats] == ["json_schema", "json_object"]
    assert svc.drafts.draft(from_file=notes_zh, mode="llm").mode == "llm"  # remembered: no second refusal
    assert [c.response_format for c in server.chats] == ["json_schema", "json_object", "json_object"]


def test_plain_text_with_tolerant_extraction_when_both_are_refused(server: FakeOpenAI, service_for: Any,
                                                                   notes_zh: Path) -> None:
    server.json_schema = False
    server.json_object = False
    server.add(Reply(content=f"Sure!\n```json\n{GOOD}\n```"))
    draft = service_for(server).drafts.draft(from_file=notes_zh, mode="llm")
    assert draft.mode == "llm"
    assert [c.response_format for c in server.chats] == ["json_schema", "json_object", None]


def test_a_400_about_something_else_is_not_taken_for_a_format_refusal(server: FakeOpenAI, service_for: Any,
                                                                       notes_zh: Path) -> None:
    server.add(Reply(status=400, error="maximum context length exceeded"))
    draft = service_for(server).drafts.draft(from_file=notes_zh, mode="llm")
    assert draft.mode == "offline" and "rejected the request (400): maximum context length" in draft.warnings[0]
    assert len(server.chats) == 1


def test_the_cli_streams_a_restart_notice(server: FakeOpenAI, service_for: Any, notes_zh: Path) -> None:
    server.json_schema = False
    server.add(good_answer())
    shown: list[str] = []
    service_for(server).drafts.draft(from_file=notes_zh, mode="llm", on_text=shown.append)
    text = "".join(shown)
    assert "json_schema not supported; asking again" in text
    assert json.loads(text.split("asking again ---\n", 1)[1]) == GOOD_ZH


def test_provider_profiles() -> None:
    assert guess_provider("") == "openai"
    assert guess_provider("https://api.openai.com/v1") == "openai"
    assert guess_provider("https://myres.openai.azure.com/openai/v1/") == "azure"
    assert guess_provider("https://api.deepseek.com/v1") == "deepseek"
    assert guess_provider("https://dashscope.aliyuncs.com/compatible-mode/v1") == "qwen"
    assert guess_provider("http://localhost:11434/v1") == "ollama"
    assert guess_provider("http://127.0.0.1:8080/v1") == "llamacpp"
    assert guess_provider("http://10.1.2.3:9999/v1") == "generic"
    assert "json_schema" not in PROFILES["deepseek"].modes and PROFILES["deepseek"].json_word_required
    assert all(p.modes[-1] == "text" for p in PROFILES.values())
    local = resolve_endpoint(fast_settings("http://localhost:11434/v1"))
    assert (local.provider.name, local.api_key, local.key_source) == ("ollama", "ollama", "placeholder")
    keyed = resolve_endpoint(fast_settings("https://api.deepseek.com/v1", llm_api_key="sk-abcdef123"))
    assert keyed.key_source == "environment" and "sk-abcdef123" not in repr(keyed)
    assert resolve_endpoint(fast_settings("https://api.deepseek.com/v1")).usable is False
    forced = resolve_endpoint(fast_settings("http://127.0.0.1:1/v1", llm_provider="vllm"))
    assert forced.provider.name == "vllm" and forced.api_key == "EMPTY"


def test_openai_profile_uses_max_completion_tokens(server: FakeOpenAI, service_for: Any,
                                                   notes_zh: Path) -> None:
    server.add(good_answer())
    svc = service_for(server, llm_provider="openai", llm_api_key="sk-test-000000")
    assert svc.drafts.draft(from_file=notes_zh, mode="llm").mode == "llm"
    body = server.chats[0].body
    assert body["max_completion_tokens"] == 1500 and "max_tokens" not in body
    assert body["stream_options"] == {"include_usage": True}
