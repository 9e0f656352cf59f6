"""Spoken Chinese read by turn-taking, not by the words of one meeting: who takes a task
back or hands it on, what a yes answers, when a proposal becomes a decision, and what is
no decision at all. Each conversation is written here, in words no development meeting uses."""

from __future__ import annotations

from datetime import date

from facilitator.extract.dates import first_due
from facilitator.model import Suggestion
from tests.extract.conversation import actions, decisions, said


def _run(lines: list[tuple[str, str]], day: date = date(2026, 12, 2)) -> list[Suggestion]:
    return said(lines, day)




# -- tasks over several turns


def test_a_topic_said_first_in_the_turn_is_what_this_ge_wo_lai_takes() -> None:
    found = _run([("李伟（采购）", "新的供应商报价，这个我来跟。"), ("张总", "行，什么时候能有结果？"),
                  ("李伟（采购）", "下周一之前吧。")])
    [(owner, due, text)] = actions(found)
    assert (owner, due) == ("李伟", "2026-12-07") and "供应商报价" in text


def test_a_hand_over_is_dated_by_the_rest_of_its_turn() -> None:
    found = _run([("陈总", "物流那边的对账，小刘你来跟一下吧。"), ("刘洋（财务）", "嗯，我这周事情有点多……"),
                  ("陈总", "算了，还是让小陈去吧，小陈你周三前对完。"), ("陈静（财务）", "好的，没问题。")])
    [(owner, due, text)] = actions(found)
    assert (owner, due) == ("陈静", "2026-12-09") and "对账" in text  # 陈总 is no 小陈, 事情有点多 no step


def test_an_excuse_is_no_commitment_and_no_day_for_the_task() -> None:
    found = _run([("说话人1", "客户那边的培训 说话人2你去一趟"), ("说话人2", "我下周二有别的安排"),
                  ("说话人1", "那还是说话人3去吧"), ("说话人3", "可以 我下周二过去")])
    [(owner, due, text)] = actions(found)
    assert (owner, due) == ("说话人3", "2026-12-08") and "培训" in text


def test_bu_yong_x_le_takes_a_commitment_back_whatever_x_is() -> None:
    assert actions(_run([("王芳（质量）", "我明天去仓库再抽检一次。"),
                          ("王芳（质量）", "哦不对，仓库那批昨天已经发走了，不用抽了。")])) == []


def test_a_deadline_said_later_in_the_turn_wins_over_a_plain_day() -> None:
    found = _run([("孙丽（HR）", "培训通知我现在就在群里发一下。"), ("孙丽（HR）", "好，发了，大家看一下。"),
                  ("张总", "名单你会后再核对一遍，两天内给我。"), ("孙丽（HR）", "好的。")])
    assert [(o, d) for o, d, _ in actions(found)] == [("孙丽", "2026-12-04")]


def test_two_errands_with_two_days_in_one_turn_are_two_actions() -> None:
    found = _run([("吴昊（技术）", "我今天把图纸改完发给工厂，明天再跟他们确认一下交期。")])
    assert [(o, d) for o, d, _ in actions(found)] == [("吴昊", "2026-12-02"), ("吴昊", "2026-12-03")]
    assert "交期" in actions(found)[1][2]


def test_a_first_step_does_not_move_a_deadline_earlier() -> None:
    found = _run([("说话人1", "下周太晚了 你再催一下 最好周三之前"), ("说话人2", "好的 我今天下午就给他们打电话")],
                 day=date(2026, 12, 4))
    [(owner, due, _)] = actions(found)
    assert (owner, due) == ("说话人2", "2026-12-09")


def test_a_yes_to_a_question_with_a_deadline_takes_the_deadline() -> None:
    found = _run([("张总", "客户要的那个检测报告，能不能十号之前给到？"), ("李娜（质量）", "可以，我这边安排送检。")])
    assert [(o, d) for o, d, _ in actions(found)] == [("李娜", "2026-12-10")]


