"""The meeting agenda as data: stages of the method loaded from ``prompts/playbook.toml``.

Keeping the agenda in a data file lets the wording and timeboxes change without code,
and lets the TUI, the drafter and the prompts share one definition of the method.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from facilitator import locations
from facilitator.model import Meeting, UserError

REQUIREMENTS = {"participants", "notes", "responsibilities", "obstacles", "decisions", "actions", "dated_actions"}


@dataclass(frozen=True)
class Stage:
    id: str
    title_zh: str
    title_en: str
    minutes: int
    goal_zh: str
    goal_en: str
    questions_zh: tuple[str, ...]
    questions_en: tuple[str, ...]
    requires: tuple[str, ...]

    def title(self, lang: str) -> str:
        return self.title_zh if lang == "zh" else self.title_en

    def goal(self, lang: str) -> str:
        return self.goal_zh if lang == "zh" else self.goal_en

    def questions(self, lang: str) -> tuple[str, ...]:
        return self.questions_zh if lang == "zh" else self.questions_en


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
    have = {
        "participants": bool(meeting.participants),
        "notes": bool(meeting.notes),
        "responsibilities": bool(meeting.responsibilities),
        "obstacles": bool(meeting.obstacles),
        "decisions": bool(meeting.decisions),
        "actions": bool(meeting.actions),
        "dated_actions": bool(meeting.actions) and all(a.owner and a.due for a in meeting.actions),
    }
    return [r for r in stage.requires if not have[r]]
