"""Follow-up that reaches people, end to end: the real CLI in a subprocess sends to a
real SMTP server and to a robot server on loopback that checks each platform's
request format and signature and answers as the platform does."""

from __future__ import annotations

import json
import sqlite3
import subprocess
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import icalendar
import pytest

from tests.conftest import RunCli, cli_env
from tests.delivery_servers import RobotServer, SmtpServer, config_toml, iter_text

NOTES = Path(__file__).parent / "data" / "followup-notes.md"
USER = "sales@example.com"
PASSWORD = "pw-Zq8#never-on-disk"
WITH_PASSWORD = cli_env(FACILITATOR_SMTP_PASSWORD=PASSWORD)


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr
    return result.stdout


def refused(result: subprocess.CompletedProcess[str], needle: str) -> None:
    assert result.returncode == 2, result.stdout
    assert needle in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    with SmtpServer(user=USER, password=PASSWORD) as server:
        yield server


@pytest.fixture
def robots() -> Iterator[RobotServer]:
    with RobotServer() as server:
        yield server


@pytest.fixture
def meeting(run_cli: RunCli, home: Path, smtp: SmtpServer, robots: RobotServer) -> RunCli:
    """The test notes' meeting (order PO-1123, promised to the customer for 12-10), with
    config.toml pointing at the loopback servers."""
    (home / "config.toml").write_text(config_toml(smtp, robots, user=USER), encoding="utf-8")
    ok(run_cli("meet", "--new", "钢管生锈协调会", "--customer", "华东管业", "--order", "PO-1123",
               "--date", "2026-11-23", "--deadline", "2026-12-10", "--no-tui"))
    ok(run_cli("import", str(NOTES), "--meeting", "1"))
    return run_cli


def sends(home: Path) -> list[sqlite3.Row]:
    db = sqlite3.connect(home / "meetings.db")
    db.row_factory = sqlite3.Row
    try:
        return list(db.execute("SELECT * FROM sends ORDER BY id"))
    finally:
        db.close()


def test_followup_sends_one_mail_per_owner_and_one_digest_per_robot_then_nothing(
    meeting: RunCli, home: Path, smtp: SmtpServer, robots: RobotServer
) -> None:
    out = ok(meeting("followup", "1", "--send", "--as-of", "2026-11-27", env=WITH_PASSWORD))
    assert out.strip().splitlines()[-1] == "6 sent, 0 already sent, 0 failed"

    # mail: one per owner with an address, in the meeting's language, after AUTH
    assert smtp.logins and all(login == (USER, True) for login in smtp.logins)
    by_to = {m.recipients[0]: m for m in smtp.mails}
    assert sorted(by_to) == ["huang@example.com", "wu@example.com"]
    wu = by_to["wu@example.com"]
    assert wu.sender == "sales@example.com"
    assert wu.subject == "跟进事项：吴工 · 钢管生锈协调会"
    assert "检查软化水设备并估算产能（截止 2026-11-25；已逾期 2 天）" in wu.body
    assert "安排对比测试" not in wu.body  # only what 吴工 committed to
    assert "安排对比测试（截止 2026-11-26；已逾期 1 天）" in by_to["huang@example.com"].body

    # WeCom: the markdown digest, then a text message mentioning the owners by mobile
    wecom = robots.state.of("wecom")
    assert [r.body["msgtype"] for r in wecom] == ["markdown", "text"]
    digest = wecom[0].body["markdown"]["content"]
    for line in ("**吴工**", "**黄主任**", "**郑工**", "**张伟**", "更新检验记录表（截止 2026-12-01）"):
        assert line in digest
    assert wecom[1].body["text"]["mentioned_mobile_list"] == ["13800000001", "13800000003"]
    # Feishu: a signed post the server verified; DingTalk: signed query, @mobile in the text
    (feishu,) = robots.state.of("feishu")
    assert feishu.answer == {"code": 0, "msg": "success", "data": {}}
    assert feishu.body["msg_type"] == "post" and feishu.body["sign"]
    post = feishu.body["content"]["post"]["zh_cn"]
    assert post["title"] == "跟进汇总：钢管生锈协调会（订单 PO-1123）"
    assert "• 检查软化水设备并估算产能（截止 2026-11-25；已逾期 2 天）" in list(iter_text(post))
    (ding,) = robots.state.of("dingtalk")
    assert ding.answer == {"errcode": 0, "errmsg": "ok"} and ding.query["sign"]
    assert ding.body["at"]["atMobiles"] == ["13800000001", "13800000003"]
    assert "**吴工** @13800000001" in ding.body["markdown"]["text"]

    # the log: every send with its answer; the same content again is skipped
    rows = sends(home)
    assert [(r["channel"], r["status"]) for r in rows] == [
        ("email", "ok"), ("email", "ok"), ("wecom", "ok"), ("wecom", "ok"), ("feishu", "ok"), ("dingtalk", "ok")]
    assert rows[0]["answer"].startswith("250 ") and rows[4]["answer"] == "code 0: success"
    assert len({r["content_hash"] for r in rows}) == 6
    again = ok(meeting("followup", "1", "--send", "--as-of", "2026-11-27", env=WITH_PASSWORD))
    assert again.strip().splitlines()[-1] == "0 sent, 6 already sent, 0 failed"
    assert all(line.startswith("already sent: ") for line in again.strip().splitlines()[:-1])
    assert len(smtp.mails) == 2 and len(robots.state.received) == 4
    assert len(sends(home)) == 6


