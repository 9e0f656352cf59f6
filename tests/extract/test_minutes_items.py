"""Human minutes, one item at a time: the forms of an action (labels, @mentions, leading
and trailing owners, dates), of a decision and of an open question; tables; chat pastes."""

from __future__ import annotations

from datetime import date

import pytest

from facilitator.model import Participant
from tests.extract.test_minutes import actions, items, read


@pytest.mark.parametrize("fmt", ["txt", "raw"])
def test_a_wechat_paste_with_mentions_and_emoji(fmt: str) -> None:
    chat = """\
张三：@张工 明天把图纸发一下👍
张工：收到👌
李经理：@所有人 下午三点开会
王强：@李经理 报价单周三前能发我吗？
王强：@陈明 样品到了吗？
陈明：到了[强]
王强：今天客户又来电话催了😂
李经理：@张工 @陈明 周五前把测试报告整理好，谢谢
"""
    found, _, _ = read(chat, fmt)
    got = [(s.captured.text, s.captured.owner, s.captured.due) for s in found]
    assert got == [
        ("把图纸发一下", "张工", date(2026, 12, 8)),
        ("报价单发我", "李经理", date(2026, 12, 9)),
        ("把测试报告整理好", "张工、陈明", date(2026, 12, 11)),
    ]
    if fmt == "txt":
        assert [s.speaker for s in found] == ["张三", "王强", "李经理"]
        # the one asked says yes: the answer is quoted with the request, not a task of its own
        assert found[0].quote == "张三：@张工 明天把图纸发一下👍\n张工：收到👌"


def test_done_items_are_not_owed() -> None:
    text = """\
Action items
- [ ] Tom to restart the build agents
- [x] Anna to renew the certificate
- 冯博：V3 变更单归档（已完成）
"""
    assert actions(text) == [("restart the build agents", "Tom", None)]


@pytest.mark.parametrize("text, expected", [
    ("下一步：1. 采购部李经理周五前联系供应商确认交期", ("联系供应商确认交期", "采购部李经理", date(2026, 12, 11))),
    ("待办：张工 12月20日 完成图纸会签", ("完成图纸会签", "张工", date(2026, 12, 20))),
    ("行动项：由品质部负责出具8D报告，下周三前提交", ("出具8D报告，提交", "品质部", date(2026, 12, 16))),
    ("后续工作：@刘芳 月底前把对账单发给财务", ("把对账单发给财务", "刘芳", date(2026, 12, 31))),
    ("Next steps: Anna to ask Tom about the virtual machine", ("ask Tom about the virtual machine", "Anna", None)),
    ("Action items: Bob will file the bug by Wednesday", ("file the bug", "Bob", date(2026, 12, 9))),
    ("To do: Sales team to call the customer tomorrow", ("call the customer", "Sales team", date(2026, 12, 8))),
    ("Follow-ups: Maria - book the venue, due 12/18", ("book the venue", "Maria", date(2026, 12, 18))),
    ("ACTION: Priya to update the runbook by end of week", ("update the runbook", "Priya", date(2026, 12, 11))),
    ("AI (Kenji): share the benchmark numbers", ("share the benchmark numbers", "Kenji", None)),
])
def test_one_line_forms(text: str, expected: tuple) -> None:
    assert actions(text) == [expected]


def test_labelled_blocks_on_one_line_and_on_following_lines() -> None:
    text = """\
五、下一步工作安排
（一）完成新模具的试模。（牵头部门：生产部；配合部门：技术部；完成时限：12月底前）
（二）与客户确认包装方案
负责人：王强
截止日期：2026-12-15
事项：补发合格证
责任人：赵敏  完成时间：12月9日
"""
    assert actions(text) == [
        ("完成新模具的试模", "生产部", date(2026, 12, 31)),
        ("与客户确认包装方案", "王强", date(2026, 12, 15)),
        ("补发合格证", "赵敏", date(2026, 12, 9)),
    ]


def test_english_owner_due_blocks() -> None:
    text = """\
Action: Raise the PO for the safety fence extension
Owner: Emma Brooks
Due: December 9

Action: Book a crane for December 21
Owner: Grace Liu
Due: December 14
"""
    assert actions(text) == [
        ("Raise the PO for the safety fence extension", "Emma Brooks", date(2026, 12, 9)),
        ("Book a crane for December 21", "Grace Liu", date(2026, 12, 14)),
    ]


