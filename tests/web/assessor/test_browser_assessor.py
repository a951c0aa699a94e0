"""The EVC assessor records a result per werkproces, in a real browser."""

from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import Page, expect

from tests.web.conftest import assert_accessible, assert_fits_width, sign_in

pytestmark = pytest.mark.browser


def check_page(page: Page) -> None:
    assert_accessible(page)
    assert_fits_width(page)


def test_assessor_records_an_evc_result(page: Page) -> None:
    candidate = f"kandidaat-{uuid.uuid4().hex[:10]}@example.nl"
    sign_in(page, "assessor")
    expect(page.get_by_role("heading", level=1)).to_have_text("EVC-resultaten")
    expect(page.get_by_text("Erkenning van Verworven Competenties")).to_be_visible()
    check_page(page)

    page.get_by_role("link", name="Nieuw EVC-resultaat vastleggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("EVC-resultaat vastleggen")
    check_page(page)

    # Sending it empty shows what to fill in, in plain words.
    page.get_by_role("button", name="EVC-resultaat vastleggen").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Vul het e-mailadres van de kandidaat in.")
    expect(summary).to_contain_text("Vul minstens één werkproces in")
    check_page(page)

    page.get_by_label("E-mailadres van de kandidaat").fill(candidate)
    page.get_by_label("Naam van de kandidaat").fill("Noor Bakker")
    page.get_by_label("Naam van de standaard").fill("Eerste monteur elektrotechnische installaties")
    page.get_by_label("Webadres van de standaard").fill(
        "https://demo.llo-registry.nl/standaarden/eerste-monteur-elektrotechniek"
    )
    page.get_by_label("Soort niveau").select_option("mbo")
    page.locator("#level_value").fill("3")
    first = page.get_by_role("group", name="Werkproces 1")
    first.get_by_label("Code").fill("B1-K1-W1")
    first.get_by_label("Naam van het werkproces").fill("Bereidt de werkzaamheden voor")
    first.get_by_label("Resultaat").select_option("behaald")
    first.get_by_label("Behaald niveau").fill("zelfstandig")
    second = page.get_by_role("group", name="Werkproces 2")
    second.get_by_label("Code").fill("B1-K1-W2")
    second.get_by_label("Naam van het werkproces").fill("Installeert elektrotechnische systemen")
    second.get_by_label("Resultaat").select_option("niet behaald")
    # Empty rows after the first two wait behind a button (JavaScript enhancement).
    expect(page.get_by_role("group", name="Werkproces 3")).to_be_hidden()
    page.get_by_role("button", name="Nog een werkproces").click()
    expect(page.get_by_role("group", name="Werkproces 3")).to_be_visible()
    page.get_by_label("Criteriumgericht interview").check()
    page.get_by_label("Korte beschrijving van het bewijs").fill("Gesprek over zes jaar werk.")
    page.get_by_role("button", name="EVC-resultaat vastleggen").click()

    expect(page.get_by_role("status")).to_contain_text("Het EVC-resultaat is vastgelegd")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Eerste monteur")
    results = page.get_by_role("table")
    expect(results.get_by_role("row", name="Bereidt de werkzaamheden voor")).to_contain_text(
        "Behaald"
    )
    expect(
        results.get_by_role("row", name="Installeert elektrotechnische systemen")
    ).to_contain_text("Niet behaald")
    expect(page.get_by_text("urn:uuid:")).to_be_visible()
    expect(page.get_by_text("Mijn cv")).to_be_visible()
    check_page(page)

    page.get_by_role("link", name="Naar alle EVC-resultaten").click()
    expect(page.get_by_role("link", name="Noor Bakker").first).to_be_visible()
