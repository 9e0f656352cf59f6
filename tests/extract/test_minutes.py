"""Human minutes in the forms people write them (issue 29, point 2): what the minutes
reader suggests from a page of minutes, with owner, due date and quote, and what it
leaves alone (prose, headings, quick-capture lines, done items, chat rituals)."""

from __future__ import annotations

from datetime import date

import pytest

from facilitator.extract.minutes import extract_minutes
from facilitator.model import Cue, Participant
from facilitator.transcripts import parse_text

MON = date(2026, 12, 7)  # a Monday


def read(text: str, fmt: str = "raw", people: list[Participant] | None = None, on: date = MON):
    """Suggestions for ``text``: ``raw`` hands every line as a cue with no speaker (a notes
    file); ``txt`` / ``md`` read it the way ``import`` does (speaker labels split, Markdown
    marks stripped)."""
    if fmt == "raw":
        cues = [Cue(None, line) for line in text.splitlines() if line.strip()]
    else:
        cues = parse_text(text, fmt).cues
    found, used = extract_minutes(cues, meeting_date=on, participants=people or [])
    return found, used, cues


def items(text: str, fmt: str = "raw", people: list[Participant] | None = None, on: date = MON):
    found, _, _ = read(text, fmt, people, on)
    return [(s.captured.kind, s.captured.text, s.captured.owner, s.captured.due) for s in found]


def actions(text: str, fmt: str = "raw", people: list[Participant] | None = None):
    return [(t, o, d) for k, t, o, d in items(text, fmt, people) if k == "action"]


ZH_MINUTES = """\
华东订单交付协调会 2026-12-07
参会人：销售 王强；采购部 李经理；生产部 张工；品质部 陈明
一、会议内容
1. 客户要求月底前交货，目前外箱供应商起订量五百个。
2. 生产线排期已满，张工说最快也要下周。
二、会议决定
1. 先走老周介绍的供应商，不行再考虑五百个起订。
2. 外箱由采购部负责。
三、下一步：
1. 采购部李经理周五前联系供应商确认交期。
2. 张工负责样品装箱测试，12月10日前完成。
3. 更新排产计划
   责任人：张工
   完成时间：12月12日
4. 品质部出具检验报告（陈明，12/15）
四、遗留问题
1. 运费由谁承担待定。
决定：价格按原合同执行
@王强: 通知客户 截止 周五
"""


@pytest.mark.parametrize("fmt", ["raw", "txt", "md"])
def test_chinese_minutes_give_their_actions_decisions_and_questions(fmt: str) -> None:
    got = items(ZH_MINUTES, fmt)
    assert ("action", "联系供应商确认交期", "李经理", date(2026, 12, 11)) in got
    assert ("action", "样品装箱测试", "张工", date(2026, 12, 10)) in got
    assert ("action", "更新排产计划", "张工", date(2026, 12, 12)) in got
    assert ("action", "品质部出具检验报告", "陈明", date(2026, 12, 15)) in got
    assert ("decision", "先走老周介绍的供应商，不行再考虑五百个起订", None, None) in got
    assert ("question", "运费由谁承担待定", None, None) in got
    # the discussion is prose, and the typed lines are recorded as typed, not suggested
    assert len([g for g in got if g[0] == "action"]) == 4
    assert not [g for g in got if "价格按原合同" in g[1] or "通知客户" in g[1] or "排期" in g[1]]


def test_each_suggestion_quotes_its_lines_and_names_its_cues() -> None:
    found, used, cues = read(ZH_MINUTES)
    block = next(s for s in found if s.captured.text == "更新排产计划")
    assert block.quote.splitlines() == ["3. 更新排产计划", "责任人：张工", "完成时间：12月12日"]
    assert [cues[i].text.strip() for i in block.cues] == block.quote.splitlines()
    assert set(block.cues) <= used
    # prose the minutes reader did not read is left to the conversation reader
    prose = next(i for i, c in enumerate(cues) if "生产线排期" in c.text)
    assert prose not in used
    typed = next(i for i, c in enumerate(cues) if c.text.startswith("决定："))
    assert all(typed not in s.cues for s in found)


EN_MINUTES = """\
# Weekly sync – 2026-12-07

Attendees: Anna Schmidt, Tom Becker, Ravi (Procurement), Lisa

## Notes
- Tom gave an update on the VM migration. It will take two weeks.
- We need to look at the CI costs at some point.
- Lisa will be on vacation next week.

## Decisions
- Decision made that we ship v2 on the old build server
- Agreed: no new features until the release
- Use PostgreSQL 15 for the pilot

## Action items
- [ ] Anna to ask Tom about the virtual machine
- [ ] Tom will send the migration plan by Friday
- [ ] Ravi: get a second quote from the vendor by Dec 12
- [ ] Update the wiki page (Lisa)
- [ ] @lisa-k will review the PR by next Monday

## Open questions
- Who pays for the extra licences?

Next meeting: Monday 10am.
"""


