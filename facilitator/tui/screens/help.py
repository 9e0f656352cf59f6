"""Help (F1 / ?): keys, the quick-capture syntax and how to rebind keys.

The help screen is built from the same ``Key`` specs as the bindings, with the
user's ``[keymap]`` applied, so what it says is what the keys do.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from facilitator.tui.keys import MODAL_KEYS, Key, bindings, key_display
from facilitator.tui.strings import CAPTURE_HELP, tr


def help_content(specs: tuple[Key, ...], keymap: Mapping[str, str], lang: str) -> Content:
    lines: list[Content] = [Content.styled(tr(lang, "help_keys"), "bold $accent")]
    seen: set[str] = set()
    app_keys = (Key("actions_board", "f8", "", "actions_board"), Key("command_palette", "ctrl+p", "", "palette"),
                Key("quit", "ctrl+q", "", "quit"))
    for spec in (*specs, *app_keys):
        if spec.id in seen:
            continue
        seen.add(spec.id)
        keys = key_display(keymap.get(spec.id, spec.keys))
        lines.append(Content.assemble((f" {keys:<18}", "bold"), tr(lang, spec.label), (f"  [{spec.id}]", "$text-muted")))
    lines += [Content(""), Content.styled(tr(lang, "help_capture"), "bold $accent")]
    for example, meaning in CAPTURE_HELP[lang]:
        lines.append(Content.assemble((f" {example}", "bold"), ("  → ", "$text-muted"), meaning))
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

    def __init__(self, specs: tuple[Key, ...], keymap: Mapping[str, str], lang: str) -> None:
        super().__init__()
        self.content = help_content(specs, keymap, lang)
        self.lang = lang

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="reader") as box:
            box.border_title = tr(self.lang, "help_title")
            yield Static(self.content, id="help-text", markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
