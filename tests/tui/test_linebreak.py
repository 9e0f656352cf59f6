"""The kinsoku rule the app wraps Chinese text by (notes, stage guide, acknowledgement)."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from textual.content import Content

from facilitator.tui.linebreak import CLOSERS, OPENERS, wrap_lines
from facilitator.tui.widgets.wrapped import wrap_content

TEXT = "需要IT部配合完成ECN变更（ECN）：下周三前，交付时间顺延10天。质量部说：防锈油处理后还要再抽检一次。"


@pytest.mark.parametrize("width", range(10, 40))  # below 10, "（ECN）：" alone is wider than a line
def test_no_line_starts_with_a_closer_or_ends_with_an_opener(width: int) -> None:
    lines = wrap_lines(TEXT, width)
    assert "".join(lines) == TEXT  # nothing lost or added
    for line in lines:
        assert cell_len(line) <= width
    for line in lines[1:]:
        assert line[0] not in CLOSERS, lines
    for line in lines[:-1]:
        assert line[-1] not in OPENERS, lines


@pytest.mark.parametrize("width", range(8, 40))
def test_latin_words_and_numbers_stay_with_their_unit(width: int) -> None:
    joined = "\n".join(wrap_lines(TEXT, width))
    for whole in ("IT部", "ECN变", "（ECN）", "10天"):
        assert whole in joined, joined


def test_a_line_without_any_allowed_break_is_cut_where_it_is_full() -> None:
    url = "https://example.com/a/very/long/path/without/spaces"
    lines = wrap_lines(url, 20)
    assert "".join(lines) == url and all(len(line) <= 20 for line in lines)


def test_the_colon_of_a_known_failure_moves_down_with_its_word() -> None:
    # a plain fold at 12 cells puts "：" first on the second line
    text = "目标对照公司：流程标准逐项确认"
    assert [text[:6], text[6:12]] != wrap_lines(text, 12)[:2]
    assert wrap_lines(text, 12) == ["目标对照公", "司：流程标准", "逐项确认"]


def test_styled_content_keeps_its_text_and_hangs_bullets() -> None:
    content = Content("・按流程规定，这件事应该由哪个部门负责？依据是哪条制度？")
    lines = wrap_content(content, 20).plain.split("\n")
    assert len(lines) > 1
    assert all(line.startswith("  ") for line in lines[1:])  # under the text, not the bullet
    assert "".join(line.strip() for line in lines) == content.plain


@pytest.mark.parametrize("width", range(12, 44))
def test_a_line_broken_at_a_space_does_not_start_with_it(width: int) -> None:
    text = "Goal: Take the lead: bring in resources beyond the two departments (a senior colleague's suppliers)"
    lines = wrap_lines(text, width)
    assert " ".join(lines).split() == text.split()  # only the spaces at the breaks are gone
    for line in lines:
        assert cell_len(line) <= width and not line.startswith(" ") and not line.endswith(" "), lines
    styled = wrap_content(Content(text), width).plain.split("\n")
    assert styled == lines


@pytest.mark.parametrize("width", range(12, 60))
def test_a_break_at_a_space_never_leaves_a_separator_starting_the_next_line(width: int) -> None:
    """The draft's lever line wrapped as ``资源持有方：李总`` / ``· 替对方解决`` at 120 columns:
    the break was allowed at the space, and the ``·`` after it began the next line."""
    text = "类型：信息 · 调动的资源：请销售部李总动用他的老供应商网络 · 资源持有方：李总 · 替对方解决：采购部不用自己从零开发"
    lines = wrap_lines(text, width)
    assert "".join("".join(lines).split()) == "".join(text.split())  # only spaces at the breaks go
    for line in lines[1:]:
        assert line[0] not in CLOSERS, lines
