"""The service foundation: health, OpenAPI, authentication, errors as problem+json."""

from __future__ import annotations

from typing import Any

from litestar.testing import AsyncTestClient

from tests.conftest import Accounts

PROBLEM = "application/problem+json"


async def test_health_reports_database(client: AsyncTestClient[Any]) -> None:
    response = await client.get("/health")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["database"] in {"sqlite", "postgresql"}


async def test_openapi_lists_catalogue_paths(client: AsyncTestClient[Any]) -> None:
    response = await client.get("/schema/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/catalogue/modules" in paths
    assert "/api/catalogue/modules/{module_id}/versions/{number}" in paths


async def test_unknown_route_is_a_problem(client: AsyncTestClient[Any]) -> None:
    response = await client.get("/nope")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith(PROBLEM)
    assert response.json()["code"] == "not-found"


async def test_missing_token_is_401(client: AsyncTestClient[Any]) -> None:
    response = await client.post("/api/catalogue/providers", json={"slug": "x1", "name": "X"})
    assert response.status_code == 401
    assert response.json()["code"] == "not-authenticated"
    assert response.headers["www-authenticate"] == "Bearer"


async def test_forged_token_is_401(client: AsyncTestClient[Any], accounts: Accounts) -> None:
    headers = await accounts.headers("operator")
    forged = {"Authorization": headers["Authorization"][:-4] + "AAAA"}
    response = await client.post(
        "/api/catalogue/providers", json={"slug": "x1", "name": "X"}, headers=forged
    )
    assert response.status_code == 401
    assert response.json()["code"] == "invalid-token"
    bad_scheme = {"Authorization": "Basic abc"}
    response = await client.post(
        "/api/catalogue/providers", json={"slug": "x1", "name": "X"}, headers=bad_scheme
    )
    assert response.status_code == 401


async def test_reserved_provider_slug(client: AsyncTestClient[Any], accounts: Accounts) -> None:
    headers = await accounts.headers("operator")
    body = {"slug": "operator", "name": "Nep"}
    response = await client.post("/api/catalogue/providers", json=body, headers=headers)
    assert (response.status_code, response.json()["code"]) == (422, "slug-reserved")


async def test_wrong_role_is_403(client: AsyncTestClient[Any], accounts: Accounts) -> None:
    headers = await accounts.headers("worker")
    response = await client.post(
        "/api/catalogue/providers", json={"slug": "x1", "name": "X"}, headers=headers
    )
    assert response.status_code == 403
    assert response.json()["code"] == "role-not-allowed"


async def test_malformed_json_is_400(client: AsyncTestClient[Any], accounts: Accounts) -> None:
    headers = await accounts.headers("operator") | {"Content-Type": "application/json"}
    response = await client.post(
        "/api/catalogue/providers", content=b'{"slug": "x1",', headers=headers
    )
    assert response.status_code == 400
    assert response.headers["content-type"].startswith(PROBLEM)
    assert response.json()["code"] == "malformed-json"


async def test_unknown_and_out_of_range_fields_are_422(
    client: AsyncTestClient[Any], accounts: Accounts
) -> None:
    headers = await accounts.headers("operator")
    response = await client.post(
        "/api/catalogue/providers", json={"slug": "x1", "name": "X", "extra": 1}, headers=headers
    )
    assert response.status_code == 422
    assert response.json()["code"] == "invalid-input"
    response = await client.post(
        "/api/catalogue/providers", json={"slug": "x1", "name": "X", "kvk": "12"}, headers=headers
    )
    assert response.status_code == 422
    listing = await client.get("/api/catalogue/providers")
    assert listing.json() == []


async def test_oversized_body_is_413(client: AsyncTestClient[Any], accounts: Accounts) -> None:
    headers = await accounts.headers("operator") | {"Content-Type": "application/json"}
    body = b'{"slug": "x1", "name": "' + b"x" * 2_000_000 + b'"}'
    response = await client.post("/api/catalogue/providers", content=body, headers=headers)
    assert response.status_code == 413
    assert response.json()["code"] == "payload-too-large"


async def test_missing_required_parameter_is_400(client: AsyncTestClient[Any]) -> None:
    # A parameter problem like a malformed one (it was a 422 "invalid-input" before).
    response = await client.get("/api/catalogue/export")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid-parameter"
    assert "format" in response.json()["detail"]
