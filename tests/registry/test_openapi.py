"""The OpenAPI document: the bearer scheme, problem responses derived per route, and the
bodies and media types of routes that read or write them themselves."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import msgspec
from litestar import Litestar, get, post
from litestar.di import Provide
from litestar.testing import AsyncTestClient

from catalogue.imports.formats import IMPORT_MEDIA_TYPES
from registry.openapi import ApiDocPlugin
from schemas.api_doc import api_doc
from schemas.common import Actor
from schemas.errors import ConflictError

PROBLEM = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}


async def operations(client: AsyncTestClient[Any]) -> dict[str, dict[str, Any]]:
    document = (await client.get("/schema/openapi.json")).json()
    return {
        f"{method.upper()} {path}": operation
        for path, item in document["paths"].items()
        for method, operation in item.items()
    }


async def test_bearer_scheme_and_who_needs_a_token(client: AsyncTestClient[Any]) -> None:
    document = (await client.get("/schema/openapi.json")).json()
    scheme = document["components"]["securitySchemes"]["bearer"]
    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")
    ops = await operations(client)
    assert ops["POST /api/catalogue/modules"]["security"] == [{"bearer": []}]
    assert ops["GET /api/me/cv"]["security"] == [{"bearer": []}]
    # The viewer's token is optional: owners see drafts, anyone verifies.
    assert ops["GET /api/catalogue/modules/{module_id}"]["security"] == [{"bearer": []}, {}]
    assert ops["POST /api/verify"]["security"] == [{"bearer": []}, {}]
    assert "security" not in ops["GET /api/catalogue/modules"]
    assert "security" not in ops["GET /trust-list"]


async def test_error_statuses_follow_from_the_route(client: AsyncTestClient[Any]) -> None:
    ops = await operations(client)

    def statuses(label: str) -> set[str]:
        return set(ops[label]["responses"])

    # Body (400, 413, 415, 422), token (401), declared (403, 409).
    assert statuses("POST /api/catalogue/modules") == {
        "201",
        "400",
        "401",
        "403",
        "409",
        "413",
        "415",
        "422",
    }
    # A path id (404) and an optional token.
    assert statuses("GET /api/catalogue/modules/{module_id}") == {"200", "400", "401", "404"}
    # The wallet: the holder dependency (403, 404).
    assert statuses("GET /api/me/cv") == {"200", "400", "401", "403", "404"}
    # Any query string with a control character is a 400, even where no parameter is read.
    assert statuses("GET /health") == {"200", "400"}
    assert statuses("POST /api/credentials/batch") >= {"409", "415", "422"}
    # What schemathesis cannot reach: a valid ELM document whose run id is taken (409).
    assert statuses("POST /api/catalogue/import") >= {"403", "409", "413", "422"}
    problem = ops["POST /api/catalogue/modules"]["responses"]
    assert all(problem[s]["content"] == PROBLEM for s in ("400", "401", "403", "409", "422"))
    assert problem["401"]["headers"]["WWW-Authenticate"]["required"] is True


async def test_problem_schema_matches_a_real_problem(client: AsyncTestClient[Any]) -> None:
    document = (await client.get("/schema/openapi.json")).json()
    schema = document["components"]["schemas"]["Problem"]
    body = (await client.get("/api/catalogue/export")).json()
    assert set(schema["required"]) == {"type", "title", "status", "code", "detail", "instance"}
    assert set(body) <= set(schema["properties"])
    assert set(schema["required"]) <= set(body)


async def test_bodies_read_by_the_route_itself(client: AsyncTestClient[Any]) -> None:
    ops = await operations(client)

    def body(label: str) -> dict[str, Any]:
        request_body: dict[str, Any] = ops[label]["requestBody"]
        assert request_body["required"] is True
        content: dict[str, Any] = request_body["content"]
        return content

    batch = body("POST /api/credentials/batch")
    assert set(batch) == {"application/json", "text/csv"}
    items = batch["application/json"]["schema"]["properties"]["items"]
    assert items["minItems"] == 1
    kinds = {variant["properties"]["kind"]["enum"][0] for variant in items["items"]["anyOf"]}
    assert kinds == {"module-certificate", "evc", "certificate"}
    assert "$ref" not in msgspec.json.encode(batch).decode()
    assert set(body("POST /api/catalogue/import")) == set(IMPORT_MEDIA_TYPES)
    assert "application/xml" in IMPORT_MEDIA_TYPES
    assert set(body("POST /api/catalogue/competences/import")) == {"text/csv"}
    verify = body("POST /api/verify")
    assert set(verify) == {
        "application/json",
        "application/jwt",
        "application/vc+jwt",
        "application/vp+jwt",
        "text/plain",
        "application/vc",
        "application/vp",
        "application/vc+ld+json",
        "application/dc+sd-jwt",
        "application/vc+sd-jwt",
        "image/png",
        "image/svg+xml",
    }
    assert verify["image/png"]["schema"] == {"type": "string", "format": "binary"}
    assert set(verify["application/json"]["schema"]["properties"]) >= {
        "credential",
        "presentation",
        "share",
    }


async def test_answers_in_more_than_one_media_type(client: AsyncTestClient[Any]) -> None:
    ops = await operations(client)
    share = ops["GET /s/{token}"]["responses"]
    assert set(share["200"]["content"]) == {"application/json", "application/vp+jwt", "text/html"}
    assert set(share["410"]["content"]) == {"application/problem+json", "text/html"}
    assert "Location" in share["303"]["headers"]
    status = ops["GET /status/{list_id}"]["responses"]
    assert set(status["200"]["content"]) == {"application/json", "application/vc+jwt"}
    assert {"ETag", "Cache-Control"} <= set(status["304"]["headers"])
    trust = ops["GET /trust-list"]["responses"]["200"]["content"]
    assert set(trust) == {"application/json", "application/trust-list+jwt"}
    batch = ops["POST /api/credentials/batch"]["responses"]["201"]
    assert batch["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/BatchOut"
    }
    assert batch["headers"]["Idempotent-Replayed"]["required"] is True


class Thing(msgspec.Struct):
    name: str


async def test_the_rules_on_a_route_of_their_own() -> None:
    """The derivation alone: a declared error, a token, a body, a query and a path parameter."""

    async def actor() -> Actor:
        raise AssertionError("not called: only the document is read")

    @post("/api/things/{thing_id:uuid}", opt=api_doc(ConflictError))
    async def make(thing_id: UUID, actor: Actor, data: Thing, dry: bool = False) -> Thing:
        return data

    @get("/api/things/{thing_id:uuid}", sync_to_thread=False)
    def read(thing_id: UUID) -> Thing:
        return Thing(name=str(thing_id))

    app = Litestar([make, read], dependencies={"actor": Provide(actor)}, plugins=[ApiDocPlugin()])
    async with AsyncTestClient(app) as client:
        ops = await operations(client)
    made = ops["POST /api/things/{thing_id}"]
    assert set(made["responses"]) == {"201", "400", "401", "404", "409", "413", "415", "422"}
    assert made["security"] == [{"bearer": []}]
    assert set(ops["GET /api/things/{thing_id}"]["responses"]) == {"200", "400", "404"}
    assert "security" not in ops["GET /api/things/{thing_id}"]
