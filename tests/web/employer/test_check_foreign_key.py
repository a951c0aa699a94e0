"""The check page says plainly that a key is not the issuer's (QA 18e): not "try later"."""

from __future__ import annotations

import json
from typing import Any

from litestar.testing import AsyncTestClient
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from credentials.jws import sign_compact
from credentials.keys import SigningKey
from tests.credentials.test_verify import parts
from tests.registry.wallet_helpers import World
from tests.web.helpers import Browser

Client = AsyncTestClient[Any]
Maker = async_sessionmaker[AsyncSession]


async def test_our_issuers_did_with_a_key_it_never_had_is_red_and_says_why(world: World) -> None:
    worker = await world.person("worker", "kim@example.nl")
    issued = await world.issue(worker)
    header, payload, _ = parts(issued["credential"])
    stranger = SigningKey.generate()
    kid = f"{header['kid'].partition('#')[0]}#{stranger.public.thumbprint()}"
    forged = sign_compact(json.dumps(payload).encode(), stranger, kid=kid, typ=header["typ"])

    page = await Browser(world.client).post("/controleren", {"jws": forged})
    assert page.status_code == 200, page.text
    assert 'class="verdict red"' in page.text
    assert "sleutel die niet van deze uitgever is" in page.text
    assert "Probeer het later" not in page.text
    assert "key-not-issuers" in page.text  # in the experts' table

    response = await world.client.post(
        "/api/verify", content=forged, headers={"Content-Type": "application/vc+jwt"}
    )
    assert response.status_code == 200, response.text
    assert response.json()["verdict"] == "invalid"
