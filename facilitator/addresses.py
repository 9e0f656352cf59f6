"""Where follow-ups go, checked once when the settings are read.

A robot URL must be ``https://`` (or ``http://``) to a host name or IP address: urllib
would otherwise happily read ``file:///etc/hostname`` or try ``ftp://`` and the answer
would land in the send log. Mail addresses and the SMTP host may hold no control
characters (a ``\\r\\n`` in an address is a header injection), and a port is 1 to 65535.
Checked at load, so ``doctor`` refuses exactly what a send would, with one line naming
the setting (exit 2), instead of a traceback when the send starts.
"""

from __future__ import annotations

import ipaddress
import math
import re
import urllib.parse
from pathlib import Path
from typing import TYPE_CHECKING

from facilitator.model import UserError

if TYPE_CHECKING:
    from collections.abc import Iterable

    from facilitator.config_tables import Person, SmtpSettings, WebhookSettings

SCHEMES = ("https", "http")
_HOST = re.compile(r"^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                   r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_EMAIL = re.compile(r"^[^@\s<>(),;:\"\[\]\\]+@[^@\s<>(),;:\"\[\]\\]+$")
_MOBILE = re.compile(r"^\+?[0-9][0-9 -]{2,20}$")


def host_ok(host: str) -> bool:
    """A DNS name (letters, digits, hyphens, dots) or an IP address."""
    try:
        ipaddress.ip_address(host.strip("[]"))
        return True
    except ValueError:
        return bool(_HOST.match(host))


def url_problem(url: str) -> str | None:
    """Why ``url`` cannot be a robot webhook, or None."""
    found = url_problem_template(url)
    return None if found is None else found[0].format(**found[1])


def url_problem_template(url: str) -> tuple[str, dict[str, str]] | None:
    """``url_problem`` as an English template and its values (for the user's language)."""
    if _CONTROL.search(url) or any(c.isspace() for c in url):
        return "has spaces or control characters", {}
    try:
        parts = urllib.parse.urlsplit(url)
        port = parts.port
    except ValueError:
        return "is not a URL (bad host or port)", {}
    if parts.scheme.lower() not in SCHEMES:
        if not parts.scheme:
            return "must start with https:// (not a bare path)", {}
        return "must start with https:// (not {scheme})", {"scheme": parts.scheme + "://"}
    if parts.username is not None or parts.password is not None:
        return "must not carry a user name or password", {}
    if not parts.hostname or not host_ok(parts.hostname):
        return "has no valid host name", {}
    if port is not None and not 0 < port < 65536:
        return "has a port outside 1-65535", {}
    return None


def check_delivery(smtp: SmtpSettings, hooks: WebhookSettings, people: Iterable[Person], path: Path) -> None:
    """Refuse (``UserError``, one line) a ``[people]``, ``[smtp]`` or ``[webhooks]`` value
    no send could use (``config.load_settings`` calls this once the types are checked)."""
    if hooks.urls:
        _check_robots(hooks, path)
    for name, number in (("[webhooks] timeout", hooks.timeout), ("[smtp] timeout", smtp.timeout)):
        if not (math.isfinite(number) and 0 < number <= 3600):
            raise UserError("{path}: {name} must be between 0 and 3600 seconds, not {number!r}",
                            path=path, name=name, number=number)
    if smtp.host and (_CONTROL.search(smtp.host) or not host_ok(smtp.host)):
        raise UserError("{path}: [smtp] host is not a host name: {host}", path=path, host=_shown(smtp.host))
    if not 0 < smtp.port < 65536:
        raise UserError("{path}: [smtp] port must be 1-65535, not {port}", path=path, port=smtp.port)
    for where, address in (("[smtp] from", smtp.sender), ("[smtp] user", smtp.user)):
        if _CONTROL.search(address):
            raise UserError("{path}: {where} has a control character (a line break?): {address}",
                            path=path, where=where, address=_shown(address))
    if smtp.sender and not _EMAIL.match(smtp.sender):
        raise UserError("{path}: [smtp] from is not an email address: {address}", path=path,
                        address=_shown(smtp.sender))
    for person in people:
        where = f'[people."{_shown(person.name)}"]'
        if person.email and (_CONTROL.search(person.email) or not _EMAIL.match(person.email)):
            raise UserError("{path}: {where} email is not an email address: {address}", path=path, where=where,
                            address=_shown(person.email))
        if person.mobile and not _MOBILE.match(person.mobile):
            raise UserError("{path}: {where} mobile is not a phone number: {mobile}", path=path, where=where,
                            mobile=_shown(person.mobile))


def _check_robots(hooks: WebhookSettings, path: Path) -> None:
    """Each robot URL, in the channels' order (the registry is read only when one is set)."""
    from facilitator import channels

    for channel in channels.all_channels():
        url = hooks.url(channel.url_setting) if channel.url_setting else ""
        if url and (problem := url_problem_template(url)):
            raise UserError("{path}: [webhooks] {key} " + problem[0] + ": {url}", path=path, key=channel.url_setting,
                            url=_shown(url), **problem[1])


def _shown(text: str) -> str:
    """A value quoted in a message: control characters visible, never acted on."""
    return repr(text[:120])
