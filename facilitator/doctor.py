"""Use case: `facilitator doctor` — what works on this machine and what to fix, line by
line — and the error log a crash or a failed panel writes to.

It touches every part (home, database, config, LLM endpoint, embeddings) without
changing any of them; :class:`Doctor` is what the service hands out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from facilitator import locations
from facilitator.model import UserError

if TYPE_CHECKING:
    from facilitator.config import Settings
    from facilitator.store import Store


@dataclass
class Check:
    name: str
    ok: bool
    detail: str
    warning: bool = False
    """Worth a look but not broken (an optional LLM endpoint unreachable): exit code stays 0."""
    error: UserError | None = None
    """The refusal the detail is, when it is one: the CLI says it in the user's language."""



def _writable(path: Path) -> str | None:
    """Why ``path`` (a folder, or a file in one) cannot be written; None when it can."""
    from facilitator.dbfile import probe_write
    from facilitator.files import os_problem

    folder = path if path.is_dir() else path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent  # not created yet: whoever creates it writes here
    exc = probe_write(folder, path if path.is_file() else None)
    if exc is None:
        return None
    problem = os_problem(exc, path)
    return problem[1] if problem else f"{path}: cannot write ({exc.strerror or exc})"


def run_checks(home: Path, settings: Settings, store: Callable[[], Store]) -> list[Check]:
    """Each check is one line of `facilitator doctor`; failures say what to do.

    ``store`` opens the meeting store; it is called only once the database file has
    passed its own check, so a damaged file is reported rather than opened.
    """
    from facilitator.store import StoreError, check_file

    checks: list[Check] = []
    if home.exists() and not home.is_dir():
        checks.append(Check("home", False, f"{home}: is a file, not a directory; choose another home with --home"))
    else:
        unwritable = _writable(home)
        checks.append(Check("home", unwritable is None, unwritable or (
            str(home) + ("" if home.exists() else " (not created yet)") + ", writable")))
    db = locations.database_path(home)
    if settings.database:
        checks.append(team_database_check(store))
    elif not db.exists():
        checks.append(Check("database", True, f"{db} (created on first meeting)"))
    else:
        try:
            check_file(db)
            opened = store()
            count = len(opened.list_meetings())
            state = f"{db}: schema {opened.schema_version()}, {count} meetings, quick_check ok"
            unwritable = str(opened.read_only) if opened.read_only else _writable(db)
            checks.append(Check("database", unwritable is None,
                                f"{state}; readable, not writable: {unwritable}" if unwritable
                                else state + ", writable"))
        except StoreError as exc:
            checks.append(Check("database", False, str(exc)))
    index = locations.index_dir(home)
    unwritable = None if settings.chroma_url else _writable(index)
    checks.append(Check("index", unwritable is None, unwritable or (
        f"{index}" + ("" if index.exists() else " (built on first search)") + ", writable")))
    cfg = locations.config_path(home)
    checks.append(Check("config", True, f"{cfg}" + ("" if cfg.exists() else " (absent; defaults in use)")))
    s = settings
    checks.append(me_check(s))
    if s.llm_configured:
        from facilitator.drafting.probe import check_endpoint
        from facilitator.drafting.providers import resolve_endpoint

        ep = resolve_endpoint(s)
        key = {"environment": "set", "placeholder": "not set (placeholder sent)"}.get(ep.key_source, "MISSING")
        checks.append(Check("llm", True, f"{ep.base_url}, model {s.llm_model}, provider "
                            f"{ep.provider.name}, context {s.llm_context}, API key {key}"))
        checks += [Check(n, ok, d, warning=w) for n, ok, w, d in check_endpoint(s)]
    else:
        checks.append(Check("llm", True, "no endpoint configured; offline drafter in use"))
    checks.append(Check("embeddings", True, s.embeddings + (f" via {s.chroma_url}" if s.chroma_url else "")))
    if s.chroma_url:
        checks.append(_server_check(home, s))
    checks.append(delivery_check(s))
    checks.append(speech_check(s))
    checks.append(microphone_check())
    return checks


def team_database_check(store: Callable[[], Store]) -> Check:
    """A team's PostgreSQL store: the server answers, the schema is this release's (opening
    brings it forward), and this login may write (tried and rolled back)."""
    from facilitator.store import StoreError

    try:
        opened = store()
        state = f"{opened.where()}: schema {opened.schema_version()}, {len(opened.list_meetings())} meetings"
        problem = opened.can_write()
    except StoreError as exc:
        return Check("database", False, str(exc))
    return Check("database", problem is None, f"{state}; not writable: {problem}" if problem else state + ", writable")


