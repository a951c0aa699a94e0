"""The CV page's downloads: the whole wallet as a bundle, each credential as `.jwt` and
`.json`, and an "Add to LinkedIn" link per credential that is valid."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from urllib.parse import parse_qs, urlsplit

from registry.web.worker.linkedin import linkedin_url
from tests.conftest import BASE_URL
from tests.registry.wallet_helpers import World
from tests.web.worker.test_worker_pages import _worker

LINKEDIN = re.compile(r'<a class="linkedin" href="([^"]+)"')


def test_the_linkedin_link_names_the_certification_its_dates_and_where_to_check_it() -> None:
    url = linkedin_url(
        name="Laadpaalmonteur & service",
        organisation="Opleider A",
        issued=dt.datetime(2026, 3, 9, tzinfo=dt.UTC),
        expires=dt.datetime(2031, 3, 9, tzinfo=dt.UTC),
        cert_id="urn:uuid:1234",
        cert_url="https://registry.example/controleren/bewijs/1",
    )
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "www.linkedin.com", "/profile/add")
    assert parse_qs(parts.query) == {
        "startTask": ["CERTIFICATION_NAME"],
        "name": ["Laadpaalmonteur & service"],
        "organizationName": ["Opleider A"],
        "issueYear": ["2026"],
        "issueMonth": ["3"],
        "expirationYear": ["2031"],
        "expirationMonth": ["3"],
        "certId": ["urn:uuid:1234"],
        "certUrl": ["https://registry.example/controleren/bewijs/1"],
    }
    # No expiry: no expiration parameters at all.
    url = linkedin_url(
        name="X",
        organisation="Y",
        issued=dt.datetime(2026, 1, 1),
        expires=None,
        cert_id="c",
        cert_url="u",
    )
    assert "expiration" not in url


async def test_the_cv_page_offers_the_bundle_downloads_and_linkedin(world: World) -> None:
    worker = await _worker(world)
    row_id = await worker.issue()
    page = await worker.browser.get("/mijn-cv")
    assert page.status_code == 200
    assert 'href="/mijn-cv/downloaden"' in page.text
    assert f'href="/mijn-cv/bewijzen/{row_id}/download?format=jwt"' in page.text
    assert f'href="/mijn-cv/bewijzen/{row_id}/download?format=json"' in page.text
    links = [html.unescape(link) for link in LINKEDIN.findall(page.text)]
    assert len(links) == 1
    query = parse_qs(urlsplit(links[0]).query)
    assert query["name"] == ["Laadpaalmonteur"]
    assert query["certUrl"] == [f"{BASE_URL}/controleren/bewijs/{row_id}"]
    assert query["certId"][0].startswith("urn:uuid:")

    bundle = await worker.browser.get("/mijn-cv/downloaden")
    assert bundle.status_code == 200
    assert bundle.headers["content-disposition"] == 'attachment; filename="mijn-cv-bundel.json"'
    assert json.loads(bundle.text)["format"] == "llo-wallet-bundle/1"
    jwt = await worker.browser.get(f"/mijn-cv/bewijzen/{row_id}/download?format=jwt")
    assert jwt.status_code == 200
    assert jwt.text.count(".") == 2
    document = await worker.browser.get(f"/mijn-cv/bewijzen/{row_id}/download?format=json")
    assert document.status_code == 200
    assert json.loads(document.text)["proof"]["cryptosuite"] == "eddsa-rdfc-2022"


async def test_a_revoked_credential_has_no_linkedin_link(world: World) -> None:
    worker = await _worker(world)
    issued = await world.issue(worker.person)
    await world.revoke(issued["id"])
    page = await worker.browser.get("/mijn-cv")
    assert LINKEDIN.search(page.text) is None
    # Another worker's credential, or no id at all: the page says it is not there.
    other = await _worker(world, "kim@example.nl", "Kim")
    answer = await other.browser.get("/mijn-cv/bewijzen/niet-een-id/download?format=jwt")
    assert answer.status_code == 404
