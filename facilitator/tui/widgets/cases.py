"""The similar-cases panel: past cases that look like what the room is discussing now.

The panel only displays; the meeting screen decides when to search (after a pause in
typing), runs the search in a worker and hands the hits here. Titles, sections and
snippets come from card files written by people, so they are shown as literal
``Content``, never parsed as markup.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from facilitator.model import Hit
from facilitator.obstacles import UNKNOWN, kind_label
from facilitator.tui.keys import CASES_KEYS, bindings, key_display, localized
from facilitator.tui.strings import tr
from facilitator.tui.widgets.wrapped import wrap_content

if TYPE_CHECKING:
    from typing import Unpack

    from facilitator.tui.widgets.widget_args import WidgetArgs



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

    class LeverRequested(Message):
        """Turn this case's way out into a lever line for the user to edit."""

        def __init__(self, hit: Hit) -> None:
            super().__init__()
            self.hit = hit

    def __init__(self, **kwargs: Unpack[WidgetArgs]) -> None:
        super().__init__(markup=False, **kwargs)
        self.hits: list[Hit] = []
        self._prompts: list[Content] = []
        self._wrapped_at = -1

    def show(self, hits: list[Hit], prompts: list[Content], highlighted: int | None) -> None:
        """Replace the hits; each prompt is wrapped here by the kinsoku rule (``linebreak``),
        as the notes are: the list itself would wrap a Chinese snippet at any character."""
        self.hits, self._prompts = list(hits), list(prompts)
        self._fill(highlighted)

    def wrap_width(self) -> int:
        """Cells a prompt line may take: the list less the options' padding and room for
        the scrollbar (reserved always, so a scrollbar appearing never re-wraps by itself)."""
        padding = self.get_component_styles("option-list--option").padding
        return self.content_region.width - padding.width - self.styles.scrollbar_size_vertical

    def _fill(self, highlighted: int | None) -> None:
        width = self._wrapped_at = self.wrap_width() if self.is_mounted else 0
        self.clear_options()
        self.add_options([Option(wrap_content(p, width), id=h.case_id)
                          for h, p in zip(self.hits, self._prompts, strict=True)])
        if self.hits:
            self.highlighted = min(highlighted or 0, len(self.hits) - 1)

    def on_resize(self) -> None:
        if self._prompts and self.wrap_width() != self._wrapped_at:
            y = self.scroll_y
            self._fill(self.highlighted)
            self.scroll_to(y=y, animate=False)

    def current_hit(self) -> Hit | None:
        index = self.highlighted
        if index is None or not 0 <= index < len(self.hits):
            return None
        return self.hits[index]

    def action_cite(self) -> None:
        hit = self.current_hit()
        if hit is not None:
            self.post_message(self.CiteRequested(hit))

    def action_lever(self) -> None:
        hit = self.current_hit()
        if hit is not None:
            self.post_message(self.LeverRequested(hit))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        hit = self.current_hit()
        if hit is not None:
            self.post_message(self.OpenRequested(hit))


def hit_prompt(hit: Hit, cited: bool, lang: str, way_out: bool = False) -> Content:
    """Title, then where it matched; in the obstacle and solution stages its kind and
    its way out instead (what the room needs there is how the case got unstuck)."""
    mark = Content.styled(f"★ {tr(lang, 'cited')} ", "$success") if cited else Content("")
    earlier = getattr(hit, "cited_in", None)
    if earlier is not None and not cited:  # carried over from the last meeting on this order
        mark = Content.styled(f"☆ {tr(lang, 'cited_before', id=earlier)} ", "$success")
    sep = "：" if lang == "zh" else ": "
    kind = getattr(hit, "kind", None)
    text = getattr(hit, "way_out", "")
    if way_out and text:
        label = kind_label(kind, lang) if kind and kind != UNKNOWN else ""
        return Content.assemble(
            mark, (hit.title, "bold"), (f"  {hit.case_id}", "$text-muted"),
            (f"  [{label}]" if label else "", "$warning"), "\n",
            (f"{getattr(hit, 'way_out_section', '') or tr(lang, 'way_out')}{sep}", "$accent"),
            (text, "$text-muted"),
        )
    return Content.assemble(
        mark, (hit.title, "bold"), (f"  {hit.case_id}", "$text-muted"), "\n",
        (f"{tr(lang, 'matched_in', section=hit.section)}", "$accent"), (hit.snippet, "$text-muted"),
    )


