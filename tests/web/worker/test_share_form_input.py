"""The share form reads input the way people write it: a date as 31-12-2026 (one date reader
for every form), and copies of one ticked credential as that credential once."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from registry.models import Share
from tests.registry.wallet_helpers import World
from tests.web.worker.test_worker_pages import NL, _worker


@pytest.mark.parametrize("written", ["%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d"])
async def test_a_chosen_date_may_be_written_the_dutch_way(world: World, written: str) -> None:
    worker = await _worker(world)
    laadpaal = await worker.issue()
    day = dt.datetime.now(NL).date() + dt.timedelta(days=10)
    form = {
        "credential": str(laadpaal),
        "recipient": "hr@example.com",
        "lifetime": "datum",
        "until": day.strftime(written),
    }
    answer = await worker.browser.post("/mijn-cv/delen", form)
    assert answer.status_code == 200, answer.text
    async with world.sessionmaker() as session:
        share = await session.scalar(select(Share))
    assert share is not None
    assert share.expires_at == dt.datetime.combine(day, dt.time(23, 59), tzinfo=NL)


async def test_copies_of_one_credential_are_shared_once(world: World) -> None:
    worker = await _worker(world)
    laadpaal = str(await worker.issue())
    form = {"credential": [laadpaal] * 600, "recipient": "hr@example.com", "lifetime": "30"}
    answer = await worker.browser.post("/mijn-cv/delen", form)
    assert answer.status_code == 200, answer.text
    async with world.sessionmaker() as session:
        share = await session.scalar(select(Share))
    assert share is not None
    assert len(share.credential_ids) == 1
