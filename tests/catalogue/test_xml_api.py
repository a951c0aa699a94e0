"""Catalogue XML over HTTP: ELM export validates and round-trips; hostile XML changes nothing."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from litestar.testing import AsyncTestClient
from lxml import etree
from sqlalchemy.ext.asyncio import AsyncEngine

from catalogue.xml.edudex_check import check_edudex_program
from catalogue.xml.elm import import_loq, load_loq_schema
from catalogue.xml.safe import parse_xml
from tests.catalogue.helpers import HEAT_PUMP, SOLAR, Catalogue
from tests.conftest import Accounts, empty_database

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE Courses [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<Courses xmlns="http://data.europa.eu/snb/model/ap/loq-constraints/">&xxe;</Courses>"""
LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><lolz>&lol3;</lolz>"""


async def _fill(cat: Catalogue) -> list[dict[str, Any]]:
    modules = [
        await cat.module(),
        await cat.module(
            title="Warmtepompmonteur",
            level={"scheme": "nlqf", "value": 4},
            credits=None,
            deliveryMode="classroom",
            competences=[{"uri": HEAT_PUMP}, {"uri": SOLAR, "level": "basis"}],
            sectors=["installatietechniek", "bouw"],
        ),
    ]
    await cat.run(modules[0]["id"])
    await cat.run(modules[0]["id"], place="Zwolle", postcode="8011 AA", status="cancelled")
    await cat.run(
        modules[1]["id"], place="Groningen", postcode="9711 AB", status="full", priceCents=None
    )
    body = {
        "code": "Q-TEST",
        "title": "Testkwalificatie",
        "requiredModules": [m["id"] for m in modules],
    }
    response = await cat.client.post(
        "/api/catalogue/qualifications", json=body, headers=cat.operator
    )
    assert response.status_code == 201
    return modules


async def _export(client: AsyncTestClient[Any]) -> bytes:
    response = await client.get("/api/catalogue/export", params={"format": "elm"})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/xml")
    return response.content


async def _documents(
    client: AsyncTestClient[Any], modules: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    documents = []
    for module in modules:
        document = (await client.get(f"/api/catalogue/modules/{module['id']}")).json()["current"]
        # Publication time and the provider's row id belong to the registry, not to the module.
        document.pop("publishedAt")
        document["provider"].pop("id")
        documents.append(document)
    return documents


async def test_elm_export_validates_against_xsd(
    client: AsyncTestClient[Any], cat: Catalogue
) -> None:
    await _fill(cat)
    root = etree.fromstring(await _export(client))
    schema = load_loq_schema()
    assert schema.validate(root), schema.error_log.last_error


# Empties the database between export and import.
@pytest.mark.committed
async def test_elm_round_trip_gives_the_same_modules(
    client: AsyncTestClient[Any], cat: Catalogue, accounts: Accounts, engine: AsyncEngine
) -> None:
    modules = await _fill(cat)
    before = await _documents(client, modules)
    exported = await _export(client)
    await empty_database(engine)
    fresh = Catalogue(client, accounts)
    fresh.operator = await accounts.headers("operator")
    for slug in ("opleider-a", "opleider-b"):
        await client.post(
            "/api/catalogue/providers",
            json={"slug": slug, "name": slug.title().replace("-", " ")},
            headers=fresh.operator,
        )
    provider_a = await accounts.headers("provider", provider="opleider-a")
    response = await client.post(
        "/api/catalogue/import",
        content=exported,
        headers=provider_a | {"Content-Type": "application/xml"},
    )
    assert response.status_code == 201, response.text
    assert _modules(response) == (2, 0, 0)
    assert await _documents(client, modules) == before
    again = await client.post("/api/catalogue/import", content=exported, headers=provider_a)
    assert again.status_code == 200  # nothing was created
    assert _modules(again) == (0, 0, 2)
    assert (await client.get(f"/api/catalogue/modules/{modules[0]['id']}")).json()[
        "publishedVersion"
    ] == 1
    assert _content(await _export(client)) == _content(exported)


def _modules(response: Any) -> tuple[int, int, int]:
    """The modules an import report counts as created, updated and unchanged."""
    report = response.json()
    return tuple(report[outcome]["modules"] for outcome in ("created", "updated", "unchanged"))


def _content(document: bytes) -> list[tuple[Any, ...]]:
    """What an export says about each module, leaving out the provider's registry row id."""
    return [
        (m.id, m.version, m.url, m.provider.slug, m.module, m.competences, m.runs)
        for m in import_loq(parse_xml(document))
    ]


