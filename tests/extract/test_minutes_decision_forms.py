"""Decisions in minutes found by how a meeting settles a point, not by one template's
heading: the verb of a heading (商定, 评审结果, 否决), prose verdicts (不予采纳, 原则通过,
经研究，…), a list announced in a sentence (…结果如下。), a proposal turned down, a chat
reply that approves what was put to its writer, a chair's numbered chat points, and
chat exports whose senders stand on lines of their own (issue 29, point 2)."""

from __future__ import annotations

from datetime import date

from facilitator.extract import extract
from facilitator.model import Cue
from facilitator.transcripts import parse_text

MON = date(2026, 12, 7)


def _found(text: str) -> list[tuple[str, str, str | None, date | None]]:
    cues = parse_text(text, "txt").cues
    found = extract(cues, meeting_date=MON, participants=[], language="zh")
    return [(s.captured.kind, s.captured.text, s.captured.owner, s.captured.due) for s in found]


def _decisions(text: str) -> list[str]:
    return [t for k, t, _, _ in _found(text) if k == "decision"]


def test_headings_named_by_the_verb_that_settles() -> None:
    page = "采购评审会\n评审结果：\n- A供应商报价最低，中标。\n- B供应商资质不全，淘汰。\n"
    assert _decisions(page) == ["A供应商报价最低，中标", "B供应商资质不全，淘汰"]
    page = "教研会\n会议商定：\n期末考试时间定在1月15日；\n"
    assert _decisions(page) == ["期末考试时间定在1月15日"]


def test_a_rejection_keeps_what_was_turned_down() -> None:
    page = "纪要\n· 议定：新版官网12月底上线\n· 否决：更换CRM系统的提议\n"
    assert _decisions(page) == ["新版官网12月底上线", "否决：更换CRM系统的提议"]


def test_ticked_points_under_a_consensus_heading_are_decisions() -> None:
    page = "【会议共识】\n✅ 预算审批流程改为线上\n✅ 报销单据统一月底提交\n☑ @孙丽 已发通知\n"
    assert _found(page) == [
        ("decision", "预算审批流程改为线上", None, None),
        ("decision", "报销单据统一月底提交", None, None),
    ]


def test_prose_verdicts_and_a_point_settled_after_deliberation() -> None:
    assert _decisions("关于增设充电桩的提议，不予采纳。") == ["关于增设充电桩的提议，不予采纳"]
    assert _decisions("经研究，春节值班由各部门轮流负责，每部门两天。") == ["春节值班由各部门轮流负责，每部门两天"]
    assert _decisions("决定暂缓更换电梯，明年再议。") == ["暂缓更换电梯，明年再议"]
    assert _decisions("这次讨论下来，方向基本明确了：短视频渠道先停掉。") == ["短视频渠道先停掉"]
    assert _decisions("确定先上天猫，京东下个月再说。") == ["确定先上天猫，京东下个月再说"]
    # a view, a disagreement or a point left open is none
    assert _decisions("经讨论，大家仍有分歧。") == []
    assert _decisions("会议决定：午餐由行政视情况决定。") == []
    assert _decisions("同意他的看法。") == []


def test_a_sentence_that_announces_the_results_opens_a_list_in_its_paragraph() -> None:
    mail = ("今天和供应商的会谈结果如下。对方同意把交期提前到12月20日，单价维持不变。"
            "质量问题双方约定按国标验收。\n关于包装，对方希望改用简易包装，我们没有同意，仍按原方案。\n")
    assert _decisions(mail) == [
        "对方同意把交期提前到12月20日，单价维持不变",
        "质量问题：按国标验收",
        "关于包装，对方希望改用简易包装，我们没有同意，仍按原方案",
    ]
    # the same words as background, with no announcement, settle nothing
    assert _decisions("上周验收时发现噪音偏大。厂家同意换货，但要先退回旧机检测。\n") == []


def test_a_full_name_with_a_deadline_in_a_decisions_list_is_a_task() -> None:
    page = "会议结论：\n1.方案A通过\n2.李娜周五前出详细排期\n"
    assert _found(page) == [
        ("decision", "方案A通过", None, None),
        ("action", "出详细排期", "李娜", date(2026, 12, 11)),
    ]


