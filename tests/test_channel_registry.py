"""A fifth delivery channel is one object registered with ``facilitator.channels``:
``followup --send`` plans a digest for it, posts it to its robot and records the answer
in the send log, with no other code changed. The robot is a loopback server this test
starts; the channel is registered by a launcher script before the real CLI runs."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO, RunCli, cli_env
from tests.delivery_servers import PEOPLE
from tests.test_outreach import NOTES, ok, sends

LAUNCHER = '''
import json, sys
from facilitator import channels
from facilitator.channels.robots import Robot
from facilitator.channels.base import DeliveryError


class Chime(Robot):
    """A Slack-like robot: {"text": ...}, answered {"ok": true}."""
    name = "chime"
    label = "Chime"
    labels = {"zh": "Chime 群", "en": "Chime group"}
    limit = 1000
    order = 40

    def url(self, settings):
        return URL

    def mentions(self, mobiles):
        return {owner: "<@" + mobile + ">" for owner, mobile in mobiles.items()}

    def request(self, url, secret, *, title, text, mobiles, lang, kind="markdown", now=None):
        return url, {"text": text, "title": title}

    def check(self, raw):
        answer = json.loads(raw)
        if answer.get("ok") is not True:
            raise DeliveryError("chime said " + raw.decode())
        return "ok"


URL = sys.argv.pop(1)
channels.register(Chime())
from facilitator.cli import main
sys.exit(main())
'''


class _Chime(BaseHTTPRequestHandler):
    received: list[dict[str, Any]] = []

    def do_POST(self) -> None:  # noqa: N802 - http.server's name
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).received.append({"path": self.path, **body})
        data = b'{"ok": true}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def chime() -> Iterator[tuple[str, list[dict[str, Any]]]]:
    received: list[dict[str, Any]] = []
    handler = type("Handler", (_Chime,), {"received": received})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/hooks/T000/B000/xyz", received
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def followup(run_cli: RunCli, home: Path, tmp_path: Path,
             chime: tuple[str, list[dict[str, Any]]]) -> Callable[..., subprocess.CompletedProcess[str]]:
    """``facilitator followup 1 ...`` with the Chime channel registered, after a meeting."""
    url, _ = chime
    (home / "config.toml").write_text(PEOPLE, encoding="utf-8")  # no [smtp], no [webhooks]
    ok(run_cli("meet", "--new", "钢管生锈协调会", "--customer", "华东管业", "--order", "PO-1123",
               "--date", "2026-11-23", "--no-tui"))
    ok(run_cli("import", str(NOTES), "--meeting", "1"))
    launcher = tmp_path / "launch.py"
    launcher.write_text(LAUNCHER, encoding="utf-8")

    def run(*extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, str(launcher), url, "--home", str(home), "followup", "1",
                               "--as-of", "2026-11-24", *extra], capture_output=True, text=True,
                              encoding="utf-8", env=cli_env(), cwd=REPO, timeout=300)

    return run


def test_a_registered_fifth_channel_is_planned_with_its_own_mentions(
    followup: Callable[..., subprocess.CompletedProcess[str]], chime: tuple[str, list[dict[str, Any]]]
) -> None:
    _, received = chime
    dry = followup("--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "== Chime group (" in dry.stdout and "<@13800000001>" in dry.stdout
    assert received == []  # a dry run sends nothing


def test_a_registered_fifth_channel_gets_the_digest_once(
    followup: Callable[..., subprocess.CompletedProcess[str]], home: Path,
    chime: tuple[str, list[dict[str, Any]]],
) -> None:
    _, received = chime
    first = followup("--send")
    assert first.returncode == 0, first.stderr
    assert [r["path"] for r in received] == ["/hooks/T000/B000/xyz"]
    assert "<@13800000001>" in received[0]["text"]  # the channel's own way of mentioning 吴工
    assert [(r["channel"], r["status"], r["answer"]) for r in sends(home)] == [("chime", "ok", "ok")]
    assert "sent: Chime group (" in first.stdout

    again = followup("--send")
    assert again.returncode == 0, again.stderr
    assert len(received) == 1 and "already sent: Chime group (" in again.stdout
    assert len(sends(home)) == 1


def test_a_channel_declares_its_own_webhooks_keys(home: Path) -> None:
    """The settings read a ``[webhooks]`` key because a channel declares it: a new robot's
    URL and signing secret need no field in ``config``; the secret never prints."""
    from facilitator import channels
    from facilitator.channels.robots import Robot
    from facilitator.config import load_settings
    from facilitator.model import UserError

    class Gong(Robot):
        name, label, order = "gong", "Gong", 50
        url_setting, secret_setting = "gong", "gong_secret"

    (home / "config.toml").write_text('[webhooks]\ngong = "https://gong.example.com/hook/1"\n'
                                      'gong_secret = "g-distinctive-6"\n', encoding="utf-8")
    with pytest.raises(UserError, match=r"\[webhooks\]: unknown setting 'gong'"):
        load_settings(home, env={})
    gong = channels.register(Gong())
    try:
        settings = load_settings(home, env={})
        assert gong.url(settings) == "https://gong.example.com/hook/1" and gong.secret(settings) == "g-distinctive-6"
        assert gong in channels.configured_groups(settings) and "g-distinctive-6" not in repr(settings)
        (home / "config.toml").write_text('[webhooks]\ngong = "file:///etc/hostname"\n', encoding="utf-8")
        with pytest.raises(UserError, match=r"\[webhooks\] gong must start with https://"):
            load_settings(home, env={})
    finally:
        channels._added.pop("gong", None)