@pytest.mark.parametrize("fmt", ["raw", "md"])
def test_markdown_tables_with_owner_and_due_columns(fmt: str) -> None:
    text = """\
## 行动项
| 序号 | 任务 | 负责人 | 截止时间 | 状态 |
|---|---|---|---|---|
| 1 | 按 API 598 模板重出压力测试报告 | 赵建 | 12月5日 | 进行中 |
| 2 | 把新报告发给客户确认 | 王磊 | 12.8 | 未开始 |
| 3 | 上次的铭牌问题 | 孙倩 | 12月1日 | 已完成 |

| Task | Owner | Due |
|------|-------|-----|
| Send the revised quote | Dana | Fri |
| Check customs paperwork | Logistics | - |
"""
    assert actions(text, fmt) == [
        ("按 API 598 模板重出压力测试报告", "赵建", date(2026, 12, 5)),
        ("把新报告发给客户确认", "王磊", date(2026, 12, 8)),
        ("Send the revised quote", "Dana", date(2026, 12, 11)),
        ("Check customs paperwork", "Logistics", None),
    ]


def test_decision_forms() -> None:
    text = """\
会议决定：首批 500 台 12 月 18 日出货
经讨论，会议决定外壳改用铝合金压铸件。
✅ 定了：塑料件不再用了
结论：维持原报价
会议共识：质量问题优先于交期
Decision made that we keep the current supplier
We agreed that the demo stays in the lobby.
It was agreed that all lots received since October go on hold.
**Decision:** freeze the API until January
Agreed: no new features until the release
The group decided not to inform the customer yet.
"""
    got = items(text)
    assert [g[0] for g in got] == ["decision"] * 11
    assert [g[1] for g in got] == [
        "首批 500 台 12 月 18 日出货", "外壳改用铝合金压铸件", "塑料件不再用了", "维持原报价",
        "质量问题优先于交期", "we keep the current supplier", "the demo stays in the lobby",
        "all lots received since October go on hold", "freeze the API until January",
        "no new features until the release", "not to inform the customer yet",
    ]


def test_open_questions() -> None:
    text = """\
遗留问题
- 第三方见证检验的费用由谁承担？
待定：是否追加夜班
Open questions:
- Do we need a second source?
Still open: whether we also sponsor the evening reception.
"""
    got = items(text)
    assert [g[0] for g in got] == ["question"] * 4
    assert got[1][1] == "是否追加夜班"


def test_owners_are_normalised_to_participants_and_departments_stay_owners() -> None:
    people = [Participant("李娜", "采购部"), Participant("Anna Keller", "Sales"), Participant("张建国", "生产部")]
    text = """\
下一步
1. 采购部李娜周三前联系供应商
2. 生产部负责调整排产
3. 张建国：确认夜班人手
4. 品质部出具检验报告
Next steps
- Anna to send the revised quote
- Procurement to chase the supplier
- Logistics to book the truck
"""
    # a person named with their department is that participant; a department written as
    # the owner stays that department, even when one person of it is in the room
    assert actions(text, people=people) == [
        ("联系供应商", "李娜", date(2026, 12, 9)),
        ("调整排产", "生产部", None),
        ("确认夜班人手", "张建国", None),
        ("出具检验报告", "品质部", None),
        ("send the revised quote", "Anna Keller", None),
        ("chase the supplier", "Procurement", None),
        ("book the truck", "Logistics", None),
    ]


def test_tables_with_other_header_words() -> None:
    text = """\
| 问题 | 责任部门 | 计划解决时间 | 完成情况 |
| --- | --- | --- | --- |
| 遥控器失灵投诉分析 | 售后部 | 12月15日 | 进行中 |
| 议题 | 结论 |
| --- | --- |
| 外壳材料 | 改用铝合金压铸件 |
"""
    assert items(text) == [
        ("action", "遥控器失灵投诉分析", "售后部", date(2026, 12, 15)),
        ("decision", "外壳材料：改用铝合金压铸件", None, None),  # the topic cell says what was decided
    ]


def test_a_results_table_holds_decisions_and_the_tasks_someone_owns_with_a_date() -> None:
    text = """\
| 议题 | 讨论结果 | 跟进人 | 完成时间 |
|---|---|---|---|
| 发布时间 | 维持周四发布，不推迟 | — | — |
| 回滚预案 | 准备回滚脚本并演练一次 | 贝强 | 12月9日 |
"""
    assert items(text) == [
        ("decision", "发布时间：维持周四发布，不推迟", None, None),
        ("action", "准备回滚脚本并演练一次", "贝强", date(2026, 12, 9)),
    ]


