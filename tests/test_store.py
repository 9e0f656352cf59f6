"""The meeting store: schema, round trips, and refusing files it must not touch."""

from __future__ import annotations

import contextlib
import sqlite3
import time
from datetime import date
from pathlib import Path

import psycopg
import pytest

from facilitator.model import Action, Captured, Meeting, Participant, Responsibility, UserError
from facilitator.record_rules import RULES
from facilitator.store import Changed, ImportedFile, Store, StoreError, open_store
from facilitator.store.migrations import LATEST, MIGRATIONS
from facilitator.store.sqlite import SqliteStore


def make_store(tmp_path: Path) -> SqliteStore:
    return SqliteStore(tmp_path / "meetings.db", RULES)


def either_store(tmp_path: Path, backend: str) -> Store:
    """The store ``backend`` names (``conftest.backend``): the SQLite file, or PostgreSQL."""
    return open_store(tmp_path / "meetings.db", RULES, url=backend or None)


INTEGRITY = (sqlite3.IntegrityError, psycopg.IntegrityError)


def test_schema_is_migrated_and_recorded(tmp_path: Path) -> None:
    with make_store(tmp_path) as store:
        assert store.schema_version() == LATEST
    db = sqlite3.connect(tmp_path / "meetings.db")
    versions = [r[0] for r in db.execute("SELECT version FROM schema_migrations ORDER BY version")]
    assert versions == [v for v, _, _ in MIGRATIONS]
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"meetings", "participants", "notes", "responsibilities", "actions", "items",
            "cited_cases", "drafts", "schema_migrations", "action_events", "stage_times",
            "sends", "send_actions", "imported_files", "levers"} <= tables
    send_cols = {r[1] for r in db.execute("PRAGMA table_info(sends)")}
    assert {"recipient", "channel", "content_hash", "at", "answer", "status", "body"} <= send_cols
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO sends(at, kind, channel, recipient, address, body, content_hash, status)"
                   " VALUES ('', 'followup', 'email', 'x', 'x', 'x', 'h', 'maybe')")
    imported_cols = {r[1] for r in db.execute("PRAGMA table_info(imported_files)")}
    assert {"meeting_id", "sha256", "name", "size", "imported_at"} <= imported_cols
    lever_cols = {r[1] for r in db.execute("PRAGMA table_info(levers)")}
    assert {"meeting_id", "obstacle_id", "resource", "holder", "presolves", "owner", "due", "action_id"} <= lever_cols
    assert "obstacle_kind" in {r[1] for r in db.execute("PRAGMA table_info(items)")}
    action_cols = {r[1] for r in db.execute("PRAGMA table_info(actions)")}
    assert {"status", "reason", "due", "owner", "meeting_id", "done_at"} <= action_cols
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO actions(meeting_id, action, status, created_at) VALUES (1, 'x', 'finished', '')")
    cols = {r[1] for r in db.execute("PRAGMA table_info(meetings)")}
    assert {"title", "customer", "order_ref", "goal", "deadline", "date", "language", "stage"} <= cols
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_items_keep_their_rows_and_take_kinds_from_the_registry(tmp_path: Path) -> None:
    """The "item kinds from the registry" migration rebuilds ``items`` without the CHECK
    copied from the kind list: an older file keeps its items, and the store still refuses
    a kind it does not know."""
    path = tmp_path / "meetings.db"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
               "applied_at TEXT NOT NULL)")
    before = next(i for i, (_, name, _) in enumerate(MIGRATIONS) if name == "item kinds from the registry")
    for version, name, sql in MIGRATIONS[:before]:
        for statement in sql.split(";"):
            if statement.strip():
                db.execute(statement)
        db.execute("INSERT INTO schema_migrations VALUES (?, ?, '')", (version, name))
    db.execute("INSERT INTO meetings(id, title, created_at, updated_at) VALUES (1, '钢管生锈', '', '')")
    db.execute("INSERT INTO items(meeting_id, kind, text, created_at) VALUES (1, 'obstacle', '没有供应商接小单', '')")
    db.commit()
    db.close()
    with SqliteStore(path, RULES) as store:
        assert store.schema_version() == LATEST
        meeting = store.get_meeting(1)
        assert [i.text for i in meeting.obstacles] == ["没有供应商接小单"]
        with pytest.raises(ValueError, match="unknown item kind 'risk'"):
            store.add_item(1, "risk", "交期风险")
        store.add_item(1, "decision", "重新清洗后发货")
        assert [i.text for i in store.get_meeting(1).decisions] == ["重新清洗后发货"]
    sql = sqlite3.connect(path).execute("SELECT sql FROM sqlite_master WHERE name = 'items'").fetchone()[0]
    assert "CHECK" not in sql


