"""WeCom (企业微信) group robot.

Request: ``{"msgtype": "markdown", "markdown": {"content": ...}}``. Markdown cannot
@-mention by mobile, so a short ``text`` message with ``mentioned_mobile_list`` follows
the digest to do that. Success is ``errcode`` 0; markdown content is capped at 4096 bytes.
"""

from __future__ import annotations

from facilitator.channels.base import JsonBody
from facilitator.channels.robots import Robot, json_answer


class WeCom(Robot):
    name = "wecom"
    label = "WeCom"
    labels = {"zh": "企业微信群", "en": "WeCom group"}
    limit = 4000  # under WeCom's 4096 bytes of markdown
    order = 10
    url_setting = "wecom"
    mention_note = True

    def request(self, url: str, secret: str, *, title: str, text: str, mobiles: list[str], lang: str,
                kind: str = "markdown", now: float | None = None) -> tuple[str, JsonBody]:
        if kind == "text":
            return url, {"msgtype": "text", "text": {"content": text, "mentioned_mobile_list": list(mobiles)}}
        return url, {"msgtype": "markdown", "markdown": {"content": text}}

    def check(self, raw: bytes) -> str:
        return json_answer(self, raw, "errcode", "errmsg")


CHANNEL = WeCom()
