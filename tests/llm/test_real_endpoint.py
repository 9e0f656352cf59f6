"""Against a real OpenAI-compatible endpoint; skipped unless FACILITATOR_TEST_BASE_URL is set.

    FACILITATOR_TEST_BASE_URL=http://127.0.0.1:8080/v1 FACILITATOR_TEST_MODEL=gemma \\
        .venv/bin/python -m pytest tests/llm/test_real_endpoint.py

Optional: FACILITATOR_TEST_API_KEY, FACILITATOR_TEST_CONTEXT (tokens, default 4096),
FACILITATOR_TEST_PROVIDER (a profile name), FACILITATOR_TEST_TIMEOUT (seconds, default 300).
``make test-llm-real`` starts a llama.cpp server with a tiny model and runs this file.
A small model may write poor summaries; these tests check the path, not the prose.
"""

from __future__ import annotations

import asyncio
import json
import os
from pathlib import Path

import pytest

from facilitator.config import SecretStr, Settings
from facilitator.model import Draft
from facilitator.service import Service
from tests.conftest import RunCli, cli_env

BASE_URL = os.environ.get("FACILITATOR_TEST_BASE_URL", "")
pytestmark = pytest.mark.skipif(not BASE_URL, reason="FACILITATOR_TEST_BASE_URL not set")
MODEL = os.environ.get("FACILITATOR_TEST_MODEL", "gpt-4o-mini")
KEY = os.environ.get("FACILITATOR_TEST_API_KEY", "")
CONTEXT = int(os.environ.get("FACILITATOR_TEST_CONTEXT", "4096"))
TIMEOUT = float(os.environ.get("FACILITATOR_TEST_TIMEOUT", "300"))


def real_settings() -> Settings:
    return Settings(llm_base_url=BASE_URL, llm_api_key=SecretStr(KEY), llm_model=MODEL, llm_context=CONTEXT,
                    llm_timeout=TIMEOUT, llm_retries=1, llm_output_tokens=min(1024, CONTEXT // 3),
                    llm_provider=os.environ.get("FACILITATOR_TEST_PROVIDER", ""))


def check(draft: Draft) -> None:
    """A real model either drafts (valid shape) or fails cleanly into the offline draft."""
    out = json.loads(json.dumps(draft.to_json(), ensure_ascii=False))
    assert {"mode", "responsibilities", "actions", "decisions", "obstacles", "open_questions", "gaps",
            "cited_cases", "markdown"} <= set(out)
    if draft.mode == "offline":
        failures = [w for w in draft.warnings if w.startswith("LLM draft failed:")]
        assert len(failures) == 1 and "\n" not in failures[0]
    assert all(a["status"] in ("open", "done", "dropped") for a in out["actions"])
    assert "](http" not in draft.markdown and "<img" not in draft.markdown
    print(f"\nmode={draft.mode} warnings={draft.warnings}\n{draft.markdown}")


def test_doctor_sees_the_endpoint(home: Path) -> None:
    checks = {c.name: c for c in Service(home, real_settings()).doctor.checks()}
    assert checks["llm-endpoint"].ok and "reachable" in checks["llm-endpoint"].detail
    print(checks["llm-endpoint"].detail, "|", checks["llm-output"].detail)


def test_stream_a_draft(home: Path, notes_zh: Path) -> None:
    svc = Service(home, real_settings())
    info: list[str] = []

    async def collect() -> list[object]:
        return [item async for item in svc.drafts.draft_stream(from_file=notes_zh, on_info=info.append)]

    items = asyncio.run(collect())
    final = items[-1]
    assert isinstance(final, Draft)
    check(final)
    print("\n".join(info))
    if final.mode == "llm":
        assert any(isinstance(i, str) for i in items)
        assert "清洗工艺改进" in final.markdown  # the record is kept whatever the model wrote


def test_cli_draft_json(run_cli: RunCli, notes_en: Path, home: Path) -> None:
    (home / "config.toml").write_text(f"[llm]\nretries = 1\noutput_tokens = {min(1024, CONTEXT // 3)}\n"
                                      f"provider = \"{os.environ.get('FACILITATOR_TEST_PROVIDER', '')}\"\n",
                                      encoding="utf-8")
    env = cli_env(OPENAI_BASE_URL=BASE_URL, FACILITATOR_LLM_MODEL=MODEL, FACILITATOR_LLM_CONTEXT=str(CONTEXT),
                  FACILITATOR_LLM_TIMEOUT=str(TIMEOUT), **({"OPENAI_API_KEY": KEY} if KEY else {}))
    proc = run_cli("draft", "--from", str(notes_en), "--llm", "--json", "--verbose", env=env)
    assert proc.returncode == 0, proc.stderr
    print(proc.stderr)
    out = json.loads(proc.stdout)
    assert out["mode"] in ("llm", "offline")
    assert "Room hardware" in out["markdown"]
    if KEY:
        assert KEY not in proc.stdout + proc.stderr
