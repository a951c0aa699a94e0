"""The assessor pages over HTTP: record an EVC result per werkproces, see what was recorded."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from litestar.testing import AsyncTestClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from credentials.b64 import b64url_decode
from registry.models import Credential, Wallet
from tests.conftest import Accounts
from tests.registry.wallet_helpers import World
from tests.web.helpers import HTML, Browser, person, signed_in

Client = AsyncTestClient[Any]
Maker = async_sessionmaker[AsyncSession]
STANDARD = "https://kwalificaties.example/eerste-monteur-elektrotechniek"
ASSESSOR = "beoordelaar@evc.example"


# `world` (tests/conftest.py): opleider-b is accredited for EVC, opleider-a only for module
# certificates.


async def assessor(client: Client, sessionmaker: Maker, provider: str = "opleider-b") -> Browser:
    return await signed_in(
        client, sessionmaker, "assessor", f"{provider}-{ASSESSOR}", provider=provider
    )


def evc_form(email: str = "kandidaat@example.nl", **changes: str) -> dict[str, Any]:
    """A filled-in form: two werkprocessen (one achieved, one not), two evidence methods."""
    form: dict[str, Any] = {
        "candidate_email": email,
        "candidate_name": "Fatima El Amrani",
        "standard_name": "Eerste monteur elektrotechnische installaties",
        "standard_url": STANDARD,
        "standard_description": "Kwalificatiestandaard mbo niveau 3.",
        "level_scheme": "mbo",
        "level_value": "3",
        "code_1": "B1-K1-W1",
        "label_1": "Bereidt de werkzaamheden voor",
        "result_1": "behaald",
        "achieved_1": "zelfstandig",
        "code_2": "B1-K1-W2",
        "label_2": "Installeert elektrotechnische systemen",
        "result_2": "niet behaald",
        "method": ["portfolio", "interview"],
        "evidence_description": "Gesprek over vijf jaar werk als elektricien.",
    }
    form.update(changes)
    return form


async def counts(sessionmaker: Maker) -> tuple[int, int]:
    async with sessionmaker() as session:
        credentials = await session.scalar(select(func.count()).select_from(Credential))
        wallets = await session.scalar(select(func.count()).select_from(Wallet))
    return int(credentials or 0), int(wallets or 0)


def payload_of(jws: str) -> dict[str, Any]:
    """The credential inside a compact JWS: its middle part, base64url-decoded."""
    result: dict[str, Any] = json.loads(b64url_decode(jws.split(".")[1]))
    return result


async def test_pages_need_sign_in(client: Client) -> None:
    for path in ("/beoordelaar", "/beoordelaar/evc/nieuw", f"/beoordelaar/evc/{uuid.uuid4()}"):
        answer = await client.get(path, headers=HTML, follow_redirects=False)
        assert answer.status_code == 303, path
        assert answer.headers["location"].startswith("/inloggen?next=/beoordelaar"), path


@pytest.mark.parametrize("role", ["worker", "provider"])
async def test_other_roles_get_a_403_page(
    world: World, client: Client, sessionmaker: Maker, role: str
) -> None:
    provider = "opleider-a" if role == "provider" else None
    browser = await signed_in(client, sessionmaker, role, f"{role}@x.example", provider=provider)
    for path in ("/beoordelaar", "/beoordelaar/evc/nieuw"):
        answer = await browser.get(path)
        assert answer.status_code == 403, path
        assert "Dit mag je niet doen met dit account" in answer.text
    posted = await browser.post("/beoordelaar/evc/nieuw", evc_form())
    assert posted.status_code == 403
    assert await counts(sessionmaker) == (0, 0)


async def test_recording_an_evc_result_issues_it_with_results_per_werkproces(
    world: World, client: Client, sessionmaker: Maker, accounts: Accounts
) -> None:
    browser = await assessor(client, sessionmaker)
    form = await browser.get("/beoordelaar/evc/nieuw")
    assert form.status_code == 200
    assert "Resultaat per werkproces" in form.text
    answer = await browser.post("/beoordelaar/evc/nieuw", evc_form("Kandidaat@Example.nl"))
    assert answer.status_code == 303, answer.text
    location = answer.headers["location"]
    assert location.startswith("/beoordelaar/evc/")
    assert location.endswith("?vastgelegd=1")
    record_id = location.split("/")[-1].split("?")[0]

    async with sessionmaker() as session:
        row = await session.scalar(select(Credential))
    assert row is not None
    assert row.credential_id == f"urn:uuid:{record_id}"
    assert (row.kind, row.issuer_slug, row.achievement_id) == ("evc", "opleider-b", STANDARD)
    document = payload_of(row.jws)
    subject = document["credentialSubject"]
    assert subject["achievement"]["achievementType"] == "ext:EVC"
    names = {d["id"]: d for d in subject["achievement"]["resultDescription"]}
    outcomes = {
        names[r["resultDescription"]]["alignment"][0]["targetCode"]: r["status"]
        for r in subject["result"]
    }
    assert outcomes == {"B1-K1-W1": "Completed", "B1-K1-W2": "Failed"}
    achieved = next(r for r in subject["result"] if r["status"] == "Completed")["achievedLevel"]
    levels = names[next(iter(names))]["rubricCriterionLevel"]
    assert [level["name"] for level in levels if level["id"] == achieved] == ["zelfstandig"]
    assert {e["genre"] for e in document["evidence"]} == {
        "portfolio",
        "criteriumgericht interview",
    }

    confirmation = await browser.get(location)
    assert confirmation.status_code == 200
    assert "Het EVC-resultaat is vastgelegd" in confirmation.text
    assert row.credential_id in confirmation.text
    assert "Bereidt de werkzaamheden voor" in confirmation.text
    assert "Niet behaald" in confirmation.text
    assert "Mijn cv" in confirmation.text

    # The candidate makes an account with that e-mail address and finds the record.
    worker = await accounts.headers("worker", email="kandidaat@example.nl")
    wallet = await client.get("/api/me/credentials", headers=worker)
    assert wallet.status_code == 200
    assert [c["credentialId"] for c in wallet.json()["items"]] == [row.credential_id]


async def test_invalid_form_is_shown_again_with_messages_and_nothing_is_written(
    world: World, client: Client, sessionmaker: Maker
) -> None:
    browser = await assessor(client, sessionmaker)
    empty_rows = {
        f"{name}_{i}": "" for name in ("code", "label", "result", "achieved") for i in (1, 2)
    }
    answer = await browser.post(
        "/beoordelaar/evc/nieuw",
        {**evc_form(""), **empty_rows, "level_value": "6", "method": []},
    )
    assert answer.status_code == 400
    text = answer.text
    assert "Vul het e-mailadres van de kandidaat in." in text
    assert "Vul minstens één werkproces in, met een resultaat." in text
    assert "Vul een mbo-niveau in van 1 tot en met 4." in text
    assert "Kies minstens één manier waarop je hebt beoordeeld." in text
    assert 'aria-invalid="true"' in text
    # What was typed stays in the form.
    assert 'value="Fatima El Amrani"' in text
    assert await counts(sessionmaker) == (0, 0)


async def test_row_without_result_or_name_and_bad_address_are_refused(
    world: World, client: Client, sessionmaker: Maker
) -> None:
    browser = await assessor(client, sessionmaker)
    answer = await browser.post(
        "/beoordelaar/evc/nieuw",
        evc_form(
            "geen-adres",
            result_2="",
            code_3="B1-K1-W3",
            standard_url="geen webadres",
            valid_until="2000-01-01",
        ),
    )
    assert answer.status_code == 400
    for message in (
        "Dit e-mailadres klopt niet.",
        "Kies het resultaat: behaald of niet behaald.",
        "Vul de naam van dit werkproces in.",
        "Dit webadres klopt niet.",
        "Kies een datum na vandaag.",
    ):
        assert message in answer.text, message
    assert await counts(sessionmaker) == (0, 0)


async def test_not_accredited_organisation_gets_a_clear_message(
    world: World, client: Client, sessionmaker: Maker
) -> None:
    browser = await assessor(client, sessionmaker, provider="opleider-a")
    home = await browser.get("/beoordelaar")
    assert "Jouw organisatie is nu niet erkend voor EVC" in home.text
    answer = await browser.post("/beoordelaar/evc/nieuw", evc_form())
    assert answer.status_code == 403
    assert "Jouw organisatie is niet erkend om EVC vast te leggen" in answer.text
    assert await counts(sessionmaker) == (0, 0)


async def test_e_mail_of_a_non_worker_account_is_refused_at_the_field(
    world: World, client: Client, sessionmaker: Maker
) -> None:
    await person(sessionmaker, "employer", "baas@example.nl")
    browser = await assessor(client, sessionmaker)
    answer = await browser.post("/beoordelaar/evc/nieuw", evc_form("baas@example.nl"))
    assert answer.status_code == 422
    assert "Dit e-mailadres hoort bij een account dat geen werkende is" in answer.text
    assert 'id="candidate_email-error"' in answer.text
    assert await counts(sessionmaker) == (0, 0)


async def test_start_page_lists_only_this_organisations_records(
    world: World, client: Client, sessionmaker: Maker
) -> None:
    candidate = await world.person("worker", "sam@example.nl", "Sam de Vries")
    issued = await world.issue_evc(candidate)
    await world.issue(candidate)  # a module certificate: not an EVC record
    browser = await assessor(client, sessionmaker)
    home = await browser.get("/beoordelaar")
    assert home.status_code == 200
    assert "Erkenning van Verworven Competenties" in home.text
    assert "Vastgelegd door Opleider B" in home.text
    assert "Sam de Vries" in home.text
    assert home.text.count("/beoordelaar/evc/urn") == 0
    record_id = issued["id"].removeprefix("urn:uuid:")
    assert f'href="/beoordelaar/evc/{record_id}"' in home.text
    assert home.text.count('<li class="card">') == 1

    other = await assessor(client, sessionmaker, provider="opleider-a")
    assert "Sam de Vries" not in (await other.get("/beoordelaar")).text
    hidden = await other.get(f"/beoordelaar/evc/{record_id}")
    assert hidden.status_code == 404
    assert "Dit EVC-resultaat bestaat niet" in hidden.text


async def test_unknown_record_is_a_404_page(
    world: World, client: Client, sessionmaker: Maker
) -> None:
    browser = await assessor(client, sessionmaker)
    answer = await browser.get(f"/beoordelaar/evc/{uuid.uuid4()}")
    assert answer.status_code == 404
    assert "Dit EVC-resultaat bestaat niet" in answer.text


async def test_form_in_english(world: World, client: Client, sessionmaker: Maker) -> None:
    browser = await assessor(client, sessionmaker)
    await client.get("/taal/en?next=/beoordelaar", headers=HTML, follow_redirects=False)
    form = await browser.get("/beoordelaar/evc/nieuw")
    assert '<html lang="en">' in form.text
    assert "Record an EVC result" in form.text
    answer = await browser.post("/beoordelaar/evc/nieuw", evc_form(""))
    assert "Fill in the candidate&#39;s e-mail address." in answer.text


async def test_assessor_without_organisation_is_told_so(
    world: World, client: Client, sessionmaker: Maker
) -> None:
    browser = await signed_in(client, sessionmaker, "assessor", "los@evc.example")
    home = await browser.get("/beoordelaar")
    assert home.status_code == 200
    assert "Je account hoort niet bij een EVC-organisatie" in home.text
    answer = await browser.post("/beoordelaar/evc/nieuw", evc_form())
    assert answer.status_code == 403
    assert "Je account hoort niet bij een EVC-organisatie" in answer.text
    assert await counts(sessionmaker) == (0, 0)


async def test_the_record_page_does_not_tell_whether_the_address_has_an_account(
    world: World, client: Client, sessionmaker: Maker
) -> None:
    await person(sessionmaker, "worker", "fatima@example.nl", name="Fatima El Amrani")
    browser = await assessor(client, sessionmaker)
    texts = []
    for email in ("fatima@example.nl", "nog-niemand@example.nl"):
        answer = await browser.post("/beoordelaar/evc/nieuw", evc_form(email))
        assert answer.status_code == 303, answer.text
        page = (await browser.get(answer.headers["location"])).text
        texts.append(page.replace(email, "ADRES"))
        assert f"zodra de kandidaat een account heeft met {email}" in page
    where = [text.split("Waar vindt de kandidaat dit?")[1].split("</p>")[0] for text in texts]
    assert where[0] == where[1]
