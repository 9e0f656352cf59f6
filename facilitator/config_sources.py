"""Where the settings' values come from, how they are checked against the fields'
types, and how a value they refuse is told to the user.

Three sources feed ``config.Settings`` (environment first, then the file, then the
locale): ``HomeFile`` reads the home's ``config.toml`` into the fields' shape
(``[llm] model`` becomes ``llm_model``, ``[webhooks]`` keys go to the channel that
declares them) and refuses what is wrong in its structure; ``Environment`` reads the
fixed variable names each field declares with ``Env``; ``Locale`` the language.

``build`` makes the typed object from what they give. The types are pydantic's
(a ``TypeAdapter`` over the settings' dataclasses, so ``"30"`` from a variable becomes
30, ``"587"`` is refused for a port, an unknown key is refused), but pydantic costs
every command about a tenth of a second to import: a value that is already exactly of
its field's type (which pydantic would hand back unchanged, and which is what a
``config.toml`` holds) is taken as it is, and pydantic is asked only about the rest
(``tests/test_settings_types.py`` holds the two ways to the same result). ``explain``
(``config_errors``, loaded only then) turns pydantic's first complaint into the one
line the user reads (``UserError``, exit 2), never showing a secret. Kept apart from
the typed object so ``config`` stays the list of settings.
"""

from __future__ import annotations

import dataclasses
import tomllib
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal, TypeVar, get_args, get_origin

from facilitator.language import locale_language
from facilitator.model import UserError

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

T = TypeVar("T")

TABLES = ("people", "smtp", "webhooks", "speech", "me")
"""The ``config.toml`` tables that are typed settings of their own (not ``[llm] model``)."""

REFUSED = {"smtp": ("password", "FACILITATOR_SMTP_PASSWORD"), "speech": ("api_key", "FACILITATOR_SPEECH_API_KEY")}
"""Secrets that must not sit in the file: the table, its key, the variable to use instead."""

@dataclass(frozen=True)
class Env:
    """``Annotated[str, Env("FACILITATOR_LLM_MODEL")]``: the environment variable that sets
    a field (and wins over the file). ``strip``: surrounding spaces dropped (not for a
    password, whose spaces may be part of it)."""

    name: str
    strip: bool = True


