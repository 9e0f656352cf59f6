"""Obstacles with a kind and the levers that remove them, through the store and the facade.

Real SQLite files in a temporary home: what the facilitator types in the meeting must
come back with its obstacle, its kind, and (for a lever someone owns) a tracked action.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from facilitator.config import Settings
from facilitator.model import Lever, UserError
from facilitator.obstacles import KINDS, LABELS, classify, kind_label, parse_kind
from facilitator.record_rules import RULES
from facilitator.service import Service
from facilitator.store.migrations import MIGRATIONS
from facilitator.store.sqlite import SqliteStore

DAY = date(2026, 11, 23)  # a Monday


@pytest.fixture
def service(tmp_path: Path, backend: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Service]:
    """Obstacles and levers on each backend: the home's SQLite file, then PostgreSQL."""
    if backend:
        monkeypatch.setenv("FACILITATOR_DATABASE_URL", backend)
    svc = Service(tmp_path / "home")
    yield svc
    svc.close()


def _meeting(service: Service) -> int:
    m = service.record.new_meeting("海外投标缺第三方检测报告", on=DAY)
    assert m.id is not None
    return m.id


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("质量部今年没有做第三方检测的预算", "budget"),
        ("No budget line for the outside test", "budget"),
        ("生产线排满了，下个月才有空档", "capacity"),
        ("the press line is fully booked until March", "capacity"),
        ("供应商嫌订单量太小，不愿接", "priority"),
        ("nobody knows the customer's spec revision", "information"),
        ("我们没人做过这种焊接工艺评定", "skill"),
        ("出口许可证还没批下来，按合规要求不能发货", "policy"),
        ("外协厂不配合，迟迟不回复", "partner"),
        ("天气不好", "unknown"),
    ],
)
def test_classifier_reads_both_languages(text: str, kind: str) -> None:
    assert classify(text) == kind


def test_kinds_are_declared_once_with_both_labels() -> None:
    assert KINDS[-1] == "unknown" and len(KINDS) == 8
    for kind in KINDS:
        assert parse_kind(kind) == kind
        assert parse_kind(LABELS["zh"][kind]) == kind
        assert kind_label(kind, "en") and kind_label(kind, "zh")
    assert kind_label("budget", "zh") == "预算" and parse_kind("制度合规") == "policy"
    assert parse_kind("nonsense") is None


def test_lever_attaches_to_latest_obstacle_and_its_owner_gets_an_action(service: Service) -> None:
    mid = _meeting(service)
    service.record.capture(mid, "障碍[预算]：质量部今年没有第三方检测预算")
    service.record.capture(mid, "障碍：检测机构排期要三周")
    service.record.capture(mid, "资源：集团实验室的绿色通道（持有：集团质量中心）替对方：不用质量部排队 @郑工 周五")
    m = service.record.meeting(mid)
    assert [(o.text, o.kind) for o in m.obstacles] == [
        ("质量部今年没有第三方检测预算", "budget"), ("检测机构排期要三周", "capacity"),
    ]
    (lever,) = m.levers
    assert lever.obstacle_id == m.obstacles[1].id
    assert (lever.resource, lever.holder, lever.presolves, lever.owner, lever.due) == (
        "集团实验室的绿色通道", "集团质量中心", "不用质量部排队", "郑工", date(2026, 11, 27),
    )
    (action,) = m.actions
    assert lever.action_id == action.id
    assert (action.action, action.owner, action.due) == ("集团实验室的绿色通道", "郑工", date(2026, 11, 27))
    assert m.levers_of(m.obstacles[1]) == [lever] and m.levers_of(m.obstacles[0]) == []
    # tracked like any other follow-up: it shows in the ledger across meetings
    assert [a.id for a in service.followup.actions(open_only=True, owner="郑工")] == [action.id]


def test_lever_without_an_obstacle_is_kept_unattached(service: Service) -> None:
    mid = _meeting(service)
    service.record.capture(mid, "Lever: the CFO's discretionary fund")
    (lever,) = service.record.meeting(mid).levers
    assert lever.obstacle_id is None and lever.action_id is None and not service.record.meeting(mid).actions


