"""The employer's pages and public verification over HTTP: the share link for people and
machines, Shared with me, checking a pasted or uploaded credential, and a credential by id."""

from __future__ import annotations

import base64
import datetime as dt
import json
from typing import Any
from uuid import UUID

import pytest
from litestar.testing import AsyncTestClient
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from credentials.dataintegrity import sign_proof
from credentials.issue import issue_deelcertificaat
from credentials.keys import SigningKey, did_key
from credentials.presentation import holder_kid
from registry.models import Share, ShareView
from schemas.credentials import DeelcertificaatInput, ModuleVersionInput, Party
from tests.conftest import BASE_URL
from tests.credentials.test_clr import Publisher
from tests.registry.wallet_helpers import Person, World
from tests.web.helpers import HTML, Browser, signed_in

Client = AsyncTestClient[Any]
Maker = async_sessionmaker[AsyncSession]
VP = "application/vp+jwt"
GONE = "Deze link is ingetrokken of verlopen"


async def _shared(world: World, recipient: str = "hr@noord.example") -> dict[str, Any]:
    """Sanne's laadpaalmonteur certificate and EVC record, shared with `recipient`."""
    worker = await world.person("worker", f"sanne-{recipient}", "Sanne de Vries")
    module = await world.issue(worker)
    evc = await world.issue_evc(worker)
    share = await world.share(worker, [module["id"], evc["id"]], recipient)
    return {"worker": worker, "module": module, "evc": evc, **share}


def _tampered(jws: str) -> str:
    """The same credential with another achievement name: the signature no longer fits."""
    header, payload, signature = jws.split(".")
    document = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    document["credentialSubject"]["achievement"]["name"] = "Allround monteur (vervalst)"
    changed = base64.urlsafe_b64encode(json.dumps(document).encode()).rstrip(b"=").decode()
    return f"{header}.{changed}.{signature}"


def _data_integrity_credential() -> str:
    """A JSON credential with an eddsa-jcs-2022 proof by an issuer no trust list names."""
    key = SigningKey.generate()
    issuer = did_key(key.public)
    data = DeelcertificaatInput(
        issuer=Party(id=issuer, name="Buitenlands instituut"),
        holder=Party(id=did_key(SigningKey.generate().public), name="Werker"),
        module=ModuleVersionInput(
            url="https://elders.example/modules/zonnepanelen/1",
            title="Zonnepanelen leggen",
            description="Zonnepanelen op daken leggen en aansluiten.",
            criteria_narrative="Praktijkopdracht.",
            competences=[],
            study_load_hours=16,
            provider=Party(id="https://elders.example", name="Buitenlands instituut"),
        ),
        issued_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=3),
    )
    jws = issue_deelcertificaat(data, key, kid=holder_kid(key.public)).jws
    payload = jws.split(".")[1]
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    document = {k: v for k, v in claims.items() if k not in {"iss", "sub", "jti", "nbf", "exp"}}
    signed = sign_proof(
        document,
        key,
        verification_method=holder_kid(key.public),
        cryptosuite="eddsa-jcs-2022",
        created=dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    )
    return json.dumps(signed)


# ---------------------------------------------------------------- /s/{token}


async def test_share_link_negotiates_presentation_json_and_html(world: World) -> None:
    share = await _shared(world)
    presentation = await world.client.get(share["url"], headers={"Accept": VP})
    assert presentation.headers["content-type"].startswith(VP)
    assert presentation.text.count(".") == 2

    for accept in ("application/json", "*/*"):
        answer = await world.client.get(share["url"], headers={"Accept": accept})
        assert answer.headers["content-type"].startswith("application/json"), accept
        assert answer.json()["holderName"] == "Sanne de Vries"
        assert answer.json()["verification"]["verdict"] == "valid"

    html = await world.client.get(share["url"], headers=HTML)
    assert html.status_code == 200, html.text
    assert html.headers["content-type"].startswith("text/html")
    assert html.headers["cache-control"] == "no-store"
    assert "Accept" in html.headers["vary"]
    text = html.text
    assert "<h1>Bewijzen gedeeld door Sanne de Vries</h1>" in text
    assert "Wat Sanne de Vries kan" in text  # the name in both credentials
    assert "Let op:" not in text  # which is the sharer's
    assert "hr@noord.example" not in text  # anyone with the link sees this page
    assert "het e-mailadres dat Sanne de Vries opgaf (niet getoond)" in text
    assert text.count('class="verdict green"') == 2
    assert "2 van de 2 bewijzen zijn geldig." in text
    assert "Laadpaalmonteur" in text
    assert "Allround monteur elektrotechniek" in text
    assert "Opleider A" in text  # the issuer
    assert "laadpalen installeren" in text  # a competence of the valid certificate


