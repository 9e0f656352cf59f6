"""What the group robots share: a JSON POST to the webhook URL the platform hands out,
and the reading of a ``{code, message}`` JSON answer.

Each robot (``wecom.py``, ``feishu.py``, ``dingtalk.py``) takes the full webhook URL,
so a robot on a test server on this machine is addressed exactly like the real one.
Plain urllib: a few JSON POSTs do not justify a dependency, and the SDKs found either
build the platform URL themselves from a token or cover one platform only.
"""

from __future__ import annotations

import json
import time

from facilitator.channels.base import Channel, ChannelSettings, DeliveryError, JsonBody
from facilitator.model import Outgoing


class Robot(Channel):
    """A group robot: the request is a JSON POST to the webhook URL in ``[webhooks]``."""

    audience = "group"

    def send(self, settings: ChannelSettings, message: Outgoing) -> str:
        url, body = self.request(message.address, self.secret(settings), title=message.subject,
                                 text=message.body, mobiles=message.mobiles, lang=message.lang,
                                 kind=message.style, now=time.time())
        return post(self, url, body, settings.webhooks.timeout)


def json_answer(channel: Channel, raw: bytes, code_key: str, message_key: str,
                fallback: tuple[str, str] | None = None) -> str:
    """``"code_key CODE: MESSAGE"`` when the JSON answer's code is 0; else ``DeliveryError``."""
    text = raw.decode("utf-8", errors="replace").strip()
    try:
        data = json.loads(text)
    except ValueError:
        raise DeliveryError(f"not a {channel.label} answer: {text[:200]}") from None
    if not isinstance(data, dict):
        raise DeliveryError(f"not a {channel.label} answer: {text[:200]}")
    if fallback is None:
        code, message = data.get(code_key), data.get(message_key, "")
    else:
        code = data.get(code_key, data.get(fallback[0]))
        message = data.get(message_key, data.get(fallback[1], ""))
    line = f"{code_key} {code}: {message}"
    if code != 0:
        raise DeliveryError(line)
    return line


def post(channel: Channel, url: str, body: JsonBody, timeout: float) -> str:
    """POST the JSON body; returns the accepted answer or raises ``DeliveryError``."""
    from facilitator.addresses import url_problem

    problem = url_problem(url)
    if problem is not None:  # checked at load too; never let urllib open file:// or ftp://
        raise DeliveryError(f"not sent: the robot URL {problem}")
    import urllib.error  # here, not at the top: listing the channels must not load the HTTP client
    import urllib.request

    data = json.dumps(body, ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(
        url, data=data, method="POST", headers={"Content-Type": "application/json; charset=utf-8"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - configured robot URL
            raw = response.read()
    except urllib.error.HTTPError as exc:
        try:
            said = " ".join(exc.read(300).decode("utf-8", errors="replace").split())
        except OSError:
            said = ""
        raise DeliveryError(f"HTTP {exc.code} {exc.reason}" + (f": {said}" if said else "")) from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        if isinstance(reason, TimeoutError) or isinstance(exc, TimeoutError):
            raise DeliveryError(f"no answer within {timeout:g} s") from None
        raise DeliveryError(f"cannot reach the robot: {reason}") from None
    return channel.check(raw)


