"""The share form reads input the way people write it: a date as 31-12-2026 (one date reader
for every form), and copies of one ticked credential as that credential once. A typed date
is never passed over: it counts, or it is an error on the form."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from registry.models import Share
from registry.web.i18n import day_in_words
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


# ---------------------------------------------------------------- a typed date (QA: sharing 2)


def _in_words(day: dt.date) -> str:
    return day_in_words("nl", day)


@pytest.mark.parametrize("lifetime", ["7", "30", "90", "datum"])
async def test_a_typed_date_counts_whatever_the_menu_says(world: World, lifetime: str) -> None:
    """Without JavaScript the date field shows beside the menu (30 days unless changed): the
    date someone typed is what they chose, and the page says until when."""
    worker = await _worker(world)
    laadpaal = await worker.issue()
    day = dt.datetime.now(NL).date() + dt.timedelta(days=45)
    form = {
        "credential": str(laadpaal),
        "recipient": "hr@example.com",
        "lifetime": lifetime,
        "until": day.strftime("%d-%m-%Y"),
    }
    answer = await worker.browser.post("/mijn-cv/delen", form)
    assert answer.status_code == 200, answer.text
    assert "Je link is klaar" in answer.text
    assert f"De link werkt tot {_in_words(day)}, 23:59." in answer.text
    async with world.sessionmaker() as session:
        share = await session.scalar(select(Share))
    assert share is not None
    assert share.expires_at == dt.datetime.combine(day, dt.time(23, 59), tzinfo=NL)


BAD_DATES = [
    ("01-01-2020", "Deze datum is al voorbij.", "This date has passed."),
    ("31-02-2027", "Deze datum klopt niet. Schrijf hem zo: 31-12-2026.", "This date is not right."),
    ("morgen", "Deze datum klopt niet.", "Write it like this: 31-12-2026."),
    ("31-12-2099", "niet verder dan een jaar vooruit", "no more than one year ahead"),
]


@pytest.mark.parametrize(("typed", "dutch", "english"), BAD_DATES)
@pytest.mark.parametrize("lifetime", ["30", "datum"])
async def test_a_date_that_cannot_be_is_always_refused(
    world: World, typed: str, dutch: str, english: str, lifetime: str
) -> None:
    worker = await _worker(world)
    laadpaal = await worker.issue()
    form = {
        "credential": str(laadpaal),
        "recipient": "hr@example.com",
        "lifetime": lifetime,
        "until": typed,
    }
    answer = await worker.browser.post("/mijn-cv/delen", form)
    assert answer.status_code == 422, answer.text
    assert dutch in answer.text
    assert 'id="until-error"' in answer.text
    # The form comes back as it was filled in.
    assert f'value="{typed}"' in answer.text
    assert 'value="hr@example.com"' in answer.text
    assert f'value="{laadpaal}" checked' in answer.text
    assert f'<option value="{lifetime}" selected>' in answer.text
    async with world.sessionmaker() as session:
        assert await session.scalar(select(func.count()).select_from(Share)) == 0

    worker.browser.client.cookies.set("lang", "en")
    answer = await worker.browser.post("/mijn-cv/delen", form)
    worker.browser.client.cookies.delete("lang")
    assert answer.status_code == 422, answer.text
    assert english in answer.text
