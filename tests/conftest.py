"""Shared fixtures: a throwaway data home and a way to run the real CLI as a subprocess."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.pgserver import Server

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SAMPLE_NOTES = SHARED / "eval" / "notes" / "sample-zh.md"

CLEARED_ENV = (
    "FACILITATOR_HOME", "OPENAI_BASE_URL", "OPENAI_API_KEY", "FACILITATOR_LLM_MODEL",
    "FACILITATOR_LLM_TIMEOUT", "FACILITATOR_LLM_CONTEXT", "FACILITATOR_CHROMA_URL",
    "FACILITATOR_EMBEDDINGS", "FACILITATOR_SMTP_PASSWORD", "FACILITATOR_SPEECH_API_KEY",
    "FACILITATOR_DATABASE_URL",
)


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never pick up the developer's own endpoint, key or home."""
    for name in CLEARED_ENV:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def pg_database() -> Iterator[str]:
    """A PostgreSQL database of this test session's own (see ``tests/pgserver.py``)."""
    from tests.pgserver import SKIP_LINE, find_server, session_database, stop_cluster

    server, why = find_server()
    if server is None:
        pytest.skip(f"{SKIP_LINE}: {why}")
    try:
        with session_database(server) as url:
            yield url
    finally:
        stop_cluster(server)


@pytest.fixture
def pg_url(pg_database: str) -> Iterator[str]:
    """An empty schema for one test: the URL a team's ``database`` setting would hold."""
    from tests.pgserver import fresh_schema

    with fresh_schema(pg_database) as url:
        yield url


@pytest.fixture
def own_cluster() -> Iterator[Server]:
    """A PostgreSQL cluster of this test's own, to stop and start (never the machine's server)."""
    from tests.pgserver import SKIP_LINE, start_cluster, stop_cluster

    server, why = start_cluster()
    if server is None:
        pytest.skip(f"{SKIP_LINE}: {why}")
    try:
        yield server
    finally:
        stop_cluster(server)


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    """Which store a test runs on: the home's SQLite file, or an empty PostgreSQL schema
    (its ``database`` URL). Tests that take it run once on each."""
    if request.param == "sqlite":
        return ""
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def home(tmp_path: Path) -> Path:
    h = tmp_path / "home"
    h.mkdir()
    return h


def cli_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in CLEARED_ENV}
    env["PYTHONIOENCODING"] = "utf-8"
    env.update(extra)
    return env


RunCli = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def run_cli(home: Path) -> RunCli:
    def run(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None,
            stdin: str | None = None, use_home: bool = True) -> subprocess.CompletedProcess[str]:
        cmd = [sys.executable, "-m", "facilitator"]
        if use_home:
            cmd += ["--home", str(home)]
        return subprocess.run(
            cmd + list(args), capture_output=True, text=True, encoding="utf-8",
            env=env or cli_env(), cwd=cwd or REPO, input=stdin, timeout=300,
        )

    return run


def database_at(path: Path, version: int) -> sqlite3.Connection:
    """A meeting database brought to schema ``version`` by the app's own migrations, as an
    older release left it (for tests of the migrations after it); foreign keys on."""
    from facilitator.store.migrations import MIGRATIONS

    db = sqlite3.connect(path)
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
               " applied_at TEXT NOT NULL)")
    for number, name, sql in MIGRATIONS:
        if number > version:
            break
        for statement in sql.split(";"):
            if statement.strip():
                db.execute(statement)
        db.execute("INSERT INTO schema_migrations VALUES (?, ?, '2026-11-01T09:00:00+08:00')", (number, name))
    return db


_PG_SKIPPED: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    from tests.pgserver import SKIP_LINE

    if report.skipped and SKIP_LINE in str(report.longrepr):
        _PG_SKIPPED.append(report.nodeid)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """On CI (``.ci/run`` sets CI=true) a skipped PostgreSQL test is a failure: the team
    store must have been tried on a real server."""
    if os.environ.get("CI") == "true" and _PG_SKIPPED:
        sys.stderr.write(f"\n{len(_PG_SKIPPED)} PostgreSQL tests skipped on CI (first: {_PG_SKIPPED[0]})\n")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
