"""A JSON endpoint reads JSON only (QA 18a): a body in another media type is 415
`unsupported-media-type` and nothing is written; the document lists the 415."""

from __future__ import annotations

import json
from typing import Any

import pytest
from litestar.testing import AsyncTestClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from catalogue.models import Module
from tests.catalogue.helpers import Catalogue, module_body
from tests.conftest import Accounts

Client = AsyncTestClient[Any]
Maker = async_sessionmaker[AsyncSession]
REFUSED = (
    "text/plain",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
    "application/xml",
)


@pytest.fixture
async def cat(client: Client, accounts: Accounts) -> Catalogue:
    return await Catalogue(client, accounts).setup()


async def _modules(sessionmaker: Maker) -> int:
    async with sessionmaker() as session:
        return int(await session.scalar(select(func.count()).select_from(Module)) or 0)


async def test_a_json_body_in_another_media_type_is_415(
    client: Client, cat: Catalogue, sessionmaker: Maker
) -> None:
    body = json.dumps(module_body()).encode()
    before = await _modules(sessionmaker)
    for media_type in REFUSED:
        response = await client.post(
            "/api/catalogue/modules",
            content=body,
            headers={**cat.provider_a, "Content-Type": media_type},
        )
        assert response.status_code == 415, (media_type, response.text)
        assert response.json()["code"] == "unsupported-media-type"
        assert response.headers["content-type"].startswith("application/problem+json")
    assert await _modules(sessionmaker) == before
    # JSON by any of its names, or a body without a type, is read.
    for headers in (
        {"Content-Type": "application/json; charset=utf-8"},
        {"Content-Type": "application/merge-patch+json"},
        {},
    ):
        response = await client.post(
            "/api/catalogue/modules", content=body, headers={**cat.provider_a, **headers}
        )
        assert response.status_code == 201, (headers, response.text)


async def test_every_json_body_operation_documents_415(client: Client) -> None:
    document = (await client.get("/schema/openapi.json")).json()
    with_json = [
        f"{method.upper()} {path}"
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if "application/json" in operation.get("requestBody", {}).get("content", {})
    ]
    assert "POST /api/catalogue/modules" in with_json
    assert "POST /api/me/shares" in with_json
    for label in with_json:
        method, path = label.split(" ", 1)
        assert "415" in document["paths"][path][method.lower()]["responses"], label
