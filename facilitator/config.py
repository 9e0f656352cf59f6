"""Typed settings from the home's ``config.toml`` and the environment (environment wins).

The API key and the SMTP password are read from the environment only and are never
written anywhere by the app. ``[people]``, ``[smtp]`` and ``[webhooks]`` say who gets
follow-ups and how (design.md section 8).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from facilitator import locations
from facilitator.model import UserError

# environment variable -> settings field
NO_ENDPOINT = "no LLM endpoint configured: set OPENAI_BASE_URL or OPENAI_API_KEY, or use --offline"
"""What ``--llm`` (or any model feature) answers when ``Settings.llm_configured`` is false."""

ENV_NAMES: dict[str, str] = {
    "OPENAI_BASE_URL": "llm_base_url",
    "OPENAI_API_KEY": "llm_api_key",
    "FACILITATOR_LLM_MODEL": "llm_model",
    "FACILITATOR_LLM_TIMEOUT": "llm_timeout",
    "FACILITATOR_LLM_CONTEXT": "llm_context",
    "FACILITATOR_CHROMA_URL": "chroma_url",
    "FACILITATOR_EMBEDDINGS": "embeddings",
    "FACILITATOR_DATABASE_URL": "database",
}
SMTP_PASSWORD_ENV = "FACILITATOR_SMTP_PASSWORD"
SPEECH_API_KEY_ENV = "FACILITATOR_SPEECH_API_KEY"
"""The only place a transcription endpoint's key comes from (not ``OPENAI_API_KEY``: the
speech server is often another host than the chat model's)."""
"""The only place the SMTP password comes from: a file on disk would outlive the session."""


def same_name(name: str) -> str:
    """A name as compared with another: NFKC-normalised, spaces collapsed."""
    import unicodedata

    return " ".join(unicodedata.normalize("NFKC", name).split())


@dataclass(frozen=True)
class Person:
    """One ``[people."NAME"]`` entry: a person or a department, named as owners are written."""

    name: str
    email: str = ""
    mobile: str = ""
    """For @-mentions in group robots (WeCom, DingTalk)."""
    manager: str = ""
    """Another ``[people]`` name: who decides when this owner's action is stuck."""


@dataclass(frozen=True)
class SmtpSettings:
    """``[smtp]``: where follow-up mail goes out. The password is ``Settings.smtp_password``."""

    host: str = ""
    port: int = 587
    sender: str = ""
    """The ``from`` address (``from`` is a Python keyword)."""
    user: str = ""
    starttls: bool = True
    ssl: bool = False
    """Implicit TLS from the first byte (port 465) instead of STARTTLS."""
    timeout: float = 20.0

    @property
    def configured(self) -> bool:
        return bool(self.host and self.sender)


@dataclass(frozen=True)
class WebhookSettings:
    """``[webhooks]``: the full robot URLs the platforms hand out, and the signing secrets."""

    wecom: str = ""
    feishu: str = ""
    feishu_secret: str = field(default="", repr=False)
    dingtalk: str = ""
    dingtalk_secret: str = field(default="", repr=False)
    timeout: float = 10.0

    def robots(self) -> list[str]:
        """The ``[webhooks]`` keys of the configured robots, in the channels' order."""
        from facilitator import channels

        keys = [c.url_setting for c in channels.all_channels() if c.url_setting]
        return [key for key in keys if getattr(self, key, "")]


