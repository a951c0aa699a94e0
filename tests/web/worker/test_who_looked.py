"""The worker's "who looked" never shows a self-chosen name of an account whose address is not
proven (QA 16): such a visitor is anyone with the link."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from litestar.testing import AsyncTestClient
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.accounts.accounts import create_account, issue_token
from registry.models import ShareView
from tests.registry.wallet_helpers import World
from tests.web.helpers import signed_in
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


async def test_who_looked_is_data_in_the_api_and_one_language_on_the_page(world: World) -> None:
    """QA sharing 3: the API gives who looked as data, the page words it in its language only;
    also for views logged before, whose stored label had both languages."""
    worker = await world.person("worker", "sanne@example.nl", "Sanne")
    issued = await world.issue(worker)
    share = await world.share(worker, [issued["id"]], "hr@noord.example")
    async with world.sessionmaker() as session, session.begin():
        legacy = "iemand met de link (someone with the link)"
        session.add(ShareView(share_id=UUID(share["id"]), viewer=legacy))
    await world.client.get(share["url"], headers={"Accept": "application/json"})
    proven = await _bearer(world, "hr@zuid.example", "Bouwbedrijf Zuid", verified=True)
    assert (await world.client.get(share["url"], headers=proven)).status_code == 200

    listed = await world.client.get("/api/me/shares", headers=worker.headers)
    views = [{k: v for k, v in view.items() if k != "at"} for view in listed.json()[0]["views"]]
    anyone = {"viewerKind": "anyone-with-link", "viewer": None, "viewerRole": None}
    assert views[:2] == [{**anyone, "viewerId": None}] * 2
    assert views[2]["viewerKind"] == "account"
    assert (views[2]["viewer"], views[2]["viewerRole"]) == ("Bouwbedrijf Zuid", "employer")
    assert "iemand" not in listed.text
    assert "someone" not in listed.text

    browser = await signed_in(world.client, world.sessionmaker, "worker", "sanne@example.nl")
    dutch = (await browser.get("/mijn-cv/gedeeld")).text
    assert dutch.count(": iemand met de link</li>") == 2
    assert ": Bouwbedrijf Zuid (werkgever)</li>" in dutch
    assert "someone with the link" not in dutch
    assert "(employer)" not in dutch
    world.client.cookies.set("lang", "en")
    english = (await browser.get("/mijn-cv/gedeeld")).text
    world.client.cookies.delete("lang")
    assert english.count(": someone with the link</li>") == 2
    assert ": Bouwbedrijf Zuid (employer)</li>" in english
    assert "iemand met de link" not in english
    assert "Viewed" in english
