"""What account mails may say and how many may go: a self-chosen name is never greeted in a
mail to an address its account has not proven, and a name may be only a name."""

from __future__ import annotations

from typing import Any

import pytest
from litestar.testing import AsyncTestClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.models import Share
from registry.settings import Settings
from tests.mail_helpers import Inbox, plain
from tests.registry.wallet_helpers import World
from tests.web.account_helpers import Mailroom, press, sign_up
from tests.web.helpers import PASSWORD, Browser, person

Maker = async_sessionmaker[AsyncSession]
BAIT = "Bel 0900-1234 en ga naar evil"
SAM = "sam@example.nl"


@pytest.fixture
def mailroom(sessionmaker: Maker, mail_settings: Settings, inbox: Inbox) -> Mailroom:
    return Mailroom(sessionmaker, mail_settings, inbox)


async def test_mails_to_an_unproven_address_greet_without_the_chosen_name(
    mail_client: AsyncTestClient[Any], mailroom: Mailroom
) -> None:
    # A stranger signs up with Sam's address, and Sam (the real owner) signs up afterwards.
    stranger = Browser(mail_client)
    assert (await sign_up(stranger, SAM, BAIT)).status_code == 200
    assert (await sign_up(Browser(mail_client), SAM, "Sam de Vries")).status_code == 200
    verify, exists = await mailroom.to(SAM)
    for mail in (verify, exists):
        text = plain(mail)
        assert "Hallo,\r\n" in text
        assert "Hello,\r\n" in text
        assert BAIT not in text
    # Once the address is proven, the account's own name is greeted.
    link = await mailroom.link(SAM, "/e-mailadres-bevestigen")
    done = await press(stranger, link, password=PASSWORD)
    assert done.status_code == 303
    await stranger.post("/wachtwoord-vergeten", {"email": SAM})
    assert f"Hallo {BAIT}," in plain((await mailroom.to(SAM))[-1])


async def test_a_change_link_to_a_new_address_greets_without_a_name(
    mail_client: AsyncTestClient[Any], mailroom: Mailroom, sessionmaker: Maker
) -> None:
    await person(sessionmaker, "worker", SAM, name=BAIT)
    browser = Browser(mail_client)
    await browser.sign_in(SAM)
    answer = await browser.post(
        "/account/e-mailadres", {"email": "nieuw@example.nl", "password": PASSWORD}
    )
    assert answer.status_code in {200, 303}, answer.text
    [change] = await mailroom.to("nieuw@example.nl")
    assert BAIT not in plain(change)


@pytest.mark.parametrize(
    "name",
    [
        "Sam https://evil.example/login",
        "Sam www.evil.example",
        "Mail sam@evil.example",
        "Sam\nKlik hieronder",
        "Sam\u202eliveD",  # a bidi override turns text around
        "S" * 101,
    ],
)
async def test_a_chosen_name_may_be_only_a_name(
    mail_client: AsyncTestClient[Any], mailroom: Mailroom, name: str
) -> None:
    answer = await sign_up(Browser(mail_client), SAM, name)
    assert answer.status_code == 400
    assert "Vul alleen je naam in" in answer.text
    assert await mailroom.to(SAM) == []


async def test_a_long_real_name_with_accents_is_fine(
    mail_client: AsyncTestClient[Any], mailroom: Mailroom
) -> None:
    name = "Anne-Marie van den Heuvel-Ünal 's Gravendeel"
    assert (await sign_up(Browser(mail_client), SAM, name)).status_code == 200
    assert len(await mailroom.to(SAM)) == 1


async def test_all_account_mails_to_one_address_count_together(
    mail_client: AsyncTestClient[Any], mailroom: Mailroom
) -> None:
    # A confirm mail, then "you already have an account" mails and resets: 3 in all.
    for name in ("Sam", "Sam", "Sam", "Sam"):
        assert (await sign_up(Browser(mail_client), SAM, name)).status_code == 200
    answer = await Browser(mail_client).post("/wachtwoord-vergeten", {"email": SAM})
    assert answer.status_code == 200
    subjects = [mail["Subject"] for mail in await mailroom.to(SAM)]
    assert len(subjects) == 3
    assert subjects[0].startswith("Bevestig je e-mailadres")


