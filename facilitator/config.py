"""Typed settings from the home's ``config.toml`` and the environment (environment wins).

One typed object, ``Settings`` (a dataclass, its tables dataclasses too): its fields are
the settings with their defaults and types; the variables that set them are marked on
the fields (``Env``); ``load_settings`` builds it from the environment, then
``config.toml``, then the locale, then the defaults, and pydantic checks the types
(``config_sources`` reads the sources and asks pydantic only about a value that is not
already of its field's type, so a command does not pay pydantic's import for a plain
config). ``Settings(...)`` in code and tests is just what it is given over the
defaults, never the environment. The API key, the SMTP password and the robots'
signing secrets are ``SecretStr``: they print as stars in ``repr``, logs and errors,
and ``get_secret_value()`` is called only where one is sent.
``[people]``, ``[smtp]`` and ``[webhooks]`` say who gets follow-ups and how (design.md
section 8); ``[me] name`` who you are (recorded with what you capture).
"""

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, ClassVar, Literal

from facilitator import locations
from facilitator.config_sources import (
    Data,
    Env,
    Environment,
    HomeFile,
    Locale,
    Refused,
    SecretStr,
    build,
    env_fields,
    merged,
    url_has_password,
)
from facilitator.config_tables import (
    SMTP_PASSWORD_ENV,
    SPEECH_API_KEY_ENV,
    Me,
    Person,
    SmtpSettings,
    SpeechSettings,
    WebhookSettings,
)
from facilitator.language import locale_language
from facilitator.model import UserError

__all__ = ["NO_ENDPOINT", "SMTP_PASSWORD_ENV", "SPEECH_API_KEY_ENV", "Me", "Person", "SecretStr", "Settings", "SmtpSettings",
           "SpeechSettings", "WebhookSettings", "load_settings", "locale_language", "same_name",
           "url_has_password"]

NO_ENDPOINT = "no LLM endpoint configured: set OPENAI_BASE_URL or OPENAI_API_KEY, or use --offline"
"""What ``--llm`` (or any model feature) answers when ``Settings.llm_configured`` is false."""

def same_name(name: str) -> str:
    """A name as compared with another: NFKC-normalised, spaces collapsed."""
    import unicodedata

    return " ".join(unicodedata.normalize("NFKC", name).split())