def test_a_reply_to_a_mention_is_not_the_mentioned_persons_task() -> None:
    chat = """\
王强：@张工 明天把图纸发一下
张工：@王强 好的，我明天上午发
"""
    assert [(t, o) for t, o, _ in actions(chat, "txt")] == [("把图纸发一下", "张工")]


@pytest.mark.parametrize("text, expected", [
    ("行动项：跟进客户回款（财务部，本周内）", ("跟进客户回款", "财务部", date(2026, 12, 11))),
    ("行动项：王经理：协调物流，周四前给方案", ("协调物流，给方案", "王经理", date(2026, 12, 10))),
    ("下一步：12月10日前，由生产部完成首件检验。", ("完成首件检验", "生产部", date(2026, 12, 10))),
    ("待办：张三 负责 与客户沟通分批交货", ("与客户沟通分批交货", "张三", None)),
    ("待办：@李四(采购部) 周五前把比价单发群里", ("把比价单发群里", "李四", date(2026, 12, 11))),
    ("待办：联系供应商 / 李娜 / 12.10", ("联系供应商", "李娜", date(2026, 12, 10))),
    ("待办：责任人：张三｜完成时间：12月10日｜事项：更新BOM", ("更新BOM", "张三", date(2026, 12, 10))),
    ("Action items: John - Update the spec (due 12/15)", ("Update the spec", "John", date(2026, 12, 15))),
    ("Action items: [Owner: John] Update the spec by Friday", ("Update the spec", "John", date(2026, 12, 11))),
    ("Action items: @anna @tom finalize the guest list", ("finalize the guest list", "anna, tom", None)),
])
def test_more_one_line_forms(text: str, expected: tuple) -> None:
    assert actions(text) == [expected]


def test_spreadsheet_rows_pasted_under_an_action_heading() -> None:
    text = "后续工作\n联系供应商\t李娜\t12月10日\n更新排产计划\t张工\t12月12日\n"
    assert actions(text) == [("联系供应商", "李娜", date(2026, 12, 10)), ("更新排产计划", "张工", date(2026, 12, 12))]


def test_two_tasks_with_two_owners_in_one_item_are_two_actions() -> None:
    text = "下一步：张工周五前发图纸；李经理下周一前确认报价。\nNext steps: Ben will send the layout by Wednesday; Nina to order the brochures"
    assert actions(text) == [
        ("发图纸", "张工", date(2026, 12, 11)),
        ("确认报价", "李经理", date(2026, 12, 14)),
        ("send the layout", "Ben", date(2026, 12, 9)),
        ("order the brochures", "Nina", None),
    ]
    # one task in two clauses stays one
    assert len(actions("下一步：张工联系供应商；如果不行，启动备选方案")) == 1


@pytest.mark.parametrize("text, expected", [
    ("Action items: Update the wiki page [Lisa, Fri]", ("Update the wiki page", "Lisa", date(2026, 12, 11))),
    ("待办：更新报价单 王经理", ("更新报价单", "王经理", None)),
    ("待办：12.15前完成来料检验 —— 质检部", ("完成来料检验", "质检部", date(2026, 12, 15))),
])
def test_trailing_owners(text: str, expected: tuple) -> None:
    assert actions(text) == [expected]


def test_a_date_the_task_is_about_is_not_its_due_date() -> None:
    text = """\
需要跟进的事：
・熊飞：确认 12 月 12 日的车辆
・易娜：跟进物流，每周一通报一次到货进度
・李娜：联系供应商，确认剩余 1000 片能否提前到 12 月 15 日
Next steps
- Grace to book a crane for December 21
"""
    assert [(t, d) for t, _, d in actions(text)] == [
        ("确认 12 月 12 日的车辆", None), ("跟进物流，每周一通报一次到货进度", None),
        ("联系供应商，确认剩余 1000 片能否提前到 12 月 15 日", None), ("book a crane for December 21", None),
    ]


