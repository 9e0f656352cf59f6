"""The meeting agenda as data: stages of the method loaded from ``prompts/playbook.toml``.

Keeping the agenda in a data file lets the wording and timeboxes change without code,
and lets the TUI, the drafter and the prompts share one definition of the method.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from facilitator import locations
from facilitator.model import STAGE_REQUIREMENTS, Meeting, Responsibility, Stage, UserError
from facilitator.obstacles import UNKNOWN, classify
from facilitator.textforms import text_key

REQUIREMENTS = STAGE_REQUIREMENTS
"""What a stage can require before the meeting moves on (``requires`` in playbook.toml)."""
__all__ = ["REQUIREMENTS", "Stage", "checks", "default_playbook", "load_playbook", "missing", "stage_by_id"]
WAY_OUT_STAGES = ("obstacle", "solution")
"""Stages in which the obstacle counts most in the case search and each matched case
shows how it got out (its resolution)."""


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


@dataclass(frozen=True)
class Check:
    """One advisory finding: a requirement of the stage the record does not meet yet."""

    id: str
    message: str
    items: tuple[str, ...] = field(default_factory=tuple)
    """The items at fault (the obstacle without a kind, the undated action, ...)."""


_MESSAGES: dict[str, dict[str, str]] = {
    "zh": {
        "participants": "还没有记录参会人",
        "notes": "还没有记录任何笔记",
        "stuck_notes": "这个阶段还没有记录卡点事实：订单走到哪一步、卡在哪件事上",
        "responsibilities": "还没有划定任何责任（事项 => 部门）",
        "contested_escalated": "争议事项还没有负责方或升级人（事项 => ? 升级：总经理）：{items}",
        "obstacles": "还没有找到真实障碍（障碍：…）",
        "obstacle_kinds": "障碍还没有标明类型（障碍[预算]：…，或在台账里改）：{items}",
        "decisions": "还没有形成决定（决定：…）",
        "obstacle_levers": "障碍还没有落实到人去争取的资源（资源：… @负责人）：{items}",
        "actions": "还没有行动（@负责人：事项）",
        "dated_actions": "每个行动都需要负责人和截止日期",
        "dated_actions_items": "这些行动缺负责人或截止日期：{items}",
    },
    "en": {
        "participants": "no participants recorded yet",
        "notes": "no notes yet",
        "stuck_notes": "no stuck point noted yet: how far the order got, where it stopped",
        "responsibilities": "no responsibility settled yet (item => dept)",
        "contested_escalated": "disputes with no owner (nor anyone named to escalate them: "
        "item => ? escalate: the GM): {items}",
        "obstacles": "no real obstacle named yet (Obstacle: …)",
        "obstacle_kinds": "obstacles without a kind (Obstacle[budget]: …, or set it in the ledger): {items}",
        "decisions": "no decision yet (Decision: …)",
        "obstacle_levers": "obstacles with no lever (Resource: … @owner, someone to secure it): {items}",
        "actions": "no actions yet (@owner: task)",
        "dated_actions": "actions need owner and date",
        "dated_actions_items": "owner or date missing: {items}",
    },
}  # fmt: skip

_ESCALATION = re.compile(
    r"升级|上报|上升|拍板|裁决|定夺|请示|escalat|decide|raise[sd]?\s+(?:it\s+)?(?:to|with)|@\S", re.I
)


def _escalated(r: Responsibility, meeting: Meeting) -> bool:
    """A disputed item counts as handled when its remark names who escalates it, or an
    action on the record carries it."""
    if r.basis and _ESCALATION.search(r.basis):
        return True
    item = text_key(r.item)
    return bool(item) and any(item in text_key(a.action) for a in meeting.actions if a.owner)


def _unmet(req: str, meeting: Meeting, stage_id: str) -> list[str] | None:
    """None when ``req`` is met; else the items at fault (empty: nothing recorded at all)."""
    if req == "participants":
        return None if meeting.participants else []
    if req == "notes":
        return None if meeting.notes else []
    if req == "stuck_notes":
        return None if any(n.stage == stage_id for n in meeting.notes) else []
    if req == "responsibilities":
        return None if meeting.responsibilities else []
    if req == "contested_escalated":
        bad = [r.item for r in meeting.responsibilities
               if (r.status == "disputed" or not r.owner) and not _escalated(r, meeting)]
        return bad or None
    if req == "obstacles":
        return None if meeting.obstacles else []
    if req == "obstacle_kinds":
        bad = [o.text for o in meeting.obstacles if (o.kind or classify(o.text)) == UNKNOWN]
        return bad or None
    if req == "decisions":
        return None if meeting.decisions else []
    if req == "obstacle_levers":
        bad = [o.text for o in meeting.obstacles if not any(lv.owner for lv in meeting.levers_of(o))]
        return bad or None
    if req == "actions":
        return None if meeting.actions else []
    if req == "dated_actions":
        if not meeting.actions:
            return []
        bad = [a.action for a in meeting.actions if not (a.owner and a.due)]
        return bad or None
    raise ValueError(f"unknown requirement {req!r}")


def checks(stage: Stage, meeting: Meeting) -> list[Check]:
    """What the record still lacks before the meeting should leave ``stage``, in the
    meeting's language. Advisory only: the room decides when to move on."""
    lang = meeting.language if meeting.language in _MESSAGES else "zh"
    messages = _MESSAGES[lang]
    found: list[Check] = []
    for req in stage.requires:
        items = _unmet(req, meeting, stage.id)
        if items is None:
            continue
        key = f"{req}_items" if items and f"{req}_items" in messages else req
        joined = ("；" if lang == "zh" else "; ").join(items)
        found.append(Check(req, messages[key].format(items=joined), tuple(items)))
    return found


def missing(stage: Stage, meeting: Meeting) -> list[str]:
    """Ids of the requirements of ``stage`` the record does not meet yet."""
    return [c.id for c in checks(stage, meeting)]