def test_one_more_errand_for_the_one_who_just_took_a_task() -> None:
    found = _run([("说话人1", "培训的场地谁来定"), ("说话人2", "我来吧 我下周一之前把场地定下来"),
                  ("说话人1", "好 顺便把餐也订了"), ("说话人2", "行")], day=date(2026, 12, 4))
    assert [o for o, _, _ in actions(found)] == ["说话人2", "说话人2"]
    assert not decisions(found)  # 把场地定下来 is an errand, not the meeting's choice


def test_the_one_asked_when_answers_with_a_day_and_an_errand() -> None:
    found = _run([("郑总", "检测报告什么时候能出？"), ("黄工", "数据都有了，周四吧，周四发给客户。")])
    [(owner, due, text)] = actions(found)
    assert (owner, due) == ("黄工", "2026-12-03") and "报告" in text


def test_a_reschedule_or_an_occasion_dates_the_errand_in_hand() -> None:
    found = _run([("白经理", "认不认得问客户。我去问吧，我明天正好去矿上。"), ("鲁师傅", "我明天有个现场，后天行不行？"),
                  ("白经理", "那我改后天。")])
    assert [(o, d) for o, d, _ in actions(found)] == [("白经理", "2026-12-04")]


def test_a_request_answered_that_it_was_done_already_is_no_action() -> None:
    assert actions(_run([("周航", "那这三个打回去。子轩你把问题截图整理一下发给他们。"),
                          ("叶子轩", "截图我昨天就发给他们了。")])) == []


def test_a_proposal_to_the_room_is_nobodys_errand() -> None:
    found = _run([("王强（销售）", "要不我们先小批量试产，没问题再大批量？"), ("张总", "可以，先试产五百件。")])
    assert not actions(found)
    assert decisions(found) == ["先试产五百件"]


def test_a_speaker_label_with_the_department_first_is_the_person() -> None:
    found = _run([("设计部 苗苗", "那我把新版稿子再跟印厂确认一遍。"), ("销售部 孔亮", "对，苗苗你今天就跟印厂确认。"),
                  ("设计部 苗苗", "嗯，今天。")])
    [(owner, due, _)] = actions(found)
    assert (owner, due) == ("苗苗", "2026-12-02")  # one task, not one for 苗苗 and one for 设计部 苗苗


def test_vague_and_hedged_promises_stay_free() -> None:
    for line in ("我找机会跟物业提一下吧。", "这个事情我争取下周搞定吧，但是不敢打包票。"):
        found = _run([("赵刚（物流）", line)])
        assert not actions(found) and not decisions(found), line


# -- decisions


def test_the_chairs_word_on_anothers_proposal_is_the_decision_once() -> None:
    found = _run([("王强（销售）", "我建议这次展会就不参加了，费用太高。"), ("马丽（市场）", "我同意，今年预算也不够。"),
                  ("张总", "好，今年展会就不去了，预算留给线上推广。")])
    assert decisions(found) == ["今年展会就不去了，预算留给线上推广"]


def test_others_agreeing_to_the_chairs_proposal_decide_it() -> None:
    found = _run([("张总", "价格的事情大家都同意维持原价吧？"), ("王强（销售）", "同意。")])
    assert decisions(found) == ["维持原价"]


def test_a_yes_that_hands_out_the_errand_is_no_decision() -> None:
    found = _run([("陈老师", "要不要请厂家的工程师也来讲一段？"), ("周园长", "可以啊，你去问问厂家愿不愿意来。")])
    assert not decisions(found)


def test_days_worked_out_reports_and_open_points_are_no_decisions() -> None:
    for lines in ([("孔亮", "年会是十五号。"), ("裴雪", "好。"), ("孔亮", "那年会前一周就是八号。")],
                  [("方琳", "酒店那边怎么说？"), ("邱姐", "还没问。"), ("方琳", "酒店说不加，但是只能晚上十点以后进场。")],
                  [("曾涛", "吊车怎么办？"), ("侯建", "看情况。"), ("曾涛", "那就二十八号之前吊上驳船，或者等检修完再吊。")],
                  [("白晓东", "今天先这样吧。"), ("龚平", "好。"), ("白晓东", "行吧，今天先这样，什么都没定，后天回来再碰一次。")]):
        assert not decisions(_run(lines)), lines[-1][1]


