"""Where the settings' values come from, as pydantic-settings sources, and how a value
they refuse is told to the user.

Two sources feed ``config.Settings`` (environment first, then the file):
``HomeFile`` reads the home's ``config.toml`` into the fields' shape (``[llm] model``
becomes ``llm_model``, ``[webhooks]`` keys go to the channel that declares them) and
refuses what is wrong in its structure; ``Environment`` reads the fixed variable names
each field declares with ``Env``. Types are pydantic's job; ``explain`` turns its first
complaint into the one line the user reads (``UserError``, exit 2), never showing a
secret. Kept apart from the typed object so ``config`` stays the list of settings.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import SecretStr
from pydantic_settings import PydanticBaseSettingsSource

from facilitator.language import locale_language
from facilitator.model import UserError

if TYPE_CHECKING:
    from pydantic.fields import FieldInfo
    from pydantic_core import ErrorDetails
    from pydantic_settings import BaseSettings

TABLES = ("people", "smtp", "webhooks", "speech", "me")
"""The ``config.toml`` tables that are typed settings of their own (not ``[llm] model``)."""

REFUSED = {"smtp": ("password", "FACILITATOR_SMTP_PASSWORD"), "speech": ("api_key", "FACILITATOR_SPEECH_API_KEY")}
"""Secrets that must not sit in the file: the table, its key, the variable to use instead."""

CHOICES = {
    "embeddings": "embeddings must be 'e5' or 'openai', not {value!r}",
    "language": "language must be 'zh' or 'en', not {value!r}",
    "engine": "[speech] engine must be 'whisper-base', 'folder' or 'endpoint', not {value!r}",
}
"""The line for a value outside a field's few choices, by field name."""


@dataclass(frozen=True)
class Env:
    """``Annotated[str, Env("FACILITATOR_LLM_MODEL")]``: the environment variable that sets
    a field (and wins over the file). ``strip``: surrounding spaces dropped (not for a
    password, whose spaces may be part of it)."""

    name: str
    strip: bool = True


Table = dict[str, object]


def env_fields(model: type[BaseSettings]) -> dict[str, tuple[tuple[str, ...], bool]]:
    """Variable name -> the path of the field it sets (``("speech", "api_key")``) and
    whether its value is stripped, from the ``Env`` marks on the fields."""
    from pydantic import BaseModel

    found: dict[str, tuple[tuple[str, ...], bool]] = {}

    def walk(cls: type[BaseModel], where: tuple[str, ...]) -> None:
        for name, field in cls.model_fields.items():
            for mark in field.metadata:
                if isinstance(mark, Env):
                    found[mark.name] = ((*where, name), mark.strip)
            kind = field.annotation
            if isinstance(kind, type) and issubclass(kind, BaseModel):
                walk(kind, (*where, name))

    walk(model, ())
    return found


class _Source(PydanticBaseSettingsSource):
    """A source that hands over its whole mapping at once (``__call__``)."""

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[object, str, bool]:
        return None, field_name, False  # unused: __call__ gives every value


class Environment(_Source):
    """The fixed variable names (``OPENAI_API_KEY``, ``FACILITATOR_*``) from ``env``; a
    variable set to nothing but spaces counts as unset."""

    def __init__(self, settings_cls: type[BaseSettings], env: Mapping[str, str]) -> None:
        super().__init__(settings_cls)
        self.env = env

    def __call__(self) -> dict[str, object]:
        out: dict[str, object] = {}
        for name, (path, strip) in env_fields(self.settings_cls).items():
            raw = self.env.get(name)
            if raw is None or not raw.strip():
                continue
            value = raw.strip() if strip else raw
            if len(path) == 1:
                out[path[0]] = value
            else:  # a table's field: [speech] api_key, [me] name
                table = out.setdefault(path[0], {})
                if isinstance(table, dict):
                    table[path[1]] = value
        return out


class Locale(_Source):
    """The language from ``LC_ALL`` / ``LC_MESSAGES`` / ``LANG`` when the file names none."""

    def __init__(self, settings_cls: type[BaseSettings], env: Mapping[str, str]) -> None:
        super().__init__(settings_cls)
        self.env = env

    def __call__(self) -> dict[str, object]:
        found = locale_language(self.env)
        return {} if found is None else {"language": found, "language_chosen": True}


