"""Issuers: accreditation, the signed trust list, DID documents and key rotation, status list
allocation and status changes, the served status lists."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from litestar.testing import AsyncTestClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from catalogue.models import Provider
from credentials.b64 import b64url_decode
from credentials.issue import issue_deelcertificaat
from credentials.keys import SigningKey, VerifyingKey, did_key, unwrap_key
from credentials.status import StatusList
from credentials.status_lists import read_status_list_credential
from credentials.trust import TrustList, load_trust_list
from credentials.verifier import Verifier
from credentials.verify import VerifierConfig
from registry.app import create_app
from registry.cli import main
from registry.issuers import issuers, status_lists, trust_lists
from registry.issuers.keys import issuer_did, signing_key
from registry.models import AuditEvent, Credential, IssuerKey, StatusListRow, Wallet
from registry.settings import Settings
from schemas.credentials import CredentialStatus, DeelcertificaatInput, ModuleVersionInput, Party
from tests.catalogue.helpers import Catalogue
from tests.conftest import BASE_URL, Accounts

Client = AsyncTestClient[Any]
Sessions = async_sessionmaker[AsyncSession]


async def accredit(
    client: Client, cat: Catalogue, provider: str = "opleider-a", **body: Any
) -> dict[str, Any]:
    response = await client.post(
        "/api/accreditations",
        json={"provider": provider, "kind": "module-certificate"} | body,
        headers=cat.operator,
    )
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result


async def issue_direct(
    sessions: Sessions,
    settings: Settings,
    module: dict[str, Any],
    *,
    slug: str = "opleider-a",
    issued_at: dt.datetime | None = None,
) -> tuple[str, str]:
    """A deelcertificaat signed with the issuer's current key, stored with a status index;
    returns (credential id, JWS)."""
    async with sessions() as session, session.begin():
        holder = SigningKey.generate()
        wallet = Wallet(name="Sam", holder_did=did_key(holder.public), wrapped_key="-", email=None)
        session.add(wallet)
        [(list_id, index)] = await status_lists.allocate_status(session, slug, 1)
        url = status_lists.status_list_url(settings.base_url, list_id)
        key = await signing_key(session, settings, slug)
        version = module["current"]
        issued = issue_deelcertificaat(
            DeelcertificaatInput(
                issuer=Party(id=key.did, name=slug),
                holder=Party(id=wallet.holder_did, name="Sam"),
                module=ModuleVersionInput(
                    url=version["url"],
                    title=version["title"],
                    description=version["description"],
                    criteria_narrative="Praktijkexamen behaald.",
                    study_load_hours=version["studyLoadHours"],
                    provider=Party(id=key.did, name=slug),
                ),
                issued_at=issued_at or dt.datetime.now(dt.UTC),
                status=[
                    CredentialStatus(
                        id=f"{url}#{index}",
                        type="BitstringStatusListEntry",
                        status_purpose="revocation",
                        status_list_index=str(index),
                        status_list_credential=url,
                    )
                ],
            ),
            key.key,
            kid=key.kid,
        )
        await session.flush()
        session.add(
            Credential(
                credential_id=issued.id,
                wallet_id=wallet.id,
                kind="module-certificate",
                issuer_slug=slug,
                achievement_id=version["url"],
                achievement_name=version["title"],
                jws=issued.jws,
                status_list_id=list_id,
                status_index=index,
                issued_at=issued.document.valid_from,
            )
        )
    return issued.id, issued.jws


async def verdict(
    sessions: Sessions, settings: Settings, jws: str, trust_list: TrustList | None = None
) -> str:
    async with sessions() as session:
        config = VerifierConfig(
            trust_list=trust_list or await trust_lists.current_trust_list(session, settings),
            status_lists=await status_lists.status_source(session, settings),
        )
    report = Verifier(config).verify(jws)
    return report.verdict


async def operator_trust_list(client: Client) -> TrustList:
    """The served trust list, checked with the key from the operator's DID document."""
    did_doc = (await client.get("/.well-known/did.json")).json()
    operator_key = VerifyingKey.from_jwk(did_doc["verificationMethod"][0]["publicKeyJwk"])
    return load_trust_list((await client.get("/trust-list")).text, operator_key)


# ---------------------------------------------------------------------------- accreditation