def test_a_hedged_marker_decides_nothing() -> None:
    assert not decisions(_run([("刘敏（采购）", "不过他们老板这两天在外地，不一定能拍板。")]))
    assert not decisions(_run([("李伟（采购）", "这个事情我下周搞定吧。")]))


# -- dates


def test_a_day_in_chinese_numerals_before_what_is_done_on_it_is_a_date() -> None:
    ref = date(2026, 12, 9)
    found = first_due("我十六号跟叶片一起出", ref)
    assert found is not None and found.due == date(2026, 12, 16)
    assert first_due("三号机先停", ref) is None and first_due("下一班是十七号", ref) is None


def test_holding_a_named_thing_until_something_happens_is_a_decision() -> None:
    found = _run([("郑总", "还有展台的地毯。"), ("小何", "地毯要不要换新的？"),
                  ("郑总", "地毯先不换，等场馆的报价出来再说。")])
    assert decisions(found) == ["地毯先不换，等场馆的报价出来再说"]
    found = _run([("郑总", "还有展台的地毯。"), ("小何", "地毯要不要换新的？"), ("郑总", "这个先放一放，等场馆报价出来再说。")])
    assert not decisions(found)  # what is held is not said: a topic put off, not a choice


def test_a_self_correction_in_one_turn_hands_the_offer_on() -> None:
    found = _run([("郑总", "那个标签谁来打印？"), ("小何", "我来打印吧，哦不行，我这周要去外地，让小郑弄吧。")])
    assert [o for o, _, _ in actions(found)] == ["小郑"]


def test_no_need_said_back_takes_the_offer_back() -> None:
    found = _run([("小何", "那我跟物业说一声换个时间。"), ("郑总", "不用说，他们知道的。")])
    assert not actions(found)
    found = _run([("小何", "那我跟物业说一声换个时间。"), ("郑总", "不用担心，你说就行。")])
    assert [o for o, _, _ in actions(found)] == ["小何"]


def test_a_second_request_on_a_new_topic_is_a_second_task() -> None:
    found = _run([("说话人1", "那裤子先开 你那边今天就排"), ("说话人2", "今天排 明天上机"),
                  ("说话人1", "上衣的面料 你打个电话给染厂 问问能不能加急"), ("说话人2", "好 这个我来问 下午给你答复")])
    assert [o for o, _, _ in actions(found)] == ["说话人2", "说话人2"]


def test_what_is_to_be_told_is_part_of_the_task() -> None:
    found = _run([("说话人4", "标签让小郑打吧"), ("说话人1", "那你跟小郑说一下 尺码表齐了再打"), ("说话人4", "好")])
    assert any(o == "说话人4" and "尺码表齐了再打" in t for o, _, t in actions(found))


def test_an_errand_told_to_the_one_just_named_waits_for_their_yes() -> None:
    found = _run([("刘总", "小王，明天之内把检测报告补齐，没问题吧？"), ("小王", "没问题。")], day=date(2026, 12, 3))
    assert [(o, d) for o, d, _ in actions(found)] == [("小王", "2026-12-04")]
    found = _run([("刘总", "本周五之前，小李把客户名单整理出来。"), ("小李", "好。")], day=date(2026, 12, 3))
    assert [(o, d) for o, d, _ in actions(found)] == [("小李", "2026-12-04")]


def test_showing_on_the_screen_and_a_choice_made_before_are_no_items() -> None:
    found = _run([("小王", "我把数据投到屏幕上，大家一起看一下。"), ("刘总", "好，你放一下。")], day=date(2026, 12, 3))
    assert not actions(found)
    assert not decisions(_run([("小李", "要不我去跟供应商砍砍价？"), ("刘总", "不用了，这次价格已经定了。")]))


