"""Owners, dates and cited cases from the model are held to the material, in code."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from facilitator.model import Hit
from tests.llm.conftest import good_answer
from tests.openai_server import FakeOpenAI, Reply


def test_grounded_answer_adds_what_the_free_notes_say(server: FakeOpenAI, service_for: Any, notes_zh: Path) -> None:
    server.add(good_answer())
    draft = service_for(server).drafts.draft(from_file=notes_zh, mode="llm")
    assert draft.mode == "llm" and draft.warnings == []
    out = draft.to_json()
    assert ("防潮膜到货检验", "郑工", "agreed") in [(r["item"], r["owner"], r["status"]) for r in out["responsibilities"]]
    assert {"action": "确认防潮膜到货", "owner": "黄主任", "due": "2026-11-27", "status": "open"} in [
        {k: a[k] for k in ("action", "owner", "due", "status")} for a in out["actions"]]
    assert not any(g.kind in ("owner_unverified", "date_unverified") for g in draft.gaps)
    assert "未核实" not in draft.markdown and "草稿（由模型生成" in draft.markdown


def test_the_record_wins_over_the_model(server: FakeOpenAI, service_for: Any, notes_zh: Path) -> None:
    server.add(good_answer(
        responsibilities=[{"item": "返工费用由谁承担", "owner": "质量部", "basis": None, "status": "agreed"},
                          {"item": "清洗工艺改进", "owner": "设备部", "basis": None, "status": "agreed"}],
        actions=[{"action": "检查软化水设备并估算产能", "owner": "吴工", "due": "2026-11-25", "status": "done"}],
        decisions=[], obstacles=[], open_questions=[]))
    draft = service_for(server).drafts.draft(from_file=notes_zh, mode="llm")
    resp = {r.item: (r.owner, r.status) for r in draft.responsibilities}
    assert resp["返工费用由谁承担"] == (None, "disputed")  # a dispute is settled by people, not the model
    assert resp["清洗工艺改进"] == ("生产部", "agreed")
    assert [(a.owner, a.status) for a in draft.actions] == [("吴工", "open"), ("张伟", "open")]  # none lost
    assert draft.decisions == ["先用厂里的软化水设备做对比测试"] and len(draft.obstacles) == 1


def test_unknown_owners_are_flagged_and_marked(server: FakeOpenAI, service_for: Any, notes_zh: Path) -> None:
    server.add(good_answer(
        responsibilities=[{"item": "包装防潮", "owner": "仓储部", "basis": None, "status": "agreed"},
                          {"item": "工艺文件", "owner": "生产", "basis": None, "status": "agreed"}],
        actions=[{"action": "联系供应商 Mallory", "owner": "Mallory", "due": None, "status": "open"},
                 {"action": "到货检验", "owner": "郑工", "due": None, "status": "open"}]))
    draft = service_for(server).drafts.draft(from_file=notes_zh, mode="llm")
    flagged = [g.message for g in draft.gaps if g.kind == "owner_unverified"]
    assert len(flagged) == 2 and "「仓储部」" in flagged[0] and "「Mallory」" in flagged[1]
    assert "仓储部（未核实）" in draft.markdown and "Mallory（未核实）" in draft.markdown
    assert "郑工（未核实）" not in draft.markdown and "生产（未核实）" not in draft.markdown
    assert not any(g.kind == "action_unknown_owner" and "Mallory" in g.message for g in draft.gaps)  # once
    assert [a.owner for a in draft.actions if a.action == "联系供应商 Mallory"] == ["Mallory"]  # kept, flagged
    assert json.loads(json.dumps(draft.to_json()))["mode"] == "llm"


def test_dates_must_be_stated_in_the_material(server: FakeOpenAI, service_for: Any, notes_zh: Path) -> None:
    server.add(good_answer(actions=[
        {"action": "向客户通报整改计划", "owner": "张伟", "due": "2026-11-27", "status": "open"},
        {"action": "安排夜班", "owner": "黄主任", "due": "2026-12-24", "status": "open"},
        {"action": "补充检验", "owner": "郑工", "due": "next week-ish", "status": "open"},
    ]))
    draft = service_for(server).drafts.draft(from_file=notes_zh, mode="llm")
    dues = {a.action: a.due.isoformat() if a.due else None for a in draft.actions}
    assert dues["向客户通报整改计划"] is None  # typed without a date: it stays so, whatever the model says
    assert dues["安排夜班"] == "2026-12-24" and dues["补充检验"] is None
    kinds = [g.kind for g in draft.gaps]
    assert kinds.count("date_unverified") == 1 and kinds.count("date_unreadable") == 1
    assert "安排夜班（日期未核实）" in draft.markdown
    assert any(g.kind == "action_no_due" and "向客户通报整改计划" in g.message for g in draft.gaps)


def test_an_unstated_date_does_not_fill_a_recorded_blank(server: FakeOpenAI, service_for: Any,
                                                         notes_zh: Path) -> None:
    server.add(good_answer(actions=[{"action": "向客户通报整改计划", "owner": "张伟", "due": "2026-12-31",
                                "status": "open"}]))
    draft = service_for(server).drafts.draft(from_file=notes_zh, mode="llm")
    assert [a.due for a in draft.actions if a.owner == "张伟"] == [None]


def test_only_retrieved_cases_can_be_cited(server: FakeOpenAI, service_for: Any, notes_zh: Path) -> None:
    hits = [Hit("fixture-only-case", "小批量没人接单", 0.9, "解决", "资深同事介绍了供应商")]
    server.add(good_answer(cited_cases=["fixture-only-case", "made-up-case"]))
    draft = service_for(server).drafts.draft(from_file=notes_zh, mode="llm", cases=hits)
    assert draft.cited_cases == ["fixture-only-case"]
    assert any("made-up-case" in w and "已删除" in w for w in draft.warnings)
    prompt = server.chats[0].text()
    assert 'kind="case" id="fixture-only-case"' in prompt and "资深同事介绍了供应商" in prompt


def test_english_meeting_gets_english_marks(server: FakeOpenAI, service_for: Any, notes_en: Path) -> None:
    server.add(Reply.json_content({
        "responsibilities": [{"item": "Room hardware", "owner": "IT", "basis": "IT procurement policy",
                              "status": "agreed"}],
        "actions": [{"action": "send the hardware quote", "owner": "Tom Baker", "due": "2026-11-28", "status": "open"},
                    {"action": "pre-approve the budget", "owner": "Sara", "due": "2026-12-05", "status": "open"},
                    {"action": "book the installer", "owner": "Bob", "due": None, "status": "open"}],
        "decisions": [], "obstacles": [], "open_questions": [], "cited_cases": []}))
    draft = service_for(server).drafts.draft(from_file=notes_en, mode="llm")
    assert draft.mode == "llm"
    assert "Bob (unverified)" in draft.markdown and "Sara (unverified)" not in draft.markdown
    assert [g.message for g in draft.gaps if g.kind == "owner_unverified"] == [
        'Owner "Bob" is neither a participant, a speaker nor an owner in the record; '
        "check it (named by the model): book the installer"]
    assert "Draft (generated by a model" in draft.markdown
    system = server.chats[0].body["messages"][0]["content"]
    assert system.startswith("You are the meeting assistant") and "2026-11-27" in system


def test_the_models_items_have_the_offline_extractors_shape(server: FakeOpenAI, service_for: Any,
                                                            notes_zh: Path) -> None:
    """Issue 29 point 5: typed items say so; what the model (or the offline extractor) added
    from the free notes is marked extracted and carries the words it came from."""
    server.add(good_answer())
    out = service_for(server).drafts.draft(from_file=notes_zh, mode="llm").to_json()
    sources = {a["action"]: (a["source"], a["quote"]) for a in out["actions"]}
    assert sources["检查软化水设备并估算产能"] == ("typed", None)
    added = [a for a in out["actions"] + out["responsibilities"] if a["source"] == "extracted"]
    assert added and all("防潮膜" in a["quote"] for a in added)
