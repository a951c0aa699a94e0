"""The employer starts a job profile from an ESCO occupation on the profile page: found by a
Dutch word, its skills filled in as `fromOccupation` fills them, saved with the occupation."""

from __future__ import annotations

import html
import re
from typing import Any
from uuid import UUID

from litestar.testing import AsyncTestClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.models import JobProfile
from tests.catalogue.helpers import Catalogue
from tests.catalogue.test_occupations import (
    OCCUPATIONS_EN,
    OCCUPATIONS_NL,
    RELATIONS,
    SOLAR_TECHNICIAN,
)
from tests.web.helpers import signed_in

Client = AsyncTestClient[Any]
Maker = async_sessionmaker[AsyncSession]
NEW = "/werkgever/vacatures/nieuw"


async def import_occupations(client: Client, cat: Catalogue) -> None:
    for body, params in [
        (OCCUPATIONS_EN, {"format": "esco-occupations", "language": "en"}),
        (OCCUPATIONS_NL, {"format": "esco-occupations", "language": "nl"}),
        (RELATIONS, {"format": "esco-occupation-skills"}),
    ]:
        response = await client.post(
            "/api/catalogue/import",
            params=params,
            content=body,
            headers={**cat.operator, "Content-Type": "text/csv"},
        )
        assert response.status_code in {200, 201}, response.text


def form_of(page: str) -> dict[str, Any]:
    """What the profile form would post: its fields as the page fills them."""
    kept = [html.unescape(v) for v in re.findall(r'name="req" value="([^"]+)"', page)]
    chosen = re.findall(
        r'<select id="when_(\d+)" name="when_\d+">.*?<option value="([a-z-]+)" selected>',
        page,
        re.S,
    )
    title = re.search(r'name="title"[^>]*value="([^"]*)"', page) or re.search(
        r'value="([^"]*)"[^>]*name="title"', page
    )
    occupation = re.search(r'name="occupation" value="([^"]+)"', page)
    return {
        "title": html.unescape(title.group(1)) if title else "",
        "occupation": occupation.group(1) if occupation else "",
        "req": kept,
        **{f"when_{n}": when for n, when in chosen},
    }


async def test_the_employer_starts_a_profile_from_an_occupation(
    client: Client, sessionmaker: Maker, cat: Catalogue
) -> None:
    await import_occupations(client, cat)
    # The rule the page follows is the API's: a profile made with fromOccupation.
    reference = await client.post(
        "/api/job-profiles",
        json={"fromOccupation": SOLAR_TECHNICIAN},
        headers=await cat.accounts.headers("employer", email="ander@zon.example"),
    )
    assert reference.status_code == 201, reference.text
    client.cookies.clear()
    employer = await signed_in(client, sessionmaker, "employer", "hr@zon.example")

    nothing = await employer.get(NEW, params={"beroep": "vliegtuigbouwer"})
    assert "Geen beroep gevonden" in nothing.text
    found = await employer.get(NEW, params={"beroep": "PV-monteur"})
    assert found.status_code == 200
    assert f'name="beroep_uri" value="{SOLAR_TECHNICIAN}"' in found.text
    assert "monteur zonnepanelen" in found.text

    started = await employer.post(
        NEW, {"beroep_uri": SOLAR_TECHNICIAN, "action": "from-occupation"}
    )
    assert started.status_code == 200, started.text
    assert "De vaardigheden van het beroep staan hieronder" in started.text
    form = form_of(started.text)
    expected = reference.json()
    assert form["title"] == expected["title"]
    assert form["occupation"] == SOLAR_TECHNICIAN
    assert [(uri, form[f"when_{n}"]) for n, uri in enumerate(form["req"])] == [
        (r["competence"], r["when"]) for r in expected["requirements"]
    ]
    assert sum(form[f"when_{n}"] == "at-start" for n in range(len(form["req"]))) == 21

    saved = await employer.post(NEW, {**form, "action": "save"})
    assert saved.status_code == 303, saved.text
    profile_id = saved.headers["location"].split("/")[-1].split("?")[0]
    async with sessionmaker() as session:
        mine = await session.get_one(JobProfile, UUID(profile_id))
    assert (mine.title, mine.occupation) == (expected["title"], SOLAR_TECHNICIAN)
    assert mine.requirements == [
        {"competence": r["competence"], "when": r["when"]} for r in expected["requirements"]
    ]

    unknown = await employer.post(
        NEW, {"beroep_uri": f"{SOLAR_TECHNICIAN}-x", "action": "from-occupation"}
    )
    assert unknown.status_code == 422
    assert "Kies een beroep uit de lijst." in unknown.text


async def test_an_occupation_must_be_known_and_agree_with_from_occupation(
    client: Client, sessionmaker: Maker, cat: Catalogue
) -> None:
    await import_occupations(client, cat)
    employer = await cat.accounts.headers("employer", email="hr@zon.example")
    unknown = f"{SOLAR_TECHNICIAN}-x"
    for body, code in [
        ({"title": "X", "occupation": "http://nope"}, "occupation-unknown"),
        ({"title": "X", "occupation": unknown}, "occupation-unknown"),
        ({"fromOccupation": SOLAR_TECHNICIAN, "occupation": "http://other"}, "occupation-mismatch"),
    ]:
        answer = await client.post("/api/job-profiles", json=body, headers=employer)
        assert (answer.status_code, answer.json()["code"]) == (422, code), body
    same = {"fromOccupation": SOLAR_TECHNICIAN, "occupation": SOLAR_TECHNICIAN}
    made = await client.post("/api/job-profiles", json=same, headers=employer)
    assert made.status_code == 201, made.text
    path = f"/api/job-profiles/{made.json()['id']}"
    refused = await client.patch(path, json={"occupation": unknown}, headers=employer)
    assert (refused.status_code, refused.json()["code"]) == (422, "occupation-unknown")
    async with sessionmaker() as session:
        rows = list(await session.scalars(select(JobProfile)))
    assert [row.occupation for row in rows] == [SOLAR_TECHNICIAN]
    cleared = await client.patch(path, json={"occupation": None}, headers=employer)
    assert (cleared.status_code, cleared.json()["occupation"]) == (200, None)
