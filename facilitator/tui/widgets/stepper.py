"""The agenda stepper and the meeting clock.

A coordination meeting drifts: people re-argue ownership when they should be finding
the obstacle. The stepper shows all six stages, which one the room is in, each
stage's timebox and the time spent so far, and turns the current stage amber (never
red: the facilitator should feel informed, not alarmed) when it runs over.

Stage times are seeded from the meeting's saved ``stage_seconds`` so a restarted app
resumes the clocks; the meeting screen saves them back through the service. The clock
is injected so tests and snapshots can freeze it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import Static

from facilitator.model import Stage

if TYPE_CHECKING:
    from typing import Unpack

    from facilitator.tui.widgets.widget_args import WidgetArgs



def fmt_duration(seconds: float) -> str:
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


class StageClock:
    """Time spent in each stage and in the meeting, from an injectable monotonic clock.

    ``saved`` is the time each stage took in earlier sessions; it counts towards the
    stage times and the meeting total.
    """

    def __init__(
        self,
        clock: Callable[[], float],
        stage: str,
        saved: Mapping[str, float] | None = None,
        save: Callable[[str, float], None] | None = None,
    ) -> None:
        self._clock = clock
        self.started = clock()
        self.current = stage
        self._since = self.started
        self._spent: dict[str, float] = {k: max(0.0, float(v)) for k, v in (saved or {}).items()}
        self._before = sum(self._spent.values())
        self._save = save
        self._persisted = dict(self._spent)
        self.running = True
        """False while the meeting is closed: no stage gathers time."""

    def _bank(self) -> float:
        """Add the running stretch to the current stage; returns the clock's reading."""
        now = self._clock()
        if self.running:
            self._spent[self.current] = self._spent.get(self.current, 0.0) + (now - self._since)
        self._since = now
        return now

    def switch(self, stage: str) -> None:
        self._bank()
        self.current = stage

    def pause(self) -> None:
        if self.running:
            self._bank()
            self.running = False

    def resume(self) -> None:
        if not self.running:
            self._since = self._clock()
            self.running = True

    def elapsed(self, stage: str) -> float:
        spent = self._spent.get(stage, 0.0)
        if stage == self.current and self.running:
            spent += self._clock() - self._since
        return spent

    def persist(self, stage: str | None = None) -> bool:
        """Hand a stage's time (default: the current stage's) to ``save`` if it changed.

        Nothing is written when the time, to a tenth of a second, is what was saved
        last, so an idle or frozen clock costs no writes. Whatever ``save`` raises
        propagates; the time then counts as unsaved and is tried again next time.
        """
        stage = stage or self.current
        seconds = round(self.elapsed(stage), 1)
        if self._save is None or seconds == self._persisted.get(stage, 0.0):
            return False
        self._save(stage, seconds)
        self._persisted[stage] = seconds
        return True

    def total(self) -> float:
        running = self._clock() - self._since if self.running else 0.0
        return sum(self._spent.values()) + running

    def overrun(self, stage: Stage) -> float:
        """Seconds over the stage's timebox (0 when within it)."""
        return max(0.0, self.elapsed(stage.id) - stage.minutes * 60)


class AgendaStepper(Static):
    """One line per screen width of stages: number, title, time used / timebox."""

    DEFAULT_CLASSES = "stepper"

    def __init__(self, stages: Sequence[Stage], lang: str, clock: StageClock, **kwargs: Unpack[WidgetArgs]) -> None:
        super().__init__("", **kwargs)
        self.stages = list(stages)
        self.lang = lang
        self.clock = clock
        self.tooltip = (
            "会议的六个阶段：F2 / F3 切换" if lang == "zh" else "The six stages of the meeting: F2 / F3 move"
        )

    def on_mount(self) -> None:
        self.refresh_steps()

    def refresh_steps(self) -> None:
        parts: list[Content] = []
        current_index = next((i for i, s in enumerate(self.stages) if s.id == self.clock.current), 0)
        for i, stage in enumerate(self.stages):
            spent = self.clock.elapsed(stage.id)
            box = f"{stage.minutes}′"
            timing = f"{fmt_duration(spent)}/{box}" if spent >= 1 or i == current_index else box
            label = f"{i + 1}\u00a0{stage.title(self.lang)}\u00a0{timing}"
            if i == current_index:
                style = "bold $warning-muted on $warning" if self.clock.overrun(stage) else "bold $text on $accent-muted"
                label = f"▶\u00a0{label}"
            elif i < current_index:
                style = "$text-muted"
            else:
                style = "$foreground"
            parts.append(Content.styled(label, style))
        self.update(pack(parts, self.content_region.width if self.is_mounted else 0))

    def on_resize(self) -> None:
        self.refresh_steps()


def pack(parts: list[Content], width: int, gap: int = 2) -> Content:
    """Stages laid out in lines of ``width`` cells, each stage whole on one line.

    Textual wraps at any white space, the no-break space included, so a stage's number
    ended one line and its title began the next; the lines are therefore made here.
    """
    lines: list[list[Content]] = [[]]
    used = 0
    for part in parts:
        need = part.cell_length + (gap if lines[-1] else 0)
        if lines[-1] and width > 0 and used + need > width:
            lines.append([])
            used, need = 0, part.cell_length
        lines[-1].append(part)
        used += need
    return Content("\n").join(Content(" " * gap).join(line) for line in lines)