async def test_a_dry_run_reports_the_import_and_keeps_nothing(
    client: AsyncTestClient[Any], cat: Catalogue
) -> None:
    modules = await _fill(cat)
    exported = await _export(client)
    edited = exported.replace(b">Laadpaalmonteur<", b">Laadpaalmonteur AC en DC<")
    preview = await client.post(
        "/api/catalogue/import",
        params={"format": "elm", "dryRun": "true"},
        content=edited,
        headers=cat.provider_a,
    )
    assert preview.status_code == 200, preview.text
    assert (preview.json()["dryRun"], _modules(preview)) == (True, (0, 1, 1))
    module = (await client.get(f"/api/catalogue/modules/{modules[0]['id']}")).json()
    assert (module["publishedVersion"], module["current"]["title"]) == (1, "Laadpaalmonteur")
    applied = await client.post("/api/catalogue/import", content=edited, headers=cat.provider_a)
    assert (applied.json()["dryRun"], _modules(applied)) == (False, (0, 1, 1))


async def test_an_unknown_import_format_is_named(
    client: AsyncTestClient[Any], cat: Catalogue
) -> None:
    response = await client.post(
        "/api/catalogue/import",
        params={"format": "bogus"},
        content=b"<x/>",
        headers=cat.provider_a,
    )
    assert response.status_code == 422
    assert response.json()["code"] == "unknown-import-format"
    assert "elm" in response.json()["detail"]


async def test_import_of_an_edited_export_makes_a_new_version(
    client: AsyncTestClient[Any], cat: Catalogue
) -> None:
    modules = await _fill(cat)
    exported = await _export(client)
    edited = exported.replace(b">Laadpaalmonteur<", b">Laadpaalmonteur AC en DC<")
    response = await client.post("/api/catalogue/import", content=edited, headers=cat.provider_a)
    assert _modules(response) == (0, 1, 1)
    module = (await client.get(f"/api/catalogue/modules/{modules[0]['id']}")).json()
    assert (module["publishedVersion"], module["current"]["title"]) == (
        2,
        "Laadpaalmonteur AC en DC",
    )
    assert (await client.get(f"/api/catalogue/modules/{modules[0]['id']}/versions/1")).json()[
        "title"
    ] == "Laadpaalmonteur"


async def test_an_old_export_cannot_publish_its_old_content_again(
    client: AsyncTestClient[Any], cat: Catalogue
) -> None:
    """Exported at version 1, edited to version 2 since: importing the old export would have
    published version 3 with version 1's content. It is refused, and nothing changes."""
    modules = await _fill(cat)
    exported = await _export(client)
    await client.patch(
        f"/api/catalogue/modules/{modules[0]['id']}",
        json={"title": "Anders"},
        headers=cat.provider_a,
    )
    await client.post(f"/api/catalogue/modules/{modules[0]['id']}/publish", headers=cat.provider_a)
    before = await _documents(client, modules)
    response = await client.post("/api/catalogue/import", content=exported, headers=cat.provider_a)
    assert (response.status_code, response.json()["code"]) == (409, "stale-import")
    assert "version 1" in response.json()["detail"]
    assert await _documents(client, modules) == before
    module = (await client.get(f"/api/catalogue/modules/{modules[0]['id']}")).json()
    assert (module["publishedVersion"], module["current"]["title"]) == (2, "Anders")
    # Exported again, the same document is the current one: nothing to do.
    again = await client.post(
        "/api/catalogue/import", content=await _export(client), headers=cat.provider_a
    )
    assert _modules(again) == (0, 0, 2)


async def test_a_run_id_of_another_module_is_a_conflict(
    client: AsyncTestClient[Any], cat: Catalogue
) -> None:
    """A document that names a new module but reuses the runs' ids of an existing one (the
    export copied and renumbered by hand): was an IntegrityError, a 500."""
    modules = await _fill(cat)
    exported = await _export(client)
    before = await _documents(client, modules)
    copied = exported.replace(modules[0]["id"].encode(), str(uuid.uuid4()).encode())
    response = await client.post("/api/catalogue/import", content=copied, headers=cat.provider_a)
    assert (response.status_code, response.json()["code"]) == (409, "run-id-taken")
    assert await _documents(client, modules) == before
    listed = (await client.get("/api/catalogue/modules")).json()
    assert listed["total"] == 2


