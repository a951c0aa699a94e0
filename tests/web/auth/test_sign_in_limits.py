"""Limits on guessing and on mail forms: the real wait on the page and in `Retry-After`, the
`too-many-requests` code, and wrong passwords limited per address whichever client sends them."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import msgspec
import pytest
from litestar.testing import AsyncTestClient
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from registry.accounts.signin import FAILURES_PER_ADDRESS
from registry.app import create_app
from registry.settings import Settings
from tests.mail_helpers import Inbox
from tests.web.account_helpers import Mailroom, press
from tests.web.helpers import HTML, Browser, person

Maker = async_sessionmaker[AsyncSession]
SAM = "sam@example.nl"


@pytest.fixture
async def roomy(
    mail_settings: Settings, engine: AsyncEngine
) -> AsyncIterator[AsyncTestClient[Any]]:
    """An app whose per-client limit is far away, so only the per-address limit acts."""
    loose = msgspec.structs.replace(mail_settings, sign_in_per_minute=1000)
    async with AsyncTestClient(create_app(loose), base_url="http://testserver.local") as client:
        yield client


# An app of its own, with an engine of its own.
@pytest.mark.committed
async def test_a_mail_form_limit_says_the_real_wait_on_pages_and_in_the_api(
    settings: Settings, engine: AsyncEngine
) -> None:
    strict = msgspec.structs.replace(settings, mail_forms_per_hour=1)
    async with AsyncTestClient(create_app(strict), base_url="http://testserver.local") as client:
        browser = Browser(client)
        assert (await browser.post("/wachtwoord-vergeten", {"email": SAM})).status_code == 200
        refused = await browser.post("/wachtwoord-vergeten", {"email": SAM})
        assert refused.status_code == 429
        assert 3500 < int(refused.headers["retry-after"]) <= 3600
        assert "Wacht 60 minuten en probeer het dan opnieuw" in refused.text
        assert "too-many-requests" in refused.text
        form = {"_csrf_token": await browser.csrf_token(), "email": SAM}
        machine = await client.post("/wachtwoord-vergeten", data=form)
    assert machine.status_code == 429
    assert machine.json()["code"] == "too-many-requests"
    assert machine.json()["retryAfter"] == int(machine.headers["retry-after"])


# An app of its own, with an engine of its own.
@pytest.mark.committed
async def test_wrong_passwords_are_limited_per_address_from_any_client(
    roomy: AsyncTestClient[Any], sessionmaker: Maker, mail_settings: Settings, inbox: Inbox
) -> None:
    await person(sessionmaker, "worker", SAM)
    for n in range(FAILURES_PER_ADDRESS):
        roomy.cookies.clear()  # as if from another client each time
        answer = await Browser(roomy).sign_in(SAM, f"fout-wachtwoord-{n}")
        assert answer.status_code == 400
    roomy.cookies.clear()
    locked = await Browser(roomy).sign_in(SAM)  # the right password: refused all the same
    assert locked.status_code == 429
    assert 800 < int(locked.headers["retry-after"]) <= 900
    assert "Wacht 15 minuten" in locked.text
    assert "llo_session" not in locked.headers.get("set-cookie", "")
    # An address without an account answers the same way: the lock tells nothing.
    for n in range(FAILURES_PER_ADDRESS):
        await Browser(roomy).sign_in("niemand@example.nl", f"fout-wachtwoord-{n}")
    assert (await Browser(roomy).sign_in("niemand@example.nl")).status_code == 429
    # A password reset ends the lock.
    mailroom = Mailroom(sessionmaker, mail_settings, inbox)
    browser = Browser(roomy)
    await browser.post("/wachtwoord-vergeten", {"email": SAM})
    done = await press(
        browser, await mailroom.link(SAM, "/wachtwoord-herstellen"), password="nieuw-wachtwoord-1"
    )
    assert done.status_code == 303
    assert (await browser.sign_in(SAM, "nieuw-wachtwoord-1")).status_code == 303


# An app of its own, with an engine of its own.
@pytest.mark.committed
async def test_a_browser_that_signed_in_before_is_not_locked_out_by_strangers(
    roomy: AsyncTestClient[Any], sessionmaker: Maker
) -> None:
    await person(sessionmaker, "worker", SAM)
    own = Browser(roomy)
    assert (await own.sign_in(SAM)).status_code == 303
    known = roomy.cookies.get("llo_known")
    assert known
    for n in range(FAILURES_PER_ADDRESS):
        roomy.cookies.clear()
        await Browser(roomy).sign_in(SAM, f"fout-wachtwoord-{n}")
    roomy.cookies.clear()
    assert (await Browser(roomy).sign_in(SAM)).status_code == 429
    roomy.cookies.clear()
    roomy.cookies.set("llo_known", known)
    assert (await own.sign_in(SAM)).status_code == 303
    # The cookie is for that address only.
    await person(sessionmaker, "worker", "ander@example.nl")
    for n in range(FAILURES_PER_ADDRESS):
        await own.sign_in("ander@example.nl", f"fout-wachtwoord-{n}")
    assert (await own.sign_in("ander@example.nl")).status_code == 429
    assert (await roomy.get("/inloggen", headers=HTML)).status_code == 200