@dataclass(frozen=True)
class SpeechSettings:
    """``[speech]``: which engine turns recordings and the microphone into text.

    Nothing set: the Whisper base model shipped in PyPI packages. ``path``: a CTranslate2
    Whisper model folder (a larger model the user already has). ``url``: an
    OpenAI-compatible ``/v1/audio/transcriptions`` endpoint (its base URL, ending in
    ``/v1``), with ``model`` the name it expects; its key is ``FACILITATOR_SPEECH_API_KEY``."""

    engine: str = ""
    """``whisper-base``, ``folder`` or ``endpoint``; empty chooses from ``path`` and ``url``."""
    path: str = ""
    url: str = ""
    model: str = "whisper-1"
    timeout: float = 300.0
    hotwords: bool = False
    """Hand the meeting's names and terms to Whisper as hotwords (bench/speech.py measures it)."""
    api_key: str = field(default="", repr=False)

    @property
    def kind(self) -> str:
        return self.engine or ("endpoint" if self.url else "folder" if self.path else "whisper-base")


@dataclass
class Settings:
    llm_base_url: str = ""
    """Base URL of an OpenAI-compatible endpoint (``OPENAI_BASE_URL``); empty means the official API."""

    llm_api_key: str = field(default="", repr=False)
    """API key (``OPENAI_API_KEY``), environment only; never written to disk or printed."""

    llm_model: str = "gpt-4o-mini"
    """Chat model name sent to the endpoint (``FACILITATOR_LLM_MODEL``)."""

    llm_timeout: float = 60.0
    """Seconds to wait for the endpoint before giving up (``FACILITATOR_LLM_TIMEOUT``)."""

    llm_context: int = 8192
    """Context window of the model in tokens; the prompt is fitted to it (``FACILITATOR_LLM_CONTEXT``)."""

    llm_output_tokens: int = 1500
    """Tokens kept free for the model's answer when fitting the prompt."""

    llm_temperature: float = 0.2
    """Sampling temperature for drafts; low, because drafts should stick to the record."""

    llm_retries: int = 2
    """How many times the client retries a failed request (429, 5xx, connection errors)."""

    llm_provider: str = ""
    """Provider profile (openai, azure, deepseek, qwen, ollama, vllm, llamacpp); empty guesses from the URL."""

    chroma_url: str = ""
    """A Chroma server URL shared by a team (``FACILITATOR_CHROMA_URL``); empty means the embedded index."""

    database: str = ""
    """A ``postgresql://`` URL of a team's shared store (``FACILITATOR_DATABASE_URL``); empty
    means the home's SQLite file. Its password only from the environment or ``~/.pgpass``."""

    me_name: str = ""
    """``[me] name``: who this laptop's user is, recorded with every capture and edit."""

    embeddings: str = "e5"
    """Embedding backend: ``e5`` (bundled multilingual-e5-small) or ``openai`` (the endpoint's /embeddings)."""

    embeddings_model: str = "text-embedding-3-small"
    """Model name for the ``openai`` embedding backend."""

    libraries: list[str] = field(default_factory=list)
    """Extra folders of case cards to index beside the bundled corpus."""

    language: str = "zh"
    """The user's language, ``zh`` or ``en``: ``language`` in config.toml, else from
    ``LC_ALL`` / ``LC_MESSAGES`` / ``LANG`` (``zh_CN.UTF-8`` -> zh, ``en_US.UTF-8`` -> en),
    else zh. One language per user: screens, command-line messages and help, new meetings."""

    language_chosen: bool = False
    """Whether the config or the locale chose ``language``; when not (``LANG=C``), a new
    meeting's language is guessed from its title and the screens follow the meeting."""

    keymap: dict[str, str] = field(default_factory=dict)
    """TUI key overrides from the ``[keymap]`` table: binding id -> keys, e.g. ``draft = "ctrl+d"``."""

    people: dict[str, Person] = field(default_factory=dict)
    """``[people."NAME"]``: email, mobile and manager of each owner (design.md section 8)."""

    user: str = ""
    """Your own name as you write it after ``@`` (``user = "王强"``): the salesperson runs the
    meeting without being one of its participants, and their own actions are not an unknown owner."""

    smtp: SmtpSettings = field(default_factory=SmtpSettings)
    """``[smtp]``: the mail server follow-ups are sent through."""

    smtp_password: str = field(default="", repr=False)
    """SMTP password (``FACILITATOR_SMTP_PASSWORD``), environment only; never written or printed."""

    webhooks: WebhookSettings = field(default_factory=WebhookSettings)
    """``[webhooks]``: WeCom, Feishu and DingTalk group robots."""

    speech: SpeechSettings = field(default_factory=SpeechSettings)
    """``[speech]``: the speech-to-text engine (``facilitator.speech.engines``)."""

    def person(self, name: str | None) -> Person | None:
        """The ``[people]`` entry for an owner as written (full-width forms and spacing forgiven)."""
        if not name:
            return None
        wanted = same_name(name)
        return next((p for key, p in self.people.items() if same_name(key) == wanted), None)

    def ui_language(self, meeting_language: str | None = None) -> str:
        """The language of what the user reads: theirs when chosen, else the meeting's."""
        if self.language_chosen or meeting_language not in ("zh", "en"):
            return self.language
        return str(meeting_language)

    def known_owners(self) -> list[str]:
        """Owners these settings know: the user and every ``[people]`` name."""
        return [n for n in (self.user, *self.people) if n.strip()]

    @property
    def llm_configured(self) -> bool:
        """An endpoint counts as configured when a base URL or an API key is set."""
        return bool(self.llm_base_url or self.llm_api_key)


