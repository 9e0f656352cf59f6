"""Issue 24, point 9: the smaller things a user noticed, each held by a test.

Capture keeps the user's full-width colon, stage 4 names the app's own obstacle kinds,
the user's own actions are not an unknown owner, an action due after the customer's
deadline is flagged, ``meetings --json`` says open or closed, ``doctor`` tries the mail
server, and a dry run with no addresses still shows the messages.
"""

from __future__ import annotations

import json
import socket
from datetime import date
from pathlib import Path

from facilitator.capture import parse_line
from facilitator.config import Me, Settings
from facilitator.obstacles import KINDS, UNKNOWN, kind_label
from facilitator.playbook import stage_by_id
from facilitator.service import Service
from tests.conftest import RunCli


def test_an_escalation_remark_keeps_the_full_width_colon() -> None:
    c = parse_line("返工费用由谁承担 => ? 升级：总经理", None)
    assert c is not None and (c.status, c.basis) == ("disputed", "升级：总经理")


def test_stage_four_names_the_apps_own_obstacle_kinds() -> None:
    question = stage_by_id("obstacle").questions("zh")[1]
    for kind in KINDS:
        if kind != UNKNOWN:
            assert kind_label(kind, "zh") in question, kind
    assert "技能" not in question and "政策" not in question


def _service(tmp_path: Path, **settings: object) -> tuple[Service, int]:
    svc = Service(tmp_path / "home", Settings(**settings))  # type: ignore[arg-type]
    m = svc.record.new_meeting("交期协调会", customer="华东精密机械", order="PO-1", on=date(2026, 12, 1),
                        deadline=date(2026, 12, 9))
    assert m.id is not None
    return svc, m.id


def test_the_users_own_actions_are_not_an_unknown_owner(tmp_path: Path) -> None:
    svc, mid = _service(tmp_path, me=Me(name="王强"))
    svc.record.capture(mid, "@王强：和客户确认分批交货 截止 2026-12-05")
    svc.record.capture(mid, "@赵六：不知是谁 截止 2026-12-05")
    gaps = [g.message for g in svc.drafts.draft(meeting_id=mid, mode="offline").gaps]
    assert not any("王强" in g for g in gaps), gaps
    assert any("赵六" in g for g in gaps), gaps
    svc.close()


def test_an_action_due_after_the_customers_deadline_is_flagged(tmp_path: Path) -> None:
    svc, mid = _service(tmp_path)
    svc.record.capture(mid, "@刘经理：整理报价 截止 2026-12-12")
    svc.record.capture(mid, "@刘经理：发样品 截止 2026-12-08")
    gaps = [g for g in svc.drafts.draft(meeting_id=mid, mode="offline").gaps if g.kind == "action_after_deadline"]
    assert [g.message for g in gaps] == ["行动项的截止 2026-12-12 晚于客户的交付期限 2026-12-09：刘经理 — 整理报价"]
    svc.close()


def test_meetings_json_says_open_or_closed(run_cli: RunCli, home: Path) -> None:
    svc = Service(home, Settings())
    first = svc.record.new_meeting("第一次", on=date(2026, 12, 1))
    svc.record.new_meeting("第二次", on=date(2026, 12, 2))
    assert first.id is not None
    svc.followup.close_meeting(first.id, [])
    svc.close()
    listed = json.loads(run_cli("meetings", "--json").stdout)
    assert [(m["title"], m["status"]) for m in listed] == [("第二次", "open"), ("第一次", "closed")]


def test_doctor_says_when_nothing_answers_at_the_mail_server(run_cli: RunCli, home: Path) -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    (home / "config.toml").write_text(f'[smtp]\nhost = "127.0.0.1"\nport = {port}\nfrom = "me@example.com"\n',
                                      encoding="utf-8")
    out = run_cli("doctor").stdout
    line = next(x for x in out.splitlines() if "delivery" in x)
    assert not line.startswith("ok"), line
    with socket.create_server(("127.0.0.1", 0)) as server:
        port = server.getsockname()[1]
        (home / "config.toml").write_text(
            f'[smtp]\nhost = "127.0.0.1"\nport = {port}\nfrom = "me@example.com"\n', encoding="utf-8")
        line = next(x for x in run_cli("doctor").stdout.splitlines() if "delivery" in x)
    assert line.startswith("ok"), line


def test_a_dry_run_with_no_addresses_still_shows_the_messages(run_cli: RunCli, home: Path) -> None:
    svc = Service(home, Settings())
    m = svc.record.new_meeting("交期协调会", order="PO-1", on=date(2026, 12, 1))
    assert m.id is not None
    svc.record.capture(m.id, "@刘经理：整理三家供应商的报价 截止 2026-12-08")
    svc.close()
    proc = run_cli("followup", str(m.id), "--dry-run")
    assert proc.returncode == 0, proc.stderr
    assert "整理三家供应商的报价" in proc.stdout and "刘经理" in proc.stdout
    assert "email" in proc.stderr or "邮箱" in proc.stderr  # how to give them an address


def test_hints_name_the_command_as_the_user_can_type_it(tmp_path: Path) -> None:
    from facilitator.cli_output import command_name

    venv_bin = tmp_path / ".venv" / "bin" / "facilitator"  # after `make run`: not on PATH
    assert command_name(str(venv_bin), tmp_path) == ".venv/bin/facilitator"
    assert command_name(str(venv_bin), tmp_path / "elsewhere") == str(venv_bin)
    assert command_name("/usr/bin/python3", tmp_path) == "facilitator"
