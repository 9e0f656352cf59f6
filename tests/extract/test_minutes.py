"""Human minutes in the forms people write them (issue 29, point 2): whole pages (Chinese
and English minutes, company templates, Feishu and DingTalk minutes, project notes), what the
minutes reader leaves alone, and what it hands on to the conversation reader."""

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
    "医院病床项目协调会会议纪要\n时间：2026年12月8日 14:00\n地点：二楼会议室",
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


def test_status_lines_in_an_action_list_are_not_new_tasks() -> None:
    assert actions("待办\n张工：图纸已完成\nAction items\n- Tom: renew the certificate - done") == []


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


def test_narrative_minutes() -> None:
    people = [Participant("江涛", "生产部"), Participant("侯敏", "质检部"), Participant("邹亮", "销售部"),
              Participant("Mark Evans"), Participant("Julia Stone")]
    text = """\
会上，销售部邹亮介绍了客户插单的情况。江涛表示产线可以调整。
会议要求生产部江涛明天中午前发新的排产计划，质检部侯敏下周一前出作业指导书。
邹亮今天通知客户顺延两天。
江涛负责的产线目前满负荷。
It was agreed that Mark would contact the supplier by Friday.
It was agreed that the pilot stays in Lyon.
The fire exit signage on level 2 will be replaced. Action: JS
The visitor log was reviewed and found complete.
"""
    assert items(text, people=people) == [
        ("action", "发新的排产计划", "江涛", date(2026, 12, 8)),
        ("action", "出作业指导书", "侯敏", date(2026, 12, 14)),
        ("action", "通知客户顺延两天", "邹亮", date(2026, 12, 7)),
        ("action", "contact the supplier", "Mark Evans", date(2026, 12, 11)),
        ("decision", "the pilot stays in Lyon", None, None),
        ("action", "The fire exit signage on level 2 will be replaced", "Julia Stone", None),
    ]


def test_one_line_numbered_lists_and_sub_headings_in_lists() -> None:
    text = """\
下一步：1. 张工周五前发图纸 2. 李经理确认报价 3. 更新排产计划
Action items
- For the pilot:
  - Anna to book the room
Sales:
- call the customer
"""
    assert actions(text) == [
        ("发图纸", "张工", date(2026, 12, 11)),
        ("确认报价", "李经理", None),
        ("更新排产计划", None, None),
        ("book the room", "Anna", None),
        ("call the customer", "Sales", None),
    ]


def test_the_agenda_and_last_meetings_actions_are_not_this_meetings_items() -> None:
    text = """\
Agenda
1. Anna to present the Q3 numbers
2. Tom to demo the new portal
Action items from last meeting
- Bob to renew the certificate (done)
- Carl to fix the build (in progress)
上次会议待办完成情况
1. 张工：发图纸（已完成）
2. 李经理：确认报价，进行中
Next steps
- Anna to send the Q3 deck by Friday
"""
    assert actions(text) == [("send the Q3 deck", "Anna", date(2026, 12, 11))]


def test_a_plan_for_next_week_after_decisions_is_a_list_of_tasks() -> None:
    text = """\
会议决定：
- 第三批镀锌件启用备选供应商。
下周工作计划：
1. 冯博：出设计变更单V4，本周五前提交客户签字
2. 韦华：更新项目进度表并发送客户
Next steps:
- Legal (Hannah) reviews the contract draft by Dec 12.
"""
    assert items(text) == [
        ("decision", "第三批镀锌件启用备选供应商", None, None),
        ("action", "出设计变更单V4，提交客户签字", "冯博", date(2026, 12, 11)),
        ("action", "更新项目进度表并发送客户", "韦华", None),
        ("action", "reviews the contract draft", "Hannah", date(2026, 12, 12)),
    ]


