"""The whole story of issue 5 in one run, as its four people live it, each in a browser of
their own: a visitor finds laadpaalmonteur; a provider publishes a new module and issues it to
the demo worker; the worker shares it with the employer; the employer opens the link and sees
"Geldig"; the provider revokes it; the employer looks again and sees "Ingetrokken"."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.web.conftest import (
    SCREENSHOTS,
    LiveServer,
    assert_accessible,
    assert_fits_width,
    sign_in,
)

pytestmark = pytest.mark.browser

HEAT_PUMP_COMPETENCE = "http://data.europa.eu/esco/skill/00735755-adc6-4ea0-b034-b8caff339c9f"


@pytest.fixture
def people(browser: Browser, live_server: LiveServer) -> Iterator[dict[str, Page]]:
    """A separate browser (cookies and all) for each person; screenshots of each at the end."""
    contexts: dict[str, BrowserContext] = {
        who: browser.new_context(base_url=live_server.url, viewport={"width": 1024, "height": 800})
        for who in ("visitor", "provider", "worker", "employer")
    }
    pages = {who: context.new_page() for who, context in contexts.items()}
    try:
        yield pages
    finally:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        for who, page in pages.items():
            page.screenshot(path=str(SCREENSHOTS / f"journey-{who}.png"), full_page=True)
        for context in contexts.values():
            context.close()


def test_find_publish_issue_share_verify_revoke(people: dict[str, Page]) -> None:
    visitor, provider, worker, employer = (
        people[who] for who in ("visitor", "provider", "worker", "employer")
    )
    title = f"Thuisbatterij installeren {uuid.uuid4().hex[:6]}"

    # A visitor searches the catalogue and finds laadpaalmonteur.
    visitor.goto("/")
    visitor.get_by_role("searchbox").first.fill("laadpaalmonteur")
    visitor.keyboard.press("Enter")
    expect(visitor.get_by_role("link", name="Laadpaalmonteur", exact=True)).to_be_visible()

    # The provider makes a module, publishes it and issues it to the demo worker.
    sign_in(provider, "provider")
    provider.get_by_role("link", name="Nieuwe module maken").click()
    provider.get_by_label("Titel").fill(title)
    provider.get_by_label("Korte samenvatting").fill("Een thuisbatterij veilig aansluiten.")
    provider.get_by_label("Niveau").select_option("mbo-3")
    provider.get_by_label("Studielast in uren").fill("8")
    provider.get_by_label("Deels online, deels in een lokaal").check()
    provider.get_by_label("Sectoren").fill("installatietechniek")
    provider.get_by_label("Competenties", exact=True).fill(HEAT_PUMP_COMPETENCE)
    provider.get_by_role("button", name="Opslaan").click()
    expect(provider.get_by_role("heading", name=title)).to_be_visible()
    provider.get_by_role("button", name="Publiceren").click()
    expect(provider.get_by_role("status")).to_contain_text("De module is gepubliceerd")
    provider.get_by_role("link", name="Deelcertificaat uitgeven aan een deelnemer").click()
    provider.get_by_label("Naam van de deelnemer").fill("Sam de Vries")
    provider.get_by_label("E-mailadres van de deelnemer").fill("worker@demo.llo-registry.nl")
    provider.get_by_role("button", name="Uitgeven").click()
    expect(provider.get_by_role("status")).to_contain_text("Het deelcertificaat is uitgegeven")

    # The worker sees it in the CV and shares it with the employer.
    sign_in(worker, "worker")
    expect(worker.get_by_text(title).first).to_be_visible()
    worker.goto("/mijn-cv/delen")
    worker.get_by_label(title).check()
    worker.get_by_label("E-mailadres van de werkgever").fill("employer@demo.llo-registry.nl")
    worker.get_by_role("button", name="Maak de link").click()
    link = worker.get_by_label("Link om te delen").input_value()
    assert "/s/" in link

    # The employer opens the link: one credential, valid.
    sign_in(employer, "employer")
    employer.goto(link)
    card = employer.locator(".card").filter(has_text=title)
    expect(card.locator(".verdict")).to_have_text("✓ Geldig")
    assert_accessible(employer)
    assert_fits_width(employer)

    # The provider revokes it; the employer looks again and sees it revoked.
    provider.get_by_label("Waarom trek je het bewijs in?").select_option(label="fraude")
    provider.get_by_label("Ja, trek het bewijs van Sam de Vries definitief in.").check()
    provider.get_by_role("button", name="Definitief intrekken").click()
    expect(provider.get_by_role("status")).to_contain_text("Het bewijs is ingetrokken")
    employer.reload()
    card = employer.locator(".card").filter(has_text=title)
    expect(card.locator(".verdict")).to_have_text("✗ Ingetrokken")
    expect(card).to_contain_text("De uitgever heeft dit bewijs ingetrokken")
