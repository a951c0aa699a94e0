"""Honest records in a real browser, on the demo data: a failed EVC werkproces is no skill, the
check pages say whose credential it is, a name an unknown issuer claims is marked as claimed,
a revocation shows why and when, and share links can be found again."""

from __future__ import annotations

import asyncio
import datetime as dt
import re
import threading
import uuid
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import update

from catalogue.demo_data import OOST
from credentials.issue import issue_deelcertificaat
from credentials.keys import SigningKey, did_key
from credentials.presentation import holder_kid
from registry.db import make_engine
from registry.demo import DEMO_DOMAIN
from registry.models import Share
from registry.web.i18n import day_in_words
from schemas.credentials import DeelcertificaatInput, ModuleVersionInput, Party
from tests.web.conftest import LiveServer, assert_accessible, assert_fits_width, sign_in

pytestmark = pytest.mark.browser

WORKER = {"email": f"worker@{DEMO_DOMAIN}", "name": "Sam de Vries"}
HEAT_PUMP = "http://data.europa.eu/esco/skill/00735755-adc6-4ea0-b034-b8caff339c9f"
PASTE = "Plak hier het bewijs of de deellink"
EVC_TITLE = "Eerste monteur elektrotechnische installaties"  # the demo worker's EVC record


def check(page: Page) -> None:
    assert_accessible(page)
    assert_fits_width(page)
    page.set_viewport_size({"width": 1024, "height": 800})


def _post(live_server: LiveServer, role: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
    with live_server.api(role) as api:
        answer = api.post(path, json=body)
    assert answer.status_code in {200, 201}, answer.text
    result: dict[str, Any] = answer.json()
    return result


def _evc_with_a_failed_werkproces(live_server: LiveServer, tag: str) -> tuple[str, str, str]:
    """An EVC record for the demo worker: one werkproces behaald, one niet behaald."""
    standard = f"Storingsmonteur {tag}"
    passed = {"uri": f"https://demo.example/{tag}/W1", "label": f"Meet installaties door {tag}"}
    failed = {"uri": f"https://demo.example/{tag}/W2", "label": f"Lost storingen op {tag}"}
    _post(
        live_server,
        "assessor",
        "/api/credentials",
        {
            "kind": "evc",
            "holder": WORKER,
            "standard": {
                "url": f"https://demo.example/{tag}",
                "name": standard,
                "description": "Kerntaak storingen.",
                "werkprocessen": [passed, failed],
            },
            "results": [
                {"competence": passed, "status": "behaald"},
                {"competence": failed, "status": "niet behaald"},
            ],
        },
    )
    return standard, passed["label"], failed["label"]


def _share_by_form(page: Page, label: str, recipient: str) -> str:
    page.goto("/mijn-cv/delen")
    page.get_by_label(label).check()
    page.get_by_label("E-mailadres van de werkgever").fill(recipient)
    page.get_by_role("button", name="Maak de link").click()
    return page.get_by_label("Link om te delen").input_value()


def test_a_failed_werkproces_is_not_a_skill_on_the_cv_or_the_share_page(
    page: Page, live_server: LiveServer
) -> None:
    tag = uuid.uuid4().hex[:6]
    standard, passed, failed = _evc_with_a_failed_werkproces(live_server, tag)
    sign_in(page, "worker")
    skills = page.locator("section[aria-labelledby='vaardigheden']")
    expect(skills.get_by_text(passed)).to_be_visible()
    expect(page.get_by_text(failed)).to_have_count(0)
    check(page)
    link = _share_by_form(page, standard, f"hr-{tag}@example.nl")
    page.goto(link)
    shown = page.locator("ul.competences")
    expect(page.get_by_role("heading", name="Wat Sam de Vries kan")).to_be_visible()
    expect(shown.get_by_text(passed)).to_be_visible()
    expect(page.get_by_text(failed)).to_have_count(0)
    check(page)


def test_the_check_pages_show_whose_credential_it_is(page: Page, live_server: LiveServer) -> None:
    with live_server.api("provider") as api:
        found = api.get("/api/catalogue/modules", params={"provider": OOST, "limit": 1})
        module_id = found.json()["items"][0]["id"]
    issued = _post(
        live_server,
        "provider",
        "/api/credentials",
        {
            "kind": "module-certificate",
            "moduleId": module_id,
            "holder": {"email": f"{uuid.uuid4().hex}@example.nl", "name": "Fatima El Amrani"},
        },
    )
    page.goto("/controleren")
    page.get_by_label(PASTE).fill(issued["credential"])
    page.get_by_role("button", name="Controleren").click()
    for path in (None, f"/controleren/bewijs/{issued['id'].removeprefix('urn:uuid:')}"):
        if path:
            page.goto(path)
        holder = page.locator(".card .holder")
        expect(holder).to_contain_text("Op naam van: Fatima El Amrani")
        expect(holder).to_contain_text("Vergelijk deze naam met een identiteitsbewijs")
        check(page)


def _claiming_college() -> str:
    """Signed with a key nobody knows, by an issuer that calls itself a well-known college."""
    key = SigningKey.generate()
    college = Party(id=did_key(key.public), name="Techniek College Rijnmond")
    data = DeelcertificaatInput(
        issuer=college,
        holder=Party(id=did_key(SigningKey.generate().public), name="Sam de Vries"),
        module=ModuleVersionInput(
            url="https://techniek-college.example/modules/allround/1",
            title="Allround monteur",
            description="Alles van installatietechniek.",
            criteria_narrative="Examen.",
            study_load_hours=400,
            provider=college,
        ),
        issued_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=1),
    )
    return issue_deelcertificaat(data, key, kid=holder_kid(key.public)).jws


