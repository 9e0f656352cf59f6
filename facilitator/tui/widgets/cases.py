"""The similar-cases panel: past cases that look like what the room is discussing now.

The panel only displays; the meeting screen decides when to search (after a pause in
typing), runs the search in a worker and hands the hits here. Titles, sections and
snippets come from card files written by people, so they are shown as literal
``Content``, never parsed as markup.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from facilitator.model import Hit
from facilitator.tui.keys import CASES_KEYS, bindings, localized
from facilitator.tui.strings import tr


class CaseList(OptionList):
    """Hits, best first. Enter opens the card; c cites it into the meeting."""

    KEYS = CASES_KEYS
    BINDINGS = bindings(KEYS, "zh")

    class CiteRequested(Message):
        def __init__(self, hit: Hit) -> None:
            super().__init__()
            self.hit = hit

    class OpenRequested(Message):
        def __init__(self, hit: Hit) -> None:
            super().__init__()
            self.hit = hit

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(markup=False, **kwargs)
        self.hits: list[Hit] = []

    def current_hit(self) -> Hit | None:
        index = self.highlighted
        if index is None or not 0 <= index < len(self.hits):
            return None
        return self.hits[index]

    def action_cite(self) -> None:
        hit = self.current_hit()
        if hit is not None:
            self.post_message(self.CiteRequested(hit))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        hit = self.current_hit()
        if hit is not None:
            self.post_message(self.OpenRequested(hit))


def hit_prompt(hit: Hit, cited: bool, lang: str) -> Content:
    mark = Content.styled(f"★ {tr(lang, 'cited')} ", "$success") if cited else Content("")
    return Content.assemble(
        mark, (hit.title, "bold"), (f"  {hit.case_id}", "$text-muted"), "\n",
        (f"{tr(lang, 'matched_in', section=hit.section)}", "$accent"), (hit.snippet, "$text-muted"),
    )


class CasesPanel(Vertical):
    """Title line, the hit list and a quiet status line."""

    def __init__(self, lang: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.lang = lang
        self.border_title = tr(lang, "cases_title")
        self.tooltip = (
            "跟随讨论内容自动查找相似案例。Enter 查看，c 引用到本次会议"
            if lang == "zh"
            else "Follows the discussion. Enter opens a case; c cites it in this meeting"
        )

    def compose(self) -> ComposeResult:
        yield localized(CaseList, self.lang)(id="case-list")
        yield Static(tr(self.lang, "cases_waiting"), id="cases-status", markup=False)

    @property
    def case_list(self) -> CaseList:
        return self.query_one(CaseList)

    def show_hits(self, hits: list[Hit], cited: set[str], keep_place: bool = False) -> None:
        """Show new hits from the top (the best one first, its title on screen); ``keep_place``
        redraws the same hits where the user was (after citing one)."""
        case_list = self.case_list
        highlighted = case_list.highlighted if keep_place else 0
        case_list.hits = list(hits)
        case_list.clear_options()
        case_list.add_options(
            [Option(hit_prompt(h, h.case_id in cited, self.lang), id=h.case_id) for h in hits]
        )
        if hits:
            case_list.highlighted = min(highlighted or 0, len(hits) - 1)
        if not keep_place:
            case_list.scroll_home(animate=False)
        self.show_message(tr(self.lang, "cases_none") if not hits else "")

    def show_message(self, text: str) -> None:
        status = self.query_one("#cases-status", Static)
        status.display = bool(text)
        status.update(Content(text))
