"""Every command's output on one fixed home, compared byte for byte with golden files.

Why: the command line is a contract (design.md section 4) that scripts and other tools
read, and the code behind it is being rearranged (use cases, a store behind a
Protocol, generated ``to_json``). This test builds one home with the app's own
commands (meetings, quick-capture notes, a transcript, action edits; every date given
explicitly), runs each command in its human and ``--json`` forms, every export format
and the follow-up dry runs, and compares stdout, stderr and the exit code of each with
``tests/data/golden/STEP.txt``.

Only what legitimately varies between runs is normalised, each by an explicit rule in
``normalise``: the home's path, wall-clock timestamps, and the two ``doctor`` lines
that describe the machine (speech engine, microphone) and the mail server's answer.
Nothing else is loosened: a changed word, key, order or exit code fails.

To regenerate after an intended change (then read the diff of tests/data/golden/):

    FACILITATOR_GOLDEN=write .venv/bin/python -m pytest -q tests/test_golden.py
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import CLEARED_ENV, REPO

INPUTS = REPO / "tests" / "data" / "golden_home"
GOLDEN = REPO / "tests" / "data" / "golden"
TRANSCRIPTS = REPO / "tests" / "data" / "transcripts"
WRITE = os.environ.get("FACILITATOR_GOLDEN") == "write"

EN, ZH = "C.UTF-8", "zh_CN.UTF-8"
_TZ = "Asia/Shanghai"


@dataclass(frozen=True)
class Step:
    name: str
    args: tuple[str, ...]
    lang: str = EN


def _s(name: str, *args: str, lang: str = EN) -> Step:
    return Step(name, args, lang)


AS_OF = ("--as-of", "2025-03-12")

def _subcommands() -> list[str]:
    """Every command the parser has, so a new one gets its own golden ``--help``."""
    import argparse

    from facilitator.cli import build_parser

    found = [a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)]
    return list(found[0].choices)


SUBCOMMANDS = _subcommands()

STEPS: list[Step] = [
    _s("help", "--help"),
    _s("help-zh", "--help", lang=ZH),
    *[_s(f"help-{c}", c, "--help") for c in SUBCOMMANDS],
    _s("meetings-empty", "meetings"),
    _s("meetings-empty-json", "meetings", "--json"),
    _s("index-rebuild", "index", "--rebuild"),
    # the home: a Chinese meeting from notes and a transcript, an English one, a second meeting on the order
    _s("meet-new", "meet", "--new", "钢管生锈协调会", "--customer", "华东管业", "--order", "PO-7",
       "--date", "2025-03-03", "--deadline", "2025-03-31", "--no-tui"),
    _s("import-notes", "import", "{inputs}/rust-notes.md", "--meeting", "1", "--date", "2025-03-03"),
    _s("import-notes-again", "import", "{inputs}/rust-notes.md", "--meeting", "1"),
    _s("import-vtt-json", "import", "{transcripts}/zoom.vtt", "--meeting", "1", "--json"),
    _s("import-new-en", "import", "{inputs}/budget-notes.md", "--new", "Budget for video rooms",
       "--customer", "Acme", "--order", "PO-8", "--date", "2025-03-04"),
    _s("meet-second", "meet", "--new", "钢管生锈跟进会", "--customer", "华东管业", "--order", "PO-7",
       "--date", "2025-03-10", "--no-tui"),
    _s("import-srt", "import", "{transcripts}/captions.srt"),
    _s("import-srt-json", "import", "{transcripts}/captions.srt", "--json"),
    _s("import-md-zh", "import", "{transcripts}/notes.md", lang=ZH),
    _s("action-done", "action", "1", "--done"),
    _s("action-blocked", "action", "2", "--blocked", "等对比测试的设备到货"),
    _s("action-due", "action", "3", "--due", "2025-03-14", "--json"),
    _s("action-drop", "action", "7", "--drop", "customer already informed"),
    _s("action-reopen", "action", "7", "--reopen"),
    _s("action-show", "action", "2"),
    _s("action-show-json", "action", "2", "--json"),
    _s("action-show-zh", "action", "2", lang=ZH),
    # reading the home
    _s("meetings", "meetings"),
    _s("meetings-json", "meetings", "--json"),
    _s("meetings-zh", "meetings", lang=ZH),
    _s("no-command", ),
    _s("meet-existing", "meet", "1", "--no-tui"),
    _s("meet-existing-json", "meet", "1", "--no-tui", "--json"),
    _s("error-meet-json", "meet", "1", "--json"),
    _s("actions", "actions", *AS_OF),
    _s("actions-zh", "actions", *AS_OF, lang=ZH),
    _s("actions-json", "actions", *AS_OF, "--json"),
    _s("actions-open", "actions", *AS_OF, "--open"),
    _s("actions-overdue", "actions", *AS_OF, "--overdue"),
    _s("actions-owner", "actions", *AS_OF, "--owner", "吴工", "--format", "json"),
    _s("actions-order", "actions", *AS_OF, "--order", "PO-8"),
    _s("actions-csv", "actions", *AS_OF, "--format", "csv"),
    _s("actions-ics", "actions", *AS_OF, "--format", "ics"),
    _s("actions-ics-todo", "actions", *AS_OF, "--format", "ics", "--todo"),
    _s("delivery", "delivery", "PO-7", *AS_OF),
    _s("delivery-zh", "delivery", "PO-7", *AS_OF, lang=ZH),
    _s("delivery-json", "delivery", "PO-7", *AS_OF, "--json"),
    _s("draft", "draft", "1", "--offline", "--date", "2025-03-03"),
    _s("draft-json", "draft", "1", "--offline", "--date", "2025-03-03", "--json"),
    _s("draft-en-json", "draft", "2", "--json"),
    _s("draft-from", "draft", "--from", "{inputs}/rust-notes.md", "--date", "2025-03-03"),
    _s("draft-from-json", "draft", "--from", "{inputs}/rust-notes.md", "--date", "2025-03-03", "--json"),
    _s("export-md", "export", "1", "--format", "md"),
    _s("export-json", "export", "1", "--format", "json"),
    _s("export-csv", "export", "1", "--format", "csv"),
    _s("export-ics", "export", "1", "--format", "ics"),
    _s("export-txt", "export", "1", "--format", "txt"),
    _s("export-md-en", "export", "2", "--format", "md"),
    _s("export-out", "export", "2", "--format", "json", "--out", "{home}/exports/2.json"),
    _s("export-out-again", "export", "2", "--format", "json", "--out", "{home}/exports/2.json"),
    _s("export-card", "export", "1", "--format", "card"),
    _s("search", "search", "钢管 生锈 清洗", "-k", "3"),
    _s("search-zh", "search", "钢管 生锈 清洗", "-k", "3", lang=ZH),
    _s("search-json", "search", "supplier will not take a small order", "-k", "3", "--json"),
    _s("search-filter-json", "search", "预算", "--department", "财务部", "-k", "2", "--json"),
    _s("search-batch", "search", "--batch", "{inputs}/queries.txt", "-k", "2", "--json"),
    _s("search-meeting", "search", "--meeting", "1", "-k", "3"),
    _s("search-meeting-json", "search", "--meeting", "1", "--stage", "solution", "-k", "3", "--json"),
    _s("search-meeting-zh", "search", "--meeting", "2", "--stage", "obstacle", "-k", "2", lang=ZH),
    _s("coach", "coach", "1"),
    _s("coach-en", "coach", "2"),
    _s("coach-json", "coach", "1", "--stage", "solution", "--json"),
    _s("coach-obstacle-json", "coach", "2", "--stage", "obstacle", "--json"),
    _s("coach-zh", "coach", "2", "--stage", "solution", lang=ZH),
    _s("followup", "followup", "1", *AS_OF),
    _s("followup-owner", "followup", "--order", "PO-7", "--owner", "吴工", *AS_OF),
    _s("followup-dry-run", "followup", "1", "--dry-run", *AS_OF),
    _s("followup-order-dry-run", "followup", "--order", "PO-8", "--dry-run", *AS_OF),
    _s("followup-out", "followup", "1", "--out", "{home}/followups", *AS_OF),
    _s("followup-json", "followup", "1", *AS_OF, "--json"),
    _s("followup-dry-run-json", "followup", "1", "--dry-run", *AS_OF, "--json"),
    _s("followup-out-json", "followup", "--order", "PO-8", "--out", "{home}/followups-8", *AS_OF, "--json"),
    _s("remind", "remind", *AS_OF),
    _s("remind-within", "remind", *AS_OF, "--within", "7", "--dry-run"),
    _s("remind-json", "remind", *AS_OF, "--json"),
    _s("escalate", "escalate", "2", "--dry-run", *AS_OF),
    _s("escalate-json", "escalate", "2", *AS_OF, "--json"),
    _s("index", "index"),
    _s("index-json", "index", "--json"),
    _s("doctor", "doctor"),
    _s("doctor-json", "doctor", "--json"),
    _s("doctor-zh", "doctor", lang=ZH),
    # one line and exit 2 for bad input
    _s("error-meeting", "meet", "42", "--no-tui"),
    _s("error-date", "actions", "--as-of", "someday"),
    _s("error-search", "search"),
    _s("error-draft-llm", "draft", "1", "--llm"),
    _s("error-action", "action", "99", "--done", lang=ZH),
    _s("error-export", "export", "1", "--format", "pdf"),
]


def _env(lang: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in CLEARED_ENV and not k.startswith("LC_")}
    env.update(PYTHONIOENCODING="utf-8", LANG=lang, COLUMNS="100", TZ=_TZ)
    return env


STAMP = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?(?=\D|$)")
ICS_STAMP = re.compile(r"^(DTSTAMP|CREATED|LAST-MODIFIED):\d{8}T\d{6}Z?$", re.M)
UNREACHABLE = re.compile(r"\((NOT REACHABLE|无法连通)[:：] [^)）]*[)）]")
MACHINE_LINES = re.compile(r"^(ok |!! |BAD)  (speech|microphone|语音转写|麦克风) .*$", re.M)
MACHINE_JSON = re.compile(r'\{"name": "(speech|microphone)", [^{}]*\}')


def normalise(text: str, home: Path, days: set[str]) -> str:
    """Replace what differs between two runs on the same code, and only that. ``days`` are
    the dates the run spanned: every date the home holds is in 2025, so a date of the run
    is a wall-clock one (an action's history, ``delivery``, an escalation's story); the
    fixed example in the date-error message is kept."""
    text = text.replace(str(home), "<HOME>")
    text = ICS_STAMP.sub(lambda m: f"{m.group(1)}:<STAMP>", text)
    text = STAMP.sub("<TIME>", text)  # wall-clock stamps: created_at, history, send log
    for day in days:
        text = re.sub(re.escape(day) + r"(?!, 12-05, 12月5日)", "<TODAY>", text)
    text = UNREACHABLE.sub("(NOT REACHABLE: <why>)", text)  # the mail server's answer
    text = MACHINE_JSON.sub(lambda m: f'{{"name": "{m.group(1)}", <this machine>}}', text)
    return MACHINE_LINES.sub(lambda m: f"{m.group(1)}  {m.group(2)} <this machine>", text)


def _render(step: Step, proc: subprocess.CompletedProcess[str], home: Path, days: set[str]) -> str:
    shown = " ".join(step.args).format(inputs="<INPUTS>", transcripts="<TRANSCRIPTS>", home="<HOME>")
    lang = "" if step.lang == EN else f"LANG={step.lang} "
    return (f"$ {lang}facilitator --home <HOME> {shown}\nexit {proc.returncode}\n"
            f"--- stdout\n{normalise(proc.stdout, home, days)}--- stderr\n{normalise(proc.stderr, home, days)}")


def _today() -> str:
    """Today where the commands run (``TZ`` is set for them), as their stamps read it."""
    return datetime.now(ZoneInfo(_TZ)).date().isoformat()


def _file(step: Step) -> Path:
    """One file per step, named by the step (the order is ``STEPS``'), so adding a step
    shows in a review as one new file."""
    return GOLDEN / f"{step.name}.txt"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    home = tmp_path_factory.mktemp("golden") / "home"
    home.mkdir()
    shutil.copy(INPUTS / "config.toml", home / "config.toml")
    started = _today()
    runs: list[tuple[Step, subprocess.CompletedProcess[str]]] = []
    for step in STEPS:
        args = [a.format(inputs=INPUTS, transcripts=TRANSCRIPTS, home=home) for a in step.args]
        proc = subprocess.run([sys.executable, "-m", "facilitator", "--home", str(home), *args],
                              capture_output=True, text=True, encoding="utf-8", env=_env(step.lang),
                              cwd=REPO, stdin=subprocess.DEVNULL, timeout=300)
        runs.append((step, proc))
    days = {started, _today()}
    yield {step.name: _render(step, proc, home, days) for step, proc in runs}


def test_step_names_are_unique() -> None:
    assert len({s.name for s in STEPS}) == len(STEPS)


@pytest.mark.parametrize("index", range(len(STEPS)), ids=[s.name for s in STEPS])
def test_command_output_is_unchanged(outputs: dict[str, str], index: int) -> None:
    step = STEPS[index]
    path = _file(step)
    got = outputs[step.name]
    if WRITE:
        GOLDEN.mkdir(parents=True, exist_ok=True)
        path.write_text(got, encoding="utf-8")
    assert path.exists(), f"{path.name} missing: FACILITATOR_GOLDEN=write writes it (then read the diff)"
    assert got == path.read_text(encoding="utf-8")


def test_no_stale_golden_files() -> None:
    wanted = {_file(s).name for s in STEPS}
    if WRITE:
        for path in GOLDEN.glob("*.txt"):
            if path.name not in wanted:
                path.unlink()
    assert sorted(p.name for p in GOLDEN.glob("*.txt")) == sorted(wanted)
