"""Drafting the meeting summary: offline (deterministic), LLM (llm.py), Markdown (render.py).

Only the light, dependency-free entry points are re-exported here; the LLM drafter
imports openai and tiktoken lazily and is imported from its own module.
"""

from facilitator.drafting.offline import draft_offline
from facilitator.drafting.render import render_markdown

__all__ = ["draft_offline", "render_markdown"]