def test_a_bare_yes_to_a_proposal_in_a_chat_decides_the_proposal() -> None:
    chat = ("小李：老板，我建议这次展会只带两款新品，其他的不带了。\n王总：同意\n"
            "小陈：要不要把发布会放到下午？\n王总：可以\n"
            "小张：@小陈 把场地合同发我一下\n小陈：好的\n")
    found = _found(chat)
    assert [t for k, t, _, _ in found if k == "decision"] == ["这次展会只带两款新品，其他的不带了", "把发布会放到下午"]
    assert [(t, o) for k, t, o, _ in found if k == "action"] == [("把场地合同发我一下", "小陈")]
    english = "#release channel, Slack export\nMaya: Should we push the release to Friday?\nTom: Approved\n"
    cues = parse_text(english, "txt").cues
    got = extract(cues, meeting_date=MON, participants=[], language="en")
    assert [s.captured.text for s in got if s.captured.kind == "decision"] == ["push the release to Friday"]


def test_a_yes_from_the_one_who_proposed_or_to_an_offer_decides_nothing() -> None:
    assert _decisions("项目群聊\n小李：我建议这次展会只带两款新品。\n小李：可以\n") == []
    assert _decisions("项目群聊\n小李：这个我来做吧。\n王总：可以\n") == []


def test_in_a_spoken_meeting_a_yes_or_a_bosss_word_is_left_to_the_conversation_reader() -> None:
    # no chat title, no @mention, no emoji, no sender lines: a transcript, where 可以 and 不用
    # mean many things; the conversation reader weighs them, the chat rules do not
    spoken = "小李：我建议这次展会只带两款新品。\n王总：可以\n小李：要不要印新的宣传册？\n王总：不用，用旧的。\n"
    cues = parse_text(spoken, "txt").cues
    from facilitator.extract.minutes import extract_minutes

    found, used = extract_minutes(cues, meeting_date=MON)
    assert found == [] and used == set()


def test_a_chairs_numbered_chat_points_after_a_summary_call() -> None:
    chat = ("陈总：今天例会几点总结下\n陈总：一、春节放假从腊月二十六到正月初六\n"
            "陈总：二、@小刘 把放假通知发到群里，今天下班前\n小刘：收到👌\n陈总：三、年会取消，改成部门聚餐\n")
    assert _found(chat) == [
        ("decision", "春节放假从腊月二十六到正月初六", None, None),
        ("action", "把放假通知发到群里", "小刘", MON),
        ("decision", "年会取消，改成部门聚餐", None, None),
    ]


def test_a_chat_export_with_senders_on_their_own_lines_reads_as_a_conversation() -> None:
    chat = ("张经理 10:02\n各位，装修的几件事今天定一下\n李工 10:05\n地砖我问了两家，一家80一平，一家95一平\n"
            "张经理 10:08\n用80那家的，够用了\n")
    assert _decisions(chat) == ["用80那家的，够用了"]
    # cue by cue the same messages with no sender lines above them give no speaker to weigh
    plain = [Cue(None, line) for line in ("各位，装修的几件事今天定一下", "地砖我问了两家，一家80一平", "用80那家的，够用了")]
    assert [s for s in extract(plain, meeting_date=MON, language="zh") if s.captured.kind == "decision"] == []


def test_lines_under_a_topic_title_are_read_point_by_point() -> None:
    page = ("部门会议\n一、关于加班\n加班餐补由20元提高到30元。\n二、关于团建\n团建改到元旦后，地点另行通知。\n"
            "议题三：赠品\n赠品改为定制帆布袋。\n")
    assert _decisions(page) == ["加班餐补由20元提高到30元", "团建改到元旦后，地点另行通知", "赠品改为定制帆布袋"]
    # under a part of the page that records the discussion, the same words settle nothing
    assert _decisions("讨论记录\n加班餐补由20元提高到30元。\n") == []


def test_points_under_a_plain_matters_heading() -> None:
    page = ("施工例会\n主要事项：\n1、雨天一律停止高空作业。\n2、二层楼板强度不足，经协商由搅拌站承担返工费用。\n"
            "3、王经理12月10日前提交整改方案。\n")
    assert _found(page) == [
        ("decision", "雨天一律停止高空作业", None, None),
        ("decision", "由搅拌站承担返工费用", None, None),
        ("action", "提交整改方案", "王经理", date(2026, 12, 10)),
    ]


def _en(text: str) -> list[tuple[str, str, str | None, date | None]]:
    cues = parse_text(text, "txt").cues
    found = extract(cues, meeting_date=MON, participants=[], language="en")
    return [(s.captured.kind, s.captured.text, s.captured.owner, s.captured.due) for s in found]


