"""Notices by mail (issued, suspended/reinstated/revoked, a share addressed to an employer),
stopping them, shares to an unproven address, and a change of address; over HTTP with a
real SMTP server on 127.0.0.1."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.mail import notices
from registry.models import Job, Wallet
from registry.settings import Settings
from tests.conftest import PASSWORDS
from tests.mail_helpers import Inbox, links, plain
from tests.registry.wallet_helpers import World
from tests.web.account_helpers import Mailroom, press, sign_up
from tests.web.helpers import PASSWORD, Browser, person

Maker = async_sessionmaker[AsyncSession]
HR = "hr@installatiebedrijf.nl"


@pytest.fixture
def mailroom(sessionmaker: Maker, mail_settings: Settings, inbox: Inbox) -> Mailroom:
    return Mailroom(sessionmaker, mail_settings, inbox)


async def _issue(world: World, holder: dict[str, str], *, again: bool = False) -> dict[str, Any]:
    """Issue the module to `holder`; `again` for a holder who has it already (a re-issue)."""
    body = {"kind": "module-certificate", "moduleId": world.module["id"], "holder": holder}
    path = "/api/credentials?reissue=true" if again else "/api/credentials"
    response = await world.client.post(path, json=body, headers=world.provider)
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result


async def test_an_issuance_mail_arrives_with_a_working_link(
    world: World, mailroom: Mailroom, sessionmaker: Maker
) -> None:
    await person(sessionmaker, "worker", "sanne@example.nl", name="Sanne")
    await _issue(world, {"email": "sanne@example.nl", "name": "Sanne"})
    [mail] = await mailroom.to("sanne@example.nl")
    assert mail["Subject"].startswith("Je hebt een nieuw bewijs")
    assert "Opleider A heeft je een bewijs gegeven: Laadpaalmonteur" in plain(mail)
    [link] = links(mail, "/mijn-cv")
    browser = Browser(world.client)
    await browser.sign_in("sanne@example.nl")
    cv = await browser.get(link)
    assert cv.status_code == 200
    assert "Laadpaalmonteur" in cv.text
    # A new address is invited to make an account with that address, prefilled.
    await _issue(world, {"email": "nieuw@example.nl", "name": "Nieuw"})
    invite = await mailroom.link("nieuw@example.nl", "/account-maken")
    assert invite.endswith("/account-maken?email=nieuw%40example.nl&rol=worker")
    form = await Browser(world.client).get(invite)
    assert 'value="nieuw@example.nl"' in form.text


async def test_a_cohort_queues_one_job_and_each_worker_gets_one_mail(
    world: World, mailroom: Mailroom, sessionmaker: Maker, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two wallets per job here (200 in production): the cohort's job splits in two.
    monkeypatch.setattr(notices, "WALLETS_PER_JOB", 2)
    other = await world.catalogue.module(title="Thuisbatterij installeren")
    rows = "\n".join(
        ["email,name,moduleId"]
        + [f"cursist{n}@example.nl,Cursist {n},{world.module['id']}" for n in range(4)]
        + [f"cursist0@example.nl,Cursist 0,{other['id']}"]
    )
    response = await world.client.post(
        "/api/credentials/batch",
        content=rows,
        headers={**world.provider, "Content-Type": "text/csv", "Idempotency-Key": "cohort-1"},
    )
    assert response.status_code == 201, response.text
    async with sessionmaker() as session:
        assert await session.scalar(select(func.count()).select_from(Job)) == 1
    for n in range(4):
        [mail] = await mailroom.to(f"cursist{n}@example.nl")
        expected = "Laadpaalmonteur, Thuisbatterij installeren" if n == 0 else "Laadpaalmonteur."
        assert expected in plain(mail)
    async with sessionmaker() as session:
        kinds = list(await session.scalars(select(Job.kind).order_by(Job.id)))
    assert kinds == ["notices.issued"] * 3 + ["mail.send"] * 2


async def test_suspension_reinstatement_and_revocation_are_mailed(
    world: World, mailroom: Mailroom
) -> None:
    worker = await world.person("worker", "kim@example.nl", "Kim")
    issued = await world.issue(worker)
    bodies = {
        "suspend": {"reason": "under-investigation"},
        "reinstate": None,
        "revoke": {"reason": "fraud", "note": "Examen niet zelf gemaakt."},
    }
    for action, body in bodies.items():
        response = await world.client.post(
            f"/api/credentials/{issued['id']}/{action}", headers=world.provider, json=body
        )
        assert response.status_code == 200, response.text
    subjects = [m["Subject"].split(" / ")[0] for m in await mailroom.to("kim@example.nl")]
    assert subjects == [
        "Je hebt een nieuw bewijs",
        "Je bewijs is tijdelijk stopgezet",
        "Je bewijs geldt weer",
        "Je bewijs is ingetrokken",
    ]
    revoked = (await mailroom.to("kim@example.nl"))[-1]
    assert "Opleider A heeft je bewijs 'Laadpaalmonteur' ingetrokken" in plain(revoked)
    # The issuer's reason in words, in both languages, and its note.
    assert "Reden: fraude." in plain(revoked)
    assert "Reason: fraud." in plain(revoked)
    assert "Examen niet zelf gemaakt." in plain(revoked)
    suspended = (await mailroom.to("kim@example.nl"))[1]
    assert "Reden: er loopt een onderzoek." in plain(suspended)


async def test_a_share_to_an_unproven_address_is_not_attached_until_proven(
    world: World, mailroom: Mailroom
) -> None:
    worker = await world.person("worker", "ahmed@example.nl", "Ahmed")
    issued = await world.issue(worker)
    await world.share(worker, [issued["id"]], HR)
    invite = await mailroom.link(HR, "/account-maken")
    assert invite.endswith("rol=employer")
    [notice] = await mailroom.to(HR)
    assert notice["Subject"].startswith("Ahmed deelt bewijzen met je")
    # Whoever signs up first with the address sees nothing until the address is proven.
    browser = Browser(world.client)
    await sign_up(browser, HR, "Installatiebedrijf", role="employer")
    await browser.sign_in(HR)
    page = await browser.get("/werkgever", follow_redirects=False)
    assert page.headers["location"] == "/account/bevestigen"
    api = await mailroom.api_headers(HR)
    received = await world.client.get("/api/shares/received", headers=api)
    assert received.status_code == 200
    assert received.json() == []
    await press(browser, await mailroom.link(HR, "/e-mailadres-bevestigen"))
    received = await world.client.get("/api/shares/received", headers=api)
    assert [s["holderName"] for s in received.json()] == ["Ahmed"]
    page = await browser.get("/werkgever")
    assert "Ahmed" in page.text


async def test_a_share_without_the_name_sends_a_notice_without_it(
    world: World, mailroom: Mailroom
) -> None:
    worker = await world.person("worker", "ahmed@example.nl", "Ahmed Yilmaz")
    issued = await world.issue(worker)
    await world.share(worker, [issued["id"]], HR, withhold={issued["id"]: ["name"]})
    [notice] = await mailroom.to(HR)
    assert notice["Subject"].startswith("Er zijn bewijzen met je gedeeld")
    assert "Er is 1 bewijs met je gedeeld: Laadpaalmonteur." in plain(notice)
    assert "1 certificate was shared with you" in plain(notice)
    assert "Ahmed" not in plain(notice)
    assert "Ahmed" not in notice["Subject"]


async def test_optional_notices_can_be_stopped_from_the_mail_and_turned_on_again(
    world: World, mailroom: Mailroom, sessionmaker: Maker
) -> None:
    await person(sessionmaker, "worker", "lotte@example.nl", name="Lotte")
    await _issue(world, {"email": "lotte@example.nl", "name": "Lotte"})
    stop = await mailroom.link("lotte@example.nl", "/meldingen-uit")
    browser = Browser(world.client)
    forged = await browser.get(stop.replace("lotte%40", "anders%40"))
    assert forged.status_code == 404
    page = await browser.get(stop)
    assert "Wil je geen meldingen meer krijgen op lotte@example.nl" in page.text
    done = await browser.post(
        "/meldingen-uit", {"adres": "lotte@example.nl", "code": stop.partition("code=")[2]}
    )
    assert "Je krijgt geen meldingen meer" in done.text
    await _issue(world, {"email": "lotte@example.nl", "name": "Lotte"}, again=True)
    assert len(await mailroom.to("lotte@example.nl")) == 1  # no new notice
    await browser.post("/wachtwoord-vergeten", {"email": "lotte@example.nl"})
    assert len(await mailroom.to("lotte@example.nl")) == 2  # account mails still come
    await browser.sign_in("lotte@example.nl")
    account = await browser.get("/account")
    assert "Je krijgt geen meldingen" in account.text
    back = await browser.post("/account/meldingen", {"wanted": "1"})
    assert back.headers["location"] == "/account?klaar=meldingen-aan"
    await _issue(world, {"email": "lotte@example.nl", "name": "Lotte"}, again=True)
    assert len(await mailroom.to("lotte@example.nl")) == 3


async def test_a_change_of_address_needs_the_new_address_proven(
    world: World, mailroom: Mailroom, sessionmaker: Maker
) -> None:
    worker = await world.person("worker", "oud@example.nl", "Mo")
    await world.issue(worker)
    async with sessionmaker() as session, session.begin():
        from registry.accounts.signin import set_password
        from registry.models import Account

        account = await session.scalar(select(Account).where(Account.email == "oud@example.nl"))
        assert account is not None
        set_password(account, PASSWORD, PASSWORDS)
    browser = Browser(world.client)
    await browser.sign_in("oud@example.nl")
    wrong = await browser.post(
        "/account/e-mailadres", {"email": "nieuw@example.nl", "password": "niet-het-wachtwoord"}
    )
    assert wrong.status_code == 400
    assert "Je wachtwoord klopt niet" in wrong.text
    asked = await browser.post(
        "/account/e-mailadres", {"email": "nieuw@example.nl", "password": PASSWORD}
    )
    assert asked.headers["location"] == "/account?klaar=mail"
    assert (await mailroom.account("oud@example.nl")).email == "oud@example.nl"  # not yet
    done = await press(browser, await mailroom.link("nieuw@example.nl", "/e-mailadres-wijzigen"))
    assert done.headers["location"] == "/account?klaar=email"
    moved = await mailroom.account("nieuw@example.nl")
    assert moved.is_verified
    [notice] = [m for m in await mailroom.to("oud@example.nl") if "veranderd" in m["Subject"]]
    assert "Het e-mailadres van je account is nu nieuw@example.nl" in plain(notice)
    async with sessionmaker() as session:
        wallet = await session.scalar(select(Wallet).where(Wallet.account_id == moved.id))
    assert wallet is not None
    assert wallet.email == "nieuw@example.nl"  # later issuance to the new address lands here
    await _issue(world, {"email": "nieuw@example.nl", "name": "Mo"}, again=True)
    assert len((await world.wallet(worker))["items"]) == 2
    browser.client.cookies.clear()
    assert (await browser.sign_in("nieuw@example.nl")).headers["location"] == "/mijn-cv"
