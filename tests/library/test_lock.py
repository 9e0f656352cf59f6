"""One writer at a time: a second process trying to update gets IndexBusy, not a corrupt index."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from facilitator.config import Settings
from facilitator.library.index import CaseIndex, IndexBusy
from facilitator.library.search import CaseSearcher
from facilitator.model import UserError

from .helpers import CountingEmbedder

REPO = Path(__file__).resolve().parents[2]

# A real writer in another process: it stops inside update() (in the progress callback,
# with the lock held) until we close its stdin.
WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from facilitator.config import Settings
    from facilitator.library.index import CaseIndex

    def progress(done, total):
        if done == 0:
            print("holding", flush=True)
            sys.stdin.read()

    report = CaseIndex(Path(sys.argv[1]), Settings()).update([Path(sys.argv[2])], builtin=False, progress=progress)
    print("done", report.added, flush=True)
    """
)


@pytest.fixture
def writer(home: Path, cards_dir: Path):  # type: ignore[no-untyped-def]
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(home), str(cards_dir)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=REPO,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    assert line.strip() == "holding", line
    yield proc
    if proc.poll() is None:
        proc.kill()
        proc.wait()


def test_second_writer_gets_index_busy(home: Path, cards_dir: Path, writer: subprocess.Popen[str], e5) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(IndexBusy) as err:
        CaseIndex(home, Settings(), embedder=e5).update([cards_dir], builtin=False)
    assert str(err.value) == "index busy: another facilitator process is updating it"
    assert isinstance(err.value, UserError)

    out, _ = writer.communicate("", timeout=120)  # let the first writer finish
    assert writer.returncode == 0 and out.strip() == "done 26"
    counting = CountingEmbedder(e5)
    report = CaseIndex(home, Settings(), embedder=counting).update([cards_dir], builtin=False)
    assert report.unchanged == 26 and counting.passages == 0


def test_searcher_falls_back_to_keywords_while_index_is_busy(home: Path, cards_dir: Path,
                                                              writer: subprocess.Popen[str], e5) -> None:  # type: ignore[no-untyped-def]
    searcher = CaseSearcher(home, Settings(), libraries=[cards_dir], builtin=False, embedder=e5)
    hits = searcher.search("钢管 生锈 软水", k=2)
    assert hits[0].case_id == "pipe-rust"
    assert any("index busy" in n for n in searcher.notices)
    assert any("keywords only" in n for n in searcher.notices)
    assert searcher.degraded is not None and searcher.degraded.reason == "no-index"
