"""The job profile form says what is wrong in plain words, on the field, by its label: a
certificate age that is no whole number of months is refused (not saved as "no limit"), the
validator's and the service's refusals read in the page's language, another employer's profile
is the 403 or 404 page as in the API, and the profile page names skills in the page's
language."""

from __future__ import annotations

from typing import Any

from litestar.testing import AsyncTestClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.models import JobProfile
from tests.catalogue.helpers import CHARGER, Catalogue
from tests.registry.matching.helpers import VCA
from tests.web.helpers import signed_in, table_counts

Client = AsyncTestClient[Any]
Maker = async_sessionmaker[AsyncSession]
NEW = "/werkgever/vacatures/nieuw"
AGE_ERROR = (
    "Certificaat 1, maximaal zoveel maanden oud: vul een heel aantal maanden in, van 1 tot en "
    "met 1200."
)


def _save(**fields: str) -> dict[str, str]:
    return {"title": "Laadpaalmonteur", "cert_name_0": "VCA Basis", "cert_uri_0": VCA} | {
        **fields,
        "action": "save",
    }


async def _stored(sessionmaker: Maker) -> list[JobProfile]:
    async with sessionmaker() as session:
        return list(await session.scalars(select(JobProfile)))


async def test_a_certificate_age_that_is_no_whole_number_of_months_is_refused(
    client: Client, sessionmaker: Maker
) -> None:
    employer = await signed_in(client, sessionmaker, "employer", "hr@zon.example")
    before = await table_counts(sessionmaker)
    for age in ["abc", "-1", "1.5", "0", "1201"]:
        answer = await employer.post(NEW, _save(cert_age_0=age))
        assert answer.status_code == 422, (age, answer.text)
        assert AGE_ERROR in answer.text, age
        assert f'name="cert_age_0" type="number" value="{age}"' in answer.text
        assert 'aria-describedby="cert_age_0-error"' in answer.text
    assert await table_counts(sessionmaker) == before
    made = await employer.post(NEW, _save(cert_age_0="12"))
    assert made.status_code == 303, made.text
    before = await table_counts(sessionmaker)
    edit = made.headers["location"].split("?")[0] + "/bewerken"
    answer = await employer.post(edit, _save(cert_age_0="abc"))
    assert answer.status_code == 422
    assert AGE_ERROR in answer.text
    assert await table_counts(sessionmaker) == before
    [kept] = await _stored(sessionmaker)
    assert kept.certificates[0]["maxAgeMonths"] == 12
    empty = await employer.post(NEW, _save(cert_age_0=""))
    assert empty.status_code == 303
    ages = sorted(str(p.certificates[0]["maxAgeMonths"]) for p in await _stored(sessionmaker))
    assert ages == ["12", "None"]


async def test_refusals_name_the_field_by_its_label_in_the_page_language(
    client: Client, sessionmaker: Maker
) -> None:
    employer = await signed_in(client, sessionmaker, "employer", "hr@zon.example")
    bad_uri = await employer.post(NEW, _save(cert_uri_0="geen adres"))
    assert bad_uri.status_code == 422
    assert "Adres (URI) van het schema van certificaat 1: vul een adres in" in bad_uri.text
    assert "Expected" not in bad_uri.text
    assert "$." not in bad_uri.text
    blank = await employer.post(NEW, _save(title="   "))
    assert blank.status_code == 422
    assert "Naam van de functie: vul een naam in" in blank.text
    conflict = await employer.post(
        NEW,
        _save(req=CHARGER, when_0="at-start", add=CHARGER, add_when="can-learn"),
    )
    assert conflict.status_code == 422
    assert "Vaardigheden: kies elke vaardigheid één keer" in conflict.text
    assert "at-start" not in conflict.text.split("<form")[0]
    await employer.get("/taal/en")
    english = await employer.post(NEW, _save(cert_age_0="abc", cert_uri_0="nope"))
    assert english.status_code == 422
    assert "Certificate 1, at most this many months old: fill in a whole number" in english.text
    assert "of certificate 1: fill in an address" not in english.text  # the age is read first
    english = await employer.post(NEW, _save(cert_uri_0="nope"))
    assert "Scheme address (URI) of certificate 1: fill in an address" in english.text
    assert await _stored(sessionmaker) == []


async def test_another_employers_profile_is_403_when_published_and_404_as_a_draft(
    client: Client, sessionmaker: Maker
) -> None:
    owner = await signed_in(client, sessionmaker, "employer", "hr@zon.example")
    ids = {}
    for title, published in [("Openbaar", "1"), ("Concept", "")]:
        made = await owner.post(NEW, _save(title=title, published=published))
        assert made.status_code == 303, made.text
        ids[title] = made.headers["location"].split("/")[-1].split("?")[0]
    client.cookies.clear()
    other = await signed_in(client, sessionmaker, "employer", "hr@wind.example")
    before = await table_counts(sessionmaker)
    for title, status in [("Openbaar", 403), ("Concept", 404)]:
        path = f"/werkgever/vacatures/{ids[title]}/bewerken"
        shown = await other.get(path)
        assert shown.status_code == status, title
        for action in ["save", "search"]:
            answer = await other.post(path, _save(title="Van mij") | {"action": action})
            assert answer.status_code == status, (title, action, answer.text)
            assert "only the employer" not in answer.text
            assert "Van mij" not in answer.text
    assert "Deze vacature bestaat niet" in answer.text
    assert await table_counts(sessionmaker) == before
    assert sorted(p.title for p in await _stored(sessionmaker)) == ["Concept", "Openbaar"]


async def test_the_profile_page_names_skills_in_the_page_language(
    client: Client, sessionmaker: Maker, cat: Catalogue
) -> None:
    employer = await signed_in(client, sessionmaker, "employer", "hr@zon.example")
    made = await employer.post(NEW, _save(req=CHARGER, when_0="at-start"))
    assert made.status_code == 303, made.text
    path = made.headers["location"].split("?")[0]
    assert "laadpalen installeren" in (await employer.get(path)).text
    await employer.get("/taal/en")
    pages = [await employer.get(path), await employer.get(f"{path}/bewerken")]
    for seen in pages:
        assert "install charging stations" in seen.text
        assert "laadpalen installeren" not in seen.text
