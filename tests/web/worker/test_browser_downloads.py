"""The worker takes the CV along in a real browser: the bundle and one credential downloaded
from the CV page, both verifying with nothing but the files; the "Add to LinkedIn" link names
the certification and the public page that checks it."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from playwright.sync_api import Page, expect

from credentials.export.bundle import bundle_config, read_bundle, verify_bundle
from credentials.trust import TrustAnchor
from credentials.verifier import Verifier
from tests.web.conftest import LiveServer, assert_accessible, assert_fits_width, sign_in

pytestmark = pytest.mark.browser
NAME = "Laadpaalmonteur"


def test_worker_downloads_the_bundle_and_a_credential_and_finds_a_linkedin_link(
    page: Page, live_server: LiveServer
) -> None:
    sign_in(page, "worker")
    assert_accessible(page)
    assert_fits_width(page)
    with page.expect_download() as bundle_download:
        page.get_by_role("link", name="Alles downloaden").click()
    assert bundle_download.value.suggested_filename == "mijn-cv-bundel.json"
    data = Path(bundle_download.value.path()).read_bytes()
    report = verify_bundle(data)
    assert report.anchor_in_bundle
    assert not report.status_stale
    verdicts = {item.report.credential.achievement: item.verdict for item in report.credentials
                if item.report.credential is not None}  # fmt: skip
    assert verdicts[NAME] == "valid"

    card = (
        page.locator("li.card").filter(has=page.get_by_role("heading", name=NAME, exact=True)).first
    )
    with page.expect_download() as json_download:
        card.get_by_role("link", name="als .json (Open Badges 3.0)").click()
    assert json_download.value.suggested_filename.endswith(".json")
    document = json.loads(Path(json_download.value.path()).read_text())
    assert document["proof"]["cryptosuite"] == "eddsa-rdfc-2022"
    bundle = read_bundle(data)
    anchor = TrustAnchor.from_json(bundle.operator_document, "bundle")
    verifier = Verifier(bundle_config(bundle, anchor))
    assert verifier.verify(json.dumps(document)).verdict == "valid"

    with page.expect_download() as jwt_download:
        card.get_by_role("link", name="als .jwt (ondertekend)").click()
    token = Path(jwt_download.value.path()).read_text()
    assert verifier.verify(token).verdict == "valid"

    link = card.get_by_role("link", name=f"Zet {NAME} op LinkedIn", exact=True)
    expect(link).to_have_attribute("target", "_blank")
    href = link.get_attribute("href")
    assert href is not None
    parts = urlsplit(href)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "www.linkedin.com", "/profile/add")
    query = parse_qs(parts.query)
    assert query["startTask"] == ["CERTIFICATION_NAME"]
    assert query["name"] == [NAME]
    assert query["certId"] == [document["id"]]
    assert query["organizationName"][0]
    assert query["issueYear"][0].isdigit()
    assert 1 <= int(query["issueMonth"][0]) <= 12
    check_page = query["certUrl"][0]
    assert check_page.startswith(f"{live_server.url}/controleren/bewijs/")
    # The public page LinkedIn links to exists and needs no sign-in.
    assert httpx.get(check_page).status_code == 200