def test_reopening_does_not_rerun_migrations(tmp_path: Path, backend: str) -> None:
    with either_store(tmp_path, backend) as store:
        store.create_meeting(Meeting(title="a"))
    with either_store(tmp_path, backend) as store:
        assert len(store.list_meetings()) == 1
        assert store.schema_version() == LATEST


def test_connection_pragmas(tmp_path: Path) -> None:
    with make_store(tmp_path) as store:
        db = store._db
        assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_meeting_round_trip(tmp_path: Path, backend: str) -> None:
    with either_store(tmp_path, backend) as store:
        mid = store.create_meeting(
            Meeting(title="钢管生锈", customer="华东管业", order_ref="PO-1123", goal="恢复交付",
                    deadline=date(2026, 12, 20), date=date(2026, 11, 23),
                    participants=[Participant("张伟", "销售", "facilitator"), Participant("黄主任", "生产部")])
        )
        store.add_note(mid, "客户催货", "stuck")
        store.add_responsibility(mid, Responsibility("清洗工艺改进", "生产部", "工艺管理规定"))
        store.add_responsibility(mid, Responsibility("返工费用", None, None, "disputed"))
        aid = store.add_action(mid, Action("检查软化水设备", "吴工", date(2026, 11, 25)))
        store.add_item(mid, "decision", "先做对比测试")
        store.add_item(mid, "obstacle", "潮湿天气生锈")
        store.add_item(mid, "question", "产能够不够？")
        store.add_cited_case(mid, "pipe-rust-soft-water")
        store.add_cited_case(mid, "pipe-rust-soft-water")
        m = store.get_meeting(mid)
    assert (m.title, m.customer, m.order_ref, m.goal) == ("钢管生锈", "华东管业", "PO-1123", "恢复交付")
    assert m.deadline == date(2026, 12, 20) and m.date == date(2026, 11, 23)
    assert [(p.name, p.department) for p in m.participants] == [("张伟", "销售"), ("黄主任", "生产部")]
    assert [n.text for n in m.notes] == ["客户催货"] and m.notes[0].stage == "stuck"
    assert [(r.item, r.owner, r.status) for r in m.responsibilities] == [
        ("清洗工艺改进", "生产部", "agreed"), ("返工费用", None, "disputed")]
    assert m.responsibilities[0].basis == "工艺管理规定"
    assert [(a.id, a.owner, a.due) for a in m.actions] == [(aid, "吴工", date(2026, 11, 25))]
    assert [i.text for i in m.decisions] == ["先做对比测试"]
    assert [i.text for i in m.obstacles] == ["潮湿天气生锈"]
    assert [i.text for i in m.open_questions] == ["产能够不够？"]
    assert m.cited_cases == ["pipe-rust-soft-water"]


def test_action_status_and_listing(tmp_path: Path, backend: str) -> None:
    with either_store(tmp_path, backend) as store:
        mid = store.create_meeting(Meeting(title="m"))
        a1 = store.add_action(mid, Action("late", "甲", date(2026, 12, 2)))
        store.add_action(mid, Action("early", "乙", date(2026, 11, 30)))
        store.add_action(mid, Action("undated", "甲"))
        assert [a.action for a in store.list_actions()] == ["early", "late", "undated"]
        done = store.get_action(a1)
        done.status = "done"
        store.update_action(done)
        assert store.get_action(a1).done_at is not None
        assert [a.action for a in store.list_actions(open_only=True)] == ["early", "undated"]
        assert [a.action for a in store.list_actions(owner="甲")] == ["late", "undated"]


