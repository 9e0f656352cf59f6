"""Help (F1 / ?): keys, the quick-capture syntax and how to rebind keys.

The help screen is built from the same ``Key`` specs as the bindings, with the
user's ``[keymap]`` applied, so what it says is what the keys do.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from facilitator.tui.keys import APP_KEYS, MODAL_KEYS, Key, bindings, key_display
from facilitator.tui.strings import CAPTURE_HELP, tr

if TYPE_CHECKING:
    from textual.dom import DOMNode

Section = tuple[str, tuple[Key, ...]]
"""A heading (already in the UI language) and the keys listed under it."""


def key_sections(screen: DOMNode, lang: str) -> list[Section]:
    """The keys that work on ``screen``: its own, then those of every widget on it that
    declares ``KEYS`` (the ledger tables, the case list, the carried-over actions), then
    the app's. Read from the same specs the bindings are made from, so help cannot drift."""
    own: tuple[Key, ...] = getattr(screen, "HELP_KEYS", ()) or getattr(screen, "KEYS", ())
    sections: list[Section] = [(tr(lang, "help_keys"), tuple(own))]
    seen = {type(screen).__mro__[0].__name__}
    for widget in screen.walk_children() if hasattr(screen, "walk_children") else ():
        specs = getattr(type(widget), "KEYS", None)
        name = type(widget).__name__
        if not specs or name in seen or not isinstance(specs, tuple):
            continue
        seen.add(name)
        listed = {k.id for _, keys in sections for k in keys}
        if {k.id for k in specs} <= listed:  # the board lists its table's keys itself
            continue
        sections.append((tr(lang, f"help_keys_{name}"), specs))
    sections.append((tr(lang, "help_keys_app"), APP_KEYS))
    return sections


def help_content(sections: list[Section], keymap: Mapping[str, str], lang: str, capture: bool = True) -> Content:
    """Each section's keys (with the user's ``[keymap]`` applied), then the quick-capture
    syntax with the date forms, then how to rebind a key."""
    lines: list[Content] = []
    for number, (heading, specs) in enumerate(sections):
        shown: set[str] = set()
        rows = []
        for spec in specs:
            if spec.id in shown:
                continue
            shown.add(spec.id)
            keys = key_display(keymap.get(spec.id, spec.keys))
            rows.append(Content.assemble((f" {keys:<18}", "bold"), tr(lang, spec.label),
                                         (f"  [{spec.id}]", "$text-muted")))
        if rows:
            lines += [*([Content("")] if lines else []), Content.styled(heading, "bold $accent"), *rows]
        if number == 0 and capture:  # right after the screen's own keys: what is typed most
            lines += [Content(""), Content.styled(tr(lang, "help_capture"), "bold $accent")]
            for example, meaning in CAPTURE_HELP[lang]:
                lines.append(Content.assemble((f" {example}", "bold"), ("  → ", "$text-muted"), meaning))
            lines += [Content.styled(tr(lang, "help_dates"), "bold"), Content(f" {tr(lang, 'help_date_forms')}")]
    lines += [
        Content(""),
        Content.styled(tr(lang, "help_keymap"), "bold $accent"),
        Content(' [keymap]\n next_stage = "ctrl+n"\n draft = "f12"'),
        Content(""),
        Content.styled(tr(lang, "help_close"), "$text-muted"),
    ]
    return Content("\n").join(lines)


class HelpScreen(ModalScreen[None]):
    """Keys of the screen below, the quick-capture syntax and how to rebind keys."""

    KEYS = MODAL_KEYS
    BINDINGS = [*bindings(KEYS, "zh"), *bindings((Key("close_help", "f1,question_mark", "close", "close", show=False),), "zh")]
    DEFAULT_CLASSES = "modal-reader"

    def __init__(self, sections: list[Section], keymap: Mapping[str, str], lang: str, capture: bool = True) -> None:
        super().__init__()
        self.sections = sections
        self.content = help_content(sections, keymap, lang, capture=capture)
        self.lang = lang

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="reader") as box:
            box.border_title = tr(self.lang, "help_title")
            yield Static(self.content, id="help-text", markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