async def test_share_page_shows_a_revoked_credential_red_and_drops_its_competences(
    world: World,
) -> None:
    share = await _shared(world)
    await world.revoke(share["evc"]["id"], headers=world.assessor)
    text = (await world.client.get(share["url"], headers=HTML)).text
    assert text.count('class="verdict green"') == 1
    assert text.count('class="verdict red"') == 1
    assert "Ingetrokken" in text
    assert "De uitgever heeft dit bewijs ingetrokken." in text
    assert "1 van de 2 bewijzen zijn geldig." in text
    # The EVC record's werkproces came only from the revoked record.
    assert "Installeert laadpalen" not in text
    assert "laadpalen installeren" in text


async def test_every_html_view_is_logged_with_the_signed_in_viewer(
    world: World, client: Client, sessionmaker: Maker
) -> None:
    share = await _shared(world)
    await world.client.get(share["url"], headers=HTML)  # someone with the link
    employer = await signed_in(client, sessionmaker, "employer", "hr@zuid.example")
    await employer.get(share["url"].removeprefix(BASE_URL))
    async with sessionmaker() as session:
        views = list(await session.scalars(select(ShareView).order_by(ShareView.created_at)))
    assert len(views) == 2
    # Kept as data: no name for anyone with the link, the account's name (no words around it).
    assert (views[0].viewer_account_id, views[0].viewer) == (None, "")
    assert views[1].viewer == "Test employer"
    # Opened by link, the share now shows in that employer's list too.
    received = (await employer.get("/werkgever")).text
    assert "Sanne de Vries" in received


async def test_withdrawn_and_expired_shares_are_a_410_page_in_plain_words(
    world: World, sessionmaker: Maker
) -> None:
    share = await _shared(world)
    worker: Person = share["worker"]
    await world.client.delete(f"/api/me/shares/{share['id']}", headers=worker.headers)
    page = await world.client.get(share["url"], headers=HTML)
    assert page.status_code == 410
    assert page.headers["content-type"].startswith("text/html")
    assert GONE in page.text
    machine = await world.client.get(share["url"], headers={"Accept": "application/json"})
    assert machine.status_code == 410
    assert machine.headers["content-type"].startswith("application/problem+json")

    other = await _shared(world, "hr@oost.example")
    async with sessionmaker() as session, session.begin():
        await session.execute(
            update(Share)
            .where(Share.id == UUID(other["id"]))
            .values(expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1))
        )
    page = await world.client.get(other["url"], headers=HTML)
    assert page.status_code == 410
    assert GONE in page.text
    async with sessionmaker() as session:
        assert list(await session.scalars(select(ShareView))) == []  # nothing shown, nothing logged


async def test_unknown_share_token_is_a_404_page(client: Client) -> None:
    page = await client.get("/s/no-such-token", headers=HTML)
    assert page.status_code == 404
    assert "Deze link bestaat niet" in page.text
    machine = await client.get("/s/no-such-token")
    assert machine.status_code == 404
    assert machine.headers["content-type"].startswith("application/problem+json")


async def test_share_link_stays_in_the_api_schema(client: Client) -> None:
    schema = (await client.get("/schema/openapi.json")).json()
    assert "/s/{token}" in schema["paths"]


# ---------------------------------------------------------------- /werkgever