@dataclass
class Settings:
    """The settings of one home (see the module's docstring): each field a setting with its
    type and default, the environment variable that sets it marked with ``Env``."""

    __pydantic_config__: ClassVar[dict[str, object]] = {"extra": "forbid", "coerce_numbers_to_str": True}

    llm_base_url: Annotated[str, Env("OPENAI_BASE_URL")] = ""
    """Base URL of an OpenAI-compatible endpoint; empty means the official API."""

    llm_api_key: Annotated[SecretStr, Env("OPENAI_API_KEY")] = SecretStr("")
    """API key, environment only; never written to disk or printed."""

    llm_model: Annotated[str, Env("FACILITATOR_LLM_MODEL")] = "gpt-4o-mini"
    """Chat model name sent to the endpoint."""

    llm_timeout: Annotated[float, Env("FACILITATOR_LLM_TIMEOUT")] = 60.0
    """Seconds to wait for the endpoint before giving up."""

    llm_context: Annotated[int, Env("FACILITATOR_LLM_CONTEXT")] = 8192
    """Context window of the model in tokens; the prompt is fitted to it."""

    llm_output_tokens: int = 1500
    """Tokens kept free for the model's answer when fitting the prompt."""

    llm_temperature: float = 0.2
    """Sampling temperature for drafts; low, because drafts should stick to the record."""

    llm_retries: int = 2
    """How many times the client retries a failed request (429, 5xx, connection errors)."""

    llm_provider: str = ""
    """Provider profile (openai, azure, deepseek, qwen, ollama, vllm, llamacpp); empty guesses from the URL."""

    chroma_url: Annotated[str, Env("FACILITATOR_CHROMA_URL")] = ""
    """A Chroma server URL shared by a team; empty means the embedded index."""

    database: Annotated[str, Env("FACILITATOR_DATABASE_URL")] = ""
    """A ``postgresql://`` URL of a team's shared store; empty means the home's SQLite
    file. Its password only from the environment or ``~/.pgpass`` (refused in the file)."""

    embeddings: Annotated[Literal["e5", "openai"], Env("FACILITATOR_EMBEDDINGS")] = "e5"
    """Embedding backend: ``e5`` (bundled multilingual-e5-small) or ``openai`` (the endpoint's /embeddings)."""

    embeddings_model: str = "text-embedding-3-small"
    """Model name for the ``openai`` embedding backend."""

    libraries: list[str] = field(default_factory=list)
    """Extra folders of case cards to index beside the bundled corpus (a string: split at ``os.pathsep``)."""

    language: Literal["zh", "en"] = "zh"
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

    me: Me = field(default_factory=Me)
    """``[me]``: who you are (``user = "王强"`` at the top, the older spelling, still counts)."""

    smtp: SmtpSettings = field(default_factory=SmtpSettings)
    """``[smtp]``: the mail server follow-ups are sent through."""

    smtp_password: Annotated[SecretStr, Env(SMTP_PASSWORD_ENV, strip=False)] = SecretStr("")
    """SMTP password, environment only; never written or printed."""

    webhooks: WebhookSettings = field(default_factory=WebhookSettings)
    """``[webhooks]``: WeCom, Feishu and DingTalk group robots."""

    speech: SpeechSettings = field(default_factory=SpeechSettings)
    """``[speech]``: the speech-to-text engine (``facilitator.speech.engines``)."""

    def __post_init__(self) -> None:
        """Secrets given as text in code (tests, benches) are secrets all the same."""
        self.llm_api_key = SecretStr.of(self.llm_api_key)
        self.smtp_password = SecretStr.of(self.smtp_password)

    @property
    def user(self) -> str:
        """Your own name (``[me] name``)."""
        return self.me.name

    @property
    def me_name(self) -> str:
        """``[me] name``: recorded with every capture and edit (the store's author)."""
        return self.me.name

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
        return bool(self.llm_base_url or self.llm_api_key.get_secret_value())


ENV_NAMES: dict[str, str] = {name: ".".join(path) for name, (path, _) in env_fields(Settings).items()}
"""Environment variable -> the setting it overrides (``FACILITATOR_SPEECH_API_KEY`` -> ``speech.api_key``)."""


def load_settings(home: Path, env: Mapping[str, str] | None = None) -> Settings:
    """Settings for this home: defaults < locale < config.toml < environment; a value
    no setting can take is one ``UserError`` naming where it was written."""
    env = dict(os.environ) if env is None else env
    path = locations.config_path(home)
    data = _older_user(merged(Environment(Settings, env)(), HomeFile(Settings, path)(), Locale(env)()))
    if isinstance(data.get("libraries"), str):
        data["libraries"] = _folders(str(data["libraries"]))
    try:
        settings = build(Settings, data)
    except Refused as refused:
        from facilitator.config_errors import explain

        raise explain(refused.error, path, env, env_fields(Settings)) from None
    _check_people(settings, path)
    if any(data.get(table) for table in ("smtp", "webhooks", "people")):  # the defaults need no check
        from facilitator.addresses import check_delivery

        check_delivery(settings.smtp, settings.webhooks, settings.people.values(), path)  # so doctor and the send refuse the same things
    return settings


def _older_user(data: Data) -> Data:
    """``user = "王强"`` (before ``[me]`` existed) names you unless ``[me] name`` (or
    ``FACILITATOR_ME_NAME``) does."""
    user = data.pop("user", None)
    me = data.get("me")
    if user is None or (isinstance(me, dict) and me.get("name")):
        return data
    return {**data, "me": {**(me if isinstance(me, dict) else {}), "name": user}}


def _folders(value: str) -> list[str]:
    """``libraries`` written as one string: folders split at ``os.pathsep``."""
    return [v for v in value.split(os.pathsep) if v]


def _check_people(settings: Settings, path: Path) -> None:
    for p in settings.people.values():
        if p.manager and p.manager not in settings.people:
            raise UserError('{path}: [people."{name}"] manager {manager!r} has no [people] entry',
                            path=path, name=p.name, manager=p.manager)
