"""Follow-up tracking: actions live across meetings until the order is delivered."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from facilitator.config import Settings
from facilitator.model import UserError
from facilitator.record_rules import RULES
from facilitator.service import Service
from facilitator.store.migrations import MIGRATIONS
from facilitator.store.sqlite import SqliteStore
from facilitator.tracking import Review


@pytest.fixture
def svc(tmp_path: Path, backend: str) -> Iterator[Service]:
    """The follow-up record on each backend: the home's SQLite file, then PostgreSQL."""
    s = Service(tmp_path / "home", Settings(database=backend))
    yield s
    s.close()


def meeting(svc: Service, title: str, day: date, order: str = "PO-1123", customer: str = "华东管业") -> int:
    m = svc.record.new_meeting(title, customer=customer, order=order, on=day)
    assert m.id is not None
    return m.id


def test_carry_over_across_three_meetings_on_one_order(svc: Service) -> None:
    m1 = meeting(svc, "第一次协调会", date(2026, 11, 20))
    a1 = svc.record.capture(m1, "@吴工: 检查软化水设备 截止 11-25")[1]
    a2 = svc.record.capture(m1, "@黄主任: 安排对比测试 截止 11-26")[1]
    a3 = svc.record.capture(m1, "@张伟: 通知客户 截止 11-22")[1]
    other = meeting(svc, "别的订单", date(2026, 11, 21), order="PO-9")
    svc.record.capture(other, "@某人: 不相关 截止 11-30")

    m2 = meeting(svc, "第二次协调会", date(2026, 11, 27))
    assert [a.id for a in svc.record.meeting(m2).carried_actions] == [a3, a1, a2]  # earliest due first
    b1 = svc.record.capture(m2, "@郑工: 复测 截止 12-01")[1]
    svc.followup.close_meeting(m2, [
        Review(a1, "done"),
        Review(a2, "blocked", reason="设备还没到"),
        Review(a3, "open", due=date(2026, 12, 2)),
    ])
    assert svc.record.meeting(m2).status == "closed"
    with pytest.raises(UserError, match="closed"):
        svc.record.capture(m2, "@郑工: 会后才想起的 截止 12-01")

    m3 = meeting(svc, "第三次协调会", date(2026, 12, 3))
    carried = svc.record.meeting(m3).carried_actions
    # done work is not carried; blocked and re-dated work is, with its new date and reason
    assert [(a.id, a.status, a.due) for a in carried] == [
        (a2, "blocked", date(2026, 11, 26)), (b1, "open", date(2026, 12, 1)), (a3, "open", date(2026, 12, 2)),
    ]
    assert carried[0].reason == "设备还没到"
    assert {a.order for a in carried} == {"PO-1123"}
    # the first meeting carries nothing in; a meeting on another order sees none of these
    assert svc.record.meeting(m1).carried_actions == []
    assert svc.record.meeting(other).carried_actions == []
    # every action still belongs to the meeting it came from
    assert {a.meeting_id for a in carried} == {m1, m2}


def test_meetings_without_order_link_by_customer(svc: Service) -> None:
    m1 = meeting(svc, "first", date(2026, 11, 1), order="", customer="ACME")
    a = svc.record.capture(m1, "@Li: send specs by 11-05")[1]
    meeting(svc, "unrelated", date(2026, 11, 2), order="", customer="Other")
    m2 = meeting(svc, "second", date(2026, 11, 8), order="", customer="ACME")
    assert [x.id for x in svc.record.meeting(m2).carried_actions] == [a]
    assert [m.id for m in svc.followup.linked(m2)] == [m1, m2]


