"""Competence frameworks and CSV import over HTTP."""

from __future__ import annotations

from typing import Any

import pytest
from litestar.testing import AsyncTestClient

from catalogue.esco import ESCO_GREEN_SKILLS_CSV
from tests.conftest import Accounts

HEAT_PUMP = "http://data.europa.eu/esco/skill/00735755-adc6-4ea0-b034-b8caff339c9f"


@pytest.fixture
async def operator(client: AsyncTestClient[Any], accounts: Accounts) -> dict[str, str]:
    headers = await accounts.headers("operator")
    for slug in ("esco", "eigen"):
        response = await client.post(
            "/api/catalogue/frameworks",
            json={"slug": slug, "name": slug.upper(), "uri": f"urn:fw:{slug}", "version": "1"},
            headers=headers,
        )
        assert response.status_code == 201
    return headers


async def test_esco_csv_import(client: AsyncTestClient[Any], operator: dict[str, str]) -> None:
    response = await client.post(
        "/api/catalogue/competences/import",
        params={"framework": "esco", "format": "esco", "language": "en"},
        content=ESCO_GREEN_SKILLS_CSV.read_bytes(),
        headers=operator | {"Content-Type": "text/csv"},
    )
    assert response.status_code == 201, response.text
    assert response.json() == {"created": 570, "updated": 0}
    found = (
        await client.get("/api/catalogue/competences", params={"q": "install heat pump"})
    ).json()
    assert found["items"][0]["uri"] == HEAT_PUMP
    assert found["items"][0]["frameworkVersion"] == "1"
    one = await client.get("/api/catalogue/competences/by-uri", params={"uri": HEAT_PUMP})
    assert one.json()["labels"] == {"en": "install heat pump"}


async def test_plain_csv_import_updates_labels(
    client: AsyncTestClient[Any], operator: dict[str, str]
) -> None:
    csv_v1 = (
        b"uri,code,label_nl,label_en,description\nurn:wp:B1-K1-W1,B1-K1-W1,Voorbereiden,Prepare,\n"
    )
    csv_v2 = (
        b"uri,code,label_nl\n"
        b"urn:wp:B1-K1-W1,B1-K1-W1,Werk voorbereiden\n"
        b"urn:wp:B1-K1-W2,B1-K1-W2,Installeren\n"
    )
    url = "/api/catalogue/competences/import?framework=eigen&format=plain"
    first = await client.post(url, content=csv_v1, headers=operator | {"Content-Type": "text/csv"})
    assert first.json() == {"created": 1, "updated": 0}
    second = await client.post(url, content=csv_v2, headers=operator | {"Content-Type": "text/csv"})
    assert second.json() == {"created": 1, "updated": 1}
    items = (await client.get("/api/catalogue/competences", params={"framework": "eigen"})).json()[
        "items"
    ]
    assert [(i["code"], i["label"]) for i in items] == [
        ("B1-K1-W2", "Installeren"),
        ("B1-K1-W1", "Werk voorbereiden"),
    ]


async def test_bad_csv_is_rejected_whole(
    client: AsyncTestClient[Any], operator: dict[str, str]
) -> None:
    body = b"uri,label_nl\nurn:ok:1,Goed\nnot a uri,Fout\n"
    response = await client.post(
        "/api/catalogue/competences/import?framework=eigen", content=body, headers=operator
    )
    assert response.status_code == 400
    assert response.json()["code"] == "csv-invalid-row"
    assert response.json()["row"] == 3
    assert (await client.get("/api/catalogue/competences")).json()["total"] == 0


async def test_import_needs_operator_and_known_framework(
    client: AsyncTestClient[Any], operator: dict[str, str], accounts: Accounts
) -> None:
    body = b"uri,label_nl\nurn:ok:1,Goed\n"
    worker = await accounts.headers("worker")
    response = await client.post(
        "/api/catalogue/competences/import?framework=eigen", content=body, headers=worker
    )
    assert response.status_code == 403
    response = await client.post(
        "/api/catalogue/competences/import?framework=nope", content=body, headers=operator
    )
    assert (response.status_code, response.json()["code"]) == (404, "framework-not-found")


async def test_framework_that_is_no_slug_is_a_bad_parameter(
    client: AsyncTestClient[Any], operator: dict[str, str]
) -> None:
    # Used to reach the CSV parser's own check, a ValueError: a 500.
    body = b"uri,label_nl\nurn:ok:1,Goed\n"
    for framework in ("Not A Slug", "x"):
        response = await client.post(
            "/api/catalogue/competences/import",
            params={"framework": framework},
            content=body,
            headers=operator,
        )
        assert (response.status_code, response.json()["code"]) == (400, "invalid-parameter")


async def test_competence_by_uri_answers_404_for_an_unknown_uri(
    client: AsyncTestClient[Any],
) -> None:
    unknown = await client.get("/api/catalogue/competences/by-uri", params={"uri": HEAT_PUMP})
    assert (unknown.status_code, unknown.json()["code"]) == (404, "competence-not-found")
    missing = await client.get("/api/catalogue/competences/by-uri")
    assert (missing.status_code, missing.json()["code"]) == (400, "invalid-parameter")


async def test_an_esco_import_in_a_language_esco_does_not_publish_writes_nothing(
    client: AsyncTestClient[Any], operator: dict[str, str]
) -> None:
    url = "/api/catalogue/competences/import"
    body = ESCO_GREEN_SKILLS_CSV.read_bytes()
    headers = operator | {"Content-Type": "text/csv"}
    params = {"framework": "esco", "format": "esco"}
    refused = await client.post(
        url, params=params | {"language": "xx"}, content=body, headers=headers
    )
    assert (refused.status_code, refused.json()["code"]) == (422, "unknown-esco-language")
    assert refused.json()["detail"].startswith("language: ESCO publishes no 'xx' labels")
    assert (await client.get("/api/catalogue/competences")).json()["total"] == 0
    taken = await client.post(
        url, params=params | {"language": "uk"}, content=body, headers=headers
    )
    assert (taken.status_code, taken.json()) == (201, {"created": 570, "updated": 0})
    one = await client.get("/api/catalogue/competences/by-uri", params={"uri": HEAT_PUMP})
    assert one.json()["labels"] == {"uk": "install heat pump"}