def test_editing_a_lever_keeps_its_action_in_step(service: Service) -> None:
    mid = _meeting(service)
    service.record.capture(mid, "障碍：没有预算")
    obstacle = service.record.meeting(mid).obstacles[0]
    lever = service.record.save_lever(mid, Lever(resource="总经理特批", obstacle_id=obstacle.id))
    assert lever.id is not None and lever.action_id is None
    lever.owner, lever.due = "张伟", date(2026, 11, 30)
    lever = service.record.save_lever(mid, lever)
    action = service.store.get_action(lever.action_id or 0)
    assert (action.action, action.owner, action.due) == ("总经理特批", "张伟", date(2026, 11, 30))
    lever.due = date(2026, 12, 2)
    service.record.save_lever(mid, lever, in_meeting=mid)
    history = service.store.action_history(action.id or 0)
    assert [e.kind for e in history] == ["created", "due"] and history[-1].due == date(2026, 12, 2)
    assert len(service.record.meeting(mid).actions) == 1
    with pytest.raises(UserError):
        service.record.save_lever(mid, Lever(resource="  "))


def test_obstacle_kind_is_editable_by_label(service: Service) -> None:
    mid = _meeting(service)
    service.record.capture(mid, "障碍：天气不好")
    item = service.record.meeting(mid).obstacles[0]
    assert item.kind == "unknown"
    assert service.record.set_obstacle_kind(item.id or 0, "外部伙伴") == "partner"
    assert service.record.meeting(mid).obstacles[0].kind == "partner"
    with pytest.raises(UserError):
        service.record.set_obstacle_kind(item.id or 0, "weather")


def test_obstacles_recorded_before_the_migration_are_classified(tmp_path: Path) -> None:
    path = tmp_path / "meetings.db"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
    for version, name, sql in MIGRATIONS[:-1]:
        for statement in sql.split(";"):
            if statement.strip():
                db.execute(statement)
        db.execute("INSERT INTO schema_migrations VALUES (?, ?, '')", (version, name))
    db.execute("INSERT INTO meetings(title, created_at, updated_at) VALUES ('old', '', '')")
    db.execute("INSERT INTO items(meeting_id, kind, text, created_at) VALUES (1, 'obstacle', '没有预算做检测', '')")
    db.commit()
    db.close()
    with SqliteStore(path, RULES) as store:  # the store stores: it does not guess a kind on read
        assert [(o.text, o.kind) for o in store.get_meeting(1).obstacles] == [("没有预算做检测", None)]
    service = Service(tmp_path, Settings())  # the record gives them their kind once, when it opens
    try:
        assert [(o.text, o.kind) for o in service.record.meeting(1).obstacles] == [("没有预算做检测", "budget")]
        assert service.store.obstacles_without_kind() == []
    finally:
        service.close()


def _two_obstacles(service: Service) -> tuple[int, list[int]]:
    """Issue 24: budget first, then information (the lever below used to land on the latter)."""
    mid = _meeting(service)
    service.record.capture(mid, "障碍[预算]：小批量采购单价高出预算百分之三十，采购部没有权限批准")
    service.record.capture(mid, "障碍：设计图纸的公差要求不清楚，供应商无法报价")
    return mid, [o.id or 0 for o in service.record.meeting(mid).obstacles]


@pytest.mark.parametrize("line", ["资源[预算]：总经理签批（总经理）", "资源【预算】：总经理签批", "Lever[budget]: 总经理签批"])
def test_a_lever_line_names_its_obstacle_by_kind(service: Service, line: str) -> None:
    mid, (budget, _info) = _two_obstacles(service)
    (recorded,) = service.record.capture_lines(mid, [line])
    assert recorded.obstacle_choice == "named"
    assert service.record.meeting(mid).levers[0].obstacle_id == budget
    assert service.record.meeting(mid).levers[0].resource.startswith("总经理签批")


