"""Delivery channels for follow-ups, and the registry that maps a channel's name to it.

Every module in this folder that defines ``CHANNEL`` (a ``base.Channel``) is a channel:
mail over SMTP and the WeCom, Feishu and DingTalk group robots today. The registry finds
them by listing the folder, so a new channel is one new file; ``register`` adds one
from outside (a plugin, or a test's loopback robot). Outreach, doctor and the config
check ask the registry, never a table of their own.
"""

from __future__ import annotations

import importlib
import pkgutil

from facilitator.channels.base import Channel, ChannelSettings, DeliveryError

__all__ = ["Channel", "DeliveryError", "all_channels", "configured_groups", "get", "register"]

_found: dict[str, Channel] | None = None
_added: dict[str, Channel] = {}


def _builtin() -> dict[str, Channel]:
    global _found
    if _found is None:
        found: dict[str, Channel] = {}
        for info in pkgutil.iter_modules(__path__):
            channel = getattr(importlib.import_module(f"{__name__}.{info.name}"), "CHANNEL", None)
            if isinstance(channel, Channel):
                found[channel.name] = channel
        _found = found
    return _found


def register(channel: Channel) -> Channel:
    """Add (or replace) a channel by its name; returns it."""
    _added[channel.name] = channel
    return channel


def all_channels() -> list[Channel]:
    """Every channel, in their fixed order (mail, WeCom, Feishu, DingTalk, then the rest)."""
    return sorted({**_builtin(), **_added}.values(), key=lambda c: (c.order, c.name))


def get(name: str) -> Channel:
    channel = _added.get(name) or _builtin().get(name)
    if channel is None:
        raise KeyError(f"no delivery channel {name!r}")
    return channel


def configured_groups(settings: ChannelSettings) -> list[Channel]:
    """The group channels (robots) the settings give an address, in order."""
    return [c for c in all_channels() if c.audience == "group" and c.configured(settings)]