async def test_employer_sees_shares_received_and_opens_one(
    world: World, client: Client, sessionmaker: Maker
) -> None:
    share = await _shared(world, "hr@noord.example")
    browser = await signed_in(client, sessionmaker, "employer", "hr@noord.example")
    page = await browser.get("/werkgever")
    assert page.status_code == 200
    assert "<h1>Gedeeld met mij</h1>" in page.text
    assert "Sanne de Vries" in page.text
    assert "<dd>2</dd>" in page.text  # number of credentials
    link = f'href="/werkgever/gedeeld/{share["id"]}"'
    assert link in page.text
    opened = await browser.get(f"/werkgever/gedeeld/{share['id']}")
    assert opened.status_code == 200
    assert opened.text.count('class="verdict green"') == 2
    async with sessionmaker() as session:
        assert len(list(await session.scalars(select(ShareView)))) == 1  # the view is logged


async def test_employer_cannot_open_a_share_addressed_to_someone_else(
    world: World, client: Client, sessionmaker: Maker
) -> None:
    share = await _shared(world, "hr@noord.example")
    browser = await signed_in(client, sessionmaker, "employer", "hr@zuid.example")
    assert "Sanne de Vries" not in (await browser.get("/werkgever")).text
    page = await browser.get(f"/werkgever/gedeeld/{share['id']}")
    assert page.status_code == 404
    assert "Sanne" not in page.text


async def test_shared_with_me_is_for_employers_only(client: Client, sessionmaker: Maker) -> None:
    anonymous = await client.get("/werkgever", headers=HTML, follow_redirects=False)
    assert anonymous.status_code == 303
    assert anonymous.headers["location"] == "/inloggen?next=/werkgever"
    worker = await signed_in(client, sessionmaker, "worker", "w@example.nl")
    page = await worker.get("/werkgever")
    assert page.status_code == 403
    assert "Dit mag je niet doen met dit account" in page.text


# ---------------------------------------------------------------- /controleren


async def test_check_page_has_labelled_fields(client: Client) -> None:
    page = await client.get("/controleren", headers=HTML)
    assert page.status_code == 200
    assert '<label for="jws">Plak hier het bewijs of de deellink</label>' in page.text
    assert '<label for="bestand">Of kies een bestand' in page.text
    assert 'enctype="multipart/form-data"' in page.text
    assert (
        'accept=".jwt,.json,.txt,.png,.svg,application/json,text/plain,image/png,image/svg+xml"'
        in page.text
    )
    assert 'name="_csrf_token"' in page.text


async def test_check_a_pasted_credential_valid_and_tampered(world: World) -> None:
    worker = await world.person("worker", "kim@example.nl")
    issued = await world.issue(worker)
    browser = Browser(world.client)
    valid = await browser.post("/controleren", {"jws": issued["credential"]})
    assert valid.status_code == 200, valid.text
    assert 'class="verdict green"' in valid.text
    assert "Laadpaalmonteur" in valid.text
    assert "Alle controles bekijken (voor experts)" in valid.text
    assert '<th scope="row" lang="en">signature</th>' in valid.text
    # The report's messages are technical English, and the page says so (and marks them).
    assert "Toelichting (technisch, in het Engels)" in valid.text
    assert '<td lang="en">' in valid.text

    # Line breaks from an e-mail do not matter; a changed payload does.
    wrapped = "\n".join(_tampered(issued["credential"])[i : i + 60] for i in range(0, 4000, 60))
    tampered = await browser.post("/controleren", {"jws": wrapped})
    assert tampered.status_code == 200
    assert 'class="verdict red"' in tampered.text
    assert "Ongeldig" in tampered.text
    assert "✗ mislukt" in tampered.text


async def test_check_a_revoked_credential(world: World) -> None:
    worker = await world.person("worker", "kim@example.nl")
    issued = await world.issue(worker)
    await world.revoke(issued["id"])
    page = await Browser(world.client).post("/controleren", {"jws": issued["credential"]})
    assert 'class="verdict red"' in page.text
    assert "Ingetrokken" in page.text


