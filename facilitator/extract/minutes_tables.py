"""Markdown tables in minutes: a header row with task, owner, due, status or type columns
says what each cell is, so a row is read by its columns rather than by its words.

Apart from :mod:`.minutes` because a row is read whole, with its own rules (a done status
or a "yes" column drops it, a type column of I / D / A says what it is).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from facilitator.extract.minutes_fields import (
    People,
    clean,
    read_date,
)
from facilitator.extract.minutes_items import (
    parse_action,
)
from facilitator.extract.minutes_layout import (
    BULLET,
    COLUMN_WORDS,
    ITEM_SECTIONS,
    Line,
    columns,
    heading_of,
)
from facilitator.extract.minutes_sections import section_item, task_after
from facilitator.extract.minutes_state import State, add_action, add_item


def table_row(state: State, line: Line, people: People, ref: date | None) -> None:
    """One Markdown table row: a separator, a heading cell with a list beside it, a header
    naming the columns, or an item under them (an action with its owner and due cells, a
    decision, an open question); rows marked done or information give nothing."""
    cells = line.table or []
    if all(re.fullmatch(r":?-{2,}:?|", c) for c in cells):
        state.used.add(line.index)
        _header_above(state)
        return
    if _list_beside_heading(state, line, cells, people, ref):
        return
    header = columns(cells)
    if header is not None and state.columns is not None and not _all_headers(cells):
        header = None  # | 1 | 年会预算5万 | 决议 | |: a row whose type cell says 决议, not a new header
    if header is not None:
        state.header_line = line.index
        state.columns = header
        state.table_kind = "decision" if "decision" in header and "task" not in header else "action"
        state.used.add(line.index)
        return
    if state.columns is None:
        if state.section not in ("action", "decision", "question"):
            return
        state.columns = {"task": next((i for i, c in enumerate(cells) if c and not c.isdigit()), 0)}
        state.table_kind = state.section
    if _done_row(state.columns, cells):
        return

    def cell(key: str) -> str:
        i = state.columns.get(key) if state.columns else None
        return cells[i] if i is not None and i < len(cells) else ""

    if _notes_cell(state, line, cell("notes"), people, ref):
        return
    if not _item_row(state, line, cell, people, ref):
        _action_row(state, line, cell, people, ref)


def _header_above(state: State) -> None:
    """A separator row (``|---|---|``) says the row above it was a header: a second table
    right below a first (``| 议题 | 讨论 | 决定 |``) starts anew, the row read as data is not."""
    above = state.last_line
    if above is None or above.table is None or state.header_line == above.index:
        return
    state.found = [s for s in state.found if above.index not in s.cues]
    header = columns(above.table)
    state.columns = header
    state.header_line = above.index
    if header is not None:
        state.table_kind = "decision" if "decision" in header and "task" not in header else "action"


def _notes_cell(state: State, line: Line, notes: str, people: People, ref: date | None) -> bool:
    """| Cut-over date | Nadia | Outcome: cut-over moves to the Feb 1 payroll |: a table whose
    rows are topics with notes says what came of each topic in the notes, read as prose (an
    outcome, ``Owner: @Grace — …``, ``Ayesha will book …``); a note that gives nothing makes
    the row no item (``Spend to date is 61% of budget; on track``)."""
    cols = state.columns or {}
    if not notes or "decision" in cols:
        return False  # a table with its own outcome column: the notes are notes
    from facilitator.extract.minutes_prose import loose_item

    before = len(state.found)
    loose_item(state, Line(line.index, notes, notes, None, None, False, False, 0, False), people, ref)
    state.used.add(line.index)
    return len(state.found) >= before


def _all_headers(cells: list[str]) -> bool:
    """Every filled cell names a column (序号 / 事项 / 负责人 …): a header row, even inside a table."""
    filled = [clean(c) for c in cells if clean(c)]
    return bool(filled) and all(
        re.fullmatch(r"#|序号|编号|no\.?|id", c, re.I) or (len(c) <= 12 and any(re.search(w, c, re.I) for w in COLUMN_WORDS.values()))
        for c in filled
    )


def _list_beside_heading(state: State, line: Line, cells: list[str], people: People, ref: date | None) -> bool:
    """| **Action Items** | - [ ] send the deck - Anna<br>- [ ] book the room - Tom |: each
    piece of the second cell is an item of the section the first names."""
    if len(cells) != 2 or (kv := heading_of(cells[0], md_heading=True)) is None or kv[0] not in ITEM_SECTIONS:
        return False
    saved = state.section
    state.section = kv[0]
    for piece in re.split(r"<br\s*/?>", cells[1], flags=re.I):
        bullet = BULLET.match(piece.strip())
        body = piece.strip()[bullet.end():] if bullet else piece.strip()
        if body and not re.fullmatch(r"\[.*\]", body):
            section_item(state, line, body, people, ref)
    state.section = saved
    state.used.add(line.index)
    return True


def _done_row(cols: dict[str, int], cells: list[str]) -> bool:
    """A row whose status says it is done (| … | 已完成 |, | Demo recording | Hank | 12/22 | Yes |),
    or whose date is ticked (| ✅ Nov 27 |)."""
    if "due" in cols and cols["due"] < len(cells) and re.match(r"\s*(?:[✅☑✔]|\[[xX]\]|done\b|已完成)", cells[cols["due"]], re.I):
        return True
    if "status" in cols and cols["status"] < len(cells) and re.search(
        r"已完成|完成|关闭|done|closed|completed", cells[cols["status"]], re.I
    ) and not re.search(r"未完成|not\s+done|open", cells[cols["status"]], re.I):
        return True
    return bool("status_yes" in cols and cols["status_yes"] < len(cells) and re.fullmatch(
        r"\s*(?:yes|y|是|已|✓|✔|✅|x)\s*", cells[cols["status_yes"]], re.I
    ))


def _item_row(state: State, line: Line, cell: Callable[[str], str], people: People, ref: date | None) -> bool:
    """A row that is no action: information (| I | The client asked for … |), a decision (by
    its type cell or in a decisions table) or an open question. True when it was one."""
    kind = clean(cell("type")).casefold()
    if kind and re.fullmatch(r"i|info|information|note|信息|备注|说明|done|completed?|closed|已完成|完成|已关闭", kind):
        return True  # | 6 | Done | Glycol chiller service |: information, or done already
    if kind and re.fullmatch(r"d|decision|decided|决定|决策|决议|结论", kind):
        text = clean(cell("decision") or cell("task"))
        if text:
            add_item(state, "decision", text, line, 0.85)
        return True
    columns_of = state.columns or {}
    if state.table_kind == "decision" and _owned_and_dated(cell, ref):
        # | 回滚预案 | 准备回滚脚本 | 贝强 | 12月9日 |: a result someone must still deliver; in a
        # column the writer named 决定, it is also what was decided
        if "decision_named" in columns_of and (text := clean(cell("decision"))):
            add_item(state, "decision", _with_topic(text, clean(cell("topic"))), line, 0.8)
        return False
    if state.table_kind == "decision" or (state.table_kind == "question" and "task" in columns_of):
        text = clean(cell("decision") or cell("task"))
        task = task_after(text, people, ref) if state.table_kind == "decision" else None
        if task is not None:
            # | 运输 | 两家报价 | 选德邦，12月12日前签合同（采购部） |: the choice, then who acts on it by when
            text, parsed = task
            add_action(state, parsed, line, people, 0.8)
        text = _with_topic(text, clean(cell("topic")))
        if text and not re.fullmatch(r"[-—–/]*|无|none", text, re.I):
            add_item(state, "question" if state.table_kind == "question" else "decision", text, line, 0.85)
        return True
    return False


def _with_topic(text: str, topic: str) -> str:
    """| 疑似骗保 | … | 移交反欺诈中心 |: the decision with the topic it settles, unless it names it."""
    if text and topic and topic not in text and len(topic) <= 20 and not topic.isdigit():
        return f"{topic}：{text}" if re.search(r"[\u4e00-\u9fff]", topic) else f"{topic}: {text}"
    return text


_NO_ONE = re.compile(r"[-—–/]*|无|待定|tbd|n/?a|none", re.I)


def _owned_and_dated(cell: Callable[[str], str], ref: date | None) -> bool:
    """A row of a results table whose owner and date cells are both filled: a task, not a
    result (``| # | Decision | Owner |`` alone names who raised the decision). A date on or
    before the meeting's, written as a date (``| Go live on 12 Dec | Priya | 3 Dec |`` in minutes
    of 3 Dec), is when it was decided, and the owner who decided it: a result still."""
    owner, due = clean(cell("owner")), clean(cell("due"))
    if not (owner and due and not _NO_ONE.fullmatch(owner) and not _NO_ONE.fullmatch(due)):
        return False
    when = read_date(due, ref) if re.search(r"\d", due) else None  # 即日 / ASAP: due now, a task
    return ref is None or when is None or when > ref


def _action_row(state: State, line: Line, cell: Callable[[str], str], people: People, ref: date | None) -> None:
    """An action row: its task cell read as a task, its owner and due cells winning over
    what the task's words say."""
    task = cell("task") or cell("decision")
    parsed = parse_action(task, people, ref) if task else None
    if parsed is None:
        return
    owner_cell = clean(cell("owner"))
    if owner_cell and not re.fullmatch(r"[-—–/]*|无|待定|tbd", owner_cell, re.I):
        parsed.owner = owner_cell
    due_cell = clean(cell("due"))
    if due_cell:
        parsed.due = read_date(due_cell, ref) or parsed.due
    add_action(state, parsed, line, people, 0.9)
