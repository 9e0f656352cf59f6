"""The wide-character patch (tui/wide_chars.py): on only where it was written for."""

from __future__ import annotations

import subprocess
import sys

from facilitator.tui import wide_chars


def test_the_patch_matches_the_running_textual() -> None:
    """Fails when Textual drifts from the release the copied ``_render_chops`` came from:
    then compare upstream's new body (Textualize/textual#6357 may be fixed), update the
    copy and ``WRITTEN_FOR``, or drop the patch."""
    assert wide_chars.mismatch() is None
    assert wide_chars.install() is None
    assert wide_chars.installed()


def test_another_version_or_signature_keeps_it_off_and_says_why() -> None:
    assert wide_chars.mismatch(running="8.3.0") == (
        "Textual 8.3.0 is running; the wide-character patch was written for 8.2.8"
    )

    def _render_chops(self: object, crop: object, is_rendered_line: object, extra: int) -> None: ...

    reason = wide_chars.mismatch(target=_render_chops)
    assert reason is not None and "is not the signature the patch replaces" in reason
    assert "extra" in reason


def test_importing_the_app_does_not_patch_textual() -> None:
    """Only ``run_app`` installs it: importing the TUI (tests, tools) leaves Textual alone."""
    code = (
        "import facilitator.tui.app; from textual._compositor import Compositor;"
        "print(Compositor._render_chops.__module__)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "textual._compositor"