def test_fields_written_before_their_task() -> None:
    text = """\
整改项
责任人：张三  整改期限：12月10日
任务：更新来料检验规范
责任人：李四
任务：补做首件检验记录
Action items
Action by: John Smith | Target date: 12/18 | Priority: High
Summary: replace the guard on press 4
"""
    assert actions(text) == [
        ("更新来料检验规范", "张三", date(2026, 12, 10)),
        ("补做首件检验记录", "李四", None),
        ("replace the guard on press 4", "John Smith", date(2026, 12, 18)),
    ]


def test_audit_table_takes_the_measure_not_the_finding() -> None:
    text = """\
| 不符合项 | 问题描述 | 整改措施 | 责任人 | 整改期限 |
|---|---|---|---|---|
| NC-01 | 来料无检验记录 | 补做检验并建立台账 | 孙倩 | 12月12日 |
| Finding | Corrective action | Action by | Target date |
|---|---|---|---|
| Guard missing on press 4 | Fit a new guard | John Smith | 18 Dec |
"""
    assert actions(text) == [
        ("补做检验并建立台账", "孙倩", date(2026, 12, 12)),
        ("Fit a new guard", "John Smith", date(2026, 12, 18)),
    ]


def test_todo_boxes_with_a_name_and_a_space() -> None:
    text = """\
待办事项
□ 张三 完成样机试装 12/10
☐ 采购部 孙丽 下替代型号订单，年底前
- [ ] 更新报价单 @王芳 2026-12-09
"""
    assert actions(text) == [
        ("完成样机试装", "张三", date(2026, 12, 10)),
        ("下替代型号订单", "采购部 孙丽", date(2026, 12, 31)),
        ("更新报价单", "王芳", date(2026, 12, 9)),
    ]


def test_board_style_decisions_and_quoted_chat_replies() -> None:
    text = """\
RESOLVED that the 2027 budget is adopted as presented.
The Board approved the appointment of a new auditor.
Motion carried: the office move goes ahead in March.
Decisions on pricing are still pending.
「张三：@李四 明天发货」
李四：@张三 收到，明早发
"""
    assert items(text) == [
        ("decision", "the 2027 budget is adopted as presented", None, None),
        ("decision", "The Board approved the appointment of a new auditor", None, None),
        ("decision", "the office move goes ahead in March", None, None),
    ]


@pytest.mark.parametrize("phrase, due", [
    ("before the end of the week", date(2026, 12, 11)),
    ("by end of next week", date(2026, 12, 18)),
    ("by EOD", date(2026, 12, 7)),
    ("月底前", date(2026, 12, 31)),
    ("两天内", date(2026, 12, 9)),
    ("本周内", date(2026, 12, 11)),
    ("下周内", date(2026, 12, 18)),
    ("明天上午", date(2026, 12, 8)),
    ("12月中旬前", date(2026, 12, 20)),
    ("1月10日前", date(2027, 1, 10)),
])
def test_due_dates_minutes_use(phrase: str, due: date) -> None:
    assert actions(f"Action items: Tom to send the report {phrase}") == [("send the report", "Tom", due)]


def test_owner_with_a_department_in_brackets() -> None:
    text = """\
Action items
- Send the revised quote (Owner: Anna (Sales), due 12/10)
三、下步工作
1. 跟进供应商交期（责任人：彭丽（采购部））
2. 确认包装方案（责任人：采购部（彭丽））
"""
    assert actions(text) == [
        ("Send the revised quote", "Anna", date(2026, 12, 10)),
        ("跟进供应商交期", "彭丽", None),
        ("确认包装方案", "彭丽", None),
    ]


def test_ticket_lines_and_pairs_in_follow_ups() -> None:
    text = """\
Attendees: Lena Vogel, Marco Ricci, Aisha Bello, Tom Hughes
Tickets created
PAY-311 Fix rounding on partial refunds — Assignee: Marco — Due: Dec 11
PAY-312 Add audit log entry for manual refunds — Assignee: Aisha — Priority: High
Follow-ups
- Marco and Aisha pair on the edge cases tomorrow
"""
    assert actions(text) == [
        ("PAY-311 Fix rounding on partial refunds", "Marco Ricci", date(2026, 12, 11)),
        ("PAY-312 Add audit log entry for manual refunds", "Aisha Bello", None),
        ("pair on the edge cases", "Marco Ricci, Aisha Bello", date(2026, 12, 8)),
    ]