def test_english_tasks_given_by_the_committee_or_said_as_under_way() -> None:
    assert _en("3. Hiring. The committee asked Omar to get two quotes for hosting.\n") == [
        ("action", "get two quotes for hosting", "Omar", None)]
    assert _en("Raj was asked to prepare a business case by 20 December.\n") == [
        ("action", "prepare a business case", "Raj", date(2026, 12, 20))]
    assert _en("Next steps: Priya is drafting the SOW, aiming for Dec 14. Lucy will book the follow-up call.\n") == [
        ("action", "drafting the SOW", "Priya", date(2026, 12, 14)),
        ("action", "book the follow-up call", "Lucy", None)]
    assert _en("To do\n- Mo + Tia: clean up old S3 buckets\n") == [
        ("action", "clean up old S3 buckets", "Mo, Tia", None)]
    assert _en("The proposal to hire two contractors was rejected.\n") == [
        ("decision", "The proposal to hire two contractors was rejected", None, None)]


def test_a_yes_in_a_slack_export_dates_the_writers_task() -> None:
    chat = ("Maria Lopez  9:41 AM\n@Ben can you pull the usage numbers for last quarter?\n"
            "Ben Cho  9:45 AM\nyep, will have them by Wednesday\n")
    assert _en(chat) == [("action", "pull the usage numbers for last quarter", "Ben", date(2026, 12, 9))]


def test_a_chairs_numbered_messages_with_nothing_announced() -> None:
    chat = "李总：今天就几件事😊\n李总：1️⃣ 双十二活动照常，主推保温杯\n李总：2️⃣ 直播间换到三楼，下周一开始\n"
    assert _decisions(chat) == ["双十二活动照常，主推保温杯", "直播间换到三楼，下周一开始"]
    assert _decisions("王晓：1. 我觉得价格有点高\n") == []


def test_a_sentence_saying_points_follow_makes_the_lines_below_points() -> None:
    page = ("部门周例会小结\n各位，今天例会主要说了以下几件事，简单记一下：\n年终考核还是按去年的办法执行，不做调整。\n"
            "春节期间安排两人值班，具体名单小张排一下，下周五前发群里。\n团建的事大家意见不统一，下次再议。\n")
    assert _found(page) == [
        ("decision", "年终考核还是按去年的办法执行，不做调整", None, None),
        ("decision", "春节期间安排两人值班", None, None),
        ("action", "具体名单排一下，发群里", "小张", date(2026, 12, 18)),
    ]


def _md(text: str) -> list[tuple[str, str, str | None, date | None]]:
    cues = parse_text(text, "md").cues
    found = extract(cues, meeting_date=MON, participants=[], language="zh")
    return [(s.captured.kind, s.captured.text, s.captured.owner, s.captured.due) for s in found]


def test_tables_one_below_another_and_a_result_cell_that_hands_out_a_task() -> None:
    page = ("| 完成时间 | 责任人 | 具体任务 |\n|---|---|---|\n| 12月10日 | 品控部 | 出具来料检验规范 |\n\n"
            "| 议题 | 讨论 | 决定 |\n|---|---|---|\n| 运输 | 两家报价 | 选德邦，12月12日前签合同（采购部） |\n\n"
            "| 序号 | 内容 | 类型 | 负责人 |\n|---|---|---|---|\n| 1 | 年会预算5万 | 决议 | |\n| 2 | 订场地 | 待办 | 行政部 |\n")
    assert _md(page) == [
        ("action", "出具来料检验规范", "品控部", date(2026, 12, 10)),
        ("action", "签合同", "采购部", date(2026, 12, 12)),
        ("decision", "运输：选德邦", None, None),
        ("decision", "年会预算5万", None, None),
        ("action", "订场地", "行政部", None),
    ]