def test_dry_run_prints_what_would_go_where_and_sends_nothing(
    meeting: RunCli, home: Path, smtp: SmtpServer, robots: RobotServer
) -> None:
    result = meeting("followup", "1", "--send", "--dry-run", "--as-of", "2026-11-27")
    out = ok(result)
    assert "== mail to 吴工 <wu@example.com> [new]\nSubject: 跟进事项：吴工 · 钢管生锈协调会\n\n# 跟进事项：吴工" in out
    assert f"== WeCom group ({robots.base}/cgi-bin/webhook/send?key=…5aaa) [new]" in out
    assert "== DingTalk group" in out and "mentions 13800000001, 13800000003" in out
    assert "693a91f6" not in out  # the robot's key is not printed in full
    assert 'note: 张伟: no email; add [people."张伟"] email' in result.stderr
    assert smtp.mails == [] and robots.state.received == [] and sends(home) == []


def test_without_send_followup_still_writes_files(meeting: RunCli, tmp_path: Path, smtp: SmtpServer) -> None:
    ok(meeting("followup", "1", "--out", str(tmp_path / "mail"), "--as-of", "2026-11-27"))
    assert len(list((tmp_path / "mail").glob("followup-meeting-1-*.md"))) == 4
    assert smtp.mails == []


def test_each_failure_is_one_line_recorded_and_sent_on_the_next_run(
    meeting: RunCli, home: Path, smtp: SmtpServer, robots: RobotServer
) -> None:
    smtp.inbox.refuse.add("huang@example.com")
    robots.state.modes.update(wecom="error", feishu="500", dingtalk="timeout")
    result = meeting("followup", "1", "--send", "--as-of", "2026-11-27", env=WITH_PASSWORD)
    assert result.returncode == 1
    failed = result.stderr.strip().splitlines()
    failed = [line for line in failed if not line.startswith("note: ")]
    assert failed == [
        "failed: mail to 黄主任 <huang@example.com>: recipient refused: 550 5.1.1 mailbox unavailable",
        f"failed: WeCom group ({robots.base}/cgi-bin/webhook/send?key=…5aaa): errcode 45009: api freq out of limit",
        f"failed: WeCom group ({robots.base}/cgi-bin/webhook/send?key=…5aaa): errcode 45009: api freq out of limit",
        f"failed: Feishu group ({robots.base}/open-apis/bot/v2/hook/…0001): HTTP 500 Internal Server Error: internal error",
        f"failed: DingTalk group ({robots.base}/robot/send?access_token=…0k3n): no answer within 3 s",
    ]
    assert "1 sent, 0 already sent, 5 failed (recorded; sent again on the next run)" in result.stdout
    rows = sends(home)
    assert [r["status"] for r in rows] == ["ok", "failed", "failed", "failed", "failed", "failed"]
    assert "安排对比测试" in rows[1]["body"]  # the message is kept, not lost

    smtp.inbox.refuse.clear()
    robots.state.modes.update(wecom="ok", feishu="ok", dingtalk="ok")
    out = ok(meeting("followup", "1", "--send", "--as-of", "2026-11-27", env=WITH_PASSWORD))
    assert out.strip().splitlines()[-1] == "5 sent, 1 already sent, 0 failed"
    assert sorted(m.recipients[0] for m in smtp.mails) == ["huang@example.com", "wu@example.com"]
    assert [r["status"] for r in sends(home)][6:] == ["ok"] * 5


