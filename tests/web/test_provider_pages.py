"""The provider pages over HTTP: modules, runs, issuing one or a cohort, status changes."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from litestar.testing import AsyncTestClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from catalogue.models import Module, ModuleVersion, Run
from registry.models import Credential
from registry.web.provider_cohort import chunk_size, with_module_column
from tests.catalogue.helpers import CHARGER, HEAT_PUMP
from tests.conftest import Accounts
from tests.registry.wallet_helpers import World
from tests.web.helpers import HTML, Browser, signed_in

Client = AsyncTestClient[Any]
Maker = async_sessionmaker[AsyncSession]
NDJSON = {"Accept": "application/x-ndjson"}


@pytest.fixture
async def world(client: Client, accounts: Accounts, sessionmaker: Maker) -> World:
    """opleider-a (accredited, with a published laadpaalmonteur module) and opleider-b."""
    return await World(client, accounts, sessionmaker).setup()


@pytest.fixture
async def provider(client: Client, sessionmaker: Maker, world: World) -> Browser:
    """A browser signed in as a provider account of opleider-a."""
    return await signed_in(client, sessionmaker, "provider", "p@example.nl", provider="opleider-a")


async def count(sessionmaker: Maker, model: Any) -> int:
    async with sessionmaker() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


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


def csv_file(text: str) -> dict[str, Any]:
    return {"file": ("cohort.csv", text.encode(), "text/csv")}


GOOD_CSV = "email,name\nanna@example.nl,Anna de Boer\nbram@example.nl,Bram Visser\n"
BAD_CSV = (
    "email,name\n"
    "anna@example.nl,Anna de Boer\n"
    "geen-adres,Bram Visser\n"
    "chris@example.nl,Chris Jansen\n"
    "dana@example.nl\n"
)


async def test_cohort_form_lists_published_modules(provider: Browser, world: World) -> None:
    page = await provider.get("/aanbieder/cohort")
    assert page.status_code == 200
    assert f'<option value="{world.module["id"]}"' in page.text
    assert 'enctype="multipart/form-data"' in page.text
    assert "<progress" in page.text
    assert 'aria-live="polite"' in page.text
    example = await provider.get("/aanbieder/cohort/voorbeeld.csv")
    assert example.headers["content-type"].startswith("text/csv")
    assert example.text.splitlines()[0] == "email,name"


async def test_cohort_upload_issues_every_row(
    provider: Browser, world: World, sessionmaker: Maker
) -> None:
    answer = await provider.post(
        "/aanbieder/cohort", {"module": world.module["id"]}, files=csv_file(GOOD_CSV)
    )
    assert answer.status_code == 200
    assert "Klaar: 2 deelcertificaten uitgegeven" in answer.text
    assert "Anna de Boer" in answer.text
    assert "bram@example.nl" in answer.text
    assert await count(sessionmaker, Credential) == 2


async def test_cohort_upload_with_a_module_column(
    provider: Browser, world: World, sessionmaker: Maker
) -> None:
    text = f"email,name,moduleId\nanna@example.nl,Anna de Boer,{world.module['id']}\n"
    answer = await provider.post("/aanbieder/cohort", {"module": ""}, files=csv_file(text))
    assert answer.status_code == 200
    assert await count(sessionmaker, Credential) == 1


async def test_cohort_with_bad_rows_issues_nothing_and_lists_each(
    provider: Browser, world: World, sessionmaker: Maker
) -> None:
    answer = await provider.post(
        "/aanbieder/cohort", {"module": world.module["id"]}, files=csv_file(BAD_CSV)
    )
    assert answer.status_code == 422
    assert "Er is niets uitgegeven" in answer.text
    assert "2 van de 4 rijen hebben een fout" in answer.text
    rows = re.findall(r'<th scope="row">(\d+)</th>', answer.text)
    assert rows == ["3", "5"]
    assert "Het e-mailadres klopt niet" in answer.text
    assert "Deze rij heeft niet evenveel kolommen" in answer.text
    assert "Anna de Boer" not in answer.text  # good rows are not listed as problems
    # Each row is its own chunk here, so Anna was signed before Bram's row failed: all undone.
    assert chunk_size(4) == 1
    assert await count(sessionmaker, Credential) == 0


async def test_cohort_form_errors(provider: Browser, world: World, sessionmaker: Maker) -> None:
    empty = await provider.post(
        "/aanbieder/cohort", {"module": world.module["id"]}, files=csv_file("")
    )
    assert empty.status_code == 400
    assert "Kies een CSV-bestand" in empty.text
    header = await provider.post(
        "/aanbieder/cohort", {"module": ""}, files=csv_file("mail,naam\na@example.nl,A\n")
    )
    assert header.status_code == 400
    assert "De eerste regel moet de kolommen email en name hebben" in header.text
    other = await provider.post(
        "/aanbieder/cohort",
        {"module": "00000000-0000-4000-8000-000000000000"},
        files=csv_file(GOOD_CSV),
    )
    assert other.status_code == 400
    assert "Kies een module uit de lijst" in other.text
    assert await count(sessionmaker, Credential) == 0


async def post_ndjson(browser: Browser, data: dict[str, str], text: str) -> Any:
    """Post the cohort form as provider.js does: the file, asking for NDJSON."""
    form = {"_csrf_token": await browser.csrf_token(), **data}
    return await browser.client.post(
        "/aanbieder/cohort", data=form, files=csv_file(text), headers=NDJSON
    )


def ndjson_lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


async def test_cohort_streams_progress_then_the_result(
    provider: Browser, world: World, sessionmaker: Maker
) -> None:
    rows = "".join(f"l{n}@example.nl,Leerling {n}\n" for n in range(45))
    answer = await post_ndjson(provider, {"module": world.module["id"]}, "email,name\n" + rows)
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("application/x-ndjson"), answer.headers
    lines = ndjson_lines(answer.text)
    progress = [line for line in lines if "done" in line]
    assert progress[0] == {"done": 0, "total": 45}
    assert progress[-1] == {"done": 45, "total": 45}
    assert [p["done"] for p in progress] == sorted(p["done"] for p in progress)
    assert len(progress) > 3  # more than start and end: it reports while it works
    final = lines[-1]
    assert final["result"] == "issued"
    assert final["message"] == "Klaar: 45 deelcertificaten uitgegeven."
    assert "Leerling 44" in final["html"]
    assert await count(sessionmaker, Credential) == 45


async def test_cohort_stream_with_a_bad_row_issues_nothing(
    provider: Browser, world: World, sessionmaker: Maker
) -> None:
    answer = await post_ndjson(provider, {"module": world.module["id"]}, BAD_CSV)
    final = ndjson_lines(answer.text)[-1]
    assert final["result"] == "rejected"
    assert "Daarom is er niets uitgegeven" in final["message"]
    assert '<th scope="row">3</th>' in final["html"]
    assert '<th scope="row">5</th>' in final["html"]
    assert await count(sessionmaker, Credential) == 0
    invalid = await post_ndjson(provider, {"module": ""}, "")
    assert invalid.status_code == 400
    assert ndjson_lines(invalid.text)[-1]["result"] == "invalid"


def test_module_column_keeps_line_numbers() -> None:
    text = b'email,name\r\na@example.nl,"A\nB"\r\n\r\nc@example.nl,C\r\n'
    out = with_module_column(text, "m-1").decode()
    assert out.splitlines()[0] == "email,name,moduleId"
    assert out.count("\n") == text.decode().count("\n")
    assert with_module_column(b"email,name,moduleId\nx,y,z\n", "m-1") == (
        b"email,name,moduleId\nx,y,z\n"
    )


# ---------------------------------------------------------------- issued credentials


async def test_list_suspend_reinstate_and_revoke(
    client: Client, provider: Browser, world: World
) -> None:
    worker = await world.person("worker", "sam@example.nl", "Sam de Vries")
    issued = await world.issue(worker)
    listing = await provider.get("/aanbieder/bewijzen")
    assert listing.status_code == 200
    assert "Sam de Vries" in listing.text
    assert "Geldig" in listing.text
    path = f"/aanbieder/bewijzen/{issued['id']}"

    async def status() -> str:
        answer = await client.get(f"/status/{issued['status']['statusList'].rsplit('/', 1)[-1]}")
        assert answer.status_code == 200
        credential = await provider.get(path)
        return str(re.search(r'<span class="tag (\w+)">', credential.text).group(1))  # type: ignore[union-attr]

    suspended = await provider.post(f"{path}/schorsen", {"back": "/aanbieder/bewijzen"})
    assert suspended.headers["location"] == "/aanbieder/bewijzen?melding=geschorst"
    assert await status() == "warn"
    assert (await provider.post(f"{path}/herstellen")).status_code == 303
    assert await status() == "ok"
    unconfirmed = await provider.post(f"{path}/intrekken")
    assert unconfirmed.status_code == 400
    assert "Vink eerst aan" in unconfirmed.text
    assert await status() == "ok"
    revoked = await provider.post(f"{path}/intrekken", {"confirm": "ja"})
    assert revoked.status_code == 303
    page = await provider.get(revoked.headers["location"])
    assert "Het bewijs is ingetrokken" in page.text
    assert "Ingetrokken" in page.text
    again = await provider.post(f"{path}/schorsen")
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
    revoke = await other.post(f"/aanbieder/bewijzen/{issued['id']}/intrekken", {"confirm": "ja"})
    assert revoke.status_code == 403
    assert "Sam de Vries" not in (await other.get("/aanbieder/bewijzen")).text
    unknown = await other.get("/aanbieder/bewijzen/urn:uuid:00000000-0000-4000-8000-000000000000")
    assert unknown.status_code == 404
