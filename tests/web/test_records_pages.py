"""Honest records on the pages (over HTTP): only achieved results as skills, the holder's name
on every check, an unconfirmed issuer name marked as claimed, why and when a credential was
revoked, names instead of addresses, and share links that stay retrievable."""

from __future__ import annotations

import datetime as dt
import re
import zlib
from typing import Any

import pytest
from litestar.testing import AsyncTestClient
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from credentials.issue import issue_deelcertificaat
from credentials.keys import SigningKey, did_key
from credentials.presentation import holder_kid
from registry.models import Credential, Share
from registry.web.i18n import day_in_words
from registry.web.worker import certificate_pdf
from schemas.credentials import DeelcertificaatInput, ModuleVersionInput, Party
from tests.registry.wallet.test_achieved_competences import FAILED, PASSED, evc_body
from tests.registry.wallet_helpers import Person, World
from tests.web.helpers import HTML, Browser, signed_in

Client = AsyncTestClient[Any]
Maker = async_sessionmaker[AsyncSession]
HOLDER = "Op naam van: <strong>Sam de Vries</strong>"
COMPARE = "Vergelijk deze naam met een identiteitsbewijs van de persoon."


async def _sam(world: World, email: str = "sam@example.nl") -> tuple[Person, Browser]:
    """Sam de Vries with an API token and signed in on the pages."""
    worker = await world.person("worker", email, "Sam de Vries")
    browser = await signed_in(world.client, world.sessionmaker, "worker", email)
    return worker, browser


async def _row_id(world: World, credential_id: str) -> str:
    async with world.sessionmaker() as session:
        row_id = await session.scalar(
            select(Credential.id).where(Credential.credential_id == credential_id)
        )
    return str(row_id)


async def _check(world: World, jws: str) -> str:
    browser = Browser(world.client)
    answer = await browser.post("/controleren", {"jws": jws})
    assert answer.status_code == 200, answer.text
    return str(answer.text)


def _pdf_text(body: bytes) -> str:
    """The text drawn in a PDF made with the core fonts: its content streams inflated (an
    image's stream may not be zlib data and is left out)."""
    found = []
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", body, re.DOTALL):
        try:
            found.append(zlib.decompress(stream))
        except zlib.error:
            continue
    return b"".join(found).decode("latin-1")


def _claiming(holder_did: str) -> str:
    """A credential signed with a key nobody knows, naming a well-known college as issuer."""
    key = SigningKey.generate()
    college = Party(id=did_key(key.public), name="Techniek College Rijnmond")
    module = ModuleVersionInput(
        url="https://techniek-college.example/modules/allround/1",
        title="Allround monteur",
        description="Alles van installatietechniek.",
        criteria_narrative="Examen.",
        study_load_hours=400,
        provider=college,
    )
    data = DeelcertificaatInput(
        issuer=college,
        holder=Party(id=holder_did, name="Sam de Vries"),
        module=module,
        issued_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=1),
    )
    return issue_deelcertificaat(data, key, kid=holder_kid(key.public)).jws


async def test_a_failed_werkproces_is_nowhere_a_skill(world: World) -> None:
    worker, browser = await _sam(world)
    issued = await world.client.post(
        "/api/credentials", json=evc_body(worker.id), headers=world.assessor
    )
    assert issued.status_code == 201, issued.text
    cv = (await browser.get("/mijn-cv")).text
    assert PASSED in cv
    assert FAILED not in cv
    row_id = await _row_id(world, issued.json()["id"])
    certificate = await browser.get(f"/mijn-cv/bewijzen/{row_id}")
    assert PASSED in certificate.text
    assert FAILED not in certificate.text
    share = await world.share(worker, [issued.json()["id"]], "hr@example.nl")
    page = (await world.client.get(share["url"], headers=HTML)).text
    assert "Wat Sam de Vries kan" in page
    assert PASSED in page
    assert FAILED not in page


