"""A real SMTP server on 127.0.0.1 (aiosmtpd) that keeps every mail it receives."""

from __future__ import annotations

import email
import email.policy
import re
import socket
import threading
import time
from collections.abc import Iterator
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller

LINK = re.compile(r"https?://\S+")


class Inbox:
    """The mails an SMTP server received, parsed; a handler for aiosmtpd."""

    def __init__(self) -> None:
        self.mails: list[EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self._lock = threading.Lock()
        self.refuse = False  # answer 451 (try again later) to every mail while set

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.refuse:
            return "451 Try again later"
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        with self._lock:
            self.mails.append(message)
            self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.mails if m["To"] == address]

    def wait_for(self, count: int, timeout: float = 10) -> list[EmailMessage]:
        deadline = time.monotonic() + timeout
        while len(self.mails) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.mails

    def clear(self) -> None:
        with self._lock:
            self.mails.clear()
            self.envelopes.clear()


def plain(message: EmailMessage) -> str:
    part = message.get_body(("plain",))
    assert part is not None
    content: str = part.get_content()  # type: ignore[attr-defined]
    return content


def html(message: EmailMessage) -> str:
    part = message.get_body(("html",))
    assert part is not None
    content: str = part.get_content()  # type: ignore[attr-defined]
    return content


def links(message: EmailMessage, path: str = "") -> list[str]:
    """The links in the plain-text part (each once, in order), optionally only to `path`."""
    found = dict.fromkeys(LINK.findall(plain(message)))
    return [link for link in found if path in link]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def smtp_server() -> Iterator[tuple[Inbox, str]]:
    """Start aiosmtpd on a free loopback port; yields the inbox and `smtp://` URL."""
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, f"smtp://127.0.0.1:{port}"
    finally:
        controller.stop()
