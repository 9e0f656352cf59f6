"""Hostile case cards of issue 25, finding 4, shared by its test and tests/probe_hostile.py."""

from __future__ import annotations

BODY = "\n## 真实障碍\n\n钢管生锈\n"


def alias_bomb() -> str:
    """The 479-byte "billion laughs" in ``tags``: ten levels, each ten times the last."""
    levels = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for n in range(1, 10):
        refs = ", ".join([f"*a{n - 1}"] * 10)
        levels.append(f"a{n}: &a{n} [{refs}]")
    return "---\nid: bomb\n" + "\n".join(levels) + "\ntags: *a9\n---\n" + BODY


def deep(levels: int = 5000) -> str:
    return "---\nid: deep\ntags: " + "[" * levels + "]" * levels + "\n---\n" + BODY


def huge() -> str:
    return "---\nid: huge\ntitle: " + "长" * (5 * 1024 * 1024) + "\n---\n" + BODY
