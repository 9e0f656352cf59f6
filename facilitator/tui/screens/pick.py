"""A short list to pick one person from (the board's owner and writer filters), by keyboard:
↑↓ and Enter, Esc to leave the filter as it was."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from facilitator.tui.keys import MODAL_KEYS, bindings
from facilitator.tui.strings import tr

EVERYONE = ""
"""What picking the first line (everyone) returns: no filter."""


class PickPerson(ModalScreen[str | None]):
    """``names`` with how many actions each has; dismissed with the name picked, ``EVERYONE``
    for no filter, or None (Esc) for no change. The current choice is highlighted."""

    KEYS = MODAL_KEYS
    BINDINGS = bindings(KEYS, "zh")
    DEFAULT_CLASSES = "modal-reader"

    def __init__(self, title: str, counts: dict[str, int], current: str | None, lang: str) -> None:
        super().__init__()
        self.title_text = title
        self.counts = counts
        self.current = current
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(id="reader") as box:
            box.border_title = self.title_text
            options = [Option(tr(self.lang, "pick_everyone"), id="pick-everyone")]
            options += [Option(tr(self.lang, "pick_count", name=name, n=n), id=f"pick-{i}")
                        for i, (name, n) in enumerate(self.counts.items())]
            yield OptionList(*options, id="pick-people", markup=False)
            yield Static(tr(self.lang, "pick_hint"), id="pick-hint", markup=False)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        people = self.query_one("#pick-people", OptionList)
        names = list(self.counts)
        people.highlighted = names.index(self.current) + 1 if self.current in names else 0
        people.focus()

    @on(OptionList.OptionSelected, "#pick-people")
    def picked(self, event: OptionList.OptionSelected) -> None:
        names = list(self.counts)
        self.dismiss(EVERYONE if event.option_index == 0 else names[event.option_index - 1])

    def action_close(self) -> None:
        self.dismiss(None)
