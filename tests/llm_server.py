"""A local OpenAI-compatible chat server for the LLM drafting tests: real sockets, no mocks.

``LlmServer`` listens on 127.0.0.1 (port 0: a free port, so tests can run in
parallel) with a stdlib ``ThreadingHTTPServer`` in a background thread, and serves

- ``POST /v1/chat/completions`` streamed as server-sent events when the request says
  ``"stream": true`` (HTTP/1.1 chunked, so a cut stream is a real protocol error),
  else one JSON ``chat.completion``;
- ``GET /v1/models`` and ``POST /v1/embeddings`` (deterministic hashed vectors).

Each test scripts what the "model" does by queueing :class:`Answer` objects, used
in order, one per chat request: content, finish reason, refusal, HTTP status,
delays, a connection cut after N chunks, a stream that just stops, an SSE error
event. The server can refuse ``json_schema`` and/or ``json_object`` with a 400 (as
older or smaller servers do) and can require an API key. Every request is kept
in ``requests`` for assertions (path, headers, parsed body).

Run it by hand for a look: ``python tests/llm_server.py`` prints its base URL.
"""

from __future__ import annotations

import hashlib
import json
import math
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

EMPTY_DRAFT: dict[str, list[Any]] = {"responsibilities": [], "actions": [], "decisions": [], "obstacles": [],
               "open_questions": [], "cited_cases": []}


@dataclass
class Answer:
    """What the next chat request gets."""

    content: str = ""
    finish_reason: str | None = "stop"
    """None: no chunk ever carries a finish_reason."""
    refusal: str | None = None
    status: int = 200
    error: str = "scripted failure"
    """The error message when ``status`` is not 200."""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    """Seconds to wait before the response headers."""
    chunk_chars: int = 16
    chunk_delay: float = 0.0
    cut_after: int | None = None
    """Stream: drop the connection after this many content chunks, mid-body."""
    end_without_done: bool = False
    """Stream: end the body cleanly after the content, without finish_reason or [DONE]."""
    sse_error: str | None = None
    """Stream: after the content, an ``event: error`` with this message."""
    usage: bool = True

    @classmethod
    def json(cls, data: Any, **kw: Any) -> Answer:
        return cls(content=json.dumps(data, ensure_ascii=False), **kw)


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: Any

    @property
    def response_format(self) -> str | None:
        fmt = self.body.get("response_format") if isinstance(self.body, dict) else None
        return fmt.get("type") if isinstance(fmt, dict) else None

    def text(self) -> str:
        """All message contents of a chat request, joined."""
        msgs = self.body.get("messages", []) if isinstance(self.body, dict) else []
        return "\n".join(str(m.get("content", "")) for m in msgs)


def embed(text: str, dim: int = 32) -> list[float]:
    vec = [0.0] * dim
    grams = [text[i:i + 2] for i in range(len(text) - 1)] or [text]
    for gram in grams:
        digest = hashlib.sha256(gram.encode("utf-8")).digest()
        vec[digest[0] % dim] += 1.0 if digest[1] & 1 else -1.0
    norm = math.sqrt(sum(v * v for v in vec)) or 1.0
    return [v / norm for v in vec]


