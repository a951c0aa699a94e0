"""The mail forms take at least MAIL_FORM_FLOOR to answer, whether or not the typed address
has an account, and without SMTP the mail is a file before the answer comes."""

from __future__ import annotations

import time
from typing import Any

from litestar.testing import AsyncTestClient
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.settings import Settings
from registry.web import MAIL_FORM_FLOOR
from tests.web.helpers import PASSWORD, Browser, person

Maker = async_sessionmaker[AsyncSession]


async def timed(browser: Browser, path: str, form: dict[str, str]) -> tuple[Any, float]:
    token = await browser.csrf_token()  # fetched first: only the post itself is timed
    started = time.monotonic()
    answer = await browser.client.post(
        path,
        data={"_csrf_token": token, **form},
        headers={"Accept": "text/html"},
        follow_redirects=False,
    )
    return answer, time.monotonic() - started


async def test_forgot_password_takes_the_floor_for_known_and_unknown_addresses(
    client: AsyncTestClient[Any], sessionmaker: Maker, settings: Settings
) -> None:
    await person(sessionmaker, "worker", "bekend@example.nl")
    browser = Browser(client)
    before = set(settings.outbox_dir.glob("*.eml")) if settings.outbox_dir.exists() else set()
    known, known_time = await timed(browser, "/wachtwoord-vergeten", {"email": "bekend@example.nl"})
    # Without SMTP the mail is written before the answer, inside the floor.
    written = set(settings.outbox_dir.glob("*.eml")) - before
    assert len(written) == 1
    unknown, unknown_time = await timed(
        browser, "/wachtwoord-vergeten", {"email": "onbekend@example.nl"}
    )
    assert known.status_code == unknown.status_code == 200
    assert known_time >= MAIL_FORM_FLOOR
    assert unknown_time >= MAIL_FORM_FLOOR


async def test_change_of_address_takes_the_floor_for_taken_and_free_addresses(
    client: AsyncTestClient[Any], sessionmaker: Maker
) -> None:
    await person(sessionmaker, "worker", "sam@example.nl")
    await person(sessionmaker, "worker", "bezet@example.nl")
    browser = Browser(client)
    await browser.sign_in("sam@example.nl")
    for address in ("bezet@example.nl", "vrij@example.nl"):
        form = {"email": address, "password": PASSWORD}
        answer, took = await timed(browser, "/account/e-mailadres", form)
        assert answer.status_code == 303
        assert took >= MAIL_FORM_FLOOR, address