def test_a_listed_action_carries_every_field_from_its_columns(tmp_path: Path, backend: str) -> None:
    """The ledger builds each action by position (``ACTION_COLUMNS``): a column out of the
    dataclass's order would put an owner where the due date goes, so every field is read back."""
    from dataclasses import fields

    from facilitator.store.records import ACTION_COLUMNS

    assert [name for _, name in ACTION_COLUMNS] == [f.name for f in fields(Action)]
    store = open_store(tmp_path / "meetings.db", RULES, url=backend or None, author="王强")
    with store:
        mid = store.create_meeting(Meeting(title="返工协调", order_ref="PO-7", language="en"))
        aid = store.add_action(mid, Action("复核图纸", "吴工", date(2026, 12, 20), quote="吴工说周五前复核",
                                           source="extracted"))
        blocked = store.get_action(aid)
        blocked.status, blocked.reason = "blocked", "等图纸"
        store.update_action(blocked)
        want = Action("复核图纸", "吴工", date(2026, 12, 20), "blocked", aid, mid, None, "等图纸", "PO-7", "返工协调",
                      "en", "吴工说周五前复核", "extracted", "王强")
        assert store.list_actions(open_only=True) == [want]
        assert store.get_action(aid) == want
        assert store.get_meeting(mid).actions == [want]


def test_import_is_one_transaction(tmp_path: Path, backend: str) -> None:
    with either_store(tmp_path, backend) as store:
        mid = store.create_meeting(Meeting(title="m"))
        bad = Captured(kind="responsibility", text="x", owner="y", status="weird")  # type: ignore[arg-type]
        items = [Captured(kind="note", text="first", raw="first"), bad]
        with pytest.raises(INTEGRITY):
            store.import_stream(store.get_meeting(mid), items, [Participant("甲")], ImportedFile("0" * 64, "n.md", 1))
        m = store.get_meeting(mid)
        assert m.notes == [] and m.participants == []


def test_deleting_a_meeting_cascades(tmp_path: Path, backend: str) -> None:
    with either_store(tmp_path, backend) as store:
        mid = store.create_meeting(Meeting(title="m"))
        store.add_action(mid, Action("a", "b"))
        store.delete_meeting(mid)
        assert store.list_actions() == []
        with pytest.raises(UserError, match="no meeting with id"):
            store.get_meeting(mid)


