"""A ready-made index of the bundled corpus, built once per installation and copied into new homes.

The shipped vectors (``shipped.py``) spare a new home the embedding of the 50 built-in
cards, but its first ``facilitator index`` still had to import chromadb, create a
collection and write 300 vectors into it: seconds, most of them chromadb's import,
before ``make run`` could open the first screen. None of that depends on the home. So
the installation step (``make``, after ``pip install``) builds the embedded index of the
built-in cards once, into the environment's ``share/facilitator/corpus-index``, and a
new home starts by copying those files: no chromadb import, no model run beyond the
shipped vectors' spot check.

The copy is the same files chromadb would have written, so from then on the home's
index is an ordinary one. A template is used only when everything it was made from
still holds: the chromadb version, the embedding model, both index formats and the
exact chunk hashes of the corpus as it is now (``stamp.json``). Anything else, or a
template that is missing or damaged, and the home's index is built the ordinary way;
after copying, the writer's own checks (the sqlite file's integrity and count) run
as for any index.

    python -m facilitator.library.template_build   # (re)build it; `make` does this after installing

This module is the reading side (the index writer imports it); the builder, which
drives the index writer itself, is ``template_build.py``.
"""

from __future__ import annotations

import contextlib
import json
import shutil
from pathlib import Path
from typing import Any

STAMP = "stamp.json"


def default_dir() -> Path:
    """Where the installation keeps its template (beside the packages of this environment)."""
    from facilitator.locations import corpus_index_template

    return corpus_index_template()


def stamp_for(expected_meta: dict[str, Any], chunk_shas: list[str]) -> dict[str, Any]:
    """What a template must have been made from to be used now (chunks in any order: the
    cards of a home's own folders may sort between the built-in ones)."""
    from facilitator.library.tables import FORMAT as TABLES_FORMAT

    return {**expected_meta, "tables_format": TABLES_FORMAT, "chunks": sorted(chunk_shas)}


def read_stamp(folder: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((folder / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def install(template: Path, index_dir: Path, stamp: dict[str, Any], manifest: dict[str, Any]) -> bool:
    """Copy the template's files into an empty ``index_dir`` if its stamp equals ``stamp``.

    ``manifest`` replaces the template's own (it names this home's folders and place).
    Returns False, leaving ``index_dir`` as it was, when the template does not fit; a copy
    that fails half-way is removed again.
    """
    if read_stamp(template) != stamp or not (template / "chroma.sqlite3").is_file():
        return False
    index_dir.mkdir(parents=True, exist_ok=True)
    copied: list[Path] = []
    try:
        for entry in template.iterdir():
            if entry.name == STAMP:
                continue
            target = index_dir / entry.name
            if target.exists():
                raise FileExistsError(target)
            if entry.is_dir():
                shutil.copytree(entry, target)
            else:
                shutil.copy2(entry, target)
            copied.append(target)
        from facilitator.files import write_atomic

        write_atomic(index_dir / "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True))
    except OSError:
        for target in copied:
            if target.is_dir():
                shutil.rmtree(target, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):
                    target.unlink()
        return False
    return True
