"""The LLM draft keeps the record's obstacles with their kinds and levers, and the
summary's "real obstacles and levers" table, whatever the model answers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.openai_server import FakeOpenAI, Reply

NOTES = """海外投标缺第三方检测报告  2026-11-23
参会：销售 张伟；质量部 郑工；财务部 王经理

障碍[预算]：质量部今年没有第三方检测的预算
资源：总经理特批检测费（持有：总经理）替对方：不占质量部预算 @张伟 周五
障碍：检测机构排期要三周
型式试验送检 => 质量部
"""


def test_llm_draft_has_the_levers_table_and_json(tmp_path: Path, service_for: Any) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text(NOTES, encoding="utf-8")
    answer = {"responsibilities": [], "actions": [], "decisions": [],
              "obstacles": ["招标截止日太近"], "open_questions": [], "cited_cases": []}
    with FakeOpenAI() as server:
        server.add(Reply.json_content(answer))
        draft = service_for(server).drafts.draft(from_file=notes, mode="llm")
    assert draft.mode == "llm"
    data = draft.to_json()
    assert data["obstacles"] == ["质量部今年没有第三方检测的预算", "检测机构排期要三周", "招标截止日太近"]
    assert [(lv["obstacle"], lv["kind"], lv["resource"], lv["owner"], lv["due"]) for lv in data["levers"]] == [
        ("质量部今年没有第三方检测的预算", "budget", "总经理特批检测费", "张伟", "2026-11-27"),
    ]
    md = draft.markdown
    assert "## 真实障碍与解决路径" in md
    assert "| 质量部今年没有第三方检测的预算 | 预算 | 总经理特批检测费 | 总经理 | 不占质量部预算 | 张伟 | 2026-11-27 |" in md
    assert "| 检测机构排期要三周 | 产能 | （尚未找到） |" in md
    assert "| 招标截止日太近 |" in md  # the model's obstacle gets a row too
    gaps = " ".join(data["gaps"])
    assert "检测机构排期要三周" in gaps and "质量部今年没有第三方检测的预算" not in gaps