def me_check(s: Settings) -> Check:
    """Who this home records as the writer of each capture and edit (``[me] name``)."""
    if s.me.name:
        return Check("me", True, s.me.name)
    return Check("me", True, 'not set: add [me] name = "…" to config.toml (recorded with what you capture)')


class Doctor:
    """The house's health over one home: the checks, and where errors are written down."""

    def __init__(self, home: Path, settings: Settings, store: Callable[[], Store]) -> None:
        self.home = home
        self.settings = settings
        self._open_store = store

    def checks(self) -> list[Check]:
        return run_checks(self.home, self.settings, self._open_store)

    def log_error(self, text: str) -> Path | None:
        """Append an error report to the home's ``logs/tui.log`` with any secret masked."""
        from facilitator.files import append_log
        from facilitator.redact import scrub

        text = scrub(text, self.settings.smtp_password.get_secret_value())
        try:
            return append_log(locations.log_path(self.home, "tui"), text, self.settings.llm_api_key.get_secret_value())
        except OSError:
            return None


def smtp_unreachable(host: str, port: int, timeout: float = 3.0) -> str | None:
    """Why nothing answers at the mail server's address, or None when a connection opens.
    Only a TCP connection, closed at once: no mail is sent and no login tried."""
    import socket

    try:
        with socket.create_connection((host, port), timeout=timeout):
            return None
    except OSError as exc:
        return exc.strerror or type(exc).__name__


def speech_check(s: Settings) -> Check:
    """The ``[speech]`` engine in use and whether it loads (an endpoint: whether it answers)."""
    from facilitator.speech.engines import engine_for

    try:
        engine = engine_for(s.speech)
        engine.load()
    except UserError as exc:
        return Check("speech", False, str(exc), error=exc)
    if s.speech.kind != "endpoint":
        return Check("speech", True, f"{engine.name}: loads")
    from facilitator.speech.endpoint import probe

    problem = probe(engine)
    return Check("speech", True, f"{engine.name}, key {'set' if s.speech.api_key.get_secret_value() else 'not set'}: "
                 + (problem or "answers"), warning=problem is not None)


def microphone_check() -> Check:
    """Whether live listening can record here: PortAudio present and an input device found."""
    from facilitator.speech.microphone import READY, microphone_problem

    problem = microphone_problem()
    return Check("microphone", True, problem or READY, warning=problem is not None)


def delivery_check(s: Settings) -> Check:
    """Where follow-ups would go: the settings, and whether the mail server answers at its
    address (connected to, nothing sent); robots are not contacted."""
    from facilitator.config import SMTP_PASSWORD_ENV

    parts, warning = [], False
    if s.smtp.configured:
        mail = f"mail via {s.smtp.host}:{s.smtp.port} from {s.smtp.sender}"
        why = smtp_unreachable(s.smtp.host, s.smtp.port, min(s.smtp.timeout, 3.0))
        if why is not None:
            warning = True
            mail += f" (NOT REACHABLE: {why})"
        if s.smtp.user:
            password = bool(s.smtp_password.get_secret_value())
            warning = not password
            mail += f", login {s.smtp.user}, password {'set' if password else f'NOT SET ({SMTP_PASSWORD_ENV})'}"
        parts.append(mail)
    else:
        parts.append("no mail ([smtp] host and from)")
    from facilitator import channels

    robots = [c.name + (" (signed)" if c.secret(s) else "") for c in channels.configured_groups(s)]
    parts.append("robots: " + (", ".join(robots) if robots else "none"))
    emails = sum(1 for p in s.people.values() if p.email)
    parts.append(f"{len(s.people)} people, {emails} with email")
    return Check("delivery", True, "; ".join(parts), warning=warning)


def _server_check(home: Path, settings: Settings) -> Check:
    """What the shared Chroma server holds, by source (this home, teammates, the bundled corpus)."""
    from facilitator.library.index import CaseIndex

    index = CaseIndex(home, settings)
    try:
        sources = index.server_sources()
    except UserError as exc:
        return Check("chroma server", False, str(exc), error=exc)
    if not sources:
        return Check("chroma server", True, f"{settings.chroma_url}: no cases stored yet")
    parts = []
    for src in sources:
        who = "bundled corpus" if src["source"] == "builtin" else (src["label"] or src["source"])
        mine = " (this home)" if src["source"] == index.source else ""
        parts.append(f"{who}{mine}: {src['cases']} cases, {src['chunks']} chunks")
    return Check("chroma server", True, f"{settings.chroma_url}: " + "; ".join(parts))