def test_status_history_records_each_change_with_its_meeting(svc: Service) -> None:
    m1 = meeting(svc, "第一次", date(2026, 11, 20))
    aid = svc.record.capture(m1, "@郑工: 更新检验记录表 截止 12-01")[1]
    svc.followup.update(aid, status="blocked", reason="等质量部模板")
    svc.followup.update(aid, due=date(2026, 12, 8))
    m2 = meeting(svc, "第二次", date(2026, 12, 2))
    svc.followup.update(aid, status="done", in_meeting=m2)
    svc.followup.update(aid, due=date(2026, 12, 8))  # no change: no event
    history = svc.followup.history(aid)
    assert [(e.kind, e.status, e.due, e.reason, e.meeting_id) for e in history] == [
        ("created", "open", date(2026, 12, 1), None, m1),
        ("status", "blocked", date(2026, 12, 1), "等质量部模板", None),
        ("due", "blocked", date(2026, 12, 8), "等质量部模板", None),
        ("status", "done", date(2026, 12, 8), None, m2),
    ]
    done = svc.followup.action(aid)
    assert done.done_at is not None and done.reason is None


def test_blocked_and_dropped_need_a_reason_and_nothing_changes_without_one(svc: Service) -> None:
    m1 = meeting(svc, "第一次", date(2026, 11, 20))
    aid = svc.record.capture(m1, "@黄主任: 安排对比测试 截止 11-26")[1]
    for status in ("blocked", "dropped"):
        with pytest.raises(UserError, match="needs a reason"):
            svc.followup.update(aid, status=status, reason="  ")
    with pytest.raises(UserError, match="unknown action status"):
        svc.followup.update(aid, status="finished")
    with pytest.raises(UserError, match="no action with id 99"):
        svc.followup.update(99, status="done")
    assert svc.followup.action(aid).status == "open"
    assert len(svc.followup.history(aid)) == 1


def test_overdue_is_judged_on_the_given_day(svc: Service) -> None:
    m1 = meeting(svc, "第一次", date(2026, 11, 20))
    early = svc.record.capture(m1, "@甲: A 截止 11-25")[1]
    on_day = svc.record.capture(m1, "@乙: B 截止 11-27")[1]
    blocked = svc.record.capture(m1, "@丙: C 截止 11-24")[1]
    done = svc.record.capture(m1, "@丁: D 截止 11-20")[1]
    svc.record.capture(m1, "@戊: E")  # no date: never overdue
    svc.followup.update(blocked, status="blocked", reason="缺料")
    svc.followup.update(done, status="done")
    overdue = svc.followup.actions(overdue_on=date(2026, 11, 27))
    assert sorted(a.id or 0 for a in overdue) == sorted([early, blocked])
    assert [a.id for a in svc.followup.actions(overdue_on=date(2026, 11, 28))] == [blocked, early, on_day]
    assert svc.followup.actions(overdue_on=date(2026, 11, 24)) == []
    assert svc.followup.action(on_day).is_overdue(date(2026, 11, 28))
    assert not svc.followup.action(on_day).is_overdue(date(2026, 11, 27))


def test_followup_messages_per_owner_in_the_meeting_language(svc: Service) -> None:
    en = meeting(svc, "Supplier review", date(2026, 11, 20), order="PO-77", customer="ACME")
    svc.record.capture(en, "@Li: find a second supplier by 11-25")
    svc.record.capture(en, "@Li: confirm [bold]drawings[/bold] by 11-30")
    svc.record.capture(en, "@Wang: call the customer")
    messages = svc.followup.followups(meeting_id=en, as_of=date(2026, 11, 27))
    assert list(messages) == ["Li", "Wang"]
    li = messages["Li"]
    assert li.startswith("# Follow-up: Li\n")
    assert "- [ ] find a second supplier (due 2026-11-25; overdue by 2 days)" in li
    assert "confirm \\[bold\\]drawings\\[/bold\\] (due 2026-11-30)" in li
    assert "call the customer" not in li
    assert "no date yet" in messages["Wang"]

    zh = meeting(svc, "钢管生锈协调会", date(2026, 11, 20))
    svc.record.capture(zh, "@吴工: 检查设备 截止 11-25")
    text = svc.followup.followups(meeting_id=zh, owner="吴工", as_of=date(2026, 11, 20))["吴工"]
    assert text.startswith("# 跟进事项：吴工")
    assert "- [ ] 检查设备（截止 2026-11-25）" in text
    with pytest.raises(UserError, match="has no actions"):
        svc.followup.followups(meeting_id=zh, owner="nobody")


