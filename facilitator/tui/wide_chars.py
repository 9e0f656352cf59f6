"""Keep Chinese characters whole where a pop-up overlaps the widgets under it.

Textual's compositor cuts every screen line at the edges of every widget on that line
and paints each piece from the front-most widget. A notification, tooltip or drop-down
lying across such an edge is cut there too, and a double-width character standing on
the edge is split into two blanks: "已添加参会人" came out as "已添加  会人" whenever
the toast crossed the border between the notes and the cases panel
(https://github.com/Textualize/textual/issues/6357, open in Textual 8.2).

``install()`` replaces ``Compositor._render_chops`` with a version that does not cut a
widget's line at an edge that would split one of its wide characters, when that widget
is the one painted on both sides of the edge. The piece left of the edge then carries
the whole character, and the piece right of it is marked as painted (empty) so nothing
behind shows through. Lines without such a character are cut exactly as before.

The replacement is a copy of Textual 8.2.8's method body with the edge test added, and
it patches a private method for the whole process. So ``run_app`` alone installs it,
and only when the running Textual is the version it was copied from and the method
still has the same signature; otherwise it stays off and ``install`` says why (the
app logs it). ``tests/tui/test_wide_chars.py`` fails as soon as either drifts: then
compare the new upstream body, update the copy and ``WRITTEN_FOR``, or drop the patch
if upstream fixed the issue.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping, Sequence
from importlib.metadata import PackageNotFoundError, version

from rich.cells import cell_len
from textual._compositor import Compositor
from textual.geometry import Region
from textual.strip import Strip

_EMPTY = Strip([], 0)


def splits_wide_char(strip: Strip, offset: int) -> bool:
    """True if a double-width character of ``strip`` covers cells ``offset - 1`` and ``offset``."""
    x = 0
    for segment in strip:
        text = segment.text
        width = cell_len(text)
        if x + width <= offset:
            x += width
            continue
        for char in text:
            if x >= offset:
                return False
            w = cell_len(char)
            if x < offset < x + w:
                return True
            x += w
        return False
    return False


def _render_chops(
    self: Compositor, crop: Region, is_rendered_line: Callable[[int], bool]
) -> Sequence[Mapping[int, Strip]]:
    cuts = self.cuts
    chops: list[dict[int, Strip | None]] = [dict.fromkeys(cut_set[:-1]) for cut_set in cuts]
    for region, clip, strips in self._get_renders(crop):
        render_region = region.intersection(clip)
        render_x = render_region.x
        first_cut, last_cut = render_region.column_span
        for y, strip in zip(render_region.line_range, strips, strict=False):
            if not is_rendered_line(y):
                continue
            line = chops[y]
            line_cuts = [cut for cut in cuts[y] if last_cut >= cut >= first_cut]
            kept = line_cuts[:1]
            covered = []
            for cut in line_cuts[1:-1]:
                # painted by this widget on both sides, and the edge would split a character
                if line.get(kept[-1]) is None and line.get(cut) is None and splits_wide_char(strip, cut - render_x):
                    covered.append(cut)
                else:
                    kept.append(cut)
            kept += line_cuts[-1:] if len(line_cuts) > 1 else []
            pieces = strip.divide([cut - render_x for cut in kept[1:]])
            for cut, piece in zip(kept, pieces, strict=False):
                if line.get(cut) is None:
                    line[cut] = piece
            for cut in covered:
                if line.get(cut) is None:
                    line[cut] = _EMPTY
    return chops  # type: ignore[return-value]


WRITTEN_FOR = "8.2.8"
"""The Textual release whose ``Compositor._render_chops`` body ``_render_chops`` copies."""
SIGNATURE = "(self, crop: 'Region', is_rendered_line: 'Callable[[int], bool]') -> 'Sequence[Mapping[int, Strip]]'"
"""``str(inspect.signature(Compositor._render_chops))`` in that release."""

_installed: list[Callable[..., object]] = []


def textual_version() -> str:
    try:
        return version("textual")
    except PackageNotFoundError:
        return "unknown"


def mismatch(running: str | None = None, target: Callable[..., object] | None = None) -> str | None:
    """Why the patch must stay off here, or None when Textual is the one it was written for."""
    running = textual_version() if running is None else running
    if target is None:
        target = _installed[0] if _installed else Compositor._render_chops
    if running != WRITTEN_FOR:
        return f"Textual {running} is running; the wide-character patch was written for {WRITTEN_FOR}"
    found = str(inspect.signature(target))
    if found != SIGNATURE:
        return f"Compositor._render_chops{found} is not the signature the patch replaces ({SIGNATURE})"
    return None


def install() -> str | None:
    """Patch the compositor once per process (``run_app`` calls this); returns why it
    stayed off, or None when the patch is in place."""
    reason = mismatch()
    if reason is None and not _installed:
        _installed.append(Compositor._render_chops)
        Compositor._render_chops = _render_chops  # type: ignore[method-assign]
    return reason


def installed() -> bool:
    return bool(_installed) and Compositor._render_chops is _render_chops  # type: ignore[comparison-overlap]