def test_a_chat_where_the_boss_approves_rejects_and_answers() -> None:
    chat = ("初三年级组 期末工作群（微信聊天记录）\n"
            "贾文：各位，期末考试安排我先说个方案：1月13日至15日考三天，语数英各一场。\n"
            "贾文：@钟校长 您看行不行\n钟校长：同意。\n"
            "詹鹏：数学卷子是我们组自己出还是用区里的联考卷？\n苗蕊：区里的卷子去年太难了\n"
            "钟校长：用区联考卷，不自己出了\n"
            "苗蕊：建议考前一周统一试播一次，每个考场都测\n钟校长：就这么办。@何佳 你来组织\n"
            "窦欢欢：建议把驿站派费从0.5涨到0.6\n钟校长：这个不行，总部有统一标准，不涨\n"
            "钟校长：另外各组周日前把复习计划交给贾主任\n")
    assert _found(chat) == [
        ("decision", "1月13日至15日考三天，语数英各一场", None, None),
        ("decision", "用区联考卷，不自己出了", None, None),
        ("decision", "考前一周统一试播一次，每个考场都测", None, None),
        ("action", "组织：考前一周统一试播一次，每个考场都测", "何佳", None),
        ("decision", "不同意：把驿站派费从0.5涨到0.6（总部有统一标准，不涨）", None, None),
        ("action", "把复习计划交给贾主任", "各组", date(2026, 12, 13)),
    ]


def test_a_verdict_below_a_proposal_decides_it() -> None:
    page = ("二、提议与审批\n1. 甘亮提议：钣喷车间周六加一个班，先试一个月。\n   审批意见：同意。（聂志远）\n"
            "2. 谭卫东提议：原厂机油改为按月集中订货。\n   审批意见：同意，但保留急件调拨通道。（聂志远）\n"
            "3. 柏婷提议：保养套餐降价10%。\n   审批意见：否决。降价会影响续保礼包。（聂志远）\n"
            "4. 殷悦提议：回访电话改用AI外呼。\n   审批意见：暂缓，等集团统一选型。\n")
    assert _decisions(page) == [
        "钣喷车间周六加一个班，先试一个月",
        "原厂机油改为按月集中订货，保留急件调拨通道",
        "否决：保养套餐降价10%（降价会影响续保礼包）",
        "回访电话改用AI外呼：暂缓，等集团统一选型",
    ]


def test_a_decisions_list_point_with_its_topic_decision_and_tasks() -> None:
    page = ("议定事项：\n（一）DMA分区建设。会议决定，老城区分区计量表今年内全部安装到位。由管网所负责，12月25日前完成安装。\n"
            "（二）夜间最小流量分析。调度中心每周一上报夜间最小流量；信息中心配合开发自动报表，本月底前上线。\n"
            "（三）外箱由采购部负责。\n")
    assert _found(page) == [
        ("decision", "老城区分区计量表今年内全部安装到位", None, None),
        ("action", "完成安装", "管网所", date(2026, 12, 25)),
        ("action", "每周一上报夜间最小流量", "调度中心", None),
        ("action", "配合开发自动报表，上线", "信息中心", date(2026, 12, 31)),
        ("decision", "外箱由采购部负责", None, None),
    ]


def test_units_and_the_writer_named_in_brackets_own_their_tasks() -> None:
    page = ("经研究，会议议定如下：\n一、医务室负责联系区疾控中心，本月10日前安排流感疫苗接种。\n"
            "二、财务部于下周三前核算冬季取暖费增支情况。\n具体分工：\n· 我（夏雨桐）负责联系图片社补齐彩图授权，月底前搞定。\n")
    assert [(t, o, d) for k, t, o, d in _found(page) if k == "action"] == [
        ("联系区疾控中心，安排流感疫苗接种", "医务室", date(2026, 12, 10)),
        ("核算冬季取暖费增支情况", "财务部", date(2026, 12, 16)),
        ("联系图片社补齐彩图授权，搞定", "夏雨桐", date(2026, 12, 31)),
    ]


def test_a_decisions_table_column_named_decision_with_an_owner_and_date_gives_both() -> None:
    page = ("| 议题 | 决定 | 跟进人 | 时限 |\n|---|---|---|---|\n| 疑似骗保 | 移交反欺诈中心，理赔暂停 | 费鸿 | 即日 |\n")
    assert _md(page) == [
        ("decision", "疑似骗保：移交反欺诈中心，理赔暂停", None, None),
        ("action", "移交反欺诈中心，理赔暂停", "费鸿", MON),
    ]
    # a results column (讨论结果) whose cell is someone's task gives the task only
    page = "| 议题 | 讨论结果 | 跟进人 | 完成时间 |\n|---|---|---|---|\n| 回滚预案 | 准备回滚脚本 | 贝强 | 12月9日 |\n"
    assert _md(page) == [("action", "准备回滚脚本", "贝强", date(2026, 12, 9))]


