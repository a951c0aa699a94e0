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
