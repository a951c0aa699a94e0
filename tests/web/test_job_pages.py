"""The pages of job profiles and matches (issue 15) over HTTP: the employer makes a profile
(competences found by a Dutch word, ticked as needed at the start), compares a share received
and reads in plain Dutch what blocks and the route; the worker sees published profiles near
them and what they still need; a coach sees the same for a worker who gave consent."""

from __future__ import annotations

import re
import uuid
from typing import Any

import lxml.html
from litestar.testing import AsyncTestClient
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.accounts.accounts import issue_token
from registry.models import Account
from tests.catalogue.helpers import CHARGER, HEAT_PUMP
from tests.registry.matching.helpers import VCA, certificate, exam_of, stop
from tests.registry.wallet_helpers import Person, World
from tests.web.helpers import Browser, person, signed_in

Maker = async_sessionmaker[AsyncSession]


async def _web_person(sessionmaker: Maker, role: Any, email: str, name: str) -> Person:
    """An account that signs in on the pages and has a bearer token for the API."""
    account = await person(sessionmaker, role, email, name=name)
    async with sessionmaker() as session, session.begin():
        token = await issue_token(session, await session.get_one(Account, account.id))
    return Person(str(account.id), {"Authorization": f"Bearer {token}"}, email)


async def test_employer_makes_a_profile_and_compares_a_share(
    client: AsyncTestClient[Any], sessionmaker: Maker, world: World
) -> None:
    worker = await _web_person(sessionmaker, "worker", "sanne@example.org", "Sanne Jansen")
    issued = await world.issue(worker)
    await world.share(worker, [issued["id"]], "hr@zon.example")
    heat = await world.catalogue.module(title="Warmtepompmonteur", competences=[{"uri": HEAT_PUMP}])
    await world.catalogue.run(heat["id"], postcode="3511 AB")
    client.cookies.clear()
    employer = await signed_in(client, sessionmaker, "employer", "hr@zon.example")
    form = await employer.get("/werkgever/vacatures/nieuw")
    assert form.status_code == 200
    searched = await employer.post(
        "/werkgever/vacatures/nieuw",
        {"title": "Laadpaalmonteur", "zoek": "laadpalen", "action": "search"},
    )
    assert searched.status_code == 200
    assert "laadpalen installeren" in searched.text
    found = await employer.post(
        "/werkgever/vacatures/nieuw",
        {
            "title": "Laadpaalmonteur",
            "add": CHARGER,
            "add_when": "at-start",
            "zoek": "warmtepomp",
            "action": "search",
        },
    )
    assert 'name="req" value="' + CHARGER in found.text
    saved = await employer.post(
        "/werkgever/vacatures/nieuw",
        {
            "title": "Laadpaalmonteur",
            "region": "35",
            "published": "1",
            "req": CHARGER,
            "when_0": "at-start",
            "add": HEAT_PUMP,
            "add_when": "can-learn",
            "cert_name_0": "VCA Basis",
            "cert_uri_0": VCA,
            "cert_age_0": "120",
            "action": "save",
        },
    )
    assert saved.status_code == 303, saved.text
    profile_page = await employer.get(saved.headers["location"])
    assert "De vacature is opgeslagen." in profile_page.text
    share = re.search(r'<option value="([^"]+)">Sanne Jansen', profile_page.text)
    assert share is not None, profile_page.text
    path = saved.headers["location"].split("?")[0]
    result = await employer.post(f"{path}/vergelijken", {"share": share.group(1)})
    assert result.status_code == 200, result.text
    text = result.text
    assert "Geblokkeerd" in text
    assert "VCA Basis ontbreekt" in text
    assert "Warmtepompmonteur" in text
    assert "Eerstvolgende start: 2 maart 2031 in Utrecht, klaar op 6 maart 2031" in text
    for unknown in (str(uuid.uuid4()), "geen-id"):
        missing = await employer.post(f"{path}/vergelijken", {"share": unknown})
        assert missing.status_code == 404
        assert "Deze gedeelde gegevens zijn niet gevonden" in missing.text
        assert "Deze vacature bestaat niet" not in missing.text
    bad = await employer.post("/werkgever/vacatures/nieuw", {"title": "", "action": "save"})
    assert bad.status_code == 422
    assert "Naam van de functie: vul een naam in" in bad.text


