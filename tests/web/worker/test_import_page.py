"""The worker's page to add a credential made elsewhere (`/mijn-cv/toevoegen`): pasted or as a
file or baked badge, through the wallet's one import service; what did not verify is kept apart
on the CV and the share form, never counted or shared; refusals are shown on the form."""

from __future__ import annotations

import html
import re
import uuid
from typing import Any

import pytest
from sqlalchemy import func, select

from catalogue.urls import module_url, module_version_url
from credentials.baked import bake_png
from credentials.keys import SigningKey
from registry.accounts.accounts import issue_token
from registry.models import Account, AuditEvent, Credential, Share, Wallet
from schemas.wallet import MAX_IMPORT_IMAGE_BYTES
from tests.conftest import BASE_URL
from tests.credentials.test_baked import chunk, png
from tests.registry.wallet_helpers import SOLAR, World, foreign_credential
from tests.web.helpers import signed_in
from tests.web.worker.import_helpers import ISSUER_NAME, accreditation, credential
from tests.web.worker.test_worker_pages import Maker, Worker, _count, _qualification, _worker

PAGE = "/mijn-cv/toevoegen"
# What the foreign issuer of these tests is accredited for: its own system's modules.
FOREIGN_MODULES = "https://elders.example/modules/"
BINARY = "application/octet-stream"
UNCONFIRMED = "Toegevoegd, maar niet bevestigd</h2>"


async def _holder_did(worker: Worker) -> str:
    """The worker's holder DID (the wallet is made on the first visit of the CV)."""
    assert (await worker.browser.get("/mijn-cv")).status_code == 200
    async with worker.world.sessionmaker() as session:
        did = await session.scalar(
            select(Wallet.holder_did).where(Wallet.account_id == uuid.UUID(worker.person.id))
        )
    assert did is not None
    return did


async def _imports(sessionmaker: Maker) -> int:
    """Imported credentials kept, and the audit events of imports: nothing without both."""
    async with sessionmaker() as session:
        events = await session.scalar(
            select(func.count())
            .select_from(AuditEvent)
            .where(AuditEvent.action == "credential.imported")
        )
        rows = await session.scalar(
            select(func.count()).select_from(Credential).where(Credential.source == "imported")
        )
    assert events == rows
    return int(rows or 0)


async def _accredit(world: World, achievements: list[str]) -> SigningKey:
    key = SigningKey.generate()
    response = await world.client.post(
        "/api/accreditations", json=accreditation(key, achievements), headers=world.operator
    )
    assert response.status_code == 201, response.text
    return key


def _section(text: str, start: str, end: str) -> str:
    return text.split(start)[1].split(end, maxsplit=1)[0]


# ---------------------------------------------------------------- the form


async def test_the_cv_links_to_the_form_with_a_paste_field_and_a_file(world: World) -> None:
    worker = await _worker(world)
    cv = (await worker.browser.get("/mijn-cv")).text
    assert f'href="{PAGE}">Bewijs van elders toevoegen</a>' in cv
    form = await worker.browser.get(PAGE)
    assert form.status_code == 200
    assert 'enctype="multipart/form-data"' in form.text
    assert '<textarea id="jws" name="jws"' in form.text
    assert 'type="file"' in form.text
    assert 'accept=".json,.jwt,.txt,.png,.svg,' in form.text
    assert 'name="_csrf_token"' in form.text
    await worker.browser.get("/taal/en")
    english = await worker.browser.get(PAGE)
    assert "<h1>Add a certificate from elsewhere</h1>" in english.text


