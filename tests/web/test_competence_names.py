"""Competences on the pages in the page's language: the CV, the certificate, the shared CV and
the provider's module page show the Dutch label where there is one (the snapshot's, else the
catalogue's, also one the operator added later), English on English pages, and name the
framework in words instead of its slug "esco"."""

from __future__ import annotations

from typing import Any

from litestar.testing import AsyncTestClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.models import Credential
from tests.registry.wallet_helpers import CHARGER, World
from tests.web.helpers import HTML, person, signed_in

Client = AsyncTestClient[Any]
Maker = async_sessionmaker[AsyncSession]
INSULATE = "http://data.europa.eu/esco/skill/insulate-test-0003"


async def english_only_module(world: World) -> dict[str, Any]:
    """A module teaching the laadpaal competence (Dutch and English labels) and one that the
    catalogue knows only in English."""
    response = await world.client.post(
        "/api/catalogue/competences",
        json={"framework": "esco", "uri": INSULATE, "labels": {"en": "insulate buildings"}},
        headers=world.operator,
    )
    assert response.status_code == 201, response.text
    return await world.catalogue.module(
        title="Na-isolatie", competences=[{"uri": INSULATE}, {"uri": CHARGER}]
    )


async def add_dutch_label(world: World) -> None:
    found = await world.client.get("/api/catalogue/competences", params={"q": INSULATE})
    competence = found.json()["items"][0]
    response = await world.client.patch(
        f"/api/catalogue/competences/{competence['id']}",
        json={"labels": {"nl": "gebouwen isoleren"}},
        headers=world.operator,
    )
    assert response.status_code == 200, response.text


def section(text: str, start: str, end: str) -> str:
    return text.split(start)[1].split(end, maxsplit=1)[0]


async def test_cv_and_certificate_name_competences_in_the_page_language(world: World) -> None:
    module = await english_only_module(world)
    browser = await signed_in(world.client, world.sessionmaker, "worker", "sanne@example.nl")
    account = await person(world.sessionmaker, "worker", "sanne@example.nl")
    issued = await world.client.post(
        "/api/credentials",
        json={
            "kind": "module-certificate",
            "moduleId": module["id"],
            "holder": {"workerId": str(account.id)},
        },
        headers=world.provider,
    )
    assert issued.status_code == 201, issued.text
    async with world.sessionmaker() as session:
        row = await session.scalar(
            select(Credential.id).where(Credential.credential_id == issued.json()["id"])
        )

    def competences(text: str) -> str:
        return section(text, 'id="vaardigheden"', 'id="bewijzen"')

    cv = competences((await browser.get("/mijn-cv")).text)
    assert "laadpalen installeren" in cv
    assert "insulate buildings" in cv  # no Dutch label anywhere yet
    assert '<span class="tag">Europese vaardigheid</span>' in cv
    assert '<span class="tag">esco</span>' not in cv

    await add_dutch_label(world)
    cv = competences((await browser.get("/mijn-cv")).text)
    assert "gebouwen isoleren" in cv
    assert "insulate buildings" not in cv
    certificate = (await browser.get(f"/mijn-cv/bewijzen/{row}")).text
    assert "gebouwen isoleren" in certificate
    assert "(Europese vaardigheid)" in certificate
    pdf = await browser.get(f"/mijn-cv/bewijzen/{row}/pdf")
    assert pdf.status_code == 200

    browser.client.cookies.set("lang", "en")
    cv = competences((await browser.get("/mijn-cv")).text)
    assert "install charging stations" in cv
    assert "insulate buildings" in cv
    assert '<span class="tag">European skill</span>' in cv
    certificate = (await browser.get(f"/mijn-cv/bewijzen/{row}")).text
    assert "install charging stations" in certificate


async def test_shared_cv_and_provider_page_in_the_page_language(world: World) -> None:
    module = await english_only_module(world)
    worker = await world.person("worker", "sanne@example.nl", "Sanne de Vries")
    issued = await world.issue(worker, module["id"])
    share = await world.share(worker, [issued["id"]], "hr@noord.example")
    await add_dutch_label(world)

    shared = (await world.client.get(share["url"], headers=HTML)).text
    assert "gebouwen isoleren" in shared
    assert "(Europese vaardigheid)" in shared
    world.client.cookies.set("lang", "en")
    shared = (await world.client.get(share["url"], headers=HTML)).text
    assert "insulate buildings" in shared
    assert "install charging stations" in shared
    world.client.cookies.delete("lang")

    provider = await signed_in(
        world.client, world.sessionmaker, "provider", "p@example.nl", provider="opleider-a"
    )
    page = (await provider.get(f"/aanbieder/modules/{module['id']}")).text
    assert "gebouwen isoleren" in page
    assert "(Europese vaardigheid)" in page
    assert "(esco)" not in page
