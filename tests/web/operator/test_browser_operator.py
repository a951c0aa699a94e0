"""The operator imports a document in a real browser: the preview first, then applying it
without choosing the file again."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.web.conftest import LiveServer, assert_accessible, assert_fits_width, sign_in

pytestmark = pytest.mark.browser
OLD_TITLE = b">NEN 1010 basis: veilige laagspanningsinstallaties<"
NEW_TITLE = b">NEN 1010 basis: veilige laagspanningsinstallaties (2027)<"


def check(page: Page) -> None:
    assert_accessible(page)
    assert_fits_width(page)


def test_operator_previews_and_imports_an_elm_document(page: Page, live_server: LiveServer) -> None:
    with live_server.api("operator") as api:
        exported = api.get("/api/catalogue/export", params={"format": "elm"})
    assert exported.status_code == 200
    assert OLD_TITLE in exported.content
    document = exported.content.replace(OLD_TITLE, NEW_TITLE)

    sign_in(page, "operator")
    expect(page.get_by_role("heading", level=1)).to_have_text("Beheer")
    check(page)
    page.get_by_role("link", name="Bestand inlezen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bestand inlezen")
    check(page)

    # Without a kind or a file the form says what is missing.
    page.get_by_role("button", name="Bekijk wat er verandert").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Kies wat voor bestand het is.")
    expect(summary).to_contain_text("Kies een bestand.")
    check(page)

    page.get_by_label("Soort bestand").select_option("elm")
    page.get_by_label("Bestand", exact=True).set_input_files(
        {"name": "catalogus.xml", "mimeType": "application/xml", "buffer": document}
    )
    page.get_by_role("button", name="Bekijk wat er verandert").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dit verandert er")
    expect(page.get_by_text("Er is nog niets veranderd.")).to_be_visible()
    changed = page.locator("dt", has_text="Gewijzigd")
    expect(changed).to_be_visible()
    expect(page.locator("dt:has-text('Gewijzigd') + dd")).to_have_text("1 opleidingen")
    check(page)
    # The preview changed nothing yet.
    with live_server.api("operator") as api:
        before = api.get("/api/catalogue/export", params={"format": "elm"}).content
    assert NEW_TITLE not in before

    page.get_by_role("button", name="Nu inlezen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Het bestand is ingelezen")
    expect(page.locator("dt:has-text('Gewijzigd') + dd")).to_have_text("1 opleidingen")
    check(page)
    with live_server.api("operator") as api:
        after = api.get("/api/catalogue/export", params={"format": "elm"}).content
    assert NEW_TITLE in after
