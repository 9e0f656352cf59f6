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
