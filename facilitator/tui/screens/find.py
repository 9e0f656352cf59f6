"""``/`` in a meeting: find a word in the meeting's notes and items.

Half an hour into a meeting someone asks "what did we say about the ECN?": the notes
scroll away and the ledgers hold the rest. This reader filters all of them as one
types, each hit labelled with what it is (note, action, responsibility, ...).
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, OptionList

from facilitator.model import Meeting
from facilitator.tui.keys import MODAL_KEYS, bindings
from facilitator.tui.strings import tr
from facilitator.tui.widgets.field import FieldInput


def record_lines(meeting: Meeting, lang: str) -> list[tuple[str, str]]:
    """Every searchable line of the record as ``(label, text)``, in the order they were taken."""
    lines = [(tr(lang, "kind_note"), n.text) for n in meeting.notes]
    lines += [(tr(lang, "kind_responsibility"), f"{r.item} → {r.owner or tr(lang, 'nobody')}")
              for r in meeting.responsibilities]
    lines += [(tr(lang, "kind_action"), f"{a.action} · {a.owner or tr(lang, 'nobody')}") for a in meeting.actions]
    for kind, items in (("obstacle", meeting.obstacles), ("decision", meeting.decisions),
                        ("question", meeting.open_questions)):
        lines += [(tr(lang, f"kind_{kind}"), i.text) for i in items]
    return lines


def find_lines(lines: list[tuple[str, str]], query: str) -> list[tuple[str, str]]:
    """Lines holding every word of ``query`` (any case); all lines for an empty query."""
    words = query.casefold().split()
    return [(label, text) for label, text in lines if all(w in text.casefold() for w in words)]


class FindInMeeting(ModalScreen[None]):
    """A search box over the meeting's notes and items; Esc closes."""

    KEYS = MODAL_KEYS
    BINDINGS = bindings(KEYS, "zh")
    DEFAULT_CLASSES = "modal-reader"

    def __init__(self, meeting: Meeting, lang: str) -> None:
        super().__init__()
        self.lang = lang
        self.lines = record_lines(meeting, lang)

    def compose(self) -> ComposeResult:
        with Vertical(id="reader") as box:
            box.border_title = tr(self.lang, "find_title")
            yield FieldInput(placeholder=tr(self.lang, "find_placeholder"), id="find-query", compact=True)
            yield OptionList(id="find-hits", markup=False)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.show("")
        self.query_one("#find-query", Input).focus()

    @on(Input.Changed, "#find-query")
    def changed(self, event: Input.Changed) -> None:
        self.show(event.value)

    def show(self, query: str) -> None:
        hits = self.query_one("#find-hits", OptionList)
        hits.clear_options()
        found = find_lines(self.lines, query)
        for label, text in found:
            line = Text(f"{label}  ", style="bold")
            line.append(text)
            hits.add_option(line)
        if not found:
            hits.add_option(Text(tr(self.lang, "find_none"), style="italic"))

    def action_close(self) -> None:
        self.dismiss(None)
