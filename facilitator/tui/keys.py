"""Key bindings as data: every binding has an id the user's ``[keymap]`` can rebind.

Bindings are declared once per screen or widget as ``Key`` specs, and turned into
Textual ``Binding`` objects with labels in the UI language. Textual reads a class's
bindings when the class is created, so an English UI gets a cached subclass of the
same name whose bindings carry English labels; ids and keys stay the same, so
``App.set_keymap`` (fed from ``Settings.keymap``) applies to both.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar, cast

from textual.binding import Binding, BindingType

from facilitator.tui.strings import tr

if TYPE_CHECKING:
    from textual.dom import DOMNode


@dataclass(frozen=True)
class Key:
    """One binding: ``id`` is what users put in ``[keymap]``; ``label`` is a strings key."""

    id: str
    keys: str
    action: str
    label: str
    show: bool = True
    priority: bool = False


def bindings(specs: tuple[Key, ...], lang: str) -> list[BindingType]:
    return [
        Binding(k.keys, k.action, tr(lang, k.label), show=k.show, priority=k.priority, id=k.id,
                tooltip=tr(lang, k.label))
        for k in specs
    ]


T = TypeVar("T")


@cache
def _subclass(cls: type[Any], lang: str) -> type[Any]:
    specs: tuple[Key, ...] = cls.KEYS
    return type(cls.__name__, (cls,), {"BINDINGS": bindings(specs, lang), "__doc__": cls.__doc__})


def localized(cls: type[T], lang: str) -> type[T]:
    """``cls`` itself for Chinese (its default labels), else a subclass labelled in ``lang``."""
    if lang == "zh" or not getattr(cls, "KEYS", None):
        return cls
    return cast("type[T]", _subclass(cast(Any, cls), lang))


def key_display(keys: str) -> str:
    """``f1,question_mark`` -> ``F1 / ?`` for the help screen."""
    names = {"question_mark": "?", "slash": "/", "escape": "Esc", "enter": "Enter", "space": "Space"}
    out = []
    for key in keys.split(","):
        key = key.strip()
        if key in names:
            out.append(names[key])
        else:
            parts = key.split("+")
            # ctrl+q -> Ctrl+Q (what is printed on the keyboard); a bare letter stays as typed
            out.append("+".join(p.capitalize() if len(p) > 1 else (p.upper() if len(parts) > 1 else p)
                                for p in parts))
    return " / ".join(out)


def bound_key(node: DOMNode, binding_id: str, default: str) -> str:
    """The key now bound to ``binding_id`` on ``node``'s screen (after the user's
    ``[keymap]``), for a hint that names it; ``default`` when it is not bound there."""
    try:
        active = node.screen.active_bindings
    except Exception:  # noqa: BLE001 - no screen yet: the default key
        return key_display(default)
    keys = [key for key, bound in active.items() if bound.binding.id == binding_id]
    return key_display(",".join(keys) if keys else default)


APP_KEYS = (
    Key("quit", "ctrl+q", "quit", "quit", show=False, priority=True),
    Key("command_palette", "ctrl+p", "command_palette", "palette", show=False),
    Key("actions_board", "f8", "actions_board", "actions_board", show=False),
    Key("help", "f1", "help", "help", show=False),
)
PALETTE = Key("command_palette", "ctrl+p", "app.command_palette", "palette")
"""Shown by each screen so its footer label follows the screen's language."""

