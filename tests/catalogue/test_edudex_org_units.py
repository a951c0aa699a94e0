"""A provider's EDU-DEX org unit id: recorded by the operator (unique, shown with the
provider), and what an EDU-DEX import maps a document's orgUnitId by (else the slug, which
our own export writes). Another provider's orgUnitId is 403, an unknown one a precise 422;
either way nothing is written."""

from __future__ import annotations

from typing import Any

from litestar.testing import AsyncTestClient
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.catalogue.helpers import Catalogue
from tests.catalogue.test_edudex_import import (
    ORG_UNIT,
    WARMTEPOMP,
    _counts,
    _import,
    _module_count,
    _module_id,
    tie,
)

PROVIDERS = "/api/catalogue/providers"


async def _providers(client: AsyncTestClient[Any]) -> dict[str, str | None]:
    listed = (await client.get(PROVIDERS)).json()
    return {p["slug"]: p["edudexOrgUnitId"] for p in listed}


async def test_the_operator_records_a_providers_edudex_org_unit(
    client: AsyncTestClient[Any], cat: Catalogue
) -> None:
    body = {"slug": "opleider-c", "name": "Opleider C", "edudexOrgUnitId": "org-c.nl"}
    created = await client.post(PROVIDERS, json=body, headers=cat.operator)
    assert created.status_code == 201, created.text
    assert created.json()["edudexOrgUnitId"] == "org-c.nl"
    patched = await client.patch(
        f"{PROVIDERS}/opleider-a", json={"edudexOrgUnitId": ORG_UNIT}, headers=cat.operator
    )
    assert patched.status_code == 200, patched.text
    assert (patched.json()["name"], patched.json()["edudexOrgUnitId"]) == ("Opleider A", ORG_UNIT)
    shown = await _providers(client)
    assert (shown["opleider-a"], shown["opleider-b"], shown["opleider-c"]) == (
        ORG_UNIT,
        None,
        "org-c.nl",
    )
    # One orgUnitId, one provider: another's org unit id or slug (our export's orgUnitId).
    for taken in (ORG_UNIT, "opleider-a"):
        response = await client.patch(
            f"{PROVIDERS}/opleider-b", json={"edudexOrgUnitId": taken}, headers=cat.operator
        )
        assert (response.status_code, response.json()["code"]) == (409, "edudex-org-unit-taken")
    clash = body | {"slug": "opleider-d", "edudexOrgUnitId": ORG_UNIT}
    response = await client.post(PROVIDERS, json=clash, headers=cat.operator)
    assert (response.status_code, response.json()["code"]) == (409, "edudex-org-unit-taken")
    response = await client.post(
        PROVIDERS, json=body | {"slug": ORG_UNIT, "edudexOrgUnitId": None}, headers=cat.operator
    )
    assert (response.status_code, response.json()["code"]) == (409, "edudex-org-unit-taken")
    # Its own slug is fine; EDU-DEX's pattern holds; null clears it.
    own = await client.patch(
        f"{PROVIDERS}/opleider-b", json={"edudexOrgUnitId": "opleider-b"}, headers=cat.operator
    )
    assert own.status_code == 200, own.text
    bad = await client.patch(
        f"{PROVIDERS}/opleider-b", json={"edudexOrgUnitId": "Bad Id"}, headers=cat.operator
    )
    assert (bad.status_code, bad.json()["code"]) == (422, "invalid-input")
    cleared = await client.patch(
        f"{PROVIDERS}/opleider-c", json={"edudexOrgUnitId": None}, headers=cat.operator
    )
    assert cleared.json()["edudexOrgUnitId"] is None
    unknown = await client.patch(
        f"{PROVIDERS}/onbekend", json={"edudexOrgUnitId": "x"}, headers=cat.operator
    )
    assert (unknown.status_code, unknown.json()["code"]) == (404, "provider-not-found")
    renamed = await client.patch(
        f"{PROVIDERS}/opleider-a", json={"name": "Ander"}, headers=cat.operator
    )
    assert (renamed.status_code, renamed.json()["code"]) == (422, "invalid-input")
    mine = await client.patch(
        f"{PROVIDERS}/opleider-a", json={"edudexOrgUnitId": "mijn-id"}, headers=cat.provider_a
    )
    assert mine.status_code == 403
    assert (await _providers(client))["opleider-a"] == ORG_UNIT


async def test_an_org_unit_id_maps_to_its_provider(
    client: AsyncTestClient[Any], cat: Catalogue, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    await tie(client, cat)
    # The other provider, and the operator naming the other provider: 403, nothing written.
    response = await _import(client, WARMTEPOMP, cat.provider_b)
    assert (response.status_code, response.json()["code"]) == (403, "not-own-program")
    assert "opleider-a" in response.json()["detail"]
    response = await _import(client, WARMTEPOMP, cat.operator, provider="opleider-b")
    assert (response.status_code, response.json()["code"]) == (403, "not-own-program")
    assert await _module_count(sessionmaker) == 0
    # The operator without `provider=`: the orgUnitId names the provider.
    response = await _import(client, WARMTEPOMP, cat.operator)
    assert response.status_code == 201, response.text
    assert await _module_id(sessionmaker, "opleider-a", "WP-2027/01")
    again = await _import(client, WARMTEPOMP, cat.provider_a)
    assert (again.status_code, _counts(again.json())) == (200, (0, 0, 0, 1))


async def test_our_own_export_still_maps_by_slug(
    client: AsyncTestClient[Any], cat: Catalogue
) -> None:
    """Our export writes the slug as orgUnitId: with an EDU-DEX org unit id recorded too, it
    imports as unchanged, for its provider only."""
    await tie(client, cat)
    module = await cat.module()
    exported = await client.get(
        "/api/catalogue/export", params={"format": "edudex", "moduleId": module["id"]}
    )
    assert b"<orgUnitId>opleider-a</orgUnitId>" in exported.content
    response = await _import(client, exported.content, cat.provider_a)
    assert (response.status_code, _counts(response.json())) == (200, (0, 0, 0, 1))
    response = await _import(client, exported.content, cat.provider_b)
    assert (response.status_code, response.json()["code"]) == (403, "not-own-program")


async def test_an_unknown_org_unit_id_is_a_precise_422(
    client: AsyncTestClient[Any], cat: Catalogue, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    for headers in (cat.provider_a, cat.operator):
        response = await _import(client, WARMTEPOMP, headers)
        assert (response.status_code, response.json()["code"]) == (422, "unknown-edudex-org-unit")
        assert response.json()["detail"].startswith(
            "orgUnitId 'voorbeeld-installatie' names no provider"
        )
    assert await _module_count(sessionmaker) == 0
