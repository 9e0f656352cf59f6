"""The fake OpenAI endpoint itself: real HTTP, the official client, scripted replies and streams.

The chat drafting failure modes are exercised through it in tests/llm/."""

from __future__ import annotations

import http.client
import json

import openai
import pytest

from tests.openai_server import FakeOpenAI, Reply, fake_embedding


def test_models_and_embeddings_through_the_official_client(fake_openai: FakeOpenAI) -> None:
    client = openai.OpenAI(base_url=fake_openai.base_url, api_key="sk-x", max_retries=0)
    assert [m.id for m in client.models.list()] == ["test-model", "fake-embed"]
    got = client.embeddings.create(model="m", input=["采购部", "采购部门"])  # client default: base64
    a, b = (d.embedding for d in got.data)
    assert a == pytest.approx(fake_embedding("采购部"), abs=1e-6)
    assert sum(x * y for x, y in zip(a, b, strict=True)) > 0.5  # shared bigrams -> similar vectors
    assert fake_openai.paths() == ["/v1/models", "/v1/embeddings"]
    assert fake_openai.base_url.startswith("http://127.0.0.1:") and fake_openai.base_url.endswith("/v1")


def test_scripted_failure_then_recovery(fake_openai: FakeOpenAI) -> None:
    client = openai.OpenAI(base_url=fake_openai.base_url, api_key="sk-x", max_retries=0)
    fake_openai.fail_next("/v1/embeddings", status=429, message="slow down")
    with pytest.raises(openai.RateLimitError):
        client.embeddings.create(model="m", input="x")
    assert len(client.embeddings.create(model="m", input="x").data) == 1
    assert fake_openai.script == []


def test_custom_route_streams_sse_and_can_cut_the_stream(fake_openai: FakeOpenAI) -> None:
    events = [b'data: {"n": 1}\n\n', b'data: {"n": 2}\n\n', b"data: [DONE]\n\n"]
    fake_openai.routes[("POST", "/v1/chat/completions")] = lambda r: Reply(chunks=events)
    conn = http.client.HTTPConnection("127.0.0.1", fake_openai.port, timeout=5)
    conn.request("POST", "/v1/chat/completions", body=json.dumps({"stream": True}))
    resp = conn.getresponse()
    assert resp.getheader("Content-Type") == "text/event-stream"
    assert resp.read() == b"".join(events)
    assert fake_openai.requests[-1].body == {"stream": True}

    fake_openai.add_hook(lambda r: Reply(chunks=events, cut_after=1))
    conn = http.client.HTTPConnection("127.0.0.1", fake_openai.port, timeout=5)
    conn.request("POST", "/v1/chat/completions", body="{}")
    with pytest.raises(http.client.IncompleteRead) as cut:  # cut mid-chunk: a protocol error
        conn.getresponse().read()
    assert cut.value.partial == events[0]


def test_chat_answers_whole_or_streamed_and_can_refuse_a_format() -> None:
    with FakeOpenAI(json_schema=False) as api:
        client = openai.OpenAI(base_url=api.base_url, api_key="sk-x", max_retries=0)
        api.add(Reply(content="hello there", finish_reason="length"), Reply(content="streamed", chunk_chars=3))
        whole = client.chat.completions.create(model="test-model", messages=[{"role": "user", "content": "hi"}])
        assert whole.choices[0].message.content == "hello there" and whole.choices[0].finish_reason == "length"
        stream = client.chat.completions.create(model="test-model", messages=[], stream=True)
        assert "".join(c.choices[0].delta.content or "" for c in stream if c.choices) == "streamed"
        with pytest.raises(openai.BadRequestError, match="json_schema"):
            client.chat.completions.create(model="test-model", messages=[], response_format={
                "type": "json_schema", "json_schema": {"name": "x", "schema": {"type": "object"}}})
        assert [c.text() for c in api.chats] == ["hi", "", ""] and not api.answers


def test_unknown_route_is_404(fake_openai: FakeOpenAI) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", fake_openai.port, timeout=5)
    conn.request("GET", "/v1/nothing")
    assert conn.getresponse().status == 404