def test_a_lever_is_matched_by_kind_and_words_else_the_latest(service: Service) -> None:
    mid, (budget, info) = _two_obstacles(service)
    (recorded,) = service.record.capture_lines(mid, ["资源：总经理签批超预算采购（总经理）"])
    assert (recorded.obstacle_choice, service.record.meeting(mid).levers[0].obstacle_id) == ("matched", budget)
    (recorded,) = service.record.capture_lines(mid, ["资源：技术部远程确认图纸公差"])
    assert (recorded.obstacle_choice, service.record.meeting(mid).levers[1].obstacle_id) == ("matched", info)
    (recorded,) = service.record.capture_lines(mid, ["资源：老同事的关系"])
    assert (recorded.obstacle_choice, service.record.meeting(mid).levers[2].obstacle_id) == ("latest", info)
    # a named kind the meeting has no obstacle of: said so, then matched or the latest
    (recorded,) = service.record.capture_lines(mid, ["资源[产能]：周末加班"])
    assert (recorded.obstacle_choice, service.record.meeting(mid).levers[3].obstacle_id) == ("named_missing", info)


def test_a_pasted_obstacle_and_its_lever_land_together(service: Service) -> None:
    mid = _meeting(service)
    service.record.capture_lines(mid, ["障碍[预算]：没有检测预算", "障碍：检测机构排期要三周", "资源[预算]：集团专项经费"])
    m = service.record.meeting(mid)
    assert m.levers[0].obstacle_id == m.obstacles[0].id


def test_a_lever_and_its_action_are_one_commitment_with_one_date(service: Service, tmp_path: Path) -> None:
    """Issue 24, point 6: the closing review moved the action to 12-10, the draft still
    showed the lever due 12-08."""
    from facilitator.model import Review

    mid = _meeting(service)
    service.record.capture(mid, "障碍[预算]：没有检测预算")
    service.record.capture(mid, "资源[预算]：总经理特批经费 @刘经理 2026-12-08")
    (lever,) = service.record.meeting(mid).levers
    assert lever.action_id is not None and lever.due == date(2026, 12, 8)
    service.followup.close_meeting(mid, [Review(lever.action_id, "open", due=date(2026, 12, 10))])
    (lever,) = service.record.meeting(mid).levers
    assert (lever.owner, lever.due) == ("刘经理", date(2026, 12, 10))
    draft = service.drafts.draft(meeting_id=mid, mode="offline")
    assert [(lv.owner, lv.due) for lv in draft.levers] == [("刘经理", date(2026, 12, 10))]
    assert "2026-12-08" not in draft.markdown and "2026-12-10" in draft.markdown
    # a record written before this fix (the lever row kept the old date) reads the same
    with service.store.transaction() as db:
        db.execute("UPDATE levers SET due = '2026-12-08', owner = '别人'")
    (lever,) = service.record.meeting(mid).levers
    assert (lever.owner, lever.due) == ("刘经理", date(2026, 12, 10))


def test_a_lever_owner_of_several_words_is_a_participant_or_a_known_person(tmp_path: Path, service: Service) -> None:
    """Issue 24: ``@Anna Berg`` on a lever line is owned by Anna Berg, not ``Anna``, when she is
    at the meeting or in ``[people]``; her tracked action carries the whole name."""
    from facilitator.model import Participant

    m = service.record.new_meeting("Tender: test report missing", on=DAY,
                                   participants=[Participant("Anna Berg", "QA")])
    assert m.id is not None
    service.record.capture(m.id, "Obstacle[budget]: no budget for a third-party test")
    service.record.capture(m.id, "Lever: the group lab's fast lane @Anna Berg Friday")
    (lever,) = service.record.meeting(m.id).levers
    assert (lever.resource, lever.owner, lever.due) == ("the group lab's fast lane", "Anna Berg", date(2026, 11, 27))
    assert [a.owner for a in service.record.meeting(m.id).actions] == ["Anna Berg"]

    home = tmp_path / "people"
    home.mkdir()
    (home / "config.toml").write_text('[people."Li Wei"]\nemail = "li.wei@example.com"\n', encoding="utf-8")
    from facilitator.config import load_settings

    known = Service(home, load_settings(home, env={}))
    try:
        other = known.record.new_meeting("Tender follow-up", on=DAY)
        assert other.id is not None
        known.record.capture(other.id, "Lever: a second test slot @Li Wei 12-01")
        assert [(v.owner, v.resource) for v in known.record.meeting(other.id).levers] == [("Li Wei", "a second test slot")]
    finally:
        known.close()
