"""How minutes are written, read as general forms (issue 29, point 2), found on a batch of
pages by a writer who never saw the extractor: county-office 议定事项 whose points hand work
to a 股 or 站 with a rhythm or a deadline, 责任人 / 完成时间 written before the task, a
mail whose header fields and recipients come first, a chat where the chair answers with the
question's own verb and an @task, a page whose boss answers a proposal below it, a proposal
turned down in prose, and English parish-style minutes (not seconded, deferred, "the
council resolved", a second person's task after ", and"). Every page here is worded for
this file; the rules must hold for any page written the same way."""

from __future__ import annotations

from datetime import date

from facilitator.extract import extract
from facilitator.model import Participant
from facilitator.transcripts import parse_text

MON = date(2026, 12, 7)

Item = tuple[str, str, str | None, date | None]


def _found(text: str, language: str = "zh", people: tuple[str, ...] = (), fmt: str = "txt") -> list[Item]:
    cues = parse_text(text, fmt).cues
    found = extract(cues, meeting_date=MON, participants=[Participant(p) for p in people],
                    language=language)  # type: ignore[arg-type]
    return [(s.captured.kind, s.captured.text, s.captured.owner, s.captured.due) for s in found]


def _kinds(found: list[Item], kind: str) -> list[Item]:
    return [f for f in found if f[0] == kind]


def test_official_points_hand_work_to_sections_and_stations() -> None:
    page = ("城建局局务会纪要\n经研究，会议议定如下：\n"
            "一、关于老旧小区改造。会议要求规划股牵头，会同预算股，于12月18日前完成改造清单，报局党组。\n"
            "二、冬季路面巡查由养护站负责，每周一向局办公室报送巡查情况。\n"
            "三、关于临聘人员薪酬调整，本次会议不作讨论，待上级文件下达后再研究。\n")
    found = _found(page)
    assert _kinds(found, "decision") == []
    actions = _kinds(found, "action")
    assert [(a[2], a[3]) for a in actions] == [("规划股", date(2026, 12, 18)), ("养护站", None)]
    assert actions[0][1].startswith("会同预算股") and "关于" not in actions[0][1]
    assert "每周一" in actions[1][1]


def test_owner_and_deadline_lines_written_before_the_task() -> None:
    page = ("一、决议\n1. 同意更换门禁系统。\n二、工作安排\n事项一：门禁更换\n责任人：史强\n完成时间：12月12日前\n"
            "具体要求：联系三家厂商报价并出比价表。\n")
    actions = _kinds(_found(page), "action")
    assert actions == [("action", "联系三家厂商报价并出比价表", "史强", date(2026, 12, 12))]


def test_a_mail_header_opens_no_section_and_its_recipients_are_the_room() -> None:
    page = ("主题：周例会小结\n发件人：运营 席宁\n收件人：市场部 顾青；财务部 梅林\n日期：2026年12月7日\n\n各位好，小结如下。\n\n"
            "1. 预算：梅林这边会在周四前给出明细。\n2. 包装：外箱定为五层瓦楞，不再追加预算。\n")
    found = _found(page)
    assert ("action", "给出明细", "梅林", date(2026, 12, 10)) in found
    assert [d[1] for d in _kinds(found, "decision")] == ["包装：外箱定为五层瓦楞，不再追加预算"]


def test_attendees_after_the_date_and_a_paragraph_of_tasks() -> None:
    page = ("排产会纪要\n2026年12月7日上午  参加：厂长 周远、车间主任 韩雪\n\n"
            "具体分工：韩雪下周三前把排产表更新一版。周远本周五前联系客户确认交期。\n")
    actions = _kinds(_found(page), "action")
    assert [(a[2], a[3]) for a in actions] == [("韩雪", date(2026, 12, 16)), ("周远", date(2026, 12, 11))]


def test_a_topic_first_then_the_one_who_does_it() -> None:
    page = "下一步：\n1. 回款慢的三个客户（华东、华南、西北），蒋雯本周五前逐一打电话催收。\n2. 上周的培训课件 —— 顾青，已发 ✔\n"
    actions = _kinds(_found(page, people=("蒋雯", "顾青")), "action")
    assert actions == [("action", "回款慢的三个客户（华东、华南、西北），逐一打电话催收", "蒋雯", date(2026, 12, 11))]


