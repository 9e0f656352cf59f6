"""Real servers on loopback for follow-up delivery: an SMTP server (aiosmtpd) and one
HTTP server playing the three group robots.

The robot server checks each request the way the platform documents it, with its own
signature code (not the app's), and answers as the platform does: success, the
platform's error code, HTTP 500, or no answer before the client's timeout. Everything
received is kept so tests can say exactly what arrived.
"""

from __future__ import annotations

import asyncio
import base64
import hmac
import json
import socket
import threading
import time
import urllib.parse
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, Envelope, LoginPassword, Session

# -- SMTP ------------------------------------------------------------------------------


@dataclass
class Mail:
    sender: str
    recipients: list[str]
    message: EmailMessage

    @property
    def subject(self) -> str:
        return str(self.message["Subject"])

    @property
    def body(self) -> str:
        part = self.message.get_body(("plain",))
        assert part is not None
        return str(part.get_content())  # type: ignore[attr-defined]


class _Inbox:
    def __init__(self) -> None:
        self.mails: list[Mail] = []
        self.refuse: set[str] = set()
        """Recipients answered with 550 at RCPT."""
        self.delay = 0.0
        """Seconds to wait before answering DATA (a slow server, so two senders overlap)."""

    async def handle_RCPT(self, server: Any, session: Session, envelope: Envelope, address: str,
                          rcpt_options: list[str]) -> str:
        if address in self.refuse:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Session, envelope: Envelope) -> str:
        if self.delay:
            await asyncio.sleep(self.delay)
        raw = envelope.original_content or b""
        msg = message_from_bytes(raw, policy=policy.default)
        self.mails.append(Mail(str(envelope.mail_from), list(envelope.rcpt_tos), msg))  # type: ignore[arg-type]
        return f"250 2.0.0 queued as {len(self.mails)}"