async def test_accreditation_is_for_the_operator_only(
    client: Client, cat: Catalogue, accounts: Accounts
) -> None:
    module = await cat.module()
    body = {"provider": "opleider-a", "kind": "module-certificate", "achievements": [module["id"]]}
    worker = await accounts.headers("worker")
    for headers in (cat.provider_a, worker):
        response = await client.post("/api/accreditations", json=body, headers=headers)
        assert response.status_code == 403
        assert response.json()["code"] == "role-not-allowed"
    assert (await client.post("/api/accreditations", json=body)).status_code == 401
    created = await accredit(client, cat, achievements=[module["id"]])
    assert created["achievements"] == [f"{BASE_URL}/api/catalogue/modules/{module['id']}"]
    assert created["active"] is True
    assert created["issuer"] == "did:web:testserver.local:issuers:opleider-a"

    path = f"/api/accreditations/{created['id']}"
    end = {"validUntil": "2099-01-01T00:00:00Z"}
    assert (await client.patch(path, json=end, headers=cat.provider_a)).status_code == 403
    assert (await client.delete(path, headers=cat.provider_a)).status_code == 403
    patched = await client.patch(path, json=end, headers=cat.operator)
    assert patched.status_code == 200, patched.text
    assert patched.json()["validUntil"].startswith("2099-01-01")
    ended = await client.delete(path, headers=cat.operator)
    assert ended.status_code == 200
    assert ended.json()["active"] is False
    missing = await client.delete(f"/api/accreditations/{uuid.uuid4()}", headers=cat.operator)
    assert missing.status_code == 404

    # The operator sees every accreditation, an organisation its own, others nothing.
    await accredit(client, cat, provider="opleider-b", kind="evc")
    listed = (await client.get("/api/accreditations", headers=cat.operator)).json()
    assert {a["provider"] for a in listed} == {"opleider-a", "opleider-b"}
    own = (await client.get("/api/accreditations", headers=cat.provider_a)).json()
    assert [a["id"] for a in own] == [created["id"]]
    assert (await client.get("/api/accreditations", headers=worker)).status_code == 403


async def test_accreditation_input_is_checked(client: Client, cat: Catalogue) -> None:
    post = client.post
    base = {"provider": "opleider-a", "kind": "module-certificate"}
    response = await post(
        "/api/accreditations", json=base | {"provider": "nope"}, headers=cat.operator
    )
    assert response.status_code == 404
    assert response.json()["code"] == "provider-not-found"
    bad = base | {"achievements": [str(uuid.uuid4()), "not-a-url"]}
    response = await post("/api/accreditations", json=bad, headers=cat.operator)
    assert response.status_code == 422
    assert response.json()["code"] == "unknown-achievement"
    assert len(response.json()["achievements"]) == 2
    backwards = base | {"validFrom": "2030-01-01T00:00:00Z", "validUntil": "2029-01-01T00:00:00Z"}
    response = await post("/api/accreditations", json=backwards, headers=cat.operator)
    assert response.status_code == 422
    response = await post("/api/accreditations", json=base | {"kind": "x"}, headers=cat.operator)
    assert response.status_code == 422


async def test_qualification_accredits_its_modules(client: Client, cat: Catalogue) -> None:
    first, second = await cat.module(), await cat.module(title="Warmtepompmonteur")
    response = await client.post(
        "/api/catalogue/qualifications",
        json={"code": "Q1", "title": "Allround", "requiredModules": [first["id"], second["id"]]},
        headers=cat.operator,
    )
    assert response.status_code == 201, response.text
    qualification = response.json()["id"]
    created = await accredit(client, cat, kind="evc", achievements=[qualification])
    assert created["achievements"] == [
        f"{BASE_URL}/api/catalogue/qualifications/{qualification}",
        f"{BASE_URL}/api/catalogue/modules/{first['id']}",
        f"{BASE_URL}/api/catalogue/modules/{second['id']}",
    ]


async def test_may_issue_follows_kind_achievements_and_window(
    client: Client, cat: Catalogue, sessionmaker: Sessions, settings: Settings
) -> None:
    module, other = await cat.module(), await cat.module(title="Zonnepanelen")
    await accredit(
        client,
        cat,
        achievements=[module["id"]],
        validFrom="2025-01-01T00:00:00Z",
        validUntil="2035-01-01T00:00:00Z",
    )
    await accredit(client, cat, provider="opleider-b", kind="evc")  # empty: any EVC
    version_url = module["current"]["url"]
    at = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
    async with sessionmaker() as session:
        ids = dict((await session.execute(select(Provider.slug, Provider.id))).tuples().all())
        may = issuers.may_issue
        assert await may(
            session, settings, ids["opleider-a"], "module-certificate", version_url, at
        )
        assert not await may(session, settings, ids["opleider-a"], "evc", version_url, at)
        assert not await may(
            session, settings, ids["opleider-a"], "module-certificate", other["current"]["url"], at
        )
        early, late = at.replace(year=2024), at.replace(year=2036)
        assert not await may(
            session, settings, ids["opleider-a"], "module-certificate", version_url, early
        )
        assert not await may(
            session, settings, ids["opleider-a"], "module-certificate", version_url, late
        )
        assert await may(session, settings, ids["opleider-b"], "evc", "https://example.org/std", at)
        assert not await may(
            session, settings, ids["opleider-b"], "module-certificate", version_url, at
        )