_TYPES = {f.name: f.type for f in fields(Settings)}


def _table(data: dict[str, Any], name: str, path: Path) -> dict[str, Any]:
    value = data.pop(name, {})
    if not isinstance(value, dict):
        raise UserError(f"{path}: [{name}] must be a table")
    return value


def _typed(cls: type[Any], values: dict[str, Any], where: str, rename: dict[str, str] | None = None,
           **given: Any) -> Any:
    """``cls(**values, **given)`` with each value checked against the field's default type."""
    rename = rename or {}
    known = {f.name: f for f in fields(cls)}
    out: dict[str, Any] = {}
    for key, value in values.items():
        name = rename.get(key, key)
        if name not in known or name == "name":
            raise UserError(f"{where}: unknown setting {key!r}")
        default = known[name].default
        ok = isinstance(value, bool) if isinstance(default, bool) else (
            isinstance(value, int | float) and not isinstance(value, bool)
            if isinstance(default, int | float) else isinstance(value, str))
        if not ok:
            raise UserError(f"{where}: setting {key!r} has an invalid value {value!r}")
        out[name] = type(default)(value) if isinstance(default, int | float) and not isinstance(default, bool) else (
            value.strip() if isinstance(value, str) else value)
    return cls(**out, **given)


def _delivery(data: dict[str, Any], path: Path) -> dict[str, Any]:
    """The typed ``[people]``, ``[smtp]`` and ``[webhooks]`` tables, popped from ``data``."""
    people: dict[str, Person] = {}
    for name, entry in _table(data, "people", path).items():
        if not isinstance(entry, dict):
            raise UserError(f'{path}: [people."{name}"] must be a table (email, mobile, manager)')
        people[name.strip()] = _typed(Person, entry, f'{path}: [people."{name}"]', name=name.strip())
    for p in people.values():
        if p.manager and p.manager not in people:
            raise UserError(f'{path}: [people."{p.name}"] manager {p.manager!r} has no [people] entry')
    smtp = _table(data, "smtp", path)
    if "password" in smtp:
        raise UserError(f"{path}: remove password from [smtp]; set {SMTP_PASSWORD_ENV} instead")
    typed = {
        "people": people,
        "smtp": _typed(SmtpSettings, smtp, f"{path}: [smtp]", rename={"from": "sender"}),
        "webhooks": _typed(WebhookSettings, _table(data, "webhooks", path), f"{path}: [webhooks]"),
    }
    from facilitator.addresses import check_delivery

    check_delivery(typed, path)  # so doctor and the send refuse the same things
    return typed


