"""The base class of the meeting screen's mixins (``meeting_record``, ``meeting_listen``,
``meeting_suggestions``).

Each mixin uses what the ``Screen`` it is mixed into provides (``app``, ``query_one``,
``notify``, ``run_worker``). For mypy the base is that screen type, so every such call is
checked against Textual's own signatures; when running it is a plain ``object``, so the
screen's real methods are the ones found.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.screen import Screen

    MeetingPart = Screen[None]
else:
    MeetingPart = object