# ---------------------------------------------------------------------------- trust list, keys


async def test_trust_list_is_signed_by_the_operator_and_lists_issuers(
    client: Client, cat: Catalogue, sessionmaker: Sessions, settings: Settings
) -> None:
    module = await cat.module()
    await accredit(client, cat, achievements=[module["id"]])
    async with sessionmaker() as session, session.begin():
        kid = (await signing_key(session, settings, "opleider-a")).kid
    response = await client.get("/trust-list")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/trust-list+jwt")
    trust_list = await operator_trust_list(client)
    did = issuer_did(settings, "opleider-a")
    assert trust_list.issuer == "did:web:testserver.local"
    [listed] = trust_list.issuers
    assert listed.did == did
    assert listed.name == "Opleider A"
    assert [k.kid for k in listed.keys] == [kid]
    assert listed.keys[0].status == "current"
    assert listed.accreditations[0].achievements == [
        f"{BASE_URL}/api/catalogue/modules/{module['id']}"
    ]
    assert trust_list.key_for(kid) is not None
    at = dt.datetime.now(dt.UTC)
    assert listed.accreditations[0].own_achievements is True
    url = module["current"]["url"]
    assert trust_list.accredited(did, "module-certificate", url, at, creator=did)
    # Another key than the operator's does not load it.
    with pytest.raises(Exception, match="operator key"):
        load_trust_list(response.text, SigningKey.generate().public)
    as_json = await client.get("/trust-list", headers={"Accept": "application/json"})
    assert as_json.headers["content-type"].startswith("application/json")
    assert as_json.json()["issuers"][0]["did"] == did
    assert (await client.get("/issuers/nobody/did.json")).status_code == 404


# The CLI opens the test database itself.
@pytest.mark.committed
async def test_rotation_keeps_old_credentials_valid(
    client: Client,
    cat: Catalogue,
    sessionmaker: Sessions,
    settings: Settings,
    database_url: str,
    tmp_path: Path,
) -> None:
    module = await cat.module()
    await accredit(client, cat, achievements=[module["id"]])
    _, before = await issue_direct(sessionmaker, settings, module)
    old_kid = json.loads(_header(before))["kid"]
    env = {
        "REGISTRY_DATABASE_URL": database_url,
        "REGISTRY_SECRET_KEY": settings.secret_key,
        "REGISTRY_BASE_URL": BASE_URL,
        "REGISTRY_VAR_DIR": str(tmp_path),
    }
    args = ["keys", "rotate", "--issuer", "opleider-a"]
    result = await asyncio.to_thread(CliRunner().invoke, main, args, env=env)
    assert result.exit_code == 0, result.output
    rotated = json.loads(result.output)
    assert rotated["issuer"] == "opleider-a"
    assert rotated["kid"] != old_kid
    unknown = ["keys", "rotate", "--issuer", "opleider-x"]
    result = await asyncio.to_thread(CliRunner().invoke, main, unknown, env=env)
    assert result.exit_code == 1
    assert json.loads(result.stderr)["error"] == "issuer-not-found"

    did_doc = (await client.get("/issuers/opleider-a/did.json")).json()
    methods = {m["id"]: m for m in did_doc["verificationMethod"]}
    assert set(methods) == {old_kid, rotated["kid"]}
    assert methods[old_kid]["retired"] is True
    assert "revoked" in methods[old_kid]
    assert did_doc["assertionMethod"] == [rotated["kid"]]

    _, after = await issue_direct(sessionmaker, settings, module)
    assert json.loads(_header(after))["kid"] == rotated["kid"]
    served = await operator_trust_list(client)
    assert {k.status for k in served.issuers[0].keys} == {"current", "retired"}
    assert await verdict(sessionmaker, settings, before, served) == "valid"
    assert await verdict(sessionmaker, settings, after, served) == "valid"
    # A credential dated after the retirement but signed with the retired key is refused.
    async with sessionmaker() as session:
        old_row = await session.scalar(select(IssuerKey).where(IssuerKey.kid == old_kid))
        assert old_row is not None
        old_key = unwrap_key(old_row.wrapped_private, settings.secret_key)
    forged = issue_deelcertificaat(
        DeelcertificaatInput(
            issuer=Party(id=issuer_did(settings, "opleider-a"), name="A"),
            holder=Party(id=did_key(SigningKey.generate().public), name="X"),
            module=ModuleVersionInput(
                url=module["current"]["url"],
                title="t",
                description="d",
                criteria_narrative="c",
                study_load_hours=1,
                provider=Party(id=issuer_did(settings, "opleider-a"), name="A"),
            ),
            issued_at=dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1),
        ),
        old_key,
        kid=old_kid,
    )
    assert await verdict(sessionmaker, settings, forged.jws, served) == "invalid"


