"""Issuance over HTTP: one credential, EVC records, who may issue what, batches (JSON, CSV,
all-or-nothing, idempotent, concurrent), wallets claimed by the worker's new account."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import uuid
from typing import Any

import pytest
from litestar.testing import AsyncTestClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from credentials.issue import issue_deelcertificaat
from credentials.jws import parse_compact
from credentials.verifier import Verifier
from credentials.verify import VerifierConfig
from registry.accounts.accounts import create_account
from registry.issuers import status_lists, trust_lists
from registry.models import (
    AuditEvent,
    Credential,
    IdempotentRequest,
    StatusListRow,
    Wallet,
)
from registry.settings import Settings
from tests.catalogue.helpers import Catalogue
from tests.conftest import Accounts

Client = AsyncTestClient[Any]
Sessions = async_sessionmaker[AsyncSession]
STANDARD = "https://kwalificaties.example/allround-monteur-elektrotechniek"


async def accredit(client: Client, cat: Catalogue, **body: Any) -> dict[str, Any]:
    response = await client.post(
        "/api/accreditations",
        json={"provider": "opleider-a", "kind": "module-certificate"} | body,
        headers=cat.operator,
    )
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result


async def accredited_module(client: Client, cat: Catalogue, **changes: Any) -> dict[str, Any]:
    module = await cat.module(**changes)
    await accredit(client, cat, achievements=[str(module["id"])])
    return module


def certificate(module_id: str, email: str, name: str = "Sam de Vries") -> dict[str, Any]:
    return {
        "kind": "module-certificate",
        "moduleId": module_id,
        "holder": {"email": email, "name": name},
    }


def evc_body(email: str) -> dict[str, Any]:
    werkproces = {"uri": f"{STANDARD}#B1-K1-W1", "label": "Installaties aanleggen"}
    return {
        "kind": "evc",
        "holder": {"email": email, "name": "Noor Bakker"},
        "standard": {
            "url": STANDARD,
            "name": "Allround monteur elektrotechniek",
            "description": "Kwalificatie mbo niveau 3.",
            "werkprocessen": [werkproces],
            "level": {"scheme": "mbo", "value": 3},
        },
        "results": [
            {"competence": werkproces, "status": "behaald", "achievedLevel": "zelfstandig"}
        ],
        "evidence": [
            {
                "name": "Portfolio",
                "description": "Tien opdrachten uit de praktijk.",
                "genre": "portfolio",
            }
        ],
    }


async def verdict(sessions: Sessions, settings: Settings, jws: str) -> str:
    async with sessions() as session:
        config = VerifierConfig(
            trust_list=await trust_lists.current_trust_list(session, settings),
            status_lists=await status_lists.status_source(session, settings),
        )
    return Verifier(config).verify(jws).verdict


async def count(sessions: Sessions, model: Any) -> int:
    async with sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


def payload(jws: str) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(parse_compact(jws).payload)
    return result


async def test_issue_verify_and_claim_end_to_end(
    client: Client, cat: Catalogue, accounts: Accounts, sessionmaker: Sessions, settings: Settings
) -> None:
    module = await accredited_module(client, cat)
    response = await client.post(
        "/api/credentials", json=certificate(module["id"], "Sam@Example.nl"), headers=cat.provider_a
    )
    assert response.status_code == 201, response.text
    issued = response.json()
    assert "claimed" not in issued["holder"]  # would tell which addresses have accounts
    assert issued["holder"]["email"] == "sam@example.nl"
    assert issued["achievement"] == module["current"]["url"]
    assert await verdict(sessionmaker, settings, issued["credential"]) == "valid"
    doc = payload(issued["credential"])
    assert doc["credentialSubject"]["id"] == issued["holder"]["did"]
    assert doc["credentialStatus"]["statusListCredential"] == issued["status"]["statusList"]
    assert doc["issuer"]["id"].endswith(":issuers:opleider-a")

    async with sessionmaker() as session:
        row = await session.scalar(
            select(Credential).where(Credential.credential_id == issued["id"])
        )
        assert row is not None
        assert row.module_id == uuid.UUID(module["id"])
        assert row.competences[0]["uri"] == module["current"]["competences"][0]["uri"]
        assert row.sectors == ["installatietechniek"]
        event = await session.scalar(select(AuditEvent).where(AuditEvent.subject == issued["id"]))
        assert event is not None
        assert event.action == "credential.issued"

    # The worker signs up with that address: the wallet is theirs, and the next credential
    # issued to their account lands in the same wallet.
    async with sessionmaker() as session, session.begin():
        worker = await create_account(session, role="worker", name="Sam", email="sam@example.nl")
    async with sessionmaker() as session:
        wallet = await session.get(Wallet, uuid.UUID(issued["holder"]["walletId"]))
        assert wallet is not None
        assert wallet.account_id == worker.id
    # The same module version for the same holder, still valid: an exact re-issue, refused
    # unless asked for (the wallet is found through the account that claimed it).
    body = {
        "kind": "module-certificate",
        "moduleId": module["id"],
        "holder": {"workerId": str(worker.id)},
    }
    refused = await client.post("/api/credentials", json=body, headers=cat.provider_a)
    assert (refused.status_code, refused.json()["code"]) == (422, "already-issued")
    assert refused.json()["credentialId"] == issued["id"]
    assert refused.json()["issuedAt"] == issued["issuedAt"]  # one format: "...Z"
    again = await client.post("/api/credentials?reissue=true", json=body, headers=cat.provider_a)
    assert again.status_code == 201, again.text
    assert again.json()["holder"]["walletId"] == issued["holder"]["walletId"]
    assert "claimed" not in again.json()["holder"]
    assert again.json()["holder"]["name"] == "Sam"


async def test_evc_record_by_an_assessor(
    client: Client, cat: Catalogue, accounts: Accounts, sessionmaker: Sessions, settings: Settings
) -> None:
    assessor = await accounts.headers("assessor", provider="opleider-b")
    response = await client.post(
        "/api/credentials", json=evc_body("noor@example.nl"), headers=assessor
    )
    assert (response.status_code, response.json()["code"]) == (403, "not-accredited")
    await accredit(client, cat, provider="opleider-b", kind="evc", achievements=[STANDARD])
    response = await client.post(
        "/api/credentials", json=evc_body("noor@example.nl"), headers=assessor
    )
    assert response.status_code == 201, response.text
    issued = response.json()
    assert issued["kind"] == "evc"
    assert await verdict(sessionmaker, settings, issued["credential"]) == "valid"
    subject = payload(issued["credential"])["credentialSubject"]
    assert subject["achievement"]["achievementType"] == "ext:EVC"
    assert subject["result"][0]["status"] == "Completed"
    # An assessor records EVC only; a provider issues module certificates only.
    module = await cat.module(cat.provider_b)
    response = await client.post(
        "/api/credentials", json=certificate(module["id"], "x@example.nl"), headers=assessor
    )
    assert (response.status_code, response.json()["code"]) == (403, "role-not-allowed")
    assert response.json()["detail"].startswith("an account with the role assessor cannot")
    response = await client.post(
        "/api/credentials", json=evc_body("noor@example.nl"), headers=cat.provider_b
    )
    assert (response.status_code, response.json()["code"]) == (403, "role-not-allowed")


async def test_an_evc_standards_level_keeps_to_the_level_table(
    client: Client, cat: Catalogue, accounts: Accounts, sessionmaker: Sessions
) -> None:
    """mbo runs from 1 to 4 here as in the catalogue (`schemas.levels`): mbo 5 is refused
    before anything is written, not signed into a record."""
    assessor = await accounts.headers("assessor", provider="opleider-b")
    await accredit(client, cat, provider="opleider-b", kind="evc", achievements=[STANDARD])
    body = evc_body("noor@example.nl")
    body["standard"]["level"] = {"scheme": "mbo", "value": 5}
    response = await client.post("/api/credentials", json=body, headers=assessor)
    assert (response.status_code, response.json()["code"]) == (422, "invalid-input")
    assert "mbo levels run from 1 to 4" in response.text
    assert await count(sessionmaker, Credential) == 0
    body["standard"]["level"] = {"scheme": "nlqf", "value": 8}
    response = await client.post("/api/credentials", json=body, headers=assessor)
    assert response.status_code == 201, response.text


async def test_who_may_issue_what(
    client: Client, cat: Catalogue, accounts: Accounts, sessionmaker: Sessions
) -> None:
    module = await cat.module()
    body = certificate(module["id"], "sam@example.nl")
    post = client.post
    assert (await post("/api/credentials", json=body)).status_code == 401
    for role in ("worker", "employer", "operator", "coach"):
        response = await post("/api/credentials", json=body, headers=await accounts.headers(role))
        assert response.status_code == 403, role
        assert response.json()["code"] == "role-not-allowed"
    # Own module, but not accredited (yet).
    response = await post("/api/credentials", json=body, headers=cat.provider_a)
    assert (response.status_code, response.json()["code"]) == (403, "not-accredited")
    accreditation = await accredit(client, cat, achievements=[str(module["id"])])
    assert (await post("/api/credentials", json=body, headers=cat.provider_a)).status_code == 201
    # Another provider's module, even when that provider is accredited for everything.
    await accredit(client, cat, provider="opleider-b")
    response = await post("/api/credentials", json=body, headers=cat.provider_b)
    assert (response.status_code, response.json()["code"]) == (403, "not-module-owner")
    # Drafts and unknown modules.
    draft = await cat.module(publish=False)
    await accredit(client, cat, achievements=[str(draft["id"])])
    response = await post(
        "/api/credentials", json=certificate(draft["id"], "a@example.nl"), headers=cat.provider_a
    )
    assert (response.status_code, response.json()["code"]) == (409, "module-not-published")
    response = await post(
        "/api/credentials",
        json=certificate(str(uuid.uuid4()), "a@example.nl"),
        headers=cat.provider_a,
    )
    assert (response.status_code, response.json()["code"]) == (404, "module-not-found")
    # Accreditation ended: no more credentials.
    ended = await client.delete(f"/api/accreditations/{accreditation['id']}", headers=cat.operator)
    assert ended.status_code == 200, ended.text
    response = await post("/api/credentials", json=body, headers=cat.provider_a)
    assert (response.status_code, response.json()["code"]) == (403, "not-accredited")
    # Holders: a non-worker's address, an unknown worker, nobody.
    bad_holders = [
        ({"email": "employer@example.nl", "name": "E"}, 422, "holder-not-worker"),
        ({"workerId": str(uuid.uuid4())}, 404, "worker-not-found"),
        ({}, 422, "holder-required"),
        ({"email": "new@example.nl"}, 422, "holder-name-required"),
    ]
    await accounts.headers("employer", email="employer@example.nl")
    other = await cat.module(cat.provider_b)
    for holder, status, code in bad_holders:
        bad = {"kind": "module-certificate", "moduleId": other["id"], "holder": holder}
        response = await post("/api/credentials", json=bad, headers=cat.provider_b)
        assert (response.status_code, response.json()["code"]) == (status, code), holder
    assert await count(sessionmaker, Credential) == 1


async def test_batch_json_and_csv(
    client: Client, cat: Catalogue, sessionmaker: Sessions, settings: Settings
) -> None:
    module = await accredited_module(client, cat)
    items = [certificate(module["id"], f"cursist{n}@example.nl", f"Cursist {n}") for n in range(3)]
    response = await client.post(
        "/api/credentials/batch",
        json={"items": items},
        headers=cat.provider_a | {"Idempotency-Key": "cohort-2031-03"},
    )
    assert response.status_code == 201, response.text
    issued = response.json()["items"]
    assert [i["holder"]["email"] for i in issued] == [f"cursist{n}@example.nl" for n in range(3)]
    assert {await verdict(sessionmaker, settings, i["credential"]) for i in issued} == {"valid"}

    csv_body = (
        "email,name,moduleId\n"
        f"cursist0@example.nl,Cursist 0,{module['id']}\r\n"
        f'nieuw@example.nl,"Nieuw, N.",{module["id"]}\n'
    )
    response = await client.post(
        "/api/credentials/batch?reissue=true",
        content=csv_body.encode(),
        headers=cat.provider_a | {"Idempotency-Key": "csv-1", "Content-Type": "text/csv"},
    )
    assert response.status_code == 201, response.text
    rows = response.json()["items"]
    assert rows[0]["holder"]["walletId"] == issued[0]["holder"]["walletId"]
    assert rows[1]["holder"]["name"] == "Nieuw, N."
    assert await count(sessionmaker, Credential) == 5
    assert await count(sessionmaker, Wallet) == 4


async def test_batch_lists_every_bad_row_and_issues_nothing(
    client: Client, cat: Catalogue, accounts: Accounts, sessionmaker: Sessions
) -> None:
    module = await accredited_module(client, cat)
    other = await cat.module(cat.provider_b)
    good = certificate(module["id"], "goed@example.nl")
    items = [
        good,
        certificate(str(uuid.uuid4()), "a@example.nl"),
        {"kind": "module-certificate", "holder": {"email": "b@example.nl", "name": "B"}},
        certificate(other["id"], "c@example.nl"),
        evc_body("d@example.nl"),
        good | {"extra": 1},
    ]
    headers = cat.provider_a | {"Idempotency-Key": "bad-batch"}
    response = await client.post("/api/credentials/batch", json={"items": items}, headers=headers)
    assert response.status_code == 422, response.text
    problem = response.json()
    assert problem["code"] == "batch-rejected"
    assert [(e["index"], e["code"]) for e in problem["errors"]] == [
        (1, "module-not-found"),
        (2, "invalid-item"),
        (3, "not-module-owner"),
        (4, "role-not-allowed"),
        (5, "invalid-item"),
    ]
    csv_body = (
        "email,name,moduleId\n"
        f"goed@example.nl,Goed,{module['id']}\n"
        f"geen-adres,Fout,{module['id']}\n"
        "x@example.nl,X,not-a-uuid\n"
        f"y@example.nl,Y,{module['id']},extra\n"
    )
    response = await client.post(
        "/api/credentials/batch",
        content=csv_body.encode(),
        headers=cat.provider_a | {"Idempotency-Key": "bad-csv", "Content-Type": "text/csv"},
    )
    assert response.status_code == 422, response.text
    assert [(e["index"], e["line"], e["code"]) for e in response.json()["errors"]] == [
        (1, 3, "invalid-item"),
        (2, 4, "invalid-item"),
        (3, 5, "bad-csv-row"),
    ]
    for model in (Credential, Wallet, StatusListRow, IdempotentRequest):
        assert await count(sessionmaker, model) == 0, model
    # Envelope problems and missing keys.
    post = client.post
    no_key = await post("/api/credentials/batch", json={"items": [good]}, headers=cat.provider_a)
    assert (no_key.status_code, no_key.json()["code"]) == (400, "idempotency-key-required")
    empty = await post("/api/credentials/batch", json={"items": []}, headers=headers)
    assert (empty.status_code, empty.json()["code"]) == (422, "empty-batch")
    header = await post(
        "/api/credentials/batch",
        content=b"mail,nom\n",
        headers=headers | {"Content-Type": "text/csv"},
    )
    assert (header.status_code, header.json()["code"]) == (422, "bad-csv-header")
    broken = await post(
        "/api/credentials/batch",
        content=b"{",
        headers=headers | {"Content-Type": "application/json"},
    )
    assert (broken.status_code, broken.json()["code"]) == (400, "malformed-json")
    xml = await post(
        "/api/credentials/batch", content=b"<a/>", headers=headers | {"Content-Type": "text/xml"}
    )
    assert (xml.status_code, xml.json()["code"]) == (415, "unsupported-media-type")
    worker = await accounts.headers("worker")
    denied = await post(
        "/api/credentials/batch", json={"items": [good]}, headers=worker | {"Idempotency-Key": "w"}
    )
    assert (denied.status_code, denied.json()["code"]) == (403, "role-not-allowed")


# Requests at the same time, each with a connection of its own.
@pytest.mark.committed
async def test_idempotent_retry_returns_the_same_credentials(
    client: Client, cat: Catalogue, sessionmaker: Sessions
) -> None:
    module = await accredited_module(client, cat)
    body = {"items": [certificate(module["id"], f"c{n}@example.nl") for n in range(4)]}
    headers = cat.provider_a | {"Idempotency-Key": "retry-me"}
    first = await client.post("/api/credentials/batch", json=body, headers=headers)
    second = await client.post("/api/credentials/batch", json=body, headers=headers)
    assert first.status_code == second.status_code == 201
    assert first.json() == second.json()
    assert second.headers["idempotent-replayed"] == "true"
    assert await count(sessionmaker, Credential) == 4
    changed = {"items": body["items"][:3]}
    reused = await client.post("/api/credentials/batch", json=changed, headers=headers)
    assert (reused.status_code, reused.json()["code"]) == (409, "idempotency-key-reused")
    # Concurrent retries of a new key: issued exactly once, everybody gets that answer.
    headers = cat.provider_a | {"Idempotency-Key": "racing"}
    body = {"items": [certificate(module["id"], f"r{n}@example.nl") for n in range(5)]}
    answers = await asyncio.gather(
        *(client.post("/api/credentials/batch", json=body, headers=headers) for _ in range(4))
    )
    assert {a.status_code for a in answers} == {201}
    assert len({a.text for a in answers}) == 1
    assert await count(sessionmaker, Credential) == 9


async def test_a_batch_failing_half_way_issues_nothing(
    client: Client, cat: Catalogue, sessionmaker: Sessions, monkeypatch: pytest.MonkeyPatch
) -> None:
    module = await accredited_module(client, cat)
    body = {"items": [certificate(module["id"], f"h{n}@example.nl") for n in range(5)]}
    headers = cat.provider_a | {"Idempotency-Key": "half-way"}
    real = issue_deelcertificaat
    calls: list[int] = []

    def failing(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("signer failed")
        return real(*args, **kwargs)

    monkeypatch.setattr("registry.issuing.credential_store.issue_deelcertificaat", failing)
    events = await count(sessionmaker, AuditEvent)
    response = await client.post("/api/credentials/batch", json=body, headers=headers)
    assert response.status_code == 500
    assert len(calls) == 3
    for model in (Credential, Wallet, IdempotentRequest):
        assert await count(sessionmaker, model) == 0, model
    assert await count(sessionmaker, AuditEvent) == events
    async with sessionmaker() as session:
        assert await session.scalar(select(func.sum(StatusListRow.used))) in (None, 0)
    monkeypatch.setattr("registry.issuing.credential_store.issue_deelcertificaat", real)
    response = await client.post("/api/credentials/batch", json=body, headers=headers)
    assert response.status_code == 201, response.text
    assert await count(sessionmaker, Credential) == 5


# Batches at the same time, each with a connection of its own.
@pytest.mark.committed
async def test_concurrent_batches_never_share_a_status_index(
    client: Client, cat: Catalogue, sessionmaker: Sessions
) -> None:
    module = await accredited_module(client, cat)
    # First issue creates the issuer key; then four cohorts at once.
    first = await client.post(
        "/api/credentials",
        json=certificate(module["id"], "eerste@example.nl"),
        headers=cat.provider_a,
    )
    assert first.status_code == 201, first.text

    async def cohort(n: int) -> list[dict[str, Any]]:
        body = {"items": [certificate(module["id"], f"k{n}-{i}@example.nl") for i in range(30)]}
        headers = cat.provider_a | {"Idempotency-Key": f"cohort-{n}"}
        response = await client.post("/api/credentials/batch", json=body, headers=headers)
        assert response.status_code == 201, response.text
        items: list[dict[str, Any]] = response.json()["items"]
        return items

    results = await asyncio.gather(*(cohort(n) for n in range(4)))
    slots = [(i["status"]["statusList"], i["status"]["statusIndex"]) for r in results for i in r]
    slots.append((first.json()["status"]["statusList"], first.json()["status"]["statusIndex"]))
    assert len(slots) == len(set(slots)) == 121
    async with sessionmaker() as session:
        stored = (
            await session.execute(select(Credential.status_list_id, Credential.status_index))
        ).all()
        assert len(set(stored)) == 121
        assert await session.scalar(select(func.sum(StatusListRow.used))) == 121


async def test_valid_until_and_unknown_fields(client: Client, cat: Catalogue) -> None:
    module = await accredited_module(client, cat)
    body = certificate(module["id"], "v@example.nl")
    past = (dt.datetime.now(dt.UTC) - dt.timedelta(days=1)).isoformat()
    response = await client.post(
        "/api/credentials", json=body | {"validUntil": past}, headers=cat.provider_a
    )
    assert (response.status_code, response.json()["code"]) == (422, "bad-valid-until")
    future = (dt.datetime.now(dt.UTC) + dt.timedelta(days=365)).isoformat()
    response = await client.post(
        "/api/credentials", json=body | {"validUntil": future}, headers=cat.provider_a
    )
    assert response.status_code == 201, response.text
    assert "exp" in payload(response.json()["credential"])
    response = await client.post(
        "/api/credentials", json=body | {"surprise": True}, headers=cat.provider_a
    )
    assert response.status_code == 422