def _free_port() -> int:
    """A free loopback port (aiosmtpd's controller cannot be started on port 0)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class SmtpServer:
    """aiosmtpd on 127.0.0.1; with ``password`` it requires AUTH LOGIN/PLAIN (no TLS on loopback)."""

    def __init__(self, user: str = "", password: str = "") -> None:
        self.inbox = _Inbox()
        self.logins: list[tuple[str, bool]] = []
        kwargs: dict[str, Any] = {}
        if password:
            def check(server: Any, session: Session, envelope: Envelope, mechanism: str,
                      auth_data: Any) -> AuthResult:
                ok = (isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user
                      and auth_data.password.decode() == password)
                self.logins.append((auth_data.login.decode() if isinstance(auth_data, LoginPassword) else "", ok))
                return AuthResult(success=ok, handled=False)

            # PLAIN only: after a refused PLAIN, smtplib retries with LOGIN, which aiosmtpd
            # answers by waiting for a second line smtplib never sends
            kwargs = {"authenticator": check, "auth_required": True, "auth_require_tls": False,
                      "auth_exclude_mechanism": ["LOGIN"]}
        with warnings.catch_warnings():  # AUTH without TLS is the point on loopback
            warnings.simplefilter("ignore")
            self.controller = Controller(self.inbox, hostname="127.0.0.1", port=_free_port(), **kwargs)

    def __enter__(self) -> SmtpServer:
        self.controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.controller.stop()

    @property
    def port(self) -> int:
        return int(self.controller.port)

    @property
    def mails(self) -> list[Mail]:
        return self.inbox.mails


# -- group robots ------------------------------------------------------------------------

WECOM_KEY = "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa"
FEISHU_HOOK = "2a3b4c5d-test-hook-0001"
DINGTALK_TOKEN = "d1n9t0k3n"
FEISHU_SECRET = "feishu-secret-for-tests"
DINGTALK_SECRET = "SECdingtalk-secret-for-tests"


@dataclass
class Received:
    robot: str
    path: str
    query: dict[str, str]
    body: dict[str, Any]
    status: int
    answer: dict[str, Any] | str


@dataclass
class RobotState:
    modes: dict[str, str] = field(default_factory=lambda: {"wecom": "ok", "feishu": "ok", "dingtalk": "ok"})
    """Per robot: ``ok``, ``error`` (the platform's error code), ``500`` or ``timeout``."""
    received: list[Received] = field(default_factory=list)
    stall: float = 8.0
    """Seconds a ``timeout`` robot waits before answering (longer than the client waits)."""
    delay: float = 0.0
    """Seconds to wait, after recording a request, before answering it (kill the sender
    in between to lose the answer of a post that arrived)."""
    echo: bool = False
    """Print each request and answer (when run by hand: ``python -m tests.delivery_servers``)."""

    def of(self, robot: str) -> list[Received]:
        return [r for r in self.received if r.robot == robot]


def _feishu_expected(timestamp: str) -> str:
    key = (timestamp + "\n" + FEISHU_SECRET).encode("utf-8")
    return base64.b64encode(hmac.HMAC(key, b"", "sha256").digest()).decode("ascii")


def _dingtalk_expected(timestamp: str) -> str:
    mac = hmac.HMAC(DINGTALK_SECRET.encode("utf-8"), (timestamp + "\n" + DINGTALK_SECRET).encode("utf-8"), "sha256")
    return base64.b64encode(mac.digest()).decode("ascii")


def _within_an_hour(seconds: float) -> bool:
    return abs(time.time() - seconds) <= 3600


def _wecom(query: dict[str, str], body: dict[str, Any]) -> dict[str, Any]:
    if query.get("key") != WECOM_KEY:
        return {"errcode": 93000, "errmsg": "invalid webhook url"}
    kind = body.get("msgtype")
    if kind == "markdown":
        content = body.get("markdown", {}).get("content", "")
        if not content or len(content.encode("utf-8")) > 4096:
            return {"errcode": 40058, "errmsg": "markdown.content exceed max length 4096"}
    elif kind == "text":
        if not body.get("text", {}).get("content"):
            return {"errcode": 40008, "errmsg": "invalid message type"}
    else:
        return {"errcode": 40008, "errmsg": "invalid message type"}
    return {"errcode": 0, "errmsg": "ok"}


def _feishu(path: str, body: dict[str, Any]) -> dict[str, Any]:
    if not path.endswith("/" + FEISHU_HOOK):
        return {"code": 19001, "msg": "param invalid: incoming webhook access token invalid", "data": {}}
    timestamp, sign = str(body.get("timestamp", "")), str(body.get("sign", ""))
    if not timestamp.isdigit() or not _within_an_hour(int(timestamp)) or sign != _feishu_expected(timestamp):
        return {"code": 19021, "msg": "sign match fail or timestamp is not within one hour from current time",
                "data": {}}
    post = body.get("content", {}).get("post", {})
    if body.get("msg_type") != "post" or not post or not all(
            isinstance(v.get("content"), list) and v.get("title") for v in post.values()):
        return {"code": 9499, "msg": "Bad Request", "data": {}}
    return {"code": 0, "msg": "success", "data": {}}


def _dingtalk(query: dict[str, str], body: dict[str, Any]) -> dict[str, Any]:
    if query.get("access_token") != DINGTALK_TOKEN:
        return {"errcode": 300001, "errmsg": "token is not exist"}
    timestamp, sign = query.get("timestamp", ""), query.get("sign", "")
    if not timestamp.isdigit() or not _within_an_hour(int(timestamp) / 1000) or sign != _dingtalk_expected(timestamp):
        return {"errcode": 310000, "errmsg": "sign not match, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]"}
    md = body.get("markdown", {})
    if body.get("msgtype") != "markdown" or not md.get("title") or not md.get("text"):
        return {"errcode": 40035, "errmsg": "缺少参数 json"}
    return {"errcode": 0, "errmsg": "ok"}


ERRORS = {
    "wecom": {"errcode": 45009, "errmsg": "api freq out of limit"},
    "feishu": {"code": 11232, "msg": "frequency limited psm[lark.oapi.app_platform_runtime]appID[1]", "data": {}},
    "dingtalk": {"errcode": 130101, "errmsg": "send too fast, exceed 20 times per minute"},
}


class _Handler(BaseHTTPRequestHandler):
    server: _RobotHTTPServer

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet test output
        pass

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        parts = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(parts.query))
        raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        try:
            body = json.loads(raw.decode("utf-8"))
        except ValueError:
            body = {}
        if parts.path == "/cgi-bin/webhook/send":
            robot = "wecom"
        elif parts.path.startswith("/open-apis/bot/v2/hook/"):
            robot = "feishu"
        elif parts.path == "/robot/send":
            robot = "dingtalk"
        else:
            self.send_error(404)
            return
        state = self.server.state
        mode = state.modes[robot]
        if self.headers.get("Content-Type", "").split(";")[0] != "application/json":
            answer: dict[str, Any] | str = {"errcode": 40001, "errmsg": "content type must be json"}
            status = 200
        elif mode == "500":
            answer, status = "internal error", 500
        elif mode == "timeout":
            time.sleep(state.stall)
            answer, status = {"errcode": 0, "errmsg": "ok"}, 200
        elif mode == "error":
            answer, status = ERRORS[robot], 200
        else:
            status = 200
            answer = _wecom(query, body) if robot == "wecom" else (
                _feishu(parts.path, body) if robot == "feishu" else _dingtalk(query, body))
        state.received.append(Received(robot, parts.path, query, body, status, answer))
        if state.delay:
            time.sleep(state.delay)
        if state.echo:
            print(json.dumps({"robot": robot, "query": query, "body": body, "status": status, "answer": answer},
                             ensure_ascii=False), flush=True)
        data = (json.dumps(answer, ensure_ascii=False) if isinstance(answer, dict) else answer).encode("utf-8")
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json" if isinstance(answer, dict) else "text/plain")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except OSError:
            pass  # the client gave up waiting (the timeout case)


