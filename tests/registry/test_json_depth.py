"""JSON nested too deep is malformed input everywhere, never a RecursionError (issue 9.9)."""

from __future__ import annotations

import logging
import re
import uuid
from typing import Any

import pytest
from litestar.routes import HTTPRoute
from litestar.testing import AsyncTestClient

from credentials.b64 import b64url_encode
from schemas.access import allowed_roles
from schemas.common import Role
from schemas.errors import MalformedInputError
from schemas.json_input import MAX_JSON_DEPTH, decode_json, too_deep
from tests.catalogue.helpers import Catalogue
from tests.conftest import Accounts
from tests.web.helpers import Browser

# 1,000 levels in 2 KB: the body of the issue report.
DEEP = b"[" * 1000 + b"]" * 1000


def nested(depth: int) -> bytes:
    return b'{"a":' * (depth - 1) + b"[1]" + b"}" * (depth - 1)


def test_depth_is_counted_outside_strings_only() -> None:
    assert not too_deep(nested(MAX_JSON_DEPTH))
    assert too_deep(nested(MAX_JSON_DEPTH + 1))
    assert too_deep(DEEP)
    assert too_deep(DEEP.decode())
    # Brackets inside strings, escaped quotes and escaped backslashes do not nest anything.
    brackets = "[{" * 200
    assert not too_deep(f'["{brackets}", "\\"{brackets}", "\\\\", {{"k{brackets}": 1}}]')
    assert too_deep(b'["\\\\"' + b"," + b"[" * 70 + b"]" * 70 + b"]")


def test_decode_json_refuses_deep_and_broken_text_alike() -> None:
    for text in (DEEP, b"[1,", nested(MAX_JSON_DEPTH + 1)):
        with pytest.raises(MalformedInputError) as caught:
            decode_json(text)
        assert caught.value.code == "malformed-json"
    assert decode_json(nested(MAX_JSON_DEPTH))["a"]["a"]


def json_endpoints(client: AsyncTestClient[Any]) -> list[tuple[str, str, Role | None]]:
    """Every API route that takes a JSON body through Litestar (a `data` parameter), with a
    role its guard lets through (the guard refuses others before the body is read)."""
    found: list[tuple[str, str, Role | None]] = []
    for route in client.app.routes:
        if not isinstance(route, HTTPRoute) or not route.path.startswith("/api/"):
            continue
        for handler in route.route_handlers:
            if "data" in handler.parsed_fn_signature.parameters:
                path = re.sub(r"\{[a-z_]+(:[a-z]+)?\}", str(uuid.uuid4()), route.path)
                roles = allowed_roles(handler)
                role = min(roles) if roles else None
                found.extend((method, path, role) for method in sorted(handler.http_methods))
    return found


async def test_every_json_endpoint_answers_400_without_a_traceback(
    client: AsyncTestClient[Any], accounts: Accounts, caplog: pytest.LogCaptureFixture
) -> None:
    endpoints = json_endpoints(client)
    assert len(endpoints) >= 15  # catalogue, accreditations, issuance, wallet
    catalogue = await Catalogue(client, accounts).setup()
    tokens: dict[Role | None, dict[str, str]] = {None: {}, "provider": catalogue.provider_a}
    caplog.set_level(logging.INFO, logger="registry")
    for method, path, role in endpoints:
        if role not in tokens:
            assert role is not None
            tokens[role] = await accounts.headers(role)
        for body in (DEEP, b'{"items": [' + DEEP + b"]}"):
            response = await client.request(
                method,
                path,
                content=body,
                headers={"Content-Type": "application/json", **tokens[role]},
            )
            assert response.status_code == 400, (method, path, response.text)
            assert response.json()["code"] == "malformed-json", (method, path)
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []


async def test_endpoints_reading_their_own_json_body_refuse_deep_json(
    client: AsyncTestClient[Any], accounts: Accounts, caplog: pytest.LogCaptureFixture
) -> None:
    provider = (await Catalogue(client, accounts).setup()).provider_a
    caplog.set_level(logging.INFO, logger="registry")
    json_type = {"Content-Type": "application/json"}
    batch = await client.post(
        "/api/credentials/batch",
        content=b'{"items": [' + DEEP + b"]}",
        headers={**provider, **json_type, "Idempotency-Key": "deep-batch-1"},
    )
    verify = await client.post(
        "/api/verify", content=b'{"credential": "x", "other": ' + DEEP + b"}", headers=json_type
    )
    for response in (batch, verify):
        assert response.status_code == 400, response.text
        assert response.json()["code"] == "malformed-json"
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []


@pytest.mark.parametrize("depth", [MAX_JSON_DEPTH + 1, 1000, 5000])
async def test_a_deep_credential_payload_is_invalid_with_bad_json(
    client: AsyncTestClient[Any], depth: int
) -> None:
    """A JWS whose payload nests deep reaches the verifier as a string: its payload check
    fails (verdict invalid) instead of the decoder's RecursionError (was a 500 from 1,000)."""
    header = b64url_encode(b'{"alg":"EdDSA","typ":"vc+jwt","kid":"did:key:z6Mk#k"}')
    payload = b64url_encode(b'{"iss":"did:key:z6Mk","x":' + b"[" * depth + b"]" * depth + b"}")
    token = f"{header}.{payload}.{b64url_encode(bytes(64))}"
    document = '{"@context": [], "proof": {}, "x": ' + "[" * depth + "]" * depth + "}"
    for credential in (token, document):
        response = await client.post("/api/verify", json={"credential": credential})
        assert response.status_code == 200, response.text
        report = response.json()
        assert report["verdict"] == "invalid"
        payload_check = next(c for c in report["checks"] if c["name"] == "payload")
        assert (payload_check["status"], payload_check["code"]) == ("failed", "bad-json")


async def test_a_deep_json_paste_on_the_check_page_is_not_a_credential(
    client: AsyncTestClient[Any],
) -> None:
    pasted = '{"credential": ' + "[" * 1000 + "]" * 1000 + "}"
    page = await Browser(client).post("/controleren", {"jws": pasted})
    assert page.status_code == 400
    assert "Dit is geen bewijs en geen deellink." in page.text