@pytest.mark.parametrize("fmt", ["raw", "md"])
def test_english_minutes(fmt: str) -> None:
    got = items(EN_MINUTES, fmt)
    assert [g for g in got if g[0] == "action"] == [
        ("action", "ask Tom about the virtual machine", "Anna Schmidt", None),
        ("action", "send the migration plan", "Tom Becker", date(2026, 12, 11)),
        ("action", "get a second quote from the vendor", "Ravi", date(2026, 12, 12)),
        ("action", "Update the wiki page", "Lisa", None),
        ("action", "review the PR", "Lisa", date(2026, 12, 14)),
    ]
    assert [g[1] for g in got if g[0] == "decision"] == [
        "we ship v2 on the old build server", "no new features until the release", "Use PostgreSQL 15 for the pilot",
    ]
    assert [g[1] for g in got if g[0] == "question"] == ["Who pays for the extra licences?"]


def test_a_wechat_paste_with_mentions_and_emoji() -> None:
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
    found, _, _ = read(chat, "txt")
    got = [(s.captured.text, s.captured.owner, s.captured.due, s.speaker) for s in found]
    assert got == [
        ("把图纸发一下", "张工", date(2026, 12, 8), "张三"),
        ("报价单发我", "李经理", date(2026, 12, 9), "王强"),
        ("把测试报告整理好", "张工、陈明", date(2026, 12, 11), "李经理"),
    ]
    assert found[0].quote == "张三：@张工 明天把图纸发一下👍"


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