def test_delivery_view_shows_the_order_timeline(svc: Service) -> None:
    m1 = meeting(svc, "第一次", date(2026, 11, 20))
    svc.record.capture(m1, "清洗工艺 => 生产部 (依据: 工艺标准)")
    a = svc.record.capture(m1, "@郑工: 复测 截止 11-22")[1]
    m2 = meeting(svc, "第二次", date(2026, 11, 27))
    svc.followup.update(a, status="done", in_meeting=m2)
    view = svc.followup.delivery("PO-1123")
    data = view.to_json(date(2026, 11, 28))
    assert [m["id"] for m in data["meetings"]] == [m1, m2]
    assert data["meetings"][0]["responsibilities"][0]["owner"] == "生产部"
    assert data["actions"][0]["status"] == "done"
    assert [e["meeting_id"] for e in data["actions"][0]["history"]] == [m1, m2]
    assert data["outstanding"] == 0 and data["customer"] == "华东管业"
    with pytest.raises(UserError, match="no meeting on order"):
        svc.followup.delivery("PO-404")


def test_a_version_1_database_is_migrated_with_its_actions_and_a_history(tmp_path: Path) -> None:
    path = tmp_path / "meetings.db"
    db = sqlite3.connect(path)
    db.executescript(MIGRATIONS[0][2])
    db.executescript(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);"
        "INSERT INTO schema_migrations VALUES (1, 'meeting record', '2026-11-01');"
        "INSERT INTO meetings(id, title, order_ref, created_at, updated_at, date)"
        " VALUES (1, 'old', 'PO-1', '2026-11-01T09:00:00', '2026-11-01T09:00:00', '2026-11-01');"
        "INSERT INTO actions(id, meeting_id, action, owner, due, status, created_at, done_at) VALUES"
        " (1, 1, '旧的行动', '吴工', '2026-11-05', 'open', '2026-11-01T09:00:00', NULL),"
        " (2, 1, '已完成', '黄主任', NULL, 'done', '2026-11-01T09:00:00', '2026-11-03T10:00:00');"
    )
    db.commit()
    db.close()
    with SqliteStore(path, RULES) as store:
        assert store.schema_version() == MIGRATIONS[-1][0]
        actions = store.list_actions()
        assert [(a.id, a.action, a.status) for a in actions] == [(1, "旧的行动", "open"), (2, "已完成", "done")]
        assert [(e.kind, e.status, e.at) for e in store.action_history(2)] == [
            ("created", "open", "2026-11-01T09:00:00"), ("status", "done", "2026-11-03T10:00:00"),
        ]
        assert store.integrity() == "ok"
        new_id = store.add_action(1, actions[0])
        assert store.get_action(new_id).order == "PO-1"


def test_a_closed_meeting_still_shows_what_it_settled(svc: Service) -> None:
    m1 = meeting(svc, "第一次", date(2026, 11, 20))
    a = svc.record.capture(m1, "@吴工: 检查设备 截止 11-25")[1]
    b = svc.record.capture(m1, "@黄主任: 对比测试 截止 11-26")[1]
    m2 = meeting(svc, "第二次", date(2026, 11, 27))
    assert [x.id for x in svc.followup.to_review(m2)] == [a, b]
    svc.followup.close_meeting(m2, [Review(a, "done")])
    carried = svc.record.meeting(m2).carried_actions
    assert [(x.id, x.status) for x in carried] == [(a, "done"), (b, "open")]
    assert [x.id for x in svc.followup.to_review(m2)] == [b]
    summary = svc.drafts.export(m2, "md")
    assert "## 此前会议遗留事项" in summary
    assert "| 吴工 | 检查设备 | 2026-11-25 | 已完成 | 第一次 |" in summary
    m3 = meeting(svc, "第三次", date(2026, 12, 1))
    assert [x.id for x in svc.record.meeting(m3).carried_actions] == [b]
