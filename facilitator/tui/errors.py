"""One place where failures become notifications, so the meeting never stops for a bug.

A facilitator in front of five department heads cannot afford a traceback: any
exception raised by a message handler, an action or a worker is turned into one
calm notification (user errors as warnings, anything else as an error with the
details written to the home's log), and the app keeps running. Handlers opt in with
``@guarded``; workers are started with ``exit_on_error=False`` and their failures
reach ``report_worker_error`` through the ``WorkerErrors`` mixin.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, TypeVar, cast

from textual.worker import Worker, WorkerState

from facilitator.messages import error_text as refusal_text

if TYPE_CHECKING:
    from textual.app import App
    from textual.message_pump import MessagePump

F = TypeVar("F", bound=Callable[..., object])


class InApp(Protocol):
    """A node of the running app (a widget, a screen, the app itself, or a mixin of one)."""

    @property
    def app(self) -> App[object]: ...


class Reporter(Protocol):
    def report_error(self, exc: BaseException, context: str = "") -> None: ...


def said(exc: BaseException, lang: str) -> str:
    """What a failure says to the user: a refusal (``UserError``) in ``lang`` from the table the
    command line reads too (``messages``); anything else as raised, else its type's name."""
    return refusal_text(exc, lang) or type(exc).__name__


def report(node: InApp, exc: BaseException, context: str = "") -> None:
    """Hand ``exc`` to the app's reporter (``FacilitatorApp.report_error``)."""
    app = node.app
    reporter = getattr(app, "report_error", None)
    if reporter is None:  # not our app (should not happen): at least say something
        app.notify(f"{type(exc).__name__}: {exc}", severity="error", markup=False)
        return
    cast(Reporter, app).report_error(exc, context)


def guarded(fn: F) -> F:
    """Catch any exception from a handler or action and report it instead of crashing."""
    if inspect.iscoroutinefunction(fn):

        @functools.wraps(fn)
        async def run_async(self: MessagePump, *args: object, **kwargs: object) -> object:
            try:
                return await fn(self, *args, **kwargs)
            except Exception as exc:  # noqa: BLE001 - every failure becomes a notification
                report(self, exc, fn.__name__)
                return None

        return cast(F, run_async)

    @functools.wraps(fn)
    def run(self: MessagePump, *args: object, **kwargs: object) -> object:
        try:
            return fn(self, *args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - every failure becomes a notification
            report(self, exc, fn.__name__)
            return None

    return cast(F, run)


class WorkerErrors:
    """Mixin for screens and widgets that start workers: a failed worker is reported.

    ``Worker.StateChanged`` does not bubble, so each node owning workers needs a
    handler; this is the one handler they all share.
    """

    def on_worker_state_changed(self: InApp, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            report(self, event.worker.error, event.worker.name or "worker")