def test_a_chair_known_by_title_answers_in_the_chat() -> None:
    chat = ("【钉钉群】仓库周会 2026-12-07\n参会（线上）：站长 邱海、班长 葛平、物资 夏琳\n"
            "[09:01] 葛平：叉车电瓶快不行了，要不要现在换？\n"
            "[09:02] 邱海：换，@夏琳 周三前把两块电瓶买回来\n"
            "[09:03] 夏琳：好的，明天就去\n"
            "[09:04] 葛平：夜班是不是要加一个人？\n"
            "[09:05] 邱海：不用加人，白班延后一小时。@葛平 周五前把新排班发群里\n"
            "[09:06] 葛平：收到\n"
            "[09:07] 邱海：@夏琳 东区那边呢\n"
            "[09:08] 夏琳：年底聚餐要不要搞？\n"
            "[09:09] 邱海：这个我再问问领导，先不定\n"
            "[09:10] 邱海：最后提醒一下，12月15日前各班组把安全检查表交给我\n")
    found = _found(chat)
    assert _kinds(found, "action") == [
        ("action", "把两块电瓶买回来", "夏琳", date(2026, 12, 9)),
        ("action", "把新排班发群里", "葛平", date(2026, 12, 11)),
        ("action", "把安全检查表交给我", "各班组", date(2026, 12, 15)),
    ]
    assert [d[1] for d in _kinds(found, "decision")] == ["不用加人，白班延后一小时"]


def test_the_chair_seals_their_own_point() -> None:
    chat = ("门店群聊天记录\n群成员：区域经理 闫松、店长 冯晴\n"
            "闫松：春节套餐定价我的方案是168\n冯晴：168可以\n"
            "闫松：那就统一168，不搞折上折\n闫松：就这么定了，1月5日上线\n")
    decisions = [d[1] for d in _kinds(_found(chat), "decision")]
    assert decisions == ["统一168，不搞折上折，1月5日上线"]


def test_a_boss_answers_a_proposal_on_the_line_below() -> None:
    page = "年会筹备\n参会人：@谢院长 @孟瑶\n\n- 孟瑶提出年会增加抽奖环节。\n- 谢院长：先定五个奖项，看预算再加。\n"
    assert [d[1] for d in _kinds(_found(page, fmt="md"), "decision")] == ["先定五个奖项，看预算再加"]


def test_a_proposal_turned_down_in_the_same_sentence() -> None:
    page = "周会纪要\n参会：经理 岳峰、主管 席宁\n\n会上席宁建议周六加班一天，岳峰认为订单量不够，没有同意。\n"
    assert [d[1] for d in _kinds(_found(page), "decision")] == ["否决：周六加班一天（订单量不够）"]


def test_one_point_keeps_a_proposal_put_off_apart() -> None:
    page = "纪要\n1. 定价：会员价定99元，不做满减。钟岚之前提的联名礼盒方案暂缓，等一季度数据再看。\n"
    decisions = [d[1] for d in _kinds(_found(page, people=("钟岚",)), "decision")]
    assert decisions == ["会员价定99元，不做满减", "钟岚之前提的联名礼盒方案暂缓，等一季度数据再看"]


def test_council_minutes_in_english() -> None:
    page = ("Eastholme Town Council\nPresent: Cllr Maya Reed (Chair), Cllr Tom Hale, Cllr Ada Fenwick\n\n"
            "12/01 Minutes. The minutes of the meeting of 9 November were approved and signed by the Chair.\n"
            "12/02 Benches. Cllr Hale proposed replacing the benches on Station Road. The proposal was not seconded and fell.\n"
            "12/03 Lighting. A request from residents of Kiln Row for an extra street light near number 12 was deferred to "
            "the February meeting pending a survey.\n"
            "12/04 Planning. Application 26/1140 (loft conversion, 8 Mill Yard): the council resolved to raise no objection.\n"
            "12/05 Market. Agreed: the winter market runs on 19 December. Cllr Hale will book the stalls by 11 December, "
            "and Cllr Fenwick agreed to print the posters by Friday.\n"
            "12/06 Footpath. Cllr Fenwick said the drainage is poor; she'll see how bad it is.\n")
    found = _found(page, language="en")
    assert [d[1] for d in _kinds(found, "decision")] == [
        "Not approved: replacing the benches on Station Road",
        "A request from residents of Kiln Row for an extra street light near number 12 was deferred to the February "
        "meeting pending a survey",
        "Application 26/1140 (loft conversion, 8 Mill Yard): raise no objection",
        "the winter market runs on 19 December",
    ]
    assert [(a[1], a[2], a[3]) for a in _kinds(found, "action")] == [
        ("book the stalls", "Cllr Tom Hale", date(2026, 12, 11)),
        ("print the posters", "Cllr Ada Fenwick", date(2026, 12, 11)),
    ]


def test_a_chat_reply_dates_its_task_by_an_acronym_and_nothing_settled_is_nothing() -> None:
    chat = ("#ops · Slack export · Mon Dec 7, 2026\n\nLena Ortiz  9:02 AM\nRecap 👇\n"
            "Who: @Lena @Omar\n\n*Follow-ups*\n• @Omar to write the SOP for returns\n\n"
            "Omar Haddad  9:10 AM\nSOP by the 16th works for me\n\n"
            "Lena Ortiz  9:12 AM\nPricing came up; discussion only, nothing settled until finance replies.\n")
    found = _found(chat, language="en")
    assert _kinds(found, "decision") == []
    assert [(a[2], a[3]) for a in _kinds(found, "action")] == [("Omar", date(2026, 12, 16))]


