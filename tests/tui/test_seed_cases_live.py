"""Tried as a new user would: the lesson's three cases, typed live into a fresh home's meeting
screen in words of our own (not the cards'), each bring their own card into the cases
panel's top 3 by the end of stage 3 (issue 26).

A fresh home with the bundled corpus (started from the installation's ready index), the
real searcher (BM25 + E5), the real meeting store and the live panel with its debounce; the
stages are moved by the keyboard (F3) as a user moves them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator.config import Settings
from facilitator.service import Service
from facilitator.tui.widgets.cases import CasesPanel
from tests.tui.conftest import MakeApp, library_available, new_meeting, settled, type_line

pytestmark = pytest.mark.anyio

# (card expected, title, lines of stage 1, 2 and 3)
SEED_MEETINGS: list[tuple[str, str, list[list[str]]]] = [
    ("supplier-small-order", "定制柜体订单迟迟不投产", [
        ["定制柜体订单签了三周还没投产，请采购和车间负责人一起来对一下"],
        ["新结构要用一种特殊规格的铝型材，用量只有几十公斤，问了几家厂都嫌量少不肯做",
         "采购说这种零散急料该车间自己去找，车间说买料从来都是采购的事"],
        ["寻找和确定型材供应商 => 采购部", "型材规格确认 => 生产部"],
    ]),
    ("pipe-rust-soft-water", "管件抛光后返锈，喷涂停线", [
        ["一批碳钢管件抛光冲洗后隔一夜就起锈点，后道喷涂已经停了两天"],
        ["车间说是质检卡得太严，质检说是冲洗没做干净，梅雨天厂房里很潮",
         "冲洗用的就是自来水，冲完直接堆在车间里晾干"],
        ["冲洗工艺和水处理 => 生产部", "成品锈点判定 => 质量部"],
    ]),
    ("video-conference-budget", "客户要远程看样机演示", [
        ["重点客户想通过远程视频看样机演示，我们这边一直只用电话沟通，没有像样的会议设备"],
        ["IT部说今年的预算里没有这一项，既不能买也不负责装",
         "客户下个月就要评审方案，演示做不成这单就悬了"],
        ["会议系统选型和安装 => IT部", "费用申请 => 销售部"],
    ]),
]



@pytest.mark.parametrize(("card", "title", "stages"), SEED_MEETINGS, ids=[m[0] for m in SEED_MEETINGS])
async def test_a_seed_case_typed_live_brings_its_card_by_stage_3(
    tmp_path: Path, make_app: MakeApp, card: str, title: str, stages: list[list[str]]
) -> None:
    if reason := library_available():
        pytest.skip(reason)
    svc = Service(tmp_path / "new-user", Settings())  # a first run: the bundled cards, nothing indexed yet
    try:
        m = new_meeting(svc, title=title)
        assert m.id is not None
        app = make_app(m.id, svc=svc, live_search=True, search_delay=0.05)
        async with app.run_test(size=(120, 40)) as pilot:
            panel = app.screen.query_one(CasesPanel)
            for n, lines in enumerate(stages):
                if n:
                    await pilot.press("f3")
                    await pilot.pause()
                for line in lines:
                    await type_line(pilot, line)
            meeting = svc.record.meeting(m.id)
            assert meeting.stage == "boundaries" and len(meeting.notes) + len(meeting.responsibilities) == sum(
                len(lines) for lines in stages), "every line typed was kept once"
            # the panel searches after a pause in typing; the first search loads the model
            found = await settled(pilot, lambda: card in [h.case_id for h in panel.case_list.hits[:3]], timeout=120)
            top = [h.case_id for h in panel.case_list.hits[:3]]
            assert found, f"{card} not in the panel's top 3 after stage 3: {top}"
    finally:
        svc.close()
