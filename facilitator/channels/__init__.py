"""Delivery channels for follow-ups: mail over SMTP and the WeCom, Feishu and DingTalk
group robots. Each channel turns one message into the platform's documented request
and either returns the server's answer or raises ``DeliveryError`` with it.
"""

from __future__ import annotations


class DeliveryError(Exception):
    """The message did not arrive: the text is the server's answer, or why there was none."""