def test_people_named_by_their_post_first() -> None:
    page = ("印务会\n到会：厂长 卢岩、装订车间 蔡青\n\n下一步：\n1. 蔡青 12月9日前把样书送客户确认。\n"
            "2. 仓管 汤敏 周五前盘点纸张库存。\n")
    actions = _kinds(_found(page), "action")
    assert [(a[1], a[2], a[3]) for a in actions] == [
        ("把样书送客户确认", "蔡青", date(2026, 12, 9)),
        ("盘点纸张库存", "汤敏", date(2026, 12, 11)),
    ]


def test_a_numbered_list_with_no_heading_gives_each_named_point_to_its_people() -> None:
    # minutes that number decisions and tasks alike, with no 待办 heading: a point that opens
    # with participants' names and a colon is their task; a topic label is not an owner
    page = ("球队理事会会议记录 2026年12月7日\n出席：主任 骆明，行政 殷青，财务 艾兰，教练组长 严冬\n\n"
            "1. 冬训营改在海南，不再去云南。\n"
            "2. 殷青：联系海南的训练基地，周三前拿到住宿报价。\n"
            "3. 艾兰、严冬：整理冬训名单，12月18日前交行政。\n"
            "4. 财务：上月报销已全部结清。\n")
    actions = [(a[2], a[3]) for a in _kinds(_found(page), "action")]
    assert actions == [("殷青", date(2026, 12, 9)), ("艾兰、严冬", date(2026, 12, 18))]


def test_items_struck_through_or_dated_done_are_no_follow_ups() -> None:
    page = ("门店周会纪要 2026年12月7日\n参会：钟毅、林晓\n\n待办\n"
            "- 林晓：本周五前发布招聘启事\n"
            "- ~~钟毅：消防验收预约~~ 已约好12月22日\n\n"
            "事项：门口指示牌更换\n责任人：钟毅\n完成时间：已完成\n")
    actions = _kinds(_found(page), "action")
    assert [(a[2], a[3]) for a in actions] == [("林晓", date(2026, 12, 11))]


def test_a_named_proposal_and_the_bosses_approval_below_it_make_one_decision() -> None:
    # DingTalk minutes: 提案N（提出人）：… then 某总审批意见：…, each pair one decision
    page = ("【钉钉群·华东区周会】会议纪要 2026-12-07\n参会：周总、林晓、丁一\n\n一、提案及审批\n"
            "提案1（林晓）：机场店春节前增加30台7座车\n周总审批意见：同意，分两批到位。\n\n"
            "提案2（丁一）：会员积分兑换免费升级车型\n周总审批意见：不同意。成本算不清楚。\n")
    decisions = [d[1] for d in _kinds(_found(page), "decision")]
    assert decisions == ["机场店春节前增加30台7座车，分两批到位", "否决：会员积分兑换免费升级车型（成本算不清楚）"]


def test_prose_minutes_give_the_tasks_people_in_the_room_will_do_by_a_date() -> None:
    # minutes written as paragraphs: "X会去…，下周一前…" and "…由X去谈，月底前…" are tasks;
    # what was done already and a reminder with no date are not
    page = ("民宿联营社 例会纪要（2026年12月7日）\n到会：温华、钱永、阿珍、裴雯\n\n"
            "第二件是共享洗涤。钱永说洗涤厂老是丢毛巾。温华说这次先不换。阿珍会去跟洗涤厂对账，"
            "把丢的数量核清楚，下周一前给大家。\n\n"
            "包车协议由温华去谈，争取月底前签下来。裴雯已于上周五把价格表发到群里了。"
            "钱永提醒大家注意用电安全。\n")
    actions = [(a[2], a[3]) for a in _kinds(_found(page), "action")]
    assert actions == [("阿珍", date(2026, 12, 14)), ("温华", date(2026, 12, 31))]


def test_labelled_items_with_their_fields_below_and_a_requirement_line() -> None:
    # 事项N：task / 责任人 / 完成时间 blocks: each block is its own task, with its own owner;
    # where a 具体要求 line follows the fields, that line says what is to be done
    page = ("联赛筹备会 2026-12-07\n出席：汪洪、钟玲、屈阳\n\n"
            "事项一：联赛章程和赛程表定稿\n责任人：屈阳\n完成时间：12月10日\n\n"
            "事项二：赞助商对接\n责任人：汪洪、钟玲\n完成时间：12月12日\n\n"
            "事项三：场馆选址\n责任人：钟玲\n完成时间：12月15日\n具体要求：另选两处备选场馆，形成书面方案。\n")
    actions = [(a[1], a[2], a[3]) for a in _kinds(_found(page), "action")]
    assert actions == [("联赛章程和赛程表定稿", "屈阳", date(2026, 12, 10)),
                       ("赞助商对接", "汪洪、钟玲", date(2026, 12, 12)),
                       ("另选两处备选场馆，形成书面方案", "钟玲", date(2026, 12, 15))]


