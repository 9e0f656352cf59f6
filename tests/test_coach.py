"""The coach: stage questions and levers citing cases, offline and from a model.

A real index of the fixture cards, a real SQLite home, and for the model the local
OpenAI-compatible server over real HTTP (the client is never patched).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from facilitator.config import SecretStr, Settings
from facilitator.service import Service
from tests.conftest import RunCli, cli_env
from tests.library.conftest import FIXTURE_CARDS
from tests.openai_server import FakeOpenAI, Reply

KEY = "sk-COACH-9d8e7f6a5b4c"
LINES = [
    ("convene", "销售 张伟、质量部 郑工、技术部 李工到场，投标截止还剩三周"),
    ("stuck", "招标文件要求有资质实验室出具的型式试验报告，我们只有厂内试验记录"),
    ("boundaries", "型式试验送检 => 质量部 (依据: 质量手册)"),
    ("obstacle", "障碍：质量部今年没有这笔钱，送检一次要十二万"),
]


@pytest.fixture(scope="module")
def library_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("coach-home")
    cards = tmp_path_factory.mktemp("coach-cards") / "cards"
    shutil.copytree(FIXTURE_CARDS, cards)
    svc = Service(home)
    svc.cases.index([cards], builtin=False)
    m = svc.record.new_meeting("海外电网投标缺第三方型式试验报告", on=date(2026, 11, 23))
    assert m.id == 1
    for stage, line in LINES:
        svc.record.capture(1, line, stage)
    svc.record.update_meeting(1, stage="obstacle")
    svc.close()
    return home


@pytest.fixture
def service(library_home: Path) -> Iterator[Service]:
    svc = Service(library_home)
    yield svc
    svc.close()


def test_offline_coach_cites_the_matched_cases_and_writes_nothing(service: Service) -> None:
    before = service.drafts.export(1, "json")
    coaching = service.cases.coach(1)
    assert coaching.stage == "obstacle" and coaching.mode == "offline"
    assert coaching.obstacles == [("质量部今年没有这笔钱，送检一次要十二万", "budget")]
    assert "这个障碍属于产能、预算、优先级、信息、能力、制度合规，还是外部伙伴？（可写 障碍[预算]：…）" in coaching.questions
    assert 2 <= len(coaching.suggestions) <= 4
    cited = {h.case_id for h in coaching.cases}
    assert all(s.case_id in cited for s in coaching.suggestions)
    assert coaching.suggestions[0].case_id == "video-budget"
    assert {s.kind for s in coaching.suggestions} >= {"question", "resource"}
    solution = service.cases.coach(1, stage="solution")
    assert any(s.kind == "resource" and s.case_id == "video-budget" for s in solution.suggestions)
    assert service.cases.coach(1, stage="convene").suggestions == []
    assert service.drafts.export(1, "json") == before  # the coach never records anything


def _llm(library_home: Path, server: FakeOpenAI) -> Service:
    settings = Settings(llm_base_url=server.base_url, llm_api_key=SecretStr(KEY), llm_model="test-model",
                        llm_retries=0, llm_timeout=5)
    return Service(library_home, settings)


def test_llm_suggestions_are_grounded_in_the_cases_and_streamed(library_home: Path) -> None:
    answer = {"suggestions": [
        {"text": "请总经理从年度预备费里特批检测费，先把钱的问题替质量部解决。", "case_id": "video-budget"},
        {"text": "找一家从没听说过的机构。", "case_id": "made-up-case"},
        {"text": "没有引用的建议", "case_id": ""},
    ]}
    with FakeOpenAI() as server:
        server.add(Reply.json_content(answer, chunk_chars=7))
        svc = _llm(library_home, server)
        shown: list[str] = []
        coaching = svc.cases.coach(1, llm=True, on_text=shown.append)
        svc.close()
        (request,) = server.chats
    assert coaching.mode == "llm" and coaching.warning is None
    assert [(s.text, s.case_id) for s in coaching.suggestions] == [
        ("请总经理从年度预备费里特批检测费，先把钱的问题替质量部解决。", "video-budget"),
    ]
    assert len(shown) > 3 and "".join(shown) == json.dumps(answer, ensure_ascii=False)
    sent = request.text()
    assert "质量部今年没有这笔钱" in sent and 'id="video-budget"' in sent  # the record and the cases
    assert "找到真实障碍" in sent  # the stage the meeting is in
    assert KEY not in sent


def test_llm_suggestions_not_in_the_meetings_language_are_dropped(library_home: Path) -> None:
    """Issue 24: a model that pastes an English card's text into a Chinese meeting's suggestion
    (whole or inside a Chinese sentence) has that suggestion dropped; the Chinese one stays."""
    answer = {"suggestions": [
        {"text": "The IT head got the general manager to sign off a one-off budget line.", "case_id": "video-budget"},
        {"text": "可以调动的资源：the general manager signed a one-off budget line for the video system.",
         "case_id": "video-budget"},
        {"text": "请总经理从年度预备费里特批检测费，先把钱的问题替质量部解决。", "case_id": "video-budget"},
    ]}
    with FakeOpenAI() as server:
        server.add(Reply.json_content(answer, chunk_chars=7))
        svc = _llm(library_home, server)
        coaching = svc.cases.coach(1, llm=True)
        svc.close()
    assert coaching.mode == "llm"
    assert [s.text for s in coaching.suggestions] == ["请总经理从年度预备费里特批检测费，先把钱的问题替质量部解决。"]


def test_llm_failure_keeps_the_offline_suggestions_with_one_line(library_home: Path) -> None:
    with FakeOpenAI() as server:
        server.add(Reply(status=503, error="overloaded"))
        svc = _llm(library_home, server)
        coaching = svc.cases.coach(1, llm=True)
        offline = svc.cases.coach(1)
        svc.close()
    assert coaching.mode == "offline" and coaching.warning and "503" in coaching.warning
    assert coaching.suggestions == offline.suggestions
    with FakeOpenAI() as server:
        server.add(Reply.json_content({"suggestions": [{"text": "随便说说", "case_id": "nowhere"}]}))
        svc = _llm(library_home, server)
        coaching = svc.cases.coach(1, llm=True)
        svc.close()
    assert coaching.mode == "offline" and "没有引用" in (coaching.warning or "")


def test_coach_stream_yields_text_then_the_coaching(library_home: Path) -> None:
    import asyncio

    from facilitator.coach import Coaching

    with FakeOpenAI() as server:
        server.add(Reply.json_content({"suggestions": [{"text": "先请IT总监批预算", "case_id": "video-budget"}]}))
        svc = _llm(library_home, server)

        async def collect() -> list[object]:
            return [item async for item in svc.cases.coach_stream(1)]

        items = asyncio.run(collect())
        svc.close()
    assert all(isinstance(i, str) for i in items[:-1]) and isinstance(items[-1], Coaching)
    final = items[-1]
    assert isinstance(final, Coaching) and final.mode == "llm"
    assert replace(final.suggestions[0], kind="resource").case_id == "video-budget"


def test_cli_coach_json_shape_and_errors(library_home: Path, run_cli: RunCli) -> None:
    out = run_cli("--home", str(library_home), "coach", "1", "--json", use_home=False)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert {"stage", "obstacles", "cases", "suggestions"} <= set(data)
    assert data["obstacles"] == [{"text": "质量部今年没有这笔钱，送检一次要十二万", "kind": "budget"}]
    assert all({"case_id", "title", "score", "section", "snippet", "source"} <= set(c) for c in data["cases"])
    assert all(set(s) >= {"text", "case_id"} for s in data["suggestions"])
    out = run_cli("--home", str(library_home), "coach", "1", "--llm", use_home=False, env=cli_env())
    assert out.returncode == 2 and "no LLM endpoint configured" in out.stderr
    out = run_cli("--home", str(library_home), "coach", "42", use_home=False)
    assert out.returncode == 2 and out.stderr.strip() == "facilitator: no meeting with id 42"


def test_an_english_card_in_a_chinese_meeting_is_named_not_pasted(service: Service) -> None:
    """The Chinese meeting's best case is an English card: the suggestion names it by its
    Chinese title and sends the reader to it; no English sentence inside a Chinese one."""
    import re

    card = next(c for c in service.cases.cards() if c.id == "video-budget")
    coaching = service.cases.coach(1, stage="solution")
    cited = [s for s in coaching.suggestions if s.case_id == "video-budget"]
    assert cited
    for s in cited:
        assert "「IT部以今年没有预算为由，拒绝为客户配视频会议系统」" in s.text and "英文案例" in s.text
        assert not re.search(r"[A-Za-z]{3,}", s.text.replace("IT", "")), s.text
        assert card.sections["resolution"].split(".")[0] not in s.text
        assert s.move  # the case's own sentence is kept with the suggestion
        if s.kind != "question":  # accepting it puts a lever line naming the card, not its English
            line = s.capture_line("zh")
            assert line == "资源：见英文案例「IT部以今年没有预算为由，拒绝为客户配视频会议系统」", line


def test_the_lever_quoted_names_the_resource_and_who_holds_it() -> None:
    """The seed's supplier case: the senior colleague's supplier network, not the summary
    sentence "the salesperson went outside the two departments"."""
    from facilitator.coach import _moves
    from facilitator.library.cards import parse_card
    from facilitator.locations import corpus_dir

    path = corpus_dir() / "supplier-small-order.md"
    move = _moves(parse_card(path.read_text(encoding="utf-8"), str(path)))["resource"]
    assert "老领导" in move and "供应商" in move, move
    assert move != "销售跳出这两个部门去找资源。"
