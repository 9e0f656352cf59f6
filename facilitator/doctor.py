"""`facilitator doctor`: what works on this machine and what to fix, line by line.

Kept apart from the service because it touches every part (home, database, config,
LLM endpoint, embeddings) without being part of any use case.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from facilitator import locations

if TYPE_CHECKING:
    from facilitator.service import Service


@dataclass
class Check:
    name: str
    ok: bool
    detail: str
    warning: bool = False
    """Worth a look but not broken (an optional LLM endpoint unreachable): exit code stays 0."""



def _writable(path: Path) -> str | None:
    """Why ``path`` (a folder, or a file in one) cannot be written; None when it can."""
    from facilitator.dbfile import probe_write
    from facilitator.files import os_problem

    folder = path if path.is_dir() else path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent  # not created yet: whoever creates it writes here
    exc = probe_write(folder, path if path.is_file() else None)
    if exc is None:
        return None
    problem = os_problem(exc, path)
    return problem[1] if problem else f"{path}: cannot write ({exc.strerror or exc})"


def run_checks(service: Service) -> list[Check]:
    """Each check is one line of `facilitator doctor`; failures say what to do."""
    from facilitator.store import StoreError, check_file

    checks: list[Check] = []
    home = service.home
    if home.exists() and not home.is_dir():
        checks.append(Check("home", False, f"{home}: is a file, not a directory; choose another home with --home"))
    else:
        unwritable = _writable(home)
        checks.append(Check("home", unwritable is None, unwritable or (
            str(home) + ("" if home.exists() else " (not created yet)") + ", writable")))
    db = locations.database_path(home)
    if not db.exists():
        checks.append(Check("database", True, f"{db} (created on first meeting)"))
    else:
        try:
            check_file(db)
            store = service.store
            count = len(store.list_meetings())
            state = f"{db}: schema {store.schema_version()}, {count} meetings, quick_check ok"
            unwritable = str(store.read_only) if store.read_only else _writable(db)
            checks.append(Check("database", unwritable is None,
                                f"{state}; readable, not writable: {unwritable}" if unwritable
                                else state + ", writable"))
        except StoreError as exc:
            checks.append(Check("database", False, str(exc)))
    index = locations.index_dir(home)
    unwritable = None if service.settings.chroma_url else _writable(index)
    checks.append(Check("index", unwritable is None, unwritable or (
        f"{index}" + ("" if index.exists() else " (built on first search)") + ", writable")))
    cfg = locations.config_path(service.home)
    checks.append(Check("config", True, f"{cfg}" + ("" if cfg.exists() else " (absent; defaults in use)")))
    s = service.settings
    if s.llm_configured:
        from facilitator.drafting.providers import resolve_endpoint
        from facilitator.drafting.session import check_endpoint

        ep = resolve_endpoint(s)
        key = {"environment": "set", "placeholder": "not set (placeholder sent)"}.get(ep.key_source, "MISSING")
        checks.append(Check("llm", True, f"{ep.base_url}, model {s.llm_model}, provider "
                            f"{ep.provider.name}, context {s.llm_context}, API key {key}"))
        checks += [Check(n, ok, d, warning=w) for n, ok, w, d in check_endpoint(s)]
    else:
        checks.append(Check("llm", True, "no endpoint configured; offline drafter in use"))
    checks.append(Check("embeddings", True, s.embeddings + (f" via {s.chroma_url}" if s.chroma_url else "")))
    return checks

