"""A real, local OpenAI-compatible transcription server for tests: ``/v1/audio/transcriptions``.

Like FunASR's or whisper.cpp's servers, it takes the multipart upload the ``openai`` client
sends and answers ``verbose_json`` (timed segments, the language by name). Behind it runs
the same Whisper base engine the tests load once, so what comes back was really heard in
the uploaded bytes. Every request's path, headers (names lower-cased) and form fields are kept in ``requests``.
"""

from __future__ import annotations

import json
import threading
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

NAMES = {"en": "english", "zh": "chinese"}


class TranscriptionServer:
    def __init__(self, engine: Any) -> None:
        self.engine = engine
        self.requests: list[dict[str, Any]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _send(self, status: int, body: dict[str, Any]) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:  # noqa: N802
                outer.requests.append({"path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()}})
                if self.path.endswith("/models"):
                    self._send(200, {"object": "list", "data": [{"id": "local-whisper", "object": "model"}]})
                else:
                    self._send(404, {"error": {"message": "no such route"}})

            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                head = f"Content-Type: {self.headers['Content-Type']}\r\n\r\n".encode()
                form = BytesParser(policy=HTTP).parsebytes(head + body)
                fields: dict[str, Any] = {}
                for part in form.iter_parts():
                    name = part.get_param("name", header="content-disposition")
                    payload: Any = part.get_payload(decode=True)
                    fields[str(name)] = payload if name == "file" else payload.decode()
                outer.requests.append({"path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()}, "fields": fields})
                if not self.path.endswith("/audio/transcriptions") or "file" not in fields:
                    self._send(404, {"error": {"message": "no such route"}})
                    return
                import io

                from faster_whisper.audio import decode_audio

                audio = decode_audio(io.BytesIO(fields["file"]), sampling_rate=16000)
                heard = outer.engine.transcribe(audio, fields.get("language"))
                self._send(200, {
                    "task": "transcribe", "language": NAMES.get(heard.language or "", heard.language),
                    "duration": heard.duration, "text": " ".join(s.text for s in heard.segments),
                    "segments": [{"id": i, "seek": 0, "start": s.start, "end": s.end, "text": s.text,
                                  "tokens": [], "temperature": 0.0, "avg_logprob": -0.2,
                                  "compression_ratio": 1.0, "no_speech_prob": 0.01}
                                 for i, s in enumerate(heard.segments)]})

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> TranscriptionServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
