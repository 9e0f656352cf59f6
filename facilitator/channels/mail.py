"""Mail over SMTP with the standard library.

The conversation is done step by step (MAIL, RCPT, DATA) instead of ``send_message``
so that the server's answer to DATA, the line that says it accepted the mail, can be
kept in the send log. The password is handed in by the caller (it comes from the
environment) and goes nowhere but the AUTH command.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from facilitator.channels.base import Channel, ChannelSettings, DeliveryError
from facilitator.config_tables import SmtpSettings
from facilitator.model import Outgoing

if TYPE_CHECKING:
    from email.message import EmailMessage

    from facilitator.config import Settings

# smtplib, ssl and email are imported where a mail is built or sent: every command reads
# the channel registry with the settings, and only a send needs the mail machinery.


def build_message(smtp: SmtpSettings, to: str, subject: str, body: str) -> EmailMessage:
    from email.message import EmailMessage
    from email.utils import formatdate, make_msgid

    msg = EmailMessage()
    msg["From"] = smtp.sender
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = formatdate(localtime=True)
    domain = smtp.sender.rpartition("@")[2] or None
    msg["Message-ID"] = make_msgid(domain=domain)
    msg.set_content(body, charset="utf-8")
    return msg


def _answer(code: int, text: bytes | str) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    return f"{code} {' '.join(text.split())}"


def send_mail(smtp: SmtpSettings, password: str, to: str, subject: str, body: str) -> str:
    """Deliver one mail; returns the server's answer to DATA (``250 ...``)."""
    import smtplib
    import ssl
    from email.policy import SMTP as SMTP_POLICY

    msg = build_message(smtp, to, subject, body)
    try:
        if smtp.ssl:
            client: smtplib.SMTP = smtplib.SMTP_SSL(smtp.host, smtp.port, timeout=smtp.timeout,
                                                    context=ssl.create_default_context())
        else:
            client = smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout)
        with client:
            client.ehlo()
            if smtp.starttls and not smtp.ssl:
                client.starttls(context=ssl.create_default_context())
                client.ehlo()
            if smtp.user:
                client.login(smtp.user, password)
            code, text = client.mail(smtp.sender)
            if code != 250:
                raise DeliveryError(f"sender refused: {_answer(code, text)}")
            code, text = client.rcpt(to)
            if code not in (250, 251):
                raise DeliveryError(f"recipient refused: {_answer(code, text)}")
            code, text = client.data(msg.as_bytes(policy=SMTP_POLICY))
            if code != 250:
                raise DeliveryError(f"message refused: {_answer(code, text)}")
            return _answer(code, text)
    except DeliveryError:
        raise
    except smtplib.SMTPAuthenticationError as exc:
        raise DeliveryError(f"login refused: {_answer(exc.smtp_code, exc.smtp_error)}") from None
    except smtplib.SMTPNotSupportedError:
        raise DeliveryError("the server offers no STARTTLS; set starttls = false in [smtp] if that is intended") from None
    except smtplib.SMTPResponseException as exc:
        raise DeliveryError(_answer(exc.smtp_code, exc.smtp_error)) from None
    except (smtplib.SMTPException, OSError) as exc:
        reason = "no answer in time" if isinstance(exc, TimeoutError) else str(exc) or type(exc).__name__
        raise DeliveryError(f"{smtp.host}:{smtp.port}: {reason}") from None


class Mail(Channel):
    """Mail to one owner at a time over the ``[smtp]`` server; the password comes from
    the environment (``FACILITATOR_SMTP_PASSWORD``), never from config.toml."""

    name = "email"
    label = "mail"
    labels = {"zh": "邮件", "en": "Mail"}
    audience = "person"
    order = 0

    @staticmethod
    def _full(settings: ChannelSettings) -> Settings:
        """Mail is the one channel that reads ``[smtp]`` and its password, which the shape the
        robots share does not name; the settings handed to any channel are the app's own."""
        return cast("Settings", settings)

    def url(self, settings: ChannelSettings) -> str:
        smtp = self._full(settings).smtp
        return f"{smtp.host}:{smtp.port}" if smtp.configured else ""

    def secret(self, settings: ChannelSettings) -> str:
        return self._full(settings).smtp_password.get_secret_value()

    def ready(self, settings: ChannelSettings) -> str | None:
        from facilitator.config import SMTP_PASSWORD_ENV

        settings = self._full(settings)
        if not settings.smtp.configured:
            return "no [smtp] host and from in config.toml: the mail cannot be sent"
        if settings.smtp.user and not self.secret(settings):
            return f"[smtp] user is set but {SMTP_PASSWORD_ENV} is not; set it in the environment"
        return None

    def send(self, settings: ChannelSettings, message: Outgoing) -> str:
        return send_mail(self._full(settings).smtp, self.secret(settings), message.address, message.subject, message.body)


CHANNEL = Mail()