def _header(token: str) -> str:
    return b64url_decode(token.split(".", maxsplit=1)[0]).decode()


# ---------------------------------------------------------------------------- status lists


async def _allocate(sessions: Sessions, slug: str, count: int) -> list[tuple[int, int]]:
    async with sessions() as session, session.begin():
        return await status_lists.allocate_status(session, slug, count)


# Allocations at the same time, each on a connection of its own.
@pytest.mark.committed
async def test_concurrent_allocations_never_share_an_index(sessionmaker: Sessions) -> None:
    batches = await asyncio.gather(*(_allocate(sessionmaker, "opleider-a", 300) for _ in range(8)))
    pairs = [pair for batch in batches for pair in batch]
    assert len(pairs) == len(set(pairs)) == 2400
    async with sessionmaker() as session:
        [row] = (await session.scalars(select(StatusListRow))).all()
        assert row.used == 2400
        taken = StatusList(bytearray(row.allocated))
        assert all(taken.get(index) for _, index in pairs)
        assert sum(bin(b).count("1") for b in row.allocated) == 2400
    # Indexes are random, not sequential.
    assert sorted(i for _, i in batches[0]) != list(range(300))


async def test_a_full_list_continues_in_a_new_one(sessionmaker: Sessions) -> None:
    size = status_lists.STATUS_LIST_SIZE
    first = await _allocate(sessionmaker, "opleider-a", size - 5)
    more = await _allocate(sessionmaker, "opleider-a", 12)
    assert len({i for _, i in first}) == size - 5
    list_ids = sorted({lid for lid, _ in first + more})
    assert len(list_ids) == 2
    assert sum(1 for lid, _ in more if lid == list_ids[0]) == 5
    assert not {(lid, i) for lid, i in first} & set(more)
    other = await _allocate(sessionmaker, "opleider-b", 1)
    assert other[0][0] not in list_ids


async def _post_status(client: Client, ident: str, action: str, headers: dict[str, str]) -> Any:
    return await client.post(f"/api/credentials/{ident}/{action}", headers=headers)


async def test_status_changes_follow_the_rules(
    client: Client, cat: Catalogue, accounts: Accounts, sessionmaker: Sessions, settings: Settings
) -> None:
    module = await cat.module()
    await accredit(client, cat, achievements=[module["id"]])
    credential_id, jws = await issue_direct(sessionmaker, settings, module)
    async with sessionmaker() as session:
        row = await session.scalar(
            select(Credential).where(Credential.credential_id == credential_id)
        )
        assert row is not None
    row_id = str(row.id)
    assert await verdict(sessionmaker, settings, jws) == "valid"

    assessor_a = await accounts.headers("assessor", provider="opleider-a")
    for headers in (cat.provider_b, cat.operator, await accounts.headers("worker")):
        response = await _post_status(client, credential_id, "revoke", headers)
        assert response.status_code == 403, response.text
    assert (await client.post(f"/api/credentials/{credential_id}/revoke")).status_code == 401
    missing = await _post_status(client, "urn:uuid:nope", "revoke", cat.provider_a)
    assert missing.status_code == 404
    assert missing.json()["code"] == "credential-not-found"

    response = await _post_status(client, credential_id, "reinstate", cat.provider_a)
    assert (response.status_code, response.json()["code"]) == (409, "not-suspended")
    response = await _post_status(client, row_id, "suspend", cat.provider_a)
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "suspended"
    assert response.json()["credentialId"] == credential_id
    assert await verdict(sessionmaker, settings, jws) == "suspended"
    response = await _post_status(client, credential_id, "suspend", cat.provider_a)
    assert (response.status_code, response.json()["code"]) == (409, "already-suspended")
    response = await _post_status(client, credential_id, "reinstate", assessor_a)
    assert response.json()["status"] == "active"
    assert await verdict(sessionmaker, settings, jws) == "valid"
    response = await _post_status(client, credential_id, "revoke", cat.provider_a)
    assert response.json()["status"] == "revoked"
    assert await verdict(sessionmaker, settings, jws) == "revoked"
    for action in ("revoke", "suspend", "reinstate"):
        response = await _post_status(client, credential_id, action, cat.provider_a)
        assert (response.status_code, response.json()["code"]) == (409, "already-revoked")
    async with sessionmaker() as session:
        actions = (
            await session.scalars(
                select(AuditEvent.action)
                .where(AuditEvent.subject == credential_id)
                .order_by(AuditEvent.id)
            )
        ).all()
    assert actions == ["credential.suspended", "credential.reinstated", "credential.revoked"]