async def test_share_notices_to_one_address_are_limited_but_the_shares_are_made(
    world: World,
    sessionmaker: Maker,
    mailroom: Mailroom,
    caplog: pytest.LogCaptureFixture,
) -> None:
    worker = await world.person("worker", "ahmed@example.nl", "Ahmed")
    issued = await world.issue(worker)
    for _ in range(6):
        await world.share(worker, [issued["id"]], "victim@example.nl")
    with caplog.at_level("INFO", logger="registry.mail"):
        notices = await mailroom.to("victim@example.nl")
    assert len(notices) == 3
    assert "Ahmed heeft 1 bewijs met je gedeeld: Laadpaalmonteur." in plain(notices[0])
    assert "Ahmed has shared 1 certificate with you" in plain(notices[0])
    assert "share mail to victim@example.nl skipped" in caplog.text
    async with sessionmaker() as session:
        assert await session.scalar(select(func.count()).select_from(Share)) == 6


async def test_a_newer_link_ends_the_older_one_of_its_purpose(
    mail_client: AsyncTestClient[Any], mailroom: Mailroom, sessionmaker: Maker
) -> None:
    await person(sessionmaker, "worker", SAM)
    browser = Browser(mail_client)
    await browser.post("/wachtwoord-vergeten", {"email": SAM})
    first = await mailroom.link(SAM, "/wachtwoord-herstellen")
    await browser.post("/wachtwoord-vergeten", {"email": SAM})
    second = await mailroom.link(SAM, "/wachtwoord-herstellen")
    assert first != second
    assert "This link works for 1 hour, and only once." in plain((await mailroom.to(SAM))[-1])
    assert (await browser.get(first)).status_code == 410
    assert (await browser.get(second)).status_code == 200


async def test_a_reset_ends_pending_changes_of_address(
    mail_client: AsyncTestClient[Any], mailroom: Mailroom, sessionmaker: Maker
) -> None:
    # Someone who knew Sam's password asks to move the account to their own address...
    await person(sessionmaker, "worker", SAM)
    intruder = Browser(mail_client)
    await intruder.sign_in(SAM)
    form = {"email": "indringer@example.nl", "password": PASSWORD}
    assert (await intruder.post("/account/e-mailadres", form)).status_code == 303
    change = await mailroom.link("indringer@example.nl", "/e-mailadres-wijzigen")
    # ...then Sam resets the password: the pending change of address ends with it.
    mail_client.cookies.clear()
    sam = Browser(mail_client)
    await sam.post("/wachtwoord-vergeten", {"email": SAM})
    reset = await mailroom.link(SAM, "/wachtwoord-herstellen")
    assert (await press(sam, reset, password="sams-nieuwe-wachtwoord")).status_code == 303
    assert (await intruder.get(change)).status_code == 410
    assert (await mailroom.account(SAM)).email == SAM


async def test_a_newer_change_of_address_ends_the_older_pending_one(
    mail_client: AsyncTestClient[Any], mailroom: Mailroom, sessionmaker: Maker
) -> None:
    await person(sessionmaker, "worker", SAM)
    browser = Browser(mail_client)
    await browser.sign_in(SAM)
    for address in ("een@example.nl", "twee@example.nl"):
        form = {"email": address, "password": PASSWORD}
        assert (await browser.post("/account/e-mailadres", form)).status_code == 303
    first = await mailroom.link("een@example.nl", "/e-mailadres-wijzigen")
    second = await mailroom.link("twee@example.nl", "/e-mailadres-wijzigen")
    assert (await browser.get(first)).status_code == 410  # the newer request ended it
    assert (await press(browser, second)).status_code == 303
    assert (await mailroom.account("twee@example.nl")).is_verified


async def test_the_new_address_of_a_change_is_not_sent_to_forgot_password(
    mail_client: AsyncTestClient[Any], mailroom: Mailroom, sessionmaker: Maker
) -> None:
    await person(sessionmaker, "worker", SAM)
    browser = Browser(mail_client)
    await browser.sign_in(SAM)
    form = {"email": "nieuw@example.nl", "password": PASSWORD}
    assert (await browser.post("/account/e-mailadres", form)).status_code == 303
    mail_client.cookies.clear()
    page = await browser.get(await mailroom.link("nieuw@example.nl", "/e-mailadres-wijzigen"))
    assert "Wachtwoord vergeten" not in page.text.split("</main>")[0].split("<main")[-1]
    assert "Kies dan &#39;Account maken&#39;." in page.text
