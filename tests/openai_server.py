"""A real, local OpenAI-compatible HTTP server for tests: the openai client is never mocked.

``FakeOpenAI`` listens on 127.0.0.1 (port 0: a free port, so tests can run in parallel)
with a stdlib ``ThreadingHTTPServer`` in a background thread, and serves

- ``GET  /v1/models``            a model list (``models``);
- ``POST /v1/embeddings``        deterministic vectors (``fake_embedding``: hashed character
  bigrams in ``dim`` dimensions, L2-normalised, so similar texts get similar vectors), as
  floats or base64 as the client asks;
- ``POST /v1/chat/completions``  the next queued :class:`Reply` (``add``), else an empty
  draft: one JSON ``chat.completion``, or server-sent events when the request says
  ``"stream": true``.

A :class:`Reply` scripts what comes back: the model's content, refusal and finish reason;
an HTTP status with an error message; a delay; for a stream, the chunk size and delay, a
connection cut after N chunks (mid-chunk: streams are HTTP/1.1 chunked, so a cut is a real
protocol error), a stream that just stops, an SSE error event. The server can refuse
``json_schema`` and/or ``json_object`` response formats with a 400 (as older or smaller
servers do) and can require an API key (401 otherwise).

Every request is logged in ``requests`` (:class:`Request`: method, path, headers, parsed
JSON body); ``chats`` and ``paths()`` are views of it. For anything else, ``script`` holds
hooks ``fn(request) -> Reply | None`` consulted first, in order (``add_hook``; ``fail_next``
for the common case), and ``routes`` maps ``(method, path)`` to ``fn(request) -> Reply``;
a Reply with ``json``, ``body`` or ``chunks`` sends exactly that.

Run it by hand for a look: ``python -m tests.openai_server`` prints its base URL.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import re
import struct
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

CHAT = "/v1/chat/completions"
EMPTY_DRAFT: dict[str, list[Any]] = {"responsibilities": [], "actions": [], "decisions": [], "obstacles": [],
                                     "open_questions": [], "cited_cases": []}


@dataclass
class Request:
    """One request as the server received it."""

    method: str
    path: str
    headers: dict[str, str]
    """Names lower-cased."""
    body: Any
    """The parsed JSON body, or None."""
    raw: bytes = b""

    @property
    def response_format(self) -> str | None:
        fmt = self.body.get("response_format") if isinstance(self.body, dict) else None
        return fmt.get("type") if isinstance(fmt, dict) else None

    def text(self) -> str:
        """All message contents of a chat request, joined."""
        msgs = self.body.get("messages", []) if isinstance(self.body, dict) else []
        return "\n".join(str(m.get("content", "")) for m in msgs)


@dataclass
class Reply:
    """What the server answers to one request (see the module docstring)."""

    status: int = 200
    error: str = "scripted failure"
    """The error message when ``status`` is not 200."""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    """Seconds to wait before the response headers."""
    # -- a chat completion --
    content: str = ""
    refusal: str | None = None
    finish_reason: str | None = "stop"
    """None: no stream chunk ever carries a finish_reason."""
    usage: bool = True
    """Stream: a usage chunk before ``[DONE]``."""
    chunk_chars: int = 16
    chunk_delay: float = 0.0
    """Stream: seconds to wait after each chunk."""
    cut_after: int | None = None
    """Stream: drop the connection mid-chunk after this many chunks (of a chat answer:
    content chunks, not counting the opening role chunk)."""
    end_without_done: bool = False
    """Stream: end the body cleanly after the content, without finish_reason or [DONE]."""
    sse_error: str | None = None
    """Stream: after the content, an ``event: error`` with this message."""
    # -- exactly these bytes instead, on any route --
    json: Any = None
    body: bytes | None = None
    chunks: list[bytes] | None = None
    """Streamed one by one (SSE unless ``headers`` say otherwise)."""

    @classmethod
    def json_content(cls, data: Any, **kw: Any) -> Reply:
        """A chat answer whose content is ``data`` as JSON."""
        return cls(content=json.dumps(data, ensure_ascii=False), **kw)

    @property
    def verbatim(self) -> bool:
        return self.json is not None or self.body is not None or self.chunks is not None


@dataclass
class Hook:
    fn: Callable[[Request], Reply | None]
    once: bool = True


Handler = Callable[[Request], Reply]


def fake_embedding(text: str, dim: int = 64) -> list[float]:
    """Hashed bag of character bigrams (unigrams for 1-char texts), L2-normalised."""
    text = text.casefold()
    grams = [text[i : i + 2] for i in range(len(text) - 1)] or [text]
    vec = [0.0] * dim
    for gram in grams:
        digest = hashlib.blake2b(gram.encode("utf-8"), digest_size=8).digest()
        bucket = int.from_bytes(digest[:4], "little") % dim
        sign = 1.0 if digest[4] & 1 else -1.0
        vec[bucket] += sign
    norm = math.sqrt(sum(v * v for v in vec)) or 1.0
    return [v / norm for v in vec]


def _error(message: str, kind: str, param: str | None = None) -> dict[str, Any]:
    return {"error": {"message": message, "type": kind, "param": param, "code": kind}}


class FakeOpenAI:
    """``with FakeOpenAI() as api: api.add(Reply(content=...)); Settings(llm_base_url=api.base_url)``."""

    def __init__(self, *, dim: int = 64, models: tuple[str, ...] = ("test-model", "fake-embed"),
                 json_schema: bool = True, json_object: bool = True, api_key: str | None = None) -> None:
        self.dim = dim
        self.models = list(models)
        self.json_schema = json_schema
        self.json_object = json_object
        self.api_key = api_key
        self.answers: deque[Reply] = deque()
        self.requests: list[Request] = []
        self.script: list[Hook] = []
        self.routes: dict[tuple[str, str], Handler] = {
            ("GET", "/v1/models"): self._models,
            ("POST", "/v1/embeddings"): self._embeddings,
            ("POST", CHAT): self._chat,
        }
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None

    # -- lifecycle ------------------------------------------------------------------------------

    def start(self) -> FakeOpenAI:
        owner = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
                pass

            def do_GET(self) -> None:
                owner._handle(self, "GET")

            def do_POST(self) -> None:
                owner._handle(self, "POST")

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> FakeOpenAI:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._server is not None, "server not started"
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    # -- scripting and the log -------------------------------------------------------------------

    def add(self, *answers: Reply) -> FakeOpenAI:
        """Queue what the next chat requests get, one each, in order."""
        with self._lock:
            self.answers.extend(answers)
        return self

    def add_hook(self, fn: Callable[[Request], Reply | None], once: bool = True) -> None:
        with self._lock:
            self.script.append(Hook(fn, once))

    def fail_next(self, path: str, status: int = 500, times: int = 1, message: str = "scripted failure") -> None:
        """Answer the next ``times`` requests to ``path`` (e.g. ``/v1/embeddings``) with ``status``."""
        for _ in range(times):
            self.add_hook(lambda r: Reply(status=status, error=message) if r.path == path else None)

    @property
    def chats(self) -> list[Request]:
        return [r for r in self.requests if r.path == CHAT]

    def paths(self) -> list[str]:
        return [r.path for r in self.requests]

    # -- routes ----------------------------------------------------------------------------------

    def _models(self, request: Request) -> Reply:
        return Reply(json={"object": "list", "data": [
            {"id": m, "object": "model", "created": 0, "owned_by": "fake"} for m in self.models]})

    def _embeddings(self, request: Request) -> Reply:
        body = request.body if isinstance(request.body, dict) else {}
        inputs = body.get("input")
        if isinstance(inputs, str):
            inputs = [inputs]
        if not isinstance(inputs, list) or not all(isinstance(t, str) for t in inputs):
            return Reply(status=400, json=_error("input must be a string or list of strings",
                                                 "invalid_request_error", param="input"))
        data = []
        for i, text in enumerate(inputs):
            vec = fake_embedding(text, self.dim)
            emb: Any = vec
            if body.get("encoding_format") == "base64":
                emb = base64.b64encode(struct.pack(f"<{len(vec)}f", *vec)).decode()
            data.append({"object": "embedding", "index": i, "embedding": emb})
        tokens = sum(len(t) for t in inputs)
        return Reply(json={"object": "list", "data": data, "model": body.get("model", "fake-embed"),
                           "usage": {"prompt_tokens": tokens, "total_tokens": tokens}})

    def _chat(self, request: Request) -> Reply:
        fmt = request.response_format
        if (fmt == "json_schema" and not self.json_schema) or (fmt == "json_object" and not self.json_object):
            return Reply(status=400, json=_error(f"response_format type {fmt} is not supported",
                                                 "invalid_request_error", param="response_format"))
        with self._lock:
            return self.answers.popleft() if self.answers else Reply.json_content(EMPTY_DRAFT)

    # -- plumbing --------------------------------------------------------------------------------

    def _handle(self, http: BaseHTTPRequestHandler, method: str) -> None:
        length = int(http.headers.get("Content-Length") or 0)
        raw = http.rfile.read(length) if length else b""
        try:
            body: Any = json.loads(raw) if raw else None
        except ValueError:
            body = None
        path = http.path.split("?", 1)[0]
        request = Request(method, path, {k.lower(): v for k, v in http.headers.items()}, body, raw)
        with self._lock:
            self.requests.append(request)
            hooks = list(self.script)
        self._send(http, _render(request, self._reply(request, hooks)))

    def _reply(self, request: Request, hooks: list[Hook]) -> Reply:
        if self.api_key is not None and request.headers.get("authorization") != f"Bearer {self.api_key}":
            return Reply(status=401, json=_error("Incorrect API key provided", "invalid_api_key"))
        for hook in hooks:
            reply = hook.fn(request)
            if reply is not None:
                if hook.once:
                    with self._lock:
                        if hook in self.script:
                            self.script.remove(hook)
                return reply
        handler = self.routes.get((request.method, request.path))
        if handler is None:
            return Reply(status=404, json=_error(f"no route {request.method} {request.path}", "not_found"))
        return handler(request)

    @staticmethod
    def _send(http: BaseHTTPRequestHandler, reply: Reply) -> None:
        if reply.delay:
            time.sleep(reply.delay)
        try:
            http.send_response(reply.status)
            for key, value in reply.headers.items():
                http.send_header(key, value)
            typed = "content-type" in {k.lower() for k in reply.headers}
            if reply.chunks is not None:
                if not typed:
                    http.send_header("Content-Type", "text/event-stream")
                http.send_header("Transfer-Encoding", "chunked")
                http.send_header("Connection", "close")
                http.end_headers()
                http.close_connection = True
                for n, chunk in enumerate(reply.chunks):
                    if reply.cut_after is not None and n >= reply.cut_after:
                        http.wfile.write(b"%x\r\n" % 4096 + chunk[:8])  # a chunk that never completes
                        http.wfile.flush()
                        return
                    http.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                    http.wfile.flush()
                    if reply.chunk_delay:
                        time.sleep(reply.chunk_delay)
                http.wfile.write(b"0\r\n\r\n")
                http.wfile.flush()
                return
            payload = reply.body if reply.body is not None else json.dumps(reply.json, ensure_ascii=False).encode()
            if not typed:
                http.send_header("Content-Type", "application/json")
            http.send_header("Content-Length", str(len(payload)))
            http.end_headers()
            http.wfile.write(payload)
            http.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass


def _render(request: Request, reply: Reply) -> Reply:
    """The reply as sent: an error body for a failure, else the chat completion or its stream."""
    if reply.verbatim:
        return reply
    if reply.status != 200:
        return replace(reply, json=_error(reply.error, "server_error"))
    body = request.body if isinstance(request.body, dict) else {}
    model = body.get("model", "test-model")
    if not body.get("stream"):
        message = {"role": "assistant", "content": reply.content or None, "refusal": reply.refusal}
        return replace(reply, json={
            "id": "chatcmpl-test", "object": "chat.completion", "created": 0, "model": model,
            "choices": [{"index": 0, "message": message, "finish_reason": reply.finish_reason or "stop"}],
            "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15}})

    def sse(chunk: dict[str, Any]) -> bytes:
        return f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n".encode()

    def event(delta: dict[str, Any], finish: str | None = None) -> bytes:
        return sse({"id": "chatcmpl-test", "object": "chat.completion.chunk", "created": 0, "model": model,
                    "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]})

    n = max(1, reply.chunk_chars)
    pieces = [reply.content[i:i + n] for i in range(0, len(reply.content), n)]
    chunks = [event({"role": "assistant", "content": ""})] + [event({"content": p}) for p in pieces]
    if reply.refusal:
        chunks.append(event({"refusal": reply.refusal}))
    if reply.sse_error is not None:
        chunks.append(b"event: error\ndata: " + json.dumps(
            {"error": {"message": reply.sse_error, "type": "server_error"}}).encode() + b"\n\n")
    elif not reply.end_without_done:
        chunks.append(event({}, reply.finish_reason))
        if reply.usage:
            usage = {"prompt_tokens": 100, "completion_tokens": len(pieces), "total_tokens": 100 + len(pieces)}
            chunks.append(sse({"id": "chatcmpl-test", "object": "chat.completion.chunk", "created": 0,
                               "model": model, "choices": [], "usage": usage}))
        chunks.append(b"data: [DONE]\n\n")
    cut = None if reply.cut_after is None else reply.cut_after + 1  # after the role chunk
    return replace(reply, chunks=chunks, cut_after=cut)


# -- a scripted "model" that answers each window from what it is sent -----------------------------

_BLOCK = re.compile(r'<data-(\w+) kind="(?:notes|transcript)">\n(.*?)\n</data-\1>', re.S)
_MEETING_DAY = re.compile(r"(?:会议日期：|Meeting date: )(\d{4})-(\d{2})-(\d{2})")
_ZH_PROMISE = re.compile(r"(?P<owner>[\u4e00-\u9fffA-Za-z]{2,6}?)\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日\s*之前"
                         r"(?P<what>[^。！？]+)")
_EN_PROMISE = re.compile(r"(?P<owner>[A-Z][a-z]+(?: [A-Z][a-z]+)?) will (?P<what>[^.]+?) by "
                         r"(?P<mon>January|February|March|April|May|June|July|August|September|October"
                         r"|November|December) (?P<d>\d{1,2})")
_EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December"]


@dataclass
class WindowModel:
    """Answers a drafting prompt the way an attentive extractor would, from the prompt alone.

    It reads the notes and transcript blocks of the window it is sent, finds every spoken
    commitment (``质量部 12 月 3 日之前把样品寄出`` / ``Ravi will post the quotes by
    November 27``), resolves its date against the meeting date in the prompt, and answers
    with those actions, each with its line as the quote. Nothing about the test is known
    to it: a window it is not sent, it cannot answer for.

    ``invent``: also adds, per commitment, an action for an owner nobody mentioned and a
    responsibility with a made-up basis (what a careless model does). ``cut_at``: the first
    answer to each window stops after this many characters with ``finish_reason=length``;
    asked for the rest, it gives the items not listed as kept.
    """

    invent: bool = False
    cut_at: int | None = None
    echo: str = ""
    """Appended to every action text (a model repeating what it was sent, the API key say)."""
    seen: list[int] = field(default_factory=list)
    """How many commitments each window held."""

    def __call__(self, request: Request) -> Reply | None:
        if request.path != CHAT or not isinstance(request.body, dict):
            return None
        messages = request.body.get("messages", [])
        prompt = str(messages[1].get("content", "")) if len(messages) > 1 else ""
        last = str(messages[-1].get("content", ""))
        data = self.extract(prompt)
        if len(messages) > 2 and "cut off at the output limit" in last:
            kept = last.split("are kept:", 1)[-1]
            data["actions"] = [a for a in data["actions"] if a["action"][:60] not in kept]
            return Reply.json_content(data)
        self.seen.append(len(data["actions"]))
        content = json.dumps(data, ensure_ascii=False)
        if self.cut_at is not None and len(content) > self.cut_at:
            return Reply(content=content[: self.cut_at], finish_reason="length")
        return Reply(content=content)

    def extract(self, prompt: str) -> dict[str, Any]:
        m = _MEETING_DAY.search(prompt)
        year = int(m[1]) if m else 2026
        data: dict[str, Any] = {k: [] for k in EMPTY_DRAFT}
        for block in _BLOCK.finditer(prompt):
            for line in block.group(2).splitlines():
                found = self._promise(line, year)
                if found is None:
                    continue
                owner, due, what = found
                data["actions"].append({"action": what + self.echo, "owner": owner, "due": due,
                                        "status": "open", "quote": line})
                if self.invent:
                    zh = _ZH_PROMISE.search(line) is not None
                    data["actions"].append({"action": ("仓储部安排叉车" if zh else "book a forklift"),
                                            "owner": "仓储部" if zh else "Warehouse team", "due": due,
                                            "status": "open", "quote": line})
                    data["responsibilities"].append({
                        "item": what, "owner": owner, "status": "agreed", "quote": line,
                        "basis": "ISO 9001 第8.4条" if zh else "ISO 9001 clause 8.4"})
        return data

    @staticmethod
    def _promise(line: str, year: int) -> tuple[str, str, str] | None:
        text = re.sub(r"^\[[\d:]+\]\s*[^:：]{1,40}[:：]\s*", "", line)
        zh = _ZH_PROMISE.search(text)
        if zh:
            return zh["owner"], f"{year}-{int(zh['m']):02d}-{int(zh['d']):02d}", zh["what"].strip()
        en = _EN_PROMISE.search(text)
        if en:
            month = _EN_MONTHS.index(en["mon"]) + 1
            return en["owner"], f"{year}-{month:02d}-{int(en['d']):02d}", en["what"].strip()
        return None


KEY_ENCODINGS: dict[str, Callable[[str], str]] = {
    "plain": lambda k: k,
    "json escape": lambda k: "".join(f"\\u{ord(c):04x}" for c in k),
    "json escape, upper hex": lambda k: "".join(f"\\u{ord(c):04X}" for c in k),
    "mixed escape": lambda k: "".join(f"\\u{ord(c):04x}" if i % 2 else c for i, c in enumerate(k)),
    "double escape": lambda k: "".join(f"\\\\u{ord(c):04x}" for c in k),
    "url encoded": lambda k: "".join(f"%{ord(c):02X}" for c in k),
    "url encoded, lower": lambda k: "".join(f"%{ord(c):02x}" for c in k),
}
"""Every form a model's raw JSON or a quoted URL can carry an API key in; the masker
must catch each of them, whole or split across stream chunks."""


def leaking(key: str, encoding: str, chunk_chars: int = 3) -> tuple[Reply, str]:
    """A valid draft streamed in small chunks whose decision carries ``key`` written as
    ``encoding``; and the decision's text as the stream shows it with the key masked."""
    data = dict(EMPTY_DRAFT, decisions=["决定 KEY 之后照常交付"])
    content = json.dumps(data, ensure_ascii=False).replace("KEY", KEY_ENCODINGS[encoding](key))
    return Reply(content=content, chunk_chars=chunk_chars), "决定 *** 之后照常交付"

if __name__ == "__main__":  # pragma: no cover - a manual look; --windows answers like WindowModel
    import sys

    with FakeOpenAI() as api:
        if "--windows" in sys.argv:
            api.add_hook(WindowModel(invent="--careless" in sys.argv), once=False)
        print(api.base_url, flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
