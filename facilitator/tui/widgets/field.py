"""Form fields that run their own editing keys, so a key typed before Tab acts where it was typed.

Textual hands a key to the focused field's queue; a key the field does not consume there
(Ctrl+U, Backspace, arrows: the field's bindings) bubbles back to the app, which looks the
binding up on the focus chain *as it is then*. Tab in a form is a priority binding and moves
the focus at once, so under a burst of keys (tmux, a fast typist) the focus is often already
in a later field when an earlier key comes back: Ctrl+U meant to empty the date field wiped
the goal typed after it. These fields resolve their own bindings while handling the key, on
themselves, before it can bubble; keys they do not bind (Ctrl+S, Esc) still bubble to the form.
"""

from __future__ import annotations

from datetime import date

from textual import events
from textual.widget import Widget
from textual.widgets import Input, TextArea

from facilitator.model import UserError
from facilitator.tui.strings import tr


def parse_date(text: str, lang: str, ref: date | None = None) -> date | None:
    """A date field: the same DATE forms as quick capture (``周五``, ``12月5日``, ``2026-12-05``),
    relative ones resolved against ``ref`` (today if None)."""
    from facilitator.capture import parse_date_field

    try:
        return parse_date_field(text, ref)
    except ValueError:
        raise UserError(tr(lang, "err_date", value=text.strip())) from None


async def run_own_binding(widget: Widget, event: events.Key) -> None:
    """Run ``widget``'s own non-priority binding for ``event`` on ``widget``; stop the key if one ran."""
    if event._stop_propagation:  # the widget already consumed it (a printable character)
        return
    for binding in widget._bindings.key_to_bindings.get(event.key, ()):
        if not binding.priority and await widget.app.run_action(binding.action, widget):
            event.stop()
            event.prevent_default()
            return


class FieldInput(Input):
    """A one-line form field whose editing keys act on itself, whatever has the focus by then."""

    async def _on_key(self, event: events.Key) -> None:
        await super()._on_key(event)
        await run_own_binding(self, event)


class FieldTextArea(TextArea):
    """A multi-line form field whose editing keys act on itself, whatever has the focus by then."""

    async def _on_key(self, event: events.Key) -> None:
        await super()._on_key(event)
        await run_own_binding(self, event)
