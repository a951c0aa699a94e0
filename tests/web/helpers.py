"""Page tests without a browser: the app's test client, a signed-in person, CSRF-aware forms."""

from __future__ import annotations

import re
from typing import Any

from litestar.testing import AsyncTestClient
from markupsafe import escape
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.accounts.accounts import create_account
from registry.accounts.signin import set_password
from registry.models import Account
from schemas.common import Role
from schemas.text import control_character
from tests.conftest import PASSWORDS
from tests.isolation import METADATA

HTML = {"Accept": "text/html"}
PASSWORD = "een-goed-wachtwoord"
CSRF_FIELD = re.compile(r'name="_csrf_token" value="([^"]+)"')


class Browser:
    """Drives the pages like a browser does: cookies kept, HTML asked for, CSRF token sent."""

    def __init__(self, client: AsyncTestClient[Any]) -> None:
        self.client = client

    async def get(self, path: str, **kwargs: Any) -> Any:
        return await self.client.get(path, headers=HTML, **kwargs)

    async def csrf_token(self) -> str:
        page = await self.get("/inloggen")
        match = CSRF_FIELD.search(page.text)
        assert match is not None, "the sign-in page carries a CSRF token"
        return match.group(1)

    async def post(
        self, path: str, data: dict[str, Any] | None = None, files: Any = None, **kwargs: Any
    ) -> Any:
        """Submit a form the way the page does, with the CSRF token; redirects not followed,
        so a test sees the 303 and its `location`."""
        form = {"_csrf_token": await self.csrf_token(), **(data or {})}
        kwargs.setdefault("follow_redirects", False)
        return await self.client.post(path, data=form, files=files, headers=HTML, **kwargs)

    async def sign_in(self, email: str, password: str = PASSWORD) -> Any:
        return await self.post("/inloggen", {"email": email, "password": password})


async def person(
    sessionmaker: async_sessionmaker[AsyncSession],
    role: Role,
    email: str,
    *,
    name: str | None = None,
    provider: str | None = None,
) -> Account:
    """An account that can sign in on the web pages with PASSWORD."""
    async with sessionmaker() as session, session.begin():
        existing = await session.scalar(select(Account).where(Account.email == email))
        account = existing or await create_account(
            session, role=role, name=name or f"Test {role}", email=email, provider_slug=provider
        )
        set_password(account, PASSWORD, PASSWORDS)
    return account


async def signed_in(
    client: AsyncTestClient[Any],
    sessionmaker: async_sessionmaker[AsyncSession],
    role: Role,
    email: str,
    **kwargs: Any,
) -> Browser:
    """A Browser signed in as a new account with this role."""
    await person(sessionmaker, role, email, **kwargs)
    browser = Browser(client)
    answer = await browser.sign_in(email)
    assert answer.status_code in {200, 303}, answer.text
    return browser


async def table_counts(sessionmaker: async_sessionmaker[AsyncSession]) -> dict[str, int]:
    """Rows per table as this test sees them: the same before and after a refused form
    means the form wrote nothing, anywhere."""
    async with sessionmaker() as session:
        return {
            table.name: int(await session.scalar(select(func.count()).select_from(table)) or 0)
            for table in METADATA.sorted_tables
        }


def assert_form_again(answer: Any, field: str, named: str, kept: list[str]) -> None:
    """A form shown again for a control character in `field`: status 422, the field there,
    the error naming it as a person knows it (`named`: "'Titel'", its label in quotes), each
    `kept` piece of what was typed (as the HTML writes it) in the page, and no control
    character anywhere in the page."""
    assert answer.status_code == 422, answer.text
    assert answer.headers["content-type"].startswith("text/html")
    assert f'name="{field}"' in answer.text
    assert escape(f"In {named} staat een onzichtbaar stuurteken") in answer.text, answer.text
    for text in kept:
        assert text in answer.text, text
    assert control_character(answer.text) is None
