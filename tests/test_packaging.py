"""A non-editable install ships prompts/ and corpus/ inside the wheel and finds them there."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_wheel_carries_bundled_data_and_uses_it(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "-w", str(tmp_path / "dist"), str(REPO)],
        check=True, capture_output=True,
    )
    (wheel,) = (tmp_path / "dist").glob("facilitator-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "facilitator/prompts/playbook.toml" in names
    cards = sorted(p.name for p in (REPO / "corpus").glob("*.md"))
    assert sorted(n.split("/")[-1] for n in names if n.startswith("facilitator/corpus/") and n.endswith(".md")) == cards
    assert "facilitator/library/data/corpus-vectors.npz" in names  # a new home need not embed the corpus
    for prompt in (REPO / "prompts").iterdir():
        if prompt.is_file():
            assert f"facilitator/prompts/{prompt.name}" in names

    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site), str(wheel)],
        check=True, capture_output=True,
    )
    code = (
        "from facilitator import locations; from facilitator.playbook import default_playbook;"
        "print(locations.prompts_dir()); print(locations.corpus_dir()); print(len(default_playbook()));"
        "from facilitator.library import shipped; print(shipped.PATH); print(len(shipped.missing()))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=tmp_path, env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"})
    prompts, corpus, stages, vectors, missing = out.stdout.split()
    assert prompts.startswith(str(site)) and corpus.startswith(str(site))
    assert stages == "6"
    assert vectors.startswith(str(site)) and missing == "0"  # every corpus chunk has its shipped vector
