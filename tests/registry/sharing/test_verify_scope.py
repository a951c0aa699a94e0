"""A provider accredited for "any module" signs a credential for another provider's module with
its own real key: the API refuses to issue it, and neither POST /api/verify nor `registry
verify` with the served trust list may call it valid. Issuance and verification share one rule:
a module-certificate accreditation covers the organisation's own modules."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from sqlalchemy import select

from catalogue.models import Provider
from credentials.jws import parse_compact
from registry.cli import main
from registry.issuers import issuers, trust_lists
from registry.issuers.keys import issuer_did
from registry.settings import Settings
from tests.catalogue.helpers import Catalogue
from tests.conftest import BASE_URL
from tests.registry.issuers.test_issuers import Client, Sessions, accredit, issue_direct


async def _verify_api(client: Client, jws: str) -> dict[str, Any]:
    response = await client.post(
        "/api/verify", content=jws, headers={"Content-Type": "application/vc+jwt"}
    )
    assert response.status_code == 200, response.text
    report: dict[str, Any] = response.json()
    return report


def _check(report: dict[str, Any], name: str) -> tuple[str, str]:
    found = next(c for c in report["checks"] if c["name"] == name)
    return found["status"], found["code"]


async def _verify_cli(client: Client, tmp_path: Path, jws: str) -> tuple[int, dict[str, Any]]:
    """`registry verify` with what a verifier downloads: the signed trust list, the operator's
    DID document as its anchor, and the credential's status lists (revocation, suspension)."""
    status_url = json.loads(parse_compact(jws).payload)["credentialStatus"]
    status_path = status_url["statusListCredential"].removeprefix(BASE_URL)
    files = {
        "credential.jws": jws,
        "trust-list.jws": (await client.get("/trust-list")).text,
        "did.json": (await client.get("/.well-known/did.json")).text,
        "status.jws": (await client.get(status_path)).text,
        "suspension.jws": (await client.get(f"{status_path}/suspension")).text,
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    args = [
        "verify",
        str(tmp_path / "credential.jws"),
        *("--trust-list", str(tmp_path / "trust-list.jws")),
        *("--trust-anchor", str(tmp_path / "did.json")),
        *("--status-list", str(tmp_path / "status.jws")),
        *("--status-list", str(tmp_path / "suspension.jws")),
        "--json",
    ]
    result = await asyncio.to_thread(
        CliRunner().invoke, main, args, env={"REGISTRY_DATABASE_URL": ""}
    )
    assert result.exit_code in (0, 1), result.output + result.stderr
    report: dict[str, Any] = json.loads(result.stdout)
    return result.exit_code, report


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

    assert (await _verify_api(client, genuine))["verdict"] == "valid"
    report = await _verify_api(client, forged)
    assert report["verdict"] == "untrusted-issuer"
    assert _check(report, "signature") == ("passed", "signature-valid")
    assert _check(report, "accreditation") == ("failed", "not-accredited")

    code, cli_report = await _verify_cli(client, tmp_path, genuine)
    assert (code, cli_report["verdict"]) == (0, "valid")
    code, cli_report = await _verify_cli(client, tmp_path, forged)
    assert (code, cli_report["verdict"]) == (1, "untrusted-issuer")
    assert _check(cli_report, "accreditation") == ("failed", "not-accredited")
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