async def test_worker_and_coach_see_what_is_still_needed(
    client: AsyncTestClient[Any], sessionmaker: Maker, world: World
) -> None:
    worker = await _web_person(sessionmaker, "worker", "sanne@example.org", "Sanne Jansen")
    await world.issue(worker)
    employer = await world.person("employer", name="Zon BV")
    heat = await world.catalogue.module(title="Warmtepompmonteur", competences=[{"uri": HEAT_PUMP}])
    await world.catalogue.run(heat["id"], postcode="3511 AB")
    for title, region in [("Laadpaalmonteur", "35"), ("Monteur Groningen", "97")]:
        answer = await world.client.post(
            "/api/job-profiles",
            json={
                "title": title,
                "region": region,
                "published": True,
                "requirements": [
                    {"competence": CHARGER, "when": "at-start"},
                    {"competence": HEAT_PUMP, "when": "can-learn"},
                ],
            },
            headers=employer.headers,
        )
        assert answer.status_code == 201
    profile_id = answer.json()["id"]
    client.cookies.clear()
    browser = Browser(client)
    await browser.sign_in("sanne@example.org")
    listed = await browser.get("/mijn-cv/vacatures?regio=3511")
    assert "Laadpaalmonteur" in listed.text
    assert "Monteur Groningen" not in listed.text
    need = await browser.get(f"/mijn-cv/vacatures/{profile_id}")
    assert "Past na opleiding" in need.text
    assert f'href="/catalogus/modules/{heat["id"]}"' in need.text
    assert "Klaar over ongeveer" in need.text
    coach = await _web_person(sessionmaker, "coach", "coach@example.org", "Coach Kim")
    client.cookies.clear()
    kim = Browser(client)
    await kim.sign_in("coach@example.org")
    refused = await kim.get(f"/coach/{worker.id}/vacatures/{profile_id}")
    assert refused.status_code == 403
    consent = await world.client.post(
        "/api/me/consents", json={"coachId": coach.id}, headers=worker.headers
    )
    assert consent.status_code == 201, consent.text
    home = await kim.get("/coach")
    assert f'href="/coach/{worker.id}/vacatures"' in home.text
    seen = await kim.get(f"/coach/{worker.id}/vacatures/{profile_id}")
    assert "Wat heeft Sanne Jansen nog nodig voor Monteur Groningen?" in seen.text
    assert "Past na opleiding" in seen.text


async def test_a_suspended_certificate_reads_suspended_on_every_match_page(
    client: AsyncTestClient[Any], sessionmaker: Maker, world: World
) -> None:
    worker = await _web_person(sessionmaker, "worker", "sanne@example.org", "Sanne Jansen")
    vca = await certificate(world, worker, VCA)
    shared = await world.share(worker, [vca["id"]], "hr@zon.example")
    await stop(world, vca["id"], "suspend", await exam_of(world))
    employer = await _web_person(sessionmaker, "employer", "hr@zon.example", "Zon BV")
    answer = await world.client.post(
        "/api/job-profiles",
        json={
            "title": "Laadpaalmonteur",
            "published": True,
            "mandatoryCertificates": [{"name": "VCA Basis", "competence": VCA}],
        },
        headers=employer.headers,
    )
    assert answer.status_code == 201, answer.text
    profile_id = answer.json()["id"]
    coach = await _web_person(sessionmaker, "coach", "coach@example.org", "Coach Kim")
    consent = await world.client.post(
        "/api/me/consents", json={"coachId": coach.id}, headers=worker.headers
    )
    assert consent.status_code == 201, consent.text
    pages = []
    for email, path, form in [
        ("sanne@example.org", f"/mijn-cv/vacatures/{profile_id}", None),
        ("coach@example.org", f"/coach/{worker.id}/vacatures/{profile_id}", None),
        ("hr@zon.example", f"/werkgever/vacatures/{profile_id}/vergelijken", shared["id"]),
    ]:
        client.cookies.clear()
        browser = Browser(client)
        await browser.sign_in(email)
        if form is None:
            pages.append(await browser.get(path))
        else:
            pages.append(await browser.post(path, {"share": form}))
    for seen in pages:
        assert seen.status_code == 200, seen.text
        assert "VCA Basis is geschorst" in seen.text
        assert "ingetrokken" not in seen.text


