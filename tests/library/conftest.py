"""Fixtures for the case-library tests: fixture cards, the E5 model loaded once, an index
of them, a fake OpenAI endpoint, a real Chroma server, and a guard that fails on any non-loopback socket."""

from __future__ import annotations

import ipaddress
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from facilitator.config import Settings
from facilitator.library.embed import E5Embedder, get_embedder
from facilitator.library.index import CaseIndex
from tests.openai_server import FakeOpenAI

from .helpers import CountingEmbedder, Indexed

FIXTURE_CARDS = Path(__file__).resolve().parent / "cards"
CHROMA_BIN = Path(sys.executable).parent / "chroma"


@pytest.fixture(scope="session")
def e5() -> E5Embedder:
    """The bundled E5 model, loaded once for the whole session (the module caches it)."""
    embedder = get_embedder(Settings())
    assert isinstance(embedder, E5Embedder)
    embedder.warm()
    return embedder


@pytest.fixture
def cards_dir(tmp_path: Path) -> Path:
    """A private copy of the six fixture cards, free to edit."""
    target = tmp_path / "cards"
    shutil.copytree(FIXTURE_CARDS, target)
    return target


@pytest.fixture
def fresh_index(home: Path, e5: E5Embedder) -> Indexed:
    """A local index in ``home`` not built yet, embedding with E5 through a counter."""
    counting = CountingEmbedder(e5)
    return CaseIndex(home, Settings(), embedder=counting), counting


@pytest.fixture
def indexed(fresh_index: Indexed, cards_dir: Path) -> Indexed:
    """``fresh_index`` built from the fixture cards (not the built-in corpus)."""
    fresh_index[0].update([cards_dir], builtin=False)
    return fresh_index


@pytest.fixture
def fake_openai() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as api:
        yield api


def _is_loopback(host: Any) -> bool:
    if host is None:
        return True
    if isinstance(host, bytes):
        host = host.decode()
    host = str(host).strip("[]")
    if host in ("localhost", "localhost.localdomain", "") or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host.split("%", 1)[0]).is_loopback
    except ValueError:
        return False


class NetworkGuard:
    """Records (and refuses) every attempt to reach a host beyond loopback."""

    def __init__(self) -> None:
        self.attempts: list[str] = []

    def check(self, what: str, host: Any) -> None:
        if not _is_loopback(host):
            self.attempts.append(f"{what} {host!r}")
            raise OSError(f"test network guard: {what} to non-loopback host {host!r}")


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> NetworkGuard:
    guard = NetworkGuard()
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex
    real_create = socket.create_connection
    real_getaddrinfo = socket.getaddrinfo

    def host_of(sock: socket.socket, address: Any) -> Any:
        if sock.family == getattr(socket, "AF_UNIX", None):
            return None
        return address[0] if isinstance(address, tuple) else address

    def connect(self: socket.socket, address: Any) -> Any:
        guard.check("connect", host_of(self, address))
        return real_connect(self, address)

    def connect_ex(self: socket.socket, address: Any) -> Any:
        guard.check("connect_ex", host_of(self, address))
        return real_connect_ex(self, address)

    def create_connection(address: Any, *args: Any, **kwargs: Any) -> Any:
        guard.check("create_connection", address[0])
        return real_create(address, *args, **kwargs)

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        guard.check("getaddrinfo", host)
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "create_connection", create_connection)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return guard


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_chroma(port: int, data: Path) -> subprocess.Popen[bytes]:
    """A real ``chroma run`` on 127.0.0.1:``port`` keeping its data in ``data``; returns once
    it answers its heartbeat. Stop it with ``stop_chroma``."""
    import urllib.request

    data.mkdir(parents=True, exist_ok=True)
    log = open(data / "server.log", "ab")  # noqa: SIM115 - the child keeps it; closed with the process
    proc = subprocess.Popen(
        [str(CHROMA_BIN), "run", "--host", "127.0.0.1", "--port", str(port), "--path", str(data / "db")],
        stdout=log, stderr=subprocess.STDOUT,
        env={"ANONYMIZED_TELEMETRY": "False", "PATH": "/usr/bin:/bin"},
    )
    log.close()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=2) as r:
                if r.status == 200:
                    return proc
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            stop_chroma(proc)
            raise RuntimeError(f"chroma server did not start: {(data / 'server.log').read_text(errors='replace')}")
        time.sleep(0.2)


def stop_chroma(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real ``chroma run`` server on a free loopback port; yields its URL."""
    if not CHROMA_BIN.exists():
        pytest.skip(f"the chroma CLI is not installed at {CHROMA_BIN}")
    port = _free_port()
    proc = start_chroma(port, tmp_path_factory.mktemp("chroma-server"))
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_chroma(proc)