@pytest.mark.parametrize(
    ("pasted", "message"),
    [
        ("", "Plak een bewijs of een deellink, of kies een bestand."),
        ("hallo, is dit echt?", "Dit is geen bewijs en geen deellink."),
        ("{not json", "Dit is geen bewijs en geen deellink."),
        ('{"name": "no proof"}', "Dit is geen bewijs en geen deellink."),
        ("https://elders.example/s/abc", "Dit is geen deellink van deze website."),
        (f"{BASE_URL}/s/unknown-token", "Deze deellink bestaat niet."),
    ],
)
async def test_check_refuses_bad_input_in_plain_words(
    client: Client, sessionmaker: Maker, pasted: str, message: str
) -> None:
    page = await Browser(client).post("/controleren", {"jws": pasted})
    assert page.status_code in {400, 404}
    assert message in page.text
    assert 'role="alert"' in page.text  # the error summary
    assert 'aria-invalid="true"' in page.text
    assert "verdict" not in page.text.split("<main")[1]
    async with sessionmaker() as session:
        assert list(await session.scalars(select(ShareView))) == []


async def test_check_refuses_an_oversized_paste(client: Client) -> None:
    page = await Browser(client).post("/controleren", {"jws": "eyJ" + "A" * 300_000})
    assert page.status_code == 413
    assert "Dit is te groot voor een bewijs" in page.text
    assert "A" * 1000 not in page.text  # not echoed back


async def test_check_a_presentation_and_a_share_link(world: World) -> None:
    share = await _shared(world)
    browser = Browser(world.client)
    vp = (await world.client.get(share["url"], headers={"Accept": VP})).text
    page = await browser.post("/controleren", {"jws": vp})
    assert page.status_code == 200
    assert page.text.count('class="verdict green"') == 2
    assert "Controles van het gedeelde pakket" in page.text
    by_link = await browser.post("/controleren", {"jws": share["url"]})
    assert by_link.status_code == 200
    assert by_link.text.count('class="verdict green"') == 2
    assert '<th scope="row" lang="en">share</th>' in by_link.text


async def test_check_a_clr_with_its_credentials(world: World) -> None:
    """A CLR 2.0 (a did:key issuer on no trust list) bundling a registry credential: a card
    for the CLR, and under it a card for each credential it holds."""
    worker = await world.person("worker", "clr@example.nl")
    issued = await world.issue(worker)
    publisher = Publisher()
    clr = publisher.clr(issued["holder"]["did"], [issued["credential"]])
    secured = publisher.sign(clr, "eddsa-jcs-2022")
    page = await Browser(world.client).post("/controleren", {"jws": secured})
    assert page.status_code == 200, page.text
    assert clr["name"] in page.text
    assert "Bewijzen in deze verzameling" in page.text
    # The bundled certificate is valid; the CLR's own issuer is on no list.
    assert page.text.count('class="verdict green"') == 1
    assert "Laadpaalmonteur" in page.text
    assert 'class="verdict orange"' in page.text
    assert "Het pakket zelf klopt niet" not in page.text
    # Revoked inside, the CLR reads revoked too, and says why.
    await world.revoke(issued["id"])
    page = await Browser(world.client).post("/controleren", {"jws": secured})
    assert page.text.count('class="verdict red"') == 2
    assert "Niet alle bewijzen in deze verzameling zijn geldig" in page.text


async def test_check_a_withdrawn_share_link(world: World) -> None:
    share = await _shared(world)
    worker: Person = share["worker"]
    await world.client.delete(f"/api/me/shares/{share['id']}", headers=worker.headers)
    page = await Browser(world.client).post("/controleren", {"jws": share["url"]})
    assert page.status_code == 410
    assert "Deze link is ingetrokken of verlopen" in page.text