def _assert_refused(path: Path, pattern: str) -> None:
    before = path.read_bytes()
    mtime = path.stat().st_mtime_ns
    with pytest.raises(StoreError, match=pattern) as info:
        SqliteStore(path, RULES)
    message = str(info.value)
    assert "\n" not in message and str(path) in message
    assert path.read_bytes() == before and path.stat().st_mtime_ns == mtime
    wal = Path(str(path) + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0  # a read-only look may leave an empty WAL


def test_zero_length_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "meetings.db"
    path.write_bytes(b"")
    _assert_refused(path, "empty")


def test_non_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "meetings.db"
    path.write_text("会议记录，不是数据库\n" * 50, encoding="utf-8")
    _assert_refused(path, "not a SQLite database")


def test_corrupt_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "meetings.db"
    with SqliteStore(path, RULES) as store:
        mid = store.create_meeting(Meeting(title="m"))
        for i in range(300):
            store.add_note(mid, f"note {i} " + "x" * 200)
    db = sqlite3.connect(path)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    data = bytearray(path.read_bytes())
    for offset in range(4096, len(data), 4096):  # scribble over every page header but the first
        data[offset : offset + 16] = b"\xff" * 16
    path.write_bytes(bytes(data))
    _assert_refused(path, "corrupt|integrity")


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "meetings.db"
    SqliteStore(path, RULES).close()
    db = sqlite3.connect(path)
    db.execute("INSERT INTO schema_migrations VALUES (999, 'future', 'later')")
    db.commit()
    db.close()
    with pytest.raises(StoreError, match="newer facilitator"):
        SqliteStore(path, RULES)


def test_a_deleted_row_comes_back_in_its_place_with_its_history_and_links(tmp_path: Path, backend: str) -> None:
    """Ctrl+Z after d: the same row (same id, so the same place in its ledger), its kind,
    the levers that pointed at it, and a responsibility's history of changes."""
    from facilitator.config import Settings
    from facilitator.service import Service

    svc = Service(tmp_path / "home", Settings(database=backend))
    try:
        mid = svc.record.new_meeting("钢管生锈", on=date(2026, 11, 23)).id
        assert mid is not None
        svc.record.capture_lines(mid, ["障碍：供应商不接小单", "障碍[预算]：没有预算更换软化水设备",
                                "资源：@吴工 借用兄弟厂的软化水设备 周五", "障碍：排产已满",
                                "清洗工艺 => 生产部", "返工费用 => ?", "包装防潮 => 仓库"])
        m = svc.record.meeting(mid)
        budget = m.obstacles[1]
        assert budget.id is not None and m.levers[0].obstacle_id == budget.id
        middle = m.responsibilities[1]
        assert middle.id is not None
        svc.record.update_responsibility(Responsibility(middle.item, "财务部", "合同第七条", "agreed", id=middle.id))
        history = svc.record.responsibility_history(middle.id)
        assert len(history) == 2

        removed = svc.record.delete_item(budget.id)
        assert svc.record.meeting(mid).levers[0].obstacle_id is None  # the delete cut the lever loose
        assert svc.record.restore(removed) == budget.id
        back = svc.record.meeting(mid)
        assert [o.text for o in back.obstacles] == ["供应商不接小单", "没有预算更换软化水设备", "排产已满"]
        assert back.obstacles[1].kind == "budget" and back.levers[0].obstacle_id == budget.id

        removed = svc.record.delete_responsibility(middle.id)
        assert svc.record.responsibility_history(middle.id) == []
        svc.record.restore(removed)
        assert [r.item for r in svc.record.meeting(mid).responsibilities] == ["清洗工艺", "返工费用", "包装防潮"]
        assert svc.record.responsibility_history(middle.id) == history

        # the last row's id taken again meanwhile (SQLite reuses the highest): back at the end, not lost
        # (PostgreSQL never hands an id out twice: it comes back under its own)
        last = svc.record.meeting(mid).obstacles[-1]
        assert last.id is not None
        removed = svc.record.delete_item(last.id)
        svc.record.capture(mid, "决定：库存钢管先用防锈油处理")
        assert (svc.record.restore(removed) == last.id) == bool(backend)
        again = svc.record.meeting(mid)
        assert [o.text for o in again.obstacles][-1] == "排产已满"
        assert [d.text for d in again.decisions] == ["库存钢管先用防锈油处理"]
    finally:
        svc.close()


def test_a_version_9_send_log_opens_every_channel_and_keeps_its_links(tmp_path: Path) -> None:
    """Migration 10 rebuilds ``sends`` without its four-channel CHECK: every row, the actions
    each send carried and the claims stay, still linked (dropping the old copy cascades to
    nothing), and a channel added to the registry can be logged."""
    import sqlite3

    from tests.conftest import database_at

    path = tmp_path / "meetings.db"
    db = database_at(path, 9)
    now = "2026-11-01T09:00:00+08:00"
    db.execute("INSERT INTO meetings(id, title, created_at, updated_at) VALUES (1, '旧会议', ?, ?)", (now, now))
    db.execute("INSERT INTO actions(id, meeting_id, action, owner, created_at) VALUES (5, 1, '复核', '吴工', ?)", (now,))
    db.execute("INSERT INTO sends(id, at, kind, channel, recipient, address, body, content_hash, status)"
               " VALUES (3, ?, 'followup', 'wecom', '吴工', 'https://example.com/hook', '正文', 'h1', 'ok')", (now,))
    db.execute("INSERT INTO send_actions(send_id, action_id) VALUES (3, 5)")
    db.execute("INSERT INTO send_claims(recipient, content_hash, send_id, claimed_at) VALUES ('吴工', 'h1', 3, ?)",
               (now,))
    db.commit()
    db.close()
    with SqliteStore(path, RULES) as store:
        assert store.schema_version() == LATEST
    db = sqlite3.connect(path)
    db.execute("PRAGMA foreign_keys = ON")
    assert db.execute("SELECT id, channel, status FROM sends").fetchall() == [(3, "wecom", "ok")]
    assert db.execute("SELECT send_id, action_id FROM send_actions").fetchall() == [(3, 5)]
    assert db.execute("SELECT send_id FROM send_claims").fetchall() == [(3,)]
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert "sends_before_10" not in {r[0] for r in db.execute("SELECT name FROM sqlite_master")}
    db.execute("INSERT INTO sends(at, kind, channel, recipient, address, body, content_hash, status)"
               " VALUES (?, 'followup', 'slack', '吴工', 'https://example.com/s', '正文', 'h2', 'ok')", (now,))
    db.execute("DELETE FROM sends WHERE id = 3")  # the links still point at the new table
    assert db.execute("SELECT COUNT(*) FROM send_actions").fetchone() == (0,)
    db.close()


def test_postgresql_gets_the_same_schema_from_the_same_migrations(pg_url: str) -> None:
    """One set of numbered migrations: the team store has every table and column, the
    checks SQLite has (a send's status, an action's status) and none it dropped (10)."""
    with open_store(Path("unused.db"), RULES, url=pg_url) as store:
        assert store.schema_version() == LATEST and store.integrity() == "ok"
        versions = [r[0] for r in store.rows("SELECT version FROM schema_migrations ORDER BY version")]
        assert versions == [v for v, _, _ in MIGRATIONS]
        tables = {r[0] for r in store.rows("SELECT table_name FROM information_schema.tables"
                                           " WHERE table_schema = current_schema()")}
        assert {"meetings", "participants", "notes", "responsibilities", "actions", "items", "cited_cases",
                "drafts", "action_events", "stage_times", "sends", "send_actions", "send_claims",
                "imported_files", "levers", "suggestions", "meeting_events", "responsibility_events"} <= tables
        with pytest.raises(psycopg.IntegrityError), store.transaction() as db:
            db.execute("INSERT INTO actions(meeting_id, action, status, created_at) VALUES (1, 'x', 'finished', '')")
        mid = store.create_meeting(Meeting(title="m"))
        with store.transaction() as db:  # any channel may be logged since migration 10
            db.execute("INSERT INTO sends(at, kind, channel, recipient, address, body, content_hash, status)"
                       " VALUES ('', 'followup', 'slack', 'x', 'x', 'x', 'h', 'ok')")
        assert store.has_meeting(mid)
    with open_store(Path("unused.db"), RULES, url=pg_url) as again:  # opening again runs nothing twice
        assert again.schema_version() == LATEST and len(again.list_meetings()) == 1


def test_a_second_screen_learns_of_a_commit_and_not_of_its_own(tmp_path: Path, backend: str) -> None:
    """``data_version`` moves when another connection commits (SQLite's pragma; PostgreSQL's
    NOTIFY), never for the screen's own writes: what an open meeting screen polls."""
    with either_store(tmp_path, backend) as mine, either_store(tmp_path, backend) as theirs:
        mid = mine.create_meeting(Meeting(title="两台电脑"))
        before, theirs_before = mine.data_version(), theirs.data_version()
        mine.add_note(mid, "我写的")
        assert mine.data_version() == before, "its own write woke it"
        theirs.add_note(mid, "同事写的")
        deadline = time.monotonic() + 5
        while mine.data_version() == before and time.monotonic() < deadline:
            time.sleep(0.01)
        assert mine.data_version() != before, "the other screen's write did not reach it"
        assert theirs.data_version() != theirs_before, "it did not see 我写的"
        assert [n.text for n in mine.get_meeting(mid).notes] == ["我写的", "同事写的"]


def test_a_screen_hears_which_meeting_another_writer_changed(tmp_path: Path, backend: str) -> None:
    """``changes``: what an open meeting screen waits on. Its first answer is everything (what
    came before it listened is unknown); its own store's writes are not news; another
    writer's commit is, naming the meeting on PostgreSQL (its trigger's notice)."""
    with either_store(tmp_path, backend) as mine, either_store(tmp_path, backend) as theirs:
        one, two = mine.create_meeting(Meeting(title="一号会")), theirs.create_meeting(Meeting(title="二号会"))
        ear = mine.changes()
        try:
            first = ear.wait(5)
            assert first is not None and first.everything
            mine.add_note(one, "我写的")
            assert ear.wait(0.3) is None, "its own write woke it"
            theirs.add_note(two, "同事写的")
            heard = ear.wait(10)
            assert heard is not None and heard.touches({two})
            if backend:  # the server says which meeting; a SQLite file cannot
                assert heard == Changed(frozenset({two}))
                assert not heard.touches({one})
                theirs.update_meeting(one, stage="stuck")
                heard = ear.wait(10)
                assert heard == Changed(frozenset({one}))
        finally:
            ear.close()


def test_the_ear_listens_again_after_the_server_cut_it(pg_url: str, tmp_path: Path) -> None:
    """A cut connection (a server restart, the network) is one offline answer; the next wait
    listens again and says everything, as the notices sent meanwhile are lost."""
    with open_store(tmp_path / "x.db", RULES, url=pg_url) as mine, \
            open_store(tmp_path / "x.db", RULES, url=pg_url) as theirs:
        mid = theirs.create_meeting(Meeting(title="断线"))
        ear = mine.changes()
        try:
            assert ear.wait(5) == Changed(everything=True)
            with psycopg.connect(pg_url, autocommit=True) as admin:
                admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                              " WHERE datname = current_database() AND query LIKE 'LISTEN%'")
            with pytest.raises(StoreError) as cut:
                ear.wait(5)
            assert cut.value.kind == "offline"
            answer = None
            deadline = time.monotonic() + 20
            while answer is None and time.monotonic() < deadline:
                with contextlib.suppress(StoreError):
                    answer = ear.wait(1)
            assert answer == Changed(everything=True)
            theirs.add_note(mid, "回来以后")
            assert ear.wait(10) == Changed(frozenset({mid}))
        finally:
            ear.close()