def test_a_name_an_unknown_issuer_gives_itself_is_marked_as_claimed(page: Page) -> None:
    page.goto("/controleren")
    page.get_by_label(PASTE).fill(_claiming_college())
    page.get_by_role("button", name="Controleren").click()
    card = page.locator(".card")
    expect(card.locator(".verdict")).to_have_text("! Uitgever niet erkend")
    expect(card.locator("dt", has_text="Uitgever volgens het bewijs zelf")).to_be_visible()
    expect(card).to_contain_text("Techniek College Rijnmond")
    expect(card).to_contain_text("Niet bevestigd")
    expect(card.get_by_text("Uitgegeven door")).to_have_count(0)
    check(page)


def _own_module(live_server: LiveServer, title: str) -> str:
    body = {
        "title": title,
        "summary": "Een thuisbatterij veilig aansluiten.",
        "description": "Een thuisbatterij veilig aansluiten en in bedrijf nemen.",
        "language": "nl",
        "level": {"scheme": "mbo", "value": 3},
        "studyLoadHours": 8,
        "deliveryMode": "blended",
        "competences": [{"uri": HEAT_PUMP}],
        "sectors": ["installatietechniek"],
        "certificate": f"Deelcertificaat {title}",
    }
    module = _post(live_server, "provider", "/api/catalogue/modules", body)
    _post(live_server, "provider", f"/api/catalogue/modules/{module['id']}/publish", {})
    return str(module["id"])


