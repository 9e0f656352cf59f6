"""A real, local OpenAI-compatible HTTP server for tests: no mocks of the openai client.

``FakeOpenAI`` listens on 127.0.0.1 (port 0, so tests run in parallel safely) in a
background thread and serves:

- ``GET  /v1/models``      a one-model list (``.models`` to change it)
- ``POST /v1/embeddings``  deterministic vectors: a hashed bag of character bigrams in
  ``dim`` dimensions (64 by default), L2-normalised; similar texts get similar vectors,
  so search tests through this backend still mean something.

Every request is logged in ``.requests`` (method, path, headers, parsed JSON body).

Extending it (chat completions, failure modes): ``.routes`` maps ``(method, path)`` to a
handler ``fn(request: Request) -> Reply``; add ``("POST", "/v1/chat/completions")``
there. ``.script`` is a list of hooks consulted first, in order, for every request: a
hook ``fn(request) -> Reply | None`` answers the request by returning a Reply (and is
then removed if ``once``), or returns None to pass. ``Reply`` can set the status, JSON
or raw body, headers, a delay, and ``chunks`` to stream (SSE) with ``cut_after`` to
drop the connection mid-stream. See ``fail_next`` for the common case.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: Any
    raw: bytes = b""


@dataclass
class Reply:
    status: int = 200
    json: Any = None
    body: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    chunks: list[bytes] | None = None
    """Written one by one and flushed (SSE); the connection closes after the last."""
    cut_after: int | None = None
    """With ``chunks``: close the connection abruptly after this many chunks."""
    chunk_delay: float = 0.0


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


class FakeOpenAI:
    """Context manager: ``with FakeOpenAI() as api: Settings(llm_base_url=api.base_url, ...)``."""

    def __init__(self, dim: int = 64, models: list[str] | None = None) -> None:
        self.dim = dim
        self.models = models or ["fake-embed", "fake-chat"]
        self.requests: list[Request] = []
        self.script: list[Hook] = []
        self.routes: dict[tuple[str, str], Handler] = {
            ("GET", "/v1/models"): self._models,
            ("POST", "/v1/embeddings"): self._embeddings,
        }
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

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
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
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

    # -- scripting -------------------------------------------------------------------------------

    def add_hook(self, fn: Callable[[Request], Reply | None], once: bool = True) -> None:
        with self._lock:
            self.script.append(Hook(fn, once))

    def fail_next(self, path: str, status: int = 500, times: int = 1, message: str = "scripted failure") -> None:
        """Answer the next ``times`` requests to ``path`` (e.g. ``/v1/embeddings``) with ``status``."""
        for _ in range(times):
            self.add_hook(lambda r: Reply(status=status, json={"error": {"message": message, "type": "server_error"}})
                          if r.path == path else None)

    def paths(self) -> list[str]:
        return [r.path for r in self.requests]

    # -- default routes --------------------------------------------------------------------------

    def _models(self, request: Request) -> Reply:
        return Reply(json={"object": "list", "data": [
            {"id": m, "object": "model", "created": 0, "owned_by": "fake"} for m in self.models]})

    def _embeddings(self, request: Request) -> Reply:
        body = request.body if isinstance(request.body, dict) else {}
        inputs = body.get("input")
        if isinstance(inputs, str):
            inputs = [inputs]
        if not isinstance(inputs, list) or not all(isinstance(t, str) for t in inputs):
            return Reply(status=400, json={"error": {"message": "input must be a string or list of strings"}})
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
        reply: Reply | None = None
        for hook in hooks:
            reply = hook.fn(request)
            if reply is not None:
                if hook.once:
                    with self._lock:
                        if hook in self.script:
                            self.script.remove(hook)
                break
        if reply is None:
            handler = self.routes.get((method, path))
            reply = handler(request) if handler else Reply(
                status=404, json={"error": {"message": f"no route {method} {path}"}})
        self._send(http, reply)

    @staticmethod
    def _send(http: BaseHTTPRequestHandler, reply: Reply) -> None:
        if reply.delay:
            time.sleep(reply.delay)
        try:
            http.send_response(reply.status)
            for key, value in reply.headers.items():
                http.send_header(key, value)
            if reply.chunks is not None:
                if "content-type" not in {k.lower() for k in reply.headers}:
                    http.send_header("Content-Type", "text/event-stream")
                http.send_header("Connection", "close")
                http.end_headers()
                for n, chunk in enumerate(reply.chunks):
                    if reply.cut_after is not None and n >= reply.cut_after:
                        break
                    http.wfile.write(chunk)
                    http.wfile.flush()
                    if reply.chunk_delay:
                        time.sleep(reply.chunk_delay)
                http.close_connection = True
                return
            payload = reply.body if reply.body is not None else json.dumps(reply.json).encode()
            if "content-type" not in {k.lower() for k in reply.headers}:
                http.send_header("Content-Type", "application/json")
            http.send_header("Content-Length", str(len(payload)))
            http.end_headers()
            http.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            pass
