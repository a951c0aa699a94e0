"""Error details stay short and precise: an echoed value is cut to an excerpt, a body that is
not valid JSON is named by what is wrong with it."""

from __future__ import annotations

from typing import Any

import pytest
from litestar.testing import AsyncTestClient

from registry.errors import excerpt
from schemas.errors.requests import MalformedJsonError
from schemas.json_input import decode_json, lone_surrogate
from tests.catalogue.helpers import Catalogue, module_body
from tests.conftest import Accounts

ELLIPSIS = "\u2026"


async def test_a_long_query_value_is_echoed_as_an_excerpt(
    client: AsyncTestClient[Any], accounts: Accounts
) -> None:
    headers = await accounts.headers("employer")
    asks = [
        ("/api/catalogue/modules", "q", 60_000),
        ("/api/catalogue/modules", "region", 10_000),
        ("/api/job-profiles", "mine", 10_000),
    ]
    for path, name, size in asks:
        response = await client.get(path, params={name: "a" * size}, headers=headers)

        assert response.status_code == 400, (path, name)
        body = response.json()
        assert body["code"] == "invalid-parameter"
        assert len(response.content) < 1_000, (path, name, len(response.content))
        # Litestar's "Validation failed for GET <path>?<query>": the address cut at 100.
        address = body["detail"].split()[-1]
        assert address.startswith(f"{path}?{name}=aaa")
        assert (len(address), address[-1]) == (101, ELLIPSIS)
        assert "a" * 101 not in response.text


async def test_a_long_value_in_a_field_error_is_cut(
    client: AsyncTestClient[Any], cat: Catalogue
) -> None:
    """msgspec names a bad enum value in `errors[].message`: that is cut as well."""
    module = await client.post(
        "/api/catalogue/modules",
        json=module_body(deliveryMode="x" * 20_000),
        headers=cat.provider_a,
    )

    assert module.status_code == 422, module.text
    assert module.json()["code"] == "invalid-input"
    assert len(module.content) < 1_000
    assert f"{'x' * 99}{ELLIPSIS}" in module.text


def test_an_excerpt_keeps_short_words_and_cuts_long_runs_and_long_texts() -> None:
    assert excerpt("module 1234 does not exist") == "module 1234 does not exist"
    assert excerpt("value " + "b" * 500 + " is wrong") == f"value {'b' * 100}{ELLIPSIS} is wrong"
    spaced = excerpt("ab " * 5_000)
    assert len(spaced) == 1_001
    assert spaced.endswith(ELLIPSIS)


async def test_a_lone_surrogate_is_named_with_its_byte(
    client: AsyncTestClient[Any], accounts: Accounts
) -> None:
    headers = await accounts.headers("operator") | {"Content-Type": "application/json"}
    bodies = {
        b'{"title": "\\ud800x"}': "invalid \\u escape: a lone surrogate at byte 11",
        b'{"title": "ok\\ud83d\\ude00 \\udbff"}': "invalid \\u escape: a lone surrogate at byte 26",
        b'{"slug": "x1",': "Input data was truncated",
    }
    for body, detail in bodies.items():
        response = await client.post("/api/catalogue/providers", content=body, headers=headers)

        assert (response.status_code, response.json()["code"]) == (400, "malformed-json"), body
        assert response.json()["detail"] == f"the request body is not valid JSON: {detail}"


def test_an_escaped_backslash_before_u_is_no_surrogate() -> None:
    assert lone_surrogate(b'{"a": "\\\\ud800"}') is None
    assert lone_surrogate(b'{"a": "\\ud800\\udc00"}') is None
    assert lone_surrogate(b'{"a": "\\ud800\\\\udc00"}') == 7
    assert lone_surrogate('{"a": "\\ud800"}') == 7
    with pytest.raises(MalformedJsonError, match="lone surrogate at byte 7"):
        decode_json(b'{"a": "\\ud800"}')