async def test_every_check_page_names_the_holder(world: World) -> None:
    worker, _ = await _sam(world)
    issued = await world.issue(worker)
    for text in (
        await _check(world, issued["credential"]),
        (await Browser(world.client).get(f"/controleren/bewijs/{issued['id'][9:]}")).text,
    ):
        assert HOLDER in text
        assert COMPARE in text
        assert "<dt>Uitgegeven door</dt><dd>Opleider A</dd>" in text


async def test_a_name_the_issuer_claims_is_marked_as_not_confirmed(world: World) -> None:
    worker, _ = await _sam(world)
    holder = (await world.wallet(worker))["holder"]
    text = await _check(world, _claiming(holder))
    assert "Uitgever niet erkend" in text
    assert "<dt>Uitgever volgens het bewijs zelf</dt>" in text
    assert "Techniek College Rijnmond" in text
    assert "Niet bevestigd: deze naam staat in het bewijs" in text
    assert "Uitgegeven door" not in text
    assert HOLDER in text


async def test_why_and_when_a_credential_was_revoked_shows_wherever_its_status_does(
    world: World, monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    worker, browser = await _sam(world)
    kept, revoked = await world.issue(worker), await world.issue(worker, reissue=True)
    answer = await world.client.post(
        f"/api/credentials/{revoked['id']}/revoke",
        json={"reason": "fraud", "note": "Examen door een ander gemaakt."},
        headers=world.provider,
    )
    assert answer.status_code == 200, answer.text
    today = day_in_words("nl", dt.datetime.now(dt.UTC))
    why = f"Ingetrokken op {today}. Reden: fraude."
    stored = (await Browser(world.client).get(f"/controleren/bewijs/{revoked['id'][9:]}")).text
    for text in (stored, await _check(world, revoked["credential"])):
        assert why in text
        assert "Examen door een ander" not in text  # the note is for the holder only
    row_id = await _row_id(world, revoked["id"])
    for path in ("/mijn-cv", f"/mijn-cv/bewijzen/{row_id}"):
        text = (await browser.get(path)).text
        assert why in text, path
        assert "Uitleg van de uitgever: Examen door een ander gemaakt." in text, path
    form = (await browser.get("/mijn-cv/delen")).text
    assert f'value="{row_id}"' not in form  # it cannot be ticked
    assert f'value="{await _row_id(world, kept["id"])}"' in form
    assert "Deze bewijzen kun je niet delen" in form

    monkeypatch.setattr(certificate_pdf, "DEJAVU", tmp_path)  # core fonts: plain text streams
    pdf = await browser.get(f"/mijn-cv/bewijzen/{row_id}/pdf")
    assert why in _pdf_text(pdf.content)
    valid = await browser.get(f"/mijn-cv/bewijzen/{await _row_id(world, kept['id'])}/pdf")
    assert f"Geldig op {today}" in _pdf_text(valid.content)


async def test_every_page_and_the_pdf_name_the_holder_as_the_credential_does(
    world: World, sessionmaker: Maker, monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    """The provider signed "Iemand Anders" for Sam's address: that is the name on the
    certificate, its PDF and the provider's page, as on the signed credential and the check."""
    worker, browser = await _sam(world)
    await world.issue(worker)  # by account id: Sam's wallet carries the account's name
    answer = await world.client.post(
        "/api/credentials?reissue=true",
        json={
            "kind": "module-certificate",
            "moduleId": world.module["id"],
            "holder": {"email": "sam@example.nl", "name": "Iemand Anders"},
        },
        headers=world.provider,
    )
    assert answer.status_code == 201, answer.text
    issued = answer.json()
    row_id = await _row_id(world, issued["id"])
    certificate = (await browser.get(f"/mijn-cv/bewijzen/{row_id}")).text
    assert "<dt>Naam</dt><dd>Iemand Anders</dd>" in certificate
    assert "<dd>Sam de Vries</dd>" not in certificate
    monkeypatch.setattr(certificate_pdf, "DEJAVU", tmp_path)  # core fonts: plain text streams
    pdf = _pdf_text((await browser.get(f"/mijn-cv/bewijzen/{row_id}/pdf")).content)
    assert "(Iemand Anders) Tj" in pdf
    assert "Sam de Vries" not in pdf
    provider = await signed_in(
        world.client, sessionmaker, "provider", "a@example.nl", provider="opleider-a"
    )
    page = (await provider.get(f"/aanbieder/bewijzen/{issued['id']}")).text
    assert "<h1>Bewijs van Iemand Anders</h1>" in page
    assert "Sam de Vries" not in page
    listing = (await provider.get("/aanbieder/bewijzen")).text
    assert listing.count("Iemand Anders") == listing.count("Sam de Vries") > 0  # one each
    check = (await Browser(world.client).get(f"/controleren/bewijs/{issued['id'][9:]}")).text
    assert "Op naam van: <strong>Iemand Anders</strong>" in check


async def test_the_share_page_names_the_recipient_and_never_shows_an_address(
    world: World,
) -> None:
    worker, _ = await _sam(world)
    employer = await world.person("employer", "hr@bouwbedrijf.example", "Bouwbedrijf Jansen")
    issued = await world.issue(worker)
    for recipient in (employer.id, "hr@bouwbedrijf.example"):
        share = await world.share(worker, [issued["id"]], recipient)
        page = (await world.client.get(share["url"], headers=HTML)).text
        assert "<dt>Gedeeld met</dt><dd>Bouwbedrijf Jansen</dd>" in page
        assert "hr@bouwbedrijf.example" not in page


async def test_the_provider_does_not_see_the_address_of_a_worker_it_issued_to_by_id(
    world: World, sessionmaker: Maker
) -> None:
    worker, _ = await _sam(world, "privé@example.nl")
    await world.issue(worker)
    provider = await signed_in(
        world.client, sessionmaker, "provider", "a@example.nl", provider="opleider-a"
    )
    listing = (await provider.get("/aanbieder/bewijzen")).text
    assert "Sam de Vries" in listing
    assert "privé@example.nl" not in listing


async def test_the_list_of_shares_shows_each_link_again_or_offers_a_new_one(
    world: World, sessionmaker: Maker
) -> None:
    worker, browser = await _sam(world)
    issued = await world.issue(worker)
    first = await world.share(worker, [issued["id"]], "hr@example.nl")
    second = await world.share(worker, [issued["id"]], "hr@example.nl")
    listing = await browser.get("/mijn-cv/gedeeld")
    assert listing.headers["cache-control"] == "no-store"
    assert first["url"] in listing.text
    assert second["url"] in listing.text
    assert listing.text.count("Gedeeld met hr@example.nl op ") == 2
    detail = await browser.get(f"/mijn-cv/gedeeld/{first['id']}")
    assert f'value="{first["url"]}"' in detail.text
    assert 'src="data:image/svg+xml' in detail.text  # the QR code again
    assert "Laadpaalmonteur" in detail.text

    async with sessionmaker() as session, session.begin():
        await session.execute(
            update(Share).where(Share.id == first["id"]).values(sealed_token=None)
        )
    listing = await browser.get("/mijn-cv/gedeeld")
    assert first["url"] not in listing.text
    assert "Deze link is gemaakt voordat we links bewaarden." in listing.text
    renewed = await browser.post(f"/mijn-cv/gedeeld/{first['id']}/nieuwe-link")
    assert renewed.status_code == 303
    assert renewed.headers["location"] == f"/mijn-cv/gedeeld/{first['id']}?klaar=nieuwe-link"
    detail = await browser.get(renewed.headers["location"])
    assert "Dit is de nieuwe link. De oude link werkt niet meer." in detail.text
    link = re.search(r'id="share-link" type="text" readonly value="([^"]+)"', detail.text)
    assert link is not None
    assert link.group(1) != first["url"]
    opened = await world.client.get(link.group(1), headers={"Accept": "application/json"})
    assert opened.status_code == 200
