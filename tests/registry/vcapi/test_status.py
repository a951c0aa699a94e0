"""Status of what the VC API issues: its BitstringStatusListEntry pair, the signed lists it
serves, `POST /credentials/status`, and what verification then says."""

from __future__ import annotations

from typing import Any

import pytest
from litestar.testing import AsyncTestClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from credentials.dataintegrity import verify_proof
from credentials.keys import resolve_did_key
from credentials.status import StatusList
from registry.models import AuditEvent, VcApiCredential
from tests.conftest import BASE_URL, Accounts
from tests.registry.vcapi.helpers import (
    P256,
    SUITES,
    VcApi,
    credential,
    issuer_of,
    payload_of,
    refused,
    verified,
)
from tests.registry.wallet_helpers import World

LISTS = f"{BASE_URL}/credentials/status-lists/"


@pytest.fixture
async def api(client: AsyncTestClient[Any], accounts: Accounts) -> VcApi:
    return await VcApi.integrator(client, accounts)


def entries_of(issued: dict[str, Any]) -> list[dict[str, Any]]:
    document = issued if "proof" in issued else payload_of(issued)[1]
    found: list[dict[str, Any]] = document["credentialStatus"]
    return found


async def served(client: AsyncTestClient[Any], url: str) -> dict[str, Any]:
    """A status list credential as anyone reads it: no token."""
    answer = await client.get(url.removeprefix(BASE_URL))
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("application/json")
    document: dict[str, Any] = answer.json()
    return document


async def change(api: VcApi, credential_id: str, purpose: str, **extra: Any) -> Any:
    entry = {"type": "BitstringStatusListEntry", "statusPurpose": purpose}
    body = {"credentialId": credential_id, "credentialStatus": entry, **extra}
    return await api.post("/credentials/status", body)


