"""Group robots: WeCom (企业微信), Feishu (飞书) and DingTalk (钉钉) custom bots.

Each takes the full webhook URL the platform hands out, so a robot on a test server
on this machine is addressed exactly like the real one. The request formats follow
the platforms' documentation:

- WeCom: ``{"msgtype": "markdown", "markdown": {"content": ...}}``. Markdown messages
  cannot @-mention by mobile; a short ``text`` message with ``mentioned_mobile_list``
  does that. Success is ``errcode`` 0.
- Feishu: ``{"msg_type": "post", "content": {"post": {LANG: {"title", "content"}}}}``
  and, for a signed robot, ``timestamp`` (seconds) and ``sign``: base64 of
  HMAC-SHA256 keyed with ``"timestamp\\nsecret"`` over an empty message. Success is
  ``code`` 0. Custom bots mention only by open_id, so owners are named in the text.
- DingTalk: ``{"msgtype": "markdown", "markdown": {"title", "text"}, "at":
  {"atMobiles": [...]}}`` (the text carries ``@mobile`` for each); a signed robot gets
  ``timestamp`` (milliseconds) and ``sign`` query parameters: base64 of HMAC-SHA256
  keyed with the secret over ``"timestamp\\nsecret"``, URL-encoded. Success is
  ``errcode`` 0.

Plain urllib: three JSON POSTs do not justify a dependency, and the SDKs found
either build the platform URL themselves from a token or cover one platform only.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from facilitator.channels import DeliveryError
from facilitator.model import masked_url as masked

__all__ = ["masked"]

ROBOTS = ("wecom", "feishu", "dingtalk")
NAMES = {"wecom": "WeCom", "feishu": "Feishu", "dingtalk": "DingTalk"}


def feishu_sign(timestamp: str, secret: str) -> str:
    key = f"{timestamp}\n{secret}".encode()
    return base64.b64encode(hmac.new(key, b"", hashlib.sha256).digest()).decode()


def dingtalk_sign(timestamp: str, secret: str) -> str:
    """The ``sign`` value before URL-encoding."""
    digest = hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def dingtalk_url(url: str, secret: str, now: float) -> str:
    if not secret:
        return url
    timestamp = str(int(now * 1000))
    sep = "&" if urllib.parse.urlsplit(url).query else "?"
    return f"{url}{sep}timestamp={timestamp}&sign={urllib.parse.quote_plus(dingtalk_sign(timestamp, secret))}"


def wecom_body(text: str, mobiles: list[str], kind: str = "markdown") -> dict[str, Any]:
    if kind == "text":
        return {"msgtype": "text", "text": {"content": text, "mentioned_mobile_list": list(mobiles)}}
    return {"msgtype": "markdown", "markdown": {"content": text}}


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


def feishu_body(title: str, text: str, lang: str, secret: str, now: float) -> dict[str, Any]:
    lines = plain_lines(text)
    body: dict[str, Any] = {
        "msg_type": "post",
        "content": {"post": {"zh_cn" if lang == "zh" else "en_us": {
            "title": title,
            "content": [[{"tag": "text", "text": line}] for line in lines],
        }}},
    }
    if secret:
        timestamp = str(int(now))
        body["timestamp"] = timestamp
        body["sign"] = feishu_sign(timestamp, secret)
    return body


def dingtalk_body(title: str, text: str, mobiles: list[str]) -> dict[str, Any]:
    return {
        "msgtype": "markdown",
        "markdown": {"title": title, "text": text},
        "at": {"atMobiles": list(mobiles), "isAtAll": False},
    }


def request_for(
    robot: str, url: str, secret: str, *, title: str, text: str, mobiles: list[str], lang: str,
    kind: str = "markdown", now: float | None = None,
) -> tuple[str, dict[str, Any]]:
    """The URL and JSON body of one robot message (``now`` fixes the signature's time)."""
    now = time.time() if now is None else now
    if robot == "wecom":
        return url, wecom_body(text, mobiles, kind)
    if robot == "feishu":
        return url, feishu_body(title, text, lang, secret, now)
    if robot == "dingtalk":
        return dingtalk_url(url, secret, now), dingtalk_body(title, text, mobiles)
    raise ValueError(f"unknown robot {robot!r}")


def check_answer(robot: str, raw: bytes) -> str:
    """The answer as one line if it says the message was accepted; else ``DeliveryError``."""
    text = raw.decode("utf-8", errors="replace").strip()
    try:
        data = json.loads(text)
    except ValueError:
        raise DeliveryError(f"not a {NAMES[robot]} answer: {text[:200]}") from None
    if not isinstance(data, dict):
        raise DeliveryError(f"not a {NAMES[robot]} answer: {text[:200]}")
    if robot == "feishu":
        code = data.get("code", data.get("StatusCode"))
        message = data.get("msg", data.get("StatusMessage", ""))
    else:
        code, message = data.get("errcode"), data.get("errmsg", "")
    line = f"{'code' if robot == 'feishu' else 'errcode'} {code}: {message}"
    if code != 0:
        raise DeliveryError(line)
    return line


def post(robot: str, url: str, body: dict[str, Any], timeout: float) -> str:
    """POST the JSON body; returns the accepted answer or raises ``DeliveryError``."""
    from facilitator.addresses import url_problem

    problem = url_problem(url)
    if problem is not None:  # checked at load too; never let urllib open file:// or ftp://
        raise DeliveryError(f"not sent: the robot URL {problem}")
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
    return check_answer(robot, raw)