def test_more_list_shapes() -> None:
    people = [Participant("Anna Keller"), Participant("Tom Barnes")]
    text = """\
Actions
* Anna
  * send the deck
  * book the room
* Tom
  * fix the CI cache
- Send the quote to the customer → Tom, 12/10
- AI-2 (Anna): renew the licence
事项：更新来料检验规范
负责：张三
时间：12月10日
"""
    assert actions(text, people=people) == [
        ("send the deck", "Anna Keller", None),
        ("book the room", "Anna Keller", None),
        ("fix the CI cache", "Tom Barnes", None),
        ("Send the quote to the customer", "Tom Barnes", date(2026, 12, 10)),
        ("renew the licence", "Anna Keller", None),
        ("更新来料检验规范", "张三", date(2026, 12, 10)),
    ]


def test_lines_of_lists_are_used_and_a_spoken_heading_opens_no_list() -> None:
    text = """\
Agenda
1. Anna to present the Q3 numbers
Next steps
- Omar will maybe look into costs at some point
"""
    found, used, cues = read(text)
    assert found == [] and used == set(range(len(cues)))
    spoken = [Cue("Anna", "next steps"), Cue("Tom", "I will look at the logs"), Cue("Anna", "ok")]
    found, used = extract_minutes(spoken, meeting_date=MON, participants=[])
    assert found == [] and used == set()


def test_a_minutes_file_read_as_import_reads_it(tmp_path) -> None:
    from facilitator.extract import extract
    from facilitator.sources import read_source

    path = tmp_path / "周会纪要.md"
    path.write_text(ZH_MINUTES.replace("一、", "## ").replace("二、", "## ").replace("三、", "## ")
                    .replace("四、", "## "), encoding="utf-8")
    source = read_source(path, MON)
    found = extract(source.transcript.cues, meeting_date=source.meeting.date,
                    participants=source.meeting.participants, language=source.meeting.language)
    got = [(s.captured.kind, s.captured.text, s.captured.owner, s.captured.due) for s in found]
    assert ("action", "联系供应商确认交期", "李经理", date(2026, 12, 11)) in got
    assert ("action", "品质部出具检验报告", "陈明", date(2026, 12, 15)) in got
    assert ("question", "运费由谁承担待定", None, None) in got
    assert all(s.quote and s.cues for s in found)
    # each line gives at most one item of a kind: the two readers never suggest the same line twice
    seen = [(s.captured.kind, i) for s in found for i in s.cues]
    assert len(seen) == len(set(seen))


def test_a_labelled_point_in_a_list_is_that_point_only() -> None:
    text = """\
## Notes
- **Decision:** ship the pilot on the old server
- The CI costs went up again
- Open questions: who signs the DPA?
- Procurement is waiting for the second quote
"""
    assert items(text) == [
        ("decision", "ship the pilot on the old server", None, None),
        ("question", "who signs the DPA?", None, None),
    ]


def test_project_notes_written_under_their_agenda_points() -> None:
    text = """\
### Agenda
- [alice] KEP-1234 status
  - Alice: the PR is ready for review; needs an approver
  - AI(bob): review the PR this week
- [carol] flaky test triage
  - Decision: quarantine the flaky e2e tests
  - **Decision:** keep the nightly job
  - @dave will write up the triage doc
- Anna to present the Q3 numbers
"""
    assert items(text) == [
        ("action", "review the PR", "bob", date(2026, 12, 11)),
        ("decision", "keep the nightly job", None, None),
        ("action", "write up the triage doc", "dave", None),
    ]


def test_numbered_labels_of_a_company_template() -> None:
    text = """\
三、会议议程
1. 项目进度汇报（负责人：陈明，10分钟）
讨论结果：首批按 12 月 18 日发货
四、会议决议
决议一：外壳改用铝合金压铸件
决议二：包装改为木箱
五、后续行动
行动一：补充成本明细
负责人：王芳
完成时间：12月20日
待办：财务部需补充报价附件（12月10日前）
"""
    assert items(text) == [
        ("decision", "首批按 12 月 18 日发货", None, None),
        ("decision", "外壳改用铝合金压铸件", None, None),
        ("decision", "包装改为木箱", None, None),
        ("action", "补充成本明细", "王芳", date(2026, 12, 20)),
        ("action", "补充报价附件", "财务部", date(2026, 12, 10)),
    ]


