"""A team's server that stops answering mid-meeting (issue 28 point 4): the network drops
packets instead of refusing them, so every wait on the server lasts until a timeout.

The server sits behind a TCP proxy this test runs; pausing it makes the server silent:
bytes already on their way are held and new connections are accepted but never answered
(``cut`` also drops the connections open at that moment, as a network that changed
under the laptop would). While it is paused 20 lines are typed at full speed: every one
leaves the input at once and waits in the home's journal, in order, the screen says how
many wait, and the typing makes no connection attempt of its own. Once the proxy
answers again every line is on the server exactly once, in the order typed.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from textual.widgets import Input, Static

from facilitator.config import Me, Settings
from facilitator.service import Service
from tests.tui.conftest import MEETING_DAY, FrozenClock, open_meeting, type_line

pytestmark = pytest.mark.anyio


class SilentProxy:
    """Forwards 127.0.0.1:<port> to the server; ``pause`` makes it accept and never answer."""

    def __init__(self, host: str, port: int) -> None:
        self.upstream = (host, port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self.listener.getsockname()[1])
        self.answering = threading.Event()
        self.answering.set()
        self.attempts_while_paused = 0
        self._lock = threading.Lock()
        self._open: list[socket.socket] = []
        self._held: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            with self._lock:
                if not self.answering.is_set():
                    self.attempts_while_paused += 1
                    self._held.append(client)  # accepted, never answered (until resumed)
                    continue
            self._join(client)

    def _join(self, client: socket.socket) -> None:
        try:
            server = socket.create_connection(self.upstream)
        except OSError:
            client.close()
            return
        with self._lock:
            self._open += [client, server]
        for a, b in ((client, server), (server, client)):
            threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    def _pipe(self, src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                self.answering.wait()  # paused: the bytes wait here, as on a silent network
                dst.sendall(data)
        except OSError:
            pass
        for s in (src, dst):
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)

    def pause(self, cut: bool) -> None:
        with self._lock:
            self.answering.clear()
            if cut:
                for s in self._open:
                    with contextlib.suppress(OSError):
                        s.shutdown(socket.SHUT_RDWR)
                self._open = []

    def resume(self) -> None:
        with self._lock:
            held, self._held = self._held, []
            self.answering.set()
        for client in held:  # a client that gave up meanwhile is closed: its pipe just ends
            self._join(client)

    def refuse(self) -> None:
        """The server gone for good: open connections dropped, new ones refused."""
        self.listener.close()
        self.pause(cut=True)

    def close(self) -> None:
        self.answering.set()
        self.listener.close()
        with self._lock:
            for s in [*self._open, *self._held]:
                s.close()


def through(url: str, port: int) -> str:
    parts = urlsplit(url)
    user = parts.netloc.rsplit("@", 1)[0] + "@" if "@" in parts.netloc else ""
    return urlunsplit(parts._replace(netloc=f"{user}127.0.0.1:{port}"))


def notes_on_server(url: str, meeting_id: int) -> list[str]:
    with psycopg.connect(url, connect_timeout=5) as conn:
        rows = conn.execute("SELECT text FROM notes WHERE meeting_id = %s ORDER BY id", (meeting_id,)).fetchall()
    return [str(r[0]) for r in rows]


@pytest.mark.parametrize("cut", [False, True], ids=["silent", "cut-then-silent"])
async def test_typing_never_waits_on_a_server_that_does_not_answer(pg_url: str, tmp_path: Path, cut: bool) -> None:
    from facilitator.tui.app import FacilitatorApp

    parts = urlsplit(pg_url)
    proxy = SilentProxy(parts.hostname or "127.0.0.1", parts.port or 5432)
    service = Service(tmp_path / "home", Settings(database=through(pg_url, proxy.port), me=Me(name="王强")))
    try:
        mid = service.record.new_meeting("断网不等人", on=MEETING_DAY).id
        assert mid is not None
        typed = [f"第{i:02d}条：网络不通时记下的" for i in range(20)]
        app = FacilitatorApp(service, mid, clock=FrozenClock(), today=lambda: MEETING_DAY, live_search=False)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await open_meeting(pilot)
            await type_line(pilot, "断网前记下的")
            assert notes_on_server(pg_url, mid) == ["断网前记下的"]

            proxy.pause(cut)
            box = screen.query_one("#capture", Input)
            for line in typed:  # at full speed: no pause for an acknowledgement between lines
                box.insert_text_at_cursor(line)
                await pilot.press("enter")
            await pilot.pause()

            # the proxy still answers nothing, and yet every line has left the input, in order
            assert not proxy.answering.is_set()
            assert box.value == "" and box.pending == []
            waiting = [line for batch in service.record.journal.waiting() for line in batch.lines]
            assert waiting == typed
            ack = str(screen.query_one("#ack", Static).render())
            assert "20 条记录在本机等待" in ack, ack
            assert proxy.attempts_while_paused < len(typed) // 2, "the typing tried the server line by line"
            assert notes_on_server(pg_url, mid) == ["断网前记下的"]

            proxy.resume()
            for _ in range(1500):  # the write in flight goes on, or the retry finds the server
                if not screen.writes_pending:
                    break
                await pilot.pause(0.05)
            assert not screen.writes_pending
            assert service.record.lines_waiting() == 0
        assert notes_on_server(pg_url, mid) == ["断网前记下的", *typed]  # each once, in the order typed
    finally:
        service.close()
        proxy.close()


async def test_reopening_or_moving_on_while_the_server_is_gone_says_offline_in_the_users_words(
        pg_url: str, tmp_path: Path) -> None:
    from facilitator.tui.app import FacilitatorApp
    from facilitator.tui.screens.meeting import MeetingScreen
    from facilitator.tui.strings import tr

    parts = urlsplit(pg_url)
    proxy = SilentProxy(parts.hostname or "127.0.0.1", parts.port or 5432)
    service = Service(tmp_path / "home", Settings(database=through(pg_url, proxy.port), me=Me(name="王强")))
    try:
        mid = service.record.new_meeting("断网时重开会议", on=MEETING_DAY).id
        assert mid is not None
        service.record.update_meeting(mid, status="closed", closed_at="2026-11-20T10:00:00+08:00")
        app = FacilitatorApp(service, mid, clock=FrozenClock(), today=lambda: MEETING_DAY, live_search=False)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await open_meeting(pilot)
            assert screen.closed
            proxy.refuse()
            screen.action_reopen_meeting()  # re-reads the meeting after the write: the server is gone
            await pilot.press("f3")  # a stage move commits and re-reads too
            await pilot.pause()
            said = [n.message for n in app._notifications]
            assert said.count(tr("zh", "server_offline")) >= 1, said
            assert not any("postgresql" in m or "Error" in m for m in said), said
            assert isinstance(app.screen, MeetingScreen) and app.is_running
    finally:
        service.close()
        proxy.close()
