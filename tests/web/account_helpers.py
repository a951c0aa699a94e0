"""Accounts through the pages, with mail to a real SMTP server: follow what arrives."""

from __future__ import annotations

import re
from email.message import EmailMessage
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.accounts.accounts import issue_token
from registry.jobs.runner import run_due
from registry.models import Account
from registry.settings import Settings
from tests.mail_helpers import Inbox, links
from tests.web.helpers import PASSWORD, Browser

CODE_FIELD = re.compile(r'name="code" value="([^"]+)"')


class Mailroom:
    """Runs the job runner (as a server process would) and reads what the SMTP server got."""

    def __init__(
        self, sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, inbox: Inbox
    ) -> None:
        self.sessionmaker = sessionmaker
        self.settings = settings
        self.inbox = inbox

    async def to(self, address: str) -> list[EmailMessage]:
        """Every mail that reached `address` so far (queued jobs are run first)."""
        await run_due(self.sessionmaker, self.settings)
        return self.inbox.to(address)

    async def link(self, address: str, path: str) -> str:
        """The link to `path` in the newest mail to `address` that has one."""
        for mail in reversed(await self.to(address)):
            found = links(mail, path)
            if found:
                return found[0]
        raise AssertionError(f"no mail to {address} with a link to {path}")

    async def account(self, email: str) -> Account:
        async with self.sessionmaker() as session:
            account = await session.scalar(select(Account).where(Account.email == email))
        assert account is not None
        return account

    async def api_headers(self, email: str) -> dict[str, str]:
        """A bearer token for an account (as an operator could hand out)."""
        async with self.sessionmaker() as session, session.begin():
            account = await session.scalar(select(Account).where(Account.email == email))
            assert account is not None
            token = await issue_token(session, account)
        return {"Authorization": f"Bearer {token}"}


async def sign_up(
    browser: Browser, email: str, name: str = "Jan Bakker", role: str = "worker"
) -> Any:
    return await browser.post(
        "/account-maken", {"role": role, "name": name, "email": email, "password": PASSWORD}
    )


async def press(browser: Browser, link: str, **fields: str) -> Any:
    """Open a mailed link and press the page's button (with any extra form fields)."""
    page = await browser.get(link)
    assert page.status_code == 200, page.text
    match = CODE_FIELD.search(page.text)
    assert match is not None
    return await browser.post(urlsplit(link).path, {"code": match.group(1), **fields})
