"""Sharing less in a real browser: the demo worker leaves the provider's notes out of a
share, and the employer's page says they were left out while the certificate stays valid."""

from __future__ import annotations

import uuid

import httpx
import pytest
from playwright.sync_api import Page, expect

from registry.demo import DEMO_NOTES
from tests.web.conftest import LiveServer, assert_accessible, assert_fits_width, sign_in

pytestmark = pytest.mark.browser

LEFT_OUT = "De opleider heeft notities toegevoegd die niet gedeeld zijn."


def test_worker_hides_the_notes_and_the_employer_sees_they_were_left_out(
    page: Page, live_server: LiveServer
) -> None:
    sign_in(page, "worker")
    page.goto("/mijn-cv/delen")
    parts = page.get_by_role("group", name="Wat deel je van Laadpaalmonteur?")
    notes = parts.get_by_label("De notities van de opleider")
    expect(notes).to_be_checked()  # everything is shared unless the worker says otherwise
    expect(parts).to_contain_text(DEMO_NOTES["laadpaalmonteur"])
    assert_accessible(page)
    assert_fits_width(page)
    page.get_by_label("Laadpaalmonteur").check()
    notes.uncheck()
    page.get_by_label("E-mailadres van de werkgever").fill(f"hr-{uuid.uuid4().hex[:8]}@example.com")
    page.get_by_role("button", name="Maak de link").click()
    expect(page.get_by_role("heading", name="Je link is klaar")).to_be_visible()
    url = page.get_by_label("Link om te delen").input_value()

    page.goto(url)
    card = page.locator("li.card", has_text="Laadpaalmonteur")
    expect(card.locator(".verdict-line")).to_contain_text("Geldig")
    expect(card.get_by_role("note")).to_contain_text(LEFT_OUT)
    expect(card).to_contain_text("Sam de Vries")
    expect(page.get_by_text(DEMO_NOTES["laadpaalmonteur"])).to_have_count(0)
    assert_accessible(page)
    assert_fits_width(page)
    # The share's API answer says the same as its page.
    answer = httpx.get(url, headers={"Accept": "application/json"}).json()
    assert answer["verification"]["verdict"] == "valid"
    assert answer["credentials"][0]["withheld"] == ["notes"]
