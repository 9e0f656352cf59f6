"""The typed tables of ``config.toml`` (``[people]``, ``[smtp]``, ``[webhooks]``,
``[speech]``, ``[me]``) and the variables only the environment may set.

Apart from ``config`` so that the code that checks or uses one table (``addresses``,
``channels.mail``, ``speech``) can name its type without importing the whole settings
(which ask those modules at load). Each table is a frozen dataclass and strict
(``config_sources.Table``): a value of its field's own type (no ``"587"`` for a port, no
``1`` for a switch), text stripped, an unknown key refused.
"""

from dataclasses import dataclass, field
from typing import Annotated, Literal

from facilitator.config_sources import Env, SecretStr, Table

SMTP_PASSWORD_ENV = "FACILITATOR_SMTP_PASSWORD"
"""The only place the SMTP password comes from: a file on disk would outlive the session."""
SPEECH_API_KEY_ENV = "FACILITATOR_SPEECH_API_KEY"
"""The only place a transcription endpoint's key comes from (not ``OPENAI_API_KEY``: the
speech server is often another host than the chat model's)."""
ME_NAME_ENV = "FACILITATOR_ME_NAME"
"""Overrides ``[me] name`` (a shared machine, a script run for a colleague)."""



@dataclass(frozen=True)
class Person(Table):
    """One ``[people."NAME"]`` entry: a person or a department, named as owners are written."""

    name: str
    email: str = ""
    mobile: str = ""
    """For @-mentions in group robots (WeCom, DingTalk)."""
    manager: str = ""
    """Another ``[people]`` name: who decides when this owner's action is stuck."""


@dataclass(frozen=True)
class SmtpSettings(Table):
    """``[smtp]``: where follow-up mail goes out. The password is ``Settings.smtp_password``."""

    host: str = ""
    port: int = 587
    sender: str = ""
    """The ``from`` address (``from`` in the file: a Python keyword)."""
    user: str = ""
    starttls: bool = True
    ssl: bool = False
    """Implicit TLS from the first byte (port 465) instead of STARTTLS."""
    timeout: float = 20.0

    @property
    def configured(self) -> bool:
        return bool(self.host and self.sender)


@dataclass(frozen=True)
class WebhookSettings(Table):
    """``[webhooks]``: the full robot URLs the platforms hand out, and the signing secrets,
    each under the key its channel declares (``channels/*.py``: ``url_setting``,
    ``secret_setting``), so a new channel needs no field here."""

    urls: dict[str, str] = field(default_factory=dict)
    secrets: dict[str, SecretStr] = field(default_factory=dict)
    timeout: float = 10.0

    def __post_init__(self) -> None:
        object.__setattr__(self, "secrets", {key: SecretStr.of(value) for key, value in self.secrets.items()})

    def url(self, key: str) -> str:
        return self.urls.get(key, "")

    def secret(self, key: str) -> str:
        """The signing secret in clear, for the signature only."""
        found = self.secrets.get(key)
        return found.get_secret_value() if found is not None else ""

    def robots(self) -> list[str]:
        """The ``[webhooks]`` keys of the configured robots, in the channels' order."""
        from facilitator import channels

        keys = [c.url_setting for c in channels.all_channels() if c.url_setting]
        return [key for key in keys if self.url(key)]


@dataclass(frozen=True)
class SpeechSettings(Table):
    """``[speech]``: which engine turns recordings and the microphone into text.

    Nothing set: the Whisper base model shipped in PyPI packages. ``path``: a CTranslate2
    Whisper model folder (a larger model the user already has). ``url``: an
    OpenAI-compatible ``/v1/audio/transcriptions`` endpoint (its base URL, ending in
    ``/v1``), with ``model`` the name it expects; its key is ``FACILITATOR_SPEECH_API_KEY``."""

    engine: Literal["", "whisper-base", "folder", "endpoint"] = ""
    """``whisper-base``, ``folder`` or ``endpoint``; empty chooses from ``path`` and ``url``."""
    path: str = ""
    url: str = ""
    model: str = "whisper-1"
    timeout: float = 300.0
    hotwords: bool = False
    """Hand the meeting's names and terms to Whisper as hotwords (bench/speech.py measures it)."""
    api_key: Annotated[SecretStr, Env(SPEECH_API_KEY_ENV)] = SecretStr("")

    def __post_init__(self) -> None:
        object.__setattr__(self, "api_key", SecretStr.of(self.api_key))

    @property
    def kind(self) -> str:
        return self.engine or ("endpoint" if self.url else "folder" if self.path else "whisper-base")


@dataclass(frozen=True)
class Me(Table):
    """``[me]``: the salesperson using this home."""

    name: Annotated[str, Env(ME_NAME_ENV)] = ""
    """Your name as you write it after ``@`` (``name = "王强"``): recorded with every
    capture and edit, and your own actions are never an unknown owner."""