def lever_line(hit: Hit, lang: str) -> str:
    """A ``资源:`` line seeded with a case's way out, for the user to rewrite."""
    text = " ".join((getattr(hit, "way_out", "") or hit.snippet).split())
    first = re.split(r"(?<=[。！？!?；;])|(?<=\.)\s", text, maxsplit=1)[0].strip()
    return f"{'资源：' if lang == 'zh' else 'Resource: '}{first.rstrip('。.')}"


PANEL_KEY_LABELS = {"open_case": "cases_key_open", "cite_case": "cases_key_cite", "case_lever": "cases_key_lever"}
"""Short labels for the keys written on the panel's bottom border (the footer's are longer)."""


def panel_keys(keymap: dict[str, str], lang: str) -> str:
    """``⏎ 看案例  c 引用  r 借力``: the case list's keys (the user's ``[keymap]`` applied), for
    the panel's bottom border. The meeting screen's footer is one line, and at 80 columns
    these keys fell off its end; a second footer line would cost the ledger a row."""
    parts = []
    for spec in sorted(CASES_KEYS, key=lambda k: list(PANEL_KEY_LABELS).index(k.id)):
        key = keymap.get(spec.id, spec.keys).split(",")[0].strip()
        shown = "⏎" if key == "enter" else key_display(key)
        parts.append(f"{shown} {tr(lang, PANEL_KEY_LABELS[spec.id])}")
    return "  ".join(parts)


class CasesPanel(Vertical):
    """Title line, the hit list and a quiet status line; the list's keys on the bottom
    border while it holds cases, and a mark beside the title while search is degraded to
    keywords only (the room should know the list may miss cases)."""

    def __init__(self, lang: str, **kwargs: Unpack[WidgetArgs]) -> None:
        super().__init__(**kwargs)
        self.lang = lang
        self.way_out = False
        """Show each hit's way out (the obstacle and solution stages)."""
        self.border_title = tr(lang, "cases_title")
        self._tip = (
            "按本次会议的障碍查找相似案例。Enter 查看，c 引用到本次会议，r 把它的解决办法放进输入框"
            if lang == "zh"
            else "Cases matched to this meeting's obstacle. Enter opens one; c cites it; "
            "r puts its way out in the input"
        )
        self.tooltip = self._tip

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
        case_list.show(hits, [hit_prompt(h, h.case_id in cited, self.lang, self.way_out) for h in hits], highlighted)
        if not keep_place:
            case_list.scroll_home(animate=False)
        self.show_message(tr(self.lang, "cases_none") if not hits else "")
        self.border_subtitle = panel_keys(dict(getattr(self.app, "_keymap", None) or {}), self.lang) if hits else ""

    @property
    def degraded(self) -> bool:
        return self.has_class("-degraded")

    def show_degraded(self, degraded: bool) -> None:
        """Mark the panel, for as long as it lasts, when search answers from keywords only."""
        self.set_class(degraded, "-degraded")
        title = tr(self.lang, "cases_title")
        self.border_title = f"{title} {tr(self.lang, 'cases_degraded')}" if degraded else title
        self.tooltip = tr(self.lang, "cases_degraded_tip") if degraded else self._tip

    def show_message(self, text: str) -> None:
        status = self.query_one("#cases-status", Static)
        status.display = bool(text)
        status.update(Content(text))
