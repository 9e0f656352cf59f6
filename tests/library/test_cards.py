"""Card parsing: both heading languages, extra sections kept, and precise errors for bad cards."""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator.library.cards import case_chunks, load_cards, parse_card, render_card
from facilitator.model import UserError

from .conftest import FIXTURE_CARDS

ZH = """---
id: supplier-small-order
title: 小批量非标料没有供应商接单
departments: [采购部, 生产部]
tags: [供应商, 小批量]
lang: zh
source: lesson-06
---
## 背景
客户要一批新产品。

## 卡点
采购和生产互相推诿。

## 责任边界
找供应商归采购部。

## 真实障碍
订单太小。

## 解决
老同事介绍供应商。

## 经验
替对方解决困难。

## 附注
这一段不是标准标题。
"""

EN = """---
id: video-budget
title: IT has no budget for a video system
departments: IT, Sales
tags: [budget]
lang: en
---
## Situation
Customer wants video meetings.

## Stuck Point:
IT refuses.

## Responsibility boundary
IT installs systems.

## Real obstacle
No budget line.

## Resolution
Sales director approves the spend.

## Lesson
Remove their reason to refuse.
"""


def test_chinese_card_maps_headings_and_keeps_unknown_ones() -> None:
    case = parse_card(ZH, "cards/a.md")
    assert case.id == "supplier-small-order"
    assert case.lang == "zh"
    assert case.departments == ["采购部", "生产部"]
    assert case.source == "lesson-06"
    assert list(case.sections) == ["situation", "stuck_point", "boundary", "obstacle", "resolution", "lesson", "附注"]
    assert case.sections["obstacle"] == "订单太小。"
    assert case.sections["附注"] == "这一段不是标准标题。"
    assert case.path == "cards/a.md"


def test_english_card_headings_any_case_and_comma_lists() -> None:
    case = parse_card(EN, "b.md")
    assert case.lang == "en"
    assert case.departments == ["IT", "Sales"]
    assert set(case.sections) == {"situation", "stuck_point", "boundary", "obstacle", "resolution", "lesson"}
    assert case.sections["stuck_point"] == "IT refuses."
    assert case.source is None


def test_render_card_round_trips() -> None:
    for text in (ZH, EN):
        case = parse_card(text, "x.md")
        again = parse_card(render_card(case), "x.md")
        assert again == case
    rendered = render_card(parse_card(EN, "x.md"))
    assert "## Stuck point\n" in rendered and "departments: [IT, Sales]" in rendered


def test_render_card_uses_card_language_headings() -> None:
    case = parse_card(ZH, "x.md")
    case.lang = "en"
    assert "## Real obstacle" in render_card(case)
    assert "## 附注" in render_card(case)


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("# just markdown\n\nno front matter\n", 1, "missing front matter"),
        ("---\ntitle: x\n---\n## 背景\ntext\n", 1, "no id"),
        ("---\nid: ok\ntitle: [unclosed\n---\n## 背景\ntext\n", 3, "not valid YAML"),
        ("---\nid: ok\ntitle: fine\n  bad: indent\n---\n## 背景\ntext\n", 4, "not valid YAML"),
        ("---\nid: ok\ntitle: t\n---\n\n", 5, "no body"),
        ("---\nid: ok\ntitle: t\n---\n## 背景\n\n## 解决\n", 5, "no body"),
        ("---\ntitle: t\nid: Bad_ID\n---\n## 背景\ntext\n", 3, "lowercase letters"),
        ("---\nid: ok\ntitle: t\n## 背景\ntext\n", 1, "not closed"),
        ("---\nid: ok\nlang: fr\n---\n## 背景\ntext\n", 3, "lang must be"),
    ],
)
def test_malformed_cards_name_file_and_line(text: str, line: int, words: str) -> None:
    with pytest.raises(UserError) as err:
        parse_card(text, "lib/bad.md")
    assert str(err.value).startswith(f"lib/bad.md:{line}: ")
    assert words in str(err.value)