class SecretStr:
    """A secret (an API key, a password, a signing secret): ``repr``, ``str``, logs and
    errors show stars; ``get_secret_value()`` is called only where it is sent. Shaped as
    pydantic's ``SecretStr`` (whose module alone costs pydantic's import), and validated
    by pydantic as a string when pydantic checks the settings."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def get_secret_value(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return f"SecretStr({str(self)!r})"

    def __str__(self) -> str:
        return "**********" if self._value else ""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SecretStr) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)

    def __len__(self) -> int:
        return len(self._value)

    @classmethod
    def of(cls, value: object) -> SecretStr:
        """A secret from what code gives: a secret (this one or pydantic's) or its text."""
        if isinstance(value, SecretStr):
            return value
        reveal = getattr(value, "get_secret_value", None)
        return cls(reveal() if callable(reveal) else value)  # type: ignore[arg-type]

    @classmethod
    def __get_pydantic_core_schema__(cls, source: object, handler: object) -> object:
        from pydantic_core import core_schema

        def unwrap(value: object) -> object:
            return value.get_secret_value() if isinstance(value, SecretStr) else value

        return core_schema.no_info_before_validator_function(
            unwrap, core_schema.no_info_after_validator_function(cls, core_schema.str_schema(strict=True)),
            serialization=core_schema.plain_serializer_function_ser_schema(str))


class Table:
    """A ``config.toml`` table (``[smtp]``, ``[people."NAME"]``...): each value of its
    field's own type (no ``"587"`` for a port, no ``1`` for a switch), text stripped, an
    unknown key refused. A frozen dataclass."""

    __pydantic_config__: typing.ClassVar[dict[str, object]] = {"strict": True, "extra": "forbid",
                                                                "str_strip_whitespace": True}

    @classmethod
    def __get_pydantic_core_schema__(cls, source: type, handler: typing.Callable[[type], dict[str, object]]) -> object:
        schema = handler(source)
        schema["strict"] = False  # the table comes as a TOML table (a dict); its values strict
        return schema


Data = dict[str, object]
_NO = object()
"""What ``_exact`` answers for a value that is not already of its field's type."""


class Refused(Exception):
    """Pydantic refused a value; ``error`` is its first complaint (for ``explain``)."""

    def __init__(self, error: ErrorDetails) -> None:
        super().__init__(error["msg"])
        self.error = error


def build(kind: type[T], data: Mapping[str, object]) -> T:
    """``kind`` (a settings dataclass) from ``data`` in its fields' shape: taken as it is
    when every value already has its field's type, else checked and converted by
    pydantic (``Refused`` with its first complaint)."""
    made = _exact(kind, data)
    if made is not _NO:
        return typing.cast(T, made)
    from pydantic import TypeAdapter, ValidationError

    try:
        return TypeAdapter(kind).validate_python(dict(data))
    except ValidationError as exc:
        raise Refused(exc.errors()[0]) from None


@cache
def hints(kind: type) -> dict[str, object]:
    """The fields of a settings dataclass and their types (``Annotated`` marks kept).
    The settings' modules keep their annotations as objects (no ``from __future__ import
    annotations``), so nothing is evaluated from text at each start."""
    found = {f.name: f.type for f in dataclasses.fields(kind)}
    if any(isinstance(hint, str) for hint in found.values()):
        evaluated = typing.get_type_hints(kind, include_extras=True)
        return {name: evaluated[name] for name in found}
    return found


def _exact(kind: type, data: Mapping[str, object]) -> object:
    """The dataclass when each value is exactly what pydantic would make of it (a string
    for text, an int for a number of things, a table for a table, one of a field's
    choices...), else ``_NO``: a conversion, a missing or unknown key, a wrong type."""
    fields = hints(kind)
    table = issubclass(kind, Table)
    values: dict[str, object] = {}
    for key, value in data.items():
        if key not in fields:
            return _NO
        values[key] = _value(fields[key], value, table)
        if values[key] is _NO:
            return _NO
    try:
        return kind(**values)
    except TypeError:  # a required field missing
        return _NO


def _value(hint: object, value: object, table: bool) -> object:  # noqa: C901 - one case per type
    if get_origin(hint) is Annotated:
        hint = get_args(hint)[0]
    origin = get_origin(hint)
    if hint is str:
        return value if type(value) is str and (not table or value == value.strip()) else _NO
    if hint is bool or hint is int:
        return value if type(value) is hint else _NO
    if hint is float:
        return float(value) if type(value) in (int, float) else _NO  # type: ignore[arg-type]
    if hint is SecretStr:
        return value if isinstance(value, SecretStr) else SecretStr(value) if type(value) is str and (
            not table or value == value.strip()) else _NO
    if origin is Literal:
        return value if type(value) is str and value in get_args(hint) else _NO
    if origin is list and type(value) is list:
        items = [_value(get_args(hint)[0], item, table) for item in value]
        return _NO if _NO in items else items
    if origin is dict and type(value) is dict:
        of = get_args(hint)[1]
        entries = {key: _value(of, item, table) for key, item in value.items() if type(key) is str}
        return _NO if len(entries) < len(value) or _NO in entries.values() else entries
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return value if isinstance(value, hint) else _exact(hint, value) if type(value) is dict else _NO
    return _NO


@cache
def env_fields(model: type) -> dict[str, tuple[tuple[str, ...], bool]]:
    """Variable name -> the path of the field it sets (``("speech", "api_key")``) and
    whether its value is stripped, from the ``Env`` marks on the fields."""
    found: dict[str, tuple[tuple[str, ...], bool]] = {}

    def walk(cls: type, where: tuple[str, ...]) -> None:
        for name, hint in hints(cls).items():
            kind = hint
            if get_origin(hint) is Annotated:
                kind, *marks = get_args(hint)
                for mark in marks:
                    if isinstance(mark, Env):
                        found[mark.name] = ((*where, name), mark.strip)
            if isinstance(kind, type) and dataclasses.is_dataclass(kind):
                walk(kind, (*where, name))

    walk(model, ())
    return found


class Environment:
    """The fixed variable names (``OPENAI_API_KEY``, ``FACILITATOR_*``) from ``env``; a
    variable set to nothing but spaces counts as unset."""

    def __init__(self, settings_cls: type, env: Mapping[str, str]) -> None:
        self.settings_cls = settings_cls
        self.env = env

    def __call__(self) -> Data:
        out: Data = {}
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


class Locale:
    """The language from ``LC_ALL`` / ``LC_MESSAGES`` / ``LANG`` when the file names none."""

    def __init__(self, env: Mapping[str, str]) -> None:
        self.env = env

    def __call__(self) -> Data:
        found = locale_language(self.env)
        return {} if found is None else {"language": found, "language_chosen": True}


def merged(*sources: Data) -> Data:
    """The sources' values, the first winning; a table merged key by key."""
    out: Data = {}
    for source in reversed(sources):
        for key, value in source.items():
            below = out.get(key)
            out[key] = merged(value, below) if isinstance(value, dict) and isinstance(below, dict) else value
    return out


class HomeFile:
    """The home's ``config.toml`` in the fields' shape; absent, it gives nothing."""

    ALIASES: typing.ClassVar[dict[str, dict[str, str]]] = {"smtp": {"from": "sender"}}
    """Keys written otherwise in the file than the field is named (``from`` is a Python keyword)."""

    def __init__(self, settings_cls: type, path: Path) -> None:
        self.settings_cls = settings_cls
        self.path = path

    def __call__(self) -> Data:
        if not self.path.exists():
            return {}
        data = read_toml(self.path)
        out: Data = {"keymap": self._keymap(data.pop("keymap", {}))}
        tables = {name: self._table(data, name) for name in TABLES}
        for table, (key, variable) in REFUSED.items():
            if key in tables[table]:
                raise UserError("{path}: remove {key} from [{table}]; set {variable} instead",
                                path=self.path, key=key, table=table, variable=variable)
        out["people"] = self._people(tables.pop("people"))
        out["webhooks"] = self._webhooks(tables.pop("webhooks"))
        for table, names in self.ALIASES.items():
            tables[table] = {names.get(key, key): value for key, value in tables[table].items()}
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

    def _table(self, data: Data, name: str) -> Data:
        value = data.pop(name, {})
        if not isinstance(value, dict):
            raise UserError("{path}: [{name}] must be a table", path=self.path, name=name)
        return value

    def _people(self, people: Data) -> dict[str, Data]:
        out: dict[str, Data] = {}
        for name, entry in people.items():
            if not isinstance(entry, dict):
                raise UserError('{path}: [people."{name}"] must be a table (email, mobile, manager)',
                                path=self.path, name=name)
            if "name" in entry:
                raise UserError('{path}: [people."{name}"]: unknown setting {key!r}', path=self.path, name=name, key="name")
            out[name.strip()] = {**entry, "name": name.strip()}
        return out

    def _webhooks(self, hooks: Data) -> Data:
        """``[webhooks]`` keys to the channel that declares them (its URL or its secret)."""
        if not hooks:
            return {}  # the registry is read only for a file that names robots
        from facilitator import channels

        urls = {c.url_setting for c in channels.all_channels() if c.url_setting}
        secrets = {c.secret_setting for c in channels.all_channels() if c.secret_setting}
        out: dict[str, Data] = {"urls": {}, "secrets": {}}
        rest: Data = {}
        for key, value in hooks.items():
            if key in urls:
                out["urls"][key] = value
            elif key in secrets:
                out["secrets"][key] = value
            else:
                rest[key] = value  # timeout, else an unknown setting pydantic names
        return {**rest, **out}

    def _flat(self, data: Data) -> Data:
        """Top-level keys and the other tables flattened (``[llm] model`` -> ``llm_model``);
        names that are no setting are passed over, secrets never taken from the file."""
        known = {name for name, hint in hints(self.settings_cls).items() if hint is not SecretStr and not (
            get_origin(hint) is Annotated and get_args(hint)[0] is SecretStr)} - {"language_chosen"}
        known.add("user")  # the older spelling of [me] name
        flat: Data = {}
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


def read_toml(path: Path) -> Data:
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
