"""Builds the installation's ready index of the bundled corpus (see ``template.py``).

Run by ``make`` right after installing, and by ``make vectors``; a failure (a read-only
environment, say) only means that each new home builds its own index, as before.

    python -m facilitator.library.template_build [--dest DIR]
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from facilitator.library.lock import LOCK
from facilitator.library.template import STAMP, default_dir, stamp_for


def build(dest: Path | None = None) -> tuple[Path, int]:
    """Build the template of the bundled corpus at ``dest`` (atomically); returns (dest, chunks)."""
    from facilitator.config import Settings
    from facilitator.library.cards import case_chunks, load_cards
    from facilitator.library.index import CaseIndex
    from facilitator.locations import corpus_dir, index_dir

    dest = dest or default_dir()
    dest.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=dest.parent, prefix=".corpus-index-") as tmp:
        home = Path(tmp) / "home"
        index = CaseIndex(home, Settings(), template=None)  # from the cards, never from an older template
        report = index.update([], builtin=True)
        if report.errors:
            raise SystemExit("\n".join(report.errors))
        index.close()
        cards, _ = load_cards([corpus_dir()])
        shas = [c.sha256 for case in cards for c in case_chunks(case)]
        folder = index_dir(home)
        (folder / LOCK).unlink(missing_ok=True)
        (folder / "manifest.json").unlink(missing_ok=True)
        leftovers = [p.name for p in folder.iterdir() if p.name.endswith(("-wal", "-shm", "-journal"))]
        if leftovers:
            raise SystemExit(f"chromadb left {', '.join(leftovers)} open; not a clean template")
        (folder / STAMP).write_text(json.dumps(stamp_for(index.expected_meta(), shas)), encoding="utf-8")
        old = dest.with_name(f".{dest.name}.{os.getpid()}.old")
        with contextlib.suppress(FileNotFoundError):
            os.replace(dest, old)
        os.replace(folder, dest)
        shutil.rmtree(old, ignore_errors=True)
    return dest, len(shas)


def main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(description="build the installation's ready index of the built-in cards")
    ap.add_argument("--dest", type=Path, default=None, help="where to write it (default: this environment's)")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    try:
        dest, n = build(args.dest)
    except OSError as exc:  # e.g. a read-only environment: new homes then build their own index
        print(f"no ready index of the built-in cards ({exc}); each new home will build its own", file=sys.stderr)
        return 0
    print(f"ready index of the built-in cards: {n} chunks in {dest} ({time.perf_counter() - t0:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