def test_load_cards_skips_bad_and_duplicate_cards_with_messages(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(ZH, encoding="utf-8")
    (tmp_path / "b.md").write_text(EN, encoding="utf-8")
    (tmp_path / "c-dup.md").write_text(ZH.replace("title: 小批量", "title: 重复"), encoding="utf-8")
    (tmp_path / "d.md").write_text("---\ntitle: no id\n---\n## 背景\nx\n", encoding="utf-8")
    (tmp_path / "e.md").write_bytes(b"---\nid: latin\n---\n\xff\xfe bad bytes")
    (tmp_path / "README.md").write_text("# about these cards\n", encoding="utf-8")
    cards, errors = load_cards([tmp_path, tmp_path / "missing"])
    assert [c.id for c in cards] == ["supplier-small-order", "video-budget"]
    assert len(errors) == 3
    assert any("c-dup.md" in e and "duplicate id" in e and "a.md" in e for e in errors)
    assert any("d.md:1:" in e and "no id" in e for e in errors)
    assert any("e.md:1:" in e and "UTF-8" in e for e in errors)


def test_fixture_cards_all_load() -> None:
    cards, errors = load_cards([FIXTURE_CARDS])
    assert errors == []
    assert len(cards) == 6
    assert {c.lang for c in cards} == {"zh", "en"}


def test_chunks_one_per_section_with_title_and_stable_hashes() -> None:
    case = parse_card(ZH, "a.md")
    chunks = case_chunks(case)
    assert [c.section for c in chunks] == list(case.sections)
    assert all(c.text.startswith(case.title) for c in chunks)
    assert chunks[3].text.endswith("订单太小。")
    again = case_chunks(parse_card(ZH, "elsewhere.md"))
    assert [c.sha256 for c in chunks] == [c.sha256 for c in again]
    changed = case_chunks(parse_card(ZH.replace("订单太小。", "订单太小了。"), "a.md"))
    assert [a.sha256 == b.sha256 for a, b in zip(chunks, changed, strict=True)] == [
        True, True, True, False, True, True, True]


def test_long_section_is_split_to_fit_the_model_window() -> None:
    long_text = ZH.replace("订单太小。", "订单太小，供应商都不愿意接。" * 120)
    chunks = [c for c in case_chunks(parse_card(long_text, "a.md")) if c.section == "obstacle"]
    assert len(chunks) > 1
    assert len({c.id for c in chunks}) == len(chunks)
    assert all(len(c.text) < 600 for c in chunks)


def test_obstacle_kind_from_front_matter_or_classified() -> None:
    annotated = ZH.replace("lang: zh\n", "lang: zh\nobstacle: 优先级\n")
    case = parse_card(annotated, "a.md")
    assert case.obstacle == "priority"
    assert parse_card(render_card(case), "b.md").obstacle == "priority"
    # no annotation: read like a typed obstacle, from the real-obstacle section
    plain = ZH.replace("订单太小。", "质量部今年没有这笔检测预算。")
    assert parse_card(plain, "c.md").obstacle == "budget"
    with pytest.raises(UserError, match=r"d\.md:7: obstacle must be one of"):
        parse_card(ZH.replace("lang: zh\n", "lang: zh\nobstacle: weather\n"), "d.md")


def test_every_bundled_card_states_its_obstacle_kind() -> None:
    """The 50 lesson cards are annotated by hand; none relies on the classifier."""
    from facilitator.locations import corpus_dir
    from facilitator.obstacles import KINDS

    files = sorted(corpus_dir().glob("*.md"))
    assert len(files) == 50
    for file in files:
        front = file.read_text(encoding="utf-8").split("\n---", 1)[0]
        kinds = [line.split(":", 1)[1].strip() for line in front.splitlines() if line.startswith("obstacle:")]
        assert len(kinds) == 1 and kinds[0] in KINDS and kinds[0] != "unknown", file.name
    cards, errors = load_cards([corpus_dir()])
    assert errors == [] and len({c.obstacle for c in cards}) == 7


def test_front_matter_is_not_part_of_chunk_text() -> None:
    """Precomputed corpus vectors are keyed by chunk hash: annotating a card's kind must
    not change any chunk."""
    base = parse_card(ZH, "a.md")
    annotated = parse_card(ZH.replace("lang: zh\n", "lang: zh\nobstacle: priority\n"), "a.md")
    assert [c.sha256 for c in case_chunks(base)] == [c.sha256 for c in case_chunks(annotated)]


def test_a_card_may_name_itself_in_the_other_language() -> None:
    from facilitator.library.cards import parse_card, render_card, title_in

    text = ("---\nid: gpu-credits\ntitle: A proof of concept needs cloud GPUs\n"
            "title_zh: 概念验证要租云端显卡\nlang: en\n---\n## Resolution\nCredits from the partner programme.\n")
    case = parse_card(text, "gpu.md")
    assert case.titles == {"zh": "概念验证要租云端显卡"}
    assert title_in(case, "zh") == "概念验证要租云端显卡" and title_in(case, "en") == case.title
    again = parse_card(render_card(case), "gpu.md")
    assert again.titles == case.titles and again.title == case.title