def test_every_row_and_change_says_who_wrote_it(tmp_path: Path, backend: str) -> None:
    """Issue 28 point 2: ``[me] name`` is recorded with each capture and each change of
    state, and the board filters on it (``actions --by``)."""
    from facilitator.capture import parse_line
    from facilitator.config import load_settings

    (tmp_path / "config.toml").write_text('[me]\nname = "王强"\n', encoding="utf-8")
    assert load_settings(tmp_path, env={}).me_name == "王强"
    with open_store(tmp_path / "meetings.db", RULES, url=backend or None, author="王强") as wang, \
            open_store(tmp_path / "meetings.db", RULES, url=backend or None, author="李娜") as li:
        mid = wang.create_meeting(Meeting(title="协调会"))
        wang.record_lines(mid, [parse_line("@吴工: 复核图纸 截止 2026-12-20", None)])
        li.record_lines(mid, [parse_line("@采购部: 联系供应商", None)])
        mine = wang.list_actions(by="王强")
        assert [a.action for a in mine] == ["复核图纸"] and mine[0].author == "王强"
        assert [a.action for a in wang.list_actions(by="李娜")] == ["联系供应商"]
        a = li.get_action(mine[0].id or 0)
        a.status, a.reason = "blocked", "图纸未到"
        li.update_action(a)
        assert [(e.kind, e.author) for e in wang.action_history(a.id or 0)] == [("created", "王强"), ("status", "李娜")]
        assert wang.action_history(a.id or 0)[1].to_json()["author"] == "李娜"


