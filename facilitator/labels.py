"""The words for the record's own terms, once per language: statuses and item kinds.

The TUI's tables, the Markdown summary and the follow-up messages all name an action's
status and an item's kind; they read the word from here so that a "受阻" on screen is
a "受阻" in the message the owner receives. Screen-only phrases stay in
``tui/strings*.py``, document-only ones with their renderer.
"""

from __future__ import annotations

from facilitator.model import Language

TERMS: dict[Language, dict[str, str]] = {
    "zh": {
        # action statuses (model.ACTION_STATUSES)
        "open": "进行中", "done": "已完成", "blocked": "受阻", "dropped": "已取消",
        # responsibility statuses
        "agreed": "已确认", "disputed": "有争议",
        # item kinds (model.ITEM_KINDS)
        "obstacle": "障碍", "decision": "决定", "question": "问题",
    },
    "en": {
        "open": "open", "done": "done", "blocked": "blocked", "dropped": "dropped",
        "agreed": "agreed", "disputed": "disputed",
        "obstacle": "obstacle", "decision": "decision", "question": "question",
    },
}  # fmt: skip


def terms(lang: str) -> dict[str, str]:
    """The table for ``lang`` (Chinese for an unknown language, the app's default)."""
    return TERMS["en"] if lang == "en" else TERMS["zh"]


def term(lang: str, key: str) -> str:
    return terms(lang)[key]
