"""Sign-in, language switch and the layout, in a real browser."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.web.conftest import assert_accessible, assert_fits_width, sign_in

pytestmark = pytest.mark.browser


def test_worker_signs_in_and_out(page: Page) -> None:
    sign_in(page, "worker")
    expect(page.get_by_text("Ingelogd als Sam de Vries")).to_be_visible()
    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_role("navigation").get_by_role("link", name="Inloggen")).to_be_visible()


def test_wrong_password_is_refused_in_plain_words(page: Page) -> None:
    page.goto("/inloggen")
    page.get_by_label("E-mailadres").fill("worker@demo.llo-registry.nl")
    page.get_by_label("Wachtwoord").fill("not-the-password")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("alert")).to_contain_text("E-mailadres of wachtwoord klopt niet")
    assert_accessible(page)


def test_sign_in_page_is_accessible_and_fits_a_phone(page: Page) -> None:
    page.goto("/inloggen")
    assert_accessible(page)
    assert_fits_width(page)


def test_language_switch_to_english_and_back(page: Page) -> None:
    page.goto("/inloggen")
    page.get_by_role("link", name="Read this page in English").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("link", name="Lees deze pagina in het Nederlands").click()
    expect(page.get_by_role("heading", name="Inloggen")).to_be_visible()


def test_register_a_worker_account(page: Page) -> None:
    page.goto("/account-maken")
    assert_accessible(page)
    page.get_by_label("werkende of werkzoekende").check()
    page.get_by_label("Je naam").fill("Fatima El Amrani")
    page.get_by_label("E-mailadres").fill("fatima@example.nl")
    page.get_by_label("Wachtwoord").fill("kort")
    page.get_by_role("button", name="Account maken").click()
    expect(page.get_by_role("alert")).to_contain_text("minstens 10 tekens")
    page.get_by_label("Wachtwoord").fill("een lang genoeg wachtwoord")
    page.get_by_role("button", name="Account maken").click()
    # Nobody is signed in before the address is proven (tests/web/auth/test_browser_accounts.py).
    expect(page.get_by_role("status")).to_contain_text("fatima@example.nl")
    assert_accessible(page)


def test_sign_in_with_the_keyboard_only(page: Page) -> None:
    page.goto("/inloggen")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Ga naar de inhoud")).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(page.get_by_label("E-mailadres")).to_be_focused()
    page.keyboard.type("worker@demo.llo-registry.nl")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Wachtwoord")).to_be_focused()
    page.keyboard.type("demo-wachtwoord")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Ingelogd als Sam de Vries")).to_be_visible()
    # Focus is visible: the focused element gets an outline.
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in {"none", ""}
