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
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

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


_installed: list[Any] = []


def install() -> None:
    """Patch the compositor once per process (the app calls this when it is imported)."""
    if not _installed:
        _installed.append(Compositor._render_chops)
        Compositor._render_chops = _render_chops  # type: ignore[method-assign]