@pytest.mark.parametrize("line, text", [
    ("最终确定采用方案B。", "采用方案B"),
    ("经协商，双方同意12月20日前交付首批。", "12月20日前交付首批"),
    ("明确：运费由我方承担", "运费由我方承担"),
    ("Final decision: the launch moves to January", "the launch moves to January"),
    ("Team agreed to drop the beta label.", "drop the beta label"),
    ("Both sides agreed that the penalty clause stays.", "the penalty clause stays"),
])
def test_more_decision_leads(line: str, text: str) -> None:
    assert items(line) == [("decision", text, None, None)]


def test_a_decision_with_an_owner_is_still_a_decision() -> None:
    text = """\
## Decisions Made
* Decision 1: use vendor B for the housings (Owner: Anna)
* Anna to send vendor B the drawings by Friday
"""
    assert items(text) == [
        ("decision", "use vendor B for the housings", None, None),
        ("action", "send vendor B the drawings", "Anna", date(2026, 12, 11)),
    ]


@pytest.mark.parametrize("fmt", ["raw", "txt"])
def test_name_colon_task_by_date_in_english_prose(fmt: str) -> None:
    text = """\
Discussion
Anna: send the deck to the customer by Friday
Tom: the numbers look fine to me
Ravi: maybe we should wait
"""
    assert actions(text, fmt) == [("send the deck to the customer", "Anna", date(2026, 12, 11))]


def test_tables_without_outer_pipes_and_reports_of_what_was_done() -> None:
    people = [Participant("孙丽", "采购部")]
    text = """\
下一步
任务 | 负责人 | 截止
--- | --- | ---
联系供应商 | 李娜 | 12/10
会议记录
孙丽12月3日已下单。
"""
    assert items(text, people=people) == [("action", "联系供应商", "李娜", date(2026, 12, 10))]


def test_a_two_column_record_table() -> None:
    text = """\
| Item | Content |
|------|---------|
| **Attendees** | Anna, Tom |
| **Decisions** | Keep the current supplier |
| **Action Items** | - [ ] Send the revised quote - Anna<br>- [ ] Book the room - Tom |
"""
    assert items(text) == [
        ("decision", "Keep the current supplier", None, None),
        ("action", "Send the revised quote", "Anna", None),
        ("action", "Book the room", "Tom", None),
    ]


def test_a_slack_recap() -> None:
    chat = """\
[10:32] maria: @tom can you send the deck to Acme by Friday?
[10:33] tom: 👍 will do
[10:40] maria: @dev-team please pin the SDK version before the release
[10:41] lee: did anyone see the CI failure?
"""
    assert [(t, o, d) for t, o, d in actions(chat, "txt")] == [
        ("send the deck to Acme", "tom", date(2026, 12, 11)),
        ("pin the SDK version before the release", "dev-team", None),
    ]


def test_the_answer_to_a_request_gives_its_date() -> None:
    chat = """\
王强：@张工 把图纸发一下
李经理：报价单我下午看
张工：好的，明天上午发
"""
    found, used, _ = read(chat, "txt")
    assert [(s.captured.text, s.captured.owner, s.captured.due, s.cues) for s in found] == [
        ("把图纸发一下", "张工", date(2026, 12, 8), (0, 2)),
    ]


def test_a_mention_of_a_full_name() -> None:
    people = [Participant("Anna Keller"), Participant("Tom Barnes")]
    assert actions("Action Items\n- [ ] @Anna Keller Send the deck\n- [ ] Book the room @Tom Barnes\n", people=people) == [
        ("Send the deck", "Anna Keller", None), ("Book the room", "Tom Barnes", None),
    ]


@pytest.mark.parametrize("line", ["- Nice to have: dark mode", "- Subject to legal review", "- Um to be honest"])
def test_words_before_to_that_name_nobody(line: str) -> None:
    assert items(line) == []


@pytest.mark.parametrize("line, text", [
    ("We'll go with the Steelform racking.", "We'll go with the Steelform racking"),
    ("Going ahead with the March launch", "Going ahead with the March launch"),
    ("The revised budget was approved by all.", "The revised budget was approved by all"),
    ("Result: the pilot moves to Lyon", "the pilot moves to Lyon"),
    ("[DECIDED] keep weekly pickups", "keep weekly pickups"),
    ("原则同意分批交货方案。", "分批交货方案"),
    ("处理意见：退回供应商返工", "退回供应商返工"),
    ("双方确认：首批12月18日出货", "首批12月18日出货"),
    ("就交期达成一致：12月20日前交付首批", "12月20日前交付首批"),
])
def test_decisions_said_in_other_words(line: str, text: str) -> None:
    assert items(line) == [("decision", text, None, None)]


