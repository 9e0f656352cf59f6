"""The meeting agenda as data: stages of the method loaded from ``prompts/playbook.toml``.

Keeping the agenda in a data file lets the wording and timeboxes change without code,
and lets the TUI, the drafter and the prompts share one definition of the method.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

from facilitator import locations
from facilitator.model import STAGE_REQUIREMENTS, Meeting, Stage, UserError

REQUIREMENTS = STAGE_REQUIREMENTS
__all__ = ["REQUIREMENTS", "Stage", "default_playbook", "load_playbook", "missing", "stage_by_id"]


def load_playbook(path: Path | None = None) -> list[Stage]:
    path = path or locations.prompts_dir() / "playbook.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        stages = [
            Stage(
                id=s["id"], title_zh=s["title_zh"], title_en=s["title_en"], minutes=int(s["minutes"]),
                goal_zh=s["goal_zh"], goal_en=s["goal_en"],
                questions_zh=tuple(s["questions_zh"]), questions_en=tuple(s["questions_en"]),
                requires=tuple(s.get("requires", [])),
            )
            for s in data["stage"]
        ]
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as exc:
        raise UserError(f"{path}: invalid playbook ({exc})") from None
    for s in stages:
        unknown = set(s.requires) - REQUIREMENTS
        if unknown:
            raise UserError(f"{path}: stage {s.id!r} requires unknown {sorted(unknown)}")
    return stages


@lru_cache(maxsize=1)
def default_playbook() -> tuple[Stage, ...]:
    return tuple(load_playbook())


def stage_by_id(stage_id: str) -> Stage:
    for s in default_playbook():
        if s.id == stage_id:
            return s
    raise UserError(f"unknown stage {stage_id!r}")


def missing(stage: Stage, meeting: Meeting) -> list[str]:
    """What the record still lacks before the meeting should leave this stage."""
    return stage.missing(meeting)
