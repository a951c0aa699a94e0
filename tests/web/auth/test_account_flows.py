"""Accounts you can trust, over HTTP with mail to a real SMTP server on 127.0.0.1: proven
addresses before anything is attached, single-use links, password reset, and sign-up that
answers the same for every address."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from litestar.testing import AsyncTestClient
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.accounts.accounts import create_account
from registry.models import AccountToken, Wallet, WebSession
from registry.settings import Settings
from tests.conftest import PASSWORDS
from tests.mail_helpers import Inbox
from tests.registry.wallet_helpers import World
from tests.web.account_helpers import Mailroom, press, sign_up
from tests.web.helpers import PASSWORD, Browser, person

Maker = async_sessionmaker[AsyncSession]
JAN = "jan.bakker@example.nl"


@pytest.fixture
def mailroom(sessionmaker: Maker, mail_settings: Settings, inbox: Inbox) -> Mailroom:
    return Mailroom(sessionmaker, mail_settings, inbox)


async def _issue_to(world: World, email: str, name: str = "Jan Bakker") -> dict[str, Any]:
    response = await world.client.post(
        "/api/credentials",
        json={
            "kind": "module-certificate",
            "moduleId": world.module["id"],
            "holder": {"email": email, "name": name},
        },
        headers=world.provider,
    )
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result


async def test_sign_up_with_an_address_that_has_credentials_shows_nothing_until_proven(
    world: World, mailroom: Mailroom, sessionmaker: Maker
) -> None:
    issued = await _issue_to(world, JAN)
    browser = Browser(world.client)
    answer = await sign_up(browser, JAN)
    assert answer.status_code == 200
    assert "Kijk in je mail" in answer.text
    assert "llo_session" not in answer.headers.get("set-cookie", "")  # nobody is signed in
    # Signed in, but unproven: the confirm page, never the CV; the API refuses the wallet.
    signed_in = await browser.sign_in(JAN)
    assert signed_in.headers["location"] == "/account/bevestigen"
    cv = await browser.get("/mijn-cv", follow_redirects=False)
    assert (cv.status_code, cv.headers["location"]) == (303, "/account/bevestigen")
    confirm = await browser.get("/account/bevestigen")
    assert "Bevestig eerst je e-mailadres" in confirm.text
    assert "Laadpaalmonteur" not in confirm.text
    api = await mailroom.api_headers(JAN)
    refused = await world.client.get("/api/me/credentials", headers=api)
    assert (refused.status_code, refused.json()["code"]) == (403, "email-not-verified")
    async with sessionmaker() as session:
        wallet = await session.scalar(select(Wallet).where(Wallet.email == JAN))
    assert wallet is not None
    assert wallet.account_id is None  # still unclaimed
    # The link in the mail proves the address; now the credential is there.
    done = await press(browser, await mailroom.link(JAN, "/e-mailadres-bevestigen"))
    assert done.status_code == 303
    assert done.headers["location"].startswith("/mijn-cv")
    cv = await browser.get("/mijn-cv")
    assert cv.status_code == 200
    assert "Laadpaalmonteur" in cv.text
    mine = await world.client.get("/api/me/credentials", headers=api)
    assert [c["credentialId"] for c in mine.json()["items"]] == [issued["id"]]


async def test_the_link_asks_for_the_password_when_nobody_is_signed_in(
    mail_client: AsyncTestClient[Any], mailroom: Mailroom
) -> None:
    await sign_up(Browser(mail_client), JAN)
    link = await mailroom.link(JAN, "/e-mailadres-bevestigen")
    browser = Browser(mail_client)
    shown = await browser.get(link)
    assert 'name="password"' in shown.text
    refused = await press(browser, link)
    assert refused.status_code == 400
    assert "Dit is niet het wachtwoord van dit account" in refused.text
    assert not (await mailroom.account(JAN)).is_verified  # and the link is not used up
    done = await press(browser, link, password=PASSWORD)
    assert done.headers["location"] == "/mijn-cv?klaar=bevestigd"
    page = await browser.get(done.headers["location"])
    # Signed in by the link's page (the password was given), so not "sign in to go on".
    assert "Je e-mailadres is bevestigd. Je bent nu ingelogd." in page.text
    assert "Log in om verder te gaan" not in page.text
    assert (await mailroom.account(JAN)).is_verified


async def test_a_stranger_who_signs_up_with_your_address_cannot_get_your_credentials(
    world: World, mailroom: Mailroom
) -> None:
    """The real owner pressing the button in a mail they did not ask for must not hand the
    stranger's account (and the stranger's password) the wallet of the address."""
    await _issue_to(world, JAN)
    stranger = Browser(world.client)
    await sign_up(stranger, JAN, "Niet Jan")  # the stranger's own password
    link = await mailroom.link(JAN, "/e-mailadres-bevestigen")
    jan = Browser(world.client)
    for guess in ("", "jans-eigen-wachtwoord"):
        refused = await press(jan, link, password=guess)
        assert refused.status_code == 400
    assert not (await mailroom.account(JAN)).is_verified
    await stranger.sign_in(JAN)
    api = await mailroom.api_headers(JAN)
    mine = await world.client.get("/api/me/credentials", headers=api)
    assert (mine.status_code, mine.json()["code"]) == (403, "email-not-verified")
    # Jan takes the address back with a password reset, which proves it. (The Browsers share
    # the test client's cookies: Jan's starts without the stranger's session.)
    world.client.cookies.clear()
    await jan.post("/wachtwoord-vergeten", {"email": JAN})
    reset = await mailroom.link(JAN, "/wachtwoord-herstellen")
    await press(jan, reset, password="jans-eigen-wachtwoord", name="Jan Bakker", role="worker")
    await jan.sign_in(JAN, "jans-eigen-wachtwoord")
    cv = await jan.get("/mijn-cv")
    assert cv.status_code == 200
    assert "Laadpaalmonteur" in cv.text
    assert "Niet Jan" not in cv.text


async def test_moving_an_account_to_someone_elses_address_needs_the_accounts_password(
    world: World, mailroom: Mailroom, sessionmaker: Maker
) -> None:
    await _issue_to(world, JAN)
    await person(sessionmaker, "worker", "vreemde@example.nl", name="Vreemde")
    stranger = Browser(world.client)
    await stranger.sign_in("vreemde@example.nl")
    asked = await stranger.post("/account/e-mailadres", {"email": JAN, "password": PASSWORD})
    assert asked.headers["location"] == "/account?klaar=mail"
    link = await mailroom.link(JAN, "/e-mailadres-wijzigen")
    world.client.cookies.clear()  # Jan's browser, not the stranger's
    refused = await press(Browser(world.client), link, password="jans-eigen-wachtwoord")
    assert refused.status_code == 400
    assert (await mailroom.account("vreemde@example.nl")).email == "vreemde@example.nl"


async def test_a_used_or_expired_link_is_refused(
    mail_client: AsyncTestClient[Any], mailroom: Mailroom, sessionmaker: Maker
) -> None:
    browser = Browser(mail_client)
    await sign_up(browser, JAN)
    link = await mailroom.link(JAN, "/e-mailadres-bevestigen")
    assert (await press(browser, link, password=PASSWORD)).status_code == 303
    again = await browser.get(link)
    assert again.status_code == 410
    assert "Deze link is al gebruikt" in again.text
    code = link.partition("code=")[2]
    reused = await browser.post("/e-mailadres-bevestigen", {"code": code})
    assert reused.status_code == 410
    await sign_up(browser, "piet@example.nl", "Piet")
    late = await mailroom.link("piet@example.nl", "/e-mailadres-bevestigen")
    async with sessionmaker() as session, session.begin():
        await session.execute(
            update(AccountToken).values(expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(1))
        )
    expired = await browser.get(late)
    assert expired.status_code == 410
    assert "Deze link is verlopen" in expired.text
    refused = await browser.post("/e-mailadres-bevestigen", {"code": late.partition("code=")[2]})
    assert refused.status_code == 410
    assert not (await mailroom.account("piet@example.nl")).is_verified
    unknown = await browser.get("/e-mailadres-bevestigen?code=made-up-code-123")
    assert unknown.status_code == 404


async def test_sign_up_answers_the_same_for_known_and_unknown_addresses(
    mail_client: AsyncTestClient[Any], mailroom: Mailroom, sessionmaker: Maker
) -> None:
    await person(sessionmaker, "worker", "bekend@example.nl", name="Bekende")
    browser = Browser(mail_client)
    known = await sign_up(browser, "bekend@example.nl", "Iemand")
    unknown = await sign_up(browser, "onbekend@example.nl", "Iemand")

    def shown(answer: Any, address: str) -> str:
        text = answer.text.replace(address, "ADDRESS")
        return re.sub(r'name="_csrf_token" value="[^"]+"', "", text)

    assert known.status_code == unknown.status_code == 200
    assert shown(known, "bekend@example.nl") == shown(unknown, "onbekend@example.nl")
    assert known.headers.get("set-cookie") == unknown.headers.get("set-cookie")
    # The owner of the known address hears "you already have an account" with a reset link.
    [exists] = await mailroom.to("bekend@example.nl")
    assert exists["Subject"].startswith("Je hebt al een account")
    assert await mailroom.link("bekend@example.nl", "/wachtwoord-herstellen")
    [verify] = await mailroom.to("onbekend@example.nl")
    assert verify["Subject"].startswith("Bevestig je e-mailadres")
    async with sessionmaker() as session:
        names = list(await session.scalars(select(func.count()).select_from(WebSession)))
    assert names == [0]


async def test_a_reset_sets_the_password_proves_the_address_and_ends_every_session(
    mail_client: AsyncTestClient[Any], mailroom: Mailroom, sessionmaker: Maker
) -> None:
    # Someone else signed up with Jan's address first and is signed in somewhere.
    squatter = Browser(mail_client)
    await sign_up(squatter, JAN, "Niet Jan", role="employer")
    await squatter.sign_in(JAN)
    old_cookie = mail_client.cookies.get("llo_session")
    assert old_cookie
    # The real Jan signs up, hears he has an account, and chooses a new password.
    mail_client.cookies.clear()
    jan = Browser(mail_client)
    await sign_up(jan, JAN)
    page = await jan.get("/inloggen")
    assert 'href="/wachtwoord-vergeten"' in page.text
    reset_link = await mailroom.link(JAN, "/wachtwoord-herstellen")
    short = await press(jan, reset_link, password="kort", role="worker", name="Jan Bakker")
    assert short.status_code == 400
    # The address was never proven, so whoever proves it now also chooses name and role.
    nameless = await press(jan, reset_link, password="jans-eigen-wachtwoord", role="worker")
    assert nameless.status_code == 400
    assert 'name="role"' in nameless.text
    done = await press(
        jan, reset_link, password="jans-eigen-wachtwoord", role="worker", name="Jan Bakker"
    )
    assert done.headers["location"] == "/inloggen?hersteld=1"
    account = await mailroom.account(JAN)
    assert (account.role, account.name) == ("worker", "Jan Bakker")
    async with sessionmaker() as session:
        assert await session.scalar(select(func.count()).select_from(WebSession)) == 0
    mail_client.cookies.set("llo_session", old_cookie)
    ended = await jan.get("/account", follow_redirects=False)
    assert ended.headers["location"].startswith("/inloggen")
    mail_client.cookies.clear()
    assert (await jan.sign_in(JAN)).status_code == 400  # the old password is gone
    signed_in = await jan.sign_in(JAN, "jans-eigen-wachtwoord")
    assert signed_in.headers["location"] == "/mijn-cv"  # the reset proved the address
    assert (await jan.get(reset_link)).status_code == 410


async def test_forgot_password_answers_the_same_and_mails_only_a_known_address(
    mail_client: AsyncTestClient[Any], mailroom: Mailroom, sessionmaker: Maker
) -> None:
    await person(sessionmaker, "worker", "bekend@example.nl")
    browser = Browser(mail_client)
    answers = [
        await browser.post("/wachtwoord-vergeten", {"email": address})
        for address in ("bekend@example.nl", "onbekend@example.nl")
    ]
    assert [a.status_code for a in answers] == [200, 200]
    assert answers[0].text.replace("bekend@", "X@") == answers[1].text.replace("onbekend@", "X@")
    assert len(await mailroom.to("bekend@example.nl")) == 1
    assert await mailroom.to("onbekend@example.nl") == []


async def test_mails_to_one_address_are_limited_per_hour(
    mail_client: AsyncTestClient[Any], mailroom: Mailroom, sessionmaker: Maker
) -> None:
    await person(sessionmaker, "worker", "bekend@example.nl")
    browser = Browser(mail_client)
    for _ in range(5):
        answer = await browser.post("/wachtwoord-vergeten", {"email": "bekend@example.nl"})
        assert answer.status_code == 200
    assert len(await mailroom.to("bekend@example.nl")) == 3


# An app of its own, with an engine of its own.
@pytest.mark.committed
async def test_mail_forms_are_limited_per_client(
    mail_settings: Settings, engine: Any, mailroom: Mailroom
) -> None:
    import msgspec

    from registry.app import create_app

    strict = msgspec.structs.replace(mail_settings, mail_forms_per_hour=2)
    async with AsyncTestClient(create_app(strict), base_url="http://testserver.local") as client:
        browser = Browser(client)
        answers = [
            await browser.post("/wachtwoord-vergeten", {"email": f"{n}@example.nl"})
            for n in range(3)
        ]
        assert [a.status_code for a in answers] == [200, 200, 429]
        assert (await browser.sign_in("nobody@example.nl", "wrong-password")).status_code == 400


async def test_an_unverified_account_gets_a_link_at_sign_in_and_can_ask_again(
    mail_client: AsyncTestClient[Any], mailroom: Mailroom, sessionmaker: Maker
) -> None:
    # As the migration leaves an account made on /account-maken before proof was asked.
    async with sessionmaker() as session, session.begin():
        account = await create_account(
            session, role="worker", name="Oud", email="oud@example.nl", verified=False
        )
        from registry.accounts.signin import set_password

        set_password(account, PASSWORD, PASSWORDS)
    browser = Browser(mail_client)
    answer = await browser.sign_in("oud@example.nl")
    assert answer.headers["location"] == "/account/bevestigen"
    assert len(await mailroom.to("oud@example.nl")) == 1
    await browser.sign_in("oud@example.nl")
    assert len(await mailroom.to("oud@example.nl")) == 1  # not a mail per sign-in
    again = await browser.post("/account/bevestigen/opnieuw")
    assert again.headers["location"] == "/account/bevestigen?klaar=verstuurd"
    assert len(await mailroom.to("oud@example.nl")) == 2
    done = await press(browser, await mailroom.link("oud@example.nl", "/e-mailadres-bevestigen"))
    assert done.headers["location"].startswith("/mijn-cv")
    assert (await browser.get("/mijn-cv")).status_code == 200
