"""The worker's pages over HTTP: the CV with progress and self-declared experience apart,
sharing and withdrawing, and the printable certificate with its PDF."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from litestar.testing import AsyncTestClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.models import Credential, Experience, Share
from tests.catalogue.test_sbb_import import DIENSTVERLENING, DOSSIER, XML
from tests.conftest import BASE_URL
from tests.registry.wallet_helpers import SOLAR, Person, World
from tests.web.helpers import Browser, person, signed_in

Client = AsyncTestClient[Any]
Maker = async_sessionmaker[AsyncSession]
LINK = re.compile(r'id="share-link" type="text" readonly value="([^"]+)"')
NL = ZoneInfo("Europe/Amsterdam")


class Worker:
    """A worker who signs in on the pages and holds credentials issued through the API."""

    def __init__(self, world: World, browser: Browser, account_id: uuid.UUID) -> None:
        self.world = world
        self.browser = browser
        self.person = Person(str(account_id), {}, None)

    async def issue(self, module_id: str | None = None) -> uuid.UUID:
        """Issue a module certificate; return the wallet row id the pages use."""
        issued = await self.world.issue(self.person, module_id)
        return await _row_id(self.world.sessionmaker, issued["id"])

    async def issue_evc(self) -> uuid.UUID:
        issued = await self.world.issue_evc(self.person)
        return await _row_id(self.world.sessionmaker, issued["id"])


async def _row_id(sessionmaker: Maker, credential_id: str) -> uuid.UUID:
    async with sessionmaker() as session:
        row_id = await session.scalar(
            select(Credential.id).where(Credential.credential_id == credential_id)
        )
    assert row_id is not None
    return row_id


async def _count(sessionmaker: Maker, model: Any) -> int:
    async with sessionmaker() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def _worker(world: World, email: str = "sanne@example.nl", name: str = "Sanne") -> Worker:
    account = await person(world.sessionmaker, "worker", email, name=name)
    browser = await signed_in(world.client, world.sessionmaker, "worker", email)
    return Worker(world, browser, account.id)


# ---------------------------------------------------------------- who may see the pages


async def test_not_signed_in_goes_to_sign_in(client: Client) -> None:
    browser = Browser(client)
    for path in (
        "/mijn-cv",
        "/mijn-cv/delen",
        "/mijn-cv/gedeeld",
        f"/mijn-cv/bewijzen/{uuid.uuid4()}",
    ):
        answer = await browser.get(path, follow_redirects=False)
        assert answer.status_code == 303, path
        assert answer.headers["location"].startswith("/inloggen?next=/mijn-cv"), path


async def test_employer_gets_the_403_page(client: Client, sessionmaker: Maker) -> None:
    browser = await signed_in(client, sessionmaker, "employer", "hr@example.com")
    for path in ("/mijn-cv", "/mijn-cv/delen", "/mijn-cv/gedeeld"):
        answer = await browser.get(path)
        assert answer.status_code == 403, path
        assert "Dit mag je niet doen met dit account" in answer.text
    answer = await browser.post("/mijn-cv/delen", {"recipient": "x@example.com"})
    assert answer.status_code == 403
    assert await _count(sessionmaker, Share) == 0


# ---------------------------------------------------------------- the CV


async def _qualification(world: World) -> tuple[dict[str, Any], dict[str, Any]]:
    """Allround monteur: laadpaalmonteur and zonnepanelen required, warmtepomp optional."""
    solar = await world.catalogue.module(title="Zonnepanelen", competences=[{"uri": SOLAR}])
    heat = await world.catalogue.module(title="Warmtepomp")
    response = await world.client.post(
        "/api/catalogue/qualifications",
        json={
            "code": "ALLROUND-01",
            "title": "Allround monteur",
            "requiredModules": [world.module["id"], solar["id"]],
            "optionalGroups": [{"title": "Keuzedeel", "minCount": 1, "modules": [heat["id"]]}],
        },
        headers=world.operator,
    )
    assert response.status_code == 201, response.text
    return solar, heat


async def test_cv_shows_progress_as_a_picture_with_what_remains(world: World) -> None:
    solar, heat = await _qualification(world)
    await world.catalogue.run(solar["id"], startDate="2031-03-02", place="Utrecht")
    worker = await _worker(world)
    await worker.issue()

    text = (await worker.browser.get("/mijn-cv")).text

    assert "1 van 3 klaar" in text
    bar = re.search(
        r'<div class="progress" role="img" aria-label="1 van 3 klaar">(.*?)</div>', text, re.S
    )
    assert bar is not None
    assert bar.group(1).count('class="seg done"') == 1
    assert bar.group(1).count('class="seg"') == 2
    assert f'href="/catalogus/modules/{solar["id"]}">Zonnepanelen</a>' in text
    assert "Volgende start: 2 maart 2031 in Utrecht" in text
    assert f'href="/catalogus/modules/{heat["id"]}">Warmtepomp</a>' in text
    assert "Kies er nog 1 uit Keuzedeel" in text
    assert "Er is nu nog geen startdatum bekend." in text  # warmtepomp has no run
    assert "Al klaar: Laadpaalmonteur" in text


async def test_cv_says_a_withdrawn_module_is_no_longer_offered(world: World) -> None:
    _, heat = await _qualification(world)
    await world.catalogue.run(
        heat["id"], startDate="2031-05-04", endDate="2031-05-08", place="Zwolle"
    )
    response = await world.client.post(
        f"/api/catalogue/modules/{heat['id']}/withdraw", headers=world.catalogue.provider_a
    )
    assert response.status_code == 200, response.text
    worker = await _worker(world)
    await worker.issue()

    text = (await worker.browser.get("/mijn-cv")).text

    assert f'href="/catalogus/modules/{heat["id"]}">Warmtepomp</a>' in text
    assert "Deze module wordt niet meer aangeboden." in text
    assert "in Zwolle" not in text


async def test_cv_counts_werkprocessen_of_a_qualification_made_of_competences(
    world: World,
) -> None:
    response = await world.client.post(
        "/api/catalogue/import",
        params={"format": "sbb"},
        content=DIENSTVERLENING,
        headers={**world.operator, **XML},
    )
    assert response.status_code == 201, response.text
    module = await world.catalogue.module(
        title="Voorraadbeheer", competences=[{"uri": f"{DOSSIER}/B1-K1-W5"}]
    )
    worker = await _worker(world)
    await worker.issue(module["id"])

    text = (await worker.browser.get("/mijn-cv")).text

    # Helpende Zorg en Welzijn: 9 basis werkprocessen and 3 of its profiel; one shown.
    assert "Helpende Zorg en Welzijn" in text
    assert text.count('aria-label="1 van 12 klaar"') == 3
    assert "B1-K1-W1: Bereidt werkzaamheden voor en stemt af" in text
    assert "B1-K1-W5: Assisteert bij voorraadbeheer" not in text


async def test_cv_lists_competences_and_credentials_with_status_in_words(world: World) -> None:
    worker = await _worker(world)
    laadpaal = await worker.issue()
    evc = await worker.issue_evc()
    await world.revoke(str(laadpaal))

    text = (await worker.browser.get("/mijn-cv")).text

    credentials = text.split('id="bewijzen"')[1].split('id="ervaring"')[0]
    assert f'href="/mijn-cv/bewijzen/{evc}">Allround monteur elektrotechniek</a>' in credentials
    assert f'href="/mijn-cv/bewijzen/{laadpaal}">Laadpaalmonteur</a>' in credentials
    assert "Opleider A" in credentials
    assert "Opleider B" in credentials
    assert "Geldig" in credentials
    assert "Ingetrokken" in credentials
    assert 'class="card red"' in credentials  # the revoked one, with the word as well
    competences = text.split('id="vaardigheden"')[1].split('id="bewijzen"')[0]
    assert "Installeert laadpalen" in competences  # from the EVC record
    assert "Blijkt uit: Allround monteur elektrotechniek" in competences
    assert "laadpalen installeren" not in competences  # revoked: no longer counts


async def test_self_declared_experience_is_apart_and_can_be_added_and_removed(
    world: World,
) -> None:
    worker = await _worker(world)
    await worker.issue()
    answer = await worker.browser.post(
        "/mijn-cv/ervaring",
        {"title": "Elektricien woningbouw", "description": "Vijf jaar.", "start": "2019-02-01"},
    )
    assert answer.status_code == 303
    assert answer.headers["location"] == "/mijn-cv?klaar=ervaring#ervaring"

    text = (await worker.browser.get("/mijn-cv?klaar=ervaring")).text
    assert "Je werkervaring staat in je cv." in text
    verified, self_declared = text.split("Zelf opgegeven, niet gecontroleerd</h2>")
    assert "Elektricien woningbouw" not in verified
    assert "Laadpaalmonteur" in verified
    assert "Elektricien woningbouw" in self_declared
    assert "Sinds 1 februari 2019" in self_declared

    async with world.sessionmaker() as session:
        experience_id = await session.scalar(select(Experience.id))
    answer = await worker.browser.post(f"/mijn-cv/ervaring/{experience_id}/verwijderen")
    assert answer.status_code == 303
    assert await _count(world.sessionmaker, Experience) == 0
    answer = await worker.browser.post(f"/mijn-cv/ervaring/{experience_id}/verwijderen")
    assert answer.status_code == 404


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"title": ""}, "Vul in wat voor werk je deed."),
        ({"title": "x" * 201}, "hoogstens 200 tekens"),
        ({"title": "Monteur", "start": "2020-13-01"}, "Deze datum klopt niet."),
        ({"title": "Monteur", "start": "2020-05-01", "end": "2019-01-01"}, "Je stopte voordat"),
    ],
)
async def test_bad_experience_is_refused_and_nothing_written(
    world: World, form: dict[str, str], message: str
) -> None:
    worker = await _worker(world)
    answer = await worker.browser.post("/mijn-cv/ervaring", form)
    assert answer.status_code == 400
    assert message in answer.text
    assert 'class="error-summary"' in answer.text
    assert await _count(world.sessionmaker, Experience) == 0


async def test_pages_in_english(world: World) -> None:
    worker = await _worker(world)
    laadpaal = await worker.issue()
    worker.browser.client.cookies.set("lang", "en")
    text = (await worker.browser.get("/mijn-cv")).text
    assert "<h1>My CV</h1>" in text
    assert "Self-declared, not checked" in text
    assert "Valid" in text
    pages = {
        "/mijn-cv/delen": "Which certificates to share?",
        "/mijn-cv/gedeeld": "You have not shared anything yet.",
        f"/mijn-cv/bewijzen/{laadpaal}": "Check this certificate online",
    }
    for path, words in pages.items():
        answer = await worker.browser.get(path)
        assert answer.status_code == 200, path
        assert words in answer.text, path


# ---------------------------------------------------------------- sharing


async def test_share_shows_link_and_qr_then_withdraw_makes_it_410(world: World) -> None:
    worker = await _worker(world)
    laadpaal = await worker.issue()
    await worker.issue_evc()

    form = await worker.browser.get(f"/mijn-cv/delen?bewijs={laadpaal}")
    assert f'value="{laadpaal}" checked' in form.text
    answer = await worker.browser.post(
        "/mijn-cv/delen",
        {"credential": str(laadpaal), "recipient": "HR@Example.com", "lifetime": "7"},
    )
    assert answer.status_code == 200, answer.text
    link = LINK.search(answer.text)
    assert link is not None
    url = link.group(1)
    assert url.startswith(f"{BASE_URL}/s/")
    assert 'src="data:image/svg+xml' in answer.text
    assert answer.headers["cache-control"] == "no-store"
    assert "Stuur deze link naar hr@example.com" in answer.text
    async with world.sessionmaker() as session:
        share = await session.scalar(select(Share))
    assert share is not None
    assert share.recipient == "hr@example.com"
    expected = dt.datetime.now(dt.UTC) + dt.timedelta(days=7)
    assert abs(share.expires_at - expected) < dt.timedelta(minutes=1)

    opened = await world.client.get(url, headers={"Accept": "application/json"})
    assert opened.status_code == 200
    listing = (await worker.browser.get("/mijn-cv/gedeeld")).text
    assert "Gedeeld met hr@example.com" in listing
    assert "Actief: de link werkt" in listing
    assert "Laadpaalmonteur" in listing
    assert "Allround monteur" not in listing
    assert "iemand met de link" in listing  # the view just now
    assert "Nog niemand heeft gekeken." not in listing

    answer = await worker.browser.post(f"/mijn-cv/gedeeld/{share.id}/intrekken")
    assert answer.status_code == 303
    assert answer.headers["location"] == "/mijn-cv/gedeeld?klaar=ingetrokken"
    listing = (await worker.browser.get("/mijn-cv/gedeeld?klaar=ingetrokken")).text
    assert "Ingetrokken: de link werkt niet meer" in listing
    assert "Je deelt deze bewijzen niet meer." in listing
    assert "/intrekken" not in listing  # no button for a share that is already withdrawn
    gone = await world.client.get(url, headers={"Accept": "application/json"})
    assert gone.status_code == 410


async def test_share_until_a_chosen_date_ends_that_day(world: World) -> None:
    worker = await _worker(world)
    laadpaal = await worker.issue()
    day = dt.datetime.now(NL).date() + dt.timedelta(days=10)
    answer = await worker.browser.post(
        "/mijn-cv/delen",
        {
            "credential": str(laadpaal),
            "recipient": "hr@example.com",
            "lifetime": "datum",
            "until": day.isoformat(),
        },
    )
    assert answer.status_code == 200, answer.text
    async with world.sessionmaker() as session:
        share = await session.scalar(select(Share))
    assert share is not None
    assert share.expires_at == dt.datetime.combine(day, dt.time(23, 59), tzinfo=NL)


async def _refused(world: World, worker: Worker, form: dict[str, Any], message: str) -> None:
    answer = await worker.browser.post("/mijn-cv/delen", form)
    assert answer.status_code == 422, answer.text
    assert message in answer.text
    assert 'class="error-summary"' in answer.text
    assert await _count(world.sessionmaker, Share) == 0


async def test_share_form_refuses_bad_input_and_writes_nothing(world: World) -> None:
    worker = await _worker(world)
    laadpaal = str(await worker.issue())
    far = (dt.datetime.now(NL).date() + dt.timedelta(days=400)).isoformat()
    base = {"credential": laadpaal, "recipient": "hr@example.com", "lifetime": "30"}
    await _refused(world, worker, {**base, "credential": ""}, "Kies minstens één bewijs")
    await _refused(world, worker, {**base, "recipient": ""}, "Vul het e-mailadres van de")
    await _refused(world, worker, {**base, "recipient": "hr@example"}, "geen goed e-mailadres")
    await _refused(world, worker, {**base, "lifetime": "datum"}, "Vul een datum in")
    await _refused(world, worker, {**base, "lifetime": "datum", "until": far}, "een jaar vooruit")
    # What was typed comes back, so the worker does not type it again.
    answer = await worker.browser.post("/mijn-cv/delen", {**base, "credential": ""})
    assert 'value="hr@example.com"' in answer.text


async def test_cannot_share_or_withdraw_what_is_not_yours(world: World) -> None:
    other = await _worker(world, "piet@example.nl", "Piet")
    theirs = await other.issue()
    answer = await other.browser.post(
        "/mijn-cv/delen", {"credential": str(theirs), "recipient": "hr@example.com"}
    )
    assert answer.status_code == 200
    async with world.sessionmaker() as session:
        share_id = await session.scalar(select(Share.id))

    worker = await _worker(world)
    await worker.issue()
    await _refused_once(world, worker, str(theirs))
    answer = await worker.browser.post(f"/mijn-cv/gedeeld/{share_id}/intrekken")
    assert answer.status_code == 404
    async with world.sessionmaker() as session:
        share = await session.get(Share, share_id)
    assert share is not None
    assert share.withdrawn_at is None


async def _refused_once(world: World, worker: Worker, credential: str) -> None:
    answer = await worker.browser.post(
        "/mijn-cv/delen", {"credential": credential, "recipient": "hr@example.com"}
    )
    assert answer.status_code == 422
    assert "staat niet in je cv" in answer.text
    assert await _count(world.sessionmaker, Share) == 1  # only the other worker's


# ---------------------------------------------------------------- certificates


async def test_certificate_page_shows_the_facts_and_a_qr_code_to_check_it(world: World) -> None:
    worker = await _worker(world)
    laadpaal = await worker.issue()
    answer = await worker.browser.get(f"/mijn-cv/bewijzen/{laadpaal}")
    assert answer.status_code == 200
    text = answer.text
    assert "<h1>Laadpaalmonteur</h1>" in text
    assert "Deelcertificaat" in text
    assert "Sanne" in text
    assert "Opleider A" in text
    assert "laadpalen installeren" in text
    assert "Geldig" in text
    assert f'href="{BASE_URL}/controleren/bewijs/{laadpaal}"' in text
    assert 'class="qr" src="data:image/svg+xml' in text
    assert f'href="/mijn-cv/bewijzen/{laadpaal}/pdf">Download als PDF</a>' in text


async def test_certificate_pdf(world: World) -> None:
    worker = await _worker(world, name="Zoë Çelik")  # beyond ASCII, in the PDF too
    evc = await worker.issue_evc()
    answer = await worker.browser.get(f"/mijn-cv/bewijzen/{evc}/pdf")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/pdf"
    assert answer.headers["content-disposition"].startswith("attachment;")
    assert answer.content.startswith(b"%PDF")
    assert len(answer.content) > 2000  # text, fonts and the QR image


async def test_another_workers_certificate_is_404(world: World) -> None:
    other = await _worker(world, "piet@example.nl", "Piet")
    theirs = await other.issue()
    worker = await _worker(world)
    await worker.issue()
    for path in (
        f"/mijn-cv/bewijzen/{theirs}",
        f"/mijn-cv/bewijzen/{theirs}/pdf",
        f"/mijn-cv/bewijzen/{uuid.uuid4()}",
        "/mijn-cv/bewijzen/not-an-id",
    ):
        answer = await worker.browser.get(path)
        assert answer.status_code == 404, path
        assert "Deze pagina bestaat niet" in answer.text
        assert "Laadpaalmonteur" not in answer.text


def test_pdf_without_dejavu_uses_latin1_core_fonts(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    """Where the DejaVu font is not installed, characters beyond Latin-1 are replaced."""
    from registry.web.competence_names import CompetenceNames
    from registry.web.i18n import translator
    from registry.web.worker import certificate_pdf
    from registry.web.worker.views import CertificateView, CredentialView

    monkeypatch.setattr(certificate_pdf, "DEJAVU", tmp_path)
    now = dt.datetime.now(dt.UTC)
    credential = CredentialView(
        id=uuid.uuid4(),
        credential_id="urn:uuid:1",
        achievement="Laadpaal \u201cmonteur\u201d \u2013 \u20ac",
        issuer="Łódź Instituut",
        kind="evc",
        issued_at=now,
        valid_until=now,
        verdict="expired",
    )
    view = CertificateView(holder_name="Zoë 李", credential=credential, verify_url="http://x/c/1")
    names = CompetenceNames("nl", {})
    body = certificate_pdf.certificate_pdf(view, translator("nl"), str, "Site", "Verlopen", names)
    assert body.startswith(b"%PDF")
    assert b"DejaVu" not in body
