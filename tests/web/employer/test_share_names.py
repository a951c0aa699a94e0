"""A share page never pins checked skills on an unchecked name (QA: sharing, finding 1).

The account's name is what its owner typed at sign-up; the name in each signed credential is
what an employer holds against an identity document. So the page says who shared, labels the
skills by the names in the credentials, one group per name, and says so plainly when those
names are not the sharer's.
"""

from __future__ import annotations

import re
from typing import Any

from litestar.testing import AsyncTestClient
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.registry.wallet_helpers import SOLAR, Person, World
from tests.web.helpers import HTML, signed_in

Client = AsyncTestClient[Any]
Maker = async_sessionmaker[AsyncSession]
SAM, PIET = "Sam de Vries", "Piet Andersnaam"
SAM_EMAIL = "sam@example.nl"
EMPLOYER = "hr@noord.example"


async def _issue_in_name(world: World, module_id: str, name: str) -> dict[str, Any]:
    """A module certificate issued to Sam's address, but in the name the provider typed."""
    response = await world.client.post(
        "/api/credentials",
        json={
            "kind": "module-certificate",
            "moduleId": module_id,
            "holder": {"email": SAM_EMAIL, "name": name},
        },
        headers=world.provider,
    )
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result


async def _sam(world: World) -> Person:
    return await world.person("worker", SAM_EMAIL, SAM)


def _text(html: str) -> str:
    """The page as words: tags out, spaces folded (to read what follows a heading)."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


async def test_a_credential_in_another_name_is_not_shown_as_the_sharers_skills(
    world: World,
) -> None:
    sam = await _sam(world)
    # The first credential makes Sam's wallet, in the name the provider typed: the page
    # still names who shared by the account, and the skills by the credential.
    issued = await _issue_in_name(world, world.module["id"], PIET)
    share = await world.share(sam, [issued["id"]], EMPLOYER)

    html = (await world.client.get(share["url"], headers=HTML)).text
    text = _text(html)
    assert f"<h1>Bewijzen gedeeld door {SAM}</h1>" in html
    assert f"Gedeelde bewijzen van {SAM}" not in text
    assert f"Wat {SAM} kan" not in text
    assert f"Wat {PIET} kan Dit komt alleen uit de bewijzen die geldig zijn." in text
    assert "laadpalen installeren" in text.split(f"Wat {PIET} kan", 1)[1]
    assert (
        f"Let op: deze bewijzen staan op naam van {PIET}, niet op {SAM}. "
        "Vergelijk met een identiteitsbewijs."
    ) in text
    assert "Niemand heeft die naam gecontroleerd." in text
    assert "Wat hier staat, is gecontroleerd" not in text
    # The card keeps the name the issuer signed, to compare with an identity document.
    assert f"Op naam van: {PIET}" in text
    assert "Vergelijk deze naam met een identiteitsbewijs van de persoon." in text

    world.client.cookies.set("lang", "en")
    english = _text((await world.client.get(share["url"], headers=HTML)).text)
    world.client.cookies.delete("lang")
    assert f"What {PIET} can do" in english
    assert f"What {SAM} can do" not in english
    assert f"Note: these certificates are in the name of {PIET}, not {SAM}." in english

    # The JSON: who shared, and per credential the name the issuer signed.
    page = (await world.client.get(share["url"], headers={"Accept": "application/json"})).json()
    assert page["holderName"] == SAM
    assert [c["subjectName"] for c in page["credentials"]] == [PIET]


async def test_credentials_in_several_names_keep_their_skills_apart(world: World) -> None:
    sam = await _sam(world)
    own = await world.issue(sam)  # by worker id: in the account's name
    solar = await world.catalogue.module(title="Zonnepanelen", competences=[{"uri": SOLAR}])
    other = await _issue_in_name(world, solar["id"], PIET)
    share = await world.share(sam, [own["id"], other["id"]], EMPLOYER)

    text = _text((await world.client.get(share["url"], headers=HTML)).text)
    assert (
        f"Let op: deze bewijzen staan op verschillende namen: {SAM}, {PIET}. "
        "Vergelijk elke naam met een identiteitsbewijs."
    ) in text
    assert "Vaardigheden per naam" in text
    sams, piets = text.split(f"Wat {SAM} kan", 1)[1].split(f"Wat {PIET} kan", 1)
    assert "laadpalen installeren" in sams
    assert "zonnepanelen installeren" not in sams
    assert "zonnepanelen installeren" in piets.split("Eigen ervaring")[0]
    assert "laadpalen installeren" not in piets


async def test_a_name_written_otherwise_is_the_same_name(world: World) -> None:
    """Case and spacing are how a name was typed, not another person: no warning, one group."""
    sam = await _sam(world)
    own = await world.issue(sam)
    solar = await world.catalogue.module(title="Zonnepanelen", competences=[{"uri": SOLAR}])
    other = await _issue_in_name(world, solar["id"], "  sam DE  vries ")
    share = await world.share(sam, [own["id"], other["id"]], EMPLOYER)
    text = _text((await world.client.get(share["url"], headers=HTML)).text)
    assert "Let op:" not in text
    assert "Vaardigheden per naam" not in text
    skills = text.split(f"Wat {SAM} kan", 1)[1]
    assert "laadpalen installeren" in skills
    assert "zonnepanelen installeren" in skills


async def test_the_employers_received_pages_say_who_shared(
    world: World, client: Client, sessionmaker: Maker
) -> None:
    sam = await _sam(world)
    issued = await _issue_in_name(world, world.module["id"], PIET)
    share = await world.share(sam, [issued["id"]], EMPLOYER)
    employer = await signed_in(client, sessionmaker, "employer", EMPLOYER)

    listing = _text((await employer.get("/werkgever")).text)
    assert f"Gedeeld door {SAM}" in listing
    assert f"Bekijk wat {SAM} deelde" in listing
    assert f"Bekijk de bewijzen van {SAM}" not in listing
    opened = _text((await employer.get(f"/werkgever/gedeeld/{share['id']}")).text)
    assert f"Wat {PIET} kan" in opened
    assert f"Let op: deze bewijzen staan op naam van {PIET}, niet op {SAM}." in opened


async def test_the_api_says_the_sharers_name_is_not_checked(client: Client) -> None:
    schemas = (await client.get("/schema/openapi.json")).json()["components"]["schemas"]
    for name in ("SharePage", "ReceivedShare"):
        described = schemas[name]["properties"]["holderName"]["description"]
        assert "not checked" in described, name
        assert "subjectName" in described, name