class HomeFile(_Source):
    """The home's ``config.toml`` in the fields' shape; absent, it gives nothing."""

    def __init__(self, settings_cls: type[BaseSettings], path: Path) -> None:
        super().__init__(settings_cls)
        self.path = path

    def __call__(self) -> dict[str, object]:
        if not self.path.exists():
            return {}
        data = read_toml(self.path)
        out: dict[str, object] = {"keymap": self._keymap(data.pop("keymap", {}))}
        tables = {name: self._table(data, name) for name in TABLES}
        for table, (key, variable) in REFUSED.items():
            if key in tables[table]:
                raise UserError("{path}: remove {key} from [{table}]; set {variable} instead",
                                path=self.path, key=key, table=table, variable=variable)
        out["people"] = self._people(tables.pop("people"))
        out["webhooks"] = self._webhooks(tables.pop("webhooks"))
        out.update(tables)
        out.update(self._flat(data))
        if isinstance(database := out.get("database"), str) and url_has_password(database):
            raise UserError("{path}: remove the password from database; set PGPASSWORD or use ~/.pgpass", path=self.path)
        if "language" in out:
            out["language_chosen"] = True
        return out

    def _keymap(self, keymap: object) -> dict[str, str]:
        if not isinstance(keymap, dict) or not all(isinstance(v, str) for v in keymap.values()):
            raise UserError("{path}: [keymap] must map binding ids to key strings", path=self.path)
        return {str(k): v for k, v in keymap.items()}

    def _table(self, data: Table, name: str) -> Table:
        value = data.pop(name, {})
        if not isinstance(value, dict):
            raise UserError("{path}: [{name}] must be a table", path=self.path, name=name)
        return value

    def _people(self, people: Table) -> dict[str, Table]:
        out: dict[str, Table] = {}
        for name, entry in people.items():
            if not isinstance(entry, dict):
                raise UserError('{path}: [people."{name}"] must be a table (email, mobile, manager)',
                                path=self.path, name=name)
            if "name" in entry:
                raise UserError('{path}: [people."{name}"]: unknown setting {key!r}', path=self.path, name=name, key="name")
            out[name.strip()] = {**entry, "name": name.strip()}
        return out

    def _webhooks(self, hooks: Table) -> Table:
        """``[webhooks]`` keys to the channel that declares them (its URL or its secret)."""
        from facilitator import channels

        urls = {c.url_setting for c in channels.all_channels() if c.url_setting}
        secrets = {c.secret_setting for c in channels.all_channels() if c.secret_setting}
        out: dict[str, Table] = {"urls": {}, "secrets": {}}
        rest: Table = {}
        for key, value in hooks.items():
            if key in urls:
                out["urls"][key] = value
            elif key in secrets:
                out["secrets"][key] = value
            else:
                rest[key] = value  # timeout, else an unknown setting pydantic names
        return {**rest, **out}

    def _flat(self, data: Table) -> Table:
        """Top-level keys and the other tables flattened (``[llm] model`` -> ``llm_model``);
        names that are no setting are passed over, secrets never taken from the file."""
        fields = self.settings_cls.model_fields
        known = {name for name, f in fields.items() if f.annotation is not SecretStr} - {"language_chosen"}
        known.add("user")  # the older spelling of [me] name
        flat: Table = {}
        for key, value in data.items():
            if isinstance(value, dict):
                flat.update({f"{key}_{sub}": subval for sub, subval in value.items()})
            else:
                flat[key] = value
        return {key: value for key, value in flat.items() if key in known}


def url_has_password(url: str) -> bool:
    """Whether a database URL carries a password (it must come from the environment or ~/.pgpass)."""
    from urllib.parse import parse_qs, urlsplit

    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return bool(parts.password) or "password" in parse_qs(parts.query)


def read_toml(path: Path) -> Table:
    raw = path.read_bytes()
    try:
        return tomllib.loads(raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n"))  # as read_text
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        line, column = _position(raw, exc)
        raise UserError("{path}: not valid TOML ({why}); fix or remove the file", path=path, why=exc,
                        line=line, column=column) from None


def _position(raw: bytes, exc: ValueError) -> tuple[int, int]:
    """Line and column (from 1) of a TOML or UTF-8 error, for a message without English."""
    import re

    if isinstance(exc, UnicodeDecodeError):
        before = raw[: exc.start]
        return before.count(b"\n") + 1, len(before) - (before.rfind(b"\n") + 1) + 1
    found = re.search(r"at line (\d+), column (\d+)", str(exc))
    if found:
        return int(found[1]), int(found[2])
    lines = raw.decode("utf-8", errors="replace").split("\n")
    return len(lines), len(lines[-1]) + 1  # "at end of document"


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
    if error["type"] == "extra_forbidden":
        return UserError(where + ": unknown setting {key!r}", key=key, **values)
    if _secret(loc):
        return UserError(where + ": setting {key!r} has an invalid value (not shown: it is a secret)", key=key, **values)
    return UserError(where + ": setting {key!r} has an invalid value {value!r}", key=key, value=value, **values)


def _secret(loc: tuple[str, ...]) -> bool:
    return loc[:2] == ("webhooks", "secrets") or loc[-1] in ("api_key", "llm_api_key", "smtp_password", "password")