def test_taking_the_minutes_and_a_promise_on_anothers_consent_are_no_actions() -> None:
    assert not actions(_run([("张总", "会议纪要谁来记一下？"), ("高敏", "我来记。")]))
    assert not actions(_run([("高敏", "要是客户同意的话，我下周去一趟。")]))


def test_the_chairs_share_out_with_one_deadline_dates_every_errand_in_it() -> None:
    found = _run([("马经理", "换回原来那家行不行？"), ("林芳", "可以，我下午问问他们还有没有货。"),
                  ("马经理", "嗯，这样，两边同时走。林芳你问原来那家的货，于工你让南方那家出报告，周五之前都要有结果。"),
                  ("林芳", "好。"), ("于工", "行。")], day=date(2026, 12, 10))
    assert sorted((o, d) for o, d, _ in actions(found)) == [("于工", "2026-12-11"), ("林芳", "2026-12-11")]


def test_the_chair_saying_yes_with_the_proposals_own_verb_decides_it() -> None:
    found = _run([("马经理", "那就先查原因。"), ("于工", "仓库里还有两千套同批次的，要不要先封存？"), ("马经理", "封存，全部封存。")])
    assert "封存" in " ".join(decisions(found))
    found = _run([("马经理", "那就先查原因。"), ("于工", "今年要不要换线？"), ("马经理", "换线要打样，时间不够，今年先不换了。")])
    assert not any(d.startswith("今年换线") or d == "换线" for d in decisions(found))


def test_a_request_corrected_in_the_same_turn_goes_to_the_one_named_after() -> None:
    found = _run([("说话人1", "包装纸要多少"), ("说话人2", "至少五十卷"),
                  ("说话人1", "那你下单吧 不对 你这两天要打电话 让仓库老孙下吧 他知道哪家便宜")])
    assert [o for o, _, _ in actions(found)] == ["老孙"]


def test_what_the_company_should_do_is_nobodys_errand() -> None:
    assert not actions(_run([("说话人1", "进价涨到八块了"), ("说话人2", "八块 那我们给花店的价也得涨啊")]))


def test_the_chairs_statements_of_fact_are_no_decisions() -> None:
    found = _run([("周总", "好，开始。先说沙发出口那单。"), ("小刘", "客户说面料颜色跟样品不一样。"),
                  ("周总", "那批面料是上个月进的，供应商换过一次。"), ("小刘", "客户要求全部返工。"),
                  ("周总", "全部返工肯定来不及，船期是二十号。"), ("老黄", "返工三百套的话，一个礼拜能做完。"),
                  ("周总", "那就只返工这三百套，其余的正常出。")], day=date(2026, 12, 10))
    assert decisions(found) == ["只返工这三百套，其余的正常出"]


def test_things_said_of_oneself_that_promise_nothing_are_no_actions() -> None:
    for line in ("我发现最近询盘少了很多。", "我去年也遇到过这种情况，后来换了货代。", "我负责的那几个客户都没问题。",
                 "我跟客户说过好几次了，他们就是不听。", "我一般都是周一排产，周三出货。", "我记得合同里写的是三十天。"):
        assert not actions(_run([("周总", "先说一下上周的情况。"), ("小刘", line)])), line


def test_a_department_not_in_the_room_is_given_the_task_by_the_meetings_word() -> None:
    found = _run([("张伟", "重新报要公司的委托书，这个让综合部出，盖好章给刘洋。"), ("刘洋", "对，没委托书供电局不收。")],
                 day=date(2026, 12, 17))
    assert [o for o, _, _ in actions(found)] == ["综合部"]


def test_two_errands_asked_in_one_turn_are_both_taken_by_one_yes() -> None:
    found = _run([("胡总", "赵磊你把施工图发给设计院，顺便问一下他们审图要多久。"), ("赵磊", "好，今天就发。")])
    got = actions(found)
    assert [(o, d) for o, d, _ in got] == [("赵磊", "2026-12-02"), ("赵磊", None)]
    assert "施工图" in got[0][2] and "审图" in got[1][2]


