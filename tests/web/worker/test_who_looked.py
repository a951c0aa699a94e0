"""The worker's "who looked" never shows a self-chosen name of an account whose address is not
proven (QA 16): such a visitor is anyone with the link."""

from __future__ import annotations

from typing import Any

from litestar.testing import AsyncTestClient
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.accounts.accounts import create_account, issue_token
from tests.registry.wallet_helpers import World
from tests.web.worker.test_worker_pages import LINK, _worker

Client = AsyncTestClient[Any]
Maker = async_sessionmaker[AsyncSession]
SQUATTER = "Politie Nederland, bel 0800-1234"


async def _bearer(world: World, email: str, name: str, *, verified: bool) -> dict[str, str]:
    async with world.sessionmaker() as session, session.begin():
        account = await create_account(
            session, role="employer", name=name, email=email, verified=verified
        )
        token = await issue_token(session, account)
    return {"Authorization": f"Bearer {token}", "Accept": "application/json"}


async def test_an_unproven_account_that_opens_a_share_is_anyone_with_the_link(
    world: World,
) -> None:
    worker = await _worker(world)
    laadpaal = await worker.issue()
    answer = await worker.browser.post(
        "/mijn-cv/delen", {"credential": str(laadpaal), "recipient": "hr@noord.example"}
    )
    link = LINK.search(answer.text)
    assert link is not None
    unproven = await _bearer(world, "hr@noord.example", SQUATTER, verified=False)
    proven = await _bearer(world, "hr@zuid.example", "Bouwbedrijf Zuid", verified=True)
    for headers in (unproven, proven):
        opened = await world.client.get(link.group(1), headers=headers)
        assert opened.status_code == 200, opened.text

    listing = (await worker.browser.get("/mijn-cv/gedeeld")).text
    assert SQUATTER not in listing
    assert "Bouwbedrijf Zuid" in listing
    assert "iemand met de link" in listing
    # Nor does the share join the unproven account's received list by that view.
    received = await world.client.get("/api/shares/received", headers=unproven)
    assert SQUATTER not in received.text
    assert received.status_code != 200 or received.json() == []
