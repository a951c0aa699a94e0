"""The public catalogue in a real browser, on the demo data: search, module, qualification."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.web.conftest import LiveServer, assert_accessible, assert_fits_width

pytestmark = pytest.mark.browser


def test_home_page_search_box_leads_to_the_catalogue(page: Page) -> None:
    page.goto("/")
    assert_accessible(page)
    assert_fits_width(page)
    page.get_by_label("Wat wil je leren?").fill("warmtepomp")
    page.get_by_label("Wat wil je leren?").press("Enter")
    expect(page).to_have_url("/catalogus?q=warmtepomp")
    expect(page.get_by_role("link", name="Warmtepompmonteur")).to_be_visible()


def test_find_laadpaalmonteur_and_see_its_runs_and_competences(page: Page) -> None:
    page.goto("/catalogus")
    page.get_by_label("Zoekwoorden").fill("laadpaalmonteur")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_text("1 opleiding gevonden.")).to_be_visible()
    expect(page).to_have_url("/catalogus?q=laadpaalmonteur")  # the script drops empty fields
    assert_accessible(page)
    assert_fits_width(page)
    page.get_by_role("link", name="Laadpaalmonteur").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Laadpaalmonteur")
    # The official Dutch ESCO label on a Dutch page, not the English one.
    expect(page.get_by_role("link", name="elektriciteitsverbruik")).to_be_visible()
    expect(page.get_by_text("electricity consumption")).to_have_count(0)
    runs = page.get_by_role("table", name="Startdata")
    expect(runs.get_by_role("row")).to_have_count(6)  # a header and five runs
    # The one cancelled run of the demo set: marked in words, not by colour alone.
    cancelled = runs.get_by_role("row").filter(has_text="Enschede")
    expect(cancelled.locator(".tag.cancelled")).to_have_text("✗ Vervallen")
    expect(runs.get_by_role("row").filter(has_text="Arnhem").first).not_to_contain_text("Vervallen")
    expect(page.get_by_role("link", name="Allround monteur duurzame installaties")).to_be_visible()
    assert_accessible(page)
    assert_fits_width(page)


def test_search_form_with_an_error_is_accessible(page: Page) -> None:
    page.goto("/catalogus?regio=Arnhem&vanaf=2031-05-01&tot=2031-04-01")
    expect(page.get_by_role("alert")).to_contain_text("ligt voor")
    expect(page.get_by_label("Plaats of postcode")).to_have_value("Arnhem")
    assert_accessible(page)
    assert_fits_width(page)


def test_qualification_page_lists_its_modules(page: Page) -> None:
    page.goto("/catalogus/kwalificaties")
    assert_accessible(page)
    assert_fits_width(page)
    page.get_by_role("link", name="Allround monteur duurzame installaties").click()
    expect(page.get_by_role("heading", name="Verplichte opleidingen")).to_be_visible()
    expect(page.get_by_text("Kies er minstens 2 uit deze 4.")).to_be_visible()
    for title in ("NEN 3140 Voldoende onderrichte persoon (VOP)", "Laadpaalmonteur"):
        expect(page.get_by_role("link", name=title)).to_be_visible()
    expect(page.get_by_role("link", name="Warmtepompmonteur")).to_be_visible()
    assert_accessible(page)
    assert_fits_width(page)
    page.get_by_role("link", name="Zonnepanelenmonteur").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zonnepanelenmonteur")


def test_filters_work_without_javascript(browser: Browser, live_server: LiveServer) -> None:
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/catalogus")
        page.get_by_text("Meer filters").click()
        page.get_by_label("Hoe je leert").select_option("online")
        page.get_by_role("button", name="Zoeken").click()
        # Without the script the empty fields come along; the filter still applies.
        expect(page).to_have_url(re.compile(r"/catalogus\?.*vorm=online"))
        expect(page.get_by_role("heading", name="Resultaten")).to_be_visible()
        for card in page.locator(".card.hit").all():
            expect(card).to_contain_text("Online")
        page.goto("/catalogus?vanaf=morgen")
        expect(page.get_by_role("alert")).to_contain_text("Vul een datum in")
    finally:
        context.close()