async def test_provider_cannot_import_another_providers_modules(
    client: AsyncTestClient[Any], cat: Catalogue
) -> None:
    modules = await _fill(cat)
    exported = await _export(client)
    before = await _documents(client, modules)
    response = await client.post("/api/catalogue/import", content=exported, headers=cat.provider_b)
    assert response.status_code == 403
    assert await _documents(client, modules) == before


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        (XXE, 400, "xml-doctype-forbidden"),
        (LAUGHS, 400, "xml-doctype-forbidden"),
        (b"<Courses><unclosed></Courses>", 400, "xml-malformed"),
        (b"<other/>", 422, "elm-invalid"),
        (b"<a>" + b"x" * 6_000_000 + b"</a>", 413, "payload-too-large"),
    ],
)
async def test_hostile_xml_is_rejected_and_changes_nothing(
    client: AsyncTestClient[Any], cat: Catalogue, body: bytes, status: int, code: str
) -> None:
    modules = await _fill(cat)
    before = await _documents(client, modules)
    competences = (await client.get("/api/catalogue/competences")).json()["total"]
    response = await client.post("/api/catalogue/import", content=body, headers=cat.provider_a)
    assert (response.status_code, response.json()["code"]) == (status, code)
    assert response.headers["content-type"].startswith("application/problem+json")
    assert "passwd" not in response.text
    assert await _documents(client, modules) == before
    assert (await client.get("/api/catalogue/competences")).json()["total"] == competences


async def test_edudex_export_per_module(client: AsyncTestClient[Any], cat: Catalogue) -> None:
    modules = await _fill(cat)
    response = await client.get(
        "/api/catalogue/export", params={"format": "edudex", "moduleId": modules[0]["id"]}
    )
    assert response.status_code == 200
    root = parse_xml(response.content)
    assert check_edudex_program(root) == []
    assert root.tag == "{http://studieData.nl/schema/edudex/program}program"
    assert b"Laadpaalmonteur" in response.content
    assert b"canceled" in response.content
    missing = await client.get("/api/catalogue/export", params={"format": "edudex"})
    assert (missing.status_code, missing.json()["code"]) == (422, "module-id-required")
    unknown = await client.get(
        "/api/catalogue/export",
        params={"format": "edudex", "moduleId": "00000000-0000-4000-8000-000000000000"},
    )
    assert unknown.status_code == 404


async def test_elm_export_of_one_module_like_edudex(
    client: AsyncTestClient[Any], cat: Catalogue
) -> None:
    modules = await _fill(cat)
    draft = await cat.module(title="Nog niet gepubliceerd", publish=False)
    response = await client.get(
        "/api/catalogue/export", params={"format": "elm", "moduleId": modules[1]["id"]}
    )
    assert response.status_code == 200, response.text
    root = etree.fromstring(response.content)
    schema = load_loq_schema()
    assert schema.validate(root), schema.error_log.last_error
    assert [str(m.id) for m in import_loq(parse_xml(response.content))] == [modules[1]["id"]]
    assert b"Testkwalificatie" not in response.content  # made of more modules than this one
    for unknown in ("00000000-0000-4000-8000-000000000000", draft["id"]):
        answer = await client.get(
            "/api/catalogue/export", params={"format": "elm", "moduleId": unknown}
        )
        assert (answer.status_code, answer.json()["code"]) == (404, "module-not-found")


@pytest.mark.parametrize(
    ("content_type", "status"),
    [
        ("application/json", 415),
        ("text/plain", 415),
        ("application/x-www-form-urlencoded", 415),
        ("text/xml", 200),
        ("application/xml; charset=utf-8", 200),
        ("application/loq+xml", 200),
    ],
)
async def test_the_import_reads_xml_only(
    client: AsyncTestClient[Any], cat: Catalogue, content_type: str, status: int
) -> None:
    """An exported catalogue sent as another media type is refused as such (415), not parsed
    and then called malformed XML; any XML media type is read."""
    modules = await _fill(cat)
    exported = await _export(client)
    before = await _documents(client, modules)
    response = await client.post(
        "/api/catalogue/import",
        content=exported,
        headers={**cat.provider_a, "Content-Type": content_type},
    )
    assert response.status_code == status, response.text
    if status == 415:
        assert response.json()["code"] == "unsupported-media-type"
        assert response.headers["content-type"].startswith("application/problem+json")
    assert await _documents(client, modules) == before
