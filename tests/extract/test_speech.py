"""Commitments heard in conversation become one action each, with the owner and date
said last, and vague or retracted ones none (extract/speech.py through extract())."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from facilitator.extract import extract
from facilitator.model import Cue, Participant, Suggestion
from facilitator.transcripts import parse_text
from tests.extract.conversation import actions, said

SAMPLE = Path("/work/shared/eval/speech/sample-zh.txt")
SAMPLE_TEXT = """包装延期协调会 2026-12-07
王强（销售）：今天把大家叫过来，主要是华东那个订单的外箱还没着落，客户月底要货。
刘芳（采购部）：外箱供应商说量太小，五百个起订，我们只要两百个。
陈明（生产部）：那我们这边也没法开线啊，没箱子装不了。
王强（销售）：按流程，包材是采购负责找的，这个没问题吧？
刘芳（采购部）：嗯，是我们的，这个我认。
王强（销售）：那真正的问题是起订量。我问问老周，他以前管过包装，认识几家做小批量的。
王强（销售）：老周那边我今天下午就打电话。
刘芳（采购部）：行，要是老周有门路，我明天之内把样品要过来。
陈明（生产部）：样品到了我们周三前做一次装箱测试。
王强（销售）：好，那就这么定了，先走老周的供应商，不行再说五百个的事。
刘芳（采购部）：那个价格的事回头再看看吧。
"""


def _run(lines: list[tuple[str, str]], day: date = date(2026, 12, 7)) -> list[Suggestion]:
    return said(lines, day)




def test_the_floor_sample_gives_its_three_actions_and_not_the_vague_line() -> None:
    text = SAMPLE.read_text(encoding="utf-8") if SAMPLE.exists() else SAMPLE_TEXT
    transcript = parse_text(text, "txt")
    people = [Participant("王强"), Participant("刘芳（采购部）"), Participant("陈明（生产部）")]
    found = extract(transcript.cues, meeting_date=date(2026, 12, 7), participants=people, language="zh")
    actions = [s for s in found if s.captured.kind == "action"]
    assert [(s.captured.owner, s.captured.due) for s in actions] == [
        ("王强", date(2026, 12, 7)), ("刘芳", date(2026, 12, 8)), ("陈明", date(2026, 12, 9))]
    assert "老周" in actions[0].captured.text
    assert actions[0].cues == (6, 7)  # the offer and the call, one action
    assert "样品" in actions[1].captured.text and "装箱测试" in actions[2].captured.text
    assert all("价格" not in s.quote for s in actions)
    assert all(s.quote and 0 < s.confidence <= 1 for s in found)
    decisions = [s.captured.text for s in found if s.captured.kind == "decision"]
    assert decisions and "老周的供应商" in decisions[0]


def test_this_one_i_take_gets_its_object_from_the_question() -> None:
    found = _run([("张伟（销售）", "嗯，那个，报价单谁来改一下？"),
                  ("李娜（采购部）", "呃……我来吧，就是，周四前我改好发给你。"),
                  ("张伟（销售）", "好的。")])
    assert [(o, d) for o, d, _ in actions(found)] == [("李娜", "2026-12-10")]
    assert "报价单" in actions(found)[0][2]


def test_a_date_moved_later_in_the_talk_is_the_one_kept() -> None:
    found = _run([("张伟", "我下周一把方案发给大家。"), ("李娜", "下周一太晚了，周五行不行？"), ("张伟", "行，那就周五。")])
    assert actions(found) == [("张伟", "2026-12-11", "把方案发给大家")]


def test_two_tasks_in_one_turn_are_two_actions() -> None:
    found = _run([("张伟", "我今天把报价发出去，周三前把图纸也给你们。")])
    assert [(o, d) for o, d, _ in actions(found)] == [("张伟", "2026-12-07"), ("张伟", "2026-12-09")]


def test_a_request_by_name_becomes_the_addressees_once_they_agree() -> None:
    found = _run([("张伟", "李娜你明天把样品寄给客户，可以吗？"), ("李娜", "可以，没问题。"),
                  ("李娜", "好，我一起寄，顺便把发票也开了。")])
    got = actions(found)
    assert got[0][:2] == ("李娜", "2026-12-08") and "样品" in got[0][2]
    assert len(got) == 2 and "发票" in got[1][2]


def test_unanswered_or_refused_requests_are_no_actions() -> None:
    assert actions(_run([("张伟", "李娜你明天把样品寄给客户，可以吗？"), ("李娜", "不行，我明天出差。")])) == []
    assert actions(_run([("张伟", "你再跟客户对一下口径吧。"), ("李娜", "客户那边最近很忙。")])) == []


def test_a_task_handed_over_ends_with_its_last_owner() -> None:
    found = _run([("张伟", "这个合同我先看一下吧。"), ("王芳", "要不还是法务看吧，你那边也忙。"),
                  ("张伟", "嗯，也行，算了，我就不看了。")])
    people = ["张伟", "王芳", "赵敏（法务）"]
    cues = [Cue(s, t) for s, t in [("张伟", "这个合同我先看一下吧。"), ("王芳", "要不还是法务看吧，你那边也忙。"),
                                   ("张伟", "嗯，也行，算了，我就不看了。")]]
    found = extract(cues, meeting_date=date(2026, 12, 7), participants=[Participant(n) for n in people])
    assert [o for o, _, _ in actions(found)] == ["赵敏"]


def test_a_task_given_to_a_department_goes_to_its_one_person_here() -> None:
    found = _run([("张伟", "这个交给采购部吧，让他们两天内回复。"), ("李娜（采购部）", "好的，收到。")])
    assert actions(found) == [("李娜", "2026-12-09", "回复")]


def test_vague_done_and_in_meeting_lines_are_no_actions() -> None:
    assert actions(_run([("张伟", "物流这块回头再看看吧。"), ("李娜", "嗯，有空我也研究研究。"),
                          ("王芳", "我觉得可以考虑换一家货代。")])) == []
    assert actions(_run([("张伟", "客户的资料我已经发群里了。"), ("李娜", "我现在就打个电话问一下。"),
                          ("王芳", "我刚才已经问过了。")])) == []


def test_english_offers_requests_and_take_backs() -> None:
    found = _run([
        ("Tom", "Okay, so who can follow up with the supplier about the delay?"),
        ("Anna", "I'll do it. I'll call them tomorrow morning."),
        ("Tom", "Great. Anna, can you also send the revised schedule to the customer by Friday?"),
        ("Anna", "Sure."),
        ("Ben", "Maybe we could think about a second supplier at some point."),
        ("Tom", "Ben, could you check the stock levels?"),
        ("Ben", "Yeah, I'll check them today. Actually, never mind, Tom has the numbers already."),
    ])
    assert actions(found) == [
        ("Anna", "2026-12-08", "follow up with the supplier about the delay"),
        ("Anna", "2026-12-11", "send the revised schedule to the customer"),
    ]


def test_the_answerer_of_are_you_going_to_owns_it() -> None:
    found = _run([("PERSON3", "So are you going to update the paper draft as well?"),
                  ("PERSON1", "Yes, I'm going to look into it, uh, I'll update the related work section by next week.")])
    assert [(o, d) for o, d, _ in actions(found)] == [("PERSON1", "2026-12-18")]


def test_an_anonymous_speaker_who_answers_to_a_name_is_that_person() -> None:
    found = _run([("PERSON1", "Anna, can you run the baseline again on the new data?"),
                  ("PERSON4", "Sure, I'll do it by Friday.")])
    assert actions(found) == [("Anna", "2026-12-11", "run the baseline again on the new data")]


def test_roles_named_in_the_third_person_get_their_tasks() -> None:
    found = _run([("Project Manager", "In the meantime, the Industrial Designer is gonna work on the look and feel "
                   "design and the Marketing Expert is going to work on product evaluation."),
                  ("Industrial Designer", "Okay."), ("Marketing Expert", "Sure.")])
    assert [o for o, _, _ in actions(found)] == ["Industrial Designer", "Marketing Expert"]


def test_quick_capture_lines_are_not_suggested_again() -> None:
    assert actions(_run([("张伟", "@李娜: 我明天把样品寄给客户 截止 周五")])) == []


def test_an_interrupted_date_ends_with_the_one_agreed() -> None:
    found = _run([("王磊（销售）", "特批的申请我来写，我跟进一下。"), ("李静（财务）", "写好了给我。"),
                  ("王磊（销售）", "好，我明天——"), ("赵刚（生产部）", "等一下，明天总经理不在，周三才回来。"),
                  ("王磊（销售）", "那我周三前写好给你。")])
    mine = [a for a in actions(found) if a[0] == "王磊"]
    assert len(mine) == 1 and mine[0][1] == "2026-12-09" and "特批的申请" in mine[0][2]


def test_the_name_said_first_is_who_you_is() -> None:
    found = _run([("李静", "刘总那边我来约。"), ("王磊", "好。赵刚，会后你把模具的图纸发我一份？"), ("赵刚", "好嘞。")])
    # "发我" is said by 王磊: the action names him, so it reads right out of the meeting
    assert ("赵刚", "2026-12-07", "把模具的图纸发王磊一份") in actions(found)


def test_estimates_and_notes_taken_in_the_meeting_are_no_actions() -> None:
    assert actions(_run([("孙敏", "电源到了以后，我们这边组装加调试大概要三天。"),
                          ("李静", "我记一下，模具费这块先按客户出一半、我们走特批来。")])) == []


def test_what_the_team_is_told_to_do_together_has_no_one_owner() -> None:
    found = _run([("Project Manager", "And the two designers are going to work together on the prototype using "
                   "modelling clay."), ("User Interface", "Okay.")])
    assert actions(found) == [(None, None, "work together on the prototype using modelling clay")]


def test_a_short_role_label_is_named_in_full_and_by_initials() -> None:
    found = _run([("Project Manager", "Okay, and the UID is supposed to come up with the user interface design."),
                  ("User Interface", "Yep.")])
    assert [o for o, _, _ in actions(found)] == ["User Interface"]


def test_a_task_done_during_the_meeting_is_no_follow_up() -> None:
    found = _run([("潘勇（仓库）", "我这边把剩下没发的 A13 先全部锁库，不再往这个项目发。"),
                  ("马丽（销售）", "对，锁库你现在就弄吧。"), ("潘勇（仓库）", "嗯……好了，系统里锁上了。")])
    assert actions(found) == []


def test_what_i_take_then_say_how_is_one_task_and_also_is_another() -> None:
    found = _run([("石磊（生产）", "排窑的事我来，我去跟窑炉那边商量插个单，明天给你们准话。"),
                  ("潘勇（仓库）", "那出库规则我来改，系统里加个校验，月底之前上线。"),
                  ("马丽（销售）", "好。新来的那个小何，你也给他培训一下。"),
                  ("潘勇（仓库）", "这个我本周五之前安排。")])
    assert actions(found) == [("石磊", "2026-12-08", "排窑的事，跟窑炉那边商量插个单，给准话"),
                               ("潘勇", "2026-12-31", "改出库规则"),
                               ("潘勇", "2026-12-11", "给新来的那个小何培训一下")]


def _of_kind(found: list[Suggestion], kind: str) -> list[Suggestion]:
    return [s for s in found if s.captured.kind == kind]


def test_whose_job_it_is_agreed_or_disputed() -> None:
    agreed = _of_kind(_run([("王强（销售）", "按流程，包材是采购负责找的，这个没问题吧？"),
                            ("刘芳（采购部）", "嗯，是我们的，这个我认。")]), "responsibility")
    assert [(s.captured.text, s.captured.owner, s.captured.status) for s in agreed] == [("包材", "采购部", "agreed")]
    disputed = _of_kind(_run([("周涛（销售）", "小吴，寄样机的快递你那边安排一下？"),
                              ("吴刚（采购部）", "物流不归我们管吧，一直是仓库在弄。")]), "responsibility")
    assert [(s.captured.text, s.captured.owner, s.captured.status) for s in disputed] == [("物流", None, "disputed")]
    assert disputed[0].captured.basis == "一直是仓库在弄"


def test_obstacles_have_a_kind_and_an_outsider_who_knows_a_way_is_a_lever() -> None:
    found = _run([("刘芳（采购部）", "外箱供应商说量太小，五百个起订，我们只要两百个。"),
                  ("王强（销售）", "那真正的问题是起订量。我问问老周，他以前管过包装，认识几家做小批量的。")])
    obstacles = _of_kind(found, "obstacle")
    assert obstacles and obstacles[0].captured.obstacle_kind == "priority"
    levers = _of_kind(found, "lever")
    assert [(s.captured.holder, s.captured.owner) for s in levers] == [("老周", "王强")]
    assert "小批量" in levers[0].captured.text


def test_an_asr_transcript_with_spaces_for_punctuation() -> None:
    found = _run([("说话人1", "那风险评估报告谁来补"),
                  ("说话人3", "这个我来吧 我们研发这边出 下周三之前给到认证公司"),
                  ("说话人1", "那小陈你明天安排寄一台过去"), ("说话人4", "好的 我明天上午寄"),
                  ("说话人1", "这个我得问一下老板 我今天问了告诉你们"),
                  ("说话人1", "嗯 那先不加急了 就按正常走")])
    # 小陈 who answered is 说话人4: the ledger names the transcript's label, not the nickname
    assert [(o, d) for o, d, _ in actions(found)] == [
        ("说话人3", "2026-12-16"), ("说话人4", "2026-12-08"), ("说话人1", "2026-12-07")]
    assert "风险评估报告" in actions(found)[0][2]
    assert [s.captured.text for s in _of_kind(found, "decision")] == ["先不加急了，按正常走"]
    assert [(s.captured.text, s.captured.owner) for s in _of_kind(found, "responsibility")] == [("风险评估报告", "研发")]


def test_a_plain_english_coordination_call() -> None:
    found = _run([
        ("Sarah", "Okay, um, let's get going. So the main issue is the Hamburg order, the housings are stuck at the "
                  "coating supplier."),
        ("Mike", "Yeah, they said they can't fit us in until the twentieth, they're fully booked."),
        ("Sarah", "That's way too late. Mike, can you call them and see if they can split the batch?"),
        ("Mike", "Sure, I can do that this afternoon."),
        ("Priya", "I know someone at another coating shop in Bremen, they used to do our prototypes."),
        ("Sarah", "Oh great. Could you send me their contact?"),
        ("Priya", "Yeah, I'll send it right after this call."),
        ("Sarah", "Perfect. And I'll let the customer know there might be a delay, I'll write to them today."),
        ("Mike", "Do we need to tell finance about the extra cost?"),
        ("Sarah", "Hmm, maybe later, let's see what Bremen says first."),
        ("Priya", "I'll, uh, I'll also check whether the spec allows a different coating. Actually no, Tom owns the "
                  "spec, let's have Tom do that."),
        ("Tom", "Okay, I can look into it by Thursday."),
        ("Sarah", "Great. So we agreed: we try Bremen first and only then pay for overtime at the current supplier."),
        ("Sarah", "I've already updated the tracker, by the way."),
    ])
    assert [(o, d) for o, d, _ in actions(found)] == [
        ("Mike", "2026-12-07"), ("Priya", "2026-12-07"), ("Sarah", "2026-12-07"), ("Tom", "2026-12-10")]
    assert "spec" in actions(found)[-1][2]
    assert [s.captured.text for s in _of_kind(found, "decision")] == [
        "we try Bremen first and only then pay for overtime at the current supplier"]
    assert [s.captured.obstacle_kind for s in _of_kind(found, "obstacle")] == ["capacity"]


def test_i_can_take_that_takes_the_need_said_before() -> None:
    found = _run([("A", "We need someone to update the install guide for the new release."),
                  ("B", "I can take that."), ("A", "Great, thanks.")])
    assert actions(found) == [("B", None, "update the install guide for the new release")]
    found = _run([("PERSON2", "The licence server keeps dropping the connection."),
                  ("PERSON1", "So are you going to do that?"), ("PERSON2", "Yes, I'm going to look into it.")])
    assert [(o, t) for o, _, t in actions(found)] == [("PERSON2", "The licence server keeps dropping the connection")]


def test_in_meeting_moves_and_hedges_are_no_actions() -> None:
    assert actions(_run([("A", "I'll just share my screen."), ("B", "Okay, I'll go through the numbers now."),
                          ("A", "Let me check the calendar.")])) == []
    assert actions(_run([("A", "Maybe we could ask legal about it."),
                          ("B", "Yeah, I might look at it at some point."),
                          ("C", "We should probably revisit the budget.")])) == []


def test_a_question_asked_of_someone_named_is_a_request() -> None:
    found = _run([("王经理", "刘工，那个，图纸周五前能改好吗？"), ("刘工", "能，周五前发你。")])
    assert [(o, d) for o, d, _ in actions(found)] == [("刘工", "2026-12-11")]


def test_a_day_echoed_or_told_is_no_due_date_and_a_bare_errand_joins_the_one_before() -> None:
    found = _run([("郭强（生产部）", "我们这边产线是满的，最快也得下周四。"),
                  ("黄伟（销售）", "下周四……那我先跟客户说下周五，留一天余量。"),
                  ("郭强（生产部）", "那我去问王总吧，我跟他比较熟。"),
                  ("林芳（计划）", "我记得王总这周在外地出差。"),
                  ("郭强（生产部）", "没事，我打电话问，今天就问。")])
    assert [(o, d) for o, d, _ in actions(found)] == [("黄伟", None), ("郭强", "2026-12-07")]
    assert "王总" in actions(found)[1][2]


def test_a_day_turned_down_gives_way_to_the_one_offered() -> None:
    found = _run([("邓超（采购部）", "温控模块要不要先备一个新的？万一要换。"),
                  ("高峰（技术部）", "可以先备着，你那边后天上午之前能到吗？"),
                  ("邓超（采购部）", "后天上午够呛，下礼拜一吧。"),
                  ("高峰（技术部）", "那也行，下礼拜一。"),
                  ("高峰（技术部）", "这事儿交我吧，我明儿一早就去现场看看。")])
    assert [(o, d) for o, d, _ in actions(found)] == [("邓超", "2026-12-14"), ("高峰", "2026-12-08")]
    assert "温控模块" in actions(found)[0][2]


def test_a_department_asked_by_name_and_a_promise_not_given() -> None:
    found = _run([("朱丽（销售）", "先别争了。你们品质部出个整改报告吧，周四前给我。"),
                  ("杨帆（品质部）", "行，我们周四前出。"),
                  ("朱丽（销售）", "物流那边，何涛你看看能不能换个包装方案。"),
                  ("何涛（物流）", "我试试吧，不保证。"),
                  ("何涛（物流）", "那全检完的货我这边重新打包，后天能发。"),
                  ("朱丽（销售）", "好，我跟客户说一下，大概后天发货。")])
    assert actions(found) == [("杨帆", "2026-12-10", "出个整改报告"), ("何涛", "2026-12-09", "全检完的货重新打包"),
                               ("朱丽", None, "跟客户说一下")]


def test_a_role_named_inside_a_task_is_part_of_it() -> None:
    found = _run([("Project Manager", "Um the User Interface Designer will work on the user interface design and the "
                   "Marketing Expert is going to work on product evaluation. And the two designers are going to work "
                   "together on our prototype and you will get extra instructions from your coach."),
                  ("User Interface", "Okay."), ("Marketing Expert", "Sure.")])
    assert actions(found) == [("User Interface", None, "work on the user interface design"),
                               ("Marketing Expert", None, "work on product evaluation"),
                               (None, None, "work together on our prototype")]


def test_action_items_said_aloud_lets_have_and_thatd_be_me() -> None:
    found = _run([("Speaker 1", "So, action item for me: send the updated quote to Acme by Wednesday."),
                  ("Speaker 1", "Let's have Maria follow up with legal on the contract clause."),
                  ("Maria", "Sure, I'll reach out to them tomorrow."),
                  ("Lisa", "Who's going to own the rollout plan?"),
                  ("Ken", "That'd be me. I'll have a draft by Monday."),
                  ("Ken", "Um, I was going to update the wiki but I haven't had time.")])
    assert [(o, d) for o, d, _ in actions(found)] == [
        ("Speaker 1", "2026-12-09"), ("Maria", "2026-12-08"), ("Ken", "2026-12-14")]
    assert "rollout plan" in actions(found)[2][2]


def test_tasks_given_by_name_in_one_turn_each_with_the_day_for_all() -> None:
    found = _run([("何军", "冯雪负责电气部分，许亮负责机械部分，周三前都给我。"), ("冯雪", "好。"), ("许亮", "没问题。")])
    assert actions(found) == [("冯雪", "2026-12-09", "负责电气部分"), ("许亮", "2026-12-09", "负责机械部分")]
    found = _run([("何军", "这块王磊跟一下吧。"), ("王磊", "行，我明天联系他们。")])
    assert [(o, d) for o, d, _ in actions(found)] == [("王磊", "2026-12-08")]


def test_a_decision_is_one_made_not_one_still_to_make() -> None:
    found = _run([("甲", "这个谁来决定？"), ("乙", "还没定下来，等老板回来。"),
                  ("甲", "好，结论是先发五十台，剩下的下月再发。")])
    assert [s.captured.text for s in _of_kind(found, "decision")] == ["先发五十台，剩下的下月再发"]


def test_a_task_said_over_several_turns_is_one_action_with_its_object() -> None:
    # the object said by the chair before the name, a later "弄完给你消息" after a reminder,
    # and words to the task's party: one action each, not three pieces
    found = _run([("杜经理", "正式维修这块，齐工你出个方案，费用也估一下。"),
                  ("齐工", "好，我后天前给你。"),
                  ("林姐", "厂家那边谁联系一下？"),
                  ("小魏", "我联系吧，我今天下午打。"),
                  ("小魏", "我跟他们说这周内必须来。"),
                  ("杜经理", "好。齐工，维修方案的事你别忘了。"),
                  ("齐工", "放心，弄完我就给你消息。")])
    acts = actions(found)
    assert [(o, d) for o, d, _ in acts] == [("齐工", "2026-12-09"), ("小魏", "2026-12-11")]
    assert "正式维修" in acts[0][2] and "方案" in acts[0][2]
    assert "厂家" in acts[1][2]


def test_a_try_doubted_in_its_next_clause_and_a_verb_made_noun_are_no_tasks() -> None:
    found = _run([("赵总", "能不能从老店先调两个人过去？"),
                  ("吴斌（人事）", "我问问老店店长吧，不一定肯放人。"),
                  ("郑浩（销售）", "我能给的最大折扣是九折，再多要审批。"),
                  ("张姐", "这个我来跟设计院沟通吧。"),
                  ("老王", "你什么时候能有回音？"),
                  ("张姐", "周五之前我给你个准话。"),
                  ("周建国（生产部）", "我这边先把模具温度排查一遍，就是说不一定全是料的问题。")])
    acts = actions(found)
    assert [o for o, _, _ in acts] == ["张姐", "周建国"]
    assert "设计院" in acts[0][2] and acts[0][1] == "2026-12-11"


def test_english_words_that_leave_nothing_to_do_after_the_meeting() -> None:
    found = _run([("Project Manager", "You'll receive some specific instructions from the coach."),
                  ("Industrial Designer", "I'll make it."),
                  ("User Interface", "Let me just look at that in a second."),
                  ("User Interface", "And everyone will say I'll buy it."),
                  ("Marketing Expert", "It's something to do with torches."),
                  ("Industrial Designer", "I'll look into the battery costs by Friday.")])
    acts = actions(found)
    assert [o for o, _, _ in acts] == ["Industrial Designer"] and "battery" in acts[0][2]


def test_a_task_handed_to_an_unnamed_you_belongs_to_who_says_yes() -> None:
    talk = [("Marketing Expert", "The buttons look a bit too big to me."), ("User Interface", "Mm yeah, maybe.")] * 4
    found = _run([*talk,
                  ("Project Manager", "Okay. So for the next meeting, you're gonna be working on the look and feel design."),
                  ("Industrial Designer", "Yep."),
                  ("Project Manager", "And for the next meeting everyone will fill in the questionnaire."),
                  ("Marketing Expert", "Okay.")])
    assert [(o, t) for o, _, t in actions(found)] == [("Industrial Designer", "work on the look and feel design"),
                                                       (None, "fill in the questionnaire")]


def test_the_answer_to_a_who_question_is_about_the_thing_asked() -> None:
    found = _run([("周园长", "音响这块……后勤那边谁能看一下？"),
                  ("老马", "我看看吧，应该是线松了，我明天上午去礼堂弄。"),
                  ("陈老师", "还有服装，大班的舞蹈服小了。"),
                  ("周园长", "老马，音响的事你别忘了，修不好尽早说。"),
                  ("老马", "放心，明天弄完我就给你消息。")])
    acts = actions(found)
    assert [(o, d) for o, d, _ in acts] == [("老马", "2026-12-08")]
    assert "音响" in acts[0][2] and "线松" not in acts[0][2]


def test_them_in_a_task_names_the_party_said_before() -> None:
    found = _run([("彭丽（财务部）", "旧供应商还有一笔押金没退，八万块。"),
                  ("蔡敏（采购部）", "押金的事我跟他们谈，周五前谈完。"),
                  ("汪强（客房部）", "还有员工培训。"),
                  ("蔡敏（采购部）", "培训让新供应商来做，他们有专门的人。周四之前我跟他们约时间。")])
    texts = [t for _, _, t in actions(found)]
    assert any("旧供应商" in t and "押金" in t for t in texts)
    assert any("新供应商" in t and "约时间" in t for t in texts)
    assert not any("他们" in t for t in texts)
