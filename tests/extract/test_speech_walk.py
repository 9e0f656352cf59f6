"""What a new user saw wrong in the draft of a short imported transcript (a motor supplier
that will not take a small order), each as a rule of spoken Chinese: a decision ends with
its sentence, a state reported is no errand, seeking a person out is a whole errand, and
fillers do not open an obstacle or a lever. The conversations are written here."""

from __future__ import annotations

from datetime import date

from facilitator.model import Suggestion
from tests.extract.conversation import said, texts


def _run(lines: list[tuple[str, str]]) -> list[Suggestion]:
    return said(lines, date(2026, 12, 7))




def test_a_decision_ends_with_its_sentence_and_the_next_point_is_a_task() -> None:
    found = _run([("周倩", "包材要不要换供应商？"), ("马峰", "换的话交期来不及。"),
                  ("周倩", "那就这么定了，先不换供应商，走加急。小吴，加急单你今天下午报给我。"),
                  ("吴磊", "好的，下午报你。")])
    [decision] = texts(found, "decision")
    assert "不换供应商" in decision and "小吴" not in decision and "加急单" not in decision
    assert any("加急单" in text for text in texts(found, "action"))


def test_a_decision_closed_by_its_marker_takes_the_next_sentence_only() -> None:
    found = _run([("周倩", "色差这批怎么处理？"), ("马峰", "我建议返工。"),
                  ("周倩", "行，定了。这批全部返工。马峰你明天把返工单开出来。"), ("马峰", "好。")])
    [decision] = texts(found, "decision")
    assert "返工" in decision and "返工单" not in decision


def test_a_state_reported_as_finished_is_no_errand() -> None:
    found = _run([("周倩", "模具那边到哪一步了？"), ("马峰", "对，我们这边试模是试好了，就等钢材。"),
                  ("周倩", "那钢材呢？")])
    assert texts(found, "action") == []


def test_seeking_a_person_out_is_the_whole_errand() -> None:
    found = _run([("周倩", "钢材还是没着落。"),
                  ("马峰", "老规格不行，图纸上定死了牌号。这样，我去找一下李总，他以前在钢厂干过，认识销售。")])
    assert "找一下李总" in texts(found, "action")
    assert not any("牌号" in text for text in texts(found, "action"))


def test_fillers_open_no_obstacle_and_a_lever_names_its_holder() -> None:
    found = _run([("周倩", "卡在哪？"), ("马峰", "嗯，那个，主要是钢材，供应商说小批量不接，起订量要二十吨。"),
                  ("周倩", "这样，我去找一下李总，他以前在钢厂干过，认识销售。")])
    [obstacle] = texts(found, "obstacle")
    assert obstacle.startswith("主要是钢材")
    [lever] = texts(found, "lever")
    assert lever.startswith("李总") and "，，" not in lever and "：，" not in lever