@pytest.mark.parametrize("suite", [*SUITES, None])
async def test_issued_with_a_revocation_and_a_suspension_entry(
    api: VcApi, client: AsyncTestClient[Any], suite: str | None
) -> None:
    issued = await api.issue(credential(issuer_of(suite)), suite)
    revocation, suspension = entries_of(issued)
    index = revocation["statusListIndex"]
    url = revocation["statusListCredential"]
    assert url.startswith(LISTS)
    assert url.removeprefix(LISTS).isdigit()
    assert revocation == {
        "id": f"{url}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": index,
        "statusListCredential": url,
    }
    assert suspension["statusPurpose"] == "suspension"
    assert suspension["statusListCredential"] == f"{url}/suspension"
    assert suspension["statusListIndex"] == index
    for entry in (revocation, suspension):
        listed = await served(client, entry["statusListCredential"])
        assert listed["id"] == entry["statusListCredential"]
        assert listed["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
        # Signed by the key that signed the credential, with the suite that key makes.
        assert listed["issuer"] == issuer_of(suite)
        assert listed["proof"]["cryptosuite"] == (
            "ecdsa-rdfc-2019" if listed["issuer"] == P256.did else "eddsa-rdfc-2022"
        )
        assert verify_proof(listed, resolve_key=resolve_did_key).ok
        subject = listed["credentialSubject"]
        assert (subject["type"], subject["statusPurpose"]) == (
            "BitstringStatusList",
            entry["statusPurpose"],
        )
        bits = StatusList.decode(subject["encodedList"])
        assert bits.size == 131_072
        assert not bits.get(int(index))
        # Our verifier reads the list itself as a credential, too.
        await verified(api, listed)
    await verified(api, issued)


async def test_one_entry_per_id_and_issuer(api: VcApi) -> None:
    first = entries_of(await api.issue(credential(), "eddsa-rdfc-2022"))
    again = entries_of(await api.issue(credential(), "eddsa-jcs-2022"))
    other = entries_of(await api.issue(credential(id="urn:uuid:other"), "eddsa-rdfc-2022"))
    by_p256 = entries_of(await api.issue(credential(P256.did), "ecdsa-rdfc-2019"))
    assert again == first
    assert other[0]["statusListCredential"] == first[0]["statusListCredential"]
    assert other[0]["statusListIndex"] != first[0]["statusListIndex"]
    # Each API key has lists of its own.
    assert by_p256[0]["statusListCredential"] != first[0]["statusListCredential"]


async def test_no_entry_without_an_id_or_with_a_status_of_its_own(api: VcApi) -> None:
    without_id = credential()
    del without_id["id"]
    assert "credentialStatus" not in await api.issue(without_id, "eddsa-rdfc-2022")
    own = {
        "id": "https://example.com/status/1#5",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": "5",
        "statusListCredential": "https://example.com/status/1",
    }
    issued = await api.issue(credential(credentialStatus=own), "eddsa-rdfc-2022")
    assert issued["credentialStatus"] == own


async def test_an_entry_on_the_apis_lists_is_the_apis_to_add(
    api: VcApi, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    taken = entries_of(await api.issue(credential(), "eddsa-rdfc-2022"))[0]
    forged = credential(id="urn:uuid:forged", credentialStatus=taken)
    answer = await api.post("/credentials/issue", {"credential": forged})
    assert (answer.status_code, answer.json()["code"]) == (422, "not-issuable")
    assert answer.json()["errors"][0]["key"] == "credentialStatus"
    # A refused credential takes no index (nothing is written).
    undefined = credential(id="urn:uuid:undefined", unknownTerm=1)
    answer = await api.post("/credentials/issue", {"credential": undefined})
    assert answer.status_code == 422
    async with sessionmaker() as session:
        ids = await session.scalars(select(VcApiCredential.credential_id))
        assert list(ids) == [credential()["id"]]


@pytest.mark.parametrize("suite", ["eddsa-rdfc-2022", "ecdsa-rdfc-2019", None])
async def test_revoked_it_no_longer_verifies(
    api: VcApi,
    client: AsyncTestClient[Any],
    sessionmaker: async_sessionmaker[AsyncSession],
    suite: str | None,
) -> None:
    issued = await api.issue(credential(issuer_of(suite)), suite)
    answer = await change(api, credential()["id"], "revocation")
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"credentialId": credential()["id"], "status": ["revoked"]}
    assert await refused(api, issued, "revoked") == [("status", "revoked")]
    entry = entries_of(issued)[0]
    listed = await served(client, entry["statusListCredential"])
    assert StatusList.decode(listed["credentialSubject"]["encodedList"]).get(
        int(entry["statusListIndex"])
    )
    assert verify_proof(listed, resolve_key=resolve_did_key).ok
    # Revocation is final: again, or undone, is a conflict.
    again = await change(api, credential()["id"], "revocation")
    assert (again.status_code, again.json()["code"]) == (409, "already-revoked")
    undo = await change(api, credential()["id"], "revocation", status=False)
    assert (undo.status_code, undo.json()["code"]) == (409, "already-revoked")
    async with sessionmaker() as session:
        events = await session.scalars(
            select(AuditEvent.action).where(AuditEvent.subject == credential()["id"])
        )
        assert list(events) == ["vc-api.credential.revoked"]


async def test_suspended_then_reinstated(api: VcApi) -> None:
    issued = await api.issue(credential(), "eddsa-rdfc-2022")
    answer = await change(api, credential()["id"], "suspension")
    assert answer.json()["status"] == ["suspended"]
    assert await refused(api, issued, "suspended") == [("status", "suspended")]
    # The older form: the bit in the entry itself, and a list of entries.
    entry = {**entries_of(issued)[1], "status": "0"}
    body = {"credentialId": credential()["id"], "credentialStatus": [entry]}
    answer = await api.post("/credentials/status", body)
    assert answer.json()["status"] == ["active"], answer.text
    await verified(api, issued)
    not_suspended = await change(api, credential()["id"], "suspension", status=False)
    assert (not_suspended.status_code, not_suspended.json()["code"]) == (409, "not-suspended")


async def test_every_copy_of_an_id_changes(api: VcApi) -> None:
    by_ed25519 = await api.issue(credential(), "eddsa-rdfc-2022")
    by_p256 = await api.issue(credential(P256.did), "ecdsa-rdfc-2019")
    answer = await change(api, credential()["id"], "revocation")
    assert answer.json()["status"] == ["revoked", "revoked"]
    for issued in (by_ed25519, by_p256):
        await refused(api, issued, "revoked")


async def test_refusals(api: VcApi, client: AsyncTestClient[Any], world: World) -> None:
    await api.issue(credential(), "eddsa-rdfc-2022")
    unknown = await change(api, "urn:uuid:never-issued", "revocation")
    assert unknown.status_code == 404
    assert unknown.headers["content-type"].startswith("application/problem+json")
    assert unknown.json()["code"] == "vc-api-credential-not-found"
    wrong_entry = await change(
        api, credential()["id"], "revocation", credentialStatus={"statusListIndex": "1"}
    )
    assert (wrong_entry.status_code, wrong_entry.json()["code"]) == (400, "vc-api-bad-request")
    other_list = {
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListCredential": f"{LISTS}999",
    }
    body = {"credentialId": credential()["id"], "credentialStatus": other_list}
    answer = await api.post("/credentials/status", body)
    assert answer.json()["code"] == "vc-api-credential-not-found"
    missing = await client.get("/credentials/status-lists/999")
    assert (missing.status_code, missing.json()["code"]) == (404, "vc-api-status-list-not-found")
    # The registry's own credentials are their issuers' to change, not the API's.
    worker = await world.person("worker", "vcapi-status@example.com", "Sam de Vries")
    ours = await world.issue(worker)
    answer = await change(api, ours["id"], "revocation")
    assert (answer.status_code, answer.json()["code"]) == (404, "vc-api-credential-not-found")
    await verified(api, ours["credential"])


async def test_a_refused_change_changes_nothing(api: VcApi) -> None:
    issued = await api.issue(credential(), "eddsa-rdfc-2022")
    both = [
        {"type": "BitstringStatusListEntry", "statusPurpose": "revocation"},
        {"type": "BitstringStatusListEntry", "statusPurpose": "suspension"},
    ]
    body = {"credentialId": credential()["id"], "credentialStatus": both}
    answer = await api.post("/credentials/status", body)
    # Revoked first, a revoked credential is not suspended: the whole request is undone.
    assert (answer.status_code, answer.json()["code"]) == (409, "already-revoked")
    await verified(api, issued)


async def test_the_registrys_own_verification_reads_these_lists(
    api: VcApi, client: AsyncTestClient[Any]
) -> None:
    issued = await api.issue(credential(), "eddsa-rdfc-2022")
    await change(api, credential()["id"], "suspension")
    answer = await client.post("/api/verify", json={"credential": issued})
    assert answer.status_code == 200, answer.text
    report = answer.json()
    assert report["verdict"] == "suspended"
    assert ("status", "suspended") in [(c["name"], c["code"]) for c in report["checks"]]
