"""EDU-DEX program XML import: a provider's own programs as draft modules with their runs;
our own export round-trips; the same document twice changes nothing; bad input names its
line and element and changes nothing."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest
from litestar.testing import AsyncTestClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from catalogue.imports.edudex import RUN_NAMESPACE
from catalogue.models import ImportOrigin, Module, Provider
from tests.catalogue.helpers import Catalogue

DOCUMENTS = Path(__file__).parent / "documents" / "edudex"
WARMTEPOMP = (DOCUMENTS / "program-warmtepomp.xml").read_bytes()
ZONNEPANELEN = (DOCUMENTS / "program-zonnepanelen.xml").read_bytes()
# The EDU-DEX org unit of the documents' provider (their orgUnitId).
ORG_UNIT = "voorbeeld-installatie"


async def tie(client: AsyncTestClient[Any], cat: Catalogue, slug: str = "opleider-a") -> None:
    """Record the documents' EDU-DEX org unit id as this provider's (the operator's word)."""
    response = await client.patch(
        f"/api/catalogue/providers/{slug}", json={"edudexOrgUnitId": ORG_UNIT}, headers=cat.operator
    )
    assert response.status_code == 200, response.text


@pytest.fixture
async def tied(client: AsyncTestClient[Any], cat: Catalogue) -> None:
    """opleider-a is the documents' provider: its EDU-DEX org unit id is recorded."""
    await tie(client, cat)


async def _import(
    client: AsyncTestClient[Any], body: bytes, headers: dict[str, str], **params: str
) -> Any:
    return await client.post(
        "/api/catalogue/import",
        params={"format": "edudex", **params},
        content=body,
        headers=headers | {"Content-Type": "application/xml"},
    )


def _counts(report: dict[str, Any], kind: str = "modules") -> tuple[int, int, int, int]:
    outcomes = ("created", "updated", "withdrawn", "unchanged")
    return tuple(report[outcome][kind] for outcome in outcomes)  # type: ignore[return-value]


async def _module_id(
    sessionmaker: async_sessionmaker[AsyncSession], slug: str, program_id: str
) -> uuid.UUID:
    async with sessionmaker() as session:
        found = await session.scalar(
            select(ImportOrigin.module_id)
            .join(Provider, Provider.id == ImportOrigin.provider_id)
            .where(Provider.slug == slug, ImportOrigin.external_id == program_id)
        )
    assert found is not None
    return found


async def _module_count(sessionmaker: async_sessionmaker[AsyncSession]) -> int:
    async with sessionmaker() as session:
        return int(await session.scalar(select(func.count()).select_from(Module)) or 0)


@pytest.mark.usefixtures("tied")
async def test_a_program_becomes_a_draft_module_with_its_runs(
    client: AsyncTestClient[Any], cat: Catalogue, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    response = await _import(client, WARMTEPOMP, cat.provider_a)
    assert response.status_code == 201, response.text
    report = response.json()
    assert (report["format"], report["dryRun"], _counts(report)) == ("edudex", False, (1, 0, 0, 0))
    assert report["warnings"] == [
        "line 110: program WP-2027/01 run ANT-2027-02 has no place with a Dutch postcode and "
        "was left out"
    ]
    module_id = await _module_id(sessionmaker, "opleider-a", "WP-2027/01")
    module = (
        await client.get(f"/api/catalogue/modules/{module_id}", headers=cat.provider_a)
    ).json()
    assert (module["status"], module["draftVersion"], module["publishedVersion"]) == (
        "draft",
        1,
        None,
    )
    current = module["current"]
    assert current["provider"]["slug"] == "opleider-a"
    assert current["title"] == "Warmtepompmonteur (lucht/water)"
    assert current["summary"] == "Warmtepompen plaatsen en in bedrijf stellen."
    assert current["description"] == (
        "Je leert lucht-water-warmtepompen plaatsen, aansluiten & in bedrijf stellen, volgens "
        "de F-gassenregels."
    )
    assert (current["language"], current["level"]) == ("nl", {"scheme": "mbo", "value": 3})
    assert (current["studyLoadHours"], current["durationDays"]) == (56, 21)
    assert (current["deliveryMode"], current["credits"], current["priceCents"]) == (
        "classroom",
        None,
        None,
    )
    assert current["prerequisites"] == "Mbo niveau 2 elektrotechniek of werkervaring als monteur."
    assert current["certificate"] == "Deelcertificaat Warmtepompmonteur (lucht/water)"
    runs = {run["id"]: run for run in current["runs"]}
    utrecht = str(uuid.uuid5(RUN_NAMESPACE, f"{module_id}/UTR-2027-03"))
    zwolle = str(uuid.uuid5(RUN_NAMESPACE, f"{module_id}/ZWL-2027-06"))
    assert runs == {
        utrecht: {
            "id": utrecht,
            "startDate": "2027-03-08",
            "endDate": "2027-03-26",
            "place": "Utrecht",
            "postcode": "3528 BJ",
            "seats": 12,
            "priceCents": 189500,
            "status": "open",
        },
        zwolle: {
            "id": zwolle,
            "startDate": "2027-05-31",
            "endDate": "2027-06-18",
            "place": "Zwolle",
            "postcode": "8013 NL",
            "seats": 10,
            "priceCents": 195000,
            "status": "planned",
        },
    }


@pytest.mark.usefixtures("tied")
async def test_the_same_program_twice_changes_nothing(
    client: AsyncTestClient[Any], cat: Catalogue, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    assert (await _import(client, WARMTEPOMP, cat.provider_a)).status_code == 201
    module_id = await _module_id(sessionmaker, "opleider-a", "WP-2027/01")
    before = (
        await client.get(f"/api/catalogue/modules/{module_id}", headers=cat.provider_a)
    ).json()
    again = await _import(client, WARMTEPOMP, cat.provider_a)
    assert again.status_code == 200
    assert _counts(again.json()) == (0, 0, 0, 1)
    after = (await client.get(f"/api/catalogue/modules/{module_id}", headers=cat.provider_a)).json()
    assert after == before
    assert await _module_count(sessionmaker) == 1


@pytest.mark.usefixtures("tied")
async def test_a_changed_program_changes_the_draft_and_its_runs(
    client: AsyncTestClient[Any], cat: Catalogue, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    await _import(client, WARMTEPOMP, cat.provider_a)
    module_id = await _module_id(sessionmaker, "opleider-a", "WP-2027/01")
    changed = WARMTEPOMP.replace(
        b'<studyLoad period="program">56', b'<studyLoad period="program">60'
    )
    changed = changed.replace(b"1950.00", b"1995.00")
    response = await _import(client, changed, cat.provider_a)
    assert _counts(response.json()) == (0, 1, 0, 0)
    module = (
        await client.get(f"/api/catalogue/modules/{module_id}", headers=cat.provider_a)
    ).json()
    assert (module["draftVersion"], module["current"]["studyLoadHours"]) == (1, 60)
    prices = sorted(run["priceCents"] for run in module["current"]["runs"])
    assert prices == [189500, 199500]


@pytest.mark.usefixtures("tied")
async def test_a_published_module_gets_a_new_draft_version(
    client: AsyncTestClient[Any], cat: Catalogue, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    await _import(client, ZONNEPANELEN, cat.provider_a)
    module_id = await _module_id(sessionmaker, "opleider-a", "ZP-BASIS")
    published = await client.post(
        f"/api/catalogue/modules/{module_id}/publish", headers=cat.provider_a
    )
    assert published.status_code == 200, published.text
    assert published.json()["current"]["priceCents"] == 34550
    changed = ZONNEPANELEN.replace(b"Zonnepanelen basis<", b"Zonnepanelen en omvormers<")
    response = await _import(client, changed, cat.provider_a)
    assert _counts(response.json()) == (0, 1, 0, 0)
    module = (
        await client.get(f"/api/catalogue/modules/{module_id}", headers=cat.provider_a)
    ).json()
    assert (module["publishedVersion"], module["draftVersion"]) == (1, 2)
    assert module["current"]["title"] == "Zonnepanelen en omvormers"
    public = (await client.get(f"/api/catalogue/modules/{module_id}")).json()
    assert public["current"]["title"] == "Zonnepanelen basis"


async def test_our_own_export_imports_as_unchanged(
    client: AsyncTestClient[Any], cat: Catalogue
) -> None:
    module = await cat.module()
    await cat.run(module["id"])
    await cat.run(
        module["id"], place="Zwolle", postcode="8011 AA", status="planned", priceCents=None
    )
    exported = await client.get(
        "/api/catalogue/export", params={"format": "edudex", "moduleId": module["id"]}
    )
    assert exported.status_code == 200
    before = (await client.get(f"/api/catalogue/modules/{module['id']}")).json()
    response = await _import(client, exported.content, cat.provider_a)
    assert response.status_code == 200, response.text
    assert _counts(response.json()) == (0, 0, 0, 1)
    assert response.json()["warnings"] == []
    after = (await client.get(f"/api/catalogue/modules/{module['id']}")).json()
    assert after == before
    # An edit made elsewhere comes back as a new draft of the same module.
    edited = exported.content.replace(b">Laadpaalmonteur<", b">Laadpaalmonteur AC/DC<")
    response = await _import(client, edited, cat.provider_a)
    assert _counts(response.json()) == (0, 1, 0, 0)
    mine = (
        await client.get(f"/api/catalogue/modules/{module['id']}", headers=cat.provider_a)
    ).json()
    assert (mine["publishedVersion"], mine["draftVersion"]) == (1, 2)
    assert mine["current"]["title"] == "Laadpaalmonteur AC/DC"
    assert mine["current"]["certificate"] == "Deelcertificaat Laadpaalmonteur"


@pytest.mark.usefixtures("tied")
async def test_a_dry_run_previews_and_keeps_nothing(
    client: AsyncTestClient[Any], cat: Catalogue, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    response = await _import(client, WARMTEPOMP, cat.provider_a, dryRun="true")
    assert response.status_code == 200
    assert (response.json()["dryRun"], _counts(response.json())) == (True, (1, 0, 0, 0))
    assert len(response.json()["warnings"]) == 1
    assert await _module_count(sessionmaker) == 0


@pytest.mark.usefixtures("tied")
async def test_a_provider_imports_only_its_own_programs(
    client: AsyncTestClient[Any], cat: Catalogue, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    others = WARMTEPOMP.replace(b"<orgUnitId>voorbeeld-installatie<", b"<orgUnitId>opleider-b<")
    response = await _import(client, others, cat.provider_a)
    assert (response.status_code, response.json()["code"]) == (403, "not-own-program")
    response = await _import(client, WARMTEPOMP, cat.provider_a, provider="opleider-b")
    assert (response.status_code, response.json()["code"]) == (403, "not-own-program")
    # A document naming a module of another provider by its id (as our export does).
    module_b = await cat.module(cat.provider_b)
    exported = await client.get(
        "/api/catalogue/export", params={"format": "edudex", "moduleId": module_b["id"]}
    )
    response = await _import(client, exported.content, cat.provider_a)
    assert (response.status_code, response.json()["code"]) == (403, "not-own-program")
    renamed = exported.content.replace(b"<orgUnitId>opleider-b<", b"<orgUnitId>opleider-a<")
    response = await _import(client, renamed, cat.provider_a)
    assert (response.status_code, response.json()["code"]) == (403, "not-module-owner")
    assert await _module_count(sessionmaker) == 1


async def test_the_operator_imports_for_the_provider_it_names(
    client: AsyncTestClient[Any], cat: Catalogue, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    response = await _import(client, WARMTEPOMP, cat.operator)
    assert (response.status_code, response.json()["code"]) == (422, "unknown-edudex-org-unit")
    assert "voorbeeld-installatie" in response.json()["detail"]
    response = await _import(client, WARMTEPOMP, cat.operator, provider="opleider-b")
    assert response.status_code == 201, response.text
    module_id = await _module_id(sessionmaker, "opleider-b", "WP-2027/01")
    module = (
        await client.get(f"/api/catalogue/modules/{module_id}", headers=cat.provider_b)
    ).json()
    assert (module["status"], module["current"]["provider"]["slug"]) == ("draft", "opleider-b")


@pytest.mark.usefixtures("tied")
async def test_bad_input_names_line_and_element_and_changes_nothing(
    client: AsyncTestClient[Any], cat: Catalogue, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    cases = [
        (
            WARMTEPOMP.replace(b'period="program">56<', b'period="program">veel<'),
            "line 45, <studyLoad>: 'veel' is not a whole number",
        ),
        (
            WARMTEPOMP.replace(b"<amount>1950.00<", b"<amount>19,505<"),
            "line 92, <amount>: '19.505' is not an amount in euros and cents",
        ),
        (
            WARMTEPOMP.replace(b'"true">2027-03-26<', b'"true">2027-02-30<'),
            "line 78, <endDate>: '2027-02-30' is not a date (yyyy-mm-dd)",
        ),
        (
            WARMTEPOMP.replace(b"<status>application opened</status>", b"<status>open</status>", 1),
            "line 88, <status>: run status 'open' is not known",
        ),
        (
            WARMTEPOMP.replace(b"<maxNumberOfParticipants>10<", b"<maxNumberOfParticipants>20000<"),
            "line 90, run ZWL-2027-06: Expected `int` <= 10000 - at `maxNumberOfParticipants`",
        ),
        (
            WARMTEPOMP.replace(b"<programId>WP-2027/01</programId>", b""),
            "line 2, <program>: programClassification/programId is missing",
        ),
    ]
    for body, detail in cases:
        response = await _import(client, body, cat.provider_a)
        assert (response.status_code, response.json()["code"]) == (422, "bad-import-document")
        assert response.json()["detail"] == detail
    hostile = b'<?xml version="1.0"?><!DOCTYPE program [<!ENTITY x "y">]><program/>'
    response = await _import(client, hostile, cat.provider_a)
    assert (response.status_code, response.json()["code"]) == (400, "xml-doctype-forbidden")
    response = await _import(client, b"<program", cat.provider_a)
    assert (response.status_code, response.json()["code"]) == (400, "xml-malformed")
    assert await _module_count(sessionmaker) == 0