def test_an_aside_ends_a_list_written_without_bullets() -> None:
    text = """\
结论：
先按2000套排产。
不换供应商。
另外，张工提到下周要出差。
"""
    assert [g[1] for g in items(text)] == ["先按2000套排产", "不换供应商"]


def test_a_mails_closing_is_no_task() -> None:
    text = "Next steps:\nBen to send the layout by Wednesday\nBest regards,\nChloe\n下一步：\n张工周五前发图纸\n谢谢！\n邹亮\n"
    assert actions(text) == [("send the layout", "Ben", date(2026, 12, 9)), ("发图纸", "张工", date(2026, 12, 11))]


def test_will_in_a_list_when_nobody_wrote_down_who_came() -> None:
    text = "- Chloe will sort out the shipping\n- The customer will review the offer\nChloe will call them.\n"
    assert actions(text) == [("sort out the shipping", "Chloe", None)]


def test_a_question_in_a_task_list_stays_a_question() -> None:
    text = "Action items\n- Who follows up with legal?\n- Anna to send the deck\n待办\n- 是否需要第三方见证？\n"
    assert items(text) == [
        ("question", "Who follows up with legal?", None, None),
        ("action", "send the deck", "Anna", None),
        ("question", "是否需要第三方见证？", None, None),
    ]


def test_a_line_that_wraps_after_a_comma_continues_its_item() -> None:
    text = """\
下一步：
1. 采购部李娜周三前联系供应商，
确认剩余 1000 片能否提前。
2. 生产部按 2000 套排产。
"""
    found, _, _ = read(text)
    assert [(s.captured.text, s.captured.owner, len(s.cues)) for s in found] == [
        ("联系供应商", "采购部李娜", 2), ("按 2000 套排产", "生产部", 1),
    ]  # nobody is listed: the owner as the minutes name them


def test_the_footer_of_minutes_is_no_task() -> None:
    text = "下一步：\n张工周五前发图纸\n记录人：小王\n抄送：总经办\n2026年12月7日\nAction items\n- Ben to send the layout\nMinutes taken by: Rosa\nCC: all staff\n"
    assert actions(text) == [("发图纸", "张工", date(2026, 12, 11)), ("send the layout", "Ben", None)]


def test_attendees_listed_below_their_label() -> None:
    text = """\
参会人员：
销售部：王强
采购部：李娜、孙丽
- Anna Keller (Sales)
会议决定：先按2000套排产
下一步：
1. 王工周五前发图纸
2. 李娜：联系供应商
"""
    found, used, cues = read(text)
    assert [(s.captured.kind, s.captured.text, s.captured.owner) for s in found] == [
        ("decision", "先按2000套排产", None),
        ("action", "发图纸", "王强"),
        ("action", "联系供应商", "李娜"),
    ]
    assert {0, 1, 2, 3} <= used


def test_a_spoken_participants_line_lists_nobody() -> None:
    spoken = [Cue(None, "Participants:"), Cue("Anna", "hello everyone"), Cue("Tom", "Anna to send the deck")]
    found, used = extract_minutes(spoken, meeting_date=MON, participants=[])
    assert 1 not in used


@pytest.mark.parametrize("head", ["会议确定以下事项：", "会议明确以下几点：", "Agreements reached", "DECISIONS TAKEN", "What was decided"])
def test_more_decision_headings(head: str) -> None:
    assert items(f"{head}\n1. 外壳改用铝合金压铸件\n2. Keep weekly pickups\n") == [
        ("decision", "外壳改用铝合金压铸件", None, None), ("decision", "Keep weekly pickups", None, None),
    ]


def test_a_markdown_heading_ends_the_decisions_above_it() -> None:
    text = """\
# 周同步 2026-12-07
## 结论
- 上线时间定在 1 月 14 日
## 讨论记录
卜晓东说第二批文本错误率偏高。
"""
    assert items(text, "md") == [("decision", "上线时间定在 1 月 14 日", None, None)]
