"""A whole coordination meeting of the lesson's supplier case, by keyboard alone, in a
real terminal (tmux, 120x40), from the first stage to an exported summary.

The case (design.md section 1, corpus/supplier-small-order.md): a new product needs
non-standard material in a quantity so small that no supplier will take the order;
procurement says production should find its own supplier, production says buying
material is procurement's job. The walkthrough runs the six stages with quick-capture
lines (design.md section 6), waits for the similar-cases panel to put that case on
top, cites it from the card reader, drafts (F5), exports (F6) and quits (ctrl+q).

Slow on purpose (about a minute): it first builds the real case index of a fresh home
with the bundled corpus and the bundled e5 model, as a user's first run would.

Set ``FACILITATOR_WALKTHROUGH_RECORD=/tmp/walkthrough.txt`` to save the key screens
(after stage 1, when the similar case shows, the draft screen, the export path).
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.tui.tmux_helpers import BIN, NO_TMUX, TMUX, Terminal, exported, terminal

pytestmark = pytest.mark.skipif(TMUX is None, reason=NO_TMUX)

RECORD_ENV = "FACILITATOR_WALKTHROUGH_RECORD"
ANSI = re.compile(r"\x1b\[[0-9;:?]*[A-Za-z]")
CASE_ID = "supplier-small-order"
CASE_TITLE = "小批量非标料没有供应商接单，采购与生产互相推诿"
MEETING_DATE = "2026-12-01"  # relative dates in actions resolve against it

PEOPLE = [("王强", "采购部", "采购经理"), ("李明", "生产部", "生产主管"),
          ("陈总", "总经办", "资深顾问"), ("张伟", "销售部", "客户经理")]

# (stage number, stage title, lines typed in that stage); each line with the marker its
# acknowledgement puts on screen (a note shows in the notes log as "N│text").
STAGES: list[tuple[int, str, list[str]]] = [
    (1, "召集开场", [
        "华东精机约一百万元的定制订单签约两周仍未开工，今天请采购部和生产部负责人一起把它解开",
    ]),
    (2, "确认卡点", [
        "新产品原材料只能按新图纸重新采购，订单量太小，没有供应商愿意接这批非标料",
        "采购部认为又急又少的非标料应由生产部自己找供应商；生产部坚持原材料一直归采购部买",
        "问题：客户要求的交货日期还能不能保住？",
    ]),
    (3, "划清责任边界", [
        "开发和选定供应商 => 采购部 （依据：采购管理流程）",
        "非标料技术规格确认 => 生产部 （依据：工艺管理规定）",
        "小批量加急运费由谁承担 => ?",
    ]),
    (4, "找到真实障碍", [
        "障碍：订单量太小，供应商觉得不划算，常规渠道找不到肯接单的厂家",
    ]),
    (5, "调动资源解决", [
        "决定：请陈总出面联系熟悉的工厂接下这批小批量非标料",
        "决定：采购部拿到报价当天下单，生产部同步排产",
    ]),
    (6, "分派与跟进", [
        "@陈总：联系熟悉的供应商确认能否接单 截止 12-03",
        "@王强：询价并下采购单 截止 12月5日",
        "@李明：确定开工日期并排产 截止 12/10",
        "@张伟：每周核对一次到料和生产进度 截止 2026-12-24",
    ]),
]
RESPONSIBILITIES = [("开发和选定供应商", "采购部", "采购管理流程", "agreed"),
                    ("非标料技术规格确认", "生产部", "工艺管理规定", "agreed"),
                    ("小批量加急运费由谁承担", None, None, "disputed")]
ACTIONS = [("联系熟悉的供应商确认能否接单", "陈总", "2026-12-03"),
           ("询价并下采购单", "王强", "2026-12-05"),
           ("确定开工日期并排产", "李明", "2026-12-10"),
           ("每周核对一次到料和生产进度", "张伟", "2026-12-24")]
NOTES = [STAGES[0][2][0], STAGES[1][2][0], STAGES[1][2][1]]
QUESTIONS = ["客户要求的交货日期还能不能保住？"]
OBSTACLES = ["订单量太小，供应商觉得不划算，常规渠道找不到肯接单的厂家"]
DECISIONS = ["请陈总出面联系熟悉的工厂接下这批小批量非标料", "采购部拿到报价当天下单，生产部同步排产"]


def ack_marker(stage: int, line: str) -> str:
    """What the screen shows once ``line`` is committed (its start is enough: it is unique)."""
    for prefix, kind in (("问题：", "问题"), ("障碍：", "障碍"), ("决定：", "决定")):
        if line.startswith(prefix):
            return f"已记下{kind}：{line[len(prefix):][:8]}"
    if line.startswith("@"):
        return f"已记下行动：{line.split('：', 1)[1][:6]}"
    if "=>" in line:
        return f"已记下责任：{line.split('=>')[0].strip()[:8]}"
    return f"{stage}│{line[:12]}"  # a free note, in the notes log


def on_stage(screen: str, number: int, title: str) -> bool:
    """The agenda stepper marks stage ``number`` as the current one (spaces may be NBSP)."""
    return re.search(rf"▶\s*{number}\s*{title}", screen) is not None


def top_case(screen: str) -> str:
    """The first line of the similar-cases panel (the best hit, or its "cited" mark)."""
    lines = screen.splitlines()
    for i, line in enumerate(lines):
        if "╭─ 相似案例" in line and i + 1 < len(lines):
            return lines[i + 1].split("││")[-1]
    return ""


def card_title(screen: str) -> str | None:
    """The title of the case card open over the meeting, if one is."""
    for match in re.finditer(r"╭─ (.+?) ─{3,}", screen):
        if match.group(1) not in ("笔记", "相似案例"):
            return match.group(1)
    return None


def field_holds(screen: str, label: str, text: str) -> bool:
    return text in form_field(screen, label)


def form_field(screen: str, label: str) -> str:
    """The inside of a form field: the row under its label, between the form's borders (the
    second and third │ of the row, after the notes panel's). With colours if ``screen`` has
    them; "" when no such label is on screen."""
    lines = screen.splitlines()
    for i, line in enumerate(lines[:-1]):
        if re.search(rf"│ {label}\s+│", ANSI.sub("", line)):
            parts = lines[i + 1].split("│")
            return parts[2] if len(parts) > 2 else ""
    return ""


def toast_path(screen: str) -> str | None:
    """The exported file's path as the notification shows it (wrapped over lines)."""
    text = "".join(line.rsplit("▌", 1)[-1].strip() for line in screen.splitlines() if "▌" in line)
    match = re.search(r"(/[\x21-\x7e]*?/exports/meeting-[\x21-\x7e]+?\.md)", text)
    return match.group(1) if match else None


