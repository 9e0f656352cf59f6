"""Cases for a meeting: its own context as the query, matched by the obstacle's kind.

A real index of the fixture cards (E5 vectors in embedded chromadb) and real meetings
in a real SQLite home, typed line by line as in the live meeting.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from facilitator.library.cards import section_title
from facilitator.library.meeting_query import MeetingHit, build_query
from facilitator.model import Item, Meeting, Note
from facilitator.service import Service
from tests.conftest import RunCli

from .conftest import FIXTURE_CARDS

TENDER = [  # the meeting: an overseas tender, a test report nobody has budget for
    ("convene", "销售 张伟、质量部 郑工、技术部 李工到场，投标截止还剩三周"),
    ("stuck", "招标文件要求有资质实验室出具的型式试验报告，我们只有厂内试验记录"),
    ("stuck", "质量部说送检不在今年计划里，技术部说送检归质量部"),
    ("boundaries", "型式试验送检 => 质量部 (依据: 质量手册)"),
    ("obstacle", "障碍：质量部今年没有这笔钱，送检一次要十二万"),
]


@pytest.fixture(scope="module")
def library_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    home = tmp_path_factory.mktemp("meeting-search-home")
    cards = tmp_path_factory.mktemp("meeting-search-cards") / "cards"
    shutil.copytree(FIXTURE_CARDS, cards)
    service = Service(home)
    report = service.cases.index([cards], builtin=False)
    assert report.cards == 6
    service.close()
    yield home, cards


@pytest.fixture
def service(library_home: tuple[Path, Path]) -> Iterator[Service]:
    svc = Service(library_home[0])
    yield svc
    svc.close()


def _typed(service: Service, title: str, lines: list[tuple[str, str]], goal: str = "") -> int:
    m = service.record.new_meeting(title, on=date(2026, 11, 23), goal=goal)
    assert m.id is not None
    for stage, line in lines:
        service.record.capture(m.id, line, stage)
    service.record.update_meeting(m.id, stage=lines[-1][0])
    return m.id


def test_query_uses_title_goal_stuck_point_and_obstacles_with_kinds() -> None:
    m = Meeting(title="海外投标缺检测报告", goal="赶上投标截止", language="zh",
                notes=[Note("开场", stage="convene"), Note("卡在送检", stage="stuck"), Note("最近一句", stage="obstacle")],
                obstacles=[Item("质量部没有预算", id=1, kind="budget")])
    q = build_query(m, "obstacle")
    for part in ("海外投标缺检测报告", "赶上投标截止", "卡在送检", "质量部没有预算", "最近一句"):
        assert part in q.context
    assert "质量部没有预算" in q.obstacle and "预算" in q.obstacle.splitlines()[-1]
    assert q.kinds == ("budget",) and q.stage == "obstacle"
    # no obstacle yet: the stuck point stands in for it
    assert "卡在送检" in build_query(Meeting(title="t", notes=[Note("卡在送检", stage="stuck")])).obstacle


def test_budget_meeting_finds_the_budget_case_with_its_way_out(service: Service) -> None:
    mid = _typed(service, "海外电网投标缺第三方型式试验报告", TENDER, goal="周五前定下报告怎么出")
    hits = service.cases.search_meeting(mid, k=3)
    assert all(isinstance(h, MeetingHit) for h in hits)
    top = [h.case_id for h in hits]
    assert "video-budget" in top[:2], top
    budget = hits[top.index("video-budget")]
    assert budget.kind == "budget"  # the fixture card has no annotation: classified from its text
    # in the obstacle stage the hit shows how the case got out, not just where it matched; the
    # English card's heading is named as the Chinese meeting names it
    resolution = section_title("resolution", "zh")
    assert resolution != "Resolution"
    assert budget.section == resolution and budget.way_out and budget.way_out_section == resolution
    data = budget.to_json()
    assert {"case_id", "title", "score", "section", "snippet", "source", "kind", "way_out"} <= set(data)
    # earlier stages keep the searcher's own best section
    early = service.cases.search_meeting(mid, stage="stuck", k=6)
    assert {h.case_id for h in early} >= {"video-budget"}


def test_the_kind_decides_between_two_cases_sharing_words(service: Service) -> None:
    """Same words (a small order nobody takes), different obstacle kinds: the kind the
    facilitator states moves the matching card up."""
    lines = [("stuck", "小批量的订单卡住了，交期很紧"), ("obstacle", "障碍[产能]：产线被大客户的急单排满")]
    mid = _typed(service, "小订单交付", lines)
    assert service.cases.search_meeting(mid, k=1)[0].case_id == "priority-small-order"
    lines = [("stuck", "小批量的订单卡住了，交期很紧"), ("obstacle", "障碍[优先级]：外面的厂家嫌量小都不接")]
    mid = _typed(service, "小订单交付", lines)
    assert service.cases.search_meeting(mid, k=1)[0].case_id == "supplier-small-order"


def test_cli_prints_the_search_json_shape(library_home: tuple[Path, Path], run_cli: RunCli) -> None:
    home = library_home[0]
    svc = Service(home)
    mid = _typed(svc, "海外电网投标缺第三方型式试验报告", TENDER)
    svc.close()
    out = run_cli("--home", str(home), "search", "--meeting", str(mid), "-k", "2", "--json", use_home=False)
    assert out.returncode == 0, out.stderr
    hits = json.loads(out.stdout)
    assert len(hits) == 2
    assert all({"case_id", "title", "score", "section", "snippet", "source"} <= set(h) for h in hits)
    assert hits[0]["score"] == 1.0 and hits[0]["score"] >= hits[1]["score"]
    for bad in (["--meeting", str(mid), "--stage", "nowhere"], ["--meeting", "999"], ["budget", "--stage", "obstacle"]):
        out = run_cli("--home", str(home), "search", *bad, use_home=False)
        assert out.returncode == 2 and len(out.stderr.strip().splitlines()) == 1, (bad, out.stderr)


def test_a_meeting_with_nothing_said_yet_gets_no_cases(service: Service) -> None:
    """An empty panel beats a generic card: the title alone does not bring one."""
    m = service.record.new_meeting("小订单交付", on=date(2026, 11, 23))
    assert m.id is not None
    assert service.cases.search_meeting(m.id, k=3) == []
    line = "订单量太小，供应商都不愿意接小批量的非标订单"
    assert service.cases.search_meeting(m.id, k=3, typed=line)  # the line being typed counts
    service.record.capture(m.id, line, "stuck")
    assert service.cases.search_meeting(m.id, k=3)


CONTENTLESS = ["王强第1行", "好的", "test", "开会了", "王强 李娜 张伟 刘经理", "稍等一下，我找下文件"]


def test_notes_that_say_nothing_get_no_cases_nor_a_coach_quote(service: Service) -> None:
    """Issue 24: an empty panel beats an unrelated card. Notes that say nothing about an
    obstacle (a row number, "好的", a list of names) bring no case to ``search --meeting``,
    the live panel (the line being typed too) or the coach."""
    mid = _typed(service, "周例会", [("convene", line) for line in CONTENTLESS])
    assert service.cases.search_meeting(mid, k=5) == []
    assert service.cases.search_meeting(mid, k=5, typed="收到", carry=True) == []
    coaching = service.cases.coach(mid, stage="convene")
    assert coaching.cases == [] and coaching.suggestions == []


def test_a_real_obstacle_after_chatter_brings_its_card(service: Service) -> None:
    """The same chatter, then one line that says what is stuck: its card comes (and the
    chatter alone had none, so the floor, not the line, is what this tests against)."""
    mid = _typed(service, "周例会", [("convene", line) for line in CONTENTLESS])
    assert service.cases.search_meeting(mid, k=3) == []
    service.record.capture(mid, "订单量太小，供应商都不愿意接小批量的非标订单", "stuck")
    assert [h.case_id for h in service.cases.search_meeting(mid, k=3)][:1] == ["supplier-small-order"]
    # a recorded obstacle says what is stuck by where it stands, even in another industry's words
    other = _typed(service, "周例会", [("convene", line) for line in CONTENTLESS]
                   + [("obstacle", "障碍：质量部今年没有这笔钱，送检一次要十二万")])
    assert service.cases.search_meeting(other, k=3)


def test_search_with_a_contentless_query_says_so_and_keeps_the_json_list(run_cli: RunCli,
                                                                         library_home: tuple[Path, Path]) -> None:
    """``search QUERY``: the user asked, so the nearest cases stay (in the design's JSON shape);
    in text, one line says none clearly matches. A clear query gets no such line."""
    home = library_home[0]
    vague = run_cli("--home", str(home), "search", "稍等一下，我找下文件", use_home=False)
    said = ("no case clearly matches", "没有明显相关的案例")  # in the user's language
    assert vague.returncode == 0 and any(w in vague.stderr for w in said), vague.stderr
    assert vague.stdout.strip()
    clear = run_cli("--home", str(home), "search", "订单量太小，供应商都不愿意接小批量的非标订单", use_home=False)
    assert clear.returncode == 0 and not any(w in clear.stderr for w in said), clear.stderr
    listed = json.loads(run_cli("--home", str(home), "search", "稍等一下，我找下文件", "--json", use_home=False).stdout)
    assert isinstance(listed, list) and all(set(h) >= {"case_id", "title", "score", "section", "snippet", "source"}
                                            for h in listed)


def test_the_meeting_is_searched_once_with_its_weights(library_home: tuple[Path, Path]) -> None:
    """One ranking layer: the meeting's views go to the searcher as one weighted query."""
    from facilitator.library.meeting_query import search_meeting
    from facilitator.library.search import Query

    svc = Service(library_home[0])
    try:
        mid = _typed(svc, "海外电网投标缺第三方型式试验报告", TENDER)
        meeting = svc.store.get_meeting(mid)
        searcher = svc.cases.searcher()
        asked: list[Query] = []

        def search(query: Query, k: int) -> list:  # type: ignore[type-arg]
            asked.append(query)
            return list(searcher.search(query, k=k))

        hits = search_meeting(search, searcher.cards(), meeting, k=3)
    finally:
        svc.close()
    assert len(asked) == 1
    q = asked[0]
    assert len(q.parts) >= 2 and q.parts[0][1] >= q.parts[1][1]  # the obstacle leads once it is named
    assert q.parts[0][0].startswith("质量部今年没有这笔钱")
    assert q.section_weights and q.section_weights["obstacle"] > q.section_weights["situation"]
    assert q.kind_weights is not None and set(q.kind_weights) == {"budget"} and q.kind_weights["budget"] > 1
    assert q.language == "zh"
    assert hits[0].case_id == "video-budget"


def test_a_card_in_another_language_is_named_in_the_meeting_s_and_yields_a_near_tie(service: Service) -> None:
    from facilitator.library.search import OTHER_LANGUAGE, Query

    mid = _typed(service, "海外电网投标缺第三方型式试验报告", TENDER)
    budget = next(h for h in service.cases.search_meeting(mid, k=3) if h.case_id == "video-budget")
    assert budget.title == "IT部以今年没有预算为由，拒绝为客户配视频会议系统"
    # the same question asked for a Chinese and for an English reader: the English card
    # keeps OTHER_LANGUAGE of its score for the Chinese one
    searcher = service.cases.searcher()
    scores = {lang: {h.case_id: h.score for h in searcher.search(
        Query(parts=(("没有预算 视频会议", 1.0),), language=lang), k=6)} for lang in ("zh", "en")}
    assert scores["zh"]["video-budget"] == pytest.approx(OTHER_LANGUAGE * scores["en"]["video-budget"], abs=1e-3)


def test_cards_far_below_the_best_are_left_out(service: Service) -> None:
    """An empty place beats an unrelated card: of the six fixture cards, a meeting about
    rusting pipes does not list the ones scoring under half of the first."""
    from facilitator.library.meeting_query import MIN_SHARE

    lines = [("stuck", "钢管清洗完马上生锈，进不了下一道工序"), ("obstacle", "障碍：没人知道为什么会锈，车间解决不了")]
    hits = service.cases.search_meeting(_typed(service, "钢管返锈", lines), k=6)
    assert hits[0].case_id == "pipe-rust"
    assert 1 <= len(hits) < 6 and all(h.score >= MIN_SHARE for h in hits)


def test_a_follow_up_meeting_leads_with_the_case_cited_last_time(service: Service) -> None:
    """Issue 24, point 9: the next meeting on the same order showed an unrelated card
    instead of the case the room relied on last time."""
    from facilitator.library.meeting_query import carried_hits
    from facilitator.tui.widgets.cases import hit_prompt

    first = service.record.new_meeting("钢管返锈第一次协调", order="PO-7788", on=date(2026, 11, 20))
    assert first.id is not None
    service.cases.cite(first.id, "pipe-rust")
    fresh = service.record.new_meeting("钢管返锈第二次协调", order="PO-7788", on=date(2026, 11, 27))
    assert fresh.id is not None
    assert [(h.case_id, h.cited_in) for h in service.cases.search_meeting(fresh.id, k=3, carry=True)] == [
        ("pipe-rust", first.id)]  # nothing said yet: the cited case alone, no unrelated card
    service.record.capture(fresh.id, "障碍：常合作的供应商都不接小批量的非标订单", "obstacle")
    hits = service.cases.search_meeting(fresh.id, k=3, carry=True)
    assert hits[0].case_id == "pipe-rust" and hits[0].cited_in == first.id, [h.case_id for h in hits]
    assert len(hits) == 3 and "pipe-rust" not in [h.case_id for h in hits[1:]]
    assert all(h.cited_in is None for h in hits[1:])
    assert "cited_in" not in hits[0].to_json()  # the JSON contract keeps its keys
    assert "上次会议" in hit_prompt(hits[0], False, "zh").plain and "引用过" in hit_prompt(hits[0], False, "zh").plain
    # search --meeting and another order's meeting are as before
    assert all(h.cited_in is None for h in service.cases.search_meeting(fresh.id, k=3))
    other = service.record.new_meeting("另一张订单", order="PO-9999", on=date(2026, 11, 27))
    assert other.id is not None
    service.record.capture(other.id, "障碍：常合作的供应商都不接小批量的非标订单", "obstacle")
    assert all(h.cited_in is None for h in service.cases.search_meeting(other.id, k=3, carry=True))
    assert carried_hits([], 1, "zh") == []


def test_the_card_a_plain_search_puts_first_keeps_a_top_3_place(service: Service) -> None:
    """Issue 26: the panel never loses from its top 3 what a plain search of the same text
    finds first, whatever the weights say (``Query.fallback_place``): a guarantee in the one
    ranking layer, not a weight."""
    from facilitator.library.search import Query

    searcher = service.cases.searcher()
    plain_first = searcher.search("供应商嫌订单量太小不愿意接", k=1)[0].case_id
    weighted = Query(parts=(("钢管清洗后隔夜生锈，喷涂停线", 1.0),), fallback=("供应商嫌订单量太小不愿意接", 0.01))
    without = [h.case_id for h in searcher.search(weighted, k=5)]
    assert plain_first not in without[:3], "the weights alone bury it: the case this test is about"
    kept = searcher.search(replace(weighted, fallback_place=3), k=5)
    ids = [h.case_id for h in kept]
    assert ids.index(plain_first) < 3 and ids[:2] == without[:2]
    assert [h.score for h in kept] == sorted((h.score for h in kept), reverse=True)
    assert searcher.search(replace(weighted, fallback_place=1), k=5)[0].case_id == plain_first
    assert searcher.search(replace(weighted, fallback_place=3), k=1)[0].case_id == without[0]  # a place, not a first


TRANSCRIPT = Path(__file__).resolve().parents[1] / "data" / "transcripts" / "motor-small-order-zh.txt"


def test_an_imported_transcript_is_matched_by_the_obstacle_it_names(tmp_path: Path) -> None:
    """A transcript is mostly talk around the problem (greetings, schedules, who calls whom);
    one sentence names what blocks ("供应商说小批量不接，起订量要 2000"), and the extractor
    offers it as an obstacle. The bundled library's small-order card must come up for the
    meeting before anyone accepts that suggestion, as it does once it is accepted; before,
    the panel matched the chatter (grid connection, mould repair, CE files)."""
    service = Service(tmp_path / "home")
    try:
        service.cases.index([], builtin=True)
        result = service.record.import_file(TRANSCRIPT, new_title="华东精密电机", on=date(2026, 12, 7))
        mid = result.meeting_id
        assert mid is not None
        pending = service.record.meeting(mid).suggestions
        assert any(s.captured.kind == "obstacle" and "小批量" in s.captured.text for s in pending)
        heard = [h.case_id for h in service.cases.search_meeting(mid, k=3)]
        assert "supplier-small-order" in heard, heard
        obstacle = next(s for s in pending if s.captured.kind == "obstacle")
        assert obstacle.id is not None
        service.record.accept_suggestion(obstacle.id, stage="stuck")
        accepted = [h.case_id for h in service.cases.search_meeting(mid, k=3)]
        assert accepted[:1] == ["supplier-small-order"], accepted
    finally:
        service.close()


FLANGE = [
    ("convene", "采购部刘经理、生产部陈主任、质量部赵工到场，客户交期12月20日"),
    ("stuck", "订单卡在法兰毛坯：DN150非标法兰只要80件，原供应商说量太小不接，生产排程已经空等两周"),
    ("stuck", "采购说找不到愿意接小单的厂，生产说采购没尽力"),
    ("boundaries", "开发新的小批量非标法兰供应商 => 采购部"),
    ("boundaries", "来料检验标准和首件确认 => 质量部"),
    ("obstacle", "障碍：新供应商开模费和检测费约两万元，采购部今年的预算已经用完，没有科目可以列支"),
    ("obstacle", "障碍：生产部不清楚客户图纸上法兰密封面的公差要求，供应商报价前也拿不到图纸"),
]


def test_a_card_of_the_meetings_language_comes_before_a_foreign_one_not_clearly_better(tmp_path: Path) -> None:
    """Issue 24 point 3, on the bundled library: in a Chinese meeting about a flange supplier,
    the customs card told in English (ata-carnet-test-rig, of the latest obstacle's kind)
    scored within a few hundredths of a Chinese card of the same kind and was shown above it.
    Cards in the meeting's language come first unless the other is clearly better."""
    service = Service(tmp_path / "home")
    try:
        service.cases.index([], builtin=True)
        mid = _typed(service, "小批量非标法兰供应卡单协调", FLANGE)
        ids = [h.case_id for h in service.cases.search_meeting(mid, k=5)]
        assert ids[0] == "supplier-small-order"
        # the Chinese card of the information kind (a customer's standard nobody had) before the English one
        assert "color-mismatch-light-source" in ids
        if "ata-carnet-test-rig" in ids:
            assert ids.index("color-mismatch-light-source") < ids.index("ata-carnet-test-rig"), ids
    finally:
        service.close()
