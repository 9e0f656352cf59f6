"""Windows over a long meeting: every line in one, in order, overlapping, cut where a speaker stops."""

from __future__ import annotations

from facilitator.drafting.budget import count_tokens
from facilitator.drafting.schema import parse_answer, salvage
from facilitator.drafting.windows import split_windows, stamp_of


def _talk(n: int) -> list[str]:
    speakers = ["张伟", "刘经理", "黄主任"]
    return [f"[{i // 6:02d}:{i * 10 % 60:02d}] {speakers[i // 3 % 3]}: 第{i:04d}句，讨论排产和报价的安排。"
            for i in range(n)]


def test_every_line_is_in_a_window_in_order_with_overlap() -> None:
    notes = ["开场：客户催货", "会前已知交付期限是 12 月 20 日"]
    talk = _talk(600)
    windows = split_windows(notes, talk, size=800, overlap=120)
    assert len(windows) > 5 and [w.index for w in windows] == list(range(1, len(windows) + 1))
    seen = [line for w in windows for line in w.lines]
    assert set(seen) == set(notes) | set(talk)
    firsts = [talk.index(w.transcript[0]) for w in windows if w.transcript]
    assert firsts == sorted(firsts)
    for a, b in zip(windows, windows[1:], strict=False):
        assert set(a.lines) & set(b.lines), "consecutive windows overlap"
        assert sum(count_tokens(line) + 1 for line in a.lines) <= 800
    # a window ends where the speaker changes when such a point is near its end
    ends = [w.transcript[-1] for w in windows[:-1]]
    nexts = [talk[talk.index(e) + 1] for e in ends]
    assert sum(stamp_of(e)[1] != stamp_of(n)[1] for e, n in zip(ends, nexts, strict=True)) >= len(ends) - 1
    assert windows[0].notes == notes and windows[0].span.startswith("00:00–")


def test_everything_that_fits_is_one_window() -> None:
    windows = split_windows(["一条笔记"], _talk(5), size=4000, overlap=200)
    assert len(windows) == 1 and windows[0].label().startswith("window 1/1")


def test_a_cut_answer_keeps_its_complete_items_only() -> None:
    text = ('{"actions": [{"action": "寄样品", "owner": "质量部", "due": "2026-12-03", "status": "open", '
            '"quote": "质量部 12 月 3 日之前寄样品"}, {"action": "报价", "owner": "刘')
    assert salvage(text) == {"actions": [{"action": "寄样品", "owner": "质量部", "due": "2026-12-03",
                                          "status": "open", "quote": "质量部 12 月 3 日之前寄样品"}]}
    answer = parse_answer(text, partial=True)
    assert [a.action for a in answer.actions] == ["寄样品"] and answer.actions[0].quote
    assert salvage('{"actions": [{"action": "寄') is None
