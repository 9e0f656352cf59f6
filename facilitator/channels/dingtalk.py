"""DingTalk (钉钉) group robot.

Request: ``{"msgtype": "markdown", "markdown": {"title", "text"}, "at": {"atMobiles":
[...]}}``, the text carrying ``@mobile`` after each owner it mentions. A signed robot
gets ``timestamp`` (milliseconds) and ``sign`` query parameters: base64 of HMAC-SHA256
keyed with the secret over ``"timestamp\\nsecret"``, URL-encoded. Success is
``errcode`` 0. A request may carry 20 KB.
"""

from __future__ import annotations

import time
import urllib.parse

from facilitator.channels.base import JsonBody
from facilitator.channels.robots import Robot, json_answer


def dingtalk_sign(timestamp: str, secret: str) -> str:
    """The ``sign`` value before URL-encoding."""
    import base64
    import hashlib
    import hmac

    digest = hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def dingtalk_url(url: str, secret: str, now: float) -> str:
    if not secret:
        return url
    timestamp = str(int(now * 1000))
    sep = "&" if urllib.parse.urlsplit(url).query else "?"
    return f"{url}{sep}timestamp={timestamp}&sign={urllib.parse.quote_plus(dingtalk_sign(timestamp, secret))}"


class DingTalk(Robot):
    name = "dingtalk"
    label = "DingTalk"
    labels = {"zh": "钉钉群", "en": "DingTalk group"}
    limit = 18000
    order = 30
    url_setting = "dingtalk"
    secret_setting = "dingtalk_secret"

    def mentions(self, mobiles: dict[str, str]) -> dict[str, str]:
        return {owner: f"@{mobile}" for owner, mobile in mobiles.items()}

    def tags(self, mobiles: list[str]) -> list[str]:
        return list(mobiles)

    def request(self, url: str, secret: str, *, title: str, text: str, mobiles: list[str], lang: str,
                kind: str = "markdown", now: float | None = None) -> tuple[str, JsonBody]:
        body: JsonBody = {
            "msgtype": "markdown",
            "markdown": {"title": title, "text": text},
            "at": {"atMobiles": list(mobiles), "isAtAll": False},
        }
        return dingtalk_url(url, secret, time.time() if now is None else now), body

    def check(self, raw: bytes) -> str:
        return json_answer(self, raw, "errcode", "errmsg")


CHANNEL = DingTalk()
