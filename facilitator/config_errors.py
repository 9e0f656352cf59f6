"""How a refused setting is told to the user: one line (``UserError``, exit 2) naming
where the value was written (the file's table, or the variable that set it) and the key
as written, never a secret's value. Loaded only when a setting is refused."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from facilitator.config_sources import TABLES, HomeFile
from facilitator.model import UserError

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

CHOICES = {
    "embeddings": "embeddings must be 'e5' or 'openai', not {value!r}",
    "language": "language must be 'zh' or 'en', not {value!r}",
    "engine": "[speech] engine must be 'whisper-base', 'folder' or 'endpoint', not {value!r}",
}
"""The line for a value outside a field's few choices, by field name."""


def explain(error: ErrorDetails, path: Path, env: Mapping[str, str], variables: dict[str, tuple[tuple[str, ...], bool]]) -> UserError:
    """The user's line for pydantic's complaint about one value: where it was written
    (the file's table, or the variable that set it), the key as written, the value
    (a secret's never shown)."""
    loc = tuple(str(part) for part in error["loc"])
    value = error.get("input")
    if error["type"] == "literal_error" and isinstance(value, str) and loc[-1] in CHOICES:
        return UserError(CHOICES[loc[-1]], value=value)
    by = next((name for name, (field, _) in variables.items() if field == loc and (env.get(name) or "").strip()), None)
    values: dict[str, object] = {"where": by or path}
    where = "{where}"
    if by is None and loc[0] in TABLES and len(loc) > 1:
        where = '{path}: [people."{name}"]' if loc[0] == "people" else "{path}: [{table}]"
        values = {"path": path, "name": loc[1], "table": loc[0]}
    key = loc[-1] if loc[0] in TABLES else loc[0]
    if len(loc) == 2:
        key = next((written for written, name in HomeFile.ALIASES.get(loc[0], {}).items() if name == key), key)
    if error["type"] in ("extra_forbidden", "unexpected_keyword_argument"):
        return UserError(where + ": unknown setting {key!r}", key=key, **values)
    if _secret(loc):
        return UserError(where + ": setting {key!r} has an invalid value (not shown: it is a secret)", key=key, **values)
    return UserError(where + ": setting {key!r} has an invalid value {value!r}", key=key, value=value, **values)


def _secret(loc: tuple[str, ...]) -> bool:
    return loc[:2] == ("webhooks", "secrets") or loc[-1] in ("api_key", "llm_api_key", "smtp_password", "password")
