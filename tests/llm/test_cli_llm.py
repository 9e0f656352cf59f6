"""``draft --llm`` and ``doctor`` through the real CLI, as subprocesses, against the local server."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.conftest import RunCli, cli_env
from tests.llm.conftest import DRAFT_JSON_KEYS, good_answer
from tests.openai_server import FakeOpenAI, Reply

KEY = "sk-SECRET-5f3c9a0d1e2b4c6d"


@pytest.fixture(autouse=True)
def _fast_client(home: Path) -> None:
    (home / "config.toml").write_text("[llm]\nretries = 0\ntimeout = 5\n", encoding="utf-8")


def env_for(server: FakeOpenAI, key: str = "sk-placeholder") -> dict[str, str]:
    return cli_env(OPENAI_BASE_URL=server.base_url, OPENAI_API_KEY=key, FACILITATOR_LLM_MODEL="test-model")


def test_draft_llm_streams_to_stderr_and_prints_markdown(server: FakeOpenAI, run_cli: RunCli,
                                                         notes_zh: Path) -> None:
    server.add(good_answer())
    proc = run_cli("draft", "--from", str(notes_zh), "--llm", env=env_for(server))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("# 协调会：钢管生锈导致交付风险") and "草稿（由模型生成" in proc.stdout
    assert "防潮膜到货检验" in proc.stdout
    assert '"防潮膜到货检验"' in proc.stderr  # the model's raw answer, streamed as it came
    assert "warning" not in proc.stderr and "info:" not in proc.stderr


def test_draft_llm_json_shape(server: FakeOpenAI, run_cli: RunCli, notes_zh: Path) -> None:
    server.add(good_answer())
    proc = run_cli("draft", "--from", str(notes_zh), "--llm", "--json", env=env_for(server))
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert set(out) >= DRAFT_JSON_KEYS and out["mode"] == "llm"
    assert all(set(r) >= {"item", "owner", "basis", "status"} for r in out["responsibilities"])
    assert all(set(a) >= {"action", "owner", "due", "status"} for a in out["actions"])
    assert all(isinstance(g, str) for g in out["gaps"]) and out["cited_cases"] == []
    assert proc.stderr == ""  # --json: nothing streamed


def test_verbose_prints_token_counts(server: FakeOpenAI, run_cli: RunCli, notes_zh: Path) -> None:
    server.add(good_answer())
    proc = run_cli("draft", "--from", str(notes_zh), "--llm", "--json", "--verbose", env=env_for(server))
    assert proc.returncode == 0, proc.stderr
    lines = proc.stderr.splitlines()
    counts = [line for line in lines if line.startswith("info: prompt tokens: system ")]
    assert len(counts) == 1 and "record" in counts[0] and "of" in counts[0] and "context 8192" in counts[0]
    assert "info: structured output: json_schema" in lines
    assert any(line.startswith("info: usage: prompt 100") for line in lines)


def test_failure_prints_one_warning_and_the_offline_draft(server: FakeOpenAI, run_cli: RunCli,
                                                          notes_zh: Path) -> None:
    server.add(Reply(status=500, error="upstream exploded"))
    proc = run_cli("draft", "--from", str(notes_zh), "--llm", "--json", env=env_for(server))
    assert proc.returncode == 0, proc.stderr
    warnings = [line for line in proc.stderr.splitlines() if line.startswith("warning: ")]
    assert len(warnings) == 1 and "server error (500) after 0 retries: upstream exploded" in warnings[0]
    assert proc.stderr.strip() == warnings[0]
    out = json.loads(proc.stdout)
    assert out["mode"] == "offline" and [a["owner"] for a in out["actions"] if a["source"] == "typed"] == ["吴工", "张伟"]


def test_meeting_draft_through_the_cli(server: FakeOpenAI, run_cli: RunCli, notes_zh: Path) -> None:
    mid = json.loads(run_cli("import", str(notes_zh), "--new", "钢管生锈", "--json").stdout)["meeting_id"]
    server.add(good_answer())
    proc = run_cli("draft", str(mid), "--llm", "--json", env=env_for(server))
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["mode"] == "llm"
    record = server.chats[0].body["messages"][1]["content"]
    assert "检查软化水设备并估算产能" in record and "2026-11-25" in record


def test_the_key_never_appears_anywhere(server: FakeOpenAI, run_cli: RunCli, notes_zh: Path, home: Path) -> None:
    env = env_for(server, KEY)
    server.add(Reply(status=401, error=f"Incorrect API key provided: {KEY}"))
    first = run_cli("draft", "--from", str(notes_zh), "--llm", env=env)
    server.add(Reply(content=f"My key is {KEY} and no JSON", chunk_chars=5),
               Reply(content=f"still {KEY[:9]}{KEY[9:]}", chunk_chars=3))
    second = run_cli("draft", "--from", str(notes_zh), "--llm", "--verbose", env=env)
    doctor = run_cli("doctor", env=env)
    assert [p.returncode for p in (first, second, doctor)] == [0, 0, 0], second.stderr
    assert "refused the API key (401)" in first.stderr and "***" in first.stderr
    assert "My key is ***" in second.stderr  # streamed, masked even across chunks
    written = [p.read_text(encoding="utf-8") for p in home.rglob("*") if p.is_file() and p.suffix in (".txt", ".log")]
    assert written and any("My key is ***" in text for text in written)
    for text in [first.stdout, first.stderr, second.stdout, second.stderr, doctor.stdout, doctor.stderr, *written]:
        assert KEY not in text
    assert all(r.headers["authorization"] == f"Bearer {KEY}" for r in server.chats)


def test_doctor_reports_models_and_structured_output(server: FakeOpenAI, run_cli: RunCli) -> None:
    server.models = ["test-model", "other-model"]
    proc = run_cli("doctor", env=env_for(server))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = {line.split()[1]: line for line in proc.stdout.splitlines()}
    assert lines["llm"].startswith("ok ") and "provider generic" in lines["llm"]
    assert "2 models: other-model, test-model; model test-model listed" in lines["llm-endpoint"]
    assert lines["llm-output"].startswith("ok ") and "json_schema supported" in lines["llm-output"]
    assert [r.path for r in server.requests] == ["/v1/models", "/v1/chat/completions"]
    assert server.chats[0].body["max_tokens"] == 16 and server.chats[0].body.get("stream") is not True


def test_doctor_without_json_schema(server: FakeOpenAI, run_cli: RunCli) -> None:
    server.json_schema = False
    proc = run_cli("doctor", env=env_for(server))
    out = [line for line in proc.stdout.splitlines() if " llm-output " in line][0]
    assert "json_schema refused (400); json_object supported" in out


def test_doctor_warns_but_passes_when_the_endpoint_is_down(run_cli: RunCli) -> None:
    from tests.llm.conftest import free_port

    url = f"http://127.0.0.1:{free_port()}/v1"
    proc = run_cli("doctor", env=cli_env(OPENAI_BASE_URL=url))
    assert proc.returncode == 0
    line = [line for line in proc.stdout.splitlines() if " llm-endpoint " in line][0]
    assert line.startswith("!! ") and f"cannot connect to {url}" in line


BLOCKER = """
import os, socket
_MARK = os.environ["NET_MARK"]
def _blocked(self, address, *a):
    with open(_MARK, "a") as fh:
        fh.write(repr(address) + "\\n")
    raise OSError("network blocked")
socket.socket.connect = _blocked
socket.socket.connect_ex = _blocked
"""


def test_no_endpoint_means_no_network_call(run_cli: RunCli, notes_zh: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(BLOCKER, encoding="utf-8")
    mark = tmp_path / "net.txt"
    env = cli_env(PYTHONPATH=str(site), NET_MARK=str(mark))
    probe = run_cli("draft", "--from", str(notes_zh), "--llm", env=env)
    assert probe.returncode == 2 and probe.stderr.count("\n") == 1
    assert "no LLM endpoint configured" in probe.stderr
    assert run_cli("draft", "--from", str(notes_zh), env=env).returncode == 0
    assert run_cli("doctor", env=env).returncode == 0
    assert not mark.exists(), mark.read_text()
    # the guard itself works: a configured endpoint is reached for (and blocked)
    run_cli("doctor", env=cli_env(PYTHONPATH=str(site), NET_MARK=str(mark), OPENAI_BASE_URL="http://127.0.0.1:9/v1"))
    assert mark.exists()


def test_help_mentions_verbose(run_cli: RunCli) -> None:
    proc = run_cli("draft", "--help")
    assert "--verbose" in proc.stdout and sys.executable