def _home_with_a_meeting(home: Path, title: str) -> None:
    from facilitator.config import Settings
    from facilitator.service import Service

    svc = Service(home, Settings())
    try:
        mid = svc.record.new_meeting(title, on=date(2026, 11, 23)).id
        assert mid is not None
        svc.record.capture_lines(mid, ["障碍[预算]：没有预算更换设备", "资源：@吴工 借用兄弟厂的设备 周五",
                                "返工费用 => ?", "返工费用 => 财务部", "@采购部: 联系供应商 截止 2026-12-01"])
        svc.followup.update(svc.record.meeting(mid).actions[-1].id or 0, status="blocked", reason="等报价")
    finally:
        svc.close()


def test_db_copy_moves_homes_in_once_with_new_ids_and_back(tmp_path: Path, backend: str) -> None:
    """Issue 28 point 5: two people's homes merged into one store (ids remapped, links kept),
    a second copy adds nothing, and the way back gives the same ledger."""
    one, two = tmp_path / "one", tmp_path / "two"
    _home_with_a_meeting(one, "甲的会议")
    _home_with_a_meeting(two, "乙的会议")
    team = backend or str(tmp_path / "team")
    import json as _json
    import subprocess
    import sys

    from tests.conftest import cli_env

    def copy(home: Path, to: str) -> dict[str, dict[str, int]]:
        done = subprocess.run([sys.executable, "-m", "facilitator", "--home", str(home), "db", "copy", "--to", to,
                               "--json"], capture_output=True, text=True, env=cli_env(), timeout=300)
        assert done.returncode == 0, done.stderr
        return dict(_json.loads(done.stdout))

    assert copy(one, team)["meetings"] == {"copied": 1, "already_there": 0}
    counts = copy(two, team)
    assert counts["levers"] == {"copied": 1, "already_there": 0} and counts["action_events"]["copied"] == 3
    assert copy(one, team)["meetings"] == {"copied": 0, "already_there": 1}  # idempotent
    with open_store(Path(team) / "meetings.db", RULES, url=backend or None) as store:
        meetings = sorted(store.list_meetings(), key=lambda m: m.title)
        assert [m.title for m in meetings] == ["乙的会议", "甲的会议"]
        for m in meetings:
            full = store.get_meeting(m.id or 0)
            assert full.levers[0].obstacle_id == full.obstacles[0].id  # links follow the new ids
            assert full.levers[0].action_id in {a.id for a in full.actions}
            assert [(r.item, r.owner) for r in full.responsibilities] == [("返工费用", "财务部")]
            blocked = [a for a in full.actions if a.status == "blocked"]
            assert [e.kind for e in store.action_history(blocked[0].id or 0)] == ["created", "status"]
    back = tmp_path / "back"
    if backend:  # and back: the team's record into a home of its own
        env = cli_env(FACILITATOR_DATABASE_URL=backend)
        done = subprocess.run([sys.executable, "-m", "facilitator", "--home", str(tmp_path / "any"), "db", "copy",
                               "--to", str(back)], capture_output=True, text=True, env=env, timeout=300)
        assert done.returncode == 0, done.stderr
        assert "meetings" in done.stdout and "total" in done.stdout
        with open_store(back / "meetings.db", RULES) as home_store:
            assert sorted(m.title for m in home_store.list_meetings()) == ["乙的会议", "甲的会议"]


