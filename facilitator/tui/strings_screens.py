"""UI strings added for the laptop screen and its keys (issue 24), zh and en.

Merged into ``strings.py``'s tables like the other ``strings_*`` files, so the screens
read them with the same ``tr``.
"""

from __future__ import annotations

SCREENS_ZH: dict[str, str] = {
    "next_field": "下一项",
    "prev_field": "上一项",
    "ack_after_deadline": "（注意：晚于客户交付期限 {deadline}）",
}

SCREENS_EN: dict[str, str] = {
    "next_field": "Next field",
    "prev_field": "Previous field",
    "ack_after_deadline": " (note: after the customer's deadline {deadline})",
}
