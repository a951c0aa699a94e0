"""A provider accredited for "any module" signs a credential for another provider's module with
its own real key: the API refuses to issue it, and neither POST /api/verify nor `registry
verify` with the served trust list may call it valid. Issuance and verification share one rule:
a module-certificate accreditation covers the organisation's own modules."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select

from catalogue.models import Provider
from registry.issuers import issuers, trust_lists
from registry.issuers.keys import issuer_did
from registry.settings import Settings
from tests.catalogue.helpers import Catalogue
from tests.conftest import BASE_URL
from tests.registry.issuers.test_issuers import Client, Sessions, accredit, issue_direct
from tests.registry.verify_helpers import check_of, verify_api, verify_cli


async def test_any_module_accreditation_does_not_cover_another_providers_module(
    client: Client, cat: Catalogue, sessionmaker: Sessions, settings: Settings, tmp_path: Path
) -> None:
    own = await cat.module()
    theirs = await cat.module(cat.provider_b, title="Warmtepompmonteur")
    await accredit(client, cat)  # opleider-a: module certificates, any module
    # The API refuses to issue opleider-b's module for opleider-a ...
    response = await client.post(
        "/api/credentials",
        json={
            "kind": "module-certificate",
            "moduleId": theirs["id"],
            "holder": {"email": "s@x.nl"},
        },
        headers=cat.provider_a,
    )
    assert (response.status_code, response.json()["code"]) == (403, "not-module-owner")
    # ... so opleider-a signs it with its own real key, outside the API.
    _, forged = await issue_direct(sessionmaker, settings, theirs, slug="opleider-a")
    _, genuine = await issue_direct(sessionmaker, settings, own, slug="opleider-a")

    assert (await verify_api(client, genuine))["verdict"] == "valid"
    report = await verify_api(client, forged)
    assert report["verdict"] == "untrusted-issuer"
    assert check_of(report, "signature") == ("passed", "signature-valid")
    assert check_of(report, "accreditation") == ("failed", "not-accredited")

    code, cli_report = await verify_cli(client, tmp_path, genuine)
    assert (code, cli_report["verdict"]) == (0, "valid")
    code, cli_report = await verify_cli(client, tmp_path, forged)
    assert (code, cli_report["verdict"]) == (1, "untrusted-issuer")
    assert check_of(cli_report, "accreditation") == ("failed", "not-accredited")
    assert cli_report["trustLists"][0]["signed"] is True

    # The served list names opleider-a's own module only, and says the creator must be it.
    served = await client.get("/trust-list", headers={"Accept": "application/json"})
    [listed] = served.json()["issuers"]
    [accreditation] = listed["accreditations"]
    assert accreditation["achievements"] == [f"{BASE_URL}/api/catalogue/modules/{own['id']}"]
    assert accreditation["ownAchievements"] is True


async def test_issuance_and_verification_share_the_rule(
    client: Client, cat: Catalogue, sessionmaker: Sessions, settings: Settings
) -> None:
    own = await cat.module()
    theirs = await cat.module(cat.provider_b, title="Warmtepompmonteur")
    await accredit(client, cat)
    await accredit(client, cat, provider="opleider-b")  # B has a module: any means that one
    await accredit(client, cat, provider="opleider-b", kind="evc")  # EVC stays unscoped
    at = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=1)
    async with sessionmaker() as session:
        ids = dict((await session.execute(select(Provider.slug, Provider.id))).tuples().all())
        trust_list = await trust_lists.current_trust_list(session, settings)
        for slug, module, expected in [
            ("opleider-a", own, True),
            ("opleider-a", theirs, False),
            ("opleider-b", theirs, True),
            ("opleider-b", own, False),
        ]:
            url, did = module["current"]["url"], issuer_did(settings, slug)
            may = await issuers.may_issue(
                session, settings, ids[slug], "module-certificate", url, at
            )
            listed = trust_list.accredited(did, "module-certificate", url, at, creator=did)
            assert (may, listed) == (expected, expected), (slug, module["id"])
        evc_did = issuer_did(settings, "opleider-b")
        standard = "https://kwalificaties.example/allround"
        assert trust_list.accredited(evc_did, "evc", standard, at, creator="urn:sbb")
        assert await issuers.may_issue(session, settings, ids["opleider-b"], "evc", standard, at)


async def test_no_modules_means_nothing_not_any(
    client: Client, cat: Catalogue, sessionmaker: Sessions, settings: Settings
) -> None:
    own = await cat.module()
    await accredit(client, cat, provider="opleider-b")  # accredited, but owns no module
    async with sessionmaker() as session:
        trust_list = await trust_lists.current_trust_list(session, settings)
    [listed] = trust_list.issuers
    assert listed.did == issuer_did(settings, "opleider-b")
    assert listed.accreditations == []
    at = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=1)
    url = own["current"]["url"]
    assert not trust_list.accredited(listed.did, "module-certificate", url, at, creator=listed.did)