async def test_status_list_is_served_signed_and_cacheable(
    client: Client, cat: Catalogue, sessionmaker: Sessions, settings: Settings
) -> None:
    module = await cat.module()
    await accredit(client, cat, achievements=[module["id"]])
    credential_id, _ = await issue_direct(sessionmaker, settings, module)
    async with sessionmaker() as session:
        row = await session.scalar(
            select(Credential).where(Credential.credential_id == credential_id)
        )
        assert row is not None
        assert row.status_index is not None
    path, index = f"/status/{row.status_list_id}", row.status_index

    first = await client.get(path)
    assert first.status_code == 200
    assert first.headers["content-type"].startswith("application/vc+jwt")
    assert first.headers["cache-control"] == "public, max-age=60"
    etag = first.headers["etag"]
    unchanged = await client.get(path, headers={"If-None-Match": etag})
    assert unchanged.status_code == 304
    assert unchanged.content == b""
    assert unchanged.headers["etag"] == etag

    await _post_status(client, credential_id, "suspend", cat.provider_a)
    config = VerifierConfig(trust_list=await operator_trust_list(client))
    suspended = await client.get(f"{path}/suspension")
    url, bits = read_status_list_credential(suspended.text, config)
    assert url == f"{BASE_URL}{path}/suspension"
    assert bits.get(index)
    await _post_status(client, credential_id, "revoke", cat.provider_a)
    changed = await client.get(path, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.headers["etag"] != etag
    url, bits = read_status_list_credential(changed.text, config)
    assert url == f"{BASE_URL}{path}"
    assert bits.get(index)
    assert sum(bin(b).count("1") for b in bits.to_bytes()) == 1
    _, cleared = read_status_list_credential((await client.get(f"{path}/suspension")).text, config)
    assert not cleared.get(index)  # revoked, no longer (also) suspended

    as_json = await client.get(path, headers={"Accept": "application/json"})
    document = as_json.json()
    assert document["credentialSubject"]["statusPurpose"] == "revocation"
    assert StatusList.decode(document["credentialSubject"]["encodedList"]).get(index)
    assert as_json.headers["etag"] != changed.headers["etag"]
    assert (await client.get("/status/999999")).status_code == 404


# A second app with an engine of its own reads what the first committed.
@pytest.mark.committed
async def test_revocation_survives_a_restart(
    client: Client, cat: Catalogue, sessionmaker: Sessions, settings: Settings
) -> None:
    module = await cat.module()
    await accredit(client, cat, achievements=[module["id"]])
    credential_id, jws = await issue_direct(sessionmaker, settings, module)
    response = await _post_status(client, credential_id, "revoke", cat.provider_a)
    assert response.status_code == 200
    list_id, index = response.json()["statusList"], response.json()["statusIndex"]

    async with AsyncTestClient(create_app(settings), base_url=BASE_URL) as restarted:
        trust_list = await operator_trust_list(restarted)
        served = (await restarted.get(list_id.removeprefix(BASE_URL))).text
        _, bits = read_status_list_credential(served, VerifierConfig(trust_list=trust_list))
        assert bits.get(index)
        again = await _post_status(restarted, credential_id, "reinstate", cat.provider_a)
        assert again.status_code == 409
    assert await verdict(sessionmaker, settings, jws, trust_list) == "revoked"
    async with sessionmaker() as session:
        count = await session.scalar(
            select(func.count()).select_from(Credential).where(Credential.status == "revoked")
        )
    assert count == 1
