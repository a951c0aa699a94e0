"""The provider pages over HTTP: modules, runs, issuing to one learner, status changes."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select

from catalogue.models import Module, ModuleVersion, Run
from registry.models import Credential
from tests.catalogue.helpers import CHARGER, HEAT_PUMP
from tests.registry.wallet_helpers import World
from tests.web.helpers import HTML, Browser, signed_in
from tests.web.provider_helpers import Client, Maker, count, provider

__all__ = ["provider"]  # a fixture, used by name


def module_form(**changes: str) -> dict[str, str]:
    return {
        "title": "Warmtepomp onderhoud",
        "summary": "Onderhoud aan warmtepompen.",
        "description": "",
        "level": "mbo-3",
        "study_load_hours": "24",
        "delivery_mode": "blended",
        "sectors": "installatietechniek, energie",
        "competences": f"laadpalen installeren\nwarmtepomp installeren | {HEAT_PUMP}",
        "certificate": "",
    } | changes


def module_id_of(answer: Any) -> str:
    match = re.search(r"/aanbieder/modules/([0-9a-f-]{36})", answer.headers["location"])
    assert match is not None, answer.headers["location"]
    return match.group(1)


# ---------------------------------------------------------------- who may see the pages


async def test_pages_switch_to_english(client: Client, provider: Browser) -> None:
    await client.get("/taal/en?next=/aanbieder", headers=HTML)
    for path, heading in (
        ("/aanbieder", "My courses"),
        ("/aanbieder/modules/nieuw", "New module"),
        ("/aanbieder/cohort", "Upload a group"),
        ("/aanbieder/bewijzen", "Issued certificates"),
    ):
        answer = await provider.get(path)
        assert answer.status_code == 200, path
        assert f"<h1>{heading}</h1>" in answer.text


async def test_visitor_is_sent_to_sign_in(client: Client) -> None:
    for path in ("/aanbieder", "/aanbieder/cohort", "/aanbieder/bewijzen"):
        answer = await client.get(path, headers=HTML, follow_redirects=False)
        assert answer.status_code == 303, path
        assert answer.headers["location"].startswith(f"/inloggen?next={path}")


async def test_worker_gets_the_403_page_and_writes_nothing(
    client: Client, sessionmaker: Maker, world: World
) -> None:
    worker = await signed_in(client, sessionmaker, "worker", "w@example.nl")
    for path in ("/aanbieder", "/aanbieder/modules/nieuw", "/aanbieder/cohort"):
        answer = await worker.get(path)
        assert answer.status_code == 403, path
        assert "Dit mag je niet doen met dit account" in answer.text
    before = await count(sessionmaker, Module)
    answer = await worker.post("/aanbieder/modules/nieuw", module_form())
    assert answer.status_code == 403
    assert await count(sessionmaker, Module) == before


async def test_form_without_csrf_token_is_refused(
    client: Client, sessionmaker: Maker, provider: Browser
) -> None:
    before = await count(sessionmaker, Module)
    answer = await client.post("/aanbieder/modules/nieuw", data=module_form(), headers=HTML)
    assert answer.status_code == 403
    assert "Het formulier is verlopen" in answer.text
    assert await count(sessionmaker, Module) == before


# ---------------------------------------------------------------- modules


async def test_dashboard_shows_own_modules_only(
    client: Client, provider: Browser, world: World
) -> None:
    await world.catalogue.module(world.catalogue.provider_b, title="Zonneboiler van B")
    answer = await provider.get("/aanbieder")
    assert answer.status_code == 200
    assert "Laadpaalmonteur" in answer.text
    assert "Gepubliceerd" in answer.text
    assert "Zonneboiler van B" not in answer.text
    assert f"/aanbieder/modules/{world.module['id']}/uitgeven" in answer.text


async def test_create_module_resolves_competences_by_label_and_uri(
    provider: Browser, sessionmaker: Maker
) -> None:
    answer = await provider.post("/aanbieder/modules/nieuw", module_form())
    assert answer.status_code == 303
    assert answer.headers["location"].endswith("?melding=aangemaakt")
    shown = await provider.get(answer.headers["location"])
    assert "Warmtepomp onderhoud" in shown.text
    assert "Concept" in shown.text
    assert "De module is gemaakt als concept" in shown.text
    async with sessionmaker() as session:
        version = await session.scalar(
            select(ModuleVersion).where(ModuleVersion.title == "Warmtepomp onderhoud")
        )
        assert version is not None
        assert [c.uri for c in version.competences] == [CHARGER, HEAT_PUMP]
        assert version.certificate == "Deelcertificaat Warmtepomp onderhoud"
        assert (version.level_scheme, version.level_value) == ("mbo", 3)


async def test_invalid_module_form_is_shown_again_and_nothing_is_written(
    provider: Browser, sessionmaker: Maker
) -> None:
    before = await count(sessionmaker, Module)
    answer = await provider.post(
        "/aanbieder/modules/nieuw",
        module_form(
            title="", study_load_hours="veel", sectors="Installatie Techniek!", level="mbo-x"
        ),
    )
    assert answer.status_code == 400
    assert "Vul een titel in" in answer.text
    assert "Vul het aantal uren in als heel getal" in answer.text
    assert "Schrijf sectoren met kleine letters" in answer.text
    assert "Kies een niveau uit de lijst" in answer.text
    assert 'value="veel"' in answer.text  # what was typed stays
    unknown = await provider.post(
        "/aanbieder/modules/nieuw",
        module_form(competences="http://data.europa.eu/esco/skill/does-not-exist"),
    )
    assert unknown.status_code == 400
    assert "Deze competentie staat niet in de catalogus" in unknown.text
    assert await count(sessionmaker, Module) == before


async def test_editing_a_published_module_makes_a_new_draft_version(
    provider: Browser, world: World
) -> None:
    module_id = world.module["id"]
    form = await provider.get(f"/aanbieder/modules/{module_id}/bewerken")
    assert form.status_code == 200
    assert "Als je opslaat, maak je concept versie 2" in form.text
    assert f"laadpalen installeren | {CHARGER}" in form.text
    answer = await provider.post(
        f"/aanbieder/modules/{module_id}/bewerken",
        module_form(title="Laadpaalmonteur (nieuw)", competences=CHARGER),
    )
    assert answer.status_code == 303
    api = await world.client.get(f"/api/catalogue/modules/{module_id}", headers=world.provider)
    assert api.json()["publishedVersion"] == 1
    assert api.json()["draftVersion"] == 2
    published = await provider.post(f"/aanbieder/modules/{module_id}/publiceren")
    assert published.status_code == 303
    api = await world.client.get(f"/api/catalogue/modules/{module_id}")
    assert api.json()["publishedVersion"] == 2
    assert api.json()["current"]["title"] == "Laadpaalmonteur (nieuw)"


async def test_publish_then_withdraw_only_after_confirmation(
    provider: Browser, world: World
) -> None:
    draft = await world.catalogue.module(publish=False, title="Zonnepanelen leggen")
    module_id = draft["id"]
    page = await provider.get(f"/aanbieder/modules/{module_id}")
    assert "Concept versie 1 is nog niet zichtbaar" in page.text
    assert (await provider.post(f"/aanbieder/modules/{module_id}/publiceren")).status_code == 303
    again = await provider.post(f"/aanbieder/modules/{module_id}/publiceren")
    assert again.status_code == 409
    assert "Er is geen concept om te publiceren" in again.text
    refused = await provider.post(f"/aanbieder/modules/{module_id}/terugtrekken")
    assert refused.status_code == 400
    assert "Vink eerst aan" in refused.text
    api = await world.client.get(f"/api/catalogue/modules/{module_id}")
    assert api.json()["status"] == "published"
    done = await provider.post(f"/aanbieder/modules/{module_id}/terugtrekken", {"confirm": "ja"})
    assert done.status_code == 303
    api = await world.client.get(f"/api/catalogue/modules/{module_id}")
    assert api.json()["status"] == "withdrawn"


async def test_another_providers_module_is_refused(
    provider: Browser, world: World, sessionmaker: Maker
) -> None:
    theirs = await world.catalogue.module(world.catalogue.provider_b, title="Van B")
    draft = await world.catalogue.module(world.catalogue.provider_b, publish=False)
    for path in (
        f"/aanbieder/modules/{theirs['id']}",
        f"/aanbieder/modules/{theirs['id']}/bewerken",
    ):
        answer = await provider.get(path)
        assert answer.status_code == 403, path
    assert (await provider.get(f"/aanbieder/modules/{draft['id']}")).status_code == 404
    unknown = await provider.get("/aanbieder/modules/00000000-0000-4000-8000-000000000000")
    assert unknown.status_code == 404
    assert "Deze pagina bestaat niet" in unknown.text or "bestaat niet" in unknown.text
    edit = await provider.post(f"/aanbieder/modules/{theirs['id']}/bewerken", module_form())
    assert edit.status_code == 403
    issue = await provider.post(
        f"/aanbieder/modules/{theirs['id']}/uitgeven", {"email": "a@example.nl", "name": "A"}
    )
    assert issue.status_code == 403
    assert await count(sessionmaker, Credential) == 0


# ---------------------------------------------------------------- runs


async def test_add_and_cancel_a_run(provider: Browser, world: World, sessionmaker: Maker) -> None:
    module_id = world.module["id"]
    path = f"/aanbieder/modules/{module_id}/uitvoeringen"
    answer = await provider.post(
        path,
        {
            "start_date": "2031-05-05",
            "end_date": "2031-05-09",
            "place": "Zwolle",
            "postcode": "8011ab",
            "seats": "10",
            "status": "open",
        },
    )
    assert answer.status_code == 303
    page = await provider.get(answer.headers["location"])
    assert "Zwolle" in page.text
    assert "8011 AB" in page.text
    async with sessionmaker() as session:
        run = await session.scalar(select(Run).where(Run.place == "Zwolle"))
    assert run is not None
    cancelled = await provider.post(f"{path}/{run.id}/annuleren")
    assert cancelled.status_code == 303
    page = await provider.get(cancelled.headers["location"])
    assert "Geannuleerd" in page.text
    async with sessionmaker() as session:
        assert await session.scalar(select(Run.status).where(Run.id == run.id)) == "cancelled"


async def test_invalid_run_is_shown_again_and_nothing_is_written(
    provider: Browser, world: World, sessionmaker: Maker
) -> None:
    before = await count(sessionmaker, Run)
    answer = await provider.post(
        f"/aanbieder/modules/{world.module['id']}/uitvoeringen",
        {
            "start_date": "2031-05-09",
            "end_date": "2031-05-05",
            "place": "",
            "postcode": "12",
            "seats": "-1",
            "status": "open",
        },
    )
    assert answer.status_code == 400
    for text in (
        "De einddatum ligt voor de begindatum",
        "Vul een plaats in",
        "Vul een postcode in zoals 3511 AB",
        "Vul het aantal plaatsen in",
    ):
        assert text in answer.text
    assert await count(sessionmaker, Run) == before


# ---------------------------------------------------------------- issuing to one learner


async def test_issue_to_one_learner_shows_the_confirmation(
    provider: Browser, world: World, sessionmaker: Maker
) -> None:
    answer = await provider.post(
        f"/aanbieder/modules/{world.module['id']}/uitgeven",
        {"email": "noor@example.nl", "name": "Noor Bakker"},
    )
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/aanbieder/bewijzen/urn:uuid:")
    page = await provider.get(answer.headers["location"])
    assert page.status_code == 200
    assert "Het deelcertificaat is uitgegeven" in page.text
    assert "Noor Bakker" in page.text
    assert "noor@example.nl" in page.text
    credential_id = answer.headers["location"].split("/")[-1].split("?")[0]
    assert credential_id in page.text
    async with sessionmaker() as session:
        stored = await session.scalar(select(Credential))
    assert stored is not None
    assert stored.credential_id == credential_id
    assert stored.kind == "module-certificate"


async def test_issuing_the_same_certificate_again_needs_the_tick(
    provider: Browser, world: World, sessionmaker: Maker
) -> None:
    path = f"/aanbieder/modules/{world.module['id']}/uitgeven"
    learner = {"email": "noor@example.nl", "name": "Noor Bakker"}
    assert (await provider.post(path, learner)).status_code == 303
    again = await provider.post(path, learner)
    assert again.status_code == 422
    assert "Deze deelnemer heeft dit deelcertificaat al." in again.text
    assert 'name="reissue" value="ja"' in again.text
    assert await count(sessionmaker, Credential) == 1
    ticked = await provider.post(path, learner | {"reissue": "ja"})
    assert ticked.status_code == 303
    assert await count(sessionmaker, Credential) == 2


async def test_issuing_needs_a_published_module_and_an_accreditation(
    client: Client, provider: Browser, world: World, sessionmaker: Maker
) -> None:
    draft = await world.catalogue.module(publish=False, title="Nog niet klaar")
    answer = await provider.post(
        f"/aanbieder/modules/{draft['id']}/uitgeven", {"email": "a@example.nl", "name": "A"}
    )
    assert answer.status_code == 409
    assert "Deze module is niet gepubliceerd" in answer.text
    bad = await provider.post(
        f"/aanbieder/modules/{world.module['id']}/uitgeven", {"email": "geen-adres", "name": ""}
    )
    assert bad.status_code == 400
    assert "Vul een geldig e-mailadres in" in bad.text
    assert "Vul de naam van de deelnemer in" in bad.text
    # opleider-b is accredited for EVC only, not for module certificates.
    theirs = await world.catalogue.module(world.catalogue.provider_b, title="Van B")
    other = await signed_in(client, sessionmaker, "provider", "b@example.nl", provider="opleider-b")
    refused = await other.post(
        f"/aanbieder/modules/{theirs['id']}/uitgeven", {"email": "a@example.nl", "name": "A"}
    )
    assert refused.status_code == 403
    assert "Je organisatie is niet erkend" in refused.text
    assert await count(sessionmaker, Credential) == 0


# ---------------------------------------------------------------- cohort upload


async def test_list_suspend_reinstate_and_revoke(
    client: Client, provider: Browser, world: World
) -> None:
    worker = await world.person("worker", "sam@example.nl", "Sam de Vries")
    issued = await world.issue(worker)
    listing = await provider.get("/aanbieder/bewijzen")
    assert listing.status_code == 200
    assert "Sam de Vries" in listing.text
    assert "Geldig" in listing.text
    assert "<p>1 bewijs.</p>" in listing.text  # singular for one
    provider.client.cookies.set("lang", "en")
    assert "<p>1 certificate.</p>" in (await provider.get("/aanbieder/bewijzen")).text
    provider.client.cookies.delete("lang")
    path = f"/aanbieder/bewijzen/{issued['id']}"

    async def status() -> str:
        answer = await client.get(f"/status/{issued['status']['statusList'].rsplit('/', 1)[-1]}")
        assert answer.status_code == 200
        credential = await provider.get(path)
        return str(re.search(r'<span class="tag (\w+)">', credential.text).group(1))  # type: ignore[union-attr]

    unexplained = await provider.post(f"{path}/schorsen", {"back": "/aanbieder/bewijzen"})
    assert unexplained.status_code == 400
    assert "Kies waarom je de status van dit bewijs verandert." in unexplained.text
    assert await status() == "ok"
    suspended = await provider.post(
        f"{path}/schorsen", {"back": "/aanbieder/bewijzen", "reason": "under-investigation"}
    )
    assert suspended.headers["location"] == "/aanbieder/bewijzen?melding=geschorst"
    assert await status() == "warn"
    assert (await provider.post(f"{path}/herstellen")).status_code == 303
    assert await status() == "ok"
    unconfirmed = await provider.post(f"{path}/intrekken", {"reason": "issued-in-error"})
    assert unconfirmed.status_code == 400
    assert "Vink eerst aan" in unconfirmed.text
    assert await status() == "ok"
    revoked = await provider.post(
        f"{path}/intrekken",
        {"confirm": "ja", "reason": "issued-in-error", "note": "Verkeerde module."},
    )
    assert revoked.status_code == 303
    page = await provider.get(revoked.headers["location"])
    assert "Het bewijs is ingetrokken" in page.text
    assert "Ingetrokken" in page.text
    assert "Reden: per vergissing uitgegeven." in page.text
    assert "Verkeerde module." in page.text
    again = await provider.post(f"{path}/schorsen", {"reason": "fraud"})
    assert again.status_code == 409
    assert "Dit bewijs is al ingetrokken" in again.text
    api = await client.get("/api/me/credentials", headers=worker.headers)
    assert api.json()["items"][0]["status"] == "revoked"


async def test_another_organisations_credential_is_refused(
    client: Client, sessionmaker: Maker, world: World
) -> None:
    worker = await world.person("worker", "sam@example.nl", "Sam de Vries")
    issued = await world.issue(worker)
    other = await signed_in(client, sessionmaker, "provider", "b@example.nl", provider="opleider-b")
    assert (await other.get(f"/aanbieder/bewijzen/{issued['id']}")).status_code == 403
    revoke = await other.post(
        f"/aanbieder/bewijzen/{issued['id']}/intrekken", {"confirm": "ja", "reason": "fraud"}
    )
    assert revoke.status_code == 403
    assert "Sam de Vries" not in (await other.get("/aanbieder/bewijzen")).text
    unknown = await other.get("/aanbieder/bewijzen/urn:uuid:00000000-0000-4000-8000-000000000000")
    assert unknown.status_code == 404
