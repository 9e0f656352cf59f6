"""Decisions a page records in words no rule names, found by the trained scorer
(``minutes_scorer``), and the lines around them that only report what was said, which it
leaves alone (issue 29: decisions on pages written by other hands)."""

from __future__ import annotations

from datetime import date

from facilitator.extract import extract, minutes_scorer
from facilitator.model import Cue, Suggestion
from facilitator.transcripts import parse_text

MON = date(2026, 12, 7)

PROPERTY = """物业服务中心 月度例会
2026年12月7日 参会：包文杰、齐悦、顾明

电梯维保
顾明反映现在这家维保公司响应太慢，上个月困人两次。
明年起电梯维保交给奥达公司，合同一签一年。

停车收费
业主群里有人抱怨临停收费贵，齐悦说周边小区都是这个价。
临停每小时5元不动，夜间封顶20元。
"""

FINANCE = """Finance team catch-up - 7 Dec 2026
Attendees: Priya, Tom, Wen

Expenses
Wen mentioned that people keep losing paper receipts.
From January expense claims go through the app only; paper receipts are no longer accepted.

Office move
Priya asked whether the move could slip to March.
"""


def _read(page: str, language: str) -> list[Suggestion]:
    cues = parse_text(page, "txt").cues
    return extract(cues, meeting_date=MON, participants=[], language=language)  # type: ignore[arg-type]


def _decisions(found: list[Suggestion]) -> list[str]:
    return [s.captured.text for s in found if s.captured.kind == "decision"]


def test_a_settled_point_under_a_plain_topic_title_is_a_decision() -> None:
    decided = _decisions(_read(PROPERTY, "zh"))
    assert "临停每小时5元不动，夜间封顶20元" in decided
    # what someone reported or complained about stays a note
    assert not any("困人" in d or "抱怨" in d for d in decided)


def test_an_english_rule_adopted_is_a_decision_and_a_remark_is_not() -> None:
    decided = _decisions(_read(FINANCE, "en"))
    assert any("paper receipts are no longer accepted" in d for d in decided)
    assert not any(d.startswith(("Wen mentioned", "Priya asked")) for d in decided)


def test_a_decision_the_scorer_finds_keeps_the_line_it_came_from() -> None:
    found = [s for s in _read(PROPERTY, "zh") if s.captured.text.startswith("临停每小时")]
    assert len(found) == 1
    assert found[0].quote == "临停每小时5元不动，夜间封顶20元。"


def test_transcripts_are_left_to_the_conversation_reader() -> None:
    spoken = [Cue("包文杰", "临停每小时5元不动，夜间封顶20元。"), Cue("齐悦", "好的。"), Cue("顾明", "行。")]
    assert not minutes_scorer.applies(spoken)
    page = parse_text(PROPERTY, "txt").cues
    assert minutes_scorer.applies(page)


def test_a_line_left_open_in_so_many_words_is_never_promoted() -> None:
    page = PROPERTY.replace("临停每小时5元不动，夜间封顶20元。", "临停每小时5元不动，夜间封顶的事下次再议。")
    assert not any("封顶" in d for d in _decisions(_read(page, "zh")))


def test_typed_lines_and_a_notes_dump_longer_than_a_page_are_left_to_the_rules(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # the scorer costs an E5 pass a sentence: quick-capture lines are recorded as typed and
    # never scored, and a text with more notes than a page of minutes holds is read by the
    # rules alone, so importing a long log does not keep the user waiting for minutes
    def no_embedding(texts):  # type: ignore[no-untyped-def]
        raise AssertionError(f"embedded {len(texts)} sentences")

    monkeypatch.setattr(minutes_scorer, "embed", no_embedding)
    typed = "".join(f"@郑工: 第{i}项 核对第{i}批货的数量和批次 截止周五\n" for i in range(50))
    found = extract(parse_text(typed, "md").cues, meeting_date=MON)
    assert found == []  # recorded as typed, not suggested, not scored
    dump = "".join(f"第{i}批货到了仓库，数量和批次都还没有核对完\n" for i in range(minutes_scorer.MAX_SCORED + 1))
    extract(parse_text(dump, "txt").cues, meeting_date=MON)
