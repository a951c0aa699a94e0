"""Sharing less on the pages: the worker's share form offers the parts of a deelcertificaat,
and the employer's share page says in words what was left out (its JSON says the same)."""

from __future__ import annotations

import html
import re

from sqlalchemy import select

from registry.models import Share
from tests.registry.sharing.test_share_disclosure import NOTES, issue_with_notes
from tests.registry.wallet_helpers import World
from tests.web.helpers import HTML
from tests.web.worker.test_worker_pages import _row_id, _worker

LEFT_OUT = "De opleider heeft notities toegevoegd die niet gedeeld zijn."


async def _share(world: World, form: dict[str, object]) -> tuple[Share, str]:
    """Post the share form; the new share and its page as HTML."""
    worker = await _worker(world)
    issued = await issue_with_notes(world, worker.person)
    row = str(await _row_id(world.sessionmaker, issued["id"]))
    page = await worker.browser.get("/mijn-cv/delen")
    assert "Wat deel je van Laadpaalmonteur?" in page.text
    assert html.escape(NOTES) in page.text  # the worker sees what the notes say
    fields = {
        "credential": row,
        "recipient": "hr@example.com",
        "lifetime": "30",
        "selective": row,
        **{key.format(row=row): value for key, value in form.items()},
    }
    answer = await worker.browser.post("/mijn-cv/delen", fields)
    assert answer.status_code == 200, answer.text
    async with world.sessionmaker() as session:
        share = await session.scalar(select(Share))
    assert share is not None
    link = re.search(r'id="share-link" type="text" readonly value="([^"]+)"', answer.text)
    assert link is not None
    return share, html.unescape(link.group(1))


async def test_unticking_the_notes_leaves_them_out_and_the_page_says_so(world: World) -> None:
    share, url = await _share(world, {"keep-{row}": ["name", "date"]})
    assert share.withheld == {share.credential_ids[0]: ["notes"]}
    page = await world.client.get(url, headers=HTML)
    assert page.status_code == 200, page.text
    assert LEFT_OUT in page.text
    assert html.escape(NOTES) not in page.text
    assert page.text.count('class="verdict green"') == 1
    assert "Op naam van: <strong>Sanne</strong>" in page.text  # the name was shared
    assert "Niet bevestigd" not in page.text  # the issuer as the trust list names it
    answer = (await world.client.get(url, headers={"Accept": "application/json"})).json()
    assert answer["verification"]["verdict"] == "valid"
    assert answer["credentials"][0]["withheld"] == ["notes"]


async def test_everything_ticked_shares_the_notes(world: World) -> None:
    share, url = await _share(world, {"keep-{row}": ["name", "date", "notes"]})
    assert share.withheld == {share.credential_ids[0]: []}
    page = await world.client.get(url, headers=HTML)
    assert html.escape(NOTES) in page.text
    assert LEFT_OUT not in page.text
    assert "Notities van de opleider" in page.text


async def test_nothing_ticked_leaves_out_name_date_and_notes(world: World) -> None:
    share, url = await _share(world, {})
    assert share.withheld == {share.credential_ids[0]: ["name", "date", "notes"]}
    page = await world.client.get(url, headers=HTML)
    assert LEFT_OUT in page.text
    assert "De volledige naam is niet gedeeld." in page.text
    assert "De datum van het certificaat is niet gedeeld." in page.text
    assert "Op naam van" not in page.text
    assert page.text.count('class="verdict green"') == 1
