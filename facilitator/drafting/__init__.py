"""Drafting the meeting summary: offline (deterministic), LLM (llm.py), Markdown (render.py).

The light, dependency-free entry points are re-exported here, loaded when first asked
for: a command that only renders a line (``actions``, ``followup``) does not load the
offline drafter and its tokenizer. The LLM drafter imports openai and tiktoken lazily
and is imported from its own module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from facilitator.drafting.offline import draft_offline
    from facilitator.drafting.render import render_markdown

__all__ = ["draft_offline", "render_markdown"]


def __getattr__(name: str) -> object:
    if name == "draft_offline":
        from facilitator.drafting.offline import draft_offline

        return draft_offline
    if name == "render_markdown":
        from facilitator.drafting.render import render_markdown

        return render_markdown
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