class _RobotHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    state: RobotState


class RobotServer:
    """WeCom, Feishu and DingTalk robots on one 127.0.0.1 port."""

    def __init__(self, port: int = 0) -> None:
        self.httpd = _RobotHTTPServer(("127.0.0.1", port), _Handler)
        self.httpd.state = RobotState()
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> RobotServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    @property
    def state(self) -> RobotState:
        return self.httpd.state

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def urls(self) -> dict[str, str]:
        return {
            "wecom": f"{self.base}/cgi-bin/webhook/send?key={WECOM_KEY}",
            "feishu": f"{self.base}/open-apis/bot/v2/hook/{FEISHU_HOOK}",
            "dingtalk": f"{self.base}/robot/send?access_token={DINGTALK_TOKEN}",
        }


ROBOT_TIMEOUT = 3.0
"""What the app waits for a robot in the tests: short, for the timeout case, yet long
enough for a loaded machine (the stalled robot waits ``RobotState.stall``)."""


def config_toml(smtp: SmtpServer | None, robots: RobotServer | None, *, user: str = "",
                people: str | None = None, timeout: float = ROBOT_TIMEOUT) -> str:
    """A home's config.toml pointing at the servers, with the people of the test notes."""
    lines = [people if people is not None else PEOPLE]
    if smtp is not None:
        lines += ["[smtp]", 'host = "127.0.0.1"', f"port = {smtp.port}", 'from = "sales@example.com"',
                  f'user = "{user}"', "starttls = false", "timeout = 20", ""]
    if robots is not None:
        urls = robots.urls()
        lines += ["[webhooks]", f'wecom = "{urls["wecom"]}"', f'feishu = "{urls["feishu"]}"',
                  f'feishu_secret = "{FEISHU_SECRET}"', f'dingtalk = "{urls["dingtalk"]}"',
                  f'dingtalk_secret = "{DINGTALK_SECRET}"', f"timeout = {timeout}", ""]
    return "\n".join(lines)


PEOPLE = """
[people."吴工"]
email = "wu@example.com"
mobile = "13800000001"
manager = "设备部经理"

[people."黄主任"]
email = "huang@example.com"
manager = "生产副总"

[people."郑工"]
mobile = "13800000003"

[people."设备部经理"]
email = "equipment-head@example.com"

[people."生产副总"]
email = "vp-production@example.com"
"""


def iter_text(body: dict[str, Any]) -> Iterator[str]:
    """Every string in a JSON body (to search what a robot received)."""
    for value in body.values():
        if isinstance(value, dict):
            yield from iter_text(value)
        elif isinstance(value, list):
            for v in value:
                if isinstance(v, dict):
                    yield from iter_text(v)
                elif isinstance(v, list):
                    for w in v:
                        if isinstance(w, dict):
                            yield from iter_text(w)
                        else:
                            yield str(w)
                else:
                    yield str(v)
        else:
            yield str(value)


if __name__ == "__main__":  # a robot endpoint to try the app against by hand
    import sys

    server = RobotServer(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
    server.state.echo = True
    print(f"robots on {server.base}: " + json.dumps(server.urls()), flush=True)
    print(f"secrets: feishu_secret = {FEISHU_SECRET!r}, dingtalk_secret = {DINGTALK_SECRET!r}", flush=True)
    server.httpd.serve_forever()
