"""The whole path of issue 10 in a real browser, with the server's mail going to a real
SMTP server on 127.0.0.1: a provider issues to a new address; the mail invites the person to
make an account; sign-up shows nothing until the mailed link is followed; then the
credential is in the CV."""

from __future__ import annotations

import time
import uuid
from email.message import EmailMessage

import pytest
from playwright.sync_api import Page, expect

from tests.mail_helpers import links, plain
from tests.web.conftest import LiveServer, assert_accessible, assert_fits_width
from tests.web.employer.test_browser_employer import _issue

pytestmark = pytest.mark.browser


def _mail_to(live_server: LiveServer, address: str, count: int = 1) -> EmailMessage:
    """The newest of the first `count` mails to `address` (the server's runner sends them)."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        mails = live_server.inbox.to(address)
        if len(mails) >= count:
            return mails[count - 1]
        time.sleep(0.1)
    raise AssertionError(f"no mail {count} to {address} within 20 s")


def test_issue_mail_sign_up_confirm_and_the_credential_is_there(
    page: Page, live_server: LiveServer
) -> None:
    issued = _issue(live_server)
    address = issued["holder"]["email"]
    achievement = issued["achievement"]
    assert address.endswith("@example.nl")

    # The issuance mail invites the person to make an account with this address.
    notice = _mail_to(live_server, address)
    assert "heeft je een bewijs gegeven" in plain(notice)
    [invite] = links(notice, "/account-maken")
    page.goto(invite)
    expect(page.get_by_label("E-mailadres")).to_have_value(address)
    page.get_by_label("Je naam").fill("Fatima El Amrani")
    page.get_by_label("Wachtwoord").fill("een lang genoeg wachtwoord")
    page.get_by_role("button", name="Account maken").click()
    expect(page.get_by_role("heading", name="Kijk in je mail")).to_be_visible()
    expect(page.get_by_text("Ingelogd als")).to_have_count(0)
    assert_accessible(page)

    # Signing in before the link is followed shows only "confirm your address".
    page.goto("/inloggen")
    page.get_by_label("E-mailadres").fill(address)
    page.get_by_label("Wachtwoord").fill("een lang genoeg wachtwoord")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name="Bevestig eerst je e-mailadres")).to_be_visible()
    page.goto("/mijn-cv")
    expect(page.get_by_role("heading", name="Bevestig eerst je e-mailadres")).to_be_visible()
    assert_accessible(page)
    assert_fits_width(page)

    # The link in the confirmation mail; one button; then the CV with the credential.
    confirm = _mail_to(live_server, address, count=2)
    [link] = links(confirm, "/e-mailadres-bevestigen")
    page.set_viewport_size({"width": 1024, "height": 800})
    page.goto(link)
    assert_accessible(page)
    page.get_by_role("button", name="Bevestig mijn e-mailadres").click()
    expect(page.get_by_text("Ingelogd als Fatima El Amrani")).to_be_visible()
    expect(page.get_by_text(achievement_name(live_server, achievement)).first).to_be_visible()

    # The link works once.
    page.goto(link)
    expect(page.get_by_text("Deze link is al gebruikt")).to_be_visible()


def test_forgot_password_in_the_browser(page: Page, live_server: LiveServer) -> None:
    address = f"{uuid.uuid4().hex}@example.nl"
    page.goto("/account-maken")
    page.get_by_label("Je naam").fill("Kees")
    page.get_by_label("E-mailadres").fill(address)
    page.get_by_label("Wachtwoord").fill("het eerste wachtwoord")
    page.get_by_role("button", name="Account maken").click()
    page.goto("/inloggen")
    page.get_by_role("link", name="Wachtwoord vergeten?").click()
    page.get_by_label("E-mailadres").fill(address)
    page.get_by_role("button", name="Stuur mij een link").click()
    expect(page.get_by_role("status")).to_contain_text(address)
    assert_accessible(page)
    mail = _mail_to(live_server, address, count=2)
    [link] = links(mail, "/wachtwoord-herstellen")
    page.goto(link)
    # Never confirmed: whoever proves the address now also says who they are.
    page.get_by_label("werkende of werkzoekende").check()
    page.get_by_label("Je naam").fill("Kees")
    page.get_by_label("Nieuw wachtwoord").fill("het nieuwe wachtwoord")
    assert_accessible(page)
    page.get_by_role("button", name="Wachtwoord opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("Je wachtwoord is veranderd")
    page.get_by_label("E-mailadres").fill(address)
    page.get_by_label("Wachtwoord").fill("het nieuwe wachtwoord")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_text("Ingelogd als Kees")).to_be_visible()


def achievement_name(live_server: LiveServer, achievement_url: str) -> str:
    """The module's title, as the CV shows it."""
    import httpx

    module = achievement_url.split("/modules/")[1].split("/", maxsplit=1)[0]
    answer = httpx.get(f"{live_server.url}/api/catalogue/modules/{module}")
    assert answer.status_code == 200, answer.text
    title: str = answer.json()["current"]["title"]
    return title
