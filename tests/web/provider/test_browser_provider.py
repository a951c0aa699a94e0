"""The demo provider's pages in a real browser: a new module from form to issued certificate,
a cohort upload with progress, revoking, and the upload without JavaScript."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.web.conftest import LiveServer, assert_accessible, assert_fits_width, sign_in

pytestmark = pytest.mark.browser


def check(page: Page) -> None:
    assert_accessible(page)
    assert_fits_width(page)


def first_published_module(page: Page) -> str:
    """The issue link of one of the demo provider's published modules."""
    page.goto("/aanbieder")
    link = page.locator('a[href$="/uitgeven"]').first
    href = link.get_attribute("href")
    assert href is not None
    return href


def csv_upload(text: str) -> dict[str, Any]:
    return {"name": "cohort.csv", "mimeType": "text/csv", "buffer": text.encode()}


def test_provider_creates_publishes_and_issues_a_new_module(page: Page) -> None:
    title = f"Hybride warmtepomp {uuid.uuid4().hex[:8]}"
    learner = f"leerling-{uuid.uuid4().hex[:8]}@example.nl"
    sign_in(page, "provider")
    expect(page.get_by_role("heading", name="Mijn opleidingen")).to_be_visible()
    check(page)

    page.get_by_role("link", name="Nieuwe module maken").click()
    check(page)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("Vul een titel in")
    check(page)
    page.get_by_label("Titel").fill(title)
    page.get_by_label("Korte samenvatting").fill("Een hybride warmtepomp plaatsen.")
    page.get_by_label("Niveau").select_option("mbo-3")
    page.get_by_label("Studielast in uren").fill("16")
    page.get_by_label("Deels online, deels in een lokaal").check()
    page.get_by_label("Sectoren").fill("installatietechniek")
    # The search (JavaScript) adds a competence line to the field.
    # Competences have their Dutch ESCO labels; the English ones still find them.
    page.get_by_label("Zoek een competentie").fill("heat pump")
    page.get_by_role("button", name="Zoeken").click()
    page.get_by_role("button", name="Toevoegen: warmtepompen installeren", exact=True).click()
    expect(page.get_by_label("Competenties", exact=True)).to_have_value(
        "warmtepompen installeren | "
        "http://data.europa.eu/esco/skill/00735755-adc6-4ea0-b034-b8caff339c9f"
    )
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", name=title)).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("De module is gemaakt als concept")
    check(page)

    page.get_by_role("link", name="Uitvoeringen bekijken en toevoegen").click()
    page.get_by_label("Begindatum").fill("2031-09-01")
    page.get_by_label("Einddatum").fill("2031-09-03")
    page.get_by_label("Plaats", exact=True).fill("Deventer")
    page.get_by_label("Postcode").fill("7411 AB")
    page.get_by_label("Aantal plaatsen").fill("8")
    page.get_by_role("button", name="Uitvoering toevoegen").click()
    expect(page.get_by_role("status")).to_contain_text("De uitvoering is toegevoegd")
    expect(page.get_by_role("cell", name="Deventer 7411 AB 8 plaatsen")).to_be_visible()
    check(page)

    page.get_by_role("link", name=f"Terug naar {title}").click()
    page.get_by_role("button", name="Publiceren").click()
    expect(page.get_by_role("status")).to_contain_text("De module is gepubliceerd")
    page.get_by_role("link", name="Module bewerken").click()
    expect(page.get_by_text("Als je opslaat, maak je concept versie 2")).to_be_visible()
    check(page)
    page.get_by_role("link", name="Annuleren").click()

    page.get_by_role("link", name="Deelcertificaat uitgeven aan een deelnemer").click()
    check(page)
    page.get_by_label("Naam van de deelnemer").fill("Yara Mulder")
    page.get_by_label("E-mailadres van de deelnemer").fill(learner)
    page.get_by_role("button", name="Uitgeven").click()
    expect(page.get_by_role("status")).to_contain_text("Het deelcertificaat is uitgegeven")
    expect(page.get_by_role("heading", name="Bewijs van Yara Mulder")).to_be_visible()
    expect(page.get_by_text(learner)).to_be_visible()
    expect(page.locator("code.wrap")).to_contain_text("urn:uuid:")
    check(page)


def test_cohort_upload_shows_progress_and_a_result_per_row(page: Page) -> None:
    batch = uuid.uuid4().hex[:8]
    rows = "".join(f"c{batch}-{n}@example.nl,Cursist {n}\n" for n in range(30))
    sign_in(page, "provider")
    page.goto("/aanbieder/cohort")
    check(page)
    page.get_by_label("Module").select_option(index=1)
    page.get_by_label("CSV-bestand").set_input_files(csv_upload("email,name\n" + rows))
    # Remember every text the live region shows while the upload works.
    page.evaluate(
        """() => {
          window.statusLog = [];
          const live = document.getElementById("cohort-status");
          new MutationObserver(() => window.statusLog.push(live.textContent))
            .observe(live, {childList: true, characterData: true, subtree: true});
        }"""
    )
    page.get_by_role("button", name="Uploaden en uitgeven").click()
    expect(page.locator("#cohort-outcome")).to_have_text("Klaar: 30 deelcertificaten uitgegeven.")
    # Said once, in the outcome that has the focus; the live region does not repeat it.
    expect(page.get_by_text("Klaar: 30 deelcertificaten uitgegeven.")).to_have_count(1)
    expect(page.locator("#cohort-status")).to_have_text("")
    expect(page.locator("progress")).to_be_visible()
    assert page.locator("progress").evaluate("bar => bar.value === bar.max")
    log = page.evaluate("window.statusLog")
    assert any(text.startswith("Bezig:") for text in log), log
    table = page.get_by_role("table", name="Uitgegeven per rij")
    expect(table.get_by_role("row")).to_have_count(31)
    expect(table.get_by_role("cell", name=f"c{batch}-29@example.nl")).to_be_visible()
    check(page)


