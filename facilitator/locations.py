"""Every path the app touches, in one place, so tests can point the whole app elsewhere.

The data home is chosen as: an explicit ``--home`` > ``FACILITATOR_HOME`` > the
platform's user data directory. Bundled data (prompts, corpus) is found inside the
installed package, or in the source checkout when running from one.
"""

from __future__ import annotations

import os
from pathlib import Path

HOME_ENV = "FACILITATOR_HOME"


def data_home(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The data home directory (not created here)."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(HOME_ENV, "").strip()
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("facilitator", appauthor=False))


def database_path(home: Path) -> Path:
    return home / "meetings.db"


def index_dir(home: Path) -> Path:
    return home / "index"


def cases_dir(home: Path) -> Path:
    return home / "cases"


def config_path(home: Path) -> Path:
    return home / "config.toml"


def drafts_dir(home: Path) -> Path:
    """Raw LLM responses are kept here so a failed parse never loses the model's text."""
    return home / "drafts"


def presence_dir(home: Path) -> Path:
    """One lock file per open meeting screen, so a second screen on a meeting can tell."""
    return home / "run"


def exports_dir(home: Path) -> Path:
    """Files the TUI writes for people outside the app (records, summaries)."""
    return home / "exports"


def followups_dir(home: Path) -> Path:
    """One follow-up message per owner, written from the TUI, ready to send."""
    return exports_dir(home) / "followup"


def recordings_dir(home: Path, meeting_id: int) -> Path:
    """The sound a meeting screen recorded while listening, one WAV per listening spell,
    kept with the meeting so it can be transcribed again with a better engine."""
    return home / "recordings" / f"meeting-{meeting_id}"


def logs_dir(home: Path) -> Path:
    return home / "logs"


def log_path(home: Path, name: str) -> Path:
    """``logs/NAME.log``: ``tui`` for errors shown in the TUI, ``crash`` for the CLI's last resort."""
    return logs_dir(home) / f"{name}.log"


def _bundled(name: str) -> Path:
    """A bundled data folder: the installed data package, else the source checkout's folder."""
    package = Path(__file__).resolve().parent
    installed = package / name  # a wheel install puts the data inside the package
    if installed.is_dir():
        return installed
    return package.parent / name  # a source checkout (editable install)


def prompts_dir() -> Path:
    return _bundled("prompts")


def corpus_dir() -> Path:
    return _bundled("corpus")


def corpus_index_template() -> Path:
    """The installation's ready index of the bundled corpus, copied into each new home
    (``library/template.py``); it lives with this Python environment, not with a home."""
    import sys

    return Path(sys.prefix) / "share" / "facilitator" / "corpus-index"