def test_a_numbered_list_without_an_attendee_line_still_reads_names_as_owners() -> None:
    page = ("窑厂订单碰头 2026.12.07\n1. 釉料配方不改，还用原来的。\n"
            "2. 阎凯：联系物流把第一批三千件月底前发走。\n3. 彭师傅：二号窑温控表本周内换完。\n")
    actions = [(a[2], a[3]) for a in _kinds(_found(page), "action")]
    assert actions == [("阎凯", date(2026, 12, 31)), ("彭师傅", date(2026, 12, 11))]


def test_a_unit_made_responsible_under_the_agreed_points_is_given_a_task_even_undated() -> None:
    page = ("关于油气回收改造的会议纪要（2026年12月7日）\n参会：工程部、安全环保部、财务部\n\n一、议定事项\n"
            "（一）改造分两批实施，第一批年底前完工。\n"
            "（二）安全环保部负责组织动火作业审批和现场安全交底，每座站开工前完成。\n")
    found = _found(page)
    assert [d[1] for d in _kinds(found, "decision")] == ["改造分两批实施，第一批年底前完工"]
    assert [(a[2], a[3]) for a in _kinds(found, "action")] == [("安全环保部", None)]


def test_a_verdict_a_few_lines_below_its_request_decides_it_and_the_tasks_after_it_are_tasks() -> None:
    page = ("卫生院设备采购办公会记录 2026年12月7日\n参加：检验科 庞涛、总务科 莫立\n\n"
            "一、检验科申请购置全自动生化分析仪一台\n庞涛汇报了现有设备老化的情况。\n"
            "审批意见：同意。由总务科按政府采购流程挂网，12月10日前完成挂网。\n\n"
            "二、总务科申请更换门诊楼电梯\n审批意见：否决。电梯去年刚大修过。\n")
    found = _found(page)
    assert [d[1] for d in _kinds(found, "decision")] == ["购置全自动生化分析仪一台", "否决：更换门诊楼电梯（电梯去年刚大修过）"]
    assert [(a[1], a[2], a[3]) for a in _kinds(found, "action")] == [("按政府采购流程挂网，完成挂网", "总务科", date(2026, 12, 10))]


def test_ticked_points_under_a_settled_heading_are_decisions_and_a_member_day_keeps_its_first_word() -> None:
    page = ("企业微信 · 门店运营群 2026-12-07 周会记录\n\n【已定】\n☑ 会员日改到每周三\n☑ 新品12月10日上新，不再推迟\n\n"
            "【行动项】\n☐ 会员日调整的推送文案 —— 市场部 —— 下周一前\n\n【上周回顾】\n☑ 咖啡机已修好\n")
    found = _found(page)
    assert [d[1] for d in _kinds(found, "decision")] == ["会员日改到每周三", "新品12月10日上新，不再推迟"]
    assert [(a[1], a[2]) for a in _kinds(found, "action")] == [("会员日调整的推送文案", "市场部")]


def test_an_english_name_and_colon_in_an_unheaded_list_is_a_task_only_with_its_date() -> None:
    # English notes write "Name: what they reported" as often as "Name: task by Friday"
    page = ("Ops weekly - Mon 7 Dec 2026\nPresent: Lena Vogt, Omar Siddiqui\n\n"
            "1. Lena: thinks the belt 4 sorter is the main cause of misconnects.\n"
            "2. Omar: send the commissioning paperwork to engineering by Friday.\n")
    actions = [(a[2], a[3]) for a in _kinds(_found(page, "en"), "action")]
    assert actions == [("Omar Siddiqui", date(2026, 12, 11))]


def test_a_chats_emoji_stay_in_the_quote_not_in_the_task() -> None:
    from tests.extract.conversation import actions, said

    found = said([("王老师", "沈老师你周五前把碰头会的内容整理一下发群里哈🎹"), ("沈老师", "好的👌")], MON)
    assert [(owner, text) for owner, _, text in actions(found)] == [("沈老师", "把碰头会的内容整理一下发群里哈")]
    assert "🎹" in found[0].quote


def test_a_verdict_with_no_proposal_above_it_is_no_decision() -> None:
    page = "客户周会纪要 2026年12月7日\n参会：王强、李经理\n\n1. 外箱改用五层瓦楞，不再用三层。\n审批意见：同意。\n"
    assert [d[1] for d in _kinds(_found(page), "decision")] == ["外箱改用五层瓦楞，不再用三层"]
