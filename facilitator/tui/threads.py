"""Blocking work that must never hold up the app's exit.

Textual's thread workers run in the event loop's default executor, which
``asyncio.run`` joins on the way out: a first case search that is building the vector
index would keep a user who pressed Ctrl+Q waiting for a minute. Work like that runs
in a daemon thread instead, awaited from an ordinary (cancellable, exclusive) worker.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import threading
from collections.abc import Callable
from typing import TypeVar, TypeVarTuple

SEARCH_LOCK = threading.Lock()
"""One case search at a time (the panel, the coach): the searcher builds its index
lazily and is not re-entrant."""
SEARCH_THREAD = "facilitator-case-search"
"""Name of the daemon threads running case searches (seen in stack dumps)."""

T = TypeVar("T")
Ts = TypeVarTuple("Ts")


def in_daemon_thread(fn: Callable[[*Ts], T], *args: *Ts) -> asyncio.Future[T]:
    """Run ``fn`` in a new daemon thread; the future resolves on this event loop.

    Cancelling the future abandons the result (the thread runs to its end). Daemon
    threads never hold up the app's exit, unlike the loop's default executor,
    which ``asyncio.run`` joins on the way out.
    """
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()

    def settle(outcome: tuple[T] | BaseException) -> None:
        if future.done():
            return
        if isinstance(outcome, BaseException):
            future.set_exception(outcome)
        else:
            future.set_result(outcome[0])

    def run() -> None:
        outcome: tuple[T] | BaseException  # the result boxed, as it may itself be None
        try:
            outcome = (fn(*args),)
        except BaseException as exc:  # noqa: BLE001 - handed to the awaiting coroutine
            outcome = exc
        with contextlib.suppress(RuntimeError):  # the loop is gone: the app has exited
            loop.call_soon_threadsafe(settle, outcome)

    threading.Thread(target=run, name=SEARCH_THREAD, daemon=True).start()
    return future


def start_daemon(fn: Callable[[], object], name: str) -> threading.Thread:
    """Run ``fn`` in a new daemon thread that sees this thread's context (the running app,
    for ``post_message``); it never holds up the app's exit."""
    thread = threading.Thread(target=contextvars.copy_context().run, args=(fn,), name=name, daemon=True)
    thread.start()
    return thread
