"""Issue 12 in a real browser: the operator previews and imports a kwalificatiedossier, the
assessor picks its werkprocessen in the EVC form and records a result that verifies with those
werkproces URIs, and the employer starts a job profile from an ESCO occupation."""

from __future__ import annotations

import json
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from credentials.b64 import b64url_decode
from registry.demo import DEMO_DOMAIN
from tests.catalogue.test_occupations import (
    OCCUPATIONS_EN,
    OCCUPATIONS_NL,
    RELATIONS,
    SOLAR_TECHNICIAN,
)
from tests.catalogue.test_sbb_import import DIENSTVERLENING
from tests.web.conftest import LiveServer, assert_accessible, assert_fits_width, sign_in

pytestmark = pytest.mark.browser
SLUG = "sbb-23189-2015-11-26"


def check(page: Page) -> None:
    assert_accessible(page)
    assert_fits_width(page)


def switch_to(page: Page, role: str) -> None:
    page.context.clear_cookies()
    page.set_viewport_size({"width": 1024, "height": 800})
    sign_in(page, role)


def werkproces_uris(live_server: LiveServer) -> dict[str, str]:
    """Code -> URI of the dossier's werkprocessen, as the catalogue gives them."""
    with live_server.api("operator") as api:
        listed = api.get("/api/catalogue/competences", params={"framework": SLUG, "limit": 50})
    assert listed.status_code == 200, listed.text
    return {c["code"]: c["uri"] for c in listed.json()["items"]}


def operator_imports_the_dossier(page: Page) -> None:
    sign_in(page, "operator")
    page.get_by_role("link", name="Bestand inlezen").click()
    page.get_by_label("Soort bestand").select_option("sbb")
    page.get_by_label("Bestand", exact=True).set_input_files(
        {"name": "dienstverlening.xml", "mimeType": "application/xml", "buffer": DIENSTVERLENING}
    )
    page.get_by_role("button", name="Bekijk wat er verandert").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dit verandert er")
    expect(page.locator("dt:has-text('Nieuw') + dd")).to_have_text(
        "1 kaders, 18 competenties, 3 kwalificaties"
    )
    check(page)
    page.get_by_role("button", name="Nu inlezen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Het bestand is ingelezen")
    check(page)


def assessor_records_against_it(page: Page, candidate: str) -> None:
    switch_to(page, "assessor")
    page.goto("/beoordelaar/evc/nieuw")
    page.get_by_label("Zoekwoord").fill("dienstverlening")
    page.get_by_role("button", name="Zoeken").click()
    page.get_by_role("link", name="Dienstverlening").first.click()
    expect(page.get_by_text("Je beoordeelt volgens:")).to_be_visible()
    check(page)
    page.get_by_label("E-mailadres van de kandidaat").fill(candidate)
    page.get_by_label("Naam van de kandidaat").fill("Demo Werker")
    page.get_by_role("group", name="B1-K1-W1").get_by_label("Resultaat").select_option("behaald")
    page.get_by_role("group", name="B1-K1-W2").get_by_label("Resultaat").select_option(
        "niet behaald"
    )
    page.get_by_label("Portfolio").check()
    page.get_by_role("button", name="EVC-resultaat vastleggen").click()
    expect(page.get_by_role("status")).to_contain_text("Het EVC-resultaat is vastgelegd")
    check(page)


def verified_alignments(live_server: LiveServer) -> dict[str, str]:
    """The worker's EVC record against the dossier, verified: werkproces URI -> status."""
    with live_server.api("operator") as api:
        standard = api.get(f"/api/catalogue/frameworks/{SLUG}").json()["uri"]
    found: list[tuple[str, dict[str, Any]]] = []
    with live_server.api("worker") as api:
        for item in api.get("/api/me/credentials").json()["items"]:
            path = f"/api/me/credentials/{item['id']}/download"
            answer = api.get(path, params={"format": "jwt"})
            if answer.status_code != 200:
                continue  # an imported credential, kept in another form
            jws = answer.text
            payload = json.loads(b64url_decode(jws.split(".")[1]))
            if payload["credentialSubject"]["achievement"].get("id") == standard:
                found.append((jws, payload["credentialSubject"]))
        [(jws, subject)] = found
        verdict = api.post(
            "/api/verify", content=jws, headers={"Content-Type": "application/vc+jwt"}
        )
    assert verdict.json()["verdict"] == "valid", verdict.text
    names = {d["id"]: d for d in subject["achievement"]["resultDescription"]}
    return {
        names[r["resultDescription"]]["alignment"][0]["targetUrl"]: r["status"]
        for r in subject["result"]
    }


def employer_starts_from_an_occupation(page: Page, live_server: LiveServer) -> None:
    with live_server.api("operator") as api:
        for body, params in [
            (OCCUPATIONS_EN, {"format": "esco-occupations", "language": "en"}),
            (OCCUPATIONS_NL, {"format": "esco-occupations", "language": "nl"}),
            (RELATIONS, {"format": "esco-occupation-skills"}),
        ]:
            answer = api.post(
                "/api/catalogue/import",
                params=params,
                content=body,
                headers={"Content-Type": "text/csv"},
            )
            assert answer.status_code in {200, 201}, answer.text
    switch_to(page, "employer")
    page.goto("/werkgever/vacatures")
    page.get_by_role("link", name="Nieuwe vacature").click()
    page.get_by_label("Zoek een beroep").fill("PV-monteur")
    page.get_by_role("button", name="Zoek beroep").click()
    page.get_by_label("monteur zonnepanelen").check()
    page.get_by_role("button", name="Begin met dit beroep").click()
    expect(page.get_by_role("status")).to_contain_text("De vaardigheden van het beroep")
    expect(page.get_by_label("Naam van de functie")).to_have_value("monteur zonnepanelen")
    check(page)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De vacature is opgeslagen.")).to_be_visible()


def test_a_dossier_from_import_to_evc_and_a_profile_from_an_occupation(
    page: Page, live_server: LiveServer
) -> None:
    operator_imports_the_dossier(page)
    uris = werkproces_uris(live_server)
    assert len(uris) == 18
    assessor_records_against_it(page, f"worker@{DEMO_DOMAIN}")
    assert verified_alignments(live_server) == {
        uris["B1-K1-W1"]: "Completed",
        uris["B1-K1-W2"]: "Failed",
    }
    employer_starts_from_an_occupation(page, live_server)
    with live_server.api("employer") as api:
        mine = api.get("/api/job-profiles", params={"mine": "true"}).json()
    made = [p for p in mine if p["occupation"] == SOLAR_TECHNICIAN]
    assert [(p["title"], len(p["requirements"])) for p in made] == [("monteur zonnepanelen", 88)]