async def test_a_missing_certificate_says_it_takes_an_exam(
    client: AsyncTestClient[Any], sessionmaker: Maker, world: World
) -> None:
    worker = await _web_person(sessionmaker, "worker", "sanne@example.org", "Sanne Jansen")
    await exam_of(world)  # the VCA scheme in the catalogue
    vca_module = await world.catalogue.module(title="VCA in twee uur", competences=[{"uri": VCA}])
    await world.issue(worker, vca_module["id"])
    employer = await world.person("employer", name="Zon BV")
    answer = await world.client.post(
        "/api/job-profiles",
        json={
            "title": "Laadpaalmonteur",
            "published": True,
            "mandatoryCertificates": [{"name": "VCA Basis", "competence": VCA}],
        },
        headers=employer.headers,
    )
    assert answer.status_code == 201, answer.text
    client.cookies.clear()
    browser = Browser(client)
    await browser.sign_in("sanne@example.org")
    need = await browser.get(f"/mijn-cv/vacatures/{answer.json()['id']}")
    assert "VCA Basis ontbreekt" in need.text
    assert "alleen met een examen bij een examenbureau" in need.text
    assert f'href="/catalogus/modules/{vca_module["id"]}"' not in need.text


async def test_the_region_filter_reads_a_region_as_the_route_does(
    client: AsyncTestClient[Any], sessionmaker: Maker, world: World
) -> None:
    employer = await world.person("employer", name="Zon BV")
    for title, region in [
        ("In Amster", "Amster"),
        ("In Amsterdam", "amsterdam "),
        ("In Utrecht 35", "35"),
        ("Overal", "   "),
    ]:
        answer = await world.client.post(
            "/api/job-profiles",
            json={"title": title, "region": region, "published": True},
            headers=employer.headers,
        )
        assert answer.status_code == 201, answer.text
    await _web_person(sessionmaker, "worker", "sanne@example.org", "Sanne Jansen")
    client.cookies.clear()
    browser = Browser(client)
    await browser.sign_in("sanne@example.org")
    for wanted, expected in [
        ("Amsterdam", ["In Amsterdam", "Overal"]),
        ("AMSTER", ["In Amster", "Overal"]),
        ("3511", ["In Utrecht 35", "Overal"]),
        ("3", ["In Utrecht 35", "Overal"]),
        ("", ["In Amster", "In Amsterdam", "In Utrecht 35", "Overal"]),
    ]:
        listed = await browser.get("/mijn-cv/vacatures", params={"regio": wanted})
        shown = sorted(re.findall(r"<h2>([^<]+)</h2>", listed.text))
        assert shown == expected, wanted
        assert "Zon BV · <" not in listed.text
        assert "Zon BV · </p>" not in listed.text


def _words(page: str) -> str:
    """The page's text as a screen reader or copy-paste gets it: each element's text apart."""
    tree = lxml.html.fromstring(page)
    return " ".join(" ".join(tree.body.itertext()).split())


async def test_a_match_reads_name_colon_status_and_the_coach_reads_about_the_worker(
    client: AsyncTestClient[Any], sessionmaker: Maker, world: World
) -> None:
    worker = await _web_person(sessionmaker, "worker", "sanne@example.org", "Sanne Jansen")
    employer = await world.person("employer", name="Zon BV")
    answer = await world.client.post(
        "/api/job-profiles",
        json={
            "title": "Laadpaalmonteur",
            "published": True,
            "requirements": [{"competence": CHARGER, "when": "at-start"}],
            "mandatoryCertificates": [{"name": "VCA Basis", "competence": VCA}],
        },
        headers=employer.headers,
    )
    assert answer.status_code == 201, answer.text
    coach = await _web_person(sessionmaker, "coach", "coach@example.org", "Coach Kim")
    consent = await world.client.post(
        "/api/me/consents", json={"coachId": coach.id}, headers=worker.headers
    )
    assert consent.status_code == 201, consent.text
    client.cookies.clear()
    kim = Browser(client)
    await kim.sign_in("coach@example.org")
    need = _words((await kim.get(f"/coach/{worker.id}/vacatures/{answer.json()['id']}")).text)
    assert "VCA Basis: ontbreekt" in need
    assert "(nodig bij de start): ontbreekt" in need
    assert " :" not in need
    listed = _words((await kim.get(f"/coach/{worker.id}/vacatures")).text)
    assert "Vacatures voor Sanne Jansen" in listed
    assert "Wat heeft Sanne Jansen nog nodig?" in listed
    assert "In de buurt van Sanne Jansen" in listed
    for first_person in ["Wat heb ik", "Bij mij", "wat je nog nodig hebt"]:
        assert first_person not in listed
    await kim.get("/taal/en")
    english = _words((await kim.get(f"/coach/{worker.id}/vacatures/{answer.json()['id']}")).text)
    assert "VCA Basis: missing" in english
    assert " :" not in english
    listed = _words((await kim.get(f"/coach/{worker.id}/vacatures")).text)
    assert "What does Sanne Jansen still need?" in listed
    assert "Near me" not in listed