def test_a_day_guessed_at_or_decided_is_no_due_date_of_a_task() -> None:
    found = _run([("冯建", "复验谁去约？"), ("马国庆", "我去跟消防约复验，争取一月五号左右。")], day=date(2026, 12, 24))
    assert [(o, d) for o, d, _ in actions(found)] == [("马国庆", None)]
    found = _run([("汪强", "培训呢？"), ("蔡敏", "培训让新供应商来做，周四之前我跟他们约时间。"), ("汪强", "好。"),
                  ("蔡敏", "那就定了，一月一号切换，不延期。")], day=date(2026, 12, 14))
    assert [(o, d) for o, d, _ in actions(found)] == [("蔡敏", "2026-12-17")]


def test_a_suggestion_decides_nothing_until_the_chair_agrees_to_it() -> None:
    found = _run([("周总", "包装的事情呢？"), ("小李", "我建议换成蜂窝纸箱，便宜又结实。")])
    assert not decisions(found)
    found = _run([("周总", "包装的事情呢？"), ("小李", "我建议换成蜂窝纸箱，便宜又结实。"), ("周总", "我同意小李的方案，下批就换。")])
    assert decisions(found) == ["换成蜂窝纸箱，下批就换"]


def test_reassigned_to_someone_who_has_not_spoken_or_does_not_answer() -> None:
    found = _run([("郑总", "培训的事，钱芳你来安排。"), ("钱芳", "我这周出差。"),
                  ("郑总", "那还是冯凯去吧，下周一之前定下来。"), ("钱芳", "好，我把资料发给他。")], day=date(2026, 12, 7))
    assert ("冯凯", "2026-12-14") in [(o, d) for o, d, _ in actions(found)]
    assert "钱芳" not in [o for o, d, t in actions(found) if "培训" in t]
    found = _run([("冯凯", "报关的资料我来准备。"), ("郑总", "算了，还是交给钱芳吧，她熟。"), ("冯凯", "那我先忙别的。")])
    assert [o for o, _, _ in actions(found)] == ["钱芳"]


def test_a_task_asked_as_is_it_you_and_answered_yes() -> None:
    found = _run([("郑总", "客户样品的事，是不是你来跟？"), ("冯凯", "对，我来，周三前寄出去。")], day=date(2026, 12, 7))
    [(owner, due, text)] = actions(found)
    assert (owner, due) == ("冯凯", "2026-12-09") and "样品" in text


def test_the_chair_picking_between_ways_asked_and_taking_a_hold_proposed() -> None:
    found = _run([("邱院长", "那停伙期间职工吃饭怎么办？"), ("刘波", "送餐的费用怎么算？医院补贴还是职工自己出？"),
                  ("邱院长", "医院补一半，职工出一半。")], day=date(2026, 12, 11))
    assert decisions(found) == ["医院补一半，职工出一半"]
    found = _run([("邱院长", "厨房的排烟管道要不要一起换？"), ("张强", "排烟管道……呃，我看过了，还能用两三年，这次先不换吧。"),
                  ("邱院长", "那就先不换，等下次大修再说。")], day=date(2026, 12, 11))
    assert any("排烟管道" in d and "先不换" in d for d in decisions(found))


def test_a_topic_then_who_does_it() -> None:
    found = _run([("邱院长", "职工的通知呢？"), ("何敏", "通知我来发，我先拟个稿，明天给您看。")], day=date(2026, 12, 11))
    assert [(o, d) for o, d, _ in actions(found)] == [("何敏", "2026-12-12")]
    assert not decisions(_run([("张强", "消防报备我去吧。"), ("何敏", "哦不对，物业会统一报，不用我们去了。"),
                                ("张强", "那就不用我去了。")]))


# -- turn-about after a pause mark, forms of address in an unnamed room, "不用…了" of the turn before


