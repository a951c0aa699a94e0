"""The EVC form picks the standard and its werkprocessen from the catalogue (an imported
kwalificatiedossier), found by a Dutch word without JavaScript; the record aligns to the
catalogue's werkproces URIs and names the framework."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select

from registry.models import Credential
from tests.catalogue.test_sbb_import import DIENSTVERLENING, DOSSIER, XML
from tests.registry.wallet_helpers import World
from tests.web.assessor.test_assessor_pages import Client, Maker, assessor, counts, payload_of

SLUG = "sbb-23189-2015-11-26"


async def import_dossier(world: World) -> None:
    response = await world.client.post(
        "/api/catalogue/import",
        params={"format": "sbb"},
        content=DIENSTVERLENING,
        headers={**world.operator, **XML},
    )
    assert response.status_code == 201, response.text


def picked_form(page: str, results: dict[str, str]) -> dict[str, Any]:
    """The form as the page gives it, a result filled in for the werkprocessen named."""
    rows = dict(re.findall(r'name="pick_(\d+)" value="([^"]+)"', page))
    form: dict[str, Any] = {
        "framework": re.findall(r'name="framework" value="([^"]+)"', page)[0],
        "candidate_email": "kandidaat@example.nl",
        "candidate_name": "Fatima El Amrani",
        "method": ["portfolio"],
    }
    for index, uri in rows.items():
        form[f"pick_{index}"] = uri
        form[f"pick_result_{index}"] = results.get(uri.rsplit("/", 1)[-1], "")
    return form


async def test_the_assessor_finds_a_dossier_by_a_dutch_word_and_records_against_it(
    world: World, client: Client, sessionmaker: Maker
) -> None:
    await import_dossier(world)
    browser = await assessor(client, sessionmaker)
    # A word from a werkproces finds its dossier, accents and case ignored.
    found = await browser.get("/beoordelaar/evc/nieuw", params={"zoek": "Stémt AF"})
    assert found.status_code == 200
    assert f'href="/beoordelaar/evc/nieuw?kader={SLUG}"' in found.text
    nothing = await browser.get("/beoordelaar/evc/nieuw", params={"zoek": "vliegtuigbouw"})
    assert "Niets gevonden" in nothing.text
    assert "?kader=" not in nothing.text

    chosen = await browser.get("/beoordelaar/evc/nieuw", params={"kader": SLUG})
    assert chosen.status_code == 200
    # All 18 werkprocessen in code order, the standard named by the catalogue (no typing).
    codes = re.findall(r"<legend>([BP]\d-K\d-W\d+) ", chosen.text)
    assert len(codes) == 18
    assert codes[:2] == ["B1-K1-W1", "B1-K1-W2"]
    assert 'name="standard_name"' not in chosen.text
    narrowed = await browser.get(
        "/beoordelaar/evc/nieuw", params={"kader": SLUG, "zoek": "toezicht"}
    )
    assert re.findall(r"<legend>([BP]\d-K\d-W\d+) ", narrowed.text) == ["P3-K1-W3"]

    form = picked_form(chosen.text, {"B1-K1-W1": "behaald", "B1-K1-W9": "niet behaald"})
    answer = await browser.post("/beoordelaar/evc/nieuw", form)
    assert answer.status_code == 303, answer.text
    async with sessionmaker() as session:
        row = await session.scalar(select(Credential))
    assert row is not None
    framework = (await client.get(f"/api/catalogue/frameworks/{SLUG}")).json()
    assert row.achievement_id == framework["uri"]
    subject = payload_of(row.jws)["credentialSubject"]
    assert subject["achievement"]["name"] == framework["name"]
    names = {d["id"]: d for d in subject["achievement"]["resultDescription"]}
    aligned = {
        names[r["resultDescription"]]["alignment"][0]["targetUrl"]: (
            names[r["resultDescription"]]["alignment"][0]["targetFramework"],
            r["status"],
        )
        for r in subject["result"]
    }
    assert aligned == {
        f"{DOSSIER}/B1-K1-W1": (framework["name"][:100], "Completed"),
        f"{DOSSIER}/B1-K1-W9": (framework["name"][:100], "Failed"),
    }
    verdict = await client.post(
        "/api/verify", content=row.jws, headers={"Content-Type": "application/vc+jwt"}
    )
    assert verdict.json()["verdict"] == "valid", verdict.text


async def test_a_picked_form_without_results_or_with_a_foreign_werkproces_issues_nothing(
    world: World, client: Client, sessionmaker: Maker
) -> None:
    await import_dossier(world)
    browser = await assessor(client, sessionmaker)
    chosen = await browser.get("/beoordelaar/evc/nieuw", params={"kader": SLUG})
    empty = await browser.post("/beoordelaar/evc/nieuw", picked_form(chosen.text, {}))
    assert empty.status_code == 400
    assert "Vul minstens één werkproces in, met een resultaat." in empty.text
    # The form comes back with the picked werkprocessen, not the typed rows.
    assert len(re.findall(r'name="pick_\d+"', empty.text)) == 18
    foreign = picked_form(chosen.text, {"B1-K1-W1": "behaald"})
    foreign["pick_1"] = "https://esco.example/skill/warmtepomp"
    answer = await browser.post("/beoordelaar/evc/nieuw", foreign)
    assert answer.status_code == 400
    assert "staat niet meer in de catalogus" in answer.text
    unknown = picked_form(chosen.text, {"B1-K1-W1": "behaald"}) | {"framework": "bestaat-niet"}
    answer = await browser.post("/beoordelaar/evc/nieuw", unknown)
    assert answer.status_code == 400
    assert "staat niet meer in de catalogus" in answer.text
    assert await counts(sessionmaker) == (0, 0)