async def test_only_a_worker_reaches_the_form(world: World) -> None:
    employer = await signed_in(world.client, world.sessionmaker, "employer", "hr@example.com")
    assert (await employer.get(PAGE)).status_code == 403
    answer = await employer.post(PAGE, {"jws": foreign_credential("did:example:x")})
    assert answer.status_code == 403
    assert await _imports(world.sessionmaker) == 0
    world.client.cookies.clear()
    answer = await world.client.get(PAGE, headers={"Accept": "text/html"}, follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == f"/inloggen?next={PAGE}"


# ---------------------------------------------------------------- what is added


async def test_a_valid_credential_of_an_accredited_issuer_counts_in_the_cv(
    world: World,
) -> None:
    """Pasted: a deelcertificaat of another system's module by its issuer, whom the operator
    accredited for that system's modules. It shows as valid and its competence counts; it adds
    nothing to our qualifications (not one of our modules: those only their providers
    certify, so the operator cannot accredit a foreign issuer for them); an employer sees it
    valid on the share page."""
    await _qualification(world)
    refused = await world.client.post(
        "/api/accreditations",
        json=accreditation(SigningKey.generate(), [module_url(BASE_URL, world.module["id"])]),
        headers=world.operator,
    )
    assert (refused.status_code, refused.json()["code"]) == (422, "foreign-scope")
    key = await _accredit(world, [FOREIGN_MODULES])
    worker = await _worker(world)
    token = credential(
        key, await _holder_did(worker), title="Laadpalen elders", competences=(SOLAR,)
    )
    answer = await worker.browser.post(PAGE, {"jws": token})
    assert answer.status_code == 200, answer.text
    assert "Je bewijs is toegevoegd" in answer.text
    assert "Het telt mee in je cv" in answer.text
    assert "Geldig" in answer.text
    assert ISSUER_NAME in answer.text  # the trust list's name: the key came from it
    assert "Naam in het bewijs: <strong>Werker Elders</strong>" in answer.text

    cv = (await worker.browser.get("/mijn-cv")).text
    assert UNCONFIRMED not in cv
    assert "Laadpalen elders" in _section(cv, 'id="bewijzen"', 'id="ervaring"')
    assert "Blijkt uit: Laadpalen elders" in _section(cv, 'id="vaardigheden"', 'id="bewijzen"')
    assert "Al klaar: Laadpaalmonteur" not in cv

    card = _section(await _shared_page(worker), '<li class="card green">', "</li>")
    assert "Laadpalen elders" in card
    assert "Geldig" in card


async def _shared_page(worker: Worker) -> str:
    """Share the one shareable credential with an employer on the form; the page the link
    opens for anyone."""
    form = (await worker.browser.get("/mijn-cv/delen")).text
    row_id = re.search(r'name="credential" value="([^"]+)"', form)
    assert row_id is not None
    made = await worker.browser.post(
        "/mijn-cv/delen", {"credential": row_id.group(1), "recipient": "hr@example.com"}
    )
    assert made.status_code == 200, made.text
    link = re.search(r'id="share-link" type="text" readonly value="([^"]+)"', made.text)
    assert link is not None
    client = worker.world.client
    client.cookies.clear()
    shared = await client.get(link.group(1), headers={"Accept": "text/html"})
    assert shared.status_code == 200, shared.text
    return str(shared.text)


async def test_a_credential_for_the_address_says_on_the_share_page_why_it_is_not_bound(
    world: World,
) -> None:
    """Valid, and the worker's by the proven address, not by the holder DID: a presentation
    cannot bind it to the holder. The employer reads that, not "changed or not genuine"."""
    key = await _accredit(world, [FOREIGN_MODULES])
    worker = await _worker(world)
    await _holder_did(worker)
    token = credential(key, "did:example:elders", title="Op adres", email="sanne@example.nl")
    answer = await worker.browser.post(PAGE, {"jws": token})
    assert answer.status_code == 200, answer.text
    assert "Het telt mee in je cv" in answer.text

    card = _section(await _shared_page(worker), '<li class="card red">', "</li>")
    assert "Op adres" in card
    assert "We kunnen niet zien dat dit bewijs van de persoon is die het deelt." in card
    assert "veranderd of niet echt" not in card


async def test_a_baked_badge_image_as_a_file(world: World) -> None:
    worker = await _worker(world)
    image = bake_png(png(), foreign_credential(await _holder_did(worker), title="Dakwerk"))
    answer = await worker.browser.post(PAGE, files={"bestand": ("badge.png", image, "image/png")})
    assert answer.status_code == 200, answer.text
    assert "Dakwerk" in answer.text
    assert "Uitgever niet erkend" in answer.text
    assert "staat niet op de lijst van erkende opleiders" in answer.text
    assert "Dit bewijs telt niet mee in je cv" in answer.text
    async with world.sessionmaker() as session:
        kept = await session.scalar(select(Credential.jws).where(Credential.source == "imported"))
    assert kept is not None
    assert kept.count(".") == 2  # the credential itself, not the picture
    link = re.search(r'href="(/mijn-cv/bewijzen/[0-9a-f-]{36})"', answer.text)
    assert link is not None
    certificate = (await worker.browser.get(link.group(1))).text
    assert "Uitgever niet erkend" in certificate
    assert "Wij konden dit niet bevestigen." in certificate  # the issuer's name is claimed
    assert "/mijn-cv/delen?bewijs=" not in certificate


async def test_what_did_not_verify_is_apart_never_counted_and_not_shared(world: World) -> None:
    """An issuer no list names, and an accredited issuer's credential that has expired: both
    are kept apart with the reason, give no competence and no progress, and cannot be shared."""
    await _qualification(world)
    module = world.module["id"]
    accredited = await _accredit(world, [FOREIGN_MODULES])
    worker = await _worker(world)
    holder = await _holder_did(worker)
    ours = module_version_url(BASE_URL, module, 1)
    untrusted = credential(
        SigningKey.generate(), holder, title="Onbekend", achievement=ours,
        competences=(SOLAR,), accredited=False,
    )  # fmt: skip
    expired = credential(
        accredited, holder, title="Verlopen", competences=(SOLAR,),
        issued_days_ago=400, valid_days=365,
    )  # fmt: skip
    for token in (untrusted, expired):
        answer = await worker.browser.post(PAGE, {"jws": token})
        assert answer.status_code == 200, answer.text
        assert "Dit bewijs telt niet mee in je cv" in answer.text

    cv = (await worker.browser.get("/mijn-cv")).text
    counted, apart = cv.split(UNCONFIRMED)
    assert "Onbekend" not in counted
    assert "Verlopen" not in counted
    assert "Er staan nog geen vaardigheden in je bewijzen." in counted
    assert "Je hebt nog geen module die bij een kwalificatie hoort." in counted
    apart = apart.split('id="ervaring"')[0]
    assert "Ze tellen niet mee in je cv" in apart
    assert "staat niet op de lijst van erkende opleiders" in apart  # untrusted
    assert "de geldigheid is voorbij" in apart  # expired
    assert "Wij konden dit niet bevestigen." in apart  # the issuer's name is only claimed
    assert "/mijn-cv/delen?bewijs=" not in apart

    form = (await worker.browser.get("/mijn-cv/delen")).text
    assert 'name="credential"' not in form
    stopped = _section(form, 'class="stopped"', "</div>")
    assert "Onbekend: niet bevestigd (Uitgever niet erkend)" in stopped
    assert "Verlopen: niet bevestigd (Verlopen)" in stopped
    async with world.sessionmaker() as session:
        ids = list(await session.scalars(select(Credential.id)))
    answer = await worker.browser.post(
        "/mijn-cv/delen", {"credential": str(ids[0]), "recipient": "hr@example.com"}
    )
    assert answer.status_code == 422, answer.text
    assert "we konden het niet bevestigen" in answer.text
    assert await _count(world.sessionmaker, Share) == 0

    cv_api = await world.client.get("/api/me/cv", headers=await _token(world, worker))
    assert cv_api.json()["credentials"] == []
    assert cv_api.json()["qualifications"] == []


async def _token(world: World, worker: Worker) -> dict[str, str]:
    async with world.sessionmaker() as session, session.begin():
        account = await session.get(Account, uuid.UUID(worker.person.id))
        assert account is not None
        return {"Authorization": f"Bearer {await issue_token(session, account)}"}


# ---------------------------------------------------------------- refusals on the form


async def test_someone_elses_credential_is_refused_with_the_text_kept(world: World) -> None:
    worker = await _worker(world)
    await _holder_did(worker)
    token = foreign_credential("did:example:bob")
    answer = await worker.browser.post(PAGE, {"jws": token})
    assert answer.status_code == 422, answer.text
    assert 'class="error-summary"' in answer.text
    assert "Dit bewijs is niet van jou." in answer.text
    assert f">{token}</textarea>" in answer.text
    assert 'aria-invalid="true"' in answer.text
    assert await _imports(world.sessionmaker) == 0


@pytest.mark.parametrize(
    ("form", "status", "field", "message"),
    [
        ({"jws": ""}, 400, "jws", "Plak een bewijs of kies een bestand."),
        ({"jws": "Hallo, dit is mijn diploma"}, 400, "jws", "Dit is geen bewijs dat we kunnen"),
        ({"jws": "eyJhbGciOiJFZERTQSJ9.bm9nIGlldHM.c2ln"}, 422, "jws", "niet lezen"),
        ({"jws": "e" * 256_001}, 413, "jws", "Dit is te groot."),
        ({"jws": f"{BASE_URL}/s/abc"}, 400, "jws", "geen bewijs. Plak het bewijs zelf."),
        ({"file": ("badge.png", png(), "image/png")}, 400, "bestand", "In dit plaatje zit geen"),
        ({"file": ("x.bin", b"\xff\xfe\x00", BINARY)}, 400, "bestand", "kunnen we niet lezen"),
        ({"jws": "eyJ.eyJ.x", "file": ("a.txt", b"x", "text/plain")}, 400, "jws", "niet allebei"),
    ],
    ids=["empty", "not-a-credential", "unreadable", "too-large", "share-link", "no-badge",
         "not-text", "both"],
)  # fmt: skip
async def test_what_cannot_be_imported_is_shown_on_the_form(
    world: World, form: dict[str, Any], status: int, field: str, message: str
) -> None:
    worker = await _worker(world)
    data = {"jws": form.get("jws", "")}
    files = {"bestand": form["file"]} if "file" in form else None
    answer = await worker.browser.post(PAGE, data, files=files)
    assert answer.status_code == status, answer.text[:500]
    assert message in html.unescape(answer.text)
    assert f'<p class="field-error" id="{field}-error">' in answer.text
    if data["jws"]:
        assert f">{data['jws']}</textarea>" in answer.text  # what was typed is kept
    assert await _imports(world.sessionmaker) == 0


async def test_a_picture_larger_than_the_api_takes_is_refused_on_the_form(world: World) -> None:
    worker = await _worker(world)
    holder = await _holder_did(worker)
    image = bake_png(png(), foreign_credential(holder))
    filler = chunk(b"tEXt", b"x" * (MAX_IMPORT_IMAGE_BYTES - len(image)))
    too_large = image[:8] + filler + image[8:]
    assert len(too_large) > MAX_IMPORT_IMAGE_BYTES
    answer = await worker.browser.post(
        PAGE, files={"bestand": ("badge.png", too_large, "image/png")}
    )
    assert answer.status_code == 413, answer.text[:300]
    assert "Dit is te groot." in answer.text
    fits = image[:8] + chunk(b"tEXt", b"x" * (MAX_IMPORT_IMAGE_BYTES - len(image) - 20)) + image[8:]
    answer = await worker.browser.post(PAGE, files={"bestand": ("badge.png", fits, "image/png")})
    assert answer.status_code == 200, answer.text[:300]
    assert await _imports(world.sessionmaker) == 1


async def test_a_credential_added_twice_is_refused_the_second_time(world: World) -> None:
    worker = await _worker(world)
    token = foreign_credential(await _holder_did(worker))
    assert (await worker.browser.post(PAGE, {"jws": token})).status_code == 200
    again = await worker.browser.post(PAGE, {"jws": token})
    assert again.status_code == 409, again.text
    assert "Dit bewijs is al toegevoegd." in again.text
    assert f">{token}</textarea>" in again.text
    assert await _imports(world.sessionmaker) == 1
