"""A 会后小结 mail or a DingTalk 工作汇报 gives its tasks inside sentences and in the writer's
own voice: each ；-part of a sentence hands one piece of work out, a later clause can open with
the person who does it and when (…由设计部牵头，郝斌周三前拿出…), the owner can come after the
work (这件事程雅负责), a request ends the mail (最后麻烦牛蕾明天…), and 我 is whoever
submitted the report. Seen on a fresh page by a writer who never saw the extractor: the mail
gave one task to a department with three people's work run together, and three more were lost."""

from __future__ import annotations

from datetime import date

from tests.extract.conversation import written

MON = date(2026, 12, 7)


def _actions(text: str, people: tuple[str, ...] = ()) -> list[tuple[str | None, date | None, str]]:
    return [(owner, due, t) for kind, t, owner, due in written(text, MON, people=people) if kind == "action"]


MAIL = """主题：仓库搬迁协调会小结
发件人：韦强
收件人：祝红；邵斌；甘露；卜亮
日期：2026年12月7日

各位好，今天的会小结如下。

新仓的货架方案由物流部牵头重新做，祝红周三前拿出货架布置图；布置图定了以后由邵斌在周五前报给物业审批。叉车租赁的价格行政这边去谈，争取不涨价，这件事甘露负责，月底前给个结论。

最后麻烦卜亮明天把今天会议的签到表整理一下发我。
"""


def test_a_mail_hands_out_each_piece_of_work_to_the_one_it_names() -> None:
    actions = _actions(MAIL)
    owners = [(owner, due) for owner, due, _ in actions]
    assert owners == [
        ("祝红", date(2026, 12, 9)),
        ("邵斌", date(2026, 12, 11)),
        ("甘露", date(2026, 12, 31)),
        ("卜亮", date(2026, 12, 8)),  # 明天, not 今天: today names the meeting the list is from
    ]
    assert actions[0][2] == "拿出货架布置图"
    assert "物流部" not in " ".join(text for *_, text in actions)


REPORT = """工作汇报｜2026-12-07｜展会物料专题会
提交人：滕芳（市场专员）
接收人：葛总

【需跟进事项】
· 苗壮：明天给展台搭建商回邮件确认尺寸
· 我：周三前把物料清单报给财务
"""


def test_the_me_of_a_report_is_who_submitted_it() -> None:
    assert _actions(REPORT, ("苗壮", "葛总")) == [
        ("苗壮", date(2026, 12, 8), "给展台搭建商回邮件确认尺寸"),
        ("滕芳", date(2026, 12, 9), "把物料清单报给财务"),
    ]


def test_work_a_mail_gives_to_me_is_the_writers_and_a_manager_is_named_by_surname_and_title() -> None:
    mail = ("主题：展会筹备小结\n发件人：韦强\n收件人：祝红；卫国平（厂长）\n日期：2026年12月7日\n\n"
            "对展商的口径由我统一回复，其他同事不要另外答应。卫厂长明天给出样机的底价。\n")
    assert _actions(mail) == [
        ("韦强", None, "对展商的口径统一回复"),
        ("卫国平", date(2026, 12, 8), "给出样机的底价"),
    ]
