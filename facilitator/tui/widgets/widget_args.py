"""The keyword arguments every Textual widget takes, as a TypedDict.

Our widgets pass ``**kwargs`` through to their Textual base class; typing them with
``Unpack[WidgetArgs]`` lets mypy check each call site (a misspelt ``id=`` or a keyword
the base class does not know) instead of waving everything through. Each base class
gets the dict of what its own ``__init__`` takes (``Markdown`` has no ``disabled``).
"""

from __future__ import annotations

from typing import TypedDict


class NamedArgs(TypedDict, total=False):
    """The names a widget is found by in the DOM and styled by in the stylesheet."""

    name: str | None
    id: str | None
    classes: str | None


class WidgetArgs(NamedArgs, total=False):
    """``NamedArgs`` plus ``disabled``, which every widget but ``Markdown`` takes."""

    disabled: bool


class StaticArgs(WidgetArgs, total=False):
    """What a ``Static`` takes besides its content."""

    expand: bool
    shrink: bool
    markup: bool


class MarkdownArgs(NamedArgs, total=False):
    """What a ``Markdown`` takes besides its text (the parser factory stays Textual's)."""

    open_links: bool


class RichLogArgs(WidgetArgs, total=False):
    """What a ``RichLog`` takes."""

    max_lines: int | None
    min_width: int
    wrap: bool
    highlight: bool
    markup: bool
    auto_scroll: bool
