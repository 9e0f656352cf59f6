"""What every delivery channel is: one object that knows its name, its labels, its size
limit, where its address and secret come from in the settings, how it mentions people,
how to build the request and how to read the answer.

A channel is an object rather than rows in several tables so that a new one (Slack,
Teams) is one file in this folder, found by the registry (``facilitator.channels``),
with nothing else to edit: the settings read the ``[webhooks]`` keys a channel declares
(``url_setting``, ``secret_setting``), so ``config`` names no channel, and this module may
not import ``config`` back: the settings a channel reads are named by their shape
(:class:`ChannelSettings`, which ``config.Settings`` has).
"""

from __future__ import annotations

from typing import Literal, Protocol

from facilitator.model import Outgoing

Audience = Literal["person", "group"]

JsonBody = dict[str, object]
"""The JSON object one request to a robot carries."""


class Webhooks(Protocol):
    """The ``[webhooks]`` table: a channel reads its own keys by name, and the timeout."""

    @property
    def timeout(self) -> float: ...

    def url(self, key: str) -> str: ...

    def secret(self, key: str) -> str:
        """The signing secret in clear, for the request only (never printed)."""
        ...


class ChannelSettings(Protocol):
    """What a channel reads of the settings (``config.Settings`` is one)."""

    @property
    def webhooks(self) -> Webhooks: ...


class DeliveryError(Exception):
    """The message did not arrive: the text is the server's answer, or why there was none."""


class Channel:
    """One way a follow-up leaves the app; ``robots.Robot`` is the webhook kind, ``mail`` the SMTP one."""

    name: str = ""
    """The key in the send log and in ``Outgoing.channel`` (``email``, ``wecom``)."""
    label: str = ""
    """The platform's name in lines a user reads (``WeCom``)."""
    labels: dict[str, str] = {}
    """The channel in the TUI, per language (``{"zh": "企业微信群", "en": "WeCom group"}``)."""
    audience: Audience = "group"
    """``person``: one message per owner (mail); ``group``: one digest per order."""
    limit: int = 0
    """Bytes of text one message may carry (0: no limit); a digest is split to fit."""
    order: int = 100
    """Where it comes in plans and listings (mail first, then the robots as configured)."""
    url_setting: str = ""
    """The ``[webhooks]`` key holding the full URL the platform hands out; ``config`` reads
    that key into ``WebhookSettings.urls`` because a channel here declares it."""
    secret_setting: str = ""
    """The ``[webhooks]`` key holding the signing secret ('' when the platform signs nothing),
    read into ``WebhookSettings.secrets`` as a ``SecretStr``."""
    mention_note: bool = False
    """True when the digest cannot mention by mobile, so a short text message after it does."""

    def url(self, settings: ChannelSettings) -> str:
        return settings.webhooks.url(self.url_setting) if self.url_setting else ""

    def secret(self, settings: ChannelSettings) -> str:
        """The signing secret in clear (for the request only; never printed)."""
        return settings.webhooks.secret(self.secret_setting) if self.secret_setting else ""

    def configured(self, settings: ChannelSettings) -> bool:
        return bool(self.url(settings))

    def ready(self, settings: ChannelSettings) -> str | None:
        """Why a send through this channel cannot work whatever the network does, or None."""
        return None

    def label_in(self, lang: str) -> str:
        return self.labels.get(lang) or self.labels.get("zh") or self.label or self.name

    def mentions(self, mobiles: dict[str, str]) -> dict[str, str]:
        """Per owner, what the digest writes after the owner's name to mention them."""
        return {}

    def tags(self, mobiles: list[str]) -> list[str]:
        """The mobiles the digest itself mentions (its request carries them)."""
        return []

    def request(self, url: str, secret: str, *, title: str, text: str, mobiles: list[str], lang: str,
                kind: str = "markdown", now: float | None = None) -> tuple[str, JsonBody]:
        """The URL and JSON body of one message (``now`` fixes a signature's time)."""
        raise NotImplementedError

    def check(self, raw: bytes) -> str:
        """The answer as one line if it says the message was accepted; else ``DeliveryError``."""
        raise NotImplementedError

    def send(self, settings: ChannelSettings, message: Outgoing) -> str:
        """Deliver one ``Outgoing``; the accepted answer, or ``DeliveryError``."""
        raise NotImplementedError