def test_wrong_robot_secrets_are_refused_by_the_signature_check(
    meeting: RunCli, home: Path, smtp: SmtpServer, robots: RobotServer
) -> None:
    text = config_toml(None, robots).replace("feishu-secret-for-tests", "wrong").replace(
        "SECdingtalk-secret-for-tests", "SECwrong")
    (home / "config.toml").write_text(text, encoding="utf-8")
    result = meeting("followup", "1", "--send", "--as-of", "2026-11-27")
    assert result.returncode == 1
    assert "code 19021: sign match fail or timestamp is not within one hour" in result.stderr
    assert "errcode 310000: sign not match" in result.stderr
    codes = [r.answer.get("errcode", r.answer.get("code")) for r in robots.state.received
             if isinstance(r.answer, dict)]
    assert codes == [0, 0, 19021, 310000]


def test_the_smtp_password_is_never_on_disk_or_in_output(
    meeting: RunCli, home: Path, smtp: SmtpServer
) -> None:
    outputs = [meeting("followup", "1", "--send", "--as-of", "2026-11-27", env=WITH_PASSWORD)]
    wrong = cli_env(FACILITATOR_SMTP_PASSWORD=PASSWORD + "-old")
    outputs.append(meeting("remind", "--send", "--as-of", "2026-11-28", env=wrong))
    assert outputs[-1].returncode == 1 and "login refused: 535" in outputs[-1].stderr
    outputs.append(meeting("doctor", env=WITH_PASSWORD))
    assert f"delivery    mail via 127.0.0.1:{smtp.port} from sales@example.com, login {USER}, password set; " \
        "robots: wecom, feishu (signed), dingtalk (signed); 5 people, 4 with email" in outputs[-1].stdout
    assert "password NOT SET (FACILITATOR_SMTP_PASSWORD)" in meeting("doctor").stdout
    for r in outputs:
        assert PASSWORD not in r.stdout + r.stderr
    for path in home.rglob("*"):
        if path.is_file():
            assert PASSWORD.encode() not in path.read_bytes(), path
    # without the variable a server that needs a login is not even tried
    refused(meeting("remind", "--send", "--as-of", "2026-11-29"), "FACILITATOR_SMTP_PASSWORD")
    # and a password written into config.toml is refused, not read
    config = home / "config.toml"
    config.write_text(config.read_text(encoding="utf-8").replace("[smtp]\n", '[smtp]\npassword = "x"\n'),
                      encoding="utf-8")
    refused(meeting("actions"), "remove password from [smtp]; set FACILITATOR_SMTP_PASSWORD instead")


def test_remind_lists_what_is_due_per_owner_once_a_day(
    meeting: RunCli, home: Path, smtp: SmtpServer, robots: RobotServer
) -> None:
    first = ok(meeting("remind", "--send", "--as-of", "2026-11-28", env=WITH_PASSWORD))
    assert first.strip().splitlines()[-1] == "6 sent, 0 already sent, 0 failed"
    by_to = {m.recipients[0]: m for m in smtp.mails}
    wu = by_to["wu@example.com"]
    assert wu.subject == "到期提醒：吴工（2026-11-28）"
    assert "- [ ] 检查软化水设备并估算产能（截止 2026-11-25；已逾期 3 天；来自会议 钢管生锈协调会）" in wu.body
    digest = robots.state.of("dingtalk")[0].body["markdown"]["text"]
    assert "更新检验记录表（截止 2026-12-01" in digest  # due within 3 days
    assert "向客户通报整改计划" not in digest  # undated: nothing to remind of
    # cron runs it again the same morning: nothing goes out
    again = ok(meeting("remind", "--send", "--as-of", "2026-11-28", env=WITH_PASSWORD))
    assert again.strip().splitlines()[-1] == "0 sent, 6 already sent, 0 failed"
    assert len(smtp.mails) == 2
    # the next morning is a new reminder; done actions drop out
    ok(meeting("action", "1", "--done"))
    ok(meeting("remind", "--send", "--as-of", "2026-11-29", "--within", "0", env=WITH_PASSWORD))
    assert [m.recipients[0] for m in smtp.mails[2:]] == ["huang@example.com"]
    assert "安排对比测试（截止 2026-11-26；已逾期 3 天" in smtp.mails[2].body
    # without --send, remind only shows what it would send
    shown = ok(meeting("remind", "--as-of", "2026-11-30"))
    assert "== mail to 黄主任 <huang@example.com> [new]" in shown and len(smtp.mails) == 3