def test_a_revocation_shows_why_and_when_to_the_worker_and_the_employer(
    page: Page, live_server: LiveServer
) -> None:
    title = f"Thuisbatterij aansluiten {uuid.uuid4().hex[:6]}"
    body = {"kind": "module-certificate", "moduleId": _own_module(live_server, title)}
    issued = _post(live_server, "provider", "/api/credentials", body | {"holder": WORKER})
    why = f"Ingetrokken op {day_in_words('nl', dt.datetime.now(dt.UTC))}. Reden: fraude."

    sign_in(page, "provider")
    page.goto(f"/aanbieder/bewijzen/{issued['id']}")
    page.get_by_label("Waarom trek je het bewijs in?").select_option(label="fraude")
    page.get_by_label("Uitleg bij het intrekken").fill("Het examen is door een ander gemaakt.")
    page.get_by_label("Ja, trek het bewijs van Sam de Vries definitief in.").check()
    page.get_by_role("button", name="Definitief intrekken").click()
    expect(page.get_by_role("status")).to_contain_text("Het bewijs is ingetrokken")
    expect(page.locator("dl.facts")).to_contain_text(why)
    check(page)

    page.context.clear_cookies()
    sign_in(page, "worker")
    card = page.locator("li.card", has_text=title)
    expect(card).to_contain_text(why)
    expect(card).to_contain_text("Uitleg van de uitgever: Het examen is door een ander gemaakt.")
    check(page)
    card.get_by_role("link", name=title).click()
    expect(page.locator("article.certificate")).to_contain_text(why)
    page.goto("/mijn-cv/delen")
    expect(page.get_by_label(title)).to_have_count(0)  # cannot be ticked any more
    expect(page.locator(".stopped")).to_contain_text(f"{title}: {why}")
    check(page)

    page.context.clear_cookies()
    page.goto(f"/controleren/bewijs/{issued['id'].removeprefix('urn:uuid:')}")
    expect(page.locator(".card .verdict")).to_have_text("✗ Ingetrokken")
    expect(page.locator(".card")).to_contain_text(why)
    expect(page.get_by_text("Het examen is door een ander gemaakt.")).to_have_count(0)
    check(page)


def _forget_link(database_url: str, share_id: str) -> None:
    """Make a share look like one from before links were kept (only its hash stored)."""

    async def forget() -> None:
        engine = make_engine(database_url)
        async with engine.begin() as connection:
            await connection.execute(
                update(Share).where(Share.id == uuid.UUID(share_id)).values(sealed_token=None)
            )
        await engine.dispose()

    # A thread of its own: Playwright's sync API keeps an event loop running in this one.
    worker = threading.Thread(target=asyncio.run, args=(forget(),))
    worker.start()
    worker.join()


def test_share_links_can_be_found_again_or_renewed(page: Page, live_server: LiveServer) -> None:
    recipient = f"hr-{uuid.uuid4().hex[:8]}@example.nl"
    sign_in(page, "worker")
    first = _share_by_form(page, EVC_TITLE, recipient)
    second = _share_by_form(page, EVC_TITLE, recipient)
    page.goto("/mijn-cv/gedeeld")
    cards = page.locator("li.card", has_text=recipient)
    expect(cards).to_have_count(2)
    expect(cards.nth(0).get_by_role("textbox")).to_have_value(second)  # newest first
    expect(cards.nth(1).get_by_role("textbox")).to_have_value(first)
    expect(cards.nth(1)).to_contain_text(EVC_TITLE)
    check(page)
    cards.nth(1).get_by_role("link", name=re.compile("Toon de link en de QR-code")).click()
    expect(page.get_by_label("Link om te delen")).to_have_value(first)
    expect(page.get_by_role("img", name="QR-code van de link")).to_be_visible()
    check(page)

    share_id = page.url.rsplit("/", 1)[-1]
    _forget_link(live_server.database_url, share_id)
    page.goto("/mijn-cv/gedeeld")
    old = page.locator("li.card", has_text=recipient).nth(1)
    expect(old).to_contain_text("Deze link is gemaakt voordat we links bewaarden.")
    expect(old.get_by_role("textbox")).to_have_count(0)
    check(page)
    old.get_by_role("button", name=re.compile("Nieuwe link maken")).click()
    expect(page.get_by_role("status")).to_contain_text("Dit is de nieuwe link.")
    renewed = page.get_by_label("Link om te delen").input_value()
    assert renewed != first
    assert httpx.get(renewed, headers={"Accept": "application/json"}).status_code == 200
    assert httpx.get(first, headers={"Accept": "application/json"}).status_code == 404
    check(page)
