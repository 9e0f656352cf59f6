"""Rules added while widening the development set (bench/data/extract/*/dev): each test is a
spoken form a new meeting showed the extractor missing or misreading, in words of its own."""

from __future__ import annotations

from datetime import date

from facilitator.extract import extract
from facilitator.model import Suggestion
from tests.extract.conversation import actions, decisions, said


def _run(lines: list[tuple[str, str]], day: date = date(2026, 12, 7)) -> list[Suggestion]:
    return said(lines, day)




def test_a_task_said_with_a_pronoun_names_what_the_turn_before_was_about() -> None:
    found = _run([("孙总", "投标保证金要交两万，财务那边要提前走流程。"),
                  ("孙总", "这个你跟财务说一下，下周一之前打过去。"),
                  ("方敏", "好。")])
    [(owner, due, text)] = actions(found)
    assert owner == "方敏" and due == "2026-12-14"  # the deadline stays, though 说一下 comes first
    assert "流程" in text and not text.startswith("这个")


def test_a_bare_verb_takes_its_object_from_the_clause_before_it() -> None:
    found = _run([("说话人1", "那先送校准 你安排一下"), ("说话人2", "好 我周三送过去")])
    [(owner, due, text)] = actions(found)
    assert owner == "说话人2" and due == "2026-12-09" and "校准" in text


def test_choices_settled_in_so_many_words_are_decisions() -> None:
    found = _run([("许静", "那搭建商就定去年那家了。"),
                  ("方经理", "对，冷柜走集采，不单独招了。"),
                  ("曹总", "对，就投四千二那款，价格控制在预算以内。"),
                  ("方经理", "先不推，按一月十五号准备。"),
                  ("老周", "那就转五号机")])
    decided = decisions(found)
    assert any("去年那家" in d for d in decided)
    assert any("集采" in d for d in decided)
    assert any("四千二" in d for d in decided)
    assert any("一月十五号" in d for d in decided)
    assert any("五号机" in d for d in decided)
    assert not actions(found)


def test_a_choice_asked_is_no_decision() -> None:
    assert not decisions(_run([("许静", "搭建商就定去年那家吗？")]))


def test_an_opinion_or_a_full_week_commits_to_nothing() -> None:
    found = _run([("许静", "展台我倾向于用去年那家，价格贵一点但靠谱。"),
                  ("何川", "我这周排满了。"),
                  ("老周", "我们看一下这周的模具维修。")])
    assert actions(found) == []


def test_the_room_planning_while_asking_who_gives_the_task_to_whom_it_is_handed() -> None:
    found = _run([("许静", "样机我们要带三台过去，工厂那边谁负责发货？"),
                  ("许静", "那这个交给物流部吧，十二号之前发到展馆。")])
    owners = [owner for owner, _, _ in actions(found)]
    assert owners == ["物流部"]


def test_who_has_time_asks_for_the_task_the_turn_before_named() -> None:
    found = _run([("小林", "业主还说要一份发电量预测报告。"),
                  ("老王", "这个……你们谁有空？"),
                  ("小陈", "我可以做，不过要下周了。"),
                  ("老王", "下周也行，下周三之前给业主。")], day=date(2026, 12, 10))
    [(owner, due, text)] = actions(found)
    assert owner == "小陈" and due == "2026-12-16" and "预测报告" in text and "不过" not in text


def test_a_matter_said_first_is_the_object_not_a_party() -> None:
    [(owner, _, text)] = actions(_run([("吕斌", "数据迁移那块我来写，明天给你。")]))
    assert owner == "吕斌" and "数据迁移" in text and not text.startswith("跟")


def test_the_user_is_not_the_user_interface_designer() -> None:
    lines = [("Project Manager", "Okay."), ("User Interface", "Right."),
             ("Marketing Expert", "Or maybe the user can create his own vocabulary, the user will record it.")]
    assert actions(_run(lines)) == []


def test_writing_it_down_happens_in_the_meeting() -> None:
    lines = [("Project Manager", "So that's the budget."), ("Industrial Designer", "I'm gonna write that down.")]
    assert actions(_run(lines)) == []


def test_a_proposal_taken_up_with_na_jiu_is_a_decision() -> None:
    found = _run([("王芳", "我觉得可以先发一半。"), ("李总", "行，那就先发一半。")])
    assert decisions(found) == ["先发一半"]
    assert decisions(_run([("李总", "那就先这么着，散会。")])) == []


def test_a_ticked_heading_in_a_chat_recap_starts_its_list() -> None:
    from facilitator.transcripts import parse_text

    text = "袁杰 10:02\n今天会上定的几件事我同步一下👇\n✅ 共识：\n· 封箱机换成侧驱动的型号\n· 试运行放在下周三\n☑ @袁杰 现场尺寸已复测\n"
    found = extract(parse_text(text, "txt").cues, meeting_date=date(2026, 12, 10), participants=[], language="zh")
    assert decisions(found) == ["封箱机换成侧驱动的型号", "试运行放在下周三"]
    assert actions(found) == []  # the ticked line is done already


def test_a_question_to_the_room_answered_in_words_that_settle_it_is_a_decision() -> None:
    found = _run([("严敏", "样品间那批旧展架怎么处理？"),
                  ("柯总", "能用的搬去仓库，坏的直接清掉，秦工你周五前找人拉走。"),
                  ("秦工", "好。")])
    assert decisions(found) == ["能用的搬去仓库，坏的直接清掉"]
    assert [(o, d) for o, d, _ in actions(found)] == [("秦工", "2026-12-11")]


def test_an_answer_that_is_a_wish_or_the_speakers_own_errand_is_no_decision() -> None:
    found = _run([("严敏", "展架要不要换新的？"), ("柯总", "这个以后再说吧。"),
                  ("严敏", "宣传册要不要重印？"), ("秦工", "我明天去问问印刷厂多少钱。")])
    assert decisions(found) == []


def test_agreeing_to_a_proposal_decides_the_proposal() -> None:
    found = _run([("严敏", "以后样品是不是统一走顺丰？"), ("柯总", "我同意，别的快递老丢件。")])
    assert decisions(found) == ["以后样品统一走顺丰"]


def test_the_meetings_own_agenda_said_with_today_is_no_task() -> None:
    found = _run([("说话人1", "嗯那个我们今天主要说一下年会场地的事情啊"), ("说话人2", "场地我问了两家")])
    assert actions(found) == []


def test_a_promise_hedged_in_the_same_breath_is_no_task() -> None:
    found = _run([("何丽", "质检报告我尽量周五前给你，不保证啊。"), ("周强", "到时候我问一下。"),
                  ("何丽", "培训我争取下周安排一下吧，看大家时间。")])
    assert actions(found) == []
