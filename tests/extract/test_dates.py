"""Due dates as people say them (extract/dates.py, extract/spoken.py) and in date fields."""

from __future__ import annotations

from datetime import date

import pytest

from facilitator.extract.dates import find_dates, first_due

MONDAY = date(2026, 12, 7)


@pytest.mark.parametrize(("said", "due"), [
    ("样品到了我们周三前做一次装箱测试", "2026-12-09"),
    ("我明天之内把样品要过来", "2026-12-08"),
    ("老周那边我今天下午就打电话", "2026-12-07"),
    ("客户月底要货", "2026-12-31"),
    ("两天内给你", "2026-12-09"),
    ("这周内搞定", "2026-12-11"),
    ("三个工作日内", "2026-12-10"),
    ("最晚周三拿到", "2026-12-09"),
    ("下个月底", "2027-01-31"),
    ("15号之前", "2026-12-15"),
    ("I will do it tomorrow", "2026-12-08"),
    ("by the end of the week", "2026-12-11"),
    ("by next Friday", "2026-12-18"),
    ("within two days", "2026-12-09"),
    ("I'll send it right after this call", "2026-12-07"),
])
def test_spoken_dates_are_found_in_a_sentence(said: str, due: str) -> None:
    found = first_due(said, MONDAY)
    assert found is not None and found.due.isoformat() == due
    assert said[found.start:found.end] == found.text


@pytest.mark.parametrize("said", ["10:30开会", "我有2个问题", "今天下午到底写没写", "Anything else?"])
def test_words_that_are_no_dates(said: str) -> None:
    assert [f.text for f in find_dates(said, MONDAY) if f.text in ("到底", "10:30", "2个")] == []


def test_a_date_field_takes_spoken_dates_and_quick_capture_keeps_its_meaning() -> None:
    from datetime import date

    from facilitator.capture import parse_date_field, parse_line

    monday = date(2026, 12, 7)
    assert parse_date_field("月底", monday) == date(2026, 12, 31)
    assert parse_date_field("两天内", monday) == date(2026, 12, 9)
    assert parse_date_field("明天之内", monday) == date(2026, 12, 8)
    assert parse_date_field("end of the week", monday) == date(2026, 12, 11)
    assert parse_date_field("周五", monday) == date(2026, 12, 11)
    # a typed action line still reads only the DATE forms of design.md section 6
    line = parse_line("@吴工: 检查设备 截止 下个月底", monday)
    assert line.due is None and line.problems == [("bad_date", "下个月底")]


def test_a_week_with_no_day_is_still_no_date_in_a_field() -> None:
    from facilitator.capture import parse_date_field

    for text in ("下周", "next week", "回头"):
        with pytest.raises(ValueError):
            parse_date_field(text, MONDAY)
    assert parse_date_field("这周内", MONDAY) == date(2026, 12, 11)


def test_a_month_and_day_said_in_chinese_numerals_is_a_date() -> None:
    ref = date(2026, 12, 18)
    for said, day in (("一月十号之前", date(2027, 1, 10)), ("十二月二十号前", date(2026, 12, 20)),
                      ("元月五号发货", date(2027, 1, 5)), ("12月三十号", date(2026, 12, 30))):
        found = first_due(said, ref)
        assert found is not None and found.due == day, said


@pytest.mark.parametrize("said", ["夜班的叉车我来调，晚上的车不够", "把晚上装柜的事跟仓库说好", "货车只能晚上十一点以后进场",
                                  "下午的会我来订会议室"])
def test_a_time_of_day_that_names_what_happens_then_is_no_due_day(said: str) -> None:
    assert first_due(said, MONDAY) is None


@pytest.mark.parametrize("said", ["我晚上发你", "晚上之前给你", "下午我去一趟"])
def test_a_time_of_day_said_alone_is_today(said: str) -> None:
    found = first_due(said, MONDAY)
    assert found is not None and found.due == MONDAY


def test_tomorrow_end_of_day_written_after_a_task_is_tomorrow() -> None:
    # "EOD" alone is the day itself; "tomorrow EOD" is one date, not tomorrow then today
    from facilitator.extract.minutes_fields import People
    from facilitator.extract.minutes_items import parse_action

    for written in ("Rui — draft the incident note — tomorrow EOD", "Rui to draft the incident note by tomorrow, end of day"):
        parsed = parse_action(written, People([]), MONDAY)
        assert parsed is not None
        assert (parsed.text, parsed.due) == ("draft the incident note", date(2026, 12, 8))