def test_decision_lists_under_headings_and_actions_inside_them() -> None:
    text = """\
会议决议：
1. 同意采用国产推杆作为备选方案，寿命测试通过后切换。
2. 由采购部负责与原供应商谈判，12月11日前反馈结果。
What we agreed
* We'll take the 6x6 booth, not the 9x9 - the budget simply doesn't stretch.
* Ben to send the booth layout by next Wednesday
"""
    got = items(text)
    assert got == [
        ("decision", "同意采用国产推杆作为备选方案，寿命测试通过后切换", None, None),
        ("action", "与原供应商谈判，反馈结果", "采购部", date(2026, 12, 11)),
        ("decision", "We'll take the 6x6 booth, not the 9x9 - the budget simply doesn't stretch", None, None),
        ("action", "send the booth layout", "Ben", date(2026, 12, 16)),
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


@pytest.mark.parametrize("line", [
    "我们下一步要看看客户的反馈。",
    "下一步怎么走，大家意见不一。",
    "Tom gave an update on the VM migration. It will take two weeks.",
    "Lisa will be on vacation next week.",
    "We need to look at the CI costs at some point.",
    "Thanks to Anna for hosting.",
    "Mark suggested we might look at a second source next year; no decision was taken.",
    "客户要求12月15日前交货。",
    "张工说最快也要下周。",
    "会议时间：2026年12月8日 14:00",
    "参会人：销售 王强；采购部 李经理",
    "## 讨论",
    "Action items",
    "另外客户说的那个噪音问题，大家有空也想想办法😂",
    "收到请回复 1",
])
def test_prose_headings_and_rituals_give_nothing(line: str) -> None:
    assert items(line) == []


def test_vague_items_under_an_action_heading_are_not_actions() -> None:
    text = """\
📌 待办：
@郑强 周五前把压铸件的报价和交期发群里
另外客户说的那个噪音问题，大家有空也想想办法😂
Next steps
- Omar will maybe look into costs at some point
"""
    assert actions(text) == [("把压铸件的报价和交期发群里", "郑强", date(2026, 12, 11))]


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
    # a department with one person in the room is that person (as the conversation reader
    # names them); a department nobody in the room belongs to stays the owner as written
    assert actions(text, people=people) == [
        ("联系供应商", "李娜", date(2026, 12, 9)),
        ("调整排产", "张建国", None),
        ("确认夜班人手", "张建国", None),
        ("出具检验报告", "品质部", None),
        ("send the revised quote", "Anna Keller", None),
        ("chase the supplier", "李娜", None),
        ("book the truck", "Logistics", None),
    ]


def test_quick_capture_lines_keep_their_meaning_and_are_not_suggested() -> None:
    text = """\
下一步：
@吴工: 检查设备 截止 11月25日
- [ ] @张工：发图纸
决议：按原方案执行
清洗工艺 => 生产部
? 运费谁出
Action items
- @jdoe: draft the RFC
"""
    assert items(text) == []


def test_attendee_lines_name_the_owners() -> None:
    text = """\
参会：@周明(销售) @吴芳(计划)
待办：
@吴芳 下周一出新的排产表
"""
    assert actions(text) == [("出新的排产表", "吴芳", date(2026, 12, 14))]


def test_template_minutes_in_english() -> None:
    text = """\
MEETING NOTES
Meeting: Carrier switch for the Lyon order
Date: 2026-12-07
Attendees: Chloe Martin, Ben Foster, Nina Rossi

KEY DECISIONS
• Move the Lyon shipments to the new carrier from January
• Keep weekly pallet pickups

## Discussion & Decisions
### 1. Rates
* The new carrier is 8% cheaper on full pallets.
* **Decision:** sign the one-year contract

ACTION ITEMS
| # | Action Item | Assigned To | Due Date | Status |
|---|-------------|-------------|----------|--------|
| AI-001 | Send the signed contract to the carrier | Ben | 2026-12-10 | 🔴 Open |
| AI-002 | Update the routing guide | Nina | 2026-12-04 | 🟢 Done |

Actions:
• Chloe: tell the customer about the change — by Thursday
• Action Item 3: brief the warehouse team (Owner: Nina Rossi, Due: 2026-12-11)
• Alice and Ben to compare the insurance terms
• Follow up with legal on the NDA (@maria)
• TODO(ben): archive the old rate cards

PARKING LOT
• Should we tender the UK lanes too?

NEXT MEETING
Date: 2026-12-14
"""
    got = items(text)
    assert [g for g in got if g[0] == "decision"] == [
        ("decision", "Move the Lyon shipments to the new carrier from January", None, None),
        ("decision", "Keep weekly pallet pickups", None, None),
        ("decision", "sign the one-year contract", None, None),
    ]
    assert [g[1:] for g in got if g[0] == "action"] == [
        ("Send the signed contract to the carrier", "Ben Foster", date(2026, 12, 10)),
        ("tell the customer about the change", "Chloe Martin", date(2026, 12, 10)),
        ("brief the warehouse team", "Nina Rossi", date(2026, 12, 11)),
        ("compare the insurance terms", "Alice, Ben Foster", None),
        ("Follow up with legal on the NDA", "maria", None),
        ("archive the old rate cards", "Ben Foster", None),
    ]
    assert [g[1] for g in got if g[0] == "question"] == ["Should we tender the UK lanes too?"]


def test_feishu_and_dingtalk_minutes() -> None:
    feishu = """\
会议纪要
智能会议纪要由 AI 生成，内容仅供参考
总结
- 外壳颜色客户还没最终确认，排产先按灰色准备。
待办
- [ ] 周明：跟客户确认外壳颜色 12月8日
- [ ] 吴芳：出新的排产表
"""
    assert actions(feishu) == [("跟客户确认外壳颜色", "周明", date(2026, 12, 8)), ("出新的排产表", "吴芳", None)]
    dingtalk = """\
【会议主题】电机订单交付
【参会人员】周明、吴芳、郑强
【会议决议】
1. 首批 500 台 12 月 18 日出货。
【待办事项】
1. @郑强 周五前把压铸件的报价发群里
2. 完成样机试装（责任人：冯涛，完成时间：12月8日）
3、生产部：安排夜班，确保12月15日前完成500台。
4、采购部（彭丽）：与原推杆供应商谈交期
"""
    got = items(dingtalk)
    assert got == [
        ("decision", "首批 500 台 12 月 18 日出货", None, None),
        ("action", "把压铸件的报价发群里", "郑强", date(2026, 12, 11)),
        ("action", "完成样机试装", "冯涛", date(2026, 12, 8)),
        ("action", "安排夜班，确保完成500台", "生产部", date(2026, 12, 15)),
        ("action", "与原推杆供应商谈交期", "彭丽", None),
    ]


def test_sub_points_and_wrapped_lines_join_their_item() -> None:
    text = """\
## Action items
- Anna to prepare the release
  - includes the changelog and the tag
- Bob to renew the certificate
## 下一步
1. 采购部周三前联系供应商，确认剩余 1000 片能否提前，
   如果不能，就启动备选供应商评估。
2. 生产部按 2000 套排产
"""
    found, _, _ = read(text)
    got = [(s.captured.text, s.captured.owner, len(s.cues)) for s in found]
    assert got == [
        ("prepare the release", "Anna", 2),
        ("renew the certificate", "Bob", 1),
        ("联系供应商，确认剩余 1000 片能否提前", "采购部", 2),
        ("按 2000 套排产", "生产部", 1),
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
        ("decision", "改用铝合金压铸件", None, None),
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


def test_prose_will_counts_for_people_in_the_room_only() -> None:
    people = [Participant("Tom Becker")]
    text = """\
Discussion
Tom will send the draft to legal.
The customer will review the offer internally.
Anna to check the warranty terms.
大家一致认为换模板的成本不高。
会议明确：先保交期。
"""
    assert items(text, people=people) == [
        ("action", "send the draft to legal", "Tom Becker", None),
        ("action", "check the warranty terms", "Anna", None),
        ("decision", "先保交期", None, None),
    ]


FORMAL_ZH = """\
关于控制柜订单交付延期问题的会议纪要
会议时间：2026年12月7日（周一）下午2:00-3:30
主持人：刘总
参会人员：销售部 陈静、生产部 周建国、采购部 孙丽、质量部 赵磊、财务部 王芳
一、会议背景
客户的2000台控制柜订单原定12月20日交货，因继电器缺货，预计要延期到1月上旬。
二、讨论情况
1. 采购部反馈：继电器供应商产能不足，最快12月28日到货。
2. 生产部表示：如果物料12月28日到，最快1月5日可以完成生产。
三、会议议定事项
1. 同意启用替代型号继电器，同时做型式试验。
2. 由销售部陈静负责与客户沟通分批交货方案，12月9日前取得客户书面确认。
3. 采购部孙丽12月8日前下替代型号继电器订单。
4. 生产部周建国调整排产计划，12月10日前发各部门。
四、其他事项
下次会议时间另行通知。
"""


@pytest.mark.parametrize("fmt", ["raw", "txt"])
def test_a_formal_chinese_minutes_with_agreed_matters(fmt: str) -> None:
    # 议定事项 holds decisions and assignments alike: an item that names someone in the
    # room with a date is an action, the rest are decisions
    assert items(FORMAL_ZH, fmt) == [
        ("decision", "同意启用替代型号继电器，同时做型式试验", None, None),
        ("action", "与客户沟通分批交货方案，取得客户书面确认", "陈静", date(2026, 12, 9)),
        ("action", "下替代型号继电器订单", "孙丽", date(2026, 12, 8)),
        ("action", "调整排产计划，发各部门", "周建国", date(2026, 12, 10)),
    ]


GITHUB_NOTES = """\
# 2026-12-07 Infra WG
**Attendees:** @jdoe, @msmith, Priya (Release), Kenji
## Notes
- The macOS runners fail ~10% of the time; @msmith thinks it is the cache.
- We could move to larger runners but that costs more.
- AI: @msmith to open an issue with the numbers
- Kenji will be out Dec 20 to Jan 3.
## Action Items
- [ ] @jdoe: write the migration guide draft
- [ ] Priya — cut the release branch (Dec 14)
- [ ] Kenji to hand over the signing keys before his leave
## Risks
- Regression run may take longer than a day.
"""


@pytest.mark.parametrize("fmt", ["raw", "md"])
def test_project_meeting_notes_on_github(fmt: str) -> None:
    assert actions(GITHUB_NOTES, fmt) == [
        ("open an issue with the numbers", "msmith", None),
        ("cut the release branch", "Priya", date(2026, 12, 14)),
        ("hand over the signing keys before his leave", "Kenji", None),
    ]


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


def test_status_lines_in_an_action_list_are_not_new_tasks() -> None:
    assert actions("待办\n张工：图纸已完成\nAction items\n- Tom: renew the certificate - done") == []


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


def test_a_list_after_a_sentence_that_ends_in_its_heading() -> None:
    text = """\
会议就包装线改造的进度进行了讨论，形成如下意见：
1. 新封箱机 12 月 10 日到厂，期间 2 号线停产。（结论）
2. 封箱机基础图纸需要尽快确认（责任人：鲁工，11月25日前）。
3. 旧设备的处置方式暂未确定，下次会议讨论。
"""
    assert items(text) == [
        ("decision", "新封箱机 12 月 10 日到厂，期间 2 号线停产", None, None),
        ("action", "封箱机基础图纸需要尽快确认", "鲁工", date(2026, 11, 25)),
        ("question", "旧设备的处置方式暂未确定，下次会议讨论", None, None),
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
