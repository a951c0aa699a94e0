"""The assessor pages in English name standards and werkprocessen in English where the
catalogue has an English name, else as recorded (Dutch). A record keeps the names it signed;
only the page's words change."""

from __future__ import annotations

import re

from tests.registry.wallet_helpers import World
from tests.web.assessor.test_assessor_pages import STANDARD, Client, Maker, assessor, evc_form
from tests.web.assessor.test_assessor_picker import SLUG, import_dossier
from tests.web.helpers import Browser

STANDARD_NL = "Eerste monteur elektrotechnische installaties"
STANDARD_EN = "First fitter electrical installations"
W1_NL = "Bereidt de werkzaamheden voor"
W1_EN = "Prepares the work"
# B1-K1-W2 of the form is not in the catalogue: its name stays as recorded.
W2_NL = "Installeert elektrotechnische systemen"


async def _standard_in_catalogue(world: World) -> None:
    """The standard of `evc_form` and its first werkproces, named in Dutch and English."""
    framework = {
        "slug": "kwalificaties",
        "name": "Kwalificaties",
        "uri": "https://kwalificaties.example/",
        "version": "2026",
    }
    made = await world.client.post(
        "/api/catalogue/frameworks", json=framework, headers=world.operator
    )
    assert made.status_code == 201, made.text
    for uri, nl, en in (
        (STANDARD, STANDARD_NL, STANDARD_EN),
        (f"{STANDARD}/B1-K1-W1", W1_NL, W1_EN),
    ):
        body = {"framework": "kwalificaties", "uri": uri, "labels": {"nl": nl, "en": en}}
        made = await world.client.post(
            "/api/catalogue/competences", json=body, headers=world.operator
        )
        assert made.status_code == 201, made.text


async def _record(browser: Browser) -> str:
    answer = await browser.post("/beoordelaar/evc/nieuw", evc_form())
    assert answer.status_code == 303, answer.text
    return str(answer.headers["location"]).split("?")[0]


async def test_records_are_named_in_english_where_the_catalogue_can(
    world: World, client: Client, sessionmaker: Maker
) -> None:
    await _standard_in_catalogue(world)
    browser = await assessor(client, sessionmaker)
    record = await _record(browser)

    await browser.get("/taal/en")
    home = await browser.get("/beoordelaar")
    assert f"<dd>{STANDARD_EN}</dd>" in home.text, home.text
    assert STANDARD_NL not in home.text
    page = await browser.get(record)
    assert page.status_code == 200, page.text
    assert f"<h1>EVC result: {STANDARD_EN}</h1>" in page.text, page.text
    assert f'<span class="code">B1-K1-W1</span> {W1_EN}</th>' in page.text
    assert f'<span class="code">B1-K1-W2</span> {W2_NL}</th>' in page.text
    assert W1_NL not in page.text

    await browser.get("/taal/nl")
    dutch = await browser.get(record)
    assert f'<span class="code">B1-K1-W1</span> {W1_NL}</th>' in dutch.text
    assert STANDARD_EN not in dutch.text
    assert STANDARD_EN not in (await browser.get("/beoordelaar")).text


async def test_the_picked_werkprocessen_are_named_in_english_where_the_catalogue_can(
    world: World, client: Client, sessionmaker: Maker
) -> None:
    await import_dossier(world)
    found = await client.get("/api/catalogue/competences", params={"framework": SLUG})
    by_code = {c["code"]: c for c in found.json()["items"]}
    first = by_code["B1-K1-W1"]
    relabelled = await client.patch(
        f"/api/catalogue/competences/{first['id']}",
        json={"labels": {"en": W1_EN}},
        headers=world.operator,
    )
    assert relabelled.status_code == 200, relabelled.text
    browser = await assessor(client, sessionmaker)
    await browser.get("/taal/en")
    chosen = await browser.get("/beoordelaar/evc/nieuw", params={"kader": SLUG})
    legends = dict(re.findall(r"<legend>([BP]\d-K\d-W\d+) ([^<]+)</legend>", chosen.text))
    assert legends["B1-K1-W1"] == W1_EN
    # No English name: the Dutch one.
    assert legends["B1-K1-W2"] == by_code["B1-K1-W2"]["labels"]["nl"]
    assert "en" not in by_code["B1-K1-W2"]["labels"]