def test_prose_decisions_said_after_a_topic_and_a_long_talk() -> None:
    mail = "定价的事议了半天，葛主任最后说定了，就128元。作者提出增加一章，会议结论是这次不加，留到第三版。\n"
    assert _decisions(mail) == ["定价：128元", "这次不加，留到第三版"]
    assert _decisions("- 洗美区是否外包：意见不统一\n") == []


def test_english_paragraph_minutes_with_topic_labels_motions_and_rulings() -> None:
    mail = ("Subject: Harbour Committee notes\nFrom: Gavin Doyle\n\n"
            "Thanks for coming. Present were me, Fiona McRae, Declan Walsh and Oksana Boyko.\n"
            "Pontoon C: two floats are failing. Motion to replace all eight floats this winter (Declan, seconded Oksana)"
            " – carried unanimously. Declan is getting three quotes and will circulate them by 11 December.\n"
            "Fuel dock: Fiona proposed opening the fuel dock on Sundays. Outcome: not approved – not enough cover.\n"
            "Other bits: Oksana offered to sort out the social, and she'll book the clubhouse by Wednesday.\n")
    assert _en(mail) == [
        ("decision", "replace all eight floats this winter", None, None),
        ("action", "getting three quotes and will circulate them", "Declan Walsh", date(2026, 12, 11)),
        ("decision", "Not approved: opening the fuel dock on Sundays (not enough cover)", None, None),
        ("action", "sort out the social", "Oksana Boyko", None),
        ("action", "book the clubhouse", "Oksana Boyko", date(2026, 12, 9)),
    ]


def test_english_verdicts_said_whole() -> None:
    page = ("Present: Margaret Olsen (Chair), Hannah Becker, Tariq Haddad, Luis Romero\n"
            "3. Truck. After discussion, Hannah moved to purchase the used truck for $38,500; seconded by Tariq."
            " Motion carried 4–0. Luis will arrange the inspection before December 18.\n"
            "5. Fees. After a long discussion the proposal was deferred to the February meeting.\n"
            "6. Checks. The board declined the proposal to drop background checks.\n"
            "7. Booking. The confocal booking rule stays as is.\n"
            "8. Tile. Ingrid proposed switching to the Spanish tile; Claire signed off on the switch.\n")
    assert _en(page) == [
        ("decision", "purchase the used truck for $38,500", None, None),
        ("action", "arrange the inspection", "Luis Romero", date(2026, 12, 18)),
        ("decision", "After a long discussion the proposal was deferred to the February meeting", None, None),
        ("decision", "The board declined the proposal to drop background checks", None, None),
        ("decision", "The confocal booking rule stays as is", None, None),
        ("decision", "switching to the Spanish tile", None, None),
    ]


def test_english_prose_tasks_split_at_semicolons_and_reported_promises() -> None:
    page = ("Attendees: Prof. Jiwoo Kim, Tom Hargreaves, Rahul Mehta\n"
            "Prof. Kim will write the specific aims over the break; Tom to draft the data section by Dec 18."
            " Rahul said he'd thaw a fresh vial tomorrow. Rahul will look into a new incubator at some point.\n")
    assert _en(page) == [
        ("action", "write the specific aims over the break", "Prof. Jiwoo Kim", None),
        ("action", "draft the data section", "Tom Hargreaves", date(2026, 12, 18)),
        ("action", "thaw a fresh vial", "Rahul Mehta", date(2026, 12, 8)),
    ]


def test_a_table_of_topics_with_notes_reads_the_notes() -> None:
    page = ("Participants: @Nadia Petrov @Grace Lin @Ayesha Khan\n\n"
            "Time | Item | Who | Notes\n10 min | Cut-over date | Nadia | Outcome: cut-over moves to the Feb 1 payroll.\n"
            "15 min | Pension file | Grace | The provider rejected our file. Owner: @Grace Lin — resend the test file by Dec 9.\n"
            "5 min | Budget | Nadia | Spend to date is 61% of budget; on track.\n\n"
            "| # | Type | Item | Owner | Due |\n|---|---|---|---|---|\n| 6 | Done | Glycol chiller service | Sam | ✅ Nov 27 |\n")
    assert _en(page) == [
        ("decision", "cut-over moves to the Feb 1 payroll", None, None),
        ("action", "resend the test file", "Grace Lin", date(2026, 12, 9)),
    ]


