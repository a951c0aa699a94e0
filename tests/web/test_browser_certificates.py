"""Person certificates in a real browser, on the demo data: the exam institute issues VCA Basis
on its page, and the demo worker's CV names their NEN 3140 certificate in plain Dutch."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from tests.web.conftest import assert_accessible, assert_fits_width, sign_in

pytestmark = pytest.mark.browser


def test_the_exam_institute_issues_a_certificate_and_the_cv_names_the_kind(page: Page) -> None:
    sign_in(page, "exam-institute")
    page.goto("/beoordelaar")
    page.get_by_role("link", name="Certificaten na een examen uitgeven").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Certificaten uitgeven")
    assert_accessible(page)
    # A candidate who is not the demo worker: the demo worker lacks VCA Basis on purpose.
    page.get_by_label("Certificaat", exact=True).select_option(label="VCA Basis")
    page.locator("#candidate_email").fill("jan.jansen@example.nl")
    page.locator("#candidate_name").fill("Jan Jansen")
    until = dt.date.today().replace(year=dt.date.today().year + 10, day=1)
    page.locator("#valid_until").fill(until.isoformat())
    page.get_by_role("button", name="Certificaat uitgeven").click()
    expect(page.get_by_role("status")).to_have_text("Het certificaat is uitgegeven.")
    card = page.locator("li.card", has_text="Jan Jansen")
    expect(card).to_contain_text("VCA Basis")
    expect(card).to_contain_text(until.strftime("%d-%m-%Y"))
    assert_accessible(page)
    assert_fits_width(page)

    page.context.clear_cookies()
    sign_in(page, "worker")
    page.goto("/mijn-cv")
    card = page.locator("li.card", has=page.locator("p.kind"), has_text="Examencentrum")
    expect(card.locator("p.kind")).to_have_text("Certificaat: examen gehaald (zoals VCA)")
    expect(card.get_by_role("heading")).to_have_text("NEN 3140 Voldoende Onderricht Persoon")
    assert_accessible(page)