def test_db_copy_is_all_or_nothing(tmp_path: Path, backend: str) -> None:
    """A row the target refuses (here a note whose meeting the source lost) stops the copy
    with one line, and the target holds nothing of it."""
    from facilitator.store.copy import copy_to

    _home_with_a_meeting(tmp_path / "one", "甲的会议")
    raw = sqlite3.connect(tmp_path / "one" / "meetings.db")
    raw.execute("INSERT INTO notes(meeting_id, text, created_at) VALUES (999, '孤儿', '')")  # foreign keys off
    raw.commit()
    raw.close()
    target = backend or str(tmp_path / "team")
    with SqliteStore(tmp_path / "one" / "meetings.db", RULES) as source:
        with pytest.raises(UserError, match="refused a row of notes .*nothing was copied") as info:
            copy_to(source, target, RULES)
        assert "\n" not in str(info.value)
    with open_store(Path(target) / "meetings.db", RULES, url=backend or None) as into:
        assert into.list_meetings() == [] and into.rows("SELECT * FROM copied_rows") == []


def test_the_schema_the_store_writes_is_the_last_migration() -> None:
    """store.base.SCHEMA lets an up-to-date database open without loading the migrations,
    so it must name the last of them, numbered from 1 without a gap."""
    from facilitator.store.base import SCHEMA

    assert [version for version, _, _ in MIGRATIONS] == list(range(1, SCHEMA + 1)) and LATEST == SCHEMA


CLOSE_RACE = """
import contextlib, sys, tempfile, threading
from pathlib import Path
from facilitator.record_rules import RULES
from facilitator.store import open_store
folder = Path(tempfile.mkdtemp())
for i in range(300):
    store = open_store(folder / f"m{i}.db", RULES)
    stop = threading.Event()
    def look():
        while not stop.is_set():
            with contextlib.suppress(Exception):  # a closed store refuses: that is fine
                store.data_version()
    watcher = threading.Thread(target=look)
    watcher.start()
    store.close()
    stop.set()
    watcher.join()
"""


def test_closing_while_a_screen_watches_the_sqlite_file_never_crashes_the_app() -> None:
    # the meeting screen's watching thread asks PRAGMA data_version while the app closes the
    # store; closing a connection under a running statement crashed the process (SIGSEGV)
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-c", CLOSE_RACE], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, (proc.returncode, proc.stderr[-2000:])
