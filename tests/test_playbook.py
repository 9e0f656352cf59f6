"""The agenda data file: six stages, both languages, and what each stage requires."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from facilitator.model import Action, Meeting, Participant, UserError
from facilitator.playbook import default_playbook, load_playbook, missing, stage_by_id


def test_six_stages_complete_in_both_languages() -> None:
    stages = default_playbook()
    assert len(stages) == 6
    for s in stages:
        assert s.title("zh") and s.title("en") and s.goal("zh") and s.goal("en")
        assert len(s.questions("zh")) >= 2 and len(s.questions("zh")) == len(s.questions("en"))
        assert 1 <= s.minutes <= 20


def test_missing_requirements_track_the_record() -> None:
    m = Meeting(title="m", date=date(2026, 11, 23))
    assert missing(stage_by_id("convene"), m) == ["participants"]
    m.participants.append(Participant("张伟", "销售"))
    assert missing(stage_by_id("convene"), m) == []
    m.actions.append(Action("备料", "甲", None))
    assert missing(stage_by_id("actions"), m) == ["dated_actions"]
    m.actions[0].due = date(2026, 12, 1)
    assert missing(stage_by_id("actions"), m) == []


def test_invalid_playbook_is_a_user_error(tmp_path: Path) -> None:
    bad = tmp_path / "playbook.toml"
    bad.write_text('[[stage]]\nid = "x"\n', encoding="utf-8")
    with pytest.raises(UserError, match="invalid playbook"):
        load_playbook(bad)


def _ids(stage: str, m: Meeting) -> list[str]:
    from facilitator.playbook import checks

    return [c.id for c in checks(stage_by_id(stage), m)]


def test_stage_two_needs_a_note_typed_in_stage_two() -> None:
    """The issue's complaint: notes typed while convening made stage 2 look done."""
    from facilitator.model import Note

    m = Meeting(title="m", notes=[Note("大家到齐了", stage="convene")])
    assert _ids("stuck", m) == ["stuck_notes"]
    m.notes.append(Note("订单卡在送检这一步", stage="stuck"))
    assert _ids("stuck", m) == []


def test_stage_three_needs_every_contested_item_owned_or_escalated() -> None:
    from facilitator.model import Responsibility

    m = Meeting(title="m", responsibilities=[Responsibility("送检", "质量部"), Responsibility("费用", None, status="disputed")])
    from facilitator.playbook import checks

    (check,) = checks(stage_by_id("boundaries"), m)
    assert check.id == "contested_escalated" and check.items == ("费用",) and "费用" in check.message
    m.responsibilities[1].basis = "升级：总经理"
    assert _ids("boundaries", m) == []
    m.responsibilities[1].basis = None
    m.actions.append(Action("把费用问题报总经理定", "张伟", date(2026, 12, 1)))
    assert _ids("boundaries", m) == []


def test_stage_four_needs_kinds_and_stage_five_owned_levers() -> None:
    from facilitator.model import Item, Lever

    m = Meeting(title="m", language="en", obstacles=[Item("bad weather", id=1, kind="unknown")])
    assert _ids("obstacle", m) == ["obstacle_kinds"]
    m.obstacles[0].kind = "partner"
    assert _ids("obstacle", m) == []
    assert _ids("solution", m) == ["obstacle_levers"]
    m.levers.append(Lever("the carrier's spare truck", obstacle_id=1))
    assert _ids("solution", m) == ["obstacle_levers"]  # nobody owns securing it yet
    m.levers[0].owner = "Tom"
    assert _ids("solution", m) == []
    assert _ids("solution", Meeting(title="m")) == ["obstacles"]


def test_stage_six_names_the_actions_missing_an_owner_or_date() -> None:
    from facilitator.playbook import checks

    m = Meeting(title="m", actions=[Action("备料", "甲", date(2026, 12, 1)), Action("通知客户", None, None)])
    (check,) = checks(stage_by_id("actions"), m)
    assert check.id == "dated_actions" and "通知客户" in check.message and "备料" not in check.message