def test_a_narrative_record_of_a_cooperative_board() -> None:
    page = ("罗建军提出要不要自己搞电商，讨论了很久，最后还是决定今年先不做自有网店，继续给两家果商供货。\n"
            "包装箱今年改成五斤装，这个大家一致同意，刘春花负责找纸箱厂打样。冷库租赁的事黄德才去问了，镇上那家报价太高，"
            "大家说不租了，采完直接走货。\n")
    assert _found(page) == [
        ("decision", "今年先不做自有网店，继续给两家果商供货", None, None),
        ("decision", "包装箱今年改成五斤装", None, None),
        ("action", "找纸箱厂打样", "刘春花", None),
        ("decision", "冷库租赁：不租了，采完直接走货", None, None),
    ]


def test_a_decided_point_that_then_hands_out_a_task() -> None:
    page = "会议议定：\n4. 同意开设寒假学生班，名额60人，由教务科杭磊月底前拿出课程安排。\n"
    assert _found(page) == [
        ("decision", "同意开设寒假学生班，名额60人", None, None),
        ("action", "拿出课程安排", "教务科杭磊", date(2026, 12, 31)),
    ]


def test_points_said_in_words_after_what_was_reached() -> None:
    page = ("项目复盘会\n各位，今天复盘会达成以下几点：\n一是测试提前介入，需求评审时测试必须参加；\n"
            "二是上线窗口统一放在周二晚上；\n三是由运维组建立发布检查清单，下周一前发出。\n")
    assert _found(page) == [
        ("decision", "测试提前介入，需求评审时测试必须参加", None, None),
        ("decision", "上线窗口统一放在周二晚上", None, None),
        ("action", "建立发布检查清单，发出", "运维组", date(2026, 12, 14)),
    ]


def test_a_bosss_answer_that_settles_and_tells_someone_to_do_it() -> None:
    chat = ("销售部微信群\n小李：王总，年底冲量我建议满1000返100\n王总：行，就按你说的办\n"
            "小赵：展厅的地毯要不要换？\n王总：换，换成灰色的，小赵你这周内找人弄\n")
    assert _found(chat) == [
        ("decision", "年底冲量满1000返100", None, None),
        ("decision", "换，换成灰色的", None, None),
        ("action", "找人弄：换，换成灰色的", "小赵", date(2026, 12, 11)),
    ]


def test_english_undertakings_and_an_offer_for_a_need_in_a_chat_export() -> None:
    assert _en("Present: Sam Cole, Rosa Diaz\nSam undertook to check the insurance renewal date.\n") == [
        ("action", "check the insurance renewal date", "Sam Cole", None)]
    chat = ("Slack export #ops\nAna Ruiz  9:15 AM\nalso we need someone to update the on-call doc\n"
            "Lee Chan  9:20 AM\nI can do that, by Friday\n")
    assert _en(chat) == [("action", "update the on-call doc", "Lee Chan", date(2026, 12, 11))]


def test_rows_of_a_pipe_table_without_outer_pipes_stay_rows_when_a_note_names_an_owner() -> None:
    page = ("Participants: @Owen Fitzgerald @Grace Lin @Ayesha Khan @Marcus Bell\n\n"
            "Time | Item | Who | Notes\n"
            "15 min | Pension file | Grace | The provider rejected our file. Owner: @Grace Lin — resend it by Dec 9.\n"
            "10 min | Historical data | Owen | Proposal to migrate 7 years of payslips was rejected; we migrate 2 years.\n"
            "5 min | Training | Ayesha | Ayesha will book three training sessions.\n"
            "5 min | Budget | Marcus | Spend to date is 61% of budget; on track.\n")
    assert _en(page) == [
        ("action", "resend it", "Grace Lin", date(2026, 12, 9)),
        ("decision", "Proposal to migrate 7 years of payslips was rejected; we migrate 2 years", None, None),
        ("action", "book three training sessions", "Ayesha Khan", None),
    ]


def test_okr_lines_give_the_tasks_written_after_their_key_result() -> None:
    page = ("参会：安全 练志强、票务 闻静\nO2：零安全事故\n  KR1 索道冬季年检：练志强负责，12月12日前配合特检院完成。\n"
            "  KR2 结冰路段防滑：练志强这周五之前把防滑链和融雪剂领到各个点位。\n  KR3 年卡数据迁移：还在等供应商给接口文档，暂无进展。\n")
    assert _found(page) == [
        ("action", "配合特检院完成", "练志强", date(2026, 12, 12)),
        ("action", "把防滑链和融雪剂领到各个点位", "练志强", date(2026, 12, 11)),
    ]