def _coerce(name: str, value: Any, origin: str) -> Any:
    default = getattr(Settings(), name)
    try:
        if isinstance(default, bool):
            return bool(value)
        if isinstance(default, int):
            return int(value)
        if isinstance(default, float):
            return float(value)
        if isinstance(default, dict):
            return dict(value)
        if isinstance(default, list):
            if isinstance(value, str):
                return [v for v in value.split(os.pathsep) if v]
            return [str(v) for v in value]
        return str(value)
    except (TypeError, ValueError):
        raise UserError(f"{origin}: setting {name!r} has an invalid value {value!r}") from None


def locale_language(env: dict[str, str]) -> str | None:
    """``zh`` or ``en`` from the locale variables, the first one set deciding (POSIX order);
    None for a locale in neither (``C.UTF-8``, ``POSIX``, ``de_DE``)."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "").strip().lower()
        if value:
            return "zh" if value.startswith("zh") else "en" if value.startswith("en") else None
    return None


def _has_password(url: str) -> bool:
    from urllib.parse import parse_qs, urlsplit

    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return bool(parts.password) or "password" in parse_qs(parts.query)


def load_settings(home: Path, env: dict[str, str] | None = None) -> Settings:
    """Settings for this home: defaults < config.toml < environment."""
    env = dict(os.environ) if env is None else env
    values: dict[str, Any] = {}
    path = locations.config_path(home)
    if path.exists():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise UserError(f"{path}: not valid TOML ({exc}); fix or remove the file") from None
        flat: dict[str, Any] = {}
        keymap = data.pop("keymap", {})
        if not isinstance(keymap, dict) or not all(isinstance(v, str) for v in keymap.values()):
            raise UserError(f"{path}: [keymap] must map binding ids to key strings")
        values["keymap"] = {str(k): v for k, v in keymap.items()}
        values.update(_delivery(data, path))
        speech = _table(data, "speech", path)
        if "api_key" in speech:
            raise UserError(f"{path}: remove api_key from [speech]; set {SPEECH_API_KEY_ENV} instead")
        values["speech"] = _typed(SpeechSettings, speech, f"{path}: [speech]")
        for key, value in data.items():
            if isinstance(value, dict):  # [llm] model = ... -> llm_model
                for sub, subval in value.items():
                    flat[f"{key}_{sub}"] = subval
            else:
                flat[key] = value
        for key, value in flat.items():
            if key == "llm_api_key":
                continue  # the key comes from the environment only
            if key == "database" and isinstance(value, str) and _has_password(value):
                raise UserError(f"{path}: remove the password from database; set PGPASSWORD or use ~/.pgpass")
            if key in _TYPES:
                values[key] = _coerce(key, value, str(path))
    for env_name, key in ENV_NAMES.items():
        raw = env.get(env_name)
        if raw is not None and raw.strip() != "":
            values[key] = _coerce(key, raw.strip(), env_name)
    values["smtp_password"] = env.get(SMTP_PASSWORD_ENV, "")
    if env.get(SPEECH_API_KEY_ENV):
        from dataclasses import replace

        values["speech"] = replace(values.get("speech", SpeechSettings()), api_key=env[SPEECH_API_KEY_ENV].strip())
    if "language" in values:
        values["language_chosen"] = True
    elif (found := locale_language(env)) is not None:
        values["language"], values["language_chosen"] = found, True
    settings = Settings(**values)
    if settings.embeddings not in ("e5", "openai"):
        raise UserError(f"embeddings must be 'e5' or 'openai', not {settings.embeddings!r}")
    if settings.language not in ("zh", "en"):
        raise UserError(f"language must be 'zh' or 'en', not {settings.language!r}")
    if settings.speech.kind not in ("whisper-base", "folder", "endpoint"):
        raise UserError(f"[speech] engine must be 'whisper-base', 'folder' or 'endpoint', not {settings.speech.engine!r}")
    return settings
