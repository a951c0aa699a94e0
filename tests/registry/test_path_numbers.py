"""A number in a path too large for any row is not found, never an overflow (issue 9.11)."""

from __future__ import annotations

import re
from typing import Any

from litestar.routes import HTTPRoute
from litestar.testing import AsyncTestClient

from tests.catalogue.helpers import Catalogue

NUMBER = re.compile(r"\{[a-z_]+:int\}")


def number_routes(client: AsyncTestClient[Any]) -> list[str]:
    """Every GET route with a number in its path (status lists, module versions, ...)."""
    return [
        route.path
        for route in client.app.routes
        if isinstance(route, HTTPRoute) and NUMBER.search(route.path) and "GET" in route.methods
    ]


async def test_every_number_in_a_path_is_bounded(
    client: AsyncTestClient[Any], cat: Catalogue
) -> None:
    module = await cat.module()  # an existing module, so the version number reaches the query
    routes = number_routes(client)
    assert {"/status/{list_id:int}", "/status/{list_id:int}/suspension"} <= set(routes)
    assert "/api/catalogue/modules/{module_id:uuid}/versions/{number:int}" in routes
    for route in routes:
        for number in (2**31, 2**63 - 1, 2**63, 2**64 + 1, 10**30, -1):
            path = NUMBER.sub(str(number), route.replace("{module_id:uuid}", module["id"]))
            response = await client.get(path, headers=cat.provider_a)
            assert response.status_code == 404, (path, response.text)
            assert response.json()["code"].endswith("not-found"), path
    # Numbers that name something still work.
    version = await client.get(f"/api/catalogue/modules/{module['id']}/versions/1")
    assert version.status_code == 200


async def test_a_number_in_a_path_is_digits_only(
    client: AsyncTestClient[Any], cat: Catalogue
) -> None:
    """`/status/%201` named list 1: Python's int() reads spaces, signs and underscores."""
    module = await cat.module()
    version = f"/api/catalogue/modules/{module['id']}/versions/"
    assert (await client.get(f"{version}1")).status_code == 200
    for written in ("%201", "1%20", "+1", "01_0", "%2B1", "%D9%A1", "%EF%BC%91"):
        for route in number_routes(client):
            path = NUMBER.sub(written, route.replace("{module_id:uuid}", module["id"]))
            response = await client.get(path, headers=cat.provider_a)
            assert response.status_code == 404, (path, response.text)
            assert response.json()["code"] == "not-found", path
