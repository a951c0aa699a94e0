"""Sending over SMTP with the standard library, in a worker thread (never in a request)."""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Sequence
from dataclasses import dataclass
from email.utils import parseaddr
from urllib.parse import parse_qs, unquote, urlsplit

from schemas.errors.service import BadSmtpUrlError

TIMEOUT = 30


@dataclass(frozen=True, slots=True)
class SmtpTarget:
    host: str
    port: int
    user: str | None = None
    password: str | None = None
    starttls: bool = False
    tls: bool = False  # smtps://: TLS from the first byte


def parse_smtp_url(url: str) -> SmtpTarget:
    """`smtp://[user:password@]host[:port][?starttls=1]`, or `smtps://` for implicit TLS."""
    parts = urlsplit(url)
    if parts.scheme not in {"smtp", "smtps"} or not parts.hostname:
        raise BadSmtpUrlError("REGISTRY_SMTP_URL looks like smtp://host:port")
    flags = parse_qs(parts.query)
    return SmtpTarget(
        host=parts.hostname,
        port=parts.port or (465 if parts.scheme == "smtps" else 25),
        user=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
        starttls=flags.get("starttls", ["0"])[0] in {"1", "true", "yes"},
        tls=parts.scheme == "smtps",
    )


class PartlySentError(Exception):
    """Sending stopped part-way: `sent` lists what the server did take."""

    def __init__(self, sent: list[int], cause: Exception) -> None:
        super().__init__(f"{len(sent)} sent, then: {cause!r}")
        self.sent = sent


def send_all(target: SmtpTarget, sender: str, mails: Sequence[tuple[int, str, bytes]]) -> None:
    """Send (id, recipient, message) over one connection; blocking, so run it in a thread."""
    envelope_from = parseaddr(sender)[1]
    sent: list[int] = []
    try:
        context = ssl.create_default_context()
        client = (
            smtplib.SMTP_SSL(target.host, target.port, timeout=TIMEOUT, context=context)
            if target.tls
            else smtplib.SMTP(target.host, target.port, timeout=TIMEOUT)
        )
        with client:
            if target.starttls:
                client.starttls(context=context)
            if target.user is not None:
                client.login(target.user, target.password or "")
            for mail_id, recipient, message in mails:
                client.sendmail(envelope_from, [recipient], message)
                sent.append(mail_id)
    except (OSError, smtplib.SMTPException) as error:
        raise PartlySentError(sent, error) from error
