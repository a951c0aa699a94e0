"""Issue 15 in a browser, on the demo data: the employer makes a job profile (skills found by
a Dutch word, a certificate), compares the demo worker's share and reads "Geblokkeerd: VCA
Basis ontbreekt"; the worker sees what they still need for the demo "Laadpaalmonteur" with the
route and opens a module of it; once the worker has VCA and shares again, the employer reads
"Past na opleiding"."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.web.conftest import LiveServer, assert_accessible, assert_fits_width, sign_in

pytestmark = pytest.mark.browser

VCA = "https://www.vca.nl/schemes/vca-basis"
WORKER_EMAIL = "worker@demo.llo-registry.nl"
SEARCH = "Zoek een vaardigheid (in het Nederlands)"


def _sign_out(page: Page) -> None:
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_load_state()


def _vca_for_the_demo_worker(live_server: LiveServer) -> None:
    """The exam the demo worker passes: the demo exam institute's VCA Basis certificate."""
    with live_server.api("exam-institute") as api:
        issued = api.post(
            "/api/credentials",
            json={
                "kind": "certificate",
                "scheme": VCA,
                "holder": {"email": WORKER_EMAIL, "name": "Sam de Vries"},
            },
        )
        assert issued.status_code == 201, issued.text
    with live_server.api("worker") as api:
        items = api.get("/api/me/credentials").json()["items"]
        ids = [c["credentialId"] for c in items if c["verified"] and c["status"] == "active"]
        shared = api.post(
            "/api/me/shares",
            json={"credentialIds": ids, "recipient": "employer@demo.llo-registry.nl"},
        )
        assert shared.status_code == 201, shared.text


def _compare_newest_share(page: Page) -> None:
    page.get_by_label("Gedeeld door").select_option(index=0)
    page.get_by_role("button", name="Vergelijken").click()
    page.wait_for_load_state()


def test_employer_matches_the_demo_share_and_the_worker_sees_the_route(
    page: Page, live_server: LiveServer
) -> None:
    sign_in(page, "employer")
    page.goto("/werkgever/vacatures/nieuw")
    assert_accessible(page)
    page.get_by_label("Naam van de functie").fill("Laadpaalmonteur Utrecht")
    page.get_by_label(SEARCH).fill("elektriciteitsverbruik")
    page.get_by_role("button", name="Zoeken").click()
    page.get_by_label("elektriciteitsverbruik", exact=True).check()
    page.get_by_label(SEARCH).fill("energieopslag")
    page.get_by_role("button", name="Zoeken").click()
    page.get_by_label("energieopslagsystemen", exact=True).check()
    page.get_by_label("Kan je leren na de start").check()
    page.get_by_label("Naam van certificaat 1").fill("VCA Basis")
    page.get_by_label("Adres (URI) van het schema van certificaat 1").fill(VCA)
    assert_accessible(page)
    assert_fits_width(page)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De vacature is opgeslagen.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Laadpaalmonteur Utrecht")
    _compare_newest_share(page)
    expect(page.get_by_role("heading", name="Geblokkeerd")).to_be_visible()
    expect(page.get_by_text("VCA Basis ontbreekt")).to_be_visible()
    assert_accessible(page)
    assert_fits_width(page)
    _sign_out(page)

    sign_in(page, "worker")
    page.goto("/mijn-cv/vacatures")
    page.get_by_role("link", name="Wat heb ik nog nodig? (Laadpaalmonteur)", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Wat heb je nog nodig voor Laadpaalmonteur?"
    )
    expect(page.get_by_text("VCA Basis ontbreekt")).to_be_visible()
    route = page.locator("ol.route > li")
    expect(route.first).to_contain_text("Eerstvolgende start:")
    assert_accessible(page)
    assert_fits_width(page)
    storage = page.get_by_role(
        "link", name="Bekijk de opleiding Thuisbatterij en energieopslag installeren"
    )
    storage.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Thuisbatterij")
    _sign_out(page)

    _vca_for_the_demo_worker(live_server)
    sign_in(page, "employer")
    page.goto("/werkgever/vacatures")
    page.get_by_role("link", name="Bekijk Laadpaalmonteur", exact=True).click()
    _compare_newest_share(page)
    expect(page.get_by_role("heading", name="Past na opleiding")).to_be_visible()