class Walk:
    """The terminal plus a record of the key screens."""

    def __init__(self, term: Terminal) -> None:
        self.term = term
        self.screens: list[tuple[str, str]] = []
        self.started = time.monotonic()

    def keys(self, *keys: str) -> None:
        self.term.tmux("send-keys", "-t", "t", *keys)

    def until(self, check: Callable[[str], bool], timeout: float = 60, what: str = "") -> str:
        deadline = time.monotonic() + timeout
        while True:
            screen = self.term.screen()
            if check(screen):
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"{what or check} not on screen after {timeout}s:\n{screen}")
            time.sleep(0.1)

    def keep(self, title: str, screen: str) -> None:
        self.screens.append((f"{title}  (t+{time.monotonic() - self.started:.1f}s)", screen))

    def styled(self) -> str:
        """The pane with its colours (escape sequences): focus shows only as a colour."""
        return self.term.tmux("capture-pane", "-e", "-p", "-t", "t")

    def tab_to(self, label: str, blank: str) -> None:
        """Make sure the (empty) field under ``label`` has focus: Tab until it is drawn unlike
        ``blank``, an empty field without focus. Focus moves a moment after Tab, and keys sent
        before that still go to the old field, so each Tab waits for the redraw."""
        for _ in range(3):
            before = self.styled()
            if form_field(before, label) != blank:
                return
            self.keys("Tab")
            with contextlib.suppress(AssertionError):
                self.until(lambda s: form_field(self.styled(), label) != blank, timeout=5,
                           what=f"focus on {label}")
        raise AssertionError(f"field {label} never took focus:\n{self.term.screen()}")

    def add_participant(self, name: str, department: str, role: str) -> None:
        self.keys("F7")
        self.until(lambda s: "╭─ 添加参会人" in s and form_field(s, "角色") != "", what="the participant form")
        blank = form_field(self.styled(), "角色")  # nothing in it, and not focused yet
        # The form opens with the name field focused: no key is needed to start typing.
        self.until(lambda s: form_field(self.styled(), "姓名") != blank, timeout=10, what="focus on 姓名")
        for label, text in (("姓名", name), ("部门", department), ("角色", role)):
            if label != "姓名":
                self.tab_to(label, blank)
            self.term.type(text, enter=False)
            self.until(functools.partial(field_holds, label=label, text=text), timeout=10,
                       what=f"{text!r} in {label}")
        self.keys("C-s")
        # the form closed and the notification names the person (its "已添加参会人" is not
        # matched: over the meeting screen tmux may show a wide character there as spaces)
        self.until(lambda s: "╭─ 添加参会人" not in s and name in s, timeout=20, what=f"participant {name}")

    def capture(self, stage: int, line: str) -> None:
        self.term.type(line)
        self.term.wait_for(ack_marker(stage, line), timeout=30)

    def cite_supplier_case(self) -> str:
        """F4 to the panel, open hits with Enter until the card is the supplier case, cite it."""
        self.keys("F4")
        self.term.wait_for("c 引用", timeout=30)  # the list has focus: its keys are in the footer
        for _ in range(5):
            self.keys("Enter")
            card = self.until(lambda s: card_title(s) is not None, timeout=30, what="the case card")
            if card_title(card) == CASE_TITLE:
                card = self.term.wait_for("采购部, 生产部 · 供应商", timeout=20)  # the card is rendered
                self.keep("stage 4 (找到真实障碍): F4 to the panel, Enter opens the supplier case", card)
                self.keys("c", "Escape")
                cited = self.until(lambda s: card_title(s) is None and "★ 已引用" in s, timeout=20,
                                   what="the cited mark in the panel")
                self.keys("Escape")  # back to the capture box
                self.until(lambda s: "c 引用" not in s.splitlines()[-1], timeout=10, what="capture focus")
                return cited
            self.keys("Escape")
            self.until(lambda s: card_title(s) is None, timeout=20, what="the card closing")
            self.keys("Down")
        raise AssertionError(f"{CASE_ID} not among the first five hits:\n{self.term.screen()}")


