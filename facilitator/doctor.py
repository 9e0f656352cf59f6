"""`facilitator doctor`: what works on this machine and what to fix, line by line.

Kept apart from the service because it touches every part (home, database, config,
LLM endpoint, embeddings) without being part of any use case.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from facilitator import locations

if TYPE_CHECKING:
    from facilitator.config import Settings
    from facilitator.store import Store


@dataclass
class Check:
    name: str
    ok: bool
    detail: str
    warning: bool = False
    """Worth a look but not broken (an optional LLM endpoint unreachable): exit code stays 0."""



def run_checks(home: Path, settings: Settings, store: Callable[[], Store]) -> list[Check]:
    """Each check is one line of `facilitator doctor`; failures say what to do.

    ``store`` opens the meeting store; it is called only once the database file has
    passed its own check, so a damaged file is reported rather than opened.
    """
    from facilitator.store import StoreError, check_file

    checks: list[Check] = []
    home_ok = not home.exists() or home.is_dir()
    checks.append(Check("home", home_ok, str(home) + ("" if home.exists() else " (not created yet)")))
    db = locations.database_path(home)
    if not db.exists():
        checks.append(Check("database", True, f"{db} (created on first meeting)"))
    else:
        try:
            check_file(db)
            opened = store()
            count = len(opened.list_meetings())
            checks.append(Check("database", True, f"{db}: schema {opened.schema_version()}, {count} meetings, quick_check ok"))
        except StoreError as exc:
            checks.append(Check("database", False, str(exc)))
    cfg = locations.config_path(home)
    checks.append(Check("config", True, f"{cfg}" + ("" if cfg.exists() else " (absent; defaults in use)")))
    s = settings
    if s.llm_configured:
        from facilitator.drafting.probe import check_endpoint
        from facilitator.drafting.providers import resolve_endpoint

        ep = resolve_endpoint(s)
        key = {"environment": "set", "placeholder": "not set (placeholder sent)"}.get(ep.key_source, "MISSING")
        checks.append(Check("llm", True, f"{ep.base_url}, model {s.llm_model}, provider "
                            f"{ep.provider.name}, context {s.llm_context}, API key {key}"))
        checks += [Check(n, ok, d, warning=w) for n, ok, w, d in check_endpoint(s)]
    else:
        checks.append(Check("llm", True, "no endpoint configured; offline drafter in use"))
    checks.append(Check("embeddings", True, s.embeddings + (f" via {s.chroma_url}" if s.chroma_url else "")))
    if s.chroma_url:
        checks.append(_server_check(home, s))
    return checks


def _server_check(home: Path, settings: Settings) -> Check:
    """What the shared Chroma server holds, by source (this home, teammates, the bundled corpus)."""
    from facilitator.library.index import CaseIndex
    from facilitator.model import UserError

    index = CaseIndex(home, settings)
    try:
        sources = index.server_sources()
    except UserError as exc:
        return Check("chroma server", False, str(exc))
    if not sources:
        return Check("chroma server", True, f"{settings.chroma_url}: no cases stored yet")
    parts = []
    for src in sources:
        who = "bundled corpus" if src["source"] == "builtin" else (src["label"] or src["source"])
        mine = " (this home)" if src["source"] == index.source else ""
        parts.append(f"{who}{mine}: {src['cases']} cases, {src['chunks']} chunks")
    return Check("chroma server", True, f"{settings.chroma_url}: " + "; ".join(parts))

