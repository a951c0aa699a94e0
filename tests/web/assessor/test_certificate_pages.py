"""The exam institute's page over HTTP: issue a person certificate for an accredited scheme,
see it listed; only the schemes the organisation may issue are offered."""

from __future__ import annotations

import datetime as dt

from tests.registry.issuing.test_certificates import FGAS, INSTITUTE, NEN, VCA, exam_institute
from tests.registry.wallet_helpers import World
from tests.web.helpers import Browser, signed_in

PATH = "/beoordelaar/certificaten"


async def _exam_browser(world: World) -> Browser:
    await exam_institute(world)
    return await signed_in(
        world.client, world.sessionmaker, "assessor", "examinator@example.nl", provider=INSTITUTE
    )


def _form(**changes: str) -> dict[str, str]:
    until = dt.date.today().replace(year=dt.date.today().year + 10, day=1)
    return {
        "scheme": VCA,
        "candidate_email": "kandidaat@example.nl",
        "candidate_name": "Fatima El Amrani",
        "valid_until": until.isoformat(),
        **changes,
    }


async def test_an_exam_institute_issues_a_certificate_on_its_page(world: World) -> None:
    browser = await _exam_browser(world)
    form = await browser.get(PATH)
    assert form.status_code == 200, form.text
    assert "<h1>Certificaten uitgeven</h1>" in form.text
    # Only the accredited schemes are offered, by their Dutch names.
    assert f'<option value="{VCA}">VCA Basis</option>' in form.text
    assert f'<option value="{NEN}">NEN 3140 Voldoende Onderricht Persoon</option>' in form.text
    assert FGAS not in form.text
    assert "Jouw organisatie heeft nog geen certificaten uitgegeven." in form.text

    answer = await browser.post(PATH, _form())
    assert answer.status_code == 303, answer.text
    assert answer.headers["location"] == f"{PATH}?uitgegeven=1"
    listed = await browser.get(answer.headers["location"])
    assert "Het certificaat is uitgegeven." in listed.text
    assert "Fatima El Amrani" in listed.text
    assert "kandidaat@example.nl" in listed.text
    assert "<dd>VCA Basis</dd>" in listed.text
    assert "Geldig</span>" in listed.text
    until = dt.date.fromisoformat(_form()["valid_until"])
    assert f"<dd>{until.strftime('%d-%m-%Y')}</dd>" in listed.text

    # The same person again, while it is valid: said at the form, in plain words.
    again = await browser.post(PATH, _form())
    assert again.status_code == 422, again.text
    assert "Deze persoon heeft dit certificaat al, en het is nog geldig." in again.text


async def test_the_form_says_what_is_wrong_and_issues_nothing(world: World) -> None:
    browser = await _exam_browser(world)
    answer = await browser.post(
        PATH, _form(scheme=FGAS, candidate_email="geen-adres", valid_until="2001-01-01")
    )
    assert answer.status_code == 400, answer.text
    assert "Kies een certificaat." in answer.text  # F-gassen is not accredited
    assert "Dit e-mailadres klopt niet." in answer.text
    assert "Kies een datum na vandaag." in answer.text
    listed = await browser.get(PATH)
    assert "Jouw organisatie heeft nog geen certificaten uitgegeven." in listed.text


async def test_an_organisation_without_schemes_is_told_so(world: World) -> None:
    # opleider-b is an EVC centre: accredited for EVC, not for any certificate scheme.
    browser = await signed_in(
        world.client, world.sessionmaker, "assessor", "evc@example.nl", provider="opleider-b"
    )
    answer = await browser.get(PATH)
    assert answer.status_code == 200, answer.text
    assert "Jouw organisatie mag nu geen certificaten uitgeven." in answer.text
    assert "<form" not in answer.text.split("<main", 1)[1].split("</main>", 1)[0]
    home = await browser.get("/beoordelaar")
    assert 'href="/beoordelaar/certificaten"' in home.text


# A scheme the catalogue names in Dutch only.
DUTCH_ONLY = "https://examencentrum.example/schemes/hoogwerker"


async def test_in_english_the_page_names_schemes_and_certificates_in_english(
    world: World,
) -> None:
    browser = await _exam_browser(world)
    body = {"framework": "certificaatschemas", "uri": DUTCH_ONLY, "labels": {"nl": "Hoogwerker"}}
    created = await world.client.post(
        "/api/catalogue/competences", json=body, headers=world.operator
    )
    assert created.status_code == 201, created.text
    await world.accredit(INSTITUTE, "certificate", [DUTCH_ONLY])
    for scheme in (VCA, DUTCH_ONLY):
        answer = await browser.post(PATH, _form(scheme=scheme))
        assert answer.status_code == 303, answer.text

    await browser.get("/taal/en")
    page = await browser.get(PATH)
    assert "<h1>Issue certificates</h1>" in page.text, page.text
    assert f'<option value="{VCA}">VCA Basic Safety</option>' in page.text
    assert f'<option value="{DUTCH_ONLY}">Hoogwerker</option>' in page.text
    # The issued certificates signed the Dutch names; the page gives the English name where
    # the catalogue has one, else the Dutch.
    assert "<dd>VCA Basic Safety</dd>" in page.text
    assert "<dd>Hoogwerker</dd>" in page.text
    assert "<dd>VCA Basis</dd>" not in page.text

    await browser.get("/taal/nl")
    dutch = await browser.get(PATH)
    assert "<dd>VCA Basis</dd>" in dutch.text
    assert "VCA Basic Safety" not in dutch.text