class LlmServer:
    """``with LlmServer() as srv: srv.add(Answer.json(...)); ... srv.base_url``."""

    def __init__(self, *, json_schema: bool = True, json_object: bool = True,
                 models: tuple[str, ...] = ("test-model",), api_key: str | None = None) -> None:
        self.json_schema = json_schema
        self.json_object = json_object
        self.models = list(models)
        self.api_key = api_key
        self.answers: deque[Answer] = deque()
        self.default: Callable[[Seen], Answer] = lambda seen: Answer.json(EMPTY_DRAFT)
        self.requests: list[Seen] = []
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None

    # -- scripting -----------------------------------------------------------------------

    def add(self, *answers: Answer) -> LlmServer:
        with self._lock:
            self.answers.extend(answers)
        return self

    @property
    def chats(self) -> list[Seen]:
        return [r for r in self.requests if r.path.endswith("/chat/completions")]

    # -- lifecycle -----------------------------------------------------------------------

    def start(self) -> LlmServer:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                owner._handle(self, "GET")

            def do_POST(self) -> None:
                owner._handle(self, "POST")

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> LlmServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        assert self._server is not None, "server not started"
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    # -- handling ------------------------------------------------------------------------

    def _handle(self, http: BaseHTTPRequestHandler, method: str) -> None:
        length = int(http.headers.get("Content-Length") or 0)
        raw = http.rfile.read(length) if length else b""
        try:
            body: Any = json.loads(raw) if raw else None
        except ValueError:
            body = None
        seen = Seen(method, http.path.split("?", 1)[0], {k.lower(): v for k, v in http.headers.items()}, body)
        with self._lock:
            self.requests.append(seen)
        try:
            if self.api_key is not None and seen.headers.get("authorization") != f"Bearer {self.api_key}":
                return self._json(http, 401, _error("Incorrect API key provided", "invalid_api_key"))
            if method == "GET" and seen.path == "/v1/models":
                return self._json(http, 200, {"object": "list", "data": [
                    {"id": m, "object": "model", "created": 0, "owned_by": "test"} for m in self.models]})
            if method == "POST" and seen.path == "/v1/embeddings":
                inputs = body.get("input") if isinstance(body, dict) else None
                inputs = [inputs] if isinstance(inputs, str) else inputs or []
                return self._json(http, 200, {"object": "list", "model": "test-embed", "data": [
                    {"object": "embedding", "index": i, "embedding": embed(str(t))}
                    for i, t in enumerate(inputs)], "usage": {"prompt_tokens": 1, "total_tokens": 1}})
            if method == "POST" and seen.path == "/v1/chat/completions":
                return self._chat(http, seen)
            return self._json(http, 404, _error(f"no route {method} {seen.path}", "not_found"))
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _chat(self, http: BaseHTTPRequestHandler, seen: Seen) -> None:
        fmt = seen.response_format
        if (fmt == "json_schema" and not self.json_schema) or (fmt == "json_object" and not self.json_object):
            return self._json(http, 400, _error(f"response_format type {fmt} is not supported",
                                                "invalid_request_error", param="response_format"))
        with self._lock:
            answer = self.answers.popleft() if self.answers else self.default(seen)
        if answer.delay:
            time.sleep(answer.delay)
        if answer.status != 200:
            return self._json(http, answer.status, _error(answer.error, "server_error"), answer.headers)
        model = seen.body.get("model", "test-model")
        if not seen.body.get("stream"):
            message = {"role": "assistant", "content": answer.content or None, "refusal": answer.refusal}
            return self._json(http, 200, {
                "id": "chatcmpl-test", "object": "chat.completion", "created": 0, "model": model,
                "choices": [{"index": 0, "message": message, "finish_reason": answer.finish_reason or "stop"}],
                "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15}})
        self._stream(http, answer, model)

    def _stream(self, http: BaseHTTPRequestHandler, answer: Answer, model: str) -> None:
        def event(delta: dict[str, Any], finish: str | None = None, **extra: Any) -> bytes:
            chunk = {"id": "chatcmpl-test", "object": "chat.completion.chunk", "created": 0, "model": model,
                     "choices": [{"index": 0, "delta": delta, "finish_reason": finish}], **extra}
            return f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n".encode()

        n = max(1, answer.chunk_chars)
        pieces = [answer.content[i:i + n] for i in range(0, len(answer.content), n)]
        events = [event({"role": "assistant", "content": ""})]
        events += [event({"content": p}) for p in pieces]
        if answer.refusal:
            events.append(event({"refusal": answer.refusal}))
        http.send_response(200)
        http.send_header("Content-Type", "text/event-stream")
        http.send_header("Transfer-Encoding", "chunked")
        http.send_header("Connection", "close")
        for key, value in answer.headers.items():
            http.send_header(key, value)
        http.end_headers()
        http.close_connection = True

        def send(data: bytes) -> None:
            http.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
            http.wfile.flush()
            if answer.chunk_delay:
                time.sleep(answer.chunk_delay)

        for index, data in enumerate(events):
            if answer.cut_after is not None and index > answer.cut_after:
                http.wfile.write(b"%x\r\n" % 4096 + data[:8])  # a chunk that never completes
                http.wfile.flush()
                return
            send(data)
        if answer.sse_error is not None:
            send(b"event: error\ndata: " + json.dumps(
                {"error": {"message": answer.sse_error, "type": "server_error"}}).encode() + b"\n\n")
        elif not answer.end_without_done:
            usage = {"prompt_tokens": 100, "completion_tokens": len(pieces), "total_tokens": 100 + len(pieces)}
            send(event({}, answer.finish_reason))
            if answer.usage:
                chunk = {"id": "chatcmpl-test", "object": "chat.completion.chunk", "created": 0,
                         "model": model, "choices": [], "usage": usage}
                send(f"data: {json.dumps(chunk)}\n\n".encode())
            send(b"data: [DONE]\n\n")
        http.wfile.write(b"0\r\n\r\n")
        http.wfile.flush()

    @staticmethod
    def _json(http: BaseHTTPRequestHandler, status: int, data: Any, headers: dict[str, str] | None = None) -> None:
        payload = json.dumps(data, ensure_ascii=False).encode()
        http.send_response(status)
        http.send_header("Content-Type", "application/json")
        http.send_header("Content-Length", str(len(payload)))
        for key, value in (headers or {}).items():
            http.send_header(key, value)
        http.end_headers()
        http.wfile.write(payload)
        http.wfile.flush()


def _error(message: str, kind: str, param: str | None = None) -> dict[str, Any]:
    return {"error": {"message": message, "type": kind, "param": param, "code": kind}}


if __name__ == "__main__":  # pragma: no cover - a manual look
    with LlmServer() as srv:
        print(srv.base_url, flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