async def test_check_an_uploaded_file(world: World) -> None:
    worker = await world.person("worker", "kim@example.nl")
    issued = await world.issue(worker)
    browser = Browser(world.client)
    files = {"bestand": ("bewijs.jwt", issued["credential"].encode(), "application/octet-stream")}
    page = await browser.post("/controleren", files=files)
    assert page.status_code == 200, page.text
    assert 'class="verdict green"' in page.text

    # The API's answer saved as JSON holds the JWS under "credential".
    saved = json.dumps({"id": issued["id"], "credential": issued["credential"]}).encode()
    page = await browser.post("/controleren", files={"bestand": ("a.json", saved, "text/json")})
    assert 'class="verdict green"' in page.text

    document = _data_integrity_credential().encode()
    page = await browser.post("/controleren", files={"bestand": ("di.json", document, "text/json")})
    assert page.status_code == 200, page.text
    assert "Uitgever niet erkend" in page.text
    assert "Zonnepanelen leggen" in page.text

    binary = await browser.post("/controleren", files={"bestand": ("x.jwt", b"\xff\xfe\x00", "")})
    assert binary.status_code == 400
    assert "Dit bestand kunnen we niet lezen" in binary.text
    too_big = await browser.post(
        "/controleren", files={"bestand": ("x.txt", b"A" * 300_000, "text/plain")}
    )
    assert too_big.status_code == 413
    assert "Dit is te groot voor een bewijs" in too_big.text
    both = await browser.post(
        "/controleren", {"jws": issued["credential"]}, files={"bestand": ("b.jwt", b"x", "")}
    )
    assert both.status_code == 400
    assert "niet allebei" in both.text


# ---------------------------------------------------------------- /controleren/bewijs/{id}


async def test_check_a_stored_credential_by_id(world: World) -> None:
    worker = await world.person("worker", "kim@example.nl")
    issued = await world.issue(worker)
    bare = issued["id"].removeprefix("urn:uuid:")
    row_id = (await world.wallet(worker))["items"][0]["id"]  # what the worker's QR code holds
    for ident in (bare, issued["id"], row_id):
        page = await world.client.get(f"/controleren/bewijs/{ident}", headers=HTML)
        assert page.status_code == 200, page.text
        assert 'class="verdict green"' in page.text
        assert "Laadpaalmonteur" in page.text
    await world.revoke(issued["id"])
    page = await world.client.get(f"/controleren/bewijs/{bare}", headers=HTML)
    assert 'class="verdict red"' in page.text
    assert "Ingetrokken" in page.text


async def test_unknown_stored_credential_is_a_404_page(client: Client) -> None:
    for ident in ("7d3f0c3e-0000-4000-8000-000000000000", "niet-een-id"):
        page = await client.get(f"/controleren/bewijs/{ident}", headers=HTML)
        assert page.status_code == 404
        assert "Dit bewijs kennen we niet" in page.text


async def test_check_page_in_english(client: Client) -> None:
    await client.get("/taal/en?next=/controleren", headers=HTML)
    page = await client.get("/controleren", headers=HTML)
    assert "Paste the certificate or the share link here" in page.text


async def test_check_a_baked_badge_and_an_sd_jwt(world: World) -> None:
    from credentials.baked import bake_png, bake_svg
    from tests.credentials.test_baked import SVG, png
    from tests.credentials.test_sd_jwt import EXAMPLE

    worker = await world.person("worker", "kim@example.nl")
    issued = await world.issue(worker)
    browser = Browser(world.client)
    for name, image, media in (
        ("badge.png", bake_png(png(), issued["credential"]), "image/png"),
        ("badge.svg", bake_svg(SVG, issued["credential"]), "image/svg+xml"),
    ):
        page = await browser.post("/controleren", files={"bestand": (name, image, media)})
        assert page.status_code == 200, page.text
        assert 'class="verdict green"' in page.text
    plain = await browser.post("/controleren", files={"bestand": ("p.png", png(), "image/png")})
    assert plain.status_code == 400
    assert "In dit plaatje zit geen bewijs" in plain.text
    # An SD-JWT VC pasted with its disclosures: read and checked (its issuer is unknown here).
    page = await browser.post("/controleren", {"jws": EXAMPLE["presentation"]})
    assert page.status_code == 200, page.text
    assert "Dit is geen bewijs" not in page.text
