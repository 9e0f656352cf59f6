"""Feishu (飞书) group robot.

Request: ``{"msg_type": "post", "content": {"post": {LANG: {"title", "content"}}}}``
and, for a signed robot, ``timestamp`` (seconds) and ``sign``: base64 of HMAC-SHA256
keyed with ``"timestamp\\nsecret"`` over an empty message. Success is ``code`` 0 (older
answers say ``StatusCode``). Custom bots mention only by open_id, so owners are named
in the text and nobody is tagged. A request may carry 20 KB.
"""

from __future__ import annotations

import time

from facilitator.channels.base import JsonBody
from facilitator.channels.robots import Robot, json_answer


def feishu_sign(timestamp: str, secret: str) -> str:
    import base64
    import hashlib
    import hmac

    key = f"{timestamp}\n{secret}".encode()
    return base64.b64encode(hmac.new(key, b"", hashlib.sha256).digest()).decode()


def plain_lines(text: str) -> list[str]:
    """Markdown reduced to what a Feishu ``post`` text element shows as meant: no
    heading line (the post has a title), no bold marks, list boxes as bullets."""
    lines = text.splitlines()
    if lines and lines[0].startswith("#"):
        lines = lines[1:]
    out = []
    for line in lines:
        line = line.replace("**", "")
        for box, mark in (("- [ ] ", "• "), ("- [x] ", "✓ "), ("- ", "• ")):
            if line.startswith(box):
                line = mark + line[len(box):]
                break
        out.append(line)
    while out and not out[0].strip():
        out.pop(0)
    return out


class Feishu(Robot):
    name = "feishu"
    label = "Feishu"
    labels = {"zh": "飞书群", "en": "Feishu group"}
    limit = 18000
    order = 20
    url_setting = "feishu"
    secret_setting = "feishu_secret"

    def request(self, url: str, secret: str, *, title: str, text: str, mobiles: list[str], lang: str,
                kind: str = "markdown", now: float | None = None) -> tuple[str, JsonBody]:
        body: JsonBody = {
            "msg_type": "post",
            "content": {"post": {"zh_cn" if lang == "zh" else "en_us": {
                "title": title,
                "content": [[{"tag": "text", "text": line}] for line in plain_lines(text)],
            }}},
        }
        if secret:
            timestamp = str(int(time.time() if now is None else now))
            body["timestamp"] = timestamp
            body["sign"] = feishu_sign(timestamp, secret)
        return url, body

    def check(self, raw: bytes) -> str:
        return json_answer(self, raw, "code", "msg", fallback=("StatusCode", "StatusMessage"))


CHANNEL = Feishu()
