"""The employer's pages and public verification in a real browser, on the demo data."""

from __future__ import annotations

import base64
import json
import uuid
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from catalogue.demo_data import OOST
from tests.web.conftest import LiveServer, assert_accessible, assert_fits_width, sign_in

pytestmark = pytest.mark.browser

PASTE = "Plak hier het bewijs of de deellink"


def _issue(live_server: LiveServer) -> dict[str, Any]:
    """A fresh certificate from the demo provider to a new e-mail address."""
    with live_server.api("provider") as api:
        modules = api.get("/api/catalogue/modules", params={"provider": OOST, "limit": 1})
        assert modules.status_code == 200, modules.text
        module_id = modules.json()["items"][0]["id"]
        issued = api.post(
            "/api/credentials",
            json={
                "kind": "module-certificate",
                "moduleId": module_id,
                "holder": {"email": f"{uuid.uuid4().hex}@example.nl", "name": "Fatima El Amrani"},
            },
        )
        assert issued.status_code == 201, issued.text
        result: dict[str, Any] = issued.json()
        return result


def _tampered(jws: str) -> str:
    header, payload, signature = jws.split(".")
    document = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    document["credentialSubject"]["achievement"]["name"] = "Allround monteur (vervalst)"
    changed = base64.urlsafe_b64encode(json.dumps(document).encode()).rstrip(b"=").decode()
    return f"{header}.{changed}.{signature}"


def _check(page: Page, pasted: str) -> None:
    page.goto("/controleren")
    page.get_by_label(PASTE).fill(pasted)
    page.get_by_role("button", name="Controleren").click()
    page.wait_for_load_state()


def test_employer_opens_the_demo_share_and_sees_every_credential_valid(page: Page) -> None:
    sign_in(page, "employer")
    page.goto("/werkgever")
    expect(page.get_by_role("heading", name="Gedeeld met mij", level=1)).to_be_visible()
    assert_accessible(page)
    assert_fits_width(page)
    # Newest first: the demo share is the oldest (other tests may share with this employer too).
    page.get_by_role("link", name="Bekijk wat Sam de Vries deelde").last.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bewijzen gedeeld door Sam de Vries")
    badges = page.locator(".card .verdict")
    # Two deelcertificaten, an EVC record and the NEN 3140 certificate of an exam institute.
    expect(badges).to_have_count(4)
    for index in range(4):
        expect(badges.nth(index)).to_have_text("✓ Geldig")
        expect(badges.nth(index)).to_have_class("verdict green")
    expect(page.get_by_text("4 van de 4 bewijzen zijn geldig.")).to_be_visible()
    expect(page.get_by_text("Certificaat na een examen (zoals VCA)")).to_have_count(1)
    # The experts' list opens from the keyboard.
    page.get_by_text("Alle controles bekijken (voor experts)").first.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("rowheader", name="signature").first).to_be_visible()
    assert_accessible(page)
    assert_fits_width(page)


def test_share_link_page_for_anyone_with_the_link(page: Page, live_server: LiveServer) -> None:
    with live_server.api("worker") as api:
        items = api.get("/api/me/credentials").json()["items"]
        # The oldest issued one is the demo's; other tests may add (or import) newer ones.
        demo = [i for i in items if i["source"] == "issued" and i["status"] == "active"][-1]
        share = api.post(
            "/api/me/shares",
            json={
                "credentialIds": [demo["credentialId"]],
                "recipient": f"hr-{uuid.uuid4().hex[:8]}@example.nl",
            },
        )
        assert share.status_code == 201, share.text
    page.goto(share.json()["url"])
    expect(page.get_by_role("heading", level=1)).to_have_text("Bewijzen gedeeld door Sam de Vries")
    expect(page.locator(".card .verdict")).to_have_text("✓ Geldig")
    assert_accessible(page)
    assert_fits_width(page)


def test_pasting_a_tampered_credential_shows_invalid_in_red(
    page: Page, live_server: LiveServer
) -> None:
    issued = _issue(live_server)
    page.goto("/controleren")
    assert_accessible(page)
    assert_fits_width(page)
    _check(page, _tampered(issued["credential"]))
    verdict = page.locator(".card .verdict")
    expect(verdict).to_have_text("✗ Ongeldig")
    expect(verdict).to_have_class("verdict red")
    expect(page.get_by_text("Dit bewijs is veranderd of niet echt.")).to_be_visible()
    assert_accessible(page)
    assert_fits_width(page)


def test_pasting_garbage_says_so_in_plain_words(page: Page) -> None:
    _check(page, "dit is geen bewijs")
    expect(page.get_by_role("alert")).to_contain_text("Dit is geen bewijs en geen deellink.")
    expect(page.get_by_label(PASTE)).to_have_value("dit is geen bewijs")
    assert_accessible(page)


def test_a_revoked_credential_is_shown_revoked(page: Page, live_server: LiveServer) -> None:
    issued = _issue(live_server)
    with live_server.api("provider") as api:
        revoked = api.post(f"/api/credentials/{issued['id']}/revoke")
        assert revoked.status_code == 200, revoked.text
    _check(page, issued["credential"])
    verdict = page.locator(".card .verdict")
    expect(verdict).to_have_text("✗ Ingetrokken")
    expect(verdict).to_have_class("verdict red")

    # The QR code on the printed certificate leads to the same verdict.
    page.goto(f"/controleren/bewijs/{issued['id'].removeprefix('urn:uuid:')}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Controle van een bewijs")
    expect(page.locator(".card .verdict")).to_have_text("✗ Ingetrokken")
    assert_accessible(page)
    assert_fits_width(page)
