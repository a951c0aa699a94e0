"""The import page in a real browser, as the demo worker Sam de Vries: paste a credential made
elsewhere and find it on the CV, apart from what counts. Every page goes through axe-core and
375 px."""

from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import Page, expect

from tests.registry.wallet_helpers import foreign_credential
from tests.web.conftest import LiveServer, assert_accessible, assert_fits_width, sign_in

pytestmark = pytest.mark.browser


def test_worker_pastes_a_credential_and_sees_it_apart_on_the_cv(
    page: Page, live_server: LiveServer
) -> None:
    with live_server.api("worker") as api:
        holder = api.get("/api/me/credentials").json()["holder"]
    title = f"Dakisolatie {uuid.uuid4().hex[:6]}"
    token = foreign_credential(holder, title=title)

    sign_in(page, "worker")
    page.get_by_role("link", name="Bewijs van elders toevoegen").click()
    expect(page.get_by_role("heading", name="Bewijs van elders toevoegen", level=1)).to_be_visible()
    assert_accessible(page)
    assert_fits_width(page)
    page.set_viewport_size({"width": 1024, "height": 800})

    # Someone else's credential: refused on the form, what was pasted still there.
    other = foreign_credential("did:example:iemand-anders")
    page.get_by_label("Plak hier je bewijs").fill(other)
    page.get_by_role("button", name="Toevoegen aan mijn cv").click()
    expect(page.get_by_role("alert")).to_contain_text("Dit bewijs is niet van jou.")
    expect(page.get_by_label("Plak hier je bewijs")).to_have_value(other)
    assert_accessible(page)
    assert_fits_width(page)
    page.set_viewport_size({"width": 1024, "height": 800})

    page.get_by_label("Plak hier je bewijs").fill(token)
    page.get_by_role("button", name="Toevoegen aan mijn cv").click()
    expect(page.get_by_role("heading", name="Je bewijs is toegevoegd")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Dit bewijs telt niet mee in je cv")
    card = page.locator("li.card", has_text=title)
    expect(card).to_contain_text("Uitgever niet erkend")
    expect(card).to_contain_text("staat niet op de lijst van erkende opleiders")
    assert_accessible(page)
    assert_fits_width(page)
    page.set_viewport_size({"width": 1024, "height": 800})

    page.get_by_role("link", name="Terug naar mijn cv").click()
    expect(page).to_have_url(re.compile(r"/mijn-cv$"))
    apart = page.locator("section", has=page.get_by_role("heading", name="Toegevoegd, maar niet"))
    expect(apart.get_by_role("link", name=title)).to_be_visible()
    expect(apart).to_contain_text("Ze tellen niet mee in je cv")
    expect(page.locator("#bewijzen + ul").get_by_text(title)).to_have_count(0)
    assert_accessible(page)
    assert_fits_width(page)