@pytest.fixture
def term(tmp_path: Path) -> Iterator[Terminal]:
    with terminal(tmp_path) as t:
        yield t


@pytest.mark.slow  # builds the real case index (bundled corpus, e5 model): ~30-60 s
def test_whole_supplier_meeting_by_keyboard(term: Terminal, tmp_path: Path) -> None:
    home = tmp_path / "home"
    walk = Walk(term)
    index = subprocess.run([str(BIN), "--home", str(home), "index"], capture_output=True, text=True,
                           encoding="utf-8", env=term.env, timeout=600)
    assert index.returncode == 0, index.stderr
    walk.keep("facilitator index", index.stdout + index.stderr)

    term.start(str(BIN), "--home", str(home), "meet", "--new", "供应商不接小批量订单协调会",
               "--customer", "华东精机", "--order", "PO-2031", "--date", MEETING_DATE,
               "--deadline", "2026-12-31")
    term.wait_for("相似案例")
    walk.until(lambda s: on_stage(s, 1, "召集开场"), what="stage 1")
    shown_supplier = False
    for number, title, lines in STAGES:
        if number > 1:
            walk.keys("F3")
            walk.until(functools.partial(on_stage, number=number, title=title), timeout=20,
                       what=f"stage {number}")
        if number == 1:
            for person in PEOPLE:
                walk.add_participant(*person)
            walk.keep("stage 1 (召集开场): four participants added with F7 (the 参会 tab)", term.screen())
        for line in lines:
            walk.capture(number, line)
        if number == 1:
            walk.keep("stage 1 (召集开场): the opening note typed",
                      term.screen())
        if number == 2:  # the stuck point is on the table: the lesson's case should come up first
            screen = walk.until(lambda s: CASE_TITLE in top_case(s), timeout=120,
                                what=f"{CASE_TITLE} on top of the similar cases")
            shown_supplier = True
            walk.keep("stage 2 (确认卡点): the similar-cases panel puts the supplier case on top", screen)
        if number == 4:  # "has this happened before?": read the case and cite it
            walk.keep("stage 4: c cited it, Esc closed the card (★ 已引用 in the panel)",
                      walk.cite_supplier_case())
    walk.keep("stage 6 (分派与跟进): every action with an owner and a date", term.screen())

    walk.keys("F5")
    draft = term.wait_for("会议纪要草稿（离线）", timeout=60)
    draft = walk.until(lambda s: "责任边界" in s and "采购部" in s, timeout=30, what="the draft text")
    walk.keep("F5: the draft screen", draft)
    walk.keys("F6")
    toast = walk.until(lambda s: toast_path(s) is not None, timeout=30, what="the export path")
    walk.keep("F6: exported (the toast names the file)", toast)
    shown_path = toast_path(toast)
    assert shown_path is not None
    walk.keys("Escape")
    term.wait_for("f3 下一阶段", timeout=20)
    walk.keys("C-q")
    assert term.wait_exit(timeout=30) == 0
    record_screens(walk, home, shown_path)

    # the panel showed the case; the Markdown export holds what was typed and the citation
    assert shown_supplier
    files = sorted((home / "exports").glob("*.md"))
    assert [str(p) for p in files] == [shown_path], (files, shown_path)
    md = files[0].read_text(encoding="utf-8")
    for item, owner, basis, _ in RESPONSIBILITIES:
        assert item in md and (owner is None or owner in md) and (basis is None or basis in md)
    for action, owner, due in ACTIONS:
        assert action in md and owner in md and due in md
    for text in DECISIONS + OBSTACLES + QUESTIONS:
        assert text in md
    assert CASE_ID in md

    # every captured item is in the record, structured
    record = exported(home, 1)
    assert [(p["name"], p["department"], p["role"]) for p in record["participants"]] == PEOPLE
    assert [n["text"] for n in record["notes"]] == NOTES
    assert [n["stage"] for n in record["notes"]] == ["convene", "stuck", "stuck"]
    assert [(r["item"], r["owner"], r["basis"], r["status"]) for r in record["responsibilities"]] == RESPONSIBILITIES
    assert [(a["action"], a["owner"], a["due"]) for a in record["actions"]] == ACTIONS
    assert record["decisions"] == DECISIONS
    assert record["obstacles"] == OBSTACLES
    assert record["open_questions"] == QUESTIONS
    assert record["cited_cases"] == [CASE_ID]
    assert record["stage"] == "actions"


def record_screens(walk: Walk, home: Path, shown_path: str) -> None:
    target = os.environ.get(RECORD_ENV)
    if not target:
        return
    out = [f"facilitator walkthrough: the supplier case by keyboard in tmux 120x40 "
           f"({time.strftime('%Y-%m-%d %H:%M')}, home {home})", ""]
    for title, screen in walk.screens:
        out += ["=" * 120, f"== {title}", "=" * 120, re.sub(r"[ \t]+$", "", screen, flags=re.M).rstrip(), ""]
    out += ["=" * 120, f"== exported Markdown: {shown_path}", "=" * 120]
    path = Path(shown_path)
    out += [path.read_text(encoding="utf-8").rstrip() if path.exists() else "(missing)", ""]
    Path(target).write_text("\n".join(out), encoding="utf-8")
