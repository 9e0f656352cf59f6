"""Fixtures for the LLM drafting tests: a scripted local server, fast settings, notes files.

Nothing here patches the openai client: it talks HTTP to ``tests/openai_server.py`` on a
loopback port. Client retries and timeouts are kept small so the suite stays fast.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from facilitator.config import Settings
from facilitator.service import Service
from tests.openai_server import FakeOpenAI, Reply

NOTES_ZH = """协调会：钢管生锈导致交付风险  2026-11-23（周一）
参会：销售 张伟；生产部 黄主任；设备部 吴工；质量部 郑工

障碍：清洗后的钢管在潮湿天气里很快生锈

清洗工艺改进 => 生产部 （依据：工艺管理规定）
软化水设备维护 => 设备部
返工费用由谁承担 => ?

决定：先用厂里的软化水设备做对比测试
问题：软化水产能够不够整条线用？

@吴工：检查软化水设备并估算产能 截止 11月25日
@张伟：向客户通报整改计划
黄主任说仓库的防潮膜周五前能到，郑工负责到货检验。
"""

NOTES_EN = """Budget for the video rooms  2026-11-27
Participants: Li Na (Sales), Tom Baker (IT), Sara Cole (Finance)

Obstacle: IT has no budget line for the customer's rooms
Room hardware => IT (basis: IT procurement policy)
Who pays for installation => ?
Decision: ask the CFO for a one-off approval
@Tom Baker: send the hardware quote by Friday
Sara said finance can pre-approve if the quote arrives before December 5.
"""

# The model's answer for NOTES_ZH: the record as recorded plus what the free note says.
GOOD_ZH: dict[str, Any] = {
    "responsibilities": [
        {"item": "清洗工艺改进", "owner": "生产部", "basis": "工艺管理规定", "status": "agreed"},
        {"item": "软化水设备维护", "owner": "设备部", "basis": None, "status": "agreed"},
        {"item": "返工费用由谁承担", "owner": None, "basis": None, "status": "disputed"},
        {"item": "防潮膜到货检验", "owner": "郑工", "basis": None, "status": "agreed"},
    ],
    "actions": [
        {"action": "检查软化水设备并估算产能", "owner": "吴工", "due": "2026-11-25", "status": "open"},
        {"action": "向客户通报整改计划", "owner": "张伟", "due": None, "status": "open"},
        {"action": "确认防潮膜到货", "owner": "黄主任", "due": "2026-11-27", "status": "open"},
    ],
    "decisions": ["先用厂里的软化水设备做对比测试"],
    "obstacles": ["清洗后的钢管在潮湿天气里很快生锈"],
    "open_questions": ["软化水产能够不够整条线用？", "向客户通报的日期未定"],
    "cited_cases": [],
}

DRAFT_JSON_KEYS = {"mode", "responsibilities", "actions", "decisions", "obstacles", "open_questions",
                   "gaps", "cited_cases", "markdown"}


def good_answer(**changes: Any) -> Reply:
    data = json.loads(json.dumps(GOOD_ZH))
    data.update(changes)
    return Reply.json_content(data)


@pytest.fixture
def server() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as srv:
        yield srv


def fast_settings(base_url: str, **kw: Any) -> Settings:
    values: dict[str, Any] = {"llm_base_url": base_url, "llm_model": "test-model", "llm_timeout": 3.0,
                              "llm_retries": 0, "llm_context": 8192}
    values.update(kw)
    return Settings(**values)


@pytest.fixture
def notes_zh(tmp_path: Path) -> Path:
    path = tmp_path / "notes-zh.md"
    path.write_text(NOTES_ZH, encoding="utf-8")
    return path


@pytest.fixture
def notes_en(tmp_path: Path) -> Path:
    path = tmp_path / "notes-en.md"
    path.write_text(NOTES_EN, encoding="utf-8")
    return path


@pytest.fixture
def service_for(home: Path) -> Iterator[Any]:
    made: list[Service] = []

    def make(srv: FakeOpenAI | str, **kw: Any) -> Service:
        url = srv if isinstance(srv, str) else srv.base_url
        svc = Service(home, fast_settings(url, **kw))
        made.append(svc)
        return svc

    yield make
    for svc in made:
        svc.close()


def free_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Records (and refuses) every outgoing connection attempt in this process."""
    attempts: list[Any] = []
    real_connect = socket.socket.connect

    def connect(self: socket.socket, address: Any) -> Any:
        attempts.append(address)
        raise OSError("network blocked by the test")

    def connect_ex(self: socket.socket, address: Any) -> int:
        attempts.append(address)
        return 111  # ECONNREFUSED

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    assert real_connect is not None
    return attempts