@pytest.mark.parametrize("line", [
    "We went with the team to the plant last week to look at the line",
    "The customer confirmed they received the samples",
    "客户确认收到了样品",
])
def test_lines_that_only_look_like_decisions(line: str) -> None:
    assert items(line) == []


@pytest.mark.parametrize("line, text", [
    ("Decided to keep weekly pickups", "keep weekly pickups"),
    ("决定先走老周的供应商", "先走老周的供应商"),
])
def test_a_short_decision_line_is_no_heading(line: str, text: str) -> None:
    assert items(line) == [("decision", text, None, None)]


@pytest.mark.parametrize("line, text", [
    ("After some discussion, the team agreed to postpone the launch to March.", "postpone the launch to March"),
    ("最后，大家同意先按2000套排产。", "先按2000套排产"),
    ("In the end we decided to keep the old carrier", "keep the old carrier"),
])
def test_a_decision_after_an_opening(line: str, text: str) -> None:
    assert items(line) == [("decision", text, None, None)]


def test_a_table_of_decisions_with_an_owner_column() -> None:
    text = "| # | Decision | Owner |\n|---|---|---|\n| 1 | Keep the old carrier | Ben |\n| 2 | Move the pilot to Lyon | Nina |\n"
    assert items(text) == [
        ("decision", "Keep the old carrier", None, None), ("decision", "Move the pilot to Lyon", None, None),
    ]


def test_tags_before_and_after_an_item() -> None:
    text = """\
[ACTION] Anna to send the deck by Friday
Keep weekly pickups (DECISION)
Move the pilot to Lyon — DECISION
Anna to send the plan to the client (agreed)
【待办】张工周五前发图纸
【结论】外壳改用铝合金压铸件
Renew the certificate [ACTION: Tom]
"""
    assert items(text) == [
        ("action", "send the deck", "Anna", date(2026, 12, 11)),
        ("decision", "Keep weekly pickups", None, None),
        ("decision", "Move the pilot to Lyon", None, None),
        ("action", "send the plan to the client", "Anna", None),
        ("action", "发图纸", "张工", date(2026, 12, 11)),
        ("decision", "外壳改用铝合金压铸件", None, None),
        ("action", "Renew the certificate", "Tom", None),
    ]


def test_formal_paragraphs_with_the_decision_inside() -> None:
    text = "一、关于包材供应问题。会议认为起订量是主要障碍。关于外箱供应商，会议决定先走老周介绍的供应商。\n"
    assert items(text) == [("decision", "先走老周介绍的供应商", None, None)]


def test_an_item_quoted_again_is_suggested_once() -> None:
    text = "Next steps:\n- Anna to send the deck by Friday\n\nOn Monday Rosa wrote:\n> Next steps:\n> - Anna to send the deck by Friday\n"
    assert actions(text) == [("send the deck", "Anna", date(2026, 12, 11))]


def test_a_plain_numbered_list_holds_decisions_and_tasks_by_what_each_point_says() -> None:
    text = """\
车间安全检查碰头会 2026-12-07
参会：许峰、邓丽、侯勇
会议纪要：
1. 叉车通道从东门改到北门，东门只走人。
2. 消防器材不够，同意再买二十个灭火器，由邓丽负责采购，周五前到位。
3. 侯勇安排夜班的安全培训，下周三前做完。
4. 邓丽上周已把隐患清单报给园区，这项完成。
5. 许峰说老厂房的电线也该查一下。
"""
    assert items(text) == [
        ("decision", "叉车通道从东门改到北门，东门只走人", None, None),
        ("decision", "消防器材不够，同意再买二十个灭火器", None, None),
        ("action", "采购，到位", "邓丽", date(2026, 12, 11)),
        ("action", "安排夜班的安全培训，做完", "侯勇", date(2026, 12, 16)),
    ]


def test_an_owner_before_a_dash_and_a_settled_tag() -> None:
    text = """\
要办的：
- [ ] 安琪 — 和工作室确认报价（周五前）
展位面积 → 还是 54 平，不加了（定）
"""
    got = items(text, people=[Participant("安琪")])
    assert ("action", "和工作室确认报价", "安琪", date(2026, 12, 11)) in got
    assert any(k == "decision" and "54 平" in t for k, t, _, _ in got)