def test_a_hand_over_after_a_pause_mark_goes_to_the_one_named() -> None:
    found = _run([("罗经理", "展会的样品清单谁来整理？"),
                  ("罗经理", "样品清单小蒋你整理一下……算了，还是让许磊来吧，他去年做过。"),
                  ("许磊（市场）", "行，我周五前整理好发群里。")])
    [(owner, due, text)] = actions(found)
    assert (owner, due) == ("许磊", "2026-12-04") and "样品清单" in text


def test_a_form_of_address_in_an_unnamed_room_is_whoever_answers() -> None:
    found = _run([("说话人1", "报价单的格式客户说看不懂。"), ("说话人2", "那得重新排一下版。"),
                  ("说话人1", "小孟，你明天能不能先把报价单重新排个版？"), ("说话人3", "可以。")])
    [(owner, due, text)] = actions(found)
    assert (owner, due) == ("说话人3", "2026-12-03") and "报价单" in text


def test_the_one_called_who_answers_with_a_day_takes_the_task() -> None:
    found = _run([("说话人1", "样机的说明书还缺一页。"), ("说话人2", "那页我有底稿。"),
                  ("说话人1", "那小孟你补一下说明书，后天能给我吗？"),
                  ("说话人2", "后天上午要出差，后天晚上之前给你。")])
    [(owner, due, text)] = actions(found)
    assert (owner, due) == ("说话人2", "2026-12-04") and "说明书" in text


def test_bu_yong_le_answers_the_question_just_put_not_an_older_task() -> None:
    found = _run([("郑总", "会议室的投影，周敏你明天找物业修一下。"), ("周敏（行政）", "好。"),
                  ("何伟（后勤）", "展架要不要我叫车从物业仓库拉回来？"),
                  ("郑总", "嗯……哦不对，这个不用我们做了，物业自己会送。")])
    assert [(o, d) for o, d, _ in actions(found)] == [("周敏", "2026-12-03")]


def test_bu_yong_le_drops_the_task_the_turn_before_took_on() -> None:
    found = _run([("郑总", "会议室的投影，周敏你明天找物业修一下。"), ("周敏（行政）", "好。"),
                  ("何伟（后勤）", "那展架我也去物业仓库拉回来吧。"),
                  ("郑总", "嗯……哦不对，这个不用我们做了，物业自己会送。")])
    assert [(o, d) for o, d, _ in actions(found)] == [("周敏", "2026-12-03")]


def test_ban_is_an_errand_verb() -> None:
    found = _run([("说话人1", "车要上高速，得有通行证。"), ("说话人2", "行，我让车队办，下周三之前办下来。")])
    assert [(o, d) for o, d, _ in actions(found)] == [("说话人2", "2026-12-09")]


def test_suan_le_wo_zi_ji_qu_takes_the_errand_back_to_the_speaker() -> None:
    found = _run([("说话人2", "印刷厂说已经印好了。"),
                  ("说话人1", "横幅我让小冯去印刷厂取一下……算了，还是我自己去吧，小冯要布展。我明天上午就去取，取了给你。")])
    [(owner, due, text)] = actions(found)  # the errand is the one handed back, not words of the turn before
    assert (owner, due) == ("说话人1", "2026-12-03") and "横幅" in text and "小冯" not in text


def test_a_question_with_huan_shi_wo_men_zi_ji_hands_nothing_over() -> None:
    found = _run([("罗经理", "展位搭建，小蒋你跟一下吧。"), ("蒋丽（市场）", "好，我今天联系搭建商。"),
                  ("许磊（市场）", "地毯是展馆统一铺还是我们自己铺？")])
    assert [(o, d) for o, d, _ in actions(found)] == [("蒋丽", "2026-12-02")]


def test_a_turn_about_on_another_matter_leaves_the_task_in_hand() -> None:
    found = _run([("钱坤（采购）", "那我先跟物流公司砍一砍运费。"),
                  ("罗经理", "行，你砍一下。报关这块，让小蒋一起弄了……算了，还是让关务部的许磊去吧，他熟。")])
    assert [(o, "运费" in t) for o, _, t in actions(found)] == [("钱坤", True)]