def test_escalate_asks_the_manager_for_a_decision(
    meeting: RunCli, home: Path, smtp: SmtpServer, tmp_path: Path
) -> None:
    basis = tmp_path / "basis.md"
    basis.write_text("对比测试 => 黄主任 （依据：质量手册 4.2）\n", encoding="utf-8")
    ok(meeting("import", str(basis), "--meeting", "1"))
    ok(meeting("action", "2", "--blocked", "软化水设备还没到货"))
    shown = ok(meeting("escalate", "2", "--as-of", "2026-11-25"))  # not overdue yet, but blocked
    assert "== mail to 生产副总 <vp-production@example.com> [new]" in shown and smtp.mails == []
    out = ok(meeting("escalate", "2", "--send", "--as-of", "2026-11-28", env=WITH_PASSWORD))
    assert out.strip().splitlines()[-1] == "1 sent, 0 already sent, 0 failed"
    (mail,) = smtp.mails
    assert mail.recipients == ["vp-production@example.com"]
    assert mail.subject == "请您决定：安排对比测试"
    body = mail.body
    for needle in ("生产副总，您好：", "黄主任负责的“安排对比测试”已逾期 2 天（原定 2026-11-26）",
                   "受阻原因：软化水设备还没到货", "向客户承诺的日期：2026-12-10",
                   "责任依据：对比测试 → 黄主任（质量手册 4.2）", "客户华东管业",
                   "状态改为 受阻：软化水设备还没到货", "请回复您的决定"):
        assert needle in body, needle
    assert "责任" in body and "怪" not in body
    # not stuck, or nobody to ask: one line, exit 2
    refused(meeting("escalate", "3", "--as-of", "2026-11-28"), "action 3 is neither overdue nor blocked")
    refused(meeting("escalate", "3", "--as-of", "2026-12-05"), 'no manager for 郑工: add manager = "NAME"')
    refused(meeting("escalate", "99"), "no action with id 99")


def test_nothing_configured_means_nothing_is_sent_and_no_network(run_cli: RunCli, home: Path) -> None:
    ok(run_cli("meet", "--new", "钢管生锈协调会", "--order", "PO-1123", "--date", "2026-11-23", "--no-tui"))
    ok(run_cli("import", str(NOTES), "--meeting", "1"))
    refused(run_cli("followup", "1", "--send"), "nothing to send through: add [smtp] or [webhooks]")
    # nothing can go out, yet a dry run shows what each owner would read (issue 24)
    assert "检查软化水设备并估算产能" in ok(run_cli("followup", "1", "--dry-run"))


def test_ics_todos_with_alarms_and_people_read_back(meeting: RunCli, tmp_path: Path) -> None:
    ok(meeting("action", "2", "--blocked", "设备未到"))
    raw = ok(meeting("actions", "--open", "--format", "ics", "--todo"))
    cal = icalendar.Calendar.from_ical(raw.encode())
    assert list(cal.walk("VEVENT")) == []
    todos = {str(t["SUMMARY"]): t for t in cal.walk("VTODO")}
    assert set(todos) == {"吴工: 检查软化水设备并估算产能", "[受阻] 黄主任: 安排对比测试",
                          "郑工: 更新检验记录表", "张伟: 向客户通报整改计划"}
    wu = todos["吴工: 检查软化水设备并估算产能"]
    assert wu.decoded("DUE") == date(2026, 11, 25) and str(wu["STATUS"]) == "NEEDS-ACTION"
    (alarm,) = wu.walk("VALARM")
    assert alarm.decoded("TRIGGER") == timedelta(days=-1) and alarm["TRIGGER"].params["RELATED"] == "END"
    assert str(wu["ATTENDEE"]) == "mailto:wu@example.com" and wu["ATTENDEE"].params["CN"] == "吴工"
    assert str(wu["ORGANIZER"]) == "mailto:sales@example.com"
    assert "DUE" not in todos["张伟: 向客户通报整改计划"]  # undated: a to-do without a date or alarm
    assert not todos["张伟: 向客户通报整改计划"].walk("VALARM")
    again = icalendar.Calendar.from_ical(ok(meeting("actions", "--open", "--format", "ics", "--todo")).encode())
    assert {str(t["UID"]) for t in again.walk("VTODO")} == {str(t["UID"]) for t in todos.values()}
    # the default stays one all-day event per dated action, now with the attendee
    events = icalendar.Calendar.from_ical(ok(meeting("actions", "--open", "--format", "ics")).encode())
    assert len(list(events.walk("VEVENT"))) == 3 and not list(events.walk("VTODO"))
    refused(meeting("actions", "--todo"), "--todo goes with --format ics")
    exported = icalendar.Calendar.from_ical(ok(meeting("export", "1", "--format", "ics")).encode())
    attendees = {str(e["SUMMARY"]): str(e.get("ATTENDEE", "")) for e in exported.walk("VEVENT")}
    assert attendees["吴工: 检查软化水设备并估算产能"] == "mailto:wu@example.com"
    assert attendees["郑工: 更新检验记录表"] == ""  # no email in [people]


