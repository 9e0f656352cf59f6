"""Commitments heard in conversation become one action each, with the owner and date
said last, and vague or retracted ones none (extract/speech.py through extract())."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from facilitator.extract import extract
from facilitator.model import Cue, Participant, Suggestion
from facilitator.transcripts import parse_text

SAMPLE = Path("/work/shared/eval/speech/sample-zh.txt")
SAMPLE_TEXT = """包装延期协调会 2026-12-07
王强（销售）：今天把大家叫过来，主要是华东那个订单的外箱还没着落，客户月底要货。
刘芳（采购部）：外箱供应商说量太小，五百个起订，我们只要两百个。
陈明（生产部）：那我们这边也没法开线啊，没箱子装不了。
王强（销售）：按流程，包材是采购负责找的，这个没问题吧？
刘芳（采购部）：嗯，是我们的，这个我认。
王强（销售）：那真正的问题是起订量。我问问老周，他以前管过包装，认识几家做小批量的。
王强（销售）：老周那边我今天下午就打电话。
刘芳（采购部）：行，要是老周有门路，我明天之内把样品要过来。
陈明（生产部）：样品到了我们周三前做一次装箱测试。
王强（销售）：好，那就这么定了，先走老周的供应商，不行再说五百个的事。
刘芳（采购部）：那个价格的事回头再看看吧。
"""


def _run(lines: list[tuple[str, str]], day: date = date(2026, 12, 7)) -> list[Suggestion]:
    cues = [Cue(speaker, text) for speaker, text in lines]
    people = [Participant(name) for name in dict.fromkeys(s for s, _ in lines)]
    return extract(cues, meeting_date=day, participants=people)


def _actions(found: list[Suggestion]) -> list[tuple[str | None, str | None, str]]:
    return [(s.captured.owner, s.captured.due.isoformat() if s.captured.due else None, s.captured.text)
            for s in found if s.captured.kind == "action"]


def test_the_floor_sample_gives_its_three_actions_and_not_the_vague_line() -> None:
    text = SAMPLE.read_text(encoding="utf-8") if SAMPLE.exists() else SAMPLE_TEXT
    transcript = parse_text(text, "txt")
    people = [Participant("王强"), Participant("刘芳（采购部）"), Participant("陈明（生产部）")]
    found = extract(transcript.cues, meeting_date=date(2026, 12, 7), participants=people, language="zh")
    actions = [s for s in found if s.captured.kind == "action"]
    assert [(s.captured.owner, s.captured.due) for s in actions] == [
        ("王强", date(2026, 12, 7)), ("刘芳", date(2026, 12, 8)), ("陈明", date(2026, 12, 9))]
    assert "老周" in actions[0].captured.text
    assert actions[0].cues == (6, 7)  # the offer and the call, one action
    assert "样品" in actions[1].captured.text and "装箱测试" in actions[2].captured.text
    assert all("价格" not in s.quote for s in actions)
    assert all(s.quote and 0 < s.confidence <= 1 for s in found)
    decisions = [s.captured.text for s in found if s.captured.kind == "decision"]
    assert decisions and "老周的供应商" in decisions[0]