LIST_KEYS = (
    Key("help", "f1,question_mark", "app.help", "help"),
    Key("new_meeting", "n,f2", "new_meeting", "new_meeting"),
    Key("actions_board", "f8", "app.actions_board", "actions_board"),
    Key("open_meeting", "enter", "open_meeting", "open_meeting", show=False),
    PALETTE,
)
MEETING_KEYS = (
    Key("help", "f1,question_mark", "app.help", "help"),
    Key("prev_stage", "f2", "prev_stage", "prev_stage"),
    Key("next_stage", "f3", "next_stage", "next_stage"),
    Key("search_cases", "f4", "search_cases", "search_cases", show=False),
    Key("search_notes", "slash", "search_notes", "search_notes", show=False),
    Key("undo", "ctrl+z", "undo", "undo", show=False),
    Key("draft", "f5", "draft", "draft"),
    Key("export", "f6", "export", "export"),
    Key("add_participant", "f7", "add_participant", "add_participant"),
    Key("actions_board", "f8", "app.actions_board", "actions_board", show=False),
    Key("meetings", "f9", "meetings", "meetings", show=False),
    Key("close_meeting", "f10", "app.close_meeting", "close_meeting", show=False),
    Key("delivery", "ctrl+o", "app.delivery", "delivery", show=False),
    Key("reopen_meeting", "ctrl+r", "reopen_meeting", "reopen_meeting", show=False),
    Key("focus_capture", "escape", "focus_capture", "focus_capture", show=False),
    Key("coach", "ctrl+g", "coach", "coach"),
    Key("listen", "ctrl+t", "listen", "listen", show=False),
    # from the capture box (Ctrl+Y is no key of a text input) to the suggestions waiting
    # beside the ledger; Esc comes back to the capture box
    Key("suggestions", "ctrl+y", "suggestions", "go_suggestions", show=False),
    PALETTE,
)
DRAFT_KEYS = (
    Key("help", "f1", "app.help", "help"),
    Key("accept", "ctrl+s", "accept", "accept"),
    Key("regenerate", "ctrl+r", "regenerate", "regenerate"),
    Key("edit", "f4", "edit", "edit"),
    Key("export", "f6", "export", "export"),
    Key("close", "escape", "close", "close"),
    PALETTE,
)
FIELD_KEYS = (
    # priority: the app moves the focus when the Tab arrives, before it hands the keys
    # typed after it to a widget; as an ordinary binding Tab first went through the field's
    # queue, and keys typed with no pause landed in the field Tab was leaving
    Key("next_field", "tab", "app.focus_next", "next_field", show=False, priority=True),
    Key("prev_field", "shift+tab", "app.focus_previous", "prev_field", show=False, priority=True),
)
FORM_KEYS = (
    Key("save", "ctrl+s", "save", "save"),
    Key("cancel", "escape", "cancel", "cancel"),
    *FIELD_KEYS,
)
DISCARD_KEYS = (
    Key("discard", "y", "discard", "discard"),
    Key("keep_editing", "escape,n", "back", "keep_editing"),
)
CASES_KEYS = (
    Key("cite_case", "c", "cite", "cite_case"),
    Key("case_lever", "r", "lever", "case_lever"),
    Key("open_case", "enter", "select", "open_case"),
)
COACH_KEYS = (
    Key("coach_accept", "enter", "accept", "coach_accept"),
    Key("close", "escape", "close", "close"),
)
ACTIONS_KEYS = (
    Key("toggle_done", "x,space", "toggle_done", "toggle_done"),
    Key("edit_row", "enter,e", "select_cursor", "edit_row"),
)
RESPONSIBILITY_KEYS = (
    Key("edit_row", "enter,e", "select_cursor", "edit_row"),
    Key("delete_row", "d,delete", "delete_row", "delete_row"),
)
ITEMS_KEYS = (
    Key("edit_row", "enter,e", "select_cursor", "edit_row"),
    Key("delete_row", "d,delete", "delete_row", "delete_row"),
)
SUGGESTION_KEYS = (
    Key("accept_suggestion", "a", "accept_suggestion", "accept_suggestion"),
    Key("edit_suggestion", "e,enter", "select_cursor", "edit_suggestion"),
    Key("dismiss_suggestion", "x,delete", "dismiss_suggestion", "dismiss_suggestion"),
)
CONFIRM_KEYS = (
    Key("confirm_delete", "y", "confirm", "confirm_delete"),
    Key("cancel", "escape,n", "cancel", "cancel"),
)
MODAL_KEYS = (
    Key("close", "escape", "close", "close"),
)
TRACK_KEYS = (
    Key("mark_done", "x", "mark_done", "mark_done"),
    Key("block_action", "b", "block", "block_action"),
    Key("drop_action", "d", "drop", "drop_action"),
    Key("set_due", "u", "set_due", "set_due"),
    Key("reopen_action", "o", "reopen", "reopen_action"),
    Key("edit_row", "enter,e", "select_cursor", "edit_row"),
)
"""Actions on the board and carried over into a meeting: each change goes through the tracker."""
BOARD_KEYS = (
    Key("help", "f1,question_mark", "app.help", "help"),
    Key("group_by", "g", "group_by", "group_by"),
    Key("outstanding_only", "f", "outstanding_only", "outstanding_only"),
    # in F1's list, not the key bar: at 80 columns its two lines are full
    Key("filter_owner", "p", "filter_owner", "filter_owner", show=False),
    Key("filter_author", "w", "filter_author", "filter_author", show=False),
    Key("delivery", "ctrl+o", "app.delivery", "delivery"),
    Key("followups", "m", "app.followups", "followups"),
    Key("send_followups", "s", "app.send_followups", "send_followups"),
    Key("send_reminders", "r", "app.send_reminders", "send_reminders"),
    Key("escalate", "ctrl+e", "escalate", "escalate"),
    Key("close", "escape", "close", "close"),
    PALETTE,
)
"""``escalate`` is offered only while the selected row is overdue or blocked."""
SEND_KEYS = (
    Key("send_now", "ctrl+s", "send", "send_now"),
    Key("close", "escape", "close", "close"),
)
"""The send preview: nothing leaves before Ctrl+S."""
REVIEW_KEYS = (
    Key("review_done", "x", "answer('done')", "review_done"),
    Key("review_open", "o", "answer('open')", "review_open"),
    Key("review_blocked", "b", "answer('blocked')", "review_blocked"),
    Key("review_skip", "s", "answer('skip')", "review_skip"),
    Key("review_back", "p", "back", "review_back"),
    Key("review_confirm", "ctrl+s,enter", "confirm", "review_confirm"),
    Key("cancel", "escape", "cancel", "cancel"),
)
