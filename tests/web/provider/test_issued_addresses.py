"""An issuer is never told whether an address has an account here (QA 18c): the issue answer
has no `claimed`, and its pages show the address it gave, account or not."""

from __future__ import annotations

from typing import Any

from tests.registry.wallet_helpers import World
from tests.web.helpers import Browser
from tests.web.provider_helpers import provider

__all__ = ["provider"]  # a fixture, used by name


async def _issue_to_address(world: World, email: str, name: str) -> dict[str, Any]:
    response = await world.client.post(
        "/api/credentials",
        json={
            "kind": "module-certificate",
            "moduleId": world.module["id"],
            "holder": {"email": email, "name": name},
        },
        headers=world.provider,
    )
    assert response.status_code == 201, response.text
    issued: dict[str, Any] = response.json()
    return issued


async def test_the_issuer_sees_the_address_it_gave_whether_it_has_an_account_or_not(
    provider: Browser, world: World
) -> None:
    await world.person("worker", "sam@example.nl", "Sam de Vries")
    with_account = await _issue_to_address(world, "sam@example.nl", "Sam de Vries")
    without = await _issue_to_address(world, "nog-niemand@example.nl", "Nog Niemand")
    assert with_account["holder"].keys() == without["holder"].keys()
    assert "claimed" not in with_account["holder"]

    listing = (await provider.get("/aanbieder/bewijzen")).text
    assert "sam@example.nl" in listing
    assert "nog-niemand@example.nl" in listing
    for issued, email in ((with_account, "sam@example.nl"), (without, "nog-niemand@example.nl")):
        page = await provider.get(f"/aanbieder/bewijzen/{issued['id']}")
        assert page.status_code == 200
        assert email in page.text

    # Issued to a worker id, the issuer never had the address and does not get it.
    other = await world.person("worker", "piet@example.nl", "Piet")
    by_id = await world.issue(other)
    page = await provider.get(f"/aanbieder/bewijzen/{by_id['id']}")
    assert "piet@example.nl" not in page.text
    assert "piet@example.nl" not in (await provider.get("/aanbieder/bewijzen")).text