def test_cohort_from_dutch_excel_is_issued_once_unless_ticked(page: Page) -> None:
    """A file as Dutch Excel saves "CSV" (semicolons, Windows-1252): issued; the same file
    again: refused, naming each learner; with "Opnieuw uitgeven" ticked: issued again."""
    batch = uuid.uuid4().hex[:8]
    text = f"email;name\r\nz{batch}@example.nl;Zoë Çelik\r\nb{batch}@example.nl;Bram Öztürk\r\n"
    excel = {"name": "cohort.csv", "mimeType": "text/csv", "buffer": text.encode("cp1252")}
    sign_in(page, "provider")
    page.goto("/aanbieder/cohort")
    page.get_by_label("Module").select_option(index=1)
    status = page.locator("#cohort-outcome")

    page.get_by_label("CSV-bestand").set_input_files(excel)
    page.get_by_role("button", name="Uploaden en uitgeven").click()
    expect(status).to_have_text("Klaar: 2 deelcertificaten uitgegeven.")
    expect(page.get_by_role("table", name="Uitgegeven per rij")).to_contain_text("Zoë Çelik")

    page.get_by_role("button", name="Uploaden en uitgeven").click()
    expect(page.locator("#cohort-result")).to_contain_text(
        "2 van de 2 rijen hebben een fout. Daarom is er niets uitgegeven."
    )
    table = page.get_by_role("table", name="Rijen met een fout")
    for name in ("Zoë Çelik", "Bram Öztürk"):
        row = table.get_by_role("row").filter(has_text=name)
        expect(row).to_contain_text("Heeft dit deelcertificaat al.")
    expect(page.get_by_text("Vink dan 'Opnieuw uitgeven' aan")).to_be_visible()
    check(page)

    page.get_by_label("Opnieuw uitgeven").check()
    page.get_by_role("button", name="Uploaden en uitgeven").click()
    expect(status).to_have_text("Klaar: 2 deelcertificaten uitgegeven.")
    expect(page.get_by_role("table", name="Uitgegeven per rij")).to_contain_text("Bram Öztürk")
    check(page)


def test_provider_revokes_an_issued_credential(page: Page) -> None:
    sign_in(page, "provider")
    page.goto(first_published_module(page))
    page.get_by_label("Naam van de deelnemer").fill("Ingrid Intrekken")
    page.get_by_label("E-mailadres van de deelnemer").fill(f"in-{uuid.uuid4().hex[:8]}@example.nl")
    page.get_by_role("button", name="Uitgeven").click()
    expect(page.get_by_role("status")).to_contain_text("Het deelcertificaat is uitgegeven")

    page.get_by_role("button", name="Definitief intrekken").click()
    expect(
        page.get_by_text("Vink eerst aan dat je het bewijs definitief wilt intrekken")
    ).to_be_visible()
    check(page)
    page.get_by_label("Waarom trek je het bewijs in?").select_option(
        label="per vergissing uitgegeven"
    )
    page.get_by_label("Ja, trek het bewijs van Ingrid Intrekken definitief in.").check()
    page.get_by_role("button", name="Definitief intrekken").click()
    expect(page.get_by_role("status")).to_contain_text("Het bewijs is ingetrokken")
    expect(page.locator("dd .tag.bad")).to_have_text("✗ Ingetrokken")
    expect(page.get_by_role("button", name="Definitief intrekken")).to_have_count(0)

    page.get_by_role("link", name="Naar alle uitgegeven bewijzen").click()
    row = page.get_by_role("row").filter(has_text="Ingrid Intrekken").first
    expect(row).to_contain_text("Ingetrokken")
    check(page)


def test_cohort_upload_without_javascript_shows_the_result_page(
    browser: Browser, live_server: LiveServer
) -> None:
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        sign_in(page, "provider")
        page.goto("/aanbieder/cohort")
        page.get_by_label("Module").select_option(index=1)
        bad = "email,name\nok@example.nl,Goed\ngeen-adres,Fout\n"
        page.get_by_label("CSV-bestand").set_input_files(csv_upload(bad))
        page.get_by_role("button", name="Uploaden en uitgeven").click()
        expect(page.get_by_role("heading", name="Resultaat van de upload")).to_be_visible()
        expect(page.get_by_role("heading", name="Er is niets uitgegeven")).to_be_visible()
        table = page.get_by_role("table", name="Rijen met een fout")
        expect(table.get_by_role("row")).to_have_count(2)
        expect(table).to_contain_text("Het e-mailadres klopt niet.")
        html = page.content()
    finally:
        context.close()
    # axe needs JavaScript: check the very same HTML in a page that runs it.
    checker = browser.new_context(base_url=live_server.url).new_page()
    try:
        checker.goto("/static/site.css")
        checker.set_content(html)
        check(checker)
    finally:
        checker.context.close()