def test_send_log_json_is_what_the_board_shows(meeting: RunCli, home: Path, smtp: SmtpServer) -> None:
    from facilitator.service import Service

    ok(meeting("followup", "1", "--send", "--as-of", "2026-11-27", env=WITH_PASSWORD))
    svc = Service(home)
    try:
        log = svc.followup.sent(1)
    finally:
        svc.close()
    assert [(r.channel, r.recipient, r.status) for r in log] == [
        ("email", "吴工", "ok"), ("wecom", "group", "ok"), ("wecom", "group", "ok"),
        ("feishu", "group", "ok"), ("dingtalk", "group", "ok")]
    assert json.loads(json.dumps(log[0].to_json()))["answer"].startswith("250 ")


def test_an_attempt_cut_off_before_its_answer_is_unconfirmed_not_sent_again(home: Path, smtp: SmtpServer) -> None:
    """A process killed between claiming a message and the server's answer leaves a
    pending claim: the message may have arrived, so the next run reports it as
    unconfirmed and skips it; sending it again is the user's call."""
    from facilitator.config import load_settings
    from facilitator.sendlog import SendLog
    from facilitator.service import Service

    (home / "config.toml").write_text(config_toml(smtp, None, user=USER), encoding="utf-8")
    svc = Service(home, load_settings(home, env={"FACILITATOR_SMTP_PASSWORD": PASSWORD}))
    try:
        m = svc.record.new_meeting("钢管生锈协调会", order="PO-1123", on=date(2026, 11, 23))
        assert m.id is not None
        svc.record.capture(m.id, "@吴工：检查软化水设备 截止 11-25")
        plan = svc.followup.plan_followup(m.id, as_of=date(2026, 11, 27))
        (mail,) = plan.messages
        SendLog(svc.store).begin(kind="followup", channel="email", recipient="吴工", address=mail.address,
                                 subject=mail.subject, body=mail.body, content_hash=mail.content_hash(),
                                 action_ids=mail.action_ids)
        assert svc.followup.states(plan) == ["unconfirmed"]
        (outcome,) = svc.followup.send(plan)
        assert outcome.status == "unconfirmed" and "--retry-unconfirmed" in outcome.answer and not smtp.mails
        (outcome,) = svc.followup.send(plan, unconfirmed="retry")
        assert outcome.status == "sent" and len(smtp.mails) == 1
        assert [r.status for r in svc.followup.sent(mail.action_ids[0])] == ["failed", "ok"]
        assert svc.followup.states(plan) == ["already sent"]
    finally:
        svc.close()


def test_a_long_digest_is_split_to_fit_wecom_and_every_part_is_accepted(home: Path, robots: RobotServer) -> None:
    from facilitator.config import load_settings
    from facilitator.service import Service

    (home / "config.toml").write_text(config_toml(None, robots), encoding="utf-8")
    svc = Service(home, load_settings(home, env={}))
    try:
        m = svc.record.new_meeting("钢管生锈协调会", order="PO-1123", on=date(2026, 11, 23))
        assert m.id is not None
        for i in range(40):
            svc.record.capture(m.id, f"@负责人{i % 8}：把第{i}批钢管的清洗、检验和出厂记录整理成一份报告发给客户 截止 12-0{i % 9 + 1}")
        plan = svc.followup.plan_followup(m.id, as_of=date(2026, 11, 27))
        wecom = [x for x in plan.messages if x.channel == "wecom"]
        assert len(wecom) > 1 and all(len(x.body.encode()) <= 4000 for x in wecom)
        assert wecom[0].subject.endswith(f"(1/{len(wecom)})")
        assert sorted(i for x in wecom for i in x.action_ids) == sorted(a.id or 0 for a in svc.record.meeting(m.id).actions)
        assert all(o.status == "sent" for o in svc.followup.send(plan))
        assert [r.answer for r in robots.state.of("wecom")] == [{"errcode": 0, "errmsg": "ok"}] * len(wecom)
    finally:
        svc.close()
