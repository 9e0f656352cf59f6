"""Shared fixtures: a throwaway data home and a way to run the real CLI as a subprocess."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SAMPLE_NOTES = SHARED / "eval" / "notes" / "sample-zh.md"

CLEARED_ENV = (
    "FACILITATOR_HOME", "OPENAI_BASE_URL", "OPENAI_API_KEY", "FACILITATOR_LLM_MODEL",
    "FACILITATOR_LLM_TIMEOUT", "FACILITATOR_LLM_CONTEXT", "FACILITATOR_CHROMA_URL",
    "FACILITATOR_EMBEDDINGS", "FACILITATOR_SMTP_PASSWORD", "FACILITATOR_SPEECH_API_KEY",
)


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never pick up the developer's own endpoint, key or home."""
    for name in CLEARED_ENV:
        monkeypatch.delenv(name, raising=False)


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
    from facilitator.migrations import MIGRATIONS

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
